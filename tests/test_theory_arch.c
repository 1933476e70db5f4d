/* SPDX-License-Identifier: MIT */
/* Mean field of residual blocks and normalization: the predictions
 * against closed forms written out here, and the engine's measured
 * streams and gradients at width 1024 against them. */
#include <initviz/net.h>
#include <initviz/theory.h>
#include "testutil.h"

#define EPS 1e-5 /* the normalizations' epsilon (docs/report.md) */

static void he_relu(iv_config *c, size_t width, size_t depth)
{
	iv_config_defaults(c);
	c->init = IV_INIT_HE_NORMAL;
	c->act = IV_ACT_RELU;
	c->width = width;
	c->depth = depth;
}

static iv_theory_layer *predict(const iv_config *c)
{
	iv_theory *th = iv_theory_alloc();
	iv_theory_layer *t = malloc(c->depth * sizeof *t);
	ck_assert(th && t);
	ck_assert_int_eq(iv_theory_layers(th, c, t), IV_OK);
	iv_theory_free(th);
	return t;
}

static double ms(const iv_theory_layer *t) /* predicted E[h^2] */
{
	return t->channel_variance + t->channel_mean_sq;
}

START_TEST(unnormalized_blocks_multiply_by_one_plus_alpha_squared)
{
	/* given He + relu blocks at alpha in {1, 0.5, 0}, then E[h_l^2] =
	 * 2 (1 + alpha^2)^(l-1) (the projection gives 2) and E[g_l^2] =
	 * (1 + alpha^2)^(L-l) */
	static const double alphas[] = { 1.0, 0.5, 0.0 };
	double a = alphas[_i], L = 12;
	iv_config c;
	he_relu(&c, 64, (size_t)L);
	c.residual = true;
	c.res_scale = a;
	iv_theory_layer *t = predict(&c);
	for (size_t l = 1; l <= c.depth; l++) {
		double s = 2 * pow(1 + a * a, (double)l - 1);
		double g = pow(1 + a * a, L - (double)l);
		ck_assert_msg(fabs(ms(&t[l - 1]) - s) <= 1e-12 * s &&
		              fabs(t[l - 1].activation_std - sqrt(s)) <=
		                      1e-12 * sqrt(s),
		              "alpha %g layer %zu: %.15g vs %.15g", a, l,
		              ms(&t[l - 1]), s);
		ck_assert_msg(fabs(t[l - 1].grad_activation_std - sqrt(g)) <=
		                      1e-12 * sqrt(g),
		              "alpha %g layer %zu: g %.15g vs %.15g", a, l,
		              t[l - 1].grad_activation_std, sqrt(g));
		/* a block's branch has variance sigma_w^2 E[relu^2] = S_{l-1} */
		if (l > 1)
			ck_assert(fabs(t[l - 1].preactivation_std -
			               sqrt(2 * pow(1 + a * a, (double)l - 2))) <=
			          1e-12 * t[l - 1].preactivation_std);
	}
	free(t);
}
END_TEST

START_TEST(normalized_blocks_grow_linearly)
{
	/* given He + relu blocks with layer or batch norm in the branch, then
	 * S_l = S_{l-1} + alpha^2 r (the branch of a unit-variance input adds
	 * sigma_w^2 E[relu(u)^2] = r = V / (V + eps), V the variance the norm
	 * divides by) and E[g_{l-1}^2] = E[g_l^2] (1 + alpha^2 / (V + eps)):
	 * both about linear in l. Layer norm: V = S_{l-1}. Batch norm: V =
	 * S_{l-1} - M_{l-1}, the units' means' square M growing by alpha^2
	 * sigma_w^2 E[relu(u)]^2 = alpha^2 r / pi a block. */
	iv_config c;
	he_relu(&c, 64, 30);
	c.residual = true;
	c.norm = _i ? IV_NORM_BATCH : IV_NORM_LAYER;
	c.res_scale = 0.8;
	double a2 = 0.64, S[31], V[31], M = 0, g = 1;
	iv_theory_layer *t = predict(&c);
	S[1] = 2;
	for (size_t l = 2; l <= 30; l++) {
		V[l] = c.norm == IV_NORM_BATCH ? S[l - 1] - M : S[l - 1];
		double r = V[l] / (V[l] + EPS);
		S[l] = S[l - 1] + a2 * r;
		M += a2 * r / M_PI;
	}
	for (size_t l = 30; l >= 1; l--) {
		ck_assert_msg(fabs(ms(&t[l - 1]) - S[l]) <= 1e-12 * S[l],
		              "layer %zu: %.15g vs %.15g", l, ms(&t[l - 1]), S[l]);
		ck_assert_msg(fabs(t[l - 1].grad_activation_std - sqrt(g)) <=
		                      1e-12 * sqrt(g),
		              "layer %zu: g %.15g vs %.15g", l,
		              t[l - 1].grad_activation_std, sqrt(g));
		if (l > 1)
			g *= 1 + a2 / (V[l] + EPS);
	}
	/* about linear: S_30 within 1e-4 of 2 + 29 alpha^2 */
	ck_assert(fabs(S[30] - (2 + 29 * a2)) < 1e-4);
	free(t);
}
END_TEST

START_TEST(batch_norm_gradients_explode_by_pi_over_pi_minus_one)
{
	/* given a plain He + relu net with batch norm, then below the top each
	 * layer multiplies E[g^2] by sigma_w^2 E[relu'^2] / V = 1 / (1 -
	 * 1/pi) (V = sigma_w^2 Var(relu(u)) = 1 - 1/pi of a normalized u:
	 * Yang et al. 2019), and the forward pass is the same at every depth */
	iv_config c;
	he_relu(&c, 64, 10);
	c.norm = IV_NORM_BATCH;
	iv_theory_layer *t = predict(&c);
	/* V_l, the units' variance of z_l: 2 for the Gaussian input, then
	 * sigma_w^2 Var(relu(u)) = r (1 - 1/pi), u ~ N(0, r), r = V/(V+eps) */
	double V[11], r[11];
	V[1] = 2;
	r[1] = V[1] / (V[1] + EPS);
	for (size_t l = 2; l <= 10; l++) {
		V[l] = r[l - 1] * (1 - 1 / M_PI);
		r[l] = V[l] / (V[l] + EPS);
	}
	for (size_t l = 1; l < c.depth; l++) {
		double ratio = pow(t[l - 1].grad_activation_std /
		                           t[l].grad_activation_std,
		                   2);
		double want = 1 / (V[l + 1] + EPS);
		ck_assert_msg(fabs(ratio - want) <= 1e-12 * want,
		              "layer %zu: %.15g vs %.15g", l, ratio, want);
		ck_assert(fabs(t[l - 1].activation_std -
		               sqrt(r[l] * (0.5 - 0.5 / M_PI))) <= 1e-12);
		/* the units' means over the batch are all E[relu(u)] */
		ck_assert(fabs(t[l - 1].channel_mean_sq - r[l] / (2 * M_PI)) <=
		          1e-12);
	}
	ck_assert(fabs(1 / V[5] - M_PI / (M_PI - 1)) < 1e-4);
	/* a layer norm instead divides by the variance over the units, 1:
	 * gradients keep their size */
	c.norm = IV_NORM_LAYER;
	free(t);
	t = predict(&c);
	for (size_t l = 2; l < c.depth; l++)
		ck_assert(fabs(t[l - 1].grad_activation_std /
		               t[l].grad_activation_std - 1) < 1e-4);
	free(t);
}
END_TEST

static iv_net *measure(const iv_config *c)
{
	iv_status st;
	iv_net *net = iv_net_alloc(c, &st);
	ck_assert_msg(net != NULL, "alloc: %s", iv_status_str(st));
	ck_assert_int_eq(iv_net_run(net), IV_OK);
	return net;
}

/* Measured E[h_l^2] and rms(g_l) within rel of the prediction. */
static void agree(iv_net *net, double rel_h, double rel_g)
{
	const iv_config *c = iv_net_config(net);
	iv_theory_layer *t = predict(c);
	for (size_t l = 1; l <= c->depth; l++) {
		const iv_layer_stats *s = iv_net_layer(net, l);
		double h2 = s->channel_variance + s->channel_mean_sq;
		double g = s->q[IV_Q_GRAD_ACT].rms;
		ck_assert_msg(fabs(h2 / ms(&t[l - 1]) - 1) <= rel_h,
		              "%s layer %zu: E[h^2] %g, predicted %g",
		              iv_norm_name(c->norm), l, h2, ms(&t[l - 1]));
		ck_assert_msg(fabs(g / t[l - 1].grad_activation_std - 1) <= rel_g,
		              "%s layer %zu: rms g %g, predicted %g",
		              iv_norm_name(c->norm), l, g,
		              t[l - 1].grad_activation_std);
		/* a block's branch: the std the profile draws its line at */
		if (s->kind == IV_LAYER_RESIDUAL)
			ck_assert_msg(fabs(s->q[IV_Q_PREACT].std /
			                           t[l - 1].preactivation_std -
			                   1) <= rel_h,
			              "%s layer %zu: branch std %g, predicted %g",
			              iv_norm_name(c->norm), l,
			              s->q[IV_Q_PREACT].std,
			              t[l - 1].preactivation_std);
	}
	free(t);
}

START_TEST(measured_unnormalized_stream_doubles)
{
	/* given He + relu blocks at width 1024, alpha 1: the measured stream's
	 * mean square doubles with each block, 2^l (to 10%: the fluctuations
	 * of a width-1024 layer, about 1/sqrt(1024) a layer, compounded over
	 * 8 blocks), and so does the gradient's going down */
	iv_config c;
	he_relu(&c, 1024, 8);
	c.batch = 256;
	c.residual = true;
	iv_net *net = measure(&c);
	for (size_t l = 1; l <= c.depth; l++) {
		const iv_layer_stats *s = iv_net_layer(net, l);
		double h2 = s->channel_variance + s->channel_mean_sq;
		ck_assert_msg(fabs(h2 / ldexp(1.0, (int)l) - 1) <= 0.10,
		              "layer %zu: %g vs 2^%zu", l, h2, l);
		double g2 = pow(s->q[IV_Q_GRAD_ACT].rms, 2);
		ck_assert_msg(fabs(g2 / ldexp(1.0, (int)(c.depth - l)) - 1) <= 0.10,
		              "layer %zu: g^2 %g vs 2^%zu", l, g2, c.depth - l);
	}
	agree(net, 0.10, 0.10);
	iv_net_free(net);
}
END_TEST

START_TEST(measured_normalized_stream_grows_linearly)
{
	/* given He + relu blocks with layer (batch) norm at width 1024: the
	 * stream's mean square grows by 1 a block, 2 + (l - 1) (to 5%) */
	iv_config c;
	he_relu(&c, 1024, 10);
	c.batch = 256;
	c.residual = true;
	c.norm = _i ? IV_NORM_BATCH : IV_NORM_LAYER;
	iv_net *net = measure(&c);
	for (size_t l = 1; l <= c.depth; l++) {
		const iv_layer_stats *s = iv_net_layer(net, l);
		double h2 = s->channel_variance + s->channel_mean_sq;
		double lin = 2.0 + (double)(l - 1);
		ck_assert_msg(fabs(h2 / lin - 1) <= 0.05, "%s layer %zu: %g vs %g",
		              iv_norm_name(c.norm), l, h2, lin);
	}
	agree(net, 0.05, 0.05);
	iv_net_free(net);
}
END_TEST

START_TEST(measured_batch_norm_gradient_explodes_as_predicted)
{
	/* given a plain He + relu net with batch norm at width 1024 over a
	 * batch of 512: rms(g) grows by sqrt(pi/(pi-1)) = 1.211 a layer going
	 * down, measured over 8 layers within 5% of the prediction */
	iv_config c;
	he_relu(&c, 1024, 9);
	c.batch = 512;
	c.norm = IV_NORM_BATCH;
	iv_net *net = measure(&c);
	double top = iv_net_layer(net, 9)->q[IV_Q_GRAD_ACT].rms;
	double bottom = iv_net_layer(net, 1)->q[IV_Q_GRAD_ACT].rms;
	double rate = pow(bottom / top, 1.0 / 8);
	ck_assert_msg(fabs(rate / sqrt(M_PI / (M_PI - 1)) - 1) <= 0.05,
	              "measured %g a layer", rate);
	agree(net, 0.05, 0.10);
	iv_net_free(net);
}
END_TEST

Suite *suite(void)
{
	Suite *s = tu_suite("theory_arch");
	TCase *tc = tcase_create("theory_arch");
	tcase_set_timeout(tc, 120);
	tcase_add_loop_test(tc, unnormalized_blocks_multiply_by_one_plus_alpha_squared,
	                    0, 3);
	tcase_add_loop_test(tc, normalized_blocks_grow_linearly, 0, 2);
	tcase_add_test(tc, batch_norm_gradients_explode_by_pi_over_pi_minus_one);
	tcase_add_test(tc, measured_unnormalized_stream_doubles);
	tcase_add_loop_test(tc, measured_normalized_stream_grows_linearly, 0, 2);
	tcase_add_test(tc, measured_batch_norm_gradient_explodes_as_predicted);
	suite_add_tcase(s, tc);
	return s;
}
