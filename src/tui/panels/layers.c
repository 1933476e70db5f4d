/* SPDX-License-Identifier: MIT */
/* The layer list: one row per layer, the left quantity's histogram and
 * statistics, then the right quantity's, with titles and an x-axis above,
 * the theory's predicted std as ticks; the keys that change what is shown
 * and scroll. Its histograms are re-binned before the frame (prepare) into
 * the app's cache, which drawing reads. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <initviz/health.h>
#include "tui/panel.h"
#include "tui/put.h"
#include "util/percent.h"
#include "view/viewport.h"

/* +-1 and +-2 predicted std ticks over the pre-activation histogram of
 * layer in cells x..x+w-1 of row y covering [lo, hi]. */
static void theory_ticks(const tui_app *app, int y, size_t layer, int x, int w,
			 double lo, double hi)
{
	const tui_glyphs *g = app->gl;
	double sd = tui_theory_predict_std(&app->theory, layer, IV_Q_PREACT);
	double mean = iv_config_bias_mean(&app->model.cfg, layer);
	double px = sd * w / (hi - lo); /* columns per std */
	if (!tui_app_theory_shown(app) || !(sd > 0) || !(hi > lo) || px < 1)
		return;
	for (int k = -2; k <= 2; k++) {
		double f = (mean + k * sd - lo) / (hi - lo);
		if (k == 0 || (abs(k) == 1 && px < 3) || !(f >= 0 && f < 1))
			continue; /* +-1 std only where it stands apart */
		int c = x + (int)(f * w);
		tui_put(y, c, c + 1, TUI_E_VALUE,
			abs(k) == 1 ? g->sd1 : g->sd2);
	}
}

static void legend_text(const tui_app *app, char *b, size_t size)
{
	const tui_glyphs *g = app->gl;
	snprintf(b, size, "%s1%s %s2%s theory", g->sd1, g->sigma, g->sd2,
		 g->sigma);
}

/* The columns the ticks' legend takes beside quantity q's title. */
static int legend_width(const tui_app *app, iv_quantity q)
{
	char b[64];
	legend_text(app, b, sizeof b);
	return q == IV_Q_PREACT && tui_app_theory_shown(app)
		   ? tui_text_width(b) + 2
		   : 0;
}

/* The legend, right-aligned in columns x..xend-1 when it fits. */
static void legend(const tui_app *app, int y, int x, int xend)
{
	const tui_glyphs *g = app->gl;
	char b[64];
	legend_text(app, b, sizeof b);
	if (!tui_app_theory_shown(app) || xend - x < tui_text_width(b))
		return;
	x = tui_put(y, xend - tui_text_width(b), xend, TUI_E_VALUE, g->sd1);
	x = tui_put_fmt(y, x, xend, TUI_E_LABEL, "1%s ", g->sigma);
	x = tui_put(y, x, xend, TUI_E_VALUE, g->sd2);
	tui_put_fmt(y, x, xend, TUI_E_LABEL, "2%s theory", g->sigma);
}

typedef struct side {
	iv_quantity q;
	bool shared; /* a range for all rows */
	bool blank;  /* shared, but no row shown has a finite value */
	double lo, hi;
	int x, w;
	tui_element e;
} side;

/* How far the number text t is from v, relative to v (1: no number). */
static double off(const char *t, double v)
{
	char *end;
	double u = strtod(t, &end);
	return end == t || v == 0 ? 1 : fabs(u - v) / fabs(v);
}

static void range_text(const tui_app *app, const side *s, int y)
{
	char lo[40], hi[32];
	if (!s->shared || s->blank) {
		/* the longest that fits whole; else the shortest's words */
		static const char *const none[] = {"no finite values",
						   "none finite", NULL};
		static const char *const here[] = {
		    "no finite values in these rows", "no finite values here",
		    "none finite here", "none finite", NULL};
		static const char *const own[] = {"each row: its own range",
						  NULL};
		static const char *const wait[] = {"not computed yet", NULL};
		const char *const *why = s->blank                 ? here
					 : app->model.per_layer   ? own
					 : tui_app_computing(app) ? wait
								  : none;
		while (why[1] && tui_text_width(*why) > s->w)
			why++;
		tui_put_words(y, s->x, s->x + s->w, TUI_E_AXIS, *why,
			      app->gl->ell);
		return;
	}
	int half = (s->w - 1) / 2; /* each end whole in its half, or none */
	if (s->lo < 0 && s->lo == -s->hi) {
		/* a symmetric range reads as one number both sides: the same
		 * digits, the minus sign's column taken from both */
		tui_text_fit(s->hi, half - 1, hi, sizeof hi);
		snprintf(lo, sizeof lo, "%s%s", hi[0] ? "-" : "", hi);
		/* where the halves round the end by more than 5% ("2e10"
		 * for 1.65e10), one "±1.65e10" in the middle says it
		 * better, if it is closer */
		int pw = tui_text_width(app->gl->pm);
		char one[32];
		if (off(hi, s->hi) > 0.05 &&
		    tui_text_fit(s->hi, s->w - pw, one, sizeof one) &&
		    off(one, s->hi) < off(hi, s->hi)) {
			snprintf(lo, sizeof lo, "%s%s", app->gl->pm, one);
			int x = s->x + (s->w - tui_text_width(lo)) / 2;
			tui_put(y, x, s->x + s->w, TUI_E_AXIS, lo);
			return;
		}
	} else {
		tui_text_fit(s->lo, half, lo, sizeof lo);
		tui_text_fit(s->hi, half, hi, sizeof hi);
	}
	int lw = tui_text_width(lo), hw = tui_text_width(hi);
	tui_put(y, s->x, s->x + s->w, TUI_E_AXIS, lo);
	tui_put_right(y, s->x + s->w, s->x + lw + 1, TUI_E_AXIS, hi);
	if (s->lo < 0 && s->hi > 0) { /* 0 under its bin, if it has room */
		int z = s->x + (int)(-s->lo / (s->hi - s->lo) * s->w);
		if (z > s->x + lw + 1 && z < s->x + s->w - hw - 2)
			tui_put(y, z, s->x + s->w, TUI_E_AXIS, "0");
	}
}

static void header(const tui_app *app, const side *l, const side *r)
{
	const tui_cols *c = &app->layout.c;
	int y = app->layout.header_y, cols = app->layout.cols;
	const char *sg = app->gl->sigma;
	char t[96];
	tui_put_right(y, c->label_w, 0, TUI_E_TITLE, "L");
	/* the title in the histogram's columns, the ticks' legend beside it;
	 * where they do not fit there, the legend runs on up to two blanks
	 * before the std's title, and the formula gives way to the name
	 * before the legend goes */
	int lw = legend_width(app, l->q), end = c->lsd_x + TUI_SD_W - 3,
	    most = l->w - lw;
	tui_model_left_title(&app->model, app->gl, t, sizeof t, most);
	if (lw && tui_text_width(t) > most) {
		most = end - l->x - lw < l->w ? end - l->x - lw : l->w;
		tui_model_left_title(&app->model, app->gl, t, sizeof t, most);
	}
	if (tui_text_width(t) > (lw ? most : l->w)) /* the name alone */
		snprintf(t, sizeof t, "%s", l->q == IV_Q_PREACT ? "z" : "h");
	int tx = tui_put(y, l->x, l->x + l->w, TUI_E_TITLE, t);
	if (l->q == IV_Q_PREACT)
		legend(app, y, tx + 2,
		       tx + lw <= l->x + l->w ? l->x + l->w : end);
	tui_put_right(y, c->lsd_x + TUI_SD_W, c->lsd_x, TUI_E_TITLE, sg);
	static const char *const titles[][2] = {
	    [TUI_HEALTH_NONE] = {NULL, NULL},
	    [TUI_HEALTH_SAT] = {"sat", NULL},
	    [TUI_HEALTH_ZERO_DEAD] = {"zero", "dead"},
	    [TUI_HEALTH_DEAD] = {"dead", NULL},
	};
	for (int k = 0; k < c->health_n; k++)
		tui_put_right(y, c->health_x + (k + 1) * TUI_HEALTH_W,
			      c->health_x + k * TUI_HEALTH_W, TUI_E_TITLE,
			      titles[c->health][k]);
	if (c->uniq_w)
		tui_put_right(y, c->uniq_x + c->uniq_w, c->uniq_x, TUI_E_TITLE,
			      "distinct");
	tui_model_right_title(&app->model, app->gl, t, sizeof t, r->w);
	tui_put(y, r->x, r->x + r->w, TUI_E_TITLE, t);
	tui_put_right(y, c->rsd_x + TUI_SD_W, c->rsd_x, TUI_E_TITLE, sg);
	for (int k = 0; k < 2; k++)
		tui_put(y + k, c->sep_x, cols, TUI_E_AXIS, app->gl->vline);
	range_text(app, l, y + 1);
	range_text(app, r, y + 1);
}

/* How much a row says of its NaN and Inf entries. */
enum { WORDS, COUNTS, COUNTS_OF };

/* The words NaN / Inf of a row, with their counts from COUNTS, and out of
 * how many entries at COUNTS_OF ("Inf 88572 of 131072"; "NaN 3 Inf 5 of
 * 131072" when both, the total said once, at the end). */
static void nonfinite_line(tui_line *l, const iv_stats *st, int say)
{
	tui_line_init(l);
	tui_line_field(l, 0, 0);
	if (st->finite == 0) {
		tui_line_addf(l, TUI_E_WARN, " all %s ",
			      st->nan ? "NaN" : "Inf");
		return;
	}
	tui_line_addf(l, TUI_E_WARN, " %s", st->nan ? "NaN" : "Inf");
	if (say >= COUNTS) {
		tui_line_field(l, 1, 1);
		tui_line_addf(l, TUI_E_WARN, "%zu",
			      st->nan ? st->nan : st->inf);
	}
	if (st->nan && st->inf) {
		tui_line_field(l, 0, 1);
		tui_line_add(l, TUI_E_WARN, "Inf");
		if (say >= COUNTS) {
			tui_line_field(l, 1, 1);
			tui_line_addf(l, TUI_E_WARN, "%zu", st->inf);
		}
	}
	if (say == COUNTS_OF) {
		tui_line_field(l, 1, 1);
		tui_line_addf(l, TUI_E_WARN, "of %zu", st->count);
	}
	tui_line_field(l, 0, 0);
	tui_line_add(l, TUI_E_WARN, " ");
}

static void nonfinite(const iv_stats *st, int y, const side *s)
{
	tui_line l;
	if (st->nan == 0 && st->inf == 0)
		return;
	/* every count and the total, every count, or only the words: "NaN
	 * 7760 Inf" would read as if the Inf had no count */
	for (int say = COUNTS_OF; say >= WORDS; say--) {
		nonfinite_line(&l, st, say);
		if (tui_line_fit(&l, s->w) || say == WORDS)
			break;
	}
	/* over the histogram's cells: the gaps between the words too, or a
	 * bar shows between "Inf" and its count */
	int x = s->x + s->w - l.used[0];
	tui_put_fmt(y, x, x + l.used[0], TUI_E_NORMAL, "%*s", l.used[0], "");
	tui_put_line(y, x, &l);
}

/* The x-range of one side's histogram in a row; false when it has none. */
static bool cell_range(const iv_layer_stats *ls, const side *s, double *lo,
		       double *hi)
{
	*lo = s->lo;
	*hi = s->hi;
	return tui_hist_ready(ls, s->q) &&
	       (s->shared || tui_hist_range_layer(ls, s->q, lo, hi));
}

static size_t bins_of(const side *s)
{
	return (size_t)(s->w < 1024 ? s->w : 1024);
}

/* The histogram cells of one side of one row. */
static void cells(const tui_app *app, int y, size_t slot, size_t layer,
		  const side *s)
{
	const iv_layer_stats *ls = tui_compute_layer(&app->comp, layer);
	double lo, hi;
	const double *counts = NULL;
	unsigned char lv[1024];
	int w = (int)bins_of(s);
	if (cell_range(ls, s, &lo, &hi))
		counts = tui_hist_get(&app->cache, slot, app->comp.gen, layer,
				      s->q, lo, hi, (size_t)w);
	if (!tui_hist_ready(ls, s->q)) {
		for (int i = 0; i < w; i += 2)
			tui_put(y, s->x + i, s->x + w, TUI_E_PENDING,
				app->gl->pending);
		return;
	}
	if (counts) {
		tui_hist_levels(counts, (size_t)w, app->model.log_counts, lv);
		for (int i = 0; i < w; i++)
			tui_put_bar(y, s->x + i, s->x + w, s->e,
				    app->gl->level[lv[i]]);
		if (s->q == IV_Q_PREACT)
			theory_ticks(app, y, layer, s->x, w, lo, hi);
	}
	nonfinite(&ls->q[s->q], y, s);
}

/* The counts of a layer whose activations are all finite; over NaN or Inf
 * a saturated, zero or dead unit and a distinct neuron mean nothing (NaN
 * columns all compare alike), so the columns show a dash. */
static void uncounted(const tui_app *app, int y)
{
	const tui_cols *c = &app->layout.c;
	for (int k = 0; k < c->health_n; k++)
		tui_put_right(y, c->health_x + (k + 1) * TUI_HEALTH_W,
			      c->health_x + k * TUI_HEALTH_W, TUI_E_NORMAL,
			      "-");
	if (c->uniq_w)
		tui_put_right(y, c->uniq_x + c->uniq_w, c->uniq_x,
			      TUI_E_NORMAL, "-");
}

static void health(const tui_app *app, int y, const iv_layer_stats *ls)
{
	const tui_cols *c = &app->layout.c;
	int x = c->health_x, W = TUI_HEALTH_W;
	char b[32];
	if (ls->q[IV_Q_ACT].finite < ls->q[IV_Q_ACT].count) {
		uncounted(app, y);
		return;
	}
	if (c->health == TUI_HEALTH_SAT)
		tui_put_right(y, x + W, x,
			      iv_health_saturated(ls) ? TUI_E_WARN
						      : TUI_E_NORMAL,
			      iv_percent(b, sizeof b, ls->saturated, 0));
	if (c->health == TUI_HEALTH_ZERO_DEAD) {
		tui_put_right(y, x + W, x,
			      iv_health_zero(ls) ? TUI_E_WARN : TUI_E_NORMAL,
			      iv_percent(b, sizeof b, ls->zero_fraction, 0));
		x += W;
	}
	if (c->health == TUI_HEALTH_ZERO_DEAD || c->health == TUI_HEALTH_DEAD) {
		snprintf(b, sizeof b, "%zu", ls->dead_units);
		tui_put_right(y, x + W, x + 1,
			      ls->dead_units ? TUI_E_WARN : TUI_E_NORMAL, b);
	}
	bool few = iv_health_collapsed(ls);
	if (c->uniq_w && (few || tui_app_teaching(app))) {
		snprintf(b, sizeof b, "%zu", ls->distinct_neurons);
		tui_put_right(y, c->uniq_x + c->uniq_w, c->uniq_x,
			      few ? TUI_E_WARN : TUI_E_NORMAL, b);
	}
}

/* A row's σ: of all its entries, as the report's table writes it
 * (iv_stats_std_all: the finite entries' std beside 64019 Infs read 0). */
static void sd_text(const iv_stats *s, char *b, size_t size)
{
	double sd = iv_stats_std_all(s);
	if (isnan(sd))
		snprintf(b, size, "nan");
	else if (isinf(sd))
		snprintf(b, size, "inf");
	else
		tui_text_fit(sd, TUI_SD_W - 1, b, size);
}

static void row(const tui_app *app, int y, size_t i, const side *l,
		const side *r)
{
	const tui_cols *c = &app->layout.c;
	size_t layer = tui_viewport_layer(&app->model, i);
	char b[32];
	tui_put(y, c->sep_x, app->layout.cols, TUI_E_AXIS, app->gl->vline);
	if (layer == 0) {
		size_t hidden = app->model.cfg.depth - (app->model.rows - 1);
		tui_line t;
		tui_line_init(&t);
		tui_line_field(&t, 0, 2);
		tui_line_addf(&t, TUI_E_AXIS, "%s", app->gl->gap);
		tui_line_field(&t, 0, 2);
		tui_line_addf(&t, TUI_E_AXIS, "%zu layer%s not shown", hidden,
			      hidden == 1 ? "" : "s");
		tui_line_field(&t, 1, 2);
		tui_line_add(&t, TUI_E_AXIS, "(f: all layers)");
		tui_put_fit(y, l->x, c->sep_x, &t);
		return;
	}
	const iv_layer_stats *ls = tui_compute_layer(&app->comp, layer);
	tui_put_fmt(y, 0, c->label_w, TUI_E_AXIS, "%*zu", c->label_w, layer);
	cells(app, y, 2 * (i - app->model.top), layer, l);
	cells(app, y, 2 * (i - app->model.top) + 1, layer, r);
	if (tui_hist_ready(ls, l->q)) {
		sd_text(&ls->q[l->q], b, sizeof b);
		tui_put_right(y, c->lsd_x + TUI_SD_W, c->lsd_x, TUI_E_NORMAL,
			      b);
		health(app, y, ls);
	}
	if (tui_hist_ready(ls, r->q)) {
		sd_text(&ls->q[r->q], b, sizeof b);
		tui_put_right(y, c->rsd_x + TUI_SD_W, c->rsd_x, TUI_E_NORMAL,
			      b);
	}
}

/* Whether a row shown has a finite value of q, or one not computed yet:
 * else a shared range, from layers scrolled out of view, says nothing of
 * the rows (after a divergence, the top layer's probe gradient). */
static bool finite_shown(const tui_app *app, iv_quantity q)
{
	const tui_model *m = &app->model;
	size_t n = tui_viewport_count(m);
	for (size_t i = m->top; i < n && i < m->top + m->rows; i++) {
		size_t layer = tui_viewport_layer(m, i);
		const iv_layer_stats *ls =
		    layer ? tui_compute_layer(&app->comp, layer) : NULL;
		if (ls && (!tui_hist_ready(ls, q) || ls->q[q].finite > 0))
			return true;
	}
	return false;
}

/* The two sides as the layout and the model have them, with the shared
 * ranges when the rows share one. */
static void sides(const tui_app *app, side *l, side *r)
{
	const tui_cols *c = &app->layout.c;
	const tui_model *m = &app->model;
	*l = (side){.q = tui_model_left_q(m),
		    .x = c->lhist_x,
		    .w = c->lhist_w,
		    .e = TUI_E_ACT};
	*r = (side){.q = tui_model_right_q(m),
		    .x = c->rhist_x,
		    .w = c->rhist_w,
		    .e = TUI_E_GRAD};
	if (!m->per_layer) {
		l->shared =
		    tui_hist_range_shared(&app->comp, l->q, &l->lo, &l->hi);
		r->shared =
		    tui_hist_range_shared(&app->comp, r->q, &r->lo, &r->hi);
		l->blank = l->shared && !finite_shown(app, l->q);
		r->blank = r->shared && !finite_shown(app, r->q);
	}
}

/* Re-bin the histograms of the rows shown (the engine's binning runs here,
 * not while drawing), from matrices that are those of the statistics shown:
 * while training has moved them on, rows keep what they had and the next
 * pass fills the rest. */
static void prepare(tui_app *app, tui_rect rect)
{
	const tui_model *m = &app->model;
	side s[2];
	(void)rect;
	if (!tui_compute_readable(&app->comp))
		return;
	sides(app, &s[0], &s[1]);
	size_t n = tui_viewport_count(m), count = 0;
	tui_hist_want *w = malloc(2 * (m->rows ? m->rows : 1) * sizeof *w);
	if (!w)
		return;
	for (size_t i = m->top; i < n && i < m->top + m->rows; i++) {
		size_t layer = tui_viewport_layer(m, i);
		if (layer == 0)
			continue;
		const iv_layer_stats *ls = tui_compute_layer(&app->comp, layer);
		for (int k = 0; k < 2; k++) {
			double lo, hi;
			if (cell_range(ls, &s[k], &lo, &hi))
				w[count++] = (tui_hist_want){
				    2 * (i - m->top) + (size_t)k,
				    layer,
				    s[k].q,
				    lo,
				    hi,
				    bins_of(&s[k])};
		}
	}
	tui_hist_fill(&app->cache, w, count, app->comp.net, app->comp.gen);
	free(w);
}

static void draw(const tui_app *app, tui_rect rect)
{
	const tui_model *m = &app->model;
	side l, r;
	(void)rect;
	if (!app->comp.net)
		return;
	sides(app, &l, &r);
	header(app, &l, &r);
	size_t n = tui_viewport_count(m);
	for (size_t i = m->top; i < n && i < m->top + m->rows; i++)
		row(app, app->layout.layers_y + (int)(i - m->top), i, &l, &r);
}

/* What is shown, and scrolling: true when handled. */
static bool handle(tui_app *app, tui_action a, unsigned *flags)
{
	tui_model *m = &app->model;
	switch (a) {
	case TUI_A_THEORY: app->theory.overlay = !app->theory.overlay; break;
	case TUI_A_PREACT: m->preact = !m->preact; break;
	case TUI_A_GRADW: m->grad_weights = !m->grad_weights; break;
	case TUI_A_RANGE: m->per_layer = !m->per_layer; break;
	case TUI_A_LOGCOUNT: m->log_counts = !m->log_counts; break;
	case TUI_A_SUBSET: tui_viewport_cycle_subset(m); break;
	case TUI_A_LAYOUT:
		m->view = (tui_view)((m->view + 1) % TUI_VIEW_COUNT);
		break;
	case TUI_A_DOWN: tui_viewport_scroll(m, 1); break;
	case TUI_A_UP: tui_viewport_scroll(m, -1); break;
	case TUI_A_PAGE_DOWN: tui_viewport_page(m, 1); break;
	case TUI_A_PAGE_UP: tui_viewport_page(m, -1); break;
	case TUI_A_HOME: tui_viewport_home(m); break;
	case TUI_A_END: tui_viewport_end(m); break;
	default: return false;
	}
	*flags = TUI_F_REDRAW;
	return true;
}

/* Rows: the titles, the x-axis, a row per layer (a subset that shows
 * fewer gives the rest back: frame.c); none in the profile view. */
static int rows(const tui_app *app, int cols)
{
	(void)cols;
	if (app->model.view == TUI_VIEW_PROFILE)
		return 0;
	size_t d = app->model.cfg.depth;
	return 2 + (d < 10000 ? (int)d : 10000);
}

const tui_panel_ops tui_panel_layers = {
    .name = "layers",
    .slot = TUI_SLOT_LAYERS,
    .rows = rows,
    .min_rows = TUI_LAYERS_MIN,
    .fair_rows = TUI_LAYERS_FAIR,
    .prepare = prepare,
    .handle = handle,
    .draw = draw,
};
