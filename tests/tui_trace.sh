#!/bin/sh
# SPDX-License-Identifier: MIT
# --trace=FILE: a short scripted session (headless) writes well-formed,
# time-ordered lines with every event the latency benchmark reads (keys,
# steps with their layers in engine order, frames); a trace file that cannot
# be written is exit status 2 with a message, before the screen is touched.

BIN="${top_builddir:-.}/initviz"
. "${top_srcdir:-.}/tests/tmux_lib.sh" # ok / not ok counting; no tmux here

if ! [ -x "$BIN" ]; then
	echo "no binary $BIN"
	exit 1
fi
TMPD=$(mktemp -d) || exit 1
trap 'rm -rf "$TMPD"' EXIT INT TERM

# A session: the first computation, two setting keys each computed to the
# end, a view key, quit. Depth 3: each network is 3 forward, 3 backward steps.
printf 'Wait + Wait a Wait s q\n' >"$TMPD/keys"
T="$TMPD/trace"
env -u TERM "$BIN" -d 3 -w 16 -b 8 --keys="$TMPD/keys" --trace="$T" \
	</dev/null >"$TMPD/out" 2>"$TMPD/err"
status=$?
check_cmd "scripted session exits 0" [ "$status" -eq 0 ]
check_cmd "nothing on stderr" [ ! -s "$TMPD/err" ]

well_formed() {
	[ -s "$T" ] && ! grep -vqE '^[0-9]+\.[0-9]{6} [a-z]+( .*)?$' "$T"
}
check_cmd "every line is SECONDS EVENT ..." well_formed
check_cmd "times never go back" awk '$1 < t { exit 1 } { t = $1 }' "$T"
check_cmd "starts with the clock and the configuration" \
	awk 'NR == 1 { exit !($2 == "start" && $3 ~ /^clock=[0-9]+\.[0-9][0-9][0-9][0-9][0-9][0-9]$/ &&
	     $4 == "depth=3" && $5 == "width=16" && $6 == "batch=8") }' "$T"
check_cmd "ends with quit status=0" \
	awk 'END { exit !($2 == "quit" && $3 == "status=0") }' "$T"
check_cmd "the four keys in order" \
	[ "$(awk '$2 == "key" { printf "%s", $3 }' "$T")" = "+asq" ]
check_cmd "three computations, three finished" \
	[ "$(grep -c ' compute gen=' "$T")/$(grep -c ' done gen=' "$T")" = 3/3 ]

# Each step line is followed by its stepped line for the same layer; within
# a computation the layers go 1 2 3 forward, then 3 2 1 backward.
steps_in_order() {
	awk '
	$2 == "compute" { want = "forward layer=1"; n++ }
	$2 == "step" { if (open || $3 " " $4 != want) exit 1; open = $3 " " $4 }
	$2 == "stepped" {
		if ($3 " " $4 != open) exit 1
		open = ""; k++
		split($4, a, "=")
		if ($3 == "forward")
			want = a[2] < 3 ? "forward layer=" a[2] + 1 : "backward layer=3"
		else
			want = "backward layer=" a[2] - 1
	}
	END { exit !(n == 3 && k == 18 && open == "") }' "$T"
}
check_cmd "18 steps, each with its end, layers in engine order" steps_in_order
check_cmd "a frame after each key" awk '
	$2 == "key" { if (k) exit 1; k = 1 }
	$2 == "frame" { k = 0; if ($3 !~ /^[0-9]+\.[0-9][0-9][0-9][0-9][0-9][0-9]$/) exit 1 }
	$2 == "quit" { exit k && $3 != "status=0" }' "$T"

# Cannot be written: a missing directory, a directory, a file that exists
# (the trace of the session above: never overwritten). Exit 2, one message
# naming the file, nothing drawn (stdout empty: curses never started).
for bad in "$TMPD/missing/trace" "$TMPD" "$T"; do
	env TERM=xterm "$BIN" -d 3 -w 16 -b 8 --keys="$TMPD/keys" \
		--trace="$bad" </dev/null >"$TMPD/out" 2>"$TMPD/err"
	status=$?
	check_cmd "--trace=$bad: exit 2" [ "$status" -eq 2 ]
	check_cmd "--trace=$bad: says why" grep -qF \
		"initviz: cannot write trace file $bad: " "$TMPD/err"
	check_cmd "--trace=$bad: nothing drawn" [ ! -s "$TMPD/out" ]
done
check_cmd "an existing trace file is left as it was" \
	grep -q ' quit status=0$' "$T"
check_cmd "--trace=$T: says it exists" grep -qF "it exists" "$TMPD/err"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
