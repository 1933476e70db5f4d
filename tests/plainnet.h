/* SPDX-License-Identifier: MIT */
/* An independent plain-loop copy of a small engine network, for checking the
 * engine's forward pass and its gradients by finite differences.
 *
 * The copy takes the engine's weights (iv_net_data), the bias (cfg->bias,
 * no bias_std), g_L (needs cfg->retain) and redraws the input from stream 0
 * the way net.c documents its streams (seed iv_seed_mix(seed, 0), IV_RNG,
 * row-major batch x n_0). The loss is sum_ij g_L[i,j] h_L[i,j]. */
#ifndef IV_PLAINNET_H
#define IV_PLAINNET_H

#include <check.h>
#include <string.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <initviz/act.h>
#include <initviz/net.h>
#include "engine/init.h"

#define PN_MAXL 8

/* The other files of test_net: overflow and memory; the step protocol. */
TCase *net_limits_tcase(void);
TCase *net_steps_tcase(void);

typedef struct plain {
	size_t L, B, n[PN_MAXL + 1];
	iv_act_kind act;
	double slope, bias;
	double *W[PN_MAXL + 1]; /* n_l x n_{l-1}, 1..L */
	double *z[PN_MAXL + 1]; /* B x n_l, 1..L */
	double *h[PN_MAXL + 1]; /* B x n_l, 0..L; h[0] the input */
	double *g;              /* g_L, B x n_L */
} plain;

static inline void pn_input(const iv_config *c, double *x, size_t count)
{
	gsl_rng *r = gsl_rng_alloc(IV_RNG);
	gsl_rng_set(r, iv_seed_mix(c->seed, 0));
	for (size_t i = 0; i < count; i++)
		x[i] = c->input == IV_INPUT_UNIFORM ? gsl_ran_flat(r, -sqrt(3), sqrt(3))
		       : c->input == IV_INPUT_POSITIVE ? gsl_rng_uniform(r)
		                                       : gsl_ran_gaussian_ziggurat(r, 1);
	gsl_rng_free(r);
}

/* z_l = h_{l-1} W_l^T + b, h_l = phi(z_l) for layers from..L. */
static inline void pn_forward_from(plain *p, size_t from)
{
	for (size_t l = from; l <= p->L; l++) {
		size_t n = p->n[l], m = p->n[l - 1];
		for (size_t b = 0; b < p->B; b++)
			for (size_t j = 0; j < n; j++) {
				double s = 0;
				for (size_t k = 0; k < m; k++)
					s += p->W[l][j * m + k] * p->h[l - 1][b * m + k];
				p->z[l][b * n + j] = s + p->bias;
				p->h[l][b * n + j] = iv_act(p->act, p->slope, s + p->bias);
			}
	}
}

static inline double pn_loss(const plain *p)
{
	double s = 0;
	for (size_t i = 0; i < p->B * p->n[p->L]; i++)
		s += p->g[i] * p->h[p->L][i];
	return s;
}

/* Copy a net (after its forward pass; g_L needs retain and the backward). */
static inline void pn_init(plain *p, const iv_net *net)
{
	const iv_config *c = iv_net_config(net);
	memset(p, 0, sizeof *p);
	p->L = iv_net_depth(net);
	p->B = c->batch;
	p->act = c->act;
	p->slope = c->slope;
	p->bias = c->bias;
	for (size_t l = 0; l <= p->L; l++) {
		p->n[l] = iv_config_units(c, l);
		p->h[l] = calloc(p->B * p->n[l], sizeof(double));
		if (l == 0)
			continue;
		p->z[l] = calloc(p->B * p->n[l], sizeof(double));
		size_t cnt = p->n[l] * p->n[l - 1];
		p->W[l] = malloc(cnt * sizeof(double));
		memcpy(p->W[l], iv_net_data(net, l, IV_Q_WEIGHTS, NULL, NULL),
		       cnt * sizeof(double));
	}
	pn_input(c, p->h[0], p->B * p->n[0]);
	const double *g = iv_net_data(net, p->L, IV_Q_GRAD_ACT, NULL, NULL);
	p->g = calloc(p->B * p->n[p->L], sizeof(double));
	if (g)
		memcpy(p->g, g, p->B * p->n[p->L] * sizeof(double));
	pn_forward_from(p, 1);
}

static inline void pn_done(plain *p)
{
	for (size_t l = 0; l <= p->L; l++) {
		free(p->W[l]);
		free(p->z[l]);
		free(p->h[l]);
	}
	free(p->g);
}

/* d loss / d v by central differences, v an entry of W_l (what 'W'),
 * z_l ('z') or h_l ('h'); everything is restored afterwards. */
static inline double pn_fd(plain *p, char what, size_t l, size_t i, double eps)
{
	double *v = what == 'W' ? &p->W[l][i] : what == 'z' ? &p->z[l][i]
	                                                    : &p->h[l][i];
	double keep = *v, lp, lm;
	for (int s = 0; s < 2; s++) {
		*v = keep + (s ? -eps : eps);
		if (what == 'z')
			p->h[l][i] = iv_act(p->act, p->slope, *v);
		pn_forward_from(p, what == 'W' ? l : l + 1);
		*(s ? &lm : &lp) = pn_loss(p);
	}
	*v = keep;
	if (what == 'z')
		p->h[l][i] = iv_act(p->act, p->slope, keep);
	pn_forward_from(p, what == 'W' ? l : l + 1);
	return (lp - lm) / (2 * eps);
}

#endif
