/* SPDX-License-Identifier: MIT */
/* Bounded steps: a network stepped in small pieces computes what it computes
 * a layer at a time; every step stays within the work bound; progress moves
 * on within layers. */
#include <stdint.h>
#include <string.h>
#include <gsl/gsl_rng.h>
#include <initviz/net.h>
#include "engine/init.h"
#include "engine/net_impl.h"
#include "engine/par.h"
#include "engine/stats_impl.h"
#include "testutil.h"

/* --- statistics in runs: the fold order of iv_stats_compute ------------- */

static const size_t stat_sizes[] = { 1, 7, IV_BLOCK - 1, IV_BLOCK + 9,
	                             3 * IV_BLOCK,
	                             (size_t)IV_ROUND * IV_BLOCK + 5 };
static const size_t runs[] = { 1, IV_BLOCK, 3 * IV_BLOCK + 17,
	                       (size_t)100 * IV_BLOCK };

START_TEST(stats_in_runs_are_bit_for_bit)
{
	/* given data (shifted Gaussians; the last size has a NaN and an Inf,
	 * which takes the exact serial path) */
	size_t n = stat_sizes[_i];
	double *x = malloc(n * sizeof *x);
	gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
	gsl_rng_set(r, 11 + n);
	for (size_t i = 0; i < n; i++)
		x[i] = 3.0 + gsl_rng_uniform(r) - 0.5 * gsl_rng_uniform(r);
	if (_i == TU_LEN(stat_sizes) - 1) {
		x[n / 2] = NAN;
		x[n / 3] = INFINITY;
	}
	iv_stats ref, run;
	ck_assert_int_eq(iv_stats_init(&ref, 37), IV_OK);
	ck_assert_int_eq(iv_stats_init(&run, 37), IV_OK);
	ck_assert_int_eq(iv_stats_compute(&ref, x, n), IV_OK);
	/* when computed in runs of every size, then the same bits */
	for (size_t k = 0; k < TU_LEN(runs); k++) {
		iv_stats_job j;
		size_t done, total = 0, calls = 0;
		iv_stats_start(&j, &run, x, n, NULL);
		while (!iv_stats_step(&j, runs[k], 0, &done)) {
			ck_assert(done <= (runs[k] < IV_BLOCK ? IV_BLOCK : runs[k]));
			total += done;
			ck_assert_uint_lt(++calls, 10 * n + 10);
		}
		total += done;
		/* two passes over the data, or one for the exact path */
		ck_assert(total == 2 * n || (isnan(x[n / 2]) && total >= n));
		tu_same_stats(&ref, &run, "runs");
	}
	iv_stats_done(&ref);
	iv_stats_done(&run);
	gsl_rng_free(r);
	free(x);
}
END_TEST

/* --- weights drawn in runs of rows ------------------------------------------ */

START_TEST(rows_in_runs_draw_the_same_weights)
{
	static const iv_init_kind kinds[] = {
		IV_INIT_NORMAL, IV_INIT_UNIFORM, IV_INIT_TRUNC_NORMAL,
		IV_INIT_XAVIER_UNIFORM, IV_INIT_HE_NORMAL, IV_INIT_LECUN_UNIFORM,
		IV_INIT_IDENTITY, IV_INIT_CONSTANT, IV_INIT_ZEROS,
	};
	iv_config c;
	iv_config_defaults(&c);
	c.init = kinds[_i];
	c.value = 0.25;
	gsl_matrix *a = gsl_matrix_alloc(23, 17), *b = gsl_matrix_alloc(23, 17);
	gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
	/* one draw */
	gsl_rng_set(r, 5);
	ck_assert_int_eq(iv_init_draw(&c, 1, a, r), IV_OK);
	/* rows in runs of 1, 2, 3, ... from the same stream */
	gsl_rng_set(r, 5);
	for (size_t i = 0, k = 1; i < 23; i += k, k++)
		ck_assert_int_eq(iv_init_draw_rows(&c, 1, b, r, i,
		                                   i + k < 23 ? i + k : 23),
		                 IV_OK);
	ck_assert(!memcmp(a->data, b->data, 23 * 17 * sizeof(double)));
	gsl_matrix_free(a);
	gsl_matrix_free(b);
	gsl_rng_free(r);
}
END_TEST

/* --- whole networks --------------------------------------------------------- */

static iv_net *make(const iv_config *c, size_t budget)
{
	iv_status st;
	iv_net *net = iv_net_alloc(c, &st);
	ck_assert_msg(net != NULL, "alloc: %d", st);
	net->budget = budget;
	return net;
}

/* Run to the end, checking the protocol on the way: each step within the
 * budget unless it is one indivisible piece, progress never going back,
 * the position never going back. Returns the steps taken. */
static size_t run_checked(iv_net *net)
{
	double p = iv_net_progress(net);
	size_t steps = 0, key = 0;
	iv_status st;
	do {
		st = iv_net_step(net);
		steps++;
		double q = iv_net_progress(net);
		ck_assert_msg(q >= p, "progress %g after %g", q, p);
		p = q;
		bool backward;
		size_t l = iv_net_position(net, &backward);
		size_t k = l == 0 ? SIZE_MAX : backward ? 2 * net->L - l + 1 : l;
		ck_assert(k >= key);
		key = k;
	} while (st == IV_CONTINUE);
	ck_assert_int_eq(st, IV_OK);
	ck_assert(iv_net_done(net) && iv_net_progress(net) == 1.0);
	ck_assert_uint_eq(iv_net_position(net, NULL), 0);
	return steps;
}

/* Two runs of the same configuration: the weights always bit for bit
 * (each layer's stream is read in order); everything else bit for bit when
 * exact, within 1e-12 relative otherwise. A product cut into slices need
 * not round like the whole (OpenBLAS: the same bits at batch 256, not at
 * 45), so different budgets are exact only where the products are. */
static void same_net(iv_net *a, iv_net *b, bool exact)
{
	size_t L = iv_net_depth(a), rows, cols, rb, cb;
	for (size_t l = 1; l <= L; l++) {
		const double *wa = iv_net_data(a, l, IV_Q_WEIGHTS, &rows, &cols);
		const double *wb = iv_net_data(b, l, IV_Q_WEIGHTS, &rb, &cb);
		ck_assert(wa && wb && rows == rb && cols == cb);
		ck_assert_msg(!memcmp(wa, wb, rows * cols * sizeof(double)),
		              "weights of layer %zu", l);
		ck_assert(!memcmp(a->b[l]->data, b->b[l]->data,
		                  a->n[l] * sizeof(double)));
		const iv_layer_stats *sa = iv_net_layer(a, l),
		                     *sb = iv_net_layer(b, l);
		ck_assert(sa->forward_done && sb->forward_done &&
		          sa->backward_done && sb->backward_done);
		for (int q = 0; q < IV_Q_COUNT; q++) {
			if (exact) {
				tu_same_stats(&sa->q[q], &sb->q[q], iv_quantity_name(q));
				continue;
			}
			double m = fabs(sa->q[q].mean) + sa->q[q].std;
			ck_assert_msg(tu_close(sa->q[q].mean, sb->q[q].mean, 1e-12 * m) &&
			              tu_close(sa->q[q].std, sb->q[q].std,
			                       1e-12 * m),
			              "%s of layer %zu", iv_quantity_name(q), l);
		}
		ck_assert_uint_eq(sa->distinct_neurons, sb->distinct_neurons);
		ck_assert_uint_eq(sa->dead_units, sb->dead_units);
		ck_assert(sa->saturated == sb->saturated &&
		          sa->zero_fraction == sb->zero_fraction);
		if (!exact)
			continue;
		static const iv_quantity data[] = { IV_Q_PREACT, IV_Q_ACT,
			                            IV_Q_GRAD_ACT };
		for (size_t k = 0; k < TU_LEN(data); k++) {
			const double *x = iv_net_data(a, l, data[k], &rows, &cols);
			const double *y = iv_net_data(b, l, data[k], &rb, &cb);
			ck_assert((x == NULL) == (y == NULL));
			if (x)
				ck_assert_msg(!memcmp(x, y, rows * cols *
				                             sizeof(double)),
				              "%s of layer %zu",
				              iv_quantity_name(data[k]), l);
		}
	}
}

/* Configurations: non-square widths, depth 1, orthogonal, retain on and
 * off, ReLU (dead units, zeros), layers wide enough to draw the next
 * layer ahead on a second thread. */
static void shape(iv_config *c, int i)
{
	static const unsigned w0[] = { 40, 70, 33, 90, 12 };
	static const unsigned w1[] = { 300, 500 };
	switch (i) {
	case 0: tu_config_widths(c, w0, TU_LEN(w0)); break;
	case 1: tu_config_widths(c, w1, TU_LEN(w1)); break; /* depth 1 */
	case 2:
		tu_config_widths(c, w0, TU_LEN(w0));
		c->init = IV_INIT_ORTHOGONAL;
		break;
	case 3:
		iv_config_defaults(c);
		c->width = 256;
		c->depth = 3;
		c->act = IV_ACT_RELU;
		c->init = IV_INIT_HE_NORMAL;
		c->bias_std = 0.1;
		break;
	default:
		iv_config_defaults(c);
		c->width = 200;
		c->depth = 2;
		c->init = IV_INIT_TRUNC_NORMAL;
		break;
	}
	c->batch = i < 3 ? 45 : 256;
	c->retain = i % 2;
}
#define SHAPES 5

START_TEST(small_steps_compute_the_layer_steps)
{
	iv_config c;
	shape(&c, _i);
	/* given the one-shot computation (a layer step per call) */
	iv_net *ref = make(&c, SIZE_MAX);
	ck_assert_uint_eq(run_checked(ref), 2 * c.depth);
	/* when stepped in the smallest pieces (one row, column or block per
	 * call) and in middling ones: the same, in more steps */
	static const size_t budgets[] = { 1, 300000 };
	for (size_t k = 0; k < TU_LEN(budgets); k++) {
		iv_net *net = make(&c, budgets[k]);
		ck_assert_uint_gt(run_checked(net), 2 * c.depth);
		same_net(ref, net, false);
		/* two runs with the same budget agree bit for bit */
		iv_net *again = make(&c, budgets[k]);
		run_checked(again);
		same_net(net, again, true);
		iv_net_free(again);
		iv_net_free(net);
	}
	iv_net_free(ref);
}
END_TEST

START_TEST(exact_products_give_the_same_bits)
{
	/* given products that round the same however they are cut: identity
	 * weights (sums of one product and zeros) and a batch of one (dW's
	 * sums have one term), layers wide enough to be drawn two at a time */
	iv_config c;
	iv_config_defaults(&c);
	c.width = 300;
	c.depth = 3;
	c.batch = 1;
	c.init = IV_INIT_IDENTITY;
	c.gain = 1.3;
	c.bias_std = 0.2;
	c.retain = _i;
	iv_net *ref = make(&c, SIZE_MAX);
	run_checked(ref);
	/* when cut into the smallest pieces and middling ones, restarted in
	 * the middle of the first layer: every statistic bit for bit */
	static const size_t budgets[] = { 1, 77777 };
	for (size_t k = 0; k < TU_LEN(budgets); k++) {
		iv_net *net = make(&c, budgets[k]);
		for (int s = 0; s < 5; s++)
			ck_assert_int_eq(iv_net_step(net), IV_CONTINUE);
		iv_net_restart(net);
		ck_assert_uint_gt(run_checked(net), 2 * c.depth);
		same_net(ref, net, true);
		iv_net_free(net);
	}
	iv_net_free(ref);
}
END_TEST

START_TEST(restart_within_a_layer_recomputes_the_same)
{
	/* given a network stopped in the middle of drawing and of a layer */
	iv_config c;
	shape(&c, _i);
	iv_net *ref = make(&c, SIZE_MAX), *net = make(&c, 5000);
	run_checked(ref);
	for (int s = 0; s < 7; s++)
		ck_assert_int_eq(iv_net_step(net), IV_CONTINUE);
	ck_assert_int_eq(net->step, 0);
	ck_assert(!iv_net_layer(net, 1)->forward_done);
	double p = iv_net_progress(net);
	ck_assert(p > 0 && p < 1.0 / (2.0 * (double)c.depth));
	/* when restarted: back to the start, the drawing carries on */
	iv_net_restart(net);
	ck_assert(iv_net_progress(net) == 0);
	ck_assert_uint_eq(iv_net_position(net, NULL), 1);
	run_checked(net);
	same_net(ref, net, false);
	/* and restarted again after the end, one-shot: the same again */
	net->budget = SIZE_MAX;
	iv_net_restart(net);
	ck_assert_uint_eq(run_checked(net), 2 * c.depth);
	same_net(ref, net, true);
	iv_net_free(net);
	iv_net_free(ref);
}
END_TEST

START_TEST(rebinning_between_steps_changes_nothing)
{
	/* given two retained networks stepped in small pieces; one is
	 * re-binned (every gradient quantity of every finished layer) after
	 * each step, as the view does between steps while drawing */
	iv_config c;
	shape(&c, 3);
	c.retain = 1;
	iv_net *a = make(&c, 300000), *b = make(&c, 300000);
	double counts[64];
	size_t live = 0;
	iv_status st;
	do {
		st = iv_net_step(b);
		live += b->phase >= IV_PH_BACKPROP && b->phase <= IV_PH_PREV;
		for (size_t l = 1; l <= c.depth; l++)
			for (int q = IV_Q_GRAD_ACT; q < IV_Q_COUNT; q++)
				iv_net_bin(b, l, q, -1e-3, 1e-3, 64, counts);
	} while (st == IV_CONTINUE);
	ck_assert_uint_gt(live, 0); /* some stops had dz, dW in the scratch */
	run_checked(a);
	/* then both compute the same bits */
	same_net(a, b, true);
	iv_net_free(a);
	iv_net_free(b);
}
END_TEST

START_TEST(wide_steps_stay_within_the_bound)
{
	/* given a wide network, width 4096 at batch 256 (gradients not
	 * retained: half a gigabyte less) */
	iv_config c;
	iv_config_defaults(&c);
	c.width = 4096;
	c.depth = 4;
	c.batch = 256;
	c.retain = 0;
	iv_net *net = make(&c, IV_STEP_WORK);
	ck_assert_uint_eq(net->budget, IV_STEP_WORK);
	/* when stepped to the end: no step does more than the bound, and the
	 * work adds up to at least the three products of every layer */
	size_t steps = 0, most = 0;
	double total = 0, p = 0;
	iv_status st;
	do {
		st = iv_net_step(net);
		steps++;
		ck_assert_msg(net->done <= IV_STEP_WORK, "step %zu: %zu units",
		              steps, net->done);
		most = net->done > most ? net->done : most;
		total += (double)net->done;
		ck_assert(iv_net_progress(net) >= p);
		p = iv_net_progress(net);
	} while (st == IV_CONTINUE);
	ck_assert_int_eq(st, IV_OK);
	ck_assert(p == 1.0);
	double products = (3.0 * 4 - 1) * 2.0 * 256 * 4096 * 4096;
	ck_assert(total >= products);
	ck_assert_uint_ge(steps, (size_t)(products / (double)IV_STEP_WORK));
	ck_assert_uint_gt(most, IV_STEP_WORK / 2); /* the bound is used */
	/* and the statistics are sane: He-like default init keeps activations */
	const iv_layer_stats *s = iv_net_layer(net, 4);
	ck_assert(s->forward_done && s->backward_done);
	ck_assert(s->q[IV_Q_ACT].std > 0.1 && s->q[IV_Q_ACT].std < 10);
	ck_assert(s->q[IV_Q_WEIGHTS].count == (size_t)4096 * 4096);
	iv_net_free(net);
}
END_TEST

START_TEST(small_layers_take_one_step_each)
{
	/* given the TUI's default size: a layer step fits in one step */
	iv_config c;
	iv_config_defaults(&c);
	c.width = 64;
	c.depth = 6;
	c.batch = 128;
	iv_net *net = make(&c, IV_STEP_WORK);
	/* then one step per layer step, progress k / 2L after k steps */
	for (size_t k = 1; k <= 2 * c.depth; k++) {
		iv_status st = iv_net_step(net);
		ck_assert_int_eq(st, k < 2 * c.depth ? IV_CONTINUE : IV_OK);
		ck_assert(iv_net_progress(net) ==
		          (double)k / (double)(2 * c.depth));
	}
	iv_net_free(net);
}
END_TEST

Suite *suite(void)
{
	Suite *s = tu_suite("steps");
	TCase *tc = tcase_create("steps");
	tcase_set_timeout(tc, 300);
	tcase_add_loop_test(tc, stats_in_runs_are_bit_for_bit, 0,
	                    TU_LEN(stat_sizes));
	tcase_add_loop_test(tc, rows_in_runs_draw_the_same_weights, 0, 9);
	tcase_add_loop_test(tc, small_steps_compute_the_layer_steps, 0, SHAPES);
	tcase_add_loop_test(tc, restart_within_a_layer_recomputes_the_same, 0,
	                    SHAPES);
	tcase_add_loop_test(tc, exact_products_give_the_same_bits, 0, 2);
	tcase_add_test(tc, small_layers_take_one_step_each);
	tcase_add_test(tc, rebinning_between_steps_changes_nothing);
	tcase_add_test(tc, wide_steps_stay_within_the_bound);
	suite_add_tcase(s, tc);
	return s;
}
