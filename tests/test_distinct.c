/* SPDX-License-Identifier: MIT */
/* Distinct columns: hand-made matrices with known numbers of distinct columns. */
#include <string.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <initviz/net.h>
#include <initviz/threads.h>
#include "engine/distinct.h"
#include "testutil.h"

#define ROWS 37
#define COLS 64

static double a[ROWS * COLS];
static unsigned char work[IV_DISTINCT_WORK(COLS)];

/* Column j of a copies prototype column p[j] of a random ROWS x COLS base. */
static void build(const size_t *p, size_t cols, unsigned long seed)
{
	double base[ROWS * COLS];
	gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
	gsl_rng_set(r, seed);
	for (size_t i = 0; i < ROWS * COLS; i++)
		base[i] = gsl_ran_gaussian(r, 1.0);
	for (size_t i = 0; i < ROWS; i++)
		for (size_t j = 0; j < cols; j++)
			a[i * cols + j] = base[i * COLS + p[j]];
	gsl_rng_free(r);
}

static size_t count(size_t rows, size_t cols)
{
	return iv_distinct_columns(a, rows, cols, work);
}

START_TEST(groups_of_duplicates)
{
	/* given COLS columns drawn from k prototypes in a scrambled order */
	size_t groups[] = { 1, 2, 3, 7, 31, 63, 64 };
	size_t k = groups[_i], p[COLS];
	for (size_t j = 0; j < COLS; j++)
		p[j] = (j * 29 + 5) % COLS % k; /* 29 is coprime to 64 */
	build(p, COLS, 3 + _i);
	/* when counted, then there are k */
	ck_assert_uint_eq(count(ROWS, COLS), k);
}
END_TEST

START_TEST(extreme_magnitudes)
{
	/* given 5 groups scaled to near overflow or into subnormals */
	double scale[] = { 1e307, -1e307, 1e-300, 1e-315 };
	size_t p[COLS];
	for (size_t j = 0; j < COLS; j++)
		p[j] = (j * 29 + 5) % COLS % 5;
	for (size_t s = 0; s < TU_LEN(scale); s++) {
		build(p, COLS, 17);
		for (size_t i = 0; i < ROWS * COLS; i++)
			a[i] *= scale[s];
		/* then still 5 */
		ck_assert_msg(count(ROWS, COLS) == 5, "scale %g: %zu", scale[s],
		              count(ROWS, COLS));
	}
}
END_TEST

START_TEST(all_equal_and_all_zero)
{
	/* given every column equal (a constant, or zero), then 1 */
	for (size_t i = 0; i < ROWS * COLS; i++)
		a[i] = 0.25;
	ck_assert_uint_eq(count(ROWS, COLS), 1);
	memset(a, 0, sizeof a);
	ck_assert_uint_eq(count(ROWS, COLS), 1);
}
END_TEST

/* Scale column 5 (relative change rel) of an 8-group matrix; want k groups. */
static const struct {
	double rel;
	size_t want;
} nearness[] = {
	{ 1e-15, 8 }, /* BLAS rounding: still equal to its group */
	{ 1e-12, 8 },
	{ 1e-3, 9 },  /* a real difference: a new group */
	{ 1e-6, 9 },
};

START_TEST(rounding_is_equal_real_differences_are_not)
{
	/* given 8 groups, then column 5 moved by a relative amount */
	size_t p[COLS];
	for (size_t j = 0; j < COLS; j++)
		p[j] = j % 8;
	build(p, COLS, 21);
	for (size_t i = 0; i < ROWS; i++)
		a[i * COLS + 5] *= 1 + nearness[_i].rel;
	/* when counted, then rounding-sized moves merge, others do not */
	ck_assert_uint_eq(count(ROWS, COLS), nearness[_i].want);
}
END_TEST

START_TEST(nan_and_inf_columns)
{
	/* given columns of NaN, +Inf, and ordinary ones, interleaved */
	size_t p[COLS];
	for (size_t j = 0; j < COLS; j++)
		p[j] = j % 4;
	build(p, COLS, 8);
	for (size_t i = 0; i < ROWS; i++) {
		a[i * COLS + 0] = a[i * COLS + 10] = a[i * COLS + 40] = NAN;
		a[i * COLS + 1] = a[i * COLS + 33] = INFINITY;
	}
	/* then NaN equals NaN, Inf equals Inf: groups 0-3 plus those two */
	ck_assert_uint_eq(count(ROWS, COLS), 6);
}
END_TEST

START_TEST(nan_next_to_values_equal_to_its_tag)
{
	/* given one row: NaN, 0.5, NaN, 1, Inf, 1 (values that a key tagging
	 * NaN or Inf as a number could confuse), then 4 distinct */
	const double row[] = { NAN, 0.5, NAN, 1, INFINITY, 1 };
	memcpy(a, row, sizeof row);
	ck_assert_uint_eq(count(1, 6), 4);
	/* and sigmoid of zero init with one NaN unit: 0.5 and NaN */
	const double two[] = { 0.5, NAN, 0.5, 0.5, NAN, 0.5 };
	memcpy(a, two, sizeof two);
	ck_assert_uint_eq(count(2, 3), 2);
}
END_TEST

START_TEST(small_shapes)
{
	/* given 1 x 1, one column, one row, no rows, no columns */
	a[0] = 3;
	ck_assert_uint_eq(count(1, 1), 1);
	ck_assert_uint_eq(count(ROWS, 1), 1);
	const double row[] = { 1, 2, 1, 3, 2 };
	memcpy(a, row, sizeof row);
	ck_assert_uint_eq(count(1, 5), 3);
	ck_assert_uint_eq(count(0, 5), 1); /* empty columns are all equal */
	ck_assert_uint_eq(count(ROWS, 0), 0);
}
END_TEST

START_TEST(sums_cut_in_parts_count_the_same)
{
	/* given a matrix big enough for its keys to be summed in parts:
	 * 300 columns copied from k prototypes, one column of NaNs in the
	 * second case */
	enum { R = 1000, C = 300 };
	static const size_t groups[] = {1, 17, 150, 300};
	size_t k = groups[_i % 4];
	bool nan = _i >= 4;
	double *m = malloc(R * C * sizeof *m), *base = malloc(R * C * sizeof *m);
	void *w = malloc(IV_DISTINCT_WORK(C));
	gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
	ck_assert(m && base && w && r);
	gsl_rng_set(r, 5 + _i);
	for (size_t i = 0; i < R * C; i++)
		base[i] = gsl_ran_gaussian(r, 1.0);
	for (size_t i = 0; i < R; i++)
		for (size_t j = 0; j < C; j++)
			m[i * C + j] = base[i * C + (j * 7 + 3) % C % k];
	if (nan)
		for (size_t i = 0; i < R; i++)
			m[i * C + 11] = NAN;
	/* column 11 apart, unless its prototype was its own already */
	size_t want = k + (nan && k < C);
	ck_assert_uint_gt(iv_distinct_parts(R, C), 1);
	/* when counted by the public call, on a pool, and on one thread */
	double amax = 0;
	for (size_t i = 0; i < R * C; i++)
		if (isfinite(m[i]))
			amax = fmax(amax, fabs(m[i]));
	iv_pool *pool = iv_pool_alloc();
	ck_assert(pool);
	size_t all = iv_distinct_columns(m, R, C, w);
	size_t on = iv_distinct_columns_on(pool, m, R, C, amax, !nan, w);
	unsigned old = iv_threads_limit(1);
	size_t one = iv_distinct_columns_on(pool, m, R, C, amax, !nan, w);
	iv_threads_limit(old);
	/* then each finds the groups */
	ck_assert_uint_eq(all, want);
	ck_assert_uint_eq(on, want);
	ck_assert_uint_eq(one, want);
	iv_pool_free(pool);
	gsl_rng_free(r);
	free(m);
	free(base);
	free(w);
}
END_TEST

Suite *suite(void)
{
	Suite *s = tu_suite("distinct");
	TCase *tc = tcase_create("distinct");
	tcase_add_loop_test(tc, groups_of_duplicates, 0, 7);
	tcase_add_test(tc, all_equal_and_all_zero);
	tcase_add_test(tc, extreme_magnitudes);
	tcase_add_loop_test(tc, rounding_is_equal_real_differences_are_not, 0,
	                    TU_LEN(nearness));
	tcase_add_test(tc, nan_and_inf_columns);
	tcase_add_test(tc, nan_next_to_values_equal_to_its_tag);
	tcase_add_test(tc, small_shapes);
	tcase_add_loop_test(tc, sums_cut_in_parts_count_the_same, 0, 8);
	suite_add_tcase(s, tc);
	return s;
}
