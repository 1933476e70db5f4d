/* SPDX-License-Identifier: MIT */
/* The phase diagram: chi1 over (sigma_w^2, sigma_b^2), ordered cells below
 * 1, chaotic above, the chi1 = 1 line between, the setting as a cursor;
 * the arrows move the setting over the grid. Its points are computed a few
 * at a time between key reads, coarse to fine. */
#include <math.h>
#include <stdio.h>
#include "tui/panel.h"
#include "tui/put.h"
#include "view/gains.h"
#include "view/sigma.h"

#define BELOW 5 /* rows under the plot: x labels, legend (two rows: the
			 sides, then the shades), status, keys */

typedef struct plot {
	int y, x; /* top left point's cell */
	int cw;   /* columns per point */
	size_t nx, ny;
} plot;

static int col_of(const plot *p, size_t i)
{
	return p->x + (int)i * p->cw;
}

static int row_of(const plot *p, size_t j)
{
	return p->y + (int)(p->ny - 1 - j);
}

/* The right end of sigma_w^2: 4, or further when the critical point at
 * sigma_b = 0 is beyond 3.2 (sigmoid's is near 100). */
static double x_max(const tui_gains *g)
{
	double c = g->crit0.gain * g->crit0.gain;
	return isfinite(c) && 1.25 * c > 4 ? tui_phase_nice_ceil(1.25 * c)
					   : 4.0;
}

/* The glyph class of chi1: 0..2 ordered, 3..5 chaotic (near 1, further,
 * far), 6 not a number. The shade grades |ln chi1|, which is 1 / xi_g:
 * xi_g > 10 layers, 2 < xi_g <= 10, xi_g <= 2 (the legend says so). */
static const double SHADE_XI[2] = {10, 2}; /* xi_g's bounds of the shades */
static int klass(double chi)
{
	if (isnan(chi))
		return 6;
	double d = fabs(log(chi)); /* 0 at the critical line */
	int k = d < 1 / SHADE_XI[0] ? 0 : d < 1 / SHADE_XI[1] ? 1 : 2;
	return chi < 1 ? k : 3 + k;
}

static const char *class_glyph(const tui_glyphs *g, int k)
{
	return k == 6 ? "?" : k < 3 ? g->ordered[k] : g->chaotic[k - 3];
}

static void cell(const tui_app *app, const plot *p, size_t i, size_t j)
{
	double chi;
	int x = col_of(p, i), y = row_of(p, j);
	if (!tui_phase_point(&app->theory.phase, i, j, &chi))
		return;
	for (int c = 0; c < p->cw; c++)
		tui_put(y, x + c, x + c + 1,
			chi < 1 ? TUI_E_ORDERED : TUI_E_CHAOTIC,
			class_glyph(app->gl, klass(chi)));
}

/* The point of a pair on either side of 1 that is nearer to it, drawn
 * when draw; whether there is one. */
static bool crossing(const tui_app *app, const plot *p, size_t i, size_t j,
		     size_t i2, size_t j2, bool draw)
{
	const tui_phase *ph = &app->theory.phase;
	double a, b;
	if (!tui_phase_point(ph, i, j, &a) ||
	    !tui_phase_point(ph, i2, j2, &b) || (a >= 1) == (b >= 1) ||
	    isnan(a) || isnan(b))
		return false;
	bool first = fabs(log(a)) <= fabs(log(b));
	if (draw)
		tui_put(row_of(p, first ? j : j2), col_of(p, first ? i : i2),
			col_of(p, first ? i : i2) + 1, TUI_E_VALUE,
			app->gl->crit);
	return true;
}

/* The chi1 = 1 line (when draw); whether the grid has one. */
static bool critical_line(const tui_app *app, const plot *p, bool draw)
{
	bool any = false;
	for (size_t j = 0; j < p->ny; j++)
		for (size_t i = 0; i < p->nx; i++) {
			if (i + 1 < p->nx)
				any |= crossing(app, p, i, j, i + 1, j, draw);
			if (j + 1 < p->ny)
				any |= crossing(app, p, i, j, i, j + 1, draw);
		}
	return any;
}

/* Labels every step (a nice multiple of the grid step) that fits. */
static void x_labels(const tui_app *app, const plot *p, int y)
{
	const tui_phase *ph = &app->theory.phase;
	double step = tui_phase_label_step(ph->dx, ph->dx * ceil(6.0 / p->cw));
	char b[16];
	int free_x = 0;
	double last = ph->xmax * (1 + 1e-9);
	for (int k = 0; k * step <= last; k++) {
		double v = k * step;
		int x = col_of(p, tui_phase_index(v, ph->dx, ph->nx));
		snprintf(b, sizeof b, "%g", v);
		if (x < free_x || x + tui_text_width(b) > app->layout.cols)
			continue; /* whole or not at all */
		free_x = tui_put(y, x, app->layout.cols, TUI_E_AXIS, b) + 1;
	}
	tui_put(y, 0, TUI_AXIS_W, TUI_E_AXIS, app->gl->sw2);
}

static void y_labels(const tui_app *app, const plot *p)
{
	const tui_phase *ph = &app->theory.phase;
	double step = tui_phase_label_step(ph->dy, 2 * ph->dy);
	char b[16];
	for (size_t j = 0; j < p->ny; j++)
		tui_put(row_of(p, j), TUI_AXIS_W - 1, TUI_AXIS_W, TUI_E_AXIS,
			app->gl->vline);
	double last = ph->ymax * (1 + 1e-9);
	for (int k = 0; k * step <= last; k++) {
		double v = k * step;
		int y = row_of(p, tui_phase_index(v, ph->dy, ph->ny));
		tui_text_fit(v, TUI_AXIS_W - 2, b, sizeof b);
		tui_put_right(y, TUI_AXIS_W - 2, 0, TUI_E_AXIS, b);
		tui_put(y, TUI_AXIS_W - 1, TUI_AXIS_W, TUI_E_AXIS,
			app->gl->tick);
	}
	snprintf(b, sizeof b, "%g", ph->ymax); /* the top label, beside it */
	if (tui_text_width(app->gl->sb2) + 1 + tui_text_width(b) <=
	    TUI_AXIS_W - 2)
		tui_put(p->y, 0, TUI_AXIS_W - 2, TUI_E_AXIS, app->gl->sb2);
}

static void cursor(const tui_app *app, const plot *p)
{
	const tui_phase *ph = &app->theory.phase;
	const iv_config *c = &app->model.cfg;
	size_t i = tui_phase_index(iv_theory_sigma_w2(c, 1), ph->dx, ph->nx),
	       j = tui_phase_index(iv_theory_sigma_b2(c), ph->dy, ph->ny);
	if (!tui_theory_applies(c->init))
		i = 0;
	tui_put(row_of(p, j), col_of(p, i), col_of(p, i) + 1, TUI_E_NOTICE,
		app->gl->cursor);
}

/* The legend's second row: what the shades grade (klass), the glyphs of
 * each shade that the grid shows (seen) and the bound of xi_g it says,
 * with as much of what xi_g is as the row has room for. */
static void shades(const tui_app *app, const bool *seen, int y)
{
	const tui_glyphs *g = app->gl;
	char lead[4][128];
	snprintf(lead[0], sizeof lead[0],
		 "shades by %s = 1/|ln %s|, the layers over which the "
		 "gradients' mean square changes e-fold:",
		 g->xig, g->chi);
	snprintf(lead[1], sizeof lead[1],
		 "shades by %s = 1/|ln %s|, layers per e-fold:", g->xig,
		 g->chi);
	snprintf(lead[2], sizeof lead[2], "shades by %s, layers per e-fold:",
		 g->xig);
	snprintf(lead[3], sizeof lead[3], "shades by %s:", g->xig);
	const char *le = g->utf8 ? "≤" : "<=";
	tui_line l;
	for (int form = 0; form < 4; form++) {
		tui_line_init(&l);
		tui_line_field(&l, 0, 0);
		tui_line_add(&l, TUI_E_LABEL, lead[form]);
		for (int k = 0; k < 3; k++) {
			if (!seen[k] && !seen[3 + k])
				continue;
			tui_line_field(&l, 0, k == 0 ? 1 : 2);
			if (seen[k])
				tui_line_add(&l, TUI_E_ORDERED,
					     class_glyph(g, k));
			if (seen[3 + k])
				tui_line_add(&l, TUI_E_CHAOTIC,
					     class_glyph(g, 3 + k));
			if (k == 0)
				tui_line_addf(&l, TUI_E_LABEL, " >%g",
					      SHADE_XI[0]);
			else
				tui_line_addf(&l, TUI_E_LABEL, " %s%g", le,
					      SHADE_XI[k - 1]);
		}
		if (tui_line_fit(&l, app->layout.cols))
			break;
	}
	tui_put_line(y, 0, &l);
}

/* The legend names the glyphs the grid shows, and no other: which
 * classes of point (klass) are drawn, whether the critical line is. */
static void legend(const tui_app *app, const plot *p, int y)
{
	const tui_glyphs *g = app->gl;
	bool seen[7] = {false}, line = critical_line(app, p, false);
	double chi;
	for (size_t j = 0; j < p->ny; j++)
		for (size_t i = 0; i < p->nx; i++)
			if (tui_phase_point(&app->theory.phase, i, j, &chi))
				seen[klass(chi)] = true;
	static const char *const words[2][3][2] = {
	    /* around chi1, or none */
	    {{"ordered ", "<1: gradients vanish"},
	     {"chaotic ", ">1: they explode"},
	     {"not a number", NULL}},
	    {{"ordered ", "<1"}, {"chaotic ", ">1"}, {"nan", NULL}}};
	static const int first[3] = {0, 3, 6}, count[3] = {3, 3, 1};
	static const tui_element el[3] = {TUI_E_ORDERED, TUI_E_CHAOTIC,
					  TUI_E_WARN};
	tui_line l;
	for (int shrt = 0; shrt < 2; shrt++) {
		tui_line_init(&l);
		for (int grp = 0; grp < 3; grp++) {
			bool any = false;
			for (int k = first[grp]; k < first[grp] + count[grp];
			     k++)
				any |= seen[k];
			if (!any)
				continue;
			tui_line_field(&l, 0, 3);
			for (int k = first[grp]; k < first[grp] + count[grp];
			     k++)
				if (seen[k])
					tui_line_add(&l, el[grp],
						     class_glyph(g, k));
			const char *const *w = words[shrt][grp];
			tui_line_addf(&l, TUI_E_LABEL, " %s%s%s", w[0],
				      w[1] ? g->chi : "", w[1] ? w[1] : "");
		}
		if (line) {
			tui_line_field(&l, 0, 3);
			tui_line_add(&l, TUI_E_VALUE, g->crit);
			tui_line_addf(&l, TUI_E_LABEL, " %s = 1", g->chi);
		}
		tui_line_field(&l, 0, 3);
		tui_line_add(&l, TUI_E_NOTICE, g->cursor);
		tui_line_add(&l, TUI_E_LABEL, " now");
		if (tui_line_fit(&l, app->layout.cols))
			break;
	}
	tui_put_line(y, 0, &l);
	shades(app, seen, y + 1);
}

/* The setting under the cursor: where it is and what the theory says,
 * each number whole or dropped with its field. */
static void status(const tui_app *app, int y)
{
	const tui_glyphs *g = app->gl;
	const iv_config *c = &app->model.cfg;
	const iv_criticality *k = &app->theory.pred.crit;
	const tui_phase *ph = &app->theory.phase;
	char q[32], x[80];
	double sw2 = iv_theory_sigma_w2(c, 1), sb2 = iv_theory_sigma_b2(c);
	tui_line l;
	tui_line_init(&l);
	tui_line_field(&l, 0, 0);
	tui_line_add(&l, TUI_E_NOTICE, g->cursor);
	if (!tui_theory_applies(c->init) ||
	    !tui_theory_predict_fresh(&app->theory, c)) {
		tui_line_addf(&l, TUI_E_LABEL, " %s weights are not random:",
			      iv_init_name(c->init));
		tui_line_field(&l, 0, 1);
		tui_line_add(&l, TUI_E_LABEL,
			     "the theory does not describe them");
		tui_line_field(&l, 1, 1);
		tui_line_add(&l, TUI_E_LABEL, "(i changes the scheme)");
		tui_put_fit(y, 0, app->layout.cols, &l);
		return;
	}
	tui_line_addf(&l, TUI_E_VALUE, " %s %s", g->sw2,
		      tui_theory_var_text(sw2, q, sizeof q));
	tui_line_addf(&l, TUI_E_VALUE, "  %s %s", g->sb2,
		      tui_theory_var_text(sb2, x, sizeof x));
	if (sw2 > ph->xmax * (1 + 1e-9) || sb2 > ph->ymax * (1 + 1e-9)) {
		tui_line_field(&l, 0, 1);
		tui_line_add(&l, TUI_E_WARN, "off the diagram");
	}
	if (c->residual || c->norm != IV_NORM_NONE) {
		/* the map is plain layers', as the report's criticality is:
		 * the settings bar has no chi1 for blocks or norms. What
		 * they are not, where there is room for the numbers too */
		bool norm = c->norm != IV_NORM_NONE;
		tui_line_field(&l, 0, 0);
		tui_line_add(&l, TUI_E_WARN, " as plain layers");
		if (app->layout.cols >= 100)
			tui_line_addf(&l, TUI_E_WARN, ", not %s%s%s%s",
				      c->residual ? "blocks" : "",
				      c->residual && norm ? " or " : "",
				      norm ? iv_norm_name(c->norm) : "",
				      norm ? " norm" : "");
	}
	tui_line_field(&l, 1, 0);
	tui_line_addf(&l, TUI_E_LABEL, ": q* %s",
		      tui_theory_q_text(g, k, q, sizeof q));
	tui_line_field(&l, 0, 2);
	tui_line_addf(&l, TUI_E_LABEL, "%s %s", g->chi,
		      tui_glyphs_number(g, k->chi1, q, sizeof q));
	tui_line_field(&l, 2, 2);
	tui_line_add(&l, TUI_E_LABEL, tui_theory_xi_text(g, k, x, sizeof x));
	tui_line_field(&l, 0, 2);
	tui_line_add(&l, TUI_E_VALUE, tui_phase_word(tui_phase_classify(k)));
	tui_line_field(&l, 3, 3);
	tui_line_add(&l, TUI_E_LABEL, "(");
	if (tui_model_knob_of(c->init) != TUI_KNOB_NONE) {
		tui_line_addf(&l, TUI_E_LABEL, "%s ",
			      tui_model_knob_name(tui_model_knob_of(c->init)));
		tui_line_num(&l, TUI_E_LABEL, tui_model_knob_value(c));
		tui_line_add(&l, TUI_E_LABEL, ", ");
	}
	tui_line_add(&l, TUI_E_LABEL, "bias std ");
	tui_line_num(&l, TUI_E_LABEL, c->bias_std);
	tui_line_add(&l, TUI_E_LABEL, ")");
	tui_put_fit(y, 0, app->layout.cols, &l);
}

static void title(const tui_app *app, int y)
{
	const tui_glyphs *g = app->gl;
	const tui_phase *ph = &app->theory.phase;
	int cols = app->layout.cols, room = cols;
	char b[32] = "";
	if (tui_phase_busy(ph)) {
		snprintf(b, sizeof b, "computing %3.0f%%",
			 100 * tui_phase_progress(ph));
		tui_put_right(y, cols - 1, 0, TUI_E_PROGRESS, b);
		room = cols - 1 - tui_text_width(b) - 2;
	}
	/* the title in the room the progress leaves, in whole words */
	tui_line l;
	tui_line_init(&l);
	tui_line_field(&l, 0, 0);
	tui_line_addf(&l, TUI_E_TITLE, "phase diagram of %s",
		      iv_act_name(app->model.cfg.act));
	tui_line_field(&l, 1, 0);
	tui_line_addf(&l, TUI_E_TITLE, ": %s by %s (across) and %s (up)",
		      g->chi, g->sw2, g->sb2);
	tui_put_fit(y, 0, room, &l);
}

static void keys(const tui_app *app, int y)
{
	const tui_glyphs *gl = app->gl;
	const char *k =
	    tui_model_knob_name(tui_model_knob_of(app->model.cfg.init));
	tui_line l; /* each key whole or left out, the way back kept: the
		       letters beside the arrows go first, then the arrows'
		       names where they are too long */
	static const char *const letter[4] = {"k", "j", "h", "l"};
	for (int form = 0; form < 3; form++) {
		const char *const *a = form == 2 ? letter : gl->keys;
		tui_line_init(&l);
		tui_line_field(&l, 0, 0);
		tui_line_addf(&l, TUI_E_LABEL, "%s/%s%s: %s", a[2], a[3],
			      form == 0 ? " or h/l" : "", gl->sw2);
		tui_line_field(&l, 2, 1);
		tui_line_addf(&l, TUI_E_LABEL, "(sets the %s)",
			      k ? k : "weights");
		tui_line_field(&l, 0, 3);
		tui_line_addf(&l, TUI_E_LABEL, "%s/%s%s: %s", a[0], a[1],
			      form == 0 ? " or k/j" : "", gl->sb2);
		tui_line_field(&l, 2, 1);
		tui_line_add(&l, TUI_E_LABEL, "(sets the bias std)");
		tui_line_field(&l, 0, 3);
		tui_line_add(&l, TUI_E_LABEL, "P or Esc: back");
		/* every key, explained or not */
		static const int keep[] = {0, 2, 4};
		if (tui_line_keeps(&l, app->layout.cols, keep, 3))
			break;
	}
	tui_put_fit(y, 0, app->layout.cols, &l);
}

/* The grid's room in rectangle r: columns and rows of points. */
static size_t grid_cols(tui_rect r)
{
	int n = r.w - TUI_AXIS_W - 1;
	return n > 0 ? (size_t)n : 0;
}

static size_t grid_rows(tui_rect r)
{
	int n = r.h - 1 - BELOW;
	return n > 0 ? (size_t)n : 0;
}

/* Whether the critical gain at sigma_b = 0 (the right end) is known. */
static bool ready(const tui_app *app)
{
	return app->theory.th &&
	       tui_gains_fresh0(&app->theory, &app->model.cfg);
}

/* Lay the grid out for the room it has (the points stay when nothing
 * changed). */
static void prepare(tui_app *app, tui_rect r)
{
	tui_theory *t = &app->theory;
	const iv_config *c = &app->model.cfg;
	if (ready(app))
		tui_phase_setup(&t->phase, c->act, c->slope, iv_theory_input_e2(c),
				x_max(&t->gains),
				TUI_SIGMA_B2_MAX, grid_cols(r), grid_rows(r));
}

static bool due(const tui_app *app)
{
	const tui_theory *t = &app->theory;
	return t->th &&
	       tui_phase_matches(&t->phase, app->model.cfg.act,
				 app->model.cfg.slope,
				 iv_theory_input_e2(&app->model.cfg)) &&
	       tui_phase_busy(&t->phase);
}

/* The critical gain first, then points until the budget is spent. */
static bool run(tui_app *app, double budget)
{
	tui_theory *t = &app->theory;
	double t0 = tui_clock_now();
	bool did = false;
	if (!t->th)
		return false;
	did |= tui_gains_update0(t, &app->model.cfg);
	if (due(app))
		did |= tui_phase_step(&t->phase, t->th,
				      fmax(budget - (tui_clock_now() - t0), 0));
	return did;
}

static bool busy(const tui_app *app)
{
	return app->theory.th &&
	       (!tui_gains_fresh0(&app->theory, &app->model.cfg) || due(app));
}

/* The arrows and hjkl: the next grid point. */
static bool handle(tui_app *app, tui_action a, unsigned *flags)
{
	const tui_phase *p = &app->theory.phase;
	tui_model *m = &app->model;
	int dx = 0, dy = 0;
	switch (a) {
	case TUI_A_KNOB_UP: dx = 1; break;
	case TUI_A_KNOB_DOWN: dx = -1; break;
	case TUI_A_UP: dy = 1; break;
	case TUI_A_DOWN: dy = -1; break;
	default: return false;
	}
	*flags = TUI_F_REDRAW;
	if (!tui_phase_matches(p, m->cfg.act, m->cfg.slope, iv_theory_input_e2(&m->cfg)))
		return true; /* not laid out yet: the key is dropped */
	double sw2 = iv_theory_sigma_w2(&m->cfg, 1),
	       sb2 = iv_theory_sigma_b2(&m->cfg), to;
	bool changed;
	if (dx) {
		to = tui_phase_next(sw2, p->dx, p->nx, dx);
		changed = to != sw2 && tui_sigma_set_w2(m, to);
	} else {
		to = tui_phase_next(sb2, p->dy, p->ny, dy);
		changed = to != sb2 && tui_sigma_set_b2(m, to);
	}
	if ((dx ? to == sw2 : to == sb2) && !m->msg[0])
		snprintf(m->msg, sizeof m->msg, "edge of the phase diagram");
	*flags = changed ? TUI_F_RECOMPUTE : TUI_F_REDRAW;
	return true;
}

static void draw(const tui_app *app, tui_rect r)
{
	const tui_theory *t = &app->theory;
	const iv_config *c = &app->model.cfg;
	int y = r.y, cols = r.w;
	title(app, y);
	if (!ready(app)) {
		tui_put(y + 2, TUI_AXIS_W, cols, TUI_E_AXIS,
			t->th ? "finding the critical point" : "out of memory");
		return;
	}
	if (!tui_phase_fits(&t->phase, c->act, c->slope, iv_theory_input_e2(c),
			    x_max(&t->gains),
			    TUI_SIGMA_B2_MAX, grid_cols(r), grid_rows(r))) {
		tui_put(y + 2, TUI_AXIS_W, cols, TUI_E_WARN,
			"no room for the phase diagram");
		return;
	}
	plot p = {
	    .y = y + 1, .x = TUI_AXIS_W, .nx = t->phase.nx, .ny = t->phase.ny};
	p.cw = (int)grid_cols(r) / (int)p.nx;
	for (size_t j = 0; j < p.ny; j++)
		for (size_t i = 0; i < p.nx; i++)
			cell(app, &p, i, j);
	critical_line(app, &p, true);
	cursor(app, &p);
	y_labels(app, &p);
	int below = p.y + (int)p.ny;
	x_labels(app, &p, below);
	legend(app, &p, below + 1);
	status(app, below + 3);
	keys(app, below + 4);
}

const tui_panel_ops tui_panel_phase = {
    .name = "phase",
    .slot = TUI_SLOT_COVER,
    .key = TUI_A_PHASE,
    .prepare = prepare,
    .run = run,
    .busy = busy,
    .handle = handle,
    .draw = draw,
};
