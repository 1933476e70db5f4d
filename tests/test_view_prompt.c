/* SPDX-License-Identifier: MIT */
/* The view's prompt without curses: typing, editing, Esc, Tab, every `:`
 * setting with good and bad values, the `/` jump by name, and the limits
 * the prompt shares with the command line (a value one refuses, the other
 * refuses too, with the same range in the message). */
#include <check.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "cli/opts.h"
#include "view/keys.h"
#include "view/prompt.h"
#include "util/range.h"
#include "view_testutil.h"

#define LEN(a) (sizeof(a) / sizeof((a)[0]))

static tui_model m;
static tui_train t;
static tui_prompt p;

static void setup(void)
{
	iv_config c;
	iv_config_defaults(&c); /* xavier-normal, gain 1, tanh */
	c.depth = 6;
	c.width = 32;
	c.batch = 64;
	tui_model_init(&m, &c);
	tui_train_init(&t, 0.05);
}

static void teardown(void)
{
	tui_train_done(&t);
}

/* Open a prompt of kind, type text, then press last (0: nothing more);
 * the result of the last key. */
static tui_prompt_result type(tui_prompt_kind kind, const char *text,
			      int last)
{
	tui_prompt_result r = TUI_PROMPT_OPEN;
	tui_prompt_open(&p, kind, &m);
	for (const char *s = text; *s; s++) {
		r = tui_prompt_key(&p, (unsigned char)*s, &m, &t);
		ck_assert_int_eq(r, TUI_PROMPT_OPEN);
	}
	if (last)
		r = tui_prompt_key(&p, last, &m, &t);
	return r;
}

static tui_prompt_result enter(const char *text)
{
	return type(TUI_PROMPT_SET, text, '\n');
}

/* --- good values: every setting -------------------------------------------- */

static const struct {
	const char *text;
	iv_init_kind init; /* the scheme before (its knob) */
	const char *shows; /* the notice after */
	tui_prompt_result r;
} good[] = {
    {"depth 30", IV_INIT_XAVIER_NORMAL, "depth 30 (was 6)", TUI_PROMPT_CONFIG},
    {"width 48", IV_INIT_XAVIER_NORMAL, "width 48 (was 32)", TUI_PROMPT_CONFIG},
    {"batch 100", IV_INIT_XAVIER_NORMAL, "batch 100 (was 64)", TUI_PROMPT_CONFIG},
    {"seed 18446744073709551615", IV_INIT_XAVIER_NORMAL,
     "seed 18446744073709551615 (was 1)", TUI_PROMPT_CONFIG},
    {"gain 1.7", IV_INIT_XAVIER_NORMAL, "gain 1.7 (was 1)", TUI_PROMPT_CONFIG},
    {"1.7", IV_INIT_XAVIER_NORMAL, "gain 1.7 (was 1)", TUI_PROMPT_CONFIG},
    {"std 0.1", IV_INIT_NORMAL, "std 0.1 (was 0.01)", TUI_PROMPT_CONFIG},
    {".1", IV_INIT_NORMAL, "std 0.1 (was 0.01)", TUI_PROMPT_CONFIG},
    {"value 0.02", IV_INIT_CONSTANT, "value 0.02 (was ", TUI_PROMPT_CONFIG},
    {"bias -0.25", IV_INIT_XAVIER_NORMAL, "bias -0.25 (was 0)", TUI_PROMPT_CONFIG},
    {"lr 0.01", IV_INIT_XAVIER_NORMAL, "learning rate 0.01 (was 0.05)",
     TUI_PROMPT_LR},
    {"bias-std 0.1", IV_INIT_XAVIER_NORMAL, "bias-std 0.1 (was 0)",
     TUI_PROMPT_CONFIG},
    {"bias-s 0.5", IV_INIT_ZEROS, "bias-std 0.5 (was 0)", TUI_PROMPT_CONFIG},
    {"slope 0.2", IV_INIT_XAVIER_NORMAL, "slope 0.2 (was 0.01)",
     TUI_PROMPT_CONFIG},
    {"bias 0.5", IV_INIT_XAVIER_NORMAL, "bias 0.5 (was 0)", TUI_PROMPT_CONFIG},
    /* forms: a prefix, '=', blanks around, leading zeros */
    {"  dep   30  ", IV_INIT_XAVIER_NORMAL, "depth 30", TUI_PROMPT_CONFIG},
    {"d=30", IV_INIT_XAVIER_NORMAL, "depth 30", TUI_PROMPT_CONFIG},
    {"depth 030", IV_INIT_XAVIER_NORMAL, "depth 30", TUI_PROMPT_CONFIG},
    {"w 10000", IV_INIT_XAVIER_NORMAL, "width 10000", TUI_PROMPT_CONFIG},
    {"g 1e-300", IV_INIT_XAVIER_NORMAL, "gain 1e-300", TUI_PROMPT_CONFIG},
    {"st 0", IV_INIT_NORMAL, "std 0 (was 0.01)", TUI_PROMPT_CONFIG},
    /* the value it has: closed, nothing changed */
    {"depth 6", IV_INIT_XAVIER_NORMAL, "depth 6 already", TUI_PROMPT_CANCEL},
    {"lr 0.05", IV_INIT_XAVIER_NORMAL, "learning rate 0.05 already",
     TUI_PROMPT_CANCEL},
};

static double value_of(const char *name)
{
	const iv_config *c = &m.cfg;
	if (!strcmp(name, "depth")) return (double)c->depth;
	if (!strcmp(name, "width")) return (double)c->width;
	if (!strcmp(name, "batch")) return (double)c->batch;
	if (!strcmp(name, "seed")) return (double)c->seed;
	if (!strcmp(name, "gain")) return c->gain;
	if (!strcmp(name, "std")) return c->std;
	if (!strcmp(name, "value")) return c->value;
	if (!strcmp(name, "bias")) return c->bias;
	if (!strcmp(name, "bias-std")) return c->bias_std;
	if (!strcmp(name, "slope")) return c->slope;
	return t.lr;
}

START_TEST(each_setting_takes_a_good_value)
{
	/* given the scheme of the case, when the text is typed and Enter
	 * pressed, then the setting has the value the command line would
	 * give it, and the notice says what changed */
	m.cfg.init = good[_i].init;
	tui_prompt_result r = enter(good[_i].text);
	ck_assert_int_eq(r, good[_i].r);
	ck_assert_msg(strstr(m.msg, good[_i].shows), "\"%s\": notice \"%s\"",
		      good[_i].text, m.msg);
	if (r != TUI_PROMPT_CONFIG && r != TUI_PROMPT_LR)
		return;
	/* the value typed, read by the command line's option of that name */
	char opt[64], arg[96], err[256];
	snprintf(opt, sizeof opt, "%.*s", (int)strcspn(m.msg, " "), m.msg);
	const char *name = !strcmp(opt, "learning") ? "lr" : opt;
	const char *v = m.msg + strlen(opt) + 1;
	if (!strcmp(name, "lr"))
		v = m.msg + strlen("learning rate ");
	snprintf(arg, sizeof arg, "%.*s", (int)strcspn(v, " "), v);
	iv_config c;
	cli_opts o;
	iv_config_defaults(&c);
	if (!strcmp(name, "lr")) { /* a training option, not the network's */
		char flag[128];
		snprintf(flag, sizeof flag, "--lr=%s", arg);
		char *argv[] = {(char *)"initviz", flag, NULL};
		ck_assert_int_eq(cli_parse(2, argv, &o, err, sizeof err), 0);
		ck_assert_msg(t.lr == o.lr, "lr %.17g, want %.17g", t.lr, o.lr);
		return;
	}
	ck_assert_int_eq(cli_apply_setting(&c, name, arg, err, sizeof err),
			 0);
	double want = !strcmp(name, "depth")	? (double)c.depth
		      : !strcmp(name, "width") ? (double)c.width
		      : !strcmp(name, "batch") ? (double)c.batch
		      : !strcmp(name, "seed")  ? (double)c.seed
		      : !strcmp(name, "gain")  ? c.gain
		      : !strcmp(name, "std")   ? c.std
		      : !strcmp(name, "value") ? c.value
		      : !strcmp(name, "bias-std") ? c.bias_std
		      : !strcmp(name, "slope") ? c.slope
					       : c.bias;
	ck_assert_msg(value_of(name) == want, "\"%s\": %s %.17g, want %.17g",
		      good[_i].text, name, value_of(name), want);
}
END_TEST

/* --- bad values: the same refused by the command line ---------------------- */

static const struct {
	const char *name, *value;
	const char *says; /* in the note */
} bad[] = {
    {"depth", "0", "depth must be an integer from 1 to 10000 (got \"0\")"},
    {"depth", "10001", "an integer from 1 to 10000"},
    {"depth", "-3", "an integer from 1 to 10000"},
    {"depth", "5.0", "an integer from 1 to 10000"},
    {"depth", "0x10", "an integer from 1 to 10000"},
    {"depth", "1e3", "an integer from 1 to 10000"},
    {"depth", "+5", "an integer from 1 to 10000"},
    {"depth", "12abc", "(got \"12abc\")"},
    {"width", "0", "width must be an integer from 1 to "},
    {"width", "99999999999999999999999", "width must be an integer"},
    {"batch", "0", "batch must be an integer from 1 to "},
    {"batch", "2.5", "batch must be an integer"},
    {"seed", "-1", "seed must be an integer from 0 to 18446744073709551615"},
    {"seed", "18446744073709551616", "seed must be an integer from 0 to"},
    {"gain", "nan", "gain must be a number from -1e300 to 1e300"},
    {"gain", "inf", "gain must be a number"},
    {"gain", "1e301", "gain must be a number"},
    {"gain", "0x1p3", "gain must be a number"},
    {"gain", "1,5", "gain must be a number"},
    {"std", "-0.1", "std must be a number from 0 to 1e300"},
    {"value", "abc", "value must be a number"},
    {"bias", "1e999", "bias must be a number"},
    {"bias-std", "-1", "bias-std must be a number from 0 to 1e300"},
    {"slope", "nan", "slope must be a number"},
    {"lr", "0", "lr must be a number from 1e-12 to 1e6"},
    {"lr", "1e7", "lr must be a number from 1e-12 to 1e6"},
};

START_TEST(a_bad_value_is_refused_by_both)
{
	/* given a value the command line refuses for this setting, when it
	 * is typed, then the prompt refuses it too: it stays open with the
	 * text as typed, the note says why with the command line's range,
	 * and nothing changed */
	char text[128], err[256], arg[128], opt[64];
	iv_config c, before;
	cli_opts o;
	iv_config_defaults(&c);
	int clir = cli_apply_setting(&c, bad[_i].name, bad[_i].value, err,
					sizeof err);
	if (!strcmp(bad[_i].name, "lr")) { /* not a network setting */
		snprintf(arg, sizeof arg, "--lr=%s", bad[_i].value);
		char *argv[] = {(char *)"initviz", arg, NULL};
		clir = cli_parse(2, argv, &o, err, sizeof err);
	}
	ck_assert_int_eq(clir, 2);
	snprintf(opt, sizeof opt, "--%s must be ", bad[_i].name);
	ck_assert_msg(strstr(err, opt), "command line: %s", err);
	m.cfg.init = !strcmp(bad[_i].name, "std")	? IV_INIT_NORMAL
		     : !strcmp(bad[_i].name, "value") ? IV_INIT_CONSTANT
						      : m.cfg.init;
	before = m.cfg;
	double lr = t.lr;
	snprintf(text, sizeof text, "%s %s", bad[_i].name, bad[_i].value);
	ck_assert_int_eq(enter(text), TUI_PROMPT_OPEN);
	ck_assert(p.error);
	ck_assert_str_eq(p.text, text);
	ck_assert_msg(strstr(p.note, bad[_i].says), "note \"%s\"", p.note);
	/* the range in the note is the one the command line names */
	const char *range = strstr(p.note, " must be ") + 9;
	size_t n = strcspn(range, "(") - 1;
	ck_assert_msg(strncmp(strstr(err, " must be ") + 9, range, n) == 0,
		      "prompt \"%s\", command line \"%s\"", p.note, err);
	ck_assert(memcmp(&m.cfg, &before, sizeof before) == 0);
	ck_assert(t.lr == lr);
	ck_assert_str_eq(m.msg, "");
}
END_TEST

/* --- other refusals --------------------------------------------------------- */

static const struct {
	const char *text;
	iv_init_kind init;
	const char *says;
} refused[] = {
    {"dept", IV_INIT_XAVIER_NORMAL, "depth needs a value: an integer from 1"},
    {"b 3", IV_INIT_XAVIER_NORMAL, "\"b\" could be batch  bias"},
    {"zap 3", IV_INIT_XAVIER_NORMAL, "no setting \"zap\"; the settings: std"},
    {"std 0.5", IV_INIT_XAVIER_NORMAL,
     "xavier-normal reads no std: its knob is gain"},
    {"gain 2", IV_INIT_NORMAL, "normal reads no gain: its knob is std"},
    {"0.5", IV_INIT_ZEROS, "zeros has no variance knob"},
    {"gain 2", IV_INIT_ZEROS, "zeros has no variance knob"},
    {"-", IV_INIT_XAVIER_NORMAL, "gain must be a number"},
};

START_TEST(a_refusal_says_why)
{
	m.cfg.init = refused[_i].init;
	iv_config before = m.cfg;
	ck_assert_int_eq(enter(refused[_i].text), TUI_PROMPT_OPEN);
	ck_assert(p.error);
	ck_assert_msg(strstr(p.note, refused[_i].says), "\"%s\": note \"%s\"",
		      refused[_i].text, p.note);
	ck_assert(memcmp(&m.cfg, &before, sizeof before) == 0);
}
END_TEST

START_TEST(memory_limit_refuses_and_keeps_the_prompt)
{
	/* given a memory limit that the current network fits, when a width
	 * is typed that needs more, then the prompt stays open and says so */
	m.max_memory = iv_config_memory(&m.cfg) * 2;
	ck_assert_int_eq(enter("width 4096"), TUI_PROMPT_OPEN);
	ck_assert(p.error);
	ck_assert_msg(strstr(p.note, "width: would need"), "%s", p.note);
	ck_assert_uint_eq(m.cfg.width, 32);
	ck_assert_str_eq(m.msg, "");
	/* and a width within it is taken from the same prompt after editing */
	for (int i = 0; i < 4; i++)
		tui_prompt_key(&p, TUI_KEY_BACKSPACE, &m, &t);
	tui_prompt_key(&p, '4', &m, &t);
	tui_prompt_key(&p, '0', &m, &t);
	ck_assert_str_eq(p.text, "width 40");
	ck_assert_int_eq(tui_prompt_key(&p, '\n', &m, &t), TUI_PROMPT_CONFIG);
	ck_assert_uint_eq(m.cfg.width, 40);
}
END_TEST

START_TEST(depth_and_width_replace_a_widths_list)
{
	m.cfg.nwidths = 3;
	m.cfg.widths[0] = 8;
	m.cfg.widths[1] = 64;
	m.cfg.widths[2] = 16;
	m.cfg.depth = 2;
	/* the depth it has: the list still gives way, as d and D do */
	ck_assert_int_eq(enter("depth 2"), TUI_PROMPT_CONFIG);
	ck_assert_uint_eq(m.cfg.nwidths, 0);
	ck_assert_uint_eq(m.cfg.width, 64);
	ck_assert_uint_eq(m.cfg.depth, 2);
	ck_assert_str_eq(m.msg,
			 "depth 2, width 64 in every layer (was a --widths list)");
	m.cfg.nwidths = 2;
	m.cfg.widths[0] = 8;
	m.cfg.widths[1] = 16;
	ck_assert_int_eq(enter("width 16"), TUI_PROMPT_CONFIG);
	ck_assert_str_eq(m.msg, "width 16 (was a --widths list)");
	ck_assert_uint_eq(m.cfg.nwidths, 0);
}
END_TEST

START_TEST(lr_after_training_resets_it)
{
	/* given a trainer that has taken steps, when lr is typed, then the
	 * trainer is forgotten (a loss curve is of one rate) */
	tui_compute c;
	tui_compute_init(&c);
	tui_compute_start(&c, &m.cfg);
	while (tui_compute_run(&c, 10.0))
		;
	ck_assert_int_eq(c.st, IV_OK);
	tui_train_ask(&t);
	while (tui_train_wants(&t))
		tui_train_run(&t, &c, 10.0);
	ck_assert_uint_gt(tui_train_steps(&t), 0);
	ck_assert_int_eq(enter("lr 0.2"), TUI_PROMPT_LR_RESET);
	ck_assert(t.lr == 0.2);
	ck_assert_uint_eq(tui_train_steps(&t), 0);
	ck_assert_msg(strstr(m.msg, "training starts again"), "%s", m.msg);
	tui_train_reset(&t); /* the trainer borrows c's network */
	tui_compute_done(&c);
}
END_TEST

START_TEST(keys_leave_a_typed_value_beyond_their_range)
{
	/* given values typed beyond what the keys reach (the command line's
	 * range is wider), when a key would move them the wrong way, then
	 * they stay; moving back inside is allowed */
	ck_assert_int_eq(enter("gain 1e9"), TUI_PROMPT_CONFIG);
	ck_assert(!tui_model_scale_knob(&m, TUI_KNOB_FINE));
	ck_assert(m.cfg.gain == 1e9);
	ck_assert(tui_model_scale_knob(&m, 1 / TUI_KNOB_FINE));
	ck_assert(m.cfg.gain < 1e9 && m.cfg.gain >= TUI_KNOB_MAX);
	ck_assert_int_eq(enter("bias 500"), TUI_PROMPT_CONFIG);
	ck_assert(!tui_model_bias(&m, +1));
	ck_assert(m.cfg.bias == 500);
	ck_assert(tui_model_bias(&m, -1));
	ck_assert(fabs(m.cfg.bias - 499.9) < 1e-9);
	ck_assert_int_eq(enter("lr 100"), TUI_PROMPT_LR);
	ck_assert_int_eq(tui_train_scale_lr(&t, 2.0), TUI_LR_LIMIT);
	ck_assert(t.lr == 100);
	ck_assert_int_eq(tui_train_scale_lr(&t, 0.5), TUI_LR_SET);
	ck_assert(t.lr <= TUI_LR_MAX);
}
END_TEST

/* --- editing ----------------------------------------------------------------- */

START_TEST(esc_cancels_and_changes_nothing)
{
	iv_config before = m.cfg;
	ck_assert_int_eq(type(TUI_PROMPT_SET, "depth 30", TUI_ESC),
			 TUI_PROMPT_CANCEL);
	ck_assert(memcmp(&m.cfg, &before, sizeof before) == 0);
	/* after a refusal too */
	ck_assert_int_eq(enter("depth 0"), TUI_PROMPT_OPEN);
	ck_assert_int_eq(tui_prompt_key(&p, TUI_ESC, &m, &t),
			 TUI_PROMPT_CANCEL);
	ck_assert(memcmp(&m.cfg, &before, sizeof before) == 0);
	/* and Enter on nothing */
	ck_assert_int_eq(enter("   "), TUI_PROMPT_CANCEL);
	ck_assert_int_eq(type(TUI_PROMPT_JUMP, "", '\n'), TUI_PROMPT_CANCEL);
	ck_assert(memcmp(&m.cfg, &before, sizeof before) == 0);
}
END_TEST

START_TEST(line_editing)
{
	type(TUI_PROMPT_SET, "width 64", 0);
	ck_assert_uint_eq(p.cursor, 8);
	tui_prompt_key(&p, TUI_KEY_LEFT, &m, &t);
	tui_prompt_key(&p, TUI_KEY_LEFT, &m, &t);
	tui_prompt_key(&p, '1', &m, &t); /* "width 164" */
	ck_assert_str_eq(p.text, "width 164");
	tui_prompt_key(&p, TUI_KEY_HOME, &m, &t);
	tui_prompt_key(&p, TUI_KEY_BACKSPACE, &m, &t); /* nothing before */
	ck_assert_str_eq(p.text, "width 164");
	tui_prompt_key(&p, TUI_KEY_END, &m, &t);
	tui_prompt_key(&p, TUI_CTRL('w'), &m, &t);
	ck_assert_str_eq(p.text, "width ");
	tui_prompt_key(&p, 127, &m, &t);
	ck_assert_str_eq(p.text, "width");
	tui_prompt_key(&p, TUI_CTRL('u'), &m, &t);
	ck_assert_str_eq(p.text, "");
	ck_assert_uint_eq(p.len, 0);
	/* the text is bounded: more keys than room leave it whole */
	for (int i = 0; i < 3 * TUI_PROMPT_TEXT; i++)
		tui_prompt_key(&p, '9', &m, &t);
	ck_assert_uint_eq(p.len, TUI_PROMPT_TEXT - 1);
	ck_assert_uint_eq(strlen(p.text), TUI_PROMPT_TEXT - 1);
	tui_prompt_window v = tui_prompt_shown(&p, 20);
	ck_assert_uint_eq(v.from + v.n, p.len); /* the end, the cursor after */
	ck_assert(v.left && !v.right);
	ck_assert_uint_eq(tui_prompt_shown(&p, 0).from, p.cursor);
	/* keys that are not characters type nothing */
	size_t len = p.len;
	tui_prompt_key(&p, TUI_KEY_F(3), &m, &t);
	tui_prompt_key(&p, TUI_KEY_PGUP, &m, &t);
	ck_assert_uint_eq(p.len, len);
}
END_TEST

/* The cursor's column in a window of width: after a left mark. */
static size_t cursor_column(const tui_prompt_window *v)
{
	return v->left + p.cursor - v->from;
}

START_TEST(hidden_text_is_marked_at_either_end)
{
	/* given typed text longer than its field, when the cursor is at the
	 * end, the start, or between, then the text shown and its marks fill
	 * the field, a mark stands where text is hidden, and the cursor is on
	 * a text column, not a mark */
	const int w = 10;
	type(TUI_PROMPT_SET, "input positive", 0); /* 14 bytes */
	for (int moves = 0; moves <= 14; moves++) {
		tui_prompt_window v = tui_prompt_shown(&p, w);
		ck_assert_msg(v.left == (v.from > 0), "cursor %zu: left %d",
			      p.cursor, v.left);
		ck_assert_msg(v.right == (v.from + v.n < p.len),
			      "cursor %zu: right %d", p.cursor, v.right);
		/* the field is full: a right mark, or the cursor's cell
		 * after the last character, takes its last column */
		ck_assert_uint_eq(v.left + v.n + 1, (size_t)w);
		ck_assert_uint_ge(p.cursor, v.from);
		ck_assert_uint_le(p.cursor, v.from + v.n);
		ck_assert_uint_ge(cursor_column(&v), (size_t)v.left);
		ck_assert_uint_lt(cursor_column(&v),
				  (size_t)w - (v.right ? 1 : 0));
		tui_prompt_key(&p, TUI_KEY_LEFT, &m, &t);
	}
	/* at the end: the start hidden, the last text and the cursor shown */
	tui_prompt_key(&p, TUI_KEY_END, &m, &t);
	tui_prompt_window v = tui_prompt_shown(&p, w);
	ck_assert(v.left && !v.right);
	ck_assert_uint_eq(v.from, 6); /* "positive" and the cursor */
	/* at the start: the end hidden */
	tui_prompt_key(&p, TUI_KEY_HOME, &m, &t);
	v = tui_prompt_shown(&p, w);
	ck_assert(!v.left && v.right);
	ck_assert_uint_eq(v.n, 9); /* "input pos" */
	/* text that fits has no mark, however the cursor moves */
	type(TUI_PROMPT_SET, "depth 30", 0);
	for (int moves = 0; moves <= 8; moves++) {
		v = tui_prompt_shown(&p, w);
		ck_assert(!v.left && !v.right && v.from == 0 && v.n == 8);
		tui_prompt_key(&p, TUI_KEY_LEFT, &m, &t);
	}
}
END_TEST

START_TEST(tab_completes_a_setting_and_shows_its_range)
{
	type(TUI_PROMPT_SET, "de", '\t');
	ck_assert_str_eq(p.text, "depth ");
	ck_assert_str_eq(p.note, "depth: an integer from 1 to 10000; now 6");
	type(TUI_PROMPT_SET, "b", '\t');
	ck_assert_str_eq(p.text, "b");
	ck_assert_str_eq(p.note, "batch  bias  bias-std");
	/* typed whole, bias is the setting though bias-std also starts so */
	type(TUI_PROMPT_SET, "bias", '\t');
	ck_assert_str_eq(p.note, "bias: a number from -1e300 to 1e300; now 0");
	type(TUI_PROMPT_SET, "", '\t');
	ck_assert_str_eq(p.note, "std  gain  value  depth  width  batch  seed  "
				 "bias  bias-std  slope  lr  mode  input");
	/* every setting is listed and has the command line's range row, but
	 * the two that take a name */
	for (size_t i = 0; tui_prompt_setting(i); i++) {
		const char *s = tui_prompt_setting(i);
		ck_assert_ptr_nonnull(strstr(p.note, s));
		if (strcmp(s, "mode") && strcmp(s, "input"))
			ck_assert_ptr_nonnull(iv_range_find(s));
	}
	type(TUI_PROMPT_SET, "m", '\t');
	ck_assert_str_eq(p.text, "mode ");
	ck_assert_str_eq(p.note,
			 "mode: one of fan_in fan_out fan_avg; now fan_in");
	type(TUI_PROMPT_SET, "input ", '\t');
	ck_assert_str_eq(p.note, "input: one of gaussian uniform positive; now "
				 "gaussian");
	/* a name's start completes it, or lists those it could be */
	type(TUI_PROMPT_SET, "mode fan_o", '\t');
	ck_assert_str_eq(p.text, "mode fan_out");
	type(TUI_PROMPT_SET, "mo=fan_", '\t');
	ck_assert_str_eq(p.text, "mode fan_");
	ck_assert_str_eq(p.note, "fan_in  fan_out  fan_avg");
	type(TUI_PROMPT_SET, "in u", '\t');
	ck_assert_str_eq(p.text, "input uniform");
	type(TUI_PROMPT_SET, "lr 1", '\t');
	ck_assert_str_eq(p.note, "lr: a number from 1e-12 to 1e6; now 0.05");
}
END_TEST

/* --- the settings that take a name ------------------------------------------- */

START_TEST(mode_and_input_take_the_command_lines_names)
{
	char err[256];
	/* given he-normal, when a fan mode is typed, then it is the command
	 * line's, and the notice says what it was */
	m.cfg.init = IV_INIT_HE_NORMAL;
	ck_assert_int_eq(enter("mode fan_out"), TUI_PROMPT_CONFIG);
	ck_assert_str_eq(m.msg, "mode fan_out (was fan_in)");
	iv_config c;
	iv_config_defaults(&c);
	ck_assert_int_eq(cli_apply_setting(&c, "mode", "fan_out", err,
					   sizeof err),
			 0);
	ck_assert_int_eq(m.cfg.mode, c.mode);
	ck_assert_int_eq(enter("mo=fan_out"), TUI_PROMPT_CANCEL);
	ck_assert_str_eq(m.msg, "mode fan_out already");
	/* a scheme that reads no mode refuses it, and changes nothing */
	m.cfg.init = IV_INIT_XAVIER_NORMAL;
	ck_assert_int_eq(enter("mode fan_avg"), TUI_PROMPT_OPEN);
	ck_assert(p.error);
	ck_assert_str_eq(p.note, "fan mode applies to he-* and lecun-* only");
	ck_assert_int_eq(m.cfg.mode, c.mode);
	/* an input kind by its name */
	ck_assert_int_eq(enter("input uniform"), TUI_PROMPT_CONFIG);
	ck_assert_str_eq(m.msg, "input uniform (was gaussian)");
	ck_assert_int_eq(cli_apply_setting(&c, "input", "uniform", err,
					   sizeof err),
			 0);
	ck_assert_int_eq(m.cfg.input, c.input);
	/* a name neither knows is refused with the names, by both */
	ck_assert_int_eq(enter("input normal"), TUI_PROMPT_OPEN);
	ck_assert_str_eq(p.note, "input must be one of gaussian uniform "
				 "positive (got \"normal\")");
	ck_assert_int_ne(cli_apply_setting(&c, "input", "normal", err,
					   sizeof err),
			 0);
	ck_assert_int_eq(enter("input"), TUI_PROMPT_OPEN);
	ck_assert_str_eq(p.note,
			 "input needs a value: one of gaussian uniform positive");
	ck_assert_int_eq(m.cfg.input, c.input);
}
END_TEST

/* --- the jump ---------------------------------------------------------------- */

static const struct {
	const char *text;
	iv_init_kind init;
	iv_act_kind act;
	tui_prompt_result r;
} jumps[] = {
    {"relu", IV_INIT_XAVIER_NORMAL, IV_ACT_RELU, TUI_PROMPT_CONFIG},
    {"he-n", IV_INIT_HE_NORMAL, IV_ACT_TANH, TUI_PROMPT_CONFIG},
    {"kaiming-u", IV_INIT_HE_UNIFORM, IV_ACT_TANH, TUI_PROMPT_CONFIG},
    {"orth", IV_INIT_ORTHOGONAL, IV_ACT_TANH, TUI_PROMPT_CONFIG},
    {"sig", IV_INIT_XAVIER_NORMAL, IV_ACT_SIGMOID, TUI_PROMPT_CONFIG},
    {"  selu ", IV_INIT_XAVIER_NORMAL, IV_ACT_SELU, TUI_PROMPT_CONFIG},
    {"tanh", IV_INIT_XAVIER_NORMAL, IV_ACT_TANH, TUI_PROMPT_CANCEL},
    {"normal", IV_INIT_NORMAL, IV_ACT_TANH, TUI_PROMPT_CONFIG}, /* exact */
    {"s", IV_INIT_XAVIER_NORMAL, IV_ACT_TANH, TUI_PROMPT_OPEN}, /* selu.. */
    {"he", IV_INIT_XAVIER_NORMAL, IV_ACT_TANH, TUI_PROMPT_OPEN},
    {"xyz", IV_INIT_XAVIER_NORMAL, IV_ACT_TANH, TUI_PROMPT_OPEN},
};

START_TEST(jump_by_an_unambiguous_prefix)
{
	tui_prompt_result r = type(TUI_PROMPT_JUMP, jumps[_i].text, '\n');
	ck_assert_int_eq(r, jumps[_i].r);
	ck_assert_int_eq(m.cfg.init, jumps[_i].init);
	ck_assert_int_eq(m.cfg.act, jumps[_i].act);
	if (r == TUI_PROMPT_OPEN)
		ck_assert(p.error && p.note[0]);
	if (r == TUI_PROMPT_CONFIG)
		ck_assert_msg(strstr(m.msg, "(was "), "%s", m.msg);
}
END_TEST

START_TEST(jump_messages_and_tab)
{
	type(TUI_PROMPT_JUMP, "he", '\n');
	ck_assert_str_eq(p.note, "\"he\" could be he-uniform  he-normal");
	type(TUI_PROMPT_JUMP, "xyz", '\n');
	ck_assert_str_eq(p.note,
			 "no init scheme or activation starts with \"xyz\"");
	type(TUI_PROMPT_JUMP, "leaky", '\t');
	ck_assert_str_eq(p.text, "leaky-relu");
	ck_assert_str_eq(p.note, "Enter takes leaky-relu");
	ck_assert_int_eq(tui_prompt_key(&p, '\n', &m, &t), TUI_PROMPT_CONFIG);
	ck_assert_int_eq(m.cfg.act, IV_ACT_LEAKY_RELU);
	ck_assert_str_eq(m.msg, "act leaky-relu (was tanh)");
	type(TUI_PROMPT_JUMP, "xavier", '\t');
	ck_assert_str_eq(p.text, "xavier-");
	ck_assert_str_eq(p.note, "xavier-uniform  xavier-normal");
	ck_assert_str_eq(tui_prompt_label(&p), "/");
	tui_prompt_open(&p, TUI_PROMPT_SET, &m);
	ck_assert_str_eq(tui_prompt_label(&p), ":");
}
END_TEST

Suite *suite(void)
{
	Suite *s = suite_create("view_prompt");
	TCase *tc = tcase_create("prompt");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_loop_test(tc, each_setting_takes_a_good_value, 0,
			    (int)LEN(good));
	tcase_add_loop_test(tc, a_bad_value_is_refused_by_both, 0,
			    (int)LEN(bad));
	tcase_add_loop_test(tc, a_refusal_says_why, 0, (int)LEN(refused));
	tcase_add_test(tc, memory_limit_refuses_and_keeps_the_prompt);
	tcase_add_test(tc, depth_and_width_replace_a_widths_list);
	tcase_add_test(tc, lr_after_training_resets_it);
	tcase_add_test(tc, keys_leave_a_typed_value_beyond_their_range);
	tcase_add_test(tc, esc_cancels_and_changes_nothing);
	tcase_add_test(tc, line_editing);
	tcase_add_test(tc, hidden_text_is_marked_at_either_end);
	tcase_add_test(tc, tab_completes_a_setting_and_shows_its_range);
	tcase_add_test(tc, mode_and_input_take_the_command_lines_names);
	tcase_add_loop_test(tc, jump_by_an_unambiguous_prefix, 0,
			    (int)LEN(jumps));
	tcase_add_test(tc, jump_messages_and_tab);
	suite_add_tcase(s, tc);
	return s;
}
