/* SPDX-License-Identifier: MIT */
/* The layer view: one row per layer, the left quantity's histogram and
 * statistics, then the right quantity's, with titles and an x-axis above. */
#include <math.h>
#include <stdio.h>
#include "tui/draw.h"
#include "tui/teach_app.h"
#include "tui/theory_app.h"

typedef struct side {
	iv_quantity q;
	bool shared; /* a range for all rows */
	double lo, hi;
	int x, w;
	tui_element e;
} side;

static void range_text(const tui_app *app, const side *s, int y)
{
	char lo[32], hi[32];
	if (!s->shared) {
		const char *why = app->model.per_layer
				      ? "each row: its own range"
				  : tui_app_busy(app) ? "not computed yet"
						      : "no finite values";
		tui_put(y, s->x, s->x + s->w, TUI_E_AXIS, why);
		return;
	}
	tui_fmt(s->lo, lo, sizeof lo);
	tui_fmt(s->hi, hi, sizeof hi);
	int lw = tui_text_width(lo), hw = tui_text_width(hi);
	tui_put(y, s->x, s->x + s->w, TUI_E_AXIS, lo);
	tui_put_right(y, s->x + s->w, s->x + lw + 1, TUI_E_AXIS, hi);
	if (s->lo < 0 && s->hi > 0) { /* 0 under its bin, if it has room */
		int z = s->x + (int)(-s->lo / (s->hi - s->lo) * s->w);
		if (z > s->x + lw + 1 && z < s->x + s->w - hw - 2)
			tui_put(y, z, s->x + s->w, TUI_E_AXIS, "0");
	}
}

static void header(tui_app *app, const side *l, const side *r)
{
	const tui_cols *c = &app->layout.c;
	int y = app->layout.header_y, cols = app->layout.cols;
	const char *sg = app->gl->sigma;
	char t[96];
	tui_put_right(y, c->label_w, 0, TUI_E_TITLE, "L");
	tui_left_title(app, t, sizeof t,
		       l->w - tui_theory_legend_width(app, l->q));
	int tx = tui_put(y, l->x, l->x + l->w, TUI_E_TITLE, t);
	if (l->q == IV_Q_PREACT)
		tui_draw_theory_legend(app, y, tx + 2, l->x + l->w);
	tui_put_right(y, c->lsd_x + TUI_SD_W, c->lsd_x, TUI_E_TITLE, sg);
	if (c->health_n == 1)
		tui_put_right(y, c->health_x + TUI_HEALTH_W, c->health_x,
			      TUI_E_TITLE, "sat");
	if (c->health_n == 2) {
		tui_put_right(y, c->health_x + TUI_HEALTH_W, c->health_x,
			      TUI_E_TITLE, "zero");
		tui_put_right(y, c->health_x + 2 * TUI_HEALTH_W, c->health_x,
			      TUI_E_TITLE, "dead");
	}
	if (c->uniq_w)
		tui_put_right(y, c->uniq_x + c->uniq_w, c->uniq_x, TUI_E_TITLE,
			      "distinct");
	tui_right_title(app, t, sizeof t, r->w);
	tui_put(y, r->x, r->x + r->w, TUI_E_TITLE, t);
	tui_put_right(y, c->rsd_x + TUI_SD_W, c->rsd_x, TUI_E_TITLE, sg);
	for (int k = 0; k < 2; k++)
		tui_put(y + k, c->sep_x, cols, TUI_E_AXIS, app->gl->vline);
	range_text(app, l, y + 1);
	range_text(app, r, y + 1);
}

static void nonfinite(const iv_stats *st, int y, const side *s)
{
	char b[64];
	if (st->nan == 0 && st->inf == 0)
		return;
	if (st->finite == 0)
		snprintf(b, sizeof b, " all %s ", st->nan ? "NaN" : "Inf");
	else if (st->nan && st->inf)
		snprintf(b, sizeof b, " NaN %zu Inf %zu ", st->nan, st->inf);
	else
		snprintf(b, sizeof b, " %s %zu ", st->nan ? "NaN" : "Inf",
			 st->nan ? st->nan : st->inf);
	tui_put_right(y, s->x + s->w, s->x, TUI_E_WARN, b);
}

/* The histogram cells of one side of one row. */
static void cells(tui_app *app, int y, size_t slot, size_t layer, const side *s)
{
	const iv_layer_stats *ls = iv_net_layer(app->comp.net, layer);
	double lo = s->lo, hi = s->hi;
	const double *counts = NULL;
	unsigned char lv[1024];
	int w = s->w < 1024 ? s->w : 1024;
	if (tui_q_ready(ls, s->q) &&
	    (s->shared || tui_range_layer(ls, s->q, &lo, &hi)))
		counts = tui_hist_counts(&app->cache, slot, app->comp.net,
					 app->comp.gen, layer, s->q, lo, hi,
					 (size_t)w);
	if (!tui_q_ready(ls, s->q)) {
		for (int i = 0; i < w; i += 2)
			tui_put(y, s->x + i, s->x + w, TUI_E_PENDING,
				app->gl->pending);
		return;
	}
	if (counts) {
		tui_hist_levels(counts, (size_t)w, app->model.log_counts, lv);
		for (int i = 0; i < w; i++)
			tui_put(y, s->x + i, s->x + w, s->e,
				app->gl->level[lv[i]]);
		if (s->q == IV_Q_PREACT)
			tui_draw_theory_ticks(app, y, layer, s->x, w, lo, hi);
	}
	nonfinite(&ls->q[s->q], y, s);
}

/* A fraction as a percentage; "<1%" rather than a misleading "0%". */
static const char *percent(double f, char *buf, size_t size)
{
	if (f > 0 && f < 0.005)
		snprintf(buf, size, "<1%%");
	else
		snprintf(buf, size, "%.0f%%", 100 * f);
	return buf;
}

static void health(tui_app *app, int y, const iv_layer_stats *ls)
{
	const tui_cols *c = &app->layout.c;
	int x = c->health_x, W = TUI_HEALTH_W;
	char b[32];
	if (c->health_n == 1)
		tui_put_right(y, x + W, x,
			      ls->saturated > 0.5 ? TUI_E_WARN : TUI_E_NORMAL,
			      percent(ls->saturated, b, sizeof b));
	if (c->health_n == 2) {
		tui_put_right(y, x + W, x,
			      ls->zero_fraction > 0.9 ? TUI_E_WARN
						      : TUI_E_NORMAL,
			      percent(ls->zero_fraction, b, sizeof b));
		snprintf(b, sizeof b, "%zu", ls->dead_units);
		tui_put_right(y, x + 2 * W, x + W,
			      ls->dead_units ? TUI_E_WARN : TUI_E_NORMAL, b);
	}
	bool few = ls->distinct_neurons < ls->fan_out;
	if (c->uniq_w && (few || tui_teach_distinct(app))) {
		snprintf(b, sizeof b, "%zu", ls->distinct_neurons);
		tui_put_right(y, c->uniq_x + c->uniq_w, c->uniq_x,
			      few ? TUI_E_WARN : TUI_E_NORMAL, b);
	}
}

static void row(tui_app *app, int y, size_t i, const side *l, const side *r)
{
	const tui_cols *c = &app->layout.c;
	size_t layer = tui_model_layer(&app->model, i);
	char b[32];
	tui_put(y, c->sep_x, app->layout.cols, TUI_E_AXIS, app->gl->vline);
	if (layer == 0) {
		size_t hidden = app->model.cfg.depth - (app->model.rows - 1);
		tui_putf(y, l->x, c->sep_x, TUI_E_AXIS,
			 "%s  %zu layer%s not shown  (f: all layers)",
			 app->gl->gap, hidden, hidden == 1 ? "" : "s");
		return;
	}
	const iv_layer_stats *ls = iv_net_layer(app->comp.net, layer);
	tui_putf(y, 0, c->label_w, TUI_E_AXIS, "%*zu", c->label_w, layer);
	cells(app, y, 2 * (i - app->model.top), layer, l);
	cells(app, y, 2 * (i - app->model.top) + 1, layer, r);
	if (tui_q_ready(ls, l->q)) {
		tui_put_right(y, c->lsd_x + TUI_SD_W, c->lsd_x, TUI_E_NORMAL,
			      tui_fmt(ls->q[l->q].std, b, sizeof b));
		health(app, y, ls);
	}
	if (tui_q_ready(ls, r->q))
		tui_put_right(y, c->rsd_x + TUI_SD_W, c->rsd_x, TUI_E_NORMAL,
			      tui_fmt(ls->q[r->q].std, b, sizeof b));
}

void tui_draw_layers(tui_app *app)
{
	const tui_cols *c = &app->layout.c;
	tui_model *m = &app->model;
	side l = {.q = tui_left_q(m),
		  .x = c->lhist_x,
		  .w = c->lhist_w,
		  .e = TUI_E_ACT};
	side r = {.q = tui_right_q(m),
		  .x = c->rhist_x,
		  .w = c->rhist_w,
		  .e = TUI_E_GRAD};
	if (!app->comp.net)
		return;
	if (!m->per_layer) {
		l.shared = tui_range_shared(app->comp.net, l.q, &l.lo, &l.hi);
		r.shared = tui_range_shared(app->comp.net, r.q, &r.lo, &r.hi);
	}
	header(app, &l, &r);
	size_t n = tui_model_count(m);
	for (size_t i = m->top; i < n && i < m->top + m->rows; i++)
		row(app, app->layout.layers_y + (int)(i - m->top), i, &l, &r);
}
