/* SPDX-License-Identifier: MIT */
/* Statistics and histogram of one matrix: finite entries only, NaN and Inf
 * counted. */
#ifndef INITVIZ_STATS_H
#define INITVIZ_STATS_H

#include <math.h>
#include <stdbool.h>
#include <stddef.h>
#include <gsl/gsl_histogram.h>
#include <initviz/status.h>

typedef struct iv_stats {
	size_t count; /* all entries, finite or not */
	size_t nan, inf;
	size_t neg_inf; /* of the inf, those that are -Inf */
	size_t finite;
	double mean, std, rms, min, max; /* over finite entries; NaN if none */
	double absmax;                   /* max |x| over finite entries */
	gsl_histogram *hist; /* bins over [min, max] of finite entries; owned */
	bool binned; /* hist holds the counts (a network may leave them out:
		      * iv_net_histograms) */
} iv_stats;

/* Mean, rms, min and max of s, in that order: four numbers that change
 * when the data does (the training logs compare weights by them). */
static inline void iv_stats_four(const iv_stats *s, double out[4])
{
	out[0] = s->mean;
	out[1] = s->rms;
	out[2] = s->min;
	out[3] = s->max;
}

/* The std of all of s's entries, as a reader of a table takes the word:
 * NaN with a NaN among them; with an Inf, +Inf (the spread is unbounded),
 * or NaN when every entry is the same infinity (Inf − Inf); else the
 * finite entries' std. The report's table, its sparklines, the view and
 * the figures show this; JSON and CSV give the finite entries'
 * statistics beside the counts. */
static inline double iv_stats_std_all(const iv_stats *s)
{
	if (s->nan > 0)
		return NAN;
	if (s->inf > 0) {
		bool one_inf = s->finite == 0 &&
			       (s->neg_inf == 0 || s->neg_inf == s->inf);
		return one_inf ? NAN : INFINITY;
	}
	return s->std;
}

/* The mean of all of s's entries: NaN with a NaN among them or with Infs
 * of both signs, ±Inf with Infs of one sign, else the finite entries'
 * mean. */
static inline double iv_stats_mean_all(const iv_stats *s)
{
	if (s->nan > 0)
		return NAN;
	if (s->inf > 0) {
		if (s->neg_inf == 0)
			return INFINITY;
		return s->neg_inf == s->inf ? -INFINITY : NAN;
	}
	return s->mean;
}

/* The exponent e of the power of two at or below a (2^e <= a < 2^(e+1)),
 * bounded below by -1000 so that 2^-e is finite; 0 where a is 0, negative
 * or not finite. Multiplying by 2^-e is exact and brings a largest
 * magnitude a near 1, so that the squares of the scaled values neither
 * overflow nor underflow: sums of squares of values near 1e300 or 1e-300
 * give the same numbers as unscaled values of moderate size. */
int iv_scale_exponent(double a);

/* Prepare an embedded stats object with a histogram of bins bins. */
iv_status iv_stats_init(iv_stats *s, size_t bins);
/* The same without a histogram (hist NULL): the statistics bin nothing. */
void iv_stats_init_bare(iv_stats *s);
void iv_stats_done(iv_stats *s);

/* Compute the statistics of n values x (contiguous) with GSL's statistics
 * (gsl_rstat on values scaled by a power of two when some are not finite or
 * their squares would overflow or underflow). The histogram spans the
 * finite range [min, max] (widened when min == max or when too narrow for
 * distinct edges). IV_ENOMEM leaves mean, std and rms NaN. */
iv_status iv_stats_compute(iv_stats *s, const double *x, size_t n);

/* Count finite values of x into bins over [lo, hi) (values equal to hi go
 * into the last bin, values outside are dropped). counts has bins entries;
 * it is zeroed first. */
void iv_bin(const double *x, size_t n, double lo, double hi, size_t bins,
	    double *counts);

#endif
