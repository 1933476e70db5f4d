/* SPDX-License-Identifier: MIT */
/* Scripted sessions: key scripts run through the same input function and
 * key table as the keyboard, on a headless screen; each key must change the
 * setting it names and the saved screen must follow. Also resizing,
 * cancelling a computation, a closed input, and tui_run without a terminal;
 * bad Resize sizes and running out of memory while parsing a script. */
#include <check.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>
#include "tui/signals.h"
#include "view/hist.h"
#include "view/script.h"
#include "view/viewport.h"
#include "tui_testutil.h"

#define LEN(a) (sizeof(a) / sizeof((a)[0]))
/* Files live in a directory made for this run (main makes it, cds there). */
#define SAVED "screen.txt"
#define KEYS  "keys.txt"
#define TRACE "trace.txt"

static tui_app app;
static SCREEN *scr;

static void base_config(iv_config *c, size_t depth)
{
	iv_config_defaults(c);
	c->depth = depth;
	c->width = 32;
	c->batch = 64;
}

/* Run keys on a headless lines x cols screen from a depth-layer network;
 * returns the loop's status. The app stays open for inspection. */
static int run(const char *keys, size_t depth, int lines, int cols,
	       const char *trace)
{
	iv_config c;
	tui_options o = {.keys = KEYS, .trace = trace};
	base_config(&c, depth);
	remove(SAVED);
	return tut_run_keys(&app, &scr, &c, &o, keys, lines, cols);
}

static void teardown(void)
{
	tut_close(&app, &scr);
}

enum field {
	F_NONE,
	F_ACT,
	F_INIT,
	F_GAIN,
	F_STD,
	F_MODE,
	F_DEPTH,
	F_WIDTH,
	F_BATCH,
	F_INPUT,
	F_BIAS,
	F_SEED,
	F_PREACT,
	F_GRADW,
	F_PERLAYER,
	F_LOG,
	F_SUBSET,
	F_VIEW,
	F_HELP,
	F_NORM,
	F_RESIDUAL,
	F_ALPHA
};

static double field(enum field f)
{
	const tui_model *m = &app.model;
	switch (f) {
	case F_ACT: return m->cfg.act;
	case F_INIT: return m->cfg.init;
	case F_GAIN: return m->cfg.gain;
	case F_STD: return m->cfg.std;
	case F_MODE: return m->cfg.mode;
	case F_DEPTH: return (double)m->cfg.depth;
	case F_WIDTH: return (double)m->cfg.width;
	case F_BATCH: return (double)m->cfg.batch;
	case F_INPUT: return m->cfg.input;
	case F_BIAS: return m->cfg.bias;
	case F_SEED: return (double)m->cfg.seed;
	case F_PREACT: return m->preact;
	case F_GRADW: return m->grad_weights;
	case F_PERLAYER: return m->per_layer;
	case F_LOG: return m->log_counts;
	case F_SUBSET: return m->subset;
	case F_VIEW: return m->view;
	case F_HELP: return app.modal == TUI_PANEL_HELP;
	case F_NORM: return m->cfg.norm;
	case F_RESIDUAL: return m->cfg.residual;
	case F_ALPHA: return iv_config_res_scale(&m->cfg);
	default: return 0;
	}
}

/* Start: xavier-normal (gain 1), tanh, depth 6, width 32, batch 64,
 * gaussian input, bias 0, seed 1, shared range, linear counts. */
static const struct {
	const char *keys;
	enum field f;
	double want;
	const char *shown, *gone; /* on the saved screen, or not */
} cases[] = {
    {"a", F_ACT, IV_ACT_RELU, "act relu", "act tanh"},
    {"A A", F_ACT, IV_ACT_SIGMOID, "activations h = sigmoid(z)", NULL},
    {"i", F_INIT, IV_INIT_HE_UNIFORM, "init he-uniform", NULL},
    {"I", F_INIT, IV_INIT_XAVIER_UNIFORM, "init xavier-uniform", NULL},
    {"+", F_GAIN, 1.1, "gain 1.1 ", NULL},
    {"=", F_GAIN, 1.1, "gain 1.1 ", NULL},
    {"l", F_GAIN, 1.1, "gain 1.1 ", NULL},
    {"Right Right", F_GAIN, 1.21, "gain 1.21", NULL},
    {"-", F_GAIN, 1 / 1.1, "gain 0.909", NULL},
    {"Left", F_GAIN, 1 / 1.1, "gain 0.909", NULL},
    {"]", F_GAIN, 2, "gain 2 ", NULL},
    {"[ [", F_GAIN, 0.25, "gain 0.25", NULL},
    {"I I I I +", F_STD, 0.011, "init normal   std 0.011", "gain"},
    {"i i m", F_MODE, IV_MODE_FAN_OUT, "mode fan_out", NULL},
    {"d", F_DEPTH, 7, "depth 7", NULL},
    {"D", F_DEPTH, 5, "depth 5", NULL},
    {"w", F_WIDTH, 64, "width 64", NULL},
    {"W", F_WIDTH, 16, "width 16", NULL},
    {"b", F_BATCH, 128, "batch 128", NULL},
    {"B", F_BATCH, 32, "batch 32", NULL},
    {"n", F_INPUT, IV_INPUT_UNIFORM, "input uniform", NULL},
    {"N", F_INPUT, IV_INPUT_POSITIVE, "input positive", NULL},
    {"o", F_BIAS, 0.1, "bias 0.1", NULL},
    {"O O", F_BIAS, -0.2, "bias -0.2", NULL},
    {"r", F_SEED, 2, "seed 2", NULL},
    {"R", F_SEED, 0, "seed 0", NULL},
    {"z", F_NORM, IV_NORM_BATCH, "norm batch", "norm none"},
    {"z z z", F_NORM, IV_NORM_NONE, NULL, "norm "},
    {"u", F_RESIDUAL, 1, "residual α 1", NULL},
    {"u u", F_RESIDUAL, 0, NULL, "residual α"},
    {"u y", F_ALPHA, 0.40824829046386307, "residual α 1/√L = 0.408", NULL},
    {"u y y", F_ALPHA, 0.28867513459481287, "residual α 1/√(2L) = 0.289",
     NULL},
    {"u Y", F_ALPHA, 0, "residual α 0", NULL},
    {"u y d", F_ALPHA, 0.3779644730092272, "1/√L = 0.378", NULL},
    {"p", F_PREACT, 1, "z = W h + b", "h = tanh(z)"},
    {"g", F_GRADW, 1, "weight gradients", NULL},
    {"s", F_PERLAYER, 1, "each row: its own range", NULL},
    {"s s", F_PERLAYER, 0, NULL, "its own range"},
    {"c", F_LOG, 1, NULL, NULL},
    {"f", F_SUBSET, TUI_SUBSET_ENDS, NULL, NULL},
    {"v", F_VIEW, TUI_VIEW_LAYERS, "activations h", "depth profile"},
    {"v v", F_VIEW, TUI_VIEW_PROFILE, "depth profile", " sat "},
    {"v v v", F_VIEW, TUI_VIEW_SPLIT, "depth profile", NULL},
    {"?", F_HELP, 1, "initviz keys", NULL},
    {"F1", F_HELP, 1, "initviz keys", NULL},
    {"? Esc", F_HELP, 0, NULL, "initviz keys"},
    {"? a", F_ACT, IV_ACT_TANH, "act tanh", "initviz keys"}, /* a closes */
    {"a d w 0", F_DEPTH, 6, "act tanh", "depth 7"},
    {"q a", F_ACT, IV_ACT_TANH, "act tanh", NULL},
    {"F10 a", F_ACT, IV_ACT_TANH, "act tanh", NULL},
    {"Z", F_ACT, IV_ACT_TANH, "act tanh", NULL}, /* unbound: nothing */
    /* the prompt: typed values, a bad one, Esc, the jump by name */
    {": d e p t h Space 1 2 Enter", F_DEPTH, 12, "depth 12   width 32", NULL},
    {": w = 4 8 Enter", F_WIDTH, 48, "width 48 (was 32)", NULL},
    {": b a t Space 1 0 0 Enter", F_BATCH, 100, "batch 100", NULL},
    {": s e e Space 7 Enter", F_SEED, 7, "seed 7", "seed 1"},
    {": 1 . 5 Enter", F_GAIN, 1.5, "gain 1.5 ", NULL},
    {"I I I I : s t Space . 0 5 Enter", F_STD, 0.05, "std 0.05", NULL},
    {": b i a s Space - . 5 Enter", F_BIAS, -0.5, "bias -0.5", NULL},
    {": d Space 0 Enter", F_DEPTH, 6,
     "depth must be an integer from 1 to 10000 (got \"0\")", NULL},
    {": d Space 0 Enter Esc", F_DEPTH, 6, "depth 6", "must be"},
    {": d Space 3 0 Esc", F_DEPTH, 6, "depth 6", "depth 30"},
    {": d Space 1 2 Enter d", F_DEPTH, 15, "depth 15", NULL},
    {": q a Esc a", F_ACT, IV_ACT_RELU, "act relu", NULL},
    {"/ r e l Enter", F_ACT, IV_ACT_RELU, "act relu", NULL},
    {"/ k a i m i n g - n Enter", F_INIT, IV_INIT_HE_NORMAL, "init he-normal",
     NULL},
    {"/ l e c Enter", F_INIT, IV_INIT_XAVIER_NORMAL,
     "\"lec\" could be lecun-uniform  lecun-normal", NULL},
};

START_TEST(key_changes_its_setting)
{
	/* given the start configuration, when the keys run and the work is
	 * done, then the model has the setting and the screen shows it */
	char script[256];
	snprintf(script, sizeof script, "%s Wait Save " SAVED "\n",
		 cases[_i].keys);
	ck_assert_int_eq(run(script, 6, 30, 100, NULL), 0);
	double got = field(cases[_i].f);
	ck_assert_msg(fabs(got - cases[_i].want) < 1e-9,
		      "keys \"%s\": %g, want %g", cases[_i].keys, got,
		      cases[_i].want);
	char *screen = tut_slurp(SAVED);
	if (strncmp(cases[_i].keys, "q", 1) &&
	    strncmp(cases[_i].keys, "F10", 3)) {
		ck_assert_msg(screen[0], "keys \"%s\": nothing saved",
			      cases[_i].keys);
		ck_assert(strstr(screen, "computed in 12 ms"));
	}
	if (cases[_i].shown && screen[0])
		ck_assert_msg(strstr(screen, cases[_i].shown),
			      "keys \"%s\": no \"%s\" in\n%s", cases[_i].keys,
			      cases[_i].shown, screen);
	if (cases[_i].gone)
		ck_assert_msg(!strstr(screen, cases[_i].gone),
			      "keys \"%s\": \"%s\" still in\n%s",
			      cases[_i].keys, cases[_i].gone, screen);
	/* the network on screen is the one the settings describe */
	if (app.comp.net)
		ck_assert_uint_eq(iv_net_depth(app.comp.net),
				  app.model.cfg.depth);
	free(screen);
}
END_TEST

/* Row k from the bottom of a saved screen (0: the last), in buf. */
static const char *row_from_bottom(const char *screen, int k, char *buf,
				   size_t size)
{
	const char *end = screen + strlen(screen), *a;
	if (end > screen && end[-1] == '\n')
		end--;
	for (int i = 0; i < k && end > screen; i++)
		while (end > screen && *--end != '\n')
			;
	for (a = end; a > screen && a[-1] != '\n'; a--)
		;
	snprintf(buf, size, "%.*s", (int)(end - a), a);
	return buf;
}

/* At the narrowest screen a message too long for the bottom row gets the
 * rows above as well: read whole, never cut, and the rows are given back
 * when the message goes. top: the row above above, when it takes three. */
static const struct {
	const char *keys, *above, *beside, *last, *top;
} long_notes[] = {
    /* a refusal of the prompt: the note above, what was typed below */
    {": d e p t h Space 0 Enter",
     " depth must be an integer from 1 to 10000 (got \"0\")", NULL,
     ":depth 0", NULL},
    /* one longer than a row: all of it above, the typed text alone */
    {": i n p u t Space n o p e Enter", " \"nope\")", NULL, ":input nope",
     " input must be one of gaussian uniform positive (got"},
    /* a notice after a key, over both rows */
    {"z", " batch norm: the gradients still grow going down:",
     "not a bug (Yang et al. 2019)", NULL, NULL},
    /* the settings' list after an unknown one: three rows, to its end */
    {": i n i t Space x x Enter",
     " width batch seed bias bias-std slope lr mode input", NULL,
     ":init xx", " no setting \"init\"; the settings: std gain value"},
};

/* The screen saved after keys on a 30-row screen of the narrowest width
 * (free it); the view is closed. */
static char *narrow_screen(const char *keys, const char *more)
{
	char script[256];
	snprintf(script, sizeof script, "%s %s Wait Save " SAVED "\n", keys,
		 more);
	ck_assert_int_eq(run(script, 6, 30, TUI_MIN_COLS, NULL), 0);
	char *screen = tut_slurp(SAVED);
	tut_close(&app, &scr);
	return screen;
}

START_TEST(a_long_message_takes_the_rows_above)
{
	char a[512], b[512], c[512], plain[512];
	char *screen = narrow_screen("", "");
	row_from_bottom(screen, 1, plain, sizeof plain);
	free(screen);

	screen = narrow_screen(long_notes[_i].keys, "");
	row_from_bottom(screen, 1, a, sizeof a);
	row_from_bottom(screen, 0, b, sizeof b);
	ck_assert_msg(!strncmp(a, long_notes[_i].above,
			       strlen(long_notes[_i].above)),
		      "above: \"%s\"\nscreen:\n%s", a, screen);
	const char *typed = long_notes[_i].last;
	if (typed) { /* the typed text alone in its row */
		size_t n = strlen(typed);
		ck_assert_msg(!strncmp(b, typed, n) &&
				  b[n + strspn(b + n, " ")] == '\0',
			      "bottom: \"%s\"", b);
	}
	if (long_notes[_i].beside)
		ck_assert_msg(strstr(b, long_notes[_i].beside), "bottom: \"%s\"",
			      b);
	row_from_bottom(screen, 2, c, sizeof c);
	if (long_notes[_i].top)
		ck_assert_msg(!strncmp(c, long_notes[_i].top,
				       strlen(long_notes[_i].top)),
			      "top: \"%s\"\nscreen:\n%s", c, screen);
	ck_assert_msg(!strstr(a, "…") && !strstr(b, "…"), "cut:\n%s\n%s", a,
		      b);
	free(screen);

	/* and Esc (or the next key) gives the row back */
	screen = narrow_screen(long_notes[_i].keys, "Esc");
	row_from_bottom(screen, 0, b, sizeof b);
	if (long_notes[_i].last) {
		ck_assert_msg(!strncmp(b, "? Help", 6), "bottom: \"%s\"", b);
		ck_assert_str_eq(row_from_bottom(screen, 1, a, sizeof a),
				 plain);
		if (long_notes[_i].top) { /* all of them */
			row_from_bottom(screen, 2, a, sizeof a);
			ck_assert_msg(!strstr(a, "the settings"), "kept: %s", a);
		}
	}
	free(screen);
}
END_TEST

START_TEST(a_long_note_stays_put_while_typing)
{
	/* given an unknown setting refused at 80 columns, whose note (the
	 * list of settings) takes more than a row, when more is typed, then
	 * the note's rows above the prompt do not change and the prompt's row
	 * holds the typed text alone (not the note's tail after it) */
	char before[2][512], after[2][512], b[512];
	remove("before.txt"); /* Save never overwrites */
	ck_assert_int_eq(run(": i n i t Space x x Enter Wait Save before.txt "
			     "x x x x x x x x Save " SAVED "\n",
			     6, 24, 80, NULL),
			 0);
	char *s0 = tut_slurp("before.txt"), *s1 = tut_slurp(SAVED);
	for (int k = 0; k < 2; k++) {
		row_from_bottom(s0, k + 1, before[k], sizeof before[k]);
		row_from_bottom(s1, k + 1, after[k], sizeof after[k]);
		ck_assert_str_eq(before[k], after[k]);
	}
	ck_assert_msg(strstr(before[1], "no setting \"init\"") &&
			  strstr(before[0], "lr mode input"),
		      "%s", s0);
	ck_assert_str_eq(row_from_bottom(s0, 0, b, sizeof b), ":init xx");
	ck_assert_str_eq(row_from_bottom(s1, 0, b, sizeof b),
			 ":init xxxxxxxxxx");
	free(s0);
	free(s1);
}
END_TEST

START_TEST(typed_text_hidden_at_an_end_is_marked)
{
	/* given more typed at the narrowest width than the prompt's field
	 * shows, when the cursor is at the end, then a mark at the left says
	 * the start is hidden; when it is at the start, a mark at the right
	 * says the end is */
	const char *keys = ": i n p u t Space p o s i t i v e Space a n d "
			   "Space m o r e Space t h a n Space f i t s";
	char b[512];
	char *screen = narrow_screen(keys, "");
	row_from_bottom(screen, 0, b, sizeof b);
	ck_assert_msg(!strncmp(b, ":…", strlen(":…")) && strstr(b, "than fits"),
		      "bottom: \"%s\"", b);
	free(screen);
	screen = narrow_screen(keys, "Home");
	row_from_bottom(screen, 0, b, sizeof b);
	size_t n = strlen(b);
	while (n > 0 && b[n - 1] == ' ')
		b[--n] = '\0';
	ck_assert_msg(!strncmp(b, ":input positive", 15) && n > 3 &&
			  !strcmp(b + n - strlen("…"), "…"),
		      "bottom: \"%s\"", b);
	free(screen);
}
END_TEST

/* The gradients' x-axis of a saved screen: what follows the separator on
 * its 4th row; NULL when there is none. */
static const char *right_axis(const char *screen)
{
	const char *row = strchr(screen, '\n');
	for (int k = 0; row && k < 2; k++)
		row = strchr(row + 1, '\n');
	const char *bar = row ? strstr(row, "│") : NULL;
	return bar ? bar + strlen("│") : NULL;
}

/* A network of depth L whose gradients' range is symmetric, drawn at the
 * narrowest width and saved: He + relu blocks, or normal std 1 + relu. */
static char *symmetric_screen(size_t L, bool blocks, int lines)
{
	iv_config c;
	base_config(&c, L);
	c.width = 256;
	c.batch = 512;
	c.init = blocks ? IV_INIT_HE_NORMAL : IV_INIT_NORMAL;
	c.std = 1;
	c.act = IV_ACT_RELU;
	c.residual = blocks;
	tui_options o = {.keys = KEYS};
	remove(SAVED);
	ck_assert_int_eq(tut_run_keys(&app, &scr, &c, &o, "Wait Save " SAVED,
				      lines, TUI_MIN_COLS),
			 0);
	return tut_slurp(SAVED);
}

START_TEST(a_symmetric_range_reads_the_same_both_ends)
{
	/* given gradients whose histogram range is symmetric (+-6.64e3 in a
	 * residual He ReLU network), when drawn at the narrowest width, then
	 * its two ends are one number with and without a minus: the minus
	 * sign's column was once taken from the left end only ("-7e3
	 * 6.6e3") */
	char *screen = symmetric_screen(20, true, 20);
	const char *axis = right_axis(screen);
	ck_assert_msg(axis, "%s", screen);
	char line[256], lo[32] = "", mid[32] = "", hi[32] = "";
	snprintf(line, sizeof line, "%.*s", (int)strcspn(axis, "\n"), axis);
	int n = sscanf(line, "%31s %31s %31s", lo, mid, hi);
	if (n == 2) /* no room for the 0 between them */
		memcpy(hi, mid, sizeof hi);
	ck_assert_msg((n == 2 || (n == 3 && !strcmp(mid, "0"))) &&
			  lo[0] == '-' && !strcmp(lo + 1, hi),
		      "axis \"%s\"\n%s", line, screen);
	free(screen);
}
END_TEST

START_TEST(a_narrow_symmetric_range_is_said_within_5_percent)
{
	/* given lesson 7's exploding gradients (std 1, relu: +-1.65e10 at
	 * layer 1), when drawn at the narrowest width, where each end of the
	 * axis has room for one digit only ("-2e10 2e10", 21% off), then
	 * every number on the gradients' axis is within 5% of the range's
	 * end (one "±1.65e+10" in the middle) */
	char *screen = symmetric_screen(10, false, 24);
	double lo, hi;
	ck_assert(tui_hist_range_shared(&app.comp, IV_Q_GRAD_ACT, &lo, &hi));
	ck_assert_msg(lo == -hi && hi > 1e9, "[%g, %g]", lo, hi);
	const char *axis = right_axis(screen);
	ck_assert_msg(axis, "%s", screen);
	int numbers = 0;
	for (const char *p = axis; *p && *p != '\n';) {
		if (!strncmp(p, "±", strlen("±")))
			p += strlen("±");
		char *end;
		double v = strtod(p, &end);
		if (end == p) {
			p++;
			continue;
		}
		if (v != 0) {
			ck_assert_msg(fabs(fabs(v) / hi - 1) <= 0.05,
				      "%g on the axis of +-%g\n%s", v, hi,
				      screen);
			numbers++;
		}
		p = end;
	}
	ck_assert_msg(numbers > 0, "no number on the axis\n%s", screen);
	free(screen);
}
END_TEST

/* Columns (characters) of a UTF-8 row up to byte p. */
static int col_of(const char *row, const char *p)
{
	int c = 0;
	for (const char *q = row; q < p; q++)
		c += ((unsigned char)*q & 0xC0) != 0x80;
	return c;
}

static const struct {
	int lines, cols;
} help_sizes[] = {{15, 60}, {24, 80}, {30, 100}, {40, 120}, {60, 200}};

/* Whether the UTF-8 character at q is a bar's glyph, U+2581..U+2588. */
static bool is_bar(const char *q)
{
	return (unsigned char)q[0] == 0xE2 && (unsigned char)q[1] == 0x96 &&
	       (unsigned char)q[2] >= 0x81 && (unsigned char)q[2] <= 0x88;
}

/* Row k of a saved screen cut into its cells' characters: at most n, each
 * a NUL-terminated UTF-8 character; returns how many. */
static int cells_of(const char *s, int k, char cell[][8], int n)
{
	for (; k > 0 && s; k--) {
		s = strchr(s, '\n');
		s = s ? s + 1 : NULL;
	}
	int c = 0;
	while (s && *s && *s != '\n' && c < n) {
		int len = 1;
		while (((unsigned char)s[len] & 0xC0) == 0x80 && len < 7)
			len++;
		memcpy(cell[c], s, (size_t)len);
		cell[c++][len] = '\0';
		s += len;
	}
	return c;
}

START_TEST(help_hides_only_the_bars_it_covers)
{
	/* given the view at 120x40 (UTF-8), when ? opens the help, then on
	 * every row the box covers, each histogram cell outside the box is
	 * as it was: the box blanked bars touching it back to their first
	 * gap, so most layer rows behind it looked empty */
	remove("before.txt");
	ck_assert_int_eq(run("Wait Save before.txt ? Wait Save " SAVED, 10, 40,
			     120, NULL),
			 0);
	char *a = tut_slurp("before.txt"), *b = tut_slurp(SAVED);
	static char ca[160][8], cb[160][8];
	int top = -1, x0 = -1, x1 = -1, kept = 0;
	for (int k = 0; k < 40; k++) {
		int n = cells_of(b, k, cb, 160);
		for (int x = 0; x < n; x++)
			if (!strcmp(cb[x], "┌") && top < 0) {
				top = k;
				x0 = x;
			} else if (!strcmp(cb[x], "┐") && x1 < 0) {
				x1 = x;
			}
	}
	ck_assert_msg(top >= 0 && x1 > x0, "no box:\n%s", b);
	for (int k = top; k < 40; k++) {
		int na = cells_of(a, k, ca, 160), nb = cells_of(b, k, cb, 160);
		if (x0 < nb && !strcmp(cb[x0], "└"))
			break;
		for (int x = 0; x < na && x < nb; x++) {
			if ((x >= x0 && x <= x1) || !is_bar(ca[x]))
				continue;
			ck_assert_msg(!strcmp(ca[x], cb[x]),
				      "row %d column %d: \"%s\" became \"%s\"", k,
				      x, ca[x], cb[x]);
			kept++;
		}
	}
	ck_assert_int_gt(kept, 100); /* the premise: bars beside the box */
	free(a);
	free(b);
	remove("before.txt");
}
END_TEST

START_TEST(help_leaves_no_cut_text_beside_it)
{
	/* given the help (?) over the view, then on the rows its box covers
	 * the cells just beside it are blank: the box cut the view's rows at
	 * its edges, and pieces of numbers and words stood against it ("│3"
	 * of a std 0.393, "0.│" of an axis label, "se┌" of "seed", "me│" of
	 * "measured") */
	int lines = help_sizes[_i].lines, cols = help_sizes[_i].cols;
	ck_assert_int_eq(run("? Wait Save " SAVED, 10, lines, cols, NULL), 0);
	char *screen = tut_slurp(SAVED);
	int x0 = -1, x1 = -1, rows = 0;
	bool inside = false;
	for (char *row = screen; row && *row;) {
		char *eol = strchr(row, '\n');
		if (eol)
			*eol = '\0';
		const char *tl = strstr(row, "┌"), *tr = strstr(row, "┐");
		if (tl && tr && x0 < 0) {
			x0 = col_of(row, tl);
			x1 = col_of(row, tr);
			inside = true;
		}
		if (inside) {
			int c = 0;
			rows++;
			for (const char *q = row; *q; q++) {
				if (((unsigned char)*q & 0xC0) == 0x80)
					continue;
				/* or a histogram's cell: bars are not
				 * cut words (see the test below) */
				ck_assert_msg((c != x0 - 1 && c != x1 + 1) ||
						  *q == ' ' || is_bar(q),
					      "\"%s\": column %d against the "
					      "box (%d-%d)",
					      row, c, x0, x1);
				c++;
			}
			if (strstr(row, "└"))
				inside = false;
		}
		row = eol ? eol + 1 : NULL;
	}
	ck_assert_msg(x0 >= 0 && rows > 2, "no help box in the screen");
	free(screen);
}
END_TEST

START_TEST(hidden_layers_are_said_at_80_columns)
{
	/* given 30 layers on an 80 x 24 screen, which shows a few rows of
	 * them, then the settings bar says which ("rows 1-K of 30"): a class
	 * must know the list is not the whole network */
	ck_assert_int_eq(run("Wait Save " SAVED, 30, 24, 80, NULL), 0);
	ck_assert(app.model.rows < 30);
	char *screen = tut_slurp(SAVED), want[64];
	snprintf(want, sizeof want, "rows 1-%zu of 30", app.model.rows);
	ck_assert_msg(strstr(screen, want), "%s\n%s", want, screen);
	free(screen);
}
END_TEST

START_TEST(every_kth_layer_names_the_last)
{
	/* given 30 layers on an 80 x 24 screen, when f f shows every k-th
	 * layer, then the settings bar says the step, and that the last
	 * layer closes the list where its gap is shorter (1, 16, 30: not
	 * every 15th) */
	ck_assert_int_eq(run("f f Wait Save " SAVED, 30, 24, 80, NULL), 0);
	ck_assert_int_eq(app.model.subset, TUI_SUBSET_EVERY);
	size_t k = tui_viewport_subset_step(30, app.model.rows),
	       n = tui_viewport_count(&app.model);
	ck_assert_uint_gt(k, 1);
	ck_assert_uint_eq(tui_viewport_layer(&app.model, n - 1), 30);
	size_t gap = 30 - tui_viewport_layer(&app.model, n - 2);
	char *screen = tut_slurp(SAVED), want[64];
	snprintf(want, sizeof want, "every %zuth layer%s", k,
		 gap != k ? " and the last" : "");
	ck_assert_msg(gap != k, "k %zu leaves no shorter gap", k);
	ck_assert_msg(strstr(screen, want), "%s\n%s", want, screen);
	free(screen);
	/* given 33 layers, whose last falls on the step (every 4th on 9
	 * rows: 1, 5, ..., 33), then the step alone is said */
	tut_close(&app, &scr);
	ck_assert_int_eq(run("f f Wait Save " SAVED, 33, 24, 80, NULL), 0);
	k = tui_viewport_subset_step(33, app.model.rows);
	ck_assert_msg(k > 1 && 32 % k == 0, "k %zu rows %zu", k,
		      app.model.rows);
	screen = tut_slurp(SAVED);
	snprintf(want, sizeof want, "every %zuth layer", k);
	ck_assert_msg(strstr(screen, want) && !strstr(screen, "and the last"),
		      "%s\n%s", want, screen);
	free(screen);
}
END_TEST

/* The second row of a saved screen, where the residual's setting goes. */
static char *second_row(char *screen)
{
	char *row = strchr(screen, '\n');
	ck_assert(row);
	char *end = strchr(++row, '\n');
	if (end)
		*end = '\0';
	return row;
}

START_TEST(the_residual_scale_keeps_a_short_form)
{
	/* given a residual, layer-normalised network of 30 layers, whose
	 * second row also says which rows are shown: at 100 columns the bar
	 * says "residual alpha 1"; at 64, where that does not fit beside the
	 * rows and the status, "alpha 1", the knob the class turns with y */
	ck_assert_int_eq(run("u z z Wait Save " SAVED, 30, 24, 100, NULL), 0);
	char *screen = tut_slurp(SAVED);
	ck_assert_msg(strstr(second_row(screen), "residual α 1"), "%s", screen);
	free(screen);
	tut_close(&app, &scr);
	ck_assert_int_eq(run("u z z Wait Save " SAVED, 30, 24, 64, NULL), 0);
	screen = tut_slurp(SAVED);
	char *row = second_row(screen);
	ck_assert_msg(strstr(row, "norm layer  α 1 ") && strstr(row, "rows 1-"),
		      "%s", row);
	free(screen);
}
END_TEST

/* The bottom row of a saved screen. */
static const char *last_row(char *screen)
{
	size_t n = strlen(screen);
	while (n > 0 && screen[n - 1] == '\n')
		screen[--n] = '\0';
	char *nl = strrchr(screen, '\n');
	return nl ? nl + 1 : screen;
}

START_TEST(hidden_layers_name_the_scrolling_keys)
{
	/* given 30 layers on an 80 x 24 screen, then the bottom bar names
	 * the keys that reach the other rows (the settings bar says only
	 * which rows are shown); given 3 layers, all shown, then it does not
	 * take the room */
	ck_assert_int_eq(run("Wait Save " SAVED, 30, 24, 80, NULL), 0);
	char *screen = tut_slurp(SAVED);
	const char *bar = last_row(screen);
	ck_assert_msg(strstr(bar, "jk Scroll"), "%s", bar);
	ck_assert_msg(strstr(bar, "q Quit"), "%s", bar);
	free(screen);
	tut_close(&app, &scr);
	ck_assert_int_eq(run("Wait Save " SAVED, 3, 24, 80, NULL), 0);
	screen = tut_slurp(SAVED);
	bar = last_row(screen);
	ck_assert_msg(!strstr(bar, "Scroll"), "%s", bar);
	free(screen);
}
END_TEST

START_TEST(the_bar_offers_no_knob_a_scheme_lacks)
{
	/* given zeros and torch-linear, which have no variance knob, then the
	 * bottom bar does not offer +- and [] (they would only say so); given
	 * normal, then it offers them by the knob's name */
	static const struct {
		iv_init_kind init;
		bool knob;
	} schemes[] = {{IV_INIT_ZEROS, false},
		       {IV_INIT_TORCH_LINEAR, false},
		       {IV_INIT_NORMAL, true}};
	for (size_t i = 0; i < sizeof schemes / sizeof schemes[0]; i++) {
		iv_config c;
		base_config(&c, 3);
		c.init = schemes[i].init;
		remove(SAVED);
		ck_assert_int_eq(tut_run_keys(&app, &scr, &c,
					      &(tui_options){.keys = KEYS},
					      "Wait Save " SAVED, 30, 120),
				 0);
		char *screen = tut_slurp(SAVED);
		const char *bar = last_row(screen);
		ck_assert_msg(strstr(bar, "q Quit"), "%s", bar);
		ck_assert_msg(!strstr(bar, "+- ") == !schemes[i].knob &&
				  !strstr(bar, "[] x2") == !schemes[i].knob,
			      "%s: %s", iv_init_name(schemes[i].init), bar);
		ck_assert(!schemes[i].knob || strstr(bar, "+- std"));
		free(screen);
		tut_close(&app, &scr);
	}
}
END_TEST

START_TEST(quit_stops_the_script)
{
	/* given "q a", then the status is 0 and a never ran (no screen saved)
	 */
	ck_assert_int_eq(run("q a Save " SAVED, 6, 30, 100, NULL), 0);
	char *screen = tut_slurp(SAVED);
	ck_assert_str_eq(screen, "");
	ck_assert(app.script.pos == 1);
	free(screen);
}
END_TEST

START_TEST(save_never_overwrites)
{
	/* given a file where Save writes, when a script saves there, then the
	 * file is left alone and the view ends with status 2 and a message
	 * naming the script, its line, the file and the reason (no one reads
	 * a status line in a script run); a Save after it is removed writes
	 * the screen */
	tut_write_file(SAVED, "mine\n");
	iv_config c;
	base_config(&c, 6);
	ck_assert_int_eq(tut_run_keys(&app, &scr, &c,
				      &(tui_options){.keys = KEYS},
				      "Wait\nSave " SAVED " q", 30, 100),
			 2);
	char *s = tut_slurp(SAVED);
	ck_assert_str_eq(s, "mine\n");
	free(s);
	ck_assert_msg(strstr(app.fatal, "key script " KEYS " line 2: cannot "
					"save the screen to " SAVED
					": it exists (initviz does not "
					"overwrite files"),
		      "%s", app.fatal);
	tut_close(&app, &scr);
	ck_assert_int_eq(run("Wait Save " SAVED, 6, 30, 100, NULL), 0);
	s = tut_slurp(SAVED);
	ck_assert(strstr(s, "computed in"));
	free(s);
}
END_TEST

START_TEST(scrolling_keys)
{
	/* given depth 50 on 30 lines, when j, then the list starts at layer 2;
	 * End shows layer 50; Home layer 1 again */
	ck_assert_int_eq(run("j Wait Save " SAVED " End", 50, 30, 100, NULL),
			 0);
	char *s = tut_slurp(SAVED),
	     *rows = strstr(s, "\n 2 "); /* first layer row */
	ck_assert_msg(rows && !strstr(s, "\n 1 "), "%s", s);
	ck_assert_uint_eq(app.model.top,
			  tui_viewport_count(&app.model) - app.model.rows);
	free(s);
	teardown();
	ck_assert_int_eq(run("End Wait Save " SAVED, 50, 30, 100, NULL), 0);
	s = tut_slurp(SAVED);
	ck_assert(strstr(s, "\n50 "));
	ck_assert(strstr(s, "rows "));
	free(s);
	teardown();
	ck_assert_int_eq(
	    run("End PgUp PgDn Home Wait Save " SAVED, 50, 30, 100, NULL), 0);
	ck_assert_uint_eq(app.model.top, 0);
}
END_TEST

START_TEST(resize_relays_out)
{
	/* given 100x30, when resized to 70x20, then the saved screen is 20 rows
	 * of at most 70 columns; at 50x10 the too-small notice; back to normal
	 */
	ck_assert_int_eq(
	    run("Wait Resize 70x20 Save " SAVED " q", 6, 30, 100, NULL), 0);
	ck_assert_int_eq(LINES, 20);
	ck_assert_int_eq(COLS, 70);
	char *s = tut_slurp(SAVED), *p = s;
	int rows = 0;
	for (char *nl; (nl = strchr(p, '\n')); p = nl + 1, rows++) {
		*nl = '\0';
		ck_assert_int_le(tui_text_width(p), 70);
	}
	ck_assert_int_eq(rows, 20);
	free(s);
	teardown();
	ck_assert_int_eq(run("Wait Resize 50x10 Save " SAVED, 6, 30, 100, NULL),
			 0);
	s = tut_slurp(SAVED);
	ck_assert(strstr(s, "terminal too small: 50x10"));
	free(s);
	teardown();
	ck_assert_int_eq(run("Wait Resize 50x10 Resize 100x30 Save " SAVED, 6,
			     30, 100, NULL),
			 0);
	s = tut_slurp(SAVED);
	ck_assert(!strstr(s, "too small") && strstr(s, "depth profile"));
	free(s);
}
END_TEST

static const struct {
	int cols, lines;
	const char *shown[3];
} tiny[] = {
    {50, 10, {"terminal too small: 50x10", "initviz needs 60x15", "q quits"}},
    {20, 5, {"too small: 20x5", "initviz needs 60x15", "q quits"}},
    {12, 4, {"too small", "needs 60x15", "q quits"}},
    {8, 3, {"60x15", "q quits", NULL}},
};

START_TEST(too_small_is_said_in_whole_words)
{
	/* given a screen below 60x15, then the notice's lines are whole,
	 * shorter ones where the long ones do not fit: at 20x5 the size was
	 * cut off "terminal too small: 20x5", and at 12x3 it read "terminal
	 * too" and "initviz need", without the size it needs */
	char keys[64];
	snprintf(keys, sizeof keys, "Wait Resize %dx%d Save " SAVED,
		 tiny[_i].cols, tiny[_i].lines);
	ck_assert_int_eq(run(keys, 6, 30, 100, NULL), 0);
	char *s = tut_slurp(SAVED);
	for (int k = 0; k < 3 && tiny[_i].shown[k]; k++) {
		const char *p = strstr(s, tiny[_i].shown[k]);
		ck_assert_msg(p, "no \"%s\" in\n%s", tiny[_i].shown[k], s);
		/* a whole line: blanks or the edge either side */
		size_t n = strlen(tiny[_i].shown[k]);
		ck_assert_msg((p == s || p[-1] == ' ' || p[-1] == '\n') &&
				  (p[n] == ' ' || p[n] == '\n' || !p[n]),
			      "\"%s\" cut in\n%s", tiny[_i].shown[k], s);
	}
	free(s);
}
END_TEST

/* Sizes Resize refuses: trailing text, overflow (of int and of long), out
 * of range, signs, missing parts, another separator. */
static const char *const bad_sizes[] = {
    "100x30abc",
    "100x30x2",
    "99999999999999999999x30",
    "100x99999999999999999999",
    "2147483648x30",
    "4294967396x30",
    "1001x30",
    "100x0",
    "-100x30",
    "+100x30",
    "100x",
    "x30",
    "100*30",
};

START_TEST(resize_refuses_a_bad_size)
{
	/* given a script whose line 2 resizes to a bad size, when it is
	 * loaded, then it fails with the file, the line and the size */
	tui_script s;
	char text[128], err[256], want[160];
	snprintf(text, sizeof text, "a\nWait Resize %s\nq\n", bad_sizes[_i]);
	tut_write_file(KEYS, text);
	ck_assert_int_eq(tui_script_load(&s, KEYS, err, sizeof err), -1);
	snprintf(want, sizeof want,
		 "key script " KEYS " line 2: Resize wants COLSxLINES");
	ck_assert_msg(strstr(err, want), "size \"%s\": %s", bad_sizes[_i], err);
	snprintf(want, sizeof want, "(got \"%s\")", bad_sizes[_i]);
	ck_assert_msg(strstr(err, want), "size \"%s\": %s", bad_sizes[_i], err);
	ck_assert_uint_eq(s.n, 0);
	ck_assert_ptr_null(s.step);
}
END_TEST

START_TEST(resize_takes_sizes_at_the_limits)
{
	/* given sizes at both ends of 1..1000, either x, leading zeros, then
	 * each parses to its numbers */
	tui_script s;
	char err[256];
	const char *text = "Resize 1x1 Resize 1000X1000 Resize 0100x030";
	ck_assert_int_eq(tui_script_parse(&s, text, strlen(text), err,
					  sizeof err),
			 0);
	ck_assert_uint_eq(s.n, 3);
	ck_assert(s.step[0].cols == 1 && s.step[0].lines == 1);
	ck_assert(s.step[1].cols == 1000 && s.step[1].lines == 1000);
	ck_assert(s.step[2].cols == 100 && s.step[2].lines == 30);
	tui_script_free(&s);
}
END_TEST

/* Allocation failure: the test links with --wrap=malloc --wrap=realloc
 * --wrap=strdup, so the tui and util libraries' calls come here; with
 * fail_at = n > 0 the n-th fails. */
void *__real_malloc(size_t n);
void *__wrap_malloc(size_t n);
void *__real_realloc(void *p, size_t n);
void *__wrap_realloc(void *p, size_t n);
char *__real_strdup(const char *s);
char *__wrap_strdup(const char *s);
static int fail_at, allocs;

void *__wrap_malloc(size_t n)
{
	if (fail_at && ++allocs == fail_at)
		return NULL;
	return __real_malloc(n);
}

void *__wrap_realloc(void *p, size_t n)
{
	if (fail_at && ++allocs == fail_at)
		return NULL;
	return __real_realloc(p, n);
}

char *__wrap_strdup(const char *s)
{
	if (fail_at && ++allocs == fail_at)
		return NULL;
	return __real_strdup(s);
}

/* The allocations of parsing OOM_SCRIPT in order, and the message when
 * each one fails: the copy of the text, the array of steps (grown by half,
 * so once for a few steps), Save's name. */
#define OOM_SCRIPT "a\nSave " SAVED "\nResize 100x30\nWait\n"
static const char *const oom_messages[] = {
    "out of memory",
    "line 1: out of memory",
    "line 2: out of memory",
};

START_TEST(script_out_of_memory)
{
	/* given each allocation of parsing in turn failing, then the parse
	 * fails with its message and an empty script (nothing leaks: the
	 * sanitizer stage checks); past the last one it succeeds */
	tui_script s;
	char err[256];
	for (size_t n = 1; n <= LEN(oom_messages) + 1; n++) {
		strcpy(err, "(no message)");
		allocs = 0;
		fail_at = (int)n;
		int rc = tui_script_parse(&s, OOM_SCRIPT, strlen(OOM_SCRIPT),
					  err, sizeof err);
		fail_at = 0;
		if (n > LEN(oom_messages)) {
			ck_assert_int_eq(rc, 0);
			ck_assert_int_eq(allocs, (int)LEN(oom_messages));
			ck_assert_uint_eq(s.n, 4);
			ck_assert_str_eq(s.step[1].arg, SAVED);
			tui_script_free(&s);
			break;
		}
		ck_assert_msg(rc == -1, "allocation %zu failed, parse gave %d",
			      n, rc);
		ck_assert_str_eq(err, oom_messages[n - 1]);
		ck_assert_uint_eq(s.n, 0);
		ck_assert_ptr_null(s.step);
	}
	/* the file's name comes first when it is loaded: reading it (the
	 * buffer), then parsing it */
	tut_write_file(KEYS, OOM_SCRIPT);
	allocs = 0;
	fail_at = 1;
	int rc = tui_script_load(&s, KEYS, err, sizeof err);
	ck_assert_int_eq(rc, -1);
	ck_assert_str_eq(err, "key script " KEYS ": cannot read: "
			      "Cannot allocate memory");
	allocs = 0;
	fail_at = 3;
	rc = tui_script_load(&s, KEYS, err, sizeof err);
	fail_at = 0;
	ck_assert_int_eq(rc, -1);
	ck_assert_str_eq(err, "key script " KEYS " line 1: out of memory");
}
END_TEST

static int count_lines(const char *text, const char *word)
{
	int n = 0;
	for (const char *p = text; (p = strstr(p, word)); p++)
		n++;
	return n;
}

START_TEST(burst_of_keys_computes_once)
{
	/* given three depth keys in a row, then one allocation after them (and
	 * the first), and the finished network has the final depth */
	remove(TRACE); /* --trace never overwrites */
	ck_assert_int_eq(run("Wait d d d Wait q", 6, 30, 100, TRACE), 0);
	char *t = tut_slurp(TRACE);
	ck_assert_int_eq(count_lines(t, " compute gen="), 2);
	ck_assert_int_eq(count_lines(t, " done gen="), 2);
	ck_assert_int_eq(count_lines(t, " key "), 4);
	ck_assert_uint_eq(iv_net_depth(app.comp.net), 9);
	ck_assert(iv_net_done(app.comp.net));
	free(t);
}
END_TEST

START_TEST(new_setting_cancels_the_computation)
{
	/* given a computation one step in, when a setting changes, then the old
	 * network is freed at once and the next one has the new setting */
	iv_config c;
	base_config(&c, 30);
	ck_assert_int_eq(tui_app_init(&app, &c, NULL), 0);
	tui_work_start(&app);
	ck_assert(tui_compute_run(&app.comp, 0));
	ck_assert(tui_compute_busy(&app.comp));
	unsigned gen = app.comp.gen, f = tui_actions_dispatch(&app, TUI_A_ACT_NEXT);
	ck_assert(f & TUI_F_RECOMPUTE);
	tui_loop_apply(&app, f);
	ck_assert_ptr_null(app.comp.net);
	ck_assert(app.pending && tui_work_busy(&app));
	ck_assert_uint_gt(app.comp.gen, gen);
	tui_work_settle(&app);
	ck_assert_int_eq(iv_net_config(app.comp.net)->act, IV_ACT_RELU);
	ck_assert(iv_net_done(app.comp.net));
	/* a view toggle recomputes nothing */
	gen = app.comp.gen;
	tui_loop_apply(&app, tui_actions_dispatch(&app, TUI_A_PREACT));
	ck_assert_uint_eq(app.comp.gen, gen);
	ck_assert(!app.pending);
	tui_app_done(&app);
}
END_TEST

START_TEST(closed_input_does_not_spin)
{
	/* given a screen whose input is /dev/null (every read fails at once)
	 * and no script, then the loop stops by itself, quickly, status 0 */
	iv_config c;
	base_config(&c, 6);
	remove(TRACE); /* --trace never overwrites */
	ck_assert_int_eq(tui_app_init(&app, &c, &(tui_options){.trace = TRACE}),
			 0);
	scr = tui_screen_headless(30, 100);
	app.headless = false; /* read the "keyboard" */
	double t0 = tui_clock_now();
	ck_assert_int_eq(tui_loop(&app), 0);
	ck_assert(tui_clock_now() - t0 < 5.0);
	char *t = tut_slurp(TRACE);
	ck_assert(strstr(t, " eof"));
	ck_assert_int_le(count_lines(t, " frame "), TUI_EOF_READS + 2);
	free(t);
}
END_TEST

START_TEST(a_hung_up_stdin_is_not_the_screens_input)
{
	/* given the process's stdin a pipe whose writer is gone (it polls
	 * as hung up) and a screen whose input is /dev/null, then the loop
	 * asks the screen's input, not stdin, whether the terminal hung up:
	 * it ends as a closed input (eof), not as a hangup, while the first
	 * computation keeps it busy */
	int fds[2], saved = dup(STDIN_FILENO);
	ck_assert_int_ge(saved, 0);
	ck_assert_int_eq(pipe(fds), 0);
	close(fds[1]);
	ck_assert_int_ge(dup2(fds[0], STDIN_FILENO), 0);
	close(fds[0]);
	iv_config c;
	base_config(&c, 6);
	remove(TRACE);
	ck_assert_int_eq(tui_app_init(&app, &c, &(tui_options){.trace = TRACE}),
			 0);
	scr = tui_screen_headless(30, 100);
	app.headless = false; /* read the "keyboard" */
	ck_assert_int_eq(tui_loop(&app), 0);
	dup2(saved, STDIN_FILENO);
	close(saved);
	char *t = tut_slurp(TRACE);
	ck_assert(strstr(t, " eof"));
	ck_assert(!strstr(t, "hangup"));
	free(t);
}
END_TEST

START_TEST(run_headless_with_a_script)
{
	/* given tui_run with keys and no terminal, then it draws, saves and
	 * returns 0; INITVIZ_SCRIPT works the same; a bad script gives 2 */
	iv_config c;
	base_config(&c, 6);
	tut_write_file(KEYS, "a a Wait Save " SAVED "\n");
	remove(SAVED);
	setenv("INITVIZ_LINES", "24", 1);
	setenv("INITVIZ_COLS", "80", 1);
	tui_options o = {.keys = KEYS, .headless = true};
	ck_assert_int_eq(tui_run(&c, &o), 0);
	char *s = tut_slurp(SAVED);
	ck_assert(strstr(s, "act leaky-relu"));
	ck_assert_int_eq(count_lines(s, "\n"), 24);
	free(s);
	remove(SAVED);
	setenv("INITVIZ_SCRIPT", KEYS, 1);
	ck_assert_int_eq(tui_run(&c, &(tui_options){.headless = true}), 0);
	s = tut_slurp(SAVED);
	ck_assert(strstr(s, "act leaky-relu"));
	free(s);
	unsetenv("INITVIZ_SCRIPT");
	tut_write_file(KEYS, "a Bogus\n");
	ck_assert_int_eq(tui_run(&c, &o), 2);
	o.keys = "/nonexistent/keys";
	ck_assert_int_eq(tui_run(&c, &o), 2);
}
END_TEST

START_TEST(no_terminal_without_a_script)
{
	/* given no script and stdin that is not a terminal, then 2 at once */
	iv_config c;
	base_config(&c, 6);
	unsetenv("INITVIZ_SCRIPT");
	if (!freopen("/dev/null", "r", stdin))
		ck_abort_msg("cannot reopen stdin");
	ck_assert_int_eq(tui_run(&c, &(tui_options){0}), 2);
}
END_TEST

START_TEST(a_quit_signal_outlasts_cont)
{
	/* given the view suspended (Ctrl-Z), when a HUP or TERM comes (the
	 * ssh session closes, kill from another shell) and then CONT (fg, or
	 * the shell's CONT to its stopped jobs), then the loop takes the quit
	 * request: CONT's repaint overwrote it when its handler ran last, and
	 * the view went on running after the hangup */
	static const int quits[] = {SIGHUP, SIGTERM, SIGINT};
	tui_signals_catch();
	for (size_t i = 0; i < LEN(quits); i++) {
		raise(quits[i]);
		raise(SIGCONT);
		ck_assert_int_eq(tui_signals_take(), quits[i]);
		(void)tui_signals_take(); /* the repaint, if any, after it */
		ck_assert_int_eq(tui_signals_take(), 0);
	}
	/* CONT alone still asks for a repaint; the first quit wins */
	raise(SIGCONT);
	ck_assert_int_eq(tui_signals_take(), SIGCONT);
	raise(SIGTERM);
	raise(SIGHUP);
	ck_assert_int_eq(tui_signals_take(), SIGTERM);
	tui_signals_default();
}
END_TEST

START_TEST(a_second_quit_signal_quits_a_held_up_view)
{
	/* given the terminal's restore sequence armed, when a quit signal
	 * comes while an earlier one waits to be taken (the loop held up by
	 * a large SVD: Ctrl-C did nothing for minutes), then the process
	 * writes the restore sequence and dies of the signal; one signal
	 * alone only waits */
	char path[] = "restore-XXXXXX";
	int fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	pid_t pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		struct termios tio;
		memset(&tio, 0, sizeof tio);
		tui_signals_catch();
		tui_signals_fatal_arm(fd, &tio, "RESTORED");
		raise(SIGINT);
		if (tui_signals_take() != SIGINT) /* one alone waits */
			_exit(3);
		raise(SIGINT);
		raise(SIGINT); /* the second while the first waits */
		_exit(4);
	}
	int st;
	ck_assert_int_eq(waitpid(pid, &st, 0), pid);
	ck_assert_msg(WIFSIGNALED(st) && WTERMSIG(st) == SIGINT,
		      "status %d", st);
	char buf[32] = "";
	ck_assert_int_eq(pread(fd, buf, sizeof buf - 1, 0), 8);
	ck_assert_str_eq(buf, "RESTORED");
	close(fd);
	remove(path);
}
END_TEST

Suite *suite(void)
{
	cm_locale();
	if (cm_tmpdir("initviz-tui") != 0)
		return NULL;
	Suite *s = suite_create("tui_script");
	TCase *t = tcase_create("keys");
	tcase_set_timeout(t, 30);
	tcase_add_checked_fixture(t, NULL, teardown);
	tcase_add_loop_test(t, key_changes_its_setting, 0, LEN(cases));
	tcase_add_loop_test(t, a_long_message_takes_the_rows_above, 0,
			    LEN(long_notes));
	tcase_add_test(t, a_long_note_stays_put_while_typing);
	tcase_add_test(t, typed_text_hidden_at_an_end_is_marked);
	tcase_add_test(t, a_symmetric_range_reads_the_same_both_ends);
	tcase_add_test(t, a_narrow_symmetric_range_is_said_within_5_percent);
	tcase_add_test(t, hidden_layers_are_said_at_80_columns);
	tcase_add_test(t, hidden_layers_name_the_scrolling_keys);
	tcase_add_test(t, the_residual_scale_keeps_a_short_form);
	tcase_add_test(t, every_kth_layer_names_the_last);
	tcase_add_test(t, the_bar_offers_no_knob_a_scheme_lacks);
	tcase_add_test(t, help_hides_only_the_bars_it_covers);
	tcase_add_loop_test(t, help_leaves_no_cut_text_beside_it, 0,
			    LEN(help_sizes));
	tcase_add_test(t, quit_stops_the_script);
	tcase_add_test(t, save_never_overwrites);
	tcase_add_test(t, scrolling_keys);
	tcase_add_test(t, resize_relays_out);
	tcase_add_loop_test(t, too_small_is_said_in_whole_words, 0, LEN(tiny));
	suite_add_tcase(s, t);
	t = tcase_create("parse");
	tcase_add_loop_test(t, resize_refuses_a_bad_size, 0, LEN(bad_sizes));
	tcase_add_test(t, resize_takes_sizes_at_the_limits);
	tcase_add_test(t, script_out_of_memory);
	suite_add_tcase(s, t);
	t = tcase_create("loop");
	tcase_set_timeout(t, 30);
	tcase_add_checked_fixture(t, NULL, teardown);
	tcase_add_test(t, burst_of_keys_computes_once);
	tcase_add_test(t, new_setting_cancels_the_computation);
	tcase_add_test(t, closed_input_does_not_spin);
	tcase_add_test(t, a_hung_up_stdin_is_not_the_screens_input);
	tcase_add_test(t, run_headless_with_a_script);
	tcase_add_test(t, no_terminal_without_a_script);
	tcase_add_test(t, a_quit_signal_outlasts_cont);
	tcase_add_test(t, a_second_quit_signal_quits_a_held_up_view);
	suite_add_tcase(s, t);
	return s;
}
