/* SPDX-License-Identifier: MIT */
/* Training: plain full-batch SGD of the network on a fixed toy regression
 * task, to watch symmetry persist or break.
 *
 * The task: targets Y = tanh(X A1^T) A2^T from a fixed random teacher
 * (16 hidden units, `outputs` outputs) on the net's own input batch X. The
 * student is the configured network plus a linear readout (outputs x n_L)
 * drawn by the same init scheme (or LeCun normal: random_readout); loss = 1/(2 batch) sum |Y_hat - Y|^2.
 *
 * Call order:
 *   tr = iv_train_alloc(net, &opts, &st);   net is borrowed, must outlive tr
 *   iv_train_step(tr);   forward, loss, backward, update of every W and b
 *   iv_train_loss(tr), iv_train_distinct(tr, l)   state *before* that update
 *   iv_train_update_ratio(tr, l), iv_train_grad_ratio(tr, l)   that update
 *   iv_train_evaluate(tr)                   the state after the last update
 * After steps the net's statistics are stale: iv_net_restart() + iv_net_run()
 * recompute them (with the probe gradient of docs/report.md) for display.
 * To reset, free both and allocate again from the same config. */
#ifndef INITVIZ_TRAIN_H
#define INITVIZ_TRAIN_H

#include <stdbool.h>
#include <stddef.h>
#include <initviz/net.h>

/* The learning rate when neither the command line nor a lesson gives one. */
#define IV_TRAIN_LR 0.05

typedef struct iv_train_opts {
	double lr;      /* learning rate, > 0 */
	size_t outputs; /* readout size, >= 1 */
	bool random_readout; /* readout from LeCun normal N(0, 1/n_L), whatever
	                      * the scheme: only the top is random */
} iv_train_opts;

typedef struct iv_train iv_train;

iv_train *iv_train_alloc(iv_net *net, const iv_train_opts *opts,
                         iv_status *st);
void iv_train_free(iv_train *tr); /* NULL is a no-op */

/* One SGD update. Loss and distinct neurons of the weights it started from
 * are kept for iv_train_loss / iv_train_distinct. */
iv_status iv_train_step(iv_train *tr);
/* Forward at the current weights: refresh loss and distinct neurons. */
iv_status iv_train_evaluate(iv_train *tr);

double iv_train_loss(const iv_train *tr);
size_t iv_train_distinct(const iv_train *tr, size_t l); /* 1..depth */
size_t iv_train_steps(const iv_train *tr);              /* updates so far */

/* Layer l's (1..depth) last update, relative to the weights it started
 * from: std(dW)/std(W) with dW = dloss/dW (grad ratio) and std(deltaW)/std(W)
 * with deltaW = -lr dW (update ratio, lr times the grad ratio); population
 * stds over every entry of the fan_out x fan_in matrix. NaN before the first
 * step and for l out of range; Inf (or NaN) when std(W) is 0. */
double iv_train_update_ratio(const iv_train *tr, size_t l);
double iv_train_grad_ratio(const iv_train *tr, size_t l);

#endif
