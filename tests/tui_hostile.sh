#!/bin/sh
# SPDX-License-Identifier: MIT
# Hostile terminals and extreme numbers for the real binary in tmux: tiny
# sizes down to 1x1, a burst of 200 resizes, TERM=dumb, a non-UTF-8 locale,
# NO_COLOR, closed or redirected streams, every signal that would end the
# process (the terminal's settings, cursor and main screen restored first),
# Ctrl-Z and fg, a 1-line terminal, and configurations that overflow or
# underflow. Never a spin, crash or a terminal left in the alternate screen.
# Skips (77) without tmux.

BIN="${top_builddir:-.}/initviz"
. "${top_srcdir:-.}/tests/tmux_lib.sh"
tmux_begin ivhostile

U="env LC_ALL=C.UTF-8 TERM=screen-256color"
SMALL="--depth 5 --width 16 --batch 32"

# --- tiny sizes and a burst of resizes ---------------------------------------
start tiny 100 30 "$U $BIN $SMALL"
check "tiny: starts" tiny wait_for tiny "computed in"
for size in 1x1 2x1 1x2 5x3 20x5 40x10; do
	tm resize-window -t tiny -x "${size%x*}" -y "${size#*x}"
	sleep 0.2
	check "tiny: survives $size" tiny alive tiny
done
tm resize-window -t tiny -x 100 -y 30
check "tiny: back to 100x30 draws the view" tiny wait_for tiny "computed in"
i=0
while [ $i -lt 100 ]; do
	tm resize-window -t tiny -x 80 -y 24
	tm resize-window -t tiny -x 101 -y 31
	i=$((i + 1))
done
check "burst of 200 resizes: still alive" tiny alive tiny
tm send-keys -t tiny a
check "burst: keys still answered" tiny wait_long tiny "act relu"
tm send-keys -t tiny q
check "burst: q exits 0" tiny wait_status tiny 0

# --- terminals initviz cannot use ---------------------------------------------
for t in dumb unknownterm; do
	start "t$t" 80 24 "env TERM=$t $BIN $SMALL 2>$TMPD/$t.err"
	check "TERM=$t: exit 2" "t$t" wait_status "t$t" 2
	check "TERM=$t: one line pointing at --report" "t$t" \
		grep -q "^initviz: no terminal (.*); use --report" "$TMPD/$t.err"
done
# A TERM that holds a terminal's own escape sequence (one that sets the
# window title) or 5000 bytes: the message quotes it escaped and cut.
start tesc 80 24 "env TERM=\"\$(printf 'x\\033]2;PWNED\\007y')\" $BIN $SMALL 2>$TMPD/tesc.err"
check "TERM with ESC and BEL: exit 2" tesc wait_status tesc 2
check "TERM with ESC and BEL: quoted in caret notation" tesc \
	grep -qF 'unknown terminal type "x^[]2;PWNED^Gy"' "$TMPD/tesc.err"
check "TERM with ESC and BEL: no control byte" tesc sh -c \
	"! LC_ALL=C grep -q '[[:cntrl:]]' $TMPD/tesc.err"
start tlong 80 24 "env TERM=\"\$(printf '%05000d' 0)\" $BIN $SMALL 2>$TMPD/tlong.err"
check "TERM of 5000 bytes: exit 2" tlong wait_status tlong 2
check "TERM of 5000 bytes: cut with ..., the advice kept" tlong sh -c \
	"grep -qF '0...0' $TMPD/tlong.err &&
	 grep -qF '0\"); use --report' $TMPD/tlong.err &&
	 [ \$(wc -c <$TMPD/tlong.err) -le 200 ]"
start noterm 80 24 "env -u TERM $BIN $SMALL 2>$TMPD/noterm.err"
check "TERM unset: exit 2" noterm wait_status noterm 2
start closed 80 24 "$U $BIN $SMALL <&- 2>$TMPD/closed.err"
check "stdin closed: exit 2" closed wait_status closed 2
start devnull 80 24 "$U $BIN $SMALL </dev/null 2>$TMPD/devnull.err"
check "stdin /dev/null: exit 2" devnull wait_status devnull 2
start redir 80 24 "$U $BIN $SMALL >$TMPD/out 2>$TMPD/redir.err"
check "stdout redirected: exit 2" redir wait_status redir 2
check "stdout redirected: message" redir grep -q "^initviz: no terminal" "$TMPD/redir.err"

# --- locale and colour ------------------------------------------------------------
start ascii 100 30 "env LC_ALL=C TERM=screen-256color $BIN $SMALL"
check "LC_ALL=C: draws" ascii wait_for ascii "computed in"
check "LC_ALL=C: ASCII only" ascii sh -c \
	"! SHELL=/bin/sh $TMUX_BIN -L $SOCK capture-pane -p -t ascii | LC_ALL=C grep -q '[^ -~]'"
tm send-keys -t ascii q
check "LC_ALL=C: q exits 0" ascii wait_status ascii 0
# A lesson file's UTF-8 under LC_ALL=C: curses there shows each byte of a
# character as ~C or M-C, cells the layout did not count, so the title's
# rule was shifted and cut. Each such character is a '?' now.
mkdir -p "$TMPD/xdg/initviz"
printf '[lesson]\ntitle = Caf\303\251 \317\203 end\ntext = poids \317\203\302\262 fin\ndepth = 3\nwidth = 4\nbatch = 4\n' \
	>"$TMPD/xdg/initviz/u.lessons"
n=$(($(XDG_CONFIG_HOME=$TMPD/none "$BIN" --list-lessons | wc -l) + 1))
start u8c 100 30 "env LC_ALL=C TERM=screen-256color XDG_CONFIG_HOME=$TMPD/xdg $BIN --lesson=$n"
check "LC_ALL=C, a UTF-8 lesson: draws" u8c wait_for u8c "computed in"
check "LC_ALL=C, a UTF-8 lesson: a character is a '?'" u8c \
	wait_for u8c "lesson $n/$n: Caf? ? end -"
check "LC_ALL=C, a UTF-8 lesson: the rule keeps its notes" u8c \
	wait_for u8c "? end ---"
check "LC_ALL=C, a UTF-8 lesson: the text" u8c wait_for u8c " poids ?? fin"
check "LC_ALL=C, a UTF-8 lesson: ASCII only" u8c sh -c \
	"! SHELL=/bin/sh $TMUX_BIN -L $SOCK capture-pane -p -t u8c | LC_ALL=C grep -q '[^ -~]'"
tm send-keys -t u8c q
check "LC_ALL=C, a UTF-8 lesson: q exits 0" u8c wait_status u8c 0
start mono 100 30 "$U NO_COLOR=1 $BIN $SMALL"
check "NO_COLOR: draws" mono wait_for mono "computed in"
check "NO_COLOR: no colour escapes" mono sh -c \
	"! SHELL=/bin/sh $TMUX_BIN -L $SOCK capture-pane -e -p -t mono | grep -q '\[3[0-7]m\|\[38;5'"
tm send-keys -t mono q
check "NO_COLOR: q exits 0" mono wait_status mono 0

# --- Ctrl-S: a key, not XOFF ------------------------------------------------------------
# With flow control on, Ctrl-S stopped the terminal's output: the view froze
# mid-frame, its keys unanswered, until Ctrl-Q. (The signal tests below
# check that the shell's settings, IXON included, come back.)
start xoff 100 30 "$U $BIN $SMALL"
check "Ctrl-S: started" xoff wait_for xoff "computed in"
tm send-keys -t xoff C-s
tm send-keys -t xoff a
check "Ctrl-S: the view still draws the keys' answers" xoff wait_for xoff "act relu"
tm send-keys -t xoff C-q q
check "Ctrl-S: q exits 0" xoff wait_status xoff 0

# --- LINES and COLUMNS in the environment ------------------------------------------------
# Left exported by a shell or a script, they are not the terminal's size:
# curses took them over it and drew a 300x100 screen on 100x30, scrambled;
# huge ones kept the screen from opening ("no terminal", exit 2).
start envsz 100 30 "env LINES=100 COLUMNS=300 $U $BIN $SMALL"
check "LINES=100 COLUMNS=300 on 100x30: draws" envsz wait_for envsz "computed in"
envsz_rows() {
	tm capture-pane -p -t envsz | head -1 | grep -q "^ init " &&
		tm capture-pane -p -t envsz | tail -1 | grep -q "q Quit *\$"
}
check "LINES=100 COLUMNS=300 on 100x30: the settings on top, the bar below" \
	envsz envsz_rows
tm send-keys -t envsz q
check "LINES=100 COLUMNS=300: q exits 0" envsz wait_status envsz 0
start envbig 100 30 "env LINES=99999999 COLUMNS=99999999 $U $BIN $SMALL"
check "LINES=COLUMNS=99999999: draws" envbig wait_for envbig "computed in"
tm send-keys -t envbig q
check "LINES=COLUMNS=99999999: q exits 0" envbig wait_status envbig 0

# A terminal that does not know its size (a serial line: stty rows 0 cols
# 0) is what LINES and COLUMNS are for: there they count.
start envser 120 35 "stty rows 0 cols 0; env LINES=30 COLUMNS=100 $U $BIN $SMALL"
check "no size, LINES=30 COLUMNS=100: draws" envser wait_for envser "computed in"
bar_row() { [ "$(tm capture-pane -p -t envser | grep -n 'q Quit' | cut -d: -f1)" = 30 ]; }
check "no size, LINES=30 COLUMNS=100: the bar on row 30" envser bar_row
tm send-keys -t envser q
check "no size, LINES=30 COLUMNS=100: q exits 0" envser wait_status envser 0

# --- a key script's Resize on a real terminal ------------------------------------------
# Resize sizes the virtual screen of a script run without a terminal. On a
# terminal it drew a 200x60 screen on 100x30, scrambled until the window
# itself was resized; it is skipped there now.
printf 'Resize 200x60\nWait a\n' >"$TMPD/resize.keys"
start rsz 100 30 "$U $BIN $SMALL --keys=$TMPD/resize.keys"
check "script Resize on a terminal: the keys after it" rsz wait_for rsz "act relu"
top_row() { tm capture-pane -p -t rsz | head -1 | grep -q "^ init .*act relu"; }
bottom_row() { tm capture-pane -p -t rsz | tail -1 | grep -q "q Quit *\$"; }
check "script Resize on a terminal: the top row is the settings" rsz top_row
check "script Resize on a terminal: the bottom row is the bar" rsz bottom_row
tm send-keys -t rsz q
check "script Resize on a terminal: q exits 0" rsz wait_status rsz 0

# --- escape sequences the terminfo entry does not name -------------------------------
# TERM=xterm inside tmux: Home and End come as ESC [ 1 ~ and ESC [ 4 ~
# (xterm's entry says ESC O H), with F-keys and mouse or focus reports the
# entry does not know. Curses hands such a sequence on as ESC and its bytes,
# which were each taken for a key: '[' halved the gain, '0' reset every
# setting. Whole sequences are dropped now; the settings line stays.
hex() { printf '%s' "$1" | od -An -tx1; }
start seq 120 30 "env LC_ALL=C.UTF-8 TERM=xterm $BIN $SMALL"
check "unknown sequences: started" seq wait_for seq "computed in"
tm send-keys -t seq a
check "unknown sequences: a changes the activation" seq wait_for seq "act relu"
before=$(tm capture-pane -p -t seq | head -2)
for s in '\033[1~' '\033[4~' '\033[99~' '\033[15;2~' '\033[200~' '\033[I' \
	'\033[<0;10;10M' '\033[M#0[' '\033[[A' '\033OQ'; do
	tm send-keys -t seq -H $(hex "$(printf "$s")")
done
tm send-keys -t seq Escape
sleep 0.5
same_top() { [ "$(tm capture-pane -p -t seq | head -2)" = "$before" ]; }
check "unknown sequences: the settings are as before" seq same_top
tm send-keys -t seq a
check "unknown sequences: keys still answered" seq wait_for seq "act leaky-relu"
# Esc and [ that arrive together with nothing after them (typed while the
# view was busy) are the keys they are: [ halves the gain
tm send-keys -t seq Escape [
check "Esc then [ alone: the [ key" seq wait_for seq "gain 0.5"
tm send-keys -t seq q
check "unknown sequences: q exits 0" seq wait_status seq 0

# --- signals ------------------------------------------------------------------------
start hup 100 30 "$U $BIN $SMALL"
check "SIGHUP: started" hup wait_for hup "computed in"
pid=$(view_pid hup)
# Started again for a better OpenBLAS kernel (src/util/blas_core.c) or not,
# the process keeps its name: ps, pgrep -x and killall find "initviz".
check "process name initviz" hup sh -c \
	"[ \"\$(cat /proc/$pid/comm 2>/dev/null || echo initviz)\" = initviz ]"
[ -n "$pid" ] && kill -HUP "$pid"
check "SIGHUP: exit status 129" hup wait_status hup 129
check "SIGHUP: alternate screen left" hup sh -c \
	"[ \"\$(SHELL=/bin/sh $TMUX_BIN -L $SOCK display-message -p -t hup '#{alternate_on}')\" = 0 ]"
# A window closed while SIGHUP is ignored: reads fail at once. A run (T)
# reads keys without waiting between its steps, so it used to go on at full
# CPU for no one; it ends within a turn.
tm new-session -d -s keep -x 20 -y 5 "sleep 600" # the server outlives hupign
tm new-session -d -s hupign -x 100 -y 30 "trap '' HUP; $U $BIN $SMALL"
check "SIGHUP ignored: started" hupign wait_for hupign "computed in"
tm send-keys -t hupign T
check "SIGHUP ignored: running" hupign wait_for hupign "running"
pid=$(view_pid hupign)
tm kill-session -t hupign
gone() { ! kill -0 "$1" 2>/dev/null; }
if [ -n "$pid" ] && poll gone "$pid"; then
	ok "SIGHUP ignored, window closed during a run: exits"
else
	not_ok "SIGHUP ignored, window closed during a run: still running"
	[ -n "$pid" ] && kill -KILL "$pid"
fi
tm kill-session -t keep
# The number of signal NAME (kill -l NUMBER prints names everywhere).
signum() {
	n=1
	while [ $n -lt 65 ]; do
		[ "$(kill -l $n 2>/dev/null)" = "$1" ] && { echo $n; return; }
		n=$((n + 1))
	done
}
fmt_is() { [ "$(tm display-message -p -t "$1" "$2" 2>/dev/null)" = "$3" ]; }
wait_fmt() { poll fmt_is "$@"; }
same_stty() { cmp -s "$TMPD/$1.before" "$TMPD/$1.after"; }
# Each signal ends the view with 128 + its number, after restoring the
# terminal: stty -g as before the start, cursor shown, main screen. The
# pane's shell stays (a dead pane's notice would hide the cursor).
for sig in QUIT USR1 USR2 PIPE ALRM TERM INT HUP; do
	n=$(signum $sig)
	s="sig$sig"
	tm new-session -d -s "$s" -x 100 -y 30 "trap : INT; \
		stty -g >$TMPD/$s.before; $U $BIN $SMALL; rc=\$?; \
		stty -g >$TMPD/$s.after; echo \$rc >$TMPD/$s.status; sleep 60"
	check "SIG$sig: started" "$s" wait_for "$s" "computed in"
	pid=$(view_pid "$s")
	[ -n "$pid" ] && kill -"$sig" "$pid"
	check "SIG$sig: exit status $((128 + n))" "$s" wait_status "$s" $((128 + n))
	check "SIG$sig: stty -g as before" "$s" same_stty "$s"
	check "SIG$sig: main screen" "$s" wait_fmt "$s" '#{alternate_on}' 0
	check "SIG$sig: cursor shown" "$s" wait_fmt "$s" '#{cursor_flag}' 1
	tm kill-session -t "$s"
done
# A crash (SEGV, BUS, FPE, ILL, ABRT: a bug) still ends the process with
# the signal's own status and core, but the terminal is restored first; a
# crash used to leave it raw, without echo and in the alternate screen. No
# core file here (ulimit -c 0). Not in a sanitizer build, whose own handler
# reports and exits.
if grep -q __asan_init "$BIN"; then
	echo "built with AddressSanitizer: crash signals not tried"
else
	for sig in SEGV BUS FPE ILL ABRT; do
		n=$(signum $sig)
		s="sig$sig"
		tm new-session -d -s "$s" -x 100 -y 30 "ulimit -c 0; trap : INT; \
			stty -g >$TMPD/$s.before; $U $BIN $SMALL; rc=\$?; \
			stty -g >$TMPD/$s.after; echo \$rc >$TMPD/$s.status; \
			sleep 60"
		check "SIG$sig: started" "$s" wait_for "$s" "computed in"
		pid=$(view_pid "$s")
		[ -n "$pid" ] && kill -"$sig" "$pid"
		check "SIG$sig: exit status $((128 + n))" "$s" \
			wait_status "$s" $((128 + n))
		check "SIG$sig: stty -g as before" "$s" same_stty "$s"
		check "SIG$sig: main screen" "$s" \
			wait_fmt "$s" '#{alternate_on}' 0
		check "SIG$sig: cursor shown" "$s" wait_fmt "$s" '#{cursor_flag}' 1
		tm kill-session -t "$s"
	done
fi
# A signal the moment the screen has opened, before the first frame (gdb
# stops initviz there and sends it): the terminal is still restored. Not in
# a sanitizer build: LeakSanitizer cannot run under ptrace.
if grep -q __asan_init "$BIN"; then
	echo "built with AddressSanitizer: the signal as the screen opens not tried"
elif command -v gdb >/dev/null 2>&1; then
	# the pane's shell stays (a dead pane's notice would hide the cursor)
	tm new-session -d -s early -x 100 -y 30 "gdb -q -batch \
		-ex 'set startup-with-shell off' -ex 'break tui_colors_init' \
		-ex run -ex delete -ex 'signal SIGQUIT' --args $BIN $SMALL; \
		sleep 60"
	check "SIGQUIT as the screen opens: exit status 131" early \
		wait_for early "exited with code 0203"
	check "SIGQUIT as the screen opens: main screen" early \
		wait_fmt early '#{alternate_on}' 0
	check "SIGQUIT as the screen opens: cursor shown" early \
		wait_fmt early '#{cursor_flag}' 1
	tm kill-session -t early
else
	echo "no gdb: the signal as the screen opens not tried"
fi
# An ignored signal (nohup, a background job) stays ignored.
start igq 100 30 "trap '' QUIT; $U $BIN $SMALL"
check "ignored SIGQUIT: started" igq wait_for igq "computed in"
pid=$(view_pid igq)
[ -n "$pid" ] && kill -QUIT "$pid"
tm send-keys -t igq a
check "ignored SIGQUIT: still answering keys" igq wait_for igq "act relu"
tm send-keys -t igq q
check "ignored SIGQUIT: q exits 0" igq wait_status igq 0

# --- a 1-line terminal: the size notice on its own ----------------------------------
start oneline 80 1 "$U $BIN $SMALL"
check "1 line: the size it needs" oneline wait_for oneline "initviz needs 60x15"
check "1 line: nothing drawn over it" oneline sh -c \
	"[ \"\$(SHELL=/bin/sh $TMUX_BIN -L $SOCK capture-pane -p -t oneline | sed 's/^ *//; s/ *\$//')\" = 'initviz needs 60x15' ]"
tm send-keys -t oneline q
check "1 line: q exits 0" oneline wait_status oneline 0

start stop 100 30 "$U $BIN $SMALL"
check "Ctrl-Z: started" stop wait_for stop "computed in"
pid=$(view_pid stop)
if [ -n "$pid" ]; then
	kill -TSTP "$pid"
	sleep 0.3
	kill -CONT "$pid"
fi
tm send-keys -t stop a
check "fg: redrawn and answering keys" stop wait_for stop "act relu"
tm send-keys -t stop q
check "fg: q exits 0" stop wait_status stop 0

# Ctrl-Z typed in a shell with job control. (Above, the shell has none: the
# process group is orphaned, so the stop is dropped and only the way back
# is tried.) While stopped, the shell gets its terminal back: line mode,
# echo and flow control, the main screen and the cursor; fg repaints.
tm new-session -d -s job -x 100 -y 30 "exec env PS1='$ ' ENV= sh -i"
tm send-keys -t job "$U $BIN $SMALL" Enter
check "Ctrl-Z in a shell: started" job wait_for job "computed in"
pid=$(view_pid job)
stopped() { ps -o stat= -p "$1" | grep -q '^T'; }
tm send-keys -t job C-z
check "Ctrl-Z in a shell: stopped" job poll stopped "$pid"
# the shell reads the modes: the terminal is its own again
tm send-keys -t job "stty -a >$TMPD/job.stty; echo read >>$TMPD/job.stty" Enter
modes_read() { grep -q '^read$' "$TMPD/job.stty" 2>/dev/null; }
check "Ctrl-Z in a shell: the modes read" job poll modes_read
has_mode() { grep -Eq "(^| )$1( |;|\$)" "$TMPD/job.stty"; }
check "Ctrl-Z in a shell: line mode" job has_mode icanon
check "Ctrl-Z in a shell: echo" job has_mode echo
check "Ctrl-Z in a shell: flow control" job has_mode ixon
check "Ctrl-Z in a shell: main screen" job wait_fmt job '#{alternate_on}' 0
check "Ctrl-Z in a shell: cursor shown" job wait_fmt job '#{cursor_flag}' 1
tm send-keys -t job "fg" Enter
check "Ctrl-Z in a shell, fg: repainted" job wait_for job "computed in"
# one key, no Enter: answered only out of line mode
tm send-keys -t job a
check "Ctrl-Z in a shell, fg: answering keys" job wait_for job "act relu"
tm send-keys -t job q
check "Ctrl-Z in a shell: q ends it" job poll gone "$pid"
tm kill-session -t job

# --- extreme numbers compute and draw ----------------------------------------------
n=0
for cfg in "--init=normal --std=1e6 --depth=8 --width=16" \
	"--init=normal --std=1e-30 --depth=8 --width=16" \
	"--init=normal --std=1e6 --activation=relu --depth=8 --width=16" \
	"--depth=10000 --width=2 --batch=8" \
	"--width=8192 --batch=1 --depth=1"; do
	n=$((n + 1))
	start "x$n" 120 40 "$U $BIN $cfg"
	check "extreme $cfg: computes and draws" "x$n" wait_for "x$n" "computed in"
	tm send-keys -t "x$n" q
	check "extreme $cfg: q exits 0" "x$n" wait_status "x$n" 0
done

# every activation overflowing and underflowing, through the report too
for act in linear relu leaky-relu tanh sigmoid elu selu gelu silu softplus; do
	for std in 1e6 1e-30; do
		if "$BIN" --report --format=json --init=normal --std=$std \
			--activation=$act --depth=12 --width=16 --batch=8 \
			>"$TMPD/x.json" 2>"$TMPD/x.err" &&
			grep -q '"layers"' "$TMPD/x.json"; then
			ok "report $act std $std"
		else
			not_ok "report $act std $std: $(head -c 200 "$TMPD/x.err")"
		fi
	done
done

echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
