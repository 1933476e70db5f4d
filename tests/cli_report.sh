#!/bin/sh
# SPDX-License-Identifier: MIT
# The --report formats, --check, determinism, the memory limit, --help and
# --version, through the real binary. JSON and CSV are read with python3.
set -u

. "${top_srcdir:-.}/tests/cli_lib.sh"
need_python

# --- JSON: the architecture, the stream, a block's branch -----------------
printf 'json: architecture, stream and branch ... '
run 0 --report --format=json --widths=12,16,16,10,10 --batch=30 \
	--residual --norm=layer --res-scale=0.5 --bias=0.2
"$py" - "$tmp/out" <<'EOF' || fail "json architecture (above)"
import json, sys
doc = json.load(open(sys.argv[1]))
assert doc["architecture"] == {"norm": "layer", "residual": True,
                               "res_scale": 0.5}, doc["architecture"]
assert doc["criticality"] is None
kinds = [l["kind"] for l in doc["layers"]]
assert kinds == ["projection", "residual", "plain", "residual"], kinds
for l in doc["layers"]:
    s = l["stream"]
    ms = s["channel_variance"] + s["channel_mean_sq"]
    rms = l["activation"]["rms"]
    assert abs(ms - rms * rms) <= 1e-9 * ms, (ms, rms)
    assert ("branch" in l) == (l["kind"] == "residual"), l["kind"]
    if "branch" in l:
        assert l["branch"] == l["preactivation"]
    t = l["theory"]
    assert t["channel_variance"] > 0 and t["channel_mean_sq"] >= 0, t
EOF
ok

# --- JSON: gradients of an overflowed network ---------------------------
printf 'json: linear gradients survive a forward overflow ... '
for act in linear relu; do
	run 0 --report --format=json --init=normal --std=100 --activation=$act \
		--depth=200 --width=16 --batch=8 --bins=2
	cp "$tmp/out" "$tmp/$act.json"
done
"$py" - "$tmp/linear.json" "$tmp/relu.json" <<'EOF' || fail "overflow (above)"
import json, sys
lin = json.load(open(sys.argv[1]))["layers"]
relu = json.load(open(sys.argv[2]))["layers"]
# linear: 400x a layer forward, NaN from about layer 118 on; backward,
# from g_L ~ N(0, 1), 400x a layer down, finite to about layer 83
top = lin[-1]
assert top["preactivation"]["nan"] == 128, top["preactivation"]
for l in lin[99:]:
    ga, gz = l["grad_activation"], l["grad_preactivation"]
    assert ga["nan"] + ga["inf"] == 0, (l["layer"], ga)
    assert gz == ga, l["layer"]  # phi' = 1: dz is g
# relu: phi'(NaN) is unknown, and the gradient through it stays NaN
assert relu[-1]["preactivation"]["nan"] == 128
assert relu[-1]["grad_preactivation"]["nan"] == 128
EOF
ok

# --- JSON: structure, counts, histograms, config echo ---------------------
printf 'json: structure and config echo ... '
set -- --init=he-uniform --std=0.2 --value=0.7 --gain=1.5 --mode=fan_out \
	--bias=0.1 --bias-std=0.05 --activation=leaky-relu --slope=0.3 \
	--depth=7 --width=33 --batch=50 --input=uniform --seed=42 --bins=13
run 0 --report --format=json "$@"
"$py" - "$tmp/out" <<'EOF' || fail "json structure (above)"
import json, math, sys

def bad_constant(c):
    raise ValueError("non-JSON constant " + c)

doc = json.load(open(sys.argv[1]), parse_constant=bad_constant)
assert isinstance(doc["initviz"], str) and doc["initviz"], "version"
want = {"init": "he-uniform", "std": 0.2, "value": 0.7, "gain": 1.5,
        "mode": "fan_out", "bias": 0.1, "bias_std": 0.05,
        "activation": "leaky-relu", "slope": 0.3, "depth": 7, "width": 33,
        "widths": [33] * 8, "batch": 50, "input": "uniform", "seed": 42,
        "bins": 13, "norm": "none", "residual": False, "res_scale": 1}
assert doc["config"] == want, doc["config"]
layers = doc["layers"]
assert len(layers) == 7, len(layers)
six = ["weights", "preactivation", "activation", "grad_activation",
       "grad_preactivation", "grad_weights"]
keys = {"count", "mean", "std", "rms", "min", "max", "nan", "inf", "histogram"}
for i, l in enumerate(layers, 1):
    assert l["layer"] == i and l["fan_in"] == 33 and l["fan_out"] == 33
    for q in six:
        s = l[q]
        assert set(s) == keys, (q, set(s))
        n = 33 * 33 if q in ("weights", "grad_weights") else 50 * 33
        assert s["count"] == n, (i, q, s["count"], n)
        e, c = s["histogram"]["edges"], s["histogram"]["counts"]
        assert len(e) == 14 and len(c) == 13, (len(e), len(c))
        assert all(isinstance(k, int) and k >= 0 for k in c)
        assert sum(c) == s["count"] - s["nan"] - s["inf"], (i, q)
        assert all(a < b for a, b in zip(e, e[1:])), "edges ascending"
        assert e[0] <= s["min"] <= s["mean"] <= s["max"] <= e[-1], (i, q)
        assert s["std"] >= 0 and s["rms"] >= abs(s["mean"])
    assert 1 <= l["distinct_neurons"] <= 33
    assert 0 <= l["dead_units"] <= 33
    assert 0 <= l["saturated"] <= 1 and 0 <= l["zero_fraction"] <= 1
# he-uniform: U(+-gain sqrt(6/fan)), std gain sqrt(2/fan); 1089 draws give
# about 2% relative error, allow 10%
for l in layers:
    sd = 1.5 * math.sqrt(2 / 33)
    assert abs(l["weights"]["std"] / sd - 1) < 0.10, l["weights"]["std"]
    assert l["weights"]["max"] <= 1.5 * math.sqrt(6 / 33)
EOF
ok

printf 'json: --widths, width null, fan_in/fan_out chain ... '
run 0 --report --format=json --widths=20,15,10,5 --batch=8
"$py" - "$tmp/out" <<'EOF' || fail "json with --widths"
import json, sys
doc = json.load(open(sys.argv[1]))
c = doc["config"]
assert c["widths"] == [20, 15, 10, 5] and c["depth"] == 3, c
assert c["width"] is None, c["width"]
ls = doc["layers"]
fans = [(l["fan_in"], l["fan_out"]) for l in ls]
assert fans == [(20, 15), (15, 10), (10, 5)], fans
assert ls[0]["weights"]["count"] == 300 and ls[2]["activation"]["count"] == 40
EOF
ok

printf 'json: Inf and NaN written as null, counted ... '
run 0 --report --format=json --init=normal --std=1e200 --activation=linear \
	--depth=4 --width=8 --batch=4
"$py" - "$tmp/out" <<'EOF' || fail "json with non-finite values"
import json, sys
def bad_constant(c):
    raise ValueError("non-JSON constant " + c)
doc = json.load(open(sys.argv[1]), parse_constant=bad_constant)
bad = sum(l[q]["nan"] + l[q]["inf"] for l in doc["layers"]
          for q in ("preactivation", "activation", "grad_activation"))
assert bad > 0, "expected overflow"
last = doc["layers"][-1]["activation"]
assert last["nan"] + last["inf"] == last["count"], last
assert last["mean"] is None and last["std"] is None, last
assert sum(last["histogram"]["counts"]) == 0
EOF
ok

# --- CSV ------------------------------------------------------------------
printf 'csv: header, one row per layer, equal columns, agrees with json ... '
run 0 --report --format=csv --depth=12 --width=20 --batch=30 --seed=5
cp "$tmp/out" "$tmp/csv"
run 0 --report --format=json --depth=12 --width=20 --batch=30 --seed=5
"$py" - "$tmp/csv" "$tmp/out" <<'EOF' || fail "csv"
import csv, json, sys
rows = list(csv.reader(open(sys.argv[1])))
doc = json.load(open(sys.argv[2]))
head, body = rows[0], rows[1:]
assert len(body) == 12, len(body)
assert all(len(r) == len(head) for r in rows), "ragged rows"
for name in ("layer", "fan_in", "fan_out", "activation.std", "weights.mean",
             "grad_activation.std", "grad_weights.inf", "distinct_neurons",
             "dead_units", "saturated", "zero_fraction"):
    assert name in head, name
assert not any("histogram" in h for h in head)
for r, l in zip(body, doc["layers"]):
    d = dict(zip(head, r))
    assert int(d["layer"]) == l["layer"]
    for q in ("weights", "activation", "grad_activation", "grad_weights"):
        for k in ("mean", "std", "min", "max"):
            assert float(d[q + "." + k]) == l[q][k], (q, k)
        assert int(d[q + ".count"]) == l[q]["count"]
EOF
ok

# --- table ----------------------------------------------------------------
# width in characters (not bytes) of every line, for several configurations
table_fits()
{
	"$py" -c '
import sys
text = open(sys.argv[1], encoding="utf-8").read()
lines = text.splitlines()
long = [l for l in lines if len(l) > 80]
assert not long, "too long: %r" % long[0]
assert len(lines) >= 8, "too short"
' "$tmp/out" || fail "table lines over 80 columns: initviz $*"
}

for args in "" "--activation=relu --init=he-normal" \
	"--init=normal --std=100 --depth=50 --batch=32" \
	"--activation=leaky-relu --slope=0.125 --bias-std=0.5 --gain=1.41421356
	 --init=kaiming-uniform --mode=fan_avg" \
	"--init=normal --std=1e200 --activation=linear --depth=4 --width=8" \
	"--depth=1000 --width=8 --batch=8" \
	"--widths=$(seq -s, 100 199) --batch=4" \
	"--init=constant --value=-0.000123456 --bias=-123456.789 --depth=3" \
	"--residual --depth=3 --width=8 --batch=4" \
	"--norm=batch --residual --res-scale=0.123456789 --depth=3 --width=8" \
	"--lesson=14 --batch=8" "--lesson=9 --batch=8 --train-steps=2" \
	"--train-steps=1000 --lr=1e-12 --widths=65536,1,65536 --batch=1 --bias=1e300"; do
	label=$(printf '%s' "${args:-defaults}" | tr -s '\n\t' '  ')
	printf 'table: fits 80 columns: %.60s ... ' "$label"
	# shellcheck disable=SC2086 # the words are options
	run 0 --report $args
	table_fits
	ok
done

printf 'table: deep nets show 40 rows and say so ... '
run 0 --report --depth=1000 --width=8 --batch=8
rows=$(grep -cE '^ *[0-9]+ +8 ' "$tmp/out")
[ "$rows" -eq 40 ] || fail "$rows layer rows, want 40"
grep -q 'showing 40 of 1000 layers' "$tmp/out" || fail "no 'showing' note"
grep -qE '^ +1 +8 ' "$tmp/out" || fail "first layer missing"
grep -qE '^ +1000 +8 ' "$tmp/out" || fail "last layer missing"
ok

# the command: lines is JSON's command (with --report, without
# --format=json), broken between words wherever a word fits its line
printf 'table: the command is broken between words ... '
for args in "--bias=1e300 --activation=linear --depth=3 --width=8" \
	"--bias=1e300 --activation=linear --depth=3 --width=16" \
	"--init=he-uniform --gain=1.5 --mode=fan_out --bias=0.1 --bias-std=0.05" \
	"--widths=$(seq -s, 100 140) --batch=4 --seed=7" \
	"--activation=leaky-relu --slope=0.125 --init=normal --std=0.25 --depth=5"
do
	# shellcheck disable=SC2086 # the words are options
	run 0 --report --format=json $args
	cp "$tmp/out" "$tmp/cmd.json"
	# shellcheck disable=SC2086
	run 0 --report $args
	"$py" - "$tmp/cmd.json" "$tmp/out" <<'EOF' || fail "command: initviz $args"
import json, sys
want = json.load(open(sys.argv[1]))["command"].split()
want = ["initviz", "--report"] + [w for w in want[1:] if w != "--format=json"]
lines = open(sys.argv[2], encoding="utf-8").read().splitlines()
i = next(k for k, l in enumerate(lines) if l.startswith("command: "))
text, k = lines[i][len("command: "):], i
while text.endswith("\\"):
    k += 1
    if text.endswith(" \\"):  # between words
        text = text[:-2] + " " + lines[k].lstrip()
    else:  # within a word too long for any line
        text = text[:-1] + lines[k]
for l in lines[i:k + 1]:
    assert len(l) <= 80, l
assert text.split() == want, (text, want)
for l in lines[i:k]:  # a word cut only where it is longer than a line
    if not l.endswith(" \\"):
        head = l.split()[-1][:-1]
        word = next(w for w in want if head in w)
        assert len(word) > 70, ("cut word", l)
EOF
done
run 0 --report --bias=1e300 --activation=linear --depth=3 --width=8
want='command: initviz --report --bias=1e+300 --activation=linear'
[ "$(sed -n 4p "$tmp/out")" = "$want --depth=3 --width=8" ] ||
	fail "--width=8 cut at column 80"
ok

printf 'table: all layers when shallow, saturated or dead column ... '
run 0 --report --depth=7 --width=16 --batch=16
[ "$(grep -cE '^ *[0-9]+ +16 ' "$tmp/out")" -eq 7 ] || fail "want 7 rows"
grep -q saturated "$tmp/out" || fail "tanh table lacks 'saturated'"
run 0 --report --depth=7 --width=16 --batch=16 --activation=relu
grep -q dead "$tmp/out" || fail "relu table lacks 'dead'"
ok

printf 'table: a saturated column never rounds to all or none ... '
# std 1000: 99.99% of the entries saturated, not all (a gradient passes);
# std 0.07, layer 2: 0.03%, not none. Both as JSON says, rounded.
run 0 --report --format=json --init=normal --std=1000 --depth=2
"$py" -c 'import json,sys; s=[l["saturated"] for l in json.load(open(sys.argv[1]))["layers"]]; assert all(0.999 < x < 1 for x in s), s' "$tmp/out" ||
	fail "want 99.9% < saturated < 100% in JSON"
run 0 --report --init=normal --std=1000 --depth=2
grep -q '100\.0%' "$tmp/out" && fail "99.99% saturated shown as 100.0%"
[ "$(grep -c ' >99\.9% ' "$tmp/out")" -eq 2 ] || fail "want >99.9% twice"
run 0 --report --format=json --init=normal --std=0.07 --depth=2
"$py" -c 'import json,sys; x=json.load(open(sys.argv[1]))["layers"][1]["saturated"]; assert 0 < x < 0.0005, x' "$tmp/out" ||
	fail "want 0 < saturated < 0.05% in layer 2"
run 0 --report --init=normal --std=0.07 --depth=2
grep -q ' 0\.0% ' "$tmp/out" && fail "0.03% saturated shown as 0.0%"
grep -qE '^ +2 .* <0\.1% ' "$tmp/out" || fail "want <0.1% in layer 2"
ok

printf 'table: NaN and Inf give nan and inf, as the view does ... '
# the table's mean and std are of all the entries: JSON's are of the finite
# ones, with the counts; relu's Infs are all +Inf, so its mean is inf
for act in relu linear; do
	run 0 --report --format=json --activation=$act --init=normal \
		--std=1e100 --depth=5 --width=16 --batch=8
	cp "$tmp/out" "$tmp/nf.json"
	run 0 --report --activation=$act --init=normal --std=1e100 --depth=5 \
		--width=16 --batch=8
	"$py" - "$tmp/nf.json" "$tmp/out" "$act" <<'EOF' || fail "$act non-finite cells (above)"
import json, sys
layers = json.load(open(sys.argv[1]))["layers"]
rows = [l.split() for l in open(sys.argv[2]) if l[:5].strip().isdigit()]
assert len(rows) == len(layers) == 5, rows
seen = set()
def want(s, cell, what):
    if s["nan"]:
        assert cell == "nan", (what, cell, s)
    elif s["inf"] and what == "std":
        ok = {"inf", "nan"} if s["nan"] + s["inf"] == s["count"] else {"inf"}
        assert cell in ok, (what, cell, s)
    elif s["inf"]:
        ok = {"inf"} if sys.argv[3] == "relu" else {"inf", "-inf", "nan"}
        assert cell in ok, (what, cell, s)
    else:
        assert cell == "%.3g" % s[what], (what, cell, s)
    seen.add(cell if cell in ("nan", "inf") else "finite")
for l, r in zip(layers, rows):
    want(l["weights"], r[2], "std")
    want(l["activation"], r[3], "mean")
    want(l["activation"], r[4], "std")
    want(l["grad_activation"], r[5], "std")
assert seen == {"nan", "inf", "finite"}, seen
EOF
done
ok

printf 'table: sparklines in UTF-8, ASCII under LC_ALL=C and --ascii ... '
run 0 --report --init=normal --std=0.01
grep -q '▁' "$tmp/out" || fail "no block glyphs in a UTF-8 locale"
LC_ALL=C "$bin" --report --init=normal --std=0.01 >"$tmp/out" 2>"$tmp/err" ||
	fail "LC_ALL=C run failed"
LC_ALL=C grep -q '[^ -~]' "$tmp/out" && fail "non-ASCII under LC_ALL=C"
run 0 --report --ascii --init=normal --std=0.01
LC_ALL=C grep -q '[^ -~]' "$tmp/out" && fail "non-ASCII with --ascii"
grep -q '^  activation' "$tmp/out" || fail "no activation sparkline"
grep -q '^  gradient' "$tmp/out" || fail "no gradient sparkline"
ok

# --- --check --------------------------------------------------------------
printf 'check: healthy xavier-normal tanh passes ... '
run 0 --report --check --init=xavier-normal --activation=tanh --depth=10
[ ! -s "$tmp/err" ] || fail "healthy net printed problems"
[ -s "$tmp/out" ] || fail "no report on stdout"
ok

# json_then_table NAME ARG...: the JSON report in $tmp/NAME.json, then the
# table in $tmp/out
json_then_table()
{
	name=$1
	shift
	run 0 --report --format=json "$@"
	cp "$tmp/out" "$tmp/$name.json"
	run 0 --report "$@"
}

check_fails()
{
	needle=$1
	shift
	printf 'check: exit 1 with "%s" for %s ... ' "$needle" "$*"
	run 1 --report --check "$@"
	[ -s "$tmp/out" ] || fail "no report on stdout"
	grep -q "^initviz: check: .*$needle" "$tmp/err" ||
		fail "no '$needle' line on stderr"
	grep -vq '^initviz: check: ' "$tmp/err" && fail "stray stderr line"
	ok
}

check_fails 'activation std shrinks' --init=normal --std=0.01 \
	--activation=tanh --depth=10
check_fails 'gradient std' --init=normal --std=0.01 --activation=tanh \
	--depth=10
check_fails 'distinct neurons' --init=constant
check_fails 'saturated\|NaN or Inf' --init=normal --std=100 --depth=50
check_fails 'NaN or Inf' --init=normal --std=1e200 --activation=linear \
	--depth=4 --width=8
check_fails 'dead' --init=zeros --activation=relu --depth=3
# training that diverges is a problem, one that does not is none: lesson
# 9's He relu network trains at its own rate and diverges at 0.3
check_fails 'training diverged: the loss is not finite at step 2, where training stopped' \
	--lesson=9 --lr=0.3 --train-steps=10
printf 'check: lesson 9 training at its own rate passes ... '
run 0 --report --check --lesson=9 --train-steps=10
[ ! -s "$tmp/err" ] || fail "healthy training printed problems"
ok
# an unnormalized He + relu stream doubles a block: a problem at 6 layers
# already (its std grows only 5.7x); normalized blocks grow linearly, 50
# of them pass, and so does alpha = 1/sqrt(L)
check_fails 'residual stream' --residual --init=he-normal --activation=relu \
	--depth=6 --width=128 --batch=64
for a in "--norm=layer" "--norm=batch" "--res-scale=0.1414"; do
	printf 'check: 50 residual blocks with %s pass ... ' "$a"
	# shellcheck disable=SC2086
	run 0 --report --check --residual --init=he-normal --activation=relu \
		--depth=50 --width=128 --batch=64 $a
	ok
done
# the man page's figure for them: 50 layer-normalized He + relu blocks
# grow the stream's mean square 1.07 times a block
printf 'check: 50 layer-normalized blocks grow 1.07 times a block, as CHECK says ... '
sed 's/\\-/-/g' "${top_srcdir:-.}/docs/initviz.1" | tr '\n' ' ' | tr -s ' ' |
	grep -qF 'problem: 50 layer-normalized blocks grow 1.07 times a block.' ||
	fail "initviz.1's CHECK no longer says 1.07"
run 0 --format=json --residual --norm=layer --init=he-normal \
	--activation=relu --depth=50
"$py" - "$tmp/out" <<'EOF' || fail "layer-normalized growth (above)"
import json, sys
ms = [l["stream"]["channel_variance"] + l["stream"]["channel_mean_sq"]
      for l in json.load(open(sys.argv[1]))["layers"]]
g = (ms[-1] / ms[0]) ** (1 / 49)   # from layer 1 (the projection) to 50
assert abs(g - 1.07) <= 0.005, g
EOF
ok

# the man page's finite-width note, as it states it: deep He + relu passes
# for seeds 1-8 at width 256, fails for 3 of seeds 1-20 at width 128, and a
# batch of one makes half the units dead
printf 'check: deep He relu at width 256 passes for seeds 1-8 ... '
for s in 1 2 3 4 5 6 7 8; do
	run 0 --report --check --init=he-normal --activation=relu --depth=50 \
		--width=256 --seed=$s
done
ok
printf 'check: at width 128, 3 of seeds 1-20 fail ... '
n=0
for s in $(seq 1 20); do
	"$bin" --report --check --init=he-normal --activation=relu --depth=50 \
		--width=128 --seed=$s >/dev/null 2>&1
	rc=$?
	[ $rc -le 1 ] || fail "seed $s: exit $rc"
	[ $rc -eq 0 ] || "$bin" --report --check --init=he-normal \
		--activation=relu --depth=50 --width=128 --seed=$s 2>&1 >/dev/null |
		grep -Eqx 'initviz: check: 1 of 50 layers have more than 50% of their units dead, zero on every sample \(first: layer (4[0-9]|50), [0-9]+ of 128\)' ||
		fail "seed $s: not more than half of a last layer's units dead"
	n=$((n + rc))
done
[ $n -eq 3 ] || fail "$n of 20 failed"
ok
check_fails 'dead' --init=he-normal --activation=relu --depth=10 --batch=1

printf 'check: --check implies --report and keeps the format ... '
run 1 --check --format=json --init=constant --depth=3 --width=8
"$py" -c 'import json,sys; json.load(open(sys.argv[1]))' "$tmp/out" ||
	fail "not JSON"
ok

# --- determinism ----------------------------------------------------------
printf 'determinism: same seed, same bytes; other seed, other bytes ... '
run 0 --report --format=json --seed=7 --depth=5 --width=64
cp "$tmp/out" "$tmp/a"
run 0 --report --format=json --seed=7 --depth=5 --width=64
cmp -s "$tmp/a" "$tmp/out" || fail "same seed gave different output"
run 0 --report --format=json --seed=8 --depth=5 --width=64
"$py" - "$tmp/a" "$tmp/out" <<'EOF' || fail "different seeds, same numbers"
import json, sys
a, b = (json.load(open(f)) for f in sys.argv[1:3])
assert a["config"]["seed"] == 7 and b["config"]["seed"] == 8
for la, lb in zip(a["layers"], b["layers"]):
    for q in ("weights", "activation", "grad_activation"):
        assert la[q]["mean"] != lb[q]["mean"], (la["layer"], q)
        assert la[q]["histogram"] != lb[q]["histogram"], (la["layer"], q)
EOF
ok

# --- memory limit ---------------------------------------------------------
printf 'memory: --max-memory=1M refuses the default net, says how much ... '
run 2 --report --max-memory=1M
[ ! -s "$tmp/out" ] || fail "stdout not empty"
grep -q 'needs [0-9.]* MiB, over the memory limit of 1.0 MiB' "$tmp/err" ||
	fail "message lacks the amounts"
grep -q -- '--max-memory' "$tmp/err" ||
	fail "message does not name --max-memory"
run 0 --report --max-memory=0 --depth=2 --width=4
ok

# --- --help and --version -------------------------------------------------
printf 'help: exit 0, every option and name of docs/report.md ... '
run 0 --help
[ ! -s "$tmp/err" ] || fail "--help wrote to stderr"
for word in -i, --init= -s, --std= --value= -g, --gain= --mode= --bias= \
	-a, --activation= --slope= -d, --depth= -w, --width= --widths= -b, \
	--batch= --input= --seed= --report --format= --bins= --bias-std= \
	--check --max-memory= --ascii --keys= --trace= --help --version \
	xavier-normal he-uniform lecun-normal trunc-normal orthogonal identity \
	glorot- kaiming- leaky-relu softplus fan_avg gaussian positive \
	table csv json; do
	grep -qF -- "$word" "$tmp/out" || fail "--help does not mention $word"
done
"$py" -c '
import sys
for l in open(sys.argv[1], encoding="utf-8"):
    assert len(l.rstrip("\n")) <= 80, l
' "$tmp/out" || fail "--help lines over 80 columns"
# --check fails a training whose loss stops being finite (CHECK): say so
tr -s ' \n' ' ' <"$tmp/out" | grep -qF -- '--check exit 1 when the network is unhealthy or its training diverges' ||
	fail "--help's --check does not name a diverged training"
ok

printf 'version: exit 0, version and BLAS ... '
run 0 --version
head -1 "$tmp/out" | grep -qE '^initviz [0-9]+\.[0-9]+' || fail "first line"
grep -q 'BLAS' "$tmp/out" || fail "no BLAS line"
ok

# OpenBLAS picks its kernel from the processor's model, and takes one newer
# than itself for the oldest it knows; initviz then starts again with a
# kernel the processor runs (src/util/blas_core.h). A kernel set in
# OPENBLAS_CORETYPE stands.
printf 'version: the OpenBLAS kernel, replaced only when older than the processor ... '
E="env -u OPENBLAS_CORETYPE -u INITVIZ_OPENBLAS_REPLACED"
lib=$(sed -n 's/^BLAS: cblas_dgemm from //p' "$tmp/out")
if grep -q 'OpenBLAS kernel' "$tmp/out"; then
	$E OPENBLAS_CORETYPE=Prescott "$bin" --version >"$tmp/set" ||
		fail "--version with a kernel set"
	grep -qx 'OpenBLAS kernel: Prescott' "$tmp/set" ||
		fail "a set kernel: $(cat "$tmp/set")"
	# the kernel OpenBLAS picks by itself, asked in another program
	own=$($E "$py" -c 'import ctypes, sys
lib = ctypes.CDLL(sys.argv[1])
lib.openblas_get_corename.restype = ctypes.c_char_p
print(lib.openblas_get_corename().decode())' "$lib") || fail "python: $lib"
	flags=$(grep -m1 '^flags' /proc/cpuinfo 2>/dev/null)
	has() { case " $flags " in *" $1 "*) return 0 ;; esac; return 1; }
	want=""
	case $own in Haswell | Zen | SkylakeX | Cooperlake | SapphireRapids) ;;
	*)
		if has avx2 && has fma; then
			want=Haswell
			has avx512f && has avx512cd && has avx512bw &&
				has avx512dq && has avx512vl && want=SkylakeX
		fi ;;
	esac
	$E "$bin" --version >"$tmp/own" || fail "--version"
	if [ -z "$want" ]; then
		grep -qx "OpenBLAS kernel: $own" "$tmp/own" ||
			fail "OpenBLAS's $own replaced: $(cat "$tmp/own")"
	else
		grep -qx "OpenBLAS kernel: $want (OpenBLAS chose $own, older than this processor runs)" \
			"$tmp/own" || fail "want $want for $own: $(cat "$tmp/own")"
		# the same report as on the kernel OpenBLAS chose, to rounding
		set -- --report --format=json --depth=6 --width=64 --batch=128
		$E "$bin" "$@" >"$tmp/new.json" 2>"$tmp/err" || fail "report"
		[ -s "$tmp/err" ] && fail "stderr: $(cat "$tmp/err")"
		$E OPENBLAS_CORETYPE="$own" "$bin" "$@" >"$tmp/old.json" ||
			fail "report on $own"
		"$py" - "$tmp/new.json" "$tmp/old.json" <<'EOF' || fail "reports differ (above)"
import json, sys
a, b = (json.load(open(f)) for f in sys.argv[1:])
def walk(x, y, at):
    if isinstance(x, dict):
        assert x.keys() == y.keys(), at
        for k in x:
            walk(x[k], y[k], at + "." + k)
    elif isinstance(x, list):
        assert len(x) == len(y), at
        for i, (u, v) in enumerate(zip(x, y)):
            walk(u, v, "%s[%d]" % (at, i))
    elif isinstance(x, float) and isinstance(y, float):
        assert abs(x - y) <= 1e-9 * max(abs(x), abs(y), 1e-300), (at, x, y)
    else:
        assert x == y, (at, x, y)
walk(a, b, "")
EOF
	fi
fi
ok

# --- theory and criticality in JSON -------------------------------------
printf 'json: theory per layer and criticality against known values ... '
run 0 --report --format=json --init=he-normal --activation=relu --depth=4 \
	--width=64 --batch=32
"$py" - "$tmp/out" <<'EOF' || fail "theory (above)"
import json, math, sys
doc = json.load(open(sys.argv[1]))
c = doc["criticality"]
# ReLU with sigma_w^2 = 2 is critical: chi1 = 2 * 1/2 exactly
assert abs(c["chi1"] - 1) < 1e-12 and c["depth_scale"] is None, c
assert abs(c["sigma_w2"] - 2) < 1e-12, c
for l in doc["layers"]:
    t = l["theory"]
    # He keeps q = 2 with unit inputs: pre-activation std sqrt(2)
    assert abs(t["preactivation_std"] - math.sqrt(2)) < 1e-12, t
    # E[relu(z)^2] - E[relu(z)]^2 for z ~ N(0, 2): 1 - 2/(2 pi)
    assert abs(t["activation_std"] - math.sqrt(1 - 1 / math.pi)) < 1e-12, t
EOF
run 0 --report --format=json --init=lecun-normal --activation=selu --depth=2
"$py" - "$tmp/out" <<'EOF' || fail "selu criticality (above)"
import json, sys
c = json.load(open(sys.argv[1]))["criticality"]
assert abs(c["q_star"] - 1) < 1e-6 and abs(c["chi1"] - 1.0716) < 5e-4, c
EOF
ok

# --- training -------------------------------------------------------------
printf 'json: --train-steps logs loss and distinct neurons ... '
run 0 --report --format=json --init=constant --depth=3 --width=16 \
	--batch=32 --train-steps=200
"$py" - "$tmp/out" <<'EOF' || fail "constant training (above)"
import json, sys
tr = json.load(open(sys.argv[1]))["training"]
assert tr[0]["step"] == 0 and tr[-1]["step"] == 200, (tr[0], tr[-1])
assert all(e["distinct_neurons"] == [1, 1, 1] for e in tr), "symmetry broke"
EOF
run 0 --report --format=json --depth=3 --width=16 --batch=32 \
	--train-steps=3000 --lr=0.1
"$py" - "$tmp/out" <<'EOF' || fail "xavier training (above)"
import json, sys
tr = json.load(open(sys.argv[1]))["training"]
assert len(tr) <= 1001 and tr[-1]["step"] == 3000, len(tr)
steps = [e["step"] for e in tr]
assert steps == sorted(set(steps)), "steps not increasing"
assert tr[-1]["loss"] < 0.5 * tr[0]["loss"], (tr[0]["loss"], tr[-1]["loss"])
assert all(e["distinct_neurons"] == [16, 16, 16] for e in tr)
EOF
# only the readout random: the top hidden layer breaks, the ones below not
run 0 --report --format=json --init=constant --depth=3 --width=16 \
	--batch=32 --train-steps=100 --random-readout
"$py" - "$tmp/out" <<'EOF' || fail "random readout training (above)"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["training_readout"] == "random", d["training_readout"]
tr = d["training"]
assert tr[0]["distinct_neurons"] == [1, 1, 1], tr[0]
assert tr[-1]["distinct_neurons"] == [1, 1, 16], tr[-1]
EOF
# update and gradient ratios: one per layer per entry, update = lr x grad
# (plain SGD), none after the last update; the CSV summary is the last
# update's, the same numbers as the JSON's
run 0 --report --format=json --depth=3 --width=16 --batch=32 \
	--train-steps=5 --lr=0.03
cp "$tmp/out" "$tmp/train.json"
run 0 --report --format=csv --depth=3 --width=16 --batch=32 \
	--train-steps=5 --lr=0.03
"$py" - "$tmp/train.json" "$tmp/out" <<'EOF' || fail "training ratios (above)"
import csv, json, sys
d = json.load(open(sys.argv[1]))
tr = d["training"]
assert [e["step"] for e in tr] == [0, 1, 2, 3, 4, 5], tr
for e in tr[:-1]:
    assert len(e["update_ratio"]) == 3 and len(e["grad_ratio"]) == 3, e
    for u, g in zip(e["update_ratio"], e["grad_ratio"]):
        assert 0 < u and abs(u - 0.03 * g) <= 1e-12 * u, (u, g)
assert tr[-1]["update_ratio"] == [None] * 3, tr[-1]
assert tr[-1]["grad_ratio"] == [None] * 3, tr[-1]
change = d["training_activation_change"]
assert len(change) == 3 and all(c > 0 for c in change), change
rows = list(csv.DictReader(open(sys.argv[2])))
for l, r in enumerate(rows):
    assert float(r["training.update_ratio"]) == tr[-2]["update_ratio"][l]
    assert float(r["training.grad_ratio"]) == tr[-2]["grad_ratio"][l]
    assert float(r["training.activation_change"]) == change[l]
EOF
# a loss that overflows stops the training there, with no update taken
# from it: the weights that diverged stay, and the steps left are not run
div="--init=he-normal --activation=relu --depth=8 --width=64 --batch=64"
div="$div --lr=1 --train-steps=1000"
run 0 --report --format=json $div
cp "$tmp/out" "$tmp/div.json"
run 0 --report --format=csv $div
cp "$tmp/out" "$tmp/div.csv"
run 0 --report $div
"$py" - "$tmp/div.json" "$tmp/div.csv" "$tmp/out" "$tmp/train.json" <<'EOF' || fail "training stopped (above)"
import csv, json, math, re, sys
d = json.load(open(sys.argv[1]))
assert d["training_stopped"] is True, d["training_stopped"]
tr = d["training"]
last = tr[-1]
assert last["loss"] is None and 0 < last["step"] < 1000, last
assert all(math.isfinite(e["loss"]) for e in tr[:-1]), tr
assert last["update_ratio"] == [None] * 8, last
assert json.load(open(sys.argv[4]))["training_stopped"] is False
rows = list(csv.DictReader(open(sys.argv[2])))
assert all(int(r["training.steps"]) == last["step"] for r in rows), rows[0]
table = open(sys.argv[3]).read()
want = "training: %d steps at lr 1, loss " % last["step"]
assert want in table, table
m = re.search(r"^training stopped at step (\d+): the loss is not finite", table, re.M)
assert m and int(m.group(1)) == last["step"], table
# the activations were finite at initialization, so a change that is not
# finite is an activation that is not: NaN columns all compare alike, and
# the table gives no count over them (as the view: "not counted")
assert all(l["activation"]["nan"] == 0 and l["activation"]["inf"] == 0
           for l in d["layers"]), d["layers"]
bad = sum(c is None for c in d["training_activation_change"])
assert 0 < bad < 8, d["training_activation_change"]
want = "\ndistinct neurons after training: not counted (NaN or Inf in %d layers)\n" % bad
assert want in table, table
EOF
# at step 0 too: a layer whose activations hold NaN or Inf has no count of
# distinct neurons in the table ("-", and a line why), while a layer whose
# activations are finite keeps its count beside its NaN gradients
nan="--init=normal --std=1e300 --activation=relu --depth=4 --width=8 --batch=8"
json_then_table nan $nan
"$py" - "$tmp/nan.json" "$tmp/out" <<'EOF' || fail "distinct over NaN (above)"
import json, re, sys
d = json.load(open(sys.argv[1]))
table = open(sys.argv[2]).read()
rows = {int(m.group(1)): m.group(2) for m in
        re.finditer(r"^ +(\d+) +8 .* (\S+) !$", table, re.M)}
assert sorted(rows) == [1, 2, 3, 4], table
bad = 0
for l in d["layers"]:
    a = l["activation"]
    if a["nan"] or a["inf"]:
        bad += 1
        assert rows[l["layer"]] == "-", (l["layer"], table)
    else:
        assert rows[l["layer"]] == str(l["distinct_neurons"]), table
assert 0 < bad < 4, d["layers"]
assert "\n(distinct -: not counted where a layer's activations hold NaN or Inf)\n" in table, table
EOF
run 0 --report --depth=3 --width=8 --batch=8
grep -q 'distinct -' "$tmp/out" && fail "a finite report says distinct -"
# asked for exactly the steps that reach that loss, nothing is cut short
k=$("$py" -c 'import json, sys; print(json.load(open(sys.argv[1]))["training"][-1]["step"])' "$tmp/div.json")
div1="${div% --train-steps=1000} --train-steps=$k"
json_then_table div1 $div1
"$py" - "$tmp/div1.json" "$tmp/out" "$k" <<'EOF' || fail "training not cut short (above)"
import json, sys
d = json.load(open(sys.argv[1]))
last = d["training"][-1]
assert d["training_stopped"] is False and last["loss"] is None, d["training_stopped"]
assert last["step"] == int(sys.argv[3]), last
assert "training stopped" not in open(sys.argv[2]).read()
EOF
# ... and where the activations stayed finite the counts stand (lr 0.5:
# the output overflows while every layer's activations are finite)
div="${div% --lr=1 --train-steps=1000} --lr=0.5 --train-steps=1000"
json_then_table div $div
"$py" - "$tmp/div.json" "$tmp/out" <<'EOF' || fail "training stopped, activations finite (above)"
import json, sys
d = json.load(open(sys.argv[1]))
table = open(sys.argv[2]).read()
assert d["training_stopped"] is True, d["training_stopped"]
assert all(c is not None for c in d["training_activation_change"]), d
n = d["training"][-1]["distinct_neurons"]
want = "\ndistinct neurons after training: %s\n" % (
    "%d in every layer" % n[0] if min(n) == max(n) else
    "%d to %d, by layer" % (min(n), max(n)))
assert want in table, table
EOF
# a long run logs every ceil(N/999)-th step, and the update just before a
# stop is logged too when it falls between them (the network is trained
# again for it): the same entries as a run asking for exactly those steps,
# which logs every one of them
long="--lr=2 --train-steps=3000"
run 0 --report --format=json $long
cp "$tmp/out" "$tmp/long.json"
k=$("$py" -c 'import json, sys; print(json.load(open(sys.argv[1]))["training"][-1]["step"])' "$tmp/long.json")
run 0 --report --format=json --lr=2 --train-steps="$k"
"$py" - "$tmp/long.json" "$tmp/out" <<'EOF' || fail "the update before a stop is logged (above)"
import json, sys
d, e = (json.load(open(f)) for f in sys.argv[1:3])
tr, dense = d["training"], e["training"]
assert d["training_stopped"] is True and tr[-1]["loss"] is None, tr[-1]
s = tr[-1]["step"]
# at 3000 steps every 4th is logged, and the last update fell between
assert s % 4 != 1 and s > 8, s
want = [k for k in range(0, s - 1, 4)] + [s - 1, s]
assert [x["step"] for x in tr] == want, [x["step"] for x in tr]
assert [x["step"] for x in dense] == list(range(s + 1)), len(dense)
for x in tr:
    assert x == dense[x["step"]], (x, dense[x["step"]])
# drawn and run again, the network describes its initialization as before
assert d["layers"] == e["layers"]
assert d["training_activation_change"] == e["training_activation_change"]
assert None not in tr[-2]["update_ratio"] + tr[-2]["grad_ratio"], tr[-2]
EOF
run 0 --report --format=csv --depth=3 --width=16 --batch=32 --train-steps=5
head -1 "$tmp/out" | grep -q 'training.final_loss' || fail "csv: no training"
run 0 --report --depth=3 --width=16 --batch=32 --train-steps=5
grep -q '^training: 5 steps at lr 0.05,' "$tmp/out" || fail "table: no training line"
ok

# --- lessons --------------------------------------------------------------
printf 'lessons: --list-lessons, --lesson=N with --report, overrides ... '
run 0 --list-lessons
nbuilt=$(wc -l <"$tmp/out")
[ "$nbuilt" -ge 12 ] || fail "fewer than 12 lessons"
head -1 "$tmp/out" | grep -q '^1\. ' || fail "not numbered"
run 0 --report --format=json --lesson=5 --batch=16
"$py" - "$tmp/out" <<'EOF' || fail "lesson 5 config (above)"
import json, sys
c = json.load(open(sys.argv[1]))["config"]
assert (c["init"], c["std"], c["depth"], c["batch"]) == ("normal", 0.01, 10, 16), c
EOF
printf '[lesson]\ntitle = Mine\ntext = hi\ndepth = 2\nwidth = 8\n' >"$tmp/my.lessons"
run 0 --list-lessons --lessons="$tmp/my.lessons"
grep -q "^$((nbuilt + 1))\. Mine\$" "$tmp/out" || fail "file lesson not listed"
printf '[lesson]\ntitle = Bad\ntext = x\ndepth = -2\n' >"$tmp/bad.lessons"
run 0 --list-lessons --lessons="$tmp/bad.lessons"
grep -q "bad.lessons:4: --depth must be" "$tmp/err" || fail "no file:line error"
[ "$(wc -l <"$tmp/out")" -ge 12 ] || fail "built-in lessons lost"
run 2 --report --lesson=$((nbuilt + 1))
# depth or width over a lesson's widths list start from its depth of layers
# of its largest width, as the view's d and w do; so does a lesson's own
# depth after its list
printf '[lesson]\ntitle = W\ntext = w\nwidths = 8,32,16,4\n\n[lesson]\ntitle = D\ntext = d\nwidths = 8,32,16,4\ndepth = 5\n' \
	>"$tmp/widths.lessons"
for args in "$((nbuilt + 1)) --depth=5" "$((nbuilt + 1)) --width=12" \
	"$((nbuilt + 2))"; do
	# shellcheck disable=SC2086
	set -- $args
	run 0 --report --format=json --lessons="$tmp/widths.lessons" \
		--lesson="$@" --batch=4
	"$py" - "$tmp/out" "${2:-}" <<'EOF' || fail "lesson widths with $args (above)"
import json, sys
d = json.load(open(sys.argv[1]))
units = [l["fan_out"] for l in d["layers"]]
want = [12] * 3 if sys.argv[2] == "--width=12" else [32] * 5
assert units == want, (units, want)
assert d["layers"][0]["fan_in"] == want[0], d["layers"][0]["fan_in"]
EOF
done
# a setting's message comes out whole, as the same option's on the command
# line: --init's is the longest (every scheme, the aliases, the bad value)
run 2 --init=bogus
initmsg=$(sed "s/^initviz: //" "$tmp/err")
printf '[lesson]\ntitle = B\ntext = t\ninit = bogus\n' >"$tmp/init.lessons"
run 0 --list-lessons --lessons="$tmp/init.lessons"
grep -qF -- "init.lessons:4: $initmsg (skipped; the other lessons are loaded)" \
	"$tmp/err" || fail "the lesson file's --init message is not whole"
grep -qF -- 'gpt2 (aliases glorot-* for xavier-*, kaiming-* for he-*) (got "bogus")' \
	"$tmp/err" || fail "the lesson file's --init message lacks its end"
# a lesson's lr is the training rate unless --lr overrides it: He on 30 ReLU
# layers (lesson 9) diverges at the default 0.05, and learns at its 0.002
run 0 --report --format=json --lesson=9 --train-steps=100
"$py" - "$tmp/out" <<'EOF' || fail "lesson 9 training (above)"
import json, math, sys
d = json.load(open(sys.argv[1]))
assert d["training_lr"] == 0.002, d["training_lr"]
loss = [e["loss"] for e in d["training"]]
assert all(x is not None and math.isfinite(x) for x in loss), loss[-3:]
assert loss[-1] < 0.75 * loss[0], (loss[0], loss[-1])
EOF
run 0 --report --format=json --lesson=9 --train-steps=1 --lr=0.05
"$py" - "$tmp/out" <<'EOF' || fail "--lr over a lesson's lr (above)"
import json, sys
assert json.load(open(sys.argv[1]))["training_lr"] == 0.05
EOF
ok

# --- the man page ---------------------------------------------------------
printf 'man page: every option of --help, renders without warnings ... '
man="${top_srcdir:-.}/docs/initviz.1"
[ -f "$man" ] || fail "no $man"
run 0 --help
"$py" - "$tmp/out" "$man" <<'EOF' || fail "man page lacks options of --help"
import re, sys
names = set(re.findall(r"--([a-z][a-z-]*)", open(sys.argv[1]).read()))
page = open(sys.argv[2], encoding="utf-8").read()
missing = [n for n in sorted(names)
           if "\\-\\-" + n.replace("-", "\\-") not in page]
assert len(names) >= 25 and not missing, missing
EOF
if command -v groff >/dev/null 2>&1; then
	groff -man -ww -z -Tutf8 "$man" >"$tmp/err" 2>&1 || fail "groff failed"
	[ ! -s "$tmp/err" ] || fail "groff warnings"
fi
ok

# --- the JSON examples' numbers --------------------------------------------
# The man page's JSON example is the default report (initviz --format=json),
# shortened: each number it shows is that report's, to the digits shown.
# report.md's example names its command: its layer 1 numbers are that one's.
printf 'docs: the JSON examples give the numbers their commands print ... '
run 0 --format=json
cp "$tmp/out" "$tmp/default.json"
run 0 --init=he-normal --activation=relu --format=json
"$py" - "$man" "$tmp/default.json" "${top_srcdir:-.}/docs/report.md" \
	"$tmp/out" <<'EOF' || fail "JSON examples (above)"
import json, re, sys

def matches(x, shown):
    """x rounds to the number as written (its last digit +- half)."""
    dec = len(shown.split(".")[1]) if "." in shown else 0
    return isinstance(x, (int, float)) and \
        abs(x - float(shown)) <= 0.5 * 10.0 ** -dec * (1 + 1e-9)

def compare(ex, real, path, bad):
    if isinstance(ex, dict):
        for k, v in ex.items():
            if k not in real:
                bad.append(path + "." + k + ": no such key")
            else:
                compare(v, real[k], path + "." + k, bad)
    elif isinstance(ex, list):
        for i, v in enumerate(ex):
            compare(v, real[i], "%s[%d]" % (path, i), bad)
    elif isinstance(ex, str) and ex.startswith("#"):
        if not matches(real, ex[1:]):
            bad.append("%s: shown %s, is %r" % (path, ex[1:], real))
    elif ex is not None and ex != real:
        bad.append("%s: shown %r, is %r" % (path, ex, real))

page = open(sys.argv[1], encoding="utf-8").read()
ex = re.search(r'\.EX\n(\{ "initviz".*?)\n\.EE', page, re.S).group(1)
ex = ex.replace("\\-", "-")
ex = re.sub(r",\s*\.\.\.\s*\]", "]", ex)       # [256, 256, ...], ... ]
ex = ex.replace("STATS", "null")              # described apart
ex = re.sub(r'"initviz": "[^"]*"', '"initviz": null', ex)
ex = re.sub(r"(?<=[:\[,] )(-?[0-9.]+(?:e-?[0-9]+)?)(?=[,\s\]}])",
            r'"#\1"', ex)                     # numbers as shown
bad = []
compare(json.loads(ex), json.load(open(sys.argv[2])), "man", bad)
assert ex.count('"#') >= 30, ex

md = open(sys.argv[3], encoding="utf-8").read()
block = md.split('"command": "initviz --init=he-normal --activation=relu '
                 '--format=json"', 1)[1].split("```", 1)[0]
real = json.load(open(sys.argv[4]))
layer = real["layers"][0]
seen = 0
for key, shown in re.findall(r'"(\w+)": (-?[0-9.]+)', block):
    if key == "training_lr":  # the default --lr, with --train-steps
        continue
    where = layer["stream"] if key.startswith("channel_") else \
        real["architecture"] if key == "res_scale" else layer
    value = where[key]
    seen += 1
    if not matches(value, shown):
        bad.append("report.md %s: shown %s, is %r" % (key, shown, value))
assert seen >= 9, seen
assert not bad, bad
EOF
ok

# --- README's examples do what their comments say ---------------------------
printf "README: the training example's ratios, the residual stream's doubling ... "
grep -qF "initviz --report --train-steps=100 --lr=0.05   # loss; update/data ratio per layer, first and last step" \
	"${top_srcdir:-.}/README.md" || fail "README's training example changed"
run 0 --report --train-steps=100 --lr=0.05
grep -q '^training: 100 steps at lr 0.05, loss [0-9.]* -> [0-9.]*$' "$tmp/out" &&
	grep -qE '^layer +update@0 +update@99 +grad@0 +grad@99 +change$' "$tmp/out" &&
	[ "$(grep -cE '^ +([0-9]|10) +-[0-9.]+ +-[0-9.]+ +-[0-9.]+ +-[0-9.]+ ' "$tmp/out")" -eq 10 ] ||
	fail "training example: $(cat "$tmp/out")"
grep -qF "initviz --report --init=he-normal --activation=relu --residual --depth=20   # the stream's variance doubles a block" \
	"${top_srcdir:-.}/README.md" || fail "README's residual example changed"
run 0 --format=json --init=he-normal --activation=relu --residual --depth=20
"$py" - "$tmp/out" <<'EOF' || fail "the residual stream (above)"
import json, sys
s = [l["activation"]["rms"] ** 2 for l in json.load(open(sys.argv[1]))["layers"]]
per_block = (s[-1] / s[0]) ** (1 / 19)   # 19 blocks after the projection
assert 1.8 < per_block < 2.2, per_block
EOF
ok

# --- README's and the man page's examples, run as written -------------------
# Each example line must still be in the text, and run as a user pastes it
# (initviz on PATH) it must do what the words beside it say: the constant
# init is "not healthy", the jq line prints one std a layer, the width
# sweep of N(0, 0.05) grows with width and He's stays flat, the CSV grid
# has a row per configuration and layer. The interactive examples run as
# reports with --check: tanh with std 0.01 vanishes, He + relu lives.
mkdir "$tmp/path" "$tmp/ex" || exit 99
ln -s "$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")" "$tmp/path/initviz"
readme="${top_srcdir:-.}/README.md"
sed -n '/^\.SH EXAMPLES/,/^\.SH SEE/p' "${top_srcdir:-.}/docs/initviz.1" |
	sed -e 's/\\-/-/g' -e "s/\\\\(aq/'/g" -e 's/\\e$/\\/' >"$tmp/examples"
# has FILE TEXT: the example is there, word for word
has() { grep -qF -- "$2" "$1" || fail "$(basename "$1") no longer says: $2"; }
# shellrun WANT_RC SCRIPT: the script in sh, in $tmp/ex, initviz on PATH
shellrun()
{
	(cd "$tmp/ex" && PATH="$tmp/path:$PATH" sh -c "$2") \
		>"$tmp/out" 2>"$tmp/err" </dev/null
	rc=$?
	[ "$rc" -eq "$1" ] || fail "sh -c '$2': exit status $rc, want $1"
}

printf 'examples: --check --init=constant is "not healthy" ... '
line='initviz --report --check --init=constant && echo healthy || echo "not healthy"'
has "$readme" "$line"
shellrun 0 "$line"
[ "$(tail -n 1 "$tmp/out")" = "not healthy" ] || fail "README: not 'not healthy'"
has "$tmp/examples" 'Use it in a script:'
script=$(sed -n '/^if initviz --check --init=constant/,/^fi$/p' "$tmp/examples")
[ -n "$script" ] || fail "initviz.1: the script example is gone"
shellrun 0 "$script"
[ "$(cat "$tmp/out")" = "not healthy" ] || fail "initviz.1: not 'not healthy'"
ok

printf 'examples: the jq line prints one activation std a layer ... '
if command -v jq >/dev/null 2>&1; then
	line="initviz --report --format=json --widths=784,512,256,10 | jq '.layers[].activation.std'"
	has "$readme" "$line"
	has "$tmp/examples" 'The activation standard deviation of every layer, with'
	script=$(sed -n '/^initviz --format=json --widths=784,512,256,10 |$/,/jq/p' \
		"$tmp/examples")
	for s in "$line" "$script"; do
		shellrun 0 "$s"
		grep -qvE '^0\.[0-9]+$' "$tmp/out" && fail "not a std a line"
		[ "$(wc -l <"$tmp/out")" -eq 3 ] || fail "not 3 layers"
	done
	ok
else
	echo "no jq: skipped"
fi

printf 'examples: small tanh weights vanish, He keeps 50 relu layers ... '
line='initviz --init=normal --std=0.01 --activation=tanh --depth=10   # watch the signal vanish'
has "$readme" "$line"
has "$tmp/examples" 'Watch the signal vanish in a deep tanh network with small weights:'
has "$tmp/examples" 'initviz --init=normal --std=0.01 --activation=tanh --depth=10'
shellrun 1 "${line%%#*} --report --check"
grep -q 'activation std shrinks .*: signals vanish$' "$tmp/err" ||
	fail "no vanishing signal"
line='initviz --report --init=he-normal --activation=relu --depth=50'
has "$readme" "$line"
has "$tmp/examples" 'He initialization keeps a deep ReLU network alive:'
has "$tmp/examples" "$line"
shellrun 0 "$line --check"
ok

printf 'examples: over width, N(0, 0.05) grows and He stays flat ... '
line='initviz --check --sweep=width:64..2048*2 --init=normal --std=0.05   # activations grow with width'
has "$readme" "$line"
shellrun 1 "${line%%#*}"
grep -q '^initviz: check: activations grow with width in ' "$tmp/err" ||
	fail "README: activations do not grow with width"
has "$tmp/examples" 'Does the activation scale stay flat as the network gets wider?'
line='initviz --check --sweep=width:64..2048*2 --init=he-normal --activation=relu'
has "$tmp/examples" "$line"
shellrun 0 "$line"
[ "$(grep -cE '^ +[0-9]+ .* flat( \(unsettled\))?$' "$tmp/out")" -eq 10 ] ||
	fail "initviz.1: not flat in all 10 layers"
ok

printf 'examples: the CSV sweeps have a row per configuration and layer ... '
line='initviz --format=csv --sweep=width:64..2048*2 --init=he-normal --activation=relu >sweep.csv'
has "$readme" "$line"
shellrun 0 "$line"
"$py" - "$tmp/ex/sweep.csv" width 60 <<'EOF' || fail "README's CSV (above)"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
knobs = sys.argv[2].split(",")
assert len(rows) == int(sys.argv[3]), len(rows)
assert [k for k in rows[0] if k.startswith("sweep.")] == \
    ["sweep." + k for k in knobs], list(rows[0])[:3]
assert sorted({int(r["sweep.width"]) for r in rows}) == \
    [64, 128, 256, 512, 1024, 2048]
EOF
script=$(sed -n '/^initviz --format=csv --sweep=width:64..2048\*2 --sweep=std/,/sweep.csv$/p' \
	"$tmp/examples")
[ -n "$script" ] || fail "initviz.1: the CSV grid example is gone"
rm -f "$tmp/ex/sweep.csv"
shellrun 0 "$script"
# 6 widths x 2 stds, 3 layers each
"$py" - "$tmp/ex/sweep.csv" width,std 36 <<'EOF' || fail "initviz.1's CSV (above)"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
knobs = sys.argv[2].split(",")
assert len(rows) == int(sys.argv[3]), len(rows)
assert [k for k in rows[0] if k.startswith("sweep.")] == \
    ["sweep." + k for k in knobs], list(rows[0])[:3]
assert {(r["sweep.width"], r["sweep.std"]) for r in rows} == \
    {(str(w), s) for w in (64, 128, 256, 512, 1024, 2048)
     for s in ("0.01", "0.05")}
EOF
ok

# --- the defaults the man page and README's option table state --------------
# Each "Default:" of the man page's OPTIONS and each default in README's
# table is the value the report's JSON "config" gives with no options
# (the learning rate: the one training uses; the format: what --report
# prints), so that a changed default fails here until both texts say it.
printf 'defaults: the man page and README state the ones the program uses ... '
run 0 --format=json --train-steps=1
cp "$tmp/out" "$tmp/defaults.json"
run 0 --format=json --init=gpt2 --residual --depth=8 --width=16 --batch=4
cp "$tmp/out" "$tmp/gpt2.json"
run 0 --format=json --lesson=9 --train-steps=1 --depth=2 --width=8 --batch=4
cp "$tmp/out" "$tmp/lesson9.json"
run 0 --report --depth=2 --width=8 --batch=4
cp "$tmp/out" "$tmp/report.txt"
run 0 --report --format=table --depth=2 --width=8 --batch=4
cmp -s "$tmp/out" "$tmp/report.txt" || fail "--report is not --format=table"
"$py" - "${top_srcdir:-.}/docs/initviz.1" "${top_srcdir:-.}/README.md" \
	"$tmp/defaults.json" "$tmp/gpt2.json" "$tmp/lesson9.json" \
	<<'EOF' || fail "stated defaults (above)"
import json, math, re, sys
man, readme = open(sys.argv[1]).read(), open(sys.argv[2]).read()
doc, gpt2, l9 = (json.load(open(f)) for f in sys.argv[3:6])
cfg = doc["config"]
assert "training" in doc and l9["training_lr"] == 0.002, l9["training_lr"]

def word(v):
    """v as the texts write it: on/off, a number's shortest form"""
    if isinstance(v, bool):
        return "on" if v else "off"
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return repr(v) if isinstance(v, float) else str(v)

# what the program uses, by option
want = {k.replace("_", "-"): word(v) for k, v in cfg.items()
        if not isinstance(v, list)}
want["lr"] = word(doc["training_lr"])
want["train-steps"] = "0"   # a report without --train-steps has none
want["format"] = "table"    # checked above: --report is --format=table
want["residual"] = "off"
bad, seen = [], []

# the man page: the .TP items of OPTIONS, roff taken out
opts = man.split("\n.SH OPTIONS\n", 1)[1].split("\n.SH ", 1)[0]
for item in opts.split("\n.TP\n")[1:]:
    lines = item.split("\n")
    names = re.findall(r"--([a-z-]+)", lines[0].replace("\\-", "-"))
    text = " ".join(re.sub(r'^\.(?:B|BR|BI|I|IR|RB)\s+', "", l)
                    for l in lines[1:] if not l.startswith(".TP"))
    text = re.sub(r'\\f[BIRP]|"', "", text).replace("\\-", "-")
    m = re.search(r"Default: (.*)", text)
    if not m or not names or names[0] not in want:
        continue
    stated = m.group(1)
    if names[0] == "lr":   # the lesson's lr with --lesson, else ...
        stated = stated.split("else ", 1)[1]
    first = re.split(r"[ ,(]|\.(?!\d)", stated.strip())[0]
    seen.append(names[0])
    if first != want[names[0]]:
        bad.append("initviz.1 --%s: says %r, is %s"
                   % (names[0], first, want[names[0]]))
# gpt2's alpha: 1/sqrt(2L)
assert "Default: 1, or 1/\\(sr(2L) for\n.BR gpt2 ." in man
a = gpt2["config"]["res_scale"]
if abs(a - 1 / math.sqrt(2 * gpt2["config"]["depth"])) > 1e-15:
    bad.append("gpt2's res-scale is %r" % a)
need = {"init", "std", "value", "gain", "mode", "bias", "bias-std",
        "activation", "slope", "res-scale", "depth", "width", "batch",
        "input", "seed", "bins", "train-steps", "lr"}
assert need <= set(seen), sorted(need - set(seen))

# README's table: | options | meaning | defaults, in the options' order |
n = 0
for row in readme.split("\n"):
    cells = row.split(" | ")
    if len(cells) != 3 or not row.startswith("| `"):
        continue
    names = [o for o in re.findall(r"--([a-z-]+)", cells[0])
             if o in want and o != "widths"]
    # the defaults, a note in parentheses left out
    stated = [s.strip(" `|") for s in
              re.sub(r"\([^()]*(\([^()]*\))*[^()]*\)", "", cells[2]).split(",")]
    if not names:
        continue
    if names == ["report", "format", "bins", "check"] or "format" in names:
        names = ["format", "bins"]
    if len(stated) != len(names):
        bad.append("README %s: %d defaults for %r" % (cells[0], len(stated),
                                                      names))
        continue
    for o, s in zip(names, stated):
        n += 1
        if s != want[o]:
            bad.append("README --%s: says %r, is %s" % (o, s, want[o]))
assert n >= 19, n
assert "1 (`gpt2`: 1/√(2L))" in readme
assert not bad, bad
EOF
ok

# --- write errors ---------------------------------------------------------
# a full disk: exit 2 and one line, in every format and for a sweep
if [ -w /dev/full ]; then
	for args in --format=json --format=csv --format=svg --report \
		"--format=csv --sweep=width:4,8" "--sweep=width:4,8"; do
		printf 'write error: initviz %s >/dev/full exits 2 ... ' "$args"
		# shellcheck disable=SC2086 # $args: several options
		"$bin" $args --depth=2 --width=8 --batch=4 >/dev/full 2>"$tmp/err"
		rc=$?
		[ "$rc" -eq 2 ] || fail "exit status $rc, want 2"
		[ "$(wc -l <"$tmp/err")" -eq 1 ] || fail "not one line on stderr"
		grep -q '^initviz: write error: No space left on device$' \
			"$tmp/err" || fail "no write error message"
		ok
	done
fi

# stdout closed: the same, in every format and for a sweep (whose temporary
# files must not take stdout's number and receive the report)
for args in --format=json --format=csv --format=svg --report \
	"--format=csv --sweep=width:4,8" "--format=svg --sweep=width:4,8" \
	"--sweep=width:4,8"; do
	printf 'write error: initviz %s >&- exits 2 ... ' "$args"
	# shellcheck disable=SC2086 # $args: several options
	"$bin" $args --depth=2 --width=8 --batch=4 >&- 2>"$tmp/err"
	rc=$?
	[ "$rc" -eq 2 ] || fail "exit status $rc, want 2"
	[ "$(cat "$tmp/err")" = "initviz: write error: Bad file descriptor" ] ||
		fail "not the one line of the write error"
	ok
done

# a reader that goes away (| head): ended by SIGPIPE without a word, as a
# filter is (status 128 + 13); with SIGPIPE ignored the write fails
# instead: exit 2 and one line. The report is longer than a pipe's buffer.
printf 'write error: a closed pipe ends the report by SIGPIPE ... '
{ "$bin" --format=csv --depth=2000 --width=4 --batch=4 2>"$tmp/err"
	echo $? >"$tmp/rc"; } | head -c 10 >/dev/null
[ "$(cat "$tmp/rc")" -eq 141 ] || fail "exit status $(cat "$tmp/rc"), want 141"
[ ! -s "$tmp/err" ] || fail "stderr is not empty"
(trap '' PIPE
	{ "$bin" --format=csv --depth=2000 --width=4 --batch=4 2>"$tmp/err"
		echo $? >"$tmp/rc"; } | head -c 10 >/dev/null)
[ "$(cat "$tmp/rc")" -eq 2 ] || fail "SIGPIPE ignored: exit $(cat "$tmp/rc"), want 2"
[ "$(cat "$tmp/err")" = "initviz: write error: Broken pipe" ] ||
	fail "SIGPIPE ignored: no write error message"
ok

# options that change nothing: one warning line, the report as without
# them, exit 0; options that do something: no warning
printf 'options that change nothing are named in one warning ... '
S="--depth=3 --width=8 --batch=8 --format=json"
# shellcheck disable=SC2086
run 0 --report $S --init=he-normal
cp "$tmp/out" "$tmp/plain.json"
# shellcheck disable=SC2086
run 0 --report $S --init=he-normal --std=0.2 --slope=0.3 --res-scale=0.5 \
	--lr=0.1 --value=2
[ "$(wc -l <"$tmp/err")" -eq 1 ] || fail "not one line"
for w in "--std does nothing with --init=he-normal" \
	"--slope does nothing with --activation=tanh" \
	"--res-scale does nothing without --residual" \
	"--lr does nothing without --train-steps" \
	"--value does nothing with --init=he-normal"; do
	grep -q "^initviz: warning: .*$w" "$tmp/err" || fail "no \"$w\""
done
# the numbers are those without the options (the command names them)
"$py" - "$tmp/out" "$tmp/plain.json" <<'PY' 2>/dev/null ||
import json, sys
a, b = (json.load(open(f)) for f in sys.argv[1:])
sys.exit(a["layers"] != b["layers"])
PY
	{ command -v "$py" >/dev/null 2>&1 && fail "the numbers changed"; }
# shellcheck disable=SC2086
run 0 --report $S --init=normal --std=0.2 --activation=leaky-relu \
	--slope=0.3 --residual --res-scale=0.5 --train-steps=2 --lr=0.1
[ ! -s "$tmp/err" ] || fail "a warning for options that do something"
# shellcheck disable=SC2086
run 0 --report $S --init=torch-linear --bias=0.5 --bias-std=0.1 --gain=2
grep -q "^initviz: warning: --gain does nothing with --init=torch-linear.*; --bias does nothing.*; --bias-std does nothing" "$tmp/err" ||
	fail "presets: no warning for --gain, --bias and --bias-std"
ok

# --- table: the training summary follows the mean field (man REPORT) ----
printf 'table: the training summary, from the numbers JSON gives ... '
# table_and_json ARG...: the table in $tmp/table, the JSON in $tmp/out
table_and_json()
{
	run 0 --report "$@"
	cp "$tmp/out" "$tmp/table"
	run 0 --report --format=json "$@"
}
T="--train-steps=4 --depth=3 --width=8 --batch=16 --lr=0.07"
# shellcheck disable=SC2086
table_and_json $T
"$py" - "$tmp/table" "$tmp/out" <<'EOF' || fail "training summary (above)"
import json, math, sys
table = open(sys.argv[1]).read().split("\n")
doc = json.load(open(sys.argv[2]))
mf = [i for i, l in enumerate(table) if l.startswith("mean field")]
tr = [i for i, l in enumerate(table) if l.startswith("training: ")]
assert mf and tr and mf[0] < tr[0], "training does not follow the mean field"
t = doc["training"]
line = table[tr[0]]
want = "training: 4 steps at lr 0.07, loss %s -> %s" % (
    "%.4g" % t[0]["loss"], "%.4g" % t[-1]["loss"])
assert line == want, (line, want)
d = t[-1]["distinct_neurons"]
assert table[tr[0] + 1] == "distinct neurons after training: %s" % (
    "%d in every layer" % d[0] if min(d) == max(d) else
    "%d to %d, by layer" % (min(d), max(d))), table[tr[0] + 1]
head = [i for i, l in enumerate(table) if l.startswith("layer update@0")]
assert head and table[head[0]].split() == [
    "layer", "update@0", "update@3", "grad@0", "grad@3", "change"], head
for k, l in enumerate(table[head[0] + 1:head[0] + 4]):
    f = [float(x) for x in l.split()]
    assert f[0] == k + 1, l
    want = [math.log10(t[0]["update_ratio"][k]),
            math.log10(t[-2]["update_ratio"][k]),
            math.log10(t[0]["grad_ratio"][k]),
            math.log10(t[-2]["grad_ratio"][k])]
    for got, w in zip(f[1:5], want):
        assert abs(got - w) <= 0.0051, (l, want)
    c = doc["training_activation_change"][k]
    assert f[5] == float("%.3g" % c), (l, c)
EOF
# one step: its update is the first and the last, written once
T1="--train-steps=1 --depth=3 --width=8 --batch=16 --lr=0.07"
# shellcheck disable=SC2086
table_and_json $T1
"$py" - "$tmp/table" "$tmp/out" <<'EOF' || fail "one step's ratios (above)"
import json, math, sys
table = open(sys.argv[1]).read().split("\n")
t = json.load(open(sys.argv[2]))["training"]
head = [i for i, l in enumerate(table) if l.startswith("layer update@0")]
assert head and table[head[0]].split() == [
    "layer", "update@0", "grad@0", "change"], table[head[0]]
for k, l in enumerate(table[head[0] + 1:head[0] + 4]):
    f = [float(x) for x in l.split()]
    assert len(f) == 4 and f[0] == k + 1, l
    assert abs(f[1] - math.log10(t[0]["update_ratio"][k])) <= 0.0051, l
    assert abs(f[2] - math.log10(t[0]["grad_ratio"][k])) <= 0.0051, l
EOF
ok

# the distinct neurons after training in words: one count for all layers,
# all of every layer's when widths differ, or the fewest to the most
printf 'table: distinct neurons after training, in words ... '
forms=
for D in "--depth=3 --width=16" "--widths=64,32,16,8" \
	"--depth=4 --width=32 --activation=relu --bias=-1"; do
	# shellcheck disable=SC2086
	table_and_json $D --train-steps=3
	form=$("$py" - "$tmp/table" "$tmp/out" <<'EOF'
import json, sys
table = open(sys.argv[1]).read().split("\n")
doc = json.load(open(sys.argv[2]))
d = doc["training"][-1]["distinct_neurons"]
w = doc["config"]["widths"][1:]
if min(d) == max(d):
    form, want = "one", "%d in every layer" % d[0]
elif d == w:
    form, want = "all", "all, in every layer (%d to %d)" % (min(d), max(d))
else:
    form, want = "range", "%d to %d, by layer" % (min(d), max(d))
line = "distinct neurons after training: " + want
assert line in table, (line, [l for l in table if "distinct" in l])
print(form)
EOF
) || fail "distinct neurons after training for $D (above)"
	forms="$forms $form"
done
[ "$forms" = " one all range" ] || fail "the settings gave the forms$forms"
ok

echo "$passed passed, 0 failed"
