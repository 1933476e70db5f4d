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
exec "$PYTHON3" - "$top_builddir/initviz" "$top_srcdir/docs/teaching.md" \
	"$top_srcdir/src/lesson/builtin.c" <<'EOF'
import json, math, re, subprocess, sys

binary, guide, builtin = sys.argv[1], sys.argv[2], sys.argv[3]
text = " ".join(open(guide, encoding="utf-8").read().split())
# the built-in lessons' text and look lines, as the lesson panel shows them
lessons = " ".join(
    line.split(" = ", 1)[1]
    for line in "".join(
        m.replace('\\n', '\n').replace('\\"', '"') for m in
        re.findall(r'"((?:[^"\\]|\\.)*)"',
                   open(builtin, encoding="utf-8").read())).split("\n")
    if line.startswith(("text = ", "look = ")))
lessons = " ".join(lessons.split())
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

def diverged(r):
    """The loss stopped being finite: training's last entry (a report
    stops there, taking no update from it)."""
    return r["training"][-1]["loss"] is None

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
def check(phrase, quoted, value, where=None):
    global failures
    ok_text = " ".join(phrase.split()) in (text if where is None else where)
    ok_value = digits_match(value, quoted)
    if not (ok_text and ok_value):
        failures += 1
        print("FAIL: %r: %s" % (phrase, "not in the text" if not ok_text
              else "the guide says %s, the lesson gives %r" % (quoted, value)))
    else:
        print("ok: %r (%r)" % (phrase, value))

def between(phrase, lo, hi, values, where=None):
    global failures
    ok_text = " ".join(phrase.split()) in (text if where is None else where)
    ok = all(lo <= v <= hi for v in values)
    if not (ok_text and ok):
        failures += 1
        print("FAIL: %r: %s" % (phrase, "not in the text" if not ok_text
              else "values %r outside %g..%g" % (values, lo, hi)))
    else:
        print("ok: %r" % phrase)

# lesson 1: the loss moves in the fourth digit; the top's probe has std 1
r = report(1, "--train-steps=20")
check("(0.619 → 0.618 in 20 steps)", "0.619", loss(r, 0))
check("(0.619 → 0.618 in 20 steps)", "0.618", loss(r, 20))
check("(N(0, 1): σ 1 on the screen, 1.0016 in the report)", "1.0016",
      layer(r, 5, "grad_activation"))
# lesson 2: 20.6 to 0.61, then a plateau; distinct 1 throughout
r = report(2, "--train-steps=200")
check("The loss falls from 20.6 to 0.61", "20.6", loss(r, 0))
check("The loss falls from 20.6 to 0.61", "0.61", loss(r, 200))
between("`distinct neurons: 1 in every layer`", 1, 1,
        [d for e in r["training"] for d in e["distinct_neurons"]])
r = report(2, "--lr=0.08", "--train-steps=20")
between("At 0.05 the loss explodes", 1e6, math.inf, [loss(r, 20)])
# lesson 3: a plateau near 0.62, then 0.47 by 400 and 0.2 by 500
r = report(3, "--train-steps=500")
check("The loss sits near 0.62 for about 200 steps", "0.62", loss(r, 200))
check("falls to about 0.47 by step 400", "0.47", loss(r, 400))
check("and 0.2 by 500", "0.2", loss(r, 500))
# lesson 4: centred histograms; positive inputs blow up, gaussian learn
r = report(4)
check("centred (mean 0.017, σ 0.48)", "0.017",
      layer(r, 1, "activation", "mean"))
check("centred (mean 0.017, σ 0.48)", "0.48", layer(r, 1, "activation"))
r = report(4, "--train-steps=100")
d = distinct(r, 100)
between("collapse to a few distinct ones, 2 in most layers", 1, 10, d)
between("collapse to a few distinct ones, 2 in most layers", 0.51, 1,
        [d.count(2) / len(d)])
between("the loss blows up at 0.06", 1e6, math.inf, [loss(r, 100)])
r = report(4, "--input=gaussian", "--train-steps=300")
check("falls from 1.1 to about 0.01 in 300 steps", "1.1", loss(r, 0))
check("falls from 1.1 to about 0.01 in 300 steps", "0.01", loss(r, 300))
r = report(4, "--lr=0.03", "--train-steps=300")
between("at 0.03 (`<`) positive inputs train too", 0, 0.1, [loss(r, 300)])
# lesson 5: 0.16 per layer; the gradient at layer 1; the loss stands
r = report(5, "--train-steps=50")
check("0.156 at layer 1, 1e-8 at layer 10", "0.156", layer(r, 1, "activation"))
check("0.156 at layer 1, 1e-8 at layer 10", "1e-8", layer(r, 10, "activation"))
check("to about 7e-8 at layer 1", "7e-8", layer(r, 1, "grad_activation"))
check("--train-steps=50` gives 0.7274 → 0.7271", "0.7274", loss(r, 0))
check("--train-steps=50` gives 0.7274 → 0.7271", "0.7271", loss(r, 50))
check("the strip reads 0.727 throughout", "0.727", loss(r, 50))
# lesson 6: sigma 16, sat 86-87%, gradients 1.8e4 at layer 1, chi1 8.7
r = report(6)
between("Pre-activations have σ ≈ 16", 15, 17,
        [l["preactivation"]["std"] for l in r["layers"]])
between("they **grow** about 3× per layer towards the input", 2.5, 3.5,
        [r["layers"][l - 1]["grad_activation"]["std"] /
         r["layers"][l]["grad_activation"]["std"] for l in range(1, 10)])
between("the `sat` column reads 86–87% in every layer", 0.86, 0.87,
        [l["saturated"] for l in r["layers"]])
check("1.8e4 at layer 1", "1.8e4", layer(r, 1, "grad_activation"))
check("(the settings bar says `χ1 8.73 exploding`)", "8.73",
      r["criticality"]["chi1"])
# lesson 7
r = report(7)
check("σ 9 at layer 1, 3e10 at layer 10", "9", layer(r, 1, "activation"))
check("σ 9 at layer 1, 3e10 at layer 10", "3e10", layer(r, 10, "activation"))
r = report(7, "--train-steps=1")
between("`T` diverges at once", 0, 0,
        [0 if loss(r, 1) is None else 1])
# lesson 8: 0.63 -> 0.23, gradients 1 -> 0.39; the loss in 20 steps
r = report(8, "--train-steps=20")
check("(0.63 → 0.23 for activations, gradients 1 → 0.39)", "0.63",
      layer(r, 1, "activation"))
check("(0.63 → 0.23 for activations, gradients 1 → 0.39)", "0.23",
      layer(r, 10, "activation"))
check("(0.63 → 0.23 for activations, gradients 1 → 0.39)", "0.39",
      layer(r, 1, "grad_activation"))
check("the loss falls from 0.92 to 0.28 in 20 steps", "0.92", loss(r, 0))
check("the loss falls from 0.92 to 0.28 in 20 steps", "0.28", loss(r, 20))
# lesson 8: critical at q* = 0, which the layers only approach
r = report(8)
between("distinct neurons all 256", 256, 256,
        [l["distinct_neurons"] for l in r["layers"]])
check("the theory's q falls from 1 to 0.058 over the 10 layers", "0.058",
      r["layers"][9]["theory"]["preactivation_std"] ** 2)
check("the theory's q falls from 1 to 0.058 over the 10 layers", "1",
      r["layers"][0]["theory"]["preactivation_std"] ** 2)
check("says `χ1 1 critical` and `ξg ∞` all the same", "1",
      r["criticality"]["chi1"])
between("the values at the fixed point q* = 0", 0, 0,
        [r["criticality"]["q_star"]])
between("says `χ1 1 critical` and `ξg ∞` all the same", 0, 0, # inf: null
        [0 if r["criticality"]["depth_scale_gradient"] is None else 1])
# lesson 9: a flat profile, dead units creep up; the loss in 20 steps
r = report(9, "--train-steps=20")
check("the loss falls from 2.0 to 0.66 in 20 steps", "2.0", loss(r, 0))
check("the loss falls from 2.0 to 0.66 in 20 steps", "0.66", loss(r, 20))
between("σ stays between 0.4 and 1.1 in all 30 layers, forward and backward",
        0.4, 1.1, [l[q]["std"] for l in r["layers"]
                    for q in ("activation", "grad_activation")])
check("(0 at layer 1, about 70 of 256 at layer 30,", "0",
      r["layers"][0].get("dead_units"))
between("(0 at layer 1, about 70 of 256 at layer 30,", 65, 75,
        [r["layers"][29].get("dead_units")])
check("so distinct neurons 187 to 256)", "187",
      min(l["distinct_neurons"] for l in r["layers"]))
check("so distinct neurons 187 to 256)", "256",
      max(l["distinct_neurons"] for l in r["layers"]))
# ... and diverges from 0.03 up; at 0.01 on seed 3, not seed 1
r9 = report(9, "--lr=0.032", "--train-steps=10")
between("from 0.03 up it diverges within a few steps", 0, 0,
        [0 if diverged(r9) else 1])
between("(`x`, `>` four times, 0.032, `T` shows it)", 0.032, 0.032,
        [r9["training_lr"]])
r9 = report(9, "--lr=0.01", "--train-steps=20")
between("drawn (seed 1 trains, `r` `r`, seed 3, diverges at once)", 0, 1,
        [loss(r9, 20) / loss(r9, 0)])
r9 = report(9, "--lr=0.01", "--seed=3", "--train-steps=10")
between("drawn (seed 1 trains, `r` `r`, seed 3, diverges at once)", 0, 0,
        [0 if diverged(r9) else 1])
# lesson 10
r = report(10)
check("0.58 at layer 1, 1e-5 at layer 30", "0.58", layer(r, 1, "activation"))
check("0.58 at layer 1, 1e-5 at layer 30", "1e-5", layer(r, 30, "activation"))
# ... and its own text: the factor from layer 1 to 30, in theory and by seed
def fall(r, f="std"):
    return (r["layers"][0]["activation"][f] / r["layers"][29]["activation"][f]
            if f == "std" else
            r["layers"][0]["theory"]["activation_std"] /
            r["layers"][29]["theory"]["activation_std"])
check("2^14.5 = 23000 from layer 1 to 30 in theory", "2.3e4",
      fall(r, "theory"), lessons)
check("40000 on seed 1", "4e4", fall(r), lessons)
falls = [fall(report(10, "--seed=%d" % s)) for s in range(1, 9)]
check("19000 to 46000 over seeds 1 to 8", "1.9e4", min(falls), lessons)
check("19000 to 46000 over seeds 1 to 8", "4.6e4", max(falls), lessons)
# lesson 11: 0.66, 0.54, 0.44; 1.8 -> 0.21 in 100 steps
r = report(11, "--train-steps=100")
for l, q in ((1, "0.66"), (2, "0.54"), (3, "0.44")):
    check("Looks fine: σ 0.66, 0.54, 0.44.", q, layer(r, l, "activation"))
check("(1.8 → 0.21 in 100 steps)", "1.8", loss(r, 0))
check("(1.8 → 0.21 in 100 steps)", "0.21", loss(r, 100))
check("the loss jumps from 1.8 to 31 at the first step", "31", loss(r, 1))
# lesson 12
r = report(12)
ratios = [r["layers"][l]["activation"]["std"] /
          r["layers"][l - 1]["activation"]["std"] for l in range(1, 40)]
check("0.8 per layer compounds to 1e-4 at layer 40", "0.8",
      math.exp(sum(math.log(x) for x in ratios) / len(ratios)))
check("compounds to 1e-4 at layer 40", "1e-4", layer(r, 40, "activation"))
check("gradients reach layer 1 at 1e-4", "1e-4", layer(r, 1, "grad_activation"))
# lesson 13: [1, 1, 1, 1, 64] from the first step, loss 1.30 -> 0.61
r = report(13, "--train-steps=200")
between("distinct neurons `[1, 1, 1, 1, 64]` from the first step on", 0, 0,
        [0 if e["distinct_neurons"] == [1, 1, 1, 1, 64] else 1
         for e in r["training"] if e["step"] >= 1])
check("the loss 1.30 → 0.61", "1.30", loss(r, 0))
check("the loss 1.30 → 0.61", "0.61", loss(r, 200))
# lesson 14: the doubling stream and its cures
r = report(14)
check("The stream's std is 1.41 at layer 1", "1.41", layer(r, 1, "activation"))
check("and 1.2e3 at layer 20", "1.2e3", layer(r, 20, "activation"))
check("(dL/dh 780 at layer 1)", "780", layer(r, 1, "grad_activation"))
r = report(14, "--train-steps=1")
check("so the loss starts at 1.1e7", "1.1e7", loss(r, 0))
between("`T` as drawn diverges within three steps at any rate from the "
        "lesson's 0.002 down to 1e-7", 1, 3,
        [report(14, "--lr=%g" % lr, "--seed=%d" % seed,
                "--train-steps=20")["training"][-1]["step"]
         for lr in (0.002, 1e-4, 1e-7) for seed in (1, 2, 3)])
between("14's diverges as drawn at any rate down to 1e-7", 0, 0,
        [0 if diverged(report(14, "--lr=1e-7", "--train-steps=20"))
         else 1])
r = report(14, "--lr=1e-8", "--train-steps=20")
between("(from 1e-8 down it trains, from that far:", 0, 0,
        [0 if not r["training_stopped"] else 1])
check("1.1e7 → 1.4e4 in 20 steps)", "1.1e7", loss(r, 0))
check("1.1e7 → 1.4e4 in 20 steps)", "1.4e4", loss(r, 20))
r = report(14, "--res-scale=%.17g" % (1 / math.sqrt(20)))
check("the stream ends at 2.26", "2.26", layer(r, 20, "activation"))
r = report(14, "--res-scale=%.17g" % (1 / math.sqrt(20)), "--train-steps=200")
check("(the loss 18 → 0.50 in 200 steps)", "18", loss(r, 0))
check("(the loss 18 → 0.50 in 200 steps)", "0.50", loss(r, 200))
r = report(14, "--res-scale=0")
check("every block is the identity, 1.41 throughout", "1.41",
      layer(r, 20, "activation"))
r = report(14, "--norm=layer")
check("linear growth to 4.52", "4.52", layer(r, 20, "activation"))
# lesson 15: batch norm, flat forward, exploding backward
r = report(15)
between("every h has σ 0.58 to 0.61", 0.575, 0.615,
        [l["activation"]["std"] for l in r["layers"]])
check("(0.584 at layer 1", "0.584", layer(r, 1, "activation"))
check("dL/dh is 226 at layer 1", "226", layer(r, 1, "grad_activation"))
# lesson 16: nn.Linear's default
r = report(16)
check("weight σ 0.0361 for 256 inputs", "0.0361", layer(r, 1, "weights"))
check("(σ 0.024 at layer 20", "0.024", layer(r, 20, "activation"))
check("dL/dh is 4.4e-8 at layer 1", "4.4e-8", layer(r, 1, "grad_activation"))
between("from layer 7 on about half the units dead", 90, 170,
        [l["dead_units"] for l in r["layers"][6:]])
r = report(16, "--init=he-normal")
between("brings dL/dh back to about 1 everywhere", 0.8, 1.2,
        [l["grad_activation"]["std"] for l in r["layers"]])
# the lessons' own text, on the default seed: the numbers the panel quotes
# are those beside it on the screen (claims cover the other seeds' ranges)
L = lessons
r = report(7)
check("astronomical: about 3e10", "3e10", layer(r, 10, "activation"), L)
between("(2e10 to 4e10 by the draw)", 1.5e10, 4.5e10,
        [layer(report(7, "--seed=%d" % s), 10, "activation")
         for s in range(1, 11)], L)
r = report(8)
check("std 0.63 at layer 1, 0.23 at layer 10", "0.63",
      layer(r, 1, "activation"), L)
check("std 0.63 at layer 1, 0.23 at layer 10", "0.23",
      layer(r, 10, "activation"), L)
r, he = report(11), report(11, "--init=he-normal")
check("std 0.66 at layer 1 where He's give 0.83", "0.66",
      layer(r, 1, "activation"), L)
check("std 0.66 at layer 1 where He's give 0.83", "0.83",
      layer(he, 1, "activation"), L)
check("(seed 1: 0.44 against 0.86)", "0.44", layer(r, 3, "activation"), L)
check("(seed 1: 0.44 against 0.86)", "0.86", layer(he, 3, "activation"), L)
# the fraction of He's holds on every seed (ReLU is homogeneous, the two
# draws the same up to scale); the values beside it move with the seed
for s in range(1, 11):
    r, he = (report(11, "--seed=%d" % s),
             report(11, "--seed=%d" % s, "--init=he-normal"))
    check("after 3 layers 0.8^3 = 0.51 of He's on every seed", "0.51",
          layer(r, 3, "activation") / layer(he, 3, "activation"), L)
r = report(14)
check("std x1.41, ~1000 at layer 20", "1.41", layer(r, 1, "activation"), L)
between("std x1.41, ~1000 at layer 20", 500, 2000,
        [layer(r, 20, "activation")], L)
r = report(14, "--res-scale=%.17g" % (1 / math.sqrt(20)))
check("alpha 1/sqrt(L) (std 2.26)", "2.26", layer(r, 20, "activation"), L)
r = report(14, "--norm=batch")
check("z, a normalized branch: the variance grows 1 a block (std 4.6 = "
      "sqrt(21))", "4.6", layer(r, 20, "activation"), L)
check("z, a normalized branch: the variance grows 1 a block", "1",
      (layer(r, 20, "activation") ** 2 - layer(r, 1, "activation") ** 2)
      / 19, L)
r = report(15)
check("dL/dh grows ~1.21 a layer", "1.21",
      (layer(r, 1, "grad_activation") / layer(r, 30, "grad_activation"))
      ** (1 / 29), L)
between("std about 0.6 everywhere", 0.55, 0.65,
        [l["activation"]["std"] for l in r["layers"]], L)
r = report(16)
check("the biases' noise, std 0.02", "0.02", layer(r, 20, "activation"), L)
check("4e-8 at layer 1", "4e-8", layer(r, 1, "grad_activation"), L)
# "Your own lessons": the example file loads as lessons 17 and 18, and its
# depth misspelt gives the message the guide quotes, file and line
import os, shutil, tempfile
raw = open(guide, encoding="utf-8").read()
example = raw.split("```\n# my.lessons:", 1)[1].split("```", 1)[0]
example = "# my.lessons:" + example
d = tempfile.mkdtemp()
for name, body in (("my.lessons", example),
                   ("bad/my.lessons", example.replace("depth = 50",
                                                      "dept = 50"))):
    os.makedirs(os.path.dirname(os.path.join(d, name)), exist_ok=True)
    open(os.path.join(d, name), "w", encoding="utf-8").write(body)
out = subprocess.run([os.path.abspath(binary), "--lessons", "my.lessons",
                      "--list-lessons"],
                     capture_output=True, text=True, cwd=d)
between("(its lessons come after the built-in ones; `--list-lessons` shows "
        "their numbers)", 0, 0,
        [0 if out.returncode == 0 and out.stdout.splitlines()[-2:] == [
            "17. LeCun normal for SELU",
            "18. Orthogonal weights, linear network"] else 1])
out = subprocess.run([os.path.abspath(binary), "--lessons", "my.lessons",
                      "--list-lessons"],
                     capture_output=True, text=True, cwd=os.path.join(d, "bad"))
msg = out.stderr.strip()
between("`" + msg + "`: that file is skipped", 0, 0,
        [0 if out.stdout.count("\n") == 16 else 1])
r = report(18, "--lessons=%s" % os.path.join(d, "my.lessons"))
between("An orthogonal matrix keeps every vector's length: nothing vanishes,",
        0.99, 1.01, [l["activation"]["std"] for l in r["layers"]])
r = report(17, "--lessons=%s" % os.path.join(d, "my.lessons"))
between("mean and unit variance through any depth.",
        -0.05, 0.05, [l["activation"]["mean"] for l in r["layers"]])
between("mean and unit variance through any depth.",
        0.95, 1.05, [l["activation"]["std"] for l in r["layers"]])
g = [l["grad_activation"]["std"] for l in r["layers"]]
between("look = a flat activation profile; the gradients still grow slowly",
        1, 1.1, [g[l - 1] / g[l] for l in range(1, len(g))])
shutil.rmtree(d)
# the learning rate each built-in lesson names, as the guide lists them
lrs = {k: report(k, "--train-steps=1", "--depth=1", "--width=4",
                 "--batch=4")["training_lr"] for k in range(1, 17)}
want = {k: 0.05 for k in range(1, 17)}
want.update({2: 0.02, 13: 0.02, 9: 0.002, 14: 0.002, 15: 0.002, 16: 0.002,
             4: 0.06})
between("one, so the rate does not depend on the path through them: 0.05, but "
        "0.02 for lessons 2 and 13 and 0.002 for lessons 9 and 14", 0, 0,
        [0 if lrs == want else 1])
between("0.002 for 15 and 16 too, and 0.06 for lesson 4", 0, 0,
        [0 if lrs == want else 1])
# ... and why: lesson 9 diverges at 0.05 within 200 steps; lesson 4's
# positive inputs at 0.05 blow up (its claim: the loss x1000 in 100
# steps) on all but one of seeds 1 to 16
between("(at 0.05 lesson 9's network diverges within 200 steps", 0, 0,
        [0 if diverged(report(9, "--lr=0.05", "--train-steps=200")) else 1])
calm = [s for s in range(1, 17)
        if not loss(report(4, "--lr=0.05", "--seed=%d" % s,
                           "--train-steps=100"), 100) > 1000 *
        loss(report(4, "--lr=0.05", "--seed=%d" % s, "--train-steps=100"), 0)]
between("(at 0.05 positive inputs did not blow up for one seed in 16)", 1, 1,
        [len(calm)])
# the guide's count of lessons
n = subprocess.run([binary, "--list-lessons"], capture_output=True,
                   text=True, check=True).stdout.count("\n")
between("built on the sixteen built-in lessons", 16, 16, [n])
between("`lesson k/16`", 16, 16, [n])
sys.exit(1 if failures else 0)
EOF
