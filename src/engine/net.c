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
	gsl_matrix_free(net->gL);
	free(net->gbuf[0]); free(net->gbuf[1]);
	free(net->dz); free(net->dw); free(net->work);
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
	net->gL = gsl_matrix_alloc(B, net->n[L]);
	net->dz = malloc(B * net->maxn * sizeof(double));
	net->dw = malloc(net->maxw * sizeof(double));
	net->work = malloc(IV_DISTINCT_WORK(net->maxn));
	if (!net->G) {
		net->gbuf[0] = malloc(B * net->maxn * sizeof(double));
		net->gbuf[1] = malloc(B * net->maxn * sizeof(double));
		if (!net->gbuf[0] || !net->gbuf[1])
			return IV_ENOMEM;
	}
	return net->gL && net->dz && net->dw && net->work ? IV_OK : IV_ENOMEM;
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
	const iv_config *cfg = &net->cfg;
	gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
	if (!r)
		return IV_ENOMEM;
	gsl_rng_set(r, iv_seed_mix(cfg->seed, 0));
	draw_input(cfg, net->H[0], r);
	gsl_rng_set(r, iv_seed_mix(cfg->seed, 1));
	fill_gaussian(net->gL, r);
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

/* Dead units, saturated and zero fractions of an activation matrix. */
static void health(iv_net *net, const gsl_matrix *H, iv_layer_stats *s)
{
	size_t rows = H->size1, cols = H->size2, sat = 0, zero = 0, dead = 0;
	unsigned char *alive = net->work; /* borrowed: distinct runs after */
	memset(alive, 0, cols);
	for (size_t i = 0; i < rows; i++) {
		const double *h = gsl_matrix_const_ptr(H, i, 0);
		for (size_t j = 0; j < cols; j++) {
			double v = h[j];
			zero += v == 0;
			alive[j] |= v != 0;
			switch (net->cfg.act) {
			case IV_ACT_TANH: sat += fabs(v) > 0.99; break;
			case IV_ACT_SIGMOID: sat += v < 0.01 || v > 0.99; break;
			default: break;
			}
		}
	}
	for (size_t j = 0; j < cols; j++)
		dead += !alive[j];
	double n = (double)(rows * cols);
	s->saturated = (double)sat / n;
	s->zero_fraction = (double)zero / n;
	s->dead_units = dead;
}

iv_status iv_net_forward_layer(iv_net *net, size_t l)
{
	gsl_matrix *Z = net->Z[l], *H = net->H[l];
	size_t B = net->B, n = net->n[l];
	iv_status st = iv_net_draw_layer(net, l);
	if (st != IV_OK)
		return st;
	if (gsl_blas_dgemm(CblasNoTrans, CblasTrans, 1.0, net->H[l - 1],
	                   net->W[l], 0.0, Z))
		return IV_EGSL;
	const double *bias = net->b[l]->data;
	for (size_t i = 0; i < B; i++) {
		double *z = gsl_matrix_ptr(Z, i, 0);
		for (size_t j = 0; j < n; j++)
			z[j] += bias[j];
	}
	iv_act_apply(net->cfg.act, net->cfg.slope, Z->data, H->data, B * n);
	return IV_OK;
}

static iv_status forward(iv_net *net, size_t l)
{
	gsl_matrix *Z = net->Z[l], *H = net->H[l];
	iv_layer_stats *s = &net->ls[l];
	size_t B = net->B, n = net->n[l];
	iv_status st = iv_net_forward_layer(net, l);
	if (st != IV_OK)
		return st;
	iv_stats_compute(&s->q[IV_Q_WEIGHTS], net->W[l]->data, n * net->n[l - 1]);
	iv_stats_compute(&s->q[IV_Q_PREACT], Z->data, B * n);
	iv_stats_compute(&s->q[IV_Q_ACT], H->data, B * n);
	health(net, H, s);
	s->distinct_neurons = iv_distinct_columns(H->data, B, n, net->work);
	s->forward_done = true;
	return IV_OK;
}

static double *grad_of(iv_net *net, size_t l)
{
	if (net->G)
		return net->G[l]->data;
	return l == net->L ? net->gL->data : net->gbuf[l % 2];
}

/* dz = g * phi'(z). tanh' and sigmoid' come from the stored h = phi(z)
 * where that is exact to a few ulps (1 - h^2 for |h| < 1/2, h(1 - h) for
 * h <= 1/2), and from z where 1 - h would cancel: saturated units only pay
 * for an exp. Other activations take iv_act_backprop. */
static void backprop(const iv_net *net, size_t l, const double *g, double *dz)
{
	size_t N = net->B * net->n[l];
	const double *h = net->H[l]->data, *z = net->Z[l]->data;
	switch (net->cfg.act) {
	case IV_ACT_TANH:
		for (size_t i = 0; i < N; i++) {
			double d = 1.0 - h[i] * h[i];
			if (!(fabs(h[i]) < 0.5))
				d = iv_act_deriv(IV_ACT_TANH, 0, z[i]);
			dz[i] = g[i] * d;
		}
		break;
	case IV_ACT_SIGMOID:
		for (size_t i = 0; i < N; i++) {
			double d = h[i] * (1.0 - h[i]);
			if (!(h[i] <= 0.5))
				d = iv_act_deriv(IV_ACT_SIGMOID, 0, z[i]);
			dz[i] = g[i] * d;
		}
		break;
	default:
		iv_act_backprop(net->cfg.act, net->cfg.slope, z, g, dz, N);
		break;
	}
}

static iv_status backward(iv_net *net, size_t l)
{
	size_t B = net->B, n = net->n[l], m = net->n[l - 1];
	iv_layer_stats *s = &net->ls[l];
	if (l == net->L && net->G)
		gsl_matrix_memcpy(net->G[l], net->gL);
	double *g = grad_of(net, l);
	gsl_matrix_view dz = gsl_matrix_view_array(net->dz, B, n);
	gsl_matrix_view dw = gsl_matrix_view_array(net->dw, n, m);
	backprop(net, l, g, net->dz);
	if (gsl_blas_dgemm(CblasTrans, CblasNoTrans, 1.0 / (double)B,
	                   &dz.matrix, net->H[l - 1], 0.0, &dw.matrix))
		return IV_EGSL;
	iv_stats_compute(&s->q[IV_Q_GRAD_ACT], g, B * n);
	iv_stats_compute(&s->q[IV_Q_GRAD_PREACT], net->dz, B * n);
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
	backprop(net, l, net->G[l]->data, net->dz);
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
