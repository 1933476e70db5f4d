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
#include <initviz/net.h>
#include "view/lessons.h"
#include "view/save.h"
#include "view/text.h"
#include "view/train.h"
#include "view_testutil.h"

#define LEN(a) (sizeof(a) / sizeof((a)[0]))

static iv_net *net;
static tui_train tr;

static iv_net *make_net(iv_init_kind init, size_t depth)
{
	iv_config c;
	iv_status st;
	iv_config_defaults(&c);
	c.init = init;
	c.depth = depth;
	c.width = 16;
	c.batch = 32;
	iv_net *n = iv_net_alloc(&c, &st);
	ck_assert_msg(n != NULL, "%s", iv_status_str(st));
	ck_assert_int_eq(iv_net_run(n), IV_OK);
	return n;
}

static void teardown(void)
{
	tui_train_done(&tr);
	iv_net_free(net);
	net = NULL;
}

/* Run as the view does: steps, then fresh statistics, then the note. */
static void run(void)
{
	ck_assert_int_eq(tui_train_run(&tr, net, 10.0), IV_OK);
	iv_net_restart(net);
	ck_assert_int_eq(iv_net_run(net), IV_OK);
	tui_train_note(&tr, net);
}

START_TEST(idle_until_asked)
{
	/* given a new state, then nothing to do, no trainer, NAN loss */
	net = make_net(IV_INIT_XAVIER_NORMAL, 2);
	tui_train_init(&tr, 0);
	ck_assert(tr.lr == IV_TRAIN_LR); /* 0: the default */
	ck_assert_uint_eq(tui_train_burst(&tr), 0);
	ck_assert_int_eq(tui_train_run(&tr, net, 1.0), IV_OK);
	ck_assert_ptr_null(tr.tr);
	ck_assert(!tui_train_active(&tr));
	ck_assert(isnan(tui_train_loss(&tr)));
}
END_TEST

START_TEST(asked_steps_are_taken_once)
{
	/* given 3 asks, when run, then 3 steps, 4 losses (step 0 too), none
	 * asked any more; the loss after k steps is what the engine says */
	net = make_net(IV_INIT_XAVIER_NORMAL, 2);
	tui_train_init(&tr, 0.05);
	for (int i = 0; i < 3; i++)
		tui_train_ask(&tr);
	ck_assert_uint_eq(tui_train_burst(&tr), 3);
	run();
	ck_assert_uint_eq(tui_train_steps(&tr), 3);
	ck_assert_uint_eq(tr.nloss, 4);
	ck_assert_uint_eq(tr.queued, 0);
	ck_assert_uint_eq(tui_train_burst(&tr), 0);
	ck_assert_int_eq(iv_train_evaluate(tr.tr), IV_OK);
	ck_assert(iv_train_loss(tr.tr) == tui_train_loss(&tr));
	ck_assert(tr.loss[0] > tr.loss[3]); /* a sensible init learns */
	ck_assert_uint_eq(tr.moved, 2);
}
END_TEST

START_TEST(a_run_speeds_up_and_asking_pauses_it)
{
	/* given a run, then 1 step a frame at first, one more per
	 * TUI_BURST_EVERY steps, never over TUI_BURST_MAX; t pauses it */
	net = make_net(IV_INIT_XAVIER_NORMAL, 1);
	tui_train_init(&tr, 0.01);
	tui_train_toggle(&tr);
	ck_assert(tr.running);
	ck_assert_uint_eq(tui_train_burst(&tr), 1);
	while (tui_train_steps(&tr) < TUI_BURST_EVERY)
		run();
	ck_assert_uint_eq(tui_train_steps(&tr), TUI_BURST_EVERY);
	ck_assert_uint_eq(tui_train_burst(&tr), 2);
	ck_assert(tr.running);
	tui_train_ask(&tr);
	ck_assert(!tr.running);
	ck_assert_uint_eq(tui_train_burst(&tr), 1);
	run();
	ck_assert_uint_eq(tui_train_steps(&tr), TUI_BURST_EVERY + 1);
	tui_train_toggle(&tr);
	while (tui_train_steps(&tr) < 25 * TUI_BURST_EVERY)
		ck_assert_int_eq(iv_train_step(tr.tr), IV_OK);
	ck_assert_uint_eq(tui_train_burst(&tr), TUI_BURST_MAX);
	tui_train_toggle(&tr);
	ck_assert_uint_eq(tui_train_burst(&tr), 0);
}
END_TEST

START_TEST(zeros_leave_the_hidden_weights_alone)
{
	/* given zeros and tanh, when 20 steps, then no layer's weight
	 * statistics moved, and every weight is still exactly 0 */
	net = make_net(IV_INIT_ZEROS, 3);
	tui_train_init(&tr, 0.5);
	for (int i = 0; i < 20; i++)
		tui_train_ask(&tr);
	run();
	ck_assert_uint_eq(tui_train_steps(&tr), 20);
	ck_assert_uint_eq(tr.moved, 0);
	for (size_t l = 1; l <= 3; l++) {
		size_t r, c;
		const double *w = iv_net_data(net, l, IV_Q_WEIGHTS, &r, &c);
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
	iv_status st;
	iv_config_defaults(&c);
	c.init = IV_INIT_CONSTANT;
	net = iv_net_alloc(&c, &st);
	ck_assert_msg(net != NULL, "%s", iv_status_str(st));
	ck_assert_int_eq(iv_net_run(net), IV_OK);
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
	/* when T runs 60 steps at the default rate */
	tui_train_init(&tr, IV_TRAIN_LR);
	tui_train_toggle(&tr);
	while (tui_train_steps(&tr) < 60 && !tui_train_diverged(&tr))
		run();
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
	net = make_net(IV_INIT_NORMAL, 2);
	tui_train_init(&tr, TUI_LR_MAX);
	tui_train_toggle(&tr);
	for (int i = 0; i < 200 && tr.running; i++)
		run();
	ck_assert(tui_train_diverged(&tr));
	ck_assert(!tr.running);
	ck_assert_uint_eq(tui_train_burst(&tr), 0);
}
END_TEST

START_TEST(learning_rate_keys)
{
	/* given no step yet, then halving just sets; after a step, changing
	 * it forgets the trainer; at the limits nothing changes */
	net = make_net(IV_INIT_XAVIER_NORMAL, 1);
	tui_train_init(&tr, 0.05);
	ck_assert_int_eq(tui_train_scale_lr(&tr, 0.5), TUI_LR_SET);
	ck_assert(tr.lr == 0.025);
	tui_train_ask(&tr);
	run();
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
	tcase_add_test(t, a_run_speeds_up_and_asking_pauses_it);
	tcase_add_test(t, zeros_leave_the_hidden_weights_alone);
	tcase_add_test(t, divergence_stops_the_run);
	tcase_add_test(t, learning_rate_keys);
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
	tcase_add_loop_test(t, config_same_sees_every_setting, 0, 15);
	suite_add_tcase(s, t);
	t = tcase_create("save");
	tcase_add_test(t, save_never_overwrites);
	tcase_add_test(t, handout_has_the_command_first_and_no_key_bar);
	tcase_add_test(t, save_errors_name_the_directory);
	tcase_add_test(t, save_refuses_names_too_long);
	suite_add_tcase(s, t);
	return s;
}
