#!/bin/sh
# SPDX-License-Identifier: MIT
# Hostile files through the real binary, without a terminal: key scripts
# and lesson files that are devices, FIFOs, directories, too big, binary or
# full of terminal escapes; Saves and traces that cannot be written; long
# names and numbers. Each is refused within a second with one clear line
# and exit 2 (or, for lesson files, skipped with a warning), and nothing
# initviz prints quotes a control byte raw.
set -u

bin=${top_builddir:-.}/initviz
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
passed=0
failed=0
[ -x "$bin" ] || { echo "no binary at $bin"; exit 99; }
export XDG_CONFIG_HOME="$tmp/none" INITVIZ_LINES=30 INITVIZ_COLS=200
SMALL="--depth=2 --width=4 --batch=4"

ok() { passed=$((passed + 1)); echo "ok - $1"; }
not_ok() {
	failed=$((failed + 1))
	echo "not ok - $1"
	echo "--- stderr:"; head -c 600 "$tmp/err"; echo
}

now_ms() { date +%s%3N; }

# run SECONDS ARG...: initviz with no terminal (stdin /dev/null), at most
# SECONDS (a hang is killed and shows as status 124); status in $rc,
# elapsed milliseconds in $ms, output in $tmp/out and $tmp/err
run() {
	limit=$1
	shift
	t0=$(now_ms)
	timeout -s KILL "$limit" "$bin" "$@" >"$tmp/out" 2>"$tmp/err" </dev/null
	rc=$?
	ms=$(($(now_ms) - t0))
}

# No byte a terminal would act on: C0 controls (tab included) but newline,
# DEL, NUL, C1 controls in UTF-8, and bytes that are not UTF-8.
safe() {
	! LC_ALL=C grep -q "$(printf '[\001-\011\013-\037\177]')" "$1" &&
	! LC_ALL=C grep -q "$(printf '\302[\200-\237]')" "$1" &&
	[ "$(tr -d '\000' <"$1" | wc -c)" -eq "$(wc -c <"$1")" ] &&
	iconv -f UTF-8 -t UTF-8 "$1" >/dev/null 2>&1
}

# refused DESC WANT: exit 2 within a second, one safe line with WANT
refused() {
	if [ "$rc" -eq 2 ] && [ "$ms" -lt 1000 ] &&
		[ "$(wc -l <"$tmp/err")" -eq 1 ] && safe "$tmp/err" &&
		grep -qF -- "$2" "$tmp/err"; then
		ok "$1 (${ms} ms)"
	else
		not_ok "$1: exit $rc after $ms ms, want 2 and \"$2\""
	fi
}

# warned DESC WANT: exit 0 within a second, a safe warning with WANT
warned() {
	if [ "$rc" -eq 0 ] && [ "$ms" -lt 1000 ] && safe "$tmp/err" &&
		safe "$tmp/out" && grep -qF -- "$2" "$tmp/err"; then
		ok "$1 (${ms} ms)"
	else
		not_ok "$1: exit $rc after $ms ms, want 0 and \"$2\""
	fi
}

mkfifo "$tmp/fifo" "$tmp/fifo.lessons" || exit 99
mkdir "$tmp/dir"

# --- key scripts that are not regular files --------------------------------
run 5 $SMALL --keys=/dev/zero
refused "--keys=/dev/zero" "key script /dev/zero: is a device, not a regular file"
INITVIZ_SCRIPT=/dev/zero run 5 $SMALL
refused "INITVIZ_SCRIPT=/dev/zero" "key script /dev/zero: is a device"
run 5 $SMALL --keys="$tmp/fifo"
refused "--keys=FIFO" "fifo: is a FIFO, not a regular file"
INITVIZ_SCRIPT=$tmp/fifo run 5 $SMALL
refused "INITVIZ_SCRIPT=FIFO" "fifo: is a FIFO, not a regular file"
run 5 $SMALL --keys="$tmp/dir"
refused "--keys=DIRECTORY" "dir: is a directory"
run 5 $SMALL --keys="$tmp/missing"
refused "--keys=missing file" "missing: cannot read: No such file or directory"

# --- a file name of 100000 characters: the message keeps the reason ---------
# short_with_dots WHAT: stderr's WHAT is short, the name cut with ...
short_with_dots() {
	if [ "$(wc -c <"$tmp/err")" -le 200 ] && grep -qF 00... "$tmp/err"; then
		ok "its $1 is short, with ..."
	else not_ok "a $1 of $(wc -c <"$tmp/err") bytes"; fi
}
long="$tmp/$(printf '%0100000d' 0)/end"
run 5 --keys="$long.keys"
refused "--keys= a name of 100000 characters" "0/end.keys: cannot read: File name too long"
short_with_dots message
run 5 --lessons="$long.lessons" --list-lessons
warned "--lessons= a name of 100000 characters" "0/end.lessons: cannot read: File name too long (skipped"
short_with_dots warning
echo q >"$tmp/quit.keys"
run 5 --keys="$tmp/quit.keys" --trace="$long.trace"
refused "--trace= a name of 100000 characters" "0/end.trace: File name too long"
short_with_dots message

# --- lesson files that are not regular files: skipped with a warning --------
run 5 --lessons="$tmp/fifo.lessons" --list-lessons
warned "--lessons=FIFO --list-lessons" "fifo.lessons: is a FIFO, not a regular file (skipped"
run 5 --lessons=/dev/zero --list-lessons
warned "--lessons=/dev/zero" "/dev/zero: is a device, not a regular file (skipped"
mkdir -p "$tmp/xdg/initviz"
mkfifo "$tmp/xdg/initviz/a.lessons"
XDG_CONFIG_HOME=$tmp/xdg run 5 --list-lessons
warned "FIFO *.lessons in the config directory: --list-lessons" "a.lessons: is a FIFO"
XDG_CONFIG_HOME=$tmp/xdg run 5 --report --lesson=1 $SMALL
warned "FIFO *.lessons in the config directory: --lesson=1 --report" "a.lessons: is a FIFO"
echo q >"$tmp/q.keys"
XDG_CONFIG_HOME=$tmp/xdg run 5 $SMALL --keys="$tmp/q.keys"
warned "FIFO *.lessons in the config directory: the view starts" "a.lessons: is a FIFO"

# --- key scripts' contents ------------------------------------------------------
printf 'a\nWait\000 q\n' >"$tmp/nul.keys"
run 5 $SMALL --keys="$tmp/nul.keys"
refused "a NUL byte in a key script" "nul.keys line 2: a NUL byte (a key script is text)"
head -c 1048577 /dev/zero | tr '\000' ' ' >"$tmp/big.keys"
run 5 $SMALL --keys="$tmp/big.keys"
refused "a key script over 1 MiB" "big.keys: is over 1.0 MiB"
head -c 1048574 /dev/zero | tr '\000' ' ' >"$tmp/max.keys"
echo q >>"$tmp/max.keys"
run 5 $SMALL --keys="$tmp/max.keys"
if [ "$rc" -eq 0 ]; then ok "a key script of exactly 1 MiB runs"
else not_ok "a key script of exactly 1 MiB: exit $rc"; fi
awk 'BEGIN { for (i = 0; i < 200000; i++) print "Wait"; print "q" }' \
	>"$tmp/waits.keys"
run 10 $SMALL --keys="$tmp/waits.keys"
if [ "$rc" -eq 0 ] && [ "$ms" -lt 3000 ]; then
	ok "200,000 Waits parse and run in linear time (${ms} ms)"
else
	not_ok "200,000 Waits: exit $rc after $ms ms"
fi
printf '\357\273\277a Wait Save %s q\n' "$tmp/bom.txt" >"$tmp/bom.keys"
run 5 $SMALL --keys="$tmp/bom.keys"
if [ "$rc" -eq 0 ] && grep -q "act relu" "$tmp/bom.txt"; then
	ok "a byte-order mark before a key script is skipped"
else
	not_ok "a byte-order mark before a key script: exit $rc"
fi
printf 'a\n\033]2;PWNED\007x \302\233\377 q\n' >"$tmp/esc.keys"
run 5 $SMALL --keys="$tmp/esc.keys"
refused "terminal escapes in a key script's error are escaped" \
	'line 2: unknown key "^[]2;PWNED^Gx"'

# --- lesson files' contents ------------------------------------------------------
printf '[lesson]\ntitle = T\033]2;PWNED\007x\ntext = hello \033[31mred\n' \
	>"$tmp/esc.lessons"
run 5 --lessons="$tmp/esc.lessons" --list-lessons
if [ "$rc" -eq 0 ] && safe "$tmp/out" &&
	grep -qF 'T^[]2;PWNED^Gx' "$tmp/out"; then
	ok "--list-lessons escapes a title's control bytes"
else
	not_ok "--list-lessons with an escape in a title: exit $rc"
fi
n=$(wc -l <"$tmp/out")
printf 'Wait Save %s q\n' "$tmp/esc_screen.txt" >"$tmp/lesson.keys"
run 5 --lessons="$tmp/esc.lessons" --lesson="$n" --keys="$tmp/lesson.keys"
if [ "$rc" -eq 0 ] && safe "$tmp/esc_screen.txt" &&
	grep -qF 'hello ^[[31mred' "$tmp/esc_screen.txt"; then
	ok "the view draws a lesson's control bytes as ^["
else
	not_ok "a lesson with escapes in the view: exit $rc"
fi
printf '[lesson]\ntitle = x\nnot a setting \033[2J\302\233\n' >"$tmp/bad.lessons"
run 5 --lessons="$tmp/bad.lessons" --list-lessons
warned "a malformed lesson line is quoted escaped" \
	'bad.lessons:3: expected "key = value", got "not a setting ^[[2J\xc2\x9b"'
run 5 --lessons="$tmp/$(printf 'x\033[31m')" --list-lessons
warned "a lesson file's name is quoted escaped" "x^[[31m: cannot read"
printf '\357\273\277[lesson]\ntitle = BOM first\ntext = x\n' >"$tmp/bom.lessons"
run 5 --lessons="$tmp/bom.lessons" --list-lessons
if [ "$rc" -eq 0 ] && [ ! -s "$tmp/err" ] && tail -1 "$tmp/out" | grep -q '\. BOM first$'; then
	ok "a byte-order mark before a lesson file is skipped"
else
	not_ok "a byte-order mark before a lesson file: exit $rc"
fi
awk 'BEGIN { for (i = 1; i <= 200; i++)
	printf "[lesson]\ntitle = L%d\ntext = x\n", i }' >"$tmp/200.lessons"
run 5 --list-lessons
builtin=$(wc -l <"$tmp/out")
run 5 --lessons="$tmp/200.lessons" --list-lessons
if [ "$rc" -eq 0 ] && [ ! -s "$tmp/err" ] &&
	[ "$(wc -l <"$tmp/out")" -eq $((builtin + 200)) ] &&
	tail -1 "$tmp/out" | grep -q "^$((builtin + 200))\. L200$"; then
	ok "a file of 200 lessons loads after the $builtin built-in ones"
else
	not_ok "a file of 200 lessons: exit $rc, $(wc -l <"$tmp/out") listed"
fi
# --lesson reaches every lesson --list-lessons numbers, past one file's 200:
# the file of 200 in the config directory (read first), then one of 200
# whose last lesson has a depth of its own; the report of the last lesson
mkdir -p "$tmp/xdg400/initviz"
cp "$tmp/200.lessons" "$tmp/xdg400/initviz/"
awk 'BEGIN { for (i = 1; i <= 200; i++)
	printf "[lesson]\ntitle = M%d\ntext = x\ndepth = %d\n", i,
		i == 200 ? 7 : 2 }' >"$tmp/m.lessons"
last=$((builtin + 400))
XDG_CONFIG_HOME=$tmp/xdg400 run 5 --lessons="$tmp/m.lessons" --list-lessons
if [ "$rc" -eq 0 ] && tail -1 "$tmp/out" | grep -q "^$last\. "; then
	ok "$last lessons listed"
else
	not_ok "$last lessons: exit $rc, last \"$(tail -1 "$tmp/out")\""
fi
lastname=$(tail -1 "$tmp/out" | sed 's/^[0-9]*\. //')
XDG_CONFIG_HOME=$tmp/xdg400 run 5 --lessons="$tmp/m.lessons" \
	--lesson=$last --format=json --width=4 --batch=2
if [ "$rc" -eq 0 ] && [ "$lastname" = M200 ] &&
	grep -q '"depth": 7,' "$tmp/out"; then
	ok "--lesson=$last selects the last listed lesson, $lastname (depth 7)"
else
	not_ok "--lesson=$last: exit $rc, last listed \"$lastname\""
fi
XDG_CONFIG_HOME=$tmp/xdg400 run 5 --lessons="$tmp/m.lessons" \
	--lesson=$((last + 1)) --report
refused "--lesson past the last of $last" \
	"--lesson must be an integer from 1 to $last, the number of lessons (got $((last + 1)))"
run 5 --report --lesson=1001
refused "--lesson above the most lessons a set holds" \
	'--lesson must be an integer from 1 to 1000 (got "1001")'
printf '[lesson]\ntitle = hex\ntext = x\nlr = 0x1p3\n' >"$tmp/hex.lessons"
run 5 --lessons="$tmp/hex.lessons" --list-lessons
warned "lr = 0x1p3 in a lesson file is refused, as --lr refuses it" \
	"hex.lessons:4: lr must be a number from 1e-12 to 1e6"
run 5 --report --lr=0x1p3
refused "--lr=0x1p3" "--lr must be a number"

# --- Saves and traces that cannot be written ----------------------------------
save() { # save NAME PATH: a key script that saves the screen to PATH
	printf 'Wait Save %s q\n' "$2" >"$tmp/$1.keys"
}
save missing "$tmp/no/such/dir/x.txt"
run 5 $SMALL --keys="$tmp/missing.keys"
refused "Save to a missing directory" \
	"missing.keys line 1: cannot save the screen to $tmp/no/such/dir/x.txt: No such file or directory"
save longname "$tmp/$(printf '%0300d' 0)/end.txt"
run 5 $SMALL --keys="$tmp/longname.keys"
refused "Save to a name of 300 characters names its end and the reason" \
	"0/end.txt: File name too long"
grep -qF 00... "$tmp/err" && ok "its name is shortened with ..." ||
	not_ok "no ... in the shortened name"
save full /dev/full
run 5 $SMALL --keys="$tmp/full.keys"
refused "Save to /dev/full" "cannot save the screen to /dev/full: it exists"
echo mine >"$tmp/mine.txt"
save mine "$tmp/mine.txt"
run 5 $SMALL --keys="$tmp/mine.keys"
refused "Save never overwrites a file" "mine.txt: it exists"
[ "$(cat "$tmp/mine.txt")" = mine ] && ok "Save left the file as it was" ||
	not_ok "Save changed an existing file"
ln -s "$tmp/target.txt" "$tmp/dangling"
save dangling "$tmp/dangling"
run 5 $SMALL --keys="$tmp/dangling.keys"
refused "Save never follows a symbolic link" "dangling: it exists"
[ ! -e "$tmp/target.txt" ] && ok "Save made nothing through the link" ||
	not_ok "Save wrote through a dangling symbolic link"
ln -s "$tmp/mine.txt" "$tmp/link"
save link "$tmp/link"
run 5 $SMALL --keys="$tmp/link.keys"
refused "Save never writes through a link to a file" "link: it exists"
[ "$(cat "$tmp/mine.txt")" = mine ] && ok "the linked file is as it was" ||
	not_ok "Save changed a file through a symbolic link"
save esc "$tmp/$(printf 'no\033[31m')/x.txt"
run 5 $SMALL --keys="$tmp/esc.keys"
refused "a Save path's control bytes are escaped" "no^[[31m/x.txt"
# a full disk: a file size limit with SIGXFSZ ignored gives EFBIG
save efbig "$tmp/efbig.txt"
# (stderr through a pipe: the limit is on files)
(trap '' XFSZ; ulimit -f 0; exec "$bin" $SMALL --keys="$tmp/efbig.keys" \
	</dev/null) 2>&1 | cat >"$tmp/err"
if grep -qF "cannot save the screen to $tmp/efbig.txt: File too large" \
	"$tmp/err" && [ ! -e "$tmp/efbig.txt" ]; then
	ok "Save on a full disk: the message, and no partial file"
else
	not_ok "Save on a full disk"
fi
(trap '' XFSZ; ulimit -f 0; exec "$bin" $SMALL --keys="$tmp/efbig.keys" \
	</dev/null 2>/dev/null)
rc=$?
[ "$rc" = 2 ] && ok "Save on a full disk: exit 2" ||
	not_ok "Save on a full disk: exit $rc, want 2"
awk 'BEGIN { for (i = 0; i < 300; i++) print "a Wait"; print "q" }' \
	>"$tmp/long.keys"
(trap '' XFSZ; ulimit -f 1; exec "$bin" $SMALL --keys="$tmp/long.keys" \
	--trace="$tmp/t.trace" </dev/null) 2>&1 | cat >"$tmp/err"
(trap '' XFSZ; ulimit -f 1; exec "$bin" $SMALL --keys="$tmp/long.keys" \
	--trace="$tmp/t2.trace" </dev/null 2>/dev/null)
rc=$?
if [ "$rc" = 2 ] &&
	grep -qF "initviz: cannot write trace file " "$tmp/err" &&
	grep -qF "/t.trace: File too large" "$tmp/err"; then
	ok "--trace on a full disk: exit 2 and the message"
else
	not_ok "--trace on a full disk: exit $rc"
fi
run 5 $SMALL --keys="$tmp/q.keys" --trace=/dev/full
refused "--trace=/dev/full" "cannot write trace file /dev/full: it exists"

# --- long names and numbers ---------------------------------------------------------
# a 4080-byte directory: no room for the file's name in a path
d=$tmp
while [ $((${#d} + 201)) -lt 4080 ]; do
	d="$d/$(printf '%0200d' 0)"
	mkdir "$d" || break
done
d="$d/$(printf "%0$((4079 - ${#d}))d" 0)"
mkdir "$d"
printf 'Wait S Save %s q\n' "$tmp/long_save.txt" >"$tmp/S.keys"
INITVIZ_SAVE_DIR=$d run 5 $SMALL --keys="$tmp/S.keys"
if [ "$rc" -eq 0 ] && grep -q "File name too long" "$tmp/long_save.txt" &&
	[ -z "$(ls -A "$d")" ]; then
	ok "S with a ${#d}-byte INITVIZ_SAVE_DIR: said so, no file"
else
	not_ok "S with a ${#d}-byte INITVIZ_SAVE_DIR: exit $rc"
fi
run 5 --report --max-memory=0.5 $SMALL
refused "--max-memory=0.5 (under a byte)" \
	"--max-memory must be 0 (no limit) or a size of at least 1 byte"
zeros=$(printf '%0300d' 0)
run 5 --report --format=csv --std="0.${zeros}1" --init=normal $SMALL
[ "$rc" -eq 0 ] && ok "--std with 300 zeros is taken" ||
	not_ok "--std with 300 zeros: exit $rc"
run 5 --report --format=csv --widths="${zeros}4,00000000000000000003" --batch=4
[ "$rc" -eq 0 ] && grep -q "^1,4,3," "$tmp/out" &&
	ok "--widths with many leading zeros is taken" ||
	not_ok "--widths with many leading zeros: exit $rc"
run 5 --report --format=csv --max-memory="1${zeros}" $SMALL
[ "$rc" -eq 0 ] && ok "--max-memory of 301 digits is taken" ||
	not_ok "--max-memory of 301 digits: exit $rc"

# the exact estimate of a small net, by bisection on --max-memory, then a
# limit one byte under it: the two sizes are printed differently
lo=1
hi=100000000
while [ $((hi - lo)) -gt 1 ]; do
	mid=$(((lo + hi) / 2))
	if "$bin" --report --format=csv --max-memory=$mid --widths=300,300 \
		--batch=1 >/dev/null 2>&1; then hi=$mid; else lo=$mid; fi
done
run 5 --report --max-memory=$lo --widths=300,300 --batch=1
need=$(sed -n 's/.* needs \(.*\), over the memory limit of \(.*\) (raise.*/\1/p' "$tmp/err")
limit=$(sed -n 's/.* needs \(.*\), over the memory limit of \(.*\) (raise.*/\2/p' "$tmp/err")
if [ "$rc" -eq 2 ] && [ -n "$need" ] && [ "$need" != "$limit" ] &&
	echo "$limit" | grep -q "MiB"; then
	ok "one byte over the limit: needs $need, limit $limit"
else
	not_ok "one byte over the limit: exit $rc, \"$need\" vs \"$limit\""
fi

# the table: plural only for several, no "-nan" or "-0"
run 5 --report --depth=1 --width=1 --batch=8
grep -q ", 1 layer of 1 unit$" "$tmp/out" && ok "1 layer of 1 unit" ||
	not_ok "the table header of a 1x1 net: $(head -1 "$tmp/out")"
run 5 --report --train-steps=20 --lr=1e6 --init=normal --std=3 \
	--activation=linear --depth=3 --width=8 --batch=8
if [ "$rc" -eq 0 ] && grep -q "loss .* -> inf$" "$tmp/out" &&
	grep -q "^training stopped at step [0-9]*: the loss is not finite" \
		"$tmp/out" &&
	! grep -Eq -- '-nan|-0([ ,)]|$)' "$tmp/out"; then
	ok "an overflowed loss reads inf, and training stops there"
else
	not_ok "an overflowed loss: exit $rc"
fi
run 5 --report --train-steps=20 --init=normal --std=1e200 \
	--activation=linear --depth=3 --width=8 --batch=8
if [ "$rc" -eq 0 ] && grep -q "loss nan -> nan$" "$tmp/out" &&
	! grep -Eq -- '-nan|-0([ ,)]|$)' "$tmp/out"; then
	ok "a NaN loss reads nan, not -nan"
else
	not_ok "a NaN loss: exit $rc"
fi
run 5 --report --init=normal --std=1e200 --activation=linear --depth=3 \
	--width=8 --batch=8
if [ "$rc" -eq 0 ] && grep -q "depth scales: " "$tmp/out" &&
	! grep -Eq -- '-nan|-0([ ,)]|$)' "$tmp/out"; then
	ok "no negative zero in the table"
else
	not_ok "negative zero in the table: $(grep 'depth scales' "$tmp/out")"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
