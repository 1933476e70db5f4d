/* SPDX-License-Identifier: MIT */
/* The phase diagram: chi1 over (sigma_w^2, sigma_b^2), ordered cells below
 * 1, chaotic above, the chi1 = 1 line between, the setting as a cursor. */
#include <math.h>
#include <stdio.h>
#include "tui/draw.h"
#include "tui/theory_app.h"

#define AXIS_W 7 /* "0.25 ┤" */
#define BELOW  4 /* rows under the plot: x labels, legend, status, keys */

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
	return isfinite(c) && 1.25 * c > 4 ? tui_nice_ceil(1.25 * c) : 4.0;
}

static void cell(const tui_app *app, const plot *p, size_t i, size_t j)
{
	const tui_theory_glyphs *g = tui_theory_gl(app);
	double chi;
	int x = col_of(p, i), y = row_of(p, j);
	if (!tui_phase_point(&app->theory.phase, i, j, &chi))
		return;
	double d = fabs(log(chi)); /* 0 at the critical line */
	int k = d < 0.1 ? 0 : d < 0.5 ? 1 : 2;
	const char *s = isnan(chi) ? "?"
			: chi < 1  ? g->ordered[k]
				   : g->chaotic[k];
	for (int c = 0; c < p->cw; c++)
		tui_put(y, x + c, x + c + 1,
			chi < 1 ? TUI_E_ORDERED : TUI_E_CHAOTIC, s);
}

/* The point of a pair on either side of 1 that is nearer to it. */
static void crossing(const tui_app *app, const plot *p, size_t i, size_t j,
		     size_t i2, size_t j2)
{
	const tui_phase *ph = &app->theory.phase;
	double a, b;
	if (!tui_phase_point(ph, i, j, &a) ||
	    !tui_phase_point(ph, i2, j2, &b) || (a >= 1) == (b >= 1) ||
	    isnan(a) || isnan(b))
		return;
	bool first = fabs(log(a)) <= fabs(log(b));
	tui_put(row_of(p, first ? j : j2), col_of(p, first ? i : i2),
		col_of(p, first ? i : i2) + 1, TUI_E_VALUE,
		tui_theory_gl(app)->crit);
}

static void critical_line(const tui_app *app, const plot *p)
{
	for (size_t j = 0; j < p->ny; j++)
		for (size_t i = 0; i < p->nx; i++) {
			if (i + 1 < p->nx)
				crossing(app, p, i, j, i + 1, j);
			if (j + 1 < p->ny)
				crossing(app, p, i, j, i, j + 1);
		}
}

/* Labels every step (a nice multiple of the grid step) that fits. */
static void x_labels(const tui_app *app, const plot *p, int y)
{
	const tui_phase *ph = &app->theory.phase;
	double step = tui_label_step(ph->dx, ph->dx * ceil(6.0 / p->cw));
	char b[16];
	int free_x = 0;
	double last = ph->xmax * (1 + 1e-9);
	for (int k = 0; k * step <= last; k++) {
		double v = k * step;
		int x = col_of(p, tui_phase_index(v, ph->dx, ph->nx));
		snprintf(b, sizeof b, "%g", v);
		if (x < free_x)
			continue;
		free_x = tui_put(y, x, app->layout.cols, TUI_E_AXIS, b) + 1;
	}
	tui_put(y, 0, AXIS_W, TUI_E_AXIS, tui_theory_gl(app)->sw2);
}

static void y_labels(const tui_app *app, const plot *p)
{
	const tui_phase *ph = &app->theory.phase;
	double step = tui_label_step(ph->dy, 2 * ph->dy);
	char b[16];
	for (size_t j = 0; j < p->ny; j++)
		tui_put(row_of(p, j), AXIS_W - 1, AXIS_W, TUI_E_AXIS,
			app->gl->vline);
	double last = ph->ymax * (1 + 1e-9);
	for (int k = 0; k * step <= last; k++) {
		double v = k * step;
		int y = row_of(p, tui_phase_index(v, ph->dy, ph->ny));
		snprintf(b, sizeof b, "%g", v);
		tui_put_right(y, AXIS_W - 2, 0, TUI_E_AXIS, b);
		tui_put(y, AXIS_W - 1, AXIS_W, TUI_E_AXIS, app->gl->tick);
	}
	snprintf(b, sizeof b, "%g", ph->ymax); /* the top label, beside it */
	if (tui_text_width(tui_theory_gl(app)->sb2) + 1 + tui_text_width(b) <=
	    AXIS_W - 2)
		tui_put(p->y, 0, AXIS_W - 2, TUI_E_AXIS,
			tui_theory_gl(app)->sb2);
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
		tui_theory_gl(app)->cursor);
}

static void legend(const tui_app *app, int y)
{
	const tui_theory_glyphs *g = tui_theory_gl(app);
	int x = 0, cols = app->layout.cols;
	for (int k = 0; k < 3; k++)
		x = tui_put(y, x, cols, TUI_E_ORDERED, g->ordered[k]);
	x = tui_putf(y, x + 1, cols, TUI_E_LABEL,
		     "ordered %s<1: gradients vanish   ", g->chi);
	for (int k = 0; k < 3; k++)
		x = tui_put(y, x, cols, TUI_E_CHAOTIC, g->chaotic[k]);
	x = tui_putf(y, x + 1, cols, TUI_E_LABEL,
		     "chaotic %s>1: they explode   ", g->chi);
	x = tui_put(y, x, cols, TUI_E_VALUE, g->crit);
	x = tui_putf(y, x + 1, cols, TUI_E_LABEL, "%s = 1   ", g->chi);
	x = tui_put(y, x, cols, TUI_E_NOTICE, g->cursor);
	tui_put(y, x + 1, cols, TUI_E_LABEL, "now");
}

/* The setting under the cursor: where it is and what the theory says. */
static void status(const tui_app *app, int y)
{
	const tui_theory_glyphs *g = tui_theory_gl(app);
	const iv_config *c = &app->model.cfg;
	const iv_criticality *k = &app->theory.pred.crit;
	const tui_phase *ph = &app->theory.phase;
	char a[32], b[32], q[32], x[80], knob[64] = "";
	int cols = app->layout.cols;
	double sw2 = iv_theory_sigma_w2(c, 1), sb2 = iv_theory_sigma_b2(c);
	int p = tui_put(y, 0, cols, TUI_E_NOTICE, g->cursor);
	if (!tui_theory_applies(c->init) ||
	    !tui_predict_fresh(&app->theory, c)) {
		tui_putf(y, p + 1, cols, TUI_E_LABEL,
			 "%s weights are not random: the theory does not "
			 "describe them (i changes the scheme)",
			 iv_init_name(c->init));
		return;
	}
	if (tui_knob_of(c->init) != TUI_KNOB_NONE)
		snprintf(knob, sizeof knob, "%s %s, ",
			 tui_knob_name(tui_knob_of(c->init)),
			 tui_fmt(tui_knob_value(c), a, sizeof a));
	p = tui_putf(y, p + 1, cols, TUI_E_VALUE, "%s %s  %s %s", g->sw2,
		     tui_fmt(sw2, a, sizeof a), g->sb2,
		     tui_fmt(sb2, b, sizeof b));
	if (sw2 > ph->xmax * (1 + 1e-9) || sb2 > ph->ymax * (1 + 1e-9))
		p = tui_put(y, p + 1, cols, TUI_E_WARN, "off the diagram");
	p = tui_putf(y, p, cols, TUI_E_LABEL, ": q* %s  %s %s  %s  ",
		     tui_theory_q_text(app, k, q, sizeof q), g->chi,
		     tui_fmt(k->chi1, a, sizeof a),
		     tui_theory_xi_text(app, k, x, sizeof x));
	p = tui_put(y, p, cols, TUI_E_VALUE, tui_chi_word(tui_chi_classify(k)));
	tui_putf(y, p, cols, TUI_E_LABEL, "   (%sbias std %s)", knob,
		 tui_fmt(c->bias_std, b, sizeof b));
}

static void title(const tui_app *app, int y)
{
	const tui_theory_glyphs *g = tui_theory_gl(app);
	const tui_phase *ph = &app->theory.phase;
	int cols = app->layout.cols;
	tui_putf(y, 0, cols, TUI_E_TITLE,
		 "phase diagram of %s: %s by %s (across) and %s (up)",
		 iv_act_name(app->model.cfg.act), g->chi, g->sw2, g->sb2);
	if (tui_phase_busy(ph)) {
		char b[32];
		snprintf(b, sizeof b, "computing %3.0f%%",
			 100 * tui_phase_progress(ph));
		tui_put_right(y, cols - 1, 0, TUI_E_PROGRESS, b);
	}
}

static void keys(const tui_app *app, int y)
{
	const tui_glyphs *gl = app->gl;
	const char *k = tui_knob_name(tui_knob_of(app->model.cfg.init));
	tui_putf(y, 0, app->layout.cols, TUI_E_LABEL,
		 "%s/%s or h/l: %s (sets the %s)   %s/%s or k/j: %s (sets the "
		 "bias std)   P or Esc: back",
		 gl->keys[2], gl->keys[3], tui_theory_gl(app)->sw2,
		 k ? k : "weights", gl->keys[0], gl->keys[1],
		 tui_theory_gl(app)->sb2);
}

void tui_draw_phase(tui_app *app, int y, int h)
{
	tui_theory *t = &app->theory;
	const iv_config *c = &app->model.cfg;
	int cols = app->layout.cols, avail = cols - AXIS_W - 1;
	title(app, y);
	if (!t->th || !tui_gains_fresh0(t, c)) {
		tui_put(y + 2, AXIS_W, cols, TUI_E_AXIS,
			t->th ? "finding the critical point" : "out of memory");
		return;
	}
	if (!tui_phase_setup(&t->phase, c->act, c->slope, x_max(&t->gains),
			     TUI_SIGMA_B2_MAX, (size_t)avail,
			     (size_t)(h - 1 - BELOW))) {
		tui_put(y + 2, AXIS_W, cols, TUI_E_WARN,
			"no room for the phase diagram");
		return;
	}
	plot p = {
	    .y = y + 1, .x = AXIS_W, .nx = t->phase.nx, .ny = t->phase.ny};
	p.cw = avail / (int)p.nx;
	for (size_t j = 0; j < p.ny; j++)
		for (size_t i = 0; i < p.nx; i++)
			cell(app, &p, i, j);
	critical_line(app, &p);
	cursor(app, &p);
	y_labels(app, &p);
	int below = p.y + (int)p.ny;
	x_labels(app, &p, below);
	legend(app, below + 1);
	status(app, below + 2);
	keys(app, below + 3);
}
