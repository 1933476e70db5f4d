/* SPDX-License-Identifier: MIT */
/* Work shared over threads: the same results bit for bit whatever the
 * thread count, and the statistics against GSL's on the same data. */
#define _GNU_SOURCE /* sched_setaffinity */
#include <dirent.h>
#include <float.h>
#include <sched.h>
#include <string.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_statistics_double.h>
#include <gsl/gsl_blas.h>
#include <initviz/net.h>
#include <initviz/threads.h>
#include "engine/gemm.h"
#include "engine/par.h"
#include "engine/stats_impl.h"
#include "testutil.h"

#define BINS 40

static double rel(double a, double b)
{
	return a == b ? 0 : fabs(a - b) / fmax(fabs(a), fabs(b));
}

/* Sizes around the block and the round (IV_ROUND blocks), with tails that
 * are not multiples of the lanes. */
static const size_t sizes[] = {
	1, 7, IV_BLOCK - 3, IV_BLOCK + 5, 2 * IV_PAR_MIN + 1, 300001,
	(size_t)IV_ROUND * IV_BLOCK + 12345,
};

static double *gaussian(size_t n, double mean, double sd, unsigned long seed)
{
	gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
	double *x = malloc(n * sizeof *x);
	ck_assert(r && x);
	gsl_rng_set(r, seed);
	for (size_t i = 0; i < n; i++)
		x[i] = mean + gsl_ran_gaussian(r, sd);
	gsl_rng_free(r);
	return x;
}

struct marks {
	unsigned char *seen;
	size_t bad;
};

static void mark(void *ctx, unsigned th, size_t b, size_t begin, size_t end)
{
	struct marks *c = ctx;
	(void)th;
	if (begin != b * IV_BLOCK || end <= begin || end - begin > IV_BLOCK)
		c->bad++; /* a race here could only lower the count */
	for (size_t i = begin; i < end; i++)
		c->seen[i]++;
}

/* Entries of seen[0, n) not seen exactly once; the first in *at. */
static size_t not_once(const unsigned char *seen, size_t n, size_t *at)
{
	size_t bad = 0;
	for (size_t i = n; i-- > 0;)
		if (seen[i] != 1) {
			bad++;
			*at = i;
		}
	return bad;
}

START_TEST(blocks_are_visited_once)
{
	/* given n entries and 1..IV_PAR_MAX threads, fresh ones for the call
	 * and a pool's waiting workers (used over and over) */
	size_t n = sizes[_i], at = 0;
	unsigned char *seen = calloc(n, 1);
	iv_pool *pool = iv_pool_alloc();
	ck_assert(seen && pool);
	for (int rep = 0; rep < 3; rep++)
		for (unsigned t = 1; t <= IV_PAR_MAX; t++) {
			iv_pool *p = rep == 0 ? NULL : pool;
			memset(seen, 0, n);
			/* when every block marks its entries */
			struct marks c = { seen, 0 };
			unsigned used = iv_par_blocks_on(p, n, t, mark, &c);
			/* then each entry once, in its block's range, on <= t
			 * threads */
			ck_assert(used >= 1 && used <= t);
			ck_assert_uint_eq(c.bad, 0);
			size_t bad = not_once(seen, n, &at);
			ck_assert_msg(bad == 0, "n %zu threads %u pool %d: %zu entries"
			              " not seen once, first %zu (%d times)", n, t,
			              p != NULL, bad, at, seen[at]);
		}
	iv_pool_free(pool);
	iv_pool_free(NULL);
	free(seen);
}
END_TEST

START_TEST(threads_give_the_same_statistics)
{
	/* given Gaussian data off zero (the mean's rounding matters) */
	size_t n = sizes[_i];
	double *x = gaussian(n, 3.0, 0.5, 11 + _i);
	iv_stats one, many;
	ck_assert(!iv_stats_init(&one, BINS) && !iv_stats_init(&many, BINS));
	/* when computed on 1 thread and on 2, 3 and IV_PAR_MAX */
	ck_assert_int_eq(iv_stats_compute_threads(&one, x, n, 1), IV_OK);
	tu_check_stats(&one, n);
	for (unsigned t = 2; t <= IV_PAR_MAX; t += t < 3 ? 1 : IV_PAR_MAX - 3) {
		ck_assert_int_eq(iv_stats_compute_threads(&many, x, n, t), IV_OK);
		/* then bit for bit the same */
		tu_same_stats(&one, &many, "threads");
	}
	ck_assert_int_eq(iv_stats_compute(&many, x, n), IV_OK);
	tu_same_stats(&one, &many, "default threads");
	/* and GSL's statistics on the same data */
	ck_assert_msg(rel(one.mean, gsl_stats_mean(x, 1, n)) < 1e-13,
	              "mean %.17g gsl %.17g", one.mean, gsl_stats_mean(x, 1, n));
	if (n > 1)
		ck_assert_msg(rel(one.std, gsl_stats_sd(x, 1, n)) < 1e-12,
		              "std %.17g gsl %.17g", one.std,
		              gsl_stats_sd(x, 1, n));
	ck_assert(one.min == gsl_stats_min(x, 1, n));
	ck_assert(one.max == gsl_stats_max(x, 1, n));
	/* and the histogram of a plain loop over the same edges (the value
	 * at the top edge goes into the last bin) */
	double lo = one.hist->range[0], hi = one.hist->range[BINS];
	double scale = BINS / (hi - lo);
	size_t c[BINS] = { 0 };
	for (size_t i = 0; i < n; i++) {
		double f = (x[i] - lo) * scale;
		c[f < BINS ? (size_t)f : BINS - 1]++;
	}
	for (size_t k = 0; k < BINS; k++)
		ck_assert_msg((double)c[k] == one.hist->bin[k], "n %zu bin %zu: "
		              "%zu, engine %g", n, k, c[k], one.hist->bin[k]);
	iv_stats_done(&one);
	iv_stats_done(&many);
	free(x);
}
END_TEST

START_TEST(parts_taken_in_pieces_match)
{
	/* given the first pass taken block by block in pieces of 8k entries
	 * (as the net's forward pass takes it) */
	size_t n = sizes[_i], nb = iv_par_nblocks(n);
	double *x = gaussian(n, -1.0, 2.0, 5 + _i);
	iv_part1 *p = malloc((nb ? nb : 1) * sizeof *p);
	ck_assert(p);
	for (size_t b = 0; b < nb; b++) {
		size_t begin = b * IV_BLOCK, end = begin + IV_BLOCK;
		iv_lanes a;
		if (end > n)
			end = n;
		iv_lanes_start(&a);
		for (size_t i = begin; i < end; i += 8 * 37)
			iv_lanes_add(&a, x + i, end - i < 8 * 37 ? end - i : 8 * 37);
		p[b] = iv_lanes_end(&a);
	}
	/* when finished on 1 and 2 threads, then iv_stats_compute's results */
	iv_stats ref, got;
	ck_assert(!iv_stats_init(&ref, BINS) && !iv_stats_init(&got, BINS));
	iv_stats_compute_threads(&ref, x, n, 1);
	for (unsigned t = 1; t <= 2; t++) {
		ck_assert_int_eq(iv_stats_from_parts(&got, x, n, p, t), IV_OK);
		tu_same_stats(&ref, &got, "parts");
	}
	iv_stats_done(&ref);
	iv_stats_done(&got);
	free(p);
	free(x);
}
END_TEST

START_TEST(non_finite_data_takes_the_exact_path)
{
	/* given big data with one NaN and one Inf deep inside */
	size_t n = 3 * IV_PAR_MIN + 17;
	double *x = gaussian(n, 0.0, 1.0, 3);
	x[n / 2] = NAN;
	x[n - 5] = -INFINITY;
	iv_stats one, two;
	ck_assert(!iv_stats_init(&one, BINS) && !iv_stats_init(&two, BINS));
	iv_stats_compute_threads(&one, x, n, 1);
	iv_stats_compute_threads(&two, x, n, 2);
	/* then both count them and agree bit for bit */
	tu_check_stats(&one, n);
	ck_assert(one.nan == 1 && one.inf == 1 && one.finite == n - 2);
	tu_same_stats(&one, &two, "non-finite");
	iv_stats_done(&one);
	iv_stats_done(&two);
	free(x);
}
END_TEST

static iv_net *run_net(const iv_config *c)
{
	iv_status st;
	iv_net *net = iv_net_alloc(c, &st);
	ck_assert_msg(net != NULL, "alloc: %s", iv_status_str(st));
	ck_assert_int_eq(iv_net_run(net), IV_OK);
	return net;
}

static int one_cpu(void)
{
	cpu_set_t set;
	CPU_ZERO(&set);
	CPU_SET(sched_getcpu() < 0 ? 0 : sched_getcpu(), &set);
	return sched_setaffinity(0, sizeof set, &set);
}

START_TEST(net_on_one_cpu_equals_net_on_all)
{
	/* given a net big enough to be shared over threads (and a tanh net
	 * and a relu net, whose health counts differ) */
	iv_config c;
	iv_config_defaults(&c);
	c.width = 300;
	c.depth = 3;
	c.batch = 1000; /* 300000 entries a layer: several blocks */
	c.act = _i ? IV_ACT_RELU : IV_ACT_TANH;
	c.bias_std = 0.2;
	iv_net *all = run_net(&c);
	/* when run again on one processor (one thread: par.c asks) */
	ck_assert_int_eq(one_cpu(), 0);
	ck_assert_uint_eq(iv_par_threads(1u << 24), 1);
	iv_net *one = run_net(&c);
	/* then every statistic is bit for bit the same, and equals serial
	 * statistics of the net's own matrices */
	iv_stats ref;
	ck_assert(!iv_stats_init(&ref, c.bins));
	for (size_t l = 1; l <= c.depth; l++) {
		const iv_layer_stats *a = iv_net_layer(all, l);
		const iv_layer_stats *b = iv_net_layer(one, l);
		for (int q = 0; q < IV_Q_COUNT; q++)
			tu_same_stats(&a->q[q], &b->q[q], iv_quantity_name(q));
		ck_assert(tu_bits_eq(a->saturated, b->saturated) &&
		          tu_bits_eq(a->zero_fraction, b->zero_fraction) &&
		          a->dead_units == b->dead_units &&
		          a->distinct_neurons == b->distinct_neurons);
		static const iv_quantity fw[] = { IV_Q_WEIGHTS, IV_Q_PREACT,
		                                  IV_Q_ACT };
		for (size_t k = 0; k < 3; k++) {
			size_t r, cols;
			const double *x = iv_net_data(all, l, fw[k], &r, &cols);
			iv_stats_compute_threads(&ref, x, r * cols, 1);
			tu_same_stats(&a->q[fw[k]], &ref, iv_quantity_name(fw[k]));
		}
		/* and the health counts of a plain loop over H */
		size_t r, cols, zero = 0, sat = 0, dead = 0;
		const double *h = iv_net_data(all, l, IV_Q_ACT, &r, &cols);
		for (size_t j = 0; j < cols; j++) {
			int alive = 0;
			for (size_t i = 0; i < r; i++) {
				double v = h[i * cols + j];
				zero += v == 0;
				sat += c.act == IV_ACT_TANH && fabs(v) > 0.99;
				alive |= v != 0;
			}
			dead += !alive;
		}
		ck_assert(a->zero_fraction == (double)zero / (double)(r * cols));
		ck_assert(a->saturated == (double)sat / (double)(r * cols));
		ck_assert_uint_eq(a->dead_units, dead);
	}
	iv_stats_done(&ref);
	iv_net_free(all);
	iv_net_free(one);
}
END_TEST

START_TEST(gradients_retained_or_overwritten_agree)
{
	/* given the same big net with and without retained gradients (dz
	 * overwrites g in place without) */
	iv_config c;
	iv_config_defaults(&c);
	c.width = 256;
	c.depth = 4;
	c.batch = 700;
	iv_net *a = run_net(&c);
	c.retain = 1;
	iv_net *b = run_net(&c);
	/* then the backward statistics agree bit for bit, also after a
	 * restart (which draws g_L again) */
	for (int pass = 0; pass < 2; pass++) {
		for (size_t l = 1; l <= c.depth; l++)
			for (int q = IV_Q_GRAD_ACT; q < IV_Q_COUNT; q++)
				tu_same_stats(&iv_net_layer(a, l)->q[q],
				           &iv_net_layer(b, l)->q[q], "gradients");
		iv_net_restart(a);
		ck_assert_int_eq(iv_net_run(a), IV_OK);
	}
	iv_net_free(a);
	iv_net_free(b);
}
END_TEST


/* Products cut in parts: shapes with odd sizes, every transposition the
 * engine uses, beta 0 and 1 (the training update adds to W). */
static const struct {
	size_t rows, cols, k;
	CBLAS_TRANSPOSE_t ta, tb;
	double alpha, beta;
} products[] = {
	{1000, 300, 300, CblasNoTrans, CblasTrans, 1.0, 0.0},
	{300, 257, 999, CblasTrans, CblasNoTrans, 1.0 / 999, 0.0},
	{997, 131, 256, CblasNoTrans, CblasNoTrans, 1.0, 0.0},
	{300, 257, 999, CblasTrans, CblasNoTrans, -0.01, 1.0},
	{40, 1000, 1000, CblasNoTrans, CblasTrans, 1.0, 0.0}, /* few rows */
	{9, 4, 3, CblasNoTrans, CblasNoTrans, 1.0, 0.0},      /* one call */
	/* parts a thread may do in one call (gemm.c): the engine's three
	 * products and the training update, parts of 128 and 256 rows */
	{1024, 256, 256, CblasNoTrans, CblasTrans, 1.0, 0.0},
	{256, 256, 1024, CblasTrans, CblasNoTrans, 1.0 / 1024, 0.0},
	{512, 384, 256, CblasNoTrans, CblasNoTrans, 1.0, 0.0},
	{512, 512, 256, CblasTrans, CblasNoTrans, -0.01, 1.0},
};

static gsl_matrix *random_matrix(size_t r, size_t c, unsigned long seed)
{
	gsl_matrix *m = gsl_matrix_alloc(r, c);
	double *x = gaussian(r * c, 0.1, 1.0, seed);
	ck_assert(m);
	memcpy(m->data, x, r * c * sizeof *x);
	free(x);
	return m;
}

/* C = alpha op(A) op(B) + beta C0 by iv_gemm on pool (NULL: fresh
 * threads) with at most threads threads (0: all). */
static gsl_matrix *product(size_t i, iv_pool *pool, unsigned threads,
			   const gsl_matrix *A, const gsl_matrix *B)
{
	gsl_matrix *C = random_matrix(products[i].rows, products[i].cols, 3);
	unsigned old = iv_threads_limit(threads);
	ck_assert_int_eq(iv_gemm(pool, products[i].ta, products[i].tb,
				 products[i].alpha, A, B, products[i].beta, C),
			 0);
	iv_threads_limit(old);
	return C;
}

START_TEST(products_in_parts_match_whatever_the_threads)
{
	/* given op(A) rows x k, op(B) k x cols and C */
	size_t r = products[_i].rows, c = products[_i].cols,
	       k = products[_i].k;
	CBLAS_TRANSPOSE_t ta = products[_i].ta, tb = products[_i].tb;
	gsl_matrix *A = ta == CblasNoTrans ? random_matrix(r, k, 1)
					   : random_matrix(k, r, 1);
	gsl_matrix *B = tb == CblasNoTrans ? random_matrix(k, c, 2)
					   : random_matrix(c, k, 2);
	gsl_matrix *C0 = random_matrix(r, c, 3);
	iv_pool *pool = iv_pool_alloc();
	ck_assert(pool);
	/* when the engine computes it on a pool, on fresh threads, and on
	 * one thread, threads doing their runs of parts in one call where
	 * the measurement allows (gemm.c) */
	(void)iv_gemm_merges(ta, tb);
	unsigned parts = iv_gemm_parts(r, c, k);
	if (r * c * k >= ((size_t)1 << 20) && r >= 256)
		ck_assert_uint_gt(parts, 1); /* the test cuts */
	gsl_matrix *P = product(_i, pool, 0, A, B);
	gsl_matrix *F = product(_i, NULL, 0, A, B);
	gsl_matrix *S = product(_i, pool, 1, A, B);
	gsl_matrix *T3 = product(_i, pool, 3, A, B); /* runs of 1, 1, 2 */
	/* then every entry is the same, bit for bit */
	for (size_t i = 0; i < r * c; i++)
		ck_assert_msg(tu_bits_eq(P->data[i], F->data[i]) &&
				  tu_bits_eq(P->data[i], S->data[i]) &&
				  tu_bits_eq(P->data[i], T3->data[i]),
			      "entry %zu of %zu x %zu (%u parts): %.17g %.17g "
			      "%.17g %.17g",
			      i, r, c, parts, P->data[i], F->data[i],
			      S->data[i], T3->data[i]);
	gsl_matrix_free(T3);
	/* and within rounding of a plain loop of long doubles */
	for (size_t i = 0; i < r; i++)
		for (size_t j = 0; j < c; j += c / 17 + 1) {
			long double sum = 0, mag = 0;
			for (size_t p = 0; p < k; p++) {
				double a = ta == CblasNoTrans
					       ? gsl_matrix_get(A, i, p)
					       : gsl_matrix_get(A, p, i);
				double b = tb == CblasNoTrans
					       ? gsl_matrix_get(B, p, j)
					       : gsl_matrix_get(B, j, p);
				sum += (long double)a * b;
				mag += fabsl((long double)a * b);
			}
			long double want =
			    products[_i].alpha * sum +
			    products[_i].beta * gsl_matrix_get(C0, i, j);
			long double err =
			    fabsl((long double)gsl_matrix_get(P, i, j) - want);
			ck_assert_msg(err <= 4 * DBL_EPSILON * (double)k *
						 (fabs(products[_i].alpha) *
						      (double)mag +
						  fabs(products[_i].beta) * 8),
				      "row %zu col %zu: %Lg off", i, j, err);
		}
	iv_pool_free(pool);
	gsl_matrix_free(A);
	gsl_matrix_free(B);
	gsl_matrix_free(C0);
	gsl_matrix_free(P);
	gsl_matrix_free(F);
	gsl_matrix_free(S);
}
END_TEST

START_TEST(one_call_over_parts_is_measured_the_same)
{
	/* given the BLAS this build runs (Debian's OpenBLAS, or GSL's own),
	 * when a run of parts in one call is measured against a call per
	 * part, then it gives the same bits for each transposition the
	 * engine uses, so that threads may merge their parts (the products
	 * test above checks the engine's shapes on 1, 2 and 3 threads) */
	ck_assert(iv_gemm_merges(CblasNoTrans, CblasTrans));
	ck_assert(iv_gemm_merges(CblasTrans, CblasNoTrans));
	ck_assert(iv_gemm_merges(CblasNoTrans, CblasNoTrans));
}
END_TEST

/* Threads of this process. */
static size_t tasks(void)
{
	DIR *d = opendir("/proc/self/task");
	size_t n = 0;
	struct dirent *e;
	ck_assert_ptr_nonnull(d);
	while ((e = readdir(d)))
		n += e->d_name[0] != '.';
	closedir(d);
	return n;
}

START_TEST(thread_limit_holds_and_blas_runs_on_one_thread)
{
	/* given a limit of one thread */
	unsigned parts = iv_gemm_parts(4096, 4096, 4096);
	unsigned old = iv_threads_limit(1);
	/* then the passes run on one thread, and the products are cut as
	 * before (the cut is the shapes') */
	ck_assert_uint_eq(iv_par_cpus(), 1);
	ck_assert_uint_eq(iv_par_threads(1u << 24), 1);
	ck_assert_uint_eq(iv_gemm_parts(4096, 4096, 4096), parts);
	ck_assert_uint_eq(parts, 4);
	/* and the limit given back is the one set */
	ck_assert_uint_eq(iv_threads_limit(old), 1);
	/* and once the engine has made a product, OpenBLAS (when it is the
	 * BLAS) runs each call on one thread */
	gsl_matrix *A = random_matrix(8, 8, 4), *C = gsl_matrix_alloc(8, 8);
	ck_assert(C);
	ck_assert_int_eq(iv_gemm(NULL, CblasNoTrans, CblasTrans, 1, A, A, 0,
				 C),
			 0);
	int blas = iv_blas_threads(0);
	ck_assert(blas == 0 || blas == 1);
	/* and when OpenBLAS's workers were started again (a call on two
	 * threads), one thread a call stops them */
	if (blas == 1) {
		gsl_matrix *X = random_matrix(512, 512, 5),
			   *Y = gsl_matrix_alloc(512, 512);
		ck_assert(Y);
		size_t before = tasks();
		iv_blas_threads(2);
		gsl_blas_dgemm(CblasNoTrans, CblasNoTrans, 1, X, X, 0, Y);
		ck_assert_uint_gt(tasks(), before);
		ck_assert_int_eq(iv_blas_threads(1), 2);
		ck_assert_uint_eq(tasks(), before);
		gsl_matrix_free(X);
		gsl_matrix_free(Y);
	}
	gsl_matrix_free(A);
	gsl_matrix_free(C);
}
END_TEST

Suite *suite(void)
{
	Suite *s = tu_suite("par");
	TCase *tc = tcase_create("par");
	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, blocks_are_visited_once, 0, TU_LEN(sizes));
	tcase_add_loop_test(tc, threads_give_the_same_statistics, 0,
	                    TU_LEN(sizes));
	tcase_add_loop_test(tc, parts_taken_in_pieces_match, 0, TU_LEN(sizes));
	tcase_add_test(tc, non_finite_data_takes_the_exact_path);
	tcase_add_loop_test(tc, net_on_one_cpu_equals_net_on_all, 0, 2);
	tcase_add_test(tc, gradients_retained_or_overwritten_agree);
	tcase_add_test(tc, one_call_over_parts_is_measured_the_same);
	tcase_add_loop_test(tc, products_in_parts_match_whatever_the_threads, 0,
			    TU_LEN(products));
	tcase_add_test(tc, thread_limit_holds_and_blas_runs_on_one_thread);
	suite_add_tcase(s, tc);
	return s;
}
