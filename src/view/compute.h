/* SPDX-License-Identifier: MIT */
/* The computation behind the view: one network, stepped a layer at a time
 * within a time budget, remade (its memory used again) when a setting
 * changes; and the statistics the view shows of it.
 *
 * What is shown: while the first pass runs, the network's own statistics,
 * filling in layer by layer; once a pass is complete, a copy of them (the
 * shown statistics), which stays while training changes the weights and
 * a later pass recomputes them, and is replaced when that pass is complete
 * (tui_compute_refreshed). The network's stored matrices are those of the
 * shown statistics unless training has touched them (tui_compute_stale):
 * re-binning a histogram then waits for the next pass.
 *
 * Call order: tui_compute_start(c, cfg) for each configuration, then
 * tui_compute_run(c, budget) between key reads until tui_compute_busy() is
 * false; tui_compute_done(c) at the end. No curses here. */
#ifndef IV_VIEW_COMPUTE_H
#define IV_VIEW_COMPUTE_H

#include <stdbool.h>
#include <initviz/net.h>
#include "view/trace.h"

typedef struct tui_compute {
	iv_net *net;    /* NULL when the last start failed */
	iv_net *old;    /* cancelled; the next start makes its network of it */
	unsigned gen;   /* counts starts: caches compare it */
	iv_status st;   /* IV_CONTINUE while running, then IV_OK or an error */
	double seconds; /* work so far: allocation plus steps */
	size_t steps;   /* steps done of this network */
	tui_trace_file *trace; /* NULL, or --trace: a line before and after
				  each step ("step forward layer=3") */
	iv_layer_stats *shown; /* 1..depth: the last complete pass's
				  statistics (histograms not copied: NULL) */
	size_t shown_cap;      /* layers shown can hold */
	bool have_shown;       /* shown holds a complete pass of net */
	bool stale;            /* net's matrices are newer than shown's */
} tui_compute;

void tui_compute_init(tui_compute *c);
/* Cancel the current network's work and make cfg's network of it
 * (iv_net_realloc: its memory is used again). */
void tui_compute_start(tui_compute *c, const iv_config *cfg);
/* Cancel the current network's work; net becomes NULL. It is kept for
 * the next start, which uses its memory again (a large network takes a
 * while to free: the key that cancelled is answered first). */
void tui_compute_cancel(tui_compute *c);
/* Step until done or budget seconds have passed (at least one step).
 * Returns true when it did any work. */
bool tui_compute_run(tui_compute *c, double budget);
bool tui_compute_busy(const tui_compute *c);
/* Training is about to change the network's weights and matrices: what is
 * shown stays, but the matrices are no longer its (no re-binning). */
void tui_compute_touch(tui_compute *c);
/* A pass of the network (iv_net_step until IV_OK, after training's
 * iv_net_restart) is complete: it becomes what is shown, as a new
 * generation (caches start again). */
void tui_compute_refreshed(tui_compute *c);
/* The statistics shown of layer l (1..depth); NULL without a network or
 * for l out of range. */
const iv_layer_stats *tui_compute_layer(const tui_compute *c, size_t l);
/* Whether the network's matrices are those of what is shown (histograms
 * can be re-binned from them). */
bool tui_compute_readable(const tui_compute *c);
double tui_compute_progress(const tui_compute *c); /* 0..1 */
void tui_compute_done(tui_compute *c);

#endif
