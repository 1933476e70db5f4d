#!/bin/sh
# SPDX-License-Identifier: MIT
# End to end for the cobweb view: the real initviz in tmux on its own
# socket, at 80x24. M opens the length map (softplus with He: no fixed
# point; relu with He: neutral; tanh with He: q* marked), Tab the
# correlation map, an arrow moves sigma_w^2, a resize redraws, Esc closes.
# The screen is polled for the expected text (no fixed sleeps). Skips (77)
# without tmux.

BIN="${top_builddir:-.}/initviz"
. "${top_srcdir:-.}/tests/tmux_lib.sh"
tmux_begin ivcobweb

RUN="env LC_ALL=C.UTF-8 TERM=screen-256color $BIN --depth 6 --width 32 --batch 64 --init he-normal"

start s 80 24 "$RUN --activation softplus"
check "softplus, He: starts" s wait_for s "act softplus"
tm send-keys -t s M
check "M: the length map" s wait_for s "length map of softplus"
check "M: no fixed point, in words" s wait_for s "no fixed point: q diverges"
check "M: the map stays above the diagonal" s \
	wait_for s "the map stays above the diagonal"
check "M: no q* in the legend" s lacks_text s "◉ q*"
tm send-keys -t s q
check "q: exit status 0" s wait_status s 0

start r 80 24 "$RUN --activation relu"
check "relu, He: starts" r wait_for r "act relu"
tm send-keys -t r M
check "M: neutral, in words" r wait_for r "neutral: every q is fixed"
check "M: every layer keeps q1" r \
	wait_for r "the map is the diagonal: every layer keeps q1 2"
tm send-keys -t r Right
check "Right: sigma_w^2 2.1, now diverging" r \
	wait_for r "length map of relu (σw² 2.1, σb² 0)"
check "Right: q diverges" r wait_for r "no fixed point: q diverges"
tm send-keys -t r Left Left
check "Left Left: sigma_w^2 1.9, q* 0" r wait_for r "q* 0: stable fixed point"
tm send-keys -t r q
check "q: exit status 0" r wait_status r 0

start t 80 24 "$RUN --activation tanh"
check "tanh, He: starts" t wait_for t "act tanh"
tm send-keys -t t M
check "M: q* marked" t wait_for t "q* 0.618: stable fixed point"
check "M: the legend names the glyphs" t \
	wait_for t "• map   · q'=q   │─ layers 1-6   ○ layer 1   ◉ q*"
tm send-keys -t t Tab
check "Tab: the correlation map" t wait_for t "correlation map of tanh"
check "Tab: c* and both depth scales apart" t \
	wait_for t "c* 0: stable fixed point   χc 0.955 (slope at c*)   ξc 21.7"
tm resize-window -t t -x 120 -y 40
check "resize: drawn again at 120x40" t \
	wait_for t "map at q* 0.618 (layers: q1 2 to q6 0.644); inputs of correlation 0.5: c1 0.5"
tm send-keys -t t Escape
check "Esc: back to the layers" t wait_gone t "correlation map"
tm send-keys -t t q
check "q: exit status 0" t wait_status t 0

echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
