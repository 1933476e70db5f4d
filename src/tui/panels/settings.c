/* SPDX-License-Identifier: MIT */
/* The settings bar: every setting as "label value", flowed over two rows,
 * and on the right of the second row the computation's progress or time;
 * the keys that change the settings. */
#include <stdio.h>
#include "tui/panel.h"
#include "tui/put.h"

#define ITEMS_MAX 24

typedef struct item {
	char label[32], value[64];
} item;

static size_t add(item *it, size_t n, const char *label, const char *value)
{
	snprintf(it[n].label, sizeof it[n].label, "%s", label);
	snprintf(it[n].value, sizeof it[n].value, "%s", value);
	return n + 1;
}

static size_t add_num(item *it, size_t n, const char *label, double v)
{
	char b[32];
	return add(it, n, label, tui_text_number(v, b, sizeof b));
}

static size_t add_size(item *it, size_t n, const char *label, size_t v)
{
	char b[32];
	snprintf(b, sizeof b, "%zu", v);
	return add(it, n, label, b);
}

static void widths_text(const iv_config *c, char *buf, size_t size)
{
	size_t len = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < c->nwidths && len + 12 < size; i++)
		len += (size_t)snprintf(buf + len, size - len, i ? ",%u" : "%u",
					(unsigned)c->widths[i]);
}

/* "3/12" ("3/12*" when the settings left it); false when no lesson is
 * current. */
static bool lesson_item(const tui_app *app, char *value, size_t size)
{
	const tui_lessons *l = &app->les;
	if (!tui_lessons_current(l))
		return false;
	snprintf(value, size, "%zu/%zu%s", l->cur, tui_lessons_count(l),
		 tui_lessons_modified(l, &app->model.cfg) ? "*" : "");
	return true;
}

static size_t collect(const tui_app *app, item *it)
{
	const iv_config *c = &app->model.cfg;
	tui_knob k = tui_model_knob_of(c->init);
	char label[32], w[64];
	size_t n = 0;
	if (lesson_item(app, w, sizeof w))
		n = add(it, n, "lesson", w);
	n = add(it, n, "init", iv_init_name(c->init));
	if (k != TUI_KNOB_NONE)
		n = add_num(it, n, tui_model_knob_name(k), tui_model_knob_value(c));
	snprintf(label, sizeof label, "%s weight %s", app->gl->arrow,
		 app->gl->sigma);
	n = add_num(it, n, label, iv_config_weight_std(c, 1));
	if (iv_init_uses_mode(c->init))
		n = add(it, n, "mode", iv_mode_name(c->mode));
	n = add(it, n, "act", iv_act_name(c->act));
	if (iv_act_uses_slope(c->act))
		n = add_num(it, n, "slope", c->slope);
	if (tui_theory_chi_item(&app->theory, c, app->gl, label, sizeof label,
				w, sizeof w))
		n = add(it, n, label, w);
	n = add_size(it, n, "depth", c->depth);
	if (c->nwidths) {
		widths_text(c, w, sizeof w);
		n = add(it, n, "widths", w);
	} else {
		n = add_size(it, n, "width", c->width);
	}
	n = add_size(it, n, "batch", c->batch);
	n = add(it, n, "input", iv_input_name(c->input));
	n = add_num(it, n, "bias", c->bias);
	if (c->bias_std > 0)
		n = add_num(it, n, "bias std", c->bias_std);
	snprintf(w, sizeof w, "%lu", c->seed);
	n = add(it, n, "seed", w);
	if (tui_theory_fix_item(&app->theory, c, app->gl, label, sizeof label,
				w, sizeof w))
		n = add(it, n, label, w);
	if (tui_theory_xi_item(&app->theory, c, app->gl, label, sizeof label,
			       w, sizeof w))
		n = add(it, n, label, w);
	return n;
}

/* Which layers the list shows, when not simply all of them. */
static bool where(const tui_model *m, char *buf, size_t size)
{
	size_t n = tui_viewport_count(m),
	       k = tui_viewport_subset_step(m->cfg.depth, m->rows);
	size_t last = m->top + m->rows < n ? m->top + m->rows : n;
	const char *th = k % 100 / 10 == 1 ? "th"
			 : k % 10 == 1     ? "st"
			 : k % 10 == 2     ? "nd"
			 : k % 10 == 3     ? "rd"
					   : "th";
	if (n > m->rows)
		snprintf(buf, size, "rows %zu-%zu of %zu   ", m->top + 1, last,
			 n);
	else if (m->subset == TUI_SUBSET_EVERY && k > 1)
		snprintf(buf, size, "every %zu%s layer   ", k, th);
	else if (m->subset == TUI_SUBSET_ENDS && n < m->cfg.depth)
		snprintf(buf, size, "first and last layers   ");
	else
		return false;
	return true;
}

/* The right end of the second row: progress, error or time, and the rows
 * shown when not all are. Returns the column where it starts. */
static int status(const tui_app *app, int y, int cols)
{
	const tui_compute *c = &app->comp;
	const tui_model *m = &app->model;
	char buf[96], t[32];
	int x;
	if (app->pending) {
		x = cols - 1 - 26;
		tui_put(y, x, cols, TUI_E_PROGRESS,
			"drawing weights and inputs");
	} else if (tui_compute_busy(c)) {
		int cells = 10,
		    full = (int)(tui_compute_progress(c) * cells + 0.5);
		x = cols - 1 - (10 + cells + 5);
		int p = tui_put(y, x, cols, TUI_E_LABEL, "computing ");
		for (int i = 0; i < cells; i++)
			p = tui_put(y, p, cols, TUI_E_PROGRESS,
				    i < full ? app->gl->full : app->gl->empty);
		tui_put_fmt(y, p, cols, TUI_E_VALUE, " %3.0f%%",
			 100 * tui_compute_progress(c));
	} else if (!c->net || c->st != IV_OK) {
		snprintf(buf, sizeof buf, "cannot compute: %s",
			 iv_status_str(c->st));
		x = cols - 1 - tui_text_width(buf);
		tui_put(y, x, cols, TUI_E_WARN, buf);
	} else {
		const char *tv = app->fixed_time
				     ? app->fixed_time
				     : tui_text_seconds(c->seconds, t, sizeof t);
		x = cols - 1 - tui_text_width(tv) - 12;
		int p = tui_put(y, x, cols, TUI_E_LABEL, "computed in ");
		tui_put(y, p, cols, TUI_E_VALUE, tv);
	}
	if (app->layout.layers_h > 0 && where(m, buf, sizeof buf)) {
		x -= tui_text_width(buf);
		tui_put(y, x, cols, TUI_E_LABEL, buf);
	}
	return x;
}

static void draw(const tui_app *app, tui_rect r)
{
	item it[ITEMS_MAX];
	size_t n = collect(app, it);
	int cols = r.w, row = 0, x = 1;
	int xmax[2] = {cols - 1, status(app, r.y + 1, cols) - 2};
	for (size_t i = 0; i < n; i++) {
		int w = tui_text_width(it[i].label) + 1 +
			tui_text_width(it[i].value);
		if (x > 1 && x + w > xmax[row]) {
			if (row == 1)
				break;
			row = 1;
			x = 1;
		}
		x = tui_put(r.y + row, x, xmax[row], TUI_E_LABEL, it[i].label) +
		    1;
		x = tui_put(r.y + row, x, xmax[row], TUI_E_VALUE, it[i].value) +
		    3;
	}
}

/* The settings keys: true when the configuration changed. */
static bool change(tui_model *m, tui_action a)
{
	switch (a) {
	case TUI_A_INIT_NEXT: return tui_model_cycle_init(m, +1);
	case TUI_A_INIT_PREV: return tui_model_cycle_init(m, -1);
	case TUI_A_KNOB_UP: return tui_model_scale_knob(m, TUI_KNOB_FINE);
	case TUI_A_KNOB_DOWN: return tui_model_scale_knob(m, 1 / TUI_KNOB_FINE);
	case TUI_A_KNOB_UP2: return tui_model_scale_knob(m, TUI_KNOB_COARSE);
	case TUI_A_KNOB_DOWN2:
		return tui_model_scale_knob(m, 1 / TUI_KNOB_COARSE);
	case TUI_A_MODE_NEXT: return tui_model_cycle_mode(m);
	case TUI_A_ACT_NEXT: return tui_model_cycle_act(m, +1);
	case TUI_A_ACT_PREV: return tui_model_cycle_act(m, -1);
	case TUI_A_DEPTH_UP: return tui_model_depth(m, +1);
	case TUI_A_DEPTH_DOWN: return tui_model_depth(m, -1);
	case TUI_A_WIDTH_UP: return tui_model_width(m, +1);
	case TUI_A_WIDTH_DOWN: return tui_model_width(m, -1);
	case TUI_A_BATCH_UP: return tui_model_batch(m, +1);
	case TUI_A_BATCH_DOWN: return tui_model_batch(m, -1);
	case TUI_A_INPUT_NEXT: return tui_model_cycle_input(m, +1);
	case TUI_A_INPUT_PREV: return tui_model_cycle_input(m, -1);
	case TUI_A_BIAS_UP: return tui_model_bias(m, +1);
	case TUI_A_BIAS_DOWN: return tui_model_bias(m, -1);
	case TUI_A_SEED_NEXT: return tui_model_seed(m, +1);
	case TUI_A_SEED_PREV: return tui_model_seed(m, -1);
	case TUI_A_RESET: return tui_model_reset(m);
	default: return false;
	}
}

static bool handle(tui_app *app, tui_action a, unsigned *flags)
{
	const tui_action_info *ai = tui_keys_action(a);
	if (!ai || ai->group != TUI_G_SETTINGS)
		return false;
	*flags = change(&app->model, a) ? TUI_F_RECOMPUTE : TUI_F_REDRAW;
	return true;
}

const tui_panel_ops tui_panel_settings = {
    .name = "settings",
    .slot = TUI_SLOT_TOP,
    .handle = handle,
    .draw = draw,
};
