/* SPDX-License-Identifier: MIT */
/* --sweep specs: lists and ranges expand to the documented values, the
 * grid is the product of the axes, and every bad spec is refused with a
 * message naming what is wrong. */
#include <check.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <initviz/net.h>
#include "cli/opts.h"
#include "cli/scaling.h"
#include "cli/sweep.h"
#include "cli/sweep_run.h"
#include "check_main.h"

#define LEN(a) (sizeof(a) / sizeof((a)[0]))

/* Parse "initviz --report" + the given args. */
static int parse(cli_opts *o, char *err, size_t len, const char *a,
                 const char *b, const char *c)
{
	char *argv[] = { (char *)"initviz", (char *)"--report", (char *)a,
	                 (char *)b, (char *)c, NULL };
	int argc = 2 + (a != NULL) + (b != NULL) + (c != NULL);
	return cli_parse(argc, argv, o, err, len);
}

struct good {
	const char *spec;
	const char *values; /* the axis's texts, space separated */
};

static const struct good good[] = {
	{ "width:64..2048*2", "64 128 256 512 1024 2048" },
	{ "width:64..1000*2", "64 128 256 512" },
	{ "width:100,10,1000", "100 10 1000" },
	{ "width:064", "64" },
	{ "depth:2..10+4", "2 6 10" },
	{ "depth:1..3*1.2", "1 2 3" }, /* 1 1.2 1.44 1.73 2.07 2.49 2.99 */
	/* docs/report.md's own examples of the two ranges and the rounding */
	{ "depth:2..20+2", "2 4 6 8 10 12 14 16 18 20" },
	{ "width:1..4*1.1", "1 2 3 4" },
	{ "std:0.01..0.16*2", "0.01 0.02 0.04 0.08 0.16" },
	{ "bias-std:0..0.3+0.1", "0 0.1 0.2 0.3" },
	{ "gain:0.5,1e0,2.50", "0.5 1 2.5" },
	{ "batch:8..8*2", "8" },
	{ "std:1e-3..1e+1*10", "0.001 0.01 0.1 1 10" },
	/* TO/FROM and FACTOR^k past a double's range, the values within */
	{ "std:1e-300..1e300*1e300", "1e-300 1 1e+300" },
	{ "std:1e-160..1e160*1e80", "1e-160 1e-80 1 1e+80 1e+160" },
};

START_TEST(specs_expand_to_their_values)
{
	cli_opts o;
	char err[512], got[1024] = "";
	char arg[128];
	snprintf(arg, sizeof arg, "--sweep=%s", good[_i].spec);
	ck_assert_msg(parse(&o, err, sizeof err, arg, NULL, NULL) == 0,
	              "%s: %s", good[_i].spec, err);
	ck_assert(o.report);
	ck_assert_uint_eq(o.sweep.naxes, 1);
	const cli_sweep_axis *a = &o.sweep.axis[0];
	for (size_t i = 0; i < a->n; i++) {
		strcat(got, i ? " " : "");
		strcat(got, a->text[i]);
		ck_assert_double_eq(a->v[i], strtod(a->text[i], NULL));
	}
	ck_assert_str_eq(got, good[_i].values);
}
END_TEST

struct bad {
	const char *spec;
	const char *needle;
};

static const struct bad bad[] = {
	{ "width", "--sweep must be KNOB:V1,V2,..., KNOB:FROM..TO*FACTOR or "
	           "KNOB:FROM..TO+STEP, KNOB one of width," },
	{ "frob:1,2", "unknown knob \"frob\" (knobs: width, depth, batch, std, "
	              "gain, bias-std, res-scale)" },
	{ "width:", "no values after the colon" },
	{ "width:64,,128", "an empty value" },
	{ "width:64,", "an empty value" },
	{ "width:0,64", "--width must be an integer from 1 to 65536 (got \"0\")" },
	{ "width:64..140000*2", "--width must be an integer from 1 to 65536" },
	{ "width:64.5", "--width must be an integer" },
	{ "std:-1,1", "--std must be a number from 0" },
	{ "depth:0..4+1", "--depth must be an integer from 1" },
	{ "width:64..2048*0", "FACTOR must be above 1" },
	{ "width:64..2048*-2", "FACTOR must be above 1" },
	{ "width:64..2048*1", "FACTOR must be above 1" },
	{ "width:64..2048+0", "STEP must be above 0" },
	{ "width:2048..64*2", "FROM must not be above TO" },
	{ "std:0..1*2", "FROM of FROM..TO*FACTOR must be above 0" },
	{ "width:1..65536*1.01", "values; at most 64 per knob" },
	{ "depth:1..1000+1", "gives 1000 values; at most 64" },
	/* a count of hundreds of digits, or inf, is not printed as such */
	{ "depth:1..3+1e-300", "\"1..3+1e-300\" gives over a billion values;" },
	{ "std:0..1e300+1e-300", "gives over a billion values; at most" },
	{ "std:1e-300..1e300*1.0000001", "gives over a billion values;" },
	{ "width:64..x*2", "a range is FROM..TO*FACTOR or FROM..TO+STEP" },
	{ "width:64..128", "a range is FROM..TO*FACTOR" },
	{ "std:nan,1", "--std must be" },
	{ "gain:inf", "--gain must be" },
	{ "width:64,64", "the value 64 is given twice" },
	{ "width:8,8", "the value 8 is given twice" }, /* docs/report.md's */
	{ "std:0.5,0.50", "the value 0.5 is given twice" },
	/* what the user typed is quoted escaped, never as control bytes */
	{ "fr\x1b]2;x\aob:1", "unknown knob \"fr^[]2;x^Gob\"" },
	{ "width:\x1b[2J", "\"^[[2J\"" },
	{ "width:64,,\x9b" "1", "list \"64,,\\x9b" "1\"" },
};

START_TEST(bad_specs_are_refused)
{
	cli_opts o;
	char err[512], arg[128];
	snprintf(arg, sizeof arg, "--sweep=%s", bad[_i].spec);
	ck_assert_int_eq(parse(&o, err, sizeof err, arg, NULL, NULL), 2);
	ck_assert_msg(strstr(err, bad[_i].needle) != NULL,
	              "%s: message \"%s\" lacks \"%s\"", bad[_i].spec, err,
	              bad[_i].needle);
	ck_assert_msg(strncmp(err, "--sweep", 7) == 0, "%s", err);
	ck_assert(!strchr(err, '\n'));
	for (const char *c = err; *c; c++)
		ck_assert_msg((unsigned char)*c >= 0x20 && *c != 0x7f,
		              "%s: a control byte in \"%s\"", bad[_i].spec, err);
}
END_TEST

START_TEST(a_grid_varies_the_last_knob_fastest)
{
	/* given two knobs, then the product, in nested-loop order */
	cli_opts o;
	iv_config c;
	char err[512], label[128];
	size_t idx[CLI_SWEEP_AXES];
	ck_assert_int_eq(parse(&o, err, sizeof err, "--sweep=width:8,16,32",
	                       "--sweep=std:0.1,0.2", "--init=normal"), 0);
	ck_assert_uint_eq(cli_sweep_count(&o.sweep), 6);
	ck_assert_int_eq(
		cli_sweep_usable(&o.sweep, &o.cfg, err, sizeof err), 0);
	for (size_t i = 0; i < 6; i++) {
		ck_assert_int_eq(cli_sweep_config(&o.sweep, i, &o.cfg, &c, idx,
		                                  err, sizeof err),
		                 0);
		ck_assert_uint_eq(c.width, 8u << (i / 2));
		ck_assert_double_eq(c.std, i % 2 ? 0.2 : 0.1);
		ck_assert_uint_eq(idx[0], i / 2);
		ck_assert_uint_eq(idx[1], i % 2);
		ck_assert(c.init == IV_INIT_NORMAL && c.depth == 10);
	}
	cli_sweep_label(&o.sweep, 3, label, sizeof label);
	ck_assert_str_eq(label, "width=16 std=0.2");
	ck_assert_ptr_eq(cli_sweep_find(&o.sweep, "std"), &o.sweep.axis[1]);
	ck_assert_ptr_null(cli_sweep_find(&o.sweep, "depth"));
}
END_TEST

START_TEST(grids_and_knobs_are_bounded)
{
	cli_opts o;
	char err[512];
	/* 64 x 8 = 512 configurations */
	ck_assert_int_eq(parse(&o, err, sizeof err, "--sweep=depth:1..64+1",
	                       "--sweep=batch:1..128*2", NULL), 2);
	ck_assert_msg(strstr(err, "the grid has 512 configurations; at most "
	                          "256"), "%s", err);
	ck_assert_int_eq(parse(&o, err, sizeof err, "--sweep=depth:1,2",
	                       "--sweep=depth:3", NULL), 2);
	ck_assert_msg(strstr(err, "--sweep=depth is given twice"), "%s", err);
	/* no sweep: one configuration */
	ck_assert_int_eq(parse(&o, err, sizeof err, NULL, NULL, NULL), 0);
	ck_assert_uint_eq(cli_sweep_count(&o.sweep), 1);
	ck_assert_uint_eq(o.sweep.naxes, 0);
}
END_TEST

START_TEST(knobs_that_do_nothing_are_refused)
{
	cli_opts o;
	char err[512];
	ck_assert_int_eq(parse(&o, err, sizeof err, "--sweep=std:0.1,0.2",
	                       "--init=he-normal", NULL), 0);
	ck_assert_int_eq(
		cli_sweep_usable(&o.sweep, &o.cfg, err, sizeof err), 2);
	ck_assert_msg(strstr(err, "--sweep=std does nothing with "
	                          "--init=he-normal"), "%s", err);
	ck_assert_int_eq(parse(&o, err, sizeof err, "--sweep=gain:1,2",
	                       "--init=normal", NULL), 0);
	ck_assert_int_eq(
		cli_sweep_usable(&o.sweep, &o.cfg, err, sizeof err), 2);
	ck_assert_msg(strstr(err, "--sweep=gain does nothing"), "%s", err);
	/* a preset draws its own biases: bias noise does nothing */
	ck_assert_int_eq(parse(&o, err, sizeof err, "--sweep=bias-std:0,1",
	                       "--init=torch-linear", NULL), 0);
	ck_assert_int_eq(
		cli_sweep_usable(&o.sweep, &o.cfg, err, sizeof err), 2);
	ck_assert_msg(strstr(err, "--sweep=bias-std does nothing with "
	                          "--init=torch-linear"), "%s", err);
	ck_assert_int_eq(parse(&o, err, sizeof err, "--sweep=bias-std:0,1",
	                       "--init=he-normal", NULL), 0);
	ck_assert_int_eq(
		cli_sweep_usable(&o.sweep, &o.cfg, err, sizeof err), 0);
	ck_assert_int_eq(parse(&o, err, sizeof err, "--sweep=width:4,8",
	                       "--widths=3,4,5", NULL), 0);
	ck_assert_int_eq(
		cli_sweep_usable(&o.sweep, &o.cfg, err, sizeof err), 2);
	ck_assert_msg(strstr(err, "--sweep=width conflicts with --widths"),
	              "%s", err);
	/* batch with --widths is fine */
	ck_assert_int_eq(parse(&o, err, sizeof err, "--sweep=batch:4,8",
	                       "--widths=3,4,5", NULL), 0);
	ck_assert_int_eq(
		cli_sweep_usable(&o.sweep, &o.cfg, err, sizeof err), 0);
}
END_TEST

/* --- slopes -------------------------------------------------------- */

struct power {
	double c, a;          /* y = c width^a */
	cli_verdict verdict;
};

static const struct power powers[] = {
	{ 3, 0.7, CLI_VERDICT_GROWING },
	{ 0.2, -0.3, CLI_VERDICT_SHRINKING },
	{ 1.5, 0, CLI_VERDICT_FLAT },       { 1, 0.25, CLI_VERDICT_FLAT },
	{ 1, -0.25, CLI_VERDICT_FLAT },     { 1, 0.2501, CLI_VERDICT_GROWING },
	{ 2, 1.5, CLI_VERDICT_GROWING },
};

START_TEST(an_exact_power_law_has_its_exponent)
{
	/* given y = c w^a at 5 widths, then slope a, no error, a's verdict */
	const struct power *p = &powers[_i];
	double w[] = { 64, 128, 256, 512, 1024 }, y[5];
	cli_slope s;
	for (int i = 0; i < 5; i++)
		y[i] = p->c * pow(w[i], p->a);
	cli_slope_fit(w, y, 5, &s);
	ck_assert_uint_eq(s.n, 5);
	ck_assert_msg(fabs(s.slope - p->a) < 1e-12, "%.17g vs %g", s.slope,
	              p->a);
	ck_assert(s.se < 1e-12 && s.lo <= s.slope && s.slope <= s.hi);
	ck_assert_int_eq(s.verdict, p->verdict);
	/* and an interval of width ~0 gives the verdict too, but at the
	 * limit itself, where rounding may put it on either side */
	if (fabs(fabs(p->a) - 0.25) > 1e-3)
		ck_assert_int_eq(s.settled, 1);
	ck_assert_ptr_null(s.why);
}
END_TEST

START_TEST(a_noisy_fit_is_ordinary_least_squares)
{
	/* closed forms: b = Sxy / Sxx, se^2 = RSS / (n - 2) / Sxx, and the
	 * interval b +- t(0.975, 2) se with t = 4.302652729911275 */
	double w[] = { 10, 20, 40, 80 }, y[] = { 1.0, 1.3, 1.2, 1.9 };
	double x[4], ly[4], mx = 0, my = 0, sxx = 0, sxy = 0, rss = 0;
	cli_slope s;
	for (int i = 0; i < 4; i++) {
		x[i] = log(w[i]);
		ly[i] = log(y[i]);
		mx += x[i] / 4;
		my += ly[i] / 4;
	}
	for (int i = 0; i < 4; i++) {
		sxx += (x[i] - mx) * (x[i] - mx);
		sxy += (x[i] - mx) * (ly[i] - my);
	}
	double b = sxy / sxx;
	for (int i = 0; i < 4; i++) {
		double e = ly[i] - my - b * (x[i] - mx);
		rss += e * e;
	}
	double se = sqrt(rss / 2 / sxx), t = 4.302652729911275;
	cli_slope_fit(w, y, 4, &s);
	ck_assert_double_eq_tol(s.slope, b, 1e-13);
	ck_assert_double_eq_tol(s.se, se, 1e-13);
	ck_assert_double_eq_tol(s.lo, b - t * se, 1e-9);
	ck_assert_double_eq_tol(s.hi, b + t * se, 1e-9);
	ck_assert_int_eq(s.verdict, b > 0.25 ? CLI_VERDICT_GROWING
	                                     : CLI_VERDICT_FLAT);
	/* b = 0.27, interval [-0.17, 0.70]: the point says growing, the
	 * interval crosses 0.25 both ways */
	double lo = b - t * se, hi = b + t * se;
	ck_assert(lo < 0.25 && hi > 0.25);
	ck_assert_int_eq(s.settled, 0);
	/* and with less noise the whole interval is above the limit */
	double y2[] = { 1.0, 1.3, 1.75, 2.3 };
	cli_slope_fit(w, y2, 4, &s);
	ck_assert_int_eq(s.verdict, CLI_VERDICT_GROWING);
	ck_assert(s.lo > 0.25);
	ck_assert_int_eq(s.settled, 1);
}
END_TEST

START_TEST(slopes_without_enough_data_say_why)
{
	double w[] = { 16, 32, 64 }, y[] = { 1, 2, 4 }, zero[] = { 1, 0, 4 };
	double inf[] = { 1, INFINITY, 4 }, same[] = { 16, 16, 16 };
	cli_slope s;
	cli_slope_fit(w, y, 2, &s); /* two widths: exact, no error */
	ck_assert_double_eq_tol(s.slope, 1, 1e-14);
	ck_assert(isnan(s.se) && isnan(s.lo) && isnan(s.hi));
	ck_assert_int_eq(s.verdict, CLI_VERDICT_GROWING);
	ck_assert_int_eq(s.settled, -1); /* no interval to judge */
	cli_slope_fit(w, zero, 3, &s);
	ck_assert_int_eq(s.verdict, CLI_VERDICT_UNDEFINED);
	ck_assert_int_eq(s.settled, -1);
	ck_assert(isnan(s.slope) && strstr(s.why, "zero or not finite"));
	cli_slope_fit(w, inf, 3, &s);
	ck_assert_int_eq(s.verdict, CLI_VERDICT_UNDEFINED);
	cli_slope_fit(same, y, 3, &s);
	ck_assert_int_eq(s.verdict, CLI_VERDICT_UNDEFINED);
	ck_assert(strstr(s.why, "fewer than 2 widths"));
	cli_slope_fit(w, y, 1, &s);
	ck_assert_int_eq(s.verdict, CLI_VERDICT_UNDEFINED);
	ck_assert_str_eq(cli_verdict_name(CLI_VERDICT_FLAT), "flat");
	ck_assert_ptr_null(cli_verdict_name(CLI_VERDICT_COUNT));
}
END_TEST

/* Jobs by default: the idle processors as far as the work divides. */
START_TEST(default_jobs_follow_the_work)
{
	cli_opts o;
	cli_sweep_run r;
	char err[512];
	/* one network of 2048 holds 3/4 of the work of 64..2048*2: one job */
	ck_assert_int_eq(parse(&o, err, sizeof err, "--sweep=width:64..2048*2",
	                       NULL, NULL), 0);
	ck_assert_int_eq(cli_sweep_run_init(&r, &o, err, sizeof err), 0);
	ck_assert_uint_eq(cli_sweep_jobs(&r, 8), 1);
	cli_sweep_run_done(&r);
	/* four of one shape: as many jobs as idle processors, up to four */
	ck_assert_int_eq(parse(&o, err, sizeof err, "--sweep=gain:1,2,3,4",
	                       NULL, NULL), 0);
	ck_assert_int_eq(cli_sweep_run_init(&r, &o, err, sizeof err), 0);
	ck_assert_uint_eq(cli_sweep_jobs(&r, 8), 4);
	ck_assert_uint_eq(cli_sweep_jobs(&r, 2), 2);
	ck_assert_uint_eq(cli_sweep_jobs(&r, 0), 1);
	cli_sweep_run_done(&r);
	/* 64 and 128 twice each: the 128s are 4/10 of the work, 2 jobs */
	ck_assert_int_eq(parse(&o, err, sizeof err, "--sweep=width:64,128",
	                       "--sweep=gain:1,2", NULL), 0);
	ck_assert_int_eq(cli_sweep_run_init(&r, &o, err, sizeof err), 0);
	ck_assert_uint_eq(cli_sweep_jobs(&r, 8), 2);
	cli_sweep_run_done(&r);
}
END_TEST

Suite *suite(void)
{
	Suite *s = suite_create("sweep");
	TCase *tc = tcase_create("specs");
	tcase_add_loop_test(tc, specs_expand_to_their_values, 0, LEN(good));
	tcase_add_loop_test(tc, bad_specs_are_refused, 0, LEN(bad));
	tcase_add_test(tc, a_grid_varies_the_last_knob_fastest);
	tcase_add_test(tc, grids_and_knobs_are_bounded);
	tcase_add_test(tc, knobs_that_do_nothing_are_refused);
	suite_add_tcase(s, tc);
	TCase *fit = tcase_create("slopes");
	tcase_add_loop_test(fit, an_exact_power_law_has_its_exponent, 0,
	                    LEN(powers));
	tcase_add_test(fit, a_noisy_fit_is_ordinary_least_squares);
	tcase_add_test(fit, slopes_without_enough_data_say_why);
	tcase_add_test(fit, default_jobs_follow_the_work);
	suite_add_tcase(s, fit);
	return s;
}
