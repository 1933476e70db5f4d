/* SPDX-License-Identifier: MIT */
/* The figure's axes: log ranges in whole decades, nice linear ticks. */
#include <check.h>
#include <math.h>
#include <stdlib.h>
#include "figure/figure.h"
#include "check_main.h"

START_TEST(log_ranges_are_whole_decades_around_the_values)
{
	double lo, hi;
	double a[] = { 0.03, NAN, 0, -1, 4.5, INFINITY };
	iv_figure_log_range(a, 6, &lo, &hi); /* NaN, 0, <0, Inf ignored */
	ck_assert_double_eq_tol(lo, 0.01, 1e-15);
	ck_assert_double_eq_tol(hi, 10, 1e-12);
	double b[] = { 1, 1 };
	iv_figure_log_range(b, 2, &lo, &hi); /* one power of ten: a decade */
	ck_assert_double_eq(lo, 1);
	ck_assert_double_eq(hi, 10);
	double c[] = { 0.2, 0.5 };
	iv_figure_log_range(c, 2, &lo, &hi);
	ck_assert_double_eq_tol(lo, 0.1, 1e-15);
	ck_assert_double_eq_tol(hi, 1, 1e-15);
	iv_figure_log_range(a + 1, 3, &lo, &hi); /* nothing to place */
	ck_assert(lo == 0.1 && hi == 10);
}
END_TEST

struct ticks {
	double lo, hi;
	size_t max, n;
	double first, step;
};

static const struct ticks cases[] = {
	{ 1, 3, 3, 3, 1, 1 },      { 1, 10, 10, 10, 1, 1 },
	{ 1, 100, 10, 10, 10, 10 }, { 1, 120, 10, 6, 20, 20 },
	{ 0, 1, 5, 3, 0, 0.5 },    { 1, 1000, 8, 5, 200, 200 },
	{ 4, 4, 10, 1, 4, 0 },
};

START_TEST(ticks_are_one_two_or_five_times_a_power_of_ten)
{
	const struct ticks *c = &cases[_i];
	double t[16];
	size_t n = iv_figure_ticks(c->lo, c->hi, c->max, t);
	ck_assert_uint_eq(n, c->n);
	for (size_t i = 0; i < n; i++) {
		ck_assert_double_eq_tol(t[i], c->first + (double)i * c->step,
		                        1e-9);
		ck_assert(t[i] >= c->lo - 1e-9 && t[i] <= c->hi + 1e-9);
	}
	ck_assert_uint_eq(iv_figure_ticks(2, 1, 5, t), 0);
	ck_assert_uint_eq(iv_figure_ticks(NAN, 1, 5, t), 0);
}
END_TEST

Suite *suite(void)
{
	Suite *s = suite_create("figure");
	TCase *tc = tcase_create("axes");
	tcase_add_test(tc, log_ranges_are_whole_decades_around_the_values);
	tcase_add_loop_test(tc, ticks_are_one_two_or_five_times_a_power_of_ten,
	                    0, sizeof cases / sizeof cases[0]);
	suite_add_tcase(s, tc);
	return s;
}
