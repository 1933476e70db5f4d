/* SPDX-License-Identifier: MIT */
/* Training in the view, without curses: the engine's trainer for the network
 * shown, the steps asked for (t) or a run (T), the loss history, the
 * update-to-data ratios of a few layers per step, and whether the hidden
 * weights, the saturated fraction and the dead units have moved since
 * step 0.
 *
 * Call order: tui_train_init(t, lr) once. Keys call tui_train_ask (one step)
 * and tui_train_toggle (run / pause). Whenever the computation c is
 * complete, tui_train_run(t, c, budget) works for about budget seconds and
 * returns: steps go in bounded pieces (iv_train_advance, TUI_TRAIN_PIECE
 * units a call: the same numbers whatever the budget or the machine's
 * speed), so a caller answers keys between two calls even while one step
 * takes minutes. The first call allocates the trainer on c's network
 * (borrowed: it must outlive the trainer).
 *
 * The statistics shown (compute.h) are not recomputed after every step:
 * after steps a pass of the network recomputes them (bounded too), at once
 * when the steps asked for are done or the run pauses, and during a run
 * only when the steps since the last pass took TUI_TRAIN_PASS_SHARE times
 * as long as that pass did (the loss curve follows every step). The pass
 * ends with tui_compute_refreshed(c) and gives the loss at the current
 * weights.
 *
 * tui_train_reset(t) forgets the trainer and its history, abandoning a
 * step in progress (the caller draws the network again when
 * tui_train_touched said its weights moved); tui_train_done(t) at the
 * end. */
#ifndef IV_VIEW_TRAIN_H
#define IV_VIEW_TRAIN_H

#include <stdbool.h>
#include <stddef.h>
#include <initviz/net.h>
#include <initviz/train.h>
#include "view/compute.h"

#define TUI_TRAIN_OUTPUTS 4 /* readout size, the report's too */
#define TUI_LR_MIN        1e-6
#define TUI_LR_MAX        10.0
/* Work of one iv_train_advance call, in the engine's units (about a flop):
 * about 10 ms of products here, the engine's own step size. */
#define TUI_TRAIN_PIECE ((size_t)1 << 28)
/* During a run, a pass of the statistics once the steps since the last
 * took this many times as long as it did (most time goes to steps). */
#define TUI_TRAIN_PASS_SHARE 3.0
/* ...and at least this many seconds of steps apart (small networks). */
#define TUI_TRAIN_PASS_EVERY 0.2
/* Layers whose update ratios are kept per step, spread over the depth. */
#define TUI_RATIO_LAYERS 4

typedef struct tui_train {
	iv_train *tr;        /* NULL until the first step */
	double lr;           /* of the next trainer; the current one's too */
	bool random_readout; /* likewise: a LeCun-normal readout */
	size_t queued;       /* single steps asked for and not taken yet */
	bool running;        /* T: steps one after the other */
	iv_status st;        /* IV_OK, or why the last run failed */
	double *loss;        /* loss[k]: the loss after k updates, k < nloss */
	size_t nloss, cap;
	size_t depth;
	double *w0;   /* depth x 4: weight mean, rms, min, max at step 0 */
	size_t moved; /* layers whose weight statistics left step 0's */
	unsigned gen; /* the computation whose network tr trains */
	/* the work in progress */
	size_t piece;   /* units of an advance call: TUI_TRAIN_PIECE */
	bool watch;     /* steps measure the ratios (the strip shows them) */
	bool touched;   /* a step began since the last complete pass */
	bool pass;      /* a pass of the statistics is under way */
	bool fresh;     /* a pass just ended: the turn ends with it, so that
			 * a frame bins its matrices before a step moves them */
	double t_steps; /* seconds of steps since the last pass */
	double t_pass; /* seconds the last pass took (so far, while one runs) */
	/* ratios: for the layers rl[0..nrl-1], per step k (1..nratio) the
	 * update ratio and the gradient ratio of step k's update, at
	 * ratio[((k - 1) * nrl + i) * 2 + {0, 1}]; NaN: not watched */
	size_t rl[TUI_RATIO_LAYERS], nrl;
	double *ratio;
	size_t nratio, rcap;
	unsigned char *seen; /* seen[k - 1]: step k was watched */
	size_t scap;
	/* health over all layers, at step 0 and at the last pass: the
	 * fraction of activations saturated, of units dead */
	double sat0, dead0, sat, dead;
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
 * A trainer that has touched the weights is forgotten (the loss curve of
 * one rate is not continued with another). */
tui_lr_result tui_train_scale_lr(tui_train *t, double f);
/* Set the learning rate to lr (> 0; the prompt checks the command line's
 * range), forgetting a trainer as above; TUI_LR_LIMIT when it is lr
 * already. */
tui_lr_result tui_train_set_lr(tui_train *t, double lr);

/* Whether work waits: steps asked for or a run, a step in progress, a pass
 * due. */
bool tui_train_wants(const tui_train *t);
/* Work for about budget seconds on c's network (at least one piece);
 * true when anything changed. c must not be computing. */
bool tui_train_run(tui_train *t, tui_compute *c, double budget);
/* Compare the weight and health statistics shown with step 0's. */
void tui_train_note(tui_train *t, const tui_compute *c);

size_t tui_train_steps(const tui_train *t);
/* Whether there is anything to show: a trainer, steps asked for, a run. */
bool tui_train_active(const tui_train *t);
/* A step is in progress. */
bool tui_train_busy(const tui_train *t);
/* The weights may differ from the initial ones: steps taken or begun. */
bool tui_train_touched(const tui_train *t);
/* The last loss known: after the last pass, the current weights'; during
 * a run, the loss each step computed before its update. NAN before. */
double tui_train_loss(const tui_train *t);
/* The step whose weights that loss is of: the steps done after a pass,
 * one fewer while steps run (each computes the loss before it updates);
 * what the strip shows beside the loss, so the two always belong. */
size_t tui_train_loss_step(const tui_train *t);
/* The loss is no longer finite: the run stopped. */
bool tui_train_diverged(const tui_train *t);
/* Ratio of step k (1..tui_train_nratio) for the i-th kept layer
 * (0..nrl-1): grad false the update ratio std(dW)/std(W), true the
 * gradient ratio; NaN when that step was not watched or out of range. */
double tui_train_ratio(const tui_train *t, size_t k, size_t i, bool grad);
/* Whether step k (1..nratio) was watched: its ratios measured (a NaN
 * ratio of a watched step is the engine's: weights all equal, say). */
bool tui_train_watched(const tui_train *t, size_t k);

#endif
