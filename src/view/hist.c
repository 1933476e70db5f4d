/* SPDX-License-Identifier: MIT */
/* Histogram ranges, the re-binning cache and bar heights. */
#include <math.h>
#include <stdlib.h>
#include "view/hist.h"

bool tui_hist_ready(const iv_layer_stats *s, iv_quantity q)
{
	if (!s)
		return false;
	return q >= IV_Q_GRAD_ACT ? s->backward_done : s->forward_done;
}

static bool finish_range(double mn, double mx, double *lo, double *hi)
{
	if (!(mn <= mx)) /* NaN: no finite value */
		return false;
	if (mn < 0 && mx > 0 && fmin(-mn, mx) >= 0.25 * fmax(-mn, mx)) {
		double m = fmax(-mn, mx); /* roughly centred: put 0 mid-row */
		mn = -m;
		mx = m;
	} else if (mn == mx) {
		double half = mn != 0 ? 0.5 * fabs(mn) : 0.5;
		mn -= half;
		mx += half;
	}
	*lo = mn;
	*hi = mx;
	return true;
}

bool tui_hist_range_layer(const iv_layer_stats *s, iv_quantity q, double *lo,
			  double *hi)
{
	if (!tui_hist_ready(s, q) || s->q[q].finite == 0)
		return false;
	return finish_range(s->q[q].min, s->q[q].max, lo, hi);
}

bool tui_hist_range_shared(const tui_compute *c, iv_quantity q, double *lo,
			   double *hi)
{
	double mn = INFINITY, mx = -INFINITY;
	size_t L = c->net ? iv_net_depth(c->net) : 0;
	for (size_t l = 1; l <= L; l++) {
		const iv_layer_stats *s = tui_compute_layer(c, l);
		if (!tui_hist_ready(s, q) || s->q[q].finite == 0)
			continue;
		mn = fmin(mn, s->q[q].min);
		mx = fmax(mx, s->q[q].max);
	}
	if (mn > mx)
		return false;
	return finish_range(mn, mx, lo, hi);
}

void tui_hist_cache_init(tui_hist_cache *c)
{
	c->slot = NULL;
	c->n = 0;
}

void tui_hist_cache_done(tui_hist_cache *c)
{
	for (size_t i = 0; i < c->n; i++)
		free(c->slot[i].counts);
	free(c->slot);
	tui_hist_cache_init(c);
}

static tui_hist *slot_get(tui_hist_cache *c, size_t i)
{
	if (i >= c->n) {
		size_t n = i + 1 > 2 * c->n ? i + 1 : 2 * c->n;
		tui_hist *s = realloc(c->slot, n * sizeof *s);
		if (!s)
			return NULL;
		for (size_t k = c->n; k < n; k++)
			s[k] = (tui_hist){.valid = false, .counts = NULL};
		c->slot = s;
		c->n = n;
	}
	return &c->slot[i];
}

static bool holds(const tui_hist *h, unsigned gen, size_t layer, iv_quantity q,
		  double lo, double hi, size_t bins)
{
	return h->valid && h->gen == gen && h->layer == layer && h->q == q &&
	       h->lo == lo && h->hi == hi && h->bins == bins;
}

const double *tui_hist_get(const tui_hist_cache *c, size_t slot, unsigned gen,
			   size_t layer, iv_quantity q, double lo, double hi,
			   size_t bins)
{
	if (slot >= c->n || bins == 0)
		return NULL;
	const tui_hist *h = &c->slot[slot];
	return holds(h, gen, layer, q, lo, hi, bins) ? h->counts : NULL;
}

void tui_hist_fill(tui_hist_cache *c, const tui_hist_want *w, size_t n,
		   iv_net *net, unsigned gen)
{
	iv_bin_job *jobs = malloc((n ? n : 1) * sizeof *jobs);
	size_t *slot = malloc((n ? n : 1) * sizeof *slot), m = 0;
	if (!jobs || !slot) {
		free(jobs);
		free(slot);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		tui_hist *h = slot_get(c, w[i].slot);
		if (!h || w[i].bins == 0 ||
		    holds(h, gen, w[i].layer, w[i].q, w[i].lo, w[i].hi,
			  w[i].bins))
			continue;
		h->valid = false;
		if (w[i].bins > h->cap) {
			double *p = realloc(h->counts, w[i].bins * sizeof *p);
			if (!p)
				continue;
			h->counts = p;
			h->cap = w[i].bins;
		}
		jobs[m] = (iv_bin_job){w[i].layer, w[i].q, w[i].lo,
				       w[i].hi,     w[i].bins, h->counts,
				       IV_OK};
		slot[m++] = w[i].slot;
	}
	iv_net_bin_all(net, jobs, m);
	for (size_t k = 0; k < m; k++) {
		if (jobs[k].st != IV_OK)
			continue;
		tui_hist *h = &c->slot[slot[k]];
		h->gen = gen;
		h->layer = jobs[k].layer;
		h->q = jobs[k].q;
		h->lo = jobs[k].lo;
		h->hi = jobs[k].hi;
		h->bins = jobs[k].bins;
		h->valid = true;
	}
	free(jobs);
	free(slot);
}

const double *tui_hist_counts(tui_hist_cache *c, size_t slot, iv_net *net,
			      unsigned gen, size_t layer, iv_quantity q,
			      double lo, double hi, size_t bins)
{
	tui_hist_want w = {slot, layer, q, lo, hi, bins};
	tui_hist_fill(c, &w, 1, net, gen);
	return tui_hist_get(c, slot, gen, layer, q, lo, hi, bins);
}

void tui_hist_levels(const double *counts, size_t n, bool log,
		     unsigned char *levels)
{
	double max = 0;
	for (size_t i = 0; i < n; i++)
		max = fmax(max, counts[i]);
	for (size_t i = 0; i < n; i++) {
		double f;
		if (!(counts[i] > 0)) {
			levels[i] = 0;
			continue;
		}
		f = log ? log1p(counts[i]) / log1p(max) : counts[i] / max;
		int lv = (int)ceil(TUI_LEVELS * f - 1e-9);
		levels[i] = (unsigned char)(lv < 1            ? 1
					    : lv > TUI_LEVELS ? TUI_LEVELS
							      : lv);
	}
}
