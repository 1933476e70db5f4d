/* SPDX-License-Identifier: MIT */
/* Matrix products on the engine's own threads (initviz/threads.h). */
#define _GNU_SOURCE /* RTLD_DEFAULT */
#include <dlfcn.h>
#include <pthread.h>
#include <initviz/threads.h>
#include "gemm.h"

#define PART_ROWS 128                /* rows of C per part at least */
#define PARTS_MAX 4 /* more, smaller calls lost 5% at 1024 x 1024 x 1024 */
#define PART_WORK ((size_t)1 << 19) /* multiply-adds per part at least */

int iv_blas_threads(int n)
{
	/* POSIX allows converting dlsym's result to a function pointer */
	void *set = dlsym(RTLD_DEFAULT, "openblas_set_num_threads");
	void *get = dlsym(RTLD_DEFAULT, "openblas_get_num_threads");
	if (!set || !get)
		return 0;
	int old = ((int (*)(void))get)();
	if (n > 0)
		((void (*)(int))set)(n);
	/* One thread a call: OpenBLAS's own workers stopped too. Started when
	 * the library loaded (and after each call on several threads), each
	 * spins in sched_yield for about 0.1 s before it sleeps, beside the
	 * engine's threads. They start again with a call on more threads. */
	if (n == 1 && old > 1) {
		void *stop = dlsym(RTLD_DEFAULT, "blas_thread_shutdown_");
		if (stop)
			((int (*)(void))stop)();
	}
	return old;
}

static pthread_once_t blas_once = PTHREAD_ONCE_INIT;

static void blas_one_thread(void)
{
	(void)iv_blas_threads(1);
}

void iv_gemm_setup(void)
{
	pthread_once(&blas_once, blas_one_thread);
}

unsigned iv_gemm_parts(size_t rows, size_t cols, size_t k)
{
	size_t work = rows * cols * k, by_rows = rows / PART_ROWS,
	       by_work = work / PART_WORK, p = PARTS_MAX;
	p = p < by_rows ? p : by_rows;
	p = p < by_work ? p : by_work;
	return p < 1 ? 1 : (unsigned)p;
}

struct gemm {
	CBLAS_TRANSPOSE_t ta, tb;
	double alpha, beta;
	const gsl_matrix *A, *B;
	gsl_matrix *C;
	unsigned parts, threads;
	int st[IV_PAR_MAX];
};

static int one_part(const struct gemm *g, unsigned i)
{
	size_t M = g->C->size1, r0 = M * i / g->parts,
	       r1 = M * (i + 1) / g->parts;
	gsl_matrix_view c =
	    gsl_matrix_submatrix(g->C, r0, 0, r1 - r0, g->C->size2);
	gsl_matrix_const_view a =
	    g->ta == CblasNoTrans
		? gsl_matrix_const_submatrix(g->A, r0, 0, r1 - r0, g->A->size2)
		: gsl_matrix_const_submatrix(g->A, 0, r0, g->A->size1, r1 - r0);
	return gsl_blas_dgemm(g->ta, g->tb, g->alpha, &a.matrix, g->B,
			      g->beta, &c.matrix);
}

/* Thread t's run of parts. */
static void run(void *ctx, unsigned t)
{
	struct gemm *g = ctx;
	unsigned p0 = g->parts * t / g->threads,
		 p1 = g->parts * (t + 1) / g->threads;
	g->st[t] = 0;
	for (unsigned i = p0; i < p1 && !g->st[t]; i++)
		g->st[t] = one_part(g, i);
}

int iv_gemm(iv_pool *pool, CBLAS_TRANSPOSE_t ta, CBLAS_TRANSPOSE_t tb,
	    double alpha, const gsl_matrix *A, const gsl_matrix *B, double beta,
	    gsl_matrix *C)
{
	size_t k = ta == CblasNoTrans ? A->size2 : A->size1;
	size_t rows = ta == CblasNoTrans ? A->size1 : A->size2;
	iv_gemm_setup();
	if (rows != C->size1) /* let GSL report the mismatch */
		return gsl_blas_dgemm(ta, tb, alpha, A, B, beta, C);
	struct gemm g = {ta, tb, alpha, beta, A, B, C,
			 iv_gemm_parts(C->size1, C->size2, k), 1, {0}};
	if (g.parts <= 1)
		return gsl_blas_dgemm(ta, tb, alpha, A, B, beta, C);
	g.threads = iv_par_cpus() < g.parts ? iv_par_cpus() : g.parts;
	iv_par_tasks(pool, g.threads, run, &g);
	for (unsigned i = 0; i < g.threads; i++)
		if (g.st[i])
			return g.st[i];
	return 0;
}
