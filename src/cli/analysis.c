/* SPDX-License-Identifier: MIT */
/* Mean-field predictions and a logged training run for the report. */
#include <stdlib.h>
#include <initviz/train.h>
#include "cli/analysis.h"

void iv_analysis_done(iv_analysis *a)
{
	free(a->theory);
	free(a->train_step);
	free(a->train_loss);
	free(a->train_distinct);
	*a = (iv_analysis){ 0 };
}

static iv_status theory(iv_analysis *a, const iv_config *cfg)
{
	if (!iv_theory_applies(cfg->init)) {
		a->no_theory = true;
		return IV_OK;
	}
	iv_theory *th = iv_theory_alloc();
	iv_status st = IV_ENOMEM;
	a->theory = malloc(cfg->depth * sizeof *a->theory);
	if (th && a->theory) {
		st = iv_theory_layers(th, cfg, a->theory);
		iv_theory_criticality_config(th, cfg, &a->crit);
	}
	iv_theory_free(th);
	return st;
}

static void log_point(iv_analysis *a, const iv_train *tr, size_t L)
{
	size_t k = a->ntrain++;
	a->train_step[k] = iv_train_steps(tr);
	a->train_loss[k] = iv_train_loss(tr);
	for (size_t l = 1; l <= L; l++)
		a->train_distinct[k * L + l - 1] = iv_train_distinct(tr, l);
}

static iv_status train(iv_analysis *a, iv_net *net, size_t steps, double lr,
                       bool random_readout)
{
	size_t L = iv_net_depth(net), every = (steps + 998) / 999;
	size_t cap = steps / every + 2;
	iv_train_opts o = { .lr = lr, .outputs = 4,
	                    .random_readout = random_readout };
	iv_status st;
	iv_train *tr = iv_train_alloc(net, &o, &st);
	if (!tr)
		return st;
	a->train_step = malloc(cap * sizeof *a->train_step);
	a->train_loss = malloc(cap * sizeof *a->train_loss);
	a->train_distinct = malloc(cap * L * sizeof *a->train_distinct);
	if (!a->train_step || !a->train_loss || !a->train_distinct) {
		iv_train_free(tr);
		return IV_ENOMEM;
	}
	/* iv_train_step reports the state it started from: step k-1 */
	for (size_t k = 1; k <= steps && st == IV_OK; k++) {
		iv_train_watch(tr, (k - 1) % every == 0); /* logged steps only */
		st = iv_train_step(tr);
		if ((k - 1) % every == 0 && st == IV_OK) {
			log_point(a, tr, L);
			a->train_step[a->ntrain - 1] = k - 1;
		}
	}
	if (st == IV_OK && (st = iv_train_evaluate(tr)) == IV_OK)
		log_point(a, tr, L); /* after the last update */
	iv_train_free(tr);
	return st;
}

iv_status iv_analysis_compute(iv_analysis *a, iv_net *net, size_t steps,
                              double lr, bool random_readout)
{
	*a = (iv_analysis){ 0 };
	iv_status st = theory(a, iv_net_config(net));
	a->train_lr = lr;
	a->random_readout = random_readout;
	if (st == IV_OK && steps > 0)
		st = train(a, net, steps, lr, random_readout);
	return st;
}
