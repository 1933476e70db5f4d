#!/bin/sh
# SPDX-License-Identifier: MIT
# The training strip's numbers on the real screen against the report's:
# initviz in tmux at 120x40 trains 8 tanh layers of 32 (std 1: about 60%
# saturated) 4 steps with t; the ratio strip names layers 1, 3, 6 and 8,
# its legend and the -3 reference, a bar per step, and for each layer the
# last step's log10 update and gradient ratios, which are the JSON
# report's `update_ratio` and `grad_ratio` of the same training (its entry
# for step 3: the update from step 3 to 4) to the one decimal shown. The
# saturated fraction is named with step 0's, the report's mean over the
# layers. A layer without a ratio says why (weights all equal, or NaN
# or Inf). Skips (77) without tmux or python3.

BIN="${top_builddir:-.}/initviz"
py=${PYTHON3:-python3}
command -v "$py" >/dev/null 2>&1 || { echo "no python3: skipped"; exit 77; }
. "${top_srcdir:-.}/tests/tmux_lib.sh"
tmux_begin ivratio

ARGS="--init=normal --std=1 --depth=8 --width=32 --batch=64 --lr=0.05"
# shellcheck disable=SC2086
"$BIN" --report --format=json $ARGS --train-steps=4 >"$TMPD/r.json" ||
	{ echo "the report failed"; exit 1; }
# the rows the screen must show: "L1 ... -0.7 0.6", then the
# saturated fractions: now (unknown to the report), step 0's
"$py" - "$TMPD/r.json" >"$TMPD/want" <<'PY' || { echo "bad report"; exit 1; }
import json, math, sys
r = json.load(open(sys.argv[1]))
step = {t["step"]: t for t in r["training"]}[3]
for l in (1, 3, 6, 8):
    u, g = step["update_ratio"][l - 1], step["grad_ratio"][l - 1]
    print("L%d %.1f %.1f" % (l, math.log10(u), math.log10(g)))
sat0 = sum(x["saturated"] for x in r["layers"]) / len(r["layers"])
print("(from %.0f%%)" % (100 * sat0))
PY

start v 120 40 "env LC_ALL=C.UTF-8 TERM=screen-256color $BIN $ARGS"
check "the view starts" v wait_for v "act tanh"
tm send-keys -t v t t t t
check "four steps, paused" v wait_for v "step 4  paused"
check "the strip's legend: the quantity" v wait_for v "log10 std(ΔW)/std(W)"
check "the -3 reference marked, a level a decade" v \
	wait_for v "healthy near -3 ▅  a level a decade"
tm capture-pane -p -t v >"$TMPD/screen"

# each kept layer's row: its label, 4 bars (one a step), then the numbers
rows_match() {
	while read -r l u g; do
		case $l in L*) ;; *) continue ;; esac
		grep -qE "^ $l [▁▂▃▄▅▆▇█]{4} +$u +$g\$" "$TMPD/screen" ||
			{ echo "no row \"$l ... $u $g\""; return 1; }
	done <"$TMPD/want"
}
check "rows L1 L3 L6 L8: the report's update and gradient ratios" v rows_match
check_cmd "no other rows in the strip" \
	[ "$(grep -cE '^ L[0-9]+ [▁▂▃▄▅▆▇█]' "$TMPD/screen")" -eq 4 ]
from=$(tail -n 1 "$TMPD/want")
check "saturated, and step 0's: the report's $from" v \
	grep -qE "saturated [0-9]+% \\$from" "$TMPD/screen"
pct=${from#(from }
changed() { ! grep -qF "saturated ${pct%)} " "$TMPD/screen"; }
check_cmd "the fraction shown has moved from ${pct%)} in 4 steps" changed

tm send-keys -t v q
check "q quits" v wait_status v 0

# a layer without a ratio says why: weights drawn with std 1e200 are far
# from all equal, but the first step's loss overflows, so it takes no
# update; zeros have weights all equal
start n 120 40 "env LC_ALL=C.UTF-8 TERM=screen-256color $BIN --init=normal --std=1e200 --depth=4 --width=8"
check "the 1e200 view starts" n wait_for n "std 1e+200"
tm send-keys -t n t
check "one step, no update: the loss named" n \
	wait_for n "L1 no update taken: the loss is not finite"
check "not called weights all equal" n lacks_text n "weights all equal"
tm send-keys -t n q
check "q quits" n wait_status n 0
start z 120 40 "env LC_ALL=C.UTF-8 TERM=screen-256color $BIN --init=zeros --depth=4 --width=8"
check "the zeros view starts" z wait_for z "init zeros"
tm send-keys -t z t
check "zeros: weights all equal" z \
	wait_for z "L1 weights all equal: no spread to compare an update with"
tm send-keys -t z q
check "q quits" z wait_status z 0
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
