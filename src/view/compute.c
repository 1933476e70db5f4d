/* SPDX-License-Identifier: MIT */
/* The stepped computation: allocate, step within a budget, cancel (and free
 * before the next allocation). */
#include <stdlib.h>
#include "view/clock.h"
#include "view/compute.h"

void tui_compute_init(tui_compute *c)
{
	*c = (tui_compute){.net = NULL, .st = IV_OK};
	iv_net_expect_repeats(); /* a network a key */
}

void tui_compute_cancel(tui_compute *c)
{
	if (c->net) { /* keep one cancelled network at most */
		iv_net_free_later(c->old);
		c->old = c->net;
	}
	c->net = NULL;
	c->st = IV_OK;
	c->gen++;
	c->have_shown = c->stale = false;
}

/* Copy the network's statistics (a complete pass) to what is shown. */
static void keep(tui_compute *c)
{
	size_t L = iv_net_depth(c->net);
	if (L + 1 > c->shown_cap) {
		iv_layer_stats *p = realloc(c->shown, (L + 1) * sizeof *p);
		if (!p) { /* no copy: the network's own, while they last */
			c->have_shown = false;
			return;
		}
		c->shown = p;
		c->shown_cap = L + 1;
	}
	for (size_t l = 1; l <= L; l++) {
		c->shown[l] = *iv_net_layer(c->net, l);
		for (int q = 0; q < IV_Q_COUNT; q++)
			c->shown[l].q[q].hist = NULL; /* the network's */
	}
	c->have_shown = true;
	c->stale = false;
}

void tui_compute_start(tui_compute *c, const iv_config *cfg)
{
	double t0 = tui_clock_now();
	tui_compute_cancel(c);
	c->steps = 0;
	/* the last network's memory: drawn into at the same shapes (no pages
	 * to fault in), its block kept or grown at others */
	c->net = iv_net_realloc(c->old, cfg, &c->st);
	c->old = NULL;
	if (c->net) {
		/* a key that changes a scale alone then draws nothing */
		iv_net_keep_draws(c->net, true);
		/* the view bins at its own ranges (hist.c), from the kept
		 * gradients; a figure asks for the network's own histograms
		 * when it is saved */
		iv_net_histograms(c->net, !cfg->retain);
		c->st = IV_CONTINUE;
	}
	c->seconds = tui_clock_now() - t0;
}

/* Trace event (step or stepped) for a step of layer l (1..depth) in the
 * given pass: a wide layer takes several steps, a small one one. */
static void trace_step(const tui_compute *c, const char *event, size_t l,
		       bool backward)
{
	if (!c->trace || !c->trace->f)
		return;
	tui_trace_line(c->trace, "%s %s layer=%zu", event,
		       backward ? "backward" : "forward", l);
}

/* Past its budget, a turn still finishes the computation when the steps
 * left, at the last step's pace, end within a quarter of the budget more:
 * the complete picture then comes at once, without a partial frame drawn
 * a few milliseconds before it. */
static bool nearly_done(const tui_compute *c, double spent, double last,
			double budget)
{
	double left = (1.0 - iv_net_progress(c->net)) * 2.0 *
		      (double)iv_net_depth(c->net);
	return spent + left * last <= 1.25 * budget;
}

bool tui_compute_run(tui_compute *c, double budget)
{
	if (!tui_compute_busy(c))
		return false;
	double t0 = tui_clock_now(), t = t0, last;
	do {
		bool backward;
		size_t l = iv_net_position(c->net, &backward);
		double ts = t;
		trace_step(c, "step", l, backward);
		c->st = iv_net_step(c->net);
		trace_step(c, "stepped", l, backward);
		c->steps++;
		t = tui_clock_now();
		last = t - ts;
	} while (c->st == IV_CONTINUE &&
		 (t - t0 < budget || nearly_done(c, t - t0, last, budget)));
	c->seconds += t - t0;
	if (c->st == IV_OK)
		keep(c);
	return true;
}

bool tui_compute_busy(const tui_compute *c)
{
	return c->net && c->st == IV_CONTINUE;
}

void tui_compute_touch(tui_compute *c)
{
	c->stale = c->net != NULL;
}

void tui_compute_refreshed(tui_compute *c)
{
	if (!c->net)
		return;
	keep(c);
	c->gen++;
}

const iv_layer_stats *tui_compute_layer(const tui_compute *c, size_t l)
{
	if (!c->net || l < 1 || l > iv_net_depth(c->net))
		return NULL;
	return c->have_shown ? &c->shown[l] : iv_net_layer(c->net, l);
}

bool tui_compute_readable(const tui_compute *c)
{
	return c->net && !c->stale;
}

double tui_compute_progress(const tui_compute *c)
{
	return c->net ? iv_net_progress(c->net) : 0.0;
}

void tui_compute_done(tui_compute *c)
{
	iv_net_free(c->net);
	iv_net_free(c->old);
	c->net = c->old = NULL;
	free(c->shown);
	c->shown = NULL;
	c->shown_cap = 0;
	c->have_shown = c->stale = false;
}
