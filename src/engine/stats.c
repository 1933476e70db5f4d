/* SPDX-License-Identifier: MIT */
/* Statistics of a matrix with GSL: finite values only, NaN and Inf counted. */
#include <float.h>
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
	double nb = (double)bins, w = hi - lo, scale = nb / w;
	bool halves = isinf(w); /* wider than DBL_MAX: work with halves */
	if (halves)
		w = hi / 2 - lo / 2;
	/* a subnormal or infinite scale loses the bins: divide instead */
	bool divide = halves || !isnormal(scale);
	for (size_t i = 0; i < n; i++) {
		double v = x[i], f;
		if (!(v >= lo && v <= hi)) /* drops NaN and values outside */
			continue;
		if (!divide)
			f = (v - lo) * scale;
		else
			f = (halves ? v / 2 - lo / 2 : v - lo) / w * nb;
		counts[f < nb ? (size_t)f : bins - 1]++;
	}
}

/* Widen a degenerate range so every value lands inside it (one value v
 * gets width |v|, 1 for 0), and a range too narrow for distinct edges
 * (tanh saturating at 1 - 1e-16 and 1, subnormals) to edges at least 4 ulps
 * and a normal number apart; all within the finite doubles. */
static void hist_range(double min, double max, size_t bins, double *lo,
                       double *hi)
{
	*lo = min;
	*hi = max;
	if (!(max > min)) {
		double half = min != 0 ? 0.5 * fabs(min) : 0.5;
		*lo = min - half;
		*hi = max + half;
	}
	double mag = fmax(fabs(*lo), fabs(*hi));
	double need = (double)bins * fmax(4 * DBL_EPSILON * mag, DBL_MIN);
	if (!(*hi - *lo >= need)) {
		double c = *lo / 2 + *hi / 2;
		*lo = c - need / 2;
		*hi = c + need / 2;
	}
	*lo = fmax(*lo, -DBL_MAX);
	*hi = fmin(*hi, DBL_MAX);
}

static void set_histogram(iv_stats *s, const double *x, size_t n)
{
	double lo = 0.0, hi = 1.0;
	if (s->finite > 0)
		hist_range(s->min, s->max, s->hist->n, &lo, &hi);
	gsl_histogram_set_ranges_uniform(s->hist, lo, hi);
	iv_bin(x, n, lo, hi, s->hist->n, s->hist->bin);
}

/* Data within these magnitudes has squares far from overflow and underflow,
 * so GSL's double variance is safe (it rounds the variance to a double). */
#define SAFE_HI 0x1p+400
#define SAFE_LO 0x1p-400

static void finite_stats(iv_stats *s, const double *x, size_t n)
{
	double mean = gsl_stats_mean(x, 1, n);
	double sd = n > 1 ? gsl_stats_sd_m(x, 1, n, mean) : 0.0;
	s->mean = mean;
	s->std = sd;
	/* rms^2 = mean^2 + (n-1)/n sd^2; avoid a third pass */
	s->rms = hypot(mean, sd * sqrt((double)(n - 1) / (double)n));
}

/* Finite entries only, scaled by a power of two (exact) so that squares
 * of values near 1e308 or 1e-308 neither overflow nor underflow. */
static iv_status scaled_stats(iv_stats *s, const double *x, size_t n)
{
	int e = s->absmax > 0 ? ilogb(s->absmax) : 0;
	double down = ldexp(1.0, -(e < -1000 ? -1000 : e));
	gsl_rstat_workspace *w = gsl_rstat_alloc();
	if (!w)
		return IV_ENOMEM;
	for (size_t i = 0; i < n; i++)
		if (isfinite(x[i]))
			gsl_rstat_add(x[i] * down, w);
	s->mean = gsl_rstat_mean(w) / down;
	s->std = s->finite > 1 ? gsl_rstat_sd(w) / down : 0.0;
	s->rms = gsl_rstat_rms(w) / down;
	gsl_rstat_free(w);
	return IV_OK;
}

static void finite_minmax(iv_stats *s, const double *x, size_t n)
{
	if (s->finite == n) {
		gsl_stats_minmax(&s->min, &s->max, x, 1, n);
		return;
	}
	s->min = INFINITY;
	s->max = -INFINITY;
	for (size_t i = 0; i < n; i++)
		if (isfinite(x[i])) {
			s->min = fmin(s->min, x[i]);
			s->max = fmax(s->max, x[i]);
		}
}

iv_status iv_stats_compute(iv_stats *s, const double *x, size_t n)
{
	iv_status st = IV_OK;
	s->count = n;
	s->nan = s->inf = 0;
	s->mean = s->std = s->rms = s->min = s->max = s->absmax = NAN;
	for (size_t i = 0; i < n; i++) { /* one cheap pass decides the path */
		s->nan += isnan(x[i]) != 0; /* isinf(-Inf) may be -1 */
		s->inf += isinf(x[i]) != 0;
	}
	s->finite = n - s->nan - s->inf;
	if (s->finite > 0) {
		finite_minmax(s, x, n);
		s->absmax = fmax(fabs(s->min), fabs(s->max));
		bool safe = s->absmax == 0 ||
		            (s->absmax >= SAFE_LO && s->absmax <= SAFE_HI);
		if (s->finite == n && safe)
			finite_stats(s, x, n);
		else
			st = scaled_stats(s, x, n);
	}
	set_histogram(s, x, n);
	return st;
}
