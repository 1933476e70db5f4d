/* SPDX-License-Identifier: MIT */
/* Distinct neurons: how many units of a layer compute different functions. */
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <initviz/net.h>
#include "distinct.h"

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

/* Keys are sums over rows; the rows are cut in parts, each summed on its
 * own (a thread takes a run of parts), then the parts added in order: a
 * function of the shape alone, never of the threads. */
struct keys {
	const double *a;
	size_t rows, cols, parts;
	unsigned threads;
	double down;
	bool finite; /* every entry: no tags to look for */
	double *part; /* parts x cols */
};

static void part_keys(const struct keys *k, size_t p)
{
	size_t r0 = k->rows * p / k->parts, r1 = k->rows * (p + 1) / k->parts;
	double *key = k->part + p * k->cols;
	for (size_t j = 0; j < k->cols; j++)
		key[j] = 0.0;
	for (size_t i = r0; i < r1; i++) { /* row by row: cache-friendly */
		const double *row = k->a + i * k->cols;
		double w = row_weight(i);
		if (k->finite)
			for (size_t j = 0; j < k->cols; j++)
				key[j] += w * (row[j] * k->down);
		else
			for (size_t j = 0; j < k->cols; j++)
				key[j] += w * scaled_or_tag(row[j], k->down);
	}
}

static void keys_task(void *ctx, unsigned t)
{
	const struct keys *k = ctx;
	size_t p0 = k->parts * t / k->threads,
	       p1 = k->parts * (t + 1) / k->threads;
	for (size_t p = p0; p < p1; p++)
		part_keys(k, p);
}

size_t iv_distinct_parts(size_t rows, size_t cols)
{
	size_t p = rows * cols / IV_PAR_MIN;
	p = p < IV_PAR_MAX ? p : IV_PAR_MAX;
	p = p < rows ? p : rows;
	return p < 1 ? 1 : p;
}

size_t iv_distinct_columns_on(iv_pool *pool, const double *a, size_t rows,
			      size_t cols, double amax, bool finite,
			      void *work)
{
	struct colkey *k = work;
	if (cols == 0)
		return 0;
	if (!(amax >= 0)) /* no finite entry */
		amax = 0;
	/* keys from values scaled by an exact power of two: no overflow */
	struct keys ks = {a,
			  rows,
			  cols,
			  iv_distinct_parts(rows, cols),
			  1,
			  ldexp(1.0, -iv_scale_exponent(amax)),
			  finite,
			  (double *)(k + cols)};
	unsigned cpus = iv_par_cpus();
	ks.threads = ks.parts < cpus ? (unsigned)ks.parts : cpus;
	iv_par_tasks(pool, ks.threads, keys_task, &ks);
	for (size_t j = 0; j < cols; j++) {
		double key = ks.part[j];
		for (size_t p = 1; p < ks.parts; p++)
			key += ks.part[p * cols + j];
		k[j] = (struct colkey){key, j};
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

size_t iv_distinct_columns(const double *a, size_t rows, size_t cols,
			   void *work)
{
	double amax = 0;
	bool finite = true;
	for (size_t i = 0; i < rows * cols; i++) {
		if (isfinite(a[i]))
			amax = fmax(amax, fabs(a[i]));
		else
			finite = false;
	}
	return iv_distinct_columns_on(NULL, a, rows, cols, amax, finite, work);
}
