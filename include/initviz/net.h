/* SPDX-License-Identifier: MIT */
/* The simulated network: allocate, then step forward and backward, then read
 * the per-layer statistics.
 *
 * Call order:
 *   net = iv_net_alloc(&cfg, &st);        allocates, draws the inputs
 *   while ((st = iv_net_step(net)) == IV_CONTINUE)
 *           ... poll keys, draw progress ...
 *   iv_net_layer(net, l)                  statistics of layer l (1..depth)
 *   iv_net_free(net);
 * A step does a bounded amount of work (a function of the configuration,
 * never of time) within one layer of the forward pass (1..L) or of the
 * backward pass (L..1): a small layer takes one step, a wide one many.
 * iv_net_run() does all steps. The net owns everything it returns. */
#ifndef INITVIZ_NET_H
#define INITVIZ_NET_H

#include <stdbool.h>
#include <stddef.h>
#include <initviz/config.h>
#include <initviz/stats.h>
#include <initviz/status.h>

#define IV_QUANTITY_LIST(X)                                                    \
	X(IV_Q_WEIGHTS, "weights")                                             \
	X(IV_Q_PREACT, "preactivation")                                        \
	X(IV_Q_ACT, "activation")                                              \
	X(IV_Q_GRAD_ACT, "grad_activation")                                    \
	X(IV_Q_GRAD_PREACT, "grad_preactivation")                              \
	X(IV_Q_GRAD_WEIGHTS, "grad_weights")

typedef enum {
#define IV_X(e, name) e,
	IV_QUANTITY_LIST(IV_X)
#undef IV_X
	IV_Q_COUNT
} iv_quantity;

#define IV_Q_BIT(q) (1u << (q))               /* a set of quantities */
#define IV_Q_ALL    ((1u << IV_Q_COUNT) - 1u) /* every one */

/* JSON/CSV name of a quantity, NULL when out of range. */
const char *iv_quantity_name(iv_quantity q);

typedef struct iv_layer_stats {
	size_t layer; /* 1..depth */
	size_t fan_in, fan_out;
	iv_stats q[IV_Q_COUNT];
	size_t distinct_neurons; /* distinct activation vectors over the batch */
	size_t dead_units;       /* units whose activation is 0 on every sample */
	double saturated;        /* fraction of activations outside the
	                            activation's saturation band (tables.h):
	                            |tanh| > 0.99, sigmoid < 0.01 or > 0.99 */
	double zero_fraction;    /* fraction of activations exactly 0 */
	iv_layer_kind kind;
	/* The stream h_l over the batch, per unit (channel): the average of
	 * the units' variances and of their means' squares (population);
	 * their sum is the mean of h_l^2. NaN when an entry is not finite. */
	double channel_variance, channel_mean_sq;
	bool forward_done, backward_done;
} iv_layer_stats;

typedef struct iv_net iv_net;

/* Validate cfg, estimate memory (IV_ETOOBIG over cfg->max_memory), allocate,
 * draw. Returns NULL and sets *st on failure. */
iv_net *iv_net_alloc(const iv_config *cfg, iv_status *st);
void iv_net_free(iv_net *net); /* NULL is a no-op */
/* As iv_net_free, but a large network's memory (64 MiB or more) is given
 * back to the system on a detached thread, so that the call returns at
 * once (a view answering a key). Not for the last free before exit: the
 * thread may still hold the memory then. */
void iv_net_free_later(iv_net *net);

/* The network of cfg, made from net, whose memory is used again:
 *  - cfg has net's shapes (depth, every width, batch, bins, retain): cfg's
 *    inputs and weights are drawn into net's memory and both passes start
 *    over; net itself is returned, and no page is allocated or faulted in
 *    (a view recomputing after a key);
 *  - other shapes: net's block of matrices is kept when cfg's fits in it
 *    (a sweep over same-sized or smaller networks), else grown or
 *    replaced; the rest of net is freed;
 *  - cfg invalid, or needing more than cfg->max_memory: NULL with *st set
 *    (as iv_net_alloc), and net is freed. A block over cfg->max_memory is
 *    not kept.
 * The numbers are those of iv_net_alloc(cfg, st), bit for bit. net NULL:
 * iv_net_alloc. Use the returned pointer, never net, afterwards. */
iv_net *iv_net_realloc(iv_net *net, const iv_config *cfg, iv_status *st);

/* Keep each layer's unit draws, and the starting gradient's, from now on
 * (through iv_net_realloc too): a configuration that changes only the
 * weights' scale (std, gain, another scheme of the same family) then takes
 * its weights from them by one multiplication instead of drawing again;
 * the same numbers, bit for bit. Costs the weights' memory once more: not
 * kept when that would pass cfg->max_memory, or memory is short. For a
 * view that recomputes on every key. */
void iv_net_keep_draws(iv_net *net, bool on);

/* Whether the statistics passes bin every quantity into its histogram
 * (iv_stats.hist; on by default, and kept through iv_net_realloc; never
 * for cfg->no_histograms, which keeps none, where filling them is
 * IV_EINVAL). A
 * caller that bins at ranges of its own (iv_net_bin: the view) turns them
 * off and, where it needs the network's own (a figure), asks for them with
 * iv_net_fill_histograms: the same counts, bit for bit, a pass over the
 * data later instead of one in every computation. */
void iv_net_histograms(iv_net *net, bool on);
/* Bin the quantities in the set qs (IV_Q_BIT, IV_Q_ALL) of the finished
 * layers whose histogram the passes left out (iv_stats.binned false) over
 * the range the passes use. Gradients need cfg->retain: IV_EINVAL, and
 * those histograms left out, otherwise. */
iv_status iv_net_fill_histograms(iv_net *net, unsigned qs);

/* Do one step of work. IV_CONTINUE while work remains, IV_OK when both
 * passes are done (and on every later call), an error code otherwise. */
iv_status iv_net_step(iv_net *net);
iv_status iv_net_run(iv_net *net);
/* iv_net_run, calling tick(ctx, iv_net_progress(net)) after each layer's
 * forward or backward pass: for a caller that shows how far a long run
 * has come (the report on a terminal). tick may be NULL. */
typedef void iv_net_tick_fn(void *ctx, double progress);
iv_status iv_net_run_ticking(iv_net *net, iv_net_tick_fn *tick, void *ctx);
/* Bring in the pages of the network's arrays now, on its threads: for a
 * caller about to run it whole (the report, a sweep), whose passes then
 * take no page faults. The kernel fills a range of pages faster than it
 * takes their faults one at a time (docs/performance.md). Once per block
 * of memory; a no-op where the system has no way to do it. The view does
 * not: a large network's pages come as its steps first write them, so
 * that no one step holds the screen for all of them. */
void iv_net_populate(iv_net *net);
/* For a caller that computes networks many times (the view, training):
 * measure now, once a process and in 1 to 2 ms, whether the threads may
 * do their runs of a product's parts in one call (src/engine/gemm.c), so
 * that every product may; a network run once measures only where its
 * products pay for it. The numbers are the same either way. */
void iv_net_expect_repeats(void);
/* Start both passes again with the same weights and inputs. */
void iv_net_restart(iv_net *net);
bool iv_net_done(const iv_net *net);
double iv_net_progress(const iv_net *net); /* 0 .. 1, within layers too */
/* The layer (1..depth) the next step works on, and in which pass; 0 once
 * done. */
size_t iv_net_position(const iv_net *net, bool *backward);

const iv_config *iv_net_config(const iv_net *net);
size_t iv_net_depth(const iv_net *net);
/* Statistics of layer l (1..depth); fields are valid once the pass that
 * fills them has reached the layer (forward_done, backward_done). */
const iv_layer_stats *iv_net_layer(const iv_net *net, size_t l);

/* Re-bin layer l's quantity q over [lo, hi) into bins counts. Weights,
 * pre-activations and activations always work; gradients need
 * cfg->retain (IV_EINVAL otherwise) and a finished backward pass. */
iv_status iv_net_bin(iv_net *net, size_t l, iv_quantity q, double lo,
                     double hi, size_t bins, double *counts);

/* One histogram for iv_net_bin_all: what iv_net_bin takes, and its status. */
typedef struct iv_bin_job {
	size_t layer;
	iv_quantity q;
	double lo, hi;
	size_t bins;
	double *counts;
	iv_status st;
} iv_bin_job;

/* iv_net_bin for each of jobs[0, n), the stored matrices (weights,
 * pre-activations, activations and their gradients) side by side on the
 * network's threads: the counts and statuses iv_net_bin gives. */
void iv_net_bin_all(iv_net *net, iv_bin_job *jobs, size_t n);

/* Read-only access to stored matrices (row-major): weights fan_out x fan_in,
 * pre-activations and activations batch x units. NULL when not stored, and
 * for weights until the forward pass has reached the layer (a layer's
 * weights are drawn by its first forward step, keeping steps short). */
const double *iv_net_data(const iv_net *net, size_t l, iv_quantity q,
                          size_t *rows, size_t *cols);

/* Count distinct columns of a rows x cols row-major matrix: columns equal to
 * within 1e-9 of the matrix's largest finite magnitude count once (BLAS may
 * round equal columns differently), NaN equals NaN. work must hold
 * IV_DISTINCT_WORK(cols) bytes. O(rows*cols + cols log cols). */
#define IV_DISTINCT_WORK(cols) ((cols) * 10 * sizeof(double))
size_t iv_distinct_columns(const double *a, size_t rows, size_t cols,
                           void *work);

#endif
