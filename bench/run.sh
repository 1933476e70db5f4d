#!/bin/sh
# SPDX-License-Identifier: MIT
# Run the whole benchmark: engine phases, initviz and NumPy processes, scaling.
# usage: bench/run.sh BUILDDIR SRCDIR [PYTHON3] [bench options...]
# OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE are unset for this run alone (both
# initviz and NumPy then use the kernel OpenBLAS picks for this processor);
# BENCH_KEEP_OPENBLAS_ENV=1 keeps them.
set -e
builddir=${1:?builddir}
srcdir=${2:?srcdir}
py=${3:-python3}
shift 2
[ $# -gt 0 ] && shift

# The python3 with numpy: the configured one, else Debian's.
numpy_py=
for p in "$py" /usr/bin/python3; do
	p=$(command -v "$p" 2>/dev/null) || continue
	if "$p" -c 'import numpy' 2>/dev/null; then
		numpy_py=$p
		break
	fi
done
set -- --initviz "$builddir/initviz" "$@"
if [ -n "$numpy_py" ]; then
	set -- --python "$numpy_py" --numpy-ref "$srcdir/bench/numpy_ref.py" "$@"
else
	echo "bench: no python3 with numpy found; NumPy columns stay empty" >&2
fi

unset_env="-u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE" what="unset for this run"
if [ -n "$BENCH_KEEP_OPENBLAS_ENV" ]; then
	unset_env= what=kept
fi
echo "bench: OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE-(unset)}" \
	"OPENBLAS_L2_SIZE=${OPENBLAS_L2_SIZE-(unset)} in the environment: $what;" \
	"load average $(cut -d' ' -f1-3 /proc/loadavg)"
env $unset_env "$builddir/bench/bench" "$@"
echo "bench: load average at the end $(cut -d' ' -f1-3 /proc/loadavg)"
