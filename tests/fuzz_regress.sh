#!/bin/sh
# SPDX-License-Identifier: MIT
# Replay the fuzz harnesses' seed corpora and kept inputs (crashes found by
# make fuzz, inputs at the parsers' limits) through the same harnesses built
# without libFuzzer: every invariant must hold, under the sanitizers too in
# an --enable-asan build.
set -u
src=${top_srcdir:-.}/tests/fuzz
build=${top_builddir:-.}/tests/fuzz
failed=0 passed=0
for name in opts lesson keyscript; do
	bin=$build/replay_$name
	[ -x "$bin" ] || { echo "no harness $bin"; exit 99; }
	if "$bin" "$src/corpus/$name" "$src/regress/$name"; then
		passed=$((passed + 1))
		echo "ok - $name"
	else
		failed=$((failed + 1))
		echo "not ok - $name (exit $?)"
	fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
