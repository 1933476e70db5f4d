/* SPDX-License-Identifier: MIT */
/* OpenBLAS's kernel for this processor, and a better one when it guessed
 * wrong.
 *
 * OpenBLAS built for many processors (Debian's is) picks its kernels when
 * it loads, from the processor's family and model. A processor newer than
 * the library falls back to its oldest x86-64 kernel, SSE3's "Prescott":
 * Debian 12's OpenBLAS 0.3.21 takes an Emerald Rapids Xeon for one, and its
 * dgemm then runs at a third of the AVX-512 kernel's speed. OpenBLAS reads
 * OPENBLAS_CORETYPE only when it loads, before main, so a program that
 * wants another kernel has to start again with it set. */
#ifndef IV_UTIL_BLAS_CORE_H
#define IV_UTIL_BLAS_CORE_H

#include <stdbool.h>

/* What the processor can run, as the kernels need it. */
typedef struct {
	bool avx2_fma; /* AVX2 and FMA: OpenBLAS's Haswell kernels */
	bool avx512;   /* AVX-512 F, CD, BW, DQ and VL: its SkylakeX kernels */
} iv_cpu_features;

/* The features of the processor this runs on (the operating system's
 * support for the wider registers included). */
iv_cpu_features iv_cpu_features_here(void);

/* The kernel to ask OpenBLAS for, given the one it chose (core) and what
 * the processor can run: "SkylakeX" or "Haswell" when core is none of the
 * AVX2-or-wider kernels (Haswell, Zen, SkylakeX, Cooperlake,
 * SapphireRapids) and the processor can run one; NULL when OpenBLAS's
 * choice stands (or core is NULL: not OpenBLAS). */
const char *iv_blas_core_better(const char *core, iv_cpu_features f);

/* The kernel OpenBLAS runs, NULL when the BLAS is not OpenBLAS. */
const char *iv_blas_core(void);

/* The kernel OpenBLAS had chosen before iv_blas_core_pick replaced it, NULL
 * when it did not. */
const char *iv_blas_core_replaced(void);

/* First thing in main, before any output or thread: when OpenBLAS runs
 * a kernel older than the processor can (iv_blas_core_better), run this
 * program again (argv as given) with OPENBLAS_CORETYPE set to the better
 * one; the second start takes back the first one's process name. Does nothing when OPENBLAS_CORETYPE is set already (a user's choice
 * stands, and the second start stops here), under valgrind (which runs no
 * AVX-512, and would not follow the new start), or when the program cannot
 * be started again; then it returns and the program goes on as it is. */
void iv_blas_core_pick(char *const argv[]);

#endif
