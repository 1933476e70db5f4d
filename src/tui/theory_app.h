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

/* Glyphs of the theory views, Unicode or ASCII like app->gl. */
typedef struct tui_theory_glyphs {
	const char *line;      /* a predicted curve in the depth profile */
	const char *sd1, *sd2; /* predicted +-1 and +-2 std ticks */
	const char *chi, *xi;  /* "chi1", "xi" */
	const char *xic, *xig; /* depth scales of correlations, gradients */
	const char *sw, *sw2, *sb, *sb2; /* "sigma_w", "sigma_w^2", ... */
	const char *phi, *sqrt, *sq;     /* "phi", "sqrt", "^2" */
	const char *root2, *rootq;       /* "sqrt(2)", "sqrt(q)" */
	const char *infinity;
	const char *ordered[3]; /* chi1 < 1: near 1, further, far */
	const char *chaotic[3]; /* chi1 > 1: likewise */
	const char *crit;       /* the chi1 = 1 line */
	const char *cursor;     /* the setting shown */
	const char *ref;        /* the isometry reference (value 1) */
} tui_theory_glyphs;

const tui_theory_glyphs *tui_theory_gl(const tui_app *app);

/* The open panel over the layer area (draw.c calls it instead of the layers
 * and the profile). */
void tui_draw_panel(tui_app *app);
void tui_draw_phase(tui_app *app, int y, int h);    /* draw_phase.c */
void tui_draw_spectrum(tui_app *app, int y, int h); /* draw_spectrum.c */
void tui_draw_gain(tui_app *app, int y, int h);     /* draw_gain.c */

/* Overlay pieces for the shared views (draw_overlay.c). */
/* The criticality of the configuration as settings-bar items: label
 * "chi1", value "0.98 vanishing"; label "q*", value "0.39" ("diverges" or
 * "neutral" where there is no q*); label "xi_c", value "50  xi_g 50" (the
 * depth scales of correlations and of gradients). False when the theory
 * has nothing to say (not computed, not random weights). */
bool tui_theory_chi_item(const tui_app *app, char *label, size_t lsize,
			 char *value, size_t vsize);
bool tui_theory_fix_item(const tui_app *app, char *label, size_t lsize,
			 char *value, size_t vsize);
bool tui_theory_xi_item(const tui_app *app, char *label, size_t lsize,
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

/* Text helpers: a number like tui_fmt with Inf as the infinity glyph; a
 * paragraph wrapped into w columns from (y, x), at most rows rows.
 * Returns the rows used. */
char *tui_theory_fmt(const tui_app *app, double v, char *buf, size_t size);
/* q* as text: the number when stable, else "diverges" or "neutral"; and
 * both depth scales, "xi_c 21.7  xi_g 9.97". */
char *tui_theory_q_text(const tui_app *app, const iv_criticality *c,
			char *buf, size_t size);
char *tui_theory_xi_text(const tui_app *app, const iv_criticality *c,
			 char *buf, size_t size);
int tui_wrap(int y, int x, int w, int rows, tui_element e, const char *text);

#endif
