/* SPDX-License-Identifier: MIT */
/* The ratio strip below the training strip: for a few layers spread over
 * the depth (view/train.h), the update-to-data ratio log10 std(dW)/std(W)
 * of every step as a row of bars (a level a decade, healthy within a
 * decade of -3, warnings outside), then the last step's update and
 * gradient-to-data ratios as numbers. While it is shown, training
 * measures the ratios (training.c); steps taken while it was not show as
 * dots, "not measured". The arithmetic is view/ratios.c's. */
#include <math.h>
#include <stdio.h>
#include "tui/panel.h"
#include "tui/put.h"
#include "view/ratios.h"

#define NUM_W     (TUI_RATIO_TEXT_W + 1) /* " -2.9" */
#define RIGHT_W   (2 * NUM_W + 1)
#define CELLS_MIN 8

static int label_width(const tui_app *app)
{
	char b[32];
	return snprintf(b, sizeof b, "L%zu", app->model.cfg.depth) + 2;
}

/* How the header says what the 'grad' column is: in full, "grad:
 * log10 std(dL/dW)/std(W)"; shorter, "grad: gradient/data" beside the
 * title "update/data" (the column is the same measure with the gradient
 * for the update), kept before the level's legend; and that with "healthy
 * -3" for "healthy near -3". */
enum { GRAD_FULL, GRAD_SHORT, GRAD_SHORTER };

/* The header's fields in form; the index of the field saying what 'grad'
 * is. */
static int header_line(const tui_app *app, tui_line *l, size_t shown,
		       int form)
{
	const tui_glyphs *g = app->gl;
	int grad;
	tui_line_init(l);
	tui_line_field(l, 0, 0);
	tui_line_add(l, TUI_E_TITLE, "update/data");
	/* in the short forms it gives way to 'grad' (the title names both) */
	tui_line_field(l, form == GRAD_FULL ? 1 : 2, 1);
	tui_line_addf(l, TUI_E_LABEL, "log10 std(%sW)/std(W)",
		      g->utf8 ? "\u0394" : "d");
	tui_line_field(l, 0, 2);
	tui_line_add(l, TUI_E_LABEL,
		     form == GRAD_SHORTER ? "healthy -3 " : "healthy near -3 ");
	tui_line_add(l, TUI_E_VALUE, g->level[tui_ratio_level(-3)]);
	tui_line_field(l, 2, 2);
	tui_line_add(l, TUI_E_LABEL, "a level a decade");
	/* the right column's other number */
	grad = tui_line_field(l, form == GRAD_FULL ? 2 : 1, 2);
	if (form == GRAD_FULL)
		tui_line_addf(l, TUI_E_LABEL,
			      "grad: log10 std(%sL/%sW)/std(W)", g->d, g->d);
	else
		tui_line_add(l, TUI_E_LABEL, "grad: gradient/data");
	if (shown < app->train.nrl) { /* rows spread over the kept layers */
		tui_line_field(l, 0, 2);
		tui_line_addf(l, TUI_E_WARN, "%zu of %zu layers", shown,
			      app->train.nrl);
		tui_line_field(l, 1, 1);
		tui_line_add(l, TUI_E_LABEL, "(more rows show all)");
	}
	if (tui_ratio_any_unwatched(&app->train)) {
		tui_line_field(l, 0, 2);
		tui_line_add(l, TUI_E_PENDING, g->pending);
		tui_line_add(l, TUI_E_LABEL, " not measured");
		tui_line_field(l, 1, 1);
		tui_line_add(l, TUI_E_LABEL, "(strip hidden)");
	}
	return grad;
}

static void header(const tui_app *app, int y, int cols, size_t shown)
{
	int x0 = label_width(app), vx = cols - RIGHT_W;
	tui_line l;
	/* the first form that keeps 'grad' explained, else the full one
	 * (its fields dropped by priority) */
	int form = GRAD_FULL;
	for (; form <= GRAD_SHORTER; form++) {
		int f = header_line(app, &l, shown, form);
		tui_line_fit(&l, vx - 1 - x0);
		if (tui_line_shown(&l, f))
			break;
	}
	if (form > GRAD_SHORTER) {
		header_line(app, &l, shown, GRAD_FULL);
		tui_line_fit(&l, vx - 1 - x0);
	}
	tui_put_line(y, x0, &l);
	tui_put_right(y, vx + NUM_W, vx, TUI_E_LABEL, "upd");
	tui_put_right(y, cols - 1, vx + NUM_W, TUI_E_LABEL, "grad");
}

static tui_element elem_of(double v)
{
	return tui_ratio_healthy(v) ? TUI_E_VALUE : TUI_E_WARN;
}

/* A log10 ratio right-aligned before xend: "-2.9", "inf", or "-" when
 * there is none. */
static void number(int y, int xend, double v)
{
	char b[16];
	tui_put_right(y, xend, xend - NUM_W + 1, elem_of(v),
		      tui_ratio_text(v, b, sizeof b));
}

static void row(const tui_app *app, int y, size_t i, int cols)
{
	const tui_train *t = &app->train;
	int lw = label_width(app), vx = cols - RIGHT_W, w = vx - 1 - lw;
	tui_put_fmt(y, 0, lw, TUI_E_AXIS, " L%zu", t->rl[i]);
	for (int k = 0; w >= CELLS_MIN && k < w; k++) {
		double v = tui_ratio_column(t, i, k, w, false);
		int lv = tui_ratio_level(v);
		if (lv)
			tui_put_bar(y, lw + k, lw + k + 1, elem_of(v),
				    app->gl->level[lv]);
		else if (tui_ratio_column_unwatched(t, k, w))
			tui_put(y, lw + k, lw + k + 1, TUI_E_PENDING,
				app->gl->pending);
	}
	/* a layer without a ratio says why where its bars would be: its
	 * weights are all equal (but for rounding), or its numbers
	 * overflowed (a weight spread of 1e200 is not "all equal") */
	if (!t->nratio && tui_train_diverged(t) && w >= CELLS_MIN)
		tui_put(y, lw, lw + w, TUI_E_LABEL, /* the first step stopped */
			"no update taken: the loss is not finite");
	else if (t->nratio && isnan(tui_ratio_last(t, i, false)) &&
		 w >= CELLS_MIN)
		tui_put(y, lw, lw + w, TUI_E_LABEL,
			tui_ratio_weights_equal(t, i)
			    ? "weights all equal: no spread to compare an "
			      "update with"
			    : "no ratio: NaN or Inf in the gradients or "
			      "weights");
	number(y, vx + NUM_W, tui_ratio_last(t, i, false));
	number(y, cols - 1, tui_ratio_last(t, i, true));
}

/* The header and a row per kept layer, once training has started. */
static int rows(const tui_app *app, int cols)
{
	size_t d = app->model.cfg.depth;
	(void)cols;
	if (!tui_train_active(&app->train))
		return 0;
	return 1 + (int)(d < TUI_RATIO_LAYERS ? d : TUI_RATIO_LAYERS);
}

static void draw(const tui_app *app, tui_rect r)
{
	const tui_train *t = &app->train;
	if (r.h < 2 || r.w < label_width(app) + RIGHT_W + 1)
		return;
	/* rows spread over the kept layers when not all fit */
	size_t n = t->nrl, shown = (size_t)r.h - 1 < n ? (size_t)r.h - 1 : n;
	header(app, r.y, r.w, t->tr ? shown : n);
	if (!t->tr) {
		tui_put(r.y + 1, label_width(app), r.w, TUI_E_LABEL,
			"(from the first step on)");
		return;
	}
	for (size_t j = 0; j < shown; j++) {
		size_t i = shown == 1 ? n - 1 : j * (n - 1) / (shown - 1);
		row(app, r.y + 1 + (int)j, i, r.w);
	}
}

const tui_panel_ops tui_panel_ratios = {
    .name = "ratios",
    .slot = TUI_SLOT_BAND,
    .rows = rows,
    .min_rows = 2,
    .fair_rows = 0, /* all its rows (at most TUI_RATIO_LAYERS + 1) before
		     * a long layer list, which scrolls, takes the rest */
    .draw = draw,
};
