/* SPDX-License-Identifier: MIT */
/* From theory coordinates to settings: sigma_w^2 through the scheme's std
 * or gain, sigma_b^2 through the bias std. */
#include <math.h>
#include <stdio.h>
#include "view/sigma.h"
#include "view/theory.h"

/* The knob of cfg's scheme that scales the weights' std, NULL if none. */
static double *scale_knob(iv_config *c)
{
	switch (tui_model_knob_of(c->init)) {
	case TUI_KNOB_STD: return &c->std;
	case TUI_KNOB_GAIN: return &c->gain;
	default: return NULL;
	}
}

double tui_sigma_knob_for_w2(const iv_config *cfg, double sw2)
{
	iv_config c = *cfg;
	double *p = scale_knob(&c);
	if (!p || !tui_theory_applies(c.init) || !(sw2 >= 0) || !isfinite(sw2))
		return NAN;
	double sign = *p < 0 ? -1.0 : 1.0;
	*p = 1.0; /* the std is proportional to the knob in every scheme */
	double unit = iv_theory_sigma_w2(&c, 1);
	if (!(unit > 0) || !isfinite(unit))
		return NAN;
	return sign * sqrt(sw2 / unit);
}

bool tui_sigma_set_w2(tui_model *m, double sw2)
{
	iv_config c = m->cfg;
	double v = tui_sigma_knob_for_w2(&c, sw2), *p = scale_knob(&c);
	if (isnan(v) || !p) {
		snprintf(m->msg, sizeof m->msg,
			 "%s weights are not random: choose another scheme (i) "
			 "to set sigma_w^2",
			 iv_init_name(c.init));
		return false;
	}
	if (v == *p)
		return false;
	*p = v;
	return tui_model_commit(m, &c,
				tui_model_knob_name(tui_model_knob_of(c.init)));
}

bool tui_sigma_set_b2(tui_model *m, double sb2)
{
	iv_config c = m->cfg;
	double b2 = c.bias * c.bias;
	if (!(sb2 >= 0) || !isfinite(sb2))
		return false;
	if (sb2 < b2 - 1e-12) {
		snprintf(m->msg, sizeof m->msg,
			 "the constant bias %g alone gives sigma_b^2 = %g: "
			 "change it with o and O",
			 c.bias, b2);
		return false;
	}
	c.bias_std = sb2 > b2 ? sqrt(sb2 - b2) : 0.0;
	if (c.bias_std == m->cfg.bias_std)
		return false;
	return tui_model_commit(m, &c, "bias std");
}
