/* SPDX-License-Identifier: MIT */
/* Statistics of a matrix with GSL: finite values only, NaN and Inf counted. */
#include <math.h>
#include <stdbool.h>
#include <gsl/gsl_rstat.h>
#include <gsl/gsl_statistics_double.h>
#include <initviz/stats.h>

iv_status iv_stats_init(iv_stats *s, size_t bins)
{
	*s = (iv_stats){ .mean = NAN, .std = NAN, .rms = NAN, .min = NAN,
	                 .max = NAN, .absmax = NAN };
	s->hist = gsl_histogram_alloc(bins ? bins : 1);
	return s->hist ? IV_OK : IV_ENOMEM;
}

void iv_stats_done(iv_stats *s)
{
	if (s && s->hist) {
		gsl_histogram_free(s->hist);
		s->hist = NULL;
	}
}

void iv_bin(const double *x, size_t n, double lo, double hi, size_t bins,
            double *counts)
{
	for (size_t b = 0; b < bins; b++)
		counts[b] = 0;
	if (!(hi > lo) || bins == 0)
		return;
	/* halves keep hi - lo finite even for a range of +-DBL_MAX */
	double scale = (double)bins / (hi / 2 - lo / 2);
	for (size_t i = 0; i < n; i++) {
		double v = x[i];
		if (!(v >= lo && v <= hi)) /* drops NaN and values outside */
			continue;
		size_t b = (size_t)((v / 2 - lo / 2) * scale);
		counts[b < bins ? b : bins - 1]++;
	}
}

/* Widen a degenerate range so every value lands inside it. */
static void hist_range(double min, double max, double *lo, double *hi)
{
	*lo = min;
	*hi = max;
	if (!(max > min)) {
		double half = fabs(min) > 0 ? 0.5 * fabs(min) : 0.5;
		*lo = min - half;
		*hi = max + half;
	}
}

static void set_histogram(iv_stats *s, const double *x, size_t n)
{
	double lo = 0.0, hi = 1.0;
	if (s->finite > 0)
		hist_range(s->min, s->max, &lo, &hi);
	gsl_histogram_set_ranges_uniform(s->hist, lo, hi);
	iv_bin(x, n, lo, hi, s->hist->n, s->hist->bin);
}

static void finite_stats(iv_stats *s, const double *x, size_t n)
{
	double mean = gsl_stats_mean(x, 1, n);
	double sd = n > 1 ? gsl_stats_sd_m(x, 1, n, mean) : 0.0;
	gsl_stats_minmax(&s->min, &s->max, x, 1, n);
	s->mean = mean;
	s->std = sd;
	/* rms^2 = mean^2 + (n-1)/n sd^2; avoid a third pass */
	s->rms = sqrt(mean * mean + sd * sd * ((double)(n - 1) / (double)n));
	if (!isfinite(s->rms)) { /* squares overflowed: scale first */
		double m = fmax(fabs(s->min), fabs(s->max));
		s->rms = m * hypot(mean / m, sd / m);
	}
}

static void mixed_stats(iv_stats *s, const double *x, size_t n)
{
	gsl_rstat_workspace *w = gsl_rstat_alloc();
	for (size_t i = 0; i < n; i++) {
		if (isnan(x[i]))
			s->nan++;
		else if (isinf(x[i]))
			s->inf++;
		else if (w)
			gsl_rstat_add(x[i], w);
	}
	s->finite = n - s->nan - s->inf;
	if (w && s->finite > 0) {
		s->mean = gsl_rstat_mean(w);
		s->std = s->finite > 1 ? gsl_rstat_sd(w) : 0.0;
		s->rms = gsl_rstat_rms(w);
		s->min = gsl_rstat_min(w);
		s->max = gsl_rstat_max(w);
	}
	gsl_rstat_free(w);
}

iv_status iv_stats_compute(iv_stats *s, const double *x, size_t n)
{
	bool all_finite = true;
	s->count = n;
	s->nan = s->inf = 0;
	s->mean = s->std = s->rms = s->min = s->max = s->absmax = NAN;
	for (size_t i = 0; i < n; i++) /* one cheap pass decides the path */
		if (!isfinite(x[i])) {
			all_finite = false;
			break;
		}
	if (all_finite) {
		s->finite = n;
		if (n > 0)
			finite_stats(s, x, n);
	} else {
		mixed_stats(s, x, n);
	}
	if (s->finite > 0)
		s->absmax = fmax(fabs(s->min), fabs(s->max));
	set_histogram(s, x, n);
	return IV_OK;
}
