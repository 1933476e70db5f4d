/* SPDX-License-Identifier: MIT */
/* The Jacobian spectrum: a histogram of the singular values of dh_L/dx for
 * one input, their mean square, max and min, and how far from isometry.
 * The SVD blocks the loop, so it starts on the turn after a frame said it
 * is coming; a large one waits for Enter. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include "tui/panel.h"
#include "tui/put.h"

typedef struct hplot {
	int y, x, h, w;
	bool logx;
	double lo, hi;
} hplot;

static int col_of(const hplot *p, double v)
{
	double x = p->logx ? log10(v) : v;
	return p->x + (int)((x - p->lo) / (p->hi - p->lo) * p->w);
}

/* Bars of bw columns, one per count, scaled to the largest. */
static void bars(const tui_app *app, const hplot *p, const double *counts,
		 int bins, int bw)
{
	double max = 0;
	char b[32];
	for (int i = 0; i < bins; i++)
		max = fmax(max, counts[i]);
	for (int i = 0; i < bins && max > 0; i++) {
		long e = (long)ceil(counts[i] / max * p->h * TUI_LEVELS);
		for (int r = 0; r < p->h && e > 0; r++, e -= TUI_LEVELS)
			for (int x = p->x + i * bw; x < p->x + (i + 1) * bw;
			     x++)
				tui_put(
				    p->y + p->h - 1 - r, x, x + 1, TUI_E_ACT,
				    app->gl->level[e > TUI_LEVELS ? TUI_LEVELS
								  : e]);
	}
	for (int r = 0; r < p->h; r++)
		tui_put(p->y + r, p->x - 1, p->x, TUI_E_AXIS, app->gl->vline);
	snprintf(b, sizeof b, "%.0f", max);
	tui_put_right(p->y, p->x - 2, 0, TUI_E_AXIS, b);
	tui_put_right(p->y + p->h - 1, p->x - 2, 0, TUI_E_AXIS, "0");
	tui_put(p->y + p->h / 2, 0, p->x - 1, TUI_E_AXIS, "count");
}

/* A dotted column at value 1 where the bars leave room. */
static void reference(const tui_app *app, const hplot *p)
{
	int x = col_of(p, 1.0);
	if (x < p->x || x >= p->x + p->w)
		return;
	for (int r = 0; r < p->h; r++) {
		chtype ch = mvinch(p->y + r, x) & A_CHARTEXT;
		if (ch == ' ')
			tui_put(p->y + r, x, x + 1, TUI_E_AXIS, app->gl->ref);
	}
}

static void x_labels(const hplot *p, int y)
{
	char b[16];
	int free_x = p->x, end = p->x + p->w;
	double step = p->logx ? 1 : tui_phase_nice_step(p->hi - p->lo, 8);
	double first = p->logx ? ceil(p->lo) : 0;
	for (int k = 0; first + k * step <= p->hi; k++) {
		double v = first + k * step, val = p->logx ? pow(10, v) : v;
		int x = col_of(p, val);
		snprintf(b, sizeof b, "%g", val);
		if (x < free_x || x + tui_text_width(b) > end)
			continue;
		free_x = tui_put(y, x, end, TUI_E_AXIS, b) + 2;
	}
	tui_put(y, 0, p->x - 1, TUI_E_AXIS, p->logx ? "log" : "");
}

/* Text wrapped over rows rows from (y, 0): whole when they are enough,
 * else cut between words on the last, an ellipsis saying so. */
static void paragraph(const tui_app *app, int y, int rows, const char *text)
{
	int cols = app->layout.cols;
	const char *p = text, *next;
	size_t len;
	if (rows <= 0)
		return;
	if (tui_text_wrap_count(text, cols) <= rows) {
		tui_put_wrap(y, 0, cols, rows, TUI_E_NORMAL, text);
		return;
	}
	for (int r = 0; r + 1 < rows; r++) {
		(void)tui_text_wrap_line(p, cols, &len, &next);
		p = next;
	}
	tui_put_wrap(y, 0, cols, rows - 1, TUI_E_NORMAL, text);
	tui_put_words(y + rows - 1, 0, cols, TUI_E_NORMAL, p, app->gl->ell);
}

static void spectrum(const tui_app *app, int y, int h)
{
	const iv_spectrum *s = &app->theory.spec.s;
	int cols = app->layout.cols;
	char d[32], note[512], why[512];
	size_t tiny = tui_spectrum_tiny(s);
	tui_line l;
	tui_line_init(&l); /* every number whole, or dropped with its field */
	tui_line_field(&l, 0, 0);
	tui_line_addf(&l, TUI_E_VALUE, "%zu values", s->count);
	tui_line_field(&l, 0, 3);
	tui_line_addf(&l, TUI_E_VALUE, "mean square %s",
		      tui_spectrum_ms_text(s, d, sizeof d));
	tui_line_field(&l, 1, 3);
	tui_line_add(&l, TUI_E_VALUE, "max ");
	tui_line_num(&l, TUI_E_VALUE, s->max);
	tui_line_field(&l, 1, 3);
	if (tiny) { /* below the SVD's precision: a bound, not noise */
		tui_line_addf(
		    &l, TUI_E_VALUE, "min <%s",
		    tui_glyphs_number(app->gl,
				      s->max * pow(10.0, -TUI_SPECTRUM_DECADES),
				      d, sizeof d));
		tui_line_field(&l, 2, 3);
		tui_line_addf(&l, TUI_E_VALUE, "max/min >1e%d",
			      TUI_SPECTRUM_DECADES);
	} else {
		tui_line_add(&l, TUI_E_VALUE, "min ");
		tui_line_num(&l, TUI_E_VALUE, s->min);
		tui_line_field(&l, 2, 3);
		tui_line_addf(&l, TUI_E_VALUE, "max/min %s",
			      tui_glyphs_number(app->gl,
						s->min > 0   ? s->max / s->min
						: s->max > 0 ? INFINITY
							     : NAN, /* 0 / 0 */
						d, sizeof d));
	}
	if (tiny) {
		tui_line_field(&l, 3, 3);
		tui_line_addf(&l, TUI_E_LABEL,
			      "(%zu below 1e-%d max: zero to the SVD)", tiny,
			      TUI_SPECTRUM_DECADES);
	}
	tui_put_fit(y, 0, cols, &l);
	/* the texts take the rows they need (read whole: they quote
	 * numbers), the plot what is left */
	/* the theory's mean square, for a network it describes: plain
	 * layers at their initial weights */
	const tui_theory *th = &app->theory;
	const iv_config *cfg = &app->model.cfg;
	double pm = th->pred.valid && tui_theory_predict_fresh(th, cfg) &&
			    tui_theory_applies(cfg->init) && !cfg->residual &&
			    cfg->norm == IV_NORM_NONE &&
			    tui_train_steps(&app->train) == 0
			? th->pred.jacobian_ms
			: NAN;
	tui_spectrum_note(s, pm, note, sizeof note);
	/* rows under the numbers: the texts whole first, the note before the
	 * "why" where both do not fit, the plot what is left */
	int avail = h - 1, why_rows = 0,
	    note_rows = tui_text_wrap_count(note, cols);
	if (tui_theory_why_text(&app->theory, &app->model.cfg, s->mean_square,
				app->gl, why, sizeof why))
		why_rows = tui_text_wrap_count(why, cols);
	if (why_rows + note_rows > avail)
		why_rows = 0;
	if (note_rows > avail) /* cut between words, an ellipsis saying so */
		note_rows = avail > 0 ? avail : 0;
	if (why_rows) {
		tui_put_wrap(y + 1, 0, cols, why_rows, TUI_E_NOTICE, why);
		y += why_rows;
		h -= why_rows;
	}
	hplot p = {.y = y + 1,
		   .x = TUI_AXIS_W,
		   .h = h - 2 - note_rows, /* the x labels, then the note */
		   .w = cols - TUI_AXIS_W - 1};
	/* about 2 sqrt(n) bins, so that the bars are not mostly gaps */
	int bw = (int)(p.w / (2 * sqrt((double)s->count) + 1)) + 1,
	    bins = p.w / bw;
	p.logx = tui_spectrum_axis(s, &p.lo, &p.hi);
	if (!p.logx && bins % 2 == 0 && bins > 1)
		bins--; /* 0..2 puts 1 in the middle of the middle bin */
	double *counts = malloc((size_t)(bins > 0 ? bins : 1) * sizeof *counts);
	if (p.h < 2 || p.w < 10 || !counts) {
		/* no room for the plot: the note, which says what the
		 * numbers above mean, still takes its rows under them */
		paragraph(app, y + 1, note_rows, note);
		free(counts);
		return;
	}
	p.w = bins * bw;
	tui_spectrum_bins(s->sv, s->count, p.logx, p.lo, p.hi, (size_t)bins,
			  counts);
	bars(app, &p, counts, bins, bw);
	reference(app, &p);
	x_labels(&p, p.y + p.h);
	paragraph(app, p.y + p.h + 1, note_rows, note);
	free(counts);
}

/* The network to decompose: none while training has moved its weights on
 * from what is shown (a step in progress, or no pass since). */
static const iv_net *net_of(const tui_app *app)
{
	return tui_compute_readable(&app->comp) ? app->comp.net : NULL;
}

static tui_spec_state state(const tui_app *app)
{
	return tui_spectrum_state(&app->theory.spec, &app->model.cfg,
				  net_of(app), app->comp.gen);
}

/* Why there is no histogram (yet). */
static void waiting(const tui_app *app, tui_spec_state st, int y)
{
	const tui_spectrum *sp = &app->theory.spec;
	const iv_config *c = &app->model.cfg;
	int cols = app->layout.cols;
	char msg[320];
	switch (st) {
	case TUI_SPEC_TOO_WIDE:
		snprintf(msg, sizeof msg,
			 "The widest layer has %zu units; the spectrum is "
			 "computed up to width %d (its cost grows like the "
			 "width cubed). W makes the network narrower.",
			 tui_spectrum_width(c), IV_JACOBIAN_WIDTH_MAX);
		break;
	case TUI_SPEC_BATCH:
		snprintf(msg, sizeof msg,
			 "No spectrum with batch norm: it normalizes each unit "
			 "over the batch, so one input's output depends on "
			 "every other input and there is no Jacobian of one "
			 "input alone. z switches to layer norm.");
		break;
	case TUI_SPEC_NONFINITE:
		snprintf(msg, sizeof msg,
			 "The Jacobian has entries that are not finite (the "
			 "signal overflowed or became NaN): no spectrum.");
		break;
	case TUI_SPEC_FAILED:
		snprintf(msg, sizeof msg, "No spectrum: %s.",
			 iv_status_str(sp->st));
		break;
	case TUI_SPEC_FORWARD:
		if (tui_spectrum_estimate(c) > TUI_SPECTRUM_AUTO_SECONDS &&
		    sp->asked != app->comp.gen + 1)
			snprintf(msg, sizeof msg,
				 "Waiting for the forward pass. This Jacobian "
				 "is %zu x %zu: its singular value "
				 "decomposition takes about %.0f s, during "
				 "which the view does not answer keys (Ctrl-C "
				 "twice quits). Enter (now or then) computes "
				 "it.",
				 iv_config_units(c, c->depth),
				 iv_config_units(c, 0),
				 ceil(tui_spectrum_estimate(c)));
		else
			snprintf(msg, sizeof msg,
				 "Waiting for the forward pass.");
		break;
	case TUI_SPEC_ASK:
		snprintf(msg, sizeof msg,
			 "This Jacobian is %zu x %zu: its singular value "
			 "decomposition takes about %.0f s, during which the "
			 "view does not answer keys (Ctrl-C twice quits). "
			 "Enter computes it; W makes the network narrower.",
			 iv_config_units(c, c->depth), iv_config_units(c, 0),
			 ceil(tui_spectrum_estimate(c)));
		break;
	default:
		snprintf(msg, sizeof msg,
			 "Computing the Jacobian and its singular values... "
			 "(Ctrl-C twice quits)");
		break;
	}
	tui_put_wrap(y + 2, 2, cols - 4, 4, TUI_E_LABEL, msg);
}

/* A frame is about to say "Computing": the next turn computes. */
static void prepare(tui_app *app, tui_rect r)
{
	(void)r;
	if (state(app) == TUI_SPEC_DUE)
		app->theory.spec.shown = app->comp.gen + 1;
}

/* Due, and said so on screen (or settling: no screen waits). */
static bool due(const tui_app *app)
{
	return app->theory.th && state(app) == TUI_SPEC_DUE &&
	       (app->settling || app->theory.spec.shown == app->comp.gen + 1);
}

static bool run(tui_app *app, double budget)
{
	tui_spectrum *sp = &app->theory.spec;
	(void)budget; /* one SVD: it cannot be cut */
	if (!due(app))
		return false;
	bool did = tui_spectrum_update(sp, net_of(app), app->comp.gen);
	tui_app_trace(app, "spectrum gen=%u seconds=%.6f status=%d", sp->gen,
		      sp->seconds, (int)sp->st);
	return did;
}

/* Enter: compute a large spectrum anyway. */
static bool handle(tui_app *app, tui_action a, unsigned *flags)
{
	if (a != TUI_A_CONFIRM)
		return false;
	app->theory.spec.asked = app->comp.gen + 1;
	*flags = TUI_F_REDRAW;
	return true;
}

/* The keys; Enter whenever a spectrum waits for it (or will). */
static void keys(const tui_app *app, tui_spec_state st, int y)
{
	const iv_config *c = &app->model.cfg;
	bool big = tui_spectrum_estimate(c) > TUI_SPECTRUM_AUTO_SECONDS &&
		   tui_spectrum_width(c) <= IV_JACOBIAN_WIDTH_MAX &&
		   app->theory.spec.asked != app->comp.gen + 1;
	tui_line l;
	tui_line_init(&l);
	tui_line_field(&l, 0, 0);
	tui_line_add(&l, TUI_E_LABEL, "J or Esc: back");
	if (big && (st == TUI_SPEC_ASK || st == TUI_SPEC_FORWARD)) {
		tui_line_field(&l, 0, 3);
		tui_line_add(&l, TUI_E_HELP_KEY, "Enter");
		tui_line_add(&l, TUI_E_LABEL, ": compute this larger one");
	}
	tui_line_field(&l, 1, 3);
	tui_line_add(&l, TUI_E_LABEL, "i: init (orthogonal or Gaussian)");
	tui_line_field(&l, 1, 3);
	tui_line_add(&l, TUI_E_LABEL, "a: activation");
	tui_line_field(&l, 1, 3);
	tui_line_add(&l, TUI_E_LABEL, "wW: width");
	tui_put_fit(y, 0, app->layout.cols, &l);
}

static void draw(const tui_app *app, tui_rect r)
{
	const iv_config *c = &app->model.cfg;
	int y = r.y, h = r.h, cols = r.w;
	tui_spec_state st = state(app);
	char sub[32], t[256], what[96];
	snprintf(sub, sizeof sub, "%s%s", app->gl->d, "h_L/");
	snprintf(what, sizeof what, "(%s, %s, depth %zu)",
		 iv_init_name(c->init), iv_act_name(c->act), c->depth);
	/* the longest form that fits whole: the network named always */
	snprintf(t, sizeof t,
		 "Jacobian spectrum: singular values of %s%sx at one input %s",
		 sub, app->gl->d, what);
	if (tui_text_width(t) > cols)
		snprintf(t, sizeof t, "Jacobian spectrum of %s%sx %s", sub,
			 app->gl->d, what);
	if (tui_text_width(t) > cols)
		snprintf(t, sizeof t, "Jacobian spectrum %s", what);
	tui_put_words(y, 0, cols, TUI_E_TITLE, t, app->gl->ell);
	if (st == TUI_SPEC_HAVE)
		spectrum(app, y + 1, h - 2);
	else
		waiting(app, st, y);
	keys(app, st, y + h - 1);
}

const tui_panel_ops tui_panel_spectrum = {
    .name = "spectrum",
    .slot = TUI_SLOT_COVER,
    .key = TUI_A_SPECTRUM,
    .prepare = prepare,
    .run = run,
    .busy = due,
    .handle = handle,
    .draw = draw,
};
