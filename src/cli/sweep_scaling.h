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

typedef struct iv_width_group {
	size_t n;       /* configurations, by width ascending */
	size_t *member; /* n (a row of iv_width_scaling's members) */
	size_t depth;
	iv_slope *act;    /* depth: activation rms against width */
	iv_slope *change; /* depth: change in training; NULL without */
} iv_width_group;

typedef struct iv_width_scaling {
	size_t ngroups;     /* 0 when width is not swept */
	iv_width_group *g;
	size_t *group_of;   /* each configuration's group */
	size_t *members;    /* the groups' member lists, n x n */
} iv_width_scaling;

/* Fit every group of r (finished). 0, or -1 when out of memory. */
int iv_width_scaling_compute(iv_width_scaling *w, const iv_sweep_run *r);
void iv_width_scaling_done(iv_width_scaling *w);

/* The --check lines of the slopes: activations whose rms grows or shrinks
 * with width beyond IV_SLOPE_LIMIT, one line per group and direction.
 * Returns the number of problems. */
size_t iv_width_scaling_check(const iv_width_scaling *w,
                              const iv_sweep_run *r, FILE *err);

/* ",\n  \"width_scaling\": {...}" of configuration i's group (nothing when
 * width is not swept). */
void iv_width_scaling_json(FILE *f, const iv_width_scaling *w,
                           const iv_sweep_run *r, size_t i);

/* The table's block: per group, per layer (sampled), slope, standard
 * error, interval, verdict. */
void iv_width_scaling_table(FILE *f, const iv_width_scaling *w,
                            const iv_sweep_run *r);

#endif
