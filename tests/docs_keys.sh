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

# docs/teaching.md's key presses reach what it says they do: the screen
# after the keys, from the lesson, on a headless 120 x 40 screen
after_at() { # COLS LINES LESSON KEYS...: the screen in $TMPD/after.txt
	c=$1 r=$2 l=$3
	shift 3
	rm -f "$TMPD/after.txt"
	printf '%s Wait Save %s/after.txt q\n' "$*" "$TMPD" >"$TMPD/keys"
	env LC_ALL=C.UTF-8 TERM=dumb INITVIZ_LINES="$r" INITVIZ_COLS="$c" \
		"$BIN" --lesson="$l" --keys="$TMPD/keys" \
		</dev/null >/dev/null 2>"$TMPD/err"
}
after() { after_at 120 40 "$@"; }
teach_has() { # PHRASE, its blanks and line breaks as single spaces
	tr -s ' \n' '  ' <"$top_srcdir/docs/teaching.md" | grep -qF -- "$1"
}
shows() { grep -qF -- "$1" "$TMPD/after.txt"; }
check "teaching.md: lesson 2, \`x\`, \`>\` \`>\` (0.08)" teach_has '`x`, `>` `>` (0.08)'
after 2 x '>' '>'
check "lesson 2, > >: learning rate 0.08" shows 'learning rate 0.08'
check "teaching.md: lesson 9, \`>\` four times, 0.032" teach_has '`>` four times, 0.032'
after 9 '>' '>' '>' '>'
check "lesson 9, > four times: learning rate 0.032" shows 'learning rate 0.032'
check "teaching.md: lesson 9, \`a\` six times (softplus)" teach_has '`a` six times (softplus)'
after 9 a a a a a a
check "lesson 9, a six times: softplus" shows 'act softplus'
check "teaching.md: lesson 8 with \`i\` \`i\` (tanh with He)" teach_has 'with `i` `i` (tanh with He)'
after 8 i i
check "lesson 8, i i: he-normal" shows 'init he-normal'
check "teaching.md: lesson 16, \`i\` would take 13 presses" teach_has '`i` would take 13 presses'
after 16 i i i i i i i i i i i i
check "lesson 16, i 12 times: not yet he-normal" sh -c '! grep -q "init he-normal" "$0"' "$TMPD/after.txt"
after 16 i i i i i i i i i i i i i
check "lesson 16, i 13 times: he-normal" shows 'init he-normal'
after 16 / h e - n Enter
check "lesson 16, /he-n Enter: he-normal" shows 'init he-normal'
after 14 y
check "lesson 14, y: alpha 1/sqrt(L)" shows 'residual α 1/√L = 0.224'
check "lesson 14, y: the lesson is modified" shows 'lesson 14/16*'
after 14 Y
check "lesson 14, Y from alpha 1: alpha 0" shows 'residual α 0 '
after 14 0 z z
check "lesson 14, 0 z z: layer norm" shows 'norm layer'
after 14 y y
check "lesson 14, y y: GPT-2's 1/sqrt(2L) is the second rung" shows 'residual α 1/√(2L)'

# the guide's "Before class": what a small terminal leaves out
check "teaching.md: lesson 1 at 100x18 has no depth profile" teach_has '(lesson 1 at 100x18 has no depth profile)'
after_at 100 18 1
check "lesson 1 at 100x18: the lesson text, no profile" sh -c 'grep -q "All zeros" "$0" && ! grep -q "depth profile" "$0"' "$TMPD/after.txt"
after_at 100 30 1
check "lesson 1 at 100x30: the profile" shows 'depth profile'
check "teaching.md: down to 60x15" teach_has 'Smaller terminals work down to 60x15'
after_at 60 15 1
check "lesson 1 at 60x15: the lesson" shows 'lesson 1/16'

echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
