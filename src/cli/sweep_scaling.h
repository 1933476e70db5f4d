/* SPDX-License-Identifier: MIT */
/* Width scaling of a finished sweep: configurations that differ only in
 * width form a group; per group and layer, the log-log slope of the
 * activation rms against width (and of the activations' change in
 * training), the way a coordinate check is read. */
#ifndef IV_CLI_SWEEP_SCALING_H
#define IV_CLI_SWEEP_SCALING_H

#include <stddef.h>
#include <stdio.h>
#include "cli/scaling.h"
#include "cli/sweep_run.h"

typedef struct cli_width_group {
	size_t n;       /* configurations, by width ascending */
	size_t *member; /* n (a row of cli_width_scaling's members) */
	size_t depth;
	cli_slope *act;    /* depth: activation rms against width */
	cli_slope *change; /* depth: change in training; NULL without */
} cli_width_group;

typedef struct cli_width_scaling {
	size_t ngroups; /* 0 when width is not swept */
	cli_width_group *g;
	size_t *group_of; /* each configuration's group */
	size_t *members;  /* the groups' member lists, n x n */
} cli_width_scaling;

/* Fit every group of r (finished). 0, or -1 when out of memory. */
int cli_width_scaling_compute(cli_width_scaling *w, const cli_sweep_run *r);
void cli_width_scaling_done(cli_width_scaling *w);

/* The --check lines of the slopes: activations whose rms grows or shrinks
 * with width beyond CLI_SLOPE_LIMIT, one line per group and direction.
 * Returns the number of problems. */
size_t cli_width_scaling_check(const cli_width_scaling *w,
			       const cli_sweep_run *r, FILE *err);

/* ",\n  \"width_scaling\": {...}" of configuration i's group (nothing when
 * width is not swept). */
void cli_width_scaling_json(FILE *f, const cli_width_scaling *w,
			    const cli_sweep_run *r, size_t i);

/* The table's block: per group, per layer (sampled), slope, standard
 * error, interval, verdict. */
void cli_width_scaling_table(FILE *f, const cli_width_scaling *w,
			     const cli_sweep_run *r);

#endif
