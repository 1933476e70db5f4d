/* SPDX-License-Identifier: MIT */
/* Internal: normal numbers, bit for bit GSL's ziggurat, drawn faster. */
#ifndef IV_ENGINE_GAUSS_H
#define IV_ENGINE_GAUSS_H

#include <stdbool.h>
#include <stddef.h>
#include <gsl/gsl_rng.h>

/* x[0..n) and r's state after: exactly what n calls of
 * gsl_ran_gaussian_ziggurat(r, sigma) give, bit for bit (a NaN sigma
 * gives NaN, its sign bit aside). On the engine's generator
 * (init.h's taus2) the common case runs here, with the generator's steps
 * inline and GSL's own tables; the rare case (about 1 draw in 80) goes to
 * GSL from the same state. Any other generator, or a GSL whose ziggurat
 * did not pass the check below, goes to GSL for every number. */
void iv_gauss_fill(gsl_rng *r, double sigma, double *x, size_t n);

/* One such number. */
double iv_gauss(gsl_rng *r, double sigma);

/* Whether the fast path is on: GSL's tables read, and the numbers of a
 * few thousand draws, rare cases among them, found the same as GSL's. */
bool iv_gauss_fast(void);

#endif
