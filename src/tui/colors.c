/* SPDX-License-Identifier: MIT */
/* Colour pairs from the element table, or monochrome attributes. */
#include <stdlib.h>
#include "tui/colors.h"

static const struct {
	short fg, bg;
	attr_t attr, mono;
} elements[TUI_E_COUNT] = {
#define TUI_X(e, fg_, bg_, attr_, mono_)                                       \
	[e] = {.fg = fg_, .bg = bg_, .attr = attr_, .mono = mono_},
    TUI_ELEMENT_LIST(TUI_X)
#undef TUI_X
};

static bool colored;

bool tui_colors_init(void)
{
	const char *no = getenv("NO_COLOR");
	colored = false;
	if ((no && *no) || !has_colors() || start_color() == ERR)
		return false;
	if (COLOR_PAIRS < TUI_E_COUNT)
		return false;
	bool defaults = use_default_colors() == OK;
	for (int e = 1; e < TUI_E_COUNT; e++) {
		short fg = elements[e].fg, bg = elements[e].bg;
		if (!defaults) { /* -1 means nothing here: white on black */
			if (fg < 0)
				fg = COLOR_WHITE;
			if (bg < 0)
				bg = COLOR_BLACK;
		}
		init_pair((short)e, fg, bg);
	}
	colored = true;
	return true;
}

attr_t tui_colors_attr(tui_element e)
{
	if ((unsigned)e >= TUI_E_COUNT)
		return A_NORMAL;
	if (!colored)
		return elements[e].mono;
	return elements[e].attr | (e ? COLOR_PAIR(e) : 0);
}
