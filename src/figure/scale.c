/* SPDX-License-Identifier: MIT */
/* Axis arithmetic of the figure: log ranges in whole decades, nice ticks. */
#include <math.h>
#include "figure/figure.h"

void iv_figure_log_range(const double *v, size_t n, double *lo, double *hi)
{
	double a = INFINITY, b = -INFINITY;
	for (size_t i = 0; i < n; i++)
		if (isfinite(v[i]) && v[i] > 0) {
			a = fmin(a, log10(v[i]));
			b = fmax(b, log10(v[i]));
		}
	if (a > b) { /* nothing to place */
		*lo = 0.1;
		*hi = 10;
		return;
	}
	a = floor(a);
	b = ceil(b);
	if (b - a < 1) /* a single power of ten: the decade around it */
		b = a + 1;
	*lo = pow(10, a);
	*hi = pow(10, b);
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
