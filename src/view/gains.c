/* SPDX-License-Identifier: MIT */
/* The gain calculator: PyTorch's calculate_gain, the gain for q* = 1 and
 * the critical gain where chi1 reaches 1, each with the criticality it
 * gives. */
#include <math.h>
#include "view/gains.h"
#include "view/theory.h"

#define SCAN_LO    1e-3 /* sigma_w^2 searched for the critical point */
#define SCAN_HI    1e4
#define SCAN_STEPS 2 /* points per decade of the coarse scan */
#define REL_TOL    1e-10

/* Whether chi1 has reached 1 (or the variance diverges) at sw2. */
static bool above(iv_theory *th, iv_act_kind k, double slope, double sw2,
		  double sb2, iv_criticality *c)
{
	iv_theory_length_solve(th, k, slope, sw2, sb2, c);
	return tui_phase_chi(c) >= 1.0;
}

double tui_gains_critical_sw2(iv_theory *th, iv_act_kind k, double slope,
			      double sb2, bool *jump)
{
	iv_criticality clo, chi;
	double lo = SCAN_LO, hi = NAN;
	if (jump)
		*jump = false;
	if (above(th, k, slope, lo, sb2, &chi))
		return NAN; /* already at the bottom: no crossing found */
	/* coarse scan up, then bisect in log space */
	for (int i = 1; i <= 7 * SCAN_STEPS; i++) {
		double x = SCAN_LO * pow(10.0, (double)i / SCAN_STEPS);
		if (above(th, k, slope, x, sb2, &chi)) {
			hi = x;
			break;
		}
		lo = x;
	}
	if (isnan(hi))
		return NAN;
	while (hi / lo - 1 > REL_TOL) {
		double mid = sqrt(lo * hi);
		if (above(th, k, slope, mid, sb2, &chi))
			hi = mid;
		else
			lo = mid;
	}
	iv_theory_length_solve(th, k, slope, lo, sb2, &clo);
	iv_theory_length_solve(th, k, slope, hi, sb2, &chi);
	if (jump)
		*jump =
		    !(fabs(clo.chi1 - 1) <= TUI_CRIT_TOL) ||
		    (isfinite(chi.chi1) && fabs(chi.chi1 - 1) > TUI_CRIT_TOL);
	return hi;
}

static void row(iv_theory *th, const tui_gains *g, double gain, double sb2,
		tui_gain_row *r)
{
	r->gain = gain;
	r->jump = false;
	if (isnan(gain)) { /* none: every number unknown */
		r->c = (iv_criticality){.sigma_w2 = NAN,
					.sigma_b2 = sb2,
					.q_start = NAN,
					.q_star = NAN,
					.chi1 = NAN,
					.depth_scale = NAN,
					.c_star = NAN,
					.chi_c = NAN,
					.depth_scale_correlation = NAN,
					.sigma_w_for_unit_q = NAN,
					.gain_for_unit_q = NAN};
		return;
	}
	iv_theory_criticality(th, g->act, g->slope, gain * gain, sb2, &r->c);
}

/* A row for sigma_w = gain with cfg's own biases, where sigma_b^2 is past
 * a double's range and only the configuration's mean and std of the
 * biases still say what the map does (the engine's huge-bias solver). */
static void config_row(iv_theory *th, const iv_config *cfg, double gain,
		       tui_gain_row *r)
{
	iv_config u = *cfg;
	u.init = IV_INIT_LECUN_NORMAL; /* sigma_w = gain, whatever the widths */
	u.mode = IV_MODE_FAN_IN;
	u.gain = gain;
	r->gain = gain;
	r->jump = false;
	iv_theory_criticality_config(th, &u, &r->c);
}

static void critical_row(iv_theory *th, const tui_gains *g, double sb2,
			 tui_gain_row *r)
{
	bool jump;
	double sw2 = tui_gains_critical_sw2(th, g->act, g->slope, sb2, &jump);
	row(th, g, sqrt(sw2), sb2, r);
	r->jump = jump;
}

bool tui_gains_fresh0(const tui_theory *t, const iv_config *cfg)
{
	const tui_gains *g = &t->gains;
	return !t->th ||
	       (g->valid0 && g->act == cfg->act && g->slope == cfg->slope);
}

bool tui_gains_fresh(const tui_theory *t, const iv_config *cfg)
{
	return !t->th || (tui_gains_fresh0(t, cfg) && t->gains.valid &&
			  t->gains.sb2 == iv_theory_sigma_b2(cfg));
}

bool tui_gains_update0(tui_theory *t, const iv_config *cfg)
{
	tui_gains *g = &t->gains;
	if (tui_gains_fresh0(t, cfg))
		return false;
	g->valid = false; /* the other rows were for another activation */
	g->act = cfg->act;
	g->slope = cfg->slope;
	critical_row(t->th, g, 0.0, &g->crit0);
	g->valid0 = true;
	return true;
}

bool tui_gains_update(tui_theory *t, const iv_config *cfg)
{
	tui_gains *g = &t->gains;
	double sb2 = iv_theory_sigma_b2(cfg);
	if (tui_gains_fresh(t, cfg))
		return false;
	tui_gains_update0(t, cfg);
	g->sb2 = sb2;
	double torch = iv_act_torch_gain(g->act, g->slope);
	g->torch_defined = !isnan(torch);
	if (isfinite(sb2))
		row(t->th, g, g->torch_defined ? torch : 1.0, sb2, &g->torch);
	else
		config_row(t->th, cfg, g->torch_defined ? torch : 1.0,
			   &g->torch);
	row(t->th, g, g->torch.c.sigma_w_for_unit_q, sb2, &g->unit);
	if (sb2 > 0)
		critical_row(t->th, g, sb2, &g->critb);
	else
		g->critb = g->crit0;
	g->valid = true;
	return true;
}
