/* SPDX-License-Identifier: MIT */
/* Columns, levels and the healthy band of the ratio strip. */
#include <math.h>
#include <stdio.h>
#include "view/ratios.h"

/* The steps column col of w covers: k0 + 1 .. k1 of the n there are
 * (none when k0 >= n); false for a column out of range. */
static bool span(const tui_train *t, int col, int w, size_t *k0, size_t *k1)
{
	size_t n = t->nratio;
	if (w < 1 || col < 0 || col >= w)
		return false;
	if (n <= (size_t)w) {
		*k0 = (size_t)col;
		*k1 = *k0 + 1;
	} else {
		*k0 = (size_t)col * n / (size_t)w;
		*k1 = (size_t)(col + 1) * n / (size_t)w;
	}
	return true;
}

bool tui_ratio_column_unwatched(const tui_train *t, int col, int w)
{
	size_t k0, k1, n = t->nratio;
	if (!span(t, col, w, &k0, &k1) || k0 >= n)
		return false;
	for (size_t k = k0; k < k1 && k < n; k++)
		if (tui_train_watched(t, k + 1))
			return false;
	return true;
}

bool tui_ratio_any_unwatched(const tui_train *t)
{
	for (size_t k = 1; k <= t->nratio; k++)
		if (!tui_train_watched(t, k))
			return true;
	return false;
}

double tui_ratio_column(const tui_train *t, size_t i, int col, int w, bool grad)
{
	size_t n = t->nratio, k0, k1;
	double sum = 0;
	size_t m = 0;
	if (!span(t, col, w, &k0, &k1))
		return NAN;
	for (size_t k = k0; k < k1 && k < n; k++) {
		double r = tui_train_ratio(t, k + 1, i, grad);
		if (!isnan(r)) {
			sum += log10(r);
			m++;
		}
	}
	return m ? sum / (double)m : NAN;
}

double tui_ratio_last(const tui_train *t, size_t i, bool grad)
{
	for (size_t k = t->nratio; k >= 1; k--) {
		double r = tui_train_ratio(t, k, i, grad);
		if (!isnan(r))
			return log10(r);
	}
	return NAN;
}

char *tui_ratio_text(double v, char *buf, size_t size)
{
	if (isnan(v))
		snprintf(buf, size, "-");
	else if (isinf(v)) /* a ratio of 0 (no update, no gradient) is
			    * "zero", as the report's table writes it */
		snprintf(buf, size, "%s", v > 0 ? "inf" : "zero");
	else if (fabs(v) < 99.95)
		snprintf(buf, size, "%.1f", v);
	else /* "-164", not "-164.0" cut to "-164." (a log10 of doubles'
	      * ratio is within +-650: four characters at most) */
		snprintf(buf, size, "%.0f", v);
	return buf;
}

int tui_ratio_level(double v)
{
	if (isnan(v))
		return 0;
	if (v < -6.5)
		return 1;
	if (v >= -0.5)
		return 8;
	return (int)floor(v + 0.5) + 8; /* the nearest decade's level */
}

bool tui_ratio_healthy(double v)
{
	return fabs(v - TUI_RATIO_HEALTHY) <= TUI_RATIO_BAND;
}

bool tui_ratio_weights_equal(const tui_train *t, size_t i)
{
	if (!t->w0 || i >= t->nrl || t->rl[i] < 1 || t->rl[i] > t->depth)
		return false;
	const double *w = t->w0 + 4 * (t->rl[i] - 1); /* mean rms min max */
	return w[2] == w[3];
}
