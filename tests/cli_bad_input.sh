#!/bin/sh
# SPDX-License-Identifier: MIT
# Bad command lines through the real binary: exit status 2, exactly one line
# on stderr starting with "initviz: " and naming the culprit, nothing on stdout.
set -u

bin=${top_builddir:-.}/initviz
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
passed=0

fail()
{
	echo "FAIL: $*"
	echo "--- stderr:"; cat "$tmp/err"
	echo "--- stdout:"; head -c 2000 "$tmp/out"
	echo "$passed passed, 1 failed"
	exit 1
}

# bad NEEDLE ARG...: the message must contain NEEDLE
bad()
{
	needle=$1
	shift
	printf 'bad input: initviz %s ... ' "$*"
	"$bin" "$@" >"$tmp/out" 2>"$tmp/err" </dev/null
	rc=$?
	[ "$rc" -eq 2 ] || fail "exit status $rc, want 2"
	[ ! -s "$tmp/out" ] || fail "stdout is not empty"
	lines=$(wc -l <"$tmp/err")
	[ "$lines" -eq 1 ] || fail "$lines lines on stderr, want 1"
	[ "$(head -c 9 "$tmp/err")" = "initviz: " ] ||
		fail "stderr does not start with 'initviz: '"
	grep -qF -- "$needle" "$tmp/err" || fail "message lacks '$needle'"
	passed=$((passed + 1))
	echo ok
}

[ -x "$bin" ] || { echo "no binary at $bin"; exit 99; }

bad '--depth must be an integer from 1 to 10000 (got "-3")' --depth=-3
bad --depth --report --depth=abc
bad --depth --report -d 0
bad --width --report --width=65537
bad --batch --report -b 1e400
bad --seed --report --seed=99999999999999999999999
bad --bins --report --bins=10x
bad --std --report --std=nan
bad --gain --report -g inf
bad --value --report --value=
bad --bias-std --report --bias-std=-1
bad --max-memory --report --max-memory=12Q
bad xavier-normal --report --init=xavier
bad leaky-relu --report --activation=swish
bad fan_avg --report --mode=fan
bad positive --report --input=normal
bad json --report --format=xml
bad --widths --report --widths=3,,4
bad --widths --report --widths=5
bad --widths --report --widths=3,4,
bad 'conflicts' --report --widths=3,4 --depth=2
bad '"stray"' --report stray
bad --frobnicate --report --frobnicate
bad --lesson --report --lesson=0
bad --lesson --report --lesson=99
bad --lr --report --lr=0
bad --report --report=yes
bad --depth --report --depth
# valid syntax, but more memory than the machine's default limit allows:
# refused before anything is allocated
bad 'needs' --report --width=65536 --depth=1000
bad 'needs' --report --max-memory=1K

echo "$passed passed, 0 failed"
