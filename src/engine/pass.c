/* SPDX-License-Identifier: MIT */
/* The elementwise and group passes of a layer (net_impl.h lists them by
 * layer kind): the forward activation, a residual block's branch input and
 * its add, the backward elementwise passes, and normalization by groups
 * (norm.h) with threads taking disjoint runs. Each pass works on a run of
 * par.h's blocks or of whole groups, so that steps (step.c) and training
 * (train.c) can cut it anywhere between them with the same results. */
#include <math.h>
#include <string.h>
#include <initviz/act.h>
#include <initviz/net.h>
#include "net_impl.h"
#include "norm.h"
#include "par.h"
#include "vec.h"

/* The forward elementwise passes, block by block on several threads:
 * ACT (bias, activation or the residual add) with the first statistics
 * pass over Z and H, and a block's BRANCH (A = phi(N(h_{l-1}))); health
 * counts (dead units, saturated and zero entries) of the activation's
 * output. */
struct fwd {
	const iv_net *net;
	size_t l;
	double *z, *h;             /* ACT: Z_l, H_l; BRANCH: H_{l-1}, A_l */
	const double *bias, *prev; /* prev: H_{l-1} of a block's ACT */
	const double *mu, *is;     /* the normalization's, or NULL */
	size_t n;
	iv_act_kind act;
	bool branch, stats, health;
	size_t sat[IV_PAR_MAX], zero[IV_PAR_MAX];
};

#define PIECE 4096 /* entries taken at once: Z and H stay in L1/L2 */

/* Exact or integer work: vectorised (vec.h), the same results. */
IV_VEC_BEGIN
IV_VEC_CLONES static void add_bias(double *z, const double *bias, size_t n,
				   size_t begin, size_t end)
{
	size_t j = begin % n;
	for (size_t i = begin; i < end;) {
		size_t run = n - j < end - i ? n - j : end - i;
		double *zi = z + i;
		const double *bj = bias + j;
		for (size_t k = 0; k < run; k++)
			zi[k] += bj[k];
		i += run;
		j = 0;
	}
}

/* h = prev + alpha z: the residual add. */
IV_VEC_CLONES static void res_add(double *h, const double *prev,
				  const double *z, double alpha, size_t n)
{
	for (size_t k = 0; k < n; k++)
		h[k] = prev[k] + alpha * z[k];
}

IV_VEC_CLONES static void scale(double *y, const double *x, double alpha,
				size_t n)
{
	for (size_t k = 0; k < n; k++)
		y[k] = alpha * x[k];
}

IV_VEC_CLONES static void add_to(double *y, const double *x, size_t n)
{
	for (size_t k = 0; k < n; k++)
		y[k] += x[k];
}

/* Health counts of entries [begin, end): zeros, units seen nonzero, and
 * entries in the activation's saturation band (tables.h); by runs within a
 * row, so that the unit index is not wrapped per entry. */
IV_VEC_CLONES static void health_piece(struct fwd *f, unsigned t, size_t begin,
				       size_t end)
{
	unsigned char *alive = f->net->alive + (size_t)t * f->n;
	size_t sat = 0, zero = 0, n = f->n, j = begin % n;
	double lo, hi; /* the activation's saturation band */
	iv_act_band(f->act, &lo, &hi);
	for (size_t i = begin; i < end;) {
		size_t run = n - j < end - i ? n - j : end - i;
		const double *h = f->h + i;
		unsigned char *a = alive + j;
		for (size_t k = 0; k < run; k++) {
			zero += h[k] == 0;
			a[k] |= h[k] != 0;
			sat += (h[k] < lo) | (h[k] > hi);
		}
		i += run;
		j = 0;
	}
	f->sat[t] += sat;
	f->zero[t] += zero;
}

IV_VEC_END

/* One piece [p, q) of ACT or BRANCH. */
static void fwd_piece(struct fwd *f, size_t p, size_t q)
{
	const iv_config *cfg = &f->net->cfg;
	if (f->branch) { /* z: the stream h_{l-1}, h: A */
		if (f->mu)
			iv_norm_apply(cfg->norm, f->z, f->n, f->mu, f->is, p, q,
				      f->h + p);
		iv_act_apply(f->act, cfg->slope, f->mu ? f->h + p : f->z + p,
			     f->h + p, q - p);
	} else if (f->prev) { /* a block's output */
		add_bias(f->z, f->bias, f->n, p, q);
		res_add(f->h + p, f->prev + p, f->z + p, f->net->alpha, q - p);
	} else if (f->mu) { /* the bias is in, NORM added it */
		iv_norm_apply(cfg->norm, f->z, f->n, f->mu, f->is, p, q,
			      f->h + p);
		iv_act_apply(f->act, cfg->slope, f->h + p, f->h + p, q - p);
	} else {
		add_bias(f->z, f->bias, f->n, p, q);
		iv_act_apply(f->act, cfg->slope, f->z + p, f->h + p, q - p);
	}
}

static void fwd_block(void *ctx, unsigned t, size_t b, size_t begin, size_t end)
{
	struct fwd *f = ctx;
	iv_lanes az, ah;
	bool p1 = f->stats && !f->branch;
	iv_lanes_start(&az);
	iv_lanes_start(&ah);
	for (size_t p = begin; p < end; p += PIECE) {
		size_t q = end - p < PIECE ? end : p + PIECE;
		fwd_piece(f, p, q);
		if (p1) {
			iv_lanes_add(&az, f->z + p, q - p);
			iv_lanes_add(&ah, f->h + p, q - p);
		}
		if (f->health)
			health_piece(f, t, p, q);
	}
	if (p1) {
		f->net->p1[0][b] = iv_lanes_end(&az);
		f->net->p1[1][b] = iv_lanes_end(&ah);
	}
}

static void fwd_run(iv_net *net, struct fwd *f, size_t off, size_t count)
{
	unsigned threads = iv_par_range(net->pool, off, count, 0, fwd_block, f);
	for (unsigned t = 0; t < threads; t++) {
		net->sat += f->sat[t];
		net->zero += f->zero[t];
	}
}

void iv_net_act_run(iv_net *net, size_t l, size_t off, size_t count, bool stats)
{
	bool block = IV_KIND(net, l) == IV_LAYER_RESIDUAL;
	bool norm = !block && net->mu[l];
	struct fwd f = {.net = net,
			.l = l,
			.z = net->Z[l]->data,
			.h = net->H[l]->data,
			.bias = net->b[l]->data,
			.prev = block ? net->H[l - 1]->data : NULL,
			.mu = norm ? net->mu[l] : NULL,
			.is = norm ? net->is[l] : NULL,
			.n = net->n[l],
			.act = iv_config_layer_act(&net->cfg, l),
			.stats = stats,
			.health = stats && !block};
	fwd_run(net, &f, off, count);
}

void iv_net_branch_run(iv_net *net, size_t l, size_t off, size_t count,
		       bool stats)
{
	struct fwd f = {.net = net,
			.l = l,
			.z = net->H[l - 1]->data,
			.h = net->A[l]->data,
			.mu = net->mu[l],
			.is = net->is[l],
			.n = net->n[l - 1],
			.act = net->cfg.act,
			.branch = true,
			.stats = stats,
			.health = stats};
	fwd_run(net, &f, off, count);
}

gsl_matrix *iv_net_input(const iv_net *net, size_t l)
{
	return net->A[l] ? net->A[l] : net->H[l - 1];
}

/* dz = g * phi'(z) over count entries, h = phi(z); dz may be g. tanh' and
 * sigmoid' come from h where that is exact to a few ulps (1 - h^2 for
 * |h| < 1/2, h(1 - h) for h <= 1/2), and from z where 1 - h would
 * cancel: saturated units only pay for an exp. Other activations take
 * iv_act_backprop. */
static void backprop(iv_act_kind act, double slope, const double *h,
		     const double *z, const double *g, double *dz, size_t count)
{
	switch (act) {
	case IV_ACT_TANH: iv_act_tanh_backprop(h, z, g, dz, count); break;
	case IV_ACT_SIGMOID: iv_act_sigmoid_backprop(h, z, g, dz, count); break;
	default: iv_act_backprop(act, slope, z, g, dz, count); break;
	}
}

/* The backward elementwise passes, block by block on several threads:
 * BACKPROP with the first statistics pass over dz, and a block's
 * PREV_ACT. */
struct bwd {
	const iv_net *net;
	size_t l;
	const double *g;
	double *dz;
	bool stats, prev;
};

/* One piece [p, q) of BACKPROP or PREV_ACT. */
static void bwd_piece(const struct bwd *w, size_t p, size_t q)
{
	const iv_net *net = w->net;
	const iv_config *cfg = &net->cfg;
	size_t l = w->l;
	double u[PIECE];
	const double *h, *z;
	if (w->prev) { /* dz: g_{l-1} = dA, through phi at u = N(h_{l-1}) */
		h = net->A[l]->data + p;
		z = net->H[l - 1]->data + p;
		if (net->mu[l]) {
			iv_norm_apply(cfg->norm, net->H[l - 1]->data, net->n[l],
				      net->mu[l], net->is[l], p, q, u);
			z = u;
		}
		backprop(cfg->act, cfg->slope, h, z, w->dz + p, w->dz + p,
			 q - p);
		if (!net->mu[l])
			add_to(w->dz + p, w->g + p, q - p);
		return;
	}
	switch (IV_KIND(net, l)) {
	case IV_LAYER_RESIDUAL:
		scale(w->dz + p, w->g + p, net->alpha, q - p);
		break;
	case IV_LAYER_PROJECTION:
		if (w->dz != w->g)
			memcpy(w->dz + p, w->g + p, (q - p) * sizeof *u);
		break;
	default:
		h = net->H[l]->data + p;
		z = net->Z[l]->data + p;
		if (net->mu[l]) {
			iv_norm_apply(cfg->norm, net->Z[l]->data, net->n[l],
				      net->mu[l], net->is[l], p, q, u);
			z = u;
		}
		backprop(cfg->act, cfg->slope, h, z, w->g + p, w->dz + p,
			 q - p);
		break;
	}
}

static void bwd_block(void *ctx, unsigned t, size_t b, size_t begin, size_t end)
{
	struct bwd *w = ctx;
	iv_lanes a;
	(void)t;
	iv_lanes_start(&a);
	for (size_t p = begin; p < end; p += PIECE) {
		size_t q = end - p < PIECE ? end : p + PIECE;
		bwd_piece(w, p, q);
		if (w->stats)
			iv_lanes_add(&a, w->dz + p, q - p);
	}
	if (w->stats)
		w->net->p1[0][b] = iv_lanes_end(&a);
}

bool iv_net_backprop_final(const iv_net *net, size_t l)
{
	return IV_KIND(net, l) != IV_LAYER_PLAIN || !net->mu[l];
}

void iv_net_backprop_run(const iv_net *net, size_t l, const double *g,
			 double *dz, size_t off, size_t count, bool stats)
{
	struct bwd w = {net,  l, g, dz, stats && iv_net_backprop_final(net, l),
			false};
	iv_par_range(net->pool, off, count, 0, bwd_block, &w);
}

void iv_net_prev_act_run(const iv_net *net, size_t l, const double *g,
			 double *gp, size_t off, size_t count)
{
	struct bwd w = {net, l, g, gp, false, true};
	iv_par_range(net->pool, off, count, 0, bwd_block, &w);
}

/* Normalization by groups, threads taking disjoint runs of groups. */
struct groups {
	iv_net *net;
	size_t l, g0, k;
	unsigned threads;
	double *d; /* NULL: moments; else the gradient to take back */
	const double *add;
};

static void groups_task(void *ctx, unsigned i)
{
	struct groups *c = ctx;
	iv_net *net = c->net;
	size_t l = c->l, B = net->B, n = net->n[l];
	size_t a = c->g0 + c->k * i / c->threads;
	size_t e = c->g0 + c->k * (i + 1) / c->threads;
	bool block = IV_KIND(net, l) == IV_LAYER_RESIDUAL;
	double *x = block ? net->H[l - 1]->data : net->Z[l]->data;
	if (a == e)
		return;
	if (c->d) {
		iv_norm_backward(net->cfg.norm, x, B, n, net->mu[l], net->is[l],
				 c->d, c->add, a, e, net->sums);
		return;
	}
	iv_norm_moments(net->cfg.norm, x, B, n, block ? NULL : net->b[l]->data,
			a, e, net->mu[l], net->is[l]);
	iv_norm_invert(net->is[l], a, e);
}

static void run_groups(struct groups *c)
{
	iv_net *net = c->net;
	size_t size = iv_norm_size(net->cfg.norm, net->B, net->n[c->l]);
	unsigned t = iv_par_threads(c->k * size);
	c->threads = t < 1 ? 1 : (size_t)t > c->k ? (unsigned)c->k : t;
	iv_par_tasks(net->pool, c->threads, groups_task, c);
}

size_t iv_net_norm_groups(const iv_net *net, size_t l)
{
	if (!iv_config_layer_norm(&net->cfg, l))
		return 0;
	return iv_norm_groups(net->cfg.norm, net->B, net->n[l]);
}

void iv_net_norm_run(iv_net *net, size_t l, size_t g0, size_t k)
{
	struct groups c = {.net = net, .l = l, .g0 = g0, .k = k};
	if (k)
		run_groups(&c);
}

void iv_net_norm_back_run(iv_net *net, size_t l, double *d, const double *add,
			  size_t g0, size_t k)
{
	struct groups c = {
	    .net = net, .l = l, .g0 = g0, .k = k, .d = d, .add = add};
	if (k)
		run_groups(&c);
}

void iv_net_dz(iv_net *net, size_t l, const double *g, double *dz)
{
	iv_net_backprop_run(net, l, g, dz, 0, net->B * net->n[l], false);
	if (!iv_net_backprop_final(net, l))
		iv_net_norm_back_run(net, l, dz, NULL, 0,
				     iv_net_norm_groups(net, l));
}

/* Phases ------------------------------------------------------------------ */

/* Channel moments of the stream H_l, threads taking disjoint runs. */
struct channels {
	iv_net *net;
	size_t l, g0, k;
	unsigned threads;
};

static void channel_task(void *ctx, unsigned i)
{
	struct channels *c = ctx;
	iv_net *net = c->net;
	size_t n = net->n[c->l];
	size_t a = c->g0 + c->k * i / c->threads;
	size_t e = c->g0 + c->k * (i + 1) / c->threads;
	if (a < e)
		iv_norm_moments(IV_NORM_BATCH, net->H[c->l]->data, net->B, n,
				NULL, a, e, net->sums, net->sums + n);
}

void iv_net_channel_run(iv_net *net, size_t l, size_t g0, size_t k)
{
	struct channels c = {net, l, g0, k, 1};
	unsigned t = iv_par_threads(k * net->B);
	c.threads = t < 1 ? 1 : (size_t)t > k ? (unsigned)k : t;
	if (k)
		iv_par_tasks(net->pool, c.threads, channel_task, &c);
}
