/* SPDX-License-Identifier: MIT */
/* Numbers fitted into a few columns are whole or absent, never cut; lines
 * of fields drop whole fields, the least important first. */
#include <float.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>
#include "view_testutil.h"
#include "view/line.h"
#include "view/text.h"

#define LEN(a) (sizeof(a) / sizeof((a)[0]))

static const double extremes[] = {
    0.0,      -0.0,      1.0,      -1.0,     0.0453,    9.04e167,
    1e-150,   -1e-150,   1e-300,   -1e-300,  1e300,     -1e300,
    1.5e-300, 9.99e299,  DBL_MAX,  -DBL_MAX, DBL_MIN,   4.9e-324,
    123456,   -123456,   99999.5,  0.000999, 2.8e4,     -2.8e4,
    1.7e-5,   0.5,       12.5,     99.95,    1e100,     -9.5e-10,
    NAN,      INFINITY,  -INFINITY};

/* Whether s is one number, wholly read, that agrees with v to the digits it
 * shows (rounding to one significant digit is off by at most a third). */
static bool whole(const char *s, double v)
{
	char *end;
	if (isnan(v))
		return strcmp(s, "nan") == 0;
	if (isinf(v))
		return strcmp(s, v > 0 ? "inf" : "-inf") == 0;
	long double got = strtold(s, &end); /* 1.8e+308 is past a double */
	if (end == s || *end != '\0')
		return false;
	if (v == 0)
		return got == 0 && strcmp(s, "0") == 0;
	if (v < 0 && v > -DBL_MIN * 1e-10) /* subnormal: few digits exist */
		return got < 0;
	return got != 0 && (got > 0) == (v > 0) &&
	       fabsl(got - v) <= 0.34L * fabsl((long double)v);
}

/* The view's columns follow what the terminal draws: in a UTF-8 locale
 * 初始化 takes six cells, 🙂 two, e + U+0301 one, and wrapping keeps a wide
 * character whole; where the view draws each character outside ASCII as
 * one '?', one a character. */
START_TEST(the_views_columns_are_the_terminals_cells)
{
	char *was = strdup(setlocale(LC_CTYPE, NULL));
	const char *next;
	size_t len;
	ck_assert_ptr_nonnull(was);
	if (setlocale(LC_CTYPE, "C.UTF-8")) {
		ck_assert_int_eq(tui_text_width("初始化 🙂"), 9);
		ck_assert_int_eq(tui_text_width("cafe\xcc\x81"), 4);
		tui_text_wrap_line("初始化", 5, &len, &next);
		ck_assert_uint_eq(len, strlen("初始"));
		ck_assert_int_eq(tui_text_wrap_count("初始化决定", 4), 3);
	}
	ck_assert_ptr_nonnull(setlocale(LC_CTYPE, "C"));
	ck_assert_int_eq(tui_text_width("初始化 🙂"), 5);
	ck_assert_int_eq(tui_text_width("cafe\xcc\x81"), 5);
	tui_text_wrap_line("初始化", 5, &len, &next);
	ck_assert_uint_eq(len, strlen("初始化"));
	setlocale(LC_CTYPE, was);
	free(was);
}
END_TEST

START_TEST(fitted_numbers_are_whole_or_absent)
{
	/* given each extreme value and every width from 0 to 12, then the
	 * result fits, reads back as the same number (never a truncated
	 * one such as "1e-15" for 1e-150 or "9.04e+16" for 9.04e+167), and
	 * is absent only when even one digit does not fit */
	double v = extremes[_i];
	char buf[64], wide[64];
	bool before = false;
	tui_text_number(v, wide, sizeof wide);
	for (int w = 0; w <= 12; w++) {
		bool fits = tui_text_fit(v, w, buf, sizeof buf);
		ck_assert_int_le((int)strlen(buf), w);
		ck_assert_msg(fits || !before, "%g fits in %d, not %d", v,
			      w - 1, w); /* more room never loses it */
		before = fits;
		if (!fits) {
			ck_assert_str_eq(buf, "");
			ck_assert_msg(w < (isnan(v) ? 3 : isinf(v) ? 4 : 7),
				      "%g found no room in %d columns", v, w);
			continue;
		}
		ck_assert_msg(whole(buf, v), "%.17g in %d columns: \"%s\"", v,
			      w, buf);
		if ((int)strlen(wide) <= w) /* room: nothing is given up */
			ck_assert_str_eq(buf, wide);
	}
}
END_TEST

START_TEST(the_view_format_is_whole)
{
	/* given each extreme value, then the view's default format reads back
	 * as it and takes at most 10 columns */
	char buf[64];
	double v = extremes[_i];
	tui_text_number(v, buf, sizeof buf);
	ck_assert_msg(whole(buf, v), "%.17g: \"%s\"", v, buf);
	ck_assert_int_le((int)strlen(buf), 10);
}
END_TEST

static const struct {
	double v;
	int w;
	const char *want;
} shapes[] = {
    {1e-150, 6, "1e-150"},   {1e-150, 5, ""},         {9.04e167, 9, "9.04e+167"},
    {9.04e167, 8, "9.04e167"}, {9.04e167, 6, "9e+167"}, {9.04e167, 5, "9e167"},
    {2.8e4, 5, "2.8e4"},     {28000, 8, "2.8e+04"},   {0.0453, 4, "0.05"},
    {0.0453, 6, "0.0453"},   {-0.0, 3, "0"},          {1e-5, 4, "1e-5"},
    {123456, 4, "1e5"},      {-INFINITY, 3, ""},      {NAN, 3, "nan"},
    {0.001, 5, "0.001"},     {1e300, 5, "1e300"},
};

START_TEST(fitted_shapes)
{
	/* given a value and a width, then exactly the shape expected: the
	 * most digits that fit, the short exponent only when needed */
	char buf[64];
	tui_text_fit(shapes[_i].v, shapes[_i].w, buf, sizeof buf);
	ck_assert_str_eq(buf, shapes[_i].want);
}
END_TEST

START_TEST(fit_more_digits)
{
	char buf[64];
	ck_assert(tui_text_fit_digits(1.23456789, 6, 20, buf, sizeof buf));
	ck_assert_str_eq(buf, "1.23457");
	ck_assert(tui_text_fit_digits(1.23456789, 6, 4, buf, sizeof buf));
	ck_assert_str_eq(buf, "1.23");
	ck_assert(!tui_text_fit(1.0, 5, buf, 1)); /* no room in the buffer */
}
END_TEST

/* A line "alpha 1   beta 22   gamma 333" with priorities 0, 2, 1. */
static void three(tui_line *l)
{
	tui_line_init(l);
	tui_line_field(l, 0, 3);
	tui_line_add(l, 1, "alpha ");
	tui_line_num(l, 2, 1);
	tui_line_field(l, 2, 3);
	tui_line_add(l, 1, "beta ");
	tui_line_num(l, 2, 22);
	tui_line_field(l, 1, 3);
	tui_line_add(l, 1, "gamma ");
	tui_line_num(l, 2, 333);
}

START_TEST(line_drops_whole_fields_by_priority)
{
	tui_line l;
	three(&l);
	/* given room for all: all, 3 blanks apart */
	ck_assert(tui_line_fit(&l, 29));
	ck_assert_int_eq(l.field[1].x, 10);
	ck_assert_int_eq(l.field[2].x, 20);
	ck_assert_int_eq(l.used[0], 29);
	/* given one column less: beta (prio 2) goes, gamma moves up */
	ck_assert(!tui_line_fit(&l, 28));
	ck_assert(tui_line_shown(&l, 0) && !tui_line_shown(&l, 1) &&
		  tui_line_shown(&l, 2));
	ck_assert_int_eq(l.field[2].x, 10);
	/* given room for one: alpha alone; for none: nothing */
	tui_line_fit(&l, 9);
	ck_assert(tui_line_shown(&l, 0) && !tui_line_shown(&l, 2));
	tui_line_fit(&l, 6);
	ck_assert(!tui_line_shown(&l, 0));
	ck_assert_int_eq(l.used[0], 0);
	ck_assert(!tui_line_shown(&l, -1) && !tui_line_shown(&l, 9));
}
END_TEST

START_TEST(line_keeps_says_which_fields_a_fit_leaves)
{
	/* given the three fields at 28 columns, where beta goes, then alpha
	 * and gamma are kept, beta is not, and the line itself is not fitted
	 * (its fit at 29 stands) */
	tui_line l;
	three(&l);
	ck_assert(tui_line_fit(&l, 29));
	static const int ag[] = {0, 2}, ab[] = {0, 1};
	ck_assert(tui_line_keeps(&l, 28, ag, 2));
	ck_assert(!tui_line_keeps(&l, 28, ab, 2));
	ck_assert(tui_line_keeps(&l, 29, ab, 2));
	ck_assert(tui_line_shown(&l, 1) && l.used[0] == 29);
}
END_TEST

START_TEST(line_flows_over_rows)
{
	tui_line l;
	int w[2] = {20, 12};
	three(&l);
	/* given two rows: alpha and beta on the first, gamma on the second */
	ck_assert(tui_line_flow(&l, w, 2));
	ck_assert_int_eq(l.field[2].row, 1);
	ck_assert_int_eq(l.field[2].x, 0);
	ck_assert_int_eq(l.used[1], 9);
	/* given a second row too short for gamma: beta goes (prio 2) and
	 * gamma moves up beside alpha */
	w[1] = 5;
	ck_assert(!tui_line_flow(&l, w, 2));
	ck_assert(!tui_line_shown(&l, 1) && tui_line_shown(&l, 2));
	ck_assert_int_eq(l.field[2].row, 0);
}
END_TEST

START_TEST(line_refuses_what_it_cannot_hold)
{
	tui_line l;
	char big[TUI_LINE_TEXT + 8];
	memset(big, 'x', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	tui_line_init(&l);
	tui_line_add(&l, 0, "no field yet"); /* ignored */
	ck_assert_uint_eq(l.npieces, 0);
	tui_line_field(&l, 0, 1);
	tui_line_add(&l, 0, "kept");
	tui_line_field(&l, 0, 1);
	tui_line_add(&l, 0, "x");
	tui_line_add(&l, 0, big); /* the whole field goes */
	ck_assert(l.overflow);
	ck_assert(!tui_line_fit(&l, 200));
	ck_assert(tui_line_shown(&l, 0) && !tui_line_shown(&l, 1));
	for (int i = 0; i < TUI_LINE_FIELDS + 4; i++)
		tui_line_field(&l, 0, 1);
	ck_assert_uint_eq(l.nfields, TUI_LINE_FIELDS);
}
END_TEST

Suite *suite(void)
{
	Suite *s = suite_create("view_text");
	TCase *t = tcase_create("numbers");
	tcase_add_loop_test(t, fitted_numbers_are_whole_or_absent, 0,
			    LEN(extremes));
	tcase_add_loop_test(t, the_view_format_is_whole, 0, LEN(extremes));
	tcase_add_loop_test(t, fitted_shapes, 0, LEN(shapes));
	tcase_add_test(t, fit_more_digits);
	suite_add_tcase(s, t);
	t = tcase_create("line");
	tcase_add_test(t, line_drops_whole_fields_by_priority);
	tcase_add_test(t, line_keeps_says_which_fields_a_fit_leaves);
	tcase_add_test(t, line_flows_over_rows);
	tcase_add_test(t, line_refuses_what_it_cannot_hold);
	tcase_add_test(t, the_views_columns_are_the_terminals_cells);
	suite_add_tcase(s, t);
	return s;
}
