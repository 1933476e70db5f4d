#!/bin/sh
# SPDX-License-Identifier: MIT
# The memory limit holds for every init scheme: the real binary's peak
# resident set, measured by tests/peak_rss, grows over a tiny run's by no
# more than the estimate of "needs ..." (plus the BLAS library's own
# buffers), at shapes where drawing the weights needs the most scratch
# (orthogonal's QR); a configuration over --max-memory is refused at once.
set -u

bin=${top_builddir:-.}/initviz
peak=${top_builddir:-.}/tests/peak_rss
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
passed=0
failed=0
# one BLAS thread: one BLAS buffer, whose touched part is the slack below
OPENBLAS_NUM_THREADS=1
export OPENBLAS_NUM_THREADS
SLACK_KIB=2048 # BLAS packing buffers, stack, library pages (KiB)

[ -x "$bin" ] || { echo "no binary at $bin"; exit 99; }
[ -x "$peak" ] || { echo "no helper at $peak"; exit 99; }
# AddressSanitizer's shadow memory and quarantine swamp the resident set:
# there, only the exit statuses are checked
sizes=yes
if grep -q __asan_init "$bin"; then
	echo "built with AddressSanitizer: resident sizes not compared"
	sizes=no
fi

ok() { passed=$((passed + 1)); echo "ok - $1"; }
not_ok() { failed=$((failed + 1)); echo "not ok - $*"; }

# estimate ARG...: the bytes "needs N UNIT" reports under a 1-byte limit
estimate()
{
	"$bin" --report --max-memory=1 "$@" 2>&1 >/dev/null |
		sed -n 's/.* needs \([0-9.]*\) \([A-Za-z]*\),.*/\1 \2/p' |
		awk '{ m = 1; if ($2 == "KiB") m = 1024; if ($2 == "MiB")
		       m = 1048576; if ($2 == "GiB") m = 1073741824;
		       printf "%.0f\n", $1 * m }'
}

# rss ARG...: a report run; its peak RSS in KiB in $kib, status in $rc
rss()
{
	rm -f "$tmp/kib"
	"$peak" "$tmp/kib" "$bin" --report --format=csv "$@" >/dev/null \
		2>"$tmp/err"
	rc=$?
	kib=$(cat "$tmp/kib" 2>/dev/null || echo 0)
}

schemes=$("$bin" --report --init=? 2>&1 |
	sed -n 's/.*must be one of \(.*\) (aliases.*/\1/p' | tr -d ',')
[ -n "$schemes" ] || { echo "cannot read the list of schemes"; exit 1; }

for s in $schemes; do
	rss --widths=1,1 --batch=1 --init="$s"
	base=$kib
	for w in 1,4000,1 1000,1000 200,2500 2500,200; do
		est=$(estimate --widths="$w" --batch=1 --init="$s")
		rss --widths="$w" --batch=1 --init="$s"
		grown=$((kib - base))
		allow=$(awk "BEGIN { printf \"%.0f\", $est / 1024 * 1.05 + \
			$SLACK_KIB }")
		low=$(awk "BEGIN { printf \"%.0f\", $est / 1024 * 0.5 }")
		desc="$s $w: grew $grown KiB, estimate $((est / 1024)) KiB"
		if [ "$rc" -ne 0 ] || [ -z "$est" ]; then
			not_ok "$desc: exit $rc, $(head -c 200 "$tmp/err")"
		elif [ "$sizes" = no ]; then
			ok "$s $w: exit 0"
		elif [ "$grown" -gt "$allow" ]; then
			not_ok "$desc: over the estimate"
		elif [ "$est" -gt 8388608 ] && [ "$grown" -lt "$low" ]; then
			not_ok "$desc: under half the estimate"
		else
			ok "$desc"
		fi
	done
done

# orthogonal's scratch counts: the square layer that he-normal draws in
# 20 MiB does not fit orthogonally, and is refused before any work
for s in he-normal orthogonal; do
	rss --widths=1000,1000 --batch=1 --init="$s" --max-memory=20M
	grown=$((kib - base))
	[ "$sizes" = yes ] || grown=0
	if [ "$s" = he-normal ] && [ "$rc" -eq 0 ] &&
		[ "$grown" -le $((20480 + SLACK_KIB)) ]; then
		ok "$s 1000x1000 fits in 20 MiB (grew $grown KiB)"
	elif [ "$s" = orthogonal ] && [ "$rc" -eq 2 ] &&
		grep -q "over the memory limit of 20.0 MiB" "$tmp/err" &&
		[ "$grown" -le 1024 ]; then
		ok "$s 1000x1000 refused under 20 MiB (grew $grown KiB)"
	else
		not_ok "$s 1000x1000 --max-memory=20M: exit $rc, grew $grown" \
			"KiB: $(head -c 200 "$tmp/err")"
	fi
done

# a long thin orthogonal layer (3.1 GB of scratch with the full Q) runs
# in a few MiB under a 10 MiB limit, at once
start=$(date +%s)
rss --widths=1,20000,1 --batch=1 --init=orthogonal --max-memory=10M
secs=$(($(date +%s) - start))
grown=$((kib - base))
[ "$sizes" = yes ] || grown=0
if [ "$rc" -eq 0 ] && [ "$grown" -le 10240 ] && [ "$secs" -le 5 ]; then
	ok "orthogonal 1,20000,1 under 10 MiB: grew $grown KiB in ${secs}s"
else
	not_ok "orthogonal 1,20000,1 under 10 MiB: exit $rc, grew $grown KiB" \
		"in ${secs}s: $(head -c 200 "$tmp/err")"
fi

# the architecture's own buffers (a block's branch input, dz beside g, the
# normalizations' statistics): what they add to the estimate is what they
# add to the resident set, within 5% and 1 MiB
shape="--width=600 --depth=4 --batch=2000"
# shellcheck disable=SC2086
est0=$(estimate $shape)
# shellcheck disable=SC2086
rss $shape
rss0=$kib
for a in "--residual" "--residual --norm=batch" "--residual --norm=layer" \
	"--norm=batch"; do
	# shellcheck disable=SC2086
	est=$(estimate $shape $a)
	# shellcheck disable=SC2086
	rss $shape $a
	add_est=$(((est - est0) / 1024))
	add_rss=$((kib - rss0))
	desc="$a: estimate adds $add_est KiB, resident set $add_rss KiB"
	if [ "$rc" -ne 0 ] || [ -z "$est" ]; then
		not_ok "$a: exit $rc, $(head -c 200 "$tmp/err")"
	elif [ "$sizes" = no ]; then
		ok "$a: exit 0"
	elif [ "$add_rss" -gt $((add_est * 105 / 100 + 1024)) ] ||
		[ "$add_rss" -lt $((add_est * 90 / 100 - 1024)) ]; then
		not_ok "$desc"
	else
		ok "$desc"
	fi
done

# training's buffers count too: the estimate's increase with --train-steps
# covers the resident set's increase, and a limit that fits the network
# but not its training refuses the run at once
shape="--widths=4,1000,1000,4 --batch=2048"
# shellcheck disable=SC2086
alone=$(estimate $shape)
# shellcheck disable=SC2086
need=$(estimate $shape --train-steps=2)
# shellcheck disable=SC2086
rss $shape
without=$kib
# shellcheck disable=SC2086
rss $shape --train-steps=2
grown=$((kib - without))
[ "$sizes" = yes ] || grown=0
more=$(((${need:-0} - ${alone:-0}) / 1024))
if [ -n "$alone" ] && [ -n "$need" ] && [ "$more" -gt 0 ] &&
	[ "$rc" -eq 0 ] && [ "$grown" -le $((more + SLACK_KIB)) ]; then
	ok "training 1000x1000 grew $grown KiB more, estimate $more KiB more"
else
	not_ok "training 1000x1000: exit $rc, grew $grown KiB more, estimate $more KiB more"
fi
limit=$(((alone + need) / 2))
# shellcheck disable=SC2086
rss $shape --train-steps=2 --max-memory=$limit
grown=$((kib - base))
[ "$sizes" = yes ] || grown=0
if [ "$rc" -eq 2 ] && grep -q "over the memory limit" "$tmp/err" &&
	[ "$grown" -le 1024 ]; then
	ok "training over the limit refused at once (grew $grown KiB)"
else
	not_ok "training under --max-memory=$limit: exit $rc, grew $grown KiB"
fi
# shellcheck disable=SC2086
rss $shape --max-memory=$limit
if [ "$rc" -eq 0 ]; then
	ok "the same network without training fits the same limit"
else
	not_ok "without training under --max-memory=$limit: exit $rc"
fi

# a table or CSV prints no histogram and asks no memory for one: 10000
# layers of 10000 bins each (8.9 GiB of histograms) fit in 64 MiB as CSV
# or a table, and are refused at once as JSON, which prints them
hist="--depth=10000 --width=1 --batch=1 --bins=10000 --max-memory=64M"
for f in csv table; do
	# shellcheck disable=SC2086
	rss $hist --format=$f
	grown=$((kib - base))
	[ "$sizes" = yes ] || grown=0
	if [ "$rc" -eq 0 ] && [ "$grown" -le 65536 ]; then
		ok "$f of 10000 layers of 10000 bins in 64 MiB (grew $grown KiB)"
	else
		not_ok "$f of 10000 layers of 10000 bins: exit $rc, grew" \
			"$grown KiB: $(head -c 200 "$tmp/err")"
	fi
done
# shellcheck disable=SC2086
rss $hist --format=json
if [ "$rc" -eq 2 ] && grep -q "needs 8.9 GiB, over the memory limit" "$tmp/err"; then
	ok "json of 10000 layers of 10000 bins refused: needs 8.9 GiB"
else
	not_ok "json of 10000 layers of 10000 bins: exit $rc, $(head -c 200 "$tmp/err")"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
