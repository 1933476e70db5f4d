/* SPDX-License-Identifier: MIT */
/* Engine phases of one configuration: passes, then their parts alone. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <gsl/gsl_blas.h>
#include <initviz/act.h>
#include <initviz/net.h>
#include "bench.h"

struct scratch {
	double *a, *b, *w; /* batch x width twice, width x width */
	void *work;        /* distinct-neuron keys */
	iv_stats st;
};

/* A matrix header over the engine's data (read only; dgemm takes const). */
static gsl_matrix cview(const iv_net *net, size_t l, iv_quantity q)
{
	size_t r, c;
	const double *x = iv_net_data(net, l, q, &r, &c);
	return gsl_matrix_const_view_array(x, r, c).matrix;
}

/* The 3L - 1 products of the engine on its own matrices. The input H_0 is
 * not exposed; H_1 has its shape (every bench configuration has one width). */
static void time_gemm(const iv_net *net, struct scratch *s, size_t B,
                      size_t n, struct bench_phases *p)
{
	size_t L = iv_net_depth(net);
	gsl_matrix_view z = gsl_matrix_view_array(s->a, B, n);
	gsl_matrix_view g = gsl_matrix_view_array(s->b, B, n);
	gsl_matrix_view dw = gsl_matrix_view_array(s->w, n, n);
	int blas = bench_blas_alone();
	double t = bench_now();
	for (size_t l = 1; l <= L; l++) {
		gsl_matrix h = cview(net, l > 1 ? l - 1 : 1, IV_Q_ACT);
		gsl_matrix w = cview(net, l, IV_Q_WEIGHTS);
		gsl_blas_dgemm(CblasNoTrans, CblasTrans, 1.0, &h,
		               &w, 0.0, &z.matrix);
	}
	double t1 = bench_now();
	for (size_t l = L; l >= 1; l--) {
		gsl_matrix h = cview(net, l > 1 ? l - 1 : 1, IV_Q_ACT);
		gsl_matrix w = cview(net, l, IV_Q_WEIGHTS);
		gsl_matrix dz = cview(net, l, IV_Q_PREACT);
		gsl_blas_dgemm(CblasTrans, CblasNoTrans, 1.0 / (double)B,
		               &dz, &h, 0.0, &dw.matrix);
		if (l > 1)
			gsl_blas_dgemm(CblasNoTrans, CblasNoTrans, 1.0,
			               &dz, &w, 0.0, &g.matrix);
	}
	double t2 = bench_now();
	bench_blas_back(blas);
	p->gemm_fwd = fmin(p->gemm_fwd, t1 - t);
	p->gemm_bwd = fmin(p->gemm_bwd, t2 - t1);
}

/* Activations, statistics and distinct neurons, each over all layers, on
 * matrices of the engine's sizes (gradients stand in by Z, H and W). */
static void time_parts(const iv_net *net, struct scratch *s, size_t B,
                       size_t n, struct bench_phases *p)
{
	const iv_config *cfg = iv_net_config(net);
	size_t L = iv_net_depth(net);
	double t = bench_now();
	for (size_t l = 1; l <= L; l++) {
		const double *z = iv_net_data(net, l, IV_Q_PREACT, NULL, NULL);
		const double *h = iv_net_data(net, l, IV_Q_ACT, NULL, NULL);
		iv_act_apply(cfg->act, cfg->slope, z, s->a, B * n);
		if (cfg->act == IV_ACT_TANH) /* as the engine's pass does */
			iv_act_tanh_backprop(h, z, h, s->b, B * n);
		else
			iv_act_backprop(cfg->act, cfg->slope, z, h, s->b,
			                B * n);
	}
	double t1 = bench_now();
	for (size_t l = 1; l <= L; l++) {
		const double *w = iv_net_data(net, l, IV_Q_WEIGHTS, NULL, NULL);
		const double *z = iv_net_data(net, l, IV_Q_PREACT, NULL, NULL);
		const double *h = iv_net_data(net, l, IV_Q_ACT, NULL, NULL);
		for (int k = 0; k < 2; k++) { /* forward 3, backward 3 */
			iv_stats_compute(&s->st, w, n * n);
			iv_stats_compute(&s->st, z, B * n);
			iv_stats_compute(&s->st, h, B * n);
		}
	}
	double t2 = bench_now();
	for (size_t l = 1; l <= L; l++) {
		const double *h = iv_net_data(net, l, IV_Q_ACT, NULL, NULL);
		iv_distinct_columns(h, B, n, s->work);
	}
	double t3 = bench_now();
	p->act = fmin(p->act, t1 - t);
	p->stats = fmin(p->stats, t2 - t1);
	p->distinct = fmin(p->distinct, t3 - t2);
}

/* One run of the engine as the report does it: alloc, the forward pass's
 * steps, the backward pass's. */
static iv_net *time_passes(const iv_config *cfg, struct bench_phases *p)
{
	size_t L = cfg->depth;
	iv_status st;
	double t = bench_now();
	iv_net *net = iv_net_alloc(cfg, &st);
	if (!net)
		return NULL;
	iv_net_populate(net);
	double t1 = bench_now();
	while (!iv_net_layer(net, L)->forward_done && iv_net_step(net) ==
	       IV_CONTINUE)
		;
	double t2 = bench_now();
	iv_net_run(net);
	double t3 = bench_now();
	p->init = fmin(p->init, t1 - t);
	p->fwd = fmin(p->fwd, t2 - t1);
	p->bwd = fmin(p->bwd, t3 - t2);
	return net;
}

int bench_phases_run(const struct bench_cfg *c, int reps,
                     struct bench_phases *p)
{
	size_t B = c->batch, n = c->width;
	struct scratch s = { 0 };
	iv_config cfg;
	int rc = -1;
	iv_config_defaults(&cfg);
	cfg.width = n;
	cfg.depth = c->depth;
	cfg.batch = B;
	*p = (struct bench_phases){ INFINITY, INFINITY, INFINITY, INFINITY,
	                            INFINITY, INFINITY, INFINITY, INFINITY,
	                            bench_flops(c), NAN, NAN };
	s.a = malloc(B * n * sizeof(double));
	s.b = malloc(B * n * sizeof(double));
	s.w = malloc(n * n * sizeof(double));
	s.work = malloc(IV_DISTINCT_WORK(n));
	if (!s.a || !s.b || !s.w || !s.work || iv_stats_init(&s.st, cfg.bins))
		goto out;
	for (int r = 0; r < reps; r++) {
		iv_net *net = time_passes(&cfg, p);
		if (!net)
			goto out;
		time_gemm(net, &s, B, n, p);
		time_parts(net, &s, B, n, p);
		p->act_std_L = iv_net_layer(net, c->depth)->q[IV_Q_ACT].std;
		p->gact_std_1 = iv_net_layer(net, 1)->q[IV_Q_GRAD_ACT].std;
		iv_net_free(net);
	}
	rc = 0;
out:
	iv_stats_done(&s.st);
	free(s.a); free(s.b); free(s.w); free(s.work);
	return rc;
}

/* BLAS must be right before it is timed (some kernels misbehave here). */
static int blas_sane(void)
{
	enum { N = 67 };
	static double a[N * N], c[N * N];
	for (int i = 0; i < N * N; i++)
		a[i] = (double)((i * 7919) % 23) - 11.0;
	gsl_matrix_view A = gsl_matrix_view_array(a, N, N);
	gsl_matrix_view C = gsl_matrix_view_array(c, N, N);
	int blas = bench_blas_alone();
	gsl_blas_dgemm(CblasNoTrans, CblasTrans, 1.0, &A.matrix, &A.matrix, 0.0,
	               &C.matrix);
	bench_blas_back(blas);
	for (int i = 0; i < N; i++)
		for (int j = 0; j < N; j++) {
			double s = 0;
			for (int k = 0; k < N; k++)
				s += a[i * N + k] * a[j * N + k];
			if (s != c[i * N + j]) /* small integers: exact */
				return 0;
		}
	return 1;
}

int bench_phases_child(size_t width, size_t depth, size_t batch, int reps)
{
	struct bench_cfg c = { "", width, depth, batch };
	struct bench_phases p;
	struct bench_floor f;
	int sane = blas_sane();
	if (bench_phases_run(&c, reps, &p) || bench_floor_run(&c, reps, &f))
		return 1;
	printf("kernel=%s sane=%d init=%.6f fwd=%.6f bwd=%.6f gemm_fwd=%.6f"
	       " gemm_bwd=%.6f act=%.6f stats=%.6f distinct=%.6f"
	       " touch=%.6f release=%.6f draws=%.6f reads=%.6f"
	       " act_std_L=%.6g gact_std_1=%.6g\n",
	       bench_blas_kernel(), sane, p.init, p.fwd, p.bwd, p.gemm_fwd,
	       p.gemm_bwd, p.act, p.stats, p.distinct, f.touch, f.release,
	       f.draws, f.reads, p.act_std_L, p.gact_std_1);
	return 0;
}
