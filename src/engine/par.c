/* SPDX-License-Identifier: MIT */
/* Fork-join with pthreads: a fixed partition into blocks, contiguous runs of
 * blocks per thread, the caller's thread taking the first run. */
#define _GNU_SOURCE /* sched_getaffinity */
#include <pthread.h>
#include <sched.h>
#include "par.h"

struct run {
	iv_par_block_fn *fn;
	void *ctx;
	unsigned t;
	size_t off, n, b0, b1; /* entries [off, off + n), blocks [b0, b1) */
	size_t boff;           /* added to the block numbers given to fn */
};

static void *run_blocks(void *arg)
{
	const struct run *r = arg;
	for (size_t b = r->b0; b < r->b1; b++) {
		size_t end = (b + 1) * IV_BLOCK;
		r->fn(r->ctx, r->t, r->boff + b, r->off + b * IV_BLOCK,
		      r->off + (end < r->n ? end : r->n));
	}
	return NULL;
}

static unsigned cpus(void)
{
	cpu_set_t set;
	if (sched_getaffinity(0, sizeof set, &set) != 0)
		return 1;
	int c = CPU_COUNT(&set);
	return c < 1 ? 1 : c > IV_PAR_MAX ? IV_PAR_MAX : (unsigned)c;
}

unsigned iv_par_threads(size_t n)
{
	if (n < (size_t)2 * IV_PAR_MIN)
		return 1;
	size_t t = cpus(), by_work = n / IV_PAR_MIN, by_blocks = iv_par_nblocks(n);
	t = t < by_work ? t : by_work;
	return (unsigned)(t < by_blocks ? t : by_blocks);
}

static unsigned par_blocks(size_t off, size_t boff, size_t n,
                           unsigned threads, iv_par_block_fn *fn, void *ctx)
{
	size_t nb = iv_par_nblocks(n);
	struct run r[IV_PAR_MAX];
	pthread_t tid[IV_PAR_MAX];
	int started[IV_PAR_MAX] = { 0 };
	if (threads == 0)
		threads = iv_par_threads(n);
	if (threads > IV_PAR_MAX)
		threads = IV_PAR_MAX;
	if (threads > nb)
		threads = (unsigned)nb;
	if (threads < 1)
		threads = 1; /* n = 0: the caller's thread, over no blocks */
	r[0] = (struct run){ fn, ctx, 0, off, n, 0, nb / threads, boff };
	for (unsigned t = 1; t < threads; t++)
		r[t] = (struct run){ fn, ctx, t, off, n, nb * t / threads,
		                     nb * (t + 1) / threads, boff };
	for (unsigned t = 1; t < threads; t++)
		started[t] = pthread_create(&tid[t], NULL, run_blocks, &r[t]) == 0;
	run_blocks(&r[0]);
	for (unsigned t = 1; t < threads; t++) {
		if (started[t])
			pthread_join(tid[t], NULL);
		else
			run_blocks(&r[t]);
	}
	return threads;
}

unsigned iv_par_blocks(size_t n, unsigned threads, iv_par_block_fn *fn,
                       void *ctx)
{
	return par_blocks(0, 0, n, threads, fn, ctx);
}

unsigned iv_par_range(size_t off, size_t n, unsigned threads,
                      iv_par_block_fn *fn, void *ctx)
{
	return par_blocks(off, off / IV_BLOCK, n, threads, fn, ctx);
}

void iv_par_rounds(size_t n, unsigned threads, iv_par_block_fn *fn,
                   void (*fold)(void *ctx, size_t blocks), void *ctx)
{
	const size_t round = (size_t)IV_ROUND * IV_BLOCK;
	for (size_t off = 0; off < n; off += round) {
		size_t m = n - off < round ? n - off : round;
		par_blocks(off, 0, m, threads, fn, ctx);
		fold(ctx, iv_par_nblocks(m));
	}
}

struct task {
	void (*fn)(void *, unsigned);
	void *ctx;
	unsigned i;
};

static void *run_task(void *arg)
{
	struct task *k = arg;
	k->fn(k->ctx, k->i);
	return NULL;
}

void iv_par_tasks(unsigned k, void (*fn)(void *ctx, unsigned i), void *ctx)
{
	struct task tk[IV_PAR_MAX];
	pthread_t tid[IV_PAR_MAX];
	int started[IV_PAR_MAX] = { 0 };
	if (k > IV_PAR_MAX)
		k = IV_PAR_MAX;
	for (unsigned i = 1; i < k; i++) {
		tk[i] = (struct task){ fn, ctx, i };
		started[i] = pthread_create(&tid[i], NULL, run_task, &tk[i]) == 0;
	}
	if (k > 0)
		fn(ctx, 0);
	for (unsigned i = 1; i < k; i++) {
		if (started[i])
			pthread_join(tid[i], NULL);
		else
			fn(ctx, i);
	}
}
