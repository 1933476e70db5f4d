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

/* Scaled value, or a tag beyond every scaled finite value (|x| * down < 2),
 * so a NaN or Inf entry can't give the same key as a number. */
static double scaled_or_tag(double x, double down)
{
	if (isnan(x))
		return 4.0;
	if (isinf(x))
		return x > 0 ? 8.0 : -8.0;
	return x * down;
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
	for (size_t i = 0; i < rows * cols; i++)
		if (isfinite(a[i]))
			amax = fmax(amax, fabs(a[i]));
	/* keys from values scaled by an exact power of two: no overflow */
	int e = amax > 0 ? ilogb(amax) : 0;
	double down = ldexp(1.0, -(e < -1000 ? -1000 : e));
	for (size_t j = 0; j < cols; j++)
		k[j] = (struct colkey){0.0, j};
	for (size_t i = 0; i < rows; i++) { /* row by row: cache-friendly */
		const double *row = a + i * cols;
		double w = row_weight(i);
		for (size_t j = 0; j < cols; j++)
			k[j].key += w * scaled_or_tag(row[j], down);
	}
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
