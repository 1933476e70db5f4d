/* SPDX-License-Identifier: MIT */
/* Mean-field predictions and a logged training run for the report. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <initviz/train.h>
#include "cli/analysis.h"
#include "cli/progress.h"

void cli_analysis_done(cli_analysis *a)
{
	free(a->theory);
	free(a->train_step);
	free(a->train_loss);
	free(a->train_distinct);
	free(a->train_update_ratio);
	free(a->train_grad_ratio);
	free(a->train_change);
	*a = (cli_analysis){0};
}

static iv_status theory(cli_analysis *a, const iv_config *cfg)
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
		a->no_criticality = cfg->norm != IV_NORM_NONE || cfg->residual;
	}
	iv_theory_free(th);
	return st;
}

/* update: the state was left by an update (its ratios), or only
 * evaluated (NaN) */
static void log_point(cli_analysis *a, const iv_train *tr, size_t L,
		      bool update)
{
	size_t k = a->ntrain++;
	a->train_step[k] = iv_train_steps(tr);
	a->train_loss[k] = iv_train_loss(tr);
	for (size_t l = 1; l <= L; l++) {
		a->train_distinct[k * L + l - 1] = iv_train_distinct(tr, l);
		a->train_update_ratio[k * L + l - 1] =
		    update ? iv_train_update_ratio(tr, l) : NAN;
		a->train_grad_ratio[k * L + l - 1] =
		    update ? iv_train_grad_ratio(tr, l) : NAN;
	}
}

/* The activations at initialization, layer after layer in one block. */
static double *save_activations(const iv_net *net)
{
	size_t L = iv_net_depth(net), total = 0, r, c;
	for (size_t l = 1; l <= L; l++)
		if (iv_net_data(net, l, IV_Q_ACT, &r, &c))
			total += r * c;
	double *h0 = calloc(total ? total : 1, sizeof *h0), *at = h0;
	for (size_t l = 1; h0 && l <= L; l++) {
		const double *h = iv_net_data(net, l, IV_Q_ACT, &r, &c);
		if (h) {
			memcpy(at, h, r * c * sizeof *at);
			at += r * c;
		}
	}
	return h0;
}

/* rms of the activations now minus those saved, per layer: of the
 * differences scaled by the power of two nearest their largest magnitude
 * (exact: the same number as unscaled where no square overflows or
 * underflows), so that differences of 1e200 (finite) give their rms, not
 * an overflowed square; NaN when one is not finite. Counts the layers
 * whose activations now hold NaN or Inf. */
static void change(cli_analysis *a, const iv_net *net, const double *h0)
{
	size_t L = iv_net_depth(net), r, c;
	for (size_t l = 1; l <= L; l++) {
		const double *h = iv_net_data(net, l, IV_Q_ACT, &r, &c);
		double ss = 0, m = 0;
		if (!h) { /* not stored: saved neither */
			a->train_change[l - 1] = NAN;
			continue;
		}
		size_t n = r * c;
		for (size_t i = 0; i < n; i++) {
			double d = fabs(h[i] - h0[i]);
			m = d > m || isnan(d) ? d : m;
		}
		for (size_t i = 0; i < n; i++)
			if (!isfinite(h[i])) {
				a->train_nonfinite++;
				break;
			}
		if (!isfinite(m)) {
			a->train_change[l - 1] = NAN;
		} else if (m == 0) {
			a->train_change[l - 1] = 0;
		} else {
			int e = iv_scale_exponent(m);
			double down = ldexp(1.0, -e);
			for (size_t i = 0; i < n; i++) {
				double d = (h[i] - h0[i]) * down;
				ss += d * d;
			}
			a->train_change[l - 1] =
			    sqrt(ss / (double)n) * ldexp(1.0, e);
		}
		h0 += n;
	}
}

/* Training's options as the report sets them. */
static iv_train *trainer(iv_net *net, double lr, bool random_readout,
			 iv_status *st)
{
	iv_train_opts o = {
	    .lr = lr, .outputs = 4, .random_readout = random_readout};
	return iv_train_alloc(net, &o, st);
}

/* A run that stopped at state s (its loss not finite) whose last update,
 * from state s - 1, fell between logged steps: its ratios are the ones
 * that say which layer blew up, and they were not computed (watching
 * every step costs a product a layer). Draw the network again (the same
 * numbers: iv_net_realloc with its own configuration), run it (the
 * statistics the report describes, the same again), and take the s steps
 * again, watching the last: training's numbers do not depend on which
 * steps were watched (train.h), so the run ends in the same state, and
 * the update from s - 1 is logged. *tr is replaced by the new trainer. */
static iv_status replay(cli_analysis *a, iv_net **netp, iv_train **tr,
			size_t s, double lr, bool random_readout,
			cli_analysis_tick_fn *tick, void *ctx)
{
	iv_config cfg = *iv_net_config(*netp);
	size_t L = cfg.depth;
	iv_status st;
	iv_train_free(*tr);
	*tr = NULL;
	if (!(*netp = iv_net_realloc(*netp, &cfg, &st)))
		return st;
	if ((st = iv_net_run(*netp)) != IV_OK ||
	    !(*tr = trainer(*netp, lr, random_readout, &st)))
		return st;
	for (size_t k = 1; k <= s && st == IV_OK; k++) {
		iv_train_watch(*tr, k == s);
		st = iv_train_step(*tr);
		if (tick)
			tick(ctx, "training again, to log the last update", k,
			     s);
	}
	if (st == IV_OK) {
		log_point(a, *tr, L, true);
		a->train_step[a->ntrain - 1] = s - 1;
	}
	return st;
}

static iv_status train(cli_analysis *a, iv_net **netp, size_t steps,
		       double lr, bool random_readout,
		       cli_analysis_tick_fn *tick, void *ctx)
{
	iv_net *net = *netp;
	size_t L = iv_net_depth(net), every = (steps + 998) / 999;
	size_t cap = steps / every + 3; /* and a stop's last update */
	iv_status st;
	iv_train *tr = trainer(net, lr, random_readout, &st);
	if (!tr)
		return st;
	a->train_step = malloc(cap * sizeof *a->train_step);
	a->train_loss = malloc(cap * sizeof *a->train_loss);
	a->train_distinct = malloc(cap * L * sizeof *a->train_distinct);
	a->train_update_ratio = malloc(cap * L * sizeof(double));
	a->train_grad_ratio = malloc(cap * L * sizeof(double));
	a->train_change = malloc(L * sizeof *a->train_change);
	double *h0 = save_activations(net);
	if (!a->train_step || !a->train_loss || !a->train_distinct ||
	    !a->train_update_ratio || !a->train_grad_ratio ||
	    !a->train_change || !h0) {
		free(h0);
		iv_train_free(tr);
		return IV_ENOMEM;
	}
	/* iv_train_step reports the state it started from: step k-1 */
	size_t k;
	for (k = 1; k <= steps && st == IV_OK; k++) {
		iv_train_watch(tr,
			       (k - 1) % every == 0); /* logged steps only */
		st = iv_train_step(tr);
		if (st == IV_OK && iv_train_stopped(tr)) {
			a->train_stopped = true; /* state k - 1: logged below */
			break;
		}
		if ((k - 1) % every == 0 && st == IV_OK) {
			log_point(a, tr, L, true);
			a->train_step[a->ntrain - 1] = k - 1;
		}
		if (tick)
			tick(ctx, NULL, k, steps);
	}
	/* stopped at state s = k - 1, after the update from s - 1 */
	if (a->train_stopped && k >= 2 && (k - 2) % every != 0)
		st = replay(a, netp, &tr, k - 1, lr, random_readout, tick,
			    ctx);
	if (st == IV_OK && (st = iv_train_evaluate(tr)) == IV_OK) {
		log_point(a, tr, L, false); /* after the last update */
		change(a, *netp, h0);
	}
	free(h0);
	iv_train_free(tr);
	return st;
}

iv_status cli_analysis_compute_ticking(cli_analysis *a, iv_net **net,
				       size_t steps, double lr,
				       bool random_readout,
				       cli_analysis_tick_fn *tick, void *ctx)
{
	*a = (cli_analysis){0};
	iv_status st = theory(a, iv_net_config(*net));
	a->train_lr = lr;
	a->train_asked = steps;
	a->random_readout = random_readout;
	if (st == IV_OK && steps > 0)
		st = train(a, net, steps, lr, random_readout, tick, ctx);
	return st;
}

/* The report's line: "training, step k of N", or the steps taken again
 * under their own words. */
static void show_step(void *ctx, const char *again, size_t k, size_t steps)
{
	char d[64];
	if (again && k == 1)
		cli_progress_phase(ctx, again);
	snprintf(d, sizeof d, "step %zu of %zu", k, steps);
	cli_progress_show(ctx, (double)k / (double)steps, d);
}

iv_status cli_analysis_compute_shown(cli_analysis *a, iv_net **net,
				     size_t steps, double lr,
				     bool random_readout,
				     cli_progress *progress)
{
	if (progress)
		cli_progress_phase(progress, "training");
	return cli_analysis_compute_ticking(a, net, steps, lr, random_readout,
					    progress ? show_step : NULL,
					    progress);
}

iv_status cli_analysis_compute(cli_analysis *a, iv_net **net, size_t steps,
			       double lr, bool random_readout)
{
	return cli_analysis_compute_shown(a, net, steps, lr, random_readout,
					  NULL);
}

double cli_analysis_memory(const iv_config *cfg, size_t steps)
{
	double b = (double)cfg->batch, units = 0, maxn = 0;
	if (steps == 0)
		return 0;
	for (size_t l = 0; l <= cfg->depth; l++) {
		double n = (double)iv_config_units(cfg, l);
		units += l ? n : 0;
		maxn = n > maxn ? n : maxn;
	}
	/* saved activations; two gradient buffers; targets, outputs and the
	 * readout of 4 outputs; the log (at most 1002 entries) */
	return sizeof(double) * (b * units + 2 * b * maxn + 8 * b + 8 * maxn +
				 1002.0 * 3 * (double)cfg->depth);
}
