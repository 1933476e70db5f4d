/* SPDX-License-Identifier: MIT */
/* Internal: fork-join over a fixed partition, so results never depend on
 * how many threads ran. */
#ifndef IV_ENGINE_PAR_H
#define IV_ENGINE_PAR_H

#include <stddef.h>

#define IV_PAR_MAX 8     /* threads at most */
#define IV_BLOCK   32768 /* entries per block: a multiple of 8 */
#define IV_PAR_MIN 65536 /* entries per thread worth a thread */

/* Blocks of n entries: block b is [b IV_BLOCK, min(n, (b + 1) IV_BLOCK)). */
static inline size_t iv_par_nblocks(size_t n)
{
	return (n + IV_BLOCK - 1) / IV_BLOCK;
}

/* The processors this process may run on, at most IV_PAR_MAX and at most
 * iv_threads_limit's. */
unsigned iv_par_cpus(void);

/* Threads for n entries: the processors this process may run on, at most
 * IV_PAR_MAX, at most one per block and one per IV_PAR_MIN entries. */
unsigned iv_par_threads(size_t n);

/* Workers that wait between calls instead of being started for each: a
 * network owns one (its steps make hundreds of calls). Started when first
 * needed, joined by iv_pool_free (NULL is a no-op). Calls on one pool come
 * from one thread at a time. A NULL pool below starts threads per call. */
typedef struct iv_pool iv_pool;
iv_pool *iv_pool_alloc(void); /* NULL when out of memory */
void iv_pool_free(iv_pool *pool);

/* fn(ctx, t, b, begin, end) for every block b of n entries; thread t of
 * threads takes a contiguous run of blocks, in order. threads 0 picks
 * iv_par_threads(n). A thread that cannot be started leaves its blocks to
 * the caller's thread. Returns the number of threads used. */
typedef void iv_par_block_fn(void *ctx, unsigned t, size_t b, size_t begin,
			     size_t end);
unsigned iv_par_blocks(size_t n, unsigned threads, iv_par_block_fn *fn,
		       void *ctx);
unsigned iv_par_blocks_on(iv_pool *pool, size_t n, unsigned threads,
			  iv_par_block_fn *fn, void *ctx);

/* The same over entries [off, off + n) of a larger partition, off a
 * multiple of IV_BLOCK: fn gets begin, end from off on and b counted from
 * off / IV_BLOCK on, so that runs of blocks can be done one at a time. */
unsigned iv_par_range(iv_pool *pool, size_t off, size_t n, unsigned threads,
		      iv_par_block_fn *fn, void *ctx);

/* The same in rounds of IV_ROUND blocks, so that per-block results fit on
 * the stack: fn(ctx, t, b, begin, end) gets b within the round and begin,
 * end within x; after each round, fold(ctx, blocks) on the caller's thread
 * (rounds and blocks in order). threads 0 picks iv_par_threads per round. */
#define IV_ROUND 64
void iv_par_rounds(iv_pool *pool, size_t n, unsigned threads,
		   iv_par_block_fn *fn, void (*fold)(void *ctx, size_t blocks),
		   void *ctx);

/* fn(ctx, i) for i in 0..k-1, one thread each (k <= IV_PAR_MAX); i = 0 on
 * the caller's thread. For independent tasks of similar size. */
void iv_par_tasks(iv_pool *pool, unsigned k, void (*fn)(void *ctx, unsigned i),
		  void *ctx);

#endif
