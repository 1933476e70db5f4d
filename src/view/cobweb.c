/* SPDX-License-Identifier: MIT */
/* The cobweb plots' numbers: iterates from the predictions (q) or the
 * correlation map layer by layer (c), axes that cover them and the fixed
 * point, and the map at every column, a few at a time. */
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include "view/clock.h"
#include "view/cobweb.h"
#include "view/phase.h"
#include "view/text.h"
#include "view/theory.h"

double tui_cobweb_c0(const tui_cobweb *w)
{
	return w->c0_set ? w->c0 : TUI_COBWEB_C0;
}

bool tui_cobweb_move_c0(tui_cobweb *w, int dir)
{
	double k = round(tui_cobweb_c0(w) / TUI_COBWEB_C0_STEP) + dir,
	       v = k * TUI_COBWEB_C0_STEP;
	if (!(fabs(v) <= 1 + 1e-9))
		return false;
	w->c0 = fmax(-1.0, fmin(1.0, v));
	w->c0_set = true;
	return true;
}

void tui_cobweb_toggle(tui_cobweb *w)
{
	w->map =
	    w->map == TUI_COBWEB_LENGTH ? TUI_COBWEB_CORR : TUI_COBWEB_LENGTH;
}

void tui_cobweb_layout(tui_cobweb *w, size_t cols, size_t rows)
{
	w->cols = cols < TUI_COBWEB_COLS ? cols : TUI_COBWEB_COLS;
	w->rows = rows;
}

static bool finished(const tui_cobweb *w)
{
	return w->state != TUI_COBWEB_OK ||
	       (w->n_done >= w->n && w->y_done >= w->key_cols);
}

/* Whether what w holds (finished or not) is for cfg, its map and room. */
static bool same_key(const tui_cobweb *w, const struct tui_theory *t,
		     const iv_config *cfg)
{
	return w->valid && w->key_map == w->map &&
	       w->key_c0 == tui_cobweb_c0(w) && w->key_cols == w->cols &&
	       w->key_rows == w->rows && tui_theory_predict_fresh(t, cfg) &&
	       tui_theory_same_config(&w->key, cfg);
}

/* Whether only the room differs. */
static bool same_layout_aside(const tui_cobweb *w, const struct tui_theory *t,
			      const iv_config *cfg)
{
	return w->valid && w->state == TUI_COBWEB_OK && w->key_map == w->map &&
	       w->key_c0 == tui_cobweb_c0(w) &&
	       (w->key_cols != w->cols || w->key_rows != w->rows) &&
	       tui_theory_predict_fresh(t, cfg) &&
	       tui_theory_same_config(&w->key, cfg);
}

bool tui_cobweb_fresh(const tui_cobweb *w, const struct tui_theory *t,
		      const iv_config *cfg)
{
	return same_key(w, t, cfg) && finished(w);
}

double tui_cobweb_progress(const tui_cobweb *w)
{
	size_t total = w->n + w->key_cols;
	return total ? (double)(w->n_done + w->y_done) / (double)total : 1.0;
}

/* A log axis from the power of ten at or below lo to the one at or above
 * hi, kept within a double: below 1e-323 the power is 0 (log10 of it
 * -inf, every cell NaN) and above 1e308 inf, so the ends are then lo and
 * hi themselves. */
static tui_cobweb_axis log_axis(double lo, double hi)
{
	double a = pow(10, floor(log10(lo))), b = pow(10, ceil(log10(hi)));
	return (tui_cobweb_axis){
	    .log = true, .lo = a > 0 ? a : lo, .hi = isfinite(b) ? b : hi};
}

/* The length map's axis: every iterate and q* (when it is a number), on a
 * log scale when they span more than TUI_COBWEB_LOG_RATIO (q* = 0 is then
 * off the axis), else linear from 0. */
static tui_cobweb_axis length_axis(const tui_cobweb *w)
{
	double lo = INFINITY, hi = 0;
	for (size_t i = 0; i <= w->n; i++) {
		double v = i < w->n ? w->q[i] : w->fixed;
		if (!isfinite(v) || v < 0)
			continue;
		hi = fmax(hi, v);
		if (v > 0)
			lo = fmin(lo, v);
	}
	if (!(hi > 0))
		return (tui_cobweb_axis){.lo = 0, .hi = 1};
	if (log10(hi) - log10(lo) > log10(TUI_COBWEB_LOG_RATIO))
		return log_axis(lo, hi);
	return (tui_cobweb_axis){.lo = 0, .hi = tui_phase_nice_ceil(1.1 * hi)};
}

/* Whether layers 2..n have the first layer's map (not so with --widths or
 * Xavier on a first layer of another size). */
static bool same_maps(const iv_config *cfg, const iv_theory_map *m, size_t n)
{
	for (size_t l = 2; l <= n; l++) {
		iv_theory_map ml;
		iv_theory_map_of(cfg, l, &ml);
		if (fabs(ml.sigma_w2 - m->sigma_w2) > 1e-12 * m->sigma_w2)
			return false;
	}
	return true;
}

/* What the correlation map is drawn at: q* when q settles there, the
 * large-q limit when q diverges, q_1 when every q is fixed. */
static double corr_q(const tui_cobweb *w)
{
	switch (w->crit.kind) {
	case IV_FIXED_STABLE: return w->crit.q_star;
	case IV_FIXED_DIVERGES: return INFINITY;
	default: return w->n ? w->q[0] : NAN;
	}
}

static void start(tui_cobweb *w, struct tui_theory *t, const iv_config *cfg)
{
	const tui_predict *p = &t->pred;
	*w = (tui_cobweb){.map = w->map,
			  .c0_set = w->c0_set,
			  .c0 = w->c0,
			  .cols = w->cols,
			  .rows = w->rows,
			  .valid = true,
			  .key = *cfg,
			  .key_map = w->map,
			  .key_c0 = tui_cobweb_c0(w),
			  .key_cols = w->cols,
			  .key_rows = w->rows,
			  .depth = cfg->depth,
			  .fixed = NAN,
			  .map_q = NAN,
			  .ax = {.lo = 0, .hi = 1}};
	if (!tui_theory_applies(cfg->init)) {
		w->state = TUI_COBWEB_NOT_RANDOM;
		return;
	}
	if (cfg->residual || cfg->norm != IV_NORM_NONE) {
		w->state = TUI_COBWEB_NOT_PLAIN;
		return;
	}
	if (!t->th || !p->valid || p->st != IV_OK) {
		w->state = TUI_COBWEB_NO_THEORY;
		return;
	}
	w->crit = p->crit;
	iv_theory_map_of(cfg, 1, &w->m);
	w->n = cfg->depth < TUI_COBWEB_LAYERS ? cfg->depth : TUI_COBWEB_LAYERS;
	if (w->n > p->finite)
		w->n = p->finite;
	if (w->n == 0) { /* q_1 past 1e300: nothing to place on an axis */
		w->state = TUI_COBWEB_PAST_RANGE;
		return;
	}
	for (size_t i = 0; i < w->n; i++)
		w->q[i] = p->layer[i].q;
	w->same_maps = same_maps(cfg, &w->m, w->n);
	if (w->map == TUI_COBWEB_LENGTH) {
		for (size_t i = 0; i < w->n; i++)
			w->it[i] = w->q[i];
		w->n_done = w->n;
		w->fixed =
		    w->crit.kind == IV_FIXED_STABLE ? w->crit.q_star : NAN;
		w->ax = length_axis(w);
	} else if (w->q[0] == 0) {
		w->state = TUI_COBWEB_NO_SIGNAL; /* nothing to correlate */
	} else {
		w->map_q = corr_q(w);
		w->fixed = w->crit.c_star;
		w->ax = (tui_cobweb_axis){.lo = -1, .hi = 1};
	}
}

/* The correlation of layer n_done + 1: the first from the inputs' (the
 * engine's iv_theory_corr_layers), then each layer's map at the q of the
 * layer below. */
static void next_iterate(tui_cobweb *w, struct tui_theory *t)
{
	size_t l = ++w->n_done;
	if (l == 1) {
		if (iv_theory_corr_layers(t->th, &w->key, w->key_c0, 1,
					  w->it) != IV_OK)
			w->it[0] = NAN;
		return;
	}
	iv_theory_map ml;
	iv_theory_map_of(&w->key, l, &ml);
	w->it[l - 1] =
	    iv_theory_corr_map(t->th, &ml, w->q[l - 2], w->it[l - 2]);
}

static void next_column(tui_cobweb *w, struct tui_theory *t)
{
	size_t i = w->y_done++;
	double x = tui_cobweb_x(w, i);
	w->y[i] = w->key_map == TUI_COBWEB_LENGTH
		      ? iv_theory_length_map(t->th, &w->m, x)
		      : iv_theory_corr_map(t->th, &w->m, w->map_q, x);
}

bool tui_cobweb_step(tui_cobweb *w, struct tui_theory *t, const iv_config *cfg,
		     double budget)
{
	if (tui_cobweb_fresh(w, t, cfg))
		return false;
	double t0 = tui_clock_now();
	if (t->th && !tui_theory_predict_fresh(t, cfg)) { /* they come first */
		tui_theory_predict_update(t, cfg, budget);
		if (!tui_theory_predict_fresh(t, cfg))
			return true;
		budget -= tui_clock_now() - t0;
	}
	if (same_layout_aside(w, t, cfg)) { /* the iterates stay */
		w->key_cols = w->cols;
		w->key_rows = w->rows;
		w->y_done = 0;
	} else if (!same_key(w, t, cfg)) {
		start(w, t, cfg);
	}
	while (!finished(w)) { /* at least one item */
		if (w->n_done < w->n)
			next_iterate(w, t);
		else
			next_column(w, t);
		if (tui_clock_now() - t0 >= budget)
			break;
	}
	return true;
}

static double scale(const tui_cobweb_axis *a, double v)
{
	return a->log ? log10(v) : v;
}

static double unscale(const tui_cobweb_axis *a, double s)
{
	return a->log ? pow(10, s) : s;
}

/* The value in the middle of cell i of n along the axis. */
static double cell_value(const tui_cobweb_axis *a, size_t i, size_t n)
{
	double s0 = scale(a, a->lo), s1 = scale(a, a->hi);
	return unscale(a, s0 + (s1 - s0) * ((double)i + 0.5) / (double)n);
}

double tui_cobweb_x(const tui_cobweb *w, size_t i)
{
	return cell_value(&w->ax, i, w->key_cols ? w->key_cols : w->cols);
}

double tui_cobweb_yv(const tui_cobweb *w, size_t j)
{
	return cell_value(&w->ax, j, w->rows);
}

/* The cell of v among n along the axis, -1 off it or not a number. The
 * ends belong to the first and last cells. */
static int cell(const tui_cobweb_axis *a, double v, size_t n)
{
	double s0 = scale(a, a->lo), s1 = scale(a, a->hi);
	double f = (scale(a, v) - s0) / (s1 - s0);
	if (!(f >= -1e-9 && f <= 1 + 1e-9) || n == 0)
		return -1;
	int c = (int)floor(f * (double)n);
	return c < 0 ? 0 : c >= (int)n ? (int)n - 1 : c;
}

int tui_cobweb_col(const tui_cobweb *w, double v)
{
	return cell(&w->ax, v, w->key_cols ? w->key_cols : w->cols);
}

int tui_cobweb_row(const tui_cobweb *w, double v)
{
	return cell(&w->ax, v, w->rows);
}

int tui_cobweb_row_edge(const tui_cobweb *w, double v)
{
	if (isnan(v))
		return INT_MIN;
	int r = tui_cobweb_row(w, v);
	if (r >= 0)
		return r;
	return v > w->ax.hi ? (int)w->rows : -1;
}

size_t tui_cobweb_ticks(const tui_cobweb *w, size_t most, double *v, size_t max)
{
	const tui_cobweb_axis *a = &w->ax;
	size_t n = 0;
	if (most > max)
		most = max;
	if (most < 2)
		return 0;
	if (a->log) {
		long d0 = lround(log10(a->lo)), d1 = lround(log10(a->hi));
		long stride = (d1 - d0 + (long)most - 2) / ((long)most - 1);
		for (long d = d0; d <= d1 && n < most; d += stride ? stride : 1)
			v[n++] = pow(10, (double)d);
		return n;
	}
	double step = tui_phase_nice_step(a->hi - a->lo, most);
	for (long k = 0; n < most; k++) {
		double x = a->lo + (double)k * step;
		if (x > a->hi + 1e-9 * step) /* relative: hi may be 1e-318 */
			break;
		v[n++] = fabs(x) < 1e-12 * step ? 0.0 : x;
	}
	return n;
}

char *tui_cobweb_tick_text(const tui_cobweb *w, double v, char *buf,
			   size_t size)
{
	long e = w->ax.log ? lround(log10(v)) : 0; /* log10(0) is -inf */
	if (e < -3 || e > 3)
		snprintf(buf, size, "1e%ld", e);
	else
		tui_text_number(v, buf, size);
	return buf;
}

size_t tui_cobweb_corners(const tui_cobweb *w)
{
	return w->n_done ? 2 * w->n_done - 1 : 0;
}

bool tui_cobweb_corner(const tui_cobweb *w, size_t k, double *x, double *y)
{
	if (k >= tui_cobweb_corners(w))
		return false;
	size_t i = k / 2; /* even: on the diagonal; odd: up to the map */
	*x = w->it[i];
	*y = w->it[k % 2 ? i + 1 : i];
	return true;
}

char *tui_cobweb_fixed_text(const tui_cobweb *w, char *buf, size_t size)
{
	char a[32];
	const iv_criticality *c = &w->crit;
	if (w->key_map == TUI_COBWEB_CORR)
		if (isfinite(c->c_star))
			snprintf(buf, size, "c* %s: stable fixed point",
				 tui_text_number(c->c_star, a, sizeof a));
		else if (c->chi_c == 1)
			snprintf(buf, size, "every c is fixed");
		else if (isnan(c->chi_c))
			snprintf(buf, size, "no correlation to follow");
		else
			snprintf(buf, size, "no stable c*");
	else if (c->kind == IV_FIXED_STABLE)
		snprintf(buf, size, "q* %s: stable fixed point",
			 isinf(c->q_star) /* past a double (bias > 1e154) */
			     ? ">1.8e308"
			     : tui_text_number(c->q_star, a, sizeof a));
	else if (c->kind == IV_FIXED_DIVERGES)
		snprintf(buf, size, "no fixed point: q diverges");
	else
		snprintf(buf, size, "neutral: every q is fixed");
	return buf;
}

char *tui_cobweb_verdict(const tui_cobweb *w, char *buf, size_t size)
{
	char a[32];
	if (w->state == TUI_COBWEB_NOT_RANDOM)
		snprintf(buf, size,
			 "%s weights are not random: the theory "
			 "does not describe them",
			 iv_init_name(w->key.init));
	else if (w->state == TUI_COBWEB_NOT_PLAIN)
		snprintf(buf, size,
			 "%s: each layer's q is not a map of the layer "
			 "below's alone, so no fixed point to draw",
			 w->key.residual ? "residual blocks add their branch "
					   "to the stream"
					 : "the normalization resets each "
					   "layer's variance");
	else if (w->state == TUI_COBWEB_NO_THEORY)
		snprintf(buf, size, "no theory to draw (out of memory)");
	else if (w->state == TUI_COBWEB_PAST_RANGE) {
		double q1 = iv_theory_q1(&w->key);
		snprintf(buf, size,
			 "no map to draw: layer 1's q is %s, past the "
			 "1e300 the plot's axes reach",
			 isinf(q1) ? "over 1.8e308"
				   : tui_text_number(q1, a, sizeof a));
	} else if (w->state == TUI_COBWEB_NO_SIGNAL) {
		snprintf(buf, size,
			 "no map to draw: every unit is 0 from layer 1 on "
			 "(q = 0), so two inputs' correlation is 0/0");
	} else
		tui_cobweb_fixed_text(w, buf, size);
	return buf;
}

const tui_cobweb_glyphs *tui_cobweb_glyphs_for(const tui_glyphs *g)
{
	static const tui_cobweb_glyphs utf8 = {.curve = "•",
					       .diag = "·",
					       .vert = "│",
					       .horiz = "─",
					       .start = "○",
					       .fixed = "◉",
					       .chic = "χc"};
	static const tui_cobweb_glyphs ascii = {.curve = "*",
						.diag = ".",
						.vert = "|",
						.horiz = "-",
						.start = "o",
						.fixed = "@",
						.chic = "chi_c"};
	return g->utf8 ? &utf8 : &ascii;
}
