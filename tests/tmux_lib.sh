# SPDX-License-Identifier: MIT
# Shared by the shell tests of the view: a private tmux server, polling for
# screen text and exit statuses (no fixed sleeps), ok / not ok counting.
# Needs BIN, the initviz to test; tmux_begin NAME sets SOCK and TMPD (a
# script that starts no tmux sets TMPD itself, bench/latency.sh all three).

TMUX_BIN=${TMUX_BIN:-$(command -v tmux)}
passed=0
failed=0

# SHELL: the server runs each session's command with it; pin a POSIX one.
tm() { SHELL=/bin/sh "$TMUX_BIN" -L "$SOCK" -f /dev/null "$@"; }

# tmux_begin NAME: skip (77) without tmux, fail without the binary; then
# the server socket NAME$$ and a temporary TMPD, both gone on exit.
tmux_begin() {
	SOCK="$1$$"
	if [ -z "$TMUX_BIN" ] || ! [ -x "$TMUX_BIN" ]; then
		echo "tmux not found: skipped"
		exit 77
	fi
	[ -x "$BIN" ] || { echo "no binary $BIN"; exit 1; }
	TMPD=$(mktemp -d) || exit 1
	trap 'tm kill-server >/dev/null 2>&1; rm -rf "$TMPD"' EXIT INT TERM
}

ok() {
	passed=$((passed + 1))
	echo "ok - $1"
}

not_ok() {
	failed=$((failed + 1))
	echo "not ok - $1"
	[ -n "${2:-}" ] || return 0
	echo "--- screen of $2:"
	tm capture-pane -p -t "$2" 2>/dev/null | sed 's/^/    /'
}

# poll CMD...: retry a command for up to 10 s.
poll() {
	i=0
	while [ $i -lt 100 ]; do
		"$@" && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}

has_text() { tm capture-pane -p -t "$1" 2>/dev/null | grep -qF -- "$2"; }
lacks_text() { ! has_text "$1" "$2"; }
wait_for() { poll has_text "$1" "$2"; }
# wait_long NAME TEXT: wait_for for work that queues behind a burst (200
# resizes a loaded machine answers one redraw at a time): 30 s, not 10
wait_long() { wait_for "$1" "$2" || wait_for "$1" "$2" || wait_for "$1" "$2"; }
wait_gone() { poll lacks_text "$1" "$2"; }
status_is() { [ "$(cat "$TMPD/$1.status" 2>/dev/null)" = "$2" ]; }
wait_status() { poll status_is "$1" "$2"; }

check() { # description, target, command...
	desc=$1
	target=$2
	shift 2
	if "$@"; then ok "$desc"; else not_ok "$desc" "$target"; fi
}

check_cmd() { # description, command...: check with no screen to show
	desc=$1
	shift
	if "$@"; then ok "$desc"; else not_ok "$desc"; fi
}

# start NAME W H CMD: run CMD in a new session whose shell writes the exit
# status to $TMPD/NAME.status; the pane stays after exit. INT is trapped so
# Ctrl-C reaches initviz without ending the shell first.
start() {
	name=$1
	w=$2
	h=$3
	shift 3
	tm new-session -d -s "$name" -x "$w" -y "$h" \
		"trap : INT; $* ; echo \$? > $TMPD/$name.status" \; \
		set-option -t "$name" -w remain-on-exit on
}

# The pid of initviz: the child of the pane's shell.
view_pid() {
	ps -o pid= --ppid "$(tm display-message -p -t "$1" '#{pane_pid}')" | tr -d ' '
}

alive() { [ ! -f "$TMPD/$1.status" ] && [ -n "$(view_pid "$1")" ]; }
