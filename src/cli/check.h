/* SPDX-License-Identifier: MIT */
/* --check: is the initialized network healthy? One line per problem found.
 *
 * The criteria (documented in docs/initviz.1):
 *   activation std of the last layer vs the first: more than 10x apart;
 *   gradient (grad_activation) std of layer 1 vs layer L: more than 10x;
 *   a layer with more than half its activations saturated;
 *   a layer with more than IV_CHECK_DEAD of its units dead (zero on every
 *   sample: real, but not a symmetry);
 *   a layer whose live units are fewer distinct neurons than live units
 *   (the dead ones, all 0, count apart);
 *   a NaN or Inf in any statistic's matrix. */
#ifndef IV_CLI_CHECK_H
#define IV_CLI_CHECK_H

#include <stddef.h>
#include <stdio.h>
#include <initviz/net.h>

#define IV_CHECK_RATIO 10.0 /* largest healthy change of std over depth */
#define IV_CHECK_DEAD  0.5  /* largest healthy fraction of dead units */

/* Check layers ls[0..n-1] (layers 1..n, all passes done); write one line
 * "initviz: check: ..." per kind of problem to err (NULL: write nothing).
 * Returns the number of problems, 0 when healthy. */
size_t iv_check_layers(const iv_layer_stats *const *ls, size_t n, FILE *err);

/* The same for a finished network. */
size_t iv_check_net(const iv_net *net, FILE *err);

#endif
