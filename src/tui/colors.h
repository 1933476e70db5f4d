/* SPDX-License-Identifier: MIT */
/* The UI elements and their colours: one table, monochrome fallbacks. */
#ifndef IV_TUI_COLORS_H
#define IV_TUI_COLORS_H

#include <stdbool.h>
#include <curses.h>

/* element, foreground, background (-1: terminal default), colour attribute,
 * monochrome attribute. Chosen to read on a projector, on dark and light
 * backgrounds alike: no dim text for anything worth reading, no yellow or
 * cyan letters on the default background. */
#define TUI_ELEMENT_LIST(X)                                                    \
	X(TUI_E_NORMAL, -1, -1, A_NORMAL, A_NORMAL)                            \
	X(TUI_E_LABEL, -1, -1, A_NORMAL, A_NORMAL)                             \
	X(TUI_E_VALUE, -1, -1, A_BOLD, A_BOLD)                                 \
	X(TUI_E_TITLE, -1, -1, A_BOLD, A_BOLD)                                 \
	X(TUI_E_AXIS, -1, -1, A_NORMAL, A_NORMAL)                              \
	X(TUI_E_ACT, COLOR_GREEN, -1, A_NORMAL, A_NORMAL)                      \
	X(TUI_E_GRAD, COLOR_MAGENTA, -1, A_NORMAL, A_NORMAL)                   \
	X(TUI_E_WARN, COLOR_RED, -1, A_BOLD, A_BOLD | A_UNDERLINE)             \
	X(TUI_E_PENDING, -1, -1, A_DIM, A_DIM)                                 \
	X(TUI_E_PROGRESS, COLOR_GREEN, -1, A_BOLD, A_BOLD)                     \
	X(TUI_E_BAR_KEY, COLOR_WHITE, COLOR_BLACK, A_BOLD, A_BOLD)             \
	X(TUI_E_BAR_LABEL, COLOR_BLACK, COLOR_CYAN, A_NORMAL, A_REVERSE)       \
	X(TUI_E_HELP, -1, -1, A_NORMAL, A_NORMAL)                              \
	X(TUI_E_HELP_KEY, COLOR_GREEN, -1, A_BOLD, A_BOLD)                     \
	X(TUI_E_NOTICE, COLOR_BLACK, COLOR_YELLOW, A_NORMAL, A_REVERSE)        \
	X(TUI_E_ORDERED, COLOR_WHITE, COLOR_BLUE, A_NORMAL, A_NORMAL)          \
	X(TUI_E_CHAOTIC, COLOR_WHITE, COLOR_RED, A_NORMAL, A_NORMAL)

typedef enum {
#define TUI_X(e, fg, bg, attr, mono) e,
	TUI_ELEMENT_LIST(TUI_X)
#undef TUI_X
	TUI_E_COUNT
} tui_element;

/* Set up colour pairs when the terminal has colours and NO_COLOR is unset or
 * empty; otherwise every element uses its monochrome attribute. Call after
 * the screen is open. Returns whether colours are in use. */
bool tui_colors_init(void);
/* The attributes (pair included) of an element. */
attr_t tui_colors_attr(tui_element e);

#endif
