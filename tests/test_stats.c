/* SPDX-License-Identifier: MIT */
/* Statistics and histograms: hand-computed values, GSL, non-finite and extreme inputs. */
#include <float.h>
#include <string.h>
#include <gsl/gsl_histogram.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_statistics_double.h>
#include <initviz/stats.h>
#include "testutil.h"

#define BINS 16

static iv_stats st;
static void setup(void) { ck_assert_int_eq(iv_stats_init(&st, BINS), IV_OK); }
static void teardown(void) { iv_stats_done(&st); }

static double rel(double a, double b)
{
	return a == b ? 0 : fabs(a - b) / fmax(fabs(a), fabs(b));
}

/* Hand-computed: mean, sample std, rms = sqrt(mean of squares). */
static const struct {
	double x[5];
	size_t n;
	double mean, std, rms, min, max;
} known[] = {
	{ { 1, 2, 3, 4, 5 }, 5, 3, 1.5811388300841898, 3.3166247903553998, 1, 5 },
	{ { -2, -2, 2, 2 }, 4, 0, 2.3094010767585029, 2, -2, 2 },
	{ { 0.5 }, 1, 0.5, 0, 0.5, 0.5, 0.5 },
	{ { 1e-300, 3e-300 }, 2, 2e-300, 1.4142135623730951e-300,
	  2.2360679774997897e-300, 1e-300, 3e-300 },
	{ { 1e308, -1e308, 1e308, -1e308, 5e307 }, 5, 1e307,
	  1.0246950765959598e308, 9.2195444572928873e307, -1e308, 1e308 },
};

START_TEST(known_arrays)
{
	/* given a small array with hand-computed statistics */
	double x[6];
	size_t n = known[_i].n;
	memcpy(x, known[_i].x, n * sizeof x[0]);
	for (int pass = 0; pass < 2; pass++) {
		/* when computed, all finite (pass 0) or with a NaN (pass 1) */
		if (pass)
			x[n] = NAN;
		ck_assert_int_eq(iv_stats_compute(&st, x, n + pass), IV_OK);
		/* then mean, std (n - 1), rms, min, max are the known ones */
		tu_check_stats(&st, n + pass);
		ck_assert_uint_eq(st.nan, (size_t)pass);
		ck_assert_msg(rel(st.mean, known[_i].mean) < 1e-14 ||
		              fabs(st.mean - known[_i].mean) < 1e-14 * st.std,
		              "case %d pass %d: mean %.17g", _i, pass, st.mean);
		ck_assert_msg(rel(st.std, known[_i].std) < 1e-14,
		              "case %d pass %d: std %.17g", _i, pass, st.std);
		ck_assert_msg(rel(st.rms, known[_i].rms) < 1e-14,
		              "case %d pass %d: rms %.17g", _i, pass, st.rms);
		ck_assert(st.min == known[_i].min && st.max == known[_i].max);
	}
}
END_TEST

static double *random_array(size_t n, unsigned long seed)
{
	double *x = malloc(n * sizeof *x);
	gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
	gsl_rng_set(r, seed);
	for (size_t i = 0; i < n; i++)
		x[i] = 3 + gsl_ran_gaussian(r, 2) * (i % 7 == 0 ? 10 : 1);
	gsl_rng_free(r);
	return x;
}

START_TEST(random_array_matches_gsl_and_hand_binning)
{
	/* given 10007 heavy-tailed values */
	size_t n = 10007;
	double *x = random_array(n, 5);
	/* when computed */
	iv_stats_compute(&st, x, n);
	tu_check_stats(&st, n);
	/* then moments agree with GSL and a long-double rms */
	ck_assert(rel(st.mean, gsl_stats_mean(x, 1, n)) < 1e-13);
	ck_assert(rel(st.std, gsl_stats_sd(x, 1, n)) < 1e-13);
	ck_assert(rel(st.rms, tu_rms(x, n)) < 1e-13);
	ck_assert(st.min == gsl_stats_min(x, 1, n));
	ck_assert(st.max == gsl_stats_max(x, 1, n));
	/* and the histogram spans [min, max] with BINS equal bins */
	ck_assert(st.hist->range[0] == st.min && st.hist->range[BINS] == st.max);
	double want[BINS] = { 0 };
	for (size_t i = 0; i < n; i++) {
		long double f = (x[i] - (long double)st.min) /
		                ((long double)st.max - st.min);
		size_t b = (size_t)(f * BINS);
		want[b < BINS ? b : BINS - 1]++;
	}
	for (size_t b = 0; b < BINS; b++)
		ck_assert_msg(st.hist->bin[b] == want[b], "bin %zu: %g vs %g", b,
		              st.hist->bin[b], want[b]);
	ck_assert(st.hist->bin[0] >= 1 && st.hist->bin[BINS - 1] >= 1);
	/* and GSL's own binning agrees; its bins are [lo, hi), so the maximum,
	 * which goes in the last bin, is added there by hand */
	gsl_histogram *g = gsl_histogram_alloc(BINS);
	gsl_histogram_set_ranges_uniform(g, st.min, st.max);
	for (size_t i = 0; i < n; i++) {
		if (gsl_histogram_increment(g, x[i]) != GSL_SUCCESS) {
			ck_assert(x[i] == st.max);
			g->bin[BINS - 1]++;
		}
	}
	for (size_t b = 0; b < BINS; b++)
		ck_assert_msg(st.hist->bin[b] == g->bin[b], "bin %zu: %g vs GSL %g",
		              b, st.hist->bin[b], g->bin[b]);
	gsl_histogram_free(g);
	free(x);
}
END_TEST

START_TEST(non_finite_values_are_counted_and_excluded)
{
	/* given random values, and the same with NaN and +-Inf spliced in */
	size_t n = 5000, m = n + 30;
	double *x = random_array(n, 9), *y = malloc(m * sizeof *y);
	iv_stats clean;
	iv_stats_init(&clean, BINS);
	iv_stats_compute(&clean, x, n);
	/* 30 specials at 5, 172, ..., 4848: NaN, +Inf, -Inf in turn */
	const double special[3] = { NAN, INFINITY, -INFINITY };
	for (size_t i = 0, j = 0, k = 0; i < m; i++)
		y[i] = k < 30 && i == 5 + 167 * k ? special[k++ % 3]
		                                           : x[j++];
	/* when computed */
	iv_stats_compute(&st, y, m);
	/* then the specials are counted and the rest is as without them */
	tu_check_stats(&st, m);
	ck_assert_uint_eq(st.nan, 10);
	ck_assert_uint_eq(st.inf, 20);
	ck_assert_uint_eq(st.finite, n);
	ck_assert(rel(st.mean, clean.mean) < 1e-12);
	ck_assert(rel(st.std, clean.std) < 1e-12);
	ck_assert(rel(st.rms, clean.rms) < 1e-12);
	ck_assert(st.min == clean.min && st.max == clean.max);
	for (size_t b = 0; b < BINS; b++)
		ck_assert(st.hist->bin[b] == clean.hist->bin[b]);
	iv_stats_done(&clean);
	free(x);
	free(y);
}
END_TEST

START_TEST(nothing_finite)
{
	/* given empty, all-NaN, all-Inf and mixed non-finite arrays */
	double nan5[] = { NAN, NAN, NAN, NAN, NAN };
	double inf3[] = { INFINITY, -INFINITY, INFINITY };
	double mix[] = { NAN, INFINITY, NAN };
	/* then statistics are NaN, counts are right, nothing is binned */
	iv_stats_compute(&st, nan5, 0);
	tu_check_stats(&st, 0);
	iv_stats_compute(&st, nan5, 5);
	tu_check_stats(&st, 5);
	ck_assert_uint_eq(st.nan, 5);
	iv_stats_compute(&st, inf3, 3);
	tu_check_stats(&st, 3);
	ck_assert_uint_eq(st.inf, 3);
	iv_stats_compute(&st, mix, 3);
	tu_check_stats(&st, 3);
	ck_assert(st.nan == 2 && st.inf == 1);
}
END_TEST

/* The mean and std of all entries, as the table and the view show them:
 * the mean as plain IEEE summation gives it, the std NaN with a NaN or
 * when every entry is one infinity, +Inf with any other Inf. */
START_TEST(statistics_of_all_entries)
{
	static const struct {
		double x[4];
		size_t n;
		int sd; /* 0: the finite std, 1: +Inf, 2: NaN */
	} cases[] = {
		{ { 1, 2, 4 }, 3, 0 },
		{ { 1, INFINITY, 2 }, 3, 1 },
		{ { -INFINITY, 5 }, 2, 1 },
		{ { INFINITY, INFINITY }, 2, 2 },
		{ { -INFINITY, -INFINITY, -INFINITY }, 3, 2 },
		{ { INFINITY, -INFINITY }, 2, 1 },
		{ { INFINITY, -INFINITY, 3 }, 3, 1 },
		{ { NAN, 1, 2 }, 3, 2 },
		{ { NAN, INFINITY }, 2, 2 },
		{ { -INFINITY }, 1, 2 },
	};
	for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
		/* given the entries, when computed */
		iv_stats_compute(&st, cases[k].x, cases[k].n);
		/* then the mean is the plain sum's, to the sign of an Inf */
		double sum = 0;
		for (size_t i = 0; i < cases[k].n; i++)
			sum += cases[k].x[i];
		double mean = iv_stats_mean_all(&st), want = sum / cases[k].n;
		if (isnan(want))
			ck_assert_msg(isnan(mean), "case %zu: %g", k, mean);
		else if (isinf(want))
			ck_assert_msg(mean == want, "case %zu: %g", k, mean);
		else
			ck_assert_msg(mean == st.mean, "case %zu", k);
		double sd = iv_stats_std_all(&st);
		if (cases[k].sd == 0)
			ck_assert_msg(sd == st.std && isfinite(sd), "case %zu", k);
		else if (cases[k].sd == 1)
			ck_assert_msg(sd == INFINITY, "case %zu: %g", k, sd);
		else
			ck_assert_msg(isnan(sd), "case %zu: %g", k, sd);
	}
}
END_TEST

static const double constants[] = {
	0, 1, -3.5, 1e-300, -1e-310, DBL_TRUE_MIN, 1e308, -1e308, 1.7e308,
	DBL_MAX, -DBL_MAX,
};

START_TEST(constant_arrays)
{
	/* given 100 copies of one value (finite path) and with a NaN */
	double x[101], v = constants[_i];
	for (size_t i = 0; i < 100; i++)
		x[i] = v;
	x[100] = NAN;
	for (size_t n = 100; n <= 101; n++) {
		/* when computed */
		iv_stats_compute(&st, x, n);
		/* then min == max == mean, std 0, all values in a valid histogram */
		tu_check_stats(&st, n);
		ck_assert(st.min == v && st.max == v && st.mean == v);
		ck_assert_msg(st.std == 0 && st.rms == fabs(v), "%g: std %g rms %g",
		              v, st.std, st.rms);
		ck_assert(st.hist->range[0] <= v && v <= st.hist->range[BINS]);
	}
}
END_TEST

/* values whose sums round: 0.05 is lesson 2's --value */
static const double rounding[] = { 0.05, 0.1, 1.0 / 3, -0.7, 1e-5, 0.004 };

START_TEST(long_constant_arrays_have_their_value_as_mean)
{
	/* given 4096 and 100000 copies of one value, whose sum rounds, then
	 * a mean within [min, max], so equal to the value (lesson 2's
	 * weights of 0.05 gave a mean of 0.04999999999999978 below min) */
	static double x[100000];
	double v = rounding[_i];
	for (size_t i = 0; i < 100000; i++)
		x[i] = v;
	size_t lens[] = { 4096, 99999, 100000 };
	for (size_t k = 0; k < 3; k++) {
		iv_stats_compute(&st, x, lens[k]);
		ck_assert_msg(st.min == v && st.max == v && st.mean == v,
		              "%zu x %.17g: mean %.17g", lens[k], v, st.mean);
		ck_assert_msg(st.std == 0 && st.rms == fabs(v),
		              "%zu x %.17g: std %g rms %.17g", lens[k], v,
		              st.std, st.rms);
	}
}
END_TEST

START_TEST(extremes_and_denormals)
{
	/* given values spread over the whole double range */
	double x[] = { -DBL_MAX, -1e308, 0, DBL_TRUE_MIN, 1e-300, 1e308, DBL_MAX };
	size_t n = TU_LEN(x);
	iv_stats_compute(&st, x, n);
	tu_check_stats(&st, n);
	/* then each is in bin floor(16 (x + DBL_MAX) / (2 DBL_MAX)), the top
	 * one in the last: 0, 3, 8, 8, 8, 12, 15 */
	static const size_t want[] = { 0, 3, 8, 8, 8, 12, 15 };
	double counts[BINS] = { 0 };
	for (size_t i = 0; i < n; i++)
		counts[want[i]]++;
	for (size_t b = 0; b < BINS; b++)
		ck_assert_msg(st.hist->bin[b] == counts[b], "bin %zu: %g, want %g",
		              b, st.hist->bin[b], counts[b]);
	/* given ranges too narrow for 16 distinct edges (subnormals, tanh
	 * saturating at 1 - 2^-53 and 1), then a valid histogram holds all */
	double d[] = { 0, DBL_TRUE_MIN, 0, 2 * DBL_TRUE_MIN };
	iv_stats_compute(&st, d, 4);
	tu_check_stats(&st, 4);
	double t[] = { 1, 1 - 0x1p-53, 1, 1 - 0x1p-52, 1 };
	iv_stats_compute(&st, t, 5);
	tu_check_stats(&st, 5);
	ck_assert(st.min == 1 - 0x1p-52 && st.max == 1);
}
END_TEST

/* iv_bin edges: [lo, hi) per bin, hi itself in the last, outside dropped. */
static const struct {
	double lo, hi;
	size_t bins;
	double x[10];
	size_t n;
	double want[8];
} bincases[] = {
	{ 0, 4, 4, { 0, 0.999, 1, 2.5, 4, 4.0001, -1e-9, NAN, INFINITY,
	             -INFINITY }, 10, { 2, 1, 1, 1 } },
	{ -1, 1, 8, { -1, -0.75, -0.5, -0.25, 0, 0.25, 0.5, 0.75, 1 }, 9,
	  { 1, 1, 1, 1, 1, 1, 1, 2 } },
	{ -DBL_MAX, DBL_MAX, 2, { -DBL_MAX, -1e308, 0, 1e308, DBL_MAX }, 5,
	  { 2, 3 } },
	{ 0, DBL_TRUE_MIN, 2, { 0, DBL_TRUE_MIN, -DBL_TRUE_MIN }, 3, { 1, 1 } },
	{ 1, 1, 3, { 1, 1 }, 2, { 0, 0, 0 } },  /* empty range: nothing */
	{ 2, 1, 3, { 1.5 }, 1, { 0, 0, 0 } },   /* reversed: nothing */
	{ 0, 1, 1, { 0, 0.5, 1, 2 }, 4, { 3 } },
};

START_TEST(bin_edges)
{
	/* given a range, a bin count and values on and around the edges */
	double counts[8];
	memset(counts, 0xff, sizeof counts); /* garbage: must be zeroed */
	/* when binned */
	iv_bin(bincases[_i].x, bincases[_i].n, bincases[_i].lo, bincases[_i].hi,
	       bincases[_i].bins, counts);
	/* then each lands where the [lo, hi) rule says */
	for (size_t b = 0; b < bincases[_i].bins; b++)
		ck_assert_msg(counts[b] == bincases[_i].want[b], "case %d bin %zu: "
		              "%g, want %g", _i, b, counts[b], bincases[_i].want[b]);
	iv_bin(bincases[_i].x, bincases[_i].n, 0, 1, 0, NULL); /* no bins: ok */
}
END_TEST

/* A long array partly outside the range, with NaN and infinities, over
 * several bin counts: iv_bin's fast counters (many more entries than
 * bins, in rounds) drop what is outside and agree with GSL's binning. */
START_TEST(bin_long_array_with_values_outside)
{
	/* given 100003 values of which some fall outside [0, 6],
	 * some NaN or infinite, the edges themselves included */
	size_t n = 100003;
	double *x = random_array(n, 11);
	for (size_t i = 0; i < n; i += 97)
		x[i] = i % 3 == 0 ? NAN : i % 3 == 1 ? INFINITY : -INFINITY;
	x[5] = 0;
	x[6] = 6;
	x[7] = nextafter(6, 7);
	static const size_t binsv[] = { 1, 7, 50, 256 };
	for (size_t k = 0; k < TU_LEN(binsv); k++) {
		size_t bins = binsv[k];
		double *counts = malloc(bins * sizeof *counts);
		/* when binned */
		iv_bin(x, n, 0, 6, bins, counts);
		/* then every bin holds what GSL's holds, the upper edge in the
		 * last, and the values outside are dropped */
		gsl_histogram *g = gsl_histogram_alloc(bins);
		gsl_histogram_set_ranges_uniform(g, 0, 6);
		double kept = 0, total = 0;
		for (size_t i = 0; i < n; i++) {
			if (x[i] == 6)
				g->bin[bins - 1]++;
			else if (!isnan(x[i])) /* GSL would put NaN in a bin */
				(void)gsl_histogram_increment(g, x[i]);
			kept += x[i] >= 0 && x[i] <= 6;
		}
		for (size_t b = 0; b < bins; b++) {
			ck_assert_msg(counts[b] == g->bin[b],
			              "%zu bins, bin %zu: %g vs GSL %g", bins, b,
			              counts[b], g->bin[b]);
			total += counts[b];
		}
		ck_assert(total == kept && kept > n / 2.0 && kept < n - 1000.0);
		gsl_histogram_free(g);
		free(counts);
	}
	free(x);
}
END_TEST

START_TEST(scale_exponent_brings_the_largest_magnitude_near_one)
{
	/* given magnitudes from 1e-300 to the largest double, when scaled
	 * by 2^-e, then they land in [1, 2) exactly; those below 2^-1000
	 * (subnormals among them, whose 2^-e would overflow) stop at
	 * e = -1000 and stay below 1 */
	const double a[] = {3, 0.75, 1, DBL_MAX, 1e-300, 7e300};
	for (size_t i = 0; i < TU_LEN(a); i++) {
		int e = iv_scale_exponent(a[i]);
		double s = ldexp(a[i], -e);
		ck_assert_msg(s >= 1 && s < 2, "%g -> %g", a[i], s);
		ck_assert(ldexp(s, e) == a[i]);
	}
	ck_assert_int_eq(iv_scale_exponent(DBL_MIN), -1000);
	ck_assert_int_eq(iv_scale_exponent(DBL_MIN / 1e10), -1000);
	ck_assert_int_eq(iv_scale_exponent(0), 0);
	ck_assert_int_eq(iv_scale_exponent(-4), 0);
	ck_assert_int_eq(iv_scale_exponent(INFINITY), 0);
	ck_assert_int_eq(iv_scale_exponent(NAN), 0);
}
END_TEST

START_TEST(init_and_done)
{
	/* zero bins become one; done twice and on NULL is harmless */
	iv_stats s;
	ck_assert_int_eq(iv_stats_init(&s, 0), IV_OK);
	ck_assert_uint_eq(s.hist->n, 1);
	ck_assert(isnan(s.mean) && s.count == 0);
	double one = 2;
	iv_stats_compute(&s, &one, 1);
	ck_assert(s.hist->bin[0] == 1);
	iv_stats_done(&s);
	iv_stats_done(&s);
	iv_stats_done(NULL);
}
END_TEST

Suite *suite(void)
{
	Suite *s = tu_suite("stats");
	TCase *tc = tcase_create("stats");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_loop_test(tc, known_arrays, 0, TU_LEN(known));
	tcase_add_test(tc, random_array_matches_gsl_and_hand_binning);
	tcase_add_test(tc, non_finite_values_are_counted_and_excluded);
	tcase_add_test(tc, nothing_finite);
	tcase_add_test(tc, statistics_of_all_entries);
	tcase_add_loop_test(tc, constant_arrays, 0, TU_LEN(constants));
	tcase_add_loop_test(tc, long_constant_arrays_have_their_value_as_mean, 0,
	                    TU_LEN(rounding));
	tcase_add_test(tc, extremes_and_denormals);
	tcase_add_loop_test(tc, bin_edges, 0, TU_LEN(bincases));
	tcase_add_test(tc, bin_long_array_with_values_outside);
	tcase_add_test(tc, scale_exponent_brings_the_largest_magnitude_near_one);
	tcase_add_test(tc, init_and_done);
	suite_add_tcase(s, tc);
	return s;
}
