/* SPDX-License-Identifier: MIT */
/* The running view's state: the model, the computation and the theory
 * (src/view), training and lessons, the layout and where each panel is,
 * which panel is open, the script, the trace and the terminal state.
 *
 * Call order (tui.c): tui_app_init, open a screen, tui_loop (loop.h),
 * close the screen, tui_app_done. Tests do the same on a headless screen
 * (screen.h). */
#ifndef IV_TUI_APP_H
#define IV_TUI_APP_H

#include <stdbool.h>
#include <stdio.h>
#include "tui/panels.h"
#include "tui/tui.h"
#include "view/clock.h"
#include "view/compute.h"
#include "view/glyphs.h"
#include "view/hist.h"
#include "view/keys.h"
#include "view/layout.h"
#include "view/lessons.h"
#include "view/model.h"
#include "view/prompt.h"
#include "view/script.h"
#include "view/theory.h"
#include "view/trace.h"
#include "view/train.h"

#define TUI_BUDGET    0.04 /* seconds of engine work between key reads */
#define TUI_IDLE_MS   500  /* key wait when idle; signals are checked */
#define TUI_EOF_READS 20   /* immediate ERRs in a row: stdin is gone */

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
	tui_hist_cache cache; /* the layer list's re-binned histograms */
	tui_theory theory;    /* predictions, gains, phase diagram, spectrum */
	tui_train train;      /* training of the network shown */
	tui_lessons les;
	tui_layout layout;
	tui_rect
	    rect[TUI_PANEL_COUNT]; /* where each panel is; h 0: not shown */
	tui_panel cover;           /* the open COVER panel, or NONE */
	tui_panel modal;           /* the open MODAL panel, or NONE */
	tui_prompt prompt;         /* ':' or '/' in the bottom row */
	bool prompting;            /* the prompt is open: keys edit it */
	const tui_glyphs *gl;
	tui_script script;      /* keys from --keys or $INITVIZ_SCRIPT */
	bool headless;          /* virtual screen: quit when the script ends */
	const char *fixed_time; /* shown in place of timings (tests) */
	tui_trace_file trace;   /* --trace: timestamped events */
	bool dirty;             /* the screen needs drawing */
	bool pending;           /* settings changed: start once keys stop */
	bool settling;          /* work runs to the end, not frame by frame */
	bool quit;
	int status;             /* exit status once quit */
	char fatal[320];        /* printed after the terminal is restored */
	int fast_errs;          /* key reads that failed at once, in a row */
	int tty_in;             /* the terminal's input (hangup), -1: none */
	tui_command_fn command; /* from tui_options */
	void *command_ctx;
} tui_app;

/* Prepare the view for cfg (the first computation starts in the loop).
 * opt may be NULL. Returns 0, or 2 after printing why (unreadable script,
 * trace file). */
int tui_app_init(tui_app *app, const iv_config *cfg, const tui_options *opt);
void tui_app_done(tui_app *app);
/* Append one event line to the trace (trace.h): seconds since start, then
 * text. A no-op without --trace. */
void tui_app_trace(tui_app *app, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Stop with status 2 and msg, printed once the terminal is restored. */
void tui_app_fatal(tui_app *app, const char *msg);
/* The whole command line that reproduces the view (tui_options.command)
 * in a new string (free it); NULL when out of memory. */
char *tui_app_command(const tui_app *app);
/* Whether the network is being drawn or computed. */
bool tui_app_computing(const tui_app *app);
/* Whether training or a lesson is under way (the distinct-neuron column
 * shows every layer then, not only collapsed ones). */
bool tui_app_teaching(const tui_app *app);
/* Whether the theory's predictions describe the network on screen: the
 * overlay is on and has them, and the weights are the initial ones (the
 * mean field predicts a network at initialization, not after training). */
bool tui_app_theory_shown(const tui_app *app);
/* Whether the overlay is on and has predictions that training has left
 * behind (the screen then says why it draws none). */
bool tui_app_theory_trained(const tui_app *app);

#endif
