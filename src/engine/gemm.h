/* SPDX-License-Identifier: MIT */
/* Internal: C = alpha op(A) op(B) + beta C on a pool's threads. */
#ifndef IV_ENGINE_GEMM_H
#define IV_ENGINE_GEMM_H

#include <stdbool.h>
#include <gsl/gsl_blas.h>
#include "par.h"

/* The rows of C in iv_gemm_parts contiguous parts, one BLAS call on one
 * thread for each; the threads (the first is the caller's) take runs of
 * parts. pool NULL starts threads for the call. Returns GSL's status (a
 * failed part's). The parts are a function of the shapes alone, never of
 * the threads: the same numbers on one processor or many. (They need not
 * be one call's numbers: BLAS may round a part otherwise, tests/test_par.c
 * checks both.) */
int iv_gemm(iv_pool *pool, CBLAS_TRANSPOSE_t ta, CBLAS_TRANSPOSE_t tb,
	    double alpha, const gsl_matrix *A, const gsl_matrix *B, double beta,
	    gsl_matrix *C);

/* OpenBLAS on one thread per call, once for the process: before a
 * network's first BLAS call of any kind, so that its numbers never depend
 * on whether a product came first. iv_gemm calls it too. */
void iv_gemm_setup(void);

/* Whether a thread may do its run of parts in one call is measured once
 * a process for each transposition (gemm.c), with 1.25 MiB and 1 to 2 ms
 * for a moment, when a network's products are large enough to pay for it
 * (2^28 multiply-adds): a network asks for its products of batch rows, in
 * inputs and out outputs before its arrays are allocated, so that the
 * memory is given back before them and the process's peak stays theirs.
 * No call merges before its transposition is measured. */
void iv_gemm_prepare(size_t batch, size_t in, size_t out);

/* The same for every transposition the engine uses, whatever the sizes:
 * for networks computed many times (iv_net_expect_repeats). */
void iv_gemm_prepare_all(void);

/* That measurement for one transposition (made now if not yet): whether
 * one call over a run of parts gives the bits of a call per part; calls
 * merge from then on. */
bool iv_gemm_merges(CBLAS_TRANSPOSE_t ta, CBLAS_TRANSPOSE_t tb);

/* The parts iv_gemm cuts C (rows x cols, inner products of length k)
 * into: 4 at most (products run on 4 threads at most), each of 128 rows
 * and 2^19 multiply-adds at least. */
unsigned iv_gemm_parts(size_t rows, size_t cols, size_t k);

#endif
