/* SPDX-License-Identifier: MIT */
/* The network's random numbers: the input batch, and each layer's weights
 * and biases, row by row, from streams of their own. */
#include <math.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <initviz/net.h>
#include "init.h"
#include "net_impl.h"

static void draw_input(const iv_config *cfg, gsl_matrix *X, gsl_rng *r)
{
	for (size_t i = 0; i < X->size1; i++) {
		double *row = gsl_matrix_ptr(X, i, 0);
		for (size_t j = 0; j < X->size2; j++) {
			switch (cfg->input) {
			case IV_INPUT_UNIFORM:
				row[j] = gsl_ran_flat(r, -sqrt(3.0), sqrt(3.0));
				break;
			case IV_INPUT_POSITIVE:
				row[j] = gsl_rng_uniform(r);
				break;
			default:
				row[j] = gsl_ran_gaussian_ziggurat(r, 1.0);
				break;
			}
		}
	}
}

iv_status iv_net_draw_input(iv_net *net)
{
	gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
	if (!r)
		return IV_ENOMEM;
	gsl_rng_set(r, iv_seed_mix(net->cfg.seed, 0));
	draw_input(&net->cfg, net->H[0], r);
	gsl_rng_free(r);
	return IV_OK;
}

/* Rows of layer l's weights up to upto (all of them for orthogonal), then
 * its biases once every row is in. A layer being drawn keeps its stream in
 * slot l % 2 between calls: the layer stepped and the next, drawn ahead. A
 * slot still held by another layer is freed by finishing that layer. */
iv_status iv_net_draw_rows(iv_net *net, size_t l, size_t upto)
{
	const iv_config *cfg = &net->cfg;
	size_t slot = l % 2;
	gsl_rng *r = net->rng[slot];
	iv_status st = IV_OK;
	if (net->drawn[l])
		return IV_OK;
	if (net->slot[slot] != l) {
		if (net->slot[slot] != 0 &&
		    (st = iv_net_draw_layer(net, net->slot[slot])) != IV_OK)
			return st;
		gsl_rng_set(r, iv_seed_mix(cfg->seed, l + 1));
		net->slot[slot] = l;
		net->rows[l] = 0;
	}
	if (upto > net->n[l] || cfg->init == IV_INIT_ORTHOGONAL)
		upto = net->n[l];
	if (upto <= net->rows[l])
		return IV_OK;
	if (cfg->init == IV_INIT_ORTHOGONAL)
		st = iv_init_draw(cfg, l, net->W[l], r);
	else
		st =
		    iv_init_draw_rows(cfg, l, net->W[l], r, net->rows[l], upto);
	if (st != IV_OK)
		return st;
	net->rows[l] = upto;
	if (upto < net->n[l])
		return IV_OK;
	double a = 1.0 / sqrt((double)net->n[l - 1]);
	for (size_t i = 0; i < net->n[l]; i++) {
		double e = cfg->bias_std > 0
			       ? gsl_ran_gaussian_ziggurat(r, cfg->bias_std)
			       : 0.0;
		if (cfg->init == IV_INIT_TORCH_LINEAR) /* nn.Linear's bias */
			gsl_vector_set(net->b[l], i, gsl_ran_flat(r, -a, a));
		else if (iv_init_is_preset(cfg->init))
			gsl_vector_set(net->b[l], i, 0.0);
		else
			gsl_vector_set(net->b[l], i, cfg->bias + e);
	}
	net->slot[slot] = 0;
	net->drawn[l] = true;
	return IV_OK;
}

iv_status iv_net_draw_layer(iv_net *net, size_t l)
{
	return iv_net_draw_rows(net, l, net->n[l]);
}
