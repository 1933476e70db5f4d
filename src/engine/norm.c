/* SPDX-License-Identifier: MIT */
/* Normalization by groups (norm.h): columns for batch norm, rows for layer
 * norm. Column runs go over the rows in order with one accumulator per
 * column (the loop over columns vectorises); a row's sums use eight lanes
 * folded in a fixed order. Either way a group's result does not depend on
 * the run it was computed in. */
#include <math.h>
#include <initviz/config.h>
#include "norm.h"
#include "vec.h"

#define LANES 8

IV_VEC_BEGIN

/* Fold eight lanes in a fixed order. */
static IV_VEC_INLINE double fold(const double s[LANES])
{
	return ((s[0] + s[1]) + (s[2] + s[3])) +
	       ((s[4] + s[5]) + (s[6] + s[7]));
}

IV_VEC_CLONES static double row_sum(const double *x, size_t n)
{
	double s[LANES] = {0};
	size_t k = 0;
	for (; k + LANES <= n; k += LANES)
		for (int t = 0; t < LANES; t++)
			s[t] += x[k + t];
	for (; k < n; k++)
		s[k % LANES] += x[k];
	return fold(s);
}

IV_VEC_CLONES static double row_ssd(const double *x, size_t n, double m)
{
	double s[LANES] = {0};
	size_t k = 0;
	for (; k + LANES <= n; k += LANES)
		for (int t = 0; t < LANES; t++) {
			double d = x[k + t] - m;
			s[t] += d * d;
		}
	for (; k < n; k++) {
		double d = x[k] - m;
		s[k % LANES] += d * d;
	}
	return fold(s);
}

IV_VEC_CLONES static void row_add(double *x, const double *b, size_t n)
{
	for (size_t k = 0; k < n; k++)
		x[k] += b[k];
}

/* Sums of d and of d u over a row, u = (x - m) is. */
IV_VEC_CLONES static void row_back_sums(const double *x, const double *d,
					size_t n, double m, double is,
					double *sd, double *sdu)
{
	double a[LANES] = {0}, c[LANES] = {0};
	size_t k = 0;
	for (; k + LANES <= n; k += LANES)
		for (int t = 0; t < LANES; t++) {
			double u = (x[k + t] - m) * is;
			a[t] += d[k + t];
			c[t] += d[k + t] * u;
		}
	for (; k < n; k++) {
		double u = (x[k] - m) * is;
		a[k % LANES] += d[k];
		c[k % LANES] += d[k] * u;
	}
	*sd = fold(a);
	*sdu = fold(c);
}

/* d = is (d - m1 - u m2) (+ add) over a row or a run of a row. */
IV_VEC_CLONES static void back_apply(const double *x, double *d,
				     const double *add, size_t n,
				     const double *m, const double *is,
				     const double *m1, const double *m2,
				     bool per_entry)
{
	/* per_entry: m, is, m1, m2 are indexed like x (a row of columns);
	 * otherwise they are one group's scalars */
	if (per_entry) {
		for (size_t k = 0; k < n; k++) {
			double u = (x[k] - m[k]) * is[k];
			double v = is[k] * (d[k] - m1[k] - u * m2[k]);
			d[k] = add ? v + add[k] : v;
		}
	} else {
		for (size_t k = 0; k < n; k++) {
			double u = (x[k] - *m) * *is;
			double v = *is * (d[k] - *m1 - u * *m2);
			d[k] = add ? v + add[k] : v;
		}
	}
}

IV_VEC_CLONES static void col_sum(const double *x, double *acc, size_t len)
{
	for (size_t k = 0; k < len; k++)
		acc[k] += x[k];
}

IV_VEC_CLONES static void col_ssd(const double *x, const double *mean,
				  double *acc, size_t len)
{
	for (size_t k = 0; k < len; k++) {
		double d = x[k] - mean[k];
		acc[k] += d * d;
	}
}

IV_VEC_CLONES static void col_back_sums(const double *x, const double *d,
					const double *m, const double *is,
					double *sd, double *sdu, size_t len)
{
	for (size_t k = 0; k < len; k++) {
		double u = (x[k] - m[k]) * is[k];
		sd[k] += d[k];
		sdu[k] += d[k] * u;
	}
}

IV_VEC_CLONES static void apply_run(const double *x, const double *m,
				    const double *is, double *u, size_t len,
				    bool per_entry)
{
	if (per_entry)
		for (size_t k = 0; k < len; k++)
			u[k] = (x[k] - m[k]) * is[k];
	else
		for (size_t k = 0; k < len; k++)
			u[k] = (x[k] - *m) * *is;
}

IV_VEC_END

void iv_norm_moments(iv_norm_kind k, double *x, size_t B, size_t n,
		     const double *bias, size_t g0, size_t g1, double *mean,
		     double *var)
{
	if (k == IV_NORM_LAYER) {
		for (size_t i = g0; i < g1; i++) {
			double *row = x + i * n;
			if (bias)
				row_add(row, bias, n);
			mean[i] = row_sum(row, n) / (double)n;
			var[i] = row_ssd(row, n, mean[i]) / (double)n;
		}
		return;
	}
	size_t len = g1 - g0;
	for (size_t j = g0; j < g1; j++)
		mean[j] = var[j] = 0;
	for (size_t i = 0; i < B; i++) {
		double *row = x + i * n + g0;
		if (bias)
			row_add(row, bias + g0, len);
		col_sum(row, mean + g0, len);
	}
	for (size_t j = g0; j < g1; j++)
		mean[j] /= (double)B;
	for (size_t i = 0; i < B; i++)
		col_ssd(x + i * n + g0, mean + g0, var + g0, len);
	for (size_t j = g0; j < g1; j++)
		var[j] /= (double)B;
}

void iv_norm_invert(double *var, size_t g0, size_t g1)
{
	for (size_t g = g0; g < g1; g++)
		var[g] = 1.0 / sqrt(var[g] + IV_NORM_EPS);
}

void iv_norm_apply(iv_norm_kind k, const double *x, size_t n,
		   const double *mean, const double *is, size_t begin,
		   size_t end, double *u)
{
	size_t j = begin % n, i = begin / n;
	for (size_t p = begin; p < end;) {
		size_t run = n - j < end - p ? n - j : end - p;
		if (k == IV_NORM_BATCH)
			apply_run(x + p, mean + j, is + j, u + (p - begin), run,
				  true);
		else
			apply_run(x + p, mean + i, is + i, u + (p - begin), run,
				  false);
		p += run;
		j = 0;
		i++;
	}
}

void iv_norm_backward(iv_norm_kind k, const double *x, size_t B, size_t n,
		      const double *mean, const double *is, double *d,
		      const double *add, size_t g0, size_t g1, double *sums)
{
	if (k == IV_NORM_LAYER) {
		for (size_t i = g0; i < g1; i++) {
			size_t o = i * n;
			double sd, sdu;
			row_back_sums(x + o, d + o, n, mean[i], is[i], &sd,
				      &sdu);
			double m1 = sd / (double)n, m2 = sdu / (double)n;
			back_apply(x + o, d + o, add ? add + o : NULL, n,
				   &mean[i], &is[i], &m1, &m2, false);
		}
		return;
	}
	size_t len = g1 - g0;
	double *m1 = sums + g0, *m2 = sums + n + g0;
	for (size_t j = 0; j < len; j++)
		m1[j] = m2[j] = 0;
	for (size_t i = 0; i < B; i++) {
		size_t o = i * n + g0;
		col_back_sums(x + o, d + o, mean + g0, is + g0, m1, m2, len);
	}
	for (size_t j = 0; j < len; j++) {
		m1[j] /= (double)B;
		m2[j] /= (double)B;
	}
	for (size_t i = 0; i < B; i++) {
		size_t o = i * n + g0;
		back_apply(x + o, d + o, add ? add + o : NULL, len, mean + g0,
			   is + g0, m1, m2, true);
	}
}
