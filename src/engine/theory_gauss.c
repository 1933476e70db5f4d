/* SPDX-License-Identifier: MIT */
/* Gaussian expectations of activations, for any mean: closed forms where
 * they are exact and stable, Gauss-Hermite for smooth functions on scales
 * of 1 or more, adaptive quadrature split where the activation bends
 * otherwise; and pair expectations over two correlated inputs. */
#include <math.h>
#include <stdlib.h>
#include <gsl/gsl_sf_erf.h>
#include <initviz/act.h>
#include "theory_impl.h"

#define LIMIT  1000  /* intervals of the adaptive workspaces */
#define X_BEND 40.0  /* the activations bend within |x| < X_BEND */
#define Z_MAX  40.0  /* N(0,1) puts less than 1e-348 beyond */
#define Q_BIG  1e300 /* above it a variance is treated by its limit */
#define SPIKE_V 1e12 /* a variance against which tanh' is a spike */
/* an error estimate this small is of terms past a double's normal range */
#define TINY 1e-300
/* Below this std the elu family's closed form loses digits to
 * cancellation (E[(e^x - 1)^2; x < 0] ~ s^2 from terms ~ 1/2): quadrature */
#define ELU_CLOSED_MIN 0.5

static double ncdf(double x)
{
	return 0.5 * erfc(-x * M_SQRT1_2);
}
static double npdf(double x)
{
	return exp(-0.5 * x * x) / sqrt(2 * M_PI);
}

void iv_act_limit_slopes(iv_act_kind k, double slope, double *pos, double *neg)
{
	*pos = 1.0;
	*neg = 0.0;
	switch (k) {
	case IV_ACT_LINEAR: *neg = 1.0; break;
	case IV_ACT_LEAKY_RELU: *neg = slope; break;
	case IV_ACT_SELU: *pos = IV_SELU_LAMBDA; break;
	case IV_ACT_TANH:
	case IV_ACT_SIGMOID: *pos = 0.0; break;
	default: break; /* relu, elu, gelu, silu, softplus: relu */
	}
}

static double point(iv_act_kind k, double a, double x, iv_moment what)
{
	double d;
	switch (what) {
	case IV_MOM_PHI: return iv_act(k, a, x);
	case IV_MOM_PHI2: d = iv_act(k, a, x); return d * d;
	case IV_MOM_DPHI: return iv_act_deriv(k, a, x);
	default: d = iv_act_deriv(k, a, x); return d * d;
	}
}

/* Linear on each half-line: phi = x (x > 0), a x (x <= 0); the truncated
 * moments of N(m, s^2) on each side, each without cancellation. */
static double piecewise(double a, double m, double s, iv_moment what)
{
	double t = m / s, pp = ncdf(t), pn = ncdf(-t), d = npdf(t);
	switch (what) {
	case IV_MOM_PHI:
		if (m == 0) /* also s = Inf */
			return a == 1 ? 0.0 : (1 - a) * s * d;
		return m * pp + s * d + a * (m * pn - s * d);
	case IV_MOM_PHI2:
		return (m * m + s * s) * (pp + a * a * pn) +
		       (1 - a * a) * m * s * d;
	case IV_MOM_DPHI: return pp + a * pn;
	default: return pp + a * a * pn;
	}
}

/* log(e^{t^2/2} Phi(-t)), without overflow for large |t|. */
static double log_exp_tail(double t)
{
	if (t > 1e3) { /* the asymptotic series; its next term is < 1e-17 */
		double u = 1 / (t * t);
		return log((1 - u * (1 - u * (3 - 15 * u))) /
			   (t * sqrt(2 * M_PI)));
	}
	return 0.5 * t * t + gsl_sf_log_erfc(t * M_SQRT1_2) - M_LN2;
}

/* E[e^{kx}; x < 0] for x ~ N(m, s^2) = e^{km + k^2 s^2/2} Phi(-t),
 * t = (m + k s^2)/s; in the form that neither overflows nor cancels. */
static double exp_below(double k, double m, double s)
{
	double t = (m + k * s * s) / s;
	if (t < 30)
		return exp(k * m + 0.5 * k * k * s * s +
			   gsl_sf_log_erfc(t * M_SQRT1_2) - M_LN2);
	if (m == 0)
		return exp(log_exp_tail(t));
	return exp(-0.5 * (m / s) * (m / s) + log_exp_tail(t));
}

/* phi = lam x (x > 0), lam al (e^x - 1) (x <= 0). */
static double elu_family(double lam, double al, double m, double s,
			 iv_moment what)
{
	double t = m / s, pp = ncdf(t), pn = ncdf(-t), d = npdf(t);
	double e1 = exp_below(1, m, s);
	switch (what) {
	case IV_MOM_PHI: return lam * (m * pp + s * d + al * (e1 - pn));
	case IV_MOM_PHI2: {
		double e2 = exp_below(2, m, s);
		return lam * lam *
		       ((m * m + s * s) * pp + m * s * d +
			al * al * (e2 - 2 * e1 + pn));
	}
	case IV_MOM_DPHI: return lam * (pp + al * e1);
	default: return lam * lam * (pp + al * al * exp_below(2, m, s));
	}
}

/* E_z[G(m + s z)] */
typedef double (*xfun)(double x, void *arg);

struct zarg {
	xfun g;
	void *arg;
	double m, s;
};

static double z_term(double z, void *p)
{
	const struct zarg *a = p;
	return a->g(a->m + a->s * z, a->arg) * npdf(z);
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* f over [b[0], b[n-1]] in pieces between the n points b (sorted here),
 * each by adaptive quadrature. A failed piece (roundoff, no convergence)
 * is kept only when the error estimate still makes the whole accurate to
 * 1e-8, or when the whole is nothing but underflow: a tail 38 stds out
 * (gelu's mean at a large negative X in a pair's inner integral), whose
 * terms are subnormal and whose relative error no rule can reach; else
 * NAN. */
static double qags_pieces(gsl_integration_workspace *ws, gsl_function *f,
			  double *b, int n)
{
	double sum = 0, err = 0;
	int st = 0;
	qsort(b, (size_t)n, sizeof b[0], cmp_double);
	for (int i = 0; i + 1 < n; i++) {
		double v = 0, e = 0;
		if (!(b[i + 1] > b[i]))
			continue;
		st |= gsl_integration_qags(f, b[i], b[i + 1], 0.0, 1e-12,
					   LIMIT, ws, &v, &e);
		sum += v;
		err += e;
	}
	if (st && !(err <= 1e-8 * fabs(sum)) && !(err <= TINY))
		return NAN;
	return sum;
}

/* Adaptive quadrature over |z| < Z_MAX in pieces split at z = 0, where x
 * crosses 0, and where x leaves the band |x| < w in which G bends: at
 * large s that band is a sliver a rule could step over (tanh'^2 is
 * nothing but that sliver). */
static double expect_adaptive(gsl_integration_workspace *ws, xfun g, void *arg,
			      double m, double s, double w)
{
	struct zarg za = {g, arg, m, s};
	gsl_function f = {z_term, &za};
	double b[6] = {-Z_MAX, Z_MAX, 0.0, -m / s, (-w - m) / s, (w - m) / s};
	for (int i = 2; i < 6; i++)
		b[i] = fmax(-Z_MAX, fmin(Z_MAX, b[i]));
	return qags_pieces(ws, &f, b, 6);
}

static double expect_gh(const iv_theory *th, xfun g, void *arg, double m,
			double s)
{
	double sum = 0;
	for (size_t i = 0; i < IV_GH_NODES; i++)
		sum += th->w[i] * g(m + s * th->x[i], arg);
	return sum;
}

struct marg {
	iv_act_kind k;
	double a;
	iv_moment what;
};

static double moment_term(double x, void *p)
{
	const struct marg *a = p;
	return point(a->k, a->a, x, a->what);
}

/* expect_gh of moment_term with the activation applied to all the nodes
 * at once: its arrays vectorise, where act() one value at a time waits on
 * each value's chain of operations. The arrays give act()'s bits
 * (test_act) and the sum runs in the same order: the same number. */
static double moment_gh(const iv_theory *th, const struct marg *ma, double m,
			double s)
{
	double x[IV_GH_NODES], y[IV_GH_NODES], sum = 0;
	bool d = ma->what == IV_MOM_DPHI || ma->what == IV_MOM_DPHI2;
	for (size_t i = 0; i < IV_GH_NODES; i++) {
		x[i] = m + s * th->x[i];
		y[i] = 1.0;
	}
	if (d) /* 1 phi'(x) */
		iv_act_backprop(ma->k, ma->a, x, y, y, IV_GH_NODES);
	else
		iv_act_apply(ma->k, ma->a, x, y, IV_GH_NODES);
	bool square = ma->what == IV_MOM_PHI2 || ma->what == IV_MOM_DPHI2;
	for (size_t i = 0; i < IV_GH_NODES; i++)
		sum += th->w[i] * (square ? y[i] * y[i] : y[i]);
	return sum;
}

/* E_z[F(m + s z); lo < z < hi] by Gauss-Legendre, F smooth there. */
static double moment_gl(const iv_theory *th, const struct marg *ma, double m,
			double s, double lo, double hi)
{
	double x[IV_GL_NODES], y[IV_GL_NODES], sum = 0;
	double c = 0.5 * (lo + hi), h = 0.5 * (hi - lo);
	if (!(h > 0))
		return 0.0;
	for (size_t i = 0; i < IV_GL_NODES; i++) {
		x[i] = m + s * (c + h * th->gx[i]);
		y[i] = 1.0;
	}
	if (ma->what == IV_MOM_DPHI || ma->what == IV_MOM_DPHI2)
		iv_act_backprop(ma->k, ma->a, x, y, y, IV_GL_NODES);
	else
		iv_act_apply(ma->k, ma->a, x, y, IV_GL_NODES);
	bool square = ma->what == IV_MOM_PHI2 || ma->what == IV_MOM_DPHI2;
	for (size_t i = 0; i < IV_GL_NODES; i++)
		sum += th->gw[i] * npdf(c + h * th->gx[i]) *
		       (square ? y[i] * y[i] : y[i]);
	return h * sum;
}

/* The elu family below ELU_CLOSED_MIN: smooth on each side of 0, where
 * it bends, and all but constant on the scale of the Gaussian there, so
 * a fixed rule on each side of the bend is exact to rounding (test_theory
 * holds it to the adaptive rule) at a hundredth of the cost. N(0, 1)
 * puts 1e-33 of its mass beyond Z_GL: past every digit of the sum. */
#define Z_GL 12.0
static double moment_bent(const iv_theory *th, const struct marg *ma,
			  double m, double s)
{
	double z0 = fmax(-Z_GL, fmin(Z_GL, -m / s));
	return moment_gl(th, ma, m, s, -Z_GL, z0) +
	       moment_gl(th, ma, m, s, z0, Z_GL);
}

double iv_gauss_moment_adaptive(iv_theory *th, iv_act_kind k, double slope,
				double m, double v, iv_moment what)
{
	struct marg ma = {k, slope, what};
	return expect_adaptive(th->ws, moment_term, &ma, m, sqrt(v), X_BEND);
}

static bool smooth(iv_act_kind k)
{
	return k == IV_ACT_TANH || k == IV_ACT_SIGMOID || k == IV_ACT_GELU ||
	       k == IV_ACT_SILU || k == IV_ACT_SOFTPLUS;
}

static double moment_ws(iv_theory *th, gsl_integration_workspace *ws,
			iv_act_kind k, double a, double m, double v,
			iv_moment what);

/* Beyond Q_BIG (v may be infinite) the mean does not matter: a moment
 * that still grows with v is infinite; one that decays (tanh'^2,
 * sigmoid'^2: the sliver where phi bends, a share 1/sqrt(v) of the
 * Gaussian) goes on decaying as 1/sqrt(v); one that does neither (tanh^2,
 * sigmoid^2, relu'^2) has settled by 1e300. */
static double moment_limit(iv_theory *th, gsl_integration_workspace *ws,
			   iv_act_kind k, double a, double v, iv_moment what)
{
	double r1 = moment_ws(th, ws, k, a, 0.0, Q_BIG / 100, what);
	double r2 = moment_ws(th, ws, k, a, 0.0, Q_BIG, what);
	if (fabs(r2) > 2 * fabs(r1))
		return copysign(INFINITY, r2);
	if (fabs(r2) < 0.5 * fabs(r1))
		return r2 * sqrt(Q_BIG / v);
	return r2;
}

static double moment_ws(iv_theory *th, gsl_integration_workspace *ws,
			iv_act_kind k, double a, double m, double v,
			iv_moment what)
{
	struct marg ma = {k, a, what};
	if (k == IV_ACT_LINEAR && what == IV_MOM_DPHI2)
		return 1.0; /* whatever the input, even one that overflowed */
	if (isnan(v) || isnan(m) || v < 0)
		return NAN;
	if (v == 0 && smooth(k))
		return point(k, a, m, what);
	if (v > Q_BIG)
		return moment_limit(th, ws, k, a, v, what);
	/* v = 0: the limit v -> 0+, which at a kink (relu at m = 0) is not
	 * the value at the point: E[relu'(z)^2] = 1/2 at every v > 0 */
	double s = v == 0 ? 1e-300 : sqrt(v);
	bool closed = s >= ELU_CLOSED_MIN || v == 0;
	switch (k) {
	case IV_ACT_LINEAR:
		return what == IV_MOM_PHI    ? m
		       : what == IV_MOM_PHI2 ? m * m + v
					     : 1.0;
	case IV_ACT_RELU: return piecewise(0.0, m, s, what);
	case IV_ACT_LEAKY_RELU: return piecewise(a, m, s, what);
	case IV_ACT_ELU:
		if (closed)
			return elu_family(1.0, 1.0, m, s, what);
		return moment_bent(th, &ma, m, s);
	case IV_ACT_SELU:
		if (closed)
			return elu_family(IV_SELU_LAMBDA, IV_SELU_ALPHA, m, s,
					  what);
		return moment_bent(th, &ma, m, s);
	default: break;
	}
	if (s <= 1.0 && smooth(k))
		return moment_gh(th, &ma, m, s);
	return expect_adaptive(ws, moment_term, &ma, m, s, X_BEND);
}

double iv_gauss_moment(iv_theory *th, iv_act_kind k, double slope, double m,
		       double v, iv_moment what)
{
	return moment_ws(th, th->ws, k, slope, m, v, what);
}

/* A group's normalized entry: z = sqrt(g - 1) c, c the coordinate of a
 * point uniform on the sphere of the g - 1 dimensions orthogonal to the
 * group's mean, so that E[z^2] = 1 and |z| <= sqrt(g - 1). Its density,
 * C (1 - z^2/(g - 1))^((g - 4)/2), C = Gamma((g - 1)/2) / (Gamma((g -
 * 2)/2) sqrt(pi (g - 1))), tends to N(0, 1)'s as g grows. */
struct sarg {
	struct marg ma;
	double s, g, logc;
};

static double sphere_term(double z, void *p)
{
	const struct sarg *a = p;
	double d = a->logc + (a->g - 4) / 2 * log1p(-z * z / (a->g - 1));
	return point(a->ma.k, a->ma.a, a->s * z, a->ma.what) * exp(d);
}

double iv_group_moment(iv_theory *th, iv_act_kind k, double slope, double v,
		       size_t group, iv_moment what)
{
	struct sarg sa = {{k, slope, what}, sqrt(v), (double)group, 0};
	if (isnan(v) || v < 0 || group == 0)
		return NAN;
	if (k == IV_ACT_LINEAR && what == IV_MOM_DPHI2)
		return 1.0;
	if (v == 0 || v > Q_BIG) /* the Gaussian's limits */
		return iv_gauss_moment(th, k, slope, 0.0, v, what);
	if (group == 1) /* the entry less the group's mean: 0 */
		return point(k, slope, 0.0, what);
	if (group == 2) /* +-sqrt(v), half the time each */
		return (point(k, slope, sa.s, what) +
			point(k, slope, -sa.s, what)) / 2;
	double g = sa.g, end = fmin(sqrt(g - 1), Z_MAX);
	sa.logc = lgamma((g - 1) / 2) - lgamma((g - 2) / 2) -
		  0.5 * log(M_PI * (g - 1));
	gsl_function f = {sphere_term, &sa};
	/* pieces split at 0 and where s z leaves the band in which phi
	 * bends, as expect_adaptive's; qags takes the ends' singularity at
	 * g = 3 */
	double w = sa.s > 0 ? fmin(X_BEND / sa.s, end) : end;
	double b[5] = {-end, -w, 0.0, w, end};
	return qags_pieces(th->ws, &f, b, 5);
}

/* Pairs: for r >= 0 write u_i = X + sqrt(v (1 - r)) y_i with X ~ N(m, v r)
 * shared and y_1, y_2 independent; then E[F(u1) F(u2)] = E_X[psi(X)^2],
 * psi(X) = E_y[F(X + sqrt(v (1 - r)) y)], a one-dimensional moment. For
 * r < 0, u_2 = 2m - X + ...: E_X[psi(X) psi(2m - X)]. */
struct parg {
	iv_theory *th;
	iv_act_kind k;
	double a, m, v_in;
	iv_moment what;
	bool neg;
};

static double pair_term(double x, void *p)
{
	const struct parg *a = p;
	double p1 =
	    moment_ws(a->th, a->th->ws_in, a->k, a->a, x, a->v_in, a->what);
	if (!a->neg)
		return p1 * p1;
	return p1 * moment_ws(a->th, a->th->ws_in, a->k, a->a, 2 * a->m - x,
			      a->v_in, a->what);
}

/* Beyond Q_BIG, as moment_limit: the mean does not matter, and the pair
 * follows the power of v it follows between 1e298 and 1e300 (v^0 where
 * it has settled, as tanh's E[phi phi]; v^-1 for tanh' E[phi' phi'] at
 * r < 1, the two slivers where phi bends meeting by chance; v^-1/2 at
 * r = 1; v^1 for relu's E[phi phi]). */
static double pair_limit(iv_theory *th, iv_act_kind k, double slope, double v,
			 double r, bool deriv)
{
	double r1 = iv_gauss_pair(th, k, slope, 0.0, Q_BIG / 100, r, deriv);
	double r2 = iv_gauss_pair(th, k, slope, 0.0, Q_BIG, r, deriv);
	if (!isfinite(r1) || !isfinite(r2))
		return NAN;
	if (r1 == 0 || r2 == 0 || (r1 < 0) != (r2 < 0))
		return r2; /* settled at 0, or no power to follow */
	double power = log(r2 / r1) / log(100.0);
	power = round(2 * power) / 2; /* the powers above, not noise */
	return power == 0 ? r2 : r2 * pow(v / Q_BIG, power);
}

double iv_gauss_pair(iv_theory *th, iv_act_kind k, double slope, double m,
		     double v, double r, bool deriv)
{
	if (isnan(v) || isnan(m) || isnan(r) || v < 0 || fabs(r) > 1)
		return NAN;
	if (v > Q_BIG)
		return pair_limit(th, k, slope, v, r, deriv);
	double ar = fabs(r), v_out = v * ar;
	struct parg pa = {
	    th,   k, slope, m, v * (1 - ar), deriv ? IV_MOM_DPHI : IV_MOM_PHI,
	    r < 0};
	if (v_out == 0)
		return pair_term(m, &pa);
	double p, n;
	iv_act_limit_slopes(k, slope, &p, &n);
	if (deriv && p == 0 && n == 0 && pa.v_in >= SPIKE_V) {
		/* tanh', sigmoid': a spike of area L, narrow against the
		 * inner std a, so psi(X) = L npdf(X / a) / a (to 1 / a^2
		 * relatively), and E_X over N(m, v_out) is Gaussian: the
		 * quadrature's sliver is lost to rounding past v ~ 1e20 */
		double L = iv_act(k, slope, 1e300) - iv_act(k, slope, -1e300);
		double a2 = pa.v_in, g = L * L / (2 * M_PI * a2) /
					sqrt(1 + 2 * v_out / a2);
		return g * exp(-m * m / (r < 0 ? a2 : a2 + 2 * v_out));
	}
	double s = sqrt(v_out), s_in = sqrt(pa.v_in);
	/* psi is smooth on the scale of phi (smooth activations) or of the
	 * inner std (kinked ones): Gauss-Hermite only for the former */
	if (s <= 1.0 && smooth(k))
		return expect_gh(th, pair_term, &pa, m, s);
	return expect_adaptive(th->ws, pair_term, &pa, m, s, X_BEND + 6 * s_in);
}

/* x = m + c + t + e with c ~ U(-a, a) (a unit's bias), t ~ N(0, vm) (the
 * rest of the unit's mean) and e ~ N(0, w) (its spread over the batch). */
struct uarg {
	iv_theory *th;
	iv_act_kind k;
	double slope, m, a, sm, w;
	iv_moment what;
	bool square;
};

/* The density of c + t at y: a box smoothed by t's Gaussian; the upper
 * tails on the right, where P - P would cancel. */
static double box_density(double y, double a, double sm)
{
	double lo = (y - a) / sm, hi = (y + a) / sm;
	double p =
	    y > 0 ? gsl_sf_erfc(lo * M_SQRT1_2) - gsl_sf_erfc(hi * M_SQRT1_2)
		  : gsl_sf_erfc(-hi * M_SQRT1_2) - gsl_sf_erfc(-lo * M_SQRT1_2);
	return 0.25 * p / a;
}

static double ubias_term(double y, void *p)
{
	const struct uarg *u = p;
	double f = moment_ws(u->th, u->th->ws, u->k, u->slope, u->m + y, u->w,
			     u->what);
	if (u->square)
		f *= f;
	return u->square && u->sm > 0 ? f * box_density(y, u->a, u->sm)
				      : f / (2 * u->a);
}

double iv_ubias_moment(iv_theory *th, iv_act_kind k, double slope, double m,
		       double a, double vm, double w, iv_moment what,
		       bool square)
{
	if (isnan(m) || isnan(a) || isnan(vm) || isnan(w) || vm < 0 || w < 0 ||
	    !(a > 0) || isinf(a) || isinf(vm) || isinf(w))
		return NAN;
	double sm = sqrt(vm);
	struct uarg u = {th, k, slope, m, a, sm, w, what, square};
	if (!square) { /* E[F] needs only c and the Gaussian t + e */
		u.sm = 0;
		u.w = w + vm;
	}
	gsl_function f = {ubias_term, &u};
	/* beyond 12 stds of t the box's smoothed edges hold nothing a double
	 * keeps; the kinks where x's mean crosses 0 and the box's edges
	 * split the range */
	double r = a + 12 * u.sm, b[5] = {-r, r, -a, a, fmax(-r, fmin(r, -m))};
	return qags_pieces(th->ws_in, &f, b, 5);
}
