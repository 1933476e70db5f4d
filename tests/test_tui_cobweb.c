/* SPDX-License-Identifier: MIT */
/* The cobweb view on a headless screen: scripted sessions (keys through the
 * key table, as typed) that open the length map, switch to the correlation
 * map, move the setting and the inputs' correlation and close it, with the
 * marks on screen where the numbers put them; what docs/teaching.md says
 * the built-in lessons show; the smallest screens; and snapshots compared
 * with tests/snapshots/cobweb_*.txt (INITVIZ_UPDATE_SNAPSHOTS=1 rewrites
 * them). */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/lessons.h"
#include "tui/panel.h"
#include "tui_testutil.h"

#define LEN(a) (sizeof(a) / sizeof((a)[0]))
#define SAVED  "screen.txt"
#define KEYS   "keys.txt"

static tui_app app;
static SCREEN *scr;
static iv_lesson_set builtin;

/* Width 32, batch 64, depth 6; scheme and activation as given. */
static void config(iv_config *c, iv_init_kind init, iv_act_kind act)
{
	iv_config_defaults(c);
	c->depth = 6;
	c->width = 32;
	c->batch = 64;
	c->init = init;
	c->act = act;
}

/* Run keys from configuration c on a headless lines x cols screen; the
 * app stays open for inspection. Returns the saved screen (free it). */
static char *run_at(const iv_config *c, const char *keys, int lines, int cols)
{
	char script[512];
	snprintf(script, sizeof script, "%s Wait Save " SAVED "\n", keys);
	remove(SAVED);
	ck_assert_int_eq(tut_run_keys(&app, &scr, c,
				      &(tui_options){.keys = KEYS}, script,
				      lines, cols),
			 0);
	return tut_slurp(SAVED);
}

static char *run(const iv_config *c, const char *keys)
{
	return run_at(c, keys, 30, 100);
}

static void teardown(void)
{
	tut_close(&app, &scr);
}

#define SHOWN(s, text)                                                         \
	ck_assert_msg(strstr(s, text), "no \"%s\" in\n%s", text, s)
#define GONE(s, text) ck_assert_msg(!strstr(s, text), "\"%s\" in\n%s", text, s)

/* Row and column (in glyphs) of the first glyph g in the plot's rows of
 * a screen; false when it is not there. */
static bool find_glyph(const char *screen, const char *g, int *row, int *col)
{
	int r = 0, from = app.rect[TUI_PANEL_COBWEB].y + 1,
	    to = from + (int)app.theory.cobweb.rows;
	for (const char *line = screen; *line && r < to; r++) {
		const char *end = strchr(line, '\n');
		size_t len = end ? (size_t)(end - line) : strlen(line);
		const char *hit = strstr(line, g);
		if (r >= from && hit && hit < line + len) {
			char pre[4096];
			snprintf(pre, sizeof pre, "%.*s", (int)(hit - line),
				 line);
			*row = r;
			*col = tui_text_width(pre);
			return true;
		}
		if (!end)
			break;
		line = end + 1;
	}
	return false;
}

/* Where the panel puts value (x, y) of the plot on the screen. */
static void cell_of(double x, double y, int *row, int *col)
{
	const tui_cobweb *w = &app.theory.cobweb;
	int top = app.rect[TUI_PANEL_COBWEB].y + 1;
	*row = top + (int)w->rows - 1 - tui_cobweb_row(w, y);
	*col = TUI_AXIS_W + tui_cobweb_col(w, x);
}

START_TEST(q_past_a_double)
{
	/* given linear, sigma_w^2 0.25 and a bias of 1e300, when M: q* =
	 * b^2 / 0.75 is past a double's range, said so, not infinite */
	iv_config c;
	config(&c, IV_INIT_XAVIER_NORMAL, IV_ACT_LINEAR);
	c.bias = 1e300;
	c.gain = 0.5;
	char *s = run(&c, "M");
	SHOWN(s, "q* >1.8e308: stable fixed point");
	GONE(s, "q* inf");
	free(s);
}
END_TEST

START_TEST(q1_past_the_axes)
{
	/* given tanh and a bias of 1e300, layer 1's q is past a double's
	 * range: no iterate can sit on an axis. When M: no empty plot
	 * titled "layers 1-0", but why, with what the fixed point does
	 * (q* past the range, chi1 0: tanh saturated by the bias); Tab: every
	 * unit gives the same for every input, so c* 1 with chi_c 0 and a
	 * depth scale of 0, not "nan" or "undefined" */
	iv_config c;
	config(&c, IV_INIT_XAVIER_NORMAL, IV_ACT_TANH);
	c.bias = 1e300;
	char *s = run(&c, "M");
	SHOWN(s, "no map to draw: layer 1's q is over 1.8e308");
	SHOWN(s, "q* >1.8e308: stable fixed point   χ1 0 at q*   ξg 0");
	SHOWN(s, "σb² >1.8e308");
	GONE(s, "layers 1-0");
	GONE(s, "inf");
	GONE(s, "nan");
	ck_assert_int_eq(app.theory.cobweb.state, TUI_COBWEB_PAST_RANGE);
	free(s);
	tut_close(&app, &scr);
	s = run(&c, "M Tab");
	SHOWN(s, "no map to draw");
	SHOWN(s, "c* 1: stable fixed point   χc 0 (slope at c*)   ξc 0 "
		 "(correlations)");
	GONE(s, "undefined");
	GONE(s, "layers 1-0");
	GONE(s, "nan");
	free(s);
}
END_TEST

START_TEST(length_map_opens)
{
	/* given tanh with He, when M, then the finished length map: q* 0.618
	 * marked where the plot puts it, layer 1 at (2, 2), the legend, chi1
	 * and the gradients' depth scale; nothing still computing */
	iv_config c;
	config(&c, IV_INIT_HE_NORMAL, IV_ACT_TANH);
	char *s = run(&c, "M");
	const tui_cobweb *w = &app.theory.cobweb;
	ck_assert_int_eq(app.cover, TUI_PANEL_COBWEB);
	ck_assert(tui_cobweb_fresh(w, &app.theory, &app.model.cfg));
	SHOWN(s, "length map of tanh (σw² 2, σb² 0): q of layer l against "
		 "layer l-1");
	SHOWN(s, "• map   · q'=q   │─ layers 1-6   ○ layer 1   ◉ q*");
	SHOWN(s, "q* 0.618: stable fixed point   χ1 1.11 at q*   ξg 9.97 "
		 "(gradients)");
	SHOWN(s, "the map crosses the diagonal at q*: q1 2 to q6 0.644");
	GONE(s, "computing");
	int r, col, wr, wc;
	ck_assert(find_glyph(s, "◉", &r, &col));
	cell_of(w->fixed, w->fixed, &wr, &wc);
	ck_assert_int_eq(r, wr);
	ck_assert_int_eq(col, wc);
	ck_assert(find_glyph(s, "○", &r, &col));
	cell_of(2.0, 2.0, &wr, &wc);
	ck_assert_int_eq(r, wr);
	ck_assert_int_eq(col, wc);
	tut_rows_fit();
	free(s);
}
END_TEST

START_TEST(correlation_map_by_tab)
{
	/* given tanh with He, when M Tab, then the correlation map: c* 0 with
	 * chi_c and the correlations' depth scale 21.7 (not the gradients'
	 * 9.97); Tab again goes back */
	iv_config c;
	config(&c, IV_INIT_HE_NORMAL, IV_ACT_TANH);
	char *s = run(&c, "M Wait Tab");
	ck_assert_int_eq(app.theory.cobweb.map, TUI_COBWEB_CORR);
	SHOWN(s, "correlation map of tanh (σw² 2, σb² 0): c of layer l "
		 "against layer l-1");
	SHOWN(s, "c* 0: stable fixed point   χc 0.955 (slope at c*)   ξc 21.7 "
		 "(correlations)");
	SHOWN(s, "map at q* 0.618 (layers: q1 2 to q6 0.644); inputs of "
		 "correlation 0.5: c1 0.5");
	SHOWN(s, "↑/↓: the inputs' correlation   Tab: length map");
	int r, col, wr, wc;
	ck_assert(find_glyph(s, "◉", &r, &col));
	cell_of(app.theory.cobweb.fixed, app.theory.cobweb.fixed, &wr, &wc);
	ck_assert_int_eq(r, wr);
	ck_assert_int_eq(col, wc);
	free(s);
	teardown();
	s = run(&c, "M Wait Tab Wait Tab");
	ck_assert_int_eq(app.theory.cobweb.map, TUI_COBWEB_LENGTH);
	SHOWN(s, "length map of tanh");
	free(s);
}
END_TEST

START_TEST(one_layer)
{
	/* given one layer of tanh with He, then the legend and the words
	 * name one layer: no "layers 1-1", no "q1 2 to q1 ..." */
	iv_config c;
	config(&c, IV_INIT_HE_NORMAL, IV_ACT_TANH);
	c.depth = 1;
	char *s = run(&c, "M");
	SHOWN(s, "│─ layer 1   ○ layer 1");
	SHOWN(s, "the map crosses the diagonal at q*: q1 2, one layer");
	GONE(s, "layers 1-1");
	GONE(s, " to q1 ");
	free(s);
	teardown();
	s = run(&c, "M Wait Tab");
	SHOWN(s, "(layers: q1 2, one layer); inputs of correlation");
	free(s);
}
END_TEST

START_TEST(every_unit_zero_has_no_correlation_map)
{
	/* given weights of std 0 and no bias, every unit is 0 from layer 1
	 * on: when M Tab, no correlation map (it would draw c' = c, the
	 * limit of a signal that is not there) but why, and the numbers
	 * undefined; the length map still shows q* 0. With some weight
	 * variance (Right) the correlation map is back. */
	iv_config c;
	config(&c, IV_INIT_NORMAL, IV_ACT_TANH);
	c.std = 0;
	char *s = run(&c, "M Wait Tab");
	ck_assert_int_eq(app.theory.cobweb.state, TUI_COBWEB_NO_SIGNAL);
	SHOWN(s, "no map to draw: every unit is 0 from layer 1 on (q = 0), "
		 "so two inputs' correlation is 0/0");
	SHOWN(s, "χc undefined");
	GONE(s, "layers 1-");
	GONE(s, "○");
	GONE(s, "c1 ");
	free(s);
	teardown();
	s = run(&c, "M Wait Tab Wait Tab");
	SHOWN(s, "q* 0: stable fixed point");
	free(s);
	teardown();
	s = run(&c, "M Wait Tab Wait Right");
	ck_assert_int_eq(app.theory.cobweb.state, TUI_COBWEB_OK);
	GONE(s, "no map to draw");
	free(s);
}
END_TEST

START_TEST(no_fixed_point_and_neutral)
{
	/* given softplus with He, then "no fixed point: q diverges" and no q*
	 * on the plot; given relu with He, "neutral: every q is fixed" */
	iv_config c;
	config(&c, IV_INIT_HE_NORMAL, IV_ACT_SOFTPLUS);
	char *s = run(&c, "M");
	int r, col;
	SHOWN(s, "no fixed point: q diverges   χ1 1 at large q   ξg ∞");
	SHOWN(s, "the map stays above the diagonal: q grows, q1 2 to q6");
	ck_assert(!find_glyph(s, "◉", &r, &col));
	free(s);
	teardown();
	c.act = IV_ACT_RELU;
	s = run(&c, "M");
	SHOWN(s, "neutral: every q is fixed   χ1 1 at every q   ξg ∞");
	SHOWN(s, "the map is the diagonal: every layer keeps q1 2");
	ck_assert(!find_glyph(s, "◉", &r, &col));
	GONE(s, "◉"); /* nor in the legend */
	free(s);
}
END_TEST

START_TEST(arrows_move_the_setting)
{
	/* given tanh with Xavier (sigma_w^2 1), when M and an arrow, then
	 * sigma_w^2 moves by 0.1 through the gain and sigma_b^2 by 0.05
	 * through the bias std; the network is recomputed and the map with it
	 */
	iv_config c;
	config(&c, IV_INIT_XAVIER_NORMAL, IV_ACT_TANH);
	char *s = run(&c, "M Wait Right Right Up");
	ck_assert_double_eq_tol(iv_theory_sigma_w2(&app.model.cfg, 1), 1.2,
				1e-12);
	ck_assert_double_eq_tol(app.model.cfg.gain, sqrt(1.2), 1e-12);
	ck_assert_double_eq_tol(app.model.cfg.bias_std, sqrt(0.05), 1e-12);
	ck_assert_double_eq_tol(iv_net_config(app.comp.net)->gain, sqrt(1.2),
				1e-12);
	SHOWN(s, "length map of tanh (σw² 1.2, σb² 0.05)");
	ck_assert(
	    tui_cobweb_fresh(&app.theory.cobweb, &app.theory, &app.model.cfg));
	ck_assert_double_eq(app.theory.cobweb.crit.sigma_w2,
			    iv_theory_sigma_w2(&app.model.cfg, 1));
	free(s);
	teardown();
	s = run(&c, "M Wait Left Down");
	ck_assert_double_eq_tol(iv_theory_sigma_w2(&app.model.cfg, 1), 0.9,
				1e-12);
	ck_assert_double_eq(app.model.cfg.bias_std, 0); /* at the edge */
	free(s);
}
END_TEST

START_TEST(arrows_move_the_inputs_correlation)
{
	/* given the correlation map, when Up and Down, then the inputs'
	 * correlation moves by 0.1 and the network stays as it was; at 1 it
	 * stops with a notice */
	iv_config c;
	config(&c, IV_INIT_HE_NORMAL, IV_ACT_TANH);
	char *s = run(&c, "M Tab Up Up Down Up");
	ck_assert_double_eq_tol(tui_cobweb_c0(&app.theory.cobweb), 0.7, 1e-12);
	ck_assert_double_eq(app.model.cfg.bias_std, 0);
	SHOWN(s, "inputs of correlation 0.7: c1 0.7");
	free(s);
	teardown();
	s = run(&c, "M Tab Up Up Up Up Up Up");
	ck_assert_double_eq(tui_cobweb_c0(&app.theory.cobweb), 1);
	SHOWN(s, "correlations lie from -1 to 1");
	free(s);
}
END_TEST

START_TEST(closing_and_other_schemes)
{
	/* given the map, when Esc, M or v, then it closes (v still switches
	 * the view); given constant weights, then it says the theory does not
	 * describe them */
	iv_config c;
	config(&c, IV_INIT_HE_NORMAL, IV_ACT_TANH);
	static const char *const close[] = {"M Esc", "M M", "M v"};
	for (size_t i = 0; i < LEN(close); i++) {
		char *s = run(&c, close[i]);
		ck_assert_int_eq(app.cover, TUI_PANEL_NONE);
		GONE(s, "length map");
		free(s);
		teardown();
	}
	char *s = run(&c, "M v");
	ck_assert_int_eq(app.model.view, TUI_VIEW_LAYERS);
	free(s);
	teardown();
	c.init = IV_INIT_CONSTANT;
	s = run(&c, "M");
	SHOWN(s, "constant weights are not random: the theory does not "
		 "describe them");
	free(s);
}
END_TEST

/* docs/teaching.md, "Fixed points with M": a lesson, keys, what shows. */
static const struct {
	size_t lesson;
	const char *keys;
	const char *shown[3];
} guide[] = {
    {9,
     "M",
     {"neutral: every q is fixed",
      "the map is the diagonal: every layer keeps q1 2", NULL}},
    {9,
     "M Wait Right",
     {"no fixed point: q diverges", "q1 2.1 to q30 8.64", NULL}},
    {9,
     "M Wait Right Wait Left Left",
     {"q* 0: stable fixed point   χ1 0.95 at q*", NULL, NULL}},
    {10,
     "M",
     {"q* 0: stable fixed point   χ1 0.5 at q*",
      "q* 0 is off the log axis (lower left): q1 1 to q30 1.86e-09", NULL}},
    {9,
     "a a a a a a M",
     {"length map of softplus", "no fixed point: q diverges",
      "the map stays above the diagonal: q grows, q1 2 to q30 17.1"}},
    {8,
     "i i M",
     {"length map of tanh (σw² 2, σb² 0)",
      "q* 0.618: stable fixed point   χ1 1.11 at q*   ξg 9.97", NULL}},
    {8,
     "i i M Wait Tab",
     {"c* 0: stable fixed point   χc 0.955 (slope at c*)   ξc 21.7", NULL,
      NULL}},
};

START_TEST(teaching_guide_claims)
{
	/* given the lesson docs/teaching.md names, when its keys, then the
	 * words and numbers it quotes */
	size_t k = guide[_i].lesson;
	ck_assert_uint_le(k, builtin.n);
	char script[256], *s;
	remove(SAVED);
	snprintf(script, sizeof script, "%s Wait Save " SAVED "\n",
		 guide[_i].keys);
	ck_assert_int_eq(
	    tut_run_keys(
		&app, &scr, &builtin.v[k - 1].cfg,
		&(tui_options){.keys = KEYS, .lessons = &builtin, .lesson = k},
		script, 30, 100),
	    0);
	s = tut_slurp(SAVED);
	for (int i = 0; i < 3 && guide[_i].shown[i]; i++)
		SHOWN(s, guide[_i].shown[i]);
	free(s);
}
END_TEST

/* The row of screen s holding label, its trailing blanks trimmed, in buf. */
static void row_with(const char *s, const char *label, char *buf, size_t size)
{
	const char *p = strstr(s, label);
	ck_assert_msg(p, "no \"%s\" in\n%s", label, s);
	while (p > s && p[-1] != '\n')
		p--;
	const char *e = strchr(p, '\n');
	size_t n = e ? (size_t)(e - p) : strlen(p);
	while (n && p[n - 1] == ' ')
		n--;
	snprintf(buf, size, "%.*s", (int)n, p);
}

START_TEST(the_title_is_whole_at_60_columns)
{
	/* given tanh (xavier-normal) and leaky-relu (he-normal, gain 1.3,
	 * bias std 0.05: sigma_w^2 3.38, sigma_b^2 0.0025, as the report's
	 * criticality says), UTF-8 and --ascii, at 60x15, when M or M Tab,
	 * then the map's title is said whole, ending in "l-1", with its
	 * sigma_w^2 and sigma_b^2: it was cut, "q of layer l against ..." */
	static const char *const keys[] = {"M", "M Tab"};
	static const char *const map[] = {"length map", "correlation map"};
	static const char *const var[] = {"q", "c"};
	bool relu = _i & 1, ascii = _i & 2;
	int k = (_i >> 2) & 1;
	iv_config c;
	char script[64], row[512];
	if (relu) {
		config(&c, IV_INIT_HE_NORMAL, IV_ACT_LEAKY_RELU);
		c.gain = 1.3;
		c.bias_std = 0.05;
	} else {
		config(&c, IV_INIT_XAVIER_NORMAL, IV_ACT_TANH);
	}
	snprintf(script, sizeof script, "%s Wait Save " SAVED "\n", keys[k]);
	remove(SAVED);
	ck_assert_int_eq(tut_run_keys(&app, &scr, &c,
				      &(tui_options){.keys = KEYS,
						     .ascii = ascii},
				      script, 15, 60),
			 0);
	char *s = tut_slurp(SAVED);
	row_with(s, map[k], row, sizeof row);
	size_t n = strlen(row);
	while (n && row[n - 1] == ' ')
		row[--n] = '\0';
	ck_assert_msg(!strstr(row, "…") && !strstr(row, "..."), "%s", row);
	ck_assert_msg(n > 3 && !strcmp(row + n - 3, "l-1"), "\"%s\"", row);
	char want[64];
	snprintf(want, sizeof want, "%s_l ", var[k]);
	ck_assert_msg(strstr(row, want) || strstr(row, " of layer l "), "%s",
		      row);
	snprintf(want, sizeof want, "%s %s, %s %s)", app.gl->sw2,
		 relu ? "3.38" : "1", app.gl->sb2, relu ? "0.0025" : "0");
	ck_assert_msg(strstr(row, want), "no \"%s\" in \"%s\"", want, row);
	free(s);
}
END_TEST

START_TEST(figures_are_whole_at_60_columns)
{
	/* given chaotic tanh (N(0, 1) weights: q* 243, three-digit numbers)
	 * on a 60-column screen, when M and M Tab, then the row of numbers
	 * under each map ends in a whole word: "(gradients)" was cut to
	 * "(gradi" at the edge, and a longer number would have lost digits */
	iv_config c;
	config(&c, IV_INIT_NORMAL, IV_ACT_TANH);
	c.std = 1;
	c.width = 256;
	static const char *const keys[] = {"M", "M Tab"};
	static const char *const label[] = {"ξg", "ξc"};
	static const char *const word[] = {"(gradients)", "(correlations)"};
	for (int k = 0; k < 2; k++) {
		char row[512];
		char *s = run_at(&c, keys[k], 24, 60);
		row_with(s, label[k], row, sizeof row);
		const char *last = strrchr(row, ' ');
		ck_assert_ptr_nonnull(last);
		last++;
		char *end;
		(void)strtod(last, &end);
		ck_assert_msg(!strcmp(last, word[k]) || !strcmp(last, "∞") ||
				  (end != last && *end == '\0'),
			      "row ends in \"%s\": %s", last, row);
		free(s);
		tut_close(&app, &scr);
	}
}
END_TEST

START_TEST(axes_have_a_scale_on_the_smallest_screen)
{
	/* given the default network (Xavier, tanh) on the smallest screen
	 * (60 x 15), when M and M Tab, then each axis has two numbers at
	 * least: the length map's q axis, a dozen columns wide, had its 0
	 * alone (the nice step for two ticks overshot the axis), no scale to
	 * read the map by */
	iv_config c;
	config(&c, IV_INIT_XAVIER_NORMAL, IV_ACT_TANH);
	static const char *const keys[] = {"M", "M Tab"};
	static const char name[] = {'q', 'c'};
	for (int k = 0; k < 2; k++) {
		char *s = run_at(&c, keys[k], 15, 60);
		int x_nums = -1, y_nums = 0;
		for (const char *p = s; *p;) {
			const char *e = strchr(p, '\n');
			size_t n = e ? (size_t)(e - p) : strlen(p);
			char row[512];
			snprintf(row, sizeof row, "%.*s", (int)n, p);
			if (row[0] == name[k] && row[1] == ' ') { /* x axis */
				x_nums = 0;
				for (char *t = strtok(row + 1, " "); t;
				     t = strtok(NULL, " "))
					x_nums++;
			} else if (strstr(row, "┤")) { /* a y tick */
				char *end;
				const char *v = row + strspn(row, " ");
				if (v[0] == name[k])
					v += 3; /* "q'" or "c'" beside it */
				(void)strtod(v, &end);
				y_nums += end != v;
			}
			p = e ? e + 1 : p + n;
		}
		ck_assert_msg(x_nums >= 2, "%d number(s) on the %c axis\n%s",
			      x_nums, name[k], s);
		ck_assert_msg(y_nums >= 2, "%d number(s) on the %c' axis\n%s",
			      y_nums, name[k], s);
		free(s);
		tut_close(&app, &scr);
	}
}
END_TEST

START_TEST(axis_labels_are_whole_at_a_doubles_ends)
{
	/* given linear weights of std 1e-160 (q_1 3.2e-319, a denormal), when
	 * M, then each y label is a whole number ("2.8e-318" was cut to
	 * "2.8e-"), and the x axis' row starts with its name (a tick past
	 * the axis' top was written over it: "qe-31"); labels too wide for
	 * the y axis are left to the x axis, which has the same scale */
	iv_config c;
	config(&c, IV_INIT_NORMAL, IV_ACT_LINEAR);
	c.std = 1e-160;
	char *s = run(&c, "M");
	int y_nums = 0, x_row = 0;
	for (const char *p = s; *p;) {
		const char *e = strchr(p, '\n');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		char row[512];
		snprintf(row, sizeof row, "%.*s", (int)n, p);
		char *tick = strstr(row, "┤");
		if (tick) {
			*tick = '\0';
			char *v = row + strspn(row, " "), *end;
			if (strncmp(v, "q'", 2) == 0)
				v += 2 + strspn(v + 2, " ");
			if (*v) {
				(void)strtod(v, &end);
				end += strspn(end, " ");
				ck_assert_msg(end != v && *end == '\0',
					      "y label \"%s\" in\n%s", v, s);
				y_nums++;
			}
		}
		if (strncmp(row, "q ", 2) == 0)
			x_row++;
		p = e ? e + 1 : p + n;
	}
	ck_assert_msg(x_row == 1, "no x axis named q in\n%s", s);
	ck_assert_int_ge(y_nums, 1);
	free(s);
}
END_TEST

START_TEST(smallest_screens)
{
	/* given the smallest screen the view allows (60 x 15), then the map
	 * is drawn and every row fits; given less room than the plot needs,
	 * then the panel says so instead of drawing */
	iv_config c;
	config(&c, IV_INIT_HE_NORMAL, IV_ACT_TANH);
	char *s = run_at(&c, "M", 15, 60);
	SHOWN(s, "q* 0.618: stable fixed point");
	tut_rows_fit();
	free(s);
	erase();
	tui_panel_cobweb.draw(&app,
			      (tui_rect){.y = 2, .x = 0, .h = 11, .w = 60});
	s = tut_screen_text();
	SHOWN(s, "terminal too small for the map");
	GONE(s, "◉");
	free(s);
}
END_TEST

/* Snapshots: a configuration, a map, a size, the glyphs. */
static const struct {
	const char *name;
	iv_init_kind init;
	iv_act_kind act;
	tui_cobweb_map map;
	int lines, cols;
	bool ascii;
} snaps[] = {
    {"cobweb_length", IV_INIT_HE_NORMAL, IV_ACT_TANH, TUI_COBWEB_LENGTH, 30,
     100, false},
    {"cobweb_corr", IV_INIT_HE_NORMAL, IV_ACT_TANH, TUI_COBWEB_CORR, 30, 100,
     false},
    {"cobweb_diverges_ascii", IV_INIT_HE_NORMAL, IV_ACT_SOFTPLUS,
     TUI_COBWEB_LENGTH, 24, 80, true},
    {"cobweb_neutral_80x24", IV_INIT_HE_NORMAL, IV_ACT_RELU, TUI_COBWEB_LENGTH,
     24, 80, false},
};

START_TEST(view_matches_snapshot)
{
	/* given the case's configuration and map, when everything is
	 * computed and drawn, then the screen reads as the snapshot */
	iv_config c;
	config(&c, snaps[_i].init, snaps[_i].act);
	unsetenv("INITVIZ_SCRIPT");
	scr = tut_open(&app, &c, &(tui_options){.ascii = snaps[_i].ascii},
		       snaps[_i].lines, snaps[_i].cols);
	app.cover = TUI_PANEL_COBWEB;
	app.theory.cobweb.map = snaps[_i].map;
	tui_work_settle(&app);
	tut_draw(&app); /* lays the plot out */
	tui_work_settle(&app);
	tut_draw(&app);
	ck_assert(
	    tui_cobweb_fresh(&app.theory.cobweb, &app.theory, &app.model.cfg));
	tut_compare_screen(snaps[_i].name);
	tut_rows_fit();
}
END_TEST

static void free_builtin(void) { iv_lessons_free(&builtin); }

Suite *suite(void)
{
	cm_locale();
	if (cm_tmpdir("initviz-cobweb") != 0 ||
	    cli_lessons(&builtin, NULL, stderr) != 0)
		return NULL;
	cm_at_end(free_builtin);
	Suite *s = suite_create("tui_cobweb");
	TCase *t = tcase_create("sessions");
	tcase_set_timeout(t, 60);
	tcase_add_checked_fixture(t, NULL, teardown);
	tcase_add_test(t, figures_are_whole_at_60_columns);
	tcase_add_loop_test(t, the_title_is_whole_at_60_columns, 0, 8);
	tcase_add_test(t, length_map_opens);
	tcase_add_test(t, q_past_a_double);
	tcase_add_test(t, q1_past_the_axes);
	tcase_add_test(t, correlation_map_by_tab);
	tcase_add_test(t, one_layer);
	tcase_add_test(t, every_unit_zero_has_no_correlation_map);
	tcase_add_test(t, no_fixed_point_and_neutral);
	tcase_add_test(t, arrows_move_the_setting);
	tcase_add_test(t, arrows_move_the_inputs_correlation);
	tcase_add_test(t, closing_and_other_schemes);
	tcase_add_test(t, smallest_screens);
	tcase_add_test(t, axes_have_a_scale_on_the_smallest_screen);
	tcase_add_test(t, axis_labels_are_whole_at_a_doubles_ends);
	tcase_add_loop_test(t, teaching_guide_claims, 0, LEN(guide));
	suite_add_tcase(s, t);
	t = tcase_create("snapshots");
	tcase_set_timeout(t, 60);
	tcase_add_checked_fixture(t, NULL, teardown);
	tcase_add_loop_test(t, view_matches_snapshot, 0, LEN(snaps));
	suite_add_tcase(s, t);
	return s;
}
