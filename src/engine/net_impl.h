/* SPDX-License-Identifier: MIT */
/* Internal: the network's storage and stepping state, shared by storage
 * (net.c), the stepped passes (step.c) and training (train.c). */
#ifndef IV_ENGINE_NET_IMPL_H
#define IV_ENGINE_NET_IMPL_H

#include <stdbool.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_vector.h>
#include <initviz/net.h>
#include "stats_impl.h"

/* Work of one iv_net_step at most, in units of about one flop: a product
 * costs 2 flops per multiply-add, the other work the costs in step.c per
 * entry. A constant: how a network is cut into steps depends on its
 * configuration only, never on time. 2^28 is about 10 ms of dgemm here (a
 * product slice of 128 columns at width 4096, batch 256); smaller slices
 * spend more on BLAS packing its operands again (2^26: twice the time of
 * the whole product). (A single row, column or block over the bound, an
 * orthogonal draw, the distinct-neuron count, and statistics of data with
 * NaN, Inf or extreme magnitudes are done whole.) */
#define IV_STEP_WORK ((size_t)1 << 28)

/* Work per entry, in flops of a product (about 30 GFLOP/s here): a drawn
 * number, an entry through an activation or its derivative, an entry read
 * by a statistics pass, an entry of the distinct-neuron count. */
#define IV_COST_DRAW     ((size_t)256)
#define IV_COST_ELEM     ((size_t)128)
#define IV_COST_READ     ((size_t)32)
#define IV_COST_DISTINCT (3 * IV_COST_READ)
#define IV_COST_NORM     (2 * IV_COST_READ) /* two passes over a group */

/* Items of cost unit that fit in left (one at least when forced), at most
 * remaining. */
static inline size_t iv_fit(size_t left, size_t unit, size_t remaining,
			    bool forced)
{
	size_t k = unit ? left / unit : remaining;
	if (k == 0 && forced)
		k = 1;
	return k < remaining ? k : remaining;
}

/* Entries in whole blocks of par.h (the last may be short) that fit. */
size_t iv_fit_entries(size_t left, size_t cost, size_t remaining, bool forced);

/* Where the stepping is within a layer: phases in order, see step.c. */
typedef enum {
	IV_PH_DRAW,
	IV_PH_NORM_IN,
	IV_PH_BRANCH,
	IV_PH_PRODUCT,
	IV_PH_NORM,
	IV_PH_ACT,
	IV_PH_STATS_W,
	IV_PH_STATS_Z,
	IV_PH_STATS_H,
	IV_PH_STREAM,
	IV_PH_DISTINCT, /* forward */
	IV_PH_GRAD,
	IV_PH_STATS_G,
	IV_PH_BACKPROP,
	IV_PH_NORM_BACK,
	IV_PH_STATS_DZ,
	IV_PH_DW,
	IV_PH_STATS_DW,
	IV_PH_PREV,
	IV_PH_PREV_ACT,
	IV_PH_PREV_NORM, /* backward */
	IV_PH_END
} iv_phase;

struct iv_net {
	iv_config cfg;
	size_t L, B, maxn, maxw;
	size_t *n;      /* units, 0..L */
	gsl_matrix **W; /* 1..L: fan_out x fan_in */
	gsl_vector **b; /* 1..L */
	gsl_matrix **H; /* 0..L: batch x units; H[0] is the input */
	gsl_matrix **Z; /* 1..L */
	gsl_matrix **G; /* 1..L when retained, else NULL */
	gsl_matrix *
	    *A; /* 1..L: a residual block's phi(N(h_{l-1})), else NULL */
	double **mu, **is;   /* 1..L: the normalization's means and inverse
				stds per group (norm.h), NULL when none */
	unsigned char *kind; /* 1..L: iv_layer_kind */
	double alpha;        /* the residual blocks' scale */
	double *sums;        /* 2 maxn: per-unit sums (streams, batch norm) */
	double *gbuf[2]; /* g ping-pong when not retained; dz overwrites g */
	double *dz;      /* dz scratch when retained or residual, else NULL */
	double *dw;      /* scratch */
	void *work;      /* distinct-neuron keys */
	iv_part1 *p1[2]; /* first statistics pass, per block (par.h) */
	struct iv_pool *pool; /* the threads of every parallel pass */
	unsigned char *alive; /* IV_PAR_MAX x maxn: units seen nonzero */
	iv_layer_stats *ls;   /* 1..L */
	bool *drawn;          /* 1..L: weights and biases drawn yet */
	size_t *rows;         /* 1..L: rows of W drawn so far */
	gsl_rng *rng[3];      /* streams of the layers being drawn; g_L's */
	size_t slot[2];       /* layer whose stream rng[k] holds, 0 none */
	bool trained;         /* given to a trainer since the last draw: W and b
			       * may no longer be what cfg draws */
	/* unit draws kept (iv_net_keep_draws, draw.c): U[l] holds layer l's
	 * when u_ok[l], drawn with seed u_seed in family u_family; u_after[l]
	 * its stream after the weights (the biases come next); gtop g_L's
	 * numbers when g_ok */
	bool keep_draws;
	double *ublock; /* U and gtop, NULL when not kept */
	size_t ublock_bytes;
	gsl_matrix *U;  /* 1..L, headers over ublock */
	bool *u_ok;
	gsl_rng **u_after;
	int u_family;
	unsigned long u_seed;
	double *gtop;
	bool g_ok;
	double *arena; /* every W, b, H, Z, G and dw, dz, gbuf: one block */
	size_t arena_bytes;
	bool resident;    /* the arena's pages all in (iv_net_populate) */
	bool hist_off;    /* the passes bin no histogram (iv_net_histograms) */
	gsl_matrix *mats; /* their headers */
	gsl_vector *vecs;
	/* stepping (step.c) */
	size_t step;      /* layer steps done, 0..2L */
	iv_phase phase;   /* within the current layer step */
	size_t pos;       /* rows, columns or entries of the phase done */
	iv_stats_job job; /* the phase's statistics */
	size_t sat, zero; /* health counts of the forward pass so far */
	size_t budget;    /* work per step: IV_STEP_WORK (tests change it) */
	size_t done;      /* work of the last step */
	size_t layer_work,
	    layer_total; /* done and expected in this layer step */
};

/* Start over the unit draws kept for cfg (refill, allocation): make them
 * when kept and not made yet, forget them when the seed or the family
 * changed. Single-threaded. */
void iv_net_draws_prepare(iv_net *net);
void iv_net_draws_free(iv_net *net, bool away_ok);

/* Free a block of doubles; when away_ok, a large one (64 MiB or more) on a
 * detached thread of its own, since giving its pages back takes time in
 * proportion to the pages written and the caller may be answering a key. */
void iv_net_release(double *block, size_t bytes, bool away_ok);

/* Streams: 0 inputs, 1 starting gradient, l+1 layer l's weights and biases
 * (so a layer draws the same numbers whatever the depth or the order).
 * iv_net_draw_input draws the input batch H[0] (draw.c). */
iv_status iv_net_draw_input(iv_net *net);

/* Draw layer l's weights and biases unless done (the forward pass draws
 * them when it reaches the layer). iv_net_draw_rows draws rows up to upto
 * (and the biases after the last row); rows drawn in runs give the same
 * numbers as one draw. */
iv_status iv_net_draw_layer(iv_net *net, size_t l);
iv_status iv_net_draw_rows(iv_net *net, size_t l, size_t upto);

/* The passes of a layer, by kind (config.h). Forward:
 *   residual:   NORM_IN (iv_net_norm_run: moments of h_{l-1}, with a
 *               norm), BRANCH (A = phi(N(h_{l-1}))), product Z = A W^T,
 *               ACT (Z += b, H = h_{l-1} + alpha Z)
 *   plain:      product Z = H_{l-1} W^T, NORM (with a norm: Z += b and
 *               Z's moments), ACT (H = phi(N(Z)), bias first without one)
 *   projection: product, ACT (H = Z + b)
 * Backward, from g = dloss/dH_l:
 *   BACKPROP    dz = dloss/dZ: g phi'(Z) (plain, projection), g phi'(u)
 *               then NORM_BACK (plain with a norm), alpha g (residual)
 *   dW = dz^T input / B, input A (residual) or H_{l-1}
 *   PREV        g_{l-1} = dz W, and for a block then PREV_ACT (g_{l-1}
 *               phi'(u), plus g_l without a norm) and PREV_NORM (back
 *               through N, plus g_l). */
#define IV_KIND(net, l) ((iv_layer_kind)(net)->kind[l])

/* The matrix a layer's product reads: A_l for a block, else H_{l-1}. */
gsl_matrix *iv_net_input(const iv_net *net, size_t l);

/* Groups of layer l's normalization (norm.h; 0 when it has none). */
size_t iv_net_norm_groups(const iv_net *net, size_t l);
/* Groups [g0, g0 + k) of layer l's NORM_IN or NORM: moments into mu[l],
 * is[l]. Threads share the groups. */
void iv_net_norm_run(iv_net *net, size_t l, size_t g0, size_t k);

/* Entries [off, off + count) (off a multiple of IV_BLOCK) of a block's
 * BRANCH pass; with stats, the health counts of A. */
void iv_net_branch_run(iv_net *net, size_t l, size_t off, size_t count,
		       bool stats);

/* Entries [off, off + count) of layer l's ACT pass (off a multiple of
 * IV_BLOCK); with stats, the first statistics pass into p1 and, for
 * plain and projection layers, the health counts into net->sat, zero and
 * alive. */
void iv_net_act_run(iv_net *net, size_t l, size_t off, size_t count,
		    bool stats);

/* Entries [off, off + count) of layer l's BACKPROP pass from g into dz (dz
 * may be g except for a block, whose g_l is needed after); with stats, the
 * first statistics pass of dz into p1 (not for a normalized plain layer:
 * NORM_BACK still changes dz). Threads share the work. */
void iv_net_backprop_run(const iv_net *net, size_t l, const double *g,
			 double *dz, size_t off, size_t count, bool stats);
/* Whether BACKPROP leaves dz final (the first statistics pass is valid). */
bool iv_net_backprop_final(const iv_net *net, size_t l);
/* Groups [g0, g0 + k) of NORM_BACK (d = dz of a normalized plain layer)
 * or PREV_NORM (d = g_{l-1} of a block, add = g_l). */
void iv_net_norm_back_run(iv_net *net, size_t l, double *d, const double *add,
			  size_t g0, size_t k);
/* Entries [off, off + count) of a block's PREV_ACT: gp = gp phi'(u), plus
 * g when the block has no norm. */
void iv_net_prev_act_run(const iv_net *net, size_t l, const double *g,
			 double *gp, size_t off, size_t count);
/* Channels [g0, g0 + k) of the stream H_l: each unit's mean over the
 * batch into sums[j], its population variance into sums[n_l + j]. */
void iv_net_channel_run(iv_net *net, size_t l, size_t g0, size_t k);
/* The whole of dz from g for layer l (BACKPROP and NORM_BACK). */
void iv_net_dz(iv_net *net, size_t l, const double *g, double *dz);

/* Slices of layer l's products (BLAS; IV_EGSL on its error), with the
 * layer's input X (iv_net_input):
 *   fwd:  columns [pos, pos + k) of Z_l = X W_l^T
 *   dw:   rows [pos, pos + k) of out = alpha dz^T X + beta out
 *         (out n_l x n_{l-1}: the gradient scratch, or W_l for an update)
 *   prev: columns [pos, pos + k) of g = dz W_l (g batch x n_{l-1}) */
iv_status iv_net_fwd_slice(iv_net *net, size_t l, size_t pos, size_t k);
iv_status iv_net_dw_slice(iv_net *net, size_t l, const double *dz, double alpha,
			  double beta, double *out, size_t pos, size_t k);
iv_status iv_net_prev_slice(iv_net *net, size_t l, const double *dz, double *g,
			    size_t pos, size_t k);

#endif
