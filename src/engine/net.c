/* SPDX-License-Identifier: MIT */
/* The network: storage, drawing, and the layer-at-a-time forward and backward passes. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_blas.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_randist.h>
#include <initviz/act.h>
#include <initviz/net.h>
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

void iv_net_free(iv_net *net)
{
	if (!net)
		return;
	for (size_t l = 0; l <= net->L; l++) {
		if (net->W) gsl_matrix_free(net->W[l]);
		if (net->b) gsl_vector_free(net->b[l]);
		if (net->H) gsl_matrix_free(net->H[l]);
		if (net->Z) gsl_matrix_free(net->Z[l]);
		if (net->G) gsl_matrix_free(net->G[l]);
		if (net->ls)
			for (int q = 0; q < IV_Q_COUNT; q++)
				iv_stats_done(&net->ls[l].q[q]);
	}
	free(net->W); free(net->b); free(net->H); free(net->Z); free(net->G);
	free(net->gbuf[0]); free(net->gbuf[1]);
	free(net->dz); free(net->dw); free(net->work);
	free(net->p1[0]); free(net->p1[1]); free(net->alive);
	free(net->ls); free(net->n); free(net->drawn);
	free(net);
}

static iv_status allocate(iv_net *net)
{
	size_t L = net->L, B = net->B;
	/* arrays of pointers to matrices: sizeof a pointer is meant */
	/* NOLINTBEGIN(bugprone-sizeof-expression) */
	net->W = calloc(L + 1, sizeof *net->W);
	net->b = calloc(L + 1, sizeof *net->b);
	net->H = calloc(L + 1, sizeof *net->H);
	net->Z = calloc(L + 1, sizeof *net->Z);
	net->ls = calloc(L + 1, sizeof *net->ls);
	net->drawn = calloc(L + 1, sizeof *net->drawn);
	if (net->cfg.retain)
		net->G = calloc(L + 1, sizeof *net->G);
	/* NOLINTEND(bugprone-sizeof-expression) */
	if (!net->W || !net->b || !net->H || !net->Z || !net->ls || !net->drawn ||
	    (net->cfg.retain && !net->G))
		return IV_ENOMEM;
	if (!(net->H[0] = gsl_matrix_alloc(B, net->n[0])))
		return IV_ENOMEM;
	for (size_t l = 1; l <= L; l++) {
		if (!(net->W[l] = gsl_matrix_alloc(net->n[l], net->n[l - 1])) ||
		    !(net->b[l] = gsl_vector_alloc(net->n[l])) ||
		    !(net->Z[l] = gsl_matrix_alloc(B, net->n[l])) ||
		    !(net->H[l] = gsl_matrix_alloc(B, net->n[l])) ||
		    (net->G && !(net->G[l] = gsl_matrix_alloc(B, net->n[l]))))
			return IV_ENOMEM;
		for (int q = 0; q < IV_Q_COUNT; q++)
			if (iv_stats_init(&net->ls[l].q[q], net->cfg.bins))
				return IV_ENOMEM;
	}
	size_t nb = iv_par_nblocks(B * net->maxn);
	net->dw = malloc(net->maxw * sizeof(double));
	net->work = malloc(IV_DISTINCT_WORK(net->maxn));
	net->p1[0] = malloc(nb * sizeof *net->p1[0]);
	net->p1[1] = malloc(nb * sizeof *net->p1[1]);
	net->alive = malloc(IV_PAR_MAX * net->maxn);
	if (net->G) {
		if (!(net->dz = malloc(B * net->maxn * sizeof(double))))
			return IV_ENOMEM;
	} else {
		net->gbuf[0] = malloc(B * net->maxn * sizeof(double));
		net->gbuf[1] = malloc(B * net->maxn * sizeof(double));
		if (!net->gbuf[0] || !net->gbuf[1])
			return IV_ENOMEM;
	}
	return net->dw && net->work && net->p1[0] && net->p1[1] && net->alive
	               ? IV_OK
	               : IV_ENOMEM;
}

static void fill_gaussian(gsl_matrix *m, gsl_rng *r)
{
	for (size_t i = 0; i < m->size1; i++)
		for (size_t j = 0; j < m->size2; j++)
			gsl_matrix_set(m, i, j, gsl_ran_gaussian_ziggurat(r, 1.0));
}

static void draw_input(const iv_config *cfg, gsl_matrix *X, gsl_rng *r)
{
	for (size_t i = 0; i < X->size1; i++) {
		double *row = gsl_matrix_ptr(X, i, 0);
		for (size_t j = 0; j < X->size2; j++) {
			switch (cfg->input) {
			case IV_INPUT_UNIFORM:
				row[j] = gsl_ran_flat(r, -sqrt(3.0), sqrt(3.0));
				break;
			case IV_INPUT_POSITIVE:
				row[j] = gsl_rng_uniform(r);
				break;
			default:
				row[j] = gsl_ran_gaussian_ziggurat(r, 1.0);
				break;
			}
		}
	}
}

/* Streams: 0 inputs, 1 starting gradient, l+1 layer l's weights and biases
 * (so a layer draws the same numbers whatever the depth or the order). */
static iv_status draw(iv_net *net)
{
	gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
	if (!r)
		return IV_ENOMEM;
	gsl_rng_set(r, iv_seed_mix(net->cfg.seed, 0));
	draw_input(&net->cfg, net->H[0], r);
	gsl_rng_free(r);
	return IV_OK;
}

/* The starting gradient g_L, drawn again at every backward pass (the pass
 * overwrites it with dz when gradients are not retained). */
static iv_status draw_grad(iv_net *net, double *g)
{
	gsl_matrix_view m = gsl_matrix_view_array(g, net->B, net->n[net->L]);
	gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
	if (!r)
		return IV_ENOMEM;
	gsl_rng_set(r, iv_seed_mix(net->cfg.seed, 1));
	fill_gaussian(&m.matrix, r);
	gsl_rng_free(r);
	return IV_OK;
}

iv_status iv_net_draw_layer(iv_net *net, size_t l)
{
	const iv_config *cfg = &net->cfg;
	if (net->drawn[l])
		return IV_OK;
	gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
	if (!r)
		return IV_ENOMEM;
	gsl_rng_set(r, iv_seed_mix(cfg->seed, l + 1));
	iv_status st = iv_init_draw(cfg, l, net->W[l], r);
	for (size_t i = 0; i < net->n[l]; i++) {
		double e = cfg->bias_std > 0
		                   ? gsl_ran_gaussian_ziggurat(r, cfg->bias_std)
		                   : 0.0;
		gsl_vector_set(net->b[l], i, cfg->bias + e);
	}
	gsl_rng_free(r);
	net->drawn[l] = st == IV_OK;
	return st;
}

struct draw_pair {
	iv_net *net;
	size_t l;
	iv_status st[2];
};

static void draw_task(void *ctx, unsigned i)
{
	struct draw_pair *d = ctx;
	d->st[i] = iv_net_draw_layer(d->net, d->l + i);
}

/* Layer l's weights, and layer l + 1's on a second thread when that is
 * worth it: each layer has its own stream, so the numbers are the same.
 * (Orthogonal draws call BLAS, which draws on its own threads.) */
static iv_status draw_layers(iv_net *net, size_t l)
{
	struct draw_pair d = { net, l, { IV_OK, IV_OK } };
	if (net->drawn[l])
		return IV_OK;
	unsigned k = 1;
	if (l < net->L && !net->drawn[l + 1] &&
	    net->cfg.init != IV_INIT_ORTHOGONAL &&
	    net->n[l] * net->n[l - 1] >= IV_BLOCK &&
	    iv_par_threads((size_t)2 * IV_PAR_MIN) > 1)
		k = 2;
	iv_par_tasks(k, draw_task, &d);
	return d.st[0] != IV_OK ? d.st[0] : d.st[1];
}

iv_net *iv_net_alloc(const iv_config *cfg, iv_status *st)
{
	iv_status dummy;
	iv_net *net;
	if (!st)
		st = &dummy;
	gsl_set_error_handler_off(); /* GSL's default handler aborts */
	if ((*st = iv_config_validate(cfg)) != IV_OK)
		return NULL;
	if (cfg->max_memory > 0 && iv_config_memory(cfg) > cfg->max_memory) {
		*st = IV_ETOOBIG;
		return NULL;
	}
	if (!(net = calloc(1, sizeof *net))) {
		*st = IV_ENOMEM;
		return NULL;
	}
	net->cfg = *cfg;
	net->L = cfg->depth;
	net->B = cfg->batch;
	if (!(net->n = malloc((net->L + 1) * sizeof *net->n))) {
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
	if ((*st = allocate(net)) != IV_OK || (*st = draw(net)) != IV_OK) {
		iv_net_free(net);
		return NULL;
	}
	iv_net_restart(net);
	return net;
}

void iv_net_restart(iv_net *net)
{
	net->step = 0;
	for (size_t l = 1; l <= net->L; l++) {
		iv_layer_stats *s = &net->ls[l];
		s->layer = l;
		s->fan_in = net->n[l - 1];
		s->fan_out = net->n[l];
		s->forward_done = s->backward_done = false;
	}
}

/* The forward elementwise pass, block by block on several threads: bias,
 * activation and, for the statistics, the first pass over Z and H and the
 * health counts (dead units, saturated and zero entries). */
struct fwd {
	const iv_net *net;
	double *z, *h;
	const double *bias;
	size_t n;
	bool stats;
	size_t sat[IV_PAR_MAX], zero[IV_PAR_MAX];
};

#define PIECE 4096 /* entries taken at once: Z and H stay in L1/L2 */

static void add_bias(double *z, const double *bias, size_t n, size_t begin,
                     size_t end)
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

static void health_piece(struct fwd *f, unsigned t, size_t begin, size_t end)
{
	const double *h = f->h;
	unsigned char *alive = f->net->alive + (size_t)t * f->n;
	size_t sat = 0, zero = 0, j = begin % f->n;
	iv_act_kind act = f->net->cfg.act;
	for (size_t i = begin; i < end; i++) {
		double v = h[i];
		zero += v == 0;
		alive[j] |= v != 0;
		if (++j == f->n)
			j = 0;
		if (act == IV_ACT_TANH)
			sat += fabs(v) > 0.99;
		else if (act == IV_ACT_SIGMOID)
			sat += v < 0.01 || v > 0.99;
	}
	f->sat[t] += sat;
	f->zero[t] += zero;
}

static void fwd_block(void *ctx, unsigned t, size_t b, size_t begin,
                      size_t end)
{
	struct fwd *f = ctx;
	const iv_config *cfg = &f->net->cfg;
	iv_lanes az, ah;
	iv_lanes_start(&az);
	iv_lanes_start(&ah);
	for (size_t p = begin; p < end; p += PIECE) {
		size_t q = end - p < PIECE ? end : p + PIECE;
		add_bias(f->z, f->bias, f->n, p, q);
		iv_act_apply(cfg->act, cfg->slope, f->z + p, f->h + p, q - p);
		if (!f->stats)
			continue;
		iv_lanes_add(&az, f->z + p, q - p);
		iv_lanes_add(&ah, f->h + p, q - p);
		health_piece(f, t, p, q);
	}
	if (f->stats) {
		f->net->p1[0][b] = iv_lanes_end(&az);
		f->net->p1[1][b] = iv_lanes_end(&ah);
	}
}

static iv_status forward_pass(iv_net *net, size_t l, bool stats)
{
	gsl_matrix *Z = net->Z[l], *H = net->H[l];
	size_t N = net->B * net->n[l];
	iv_status st = draw_layers(net, l);
	if (st != IV_OK)
		return st;
	if (gsl_blas_dgemm(CblasNoTrans, CblasTrans, 1.0, net->H[l - 1],
	                   net->W[l], 0.0, Z))
		return IV_EGSL;
	struct fwd f = { net, Z->data, H->data, net->b[l]->data, net->n[l],
	                 stats, { 0 }, { 0 } };
	unsigned threads = iv_par_threads(N);
	if (stats)
		memset(net->alive, 0, threads * f.n);
	iv_par_blocks(N, threads, fwd_block, &f);
	if (!stats)
		return IV_OK;
	iv_layer_stats *s = &net->ls[l];
	size_t sat = 0, zero = 0, dead = 0;
	for (unsigned t = 0; t < threads; t++) {
		sat += f.sat[t];
		zero += f.zero[t];
	}
	for (size_t j = 0; j < f.n; j++) {
		unsigned char a = 0;
		for (unsigned t = 0; t < threads; t++)
			a |= net->alive[(size_t)t * f.n + j];
		dead += !a;
	}
	s->saturated = (double)sat / (double)N;
	s->zero_fraction = (double)zero / (double)N;
	s->dead_units = dead;
	return IV_OK;
}

iv_status iv_net_forward_layer(iv_net *net, size_t l)
{
	return forward_pass(net, l, false);
}

static iv_status forward(iv_net *net, size_t l)
{
	iv_layer_stats *s = &net->ls[l];
	size_t N = net->B * net->n[l];
	iv_status st = forward_pass(net, l, true);
	if (st != IV_OK)
		return st;
	iv_stats_compute(&s->q[IV_Q_WEIGHTS], net->W[l]->data,
	                 net->n[l] * net->n[l - 1]);
	iv_stats_from_parts(&s->q[IV_Q_PREACT], net->Z[l]->data, N, net->p1[0],
	                    0);
	iv_stats_from_parts(&s->q[IV_Q_ACT], net->H[l]->data, N, net->p1[1], 0);
	s->distinct_neurons = iv_distinct_columns(net->H[l]->data, net->B,
	                                          net->n[l], net->work);
	s->forward_done = true;
	return IV_OK;
}

static double *grad_of(iv_net *net, size_t l)
{
	if (net->G)
		return net->G[l]->data;
	return net->gbuf[l % 2];
}

/* tanh'(z) = 1/cosh^2 z = 4u / (1 + u)^2 with u = e^{-2|z|}: one exp, a
 * few ulps, no cancellation (0 at infinities, NaN for NaN). */
static inline double dtanh_from_z(double z)
{
	double u = exp(-2.0 * fabs(z)), d = 1.0 + u;
	return 4.0 * u / (d * d);
}

/* dz = g * phi'(z) over [begin, end); dz may be g. tanh' and sigmoid' come
 * from the stored h = phi(z) where that is exact to a few ulps (1 - h^2
 * for |h| < 1/2, h(1 - h) for h <= 1/2), and from z where 1 - h would
 * cancel: saturated units only pay for an exp. Other activations take
 * iv_act_backprop. */
static void backprop(const iv_net *net, size_t l, const double *g, double *dz,
                     size_t begin, size_t end)
{
	const double *h = net->H[l]->data, *z = net->Z[l]->data;
	switch (net->cfg.act) {
	case IV_ACT_TANH:
		for (size_t i = begin; i < end; i++) {
			double d = 1.0 - h[i] * h[i];
			if (!(fabs(h[i]) < 0.5))
				d = dtanh_from_z(z[i]);
			dz[i] = g[i] * d;
		}
		break;
	case IV_ACT_SIGMOID:
		for (size_t i = begin; i < end; i++) {
			double d = h[i] * (1.0 - h[i]);
			if (!(h[i] <= 0.5))
				d = iv_act_deriv(IV_ACT_SIGMOID, 0, z[i]);
			dz[i] = g[i] * d;
		}
		break;
	default:
		iv_act_backprop(net->cfg.act, net->cfg.slope, z + begin, g + begin,
		                dz + begin, end - begin);
		break;
	}
}

/* The backward elementwise pass, block by block on several threads, with
 * the first statistics pass over dz. */
struct bwd {
	const iv_net *net;
	size_t l;
	const double *g;
	double *dz;
	bool stats;
};

static void bwd_block(void *ctx, unsigned t, size_t b, size_t begin,
                      size_t end)
{
	struct bwd *w = ctx;
	iv_lanes a;
	(void)t;
	iv_lanes_start(&a);
	for (size_t p = begin; p < end; p += PIECE) {
		size_t q = end - p < PIECE ? end : p + PIECE;
		backprop(w->net, w->l, w->g, w->dz, p, q);
		if (w->stats)
			iv_lanes_add(&a, w->dz + p, q - p);
	}
	if (w->stats)
		w->net->p1[0][b] = iv_lanes_end(&a);
}

static void backprop_all(iv_net *net, size_t l, const double *g, double *dz,
                         bool stats)
{
	struct bwd w = { net, l, g, dz, stats };
	iv_par_blocks(net->B * net->n[l], 0, bwd_block, &w);
}

/* Statistics of g first: without retained gradients dz then overwrites g. */
static iv_status backward(iv_net *net, size_t l)
{
	size_t B = net->B, n = net->n[l], m = net->n[l - 1];
	iv_layer_stats *s = &net->ls[l];
	double *g = grad_of(net, l), *dzp = net->G ? net->dz : g;
	if (l == net->L && draw_grad(net, g) != IV_OK)
		return IV_ENOMEM;
	gsl_matrix_view dz = gsl_matrix_view_array(dzp, B, n);
	gsl_matrix_view dw = gsl_matrix_view_array(net->dw, n, m);
	iv_stats_compute(&s->q[IV_Q_GRAD_ACT], g, B * n);
	backprop_all(net, l, g, dzp, true);
	iv_stats_from_parts(&s->q[IV_Q_GRAD_PREACT], dzp, B * n, net->p1[0], 0);
	if (gsl_blas_dgemm(CblasTrans, CblasNoTrans, 1.0 / (double)B,
	                   &dz.matrix, net->H[l - 1], 0.0, &dw.matrix))
		return IV_EGSL;
	iv_stats_compute(&s->q[IV_Q_GRAD_WEIGHTS], net->dw, n * m);
	if (l > 1) {
		gsl_matrix_view prev = gsl_matrix_view_array(grad_of(net, l - 1), B, m);
		if (gsl_blas_dgemm(CblasNoTrans, CblasNoTrans, 1.0, &dz.matrix,
		                   net->W[l], 0.0, &prev.matrix))
			return IV_EGSL;
	}
	s->backward_done = true;
	return IV_OK;
}

iv_status iv_net_step(iv_net *net)
{
	size_t L = net->L;
	iv_status st;
	if (net->step >= 2 * L)
		return IV_OK;
	if (net->step < L)
		st = forward(net, net->step + 1);
	else
		st = backward(net, 2 * L - net->step);
	if (st != IV_OK)
		return st;
	net->step++;
	return net->step >= 2 * L ? IV_OK : IV_CONTINUE;
}

iv_status iv_net_run(iv_net *net)
{
	iv_status st;
	while ((st = iv_net_step(net)) == IV_CONTINUE)
		;
	return st;
}

bool iv_net_done(const iv_net *net) { return net->step >= 2 * net->L; }

double iv_net_progress(const iv_net *net)
{
	return (double)net->step / (double)(2 * net->L);
}

const iv_config *iv_net_config(const iv_net *net) { return &net->cfg; }

size_t iv_net_depth(const iv_net *net) { return net->L; }

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

iv_status iv_net_bin(iv_net *net, size_t l, iv_quantity q, double lo,
                     double hi, size_t bins, double *counts)
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
	backprop_all(net, l, net->G[l]->data, net->dz, false);
	if (q == IV_Q_GRAD_PREACT) {
		iv_bin(net->dz, B * n, lo, hi, bins, counts);
		return IV_OK;
	}
	gsl_matrix_view dz = gsl_matrix_view_array(net->dz, B, n);
	gsl_matrix_view dw = gsl_matrix_view_array(net->dw, n, m);
	if (gsl_blas_dgemm(CblasTrans, CblasNoTrans, 1.0 / (double)B,
	                   &dz.matrix, net->H[l - 1], 0.0, &dw.matrix))
		return IV_EGSL;
	iv_bin(net->dw, n * m, lo, hi, bins, counts);
	return IV_OK;
}
