/* SPDX-License-Identifier: MIT */
/* Normalization, residual blocks and their scale, as the view's keys
 * change them. */
#include <math.h>
#include <stdio.h>
#include "view/arch.h"

double tui_alpha_value(tui_alpha a, size_t depth)
{
	double L = (double)depth;
	switch (a) {
	case TUI_ALPHA_ONE: return 1.0;
	case TUI_ALPHA_RSQRT_L: return 1.0 / sqrt(L);
	case TUI_ALPHA_RSQRT_2L: return 1.0 / sqrt(2.0 * L);
	case TUI_ALPHA_ZERO: return 0.0;
	default: return NAN;
	}
}

/* alpha of depth, or a rule's value: the same but for rounding. At
 * depth 1 and 2 two rules give one value; the first in the cycle wins. */
static tui_alpha rule_of(double alpha, size_t depth)
{
	for (int a = 0; a < TUI_ALPHA_COUNT; a++) {
		double v = tui_alpha_value((tui_alpha)a, depth);
		if (fabs(alpha - v) <= 1e-12 * fmax(1.0, v))
			return (tui_alpha)a;
	}
	return TUI_ALPHA_OTHER;
}

tui_alpha tui_alpha_of(const iv_config *c)
{
	return rule_of(iv_config_res_scale(c), c->depth);
}

const char *tui_alpha_name(tui_alpha a, const tui_glyphs *g, char *buf,
			   size_t size)
{
	const char *r = g->sqrt;
	switch (a) {
	case TUI_ALPHA_ONE: snprintf(buf, size, "1"); break;
	case TUI_ALPHA_RSQRT_L:
		snprintf(buf, size, g->utf8 ? "1/%sL" : "1/%s(L)", r);
		break;
	case TUI_ALPHA_RSQRT_2L: snprintf(buf, size, "1/%s(2L)", r); break;
	case TUI_ALPHA_ZERO: snprintf(buf, size, "0"); break;
	default: return NULL;
	}
	return buf;
}

bool tui_model_cycle_norm(tui_model *m)
{
	iv_config c = m->cfg;
	c.norm = (iv_norm_kind)(((int)c.norm + 1) % IV_NORM_COUNT);
	if (!tui_model_commit(m, &c, "norm"))
		return false;
	if (c.norm == IV_NORM_BATCH && !c.residual && c.depth > 1)
		snprintf(m->msg, sizeof m->msg,
			 "batch norm: the gradients still grow going down: "
			 "expected, not a bug (Yang et al. 2019)");
	return true;
}

bool tui_model_residual(tui_model *m)
{
	iv_config c = m->cfg;
	c.residual = !c.residual;
	return tui_model_commit(m, &c, "residual");
}

bool tui_model_cycle_alpha(tui_model *m, int dir)
{
	iv_config c = m->cfg;
	tui_alpha a = tui_alpha_of(&c);
	/* from a value no rule gives, forward starts the cycle at 1 */
	int next = a == TUI_ALPHA_OTHER
		       ? (dir > 0 ? TUI_ALPHA_ONE : TUI_ALPHA_ZERO)
		       : (((int)a + dir) % TUI_ALPHA_COUNT + TUI_ALPHA_COUNT) %
			     TUI_ALPHA_COUNT;
	c.res_scale = tui_alpha_value((tui_alpha)next, c.depth);
	if (!tui_model_commit(m, &c, "residual scale"))
		return false;
	if (!c.residual)
		snprintf(m->msg, sizeof m->msg,
			 "the residual scale acts on residual blocks: u "
			 "turns them on");
	return true;
}

void tui_alpha_follow_depth(const iv_config *old, iv_config *c)
{
	if (c->depth == old->depth || isnan(old->res_scale) ||
	    c->res_scale != old->res_scale)
		return;
	tui_alpha a = rule_of(old->res_scale, old->depth);
	if (a == TUI_ALPHA_RSQRT_L || a == TUI_ALPHA_RSQRT_2L)
		c->res_scale = tui_alpha_value(a, c->depth);
}
