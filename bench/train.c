/* SPDX-License-Identifier: MIT */
/* A training step against its own matrix products, in one process. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <gsl/gsl_blas.h>
#include <initviz/net.h>
#include <initviz/train.h>
#include "bench.h"

/* The 3L - 1 products of a step, on the step's shapes (the readout's
 * three products with 4 outputs are left out: 0.4% of big's flops):
 * forward Z = H W^T, update W += -lr dz^T H (beta 1, as the step does it),
 * g = dz W. Every layer has one width here. */
static double time_products(iv_net *net, size_t B, size_t n, size_t L,
                            double *buf)
{
	gsl_matrix_view z = gsl_matrix_view_array(buf, B, n);
	gsl_matrix_view g = gsl_matrix_view_array(buf + B * n, B, n);
	gsl_matrix_view w = gsl_matrix_view_array(buf + 2 * B * n, n, n);
	size_t r, c;
	const double *h = iv_net_data(net, 1, IV_Q_ACT, &r, &c);
	gsl_matrix_const_view H = gsl_matrix_const_view_array(h, r, c);
	int blas = bench_blas_alone();
	double t = bench_now();
	for (size_t l = 1; l <= L; l++)
		gsl_blas_dgemm(CblasNoTrans, CblasTrans, 1.0, &H.matrix,
		               &w.matrix, 0.0, &z.matrix);
	for (size_t l = L; l >= 1; l--) {
		if (l > 1)
			gsl_blas_dgemm(CblasNoTrans, CblasNoTrans, 1.0, &z.matrix,
			               &w.matrix, 0.0, &g.matrix);
		gsl_blas_dgemm(CblasTrans, CblasNoTrans, -1e-9, &z.matrix,
		               &H.matrix, 1.0, &w.matrix);
	}
	t = bench_now() - t;
	bench_blas_back(blas);
	return t;
}

int bench_train_child(size_t width, size_t depth, size_t batch, int reps)
{
	iv_config cfg;
	iv_status st;
	iv_config_defaults(&cfg);
	cfg.width = width;
	cfg.depth = depth;
	cfg.batch = batch;
	iv_net *net = iv_net_alloc(&cfg, &st);
	iv_train_opts o = { .lr = 1e-3, .outputs = 4 };
	iv_train *tr = net ? iv_train_alloc(net, &o, &st) : NULL;
	double *buf = malloc((2 * batch * width + width * width) * sizeof *buf);
	if (!tr || !buf) {
		iv_train_free(tr);
		iv_net_free(net);
		free(buf);
		return 1;
	}
	for (size_t i = 0; i < 2 * batch * width + width * width; i++)
		buf[i] = 1e-3 * (double)(i % 7);
	/* unwatched: no distinct neurons or ratios, as a view between frames */
	iv_train_watch(tr, false);
	double step = INFINITY, prod = INFINITY, watched = INFINITY;
	iv_train_step(tr); /* the pages in */
	for (int r = 0; r < reps; r++) {
		double t = bench_now();
		st = iv_train_step(tr);
		step = fmin(step, bench_now() - t);
		prod = fmin(prod, time_products(net, batch, width, depth, buf));
		iv_train_watch(tr, true);
		t = bench_now();
		iv_train_step(tr);
		watched = fmin(watched, bench_now() - t);
		iv_train_watch(tr, false);
	}
	printf("kernel=%s status=%d step=%.6f watched=%.6f products=%.6f"
	       " loss=%.6g\n",
	       bench_blas_kernel(), (int)st, step, watched, prod,
	       iv_train_loss(tr));
	iv_train_free(tr);
	iv_net_free(net);
	free(buf);
	return st == IV_OK ? 0 : 1;
}
