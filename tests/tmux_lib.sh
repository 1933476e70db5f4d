# SPDX-License-Identifier: MIT
# Shared by the tmux end-to-end tests: a private tmux server, polling for
# screen text and exit statuses (no fixed sleeps), ok / not ok counting.
# Needs: BIN, TMUX_BIN, SOCK, TMPD set by the sourcing script.

passed=0
failed=0

# SHELL: the server runs each session's command with it; pin a POSIX one.
tm() { SHELL=/bin/sh "$TMUX_BIN" -L "$SOCK" -f /dev/null "$@"; }

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
wait_for() { poll has_text "$1" "$2"; }
status_is() { [ "$(cat "$TMPD/$1.status" 2>/dev/null)" = "$2" ]; }
wait_status() { poll status_is "$1" "$2"; }

check() { # description, target, command...
	desc=$1
	target=$2
	shift 2
	if "$@"; then ok "$desc"; else not_ok "$desc" "$target"; fi
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
