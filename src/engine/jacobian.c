/* SPDX-License-Identifier: MIT */
/* Input-output Jacobian of the network at one sample, and its SVD. */
#include <math.h>
#include <stdlib.h>
#include <gsl/gsl_blas.h>
#include <gsl/gsl_linalg.h>
#include <initviz/act.h>
#include <initviz/jacobian.h>
#include "gemm.h"
#include "net_impl.h"

void iv_spectrum_done(iv_spectrum *s)
{
	if (s) {
		free(s->sv);
		s->sv = NULL;
		s->count = 0;
	}
}

/* M <- D N M: N the Jacobian of a layer norm at the sample's row x of
 * the normalized matrix (the identity without one), D = diag(phi'(u)),
 * u = N(x). A layer norm's is s (I - 1 1^T / n - u u^T / n). */
static void norm_act(const iv_net *net, size_t l, size_t sample,
		     const double *x, gsl_matrix *M)
{
	size_t n = M->size1, c = M->size2;
	bool norm = net->mu[l] != NULL;
	double m = norm ? net->mu[l][sample] : 0,
	       s = norm ? net->is[l][sample] : 1;
	for (size_t k = 0; norm && k < c; k++) {
		double a = 0, b = 0;
		for (size_t i = 0; i < n; i++) {
			double v = gsl_matrix_get(M, i, k);
			a += v;
			b += (x[i] - m) * s * v;
		}
		a /= (double)n;
		b /= (double)n;
		for (size_t i = 0; i < n; i++) {
			double v = gsl_matrix_get(M, i, k);
			gsl_matrix_set(M, i, k,
				       s * (v - a - (x[i] - m) * s * b));
		}
	}
	for (size_t i = 0; i < n; i++) {
		gsl_vector_view row = gsl_matrix_row(M, i);
		gsl_vector_scale(&row.vector,
				 iv_act_deriv(iv_config_layer_act(&net->cfg, l),
					      net->cfg.slope, (x[i] - m) * s));
	}
}

/* J_l (n_l x n_0) from J_{l-1} (J_0 = I): plain D N W J, projection W J,
 * block J + alpha W D N J. */
static gsl_matrix *jacobian(const iv_net *net, size_t sample)
{
	gsl_matrix *J = NULL, *T = NULL, *next = NULL;
	for (size_t l = 1; l <= net->L; l++) {
		size_t n = net->n[l], n0 = net->n[0];
		bool block = IV_KIND(net, l) == IV_LAYER_RESIDUAL;
		if (!(next = gsl_matrix_alloc(n, n0)))
			goto fail;
		if (block) {
			if (!(T = gsl_matrix_alloc(n, n0)))
				goto fail_next;
			gsl_matrix_memcpy(T, J);
			gsl_matrix_memcpy(next, J);
			norm_act(net, l, sample,
				 gsl_matrix_const_ptr(net->H[l - 1], sample, 0),
				 T);
			if (iv_gemm(NULL, CblasNoTrans, CblasNoTrans,
				    net->alpha, net->W[l], T, 1, next))
				goto fail_next;
			gsl_matrix_free(T);
			T = NULL;
		} else {
			if (l == 1)
				gsl_matrix_memcpy(next, net->W[1]);
			else if (iv_gemm(NULL, CblasNoTrans, CblasNoTrans, 1,
					 net->W[l], J, 0, next))
				goto fail_next;
			if (IV_KIND(net, l) == IV_LAYER_PLAIN)
				norm_act(
				    net, l, sample,
				    gsl_matrix_const_ptr(net->Z[l], sample, 0),
				    next);
		}
		gsl_matrix_free(J);
		J = next;
	}
	return J;
fail_next:
	gsl_matrix_free(T);
	gsl_matrix_free(next);
fail:
	gsl_matrix_free(J);
	return NULL;
}

static iv_status singular_values(gsl_matrix *J, iv_spectrum *out)
{
	/* GSL's SVD wants rows >= cols: use J^T when J is wide */
	gsl_matrix *A = J;
	if (J->size1 < J->size2) {
		A = gsl_matrix_alloc(J->size2, J->size1);
		if (!A)
			return IV_ENOMEM;
		gsl_matrix_transpose_memcpy(A, J);
	}
	size_t k = A->size2;
	gsl_matrix *V = gsl_matrix_alloc(k, k);
	gsl_vector *S = gsl_vector_alloc(k), *work = gsl_vector_alloc(k);
	iv_status st = IV_ENOMEM;
	if (V && S && work) {
		st = gsl_linalg_SV_decomp(A, V, S, work) ? IV_EGSL : IV_OK;
	}
	if (st == IV_OK && (out->sv = malloc(k * sizeof *out->sv))) {
		out->count = k;
		out->mean_square = 0;
		for (size_t i = 0; i < k; i++) {
			out->sv[i] = gsl_vector_get(S, i);
			out->mean_square += out->sv[i] * out->sv[i] / (double)k;
		}
		out->max = out->sv[0];
		out->min = out->sv[k - 1];
	} else if (st == IV_OK) {
		st = IV_ENOMEM;
	}
	if (A != J)
		gsl_matrix_free(A);
	gsl_matrix_free(V);
	gsl_vector_free(S);
	gsl_vector_free(work);
	return st;
}

iv_status iv_jacobian_spectrum(const iv_net *net, size_t sample,
			       iv_spectrum *out)
{
	*out = (iv_spectrum){0};
	if (sample >= net->B || net->maxn > IV_JACOBIAN_WIDTH_MAX ||
	    net->cfg.norm == IV_NORM_BATCH)
		return IV_EINVAL;
	for (size_t l = 1; l <= net->L; l++)
		if (!net->ls[l].forward_done)
			return IV_EINVAL;
	gsl_matrix *J = jacobian(net, sample);
	if (!J)
		return IV_ENOMEM;
	for (size_t i = 0; i < J->size1 * J->size2; i++)
		if (!isfinite(J->data[i])) {
			gsl_matrix_free(J);
			return IV_EGSL;
		}
	iv_status st = singular_values(J, out);
	gsl_matrix_free(J);
	return st;
}
