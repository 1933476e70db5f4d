/* SPDX-License-Identifier: MIT */
/* What the report adds beside the measured layers: mean-field predictions,
 * criticality, and an optional training run. */
#ifndef IV_CLI_ANALYSIS_H
#define IV_CLI_ANALYSIS_H

#include <stddef.h>
#include <initviz/net.h>
#include <initviz/theory.h>

typedef struct cli_analysis {
	iv_theory_layer *theory; /* depth entries, NULL when not computed */
	bool no_theory;          /* not computed: the scheme is not random */
	/* no criticality: the length map's fixed point describes plain
	 * layers, not normalized ones or residual streams */
	bool no_criticality;
	iv_criticality crit;    /* of layer 1 (iv_theory_criticality_config) */
	size_t ntrain;          /* training log entries (0: no training) */
	double train_lr;        /* the learning rate it trained at */
	size_t train_asked;     /* the steps asked for */
	/* training stopped before the steps asked for: the loss of the last
	 * entry's state is not finite (iv_train_stopped) */
	bool train_stopped;
	bool random_readout;    /* with a LeCun-normal readout */
	size_t *train_step;     /* ntrain */
	double *train_loss;     /* ntrain */
	size_t *train_distinct; /* ntrain x depth */
	const char *command;    /* the command that reproduces the report
				 * (cli/command.h), NULL: not written */
	/* ntrain x depth: the ratios of the update taken from each logged
	 * state (iv_train_update_ratio); NaN in the last entry, after which
	 * no update is taken */
	double *train_update_ratio, *train_grad_ratio;
	/* depth: rms over batch and units of h_l after training minus h_l at
	 * initialization, on the same inputs; NULL without training */
	double *train_change;
	/* layers whose activations after training hold NaN or Inf: their
	 * columns compare alike, so train_distinct's last entry says nothing
	 * about symmetry there */
	size_t train_nonfinite;
} cli_analysis;

/* Theory for net's configuration; then, when steps > 0, train net (its
 * weights change: call after the report's statistics are taken, with the
 * activations of iv_net_run still in place) for steps SGD steps at rate lr
 * (random_readout: iv_train_opts), logging step 0, every ceil(steps/999)-th
 * step and the last; training stops at a state whose loss is not finite,
 * which is then the last, and the update taken just before it is logged
 * too (the network is drawn and trained again for it when it fell between
 * logged steps: *net is then the pointer iv_net_realloc returned, NULL
 * after a failure there). 0, or an engine status on failure. */
iv_status cli_analysis_compute(cli_analysis *a, iv_net **net, size_t steps,
			       double lr, bool random_readout);
struct cli_progress;
/* The same, showing training's steps on progress (cli/progress.h). */
iv_status cli_analysis_compute_shown(cli_analysis *a, iv_net **net,
				     size_t steps, double lr,
				     bool random_readout,
				     struct cli_progress *progress);
/* The same, calling tick(ctx, again, k, steps) after each step k taken
 * (a sweep's progress line, which its jobs share): again is NULL while
 * training, and says why when the steps are taken again (for the update
 * before a stop). tick may be NULL. */
typedef void cli_analysis_tick_fn(void *ctx, const char *again, size_t k,
				  size_t steps);
iv_status cli_analysis_compute_ticking(cli_analysis *a, iv_net **net,
				       size_t steps, double lr,
				       bool random_readout,
				       cli_analysis_tick_fn *tick, void *ctx);
void cli_analysis_done(cli_analysis *a);

/* Bytes that cli_analysis_compute needs for cfg beside the network's own
 * (iv_config_memory): training's buffers and the saved activations. */
double cli_analysis_memory(const iv_config *cfg, size_t steps);

#endif
