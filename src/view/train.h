/* SPDX-License-Identifier: MIT */
/* Training in the view, without curses: the engine's trainer for the network
 * shown, the steps asked for (t) or a run (T), the loss history, and whether
 * the hidden weights have moved since step 0.
 *
 * Call order: tui_train_init(t, lr) once. Keys call tui_train_ask (one step)
 * and tui_train_toggle (run / pause). Whenever the network's statistics are
 * complete and tui_train_burst(t) > 0, tui_train_run(t, net, budget) takes
 * that many steps (at least one, fewer when budget seconds pass). The first
 * run allocates the trainer on net (borrowed: it must outlive the trainer)
 * and notes the weight statistics of step 0. Training changes net's weights
 * in place and leaves its statistics stale: the caller recomputes them
 * (iv_net_restart + iv_net_run) and then calls tui_train_note(t, net).
 * tui_train_reset(t) forgets the trainer and its history (the caller draws
 * the network again to get back the initial weights); tui_train_done(t) at
 * the end. */
#ifndef IV_VIEW_TRAIN_H
#define IV_VIEW_TRAIN_H

#include <stdbool.h>
#include <stddef.h>
#include <initviz/net.h>
#include <initviz/train.h>

#define TUI_TRAIN_OUTPUTS 4    /* readout size, the report's too */
#define TUI_LR_MIN        1e-6
#define TUI_LR_MAX        10.0
#define TUI_BURST_MAX     25 /* steps between two frames at most */
#define TUI_BURST_EVERY   50 /* a run takes one more step a frame per 50 */

typedef struct tui_train {
	iv_train *tr;  /* NULL until the first step */
	double lr;     /* of the next trainer; the current one's too */
	bool random_readout; /* likewise: a LeCun-normal readout */
	size_t queued; /* single steps asked for and not taken yet */
	bool running;  /* T: a burst between every two frames */
	iv_status st;  /* IV_OK, or why the last run failed */
	double *loss;  /* loss[k]: the loss after k updates, k < nloss */
	size_t nloss, cap;
	size_t depth;
	double *w0;   /* depth x 4: weight mean, rms, min, max at step 0 */
	size_t moved; /* layers whose weight statistics left step 0's */
	unsigned gen; /* the computation whose network tr trains */
} tui_train;

typedef enum {
	TUI_LR_LIMIT, /* at TUI_LR_MIN or TUI_LR_MAX already (or, set, the
			 same rate): unchanged */
	TUI_LR_SET,   /* changed; no step taken, nothing to undo */
	TUI_LR_RESET, /* changed, training forgotten: draw the weights again */
} tui_lr_result;

void tui_train_init(tui_train *t, double lr);
void tui_train_reset(tui_train *t); /* keeps lr; stops a run */
void tui_train_done(tui_train *t);
/* Forget a trainer whose network is gone: the computation is now gen. */
void tui_train_sync(tui_train *t, unsigned gen);

/* t: stop a run and ask for one more step. T: run or pause. */
void tui_train_ask(tui_train *t);
void tui_train_toggle(tui_train *t);
/* Multiply the learning rate by f, clamped to [TUI_LR_MIN, TUI_LR_MAX].
 * A trainer that has taken steps is forgotten (the loss curve of one rate
 * is not continued with another). */
tui_lr_result tui_train_scale_lr(tui_train *t, double f);
/* Set the learning rate to lr (> 0; the prompt checks the command line's
 * range), forgetting a trainer as above; TUI_LR_LIMIT when it is lr
 * already. */
tui_lr_result tui_train_set_lr(tui_train *t, double lr);

/* Steps the next run takes: the steps asked for, or during a run 1 more a
 * frame for every TUI_BURST_EVERY steps so far (the start, where most
 * happens, goes slowest); at most TUI_BURST_MAX; 0 when idle. */
size_t tui_train_burst(const tui_train *t);
iv_status tui_train_run(tui_train *t, iv_net *net, double budget);
/* Compare net's weight statistics (fresh) with step 0's. */
void tui_train_note(tui_train *t, const iv_net *net);

size_t tui_train_steps(const tui_train *t);
/* Whether there is anything to show: a trainer, steps asked for, a run. */
bool tui_train_active(const tui_train *t);
/* The loss at the current weights; NAN before the first step. */
double tui_train_loss(const tui_train *t);
/* The loss is no longer finite: the run stopped. */
bool tui_train_diverged(const tui_train *t);

#endif
