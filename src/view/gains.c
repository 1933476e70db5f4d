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
/* The bisection's relative width for q' = A q (linear, relu, leaky relu
 * without biases): below the engine's 1e-12 for a neutral map, so that
 * the critical sigma_w^2 (A = 1) is found neutral, as PyTorch's gain there
 * is, and not a hair above it, where q diverges. */
#define REL_TOL_HOMOGENEOUS 1e-13
/* A q* this small against the q it starts from, at the critical gain,
 * is the solver's floor: see critical_row0 */
#define Q_SNAP 1e-9

/* A layer's map m0 at sigma_w^2 = sw2, solved from the q a first layer
 * with inputs of second moment e2 has (e2 < 0: from q = 1). */
static void solve_at(iv_theory *th, const iv_theory_map *m0, double e2,
		     double sw2, iv_criticality *c)
{
	iv_theory_map m = *m0;
	m.sigma_w2 = sw2;
	iv_theory_fixed_point(th, &m,
			      e2 < 0 ? 1.0
				     : sw2 * e2 + m.bias * m.bias + m.bias_var,
			      c);
}

/* Whether chi1 has reached 1 (or the variance diverges) at sw2. */
static bool above(iv_theory *th, const iv_theory_map *m0, double e2,
		  double sw2, iv_criticality *c)
{
	solve_at(th, m0, e2, sw2, c);
	return tui_phase_chi(c) >= 1.0;
}

/* tui_gains_critical_sw2 for the map m0 (its sigma_w2 aside). */
static double critical_scan(iv_theory *th, const iv_theory_map *m0, double e2,
			    bool *jump)
{
	iv_criticality clo, chi;
	double lo = SCAN_LO, hi = NAN;
	if (jump)
		*jump = false;
	if (above(th, m0, e2, lo, &chi))
		return NAN; /* already at the bottom: no crossing found */
	/* coarse scan up, then bisect in log space */
	for (int i = 1; i <= 7 * SCAN_STEPS; i++) {
		double x = SCAN_LO * pow(10.0, (double)i / SCAN_STEPS);
		if (above(th, m0, e2, x, &chi)) {
			hi = x;
			break;
		}
		lo = x;
	}
	if (isnan(hi))
		return NAN;
	bool homogeneous = (m0->act == IV_ACT_LINEAR || m0->act == IV_ACT_RELU ||
			    m0->act == IV_ACT_LEAKY_RELU) &&
			   m0->bias == 0 && m0->bias_var == 0;
	double tol = homogeneous ? REL_TOL_HOMOGENEOUS : REL_TOL;
	while (hi / lo - 1 > tol) {
		double mid = sqrt(lo * hi);
		if (above(th, m0, e2, mid, &chi))
			hi = mid;
		else
			lo = mid;
	}
	solve_at(th, m0, e2, lo, &clo);
	solve_at(th, m0, e2, hi, &chi);
	if (jump)
		*jump =
		    !(fabs(clo.chi1 - 1) <= TUI_CRIT_TOL) ||
		    (isfinite(chi.chi1) && fabs(chi.chi1 - 1) > TUI_CRIT_TOL);
	return hi;
}

double tui_gains_critical_sw2(iv_theory *th, iv_act_kind k, double slope,
			      double sb2, bool *jump)
{
	iv_theory_map m = {
	    .act = k, .slope = slope, .bias = 0.0, .bias_var = sb2};
	return critical_scan(th, &m, -1.0, jump);
}

/* A row without a gain: every number unknown. */
static void none_row(double sb2, tui_gain_row *r)
{
	r->gain = NAN;
	r->jump = false;
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
				.gain_for_unit_q = NAN,
				.log10_sigma_w2 = NAN,
				.log10_chi1 = NAN};
}

/* A row for sigma_w = gain with cfg's own biases (their mean and their
 * std: a mean bias and bias noise of the same sigma_b^2 are different
 * maps unless phi is even), as the report's criticality has them. */
static void config_row(iv_theory *th, const iv_config *cfg, double gain,
		       tui_gain_row *r)
{
	iv_config u = *cfg;
	if (isnan(gain)) {
		none_row(iv_theory_sigma_b2(cfg), r);
		return;
	}
	u.init = IV_INIT_LECUN_NORMAL; /* sigma_w = gain, whatever the widths */
	u.mode = IV_MODE_FAN_IN;
	u.gain = gain;
	r->gain = gain;
	r->jump = false;
	iv_theory_criticality_config(th, &u, &r->c);
}

/* The critical row at sigma_b = 0 for cfg's activation, from the q_1 =
 * sigma_w^2 E[x^2] of cfg's inputs, as the network and the other rows
 * start: where chi1 jumps over 1 (gelu: q* = 0 below the edge, q diverging
 * above) the edge is where q_1 meets the map's unstable fixed point, which
 * depends on where q starts (gelu: sigma_w 1.468 from q_1 = sigma_w^2,
 * 1.534 from q = 1). */
static void critical_row0(iv_theory *th, const iv_config *cfg,
			  tui_gain_row *r)
{
	bool jump;
	iv_config u = *cfg;
	u.bias = 0.0;
	u.bias_std = 0.0;
	iv_theory_map m = {.act = cfg->act, .slope = cfg->slope};
	double e2 = iv_theory_input_e2(cfg);
	config_row(th, &u, sqrt(critical_scan(th, &m, e2, &jump)), r);
	r->jump = jump;
	/* Where q* grows from 0 continuously past the critical point (selu:
	 * q* ~ (sigma_w - sigma_c)^2), the fixed point found there is the
	 * solver's floor, not a value: 7.39e-15 at the bisection's end and
	 * 7.10e-15 a hair below it, where q* is 0. At the critical point
	 * itself q* is 0. */
	if (!jump && r->c.kind == IV_FIXED_STABLE && r->c.q_star > 0 &&
	    r->c.q_star < Q_SNAP * r->c.q_start)
		r->c.q_star = 0;
}

/* The critical row at cfg's own biases, from cfg's q_1. */
static void critical_config_row(iv_theory *th, const iv_config *cfg,
				tui_gain_row *r)
{
	bool jump;
	iv_theory_map m;
	iv_theory_map_of(cfg, 1, &m);
	double e2 = iv_theory_input_e2(cfg);
	config_row(th, cfg, sqrt(critical_scan(th, &m, e2, &jump)), r);
	r->jump = jump;
}

bool tui_gains_fresh0(const tui_theory *t, const iv_config *cfg)
{
	const tui_gains *g = &t->gains;
	return !t->th ||
	       (g->valid0 && g->act == cfg->act && g->slope == cfg->slope &&
		g->input0 == cfg->input);
}

bool tui_gains_fresh(const tui_theory *t, const iv_config *cfg)
{
	const tui_gains *g = &t->gains;
	return !t->th ||
	       (tui_gains_fresh0(t, cfg) && g->valid &&
		g->sb2 == iv_theory_sigma_b2(cfg) &&
		g->bias == iv_config_bias_mean(cfg, 1) && g->input == cfg->input);
}

bool tui_gains_update0(tui_theory *t, const iv_config *cfg)
{
	tui_gains *g = &t->gains;
	if (tui_gains_fresh0(t, cfg))
		return false;
	g->valid = false; /* the other rows were for another activation */
	g->act = cfg->act;
	g->slope = cfg->slope;
	g->input0 = cfg->input;
	critical_row0(t->th, cfg, &g->crit0);
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
	g->bias = iv_config_bias_mean(cfg, 1);
	g->input = cfg->input;
	double torch = iv_act_torch_gain(g->act, g->slope);
	g->torch_defined = !isnan(torch);
	config_row(t->th, cfg, g->torch_defined ? torch : 1.0, &g->torch);
	config_row(t->th, cfg, g->torch.c.sigma_w_for_unit_q, &g->unit);
	if (sb2 > 0)
		critical_config_row(t->th, cfg, &g->critb);
	else
		g->critb = g->crit0;
	g->valid = true;
	return true;
}
