/* SPDX-License-Identifier: MIT */
/* Matrix products on the engine's own threads (initviz/threads.h). */
#define _GNU_SOURCE /* RTLD_DEFAULT */
#include <dlfcn.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
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

/* Rows [r0, r1) of C = alpha op(A) op(B) + beta C in one call. */
static int rows_call(CBLAS_TRANSPOSE_t ta, CBLAS_TRANSPOSE_t tb, double alpha,
		     const gsl_matrix *A, const gsl_matrix *B, double beta,
		     gsl_matrix *C, size_t r0, size_t r1)
{
	gsl_matrix_view c = gsl_matrix_submatrix(C, r0, 0, r1 - r0, C->size2);
	gsl_matrix_const_view a =
	    ta == CblasNoTrans
		? gsl_matrix_const_submatrix(A, r0, 0, r1 - r0, A->size2)
		: gsl_matrix_const_submatrix(A, 0, r0, A->size1, r1 - r0);
	return gsl_blas_dgemm(ta, tb, alpha, &a.matrix, B, beta, &c.matrix);
}

/* A thread with a run of several parts may do them in one call when that
 * gives the same bits as a call per part: then it packs op(B) once, not
 * once a part (4% of a 1024 x 1024 x 1024 product on 2 threads: the
 * ninth round of docs/performance.md). OpenBLAS computes each
 * entry of C from the same panels in the same order whatever rows the
 * call covers, as long as the calls' bounds fall between its register
 * tiles and no call is small enough for its small-matrix kernels: parts
 * of MERGE_ALIGN rows (a multiple of every kernel's tile) and MERGE_WORK
 * multiply-adds. No BLAS promises this, so it is measured once a process
 * for each transposition, on such a product: one call against a call
 * per part, bit for bit; tests/test_par.c checks the engine's shapes on
 * any number of threads. Only a network whose products pay for the
 * measurement has it made (iv_gemm_prepare); until then no call merges. */
#define MERGE_ALIGN 64
#define MERGE_WORK ((size_t)1 << 22)
#define CHECK_ROWS ((size_t)2 * MERGE_ALIGN) /* 2 parts */
#define CHECK_N 256 /* cols and k: MERGE_WORK a part, 1.25 MiB in all */

/* [ta][tb]: 0 not measured, 1 same, -1 not; read without the lock by
 * every product, written once under it after the measurement */
static atomic_int merge_ok[2][2];
static pthread_mutex_t merge_lock = PTHREAD_MUTEX_INITIALIZER;

static atomic_int *merge_slot(CBLAS_TRANSPOSE_t ta, CBLAS_TRANSPOSE_t tb)
{
	return &merge_ok[ta != CblasNoTrans][tb != CblasNoTrans];
}

/* One call over R rows against a call per half, bit for bit, on a
 * product of numbers of both signs, alpha and beta not 1 and 0. The
 * matrices are mapped for the measurement alone, so that they are given
 * back at once (a network measures before its arrays are allocated). */
static int measure_merge(CBLAS_TRANSPOSE_t ta, CBLAS_TRANSPOSE_t tb)
{
	size_t R = CHECK_ROWS, N = CHECK_N, count = 3 * R * N + N * N;
	size_t bytes = count * sizeof(double);
	double *buf = mmap(NULL, bytes, PROT_READ | PROT_WRITE,
			   MAP_PRIVATE | MAP_ANONYMOUS
#ifdef MAP_POPULATE
				   | MAP_POPULATE /* no page faults one by one */
#endif
			   ,
			   -1, 0);
	if (buf == MAP_FAILED)
		return -1;
	uint64_t x = 0x9e3779b97f4a7c15u;
	for (size_t i = 0; i < count; i++) {
		x = x * 6364136223846793005u + 1442695040888963407u;
		buf[i] = (double)(x >> 11) * 0x1p-52 - 1;
	}
	gsl_matrix_view A = ta == CblasNoTrans
				? gsl_matrix_view_array(buf, R, N)
				: gsl_matrix_view_array(buf, N, R),
			B = gsl_matrix_view_array(buf + R * N, N, N),
			one = gsl_matrix_view_array(buf + R * N + N * N, R, N),
			per = gsl_matrix_view_array(buf + 2 * R * N + N * N, R, N);
	gsl_matrix_memcpy(&per.matrix, &one.matrix);
	int ok = -1;
	if (!rows_call(ta, tb, 0.37, &A.matrix, &B.matrix, 1.0, &one.matrix, 0,
		       R) &&
	    !rows_call(ta, tb, 0.37, &A.matrix, &B.matrix, 1.0, &per.matrix, 0,
		       R / 2) &&
	    !rows_call(ta, tb, 0.37, &A.matrix, &B.matrix, 1.0, &per.matrix,
		       R / 2, R))
		ok = memcmp(one.matrix.data, per.matrix.data,
			    R * N * sizeof(double)) == 0
			 ? 1
			 : -1;
	munmap(buf, bytes);
	return ok;
}

bool iv_gemm_merges(CBLAS_TRANSPOSE_t ta, CBLAS_TRANSPOSE_t tb)
{
	atomic_int *ok = merge_slot(ta, tb);
	pthread_mutex_lock(&merge_lock); /* one measurement at a time */
	if (atomic_load(ok) == 0) {
		iv_gemm_setup(); /* measured on one thread, as used */
		atomic_store(ok, measure_merge(ta, tb));
	}
	pthread_mutex_unlock(&merge_lock);
	return atomic_load(ok) > 0;
}

/* Threads for a product cut in parts; whether a thread's run of parts
 * may be one call, the measurement aside. */
static unsigned part_threads(unsigned parts)
{
	return iv_par_cpus() < parts ? iv_par_cpus() : parts;
}

unsigned iv_blas_callers(void)
{
	return part_threads(PARTS_MAX);
}

static bool mergeable(size_t rows, size_t cols, size_t k)
{
	unsigned parts = iv_gemm_parts(rows, cols, k);
	return parts > 1 && part_threads(parts) < parts &&
	       rows % ((size_t)parts * MERGE_ALIGN) == 0 &&
	       rows / parts * cols * k >= MERGE_WORK;
}

/* Whether measuring pays for a product: the measurement takes 1 to 2 ms
 * a transposition, one call over a run of parts saves about 3% of the
 * product (so about 1 ms for 2^28 multiply-adds). */
#define MERGE_PAYS ((size_t)1 << 28)

void iv_gemm_prepare(size_t batch, size_t in, size_t out)
{
	if (batch * in * out < MERGE_PAYS)
		return;
	if (mergeable(batch, out, in)) /* forward */
		(void)iv_gemm_merges(CblasNoTrans, CblasTrans);
	if (mergeable(out, in, batch)) /* the weights' gradient */
		(void)iv_gemm_merges(CblasTrans, CblasNoTrans);
	if (mergeable(batch, in, out)) /* the gradient backward */
		(void)iv_gemm_merges(CblasNoTrans, CblasNoTrans);
}

void iv_gemm_prepare_all(void)
{
	if (iv_par_cpus() >= PARTS_MAX)
		return; /* a thread a part: nothing to merge */
	(void)iv_gemm_merges(CblasNoTrans, CblasTrans);
	(void)iv_gemm_merges(CblasTrans, CblasNoTrans);
	(void)iv_gemm_merges(CblasNoTrans, CblasNoTrans);
}

/* Whether it was measured, and gave the same bits: no lock on the
 * products' path. */
static bool merge_known(CBLAS_TRANSPOSE_t ta, CBLAS_TRANSPOSE_t tb)
{
	return atomic_load(merge_slot(ta, tb)) > 0;
}

struct gemm {
	CBLAS_TRANSPOSE_t ta, tb;
	double alpha, beta;
	const gsl_matrix *A, *B;
	gsl_matrix *C;
	unsigned parts, threads;
	bool merge; /* a thread's run of parts in one call */
	int st[IV_PAR_MAX];
};

/* Rows of C from part i on. */
static size_t part_row(const struct gemm *g, unsigned i)
{
	return g->C->size1 * i / g->parts;
}

/* Thread t's run of parts. */
static void run(void *ctx, unsigned t)
{
	struct gemm *g = ctx;
	unsigned p0 = g->parts * t / g->threads,
		 p1 = g->parts * (t + 1) / g->threads;
	g->st[t] = 0;
	if (g->merge && p1 > p0) {
		g->st[t] = rows_call(g->ta, g->tb, g->alpha, g->A, g->B,
				     g->beta, g->C, part_row(g, p0),
				     part_row(g, p1));
		return;
	}
	for (unsigned i = p0; i < p1 && !g->st[t]; i++)
		g->st[t] = rows_call(g->ta, g->tb, g->alpha, g->A, g->B,
				     g->beta, g->C, part_row(g, i),
				     part_row(g, i + 1));
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
			 iv_gemm_parts(C->size1, C->size2, k), 1, false, {0}};
	if (g.parts <= 1)
		return gsl_blas_dgemm(ta, tb, alpha, A, B, beta, C);
	g.threads = part_threads(g.parts);
	g.merge = mergeable(C->size1, C->size2, k) && merge_known(ta, tb);
	iv_par_tasks(pool, g.threads, run, &g);
	for (unsigned i = 0; i < g.threads; i++)
		if (g.st[i])
			return g.st[i];
	return 0;
}
