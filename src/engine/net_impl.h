/* SPDX-License-Identifier: MIT */
/* Internal: the network's storage, shared by the passes (net.c) and training (train.c). */
#ifndef IV_ENGINE_NET_IMPL_H
#define IV_ENGINE_NET_IMPL_H

#include <stdbool.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_vector.h>
#include <initviz/net.h>
#include "stats_impl.h"

struct iv_net {
	iv_config cfg;
	size_t L, B, maxn, maxw;
	size_t *n;        /* units, 0..L */
	gsl_matrix **W;   /* 1..L: fan_out x fan_in */
	gsl_vector **b;   /* 1..L */
	gsl_matrix **H;   /* 0..L: batch x units; H[0] is the input */
	gsl_matrix **Z;   /* 1..L */
	gsl_matrix **G;   /* 1..L when retained, else NULL */
	double *gbuf[2];  /* g ping-pong when not retained; dz overwrites g */
	double *dz;       /* dz scratch when retained, else NULL */
	double *dw;       /* scratch */
	void *work;       /* distinct-neuron keys */
	iv_part1 *p1[2];  /* first statistics pass, per block (par.h) */
	unsigned char *alive; /* IV_PAR_MAX x maxn: units seen nonzero */
	iv_layer_stats *ls; /* 1..L */
	size_t step;        /* 0..2L */
	bool *drawn;        /* 1..L: weights and biases drawn yet */
};

/* Draw layer l's weights and biases unless done (the first forward step of
 * a layer draws them, so that a step stays a layer's worth of work). */
iv_status iv_net_draw_layer(iv_net *net, size_t l);

/* One layer's forward product and activation: Z[l] = H[l-1] W[l]^T + b[l],
 * H[l] = phi(Z[l]). No statistics. Draws the layer first if needed. */
iv_status iv_net_forward_layer(iv_net *net, size_t l);

#endif
