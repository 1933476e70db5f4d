/* SPDX-License-Identifier: MIT */
/* A layer's health: the thresholds that --check, the report and the view
 * judge a layer's statistics by, in one place.
 *
 * A layer has a problem (--check reports it, the view draws it as a
 * warning) when more than half its activations are saturated, more than
 * half its units are dead, its live units compute fewer distinct functions
 * than there are of them, or a statistic saw NaN or Inf. A network has one when
 * the std of its activations (first layer against last) or of its gradients
 * (last against first) changes by more than IV_HEALTH_RATIO over depth. The
 * view also marks a layer whose outputs are mostly exactly 0, and any dead
 * unit. */
#ifndef INITVIZ_HEALTH_H
#define INITVIZ_HEALTH_H

#include <stdbool.h>
#include <initviz/net.h>

#define IV_HEALTH_RATIO     10.0 /* largest healthy change of std over depth */
#define IV_HEALTH_SATURATED 0.5  /* fraction of saturated activations */
#define IV_HEALTH_DEAD      0.5  /* fraction of dead units */
#define IV_HEALTH_ZERO      0.9  /* fraction of activations exactly 0 */
#define IV_HEALTH_STREAM    1.5  /* growth of a stream's mean square a block */
#define IV_HEALTH_BLOCKS    4    /* blocks it takes to judge that growth */

/* More than IV_HEALTH_SATURATED of the activations saturated. */
bool iv_health_saturated(const iv_layer_stats *s);
/* More than IV_HEALTH_DEAD of the units dead. */
bool iv_health_dead(const iv_layer_stats *s);
/* More than IV_HEALTH_ZERO of the activations exactly 0. */
bool iv_health_zero(const iv_layer_stats *s);
/* Fewer distinct neurons than units: units compute the same function (the
 * view marks it; dead units, all 0, count as one). */
bool iv_health_collapsed(const iv_layer_stats *s);
/* Dead units all output 0 and count as one distinct neuron: the live units
 * (not dead) and their distinct neurons (the distinct count less that
 * one). A problem when the live units are fewer distinct neurons than live
 * units: a symmetry (--check); never for a layer whose activations hold
 * NaN or Inf, whose count compares those columns alike. */
size_t iv_health_live_units(const iv_layer_stats *s);
size_t iv_health_live_distinct(const iv_layer_stats *s);
bool iv_health_symmetric(const iv_layer_stats *s);
/* Some statistic of the layer saw a NaN or an Inf. */
bool iv_health_nonfinite(const iv_layer_stats *s);
/* A residual stream that grows exponentially: over the n layers' residual
 * blocks (IV_HEALTH_BLOCKS of them at least), the mean square of the
 * stream (channel variance + squared channel means) grows by more than
 * IV_HEALTH_STREAM a block on average, from the layer before the first
 * block to the last block. Linear growth (normalized branches, a small
 * alpha) is not: 50 normalized He + relu blocks grow 1.07x a block. The
 * average factor goes to *growth (NAN when there are too few blocks),
 * the number of blocks to *blocks. */
bool iv_health_stream_explodes(const iv_layer_stats *const *ls, size_t n,
			       double *growth, size_t *blocks);

/* Whether a std going from a to b stays within IV_HEALTH_RATIO either way
 * (both 0 counts as within; a NaN or Inf is judged elsewhere: within). */
bool iv_health_ratio_ok(double a, double b);

#endif
