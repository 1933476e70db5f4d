/* SPDX-License-Identifier: MIT */
/* Training: plain full-batch SGD of the network on a fixed toy regression
 * task, to watch symmetry persist or break.
 *
 * The task: targets Y = tanh(X A1^T) A2^T from a fixed random teacher
 * (16 hidden units, `outputs` outputs) on the net's own input batch X. The
 * student is the configured network plus a linear readout (outputs x n_L)
 * drawn by the same init scheme (or LeCun normal: random_readout); loss = 1/(2
 * batch) sum |Y_hat - Y|^2.
 *
 * Call order:
 *   tr = iv_train_alloc(net, &opts, &st);   net is borrowed, must outlive tr
 *   iv_train_step(tr);   forward, loss, backward, update of every W and b
 *                        (none when the loss is not finite:
 *                        iv_train_stopped)
 *   iv_train_loss(tr), iv_train_distinct(tr, l)   state *before* that update
 *   iv_train_update_ratio(tr, l), iv_train_grad_ratio(tr, l)   that update
 *   iv_train_evaluate(tr)                   the state after the last update
 * or, a step in bounded pieces (a view between key reads):
 *   while ((st = iv_train_advance(tr, budget)) == IV_CONTINUE)
 *           ... poll keys ...
 * A step computes no statistics or histograms, and distinct neurons and
 * the update's ratios only while watched (iv_train_watch; on by default). After
 * steps the net's statistics are stale: iv_net_restart() + iv_net_run()
 * recompute them (with the probe gradient of docs/report.md) for display. While
 * a step is in progress the net is the trainer's: do not step, restart or read
 * it. To reset, free both and allocate again from the same config. */
#ifndef INITVIZ_TRAIN_H
#define INITVIZ_TRAIN_H

#include <stdbool.h>
#include <stddef.h>
#include <initviz/net.h>

/* The learning rate when neither the command line nor a lesson gives one. */
#define IV_TRAIN_LR 0.05

typedef struct iv_train_opts {
	double lr;           /* learning rate, > 0 */
	size_t outputs;      /* readout size, >= 1 */
	bool random_readout; /* readout from LeCun normal N(0, 1/n_L), whatever
			      * the scheme: only the top is random */
} iv_train_opts;

typedef struct iv_train iv_train;

iv_train *iv_train_alloc(iv_net *net, const iv_train_opts *opts, iv_status *st);
void iv_train_free(iv_train *tr); /* NULL is a no-op */

/* One SGD update. Loss and distinct neurons of the weights it started from
 * are kept for iv_train_loss / iv_train_distinct. Finishes a step that
 * iv_train_advance began. */
iv_status iv_train_step(iv_train *tr);
/* The same in pieces: at most budget units of work (about one flop each,
 * as iv_net_step's; at least one piece, a column of a product or a block
 * of entries), starting a step when none is in progress. IV_CONTINUE while
 * the step is unfinished, IV_OK when its update is done, an error
 * otherwise (the step is abandoned, the weights part-updated). The cut
 * depends on the configuration and budget only: the same budget gives the
 * same numbers. */
iv_status iv_train_advance(iv_train *tr, size_t budget);
bool iv_train_busy(const iv_train *tr); /* a step is in progress */
/* Count distinct neurons and the update's ratios in every step (true, the
 * default; the ratios cost one more product a layer), or distinct neurons
 * only in iv_train_evaluate and the ratios never (false): the last counts
 * and ratios are kept and go stale as steps go on. Watching never changes
 * the update: the numbers of a run do not depend on when it was watched. */
void iv_train_watch(iv_train *tr, bool on);
/* Forward at the current weights: refresh loss and distinct neurons
 * (always counted). IV_EINVAL while a step is in progress. */
iv_status iv_train_evaluate(iv_train *tr);

double iv_train_loss(const iv_train *tr);
/* The loss of the net's output as it stands: the readout on H_L as the
 * net's last forward pass left it (after steps, iv_net_restart +
 * iv_net_run give the current weights' H_L), with the readout's current
 * weights; iv_train_loss and the steps are left alone. Costs a readout
 * (batch x outputs x n_L), no pass through the layers. IV_EINVAL while a
 * step is in progress (H_L is the trainer's then). */
iv_status iv_train_output_loss(iv_train *tr, double *loss);
size_t iv_train_distinct(const iv_train *tr, size_t l); /* 1..depth */
size_t iv_train_steps(const iv_train *tr);              /* updates so far */
/* Whether the last step found the loss of the weights it started from not
 * finite (the output overflowed): such a step ends after the loss, takes
 * no update and does not count, so the net keeps the weights that
 * diverged (iv_train_loss is that loss, the ratios the update before).
 * Every later step stops the same way. False after an evaluation. */
bool iv_train_stopped(const iv_train *tr);

/* Layer l's (1..depth) last update, relative to the weights it started
 * from: std(dW)/std(W) with dW = dloss/dW (grad ratio) and std(deltaW)/std(W)
 * with deltaW = -lr dW (update ratio, lr times the grad ratio); population
 * stds over every entry of the fan_out x fan_in matrix. NaN before the first
 * step, for l out of range, and when the weights are all equal but for
 * rounding (std(W) at most 1e-12 of |mean(W)|, or 0): there is no spread to
 * compare the update with. */
double iv_train_update_ratio(const iv_train *tr, size_t l);
double iv_train_grad_ratio(const iv_train *tr, size_t l);

#endif
