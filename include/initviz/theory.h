/* SPDX-License-Identifier: MIT */
/* Mean-field theory of signal propagation: per-layer predictions, the
 * length map and its fixed point, the correlation map, both depth scales,
 * and samples of the maps for drawing them.
 *
 * Usage: th = iv_theory_alloc(); iv_theory_layers(th, cfg, out) and
 * iv_theory_criticality_config(th, cfg, &crit); ... iv_theory_free(th).
 *
 * A layer computes z = W h + b with i.i.d. zero-mean weights, sigma_w^2 =
 * fan_in Var(W), and biases of mean b (--bias) and variance s^2
 * (--bias-std squared). In a wide network the pre-activations of a layer
 * are N(b, v) over units and samples, with v = sigma_w^2 E[phi(z')^2] + s^2
 * from the previous layer's z' ~ N(b, v'). The length map is that
 * recursion written for q = E[z^2] = v + b^2 (Poole et al. 2016):
 *   q -> sigma_w^2 E[phi(z)^2] + sigma_b^2,  sigma_b^2 = b^2 + s^2.
 * The correlation map takes the correlation c of two inputs' pre-
 * activations (about their mean b) to the next layer's, at a given q.
 * Nothing here describes weights that are not zero-mean random (zeros,
 * ones, constant, identity): iv_theory_applies says which schemes.
 *
 * Gaussian expectations use closed forms for linear, relu and leaky relu,
 * for elu and selu above a std of 1/2, Gauss-Hermite quadrature
 * (gsl_integration_fixed, 128 nodes) for smooth activations up to a std
 * of 1, and adaptive quadrature split where the activation bends beyond. */
#ifndef INITVIZ_THEORY_H
#define INITVIZ_THEORY_H

#include <stdbool.h>
#include <stddef.h>
#include <initviz/config.h>
#include <initviz/status.h>

typedef struct iv_theory iv_theory;

typedef struct iv_theory_layer {
	double q;                   /* second moment of pre-activations */
	double preactivation_std;   /* sqrt(q - b^2); a block's: the branch */
	double activation_std;      /* a block's: the stream */
	double grad_activation_std;     /* of g_l = dloss/dh_l */
	double grad_preactivation_std;
	/* the output h_l's average channel variance and squared channel mean
	 * (net.h's stream statistics); their sum is E[h_l^2] */
	double channel_variance, channel_mean_sq;
	/* batch norm over a finite batch: how much more rms(g_l) grows from
	 * the top down to this layer than the infinite batch's recursion
	 * says (estimated: see iv_theory_layers); 1 without batch norm */
	double batch_growth;
} iv_theory_layer;

/* What the length map does from where the network starts. */
#define IV_FIXED_LIST(X)                                                       \
	X(IV_FIXED_STABLE, "stable")     /* q approaches a fixed point q* */  \
	X(IV_FIXED_DIVERGES, "diverges") /* q grows without bound */          \
	X(IV_FIXED_NEUTRAL, "neutral")   /* every q is a fixed point */

typedef enum {
#define IV_X(e, name) e,
	IV_FIXED_LIST(IV_X)
#undef IV_X
	IV_FIXED_COUNT
} iv_fixed_kind;

/* "stable", "diverges", "neutral"; NULL out of range. */
const char *iv_fixed_kind_name(iv_fixed_kind k);

/* One layer's map: its activation and the moments of its parameters. */
typedef struct iv_theory_map {
	iv_act_kind act;
	double slope;    /* leaky-relu */
	double sigma_w2; /* fan_in Var(W) */
	double bias;     /* mean of the biases */
	double bias_var; /* their variance */
} iv_theory_map;

typedef struct iv_criticality {
	double sigma_w2, sigma_b2; /* sigma_b2 = bias^2 + bias_var */
	double bias;               /* the biases' mean */
	double q_start;            /* the q the iterates start from */
	iv_fixed_kind kind;
	/* stable: the limit of the iterates from q_start (the first fixed
	 * point in their direction; b^2 when the variance dies out);
	 * diverges: +Inf; neutral: NAN (q keeps its first value) */
	double q_star;
	/* sigma_w^2 E[phi'(z)^2]: at q* when stable; its large-q limit when
	 * q diverges; the same at every q when neutral */
	double chi1;
	/* of gradients: 1/|ln chi1| (chi1 < 1 vanish, > 1 explode); Inf
	 * within 1e-9 of chi1 = 1 (over 1e9 layers) */
	double depth_scale;
	/* The correlation map's stable fixed point c* (NAN when every c is
	 * fixed or it is not computed), its slope chi_c there, and the depth
	 * scale of correlations -1/ln chi_c (Inf when chi_c = 1, and where q
	 * diverges or is neutral: the map then has slope 1 at c* = 1; NAN
	 * when undefined or not computed). Ordered (chi1 < 1): c* = 1 and
	 * chi_c = chi1. No spread and no slope at q* (v = q* - b^2 = 0 and
	 * chi1 = 0, as with a bias that saturates tanh): c* = 1, chi_c 0 and
	 * a depth scale of 0. */
	double c_star, chi_c, depth_scale_correlation;
	/* The sigma_w (weight std times sqrt(fan_in)) that makes q = 1 the
	 * stable fixed point reached from q_start; NAN when none does. */
	double sigma_w_for_unit_q;
	/* The same as the --gain of the configuration's scheme (only from
	 * iv_theory_criticality_config); NAN when the scheme has no gain or
	 * no gain gives q* = 1. */
	double gain_for_unit_q;
	/* Where sigma_w^2 falls below a double's normal range (a weight std
	 * under about 1e-154 / sqrt(fan_in), only from
	 * iv_theory_criticality_config): the base-10 logarithms of sigma_w^2
	 * and, at a stable q*, of chi1, which the doubles above round to 0
	 * or a few digits; depth_scale is then 1/|ln chi1| from them. NAN
	 * otherwise. */
	double log10_sigma_w2, log10_chi1;
} iv_criticality;

iv_theory *iv_theory_alloc(void); /* NULL when out of memory */
void iv_theory_free(iv_theory *th);

/* Whether the theory describes init scheme k: independent zero-mean random
 * weights (not zeros, ones, constant or identity). */
bool iv_theory_applies(iv_init_kind k);

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

/* Predictions for layers 1..depth of cfg into out[0..depth-1]. IV_EINVAL
 * for an invalid cfg.
 *
 * Each matrix x of the network (b x n) is described by its mean m, its
 * second moment S = E[x^2] and the average square of its units' means
 * over the batch, M (the channel means); the entries of a unit are
 * Gaussian about the unit's mean, the means Gaussian over units. A layer's
 * map z = W x + b takes (m, S, M) to (b, sigma_w^2 S + sigma_b^2,
 * sigma_w^2 M + sigma_b^2); phi takes them to E[phi], E[phi^2] and the
 * pair expectation E[phi(u1) phi(u2)] of two entries sharing a unit's
 * mean. Batch norm leaves each unit mean 0 and second moment r = V / (V +
 * eps), V = S - M the unit's variance over the batch; layer norm leaves
 * each sample's units with mean 0 and second moment r over V = S - m^2.
 * A normalized entry of a group of G (the batch, or the layer's units) is
 * sqrt(r (G - 1)) c, c a coordinate of a point uniform on a sphere of G -
 * 1 dimensions: N(0, r) as G grows, 0 at G = 1, +-sqrt(r) at G = 2; phi's
 * moments are taken over that (batch norm's units' means as if over
 * infinitely many samples: M = E[phi]^2). A residual
 * block adds alpha times the branch W phi(N(h)) + b: S grows by
 * 2 alpha b m + alpha^2 S_branch (unnormalized He + relu: x (1 + alpha^2)
 * a block; normalized: + alpha^2 sigma_w^2 E[phi(u)^2] a block, linearly).
 * Backward, E[g^2] picks up n Var(W) E[phi'^2] through a layer, 1/(V +
 * eps) through a norm (the group's variance: for batch norm with relu
 * after it, pi/(pi - 1) a layer; Yang et al. 2019), and a block adds its
 * branch's share to g_l's. */
iv_status iv_theory_layers(iv_theory *th, const iv_config *cfg,
                           iv_theory_layer *out);

/* Batch norm over a finite batch of B: the recursion above is the
 * infinite batch's. Over B samples the norm's Jacobian couples the
 * samples, and gradients grow faster going down: in linear layers by k =
 * (B - 2)/(B - 3) more a layer in mean square (Yang et al. 2019; relu's
 * extra growth is of the same size). batch_growth estimates it by the
 * same backward recursion with each crossing of a batch norm multiplied
 * by k (a plain network: k^((L - l)/2) at layer l; a block's branch only
 * adds its share); k is Inf at B <= 3. Where it passes
 * IV_THEORY_BATCH_GROWTH_MAX, the layer's gradient predictions are NaN
 * (absent): the infinite batch does not describe them. */
#define IV_THEORY_BATCH_GROWTH_MAX 1.1
/* From this growth on, the report says by how much the gradients it
 * predicts fall short of a finite batch's (a percent and more shows in
 * the numbers it prints beside them). */
#define IV_THEORY_BATCH_GROWTH_SAY 1.01
/* The lowest layer of t[0..depth-1] (iv_theory_layers' output) whose
 * gradients are predicted: 1 unless batch norm's batch leaves the layers
 * below out (batch_growth grows going down, so they are those under it). */
size_t iv_theory_grad_floor(const iv_theory_layer *t, size_t depth);

/* iv_theory_layers a few layers at a time, for a caller that must answer
 * keys meanwhile (at depth 1000 the whole takes 0.2 s): start, then run
 * until it returns IV_OK (IV_CONTINUE while layers remain; each call does
 * at most `layers` steps of the forward and then the backward recursion),
 * then free. The same numbers as iv_theory_layers. th, cfg (copied) and
 * out as there; th is the job's until it is freed. NULL with *st set
 * (IV_EINVAL, IV_ENOMEM) when it cannot start. */
typedef struct iv_theory_job iv_theory_job;
iv_theory_job *iv_theory_job_start(iv_theory *th, const iv_config *cfg,
                                   iv_theory_layer *out, iv_status *st);
iv_status iv_theory_job_run(iv_theory_job *j, size_t layers);
void iv_theory_job_free(iv_theory_job *j); /* NULL is a no-op */

/* sigma_w^2 = fan_in Var(W) of cfg's layer l; sigma_b^2 = bias^2 +
 * bias_std^2; the map of layer l (1..depth); the second moment of the
 * first layer's pre-activations, q_1. */
double iv_theory_sigma_w2(const iv_config *cfg, size_t l);
double iv_theory_sigma_b2(const iv_config *cfg);
void iv_theory_map_of(const iv_config *cfg, size_t l, iv_theory_map *m);
double iv_theory_q1(const iv_config *cfg);
/* The second moment E[x^2] of cfg's inputs (1 for gaussian and uniform's
 * +-sqrt(3) spread, 1/3 for positive's U(0, 1)): q_1 = sigma_w^2 E[x^2] +
 * sigma_b^2. */
double iv_theory_input_e2(const iv_config *cfg);

/* The length map: q' for q >= bias^2 (NAN below). */
double iv_theory_length_map(iv_theory *th, const iv_theory_map *m, double q);
/* The correlation map: c' for -1 <= c <= 1 at pre-activations of second
 * moment q (the layer's input); q = +Inf gives the large-q limit. */
double iv_theory_corr_map(iv_theory *th, const iv_theory_map *m, double q,
                          double c);

/* Solve the length map from q_start (>= bias^2): kind, q_star, chi1 and
 * depth_scale. q_star is the first root of q' - q in the iterates'
 * direction, bracketed by a scan that doubles (or halves) v = q - b^2 and
 * later steps a decade at a time (and, where the gap turns between two
 * points of the scan, at its extreme in between), then refined by regula
 * falsi (Illinois). The correlation fields and the gains are set to NAN. */
void iv_theory_fixed_point(iv_theory *th, const iv_theory_map *m,
                           double q_start, iv_criticality *out);
/* Add c_star, chi_c and depth_scale_correlation to a solved *out. */
void iv_theory_correlation(iv_theory *th, const iv_theory_map *m,
                           iv_criticality *out);

/* Everything for activation k at sigma_w2 with zero-mean biases of
 * variance sigma_b2, from q = 1 (gain_for_unit_q NAN): the textbook's
 * setting, for tests and tools. What the report and the view show starts
 * from the network's own q_1 (iv_theory_criticality_config, and
 * iv_theory_fixed_point with its q_start: sigma_w2 E[x^2] + sigma_b2),
 * which differs where that is not 1. */
void iv_theory_criticality(iv_theory *th, iv_act_kind k, double slope,
                           double sigma_w2, double sigma_b2,
                           iv_criticality *out);
/* Everything for cfg's first layer from its q_1, with gain_for_unit_q in
 * the scheme's --gain. Meaningful only where iv_theory_applies. */
void iv_theory_criticality_config(iv_theory *th, const iv_config *cfg,
                                  iv_criticality *out);

/* Samples for drawing the maps (the length map and the correlation map of
 * layer 1): q_in[i] evenly from bias^2 to q_max and q_out[i] its image;
 * c_in[i] evenly from -1 to 1 and c_out[i] its image at q. n >= 2. */
void iv_theory_length_curve(iv_theory *th, const iv_theory_map *m,
                            double q_max, size_t n, double *q_in,
                            double *q_out);
void iv_theory_corr_curve(iv_theory *th, const iv_theory_map *m, double q,
                          size_t n, double *c_in, double *c_out);
/* The correlation of two inputs' pre-activations at layers 1..n of cfg
 * (n <= depth) into c[0..n-1], for inputs whose second moments have ratio
 * c0 = E[x x'] / E[x^2] (0 for independent zero-mean inputs); each layer's
 * map at the q the length recursion gives it. The q iterates themselves
 * are iv_theory_layers' q. IV_EINVAL for an invalid cfg. */
iv_status iv_theory_corr_layers(iv_theory *th, const iv_config *cfg,
                                double c0, size_t n, double *c);

#endif
