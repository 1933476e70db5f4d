/* SPDX-License-Identifier: MIT */
/* Internal: statistics block by block, so that a pass that already reads a
 * matrix (the forward activation) can take the first statistics pass, and
 * threads can share the work with results independent of their number. */
#ifndef IV_ENGINE_STATS_IMPL_H
#define IV_ENGINE_STATS_IMPL_H

#include <stdbool.h>
#include <initviz/stats.h>

#define IV_LANES 8 /* independent accumulators: no loop-carried latency */

/* Pass 1 (sum, min, max) of one block, taken in pieces: entry k of the
 * block goes to lane k % IV_LANES, so pieces must be multiples of
 * IV_LANES long except the block's last. */
typedef struct {
	double s[IV_LANES], mn[IV_LANES], mx[IV_LANES];
	size_t n;
} iv_lanes;
void iv_lanes_start(iv_lanes *a);
void iv_lanes_add(iv_lanes *a, const double *x, size_t n);

/* A block's pass-1 result. */
typedef struct {
	double sum, min, max;
} iv_part1;
iv_part1 iv_lanes_end(const iv_lanes *a);

/* Statistics of x (n entries) given the pass-1 results of its blocks
 * (par.h's partition), p1[b] for block b. threads: 0 picks, 1 serial; the
 * results are the same for every thread count, and equal to
 * iv_stats_compute's. */
iv_status iv_stats_from_parts(iv_stats *s, const double *x, size_t n,
			      const iv_part1 *p1, unsigned threads);

/* The same statistics a run of blocks at a time (resumable): start, then
 * step until it returns true. Pass 1 (skipped when p1 is given), pass 2
 * and the histogram fold the same blocks in the same order as
 * iv_stats_compute, so the results are bit for bit the same whatever the
 * runs. Data that needs the exact serial path (NaN, Inf, magnitudes whose
 * squares overflow or underflow) is done in one step. */
struct iv_pool;
typedef struct {
	iv_stats *s;
	struct iv_pool *pool; /* threads to run on (par.h); NULL: per call */
	const double *x;
	size_t n, pos; /* entries; entries done in the current pass */
	int pass;      /* 1, 2, then 3: done */
	iv_part1 total;
	double lo, hi, q, c; /* histogram range; pass-2 sums */
	iv_status st;        /* of the serial path */
	bool bin;            /* the histogram too (iv_stats_start: true) */
} iv_stats_job;
void iv_stats_start(iv_stats_job *j, iv_stats *s, const double *x, size_t n,
		    const iv_part1 *p1);
/* The same, running on pool's workers (par.h). */
void iv_stats_start_on(iv_stats_job *j, struct iv_pool *pool, iv_stats *s,
		       const double *x, size_t n, const iv_part1 *p1);
/* At most max entries (whole blocks, at least one) on threads threads (0
 * picks); *done gets the entries read. True when finished. */
bool iv_stats_step(iv_stats_job *j, size_t max, unsigned threads, size_t *done);

/* The range over which the statistics s bin their histogram: [min, max]
 * widened as iv_stats_compute widens it; [0, 1] with no finite entry. */
void iv_stats_hist_range(const iv_stats *s, double *lo, double *hi);

/* iv_stats_compute on a given number of threads (0 picks). */
iv_status iv_stats_compute_threads(iv_stats *s, const double *x, size_t n,
				   unsigned threads);

#endif
