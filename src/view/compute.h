/* SPDX-License-Identifier: MIT */
/* The computation behind the view: one network, stepped a layer at a time
 * within a time budget, remade (its memory used again) when a setting
 * changes.
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
/* The network's weights changed (training): recompute its statistics now,
 * all passes, as a new generation (caches start again). */
void tui_compute_refresh(tui_compute *c);
double tui_compute_progress(const tui_compute *c); /* 0..1 */
void tui_compute_done(tui_compute *c);

#endif
