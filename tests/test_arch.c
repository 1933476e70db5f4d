/* SPDX-License-Identifier: MIT */
/* Normalization and residual blocks: the engine against an independent
 * plain-loop network (forward entry by entry, gradients by central
 * differences of the whole network's loss), the stream's channel
 * statistics against their definitions, training's update against the
 * loss's finite differences. */
#include <float.h>
#include <string.h>
#include <initviz/act.h>
#include <initviz/net.h>
#include <initviz/train.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include "engine/init.h"
#include "engine/net_impl.h"
#include "testutil.h"

static const gsl_vector *net_bias(const iv_net *net, size_t l)
{
	return net->b[l];
}

#define MAXL 6
#define EPS_FD 1e-6 /* central differences: error ~1e-10 relative */
/* Bound on |engine - finite difference| relative to the largest entry:
 * the differences' own error (1e-10) times the conditioning a small
 * group's normalization adds (1/sqrt(var + eps) up to 1e2 here). */
#define FD_TOL 1e-6

/* The reference: cfg's network in plain loops, from the engine's weights,
 * the bias cfg->bias and the input redrawn from stream 0 (net.c's
 * streams). The loss is sum g_L h_L with g_L the engine's probe gradient. */
typedef struct ref {
	iv_config c;
	size_t L, B, n[MAXL + 1];
	double alpha;
	double *W[MAXL + 1], *h[MAXL + 1], *g;
} ref;

static void ref_init(ref *r, iv_net *net)
{
	const iv_config *c = iv_net_config(net);
	memset(r, 0, sizeof *r);
	r->c = *c;
	r->L = c->depth;
	r->B = c->batch;
	r->alpha = isnan(c->res_scale) ? 1.0 : c->res_scale;
	for (size_t l = 0; l <= r->L; l++) {
		r->n[l] = iv_config_units(c, l);
		r->h[l] = calloc(r->B * r->n[l], sizeof(double));
	}
	gsl_rng *g = gsl_rng_alloc(IV_RNG);
	gsl_rng_set(g, iv_seed_mix(c->seed, 0));
	for (size_t i = 0; i < r->B * r->n[0]; i++)
		r->h[0][i] = gsl_ran_gaussian_ziggurat(g, 1);
	gsl_rng_free(g);
	for (size_t l = 1; l <= r->L; l++) {
		size_t k = r->n[l] * r->n[l - 1];
		r->W[l] = malloc(k * sizeof(double));
		memcpy(r->W[l], iv_net_data(net, l, IV_Q_WEIGHTS, NULL, NULL),
		       k * sizeof(double));
	}
	size_t k = r->B * r->n[r->L];
	r->g = malloc(k * sizeof(double));
	memcpy(r->g, iv_net_data(net, r->L, IV_Q_GRAD_ACT, NULL, NULL),
	       k * sizeof(double));
}

static void ref_done(ref *r)
{
	for (size_t l = 0; l <= r->L; l++) {
		free(r->h[l]);
		free(r->W[l]);
	}
	free(r->g);
}

/* x (B x n) normalized in place: columns (batch) or rows (layer), in long
 * double, variance about the mean, plus 1e-5. */
static void normalize(iv_norm_kind k, double *x, size_t B, size_t n)
{
	size_t groups = k == IV_NORM_BATCH ? n : B;
	size_t size = k == IV_NORM_BATCH ? B : n;
	for (size_t g = 0; g < groups; g++) {
		long double m = 0, v = 0;
#define AT(e) x[k == IV_NORM_BATCH ? (e) * n + g : g * n + (e)]
		for (size_t e = 0; e < size; e++)
			m += AT(e);
		m /= size;
		for (size_t e = 0; e < size; e++)
			v += (AT(e) - m) * (AT(e) - m);
		v /= size;
		for (size_t e = 0; e < size; e++)
			AT(e) = (double)((AT(e) - m) / sqrtl(v + 1e-5L));
#undef AT
	}
}

/* out (B x n) = in (B x m) W^T + bias. */
static void affine(const ref *r, size_t l, const double *in, double *out)
{
	size_t B = r->B, n = r->n[l], m = r->n[l - 1];
	for (size_t i = 0; i < B; i++)
		for (size_t j = 0; j < n; j++) {
			long double s = r->c.bias;
			for (size_t k = 0; k < m; k++)
				s += (long double)in[i * m + k] * r->W[l][j * m + k];
			out[i * n + j] = (double)s;
		}
}

static void phi(const ref *r, double *x, size_t count)
{
	for (size_t i = 0; i < count; i++)
		x[i] = iv_act(r->c.act, r->c.slope, x[i]);
}

/* Layers from..L, each by the definitions of docs/report.md. */
static void ref_forward(ref *r, size_t from)
{
	for (size_t l = from; l <= r->L; l++) {
		size_t B = r->B, n = r->n[l], m = r->n[l - 1];
		bool block = r->c.residual && l > 1 && n == m;
		bool proj = r->c.residual && l == 1;
		if (block) {
			double *a = malloc(B * m * sizeof *a);
			memcpy(a, r->h[l - 1], B * m * sizeof *a);
			if (r->c.norm != IV_NORM_NONE)
				normalize(r->c.norm, a, B, m);
			phi(r, a, B * m);
			affine(r, l, a, r->h[l]);
			for (size_t i = 0; i < B * n; i++)
				r->h[l][i] = r->h[l - 1][i] + r->alpha * r->h[l][i];
			free(a);
			continue;
		}
		affine(r, l, r->h[l - 1], r->h[l]);
		if (proj)
			continue;
		if (r->c.norm != IV_NORM_NONE)
			normalize(r->c.norm, r->h[l], B, n);
		phi(r, r->h[l], B * n);
	}
}

static double ref_loss(const ref *r)
{
	long double s = 0;
	for (size_t i = 0; i < r->B * r->n[r->L]; i++)
		s += (long double)r->g[i] * r->h[r->L][i];
	return (double)s;
}

/* d loss / d x by central differences, x an entry of W_l ('W') or of h_l
 * ('h'; the layers above recomputed). */
static double ref_fd(ref *r, char what, size_t l, size_t e)
{
	double *x = what == 'W' ? &r->W[l][e] : &r->h[l][e];
	double x0 = *x, lp, lm;
	size_t from = what == 'W' ? l : l + 1;
	*x = x0 + EPS_FD;
	ref_forward(r, from);
	lp = ref_loss(r);
	*x = x0 - EPS_FD;
	ref_forward(r, from);
	lm = ref_loss(r);
	*x = x0;
	ref_forward(r, from);
	return (lp - lm) / (2 * EPS_FD);
}

/* The configurations: every kind of layer with each normalization. */
static void arch(iv_config *c, int i)
{
	static const unsigned w[] = { 5, 6, 6, 4, 4, 3 };
	tu_config_widths(c, w, TU_LEN(w));
	c->act = i % 3 == 0 ? IV_ACT_TANH : i % 3 == 1 ? IV_ACT_GELU : IV_ACT_SIGMOID;
	c->norm = (iv_norm_kind)(i % IV_NORM_COUNT);
	c->residual = i >= IV_NORM_COUNT;
	c->res_scale = i >= 2 * IV_NORM_COUNT ? 0.5 : NAN;
	c->gain = 1.3;
	c->bias = 0.1;
	c->batch = 7;
	c->seed = 3 + (unsigned long)i;
	c->retain = 1;
}
#define ARCHS (3 * IV_NORM_COUNT)

static iv_net *make(const iv_config *c)
{
	iv_status st;
	iv_net *net = iv_net_alloc(c, &st);
	ck_assert_msg(net != NULL, "alloc: %s", iv_status_str(st));
	ck_assert_int_eq(iv_net_run(net), IV_OK);
	return net;
}

START_TEST(forward_matches_the_definition)
{
	/* given a network of every layer kind, then each layer's output
	 * equals the plain loops' to 1e-12 of its scale */
	iv_config c;
	arch(&c, _i);
	iv_net *net = make(&c);
	ref r;
	ref_init(&r, net);
	ref_forward(&r, 1);
	for (size_t l = 1; l <= r.L; l++) {
		const double *h = iv_net_data(net, l, IV_Q_ACT, NULL, NULL);
		double err = 0, big = 0;
		for (size_t i = 0; i < r.B * r.n[l]; i++) {
			err = fmax(err, fabs(h[i] - r.h[l][i]));
			big = fmax(big, fabs(r.h[l][i]));
		}
		ck_assert_msg(err <= 1e-12 * (1 + big), "layer %zu: %g of %g",
		              l, err, big);
	}
	ref_done(&r);
	iv_net_free(net);
}
END_TEST

START_TEST(gradients_match_finite_differences)
{
	/* given every layer kind with batch, layer or no norm */
	iv_config c;
	arch(&c, _i);
	iv_net *net = make(&c);
	ref r;
	ref_init(&r, net);
	ref_forward(&r, 1);
	for (size_t l = 1; l <= r.L; l++) {
		size_t na = r.B * r.n[l], nw = r.n[l] * r.n[l - 1];
		/* then g_l = d loss / d h_l entry by entry (through the norms
		 * and the residual adds above l) */
		const double *g = iv_net_data(net, l, IV_Q_GRAD_ACT, NULL, NULL);
		double err = 0, gmax = 0;
		for (size_t i = 0; i < na; i++) {
			err = fmax(err, fabs(g[i] - ref_fd(&r, 'h', l, i)));
			gmax = fmax(gmax, fabs(g[i]));
		}
		ck_assert_msg(err <= FD_TOL * gmax, "%s g_%zu: error %g of %g",
		              iv_norm_name(c.norm), l, err, gmax);
		/* and dW = d loss / dW / batch: every summary statistic */
		double *fd = malloc(nw * sizeof *fd);
		for (size_t e = 0; e < nw; e++)
			fd[e] = ref_fd(&r, 'W', l, e) / (double)r.B;
		const iv_stats *s = &iv_net_layer(net, l)->q[IV_Q_GRAD_WEIGHTS];
		iv_stats f;
		iv_stats_init(&f, 4);
		iv_stats_compute(&f, fd, nw);
		double tol = FD_TOL * fmax(fabs(f.min), fabs(f.max));
		ck_assert_msg(fabs(s->mean - f.mean) <= tol &&
		              fabs(s->std - f.std) <= tol &&
		              fabs(s->min - f.min) <= tol &&
		              fabs(s->max - f.max) <= tol,
		              "%s dW_%zu: mean %g vs %g, std %g vs %g",
		              iv_norm_name(c.norm), l, s->mean, f.mean, s->std,
		              f.std);
		iv_stats_done(&f);
		free(fd);
	}
	ref_done(&r);
	iv_net_free(net);
}
END_TEST

START_TEST(stream_statistics_are_the_channel_moments)
{
	/* given a residual network with a nonzero bias (channel means) */
	iv_config c;
	iv_config_defaults(&c);
	c.width = 40;
	c.depth = 4;
	c.batch = 30;
	c.bias = 0.3;
	c.act = IV_ACT_RELU;
	c.residual = true;
	c.norm = (iv_norm_kind)_i;
	iv_net *net = make(&c);
	for (size_t l = 1; l <= c.depth; l++) {
		size_t rows, cols;
		const double *h = iv_net_data(net, l, IV_Q_ACT, &rows, &cols);
		long double v = 0, m2 = 0;
		for (size_t j = 0; j < cols; j++) {
			long double m = 0, s = 0;
			for (size_t i = 0; i < rows; i++)
				m += h[i * cols + j];
			m /= rows;
			for (size_t i = 0; i < rows; i++)
				s += (h[i * cols + j] - m) * (h[i * cols + j] - m);
			v += s / rows;
			m2 += m * m;
		}
		const iv_layer_stats *s = iv_net_layer(net, l);
		double ev = (double)(v / cols), em = (double)(m2 / cols);
		/* then they are the averages of the units' variances and of
		 * their means' squares, and sum to the mean square */
		ck_assert_msg(fabs(s->channel_variance - ev) <= 1e-12 * ev &&
		              fabs(s->channel_mean_sq - em) <= 1e-12 * (em + ev),
		              "layer %zu: %g %g vs %g %g", l, s->channel_variance,
		              s->channel_mean_sq, ev, em);
		double rms = s->q[IV_Q_ACT].rms;
		ck_assert(fabs(ev + em - rms * rms) <= 1e-10 * rms * rms);
		ck_assert_uint_eq(s->kind, l == 1 ? IV_LAYER_PROJECTION
		                                  : IV_LAYER_RESIDUAL);
	}
	iv_net_free(net);
}
END_TEST

START_TEST(the_branch_is_the_preactivation_of_a_block)
{
	/* given blocks at alpha 0: the stream never moves past layer 1 */
	iv_config c;
	iv_config_defaults(&c);
	c.width = 32;
	c.depth = 5;
	c.batch = 16;
	c.residual = true;
	c.res_scale = 0;
	c.norm = IV_NORM_LAYER;
	iv_net *net = make(&c);
	size_t rows, cols;
	const double *h1 = iv_net_data(net, 1, IV_Q_ACT, &rows, &cols);
	for (size_t l = 2; l <= c.depth; l++) {
		const double *h = iv_net_data(net, l, IV_Q_ACT, NULL, NULL);
		ck_assert(!memcmp(h, h1, rows * cols * sizeof *h));
		/* the branch itself is not zero, its gradients are */
		const iv_layer_stats *s = iv_net_layer(net, l);
		ck_assert(s->q[IV_Q_PREACT].std > 0.1);
		ck_assert(s->q[IV_Q_GRAD_WEIGHTS].rms == 0);
		ck_assert(s->q[IV_Q_GRAD_PREACT].rms == 0);
	}
	iv_net_free(net);
}
END_TEST

START_TEST(training_update_is_the_loss_gradient)
{
	/* given every architecture, a step of SGD moves each weight by
	 * -lr times the loss's central difference */
	const double lr = 1e-3, eps = 1e-6;
	iv_config c;
	arch(&c, _i);
	c.retain = 0;
	iv_train_opts o = { .lr = lr, .outputs = 3 };
	iv_status st;
	iv_net *net = iv_net_alloc(&c, &st);
	iv_train *tr = iv_train_alloc(net, &o, &st);
	iv_net *net2 = iv_net_alloc(&c, &st);
	iv_train *tr2 = iv_train_alloc(net2, &o, &st);
	ck_assert(tr && tr2);
	size_t L = c.depth, r, k;
	double *before[MAXL + 1];
	for (size_t l = 1; l <= L; l++) {
		const double *w = iv_net_data(net2, l, IV_Q_WEIGHTS, &r, &k);
		before[l] = malloc(r * k * sizeof(double));
		memcpy(before[l], w, r * k * sizeof(double));
	}
	ck_assert_int_eq(iv_train_step(tr2), IV_OK);
	for (size_t l = 1; l <= L; l++) {
		double *w = (double *)iv_net_data(net, l, IV_Q_WEIGHTS, &r, &k);
		const double *w2 = iv_net_data(net2, l, IV_Q_WEIGHTS, NULL, NULL);
		for (size_t e = 0; e < r * k; e += 3) {
			double w0 = w[e], lp, lm;
			w[e] = w0 + eps;
			ck_assert_int_eq(iv_train_evaluate(tr), IV_OK);
			lp = iv_train_loss(tr);
			w[e] = w0 - eps;
			ck_assert_int_eq(iv_train_evaluate(tr), IV_OK);
			lm = iv_train_loss(tr);
			w[e] = w0;
			double fd = (lp - lm) / (2 * eps);
			double grad = -(w2[e] - before[l][e]) / lr;
			ck_assert_msg(fabs(grad - fd) <= 1e-7 + 1e-5 * fabs(fd),
			              "%s residual %d layer %zu entry %zu: %g vs fd %g",
			              iv_norm_name(c.norm), c.residual, l, e, grad,
			              fd);
		}
		free(before[l]);
	}
	iv_train_free(tr);
	iv_train_free(tr2);
	iv_net_free(net);
	iv_net_free(net2);
}
END_TEST

/* The frameworks' documented formulas, for fan_in 400 and fan_out 250:
 * the bound of a uniform (torch.nn.Linear: kaiming_uniform with a = sqrt 5,
 * bound 1/sqrt(fan_in); keras glorot_uniform: sqrt(6/(fan_in+fan_out));
 * flax lecun_normal: truncated_normal at 2 stds of sqrt(1/fan_in)/.8796),
 * and the std (gpt2: 0.02). */
static const struct preset_case {
	iv_init_kind init;
	double bound, std; /* bound 0: unbounded (a normal) */
} presets[] = {
	{ IV_INIT_TORCH_LINEAR, 0.05, 0.05 / 1.7320508075688772 },
	/* sqrt(6/650), sqrt(2/650) */
	{ IV_INIT_KERAS_DENSE, 0.09607689228305228, 0.05547001962252291 },
	{ IV_INIT_FLAX_DENSE, 0.1 / 0.87962566103423978, 0.05 },
	{ IV_INIT_GPT2, 0, 0.02 },
};

START_TEST(presets_draw_the_frameworks_formulas)
{
	const struct preset_case *p = &presets[_i];
	static const unsigned w[] = { 400, 250 };
	iv_config c;
	tu_config_widths(&c, w, TU_LEN(w));
	c.init = p->init;
	c.bias = 0.7;      /* a preset ignores both */
	c.bias_std = 0.3;
	c.batch = 2;
	iv_status st;
	iv_net *net = iv_net_alloc(&c, &st);
	ck_assert_int_eq(iv_net_run(net), IV_OK);
	size_t r, k;
	const double *W = iv_net_data(net, 1, IV_Q_WEIGHTS, &r, &k);
	double m, sd, big = 0;
	tu_moments(W, r * k, &m, &sd);
	for (size_t e = 0; e < r * k; e++)
		big = fmax(big, fabs(W[e]));
	/* then the std within 1.5% (100000 draws: 0.3% is one standard error
	 * of the std), the formula's std exactly, and for uniform and
	 * truncated draws the bound held and nearly reached */
	ck_assert_msg(fabs(sd / p->std - 1) < 0.015, "%s: std %g, want %g",
	              iv_init_name(p->init), sd, p->std);
	ck_assert(fabs(iv_config_weight_std(&c, 1) - p->std) <= 1e-15);
	if (p->bound > 0)
		ck_assert_msg(big <= p->bound && big > 0.99 * p->bound,
		              "%s: max |W| %g, bound %g", iv_init_name(p->init),
		              big, p->bound);
	else
		ck_assert(big > 3.5 * p->std); /* untruncated */
	/* the biases: nn.Linear's U(+-1/sqrt(fan_in)), zero for the rest */
	const double *b = gsl_vector_const_ptr(net_bias(net, 1), 0);
	double bm, bsd, bbig = 0;
	tu_moments(b, 250, &bm, &bsd);
	for (size_t e = 0; e < 250; e++)
		bbig = fmax(bbig, fabs(b[e]));
	if (p->init == IV_INIT_TORCH_LINEAR) {
		ck_assert(bbig <= 0.05 && bbig > 0.045);
		ck_assert(fabs(bsd / (0.05 / sqrt(3)) - 1) < 0.15);
		ck_assert(fabs(iv_config_bias_var(&c, 1) - 0.0025 / 3) < 1e-18);
	} else {
		ck_assert(bbig == 0 && iv_config_bias_var(&c, 1) == 0);
	}
	/* and "ignores" means every number: the same network without --bias
	 * and --bias-std draws the same biases and computes the same
	 * activations and gradients, bit for bit */
	iv_config c0 = c;
	c0.bias = 0;
	c0.bias_std = 0;
	iv_net *net0 = iv_net_alloc(&c0, &st);
	ck_assert_int_eq(iv_net_run(net0), IV_OK);
	ck_assert(!memcmp(b, gsl_vector_const_ptr(net_bias(net0, 1), 0),
	                  250 * sizeof *b));
	size_t r0, k0;
	const double *z = iv_net_data(net, 1, IV_Q_PREACT, &r, &k);
	const double *z0 = iv_net_data(net0, 1, IV_Q_PREACT, &r0, &k0);
	ck_assert(r == r0 && k == k0 && !memcmp(z, z0, r * k * sizeof *z));
	for (iv_quantity q = 0; q < IV_Q_COUNT; q++) {
		const iv_stats *a = &iv_net_layer(net, 1)->q[q];
		const iv_stats *a0 = &iv_net_layer(net0, 1)->q[q];
		ck_assert_msg(a->mean == a0->mean && a->std == a0->std,
		              "%s: %s moved with --bias-std",
		              iv_init_name(p->init), iv_quantity_name(q));
	}
	iv_net_free(net0);
	iv_net_free(net);
}
END_TEST

START_TEST(gpt2_scales_blocks_by_one_over_sqrt_2l)
{
	iv_config c;
	iv_config_defaults(&c);
	c.init = IV_INIT_GPT2;
	c.depth = 12;
	ck_assert(fabs(iv_config_res_scale(&c) - 1 / sqrt(24.0)) < 1e-15);
	c.res_scale = 0.3; /* given: kept */
	ck_assert(iv_config_res_scale(&c) == 0.3);
	c.init = IV_INIT_HE_NORMAL;
	c.res_scale = NAN;
	ck_assert(iv_config_res_scale(&c) == 1.0);
}
END_TEST

START_TEST(bad_architecture_is_refused)
{
	iv_config c;
	iv_config_defaults(&c);
	c.norm = IV_NORM_COUNT;
	ck_assert_int_eq(iv_config_validate(&c), IV_EINVAL);
	iv_config_defaults(&c);
	c.res_scale = -1;
	ck_assert_int_eq(iv_config_validate(&c), IV_EINVAL);
	c.res_scale = INFINITY;
	ck_assert_int_eq(iv_config_validate(&c), IV_EINVAL);
	c.res_scale = NAN; /* the scheme's own */
	ck_assert_int_eq(iv_config_validate(&c), IV_OK);
	ck_assert(iv_config_res_scale(&c) == 1.0);
}
END_TEST

Suite *suite(void)
{
	Suite *s = tu_suite("arch");
	TCase *tc = tcase_create("arch");
	tcase_set_timeout(tc, 120);
	tcase_add_loop_test(tc, forward_matches_the_definition, 0, ARCHS);
	tcase_add_loop_test(tc, gradients_match_finite_differences, 0, ARCHS);
	tcase_add_loop_test(tc, stream_statistics_are_the_channel_moments, 0,
	                    IV_NORM_COUNT);
	tcase_add_test(tc, the_branch_is_the_preactivation_of_a_block);
	tcase_add_loop_test(tc, training_update_is_the_loss_gradient, 0, ARCHS);
	tcase_add_loop_test(tc, presets_draw_the_frameworks_formulas, 0,
	                    TU_LEN(presets));
	tcase_add_test(tc, gpt2_scales_blocks_by_one_over_sqrt_2l);
	tcase_add_test(tc, bad_architecture_is_refused);
	suite_add_tcase(s, tc);
	return s;
}
