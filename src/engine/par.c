/* SPDX-License-Identifier: MIT */
/* Fork-join with pthreads: a fixed partition into blocks, contiguous runs of
 * blocks per thread, the caller's thread taking the first run; the other
 * runs on a pool's waiting workers, or on threads started for the call. */
#define _GNU_SOURCE /* sched_getaffinity */
#include <pthread.h>
#include <sched.h>
#include <stdbool.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <time.h>
#include <initviz/threads.h>
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

static atomic_uint limit; /* iv_threads_limit's; 0: none */

unsigned iv_threads_limit(unsigned n)
{
	return atomic_exchange(&limit, n);
}

unsigned iv_par_cpus(void)
{
	cpu_set_t set;
	unsigned most = atomic_load(&limit);
	if (sched_getaffinity(0, sizeof set, &set) != 0)
		return 1;
	int c = CPU_COUNT(&set);
	if (most > 0 && c > 0 && (unsigned)c > most)
		c = (int)most;
	return c < 1 ? 1 : c > IV_PAR_MAX ? IV_PAR_MAX : (unsigned)c;
}

unsigned iv_par_threads(size_t n)
{
	if (n < (size_t)2 * IV_PAR_MIN)
		return 1;
	size_t t = iv_par_cpus(), by_work = n / IV_PAR_MIN,
	       by_blocks = iv_par_nblocks(n);
	t = t < by_work ? t : by_work;
	return (unsigned)(t < by_blocks ? t : by_blocks);
}

/* The worker pool (see par.h). Worker i (1..started) waits for a new
 * generation of work, runs part i when i <= want, and counts itself done. */
struct slot {
	iv_pool *pool;
	unsigned i;
	unsigned long seen; /* the generation it was started in */
};

struct iv_pool {
	pthread_mutex_t mu;
	pthread_cond_t go, done;
	pthread_t tid[IV_PAR_MAX];
	struct slot slot[IV_PAR_MAX];
	unsigned started, want;
	/* written under mu; read without it while spinning */
	atomic_uint pending;
	atomic_ulong gen;
	atomic_bool quit;
	void (*work)(void *arg, unsigned part);
	void *arg;
};

/* Before sleeping on a condition, a thread spins a short while (SPIN_NS)
 * for what it waits for: the passes hand work over every 0.1 ms or so,
 * and a processor that went idle between them can take long to come back
 * (on a virtual machine the second core did nothing useful for the whole
 * of a 60 ms computation that came after a pause; docs/performance.md). A
 * longer wait (the view idle between keys) sleeps. */
#define SPIN_NS 200000L

static long now_ns(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (long)t.tv_sec * 1000000000L + t.tv_nsec;
}

static void relax(void)
{
#if defined(__x86_64__) || defined(__i386__)
	__builtin_ia32_pause();
#endif
}

/* What a spinning thread waits for: a new generation of work (worker), or
 * every part done (caller). */
static bool arrived(iv_pool *p, bool for_work, unsigned long seen)
{
	if (for_work)
		return atomic_load_explicit(&p->gen, memory_order_acquire) !=
			   seen ||
		       atomic_load_explicit(&p->quit, memory_order_relaxed);
	return atomic_load_explicit(&p->pending, memory_order_acquire) == 0;
}

/* Spin until it arrives, at most SPIN_NS. */
static void spin(iv_pool *p, bool for_work, unsigned long seen)
{
	long t0 = now_ns();
	for (unsigned i = 1; !arrived(p, for_work, seen); i++) {
		relax();
		if (i % 64 == 0 && now_ns() - t0 > SPIN_NS)
			return;
	}
}

static void *worker(void *a)
{
	struct slot *s = a;
	iv_pool *p = s->pool;
	unsigned long seen = s->seen;
	pthread_mutex_lock(&p->mu);
	for (;;) {
		if (!p->quit && p->gen == seen) {
			pthread_mutex_unlock(&p->mu);
			spin(p, true, seen);
			pthread_mutex_lock(&p->mu);
		}
		while (!p->quit && p->gen == seen)
			pthread_cond_wait(&p->go, &p->mu);
		if (p->quit)
			break;
		seen = p->gen;
		if (s->i > p->want)
			continue;
		void (*work)(void *, unsigned) = p->work;
		void *arg = p->arg;
		pthread_mutex_unlock(&p->mu);
		work(arg, s->i);
		pthread_mutex_lock(&p->mu);
		if (--p->pending == 0)
			pthread_cond_signal(&p->done);
	}
	pthread_mutex_unlock(&p->mu);
	return NULL;
}

iv_pool *iv_pool_alloc(void)
{
	iv_pool *p = calloc(1, sizeof *p);
	if (!p)
		return NULL;
	if (pthread_mutex_init(&p->mu, NULL)) {
		free(p);
		return NULL;
	}
	if (pthread_cond_init(&p->go, NULL)) {
		pthread_mutex_destroy(&p->mu);
		free(p);
		return NULL;
	}
	if (pthread_cond_init(&p->done, NULL)) {
		pthread_cond_destroy(&p->go);
		pthread_mutex_destroy(&p->mu);
		free(p);
		return NULL;
	}
	return p;
}

void iv_pool_free(iv_pool *p)
{
	if (!p)
		return;
	pthread_mutex_lock(&p->mu);
	p->quit = true;
	pthread_cond_broadcast(&p->go);
	pthread_mutex_unlock(&p->mu);
	for (unsigned i = 1; i <= p->started; i++)
		pthread_join(p->tid[i], NULL);
	pthread_cond_destroy(&p->done);
	pthread_cond_destroy(&p->go);
	pthread_mutex_destroy(&p->mu);
	free(p);
}

/* work(arg, part) for parts 0..k-1: part 0 on the caller's thread, the
 * others on the pool's workers (started when first needed), or on fresh
 * threads without a pool; a part no thread takes runs on the caller's. */
static void dispatch(iv_pool *p, unsigned k,
		     void (*work)(void *arg, unsigned part), void *arg);

struct fresh {
	void (*work)(void *, unsigned);
	void *arg;
	unsigned part;
};

static void *run_fresh(void *a)
{
	struct fresh *f = a;
	f->work(f->arg, f->part);
	return NULL;
}

static void dispatch_fresh(unsigned k, void (*work)(void *, unsigned),
			   void *arg)
{
	struct fresh f[IV_PAR_MAX];
	pthread_t tid[IV_PAR_MAX];
	int started[IV_PAR_MAX] = {0};
	for (unsigned i = 1; i < k; i++) {
		f[i] = (struct fresh){work, arg, i};
		started[i] =
		    pthread_create(&tid[i], NULL, run_fresh, &f[i]) == 0;
	}
	work(arg, 0);
	for (unsigned i = 1; i < k; i++) {
		if (started[i])
			pthread_join(tid[i], NULL);
		else
			work(arg, i);
	}
}

static void dispatch(iv_pool *p, unsigned k,
		     void (*work)(void *arg, unsigned part), void *arg)
{
	if (k > IV_PAR_MAX)
		k = IV_PAR_MAX;
	if (k <= 1) {
		if (k == 1)
			work(arg, 0);
		return;
	}
	if (!p) {
		dispatch_fresh(k, work, arg);
		return;
	}
	pthread_mutex_lock(&p->mu);
	while (p->started + 1 < k) {
		struct slot *s = &p->slot[p->started + 1];
		*s = (struct slot){p, p->started + 1, p->gen};
		if (pthread_create(&p->tid[s->i], NULL, worker, s))
			break;
		p->started++;
	}
	unsigned m = p->started < k - 1 ? p->started : k - 1;
	p->work = work;
	p->arg = arg;
	p->want = m;
	atomic_store(&p->pending, m);
	p->gen++;
	pthread_cond_broadcast(&p->go);
	pthread_mutex_unlock(&p->mu);
	work(arg, 0);
	for (unsigned i = m + 1; i < k; i++) /* no worker for these */
		work(arg, i);
	spin(p, false, 0);
	pthread_mutex_lock(&p->mu);
	while (p->pending)
		pthread_cond_wait(&p->done, &p->mu);
	pthread_mutex_unlock(&p->mu);
}

struct runs {
	struct run r[IV_PAR_MAX];
};

static void run_part(void *arg, unsigned part)
{
	struct runs *rs = arg;
	run_blocks(&rs->r[part]);
}

static unsigned par_blocks(iv_pool *pool, size_t off, size_t boff, size_t n,
			   unsigned threads, iv_par_block_fn *fn, void *ctx)
{
	size_t nb = iv_par_nblocks(n);
	struct runs rs;
	if (threads == 0)
		threads = iv_par_threads(n);
	if (threads > IV_PAR_MAX)
		threads = IV_PAR_MAX;
	if (threads > nb)
		threads = (unsigned)nb;
	if (threads < 1)
		threads = 1; /* n = 0: the caller's thread, over no blocks */
	for (unsigned t = 0; t < threads; t++)
		rs.r[t] = (struct run){fn,
				       ctx,
				       t,
				       off,
				       n,
				       nb * t / threads,
				       nb * (t + 1) / threads,
				       boff};
	dispatch(pool, threads, run_part, &rs);
	return threads;
}

unsigned iv_par_blocks(size_t n, unsigned threads, iv_par_block_fn *fn,
		       void *ctx)
{
	return par_blocks(NULL, 0, 0, n, threads, fn, ctx);
}

unsigned iv_par_blocks_on(iv_pool *pool, size_t n, unsigned threads,
			  iv_par_block_fn *fn, void *ctx)
{
	return par_blocks(pool, 0, 0, n, threads, fn, ctx);
}

unsigned iv_par_range(iv_pool *pool, size_t off, size_t n, unsigned threads,
		      iv_par_block_fn *fn, void *ctx)
{
	return par_blocks(pool, off, off / IV_BLOCK, n, threads, fn, ctx);
}

void iv_par_rounds(iv_pool *pool, size_t n, unsigned threads,
		   iv_par_block_fn *fn, void (*fold)(void *ctx, size_t blocks),
		   void *ctx)
{
	const size_t round = (size_t)IV_ROUND * IV_BLOCK;
	for (size_t off = 0; off < n; off += round) {
		size_t m = n - off < round ? n - off : round;
		par_blocks(pool, off, 0, m, threads, fn, ctx);
		fold(ctx, iv_par_nblocks(m));
	}
}

void iv_par_tasks(iv_pool *pool, unsigned k, void (*fn)(void *ctx, unsigned i),
		  void *ctx)
{
	dispatch(pool, k, fn, ctx);
}
