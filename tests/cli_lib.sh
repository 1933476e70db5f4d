# SPDX-License-Identifier: MIT
# Shared by the shell tests of the command line: the binary in $bin, a
# temporary directory $tmp (gone on exit), python3 in $py; the first
# failure ends the test with what initviz wrote.

bin=${top_builddir:-.}/initviz
py=${PYTHON3:-python3}
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
passed=0
[ -x "$bin" ] || { echo "no binary at $bin"; exit 99; }

# need_python: skip (77) without python3.
need_python()
{
	command -v "$py" >/dev/null 2>&1 || { echo "no python3: skipped"; exit 77; }
}

# fail WHY...: report the failure with the last run's stderr and the start
# of its stdout, then exit 1.
fail()
{
	echo "FAIL: $*"
	[ -s "$tmp/err" ] && { echo "--- stderr:"; head -20 "$tmp/err"; }
	[ -s "$tmp/out" ] && { echo "--- stdout:"; head -c 2000 "$tmp/out"; }
	echo "$passed passed, 1 failed"
	exit 1
}

# ok [WHAT]: one more passed
ok() { passed=$((passed + 1)); echo "ok${1:+: $*}"; }

# run WANT_RC ARG...: initviz ARG... without a terminal, stdout to $tmp/out,
# stderr to $tmp/err; fails unless the exit status is WANT_RC.
run()
{
	want=$1
	shift
	"$bin" "$@" >"$tmp/out" 2>"$tmp/err" </dev/null
	rc=$?
	[ "$rc" -eq "$want" ] || fail "initviz $*: exit status $rc, want $want"
}
