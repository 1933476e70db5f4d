/* SPDX-License-Identifier: MIT */
/* The one input function: script steps first, then the keyboard, with a
 * timeout; a stdin that keeps failing at once is taken as closed. */
#ifndef IV_TUI_INPUT_H
#define IV_TUI_INPUT_H

#include "tui/app.h"

/* The next key within timeout_ms (script first, then the keyboard), as a
 * view key code (keys.h); ERR when none. Runs script commands (Wait, Save,
 * Resize) on the way. */
int tui_input_read(tui_app *app, int timeout_ms);

#endif
