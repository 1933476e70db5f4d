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

#define LANES 8 /* independent accumulators: no loop-carried latency */

/* One pass: sum, min and max. All three are finite exactly when every
 * entry is finite and the sum does not overflow (a NaN poisons the sum, an
 * infinity the min or max). */
static bool sum_minmax(const double *x, size_t n, double *sum, double *lo,
                       double *hi)
{
	double s[LANES] = { 0 }, mn[LANES], mx[LANES];
	size_t i = 0;
	for (int k = 0; k < LANES; k++) {
		mn[k] = INFINITY;
		mx[k] = -INFINITY;
	}
	for (; i + LANES <= n; i += LANES)
		for (int k = 0; k < LANES; k++) {
			double v = x[i + k];
			s[k] += v;
			mn[k] = v < mn[k] ? v : mn[k];
			mx[k] = v > mx[k] ? v : mx[k];
		}
	for (; i < n; i++) {
		s[0] += x[i];
		mn[0] = x[i] < mn[0] ? x[i] : mn[0];
		mx[0] = x[i] > mx[0] ? x[i] : mx[0];
	}
	*sum = 0;
	*lo = INFINITY;
	*hi = -INFINITY;
	for (int k = 0; k < LANES; k++) {
		*sum += s[k];
		*lo = mn[k] < *lo ? mn[k] : *lo;
		*hi = mx[k] > *hi ? mx[k] : *hi;
	}
	return isfinite(*sum) && isfinite(*lo) && isfinite(*hi);
}

/* Corrected two-pass variance (Chan, Golub, LeVeque): sum of squared
 * deviations less the rounding error of the mean. */
static void finite_stats(iv_stats *s, const double *x, size_t n)
{
	double q[LANES] = { 0 }, c[LANES] = { 0 }, ss = 0, cs = 0;
	double mean = s->mean;
	size_t i = 0;
	for (; i + LANES <= n; i += LANES)
		for (int k = 0; k < LANES; k++) {
			double d = x[i + k] - mean;
			q[k] += d * d;
			c[k] += d;
		}
	for (; i < n; i++) {
		double d = x[i] - mean;
		q[0] += d * d;
		c[0] += d;
	}
	for (int k = 0; k < LANES; k++) {
		ss += q[k];
		cs += c[k];
	}
	double var = n > 1 ? (ss - cs * cs / (double)n) / (double)(n - 1) : 0.0;
	s->std = sqrt(fmax(var, 0.0));
	/* rms^2 = mean^2 + (n-1)/n sd^2; avoid a third pass */
	s->rms = hypot(mean, s->std * sqrt((double)(n - 1) / (double)n));
}

/* The common case in two passes: every entry finite, magnitudes safe. */
static bool fast_stats(iv_stats *s, const double *x, size_t n)
{
	double sum, lo, hi;
	if (n == 0 || !sum_minmax(x, n, &sum, &lo, &hi))
		return false;
	double absmax = fmax(fabs(lo), fabs(hi));
	if (!(absmax == 0 || (absmax >= SAFE_LO && absmax <= SAFE_HI)))
		return false;
	s->finite = n;
	s->min = lo;
	s->max = hi;
	s->absmax = absmax;
	s->mean = sum / (double)n;
	finite_stats(s, x, n);
	return true;
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
	if (fast_stats(s, x, n)) {
		set_histogram(s, x, n);
		return IV_OK;
	}
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
		if (s->finite == n && safe) {
			s->mean = gsl_stats_mean(x, 1, n);
			finite_stats(s, x, n);
		} else {
			st = scaled_stats(s, x, n);
		}
	}
	set_histogram(s, x, n);
	return st;
}
