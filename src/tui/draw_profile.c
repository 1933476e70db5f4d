/* SPDX-License-Identifier: MIT */
/* The depth profile: std of the left and right quantities against layer on
 * a log scale, so vanishing is a falling line and exploding a rising one;
 * with the theory overlay, the predicted std as a line beside the markers. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include "tui/draw.h"
#include "tui/theory_app.h"


typedef struct chart {
	int y, x, h, w; /* the plot area */
	double lo, hi;  /* log10 range, bottom and top */
	size_t depth;
} chart;

/* log10 of each layer's std of q; NAN where not computed, 0 or not finite.
 * Returns how many computed layers cannot be plotted. */
static size_t series(const tui_app *app, iv_quantity q, double *v)
{
	size_t off = 0;
	for (size_t l = 1; l <= app->model.cfg.depth; l++) {
		const iv_layer_stats *s = iv_net_layer(app->comp.net, l);
		double sd = tui_hist_ready(s, q) ? s->q[q].std : NAN;
		v[l - 1] = sd > 0 && isfinite(sd) ? log10(sd) : NAN;
		off += tui_hist_ready(s, q) && isnan(v[l - 1]);
	}
	return off;
}

/* log10 of each layer's predicted std of q; false when there is none. */
static bool predicted(const tui_app *app, iv_quantity q, double *v)
{
	bool any = false;
	for (size_t l = 1; l <= app->model.cfg.depth; l++) {
		double sd = tui_theory_overlay(app)
				? tui_theory_predict_std(&app->theory, l, q)
				: NAN;
		v[l - 1] = sd > 0 ? log10(sd) : NAN;
		any |= !isnan(v[l - 1]);
	}
	return any;
}

/* Say which layers the log scale cannot show (std 0, NaN or Inf). */
static void unplotted(const tui_app *app, const chart *c, size_t na, size_t ng)
{
	char b[96];
	int y = c->y + c->h - 1, end = c->x + c->w;
	if (ng) {
		snprintf(b, sizeof b, " %s %zu layer%s: std 0 or not finite ",
			 app->gl->mark_g, ng, ng > 1 ? "s" : "");
		tui_put_right(y, end, c->x, TUI_E_WARN, b);
		end -= tui_text_width(b);
	}
	if (na) {
		snprintf(b, sizeof b, " %s %zu layer%s: std 0 or not finite ",
			 app->gl->mark_a, na, na > 1 ? "s" : "");
		tui_put_right(y, end, c->x, TUI_E_WARN, b);
	}
}

/* The log10 range of the series (measured and predicted) with a margin of
 * a twentieth; at least half a decade so noise does not look like a trend. */
static bool range(const double *const *s, size_t ns, size_t n, chart *c)
{
	double mn = INFINITY, mx = -INFINITY;
	for (size_t k = 0; k < ns; k++)
		for (size_t i = 0; i < n; i++)
			if (!isnan(s[k][i]))
				mn = fmin(mn, s[k][i]), mx = fmax(mx, s[k][i]);
	if (mn > mx)
		return false;
	double span = mx - mn, mid = (mx + mn) / 2;
	if (span < 0.5)
		span = 0.5;
	c->lo = mid - 0.55 * span;
	c->hi = mid + 0.55 * span;
	return true;
}

static int row_of(const chart *c, double v)
{
	return c->y + (int)lround((c->hi - v) / (c->hi - c->lo) * (c->h - 1));
}

static int col_of(const chart *c, size_t layer)
{
	if (c->depth < 2)
		return c->x;
	return c->x + (int)lround((double)(layer - 1) * (c->w - 1) /
				  (double)(c->depth - 1));
}

/* A label at log10 value v unless it would touch one already there. */
static void label(const tui_app *app, const chart *c, double v, int *used,
		  int *n)
{
	int y = row_of(c, v);
	char b[16];
	if (v > c->hi + 1e-9 || v < c->lo - 1e-9 || *n >= 64)
		return;
	for (int i = 0; i < *n; i++)
		if (abs(used[i] - y) < 2)
			return;
	used[(*n)++] = y;
	double x = pow(10, v); /* 5 columns: 0.068, 1, 20, 7e-03, 1e+12 */
	snprintf(b, sizeof b, x >= 0.01 && x < 99500 ? "%.2g" : "%.0e", x);
	tui_put_right(y, c->x - 2, 0, TUI_E_AXIS, b);
	tui_put(y, c->x - 1, c->x, TUI_E_AXIS, app->gl->tick);
}

/* Decades every step (1, 2, 5, 10, ... so that they fit two rows apart),
 * then 5, 2 and 3 times a decade where there is room. */
static void y_axis(const tui_app *app, const chart *c)
{
	int used[64], n = 0, top = (int)ceil(c->hi), bot = (int)floor(c->lo);
	int slots = (c->h + 1) / 2, step = 1;
	for (int m = 1; (top - bot) / step >= slots && m < 1000; m *= 10)
		step = (top - bot) / (2 * m) < slots   ? 2 * m
		       : (top - bot) / (5 * m) < slots ? 5 * m
						       : 10 * m;
	for (int y = c->y; y < c->y + c->h; y++)
		tui_put(y, c->x - 1, c->x, TUI_E_AXIS, app->gl->vline);
	for (int d = top; d >= bot; d--)
		if (d % step == 0)
			label(app, c, d, used, &n);
	for (int d = top; step == 1 && d >= bot; d--) {
		label(app, c, d + log10(5), used, &n);
		label(app, c, d + log10(2), used, &n);
		label(app, c, d + log10(3), used, &n);
	}
	if (n < 2) { /* a narrow range: its ends */
		label(app, c, c->hi, used, &n);
		label(app, c, c->lo, used, &n);
	}
}

/* Layer numbers under the plot: 1, then multiples of a step from 1 2 5 10
 * 20 ... so the numbers keep two columns apart, and the last layer. */
static void x_axis(const chart *c, int y)
{
	char b[24];
	size_t step = 1, L = c->depth;
	int w = snprintf(b, sizeof b, "%zu", L) + 2, end = c->x + c->w;
	double per = L > 1 ? (double)(c->w - 1) / (double)(L - 1) : c->w;
	for (size_t m = 1; per * (double)step < w; m *= 10)
		step = per * 2.0 * m >= w   ? 2 * m
		       : per * 5.0 * m >= w ? 5 * m
					    : 10 * m;
	tui_put(y, 0, c->x, TUI_E_AXIS, "layer");
	int last = col_of(c, L) - (w - 2) + 1, free_x = c->x;
	for (size_t l = 1; l < L; l = l == 1 && step > 1 ? step : l + step) {
		int x = col_of(c, l), lw = snprintf(b, sizeof b, "%zu", l);
		if (x < free_x || x + lw + 2 > last)
			continue;
		tui_put(y, x, end, TUI_E_AXIS, b);
		free_x = x + lw + 2;
	}
	snprintf(b, sizeof b, "%zu", L);
	tui_put(y, last, end, TUI_E_AXIS, b);
}

/* Dots between layers when layers are further apart than a column. */
static void dots(const tui_app *app, const chart *c, const double *v,
		 tui_element e)
{
	if (c->depth < 2 || (size_t)c->w <= c->depth)
		return;
	for (int x = c->x; x < c->x + c->w; x++) {
		double t =
		    (double)(x - c->x) * (double)(c->depth - 1) / (c->w - 1);
		size_t i = (size_t)t;
		if (i + 1 >= c->depth || isnan(v[i]) || isnan(v[i + 1]))
			continue;
		double f = t - (double)i;
		tui_put(row_of(c, v[i] + f * (v[i + 1] - v[i])), x, x + 1, e,
			app->gl->pending);
	}
}

/* A predicted series: a line through every column. */
static void theory_line(const tui_app *app, const chart *c, const double *v,
			tui_element e)
{
	for (int x = c->x; x < c->x + c->w; x++) {
		double t = c->depth < 2
			       ? 0
			       : (double)(x - c->x) * (double)(c->depth - 1) /
				     (c->w - 1);
		size_t i = (size_t)t;
		double y = i + 1 < c->depth
			       ? v[i] + (t - (double)i) * (v[i + 1] - v[i])
			       : v[i];
		if (!isnan(y))
			tui_put(row_of(c, y), x, x + 1, e,
				app->gl->line);
	}
}

/* A marker per layer; a cell both series hit gets the shared marker. */
static void marks(const tui_app *app, const chart *c, const double *v,
		  const double *other, const char *mark, tui_element e)
{
	for (size_t l = 1; l <= c->depth; l++) {
		if (isnan(v[l - 1]))
			continue;
		int y = row_of(c, v[l - 1]), x = col_of(c, l);
		bool both = other && !isnan(other[l - 1]) &&
			    row_of(c, other[l - 1]) == y;
		tui_put(y, x, x + 1, both ? TUI_E_VALUE : e,
			both ? app->gl->mark_both : mark);
	}
}

static void title(const tui_app *app, int y, int cols)
{
	const tui_glyphs *g = app->gl;
	char h[96], t[96], r[96];
	int th = tui_theory_overlay(app) ? 11 : 0; /* "   ─ theory" */
	snprintf(h, sizeof h, "depth profile: %s per layer, log scale",
		 g->sigma);
	tui_left_title(app, t, sizeof t, 999);
	tui_right_title(app, r, sizeof r, 999);
	int hw = tui_text_width(h);
	if (hw + 10 + th + tui_text_width(t) + tui_text_width(r) > cols) {
		tui_left_title(app, t, sizeof t, 0);
		tui_right_title(app, r, sizeof r, 0);
	}
	if (hw + 10 + th + tui_text_width(t) + tui_text_width(r) > cols)
		snprintf(h, sizeof h, "%s per layer, log scale", g->sigma);
	int x = tui_put(y, 0, cols, TUI_E_TITLE, h);
	x = tui_put(y, x + 3, cols, TUI_E_ACT, g->mark_a);
	x = tui_put(y, x + 1, cols, TUI_E_NORMAL, t);
	x = tui_put(y, x + 3, cols, TUI_E_GRAD, g->mark_g);
	x = tui_put(y, x + 1, cols, TUI_E_NORMAL, r);
	if (th) {
		x = tui_put(y, x + 3, cols, TUI_E_NORMAL,
			    app->gl->line);
		tui_put(y, x + 1, cols, TUI_E_NORMAL, "theory");
	}
}

void tui_draw_profile(tui_app *app)
{
	const tui_layout *lo = &app->layout;
	size_t L = app->model.cfg.depth;
	chart c = {.y = lo->profile_y + 1,
		   .x = TUI_AXIS_W,
		   .h = lo->profile_h - 2,
		   .w = lo->cols - TUI_AXIS_W - 1,
		   .depth = L};
	double *a, *g, *ta, *tg;
	if (!app->comp.net || c.h < 2)
		return;
	if (!(a = malloc(4 * L * sizeof *a))) {
		tui_app_fatal(app, "out of memory drawing the depth profile");
		return;
	}
	g = a + L, ta = g + L, tg = ta + L;
	title(app, lo->profile_y, lo->cols);
	size_t na = series(app, tui_left_q(&app->model), a);
	size_t ng = series(app, tui_right_q(&app->model), g);
	bool th = predicted(app, tui_left_q(&app->model), ta) |
		  predicted(app, tui_right_q(&app->model), tg);
	const double *all[4] = {a, g, ta, tg};
	if (!range(all, th ? 4 : 2, L, &c)) {
		tui_put(c.y + c.h / 2, c.x, lo->cols, TUI_E_AXIS,
			na + ng ? "no layer has a positive, finite std"
				: "not computed yet");
	} else {
		y_axis(app, &c);
		x_axis(&c, c.y + c.h);
		if (th) { /* the line is the theory, the markers measured */
			theory_line(app, &c, ta, TUI_E_ACT);
			theory_line(app, &c, tg, TUI_E_GRAD);
		} else {
			dots(app, &c, a, TUI_E_ACT);
			dots(app, &c, g, TUI_E_GRAD);
		}
		marks(app, &c, a, NULL, app->gl->mark_a, TUI_E_ACT);
		marks(app, &c, g, a, app->gl->mark_g, TUI_E_GRAD);
		unplotted(app, &c, na, ng);
	}
	free(a);
}
