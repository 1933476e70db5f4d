/* SPDX-License-Identifier: MIT */
/* Forward and backward statistics of wide networks against mean-field theory,
 * with the Gaussian expectations integrated here (GSL qagi), not by the engine.
 *
 * Theory: with sigma_w^2 = fan_in Var(W), sigma_b^2 = bias_std^2,
 *   q_1 = sigma_w^2 E[x^2] + sigma_b^2,  q_l = sigma_w^2 E[phi(sqrt(q_{l-1}) z)^2] + sigma_b^2,
 *   G_L = 1,  G_{l-1} = fan_out Var(W_l) E[phi'(sqrt(q_l) z)^2] G_l   (g_l variance),
 * and rms(dW_l)^2 = G_l E[phi'^2] E[h_{l-1}^2] / batch (dW averages batch
 * products of independent factors). IV_CALIBRATE=1 in the environment prints
 * the seed-to-seed spread that the tolerances below are based on. */
#include <stdio.h>
#include <gsl/gsl_integration.h>
#include <initviz/net.h>
#include "testutil.h"

#define DEPTH 10
#define WIDTH 500
#define BATCH 200

/* Activations written out here, independent of the engine. */
static double phi(iv_act_kind k, double x, int d)
{
	const double lam = 1.0507009873554805, alp = 1.6732632423543772;
	switch (k) {
	case IV_ACT_RELU: return x > 0 ? (d ? 1 : x) : 0;
	case IV_ACT_TANH: return d ? 1 / (cosh(x) * cosh(x)) : tanh(x);
	case IV_ACT_SELU:
		return lam * (x > 0 ? (d ? 1 : x) : alp * (d ? exp(x) : expm1(x)));
	default: return d ? 1 : x;
	}
}

struct integrand {
	iv_act_kind k;
	double sq;
	int d;
};

static double term(double z, void *arg)
{
	const struct integrand *a = arg;
	double v = phi(a->k, a->sq * z, a->d);
	return v * v * exp(-0.5 * z * z) / sqrt(2 * M_PI);
}

/* E_z[phi(sqrt(q) z)^2] (d = 0) or E_z[phi'(sqrt(q) z)^2] (d = 1). */
static double gauss2(iv_act_kind k, double q, int d)
{
	gsl_integration_workspace *w = gsl_integration_workspace_alloc(1000);
	struct integrand a = { k, sqrt(q), d };
	gsl_function f = { term, &a };
	double r, err;
	ck_assert_int_eq(gsl_integration_qagi(&f, 1e-12, 1e-10, 1000, w, &r,
	                                      &err), GSL_SUCCESS);
	gsl_integration_workspace_free(w);
	return r;
}

struct mcase {
	const char *name;
	iv_init_kind init;
	iv_act_kind act;
	iv_input_kind input;
	double gain, bias_std;
	iv_fan_mode mode;
	unsigned alt; /* 0: square; else widths alternate WIDTH and alt */
	double tol_step, tol_full;
};

#define MC(nm, i, a, in, g, bs, md, alt, ts, tf)                              \
	{ nm, IV_INIT_##i, IV_ACT_##a, IV_INPUT_##in, g, bs, IV_MODE_##md,     \
	  alt, ts, tf }

/* Tolerances (relative rms, one step; full recursion per sqrt(l)): 5x the
 * largest seed-to-seed std over layers and quantities from IV_CALIBRATE=1
 * (5 seeds), in brackets. ReLU is noisy at width 500: deep layers see
 * correlated samples, so about n, not n x batch, values carry the noise.
 * With positive inputs the inputs' common mean component leaves dW few
 * degrees of freedom (std 0.07-0.08): dW is not checked there. */
static const struct mcase cases[] = {
	MC("linear lecun", LECUN_NORMAL, LINEAR, GAUSSIAN, 1, 0, FAN_IN, 0,
	   0.05, 0.075),                                  /* [.0091 .0146] */
	MC("relu he", HE_NORMAL, RELU, GAUSSIAN, 1, 0, FAN_IN, 0, 0.25,
	   0.18),                                         /* [.0499 .0366] */
	MC("relu lecun", LECUN_NORMAL, RELU, GAUSSIAN, 1, 0, FAN_IN, 0, 0.25,
	   0.18),                                         /* [.0499 .0366] */
	MC("tanh xavier", XAVIER_NORMAL, TANH, GAUSSIAN, 1, 0, FAN_IN, 0, 0.05,
	   0.03),                                         /* [.0093 .0061] */
	MC("tanh xavier gain 1.5 bias_std 0.3", XAVIER_NORMAL, TANH, GAUSSIAN,
	   1.5, 0.3, FAN_IN, 0, 0.12, 0.075),             /* [.0238 .0146] */
	MC("selu lecun", LECUN_NORMAL, SELU, GAUSSIAN, 1, 0, FAN_IN, 0, 0.04,
	   0.06),                                         /* [.0079 .0111] */
	MC("linear lecun uniform input", LECUN_NORMAL, LINEAR, UNIFORM, 1, 0,
	   FAN_IN, 0, 0.04, 0.09),                        /* [.0073 .0181] */
	MC("relu he positive input", HE_NORMAL, RELU, POSITIVE, 1, 0, FAN_IN,
	   0, 0.23, 0.30),                                /* [.0453 .0603] */
	MC("tanh xavier positive input", XAVIER_NORMAL, TANH, POSITIVE, 1, 0,
	   FAN_IN, 0, 0.14, 0.10),                        /* [.0284 .0207] */
	MC("linear lecun gain 1.2", LECUN_NORMAL, LINEAR, GAUSSIAN, 1.2, 0,
	   FAN_IN, 0, 0.05, 0.075),                       /* [.0091 .0146] */
	MC("linear xavier 500/250", XAVIER_NORMAL, LINEAR, GAUSSIAN, 1, 0,
	   FAN_IN, 250, 0.09, 0.06),                      /* [.0175 .0120] */
	MC("linear lecun fan_out 500/250", LECUN_NORMAL, LINEAR, GAUSSIAN, 1, 0,
	   FAN_OUT, 250, 0.09, 0.06),                     /* [.0175 .0120] */
};

static void config_of(const struct mcase *m, unsigned long seed, iv_config *c)
{
	unsigned w[DEPTH + 1];
	for (size_t l = 0; l <= DEPTH; l++)
		w[l] = m->alt && l % 2 ? m->alt : WIDTH;
	tu_config_widths(c, w, DEPTH + 1);
	c->init = m->init;
	c->act = m->act;
	c->input = m->input;
	c->gain = m->gain;
	c->bias_std = m->bias_std;
	c->mode = m->mode;
	c->batch = BATCH;
	c->seed = seed;
}

/* Var(W) of layer l by the docs/report.md formulas. */
static double var_w(const iv_config *c, size_t l)
{
	double fi = iv_config_units(c, l - 1), fo = iv_config_units(c, l);
	double g2 = c->gain * c->gain, fan = c->mode == IV_MODE_FAN_OUT ? fo : fi;
	switch (c->init) {
	case IV_INIT_HE_NORMAL: return 2 * g2 / fan;
	case IV_INIT_XAVIER_NORMAL: return 2 * g2 / (fi + fo);
	default: return g2 / fan; /* lecun-normal */
	}
}

static double sq(double x) { return x * x; }

/* Predicted rms [l][q - 1] of the forward quantities. With meas (measured
 * rms, same layout) each prediction is one step of the recursion from the
 * measured neighbour; without, the recursion runs from E[x^2]. */
static void predict_forward(const iv_config *c, double meas[][5],
                            double pred[][5], double dphi2[])
{
	static const double ex2[] = { 1, 1, 1.0 / 3 }; /* E[x^2] by input */
	double h2 = ex2[c->input];
	for (size_t l = 1; l <= DEPTH; l++) {
		if (meas && l > 1)
			h2 = sq(meas[l - 1][IV_Q_ACT - 1]);
		double q = iv_config_units(c, l - 1) * var_w(c, l) * h2 +
		           sq(c->bias_std);
		pred[l][IV_Q_PREACT - 1] = sqrt(q);
		if (meas)
			q = sq(meas[l][IV_Q_PREACT - 1]);
		h2 = gauss2(c->act, q, 0);
		dphi2[l] = gauss2(c->act, q, 1);
		pred[l][IV_Q_ACT - 1] = sqrt(h2);
		pred[l][IV_Q_GRAD_WEIGHTS - 1] = l > 1 ? pred[l - 1][IV_Q_ACT - 1]
		                                       : sqrt(ex2[c->input]);
	}
}

/* The backward quantities, as predict_forward; call it first. */
static void predict(const iv_config *c, double meas[][5], double pred[][5])
{
	double dphi2[DEPTH + 1], G = 1;
	predict_forward(c, meas, pred, dphi2);
	for (size_t l = DEPTH; l >= 1; l--) {
		if (l < DEPTH) {
			double next = meas ? sq(meas[l + 1][IV_Q_GRAD_ACT - 1]) : G;
			G = next * iv_config_units(c, l + 1) * var_w(c, l + 1) *
			    dphi2[l + 1];
		}
		pred[l][IV_Q_GRAD_ACT - 1] = sqrt(G);
		double gl = meas ? sq(meas[l][IV_Q_GRAD_ACT - 1]) : G;
		pred[l][IV_Q_GRAD_PREACT - 1] = sqrt(gl * dphi2[l]);
		double dz2 = meas ? sq(meas[l][IV_Q_GRAD_PREACT - 1]) : gl * dphi2[l];
		double hprev = meas && l > 1 ? sq(meas[l - 1][IV_Q_ACT - 1])
		                             : sq(pred[l][IV_Q_GRAD_WEIGHTS - 1]);
		pred[l][IV_Q_GRAD_WEIGHTS - 1] = sqrt(dz2 * hprev / BATCH);
	}
}

/* Relative deviations measured/predicted - 1, index [l][q - 1], of the
 * full recursion (full) and of one step from measured neighbours (step). */
static void deviations(const struct mcase *m, unsigned long seed,
                       double full[][5], double step[][5])
{
	iv_config c;
	config_of(m, seed, &c);
	double pf[DEPTH + 1][5], ps[DEPTH + 1][5], meas[DEPTH + 1][5];
	iv_net *net = iv_net_alloc(&c, NULL);
	ck_assert_ptr_nonnull(net);
	ck_assert_int_eq(iv_net_run(net), IV_OK);
	for (size_t l = 1; l <= DEPTH; l++)
		for (int q = IV_Q_PREACT; q < IV_Q_COUNT; q++)
			meas[l][q - 1] = iv_net_layer(net, l)->q[q].rms;
	iv_net_free(net);
	predict(&c, NULL, pf);
	predict(&c, meas, ps);
	for (size_t l = 1; l <= DEPTH; l++)
		for (int q = 0; q < 5; q++) {
			full[l][q] = meas[l][q] / pf[l][q] - 1;
			step[l][q] = meas[l][q] / ps[l][q] - 1;
		}
}

START_TEST(statistics_follow_mean_field)
{
	/* given a wide deep net of case _i */
	const struct mcase *m = &cases[_i];
	double full[DEPTH + 1][5], step[DEPTH + 1][5];
	/* when run */
	deviations(m, 1, full, step);
	/* then each layer is one step of the recursion from its measured
	 * neighbour, and the whole recursion from the input holds with a
	 * tolerance growing like sqrt(l) (finite-width drift adds up) */
	bool dw = m->input != IV_INPUT_POSITIVE;
	for (size_t l = 1; l <= DEPTH; l++)
		for (int q = 0; q < 5 - !dw; q++) {
			double tf = m->tol_full * sqrt((double)l);
			ck_assert_msg(fabs(step[l][q]) <= m->tol_step,
			              "%s layer %zu %s: one step off by %+.4f (tol "
			              "%.3f)", m->name, l, iv_quantity_name(q + 1),
			              step[l][q], m->tol_step);
			ck_assert_msg(fabs(full[l][q]) <= tf,
			              "%s layer %zu %s: rms off by %+.4f (tol %.3f)",
			              m->name, l, iv_quantity_name(q + 1), full[l][q],
			              tf);
		}
	/* given a zero-mean input, layer 1 sees n x batch independent samples:
	 * q_1's relative std is about sqrt(2 / (n n_in) + 4 / (n_in batch))
	 * = 0.007, 0.0035 in rms, so 0.02 is about 5 sigma */
	if (!dw)
		return;
	ck_assert_msg(fabs(full[1][IV_Q_PREACT - 1]) < 0.02 &&
	              fabs(full[1][IV_Q_ACT - 1]) < 0.02, "%s: layer 1 z %+.4f "
	              "h %+.4f", m->name, full[1][0], full[1][1]);
	/* and g_L is N(0, 1): rms within 5 / sqrt(2 n batch) = 0.011 of 1 */
	ck_assert_msg(fabs(full[DEPTH][IV_Q_GRAD_ACT - 1]) < 0.011, "%s: g_L "
	              "rms off by %+.4f", m->name, full[DEPTH][2]);
}
END_TEST

/* Print per case and quantity, over seeds 1..5, the largest seed-to-seed
 * std of the one-step deviation (over layers), and of the full-recursion
 * deviation divided by sqrt(l). */
static double spread(double d[5][DEPTH + 1][5], int q, int scaled)
{
	double sd = 0;
	for (size_t l = 1; l <= DEPTH; l++) {
		double a = 0, b = 0, k = scaled ? sqrt((double)l) : 1;
		for (int s = 0; s < 5; s++) {
			a += d[s][l][q] / k;
			b += sq(d[s][l][q] / k);
		}
		sd = fmax(sd, sqrt(fmax(b / 5 - a * a / 25, 0)));
	}
	return sd;
}

START_TEST(calibrate)
{
	for (size_t i = 0; i < TU_LEN(cases); i++) {
		double full[5][DEPTH + 1][5], step[5][DEPTH + 1][5];
		for (int s = 0; s < 5; s++)
			deviations(&cases[i], (unsigned long)s + 1, full[s], step[s]);
		printf("%-34s step", cases[i].name);
		for (int q = 0; q < 5; q++)
			printf(" %.4f", spread(step, q, 0));
		printf(" full/sqrt(l)");
		for (int q = 0; q < 5; q++)
			printf(" %.4f", spread(full, q, 1));
		printf("\n");
	}
}
END_TEST

/* A constant bias b is the mean of every pre-activation: z ~ N(b, v) with
 * v_{l+1} = sigma_w^2 E[relu(z_l)^2] = 2 ((b^2 + v) Phi(t) + b sqrt(v)
 * phi(t)), t = b / sqrt(v), here for He and relu. Treating b as zero-mean
 * noise of variance b^2 (q = v + b^2, q' = q + b^2) gives sqrt(2 + 5 b^2)
 * at layer 6, 1.80 for b = 0.5. */
START_TEST(constant_bias_against_a_wide_network)
{
	const double b = 0.5;
	double v[7], meas[7] = { 0 };
	v[1] = 2.0;
	for (int l = 1; l < 6; l++) {
		double s = sqrt(v[l]), t = b / s;
		double h2 = (b * b + v[l]) * 0.5 * erfc(-t / M_SQRT2) +
		            b * s * exp(-0.5 * t * t) / sqrt(2 * M_PI);
		v[l + 1] = 2 * h2;
	}
	/* width 1024: the seed-to-seed std of layer 6's std is about 5%
	 * (8 seeds: 3.27 to 3.85), so 4 seeds average within 8% (3 sigma) */
	for (unsigned long seed = 1; seed <= 4; seed++) {
		iv_config c;
		iv_config_defaults(&c);
		c.init = IV_INIT_HE_NORMAL;
		c.act = IV_ACT_RELU;
		c.bias = b;
		c.width = 1024;
		c.depth = 6;
		c.batch = 128;
		c.seed = seed;
		iv_net *net = iv_net_alloc(&c, NULL);
		ck_assert_ptr_nonnull(net);
		ck_assert_int_eq(iv_net_run(net), IV_OK);
		for (size_t l = 1; l <= 6; l++) {
			const iv_stats *z = &iv_net_layer(net, l)->q[IV_Q_PREACT];
			meas[l] += sq(z->std) / 4;
			ck_assert_double_eq_tol(z->mean, b, 0.25);
		}
		iv_net_free(net);
	}
	for (int l = 1; l <= 6; l++)
		ck_assert_msg(fabs(sqrt(meas[l] / v[l]) - 1) < 0.08,
		              "layer %d: z std %.4g, want %.4g", l,
		              sqrt(meas[l]), sqrt(v[l]));
	ck_assert_double_eq_tol(sqrt(v[6]), 3.515, 0.001);
	ck_assert(sqrt(meas[6]) > 1.3 * sqrt(2 + 5 * b * b));
}
END_TEST

Suite *suite(void)
{
	Suite *s = tu_suite("meanfield");
	TCase *tc = tcase_create("meanfield");
	tcase_set_timeout(tc, 60);
	if (getenv("IV_CALIBRATE"))
		tcase_add_test(tc, calibrate);
	else
		tcase_add_loop_test(tc, statistics_follow_mean_field, 0,
		                    TU_LEN(cases));
	tcase_add_test(tc, constant_bias_against_a_wide_network);
	suite_add_tcase(s, tc);
	return s;
}
