/* SPDX-License-Identifier: MIT */
/* Running a sweep: every configuration of the grid computed once, several
 * at a time within the memory limit, each one's report text kept in a
 * spool file and a summary of its layers kept in memory.
 *
 * Call order: cli_sweep_run_init() (expands and checks the grid),
 * cli_sweep_run_all() (computes), read res[] and cli_sweep_run_copy() the texts
 * in any order, cli_sweep_run_done(). */
#ifndef IV_CLI_SWEEP_RUN_H
#define IV_CLI_SWEEP_RUN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <initviz/config.h>
#include <initviz/net.h>
#include "cli/analysis.h"
#include "cli/opts.h"

/* What the verdicts, the table and the figure need of one configuration. */
typedef struct cli_sweep_result {
	size_t depth;
	/* per layer (depth entries each): measured activation rms and std,
	 * gradient (grad_activation) std, their mean-field predictions (NaN
	 * where none), the rms change of the activations after training
	 * (NULL without training) */
	double *act_rms, *act_std, *grad_std, *th_act, *th_grad, *change;
	size_t distinct_min; /* fewest distinct neurons of a layer */
	/* layers whose gradient prediction batch norm's small batch leaves
	 * out (iv_theory_layer's batch_growth past its bound) */
	size_t th_grad_batch;
	/* some layer's activations hold NaN or Inf: its columns compare
	 * alike, so distinct_min says nothing about symmetry */
	bool distinct_nonfinite;
	bool stopped; /* training stopped early: the loss is not finite */
	size_t steps; /* training steps taken (those asked for, or fewer when
		       * stopped) */
	size_t problems;     /* --check problems */
	char *check;         /* their lines (each ends in \n), or NULL */
	long off;            /* the report text in the spool */
	size_t len;
} cli_sweep_result;

/* Writes configuration i's report text (its part of the output) to f. */
typedef void cli_sweep_text_fn(FILE *f, size_t i, const iv_net *net,
			       const cli_analysis *x, void *ctx);

typedef struct cli_sweep_run {
	const cli_opts *o;
	size_t n;              /* configurations */
	iv_config *cfg;        /* n */
	double *need;          /* n: bytes of each, network and training */
	cli_sweep_result *res; /* n */
	size_t workers;        /* how many ran at once */
	FILE *spool;
} cli_sweep_run;

/* Expand o's sweep over o->cfg; check each configuration's memory against
 * o->cfg.max_memory. 0, or 2 with a one-line message in err. */
int cli_sweep_run_init(cli_sweep_run *r, const cli_opts *o, char *err,
		       size_t errlen);
/* Compute every configuration, text(f, i, ...) writing its report text.
 * 0, or 2 with a message (naming the configuration) on the first
 * failure. */
int cli_sweep_run_all(cli_sweep_run *r, cli_sweep_text_fn *text, void *ctx,
		      char *err, size_t errlen);
/* Copy configuration i's report text to f. 0, or -1 on an I/O error. */
int cli_sweep_run_copy(const cli_sweep_run *r, size_t i, FILE *f);
void cli_sweep_run_done(cli_sweep_run *r);

/* Processors not busy now: online ones less the 1-minute load average,
 * rounded, at least 1. */
size_t cli_idle_processors(void);

/* Jobs by default (--jobs=0) for r's configurations (after
 * cli_sweep_run_init): idle, but k jobs only when the largest
 * configuration's work (products and passes) is at most 1/k of the
 * total; at least 1. */
size_t cli_sweep_jobs(const cli_sweep_run *r, size_t idle);

#endif
