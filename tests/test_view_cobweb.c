/* SPDX-License-Identifier: MIT */
/* The cobweb plots' numbers without curses, against numbers computed here:
 * the length map and the correlation map as plain Gaussian integrals (GSL
 * quadrature, not the engine's closed forms and nested moments), the
 * arc-cosine kernel for relu, the layers' q by iterating that map from the
 * input; and the plot's geometry: corners of the staircase, axes that
 * cover every iterate and the fixed point, work split over many steps. */
#include <check.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_integration.h>
#include <initviz/act.h>
#include "view/cobweb.h"
#include "view/text.h"
#include "view/theory.h"
#include "view_testutil.h"

#define LEN(a) (sizeof(a) / sizeof((a)[0]))
#define COLS   60
#define ROWS   20

static tui_theory t;
static gsl_integration_workspace *ws1, *ws2;

static void setup(void)
{
	ck_assert(tui_theory_init(&t));
	ws1 = gsl_integration_workspace_alloc(1000);
	ws2 = gsl_integration_workspace_alloc(1000);
	ck_assert(ws1 && ws2);
}

static void teardown(void)
{
	tui_theory_done(&t);
	gsl_integration_workspace_free(ws1);
	gsl_integration_workspace_free(ws2);
}

/* --- independent integrals ------------------------------------------------ */

struct g1 {
	iv_act_kind k;
	double slope, b, s;
	int pow; /* 1: phi, 2: phi^2 */
};

static double pdf(double z)
{
	return exp(-0.5 * z * z) / sqrt(2 * M_PI);
}

static double g1_term(double z, void *p)
{
	const struct g1 *a = p;
	double f = iv_act(a->k, a->slope, a->b + a->s * z);
	return (a->pow == 2 ? f * f : f) * pdf(z);
}

/* E[phi(x)^pow], x ~ N(b, v), by qagp over |z| < 40 split where x = 0. */
static double gexp(iv_act_kind k, double slope, double b, double v, int pow)
{
	if (v <= 0) {
		double f = iv_act(k, slope, b);
		return pow == 2 ? f * f : f;
	}
	struct g1 a = {k, slope, b, sqrt(v), pow};
	gsl_function F = {g1_term, &a};
	double z0 = fmax(-39.0, fmin(39.0, -b / a.s));
	double pts[3] = {-40.0, z0, 40.0}, r, e;
	ck_assert_int_eq(
	    gsl_integration_qagp(&F, pts, 3, 1e-14, 1e-12, 1000, ws1, &r, &e),
	    GSL_SUCCESS);
	return r;
}

/* The length map written out: sigma_w^2 E[phi(x)^2] + s^2 + b^2, x ~
 * N(b, q - b^2). */
static double length_map(const iv_theory_map *m, double q)
{
	double b2 = m->bias * m->bias;
	return m->sigma_w2 * gexp(m->act, m->slope, m->bias, q - b2, 2) +
	       m->bias_var + b2;
}

/* E[phi(u1) phi(u2)] with u1 = b + s z1, u2 = b + s (r z1 + sqrt(1-r^2)
 * z2), z2 integrated inside z1. */
struct g2 {
	const iv_theory_map *m;
	double s, r, z1;
};

static double g2_inner(double z2, void *p)
{
	const struct g2 *a = p;
	const iv_theory_map *m = a->m;
	double u2 =
	    m->bias + a->s * (a->r * a->z1 + sqrt(1 - a->r * a->r) * z2);
	return iv_act(m->act, m->slope, u2) * pdf(z2);
}

static double g2_outer(double z1, void *p)
{
	struct g2 *a = p;
	a->z1 = z1;
	gsl_function F = {g2_inner, a};
	double r, e;
	ck_assert_int_eq(gsl_integration_qag(&F, -12, 12, 1e-13, 1e-11, 1000,
					     GSL_INTEG_GAUSS41, ws2, &r, &e),
			 GSL_SUCCESS);
	const iv_theory_map *m = a->m;
	return iv_act(m->act, m->slope, m->bias + a->s * z1) * r * pdf(z1);
}

/* The correlation map written out for a smooth phi: the pre-activations'
 * covariance about b over their variance, at second moment q. */
static double corr_map(const iv_theory_map *m, double q, double c)
{
	double v = q - m->bias * m->bias;
	struct g2 a = {m, sqrt(v), c, 0};
	gsl_function F = {g2_outer, &a};
	double r, e;
	ck_assert_int_eq(gsl_integration_qag(&F, -12, 12, 1e-13, 1e-11, 1000,
					     GSL_INTEG_GAUSS41, ws1, &r, &e),
			 GSL_SUCCESS);
	/* about the mean b: the weights' part plus the biases' variance */
	double cov = m->sigma_w2 * r + m->bias_var;
	double var =
	    m->sigma_w2 * gexp(m->act, m->slope, m->bias, v, 2) + m->bias_var;
	return cov / var;
}

/* relu without bias: E[u1+ u2+] / E[u+^2] is the arc-cosine kernel. */
static double relu_corr(double c)
{
	return (sqrt(1 - c * c) + (M_PI - acos(c)) * c) / M_PI;
}

/* --- helpers ---------------------------------------------------------------
 */

static void config(iv_config *c, iv_init_kind init, iv_act_kind act)
{
	iv_config_defaults(c);
	c->init = init;
	c->act = act;
	c->depth = 10;
	c->width = 64;
}

/* The finished plot of c on a COLS x ROWS plot, map k. */
static tui_cobweb *plot(const iv_config *c, tui_cobweb_map k)
{
	tui_cobweb *w = &t.cobweb;
	w->map = k;
	tui_cobweb_layout(w, COLS, ROWS);
	ck_assert(tui_cobweb_step(w, &t, c, 60.0));
	ck_assert(tui_cobweb_fresh(w, &t, c));
	ck_assert(!tui_cobweb_step(w, &t, c, 60.0)); /* nothing left */
	return w;
}

/* q_1..q_n iterated here: q_1 from the input's second moment (1 for
 * gaussian inputs), then the length map. */
static void iterate_q(const iv_config *c, size_t n, double *q)
{
	iv_theory_map m;
	iv_theory_map_of(c, 1, &m);
	q[0] = m.sigma_w2 + m.bias_var + m.bias * m.bias;
	for (size_t l = 2; l <= n; l++) {
		iv_theory_map_of(c, l, &m);
		q[l - 1] = length_map(&m, q[l - 2]);
	}
}

static bool near(double a, double b, double rel)
{
	return fabs(a - b) <= rel * fmax(1.0, fmax(fabs(a), fabs(b)));
}

/* --- the length map --------------------------------------------------------
 */

static const struct {
	iv_init_kind init;
	iv_act_kind act;
	double std, bias, bias_std;
	iv_fixed_kind kind;
	bool log; /* the axis expected */
} cases[] = {
    {IV_INIT_HE_NORMAL, IV_ACT_TANH, 0, 0, 0, IV_FIXED_STABLE, false},
    {IV_INIT_XAVIER_NORMAL, IV_ACT_TANH, 0, 0, 0, IV_FIXED_STABLE, false},
    {IV_INIT_NORMAL, IV_ACT_TANH, 0.01, 0, 0, IV_FIXED_STABLE, true},
    {IV_INIT_HE_NORMAL, IV_ACT_RELU, 0, 0, 0, IV_FIXED_NEUTRAL, false},
    {IV_INIT_HE_NORMAL, IV_ACT_RELU, 0, 0.5, 0, IV_FIXED_DIVERGES, false},
    {IV_INIT_HE_NORMAL, IV_ACT_RELU, 0, 0, 0.1, IV_FIXED_DIVERGES, false},
    {IV_INIT_HE_NORMAL, IV_ACT_SOFTPLUS, 0, 0, 0, IV_FIXED_DIVERGES, false},
    {IV_INIT_LECUN_NORMAL, IV_ACT_SELU, 0, 0, 0, IV_FIXED_STABLE, false},
    {IV_INIT_HE_NORMAL, IV_ACT_GELU, 0, 0.2, 0.1, IV_FIXED_DIVERGES, false},
    {IV_INIT_LECUN_NORMAL, IV_ACT_GELU, 0, 0.2, 0.1, IV_FIXED_STABLE, false},
    {IV_INIT_LECUN_NORMAL, IV_ACT_LINEAR, 0, 0, 0, IV_FIXED_NEUTRAL, false},
};

static void case_config(iv_config *c, size_t i)
{
	config(c, cases[i].init, cases[i].act);
	if (cases[i].std > 0)
		c->std = cases[i].std;
	c->bias = cases[i].bias;
	c->bias_std = cases[i].bias_std;
}

START_TEST(length_curve_lies_on_the_map)
{
	/* given a configuration, when its length map is plotted, then each
	 * column's point is the map written out here at that column's q, and
	 * it is drawn in the row of that value (or above or below the plot);
	 * the map is not drawn below q = b^2, where it is undefined */
	iv_config c;
	case_config(&c, (size_t)_i);
	const tui_cobweb *w = plot(&c, TUI_COBWEB_LENGTH);
	ck_assert_int_eq(w->state, TUI_COBWEB_OK);
	ck_assert_uint_eq(w->y_done, COLS);
	for (size_t i = 0; i < COLS; i++) {
		double x = tui_cobweb_x(w, i);
		ck_assert_int_eq(tui_cobweb_col(w, x), (int)i);
		if (x < c.bias * c.bias) {
			ck_assert(isnan(w->y[i]));
			ck_assert_int_eq(tui_cobweb_row_edge(w, w->y[i]),
					 INT_MIN);
			continue;
		}
		double want = length_map(&w->m, x);
		ck_assert_msg(near(w->y[i], want, 1e-7),
			      "column %zu: q %g gives %.12g, want %.12g", i, x,
			      w->y[i], want);
		int r = tui_cobweb_row_edge(w, w->y[i]);
		if (w->y[i] > w->ax.hi)
			ck_assert_int_eq(r, ROWS);
		else if (w->y[i] < w->ax.lo)
			ck_assert_int_eq(r, -1);
		else
			ck_assert(r >= 0 && r < ROWS &&
				  tui_cobweb_yv(w, (size_t)r) > 0);
	}
}
END_TEST

START_TEST(staircase_follows_the_layers)
{
	/* given a configuration, then the iterates are q_1..q_n iterated
	 * here from the input, the staircase's corners are (q_l-1, q_l) on
	 * the map and (q_l, q_l) on the diagonal, and the kind is the one the
	 * map's shape says */
	iv_config c;
	case_config(&c, (size_t)_i);
	const tui_cobweb *w = plot(&c, TUI_COBWEB_LENGTH);
	double q[TUI_COBWEB_LAYERS], x, y;
	ck_assert_uint_eq(w->n, c.depth);
	iterate_q(&c, w->n, q);
	for (size_t l = 0; l < w->n; l++)
		ck_assert_msg(near(w->it[l], q[l], 1e-7),
			      "layer %zu: q %.12g, want %.12g", l + 1, w->it[l],
			      q[l]);
	ck_assert_uint_eq(tui_cobweb_corners(w), 2 * w->n - 1);
	for (size_t k = 0; k < tui_cobweb_corners(w); k++) {
		ck_assert(tui_cobweb_corner(w, k, &x, &y));
		size_t l = k / 2;
		ck_assert_double_eq(x, w->it[l]);
		if (k % 2) /* up to the map from the diagonal */
			ck_assert_msg(near(y, length_map(&w->m, x), 1e-7),
				      "corner %zu (%g, %g) is off the map", k,
				      x, y);
		else
			ck_assert_double_eq(y, x);
	}
	ck_assert(!tui_cobweb_corner(w, tui_cobweb_corners(w), &x, &y));
	ck_assert_int_eq(w->crit.kind, cases[_i].kind);
}
END_TEST

START_TEST(axis_covers_every_iterate_and_the_fixed_point)
{
	/* given a configuration, then every iterate and q* (when there is one
	 * above 0, or on a linear axis) fall in a cell of the plot, across and
	 * up; log axes where the values span more than TUI_COBWEB_LOG_RATIO,
	 * linear from 0 otherwise */
	iv_config c;
	case_config(&c, (size_t)_i);
	const tui_cobweb *w = plot(&c, TUI_COBWEB_LENGTH);
	ck_assert_int_eq(w->ax.log, cases[_i].log);
	if (!w->ax.log)
		ck_assert_double_eq(w->ax.lo, 0);
	for (size_t l = 0; l < w->n; l++) {
		ck_assert_int_ge(tui_cobweb_col(w, w->it[l]), 0);
		ck_assert_int_ge(tui_cobweb_row(w, w->it[l]), 0);
	}
	if (w->crit.kind == IV_FIXED_STABLE) {
		ck_assert_double_eq(w->fixed, w->crit.q_star);
		/* q* is a fixed point of the map written out here */
		ck_assert_msg(near(length_map(&w->m, w->fixed), w->fixed, 1e-7),
			      "q* %.12g maps to %.12g", w->fixed,
			      length_map(&w->m, w->fixed));
		if (w->fixed > 0 || !w->ax.log) {
			ck_assert_int_ge(tui_cobweb_col(w, w->fixed), 0);
			ck_assert_int_ge(tui_cobweb_row(w, w->fixed), 0);
		}
		/* and the layers approach it (selu's start there) */
		ck_assert(fabs(w->it[w->n - 1] - w->fixed) <=
			  fabs(w->it[0] - w->fixed) + 1e-9);
	} else {
		ck_assert(isnan(w->fixed));
	}
}
END_TEST

START_TEST(softplus_with_he_has_no_fixed_point)
{
	/* given softplus with He, then the map lies above the diagonal at
	 * every column (here, independently), q grows layer after layer, no
	 * point is marked, and the words say why */
	iv_config c;
	char v[96];
	config(&c, IV_INIT_HE_NORMAL, IV_ACT_SOFTPLUS);
	const tui_cobweb *w = plot(&c, TUI_COBWEB_LENGTH);
	ck_assert_int_eq(w->crit.kind, IV_FIXED_DIVERGES);
	ck_assert_str_eq(tui_cobweb_verdict(w, v, sizeof v),
			 "no fixed point: q diverges");
	ck_assert(isnan(w->fixed));
	for (size_t i = 0; i < COLS; i++) {
		double x = tui_cobweb_x(w, i);
		ck_assert(length_map(&w->m, x) > x);
		ck_assert(w->y[i] > x);
	}
	for (size_t l = 1; l < w->n; l++)
		ck_assert(w->it[l] > w->it[l - 1]);
}
END_TEST

START_TEST(relu_with_he_is_neutral)
{
	/* given relu with He (sigma_w^2 2, no bias), then the map is the
	 * diagonal: every column's point is on it, in the diagonal's row;
	 * every layer keeps q_1 = 2; nothing is marked */
	iv_config c;
	char v[96];
	config(&c, IV_INIT_HE_NORMAL, IV_ACT_RELU);
	const tui_cobweb *w = plot(&c, TUI_COBWEB_LENGTH);
	ck_assert_int_eq(w->crit.kind, IV_FIXED_NEUTRAL);
	ck_assert_str_eq(tui_cobweb_verdict(w, v, sizeof v),
			 "neutral: every q is fixed");
	ck_assert(isnan(w->fixed));
	for (size_t i = 0; i < COLS; i++) {
		double x = tui_cobweb_x(w, i);
		ck_assert_double_eq_tol(w->y[i], x, 1e-12 * x);
		ck_assert_double_eq_tol(length_map(&w->m, x), x, 1e-9 * x);
		ck_assert_int_eq(tui_cobweb_row(w, w->y[i]),
				 tui_cobweb_row(w, x));
	}
	for (size_t l = 0; l < w->n; l++)
		ck_assert_double_eq_tol(w->it[l], 2.0, 1e-12);
}
END_TEST

/* --- the correlation map ---------------------------------------------------
 */

START_TEST(relu_correlation_map_is_the_arccosine_kernel)
{
	/* given relu with He, then each column's point is the arc-cosine
	 * kernel, the layers follow it from the inputs' correlation, c* is 1
	 * with slope 1 there: correlations approach 1 without a depth scale */
	iv_config c;
	char v[96];
	config(&c, IV_INIT_HE_NORMAL, IV_ACT_RELU);
	const tui_cobweb *w = plot(&c, TUI_COBWEB_CORR);
	ck_assert_double_eq(w->ax.lo, -1);
	ck_assert_double_eq(w->ax.hi, 1);
	for (size_t i = 0; i < COLS; i++) {
		double x = tui_cobweb_x(w, i);
		ck_assert_double_eq_tol(w->y[i], relu_corr(x), 1e-9);
	}
	double cc = TUI_COBWEB_C0;
	for (size_t l = 0; l < w->n; l++) {
		ck_assert_double_eq_tol(w->it[l], cc, 1e-9);
		cc = relu_corr(cc);
	}
	ck_assert_double_eq(w->fixed, 1);
	ck_assert_double_eq(w->crit.chi_c, 1);
	ck_assert(isinf(w->crit.depth_scale_correlation));
	ck_assert_str_eq(tui_cobweb_verdict(w, v, sizeof v),
			 "c* 1: stable fixed point");
}
END_TEST

START_TEST(chaotic_tanh_correlation_map)
{
	/* given tanh with He and a bias std (chaotic, q* > 0), then the curve
	 * is the correlation map at q* written out here; c* is where it meets
	 * the diagonal and chi_c its slope there (central difference of the
	 * map here), xi_c = -1/ln chi_c; the layers' c are the engine's
	 * iv_theory_corr_layers */
	iv_config c;
	config(&c, IV_INIT_HE_NORMAL, IV_ACT_TANH);
	c.bias_std = 0.3;
	const tui_cobweb *w = plot(&c, TUI_COBWEB_CORR);
	ck_assert_int_eq(w->crit.kind, IV_FIXED_STABLE);
	ck_assert_double_eq(w->map_q, w->crit.q_star);
	for (size_t i = 0; i < COLS; i += 7) {
		double x = tui_cobweb_x(w, i);
		ck_assert_double_eq_tol(w->y[i], corr_map(&w->m, w->map_q, x),
					1e-8);
	}
	double cs = w->fixed, h = 1e-4;
	ck_assert(cs > 0 && cs < 1);
	ck_assert_double_eq_tol(corr_map(&w->m, w->map_q, cs), cs, 1e-8);
	double slope = (corr_map(&w->m, w->map_q, cs + h) -
			corr_map(&w->m, w->map_q, cs - h)) /
		       (2 * h);
	ck_assert_double_eq_tol(w->crit.chi_c, slope, 1e-6);
	ck_assert_double_eq_tol(w->crit.depth_scale_correlation,
				-1 / log(slope), 1e-3);
	double want[TUI_COBWEB_LAYERS];
	ck_assert_int_eq(
	    iv_theory_corr_layers(t.th, &c, TUI_COBWEB_C0, w->n, want), IV_OK);
	for (size_t l = 0; l < w->n; l++)
		ck_assert_double_eq_tol(w->it[l], want[l], 1e-12);
	ck_assert_int_ge(tui_cobweb_col(w, cs), 0);
	ck_assert_int_ge(tui_cobweb_row(w, cs), 0);
}
END_TEST

START_TEST(tanh_with_he_depth_scales)
{
	/* given tanh with He and no bias, then c* = 0 (tanh is odd) and the
	 * correlations' depth scale 21.7 stands apart from the gradients' 9.97
	 * (tests/test_fixed.c derives both) */
	iv_config c;
	config(&c, IV_INIT_HE_NORMAL, IV_ACT_TANH);
	const tui_cobweb *w = plot(&c, TUI_COBWEB_CORR);
	ck_assert_double_eq_tol(w->fixed, 0, 1e-9);
	ck_assert_double_eq_tol(w->crit.depth_scale_correlation, 21.72, 0.01);
	ck_assert_double_eq_tol(w->crit.depth_scale, 9.968, 0.001);
}
END_TEST

/* --- steps, restarts, words ------------------------------------------------
 */

START_TEST(work_in_small_steps)
{
	/* given a zero budget, then one item a step: progress rises to 1,
	 * the plot is fresh only at the end and equals one long step's; a
	 * new room keeps the iterates and redoes the curve; another map, c0
	 * or configuration starts over */
	iv_config c;
	config(&c, IV_INIT_HE_NORMAL, IV_ACT_TANH);
	tui_cobweb *w = &t.cobweb;
	w->map = TUI_COBWEB_CORR;
	tui_cobweb_layout(w, COLS, ROWS);
	/* the predictions come first, in pieces of their own (the work turn
	 * makes them; a step with no time left makes one piece) */
	iv_config deep = c;
	deep.depth = 200;
	deep.gain = 2;
	ck_assert(tui_cobweb_step(w, &t, &deep, 0.0));
	ck_assert(!tui_theory_predict_fresh(&t, &deep));
	ck_assert(!tui_cobweb_fresh(w, &t, &deep));
	ck_assert(tui_theory_predict_update(&t, &c, 1e9));
	size_t steps = 0;
	double last = -1;
	while (tui_cobweb_step(w, &t, &c, 0.0)) {
		steps++;
		ck_assert(tui_cobweb_progress(w) > last);
		last = tui_cobweb_progress(w);
		ck_assert(tui_cobweb_fresh(w, &t, &c) == (last == 1.0));
	}
	ck_assert_uint_ge(steps, c.depth + COLS - 1);
	tui_cobweb small = *w;
	memset(w, 0, sizeof *w);
	plot(&c, TUI_COBWEB_CORR);
	ck_assert(memcmp(w->it, small.it, sizeof w->it) == 0);
	ck_assert(memcmp(w->y, small.y, sizeof w->y) == 0);
	/* the room only */
	tui_cobweb_layout(w, COLS / 2, ROWS);
	ck_assert(!tui_cobweb_fresh(w, &t, &c));
	ck_assert(tui_cobweb_step(w, &t, &c, 0.0));
	ck_assert_uint_eq(w->n_done, w->n);
	ck_assert_uint_eq(w->y_done, 1);
	ck_assert(memcmp(w->it, small.it, sizeof w->it) == 0);
	/* the inputs' correlation */
	ck_assert(tui_cobweb_move_c0(w, -1));
	ck_assert(!tui_cobweb_fresh(w, &t, &c));
	ck_assert(tui_cobweb_step(w, &t, &c, 0.0));
	ck_assert_uint_eq(w->n_done, 1);
	/* the map, then the configuration */
	tui_cobweb_step(w, &t, &c, 60.0);
	tui_cobweb_toggle(w);
	ck_assert_int_eq(w->map, TUI_COBWEB_LENGTH);
	ck_assert(!tui_cobweb_fresh(w, &t, &c));
	tui_cobweb_step(w, &t, &c, 60.0);
	ck_assert(tui_cobweb_fresh(w, &t, &c));
	c.depth = 3;
	ck_assert(!tui_cobweb_fresh(w, &t, &c));
	tui_cobweb_step(w, &t, &c, 60.0);
	ck_assert_uint_eq(w->n, 3);
	c.seed = 7; /* not read by the theory */
	ck_assert(tui_cobweb_fresh(w, &t, &c));
}
END_TEST

START_TEST(deep_networks_show_their_first_layers)
{
	/* given 1000 layers, then the first TUI_COBWEB_LAYERS are iterated */
	iv_config c;
	config(&c, IV_INIT_HE_NORMAL, IV_ACT_TANH);
	c.depth = 1000;
	const tui_cobweb *w = plot(&c, TUI_COBWEB_LENGTH);
	ck_assert_uint_eq(w->n, TUI_COBWEB_LAYERS);
	ck_assert_uint_eq(w->depth, 1000);
}
END_TEST

START_TEST(schemes_the_theory_does_not_describe)
{
	/* given constant weights, then nothing is plotted, at once, and the
	 * words say why */
	iv_config c;
	char v[96];
	config(&c, IV_INIT_CONSTANT, IV_ACT_TANH);
	const tui_cobweb *w = plot(&c, TUI_COBWEB_LENGTH);
	ck_assert_int_eq(w->state, TUI_COBWEB_NOT_RANDOM);
	ck_assert_uint_eq(w->n_done, 0);
	ck_assert_uint_eq(tui_cobweb_corners(w), 0);
	ck_assert_str_eq(tui_cobweb_verdict(w, v, sizeof v),
			 "constant weights are not random: the theory does "
			 "not describe them");
}
END_TEST

START_TEST(architectures_the_maps_do_not_describe)
{
	/* given residual blocks, or a normalization, then the maps of a
	 * plain layer are not drawn as if they were this network's: nothing
	 * is plotted and the words say why (lesson 14's map said "every
	 * layer keeps q1 2" beside a stream whose variance doubles a block) */
	iv_config c;
	char v[256];
	config(&c, IV_INIT_HE_NORMAL, IV_ACT_RELU);
	c.residual = true;
	const tui_cobweb *w = plot(&c, TUI_COBWEB_LENGTH);
	ck_assert_int_eq(w->state, TUI_COBWEB_NOT_PLAIN);
	ck_assert_uint_eq(w->n_done, 0);
	ck_assert_msg(strstr(tui_cobweb_verdict(w, v, sizeof v),
			     "residual blocks add their branch"),
		      "%s", v);
	config(&c, IV_INIT_HE_NORMAL, IV_ACT_RELU);
	c.norm = IV_NORM_LAYER;
	w = plot(&c, TUI_COBWEB_CORR);
	ck_assert_int_eq(w->state, TUI_COBWEB_NOT_PLAIN);
	ck_assert_msg(strstr(tui_cobweb_verdict(w, v, sizeof v),
			     "normalization resets"),
		      "%s", v);
	/* and the plain network still has its map */
	config(&c, IV_INIT_HE_NORMAL, IV_ACT_RELU);
	ck_assert_int_eq(plot(&c, TUI_COBWEB_LENGTH)->state, TUI_COBWEB_OK);
}
END_TEST

START_TEST(inputs_correlation_moves_within_bounds)
{
	/* given the start 0.5, then steps of 0.1 reach 1 and -1 and stop */
	tui_cobweb *w = &t.cobweb;
	ck_assert_double_eq(tui_cobweb_c0(w), 0.5);
	for (int k = 0; k < 5; k++)
		ck_assert(tui_cobweb_move_c0(w, 1));
	ck_assert_double_eq(tui_cobweb_c0(w), 1);
	ck_assert(!tui_cobweb_move_c0(w, 1));
	for (int k = 0; k < 20; k++)
		ck_assert(tui_cobweb_move_c0(w, -1));
	ck_assert_double_eq(tui_cobweb_c0(w), -1);
	ck_assert(!tui_cobweb_move_c0(w, -1));
	ck_assert_double_eq(tui_cobweb_c0(w), -1);
}
END_TEST

START_TEST(axis_labels)
{
	/* given a linear and a log axis, then labels from the low end in
	 * nice steps (powers of ten), inside the axis, no more than asked,
	 * each in a cell; powers of ten past 1e+-3 written 1eN */
	tui_cobweb w = {.rows = ROWS, .cols = COLS, .key_cols = COLS};
	double v[16];
	char b[16];
	w.ax = (tui_cobweb_axis){.lo = 0, .hi = 2.5};
	size_t n = tui_cobweb_ticks(&w, 6, v, 16);
	ck_assert_uint_eq(n, 6);
	for (size_t k = 0; k < n; k++) {
		ck_assert_double_eq_tol(v[k], 0.5 * (double)k, 1e-12);
		ck_assert_int_ge(tui_cobweb_row(&w, v[k]), 0);
	}
	ck_assert_str_eq(tui_cobweb_tick_text(&w, 2.5, b, sizeof b), "2.5");
	w.ax = (tui_cobweb_axis){.log = true, .lo = 1e-20, .hi = 0.1};
	n = tui_cobweb_ticks(&w, 6, v, 16);
	ck_assert_uint_le(n, 6);
	ck_assert_double_eq(v[0], 1e-20);
	for (size_t k = 0; k < n; k++) {
		ck_assert_double_eq_tol(log10(v[k]), round(log10(v[k])), 1e-12);
		ck_assert_int_ge(tui_cobweb_col(&w, v[k]), 0);
	}
	ck_assert_str_eq(tui_cobweb_tick_text(&w, 1e-8, b, sizeof b), "1e-8");
	ck_assert_str_eq(tui_cobweb_tick_text(&w, 0.01, b, sizeof b), "0.01");
	ck_assert_int_eq(tui_cobweb_row(&w, 0.0), -1); /* log of 0 */
	ck_assert_int_eq(tui_cobweb_row_edge(&w, 0.0), -1);
	ck_assert_int_eq(tui_cobweb_row_edge(&w, 1.0), ROWS);
	ck_assert_int_eq(tui_cobweb_row(&w, 1e-20), 0);
	ck_assert_int_eq(tui_cobweb_row(&w, 0.1), ROWS - 1);
	ck_assert_int_eq(tui_cobweb_col(&w, NAN), -1);
}
END_TEST

START_TEST(axes_past_a_doubles_range)
{
	/* given linear weights so small that q_l = (sigma_w^2)^l reaches the
	 * denormals (the lowest power of ten is then 0, its log -inf), or
	 * with q_1 itself 2.6e-318, then the axis' ends are positive finite
	 * powers or the values themselves, every iterate above 0 has a cell,
	 * every tick lies on the axis (a tolerance of 1e-12 let 3.2e-318
	 * past an axis ending at 2.8e-318), the labels read 1eN or the
	 * tick's value, and the map is a number at every column */
	static const double stds[] = {7.14e-29, 1e-160};
	iv_config c;
	config(&c, IV_INIT_NORMAL, IV_ACT_LINEAR);
	c.width = 256;
	c.std = stds[_i];
	const tui_cobweb *w = plot(&c, TUI_COBWEB_LENGTH);
	ck_assert(w->ax.lo >= 0 && isfinite(w->ax.hi) && w->ax.hi > w->ax.lo);
	if (w->ax.log)
		ck_assert(w->ax.lo > 0);
	for (size_t l = 0; l < w->n; l++)
		if (w->it[l] > 0)
			ck_assert_int_ge(tui_cobweb_col(w, w->it[l]), 0);
	double v[16];
	char b[16], want[16];
	size_t n = tui_cobweb_ticks(w, 8, v, 16);
	ck_assert_uint_ge(n, 2);
	for (size_t k = 0; k < n; k++) {
		ck_assert_msg(tui_cobweb_row(w, v[k]) >= 0,
			      "tick %g off [%g, %g]", v[k], w->ax.lo, w->ax.hi);
		tui_cobweb_tick_text(w, v[k], b, sizeof b);
		if (w->ax.log)
			snprintf(want, sizeof want, "1e%.0f", log10(v[k]));
		else
			ck_assert(tui_text_fit(v[k], 64, want, sizeof want));
		ck_assert_str_eq(b, want);
	}
	for (size_t i = 0; i < w->key_cols; i++)
		ck_assert_msg(!isnan(w->y[i]), "column %zu", i);
}
END_TEST

START_TEST(a_map_far_below_the_diagonal)
{
	/* given linear weights with sigma_w^2 1.3e-54, whose plot spans from
	 * the denormals to 1e-53, then the map at every column is
	 * sigma_w^2 q to rounding (written as q' - q, then + q, it was 0
	 * wherever it fell 16 decades below q: no curve on the plot) */
	iv_config c;
	config(&c, IV_INIT_NORMAL, IV_ACT_LINEAR);
	c.width = 256;
	c.std = 7.14e-29;
	const tui_cobweb *w = plot(&c, TUI_COBWEB_LENGTH);
	ck_assert(w->ax.log);
	for (size_t i = 0; i < w->key_cols; i++) {
		double x = tui_cobweb_x(w, i), want = w->m.sigma_w2 * x;
		if (want < 1e-300) /* the denormals keep fewer digits */
			continue;
		ck_assert_msg(fabs(w->y[i] - want) <= 1e-9 * want,
			      "map at %g: %g, not %g", x, w->y[i], want);
	}
}
END_TEST

Suite *suite(void)
{
	Suite *s = suite_create("view_cobweb");
	TCase *tc = tcase_create("length");
	tcase_set_timeout(tc, 60);
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_loop_test(tc, length_curve_lies_on_the_map, 0, LEN(cases));
	tcase_add_loop_test(tc, staircase_follows_the_layers, 0, LEN(cases));
	tcase_add_loop_test(tc, axis_covers_every_iterate_and_the_fixed_point,
			    0, LEN(cases));
	tcase_add_test(tc, softplus_with_he_has_no_fixed_point);
	tcase_add_test(tc, relu_with_he_is_neutral);
	suite_add_tcase(s, tc);
	tc = tcase_create("correlation");
	tcase_set_timeout(tc, 60);
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, relu_correlation_map_is_the_arccosine_kernel);
	tcase_add_test(tc, chaotic_tanh_correlation_map);
	tcase_add_test(tc, tanh_with_he_depth_scales);
	suite_add_tcase(s, tc);
	tc = tcase_create("plot");
	tcase_set_timeout(tc, 60);
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, work_in_small_steps);
	tcase_add_test(tc, deep_networks_show_their_first_layers);
	tcase_add_test(tc, schemes_the_theory_does_not_describe);
	tcase_add_test(tc, architectures_the_maps_do_not_describe);
	tcase_add_test(tc, inputs_correlation_moves_within_bounds);
	tcase_add_test(tc, axis_labels);
	tcase_add_loop_test(tc, axes_past_a_doubles_range, 0, 2);
	tcase_add_test(tc, a_map_far_below_the_diagonal);
	suite_add_tcase(s, tc);
	return s;
}
