/* SPDX-License-Identifier: MIT */
/* The stepped passes. A layer step (one layer of the forward pass, or of the
 * backward pass) is a fixed sequence of phases; each phase is done in runs
 * of rows, columns or blocks, so that one iv_net_step does at most
 * net->budget units of work (IV_STEP_WORK) and never goes past the end of
 * its layer step. The cut is a function of the configuration only.
 *
 * Forward, layer l (n units, m inputs, batch B):
 *   DRAW      W_l by rows (and W_{l+1} ahead on a second thread), then b_l
 *   PRODUCT   Z = H_{l-1} W^T by columns of Z
 *   ACT       bias, activation, pass 1 of Z and H statistics, health
 *   STATS_W, STATS_Z, STATS_H      statistics (stats_impl.h's jobs)
 *   DISTINCT  distinct neurons, at once (O(B n))
 * Backward, layer l:
 *   GRAD      g_L by rows (top layer only)
 *   STATS_G   then dz overwrites g when gradients are not retained
 *   BACKPROP  dz = g phi'(z), pass 1 of its statistics
 *   STATS_DZ, DW (dW = dz^T H_{l-1} / B by rows), STATS_DW
 *   PREV      g_{l-1} = dz W by columns (l > 1)
 * Elementwise passes and statistics run over par.h's blocks and fold them
 * in block order: bit for bit the one-shot results. The products are
 * slices of the same product; whether BLAS rounds a slice like the whole
 * is up to BLAS (tests/test_steps.c checks). */
#include <math.h>
#include <string.h>
#include <stdint.h>
#include <gsl/gsl_blas.h>
#include <gsl/gsl_randist.h>
#include <initviz/act.h>
#include <initviz/net.h>
#include "distinct.h"
#include "gemm.h"
#include "gauss.h"
#include "init.h"
#include "net_impl.h"
#include "norm.h"
#include "par.h"
#include "vec.h"

static double *grad_of(iv_net *net, size_t l)
{
	if (net->G)
		return net->G[l]->data;
	return net->gbuf[l % 2];
}

/* Phases ------------------------------------------------------------------ */

size_t iv_fit_entries(size_t left, size_t cost, size_t remaining, bool forced)
{
	size_t blocks = iv_fit(left, (size_t)IV_BLOCK * cost,
			       iv_par_nblocks(remaining), forced);
	size_t k = blocks * IV_BLOCK;
	return k < remaining ? k : remaining;
}

static bool predraw(const iv_net *net, size_t l)
{
	return l < net->L && !net->drawn[l + 1] &&
	       net->cfg.init != IV_INIT_ORTHOGONAL &&
	       net->n[l] * net->n[l - 1] >= IV_BLOCK &&
	       iv_par_threads((size_t)2 * IV_PAR_MIN) > 1;
}

struct draw_pair {
	iv_net *net;
	size_t l, upto[2];
	iv_status st[2];
};

static void draw_task(void *ctx, unsigned i)
{
	struct draw_pair *d = ctx;
	d->st[i] = iv_net_draw_rows(d->net, d->l + i, d->upto[i]);
}

/* Rows of W_l, and about as many numbers of W_{l+1} on a second thread
 * (each layer has its own stream: the same numbers either way). */
static iv_status ph_draw(iv_net *net, size_t l, size_t left, bool forced,
			 size_t *did)
{
	size_t n = net->n[l], m = net->n[l - 1], done = net->rows[l];
	bool two = predraw(net, l);
	size_t bias = (n + (two ? net->n[l + 1] : 0)) * IV_COST_DRAW;
	size_t row = (two ? 2 : 1) * m * IV_COST_DRAW;
	if (net->drawn[l])
		return IV_OK;
	if (net->cfg.init == IV_INIT_ORTHOGONAL) {
		/* a whole layer at a time, and the next beside it: a QR's
		 * BLAS calls run on one thread (initviz/threads.h) */
		bool pair = l < net->L && !net->drawn[l + 1] &&
			    iv_par_cpus() > 1;
		if (!forced)
			return IV_OK;
		*did = (n * m + n) * IV_COST_DRAW;
		if (!pair)
			return iv_net_draw_layer(net, l);
		*did += (net->n[l + 1] * n + net->n[l + 1]) * IV_COST_DRAW;
		struct draw_pair d = {
		    net, l, {n, net->n[l + 1]}, {IV_OK, IV_OK}};
		iv_par_tasks(net->pool, 2, draw_task, &d);
		return d.st[0] != IV_OK ? d.st[0] : d.st[1];
	}
	size_t k = iv_fit(left > bias ? left - bias : 0, row, n - done, forced);
	if (k == 0)
		return IV_OK;
	struct draw_pair d = {net, l, {done + k, 0}, {IV_OK, IV_OK}};
	size_t ahead = 0;
	if (two) {
		ahead = k * m / n;
		if (ahead > net->n[l + 1] - net->rows[l + 1])
			ahead = net->n[l + 1] - net->rows[l + 1];
		d.upto[1] = net->rows[l + 1] + ahead;
	}
	iv_par_tasks(net->pool, two && ahead ? 2 : 1, draw_task, &d);
	*did = (k * m + ahead * n + (done + k == n ? n : 0) +
		(ahead && net->drawn[l + 1] ? net->n[l + 1] : 0)) *
	       IV_COST_DRAW;
	return d.st[0] != IV_OK ? d.st[0] : d.st[1];
}

iv_status iv_net_fwd_slice(iv_net *net, size_t l, size_t pos, size_t k)
{
	size_t B = net->B, m = net->n[l - 1];
	gsl_matrix_view w = gsl_matrix_submatrix(net->W[l], pos, 0, k, m);
	gsl_matrix_view z = gsl_matrix_submatrix(net->Z[l], 0, pos, B, k);
	return iv_gemm(net->pool, CblasNoTrans, CblasTrans, 1.0,
		       iv_net_input(net, l), &w.matrix, 0.0, &z.matrix)
		   ? IV_EGSL
		   : IV_OK;
}

static iv_status ph_product(iv_net *net, size_t l, size_t left, bool forced,
			    size_t *did)
{
	size_t B = net->B, n = net->n[l], m = net->n[l - 1];
	size_t k = iv_fit(left, 2 * B * m, n - net->pos, forced);
	if (k == 0)
		return IV_OK;
	iv_status st = iv_net_fwd_slice(net, l, net->pos, k);
	if (st != IV_OK)
		return st;
	net->pos += k;
	*did = 2 * B * m * k;
	return IV_OK;
}

static void ph_act(iv_net *net, size_t l, size_t left, bool forced, size_t *did)
{
	size_t N = net->B * net->n[l];
	size_t k = iv_fit_entries(left, IV_COST_ELEM, N - net->pos, forced);
	if (k == 0)
		return;
	iv_net_act_run(net, l, net->pos, k, true);
	net->pos += k;
	*did = k * IV_COST_ELEM;
}

/* Runs of whole groups of a normalization (NORM_IN, NORM; NORM_BACK and
 * PREV_NORM with d, add), or of the stream's channels (STREAM). */
static void ph_groups(iv_net *net, size_t l, size_t left, bool forced,
		      size_t *did, double *d, const double *add)
{
	size_t G = iv_net_norm_groups(net, l);
	size_t size = iv_norm_size(net->cfg.norm, net->B, net->n[l]);
	size_t k = iv_fit(left, size * IV_COST_NORM, G - net->pos, forced);
	if (k == 0)
		return;
	if (net->phase == IV_PH_NORM_IN || net->phase == IV_PH_NORM)
		iv_net_norm_run(net, l, net->pos, k);
	else
		iv_net_norm_back_run(net, l, d, add, net->pos, k);
	net->pos += k;
	*did = k * size * IV_COST_NORM;
}

/* A block's branch input A = phi(N(h_{l-1})), with its health counts. */
static void ph_branch(iv_net *net, size_t l, size_t left, bool forced,
		      size_t *did)
{
	size_t N = net->B * net->n[l - 1];
	size_t k = iv_fit_entries(left, IV_COST_ELEM, N - net->pos, forced);
	if (k == 0)
		return;
	iv_net_branch_run(net, l, net->pos, k, true);
	net->pos += k;
	*did = k * IV_COST_ELEM;
}

/* Runs of the stream's channels: each unit's mean and variance over the
 * batch into net->sums, folded in unit order at the end. */
static void ph_stream(iv_net *net, size_t l, size_t left, bool forced,
		      size_t *did)
{
	size_t B = net->B, n = net->n[l];
	size_t k = iv_fit(left, B * IV_COST_NORM, n - net->pos, forced);
	if (k == 0)
		return;
	iv_net_channel_run(net, l, net->pos, k);
	net->pos += k;
	*did = k * B * IV_COST_NORM;
	if (net->pos < n)
		return;
	double v = 0, m2 = 0;
	for (size_t j = 0; j < n; j++) {
		v += net->sums[n + j];
		m2 += net->sums[j] * net->sums[j];
	}
	net->ls[l].channel_variance = v / (double)n;
	net->ls[l].channel_mean_sq = m2 / (double)n;
}

/* The health figures, once the whole layer has been through ph_act. */
static void health(iv_net *net, size_t l)
{
	iv_layer_stats *s = &net->ls[l];
	size_t n = net->n[l], N = net->B * n, dead = 0;
	for (size_t j = 0; j < n; j++) {
		unsigned char a = 0;
		for (unsigned t = 0; t < IV_PAR_MAX; t++)
			a |= net->alive[(size_t)t * n + j];
		dead += !a;
	}
	s->saturated = (double)net->sat / (double)N;
	s->zero_fraction = (double)net->zero / (double)N;
	s->dead_units = dead;
}

/* A statistics job: runs of whole blocks; the step between passes is free. */
static bool ph_stats(iv_net *net, size_t left, bool forced, size_t *did)
{
	iv_stats_job *j = &net->job;
	size_t done;
	if (j->pos < j->n && !forced && left < (size_t)IV_BLOCK * IV_COST_READ)
		return false;
	bool end = iv_stats_step(j, left / IV_COST_READ, 0, &done);
	*did = done * IV_COST_READ;
	return end;
}

/* Rows of the starting gradient g_L (stream 1), drawn again at every
 * backward pass (the pass overwrites it with dz when gradients are not
 * retained), or copied from the numbers kept (iv_net_keep_draws). */
static void ph_grad(iv_net *net, size_t l, size_t left, bool forced,
		    size_t *did)
{
	size_t n = net->n[l];
	size_t k = iv_fit(left, n * IV_COST_DRAW, net->B - net->pos, forced);
	double *g = grad_of(net, l) + net->pos * n;
	double *kept = net->gtop ? net->gtop + net->pos * n : NULL;
	if (kept && net->g_ok) {
		memcpy(g, kept, k * n * sizeof *g);
	} else {
		iv_gauss_fill(net->rng[2], 1.0, g, k * n);
		if (kept)
			memcpy(kept, g, k * n * sizeof *g);
	}
	net->pos += k;
	if (kept && net->pos == net->B)
		net->g_ok = true;
	*did = k * n * IV_COST_DRAW;
}

/* dz overwrites g unless g is retained or a block needs g_l after. */
static double *dz_of(iv_net *net, size_t l)
{
	return net->G || IV_KIND(net, l) == IV_LAYER_RESIDUAL ? net->dz
							      : grad_of(net, l);
}

/* BACKPROP (prev false) or a block's PREV_ACT (prev true). */
static void ph_backprop(iv_net *net, size_t l, size_t left, bool forced,
			size_t *did, bool prev)
{
	size_t N = net->B * net->n[prev ? l - 1 : l];
	size_t k = iv_fit_entries(left, IV_COST_ELEM, N - net->pos, forced);
	if (k == 0)
		return;
	if (prev)
		iv_net_prev_act_run(net, l, grad_of(net, l),
				    grad_of(net, l - 1), net->pos, k);
	else
		iv_net_backprop_run(net, l, grad_of(net, l), dz_of(net, l),
				    net->pos, k, true);
	net->pos += k;
	*did = k * IV_COST_ELEM;
}

iv_status iv_net_dw_slice(iv_net *net, size_t l, const double *dz, double alpha,
			  double beta, double *out, size_t pos, size_t k)
{
	size_t B = net->B, n = net->n[l], m = net->n[l - 1];
	gsl_matrix_const_view d0 = gsl_matrix_const_view_array(dz, B, n);
	gsl_matrix_const_view d =
	    gsl_matrix_const_submatrix(&d0.matrix, 0, pos, B, k);
	gsl_matrix_view w = gsl_matrix_view_array(out + pos * m, k, m);
	return iv_gemm(net->pool, CblasTrans, CblasNoTrans, alpha, &d.matrix,
		       iv_net_input(net, l), beta, &w.matrix)
		   ? IV_EGSL
		   : IV_OK;
}

static iv_status ph_dw(iv_net *net, size_t l, size_t left, bool forced,
		       size_t *did)
{
	size_t B = net->B, n = net->n[l], m = net->n[l - 1];
	size_t k = iv_fit(left, 2 * B * m, n - net->pos, forced);
	if (k == 0)
		return IV_OK;
	iv_status st = iv_net_dw_slice(net, l, dz_of(net, l), 1.0 / (double)B,
				       0.0, net->dw, net->pos, k);
	if (st != IV_OK)
		return st;
	net->pos += k;
	*did = 2 * B * m * k;
	return IV_OK;
}

iv_status iv_net_prev_slice(iv_net *net, size_t l, const double *dz, double *g,
			    size_t pos, size_t k)
{
	size_t B = net->B, n = net->n[l], m = net->n[l - 1];
	gsl_matrix_const_view d = gsl_matrix_const_view_array(dz, B, n);
	gsl_matrix_view g0 = gsl_matrix_view_array(g, B, m);
	gsl_matrix_view w = gsl_matrix_submatrix(net->W[l], 0, pos, n, k);
	gsl_matrix_view p = gsl_matrix_submatrix(&g0.matrix, 0, pos, B, k);
	return iv_gemm(net->pool, CblasNoTrans, CblasNoTrans, 1.0, &d.matrix,
		       &w.matrix, 0.0, &p.matrix)
		   ? IV_EGSL
		   : IV_OK;
}

static iv_status ph_prev(iv_net *net, size_t l, size_t left, bool forced,
			 size_t *did)
{
	size_t B = net->B, n = net->n[l], m = net->n[l - 1];
	size_t k = iv_fit(left, 2 * B * n, m - net->pos, forced);
	if (k == 0)
		return IV_OK;
	iv_status st = iv_net_prev_slice(net, l, dz_of(net, l),
					 grad_of(net, l - 1), net->pos, k);
	if (st != IV_OK)
		return st;
	net->pos += k;
	*did = 2 * B * n * k;
	return IV_OK;
}

/* The work a layer step is expected to take, for the progress. */
static size_t layer_total(const iv_net *net, size_t l, bool backward)
{
	size_t B = net->B, n = net->n[l], m = net->n[l - 1], N = B * n;
	size_t norm = iv_net_norm_groups(net, l) ? N * IV_COST_NORM : 0;
	size_t block = IV_KIND(net, l) == IV_LAYER_RESIDUAL ? N : 0;
	if (!backward)
		return (net->drawn[l] ? 0 : (n * m + n) * IV_COST_DRAW) +
		       2 * B * m * n + N * IV_COST_ELEM +
		       2 * n * m * IV_COST_READ + 2 * N * IV_COST_READ +
		       N * IV_COST_DISTINCT + norm + block * IV_COST_ELEM +
		       N * IV_COST_NORM + 1;
	return (l == net->L ? N * IV_COST_DRAW : 0) + 2 * N * IV_COST_READ +
	       N * IV_COST_ELEM + N * IV_COST_READ + 2 * B * m * n +
	       2 * n * m * IV_COST_READ + (l > 1 ? 2 * B * m * n : 0) + norm +
	       block * IV_COST_ELEM + 1;
}

/* Whether layer l has phase ph (net_impl.h lists each kind's). */
static bool has_phase(const iv_net *net, size_t l, iv_phase ph)
{
	bool block = IV_KIND(net, l) == IV_LAYER_RESIDUAL;
	bool norm = iv_net_norm_groups(net, l) > 0;
	switch (ph) {
	case IV_PH_NORM_IN: return block && norm;
	case IV_PH_BRANCH: return block;
	case IV_PH_NORM: return !block && norm;
	case IV_PH_GRAD: return l == net->L;
	case IV_PH_NORM_BACK: return !block && norm;
	case IV_PH_PREV: return l > 1;
	case IV_PH_PREV_ACT: return block;
	case IV_PH_PREV_NORM: return block && norm;
	default: return true;
	}
}

/* A statistics job on the network's threads, with or without the
 * histogram (iv_net_histograms). */
static void stats_start(iv_net *net, iv_stats *s, const double *x, size_t n,
			const iv_part1 *p1)
{
	iv_stats_start_on(&net->job, net->pool, s, x, n, p1);
	net->job.bin = net->job.bin && !net->hist_off;
}

/* Start phase ph of layer l: skip the phases this layer has none of, set up
 * the statistics jobs. */
static void enter(iv_net *net, size_t l, iv_phase ph)
{
	iv_layer_stats *s = &net->ls[l];
	size_t B = net->B, n = net->n[l], m = net->n[l - 1];
	while (ph != IV_PH_END && !has_phase(net, l, ph))
		ph++;
	net->phase = ph;
	net->pos = 0;
	switch (ph) {
	case IV_PH_BRANCH:
		memset(net->alive, 0, (size_t)IV_PAR_MAX * n);
		net->sat = net->zero = 0;
		break;
	case IV_PH_ACT:
		if (IV_KIND(net, l) != IV_LAYER_RESIDUAL) {
			memset(net->alive, 0, (size_t)IV_PAR_MAX * n);
			net->sat = net->zero = 0;
		}
		break;
	case IV_PH_STATS_W:
		stats_start(net, &s->q[IV_Q_WEIGHTS],
				  net->W[l]->data, n * m, NULL);
		break;
	case IV_PH_STATS_Z:
		stats_start(net, &s->q[IV_Q_PREACT],
				  net->Z[l]->data, B * n, net->p1[0]);
		break;
	case IV_PH_STATS_H:
		stats_start(net, &s->q[IV_Q_ACT],
				  net->H[l]->data, B * n, net->p1[1]);
		break;
	case IV_PH_GRAD:
		gsl_rng_set(net->rng[2], iv_seed_mix(net->cfg.seed, 1));
		break;
	case IV_PH_STATS_G:
		stats_start(net, &s->q[IV_Q_GRAD_ACT],
				  grad_of(net, l), B * n, NULL);
		break;
	case IV_PH_STATS_DZ:
		stats_start(net, &s->q[IV_Q_GRAD_PREACT],
				  dz_of(net, l), B * n,
				  iv_net_backprop_final(net, l) ? net->p1[0]
								: NULL);
		break;
	case IV_PH_STATS_DW:
		stats_start(net,
				  &s->q[IV_Q_GRAD_WEIGHTS], net->dw, n * m,
				  NULL);
		break;
	default: break;
	}
}

/* The layer of layer step k, and its pass. */
static size_t layer_of(const iv_net *net, size_t k, bool *backward)
{
	*backward = k >= net->L;
	return k < net->L ? k + 1 : 2 * net->L - k;
}

static void start_layer_step(iv_net *net)
{
	bool backward;
	size_t l;
	net->layer_work = 0;
	if (net->step >= 2 * net->L)
		return;
	l = layer_of(net, net->step, &backward);
	net->layer_total = layer_total(net, l, backward);
	enter(net, l, backward ? IV_PH_GRAD : IV_PH_DRAW);
}

/* One run of the current phase within left units (*did gets the units);
 * the phase's end moves on to the next phase. */
static iv_status run_phase(iv_net *net, size_t l, size_t left, bool forced,
			   size_t *did)
{
	size_t B = net->B, n = net->n[l], m = net->n[l - 1];
	size_t G = iv_net_norm_groups(net, l);
	bool end = false;
	iv_status st = IV_OK;
	*did = 0;
	switch (net->phase) {
	case IV_PH_DRAW:
		st = ph_draw(net, l, left, forced, did);
		end = net->drawn[l];
		break;
	case IV_PH_NORM_IN:
	case IV_PH_NORM:
		ph_groups(net, l, left, forced, did, NULL, NULL);
		end = net->pos == G;
		break;
	case IV_PH_BRANCH:
		ph_branch(net, l, left, forced, did);
		end = net->pos == B * m;
		break;
	case IV_PH_PRODUCT:
		st = ph_product(net, l, left, forced, did);
		end = net->pos == n;
		break;
	case IV_PH_ACT:
		ph_act(net, l, left, forced, did);
		if ((end = net->pos == B * n))
			health(net, l);
		break;
	case IV_PH_STATS_W:
	case IV_PH_STATS_Z:
	case IV_PH_STATS_H:
	case IV_PH_STATS_G:
	case IV_PH_STATS_DZ:
	case IV_PH_STATS_DW: end = ph_stats(net, left, forced, did); break;
	case IV_PH_STREAM:
		ph_stream(net, l, left, forced, did);
		end = net->pos == n;
		break;
	case IV_PH_DISTINCT: {
		const iv_stats *h = &net->ls[l].q[IV_Q_ACT];
		if (!forced && left < B * n * IV_COST_DISTINCT)
			break;
		net->ls[l].distinct_neurons = iv_distinct_columns_on(
		    net->pool, net->H[l]->data, B, n, h->absmax,
		    h->finite == h->count, net->work);
		*did = B * n * IV_COST_DISTINCT;
		net->ls[l].forward_done = end = true;
		break;
	}
	case IV_PH_GRAD:
		ph_grad(net, l, left, forced, did);
		end = net->pos == B;
		break;
	case IV_PH_BACKPROP:
		ph_backprop(net, l, left, forced, did, false);
		end = net->pos == B * n;
		break;
	case IV_PH_NORM_BACK:
		ph_groups(net, l, left, forced, did, dz_of(net, l), NULL);
		end = net->pos == G;
		break;
	case IV_PH_DW:
		st = ph_dw(net, l, left, forced, did);
		end = net->pos == n;
		break;
	case IV_PH_PREV:
		st = ph_prev(net, l, left, forced, did);
		end = net->pos == m;
		break;
	case IV_PH_PREV_ACT:
		ph_backprop(net, l, left, forced, did, true);
		end = net->pos == B * m;
		break;
	case IV_PH_PREV_NORM:
		ph_groups(net, l, left, forced, did, grad_of(net, l - 1),
			  grad_of(net, l));
		end = net->pos == G;
		break;
	default: end = true; break;
	}
	if (st == IV_OK && end && net->phase != IV_PH_DISTINCT &&
	    net->phase != IV_PH_END)
		enter(net, l, net->phase + 1);
	else if (st == IV_OK && end)
		net->phase = IV_PH_END;
	return st;
}

iv_status iv_net_step(iv_net *net)
{
	bool backward;
	if (net->step >= 2 * net->L)
		return IV_OK;
	size_t l = layer_of(net, net->step, &backward);
	net->done = 0;
	while (net->phase != IV_PH_END) {
		iv_phase ph = net->phase;
		size_t pos = net->pos, jpos = net->job.pos, did;
		int pass = net->job.pass;
		size_t left =
		    net->budget > net->done ? net->budget - net->done : 0;
		iv_status st = run_phase(net, l, left, net->done == 0, &did);

		if (st != IV_OK)
			return st;
		net->done += did;
		net->layer_work += did;
		if (did == 0 && ph == net->phase && pos == net->pos &&
		    jpos == net->job.pos && pass == net->job.pass)
			return IV_CONTINUE; /* nothing more fits in this step */
	}
	if (backward)
		net->ls[l].backward_done = true;
	net->step++;
	start_layer_step(net);
	return net->step >= 2 * net->L ? IV_OK : IV_CONTINUE;
}

/* All at once: nobody waits between steps, so a step may be a whole layer
 * (splitting a product into slices makes BLAS repack its operands: wide's
 * products took 1.1 to 1.3 times as long in 2^28-unit steps). */
iv_status iv_net_run_ticking(iv_net *net, iv_net_tick_fn *tick, void *ctx)
{
	iv_status st;
	size_t budget = net->budget;
	net->budget = SIZE_MAX; /* a layer's pass a step */
	while ((st = iv_net_step(net)) == IV_CONTINUE)
		if (tick)
			tick(ctx, iv_net_progress(net));
	net->budget = budget;
	return st;
}

iv_status iv_net_run(iv_net *net)
{
	return iv_net_run_ticking(net, NULL, NULL);
}

void iv_net_restart(iv_net *net)
{
	net->step = 0;
	for (size_t l = 1; l <= net->L; l++) {
		iv_layer_stats *s = &net->ls[l];
		s->layer = l;
		s->fan_in = net->n[l - 1];
		s->fan_out = net->n[l];
		s->kind = IV_KIND(net, l);
		s->forward_done = s->backward_done = false;
	}
	start_layer_step(net);
}

bool iv_net_done(const iv_net *net)
{
	return net->step >= 2 * net->L;
}

double iv_net_progress(const iv_net *net)
{
	double f = 0;
	if (net->step < 2 * net->L && net->layer_work > 0)
		f = net->layer_work >= net->layer_total
			? 1.0
			: (double)net->layer_work / (double)net->layer_total;
	return ((double)net->step + f) / (double)(2 * net->L);
}

size_t iv_net_position(const iv_net *net, bool *backward)
{
	bool b = false;
	size_t l = net->step < 2 * net->L ? layer_of(net, net->step, &b) : 0;
	if (backward)
		*backward = b;
	return l;
}
