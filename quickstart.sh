#!/bin/sh
# SPDX-License-Identifier: MIT
# Quick start on Debian/Ubuntu: install what is missing, build, then either
# start initviz (default) or run the whole test suite.
#   sh quickstart.sh [initviz options]    build and start initviz
#   sh quickstart.sh check                build and run `make check`
set -e
cd "$(dirname "$0")"

PKGS="build-essential autoconf automake pkg-config libgsl-dev libncurses-dev
libopenblas-dev check tmux python3 groff-base locales"

missing=""
for p in $PKGS; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" ||
		missing="$missing $p"
done
if [ -n "$missing" ]; then
	echo "quickstart: installing$missing"
	if [ "$(id -u)" = 0 ]; then
		SUDO=""
	elif command -v sudo >/dev/null 2>&1; then
		SUDO="sudo"
	else
		echo "quickstart: need root or sudo to install:$missing" >&2
		exit 2
	fi
	$SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq
	# shellcheck disable=SC2086
	$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing
fi

[ -x configure ] || autoreconf -fi
[ -f Makefile ] || ./configure
make -j"$(nproc 2>/dev/null || echo 2)"

if [ "${1:-}" = check ]; then
	exec make -j"$(nproc 2>/dev/null || echo 2)" check
fi
exec ./initviz "$@"
