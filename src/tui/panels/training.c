/* SPDX-License-Identifier: MIT */
/* The training strip: step, loss, learning rate, distinct neurons per layer,
 * whether the hidden weights, the saturated fraction and the dead units
 * moved, and the loss curve on a log scale as a two-row sparkline; the
 * training keys, and the training's work between key reads once the
 * network is computed.
 *
 * Training works on the network the view computed, in bounded pieces
 * (view/train.h): a key is answered between two pieces even while one
 * step takes minutes. The statistics shown are those of the last pass of
 * the network (view/compute.h), made after steps when due, not after every
 * step. The steps measure the update ratios while the ratio strip below is
 * shown. A change of the configuration forgets the training and abandons a
 * step in progress (loop.c). */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <initviz/act.h>
#include <initviz/health.h>
#include "tui/panel.h"
#include "tui/put.h"
#include "util/percent.h"

#define LOG_W       4  /* "log " before the curve's lower row */
#define TUI_STRIP_H 2 /* rows of the strip */
/* The curve spans at least a decade below its top, so that a loss that
 * barely moves draws as a flat line, not as a fall. */
#define TUI_LOSS_DECADES 1.0

typedef struct curve {
	int y, x, w;
	double lo, hi; /* log10 range */
	bool lo_reached; /* lo is the least loss, not the axis' floor */
	bool inf;	 /* a loss is infinite: its bar is above the top */
} curve;

static double lg(double v)
{
	return log10(v > 1e-300 ? v : 1e-300);
}

static bool span(const double *v, size_t n, curve *c)
{
	c->lo = INFINITY;
	c->hi = -INFINITY;
	c->inf = false;
	for (size_t i = 0; i < n; i++) {
		c->inf = c->inf || isinf(v[i]);
		if (isfinite(v[i])) {
			c->lo = fmin(c->lo, lg(v[i]));
			c->hi = fmax(c->hi, lg(v[i]));
		}
	}
	c->lo_reached = c->lo <= c->hi - TUI_LOSS_DECADES;
	c->lo = fmin(c->lo, c->hi - TUI_LOSS_DECADES); /* flat stays flat */
	return isfinite(c->hi);
}

/* Column k: the largest log loss of its steps (so the top value always
 * has its bar); INFINITY when one is infinite, NAN when one is NaN. */
static double column(const double *v, size_t n, int w, int k, bool *any)
{
	size_t i0 = n <= (size_t)w ? (size_t)k : (size_t)k * n / (size_t)w;
	size_t i1 = n <= (size_t)w ? i0 + 1 : (size_t)(k + 1) * n / (size_t)w;
	double m = -INFINITY;
	*any = i0 < n && i1 > i0;
	for (size_t i = i0; i < i1 && i < n; i++) {
		if (isnan(v[i]))
			return NAN;
		m = isinf(v[i]) ? INFINITY : fmax(m, lg(v[i]));
	}
	return *any ? m : NAN;
}

static void sparkline(const tui_app *app, const curve *c, const double *v,
		      size_t n)
{
	const tui_glyphs *g = app->gl;
	for (int k = 0; k < c->w; k++) {
		bool any;
		double m = column(v, n, c->w, k, &any);
		if (!any)
			break;
		/* infinite: a full bar, off the chart; NaN has no height, so
		 * no bar (the strip says "loss nan" and "diverged") */
		int x = c->x + k, level = 2 * TUI_LEVELS;
		if (isnan(m))
			continue;
		if (isfinite(m))
			level = c->hi > c->lo
				    ? 1 + (int)lround((m - c->lo) /
						      (c->hi - c->lo) *
						      (2 * TUI_LEVELS - 1))
				    : TUI_LEVELS;
		tui_element e = isfinite(m) ? TUI_E_ACT : TUI_E_WARN;
		int top = level > TUI_LEVELS ? level - TUI_LEVELS : 0;
		tui_put_bar(c->y, x, x + 1, e, g->level[top]);
		tui_put_bar(c->y + 1, x, x + 1, e,
			    g->level[level > TUI_LEVELS ? TUI_LEVELS : level]);
	}
}

/* The axis' two ends as labels, "1.13 max" above, "0.548 min" (losses
 * reached) or "0.113 axis" (the floor a decade under the top) below; the
 * top is "axis" too when a loss is infinite, its bar drawn above it. Each
 * number in at most 8 columns; false when no loss is finite. */
static bool axis_labels(const tui_train *t, curve *c, char top[32],
			char bottom[32])
{
	char b[16];
	if (!span(t->loss, t->nloss, c))
		return false;
	tui_text_fit(pow(10, c->hi), 8, b, sizeof b);
	snprintf(top, 32, "%s %s", b, c->inf ? "axis" : "max");
	tui_text_fit(pow(10, c->lo), 8, b, sizeof b);
	snprintf(bottom, 32, "%s %s", b, c->lo_reached ? "min" : "axis");
	return true;
}

/* The columns the labels take after the curve, with the gap before them. */
static int labels_w(const tui_train *t)
{
	curve c;
	char top[32], bottom[32];
	if (!t->tr || !axis_labels(t, &c, top, bottom))
		return 0;
	size_t n = strlen(top) > strlen(bottom) ? strlen(top) : strlen(bottom);
	return 1 + (int)n;
}

/* The curve on a log scale, said by "log" before its lower row, and its
 * ends named to the right, each whole or not at all. */
static void loss_curve(const tui_app *app, int y, int x, int w)
{
	const tui_train *t = &app->train;
	curve c = {.y = y, .x = x, .w = w};
	char top[32], bottom[32];
	int cols = app->layout.cols;
	if (!axis_labels(t, &c, top, bottom))
		return;
	sparkline(app, &c, t->loss, t->nloss);
	tui_put(y + 1, x - LOG_W, x - 1, TUI_E_AXIS, "log"); /* see draw */
	if (x + w + 1 + (int)strlen(top) <= cols)
		tui_put(y, x + w + 1, cols, TUI_E_AXIS, top);
	if (x + w + 1 + (int)strlen(bottom) <= cols)
		tui_put(y + 1, x + w + 1, cols, TUI_E_AXIS, bottom);
}

/* A fraction as a whole percent, or with one decimal under 10%, never
 * rounded to all or none (util/percent.h). */
static void percent(tui_line *l, tui_element e, double f)
{
	char b[32];
	double p = 100 * f;
	tui_line_add(l, e,
		     iv_percent(b, sizeof b, f, p == 0 || p >= 10 ? 0 : 1));
}

/* "saturated 12% (from 30%)", "dead units 0.9% (from 0.4%)": the
 * activation's own measure over all layers, then step 0's when there is
 * room. */
static void health_field(tui_line *l, const char *name, double now, double then)
{
	tui_line_field(l, 2, 2);
	tui_line_addf(l, TUI_E_LABEL, "%s ", name);
	percent(l, now > IV_HEALTH_SATURATED ? TUI_E_WARN : TUI_E_VALUE, now);
	tui_line_field(l, 3, 1);
	tui_line_add(l, TUI_E_LABEL, "(from ");
	percent(l, TUI_E_LABEL, then);
	tui_line_add(l, TUI_E_LABEL, ")");
}

static void health_fields(const tui_app *app, tui_line *l)
{
	const tui_train *t = &app->train;
	iv_act_kind a = app->model.cfg.act;
	if (iv_act_saturates(a))
		health_field(l, "saturated", t->sat, t->sat0);
	if (iv_act_dies(a))
		health_field(l, "dead units", t->dead, t->dead0);
}

/* The layers [*first, *last] whose distinct count is v, when they are a
 * run of consecutive layers and the only ones; false otherwise. */
static bool layer_run(const tui_app *app, size_t v, size_t *first,
		      size_t *last)
{
	size_t L = app->model.cfg.depth, n = 0;
	*first = *last = 0;
	for (size_t k = 1; k <= L; k++)
		if (tui_compute_layer(&app->comp, k)->distinct_neurons == v) {
			*first = *first ? *first : k;
			*last = k;
			n++;
		}
	return n > 0 && n == *last - *first + 1;
}

/* How many words the distinct count takes: a narrow strip shortens it
 * rather than leave it out (lesson 13's whole point is in it). */
typedef enum {
	D_FULL,  /* "distinct neurons: 1 in layers 1-4, 64 in layer 5" */
	D_SHORT, /* "distinct: 1 in layers 1-4, 64 in layer 5" */
	D_TERSE, /* "distinct: 1 in L1-4, 64 in L5", as the ratio strip's L5;
		  * "distinct: 1 per layer" */
	D_FORMS
} distinct_form;

static void add_layers(tui_line *l, tui_element e, size_t v, size_t first,
		       size_t last, distinct_form f)
{
	const char *one = f == D_TERSE ? "L" : "layer ",
		   *many = f == D_TERSE ? "L" : "layers ";
	if (first == last)
		tui_line_addf(l, e, "%zu in %s%zu", v, one, first);
	else
		tui_line_addf(l, e, "%zu in %s%zu-%zu", v, many, first, last);
}

/* Counts that differ between layers, with the layers named where they
 * fall in two runs ("1 in layers 1-4, 64 in layer 5": the layer that
 * broke its symmetry), or the fewest in one run; else the range. */
static void distinct_spread(const tui_app *app, tui_line *l, tui_element e,
			    size_t lo, size_t hi, distinct_form f)
{
	size_t a, b, c, d, L = app->model.cfg.depth;
	bool low = layer_run(app, lo, &a, &b), high = layer_run(app, hi, &c, &d);
	if (low && high && (b - a + 1) + (d - c + 1) == L) {
		add_layers(l, e, lo, a, b, f);
		tui_line_add(l, e, ", ");
		add_layers(l, e, hi, c, d, f);
	} else if (low) {
		tui_line_addf(l, e, "%zu to %zu per layer, ", lo, hi);
		add_layers(l, e, lo, a, b, f);
	} else {
		tui_line_addf(l, e, "%zu to %zu per layer", lo, hi);
	}
}

/* After a divergence, its hint first; then "distinct neurons: 1 in every
 * layer", "all 64 in every layer", "1 in layers 1-4, 64 in layer 5" or
 * "250 to 256 per layer" (in form f); "hidden
 * weights: unchanged", "changed", "changed in 2 of 5 layers". Returns the
 * distinct count's field, and in *hidden the hidden weights' (-1: none
 * before a step). */
static int second_row(const tui_app *app, tui_line *l, distinct_form f,
		      int *hidden)
{
	const iv_net *net = app->comp.net;
	const tui_train *t = &app->train;
	size_t L = app->model.cfg.depth, lo = (size_t)-1, hi = 0, full = 0;
	size_t bad = 0; /* layers with NaN or Inf activations */
	for (size_t k = 1; net && !tui_compute_busy(&app->comp) && k <= L;
	     k++) {
		const iv_layer_stats *s = tui_compute_layer(&app->comp, k);
		lo = s->distinct_neurons < lo ? s->distinct_neurons : lo;
		hi = s->distinct_neurons > hi ? s->distinct_neurons : hi;
		full += s->distinct_neurons == s->fan_out;
		bad += s->q[IV_Q_ACT].finite < s->q[IV_Q_ACT].count;
	}
	tui_element e = full == L ? TUI_E_VALUE : TUI_E_WARN;
	const char *every = f == D_TERSE ? "per" : "in every";
	if (tui_train_diverged(t)) { /* what happened and what to do: first,
				      * on a row of its own at any width */
		tui_line_field(l, 0, 0);
		/* at step 0 the loss is of the weights as drawn: the rate
		 * plays no part in it */
		tui_line_add(l, TUI_E_WARN,
			     tui_train_loss_step(t) == 0
				 ? "init overflows: no rate helps"
				 : "diverged: < lowers the rate");
	}
	int field = tui_line_field(l, 0, 2);
	tui_line_add(l, TUI_E_LABEL,
		     f == D_FULL ? "distinct neurons: " : "distinct: ");
	if (hi == 0)
		tui_line_add(l, TUI_E_LABEL, "not computed yet");
	else if (bad) /* NaN columns all compare alike: no count (the
		       * rows say which layers) */
		tui_line_add(l, TUI_E_WARN, "not counted (NaN or Inf)");
	else if (full == L && lo == hi)
		tui_line_addf(l, e, "all %zu %s layer", hi, every);
	else if (full == L)
		tui_line_add(l, e, "all, in every layer");
	else if (lo == hi)
		tui_line_addf(l, e, "%zu %s layer", hi, every);
	else
		distinct_spread(app, l, e, lo, hi, f);
	*hidden = -1;
	if (tui_train_steps(t) == 0)
		return field;
	*hidden = tui_line_field(l, 1, 2);
	tui_line_add(l, TUI_E_LABEL, "hidden weights: ");
	if (t->moved == 0)
		tui_line_add(l, TUI_E_WARN, "unchanged");
	else if (t->moved == t->depth)
		tui_line_add(l, TUI_E_VALUE, "changed");
	else
		tui_line_addf(l, TUI_E_VALUE, "changed in %zu of %zu layers",
			      t->moved, t->depth);
	if (!bad) /* the fractions over NaN would read as a recovery */
		health_fields(app, l);
	return field;
}

/* The first row: the keys and the rate before training, then step, state,
 * rate and loss; every field whole or dropped. */
static void first_row(const tui_app *app, tui_line *l)
{
	const tui_train *t = &app->train;
	bool div = tui_train_diverged(t);
	if (!t->tr) {
		tui_line_field(l, 0, 0);
		tui_line_addf(l, TUI_E_LABEL, "training%s:",
			      t->queued || t->running ? " (starting)" : "");
		tui_line_field(l, 1, 1);
		tui_line_add(l, TUI_E_LABEL, "t one step");
		tui_line_field(l, 1, 3);
		tui_line_add(l, TUI_E_LABEL, "T run / pause");
		tui_line_field(l, 2, 3);
		tui_line_add(l, TUI_E_LABEL, "x reset");
		tui_line_field(l, 0, 3);
		tui_line_add(l, TUI_E_LABEL, "< > learning rate ");
		tui_line_addf(l, TUI_E_VALUE, "%g", t->lr);
		return;
	}
	tui_line_field(l, 0, 0);
	tui_line_add(l, TUI_E_TITLE, "training");
	tui_line_field(l, 0, 2);
	/* the step of the loss shown: during a run each step's loss is of
	 * the weights it started from, one step behind the count */
	tui_line_addf(l, TUI_E_VALUE, "step %zu", tui_train_loss_step(t));
	/* running or not: after the rate, before the loss, which names the
	 * curve's two numbers beside it (the step count says it too) */
	tui_line_field(l, 1, 2);
	tui_line_add(l, TUI_E_LABEL,
		     t->running          ? "running"
		     : tui_train_busy(t) ? "stepping"
		     : t->pass           ? "updating"
					 : "paused");
	tui_line_field(l, 1, 3);
	tui_line_add(l, TUI_E_LABEL, "lr ");
	tui_line_addf(l, TUI_E_VALUE, "%g", t->lr);
	tui_line_field(l, 0, 3);
	tui_line_add(l, TUI_E_LABEL, "loss ");
	tui_line_num(l, div ? TUI_E_WARN : TUI_E_VALUE, tui_train_loss(t));
}

static int rows(const tui_app *app, int cols)
{
	(void)cols;
	return tui_app_teaching(app) ? TUI_STRIP_H : 0;
}

static void draw(const tui_app *app, tui_rect r)
{
	const tui_train *t = &app->train;
	int y = r.y, cols = r.w;
	int w = cols / 7 < 10 ? 10 : cols / 7 > 40 ? 40 : cols / 7;
	int cx = cols - labels_w(t) - w;
	tui_line l;
	if (r.h < TUI_STRIP_H)
		return;
	/* "log" before the curve's lower row: in the curve's columns when it
	 * keeps 10, else in the text's */
	bool log_in_curve = w - LOG_W >= 10;
	if (log_in_curve) {
		w -= LOG_W;
		cx += LOG_W;
	}
	int xmax = t->tr ? cx - 2 : cols;
	int xmax2 = t->tr ? cx - LOG_W - 1 : cols;
	tui_line_init(&l);
	first_row(app, &l);
	tui_put_fit(y, 1, xmax, &l);
	/* the distinct count in the fewest words that keep it, and the
	 * hidden weights' word beside it where a shorter count makes room
	 * (lessons 1 and 2 are about that word at 80 columns) */
	bool kept = false;
	for (size_t want = 2; want > 0 && !kept; want--)
		for (distinct_form f = D_FULL; f < D_FORMS; f++) {
			int keep[2];
			tui_line_init(&l);
			keep[0] = second_row(app, &l, f, &keep[1]);
			size_t n = keep[1] < 0 ? 1 : want;
			if (keep[0] < 0 ||
			    tui_line_keeps(&l, xmax2 - 1, keep, n)) {
				kept = true;
				break;
			}
		}
	tui_put_fit(y + 1, 1, xmax2, &l);
	if (t->tr)
		loss_curve(app, y, cx, w);
}

/* Why no step can be taken now that the computation ended; NULL: it can. */
static const char *cannot(const tui_app *app)
{
	if (tui_app_computing(app))
		return NULL; /* steps wait for it */
	if (!app->comp.net || app->comp.st != IV_OK)
		return iv_status_str(app->comp.st == IV_OK ? IV_ENOMEM
							   : app->comp.st);
	return NULL;
}

static unsigned lr_key(tui_app *app, double f)
{
	tui_model *m = &app->model;
	tui_train *t = &app->train;
	switch (tui_train_scale_lr(t, f)) {
	case TUI_LR_LIMIT:
		snprintf(m->msg, sizeof m->msg,
			 "learning rate stays %g (limit)", t->lr);
		return TUI_F_REDRAW;
	case TUI_LR_SET:
		snprintf(m->msg, sizeof m->msg, "learning rate %g", t->lr);
		return TUI_F_REDRAW;
	default:
		snprintf(m->msg, sizeof m->msg,
			 "learning rate %g: training starts again from the "
			 "initial weights",
			 t->lr);
		return TUI_F_RECOMPUTE; /* the initial weights drawn again */
	}
}

static unsigned train_key(tui_app *app, tui_action a)
{
	tui_train *t = &app->train;
	const char *why = cannot(app);
	if (why && a != TUI_A_TRAIN_RESET) {
		snprintf(app->model.msg, sizeof app->model.msg,
			 "cannot train: %s", why);
		return TUI_F_REDRAW;
	}
	switch (a) {
	case TUI_A_TRAIN_STEP: tui_train_ask(t); return TUI_F_REDRAW;
	case TUI_A_TRAIN_RUN: tui_train_toggle(t); return TUI_F_REDRAW;
	default: break;
	}
	if (!tui_train_touched(t)) { /* the weights are the initial ones */
		tui_train_reset(t);
		return TUI_F_REDRAW;
	}
	snprintf(app->model.msg, sizeof app->model.msg,
		 "training reset: back to the initial weights");
	return TUI_F_RECOMPUTE;
}

static bool handle(tui_app *app, tui_action a, unsigned *flags)
{
	tui_train_sync(&app->train, app->comp.gen);
	switch (a) {
	case TUI_A_TRAIN_STEP:
	case TUI_A_TRAIN_RUN:
	case TUI_A_TRAIN_RESET: *flags = train_key(app, a); return true;
	case TUI_A_LR_DOWN: *flags = lr_key(app, 0.5); return true;
	case TUI_A_LR_UP: *flags = lr_key(app, 2.0); return true;
	default: return false;
	}
}

/* The training's work within about budget seconds, once the network is
 * computed: steps in pieces, passes of the statistics when due. */
static bool run(tui_app *app, double budget)
{
	tui_train *t = &app->train;
	const char *why;
	size_t k = tui_train_steps(t);
	unsigned gen = app->comp.gen;
	tui_train_sync(t, app->comp.gen);
	if (!tui_train_wants(t) || tui_app_computing(app))
		return false;
	if ((why = cannot(app))) {
		t->queued = 0;
		t->running = false;
		snprintf(app->model.msg, sizeof app->model.msg,
			 "cannot train: %s", why);
		return true;
	}
	/* the ratios cost a product a layer: only while their strip shows */
	t->watch = app->rect[TUI_PANEL_RATIOS].h > 0;
	bool was = tui_train_busy(t),
	     did = tui_train_run(t, &app->comp, budget);
	if (t->st != IV_OK) {
		snprintf(app->model.msg, sizeof app->model.msg,
			 "training stopped: %s", iv_status_str(t->st));
		t->st = IV_OK;
	}
	/* busy=1: a step goes on after this turn (keys read meanwhile are
	 * read during it) */
	if (tui_train_steps(t) != k || app->comp.gen != gen ||
	    tui_train_busy(t) != was)
		tui_app_trace(app, "train steps=%zu busy=%d loss=%g shown=%u",
			      tui_train_steps(t), (int)tui_train_busy(t),
			      tui_train_loss(t), app->comp.gen);
	return did;
}

/* Steps asked for, a step or a pass to finish (a script's Wait waits for
 * them; a run is not waited for). */
static bool busy(const tui_app *app)
{
	return !app->train.running && tui_train_wants(&app->train);
}

const tui_panel_ops tui_panel_training = {
    .name = "training",
    .slot = TUI_SLOT_BAND,
    .rows = rows,
    .run = run,
    .idle_only = true,
    .busy = busy,
    .handle = handle,
    .draw = draw,
};
