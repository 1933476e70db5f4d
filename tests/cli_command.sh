#!/bin/sh
# SPDX-License-Identifier: MIT
# The reproducing command line: --report's "command" and the first line of
# a screen saved with S. Round trip: the command, run again with --report
# --format=json, gives the same configuration and the same numbers.
set -u

. "${top_srcdir:-.}/tests/cli_lib.sh"
need_python

# rerun CMD OUT: CMD (starting with "initviz") with this binary, its
# output to OUT
rerun()
{
	case $1 in
	initviz|"initviz "*) ;;
	*) fail "the command does not start with initviz: $1" ;;
	esac
	eval "\"\$bin\"${1#initviz}" >"$2" 2>"$tmp/err" ||
		fail "the command failed: $1: $(cat "$tmp/err")"
}

# same A B: two JSON reports agree in everything but the command
same()
{
	"$py" - "$1" "$2" <<'EOF' || fail "reports differ: $1 $2"
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
for r in (a, b):
    r.pop("command", None)
if a != b:
    for k in a:
        if a.get(k) != b.get(k):
            print("differs:", k, str(a.get(k))[:300], str(b.get(k))[:300])
    sys.exit(1)
EOF
}

# 1. --report --format=json: "command" reproduces the report
i=0
while read -r args; do
	i=$((i + 1))
	# shellcheck disable=SC2086
	"$bin" --report --format=json $args >"$tmp/a$i.json" 2>"$tmp/err" ||
		fail "initviz --report --format=json $args: $(cat "$tmp/err")"
	cmd=$("$py" -c 'import json,sys; print(json.load(open(sys.argv[1]))["command"])' \
		"$tmp/a$i.json") || fail "no command in the JSON of $args"
	rerun "$cmd" "$tmp/b$i.json"
	same "$tmp/a$i.json" "$tmp/b$i.json"
	ok "$args -> $cmd"
done <<'EOF'

--init=he-normal --activation=relu --depth=4 --width=32 --batch=64
--init=orthogonal --gain=1.5 --bias=0.1 --widths=8,6,4 --seed=7 --batch=32
--init=constant --input=positive --depth=3 --width=16 --bins=12
--lesson=2 --seed=3 --batch=64
--lesson=13 --train-steps=20 --batch=64
--lesson=4 --input=gaussian --lr=0.025 --train-steps=10 --depth=3
--init=normal --std=0.0123456789 --activation=leaky-relu --slope=0.2 --depth=3 --width=8 --random-readout --train-steps=3
EOF

# the table prints it in its header, with --report
"$bin" --report --lesson=5 --seed=2 >"$tmp/t" 2>&1 || fail "table"
grep -qx 'command: initviz --lesson=5 --report --seed=2' "$tmp/t" ||
	fail "table header: $(head -5 "$tmp/t")"
ok "table header"

# a lesson file's path goes in quoted for the shell
printf '[lesson]\ntitle = Mine\ntext = x\ndepth = 2\nwidth = 8\n' \
	>"$tmp/my 'own'.lessons"
"$bin" --report --format=json --lessons="$tmp/my 'own'.lessons" --lesson=14 \
	--batch=16 >"$tmp/f1.json" 2>"$tmp/err" || fail "lesson file: $(cat "$tmp/err")"
cmd=$("$py" -c 'import json,sys; print(json.load(open(sys.argv[1]))["command"])' \
	"$tmp/f1.json")
rerun "$cmd" "$tmp/f2.json"
same "$tmp/f1.json" "$tmp/f2.json"
ok "lesson file: $cmd"

# a command past 4096 characters is written whole: a --widths list of 1001
# sizes, then the options after it (the table's lines paste into a shell)
w=$("$py" -c "print(','.join(['10000', '10'] * 500 + ['10000']))")
"$bin" --format=json --widths="$w" --batch=2 --bins=1 >"$tmp/l1.json" \
	2>"$tmp/err" || fail "long widths: $(cat "$tmp/err")"
cmd=$("$py" -c 'import json,sys; print(json.load(open(sys.argv[1]))["command"])' \
	"$tmp/l1.json")
[ ${#cmd} -gt 4096 ] || fail "want a command over 4096 characters: ${#cmd}"
rerun "$cmd" "$tmp/l2.json"
cmp -s "$tmp/l1.json" "$tmp/l2.json" || fail "long widths: JSON differs"
"$bin" --report --widths="$w" --batch=2 --bins=1 >"$tmp/l1.txt" \
	2>"$tmp/err" || fail "long widths table: $(cat "$tmp/err")"
sed -n '/^command: /,/[^\\]$/p' "$tmp/l1.txt" | sed '1s/^command: //' \
	>"$tmp/l.sh"
tail -c 30 "$tmp/l.sh" | grep -q -- '--bins=1$' ||
	fail "the table's command lacks its end: $(tail -c 80 "$tmp/l.sh")"
bindir=$(cd "$(dirname "$bin")" && pwd)
(cd "$tmp" && PATH="$bindir:$PATH" sh ./l.sh >"$tmp/l2.txt") ||
	fail "the table's command failed"
cmp -s "$tmp/l1.txt" "$tmp/l2.txt" || fail "long widths: table differs"
ok "a command of ${#cmd} characters"

# 2. S in the view: the saved file's first line reproduces the view's
# settings, after lessons, settings keys, a rate key and training steps
cat >"$tmp/keys" <<'EOF'
Wait . Wait d r W Wait < t t t Wait S Wait q
EOF
mkdir "$tmp/save"
INITVIZ_SAVE_DIR="$tmp/save" INITVIZ_LINES=30 INITVIZ_COLS=100 \
	"$bin" --lesson=1 --keys="$tmp/keys" </dev/null >/dev/null 2>"$tmp/err" ||
	fail "the view: $(cat "$tmp/err")"
set -- "$tmp"/save/initviz-screen-*.txt
[ -f "$1" ] || fail "S saved nothing"
saved=$1
cmd=$(head -1 "$saved")
# lesson 2, one deeper, seed 2, half the width, the rate halved, 3 steps
want='initviz --lesson=2 --depth=6 --width=32 --seed=2 --train-steps=3 --lr=0.01'
[ "$cmd" = "$want" ] || fail "saved command: \"$cmd\", want \"$want\""
sed -n 2p "$saved" | grep -qE '^initviz [0-9.]+, [0-9]{4}-[0-9]{2}-[0-9]{2} [0-9:]{8}$' ||
	fail "second line: $(sed -n 2p "$saved")"
[ -z "$(sed -n 3p "$saved")" ] || fail "no blank line after the header"
sed -n 4p "$saved" | grep -q 'lesson 2/' || fail "no screen: $(sed -n 4p "$saved")"
grep -q 'Quit' "$saved" && fail "the key bar was saved"
ok "S: $cmd"
rerun "$cmd --report --format=json" "$tmp/v1.json"
"$bin" --report --format=json --init=constant --value=0.05 --depth=6 \
	--width=32 --seed=2 --train-steps=3 --lr=0.01 >"$tmp/v2.json" ||
	fail "the settings spelled out"
same "$tmp/v1.json" "$tmp/v2.json"
ok "the saved command gives the view's settings and numbers"

# a saved command past 4096 characters is whole: a lesson file's path of
# quotes, each written '\'' for the shell (4 characters a quote)
q=$("$py" -c "print(\"'\" * 250)")
long="$tmp/$q/$q/$q/$q/$q"
mkdir -p "$long" || fail "mkdir of a path of quotes"
printf '[lesson]\ntitle = Quoted\ntext = x\ndepth = 2\nwidth = 8\nbatch = 8\n' \
	>"$long/q.lessons"
"$bin" --report --format=json --lessons="$long/q.lessons" --lesson=17 \
	>"$tmp/q1.json" 2>"$tmp/err" || fail "quoted path: $(cat "$tmp/err")"
want=$("$py" -c 'import json,sys; print(json.load(open(sys.argv[1]))["command"])' \
	"$tmp/q1.json")
[ ${#want} -gt 4096 ] || fail "want a command over 4096 characters: ${#want}"
rm -rf "$tmp/save" && mkdir "$tmp/save"
echo 'Wait S Wait q' >"$tmp/keys"
INITVIZ_SAVE_DIR="$tmp/save" "$bin" --lessons="$long/q.lessons" --lesson=17 \
	--keys="$tmp/keys" </dev/null >/dev/null 2>"$tmp/err" ||
	fail "the view: $(cat "$tmp/err")"
set -- "$tmp"/save/initviz-screen-*.txt
[ -f "$1" ] || fail "S saved nothing"
cmd=$(head -1 "$1")
[ "$cmd --format=json" = "$want" ] ||
	fail "saved command of ${#cmd} characters, want ${#want} less --format=json"
rerun "$cmd --format=json" "$tmp/q2.json"
same "$tmp/q1.json" "$tmp/q2.json"
ok "S: a command of ${#cmd} characters"

echo "$passed passed"
