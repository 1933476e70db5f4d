/* SPDX-License-Identifier: MIT */
/* The training state machine: steps asked for, runs, bounded pieces of
 * steps and of the statistics' passes, loss and ratio history. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <initviz/act.h>
#include "view/clock.h"
#include "view/train.h"

void tui_train_init(tui_train *t, double lr)
{
	*t = (tui_train){.lr = lr > 0 && isfinite(lr) ? lr : IV_TRAIN_LR,
			 .st = IV_OK,
			 .piece = TUI_TRAIN_PIECE};
}

void tui_train_reset(tui_train *t)
{
	tui_train_done(t); /* leaves the fresh state, rate and readout kept */
}

void tui_train_done(tui_train *t)
{
	double lr = t->lr;
	bool rr = t->random_readout;
	size_t piece = t->piece;
	iv_train_free(t->tr); /* a step in progress is abandoned with it */
	free(t->loss);
	free(t->w0);
	free(t->ratio);
	free(t->seen);
	*t = (tui_train){
	    .lr = lr, .random_readout = rr, .st = IV_OK, .piece = piece};
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
	bool moved = tui_train_touched(t);
	tui_train_reset(t);
	t->lr = lr;
	return moved ? TUI_LR_RESET : TUI_LR_SET;
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
	t->nloss = k + 1;
	return IV_OK;
}

/* Record step k's ratios (NaN when it was not watched). */
static iv_status put_ratios(tui_train *t, size_t k, bool watched)
{
	size_t per = 2 * t->nrl;
	if (k * per > t->rcap) {
		size_t cap = t->rcap ? 2 * t->rcap : 256 * per;
		double *p = realloc(t->ratio, cap * sizeof *p);
		if (!p)
			return IV_ENOMEM;
		t->ratio = p;
		t->rcap = cap;
	}
	if (k > t->scap) {
		size_t cap = t->scap ? 2 * t->scap : 256;
		unsigned char *q = realloc(t->seen, cap);
		if (!q)
			return IV_ENOMEM;
		t->seen = q;
		t->scap = cap;
	}
	t->seen[k - 1] = watched;
	double *r = t->ratio + (k - 1) * per;
	for (size_t i = 0; i < t->nrl; i++) {
		r[2 * i] =
		    watched ? iv_train_update_ratio(t->tr, t->rl[i]) : NAN;
		r[2 * i + 1] =
		    watched ? iv_train_grad_ratio(t->tr, t->rl[i]) : NAN;
	}
	t->nratio = k;
	return IV_OK;
}

bool tui_train_watched(const tui_train *t, size_t k)
{
	return k >= 1 && k <= t->nratio && t->seen[k - 1];
}

double tui_train_ratio(const tui_train *t, size_t k, size_t i, bool grad)
{
	if (k < 1 || k > t->nratio || i >= t->nrl)
		return NAN;
	return t->ratio[((k - 1) * t->nrl + i) * 2 + (grad ? 1 : 0)];
}

static void weight_stats(const iv_layer_stats *s, double *out)
{
	iv_stats_four(&s->q[IV_Q_WEIGHTS], out);
}

/* The fraction of all activations saturated and of all units dead (every
 * layer sees the same batch: a layer's activations weigh as its units). */
static void health(const tui_compute *c, size_t L, double *sat, double *dead)
{
	double s = 0, d = 0, n = 0;
	for (size_t l = 1; l <= L; l++) {
		const iv_layer_stats *ls = tui_compute_layer(c, l);
		s += ls->saturated * (double)ls->fan_out;
		d += (double)ls->dead_units;
		n += (double)ls->fan_out;
	}
	*sat = n > 0 ? s / n : NAN;
	*dead = n > 0 ? d / n : NAN;
}

/* The layers whose ratios are kept: all up to TUI_RATIO_LAYERS, else that
 * many spread evenly from the first to the last. */
static void ratio_layers(tui_train *t)
{
	size_t L = t->depth, n = L < TUI_RATIO_LAYERS ? L : TUI_RATIO_LAYERS;
	for (size_t i = 0; i < n; i++)
		t->rl[i] =
		    n == 1 ? 1 : 1 + (i * (L - 1) + (n - 1) / 2) / (n - 1);
	t->nrl = n;
}

/* The trainer, step 0's weights, health and loss: c's pass is complete. */
static iv_status start(tui_train *t, tui_compute *c)
{
	iv_train_opts o = {.lr = t->lr,
			   .outputs = TUI_TRAIN_OUTPUTS,
			   .random_readout = t->random_readout};
	iv_status st;
	double loss;
	t->depth = iv_net_depth(c->net);
	if (!(t->w0 = malloc(4 * t->depth * sizeof *t->w0)))
		return IV_ENOMEM;
	for (size_t l = 1; l <= t->depth; l++)
		weight_stats(tui_compute_layer(c, l), t->w0 + 4 * (l - 1));
	health(c, t->depth, &t->sat0, &t->dead0);
	t->sat = t->sat0;
	t->dead = t->dead0;
	ratio_layers(t);
	if (!(t->tr = iv_train_alloc(c->net, &o, &st)))
		return st;
	t->gen = c->gen;
	if ((st = iv_train_output_loss(t->tr, &loss)) != IV_OK)
		return st;
	return put_loss(t, 0, loss);
}

bool tui_train_wants(const tui_train *t)
{
	return t->queued || t->running || tui_train_busy(t) || t->pass ||
	       (t->tr && t->touched);
}

/* A pass is due now: steps were taken, and none more is asked for, or
 * during a run they have had their share of the time. */
static bool pass_due(const tui_train *t)
{
	if (!t->touched || tui_train_busy(t))
		return false;
	if (!t->queued && !t->running)
		return true;
	return t->t_steps >= TUI_TRAIN_PASS_SHARE * t->t_pass &&
	       t->t_steps >= TUI_TRAIN_PASS_EVERY;
}

/* A step ended: its loss (of the weights it started from) and ratios; or
 * it stopped at a loss that is not finite, with no update taken: the
 * loss of the weights as they stand, and no more steps. */
static iv_status stepped(tui_train *t, bool watched)
{
	size_t k = iv_train_steps(t->tr);
	if (iv_train_stopped(t->tr)) {
		t->running = false;
		t->queued = 0;
		return put_loss(t, k, iv_train_loss(t->tr));
	}
	iv_status st = put_loss(t, k - 1, iv_train_loss(t->tr));
	if (st == IV_OK)
		st = put_ratios(t, k, watched);
	t->queued -= t->queued > 0;
	if (tui_train_diverged(t)) {
		t->running = false;
		t->queued = 0;
	}
	return st;
}

/* A piece of the pass; at its end, what is shown and the current loss. */
static iv_status pass_piece(tui_train *t, tui_compute *c)
{
	double loss;
	iv_status st = iv_net_step(c->net);
	if (st == IV_CONTINUE)
		return st;
	t->pass = false;
	if (st != IV_OK)
		return st;
	t->touched = false;
	t->t_steps = 0;
	tui_compute_refreshed(c);
	t->gen = c->gen;
	tui_train_note(t, c);
	if ((st = iv_train_output_loss(t->tr, &loss)) != IV_OK)
		return st;
	return put_loss(t, iv_train_steps(t->tr), loss);
}

/* One piece of work: the pass, a step, or the start of one. IV_CONTINUE
 * when there is more to do now, IV_OK when there is nothing. */
static iv_status piece(tui_train *t, tui_compute *c)
{
	double t0 = tui_clock_now();
	iv_status st = IV_CONTINUE;
	if (t->pass) {
		st = pass_piece(t, c);
		t->t_pass += tui_clock_now() - t0;
		t->fresh = st == IV_OK;
		return st == IV_OK ? IV_CONTINUE : st; /* more: steps */
	}
	if (pass_due(t)) {
		t->pass = true; /* the step left the net restarted */
		t->t_pass = 0;
		return IV_CONTINUE;
	}
	if (!tui_train_busy(t)) {
		if (!t->queued && !t->running)
			return IV_OK;
		iv_train_watch(t->tr, t->watch);
		tui_compute_touch(c);
		t->touched = true;
	}
	bool watched = t->watch; /* set when this step began */
	st = iv_train_advance(t->tr, t->piece);
	t->t_steps += tui_clock_now() - t0;
	if (st == IV_OK)
		st = stepped(t, watched);
	return st == IV_OK ? IV_CONTINUE : st;
}

bool tui_train_run(tui_train *t, tui_compute *c, double budget)
{
	double t0 = tui_clock_now();
	iv_status st = IV_OK;
	bool did = false;
	if (!tui_train_wants(t) || !c->net || tui_compute_busy(c))
		return false;
	if (!t->tr && (st = start(t, c)) != IV_OK) {
		tui_train_reset(t); /* nothing half made stays */
		t->st = st;
		return true;
	}
	t->fresh = false;
	do {
		st = piece(t, c);
		did |= st != IV_OK;
	} while (st == IV_CONTINUE && !t->fresh &&
		 tui_clock_now() - t0 < budget);
	if (st != IV_OK && st != IV_CONTINUE) { /* stop; show what there is */
		t->st = st;
		t->running = false;
		t->queued = 0;
	}
	return did;
}

static bool same(double a, double b)
{
	return a == b || (isnan(a) && isnan(b));
}

void tui_train_note(tui_train *t, const tui_compute *c)
{
	double w[4];
	t->moved = 0;
	if (!t->w0 || !c->net)
		return;
	for (size_t l = 1; l <= t->depth && l <= iv_net_depth(c->net); l++) {
		weight_stats(tui_compute_layer(c, l), w);
		const double *a = t->w0 + 4 * (l - 1);
		if (!same(a[0], w[0]) || !same(a[1], w[1]) ||
		    !same(a[2], w[2]) || !same(a[3], w[3]))
			t->moved++;
	}
	health(c, t->depth, &t->sat, &t->dead);
}

size_t tui_train_steps(const tui_train *t)
{
	return t->tr ? iv_train_steps(t->tr) : 0;
}

bool tui_train_active(const tui_train *t)
{
	return t->tr || t->queued || t->running;
}

bool tui_train_busy(const tui_train *t)
{
	return t->tr && iv_train_busy(t->tr);
}

bool tui_train_touched(const tui_train *t)
{
	return t->touched || tui_train_steps(t) > 0;
}

size_t tui_train_loss_step(const tui_train *t)
{
	return t->nloss ? t->nloss - 1 : 0;
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
