/* SPDX-License-Identifier: MIT */
/* The machine's floor for a configuration: what any program doing the
 * report's work with the same arrays, the same numbers and the same BLAS
 * must spend beside its matrix products. Each part is timed alone, with
 * nothing else to do, on the two threads the engine uses:
 *
 *   touch  bringing in every page of the arrays held (weights, Z and H
 *          of every layer, the input: bench_required) as the engine does:
 *          MADV_POPULATE_WRITE where Linux has it, else one byte written
 *          a page; a fresh page costs the kernel a clear and, on a
 *          virtual machine that gives free memory back to its host, the
 *          host a fault of its own
 *   free   giving those pages back (what the process's end costs too)
 *   draws  the L n^2 weights of GSL's ziggurat on the engine's
 *          generator (init.h), drawn as the engine draws them (gauss.h),
 *          into memory already touched: a seed must give the numbers it
 *          always gave
 *   reads  what the report's statistics and histograms must read back
 *          from memory, once the arrays are written: an equal-width
 *          histogram over [min, max] bins an entry only after the array's
 *          min and max are known, and at these widths an array is past
 *          the cache by then. The weights are read once (their sum, min
 *          and max could be taken while they are drawn) and dW twice (the
 *          product writes it: min and max, then the bins); Z, H, g and dZ
 *          once (their min and max taken where they are written). That is
 *          L (3 n^2 + 4 n batch) doubles, summed on two threads
 *
 * The products, the other part of the floor, are phases.c's. Reading
 * counts only the bytes: the sums, the binning and the elementwise work
 * cost more. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include "engine/gauss.h"
#include "engine/init.h"
#include "engine/par.h"
#include "engine/vec.h"
#include "bench.h"

enum { FLOOR_THREADS = 2 };

struct touch_job {
	volatile char *at;
	size_t bytes, page;
};

#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23 /* Linux's, for older headers */
#endif
static void touch_part(void *ctx, unsigned k)
{
	struct touch_job *j = (struct touch_job *)ctx + k;
	/* the whole pages inside the part in one call, as the engine's
	 * populate (net.c); the part's two ends, in pages shared with the
	 * next part, by a write */
	uintptr_t page = j->page, at = (uintptr_t)j->at;
	uintptr_t a = (at + page - 1) & ~(page - 1);
	uintptr_t b = (at + j->bytes) & ~(page - 1);
	if (j->bytes && b > a &&
	    madvise((void *)a, b - a, MADV_POPULATE_WRITE) == 0) {
		j->at[0] = 1;
		j->at[j->bytes - 1] = 1;
		return;
	}
	for (size_t i = 0; i < j->bytes; i += j->page)
		j->at[i] = 1;
}

/* Seconds to first-touch bytes from FLOOR_THREADS threads (the engine's
 * own task runner), then to free them. -1 when memory is refused. */
static int time_touch(size_t bytes, double *touch, double *release)
{
	size_t page = (size_t)sysconf(_SC_PAGESIZE), part;
	char *block = malloc(bytes);
	struct touch_job job[FLOOR_THREADS];
	if (!block)
		return -1;
	part = (bytes / FLOOR_THREADS + page - 1) / page * page;
	for (int k = 0; k < FLOOR_THREADS; k++) {
		size_t at = (size_t)k * part;
		job[k] = (struct touch_job){ block + at,
		                             at < bytes ? (bytes - at < part
		                                           ? bytes - at : part)
		                                        : 0, page };
	}
	double t = bench_now();
	iv_par_tasks(NULL, FLOOR_THREADS, touch_part, job);
	double t1 = bench_now();
	free(block);
	double t2 = bench_now();
	*touch = t1 - t;
	*release = t2 - t1;
	return 0;
}

struct draw_job {
	double *into; /* n^2, touched before the clock starts */
	size_t count, layers;
	unsigned long seed;
	int failed;
};

static void draw_part(void *ctx, unsigned k)
{
	struct draw_job *j = (struct draw_job *)ctx + k;
	gsl_rng *r = gsl_rng_alloc(IV_RNG);
	if (!r) {
		j->failed = 1;
		return;
	}
	for (size_t l = 0; l < j->layers; l++) {
		gsl_rng_set(r, j->seed + l);
		iv_gauss_fill(r, 1.0, j->into, j->count);
	}
	gsl_rng_free(r);
}

/* Seconds to draw depth layers of n x n normal numbers, the layers shared
 * by FLOOR_THREADS threads as the engine shares them. */
static int time_draws(size_t n, size_t depth, double *secs)
{
	struct draw_job job[FLOOR_THREADS];
	int rc = 0;
	for (int k = 0; k < FLOOR_THREADS; k++) {
		job[k] = (struct draw_job){ calloc(n * n, sizeof(double)),
		                            n * n,
		                            depth / FLOOR_THREADS +
		                                    ((size_t)k < depth %
		                                     FLOOR_THREADS),
		                            1 + (unsigned long)k * depth, 0 };
		if (!job[k].into)
			rc = -1;
		else /* calloc's fresh pages may be untouched: touch them */
			for (size_t i = 0; i < n * n; i++)
				job[k].into[i] = 0.5;
	}
	double t = bench_now();
	if (rc == 0)
		iv_par_tasks(NULL, FLOOR_THREADS, draw_part, job);
	*secs = bench_now() - t;
	for (int k = 0; k < FLOOR_THREADS; k++) {
		rc |= -job[k].failed;
		free(job[k].into);
	}
	return rc;
}

struct read_job {
	const double *at;
	size_t count, times;
	double sum;
};

/* Plain sums in eight lanes, vectorised for the processor at hand (the
 * engine's vec.h), so that the loop waits on memory, not on the adds; the
 * result is kept so that the reads are not elided. */
IV_VEC_BEGIN
IV_VEC_CLONES static double read_sum(const double *x, size_t n, size_t times)
{
	double s[8] = { 0 }, total = 0;
	for (size_t t = 0; t < times; t++) {
		size_t i = 0;
		for (; i + 8 <= n; i += 8)
			for (int q = 0; q < 8; q++)
				s[q] += x[i + q];
		for (; i < n; i++)
			total += x[i];
	}
	for (int q = 0; q < 8; q++)
		total += s[q];
	return total;
}
IV_VEC_END

static void read_part(void *ctx, unsigned k)
{
	struct read_job *j = (struct read_job *)ctx + k;
	j->sum = read_sum(j->at, j->count, j->times);
}

/* Seconds to read count doubles times times, halves on FLOOR_THREADS
 * threads, after writing them. */
static int time_reads(double *a, size_t count, size_t times, double *secs)
{
	struct read_job job[FLOOR_THREADS];
	size_t part = (count + FLOOR_THREADS - 1) / FLOOR_THREADS;
	for (size_t i = 0; i < count; i++)
		a[i] = (double)(i & 1023);
	for (int k = 0; k < FLOOR_THREADS; k++) {
		size_t at = (size_t)k * part;
		size_t m = at < count ? (count - at < part ? count - at : part)
		                      : 0;
		job[k] = (struct read_job){ a + at, m, times, 0 };
	}
	double t = bench_now();
	iv_par_tasks(NULL, FLOOR_THREADS, read_part, job);
	*secs = bench_now() - t;
	volatile double keep = job[0].sum + job[1].sum;
	(void)keep;
	return 0;
}

/* The reads above for c: the weights' shape three times, the four
 * activation-shaped arrays of every layer once. */
static int time_content_reads(const struct bench_cfg *c, double *secs)
{
	size_t n = c->width, L = c->depth;
	size_t wcount = L * n * n, acount = 4 * L * n * c->batch;
	double *w = malloc(wcount * sizeof *w), *a = malloc(acount * sizeof *a);
	double tw = 0, ta = 0;
	int rc = w && a ? 0 : -1;
	if (rc == 0)
		rc = time_reads(w, wcount, 3, &tw) | time_reads(a, acount, 1, &ta);
	free(w);
	free(a);
	*secs = tw + ta;
	return rc;
}

int bench_floor_run(const struct bench_cfg *c, int reps, struct bench_floor *f)
{
	*f = (struct bench_floor){ INFINITY, INFINITY, INFINITY, INFINITY };
	for (int r = 0; r < reps; r++) {
		double touch, release, draws, reads;
		if (time_touch((size_t)bench_required(c), &touch, &release) ||
		    time_draws(c->width, c->depth, &draws) ||
		    time_content_reads(c, &reads))
			return -1;
		f->touch = fmin(f->touch, touch);
		f->release = fmin(f->release, release);
		f->draws = fmin(f->draws, draws);
		f->reads = fmin(f->reads, reads);
	}
	return 0;
}
