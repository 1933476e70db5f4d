#!/bin/sh
# SPDX-License-Identifier: MIT
# End to end for the theory views: the real initviz in tmux on its own
# socket; P opens the phase diagram and an arrow moves the setting, J shows
# the Jacobian spectrum, G the gain calculator, e the overlay. The screen is
# polled for the expected text (no fixed sleeps). Skips (77) without tmux.

top_builddir=${top_builddir:-.}
TMUX_BIN=${TMUX_BIN:-$(command -v tmux)}
BIN="$top_builddir/initviz"
SOCK="ivtheory$$"
passed=0
failed=0

if [ -z "$TMUX_BIN" ] || ! [ -x "$TMUX_BIN" ]; then
	echo "tmux not found: skipped"
	exit 77
fi
if ! [ -x "$BIN" ]; then
	echo "no binary $BIN"
	exit 1
fi

TMPD=$(mktemp -d) || exit 1
tm() { SHELL=/bin/sh "$TMUX_BIN" -L "$SOCK" -f /dev/null "$@"; }
cleanup() {
	tm kill-server >/dev/null 2>&1
	rm -rf "$TMPD"
}
trap cleanup EXIT INT TERM

# Poll up to 10 s until the screen contains (or, with -v, lacks) text.
wait_for() {
	i=0
	while [ $i -lt 100 ]; do
		if tm capture-pane -p -t v 2>/dev/null | grep -qF -- "$1"; then
			return 0
		fi
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}
wait_gone() {
	i=0
	while [ $i -lt 100 ]; do
		if ! tm capture-pane -p -t v 2>/dev/null | grep -qF -- "$1"; then
			return 0
		fi
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}

check() { # description, command...
	desc=$1
	shift
	if "$@"; then
		passed=$((passed + 1))
		echo "ok - $desc"
	else
		failed=$((failed + 1))
		echo "not ok - $desc"
		tm capture-pane -p -t v 2>/dev/null | sed 's/^/    /'
	fi
}

tm new-session -d -s v -x 100 -y 30 \
	"env LC_ALL=C.UTF-8 TERM=screen-256color $BIN --depth 6 --width 32 --batch 64; echo \$? > $TMPD/status" \; \
	set-option -t v -w remain-on-exit on
check "starts with the criticality in the settings bar" wait_for "χ1 1 critical"
check "the profile shows the theory line" wait_for "─ theory"
tm send-keys -t v e
check "e: overlay off" wait_gone "─ theory"
tm send-keys -t v e
check "e: overlay on again" wait_for "─ theory"
tm send-keys -t v P
check "P: phase diagram" wait_for "phase diagram of tanh"
check "P: the diagram is finished" wait_gone "computing"
check "P: the setting under the cursor" wait_for "σw² 1  σb² 0: q* 0  χ1 1"
tm send-keys -t v Right
check "Right: sigma_w^2 one grid step up" wait_for "σw² 1.05  σb² 0"
check "Right: the gain changed" wait_for "gain 1.02 "
tm send-keys -t v Up
check "Up: sigma_b^2 one grid step up, as a bias std" wait_for "bias std 0.224"
tm send-keys -t v Escape
check "Esc: back to the layers" wait_gone "phase diagram"
tm send-keys -t v J
check "J: the Jacobian spectrum" wait_for "Jacobian spectrum"
check "J: its numbers" wait_for "mean square"
tm send-keys -t v G
check "G: the gain calculator" wait_for "PyTorch calculate_gain: 5/3"
tm send-keys -t v q
i=0
while [ $i -lt 100 ] && ! [ -s "$TMPD/status" ]; do
	sleep 0.1
	i=$((i + 1))
done
check "q: exit status 0" [ "$(cat "$TMPD/status" 2>/dev/null)" = 0 ]

echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
