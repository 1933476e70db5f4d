#!/bin/sh
# SPDX-License-Identifier: MIT
# End to end in tmux: values typed at the view's prompt (: and /) show in
# the settings bar, a bad value is refused in the view with the command
# line's range and changes nothing, Esc cancels, and the numbers on screen
# afterwards are the report's for the command line the view shows (C): the
# per-layer activation and gradient std, to the three digits both print.
# Skips (77) without tmux.

BIN="${top_builddir:-.}/initviz"
. "${top_srcdir:-.}/tests/tmux_lib.sh"
tmux_begin ivprompt

VIEW="env LC_ALL=C.UTF-8 TERM=screen-256color $BIN --depth 6 --width 32 --batch 64"

start p 120 40 "$VIEW"
check "starts" p wait_for p "computed in"

# --- typed values ----------------------------------------------------------
tm send-keys -t p ':' 'width 48' Enter
check ":width 48: in the settings bar" p wait_for p "width 48   batch 64"
check ":width 48: the notice says what changed" p wait_for p "width 48 (was 32)"
tm send-keys -t p ':' 'seed 9' Enter
check ":seed 9: in the settings bar" p wait_for p "seed 9 "
tm send-keys -t p ':' 'gain 1.5' Enter
check ":gain 1.5: in the settings bar" p wait_for p "gain 1.5 "
tm send-keys -t p '/' 'rel' Enter
check "/rel: relu" p wait_for p "act relu"
tm send-keys -t p '/' 'he-n' Enter
check "/he-n: he-normal" p wait_for p "init he-normal"
tm send-keys -t p ':' 'dep' Tab
check ":dep Tab: completed, the range and the value now" p \
	wait_for p ":depth    depth: an integer from 1 to 10000; now 6"
tm send-keys -t p '3' Enter
check ":depth 3: in the settings bar" p wait_for p "depth 3   width 48"

# --- refused, cancelled --------------------------------------------------------
tm send-keys -t p ':' 'batch 0' Enter
check ":batch 0: refused with the command line's range" p \
	wait_for p 'batch must be an integer from 1 to 1000000 (got "0")'
tm send-keys -t p Escape
check "Esc: the prompt closes" p wait_gone p 'batch must be'
check "Esc: batch unchanged" p wait_for p "batch 64"
tm send-keys -t p ':' 'depth 40' Escape
check "Esc: depth 40 not taken" p wait_for p "? Help"
check "Esc: depth still 3" p has_text p "depth 3   width 48"
tm send-keys -t p '/' 'xyz' Enter
check "/xyz: no such name" p \
	wait_for p 'no init scheme or activation starts with "xyz"'
tm send-keys -t p Escape
tm send-keys -t p ':' 'q' Escape
check "q typed in the prompt does not quit" p wait_for p "? Help"
check "still running" p alive p

# --- the numbers are the report's for the command line shown ------------------
check "computed" p wait_for p "computed in"
tm capture-pane -p -t p >"$TMPD/screen.txt"
tm send-keys -t p C
check "C: the command line" p wait_for p "The command line that reproduces"
cmd=$(tm capture-pane -p -t p | sed -n 's/^ *\(initviz --.*\)$/\1/p' | head -1)
want="initviz --init=he-normal --gain=1.5 --activation=relu --depth=3 --width=48 --batch=64 --seed=9"
if [ "$cmd" = "$want" ]; then
	ok "C shows every typed setting: $cmd"
else
	not_ok "C shows \"$cmd\", want \"$want\""
fi
# layer rows " 1 ... 0.587   48% ... | ... 0.168": layer, act std (the
# field before the zero percentage), grad std (the last field); the axis
# row above them has no percentage
awk -F '│' '/^depth profile/ { exit }
	/^ *[0-9]+ / { n = split($1, a, " "); s = ""
		for (i = 2; i <= n; i++) if (a[i] ~ /%$/) { s = a[i - 1]; break }
		m = split($2, b, " "); if (s != "") print a[1], s, b[m] }' \
	"$TMPD/screen.txt" >"$TMPD/view.txt"
# shellcheck disable=SC2086 # the command's words
"$BIN" --report ${cmd#initviz } 2>"$TMPD/report.err" |
	awk '/^layer / { on = 1; next } on && NF == 0 { exit }
	     on { print $1, $5, $6 }' >"$TMPD/report.txt"
if [ -s "$TMPD/view.txt" ] && [ "$(wc -l <"$TMPD/view.txt")" -eq 3 ] &&
	cmp -s "$TMPD/view.txt" "$TMPD/report.txt"; then
	ok "the view's act and grad std per layer are the report's"
else
	not_ok "view and report differ: view
$(cat "$TMPD/view.txt")
report
$(cat "$TMPD/report.txt" "$TMPD/report.err")"
fi

tm send-keys -t p Escape q
check "q: exit status 0" p wait_status p 0

echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
