#!/bin/sh
# SPDX-License-Identifier: MIT
# The numbers docs/teaching.md quotes are the numbers the lessons produce:
# each quoted phrase must appear in the guide, and the value it states must
# be what `initviz --report --format=json --lesson=N` computes (to the
# digits quoted). A changed lesson or engine that moves a number fails here
# until the guide says the new one.
set -u
top_srcdir=${top_srcdir:-.}
top_builddir=${top_builddir:-.}
PYTHON3=${PYTHON3:-python3}
command -v "$PYTHON3" >/dev/null 2>&1 || { echo "SKIP: no python3"; exit 77; }
exec "$PYTHON3" - "$top_builddir/initviz" "$top_srcdir/docs/teaching.md" <<'EOF'
import json, math, subprocess, sys

binary, guide = sys.argv[1], sys.argv[2]
text = " ".join(open(guide, encoding="utf-8").read().split())
cache = {}

def report(lesson, *args):
    key = (lesson,) + args
    if key not in cache:
        out = subprocess.run([binary, "--report", "--format=json",
                              "--lesson=%d" % lesson] + list(args),
                             capture_output=True, text=True, check=True)
        cache[key] = json.loads(out.stdout)
    return cache[key]

def layer(r, l, q, f="std"):
    return r["layers"][l - 1][q][f]

def loss(r, step):
    return [e["loss"] for e in r["training"] if e["step"] == step][0]

def distinct(r, step):
    return [e["distinct_neurons"] for e in r["training"]
            if e["step"] == step][0]

def digits_match(x, quoted):
    """x rounds to the number as written (its last digit +- half)."""
    q = quoted.replace("−", "-")
    mant = q.lower().split("e")[0]
    exp = int(q.lower().split("e")[1]) if "e" in q.lower() else 0
    dec = len(mant.split(".")[1]) if "." in mant else 0
    half = 0.5 * 10.0 ** (exp - dec)
    return x is not None and abs(x - float(q)) <= half * (1 + 1e-9)

failures = 0
def check(phrase, quoted, value):
    global failures
    ok_text = " ".join(phrase.split()) in text
    ok_value = digits_match(value, quoted)
    if not (ok_text and ok_value):
        failures += 1
        print("FAIL: %r: %s" % (phrase, "not in the guide" if not ok_text
              else "the guide says %s, the lesson gives %r" % (quoted, value)))
    else:
        print("ok: %r (%r)" % (phrase, value))

def between(phrase, lo, hi, values):
    global failures
    ok_text = " ".join(phrase.split()) in text
    ok = all(lo <= v <= hi for v in values)
    if not (ok_text and ok):
        failures += 1
        print("FAIL: %r: %s" % (phrase, "not in the guide" if not ok_text
              else "values %r outside %g..%g" % (values, lo, hi)))
    else:
        print("ok: %r" % phrase)

# lesson 1: the loss moves in the fourth digit; the top's probe has std 1
r = report(1, "--train-steps=20")
check("(0.706 → 0.705 in 20 steps)", "0.706", loss(r, 0))
check("(0.706 → 0.705 in 20 steps)", "0.705", loss(r, 20))
check("(N(0, 1), σ 1.01)", "1.01", layer(r, 5, "grad_activation"))
# lesson 2: 20.6 to 0.70, then a plateau; distinct 1 throughout
r = report(2, "--train-steps=200")
check("The loss falls from 20.6 to 0.70", "20.6", loss(r, 0))
check("The loss falls from 20.6 to 0.70", "0.70", loss(r, 200))
between("`distinct neurons: 1 in every layer`", 1, 1,
        [d for e in r["training"] for d in e["distinct_neurons"]])
r = report(2, "--lr=0.08", "--train-steps=20")
between("At 0.05 the loss explodes", 1e6, math.inf, [loss(r, 20)])
# lesson 3: a plateau near 0.70, then 0.35 by 400 and 0.2 by 500
r = report(3, "--train-steps=500")
check("The loss sits near 0.70 for about 200 steps", "0.70", loss(r, 200))
check("falls to about 0.36 by step 400", "0.36", loss(r, 400))
check("and 0.2 by 500", "0.2", loss(r, 500))
# lesson 4: centred histograms; positive inputs blow up, gaussian learn
r = report(4)
check("centred (mean −0.013, σ 0.45)", "-0.013",
      layer(r, 1, "activation", "mean"))
check("centred (mean −0.013, σ 0.45)", "0.45", layer(r, 1, "activation"))
r = report(4, "--train-steps=100")
between("collapse to 2 or 3 distinct ones", 2, 3, distinct(r, 100))
between("the loss blows up at 0.05", 1e6, math.inf, [loss(r, 100)])
r = report(4, "--input=gaussian", "--train-steps=300")
check("falls from 1.0 to about 0.02 in 300 steps", "1.0", loss(r, 0))
check("falls from 1.0 to about 0.02 in 300 steps", "0.02", loss(r, 300))
r = report(4, "--lr=0.025", "--train-steps=300")
between("at 0.025 (`<`) positive inputs train too", 0, 0.1, [loss(r, 300)])
# lesson 5: 0.16 per layer; the gradient at layer 1; the loss stands
r = report(5, "--train-steps=50")
check("0.156 at layer 1, 1e-8 at layer 10", "0.156", layer(r, 1, "activation"))
check("0.156 at layer 1, 1e-8 at layer 10", "1e-8", layer(r, 10, "activation"))
check("to about 7e-8 at layer 1", "7e-8", layer(r, 1, "grad_activation"))
check("loss does not move (0.805 → 0.803 in 50 steps)", "0.805", loss(r, 0))
check("loss does not move (0.805 → 0.803 in 50 steps)", "0.803", loss(r, 50))
# lesson 6: sigma 16, sat 86-87%, gradients 1.7e4 at layer 1, chi1 8.7
r = report(6)
between("Pre-activations have σ ≈ 16", 15, 17,
        [l["preactivation"]["std"] for l in r["layers"]])
between("the `sat` column reads 86–87% in every layer", 0.86, 0.87,
        [l["saturated"] for l in r["layers"]])
check("1.7e4 at layer 1", "1.7e4", layer(r, 1, "grad_activation"))
check("(the settings bar says χ1 8.7, exploding)", "8.7",
      r["criticality"]["chi1"])
# lesson 7
r = report(7)
check("σ 9 at layer 1, 3e10 at layer 10", "9", layer(r, 1, "activation"))
check("σ 9 at layer 1, 3e10 at layer 10", "3e10", layer(r, 10, "activation"))
# lesson 8: 0.63 -> 0.22, gradients 1 -> 0.39; the loss in 20 steps
r = report(8, "--train-steps=20")
check("(0.63 → 0.22 for activations, gradients 1 → 0.39)", "0.63",
      layer(r, 1, "activation"))
check("(0.63 → 0.22 for activations, gradients 1 → 0.39)", "0.22",
      layer(r, 10, "activation"))
check("(0.63 → 0.22 for activations, gradients 1 → 0.39)", "0.39",
      layer(r, 1, "grad_activation"))
check("the loss falls from 1.0 to 0.30 in 20 steps", "1.0", loss(r, 0))
check("the loss falls from 1.0 to 0.30 in 20 steps", "0.30", loss(r, 20))
# lesson 9: a flat profile, dead units creep up; the loss in 20 steps
r = report(9, "--train-steps=20")
check("the loss falls from 1.9 to 0.75 in 20 steps", "1.9", loss(r, 0))
check("the loss falls from 1.9 to 0.75 in 20 steps", "0.75", loss(r, 20))
between("σ stays between 0.7 and 1.2 in all 30 layers, forward and backward",
        0.7, 1.25, [l[q]["std"] for l in r["layers"]
                    for q in ("activation", "grad_activation")])
check("(0 at layer 1, about 70 of 256 at layer 30,", "0",
      r["layers"][0].get("dead_units"))
between("(0 at layer 1, about 70 of 256 at layer 30,", 65, 75,
        [r["layers"][29].get("dead_units")])
check("so distinct neurons 177 to 256)", "177",
      min(l["distinct_neurons"] for l in r["layers"]))
check("so distinct neurons 177 to 256)", "256",
      max(l["distinct_neurons"] for l in r["layers"]))
# lesson 10
r = report(10)
check("0.58 at layer 1, 3e-5 at layer 30", "0.58", layer(r, 1, "activation"))
check("0.58 at layer 1, 3e-5 at layer 30", "3e-5", layer(r, 30, "activation"))
# lesson 11: 0.66, 0.54, 0.42; 2.2 -> 0.16 in 100 steps
r = report(11, "--train-steps=100")
for l, q in ((1, "0.66"), (2, "0.53"), (3, "0.42")):
    check("Looks fine: σ 0.66, 0.53, 0.42.", q, layer(r, l, "activation"))
check("(2.2 → 0.16 in 100 steps)", "2.2", loss(r, 0))
check("(2.2 → 0.16 in 100 steps)", "0.16", loss(r, 100))
# lesson 12
r = report(12)
check("compounds to 1e-4 at layer 40", "1e-4", layer(r, 40, "activation"))
check("gradients reach layer 1 at 2e-4", "2e-4", layer(r, 1, "grad_activation"))
# lesson 13: [1, 1, 1, 1, 64] from the first step, loss 1.94 -> 0.70
r = report(13, "--train-steps=200")
between("distinct neurons `[1, 1, 1, 1, 64]` from the first step on", 0, 0,
        [0 if e["distinct_neurons"] == [1, 1, 1, 1, 64] else 1
         for e in r["training"] if e["step"] >= 1])
check("the loss 1.94 → 0.70", "1.94", loss(r, 0))
check("the loss 1.94 → 0.70", "0.70", loss(r, 200))
# the guide's count of lessons
n = subprocess.run([binary, "--list-lessons"], capture_output=True,
                   text=True, check=True).stdout.count("\n")
between("built on the thirteen built-in lessons", 13, 13, [n])
between("`lesson k/13`", 13, 13, [n])
sys.exit(1 if failures else 0)
EOF
