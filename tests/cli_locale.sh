#!/bin/sh
# SPDX-License-Identifier: MIT
# Numbers in a decimal-comma locale. A teacher in Germany or France runs
# initviz under de_DE.UTF-8 or fr_FR.UTF-8, where printf would write 0,5
# and strtod would stop at the dot: the reports must be the same bytes as
# under C.UTF-8 (a JSON or CSV reader expects dots), --std=0.5 must read as
# one half, and the view must show 0.0625, not 0,0625. The locales are
# built from glibc's sources into a directory of the test's own (LOCPATH),
# so no root is needed; skips (77) where localedef or the sources are
# missing (Debian's package locales has them).
set -u

. "${top_srcdir:-.}/tests/cli_lib.sh"
need_python

command -v localedef >/dev/null 2>&1 || { echo "no localedef: skipped"; exit 77; }
LOCPATH=$tmp/loc
export LOCPATH
mkdir -p "$LOCPATH"
built=""
for l in de_DE fr_FR; do
	localedef -i "$l" -f UTF-8 "$LOCPATH/$l.UTF-8" >/dev/null 2>&1 &&
		built="$built $l.UTF-8"
done
[ -n "$built" ] || { echo "no locale sources for de_DE or fr_FR: skipped"; exit 77; }

# The locale is real: printf in it writes a decimal comma (else this test
# would pass without testing anything).
for loc in $built; do
	[ "$(env LC_ALL=$loc printf '%.1f' 0.5 2>/dev/null)" = "0,5" ] ||
		fail "$loc built but printf does not write 0,5 in it"
done

ARGS="--init=normal --std=0.5 --depth=4 --width=16 --batch=32"
for loc in $built; do
	for fmt in table csv json svg; do
		printf '%s: --format=%s the same bytes as under C.UTF-8 ... ' "$loc" "$fmt"
		LC_ALL=C.UTF-8 "$bin" --report --format=$fmt $ARGS \
			>"$tmp/c.$fmt" 2>"$tmp/err" </dev/null || fail "C.UTF-8 $fmt run"
		LC_ALL=$loc "$bin" --report --format=$fmt $ARGS \
			>"$tmp/out" 2>"$tmp/err" </dev/null || fail "$loc $fmt run"
		cmp -s "$tmp/c.$fmt" "$tmp/out" || fail "$loc $fmt differs from C.UTF-8"
		ok
	done

	printf '%s: the numbers read and written with dots ... ' "$loc"
	"$py" - "$tmp/c.json" <<'EOF' || fail "$loc json (above)"
import json, sys
doc = json.load(open(sys.argv[1]))
assert doc["config"]["std"] == 0.5, doc["config"]
w = doc["layers"][0]["weights"]["std"]
assert 0.4 < w < 0.6, w
EOF
	grep -q 'std 0\.5' "$tmp/c.table" || fail "table does not say std 0.5"
	ok

	printf '%s: --std=0,5 refused with the reason ... ' "$loc"
	LC_ALL=$loc "$bin" --report --std=0,5 >"$tmp/out" 2>"$tmp/err" </dev/null
	rc=$?
	[ "$rc" -eq 2 ] || fail "--std=0,5 under $loc: exit $rc, want 2"
	grep -q -- '--std must be a number' "$tmp/err" || fail "no reason for --std=0,5"
	ok
done

# --- the view ---------------------------------------------------------------
TMUX_BIN=${TMUX_BIN:-tmux}
command -v "$TMUX_BIN" >/dev/null 2>&1 || { echo "$passed passed, 0 failed (no tmux: the view not tried)"; exit 0; }
loc=${built# }
loc=${loc%% *}
sock=ivloc$$
tmx() { SHELL=/bin/sh "$TMUX_BIN" -L "$sock" -f /dev/null "$@"; }
trap 'tmx kill-server 2>/dev/null; rm -rf "$tmp"' EXIT
printf '%s: the view writes 0.0625 ... ' "$loc"
tmx new-session -d -x 120 -y 40 -s v \
	"env LOCPATH=$LOCPATH LC_ALL=$loc TERM=screen-256color $bin --depth 6 --width 256 --batch 64; sleep 30"
i=0
while [ $i -lt 100 ]; do
	tmx capture-pane -p -t v >"$tmp/screen" 2>/dev/null
	grep -q 'computed in' "$tmp/screen" && break
	sleep 0.1
	i=$((i + 1))
done
grep -q 'computed in' "$tmp/screen" || { cp "$tmp/screen" "$tmp/out"; fail "the view did not draw under $loc"; }
grep -q 'σ 0\.0625' "$tmp/screen" || { cp "$tmp/screen" "$tmp/out"; fail "no 'σ 0.0625' under $loc"; }
grep -q '[0-9],[0-9]' "$tmp/screen" && { cp "$tmp/screen" "$tmp/out"; fail "a decimal comma on the screen under $loc"; }
tmx send-keys -t v q
ok

echo "$passed passed, 0 failed"
