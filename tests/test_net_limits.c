/* SPDX-License-Identifier: MIT */
/* The network at its limits: overflow and underflow, memory, invalid configs. */
#include <float.h>
#include "plainnet.h"
#include "testutil.h"
/* AddressSanitizer's allocator does not count in mallinfo2 (all zero) */
#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define IV_ASAN 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__)
#define IV_ASAN 1
#endif
#if defined(__GLIBC__) && (__GLIBC__ > 2 || __GLIBC_MINOR__ >= 33) && \
	!defined(IV_ASAN)
#include <malloc.h>
#define HAVE_MALLINFO2 1
#endif

static iv_net *run_normal(iv_act_kind act, double std, size_t depth)
{
	iv_config c;
	iv_config_defaults(&c);
	c.init = IV_INIT_NORMAL;
	c.std = std;
	c.act = act;
	c.width = 64;
	c.batch = 32;
	c.depth = depth;
	iv_status st;
	iv_net *net = iv_net_alloc(&c, &st);
	ck_assert_int_eq(st, IV_OK);
	/* whatever the numbers do, the run succeeds */
	ck_assert_int_eq(iv_net_run(net), IV_OK);
	return net;
}

/* Invariants of every statistic; the number of non-finite entries. */
static size_t check_all(const iv_net *net)
{
	size_t bad = 0;
	for (size_t l = 1; l <= iv_net_depth(net); l++)
		for (int q = 0; q < IV_Q_COUNT; q++) {
			const iv_stats *s = &iv_net_layer(net, l)->q[q];
			tu_check_stats(s, s->count);
			bad += s->nan + s->inf;
		}
	return bad;
}

/* First layer whose largest pre-activation (~4 rms of 2048 entries) passes
 * DBL_MAX: rms_1 = std sqrt(64), then x std sqrt(64) (linear) or
 * std sqrt(32) (relu) per layer. */
static size_t predicted_overflow(iv_act_kind act, double std)
{
	double l1 = log10(std * 8), step = log10(std * (act ? sqrt(32) : 8));
	return (size_t)ceil((log10(DBL_MAX / 4) - l1) / step) + 1;
}

START_TEST(overflow_is_counted_not_fatal)
{
	/* given normal std 1e6, width 64, depth 50: overflow near layer 45 */
	iv_act_kind act = _i ? IV_ACT_RELU : IV_ACT_LINEAR;
	iv_net *net = run_normal(act, 1e6, 50);
	/* then statistics stay consistent, histograms finite-only */
	ck_assert(check_all(net) > 0);
	size_t first = 0, nan = 0, inf = 0;
	for (size_t l = 1; l <= 50; l++) {
		const iv_stats *z = &iv_net_layer(net, l)->q[IV_Q_PREACT];
		if (!first && z->nan + z->inf > 0)
			first = l;
		for (int q = 0; q < IV_Q_COUNT; q++) {
			nan += iv_net_layer(net, l)->q[q].nan;
			inf += iv_net_layer(net, l)->q[q].inf;
		}
	}
	/* and overflow starts where the growth rate says, with Inf and NaN */
	size_t want = predicted_overflow(act, 1e6);
	ck_assert_msg(first + 2 >= want && first <= want + 2,
	              "%s: first overflow at layer %zu, predicted %zu",
	              iv_act_name(act), first, want);
	ck_assert_msg(nan > 0 && inf > 0, "nan %zu inf %zu", nan, inf);
	iv_net_free(net);
}
END_TEST

START_TEST(linear_gradients_survive_forward_overflow)
{
	/* given linear, normal std 1e6, width 64, depth 50, gradients kept:
	 * the forward pass overflows near layer 45 (NaN on top), while the
	 * backward pass, g_{l-1} = W_l^T g_l from g_L ~ N(0, 1), grows by
	 * ~8e6 a layer and stays finite down to layer ~7 */
	iv_config c;
	iv_config_defaults(&c);
	c.init = IV_INIT_NORMAL;
	c.std = 1e6;
	c.act = IV_ACT_LINEAR;
	c.width = 64;
	c.batch = 8;
	c.depth = 50;
	c.retain = 1;
	iv_status st;
	iv_net *net = iv_net_alloc(&c, &st);
	ck_assert_int_eq(st, IV_OK);
	ck_assert_int_eq(iv_net_run(net), IV_OK);
	const size_t B = 8, n = 64;
	ck_assert_uint_eq(iv_net_layer(net, 50)->q[IV_Q_PREACT].nan, B * n);
	/* then each g_{l-1} is W_l^T g_l, computed here in plain loops, to
	 * a dot product's rounding, wherever that product is finite */
	size_t finite = 0;
	for (size_t l = c.depth; l >= 2; l--) {
		const double *W = iv_net_data(net, l, IV_Q_WEIGHTS, NULL, NULL);
		const double *g = iv_net_data(net, l, IV_Q_GRAD_ACT, NULL, NULL);
		const double *gp = iv_net_data(net, l - 1, IV_Q_GRAD_ACT, NULL, NULL);
		ck_assert(W && g && gp);
		bool all = true;
		for (size_t b = 0; b < B; b++)
			for (size_t k = 0; k < n; k++) {
				double s = 0, abs = 0;
				for (size_t j = 0; j < n; j++) {
					double t = W[j * n + k] * g[b * n + j];
					s += t;
					abs += fabs(t);
				}
				if (!isfinite(abs)) {
					all = false;
					continue;
				}
				double v = gp[b * n + k];
				ck_assert_msg(fabs(v - s) <= 2 * n * DBL_EPSILON * abs,
				              "g layer %zu: %.17g, loops %.17g", l - 1,
				              v, s);
			}
		/* and dz = g exactly (phi' = 1), with nothing non-finite */
		const iv_layer_stats *ls = iv_net_layer(net, l - 1);
		if (all) {
			finite++;
			ck_assert_uint_eq(ls->q[IV_Q_GRAD_ACT].nan +
			                      ls->q[IV_Q_GRAD_ACT].inf, 0);
			ck_assert_uint_eq(ls->q[IV_Q_GRAD_PREACT].nan +
			                      ls->q[IV_Q_GRAD_PREACT].inf, 0);
			ck_assert(tu_bits_eq(ls->q[IV_Q_GRAD_PREACT].std,
			                     ls->q[IV_Q_GRAD_ACT].std));
		}
	}
	/* layers 7..49 at least: log10(DBL_MAX / 4) / log10(8e6) ~ 44 */
	ck_assert_msg(finite >= 42, "only %zu layers of finite g", finite);
	iv_net_free(net);
}
END_TEST

START_TEST(large_std_explodes_without_overflow)
{
	/* given normal std 100 at depth 50: 800^50 = 1e145 stays finite */
	static const iv_act_kind acts[] = { IV_ACT_LINEAR, IV_ACT_RELU,
	                                    IV_ACT_TANH };
	iv_net *net = run_normal(acts[_i], 100, 50);
	ck_assert_uint_eq(check_all(net), 0);
	const iv_layer_stats *top = iv_net_layer(net, 50);
	if (acts[_i] == IV_ACT_TANH) /* z ~ N(0, 800^2): P(|z| < 2.65) ~ 0.003 */
		for (size_t l = 1; l <= 50; l++)
			ck_assert(iv_net_layer(net, l)->saturated > 0.99);
	else /* forward growth of ~1e138 or more */
		ck_assert(top->q[IV_Q_PREACT].rms > 1e100);
	iv_net_free(net);
}
END_TEST

START_TEST(small_std_underflows_to_zero)
{
	/* given normal std 1e-30: 8e-30 per layer, zero by layer ~12 */
	static const iv_act_kind acts[] = { IV_ACT_LINEAR, IV_ACT_RELU,
	                                    IV_ACT_TANH };
	iv_net *net = run_normal(acts[_i], 1e-30, 50);
	/* then nothing is non-finite, deep layers are exactly zero */
	ck_assert_uint_eq(check_all(net), 0);
	const iv_stats *z = &iv_net_layer(net, 50)->q[IV_Q_PREACT];
	ck_assert(z->min == 0 && z->max == 0 && z->finite == z->count);
	const iv_stats *g1 = &iv_net_layer(net, 1)->q[IV_Q_GRAD_ACT];
	ck_assert(g1->min == 0 && g1->max == 0);
	const iv_stats *gL = &iv_net_layer(net, 50)->q[IV_Q_GRAD_ACT];
	ck_assert(fabs(gL->std - 1) < 0.2); /* g_L ~ N(0, 1), 2048 entries */
	iv_net_free(net);
}
END_TEST

#ifdef HAVE_MALLINFO2
static double heap_bytes(void)
{
	struct mallinfo2 m = mallinfo2();
	return (double)m.uordblks + (double)m.hblkhd;
}

START_TEST(memory_estimate_matches_allocation)
{
	/* given default, retained, and uneven-width configs */
	static const unsigned uneven[] = { 1000, 50, 2000, 10 };
	iv_config c;
	if (_i == 2) {
		tu_config_widths(&c, uneven, TU_LEN(uneven));
		c.batch = 100;
	} else {
		iv_config_defaults(&c);
		c.retain = _i;
	}
	/* when allocated, then the heap grew by the estimate, within 10% */
	double before = heap_bytes();
	iv_net *net = iv_net_alloc(&c, NULL);
	double grown = heap_bytes() - before, est = iv_config_memory(&c);
	ck_assert_msg(grown > 0.9 * est && grown < 1.1 * est,
	              "config %d: allocated %.0f, estimate %.0f", _i, grown, est);
	iv_net_free(net);
}
END_TEST
#endif

START_TEST(memory_grows_with_the_network)
{
	/* given the default config at depths 10, 20, 30 */
	iv_config c;
	iv_config_defaults(&c);
	double m[3];
	for (int k = 0; k < 3; k++) {
		c.depth = 10 * (k + 1);
		m[k] = iv_config_memory(&c);
	}
	/* then memory is affine in depth, at least weights + activations */
	ck_assert(fabs((m[2] - m[1]) - (m[1] - m[0])) <= 1e-12 * m[2]);
	double per_layer = 8.0 * (256 * 256 + 256 + 2 * 512 * 256);
	ck_assert(m[1] - m[0] >= 10 * per_layer);
	/* retained gradients add batch x width doubles per layer */
	c.retain = 1;
	ck_assert(iv_config_memory(&c) - m[2] >= 30 * 8.0 * 512 * 256);
	/* doubling the width roughly quadruples the weights' share */
	c.retain = 0;
	c.batch = 1;
	double w1 = iv_config_memory(&c);
	c.width = 512;
	ck_assert(iv_config_memory(&c) > 3.5 * w1);
}
END_TEST

START_TEST(memory_limit_is_enforced)
{
	/* given a limit one byte under the estimate, then IV_ETOOBIG */
	iv_config c;
	iv_config_defaults(&c);
	c.max_memory = iv_config_memory(&c) - 1;
	iv_status st = IV_OK;
	ck_assert_ptr_null(iv_net_alloc(&c, &st));
	ck_assert_int_eq(st, IV_ETOOBIG);
	/* given the estimate itself, then it fits */
	c.max_memory = iv_config_memory(&c);
	iv_net *net = iv_net_alloc(&c, &st);
	ck_assert(net && st == IV_OK);
	iv_net_free(net);
	iv_net_free(NULL);
}
END_TEST

static void break_config(iv_config *c, int k)
{
	switch (k) {
	case 0: c->depth = 0; break;
	case 1: c->width = 0; break;
	case 2: c->batch = 0; break;
	case 3: c->bins = 0; break;
	case 4: c->std = -1; break;
	case 5: c->std = NAN; break;
	case 6: c->gain = INFINITY; break;
	case 7: c->init = IV_INIT_COUNT; break;
	case 8: c->act = IV_ACT_COUNT; break;
	case 9: c->mode = IV_MODE_COUNT; break;
	case 10: c->input = IV_INPUT_COUNT; break;
	case 11: c->nwidths = 1; c->widths[0] = 4; break;
	case 12: c->nwidths = 3; c->widths[0] = c->widths[1] = c->widths[2] = 4;
		break; /* depth 10 does not match 3 widths */
	case 13: c->nwidths = 2; c->depth = 1; c->widths[0] = 0;
		c->widths[1] = 3; break;
	case 14: c->width = IV_WIDTH_MAX + 1; break;
	case 15: c->depth = IV_DEPTH_MAX + 1; break;
	case 16: c->batch = IV_BATCH_MAX + 1; break;
	case 17: c->bias_std = -0.1; break;
	case 18: c->value = NAN; break;
	case 19: c->bins = IV_BINS_MAX + 1; break;
	case 20: c->slope = INFINITY; break;
	default: c->bias = NAN; break;
	}
}

START_TEST(invalid_configs_are_einval)
{
	/* given one field out of range, then IV_EINVAL and no net */
	iv_config c;
	iv_config_defaults(&c);
	break_config(&c, _i);
	iv_status st = IV_OK;
	ck_assert_int_eq(iv_config_validate(&c), IV_EINVAL);
	ck_assert_ptr_null(iv_net_alloc(&c, &st));
	ck_assert_int_eq(st, IV_EINVAL);
	ck_assert_ptr_null(iv_net_alloc(&c, NULL));
}
END_TEST

TCase *net_limits_tcase(void)
{
	TCase *tc = tcase_create("limits");
	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, overflow_is_counted_not_fatal, 0, 2);
	tcase_add_test(tc, linear_gradients_survive_forward_overflow);
	tcase_add_loop_test(tc, large_std_explodes_without_overflow, 0, 3);
	tcase_add_loop_test(tc, small_std_underflows_to_zero, 0, 3);
#ifdef HAVE_MALLINFO2
	tcase_add_loop_test(tc, memory_estimate_matches_allocation, 0, 3);
#endif
	tcase_add_test(tc, memory_grows_with_the_network);
	tcase_add_test(tc, memory_limit_is_enforced);
	tcase_add_loop_test(tc, invalid_configs_are_einval, 0, 22);
	return tc;
}
