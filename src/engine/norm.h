/* SPDX-License-Identifier: MIT */
/* Internal: normalization of a B x n row-major matrix by groups, forward
 * and backward, and the per-unit moments the stream statistics read.
 *
 * The groups: batch normalization's are the n columns (a unit over the
 * batch, B entries each), layer normalization's the B rows (a sample over
 * the units, n entries each). A group's normalized entries are
 * u = (x - mean) is, is = 1/sqrt(var + IV_NORM_EPS), var the population
 * variance. Every function works on a run of whole groups [g0, g1), so
 * that threads can take disjoint runs and steps can stop between them;
 * each group's arithmetic is the same whatever the runs. */
#ifndef IV_ENGINE_NORM_H
#define IV_ENGINE_NORM_H

#include <stdbool.h>
#include <stddef.h>
#include <initviz/tables.h>

/* Groups, and entries per group, of a B x n matrix under k (not none). */
static inline size_t iv_norm_groups(iv_norm_kind k, size_t B, size_t n)
{
	return k == IV_NORM_BATCH ? n : B;
}
static inline size_t iv_norm_size(iv_norm_kind k, size_t B, size_t n)
{
	return k == IV_NORM_BATCH ? B : n;
}

/* Mean and population variance of groups [g0, g1) into mean[g], var[g];
 * with bias (n entries, NULL: none) the bias is added to x first, in
 * place. Two passes: the mean, then the squared deviations from it. */
void iv_norm_moments(iv_norm_kind k, double *x, size_t B, size_t n,
		     const double *bias, size_t g0, size_t g1, double *mean,
		     double *var);

/* var[g] becomes 1/sqrt(var[g] + IV_NORM_EPS) for groups [g0, g1). */
void iv_norm_invert(double *var, size_t g0, size_t g1);

/* u[p - begin] = (x[p] - mean[g]) is[g] for entries [begin, end) of x, g
 * the group of entry p (u may be x + begin). */
void iv_norm_apply(iv_norm_kind k, const double *x, size_t n,
		   const double *mean, const double *is, size_t begin,
		   size_t end, double *u);

/* Back through the normalization of groups [g0, g1): d holds dloss/du of
 * those groups and gets dloss/dx = is (d - mean(d) - u mean(d u)), plus
 * add[p] when add is not NULL (exact, with the variance's dependence on
 * x). sums: 2 n doubles of scratch (batch; disjoint runs may share it). */
void iv_norm_backward(iv_norm_kind k, const double *x, size_t B, size_t n,
		      const double *mean, const double *is, double *d,
		      const double *add, size_t g0, size_t g1, double *sums);

#endif
