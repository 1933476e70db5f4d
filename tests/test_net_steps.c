/* SPDX-License-Identifier: MIT */
/* The network's step protocol: layer flags, progress, restart, data and re-binning. */
#include <initviz/train.h>
#include "engine/net_impl.h"
#include "plainnet.h"
#include "testutil.h"

static iv_net *small_net(int retain)
{
	iv_config c;
	iv_config_defaults(&c);
	c.width = 16;
	c.depth = 4;
	c.batch = 8;
	c.retain = retain;
	iv_net *net = iv_net_alloc(&c, NULL);
	ck_assert_ptr_nonnull(net);
	return net;
}

/* After k of 2L steps: forward done on 1..min(k, L), backward on L-(k-L)+1..L. */
static void check_flags(const iv_net *net, size_t k)
{
	size_t L = iv_net_depth(net);
	for (size_t l = 1; l <= L; l++) {
		const iv_layer_stats *s = iv_net_layer(net, l);
		ck_assert_msg(s->forward_done == (l <= k), "step %zu layer %zu", k, l);
		ck_assert_msg(s->backward_done == (k > L && l > 2 * L - k),
		              "step %zu layer %zu backward", k, l);
	}
	ck_assert(iv_net_progress(net) == (double)k / (double)(2 * L));
	ck_assert(iv_net_done(net) == (k == 2 * L));
}

START_TEST(steps_are_layers)
{
	/* given a fresh 4-layer net */
	iv_net *net = small_net(1);
	size_t L = iv_net_depth(net), k = 0;
	check_flags(net, 0);
	/* when stepped: IV_CONTINUE exactly 2L - 1 times, then IV_OK */
	iv_status st;
	while ((st = iv_net_step(net)) == IV_CONTINUE)
		check_flags(net, ++k);
	ck_assert_int_eq(st, IV_OK);
	ck_assert_uint_eq(k, 2 * L - 1);
	check_flags(net, 2 * L);
	ck_assert_int_eq(iv_net_step(net), IV_OK); /* and on every later call */
	ck_assert_int_eq(iv_net_run(net), IV_OK);
	check_flags(net, 2 * L);
	iv_net_free(net);
}
END_TEST

START_TEST(restart_recomputes_the_same)
{
	/* given a finished run whose numbers are kept */
	iv_net *net = small_net(0);
	iv_net_run(net);
	size_t L = iv_net_depth(net);
	iv_layer_stats keep[5];
	double bins[5][IV_Q_COUNT][40];
	for (size_t l = 1; l <= L; l++) {
		keep[l] = *iv_net_layer(net, l);
		for (int q = 0; q < IV_Q_COUNT; q++)
			memcpy(bins[l][q], keep[l].q[q].hist->bin, sizeof bins[l][q]);
	}
	/* when restarted: nothing is done; when run again: the same */
	iv_net_restart(net);
	check_flags(net, 0);
	ck_assert_int_eq(iv_net_run(net), IV_OK);
	for (size_t l = 1; l <= L; l++) {
		const iv_layer_stats *s = iv_net_layer(net, l);
		for (int q = 0; q < IV_Q_COUNT; q++) {
			ck_assert(!memcmp(&s->q[q].mean, &keep[l].q[q].mean,
			                  sizeof(double)) &&
			          !memcmp(&s->q[q].std, &keep[l].q[q].std,
			                  sizeof(double)));
			ck_assert(!memcmp(s->q[q].hist->bin, bins[l][q],
			                  sizeof bins[l][q]));
		}
		ck_assert_uint_eq(s->distinct_neurons, keep[l].distinct_neurons);
	}
	iv_net_free(net);
}
END_TEST

START_TEST(data_and_bins_follow_the_passes)
{
	/* given a retained net before its backward pass */
	iv_net *net = small_net(1);
	size_t L = iv_net_depth(net), r, k;
	double counts[40], total;
	for (size_t s = 0; s < L; s++)
		iv_net_step(net);
	/* then gradients are not there yet, forward quantities are */
	ck_assert_ptr_null(iv_net_data(net, 1, IV_Q_GRAD_ACT, NULL, NULL));
	ck_assert_int_eq(iv_net_bin(net, 1, IV_Q_GRAD_WEIGHTS, -1, 1, 40, counts),
	                 IV_EINVAL);
	ck_assert_ptr_nonnull(iv_net_data(net, 1, IV_Q_ACT, &r, &k));
	ck_assert(r == 8 && k == 16);
	ck_assert_ptr_null(iv_net_data(net, 0, IV_Q_ACT, NULL, NULL));
	ck_assert_ptr_null(iv_net_data(net, L + 1, IV_Q_ACT, NULL, NULL));
	ck_assert_ptr_null(iv_net_data(net, 1, IV_Q_GRAD_PREACT, NULL, NULL));
	ck_assert_ptr_null(iv_net_layer(net, 0));
	ck_assert_ptr_null(iv_net_layer(net, L + 1));
	/* when finished: re-binning every quantity over the statistics' own
	 * range reproduces the statistics' histogram */
	iv_net_run(net);
	for (size_t l = 1; l <= L; l++)
		for (int q = 0; q < IV_Q_COUNT; q++) {
			const iv_stats *s = &iv_net_layer(net, l)->q[q];
			ck_assert_int_eq(iv_net_bin(net, l, q, s->hist->range[0],
			                            s->hist->range[40], 40, counts),
			                 IV_OK);
			total = 0;
			for (int b = 0; b < 40; b++)
				total += counts[b];
			ck_assert(!memcmp(counts, s->hist->bin, sizeof counts));
			ck_assert(total == (double)s->finite);
		}
	ck_assert_int_eq(iv_net_bin(net, 0, IV_Q_WEIGHTS, 0, 1, 40, counts),
	                 IV_EINVAL);
	ck_assert_int_eq(iv_net_bin(net, 1, IV_Q_COUNT, 0, 1, 40, counts),
	                 IV_EINVAL);
	iv_net_free(net);
	/* without retain, gradients can't be re-binned but weights can */
	net = small_net(0);
	iv_net_run(net);
	ck_assert_int_eq(iv_net_bin(net, 2, IV_Q_GRAD_PREACT, -1, 1, 40, counts),
	                 IV_EINVAL);
	ck_assert_int_eq(iv_net_bin(net, 2, IV_Q_WEIGHTS, -1, 1, 40, counts),
	                 IV_OK);
	iv_net_free(net);
}
END_TEST

START_TEST(binning_many_at_once_gives_what_one_by_one_gives)
{
	/* given a retained net stopped inside its backward pass, so that
	 * some layers' gradients are there and some not yet */
	iv_config c;
	iv_config_defaults(&c);
	c.width = 96;
	c.depth = 5;
	c.batch = 64;
	c.retain = 1;
	iv_net *net = iv_net_alloc(&c, NULL);
	ck_assert_ptr_nonnull(net);
	size_t L = iv_net_depth(net), n = 0;
	for (size_t s = 0; s < L + 2; s++)
		iv_net_step(net);
	/* and more jobs than a round takes: every layer (0 and L + 1 too)
	 * and quantity, three ranges and bin counts each */
	enum { JOBS = 3 * 7 * (IV_Q_COUNT + 1) };
	iv_bin_job jobs[JOBS];
	static double counts[JOBS][70], want[70];
	for (int r = 0; r < 3; r++)
		for (size_t l = 0; l <= L + 1; l++)
			for (int q = 0; q <= IV_Q_COUNT; q++, n++)
				jobs[n] = (iv_bin_job){l, (iv_quantity)q,
				                       -0.5 - r, 0.25 + r,
				                       (size_t)(7 + 30 * r),
				                       counts[n], IV_EGSL};
	ck_assert_uint_eq(n, JOBS);
	/* when binned all at once */
	iv_net_bin_all(net, jobs, n);
	/* then each job has the status and the counts iv_net_bin gives */
	size_t ok = 0, refused = 0;
	for (size_t k = 0; k < n; k++) {
		iv_bin_job *j = &jobs[k];
		iv_status st = iv_net_bin(net, j->layer, j->q, j->lo, j->hi,
		                          j->bins, want);
		ck_assert_msg(j->st == st, "job %zu: status %d, alone %d", k,
		              (int)j->st, (int)st);
		if (st != IV_OK) {
			refused++;
			continue;
		}
		ok++;
		ck_assert_msg(!memcmp(j->counts, want, j->bins * sizeof *want),
		              "job %zu (layer %zu, quantity %d): other counts", k,
		              j->layer, (int)j->q);
	}
	ck_assert(ok > 40 && refused > 20);
	iv_net_free(net);
}
END_TEST

/* Two statistics the same, bit for bit (NaN equal to NaN). */
static int same_double(double a, double b)
{
	return (isnan(a) && isnan(b)) || memcmp(&a, &b, sizeof a) == 0;
}

static void assert_same_stats(const iv_stats *a, const iv_stats *b, size_t l,
                              int q, bool hist)
{
	ck_assert_msg(a->count == b->count && a->nan == b->nan &&
	                  a->inf == b->inf && a->finite == b->finite,
	              "layer %zu quantity %d counts", l, q);
	ck_assert_msg(same_double(a->mean, b->mean) &&
	                  same_double(a->std, b->std) &&
	                  same_double(a->rms, b->rms) &&
	                  same_double(a->min, b->min) &&
	                  same_double(a->max, b->max) &&
	                  same_double(a->absmax, b->absmax),
	              "layer %zu quantity %d moments", l, q);
	if (!hist)
		return;
	size_t bins = a->hist->n;
	ck_assert(b->hist->n == bins && a->binned && b->binned);
	ck_assert_msg(!memcmp(a->hist->range, b->hist->range,
	                      (bins + 1) * sizeof(double)) &&
	                  !memcmp(a->hist->bin, b->hist->bin,
	                          bins * sizeof(double)),
	              "layer %zu quantity %d histogram", l, q);
}

/* Network k of three for the histogram tests: tanh; one whose activations
 * overflow (the serial path, NaN and Inf counted); residual blocks with
 * layer norm. */
static void hist_config(iv_config *c, int k)
{
	iv_config_defaults(c);
	c->width = 24;
	c->depth = 4;
	c->batch = 16;
	c->retain = 1;
	c->seed = 7;
	if (k == 1) {
		c->act = IV_ACT_LINEAR;
		c->init = IV_INIT_NORMAL;
		c->std = 1e200;
	} else if (k == 2) {
		c->residual = true;
		c->norm = IV_NORM_LAYER;
	}
}

START_TEST(histograms_left_out_are_filled_the_same)
{
	/* given one of the three networks */
	iv_config c;
	hist_config(&c, _i);
	iv_net *a = iv_net_alloc(&c, NULL), *b = iv_net_alloc(&c, NULL);
	ck_assert(a && b);
	/* when one computes with its histograms and the other without */
	iv_net_histograms(b, false);
	ck_assert_int_eq(iv_net_run(a), IV_OK);
	ck_assert_int_eq(iv_net_run(b), IV_OK);
	size_t L = iv_net_depth(a), unbinned = 0, inf = 0;
	/* then every statistic is the same, no histogram is binned */
	for (size_t l = 1; l <= L; l++)
		for (int q = 0; q < IV_Q_COUNT; q++) {
			const iv_stats *x = &iv_net_layer(a, l)->q[q];
			const iv_stats *y = &iv_net_layer(b, l)->q[q];
			assert_same_stats(x, y, l, q, false);
			ck_assert(x->binned);
			unbinned += !y->binned;
			inf += y->inf + y->nan;
		}
	ck_assert_uint_eq(unbinned, L * IV_Q_COUNT);
	ck_assert(_i != 1 || inf > 0); /* the serial path was taken */
	/* and once filled, every histogram is the passes' own, bit for bit */
	ck_assert_int_eq(iv_net_fill_histograms(b, IV_Q_ALL), IV_OK);
	for (size_t l = 1; l <= L; l++)
		for (int q = 0; q < IV_Q_COUNT; q++)
			assert_same_stats(&iv_net_layer(a, l)->q[q],
			                  &iv_net_layer(b, l)->q[q], l, q, true);
	/* and the choice stays through a remade network, at any shapes */
	for (int k = 0; k < 2; k++) {
		c.width = k ? 32 : 24;
		c.seed = 8 + (unsigned long)k;
		b = iv_net_realloc(b, &c, NULL);
		ck_assert_ptr_nonnull(b);
		ck_assert_int_eq(iv_net_run(b), IV_OK);
		ck_assert(!iv_net_layer(b, 1)->q[IV_Q_ACT].binned);
	}
	iv_net_histograms(b, true);
	iv_net_restart(b);
	ck_assert_int_eq(iv_net_run(b), IV_OK);
	ck_assert(iv_net_layer(b, 1)->q[IV_Q_ACT].binned);
	iv_net_free(a);
	iv_net_free(b);
}
END_TEST

START_TEST(a_network_without_histograms_keeps_none)
{
	/* given one of the three networks, and the same keeping no
	 * histograms */
	iv_config c;
	hist_config(&c, _i);
	iv_config bare = c;
	bare.no_histograms = true;
	/* then it needs less memory by at least the counts of every
	 * histogram */
	ck_assert(iv_config_memory(&bare) + (double)c.depth * IV_Q_COUNT *
	                                        c.bins * sizeof(double) <=
	          iv_config_memory(&c));
	iv_net *a = iv_net_alloc(&c, NULL), *b = iv_net_alloc(&bare, NULL);
	ck_assert(a && b);
	/* when both are computed, even with histograms asked for */
	iv_net_histograms(b, true);
	ck_assert_int_eq(iv_net_run(a), IV_OK);
	ck_assert_int_eq(iv_net_run(b), IV_OK);
	/* then every statistic is the same, and b has no histogram */
	for (size_t l = 1; l <= c.depth; l++)
		for (int q = 0; q < IV_Q_COUNT; q++) {
			const iv_stats *y = &iv_net_layer(b, l)->q[q];
			assert_same_stats(&iv_net_layer(a, l)->q[q], y, l, q,
			                  false);
			ck_assert(!y->binned && y->hist == NULL);
		}
	/* and none can be filled in */
	ck_assert_int_eq(iv_net_fill_histograms(b, IV_Q_ALL), IV_EINVAL);
	/* and a network remade with histograms has them again */
	b = iv_net_realloc(b, &c, NULL);
	ck_assert_ptr_nonnull(b);
	ck_assert_int_eq(iv_net_run(b), IV_OK);
	ck_assert(iv_net_layer(b, 1)->q[IV_Q_ACT].binned);
	ck_assert_ptr_nonnull(iv_net_layer(b, 1)->q[IV_Q_ACT].hist);
	iv_net_free(a);
	iv_net_free(b);
}
END_TEST

START_TEST(gradient_histograms_need_the_gradients_kept)
{
	/* given a network without kept gradients, computed without
	 * histograms */
	iv_net *net = small_net(0);
	iv_net_histograms(net, false);
	ck_assert_int_eq(iv_net_run(net), IV_OK);
	/* when its histograms are asked for: the forward ones come, the
	 * backward ones cannot, and say so */
	ck_assert_int_eq(iv_net_fill_histograms(net, IV_Q_ALL), IV_EINVAL);
	for (size_t l = 1; l <= iv_net_depth(net); l++)
		for (int q = 0; q < IV_Q_COUNT; q++)
			ck_assert(iv_net_layer(net, l)->q[q].binned ==
			          (q < IV_Q_GRAD_ACT));
	iv_net_free(net);
}
END_TEST

START_TEST(quantity_names_follow_the_docs)
{
	static const char *const names[] = {
		"weights", "preactivation", "activation", "grad_activation",
		"grad_preactivation", "grad_weights",
	};
	for (int q = 0; q < IV_Q_COUNT; q++)
		ck_assert_str_eq(iv_quantity_name(q), names[q]);
	ck_assert_ptr_null(iv_quantity_name(IV_Q_COUNT));
	ck_assert_int_eq(IV_Q_COUNT, TU_LEN(names));
}
END_TEST

/* Every statistic and every stored matrix of two finished networks, bit
 * for bit. */
static void same_numbers(const iv_net *net, const iv_net *fresh)
{
	ck_assert_uint_eq(iv_net_depth(net), iv_net_depth(fresh));
	for (size_t l = 1; l <= iv_net_depth(net); l++) {
		const iv_layer_stats *x = iv_net_layer(net, l);
		const iv_layer_stats *y = iv_net_layer(fresh, l);
		for (int q = 0; q < IV_Q_COUNT; q++)
			tu_same_stats(&x->q[q], &y->q[q], iv_quantity_name(q));
		ck_assert_uint_eq(x->distinct_neurons, y->distinct_neurons);
		ck_assert_uint_eq(x->dead_units, y->dead_units);
		for (int q = IV_Q_WEIGHTS; q <= IV_Q_GRAD_ACT; q++) {
			size_t r, c, r2, c2;
			const double *u = iv_net_data(net, l, q, &r, &c);
			const double *v = iv_net_data(fresh, l, q, &r2, &c2);
			ck_assert((u == NULL) == (v == NULL));
			if (u)
				ck_assert(r == r2 && c == c2 &&
				          !memcmp(u, v, r * c * sizeof *u));
		}
	}
}

/* The start of a network's block of matrices: its input activations,
 * just before layer 1's weights (drawn once the forward pass is done). */
static const double *block_of(const iv_net *net)
{
	const iv_config *c = iv_net_config(net);
	const double *w = iv_net_data(net, 1, IV_Q_WEIGHTS, NULL, NULL);
	ck_assert_ptr_nonnull(w);
	return w - c->batch * iv_config_units(c, 0);
}

START_TEST(realloc_at_the_same_shapes_draws_in_place)
{
	/* given a finished net of one configuration */
	iv_config a, b;
	iv_status st;
	iv_config_defaults(&a);
	a.width = 40;
	a.depth = 3;
	a.batch = 50;
	a.retain = 1;
	b = a;
	b.seed = 7; /* another seed, scheme, activation and input: same shapes */
	b.init = IV_INIT_HE_UNIFORM;
	b.act = IV_ACT_RELU;
	b.input = IV_INPUT_UNIFORM;
	b.bias_std = 0.1;
	iv_net *net = iv_net_alloc(&a, NULL), *fresh = iv_net_alloc(&b, NULL);
	ck_assert(net && fresh);
	ck_assert_int_eq(iv_net_run(net), IV_OK);
	const iv_net *was = net;
	const double *arena = iv_net_data(net, 1, IV_Q_PREACT, NULL, NULL);
	/* when it is made the network of another configuration of the same
	 * shapes */
	net = iv_net_realloc(net, &b, &st);
	ck_assert_int_eq(st, IV_OK);
	ck_assert_ptr_eq(net, was);
	ck_assert(!iv_net_done(net) && iv_net_config(net)->seed == 7);
	ck_assert_ptr_null(iv_net_data(net, 1, IV_Q_WEIGHTS, NULL, NULL));
	ck_assert_int_eq(iv_net_run(net), IV_OK);
	ck_assert_int_eq(iv_net_run(fresh), IV_OK);
	/* then every statistic and every stored matrix is the fresh net's,
	 * bit for bit, in the same memory */
	ck_assert_ptr_eq(iv_net_data(net, 1, IV_Q_PREACT, NULL, NULL), arena);
	same_numbers(net, fresh);
	/* and an invalid configuration, or one over its memory limit (the
	 * limit iv_net_alloc applies), gives NULL and frees the net */
	iv_config bad = b;
	bad.depth = 0;
	ck_assert_ptr_null(iv_net_realloc(net, &bad, &st));
	ck_assert_int_eq(st, IV_EINVAL);
	bad = b;
	bad.max_memory = 1000;
	net = iv_net_alloc(&b, NULL);
	ck_assert_ptr_nonnull(net);
	ck_assert_ptr_null(iv_net_realloc(net, &bad, &st));
	ck_assert_int_eq(st, IV_ETOOBIG);
	iv_net_free(fresh);
}
END_TEST

START_TEST(a_network_made_from_another_is_a_fresh_one)
{
	/* given a run network, when it is remade for a smaller, then a larger
	 * configuration, then each gives bit for bit what a fresh one gives */
	iv_config big, small, other;
	iv_status st;
	iv_config_defaults(&big);
	big.width = 48;
	big.depth = 4;
	big.batch = 40;
	small = big;
	small.width = 24;
	small.depth = 3;
	small.init = IV_INIT_HE_UNIFORM;
	other = big;
	other.width = 64;
	iv_net *net = iv_net_realloc(NULL, &big, &st);
	ck_assert_ptr_nonnull(net);
	ck_assert_int_eq(iv_net_run(net), IV_OK);
	const double *block = block_of(net);
	const iv_config *seq[] = { &small, &big, &other };
	for (size_t i = 0; i < 3; i++) {
		net = iv_net_realloc(net, seq[i], &st);
		ck_assert_ptr_nonnull(net);
		iv_net *fresh = iv_net_alloc(seq[i], &st);
		ck_assert_int_eq(iv_net_run(net), IV_OK);
		ck_assert_int_eq(iv_net_run(fresh), IV_OK);
		same_numbers(net, fresh);
		/* the smaller network and the first again are drawn into the
		 * first one's block */
		if (seq[i] != &other)
			ck_assert_ptr_eq(block_of(net), block);
		iv_net_free(fresh);
	}
	/* over the memory limit: NULL, and the old network is gone */
	other.max_memory = 1024;
	ck_assert_ptr_null(iv_net_realloc(net, &other, &st));
	ck_assert_int_eq(st, IV_ETOOBIG);
	other.max_memory = 0;
	other.depth = 0;
	net = iv_net_alloc(&big, &st);
	ck_assert_ptr_null(iv_net_realloc(net, &other, &st));
	ck_assert_int_eq(st, IV_EINVAL);
}
END_TEST

/* Realloc net to cfg, run both it and a fresh network of cfg, compare. */
static iv_net *remade_is_fresh(iv_net *net, const iv_config *cfg)
{
	iv_status st;
	net = iv_net_realloc(net, cfg, &st);
	ck_assert_ptr_nonnull(net);
	iv_net *fresh = iv_net_alloc(cfg, &st);
	ck_assert_ptr_nonnull(fresh);
	ck_assert_int_eq(iv_net_run(net), IV_OK);
	ck_assert_int_eq(iv_net_run(fresh), IV_OK);
	same_numbers(net, fresh);
	iv_net_free(fresh);
	return net;
}

START_TEST(a_remade_network_keeps_only_what_the_same_draw_gives)
{
	/* given a network of one configuration (the realloc keeps its input
	 * and weights when only the activation changes) */
	iv_config a, b, c;
	iv_status st;
	iv_config_defaults(&a);
	a.width = 40;
	a.depth = 4;
	a.batch = 50;
	a.bias_std = 0.1; /* the biases drawn too */
	b = a;
	b.act = IV_ACT_RELU;
	c = b;
	c.gain = 1.1 * b.gain; /* the same input, other weights */
	iv_net *net = iv_net_alloc(&a, &st);
	ck_assert_ptr_nonnull(net);
	ck_assert_int_eq(iv_net_run(net), IV_OK);
	/* when remade with another activation, another gain, back, each
	 * finished, then each is bit for bit a fresh network's */
	net = remade_is_fresh(net, &b);
	net = remade_is_fresh(net, &c);
	net = remade_is_fresh(net, &a);
	/* when remade after a few steps (some layers drawn, one in part),
	 * then too */
	net = iv_net_realloc(net, &b, &st);
	ck_assert_ptr_nonnull(net);
	for (int i = 0; i < 3; i++)
		iv_net_step(net);
	net = remade_is_fresh(net, &a);
	net = iv_net_realloc(net, &c, &st);
	ck_assert_ptr_nonnull(net);
	iv_net_step(net);
	net = remade_is_fresh(net, &a);
	/* when a trainer has changed the weights, then the weights are drawn
	 * again: a fresh network's, not the trained ones */
	iv_train_opts o = { .lr = 0.5, .outputs = 4 };
	iv_train *tr = iv_train_alloc(net, &o, &st);
	ck_assert_ptr_nonnull(tr);
	ck_assert_int_eq(iv_train_step(tr), IV_OK);
	ck_assert_int_eq(iv_train_step(tr), IV_OK);
	iv_train_free(tr);
	net = remade_is_fresh(net, &b);
	iv_net_free(net);
}
END_TEST


/* Whether the kept draws hold every layer's units and g_L's numbers. */
static bool draws_held(const iv_net *net)
{
	if (!net->ublock || !net->g_ok)
		return false;
	for (size_t l = 1; l <= net->L; l++)
		if (!net->u_ok[l])
			return false;
	return true;
}

START_TEST(kept_draws_give_a_fresh_networks_numbers)
{
	/* given a network that keeps its draws (widths that change, so a
	 * wide layer's orthogonal matrix is a transposed one too) */
	static const unsigned widths[] = {40, 24, 56, 24};
	iv_config base;
	iv_status st;
	iv_config_defaults(&base);
	tu_config_widths(&base, widths, TU_LEN(widths));
	base.batch = 50;
	base.init = IV_INIT_XAVIER_NORMAL;
	base.seed = 42;
	iv_net *net = iv_net_alloc(&base, &st);
	ck_assert_ptr_nonnull(net);
	iv_net_keep_draws(net, true);
	ck_assert_int_eq(iv_net_run(net), IV_OK);
	ck_assert(draws_held(net));
	/* when remade through a changed scale within each family, across
	 * families, with biases drawn and presets' biases, a new seed, a
	 * scheme that draws nothing, then each is bit for bit a fresh
	 * network's */
	struct {
		iv_init_kind init;
		double gain, std, bias_std;
		unsigned long seed;
		bool held; /* the draws held before the run */
	} seq[] = {
	    {IV_INIT_XAVIER_NORMAL, 1.3, 0.1, 0, 42, true},
	    {IV_INIT_HE_NORMAL, 1.0, 0.1, 0.2, 42, true},
	    {IV_INIT_NORMAL, 1.0, 0.05, 0.2, 42, true},
	    {IV_INIT_GPT2, 1.0, 0.05, 0, 42, true},
	    {IV_INIT_XAVIER_UNIFORM, 1.0, 0.05, 0, 42, false},
	    {IV_INIT_TORCH_LINEAR, 1.0, 0.05, 0, 42, true},
	    {IV_INIT_HE_UNIFORM, 2.0, 0.05, 0.1, 42, true},
	    {IV_INIT_UNIFORM, 2.0, 0.3, 0.1, 42, true},
	    {IV_INIT_KERAS_DENSE, 1.0, 0.3, 0.1, 42, true},
	    {IV_INIT_TRUNC_NORMAL, 1.0, 0.3, 0, 42, false},
	    {IV_INIT_FLAX_DENSE, 1.0, 0.3, 0, 42, true},
	    {IV_INIT_ORTHOGONAL, 1.0, 0.3, 0, 42, false},
	    {IV_INIT_ORTHOGONAL, 1.7, 0.3, 0.1, 42, true},
	    {IV_INIT_ORTHOGONAL, 1.7, 0.3, 0.1, 7, false},
	    {IV_INIT_CONSTANT, 1.0, 0.3, 0.1, 7, false},
	    {IV_INIT_XAVIER_NORMAL, 1.0, 0.3, 0, 7, false},
	    {IV_INIT_XAVIER_NORMAL, 0.5, 0.3, 0, 7, true},
	};
	for (size_t i = 0; i < TU_LEN(seq); i++) {
		iv_config c = base;
		c.init = seq[i].init;
		c.gain = seq[i].gain;
		c.std = seq[i].std;
		c.bias_std = seq[i].bias_std;
		c.seed = seq[i].seed;
		net = iv_net_realloc(net, &c, &st);
		ck_assert_ptr_nonnull(net);
		ck_assert_msg(draws_held(net) == seq[i].held, "case %zu", i);
		net = remade_is_fresh(net, &c);
		if (c.init != IV_INIT_CONSTANT)
			ck_assert_msg(draws_held(net), "case %zu", i);
	}
	/* when remade part way through a layer's draw, and after training,
	 * then too */
	iv_config c = base;
	c.gain = 0.8;
	net = iv_net_realloc(net, &c, &st);
	iv_net_step(net);
	net = remade_is_fresh(net, &base);
	iv_train_opts o = {.lr = 0.5, .outputs = 4};
	iv_train *tr = iv_train_alloc(net, &o, &st);
	ck_assert_ptr_nonnull(tr);
	ck_assert_int_eq(iv_train_step(tr), IV_OK);
	iv_train_free(tr);
	net = remade_is_fresh(net, &c);
	/* when remade at other shapes, the network still keeps them */
	c.batch = 30;
	net = remade_is_fresh(net, &c);
	ck_assert(draws_held(net));
	/* when the limit leaves no room for them, nothing is kept, and the
	 * numbers are still a fresh network's */
	c.max_memory = (size_t)iv_config_memory(&c) + 1024;
	net = remade_is_fresh(net, &c);
	ck_assert_ptr_null(net->ublock);
	iv_net_keep_draws(net, false);
	iv_net_free(net);
}
END_TEST

TCase *net_steps_tcase(void)
{
	TCase *tc = tcase_create("steps");
	tcase_add_test(tc, steps_are_layers);
	tcase_add_test(tc, realloc_at_the_same_shapes_draws_in_place);
	tcase_add_test(tc, a_network_made_from_another_is_a_fresh_one);
	tcase_add_test(tc, a_remade_network_keeps_only_what_the_same_draw_gives);
	tcase_add_test(tc, kept_draws_give_a_fresh_networks_numbers);
	tcase_add_test(tc, restart_recomputes_the_same);
	tcase_add_test(tc, data_and_bins_follow_the_passes);
	tcase_add_test(tc, binning_many_at_once_gives_what_one_by_one_gives);
	tcase_add_test(tc, quantity_names_follow_the_docs);
	tcase_add_loop_test(tc, histograms_left_out_are_filled_the_same, 0, 3);
	tcase_add_loop_test(tc, a_network_without_histograms_keeps_none, 0, 3);
	tcase_add_test(tc, gradient_histograms_need_the_gradients_kept);
	return tc;
}
