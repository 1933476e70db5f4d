#!/bin/sh
# SPDX-License-Identifier: MIT
# make fuzz: run each libFuzzer harness for a bounded time, then write a
# summary of executions, coverage and findings (tests/fuzz/out/summary.txt).
#   run.sh SECONDS SRCDIR BUILDDIR NAME...
# SRCDIR holds corpus/NAME and regress/NAME (seeds, read only) and NAME.dict;
# BUILDDIR holds the harnesses fuzz_NAME and gets out/NAME/{corpus,log} and
# any crash-*, leak-*, timeout-*, oom-* input. Extra libFuzzer flags:
# $FUZZ_FLAGS (e.g. -max_len=16384).
# Exit 1 when any harness found something.
set -u
secs=$1 src=$2 build=$3
shift 3
out=$build/out
mkdir -p "$out" || exit 2
summary=$out/summary.txt
: >"$summary"
found=0

# stat::NAME: N from libFuzzer's final statistics in a log
stat() { sed -n "s/^stat::$1: *//p" "$2" | tail -n 1; }

for name in "$@"; do
	bin=$build/fuzz_$name dir=$out/$name
	mkdir -p "$dir/corpus"
	rm -f "$dir"/crash-* "$dir"/leak-* "$dir"/timeout-* "$dir"/oom-*
	dict=
	[ -f "$src/$name.dict" ] && dict=-dict=$src/$name.dict
	echo "fuzz: $name for $secs s (log: $dir/log)"
	start=$(date +%s)
	# shellcheck disable=SC2086
	"$bin" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
		-print_final_stats=1 -artifact_prefix="$dir/" $dict \
		${FUZZ_FLAGS:-} "$dir/corpus" "$src/corpus/$name" \
		"$src/regress/$name" \
		>"$dir/log" 2>&1
	rc=$?
	took=$(($(date +%s) - start))
	runs=$(stat number_of_executed_units "$dir/log")
	speed=$(stat average_exec_per_sec "$dir/log")
	rss=$(stat peak_rss_mb "$dir/log")
	cov=$(grep -Eo 'cov: [0-9]+ ft: [0-9]+ corp: [0-9]+' "$dir/log" | tail -n 1)
	findings=$(find "$dir" -maxdepth 1 -type f \( -name 'crash-*' -o \
		-name 'leak-*' -o -name 'timeout-*' -o -name 'oom-*' \) | sort)
	n=$(printf '%s' "$findings" | grep -c . || true)
	[ "$rc" -ne 0 ] && [ "$n" -eq 0 ] && n=1 findings="(exit $rc, see the log)"
	printf '%s: %s runs in %s s (%s/s), %s, peak RSS %s MB, %s finding(s)\n' \
		"$name" "${runs:-?}" "$took" "${speed:-?}" "${cov:-cov: ?}" \
		"${rss:-?}" "$n" | tee -a "$summary"
	if [ "$n" -gt 0 ]; then
		found=1
		printf '%s\n' "$findings" | sed 's/^/    /' | tee -a "$summary"
		grep -m 1 -E 'ERROR: |invariant broken|runtime error' "$dir/log" |
			sed 's/^/    /' | tee -a "$summary"
	fi
done
if [ "$found" -ne 0 ]; then
	echo "fuzz: findings above; reproduce with $build/fuzz_NAME FILE, then"
	echo "      keep the input in tests/fuzz/regress/NAME/ (make check replays it)"
fi
exit "$found"
