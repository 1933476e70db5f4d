/* SPDX-License-Identifier: MIT */
/* The length map's fixed point, the correlation map and both depth scales
 * against numbers computed here: closed forms, and Gaussian integrals by GSL
 * quadrature in their plain form (the engine nests one-dimensional moments
 * and uses closed forms), roots by bisection. */
#include <check.h>
#include <math.h>
#include <stdlib.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_integration.h>
#include <initviz/act.h>
#include <initviz/theory.h>
#include "testutil.h"

static iv_theory *th;
static gsl_integration_workspace *w1, *w2;

static void setup(void)
{
	th = iv_theory_alloc();
	w1 = gsl_integration_workspace_alloc(1000);
	w2 = gsl_integration_workspace_alloc(1000);
	ck_assert(th && w1 && w2);
}

static void teardown(void)
{
	iv_theory_free(th);
	gsl_integration_workspace_free(w1);
	gsl_integration_workspace_free(w2);
}

/* The functions integrated, written out here. */
typedef double (*fx)(double x);
static double f_tanh(double x) { return tanh(x); }
static double f_tanh2(double x) { return tanh(x) * tanh(x); }
static double f_sech2(double x) { return 1 / (cosh(x) * cosh(x)); }
static double f_sech4(double x) { return f_sech2(x) * f_sech2(x); }
static double softplus(double x)
{
	return x > 0 ? x + log1p(exp(-x)) : log1p(exp(x));
}
static double f_softplus2(double x) { return softplus(x) * softplus(x); }
static double f_elu2(double x) { return x > 0 ? x * x : expm1(x) * expm1(x); }
static double f_selu2(double x)
{
	double v = 1.0507009873554805 *
	           (x > 0 ? x : 1.6732632423543772 * expm1(x));
	return v * v;
}
static double pdf(double z) { return exp(-0.5 * z * z) / sqrt(2 * M_PI); }

struct g1 {
	fx f;
	double b, s;
};

static double g1_term(double z, void *p)
{
	const struct g1 *a = p;
	return a->f(a->b + a->s * z) * pdf(z);
}

/* E[f(x)], x ~ N(b, v), by qagp over |z| < 40 split where x = 0. */
static double gexp(fx f, double b, double v)
{
	struct g1 a = { f, b, sqrt(v) };
	gsl_function F = { g1_term, &a };
	double z0 = fmax(-39.0, fmin(39.0, -b / a.s));
	double pts[3] = { -40.0, z0, 40.0 }, r, e;
	ck_assert_int_eq(gsl_integration_qagp(&F, pts, 3, 1e-15, 1e-13, 1000,
	                                      w1, &r, &e), GSL_SUCCESS);
	return r;
}

/* E[f(u1) g(u2)], u1 = b + s z1, u2 = b + s (r z1 + sqrt(1 - r^2) z2):
 * the plain two-dimensional integral, z2 inside z1. */
struct g2 {
	fx f, g;
	double b, s, r, z1;
};

static double g2_inner(double z2, void *p)
{
	const struct g2 *a = p;
	double u2 = a->b + a->s * (a->r * a->z1 + sqrt(1 - a->r * a->r) * z2);
	return a->g(u2) * pdf(z2);
}

static double g2_outer(double z1, void *p)
{
	struct g2 *a = p;
	gsl_function F = { g2_inner, a };
	double r, e;
	a->z1 = z1;
	gsl_integration_qag(&F, -12, 12, 1e-15, 1e-12, 1000, GSL_INTEG_GAUSS41,
	                    w2, &r, &e);
	return a->f(a->b + a->s * z1) * r * pdf(z1);
}

static double gexp2(fx f, fx g, double b, double v, double r)
{
	struct g2 a = { f, g, b, sqrt(v), r, 0 };
	gsl_function F = { g2_outer, &a };
	double res, e;
	gsl_integration_qag(&F, -12, 12, 1e-14, 1e-11, 1000, GSL_INTEG_GAUSS41,
	                    w1, &res, &e);
	return res;
}

/* The root of a decreasing function on [lo, hi] by bisection. */
static double bisect(double (*g)(double x, const double *p), const double *p,
                     double lo, double hi)
{
	ck_assert(g(lo, p) > 0 && g(hi, p) < 0);
	for (int i = 0; i < 200 && hi - lo > 1e-15 * hi; i++) {
		double m = 0.5 * (lo + hi);
		*(g(m, p) > 0 ? &lo : &hi) = m;
	}
	return 0.5 * (lo + hi);
}

/* p = { sigma_w^2, b, s^2 }: the tanh length map's gap in v = q - b^2 */
static double tanh_gap(double v, const double *p)
{
	return p[0] * gexp(f_tanh2, p[1], v) + p[2] - v;
}

/* Diverging and neutral maps, which have no fixed point to report (not
 * the solver's last iterate): the kind, and chi1 in closed form (its
 * large-q limit sigma_w^2 times the mean square slope of phi at infinity,
 * 1/2 for the relu-like ones, (1 + a^2)/2 leaky, lambda^2/2 selu; neutral:
 * the same at every q). */
static const struct kcase {
	iv_act_kind k;
	double slope, sw2, sb2;
	iv_fixed_kind kind;
	double chi1;
	fx phi2; /* checked here: q' > q on a grid, for the smooth ones */
} kcases[] = {
	{ IV_ACT_SOFTPLUS, 0, 2, 0, IV_FIXED_DIVERGES, 1, f_softplus2 },
	{ IV_ACT_LEAKY_RELU, 0.01, 2, 0, IV_FIXED_DIVERGES, 1.0001, NULL },
	{ IV_ACT_RELU, 0, 2, 0.01, IV_FIXED_DIVERGES, 1, NULL },
	{ IV_ACT_ELU, 0, 2, 0, IV_FIXED_DIVERGES, 1, f_elu2 },
	{ IV_ACT_SELU, 0, 2, 0, IV_FIXED_DIVERGES,
	  1.0507009873554805 * 1.0507009873554805, f_selu2 },
	{ IV_ACT_RELU, 0, 2, 0, IV_FIXED_NEUTRAL, 1, NULL },
	{ IV_ACT_LEAKY_RELU, 0.2, 2 / 1.04, 0, IV_FIXED_NEUTRAL, 1, NULL },
	{ IV_ACT_LINEAR, 0, 1, 0, IV_FIXED_NEUTRAL, 1, NULL },
	{ IV_ACT_LINEAR, 0, 1, 0.25, IV_FIXED_DIVERGES, 1, NULL },
	/* sigma_w^2 as fan * std^2 rounds it: he-normal at fan_in 30 gives
	 * 2 - 2^-51, xavier-normal at 30 by 30 gives 1 - 2^-52; the slope
	 * at large q is 1 to rounding, so q grows by sigma_b^2 a layer with
	 * no fixed point (not one near sigma_b^2 / 2^-52) */
	{ IV_ACT_RELU, 0, 2 - 0x1p-51, 0.01, IV_FIXED_DIVERGES, 1, NULL },
	{ IV_ACT_LINEAR, 0, 1 - 0x1p-52, 0.25, IV_FIXED_DIVERGES, 1, NULL },
};

START_TEST(kinds_without_a_fixed_point)
{
	const struct kcase *k = &kcases[_i];
	iv_criticality c;
	iv_theory_criticality(th, k->k, k->slope, k->sw2, k->sb2, &c);
	ck_assert_msg(c.kind == k->kind, "case %d: %s, want %s", _i,
	              iv_fixed_kind_name(c.kind), iv_fixed_kind_name(k->kind));
	ck_assert_msg(fabs(c.chi1 - k->chi1) < 1e-9, "case %d: chi1 %.12g", _i,
	              c.chi1);
	if (k->kind == IV_FIXED_DIVERGES)
		ck_assert(isinf(c.q_star) && c.q_star > 0);
	else
		ck_assert(isnan(c.q_star));
	/* the gradient depth scale is positive: 1/|ln chi1|, Inf at 1 */
	if (k->chi1 == 1)
		ck_assert(isinf(c.depth_scale) && c.depth_scale > 0);
	else
		ck_assert_double_eq_tol(c.depth_scale, 1 / fabs(log(k->chi1)),
		                        1e-6 / fabs(log(k->chi1)));
	/* far out the map is homogeneous: correlations converge slower than
	 * exponentially, an infinite correlation depth scale */
	ck_assert(isinf(c.depth_scale_correlation));
	/* independent: q' - q > 0 from small q to large */
	for (double q = 1e-4; k->phi2 && q <= 1e6; q *= 10)
		ck_assert_msg(k->sw2 * gexp(k->phi2, 0, q) + k->sb2 - q > 0,
		              "case %d: q' <= q at q = %g", _i, q);
}
END_TEST

START_TEST(the_iv_fixed_kind_names)
{
	ck_assert_str_eq(iv_fixed_kind_name(IV_FIXED_STABLE), "stable");
	ck_assert_str_eq(iv_fixed_kind_name(IV_FIXED_DIVERGES), "diverges");
	ck_assert_str_eq(iv_fixed_kind_name(IV_FIXED_NEUTRAL), "neutral");
	ck_assert_ptr_null(iv_fixed_kind_name(IV_FIXED_COUNT));
}
END_TEST

START_TEST(relu_with_bias_below_two)
{
	/* q* = sigma_b^2 / (1 - sigma_w^2 / 2) in closed form; chi1 the
	 * same at every q */
	iv_criticality c;
	iv_theory_criticality(th, IV_ACT_RELU, 0, 1.5, 0.1, &c);
	ck_assert_int_eq(c.kind, IV_FIXED_STABLE);
	ck_assert_double_eq_tol(c.q_star, 0.4, 1e-12);
	ck_assert_double_eq_tol(c.chi1, 0.75, 1e-15);
	ck_assert_double_eq_tol(c.depth_scale, -1 / log(0.75), 1e-12);
	/* ordered: c* = 1 and xi_c = xi_g */
	ck_assert_double_eq(c.c_star, 1.0);
	ck_assert_double_eq_tol(c.depth_scale_correlation, c.depth_scale,
	                        1e-12);
}
END_TEST

START_TEST(slow_convergence_is_solved)
{
	/* tanh at sigma_w^2 = 1, sigma_b^2 = 1e-6: q' - q ~ 1e-6 - 2 q^2, so
	 * iterates crawl; 2000 of them stopped 0.7% short */
	const double p[3] = { 1.0, 0.0, 1e-6 };
	double q = bisect(tanh_gap, p, 1e-4, 1e-3);
	iv_criticality c;
	iv_theory_criticality(th, IV_ACT_TANH, 0, 1.0, 1e-6, &c);
	ck_assert_int_eq(c.kind, IV_FIXED_STABLE);
	ck_assert_msg(fabs(c.q_star / q - 1) < 1e-7, "q* %.15g, want %.15g",
	              c.q_star, q);
	ck_assert_double_eq_tol(c.chi1, gexp(f_sech4, 0, q), 1e-9);
}
END_TEST

static double f_relu2(double x) { return x > 0 ? x * x : 0.0; }
static double f_leaky2_2(double x) { return x > 0 ? x * x : 4 * x * x; }

/* p = { sigma_w^2, b, s^2, case }: the length map's gap in v = q - b^2 */
static double f_sigmoid2(double x)
{
	double y = 1 / (1 + exp(-x));
	return y * y;
}
static const fx dip_phi2[] = { f_softplus2, f_relu2, f_leaky2_2,
	                       f_sigmoid2 };
static double dip_gap(double v, const double *p)
{
	return p[0] * gexp(dip_phi2[(int)p[3]], p[1], v) + p[2] - v;
}

/* Maps whose gap q' - q is positive at q_1, negative over a stretch
 * above (a stable fixed point, then an unstable one) and positive again
 * beyond, growing (large-q slope over 1): the iterates from q_1 settle
 * at the first root. The stretch lies between two points of a scan up
 * that steps a decade at a time. */
static const struct dcase {
	iv_act_kind k;
	double slope, sw2, b, s2, e2; /* e2: the inputs' E[x^2] */
	double lo, hi;                /* v brackets the root */
} dcases[] = {
	/* softplus, a negative mean bias: stable at q* = 6.619 */
	{ IV_ACT_SOFTPLUS, 0, 2.199219470288713, -0.3, 0, 1, 4, 8 },
	/* relu, bias -0.3 with noise 1, positive inputs: q* = 10.77 */
	{ IV_ACT_RELU, 0, 2.1035757608232233, -0.3, 1, 1.0 / 3, 8, 12 },
	/* leaky relu of slope 2, bias 0.3 with noise 0.5: q* = 3.196 */
	{ IV_ACT_LEAKY_RELU, 2, 0.425104, 0.3, 0.25, 1, 2, 4 },
};

START_TEST(a_stable_fixed_point_between_scan_points)
{
	const struct dcase *d = &dcases[_i];
	const double p[4] = { d->sw2, d->b, d->s2, _i };
	double v = bisect(dip_gap, p, d->lo, d->hi);
	iv_theory_map m = { .act = d->k, .slope = d->slope,
	                    .sigma_w2 = d->sw2, .bias = d->b,
	                    .bias_var = d->s2 };
	iv_criticality c;
	ck_assert(dip_gap(d->sw2 * d->e2 + d->s2, p) > 0);
	iv_theory_fixed_point(th, &m, d->sw2 * d->e2 + d->s2 + d->b * d->b,
	                      &c);
	ck_assert_msg(c.kind == IV_FIXED_STABLE, "case %d: %s", _i,
	              iv_fixed_kind_name(c.kind));
	ck_assert_msg(fabs(c.q_star / (v + d->b * d->b) - 1) < 1e-7,
	              "case %d: q* %.15g, want %.15g", _i, c.q_star,
	              v + d->b * d->b);
	ck_assert_double_lt(c.chi1, 1.0);
}
END_TEST

START_TEST(a_stable_fixed_point_between_scan_points_down)
{
	/* given sigmoid at sigma_w^2 81.85 with a bias of -3 and positive
	 * inputs (v_1 = sigma_w^2 / 3 = 27.3), whose gap q' - q is negative
	 * at v_1, positive over v in (3.0, 11.5) and negative again over
	 * (0.31, 3.0): then the iterates fall from v_1 to the root near 11.3
	 * (a network of width 1024 settles at a pre-activation std of 3.4),
	 * not to the one near 0.31 a decade's step down jumps to */
	const double sw2 = 81.84726679935508, p[4] = { sw2, -3, 0, 3 };
	double v = bisect(dip_gap, p, 10, 13);
	iv_theory_map m = { .act = IV_ACT_SIGMOID, .sigma_w2 = sw2,
	                    .bias = -3 };
	iv_criticality c;
	ck_assert(dip_gap(sw2 / 3, p) < 0 && dip_gap(2.73, p) < 0);
	iv_theory_fixed_point(th, &m, sw2 / 3 + 9, &c);
	ck_assert_int_eq(c.kind, IV_FIXED_STABLE);
	ck_assert_msg(fabs(c.q_star / (v + 9) - 1) < 1e-7, "q* %.15g, want %.15g",
	              c.q_star, v + 9);
}
END_TEST

START_TEST(tanh_chaotic_correlation_depth_scale)
{
	/* tanh with He (sigma_w^2 2, sigma_b 0): chaotic, c* = 0 by symmetry
	 * and chi_c = sigma_w^2 E[phi'(u)]^2 there: xi_c 21.7, while the
	 * gradient depth scale 1/ln chi1 is 9.97 */
	const double p[3] = { 2.0, 0.0, 0.0 };
	double q = bisect(tanh_gap, p, 0.1, 2.0);
	double chi1 = 2 * gexp(f_sech4, 0, q);
	double m = gexp(f_sech2, 0, q), chic = 2 * m * m;
	iv_criticality c;
	iv_theory_criticality(th, IV_ACT_TANH, 0, 2.0, 0.0, &c);
	ck_assert_double_eq_tol(c.q_star, q, 1e-10);
	ck_assert_double_eq_tol(c.chi1, chi1, 1e-10);
	ck_assert_double_eq_tol(c.depth_scale, 1 / log(chi1), 1e-8);
	ck_assert_double_eq_tol(c.c_star, 0.0, 1e-9);
	ck_assert_double_eq_tol(c.chi_c, chic, 1e-9);
	ck_assert_double_eq_tol(c.depth_scale_correlation, -1 / log(chic),
	                        1e-6);
	ck_assert_double_eq_tol(c.depth_scale_correlation, 21.72, 0.01);
	ck_assert_double_eq_tol(c.depth_scale, 9.968, 0.001);
}
END_TEST

/* Chaotic tanh without bias at any weight variance, up to lesson 6's
 * sigma_w^2 = 256 (std 1, 256 inputs): the correlation map, by the
 * quadrature here, stays below the diagonal on (0, 1), so the iterates
 * from c < 1 fall to c* = 0, and chi_c = sigma_w^2 E[phi'(u)]^2 there. */
static const double odd_sw2[] = { 1.3, 4.0, 9.0, 256.0 };

START_TEST(tanh_without_bias_falls_to_zero_correlation)
{
	double sw2 = odd_sw2[_i];
	const double p[3] = { sw2, 0.0, 0.0 };
	double q = bisect(tanh_gap, p, 1e-3, 2 * sw2);
	double m = gexp(f_sech2, 0, q), chic = sw2 * m * m;
	for (int k = 1; k <= 9; k++) {
		double r = 0.1 * k;
		double map = sw2 * gexp2(f_tanh, f_tanh, 0, q, r) / q;
		ck_assert_msg(map < r, "sigma_w^2 %g: c %g maps to %.12g", sw2,
		              r, map);
	}
	iv_criticality c;
	iv_theory_criticality(th, IV_ACT_TANH, 0, sw2, 0.0, &c);
	ck_assert_int_eq(c.kind, IV_FIXED_STABLE);
	ck_assert_double_eq_tol(c.q_star, q, 1e-9 * q);
	ck_assert_double_eq(c.c_star, 0.0);
	ck_assert_double_eq_tol(c.chi_c, chic, 1e-9);
	ck_assert_double_eq_tol(c.depth_scale_correlation, -1 / log(chic),
	                        1e-6 / fabs(log(chic)) / fabs(log(chic)));
}
END_TEST

/* Chaotic tanh with a bias std and with a mean bias: c* is where the
 * correlation map, ((sigma_w^2 E[phi(u1) phi(u2)] + s^2) / v* in the
 * pre-activations' correlation about b), meets the diagonal from above. */
static const double ccases[][3] = {
	{ 2.25, 0.0, 0.09 }, { 4.0, 0.3, 0.0 },
	/* a small bias std: c* near 0, from gain 1.2 to weight std 1 at 256
	 * inputs (q* 243), where the engine steps up from c = 0 */
	{ 1.44, 0.0, 0.0025 }, { 9.0, 0.0, 0.01 }, { 256.0, 0.0, 0.01 },
};

static double corr_gap(double r, const double *p)
{
	return (p[0] * gexp2(f_tanh, f_tanh, p[1], p[3], r) + p[2]) / p[3] - r;
}

START_TEST(correlation_map_against_2d_quadrature)
{
	double p[4] = { ccases[_i][0], ccases[_i][1], ccases[_i][2], 0 };
	p[3] = bisect(tanh_gap, p, 0.1, 2 * p[0] + 1);
	double r = bisect(corr_gap, p, 0.0, 0.99);
	double chic = p[0] * gexp2(f_sech2, f_sech2, p[1], p[3], r);
	iv_theory_map m = { IV_ACT_TANH, 0, p[0], p[1], p[2] };
	iv_criticality c;
	iv_theory_fixed_point(th, &m, 1.0, &c);
	iv_theory_correlation(th, &m, &c);
	ck_assert_double_eq_tol(c.q_star, p[3] + p[1] * p[1], 1e-9);
	ck_assert(c.chi1 > 1);
	ck_assert_msg(fabs(c.c_star - r) < 1e-7, "c* %.12g, want %.12g",
	              c.c_star, r);
	ck_assert_msg(fabs(c.chi_c - chic) < 1e-7, "chi_c %.12g, want %.12g",
	              c.chi_c, chic);
	ck_assert_double_eq_tol(c.depth_scale_correlation, -1 / log(chic),
	                        1e-5);
	/* the map itself, at a few points */
	for (double x = -0.8; x < 1; x += 0.4)
		ck_assert_double_eq_tol(
			iv_theory_corr_map(th, &m, p[3] + p[1] * p[1], x),
			corr_gap(x, p) + x, 1e-8);
}
END_TEST

START_TEST(neutral_and_dead_ends_of_the_correlation_map)
{
	/* tanh at sigma_w^2 < 1 without bias: q* = 0, where tanh is linear
	 * and keeps every correlation: no c*, xi_c infinite, xi_g finite */
	iv_criticality c;
	iv_theory_criticality(th, IV_ACT_TANH, 0, 0.5, 0.0, &c);
	ck_assert_int_eq(c.kind, IV_FIXED_STABLE);
	ck_assert_double_eq(c.q_star, 0.0);
	ck_assert_double_eq_tol(c.chi1, 0.5, 1e-12);
	ck_assert(isnan(c.c_star) && isinf(c.depth_scale_correlation));
	ck_assert_double_eq_tol(c.depth_scale, 1 / log(2.0), 1e-9);
	/* relu below 2 without bias: q* = 0 and chi1 = sigma_w^2 / 2 (the
	 * limit q -> 0+, not relu'(0)^2 = 0) */
	iv_theory_criticality(th, IV_ACT_RELU, 0, 1.0, 0.0, &c);
	ck_assert_double_eq(c.q_star, 0.0);
	ck_assert_double_eq_tol(c.chi1, 0.5, 1e-15);
}
END_TEST

/* E[relu(u1) relu(u2)] / E[relu^2] for zero-mean unit normals of
 * correlation x: (sqrt(1 - x^2) + (pi - acos x) x) / pi (Cho and Saul). */
static double relu_corr(double x)
{
	return (sqrt(1 - x * x) + (M_PI - acos(x)) * x) / M_PI;
}

START_TEST(map_samples_for_drawing)
{
	double qi[9], qo[9], ci[9], co[9];
	/* given relu with a mean bias 0.5 at sigma_w^2 2: the length map in
	 * closed form, E[relu(x)^2] = (b^2 + v) Phi(b/s) + b s phi(b/s) */
	iv_theory_map m = { IV_ACT_RELU, 0, 2.0, 0.5, 0.0 };
	iv_theory_length_curve(th, &m, 5.0, 9, qi, qo);
	ck_assert_double_eq(qi[0], 0.25);
	ck_assert_double_eq(qi[8], 5.0);
	for (int i = 0; i < 9; i++) {
		double v = qi[i] - 0.25, s = sqrt(v), t = s > 0 ? 0.5 / s : 1e300;
		double e = (0.25 + v) * 0.5 * erfc(-t / M_SQRT2) +
		           (s > 0 ? 0.5 * s * pdf(t) : 0);
		ck_assert_double_eq_tol(qo[i], 2 * e + 0.25, 1e-12 * qo[i]);
	}
	/* relu without bias: the arc-cosine correlation map at any q, and at
	 * q = Inf also for softplus (its large-q limit is relu) */
	m.bias = 0;
	iv_theory_corr_curve(th, &m, 3.0, 9, ci, co);
	for (int i = 0; i < 9; i++)
		ck_assert_double_eq_tol(co[i], relu_corr(ci[i]), 1e-9);
	m.act = IV_ACT_SOFTPLUS;
	iv_theory_corr_curve(th, &m, INFINITY, 9, ci, co);
	for (int i = 0; i < 9; i++)
		ck_assert_double_eq_tol(co[i], relu_corr(ci[i]), 1e-12);
	/* and the network's correlations layer by layer from independent
	 * inputs: c_1 = 0, then the arc-cosine map each layer */
	iv_config cfg;
	double cl[5], want = 0;
	iv_config_defaults(&cfg);
	cfg.init = IV_INIT_HE_NORMAL;
	cfg.act = IV_ACT_RELU;
	cfg.depth = 5;
	ck_assert_int_eq(iv_theory_corr_layers(th, &cfg, 0.0, 5, cl), IV_OK);
	for (int l = 0; l < 5; l++) {
		ck_assert_double_eq_tol(cl[l], want, 1e-9);
		want = relu_corr(want);
	}
	ck_assert_int_eq(iv_theory_corr_layers(th, &cfg, 0.0, 6, cl),
	                 IV_EINVAL);
}
END_TEST

Suite *suite(void)
{
	Suite *s = tu_suite("fixed");
	TCase *tc = tcase_create("fixed");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_loop_test(tc, kinds_without_a_fixed_point, 0,
	                    (int)TU_LEN(kcases));
	tcase_add_test(tc, the_iv_fixed_kind_names);
	tcase_add_test(tc, relu_with_bias_below_two);
	tcase_add_test(tc, slow_convergence_is_solved);
	tcase_add_loop_test(tc, a_stable_fixed_point_between_scan_points, 0,
	                    (int)TU_LEN(dcases));
	tcase_add_test(tc, a_stable_fixed_point_between_scan_points_down);
	tcase_add_test(tc, tanh_chaotic_correlation_depth_scale);
	tcase_add_loop_test(tc, tanh_without_bias_falls_to_zero_correlation, 0,
	                    sizeof odd_sw2 / sizeof odd_sw2[0]);
	tcase_add_loop_test(tc, correlation_map_against_2d_quadrature, 0,
	                    (int)TU_LEN(ccases));
	tcase_add_test(tc, neutral_and_dead_ends_of_the_correlation_map);
	tcase_add_test(tc, map_samples_for_drawing);
	suite_add_tcase(s, tc);
	return s;
}
