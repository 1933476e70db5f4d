/* SPDX-License-Identifier: MIT */
/* The cobweb plots without curses: the length map q_l against q_(l-1) and
 * the correlation map c_l against c_(l-1), each with the diagonal, this
 * network's iterates as a staircase and the map's stable fixed point, the
 * way Poole et al. (2016) explain fixed points. What the panel draws:
 * the axes (the same range across and up, log or linear), the map at each
 * column, the iterates, the point to mark and the words for it.
 *
 * Call order: a zeroed tui_cobweb is ready (the length map, two inputs of
 * correlation TUI_COBWEB_C0 for the correlation map); tui_cobweb_layout
 * whenever the room may have changed; tui_cobweb_step between key reads
 * while !tui_cobweb_fresh (it starts over when the configuration, the map
 * or the room changed, and computes within a time budget); read the
 * result once fresh. No memory is allocated: nothing to free. */
#ifndef IV_VIEW_COBWEB_H
#define IV_VIEW_COBWEB_H

#include <stdbool.h>
#include <stddef.h>
#include <initviz/theory.h>
#include "view/glyphs.h"

struct tui_theory;

#define TUI_COBWEB_LAYERS    64   /* iterates drawn at most */
#define TUI_COBWEB_COLS      400  /* plot columns computed at most */
#define TUI_COBWEB_LOG_RATIO 100. /* values spanning more: log axes */
#define TUI_COBWEB_C0        0.5  /* the inputs' correlation at first */
#define TUI_COBWEB_C0_STEP   0.1

typedef enum {
	TUI_COBWEB_LENGTH, /* q_l against q_(l-1) */
	TUI_COBWEB_CORR,   /* c_l against c_(l-1) */
} tui_cobweb_map;

/* One axis, the same across and up: lo..hi, on a log10 scale or not. */
typedef struct tui_cobweb_axis {
	bool log;
	double lo, hi;
} tui_cobweb_axis;

/* Why there is nothing to plot. */
typedef enum {
	TUI_COBWEB_OK,
	TUI_COBWEB_NOT_RANDOM, /* the theory does not describe the scheme */
	TUI_COBWEB_NOT_PLAIN,  /* residual blocks or a normalization: the
				* maps are a plain layer's, not this net's */
	TUI_COBWEB_NO_THEORY,  /* out of memory, or no predictions */
	TUI_COBWEB_PAST_RANGE, /* layer 1's q is past 1e300 (a bias or a
				* weight std over about 1e150): no iterate
				* to place on an axis; crit still holds
				* what the fixed point does */
	TUI_COBWEB_NO_SIGNAL,  /* the correlation map when every unit is 0
				* (q_1 = 0: no weights' variance and no
				* bias): a correlation is 0/0 */
} tui_cobweb_state;

typedef struct tui_cobweb {
	/* what to show: the panel's settings */
	tui_cobweb_map map;
	bool c0_set;       /* false: TUI_COBWEB_C0 */
	double c0;         /* the two inputs' correlation (tui_cobweb_c0) */
	size_t cols, rows; /* the plot's cells (tui_cobweb_layout) */

	/* what was computed, and for what */
	bool valid;
	iv_config key;
	tui_cobweb_map key_map;
	double key_c0;
	size_t key_cols, key_rows;
	tui_cobweb_state state;
	iv_criticality crit; /* of the first layer's map */
	iv_theory_map m;     /* the first layer's map: the curve drawn */
	size_t depth;        /* the network's layers */
	size_t n;            /* iterates shown: the first n layers */
	size_t n_done;       /* iterates computed so far */
	double q[TUI_COBWEB_LAYERS];  /* q_1..q_n (iv_theory_layers) */
	double it[TUI_COBWEB_LAYERS]; /* the iterates: q_l or c_l */
	bool same_maps; /* every layer shown has the first layer's map */
	double map_q;   /* CORR: the q of the map drawn (q*, +Inf, q_1) */
	double fixed;   /* the point marked: q* or c*; NAN when none */
	tui_cobweb_axis ax;
	size_t y_done;             /* columns of the curve computed */
	double y[TUI_COBWEB_COLS]; /* the map at each column's value */
} tui_cobweb;

/* The inputs' correlation the correlation map starts from. */
double tui_cobweb_c0(const tui_cobweb *w);
/* Move it by steps of TUI_COBWEB_C0_STEP within -1..1; false at an edge. */
bool tui_cobweb_move_c0(tui_cobweb *w, int dir);
/* Switch between the two maps. */
void tui_cobweb_toggle(tui_cobweb *w);

/* The plot's room: cols x rows cells (cols cut to TUI_COBWEB_COLS). */
void tui_cobweb_layout(tui_cobweb *w, size_t cols, size_t rows);
/* Whether w holds the finished plot of cfg, its map and room. */
bool tui_cobweb_fresh(const tui_cobweb *w, const struct tui_theory *t,
		      const iv_config *cfg);
/* Start over when not fresh, then compute for about budget seconds (at
 * least one item). Brings t's predictions up to date. True when it
 * computed anything. */
bool tui_cobweb_step(tui_cobweb *w, struct tui_theory *t, const iv_config *cfg,
		     double budget);
double tui_cobweb_progress(const tui_cobweb *w); /* 0..1 */

/* The value at the middle of column i (0..cols-1), and of row j
 * (0..rows-1, 0 at the bottom). */
double tui_cobweb_x(const tui_cobweb *w, size_t i);
double tui_cobweb_yv(const tui_cobweb *w, size_t j);
/* The column and row (0 at the bottom) of value v; -1 when it is off the
 * axis or not a number. */
int tui_cobweb_col(const tui_cobweb *w, double v);
int tui_cobweb_row(const tui_cobweb *w, double v);
/* The row of v as tui_cobweb_row, but -1 below the axis (0 and less on a
 * log axis too) and rows above it; INT_MIN when v is not a number. */
int tui_cobweb_row_edge(const tui_cobweb *w, double v);
/* Axis labels: up to most (and max) values from lo to hi (powers of ten on a
 * log axis, nice steps on a linear one, at least rows / 4 apart in rows).
 * Returns how many. */
size_t tui_cobweb_ticks(const tui_cobweb *w, size_t most, double *v,
			size_t max);
/* A label as text: "0.5", "100", "1e-08" as a power of ten on a log
 * axis. Returns buf. */
char *tui_cobweb_tick_text(const tui_cobweb *w, double v, char *buf,
			   size_t size);

/* Corner k of the staircase, 0..2(n-1): k = 0 is (it_1, it_1) on the
 * diagonal; k = 2l - 1 is (it_l, it_(l+1)) on the map, k = 2l is
 * (it_(l+1), it_(l+1)) back on the diagonal. False out of range. */
bool tui_cobweb_corner(const tui_cobweb *w, size_t k, double *x, double *y);
size_t tui_cobweb_corners(const tui_cobweb *w);

/* The plot's glyphs, Unicode or ASCII as the view's table g. */
typedef struct tui_cobweb_glyphs {
	const char *curve, *diag;  /* the map, the diagonal */
	const char *vert, *horiz;  /* the staircase */
	const char *start, *fixed; /* the first layer, the fixed point */
	const char *chic;          /* the correlation map's slope at c* */
} tui_cobweb_glyphs;
const tui_cobweb_glyphs *tui_cobweb_glyphs_for(const tui_glyphs *g);

/* What the map does, in words: "q* 0.618: stable", "no fixed point: q
 * diverges", "neutral: every q is fixed"; "c* 0.267: stable", "every c is
 * fixed"; or why nothing is drawn. Returns buf. */
char *tui_cobweb_verdict(const tui_cobweb *w, char *buf, size_t size);
/* The fixed point's words alone (as tui_cobweb_verdict where the map is
 * drawn), also when it is not drawn for TUI_COBWEB_PAST_RANGE. */
char *tui_cobweb_fixed_text(const tui_cobweb *w, char *buf, size_t size);

#endif
