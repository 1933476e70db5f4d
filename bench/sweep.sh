#!/bin/sh
# SPDX-License-Identifier: MIT
# A width sweep against its products: `initviz --report --format=json
# --sweep=width:64..2048*2` (6 networks, depth 10, batch 512) against the
# sum over its networks of the 3L - 1 matrix products alone
# (gsl_blas_dgemm on the same shapes, `bench --phases`), and against the
# same 6 reports run one process at a time.
#
#   target: the sweep's wall time within 1.25 x the sum of the products
#
# Beside the products, the machine's floor (bench/floor.c): the draws of
# every network's weights, and the first touch and the release of the
# largest network's arrays (the sweep computes the largest first and each
# smaller network in its pages), each timed alone. No program doing the
# sweep's work with these arrays and numbers takes less than the floor.
# The content's floor adds what the report's statistics and histograms
# must read back from memory (bench/floor.c's reads: each histogram's
# range before its bins); no program writing this report takes less.
#
# Each figure is the best of REPS rounds (default 3). --jobs=1 computes the
# networks one after the other; the default takes the idle processors
# (online less the load average), so on a busy machine it may also be 1.
#
# usage: bench/sweep.sh BUILDDIR [DEPTH BATCH]
set -u
builddir=${1:-.}
depth=${2:-10}
batch=${3:-512}
reps=${REPS:-3}
widths="64 128 256 512 1024 2048"
spec="width:64..2048*2"
BIN="$builddir/initviz"
BENCH="$builddir/bench/bench"
E="env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE"

for p in "$BIN" "$BENCH"; do
	[ -x "$p" ] || { echo "sweep bench: no $p (make bench/bench)" >&2; exit 1; }
done

now() { date +%s.%N; }

# best wall seconds of reps runs of the command
best()
{
	b=
	i=0
	while [ $i -lt "$reps" ]; do
		t0=$(now)
		"$@" >/dev/null 2>&1 || { echo "sweep bench: failed: $*" >&2; exit 1; }
		t1=$(now)
		b=$(awk -v a="$t0" -v z="$t1" -v b="$b" \
			'BEGIN { t = z - a; if (b == "" || t < b) b = t; printf "%.4f", b }')
		i=$((i + 1))
	done
	echo "$b"
}

echo "sweep bench: $spec, depth $depth, batch $batch, best of $reps;" \
	"load average $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) processors"
printf '%6s %10s %10s %10s %10s\n' width products floor engine report
prod_sum=0
floor_sum=0
pages_max=0
alone_sum=0
reads_sum=0
for w in $widths; do
	line=$($E "$BENCH" --phases "$w" "$depth" "$batch" "$reps") ||
		{ echo "sweep bench: bench --phases $w failed" >&2; exit 1; }
	prod=$(echo "$line" | tr ' ' '\n' | awk -F= '
		$1 == "gemm_fwd" || $1 == "gemm_bwd" { s += $2 } END { printf "%.4f", s }')
	floor=$(echo "$line" | tr ' ' '\n' | awk -F= '
		$1 == "gemm_fwd" || $1 == "gemm_bwd" || $1 == "draws" { s += $2 }
		END { printf "%.4f", s }')
	reads=$(echo "$line" | tr ' ' '\n' | awk -F= '
		$1 == "reads" { s += $2 } END { printf "%.4f", s }')
	pages=$(echo "$line" | tr ' ' '\n' | awk -F= '
		$1 == "touch" || $1 == "release" { s += $2 }
		END { printf "%.4f", s }')
	eng=$(echo "$line" | tr ' ' '\n' | awk -F= '
		$1 == "fwd" || $1 == "bwd" { s += $2 } END { printf "%.4f", s }')
	alone=$(best $E "$BIN" --report --format=json --width="$w" \
		--depth="$depth" --batch="$batch")
	printf '%6s %10s %10s %10s %10s\n' "$w" "$prod" "$floor" "$eng" "$alone"
	prod_sum=$(awk -v a="$prod_sum" -v b="$prod" 'BEGIN { printf "%.4f", a + b }')
	floor_sum=$(awk -v a="$floor_sum" -v b="$floor" 'BEGIN { printf "%.4f", a + b }')
	pages_max=$(awk -v a="$pages_max" -v b="$pages" 'BEGIN { printf "%.4f", (b > a ? b : a) }')
	alone_sum=$(awk -v a="$alone_sum" -v b="$alone" 'BEGIN { printf "%.4f", a + b }')
	reads_sum=$(awk -v a="$reads_sum" -v b="$reads" 'BEGIN { printf "%.4f", a + b }')
done
printf '%6s %10s %10s %10s %10s\n' sum "$prod_sum" "$floor_sum" "" "$alone_sum"
floor_sum=$(awk -v a="$floor_sum" -v b="$pages_max" 'BEGIN { printf "%.4f", a + b }')
echo "(products: the 3L - 1 dgemm calls alone; floor: the products and the" \
	"weights' draws, each alone; engine: iv_net_step forward and backward in" \
	"process; report: a whole initviz --report process)"
floor_ratio=$(awk -v f="$floor_sum" -v p="$prod_sum" 'BEGIN { printf "%.2f", f / p }')
echo "the machine's floor: $floor_sum s = $floor_ratio x the products, with" \
	"the first touch and release of the largest network's arrays ($pages_max s)" \
	"($(awk -v r="$floor_ratio" 'BEGIN { print (r > 1.25 ? "1.25 is beyond this machine" : "1.25 is within its reach") }'))"
content=$(awk -v a="$floor_sum" -v b="$reads_sum" 'BEGIN { printf "%.4f", a + b }')
content_ratio=$(awk -v f="$content" -v p="$prod_sum" 'BEGIN { printf "%.2f", f / p }')
echo "the content's floor: $content s = $content_ratio x the products, with" \
	"the reads the statistics and histograms need ($reads_sum s)" \
	"($(awk -v r="$content_ratio" 'BEGIN { print (r > 1.25 ? "1.25 is beyond any program writing this report here" : "1.25 is within its reach") }'))"
echo
for jobs in 1 2 0; do
	t=$(best $E "$BIN" --report --format=json --sweep="$spec" \
		--depth="$depth" --batch="$batch" --jobs=$jobs)
	ratio=$(awk -v t="$t" -v p="$prod_sum" 'BEGIN { printf "%.2f", t / p }')
	verdict=$(awk -v r="$ratio" 'BEGIN { print (r <= 1.25 ? "met" : "missed") }')
	over=$(awk -v t="$t" -v f="$floor_sum" 'BEGIN { printf "%.2f", t / f }')
	over_c=$(awk -v t="$t" -v f="$content" 'BEGIN { printf "%.2f", t / f }')
	echo "sweep --jobs=$jobs: $t s = ${ratio} x the products" \
		"(target 1.25: $verdict), $over x the floor, $over_c x the content's floor;" \
		"6 separate reports: $alone_sum s"
done
echo "sweep bench: load average at the end $(cut -d' ' -f1-3 /proc/loadavg)"
