/* SPDX-License-Identifier: MIT */
/* The running view: model, computation, caches and terminal state, shared by
 * the loop, the input, the actions and the draw functions.
 *
 * Call order (tui.c): open a screen, tui_app_init, tui_loop, tui_app_done,
 * close the screen. Tests do the same on a headless screen. */
#ifndef IV_TUI_APP_H
#define IV_TUI_APP_H

#include <stdbool.h>
#include <stdio.h>
#include <curses.h>
#include "tui/compute.h"
#include "tui/glyphs.h"
#include "tui/hist.h"
#include "tui/keys.h"
#include "tui/layout.h"
#include "tui/model.h"
#include "tui/script.h"
#include "tui/teach.h"
#include "tui/theory.h"
#include "tui/trace.h"
#include "tui/tui.h"

#define TUI_BUDGET    0.04 /* seconds of engine work between key reads */
#define TUI_IDLE_MS   500  /* key wait when idle; signals are checked between */
#define TUI_EOF_READS 20   /* immediate ERRs in a row that mean stdin is gone */

/* Result flags of an action (htop's HANDLED | REDRAW | RESIZE). */
enum {
	TUI_F_NONE = 0,
	TUI_F_REDRAW = 1,    /* draw again */
	TUI_F_RECOMPUTE = 2, /* the configuration changed */
	TUI_F_RESIZE = 4,    /* the terminal size changed */
	TUI_F_FULL = 8,      /* repaint every cell (Ctrl-L, SIGCONT) */
	TUI_F_QUIT = 16,
};

typedef struct tui_app {
	tui_model model;
	tui_compute comp;
	tui_hist_cache cache;
	tui_theory theory; /* predictions, phase diagram, spectrum */
	tui_teach teach;   /* training, lessons */
	tui_layout layout;
	const tui_glyphs *gl;
	tui_script script;      /* keys from --keys or $INITVIZ_SCRIPT */
	bool headless;          /* virtual screen: quit when the script ends */
	const char *fixed_time; /* shown in place of timings (tests) */
	tui_trace_file trace;   /* --trace: timestamped events */
	bool dirty;             /* the screen needs drawing */
	bool pending;           /* settings changed: start once keys stop */
	bool quit;
	int status;      /* exit status once quit */
	char fatal[320]; /* printed after the terminal is restored */
	int fast_errs;   /* key reads that failed at once, in a row */
} tui_app;

/* Prepare the view for cfg (the first computation starts). opt may be NULL.
 * Returns 0, or 2 after printing why (unreadable script, trace file). */
int tui_app_init(tui_app *app, const iv_config *cfg, const tui_options *opt);
void tui_app_done(tui_app *app);
/* Append one event line to the trace (trace.h): seconds since start, then
 * text. A no-op without --trace. */
void tui_trace(tui_app *app, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Stop with status 2 and msg, printed once the terminal is restored. */
void tui_fatal(tui_app *app, const char *msg);
/* Whether a computation is waiting to start or running. */
bool tui_app_busy(const tui_app *app);
/* Start a pending computation and run it to the end (tests). */
void tui_app_settle(tui_app *app);
/* Start a pending computation now. */
void tui_app_start(tui_app *app);

/* The loop: step, draw, read, dispatch until quit. Returns the exit status. */
int tui_loop(tui_app *app);
/* Do action a; returns TUI_F_* flags. */
unsigned tui_dispatch(tui_app *app, tui_action a);
/* Act on flags: cancel the computation (it starts again once keys stop),
 * mark the screen for drawing, quit. */
void tui_apply(tui_app *app, unsigned flags);
/* The next key within timeout_ms (script first, then the keyboard); ERR
 * when none. Runs script commands (Wait, Save, Resize) on the way. */
int tui_input_read(tui_app *app, int timeout_ms);

/* Signals caught (tui.c): the pending signal number, 0 when none; clears it. */
int tui_signal_take(void);

/* Screens (screen.c). A headless screen writes to /dev/null at a fixed
 * size; tests and scripts without a terminal use it. */
SCREEN *tui_screen_headless(int lines, int cols);
/* Write the screen's text, one line per row, trailing blanks cut, to a
 * new file (never an existing one, never through a symbolic link). 0, or
 * -1 with errno set and no file left behind. */
int tui_screen_save(const char *path);
/* Row y of the screen as UTF-8 into buf. */
void tui_screen_row(int y, char *buf, size_t size);

#endif
