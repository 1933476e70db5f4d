/* SPDX-License-Identifier: MIT */
/* The signals the view answers: INT, TERM and HUP quit, CONT repaints. The
 * handler only notes the signal; the loop takes it between key waits. */
#ifndef IV_TUI_SIGNALS_H
#define IV_TUI_SIGNALS_H

/* Catch them (no SA_RESTART: a signal ends the key wait at once); ncurses
 * keeps its own TSTP and WINCH handlers. */
void tui_signals_catch(void);
/* Back to the default actions. */
void tui_signals_default(void);
/* The pending signal number, 0 when none; clears it. */
int tui_signals_take(void);

#endif
