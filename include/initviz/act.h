/* SPDX-License-Identifier: MIT */
/* Activation functions and their exact derivatives. */
#ifndef INITVIZ_ACT_H
#define INITVIZ_ACT_H

#include <stddef.h>
#include <initviz/tables.h>

#define IV_SELU_LAMBDA 1.0507009873554805
#define IV_SELU_ALPHA  1.6732632423543772

/* phi(x) and phi'(x); slope is leaky-relu's negative slope. NaN gives
 * NaN, except linear's phi', which is 1 for every x, NaN included: an
 * overflowed forward pass leaves a linear network's gradients finite. */
double iv_act(iv_act_kind k, double slope, double x);
double iv_act_deriv(iv_act_kind k, double slope, double x);

/* y[i] = phi(x[i]) for n values (y may equal x). */
void iv_act_apply(iv_act_kind k, double slope, const double *x, double *y,
		  size_t n);
/* y[i] = g[i] * phi'(z[i]) (y may equal g). */
void iv_act_backprop(iv_act_kind k, double slope, const double *z,
		     const double *g, double *y, size_t n);
/* The same for tanh from h = tanh(z) too: tanh' = 1 - h^2 where |h| < 1/2,
 * else 4u / (1 + u)^2, u = e^{-2|z|}, where 1 - h^2 would cancel; within
 * 5 ulps of 1/cosh^2 (below 1e-307, past |z| = 354, it gives 0).
 * Vectorised (dz may equal g). */
void iv_act_tanh_backprop(const double *h, const double *z, const double *g,
			  double *dz, size_t n);
/* The same for sigmoid: h (1 - h) where h <= 1/2, else sigmoid'(z), where
 * 1 - h would cancel. Vectorised (dz may equal g). */
void iv_act_sigmoid_backprop(const double *h, const double *z, const double *g,
			     double *dz, size_t n);

#endif
