#!/bin/sh
# SPDX-License-Identifier: MIT
# --format=svg opened in a real browser (headless Chromium): the figure
# parses as XML there (the browser's own parser, which shows an error box
# for what it refuses), and, laid out with the fonts the browser has, no
# text leaves the canvas and no text covers another text or a marker.
# tests/svgcheck.py estimates text widths from DejaVu Sans' metrics; this
# is what a projector shows. One figure of each kind: a network, sweeps of
# width, depth and std, a grid, NaN and Inf, all-zero layers, training,
# residual and normalised blocks, uneven widths. Skips (77) without
# Chromium (Debian's package chromium; .ci/run installs it).
set -u

. "${top_srcdir:-.}/tests/cli_lib.sh"
need_python

browser=""
for b in chromium chromium-browser google-chrome; do
	command -v "$b" >/dev/null 2>&1 && { browser=$b; break; }
done
[ -n "$browser" ] || { echo "no chromium: skipped"; exit 77; }
js=$(cd "${top_srcdir:-.}/tests" && pwd)/svg_browser.js
[ -r "$js" ] || fail "no $js"

# open NAME: wrap $tmp/NAME.svg in an XHTML page (parsed as XML, as the
# browser parses a .svg file) that runs svg_browser.js, dump the page once
# its script ran, and leave the script's JSON in $tmp/NAME.result.
open_svg()
{
	{
		echo '<html xmlns="http://www.w3.org/1999/xhtml"><body style="margin:0">'
		sed '1{/^<?xml/d;}' "$tmp/$1.svg"
		echo "<script src=\"file://$js\"></script></body></html>"
	} >"$tmp/$1.xhtml"
	timeout 120 "$browser" --headless --no-sandbox --disable-gpu \
		--no-first-run --user-data-dir="$tmp/profile" \
		--allow-file-access-from-files --virtual-time-budget=5000 \
		--dump-dom "file://$tmp/$1.xhtml" >"$tmp/$1.dom" 2>"$tmp/$1.log" ||
		fail "$browser failed on $1.svg: $(tail -3 "$tmp/$1.log")"
	"$py" - "$tmp/$1.dom" >"$tmp/$1.result" <<'EOF' || fail "no result from the page of $1.svg"
import html, re, sys
s = open(sys.argv[1], encoding="utf-8").read()
m = re.search(r'<pre id="result">(.*?)</pre>', s, re.S)
if m:
    print(html.unescape(m.group(1)))
else:   # the browser stops at a parse error, before the script
    assert "<parsererror" in s, s[-400:]
    print('{"parsererror":true}')
EOF
}

# The browser itself, on a figure it must refuse: the check can fail.
printf 'svg in a browser: a broken figure is seen as broken ... '
printf '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><text>a & b</text></svg>\n' \
	>"$tmp/broken.svg"
open_svg broken
grep -q '"parsererror":true' "$tmp/broken.result" ||
	fail "the browser took a broken figure: $(cat "$tmp/broken.result")"
ok

n=0
while IFS= read -r args; do
	[ -n "$args" ] || continue
	n=$((n + 1))
	printf 'svg in a browser: %s ... ' "$args"
	# shellcheck disable=SC2086 # the line is the options, word by word
	run 0 --format=svg $args
	cp "$tmp/out" "$tmp/f$n.svg"
	open_svg "f$n"
	"$py" - "$tmp/f$n.result" <<'EOF' || fail "figure $n in the browser (above): $args"
import json, sys
r = json.load(open(sys.argv[1]))
assert not r["parsererror"], "the browser could not parse the figure"
assert r["svgs"] == 1, r["svgs"]
assert r["texts"] >= 20 and r["marks"] >= 2, (r["texts"], r["marks"])
def say(b):
    return "%s at x %.0f..%.0f y %.0f..%.0f" % (b["what"], b["x0"], b["x1"],
                                             b["y0"], b["y1"])
bad = ["outside the canvas: " + say(b) for b in r["outside"]]
bad += ["overlap: %s / %s" % (say(a), say(b)) for a, b in r["overlaps"]]
assert not bad, "\n".join(bad[:12])
EOF
	ok
done <<'EOF'
--depth=20 --batch=256
--sweep=width:64..1024*2 --init=he-normal --activation=relu --batch=64
--sweep=width:64,128 --sweep=std:0.01,0.1,1 --init=normal --batch=64
--sweep=depth:2..50*5 --batch=64 --width=64
--sweep=std:0.001..100*10 --init=normal --activation=linear --depth=100 --width=32 --batch=16
--init=normal --std=30 --activation=linear --depth=150 --width=64 --batch=64
--init=zeros --depth=5 --batch=64
--init=constant --activation=relu --depth=8 --width=32 --batch=32
--train-steps=20 --depth=6 --width=64 --batch=64
--residual --norm=batch --depth=12 --batch=64
--norm=batch --batch=8 --depth=30 --width=64
--init=gpt2 --residual --norm=layer --depth=24 --width=128 --batch=32 --train-steps=5
--widths=784,512,256,128,64,32,10 --batch=64
--sweep=std:0,0.01,1 --init=normal --activation=relu --depth=6 --width=32 --batch=16
--sweep=gain:0,1 --depth=6 --width=32 --batch=16
--init=zeros --sweep=width:4..512*2 --depth=6 --batch=16
--init=zeros --sweep=width:4,8,16,32 --sweep=depth:2..32*2 --batch=8
--sweep=std:1,100 --init=normal --activation=linear --depth=200 --width=16 --batch=8
--init=he-uniform --mode=fan_avg --activation=leaky-relu --slope=0.2 --bias=0.1 --bias-std=0.05 --input=positive --residual --norm=layer --res-scale=0.5 --depth=8 --width=64 --batch=32 --train-steps=3
--init=gpt2 --sweep=depth:2,4,8 --sweep=width:32,64 --batch=16
EOF

echo "$passed passed, 0 failed"
