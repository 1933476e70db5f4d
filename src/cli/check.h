/* SPDX-License-Identifier: MIT */
/* --check: is the initialized network healthy? One line per problem found.
 *
 * The criteria are the engine's (initviz/health.h, documented in
 * docs/initviz.1): activation std of the last layer against the first, and
 * gradient std of layer 1 against layer L, more than IV_HEALTH_RATIO apart;
 * a layer with more than half its activations saturated; a layer with more
 * than IV_HEALTH_DEAD of its units dead (zero on every sample: real, but
 * not a symmetry); a layer whose live units are fewer distinct neurons than
 * live units (the dead ones, all 0, count apart); a NaN or Inf in any
 * statistic's matrix; with training, a loss that is not finite. */
#ifndef IV_CLI_CHECK_H
#define IV_CLI_CHECK_H

#include <stddef.h>
#include <stdio.h>
#include <initviz/health.h>
#include <initviz/net.h>

/* Check layers ls[0..n-1] (layers 1..n, all passes done); write one line
 * "initviz: check: ..." per kind of problem to err (NULL: write nothing).
 * Returns the number of problems, 0 when healthy. */
size_t cli_check_layers(const iv_layer_stats *const *ls, size_t n, FILE *err);

/* The same for a finished network. */
size_t cli_check_net(const iv_net *net, FILE *err);

struct cli_analysis;
/* With training (--train-steps): one problem when the loss of the last
 * state is not finite (the rate or the initialization diverges), 0 else
 * and without training. */
size_t cli_check_training(const struct cli_analysis *x, FILE *err);

#endif
