/* SPDX-License-Identifier: MIT */
/* Axis arithmetic of the figure: log ranges ending at 1, 2 or 5 times a
 * power of ten, nice ticks. */
#include <float.h>
#include <math.h>
#include <stdbool.h>
#include "figure/figure.h"

/* The 1, 2 or 5 times a power of ten nearest to v at or above it (up) or
 * at or below it; v itself when it is one, to a relative 1e-9. */
static double nice_log(double v, bool up)
{
	static const double mult[] = {1, 2, 5};
	double e = floor(log10(v)), best = up ? INFINITY : 0;
	for (int k = -1; k <= 1; k++)
		for (int m = 0; m < 3; m++) {
			double t = mult[m] * pow(10, e + k);
			if (up ? t >= v * (1 - 1e-9) && t < best
			       : t <= v * (1 + 1e-9) && t > best)
				best = t;
		}
	return best;
}

void iv_figure_log_range(const double *v, size_t n, double *lo, double *hi)
{
	double a = INFINITY, b = -INFINITY; /* the values' least and most */
	for (size_t i = 0; i < n; i++)
		if (isfinite(v[i]) && v[i] > 0) {
			a = fmin(a, v[i]);
			b = fmax(b, v[i]);
		}
	if (a > b) { /* nothing to place */
		*lo = 0.1;
		*hi = 10;
		return;
	}
	double da = floor(log10(a)), db = ceil(log10(b));
	if (db - da <= 1) { /* within one decade: that decade */
		*lo = pow(10, da);
		*hi = pow(10, db > da ? db : da + 1);
	} else {
		/* across decades: 1, 2 or 5 times a power of ten at each end,
		 * so that values just past a power of ten (a top layer's
		 * gradient std of 1.003) do not take a decade of their own;
		 * at least a decade */
		*hi = nice_log(b, true);
		*lo = nice_log(a, false);
		if (*hi / 10 <= a * (1 + 1e-9))
			*lo = *hi / 10;
	}
	/* past a double's ends (1e-324 is 0, 1e309 inf) the axis would
	 * take log10(0) or log10(inf) to an int: the least or the greatest
	 * double instead */
	if (!(*lo > 0))
		*lo = DBL_TRUE_MIN;
	if (!(*hi < INFINITY))
		*hi = DBL_MAX;
}

size_t iv_figure_ticks(double lo, double hi, size_t max, double *ticks)
{
	static const double mult[] = {1, 2, 5};
	if (!(hi >= lo) || max == 0 || !isfinite(lo) || !isfinite(hi))
		return 0;
	if (hi == lo) {
		ticks[0] = lo;
		return 1;
	}
	/* the smallest 1, 2 or 5 x 10^k step giving at most max ticks */
	double base = pow(10, floor(log10((hi - lo) / (double)max)));
	for (int e = 0; e < 3; e++)
		for (int m = 0; m < 3; m++) {
			double step = mult[m] * base * pow(10, e);
			double first = ceil(lo / step - 1e-9) * step;
			size_t n =
			    (size_t)floor((hi - first) / step + 1e-9) + 1;
			if (n > max)
				continue;
			for (size_t i = 0; i < n; i++)
				ticks[i] = first + (double)i * step;
			return n;
		}
	ticks[0] = lo;
	return 1;
}
