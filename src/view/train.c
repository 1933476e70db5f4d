/* SPDX-License-Identifier: MIT */
/* The training state machine: steps asked for, runs, loss history. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "view/clock.h"
#include "view/train.h"

void tui_train_init(tui_train *t, double lr)
{
	*t = (tui_train){.lr = lr > 0 && isfinite(lr) ? lr : IV_TRAIN_LR,
			 .st = IV_OK};
}

void tui_train_reset(tui_train *t)
{
	tui_train_done(t); /* leaves the fresh state, rate and readout kept */
}

void tui_train_done(tui_train *t)
{
	double lr = t->lr;
	bool rr = t->random_readout;
	iv_train_free(t->tr);
	free(t->loss);
	free(t->w0);
	*t = (tui_train){.lr = lr, .random_readout = rr, .st = IV_OK};
}

void tui_train_ask(tui_train *t)
{
	t->running = false;
	t->queued++;
}

void tui_train_toggle(tui_train *t)
{
	t->running = !t->running;
	t->queued = 0;
}

tui_lr_result tui_train_scale_lr(tui_train *t, double f)
{
	double lr = t->lr * f;
	lr = lr < TUI_LR_MIN ? TUI_LR_MIN : lr > TUI_LR_MAX ? TUI_LR_MAX : lr;
	if (f > 1 ? lr < t->lr : lr > t->lr) /* typed beyond the keys' range */
		return TUI_LR_LIMIT;
	return tui_train_set_lr(t, lr);
}

tui_lr_result tui_train_set_lr(tui_train *t, double lr)
{
	if (lr == t->lr)
		return TUI_LR_LIMIT;
	bool stepped = tui_train_steps(t) > 0;
	tui_train_reset(t);
	t->lr = lr;
	return stepped ? TUI_LR_RESET : TUI_LR_SET;
}

size_t tui_train_burst(const tui_train *t)
{
	size_t k = t->queued;
	if (!k && t->running)
		k = 1 + tui_train_steps(t) / TUI_BURST_EVERY;
	return k < TUI_BURST_MAX ? k : TUI_BURST_MAX;
}

/* Record the loss after k updates. */
static iv_status put_loss(tui_train *t, size_t k, double loss)
{
	if (k >= t->cap) {
		size_t cap = t->cap ? 2 * t->cap : 256;
		double *p = realloc(t->loss, cap * sizeof *p);
		if (!p)
			return IV_ENOMEM;
		t->loss = p;
		t->cap = cap;
	}
	t->loss[k] = loss;
	if (k >= t->nloss)
		t->nloss = k + 1;
	return IV_OK;
}

static void weight_stats(const iv_net *net, size_t l, double *out)
{
	const iv_stats *s = &iv_net_layer(net, l)->q[IV_Q_WEIGHTS];
	out[0] = s->mean;
	out[1] = s->rms;
	out[2] = s->min;
	out[3] = s->max;
}

/* The trainer, step 0's weights and loss. */
static iv_status start(tui_train *t, iv_net *net)
{
	iv_train_opts o = {.lr = t->lr, .outputs = TUI_TRAIN_OUTPUTS,
			   .random_readout = t->random_readout};
	iv_status st;
	t->depth = iv_net_depth(net);
	if (!(t->w0 = malloc(4 * t->depth * sizeof *t->w0)))
		return IV_ENOMEM;
	for (size_t l = 1; l <= t->depth; l++)
		weight_stats(net, l, t->w0 + 4 * (l - 1));
	if (!(t->tr = iv_train_alloc(net, &o, &st)))
		return st;
	if ((st = iv_train_evaluate(t->tr)) != IV_OK)
		return st;
	return put_loss(t, 0, iv_train_loss(t->tr));
}

static iv_status burst(tui_train *t, size_t want, double budget)
{
	double t0 = tui_clock_now();
	size_t done = 0;
	iv_status st;
	do {
		size_t k = iv_train_steps(t->tr);
		if ((st = iv_train_step(t->tr)) != IV_OK)
			return st;
		if ((st = put_loss(t, k, iv_train_loss(t->tr))) != IV_OK)
			return st;
		done++;
		t->queued -= t->queued > 0;
	} while (done < want && tui_clock_now() - t0 < budget);
	if ((st = iv_train_evaluate(t->tr)) != IV_OK)
		return st;
	return put_loss(t, iv_train_steps(t->tr), iv_train_loss(t->tr));
}

iv_status tui_train_run(tui_train *t, iv_net *net, double budget)
{
	size_t want = tui_train_burst(t);
	iv_status st = IV_OK;
	if (!want)
		return IV_OK;
	if (!t->tr && (st = start(t, net)) != IV_OK)
		tui_train_reset(t); /* nothing half made stays */
	if (st == IV_OK)
		st = burst(t, want, budget);
	t->st = st;
	if (st != IV_OK || tui_train_diverged(t)) {
		t->running = false;
		t->queued = 0;
	}
	return st;
}

static bool same(double a, double b)
{
	return a == b || (isnan(a) && isnan(b));
}

void tui_train_note(tui_train *t, const iv_net *net)
{
	double w[4];
	t->moved = 0;
	if (!t->w0)
		return;
	for (size_t l = 1; l <= t->depth && l <= iv_net_depth(net); l++) {
		weight_stats(net, l, w);
		const double *a = t->w0 + 4 * (l - 1);
		if (!same(a[0], w[0]) || !same(a[1], w[1]) ||
		    !same(a[2], w[2]) || !same(a[3], w[3]))
			t->moved++;
	}
}

size_t tui_train_steps(const tui_train *t)
{
	return t->tr ? iv_train_steps(t->tr) : 0;
}

bool tui_train_active(const tui_train *t)
{
	return t->tr || t->queued || t->running;
}

double tui_train_loss(const tui_train *t)
{
	return t->nloss ? t->loss[t->nloss - 1] : NAN;
}

bool tui_train_diverged(const tui_train *t)
{
	return t->nloss && !isfinite(t->loss[t->nloss - 1]);
}

void tui_train_sync(tui_train *t, unsigned gen)
{
	if (t->tr && t->gen != gen)
		tui_train_reset(t);
}
