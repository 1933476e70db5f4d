#!/bin/sh
# SPDX-License-Identifier: MIT
# The mean-field fields of --report in every format, through the real
# binary, against numbers python3 computes here by its own quadrature; and
# --check on textbook-healthy and degenerate networks.
set -u

. "${top_srcdir:-.}/tests/cli_lib.sh"
need_python

small='--depth=3 --width=32 --batch=16'

# crit ARG...: the report's criticality, with the options, in $tmp/crit.json
crit()
{
	# shellcheck disable=SC2086 # the words are options
	run 0 --report --format=json $small "$@"
	"$py" -c 'import json, sys
print(json.dumps(json.load(open(sys.argv[1]))["criticality"]))' \
		"$tmp/out" >"$tmp/crit.json" || fail "no JSON criticality"
}

# expect PYTHON-ASSERTION: about c, the criticality object
expect()
{
	"$py" - "$tmp/crit.json" "$1" <<'EOF' || fail "criticality (above)"
import json, math, sys
c = json.load(open(sys.argv[1]))
assert eval(sys.argv[2]), c
EOF
}

# --- kinds of fixed points -------------------------------------------------
printf 'json: q_star_kind where the length map has no fixed point ... '
keys="{'q_star_kind', 'q_star', 'chi1', 'depth_scale', \
'depth_scale_correlation', 'depth_scale_gradient', 'gain_for_unit_q', \
'sigma_w_for_unit_q', 'sigma_w2', 'sigma_b2'}"
crit --init=he-normal --activation=softplus
expect "set(c) == $keys"
# q' - q = 2 E[softplus^2] - q > 0 for every q; chi1 -> 2 * 1/2 at large q
expect "c['q_star_kind'] == 'diverges' and c['q_star'] is None"
expect "abs(c['chi1'] - 1) < 1e-9 and c['depth_scale_gradient'] is None"
crit --init=he-normal --activation=leaky-relu
expect "c['q_star_kind'] == 'diverges' and abs(c['chi1'] - 1.0001) < 1e-12"
expect "abs(c['depth_scale'] - 1 / math.log(1.0001)) < 1e-6"
expect "c['depth_scale'] == c['depth_scale_gradient']"
crit --init=he-normal --activation=relu --bias-std=0.1
expect "c['q_star_kind'] == 'diverges' and c['q_star'] is None"
crit --init=he-normal --activation=relu
expect "c['q_star_kind'] == 'neutral' and c['q_star'] is None"
expect "c['depth_scale_correlation'] is None and c['gain_for_unit_q'] is None"
# sigma_w^2 = 2/fan * fan rounds a few ulps below 2 (he-uniform at the
# default width, he-normal at 255) or 1 (xavier at 30): q still grows by
# sigma_b^2 a layer, with no fixed point near sigma_b^2 / 2^-52
crit --init=he-uniform --activation=relu --bias=0.1 --width=256
expect "c['q_star_kind'] == 'diverges' and c['q_star'] is None"
crit --init=he-normal --activation=relu --bias=0.1 --width=255
expect "c['q_star_kind'] == 'diverges' and c['q_star'] is None"
crit --init=xavier-normal --activation=linear --bias=-0.5 --width=30
expect "c['q_star_kind'] == 'diverges' and c['q_star'] is None"
crit --init=he-normal --activation=selu
expect "c['q_star_kind'] == 'diverges'"
expect "abs(c['chi1'] - 1.0507009873554805 ** 2) < 1e-9"
crit --init=he-normal --activation=elu
expect "c['q_star_kind'] == 'diverges'"
crit --init=lecun-normal --activation=linear
expect "c['q_star_kind'] == 'neutral'"
ok

# --- a bias whose square overflows: table and JSON agree ----------------
printf 'json and table: q* past a double at --bias=1e300 ... '
# linear, q' = sigma_w^2 q + b^2: xavier (sigma_w^2 = 1) grows without
# bound; gain 0.5 (0.25) is stable at q* = b^2 / 0.75, past 1.8e308
crit --activation=linear --bias=1e300
expect "c['q_star_kind'] == 'diverges' and c['q_star'] is None"
expect "abs(c['chi1'] - 1) < 1e-12 and c['sigma_b2'] is None"
run 0 --report $small --activation=linear --bias=1e300
grep -q '^  no q\*: q grows without bound (diverges)' "$tmp/out" ||
	fail "table: no diverges line"
crit --activation=linear --bias=1e300 --gain=0.5
expect "c['q_star_kind'] == 'stable' and c['q_star'] is None"
expect "abs(c['chi1'] - 0.25) < 1e-12"
expect "abs(c['depth_scale'] - 1 / math.log(4)) < 1e-12"
run 0 --report $small --activation=linear --bias=1e300 --gain=0.5
grep -q '^  q\* over 1.8e308 (stable), chi1 0.25 ' "$tmp/out" ||
	fail "table: no q* over 1.8e308 line"
grep -q 'sigma_b^2 over 1.8e308' "$tmp/out" || fail "table: sigma_b^2"
grep -q 'inf' "$tmp/out" && fail "table: an inf for a number past the range"
# per layer: layer 1's std and every gradient std are closed forms
run 0 --report --format=json $small --activation=linear --bias=1e300
"$py" - "$tmp/out" <<'EOF' || fail "theory at --bias=1e300 (above)"
import json, sys
t = [l["theory"] for l in json.load(open(sys.argv[1]))["layers"]]
assert abs(t[0]["preactivation_std"] - 1) < 1e-12, t[0]
for x in t:  # xavier, equal widths: fan_out Var(W) = 1
    assert abs(x["grad_activation_std"] - 1) < 1e-12, x
    assert abs(x["grad_preactivation_std"] - 1) < 1e-12, x
assert t[1]["preactivation_std"] is None, t[1]
EOF
ok

# --- a weight std whose sigma_w^2 (or its map's image) overflows ----------
printf 'json and table: a weight std past the range keeps the kind ... '
# relu, q' = sigma_w^2 q / 2 with sigma_w^2 = 32 std^2: grows without bound
# at any std above 1/4; at 1e76 q'(q_1) = 5e306 q_1 overflows, at 1e200
# sigma_w^2 does. The biases stay 0, whatever the weights.
for s in 1e76 1e200; do
	crit --init=normal --std=$s --activation=relu
	expect "c['q_star_kind'] == 'diverges' and c['sigma_b2'] == 0"
	run 0 --report $small --init=normal --std=$s --activation=relu
	grep -q '^  no q\*: q grows without bound (diverges)' "$tmp/out" ||
		fail "table: relu at std $s does not diverge"
	grep -q 'sigma_b^2 0)' "$tmp/out" || fail "table: sigma_b^2 at std $s"
done
expect "c['chi1'] is None and c['depth_scale_gradient'] == 0"
# tanh settles at q* = sigma_w^2 E[tanh^2] ~ 32e152, chi1 ~ 0.532 sigma_w
crit --init=normal --std=1e76 --activation=tanh
expect "c['q_star_kind'] == 'stable' and abs(c['q_star'] / 32e152 - 1) < 1e-6"
expect "abs(c['chi1'] / (math.sqrt(32e152) * 4 / 3 / math.sqrt(2 * math.pi)) - 1) < 1e-3"
run 0 --report $small --init=normal --std=1e200 --activation=tanh
grep -q '^  q\* over 1.8e308 (stable), chi1 not computed' "$tmp/out" ||
	fail "table: tanh at std 1e200"
grep -q 'nan' "$tmp/out" && fail "table: a nan at std 1e200"
ok

# --- a weight std whose sigma_w^2 underflows ------------------------------
printf 'json and table: a weight std below the range keeps its depth scale ... '
# sigma_w^2 = 32 * (1e-170)^2 = 3.2e-339 rounds to 0 in a double; tanh at
# q* = 0 has tanh'(0)^2 = 1, so chi1 = 3.2e-339 and the gradients' depth
# scale is 1/|ln 3.2e-339|, 0.00128 layers, not 0
crit --init=normal --std=1e-170 --activation=tanh
expect "c['q_star_kind'] == 'stable' and c['q_star'] == 0"
expect "abs(c['depth_scale_gradient'] * abs(math.log(3.2) - 339 * math.log(10)) - 1) < 1e-9"
run 0 --report $small --init=normal --std=1e-170 --activation=tanh
grep -q '^mean field (sigma_w^2 3.2e-339, sigma_b^2 0)' "$tmp/out" ||
	fail "table: sigma_w^2 at std 1e-170"
grep -q '^  q\* 0 (stable), chi1 3.2e-339 (vanishing)' "$tmp/out" ||
	fail "table: chi1 at std 1e-170"
grep -q '^  depth scales: correlations undefined, gradients 0.00128$' \
	"$tmp/out" || fail "table: the gradients' depth scale at std 1e-170"
ok

# --- tanh with He: both depth scales, by quadrature here -----------------
printf 'json: tanh with He, q*, chi1 and both depth scales ... '
crit --init=he-normal --activation=tanh
cat >"$tmp/tanh.py" <<'EOF'
import json, math, sys
c = json.load(open(sys.argv[1]))

def expect(f, q, n=6000, zmax=12.0):
    """E[f(sqrt(q) z)], z ~ N(0, 1), by Simpson's rule on |z| < zmax."""
    h, s = 2 * zmax / n, 0.0
    for i in range(n + 1):
        z = -zmax + i * h
        w = 1 if i in (0, n) else (4 if i % 2 else 2)
        s += w * f(math.sqrt(q) * z) * math.exp(-z * z / 2)
    return s * h / 3 / math.sqrt(2 * math.pi)

sech2 = lambda x: 1 / math.cosh(x) ** 2
lo, hi = 0.1, 2.0          # q* solves q = 2 E[tanh^2]
for _ in range(60):
    mid = (lo + hi) / 2
    if 2 * expect(lambda x: math.tanh(x) ** 2, mid) - mid > 0:
        lo = mid
    else:
        hi = mid
q = (lo + hi) / 2
chi1 = 2 * expect(lambda x: sech2(x) ** 2, q)
chic = 2 * expect(sech2, q) ** 2   # c* = 0 for an odd phi without bias
assert c["q_star_kind"] == "stable" and abs(c["q_star"] - q) < 1e-8, (c, q)
assert abs(c["chi1"] - chi1) < 1e-8, (c, chi1)
assert abs(c["depth_scale_gradient"] - 1 / math.log(chi1)) < 1e-5, c
assert abs(c["depth_scale_correlation"] + 1 / math.log(chic)) < 1e-4, c
assert abs(c["depth_scale_correlation"] - 21.72) < 0.01, c
# gain for q* = 1: sigma_w^2 = 1 / E[tanh(z)^2]; he-normal's gain is
# sigma_w / sqrt(2)
sw = 1 / math.sqrt(expect(lambda x: math.tanh(x) ** 2, 1.0))
assert abs(c["sigma_w_for_unit_q"] - sw) < 1e-8, (c, sw)
assert abs(c["gain_for_unit_q"] - sw / math.sqrt(2)) < 1e-8, c
print(c["gain_for_unit_q"])
EOF
gain=$("$py" "$tmp/tanh.py" "$tmp/crit.json") || fail "tanh (above)"
# fed back as the scheme's --gain it gives q* = 1
crit --init=he-normal --activation=tanh --gain="$gain"
expect "c['q_star_kind'] == 'stable' and abs(c['q_star'] - 1) < 1e-9"
ok

# --- constant bias ---------------------------------------------------------
printf 'json: a constant bias is a mean in the per-layer theory ... '
run 0 --report --format=json --init=he-normal --activation=relu --bias=0.5 \
	--depth=6 --width=32 --batch=16
"$py" - "$tmp/out" <<'EOF' || fail "bias theory (above)"
import json, math, sys
layers = json.load(open(sys.argv[1]))["layers"]
b, v = 0.5, 2.0
for l in layers:
    t = l["theory"]
    assert abs(t["preactivation_std"] - math.sqrt(v)) < 1e-9 * v, (t, v)
    s, u = math.sqrt(v), b / math.sqrt(v)
    cdf = 0.5 * math.erfc(-u / math.sqrt(2))
    pdf = math.exp(-u * u / 2) / math.sqrt(2 * math.pi)
    v = 2 * ((b * b + v) * cdf + b * s * pdf)
assert abs(layers[5]["theory"]["preactivation_std"] - 3.5151) < 1e-4
EOF
ok

# --- schemes the theory does not describe -----------------------------------
for scheme in zeros ones constant identity; do
	printf 'no theory for %s: null in JSON, empty in CSV, why in the table ... ' \
		"$scheme"
	# shellcheck disable=SC2086 # the words are options
	run 0 --report --format=json --init=$scheme --activation=relu $small
	"$py" - "$tmp/out" <<'EOF' || fail "$scheme json (above)"
import json, sys
doc = json.load(open(sys.argv[1]))
assert doc["criticality"] is None, doc["criticality"]
assert all(l["theory"] is None for l in doc["layers"])
EOF
	# shellcheck disable=SC2086
	run 0 --report --format=csv --init=$scheme --activation=relu $small
	"$py" - "$tmp/out" <<'EOF' || fail "$scheme csv (above)"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
assert len(rows) == 3
for r in rows:
    assert r["theory.preactivation_std"] == "", r
    assert r["theory.grad_activation_std"] == "", r
EOF
	# shellcheck disable=SC2086
	run 0 --report --init=$scheme --activation=relu $small
	grep -q "^mean field: none: $scheme weights are not independent" \
		"$tmp/out" || fail "no reason in the table"
	grep -q 'q\*' "$tmp/out" && fail "a q* in the table"
	ok
done

# --- the table says the same --------------------------------------------------
printf 'table: no q* where none exists, no negative depth scale ... '
run 0 --report --init=he-normal --activation=softplus $small
grep -q '^  no q\*: q grows without bound (diverges); chi1 at large q 1 ' \
	"$tmp/out" || fail "softplus: no diverges line"
grep -q '^  depth scales: correlations inf, gradients inf$' "$tmp/out" ||
	fail "softplus: depth scales"
run 0 --report --init=he-normal --activation=relu $small
grep -q 'every q is fixed (neutral), q stays 2;' "$tmp/out" ||
	fail "relu: not neutral"
run 0 --report --init=he-normal --activation=tanh $small
grep -q '^  q\* 0.618 (stable), chi1 1.10553 (exploding)$' "$tmp/out" ||
	fail "tanh: q*"
grep -q '^  depth scales: correlations 21.7, gradients 9.97$' "$tmp/out" ||
	fail "tanh: depth scales"
sed -n '/^mean field/,$p' "$tmp/out" | grep -q -- '-[0-9]' &&
	fail "a negative number in the mean field lines"
ok

# --- --check -----------------------------------------------------------------
printf 'check: he-normal relu and xavier tanh of moderate depth pass ... '
run 0 --report --check --init=he-normal --activation=relu --depth=10
[ ! -s "$tmp/err" ] || fail "he relu printed problems"
grep -q ' dead units ' "$tmp/out" || fail "no dead units column"
run 0 --report --check --init=xavier-normal --activation=tanh --depth=20
run 0 --report --check --init=xavier-uniform --activation=tanh --depth=20
ok

printf 'check: degenerate schemes still fail ... '
run 1 --report --check --init=constant --activation=tanh
grep -q 'fewer distinct neurons than live units' "$tmp/err" ||
	fail "constant: no symmetry line"
run 1 --report --check --init=zeros --activation=relu
grep -q 'more than 50% of their units dead' "$tmp/err" ||
	fail "zeros: no dead line"
ok

# --- batch norm's finite batch (docs/report.md) ------------------------------
printf 'batch norm: a small batch predicts its entries, and no gradients ... '
for B in 4 32 64 512 3; do
	run 0 --report --format=json --norm=batch --depth=10 --width=64 \
		--batch=$B
	cp "$tmp/out" "$tmp/bn$B.json"
	run 0 --report --norm=batch --depth=10 --width=64 --batch=$B
	cp "$tmp/out" "$tmp/bn$B.txt"
done
run 0 --report --format=json --depth=10 --width=64
"$py" - "$tmp" <<'EOF' || fail "batch norm's finite batch (above)"
import json, math, sys
d = sys.argv[1]
assert "batch_growth" not in json.load(open(d + "/out"))["layers"][0]["theory"]
for B in (4, 32, 64, 512, 3):
    doc = json.load(open("%s/bn%d.json" % (d, B)))
    table = open("%s/bn%d.txt" % (d, B)).read()
    k = math.inf if B <= 3 else (B - 2) / (B - 3)
    lowest = None  # the lowest layer whose gradient is predicted
    for l in doc["layers"]:
        t, n = l["theory"], 10 - l["layer"]
        want = 1 if n == 0 else k ** (n / 2)
        got = t["batch_growth"]
        if math.isinf(want):
            assert got is None, (B, t)
        else:
            assert abs(got / want - 1) < 1e-12, (B, got, want)
        assert (t["grad_activation_std"] is None) == (want > 1.1), (B, t)
        assert t["activation_std"] is not None, (B, t)
        if want <= 1.1 and lowest is None:
            lowest = l["layer"]
    lines = table.split("\n")
    rms = [x for x in lines if x.startswith("  rms gradient:")]
    assert len(rms) == 1, table
    first = doc["layers"][0]["theory"]["grad_activation_std"]
    assert rms[0].endswith("-> none, see below)") == (first is None), rms
    if first is None:
        i = lines.index("  batch norm over a batch of %d: the mean field "
                        "of an infinite batch" % B)
        if B <= 3:
            assert lines[i + 1:i + 3] == [
                "  predicts the gradients at layer 10 only; below, they grow "
                "without bound",
                "  beyond what it says (Yang et al. 2019)"], lines[i:]
        else:
            g = k ** 4.5
            assert lines[i + 1:i + 3] == [
                "  predicts the gradients down to layer %d only; to layer 1 "
                "they grow about" % lowest,
                "  x%.3g more than it says (Yang et al. 2019)" % g], lines[i:]
    else:
        # predicted to layer 1: by how much a finite batch grows more, once
        # it is a percent (the infinite batch's numbers are beside it)
        g = k ** 4.5
        say = ["  batch norm over a batch of %d: the mean field is an "
               "infinite batch's; to" % B,
               "  layer 1 the gradients grow about x%.3g more than it says "
               "(Yang et al. 2019)" % g]
        if g >= 1.01:
            i = lines.index(say[0])
            assert lines[i + 1] == say[1], lines[i:]
        else:
            assert "batch norm over a batch" not in table, table
    assert (B, lowest) in ((4, 10), (32, 5), (64, 1), (512, 1), (3, 10)), \
        (B, lowest)
# layer 1 over 4 samples: z uniform on +-sqrt(3 r), r = 1/(1 + 1e-5)
# (xavier over 64 -> 64: unit variance), E[tanh^2] = 1 - tanh(a)/a
a = math.sqrt(3 / (1 + 1e-5))
t = json.load(open(d + "/bn4.json"))["layers"][0]["theory"]
want = math.sqrt(1 - math.tanh(a) / a)
assert abs(t["activation_std"] - want) < 1e-9, (t, want)
EOF
ok

echo "$passed passed, 0 failed"
