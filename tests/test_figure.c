/* SPDX-License-Identifier: MIT */
/* The figure's axes: log ranges ending at 1, 2 or 5 times a power of ten,
 * nice linear ticks. */
#include <check.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "figure/figure.h"
#include "check_main.h"

START_TEST(log_ranges_end_at_one_two_or_five_times_a_power_of_ten)
{
	double lo, hi;
	double a[] = { 0.03, NAN, 0, -1, 4.5, INFINITY };
	iv_figure_log_range(a, 6, &lo, &hi); /* NaN, 0, <0, Inf ignored */
	ck_assert_double_eq_tol(lo, 0.02, 1e-15);
	ck_assert_double_eq_tol(hi, 5, 1e-12);
	double b[] = { 1, 1 };
	iv_figure_log_range(b, 2, &lo, &hi); /* one power of ten: a decade */
	ck_assert_double_eq(lo, 1);
	ck_assert_double_eq(hi, 10);
	double c[] = { 0.2, 0.5 };
	iv_figure_log_range(c, 2, &lo, &hi); /* within a decade: it */
	ck_assert_double_eq_tol(lo, 0.1, 1e-15);
	ck_assert_double_eq_tol(hi, 1, 1e-15);
	/* a top gradient std just past 1 takes no decade of its own */
	double d[] = { 0.213, 0.6, 1.003 };
	iv_figure_log_range(d, 3, &lo, &hi);
	ck_assert_double_eq_tol(lo, 0.2, 1e-15);
	ck_assert_double_eq_tol(hi, 2, 1e-15);
	double e[] = { 0.9, 1.1 }; /* at least a decade, ending above */
	iv_figure_log_range(e, 2, &lo, &hi);
	ck_assert_double_eq_tol(lo, 0.2, 1e-15);
	ck_assert_double_eq_tol(hi, 2, 1e-15);
	double g[] = { 2e-7, 1e3 }; /* nice values are their own ends */
	iv_figure_log_range(g, 2, &lo, &hi);
	ck_assert_double_eq_tol(lo, 2e-7, 1e-20);
	ck_assert_double_eq_tol(hi, 1e3, 1e-9);
	iv_figure_log_range(a + 1, 3, &lo, &hi); /* nothing to place */
	ck_assert(lo == 0.1 && hi == 10);
}
END_TEST

START_TEST(log_ranges_stay_inside_a_double_at_its_ends)
{
	/* given stds whose powers of ten below or above pass a double's
	 * range (subnormal, near DBL_MAX), when ranged, then both ends are
	 * positive and finite around the values, as the axis needs them */
	double lo, hi;
	double tiny[] = { 4.9406564584124654e-324, 1e-320 };
	double huge[] = { 1.5e308, 1.7e308 };
	double both[] = { 4.9406564584124654e-324, 1.7e308 };
	const double *v[] = { tiny, tiny, huge, huge, both };
	size_t n[] = { 1, 2, 1, 2, 2 };
	for (size_t i = 0; i < sizeof n / sizeof n[0]; i++) {
		iv_figure_log_range(v[i], n[i], &lo, &hi);
		ck_assert_msg(lo > 0 && isfinite(hi) && lo < hi &&
				  lo <= v[i][0] && hi >= v[i][n[i] - 1],
			      "case %zu: lo %g hi %g", i, lo, hi);
	}
}
END_TEST

/* The labels of the y axis of a figure of one profile with values v. */
static char *y_labels(const double *v, size_t n)
{
	iv_fig_series s = { .n = n, .act = v, .grad = v };
	iv_figure fig = { .title = "t", .nseries = 1, .series = &s };
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(iv_figure_svg(f, &fig), 0);
	fclose(f);
	return buf;
}

START_TEST(the_axis_labels_the_range_it_draws)
{
	/* given values from 0.213 to 1.003, when drawn, then the scale is
	 * labelled 0.2, 0.5, 1 and 2 and has no 10 and no 0.1 */
	double v[] = { 0.213, 0.4, 1.003 };
	char *svg = y_labels(v, 3);
	ck_assert_ptr_nonnull(strstr(svg, "text-anchor=\"end\">1<"));
	ck_assert_ptr_nonnull(strstr(svg, ">0.2<"));
	ck_assert_ptr_nonnull(strstr(svg, ">0.5<"));
	ck_assert_ptr_nonnull(strstr(svg, ">2<"));
	ck_assert_ptr_null(strstr(svg, ">10<"));
	ck_assert_ptr_null(strstr(svg, ">0.1<"));
	free(svg);
	/* a std of a double's least, 5e-324: labelled, in finite time */
	double t[] = { 4.9406564584124654e-324, 1e-320 };
	svg = y_labels(t, 2);
	ck_assert_ptr_nonnull(strstr(svg, "text-anchor=\"end\">1e-32"));
	free(svg);
	/* over 2e-12..5e5, 17 decades: every third power of ten from the
	 * first inside, and no 2 or 5 */
	double w[] = { 3e-12, 1, 4e5 };
	svg = y_labels(w, 3);
#define Y "text-anchor=\"end\">"
	static const char *const on[] = { Y "1e-11<", Y "1e-8<", Y "1e-5<",
					  Y "0.01<",  Y "10<",   Y "1e4<" };
	static const char *const off[] = { Y "1e-12<", Y "1e-10<", Y "1e-9<",
					   Y "1<", Y "1e5<", "fill=\"#555555\">2<" };
#undef Y
	for (size_t i = 0; i < sizeof on / sizeof on[0]; i++)
		ck_assert_msg(strstr(svg, on[i]), "no %s", on[i]);
	for (size_t i = 0; i < sizeof off / sizeof off[0]; i++)
		ck_assert_msg(!strstr(svg, off[i]), "%s", off[i]);
	free(svg);
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

START_TEST(the_title_names_what_the_network_is)
{
	/* given a residual network with layer norm, torch-linear, and a
	 * constant, when described, then the title names the blocks and
	 * the norm, and the subtitle what the weights and biases are */
	iv_config c;
	char title[256], sub[256];
	iv_config_defaults(&c);
	c.act = IV_ACT_RELU;
	c.init = IV_INIT_HE_NORMAL;
	c.depth = 20;
	c.residual = true;
	c.norm = IV_NORM_LAYER;
	iv_figure_describe(&c, title, sub, sizeof title);
	ck_assert_str_eq(title, "initviz: relu, 20 layers of 256 units, "
				"residual (alpha 1), layer norm");
	ck_assert_msg(strstr(sub, "(gain 1, fan_in), bias 0,"), "%s", sub);
	iv_config_defaults(&c);
	c.init = IV_INIT_TORCH_LINEAR;
	iv_figure_describe(&c, title, sub, sizeof title);
	ck_assert_str_eq(title, "initviz: tanh, 10 layers of 256 units");
	ck_assert_msg(strstr(sub, "init torch-linear, bias U(+-1/sqrt(fan_in)),"),
		      "%s", sub);
	c.init = IV_INIT_CONSTANT;
	c.value = 0.05;
	iv_figure_describe(&c, title, sub, sizeof title);
	ck_assert_msg(strstr(sub, "init constant (value 0.05), bias 0,"), "%s",
		      sub);
	/* one layer is "1 layer" */
	c.depth = 1;
	iv_figure_describe(&c, title, sub, sizeof title);
	ck_assert_str_eq(title, "initviz: tanh, 1 layer of 256 units");
	/* cut, never overrun */
	char small[12];
	iv_figure_describe(&c, small, sub, sizeof small);
	ck_assert_str_eq(small, "initviz: ta");
}
END_TEST

Suite *suite(void)
{
	Suite *s = suite_create("figure");
	TCase *tc = tcase_create("axes");
	tcase_add_test(tc, log_ranges_end_at_one_two_or_five_times_a_power_of_ten);
	tcase_add_test(tc, log_ranges_stay_inside_a_double_at_its_ends);
	tcase_add_test(tc, the_axis_labels_the_range_it_draws);
	tcase_add_test(tc, the_title_names_what_the_network_is);
	tcase_add_loop_test(tc, ticks_are_one_two_or_five_times_a_power_of_ten,
	                    0, sizeof cases / sizeof cases[0]);
	suite_add_tcase(s, tc);
	return s;
}
