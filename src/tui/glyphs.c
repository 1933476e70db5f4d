/* SPDX-License-Identifier: MIT */
/* Block glyphs for UTF-8 terminals, ASCII stand-ins for the rest. */
#include "tui/glyphs.h"
#include "tui/text.h"

const tui_glyphs tui_glyphs_utf8 = {
    .level = {" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"},
    .vline = "│",
    .hline = "─",
    .corner = {"┌", "┐", "└", "┘"},
    .tick = "┤",
    .gap = "⋮",
    .arrow = "→",
    .sigma = "σ",
    .d = "∂",
    .mark_a = "●",
    .mark_g = "◆",
    .mark_both = "✱",
    .pending = "·",
    .full = "█",
    .empty = "░",
    .ell = "…",
    .keys = {"↑", "↓", "←", "→"},
};

const tui_glyphs tui_glyphs_ascii = {
    .level = {" ", ".", ":", "-", "=", "+", "*", "#", "@"},
    .vline = "|",
    .hline = "-",
    .corner = {"+", "+", "+", "+"},
    .tick = "+",
    .gap = ":",
    .arrow = "->",
    .sigma = "sd",
    .d = "d",
    .mark_a = "o",
    .mark_g = "x",
    .mark_both = "*",
    .pending = ".",
    .full = "#",
    .empty = "-",
    .ell = "...",
    .keys = {"Up", "Down", "Left", "Right"},
};

const tui_glyphs *tui_glyphs_pick(bool ascii)
{
	return ascii || !tui_text_utf8_locale() ? &tui_glyphs_ascii
					   : &tui_glyphs_utf8;
}
