/* SPDX-License-Identifier: MIT */
/* The main loop: draw when something changed, read a key with a timeout,
 * dispatch it and act on the flags (then draw again at once), otherwise
 * work within a budget. */
#ifndef IV_TUI_LOOP_H
#define IV_TUI_LOOP_H

#include "tui/app.h"

/* Step, draw, read, dispatch until quit. Returns the exit status. */
int tui_loop(tui_app *app);
/* Act on TUI_F_* flags: cancel the computation (it starts again once keys
 * stop; training ends with its network), mark the screen for drawing,
 * quit. */
void tui_loop_apply(tui_app *app, unsigned flags);

#endif
