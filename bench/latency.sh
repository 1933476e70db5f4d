#!/bin/sh
# SPDX-License-Identifier: MIT
# Interactive latency: the real initviz in tmux (private server, 120x40,
# LC_ALL=C.UTF-8) with --trace, fed setting-changing keys at the default,
# wide, deep and chaotic configurations; the figures come from the trace
# alone.
#
#   key -> frame   from initviz reading the key to the next frame drawn
#                  (doupdate done): target 50 ms at default
#   key -> result  (default) from reading the key to the frame after the new
#                  computation is done
#   read gap       time between two key reads while the engine computes: a
#                  key typed in that time waits until the next read
#   answer         per key: the read gap it may have waited in (0 when the
#                  view was idle) + key -> frame: target 100 ms at wide and
#                  deep (an upper bound: the key may have arrived later)
#
# Times start when initviz reads the key: what tmux adds to deliver it
# (send-keys, the server, the pty) is not counted.
#
# usage: bench/latency.sh BUILDDIR [SRCDIR] [CONFIG...]
#   CONFIG: default, wide, deep, chaotic (default: all four; chaotic is
#   tanh with weight std 1, lesson 6: the theory's correlation map far from
#   c = 1). BENCH_LATENCY_KEEP=DIR
#   keeps the traces in DIR.
set -u
builddir=${1:-.}
srcdir=${2:-$(dirname "$0")/..}
[ $# -gt 0 ] && shift
[ $# -gt 0 ] && shift
configs=${*:-default wide deep chaotic}
BIN="$builddir/initviz"
TMUX_BIN=${TMUX_BIN:-$(command -v tmux)}
SOCK="ivlat$$"

if [ -z "$TMUX_BIN" ] || ! [ -x "$TMUX_BIN" ]; then
	echo "latency: tmux not found: skipped"
	exit 0
fi
if ! [ -x "$BIN" ]; then
	echo "latency: no binary $BIN" >&2
	exit 1
fi
TMPD=$(mktemp -d) || exit 1
trap 'tm kill-server >/dev/null 2>&1; rm -rf "$TMPD"' EXIT
trap 'exit 1' INT TERM
. "$srcdir/tests/tmux_lib.sh"

# The keys: settings that keep the size at default (each waits for its
# result); settings
# and view toggles (s, c, p) at wide and deep, sent every PAUSES seconds
# whether or not the computation has finished.
KEYS_IDLE="+ - a A i I ] [ r R o O + - a A i I r R"
KEYS_BUSY="+ s - c a p A p i s I c ] [ r R + - a A"
PAUSES="0.13 0.29 0.21 0.37 0.17 0.45 0.25 0.33 0.19 0.41"

dones() {
	n=$(grep -c ' done gen=' "$1" 2>/dev/null)
	echo "${n:-0}"
}

# wait_dones TRACE N SECONDS: until the trace has N "done" lines.
wait_dones() {
	i=0
	while [ "$(dones "$1")" -lt "$2" ]; do
		[ $i -ge $(($3 * 20)) ] && return 1
		sleep 0.05
		i=$((i + 1))
	done
}

# send_keys NAME TRACE MODE KEYS: idle waits for each key's result (60 s at
# most), busy sleeps the next pause.
send_keys() {
	set -- "$1" "$2" "$3" $4
	name=$1 trace=$2 mode=$3
	shift 3
	p=$PAUSES
	for k in "$@"; do
		n=$(dones "$trace")
		tm send-keys -t "$name" -l -- "$k"
		if [ "$mode" = idle ]; then
			wait_dones "$trace" $((n + 1)) 60 || return 1
			sleep 0.1
		else
			[ -n "$p" ] || p=$PAUSES
			sleep "${p%% *}"
			p=${p#* }
			[ "$p" = "${p#* }" ] && p=
		fi
	done
	return 0
}

# The figures of one trace as "METRIC milliseconds" lines.
metrics() {
	awk '
	function ms(x) { return sprintf("%.2f", 1000 * x) }
	{ t = $1; ev = $2 }
	ev == "step" || ev == "compute" { work = 1 }
	ev == "wait" || ev == "poll" || (ev == "key" && $NF != "(script)") {
		gap = work && have ? t - last : 0
		if (work && have) print "GAP", ms(gap)
		if (ev == "key") { key = t; kgap = gap; result = rkey = 0 }
		last = t; have = 1; work = 0
	}
	ev == "frame" && key {
		print "FRAME", ms(t - key)
		print "ANSWER", ms(kgap + t - key)
		rkey = key; key = 0
	}
	ev == "compute" && rkey { result = 1 }
	ev == "done" && result == 1 {
		result = 2; sub("seconds=", "", $4); print "ENGINE", ms($4)
	}
	ev == "frame" && result == 2 { print "RESULT", ms(t - rkey); result = 0 }
	' "$1"
}

# stats METRIC FILE: "median M  p95 P  max X  (n N)", nearest rank.
stats() {
	grep "^$1 " "$2" | cut -d' ' -f2 | sort -g | awk '
	{ v[NR] = $1 }
	END {
		if (!NR) { print "-"; exit }
		m = int((NR + 1) / 2); p = int(0.95 * NR + 0.999)
		printf "median %7.1f  p95 %7.1f  max %7.1f ms  (n %d)\n",
		       v[m], v[p], v[NR], NR
	}'
}

# verdict METRIC FILE TARGET: the max against the target.
verdict() {
	grep "^$1 " "$2" | cut -d' ' -f2 | sort -g | tail -n 1 | awk -v t="$3" '
	{ if ($1 <= t) print "meets " t " ms"; else
	  printf "MISSES %d ms (max %.0f ms, %.1fx)\n", t, $1, $1 / t }'
}

# target_median METRIC FILE TARGET NAME: the target line of `make bench`
# for the median, with the machine's dgemm rate measured just after (the
# default's 29 products alone, bench/bench --phases, best of 3).
target_median() {
	med=$(grep "^$1 " "$2" | cut -d' ' -f2 | sort -g |
		awk '{ v[NR] = $1 } END { if (NR) print v[int((NR + 1) / 2)] }')
	rate=
	if [ -x "$builddir/bench/bench" ]; then
		rate=$("$builddir/bench/bench" --phases 256 10 512 3 | tr ' ' '\n' |
			awk -F= '$1 == "gemm_fwd" || $1 == "gemm_bwd" { t += $2 }
			END { if (t > 0) printf "%.0f", 2 * 512 * 256 * 256 * 29 / t / 1e9 }')
	fi
	echo "$med" | awk -v t="$3" -v n="$4" -v r="${rate:-?}" '{
		printf "%s  %-46s %6.1f ms (target <= %d; dgemm %s GFLOP/s)\n",
		       $1 <= t ? "PASS" : "MISS", n ": key -> complete picture, median",
		       $1, t, r }'
}

run_config() {
	name=$1 args=$2 mode=$3 keys=$4 target=$5
	trace=$TMPD/$name.trace
	start "$name" 120 40 "env LC_ALL=C.UTF-8 $BIN $args --trace=$trace"
	if ! wait_dones "$trace" 1 120 || ! send_keys "$name" "$trace" "$mode" "$keys"; then
		echo "latency: $name: no result in time" >&2
		return 1
	fi
	tm send-keys -t "$name" q
	if ! wait_status "$name" 0; then
		echo "latency: $name: initviz did not quit with status 0" >&2
		return 1
	fi
	m=$TMPD/$name.metrics
	metrics "$trace" >"$m"
	steps=$(grep -c ' stepped ' "$trace")
	echo "latency: $name ($args): $(grep -c ' key ' "$trace") keys, $steps engine steps"
	printf '  key read -> next frame     %s\n' "$(stats FRAME "$m")"
	if [ "$mode" = idle ]; then
		printf '  key read -> result drawn   %s\n' "$(stats RESULT "$m")"
		printf '    of which the engine      %s\n' "$(stats ENGINE "$m")"
		printf '    key -> frame %s; key -> result %s\n' \
			"$(verdict FRAME "$m" "$target")" \
			"$(verdict RESULT "$m" "$target")"
		target_median RESULT "$m" "$target" "$name"
	fi
	printf '  read gap while computing   %s\n' "$(stats GAP "$m")"
	printf '  key answer (gap + frame)   %s\n' "$(stats ANSWER "$m")"
	[ "$mode" = busy ] &&
		printf '    answer %s\n' "$(verdict ANSWER "$m" "$target")"
	[ -n "${BENCH_LATENCY_KEEP:-}" ] && cp "$trace" "$BENCH_LATENCY_KEEP/"
	return 0
}

echo "latency: initviz in tmux $("$TMUX_BIN" -V | cut -d' ' -f2) at 120x40;" \
	"times from initviz reading each key (tmux's delivery not counted);" \
	"load average $(cut -d' ' -f1-3 /proc/loadavg)"
status=0
for c in $configs; do
	case $c in
	default) run_config default "" idle "$KEYS_IDLE" 50 ;;
	wide) run_config wide "-w 4096 -d 4 -b 256" busy "$KEYS_BUSY" 100 ;;
	deep) run_config deep "-w 128 -d 1000 -b 256" busy "$KEYS_BUSY" 100 ;;
	chaotic) run_config chaotic "--init=normal --std=1" busy "$KEYS_BUSY" 100 ;;
	*) echo "latency: unknown configuration $c" >&2; false ;;
	esac || status=1
done
exit $status
