/* SPDX-License-Identifier: MIT */
/* Where everything goes on a lines x cols screen, without curses: the
 * fixed rows (settings bar, bottom bar), the rows shared out among the
 * parts of the view by importance, and the columns of a layer row.
 * Arithmetic only, recomputed before every frame so a resize re-lays out
 * all.
 *
 * Sharing rows (tui_layout_share): each part (the layer list, the depth
 * profile, the training strip, the lesson text, ...) asks for rows it wants
 * and names the fewest worth showing and a fair share (rows it gets before
 * another part gets more than its own share); one may take what is left.
 * Parts are
 * served in order of importance, at each step: the lesson's text first, then
 * what the lesson points at (its `shows` list, by panel name), then the rest in
 * screen order (tui_layout_order). A part that does not get its fewest rows
 * is dropped; no row stays blank while one is dropped, unless no part shown
 * can give up or take a row. */
#ifndef IV_VIEW_LAYOUT_H
#define IV_VIEW_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>
#include "view/model.h"

#define TUI_MIN_COLS     60
#define TUI_MIN_LINES    15
/* Rows the bottom bar may take for a long notice or prompt note: the
 * longest (the settings list after an unknown setting) takes three at
 * TUI_MIN_COLS; one more to spare, and the rest of the narrowest screen
 * still shows the top rows and a few layers. */
#define TUI_BAR_ROWS     4
#define TUI_SD_W         10 /* a std, right-aligned after a blank */
#define TUI_HEALTH_W     6  /* "  sat", " zero", " dead" */
#define TUI_UNIQ_W       9  /* " distinct" */
#define TUI_PROFILE_MIN  5  /* depth profile: title, 3 rows of plot, axis */
#define TUI_PROFILE_WANT 10 /* what it asks for before the rest is shared */
#define TUI_LAYERS_MIN   5  /* layer list: titles, axis, 3 layers */
#define TUI_LAYERS_FAIR                                                        \
	10 /* the list gets 8 layers before the profile                        \
	      gets more than its fewest */
#define TUI_AXIS_W                                                             \
	7 /* a y-axis: a label ("1e-02", "0.25"), a blank,                     \
	     the axis line */
#define TUI_BLOCKS_MAX 16

/* Health columns beside the left histogram. */
typedef enum {
	TUI_HEALTH_NONE,
	TUI_HEALTH_SAT,       /* tanh, sigmoid: fraction saturated */
	TUI_HEALTH_ZERO_DEAD, /* relu, leaky-relu: outputs 0, dead units */
	TUI_HEALTH_DEAD,      /* the same showing pre-activations: a zero
				 output is not a property of z */
} tui_health;

/* Columns of one layer row: number, left histogram and its statistics,
 * separator, right histogram and its std. */
typedef struct tui_cols {
	int label_w;
	int lhist_x, lhist_w;
	int lsd_x;
	tui_health health;
	int health_x, health_n; /* columns of TUI_HEALTH_W */
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
	int bar_y, bar_h; /* the bottom bar: 1 row, up to TUI_BAR_ROWS (panel.h) */
	tui_cols c;
} tui_layout;

/* A part of the screen asking for rows. */
typedef struct tui_block {
	int want;   /* rows it asks for; 0: not shown */
	int min;    /* fewest worth showing (at most want; 0 means want) */
	int fair;   /* rows it gets before any block gets more than its fair
		       share (0 means want) */
	bool grows; /* takes rows left over once every part has its want */
	int rows;   /* given by tui_layout_share; 0: dropped or not shown */
} tui_block;

/* The health columns for an activation, showing pre-activations or not. */
tui_health tui_layout_health(iv_act_kind act, bool preact);

/* Whether the layer rows show the "distinct neurons" column. Short of
 * room (the histograms keep 24 columns), it gives way to the health
 * columns, or they to it. */
typedef enum {
	TUI_UNIQ_OFF,   /* not wanted */
	TUI_UNIQ_ON,    /* wanted; goes first when short of room */
	TUI_UNIQ_FIRST, /* wanted more than the health columns: the network
			   has collapsed and the count is the point */
} tui_uniq;

/* Lay out the fixed rows and the layer-row columns for the model's
 * activation and depth; distinct: whether the "distinct neurons" column is
 * wanted. The rows between the bars are shared by tui_layout_share; the
 * caller sets header_y, layers_* and profile_* from what it gave. */
void tui_layout_compute(tui_layout *lo, int lines, int cols, const tui_model *m,
			tui_uniq distinct);

/* Give avail rows to the n blocks b, served in order (indices into b, each
 * once): first each its fewest rows while they fit (else it is dropped),
 * then each up to its fair share, then up to its want, then the first
 * that grows all that is left;
 * if rows are still left and a block was dropped, blocks of less
 * importance, then more, give up rows above their fewest to bring it back.
 * Returns the rows left blank. */
int tui_layout_share(tui_block *b, size_t n, const int *order, int avail);

/* The order of importance of n parts named names[0..n-1] (screen order):
 * first (may be NULL), then those named in focus[0..nfocus-1] in its
 * order, then the rest in screen order; names not found are skipped.
 * Writes n indices to order. */
void tui_layout_order(const char *const *names, size_t n, const char *first,
		      const char *const *focus, size_t nfocus, int *order);

#endif
