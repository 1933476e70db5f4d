/* SPDX-License-Identifier: MIT */
/* --report with --sweep: every configuration of the grid in one report
 * (docs/report.md, Sweeps). */
#ifndef IV_CLI_SWEEP_REPORT_H
#define IV_CLI_SWEEP_REPORT_H

#include <stdio.h>
#include "cli/opts.h"

/* Compute o's sweep (o->sweep.naxes > 0, o->cfg final), write the report
 * in o->format to out, the check lines (with --check) and any error (one
 * line) to err. Returns the exit status: 0, 1 (--check found a problem), 2
 * (bad input), or -1 on a write error on out. */
int cli_sweep_report(const cli_opts *o, FILE *out, FILE *err);

#endif
