/* SPDX-License-Identifier: MIT */
/* Mean-field predictions per layer, and the criticality of a
 * configuration with its gain for q* = 1. */
#include <math.h>
#include <stdlib.h>
#include <gsl/gsl_errno.h>
#include <initviz/act.h>
#include "theory_impl.h"

#define WS_LIMIT 1000 /* intervals of an adaptive workspace */

iv_theory *iv_theory_alloc(void)
{
	iv_theory *th = calloc(1, sizeof *th);
	gsl_integration_fixed_workspace *ws;
	if (!th)
		return NULL;
	gsl_set_error_handler_off(); /* GSL's default handler aborts */
	/* weight exp(-x^2): E_z[f(z)] = sum w_i f(sqrt2 x_i) / sqrt(pi) */
	ws = gsl_integration_fixed_alloc(gsl_integration_fixed_hermite,
	                                 IV_GH_NODES, 0.0, 1.0, 0.0, 0.0);
	if (!ws) {
		free(th);
		return NULL;
	}
	const double *x = gsl_integration_fixed_nodes(ws);
	const double *w = gsl_integration_fixed_weights(ws);
	for (size_t i = 0; i < IV_GH_NODES; i++) {
		th->x[i] = M_SQRT2 * x[i];
		th->w[i] = w[i] / sqrt(M_PI);
	}
	gsl_integration_fixed_free(ws);
	th->ws = gsl_integration_workspace_alloc(WS_LIMIT);
	th->ws_in = gsl_integration_workspace_alloc(WS_LIMIT);
	if (!th->ws || !th->ws_in) {
		iv_theory_free(th);
		return NULL;
	}
	return th;
}

void iv_theory_free(iv_theory *th)
{
	if (!th)
		return;
	if (th->ws)
		gsl_integration_workspace_free(th->ws);
	if (th->ws_in)
		gsl_integration_workspace_free(th->ws_in);
	free(th);
}

bool iv_theory_applies(iv_init_kind k)
{
	switch (k) {
	case IV_INIT_ZEROS:
	case IV_INIT_ONES:
	case IV_INIT_CONSTANT:
	case IV_INIT_IDENTITY: return false;
	default: return (unsigned)k < IV_INIT_COUNT;
	}
}

double iv_theory_expect(iv_theory *th, double (*f)(double, void *),
                        void *arg)
{
	double s = 0;
	for (size_t i = 0; i < IV_GH_NODES; i++)
		s += th->w[i] * f(th->x[i], arg);
	return s;
}

double iv_theory_mean_phi(iv_theory *th, iv_act_kind k, double slope,
                          double q)
{
	return iv_gauss_moment(th, k, slope, 0.0, q, IV_MOM_PHI);
}

double iv_theory_phi2(iv_theory *th, iv_act_kind k, double slope, double q)
{
	return iv_gauss_moment(th, k, slope, 0.0, q, IV_MOM_PHI2);
}

double iv_theory_dphi2(iv_theory *th, iv_act_kind k, double slope, double q)
{
	return iv_gauss_moment(th, k, slope, 0.0, q, IV_MOM_DPHI2);
}

double iv_theory_sigma_w2(const iv_config *cfg, size_t l)
{
	double s = iv_config_weight_std(cfg, l);
	return (double)iv_config_units(cfg, l - 1) * s * s;
}

double iv_theory_sigma_b2(const iv_config *cfg)
{
	return cfg->bias * cfg->bias + cfg->bias_std * cfg->bias_std;
}

void iv_theory_map_of(const iv_config *cfg, size_t l, iv_theory_map *m)
{
	*m = (iv_theory_map){ .act = cfg->act,
		              .slope = cfg->slope,
		              .sigma_w2 = iv_theory_sigma_w2(cfg, l),
		              .bias = cfg->bias,
		              .bias_var = cfg->bias_std * cfg->bias_std };
}

static double input_second_moment(const iv_config *cfg)
{
	return cfg->input == IV_INPUT_POSITIVE ? 1.0 / 3.0 : 1.0;
}

double iv_theory_q1(const iv_config *cfg)
{
	return iv_theory_sigma_w2(cfg, 1) * input_second_moment(cfg) +
	       iv_theory_sigma_b2(cfg);
}

/* Clamp rounding below 0 to 0, keeping NaN as NaN (fmax would make it 0). */
static double nonneg(double x)
{
	return x < 0 ? 0 : x;
}

iv_status iv_theory_layers(iv_theory *th, const iv_config *cfg,
                           iv_theory_layer *out)
{
	double b = cfg->bias, s2 = cfg->bias_std * cfg->bias_std;
	double e2 = input_second_moment(cfg);
	iv_act_kind k = cfg->act;
	double a = cfg->slope;
	if (iv_config_validate(cfg) != IV_OK)
		return IV_EINVAL;
	/* forward: z_l ~ N(b, v_l), v_l = sigma_w^2 E[h_{l-1}^2] + s^2 */
	for (size_t l = 1; l <= cfg->depth; l++) {
		iv_theory_layer *t = &out[l - 1];
		double v = iv_theory_sigma_w2(cfg, l) * e2 + s2;
		double m = iv_gauss_moment(th, k, a, b, v, IV_MOM_PHI);
		double p2 = iv_gauss_moment(th, k, a, b, v, IV_MOM_PHI2);
		t->q = v + b * b;
		t->preactivation_std = sqrt(v);
		/* an infinite second moment is an infinite variance (the mean
		 * grows only like its square root), not Inf - Inf */
		t->activation_std = isinf(p2) ? p2 : sqrt(nonneg(p2 - m * m));
		e2 = p2;
	}
	/* backward: E[g_{l-1}^2] = n_l Var(W_l) E[phi'(z_l)^2] E[g_l^2] */
	double g2 = 1.0;
	for (size_t l = cfg->depth; l >= 1; l--) {
		iv_theory_layer *t = &out[l - 1];
		double v = t->preactivation_std * t->preactivation_std;
		double d2 = iv_gauss_moment(th, k, a, b, v, IV_MOM_DPHI2);
		double s = iv_config_weight_std(cfg, l);
		t->grad_activation_std = sqrt(g2);
		t->grad_preactivation_std = sqrt(g2 * d2);
		g2 *= (double)iv_config_units(cfg, l) * s * s * d2;
	}
	return IV_OK;
}

/* The sigma_w that makes q = 1 a fixed point, kept only when it is the
 * stable one the iterates reach from sigma_w^2 e2 + sigma_b^2 (e2 >= 0:
 * the input's second moment) or from q = 1 (e2 < 0). */
static double unit_sigma_w(iv_theory *th, const iv_theory_map *m, double e2)
{
	double sb2 = m->bias * m->bias + m->bias_var;
	double p2 = iv_gauss_moment(th, m->act, m->slope, m->bias,
	                            1.0 - m->bias * m->bias, IV_MOM_PHI2);
	if (!(sb2 < 1.0) || !(p2 > 0) || !isfinite(p2))
		return NAN;
	iv_theory_map u = *m;
	iv_criticality c;
	u.sigma_w2 = (1.0 - sb2) / p2;
	iv_theory_fixed_point(th, &u, e2 < 0 ? 1.0 : u.sigma_w2 * e2 + sb2,
	                      &c);
	if (c.kind != IV_FIXED_STABLE || !(fabs(c.q_star - 1.0) <= 1e-6))
		return NAN;
	return sqrt(u.sigma_w2);
}

void iv_theory_length_solve(iv_theory *th, iv_act_kind k, double slope,
                            double sw2, double sb2, iv_criticality *out)
{
	iv_theory_map m = { .act = k, .slope = slope, .sigma_w2 = sw2,
		            .bias = 0.0, .bias_var = sb2 };
	iv_theory_fixed_point(th, &m, 1.0, out);
}

void iv_theory_criticality(iv_theory *th, iv_act_kind k, double slope,
                           double sw2, double sb2, iv_criticality *out)
{
	iv_theory_map m = { .act = k, .slope = slope, .sigma_w2 = sw2,
		            .bias = 0.0, .bias_var = sb2 };
	iv_theory_fixed_point(th, &m, 1.0, out);
	iv_theory_correlation(th, &m, out);
	out->sigma_w_for_unit_q = unit_sigma_w(th, &m, -1.0);
}

void iv_theory_criticality_config(iv_theory *th, const iv_config *cfg,
                                  iv_criticality *out)
{
	iv_theory_map m;
	iv_theory_map_of(cfg, 1, &m);
	iv_theory_fixed_point(th, &m, iv_theory_q1(cfg), out);
	iv_theory_correlation(th, &m, out);
	out->sigma_w_for_unit_q =
		unit_sigma_w(th, &m, input_second_moment(cfg));
	if (iv_init_uses_gain(cfg->init) && iv_theory_applies(cfg->init)) {
		/* every scaled scheme's sigma_w is proportional to its gain */
		iv_config one = *cfg;
		one.gain = 1.0;
		out->gain_for_unit_q = out->sigma_w_for_unit_q /
		                       sqrt(iv_theory_sigma_w2(&one, 1));
	}
}
