/* SPDX-License-Identifier: MIT */
/* What the report adds beside the measured layers: mean-field predictions,
 * criticality, and an optional training run. */
#ifndef IV_CLI_ANALYSIS_H
#define IV_CLI_ANALYSIS_H

#include <stddef.h>
#include <initviz/net.h>
#include <initviz/theory.h>

#define IV_TRAIN_LOG_MAX 1000 /* entries of the training log at most */

typedef struct iv_analysis {
	iv_theory_layer *theory; /* depth entries, NULL when not computed */
	bool no_theory;          /* not computed: the scheme is not random */
	iv_criticality crit;     /* of layer 1 (iv_theory_criticality_config) */
	size_t ntrain;           /* training log entries (0: no training) */
	double train_lr;         /* the learning rate it trained at */
	bool random_readout;     /* with a LeCun-normal readout */
	size_t *train_step;      /* ntrain */
	double *train_loss;      /* ntrain */
	size_t *train_distinct;  /* ntrain x depth */
} iv_analysis;

/* Theory for net's configuration; then, when steps > 0, train net (its
 * weights change: call after the report's statistics are taken) for steps
 * SGD steps at rate lr (random_readout: iv_train_opts), logging step 0, every ceil(steps/999)-th step and
 * the last. 0, or an engine status on failure. */
iv_status iv_analysis_compute(iv_analysis *a, iv_net *net, size_t steps,
                              double lr, bool random_readout);
void iv_analysis_done(iv_analysis *a);

#endif
