/* SPDX-License-Identifier: MIT */
/* Init schemes: the formulas of docs/report.md, drawn with gsl_rng and
 * gsl_randist. */
#include <math.h>
#include <gsl/gsl_blas.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_randist.h>
#include "gauss.h"
#include "init.h"

unsigned long iv_seed_mix(unsigned long seed, unsigned long stream)
{
	uint64_t z = (uint64_t)seed * 0x9E3779B97F4A7C15ull + stream + 1;
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	z ^= z >> 31;
	return (unsigned long)(z & 0xffffffffUL); /* taus2 takes 32 bits */
}

/* Rows [i0, i1) of W: row by row in order, so drawing rows in runs gives
 * the numbers of one draw. */
static void fill_const(gsl_matrix *W, size_t i0, size_t i1, double c)
{
	for (size_t i = i0; i < i1; i++) {
		double *row = gsl_matrix_ptr(W, i, 0);
		for (size_t j = 0; j < W->size2; j++)
			row[j] = c;
	}
}

/* ones on i == j (rectangular too), times the gain: 0 g as a product */
static void fill_identity(gsl_matrix *W, size_t i0, size_t i1, double g)
{
	for (size_t i = i0; i < i1; i++) {
		double *row = gsl_matrix_ptr(W, i, 0);
		for (size_t j = 0; j < W->size2; j++)
			row[j] = (i == j ? 1.0 : 0.0) * g;
	}
}

static void fill_normal(gsl_matrix *W, size_t i0, size_t i1, gsl_rng *r,
			double sd)
{
	for (size_t i = i0; i < i1; i++)
		iv_gauss_fill(r, sd, gsl_matrix_ptr(W, i, 0), W->size2);
}

static void fill_uniform(gsl_matrix *W, size_t i0, size_t i1, gsl_rng *r,
			 double a)
{
	for (size_t i = i0; i < i1; i++) {
		double *row = gsl_matrix_ptr(W, i, 0);
		for (size_t j = 0; j < W->size2; j++)
			row[j] = gsl_ran_flat(r, -a, a);
	}
}

static void fill_trunc(gsl_matrix *W, size_t i0, size_t i1, gsl_rng *r,
		       double sd)
{
	/* Each entry draws until |x| <= 2 (95% of draws): the numbers kept
	 * are the stream's within +-2, in order. So the row's missing
	 * entries are drawn at once, those within kept in order, and the
	 * rest drawn again: the same numbers, and the stream left where the
	 * last kept one was drawn, as number by number. */
	size_t m = W->size2;
	for (size_t i = i0; i < i1; i++) {
		double *row = gsl_matrix_ptr(W, i, 0);
		size_t kept = 0;
		while (kept < m) {
			iv_gauss_fill(r, 1.0, row + kept, m - kept);
			for (size_t j = kept; j < m; j++)
				if (fabs(row[j]) <= 2.0)
					row[kept++] = row[j];
		}
		for (size_t j = 0; j < m; j++)
			row[j] = sd * row[j];
	}
}

/* Q of the thin QR of a tall Gaussian matrix A (m x n, m >= n), columns
 * signed by R's diagonal so Q is Haar-distributed; written into A. The
 * blocked QR leaves R on and above A's diagonal, the Householder vectors V
 * below it (unit diagonal implied) and T with Q = I - V T V^T, so Q's first
 * n columns are E - V M with M = T V1^T (V1: V's top n x n), upper
 * triangular: two triangular products. The full m x m Q is never formed;
 * T and the signs are the only workspace (iv_init_workspace). */
#define QR_ROWS 256
static iv_status orthonormal_columns(gsl_matrix *A, gsl_rng *r)
{
	size_t m = A->size1, n = A->size2;
	fill_normal(A, 0, m, r, 1.0);
	gsl_matrix *T = gsl_matrix_alloc(n, n);
	gsl_vector *sign = gsl_vector_alloc(n);
	iv_status st = IV_ENOMEM;
	if (!T || !sign)
		goto out;
	st = IV_EGSL;
	if (gsl_linalg_QR_decomp_r(A, T))
		goto out;
	for (size_t i = 1; i < n; i++) /* T is upper triangular: only that */
		for (size_t j = 0; j < i; j++)
			gsl_matrix_set(T, i, j, 0.0);
	gsl_matrix_view v1 = gsl_matrix_submatrix(A, 0, 0, n, n);
	if (gsl_blas_dtrmm(CblasRight, CblasLower, CblasTrans, CblasUnit, 1.0,
			   &v1.matrix, T)) /* T := M = T V1^T */
		goto out;
	for (size_t j = 0; j < n; j++) { /* A := V, keeping R's signs */
		double *d = gsl_matrix_ptr(A, j, j);
		gsl_vector_set(sign, j, *d < 0 ? -1.0 : 1.0);
		*d = 1.0;
		for (size_t i = 0; i < j; i++)
			gsl_matrix_set(A, i, j, 0.0);
	}
	/* A := -V M, in blocks of rows: a triangular product over the whole
	 * of a tall A makes some BLAS libraries (OpenBLAS) touch a buffer
	 * as large as A */
	for (size_t i = 0; i < m; i += QR_ROWS) {
		gsl_matrix_view b = gsl_matrix_submatrix(
		    A, i, 0, m - i < QR_ROWS ? m - i : QR_ROWS, n);
		if (gsl_blas_dtrmm(CblasRight, CblasUpper, CblasNoTrans,
				   CblasNonUnit, -1.0, T, &b.matrix))
			goto out;
	}
	for (size_t j = 0; j < n; j++) /* + E, then the signs */
		*gsl_matrix_ptr(A, j, j) += 1.0;
	for (size_t i = 0; i < m; i++) {
		double *row = gsl_matrix_ptr(A, i, 0);
		for (size_t j = 0; j < n; j++)
			row[j] *= gsl_vector_get(sign, j);
	}
	st = IV_OK;
out:
	gsl_matrix_free(T);
	gsl_vector_free(sign);
	return st;
}

static iv_status fill_orthogonal(gsl_matrix *W, gsl_rng *r, double gain)
{
	size_t m = W->size1, n = W->size2;
	iv_status st;
	if (m >= n) {
		st = orthonormal_columns(W, r);
	} else { /* orthonormal rows: the transpose of a tall one */
		gsl_matrix *A = gsl_matrix_alloc(n, m);
		if (!A)
			return IV_ENOMEM;
		st = orthonormal_columns(A, r);
		if (st == IV_OK)
			gsl_matrix_transpose_memcpy(W, A);
		gsl_matrix_free(A);
	}
	if (st == IV_OK)
		gsl_matrix_scale(W, gain);
	return st;
}

double iv_init_workspace(const iv_config *cfg, size_t fan_out, size_t fan_in)
{
	double m = (double)fan_out, n = (double)fan_in, k = m < n ? m : n;
	if (cfg->init != IV_INIT_ORTHOGONAL)
		return 0;
	/* T and the signs; a wide layer also its tall transpose */
	return k * k + k + (m < n ? m * n : 0);
}

iv_draw_family iv_init_family(const iv_config *cfg, size_t fan_out,
			      size_t fan_in, double *scale)
{
	double fi = (double)fan_in, fo = (double)fan_out, g = cfg->gain;
	double fan = iv_config_scheme_fan(cfg, fi, fo);
	*scale = 0;
	switch (cfg->init) {
	case IV_INIT_NORMAL: *scale = cfg->std; return IV_DRAW_NORMAL;
	case IV_INIT_UNIFORM:
		*scale = sqrt(3.0) * cfg->std;
		return IV_DRAW_UNIFORM;
	case IV_INIT_TRUNC_NORMAL: *scale = cfg->std; return IV_DRAW_TRUNC;
	case IV_INIT_XAVIER_UNIFORM:
	case IV_INIT_HE_UNIFORM:
	case IV_INIT_LECUN_UNIFORM: /* variance g^2 / fan: bound sqrt(3) std */
		*scale = g * sqrt(3.0 / fan);
		return IV_DRAW_UNIFORM;
	case IV_INIT_XAVIER_NORMAL:
	case IV_INIT_HE_NORMAL:
	case IV_INIT_LECUN_NORMAL:
		*scale = g * sqrt(1.0 / fan);
		return IV_DRAW_NORMAL;
	case IV_INIT_TORCH_LINEAR: /* kaiming_uniform(a = sqrt 5) */
		*scale = 1.0 / sqrt(fi);
		return IV_DRAW_UNIFORM;
	case IV_INIT_KERAS_DENSE: /* glorot_uniform */
		*scale = sqrt(6.0 / (fi + fo));
		return IV_DRAW_UNIFORM;
	case IV_INIT_FLAX_DENSE: /* lecun_normal: truncated, rescaled */
		*scale = sqrt(1.0 / fi) / IV_TRUNC2_STD;
		return IV_DRAW_TRUNC;
	case IV_INIT_GPT2: *scale = 0.02; return IV_DRAW_NORMAL;
	case IV_INIT_ORTHOGONAL: *scale = g; return IV_DRAW_ORTHO;
	default: return IV_DRAW_NONE;
	}
}

iv_status iv_init_draw_rows(const iv_config *cfg, size_t l, gsl_matrix *W,
			    gsl_rng *r, size_t i0, size_t i1)
{
	double a;
	(void)l;
	switch (iv_init_family(cfg, W->size1, W->size2, &a)) {
	case IV_DRAW_NORMAL: fill_normal(W, i0, i1, r, a); return IV_OK;
	case IV_DRAW_UNIFORM: fill_uniform(W, i0, i1, r, a); return IV_OK;
	case IV_DRAW_TRUNC: fill_trunc(W, i0, i1, r, a); return IV_OK;
	case IV_DRAW_ORTHO: return IV_EINVAL; /* not by rows */
	case IV_DRAW_NONE: break;
	}
	switch (cfg->init) {
	case IV_INIT_ZEROS: fill_const(W, i0, i1, 0.0); break;
	case IV_INIT_ONES: fill_const(W, i0, i1, 1.0); break;
	case IV_INIT_CONSTANT: fill_const(W, i0, i1, cfg->value); break;
	case IV_INIT_IDENTITY: fill_identity(W, i0, i1, cfg->gain); break;
	default: return IV_EINVAL;
	}
	return IV_OK;
}

/* Unit draws (init.h) ------------------------------------------------------ */

iv_status iv_init_units(iv_draw_family f, gsl_matrix *U, gsl_rng *r,
			size_t i0, size_t i1)
{
	switch (f) {
	case IV_DRAW_NORMAL: fill_normal(U, i0, i1, r, 1.0); break;
	case IV_DRAW_TRUNC: fill_trunc(U, i0, i1, r, 1.0); break;
	case IV_DRAW_UNIFORM:
		for (size_t i = i0; i < i1; i++) {
			double *row = gsl_matrix_ptr(U, i, 0);
			for (size_t j = 0; j < U->size2; j++)
				row[j] = gsl_rng_uniform(r);
		}
		break;
	case IV_DRAW_ORTHO: return fill_orthogonal(U, r, 1.0);
	default: return IV_EINVAL;
	}
	return IV_OK;
}

/* The arithmetic of the draws themselves: GSL's ziggurat returns
 * (sign sigma) x, and (+-1) x times sigma is the same product; gsl_ran_flat
 * returns a (1 - u) + b u; the truncated normal and orthogonal scale their
 * unit numbers. ISO C mode: no contraction into fused multiply-adds. */
void iv_init_scale_units(iv_draw_family f, double a, const gsl_matrix *U,
			 gsl_matrix *W, size_t i0, size_t i1)
{
	for (size_t i = i0; i < i1; i++) {
		const double *u = gsl_matrix_const_ptr(U, i, 0);
		double *w = gsl_matrix_ptr(W, i, 0);
		size_t n = W->size2;
		if (f == IV_DRAW_UNIFORM)
			for (size_t j = 0; j < n; j++)
				w[j] = -a * (1 - u[j]) + a * u[j];
		else
			for (size_t j = 0; j < n; j++)
				w[j] = u[j] * a;
	}
}

iv_status iv_init_draw(const iv_config *cfg, size_t l, gsl_matrix *W,
		       gsl_rng *r)
{
	if (cfg->init == IV_INIT_ORTHOGONAL)
		return fill_orthogonal(W, r, cfg->gain);
	return iv_init_draw_rows(cfg, l, W, r, 0, W->size1);
}
