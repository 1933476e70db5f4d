/* SPDX-License-Identifier: MIT */
/* The network's random numbers: the input batch, and each layer's weights
 * and biases, row by row, from streams of their own. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <initviz/net.h>
#include "gauss.h"
#include "init.h"
#include "net_impl.h"

static void draw_input(const iv_config *cfg, gsl_matrix *X, gsl_rng *r)
{
	for (size_t i = 0; i < X->size1; i++) {
		double *row = gsl_matrix_ptr(X, i, 0);
		switch (cfg->input) {
		case IV_INPUT_UNIFORM:
			for (size_t j = 0; j < X->size2; j++)
				row[j] = gsl_ran_flat(r, -sqrt(3.0), sqrt(3.0));
			break;
		case IV_INPUT_POSITIVE:
			for (size_t j = 0; j < X->size2; j++)
				row[j] = gsl_rng_uniform(r);
			break;
		default: /* a row at a time: a call a number costs twice */
			iv_gauss_fill(r, 1.0, row, X->size2);
			break;
		}
	}
}

iv_status iv_net_draw_input(iv_net *net)
{
	gsl_rng *r = gsl_rng_alloc(IV_RNG);
	if (!r)
		return IV_ENOMEM;
	gsl_rng_set(r, iv_seed_mix(net->cfg.seed, 0));
	draw_input(&net->cfg, net->H[0], r);
	gsl_rng_free(r);
	return IV_OK;
}

/* Kept unit draws ---------------------------------------------------------- */

static iv_draw_family family_of(const iv_net *net)
{
	double a;
	return iv_init_family(&net->cfg, net->n[1], net->n[0], &a);
}

void iv_net_draws_free(iv_net *net, bool away_ok)
{
	if (net->u_after)
		for (size_t l = 1; l <= net->L; l++)
			if (net->u_after[l])
				gsl_rng_free(net->u_after[l]);
	free(net->u_after);
	free(net->u_ok);
	free(net->U);
	iv_net_release(net->ublock, net->ublock_bytes, away_ok);
	net->u_after = NULL;
	net->u_ok = NULL;
	net->U = NULL;
	net->ublock = NULL;
	net->ublock_bytes = 0;
	net->gtop = NULL;
	net->g_ok = false;
}

/* Doubles of every U and g_L. */
static size_t draws_doubles(const iv_net *net)
{
	size_t doubles = net->B * net->n[net->L];
	for (size_t l = 1; l <= net->L; l++)
		doubles += net->n[l] * net->n[l - 1];
	return doubles;
}

/* Whether they are worth their memory: at most DRAWS_MAX (wide's 4 layers
 * of 4096 x 4096 would need 512 MiB more), and within cfg's limit with the
 * network (the streams' states too). */
#define DRAWS_MAX ((double)(256 << 20))
static bool draws_fit(const iv_net *net)
{
	double bytes = (double)draws_doubles(net) * sizeof(double) +
		       (double)net->L * (sizeof(gsl_rng) + IV_RNG->size);
	return bytes <= DRAWS_MAX &&
	       (net->cfg.max_memory == 0 ||
		iv_config_memory(&net->cfg) + bytes <= net->cfg.max_memory);
}

/* The block of every U and g_L, with its headers; false when there is no
 * memory for it (nothing is kept then). */
static bool draws_alloc(iv_net *net)
{
	size_t L = net->L;
	net->ublock_bytes = draws_doubles(net) * sizeof(double);
	net->ublock = malloc(net->ublock_bytes);
	net->U = calloc(L + 1, sizeof *net->U);
	net->u_ok = calloc(L + 1, sizeof *net->u_ok);
	net->u_after = calloc(L + 1, sizeof(gsl_rng *));
	if (!net->ublock || !net->U || !net->u_ok || !net->u_after) {
		iv_net_draws_free(net, false);
		return false;
	}
	double *at = net->ublock;
	for (size_t l = 1; l <= L; l++) {
		net->U[l] =
		    gsl_matrix_view_array(at, net->n[l], net->n[l - 1]).matrix;
		at += net->n[l] * net->n[l - 1];
		if (!(net->u_after[l] = gsl_rng_alloc(IV_RNG))) {
			iv_net_draws_free(net, false);
			return false;
		}
	}
	net->gtop = at;
	net->u_seed = net->cfg.seed;
	net->u_family = (int)family_of(net);
	return true;
}

void iv_net_draws_prepare(iv_net *net)
{
	if (!net->keep_draws || !draws_fit(net)) {
		iv_net_draws_free(net, true);
		return;
	}
	if (!net->ublock) {
		(void)draws_alloc(net);
		return;
	}
	if (net->u_seed != net->cfg.seed) {
		net->g_ok = false;
		memset(net->u_ok, 0, (net->L + 1) * sizeof *net->u_ok);
	} else if (net->u_family != (int)family_of(net)) {
		memset(net->u_ok, 0, (net->L + 1) * sizeof *net->u_ok);
	}
	net->u_seed = net->cfg.seed;
	net->u_family = (int)family_of(net);
}

void iv_net_keep_draws(iv_net *net, bool on)
{
	if (net->keep_draws == on)
		return;
	net->keep_draws = on;
	iv_net_draws_prepare(net);
}

/* A generator whose state is in the drawing thread's own stack frame.
 * Two layers are drawn side by side on two threads, and their generators,
 * allocated one after the other, have states a few bytes apart (taus2's
 * is 24 bytes): one cache line that both threads wrote at every number,
 * each slowing the other. A run of draws works on a copy. */
typedef struct {
	gsl_rng r;
	_Alignas(64) unsigned char state[64];
} own_rng;

static gsl_rng *own_copy(own_rng *o, const gsl_rng *r)
{
	if (r->type->size > sizeof o->state)
		return NULL; /* a larger state is its own cache lines */
	o->r.type = r->type;
	o->r.state = o->state;
	memcpy(o->state, r->state, r->type->size);
	return &o->r;
}

/* Rows [i0, i1) of layer l's weights (all of them for orthogonal): from
 * the kept unit draws when they hold the layer's, else drawn from r (into
 * the kept units first when they are kept). */
static iv_status weight_rows_from(iv_net *net, size_t l, gsl_rng *r,
				  size_t i0, size_t i1)
{
	const iv_config *cfg = &net->cfg;
	double a;
	iv_draw_family f = iv_init_family(cfg, net->n[l], net->n[l - 1], &a);
	if (!net->ublock || f == IV_DRAW_NONE)
		return cfg->init == IV_INIT_ORTHOGONAL
			   ? iv_init_draw(cfg, l, net->W[l], r)
			   : iv_init_draw_rows(cfg, l, net->W[l], r, i0, i1);
	if (!net->u_ok[l]) {
		iv_status st = iv_init_units(f, &net->U[l], r, i0, i1);
		if (st != IV_OK)
			return st;
	}
	iv_init_scale_units(f, a, &net->U[l], net->W[l], i0, i1);
	return IV_OK;
}

/* The same, drawing from a copy of r in this thread's memory, r then left
 * where the copy ends (test_steps: rows drawn in runs are one draw). */
static iv_status weight_rows(iv_net *net, size_t l, gsl_rng *r, size_t i0,
			     size_t i1)
{
	own_rng o;
	gsl_rng *own = own_copy(&o, r);
	iv_status st = weight_rows_from(net, l, own ? own : r, i0, i1);
	if (own)
		memcpy(r->state, o.state, r->type->size);
	return st;
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
	if ((st = weight_rows(net, l, r, net->rows[l], upto)) != IV_OK)
		return st;
	net->rows[l] = upto;
	if (upto < net->n[l])
		return IV_OK;
	if (net->ublock && family_of(net) != IV_DRAW_NONE) {
		/* the stream where the weights left it, for the biases */
		if (net->u_ok[l])
			gsl_rng_memcpy(r, net->u_after[l]);
		else
			gsl_rng_memcpy(net->u_after[l], r);
		net->u_ok[l] = true;
	}
	/* a preset's biases are its framework's, whatever --bias and
	 * --bias-std say: no noise is drawn for them */
	double a = 1.0 / sqrt((double)net->n[l - 1]);
	for (size_t i = 0; i < net->n[l]; i++) {
		if (cfg->init == IV_INIT_TORCH_LINEAR) /* nn.Linear's bias */
			gsl_vector_set(net->b[l], i, gsl_ran_flat(r, -a, a));
		else if (iv_init_is_preset(cfg->init))
			gsl_vector_set(net->b[l], i, 0.0);
		else
			gsl_vector_set(
			    net->b[l], i,
			    cfg->bias +
				(cfg->bias_std > 0
				     ? iv_gauss(r, cfg->bias_std)
				     : 0.0));
	}
	net->slot[slot] = 0;
	net->drawn[l] = true;
	return IV_OK;
}

iv_status iv_net_draw_layer(iv_net *net, size_t l)
{
	return iv_net_draw_rows(net, l, net->n[l]);
}
