/* SPDX-License-Identifier: MIT */
/* Scripted teaching sessions on a headless screen, through the same input
 * function and key table as the keyboard: training keeps a constant init
 * symmetric and zeros + tanh still, a sensible init learns, x goes back to
 * the initial weights, every built-in lesson loads and draws, the keys a
 * lesson names do what it says, S never overwrites a file, and one lesson
 * screen matches its snapshot. */
#include <check.h>
#include <ctype.h>
#include <dirent.h>
#include <locale.h>
#include <math.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/lessons.h"
#include "cli/opts.h"
#include "tui/put.h"
#include "tui_testutil.h"

#define KEYS  "keys.txt"
#define SAVED "screen.txt"

static tui_app app;
static SCREEN *scr;
static iv_lesson_set builtin;

static void small(iv_config *c, iv_init_kind init, size_t depth)
{
	iv_config_defaults(c);
	c->init = init;
	c->depth = depth;
	c->width = 16;
	c->batch = 64;
}

/* Run keys from cfg on a headless 100 x 30 screen; the app stays open. */
static void run(const char *keys, const iv_config *cfg, tui_options o)
{
	o.keys = KEYS;
	remove(SAVED);
	ck_assert_int_eq(tut_run_keys(&app, &scr, cfg, &o, keys, 30, 100), 0);
}

static void teardown(void)
{
	tut_close(&app, &scr);
}

/* c drawn on a headless lines x cols screen and saved: the screen's text
 * (free it); the app stays open. */
static char *drawn(const iv_config *c, int lines, int cols)
{
	tui_options o = {.keys = KEYS};
	remove(SAVED);
	ck_assert_int_eq(tut_run_keys(&app, &scr, c, &o, "Wait Save " SAVED,
				      lines, cols),
			 0);
	return tut_slurp(SAVED);
}

/* The first lesson of set drawn on a headless lines x cols screen and
 * saved: the screen's text (free it); the app stays open. */
static char *drawn_lessons(const iv_lesson_set *set, int lines, int cols)
{
	tui_options o = {.keys = KEYS, .lessons = set, .lesson = 1};
	remove(SAVED);
	ck_assert_int_eq(tut_run_keys(&app, &scr, &set->v[0].cfg, &o,
				      "Wait Save " SAVED, lines, cols),
			 0);
	return tut_slurp(SAVED);
}

/* "t t t ..." n times, then let the steps finish and save the screen. */
static char *steps(int n)
{
	static char buf[4096];
	size_t len = 0;
	for (int i = 0; i < n && len + 3 < sizeof buf; i++)
		len += (size_t)snprintf(buf + len, sizeof buf - len, "t ");
	snprintf(buf + len, sizeof buf - len, "Wait Save " SAVED);
	return buf;
}

/* Whether every unit of layer l has the same incoming weights and bias
 * (rows of W equal): the symmetry itself, apart from the distinct count. */
static bool rows_equal(size_t l)
{
	size_t r, c;
	const double *w = iv_net_data(app.comp.net, l, IV_Q_WEIGHTS, &r, &c);
	for (size_t i = 1; i < r; i++)
		if (memcmp(w, w + i * c, c * sizeof *w) != 0)
			return false;
	return true;
}

START_TEST(constant_init_stays_one_neuron)
{
	/* given constant weights, when t 200 times, then 200 steps, every
	 * layer has one distinct neuron (engine, view statistics, screen)
	 * and every layer's rows of weights are still identical */
	iv_config c;
	small(&c, IV_INIT_CONSTANT, 3);
	run(steps(200), &c, (tui_options){.lr = 0.02});
	const tui_train *t = &app.train;
	ck_assert_uint_eq(tui_train_steps(t), 200);
	ck_assert(isfinite(tui_train_loss(t)));
	char *s = tut_slurp(SAVED);
	for (size_t l = 1; l <= 3; l++) {
		ck_assert_uint_eq(iv_train_distinct(t->tr, l), 1);
		ck_assert_uint_eq(
		    iv_net_layer(app.comp.net, l)->distinct_neurons, 1);
		ck_assert_msg(rows_equal(l), "layer %zu rows differ", l);
	}
	ck_assert_uint_eq(t->moved, 3); /* they moved, all together */
	ck_assert_msg(strstr(s, "distinct neurons: 1 in every layer") &&
			  strstr(s, "step 200"),
		      "%s", s);
	free(s);
}
END_TEST

START_TEST(zeros_tanh_hidden_weights_never_move)
{
	/* given zeros and tanh, when 50 steps at a large rate, then every
	 * hidden weight is still exactly 0 and the screen says unchanged */
	iv_config c;
	small(&c, IV_INIT_ZEROS, 4);
	run(steps(50), &c, (tui_options){.lr = 0.5});
	ck_assert_uint_eq(tui_train_steps(&app.train), 50);
	for (size_t l = 1; l <= 4; l++) {
		size_t r, k;
		const double *w =
		    iv_net_data(app.comp.net, l, IV_Q_WEIGHTS, &r, &k);
		for (size_t i = 0; i < r * k; i++)
			ck_assert(w[i] == 0);
	}
	char *s = tut_slurp(SAVED);
	ck_assert_msg(strstr(s, "hidden weights: unchanged"), "%s", s);
	free(s);
}
END_TEST

START_TEST(random_init_learns_and_stays_distinct)
{
	/* given xavier-normal, when 150 steps, then the loss falls below half
	 * of step 0's, every layer keeps all 16 neurons distinct */
	iv_config c;
	small(&c, IV_INIT_XAVIER_NORMAL, 3);
	run(steps(150), &c, (tui_options){.lr = 0.05});
	const tui_train *t = &app.train;
	ck_assert_uint_eq(t->nloss, 151);
	ck_assert_msg(t->loss[150] < 0.5 * t->loss[0], "%g -> %g", t->loss[0],
		      t->loss[150]);
	for (size_t k = 1; k <= 150; k += 10)
		ck_assert(isfinite(t->loss[k]));
	for (size_t l = 1; l <= 3; l++)
		ck_assert_uint_eq(
		    iv_net_layer(app.comp.net, l)->distinct_neurons, 16);
	char *s = tut_slurp(SAVED);
	ck_assert_msg(strstr(s, "all 16 in every layer") &&
			  strstr(s, "hidden weights: changed"),
		      "%s", s);
	free(s);
}
END_TEST

/* Activations that overflow to Inf in layer 2 and to NaN above it, and a
 * loss that is not finite: std 1e200 with ReLU, 3 layers. */
static void overflowing(iv_config *c)
{
	small(c, IV_INIT_NORMAL, 3);
	c->std = 1e200;
	c->act = IV_ACT_RELU;
}

START_TEST(profile_says_which_std_it_cannot_draw)
{
	/* given layers whose std is 0 (all zeros) or whose entries overflow,
	 * then the depth profile's note says which of the two, not "0 or not
	 * finite": a teacher reads it out */
	iv_config c;
	small(&c, IV_INIT_ZEROS, 5);
	run("Wait Save " SAVED, &c, (tui_options){0});
	char *s = tut_slurp(SAVED);
	ck_assert_msg(strstr(s, "5 layers: std 0 ") &&
			  strstr(s, "4 layers: std 0") &&
			  !strstr(s, "NaN or Inf") && !strstr(s, "not finite"),
		      "%s", s);
	free(s);
	tut_close(&app, &scr);
	overflowing(&c);
	run("Wait Save " SAVED, &c, (tui_options){0});
	s = tut_slurp(SAVED);
	ck_assert_msg(strstr(s, "layers: NaN or Inf") && !strstr(s, "std 0"),
		      "%s", s);
	free(s);
}
END_TEST

START_TEST(profile_leaves_out_a_std_beside_an_inf)
{
	/* given a linear layer 3 with 11 Inf among finite entries whose
	 * std is 5.4e307: the layer rows say inf, and the profile does not
	 * plot the finite entries' std, it names the layer with the others */
	iv_config c;
	small(&c, IV_INIT_NORMAL, 3);
	c.std = 1e102;
	c.act = IV_ACT_LINEAR;
	run("Wait Save " SAVED, &c, (tui_options){0});
	char *s = tut_slurp(SAVED);
	ck_assert_msg(strstr(s, "● 1 layer: NaN or Inf"), "%s", s);
	free(s);
}
END_TEST

START_TEST(nan_and_inf_counts_whole_or_none)
{
	/* given a layer holding both NaN and Inf on a screen too narrow for
	 * both counts (80 x 24), then the row says "NaN Inf" without counts,
	 * never "NaN 7760 Inf", whose Inf seems to have no count */
	iv_config c;
	iv_config_defaults(&c);
	c.init = IV_INIT_NORMAL;
	c.std = 1e100;
	c.act = IV_ACT_RELU;
	c.depth = 8;
	c.width = 16;
	char *s = drawn(&c, 24, 80), *p = s;
	bool both = false;
	while ((p = strstr(p, "NaN "))) {
		size_t a, b;
		char w[4];
		if (strncmp(p, "NaN Inf", 7) == 0)
			both = true;
		else if (sscanf(p, "NaN %zu %3s", &a, w) == 2 &&
			 strcmp(w, "Inf") == 0)
			ck_assert_msg(sscanf(p, "NaN %zu Inf %zu", &a, &b) == 2,
				      "a count is missing: %.20s", p);
		p += 4;
	}
	ck_assert_msg(both, "%s", s); /* the premise: the narrow case */
	free(s);
}
END_TEST

START_TEST(counts_over_nan_are_not_shown)
{
	/* given a network whose activations overflow to Inf and then NaN
	 * (std 1e200, relu), when a step is asked for, then it takes no
	 * update (the loss is not finite), and neither the layer rows nor the
	 * strip give counts computed over NaN: no "1 in every layer" (NaN
	 * columns all compare alike), no dead-unit fraction, and the strip
	 * says why */
	iv_config c;
	overflowing(&c);
	remove("before.txt");
	run("Wait Save before.txt t Wait Save " SAVED, &c, (tui_options){0});
	ck_assert_uint_eq(tui_train_steps(&app.train), 0);
	/* the premise: Inf in layer 2, NaN in layer 3 */
	ck_assert(iv_net_layer(app.comp.net, 2)->q[IV_Q_ACT].inf > 0);
	ck_assert(iv_net_layer(app.comp.net, 3)->q[IV_Q_ACT].nan > 0);
	char *s = tut_slurp(SAVED);
	ck_assert_msg(strstr(s, "distinct neurons: not counted (NaN or Inf)") &&
			  !strstr(s, "in every layer") &&
			  !strstr(s, "dead units"),
		      "%s", s);
	free(s);
	/* and before the step, a row's σ is of all its entries: inf beside
	 * Infs (the finite ones' std read 0), nan beside NaNs */
	s = tut_slurp("before.txt");
	const char *r2 = strstr(s, "\n 2 "), *r3 = strstr(s, "\n 3 ");
	ck_assert(r2 && r3);
	ck_assert_msg(strstr(r2, " inf ") && strstr(r2, " inf ") < r3 &&
			  strstr(r3, " nan "),
		      "%s", s);
	free(s);
}
END_TEST

static const int strip_cols[] = {80, 70, TUI_MIN_COLS};

START_TEST(divergence_is_named_at_every_width)
{
	/* given a network whose loss is not finite as drawn, when a step is
	 * asked for, then at 80 columns and down to the narrowest the strip
	 * still says that it is paused, that it diverged and that no rate
	 * helps (the loss at step 0 is of the weights as drawn; the rate and
	 * the counts give way first) */
	iv_config c;
	overflowing(&c);
	tui_options o = {.keys = KEYS};
	remove(SAVED);
	ck_assert_int_eq(tut_run_keys(&app, &scr, &c, &o, "t Wait Save " SAVED,
				      24, strip_cols[_i]),
			 0);
	ck_assert(tui_train_diverged(&app.train));
	ck_assert_uint_eq(tui_train_steps(&app.train), 0);
	char *s = tut_slurp(SAVED);
	ck_assert_msg(strstr(s, "init overflows: no rate helps") &&
			  !strstr(s, "lowers the rate") &&
			  strstr(s, " paused "),
		      "%s", s);
	free(s);
}
END_TEST

START_TEST(a_divergence_after_steps_points_at_the_rate)
{
	/* given He and relu at a rate of 1, when steps are taken, then the
	 * loss overflows after a few, which a lower rate would avoid: the
	 * strip says so, at every width */
	iv_config c;
	small(&c, IV_INIT_HE_NORMAL, 8);
	c.act = IV_ACT_RELU;
	tui_options o = {.keys = KEYS, .lr = 1};
	remove(SAVED);
	ck_assert_int_eq(tut_run_keys(&app, &scr, &c, &o, steps(10), 24,
				      strip_cols[_i]),
			 0);
	ck_assert(tui_train_diverged(&app.train));
	ck_assert_uint_gt(tui_train_steps(&app.train), 0);
	char *s = tut_slurp(SAVED);
	ck_assert_msg(strstr(s, "diverged: < lowers the rate") &&
			  !strstr(s, "no rate helps"),
		      "%s", s);
	free(s);
}
END_TEST

START_TEST(large_ratios_are_whole)
{
	/* given weights of std 1e-110 under a random readout, when a step is
	 * taken, then the update moves them by about 1e108 of themselves:
	 * its log10 ratio is written whole ("108"), not "108.0" cut to "108."
	 * by the column */
	iv_config c;
	small(&c, IV_INIT_NORMAL, 1);
	c.std = 1e-110;
	c.act = IV_ACT_LINEAR;
	run("t Wait Save " SAVED, &c, (tui_options){.random_readout = true});
	char *s = tut_slurp(SAVED), upd[32] = "", grad[32] = "";
	const char *row = strstr(s, "\n L1 ");
	ck_assert_msg(row, "%s", s);
	const char *end = strchr(row + 1, '\n');
	char line[512];
	snprintf(line, sizeof line, "%.*s",
		 end ? (int)(end - row - 1) : 400, row + 1);
	const char *last = strrchr(line, ' '); /* "... upd grad" */
	ck_assert(last && last > line);
	const char *prev = last - 1;
	while (prev > line && *prev == ' ')
		prev--;
	while (prev > line && prev[-1] != ' ')
		prev--;
	ck_assert_int_eq(sscanf(prev, "%31s %31s", upd, grad), 2);
	double u = atof(upd), g = atof(grad);
	ck_assert_msg(u > 100 && u < 120 && g > 100 && g < 120 &&
			  upd[strlen(upd) - 1] != '.' &&
			  grad[strlen(grad) - 1] != '.',
		      "\"%s\" \"%s\"\n%s", upd, grad, s);
	free(s);
}
END_TEST

START_TEST(the_ratio_strips_grad_column_is_named_and_true)
{
	/* given three steps trained on a wide screen, then the ratio strip's
	 * header says what its right column "grad" is, log10 std(dL/dW) /
	 * std(W), and each row's numbers agree with it: an SGD update is the
	 * rate times the gradient, so grad - upd is -log10 lr (each number to
	 * a tenth) */
	iv_config c;
	small(&c, IV_INIT_XAVIER_NORMAL, 4);
	c.width = 32;
	remove(SAVED);
	ck_assert_int_eq(tut_run_keys(&app, &scr, &c,
				      &(tui_options){.keys = KEYS}, steps(3),
				      40, 200),
			 0);
	char *s = tut_slurp(SAVED), line[512], want[96];
	ck_assert_msg(tut_line_from(s, "update/data", line, sizeof line), "%s",
		      s);
	snprintf(want, sizeof want, "grad: log10 std(%sL/%sW)/std(W)",
		 app.gl->d, app.gl->d);
	ck_assert_msg(strstr(line, want), "header: \"%s\"", line);
	int rows = 0;
	for (const char *r = strstr(s, "\n L"); r; r = strstr(r + 1, "\n L")) {
		const char *end = strchr(r + 1, '\n');
		snprintf(line, sizeof line, "%.*s",
			 end ? (int)(end - r - 1) : 400, r + 1);
		size_t n = strlen(line);
		while (n && line[n - 1] == ' ')
			line[--n] = '\0';
		const char *g = strrchr(line, ' '), *u = g;
		if (!g || !isdigit((unsigned char)line[n - 1]))
			continue; /* a layer row of the list, not the strip */
		while (u > line && u[-1] == ' ')
			u--;
		while (u > line && u[-1] != ' ')
			u--;
		double upd = atof(u), grad = atof(g + 1);
		ck_assert_msg(fabs(grad - upd + log10(app.train.lr)) <= 0.1 + 1e-9,
			      "row \"%s\": upd %g grad %g, lr %g", line, upd,
			      grad, app.train.lr);
		rows++;
	}
	ck_assert_int_eq(rows, 4);
	free(s);
}
END_TEST

START_TEST(the_grad_column_is_explained_at_80_columns)
{
	/* given three steps trained at 80x24 and 100x30, UTF-8 and --ascii,
	 * 4 and 12 layers, then the ratio strip's header says what its 'grad'
	 * column is, in full or as "grad: gradient/data" beside its title
	 * "update/data", with the header's warning ("2 of 4 layers") kept */
	static const int size[][2] = {{24, 80}, {30, 100}};
	int k = _i % 2;
	bool ascii = (_i / 2) % 2;
	iv_config c;
	small(&c, IV_INIT_XAVIER_NORMAL, _i >= 4 ? 12 : 4);
	tui_options o = {.keys = KEYS, .ascii = ascii};
	remove(SAVED);
	ck_assert_int_eq(tut_run_keys(&app, &scr, &c, &o, steps(3), size[k][0],
				      size[k][1]),
			 0);
	char *s = tut_slurp(SAVED), line[512];
	ck_assert_msg(tut_line_from(s, "update/data", line, sizeof line), "%s",
		      s);
	ck_assert_msg(strstr(line, "grad: gradient/data") ||
			  strstr(line, "grad: log10 std("),
		      "header: \"%s\"", line);
	ck_assert_msg(strstr(line, " upd  grad"), "header: \"%s\"", line);
	if (k == 0) /* not all four rows at 80x24: the warning stays */
		ck_assert_msg(strstr(line, " of 4 layers"), "\"%s\"", line);
	free(s);
}
END_TEST

START_TEST(a_deep_network_shows_every_kept_ratio_row)
{
	/* given 40 layers, when 2 steps at 120x40, then the ratio strip
	 * has its four kept layers' rows (1, 14, 27, 40), not the last alone
	 * under a long layer list that scrolls; at 120x24, where one row
	 * fits, its title says how many of the kept layers it shows */
	iv_config c;
	small(&c, IV_INIT_XAVIER_NORMAL, 40);
	static const char *const rows[] = {"\n L1  ", "\n L14 ", "\n L27 ",
					   "\n L40 "};
	tui_options o = {.keys = KEYS, .lr = 0.05};
	remove(SAVED);
	ck_assert_int_eq(tut_run_keys(&app, &scr, &c, &o, steps(2), 40, 120),
			 0);
	char *s = tut_slurp(SAVED);
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
		ck_assert_msg(strstr(s, rows[i]), "no%s\n%.2500s", rows[i], s);
	ck_assert_msg(!strstr(s, " of 4 layers"), "%.2500s", s);
	free(s);
	tut_close(&app, &scr);
	remove(SAVED);
	ck_assert_int_eq(tut_run_keys(&app, &scr, &c, &o, steps(2), 24, 120),
			 0);
	s = tut_slurp(SAVED);
	ck_assert_msg(strstr(s, "1 of 4 layers") && strstr(s, "\n L40 ") &&
			  !strstr(s, "\n L1  "),
		      "%.2500s", s);
	free(s);
}
END_TEST

START_TEST(the_strip_names_the_layer_that_broke)
{
	/* given lesson 13 (equal hidden weights, a random readout), when 10
	 * steps, then the engine counts one neuron in layers 1-4 and 64 in
	 * layer 5, and the strip names them so, not "1 to 64 per layer" */
	const iv_lesson *x = &builtin.v[12];
	tui_options o = {
	    .keys = KEYS, .lessons = &builtin, .lesson = 13, .lr = x->lr,
	    .random_readout = x->random_readout};
	remove(SAVED);
	ck_assert_int_eq(
	    tut_run_keys(&app, &scr, &x->cfg, &o, steps(10), 40, 120), 0);
	ck_assert_uint_eq(tui_train_steps(&app.train), 10);
	char *s = tut_slurp(SAVED);
	ck_assert_msg(
	    strstr(s, "distinct neurons: 1 in layers 1-4, 64 in layer 5"),
	    "%s", s);
	free(s);
	for (size_t l = 1; l <= 5; l++) { /* the premise */
		ck_assert_uint_eq(iv_train_distinct(app.train.tr, l),
				  l < 5 ? 1 : 64);
		ck_assert_uint_eq(
		    tui_compute_layer(&app.comp, l)->distinct_neurons,
		    l < 5 ? 1 : 64);
	}
}
END_TEST

START_TEST(steps_not_measured_are_marked)
{
	/* given lesson 9, when a step, two while the screen is too small for
	 * the view (the ratio strip hidden), and two more at 120x40, then the
	 * strip's row reads a bar, the dots of the two (and of the next, if it
	 * began before the strip was back), a bar, and its title says what
	 * the dots mean; with every step shown, neither */
	const iv_lesson *x = &builtin.v[8];
	tui_options o = {
	    .keys = KEYS, .lessons = &builtin, .lesson = 9, .lr = x->lr};
	static const char *const keys[] = {
	    "t Wait Resize 50x10 t Wait t Wait Resize 120x40 Wait t Wait t "
	    "Wait Save " SAVED,
	    "t Wait t Wait t Wait t Wait Save " SAVED,
	};
	for (int k = 0; k < 2; k++) {
		remove(SAVED);
		ck_assert_int_eq(
		    tut_run_keys(&app, &scr, &x->cfg, &o, keys[k], 40, 120), 0);
		char *s = tut_slurp(SAVED), *r = strstr(s, "\n L30 ");
		ck_assert_msg(r, "%.3000s", s);
		r += strlen("\n L30 ");
		const char *bar = "[▁▂▃▄▅▆▇█]";
		char pat[128];
		snprintf(pat, sizeof pat, "^%s%s", bar,
			 k ? "{4} " : "··(·)?[▁▂▃▄▅▆▇█]{1,2} ");
		regex_t re;
		ck_assert_int_eq(regcomp(&re, pat, REG_EXTENDED | REG_NOSUB), 0);
		ck_assert_msg(regexec(&re, r, 0, NULL, 0) == 0, "%.80s", r);
		regfree(&re);
		ck_assert((strstr(s, "· not measured (strip hidden)") != NULL) ==
			  (k == 0));
		free(s);
		tut_close(&app, &scr);
	}
}
END_TEST

START_TEST(x_goes_back_to_the_initial_weights)
{
	/* given 5 steps, when x, then no step, no loss, and the weights are
	 * those a fresh network of the same configuration draws */
	iv_config c;
	iv_status st;
	small(&c, IV_INIT_XAVIER_NORMAL, 2);
	run("t t t t t Wait x Wait Save " SAVED, &c, (tui_options){0});
	const tui_train *t = &app.train;
	ck_assert_uint_eq(tui_train_steps(t), 0);
	ck_assert_ptr_null(t->tr);
	ck_assert(isnan(tui_train_loss(t)));
	iv_net *fresh = iv_net_alloc(&app.model.cfg, &st);
	ck_assert_ptr_nonnull(fresh);
	ck_assert_int_eq(iv_net_run(fresh), IV_OK);
	for (size_t l = 1; l <= 2; l++) {
		size_t r, k, r2, k2;
		const double *a =
		    iv_net_data(app.comp.net, l, IV_Q_WEIGHTS, &r, &k);
		const double *b = iv_net_data(fresh, l, IV_Q_WEIGHTS, &r2, &k2);
		ck_assert(r == r2 && k == k2);
		ck_assert(memcmp(a, b, r * k * sizeof *a) == 0);
	}
	iv_net_free(fresh);
	char *s = tut_slurp(SAVED);
	ck_assert(!strstr(s, "step 5") && !strstr(s, "training  step"));
	ck_assert(strstr(s, "training reset"));
	free(s);
}
END_TEST

START_TEST(the_prediction_is_not_drawn_over_trained_weights)
{
	/* given std 0.01 with tanh (lesson 3's start), whose profile draws
	 * the mean field's lines, when steps move the weights, then the
	 * lines, which predict the initial weights, are gone and the legend
	 * says why; when x goes back to step 0, then they are drawn again */
	iv_config c;
	small(&c, IV_INIT_NORMAL, 2);
	c.std = 0.01;
	run("Wait Save " SAVED, &c, (tui_options){0});
	char *s = tut_slurp(SAVED);
	ck_assert_msg(strstr(s, "predicted ─") && strstr(s, "╌"), "%s", s);
	ck_assert(tui_app_theory_shown(&app));
	free(s);
	tut_close(&app, &scr);
	run("t t t Wait Save " SAVED, &c, (tui_options){0});
	ck_assert_uint_eq(tui_train_steps(&app.train), 3);
	s = tut_slurp(SAVED);
	ck_assert_msg(!strstr(s, "predicted ─") && !strstr(s, "╌") &&
			  strstr(s, "predicted: ") && strstr(s, "step 0 only"),
		      "%s", s);
	ck_assert(!tui_app_theory_shown(&app));
	free(s);
	tut_close(&app, &scr);
	run("t t t Wait x Wait Save " SAVED, &c, (tui_options){0});
	s = tut_slurp(SAVED);
	ck_assert_msg(strstr(s, "predicted ─") && !strstr(s, "step 0 only"),
		      "%s", s);
	free(s);
}
END_TEST

START_TEST(a_setting_change_resets_training)
{
	/* given 3 steps, when a changes the activation, then training is
	 * forgotten; steps asked for after it run on the new network */
	iv_config c;
	small(&c, IV_INIT_XAVIER_NORMAL, 2);
	run("t t t Wait a t t Wait", &c, (tui_options){0});
	ck_assert_int_eq(app.model.cfg.act, IV_ACT_RELU);
	ck_assert_uint_eq(tui_train_steps(&app.train), 2);
	ck_assert_int_eq(iv_net_config(app.comp.net)->act, IV_ACT_RELU);
}
END_TEST

START_TEST(every_lesson_says_how_to_go_on_at_80_columns)
{
	/* given a projector's 80 x 24, when each lesson is shown, its text
	 * shown or hidden (L), then the screen names the keys to the other
	 * lessons: the rule's note gives way to a long title, and the bottom
	 * bar keeps ", . lessons" after Help */
	char keys[8192], name[64];
	size_t n = builtin.n, len = 0;
	for (size_t k = 1; k <= n; k++)
		for (int hidden = 0; hidden < 2; hidden++) {
			snprintf(name, sizeof name, "go%zu-%d.txt", k, hidden);
			remove(name);
			len += (size_t)snprintf(keys + len, sizeof keys - len,
						"%s%sWait Save %s ",
						k > 1 && !hidden ? ". " : "",
						hidden ? "L " : "", name);
			if (hidden) /* the text back for the next lesson */
				len += (size_t)snprintf(keys + len,
							sizeof keys - len, "L ");
		}
	tui_options o = {.keys = KEYS, .lessons = &builtin, .lesson = 1};
	ck_assert_int_eq(tut_run_keys(&app, &scr, &builtin.v[0].cfg, &o, keys,
				      24, 80),
			 0);
	for (size_t k = 1; k <= n; k++)
		for (int hidden = 0; hidden < 2; hidden++) {
			snprintf(name, sizeof name, "go%zu-%d.txt", k, hidden);
			char *s = tut_slurp(name);
			ck_assert_msg(strstr(s, ", . lessons"),
				      "lesson %zu%s:\n%s", k,
				      hidden ? ", text hidden" : "", s);
			free(s);
		}
}
END_TEST

START_TEST(a_narrow_screen_cuts_titles_between_words)
{
	/* given the narrowest screen, when every lesson is shown, then its
	 * title is whole, or its first words and an ellipsis: never a word
	 * cut; and the layer list's column title is never cut either */
	char keys[4096], name[64];
	size_t n = builtin.n, len = 0;
	for (size_t k = 1; k <= n; k++) {
		snprintf(name, sizeof name, "narrow%zu.txt", k);
		remove(name);
		len += (size_t)snprintf(keys + len, sizeof keys - len,
					"%sWait Save %s ", k > 1 ? ". " : "",
					name);
	}
	tui_options o = {.keys = KEYS, .lessons = &builtin, .lesson = 1};
	ck_assert_int_eq(tut_run_keys(&app, &scr, &builtin.v[0].cfg, &o, keys,
				      20, TUI_MIN_COLS),
			 0);
	for (size_t k = 1; k <= n; k++) {
		const char *title = builtin.v[k - 1].title;
		char want[64];
		snprintf(name, sizeof name, "narrow%zu.txt", k);
		snprintf(want, sizeof want, "lesson %zu/%zu: ", k, n);
		char *s = tut_slurp(name), *at = strstr(s, want);
		ck_assert_msg(at, "%zu:\n%s", k, s);
		at += strlen(want);
		size_t same = 0;
		while (title[same] && at[same] == title[same])
			same++;
		if (title[same] && same > 0 && at[same - 1] == ' ')
			same--; /* the blank before the ellipsis matched too */
		ck_assert_msg(!title[same] ||
				  (same > 0 && title[same] == ' ' &&
				   !strncmp(at + same, " …", strlen(" …"))),
			      "lesson %zu: \"%.40s\"", k, at);
		ck_assert_msg(!strstr(s, "h = relu(z\n") &&
				  !strstr(s, "h = tanh(z\n"),
			      "%zu:\n%s", k, s);
		free(s);
	}
}
END_TEST

/* The number a lesson's text gives for chi1 ("chi1 8.73", "chi1 is 1/6"):
 * the word after "chi1" (and after "is"), in buf; false when the text
 * names no chi1. "about" is kept as the word: it is no number. */
static bool quoted_chi1(const iv_lesson *x, char *buf, size_t size)
{
	/* each line and its space, and the end */
	char all[IV_LESSON_LINES * IV_LESSON_LINE + 1] = "";
	for (size_t i = 0; i < x->ntext; i++) {
		strcat(all, x->text[i]);
		strcat(all, " ");
	}
	const char *at = strstr(all, "chi1 ");
	if (!at)
		return false;
	at += strlen("chi1 ");
	if (!strncmp(at, "is ", 3))
		at += 3;
	size_t n = strcspn(at, " ),;:");
	if (n > 0 && at[n - 1] == '.')
		n--; /* the sentence's full stop */
	snprintf(buf, size, "%.*s", (int)n, at);
	return true;
}

START_TEST(a_lesson_quotes_chi1_as_the_settings_bar_shows_it)
{
	/* given each built-in lesson whose text gives chi1, drawn at 120
	 * columns, then the number it gives is the settings bar's, digit for
	 * digit, or a fraction that the bar writes as it: a class reads the
	 * two side by side, and "about 9" beside 8.73 reads as a mistake */
	size_t quoted = 0;
	for (size_t k = 1; k <= builtin.n; k++) {
		const iv_lesson *x = &builtin.v[k - 1];
		char q[64], bar[64], frac[64];
		if (!quoted_chi1(x, q, sizeof q))
			continue;
		quoted++;
		tui_options o = {.keys = KEYS, .lessons = &builtin,
				 .lesson = k};
		remove(SAVED);
		ck_assert_int_eq(tut_run_keys(&app, &scr, &x->cfg, &o,
					      "Wait Save " SAVED, 40, 120),
				 0);
		char *s = tut_slurp(SAVED), *at = strstr(s, "χ1 ");
		ck_assert_msg(at && at < strchr(strchr(s, '\n') + 1, '\n'),
			      "lesson %zu: no chi1 in the settings bar\n%s", k,
			      s);
		at += strlen("χ1 ");
		snprintf(bar, sizeof bar, "%.*s", (int)strcspn(at, " "), at);
		double p, d;
		int used = 0;
		if (sscanf(q, "%lf/%lf%n", &p, &d, &used) == 2 &&
		    q[used] == '\0')
			tui_text_number(p / d, frac, sizeof frac);
		else
			snprintf(frac, sizeof frac, "%s", q);
		ck_assert_msg(!strcmp(frac, bar),
			      "lesson %zu: the text gives chi1 \"%s\", the "
			      "settings bar %s",
			      k, q, bar);
		free(s);
		tut_close(&app, &scr);
	}
	ck_assert_uint_ge(quoted, 2);
}
END_TEST

START_TEST(every_builtin_lesson_loads_and_draws)
{
	/* given lesson 1, when . through all of them, then each screen shows
	 * its title and "lesson k/N" and the view computes its network; at the
	 * end . says it is the last, and , goes back one */
	char keys[4096], name[64];
	size_t n = builtin.n, len = 0;
	ck_assert_uint_ge(n, 9);
	len += (size_t)snprintf(keys, sizeof keys, "Wait Save lesson1.txt ");
	for (size_t k = 2; k <= n; k++)
		len += (size_t)snprintf(keys + len, sizeof keys - len,
					". Wait Save lesson%zu.txt ", k);
	snprintf(keys + len, sizeof keys - len, ". Save last.txt , Wait");
	for (size_t k = 1; k <= n; k++) { /* Save never overwrites */
		snprintf(name, sizeof name, "lesson%zu.txt", k);
		remove(name);
	}
	remove("last.txt");
	run(keys, &builtin.v[0].cfg,
	    (tui_options){.lessons = &builtin, .lesson = 1});
	for (size_t k = 1; k <= n; k++) {
		snprintf(name, sizeof name, "lesson%zu.txt", k);
		char *s = tut_slurp(name), want[64];
		snprintf(want, sizeof want, "lesson %zu/%zu", k, n);
		ck_assert_msg(strstr(s, builtin.v[k - 1].title), "%zu:\n%s", k,
			      s);
		ck_assert_msg(strstr(s, want), "%zu:\n%s", k, s);
		ck_assert_msg(strstr(s, "computed in 12 ms"), "%zu:\n%s", k, s);
		ck_assert(strstr(s, "look: "));
		/* the settings bar (the first two rows) names the readout
		 * training uses when it is not the scheme's own */
		char bar[512];
		const char *second = strchr(s, '\n');
		second = second ? strchr(second + 1, '\n') : NULL;
		snprintf(bar, sizeof bar, "%.*s",
			 second ? (int)(second - s) : 0, s);
		ck_assert_msg(!strstr(bar, "readout random") ==
				  !builtin.v[k - 1].random_readout,
			      "%zu:\n%s", k, bar);
		free(s);
	}
	char *s = tut_slurp("last.txt");
	ck_assert_msg(strstr(s, "is the last one"), "%s", s);
	free(s);
	ck_assert_uint_eq(app.les.cur, n - 1);
	ck_assert(tui_lessons_config_same(&app.model.cfg, &builtin.v[n - 2].cfg));
	ck_assert_uint_eq(iv_net_depth(app.comp.net),
			  builtin.v[n - 2].cfg.depth);
}
END_TEST

/* The lesson set of one lesson in wide characters: a title in Chinese, an
 * emoji and fullwidth letters; a text of long runs of Chinese without a
 * blank, fullwidth words, emoji and combining marks. */
#define WIDE_TITLE "初始化 🙂 ｗｉｄｅ title"
static const char wide_lesson[] =
	"[lesson]\ntitle = " WIDE_TITLE "\n"
	"text = 权重初始化决定信号在深层网络中是否能够传播。如果方差太小，"
	"信号会逐层衰减到零；\n"
	"text = 如果方差太大，信号会爆炸。 Ｆｕｌｌｗｉｄｔｈ words and 🙂 "
	"emoji 🙂 here,\n"
	"text = cafe\xcc\x81 with e\xcc\x81 and combining marks near the edge "
	"of the panel of text.\n"
	"look = 看看每一层的直方图 🙂\ndepth = 4\nwidth = 8\n";

/* s without its blanks, in buf. */
static void unblanked(const char *s, char *buf, size_t size)
{
	size_t n = 0;
	for (; *s && n + 1 < size; s++)
		if (*s != ' ' && *s != '\n')
			buf[n++] = *s;
	buf[n] = '\0';
}

START_TEST(wide_characters_take_their_two_columns)
{
	/* given a lesson of Chinese, fullwidth letters, emoji and combining
	 * marks, in a UTF-8 locale, at 80 and at 60 columns: the title is
	 * whole, a blank after it before the rule goes on; every row of the
	 * text starts in column 1 and ends before the last column, none
	 * spilling onto the next row, and the rows together are the whole
	 * text, no character lost or cut; in the C locale each character
	 * outside ASCII is one '?' still */
	static const int cols[] = {80, TUI_MIN_COLS};
	iv_lesson_set set = {0};
	iv_config base;
	char err[256], want[2048], got[2048], row[1024];
	char *was = strdup(setlocale(LC_CTYPE, NULL));
	ck_assert_ptr_nonnull(was);
	if (!setlocale(LC_CTYPE, "C.UTF-8")) {
		free(was);
		return; /* no UTF-8 locale: no cells to count */
	}
	iv_config_defaults(&base);
	ck_assert_int_eq(iv_lessons_parse(&set, wide_lesson,
					  sizeof wide_lesson - 1, "t", &base,
					  cli_apply_setting, err, sizeof err),
			 0);
	snprintf(row, sizeof row, "%s %s %s", set.v[0].text[0],
		 set.v[0].text[1], set.v[0].text[2]);
	unblanked(row, want, sizeof want);
	for (size_t i = 0; i < sizeof cols / sizeof *cols; i++) {
		char *s = drawn_lessons(&set, 24, cols[i]);
		const char *rule = strstr(s, "lesson 1/1: ");
		ck_assert_msg(rule, "%s", s);
		rule += strlen("lesson 1/1: ");
		ck_assert_msg(!strncmp(rule, WIDE_TITLE " ─",
				       strlen(WIDE_TITLE " ─")),
			      "%d columns:\n%s", cols[i], s);
		/* the text rows: from the rule's row to the look line */
		const char *p = strchr(rule, '\n') + 1;
		const char *look = strstr(p, " look: ");
		ck_assert_msg(look, "%s", s);
		size_t n = 0;
		got[0] = '\0';
		while (p < look) {
			const char *end = strchr(p, '\n');
			snprintf(row, sizeof row, "%.*s", (int)(end - p), p);
			ck_assert_msg(row[0] == ' ' && row[1] != ' ',
				      "%d columns: \"%s\"", cols[i], row);
			ck_assert_int_le(iv_cols(row, IV_COLS_CELLS),
					 cols[i] - 1);
			n += (size_t)snprintf(got + n, sizeof got - n, "%s",
					      row);
			p = end + 1;
		}
		unblanked(got, row, sizeof row);
		ck_assert_msg(!strcmp(row, want), "%d columns:\n%s", cols[i],
			      s);
		ck_assert_msg(strstr(look, " look: 看看每一层的直方图 🙂\n"),
			      "%s", s);
		free(s);
		teardown();
	}
	/* where the locale is not UTF-8, a character outside ASCII is one
	 * '?', one column, as before */
	if (setlocale(LC_CTYPE, "C")) {
		char *s = drawn_lessons(&set, 24, 80);
		ck_assert_msg(strstr(s, "lesson 1/1: ??? ? ???? title -"), "%s",
			      s);
		ck_assert_msg(strstr(s, "\n ????????????????????????"), "%s",
			      s);
		ck_assert_msg(strstr(s, " look: ????????? ?\n"), "%s", s);
		free(s);
		teardown();
	}
	iv_lessons_free(&set);
	setlocale(LC_CTYPE, was);
	free(was);
}
END_TEST

START_TEST(text_is_put_in_whole_cells)
{
	/* given a UTF-8 screen 20 wide: 初始化 up to column 5 is 初始 (four
	 * cells, not half of 化 too); a combining mark with no letter before
	 * it is left out, not put on another text's cell; 初 in the last
	 * column is not drawn (curses would wrap it); a title cut by words
	 * keeps whole characters and its ellipsis in the room; a control
	 * character takes the cells it is counted as */
	char *was = strdup(setlocale(LC_CTYPE, NULL)), row[256];
	ck_assert_ptr_nonnull(was);
	if (!setlocale(LC_CTYPE, "C.UTF-8")) {
		free(was);
		return;
	}
	SCREEN *s = tui_screen_headless(5, 20);
	ck_assert_ptr_nonnull(s);
	ck_assert_int_eq(tui_put(0, 0, 5, TUI_E_NORMAL, "初始化"), 4);
	ck_assert_int_eq(tui_put(1, 3, 10, TUI_E_NORMAL, "\xcc\x81x"), 4);
	ck_assert_int_eq(tui_put(2, 19, 20, TUI_E_NORMAL, "初"), 19);
	ck_assert_int_eq(tui_put_words(3, 0, 9, TUI_E_NORMAL, "初始化 决定信号",
				       "…"),
			 8);
	tui_screen_row(0, row, sizeof row);
	ck_assert_str_eq(row, "初始");
	tui_screen_row(1, row, sizeof row);
	ck_assert_str_eq(row, "   x");
	tui_screen_row(2, row, sizeof row);
	ck_assert_str_eq(row, "");
	tui_screen_row(3, row, sizeof row);
	ck_assert_str_eq(row, "初始化 …");
	/* a tab and an escape "^I" and "^[", two cells as counted (curses
	 * would spread the tab to column 8); a C1 control and a malformed
	 * byte one '?' each (curses would show "~C", "M-C") */
	ck_assert_int_eq(tui_put(4, 0, 20, TUI_E_NORMAL,
				 "a\tb\x1b[1m\xc2\x9b\xff\xef\xbf\xbd" "c"),
			 13);
	tui_screen_row(4, row, sizeof row);
	ck_assert_str_eq(row, "a^Ib^[[1m??\xef\xbf\xbd" "c");
	endwin();
	delscreen(s);
	setlocale(LC_CTYPE, was);
	free(was);
}
END_TEST

START_TEST(a_lesson_sets_its_learning_rate)
{
	/* given three lessons, the second naming lr 0.01 and a random readout,
	 * and the view at the first with --lr 0.05: when ., then training uses
	 * 0.01 and the random readout; when . to the third, which names
	 * neither, the rate stays 0.01 and the readout is the layers' again */
	static const char text[] =
		"[lesson]\ntitle = a\ntext = a\ndepth = 2\nwidth = 8\n"
		"[lesson]\ntitle = b\ntext = b\ndepth = 2\nwidth = 8\n"
		"lr = 0.01\nreadout = random\n"
		"[lesson]\ntitle = c\ntext = c\ndepth = 3\nwidth = 8\n";
	iv_lesson_set set = { 0 };
	iv_config base;
	char err[256];
	iv_config_defaults(&base);
	ck_assert_int_eq(iv_lessons_parse(&set, text, sizeof text - 1, "t",
					  &base, cli_apply_setting, err,
					  sizeof err), 0);
	run(". Wait", &set.v[0].cfg,
	    (tui_options){.lessons = &set, .lesson = 1, .lr = 0.05});
	ck_assert_uint_eq(app.les.cur, 2);
	ck_assert_double_eq(app.train.lr, 0.01);
	ck_assert(app.train.random_readout);
	teardown();
	run(". Wait . Wait", &set.v[0].cfg,
	    (tui_options){.lessons = &set, .lesson = 1, .lr = 0.05});
	ck_assert_uint_eq(app.les.cur, 3);
	ck_assert_double_eq(app.train.lr, 0.01);
	ck_assert(!app.train.random_readout);
	teardown();
	iv_lessons_free(&set);
}
END_TEST

START_TEST(leaving_a_lesson_says_modified)
{
	/* given lesson 2, when d, then still lesson 2, marked modified, with
	 * the deeper network; L hides the panel, the bar keeps "lesson 2/N*" */
	char want[32];
	remove("hidden.txt"); /* Save never overwrites */
	run("d Wait Save " SAVED " L Wait Save hidden.txt", &builtin.v[1].cfg,
	    (tui_options){.lessons = &builtin, .lesson = 2});
	char *s = tut_slurp(SAVED);
	ck_assert_msg(strstr(s, "modified") && strstr(s, builtin.v[1].title),
		      "%s", s);
	free(s);
	s = tut_slurp("hidden.txt");
	snprintf(want, sizeof want, "lesson 2/%zu*", builtin.n);
	ck_assert_msg(strstr(s, want) && !strstr(s, builtin.v[1].text[0]), "%s",
		      s);
	free(s);
	ck_assert_uint_eq(app.model.cfg.depth, builtin.v[1].cfg.depth + 1);
}
END_TEST

/* The lesson text on a saved screen: the rows between the lesson's rule
 * and its look line, blanks trimmed, the page note dropped, joined by
 * blanks into buf; whether the row with the note said note. */
static void panel_text(const char *s, char *buf, size_t size, const char *note,
		       bool *noted)
{
	const char *p = strstr(s, "── lesson ");
	size_t len = 0;
	buf[0] = '\0';
	*noted = false;
	ck_assert_msg(p, "%s", s);
	for (p = strchr(p, '\n'); p && p[1] && strncmp(p + 1, " look:", 6);
	     p = strchr(p + 1, '\n')) {
		const char *e = strchr(p + 1, '\n');
		char row[1024];
		snprintf(row, sizeof row, "%.*s",
			 e ? (int)(e - p - 1) : (int)strlen(p + 1), p + 1);
		char *at = strstr(row, note);
		if (at && !at[strlen(note)]) {
			*noted = true;
			*at = '\0';
		}
		char *b = row, *end = row + strlen(row);
		while (*b == ' ')
			b++;
		while (end > b && end[-1] == ' ')
			*--end = '\0';
		if (*b)
			len += (size_t)snprintf(buf + len, size - len, "%s%s",
						len ? " " : "", b);
	}
}

/* Lesson k's text lines joined by blanks. */
static void lesson_text(size_t k, char *buf, size_t size)
{
	const iv_lesson *x = &builtin.v[k - 1];
	size_t len = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < x->ntext; i++)
		len += (size_t)snprintf(buf + len, size - len, "%s%s",
					i ? " " : "", x->text[i]);
}

START_TEST(a_long_lesson_text_turns_pages)
{
	/* given lesson 14 on the smallest screen a classroom has (60x20),
	 * where its text does not fit: the first page says "more: }", and }
	 * turns pages whose text, joined, is the lesson's whole, every word
	 * (its last words, the third cure, included); the last page says
	 * "back: {", more } stay there, { goes back one; the next lesson
	 * starts at its first page; at 80x24 the text fits whole, no note */
	enum { K = 14, PAGES = 6 };
	char keys[1024], name[32], want[2048], got[2048], all[4096];
	size_t len = 0;
	bool more, back;
	lesson_text(K, want, sizeof want);
	len += (size_t)snprintf(keys, sizeof keys, "Wait Save page0.txt ");
	for (int i = 1; i <= PAGES; i++)
		len += (size_t)snprintf(keys + len, sizeof keys - len,
					"} Save page%d.txt ", i);
	snprintf(keys + len, sizeof keys - len,
		 "{ Save back.txt . Wait Save next.txt");
	for (int i = 0; i <= PAGES; i++) {
		snprintf(name, sizeof name, "page%d.txt", i);
		remove(name);
	}
	remove("back.txt");
	remove("next.txt");
	tui_options o = {.keys = KEYS, .lessons = &builtin, .lesson = K};
	ck_assert_int_eq(tut_run_keys(&app, &scr, &builtin.v[K - 1].cfg, &o,
				      keys, 20, TUI_MIN_COLS),
			 0);
	const char *last = strrchr(want, ' ') + 1; /* "(4.5)." */
	char prev[2048] = "";
	size_t alen = 0;
	int pages = 0;
	all[0] = '\0';
	for (int i = 0; i <= PAGES; i++) {
		snprintf(name, sizeof name, "page%d.txt", i);
		char *s = tut_slurp(name);
		panel_text(s, got, sizeof got, "more: }", &more);
		if (!more)
			panel_text(s, got, sizeof got, "back: {", &back);
		ck_assert_msg(more || back, "page %d:\n%s", i, s);
		/* while more follows, not the last words */
		ck_assert_msg(!more || !strstr(got, last), "%s", s);
		if (!strcmp(got, prev)) { /* } on the last page stays */
			ck_assert_msg(!more, "%s", s);
			free(s);
			continue;
		}
		alen += (size_t)snprintf(all + alen, sizeof all - alen, "%s%s",
					 alen ? " " : "", got);
		snprintf(prev, sizeof prev, "%s", got);
		pages++;
		free(s);
	}
	ck_assert_int_ge(pages, 2);
	ck_assert_str_eq(all, want);
	char *s = tut_slurp("page0.txt");
	ck_assert_msg(strstr(s, "more: }") && !strstr(s, last), "%s", s);
	free(s);
	s = tut_slurp("back.txt"); /* one page before the last */
	ck_assert_msg(strstr(s, "more: }") && !strstr(s, last), "%s", s);
	free(s);
	s = tut_slurp("next.txt");
	panel_text(s, got, sizeof got, "more: }", &more);
	lesson_text(K + 1, want, sizeof want);
	ck_assert_msg(!strncmp(got, want, strlen(got)) && strlen(got) > 20,
		      "%s\n%s", got, s);
	free(s);
	tut_close(&app, &scr);

	remove(SAVED);
	ck_assert_int_eq(tut_run_keys(&app, &scr, &builtin.v[K - 1].cfg, &o,
				      "Wait } Save " SAVED, 24, 80),
			 0);
	s = tut_slurp(SAVED);
	lesson_text(K, want, sizeof want);
	panel_text(s, got, sizeof got, "more: }", &more);
	ck_assert_str_eq(got, want);
	ck_assert_msg(!strstr(s, "more: }") && !strstr(s, "back: {"), "%s", s);
	free(s);
}
END_TEST

static double cfg_input(const iv_config *c) { return c->input; }
static double cfg_alpha(const iv_config *c) { return c->res_scale; }
static double cfg_std(const iv_config *c) { return c->std; }
static double cfg_init(const iv_config *c) { return c->init; }
/* 1 for a batch-normalized branch at alpha 1 (lesson 14's claims "with
 * norm=batch" keep the lesson's alpha) */
static double cfg_batch_alpha_1(const iv_config *c)
{
	return c->norm == IV_NORM_BATCH && iv_config_res_scale(c) == 1;
}

/* The keys a lesson's text tells the class to press, the setting they
 * must lead to (the one its claims are evaluated "with"). */
static const struct {
	size_t lesson;
	const char *phrase, *keys;
	double (*get)(const iv_config *);
	double want;
} named_keys[] = {
	{ 4, "Then x, n (gaussian inputs)", "x n", cfg_input,
	  IV_INPUT_GAUSSIAN },
	/* lesson 14's cures one after the other, as a class presses them:
	 * Y after y steps back to alpha 1, not to 0, so the text says to
	 * reset (0) before each */
	{ 14, "Cures, each after 0 (reset): y, alpha 1/sqrt(L)", "0 y",
	  cfg_alpha, 0.22360679774997896 /* 1/sqrt(20) */ },
	{ 14, "; Y, alpha 0", "0 y 0 Y", cfg_alpha, 0 },
	{ 14, "; z, a normalized branch", "0 y 0 Y 0 z", cfg_batch_alpha_1,
	  1 },
	{ 15, "std 0.01 or 1 (] [)", "] ] ] ] ] ] ]", cfg_std, 1.28 },
	{ 16, "/he-n Enter (He's init)", "/ h e - n Enter", cfg_init,
	  IV_INIT_HE_NORMAL },
};

START_TEST(the_keys_a_lesson_names_do_what_it_says)
{
	/* given a lesson whose text names keys, when they are pressed in it,
	 * then the setting is the one the text (and its claim) means */
	char text[2048], keys[128];
	size_t k = named_keys[_i].lesson;
	lesson_text(k, text, sizeof text);
	ck_assert_msg(strstr(text, named_keys[_i].phrase), "lesson %zu: %s", k,
		      text);
	snprintf(keys, sizeof keys, "Wait %s Wait", named_keys[_i].keys);
	run(keys, &builtin.v[k - 1].cfg,
	    (tui_options){.lessons = &builtin, .lesson = k});
	ck_assert_msg(fabs(named_keys[_i].get(&app.model.cfg) -
			   named_keys[_i].want) < 1e-12,
		      "lesson %zu, %s: got %g, want %g", k, named_keys[_i].keys,
		      named_keys[_i].get(&app.model.cfg), named_keys[_i].want);
}
END_TEST

START_TEST(a_modified_lesson_draws_on_the_narrowest_screen)
{
	/* given each built-in lesson on the narrowest screen, when d (the
	 * settings leave the lesson's), then the rule still draws with the
	 * lesson's number: a title too long for even " modified " walked the
	 * rule's notes past their end and crashed (lesson 16 at 60 columns) */
	size_t k = (size_t)_i + 1;
	char want[32];
	remove(SAVED);
	ck_assert_int_eq(
	    tut_run_keys(&app, &scr, &builtin.v[k - 1].cfg,
			 &(tui_options){.keys = KEYS,
					.lessons = &builtin,
					.lesson = k},
			 "d Wait Save " SAVED, 24, TUI_MIN_COLS),
	    0);
	char *s = tut_slurp(SAVED);
	snprintf(want, sizeof want, "── lesson %zu/%zu: ", k, builtin.n);
	ck_assert_msg(strstr(s, want), "%s", s);
	free(s);
}
END_TEST

/* tanh, depth 4, width 32 under N(0, std^2) weights: one step trained
 * (t), the screen saved to SAVED. */
static void train_one_step_at(double std)
{
	iv_config c;
	small(&c, IV_INIT_NORMAL, 4);
	c.std = std;
	c.width = 32;
	remove(SAVED);
	ck_assert_int_eq(tut_run_keys(&app, &scr, &c,
				      &(tui_options){.keys = KEYS},
				      "t Wait Save " SAVED, 40, 200),
			 0);
}

START_TEST(nearly_all_saturated_is_not_100_percent_in_training)
{
	/* given tanh under N(0, 200^2) weights (99.7% of the entries
	 * saturated, not all), when one step is trained, then the training
	 * strip does not say "saturated 100%" for either figure: all
	 * saturated would mean no gradient at all */
	train_one_step_at(200);
	const tui_train *t = &app.train;
	ck_assert_msg(t->sat >= 0.995 && t->sat < 1 && t->sat0 >= 0.995 &&
			  t->sat0 < 1,
		      "saturated %.17g, at step 0 %.17g", t->sat, t->sat0);
	char *s = tut_slurp(SAVED), line[256];
	ck_assert_msg(tut_line_from(s, "saturated ", line, sizeof line), "%s",
		      s);
	ck_assert_msg(!strstr(line, "100%"), "%s", line);
	free(s);
}
END_TEST

START_TEST(the_loss_is_named_beside_its_curve_at_60_columns)
{
	/* given 120 steps trained on the narrowest screen (60 x 20), then the
	 * strip's first row says "loss" and its value beside the curve whose
	 * top and bottom it labels: "training  step 120  paused" took the
	 * row, and the loss, the last field, was dropped, leaving the curve's
	 * two numbers without a name */
	iv_config c;
	small(&c, IV_INIT_XAVIER_NORMAL, 4);
	remove(SAVED);
	ck_assert_int_eq(tut_run_keys(&app, &scr, &c,
				      &(tui_options){.keys = KEYS}, steps(120),
				      20, 60),
			 0);
	ck_assert_uint_eq(tui_train_steps(&app.train), 120);
	char *s = tut_slurp(SAVED), line[512];
	ck_assert_msg(tut_line_from(s, " training  step 120", line, sizeof line),
		      "%s", s);
	ck_assert_msg(strstr(line, "  loss "), "\"%s\"\n%s", line, s);
	free(s);
}
END_TEST

/* The number before word on the line, parsed; false when the word is not
 * there after a number. */
static bool label_before(const char *line, const char *word, double *v)
{
	const char *w = strstr(line, word), *n;
	if (!w || w < line + 2 || w[-1] != ' ')
		return false;
	for (n = w - 1; n > line && n[-1] != ' '; n--)
		;
	*v = atof(n);
	return n < w - 1;
}

START_TEST(the_loss_axis_says_it_is_log_and_what_its_ends_are)
{
	/* given 8 steps (the loss moves less than a decade) or 120 (it falls
	 * more) at 120x40, 80x24 and 60x15, then the curve's lower row says
	 * "log", the top is "<largest loss> max", and the bottom is "<least
	 * loss> min" when the loss fell a decade or more, else "<top / 10>
	 * axis": the floor is never read as a loss reached */
	static const int size[][2] = {{40, 120}, {24, 80}, {15, 60}};
	static const int nsteps[] = {8, 120};
	int k = _i % 3, n = nsteps[_i / 3];
	iv_config c;
	small(&c, IV_INIT_XAVIER_NORMAL, 4);
	remove(SAVED);
	ck_assert_int_eq(tut_run_keys(&app, &scr, &c,
				      &(tui_options){.keys = KEYS}, steps(n),
				      size[k][0], size[k][1]),
			 0);
	const tui_train *t = &app.train;
	ck_assert_uint_eq(t->nloss, (size_t)n + 1);
	double hi = 0, lo = INFINITY, v;
	for (size_t i = 0; i < t->nloss; i++) {
		hi = fmax(hi, t->loss[i]);
		lo = fmin(lo, t->loss[i]);
	}
	bool reached = lo <= hi / 10; /* the case this loop means */
	ck_assert(reached == (n == 120));
	char *s = tut_slurp(SAVED), top[512], bottom[512];
	const char *r = strstr(s, " training  step");
	ck_assert_msg(r, "%s", s);
	const char *e = strchr(r + 1, '\n');
	ck_assert(e);
	snprintf(top, sizeof top, "%.*s", (int)(e - r), r);
	const char *e2 = strchr(e + 1, '\n');
	snprintf(bottom, sizeof bottom, "%.*s", e2 ? (int)(e2 - e - 1) : 400,
		 e + 1);
	ck_assert_msg(strstr(bottom, " log "), "\"%s\"", bottom);
	ck_assert_msg(label_before(top, "max", &v), "\"%s\"", top);
	ck_assert_msg(fabs(v - hi) <= 0.005 * hi, "top %g, max %g", v, hi);
	ck_assert_msg(label_before(bottom, reached ? "min" : "axis", &v),
		      "\"%s\"", bottom);
	double want = reached ? lo : hi / 10;
	ck_assert_msg(fabs(v - want) <= 0.005 * want, "bottom %g, want %g", v,
		      want);
	ck_assert_msg(!strstr(bottom, reached ? "axis" : "min"), "\"%s\"",
		      bottom);
	free(s);
}
END_TEST

START_TEST(hardly_any_saturated_is_not_0_percent_in_training)
{
	/* given tanh under N(0, 0.13^2) weights (1 entry of 8192 saturated
	 * at step 0), when one step is trained, then the strip does not say
	 * "(from 0.0%)" for a measure above 0 */
	train_one_step_at(0.13);
	const tui_train *t = &app.train;
	ck_assert_msg(t->sat0 > 0 && t->sat0 < 0.0005, "at step 0 %.17g",
		      t->sat0);
	char *s = tut_slurp(SAVED);
	const char *h = strstr(s, "saturated ");
	ck_assert_msg(h, "%s", s);
	ck_assert_msg(!strncmp(strstr(h, "(from "), "(from <0.1%)", 12), "%.40s",
		      h);
	free(s);
}
END_TEST

/* Lesson k with the lesson's rate and readout, as the command line
 * resolves them, run through keys on a lines x cols screen and saved;
 * returns the saved screen. */
static char *run_lesson(int k, const char *keys, int lines, int cols)
{
	const iv_lesson *x = &builtin.v[k - 1];
	tui_options o = {.keys = KEYS, .lessons = &builtin, .lesson = k,
			 .lr = x->lr, .random_readout = x->random_readout};
	remove(SAVED);
	ck_assert_int_eq(tut_run_keys(&app, &scr, &x->cfg, &o, keys, lines,
				      cols),
			 0);
	return tut_slurp(SAVED);
}

START_TEST(the_strip_keeps_the_broken_layer_when_narrow)
{
	/* given lesson 13 on the narrowest screen, whose layer list shows
	 * only the first rows once training takes its strips, when steps
	 * break the top layer's symmetry, then the training strip still
	 * says so (in fewer words), not only that the weights changed: the
	 * lesson's look line points at it */
	enum { K = 13 };
	const iv_lesson *x = &builtin.v[K - 1];
	char *s = run_lesson(K, steps(20), 24, TUI_MIN_COLS), full[64],
	     terse[64];
	size_t L = x->cfg.depth,
	       top = tui_compute_layer(&app.comp, L)->distinct_neurons;
	ck_assert_msg(top > 1, "%s", s);
	ck_assert_uint_eq(tui_compute_layer(&app.comp, 1)->distinct_neurons, 1);
	snprintf(full, sizeof full, "%zu in layer %zu", top, L);
	snprintf(terse, sizeof terse, "%zu in L%zu", top, L);
	ck_assert_msg(strstr(s, "distinct") &&
			  (strstr(s, full) || strstr(s, terse)),
		      "%s", s);
	free(s);
}
END_TEST

START_TEST(the_first_lessons_say_whether_hidden_weights_moved_at_80)
{
	/* given lesson 1 (zeros) or 2 (one constant) at 80x24, a common
	 * projector size, when a few steps are taken, then the training strip
	 * says both the distinct count and whether the hidden weights moved
	 * (lesson 1's text: "the hidden weights never change"; lesson 2's:
	 * they change, all alike), the count in fewer words if need be */
	int k = _i + 1;
	char *s = run_lesson(k, steps(3), 24, 80);
	ck_assert_msg(strstr(s, k == 1 ? "hidden weights: unchanged"
				       : "hidden weights: changed"),
		      "lesson %d:\n%s", k, s);
	ck_assert_msg(strstr(s, "distinct neurons: 1 in every layer") ||
			      strstr(s, "distinct: 1 in every layer") ||
			      strstr(s, "distinct: 1 per layer"),
		      "lesson %d:\n%s", k, s);
	free(s);
}
END_TEST

START_TEST(the_symmetry_lesson_keeps_its_count_when_narrow)
{
	/* given lesson 13 (a constant init: one neuron a layer) on the
	 * narrowest screen, then the layer list keeps its distinct column,
	 * 1 in every row, the saturation giving way; at 120 columns both */
	enum { K = 13 };
	const iv_lesson *x = &builtin.v[K - 1];
	ck_assert_int_eq(x->cfg.init, IV_INIT_CONSTANT);
	tui_options o = {.keys = KEYS, .lessons = &builtin, .lesson = K};
	static const int widths[] = {TUI_MIN_COLS, 120};
	for (size_t k = 0; k < 2; k++) {
		remove(SAVED);
		ck_assert_int_eq(tut_run_keys(&app, &scr, &x->cfg, &o,
					      "Wait Save " SAVED,
					      widths[k] == 120 ? 40 : 20,
					      widths[k]),
				 0);
		char *s = tut_slurp(SAVED), *h = strstr(s, "\n L ");
		ck_assert_msg(h, "%s", s);
		char *e = strchr(h + 1, '\n');
		ck_assert_ptr_nonnull(e);
		*e = '\0';
		ck_assert_msg(strstr(h, " distinct │"), "%s", h);
		ck_assert_msg(!strstr(h, "sat") == (widths[k] == TUI_MIN_COLS),
			      "%s", h);
		*e = '\n';
		/* rows 1 to 3: "1" right before the separator */
		for (int l = 1; l <= 3; l++) {
			char row[8];
			snprintf(row, sizeof row, "\n %d ", l);
			const char *r = strstr(s, row), *bar;
			ck_assert_msg(r, "%s", s);
			bar = strstr(r, " │");
			ck_assert_msg(bar && bar - r > 3 && !strncmp(bar - 2, " 1", 2),
				      "%.*s", 80, r + 1);
		}
		free(s);
		tut_close(&app, &scr);
	}
}
END_TEST

/* Row k (0-based) of a saved screen, in buf. */
static const char *screen_row(const char *s, int k, char *buf, size_t size)
{
	const char *p = s;
	for (int i = 0; p && i < k; i++)
		p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL;
	ck_assert_ptr_nonnull(p);
	const char *e = strchr(p, '\n');
	snprintf(buf, size, "%.*s", e ? (int)(e - p) : (int)strlen(p), p);
	return buf;
}

START_TEST(an_overflowing_resnet_says_what_its_rows_show)
{
	/* given lesson 14's ResNet drawn with std 1e200, whose stream is Inf
	 * from layer 2 and NaN above, and whose gradients are NaN but for the
	 * top layer's, scrolled down a row: the gradient side's axis does not
	 * give the top layer's range over rows that have no finite value, and
	 * says so in words that fit whole (60 columns too); scrolled to the
	 * top layer, the range is back; the profile's legend still names the
	 * stream, its gradients and the branch */
	enum { K = 14 };
	static const struct {
		int lines, cols;
		const char *left, *right;
	} sizes[] = {
	    {40, 120, "no finite values in these rows",
	     "no finite values in these rows"},
	    {24, 80, "no finite values here", "no finite values here"},
	    {20, TUI_MIN_COLS, "none finite", "none finite"},
	};
	const iv_lesson *x = &builtin.v[K - 1];
	iv_config c = x->cfg;
	c.init = IV_INIT_NORMAL;
	c.std = 1e200;
	tui_options o = {.keys = KEYS, .lessons = &builtin, .lesson = K};
	char axis[512], want[128];
	for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
		remove(SAVED);
		remove("top.txt");
		ck_assert_int_eq(tut_run_keys(&app, &scr, &c, &o,
					      "Wait Down Save " SAVED
					      " End Save top.txt",
					      sizes[k].lines, sizes[k].cols),
				 0);
		for (size_t l = 2; l < c.depth; l++) { /* the premise */
			const iv_layer_stats *ls = iv_net_layer(app.comp.net, l);
			ck_assert(ls->q[IV_Q_ACT].finite == 0 &&
				  ls->q[IV_Q_GRAD_ACT].finite == 0);
		}
		char *s = tut_slurp(SAVED);
		ck_assert_msg(strstr(s, "\n 2 "), "%.2000s", s); /* scrolled */
		screen_row(s, 3, axis, sizeof axis); /* under the titles */
		snprintf(want, sizeof want, "   %s ", sizes[k].left);
		ck_assert_msg(!strncmp(axis, want, strlen(want)), "%s", axis);
		snprintf(want, sizeof want, "│ %s", sizes[k].right);
		const char *r = strstr(axis, want);
		ck_assert_msg(r && r[strlen(want)] == '\0', "%s", axis);
		ck_assert_msg(strstr(s, "measured ● ") &&
				  strstr(s, " ◆ ") && strstr(s, "■ ") &&
				  strstr(s, "branch"),
			      "%.3000s", s);
		free(s);
		s = tut_slurp("top.txt");
		screen_row(s, 3, axis, sizeof axis);
		ck_assert_msg(strstr(axis, "│ -4.86") && strstr(s, "\n20 "),
			      "%s", axis);
		free(s);
		tut_close(&app, &scr);
	}
}
END_TEST

START_TEST(a_diverged_resnet_keeps_the_weights_that_overflowed)
{
	/* given lesson 14 (a ResNet that diverges), when t is pressed three
	 * times, then the third step finds the loss not finite and takes no
	 * update: training stops at step 2 on weights still finite, and the
	 * screen shows that network, whose first layer is finite, not a NaN
	 * update of it (which made every row "all NaN") */
	enum { K = 14 };
	const iv_lesson *x = &builtin.v[K - 1];
	tui_options o = {.keys = KEYS, .lessons = &builtin, .lesson = K};
	remove(SAVED);
	ck_assert_int_eq(tut_run_keys(&app, &scr, &x->cfg, &o,
				      "t t t Wait Save " SAVED, 40, 120),
			 0);
	ck_assert(tui_train_diverged(&app.train));
	ck_assert_uint_eq(tui_train_steps(&app.train), 2);
	for (size_t l = 1; l <= x->cfg.depth; l++) {
		const iv_stats *w = &iv_net_layer(app.comp.net, l)->q[IV_Q_WEIGHTS];
		ck_assert_msg(w->nan == 0 && w->inf == 0, "layer %zu", l);
	}
	const iv_stats *h1 = &iv_net_layer(app.comp.net, 1)->q[IV_Q_ACT];
	ck_assert(h1->finite == h1->count && h1->count > 0);
	char *s = tut_slurp(SAVED), row[512];
	ck_assert_msg(strstr(s, " step 2 ") && strstr(s, "diverged"), "%s", s);
	screen_row(s, 4, row, sizeof row); /* layer 1 */
	char *sep = strstr(row, "│"); /* its activations, left of it */
	ck_assert_ptr_nonnull(sep);
	*sep = '\0';
	ck_assert_msg(!strncmp(row, " 1 ", 3) && !strstr(row, "NaN") &&
			  !strstr(row, "Inf"),
		      "%s", row);
	free(s);
}
END_TEST

START_TEST(a_count_beside_inf_is_written_over_the_bars)
{
	/* given two linear layers of 256 whose weights have std 6.25e152,
	 * the second layer's entries are about 1e308: a tenth overflow to Inf
	 * and the finite ones fill the histogram to its right end; then the
	 * row's "Inf N" is written whole over the bars, with a blank between
	 * the word and its count, not a bar */
	iv_config c;
	small(&c, IV_INIT_NORMAL, 2);
	c.act = IV_ACT_LINEAR;
	c.width = 256;
	c.std = 6.25e152;
	char *s = drawn(&c, 40, 120), row[512], label[64];
	const iv_stats *h2 = &iv_net_layer(app.comp.net, 2)->q[IV_Q_ACT];
	ck_assert(h2->inf > 0 && h2->finite > h2->inf); /* the premise */
	screen_row(s, 5, row, sizeof row); /* layer 2 */
	snprintf(label, sizeof label, " Inf %zu ", h2->inf);
	const char *at = strstr(row, label);
	ck_assert_msg(at, "%s", row);
	/* bars right up to the label: the histogram is full there */
	ck_assert_msg(at - row > 3 && strncmp(at - 3, " ", 1) != 0, "%s", row);
	free(s);
}
END_TEST

START_TEST(an_inf_count_says_out_of_how_many)
{
	/* given two linear layers of 256 whose weights have std 6.25e152
	 * (2102 of layer 2's 16384 activations are Inf, as the report says),
	 * at 120x40, 80x24 and 60x15, UTF-8 and --ascii, then layer 2's row
	 * says "Inf 2102 of 16384" where the row has room (120 and 80), and
	 * never a count cut or a total without its count */
	static const int size[][2] = {{40, 120}, {24, 80}, {15, 60}};
	int k = _i % 3;
	iv_config c;
	small(&c, IV_INIT_NORMAL, 2);
	c.act = IV_ACT_LINEAR;
	c.width = 256;
	c.std = 6.25e152;
	tui_options o = {.keys = KEYS, .ascii = _i >= 3};
	remove(SAVED);
	ck_assert_int_eq(tut_run_keys(&app, &scr, &c, &o, "Wait Save " SAVED,
				      size[k][0], size[k][1]),
			 0);
	char *s = tut_slurp(SAVED), row[512], label[64];
	const iv_stats *h2 = &iv_net_layer(app.comp.net, 2)->q[IV_Q_ACT];
	ck_assert_uint_eq(h2->count, 64 * 256);
	ck_assert(h2->inf > 0 && h2->finite > h2->inf && h2->nan == 0);
	screen_row(s, 5, row, sizeof row); /* layer 2 */
	ck_assert_msg(strncmp(row, " 2 ", 3) == 0, "%s", row);
	snprintf(label, sizeof label, " Inf %zu of %zu ", h2->inf, h2->count);
	const char *of = strstr(row, " of ");
	if (k < 2)
		ck_assert_msg(strstr(row, label), "%s", row);
	else if (of) /* a total is said only after its count, whole */
		ck_assert_msg(strstr(row, label), "%s", row);
	else
		ck_assert_msg(strstr(row, " Inf "), "%s", row);
	free(s);
}
END_TEST

START_TEST(notice_shows_at_start)
{
	iv_config c;
	small(&c, IV_INIT_XAVIER_NORMAL, 2);
	run("Wait Save " SAVED, &c,
	    (tui_options){.notice = "initviz: my.lessons:3: unknown setting"});
	char *s = tut_slurp(SAVED);
	ck_assert_msg(strstr(s, "my.lessons:3: unknown setting"), "%s", s);
	free(s);
}
END_TEST

/* Files of dir named initviz-screen-*.txt, their texts in out. */
/* The saved files of dir ending in suffix, their text into out. */
static int saved_files(const char *dir, const char *suffix, char **out,
		       int max)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char path[4096];
	int n = 0;
	size_t ls = strlen(suffix);
	while (d && (e = readdir(d)))
		if (strncmp(e->d_name, "initviz-screen-", 15) == 0 &&
		    strlen(e->d_name) > ls &&
		    strcmp(e->d_name + strlen(e->d_name) - ls, suffix) == 0 &&
		    n < max) {
			snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
			out[n++] = tut_slurp(path);
		} else if (e->d_name[0] == '.' && strstr(e->d_name, ".tmp")) {
			n = max + 1; /* a temporary file was left */
		}
	if (d)
		closedir(d);
	return n;
}

START_TEST(S_saves_without_overwriting)
{
	/* given S, a change, S again within the same second or not, then two
	 * files, one with each screen, and the status line names the file */
	char dir[] = "savedir", *text[4];
	iv_config c;
	small(&c, IV_INIT_XAVIER_NORMAL, 2);
	ck_assert(system("rm -rf savedir && mkdir savedir") == 0);
	setenv("INITVIZ_SAVE_DIR", dir, 1);
	run("Wait S a Wait S Save " SAVED, &c, (tui_options){0});
	unsetenv("INITVIZ_SAVE_DIR");
	ck_assert_int_eq(saved_files(dir, ".txt", text, 4), 2);
	bool tanh0 = strstr(text[0], "act tanh") != NULL;
	ck_assert(strstr(text[tanh0 ? 1 : 0], "act relu"));
	ck_assert(!strstr(text[tanh0 ? 1 : 0], "act tanh"));
	ck_assert(strstr(text[tanh0 ? 0 : 1], "act tanh"));
	ck_assert_uint_eq(strlen(text[0]) > 0, 1);
	free(text[0]);
	free(text[1]);
	/* and a figure beside each, of its own network */
	ck_assert_int_eq(saved_files(dir, ".svg", text, 4), 2);
	for (int i = 0; i < 2; i++) {
		ck_assert(strncmp(text[i], "<?xml", 5) == 0 ||
			  strncmp(text[i], "<svg", 4) == 0);
		ck_assert_ptr_nonnull(strstr(text[i], "</svg>"));
	}
	tanh0 = strstr(text[0], "initviz: tanh") != NULL;
	ck_assert_ptr_nonnull(strstr(text[tanh0 ? 1 : 0], "initviz: relu"));
	free(text[0]);
	free(text[1]);
	char *s = tut_slurp(SAVED);
	ck_assert_msg(strstr(s, "screen saved to savedir/initviz-screen-"),
		      "%s", s);
	ck_assert_msg(strstr(s, ".txt and .svg"), "%s", s);
	free(s);
}
END_TEST

START_TEST(lesson_screen_matches_snapshot)
{
	/* given lesson 2 at half the learning rate, when 10 steps, then the
	 * screen reads as tests/snapshots/lesson_training.txt */
	run("< t t t t t t t t t t Wait Save " SAVED, &builtin.v[1].cfg,
	    (tui_options){.lessons = &builtin, .lesson = 2, .lr = 0.05});
	char *got = tut_slurp(SAVED);
	tut_compare_snapshot("lesson_training", got);
	free(got);
}
END_TEST

static void free_builtin(void) { iv_lessons_free(&builtin); }

Suite *suite(void)
{
	cm_locale();
	if (cm_tmpdir("initviz-teach") != 0 ||
	    cli_lessons(&builtin, NULL, stderr) != 0)
		return NULL;
	cm_at_end(free_builtin);
	Suite *s = suite_create("tui_teach");
	TCase *t = tcase_create("training");
	tcase_set_timeout(t, 60);
	tcase_add_checked_fixture(t, NULL, teardown);
	tcase_add_test(t, constant_init_stays_one_neuron);
	tcase_add_test(t, zeros_tanh_hidden_weights_never_move);
	tcase_add_test(t, random_init_learns_and_stays_distinct);
	tcase_add_test(t, counts_over_nan_are_not_shown);
	tcase_add_test(t, profile_says_which_std_it_cannot_draw);
	tcase_add_test(t, profile_leaves_out_a_std_beside_an_inf);
	tcase_add_test(t, nan_and_inf_counts_whole_or_none);
	tcase_add_loop_test(t, divergence_is_named_at_every_width, 0,
			    (int)(sizeof strip_cols / sizeof strip_cols[0]));
	tcase_add_loop_test(t, a_divergence_after_steps_points_at_the_rate, 0,
			    (int)(sizeof strip_cols / sizeof strip_cols[0]));
	tcase_add_test(t, large_ratios_are_whole);
	tcase_add_test(t, the_ratio_strips_grad_column_is_named_and_true);
	tcase_add_loop_test(t, the_grad_column_is_explained_at_80_columns, 0, 8);
	tcase_add_test(t, a_deep_network_shows_every_kept_ratio_row);
	tcase_add_test(t, steps_not_measured_are_marked);
	tcase_add_test(t, the_strip_names_the_layer_that_broke);
	tcase_add_test(t, x_goes_back_to_the_initial_weights);
	tcase_add_test(t, the_prediction_is_not_drawn_over_trained_weights);
	tcase_add_test(t, a_setting_change_resets_training);
	tcase_add_test(t, nearly_all_saturated_is_not_100_percent_in_training);
	tcase_add_test(t, hardly_any_saturated_is_not_0_percent_in_training);
	tcase_add_test(t, the_loss_is_named_beside_its_curve_at_60_columns);
	tcase_add_loop_test(t, the_loss_axis_says_it_is_log_and_what_its_ends_are,
			    0, 6);
	suite_add_tcase(s, t);
	t = tcase_create("lessons");
	tcase_set_timeout(t, 60);
	tcase_add_checked_fixture(t, NULL, teardown);
	tcase_add_test(t, every_builtin_lesson_loads_and_draws);
	tcase_add_test(t, a_lesson_quotes_chi1_as_the_settings_bar_shows_it);
	tcase_add_test(t, a_narrow_screen_cuts_titles_between_words);
	tcase_add_test(t, every_lesson_says_how_to_go_on_at_80_columns);
	tcase_add_test(t, a_lesson_sets_its_learning_rate);
	tcase_add_test(t, leaving_a_lesson_says_modified);
	tcase_add_loop_test(t, a_modified_lesson_draws_on_the_narrowest_screen, 0,
			    (int)builtin.n);
	tcase_add_test(t, a_long_lesson_text_turns_pages);
	tcase_add_loop_test(t, the_keys_a_lesson_names_do_what_it_says, 0,
			    (int)(sizeof named_keys / sizeof named_keys[0]));
	tcase_add_test(t, the_symmetry_lesson_keeps_its_count_when_narrow);
	tcase_add_loop_test(t, the_first_lessons_say_whether_hidden_weights_moved_at_80,
			    0, 2);
	tcase_add_test(t, the_strip_keeps_the_broken_layer_when_narrow);
	tcase_add_test(t, an_overflowing_resnet_says_what_its_rows_show);
	tcase_add_test(t, a_diverged_resnet_keeps_the_weights_that_overflowed);
	tcase_add_test(t, a_count_beside_inf_is_written_over_the_bars);
	tcase_add_loop_test(t, an_inf_count_says_out_of_how_many, 0, 6);
	tcase_add_test(t, notice_shows_at_start);
	tcase_add_test(t, S_saves_without_overwriting);
	tcase_add_test(t, lesson_screen_matches_snapshot);
	tcase_add_test(t, wide_characters_take_their_two_columns);
	tcase_add_test(t, text_is_put_in_whole_cells);
	suite_add_tcase(s, t);
	return s;
}
