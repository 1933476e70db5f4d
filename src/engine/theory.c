/* SPDX-License-Identifier: MIT */
/* Mean-field recursions with Gauss-Hermite quadrature and closed forms. */
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_integration.h>
#include <gsl/gsl_sf_erf.h>
#include <initviz/act.h>
#include <initviz/theory.h>

#define NODES 128 /* even: symmetric nodes make kinks at 0 integrate exactly */
#define LIMIT 1000
#define Q_BIG 1e300 /* above it q is treated by its large-q limit */

struct iv_theory {
	double x[NODES], w[NODES]; /* nodes and weights for E_z[.] */
	gsl_integration_workspace *ws;
};

iv_theory *iv_theory_alloc(void)
{
	iv_theory *th = malloc(sizeof *th);
	gsl_integration_fixed_workspace *ws;
	if (!th)
		return NULL;
	gsl_set_error_handler_off(); /* GSL's default handler aborts */
	/* weight exp(-x^2): E_z[f(z)] = sum w_i f(sqrt2 x_i) / sqrt(pi) */
	ws = gsl_integration_fixed_alloc(gsl_integration_fixed_hermite, NODES,
	                                 0.0, 1.0, 0.0, 0.0);
	if (!ws) {
		free(th);
		return NULL;
	}
	const double *x = gsl_integration_fixed_nodes(ws);
	const double *w = gsl_integration_fixed_weights(ws);
	for (size_t i = 0; i < NODES; i++) {
		th->x[i] = M_SQRT2 * x[i];
		th->w[i] = w[i] / sqrt(M_PI);
	}
	gsl_integration_fixed_free(ws);
	if (!(th->ws = gsl_integration_workspace_alloc(LIMIT))) {
		free(th);
		return NULL;
	}
	return th;
}

void iv_theory_free(iv_theory *th)
{
	if (th)
		gsl_integration_workspace_free(th->ws);
	free(th);
}

double iv_theory_expect(iv_theory *th, double (*f)(double, void *),
                        void *arg)
{
	double s = 0;
	for (size_t i = 0; i < NODES; i++)
		s += th->w[i] * f(th->x[i], arg);
	return s;
}

struct phi_arg {
	iv_act_kind k;
	double slope, sq;
	int what; /* 1: phi, 2: phi^2, 3: phi'^2 */
};

static double phi_term(double z, void *p)
{
	const struct phi_arg *a = p;
	double x = a->sq * z;
	if (a->what == 3) {
		double d = iv_act_deriv(a->k, a->slope, x);
		return d * d;
	}
	double v = iv_act(a->k, a->slope, x);
	return a->what == 1 ? v : v * v;
}

static double gauss_term(double z, void *p)
{
	return phi_term(z, p) * exp(-0.5 * z * z) / sqrt(2 * M_PI);
}

/* Adaptive quadrature on each half-line: robust where Gauss-Hermite is not.
 * The activations bend within |x| < X_BEND; at large q that is a sliver
 * |z| < X_BEND/sqrt(q) that a half-line rule could step over (tanh'^2 is
 * nothing but that sliver), so it is integrated on its own. */
#define X_BEND 40.0
static double expect_adaptive(iv_theory *th, struct phi_arg *a)
{
	gsl_function f = { gauss_term, a };
	double z0 = fmin(X_BEND / a->sq, 1.0), v[4] = { 0 }, e[4] = { 0 };
	/* relative accuracy only on the sliver (its value may be 1e-30);
	 * the tails are then needed to the same absolute accuracy */
	int st = gsl_integration_qags(&f, 0.0, z0, 0.0, 1e-12, LIMIT, th->ws,
	                              &v[0], &e[0]);
	st |= gsl_integration_qags(&f, -z0, 0.0, 0.0, 1e-12, LIMIT, th->ws,
	                           &v[1], &e[1]);
	double abs_tol = 1e-13 * fabs(v[0] + v[1]) + 1e-300;
	st |= gsl_integration_qagiu(&f, z0, abs_tol, 1e-12, LIMIT, th->ws,
	                            &v[2], &e[2]);
	st |= gsl_integration_qagil(&f, -z0, abs_tol, 1e-12, LIMIT, th->ws,
	                            &v[3], &e[3]);
	double sum = v[0] + v[1] + v[2] + v[3], err = e[0] + e[1] + e[2] + e[3];
	/* a failed integration (roundoff, no convergence) is kept only when
	 * its error estimate still makes it accurate to 1e-8 */
	if (st && !(err <= 1e-8 * fabs(sum)))
		return NAN;
	return sum;
}

static double expect_phi(iv_theory *th, iv_act_kind k, double slope,
                         double q, int what)
{
	if (isnan(q))
		return NAN;
	if (q > Q_BIG) {
		/* beyond what can be integrated (q may be infinite): the limit.
		 * A moment that still grows with q is infinite; one that does
		 * not (tanh^2, sigmoid', ...) has settled by 1e300. */
		double r1 = expect_phi(th, k, slope, Q_BIG / 100, what);
		double r2 = expect_phi(th, k, slope, Q_BIG, what);
		return fabs(r2) > 2 * fabs(r1) ? copysign(INFINITY, r2) : r2;
	}
	struct phi_arg a = { k, slope, sqrt(fmax(q, 0.0)), what };
	if (q <= 1.0)
		return iv_theory_expect(th, phi_term, &a);
	return expect_adaptive(th, &a);
}

/* e^{t^2/2} Phi(-t) = E[e^{tz}; z < 0], without overflow for large t. */
static double exp_tail(double t)
{
	if (t > 1e3) { /* the asymptotic series; its next term is < 1e-17 */
		double u = 1 / (t * t);
		return (1 - u * (1 - u * (3 - 15 * u))) / (t * sqrt(2 * M_PI));
	}
	return 0.5 * exp(0.5 * t * t + gsl_sf_log_erfc(t * M_SQRT1_2));
}

/* ELU-family closed forms: phi = lam*x (x > 0), lam*al*(e^x - 1) (x <= 0).
 * what: 1 mean, 2 second moment, 3 derivative's second moment. */
static double elu_moment(double lam, double al, double q, int what)
{
	double s = sqrt(q), e1 = exp_tail(s), e2 = exp_tail(2 * s);
	switch (what) {
	case 1: return lam * (s / sqrt(2 * M_PI) + al * (e1 - 0.5));
	case 2: return lam * lam * (q / 2 + al * al * (e2 - 2 * e1 + 0.5));
	default: return lam * lam * (0.5 + al * al * e2);
	}
}

double iv_theory_mean_phi(iv_theory *th, iv_act_kind k, double slope,
                          double q)
{
	switch (k) {
	case IV_ACT_LINEAR: return 0.0;
	case IV_ACT_RELU: return sqrt(q / (2 * M_PI));
	case IV_ACT_LEAKY_RELU: return (1 - slope) * sqrt(q / (2 * M_PI));
	case IV_ACT_ELU: return elu_moment(1, 1, q, 1);
	case IV_ACT_SELU: return elu_moment(IV_SELU_LAMBDA, IV_SELU_ALPHA, q, 1);
	default: return expect_phi(th, k, slope, q, 1);
	}
}

double iv_theory_phi2(iv_theory *th, iv_act_kind k, double slope,
                      double q)
{
	switch (k) {
	case IV_ACT_LINEAR: return q;
	case IV_ACT_RELU: return q / 2;
	case IV_ACT_LEAKY_RELU: return q * (1 + slope * slope) / 2;
	case IV_ACT_ELU: return elu_moment(1, 1, q, 2);
	case IV_ACT_SELU: return elu_moment(IV_SELU_LAMBDA, IV_SELU_ALPHA, q, 2);
	default: return expect_phi(th, k, slope, q, 2);
	}
}

double iv_theory_dphi2(iv_theory *th, iv_act_kind k, double slope,
                       double q)
{
	switch (k) {
	case IV_ACT_LINEAR: return 1.0;
	case IV_ACT_RELU: return 0.5;
	case IV_ACT_LEAKY_RELU: return (1 + slope * slope) / 2;
	case IV_ACT_ELU: return elu_moment(1, 1, q, 3);
	case IV_ACT_SELU: return elu_moment(IV_SELU_LAMBDA, IV_SELU_ALPHA, q, 3);
	default: return expect_phi(th, k, slope, q, 3);
	}
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

/* Clamp rounding below 0 to 0, keeping NaN as NaN (fmax would make it 0). */
static double nonneg(double x)
{
	return x < 0 ? 0 : x;
}

static double input_second_moment(const iv_config *cfg)
{
	return cfg->input == IV_INPUT_POSITIVE ? 1.0 / 3.0 : 1.0;
}

iv_status iv_theory_layers(iv_theory *th, const iv_config *cfg,
                           iv_theory_layer *out)
{
	double sb2 = iv_theory_sigma_b2(cfg), e2 = input_second_moment(cfg);
	iv_act_kind k = cfg->act;
	double a = cfg->slope;
	if (iv_config_validate(cfg) != IV_OK)
		return IV_EINVAL;
	for (size_t l = 1; l <= cfg->depth; l++) {
		iv_theory_layer *t = &out[l - 1];
		t->q = iv_theory_sigma_w2(cfg, l) * e2 + sb2;
		double m = iv_theory_mean_phi(th, k, a, t->q);
		double p2 = iv_theory_phi2(th, k, a, t->q);
		t->preactivation_std = sqrt(nonneg(t->q - cfg->bias * cfg->bias));
		/* an infinite second moment is an infinite variance (the mean
		 * grows only like its square root), not Inf - Inf */
		t->activation_std = isinf(p2) ? p2 : sqrt(nonneg(p2 - m * m));
		e2 = p2;
	}
	/* backward: E[g_{l-1}^2] = n_l Var(W_l) E[phi'(z_l)^2] E[g_l^2] */
	double g2 = 1.0;
	for (size_t l = cfg->depth; l >= 1; l--) {
		iv_theory_layer *t = &out[l - 1];
		double d2 = iv_theory_dphi2(th, k, a, t->q);
		double s = iv_config_weight_std(cfg, l);
		t->grad_activation_std = sqrt(g2);
		t->grad_preactivation_std = sqrt(g2 * d2);
		g2 *= (double)iv_config_units(cfg, l) * s * s * d2;
	}
	return IV_OK;
}

static double gain_for_unit_q(iv_theory *th, iv_act_kind k, double a,
                              double sb2)
{
	double p2 = iv_theory_phi2(th, k, a, 1.0);
	if (sb2 >= 1.0 || !(p2 > 0))
		return NAN;
	return sqrt((1.0 - sb2) / p2);
}

void iv_theory_criticality(iv_theory *th, iv_act_kind k, double slope,
                           double sw2, double sb2, iv_criticality *out)
{
	double q = 1.0;
	bool converged = false, diverged = false;
	out->sigma_w2 = sw2;
	out->sigma_b2 = sb2;
	for (int i = 0; i < 2000 && !converged; i++) { /* monotone map */
		double nq = sw2 * iv_theory_phi2(th, k, slope, q) + sb2;
		if (!isfinite(nq) || nq > 1e300) {
			diverged = true; /* q stays the last finite iterate */
			break;
		}
		converged = fabs(nq - q) <= 1e-13 * fmax(q, 1e-300);
		q = nq;
	}
	/* at the edge (tanh, sigma_w = 1) q falls like 1/l: the limit is 0 */
	if (q < 1e-200 || (!converged && isfinite(q) && sb2 == 0 && q < 1.0))
		q = 0.0;
	out->q_star = diverged ? INFINITY : q;
	/* diverging: chi1 in the large-q limit, at the last finite iterate */
	out->chi1 = isfinite(q) ? sw2 * iv_theory_dphi2(th, k, slope, q) : NAN;
	/* chi1 within rounding of 1 is critical: an infinite depth scale */
	out->depth_scale = fabs(out->chi1 - 1.0) < 1e-12 ? INFINITY
	                                                 : -1.0 / log(out->chi1);
	out->gain_for_unit_q = gain_for_unit_q(th, k, slope, sb2);
}
