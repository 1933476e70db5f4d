/* SPDX-License-Identifier: MIT */
/* Activation functions and exact derivatives; NaN in gives NaN out, but
 * for the identity's derivative, which is 1 whatever its input. */
#include <math.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <initviz/act.h>
#include "act_impl.h"
#include "vec.h"

/* tanh(x) = -e / (2 + e) with e = expm1(-2|x|), every step carried as a
 * double-word, so that the result is one rounding and a little from the
 * true value (0.7 ulp from long double tanhl at most): within 2 ulp of
 * libm's tanh, itself off by up to 2 (tests/test_act.c checks both on
 * millions of points). Written without branches or library calls, so that
 * arrays of it vectorise; only IEEE additions, multiplications and
 * divisions, so that every processor and every vector width gives the
 * same bits. Where a processor has fused multiply-adds, they stand in only
 * where the product is exact, or where the separate operations' result is
 * provably the fused one (the residual of the division), so that they
 * give the same bits too. */
#define LN2_HI  6.93147180369123816490e-01 /* 32 bits: k LN2_HI is exact */
#define LN2_LO  1.90821492927058770002e-10
#define INV_LN2 1.44269504088896338700e+00
#define SPLIT   134217729.0 /* 2^27 + 1: Veltkamp's split */

IV_VEC_BEGIN

static IV_VEC_INLINE double bits_to_double(uint64_t u)
{
	double d;
	memcpy(&d, &u, sizeof d);
	return d;
}

static IV_VEC_INLINE uint64_t double_to_bits(double d)
{
	uint64_t u;
	memcpy(&u, &d, sizeof u);
	return u;
}

/* expm1(r) for |r| <= ln2/2 less r and r^2/2's first rounding: Taylor to
 * r^13 (the next term is below 2^-60 of the result). */
static IV_VEC_INLINE double expm1_tail(double r)
{
	double q = 1.0 / 6227020800.0;
	q = q * r + 1.0 / 479001600.0;
	q = q * r + 1.0 / 39916800.0;
	q = q * r + 1.0 / 3628800.0;
	q = q * r + 1.0 / 362880.0;
	q = q * r + 1.0 / 40320.0;
	q = q * r + 1.0 / 5040.0;
	q = q * r + 1.0 / 720.0;
	q = q * r + 1.0 / 120.0;
	q = q * r + 1.0 / 24.0;
	q = q * r + 1.0 / 6.0;
	double r2 = r * r;
	return r2 * 0.5 + r2 * r * q;
}

/* a b + c where a b needs no rounding: one fused multiply-add, when fused,
 * or the product and the sum, for the same bits. */
static IV_VEC_INLINE double madd_exact(double a, double b, double c, bool fused)
{
	return fused ? fma(a, b, c) : a * b + c;
}

/* -a - q d, rounded once, for q within an ulp of -a / d: -a and q d are
 * then within a factor 2 of each other, so that -a - mh is exact
 * (Sterbenz) and, with Dekker's exact product q d = mh + ml, the one
 * rounding left is the fused multiply-add's. */
static IV_VEC_INLINE double div_residual(double a, double q, double d,
					 bool fused)
{
	if (fused)
		return fma(-q, d, -a);
	double sq = SPLIT * q, qh = sq - (sq - q), ql = q - qh;
	double sd = SPLIT * d, hh = sd - (sd - d), hl = d - hh;
	double mh = q * d;
	double ml = ((qh * hh - mh) + qh * hl + ql * hh) + ql * hl;
	return (-a - mh) - ml;
}

static IV_VEC_INLINE double tanh_dw(double x, bool fused)
{
	double a = fabs(x);
	/* e = expm1(t), t = -2|x| = k ln2 + r; tanh(22) rounds to 1 */
	double t = -2.0 * (a < 22.0 ? a : 22.0);
	double kd = t * INV_LN2 + 0x1.8p52; /* k in the low bits */
	uint64_t kb = double_to_bits(kd);
	kd -= 0x1.8p52;
	double rh = madd_exact(-kd, LN2_HI, t, fused); /* exact */
	double klo = kd * LN2_LO, r = rh - klo, rl = (rh - r) - klo;
	/* p = expm1(r) = ph + pl */
	double s = expm1_tail(r), ph = r + s;
	double pl = ((r - ph) + s) + rl * (1.0 + r);
	/* e = 2^k (1 + p) - 1 = (2^k - 1) + 2^k p = eh + el, -64 <= k <= 0 */
	double two_k = bits_to_double((kb << 52) + 0x3ff0000000000000ull);
	double c = two_k - 1.0, cl = (-1.0 - c) + two_k; /* c + cl exact */
	double u = two_k * ph;                           /* exact */
	double eh = c + u;
	double el = madd_exact(two_k, pl, ((c - eh) + u) + cl, fused);
	/* d = 2 + e = dh + dl; y = -e / d from q0 ~ -eh / dh and the exact
	 * residual -eh - q0 dh (Dekker's product) */
	double dh = 2.0 + eh, dl = ((2.0 - dh) + eh) + el;
	double inv = 1.0 / dh, q0 = -eh * inv; /* one division; q0 to 1 ulp */
	double res = div_residual(eh, q0, dh, fused);
	double y = q0 + ((res - el) - q0 * dl) * inv;
	y = a < 0x1p-28 ? a : y; /* tanh x = x - x^3/3: x to the last bit */
	y = copysign(y, x);
	return x != x ? x : y;
}

IV_VEC_CLONES static void tanh_array(const double *x, double *y, size_t n)
{
	for (size_t i = 0; i < n; i++)
		y[i] = tanh_dw(x[i], false);
}

IV_VEC_FUSED_CLONES static void tanh_array_fused(const double *x, double *y,
						 size_t n)
{
	for (size_t i = 0; i < n; i++)
		y[i] = tanh_dw(x[i], true);
}

/* relu and leaky relu (0 or a x below 0, x above; NaN for NaN) and their
 * backward forms, for act() and the arrays alike. */
static IV_VEC_INLINE double relu(double x)
{
	return x > 0 ? x : (x <= 0 ? 0.0 : x);
}

static IV_VEC_INLINE double leaky(double a, double x)
{
	return x > 0 ? x : a * x;
}

static IV_VEC_INLINE double relu_back(double z, double g)
{
	return isnan(z) ? z : (z > 0 ? g : 0.0 * g);
}

static IV_VEC_INLINE double leaky_back(double a, double z, double g)
{
	return g * (isnan(z) ? z : (z > 0 ? 1.0 : a));
}

/* e^t for -708 <= t <= 0 to 2 ulps or so (2^k (1 + p), p = expm1(r) for
 * |r| <= ln2/2); 0 below -708. NaN gives NaN. */
static IV_VEC_INLINE double exp_neg(double t, bool fused)
{
	double c = t < -708.0 ? -708.0 : t;
	double kd = c * INV_LN2 + 0x1.8p52; /* k in the low bits */
	uint64_t kb = double_to_bits(kd);
	kd -= 0x1.8p52;
	double r = madd_exact(-kd, LN2_HI, c, fused) - kd * LN2_LO;
	double p = r + expm1_tail(r);
	double two_k = bits_to_double((kb << 52) + 0x3ff0000000000000ull);
	double u = two_k + two_k * p;
	return t < -708.0 ? 0.0 : u;
}

/* tanh'(z) from h = tanh(z): 1 - h^2 where |h| < 1/2 (a few ulps), else
 * 4u / (1 + u)^2 with u = e^{-2|z|}, where 1 - h^2 would cancel (0 past
 * |z| = 354, where it is below 1e-307; 0 at infinities, NaN for NaN). */
static IV_VEC_INLINE double dtanh(double h, double z, bool fused)
{
	double d1 = 1.0 - h * h;
	double u = exp_neg(-2.0 * fabs(z), fused), s = 1.0 + u;
	double d2 = 4.0 * u / (s * s);
	return fabs(h) < 0.5 ? d1 : d2;
}

IV_VEC_CLONES static void dtanh_array(const double *h, const double *z,
				      const double *g, double *dz, size_t n)
{
	for (size_t i = 0; i < n; i++)
		dz[i] = g[i] * dtanh(h[i], z[i], false);
}

IV_VEC_FUSED_CLONES static void dtanh_array_fused(const double *h,
						  const double *z,
						  const double *g, double *dz,
						  size_t n)
{
	for (size_t i = 0; i < n; i++)
		dz[i] = g[i] * dtanh(h[i], z[i], true);
}
IV_VEC_END

/* The fused forms where the processor has fused multiply-adds: the same
 * bits, fewer operations (tanh 29% faster on AVX-512). */
static atomic_int fused = -1; /* -1: not asked yet; threads may ask at once */

bool iv_act_fused(iv_fused_mode m)
{
	int on = m == IV_FUSED_ON || (m == IV_FUSED_AUTO && IV_VEC_HAS_FMA());
	atomic_store_explicit(&fused, on, memory_order_relaxed);
	return on;
}

static bool use_fused(void)
{
	int on = atomic_load_explicit(&fused, memory_order_relaxed);
	return on < 0 ? iv_act_fused(IV_FUSED_AUTO) : on;
}

static void tanh_array_any(const double *x, double *y, size_t n)
{
	if (use_fused())
		tanh_array_fused(x, y, n);
	else
		tanh_array(x, y, n);
}

void iv_act_tanh_backprop(const double *h, const double *z, const double *g,
			  double *dz, size_t n)
{
	if (use_fused())
		dtanh_array_fused(h, z, g, dz, n);
	else
		dtanh_array(h, z, g, dz, n);
}

/* The exponential kinds (sigmoid, elu, selu, silu, softplus) from the
 * double-word expm1 above: written without branches or library calls, so
 * that their arrays vectorise, and only IEEE additions, multiplications
 * and divisions, so that every processor and vector width gives the same
 * bits. tests/test_act.c checks them against their definitions in long
 * double on 393 216 points each. */
IV_VEC_BEGIN

/* expm1_tail's polynomial by Estrin's scheme: the same terms in three
 * levels of independent products instead of eleven dependent steps, for
 * act() one value at a time (the theory's integrals), where the chain's
 * length is the time. */
static IV_VEC_INLINE double expm1_tail_short(double r)
{
	double r2 = r * r, r4 = r2 * r2, r8 = r4 * r4;
	double a = 1.0 / 6 + r * (1.0 / 24), b = 1.0 / 120 + r * (1.0 / 720);
	double c = 1.0 / 5040 + r * (1.0 / 40320);
	double d = 1.0 / 362880 + r * (1.0 / 3628800);
	double e = 1.0 / 39916800 + r * (1.0 / 479001600);
	double q = (a + r2 * b) + r4 * (c + r2 * d) +
		   r8 * (e + r2 * (1.0 / 6227020800.0));
	return r2 * 0.5 + r2 * r * q;
}

/* e^t - 1 = eh + el for -40 <= t <= 0 (t = k ln2 + r, 2^k (1 + p) - 1
 * with p = expm1(r) a double-word): their sum is a few hundredths of an
 * ulp from the true value before its one rounding. */
static IV_VEC_INLINE void expm1_dw(double t, double *eh, double *el,
				   double *two_k, double *ph, double *pl)
{
	double kd = t * INV_LN2 + 0x1.8p52; /* k in the low bits */
	uint64_t kb = double_to_bits(kd);
	kd -= 0x1.8p52;
	double rh = madd_exact(-kd, LN2_HI, t, false); /* exact */
	double klo = kd * LN2_LO, r = rh - klo, rl = (rh - r) - klo;
	double s = expm1_tail_short(r);
	*ph = r + s;
	*pl = ((r - *ph) + s) + rl * (1.0 + r);
	*two_k = bits_to_double((kb << 52) + 0x3ff0000000000000ull);
	double c = *two_k - 1.0, cl = (-1.0 - c) + *two_k; /* c + cl exact */
	double u = *two_k * *ph;                             /* exact */
	*eh = c + u;
	*el = *two_k * *pl + (((c - *eh) + u) + cl);
}

/* expm1(x) for x <= 0 within an ulp (-1 below -40, where e^x is below
 * half an ulp of 1; -0 stays -0); NaN gives NaN. */
static IV_VEC_INLINE double expm1_neg(double x)
{
	double t = x > 0 ? 0.0 : (x < -40.0 ? -40.0 : x);
	double eh, el, two_k, ph, pl;
	expm1_dw(t, &eh, &el, &two_k, &ph, &pl);
	double y = eh + el;
	return x == 0 || x != x ? x : y;
}

/* e^x for x <= 0 within an ulp, 2^k ((1 + ph) + pl); 0 where it would be
 * subnormal (below ln DBL_MIN: an error below the smallest normal). */
#define LN_DBL_MIN (-708.39641853226408)
static IV_VEC_INLINE double exp_nonpos(double x)
{
	double t = x > 0 ? 0.0 : (x < LN_DBL_MIN ? LN_DBL_MIN : x);
	double eh, el, two_k, ph, pl;
	expm1_dw(t, &eh, &el, &two_k, &ph, &pl); /* k >= -1022 */
	double y = 1.0 + ph, yl = ((1.0 - y) + ph) + pl;
	double e = two_k * (y + yl); /* exact scaling: 2^k is normal */
	return x < LN_DBL_MIN ? 0.0 : (x != x ? x : e);
}

/* sigmoid(x) = 1 / (1 + e) for x >= 0, e / (1 + e) below, e = e^-|x|:
 * the exponential of a non-positive number only, no overflow. */
static IV_VEC_INLINE double sigmoid(double x)
{
	double e = exp_nonpos(-fabs(x));
	return (x >= 0 ? 1.0 : e) / (1.0 + e);
}

/* sigmoid'(x) = s (1 - s) without the cancellation of 1 - s for x >> 0. */
static IV_VEC_INLINE double dsigmoid(double x)
{
	double e = exp_nonpos(-fabs(x));
	return e / ((1.0 + e) * (1.0 + e));
}

static IV_VEC_INLINE double elu(double x)
{
	return x > 0 ? x : expm1_neg(x);
}

static IV_VEC_INLINE double selu(double x)
{
	return IV_SELU_LAMBDA * (x > 0 ? x : IV_SELU_ALPHA * expm1_neg(x));
}

static IV_VEC_INLINE double silu(double x)
{
	return isinf(x) ? (x > 0 ? x : 0.0) : x * sigmoid(x);
}

/* The derivatives; NaN gives NaN. */
static IV_VEC_INLINE double delu(double x)
{
	return x > 0 ? 1.0 : exp_nonpos(x);
}

static IV_VEC_INLINE double dselu(double x)
{
	return IV_SELU_LAMBDA * (x > 0 ? 1.0 : IV_SELU_ALPHA * exp_nonpos(x));
}

static IV_VEC_INLINE double dsilu(double x)
{
	double d = sigmoid(x) + x * dsigmoid(x);
	return isinf(x) ? (x > 0 ? 1.0 : 0.0) : d;
}

/* log(1 + e) for 0 <= e <= 1 within an ulp or so: 1 + e = u + c exactly,
 * u = 2^k m with m in [sqrt(1/2), sqrt(2)], and log m = log(1 + f) =
 * f - (f^2/2 - s (f^2/2 + R)), s = f / (2 + f), R = 2 s^2/3 + 2 s^4/5 +
 * ... (its Taylor series to s^24, below 2^-60 of the sum; f exact and
 * the terms after it at most a fifth of it, so that their roundings
 * hardly count), plus k ln2 and c / u. */
static IV_VEC_INLINE double log1p_unit(double e)
{
	double u = 1.0 + e, c = e - (u - 1.0); /* u - 1 exact */
	bool half = u > 1.4142135623730951;
	double k = half ? 1.0 : 0.0, m = half ? 0.5 * u : u;
	double f = m - 1.0; /* exact: m in [1/2, 2] */
	double s = f / (2.0 + f), z = s * s;
	double R = 2.0 / 25;
	R = R * z + 2.0 / 23;
	R = R * z + 2.0 / 21;
	R = R * z + 2.0 / 19;
	R = R * z + 2.0 / 17;
	R = R * z + 2.0 / 15;
	R = R * z + 2.0 / 13;
	R = R * z + 2.0 / 11;
	R = R * z + 2.0 / 9;
	R = R * z + 2.0 / 7;
	R = R * z + 2.0 / 5;
	R = R * z + 2.0 / 3;
	R *= z;
	double hfsq = 0.5 * f * f;
	double lg = f - (hfsq - s * (hfsq + R));
	return k * LN2_HI + (lg + (k * LN2_LO + c / u));
}

/* log(1 + e^x) = max(x, 0) + log(1 + e^-|x|): no overflow for large x,
 * no cancellation for small; e^x to the last bit far left. */
static IV_VEC_INLINE double softplus(double x)
{
	return (x > 0 ? x : 0.0) + log1p_unit(exp_nonpos(-fabs(x)));
}

IV_VEC_END

/* Standard normal cdf and density. */
static inline double ncdf(double x)
{
	return 0.5 * erfc(-x * M_SQRT1_2);
}
static inline double npdf(double x)
{
	return exp(-0.5 * x * x) * (M_2_SQRTPI * M_SQRT1_2 * 0.5);
}

static inline double act(iv_act_kind k, double a, double x)
{
	switch (k) {
	case IV_ACT_LINEAR: return x;
	case IV_ACT_RELU: return relu(x);
	case IV_ACT_LEAKY_RELU: return leaky(a, x);
	case IV_ACT_TANH: return tanh_dw(x, false);
	case IV_ACT_SIGMOID: return sigmoid(x);
	case IV_ACT_ELU: return elu(x);
	case IV_ACT_SELU: return selu(x);
	case IV_ACT_GELU: return isinf(x) ? (x > 0 ? x : 0.0) : x * ncdf(x);
	case IV_ACT_SILU: return silu(x);
	case IV_ACT_SOFTPLUS: return softplus(x);
	default: return NAN;
	}
}

static inline double deriv(iv_act_kind k, double a, double x)
{
	/* linear's slope does not depend on x: an overflowed forward value
	 * must not turn a finite gradient into NaN */
	if (k == IV_ACT_LINEAR)
		return 1.0;
	if (isnan(x))
		return x;
	switch (k) {
	case IV_ACT_LINEAR: return 1.0;
	case IV_ACT_RELU: return x > 0 ? 1.0 : 0.0;
	case IV_ACT_LEAKY_RELU: return x > 0 ? 1.0 : a;
	case IV_ACT_TANH: {
		double c = 1.0 / cosh(x); /* 1 - tanh^2 cancels for |x| >> 0 */
		return c * c;
	}
	case IV_ACT_SIGMOID: return dsigmoid(x);
	case IV_ACT_ELU: return delu(x);
	case IV_ACT_SELU: return dselu(x);
	case IV_ACT_GELU:
		if (isinf(x))
			return x > 0 ? 1.0 : 0.0;
		return ncdf(x) + x * npdf(x);
	case IV_ACT_SILU: return dsilu(x);
	case IV_ACT_SOFTPLUS: return sigmoid(x);
	default: return NAN;
	}
}

/* The piecewise-linear kinds as arrays: selects and one multiplication,
 * vectorised (vec.h), the scalar forms' bits. */
IV_VEC_BEGIN
IV_VEC_CLONES static void relu_array(const double *x, double *y, size_t n)
{
	for (size_t i = 0; i < n; i++)
		y[i] = relu(x[i]);
}

IV_VEC_CLONES static void leaky_array(double a, const double *x, double *y,
				      size_t n)
{
	for (size_t i = 0; i < n; i++)
		y[i] = leaky(a, x[i]);
}

IV_VEC_CLONES static void relu_back_array(const double *z, const double *g,
					  double *y, size_t n)
{
	for (size_t i = 0; i < n; i++)
		y[i] = relu_back(z[i], g[i]);
}

IV_VEC_CLONES static void leaky_back_array(double a, const double *z,
					   const double *g, double *y,
					   size_t n)
{
	for (size_t i = 0; i < n; i++)
		y[i] = leaky_back(a, z[i], g[i]);
}

/* The exponential kinds: y = phi(x), and y = g phi'(z) (NaN for NaN;
 * softplus' is the sigmoid). */
#define IV_EXP_ARRAYS(name, f, df)                                             \
	IV_VEC_CLONES static void name##_array(const double *x, double *y,    \
					       size_t n)                       \
	{                                                                      \
		for (size_t i = 0; i < n; i++)                                 \
			y[i] = f(x[i]);                                        \
	}                                                                      \
	IV_VEC_CLONES static void name##_back_array(                           \
	    const double *z, const double *g, double *y, size_t n)             \
	{                                                                      \
		for (size_t i = 0; i < n; i++)                                 \
			y[i] = g[i] * (z[i] != z[i] ? z[i] : df(z[i]));        \
	}
IV_EXP_ARRAYS(sigmoid, sigmoid, dsigmoid)
IV_EXP_ARRAYS(elu, elu, delu)
IV_EXP_ARRAYS(selu, selu, dselu)
IV_EXP_ARRAYS(silu, silu, dsilu)
IV_EXP_ARRAYS(softplus, softplus, sigmoid)
#undef IV_EXP_ARRAYS

/* sigmoid' from h = sigmoid(z) where h (1 - h) is exact to a few ulps
 * (h <= 1/2), else from z, where 1 - h would cancel. */
IV_VEC_CLONES static void sigmoid_back_h_array(const double *h,
					       const double *z,
					       const double *g, double *dz,
					       size_t n)
{
	for (size_t i = 0; i < n; i++) {
		double d = h[i] * (1.0 - h[i]), e = dsigmoid(z[i]);
		dz[i] = g[i] * (h[i] <= 0.5 ? d : (z[i] != z[i] ? z[i] : e));
	}
}
IV_VEC_END

double iv_act(iv_act_kind k, double slope, double x)
{
	return act(k, slope, x);
}

double iv_act_deriv(iv_act_kind k, double slope, double x)
{
	return deriv(k, slope, x);
}

void iv_act_apply(iv_act_kind k, double slope, const double *x, double *y,
		  size_t n)
{
	switch (k) { /* one loop per kind so the compiler can vectorise */
	case IV_ACT_LINEAR:
		for (size_t i = 0; i < n; i++)
			y[i] = x[i];
		break;
	case IV_ACT_RELU: relu_array(x, y, n); break;
	case IV_ACT_LEAKY_RELU: leaky_array(slope, x, y, n); break;
	case IV_ACT_TANH: tanh_array_any(x, y, n); break;
	case IV_ACT_SIGMOID: sigmoid_array(x, y, n); break;
	case IV_ACT_ELU: elu_array(x, y, n); break;
	case IV_ACT_SELU: selu_array(x, y, n); break;
	case IV_ACT_SILU: silu_array(x, y, n); break;
	case IV_ACT_SOFTPLUS: softplus_array(x, y, n); break;
	default:
		for (size_t i = 0; i < n; i++)
			y[i] = act(k, slope, x[i]);
		break;
	}
}

void iv_act_backprop(iv_act_kind k, double slope, const double *z,
		     const double *g, double *y, size_t n)
{
	switch (k) {
	case IV_ACT_LINEAR:
		for (size_t i = 0; i < n; i++)
			y[i] = g[i];
		break;
	case IV_ACT_RELU: relu_back_array(z, g, y, n); break;
	case IV_ACT_LEAKY_RELU: leaky_back_array(slope, z, g, y, n); break;
	case IV_ACT_SIGMOID: sigmoid_back_array(z, g, y, n); break;
	case IV_ACT_ELU: elu_back_array(z, g, y, n); break;
	case IV_ACT_SELU: selu_back_array(z, g, y, n); break;
	case IV_ACT_SILU: silu_back_array(z, g, y, n); break;
	case IV_ACT_SOFTPLUS: softplus_back_array(z, g, y, n); break;
	default:
		for (size_t i = 0; i < n; i++)
			y[i] = g[i] * deriv(k, slope, z[i]);
		break;
	}
}

void iv_act_sigmoid_backprop(const double *h, const double *z, const double *g,
			     double *dz, size_t n)
{
	sigmoid_back_h_array(h, z, g, dz, n);
}
