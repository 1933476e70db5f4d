/* SPDX-License-Identifier: MIT */
/* Mean-field theory of signal propagation: variance map, backward factor,
 * fixed point and depth scale, per-layer predictions.
 *
 * Usage: th = iv_theory_alloc(); iv_theory_layers(th, cfg, out); ...
 * iv_theory_free(th). Gaussian expectations use Gauss-Hermite quadrature
 * (gsl_integration_fixed, Hermite type) and closed forms for linear, ReLU,
 * leaky ReLU, ELU and SELU. Smooth activations use Gauss-Hermite up to q = 1 and
 * adaptive quadrature split at 0 beyond, where Gauss-Hermite loses accuracy
 * (the integrand's features shrink like 1/sqrt(q)). Predictions assume zero-mean i.i.d. weights (no meaning for
 * constant schemes) and large width. */
#ifndef INITVIZ_THEORY_H
#define INITVIZ_THEORY_H

#include <stddef.h>
#include <initviz/config.h>
#include <initviz/status.h>

typedef struct iv_theory iv_theory;

typedef struct iv_theory_layer {
	double q;                   /* second moment of pre-activations */
	double preactivation_std;
	double activation_std;
	double grad_activation_std;     /* of g_l = dloss/dh_l */
	double grad_preactivation_std;
} iv_theory_layer;

typedef struct iv_criticality {
	double sigma_w2, sigma_b2; /* of the first layer */
	double q_star;             /* fixed point of the variance map; Inf if none */
	double chi1;               /* sigma_w^2 E[phi'(sqrt(q*) z)^2] */
	double depth_scale;        /* -1 / ln chi1; Inf at chi1 == 1 */
	double gain_for_unit_q;    /* sigma_w making q* = 1 (LeCun-style gain) */
} iv_criticality;

iv_theory *iv_theory_alloc(void); /* NULL when out of memory */
void iv_theory_free(iv_theory *th);

/* E_z[f(z)] for z ~ N(0,1) by Gauss-Hermite quadrature (128 nodes): exact
 * to rounding for smooth f varying on scales of 1 or more. */
double iv_theory_expect(iv_theory *th, double (*f)(double z, void *arg),
                        void *arg);
/* E_z[phi(sqrt(q) z)], E_z[phi(sqrt(q) z)^2] and E_z[phi'(sqrt(q) z)^2]. */
double iv_theory_mean_phi(iv_theory *th, iv_act_kind k, double slope,
                          double q);
double iv_theory_phi2(iv_theory *th, iv_act_kind k, double slope,
                      double q);
double iv_theory_dphi2(iv_theory *th, iv_act_kind k, double slope,
                       double q);

/* Predictions for layers 1..depth of cfg into out[0..depth-1]. */
iv_status iv_theory_layers(iv_theory *th, const iv_config *cfg,
                           iv_theory_layer *out);

/* Fixed point, chi_1 and depth scale for activation k at sigma_w2, sigma_b2. */
void iv_theory_criticality(iv_theory *th, iv_act_kind k, double slope,
                           double sigma_w2, double sigma_b2,
                           iv_criticality *out);

/* sigma_w^2 = fan_in Var(W) of cfg's layer l; sigma_b^2 = bias^2 + bias_std^2. */
double iv_theory_sigma_w2(const iv_config *cfg, size_t l);
double iv_theory_sigma_b2(const iv_config *cfg);

#endif
