/* SPDX-License-Identifier: MIT */
/* Evaluating a lesson's claims on the numbers the engine produces. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <initviz/net.h>
#include <initviz/theory.h>
#include <initviz/train.h>
#include "lesson/claim.h"

struct iv_claim_ctx {
	iv_config cfg; /* the settings net was made from */
	double lr;
	bool random_readout;
	iv_net *net;  /* its statistics are those of the current weights */
	iv_train *tr; /* NULL until a claim asks for training */
	double loss0; /* the loss at step 0 */
	double *w0;   /* depth x 4: weight mean, rms, min, max at step 0 */
};

iv_claim_ctx *iv_claim_ctx_alloc(void)
{
	return calloc(1, sizeof(iv_claim_ctx));
}

static void forget(iv_claim_ctx *x)
{
	iv_train_free(x->tr);
	iv_net_free(x->net);
	free(x->w0);
	x->tr = NULL;
	x->net = NULL;
	x->w0 = NULL;
}

void iv_claim_ctx_free(iv_claim_ctx *x)
{
	if (x) {
		forget(x);
		free(x);
	}
}

static void weight_stats(const iv_net *net, size_t l, double *out)
{
	iv_stats_four(&iv_net_layer(net, l)->q[IV_Q_WEIGHTS], out);
}

static int engine_fail(iv_claim_result *r, const char *what, iv_status st)
{
	snprintf(r->why, sizeof r->why, "%s: %s", what, iv_status_str(st));
	return -1;
}

/* A network at step 0 of cfg. */
static int start(iv_claim_ctx *x, const iv_config *cfg, double lr, bool rr,
		 iv_claim_result *r)
{
	iv_status st;
	forget(x);
	x->cfg = *cfg;
	x->lr = lr;
	x->random_readout = rr;
	if (!(x->net = iv_net_alloc(cfg, &st)))
		return engine_fail(r, "the network", st);
	if ((st = iv_net_run(x->net)) != IV_OK)
		return engine_fail(r, "the network", st);
	if (!(x->w0 = malloc(4 * cfg->depth * sizeof *x->w0)))
		return engine_fail(r, "the network", IV_ENOMEM);
	for (size_t l = 1; l <= cfg->depth; l++)
		weight_stats(x->net, l, x->w0 + 4 * (l - 1));
	return 0;
}

/* Train on to `after` steps, then recompute the statistics. */
static int train(iv_claim_ctx *x, size_t after, iv_claim_result *r)
{
	iv_train_opts o = {.lr = x->lr,
			   .outputs = IV_CLAIM_TRAIN_OUTPUTS,
			   .random_readout = x->random_readout};
	iv_status st;
	if (!x->tr) {
		if (!(x->tr = iv_train_alloc(x->net, &o, &st)))
			return engine_fail(r, "training", st);
		if ((st = iv_train_evaluate(x->tr)) != IV_OK)
			return engine_fail(r, "training", st);
		x->loss0 = iv_train_loss(x->tr);
	}
	if (iv_train_steps(x->tr) == after)
		return 0;
	while (iv_train_steps(x->tr) < after) {
		if ((st = iv_train_step(x->tr)) != IV_OK)
			return engine_fail(r, "training", st);
		if (iv_train_stopped(x->tr)) { /* no step counts from here on:
						* step `after` is never reached */
			snprintf(r->why, sizeof r->why,
				 "training stopped at step %zu of %zu: the "
				 "loss is not finite",
				 iv_train_steps(x->tr), after);
			forget(x); /* its statistics were not recomputed */
			return -1;
		}
	}
	if ((st = iv_train_evaluate(x->tr)) != IV_OK)
		return engine_fail(r, "training", st);
	iv_net_restart(x->net);
	if ((st = iv_net_run(x->net)) != IV_OK)
		return engine_fail(r, "the network", st);
	return 0;
}

/* Whether a and b make the same network (field by field: padding bytes
 * are not compared). */
static bool same_config(const iv_config *a, const iv_config *b)
{
	if (a->nwidths != b->nwidths ||
	    (a->nwidths && memcmp(a->widths, b->widths,
				  a->nwidths * sizeof a->widths[0]) != 0))
		return false;
	return a->init == b->init && a->std == b->std && a->value == b->value &&
	       a->gain == b->gain && a->mode == b->mode && a->bias == b->bias &&
	       a->bias_std == b->bias_std && a->act == b->act &&
	       a->slope == b->slope && a->depth == b->depth &&
	       a->width == b->width && a->batch == b->batch &&
	       a->input == b->input && a->seed == b->seed &&
	       a->bins == b->bins && a->retain == b->retain &&
	       a->max_memory == b->max_memory && a->norm == b->norm &&
	       a->residual == b->residual &&
	       (a->res_scale == b->res_scale ||
		(isnan(a->res_scale) && isnan(b->res_scale)));
}

/* The network of cfg trained for `after` steps: the one kept when it fits. */
static int reach(iv_claim_ctx *x, const iv_config *cfg, double lr, bool rr,
		 size_t after, iv_claim_result *r)
{
	size_t done = x->tr ? iv_train_steps(x->tr) : 0;
	if (!x->net || !same_config(&x->cfg, cfg) || lr != x->lr ||
	    rr != x->random_readout || done > after)
		if (start(x, cfg, lr, rr, r) != 0)
			return -1;
	return after ? train(x, after, r) : 0;
}

static double std_of(const iv_net *net, size_t l, iv_quantity q)
{
	return iv_net_layer(net, l)->q[q].std;
}

/* How far layer l's weight statistics are from step 0's. */
static double moved(const iv_claim_ctx *x, size_t l)
{
	double w[4], d = 0;
	weight_stats(x->net, l, w);
	for (int k = 0; k < 4; k++) {
		double a = x->w0[4 * (l - 1) + k];
		if (isnan(a) != isnan(w[k]))
			return INFINITY;
		if (!isnan(a) && fabs(w[k] - a) > d)
			d = fabs(w[k] - a);
	}
	return d;
}

static double layer_value(const iv_claim_ctx *x, iv_claim_q q, size_t l)
{
	const iv_layer_stats *s = iv_net_layer(x->net, l);
	switch (q) {
	case IV_CLAIM_H_STD: return s->q[IV_Q_ACT].std;
	case IV_CLAIM_H_MEAN: return s->q[IV_Q_ACT].mean;
	case IV_CLAIM_H_MIN: return s->q[IV_Q_ACT].min;
	case IV_CLAIM_H_MAX: return s->q[IV_Q_ACT].max;
	case IV_CLAIM_Z_STD: return s->q[IV_Q_PREACT].std;
	case IV_CLAIM_DH_STD: return s->q[IV_Q_GRAD_ACT].std;
	case IV_CLAIM_DZ_STD: return s->q[IV_Q_GRAD_PREACT].std;
	case IV_CLAIM_W_STD: return s->q[IV_Q_WEIGHTS].std;
	case IV_CLAIM_DW_STD: return s->q[IV_Q_GRAD_WEIGHTS].std;
	case IV_CLAIM_H_RATIO:
		return s->q[IV_Q_ACT].std / std_of(x->net, l - 1, IV_Q_ACT);
	case IV_CLAIM_DH_RATIO:
		return s->q[IV_Q_GRAD_ACT].std /
		       std_of(x->net, l - 1, IV_Q_GRAD_ACT);
	case IV_CLAIM_SAT: return s->saturated;
	case IV_CLAIM_ZERO: return s->zero_fraction;
	case IV_CLAIM_DEAD: return (double)s->dead_units;
	case IV_CLAIM_DISTINCT: return (double)s->distinct_neurons;
	case IV_CLAIM_MOVED: return moved(x, l);
	default: return NAN;
	}
}

/* Among values that all hold, the one nearest the bound. */
static bool nearer(iv_claim_op op, double x, double best)
{
	return op == IV_CLAIM_LT || op == IV_CLAIM_LE ? x > best : x < best;
}

static void judge_layers(const iv_claim_ctx *x, const iv_claim *c, size_t from,
			 size_t to, iv_claim_result *r)
{
	r->holds = true;
	for (size_t l = from; l <= to; l++) {
		double v = layer_value(x, c->q, l);
		if (!iv_claim_compare(c->op, v, c->bound)) {
			r->holds = false;
			r->layer = l;
			r->value = v;
			return;
		}
		if (l == from || nearer(c->op, v, r->value)) {
			r->layer = l;
			r->value = v;
		}
	}
}

/* The settings bar's chi1: mean-field theory of layer 1. */
static int chi1(const iv_config *cfg, iv_claim_result *r)
{
	if (!iv_theory_applies(cfg->init)) {
		snprintf(r->why, sizeof r->why, "chi1: no theory for %s",
			 iv_init_name(cfg->init));
		return -1;
	}
	iv_theory *th = iv_theory_alloc();
	iv_criticality crit;
	if (!th)
		return engine_fail(r, "chi1", IV_ENOMEM);
	iv_theory_criticality_config(th, cfg, &crit);
	iv_theory_free(th);
	r->value = crit.chi1;
	return 0;
}

int iv_claim_eval(iv_claim_ctx *x, const iv_claim *c, const iv_config *cfg,
		  double lr, bool random_readout, iv_claim_apply_fn apply,
		  iv_claim_result *r)
{
	iv_config *k = malloc(sizeof *k);
	int rc = -1;
	*r = (iv_claim_result){.value = NAN};
	if (!k)
		return engine_fail(r, "the claim", IV_ENOMEM);
	*k = *cfg;
	if (c->with[0]) {
		char key[IV_CLAIM_WITH], msg[160];
		memcpy(key, c->with, sizeof key);
		char *eq = strchr(key, '=');
		if (!eq) {
			snprintf(r->why, sizeof r->why, "with: no KEY=VALUE");
			goto out;
		}
		*eq = '\0';
		if (apply(k, key, eq + 1, msg, sizeof msg) != 0) {
			snprintf(r->why, sizeof r->why, "with %s", msg);
			goto out;
		}
	}
	size_t to = c->to == IV_CLAIM_LAST ? k->depth : c->to;
	size_t from = c->from == IV_CLAIM_LAST ? k->depth : c->from;
	if (iv_claim_per_layer(c->q) &&
	    (from > k->depth || to > k->depth || from > to ||
	     (from < 2 &&
	      (c->q == IV_CLAIM_H_RATIO || c->q == IV_CLAIM_DH_RATIO)))) {
		snprintf(r->why, sizeof r->why,
			 "layers %zu-%zu: the network "
			 "has %zu",
			 from, to, k->depth);
		goto out;
	}
	if (c->q == IV_CLAIM_CHI1) {
		if (chi1(k, r) != 0)
			goto out;
	} else if (reach(x, k, lr > 0 ? lr : IV_TRAIN_LR, random_readout,
			 c->after, r) != 0) {
		goto out;
	}
	rc = 0;
	if (iv_claim_per_layer(c->q)) {
		judge_layers(x, c, from, to, r);
	} else {
		if (c->q == IV_CLAIM_LOSS)
			r->value = iv_train_loss(x->tr);
		else if (c->q == IV_CLAIM_LOSS_RATIO)
			r->value = iv_train_loss(x->tr) / x->loss0;
		r->holds = iv_claim_compare(c->op, r->value, c->bound);
	}
out:
	free(k);
	return rc;
}
