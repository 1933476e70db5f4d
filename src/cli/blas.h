/* SPDX-License-Identifier: MIT */
/* The BLAS library in use, as --version reports it. */
#ifndef IV_CLI_BLAS_H
#define IV_CLI_BLAS_H

/* File name of the shared object that defines cblas_dgemm (the program
 * itself when BLAS is linked statically), NULL when unknown. */
const char *cli_blas_library(void);

/* Threads of each BLAS call, where the library lets us set them (OpenBLAS's
 * openblas_set_num_threads): configurations computed side by side share
 * the processors instead of each asking for all of them. Returns the
 * previous number, or 0 when the library has no such setting. */
int cli_blas_threads(int n);

#endif
