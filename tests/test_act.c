/* SPDX-License-Identifier: MIT */
/* Activations: closed forms in long double, finite differences, extremes, NaN. */
#include <float.h>
#include <stdint.h>
#include <string.h>
#include <initviz/act.h>
#include "testutil.h"
#include "engine/act_impl.h"

#define SLOPE 0.2 /* leaky-relu; not the default, so it is really read */

static const double points[] = {
	-1000, -700, -40, -30, -5, -2, -1, -0.5, -1e-3, -1e-8,
	0,     1e-8, 1e-3, 0.5, 1,  2,  5,  30,  40,   700, 1000,
};

static long double sigmoidl(long double x) { return 1 / (1 + expl(-x)); }
static long double ncdfl(long double x) { return erfcl(-x / sqrtl(2)) / 2; }
static long double npdfl(long double x)
{
	return expl(-x * x / 2) / sqrtl(2 * acosl(-1));
}

/* phi(x) written from the textbook definitions, in long double. */
static long double ref(iv_act_kind k, long double x)
{
	const long double lam = 1.0507009873554805L, alp = 1.6732632423543772L;
	switch (k) {
	case IV_ACT_LINEAR: return x;
	case IV_ACT_RELU: return x > 0 ? x : 0;
	case IV_ACT_LEAKY_RELU: return x > 0 ? x : SLOPE * x;
	case IV_ACT_TANH: return tanhl(x);
	case IV_ACT_SIGMOID: return sigmoidl(x);
	case IV_ACT_ELU: return x > 0 ? x : expm1l(x);
	case IV_ACT_SELU: return lam * (x > 0 ? x : alp * expm1l(x));
	case IV_ACT_GELU: return x * ncdfl(x);
	case IV_ACT_SILU: return x * sigmoidl(x);
	case IV_ACT_SOFTPLUS: return log1pl(expl(x)); /* |x| <= 1000 */
	default: return NAN;
	}
}

static long double ref_deriv(iv_act_kind k, long double x)
{
	const long double lam = 1.0507009873554805L, alp = 1.6732632423543772L;
	long double s = sigmoidl(x), e = expl(-fabsl(x));
	long double ds = e / ((1 + e) * (1 + e)), c = coshl(x);
	switch (k) {
	case IV_ACT_LINEAR: return 1;
	case IV_ACT_RELU: return x > 0;
	case IV_ACT_LEAKY_RELU: return x > 0 ? 1 : SLOPE;
	case IV_ACT_TANH: return 1 / (c * c);
	case IV_ACT_SIGMOID: return ds;
	case IV_ACT_ELU: return x > 0 ? 1 : expl(x);
	case IV_ACT_SELU: return lam * (x > 0 ? 1 : alp * expl(x));
	case IV_ACT_GELU: return ncdfl(x) + x * npdfl(x);
	case IV_ACT_SILU: return s + x * ds;
	case IV_ACT_SOFTPLUS: return s;
	default: return NAN;
	}
}

/* Condition number |x f'(x) / f(x)| of f at x, by differences in long double. */
static long double kappa(long double (*f)(iv_act_kind, long double),
                         iv_act_kind k, long double x)
{
	long double h = 1e-6L * fmaxl(1, fabsl(x)), v = f(k, x);
	if (v == 0 || x == 0)
		return 0;
	return fabsl(x * (f(k, x + h) - f(k, x - h)) / (2 * h) / v);
}

/* What a backward-stable double evaluation achieves: 8 eps (1 + kappa)
 * relative, plus the smallest normal double for underflowing tails. */
static int near(double got, long double want, long double kap)
{
	double w = (double)want;
	return fabs(got - w) <= 8 * DBL_EPSILON * (1 + kap) * fabs(w) + DBL_MIN;
}

START_TEST(values_match_closed_forms)
{
	/* given activation _i at a table of points */
	iv_act_kind k = (iv_act_kind)_i;
	for (size_t p = 0; p < TU_LEN(points); p++) {
		double x = points[p];
		/* when evaluated, then it matches the definition */
		double v = iv_act(k, SLOPE, x), d = iv_act_deriv(k, SLOPE, x);
		ck_assert_msg(near(v, ref(k, x), kappa(ref, k, x)),
		              "%s(%g) = %.17g, want %.17Lg", iv_act_name(k), x, v,
		              ref(k, x));
		ck_assert_msg(near(d, ref_deriv(k, x), kappa(ref_deriv, k, x)),
		              "%s'(%g) = %.17g, want %.17Lg", iv_act_name(k), x,
		              d, ref_deriv(k, x));
		ck_assert_msg(isfinite(v) && isfinite(d), "%s at %g", iv_act_name(k), x);
	}
}
END_TEST

static bool kinked(iv_act_kind k)
{
	return k == IV_ACT_RELU || k == IV_ACT_LEAKY_RELU || k == IV_ACT_SELU;
}

START_TEST(derivative_matches_finite_differences)
{
	/* given activation _i; central differences with h = 1e-6 max(1, |x|)
	 * err ~ h^2 phi''' + eps |phi| / h: far below the 1e-6 tolerance */
	iv_act_kind k = (iv_act_kind)_i;
	for (size_t p = 0; p < TU_LEN(points); p++) {
		double x = points[p], h = 1e-6 * fmax(1, fabs(x));
		if (kinked(k) && fabs(x) <= h)
			continue; /* no derivative at the kink */
		double fd = (iv_act(k, SLOPE, x + h) - iv_act(k, SLOPE, x - h)) /
		            (2 * h);
		double d = iv_act_deriv(k, SLOPE, x);
		double tol = 1e-6 * fabs(d) + 1e-9 * (1 + fabs(iv_act(k, SLOPE, x)));
		ck_assert_msg(fabs(fd - d) <= tol, "%s'(%g) = %.12g, fd %.12g",
		              iv_act_name(k), x, d, fd);
	}
}
END_TEST

START_TEST(nan_in_nan_out)
{
	/* given NaN, then phi and phi' are NaN for every activation, but for
	 * linear's phi', 1 at every input (a gradient does not depend on
	 * the forward value there) */
	iv_act_kind k = (iv_act_kind)_i;
	ck_assert_msg(isnan(iv_act(k, SLOPE, NAN)), "%s", iv_act_name(k));
	double d = iv_act_deriv(k, SLOPE, NAN), g = 3.5, dz;
	iv_act_backprop(k, SLOPE, (const double[]){NAN}, &g, &dz, 1);
	if (k == IV_ACT_LINEAR)
		ck_assert(d == 1 && dz == 3.5);
	else
		ck_assert_msg(isnan(d) && isnan(dz), "%s'", iv_act_name(k));
}
END_TEST

/* Limits at +-infinity: phi(-inf), phi(+inf), phi'(-inf), phi'(+inf). */
static const double lim[IV_ACT_COUNT][4] = {
	[IV_ACT_LINEAR] = { -INFINITY, INFINITY, 1, 1 },
	[IV_ACT_RELU] = { 0, INFINITY, 0, 1 },
	[IV_ACT_LEAKY_RELU] = { -INFINITY, INFINITY, SLOPE, 1 },
	[IV_ACT_TANH] = { -1, 1, 0, 0 },
	[IV_ACT_SIGMOID] = { 0, 1, 0, 0 },
	[IV_ACT_ELU] = { -1, INFINITY, 0, 1 },
	[IV_ACT_SELU] = { -IV_SELU_LAMBDA * IV_SELU_ALPHA, INFINITY, 0,
	                  IV_SELU_LAMBDA },
	[IV_ACT_GELU] = { 0, INFINITY, 0, 1 },
	[IV_ACT_SILU] = { 0, INFINITY, 0, 1 },
	[IV_ACT_SOFTPLUS] = { 0, INFINITY, 0, 1 },
};

START_TEST(infinities_give_limits)
{
	/* given +-inf, then phi and phi' are their limits (never NaN) */
	iv_act_kind k = (iv_act_kind)_i;
	const double *w = lim[k];
	ck_assert_msg(iv_act(k, SLOPE, -INFINITY) == w[0], "%s(-inf) = %g",
	              iv_act_name(k), iv_act(k, SLOPE, -INFINITY));
	ck_assert_msg(iv_act(k, SLOPE, INFINITY) == w[1], "%s(inf) = %g",
	              iv_act_name(k), iv_act(k, SLOPE, INFINITY));
	ck_assert_msg(iv_act_deriv(k, SLOPE, -INFINITY) == w[2], "%s'(-inf) = %g",
	              iv_act_name(k), iv_act_deriv(k, SLOPE, -INFINITY));
	ck_assert_msg(iv_act_deriv(k, SLOPE, INFINITY) == w[3], "%s'(inf) = %g",
	              iv_act_name(k), iv_act_deriv(k, SLOPE, INFINITY));
}
END_TEST

START_TEST(extremes_do_not_overflow)
{
	/* softplus: exact for large x, positive and finite far left */
	ck_assert(iv_act(IV_ACT_SOFTPLUS, 0, 1000) == 1000);
	ck_assert(iv_act(IV_ACT_SOFTPLUS, 0, 1e300) == 1e300);
	double sm = iv_act(IV_ACT_SOFTPLUS, 0, -1000); /* e^-1000 < DBL_TRUE_MIN */
	ck_assert(isfinite(sm) && sm >= 0 && sm < DBL_MIN);
	double s7 = iv_act(IV_ACT_SOFTPLUS, 0, -700); /* e^-700 ~ 9.86e-305 */
	ck_assert(s7 > 0 && fabs(s7 / exp(-700.0) - 1) < 1e-14);
	ck_assert(iv_act(IV_ACT_SOFTPLUS, 0, 1e-20) == log(2.0));
	/* sigmoid and its derivative at -1000: 0, not NaN */
	ck_assert(iv_act(IV_ACT_SIGMOID, 0, -1000) == 0);
	ck_assert(iv_act_deriv(IV_ACT_SIGMOID, 0, -1000) == 0);
	ck_assert(iv_act(IV_ACT_SIGMOID, 0, -700) > 0);
	/* silu and gelu: exact far right, zero far left */
	ck_assert(iv_act(IV_ACT_SILU, 0, 1e300) == 1e300);
	ck_assert(iv_act(IV_ACT_GELU, 0, 1e300) == 1e300);
	ck_assert(iv_act(IV_ACT_SILU, 0, -1e300) == 0);
	ck_assert(iv_act(IV_ACT_GELU, 0, -1e300) == 0);
	ck_assert(iv_act_deriv(IV_ACT_SILU, 0, -1e300) == 0);
	ck_assert(iv_act_deriv(IV_ACT_GELU, 0, -1e300) == 0);
	ck_assert(iv_act_deriv(IV_ACT_SILU, 0, 1e300) == 1);
	ck_assert(iv_act_deriv(IV_ACT_GELU, 0, 1e300) == 1);
	/* small x: elu and selu keep full relative precision (expm1) */
	ck_assert(fabs(iv_act(IV_ACT_ELU, 0, -1e-12) / -1e-12 - 1) < 1e-12);
}
END_TEST

START_TEST(names_round_trip)
{
	iv_act_kind k;
	for (int i = 0; i < IV_ACT_COUNT; i++) {
		ck_assert(iv_act_parse(iv_act_name(i), &k));
		ck_assert_int_eq(k, i);
	}
	ck_assert_ptr_null(iv_act_name(IV_ACT_COUNT));
	k = IV_ACT_GELU;
	ck_assert(!iv_act_parse("leaky_relu", &k) && !iv_act_parse("", &k));
	ck_assert(!iv_act_parse(NULL, &k));
	ck_assert_int_eq(k, IV_ACT_GELU);
	/* out of range kinds give NaN, not garbage */
	ck_assert(isnan(iv_act(IV_ACT_COUNT, 0, 1)));
	ck_assert(isnan(iv_act_deriv(IV_ACT_COUNT, 0, 1)));
}
END_TEST

/* Bitwise equal, or both NaN. */
static int same(double a, double b)
{
	return (isnan(a) && isnan(b)) || memcmp(&a, &b, sizeof a) == 0;
}

START_TEST(array_forms_match_scalar)
{
	/* given a vector with ordinary values, zeros, extremes, NaN and Inf */
	iv_act_kind k = (iv_act_kind)_i;
	enum { N = TU_LEN(points) + 5 };
	double x[N], g[N], y[N], yin[N];
	for (size_t i = 0; i < TU_LEN(points); i++)
		x[i] = points[i];
	double extra[] = { NAN, INFINITY, -INFINITY, -0.0, 3.25 };
	for (size_t i = 0; i < 5; i++)
		x[TU_LEN(points) + i] = extra[i];
	for (size_t i = 0; i < N; i++)
		g[i] = i % 3 == 0 ? -1.5 : i % 3 == 1 ? 0.25 : (i == 5 ? INFINITY : 2);
	/* when applied as arrays, out of place and in place */
	iv_act_apply(k, SLOPE, x, y, N);
	memcpy(yin, x, sizeof x);
	iv_act_apply(k, SLOPE, yin, yin, N);
	/* then every entry equals the scalar function */
	for (size_t i = 0; i < N; i++) {
		double want = iv_act(k, SLOPE, x[i]);
		ck_assert_msg(same(y[i], want) && same(yin[i], want),
		              "%s apply at %g: %g", iv_act_name(k), x[i], y[i]);
	}
	iv_act_backprop(k, SLOPE, x, g, y, N);
	memcpy(yin, g, sizeof g);
	iv_act_backprop(k, SLOPE, x, yin, yin, N);
	for (size_t i = 0; i < N; i++) {
		double want = g[i] * iv_act_deriv(k, SLOPE, x[i]);
		ck_assert_msg(same(y[i], want) && same(yin[i], want),
		              "%s backprop at %g, g %g: %g want %g", iv_act_name(k),
		              x[i], g[i], y[i], want);
	}
}
END_TEST

/* Distance in units in the last place of want (the spacing of doubles at
 * |want|), in long double. */
static long double ulps(double got, long double want)
{
	double w = (double)want;
	long double u = (long double)nextafter(fabs(w), INFINITY) - fabsl(w);
	return fabsl((long double)got - want) / u;
}

/* x_i of a sample: evenly spaced over [-span, span] with an irrational
 * step, so that the points fall on every part of the mantissa. */
static double sample(size_t i, size_t n, double span)
{
	return span * (2.0 * (double)i / (double)n - 1.0 + 0.31830988618379067 /
	               (double)n);
}

START_TEST(tanh_within_two_ulp_of_libm)
{
	/* given 2^21 points over each of: |x| < 1e-6, < 0.6 (the division
	 * matters most), < 1.5, < 23 (e^-2x below an ulp of 1 from 18.4 on),
	 * and powers of two from 2^-40 to 2^6 */
	static const double spans[] = { 1e-6, 0.6, 1.5, 23 };
	enum { N = 1 << 19 };
	double *x = malloc(N * sizeof *x), *y = malloc(N * sizeof *y);
	ck_assert(x && y);
	long double worst_libm = 0, worst_true = 0;
	double at_libm = 0, at_true = 0;
	size_t differ = 0;
	for (size_t r = 0; r <= TU_LEN(spans); r++) {
		for (size_t i = 0; i < N; i++)
			x[i] = r < TU_LEN(spans)
			               ? sample(i, N, spans[r])
			               : ldexp(1.0 + (double)(i % 4096) / 4096,
			                       (int)(i / 4096 % 47) - 40) *
			                         (i % 2 ? -1 : 1);
		/* when the array form (vector code) runs over them */
		iv_act_apply(IV_ACT_TANH, 0, x, y, N);
		for (size_t i = 0; i < N; i++) {
			differ += !same(y[i], iv_act(IV_ACT_TANH, 0, x[i]));
			long double d = ulps(y[i], tanh(x[i]));
			long double e = ulps(y[i], tanhl(x[i]));
			if (d > worst_libm)
				worst_libm = d, at_libm = x[i];
			if (e > worst_true)
				worst_true = e, at_true = x[i];
		}
	}
	/* then it is the scalar form bit for bit, within 2 ulp of libm's
	 * tanh and within 1 of tanhl's */
	ck_assert_uint_eq(differ, 0);
	ck_assert_msg(worst_libm <= 2, "%Lg ulp from libm at %.17g", worst_libm,
	              at_libm);
	ck_assert_msg(worst_true <= 1, "%Lg ulp from tanhl at %.17g", worst_true,
	              at_true);
	/* and odd, exact at 0, +-1 from 22 on */
	ck_assert(iv_act(IV_ACT_TANH, 0, 0.0) == 0 &&
	          signbit(iv_act(IV_ACT_TANH, 0, -0.0)));
	ck_assert(iv_act(IV_ACT_TANH, 0, 22) == 1 &&
	          iv_act(IV_ACT_TANH, 0, -1e300) == -1);
	ck_assert(iv_act(IV_ACT_TANH, 0, 0x1p-30) == 0x1p-30);
	printf("tanh: at most %.2Lf ulp from libm, %.2Lf from tanhl\n",
	       worst_libm, worst_true);
	free(x);
	free(y);
}
END_TEST

START_TEST(tanh_backprop_within_a_few_ulps)
{
	/* given points over |z| < 0.6, < 3, < 30, < 360 and powers of two,
	 * h = tanh(z) from the engine, and g of either sign */
	static const double spans[] = {0.6, 3, 30, 360};
	enum { N = 1 << 18 };
	double *z = malloc(N * sizeof *z), *h = malloc(N * sizeof *h),
	       *g = malloc(N * sizeof *g), *dz = malloc(N * sizeof *dz);
	ck_assert(z && h && g && dz);
	long double worst = 0;
	double at = 0;
	for (size_t r = 0; r <= TU_LEN(spans); r++) {
		for (size_t i = 0; i < N; i++) {
			z[i] = r < TU_LEN(spans)
				   ? sample(i, N, spans[r])
				   : ldexp(1.0 + (double)(i % 4096) / 4096,
					   (int)(i / 4096 % 50) - 40) *
					 (i % 2 ? -1 : 1);
			g[i] = i % 3 ? 1.0 : -0.75;
		}
		iv_act_apply(IV_ACT_TANH, 0, z, h, N);
		/* when dz = g tanh'(z) in the vector form */
		iv_act_tanh_backprop(h, z, g, dz, N);
		/* then within 4 ulps of g / cosh^2 z in long double, where
		 * that is a normal number */
		for (size_t i = 0; i < N; i++) {
			long double c = coshl(z[i]);
			long double want = (long double)g[i] / (c * c);
			if (fabsl(want) < 1e-300L) {
				ck_assert(fabs(dz[i]) <= 1e-300);
				continue;
			}
			long double e = ulps(dz[i], want);
			if (e > worst)
				worst = e, at = z[i];
		}
	}
	ck_assert_msg(worst <= 5, "%Lg ulp at %.17g", worst, at);
	/* and the limits: 1 at 0, 0 at the infinities, NaN for NaN, dz in
	 * place of g */
	double zz[] = {0.0, INFINITY, -INFINITY, NAN, 400};
	double hh[5], gg[] = {2, 1, 1, 1, 1};
	iv_act_apply(IV_ACT_TANH, 0, zz, hh, 5);
	iv_act_tanh_backprop(hh, zz, gg, gg, 5);
	ck_assert(gg[0] == 2 && gg[1] == 0 && gg[2] == 0 && isnan(gg[3]) &&
		  gg[4] == 0);
	printf("tanh': at most %.2Lf ulp from 1/cosh^2\n", worst);
	free(z);
	free(h);
	free(g);
	free(dz);
}
END_TEST

START_TEST(exponential_kinds_within_ulps_of_long_double)
{
	/* given 2^16 points over each of |x| < 1e-6, 0.5, 2, 10, 45 (e^x
	 * below an ulp of 1 from 37 on) and 720 (near exp's underflow) */
	static const double spans[] = { 1e-6, 0.5, 2, 10, 45, 720 };
	static const iv_act_kind kinds[] = { IV_ACT_SIGMOID, IV_ACT_ELU,
	                                     IV_ACT_SELU, IV_ACT_SILU,
	                                     IV_ACT_SOFTPLUS };
	/* the bounds, in ulps of the long double value: phi, then phi' (elu:
	 * e^x - 1 and e^x from double-words, one rounding at the end) */
	static const long double bound[][2] = { { 3, 5 }, { 0.8, 0.65 },
	                                        { 3, 3 }, { 4, 0 }, { 2, 3 } };
	enum { N = 1 << 16 };
	double *x = malloc(N * sizeof *x), *y = malloc(N * sizeof *y);
	double *g = malloc(N * sizeof *g), *d = malloc(N * sizeof *d);
	ck_assert(x && y && g && d);
	for (size_t k = 0; k < TU_LEN(kinds); k++) {
		long double worst[2] = { 0, 0 };
		double at[2] = { 0, 0 };
		size_t differ = 0;
		for (size_t r = 0; r < TU_LEN(spans); r++) {
			for (size_t i = 0; i < N; i++) {
				x[i] = sample(i, N, spans[r]);
				g[i] = i % 2 ? 1.0 : -1.0; /* d / g exact */
			}
			/* when the array forms (vector code) run over them */
			iv_act_apply(kinds[k], 0, x, y, N);
			iv_act_backprop(kinds[k], 0, x, g, d, N);
			for (size_t i = 0; i < N; i++) {
				differ += !same(y[i], iv_act(kinds[k], 0, x[i]));
				differ += !same(d[i], g[i] * iv_act_deriv(
				                                   kinds[k], 0, x[i]));
				long double want[2] = {
					ref(kinds[k], x[i]), ref_deriv(kinds[k], x[i])
				};
				long double e[2] = { ulps(y[i], want[0]),
				                     ulps(d[i] / g[i], want[1]) };
				/* past ln DBL_MIN e^x is subnormal and taken
				 * as 0, an absolute error below 2 DBL_MIN
				 * (values_match checks) */
				for (int j = 0; j < 2; j++)
					if (fabs(x[i]) <= 708.39 && e[j] > worst[j])
						worst[j] = e[j], at[j] = x[i];
			}
		}
		/* then they are the scalar forms bit for bit, and within a few
		 * ulps of the definitions in long double (silu' has a zero
		 * near -1.28, where any formula loses digits: the finite
		 * differences check it) */
		const char *name = iv_act_name(kinds[k]);
		ck_assert_msg(differ == 0, "%s: %zu differ", name, differ);
		ck_assert_msg(worst[0] <= bound[k][0], "%s: %Lg ulp at %.17g",
		              name, worst[0], at[0]);
		ck_assert_msg(bound[k][1] == 0 || worst[1] <= bound[k][1],
		              "%s': %Lg ulp at %.17g", name, worst[1], at[1]);
		if (bound[k][1] > 0)
			printf("%s: at most %.2Lf ulp, its derivative %.2Lf\n",
			       name, worst[0], worst[1]);
		else
			printf("%s: at most %.2Lf ulp\n", name, worst[0]);
	}
	/* and exact where they must be: -0 stays -0, -1 far left */
	ck_assert(signbit(iv_act(IV_ACT_ELU, 0, -0.0)));
	ck_assert(iv_act(IV_ACT_ELU, 0, -50) == -1);
	ck_assert(iv_act(IV_ACT_ELU, 0, -0x1p-60) == -0x1p-60);
	ck_assert(iv_act_deriv(IV_ACT_ELU, 0, -0.0) == 1);
	ck_assert(iv_act(IV_ACT_SIGMOID, 0, 0) == 0.5);
	free(x);
	free(y);
	free(g);
	free(d);
}
END_TEST

/* x_i over every binade a double has, both signs, with the specials. */
static double any_double(size_t i, uint64_t *seed)
{
	static const double special[] = { 0.0, -0.0, INFINITY, -INFINITY,
	                                  NAN, 22.0, -22.0, 0x1p-28,
	                                  0x1p-1074, DBL_MAX };
	if (i < TU_LEN(special))
		return special[i];
	*seed = *seed * 6364136223846793005ull + 1442695040888963407ull;
	uint64_t u = *seed >> 11; /* 53 random bits */
	double m = 1.0 + (double)(u >> 12) * 0x1p-41;
	/* mostly where the network's values lie (|x| < 32), some anywhere */
	int e = u % 8 ? (int)(u % 64) - 58 + 5 : (int)(u % 2100) - 1074;
	return ldexp(m, e) * (u & 2048 ? -1 : 1);
}

START_TEST(fused_forms_give_the_same_bits)
{
	/* given 4M points over all magnitudes, g of either sign */
	enum { N = 1 << 20 };
	double *x = malloc(N * sizeof *x), *g = malloc(N * sizeof *g);
	double *y[2], *dz[2];
	for (int f = 0; f < 2; f++) {
		y[f] = malloc(N * sizeof *y[f]);
		dz[f] = malloc(N * sizeof *dz[f]);
		ck_assert(y[f] && dz[f]);
	}
	ck_assert(x && g);
	uint64_t seed = 12345;
	size_t differ[2] = { 0, 0 };
	bool fused_here = iv_act_fused(IV_FUSED_AUTO);
	for (int r = 0; r < 4; r++) {
		for (size_t i = 0; i < N; i++) {
			x[i] = any_double((size_t)r * N + i, &seed);
			g[i] = i % 3 ? 1.0 : -0.75;
		}
		/* when tanh and tanh' run as separate operations and fused */
		for (int f = 0; f < 2; f++) {
			ck_assert(iv_act_fused(f ? IV_FUSED_ON : IV_FUSED_OFF) ==
			          f);
			iv_act_apply(IV_ACT_TANH, 0, x, y[f], N);
			iv_act_tanh_backprop(y[0], x, g, dz[f], N);
		}
		/* then both give the same bits (NaN for NaN, whatever its sign) */
		for (size_t i = 0; i < N; i++) {
			differ[0] += !same(y[0][i], y[1][i]);
			differ[1] += !same(dz[0][i], dz[1][i]);
		}
	}
	iv_act_fused(IV_FUSED_AUTO);
	ck_assert_msg(differ[0] == 0, "tanh: %zu differ", differ[0]);
	ck_assert_msg(differ[1] == 0, "tanh': %zu differ", differ[1]);
	printf("tanh and tanh': fused and separate forms the same on 4M points;"
	       " fused here: %s\n", fused_here ? "yes" : "no");
	for (int f = 0; f < 2; f++) {
		free(y[f]);
		free(dz[f]);
	}
	free(x);
	free(g);
}
END_TEST

START_TEST(table_facts_agree_with_the_functions)
{
	/* given activation _i, then its row's facts agree with the function:
	 * a saturating one flattens (phi' below 0.04) wherever its output is
	 * outside the band, one whose units die is exactly 0 below 0, only
	 * leaky-relu reads the slope, and PyTorch's gain has a formula exactly
	 * when it has a value */
	iv_act_kind k = (iv_act_kind)_i;
	double lo, hi;
	iv_act_band(k, &lo, &hi);
	ck_assert(iv_act_saturates(k) == (isfinite(lo) && isfinite(hi)));
	for (size_t i = 0; i < sizeof points / sizeof points[0]; i++) {
		double x = points[i], h = iv_act(k, SLOPE, x);
		ck_assert(iv_act_saturated(k, h) == (h < lo || h > hi));
		if (iv_act_saturated(k, h))
			ck_assert_double_lt(iv_act_deriv(k, SLOPE, x), 0.04);
		if (iv_act_dies(k) && x < 0)
			ck_assert(iv_act(k, 0, x) == 0);
	}
	ck_assert(iv_act_saturated(k, NAN) == false);
	ck_assert(iv_act_uses_slope(k) == (k == IV_ACT_LEAKY_RELU));
	double g = iv_act_torch_gain(k, SLOPE);
	ck_assert(isnan(g) == !iv_act_torch_text(k, true)[0]);
	ck_assert(isnan(g) == !iv_act_torch_text(k, false)[0]);
	ck_assert(isnan(g) || g > 0);
}
END_TEST

START_TEST(tour_visits_every_activation)
{
	/* given the tour order, when a steps IV_ACT_COUNT times from tanh,
	 * then every activation comes once and A walks back the same way */
	bool seen[IV_ACT_COUNT] = { false };
	iv_act_kind k = IV_ACT_TANH;
	for (int i = 0; i < IV_ACT_COUNT; i++) {
		ck_assert(!seen[k]);
		seen[k] = true;
		iv_act_kind next = iv_act_tour(k, +1);
		ck_assert_int_eq(iv_act_tour(next, -1), k);
		k = next;
	}
	ck_assert_int_eq(k, IV_ACT_TANH);
	ck_assert_int_eq(iv_act_tour(IV_ACT_TANH, +1), IV_ACT_RELU);
	ck_assert(iv_act_dies(IV_ACT_RELU) && !iv_act_saturates(IV_ACT_RELU));
	ck_assert(iv_act_saturates(IV_ACT_TANH) && iv_act_saturated(IV_ACT_TANH, -0.995));
	ck_assert(!iv_act_saturated(IV_ACT_TANH, 0.985));
	ck_assert(iv_act_saturated(IV_ACT_SIGMOID, 0.005));
}
END_TEST

Suite *suite(void)
{
	Suite *s = tu_suite("act");
	TCase *tc = tcase_create("act");
	tcase_add_loop_test(tc, values_match_closed_forms, 0, IV_ACT_COUNT);
	tcase_add_loop_test(tc, derivative_matches_finite_differences, 0,
	                    IV_ACT_COUNT);
	tcase_add_loop_test(tc, nan_in_nan_out, 0, IV_ACT_COUNT);
	tcase_add_loop_test(tc, infinities_give_limits, 0, IV_ACT_COUNT);
	tcase_add_loop_test(tc, array_forms_match_scalar, 0, IV_ACT_COUNT);
	tcase_add_test(tc, extremes_do_not_overflow);
	tcase_add_test(tc, names_round_trip);
	tcase_add_test(tc, tanh_within_two_ulp_of_libm);
	tcase_add_test(tc, tanh_backprop_within_a_few_ulps);
	tcase_add_test(tc, fused_forms_give_the_same_bits);
	tcase_add_test(tc, exponential_kinds_within_ulps_of_long_double);
	tcase_add_loop_test(tc, table_facts_agree_with_the_functions, 0,
	                    IV_ACT_COUNT);
	tcase_add_test(tc, tour_visits_every_activation);
	tcase_set_timeout(tc, 60); /* millions of points in long double */
	suite_add_tcase(s, tc);
	return s;
}
