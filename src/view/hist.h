/* SPDX-License-Identifier: MIT */
/* Histogram rows of the layer view without curses: x-ranges (shared by all
 * finished layers or a layer's own), a cache of re-binned counts, and bar
 * heights 0..8 from counts. */
#ifndef IV_VIEW_HIST_H
#define IV_VIEW_HIST_H

#include <stdbool.h>
#include <stddef.h>
#include <initviz/net.h>
#include "view/compute.h"

#define TUI_LEVELS 8 /* bar heights 1..8; 0 is an empty bin */

/* Whether the pass that fills q has reached layer s. */
bool tui_hist_ready(const iv_layer_stats *s, iv_quantity q);

/* The x-range of q: a layer's own, or shared by every layer shown whose
 * pass is done. A range roughly centred on 0 (the smaller side at least a
 * quarter of the larger) is made symmetric so 0 sits in the middle; an empty
 * one (min == max) is widened. False when there is no finite value. */
bool tui_hist_range_layer(const iv_layer_stats *s, iv_quantity q, double *lo,
			  double *hi);
bool tui_hist_range_shared(const tui_compute *c, iv_quantity q, double *lo,
			   double *hi);

typedef struct tui_hist {
	bool valid;
	unsigned gen;
	size_t layer, bins, cap;
	iv_quantity q;
	double lo, hi;
	double *counts;
} tui_hist;

/* Slots, typically one per screen row and column: a slot is recomputed when
 * any part of its key (generation, layer, quantity, range, bins) changes. */
typedef struct tui_hist_cache {
	tui_hist *slot;
	size_t n;
} tui_hist_cache;

void tui_hist_cache_init(tui_hist_cache *c);
void tui_hist_cache_done(tui_hist_cache *c);
/* Counts of layer's q over [lo, hi] in bins bins, cached in slot; NULL when
 * the engine cannot bin it (not computed yet) or memory runs out. */
const double *tui_hist_counts(tui_hist_cache *c, size_t slot, iv_net *net,
			      unsigned gen, size_t layer, iv_quantity q,
			      double lo, double hi, size_t bins);

/* One slot's key for tui_hist_fill. */
typedef struct tui_hist_want {
	size_t slot, layer;
	iv_quantity q;
	double lo, hi;
	size_t bins;
} tui_hist_want;

/* tui_hist_counts for each of w[0, n), binned side by side on the
 * network's threads; tui_hist_get reads them. */
void tui_hist_fill(tui_hist_cache *c, const tui_hist_want *w, size_t n,
		   iv_net *net, unsigned gen);

/* The counts tui_hist_counts left in slot for exactly this key; NULL when
 * the slot holds something else (it only reads). */
const double *tui_hist_get(const tui_hist_cache *c, size_t slot, unsigned gen,
			   size_t layer, iv_quantity q, double lo, double hi,
			   size_t bins);

/* Bar heights: 0 for an empty bin, else 1..TUI_LEVELS scaled to the largest
 * count (by log(1 + count) when log is set), so any non-empty bin shows. */
void tui_hist_levels(const double *counts, size_t n, bool log,
		     unsigned char *levels);

#endif
