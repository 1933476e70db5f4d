/* SPDX-License-Identifier: MIT */
/* A frame: the layout (where each panel goes), the panels' preparation,
 * then the drawing, which only reads the state. */
#ifndef IV_TUI_FRAME_H
#define IV_TUI_FRAME_H

#include "tui/app.h"

/* Lay the LINES x COLS screen out into app->layout and app->rect (bands
 * above the bottom bar when they fit, none while a cover panel is open),
 * then let each shown panel prepare. */
void tui_frame_prepare(tui_app *app);
/* Draw every shown panel into stdscr, or the "terminal too small" notice,
 * and wnoutrefresh; the caller does doupdate. */
void tui_frame_draw(const tui_app *app);

#endif
