/* SPDX-License-Identifier: MIT */
/* The network: storage (a few large blocks), reading and re-binning. The
 * random draws are in draw.c, the stepped passes in step.c. */
#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <string.h>
#include <gsl/gsl_blas.h>
#include <gsl/gsl_errno.h>
#include <initviz/act.h>
#include <initviz/net.h>
#include "gemm.h"
#include "init.h"
#include "net_impl.h"
#include "par.h"

static const char *const quantity_names[] = {
#define IV_X(e, n) [e] = n,
    IV_QUANTITY_LIST(IV_X)
#undef IV_X
};

const char *iv_quantity_name(iv_quantity q)
{
	return (unsigned)q < IV_Q_COUNT ? quantity_names[q] : NULL;
}

struct release {
	double *block;
	size_t bytes;
};

/* Give the pages back a few megabytes at a time before the free: munmap
 * holds the process's memory map for as long as it takes, so that the
 * next network's allocation would wait for all of it; madvise only for
 * its slice. Whole pages strictly inside the block only (malloc keeps its
 * bookkeeping just outside). */
#define RELEASE_SLICE ((size_t)8 << 20)
static void *release(void *arg)
{
	struct release *r = arg;
#ifdef MADV_DONTNEED
	const uintptr_t page = 4096;
	uintptr_t lo = ((uintptr_t)r->block + page - 1) & ~(page - 1);
	uintptr_t hi = ((uintptr_t)r->block + r->bytes) & ~(page - 1);
	for (uintptr_t p = lo; p < hi; p += RELEASE_SLICE) {
		size_t len = hi - p < RELEASE_SLICE ? hi - p : RELEASE_SLICE;
		(void)madvise((void *)p, len, MADV_DONTNEED);
	}
#endif
	free(r->block);
	free(r);
	return NULL;
}

/* Free the arena; when asked, a large one on a thread of its own, since
 * giving its pages back to the system takes time in proportion to the pages
 * written (0.1 s for a deep network's 0.9 GB) and the caller may be
 * answering a key. Small arenas, or no thread to be had: at once. */
#define RELEASE_AWAY ((size_t)64 << 20)
void iv_net_release(double *arena, size_t bytes, bool away_ok)
{
	pthread_attr_t a;
	pthread_t t;
	struct release *r = NULL;
	if (away_ok && arena && bytes >= RELEASE_AWAY &&
	    (r = malloc(sizeof *r)) && pthread_attr_init(&a) == 0) {
		*r = (struct release){arena, bytes};
		bool away = pthread_attr_setdetachstate(
				&a, PTHREAD_CREATE_DETACHED) == 0 &&
			    pthread_create(&t, &a, release, r) == 0;
		pthread_attr_destroy(&a);
		if (away)
			return;
	}
	free(r);
	free(arena);
}

static void net_free(iv_net *net, bool away_ok)
{
	if (!net)
		return;
	if (net->ls)
		for (size_t l = 1; l <= net->L; l++)
			for (int q = 0; q < IV_Q_COUNT; q++)
				iv_stats_done(&net->ls[l].q[q]);
	for (int k = 0; k < 3; k++)
		if (net->rng[k])
			gsl_rng_free(net->rng[k]);
	iv_pool_free(net->pool); /* joins its workers */
	iv_net_draws_free(net, away_ok);
	iv_net_release(net->arena, net->arena_bytes, away_ok);
	free(net->mats);
	free(net->vecs);
	free(net->W);
	free(net->b);
	free(net->H);
	free(net->Z);
	free(net->G);
	free(net->A);
	free(net->mu);
	free(net->is);
	free(net->kind);
	free(net->sums);
	free(net->work);
	free(net->p1[0]);
	free(net->p1[1]);
	free(net->alive);
	free(net->ls);
	free(net->n);
	free(net->drawn);
	free(net->rows);
	free(net);
}

void iv_net_free(iv_net *net)
{
	net_free(net, false);
}
void iv_net_free_later(iv_net *net)
{
	net_free(net, true);
}

/* A rows x cols matrix header over the arena at *at, moving *at on. */
static gsl_matrix *carve(gsl_matrix **next, double **at, size_t rows,
			 size_t cols)
{
	gsl_matrix *m = (*next)++;
	*m = gsl_matrix_view_array(*at, rows, cols).matrix;
	*at += rows * cols;
	return m;
}

/* Doubles of a layer's normalization statistics (means, inverse stds). */
static size_t norm_doubles(const iv_net *net, size_t l)
{
	return 2 * iv_net_norm_groups(net, l);
}

/* Doubles of the arena: W, b, Z, H (and G, A, the normalization's
 * statistics) of every layer, H_0, the gradient scratch (dW; dz, g's two
 * buffers or both). SIZE_MAX when that does not fit a size_t. */
static size_t arena_size(const iv_net *net)
{
	size_t B = net->B, total = B * net->n[0], per;
	for (size_t l = 1; l <= net->L; l++) {
		size_t n = net->n[l], m = net->n[l - 1];
		if (n > SIZE_MAX / 8 / (m + 1 + 4 * B) || B > SIZE_MAX / 8 / 4)
			return SIZE_MAX;
		per = n * (m + 1 + (net->cfg.retain ? 3 : 2) * B) +
		      (IV_KIND(net, l) == IV_LAYER_RESIDUAL ? B * m : 0) +
		      norm_doubles(net, l);
		if (total > SIZE_MAX / 8 - per)
			return SIZE_MAX;
		total += per;
	}
	per =
	    net->maxw + (net->cfg.retain ? 1 : 2) * B * net->maxn; /* scratch */
	if (net->cfg.residual && !net->cfg.retain)
		per += B * net->maxn; /* dz beside g */
	return total > SIZE_MAX / 8 - per ? SIZE_MAX : total + per;
}

/* A block's pages, brought in on the pool's threads (iv_net_populate, and
 * the input's at allocation, which its draw writes at once: else their
 * faults come one at a time on the drawing thread). The kernel fills a
 * range of pages in one call faster than it takes their faults one at a
 * time as the passes first write them: big's 488 MiB in 0.065 s on 2
 * threads, against 0.10 s by first writes (docs/performance.md). Linux
 * 5.14's MADV_POPULATE_WRITE; where it is missing or refused, the pages
 * come on first write as before. Blocks under min bytes are left to their
 * writes. */
#define POPULATE_MIN ((size_t)16 << 20)
#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23 /* Linux's, for older headers */
#endif
struct populate {
	uintptr_t lo, hi;
	unsigned parts;
};

static void populate_part(void *ctx, unsigned i)
{
	const struct populate *p = ctx;
	const uintptr_t page = 4096;
	uintptr_t pages = (p->hi - p->lo) / page,
		  a = p->lo + pages * i / p->parts * page,
		  b = p->lo + pages * (i + 1) / p->parts * page;
	if (b > a)
		(void)madvise((void *)a, b - a, MADV_POPULATE_WRITE);
}

static void populate(iv_pool *pool, void *block, size_t bytes, size_t min)
{
#ifdef __linux__
	const uintptr_t page = 4096;
	struct populate p = {((uintptr_t)block + page - 1) & ~(page - 1),
			     ((uintptr_t)block + bytes) & ~(page - 1),
			     iv_par_cpus()};
	if (bytes < min || p.hi <= p.lo)
		return;
	iv_par_tasks(pool, p.parts, populate_part, &p);
#else
	(void)pool;
	(void)block;
	(void)bytes;
	(void)min;
#endif
}

void iv_net_expect_repeats(void)
{
	iv_gemm_prepare_all();
}

void iv_net_populate(iv_net *net)
{
	if (net->resident)
		return;
	populate(net->pool, net->arena, net->arena_bytes, POPULATE_MIN);
	net->resident = true;
}

/* Every layer's matrices are views of one block (one free for the whole
 * network, however deep); the histograms and scratch are separate. */
static iv_status allocate(iv_net *net)
{
	size_t L = net->L, B = net->B, doubles = arena_size(net);
	/* arrays of pointers to matrices: sizeof a pointer is meant */
	/* NOLINTBEGIN(bugprone-sizeof-expression) */
	net->W = calloc(L + 1, sizeof *net->W);
	net->b = calloc(L + 1, sizeof *net->b);
	net->H = calloc(L + 1, sizeof *net->H);
	net->Z = calloc(L + 1, sizeof *net->Z);
	net->ls = calloc(L + 1, sizeof *net->ls);
	net->drawn = calloc(L + 1, sizeof *net->drawn);
	net->rows = calloc(L + 1, sizeof *net->rows);
	if (net->cfg.retain)
		net->G = calloc(L + 1, sizeof *net->G);
	net->A = calloc(L + 1, sizeof *net->A);
	net->mu = calloc(L + 1, sizeof *net->mu);
	net->is = calloc(L + 1, sizeof *net->is);
	/* NOLINTEND(bugprone-sizeof-expression) */
	net->mats = calloc(5 * L + 1, sizeof *net->mats);
	net->vecs = calloc(L + 1, sizeof *net->vecs);
	net->sums = malloc(2 * net->maxn * sizeof *net->sums);
	if (!net->W || !net->b || !net->H || !net->Z || !net->ls ||
	    !net->drawn || !net->rows || (net->cfg.retain && !net->G) ||
	    !net->mats || !net->vecs || !net->A || !net->mu || !net->is ||
	    !net->sums || doubles == SIZE_MAX)
		return IV_ENOMEM;
	for (size_t l = 1; l <= L; l++) /* its memory before the arena's */
		iv_gemm_prepare(B, net->n[l - 1], net->n[l]);
	if (net->arena && net->arena_bytes / sizeof(double) < doubles) {
		/* A donated block too small: a large one is grown (glibc moves
		 * its pages rather than copying them or giving them back, which
		 * would take the time release_arena keeps off a caller), a
		 * small one replaced. */
		double *grown = NULL;
		if (net->arena_bytes >= RELEASE_AWAY)
			grown = realloc(net->arena, doubles * sizeof(double));
		if (!grown)
			free(net->arena);
		net->arena = grown;
		net->arena_bytes = grown ? doubles * sizeof(double) : 0;
		net->resident = false; /* its new pages are not */
	}
	if (!net->arena) {
		if (!(net->arena = malloc(doubles * sizeof(double))))
			return IV_ENOMEM;
		net->arena_bytes = doubles * sizeof(double);
		net->resident = false;
	}
	gsl_matrix *next = net->mats;
	double *at = net->arena;
	net->H[0] = carve(&next, &at, B, net->n[0]);
	for (size_t l = 1; l <= L; l++) {
		net->W[l] = carve(&next, &at, net->n[l], net->n[l - 1]);
		net->Z[l] = carve(&next, &at, B, net->n[l]);
		net->H[l] = carve(&next, &at, B, net->n[l]);
		if (net->G)
			net->G[l] = carve(&next, &at, B, net->n[l]);
		if (IV_KIND(net, l) == IV_LAYER_RESIDUAL)
			net->A[l] = carve(&next, &at, B, net->n[l - 1]);
		if (norm_doubles(net, l)) {
			net->mu[l] = at;
			net->is[l] = at + norm_doubles(net, l) / 2;
			at += norm_doubles(net, l);
		}
		net->vecs[l] = gsl_vector_view_array(at, net->n[l]).vector;
		net->b[l] = &net->vecs[l];
		at += net->n[l];
		for (int q = 0; q < IV_Q_COUNT; q++)
			if (net->cfg.no_histograms)
				iv_stats_init_bare(&net->ls[l].q[q]);
			else if (iv_stats_init(&net->ls[l].q[q],
					       net->cfg.bins))
				return IV_ENOMEM;
	}
	for (int k = 0; k < 3; k++)
		if (!(net->rng[k] = gsl_rng_alloc(IV_RNG)))
			return IV_ENOMEM;
	net->dw = at;
	at += net->maxw;
	if (net->G) {
		net->dz = at;
	} else {
		net->gbuf[0] = at;
		net->gbuf[1] = at + B * net->maxn;
		if (net->cfg.residual)
			net->dz = at + 2 * B * net->maxn;
	}
	size_t nb = iv_par_nblocks(B * net->maxn);
	net->work = malloc(IV_DISTINCT_WORK(net->maxn));
	net->p1[0] = malloc(nb * sizeof *net->p1[0]);
	net->p1[1] = malloc(nb * sizeof *net->p1[1]);
	net->alive = malloc(IV_PAR_MAX * net->maxn);
	net->pool = iv_pool_alloc();
	iv_gemm_setup(); /* before any draw: an orthogonal QR calls BLAS */
	return net->work && net->p1[0] && net->p1[1] && net->alive && net->pool
		   ? IV_OK
		   : IV_ENOMEM;
}

/* iv_net_alloc, taking over arena (bytes long; NULL: none) when it is
 * large enough, else freeing it. */
static iv_net *net_alloc(const iv_config *cfg, iv_status *st, double *arena,
			 size_t bytes, bool resident)
{
	iv_status dummy;
	iv_net *net;
	if (!st)
		st = &dummy;
	gsl_set_error_handler_off(); /* GSL's default handler aborts */
	if ((*st = iv_config_validate(cfg)) != IV_OK ||
	    (cfg->max_memory > 0 && iv_config_memory(cfg) > cfg->max_memory)) {
		if (*st == IV_OK)
			*st = IV_ETOOBIG;
		free(arena);
		return NULL;
	}
	if (!(net = calloc(1, sizeof *net))) {
		*st = IV_ENOMEM;
		free(arena);
		return NULL;
	}
	net->arena = arena;
	net->arena_bytes = bytes;
	net->resident = arena && resident;
	net->cfg = *cfg;
	net->L = cfg->depth;
	net->B = cfg->batch;
	if (!(net->n = malloc((net->L + 1) * sizeof *net->n))) {
		free(net->arena);
		free(net);
		*st = IV_ENOMEM;
		return NULL;
	}
	for (size_t l = 0; l <= net->L; l++) {
		net->n[l] = iv_config_units(cfg, l);
		if (net->n[l] > net->maxn)
			net->maxn = net->n[l];
		if (l > 0 && net->n[l] * net->n[l - 1] > net->maxw)
			net->maxw = net->n[l] * net->n[l - 1];
	}
	net->budget = IV_STEP_WORK;
	if (!(net->kind = malloc(net->L + 1))) {
		iv_net_free(net);
		*st = IV_ENOMEM;
		return NULL;
	}
	for (size_t l = 1; l <= net->L; l++)
		net->kind[l] = (unsigned char)iv_config_layer_kind(cfg, l);
	net->alpha = iv_config_res_scale(cfg);
	if ((*st = allocate(net)) == IV_OK && !net->resident) /* drawn now */
		populate(net->pool, net->H[0]->data,
			 net->B * net->n[0] * sizeof(double), 0);
	if (*st != IV_OK || (*st = iv_net_draw_input(net)) != IV_OK) {
		iv_net_free(net);
		return NULL;
	}
	iv_net_restart(net);
	return net;
}

iv_net *iv_net_alloc(const iv_config *cfg, iv_status *st)
{
	return net_alloc(cfg, st, NULL, 0, false);
}

/* Whether cfg gives net's shapes: every array and histogram the same size. */
static bool same_shapes(const iv_net *net, const iv_config *cfg)
{
	if (cfg->depth != net->L || cfg->batch != net->B ||
	    cfg->bins != net->cfg.bins || cfg->retain != net->cfg.retain ||
	    cfg->no_histograms != net->cfg.no_histograms ||
	    cfg->residual != net->cfg.residual || cfg->norm != net->cfg.norm)
		return false;
	for (size_t l = 0; l <= net->L; l++)
		if (iv_config_units(cfg, l) != net->n[l])
			return false;
	return true;
}

/* Whether a and b (of the same shapes) draw the same input. */
static bool same_input(const iv_config *a, const iv_config *b)
{
	return a->seed == b->seed && a->input == b->input;
}

/* Whether a and b (of the same shapes) draw the same weights and biases:
 * everything but what only the passes read (the activation) and the limit
 * is the same. Conservative: some fields compared draw nothing. */
static bool same_weights(const iv_config *a, const iv_config *b)
{
	if (!same_input(a, b) || a->init != b->init || a->mode != b->mode ||
	    a->nwidths != b->nwidths || a->width != b->width)
		return false;
	const double x[] = {a->std,  a->value,    a->gain,
			    a->bias, a->bias_std, a->res_scale};
	const double y[] = {b->std,  b->value,    b->gain,
			    b->bias, b->bias_std, b->res_scale};
	for (size_t i = 0; i < sizeof x / sizeof x[0]; i++)
		if (!(x[i] == y[i] || (isnan(x[i]) && isnan(y[i]))) ||
		    signbit(x[i]) != signbit(y[i]))
			return false;
	for (size_t i = 0; i < a->nwidths && i < IV_WIDTHS_MAX; i++)
		if (a->widths[i] != b->widths[i])
			return false;
	return true;
}

/* Draw cfg (valid, within its limit, of net's shapes) into net's memory
 * and start both passes over. What net already holds as cfg would draw it
 * is kept: the input when the seed and the input kind are the same, each
 * layer drawn whole when only the activation changed and no trainer has
 * had the weights (a change of activation then costs no draw). */
static iv_status refill(iv_net *net, const iv_config *cfg)
{
	iv_status st = IV_OK;
	bool keep_x = same_input(&net->cfg, cfg);
	bool keep_w = keep_x && !net->trained && same_weights(&net->cfg, cfg);
	net->cfg = *cfg;
	net->alpha = iv_config_res_scale(cfg);
	for (size_t l = 1; l <= net->L; l++) {
		if (keep_w && net->drawn[l])
			continue;
		net->drawn[l] = false;
		net->rows[l] = 0;
	}
	net->slot[0] = net->slot[1] = 0;
	net->trained = false;
	iv_net_draws_prepare(net);
	if (!keep_x && (st = iv_net_draw_input(net)) != IV_OK)
		return st;
	iv_net_restart(net);
	return IV_OK;
}

iv_net *iv_net_realloc(iv_net *net, const iv_config *cfg, iv_status *st)
{
	iv_status dummy;
	if (!st)
		st = &dummy;
	if (!net)
		return net_alloc(cfg, st, NULL, 0, false);
	if ((*st = iv_config_validate(cfg)) == IV_OK && cfg->max_memory > 0 &&
	    iv_config_memory(cfg) > cfg->max_memory)
		*st = IV_ETOOBIG;
	if (*st != IV_OK) {
		iv_net_free(net);
		return NULL;
	}
	if (same_shapes(net, cfg)) {
		if ((*st = refill(net, cfg)) == IV_OK)
			return net;
		iv_net_free(net);
		return NULL;
	}
	double *arena = net->arena;
	size_t bytes = net->arena_bytes;
	bool keep = net->keep_draws, resident = net->resident;
	bool hist_off = net->hist_off;
	if (cfg->max_memory > 0 && bytes > cfg->max_memory) {
		arena = NULL; /* a block over cfg's limit is not kept */
		bytes = 0;
	} else {
		net->arena = NULL;
	}
	net_free(net, true); /* not the last free: its pages may go later */
	net = net_alloc(cfg, st, arena, bytes, resident);
	if (net) {
		iv_net_keep_draws(net, keep);
		net->hist_off = hist_off;
	}
	return net;
}

const iv_config *iv_net_config(const iv_net *net)
{
	return &net->cfg;
}

size_t iv_net_depth(const iv_net *net)
{
	return net->L;
}

const iv_layer_stats *iv_net_layer(const iv_net *net, size_t l)
{
	return l >= 1 && l <= net->L ? &net->ls[l] : NULL;
}

const double *iv_net_data(const iv_net *net, size_t l, iv_quantity q,
			  size_t *rows, size_t *cols)
{
	const gsl_matrix *m = NULL;
	if (l < 1 || l > net->L)
		return NULL;
	switch (q) {
	case IV_Q_WEIGHTS: m = net->drawn[l] ? net->W[l] : NULL; break;
	case IV_Q_PREACT: m = net->Z[l]; break;
	case IV_Q_ACT: m = net->H[l]; break;
	case IV_Q_GRAD_ACT:
		if (net->G && net->ls[l].backward_done)
			m = net->G[l];
		break;
	default: break;
	}
	if (!m)
		return NULL;
	if (rows)
		*rows = m->size1;
	if (cols)
		*cols = m->size2;
	return m->data;
}

/* Whether a backward layer step is between its phases with dz and dW in
 * the scratch (steps stop within layers). */
static bool scratch_live(const iv_net *net)
{
	return net->step >= net->L && net->step < 2 * net->L &&
	       net->phase >= IV_PH_BACKPROP && net->phase <= IV_PH_PREV_NORM;
}

iv_status iv_net_bin(iv_net *net, size_t l, iv_quantity q, double lo, double hi,
		     size_t bins, double *counts)
{
	size_t rows, cols;
	const double *x;
	if (l < 1 || l > net->L || (unsigned)q >= IV_Q_COUNT)
		return IV_EINVAL;
	if (q <= IV_Q_GRAD_ACT) {
		if (!(x = iv_net_data(net, l, q, &rows, &cols)))
			return IV_EINVAL;
		iv_bin(x, rows * cols, lo, hi, bins, counts);
		return IV_OK;
	}
	if (!net->G || !net->ls[l].backward_done)
		return IV_EINVAL;
	size_t B = net->B, n = net->n[l], m = net->n[l - 1];
	double *dzp = net->dz, *dwp = net->dw, *own = NULL;
	iv_status st = IV_OK;
	if (scratch_live(net)) { /* a layer step's dz or dW: leave them */
		size_t need = B * n + (q == IV_Q_GRAD_WEIGHTS ? n * m : 0);
		if (!(own = malloc(need * sizeof *own)))
			return IV_ENOMEM;
		dzp = own;
		dwp = own + B * n;
	}
	iv_net_dz(net, l, net->G[l]->data, dzp);
	if (q == IV_Q_GRAD_PREACT) {
		iv_bin(dzp, B * n, lo, hi, bins, counts);
	} else {
		gsl_matrix_view dz = gsl_matrix_view_array(dzp, B, n);
		gsl_matrix_view dw = gsl_matrix_view_array(dwp, n, m);
		if (iv_gemm(NULL, CblasTrans, CblasNoTrans, 1.0 / (double)B,
			    &dz.matrix, iv_net_input(net, l), 0.0, &dw.matrix))
			st = IV_EGSL;
		else
			iv_bin(dwp, n * m, lo, hi, bins, counts);
	}
	free(own);
	return st;
}

/* iv_net_bin_all's stored matrices, a round of at most BIN_ROUND, dealt
 * to threads whole: each to the thread with the fewest entries so far. */
#define BIN_ROUND 64
struct bin_all {
	iv_bin_job *job[BIN_ROUND];
	const double *x[BIN_ROUND];
	size_t size[BIN_ROUND], n;
	unsigned owner[BIN_ROUND];
};

static void bin_task(void *ctx, unsigned t)
{
	struct bin_all *a = ctx;
	for (size_t i = 0; i < a->n; i++) {
		iv_bin_job *j = a->job[i];
		if (a->owner[i] != t)
			continue;
		iv_bin(a->x[i], a->size[i], j->lo, j->hi, j->bins, j->counts);
		j->st = IV_OK;
	}
}

void iv_net_bin_all(iv_net *net, iv_bin_job *jobs, size_t n)
{
	unsigned threads = iv_par_cpus();
	if (threads > IV_PAR_MAX)
		threads = IV_PAR_MAX;
	for (size_t k = 0; k < n;) {
		struct bin_all a = {.n = 0};
		size_t load[IV_PAR_MAX] = {0};
		for (; k < n && a.n < BIN_ROUND; k++) {
			iv_bin_job *j = &jobs[k];
			size_t rows, cols;
			const double *x =
			    j->layer >= 1 && j->layer <= net->L &&
				    (unsigned)j->q <= IV_Q_GRAD_ACT
				? iv_net_data(net, j->layer, j->q, &rows, &cols)
				: NULL;
			if (!x) { /* computed here, or not there: one by one */
				j->st = iv_net_bin(net, j->layer, j->q, j->lo,
						   j->hi, j->bins, j->counts);
				continue;
			}
			unsigned t = 0;
			for (unsigned u = 1; u < threads; u++)
				if (load[u] < load[t])
					t = u;
			load[t] += rows * cols;
			a.job[a.n] = j;
			a.x[a.n] = x;
			a.size[a.n] = rows * cols;
			a.owner[a.n++] = t;
		}
		unsigned used = 0;
		for (unsigned t = 0; t < threads; t++)
			used += load[t] > 0;
		if (used > 1)
			iv_par_tasks(net->pool, threads, bin_task, &a);
		else
			bin_task(&a, 0);
	}
}

void iv_net_histograms(iv_net *net, bool on)
{
	net->hist_off = !on; /* a network without histograms bins none */
}

iv_status iv_net_fill_histograms(iv_net *net, unsigned qs)
{
	if (net->cfg.no_histograms)
		return IV_EINVAL;
	size_t n = 0;
	iv_bin_job *jobs = malloc(net->L * IV_Q_COUNT * sizeof *jobs);
	if (!jobs)
		return IV_ENOMEM;
	for (size_t l = 1; l <= net->L; l++)
		for (int q = 0; q < IV_Q_COUNT; q++) {
			iv_layer_stats *ls = &net->ls[l];
			iv_stats *s = &ls->q[q];
			bool done = q >= IV_Q_GRAD_ACT ? ls->backward_done
						       : ls->forward_done;
			if (!(qs & IV_Q_BIT(q)) || !done || s->count == 0 ||
			    s->binned)
				continue;
			double lo, hi;
			iv_stats_hist_range(s, &lo, &hi);
			/* the ranges first: GSL zeroes the counts with them */
			gsl_histogram_set_ranges_uniform(s->hist, lo, hi);
			jobs[n++] = (iv_bin_job){l,  (iv_quantity)q, lo,
						 hi, s->hist->n,     s->hist->bin,
						 IV_OK};
		}
	iv_net_bin_all(net, jobs, n);
	iv_status st = IV_OK;
	for (size_t k = 0; k < n; k++) {
		iv_stats *s = &net->ls[jobs[k].layer].q[jobs[k].q];
		if (jobs[k].st == IV_OK)
			s->binned = true;
		else if (st == IV_OK)
			st = jobs[k].st;
	}
	free(jobs);
	return st;
}
