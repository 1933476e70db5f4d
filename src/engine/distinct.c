/* SPDX-License-Identifier: MIT */
/* Distinct neurons: how many units of a layer compute different functions. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <initviz/net.h>

struct colkey {
	double key;
	size_t idx;
};

static int by_key(const void *pa, const void *pb)
{
	const struct colkey *a = pa, *b = pb;
	if (a->key < b->key)
		return -1;
	if (a->key > b->key)
		return 1;
	return a->idx < b->idx ? -1 : a->idx > b->idx;
}

/* A fixed weight in [1, 2) for row i, so that equal columns get equal keys
 * and different columns almost surely different ones. */
static double row_weight(size_t i)
{
	uint64_t z = (uint64_t)i * 0x9E3779B97F4A7C15ull;
	z = (z ^ (z >> 29)) * 0xBF58476D1CE4E5B9ull;
	z ^= z >> 32;
	return 1.0 + (double)(z & 0xffffffffu) / 4294967296.0;
}

static double finite_or_tag(double x)
{
	if (isnan(x))
		return 0.5;
	if (isinf(x))
		return x > 0 ? 1.0 : -1.0;
	return x;
}

static int same(double x, double y, double tol)
{
	if (x == y || (isnan(x) && isnan(y)))
		return 1;
	return fabs(x - y) <= tol; /* false for NaN against a number */
}

size_t iv_distinct_columns(const double *a, size_t rows, size_t cols,
                           void *work)
{
	struct colkey *k = work;
	double amax = 0;
	if (cols == 0)
		return 0;
	for (size_t j = 0; j < cols; j++)
		k[j] = (struct colkey){ 0.0, j };
	for (size_t i = 0; i < rows; i++) { /* row by row: cache-friendly */
		const double *row = a + i * cols;
		double w = row_weight(i);
		for (size_t j = 0; j < cols; j++) {
			double v = finite_or_tag(row[j]);
			k[j].key += w * v;
			amax = fmax(amax, fabs(v));
		}
	}
	for (size_t j = 0; j < cols; j++) /* scale-free keys for sorting */
		k[j].key = amax > 0 ? k[j].key / amax : 0.0;
	qsort(k, cols, sizeof *k, by_key);
	double tol = 1e-9 * amax;
	size_t distinct = 1;
	for (size_t j = 1; j < cols; j++) {
		size_t p = k[j - 1].idx, q = k[j].idx;
		size_t i = 0;
		while (i < rows && same(a[i * cols + p], a[i * cols + q], tol))
			i++;
		distinct += i < rows;
	}
	return distinct;
}
