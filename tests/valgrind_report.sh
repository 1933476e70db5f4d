#!/bin/sh
# SPDX-License-Identifier: MIT
# valgrind memcheck on the report path: `initviz --report` in several
# configurations (table, JSON, CSV, NaN everywhere, training, a lesson, a
# bad lesson file, a bad option, sweeps, figures) must run with no memory error and no
# definite or indirect leak. Skips (77) without valgrind or in a sanitizer
# build (valgrind and AddressSanitizer do not mix).
set -u

bin=${top_builddir:-.}/initviz
[ -x "$bin" ] || { echo "no binary at $bin"; exit 99; }
command -v valgrind >/dev/null 2>&1 || { echo "valgrind not found: skipped"; exit 77; }
if grep -q __asan_init "$bin"; then
	echo "built with AddressSanitizer: skipped"
	exit 77
fi
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
# one BLAS thread: fewer false reports and a faster run under valgrind
export OPENBLAS_NUM_THREADS=1
passed=0 failed=0

# vg NAME WANT_STATUS NEEDLE ARG...: memcheck initviz ARG...; the exit status
# must be WANT_STATUS, stdout must contain NEEDLE (a fixed string, or "" for
# none) and valgrind must report 0 errors (leaks count as errors). Its
# error exit code is 100, apart from initviz's own 1 (--check) and 2.
vg()
{
	name=$1 want=$2 needle=$3
	shift 3
	valgrind --error-exitcode=100 --leak-check=full \
		--errors-for-leak-kinds=definite,indirect --log-file="$tmp/vg" \
		"$bin" "$@" >"$tmp/out" 2>"$tmp/err" </dev/null
	rc=$?
	why=
	grep -q 'ERROR SUMMARY: 0 errors' "$tmp/vg" || why="memcheck errors"
	# nothing left at all: not even reachable blocks (a network freed on
	# a thread that is still at work when the process ends)
	grep -q 'in use at exit: 0 bytes in 0 blocks' "$tmp/vg" ||
		why="${why:+$why, }memory in use at exit"
	[ "$rc" -eq "$want" ] || why="${why:+$why, }exit status $rc, want $want"
	if [ -n "$needle" ] && ! grep -qF -- "$needle" "$tmp/out"; then
		why="${why:+$why, }output lacks $needle"
	fi
	if [ -z "$why" ]; then
		passed=$((passed + 1))
		echo "ok - $name"
	else
		failed=$((failed + 1))
		echo "not ok - $name: $why"
		echo "--- valgrind:"; cat "$tmp/vg"
		echo "--- stderr:"; head -n 20 "$tmp/err"
	fi
}

small="--depth=4 --width=32 --batch=16"
vg "table" 0 "mean field" --report $small
vg "json" 0 '"layers"' --report --format=json --bins=7 $small
vg "csv" 0 "layer,fan_in" --report --format=csv --widths=5,9,3 --batch=8
# std 1e6 through 60 linear layers: Inf, then Inf - Inf = NaN
vg "nan" 0 '"nan": 32' --report --format=json --init=normal --std=1e6 \
	--activation=linear --depth=60 --width=8 --batch=4
vg "train-steps" 0 '"training"' --report --format=json --train-steps=5 \
	--depth=3 --width=16 --batch=8
vg "lesson" 0 "mean field" --report --lesson=1 --batch=64
# a network of more than 64 MiB (one 2900 x 2900 layer, little work): the
# view frees such networks on a thread of its own; the report must not
vg "large network" 0 '"layers"' --report --format=json --widths=2900,2900 \
	--batch=1
printf '[lesson]\ntitle = t\ndepth = 0\n' >"$tmp/bad.lessons"
vg "bad lesson file" 0 "mean field" --report --lessons="$tmp/bad.lessons" $small
vg "bad option" 2 "" --report --depth=0
# sweeps: two jobs side by side, reused networks, the spool file, the
# width slopes and --check; the figure
vg "sweep" 1 '"width_scaling"' --format=json --check --jobs=2 \
	--sweep=width:8,16,32 --sweep=depth:3,2 --init=normal --std=0.3 \
	--activation=relu --batch=8 --train-steps=2
vg "sweep csv" 0 "sweep.depth" --format=csv --sweep=depth:1..3+1 $small
vg "svg" 0 "</svg>" --format=svg $small
vg "sweep svg" 0 "</svg>" --format=svg --sweep=width:8,16 $small
vg "bad sweep" 2 "" --sweep=width:16..8*2

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
