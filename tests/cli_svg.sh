#!/bin/sh
# SPDX-License-Identifier: MIT
# --format=svg through the real binary: well-formed XML, every value drawn
# (markers and histogram bars) is the JSON report's number at the place
# the axes say, the small print reproduces the figure, sweeps share axes.
set -u

. "${top_srcdir:-.}/tests/cli_lib.sh"
need_python

# The checks shared by every figure: tests/svgcheck.py.
chk=${top_srcdir:-.}/tests

# json_then_svg NAME ARG...: the JSON report in $tmp/NAME.json, then the
# figure of the same command in $tmp/out
json_then_svg()
{
	name=$1
	shift
	run 0 --format=json "$@"
	cp "$tmp/out" "$tmp/$name.json"
	run 0 --format=svg "$@"
}

# --- one network: profile, histograms, command ---------------------------
printf 'svg: the values drawn are the JSON report'"'"'s, where the axes say ... '
set -- --init=he-normal --activation=tanh --depth=7 --width=48 --batch=40 \
	--bins=12 --seed=5
json_then_svg one "$@"
cp "$tmp/out" "$tmp/one.svg"
PYTHONPATH=$chk "$py" - "$tmp/one.svg" "$tmp/one.json" <<'EOF' || fail "svg values (above)"
import json, sys
from svgcheck import *
root = load(sys.argv[1])
rep = json.load(open(sys.argv[2]))
L = rep["layers"]
panels = [p for p in root.iter(NS + "g") if p.get("class") == "panel"]
assert len(panels) == 1, len(panels)
groups = [g for g in panels[0].iter(NS + "g") if g.get("class") == "profile"]
assert [g.get("data-quantity") for g in groups] == ["activation", "gradient"]
act, grad = groups
check_profile(panels[0], act, "activation", [l["activation"]["std"] for l in L])
check_profile(panels[0], act, "activation_theory",
              [l["theory"]["activation_std"] for l in L])
check_profile(panels[0], grad, "gradient",
              [l["grad_activation"]["std"] for l in L])
check_profile(panels[0], grad, "gradient_theory",
              [l["theory"]["grad_activation_std"] for l in L])
# histograms of 5 layers, first and last included, bars as in the JSON
hists = [g for g in root.iter(NS + "g") if g.get("class") == "histogram"]
layers = sorted({int(h.get("data-layer")) for h in hists})
assert len(layers) == 5 and layers[0] == 1 and layers[-1] == 7, layers
for h in hists:
    l = L[int(h.get("data-layer")) - 1]
    q = l["activation" if h.get("data-kind") == "activation"
          else "grad_activation"]["histogram"]
    rects = list(h.iter(NS + "rect"))
    counts = [int(r.get("data-count")) for r in rects]
    assert counts == q["counts"], (counts, q["counts"])
    assert float(h.get("data-lo")) == q["edges"][0]
    assert float(h.get("data-hi")) == q["edges"][-1]
    tall = max(float(r.get("height")) for r in rects)
    for r, c in zip(rects, counts):   # heights in proportion to counts
        assert abs(float(r.get("height")) - tall * c / max(counts)) < 0.01
    # the ends' labels: 3 digits, never past the data (tanh's -0.9998
    # is not "-1"), within a unit of the third digit of the edge
    lo, hi = q["edges"][0], q["edges"][-1]
    a, b = [float(t.text) for t in h.iter(NS + "text")]
    assert lo <= a <= lo + 0.01 * abs(lo), (lo, a)
    assert hi - 0.01 * abs(hi) <= b <= hi, (hi, b)
title = root.find(NS + "title").text
assert title == "initviz: tanh, 7 layers of 48 units", title
# the gradients' stds are relative to the probe the backward pass starts
# from, which the report documents: the subtitle says so
sub = [" ".join(t.itertext()) for t in root.iter(NS + "text")][1]
assert sub.endswith(", seed 5; gradients from N(0, 1) at layer 7"), sub
EOF
# the small print reproduces the figure
cmd=$(PYTHONPATH=$chk "$py" -c 'import sys; from svgcheck import *; print(command(load(sys.argv[1])))' "$tmp/one.svg") ||
	fail "no command in the figure"
case $cmd in
"initviz "*"--format=svg"*) ;;
*) fail "the command does not start with initviz or lacks --format=svg: $cmd" ;;
esac
# shellcheck disable=SC2086
set -- ${cmd#initviz }
run 0 "$@"
cmp -s "$tmp/out" "$tmp/one.svg" || fail "the figure's command draws another figure: $cmd"
ok

# --- zeros, deep networks --------------------------------------------------
printf 'svg: zeros in a row below the scale, deep networks keep every value ... '
run 0 --format=svg --init=zeros --depth=3 --width=8 --batch=4
PYTHONPATH=$chk "$py" - "$tmp/out" <<'EOF' || fail "zeros (above)"
import sys
from svgcheck import *
root = load(sys.argv[1])      # check_zero_row: below the scale, labelled 0
panel = [p for p in root.iter(NS + "g") if p.get("class") == "panel"][0]
act = [g for g in panel.iter(NS + "g") if g.get("data-quantity") == "activation"][0]
m = markers(act, "activation")
bottom = float(panel.get("data-y0")) + float(panel.get("data-height"))
assert sorted(m) == [1, 2, 3], m
assert all(v == 0 and cy > bottom for v, cx, cy in m.values()), m
for layer, (v, cx, cy) in m.items():   # at its layer
    assert abs(cx - place(panel, layer, 1)[0]) < 0.01, (layer, cx)
EOF
# three configurations whose deep layers are all exactly 0 (narrow relu
# networks die): each keeps its own mark at every such layer, and the
# figure's marks are the JSON's zeros
set -- --init=normal --activation=relu --width=4 --batch=8 \
	--sweep=std:0.1,0.5,1 --sweep=depth:10,20
json_then_svg dead "$@"
PYTHONPATH=$chk "$py" - "$tmp/out" "$tmp/dead.json" <<'EOF' || fail "zeros of a sweep (above)"
import json, sys
from svgcheck import *
root = load(sys.argv[1])
sweep = json.load(open(sys.argv[2]))
panels = [p for p in root.iter(NS + "g") if p.get("class") == "panel"]
for panel, q in zip(panels, ("activation", "grad_activation")):
    groups = [g for g in panel.iter(NS + "g") if g.get("class") == "profile"]
    rows = set()
    for g, rep in zip(groups, sweep):
        kind = panel.get("data-quantity")
        want = [i + 1 for i, l in enumerate(rep["layers"]) if l[q]["std"] == 0]
        got = markers(g, kind)
        assert sorted(k for k, v in got.items() if v[0] == 0) == want, \
            (kind, g.get("data-label"), want)
        rows |= {v[2] for v in got.values() if v[0] == 0}
    assert len(rows) == 3, (q, "three configurations, three rows", rows)
EOF
# thirty configurations all 0: the legend's fourteen keep rows of their
# own, the grey rest share one
run 0 --format=svg --init=zeros --sweep=width:1..30+1 --depth=2 --batch=2
PYTHONPATH=$chk "$py" - "$tmp/out" <<'EOF' || fail "zeros of thirty configurations (above)"
import sys
from svgcheck import *
root = load(sys.argv[1])
panel = [p for p in root.iter(NS + "g") if p.get("class") == "panel"][0]
rows = {}
for g in panel.iter(NS + "g"):
    if g.get("class") == "profile":
        m = markers(g, "activation")
        rows.setdefault(m[1][2], set()).add(g.get("data-label"))
assert len(rows) == 15, len(rows)
assert sorted(len(v) for v in rows.values()) == [1] * 14 + [16], rows
EOF
json_then_svg deep --depth=120 --width=16 --batch=16 --bins=5
PYTHONPATH=$chk "$py" - "$tmp/out" "$tmp/deep.json" <<'EOF' || fail "deep (above)"
import json, sys
from svgcheck import *
root = load(sys.argv[1])
L = json.load(open(sys.argv[2]))["layers"]
panel = [p for p in root.iter(NS + "g") if p.get("class") == "panel"][0]
act = [g for g in panel.iter(NS + "g") if g.get("data-quantity") == "activation"][0]
check_profile(panel, act, "activation", [l["activation"]["std"] for l in L])
EOF
ok

# --- sweeps: a profile per configuration on shared axes -------------------
printf 'svg: a sweep draws each configuration on shared axes ... '
set -- --sweep=width:16,32 --sweep=depth:2,4 --init=normal --std=0.2 \
	--activation=relu --batch=16
json_then_svg sweep "$@"
PYTHONPATH=$chk "$py" - "$tmp/out" "$tmp/sweep.json" <<'EOF' || fail "sweep svg (above)"
import json, sys
from svgcheck import *
root = load(sys.argv[1])
sweep = json.load(open(sys.argv[2]))
panels = [p for p in root.iter(NS + "g") if p.get("class") == "panel"]
assert [p.get("data-quantity") for p in panels] == ["activation", "gradient"]
for k in ("lo", "hi", "layer-lo", "layer-hi", "y0", "height"):
    assert panels[0].get("data-" + k) == panels[1].get("data-" + k), k
assert float(panels[0].get("data-layer-hi")) == 4
for panel, kind, q in ((panels[0], "activation", "activation"),
                       (panels[1], "gradient", "grad_activation")):
    groups = [g for g in panel.iter(NS + "g") if g.get("class") == "profile"]
    assert len(groups) == 4, len(groups)
    for g, rep in zip(groups, sweep):
        label = "width=%d depth=%d" % (rep["sweep"]["width"], rep["sweep"]["depth"])
        assert g.get("data-label") == label, (g.get("data-label"), label)
        check_profile(panel, g, kind, [l[q]["std"] for l in rep["layers"]])
        # the mean field over the measured line, dashed on a white casing,
        # so that it shows where the two agree
        paths = [(p.get("stroke"), p.get("stroke-dasharray"))
                 for p in g.iter(NS + "path")]
        colour = paths[0][0]
        assert paths[1:] == [("#ffffff", "4 6"), (colour, "4 6")], paths
        assert paths[0][1] != "4 6", paths
assert not [g for g in root.iter(NS + "g") if g.get("class") == "histogram"]
assert "--sweep=width:16,32 --sweep=depth:2,4" in command(root), command(root)
sub = [" ".join(t.itertext()) for t in root.iter(NS + "text")][1]
assert sub.endswith(", seed 1; gradients from N(0, 1) at the top layer"), sub
EOF
ok

# --- a legend names what is drawn: no two named series look alike ----------
printf 'svg: every sweep series is named by a style of its own or drawn as one of the rest ... '
run 0 --format=svg --sweep=width:1..17+1 --depth=1 --batch=4
PYTHONPATH=$chk "$py" - "$tmp/out" <<'EOF' || fail "sweep legend (above)"
import sys
from svgcheck import *
root = load(sys.argv[1])
kids = list(root)
legend = {}                                  # line style -> its text
for i, e in enumerate(kids):
    if e.tag == NS + "line" and e.get("stroke-width") == "3.5" \
            and kids[i + 1].tag == NS + "text":
        style = (e.get("stroke"), e.get("stroke-dasharray"))
        assert style not in legend, ("two legend keys look alike", style)
        legend[style] = " ".join(kids[i + 1].itertext())
panel = [p for p in root.iter(NS + "g") if p.get("class") == "panel"][0]
groups = [g for g in panel.iter(NS + "g") if g.get("class") == "profile"]
assert len(groups) == 17, len(groups)
named = {}
for g in groups:
    path = [p for p in g.iter(NS + "path")
            if p.get("stroke-dasharray") != "4 6"][0]   # measured, not theory
    style = (path.get("stroke"), path.get("stroke-dasharray"))
    assert style in legend, ("a series drawn in a style the legend lacks", style)
    if legend[style] == g.get("data-label"):
        assert style not in named, ("two series share a named style", style)
        named[style] = g.get("data-label")
    else:                                    # one of the rest, so named
        assert "more" in legend[style], (g.get("data-label"), legend[style])
n_rest = 17 - len(named)
assert n_rest > 0 and ("%d more" % n_rest) in " ".join(legend.values()), legend
EOF
ok

# markers at every layer leave a dashed line little room for its dashes: two
# series of one colour, solid and dashed, differ in their markers too
# (filled, hollow), and the legend's keys show them
printf 'svg: series of one colour differ in their markers, as their keys show ... '
run 0 --format=svg --sweep=width:1..14+1 --depth=20 --batch=4
PYTHONPATH=$chk "$py" - "$tmp/out" <<'EOF' || fail "sweep markers (above)"
import sys
from svgcheck import *
root = load(sys.argv[1])
kids = list(root)
keys = {}                                    # label -> (colour, fill) of its marker
for i, e in enumerate(kids):
    if e.tag == NS + "line" and e.get("stroke-width") == "3.5":
        marks = [k for k in kids[i + 1:i + 3] if k.tag == NS + "circle"]
        text = [k for k in kids[i + 1:i + 3] if k.tag == NS + "text"][0]
        if marks:
            keys[" ".join(text.itertext())] = (marks[0].get("stroke")
                                               or marks[0].get("fill"),
                                               marks[0].get("fill"))
panel = [p for p in root.iter(NS + "g") if p.get("class") == "panel"][0]
looks = {}
for g in panel.iter(NS + "g"):
    if g.get("class") != "profile":
        continue
    path = [p for p in g.iter(NS + "path")
            if p.get("stroke-dasharray") != "4 6"][0]
    colour = path.get("stroke")
    fills = {(c.get("stroke") or c.get("fill"), c.get("fill"))
             for c in g.iter(NS + "circle")
             if c.get("data-kind") == "activation" and float(c.get("r")) > 0}
    assert len(fills) == 1 and next(iter(fills))[0] == colour, fills
    look = (colour, next(iter(fills))[1])
    assert look not in looks, ("alike", g.get("data-label"), looks[look])
    looks[look] = g.get("data-label")
    assert keys.get(g.get("data-label")) == look, \
        ("the key's marker is not the series'", g.get("data-label"), keys)
assert len(looks) == 14, len(looks)
EOF
ok

# --- long titles and legend labels stay inside the figure ------------------
printf 'svg: a grid of four knobs keeps its title and legend inside the figure ... '
run 0 --format=svg --residual --norm=layer --width=16 --batch=8 \
	--sweep=depth:2,3 --sweep=batch:8,16 --sweep=bias-std:0.00025,0.5 \
	--sweep=res-scale:0.125,0.25
PYTHONPATH=$chk "$py" - "$tmp/out" <<'EOF' || fail "long sweep labels (above)"
import sys
from svgcheck import *
root = load(sys.argv[1])                     # every text inside the figure
labels = [g.get("data-label") for g in root.iter(NS + "g")
          if g.get("class") == "profile" and g.get("data-quantity") == "activation"]
texts = [" ".join(t.itertext()) for t in root.iter(NS + "text")]
assert labels[0] == "depth=2 batch=8 bias-std=0.00025 res-scale=0.125", labels[0]
assert labels[0] in texts, "first configuration not named in the legend"
EOF
ok

# --- a scale of more decades than a double spans keeps its labels ---------
printf 'svg: a scale from 1e-320 to 1 is labelled along its height ... '
run 0 --format=svg --init=normal --std=1e-160 --activation=linear --depth=2 \
	--width=4 --batch=4
PYTHONPATH=$chk "$py" - "$tmp/out" <<'EOF' || fail "ticks over 320 decades (above)"
import sys
from svgcheck import *
root = load(sys.argv[1])
panel = [p for p in root.iter(NS + "g") if p.get("class") == "panel"][0]
lo, hi = float(panel.get("data-lo")), float(panel.get("data-hi"))
assert lo < 1e-300 and hi >= 1, (lo, hi)
ticks = [t.text for t in panel.iter(NS + "text")
         if t.get("text-anchor") == "end" and t.text.startswith("1e")]
assert len(ticks) >= 5, ticks
EOF
ok

# --- a subtitle too long for one line at 16 px breaks into two -----------
printf 'svg: a long subtitle breaks into lines inside the figure ... '
set -- --init=he-uniform --gain=1.23456789 --mode=fan_avg --bias=0.123456789 \
	--bias-std=0.987654321 --seed=18446744073709551615 --train-steps=2 \
	--lr=0.000123456789 --input=positive --depth=3 --width=8 --batch=4 \
	--activation=leaky-relu --slope=0.0123456
# the last: training that stops early, said in the subtitle, whole
for args in "" "--sweep=batch:4,8" \
	"--sweep=batch:4,8 --lr=123456 --train-steps=999999"; do
	# shellcheck disable=SC2086
	run 0 --format=svg "$@" $args
	PYTHONPATH=$chk "$py" - "$tmp/out" <<'EOF2' || fail "long subtitle $args (above)"
import sys
from svgcheck import *
root = load(sys.argv[1])                     # every text inside the figure
texts = [t for t in root.iter(NS + "text")]
sub = texts[1]
whole = " ".join(s.strip() for s in sub.itertext())
assert whole.startswith("init he-uniform"), whole
assert whole.endswith("gradients from N(0, 1) at " +
                      ("the top layer" if "configurations" in texts[0].text
                       else "layer 3")), whole
assert float(sub.get("font-size")) >= 16
lines = list(sub.iter(NS + "tspan"))
assert len(lines) == 2, whole
# below the title, above the panels' labels (DejaVu Sans: 0.76 em above
# the baseline, 0.24 below), clear of each other
px = float(sub.get("font-size"))
title_low = float(texts[0].get("y")) + 0.24 * float(texts[0].get("font-size"))
label_top = min(float(t.get("y")) - 0.76 * float(t.get("font-size"))
                for t in texts[2:]
                if t.text and t.text.startswith(("std", "standard")))
ys = [float(t.get("y")) for t in lines]
assert ys[1] - ys[0] >= px, (ys, px)
assert title_low + 2 < ys[0] - 0.76 * px, (ys, title_low)
assert ys[1] + 0.24 * px < label_top - 2, (ys, label_top)
EOF2
done
ok

# --- the small print: inside the page, pasted into a shell, whole --------
printf 'svg: the small print fits the page and pastes into a shell as it is ... '
set -- --init=he-uniform --mode=fan_avg --bias=0.123456789 \
	--bias-std=0.987654321 --widths=3,100,7 --batch=4 --input=positive \
	--seed=18446744073709551615 \
	--sweep=std:0.00123456789..0.02*1.21 --init=normal --widths=3,4,5
for args in "$*" "${*%% --sweep*}"; do
	# shellcheck disable=SC2086
	run 0 --format=svg $args
	cp "$tmp/out" "$tmp/small.svg"
	cmd=$(PYTHONPATH=$chk "$py" -c 'import sys; from svgcheck import *
print(command(load(sys.argv[1])))' "$tmp/small.svg") || fail "small print (above)"
	case $cmd in
	"initviz "*) ;;
	*) fail "small print: $cmd" ;;
	esac
	eval "\"\$bin\"${cmd#initviz}" >"$tmp/again.svg" 2>"$tmp/err" ||
		fail "$cmd: $(cat "$tmp/err")"
	cmp -s "$tmp/small.svg" "$tmp/again.svg" || fail "not reproduced by: $cmd"
done
ok

# the notes' second row above a small print of four lines (svgcheck's
# check_notes_clear): zeros, NaN and a mean field of 0 beside a long list
printf 'svg: the notes keep clear of four lines of small print ... '
vals=$("$py" -c 'print(",".join(["0", "1e-300", "1e200"] +
	["%.9g" % (0.00123456789 * 1.17 ** k) for k in range(60)]))')
run 0 --format=svg --init=normal --activation=relu --depth=4 --width=4 \
	--batch=4 --sweep=std:"$vals"
PYTHONPATH=$chk "$py" - "$tmp/out" <<'EOF' || fail "notes and small print (above)"
import sys
from svgcheck import *
root = load(sys.argv[1])
notes = [t for t in root.iter(NS + "text") if t.get("class") == "note"]
lines = [t for t in root.iter(NS + "text") if t.get("class") == "command"]
assert len(notes) == 2 and len(lines) == 4, (len(notes), len(lines))
EOF
ok

printf 'svg: a command too long for the small print is whole in <desc> ... '
run 0 --format=svg --init=normal --depth=2 --width=4 --batch=4 \
	--sweep=std:0.00123456789..0.9*1.11
cp "$tmp/out" "$tmp/long.svg"
PYTHONPATH=$chk "$py" - "$tmp/long.svg" <<'EOF' || fail "long command (above)"
import sys
from svgcheck import *
root = load(sys.argv[1])
lines = [t.text for t in root.iter(NS + "text") if t.get("class") == "command"]
whole = whole_command(root)
assert len(whole) > 1000, len(whole)
assert "".join(l.rstrip("\\") for l in lines[:-1]) in whole, lines
assert "cut" in lines[-1] and "<desc>" in lines[-1], lines[-1]
EOF
cmd=$(PYTHONPATH=$chk "$py" -c 'import sys; from svgcheck import *
print(whole_command(load(sys.argv[1])))' "$tmp/long.svg") || fail "desc (above)"
eval "\"\$bin\"${cmd#initviz}" >"$tmp/again.svg" 2>"$tmp/err" ||
	fail "$cmd: $(cat "$tmp/err")"
cmp -s "$tmp/long.svg" "$tmp/again.svg" || fail "not reproduced by the <desc>"
ok

# --- the title says what the network is ------------------------------------
printf 'svg: a residual network with norm is named so, alone and swept ... '
run 0 --format=svg --residual --norm=layer --depth=3 --width=8 --batch=4
PYTHONPATH=$chk "$py" - "$tmp/out" <<'EOF' || fail "residual title (above)"
import sys
from svgcheck import *
title = load(sys.argv[1]).find(NS + "title").text
assert title == "initviz: tanh, 3 layers of 8 units, residual (alpha 1), layer norm", title
EOF
run 0 --format=svg --residual --sweep=res-scale:0.5,1 --depth=3 --width=8 \
	--batch=4
PYTHONPATH=$chk "$py" - "$tmp/out" <<'EOF' || fail "residual sweep title (above)"
import sys
from svgcheck import *
title = load(sys.argv[1]).find(NS + "title").text
assert title == "initviz: tanh, 2 configurations of res-scale, residual", title
EOF
# a --widths network names its widths, a long list cut in the middle
run 0 --format=svg --widths=8,32,4 --batch=4
grep -q '<title>initviz: tanh, 2 layers of widths 8,32,4</title>' "$tmp/out" ||
	fail "widths title: $(grep -o '<title>[^<]*' "$tmp/out")"
run 0 --format=svg --widths=8,32,4 --batch=4 --sweep=batch:4,8
grep -q 'gain 1, 2 layers, widths 8,32,4, bias 0' "$tmp/out" ||
	fail "widths sweep subtitle"
w=$("$py" -c 'print(",".join(str(1000 + k) for k in range(101)))')
run 0 --format=svg --widths="$w" --batch=2
PYTHONPATH=$chk "$py" - "$tmp/out" <<'EOF' || fail "long widths title (above)"
import sys
from svgcheck import *
title = load(sys.argv[1]).find(NS + "title").text   # and inside the figure
assert title.startswith("initviz: tanh, 100 layers of widths 1000,1001,"), title
assert ",...," in title and title.endswith(",1100"), title
EOF
# gpt2's own alpha, 1/sqrt(2L), follows a swept depth: no one value
run 0 --format=svg --residual --init=gpt2 --sweep=depth:2,8 --width=8 --batch=4
PYTHONPATH=$chk "$py" - "$tmp/out" <<'EOF' || fail "gpt2 depth sweep title (above)"
import sys
from svgcheck import *
title = load(sys.argv[1]).find(NS + "title").text
assert title == "initviz: tanh, 2 configurations of depth, residual (alpha 1/sqrt(2L))", title
EOF
# and its norm after the rule
run 0 --format=svg --residual --norm=layer --init=gpt2 --sweep=depth:2,8 \
	--width=8 --batch=4
grep -q '<title>initviz: tanh, 2 configurations of depth, residual (alpha 1/sqrt(2L)), layer norm</title>' "$tmp/out" ||
	fail "gpt2 depth sweep title with a norm: $(grep -o '<title>[^<]*' "$tmp/out")"
# one layer is "1 layer", in the title and in a sweep's subtitle
run 0 --format=svg --depth=1 --width=8 --batch=4
grep -q '<title>initviz: tanh, 1 layer of 8 units</title>' "$tmp/out" ||
	fail "one layer's title: $(grep -o '<title>[^<]*' "$tmp/out")"
run 0 --format=svg --depth=1 --sweep=width:8,16 --batch=4
grep -q 'gain 1, 1 layer, batch 4' "$tmp/out" ||
	fail "one layer's sweep subtitle"
# a sweep's figure names the slope and the fan, as one network's does
for args in "--width=8" "--sweep=width:4,8"; do
	# shellcheck disable=SC2086
	run 0 --format=svg --activation=leaky-relu --slope=0.2 --init=he-normal \
		--mode=fan_out --depth=3 --batch=4 $args
	PYTHONPATH=$chk "$py" - "$tmp/out" <<'EOF' || fail "slope and mode, $args (above)"
import sys
from svgcheck import *
texts = [" ".join(t.itertext()) for t in load(sys.argv[1]).iter(NS + "text")]
assert texts[0].startswith("initviz: leaky-relu (slope 0.2), "), texts[0]
assert "fan_out" in texts[1], texts[1]
EOF
done
ok

# --- what the profile cannot place is said, never left to guesswork --------
printf 'svg: an absent mean field, zeros and NaN or Inf are named in notes ... '
# zeros: no mean field (the table's reason), no "mean field" key for lines
# that are not there, and the crosses at the bottom edge explained
for args in "--depth=3" "--sweep=width:4,8 --depth=3"; do
	# shellcheck disable=SC2086
	run 0 --format=svg --init=zeros --width=8 --batch=4 $args
	PYTHONPATH=$chk "$py" - "$tmp/out" <<'EOF2' || fail "zeros notes, $args (above)"
import sys
from svgcheck import *
root = load(sys.argv[1])
texts = [" ".join(t.itertext()) for t in root.iter(NS + "text")]
notes = [t.text for t in root.iter(NS + "text") if t.get("class") == "note"]
assert "mean field: none: zeros weights are not independent zero-mean " \
       "random numbers" in notes, notes
assert "mean field" not in texts, "a key for a mean field not drawn"
assert [n for n in notes if n.startswith("\u00d7") and "std exactly 0" in n], notes
assert not root.findall(".//*[@data-kind='activation_theory']")
EOF2
done
# huge gains: the stds left out as NaN or Inf, measured and predicted, are
# counted as the JSON report's layers say
json_then_svg gain --gain=1e100 --activation=relu --depth=6 --width=16 \
	--batch=16
PYTHONPATH=$chk "$py" - "$tmp/out" "$tmp/gain.json" <<'EOF2' || fail "NaN notes (above)"
import json, sys
from svgcheck import *
root = load(sys.argv[1])
L = json.load(open(sys.argv[2]))["layers"]
notes = [t.text for t in root.iter(NS + "text") if t.get("class") == "note"]
def bad(q):           # the table's rule: NaN or Inf among the entries
    return sum(l[q]["nan"] + l[q]["inf"] > 0 for l in L)
def th_bad(k):        # predictions not placed: null (NaN, Inf) or 0
    return sum(not l["theory"][k] for l in L)
a, g = bad("activation"), bad("grad_activation")
ta, tg = th_bad("activation_std"), th_bad("grad_activation_std")
assert a and g and ta and tg, (a, g, ta, tg)
want = ["mean field 0, NaN or Inf, not drawn: %d activation stds and "
        "%d gradient stds" % (ta, tg),
        "NaN or Inf, not drawn: %d activation stds and %d gradient stds"
        % (a, g)]
assert notes == want, (notes, want)
EOF2
# batch norm over a small batch: the gradients' mean field stops where the
# JSON's batch_growth passes 1.1, and a note says so instead of counting
# the values as NaN
json_then_svg bn --norm=batch --batch=32 --depth=10 --width=16
PYTHONPATH=$chk "$py" - "$tmp/out" "$tmp/bn.json" <<'EOF2' || fail "batch norm note (above)"
import json, sys
from svgcheck import *
root = load(sys.argv[1])
L = json.load(open(sys.argv[2]))["layers"]
notes = [t.text for t in root.iter(NS + "text") if t.get("class") == "note"]
gone = [l["layer"] for l in L if l["theory"]["grad_activation_std"] is None]
assert gone == list(range(1, 5)), gone
assert all(l["theory"]["batch_growth"] > 1.1 for l in L[:4]), L
assert notes == ["gradients' mean field: none below layer 5, batch norm over "
                 "32 samples (Yang et al. 2019)"], notes
EOF2
# the same over a sweep of batches: the note counts the layers and the
# configurations the JSON leaves without a gradient prediction
json_then_svg bns --norm=batch --sweep=batch:4..64*4 --depth=10 --width=16
PYTHONPATH=$chk "$py" - "$tmp/out" "$tmp/bns.json" <<'EOF2' || fail "batch sweep note (above)"
import json, sys
from svgcheck import *
root = load(sys.argv[1])
runs = json.load(open(sys.argv[2]))
notes = [t.text for t in root.iter(NS + "text") if t.get("class") == "note"]
gone = [sum(l["theory"]["grad_activation_std"] is None and
            l["theory"]["batch_growth"] > 1.1 for l in r["layers"])
        for r in runs]
assert gone == [9, 7, 0], gone
assert notes == ["gradients' mean field: 16 layers left out in 2 "
                 "configurations, batch norm's batch too small (Yang et al. "
                 "2019)"], notes
EOF2
# a plain figure needs no notes
run 0 --format=svg --depth=3 --width=8 --batch=4
grep -q 'class="note"' "$tmp/out" && fail "a note on a figure with every value drawn"
ok

# --- a histogram's labels name only values the data holds -----------------
printf 'svg: histograms of constants, of no finite value and with NaN or Inf say so ... '
# huge gains: constants (relu of -Inf), all NaN, a few Inf; zeros: all 0
for args in "--gain=1e100 --activation=relu --depth=6 --width=16 --batch=16" \
	"--init=zeros --depth=3 --width=8 --batch=4"; do
	# shellcheck disable=SC2086
	run 0 --format=json $args
	cp "$tmp/out" "$tmp/h.json"
	# shellcheck disable=SC2086
	run 0 --format=svg $args
	PYTHONPATH=$chk "$py" - "$tmp/out" "$tmp/h.json" <<'EOF2' || fail "histogram labels, $args (above)"
import json, sys
from svgcheck import *
root = load(sys.argv[1])
L = json.load(open(sys.argv[2]))["layers"]
seen = set()
for h in root.iter(NS + "g"):
    if h.get("class") != "histogram":
        continue
    q = L[int(h.get("data-layer")) - 1][
        "activation" if h.get("data-kind") == "activation" else "grad_activation"]
    texts = {t.get("class"): t.text for t in h.iter(NS + "text")}
    labels = [t.text for t in h.iter(NS + "text") if t.get("class") is None]
    left = texts.get("left-out")
    if q["nan"] or q["inf"]:       # what the bars leave out, counted
        parts = (["%d NaN" % q["nan"]] if q["nan"] else []) + \
                (["%d Inf" % q["inf"]] if q["inf"] else [])
        assert left == ", ".join(parts) + " left out", (left, q)
    else:
        assert left is None, left
    if q["min"] is None:           # no finite value: no range to name
        assert labels == ["no finite value"], labels
        seen.add("none")
    elif q["min"] == q["max"]:     # one value: its name, not made-up ends
        assert labels == ["all %.3g" % q["min"]], (labels, q["min"])
        seen.add("constant")
    else:                          # ends within the data
        a, b = map(float, labels)
        assert q["min"] <= a <= b <= q["max"], (labels, q["min"], q["max"])
assert seen, "no constant or empty histogram drawn"
EOF2
done
ok

# --- a lesson file's path with spaces and quotes pastes into a shell ------
printf 'svg: the small print of a long quoted path runs in a shell as it is ... '
# a path longer than a line, with spaces (one quoted word), & < > " and '
dir="$tmp/a&b <c> \"d\" 'e' tr$(printf '\303\250')s long directory name for the course on weight initialisation/and a second level that is also long"
mkdir -p "$dir" || exit 99
cat >"$dir/x&y.lessons" <<'EOF2'
[lesson]
title = A & B <tags> "quoted"
init = orthogonal
activation = linear
depth = 3
width = 8
text = a lesson from an awkward place
EOF2
n=$("$bin" --lessons="$dir/x&y.lessons" --list-lessons | tail -1 | cut -d. -f1)
run 0 --lessons="$dir/x&y.lessons" --lesson="$n" --format=svg --batch=4
cp "$tmp/out" "$tmp/path.svg"
PYTHONPATH=$chk "$py" - "$tmp/path.svg" "$tmp/paste.sh" <<'EOF2' || fail "small print (above)"
import sys
from svgcheck import *
root = load(sys.argv[1])
lines = [t.text for t in root.iter(NS + "text") if t.get("class") == "command"]
assert 1 < len(lines) <= 4 and "cut" not in lines[-1], lines
assert lines[0].startswith("initviz --lessons='"), lines[0]
# the lines as a reader pastes them, the program's name as the shell finds it
open(sys.argv[2], "w").write('"$bin"' + "\n".join(lines)[len("initviz"):] + "\n")
EOF2
bin=$bin sh "$tmp/paste.sh" >"$tmp/again.svg" 2>"$tmp/err" ||
	fail "the small print in a shell: $(cat "$tmp/err")"
cmp -s "$tmp/path.svg" "$tmp/again.svg" || fail "the small print draws another figure"
ok

# --- the README's example figure is what its command draws now -----------
printf "svg: docs/example-depth20.svg is what README's command draws ... "
grep -q 'This one is `initviz --format=svg --depth=20 --batch=256`' \
	"${top_srcdir:-.}/README.md" || fail "README's example command changed"
run 0 --format=svg --depth=20 --batch=256
# the same elements and words; numbers to a few ulps of a BLAS's rounding
PYTHONPATH=$chk "$py" - "$tmp/out" "${top_srcdir:-.}/docs/example-depth20.svg" <<'EOF2' ||
import re, sys
from svgcheck import *
now, doc = load(sys.argv[1]), load(sys.argv[2])
NUM = re.compile(r"-?\d+(?:\.\d+)?(?:e[-+]?\d+)?")
def same(a, b):
    if a == b:
        return True
    if a is None or b is None or NUM.sub("#", a) != NUM.sub("#", b):
        return False
    return all(abs(float(x) - float(y)) <= 1e-6 * max(abs(float(x)), 1) + 0.02
               for x, y in zip(NUM.findall(a), NUM.findall(b)))
ea, eb = list(now.iter()), list(doc.iter())
assert len(ea) == len(eb), ("elements", len(ea), len(eb))
for x, y in zip(ea, eb):
    assert x.tag == y.tag and sorted(x.attrib) == sorted(y.attrib), (x.attrib, y.attrib)
    for k in x.attrib:
        assert same(x.get(k), y.get(k)), (k, x.get(k), y.get(k))
    assert same(x.text, y.text), (x.text, y.text)
EOF2
	fail "docs/example-depth20.svg is not what its command draws: regenerate it"
ok

# ... and README's description of it says what it shows: the network of
# the title, the layers whose histograms it draws, the stds that fall
# (activations) and rise (gradients) with depth, measured and predicted
printf "svg: README's words for the example figure describe it ... "
run 0 --format=json --depth=20 --batch=256
"$py" - "${top_srcdir:-.}/README.md" "${top_srcdir:-.}/docs/example-depth20.svg" \
	"$tmp/out" <<'EOF2' || fail "README's description of the figure (above)"
import json, re, sys
readme = " ".join(open(sys.argv[1], encoding="utf-8").read().split())
svg = open(sys.argv[2], encoding="utf-8").read()
alt = readme.split("![", 1)[1].split("](docs/example-depth20.svg)", 1)[0]
assert alt.startswith("tanh, 20 layers of 256 units: the std of the "
                      "activations falls and that of the gradients rises, "
                      "as mean-field theory predicts; histograms of layers "), alt
said = [int(x) for x in re.findall(r"\d+", alt.split("histograms of layers", 1)[1])]
drawn = [int(x) for x in re.findall(r">layer (\d+)</text>", svg)]
assert said == drawn, (said, drawn)
assert ">initviz: tanh, 20 layers of 256 units</text>" in svg
L = json.load(open(sys.argv[3]))["layers"]
for src in ("measured", "theory"):
    act = [l["activation"]["std"] if src == "measured"
           else l["theory"]["activation_std"] for l in L]
    grad = [l["grad_activation"]["std"] if src == "measured"
            else l["theory"]["grad_activation_std"] for l in L]
    assert act[-1] < act[0] / 2 and grad[-1] > 2 * grad[0], (src, act, grad)
EOF2
ok

# --- a value with no neighbour to join is still drawn ----------------------
printf 'svg: a lone value (one layer, between NaN, deep) is drawn, not a point of no length ... '
for args in "--depth=1 --width=8 --batch=4" \
	"--gain=1e100 --activation=relu --depth=6 --width=16 --batch=16" \
	"--depth=70 --width=8 --batch=4 --init=normal --std=10 --activation=relu" \
	"--sweep=depth:1,2 --width=8 --batch=4"; do
	# shellcheck disable=SC2086
	run 0 --format=svg $args
	PYTHONPATH=$chk "$py" - "$tmp/out" <<'EOF2' || fail "lone values, $args (above)"
import re, sys
from svgcheck import *
root = load(sys.argv[1])
groups = [g for g in root.iter(NS + "g") if g.get("class") == "profile"]
assert groups
for g in groups:
    check_visible(g)
for panel in root.iter(NS + "g"):          # strokes inside their frame
    if panel.get("class") != "panel":
        continue
    x0 = float(panel.get("data-x0"))
    x1 = x0 + float(panel.get("data-width"))
    for p in panel.iter(NS + "path"):
        for x in re.findall(r"[ML]([-\d.]+) ", p.get("d")):
            assert x0 - 0.01 <= float(x) <= x1 + 0.01, (x, x0, x1)
EOF2
done
ok

# --- a report that trains draws its network at initialization, and says so
printf 'svg: a report that trains says its figure is at initialization ... '
for args in "--depth=3 --width=8 --batch=4" "--sweep=width:4,8 --depth=3 --batch=4"; do
	# shellcheck disable=SC2086
	run 0 --format=json --train-steps=20 --lr=0.02 $args
	cp "$tmp/out" "$tmp/tr.json"
	# shellcheck disable=SC2086
	run 0 --format=svg --train-steps=20 --lr=0.02 $args
	PYTHONPATH=$chk "$py" - "$tmp/out" "$tmp/tr.json" <<'EOF2' || fail "training, $args (above)"
import json, sys
from svgcheck import *
root = load(sys.argv[1])
rep = json.load(open(sys.argv[2]))
rep = rep if isinstance(rep, list) else [rep]
sub = [" ".join(t.itertext()) for t in root.iter(NS + "text")][1]
assert ", at initialization, before 20 SGD steps at lr 0.02;" in sub, sub
assert "--train-steps=20" in command(root), command(root)
# the numbers drawn are the report's layers, taken before training
panel = [p for p in root.iter(NS + "g") if p.get("class") == "panel"][0]
groups = [g for g in panel.iter(NS + "g") if g.get("class") == "profile"
          and g.get("data-quantity") == "activation"]
assert len(groups) == len(rep), (len(groups), len(rep))
for g, r in zip(groups, rep):
    check_profile(panel, g, "activation", [l["activation"]["std"] for l in r["layers"]])
EOF2
done
ok

# --- training that stops early: the figure's subtitle names the steps asked
# for, as the command does, and where training stopped, report and sweep
# alike
printf 'svg: training stopped early is named in the subtitle ... '
for args in "--width=32" "--sweep=width:8,16,64"; do
	# shellcheck disable=SC2086
	set -- --train-steps=20 --lr=2 --init=he-normal --activation=relu \
		--depth=5 --batch=32 $args
	run 0 --format=json "$@"
	cp "$tmp/out" "$tmp/tr.json"
	run 0 --format=svg "$@"
	PYTHONPATH=$chk "$py" - "$tmp/out" "$tmp/tr.json" <<'EOF2' || fail "training stopped, $args (above)"
import json, sys
from svgcheck import *
root = load(sys.argv[1])
rep = json.load(open(sys.argv[2]))
sub = [" ".join(t.itertext()) for t in root.iter(NS + "text")][1]
assert ", at initialization, before 20 SGD steps at lr 2 " in sub, sub
if isinstance(rep, list):
    stopped = sum(r["training_stopped"] for r in rep)
    assert stopped == 2, stopped
    assert "(training stopped early in 2 of 3 configurations);" in sub, sub
else:
    assert rep["training_stopped"], "this rate diverges"
    k = rep["training"][-1]["step"]
    assert "(training stopped at step %d);" % k in sub, (k, sub)
EOF2
done
ok

echo "$passed passed, 0 failed"
