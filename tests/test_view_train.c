/* SPDX-License-Identifier: MIT */
/* The teaching parts of the view without curses: the training state machine
 * on a real network, lesson navigation and "modified", and saving the
 * screen's text to a new file. */
#include <check.h>
#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <errno.h>
#include <initviz/net.h>
#include <initviz/theory.h>
#include "figure/figure.h"
#include "view/lessons.h"
#include "view/ratios.h"
#include "view/save.h"
#include "view/savefig.h"
#include "view/text.h"
#include "view/train.h"
#include "view_testutil.h"

#define LEN(a) (sizeof(a) / sizeof((a)[0]))

static tui_compute comp;
static tui_train tr;
static iv_net *twin;       /* the same network, trained by the engine alone */
static iv_train *twin_tr;

static iv_config small(iv_init_kind init, size_t depth, size_t width)
{
	iv_config c;
	iv_config_defaults(&c);
	c.init = init;
	c.depth = depth;
	c.width = width;
	c.batch = 32;
	return c;
}

/* The view's computation of c, its first pass complete. */
static void compute(const iv_config *c)
{
	tui_compute_init(&comp);
	tui_compute_start(&comp, c);
	ck_assert_ptr_nonnull(comp.net);
	while (tui_compute_run(&comp, 10.0))
		;
	ck_assert_int_eq(comp.st, IV_OK);
	ck_assert(comp.have_shown && tui_compute_readable(&comp));
}

static void make(iv_init_kind init, size_t depth)
{
	iv_config c = small(init, depth, 16);
	compute(&c);
}

/* The same configuration's network and an engine trainer on it. */
static void make_twin(const iv_config *c, double lr, bool watch)
{
	iv_status st;
	iv_train_opts o = {.lr = lr, .outputs = TUI_TRAIN_OUTPUTS};
	twin = iv_net_alloc(c, &st);
	ck_assert_ptr_nonnull(twin);
	ck_assert_int_eq(iv_net_run(twin), IV_OK);
	twin_tr = iv_train_alloc(twin, &o, &st);
	ck_assert_ptr_nonnull(twin_tr);
	iv_train_watch(twin_tr, watch);
}

static void teardown(void)
{
	tui_train_done(&tr);
	tui_compute_done(&comp);
	iv_train_free(twin_tr);
	iv_net_free(twin);
	twin_tr = NULL;
	twin = NULL;
}

/* Work as the loop does, budget seconds a turn, until nothing is wanted
 * (a run: for turns turns); the number of turns. */
static size_t drive(double budget, size_t turns)
{
	size_t n = 0;
	while (tui_train_wants(&tr) && (!tr.running || n < turns)) {
		tui_train_run(&tr, &comp, budget);
		n++;
	}
	return n;
}

START_TEST(idle_until_asked)
{
	/* given a new state, then nothing to do, no trainer, NAN loss */
	make(IV_INIT_XAVIER_NORMAL, 2);
	tui_train_init(&tr, 0);
	ck_assert(tr.lr == IV_TRAIN_LR); /* 0: the default */
	ck_assert(!tui_train_wants(&tr));
	ck_assert(!tui_train_run(&tr, &comp, 1.0));
	ck_assert_ptr_null(tr.tr);
	ck_assert(!tui_train_active(&tr));
	ck_assert(isnan(tui_train_loss(&tr)));
}
END_TEST

START_TEST(asked_steps_are_taken_once)
{
	/* given 3 asks, when worked off, then 3 steps, 4 losses (step 0 too),
	 * none asked any more, a pass made: the loss at the trained weights
	 * is what an evaluation says */
	make(IV_INIT_XAVIER_NORMAL, 2);
	tui_train_init(&tr, 0.05);
	unsigned gen = comp.gen;
	for (int i = 0; i < 3; i++)
		tui_train_ask(&tr);
	drive(10.0, 0);
	ck_assert_uint_eq(tui_train_steps(&tr), 3);
	ck_assert_uint_eq(tr.nloss, 4);
	ck_assert_uint_eq(tr.queued, 0);
	ck_assert(!tui_train_wants(&tr));
	ck_assert(comp.gen != gen && tui_compute_readable(&comp));
	ck_assert_int_eq(iv_train_evaluate(tr.tr), IV_OK);
	ck_assert_msg(fabs(iv_train_loss(tr.tr) - tui_train_loss(&tr)) <=
			  1e-12 * tui_train_loss(&tr),
		      "%.17g vs %.17g", iv_train_loss(tr.tr),
		      tui_train_loss(&tr));
	ck_assert(tr.loss[0] > tr.loss[3]); /* a sensible init learns */
	ck_assert_uint_eq(tr.moved, 2);
	/* the strip's step is the loss's: after the pass, the steps done */
	ck_assert_uint_eq(tui_train_loss_step(&tr), 3);
}
END_TEST

START_TEST(a_pass_ends_the_turn_during_a_run)
{
	/* given a run, when a turn with time to spare ends a pass of the
	 * statistics, then no step has moved the weights since: the frame
	 * drawn after the turn bins the histograms of the statistics it
	 * shows (the rows stayed blank for a whole run when the turn went on
	 * stepping) */
	make(IV_INIT_XAVIER_NORMAL, 2);
	tui_train_init(&tr, 0.05);
	tui_train_toggle(&tr);
	ck_assert(tr.running);
	int passes = 0;
	for (int turn = 0; turn < 2000 && passes < 3; turn++) {
		unsigned gen = comp.gen;
		tui_train_run(&tr, &comp, 10.0);
		if (comp.gen != gen) {
			passes++;
			ck_assert_msg(tui_compute_readable(&comp),
				      "pass %d: stepped on after it", passes);
		}
	}
	ck_assert_int_eq(passes, 3);
	tui_train_toggle(&tr);
	drive(10.0, 0);
}
END_TEST

START_TEST(the_loss_shown_belongs_to_the_step_shown)
{
	/* given a run, when a step has ended but no pass has evaluated the
	 * weights it left, then the loss known is the one that step computed
	 * before its update: the step shown with it is the one before */
	make(IV_INIT_XAVIER_NORMAL, 2);
	tui_train_init(&tr, 0.05);
	tui_train_ask(&tr);
	tui_train_ask(&tr);
	size_t turns = 0;
	while (tui_train_steps(&tr) < 1 && turns++ < 1000)
		tui_train_run(&tr, &comp, 0);
	ck_assert_uint_eq(tui_train_steps(&tr), 1);
	ck_assert(!tr.pass || tr.nloss == 1);
	ck_assert_uint_eq(tui_train_loss_step(&tr), 0);
	/* the loss at the initial weights, as an evaluation gives it */
	iv_train_opts o = {.lr = 0.05, .outputs = 4};
	iv_status st;
	iv_net *again = iv_net_alloc(iv_net_config(comp.net), &st);
	ck_assert_ptr_nonnull(again);
	ck_assert_int_eq(iv_net_run(again), IV_OK);
	iv_train *ev = iv_train_alloc(again, &o, &st);
	ck_assert_ptr_nonnull(ev);
	ck_assert_int_eq(iv_train_evaluate(ev), IV_OK);
	ck_assert_msg(fabs(iv_train_loss(ev) - tui_train_loss(&tr)) <=
			  1e-12 * iv_train_loss(ev),
		      "%.17g vs %.17g", iv_train_loss(ev), tui_train_loss(&tr));
	iv_train_free(ev);
	iv_net_free(again);
	/* and when the run ends, its pass: step 2 and the loss after it */
	drive(10.0, 0);
	ck_assert_uint_eq(tui_train_loss_step(&tr), 2);
	ck_assert_uint_eq(tui_train_steps(&tr), 2);
}
END_TEST

/* The largest relative difference between the weights of a and b; 0:
 * the same bits (both are finite here). */
static double weight_diff(const iv_net *a, const iv_net *b)
{
	double worst = 0;
	for (size_t l = 1; l <= iv_net_depth(a); l++) {
		size_t r, c;
		const double *wa = iv_net_data(a, l, IV_Q_WEIGHTS, &r, &c);
		const double *wb = iv_net_data(b, l, IV_Q_WEIGHTS, NULL, NULL);
		for (size_t i = 0; i < r * c; i++)
			if (wa[i] != wb[i])
				worst = fmax(worst, fabs(wa[i] - wb[i]) /
							fmax(fabs(wa[i]), 1e-300));
	}
	return worst;
}

START_TEST(steps_in_pieces_are_whole_steps)
{
	/* given the view's training in pieces of 2^15 units (width 48, batch
	 * 32, 3 layers: a product is 2 x 32 x 48 x 48 = 147456 units, so
	 * every product is cut), a twin the engine steps in pieces of the
	 * same size with nothing in between, and a network of the same
	 * configuration the engine trains in whole steps */
	const size_t piece = (size_t)1 << 15;
	iv_config c = small(IV_INIT_XAVIER_NORMAL, 3, 48);
	compute(&c);
	make_twin(&c, 0.05, true);
	iv_net *whole;
	iv_train *whole_tr;
	iv_status st;
	iv_train_opts o = {.lr = 0.05, .outputs = TUI_TRAIN_OUTPUTS};
	ck_assert_ptr_nonnull(whole = iv_net_alloc(&c, &st));
	ck_assert_int_eq(iv_net_run(whole), IV_OK);
	ck_assert_ptr_nonnull(whole_tr = iv_train_alloc(whole, &o, &st));
	tui_train_init(&tr, 0.05);
	tr.piece = piece;
	/* when all take 6 steps, the view a piece a turn (budget 0) with a
	 * pass of the statistics on the same network after each step, the
	 * ratios watched on odd steps only */
	for (int k = 0; k < 6; k++) {
		tr.watch = k % 2;
		tui_train_ask(&tr);
		size_t turns = drive(0, 0);
		while ((st = iv_train_advance(twin_tr, piece)) == IV_CONTINUE)
			;
		ck_assert_int_eq(st, IV_OK);
		ck_assert_int_eq(iv_train_step(whole_tr), IV_OK);
		/* then many turns a step; each step's loss and the weights
		 * after it are the pieced engine's, bit for bit, and whole
		 * steps' to rounding (BLAS may round a slice of a product
		 * other than the whole, and training carries the difference
		 * on: the weights differed by up to 5.8e-13 with libm's exp
		 * in tanh', 1.1e-12 with the engine's own, both at step 2) */
		ck_assert_msg(turns > 3 * 4, "%zu turns", turns);
		ck_assert_msg(tr.loss[k] == iv_train_loss(twin_tr),
			      "step %d: loss %.17g vs %.17g", k + 1, tr.loss[k],
			      iv_train_loss(twin_tr));
		ck_assert_msg(weight_diff(comp.net, twin) == 0,
			      "step %d: weights differ by %g", k + 1,
			      weight_diff(comp.net, twin));
		ck_assert(fabs(tr.loss[k] - iv_train_loss(whole_tr)) <=
			  1e-12 * tr.loss[k]);
		ck_assert_msg(weight_diff(comp.net, whole) <= 2e-12,
			      "step %d: %g", k + 1, weight_diff(comp.net, whole));
	}
	ck_assert_uint_eq(tui_train_steps(&tr), 6);
	/* and the loss after the last step is the evaluation's */
	ck_assert_int_eq(iv_train_evaluate(twin_tr), IV_OK);
	ck_assert(fabs(tui_train_loss(&tr) - iv_train_loss(twin_tr)) <=
		  1e-12 * tui_train_loss(&tr));
	iv_train_free(whole_tr);
	iv_net_free(whole);
}
END_TEST

START_TEST(a_run_passes_less_often_than_it_steps)
{
	/* given a run on a network whose steps take a few milliseconds, when
	 * it runs for 200 turns of 5 ms, then it took steps back to back,
	 * and passes of the statistics only every TUI_TRAIN_PASS_EVERY
	 * seconds or so: far fewer than the steps */
	iv_config c = small(IV_INIT_XAVIER_NORMAL, 4, 64);
	compute(&c);
	tui_train_init(&tr, 0.01);
	tui_train_toggle(&tr);
	unsigned gen = comp.gen;
	drive(0.005, 200);
	size_t steps = tui_train_steps(&tr), passes = comp.gen - gen;
	ck_assert(tr.running);
	ck_assert_msg(steps >= 20 && passes < steps / 4, "%zu steps, %zu passes",
		      steps, passes);
	/* the loss curve has every step, the last from the last step */
	ck_assert_uint_ge(tr.nloss, steps);
	/* when it pauses, then one pass brings what is shown up to date */
	tui_train_toggle(&tr);
	ck_assert(tui_train_wants(&tr) || tui_compute_readable(&comp));
	drive(1.0, 0);
	ck_assert(tui_compute_readable(&comp) && !tr.touched);
	ck_assert_uint_eq(tr.nloss, tui_train_steps(&tr) + 1);
}
END_TEST

START_TEST(a_step_in_progress_is_abandoned)
{
	/* given a step cut into pieces and half done, when reset, then no
	 * trainer, no history, and the weights count as touched before the
	 * reset (the caller draws the network again) */
	iv_config c = small(IV_INIT_XAVIER_NORMAL, 3, 48);
	compute(&c);
	tui_train_init(&tr, 0.05);
	tr.piece = (size_t)1 << 15;
	tui_train_ask(&tr);
	for (int i = 0; i < 5; i++)
		tui_train_run(&tr, &comp, 0);
	ck_assert(tui_train_busy(&tr));
	ck_assert_uint_eq(tui_train_steps(&tr), 0);
	ck_assert(tui_train_touched(&tr));
	ck_assert(!tui_compute_readable(&comp));
	tui_train_reset(&tr);
	ck_assert_ptr_null(tr.tr);
	ck_assert(!tui_train_wants(&tr) && !tui_train_touched(&tr));
	ck_assert_uint_eq(tr.nloss, 0);
	ck_assert(tr.piece == (size_t)1 << 15);
}
END_TEST

START_TEST(zeros_leave_the_hidden_weights_alone)
{
	/* given zeros and tanh, when 20 steps, then no layer's weight
	 * statistics moved, and every weight is still exactly 0 */
	make(IV_INIT_ZEROS, 3);
	tui_train_init(&tr, 0.5);
	for (int i = 0; i < 20; i++)
		tui_train_ask(&tr);
	drive(10.0, 0);
	ck_assert_uint_eq(tui_train_steps(&tr), 20);
	ck_assert_uint_eq(tr.moved, 0);
	for (size_t l = 1; l <= 3; l++) {
		size_t r, c;
		const double *w = iv_net_data(comp.net, l, IV_Q_WEIGHTS, &r, &c);
		for (size_t i = 0; i < r * c; i++)
			ck_assert(w[i] == 0);
	}
}
END_TEST

/* The symmetry demo improvised from the defaults: --init=constant at its
 * default value, T at the default rate. */
START_TEST(improvised_symmetry_demo_keeps_units_identical)
{
	iv_config c;
	iv_config_defaults(&c);
	c.init = IV_INIT_CONSTANT;
	compute(&c);
	iv_net *net = comp.net;
	/* then nothing saturates and the gradients are alive at step 0 */
	for (size_t l = 1; l <= c.depth; l++) {
		const iv_layer_stats *s = iv_net_layer(net, l);
		ck_assert_msg(s->saturated < 0.01, "layer %zu: sat %g", l,
		              s->saturated);
		ck_assert_msg(s->q[IV_Q_GRAD_ACT].std > 0.01 &&
		              s->q[IV_Q_ACT].std > 0.01, "layer %zu: h %g, "
		              "dL/dh %g", l, s->q[IV_Q_ACT].std,
		              s->q[IV_Q_GRAD_ACT].std);
	}
	/* when T runs 60 steps at the default rate, then pauses */
	tui_train_init(&tr, IV_TRAIN_LR);
	tui_train_toggle(&tr);
	while (tui_train_steps(&tr) < 60 && !tui_train_diverged(&tr))
		drive(0.05, 1);
	if (tr.running)
		tui_train_toggle(&tr);
	drive(10.0, 0);
	/* then the loss is finite and lower, the weights moved, and every
	 * layer's units are still one function */
	ck_assert(!tui_train_diverged(&tr));
	ck_assert_double_lt(tui_train_loss(&tr), tr.loss[0]);
	ck_assert_uint_eq(tr.moved, c.depth);
	for (size_t l = 1; l <= c.depth; l++) {
		const iv_layer_stats *s = iv_net_layer(net, l);
		ck_assert_uint_eq(s->distinct_neurons, 1);
		ck_assert_msg(s->saturated < 0.01, "layer %zu: sat %g after "
		              "training", l, s->saturated);
	}
}
END_TEST

START_TEST(divergence_stops_the_run)
{
	/* given a learning rate far too large, when running, then the loss
	 * stops being finite, the run stops and nothing more is asked */
	make(IV_INIT_NORMAL, 2);
	tui_train_init(&tr, TUI_LR_MAX);
	tui_train_toggle(&tr);
	drive(0.01, 2000);
	ck_assert(tui_train_diverged(&tr));
	ck_assert(!tr.running);
	ck_assert(!tui_train_wants(&tr));
}
END_TEST

START_TEST(learning_rate_keys)
{
	/* given no step yet, then halving just sets; after a step, changing
	 * it forgets the trainer; at the limits nothing changes */
	make(IV_INIT_XAVIER_NORMAL, 1);
	tui_train_init(&tr, 0.05);
	ck_assert_int_eq(tui_train_scale_lr(&tr, 0.5), TUI_LR_SET);
	ck_assert(tr.lr == 0.025);
	tui_train_ask(&tr);
	drive(1.0, 0);
	ck_assert_int_eq(tui_train_scale_lr(&tr, 2), TUI_LR_RESET);
	ck_assert(tr.lr == 0.05);
	ck_assert_ptr_null(tr.tr);
	ck_assert_uint_eq(tr.nloss, 0);
	tr.lr = TUI_LR_MAX;
	ck_assert_int_eq(tui_train_scale_lr(&tr, 2), TUI_LR_LIMIT);
	ck_assert(tr.lr == TUI_LR_MAX);
	tr.lr = TUI_LR_MIN * 1.5;
	ck_assert_int_eq(tui_train_scale_lr(&tr, 0.5), TUI_LR_SET);
	ck_assert(tr.lr == TUI_LR_MIN);
	ck_assert_int_eq(tui_train_scale_lr(&tr, 0.5), TUI_LR_LIMIT);
}
END_TEST

/* --- the ratio strip --- */

START_TEST(strip_cells_are_the_engines_ratios)
{
	/* given 30 layers (4 kept: 1, 11, 20, 30) trained by the view with
	 * the strip watched and by the engine on a twin */
	iv_config c = small(IV_INIT_XAVIER_NORMAL, 30, 16);
	compute(&c);
	make_twin(&c, 0.05, true);
	tui_train_init(&tr, 0.05);
	tr.watch = true;
	static const size_t kept[] = {1, 11, 20, 30};
	double want[12][4][2];
	for (int k = 0; k < 12; k++) {
		tui_train_ask(&tr);
		drive(1.0, 0);
		ck_assert_int_eq(iv_train_step(twin_tr), IV_OK);
		for (size_t i = 0; i < 4; i++) {
			want[k][i][0] = iv_train_update_ratio(twin_tr, kept[i]);
			want[k][i][1] = iv_train_grad_ratio(twin_tr, kept[i]);
		}
	}
	ck_assert_uint_eq(tr.nrl, 4);
	for (size_t i = 0; i < 4; i++) {
		ck_assert_uint_eq(tr.rl[i], kept[i]);
		/* then with a column per step each cell is log10 of that
		 * step's ratio (the update ratio lr times the gradient's) */
		for (int k = 0; k < 12; k++)
			for (int g = 0; g < 2; g++) {
				double v = tui_ratio_column(&tr, i, k, 20, g);
				ck_assert(isfinite(want[k][i][g]));
				ck_assert_msg(v == log10(want[k][i][g]),
					      "layer %zu step %d: %.17g vs %.17g",
					      kept[i], k + 1, v,
					      log10(want[k][i][g]));
				ck_assert(fabs(log10(want[k][i][0]) -
					       log10(0.05 * want[k][i][1])) <
					  1e-12);
			}
		ck_assert(isnan(tui_ratio_column(&tr, i, 12, 20, false)));
		ck_assert(tui_ratio_last(&tr, i, true) == log10(want[11][i][1]));
		/* and squeezed into 5 columns, column 2 is the mean log10
		 * of steps 5 to 7 (12 steps: 2*12/5 = 4 .. 3*12/5 = 7) */
		double m = (log10(want[4][i][0]) + log10(want[5][i][0]) +
			    log10(want[6][i][0])) / 3;
		ck_assert(fabs(tui_ratio_column(&tr, i, 2, 5, false) - m) <
			  1e-12);
	}
}
END_TEST

/* The saturated fraction and the dead units of net over all its layers,
 * weighted by their units, as the training strip counts them. */
static void net_health(const iv_net *n, size_t L, double *sat, double *dead)
{
	double s = 0, d = 0, u = 0;
	for (size_t l = 1; l <= L; l++) {
		const iv_layer_stats *ls = iv_net_layer(n, l);
		s += ls->saturated * (double)ls->fan_out;
		d += (double)ls->dead_units;
		u += (double)ls->fan_out;
	}
	*sat = s / u;
	*dead = d / u;
}

static const struct {
	iv_init_kind init;
	iv_act_kind act;
	double std;
} healths[] = {
	{IV_INIT_NORMAL, IV_ACT_TANH, 1.0},     /* 60% saturated */
	{IV_INIT_NORMAL, IV_ACT_RELU, 0.5},     /* dead units */
	{IV_INIT_HE_NORMAL, IV_ACT_RELU, 0.01},
};

START_TEST(health_is_named_as_it_changes)
{
	/* given 8 layers of 32 trained 4 steps at 0.05 by the view, and the
	 * engine's twin before and after the same steps */
	iv_config c = small(healths[_i].init, 8, 32);
	c.act = healths[_i].act;
	c.std = healths[_i].std;
	c.batch = 64;
	compute(&c);
	make_twin(&c, 0.05, false);
	double sat0, dead0, sat, dead;
	net_health(twin, c.depth, &sat0, &dead0);
	tui_train_init(&tr, 0.05);
	for (int k = 0; k < 4; k++) {
		tui_train_ask(&tr);
		ck_assert_int_eq(iv_train_step(twin_tr), IV_OK);
	}
	drive(1.0, 0);
	ck_assert_int_eq(iv_net_run(twin), IV_OK);
	net_health(twin, c.depth, &sat, &dead);
	/* then step 0's fractions are the initial network's, the ones shown
	 * the trained twin's */
	ck_assert_msg(fabs(tr.sat0 - sat0) < 1e-15 && tr.dead0 == dead0,
		      "step 0: sat %g dead %g, want %g %g", tr.sat0, tr.dead0,
		      sat0, dead0);
	ck_assert_msg(fabs(tr.sat - sat) < 1e-9 && fabs(tr.dead - dead) < 1e-9,
		      "step 4: sat %g dead %g, want %g %g", tr.sat, tr.dead,
		      sat, dead);
	if (c.act == IV_ACT_TANH) {
		/* the one that saturates moves in 4 steps */
		ck_assert(sat0 > 0.5 && tr.sat != tr.sat0);
		ck_assert(tr.dead == 0);
	} else {
		ck_assert(tr.sat == 0 && tr.sat0 == 0);
		ck_assert(c.init != IV_INIT_NORMAL || dead0 > 0);
	}
}
END_TEST

START_TEST(unwatched_steps_are_gaps)
{
	/* given 2 watched steps, then 2 not watched, then 1 watched: the
	 * unwatched columns have no value and say they were not measured
	 * (the others, and those past the last step, do not), the last value
	 * is the fifth step's */
	make(IV_INIT_XAVIER_NORMAL, 2);
	tui_train_init(&tr, 0.05);
	ck_assert(!tui_ratio_any_unwatched(&tr));
	for (int k = 0; k < 5; k++) {
		tr.watch = k < 2 || k == 4;
		tui_train_ask(&tr);
		drive(1.0, 0);
		ck_assert(tui_ratio_any_unwatched(&tr) == (k >= 2));
	}
	for (size_t i = 0; i < tr.nrl; i++) {
		for (int k = 0; k < 10; k++) {
			double v = tui_ratio_column(&tr, i, k, 10, false);
			bool gap = k == 2 || k == 3;
			ck_assert(gap == (k < 5 && isnan(v)));
			ck_assert(tui_ratio_column_unwatched(&tr, k, 10) == gap);
			ck_assert(tui_train_watched(&tr, (size_t)k + 1) ==
				  (k < 5 && !gap));
		}
		ck_assert(tui_ratio_last(&tr, i, false) ==
			  tui_ratio_column(&tr, i, 4, 10, false));
	}
	/* squeezed into 2 columns (steps 1-2, 3-5), each has a watched step */
	ck_assert(!tui_ratio_column_unwatched(&tr, 0, 2));
	ck_assert(!tui_ratio_column_unwatched(&tr, 1, 2));
	/* x forgets them */
	tui_train_reset(&tr);
	ck_assert(!tui_ratio_any_unwatched(&tr));
}
END_TEST

static const struct {
	double v;
	int level;
	bool healthy;
} levels[] = {
    /* the nearest decade: -3.3 and -2.6 take the healthy -3 glyph the
     * legend shows, -2.4 and -3.6 the next */
    {NAN, 0, false},  {-INFINITY, 1, false}, {-9, 1, false},
    {-6.6, 1, false}, {-6.5, 2, false},      {-4.5, 4, false},
    {-4, 4, true},    {-3.6, 4, true},       {-3.3, 5, true},
    {-3, 5, true},    {-2.6, 5, true},       {-2.4, 6, true},
    {-2, 6, true},    {-1.5, 7, false},      {-0.6, 7, false},
    {-0.5, 8, false}, {0, 8, false},         {3, 8, false},
    {INFINITY, 8, false},
};

/* c computed, then one watched training step of it asked for; steps: the
 * steps it took (0 when the loss was not finite: no update). */
static void one_watched_step(const iv_config *c, size_t steps)
{
	compute(c);
	tui_train_init(&tr, 0.05);
	tr.watch = true;
	tui_train_ask(&tr);
	drive(1.0, 0);
	ck_assert_uint_eq(tui_train_steps(&tr), steps);
}

START_TEST(no_ratio_says_why)
{
	/* given weights all equal (zeros), a step has no ratio and the strip
	 * may say the weights are all equal; given weights drawn with std
	 * 1e200, the loss overflows, so the step takes no update and there is
	 * no ratio either, but the weights are far from equal: the strip must
	 * not say they are */
	iv_config c = small(IV_INIT_ZEROS, 2, 16);
	one_watched_step(&c, 1);
	for (size_t i = 0; i < tr.nrl; i++) {
		ck_assert(isnan(tui_ratio_last(&tr, i, false)));
		ck_assert(tui_ratio_weights_equal(&tr, i));
	}
	tui_train_done(&tr);
	tui_compute_done(&comp);
	c = small(IV_INIT_NORMAL, 2, 16);
	c.std = 1e200;
	one_watched_step(&c, 0);
	ck_assert(tui_train_diverged(&tr));
	for (size_t i = 0; i < tr.nrl; i++) {
		ck_assert(isnan(tui_ratio_last(&tr, i, false)));
		ck_assert(!tui_ratio_weights_equal(&tr, i));
	}
}
END_TEST

START_TEST(ratio_levels_are_the_nearest_decades)
{
	ck_assert_int_eq(tui_ratio_level(levels[_i].v), levels[_i].level);
	ck_assert(tui_ratio_healthy(levels[_i].v) == levels[_i].healthy);
}
END_TEST

START_TEST(ratio_texts_are_whole)
{
	/* every log10 ratio a double can give reads whole in the column and
	 * back to within its last digit: "-164", not "-164." */
	char b[32];
	for (double v = -650; v <= 650; v += 0.37) {
		tui_ratio_text(v, b, sizeof b);
		ck_assert_msg((int)strlen(b) <= TUI_RATIO_TEXT_W, "%g: %s", v,
			      b);
		ck_assert_msg(b[strlen(b) - 1] != '.', "%g: %s", v, b);
		ck_assert_msg(fabs(atof(b) - v) <= (fabs(v) < 99.95 ? 0.05 : 0.5),
			      "%g: %s", v, b);
	}
	ck_assert_str_eq(tui_ratio_text(-2.94, b, sizeof b), "-2.9");
	ck_assert_str_eq(tui_ratio_text(-164.0, b, sizeof b), "-164");
	ck_assert_str_eq(tui_ratio_text(NAN, b, sizeof b), "-");
	/* a ratio of 0, as after every tanh saturated: a word, as the
	 * report's table writes it, not a log10 of -inf */
	ck_assert_str_eq(tui_ratio_text(-INFINITY, b, sizeof b), "zero");
}
END_TEST

/* --- lessons --- */

static iv_lesson les[3];
static iv_lesson_set set = {.v = les, .n = 3, .cap = 3};
static tui_model m;
static tui_lessons tl;

static void lesson_setup(void)
{
	iv_config c;
	iv_config_defaults(&c);
	c.width = 16;
	c.batch = 32;
	for (size_t i = 0; i < 3; i++) {
		les[i] = (iv_lesson){.ntext = 1};
		snprintf(les[i].title, sizeof les[i].title, "lesson %zu", i);
		les[i].cfg = c;
		les[i].cfg.depth = 2 + i;
	}
	les[2].cfg.act = IV_ACT_RELU;
	c.depth = 7;
	tui_model_init(&m, &c);
	tui_lessons_init(&tl, &set, 0);
}

START_TEST(lessons_step_through_and_stop_at_the_ends)
{
	/* given no lesson, when ., then lesson 1's configuration; . . reaches
	 * 3; another . says it is the last; , , , back to 1 and no further */
	ck_assert_ptr_null(tui_lessons_current(&tl));
	ck_assert(tui_lessons_go(&tl, &m, +1));
	ck_assert_uint_eq(tl.cur, 1);
	ck_assert(tl.shown);
	ck_assert_uint_eq(m.cfg.depth, 2);
	ck_assert_int_eq(m.cfg.retain, 1); /* the view's needs stay */
	ck_assert(tui_lessons_go(&tl, &m, +1) && tui_lessons_go(&tl, &m, +1));
	ck_assert_uint_eq(m.cfg.depth, 4);
	ck_assert_int_eq(m.cfg.act, IV_ACT_RELU);
	ck_assert(!tui_lessons_go(&tl, &m, +1));
	ck_assert(strstr(m.msg, "last"));
	ck_assert_uint_eq(tl.cur, 3);
	ck_assert(tui_lessons_go(&tl, &m, -1) && tui_lessons_go(&tl, &m, -1));
	ck_assert(!tui_lessons_go(&tl, &m, -1));
	ck_assert(strstr(m.msg, "first"));
	ck_assert_uint_eq(m.cfg.depth, 2);
	/* , from no lesson starts at the last */
	tui_lessons_init(&tl, &set, 0);
	ck_assert(tui_lessons_go(&tl, &m, -1));
	ck_assert_uint_eq(tl.cur, 3);
}
END_TEST

START_TEST(leaving_a_lesson_keeps_its_settings)
{
	/* given lesson 2, when the depth changes, then it is still lesson 2,
	 * modified, with the new depth; 0 returns to the lesson's settings */
	tui_lessons_init(&tl, &set, 2);
	ck_assert(tl.shown);
	ck_assert(tui_lessons_go(&tl, &m, -1) && tui_lessons_go(&tl, &m, +1));
	ck_assert(!tui_lessons_modified(&tl, &m.cfg));
	ck_assert(tui_model_depth(&m, +1));
	ck_assert_uint_eq(tl.cur, 2);
	ck_assert(tui_lessons_modified(&tl, &m.cfg));
	ck_assert_uint_eq(m.cfg.depth, 4);
	ck_assert(tui_model_reset(&m));
	ck_assert(!tui_lessons_modified(&tl, &m.cfg));
	ck_assert_uint_eq(m.cfg.depth, 3);
}
END_TEST

START_TEST(a_lesson_too_big_is_refused)
{
	/* given a memory limit the lesson exceeds, then . refuses and the
	 * current lesson and configuration stay */
	m.max_memory = 1e5;
	les[0].cfg.width = 4096;
	ck_assert(!tui_lessons_go(&tl, &m, +1));
	ck_assert_uint_eq(tl.cur, 0);
	ck_assert_uint_eq(m.cfg.depth, 7);
	ck_assert(strstr(m.msg, "memory"));
	/* and without lessons, a notice */
	tui_lessons_init(&tl, NULL, 1);
	ck_assert_uint_eq(tl.cur, 0);
	ck_assert(!tui_lessons_go(&tl, &m, +1));
	ck_assert(strstr(m.msg, "no lessons"));
}
END_TEST

/* Each field the command line sets, changed: never the same. */
static void change(iv_config *c, int k)
{
	switch (k) {
	case 0: c->init = IV_INIT_ZEROS; break;
	case 1: c->std *= 2; break;
	case 2: c->value += 1; break;
	case 3: c->gain *= 2; break;
	case 4: c->mode = IV_MODE_FAN_OUT; break;
	case 5: c->bias = 0.1; break;
	case 6: c->bias_std = 0.1; break;
	case 7: c->act = IV_ACT_RELU; break;
	case 8: c->slope = 0.2; break;
	case 9: c->depth++; break;
	case 10: c->width++; break;
	case 11: c->batch++; break;
	case 12: c->input = IV_INPUT_POSITIVE; break;
	case 13: c->seed++; break;
	case 14: c->nwidths = 2, c->widths[0] = 3, c->widths[1] = 4; break;
	case 15: c->norm = IV_NORM_BATCH; break;
	case 16: c->residual = !c->residual; break;
	case 17: c->res_scale = 0.5; break;
	default: break;
	}
}

START_TEST(config_same_sees_every_setting)
{
	iv_config a, b;
	iv_config_defaults(&a);
	b = a;
	b.max_memory = 1e9; /* not settings of the network */
	b.retain = 1;
	b.bins = 7;
	ck_assert(tui_lessons_config_same(&a, &b));
	b = a;
	change(&b, _i);
	ck_assert_msg(!tui_lessons_config_same(&a, &b), "field %d", _i);
}
END_TEST

/* --- saving --- */

static char dir[] = "/tmp/initviz-save-XXXXXX";
static bool dir_made; /* by the first save test */

/* Entries of d other than "." and "..". */
static int entries(const char *d)
{
	DIR *h = opendir(d);
	struct dirent *e;
	int n = 0;
	while (h && (e = readdir(h)))
		n += strcmp(e->d_name, ".") && strcmp(e->d_name, "..");
	if (h)
		closedir(h);
	return n;
}

START_TEST(handout_has_the_command_first_and_no_key_bar)
{
	/* given a screen of three rows, the last the key bar, when made a
	 * handout, then the command, "initviz VERSION, DATE", a blank line
	 * and the rows but the bar */
	time_t when = 86400 * 365;
	struct tm tm;
	char date[32], want[256];
	size_t len;
	localtime_r(&when, &tm);
	strftime(date, sizeof date, "%Y-%m-%d %H:%M:%S", &tm);
	char *h = tui_save_handout("initviz --lesson=2", "9.9", when,
				   "top\nmiddle\nq Quit\n", 2, &len);
	ck_assert_ptr_nonnull(h);
	snprintf(want, sizeof want,
		 "initviz --lesson=2\ninitviz 9.9, %s\n\ntop\nmiddle\n", date);
	ck_assert_str_eq(h, want);
	ck_assert_uint_eq(len, strlen(want));
	free(h);
	/* no row skipped; a last row without a newline is kept */
	h = tui_save_handout("initviz", "9.9", when, "a\nb", -1, &len);
	ck_assert_ptr_nonnull(h);
	ck_assert_ptr_nonnull(strstr(h, "\n\na\nb"));
	ck_assert_uint_eq(len, strlen(h));
	free(h);
}
END_TEST

START_TEST(save_never_overwrites)
{
	/* given a fixed time, when saved three times, then the plain name,
	 * -1 and -2, each with its own text; a file made by someone else
	 * under the next name is left alone; no temporary file remains */
	char path[4096], err[256], want[4096], *s;
	time_t when = 86400 * 365;
	struct tm tm;
	char stamp[32];
	ck_assert_ptr_nonnull(mkdtemp(dir));
	dir_made = true;
	localtime_r(&when, &tm);
	strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
	ck_assert_int_eq(tui_save_text(dir, when, "one\n", 4, path, sizeof path,
				       err, sizeof err),
			 0);
	snprintf(want, sizeof want, "%s/" TUI_SAVE_PREFIX "%s.txt", dir, stamp);
	ck_assert_str_eq(path, want);
	ck_assert_int_eq(tui_save_text(dir, when, "two\n", 4, path, sizeof path,
				       err, sizeof err),
			 0);
	snprintf(want, sizeof want, "%s/" TUI_SAVE_PREFIX "%s-1.txt", dir,
		 stamp);
	ck_assert_str_eq(path, want);
	snprintf(want, sizeof want, "%s/" TUI_SAVE_PREFIX "%s-2.txt", dir,
		 stamp);
	FILE *f = fopen(want, "w");
	fputs("theirs\n", f);
	fclose(f);
	ck_assert_int_eq(tui_save_text(dir, when, "three\n", 6, path,
				       sizeof path, err, sizeof err),
			 0);
	ck_assert(strstr(path, "-3.txt"));
	ck_assert_str_eq(s = tut_slurp(want), "theirs\n");
	free(s);
	snprintf(want, sizeof want, "%s/" TUI_SAVE_PREFIX "%s.txt", dir, stamp);
	ck_assert_str_eq(s = tut_slurp(want), "one\n");
	free(s);
	ck_assert_str_eq(s = tut_slurp(path), "three\n");
	free(s);
	ck_assert_int_eq(entries(dir), 4);
}
END_TEST

START_TEST(save_errors_name_the_directory)
{
	/* given a directory that does not exist, then -1 and a message that
	 * names it; given ".", the path is the bare name */
	char path[4096] = "", err[256] = "";
	ck_assert_int_eq(tui_save_text("/nonexistent/dir", 0, "x", 1, path,
				       sizeof path, err, sizeof err),
			 -1);
	ck_assert(strstr(err, "/nonexistent/dir"));
	ck_assert_str_eq(path, "");
	ck_assert_int_eq(chdir(dir), 0);
	ck_assert_int_eq(
	    tui_save_text(".", 0, "x", 1, path, sizeof path, err, sizeof err),
	    0);
	ck_assert(strncmp(path, TUI_SAVE_PREFIX, strlen(TUI_SAVE_PREFIX)) == 0);
	ck_assert(!strchr(path, '/'));
	setenv("INITVIZ_SAVE_DIR", "", 1);
	ck_assert_str_eq(tui_save_dir(), ".");
	setenv("INITVIZ_SAVE_DIR", dir, 1);
	ck_assert_str_eq(tui_save_dir(), dir);
}
END_TEST

/* A directory under dir whose path is len bytes long (components of at
 * most 200 bytes, each the letter c repeated), made; its path in buf. */
static void long_dir(char *buf, size_t size, size_t len, char c)
{
	ck_assert_uint_lt(len, size);
	size_t n = (size_t)snprintf(buf, size, "%s", dir);
	while (n < len) {
		size_t k = len - n - 1 < 200 ? len - n - 1 : 200;
		if (len - n - 1 - k > 0 && len - n - 1 - k < 2)
			k -= 2; /* leave room for one more "/x" */
		buf[n++] = '/';
		memset(buf + n, c, k);
		n += k;
		buf[n] = '\0';
		ck_assert_msg(mkdir(buf, 0700) == 0, "mkdir at %zu bytes", n);
	}
	ck_assert_uint_eq(strlen(buf), len);
}

START_TEST(save_refuses_names_too_long)
{
	/* given directories whose paths leave no room for the file's name
	 * (4064 bytes: the temporary name fits, the final one does not;
	 * 4080: neither), then -1 with "File name too long", no file left,
	 * never a file under a name cut short */
	static const size_t lens[] = {4064, 4080};
	char path[4096] = "", err[256] = "", d[4096];
	for (size_t i = 0; i < 2; i++) { /* dir: made by the first test */
		long_dir(d, sizeof d, lens[i], (char)('d' + i));
		ck_assert_int_eq(tui_save_text(d, 0, "x\n", 2, path,
					       sizeof path, err, sizeof err),
				 -1);
		ck_assert_msg(strstr(err, "File name too long"), "%s", err);
		ck_assert_int_eq(entries(d), 0);
		*strrchr(d, '/') = '\0';
		ck_assert_int_eq(entries(d), 1); /* only the long directory */
	}
}
END_TEST

/* --- the figure beside a saved screen --- */

/* The figure --format=svg writes of net with theory and cmd, in memory. */
static char *report_figure(const iv_net *net, const iv_theory_layer *th,
			   const char *cmd)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(iv_figure_net_svg(f, net, th, cmd), 0);
	ck_assert_int_eq(fclose(f), 0);
	return buf;
}

/* The numbers an SVG draws (data-value attributes), in order: how many,
 * at most max into v. */
static size_t drawn_values(const char *svg, double *v, size_t max)
{
	static const char key[] = "data-value=\"";
	size_t n = 0;
	for (const char *p = svg; (p = strstr(p, key)); n++) {
		p += sizeof key - 1;
		if (n < max)
			v[n] = strtod(p, NULL);
	}
	return n;
}

static char figdir[] = "/tmp/initviz-fig-XXXXXX";

/* A new empty file dir/name; its path in path. */
static void touch(const char *name, const char *text, char *path, size_t n)
{
	snprintf(path, n, "%s/%s", figdir, name);
	FILE *f = fopen(path, "wx");
	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	ck_assert_int_eq(fclose(f), 0);
}

START_TEST(figure_is_the_reports_beside_the_text)
{
	/* given the view's computation of a tanh network (its gradients
	 * kept, as the view keeps them) and the engine's own network of the
	 * same configuration with its predictions */
	iv_config c = small(IV_INIT_XAVIER_NORMAL, 6, 16);
	c.retain = 1;
	compute(&c);
	make_twin(&c, 0.05, false);
	iv_theory_layer th[6];
	iv_theory *t = iv_theory_alloc();
	ck_assert_ptr_nonnull(t);
	ck_assert_int_eq(iv_theory_layers(t, &c, th), IV_OK);
	iv_theory_free(t);
	ck_assert_ptr_nonnull(mkdtemp(figdir));
	char txt[4096], svg[4096], want[4096];
	touch("a.txt", "screen\n", txt, sizeof txt);
	/* the view's computation bins no histogram of its own (it bins at
	 * its ranges), and the figure refuses to draw empty ones */
	for (size_t l = 1; l <= c.depth; l++)
		ck_assert(!iv_net_layer(comp.net, l)->q[IV_Q_ACT].binned &&
			  !iv_net_layer(comp.net, l)->q[IV_Q_GRAD_ACT].binned);
	char *none = NULL;
	size_t nlen = 0;
	FILE *mf = open_memstream(&none, &nlen);
	ck_assert_ptr_nonnull(mf);
	errno = 0;
	ck_assert_int_eq(iv_figure_net_svg(mf, comp.net, th, NULL), -1);
	ck_assert_int_eq(errno, EINVAL);
	fclose(mf);
	free(none);
	/* when the figure is saved beside a.txt, then a.svg holds the very
	 * bytes --format=svg writes of the engine's network: the histograms
	 * binned then are the passes' own */
	ck_assert_int_eq(tui_save_figure(txt, comp.net, 0, 0, th, "initviz -d 6",
					 svg, sizeof svg),
			 0);
	snprintf(want, sizeof want, "%s/a.svg", figdir);
	ck_assert_str_eq(svg, want);
	char *got = tut_slurp(svg), *rep = report_figure(twin, th,
							 "initviz -d 6");
	ck_assert_str_eq(got, rep);
	/* with the measured and predicted profiles and the histograms */
	ck_assert_ptr_nonnull(strstr(got, "data-kind=\"activation_theory\""));
	ck_assert_ptr_nonnull(strstr(got, "initviz -d 6</text>"));
	free(rep);
	/* and saved again, the figure that exists is left alone */
	errno = 0;
	ck_assert_int_eq(tui_save_figure(txt, comp.net, 0, 0, NULL, NULL, svg,
					 sizeof svg),
			 -1);
	ck_assert_int_eq(errno, EEXIST);
	char *again = tut_slurp(svg);
	ck_assert_str_eq(again, got);
	free(again);
	free(got);
	/* a name not ending in .txt, or no room for the path: nothing */
	touch("b.dat", "x", txt, sizeof txt);
	ck_assert_int_eq(tui_save_figure(txt, comp.net, 0, 0, NULL, NULL, svg,
					 sizeof svg),
			 -1);
	ck_assert_int_eq(errno, EINVAL);
	touch("c.txt", "x", txt, sizeof txt);
	ck_assert_int_eq(tui_save_figure(txt, comp.net, 0, 0, NULL, NULL, svg,
					 strlen(txt)),
			 -1);
	ck_assert_int_eq(errno, EINVAL);
	ck_assert_int_eq(entries(figdir), 4); /* a.txt a.svg b.dat c.txt */
}
END_TEST

START_TEST(figure_after_training_draws_the_trained_network)
{
	/* given 5 steps by the view and 5 by the engine on a twin, its
	 * statistics recomputed by a whole pass */
	iv_config c = small(IV_INIT_HE_NORMAL, 5, 16);
	c.act = IV_ACT_RELU;
	c.retain = 1; /* as the view: its histograms binned at the save */
	compute(&c);
	make_twin(&c, 0.05, false);
	tui_train_init(&tr, 0.05);
	for (int k = 0; k < 5; k++) {
		tui_train_ask(&tr);
		ck_assert_int_eq(iv_train_step(twin_tr), IV_OK);
	}
	drive(1.0, 0);
	ck_assert_uint_eq(tui_train_steps(&tr), 5);
	ck_assert(tui_compute_readable(&comp) && iv_net_done(comp.net));
	ck_assert_int_eq(iv_net_run(twin), IV_OK);
	ck_assert_ptr_nonnull(mkdtemp(figdir));
	char txt[4096], svg[4096];
	touch("t.txt", "screen\n", txt, sizeof txt);
	ck_assert_int_eq(tui_save_figure(txt, comp.net, 0, 0, NULL, NULL, svg,
					 sizeof svg),
			 0);
	/* then the figure draws the trained network's numbers, not the
	 * initial ones: each within 1e-9 of the engine's trained twin */
	char *got = tut_slurp(svg), *rep = report_figure(twin, NULL, NULL);
	static double a[4096], b[4096];
	size_t na = drawn_values(got, a, LEN(a)),
	       nb = drawn_values(rep, b, LEN(b));
	ck_assert_uint_eq(na, nb);
	ck_assert_uint_ge(na, 2 * c.depth); /* each layer's two markers */
	ck_assert_uint_le(na, LEN(a));
	for (size_t i = 0; i < na; i++)
		ck_assert_msg(fabs(a[i] - b[i]) <= 1e-9 * fabs(b[i]) + 1e-12,
			      "value %zu: %.17g vs %.17g", i, a[i], b[i]);
	free(rep);
	/* and an untrained network of the same configuration differs */
	iv_status st;
	iv_net *n0 = iv_net_alloc(&c, &st);
	ck_assert_ptr_nonnull(n0);
	ck_assert_int_eq(iv_net_run(n0), IV_OK);
	rep = report_figure(n0, NULL, NULL);
	iv_net_free(n0);
	nb = drawn_values(rep, b, LEN(b));
	size_t differ = 0;
	for (size_t i = 0; i < na && i < nb; i++)
		differ += fabs(a[i] - b[i]) > 1e-9 * fabs(b[i]) + 1e-12;
	ck_assert_uint_gt(differ, 0);
	free(rep);
	free(got);
}
END_TEST

static void figdir_teardown(void)
{
	teardown();
	/* made: the template's suffix was replaced (the random name itself
	 * may hold an X) */
	if (strcmp(strrchr(figdir, '-') + 1, "XXXXXX") != 0) {
		cm_remove_dir(figdir);
		strcpy(strrchr(figdir, '-') + 1, "XXXXXX");
	}
}

static void remove_save_dir(void)
{
	if (dir_made)
		cm_remove_dir(dir);
}

Suite *suite(void)
{
	cm_nofork(); /* the save tests share dir */
	cm_at_end(remove_save_dir);
	Suite *s = suite_create("tui_train");
	TCase *t = tcase_create("train");
	tcase_set_timeout(t, 30);
	tcase_add_checked_fixture(t, NULL, teardown);
	tcase_add_test(t, idle_until_asked);
	tcase_add_test(t, asked_steps_are_taken_once);
	tcase_add_test(t, the_loss_shown_belongs_to_the_step_shown);
	tcase_add_test(t, a_pass_ends_the_turn_during_a_run);
	tcase_add_test(t, steps_in_pieces_are_whole_steps);
	tcase_add_test(t, a_run_passes_less_often_than_it_steps);
	tcase_add_test(t, a_step_in_progress_is_abandoned);
	tcase_add_test(t, zeros_leave_the_hidden_weights_alone);
	tcase_add_test(t, divergence_stops_the_run);
	tcase_add_test(t, learning_rate_keys);
	tcase_add_test(t, strip_cells_are_the_engines_ratios);
	tcase_add_test(t, unwatched_steps_are_gaps);
	tcase_add_test(t, no_ratio_says_why);
	tcase_add_loop_test(t, health_is_named_as_it_changes, 0,
			    LEN(healths));
	tcase_add_loop_test(t, ratio_levels_are_the_nearest_decades, 0, LEN(levels));
	tcase_add_test(t, ratio_texts_are_whole);
	suite_add_tcase(s, t);
	t = tcase_create("improvised"); /* the default network: 10 x 256 */
	tcase_set_timeout(t, 120);
	tcase_add_checked_fixture(t, NULL, teardown);
	tcase_add_test(t, improvised_symmetry_demo_keeps_units_identical);
	suite_add_tcase(s, t);
	t = tcase_create("lessons");
	tcase_add_checked_fixture(t, lesson_setup, NULL);
	tcase_add_test(t, lessons_step_through_and_stop_at_the_ends);
	tcase_add_test(t, leaving_a_lesson_keeps_its_settings);
	tcase_add_test(t, a_lesson_too_big_is_refused);
	tcase_add_loop_test(t, config_same_sees_every_setting, 0, 18);
	suite_add_tcase(s, t);
	t = tcase_create("save");
	tcase_add_test(t, save_never_overwrites);
	tcase_add_test(t, handout_has_the_command_first_and_no_key_bar);
	tcase_add_test(t, save_errors_name_the_directory);
	tcase_add_test(t, save_refuses_names_too_long);
	suite_add_tcase(s, t);
	t = tcase_create("figure");
	tcase_add_checked_fixture(t, NULL, figdir_teardown);
	tcase_add_test(t, figure_is_the_reports_beside_the_text);
	tcase_add_test(t, figure_after_training_draws_the_trained_network);
	suite_add_tcase(s, t);
	return s;
}
