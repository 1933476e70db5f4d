#!/bin/sh
# SPDX-License-Identifier: MIT
# End to end: the real initviz binary in tmux on its own server socket. Keys
# are sent with send-keys, the screen read with capture-pane and polled for
# the expected text (no fixed sleeps). Checks settings keys, the help, a
# resize, quitting with q / Ctrl-C / SIGTERM with the terminal restored, and
# the "no terminal" exits. Skips (77) without tmux.

BIN="${top_builddir:-.}/initviz"
. "${top_srcdir:-.}/tests/tmux_lib.sh"
tmux_begin ivtest

# Poll up to 10 s until a tmux format of target has a value.
format_is() { [ "$(tm display-message -p -t "$1" "$2" 2>/dev/null)" = "$3" ]; }
wait_format() {
	poll format_is "$1" "$2" "$3" && return 0
	echo "    $2 is \"$(tm display-message -p -t "$1" "$2" 2>/dev/null)\", want \"$3\""
	return 1
}

VIEW="env LC_ALL=C.UTF-8 TERM=screen-256color $BIN --depth 6 --width 32 --batch 64"

# --- the main session: settings keys, help, resize, q ------------------------
start main 100 30 "$VIEW"
check "starts and shows the layer view" main wait_for main "activations h = tanh(z)"
check "the computation finishes" main wait_for main "computed in"
check "runs in the alternate screen" main wait_format main '#{alternate_on}' 1
tm send-keys -t main a
check "a: activation tanh -> relu" main wait_for main "act relu"
tm send-keys -t main i
check "i: init xavier-normal -> he-uniform" main wait_for main "init he-uniform"
tm send-keys -t main d
check "d: depth 6 -> 7" main wait_for main "depth 7"
check "d: a seventh layer row" main wait_for main " 7 "
tm send-keys -t main ']'
check "]: gain x2" main wait_for main "gain 2 "
tm send-keys -t main '?'
check "?: help overlay" main wait_for main "initviz keys"
tm send-keys -t main Escape
check "Esc: help closed" main wait_gone main "initviz keys"
tm resize-window -t main -x 70 -y 20
check "resize to 70x20: laid out again" main wait_for main "h = relu(z)"
# the text above was on screen before the resize too: wait for the new
# layout itself, the key bar on the new last row
bar_on_row_20() { tm capture-pane -p -t main | sed -n 20p | grep -q Quit; }
check "resize to 70x20: bottom bar on row 20" main poll bar_on_row_20
tm resize-window -t main -x 50 -y 12
check "resize to 50x12: too-small notice" main wait_for main "terminal too small"
tm resize-window -t main -x 100 -y 30
check "resize back: view again" main wait_for main "activations h = relu(z)"
tm send-keys -t main q
check "q: exit status 0" main wait_status main 0
check "q: alternate screen left" main wait_format main '#{alternate_on}' 0

# --- architecture keys: residual blocks, their scale, normalization ----------
start arch 120 30 "$VIEW --init he-normal --activation relu"
check "arch: started" arch wait_for arch "computed in"
tm send-keys -t arch u
check "u: residual blocks, alpha 1" arch wait_for arch "residual α 1 "
check "u: chi1 leaves the bar" arch wait_gone arch "χ1"
tm send-keys -t arch y y
check "y y: alpha 1/sqrt(2L) at depth 6" arch wait_for arch "residual α 1/√(2L) = 0.289"
tm send-keys -t arch d
check "d: alpha follows depth 7" arch wait_for arch "1/√(2L) = 0.267"
tm send-keys -t arch z
check "z: batch norm" arch wait_for arch "norm batch"
tm send-keys -t arch v v
check "v v: the profile names the branch" arch wait_for arch "■ branch"
tm send-keys -t arch q
check "arch: q exits 0" arch wait_status arch 0

# --- Ctrl-C and SIGTERM restore the terminal ---------------------------------
start intr 100 30 "$VIEW"
check "Ctrl-C: started" intr wait_for intr "computed in"
tm send-keys -t intr C-c
check "Ctrl-C: exit status 130" intr wait_status intr 130
check "Ctrl-C: alternate screen left" intr wait_format intr '#{alternate_on}' 0

start term 100 30 "$VIEW"
check "SIGTERM: started" term wait_for term "computed in"
pid=$(view_pid term)
if [ -n "$pid" ]; then kill -TERM "$pid"; fi
check "SIGTERM: exit status 143" term wait_status term 143
check "SIGTERM: alternate screen left" term wait_format term '#{alternate_on}' 0

# --- teaching: a lesson, training keys, saving, the next lesson ----------------
# Poll up to 10 s until the training strip of target shows step >= want.
step_at_least() {
	got=$(tm capture-pane -p -t "$1" 2>/dev/null |
		sed -n 's/^ training  step \([0-9]*\) .*/\1/p')
	[ -n "$got" ] && [ "$got" -ge "$2" ]
}
wait_step() {
	poll step_at_least "$1" "$2" && return 0
	echo "    step is \"$got\", want at least $2"
	return 1
}
one_distinct() {
	tm capture-pane -p -t teach | grep -qF "distinct neurons: 1 in every layer"
}

start teach 100 30 "env LC_ALL=C.UTF-8 TERM=screen-256color XDG_CONFIG_HOME=/nonexistent INITVIZ_SAVE_DIR=$TMPD $BIN --lesson 2 --lr 0.02"
check "--lesson 2: its panel" teach wait_for teach "lesson 2/"
check "--lesson 2: computed" teach wait_for teach "computed in"
check "--lesson 2: one distinct neuron per layer" teach one_distinct
tm send-keys -t teach t t t t t
check "t x5: five steps" teach wait_for teach "step 5 "
check "t x5: still one distinct neuron per layer" teach one_distinct
tm send-keys -t teach T
check "T: running" teach wait_for teach "running"
check "T: steps go on" teach wait_step teach 30
tm send-keys -t teach T
check "T again: paused" teach wait_for teach "paused"
check "after the run: still one distinct neuron per layer" teach one_distinct
tm send-keys -t teach S
check "S: the status line names the file" teach wait_for teach "screen saved to $TMPD/initviz-screen-"
check "S: the file holds the screen" teach sh -c "grep -q 'lesson 2/' $TMPD/initviz-screen-*.txt"
tm send-keys -t teach .
check ".: lesson 3" teach wait_for teach "lesson 3/"
check ".: training forgotten" teach wait_for teach "training: t one step"
check ".: random weights, all neurons distinct" teach wait_for teach "distinct neurons: all 64 in every layer"
tm send-keys -t teach q
check "q: exit status 0" teach wait_status teach 0

# --- a terminal without an alternate screen --------------------------------
# vt100 has none: the last picture stays, and the shell's next words come on
# its last row, where the view leaves the cursor; that row is blank, so they
# stand alone instead of over the key bar
start vt 80 24 "env LC_ALL=C.UTF-8 TERM=vt100 $BIN --depth 6 --width 32 --batch 64; printf 'after:%s' \$?"
check "vt100: started" vt wait_for vt "computed in"
tm send-keys -t vt q
check "vt100: q exits 0" vt wait_for vt "after:0"
check "vt100: the picture stays above" vt has_text vt "activations h = tanh(z)"
alone() { tm capture-pane -p -t vt | grep -qx 'after:0'; }
check "vt100: the row after it holds the shell's words alone" vt alone

# --- no terminal ---------------------------------------------------------------
start unknown 100 30 "env TERM=unknownterm $BIN --depth 6 2>$TMPD/unknown.err"
check "unknown TERM: exit status 2" unknown wait_status unknown 2
check "unknown TERM: one line pointing at --report" unknown grep -qxF \
	'initviz: no terminal (unknown terminal type "unknownterm"); use --report for a text report' \
	"$TMPD/unknown.err"

err=$(env LC_ALL=C.UTF-8 TERM=screen-256color "$BIN" --depth 6 </dev/null 2>&1 >/dev/null)
st=$?
if [ $st -eq 2 ] && echo "$err" | grep -q "^initviz: no terminal (.*); use --report for a text report$"; then
	ok "stdin not a terminal: exit 2 with the message"
else
	not_ok "stdin not a terminal: status $st, stderr: $err"
fi

echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
