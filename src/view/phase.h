/* SPDX-License-Identifier: MIT */
/* The phase diagram without curses: chi_1 over a grid of (sigma_w^2,
 * sigma_b^2), computed a few points at a time, coarse to fine, and the
 * words for the phases.
 *
 * Call order: tui_phase_init; tui_phase_setup whenever the activation or
 * the room on screen may have changed (it keeps the points when nothing
 * did); tui_phase_step between key reads while tui_phase_busy; read points
 * with tui_phase_point; tui_phase_done at the end. Point (i, j) is
 * sigma_w^2 = i dx, sigma_b^2 = j dy. */
#ifndef IV_VIEW_PHASE_H
#define IV_VIEW_PHASE_H

#include <stdbool.h>
#include <stddef.h>
#include <initviz/theory.h>

#define TUI_CRIT_TOL     0.01 /* |chi1 - 1| within this is "critical" */
#define TUI_PHASE_COARSE 8    /* stride of the first pass over the grid */
/* At most this many points across and up, however large the screen: each
 * point is a fixed point and a chi1 (about 0.3 ms), so that a 1000 x 1000
 * screen would take minutes for no detail a reader sees; a wider screen
 * draws each point over several columns. */
#define TUI_PHASE_COLS_MAX 200
#define TUI_PHASE_ROWS_MAX 60

typedef enum {
	TUI_CHI_VANISHING, /* ordered: chi1 < 1 - tol */
	TUI_CHI_CRITICAL,
	TUI_CHI_EXPLODING, /* chaotic: chi1 > 1 + tol, or q* = Inf */
	TUI_CHI_UNKNOWN,   /* chi1 not a number with a finite q* */
} tui_chi_class;

/* The class of a criticality: a diverging variance (q* = Inf) is exploding
 * whatever chi1 says. */
tui_chi_class tui_phase_classify(const iv_criticality *c);
/* "vanishing", "critical", "exploding", "unknown". */
const char *tui_phase_word(tui_chi_class k);
/* chi1 with q* = Inf and no chi1 taken as +Inf, so that "chi1 >= 1" orders
 * every point. */
double tui_phase_chi(const iv_criticality *c);

typedef struct tui_phase {
	bool valid;
	iv_act_kind act;
	double slope;
	/* the inputs' E[x^2]: each point starts from the q_1 = sigma_w^2 e2 +
	 * sigma_b^2 a network with them has (where chi1 jumps, gelu at
	 * sigma_b = 0, the phase depends on where q starts) */
	double e2;
	double xmax, ymax; /* the grid covers 0..xmax by 0..ymax */
	size_t nx, ny;
	double dx, dy;
	double *chi;         /* nx * ny, row j after row; see tui_phase_chi */
	unsigned char *have; /* 1 once a point is computed */
	size_t stride, i, j; /* the pass under way and its next point */
	size_t done, total;
} tui_phase;

void tui_phase_init(tui_phase *p);
void tui_phase_done(tui_phase *p);

/* The smallest step from 1, 2, 2.5, 4, 5 times a power of ten that
 * covers span in at most n - 1 steps (n >= 2). */
double tui_phase_nice_step(double span, size_t n);
/* The smallest of 1, 1.5, 2, 2.5, 3, 4, 5, 6, 8 times a power of ten that
 * is >= x (x > 0). */
double tui_phase_nice_ceil(double x);

/* The spacing of axis labels: the smallest of 1, 2, 4, 5 times a power of
 * ten that is >= min and a whole multiple of the grid step, so every label
 * sits on a grid point. */
double tui_phase_label_step(double grid, double min);

/* Lay out a grid of at most cols x rows points (and at most
 * TUI_PHASE_COLS_MAX x TUI_PHASE_ROWS_MAX) for activation k and
 * inputs of second moment e2 over 0..xmax by 0..ymax. Returns false when
 * out of memory (p is then invalid). */
bool tui_phase_setup(tui_phase *p, iv_act_kind k, double slope, double e2,
		     double xmax, double ymax, size_t cols, size_t rows);
/* Whether p is laid out for exactly that: what tui_phase_setup keeps. */
bool tui_phase_fits(const tui_phase *p, iv_act_kind k, double slope,
		    double e2, double xmax, double ymax, size_t cols,
		    size_t rows);
/* Whether p is laid out for activation k (and slope) and inputs e2. */
bool tui_phase_matches(const tui_phase *p, iv_act_kind k, double slope,
		       double e2);
/* Compute points until budget seconds have passed, at least one. True when
 * it computed any. */
bool tui_phase_step(tui_phase *p, iv_theory *th, double budget);
bool tui_phase_busy(const tui_phase *p);
double tui_phase_progress(const tui_phase *p); /* 0..1 */

/* chi1 of point (i, j), or of the nearest coarser point already computed
 * while the finer passes run. False when neither is computed yet. */
bool tui_phase_point(const tui_phase *p, size_t i, size_t j, double *chi);

/* The grid index nearest to v (clamped to 0..n-1). */
size_t tui_phase_index(double v, double step, size_t n);
/* The next grid value from v in direction dir (+1 or -1), clamped to
 * 0..(n-1) step; v itself when already at that edge. */
double tui_phase_next(double v, double step, size_t n, int dir);

#endif
