/* SPDX-License-Identifier: MIT */
/* Report helpers: which layers the table shows, sparkline levels, number
 * text, format names, and a writer that meets a full disk. */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/progress.h"
#include "cli/report.h"
#include "check_main.h"

#define LEN(a) (sizeof(a) / sizeof((a)[0]))

static const size_t depths[] = { 1, 2, 39, 40, 41, 50, 79, 100, 999, 1000,
                                 10000 };

START_TEST(table_rows_sample_evenly)
{
	/* given a depth, then min(depth, 40) rows, first 1, last depth,
	 * increasing, gaps within 1 of each other */
	size_t depth = depths[_i], rows[CLI_TABLE_ROWS];
	size_t n = cli_table_rows(depth, CLI_TABLE_ROWS, rows);
	size_t want = depth < CLI_TABLE_ROWS ? depth : CLI_TABLE_ROWS;
	size_t gmin = (size_t)-1, gmax = 0;
	ck_assert_uint_eq(n, want);
	ck_assert_uint_eq(rows[0], 1);
	ck_assert_uint_eq(rows[n - 1], depth);
	for (size_t i = 1; i < n; i++) {
		size_t gap = rows[i] - rows[i - 1];
		ck_assert_msg(rows[i] > rows[i - 1], "depth %zu: not increasing",
		              depth);
		gmin = gap < gmin ? gap : gmin;
		gmax = gap > gmax ? gap : gmax;
	}
	if (n > 1)
		ck_assert_msg(gmax - gmin <= 1, "depth %zu: gaps %zu..%zu", depth,
		              gmin, gmax);
}
END_TEST

START_TEST(spark_levels_follow_log_std)
{
	/* a decade per value over 8 decades: levels 0..7 in order */
	double v[8], lo, hi;
	int lv[8];
	for (int i = 0; i < 8; i++)
		v[i] = pow(10, -i);
	cli_spark_levels(v, 8, lv, &lo, &hi);
	for (int i = 0; i < 8; i++)
		ck_assert_int_eq(lv[i], 7 - i);
	ck_assert(fabs(lo - 1e-7) < 1e-20 && fabs(hi - 1) < 1e-12);
}
END_TEST

START_TEST(spark_flat_is_mid_height)
{
	/* nearly equal values stay in the middle: the scale spans at least a
	 * decade, so noise does not draw a staircase */
	double v[] = { 0.63, 0.62, 0.61, 0.60 }, lo, hi;
	int lv[4];
	cli_spark_levels(v, 4, lv, &lo, &hi);
	for (int i = 0; i < 4; i++)
		ck_assert(lv[i] == 3 || lv[i] == 4);
	ck_assert(fabs(log10(hi / lo) - 1) < 1e-12);
	/* a 2x change is visible but small: at most 3 levels apart */
	double w[] = { 1, 2 };
	cli_spark_levels(w, 2, lv, &lo, &hi);
	ck_assert(lv[1] > lv[0] && lv[1] - lv[0] <= 3);
}
END_TEST

START_TEST(spark_marks_zero_and_bad)
{
	double v[] = { 0, NAN, INFINITY, -1, 1 }, lo, hi;
	int lv[5];
	cli_spark_levels(v, 5, lv, &lo, &hi);
	ck_assert_int_eq(lv[0], CLI_SPARK_ZERO);
	ck_assert_int_eq(lv[1], CLI_SPARK_BAD);
	ck_assert_int_eq(lv[2], CLI_SPARK_BAD);
	ck_assert_int_eq(lv[3], CLI_SPARK_BAD);
	ck_assert(lv[4] >= 3 && lv[4] <= 4);
	double z[] = { 0, 0 };
	cli_spark_levels(z, 2, lv, &lo, &hi);
	ck_assert(isnan(lo) && isnan(hi));
}
END_TEST

static const double numbers[] = { 0.1, 0.01, 1.0 / 3, -2.5, 1e-300, 5e-324,
                                  1.7976931348623157e308, 123456789.0,
                                  0.30000000000000004, -0.0 };

START_TEST(numbers_round_trip)
{
	/* given a finite double, then text that reads back exactly, in at
	 * most 17 significant digits */
	char buf[32];
	double v = numbers[_i];
	ck_assert(cli_report_number(v, buf, sizeof buf));
	ck_assert_msg(strtod(buf, NULL) == v, "%s", buf);
	ck_assert(strlen(buf) <= 24);
}
END_TEST

START_TEST(numbers_shortest_and_nonfinite)
{
	char buf[32];
	cli_report_number(0.1, buf, sizeof buf);
	ck_assert_str_eq(buf, "0.1");
	cli_report_number(0.01, buf, sizeof buf);
	ck_assert_str_eq(buf, "0.01");
	cli_report_number(40, buf, sizeof buf);
	ck_assert_str_eq(buf, "40");
	/* subnormals too: fewer than 15 digits can be needed and enough */
	cli_report_number(1e-320, buf, sizeof buf);
	ck_assert_str_eq(buf, "1e-320");
	cli_report_number(-5e-324, buf, sizeof buf);
	ck_assert_str_eq(buf, "-5e-324");
	ck_assert(!cli_report_number(NAN, buf, sizeof buf));
	ck_assert_str_eq(buf, "");
	ck_assert(!cli_report_number(-INFINITY, buf, sizeof buf));
}
END_TEST

START_TEST(format_names)
{
	cli_format f;
	for (int i = 0; i < CLI_FORMAT_COUNT; i++) {
		ck_assert(cli_format_parse(cli_format_name((cli_format)i), &f));
		ck_assert_int_eq(f, i);
	}
	ck_assert(!cli_format_parse("JSON", &f));
	ck_assert(!cli_format_parse(NULL, &f));
	ck_assert_ptr_null(cli_format_name(CLI_FORMAT_COUNT));
	ck_assert(!cli_report_utf8(true)); /* --ascii always wins */
}
END_TEST

START_TEST(full_disk_is_an_error)
{
	/* given /dev/full, when a report bigger than the stdio buffer is
	 * written, then -1 */
	iv_config cfg;
	iv_status st;
	FILE *f = fopen("/dev/full", "w");
	if (!f)
		return; /* no /dev/full here: nothing to test */
	iv_config_defaults(&cfg);
	cfg.depth = 3;
	cfg.width = 16;
	cfg.batch = 8;
	iv_net *net = iv_net_alloc(&cfg, &st);
	ck_assert_ptr_nonnull(net);
	ck_assert_int_eq(iv_net_run(net), IV_OK);
	for (int fmt = 0; fmt < CLI_FORMAT_COUNT; fmt++) {
		int rc = 0;
		for (int k = 0; k < 20 && rc == 0; k++) /* pass the buffer */
			rc = cli_report_write(f, net, (cli_format)fmt, false,
			                      NULL);
		ck_assert_int_eq(rc, -1);
		clearerr(f);
	}
	fclose(f);
	iv_net_free(net);
}
END_TEST

/* training_activation_change is the rms of h_after - h_before: given a
 * linear network of depth 100 whose training (20 steps at 0.05, as
 * --train-steps=20 --activation=linear --depth=100 --width=32) changes
 * layers 4 to 6 by some 1e197 to 1e295 (finite: the squares overflow, the
 * rms does not), the change is that
 * finite number, as an independent sum in long double (x87: 64 bits of
 * mantissa and exponents to 1e4932) gives it. */
START_TEST(activation_change_of_huge_activations_is_finite)
{
	iv_config cfg;
	iv_status st;
	iv_config_defaults(&cfg);
	cfg.act = IV_ACT_LINEAR;
	cfg.depth = 100;
	cfg.width = 32;
	iv_net *net = iv_net_alloc(&cfg, &st);
	ck_assert_ptr_nonnull(net);
	ck_assert_int_eq(iv_net_run(net), IV_OK);
	size_t r, c, L = cfg.depth;
	double *h0[101];
	for (size_t l = 1; l <= L; l++) {
		const double *h = iv_net_data(net, l, IV_Q_ACT, &r, &c);
		ck_assert_ptr_nonnull(h);
		h0[l] = malloc(r * c * sizeof *h0[l]);
		memcpy(h0[l], h, r * c * sizeof *h0[l]);
	}
	cli_analysis a;
	ck_assert_int_eq(cli_analysis_compute(&a, &net, 20, 0.05, false), IV_OK);
	size_t huge = 0;
	for (size_t l = 1; l <= L; l++) {
		const double *h = iv_net_data(net, l, IV_Q_ACT, &r, &c);
		long double ss = 0;
		bool finite = true;
		for (size_t i = 0; i < r * c; i++) {
			long double d = (long double)h[i] - h0[l][i];
			finite = finite && isfinite(h[i]);
			ss += d * d;
		}
		double want = (double)sqrtl(ss / (long double)(r * c));
		double got = a.train_change[l - 1];
		if (!finite || !isfinite(want)) {
			ck_assert_msg(isnan(got) || isinf(got), "layer %zu", l);
			continue;
		}
		huge += want > 1e160;
		ck_assert_msg(fabs(got - want) <= 1e-12 * want,
			      "layer %zu: change %.17g, want %.17g", l, got,
			      want);
		free(h0[l]);
		h0[l] = NULL;
	}
	for (size_t l = 1; l <= L; l++)
		free(h0[l]);
	ck_assert_msg(huge > 0, "no layer's change above 1e160: no test");
	cli_analysis_done(&a);
	iv_net_free(net);
}
END_TEST

START_TEST(progress_durations_read_as_people_say_them)
{
	static const struct {
		double s;
		const char *text;
	} d[] = {{0, "0 s"},		{42.4, "42 s"},
		 {59.6, "1 min 00 s"},	{185, "3 min 05 s"},
		 {3599.4, "59 min 59 s"}, {3600, "1 h 00 min"},
		 {60000, "16 h 40 min"},	{400000, "over 99 h"},
		 {-3, "0 s"},		{NAN, "0 s"}};
	char b[32];
	for (size_t i = 0; i < LEN(d); i++) {
		cli_progress_duration(b, sizeof b, d[i].s);
		ck_assert_str_eq(b, d[i].text);
	}
}
END_TEST

START_TEST(progress_line_says_what_how_far_and_how_long)
{
	/* given 1200 of 1000000 steps in 65 s, then the line names the
	 * phase, the step and the time taken, but no estimate yet (under
	 * 2%); a quarter of a phase 60 s long leaves three times that, however
	 * long the run before it; 3% 2 s into the phase, or done: no estimate */
	char b[128];
	cli_progress_text(b, sizeof b, "training", 0.0012, "step 1200 of 1000000",
			  65, 65);
	ck_assert_str_eq(b, "initviz: training, step 1200 of 1000000, "
			    "1 min 05 s");
	cli_progress_text(b, sizeof b, "computing the network", 0.25, "25%",
			  60, 60);
	ck_assert_str_eq(b, "initviz: computing the network, 25%, 1 min 00 s, "
			    "about 3 min 00 s left");
	cli_progress_text(b, sizeof b, "training", 0.25, "step 1 of 4", 80, 60);
	ck_assert_str_eq(b, "initviz: training, step 1 of 4, 1 min 20 s, "
			    "about 3 min 00 s left");
	cli_progress_text(b, sizeof b, "training", 0.03, NULL, 50, 2);
	ck_assert_str_eq(b, "initviz: training, 50 s");
	cli_progress_text(b, sizeof b, "training", 1, NULL, 2, 2);
	ck_assert_str_eq(b, "initviz: training, 2 s");
	/* a file is not a terminal: nothing is ever written to it */
	FILE *f = tmpfile();
	ck_assert_ptr_nonnull(f);
	cli_progress p;
	cli_progress_start(&p, f);
	p.t0 -= 100; /* long under way */
	cli_progress_phase(&p, "training");
	cli_progress_show(&p, 0.5, "step 1 of 2");
	cli_progress_stop(&p);
	ck_assert_int_eq(ftell(f), 0);
	fclose(f);
}
END_TEST

Suite *suite(void)
{
	Suite *s = suite_create("report");
	TCase *tc = tcase_create("helpers");
	tcase_set_timeout(tc, 30); /* networks of 1e160, on a loaded machine */
	tcase_add_loop_test(tc, table_rows_sample_evenly, 0, (int)LEN(depths));
	tcase_add_test(tc, spark_levels_follow_log_std);
	tcase_add_test(tc, spark_flat_is_mid_height);
	tcase_add_test(tc, spark_marks_zero_and_bad);
	tcase_add_loop_test(tc, numbers_round_trip, 0, (int)LEN(numbers));
	tcase_add_test(tc, numbers_shortest_and_nonfinite);
	tcase_add_test(tc, format_names);
	tcase_add_test(tc, full_disk_is_an_error);
	tcase_add_test(tc, activation_change_of_huge_activations_is_finite);
	tcase_add_test(tc, progress_durations_read_as_people_say_them);
	tcase_add_test(tc, progress_line_says_what_how_far_and_how_long);
	suite_add_tcase(s, tc);
	return s;
}
