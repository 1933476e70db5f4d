/* SPDX-License-Identifier: MIT */
/* The theory parts of the running view (theory_app.c): their keys, their
 * share of the loop's work, and whether work remains; and their drawing
 * (draw_phase.c, draw_spectrum.c, draw_gain.c, draw_overlay.c). */
#ifndef IV_TUI_THEORY_APP_H
#define IV_TUI_THEORY_APP_H

#include "tui/app.h"
#include "tui/colors.h"

/* Do the theory's work for the configuration shown until budget seconds
 * have passed: predictions, the gains, phase points, the spectrum (once a
 * frame has said it is coming). Returns true when it did any. */
bool tui_theory_run(tui_app *app, double budget);
/* Whether work the shown theory needs remains. */
bool tui_theory_busy(const tui_app *app);
/* Run every pending piece of work to the end, the spectrum included (tests,
 * tui_app_settle). */
void tui_theory_settle(tui_app *app);
/* The theory keys, and the keys an open panel takes over (arrows in the
 * phase diagram, Esc). True when it handled a; the flags go in *flags. */
bool tui_theory_dispatch(tui_app *app, tui_action a, unsigned *flags);


/* The open panel over the layer area (draw.c calls it instead of the layers
 * and the profile). */
void tui_draw_panel(tui_app *app);
void tui_draw_phase(tui_app *app, int y, int h);    /* draw_phase.c */
void tui_draw_spectrum(tui_app *app, int y, int h); /* draw_spectrum.c */
void tui_draw_gain(tui_app *app, int y, int h);     /* draw_gain.c */

/* Overlay pieces for the shared views (draw_overlay.c). */
/* The criticality of the configuration as a settings-bar item: label
 * "chi1", value "0.98 vanishing"; and "q* 0.39  xi 50". False when the
 * theory has nothing to say (not computed, not random weights). */
bool tui_theory_chi_item(const tui_app *app, char *label, size_t lsize,
			 char *value, size_t vsize);
bool tui_theory_fix_item(const tui_app *app, char *label, size_t lsize,
			 char *value, size_t vsize);
/* +-1 and +-2 predicted std ticks over the pre-activation histogram of
 * layer in cells x..x+w-1 of row y covering [lo, hi]. */
void tui_draw_theory_ticks(tui_app *app, int y, size_t layer, int x, int w,
			   double lo, double hi);
/* Their legend, right-aligned in columns x..xend-1 when it fits; the
 * columns it takes (0 when there is none for quantity q). */
void tui_draw_theory_legend(tui_app *app, int y, int x, int xend);
int tui_theory_legend_width(const tui_app *app, iv_quantity q);
/* Whether the overlay is on and has predictions to draw. */
bool tui_theory_overlay(const tui_app *app);

/* A paragraph wrapped into w columns from (y, x), at most rows rows.
 * Returns the rows used. */
int tui_wrap(int y, int x, int w, int rows, tui_element e, const char *text);

#endif
