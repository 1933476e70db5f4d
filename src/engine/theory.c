/* SPDX-License-Identifier: MIT */
/* Mean-field predictions per layer, and the criticality of a
 * configuration with its gain for q* = 1. */
#include <float.h>
#include <math.h>
#include <stdint.h>
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
	ws = gsl_integration_fixed_alloc(gsl_integration_fixed_legendre,
					 IV_GL_NODES, -1.0, 1.0, 0.0, 0.0);
	if (!ws) {
		free(th);
		return NULL;
	}
	for (size_t i = 0; i < IV_GL_NODES; i++) {
		th->gx[i] = gsl_integration_fixed_nodes(ws)[i];
		th->gw[i] = gsl_integration_fixed_weights(ws)[i];
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

double iv_theory_expect(iv_theory *th, double (*f)(double, void *), void *arg)
{
	double s = 0;
	for (size_t i = 0; i < IV_GH_NODES; i++)
		s += th->w[i] * f(th->x[i], arg);
	return s;
}

double iv_theory_mean_phi(iv_theory *th, iv_act_kind k, double slope, double q)
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
	double b = iv_config_bias_mean(cfg, 1);
	return b * b + iv_config_bias_var(cfg, 1);
}

void iv_theory_map_of(const iv_config *cfg, size_t l, iv_theory_map *m)
{
	*m = (iv_theory_map){.act = cfg->act,
			     .slope = cfg->slope,
			     .sigma_w2 = iv_theory_sigma_w2(cfg, l),
			     .bias = iv_config_bias_mean(cfg, l),
			     .bias_var = iv_config_bias_var(cfg, l)};
}

double iv_theory_input_e2(const iv_config *cfg)
{
	return cfg->input == IV_INPUT_POSITIVE ? 1.0 / 3.0 : 1.0;
}

double iv_theory_q1(const iv_config *cfg)
{
	return iv_theory_sigma_w2(cfg, 1) * iv_theory_input_e2(cfg) +
	       iv_theory_sigma_b2(cfg);
}

/* Clamp rounding below 0 to 0, keeping NaN as NaN (fmax would make it 0). */
static double nonneg(double x)
{
	return x < 0 ? 0 : x;
}

/* A matrix's moments (theory.h): mean, second moment, channel means'
 * average square. */
typedef struct {
	double m, S, M;
} moments;

static moments input_moments(const iv_config *cfg)
{
	if (cfg->input == IV_INPUT_POSITIVE) /* U(0,1) */
		return (moments){0.5, 1.0 / 3.0, 0.25};
	return (moments){0.0, 1.0, 0.0};
}

/* z = W x + b for layer l. */
static moments linear(const iv_config *cfg, size_t l, moments x)
{
	double sw2 = iv_theory_sigma_w2(cfg, l),
	       b = iv_config_bias_mean(cfg, l);
	double sb2 = b * b + iv_config_bias_var(cfg, l);
	return (moments){b, sw2 * x.S + sb2, sw2 * x.M + sb2};
}

/* The std of layer l's z = W x + b over units and samples, sqrt(sigma_w^2
 * E[x^2] + s^2): the same as sqrt(E[z^2] - b^2), without the cancellation
 * that makes that NaN once b^2 overflows. */
static double linear_std(const iv_config *cfg, size_t l, moments x)
{
	return sqrt(iv_theory_sigma_w2(cfg, l) * x.S + iv_config_bias_var(cfg, l));
}

/* Whether phi(-u) = -phi(u): tanh and linear. */
static bool odd(iv_act_kind k)
{
	return k == IV_ACT_TANH || k == IV_ACT_LINEAR;
}

/* The half-width a of layer l's bias where it is U(-a, a) (torch-linear),
 * 0 where it is Gaussian or constant. A Gaussian of its variance would do
 * where the weights' part of z dominates, but with relu at a third of
 * He's variance the signal dies out and the bias is most of z: the
 * Gaussian's E[relu(z)] put every deep layer's activation std 3% high. */
static double bias_halfwidth(const iv_config *cfg, size_t l)
{
	if (cfg->init != IV_INIT_TORCH_LINEAR || cfg->norm != IV_NORM_NONE)
		return 0.0;
	return sqrt(3 * iv_config_bias_var(cfg, l));
}

/* The parts of u = z's variance v (mean square M) with a uniform bias of
 * half-width ub: the units' other means vm, the spread over the batch w. */
static void ubias_parts(moments x, double ub, double *vm, double *w)
{
	double v = nonneg(x.S - x.m * x.m), vb = ub * ub / 3;
	*vm = nonneg(x.M - x.m * x.m - vb);
	*w = nonneg(v - vb - *vm);
}

/* phi(x) entry by entry; group > 0: x is a norm's output over groups of
 * that many entries (iv_group_moment), ub > 0: x is a Gaussian plus each
 * unit's bias from U(-ub, ub), else Gaussian. */
static moments activate(iv_theory *th, const iv_config *cfg, moments x,
			size_t group, double ub)
{
	iv_act_kind k = cfg->act;
	double a = cfg->slope, v = nonneg(x.S - x.m * x.m);
	double r = v > 0 ? nonneg(x.M - x.m * x.m) / v : 0;
	if (r < 1e-9) /* means that differ by rounding alone: one integral */
		r = 0;
	moments h;
	if (ub > 0 && !group) {
		double vm, w;
		ubias_parts(x, ub, &vm, &w);
		h.m = iv_ubias_moment(th, k, a, x.m, ub, vm, w, IV_MOM_PHI,
				      false);
		h.S = iv_ubias_moment(th, k, a, x.m, ub, vm, w, IV_MOM_PHI2,
				      false);
		h.M =
		    iv_ubias_moment(th, k, a, x.m, ub, vm, w, IV_MOM_PHI, true);
	} else {
		h.m = iv_gauss_moment(th, k, a, x.m, v, IV_MOM_PHI);
		h.S = iv_gauss_moment(th, k, a, x.m, v, IV_MOM_PHI2);
		h.M = iv_gauss_pair(th, k, a, x.m, v, r > 1 ? 1 : r, false);
	}
	/* an odd phi of zero-mean u has mean 0, and a unit's mean over
	 * independent inputs (r = 0) squares to 0: exactly, not the pair
	 * integral's rounding (5e-31 for a default tanh network) */
	if (odd(k) && x.m == 0) {
		h.m = 0;
		if (r == 0)
			h.M = 0;
	}
	if (group) { /* the entry's own distribution in a finite group */
		h.m = odd(k) ? 0
			     : iv_group_moment(th, k, a, v, group, IV_MOM_PHI);
		h.S = iv_group_moment(th, k, a, v, group, IV_MOM_PHI2);
		if (cfg->norm == IV_NORM_BATCH) /* units' means: as r = 0 */
			h.M = h.m * h.m;
	}
	return h;
}

/* N(x) and the variance V of a group it divides by; *group the entries a
 * group holds (the batch, or a layer's units), 0 without a norm. */
static moments normalize(const iv_config *cfg, moments x, size_t units,
			 double *V, size_t *group)
{
	*group = cfg->norm == IV_NORM_BATCH   ? cfg->batch
		 : cfg->norm == IV_NORM_LAYER ? units
					      : 0;
	switch (cfg->norm) {
	case IV_NORM_BATCH:
		*V = nonneg(x.S - x.M);
		return (moments){0, *V / (*V + IV_NORM_EPS), 0};
	case IV_NORM_LAYER: {
		*V = nonneg(x.S - x.m * x.m);
		double d = *V + IV_NORM_EPS;
		return (moments){0, *V / d, nonneg(x.M - x.m * x.m) / d};
	}
	default: *V = NAN; return x;
	}
}

static double std_of(moments x)
{
	/* an infinite second moment is an infinite variance (the mean grows
	 * only like its square root), not Inf - Inf */
	return isinf(x.S) ? x.S : sqrt(nonneg(x.S - x.m * x.m));
}

/* E[phi'(u)^2] over u with moments x (in groups of group, with a uniform
 * bias of half-width ub, as activate). */
static double dphi2(iv_theory *th, const iv_config *cfg, moments x,
		    size_t group, double ub)
{
	double v = nonneg(x.S - x.m * x.m);
	if (ub > 0 && !group) {
		double vm, w;
		ubias_parts(x, ub, &vm, &w);
		return iv_ubias_moment(th, cfg->act, cfg->slope, x.m, ub, vm, w,
				       IV_MOM_DPHI2, false);
	}
	if (group)
		return iv_group_moment(th, cfg->act, cfg->slope, v, group,
				       IV_MOM_DPHI2);
	return iv_gauss_moment(th, cfg->act, cfg->slope, x.m, v, IV_MOM_DPHI2);
}

/* What the backward pass needs of a layer: the moments of what enters phi
 * and the variance its norm divides by (NAN: none). */
typedef struct {
	moments u;
	double V;
	size_t group; /* the norm's group, 0: none */
	double ub;    /* the half-width of a uniform bias in u, 0: none */
} layer_in;

static void set_out(iv_theory_layer *t, moments z, double z_std, moments h)
{
	t->q = z.S;
	t->preactivation_std = z_std;
	t->activation_std = std_of(h);
	t->channel_variance = h.S - h.M;
	t->channel_mean_sq = h.M;
}

static moments forward_layer(iv_theory *th, const iv_config *cfg, size_t l,
			     moments x, iv_theory_layer *t, layer_in *in)
{
	double alpha = iv_config_res_scale(cfg);
	switch (iv_config_layer_kind(cfg, l)) {
	case IV_LAYER_PROJECTION: {
		moments z = linear(cfg, l, x);
		double sd = linear_std(cfg, l, x);
		set_out(t, z, sd, z);
		t->activation_std = sd;
		return z;
	}
	case IV_LAYER_RESIDUAL: {
		in->u = normalize(cfg, x, iv_config_units(cfg, l - 1), &in->V,
				  &in->group);
		in->ub = 0; /* phi acts on the stream, before the bias */
		moments a = activate(th, cfg, in->u, in->group, 0);
		moments r = linear(cfg, l, a);
		double b = iv_config_bias_mean(cfg, l);
		double cross = 2 * alpha * b * x.m;
		moments h = {x.m + alpha * b, x.S + cross + alpha * alpha * r.S,
			     x.M + cross + alpha * alpha * r.M};
		set_out(t, r, linear_std(cfg, l, a), h);
		return h;
	}
	default: {
		moments z = linear(cfg, l, x);
		double sd = linear_std(cfg, l, x);
		in->u = normalize(cfg, z, iv_config_units(cfg, l), &in->V,
				  &in->group);
		in->ub = bias_halfwidth(cfg, l);
		moments h = activate(th, cfg, in->u, in->group, in->ub);
		set_out(t, z, sd, h);
		if (cfg->act == IV_ACT_LINEAR && cfg->norm == IV_NORM_NONE)
			t->activation_std = sd; /* h = z */
		return h;
	}
	}
}

/* k of batch norm's finite batch (iv_theory_layers): 1 without it. */
static double batch_k(const iv_config *cfg)
{
	double B = (double)cfg->batch;
	if (cfg->norm != IV_NORM_BATCH)
		return 1.0;
	return B <= 3 ? INFINITY : (B - 2) / (B - 3);
}

/* sqrt(gk / g), 1 where both are 0 or Inf alike (nothing to compare). */
static double growth(double gk, double g)
{
	double r = sqrt(gk / g);
	return isnan(r) ? 1.0 : r;
}

size_t iv_theory_grad_floor(const iv_theory_layer *t, size_t depth)
{
	size_t k = 1;
	while (k < depth && !(t[k - 1].batch_growth <= IV_THEORY_BATCH_GROWTH_MAX))
		k++;
	return k;
}

struct iv_theory_job {
	iv_theory *th;
	iv_config cfg;
	double k;   /* batch norm's finite batch: batch_k */
	iv_theory_layer *out;
	layer_in *in; /* every entry set by the forward recursion */
	moments x;    /* what enters layer `next` going forward */
	double g2;    /* E[g^2] above layer `next` going backward */
	double g2k;   /* the same with batch norm's finite batch */
	size_t next;  /* 1..L forward, then L+1..2L backward (layer 2L+1-k) */
};

iv_theory_job *iv_theory_job_start(iv_theory *th, const iv_config *cfg,
				   iv_theory_layer *out, iv_status *st)
{
	iv_theory_job *j;
	*st = IV_EINVAL;
	if (iv_config_validate(cfg) != IV_OK)
		return NULL;
	*st = IV_OK;
	if (!(j = calloc(1, sizeof *j)) ||
	    !(j->in = calloc(cfg->depth, sizeof *j->in))) {
		free(j);
		*st = IV_ENOMEM;
		return NULL;
	}
	*j = (iv_theory_job){th,
			     *cfg,
			     batch_k(cfg),
			     out,
			     j->in,
			     input_moments(cfg),
			     1.0,
			     1.0,
			     1};
	return j;
}

void iv_theory_job_free(iv_theory_job *j)
{
	if (!j)
		return;
	free(j->in);
	free(j);
}

/* Backward: E[g_{l-1}^2] from E[g_l^2], g_L ~ N(0, 1). */
static void backward_layer(iv_theory_job *j, size_t l)
{
	const iv_config *cfg = &j->cfg;
	iv_theory_layer *t = &j->out[l - 1];
	layer_in *u = &j->in[l - 1];
	double s = iv_config_weight_std(cfg, l), alpha = iv_config_res_scale(cfg);
	double nvar = (double)iv_config_units(cfg, l) * s * s;
	double through = isnan(u->V) ? 1.0 : 1.0 / (u->V + IV_NORM_EPS);
	/* a batch norm's crossing in the finite batch's recursion: times k,
	 * where 0 stays 0 (k may be Inf) */
	double k = isnan(u->V) ? 1.0 : j->k;
	double g2 = j->g2, g2k = j->g2k, d;
	t->grad_activation_std = sqrt(g2);
	t->batch_growth = growth(g2k, g2);
	double pre = t->batch_growth; /* of grad_preactivation_std */
	switch (iv_config_layer_kind(cfg, l)) {
	case IV_LAYER_PROJECTION:
		t->grad_preactivation_std = sqrt(g2);
		g2 *= nvar;
		g2k *= nvar;
		break;
	case IV_LAYER_RESIDUAL:
		t->grad_preactivation_std = alpha * sqrt(g2);
		d = alpha * alpha * nvar *
		    dphi2(j->th, cfg, u->u, u->group, u->ub) * through;
		g2 += g2 * d;
		g2k += g2k * d == 0 ? 0 : g2k * d * k;
		break;
	default: {
		d = dphi2(j->th, cfg, u->u, u->group, u->ub) * through;
		double dz2 = g2 * d, dz2k = g2k * d == 0 ? 0 : g2k * d * k;
		t->grad_preactivation_std = sqrt(dz2);
		pre = growth(dz2k, dz2);
		g2 = nvar * dz2;
		g2k = nvar * dz2k;
		break;
	}
	}
	/* what the infinite batch does not describe is absent */
	if (!(t->batch_growth <= IV_THEORY_BATCH_GROWTH_MAX))
		t->grad_activation_std = NAN;
	if (!(pre <= IV_THEORY_BATCH_GROWTH_MAX))
		t->grad_preactivation_std = NAN;
	j->g2 = g2;
	j->g2k = g2k;
}

iv_status iv_theory_job_run(iv_theory_job *j, size_t layers)
{
	size_t L = j->cfg.depth;
	for (size_t k = 0; k < layers && j->next <= 2 * L; k++, j->next++) {
		size_t l = j->next;
		if (l <= L)
			j->x = forward_layer(j->th, &j->cfg, l, j->x,
					     &j->out[l - 1], &j->in[l - 1]);
		else
			backward_layer(j, 2 * L + 1 - l);
	}
	return j->next > 2 * L ? IV_OK : IV_CONTINUE;
}

iv_status iv_theory_layers(iv_theory *th, const iv_config *cfg,
			   iv_theory_layer *out)
{
	iv_status st;
	iv_theory_job *j = iv_theory_job_start(th, cfg, out, &st);
	if (!j)
		return st;
	st = iv_theory_job_run(j, SIZE_MAX);
	iv_theory_job_free(j);
	return st;
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
	iv_theory_fixed_point(th, &u, e2 < 0 ? 1.0 : u.sigma_w2 * e2 + sb2, &c);
	if (c.kind != IV_FIXED_STABLE || !(fabs(c.q_star - 1.0) <= 1e-6))
		return NAN;
	return sqrt(u.sigma_w2);
}

void iv_theory_criticality(iv_theory *th, iv_act_kind k, double slope,
			   double sw2, double sb2, iv_criticality *out)
{
	iv_theory_map m = {.act = k,
			   .slope = slope,
			   .sigma_w2 = sw2,
			   .bias = 0.0,
			   .bias_var = sb2};
	iv_theory_fixed_point(th, &m, 1.0, out);
	iv_theory_correlation(th, &m, out);
	out->sigma_w_for_unit_q = unit_sigma_w(th, &m, -1.0);
}

/* Layer 1's fixed point and correlations when sigma_b^2 (sb^2 = b^2 + s^2)
 * passes a double's range. Divided by sigma_b^2 the map is that of phi's
 * straight-line limits p x+ + n x-, which phi follows to rounding at this
 * scale (its bends are some 1e154 stds narrow): the map of leaky relu with
 * slope n/p and sigma_w^2 p^2 (p = n = 0, tanh and sigmoid: sigma_w^2 0)
 * over q / sigma_b^2, exact for linear, relu and leaky relu. Its kind,
 * chi1, depth scales and c* are the network's; q* is sigma_b^2 times its
 * own, past the range too (+Inf). */
static void solve_scaled(iv_theory *th, const iv_theory_map *m, double s,
			 double e2, iv_criticality *out)
{
	double p, n, sb = hypot(m->bias, s);
	iv_act_limit_slopes(m->act, m->slope, &p, &n);
	iv_theory_map u = {.act = IV_ACT_LEAKY_RELU,
			   .slope = p > 0 ? n / p : 0.0,
			   .sigma_w2 = m->sigma_w2 * p * p,
			   .bias = m->bias / sb,
			   .bias_var = (s / sb) * (s / sb)};
	iv_theory_fixed_point(th, &u, 1.0 + (m->sigma_w2 * e2 / sb) / sb, out);
	iv_theory_correlation(th, &u, out);
	out->sigma_w2 = m->sigma_w2;
	out->sigma_b2 = INFINITY;
	out->bias = m->bias;
	out->q_start = INFINITY;
	out->q_star = out->kind == IV_FIXED_NEUTRAL ? NAN : INFINITY;
}

/* Layer 1's fixed point when sigma_w^2 itself passes a double's range (a
 * weight std over about 1e154 / sqrt(fan_in)). An unbounded phi (one with
 * a slope at large scale) makes q grow without bound, chi1 its large-q
 * limit, +Inf; a bounded one (tanh, sigmoid) keeps q* = sigma_w^2
 * E[phi^2] + sigma_b^2, past the range too, where chi1 and the depth
 * scales are not computed (NAN). */
static void solve_wide(iv_theory *th, const iv_theory_map *m, double q1,
		       iv_criticality *out)
{
	double p, n;
	iv_act_limit_slopes(m->act, m->slope, &p, &n);
	iv_theory_map u = *m;
	u.sigma_w2 = 1.0; /* the finite stand-in fixed_point sets up with */
	iv_theory_fixed_point(th, &u, 1.0, out);
	out->sigma_w2 = m->sigma_w2;
	out->q_start = q1;
	out->q_star = INFINITY;
	if (p == 0 && n == 0) {
		out->kind = IV_FIXED_STABLE;
		out->chi1 = out->depth_scale = NAN;
		return; /* the correlation fields stay NAN */
	}
	out->kind = IV_FIXED_DIVERGES;
	out->chi1 = INFINITY;
	out->depth_scale = 0.0; /* 1 / ln(+Inf) */
	iv_theory_correlation(th, m, out);
}

/* Layer 1's sigma_w^2 below a double's normal range (a weight std under
 * about 1e-154 / sqrt(fan_in)): fan_in s^2 rounds to 0 or to a few digits,
 * and chi1 = sigma_w^2 E[phi'^2] with it, so that the gradients' depth
 * scale 1/|ln chi1| came out 0 where it is 0.0013 layers (chi1 8e-340).
 * Both from logarithms, at the q* the iterates reach (sigma_b^2 and the
 * rounding's remainder, which moves E[phi'^2] by as little). */
static void tiny_weights(iv_theory *th, const iv_config *cfg,
			 const iv_theory_map *m, iv_criticality *out)
{
	double s = iv_config_weight_std(cfg, 1), fan = iv_config_units(cfg, 0);
	if (!(m->sigma_w2 < DBL_MIN) || !(s > 0) || !isfinite(s))
		return;
	out->log10_sigma_w2 = 2 * log10(s) + log10(fan);
	if (out->kind != IV_FIXED_STABLE)
		return;
	double v = out->q_star - m->bias * m->bias;
	double e = iv_gauss_moment(th, m->act, m->slope, m->bias,
				   v > 0 ? v : 0, IV_MOM_DPHI2);
	if (!(e > 0) || !isfinite(e))
		return; /* chi1 is 0 as it stands, or not known */
	out->log10_chi1 = out->log10_sigma_w2 + log10(e);
	out->depth_scale = 1 / (fabs(out->log10_chi1) * M_LN10);
}

void iv_theory_criticality_config(iv_theory *th, const iv_config *cfg,
				  iv_criticality *out)
{
	iv_theory_map m;
	iv_theory_map_of(cfg, 1, &m);
	/* the biases' std, finite where its square is not */
	double s = isfinite(m.bias_var) ? sqrt(m.bias_var) : fabs(cfg->bias_std);
	if (isinf(m.sigma_w2)) {
		solve_wide(th, &m, iv_theory_q1(cfg), out);
	} else if (!isfinite(iv_theory_q1(cfg)) &&
		   isfinite(hypot(m.bias, s))) {
		solve_scaled(th, &m, s, iv_theory_input_e2(cfg), out);
	} else {
		iv_theory_fixed_point(th, &m, iv_theory_q1(cfg), out);
		iv_theory_correlation(th, &m, out);
		tiny_weights(th, cfg, &m, out);
	}
	out->sigma_w_for_unit_q =
	    unit_sigma_w(th, &m, iv_theory_input_e2(cfg));
	if (iv_init_uses_gain(cfg->init) && iv_theory_applies(cfg->init)) {
		/* every scaled scheme's sigma_w is proportional to its gain */
		iv_config one = *cfg;
		one.gain = 1.0;
		out->gain_for_unit_q =
		    out->sigma_w_for_unit_q / sqrt(iv_theory_sigma_w2(&one, 1));
	}
}
