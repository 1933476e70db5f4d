#!/bin/sh
# SPDX-License-Identifier: MIT
# End to end for the theory views: the real initviz in tmux on its own
# socket; P opens the phase diagram and an arrow moves the setting, J shows
# the Jacobian spectrum, G the gain calculator, e the overlay. The screen is
# polled for the expected text (no fixed sleeps). Skips (77) without tmux.

BIN="${top_builddir:-.}/initviz"
. "${top_srcdir:-.}/tests/tmux_lib.sh"
tmux_begin ivtheory

start v 100 30 "env LC_ALL=C.UTF-8 TERM=screen-256color $BIN --depth 6 --width 32 --batch 64"
check "starts with the criticality in the settings bar" v wait_for v "χ1 1 critical"
check "the profile shows and names the predicted lines" v wait_for v "predicted ─ h  ╌ ∂L/∂h"
tm send-keys -t v e
check "e: overlay off" v wait_gone v "predicted"
tm send-keys -t v e
check "e: overlay on again" v wait_for v "predicted ─ h"
tm send-keys -t v P
check "P: phase diagram" v wait_for v "phase diagram of tanh"
check "P: the diagram is finished" v wait_gone v "computing"
check "P: the setting under the cursor" v wait_for v "σw² 1  σb² 0: q* 0  χ1 1"
tm send-keys -t v Right
check "Right: sigma_w^2 one grid step up" v wait_for v "σw² 1.05  σb² 0"
check "Right: the gain changed" v wait_for v "gain 1.02 "
tm send-keys -t v Up
check "Up: sigma_b^2 one grid step up, as a bias std" v wait_for v "bias std 0.224"
tm send-keys -t v Escape
check "Esc: back to the layers" v wait_gone v "phase diagram"
tm send-keys -t v J
check "J: the Jacobian spectrum" v wait_for v "Jacobian spectrum"
check "J: its numbers" v wait_for v "mean square"
tm send-keys -t v G
check "G: the gain calculator" v wait_for v "PyTorch calculate_gain: 5/3"
tm send-keys -t v q
check "q: exit status 0" v wait_status v 0

echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
