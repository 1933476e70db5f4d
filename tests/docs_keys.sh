#!/bin/sh
# SPDX-License-Identifier: MIT
# The key reference lists the prompt's keys and the lesson text's pages
# everywhere users look for keys:
# the help panel (drawn from the key table, read here from a headless run),
# README's key table, the man page's KEYS section and docs/teaching.md's
# table of the keys a class needs.
set -u
top_srcdir=${top_srcdir:-.}
BIN="${top_builddir:-.}/initviz"
TMPD=$(mktemp -d) || exit 1
trap 'rm -rf "$TMPD"' EXIT INT TERM
passed=0
failed=0
ok() { passed=$((passed + 1)); echo "ok - $1"; }
not_ok() { failed=$((failed + 1)); echo "not ok - $1"; }
check() { # description, command...
	d=$1
	shift
	if "$@"; then ok "$d"; else not_ok "$d"; fi
}

# the help panel, drawn on a headless screen tall enough for every line
printf '? Save %s/help.txt q\n' "$TMPD" >"$TMPD/keys"
env LC_ALL=C.UTF-8 TERM=dumb INITVIZ_LINES=90 INITVIZ_COLS=120 \
	"$BIN" --depth 2 --width 8 --batch 8 --keys="$TMPD/keys" \
	</dev/null >/dev/null 2>"$TMPD/err"
check "help saved from a headless run" test -s "$TMPD/help.txt"

# help_has KEY TEXT: a help line with exactly KEY in the key column
help_has() {
	grep -q "│ $1  *$2" "$TMPD/help.txt"
}
man_has() { # KEY: ".B KEY" in the KEYS section
	sed -n '/^\.SH KEYS/,/^\.SH /p' "$top_srcdir/docs/initviz.1" |
		grep -qx "\.B $1"
}
sed_man_pair() { # '.BR A " / " B' in the KEYS section
	sed -n '/^\.SH KEYS/,/^\.SH /p' "$top_srcdir/docs/initviz.1" |
		grep -qxF ".BR $1"
}
table_has() { # FILE KEY WORD: a table row for KEY that says WORD
	grep -q "^| \`$2\` | .*$3" "$1"
}

check "help: ':' types a setting" help_has ':' 'type a setting: depth 30'
check "help: '/' jumps by name" help_has '/' 'init scheme or activation by name'
check "man KEYS: ':'" man_has ':'
check "man KEYS: '/'" man_has '/'
check "README: ':'" table_has "$top_srcdir/README.md" ':' 'Esc cancels'
check "README: '/'" table_has "$top_srcdir/README.md" '/' 'by name'
check "teaching.md: ':'" table_has "$top_srcdir/docs/teaching.md" ':' 'Esc cancels'
check "teaching.md: '/'" table_has "$top_srcdir/docs/teaching.md" '/' 'by name'

# the lesson text's pages, where the panel's note points
check "help: '}' turns the lesson text" help_has '} / {' 'lesson text: next / previous page'
check "man KEYS: '}'" sed_man_pair '} " / " {'
check "README: '}'" table_has "$top_srcdir/README.md" '}` / `{' 'more: }'
check "teaching.md: '}'" table_has "$top_srcdir/docs/teaching.md" '}` / `{' 'more: }'

echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
