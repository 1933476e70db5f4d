/* SPDX-License-Identifier: MIT */
/* The signals the view answers: every one whose default action ends the
 * process (INT, TERM, HUP, QUIT, USR1, USR2, PIPE, ALRM, VTALRM, PROF,
 * XCPU, XFSZ) quits with the terminal restored first, CONT repaints. The
 * handler only notes the signal; the loop takes it between key waits. */
#ifndef IV_TUI_SIGNALS_H
#define IV_TUI_SIGNALS_H

#include <stdbool.h>
#include <termios.h>

/* Catch them (no SA_RESTART: a signal ends the key wait at once). A signal
 * ignored when initviz started (nohup, a background job) stays ignored.
 * ncurses keeps its own TSTP and WINCH handlers. */
void tui_signals_catch(void);
/* Back to the actions they had before tui_signals_catch. */
void tui_signals_default(void);
/* The pending signal number, 0 when none; clears it. A request to quit
 * (the first one) comes before CONT, whatever order they came in. A second
 * request while the first is not taken yet (the loop held up by a long
 * computation) quits at once once tui_signals_fatal_arm has run: the
 * terminal restored as for a crash, the process dead of the signal. */
int tui_signals_take(void);

/* Crash signals (SEGV, BUS, FPE, ILL, ABRT) left at their default action:
 * on one, write seq (leave the alternate screen, show the cursor) to fd,
 * set tio (the terminal as it was before the screen opened), then die of
 * the signal as before. A sanitizer's own handler is left alone. */
void tui_signals_fatal_arm(int fd, const struct termios *tio,
			   const char *seq);
/* Back to the actions they had before tui_signals_fatal_arm. */
void tui_signals_fatal_disarm(void);

#endif
