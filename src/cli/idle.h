/* SPDX-License-Identifier: MIT */
/* Options given on the command line that change nothing in what initviz
 * computes: --std with he-normal, --slope with tanh, --res-scale without
 * --residual, ... A script that gives one has likely a mistake worth a
 * warning (a sweep refuses the same knobs, sweep.c); lesson files and the
 * view's saved commands may carry such settings, so it is no error. */
#ifndef IV_CLI_IDLE_H
#define IV_CLI_IDLE_H

#include <stddef.h>
#include "cli/opts.h"

/* Each option o->given that does nothing with o's resolved settings (its
 * lesson's included), with why, joined by "; " into buf ("" when none):
 * "--std does nothing with --init=he-normal (std is used by normal,
 * uniform and trunc-normal)". Returns how many. */
size_t cli_idle_options(const cli_opts *o, char *buf, size_t len);

#endif
