#!/bin/sh
# SPDX-License-Identifier: MIT
# A long report shows how far it has come on a terminal's stderr, and only
# there: `initviz --report --train-steps=N` in tmux (stderr the pane,
# stdout a file) shows "initviz: training, step k of N, ..." while it
# trains, clears the line before it exits 0 (the pane keeps nothing of
# it), and writes the same report as a run whose stderr is a file, which
# stays empty. Ctrl-C during a long run clears the line too, and the
# status is 130 as before. A sweep's line moves on while it trains.
# INITVIZ_PROGRESS=0 shows the line from the first step on
# (1 s by default), so that a run of a second or two is long enough to
# see it. Skips (77) without tmux.

BIN="${top_builddir:-.}/initviz"
. "${top_srcdir:-.}/tests/tmux_lib.sh"
tmux_begin ivprogress

ARGS="--report --format=json --train-steps=1500 --width=64 --batch=128 --depth=4"
start p 100 8 "env LC_ALL=C.UTF-8 INITVIZ_PROGRESS=0 $BIN $ARGS >$TMPD/tty.json"
check "while it trains, a line names the step" p \
	wait_for p "initviz: training, step "
# the run: up to 2 minutes (sanitizers, a loaded machine)
n=0
while ! status_is p 0 && [ $n -lt 12 ]; do
	wait_status p 0
	n=$((n + 1))
done
check "the report exits 0" p status_is p 0
check "the line is cleared before the report is written" p \
	lacks_text p "initviz:"
# shellcheck disable=SC2086
INITVIZ_PROGRESS=0 "$BIN" $ARGS >"$TMPD/file.json" 2>"$TMPD/err"
check_cmd "with stderr a file, the same report" \
	cmp -s "$TMPD/tty.json" "$TMPD/file.json"
check_cmd "and nothing on stderr" test ! -s "$TMPD/err"

# Ctrl-C during a long training: the line goes, the status is SIGINT's
start c 100 8 "env LC_ALL=C.UTF-8 INITVIZ_PROGRESS=0 $BIN --report --train-steps=1000000 --width=64 --batch=128 --depth=4 >/dev/null"
# (its estimate comes from 2% on: under the sanitizers, minutes away)
check "a long training shows its line" c wait_for c "initviz: training, step "
tm send-keys -t c C-c
check "Ctrl-C ends it with status 130" c wait_status c 130
check "and clears the line" c lacks_text c "initviz:"

# A terminal made narrower while the line shows: the line stays on one
# row. (Blanks up to the longer line shown before wrapped, and each update
# left a row behind, a column of progress lines down the screen.)
start n 100 12 "env LC_ALL=C.UTF-8 INITVIZ_PROGRESS=0 $BIN --report --train-steps=1000000 --width=64 --batch=128 --depth=4 >/dev/null"
check "a long training shows its line" n wait_for n "initviz: training, step "
tm resize-window -t n -x 40 -y 12
sleep 3 # several updates of the line
rows=$(tm capture-pane -p -t n | grep -c "initviz: training")
check_cmd "narrower: one row of progress (got $rows)" [ "$rows" -le 1 ]
tm resize-window -t n -x 100 -y 12
sleep 1
line_ends() {
	tm capture-pane -p -t n | grep "initviz: training" | sed 's/ *$//' |
		grep -q '\( s\| left\)$'
}
check "wider again: nothing after the line on its row" n line_ends
tm send-keys -t n C-c
check "narrower: Ctrl-C ends it with status 130" n wait_status n 130
check "narrower: and clears the line" n lacks_text n "initviz:"

# A terminal one column wide: no room for the line, so none (it was taken
# for 80 columns, and every rewrite wrapped into rows of one character)
start one 1 12 "env LC_ALL=C.UTF-8 INITVIZ_PROGRESS=0 $BIN --report --train-steps=1000000 --width=64 --batch=128 --depth=4 >/dev/null"
sleep 2
blank() { [ -z "$(tm capture-pane -p -t one | tr -d ' \n')" ]; }
check "one column: nothing written" one blank
tm resize-window -t one -x 100 -y 12
check "one column, then 100: the line" one wait_for one "initviz: training, step "
tm send-keys -t one C-c
check "one column: Ctrl-C ends it with status 130" one wait_status one 130

# In the background (Ctrl-Z, then bg in a shell with job control) the line
# is not written: it went over the shell's prompt and what was typed after
# it, four times a second. Back in the foreground (fg) it shows again.
tm new-session -d -s bg -x 100 -y 12 "exec env PS1='$ ' ENV= sh -i"
tm send-keys -t bg "env LC_ALL=C.UTF-8 INITVIZ_PROGRESS=0 $BIN --report --train-steps=1000000 --width=64 --batch=128 --depth=4 >/dev/null" Enter
check "a long training shows its line" bg wait_for bg "initviz: training, step "
pid=$(view_pid bg)
tm send-keys -t bg C-z
check "Ctrl-Z stops it" bg wait_for bg "Stopped"
tm send-keys -t bg "bg" Enter
sleep 0.5
tm send-keys -t bg "echo typed-here"
sleep 1.5 # six rewrites of a line in the foreground
check "in the background: the prompt and what is typed stay" bg \
	has_text bg '$ echo typed-here'
tm send-keys -t bg C-u "fg" Enter
last_is_line() {
	tm capture-pane -p -t bg | grep -v '^ *$' | tail -1 |
		grep -q "^initviz: training, step "
}
check "fg: the line again, below the prompt" bg poll last_is_line
[ -n "$pid" ] && kill "$pid"
tm kill-session -t bg

# A sweep's line counts its training too: its clock runs on while a
# configuration trains (it stood at the passes' end, "0 s", with the
# fraction of the passes alone, whatever the steps still to take)
start s 100 8 "env LC_ALL=C.UTF-8 INITVIZ_PROGRESS=0 $BIN --sweep=width:32,64 --train-steps=1000000 --batch=128 --depth=4 >/dev/null"
check "a sweep's line runs on while it trains" s \
	wait_for s "initviz: sweep, 0 of 2 configurations done, 2 s"
tm send-keys -t s C-c
check "Ctrl-C ends the sweep with status 130" s wait_status s 130

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
