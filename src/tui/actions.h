/* SPDX-License-Identifier: MIT */
/* What an action does: the view's own (quit, resize, redraw, save the
 * screen, open and close panels) and, through the panels, the rest. */
#ifndef IV_TUI_ACTIONS_H
#define IV_TUI_ACTIONS_H

#include "tui/app.h"

/* Do action a; returns TUI_F_* flags. */
unsigned tui_actions_dispatch(tui_app *app, tui_action a);
/* A key as read: to the open prompt (view/prompt.h) while there is one,
 * but for resizing and redrawing; else its action. TUI_F_* flags. */
unsigned tui_actions_key(tui_app *app, int key);

#endif
