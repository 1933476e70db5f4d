/* SPDX-License-Identifier: MIT */
/* The cobweb plots: the length map q_l against q_(l-1), or (Tab) the
 * correlation map c_l against c_(l-1), with the diagonal, this network's
 * layers as a staircase and the stable fixed point marked; or, where
 * there is none, why. The arrows move sigma_w^2 and sigma_b^2 (or the two
 * inputs' correlation). Its numbers come from view/cobweb.h, computed
 * between key reads. */
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "tui/panel.h"
#include "tui/put.h"
#include "view/sigma.h"

#define BELOW    5  /* rows under the plot: x labels, legend, 2 status, keys */
#define ROWS_MIN 6  /* plot rows below which it says "too small" */
#define COLS_MIN 15 /* and columns */
/* plot columns per row at most: on cells about twice as tall as wide the
 * diagonal then looks diagonal */
#define ASPECT   2.5
#define SW2_STEP 0.1  /* the arrows' steps of sigma_w^2 ... */
#define SW2_N    1001 /* ... from 0 to 100 */
#define SB2_STEP 0.05 /* and of sigma_b^2 from 0 to TUI_SIGMA_B2_MAX */
#define LABEL_W  8    /* room an x label keeps */

static const tui_cobweb *web(const tui_app *app)
{
	return &app->theory.cobweb;
}

static bool is_corr(const tui_app *app)
{
	return web(app)->map == TUI_COBWEB_CORR;
}

/* The plot's room in rectangle r. */
static size_t plot_rows(tui_rect r)
{
	int n = r.h - 1 - BELOW;
	return n > 0 ? (size_t)n : 0;
}

static size_t plot_cols(tui_rect r)
{
	int n = r.w - TUI_AXIS_W - 1, most = (int)(ASPECT * plot_rows(r));
	n = n < most ? n : most;
	return n > 0 ? (size_t)n : 0;
}

static bool fits(tui_rect r)
{
	return plot_rows(r) >= ROWS_MIN && plot_cols(r) >= COLS_MIN;
}

/* Screen cell of plot column i and plot row j (0 at the bottom). */
static int sx(int i)
{
	return TUI_AXIS_W + i;
}

static int sy(const tui_cobweb *w, int top, int j)
{
	return top + (int)w->rows - 1 - j;
}

static void mark(const tui_cobweb *w, int top, int i, int j, tui_element e,
		 const char *s)
{
	if (i >= 0 && j >= 0 && i < (int)w->key_cols && j < (int)w->rows)
		tui_put(sy(w, top, j), sx(i), sx(i) + 1, e, s);
}

static void diagonal(const tui_app *app, int top)
{
	const tui_cobweb *w = web(app);
	const char *s = tui_cobweb_glyphs_for(app->gl)->diag;
	for (size_t i = 0; i < w->key_cols; i++)
		mark(w, top, (int)i, tui_cobweb_row(w, tui_cobweb_x(w, i)),
		     TUI_E_AXIS, s);
}

/* Up (or down) from the diagonal to the map, across to the diagonal. */
static void staircase(const tui_app *app, int top)
{
	const tui_cobweb *w = web(app);
	const tui_cobweb_glyphs *g = tui_cobweb_glyphs_for(app->gl);
	for (size_t l = 1; l < w->n_done; l++) {
		int c0 = tui_cobweb_col(w, w->it[l - 1]),
		    c1 = tui_cobweb_col(w, w->it[l]),
		    r0 = tui_cobweb_row(w, w->it[l - 1]),
		    r1 = tui_cobweb_row(w, w->it[l]);
		if (c0 < 0 || c1 < 0 || r0 < 0 || r1 < 0)
			continue;
		for (int j = r0 < r1 ? r0 : r1; j <= (r0 < r1 ? r1 : r0); j++)
			mark(w, top, c0, j, TUI_E_ACT, g->vert);
		for (int i = c0 < c1 ? c0 : c1; i <= (c0 < c1 ? c1 : c0); i++)
			if (i != c0)
				mark(w, top, i, r1, TUI_E_ACT, g->horiz);
	}
}

/* The map at every column, joined where it climbs or falls steeply. */
static void curve(const tui_app *app, int top)
{
	const tui_cobweb *w = web(app);
	const char *s = tui_cobweb_glyphs_for(app->gl)->curve;
	int prev = INT_MIN;
	for (size_t i = 0; i < w->y_done; i++) {
		int r = tui_cobweb_row_edge(w, w->y[i]);
		if (r != INT_MIN && prev != INT_MIN) {
			int a = (r < prev ? r : prev) + 1,
			    b = (r < prev ? prev : r) - 1;
			for (int j = a; j <= b; j++)
				mark(w, top, (int)i, j, TUI_E_VALUE, s);
		}
		mark(w, top, (int)i, r, TUI_E_VALUE, s);
		prev = r;
	}
}

static void points(const tui_app *app, int top)
{
	const tui_cobweb *w = web(app);
	const tui_cobweb_glyphs *g = tui_cobweb_glyphs_for(app->gl);
	if (w->n_done)
		mark(w, top, tui_cobweb_col(w, w->it[0]),
		     tui_cobweb_row(w, w->it[0]), TUI_E_NOTICE, g->start);
	mark(w, top, tui_cobweb_col(w, w->fixed), tui_cobweb_row(w, w->fixed),
	     TUI_E_NOTICE, g->fixed);
}

/* The ticks of an axis, at most about most of them: at least two where
 * the nice step for most overshoots the axis (a plot a dozen columns wide
 * had its 0 alone, no scale to read). */
static size_t ticks(const tui_cobweb *w, size_t most, double *v, size_t max)
{
	size_t n = tui_cobweb_ticks(w, most, v, max);
	while (n < 2 && most < max)
		n = tui_cobweb_ticks(w, ++most, v, max);
	return n;
}

static void y_axis(const tui_app *app, int top)
{
	const tui_cobweb *w = web(app);
	double v[16];
	char b[16];
	for (size_t j = 0; j < w->rows; j++)
		tui_put(sy(w, top, (int)j), TUI_AXIS_W - 1, TUI_AXIS_W,
			TUI_E_AXIS, app->gl->vline);
	size_t n = ticks(w, w->rows / 3 + 1, v, 16);
	for (size_t k = 0; k < n; k++) {
		int j = tui_cobweb_row(w, v[k]);
		if (j < 0) /* off the axis: row -1 is the x labels' */
			continue;
		int y = sy(w, top, j);
		tui_cobweb_tick_text(w, v[k], b, sizeof b);
		/* whole or not at all ("2.4e-318" cut to "2.4e-" misreads);
		 * the x axis below has the same scale with room for it */
		if (tui_text_width(b) <= TUI_AXIS_W - 2)
			tui_put_right(y, TUI_AXIS_W - 2, 0, TUI_E_AXIS, b);
		tui_put(y, TUI_AXIS_W - 1, TUI_AXIS_W, TUI_E_AXIS,
			app->gl->tick);
	}
	/* the axis' name beside the top label when there is room */
	size_t last = n ? n - 1 : 0;
	int w_top =
	    n && tui_cobweb_row(w, v[last]) == (int)w->rows - 1
		? tui_text_width(tui_cobweb_tick_text(w, v[last], b, sizeof b))
		: 0;
	if (w_top > TUI_AXIS_W - 2) /* not drawn */
		w_top = 0;
	if (w_top + 3 <= TUI_AXIS_W - 2)
		tui_put(top, 0, TUI_AXIS_W - 2, TUI_E_AXIS,
			is_corr(app) ? "c'" : "q'");
}

static void x_axis(const tui_app *app, int y)
{
	const tui_cobweb *w = web(app);
	double v[16];
	char b[16];
	int free_x = TUI_AXIS_W;
	size_t n = ticks(w, w->key_cols / LABEL_W + 1, v, 16);
	for (size_t k = 0; k < n; k++) {
		int x = sx(tui_cobweb_col(w, v[k]));
		tui_cobweb_tick_text(w, v[k], b, sizeof b);
		if (x < free_x)
			continue;
		free_x = tui_put(y, x, app->layout.cols, TUI_E_AXIS, b) + 1;
	}
	tui_put(y, 0, TUI_AXIS_W, TUI_E_AXIS, is_corr(app) ? "c" : "q");
}

static void legend(const tui_app *app, int y)
{
	const tui_cobweb *w = web(app);
	const tui_cobweb_glyphs *g = tui_cobweb_glyphs_for(app->gl);
	const char *v = is_corr(app) ? "c" : "q";
	int x = 0, cols = app->layout.cols;
	x = tui_put(y, x, cols, TUI_E_VALUE, g->curve);
	x = tui_put_fmt(y, x + 1, cols, TUI_E_LABEL, "map   ");
	x = tui_put(y, x, cols, TUI_E_AXIS, g->diag);
	x = tui_put_fmt(y, x + 1, cols, TUI_E_LABEL, "%s'=%s   ", v, v);
	x = tui_put_fmt(y, x, cols, TUI_E_ACT, "%s%s", g->vert, g->horiz);
	if (w->n_done == 1) /* "layers 1-1" reads as a typo */
		x = tui_put_fmt(y, x + 1, cols, TUI_E_LABEL, "layer 1   ");
	else
		x = tui_put_fmt(y, x + 1, cols, TUI_E_LABEL,
				"layers 1-%zu%s   ", w->n_done,
				w->n < w->depth ? " (first)" : "");
	x = tui_put(y, x, cols, TUI_E_NOTICE, g->start);
	x = tui_put_fmt(y, x + 1, cols, TUI_E_LABEL, "layer 1   ");
	if (tui_cobweb_col(w, w->fixed) < 0 || tui_cobweb_row(w, w->fixed) < 0)
		return; /* none, or off a log axis: the words below say so */
	x = tui_put(y, x, cols, TUI_E_NOTICE, g->fixed);
	tui_put_fmt(y, x + 1, cols, TUI_E_LABEL, "%s*", v);
}

/* The fixed point's words from column 0 of row y, then its numbers, each
 * whole: where the row is short, the words in brackets go first, then the
 * depth scale, then the slope (never a number or a word cut at the edge). */
static void figures(const tui_app *app, int y)
{
	const tui_cobweb *w = web(app);
	const tui_glyphs *gl = app->gl;
	const iv_criticality *k = &w->crit;
	char v[256], a[32], b[32];
	int cols = app->layout.cols;
	tui_line l;
	tui_line_init(&l);
	tui_line_field(&l, 0, 0);
	tui_line_add(&l, TUI_E_VALUE, tui_cobweb_fixed_text(w, v, sizeof v));
	if (is_corr(app)) {
		tui_line_field(&l, 1, 3);
		tui_line_addf(&l, TUI_E_LABEL, "%s %s",
			      tui_cobweb_glyphs_for(gl)->chic,
			      tui_glyphs_number(gl, k->chi_c, a, sizeof a));
		tui_line_field(&l, 4, 1);
		tui_line_addf(&l, TUI_E_LABEL, "(%s)",
			      isfinite(k->c_star) ? "slope at c*" : "slope");
		tui_line_field(&l, 2, 3);
		tui_line_addf(&l, TUI_E_LABEL, "%s %s", gl->xic,
			      tui_glyphs_number(gl, k->depth_scale_correlation,
						b, sizeof b));
		tui_line_field(&l, 3, 1);
		tui_line_add(&l, TUI_E_LABEL, "(correlations)");
		tui_put_fit(y, 0, cols, &l);
		return;
	}
	static const char *const where[] = {[IV_FIXED_STABLE] = "at q*",
					    [IV_FIXED_DIVERGES] = "at large q",
					    [IV_FIXED_NEUTRAL] = "at every q"};
	tui_line_field(&l, 1, 3);
	tui_line_addf(&l, TUI_E_LABEL, "%s %s", gl->chi,
		      tui_glyphs_number(gl, k->chi1, a, sizeof a));
	tui_line_field(&l, 4, 1);
	tui_line_add(&l, TUI_E_LABEL, where[k->kind]);
	tui_line_field(&l, 2, 3);
	tui_line_addf(&l, TUI_E_LABEL, "%s %s", gl->xig,
		      tui_glyphs_number(gl, k->depth_scale, b, sizeof b));
	tui_line_field(&l, 3, 1);
	tui_line_add(&l, TUI_E_LABEL, "(gradients)");
	tui_put_fit(y, 0, cols, &l);
}

/* The verdict and the numbers that go with it; where nothing is drawn,
 * why (and, past the range or with every unit 0, the fixed point's numbers
 * on the next row). */
static void numbers(const tui_app *app, int y)
{
	const tui_cobweb *w = web(app);
	char v[256];
	int cols = app->layout.cols;
	if (w->state == TUI_COBWEB_OK) {
		figures(app, y);
		return;
	}
	if (w->state == TUI_COBWEB_NOT_PLAIN) { /* a reason: over two rows */
		tui_put_wrap(y, 0, cols, 2, TUI_E_VALUE,
			     tui_cobweb_verdict(w, v, sizeof v));
		return;
	}
	tui_put_words(y, 0, cols, TUI_E_VALUE,
		      tui_cobweb_verdict(w, v, sizeof v), app->gl->ell);
	if (w->state == TUI_COBWEB_PAST_RANGE ||
	    w->state == TUI_COBWEB_NO_SIGNAL)
		figures(app, y + 1);
}

/* What the picture says, and what it is drawn from. */
static void meaning(const tui_app *app, int y)
{
	const tui_cobweb *w = web(app);
	const iv_criticality *k = &w->crit;
	char t[256], a[32], b[32], c[32], d[32], run[80];
	if (w->state == TUI_COBWEB_NOT_PLAIN ||
	    w->state == TUI_COBWEB_PAST_RANGE ||
	    w->state == TUI_COBWEB_NO_SIGNAL)
		return; /* the verdict's second row */
	if (w->state != TUI_COBWEB_OK || w->n == 0) {
		tui_put(y, 0, app->layout.cols, TUI_E_LABEL,
			"i changes the scheme");
		return;
	}
	tui_text_number(w->q[0], a, sizeof a);
	if (w->n == 1) /* one layer: nothing to go "to" */
		snprintf(run, sizeof run, "q1 %s, one layer", a);
	else
		snprintf(run, sizeof run, "q1 %s to q%zu %s", a, w->n,
			 tui_text_number(w->q[w->n - 1], b, sizeof b));
	if (is_corr(app)) {
		char at[48];
		if (k->kind == IV_FIXED_DIVERGES)
			snprintf(at, sizeof at, "large q");
		else
			snprintf(at, sizeof at, "%s %s",
				 k->kind == IV_FIXED_NEUTRAL ? "q1" : "q*",
				 tui_text_number(w->map_q, c, sizeof c));
		snprintf(t, sizeof t,
			 "map at %s (layers: %s); inputs of correlation %s: "
			 "c1 %s",
			 at, run,
			 tui_text_number(tui_cobweb_c0(w), c, sizeof c),
			 tui_text_number(w->it[0], d, sizeof d));
	} else if (k->kind == IV_FIXED_DIVERGES)
		snprintf(t, sizeof t,
			 "the map stays above the diagonal: q grows, %s", run);
	else if (k->kind == IV_FIXED_NEUTRAL)
		snprintf(t, sizeof t,
			 "the map is the diagonal: every layer keeps q1 %s", a);
	else if (w->ax.log && !(k->q_star >= w->ax.lo))
		snprintf(t, sizeof t,
			 "q* %s is off the log axis (lower left): %s",
			 tui_text_number(k->q_star, c, sizeof c), run);
	else
		snprintf(t, sizeof t, "the map crosses the diagonal at q*: %s",
			 run);
	if (!w->same_maps)
		snprintf(t + strlen(t), sizeof t - strlen(t),
			 "   (widths differ: the map is layer 1's)");
	tui_put_words(y, 0, app->layout.cols, TUI_E_LABEL, t, app->gl->ell);
}

/* The keys, each whole or left out: the way back and the arrows kept
 * (their letters where the arrows' names are too long), the other map's
 * key given up first (the help lists it). */
static void keys(const tui_app *app, int y)
{
	const tui_glyphs *gl = app->gl;
	tui_line l;
	for (int letters = 0; letters < 2; letters++) {
		tui_line_init(&l);
		tui_line_field(&l, 0, 0);
		tui_line_addf(&l, TUI_E_LABEL, "%s/%s: %s",
			      letters ? "h" : gl->keys[2],
			      letters ? "l" : gl->keys[3], gl->sw2);
		tui_line_field(&l, 0, 3);
		tui_line_addf(&l, TUI_E_LABEL, "%s/%s: %s",
			      letters ? "k" : gl->keys[0],
			      letters ? "j" : gl->keys[1],
			      is_corr(app) ? "the inputs' correlation"
					   : gl->sb2);
		tui_line_field(&l, 1, 3);
		tui_line_addf(&l, TUI_E_LABEL, "Tab: %s map",
			      is_corr(app) ? "length" : "correlation");
		tui_line_field(&l, 0, 3);
		tui_line_add(&l, TUI_E_LABEL, "M or Esc: back");
		static const int keep[] = {0, 1, 3};
		if (tui_line_keeps(&l, app->layout.cols, keep, 3))
			break;
	}
	tui_put_fit(y, 0, app->layout.cols, &l);
}

static void title(const tui_app *app, int y)
{
	const tui_cobweb *w = web(app);
	const iv_config *c = &app->model.cfg;
	const char *v = is_corr(app) ? "c" : "q";
	char a[32], b[32];
	int cols = app->layout.cols;
	char t[256], sw[64], sb[64];
	const char *map = is_corr(app) ? "correlation" : "length";
	snprintf(sw, sizeof sw, "%s %s", app->gl->sw2,
		 tui_theory_var_text(iv_theory_sigma_w2(c, 1), a, sizeof a));
	snprintf(sb, sizeof sb, "%s %s", app->gl->sb2,
		 tui_theory_var_text(iv_theory_sigma_b2(c), b, sizeof b));
	/* the first form said whole: in words, then q_l against q_l-1, then
	 * "vs", then without the activation (the settings bar names it);
	 * else the first, cut between words */
	static const char *const rel[] = {"against", "against", "vs", "vs"};
	int f;
	for (f = 0; f < 4; f++) {
		char who[48] = "";
		if (f < 3)
			snprintf(who, sizeof who, " of %s", iv_act_name(c->act));
		if (f == 0)
			snprintf(t, sizeof t,
				 "%s map%s (%s, %s): %s of layer l against "
				 "layer l-1",
				 map, who, sw, sb, v);
		else
			snprintf(t, sizeof t, "%s map%s (%s, %s): %s_l %s %s_l-1",
				 map, who, sw, sb, v, rel[f], v);
		if (tui_text_width(t) <= cols)
			break;
	}
	if (f == 4)
		snprintf(t, sizeof t,
			 "%s map of %s (%s, %s): %s of layer l against layer "
			 "l-1",
			 map, iv_act_name(c->act), sw, sb, v);
	tui_put_words(y, 0, cols, TUI_E_TITLE, t, app->gl->ell);
	if (!tui_cobweb_fresh(w, &app->theory, c) && app->theory.th) {
		char p[32];
		snprintf(p, sizeof p, " computing %3.0f%% ",
			 100 * tui_cobweb_progress(w));
		tui_put_right(y, cols - 1, 0, TUI_E_PROGRESS, p);
	}
}

static void prepare(tui_app *app, tui_rect r)
{
	if (fits(r))
		tui_cobweb_layout(&app->theory.cobweb, plot_cols(r),
				  plot_rows(r));
}

static bool laid_out(const tui_app *app)
{
	return web(app)->cols > 0 && web(app)->rows > 0;
}

static bool run(tui_app *app, double budget)
{
	if (!app->theory.th || !laid_out(app))
		return false;
	return tui_cobweb_step(&app->theory.cobweb, &app->theory,
			       &app->model.cfg, budget);
}

static bool busy(const tui_app *app)
{
	return app->theory.th && laid_out(app) &&
	       !tui_cobweb_fresh(web(app), &app->theory, &app->model.cfg);
}

/* The arrows: the next sigma_w^2 or sigma_b^2 step (or inputs'
 * correlation); Tab: the other map. */
static bool handle(tui_app *app, tui_action a, unsigned *flags)
{
	tui_model *m = &app->model;
	tui_cobweb *w = &app->theory.cobweb;
	double sw2 = iv_theory_sigma_w2(&m->cfg, 1),
	       sb2 = iv_theory_sigma_b2(&m->cfg), to;
	int dir = a == TUI_A_KNOB_UP || a == TUI_A_UP ? 1 : -1;
	bool changed = false;
	*flags = TUI_F_REDRAW;
	switch (a) {
	case TUI_A_MAP_SWITCH: tui_cobweb_toggle(w); return true;
	case TUI_A_KNOB_UP:
	case TUI_A_KNOB_DOWN:
		to = tui_phase_next(sw2, SW2_STEP, SW2_N, dir);
		changed = to != sw2 && tui_sigma_set_w2(m, to);
		break;
	case TUI_A_UP:
	case TUI_A_DOWN:
		if (w->map == TUI_COBWEB_CORR) {
			if (!tui_cobweb_move_c0(w, dir))
				snprintf(m->msg, sizeof m->msg,
					 "correlations lie from -1 to 1");
			return true;
		}
		to = tui_phase_next(
		    sb2, SB2_STEP,
		    (size_t)lround(TUI_SIGMA_B2_MAX / SB2_STEP) + 1, dir);
		changed = to != sb2 && tui_sigma_set_b2(m, to);
		break;
	default: return false;
	}
	*flags = changed ? TUI_F_RECOMPUTE : TUI_F_REDRAW;
	return true;
}

static void draw(const tui_app *app, tui_rect r)
{
	const tui_cobweb *w = web(app);
	int top = r.y + 1;
	title(app, r.y);
	if (!fits(r)) {
		tui_put_fmt(top + 1, 1, r.w, TUI_E_WARN,
			    "terminal too small for the map (its plot needs "
			    "%d rows and %d columns)",
			    ROWS_MIN, COLS_MIN);
		return;
	}
	if (!app->theory.th || !w->valid || w->key_map != w->map ||
	    w->key_rows != w->rows || w->key_cols != w->cols) {
		tui_put(top + 1, TUI_AXIS_W, r.w, TUI_E_AXIS,
			app->theory.th ? "computing the map" : "out of memory");
		return;
	}
	int below = top + (int)w->rows;
	if (w->state == TUI_COBWEB_OK) {
		y_axis(app, top);
		x_axis(app, below);
		diagonal(app, top);
		staircase(app, top);
		curve(app, top);
		points(app, top);
		legend(app, below + 1);
	}
	numbers(app, below + 2);
	meaning(app, below + 3);
	keys(app, below + 4);
}

const tui_panel_ops tui_panel_cobweb = {
    .name = "cobweb",
    .slot = TUI_SLOT_COVER,
    .key = TUI_A_MAP,
    .prepare = prepare,
    .run = run,
    .busy = busy,
    .handle = handle,
    .draw = draw,
};
