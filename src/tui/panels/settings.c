/* SPDX-License-Identifier: MIT */
/* The settings bar: every setting as "label value", flowed over two rows,
 * and on the right of the second row the computation's progress or time;
 * the keys that change the settings. */
#include <stdio.h>
#include <string.h>
#include "tui/panel.h"
#include "tui/put.h"
#include "view/arch.h"
#include "view/viewport.h"

/* The settings, each an item of the bar; the order on screen. */
typedef enum {
	S_LESSON,
	S_INIT,
	S_KNOB,
	S_WSTD,
	S_MODE,
	S_ACT,
	S_SLOPE,
	S_CHI,
	S_DEPTH,
	S_WIDTH,
	S_BATCH,
	S_INPUT,
	S_BIAS,
	S_BIAS_STD,
	S_NORM,
	S_RES,
	S_READOUT,
	S_SEED,
	S_Q,
	S_XI,
	S_WHERE,
	S_COUNT
} item_id;

/* Which go first when the bar is short: a higher number goes earlier. */
static const int prio[S_COUNT] = {
    [S_LESSON] = 0, [S_INIT] = 0,     [S_KNOB] = 0,  [S_ACT] = 0,
    [S_DEPTH] = 1,  [S_WIDTH] = 1,    [S_CHI] = 1,   [S_WSTD] = 2,
    [S_MODE] = 2,   [S_SLOPE] = 2,    [S_BATCH] = 3, [S_INPUT] = 3,
    [S_BIAS] = 3,   [S_BIAS_STD] = 3, [S_SEED] = 4,  [S_Q] = 4,
    [S_XI] = 4,     [S_WHERE] = 0,    [S_NORM] = 1,  [S_RES] = 1,
    [S_READOUT] = 1,
};

/* The bar as a line of fields; field[id] is the index of item id's field,
 * -1 when the configuration has no such item. */
typedef struct bar {
	tui_line line;
	int field[S_COUNT];
	char label[S_COUNT][32], value[S_COUNT][64];
	bool terse; /* the residual's short form: "alpha 0.316" */
} bar;

static void add(bar *b, item_id id, int gap, const char *label,
		const char *value)
{
	snprintf(b->label[id], sizeof b->label[id], "%s", label);
	snprintf(b->value[id], sizeof b->value[id], "%s", value);
	b->field[id] = tui_line_field(&b->line, prio[id], gap);
	tui_line_add(&b->line, TUI_E_LABEL, label);
	tui_line_add(&b->line, TUI_E_VALUE, " ");
	tui_line_add(&b->line, TUI_E_VALUE, value);
}

/* The bias: --bias, or a framework preset's own. */
static void bias_item(bar *b, const iv_config *c, const tui_glyphs *g, int gap)
{
	char t[64];
	if (c->init == IV_INIT_TORCH_LINEAR) {
		snprintf(t, sizeof t, "U(%s1/%s(fan_in))", g->pm, g->sqrt);
		add(b, S_BIAS, gap, "bias", t);
	} else if (iv_init_is_preset(c->init)) {
		add(b, S_BIAS, gap, "bias", "0");
	} else {
		add(b, S_BIAS, gap, "bias",
		    tui_text_number(c->bias, t, sizeof t));
		if (c->bias_std > 0)
			add(b, S_BIAS_STD, gap, "bias std",
			    tui_text_number(c->bias_std, t, sizeof t));
	}
}

/* "norm layer" and "residual alpha 1/sqrt(L) = 0.316" (terse: "alpha
 * 0.316"), early in the bar; the plain network has neither (the help names
 * the keys). */
static void arch_items(bar *b, const iv_config *c, const tui_glyphs *g, int gap)
{
	char label[32], t[64], r[32], n[32];
	if (c->norm != IV_NORM_NONE)
		add(b, S_NORM, gap, "norm", iv_norm_name(c->norm));
	if (!c->residual)
		return;
	double a = iv_config_res_scale(c);
	tui_text_number(a, n, sizeof n);
	const char *rule = tui_alpha_name(tui_alpha_of(c), g, r, sizeof r);
	snprintf(label, sizeof label, "%s%s", b->terse ? "" : "residual ",
		 g->alpha);
	if (rule && strcmp(rule, n) != 0 && !b->terse)
		snprintf(t, sizeof t, "%s = %s", rule, n);
	else
		snprintf(t, sizeof t, "%s", n);
	add(b, S_RES, gap, label, t);
}

static void add_num(bar *b, item_id id, int gap, const char *label, double v)
{
	char t[32];
	add(b, id, gap, label, tui_text_number(v, t, sizeof t));
}

static void add_size(bar *b, item_id id, int gap, const char *label, size_t v)
{
	char t[32];
	snprintf(t, sizeof t, "%zu", v);
	add(b, id, gap, label, t);
}

/* "784,512,256,10"; a list longer than buf keeps its first widths and the
 * output width with an ellipsis between ("100,101,...,120"), never a list
 * cut after some width, which would read as a smaller network. */
static void widths_text(const iv_config *c, const tui_glyphs *g, char *buf,
			size_t size)
{
	char tail[32];
	size_t len = 0, n = c->nwidths;
	buf[0] = '\0';
	if (n == 0 || size == 0)
		return;
	snprintf(tail, sizeof tail, ",%s,%u", g->ell, (unsigned)c->widths[n - 1]);
	for (size_t i = 0; i < n; i++) {
		char one[16];
		int k = snprintf(one, sizeof one, i ? ",%u" : "%u",
				 (unsigned)c->widths[i]);
		/* room for this width, and for the tail unless it is the last */
		size_t need = (size_t)k + (i + 1 < n ? strlen(tail) : 0);
		if (len + need >= size && i + 1 < n) {
			snprintf(buf + len, size - len, "%s", tail);
			return;
		}
		len += (size_t)snprintf(buf + len, size - len, "%s", one);
	}
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

/* The weights' std: one number when every layer has it, else the range
 * over the layers ("0.0393 to 0.0867"), so that layer 1's is not read as
 * every layer's (a widths list gives each layer its own fans). */
static void weight_item(bar *b, const iv_config *c, int gap, const char *label)
{
	double lo = iv_config_weight_std(c, 1), hi = lo;
	for (size_t l = 2; l <= c->depth; l++) {
		double s = iv_config_weight_std(c, l);
		lo = s < lo ? s : lo;
		hi = s > hi ? s : hi;
	}
	if (!(hi > lo)) { /* one value (or NaN: shown as it is) */
		add_num(b, S_WSTD, gap, label, iv_config_weight_std(c, 1));
		return;
	}
	char a[32], z[32], t[80];
	snprintf(t, sizeof t, "%s to %s", tui_text_number(lo, a, sizeof a),
		 tui_text_number(hi, z, sizeof z));
	add(b, S_WSTD, gap, label, t);
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
		snprintf(buf, size, "rows %zu-%zu of %zu", m->top + 1, last, n);
	else if (m->subset == TUI_SUBSET_EVERY && k > 1)
		/* the last layer closes the list at any step: named, so that
		 * its shorter gap is not read as the step */
		snprintf(buf, size, "every %zu%s layer%s", k, th,
			 (m->cfg.depth - 1) % k ? " and the last" : "");
	else if (m->subset == TUI_SUBSET_ENDS && n < m->cfg.depth)
		snprintf(buf, size, "first and last layers");
	else
		return false;
	return true;
}

static void collect(const tui_app *app, bar *b, int gap)
{
	const iv_config *c = &app->model.cfg;
	const tui_glyphs *g = app->gl;
	tui_knob k = tui_model_knob_of(c->init);
	char label[32], w[64];
	tui_line_init(&b->line);
	for (int i = 0; i < S_COUNT; i++)
		b->field[i] = -1;
	if (lesson_item(app, w, sizeof w))
		add(b, S_LESSON, gap, "lesson", w);
	add(b, S_INIT, gap, "init", iv_init_name(c->init));
	if (k != TUI_KNOB_NONE)
		add_num(b, S_KNOB, gap, tui_model_knob_name(k),
			tui_model_knob_value(c));
	snprintf(label, sizeof label, "%s weight %s", g->arrow, g->sigma);
	weight_item(b, c, gap, label);
	if (iv_init_uses_mode(c->init))
		add(b, S_MODE, gap, "mode", iv_mode_name(c->mode));
	add(b, S_ACT, gap, "act", iv_act_name(c->act));
	if (iv_act_uses_slope(c->act))
		add_num(b, S_SLOPE, gap, "slope", c->slope);
	if (tui_theory_chi_item(&app->theory, c, g, label, sizeof label, w,
				sizeof w))
		add(b, S_CHI, gap, label, w);
	add_size(b, S_DEPTH, gap, "depth", c->depth);
	if (c->nwidths) {
		widths_text(c, g, w, sizeof w);
		add(b, S_WIDTH, gap, "widths", w);
	} else {
		add_size(b, S_WIDTH, gap, "width", c->width);
	}
	add_size(b, S_BATCH, gap, "batch", c->batch);
	add(b, S_INPUT, gap, "input", iv_input_name(c->input));
	bias_item(b, c, g, gap);
	arch_items(b, c, g, gap);
	/* training's readout when it is not the scheme's own: lesson 13
	 * differs from lesson 2 by this alone */
	if (app->train.random_readout)
		add(b, S_READOUT, gap, "readout", "random");
	snprintf(w, sizeof w, "%lu", c->seed);
	add(b, S_SEED, gap, "seed", w);
	if (tui_theory_fix_item(&app->theory, c, g, label, sizeof label, w,
				sizeof w))
		add(b, S_Q, gap, label, w);
	if (tui_theory_xi_item(&app->theory, c, g, label, sizeof label, w,
			       sizeof w))
		add(b, S_XI, gap, label, w);
	if (app->layout.layers_h > 0 && where(&app->model, w, sizeof w)) {
		b->field[S_WHERE] =
		    tui_line_field(&b->line, prio[S_WHERE], gap);
		tui_line_add(&b->line, TUI_E_LABEL, w);
	}
}

/* Columns the status takes at most in its usual states ("drawing weights
 * and inputs"): the settings keep out of them, so that they do not jump
 * while a computation runs. */
#define STATUS_W 26

/* The status at the right end of the second row: progress, error or time,
 * its text in buf (a progress bar drawn by draw_status); its columns. */
static int status_text(const tui_app *app, char *buf, size_t size)
{
	const tui_compute *c = &app->comp;
	char t[32];
	if (app->pending)
		snprintf(buf, size, "drawing weights and inputs");
	else if (tui_compute_busy(c))
		snprintf(buf, size, "computing %10s %3.0f%%", "",
			 100 * tui_compute_progress(c));
	else if (!c->net || c->st != IV_OK)
		snprintf(buf, size, "cannot compute: %s", iv_status_str(c->st));
	else
		snprintf(buf, size, "computed in %s",
			 app->fixed_time
			     ? app->fixed_time
			     : tui_text_seconds(c->seconds, t, sizeof t));
	return tui_text_width(buf);
}

static void draw_status(const tui_app *app, int y, int cols)
{
	const tui_compute *c = &app->comp;
	char buf[128];
	int x = cols - 1 - status_text(app, buf, sizeof buf);
	if (app->pending) {
		tui_put(y, x, cols, TUI_E_PROGRESS, buf);
	} else if (tui_compute_busy(c)) {
		int cells = 10,
		    full = (int)(tui_compute_progress(c) * cells + 0.5);
		int p = tui_put(y, x, cols, TUI_E_LABEL, "computing ");
		for (int i = 0; i < cells; i++)
			p = tui_put(y, p, cols, TUI_E_PROGRESS,
				    i < full ? app->gl->full : app->gl->empty);
		tui_put_fmt(y, p, cols, TUI_E_VALUE, " %3.0f%%",
			    100 * tui_compute_progress(c));
	} else if (!c->net || c->st != IV_OK) {
		tui_put(y, x, cols, TUI_E_WARN, buf);
	} else {
		int p = tui_put(y, x, cols, TUI_E_LABEL, "computed in ");
		tui_put(y, p, cols, TUI_E_VALUE, buf + 12);
	}
}

/* The settings flowed over the two rows from column 1, the second row
 * short of the status; the residual's short form when its long one finds
 * no room (the stream's column title names the residual still). */
static void flow(const tui_app *app, bar *b, int cols)
{
	char buf[128];
	int gap = cols < 100 ? 2 : 3, sw = status_text(app, buf, sizeof buf);
	int widths[2] = {cols - 2, cols - 4 - (sw > STATUS_W ? sw : STATUS_W)};
	b->terse = false;
	collect(app, b, gap);
	tui_line_flow(&b->line, widths, 2);
	if (b->field[S_RES] < 0 || tui_line_shown(&b->line, b->field[S_RES]))
		return;
	b->terse = true;
	collect(app, b, gap);
	tui_line_flow(&b->line, widths, 2);
}

/* The settings, and the layers shown (when not all) right-aligned before
 * the status if the flow found room for them. */
static void draw(const tui_app *app, tui_rect r)
{
	bar b;
	char buf[128];
	int cols = r.w, wf;
	flow(app, &b, cols);
	bool where_shown = tui_line_shown(&b.line, wf = b.field[S_WHERE]);
	if (where_shown)
		b.line.field[wf].shown = false;
	tui_put_line(r.y, 1, &b.line);
	draw_status(app, r.y + 1, cols);
	if (where_shown) {
		const char *w = b.line.piece[b.line.npieces - 1].text;
		int x = cols - 1 - status_text(app, buf, sizeof buf) - 3 -
			tui_text_width(w);
		tui_put(r.y + 1, x, cols, TUI_E_LABEL, w);
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
	case TUI_A_NORM_NEXT: return tui_model_cycle_norm(m);
	case TUI_A_RESIDUAL: return tui_model_residual(m);
	case TUI_A_ALPHA_NEXT: return tui_model_cycle_alpha(m, +1);
	case TUI_A_ALPHA_PREV: return tui_model_cycle_alpha(m, -1);
	case TUI_A_RESET: return tui_model_reset(m);
	default: return false;
	}
}

/* The item a settings key changes; S_COUNT for none (reset). */
static item_id item_of(tui_action a)
{
	switch (a) {
	case TUI_A_INIT_NEXT:
	case TUI_A_INIT_PREV: return S_INIT;
	case TUI_A_KNOB_UP:
	case TUI_A_KNOB_DOWN:
	case TUI_A_KNOB_UP2:
	case TUI_A_KNOB_DOWN2: return S_KNOB;
	case TUI_A_MODE_NEXT: return S_MODE;
	case TUI_A_ACT_NEXT:
	case TUI_A_ACT_PREV: return S_ACT;
	case TUI_A_DEPTH_UP:
	case TUI_A_DEPTH_DOWN: return S_DEPTH;
	case TUI_A_WIDTH_UP:
	case TUI_A_WIDTH_DOWN: return S_WIDTH;
	case TUI_A_BATCH_UP:
	case TUI_A_BATCH_DOWN: return S_BATCH;
	case TUI_A_INPUT_NEXT:
	case TUI_A_INPUT_PREV: return S_INPUT;
	case TUI_A_BIAS_UP:
	case TUI_A_BIAS_DOWN: return S_BIAS;
	case TUI_A_SEED_NEXT:
	case TUI_A_SEED_PREV: return S_SEED;
	case TUI_A_NORM_NEXT: return S_NORM;
	case TUI_A_RESIDUAL:
	case TUI_A_ALPHA_NEXT:
	case TUI_A_ALPHA_PREV: return S_RES;
	default: return S_COUNT;
	}
}

/* A setting changed that the bar has no room for: say its new value in
 * the notice (it goes with the next key). The bar shows chi1 and q*: the
 * check waits for their prediction (at depth 1000 it takes 0.1 s, too long
 * to hold a key's frame for), made in the work between key reads. True
 * when the notice was set. */
static bool unseen_check(tui_app *app)
{
	bar b;
	if (!app->model.unseen || (app->theory.th &&
				   !tui_theory_predict_fresh(&app->theory,
							     &app->model.cfg)))
		return false;
	item_id id = (item_id)(app->model.unseen - 1);
	app->model.unseen = 0;
	if (app->model.msg[0] || app->layout.too_small)
		return false;
	flow(app, &b, app->layout.cols);
	if (b.field[id] < 0 || tui_line_shown(&b.line, b.field[id]))
		return false;
	snprintf(app->model.msg, sizeof app->model.msg,
		 "%s %s   (no room for it in the settings bar)", b.label[id],
		 b.value[id]);
	return true;
}

static void unseen(tui_app *app, tui_action a)
{
	item_id id = item_of(a);
	app->model.unseen = id == S_COUNT ? 0 : (int)id + 1;
	unseen_check(app);
}

static bool run(tui_app *app, double budget)
{
	(void)budget;
	return unseen_check(app);
}

static bool busy(const tui_app *app)
{
	return app->model.unseen != 0;
}

static bool handle(tui_app *app, tui_action a, unsigned *flags)
{
	const tui_action_info *ai = tui_keys_action(a);
	if (!ai || ai->group != TUI_G_SETTINGS)
		return false;
	bool changed = change(&app->model, a);
	*flags = changed ? TUI_F_RECOMPUTE : TUI_F_REDRAW;
	if (changed)
		unseen(app, a);
	return true;
}

const tui_panel_ops tui_panel_settings = {
    .name = "settings",
    .slot = TUI_SLOT_TOP,
    .handle = handle,
    .draw = draw,
    .run = run,
    .busy = busy,
};
