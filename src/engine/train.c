/* SPDX-License-Identifier: MIT */
/* Full-batch SGD of the network plus a readout on a fixed teacher task,
 * in bounded pieces.
 *
 * A step is a fixed sequence of phases (the layer in brackets), the
 * passes of each layer kind (net_impl.h):
 *   NORM_IN, BRANCH [a block]  its input phi(N(h_{l-1})), by groups, blocks
 *   FWD  [1..L]  columns of Z_l = X_l W_l^T (X_l: H_{l-1} or a block's
 *                input), then NORM (a normalized plain layer's moments)
 *                and ACT: bias and activation or the residual add by
 *                blocks, then DIST: distinct neurons (only when watched,
 *                and in evaluations)
 *   OUT          readout, loss, the readout's gradient and update, g_L;
 *                a loss that is not finite ends the step here, no
 *                weight changed and no step counted (iv_train_stopped)
 *   DZ   [L..1]  dz_l by blocks (in place, or beside g_l for a block) and
 *                DZN (back through a plain layer's norm);
 *                b_l -= lr dz^T 1
 *   PREV [L..2]  columns of g_{l-1} = dz_l W_l (with W_l before its
 *                update); for a block then PREV_ACT and PREV_NORM
 *   GRADW [L..1] rows of dW_l = dz_l^T H_{l-1} and the update's ratios
 *                (only when watched)
 *   UPD  [L..1]  rows of W_l += -lr dz_l^T H_{l-1} (one product, beta 1)
 * Watching adds work, never changes the update: its arithmetic is the
 * same in every step, so a run's numbers do not depend on when it was
 * watched.
 * No statistics, histograms or health counts: those are the net's passes,
 * run for what is shown (iv_net_restart + iv_net_run). An evaluation is
 * FWD, ACT, DIST and the readout's loss. Products are cut in slices and
 * elementwise work in par.h's blocks the way step.c cuts a net's steps. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <gsl/gsl_blas.h>
#include <gsl/gsl_randist.h>
#include <initviz/act.h>
#include <initviz/train.h>
#include "gauss.h"
#include "init.h"
#include "gemm.h"
#include "net_impl.h"

#define TEACHER_HIDDEN 16
#define TEACHER_STREAM 0x7ea0000ul

typedef enum {
	TR_IDLE,
	TR_NORM_IN,
	TR_BRANCH,
	TR_FWD,
	TR_NORM,
	TR_ACT,
	TR_DIST,
	TR_OUT,
	TR_DZ,
	TR_DZN,
	TR_PREV,
	TR_PREV_ACT,
	TR_PREV_NORM,
	TR_GRADW,
	TR_UPD
} tr_phase;

struct iv_train {
	iv_net *net;
	iv_train_opts opts;
	gsl_matrix *Y, *Yhat, *Wo, *dWo; /* batch x k, k x n_L */
	gsl_vector *bo;
	double *g[2], *db;
	double *dz;       /* a block's dz, beside its g_l (NULL: no blocks) */
	gsl_vector *ones; /* batch ones: bias gradients as dz^T 1 */
	size_t *distinct; /* 1..L */
	double
	    *ratio[2]; /* 1..L, the last update's: grad ratio, update ratio */
	double loss;
	size_t steps;
	bool watch; /* count distinct neurons and update ratios in steps */
	/* the step or evaluation in progress */
	tr_phase phase;
	bool update, watched; /* a step (else an evaluation); count, ratios */
	bool stopped; /* this step's loss is not finite: no update from it */
	size_t l, pos;        /* layer; columns, rows or entries done */
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
	gsl_vector_free(tr->ones);
	free(tr->g[0]);
	free(tr->g[1]);
	free(tr->dz);
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
		/* sizes as allocated: data is contiguous */
		iv_gauss_fill(r, 1 / sqrt(n0), A1->data, A1->size1 * A1->size2);
		iv_gauss_fill(r, 0.25, A2->data, A2->size1 * A2->size2);
		st = IV_EGSL;
		if (!iv_gemm(tr->net->pool, CblasNoTrans, CblasTrans, 1, X, A1, 0,
			     T)) {
			for (size_t i = 0; i < T->size1 * T->size2; i++)
				T->data[i] = tanh(T->data[i]);
			if (!iv_gemm(tr->net->pool, CblasNoTrans, CblasTrans,
				     1, T, A2, 0, tr->Y))
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
	gsl_rng *r = gsl_rng_alloc(IV_RNG);
	iv_status st;
	if (!r)
		return IV_ENOMEM;
	gsl_rng_set(r, iv_seed_mix(cfg->seed, TEACHER_STREAM));
	st = make_targets(tr, r);
	gsl_rng_set(r, iv_seed_mix(cfg->seed,
				   tr->net->L + 2)); /* next layer's stream */
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

iv_train *iv_train_alloc(iv_net *net, const iv_train_opts *opts, iv_status *st)
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
	iv_gemm_prepare_all(); /* steps repeat the same products */
	tr->net = net;
	net->trained = true; /* its W and b change from here */
	tr->opts = *opts;
	tr->Y = gsl_matrix_alloc(B, k);
	tr->Yhat = gsl_matrix_alloc(B, k);
	tr->Wo = gsl_matrix_alloc(k, nL);
	tr->dWo = gsl_matrix_alloc(k, nL);
	tr->bo = gsl_vector_alloc(k);
	tr->g[0] = malloc(B * net->maxn * sizeof(double));
	tr->g[1] = malloc(B * net->maxn * sizeof(double));
	if (net->cfg.residual)
		tr->dz = malloc(B * net->maxn * sizeof(double));
	tr->db = malloc((net->maxn > k ? net->maxn : k) * sizeof(double));
	tr->distinct = calloc(net->L + 1, sizeof *tr->distinct);
	tr->ones = gsl_vector_alloc(B);
	tr->watch = true;
	for (int i = 0; i < 2; i++)
		if ((tr->ratio[i] = malloc((net->L + 1) * sizeof(double))))
			for (size_t l = 0; l <= net->L; l++)
				tr->ratio[i][l] = NAN; /* no update yet */
	*st = IV_ENOMEM;
	if (tr->Y && tr->Yhat && tr->Wo && tr->dWo && tr->bo && tr->g[0] &&
	    tr->g[1] && (tr->dz || !net->cfg.residual) && tr->db &&
	    tr->distinct && tr->ones && tr->ratio[0] && tr->ratio[1]) {
		gsl_vector_set_all(tr->ones, 1.0);
		*st = draw(tr);
	}
	for (size_t l = 1; l <= net->L && *st == IV_OK; l++)
		*st = iv_net_draw_layer(net, l); /* weights readable at once */
	if (*st != IV_OK) {
		iv_train_free(tr);
		return NULL;
	}
	return tr;
}

/* The readout on H_L: Yhat = H_L Wo^T + bo - Y (the residual), the loss. */
static iv_status readout(iv_train *tr)
{
	iv_net *net = tr->net;
	size_t B = net->B, k = tr->Y->size2;
	if (iv_gemm(net->pool, CblasNoTrans, CblasTrans, 1, net->H[net->L],
		    tr->Wo, 0, tr->Yhat))
		return IV_EGSL;
	double loss = 0;
	for (size_t i = 0; i < B; i++)
		for (size_t j = 0; j < k; j++) {
			double *y = gsl_matrix_ptr(tr->Yhat, i, j);
			*y += gsl_vector_get(tr->bo, j) -
			      gsl_matrix_get(tr->Y, i, j);
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

/* Population standard deviation, two passes over x scaled by the power
 * of two nearest max|x| (exact: the same numbers as unscaled where its
 * squares neither underflow nor overflow), so that weights of std 1e-120
 * have a spread, not 0, and huge finite ones no infinite one; *mean
 * (unless NULL) gets the mean. NaN when an entry is NaN or infinite. */
static double spread(const double *x, size_t n, double *mean)
{
	double a = 0, m = 0, ss = 0;
	for (size_t i = 0; i < n; i++)
		a = fabs(x[i]) > a || isnan(x[i]) ? fabs(x[i]) : a;
	if (mean)
		*mean = isfinite(a) ? 0 : NAN;
	if (!isfinite(a))
		return NAN;
	if (a == 0)
		return 0;
	int e = iv_scale_exponent(a);
	double down = ldexp(1.0, -e), up = ldexp(1.0, e);
	for (size_t i = 0; i < n; i++)
		m += x[i] * down;
	m /= (double)n;
	for (size_t i = 0; i < n; i++)
		ss += (x[i] * down - m) * (x[i] * down - m);
	if (mean)
		*mean = m * up;
	return sqrt(ss / (double)n) * up;
}

/* The ratios of the update about to be made to layer l (W not moved yet,
 * dW in the net's scratch): std(dW)/std(W) and lr times it. Weights all
 * equal but for rounding (std(W) at most 1e-12 of |mean(W)|: a layer
 * every unit of which computes the same, as in lesson 2; or all 0) have
 * no spread to compare an update with: none (NaN), not a ratio of two
 * roundings. */
static void ratios(iv_train *tr, size_t l)
{
	iv_net *net = tr->net;
	size_t nm = net->n[l] * net->n[l - 1];
	double mw, sw = spread(net->W[l]->data, nm, &mw);
	double r = sw > 1e-12 * fabs(mw) && sw > 0
		       ? spread(net->dw, nm, NULL) / sw
		       : NAN;
	tr->ratio[0][l] = r;
	tr->ratio[1][l] = tr->opts.lr * r;
}

static void descend(double *w, const double *dw, size_t n, double lr)
{
	for (size_t i = 0; i < n; i++)
		w[i] -= lr * dw[i];
}

/* The readout's backward pass and update; g_L = delta Wo. */
static iv_status readout_backward(iv_train *tr)
{
	iv_net *net = tr->net;
	size_t B = net->B, L = net->L, k = tr->Y->size2;
	double lr = tr->opts.lr;
	gsl_matrix_scale(tr->Yhat, 1.0 / (double)B); /* delta = residual/B */
	gsl_matrix_view g = gsl_matrix_view_array(tr->g[L % 2], B, net->n[L]);
	if (iv_gemm(net->pool, CblasNoTrans, CblasNoTrans, 1, tr->Yhat, tr->Wo,
		    0, &g.matrix) ||
	    iv_gemm(net->pool, CblasTrans, CblasNoTrans, 1, tr->Yhat,
		    net->H[L], 0, tr->dWo))
		return IV_EGSL;
	colsum(tr->Yhat->data, B, k, tr->db);
	descend(tr->Wo->data, tr->dWo->data, k * net->n[L], lr);
	descend(tr->bo->data, tr->db, k, lr);
	return IV_OK;
}

/* b_l -= lr dz^T 1: the bias gradient and its update in one BLAS call. */
static iv_status bias_update(iv_train *tr, size_t l, const double *dz)
{
	iv_net *net = tr->net;
	gsl_matrix_const_view d =
	    gsl_matrix_const_view_array(dz, net->B, net->n[l]);
	return gsl_blas_dgemv(CblasTrans, -tr->opts.lr, &d.matrix, tr->ones,
			      1.0, net->b[l])
		   ? IV_EGSL
		   : IV_OK;
}

static void enter(iv_train *tr, tr_phase ph, size_t l)
{
	tr->phase = ph;
	tr->l = l;
	tr->pos = 0;
}

static bool is_block(const iv_train *tr, size_t l)
{
	return IV_KIND(tr->net, l) == IV_LAYER_RESIDUAL;
}

/* Whether phase ph has work at layer l. */
static bool has(const iv_train *tr, tr_phase ph, size_t l)
{
	bool norm = iv_net_norm_groups(tr->net, l) > 0;
	switch (ph) {
	case TR_NORM_IN: return is_block(tr, l) && norm;
	case TR_BRANCH:
	case TR_PREV_ACT: return is_block(tr, l);
	case TR_NORM:
	case TR_DZN: return !is_block(tr, l) && norm;
	case TR_DIST: return tr->watched || !tr->update;
	case TR_PREV: return l > 1;
	case TR_PREV_NORM: return is_block(tr, l) && norm;
	case TR_GRADW: return tr->watched;
	default: return true;
	}
}

/* The phase after the current one ended: the layer's next phase that has
 * work, or the next layer's first. */
static void next(iv_train *tr)
{
	size_t l = tr->l, L = tr->net->L;
	tr_phase ph = tr->phase;
	do {
		if (ph == TR_DIST && l < L) {
			ph = TR_NORM_IN;
			l++;
		} else if (ph == TR_OUT) {
			ph = tr->update && !tr->stopped ? TR_DZ : TR_IDLE;
			l = L;
		} else if (ph == TR_UPD) {
			ph = l > 1 ? TR_DZ : TR_IDLE;
			l--;
		} else {
			ph++;
		}
	} while (ph != TR_IDLE && !has(tr, ph, l));
	enter(tr, ph, ph == TR_IDLE ? 0 : l);
}

/* Layer l's dz: beside g_l for a block, else over it. */
static double *dz_of(iv_train *tr, size_t l)
{
	return is_block(tr, l) ? tr->dz : tr->g[l % 2];
}

/* Runs of a group pass: k groups from tr->pos within left units. */
static size_t group_run(iv_train *tr, size_t left, bool forced, double *d,
			const double *add)
{
	iv_net *net = tr->net;
	size_t l = tr->l, G = iv_net_norm_groups(net, l);
	size_t size = net->B * net->n[l] / (G ? G : 1);
	size_t k = iv_fit(left, size * IV_COST_NORM, G - tr->pos, forced);
	if (k && !d)
		iv_net_norm_run(net, l, tr->pos, k);
	else if (k)
		iv_net_norm_back_run(net, l, d, add, tr->pos, k);
	tr->pos += k;
	return k * size * IV_COST_NORM;
}

/* One run of the current phase within left units (*did gets them; forced:
 * at least one column, row or block); *end when the phase is done. */
static iv_status run_phase(iv_train *tr, size_t left, bool forced, size_t *did,
			   bool *end)
{
	iv_net *net = tr->net;
	size_t l = tr->l, B = net->B, n = net->n[l], m = net->n[l - 1], k;
	double *dz = dz_of(tr, l);
	iv_status st = IV_OK;
	*did = 0;
	switch (tr->phase) {
	case TR_NORM_IN:
	case TR_NORM:
		*did = group_run(tr, left, forced, NULL, NULL);
		*end = tr->pos == iv_net_norm_groups(net, l);
		break;
	case TR_BRANCH:
		if ((k = iv_fit_entries(left, IV_COST_ELEM, B * m - tr->pos,
					forced)))
			iv_net_branch_run(net, l, tr->pos, k, false);
		*did = k * IV_COST_ELEM;
		*end = (tr->pos += k) == B * m;
		break;
	case TR_FWD:
		if ((k = iv_fit(left, 2 * B * m, n - tr->pos, forced)))
			st = iv_net_fwd_slice(net, l, tr->pos, k);
		*did = 2 * B * m * k;
		*end = (tr->pos += k) == n;
		break;
	case TR_ACT:
		if ((k = iv_fit_entries(left, IV_COST_ELEM, B * n - tr->pos,
					forced)))
			iv_net_act_run(net, l, tr->pos, k, false);
		*did = k * IV_COST_ELEM;
		*end = (tr->pos += k) == B * n;
		break;
	case TR_DIST:
		if (!forced && left < B * n * IV_COST_DISTINCT)
			break;
		tr->distinct[l] =
		    iv_distinct_columns(net->H[l]->data, B, n, net->work);
		*did = B * n * IV_COST_DISTINCT;
		*end = true;
		break;
	case TR_OUT: {
		size_t work = 4 * B * tr->Y->size2 * n + 1;
		if (!forced && left < work)
			break;
		st = readout(tr);
		/* a loss that is not finite has no gradient to follow: its
		 * update would only write NaN over the weights that overflowed */
		if (st == IV_OK && tr->update && !isfinite(tr->loss))
			tr->stopped = true;
		else if (st == IV_OK && tr->update)
			st = readout_backward(tr);
		*did = work;
		*end = true;
		break;
	}
	case TR_DZ:
		if ((k = iv_fit_entries(left, IV_COST_ELEM, B * n - tr->pos,
					forced)))
			iv_net_backprop_run(net, l, tr->g[l % 2], dz, tr->pos,
					    k, false);
		*did = k * IV_COST_ELEM;
		if ((*end = (tr->pos += k) == B * n) && !has(tr, TR_DZN, l))
			st = bias_update(tr, l, dz);
		break;
	case TR_DZN:
		*did = group_run(tr, left, forced, dz, NULL);
		if ((*end = tr->pos == iv_net_norm_groups(net, l)))
			st = bias_update(tr, l, dz);
		break;
	case TR_PREV:
		if ((k = iv_fit(left, 2 * B * n, m - tr->pos, forced)))
			st = iv_net_prev_slice(net, l, dz, tr->g[(l - 1) % 2],
					       tr->pos, k);
		*did = 2 * B * n * k;
		*end = (tr->pos += k) == m;
		break;
	case TR_PREV_ACT:
		if ((k = iv_fit_entries(left, IV_COST_ELEM, B * m - tr->pos,
					forced)))
			iv_net_prev_act_run(net, l, tr->g[l % 2],
					    tr->g[(l - 1) % 2], tr->pos, k);
		*did = k * IV_COST_ELEM;
		*end = (tr->pos += k) == B * m;
		break;
	case TR_PREV_NORM:
		*did = group_run(tr, left, forced, tr->g[(l - 1) % 2],
				 tr->g[l % 2]);
		*end = tr->pos == iv_net_norm_groups(net, l);
		break;
	case TR_GRADW: /* watched: dW itself, for the ratios */
		if ((k = iv_fit(left, 2 * B * m, n - tr->pos, forced)))
			st = iv_net_dw_slice(net, l, dz, 1.0, 0.0, net->dw,
					     tr->pos, k);
		*did = 2 * B * m * k;
		if ((*end = (tr->pos += k) == n) && st == IV_OK)
			ratios(tr, l);
		break;
	case TR_UPD:
		if ((k = iv_fit(left, 2 * B * m, n - tr->pos, forced)))
			st = iv_net_dw_slice(net, l, dz, -tr->opts.lr, 1.0,
					     net->W[l]->data, tr->pos, k);
		*did = 2 * B * m * k;
		*end = (tr->pos += k) == n;
		break;
	default: *end = true; break;
	}
	return st;
}

/* Phases within budget units of work (at least one piece). IV_CONTINUE
 * while the pass is not done; at its end the net's statistics are stale
 * (restarted) and a step counts. An error abandons the pass. */
static iv_status work(iv_train *tr, size_t budget)
{
	size_t done = 0;
	while (tr->phase != TR_IDLE) {
		size_t did;
		bool end = false;
		iv_status st = run_phase(tr, budget > done ? budget - done : 0,
					 done == 0, &did, &end);
		if (st != IV_OK) {
			enter(tr, TR_IDLE, 0);
			iv_net_restart(tr->net);
			return st;
		}
		done += did;
		if (end)
			next(tr);
		else if (did == 0)
			return IV_CONTINUE; /* nothing more fits */
	}
	if (tr->update && !tr->stopped)
		tr->steps++;
	iv_net_restart(tr->net); /* the net's statistics are stale now */
	return IV_OK;
}

static void begin(iv_train *tr, bool update)
{
	tr->net->trained = true; /* a network drawn again under the trainer */
	tr->update = update;
	tr->watched = update && tr->watch;
	tr->stopped = false;
	enter(tr, TR_NORM_IN, 1);
	if (!has(tr, TR_NORM_IN, 1))
		next(tr);
}

iv_status iv_train_advance(iv_train *tr, size_t budget)
{
	if (tr->phase == TR_IDLE)
		begin(tr, true);
	else if (!tr->update)
		return IV_EINVAL; /* an evaluation is not a step */
	return work(tr, budget);
}

bool iv_train_busy(const iv_train *tr)
{
	return tr->phase != TR_IDLE;
}

void iv_train_watch(iv_train *tr, bool on)
{
	tr->watch = on;
}

iv_status iv_train_step(iv_train *tr)
{
	return iv_train_advance(tr, SIZE_MAX);
}

iv_status iv_train_evaluate(iv_train *tr)
{
	if (tr->phase != TR_IDLE)
		return IV_EINVAL;
	begin(tr, false);
	return work(tr, SIZE_MAX);
}

double iv_train_loss(const iv_train *tr)
{
	return tr->loss;
}

iv_status iv_train_output_loss(iv_train *tr, double *loss)
{
	double kept = tr->loss;
	if (tr->phase != TR_IDLE)
		return IV_EINVAL;
	iv_status st = readout(tr); /* Yhat is scratch between steps */
	*loss = tr->loss;
	tr->loss = kept;
	return st;
}

size_t iv_train_distinct(const iv_train *tr, size_t l)
{
	return l >= 1 && l <= tr->net->L ? tr->distinct[l] : 0;
}

size_t iv_train_steps(const iv_train *tr)
{
	return tr->steps;
}

bool iv_train_stopped(const iv_train *tr)
{
	return tr->stopped;
}

double iv_train_grad_ratio(const iv_train *tr, size_t l)
{
	return l >= 1 && l <= tr->net->L ? tr->ratio[0][l] : NAN;
}

double iv_train_update_ratio(const iv_train *tr, size_t l)
{
	return l >= 1 && l <= tr->net->L ? tr->ratio[1][l] : NAN;
}
