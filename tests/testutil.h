/* SPDX-License-Identifier: MIT */
/* Shared helpers of the engine Check suites: independent statistics,
 * configurations, the suite. */
#ifndef IV_TESTUTIL_H
#define IV_TESTUTIL_H

#include <check.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_errno.h>
#include <initviz/config.h>
#include <initviz/stats.h>
#include "check_main.h"

#define TU_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* Two-pass mean and population std in long double (independent of GSL). */
static inline void tu_moments(const double *x, size_t n, double *mean,
                              double *sd)
{
	long double s = 0, ss = 0, m;
	for (size_t i = 0; i < n; i++)
		s += x[i];
	m = s / (long double)n;
	for (size_t i = 0; i < n; i++)
		ss += (x[i] - m) * (x[i] - m);
	*mean = (double)m;
	*sd = (double)sqrtl(ss / (long double)n);
}

/* Root mean square in long double. */
static inline double tu_rms(const double *x, size_t n)
{
	long double ss = 0;
	for (size_t i = 0; i < n; i++)
		ss += (long double)x[i] * x[i];
	return (double)sqrtl(ss / (long double)n);
}

/* |a - b| <= tol, or both NaN, or the same infinity. */
static inline int tu_close(double a, double b, double tol)
{
	if (isnan(a) || isnan(b))
		return isnan(a) && isnan(b);
	if (isinf(a) || isinf(b))
		return a == b;
	return fabs(a - b) <= tol;
}

static inline double tu_hist_sum(const iv_stats *s)
{
	double t = 0;
	for (size_t b = 0; b < s->hist->n; b++)
		t += s->hist->bin[b];
	return t;
}

/* The same bits (NaN payloads and the sign of zero included). */
static inline int tu_bits_eq(double a, double b)
{
	return !memcmp(&a, &b, sizeof a);
}

/* Two statistics of the same data, bit for bit: moments, counts, ranges
 * and every histogram bin. */
static inline void tu_same_stats(const iv_stats *a, const iv_stats *b,
                                 const char *what)
{
	ck_assert_msg(tu_bits_eq(a->mean, b->mean) &&
	              tu_bits_eq(a->std, b->std) &&
	              tu_bits_eq(a->rms, b->rms) &&
	              tu_bits_eq(a->min, b->min) &&
	              tu_bits_eq(a->max, b->max) && a->count == b->count &&
	              a->finite == b->finite && a->nan == b->nan &&
	              a->inf == b->inf,
	              "%s: mean %.17g/%.17g std %.17g/%.17g", what, a->mean,
	              b->mean, a->std, b->std);
	ck_assert(a->hist->n == b->hist->n);
	for (size_t k = 0; k <= a->hist->n; k++)
		ck_assert(tu_bits_eq(a->hist->range[k], b->hist->range[k]));
	for (size_t k = 0; k < a->hist->n; k++)
		ck_assert_msg(a->hist->bin[k] == b->hist->bin[k],
		              "%s: bin %zu %g/%g", what, k, a->hist->bin[k],
		              b->hist->bin[k]);
}

/* Every invariant of computed statistics, whatever the input. */
static inline void tu_check_stats(const iv_stats *s, size_t n)
{
	ck_assert_uint_eq(s->count, n);
	ck_assert_uint_eq(s->finite + s->nan + s->inf, n);
	ck_assert_msg(tu_hist_sum(s) == (double)s->finite, "histogram holds %g of "
	              "%zu finite values", tu_hist_sum(s), s->finite);
	for (size_t b = 0; b <= s->hist->n; b++)
		ck_assert_msg(isfinite(s->hist->range[b]), "edge %zu = %g", b,
		              s->hist->range[b]);
	for (size_t b = 0; b < s->hist->n; b++)
		ck_assert(s->hist->range[b] < s->hist->range[b + 1]);
	if (s->finite == 0) {
		ck_assert(isnan(s->mean) && isnan(s->std) && isnan(s->rms));
		ck_assert(isnan(s->min) && isnan(s->max) && isnan(s->absmax));
		return;
	}
	ck_assert_msg(isfinite(s->mean) && isfinite(s->std) && isfinite(s->rms),
	              "mean %g std %g rms %g", s->mean, s->std, s->rms);
	ck_assert(s->min <= s->mean && s->mean <= s->max && s->std >= 0);
	ck_assert(s->absmax == fmax(fabs(s->min), fabs(s->max)));
	ck_assert(s->hist->range[0] <= s->min &&
	          s->max <= s->hist->range[s->hist->n]);
}

/* Defaults with an explicit list of widths (input, then each layer). */
static inline void tu_config_widths(iv_config *cfg, const unsigned *w,
                                    size_t count)
{
	iv_config_defaults(cfg);
	cfg->nwidths = count;
	cfg->depth = count - 1;
	for (size_t i = 0; i < count; i++)
		cfg->widths[i] = w[i];
}

/* A suite of the engine's, GSL's default error handler (it aborts) off
 * first: the tests call GSL themselves. */
static inline Suite *tu_suite(const char *name)
{
	gsl_set_error_handler_off();
	return suite_create(name);
}

#endif
