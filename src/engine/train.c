/* SPDX-License-Identifier: MIT */
/* Full-batch SGD of the network plus a readout on a fixed teacher task. */
#include <math.h>
#include <stdlib.h>
#include <gsl/gsl_blas.h>
#include <gsl/gsl_randist.h>
#include <initviz/act.h>
#include <initviz/train.h>
#include "init.h"
#include "net_impl.h"

#define TEACHER_HIDDEN 16
#define TEACHER_STREAM 0x7ea0000ul

struct iv_train {
	iv_net *net;
	iv_train_opts opts;
	gsl_matrix *Y, *Yhat, *Wo, *dWo; /* batch x k, k x n_L */
	gsl_vector *bo;
	double *g[2], *db;
	size_t *distinct; /* 1..L */
	double *ratio[2]; /* 1..L, the last update's: grad ratio, update ratio */
	double loss;
	size_t steps;
};

void iv_train_free(iv_train *tr)
{
	if (!tr)
		return;
	gsl_matrix_free(tr->Y);
	gsl_matrix_free(tr->Yhat);
	gsl_matrix_free(tr->Wo);
	gsl_matrix_free(tr->dWo);
	gsl_vector_free(tr->bo);
	free(tr->g[0]);
	free(tr->g[1]);
	free(tr->db);
	free(tr->distinct);
	free(tr->ratio[0]);
	free(tr->ratio[1]);
	free(tr);
}

/* Y = tanh(X A1^T) A2^T with A1 ~ N(0, 1/n0), A2 ~ N(0, 1/16). */
static iv_status make_targets(iv_train *tr, gsl_rng *r)
{
	const gsl_matrix *X = tr->net->H[0];
	size_t n0 = X->size2, k = tr->Y->size2;
	gsl_matrix *A1 = gsl_matrix_alloc(TEACHER_HIDDEN, n0);
	gsl_matrix *A2 = gsl_matrix_alloc(k, TEACHER_HIDDEN);
	gsl_matrix *T = gsl_matrix_alloc(X->size1, TEACHER_HIDDEN);
	iv_status st = IV_ENOMEM;
	if (A1 && A2 && T) {
		for (size_t i = 0; i < A1->size1 * A1->size2; i++)
			A1->data[i] = gsl_ran_gaussian_ziggurat(r, 1 / sqrt(n0));
		for (size_t i = 0; i < A2->size1 * A2->size2; i++)
			A2->data[i] = gsl_ran_gaussian_ziggurat(r, 0.25);
		st = IV_EGSL;
		if (!gsl_blas_dgemm(CblasNoTrans, CblasTrans, 1, X, A1, 0, T)) {
			for (size_t i = 0; i < T->size1 * T->size2; i++)
				T->data[i] = tanh(T->data[i]);
			if (!gsl_blas_dgemm(CblasNoTrans, CblasTrans, 1, T, A2, 0,
			                    tr->Y))
				st = IV_OK;
		}
	}
	gsl_matrix_free(A1);
	gsl_matrix_free(A2);
	gsl_matrix_free(T);
	return st;
}

static iv_status draw(iv_train *tr)
{
	const iv_config *cfg = &tr->net->cfg;
	gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
	iv_status st;
	if (!r)
		return IV_ENOMEM;
	gsl_rng_set(r, iv_seed_mix(cfg->seed, TEACHER_STREAM));
	st = make_targets(tr, r);
	gsl_rng_set(r, iv_seed_mix(cfg->seed, tr->net->L + 2)); /* next layer's stream */
	iv_config c = *cfg;
	if (tr->opts.random_readout) { /* random on top of any hidden scheme */
		c.init = IV_INIT_LECUN_NORMAL;
		c.gain = 1;
		c.mode = IV_MODE_FAN_IN;
	}
	if (st == IV_OK)
		st = iv_init_draw(&c, tr->net->L + 1, tr->Wo, r);
	gsl_vector_set_all(tr->bo, cfg->bias);
	gsl_rng_free(r);
	return st;
}

iv_train *iv_train_alloc(iv_net *net, const iv_train_opts *opts,
                         iv_status *st)
{
	iv_status dummy;
	iv_train *tr;
	if (!st)
		st = &dummy;
	if (!(opts->lr > 0) || !isfinite(opts->lr) || opts->outputs < 1 ||
	    opts->outputs > IV_WIDTH_MAX) {
		*st = IV_EINVAL;
		return NULL;
	}
	if (!(tr = calloc(1, sizeof *tr))) {
		*st = IV_ENOMEM;
		return NULL;
	}
	size_t B = net->B, k = opts->outputs, nL = net->n[net->L];
	tr->net = net;
	tr->opts = *opts;
	tr->Y = gsl_matrix_alloc(B, k);
	tr->Yhat = gsl_matrix_alloc(B, k);
	tr->Wo = gsl_matrix_alloc(k, nL);
	tr->dWo = gsl_matrix_alloc(k, nL);
	tr->bo = gsl_vector_alloc(k);
	tr->g[0] = malloc(B * net->maxn * sizeof(double));
	tr->g[1] = malloc(B * net->maxn * sizeof(double));
	tr->db = malloc((net->maxn > k ? net->maxn : k) * sizeof(double));
	tr->distinct = calloc(net->L + 1, sizeof *tr->distinct);
	for (int i = 0; i < 2; i++)
		if ((tr->ratio[i] = malloc((net->L + 1) * sizeof(double))))
			for (size_t l = 0; l <= net->L; l++)
				tr->ratio[i][l] = NAN; /* no update yet */
	*st = IV_ENOMEM;
	if (tr->Y && tr->Yhat && tr->Wo && tr->dWo && tr->bo && tr->g[0] &&
	    tr->g[1] && tr->db && tr->distinct && tr->ratio[0] && tr->ratio[1])
		*st = draw(tr);
	for (size_t l = 1; l <= net->L && *st == IV_OK; l++)
		*st = iv_net_draw_layer(net, l); /* weights readable at once */
	if (*st != IV_OK) {
		iv_train_free(tr);
		return NULL;
	}
	return tr;
}

/* Forward through every layer and the readout; loss; distinct neurons. */
static iv_status forward_all(iv_train *tr)
{
	iv_net *net = tr->net;
	size_t B = net->B, k = tr->Y->size2;
	for (size_t l = 1; l <= net->L; l++) {
		iv_status st = iv_net_forward_layer(net, l);
		if (st != IV_OK)
			return st;
		tr->distinct[l] = iv_distinct_columns(net->H[l]->data, B,
		                                      net->n[l], net->work);
	}
	if (gsl_blas_dgemm(CblasNoTrans, CblasTrans, 1, net->H[net->L], tr->Wo,
	                   0, tr->Yhat))
		return IV_EGSL;
	double loss = 0;
	for (size_t i = 0; i < B; i++)
		for (size_t j = 0; j < k; j++) {
			double *y = gsl_matrix_ptr(tr->Yhat, i, j);
			*y += gsl_vector_get(tr->bo, j) - gsl_matrix_get(tr->Y, i, j);
			loss += *y * *y; /* Yhat now holds the residual */
		}
	tr->loss = loss / (2.0 * (double)B);
	return IV_OK;
}

/* Column sums of a rows x cols matrix into out (the bias gradient). */
static void colsum(const double *a, size_t rows, size_t cols, double *out)
{
	for (size_t j = 0; j < cols; j++)
		out[j] = 0;
	for (size_t i = 0; i < rows; i++)
		for (size_t j = 0; j < cols; j++)
			out[j] += a[i * cols + j];
}

/* Population standard deviation, two passes. */
static double spread(const double *x, size_t n)
{
	double mean = 0, ss = 0;
	for (size_t i = 0; i < n; i++)
		mean += x[i];
	mean /= (double)n;
	for (size_t i = 0; i < n; i++)
		ss += (x[i] - mean) * (x[i] - mean);
	return sqrt(ss / (double)n);
}

static void descend(double *w, const double *dw, size_t n, double lr)
{
	for (size_t i = 0; i < n; i++)
		w[i] -= lr * dw[i];
}

/* Backward from the readout residual and update every parameter. */
static iv_status backward_update(iv_train *tr)
{
	iv_net *net = tr->net;
	size_t B = net->B, L = net->L, k = tr->Y->size2;
	double lr = tr->opts.lr;
	gsl_matrix_scale(tr->Yhat, 1.0 / (double)B); /* delta = residual/B */
	gsl_matrix_view g = gsl_matrix_view_array(tr->g[L % 2], B, net->n[L]);
	if (gsl_blas_dgemm(CblasNoTrans, CblasNoTrans, 1, tr->Yhat, tr->Wo, 0,
	                   &g.matrix) ||
	    gsl_blas_dgemm(CblasTrans, CblasNoTrans, 1, tr->Yhat, net->H[L], 0,
	                   tr->dWo))
		return IV_EGSL;
	colsum(tr->Yhat->data, B, k, tr->db);
	descend(tr->Wo->data, tr->dWo->data, k * net->n[L], lr);
	descend(tr->bo->data, tr->db, k, lr);
	for (size_t l = L; l >= 1; l--) {
		size_t n = net->n[l], m = net->n[l - 1];
		double *dzp = tr->g[l % 2]; /* dz overwrites g */
		gsl_matrix_view dz = gsl_matrix_view_array(dzp, B, n);
		gsl_matrix_view dw = gsl_matrix_view_array(net->dw, n, m);
		gsl_matrix_view gp = gsl_matrix_view_array(tr->g[(l - 1) % 2], B, m);
		iv_act_backprop(net->cfg.act, net->cfg.slope, net->Z[l]->data,
		                dzp, dzp, B * n);
		if (gsl_blas_dgemm(CblasTrans, CblasNoTrans, 1, &dz.matrix,
		                   net->H[l - 1], 0, &dw.matrix))
			return IV_EGSL;
		if (l > 1 && gsl_blas_dgemm(CblasNoTrans, CblasNoTrans, 1,
		                            &dz.matrix, net->W[l], 0, &gp.matrix))
			return IV_EGSL;
		colsum(dzp, B, n, tr->db);
		/* the update is -lr dW: its ratios before W moves */
		double ratio = spread(net->dw, n * m) /
		               spread(net->W[l]->data, n * m);
		tr->ratio[0][l] = ratio;
		tr->ratio[1][l] = lr * ratio;
		descend(net->W[l]->data, net->dw, n * m, lr);
		descend(net->b[l]->data, tr->db, n, lr);
	}
	return IV_OK;
}

iv_status iv_train_step(iv_train *tr)
{
	iv_status st = forward_all(tr);
	if (st == IV_OK)
		st = backward_update(tr);
	if (st == IV_OK)
		tr->steps++;
	iv_net_restart(tr->net); /* the net's statistics are stale now */
	return st;
}

iv_status iv_train_evaluate(iv_train *tr)
{
	iv_status st = forward_all(tr);
	iv_net_restart(tr->net);
	return st;
}

double iv_train_loss(const iv_train *tr) { return tr->loss; }

size_t iv_train_distinct(const iv_train *tr, size_t l)
{
	return l >= 1 && l <= tr->net->L ? tr->distinct[l] : 0;
}

size_t iv_train_steps(const iv_train *tr) { return tr->steps; }

double iv_train_grad_ratio(const iv_train *tr, size_t l)
{
	return l >= 1 && l <= tr->net->L ? tr->ratio[0][l] : NAN;
}

double iv_train_update_ratio(const iv_train *tr, size_t l)
{
	return l >= 1 && l <= tr->net->L ? tr->ratio[1][l] : NAN;
}
