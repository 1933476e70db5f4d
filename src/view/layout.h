/* SPDX-License-Identifier: MIT */
/* Where everything goes on a lines x cols screen: the bands of rows (settings
 * bar, layer list, depth profile, bottom bar) and the columns of a layer row.
 * Arithmetic only, recomputed on every draw so a resize re-lays out all. */
#ifndef IV_VIEW_LAYOUT_H
#define IV_VIEW_LAYOUT_H

#include <stdbool.h>
#include "view/model.h"

#define TUI_MIN_COLS    60
#define TUI_MIN_LINES   15
#define TUI_SD_W        10 /* a std, right-aligned after a blank */
#define TUI_HEALTH_W    6  /* "  sat", " zero", " dead" */
#define TUI_UNIQ_W      9  /* " distinct" */
#define TUI_PROFILE_MIN 8
#define TUI_AXIS_W      7 /* a y-axis: a label ("1e-02", "0.25"), a blank,
			     the axis line */

/* Columns of one layer row: number, left histogram and its statistics,
 * separator, right histogram and its std. */
typedef struct tui_cols {
	int label_w;
	int lhist_x, lhist_w;
	int lsd_x;
	int health_x, health_n; /* 0: none, 1: saturated, 2: zero and dead */
	int uniq_x, uniq_w;     /* uniq_w 0 when the screen is too narrow */
	int sep_x;
	int rhist_x, rhist_w;
	int rsd_x;
} tui_cols;

typedef struct tui_layout {
	int lines, cols;
	bool too_small;
	int settings_y, settings_h;
	int header_y;             /* two rows: titles, then the x-axis */
	int layers_y, layers_h;   /* rows of layer entries; 0 when hidden */
	int profile_y, profile_h; /* 0 when hidden */
	int bar_y;
	tui_cols c;
} tui_layout;

/* Health columns of an activation: 1 when it saturates (tanh, sigmoid:
 * the saturated fraction), 2 when units can die (relu, leaky-relu: zero
 * fraction, dead units), else 0. */
int tui_layout_health_columns(iv_act_kind act);

/* Lay out for the model's view, activation and depth; distinct: whether
 * the "distinct neurons" column is wanted (some layer has collapsed units). */
void tui_layout_compute(tui_layout *lo, int lines, int cols, const tui_model *m,
			bool distinct);

#endif
