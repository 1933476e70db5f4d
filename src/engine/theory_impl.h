/* SPDX-License-Identifier: MIT */
/* Inside the mean-field theory: the quadrature state and the Gaussian
 * expectations the recursions and the fixed-point solvers share. */
#ifndef IV_THEORY_IMPL_H
#define IV_THEORY_IMPL_H

#include <stdbool.h>
#include <gsl/gsl_integration.h>
#include <initviz/theory.h>

#define IV_GH_NODES 128 /* even: symmetric nodes integrate a kink at 0 */
#define IV_GL_NODES 64  /* Gauss-Legendre, on each side of a bend */

struct iv_theory {
	double x[IV_GH_NODES], w[IV_GH_NODES]; /* E_z[f] = sum w_i f(x_i) */
	double gx[IV_GL_NODES], gw[IV_GL_NODES]; /* on [-1, 1] */
	/* adaptive quadrature; the pair expectations nest one in the other */
	gsl_integration_workspace *ws, *ws_in;
};

typedef enum {
	IV_MOM_PHI,   /* E[phi(x)] */
	IV_MOM_PHI2,  /* E[phi(x)^2] */
	IV_MOM_DPHI,  /* E[phi'(x)] */
	IV_MOM_DPHI2, /* E[phi'(x)^2] */
} iv_moment;

/* E[F(x)] for x ~ N(m, v): closed forms for linear, relu, leaky relu, elu
 * and selu, quadrature otherwise; v may be +Inf (the large-v limit: +-Inf
 * for what grows with v). NAN when v is NAN or negative. */
double iv_gauss_moment(iv_theory *th, iv_act_kind k, double slope, double m,
		       double v, iv_moment what);
/* The same by adaptive quadrature alone, 0 < v < 1e300: what the faster
 * rules are checked against. */
double iv_gauss_moment_adaptive(iv_theory *th, iv_act_kind k, double slope,
				double m, double v, iv_moment what);

/* E[F(sqrt(v) z)] for z an entry of a group of `group` numbers normalized
 * to mean 0 and mean square 1 (a norm over the batch or a layer's units,
 * whose entries before it were independent Gaussians): 0 for a group of
 * 1, +-1 for 2, N(0, 1) as the group grows. NAN when v is NAN or
 * negative. */
double iv_group_moment(iv_theory *th, iv_act_kind k, double slope, double v,
		       size_t group, iv_moment what);

/* E[F(u1) F(u2)] for (u1, u2) ~ N((m, m), v [[1, r], [r, 1]]), -1 <= r <= 1,
 * with F = phi' when deriv, phi otherwise. */
double iv_gauss_pair(iv_theory *th, iv_act_kind k, double slope, double m,
		     double v, double r, bool deriv);

/* E[F(x)] for x = m + c + t + e, c ~ U(-a, a), t ~ N(0, vm), e ~ N(0, w):
 * the pre-activations of a layer whose bias is uniform (torch-linear), c
 * the unit's bias, t the rest of its mean over the batch, e its spread.
 * square: E over c and t of E_e[F(x)]^2 instead, the units' mean square
 * (F = phi: channel_mean_sq). a > 0; NAN for what is not finite. */
double iv_ubias_moment(iv_theory *th, iv_act_kind k, double slope, double m,
		       double a, double vm, double w, iv_moment what,
		       bool square);

/* phi(x) / x as x -> +Inf and -Inf: the slopes of the positively
 * homogeneous function that phi looks like at large scale (0 and 0 for
 * the bounded tanh and sigmoid). */
void iv_act_limit_slopes(iv_act_kind k, double slope, double *pos, double *neg);

#endif
