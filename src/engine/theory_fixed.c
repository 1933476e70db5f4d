/* SPDX-License-Identifier: MIT */
/* The length map and the correlation map: their fixed points found by
 * bracketing a root of map(x) - x, the depth scales, and samples of the
 * maps for drawing them. */
#include <math.h>
#include <initviz/act.h>
#include "theory_impl.h"

#define TOL_GAP 1e-13 /* |q' - q| within this of q is 0 to rounding */
/* A chi within this of 1 is 1: its depth scale, over 1e9 layers, is
 * infinite for any network (and past what a critical gain found to 1e-10
 * pins down) */
#define TOL_ONE     1e-9
#define TOL_NEUTRAL 1e-12 /* q' = A q with A within this of 1: neutral */
#define TOL_C       1e-12 /* |c' - c| within this is 0 */
#define V_MIN       1e-300
#define V_MAX       1e300
#define ROOT_MAX    200 /* iterations of the root finder */
/* decades scanned for a bracket: more than V_MAX/V_MIN spans */
#define SCAN_MAX 700
/* The first steps of a scan double (or halve) v, some 19 decades, then
 * it goes a decade at a time: near the activation's scales the gap can
 * change sign and back within a decade (sigmoid with a bias of -3 at
 * sigma_w^2 82: roots at v 0.31, 3.0 and 11.3), which decade steps miss. */
#define FINE_STEPS 64

static const char *const fixed_names[] = {
#define IV_X(e, name) [e] = name,
    IV_FIXED_LIST(IV_X)
#undef IV_X
};

const char *iv_fixed_kind_name(iv_fixed_kind k)
{
	return (unsigned)k < IV_FIXED_COUNT ? fixed_names[k] : NULL;
}

/* A function whose root is sought, with the size of its rounding. */
typedef double (*gap_fn)(void *ctx, double x, double *tol);

/* Illinois' regula falsi on [a, b] with g(a) > 0 > g(b) (a, b in either
 * order): superlinear, and never leaves the bracket. */
static double illinois(gap_fn g, void *ctx, double a, double fa, double b,
		       double fb)
{
	int side = 0;
	for (int i = 0; i < ROOT_MAX; i++) {
		double c = (a * fb - b * fa) / (fb - fa), tol;
		if (!(c > fmin(a, b) && c < fmax(a, b)))
			c = 0.5 * (a + b);
		double fc = g(ctx, c, &tol);
		if (!(fabs(fc) > tol) || fabs(b - a) <= 1e-15 * fabs(c))
			return c;
		if (fc > 0) {
			a = c;
			fa = fc;
			if (side == 1)
				fb *= 0.5;
			side = 1;
		} else {
			b = c;
			fb = fc;
			if (side == -1)
				fa *= 0.5;
			side = -1;
		}
	}
	return 0.5 * (a + b);
}

struct lctx {
	iv_theory *th;
	const iv_theory_map *m;
};

/* q' - b^2 for the variance v = q - b^2: sigma_w^2 E[phi^2] + s^2 over
 * N(b, v). */
static double length_image(const struct lctx *c, double v)
{
	const iv_theory_map *m = c->m;
	return m->sigma_w2 * iv_gauss_moment(c->th, m->act, m->slope, m->bias,
					     v, IV_MOM_PHI2) +
	       m->bias_var;
}

/* q' - q in terms of the variance v = q - b^2. */
static double length_gap(void *p, double v, double *tol)
{
	const struct lctx *c = p;
	double f = length_image(c, v);
	/* an image past a double's range is above q, not a gap lost in
	 * rounding: its tolerance stays that of q */
	if (tol)
		*tol = TOL_GAP * (isinf(f) ? v : fmax(fabs(f), v));
	return f - v;
}

double iv_theory_length_map(iv_theory *th, const iv_theory_map *m, double q)
{
	struct lctx c = {th, m};
	double v = q - m->bias * m->bias;
	if (!(v >= 0))
		return NAN;
	/* the image itself: (f - v) + v loses f where f is far below v (a
	 * map 1e-150 at v 1e-96 came back 0) */
	return length_image(&c, v) + m->bias * m->bias;
}

/* The least (sgn 1) or the largest (sgn -1) gap on [a, b], which holds a
 * local minimum or maximum of it (golden-section search), its place in
 * *at; it stops at the first gap past its rounding on the other side of
 * 0, which brackets a root. NAN when the map is not a number. */
static double gap_extreme(struct lctx *c, double a, double b, double sgn,
			  double *at)
{
	const double r = 0.5 * (sqrt(5.0) - 1);
	double x1 = b - r * (b - a), x2 = a + r * (b - a), t1, t2;
	double g1 = sgn * length_gap(c, x1, &t1),
	       g2 = sgn * length_gap(c, x2, &t2);
	*at = x1;
	for (int i = 0; i < ROOT_MAX && b - a > 1e-12 * b; i++) {
		if (isnan(g1) || isnan(g2))
			return NAN;
		if (g1 < -t1 || g2 < -t2)
			break;
		if (g1 <= g2) {
			b = x2;
			x2 = x1;
			g2 = g1;
			t2 = t1;
			x1 = b - r * (b - a);
			g1 = sgn * length_gap(c, x1, &t1);
		} else {
			a = x1;
			x1 = x2;
			g1 = g2;
			t1 = t2;
			x2 = a + r * (b - a);
			g2 = sgn * length_gap(c, x2, &t2);
		}
	}
	*at = g1 <= g2 ? x1 : x2;
	return sgn * fmin(g1, g2);
}

/* Downwards from v0 where q' < q: the largest root below it. Where the
 * gap is lost in rounding (tanh at sigma_w = 1 has q' - q ~ -2 q^2) the
 * scan goes on: only a gap of the other sign brackets a root. Where the
 * gap rises and falls again between the scan's points it looks for the
 * largest gap in between: a stretch of q' > q narrower than a step holds
 * the root the iterates stop at. */
static double root_below(struct lctx *c, double v0, double g0)
{
	double hi = v0, ghi = g0, prev = v0, gprev = g0, g, tol, v = v0;
	for (int k = 0; k < SCAN_MAX + FINE_STEPS; k++) {
		if (!((v /= k < FINE_STEPS ? 2 : 10) >= V_MIN))
			break;
		g = length_gap(c, v, &tol);
		if (isnan(g))
			return NAN;
		if (g > tol)
			return illinois(length_gap, c, v, g, hi, ghi);
		if (ghi > gprev && ghi > g) {
			double at, gm = gap_extreme(c, v, prev, -1.0, &at), tm = 0;
			if (isnan(gm))
				return NAN;
			length_gap(c, at, &tm);
			if (gm > tm)
				return at < hi
				           ? illinois(length_gap, c, at, gm, hi, ghi)
				           : illinois(length_gap, c, at, gm, prev,
				                      gprev);
		}
		if (g < -tol) {
			prev = hi;
			gprev = ghi;
			hi = v;
			ghi = g;
		}
	}
	g = length_gap(c, 0.0, &tol); /* sigma_w^2 phi(b)^2 + s^2 >= 0 */
	return g > 0 ? illinois(length_gap, c, 0.0, g, hi, ghi) : 0.0;
}

/* Upwards from v0 where q' > q: the smallest root above, DIVERGES when q
 * grows without bound, NAN when the map is not a number. A is the slope
 * of the map at large q. Where the gap falls and then rises again
 * between the scan's points it looks for the least gap in between: a map
 * whose gap dips below 0 over a stretch narrower than a step (a stable
 * fixed point, then an unstable one, then growth: softplus, relu and
 * leaky relu with biases near sigma_w^2 (p^2 + n^2) / 2 = 1) has its root
 * there, and the iterates stop at it. */
#define DIVERGES (-1.0)
static double root_above(struct lctx *c, double v0, double g0, double A)
{
	const iv_theory_map *m = c->m;
	double prev = v0, gprev = g0, lo = v0, glo = g0, step = g0, g, tol;
	double big = 1e6 * (1 + m->bias * m->bias + m->bias_var);
	for (int k = 0; k < SCAN_MAX + FINE_STEPS; k++) {
		double v = v0 + step;
		step *= k < FINE_STEPS ? 2 : 10;
		if (!(v <= V_MAX))
			break;
		g = length_gap(c, v, &tol);
		if (isnan(g))
			return NAN;
		if (g < -tol)
			return illinois(length_gap, c, lo, glo, v, g);
		if (glo < gprev && g > glo) {
			double at, gm = gap_extreme(c, prev, v, 1.0, &at), tm = 0;
			if (isnan(gm))
				return NAN;
			/* a least gap within rounding of 0 is no root: at large
			 * q (elu at sigma_w^2 = 2: q' - q -> 1 at q ~ 1e13)
			 * the rounding of q outgrows the gap */
			length_gap(c, at, &tm);
			if (gm < -tm)
				return at > lo
				           ? illinois(length_gap, c, lo, glo, at, gm)
				           : illinois(length_gap, c, prev, gprev,
				                      at, gm);
		}
		/* the gap fades into rounding: below the diagonal far out
		 * the root is about here; a slope of 1 to rounding (He's
		 * sigma_w^2 = 2 with relu, 2/fan * fan a few ulps short of 2
		 * at most widths) has none, q grows by its bias every layer */
		if (!(g > tol))
			return A < 1 - TOL_NEUTRAL ? v : DIVERGES;
		/* at large q the map is A q plus less than linear terms: once
		 * it stays well above the diagonal, it always will */
		if (A > 1 + 1e-3 && v >= big && g >= 0.5 * (A - 1) * v)
			return DIVERGES;
		prev = lo;
		gprev = glo;
		lo = v;
		glo = g;
	}
	return DIVERGES;
}

static double gradient_scale(double chi1)
{
	return fabs(chi1 - 1) <= TOL_ONE ? INFINITY : 1 / fabs(log(chi1));
}

/* sigma_w^2 times the large-q limit of E[phi^2]/q, which is also that of
 * E[phi'^2]: the slope of the map and chi1 at large q. */
static double large_q_slope(const iv_theory_map *m)
{
	double p, n;
	iv_act_limit_slopes(m->act, m->slope, &p, &n);
	return m->sigma_w2 * 0.5 * (p * p + n * n);
}

/* q' = A q exactly: a positively homogeneous activation without bias. */
static bool homogeneous(const iv_theory_map *m)
{
	return (m->act == IV_ACT_LINEAR || m->act == IV_ACT_RELU ||
		m->act == IV_ACT_LEAKY_RELU) &&
	       m->bias == 0 && m->bias_var == 0;
}

void iv_theory_fixed_point(iv_theory *th, const iv_theory_map *m,
			   double q_start, iv_criticality *out)
{
	struct lctx c = {th, m};
	double b2 = m->bias * m->bias, A = large_q_slope(m), v, tol;
	*out = (iv_criticality){.sigma_w2 = m->sigma_w2,
				.sigma_b2 = b2 + m->bias_var,
				.bias = m->bias,
				.q_start = q_start,
				.c_star = NAN,
				.chi_c = NAN,
				.depth_scale_correlation = NAN,
				.sigma_w_for_unit_q = NAN,
				.gain_for_unit_q = NAN,
				.log10_sigma_w2 = NAN,
				.log10_chi1 = NAN};
	if (homogeneous(m) && fabs(A - 1) <= TOL_NEUTRAL) {
		out->kind = IV_FIXED_NEUTRAL;
		out->q_star = NAN;
		out->chi1 = A;
		out->depth_scale = INFINITY;
		return;
	}
	double v0 = q_start - b2 > 0 ? q_start - b2 : 0.0;
	double g0 = length_gap(&c, v0, &tol);
	if (isnan(g0))
		v = NAN;
	else if (!(fabs(g0) > tol))
		v = v0;
	else
		v = g0 < 0 ? root_below(&c, v0, g0) : root_above(&c, v0, g0, A);
	if (v == DIVERGES) {
		out->kind = IV_FIXED_DIVERGES;
		out->q_star = INFINITY;
		out->chi1 = A;
	} else {
		out->kind = IV_FIXED_STABLE;
		out->q_star = v + b2;
		out->chi1 =
		    m->sigma_w2 * iv_gauss_moment(th, m->act, m->slope, m->bias,
						  v, IV_MOM_DPHI2);
	}
	out->depth_scale = gradient_scale(out->chi1);
}

/* E[u1+ u2+] for unit normals of correlation c: the arc-cosine kernel. */
static double arccos_kernel(double c)
{
	return (sqrt(1 - c * c) + (M_PI - acos(c)) * c) / (2 * M_PI);
}

/* The correlation map at variance v of the input pre-activations. */
static double corr_at(iv_theory *th, const iv_theory_map *m, double v, double c)
{
	if (!(c >= -1 && c <= 1) || !(v >= 0))
		return NAN;
	if (v > V_MAX) { /* phi acts as p x+ + n x-: normalised, no bias */
		double p, n;
		iv_act_limit_slopes(m->act, m->slope, &p, &n);
		if (p == 0 && n == 0) {
			/* bounded (tanh, sigmoid): a step from lo to hi, and
			 * P(u1 > 0, u2 > 0) = 1/4 + asin(c) / (2 pi) */
			double hi = iv_act(m->act, m->slope, 1e300),
			       lo = iv_act(m->act, m->slope, -1e300),
			       a = asin(c) / (2 * M_PI), e2 = hi * hi + lo * lo;
			return (e2 * (0.25 + a) + 2 * hi * lo * (0.25 - a)) /
			       (0.5 * e2);
		}
		return ((p - n) * (p - n) * arccos_kernel(c) + p * n * c) /
		       (0.5 * (p * p + n * n));
	}
	double cov = m->sigma_w2 * iv_gauss_pair(th, m->act, m->slope, m->bias,
						 v, c, false) +
		     m->bias_var;
	double var = m->sigma_w2 * iv_gauss_moment(th, m->act, m->slope,
						   m->bias, v, IV_MOM_PHI2) +
		     m->bias_var;
	/* no variance left: the map linearised about the bias keeps c */
	return var > 0 ? fmax(-1.0, fmin(1.0, cov / var)) : c;
}

double iv_theory_corr_map(iv_theory *th, const iv_theory_map *m, double q,
			  double c)
{
	return corr_at(th, m, q - m->bias * m->bias, c);
}

struct cctx {
	iv_theory *th;
	const iv_theory_map *m;
	double v;
};

static double corr_gap(void *p, double c, double *tol)
{
	const struct cctx *x = p;
	if (tol)
		*tol = TOL_C;
	return corr_at(x->th, x->m, x->v, c) - c;
}

/* The slope of corr_at in c: sigma_w^2 d/dc E[phi(u1) phi(u2)] / var,
 * with d/dc E[phi(u1) phi(u2)] = v E[phi'(u1) phi'(u2)] (Price). */
static double corr_slope(const struct cctx *x, double c)
{
	const iv_theory_map *m = x->m;
	double var = m->sigma_w2 * iv_gauss_moment(x->th, m->act, m->slope,
						   m->bias, x->v,
						   IV_MOM_PHI2) +
		     m->bias_var;
	return m->sigma_w2 * x->v *
	       iv_gauss_pair(x->th, m->act, m->slope, m->bias, x->v, c, true) /
	       var;
}

/* The same fixed point by Newton's steps up from c = 0. On [0, 1] the map
 * is a series in powers of c with coefficients >= 0 (Mehler: the squares
 * of phi's Hermite coefficients, plus the bias variance), so c' - c is
 * convex there, >= 0 at 0, 0 at 1 with slope chi1 - 1 > 0: one root below
 * 1, and Newton's steps from 0 rise to it without passing it (an odd phi
 * without bias, tanh, has c' = 0 at 0: c* = 0 at the first look, as Poole
 * et al. 2016 find for sigma_b = 0). While v c
 * <= 1 a step's integrals are Gauss-Hermite sums, cheap where corr_root's
 * scan down from 0.9 integrates adaptively (100 ms and more at large q);
 * past that, and when a step does not behave as above (rounding, a slope
 * near 0), NAN: corr_root decides, near 1 in fewer steps. */
static double corr_root_newton(struct cctx *x)
{
	double c = 0.0, tol, g = corr_gap(x, c, &tol);
	for (int i = 0; i < ROOT_MAX && !(fabs(g) <= tol); i++) {
		double d = corr_slope(x, c) - 1, next = c - g / d;
		if (!(g > 0) || !(d < 0) || !(next > c && next < 1) ||
		    x->v * next > 1)
			return NAN;
		c = next;
		g = corr_gap(x, c, &tol);
	}
	return fabs(g) <= tol ? c : NAN;
}

/* The stable fixed point below c = 1 when c = 1 repels (chi1 > 1): c' < c
 * just below 1 and c' >= c at -1, so the first crossing from above. */
static double corr_root(struct cctx *x)
{
	double hi = 1.0, ghi = -1.0, g, tol;
	for (int k = 1; k <= 20; k++) {
		double c = 1.0 - 0.1 * k;
		g = corr_gap(x, c, &tol);
		if (isnan(g))
			return NAN;
		if (!(fabs(g) > tol))
			return c;
		if (g > 0 && k > 1)
			return illinois(corr_gap, x, c, g, hi, ghi);
		if (g > 0) { /* in (0.9, 1): close in on 1 for the bracket */
			double lo = c, glo = g;
			for (int j = 1; j <= 40; j++) {
				double t = 1.0 - 0.1 * ldexp(1.0, -j);
				double gt = corr_gap(x, t, &tol);
				if (gt < -tol)
					return illinois(corr_gap, x, lo, glo, t,
							gt);
				if (!(fabs(gt) > tol))
					return t;
				lo = t;
				glo = gt;
			}
			return 1.0;
		}
		hi = c;
		ghi = g;
	}
	return -1.0;
}

void iv_theory_correlation(iv_theory *th, const iv_theory_map *m,
			   iv_criticality *out)
{
	out->c_star = out->chi_c = out->depth_scale_correlation = NAN;
	if (out->kind != IV_FIXED_STABLE) {
		/* at large q (or q fixed anyway) phi acts as p x+ + n x-,
		 * whose normalised map has slope 1 at c = 1; linear keeps
		 * every c */
		double p, n;
		iv_act_limit_slopes(m->act, m->slope, &p, &n);
		out->c_star = p == n ? NAN : 1.0;
		out->chi_c = 1.0;
		out->depth_scale_correlation = INFINITY;
		return;
	}
	double v = out->q_star - m->bias * m->bias, chi1 = out->chi1;
	if (isnan(v) || isnan(chi1))
		return;
	if (v <= 0) {
		if (chi1 > 0) { /* linearised about the bias: keeps every c */
			out->chi_c = 1.0;
			out->depth_scale_correlation = INFINITY;
		} else if (out->q_star > 0) {
			/* no spread and no slope (a bias that saturates tanh,
			 * a relu shut by its bias): every unit gives the same
			 * for every input, so c = 1 from the first layer on,
			 * whatever c came in */
			out->c_star = 1.0;
			out->chi_c = 0.0;
			out->depth_scale_correlation = 0.0;
		} /* q* = 0: c = 0 / 0, undefined */
		return;
	}
	if (chi1 <= 1 + TOL_ONE) { /* ordered or critical: c* = 1 */
		out->c_star = 1.0;
		out->chi_c = chi1;
		out->depth_scale_correlation = gradient_scale(chi1);
		return;
	}
	struct cctx x = {th, m, v};
	double c = corr_root_newton(&x);
	if (isnan(c))
		c = corr_root(&x);
	double var = v + length_gap(&(struct lctx){th, m}, v, NULL);
	/* d c'/dc = sigma_w^2 E[phi'(u1) phi'(u2)] v / v' (Price) */
	double chi = m->sigma_w2 *
		     iv_gauss_pair(th, m->act, m->slope, m->bias, v, c, true) *
		     v / var;
	out->c_star = c;
	out->chi_c = chi;
	if (fabs(chi - 1) <= TOL_ONE)
		out->depth_scale_correlation = INFINITY;
	else if (chi < 1)
		out->depth_scale_correlation = -1 / log(chi);
}

void iv_theory_length_curve(iv_theory *th, const iv_theory_map *m, double q_max,
			    size_t n, double *q_in, double *q_out)
{
	double lo = m->bias * m->bias;
	for (size_t i = 0; i < n; i++) {
		double f = n > 1 ? (double)i / (double)(n - 1) : 0.0;
		q_in[i] = lo + (q_max - lo) * f;
		q_out[i] = iv_theory_length_map(th, m, q_in[i]);
	}
}

void iv_theory_corr_curve(iv_theory *th, const iv_theory_map *m, double q,
			  size_t n, double *c_in, double *c_out)
{
	for (size_t i = 0; i < n; i++) {
		double f = n > 1 ? (double)i / (double)(n - 1) : 1.0;
		c_in[i] = -1.0 + 2.0 * f;
		c_out[i] = iv_theory_corr_map(th, m, q, c_in[i]);
	}
}

iv_status iv_theory_corr_layers(iv_theory *th, const iv_config *cfg, double c0,
				size_t n, double *c)
{
	iv_theory_map m;
	if (iv_config_validate(cfg) != IV_OK || n > cfg->depth ||
	    !(c0 >= -1 && c0 <= 1))
		return IV_EINVAL;
	double e2 = iv_theory_input_e2(cfg);
	double v = 0, s2 = iv_config_bias_var(cfg, 1);
	for (size_t l = 1; l <= n; l++) {
		iv_theory_map_of(cfg, l, &m);
		if (l == 1) { /* the input's second moments, not a map */
			v = m.sigma_w2 * e2 + s2;
			c[0] = v > 0 ? (m.sigma_w2 * e2 * c0 + s2) / v : c0;
			continue;
		}
		c[l - 1] = corr_at(th, &m, v, c[l - 2]);
		v += length_gap(&(struct lctx){th, &m}, v, NULL);
	}
	return IV_OK;
}
