/* SPDX-License-Identifier: MIT */
/* Block glyphs for UTF-8 terminals, ASCII stand-ins for the rest. */
#include <langinfo.h>
#include <strings.h>
#include "tui/glyphs.h"

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

bool tui_locale_utf8(void)
{
	const char *cs = nl_langinfo(CODESET);
	return cs &&
	       (strcasecmp(cs, "UTF-8") == 0 || strcasecmp(cs, "utf8") == 0);
}

const tui_glyphs *tui_glyphs_pick(bool ascii)
{
	return ascii || !tui_locale_utf8() ? &tui_glyphs_ascii
					   : &tui_glyphs_utf8;
}
