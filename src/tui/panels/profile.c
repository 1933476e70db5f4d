/* SPDX-License-Identifier: MIT */
/* The depth profile: std of the left and right quantities against layer on
 * a log scale, so vanishing is a falling line and exploding a rising one.
 * One glyph per meaning, each named in the legend: a marker per layer for
 * the measured std of each quantity, a line for each predicted one (the
 * theory overlay, e), a third marker where both measured ones share a cell.
 * Markers are never joined: the lines are the theory's alone. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include "tui/panel.h"
#include "tui/put.h"

#define LABEL_W 6  /* a y label: "0.068", "1e-150", "2.8e4" */
#define LABELS  64 /* at most, on one axis */

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
	bool branch; /* residual blocks only: the branch, their z */
} series;

/* The y-axis labels: their rows and text. */
typedef struct labels {
	int n, width;
	int row[LABELS];
	char text[LABELS][LABEL_W + 1];
} labels;

/* log10 of layer l's std (1..depth); NAN where there is none: not
 * computed, 0 or not finite, no prediction. */
static double value(const series *s, size_t l)
{
	const tui_app *app = s->app;
	double sd;
	if (s->theory) {
		if (s->branch && iv_config_layer_kind(&app->model.cfg, l) !=
				     IV_LAYER_RESIDUAL)
			return NAN;
		sd = tui_app_theory_shown(app)
			 ? tui_theory_predict_std(&app->theory, l, s->q)
			 : NAN;
		return sd > 0 ? log10(sd) : NAN;
	}
	const iv_layer_stats *st = tui_compute_layer(&app->comp, l);
	if (s->branch && (!st || st->kind != IV_LAYER_RESIDUAL))
		return NAN;
	/* of all the entries, as the layer rows: none beside an Inf */
	sd = tui_hist_ready(st, s->q) ? iv_stats_std_all(&st->q[s->q]) : NAN;
	return sd > 0 && isfinite(sd) ? log10(sd) : NAN;
}

/* The computed layers a measured series cannot plot: std 0 over entries
 * all finite, or entries not all finite (NaN or Inf: the std of what is
 * left says nothing). */
typedef struct {
	size_t zero, bad;
} off_count;

static off_count unplottable(const series *s)
{
	off_count n = {0, 0};
	for (size_t l = 1; l <= s->app->model.cfg.depth; l++) {
		const iv_layer_stats *st = tui_compute_layer(&s->app->comp, l);
		if (!tui_hist_ready(st, s->q) || !isnan(value(s, l)))
			continue;
		const iv_stats *q = &st->q[s->q];
		if (q->nan == 0 && q->inf == 0 && q->std == 0)
			n.zero++;
		else
			n.bad++;
	}
	return n;
}

/* Whether the network has residual blocks: the legend names their branch
 * whether or not a value of it is plotted (after a divergence, none is),
 * so that the legend keeps its words. */
static bool has_blocks(const tui_app *app)
{
	for (size_t l = 1; l <= app->model.cfg.depth; l++)
		if (iv_config_layer_kind(&app->model.cfg, l) ==
		    IV_LAYER_RESIDUAL)
			return true;
	return false;
}

/* Whether a series has any value. */
static bool any(const series *s)
{
	for (size_t l = 1; l <= s->app->model.cfg.depth; l++)
		if (!isnan(value(s, l)))
			return true;
	return false;
}

/* Say which layers the log scale cannot show (std 0, NaN or Inf), whole
 * or not at all, right-aligned on the bottom row of the plot. */
static void unplotted(const tui_app *app, const chart *c, off_count na,
		      off_count ng)
{
	tui_line l;
	const char *mark[2] = {app->gl->mark_a, app->gl->mark_g};
	off_count n[2] = {na, ng};
	tui_line_init(&l);
	for (int k = 0; k < 2; k++) {
		size_t z = n[k].zero, b = n[k].bad, all = z + b;
		if (!all)
			continue;
		/* which of the two, so that the screen says what it is */
		tui_line_field(&l, k, 0);
		if (z && b)
			tui_line_addf(&l, TUI_E_WARN,
				      " %s %zu layers: std 0 in %zu, NaN or Inf"
				      " in %zu ",
				      mark[k], all, z, b);
		else
			tui_line_addf(&l, TUI_E_WARN, " %s %zu layer%s: %s ",
				      mark[k], all, all > 1 ? "s" : "",
				      z ? "std 0" : "NaN or Inf");
	}
	tui_line_fit(&l, c->w);
	tui_put_line(c->y + c->h - 1, c->x + c->w - l.used[0], &l);
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

/* A label at log10 value v unless it would touch one already there or its
 * number does not fit whole. */
static void label(const chart *c, double v, labels *lb)
{
	int y = row_of(c, v);
	if (v > c->hi + 1e-9 || v < c->lo - 1e-9 || lb->n >= LABELS)
		return;
	for (int i = 0; i < lb->n; i++)
		if (abs(lb->row[i] - y) < 2)
			return;
	if (!tui_text_fit_digits(pow(10, v), 2, LABEL_W, lb->text[lb->n],
				 sizeof lb->text[0]))
		return;
	int w = tui_text_width(lb->text[lb->n]);
	lb->width = w > lb->width ? w : lb->width;
	lb->row[lb->n++] = y;
}

/* Decades every step (1, 2, 5, 10, ... so that they fit two rows apart),
 * then 5, 2 and 3 times a decade where there is room. The rows depend on
 * the range and the height only, so they come before the plot's columns. */
static void y_labels(const chart *c, labels *lb)
{
	int top = (int)ceil(c->hi), bot = (int)floor(c->lo);
	int slots = (c->h + 1) / 2, step = 1;
	lb->n = lb->width = 0;
	for (int m = 1; (top - bot) / step >= slots && m < 1000; m *= 10)
		step = (top - bot) / (2 * m) < slots   ? 2 * m
		       : (top - bot) / (5 * m) < slots ? 5 * m
						       : 10 * m;
	for (int d = top; d >= bot; d--)
		if (d % step == 0)
			label(c, d, lb);
	for (int d = top; step == 1 && d >= bot; d--) {
		label(c, d + log10(5), lb);
		label(c, d + log10(2), lb);
		label(c, d + log10(3), lb);
	}
	if (lb->n < 2) { /* a narrow range: its ends */
		label(c, c->hi, lb);
		label(c, c->lo, lb);
	}
}

static void y_axis(const tui_app *app, const chart *c, const labels *lb)
{
	for (int y = c->y; y < c->y + c->h; y++)
		tui_put(y, c->x - 1, c->x, TUI_E_AXIS, app->gl->vline);
	for (int i = 0; i < lb->n; i++) {
		tui_put_right(lb->row[i], c->x - 2, 0, TUI_E_AXIS, lb->text[i]);
		tui_put(lb->row[i], c->x - 1, c->x, TUI_E_AXIS, app->gl->tick);
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

/* A predicted series: a line through every column, in its own glyph. */
static void theory_line(const chart *c, const series *s, const char *glyph,
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
			tui_put(row_of(c, y), x, x + 1, e, glyph);
	}
}

/* Whether both measured series put a marker in the same cell of layer l. */
static bool shared(const chart *c, const series *a, const series *g, size_t l)
{
	double va = value(a, l), vg = value(g, l);
	return !isnan(va) && !isnan(vg) && row_of(c, va) == row_of(c, vg);
}

static bool any_shared(const chart *c, const series *a, const series *g)
{
	for (size_t l = 1; l <= c->depth; l++)
		if (shared(c, a, g, l))
			return true;
	return false;
}

/* A marker per layer and measured series; a shared cell gets the shared
 * marker. */
static void marks(const tui_app *app, const chart *c, const series *a,
		  const series *g)
{
	for (size_t l = 1; l <= c->depth; l++) {
		int x = col_of(c, l);
		double va = value(a, l), vg = value(g, l);
		if (shared(c, a, g, l)) {
			tui_put(row_of(c, va), x, x + 1, TUI_E_VALUE,
				app->gl->mark_both);
			continue;
		}
		if (!isnan(va))
			tui_put(row_of(c, va), x, x + 1, TUI_E_ACT,
				app->gl->mark_a);
		if (!isnan(vg))
			tui_put(row_of(c, vg), x, x + 1, TUI_E_GRAD,
				app->gl->mark_g);
	}
}

/* A residual network's branches beneath the stream's markers, which keep
 * their cells. */
static void branch_marks(const tui_app *app, const chart *c, const series *b)
{
	for (size_t l = 1; l <= c->depth; l++) {
		double v = value(b, l);
		if (!isnan(v))
			tui_put(row_of(c, v), col_of(c, l), col_of(c, l) + 1,
				TUI_E_VALUE, app->gl->mark_b);
	}
}

/* What the legend names: the theory lines drawn, the shared marker and
 * the branches. */
typedef struct legend_set {
	bool line_a, line_g, line_b, both, branch;
	size_t grad_batch; /* batch norm's batch: the lowest layer whose
			      gradient is predicted, 0 when every one is */
	bool trained;      /* the overlay is on, but the weights have moved */
} legend_set;

/* legend_set's grad_batch for the right-hand quantity rq. */
static size_t grad_batch(const tui_app *app, iv_quantity rq)
{
	const tui_predict *p = &app->theory.pred;
	const iv_config *c = &app->model.cfg;
	if (!tui_app_theory_shown(app) ||
	    (rq != IV_Q_GRAD_ACT && rq != IV_Q_GRAD_PREACT) ||
	    p->finite < c->depth ||
	    p->layer[0].batch_growth <= IV_THEORY_BATCH_GROWTH_MAX)
		return 0;
	size_t k = 1; /* the lowest layer of the line: dL/dz's may differ */
	while (k < c->depth && isnan(tui_theory_predict_std(&app->theory, k, rq)))
		k++;
	return k;
}

/* The symbol of a quantity: h, z, dL/dh, dL/dW. */
static void symbol(const tui_app *app, iv_quantity q, char *b, size_t size)
{
	const char *d = app->gl->d;
	if (q == IV_Q_ACT || q == IV_Q_PREACT)
		snprintf(b, size, "%s", q == IV_Q_ACT ? "h" : "z");
	else
		snprintf(b, size, "%sL/%s%s", d, d,
			 q == IV_Q_GRAD_WEIGHTS ? "W" : "h");
}

/* The legend at a level of detail: 0 names each series in words, 1 by its
 * formula, 2 by its symbol. */
static void legend(const tui_app *app, const legend_set *ls, int level,
		   tui_line *l)
{
	const tui_glyphs *g = app->gl;
	const tui_model *m = &app->model;
	char a[96], r[96];
	if (level == 2) {
		symbol(app, tui_model_left_q(m), a, sizeof a);
		symbol(app, tui_model_right_q(m), r, sizeof r);
	} else {
		tui_model_left_title(m, g, a, sizeof a, level ? 0 : 999);
		tui_model_right_title(m, g, r, sizeof r, level ? 0 : 999);
	}
	tui_line_field(l, 0, 3);
	tui_line_add(l, TUI_E_LABEL, "measured ");
	tui_line_add(l, TUI_E_ACT, g->mark_a);
	tui_line_addf(l, TUI_E_NORMAL, " %s  ", a);
	tui_line_add(l, TUI_E_GRAD, g->mark_g);
	tui_line_addf(l, TUI_E_NORMAL, " %s", r);
	if (ls->branch) {
		tui_line_add(l, TUI_E_NORMAL, "  ");
		tui_line_add(l, TUI_E_VALUE, g->mark_b);
		tui_line_add(l, TUI_E_NORMAL,
			     level ? " branch" : " residual branch");
	}
	if (ls->line_a || ls->line_g || ls->line_b) {
		tui_line_field(l, 0, 3);
		tui_line_add(l, TUI_E_LABEL, "predicted");
	}
	if (level < 2) /* the predicted ones by their symbols */
		symbol(app, tui_model_left_q(m), a, sizeof a),
		    symbol(app, tui_model_right_q(m), r, sizeof r);
	if (ls->line_a) {
		tui_line_add(l, TUI_E_ACT, " ");
		tui_line_add(l, TUI_E_ACT, g->line);
		tui_line_addf(l, TUI_E_NORMAL, " %s", a);
	}
	if (ls->line_g) {
		tui_line_add(l, TUI_E_GRAD, ls->line_a ? "  " : " ");
		tui_line_add(l, TUI_E_GRAD, g->line_g);
		tui_line_addf(l, TUI_E_NORMAL, " %s", r);
	}
	if (ls->line_b) {
		tui_line_add(l, TUI_E_VALUE, ls->line_a || ls->line_g ? "  " : " ");
		tui_line_add(l, TUI_E_VALUE, g->line_b);
		tui_line_add(l, TUI_E_NORMAL, " branch");
	}
	if (ls->trained) { /* why the overlay's lines are gone */
		tui_line_field(l, 0, 3);
		tui_line_add(l, TUI_E_LABEL,
			     level ? "predicted: step 0 only"
				   : "predicted: at step 0 only (x resets)");
	}
	if (ls->grad_batch) { /* why the gradient line stops short */
		tui_line_field(l, 1, 3);
		tui_line_addf(l, TUI_E_WARN,
			      "%s: none below layer %zu at batch %zu", r,
			      ls->grad_batch, m->cfg.batch);
	}
	if (ls->both) {
		tui_line_field(l, 0, 3);
		tui_line_add(l, TUI_E_VALUE, g->mark_both);
		tui_line_add(l, TUI_E_NORMAL, " both");
	}
}

/* The title and the legend on one row: the most words that fit, the
 * legend whole before any of the title. */
static void title(const tui_app *app, const legend_set *ls, int y, int cols)
{
	static const struct {
		int title, legend;
	} tries[] = {{0, 0}, {1, 0}, {0, 1}, {1, 1}, {1, 2}, {2, 1}, {2, 2}};
	char h[3][64];
	snprintf(h[0], sizeof h[0], "depth profile: %s per layer, log scale",
		 app->gl->sigma);
	snprintf(h[1], sizeof h[1], "depth profile, log scale");
	h[2][0] = '\0';
	tui_line l;
	for (size_t i = 0; i < sizeof tries / sizeof tries[0]; i++) {
		tui_line_init(&l);
		if (h[tries[i].title][0]) {
			tui_line_field(&l, 0, 0);
			tui_line_add(&l, TUI_E_TITLE, h[tries[i].title]);
		}
		legend(app, ls, tries[i].legend, &l);
		if (tui_line_fit(&l, cols))
			break;
	}
	tui_put_line(y, 0, &l);
}

static void draw(const tui_app *app, tui_rect r)
{
	size_t L = app->model.cfg.depth;
	chart c = {.y = r.y + 1, .h = r.h - 2, .depth = L};
	iv_quantity lq = tui_model_left_q(&app->model),
		    rq = tui_model_right_q(&app->model);
	series s[6] = {{app, lq, false, false}, /* measured, then predicted */
		       {app, rq, false, false},
		       {app, lq, true, false},
		       {app, rq, true, false},
		       {app, IV_Q_PREACT, false, true}, /* the branches */
		       {app, IV_Q_PREACT, true, true}};
	labels lb;
	legend_set ls = {0};
	if (!app->comp.net || c.h < 2)
		return;
	off_count na = unplottable(&s[0]), ng = unplottable(&s[1]);
	ls.line_a = any(&s[2]);
	ls.line_g = any(&s[3]);
	ls.grad_batch = grad_batch(app, rq);
	ls.trained = tui_app_theory_trained(app);
	/* with h on the left; z is a block's branch already */
	ls.branch = lq == IV_Q_ACT && has_blocks(app);
	ls.line_b = ls.branch && any(&s[5]);
	if (!range(s,
		   ls.line_b   ? 6
		   : ls.branch ? 5
		   : ls.line_a || ls.line_g ? 4
					    : 2,
		   &c)) {
		title(app, &ls, r.y, r.w);
		tui_put(c.y + c.h / 2, TUI_AXIS_W, r.w, TUI_E_AXIS,
			na.zero + na.bad + ng.zero + ng.bad
			    ? "no layer has a positive, finite std"
				: "not computed yet");
		return;
	}
	y_labels(&c, &lb);
	c.x = lb.width + 2 < 6 ? 6 : lb.width + 2; /* "layer" below it */
	c.w = r.w - c.x - 1;
	ls.both = any_shared(&c, &s[0], &s[1]);
	title(app, &ls, r.y, r.w);
	y_axis(app, &c, &lb);
	x_axis(&c, c.y + c.h);
	if (ls.line_a)
		theory_line(&c, &s[2], app->gl->line, TUI_E_ACT);
	if (ls.line_g)
		theory_line(&c, &s[3], app->gl->line_g, TUI_E_GRAD);
	if (ls.line_b)
		theory_line(&c, &s[5], app->gl->line_b, TUI_E_VALUE);
	if (ls.branch)
		branch_marks(app, &c, &s[4]);
	marks(app, &c, &s[0], &s[1]);
	unplotted(app, &c, na, ng);
}

/* Rows: the title with the legend, at least three of plot, the layer
 * numbers; it takes what is left over (layout.h). */
static int rows(const tui_app *app, int cols)
{
	(void)cols;
	if (app->model.view == TUI_VIEW_LAYERS)
		return 0;
	return app->model.view == TUI_VIEW_PROFILE ? 999 : TUI_PROFILE_WANT;
}

const tui_panel_ops tui_panel_profile = {
    .name = "profile",
    .slot = TUI_SLOT_PROFILE,
    .rows = rows,
    .min_rows = TUI_PROFILE_MIN,
    .grows = true,
    .draw = draw,
};
