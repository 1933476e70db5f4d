/* SPDX-License-Identifier: MIT */
/* The depth profile: std of the left and right quantities against layer on
 * a log scale, so vanishing is a falling line and exploding a rising one;
 * with the theory overlay, the predicted std as a line beside the markers. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include "tui/panel.h"
#include "tui/put.h"

typedef struct chart {
	int y, x, h, w; /* the plot area */
	double lo, hi;  /* log10 range, bottom and top */
	size_t depth;
} chart;

/* A series of the chart: each layer's measured or predicted std of q, read
 * where it is needed (nothing is copied). */
typedef struct series {
	const tui_app *app;
	iv_quantity q;
	bool theory;
} series;

/* log10 of layer l's std (1..depth); NAN where there is none: not
 * computed, 0 or not finite, no prediction. */
static double value(const series *s, size_t l)
{
	const tui_app *app = s->app;
	double sd;
	if (s->theory) {
		sd = tui_theory_shown(&app->theory, &app->model.cfg)
			 ? tui_theory_predict_std(&app->theory, l, s->q)
			 : NAN;
		return sd > 0 ? log10(sd) : NAN;
	}
	const iv_layer_stats *st = iv_net_layer(app->comp.net, l);
	sd = tui_hist_ready(st, s->q) ? st->q[s->q].std : NAN;
	return sd > 0 && isfinite(sd) ? log10(sd) : NAN;
}

/* How many computed layers a measured series cannot plot. */
static size_t unplottable(const series *s)
{
	size_t off = 0;
	for (size_t l = 1; l <= s->app->model.cfg.depth; l++)
		off += tui_hist_ready(iv_net_layer(s->app->comp.net, l), s->q) &&
		       isnan(value(s, l));
	return off;
}

/* Whether a series has any value. */
static bool any(const series *s)
{
	for (size_t l = 1; l <= s->app->model.cfg.depth; l++)
		if (!isnan(value(s, l)))
			return true;
	return false;
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
static bool range(const series *s, size_t ns, chart *c)
{
	double mn = INFINITY, mx = -INFINITY;
	for (size_t k = 0; k < ns; k++)
		for (size_t l = 1; l <= c->depth; l++) {
			double v = value(&s[k], l);
			if (!isnan(v))
				mn = fmin(mn, v), mx = fmax(mx, v);
		}
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
static void dots(const tui_app *app, const chart *c, const series *s,
		 tui_element e)
{
	if (c->depth < 2 || (size_t)c->w <= c->depth)
		return;
	for (int x = c->x; x < c->x + c->w; x++) {
		double t =
		    (double)(x - c->x) * (double)(c->depth - 1) / (c->w - 1);
		size_t i = (size_t)t;
		if (i + 1 >= c->depth)
			continue;
		double a = value(s, i + 1), b = value(s, i + 2);
		if (isnan(a) || isnan(b))
			continue;
		double f = t - (double)i;
		tui_put(row_of(c, a + f * (b - a)), x, x + 1, e,
			app->gl->pending);
	}
}

/* A predicted series: a line through every column. */
static void theory_line(const tui_app *app, const chart *c, const series *s,
			tui_element e)
{
	for (int x = c->x; x < c->x + c->w; x++) {
		double t = c->depth < 2
			       ? 0
			       : (double)(x - c->x) * (double)(c->depth - 1) /
				     (c->w - 1);
		size_t i = (size_t)t;
		double a = value(s, i + 1);
		double y = i + 1 < c->depth
			       ? a + (t - (double)i) * (value(s, i + 2) - a)
			       : a;
		if (!isnan(y))
			tui_put(row_of(c, y), x, x + 1, e,
				app->gl->line);
	}
}

/* A marker per layer; a cell both series hit gets the shared marker. */
static void marks(const tui_app *app, const chart *c, const series *s,
		  const series *other, const char *mark, tui_element e)
{
	for (size_t l = 1; l <= c->depth; l++) {
		double v = value(s, l), o = other ? value(other, l) : NAN;
		if (isnan(v))
			continue;
		int y = row_of(c, v), x = col_of(c, l);
		bool both = !isnan(o) && row_of(c, o) == y;
		tui_put(y, x, x + 1, both ? TUI_E_VALUE : e,
			both ? app->gl->mark_both : mark);
	}
}

static void title(const tui_app *app, int y, int cols)
{
	const tui_glyphs *g = app->gl;
	char h[96], t[96], r[96];
	int th = tui_theory_shown(&app->theory, &app->model.cfg) ? 11 : 0; /* "   ─ theory" */
	snprintf(h, sizeof h, "depth profile: %s per layer, log scale",
		 g->sigma);
	tui_model_left_title(&app->model, t, sizeof t, 999);
	tui_model_right_title(&app->model, app->gl, r, sizeof r, 999);
	int hw = tui_text_width(h);
	if (hw + 10 + th + tui_text_width(t) + tui_text_width(r) > cols) {
		tui_model_left_title(&app->model, t, sizeof t, 0);
		tui_model_right_title(&app->model, app->gl, r, sizeof r, 0);
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

static void draw(const tui_app *app, tui_rect r)
{
	size_t L = app->model.cfg.depth;
	chart c = {.y = r.y + 1,
		   .x = TUI_AXIS_W,
		   .h = r.h - 2,
		   .w = r.w - TUI_AXIS_W - 1,
		   .depth = L};
	iv_quantity lq = tui_model_left_q(&app->model),
		    rq = tui_model_right_q(&app->model);
	series s[4] = {{app, lq, false}, /* measured, then predicted */
		       {app, rq, false},
		       {app, lq, true},
		       {app, rq, true}};
	if (!app->comp.net || c.h < 2)
		return;
	title(app, r.y, r.w);
	size_t na = unplottable(&s[0]), ng = unplottable(&s[1]);
	bool th = any(&s[2]) | any(&s[3]);
	if (!range(s, th ? 4 : 2, &c)) {
		tui_put(c.y + c.h / 2, c.x, r.w, TUI_E_AXIS,
			na + ng ? "no layer has a positive, finite std"
				: "not computed yet");
		return;
	}
	y_axis(app, &c);
	x_axis(&c, c.y + c.h);
	if (th) { /* the line is the theory, the markers measured */
		theory_line(app, &c, &s[2], TUI_E_ACT);
		theory_line(app, &c, &s[3], TUI_E_GRAD);
	} else {
		dots(app, &c, &s[0], TUI_E_ACT);
		dots(app, &c, &s[1], TUI_E_GRAD);
	}
	marks(app, &c, &s[0], NULL, app->gl->mark_a, TUI_E_ACT);
	marks(app, &c, &s[1], &s[0], app->gl->mark_g, TUI_E_GRAD);
	unplotted(app, &c, na, ng);
}

const tui_panel_ops tui_panel_profile = {
    .name = "profile",
    .slot = TUI_SLOT_PROFILE,
    .draw = draw,
};
