/* SPDX-License-Identifier: MIT */
/* Block glyphs for UTF-8 terminals, ASCII stand-ins for the rest. */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "view/glyphs.h"
#include "view/text.h"

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
    .hidden = {"…", "…"},
    .keys = {"↑", "↓", "←", "→"},
    .line = "─",
    .line_g = "╌",
    .sd1 = "┃",
    .sd2 = "╏",
    .chi = "χ1",
    .xi = "ξ",
    .xic = "ξc",
    .xig = "ξg",
    .sw = "σw",
    .sw2 = "σw²",
    .sb = "σb",
    .sb2 = "σb²",
    .phi = "φ",
    .sqrt = "√",
    .alpha = "α",
    .pm = "±",
    .mark_b = "■",
    .line_b = "┈",
    .root2 = "√2",
    .rootq = "√q",
    .sq = "²",
    .infinity = "∞",
    .ordered = {".", ":", "="},
    .chaotic = {"+", "x", "#"},
    .crit = "┃",
    .cursor = "◉",
    .ref = "┊",
    .utf8 = true,
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
    .hidden = {"<", ">"},
    .keys = {"Up", "Down", "Left", "Right"},
    .line = "-",
    .line_g = "~",
    .sd1 = "|",
    .sd2 = "!",
    .chi = "chi1",
    .xi = "xi",
    .xic = "xi_c",
    .xig = "xi_g",
    .sw = "sw",
    .sw2 = "sw^2",
    .sb = "sb",
    .sb2 = "sb^2",
    .phi = "phi",
    .sqrt = "sqrt",
    .alpha = "alpha",
    .pm = "+-",
    .mark_b = "#",
    .line_b = ":",
    .root2 = "sqrt(2)",
    .rootq = "sqrt(q)",
    .sq = "^2",
    .infinity = "inf",
    .ordered = {".", ":", "="},
    .chaotic = {"+", "x", "#"},
    .crit = "|",
    .cursor = "@",
    .ref = ":",
    .utf8 = false,
};

const tui_glyphs *tui_glyphs_pick(bool ascii)
{
	return ascii || !tui_text_utf8_locale() ? &tui_glyphs_ascii
						: &tui_glyphs_utf8;
}

char *tui_glyphs_number(const tui_glyphs *g, double v, char *buf, size_t size)
{
	if (isinf(v) && v > 0)
		snprintf(buf, size, "%s", g->infinity);
	else if (isnan(v)) /* a prediction that does not exist */
		snprintf(buf, size, "undefined");
	else
		tui_text_number(v, buf, size);
	return buf;
}

bool tui_glyphs_fit(const tui_glyphs *g, double v, int width, char *buf,
		    size_t size)
{
	const char *word = isnan(v) ? "-" : g->infinity;
	if (!isnan(v) && !(isinf(v) && v > 0))
		return tui_text_fit(v, width, buf, size);
	bool fits = tui_text_width(word) <= width && strlen(word) < size;
	snprintf(buf, size, "%s", fits ? word : "");
	return fits;
}
