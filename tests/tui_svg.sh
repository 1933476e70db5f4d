#!/bin/sh
# SPDX-License-Identifier: MIT
# S in the view saves the figure beside the text: a well-formed SVG under
# the text's name, the very figure --report --format=svg draws of the
# saved command line (every element but that small print), and a second
# S in the same second writes new files beside the first, never over them.
set -u

bin=${top_builddir:-.}/initviz
py=${PYTHON3:-python3}
chk=${top_srcdir:-.}/tests
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
passed=0

[ -x "$bin" ] || { echo "no binary at $bin"; exit 99; }
command -v "$py" >/dev/null 2>&1 || { echo "no python3: skipped"; exit 77; }

fail()
{
	echo "FAIL: $*"
	echo "$passed passed, 1 failed"
	exit 1
}

ok() { passed=$((passed + 1)); echo "ok: $*"; }

# view ARGS...: the view plays $tmp/keys, saving into $tmp/save
view()
{
	rm -rf "$tmp/save" && mkdir "$tmp/save" || exit 99
	INITVIZ_SAVE_DIR="$tmp/save" INITVIZ_LINES=30 INITVIZ_COLS=100 \
		"$bin" --keys="$tmp/keys" "$@" </dev/null >/dev/null \
		2>"$tmp/err" || fail "the view $*: $(cat "$tmp/err")"
}

# same_figure SAVED REPORT: equal but for the command's small print, which
# is the report's without --format=svg
same_figure()
{
	PYTHONPATH=$chk "$py" - "$1" "$2" <<'PY' || fail "figures differ: $1 $2"
import sys
from svgcheck import *
a, b = load(sys.argv[1]), load(sys.argv[2])   # both well-formed
ca, cb = command(a), command(b)
assert cb == ca + " --format=svg" or cb.replace(" --format=svg", "") == ca, \
    (ca, cb)
def elements(root):
    return [(e.tag, sorted(e.attrib.items()),
             None if e.get("class") == "command" else e.text)
            for e in root.iter()]
ea, eb = elements(a), elements(b)
assert len(ea) == len(eb), (len(ea), len(eb))
for x, y in zip(ea, eb):
    assert x == y, (x, y)
values = [e for e in a.iter() if e.get("data-value")]
assert len(values) >= 8, len(values)          # markers drawn
PY
}

# 1. lessons and settings: the figure is the report's of the saved command
while read -r args; do
	echo 'Wait S Wait q' >"$tmp/keys"
	# shellcheck disable=SC2086
	view $args
	set -- "$tmp"/save/initviz-screen-*.txt
	[ $# -eq 1 ] && [ -f "$1" ] || fail "$args: S saved no text"
	svg=${1%.txt}.svg
	[ -f "$svg" ] || fail "$args: no figure beside $1: $(ls "$tmp/save")"
	cmd=$(head -1 "$1")
	case $cmd in
	initviz|"initviz "*) ;;
	*) fail "saved command: $cmd" ;;
	esac
	eval "\"\$bin\"${cmd#initviz} --report --format=svg" >"$tmp/rep.svg" \
		2>"$tmp/err" || fail "$cmd --report --format=svg: $(cat "$tmp/err")"
	same_figure "$svg" "$tmp/rep.svg"
	ok "$args: the figure of $cmd"
done <<'EOF'
--lesson=8
--lesson=9 --depth=6 --width=64 --batch=64
--init=normal --std=0.05 --activation=relu --depth=4 --width=32 --batch=32 --seed=3
EOF

# 2. S twice within a second: two texts, two figures, each beside its own
echo 'Wait S S Wait q' >"$tmp/keys"
view --lesson=2 --batch=64
n=0
for f in "$tmp"/save/initviz-screen-*.txt; do
	[ -f "${f%.txt}.svg" ] || fail "no figure beside $f"
	n=$((n + 1))
done
[ "$n" -eq 2 ] || fail "$n texts saved, want 2: $(ls "$tmp/save")"
[ "$(ls -A "$tmp/save" | wc -l)" -eq 4 ] || fail "files: $(ls -A "$tmp/save")"
ok "S S: two texts and two figures"

# 3. after training steps: the figure says so, and draws no mean field,
# which predicts the network at initialization (the report's figure of the
# same command is of the untrained network)
echo 'Wait S Wait q' >"$tmp/keys"
view --train-steps=5 --lr=0.02 --depth=4 --width=16 --batch=16
set -- "$tmp"/save/initviz-screen-*.svg
[ $# -eq 1 ] && [ -f "$1" ] || fail "training: S saved no figure"
grep -q -- '--train-steps=5 --lr=0.02' "${1%.svg}.txt" || fail "not 5 steps: $(head -1 "${1%.svg}.txt")"
PYTHONPATH=$chk "$py" - "$1" <<'PY' || fail "a trained network's figure (above)"
import sys
from svgcheck import *
root = load(sys.argv[1])
texts = [" ".join(t.itertext()) for t in root.iter(NS + "text")]
assert [t for t in texts if ", seed 1, after 5 SGD steps at lr 0.02;" in t], texts[:3]
notes = [t.text for t in root.iter(NS + "text") if t.get("class") == "note"]
assert [n for n in notes if n.startswith("mean field: none: ") and
        "initialization" in n], notes
assert not [c for c in root.iter(NS + "circle")
            if c.get("data-kind").endswith("_theory")], "a mean field drawn"
assert "mean field" not in texts
PY
ok "after training: the figure says so and draws no mean field"

echo "$passed passed"
