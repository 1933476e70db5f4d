/* SPDX-License-Identifier: MIT */
/* Settings changes of the view: cycling, stepping and clamping, each checked
 * against the engine's limits and the memory limit before it is committed. */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "view/arch.h"
#include "view/model.h"
#include "view/text.h"
#include "util/bytes.h"

void tui_model_init(tui_model *m, const iv_config *cfg)
{
	memset(m, 0, sizeof *m);
	m->cfg = *cfg;
	m->cfg.retain = 1; /* gradients kept for the shared-range binning */
	m->start = m->cfg;
	m->max_memory = cfg->max_memory > 0 ? cfg->max_memory : 0;
	m->rows = 1;
}

iv_quantity tui_model_left_q(const tui_model *m)
{
	return m->preact ? IV_Q_PREACT : IV_Q_ACT;
}

iv_quantity tui_model_right_q(const tui_model *m)
{
	return m->grad_weights ? IV_Q_GRAD_WEIGHTS : IV_Q_GRAD_ACT;
}

void tui_model_left_title(const tui_model *m, const tui_glyphs *g, char *buf,
			  size_t size, int width)
{
	const char *a = iv_act_name(m->cfg.act);
	if (m->cfg.residual && !m->preact) { /* blocks: no activation of h */
		/* alpha as the settings bar writes it: α in UTF-8 */
		snprintf(buf, size, "stream h = h' + %s (W %s(h') + b)",
			 g->alpha, a);
		if (tui_text_width(buf) > width)
			snprintf(buf, size, "stream h = h' + branch");
		if (tui_text_width(buf) > width)
			snprintf(buf, size, "stream h");
		return;
	}
	if (m->preact)
		snprintf(buf, size, "pre-activations z = W h + b");
	else
		snprintf(buf, size, "activations h = %s(z)", a);
	if (tui_text_width(buf) > width)
		snprintf(buf, size, m->preact ? "z = W h + b" : "h = %s(z)", a);
}

void tui_model_right_title(const tui_model *m, const tui_glyphs *g, char *buf,
			   size_t size, int width)
{
	const char *d = g->d, *v = m->grad_weights ? "W" : "h";
	snprintf(buf, size, "%sgradients %sL/%s%s",
		 m->grad_weights ? "weight " : "", d, d, v);
	if (tui_text_width(buf) > width)
		snprintf(buf, size, "%sL/%s%s", d, d, v);
}

tui_knob tui_model_knob_of(iv_init_kind k)
{
	if (iv_init_uses_std(k))
		return TUI_KNOB_STD;
	if (iv_init_uses_gain(k))
		return TUI_KNOB_GAIN;
	return k == IV_INIT_CONSTANT ? TUI_KNOB_VALUE : TUI_KNOB_NONE;
}

const char *tui_model_knob_name(tui_knob k)
{
	static const char *const names[] = {
	    [TUI_KNOB_NONE] = NULL,
	    [TUI_KNOB_STD] = "std",
	    [TUI_KNOB_GAIN] = "gain",
	    [TUI_KNOB_VALUE] = "value",
	};
	return (unsigned)k <= TUI_KNOB_VALUE ? names[k] : NULL;
}

static double *knob_ptr(iv_config *cfg)
{
	switch (tui_model_knob_of(cfg->init)) {
	case TUI_KNOB_STD: return &cfg->std;
	case TUI_KNOB_GAIN: return &cfg->gain;
	case TUI_KNOB_VALUE: return &cfg->value;
	default: return NULL;
	}
}

double tui_model_knob_value(const iv_config *cfg)
{
	double *p = knob_ptr((iv_config *)cfg);
	return p ? *p : NAN;
}

/* Take c when it is valid and fits in memory; else keep cfg and say why.
 * An alpha of 1/sqrt(L) or 1/sqrt(2L) follows a new depth. */
static bool commit(tui_model *m, const iv_config *cin, const char *what)
{
	iv_config n = *cin;
	const iv_config *c = &n;
	tui_alpha_follow_depth(&m->cfg, &n);
	double need = iv_config_memory(c);
	if (iv_config_validate(c) != IV_OK) {
		snprintf(m->msg, sizeof m->msg, "%s: out of range", what);
		return false;
	}
	if (m->max_memory > 0 && need > m->max_memory) {
		char a[40], b[40]; /* "1.406 GiB (1509949440 bytes)" */
		iv_bytes_pair(need, m->max_memory, a, b, sizeof a);
		snprintf(m->msg, sizeof m->msg,
			 "%s: would need %s of memory (limit %s); kept", what,
			 a, b);
		return false;
	}
	m->cfg = *c;
	m->msg[0] = '\0';
	return true;
}

bool tui_model_commit(tui_model *m, const iv_config *c, const char *what)
{
	return commit(m, c, what);
}

bool tui_model_scale_knob(tui_model *m, double factor)
{
	iv_config c = m->cfg;
	double *p = knob_ptr(&c);
	if (!p) {
		snprintf(m->msg, sizeof m->msg, "%s has no variance knob",
			 iv_init_name(c.init));
		return false;
	}
	double mag = fabs(*p), sign = *p < 0 ? -1.0 : 1.0;
	if (mag == 0)
		mag = factor > 1 ? TUI_KNOB_START / factor : 0;
	mag *= factor;
	if (mag > 0 && mag < TUI_KNOB_MIN)
		mag = TUI_KNOB_MIN;
	if (mag > TUI_KNOB_MAX)
		mag = TUI_KNOB_MAX;
	/* a value typed beyond the keys' limits stays rather than jump back */
	if (factor > 1 ? mag < fabs(*p) : mag > fabs(*p))
		mag = fabs(*p);
	if (sign * mag == *p) {
		snprintf(m->msg, sizeof m->msg, "%s stays %g (limit)",
			 tui_model_knob_name(tui_model_knob_of(c.init)), *p);
		return false;
	}
	*p = sign * mag;
	return commit(m, &c, tui_model_knob_name(tui_model_knob_of(c.init)));
}

static int cycle(int k, int dir, int count)
{
	return ((k + dir) % count + count) % count;
}

bool tui_model_cycle_init(tui_model *m, int dir)
{
	iv_config c = m->cfg;
	c.init = (iv_init_kind)cycle((int)c.init, dir, IV_INIT_COUNT);
	return commit(m, &c, "init");
}

iv_act_kind tui_model_act_next(iv_act_kind k, int dir)
{
	return iv_act_tour(k, dir); /* the order is the table's tour column */
}

bool tui_model_cycle_act(tui_model *m, int dir)
{
	iv_config c = m->cfg;
	c.act = tui_model_act_next(c.act, dir);
	return commit(m, &c, "activation");
}

bool tui_model_cycle_input(tui_model *m, int dir)
{
	iv_config c = m->cfg;
	c.input = (iv_input_kind)cycle((int)c.input, dir, IV_INPUT_COUNT);
	return commit(m, &c, "input");
}

bool tui_model_cycle_mode(tui_model *m)
{
	iv_config c = m->cfg;
	if (!iv_init_uses_mode(c.init)) {
		snprintf(m->msg, sizeof m->msg, "%s", TUI_MODE_ONLY);
		return false;
	}
	c.mode = (iv_fan_mode)cycle((int)c.mode, 1, IV_MODE_COUNT);
	return commit(m, &c, "mode");
}

/* The k-th rung: 1..9, then 10 12 15 20 25 30 40 50 60 80 times 10^e. */
static size_t rung(size_t k)
{
	static const unsigned mant[] = {10, 12, 15, 20, 25, 30, 40, 50, 60, 80};
	size_t p = 1;
	if (k < 9)
		return k + 1;
	k -= 9;
	for (size_t e = k / 10; e > 0; e--)
		p *= 10;
	return mant[k % 10] * p;
}

size_t tui_model_ladder(size_t x, int dir)
{
	size_t prev = 1;
	for (size_t k = 0;; k++) {
		size_t v = rung(k);
		if (dir > 0 && v > x)
			return v < IV_DEPTH_MAX ? v : IV_DEPTH_MAX;
		if (dir < 0 && v >= x)
			return prev;
		if (v >= IV_DEPTH_MAX)
			return dir > 0 ? IV_DEPTH_MAX : v;
		prev = v;
	}
}

bool tui_model_depth(tui_model *m, int dir)
{
	iv_config c = m->cfg;
	iv_config_uniform(&c);
	c.depth = tui_model_ladder(c.depth, dir);
	if (c.depth == m->cfg.depth && !m->cfg.nwidths) {
		snprintf(m->msg, sizeof m->msg, "depth stays %zu (limit)",
			 c.depth);
		return false;
	}
	return commit(m, &c, "depth");
}

static size_t twice(size_t x, int dir, size_t max)
{
	size_t v = dir > 0 ? x * 2 : x / 2;
	return v < 1 ? 1 : v > max ? max : v;
}

bool tui_model_width(tui_model *m, int dir)
{
	iv_config c = m->cfg;
	iv_config_uniform(&c);
	c.width = twice(c.width, dir, IV_WIDTH_MAX);
	if (c.width == m->cfg.width && !m->cfg.nwidths) {
		snprintf(m->msg, sizeof m->msg, "width stays %zu (limit)",
			 c.width);
		return false;
	}
	return commit(m, &c, "width");
}

bool tui_model_batch(tui_model *m, int dir)
{
	iv_config c = m->cfg;
	c.batch = twice(c.batch, dir, IV_BATCH_MAX);
	if (c.batch == m->cfg.batch) {
		snprintf(m->msg, sizeof m->msg, "batch stays %zu (limit)",
			 c.batch);
		return false;
	}
	return commit(m, &c, "batch");
}

bool tui_model_bias(tui_model *m, int dir)
{
	iv_config c = m->cfg;
	/* rounding keeps 0.1 + 0.2 from showing as 0.30000000000000004 */
	c.bias = round((c.bias + dir * TUI_BIAS_STEP) * 1e9) / 1e9;
	if (fabs(c.bias) > TUI_BIAS_MAX && fabs(c.bias) > fabs(m->cfg.bias)) {
		snprintf(m->msg, sizeof m->msg, "bias stays %g (limit)",
			 m->cfg.bias);
		return false;
	}
	return commit(m, &c, "bias");
}

bool tui_model_seed(tui_model *m, int dir)
{
	iv_config c = m->cfg;
	if (dir < 0 && c.seed == 0) {
		snprintf(m->msg, sizeof m->msg, "seed stays 0 (limit)");
		return false;
	}
	c.seed = dir > 0 ? c.seed + 1 : c.seed - 1;
	return commit(m, &c, "seed");
}

bool tui_model_reset(tui_model *m)
{
	return commit(m, &m->start, "reset");
}
