/* SPDX-License-Identifier: MIT */
/* Training: symmetry persists under equal weights, breaks under random ones,
 * the loss falls, and the SGD update is the finite-difference gradient. */
#include <check.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <initviz/net.h>
#include <initviz/train.h>
#include "check_main.h"

static iv_net *make_net(iv_init_kind init, iv_act_kind act, size_t width,
                        size_t depth)
{
	iv_config cfg;
	iv_status st;
	iv_config_defaults(&cfg);
	cfg.init = init;
	cfg.act = act;
	cfg.width = width;
	cfg.depth = depth;
	cfg.batch = 64;
	iv_net *net = iv_net_alloc(&cfg, &st);
	ck_assert_msg(net != NULL, "alloc: %s", iv_status_str(st));
	return net;
}

static iv_train *make_trainer(iv_net *net, double lr)
{
	iv_train_opts o = { .lr = lr, .outputs = 4 };
	iv_status st;
	iv_train *tr = iv_train_alloc(net, &o, &st);
	ck_assert_msg(tr != NULL, "train alloc: %s", iv_status_str(st));
	return tr;
}

/* The loss at step 0 of zero weights, relu and a bias mean of b with
 * noise of std s: every hidden unit is relu(b_i) = 0 (b_i ~ N(-1, s^2)
 * stays below 0), so the loss is the readout's biases against the targets
 * alone. */
static double loss_of_biases(double b, double s)
{
	iv_config cfg;
	iv_status st;
	iv_config_defaults(&cfg);
	cfg.init = IV_INIT_ZEROS;
	cfg.act = IV_ACT_RELU;
	cfg.width = 16;
	cfg.depth = 2;
	cfg.batch = 32;
	cfg.bias = b;
	cfg.bias_std = s;
	iv_net *net = iv_net_alloc(&cfg, &st);
	ck_assert_ptr_nonnull(net);
	iv_train *tr = make_trainer(net, 0.05);
	ck_assert_int_eq(iv_train_evaluate(tr), IV_OK);
	double loss = iv_train_loss(tr);
	iv_train_free(tr);
	iv_net_free(net);
	return loss;
}

START_TEST(readout_biases_start_at_the_bias_without_noise)
{
	/* given the hidden biases drawn with noise, then the readout's
	 * start at --bias exactly (docs/initviz.1): the loss is that of no
	 * noise to the last bit; and it does see the readout's bias */
	double plain = loss_of_biases(-1, 0), noisy = loss_of_biases(-1, 0.1);
	ck_assert(isfinite(plain) && plain > 0);
	ck_assert_double_eq(noisy, plain);
	ck_assert_double_ne(loss_of_biases(-2, 0), plain);
}
END_TEST

START_TEST(constant_init_stays_symmetric)
{
	/* given equal weights, when training 200 steps, then 1 distinct unit */
	iv_net *net = make_net(IV_INIT_CONSTANT, IV_ACT_TANH, 24, 3);
	iv_train *tr = make_trainer(net, 0.05);
	for (int k = 0; k < 200; k++)
		ck_assert_int_eq(iv_train_step(tr), IV_OK);
	ck_assert_int_eq(iv_train_evaluate(tr), IV_OK);
	for (size_t l = 1; l <= 3; l++)
		ck_assert_uint_eq(iv_train_distinct(tr, l), 1);
	ck_assert_int_eq(iv_net_run(net), IV_OK); /* the view's statistics too */
	for (size_t l = 1; l <= 3; l++)
		ck_assert_uint_eq(iv_net_layer(net, l)->distinct_neurons, 1);
	/* and the layers above the first, whose weights stay equal but for
	 * rounding, have no update ratio (a ratio of two roundings); the
	 * first, whose columns the inputs set apart, has one */
	ck_assert_int_eq(iv_train_step(tr), IV_OK);
	ck_assert(isfinite(iv_train_update_ratio(tr, 1)) &&
		  iv_train_update_ratio(tr, 1) > 0);
	for (size_t l = 2; l <= 3; l++)
		ck_assert_msg(isnan(iv_train_update_ratio(tr, l)) &&
				  isnan(iv_train_grad_ratio(tr, l)),
			      "layer %zu: %g", l, iv_train_update_ratio(tr, l));
	iv_train_free(tr);
	iv_net_free(net);
}
END_TEST

/* Equal hidden weights under a random readout. The last hidden layer's
 * units get different gradients (the readout's columns differ) and drift
 * apart from the first step. A layer below sees units above it that are
 * identical to each other (its own units are), so each row of the weights
 * above gets the same update in every column: W_{l+1}[j][i] keeps not
 * depending on i, the gradient reaching unit i of layer l does not depend
 * on i, and the layer stays one neuron forever. */
START_TEST(random_readout_breaks_only_the_top)
{
	/* every weight 0.05, not as much as 0.5: 24 x 0.5 saturates tanh to
	 * exactly +-1 in layer 2, where no gradient passes at all */
	iv_config cfg;
	iv_status st;
	iv_config_defaults(&cfg);
	cfg.init = IV_INIT_CONSTANT;
	cfg.value = 0.05;
	cfg.width = 24;
	cfg.depth = 4;
	cfg.batch = 64;
	iv_net *net = iv_net_alloc(&cfg, &st);
	ck_assert_ptr_nonnull(net);
	iv_train_opts o = { .lr = 0.05, .outputs = 4, .random_readout = true };
	iv_train *tr = iv_train_alloc(net, &o, &st);
	ck_assert_msg(tr != NULL, "train alloc: %s", iv_status_str(st));
	ck_assert_int_eq(iv_train_evaluate(tr), IV_OK);
	for (size_t l = 1; l <= 4; l++) /* equal at the start, top included */
		ck_assert_uint_eq(iv_train_distinct(tr, l), 1);
	for (int k = 0; k < 200; k++)
		ck_assert_int_eq(iv_train_step(tr), IV_OK);
	ck_assert_int_eq(iv_train_evaluate(tr), IV_OK);
	for (size_t l = 1; l <= 3; l++)
		ck_assert_uint_eq(iv_train_distinct(tr, l), 1);
	ck_assert_uint_eq(iv_train_distinct(tr, 4), 24);
	iv_train_free(tr);
	iv_net_free(net);
}
END_TEST

START_TEST(random_init_stays_distinct_and_learns)
{
	iv_net *net = make_net(IV_INIT_XAVIER_NORMAL, IV_ACT_TANH, 24, 3);
	iv_train *tr = make_trainer(net, 0.05);
	ck_assert_int_eq(iv_train_evaluate(tr), IV_OK);
	double loss0 = iv_train_loss(tr);
	for (int k = 0; k < 200; k++)
		ck_assert_int_eq(iv_train_step(tr), IV_OK);
	ck_assert_int_eq(iv_train_evaluate(tr), IV_OK);
	for (size_t l = 1; l <= 3; l++)
		ck_assert_uint_eq(iv_train_distinct(tr, l), 24);
	ck_assert_msg(iv_train_loss(tr) < 0.5 * loss0, "loss %g -> %g", loss0,
	              iv_train_loss(tr));
	ck_assert_uint_eq(iv_train_steps(tr), 200);
	iv_train_free(tr);
	iv_net_free(net);
}
END_TEST

START_TEST(zeros_tanh_hidden_weights_never_move)
{
	iv_net *net = make_net(IV_INIT_ZEROS, IV_ACT_TANH, 16, 3);
	iv_train *tr = make_trainer(net, 0.5);
	for (int k = 0; k < 50; k++)
		ck_assert_int_eq(iv_train_step(tr), IV_OK);
	for (size_t l = 1; l <= 3; l++) {
		size_t r, c;
		const double *w = iv_net_data(net, l, IV_Q_WEIGHTS, &r, &c);
		for (size_t i = 0; i < r * c; i++)
			ck_assert(w[i] == 0.0);
	}
	iv_train_free(tr);
	iv_net_free(net);
}
END_TEST

/* The update divided by -lr must be the gradient of the loss: compare with
 * central differences of the loss through iv_train_evaluate. */
static const iv_act_kind smooth[] = { IV_ACT_LINEAR, IV_ACT_TANH,
                                      IV_ACT_SIGMOID, IV_ACT_ELU, IV_ACT_SELU,
                                      IV_ACT_GELU, IV_ACT_SILU,
                                      IV_ACT_SOFTPLUS };

START_TEST(update_is_the_loss_gradient)
{
	const double lr = 1e-3, eps = 1e-6;
	iv_net *net = make_net(IV_INIT_XAVIER_NORMAL, smooth[_i], 6, 2);
	iv_train *tr = make_trainer(net, lr);
	size_t r, c;
	for (size_t l = 1; l <= 2; l++) {
		double *w = (double *)iv_net_data(net, l, IV_Q_WEIGHTS, &r, &c);
		for (size_t e = 0; e < r * c; e += 5) {
			double w0 = w[e], lp, lm;
			w[e] = w0 + eps;
			iv_train_evaluate(tr);
			lp = iv_train_loss(tr);
			w[e] = w0 - eps;
			iv_train_evaluate(tr);
			lm = iv_train_loss(tr);
			w[e] = w0;
			double fd = (lp - lm) / (2 * eps);
			/* one step from the unperturbed weights */
			double *copy = malloc(r * c * sizeof *copy);
			iv_net *net2 = make_net(IV_INIT_XAVIER_NORMAL,
			                        smooth[_i], 6, 2);
			iv_train *tr2 = make_trainer(net2, lr);
			double *w2 = (double *)iv_net_data(net2, l, IV_Q_WEIGHTS,
			                                   NULL, NULL);
			memcpy(copy, w2, r * c * sizeof *copy);
			iv_train_step(tr2);
			double grad = -(w2[e] - copy[e]) / lr;
			ck_assert_msg(fabs(grad - fd) <= 1e-6 + 1e-4 * fabs(fd),
			              "layer %zu entry %zu: %g vs fd %g", l, e,
			              grad, fd);
			free(copy);
			iv_train_free(tr2);
			iv_net_free(net2);
		}
	}
	iv_train_free(tr);
	iv_net_free(net);
}
END_TEST

/* Largest |a - b| over n entries, relative to the largest |b|. */
static double rel_diff(const double *a, const double *b, size_t n)
{
	double d = 0, m = 0;
	for (size_t i = 0; i < n; i++) {
		d = fmax(d, fabs(a[i] - b[i]));
		m = fmax(m, fabs(b[i]));
	}
	return m > 0 ? d / m : d;
}

START_TEST(steps_in_pieces_equal_whole_steps)
{
	/* given two equal nets (width 96, 3 layers, batch 64) and trainers */
	const size_t budget = (size_t)1 << 16; /* a few columns a piece */
	iv_net *a = make_net(IV_INIT_XAVIER_NORMAL, IV_ACT_TANH, 96, 3);
	iv_net *b = make_net(IV_INIT_XAVIER_NORMAL, IV_ACT_TANH, 96, 3);
	iv_train *ta = make_trainer(a, 0.05), *tb = make_trainer(b, 0.05);
	/* when one takes 5 whole steps and the other 5 steps in pieces of at
	 * most 2^16 units */
	size_t calls = 0;
	for (int k = 0; k < 5; k++) {
		ck_assert_int_eq(iv_train_step(ta), IV_OK);
		iv_status st;
		while ((st = iv_train_advance(tb, budget)) == IV_CONTINUE) {
			calls++;
			ck_assert(iv_train_busy(tb));
			/* an evaluation cannot cut into a step */
			ck_assert_int_eq(iv_train_evaluate(tb), IV_EINVAL);
		}
		ck_assert_int_eq(st, IV_OK);
		ck_assert(!iv_train_busy(tb));
		calls++;
		/* then the same loss and distinct neurons before each update */
		ck_assert_msg(fabs(iv_train_loss(ta) - iv_train_loss(tb)) <=
		                      1e-12 * iv_train_loss(ta),
		              "loss %.17g vs %.17g", iv_train_loss(ta),
		              iv_train_loss(tb));
		for (size_t l = 1; l <= 3; l++)
			ck_assert_uint_eq(iv_train_distinct(ta, l),
			                  iv_train_distinct(tb, l));
	}
	ck_assert_uint_eq(iv_train_steps(tb), 5);
	/* and the same weights to rounding (BLAS may round a slice of a
	 * product differently from the whole) */
	for (size_t l = 1; l <= 3; l++) {
		size_t r, c;
		const double *wa = iv_net_data(a, l, IV_Q_WEIGHTS, &r, &c);
		const double *wb = iv_net_data(b, l, IV_Q_WEIGHTS, NULL, NULL);
		ck_assert_msg(rel_diff(wb, wa, r * c) <= 1e-12, "layer %zu: %g",
		              l, rel_diff(wb, wa, r * c));
	}
	/* and the pieces were bounded: each of the 8 products of a step is
	 * 2 x 64 x 96 x 96 flops (the first layer's g_0 is skipped), so at
	 * least 8 x 1179648 / 2^16 = 144 calls a step */
	ck_assert_msg(calls >= 5 * 144, "%zu calls", calls);
	iv_train_free(ta);
	iv_train_free(tb);
	iv_net_free(a);
	iv_net_free(b);
}
END_TEST

START_TEST(unwatched_steps_skip_the_distinct_count)
{
	/* given equal weights and a random readout (the top layer's units
	 * drift apart from the first step, see above) */
	iv_config cfg;
	iv_status st;
	iv_config_defaults(&cfg);
	cfg.init = IV_INIT_CONSTANT;
	cfg.value = 0.05;
	cfg.width = 24;
	cfg.depth = 2;
	cfg.batch = 64;
	iv_net *net = iv_net_alloc(&cfg, &st);
	ck_assert_ptr_nonnull(net);
	iv_train_opts o = { .lr = 0.05, .outputs = 4, .random_readout = true };
	iv_train *tr = iv_train_alloc(net, &o, &st);
	ck_assert_ptr_nonnull(tr);
	ck_assert_int_eq(iv_train_evaluate(tr), IV_OK);
	ck_assert_uint_eq(iv_train_distinct(tr, 2), 1);
	/* when 20 steps run unwatched */
	iv_train_watch(tr, false);
	for (int k = 0; k < 20; k++)
		ck_assert_int_eq(iv_train_step(tr), IV_OK);
	/* then the count is the last one taken (the start's) */
	ck_assert_uint_eq(iv_train_distinct(tr, 2), 1);
	/* and a watched step counts again, as does an evaluation */
	iv_train_watch(tr, true);
	ck_assert_int_eq(iv_train_step(tr), IV_OK);
	ck_assert_uint_eq(iv_train_distinct(tr, 2), 24);
	iv_train_watch(tr, false);
	ck_assert_int_eq(iv_train_evaluate(tr), IV_OK);
	ck_assert_uint_eq(iv_train_distinct(tr, 2), 24);
	ck_assert_uint_eq(iv_train_distinct(tr, 1), 1);
	iv_train_free(tr);
	iv_net_free(net);
}
END_TEST

/* Population std of n values, for the ratios' independent check. */
static double pop_std(const double *x, size_t n)
{
	double m = 0, ss = 0;
	for (size_t i = 0; i < n; i++)
		m += x[i];
	m /= (double)n;
	for (size_t i = 0; i < n; i++)
		ss += (x[i] - m) * (x[i] - m);
	return sqrt(ss / (double)n);
}

/* Given a small network, when it takes SGD steps, then each layer's update
 * ratio is std(W_after - W_before) / std(W_before) read from the weights
 * themselves, the update ratio is lr times the gradient ratio (plain SGD),
 * and the gradient ratio is std(finite-difference gradient) / std(W). */
START_TEST(ratios_are_the_measured_update_and_gradient)
{
	const double lr = 0.02, eps = 1e-6;
	const size_t L = 3, w = 5;
	iv_net *net = make_net(IV_INIT_HE_NORMAL, smooth[_i], w, L);
	iv_train *tr = make_trainer(net, lr);
	double before[25], after[25], delta[25], fd[25];
	for (size_t l = 1; l <= L; l++) { /* nothing before the first step */
		ck_assert(isnan(iv_train_update_ratio(tr, l)));
		ck_assert(isnan(iv_train_grad_ratio(tr, l)));
	}
	for (int step = 0; step < 3; step++) {
		double want_grad[4];
		for (size_t l = 1; l <= L; l++) { /* central differences */
			double *W = (double *)iv_net_data(net, l, IV_Q_WEIGHTS,
			                                  NULL, NULL);
			for (size_t e = 0; e < w * w; e++) {
				double w0 = W[e], lp, lm;
				W[e] = w0 + eps;
				iv_train_evaluate(tr);
				lp = iv_train_loss(tr);
				W[e] = w0 - eps;
				iv_train_evaluate(tr);
				lm = iv_train_loss(tr);
				W[e] = w0;
				fd[e] = (lp - lm) / (2 * eps);
			}
			want_grad[l] = pop_std(fd, w * w) / pop_std(W, w * w);
		}
		double *W[4];
		for (size_t l = 1; l <= L; l++)
			W[l] = (double *)iv_net_data(net, l, IV_Q_WEIGHTS, NULL,
			                             NULL);
		double saved[4][25];
		for (size_t l = 1; l <= L; l++)
			memcpy(saved[l], W[l], sizeof saved[l]);
		ck_assert_int_eq(iv_train_step(tr), IV_OK);
		for (size_t l = 1; l <= L; l++) {
			memcpy(before, saved[l], sizeof before);
			memcpy(after, W[l], sizeof after);
			for (size_t e = 0; e < w * w; e++)
				delta[e] = after[e] - before[e];
			double upd = pop_std(delta, w * w) / pop_std(before, w * w);
			double got = iv_train_update_ratio(tr, l);
			double grad = iv_train_grad_ratio(tr, l);
			ck_assert_msg(fabs(got - upd) <= 1e-9 * upd,
			              "step %d layer %zu: update ratio %.17g, "
			              "from the weights %.17g", step, l, got, upd);
			ck_assert_msg(fabs(got - lr * grad) <= 1e-14 * got,
			              "update %.17g vs lr * grad %.17g", got,
			              lr * grad);
			ck_assert_msg(fabs(grad - want_grad[l]) <=
			                      1e-5 * want_grad[l],
			              "step %d layer %zu: grad ratio %.10g, finite "
			              "differences %.10g", step, l, grad,
			              want_grad[l]);
		}
	}
	ck_assert(isnan(iv_train_update_ratio(tr, 0)));
	ck_assert(isnan(iv_train_grad_ratio(tr, L + 1)));
	iv_train_free(tr);
	iv_net_free(net);
}
END_TEST

START_TEST(watching_never_changes_the_update)
{
	/* given two equal nets, one trained watched at every step, the other
	 * watched at every third step only */
	iv_net *a = make_net(IV_INIT_XAVIER_NORMAL, IV_ACT_TANH, 40, 3);
	iv_net *b = make_net(IV_INIT_XAVIER_NORMAL, IV_ACT_TANH, 40, 3);
	iv_train *ta = make_trainer(a, 0.05), *tb = make_trainer(b, 0.05);
	for (int k = 0; k < 9; k++) {
		iv_train_watch(tb, k % 3 == 0);
		ck_assert_int_eq(iv_train_step(ta), IV_OK);
		ck_assert_int_eq(iv_train_step(tb), IV_OK);
		/* then the ratios agree where both watched */
		if (k % 3 == 0)
			for (size_t l = 1; l <= 3; l++)
				ck_assert(iv_train_grad_ratio(ta, l) ==
				          iv_train_grad_ratio(tb, l));
	}
	/* and the weights and the loss are the same bit for bit */
	for (size_t l = 1; l <= 3; l++) {
		size_t r, c;
		const double *wa = iv_net_data(a, l, IV_Q_WEIGHTS, &r, &c);
		const double *wb = iv_net_data(b, l, IV_Q_WEIGHTS, NULL, NULL);
		ck_assert(!memcmp(wa, wb, r * c * sizeof *wa));
	}
	ck_assert(iv_train_loss(ta) == iv_train_loss(tb));
	iv_train_free(ta);
	iv_train_free(tb);
	iv_net_free(a);
	iv_net_free(b);
}
END_TEST

START_TEST(output_loss_is_the_evaluated_loss)
{
	/* given 7 steps (the net's statistics stale) */
	iv_net *net = make_net(IV_INIT_XAVIER_NORMAL, IV_ACT_TANH, 32, 3);
	iv_train *tr = make_trainer(net, 0.05);
	double out, kept;
	for (int k = 0; k < 7; k++)
		ck_assert_int_eq(iv_train_step(tr), IV_OK);
	kept = iv_train_loss(tr);
	/* when the net's own passes run at the trained weights, then the
	 * readout on their H_L is the loss an evaluation computes, and the
	 * step's loss is kept */
	iv_net_restart(net);
	ck_assert_int_eq(iv_net_run(net), IV_OK);
	ck_assert_int_eq(iv_train_output_loss(tr, &out), IV_OK);
	ck_assert(iv_train_loss(tr) == kept);
	ck_assert_int_eq(iv_train_evaluate(tr), IV_OK);
	ck_assert_msg(fabs(out - iv_train_loss(tr)) <= 1e-12 * out,
	              "%.17g vs %.17g", out, iv_train_loss(tr));
	ck_assert(out != kept); /* the weights moved since that step */
	ck_assert_uint_eq(iv_train_steps(tr), 7);
	/* and while a step is in progress, H_L is the trainer's: refused */
	ck_assert_int_eq(iv_train_advance(tr, 1), IV_CONTINUE);
	ck_assert_int_eq(iv_train_output_loss(tr, &out), IV_EINVAL);
	iv_train_free(tr);
	iv_net_free(net);
}
END_TEST

START_TEST(bad_options_are_refused)
{
	iv_net *net = make_net(IV_INIT_XAVIER_NORMAL, IV_ACT_TANH, 8, 2);
	iv_status st;
	iv_train_opts bad[] = { { .lr = 0, .outputs = 4 },
		                { .lr = -1, .outputs = 4 },
		                { .lr = NAN, .outputs = 4 },
		                { .lr = 0.1, .outputs = 0 } };
	for (size_t i = 0; i < 4; i++) {
		ck_assert_ptr_null(iv_train_alloc(net, &bad[i], &st));
		ck_assert_int_eq(st, IV_EINVAL);
	}
	iv_net_free(net);
}
END_TEST

/* The gradient ratio of a linear network with weights of scale s (normal
 * init, std s: the same draws times s): with s tiny the output is about 0
 * whatever s, so each layer's dW scales as s^2 and std(dW)/std(W) as s. A
 * network at std 1e-60 and one at 1e-120 then have ratios 1e-60 apart,
 * although at 1e-120 dW is about 1e-240, whose squares underflow: the
 * ratio must be neither 0 nor NaN ("weights all equal"). */
static double tiny_ratio(double s, size_t l)
{
	iv_config cfg;
	iv_status st;
	iv_config_defaults(&cfg);
	cfg.init = IV_INIT_NORMAL;
	cfg.std = s;
	cfg.act = IV_ACT_LINEAR;
	cfg.width = 8;
	cfg.depth = 2;
	cfg.batch = 16;
	iv_net *net = iv_net_alloc(&cfg, &st);
	ck_assert_msg(net != NULL, "alloc: %s", iv_status_str(st));
	iv_train *tr = make_trainer(net, 0.05);
	iv_train_watch(tr, true);
	ck_assert_int_eq(iv_train_step(tr), IV_OK);
	double r = iv_train_grad_ratio(tr, l);
	iv_train_free(tr);
	iv_net_free(net);
	return r;
}

START_TEST(ratios_of_tiny_weights_do_not_underflow)
{
	for (size_t l = 1; l <= 2; l++) {
		double a = tiny_ratio(1e-60, l), b = tiny_ratio(1e-120, l);
		ck_assert_msg(isfinite(a) && a > 0, "layer %zu: %g", l, a);
		ck_assert_msg(fabs(b / (a * 1e-60) - 1) <= 1e-9,
		              "layer %zu: ratio %g at 1e-120, %g at 1e-60", l,
		              b, a);
	}
}
END_TEST

/* Copies of every layer's weights, one block. */
static double *weights_copy(const iv_net *net)
{
	size_t L = iv_net_depth(net), total = 0, r, c;
	for (size_t l = 1; l <= L; l++)
		if (iv_net_data(net, l, IV_Q_WEIGHTS, &r, &c))
			total += r * c;
	double *w = malloc(total * sizeof *w), *at = w;
	ck_assert_ptr_nonnull(w);
	for (size_t l = 1; l <= L; l++) {
		const double *x = iv_net_data(net, l, IV_Q_WEIGHTS, &r, &c);
		memcpy(at, x, r * c * sizeof *at);
		at += r * c;
	}
	return w;
}

static bool weights_are(const iv_net *net, const double *w, bool *finite)
{
	size_t L = iv_net_depth(net), r, c;
	bool same = true;
	*finite = true;
	for (size_t l = 1; l <= L; l++) {
		const double *x = iv_net_data(net, l, IV_Q_WEIGHTS, &r, &c);
		for (size_t i = 0; i < r * c; i++) {
			same &= memcmp(&x[i], w, sizeof *w) == 0;
			*finite &= isfinite(x[i]) != 0;
			w++;
		}
	}
	return same;
}

START_TEST(a_loss_that_is_not_finite_takes_no_update)
{
	/* given He-normal relu, 8 layers of 64, at a rate of 1: the loss
	 * overflows within a few steps (lesson 9's divergence, smaller) */
	iv_net *net = make_net(IV_INIT_HE_NORMAL, IV_ACT_RELU, 64, 8);
	iv_train *tr = make_trainer(net, 1.0);
	double *before = NULL;
	size_t k = 0;
	/* when it steps until a step stops */
	for (; k < 200; k++) {
		free(before);
		before = weights_copy(net);
		ck_assert_int_eq(iv_train_step(tr), IV_OK);
		if (iv_train_stopped(tr))
			break;
		ck_assert(isfinite(iv_train_loss(tr)));
	}
	/* then it stopped, at the loss of the weights after k updates */
	ck_assert_msg(k >= 1 && k < 200, "stopped after %zu steps", k);
	ck_assert_uint_eq(iv_train_steps(tr), k);
	ck_assert(!isfinite(iv_train_loss(tr)));
	/* and kept those weights, bit for bit, finite: what overflowed is the
	 * output, not the weights, and no NaN update was written over them */
	bool finite;
	ck_assert(weights_are(net, before, &finite));
	ck_assert(finite);
	/* and a later step, whole or in pieces, stops the same way */
	ck_assert_int_eq(iv_train_step(tr), IV_OK);
	ck_assert(iv_train_stopped(tr));
	iv_status st;
	while ((st = iv_train_advance(tr, (size_t)1 << 14)) == IV_CONTINUE)
		;
	ck_assert_int_eq(st, IV_OK);
	ck_assert(iv_train_stopped(tr));
	ck_assert_uint_eq(iv_train_steps(tr), k);
	ck_assert(weights_are(net, before, &finite));
	/* and an evaluation is no step: it says nothing stopped */
	ck_assert_int_eq(iv_train_evaluate(tr), IV_OK);
	ck_assert(!iv_train_stopped(tr));
	ck_assert(!isfinite(iv_train_loss(tr)));
	free(before);
	iv_train_free(tr);
	iv_net_free(net);
}
END_TEST

Suite *suite(void)
{
	Suite *s = suite_create("train");
	TCase *tc = tcase_create("sgd");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, constant_init_stays_symmetric);
	tcase_add_test(tc, readout_biases_start_at_the_bias_without_noise);
	tcase_add_test(tc, random_readout_breaks_only_the_top);
	tcase_add_test(tc, random_init_stays_distinct_and_learns);
	tcase_add_test(tc, zeros_tanh_hidden_weights_never_move);
	tcase_add_loop_test(tc, update_is_the_loss_gradient, 0,
	                    sizeof smooth / sizeof smooth[0]);
	tcase_add_loop_test(tc, ratios_are_the_measured_update_and_gradient,
	                    0, sizeof smooth / sizeof smooth[0]);
	tcase_add_test(tc, bad_options_are_refused);
	tcase_add_test(tc, output_loss_is_the_evaluated_loss);
	tcase_add_test(tc, steps_in_pieces_equal_whole_steps);
	tcase_add_test(tc, unwatched_steps_skip_the_distinct_count);
	tcase_add_test(tc, watching_never_changes_the_update);
	tcase_add_test(tc, ratios_of_tiny_weights_do_not_underflow);
	tcase_add_test(tc, a_loss_that_is_not_finite_takes_no_update);
	suite_add_tcase(s, tc);
	return s;
}
