#!/bin/sh
# SPDX-License-Identifier: MIT
# End to end: the lessons in tmux at the sizes a classroom has (60x15 to
# 200x60). On every screen: no row blank (the rows are shared by importance:
# something dropped gives its rows to another part), no number cut (a
# mantissa with an "e" and no exponent digits), the bottom bar on the last
# row, the layer list always, the depth profile from 80x24 up (the lessons
# point at the layers and the profile unless they say otherwise). At 80
# columns a changed setting with no room in the settings bar says its value
# in the notice. Polls, never sleeps; skips (77) without tmux.

BIN="${top_builddir:-.}/initviz"
. "${top_srcdir:-.}/tests/tmux_lib.sh"
tmux_begin ivlayout

screen() { tm capture-pane -p -t "$1" 2>/dev/null; }

# Every one of the H rows of the pane has a visible character.
no_blank_row() {
	screen "$1" | awk -v h="$2" 'NF { n++ } END { exit !(n == h && NR == h) }'
}
# A number cut after its "e": 2.8e+ or 9.04e at the end of a field.
no_cut_number() {
	! screen "$1" | grep -qE '[0-9]e[+-]?([^0-9+-]|$)'
}
last_row_is_bar() {
	screen "$1" | tail -n 1 | grep -q 'Quit'
}

# lesson K/16 computed, then the checks of a screen of size W x H.
check_screen() { # name W H k
	s=$1
	check "${2}x$3 lesson $4: shown" $s wait_for $s "lesson $4/16 "
	check "${2}x$3 lesson $4: computed" $s wait_for $s "computed in"
	check "${2}x$3 lesson $4: no blank row" $s no_blank_row $s "$3"
	check "${2}x$3 lesson $4: no cut number" $s no_cut_number $s
	check "${2}x$3 lesson $4: bar on the last row" $s last_row_is_bar $s
	check "${2}x$3 lesson $4: the layer list" $s has_text $s " L "
	if [ "$2" -ge 80 ]; then
		check "${2}x$3 lesson $4: the depth profile" $s has_text $s \
			"measured "
	fi
}

VIEW="env LC_ALL=C.UTF-8 TERM=screen-256color $BIN"

# Every lesson at the two sizes a lesson must be taught at, one after the
# other with "." (the two sessions run side by side).
start s80 80 24 "$VIEW --lesson=1"
start s120 120 40 "$VIEW --lesson=1"
k=1
while [ $k -le 16 ]; do
	check_screen s80 80 24 $k
	check_screen s120 120 40 $k
	k=$((k + 1))
	if [ $k -le 16 ]; then
		tm send-keys -t s80 .
		tm send-keys -t s120 .
	fi
done
tm send-keys -t s80 q
tm send-keys -t s120 q
check "80x24: exits 0" s80 wait_status s80 0
check "120x40: exits 0" s120 wait_status s120 0

# The small, the middle and the large screens with three lessons: equal
# weights at depth 5, a saturating tanh with gradients to 2e4, 30 layers.
for size in 60x15 100x30 200x60; do
	w=${size%x*}
	h=${size#*x}
	for k in 2 6 9; do
		start "z$w$k" "$w" "$h" "$VIEW --lesson=$k"
	done
	for k in 2 6 9; do
		check_screen "z$w$k" "$w" "$h" $k
		tm send-keys -t "z$w$k" q
	done
done

# At 80 columns the settings bar has no room for the seed and the input:
# their keys say the new value in the notice.
start bar 80 24 "$VIEW --lesson=9"
check "80x24: started" bar wait_for bar "computed in"
check "80x24: no seed in the bar" bar lacks_text bar "seed 1"
tm send-keys -t bar r
check "r: the notice says the new seed" bar wait_for bar "seed 2   (no room"
tm send-keys -t bar n
check "n: the notice says the new input" bar wait_for bar "input uniform"
tm send-keys -t bar q
check "80x24 bar: exits 0" bar wait_status bar 0

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
