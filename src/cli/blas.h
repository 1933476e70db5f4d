/* SPDX-License-Identifier: MIT */
/* The BLAS library in use, as --version reports it. */
#ifndef IV_CLI_BLAS_H
#define IV_CLI_BLAS_H

/* File name of the shared object that defines cblas_dgemm (the program
 * itself when BLAS is linked statically), NULL when unknown. */
const char *cli_blas_library(void);

#endif
