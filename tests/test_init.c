/* SPDX-License-Identifier: MIT */
/* Init schemes: draws against the formulas of docs/report.md, exact structure, names. */
#include <gsl/gsl_blas.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <initviz/config.h>
#include <initviz/tables.h>
#include "engine/gauss.h"
#include "engine/init.h"
#include "testutil.h"

/* Shapes are fan_out x fan_in: square, wide and tall. */
static const size_t shapes[][2] = { { 300, 300 }, { 200, 500 }, { 500, 200 } };

struct icase {
	iv_init_kind k;
	size_t fo, fi;
	iv_fan_mode mode;
};

static struct icase cases[IV_INIT_COUNT * 3 * IV_MODE_COUNT];
static int ncases;

static void build_cases(void)
{
	for (int k = 0; k < IV_INIT_COUNT; k++)
		for (size_t s = 0; s < TU_LEN(shapes); s++)
			for (int m = 0; m < IV_MODE_COUNT; m++) {
				if (m > 0 && !iv_init_uses_mode(k))
					break;
				cases[ncases++] = (struct icase){
					k, shapes[s][0], shapes[s][1], m
				};
			}
}

/* What docs/report.md says a scheme draws. */
enum family { F_CONST, F_NORMAL, F_UNIFORM, F_TRUNC, F_ORTH, F_IDENT };
struct spec {
	enum family f;
	double p; /* the constant, sigma, bound a, pre-cut sigma, or gain */
};

static double fan(iv_fan_mode m, double fi, double fo)
{
	return m == IV_MODE_FAN_IN ? fi : m == IV_MODE_FAN_OUT ? fo
	                                                       : (fi + fo) / 2;
}

static struct spec spec_of(const iv_config *c, double fi, double fo)
{
	double g = c->gain, f = fan(c->mode, fi, fo);
	switch (c->init) {
	case IV_INIT_ZEROS: return (struct spec){ F_CONST, 0 };
	case IV_INIT_ONES: return (struct spec){ F_CONST, 1 };
	case IV_INIT_CONSTANT: return (struct spec){ F_CONST, c->value };
	case IV_INIT_NORMAL: return (struct spec){ F_NORMAL, c->std };
	case IV_INIT_UNIFORM: return (struct spec){ F_UNIFORM, sqrt(3) * c->std };
	case IV_INIT_TRUNC_NORMAL: return (struct spec){ F_TRUNC, c->std };
	case IV_INIT_XAVIER_UNIFORM:
		return (struct spec){ F_UNIFORM, g * sqrt(6 / (fi + fo)) };
	case IV_INIT_XAVIER_NORMAL:
		return (struct spec){ F_NORMAL, g * sqrt(2 / (fi + fo)) };
	case IV_INIT_HE_UNIFORM: return (struct spec){ F_UNIFORM, g * sqrt(6 / f) };
	case IV_INIT_HE_NORMAL: return (struct spec){ F_NORMAL, g * sqrt(2 / f) };
	case IV_INIT_LECUN_UNIFORM:
		return (struct spec){ F_UNIFORM, g * sqrt(3 / f) };
	case IV_INIT_LECUN_NORMAL: return (struct spec){ F_NORMAL, g * sqrt(1 / f) };
	case IV_INIT_ORTHOGONAL: return (struct spec){ F_ORTH, g };
	case IV_INIT_IDENTITY: return (struct spec){ F_IDENT, g };
	/* the frameworks' documentation: torch.nn.Linear's kaiming_uniform_
	 * with a = sqrt(5), keras glorot_uniform, flax lecun_normal (a
	 * truncated normal of std sqrt(1/fan_in) / .87962566103423978),
	 * GPT-2's normal_(std=0.02) */
	case IV_INIT_TORCH_LINEAR:
		return (struct spec){ F_UNIFORM, sqrt(1.0 / 3) * sqrt(3 / fi) };
	case IV_INIT_KERAS_DENSE:
		return (struct spec){ F_UNIFORM, sqrt(6 / (fi + fo)) };
	case IV_INIT_FLAX_DENSE:
		return (struct spec){ F_TRUNC, sqrt(1 / fi) / .87962566103423978 };
	case IV_INIT_GPT2: return (struct spec){ F_NORMAL, 0.02 };
	default: return (struct spec){ F_CONST, NAN };
	}
}

/* Std of N(0, s^2) cut at +-2s, from GSL's normal pdf and cdf. */
static double trunc_std(double s)
{
	double mass = gsl_cdf_ugaussian_P(2) - gsl_cdf_ugaussian_P(-2);
	return s * sqrt(1 - 2 * 2 * gsl_ran_ugaussian_pdf(2) / mass);
}

/* The population std the draw should have; 0 for constants. */
static double spec_std(struct spec sp, double fi, double fo)
{
	switch (sp.f) {
	case F_NORMAL: return sp.p;
	case F_UNIFORM: return sp.p / sqrt(3);
	case F_TRUNC: return trunc_std(sp.p);
	case F_ORTH: return fabs(sp.p) / sqrt(fmax(fi, fo)); /* rows/cols unit */
	case F_IDENT: {
		double p = fmin(fi, fo) / (fi * fo);
		return fabs(sp.p) * sqrt(p * (1 - p));
	}
	default: return 0;
	}
}

static gsl_matrix *draw(const iv_config *c, size_t fo, size_t fi,
                        unsigned long seed)
{
	gsl_matrix *W = gsl_matrix_alloc(fo, fi);
	gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
	gsl_rng_set(r, seed);
	ck_assert_int_eq(iv_init_draw(c, 1, W, r), IV_OK);
	gsl_rng_free(r);
	return W;
}

static double absmax(const gsl_matrix *W)
{
	double m = 0;
	for (size_t i = 0; i < W->size1 * W->size2; i++)
		m = fmax(m, fabs(W->data[i]));
	return m;
}

static void check_exact(const gsl_matrix *W, struct spec sp)
{
	size_t bad = 0, bi = 0, bj = 0; /* one assertion: Check logs each */
	for (size_t i = 0; i < W->size1; i++)
		for (size_t j = 0; j < W->size2; j++) {
			double want = sp.f == F_CONST ? sp.p : (i == j) * sp.p;
			if (gsl_matrix_get(W, i, j) != want && !bad++) {
				bi = i;
				bj = j;
			}
		}
	ck_assert_msg(bad == 0, "%zu wrong entries, first W[%zu][%zu] = %g",
	              bad, bi, bj, gsl_matrix_get(W, bi, bj));
}

/* W^T W (tall) or W W^T (wide) equals gain^2 I to 1e-10. */
static void check_orthogonal(const gsl_matrix *W, double g)
{
	size_t k = W->size1 >= W->size2 ? W->size2 : W->size1;
	gsl_matrix *P = gsl_matrix_alloc(k, k);
	if (W->size1 >= W->size2)
		gsl_blas_dgemm(CblasTrans, CblasNoTrans, 1, W, W, 0, P);
	else
		gsl_blas_dgemm(CblasNoTrans, CblasTrans, 1, W, W, 0, P);
	double err = 0;
	for (size_t i = 0; i < k; i++)
		for (size_t j = 0; j < k; j++)
			err = fmax(err, fabs(gsl_matrix_get(P, i, j) -
			                     (i == j) * g * g));
	ck_assert_msg(err <= 1e-10 * g * g, "|W'W - g^2 I| = %g", err);
	gsl_matrix_free(P);
}

/* Random schemes: mean, std within 5 standard errors; support and tails.
 * The std's standard error is sigma*sqrt((kurtosis-1)/(4n)) <= sigma/sqrt(2n)
 * for these distributions (kurtosis <= 3), so 5 sigma/sqrt(2n) is safe. */
static void check_random(const gsl_matrix *W, struct spec sp, double sd)
{
	size_t n = W->size1 * W->size2;
	double mean, emp, m = absmax(W);
	tu_moments(W->data, n, &mean, &emp);
	ck_assert_msg(fabs(mean) <= 5 * sd / sqrt(n), "mean %g (sd %g, n %zu)",
	              mean, sd, n);
	ck_assert_msg(fabs(emp - sd) <= 5 * sd / sqrt(2.0 * n),
	              "std %.6g, formula %.6g (n %zu)", emp, sd, n);
	if (sp.f == F_UNIFORM) { /* P(max < a(1 - 20/n)) ~ e^-20 */
		ck_assert_msg(m <= sp.p, "max|w| %.17g > a %.17g", m, sp.p);
		ck_assert_msg(m >= sp.p * (1 - 20.0 / n), "max|w| %g << a %g", m,
		              sp.p);
	} else if (sp.f == F_TRUNC) { /* density at the cut ~0.11/sigma */
		ck_assert_msg(m <= 2 * sp.p, "max|w| %g > 2 sigma %g", m, sp.p);
		ck_assert_msg(m >= 2 * sp.p * 0.99, "max|w| %g << 2 sigma", m);
	} else if (sp.f == F_NORMAL) { /* untruncated: ~40 draws beyond 3.5 */
		ck_assert_msg(m > 3.5 * sp.p, "max|w| %g: normal looks cut", m);
	}
}

START_TEST(draw_matches_formula)
{
	/* given a scheme, a shape and a fan mode */
	struct icase ic = cases[_i];
	iv_config c;
	iv_config_defaults(&c);
	c.init = ic.k;
	c.mode = ic.mode;
	c.std = 0.5;
	c.value = -1.25;
	double fi = (double)ic.fi, fo = (double)ic.fo;
	/* when the layer is drawn */
	gsl_matrix *W = draw(&c, ic.fo, ic.fi, iv_seed_mix(7, (unsigned)_i));
	/* then it has the distribution or structure of docs/report.md */
	struct spec sp = spec_of(&c, fi, fo);
	double sd = spec_std(sp, fi, fo);
	switch (sp.f) {
	case F_CONST:
	case F_IDENT: check_exact(W, sp); break;
	case F_ORTH: check_orthogonal(W, sp.p); break;
	default: check_random(W, sp, sd); break;
	}
	gsl_matrix_free(W);
}
END_TEST

START_TEST(scaled_units_are_the_draw_bit_for_bit)
{
	/* given a scheme, a shape and a fan mode, at scales from tiny to
	 * large */
	static const double scales[] = {1e-300, 1e-3, 0.37, 1.0, 3.3, 1e200};
	struct icase ic = cases[_i];
	for (size_t k = 0; k < TU_LEN(scales); k++) {
		iv_config c;
		iv_config_defaults(&c);
		c.init = ic.k;
		c.mode = ic.mode;
		c.std = scales[k];
		c.gain = scales[k];
		double a;
		iv_draw_family f = iv_init_family(&c, ic.fo, ic.fi, &a);
		if (f == IV_DRAW_NONE)
			return;
		/* when drawn, and when its unit draws are scaled */
		unsigned long seed = iv_seed_mix(11, (unsigned)_i);
		gsl_matrix *W = draw(&c, ic.fo, ic.fi, seed);
		gsl_matrix *U = gsl_matrix_alloc(ic.fo, ic.fi),
			   *V = gsl_matrix_alloc(ic.fo, ic.fi);
		gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
		ck_assert(U && V && r);
		gsl_rng_set(r, seed);
		ck_assert_int_eq(iv_init_units(f, U, r, 0, ic.fo), IV_OK);
		iv_init_scale_units(f, a, U, V, 0, ic.fo);
		/* then the same numbers, bit for bit */
		ck_assert_msg(!memcmp(W->data, V->data,
				      ic.fo * ic.fi * sizeof(double)),
			      "%s at scale %g", iv_init_name(ic.k), scales[k]);
		gsl_matrix_free(W);
		gsl_matrix_free(U);
		gsl_matrix_free(V);
		gsl_rng_free(r);
	}
}
END_TEST

/* A case's scheme and shape as a one-layer config. */
static void one_layer(const struct icase *ic, iv_config *c)
{
	unsigned w[2] = { (unsigned)ic->fi, (unsigned)ic->fo };
	tu_config_widths(c, w, 2);
	c->init = ic->k;
	c->mode = ic->mode;
	c->std = 0.5;
	c->value = -1.25;
}

START_TEST(weight_std_matches_draw)
{
	/* given a scheme and shape as a one-layer config */
	struct icase ic = cases[_i];
	iv_config c;
	one_layer(&ic, &c);
	/* when the layer is drawn and iv_config_weight_std is asked */
	gsl_matrix *W = draw(&c, ic.fo, ic.fi, iv_seed_mix(11, (unsigned)_i));
	size_t n = ic.fo * ic.fi;
	double mean, emp, got = iv_config_weight_std(&c, 1);
	tu_moments(W->data, n, &mean, &emp);
	/* then both agree (5 standard errors; exact for the constant ones) */
	double tol = emp > 0 ? 5 * emp / sqrt(2.0 * n) : 0;
	if (ic.k == IV_INIT_IDENTITY)
		tol = 1e-12 * emp;
	ck_assert_msg(fabs(got - emp) <= tol, "%s %zux%zu: weight_std %.6g, "
	              "draw %.6g", iv_init_name(ic.k), ic.fo, ic.fi, got, emp);
	gsl_matrix_free(W);
}
END_TEST

/* The std the settings bar and the theory use is the docs' closed form
 * (spec_std, written from docs/report.md), to rounding: it is derived from
 * the draw's own scale, and a scheme whose scale changed without it would
 * show one std and draw another. */
START_TEST(weight_std_is_the_documented_formula)
{
	struct icase ic = cases[_i];
	iv_config c;
	one_layer(&ic, &c);
	c.gain = 1.7;
	double fi = (double)ic.fi, fo = (double)ic.fo;
	double want = spec_std(spec_of(&c, fi, fo), fi, fo);
	double got = iv_config_weight_std(&c, 1);
	ck_assert_msg(fabs(got - want) <= 1e-14 * want, "%s %zux%zu mode %d: "
	              "weight_std %.17g, docs %.17g", iv_init_name(ic.k), ic.fo,
	              ic.fi, (int)ic.mode, got, want);
}
END_TEST

/* Draw with c, and with c changed by knob, from the same stream. */
static void knob_pair(iv_config c, int knob, gsl_matrix **a, gsl_matrix **b)
{
	*a = draw(&c, 200, 500, 99);
	if (knob == 0)
		c.gain = 2.5;
	else if (knob == 1)
		c.mode = IV_MODE_FAN_OUT;
	else
		c.std = 0.7;
	*b = draw(&c, 200, 500, 99);
}

START_TEST(the_init_text_says_what_is_drawn)
{
	/* given schemes that read different settings, when described, then
	 * each names what it reads, and the biases as they are drawn */
	static const struct {
		iv_init_kind init;
		double bias_std;
		const char *want;
	} texts[] = {
	    {IV_INIT_HE_NORMAL, 0.05,
	     "init he-normal (gain 1.5, fan_out), bias 0.1 + N(0, 0.05^2)"},
	    {IV_INIT_NORMAL, 0, "init normal (std 0.2), bias 0.1"},
	    {IV_INIT_CONSTANT, 0, "init constant (value 0.05), bias 0.1"},
	    {IV_INIT_XAVIER_UNIFORM, 0, "init xavier-uniform (gain 1.5), bias 0.1"},
	    {IV_INIT_TORCH_LINEAR, 0.05,
	     "init torch-linear, bias U(+-1/sqrt(fan_in))"},
	};
	char buf[128];
	for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
		iv_config c;
		iv_config_defaults(&c);
		c.init = texts[i].init;
		c.std = 0.2;
		c.value = 0.05;
		c.gain = 1.5;
		c.mode = IV_MODE_FAN_OUT;
		c.bias = 0.1;
		c.bias_std = texts[i].bias_std;
		iv_config_init_text(&c, buf, sizeof buf);
		ck_assert_str_eq(buf, texts[i].want);
	}
	char small[8]; /* cut, never overrun */
	iv_config c;
	iv_config_defaults(&c);
	iv_config_init_text(&c, small, sizeof small);
	ck_assert_str_eq(small, "init xa");
}
END_TEST

START_TEST(knobs_scale_only_their_schemes)
{
	/* given a scheme; for each of --gain, --mode, --std */
	iv_init_kind k = (iv_init_kind)_i;
	bool uses[3] = { iv_init_uses_gain(k), iv_init_uses_mode(k),
	                 iv_init_uses_std(k) };
	/* fan_in 500, fan_out 200: the fan_out draw is sqrt(500/200) wider */
	double factor[3] = { 2.5, sqrt(500.0 / 200.0), 0.7 / 0.01 };
	for (int knob = 0; knob < 3; knob++) {
		iv_config c;
		iv_config_defaults(&c);
		c.init = k;
		gsl_matrix *a, *b;
		/* when the knob changes and the stream stays */
		knob_pair(c, knob, &a, &b);
		/* then the draw scales by the knob's factor, or stays put */
		double f = uses[knob] ? factor[knob] : 1.0;
		double tol = uses[knob] ? 1e-14 * absmax(b) : 0;
		size_t i = 0;
		while (i < 200 * 500 && fabs(b->data[i] - f * a->data[i]) <= tol)
			i++;
		ck_assert_msg(i == 200 * 500, "%s knob %d entry %zu: %.17g vs "
		              "%g * %.17g", iv_init_name(k), knob, i,
		              b->data[i], f, a->data[i]);
		gsl_matrix_free(a);
		gsl_matrix_free(b);
	}
}
END_TEST

START_TEST(knob_usage_follows_the_docs)
{
	/* given the docs/report.md option descriptions */
	for (int k = 0; k < IV_INIT_COUNT; k++) {
		bool std = k == IV_INIT_NORMAL || k == IV_INIT_UNIFORM ||
		           k == IV_INIT_TRUNC_NORMAL;
		bool mode = k >= IV_INIT_HE_UNIFORM && k <= IV_INIT_LECUN_NORMAL;
		bool gain = k >= IV_INIT_XAVIER_UNIFORM && k <= IV_INIT_IDENTITY;
		/* then the table's flags say the same */
		ck_assert_int_eq(iv_init_uses_std(k), std);
		ck_assert_int_eq(iv_init_uses_mode(k), mode);
		ck_assert_int_eq(iv_init_uses_gain(k), gain);
	}
}
END_TEST

START_TEST(names_and_aliases)
{
	static const struct {
		const char *name;
		iv_init_kind k;
	} alias[] = {
		{ "glorot-normal", IV_INIT_XAVIER_NORMAL },
		{ "glorot-uniform", IV_INIT_XAVIER_UNIFORM },
		{ "kaiming-normal", IV_INIT_HE_NORMAL },
		{ "kaiming-uniform", IV_INIT_HE_UNIFORM },
		{ "trunc-normal", IV_INIT_TRUNC_NORMAL },
	};
	static const char *const bad[] = {
		"", "xavier", "glorot-", "kaiming-", "glorot-orthogonal",
		"kaiming-zeros", "he_normal", "normal ", "glorot-normalx",
		"kaiming-kaiming-normal", "orthogonal2",
	};
	iv_init_kind k;
	/* every canonical name parses back to its scheme */
	for (int i = 0; i < IV_INIT_COUNT; i++) {
		ck_assert_ptr_nonnull(iv_init_name(i));
		ck_assert(iv_init_parse(iv_init_name(i), &k));
		ck_assert_int_eq(k, i);
	}
	ck_assert_ptr_null(iv_init_name(IV_INIT_COUNT));
	for (size_t i = 0; i < TU_LEN(alias); i++) {
		ck_assert_msg(iv_init_parse(alias[i].name, &k), "%s", alias[i].name);
		ck_assert_int_eq(k, alias[i].k);
	}
	/* unknown names are rejected and leave *out untouched */
	for (size_t i = 0; i < TU_LEN(bad); i++) {
		k = IV_INIT_IDENTITY;
		ck_assert_msg(!iv_init_parse(bad[i], &k), "accepted \"%s\"", bad[i]);
		ck_assert_int_eq(k, IV_INIT_IDENTITY);
	}
	ck_assert(!iv_init_parse(NULL, &k));
}
END_TEST

START_TEST(unknown_scheme_is_einval)
{
	/* given an out-of-range scheme, when drawn, then IV_EINVAL */
	iv_config c;
	iv_config_defaults(&c);
	c.init = IV_INIT_COUNT;
	gsl_matrix *W = gsl_matrix_alloc(3, 3);
	gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
	ck_assert_int_eq(iv_init_draw(&c, 1, W, r), IV_EINVAL);
	gsl_rng_free(r);
	gsl_matrix_free(W);
}
END_TEST

/* fan_out x fan_in shapes for orthogonal: tall, square, wide, one column,
 * one row, and taller than the blocked QR's first split */
static const size_t orth_shapes[][2] = { { 40, 7 }, { 33, 33 }, { 9, 50 },
                                         { 300, 1 }, { 1, 300 },
                                         { 700, 130 } };

START_TEST(orthogonal_is_q_of_the_gaussian_draw)
{
	/* given the Gaussian matrix the same stream draws: fan_out x fan_in
	 * for a tall layer, its transpose's shape for a wide one */
	size_t fo = orth_shapes[_i][0], fi = orth_shapes[_i][1];
	bool tall = fo >= fi;
	size_t m = tall ? fo : fi, n = tall ? fi : fo;
	iv_config c;
	iv_config_defaults(&c);
	c.init = IV_INIT_ORTHOGONAL;
	c.gain = 1.0;
	gsl_matrix *A = gsl_matrix_alloc(m, n);
	gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
	gsl_rng_set(r, 11);
	for (size_t i = 0; i < m; i++)
		for (size_t j = 0; j < n; j++)
			gsl_matrix_set(A, i, j, gsl_ran_gaussian_ziggurat(r, 1.0));
	gsl_rng_free(r);
	/* when the layer is drawn from that stream */
	gsl_matrix *W = draw(&c, fo, fi, 11);
	/* then Q = W (tall) or W^T (wide) has orthonormal columns and
	 * Q^T A = R is upper triangular with a positive diagonal: A = Q R,
	 * the QR with R's signs fixed, as docs/report.md says */
	check_orthogonal(W, 1.0);
	gsl_matrix *R = gsl_matrix_alloc(n, n);
	gsl_blas_dgemm(tall ? CblasTrans : CblasNoTrans, CblasNoTrans, 1, W, A,
	               0, R);
	double big = 0, below = 0, mindiag = INFINITY;
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < n; j++) {
			double x = gsl_matrix_get(R, i, j);
			big = fmax(big, fabs(x));
			if (i > j)
				below = fmax(below, fabs(x));
			if (i == j)
				mindiag = fmin(mindiag, x);
		}
	ck_assert_msg(below <= 1e-10 * big, "%zux%zu: |R below the diagonal| "
	              "%g of %g", fo, fi, below, big);
	ck_assert_msg(mindiag > 1e-6 * big, "%zux%zu: R's diagonal reaches "
	              "%g", fo, fi, mindiag);
	gsl_matrix_free(R);
	gsl_matrix_free(A);
	gsl_matrix_free(W);
}
END_TEST

START_TEST(workspace_only_for_orthogonal)
{
	/* given every scheme, then only orthogonal needs scratch to draw:
	 * T (k x k) and k signs, k = min(fan_out, fan_in), and a wide layer
	 * its tall transpose too */
	iv_config c;
	iv_config_defaults(&c);
	for (int k = 0; k < IV_INIT_COUNT; k++) {
		c.init = k;
		double tall = iv_init_workspace(&c, 1000, 10);
		double wide = iv_init_workspace(&c, 10, 1000);
		if (k == IV_INIT_ORTHOGONAL) {
			ck_assert(tall == 10 * 10 + 10);
			ck_assert(wide == 10 * 10 + 10 + 10 * 1000);
		} else {
			ck_assert(tall == 0 && wide == 0);
		}
	}
}
END_TEST

/* Normal numbers: the engine's draw against GSL's ziggurat, number by
 * number and bit for bit, the generator's state after them too; at
 * sigmas from tiny to huge and negative, in runs of any length. */
static void same_as_gsl(const gsl_rng_type *T, unsigned long seed,
			double sigma, size_t n)
{
	gsl_rng *a = gsl_rng_alloc(T), *b = gsl_rng_alloc(T);
	double *x = malloc(n * sizeof *x);
	size_t tail = 0;
	ck_assert(a && b && x);
	gsl_rng_set(a, seed);
	gsl_rng_set(b, seed);
	/* runs of 1, 7, then the rest, and one number alone between */
	iv_gauss_fill(a, sigma, x, 1);
	iv_gauss_fill(a, sigma, x + 1, 7);
	x[8] = iv_gauss(a, sigma);
	iv_gauss_fill(a, sigma, x + 9, n - 9);
	for (size_t i = 0; i < n; i++) {
		double y = gsl_ran_gaussian_ziggurat(b, sigma);
		ck_assert_msg(tu_bits_eq(x[i], y),
			      "%s seed %lu sigma %g: number %zu is %.17g, GSL "
			      "%.17g",
			      T->name, seed, sigma, i, x[i], y);
		tail += fabs(y) > 3.5 * fabs(sigma); /* the base strip's */
	}
	ck_assert_uint_eq(gsl_rng_get(a), gsl_rng_get(b));
	if (n >= 100000) /* the rare cases came up: ~4.7e-4 of the draws */
		ck_assert_uint_gt(tail, n / 5000);
	free(x);
	gsl_rng_free(a);
	gsl_rng_free(b);
}

START_TEST(normals_are_gsl_ziggurat_bit_for_bit)
{
	/* given GSL's taus2 (the engine's generator) and mt19937 */
	static const double sigmas[] = {1.0, 0.37, -2.0, 1e-300, 1e200};
	/* when the engine draws, then GSL's numbers, and the fast path is on
	 * for the engine's generator */
	ck_assert_msg(iv_gauss_fast(),
		      "GSL's ziggurat did not pass the fast path's check: "
		      "every normal number goes through GSL (slower)");
	for (size_t k = 0; k < TU_LEN(sigmas); k++) {
		same_as_gsl(IV_RNG, iv_seed_mix(3, k), sigmas[k], 1u << 20);
		same_as_gsl(gsl_rng_mt19937, 5 + k, sigmas[k], 1000);
	}
	same_as_gsl(IV_RNG, 0, 1.0, 9);
}
END_TEST

START_TEST(trunc_normal_is_the_redraw_loop_bit_for_bit)
{
	/* given trunc-normal on the engine's generator and GSL's */
	const gsl_rng_type *types[] = {IV_RNG, gsl_rng_mt19937};
	iv_config c;
	iv_config_defaults(&c);
	c.init = IV_INIT_TRUNC_NORMAL;
	c.std = 0.37;
	size_t fo = 97, fi = 301;
	for (size_t t = 0; t < TU_LEN(types); t++) {
		gsl_rng *r = gsl_rng_alloc(types[t]), *q = gsl_rng_alloc(types[t]);
		gsl_matrix *W = gsl_matrix_alloc(fo, fi);
		ck_assert(r && q && W);
		gsl_rng_set(r, 17);
		gsl_rng_set(q, 17);
		double a;
		(void)iv_init_family(&c, fo, fi, &a);
		/* when its rows are drawn in runs (0..40, 40..41, 41..97) */
		ck_assert_int_eq(iv_init_draw_rows(&c, 1, W, r, 0, 40), IV_OK);
		ck_assert_int_eq(iv_init_draw_rows(&c, 1, W, r, 40, 41), IV_OK);
		ck_assert_int_eq(iv_init_draw_rows(&c, 1, W, r, 41, fo), IV_OK);
		/* then each weight is the scale times the next GSL number
		 * within +-2, and the stream ends where the last was drawn */
		for (size_t i = 0; i < fo * fi; i++) {
			double x;
			do
				x = gsl_ran_gaussian_ziggurat(q, 1.0);
			while (fabs(x) > 2.0);
			ck_assert_msg(tu_bits_eq(W->data[i], a * x),
				      "%s: weight %zu is %.17g, not %.17g",
				      types[t]->name, i, W->data[i], a * x);
		}
		ck_assert_uint_eq(gsl_rng_get(r), gsl_rng_get(q));
		gsl_matrix_free(W);
		gsl_rng_free(r);
		gsl_rng_free(q);
	}
}
END_TEST

START_TEST(seed_mix_separates_streams)
{
	/* given a few seeds and streams, the mixed seeds are all different */
	unsigned long seen[64];
	size_t n = 0;
	for (unsigned long s = 0; s < 8; s++)
		for (unsigned long t = 0; t < 8; t++) {
			unsigned long v = iv_seed_mix(s, t);
			ck_assert_uint_le(v, 0xffffffffUL);
			for (size_t i = 0; i < n; i++)
				ck_assert_uint_ne(seen[i], v);
			seen[n++] = v;
		}
}
END_TEST

Suite *suite(void)
{
	build_cases();
	Suite *s = tu_suite("init");
	TCase *tc = tcase_create("init");
	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, draw_matches_formula, 0, ncases);
	tcase_add_loop_test(tc, weight_std_matches_draw, 0, ncases);
	tcase_add_loop_test(tc, weight_std_is_the_documented_formula, 0, ncases);
	tcase_add_loop_test(tc, scaled_units_are_the_draw_bit_for_bit, 0,
			    ncases);
	tcase_add_loop_test(tc, knobs_scale_only_their_schemes, 0, IV_INIT_COUNT);
	tcase_add_test(tc, the_init_text_says_what_is_drawn);
	tcase_add_test(tc, knob_usage_follows_the_docs);
	tcase_add_test(tc, names_and_aliases);
	tcase_add_test(tc, unknown_scheme_is_einval);
	tcase_add_test(tc, seed_mix_separates_streams);
	tcase_add_test(tc, normals_are_gsl_ziggurat_bit_for_bit);
	tcase_add_test(tc, trunc_normal_is_the_redraw_loop_bit_for_bit);
	tcase_add_loop_test(tc, orthogonal_is_q_of_the_gaussian_draw, 0,
	                    TU_LEN(orth_shapes));
	tcase_add_test(tc, workspace_only_for_orthogonal);
	suite_add_tcase(s, tc);
	return s;
}
