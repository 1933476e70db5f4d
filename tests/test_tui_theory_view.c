/* SPDX-License-Identifier: MIT */
/* The theory views on a headless screen: scripted sessions (keys through
 * the key table, as typed) that open the phase diagram, move its cursor and
 * check that the setting changed in the model and on the screen, toggle the
 * overlay, open the spectrum and the gain calculator; and snapshots of each
 * view compared with tests/snapshots/theory_*.txt (INITVIZ_UPDATE_SNAPSHOTS=1
 * rewrites them). */
#include <check.h>
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tui_testutil.h"

#define LEN(a) (sizeof(a) / sizeof((a)[0]))
#define SAVED  "screen.txt"
#define KEYS   "keys.txt"

static tui_app app;
static SCREEN *scr;

/* Width 32, batch 64, depth 6, xavier-normal, tanh unless changed by c. */
static void config(iv_config *c)
{
	iv_config_defaults(c);
	c->depth = 6;
	c->width = 32;
	c->batch = 64;
}

/* Run keys from configuration c on a headless lines x cols screen (run: 30
 * x 100); the app stays open for inspection. Returns the saved screen
 * (free it). */
static char *run_at(const iv_config *c, const char *keys, int lines,
		    int cols)
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

/* Lesson 8's network: Xavier, tanh, 10 layers of 256 over 512 samples. */
static void lesson8_net(iv_config *c)
{
	iv_config_defaults(c);
	c->init = IV_INIT_XAVIER_NORMAL;
	c->act = IV_ACT_TANH;
	c->depth = 10;
	c->width = 256;
	c->batch = 512;
}

static void teardown(void)
{
	tut_close(&app, &scr);
}

START_TEST(explanations_are_whole_at_80_columns)
{
	/* given lesson 8's network (Xavier, tanh, 10 layers of 256) on an
	 * 80 x 24 screen, when J, then the texts that quote numbers are read
	 * to their end: the "why" with the theory's mean square and the note
	 * (they were cut at the edge, or at a fixed two and three rows);
	 * when G, the way back is on the keys' row whole */
	iv_config c;
	lesson8_net(&c);
	char *s = run_at(&c, "J", 24, 80);
	char flat[8192];
	size_t n = 0; /* the screen as one line: wrapped text joins up */
	for (const char *p = s; *p && n + 1 < sizeof flat; p++)
		flat[n++] = *p == '\n' ? ' ' : *p;
	flat[n] = '\0';
	ck_assert_msg(strstr(flat, "(theory: mean square 0.0714)") &&
			  strstr(flat, "Isometry would have them all at 1.") &&
			  strstr(flat, "(xavier-normal, tanh, depth 10)"),
		      "%s", s);
	free(s);
	tut_close(&app, &scr);
	s = run_at(&c, "G", 24, 80);
	ck_assert_msg(strstr(s, "G or Esc: back   a: activation   P: phase "
				"diagram") &&
			  !strstr(s, "(sets the gain with the arrows\n"),
		      "%s", s);
	free(s);
}
END_TEST

/* Networks whose spectrum notes are long, and what the note must say. */
static const struct {
	iv_init_kind init;
	iv_act_kind act;
	int lines;
	const char *said[4];
} spectrum_notes[] = {
    /* lesson 8's: the "why" takes three rows, no room for the plot */
    {IV_INIT_XAVIER_NORMAL, IV_ACT_TANH, TUI_MIN_LINES,
     {"(theory: mean square 0.0714)", "singular values are zero",
      "(mean square 0.0631 < 1: vanishing)",
      "Isometry would have them all at 1."}},
    /* a critical draw: the note needs six rows at 60 columns */
    {IV_INIT_HE_NORMAL, IV_ACT_RELU, TUI_MIN_LINES,
     {"144 of the 256 singular values are zero",
      "(mean square 0.85), while the theory keeps them",
      "many orders of magnitude.", "Isometry would have them all at 1."}},
    {IV_INIT_HE_NORMAL, IV_ACT_RELU, TUI_MIN_LINES + 2,
     {"144 of the 256 singular values are zero",
      "(mean square 0.85), while the theory keeps them",
      "many orders of magnitude.", "Isometry would have them all at 1."}},
};

START_TEST(spectrum_note_is_whole_on_the_smallest_screen)
{
	/* given a network whose spectrum has a long note, on the narrowest
	 * screen, when J, then the texts that say what the numbers mean are
	 * read to their end: the note went with a plot that had no room
	 * (six blank rows), or was cut after five rows mid-sentence ("...
	 * spread over many orders") */
	iv_config c;
	iv_config_defaults(&c);
	c.init = spectrum_notes[_i].init;
	c.act = spectrum_notes[_i].act;
	c.depth = 10;
	c.width = 256;
	c.batch = 512;
	char *s = run_at(&c, "J", spectrum_notes[_i].lines, TUI_MIN_COLS);
	char flat[8192];
	size_t n = 0; /* the screen as one line: wrapped text joins up */
	for (const char *p = s; *p && n + 1 < sizeof flat; p++)
		flat[n++] = *p == '\n' ? ' ' : *p;
	flat[n] = '\0';
	for (int k = 0; k < 4; k++)
		ck_assert_msg(strstr(flat, spectrum_notes[_i].said[k]),
			      "no \"%s\" in\n%s", spectrum_notes[_i].said[k], s);
	free(s);
}
END_TEST

/* Panels whose last row names their keys, on the smallest screen. */
static const struct {
	const char *keys, *back;
	bool ascii;
	const char *want[2]; /* what the arrows set, as the glyphs write it */
} key_rows[] = {
    {"P", "P or Esc: back", false, {"σw²", "σb²"}},
    {"P", "P or Esc: back", true, {"sw^2", "sb^2"}},
    {"M", "M or Esc: back", false, {"σw²", "σb²"}},
    {"M", "M or Esc: back", true, {"sw^2", "sb^2"}},
    {"M Tab", "M or Esc: back", false, {"σw²", "the inputs' correlation"}},
    {"M Tab", "M or Esc: back", true, {"sw^2", "the inputs' correlation"}},
};

START_TEST(panel_keys_keep_the_way_back_on_the_smallest_screen)
{
	/* given the phase diagram or a map on the smallest screen, UTF-8 or
	 * ASCII, when drawn, then the row of its keys names the way back and
	 * what both arrow pairs set, each whole: in ASCII "Left/Right or
	 * h/l: sw^2   Up/Down or k/j: sb^2" left no room for "P or Esc:
	 * back", and the correlation map's row was cut at the edge ("...
	 * Tab: length map   M") */
	iv_config c;
	config(&c);
	char script[128];
	snprintf(script, sizeof script, "%s Wait Save " SAVED "\n",
		 key_rows[_i].keys);
	remove(SAVED);
	ck_assert_int_eq(
	    tut_run_keys(&app, &scr, &c,
			 &(tui_options){.keys = KEYS,
					.ascii = key_rows[_i].ascii},
			 script, TUI_MIN_LINES, TUI_MIN_COLS),
	    0);
	tut_rows_fit();
	char *s = tut_slurp(SAVED), row[512];
	/* the panel's last row, above the bottom bar */
	const char *end = s + strlen(s) - 1, *line;
	for (int n = 0; end > s && n < 2; end--)
		n += *end == '\n';
	for (line = end; line > s && line[-1] != '\n'; line--)
		;
	snprintf(row, sizeof row, "%.*s", (int)(end + 1 - line), line);
	ck_assert_msg(strstr(row, key_rows[_i].want[0]),
		      "keys' row: \"%s\"", row);
	ck_assert_msg(strstr(row, key_rows[_i].want[1]) &&
			  strstr(row, key_rows[_i].back),
		      "keys' row: \"%s\"", row);
	free(s);
}
END_TEST

#define SHOWN(s, text)                                                         \
	ck_assert_msg(strstr(s, text), "no \"%s\" in\n%s", text, s)
#define GONE(s, text) ck_assert_msg(!strstr(s, text), "\"%s\" in\n%s", text, s)

START_TEST(phase_view_opens)
{
	/* given tanh at sigma_w^2 1, when P, then the finished diagram, its
	 * legend and the setting, critical, under the cursor */
	iv_config c;
	config(&c);
	char *s = run(&c, "P Wait");
	ck_assert_int_eq(app.cover, TUI_PANEL_PHASE);
	ck_assert(!tui_phase_busy(&app.theory.phase));
	SHOWN(s, "phase diagram of tanh");
	SHOWN(s, "ordered χ1<1");
	SHOWN(s, "chaotic χ1>1");
	SHOWN(s, "◉ σw² 1  σb² 0: q* 0  χ1 1  ξc ∞  ξg ∞  critical");
	GONE(s, "computing");
	free(s);
}
END_TEST

/* Keys that move the cursor, and the grid steps they move by. */
static const struct {
	const char *keys;
	int dx, dy; /* grid steps expected from sigma_w^2 1, sigma_b^2 0 */
} moves[] = {
    {"Right", 1, 0}, {"l", 1, 0},  {"+", 1, 0}, {"Left", -1, 0},
    {"h", -1, 0},    {"Up", 0, 1}, {"k", 0, 1}, {"Right Right Up Left", 1, 1},
};

START_TEST(phase_cursor_changes_the_setting)
{
	/* given the diagram, when a move key, then sigma_w^2 (through the gain)
	 * or sigma_b^2 (through the bias std) is the next grid point, the
	 * network is recomputed for it and the screen says so */
	iv_config c;
	char want[64];
	config(&c);
	char keys[64];
	snprintf(keys, sizeof keys, "P Wait %s", moves[_i].keys);
	char *s = run(&c, keys);
	const tui_phase *p = &app.theory.phase;
	double sw2 = 1 + moves[_i].dx * p->dx, sb2 = moves[_i].dy * p->dy;
	ck_assert_double_eq_tol(iv_theory_sigma_w2(&app.model.cfg, 1), sw2,
				1e-12);
	ck_assert_double_eq_tol(app.model.cfg.gain, sqrt(sw2), 1e-12);
	ck_assert_double_eq_tol(app.model.cfg.bias_std, sqrt(sb2), 1e-12);
	ck_assert_double_eq_tol(iv_net_config(app.comp.net)->gain, sqrt(sw2),
				1e-12);
	snprintf(want, sizeof want, "σw² %g  σb² %g:", sw2, sb2);
	SHOWN(s, want);
	snprintf(want, sizeof want, "gain %.3g ", sqrt(sw2));
	SHOWN(s, want);
	iv_criticality k; /* the word the engine's criticality gives */
	iv_theory_criticality(app.theory.th, IV_ACT_TANH, 0, sw2, sb2, &k);
	snprintf(want, sizeof want, "  %s   (gain",
		 tui_phase_word(tui_phase_classify(&k)));
	SHOWN(s, want);
	free(s);
}
END_TEST

START_TEST(phase_cursor_of_blocks_says_plain_layers)
{
	/* given residual blocks with batch norm (the report's criticality
	 * is null for them, the settings bar has no chi1), when P, then the
	 * cursor's line says its numbers are plain layers': it read "q* 0
	 * chi1 1 critical" as if of this network, which the G view and the
	 * settings bar decline to say; at 60 columns in short */
	iv_config c;
	config(&c);
	c.residual = true;
	c.norm = IV_NORM_BATCH;
	char *s = run(&c, "P Wait");
	SHOWN(s, "◉ σw² 1  σb² 0 as plain layers, not blocks or batch norm: "
		 "q* 0  χ1 1");
	free(s);
	teardown();
	s = run_at(&c, "P Wait", 15, 60);
	SHOWN(s, "◉ σw² 1  σb² 0 as plain layers: q* 0  χ1 1");
	free(s);
	teardown();
	/* plain layers: no such words */
	config(&c);
	s = run(&c, "P Wait");
	GONE(s, "plain layers");
	free(s);
}
END_TEST

START_TEST(phase_title_and_progress_do_not_overlap)
{
	/* given gelu on a tall narrow screen (60 x 60: a big grid, filled
	 * over several turns), when P and the screen is saved while the
	 * diagram fills, then the title's words and "computing N%" stand
	 * apart: the progress was written over the title's end ("(across)
	 * andcomputing   0%") */
	iv_config c;
	config(&c);
	c.act = IV_ACT_GELU;
	free(run_at(&c, "P", 60, 60));
	/* the diagram half filled, as between two turns (a script waits for
	 * the fill before it saves) */
	tui_phase *ph = &app.theory.phase;
	ck_assert(ph->valid && !tui_phase_busy(ph));
	ph->done = ph->total / 2;
	tut_draw(&app);
	char *s = tut_screen_text();
	bool busy = tui_phase_busy(ph);
	ph->done = ph->total;
	char row[512];
	ck_assert_msg(tut_line_from(s, "phase diagram of gelu", row, sizeof row),
		      "%s", s);
	const char *p = strstr(row, "computing");
	ck_assert(busy);
	ck_assert_msg(p, "progress not on the title's row: %s", row);
	if (p) /* a blank before it, and the title's words whole */
		ck_assert_msg(p[-1] == ' ' && (strstr(row, "(up) ") ||
					       !strstr(row, "χ1 by")),
			      "%s", row);
	free(s);
}
END_TEST

/* Sizes and activations for the phase legend: tanh's diagram has no far
 * chaotic cells, relu's all six kinds. */
static const struct {
	int lines, cols;
	iv_act_kind act;
	bool ascii;
} legend_cases[] = {
    {15, 60, IV_ACT_TANH, false},  {15, 60, IV_ACT_RELU, false},
    {15, 60, IV_ACT_TANH, true},   {15, 60, IV_ACT_RELU, true},
    {24, 80, IV_ACT_TANH, false},  {24, 80, IV_ACT_RELU, false},
    {30, 100, IV_ACT_TANH, false}, {40, 120, IV_ACT_TANH, false},
    {40, 120, IV_ACT_RELU, false}, {60, 200, IV_ACT_RELU, false},
    /* past the grid's cap: a point over several columns */
    {300, 1000, IV_ACT_RELU, false},
};

/* Row y of the screen as its characters, one a column (each glyph the
 * diagram draws takes one): cell[x] the bytes of column x. */
static int columns(int y, char cell[][8], int most)
{
	char row[4096];
	tui_screen_row(y, row, sizeof row);
	int n = 0;
	for (const char *p = row; *p && n < most; n++) {
		int len = 1;
		while ((p[len] & 0xc0) == 0x80)
			len++;
		snprintf(cell[n], sizeof cell[n], "%.*s", len, p);
		p += len;
	}
	return n;
}

/* A shade the legend names: its glyphs and the bound of xi_g it says. */
typedef struct {
	char glyphs[32];
	bool above; /* ">B", else "<=B" */
	double bound;
} shade;

START_TEST(phase_legend_says_what_its_shades_grade)
{
	/* given the phase diagram at a size down to the smallest, when it is
	 * drawn, then a legend row says what the three shades grade (xi_g =
	 * 1/|ln chi1|) with a bound for each shade shown, whole, and every
	 * cell's glyph is in the shade whose bound its chi1 meets, on the
	 * side (ordered, chaotic) the first row says */
	iv_config c;
	config(&c);
	c.act = legend_cases[_i].act;
	int lines = legend_cases[_i].lines, cols = legend_cases[_i].cols;
	unsetenv("INITVIZ_SCRIPT");
	scr = tut_open(&app, &c,
		       &(tui_options){.ascii = legend_cases[_i].ascii}, lines,
		       cols);
	app.cover = TUI_PANEL_PHASE;
	tui_work_settle(&app);
	tut_draw(&app); /* lays the phase grid out */
	tui_work_settle(&app);
	tut_draw(&app);
	tut_rows_fit();
	char *s = tut_screen_text();
	const tui_glyphs *g = app.gl;
	const char *le = g->utf8 ? "≤" : "<=";
	/* the rows: title, grid, legend's sides, legend's shades */
	int title = -1, sides = -1, shades = -1;
	char row[4096];
	for (int y = 0; y < LINES; y++) {
		tui_screen_row(y, row, sizeof row);
		if (strstr(row, "phase diagram of") && title < 0)
			title = y;
		if (strstr(row, " ordered ") && sides < 0)
			sides = y;
		if (!strncmp(row, "shades by ", 10))
			shades = y;
	}
	ck_assert_msg(title >= 0 && sides > title && shades == sides + 1,
		      "rows %d %d %d:\n%s", title, sides, shades, s);
	/* the side of each glyph: the word after its glyphs in row one */
	char ordered[32] = "", chaotic[32] = "";
	tui_screen_row(sides, row, sizeof row);
	sscanf(row, "%31s", ordered);
	const char *ch = strstr(row, " chaotic ");
	if (ch) {
		const char *a = ch;
		while (a > row && a[-1] != ' ')
			a--;
		snprintf(chaotic, sizeof chaotic, "%.*s", (int)(ch - a), a);
	}
	/* the shades row: what they grade, then glyphs and a bound each */
	tui_screen_row(shades, row, sizeof row);
	char want[64];
	snprintf(want, sizeof want, "shades by %s", g->xig);
	ck_assert_msg(!strncmp(row, want, strlen(want)), "%s", row);
	size_t n = strlen(row);
	while (n && row[n - 1] == ' ')
		row[--n] = '\0';
	ck_assert_msg(n && isdigit((unsigned char)row[n - 1]),
		      "not whole: \"%s\"", row);
	shade sh[3];
	int nsh = 0;
	char *tok[64];
	int nt = 0;
	for (char *t = strtok(row, " "); t && nt < 64; t = strtok(NULL, " "))
		tok[nt++] = t;
	for (int k = 1; k < nt && nsh < 3; k++) {
		shade x = {.above = tok[k][0] == '>'};
		const char *num = x.above ? tok[k] + 1
			      : !strncmp(tok[k], le, strlen(le))
				  ? tok[k] + strlen(le)
				  : NULL;
		if (!num || !isdigit((unsigned char)num[0]))
			continue;
		x.bound = atof(num);
		snprintf(x.glyphs, sizeof x.glyphs, "%s", tok[k - 1]);
		sh[nsh++] = x;
	}
	ck_assert_msg(nsh >= 2, "%d shades in \"%s\"", nsh, s);
	/* each cell against the legend */
	const tui_phase *ph = &app.theory.phase;
	int cw = (cols - TUI_AXIS_W - 1) / (int)ph->nx, checked = 0;
	ck_assert_msg(ph->nx <= TUI_PHASE_COLS_MAX + 1 &&
			      ph->ny <= TUI_PHASE_ROWS_MAX + 1,
		      "%zu x %zu points", ph->nx, ph->ny);
	char cell[1024][8];
	for (size_t j = 0; j < ph->ny; j++) {
		int y = title + 1 + (int)(ph->ny - 1 - j);
		int w = columns(y, cell, 1024);
		for (size_t i = 0; i < ph->nx; i++) {
			double chi;
			int x = TUI_AXIS_W + (int)i * cw;
			ck_assert_int_lt(x, w);
			const char *gl = cell[x];
			if (!tui_phase_point(ph, i, j, &chi) || isnan(chi) ||
			    !strcmp(gl, g->crit) || !strcmp(gl, g->cursor))
				continue;
			double xi = 1 / fabs(log(chi));
			const shade *in = NULL;
			for (int k = 0; k < nsh; k++)
				if (strstr(sh[k].glyphs, gl))
					in = &sh[k];
			ck_assert_msg(in, "cell %zu,%zu \"%s\" not in the legend "
				      "\"%s\"", i, j, gl, s);
			ck_assert_msg(strstr(chi < 1 ? ordered : chaotic, gl),
				      "cell %zu,%zu \"%s\": chi1 %g, sides %s %s",
				      i, j, gl, chi, ordered, chaotic);
			/* its bound, and the next bound below it as its
			 * floor, if the legend has one */
			double floor = -1; /* none: xi_g is 0 at chi1 0 */
			for (int k = 0; k < nsh; k++)
				if (!sh[k].above && sh[k].bound < in->bound &&
				    sh[k].bound > floor)
					floor = sh[k].bound;
			ck_assert_msg(in->above ? xi > in->bound
						: xi <= in->bound && xi > floor,
				      "cell %zu,%zu \"%s\": chi1 %g xi_g %g, "
				      "legend %s%g",
				      i, j, gl, chi, xi, in->above ? ">" : le,
				      in->bound);
			checked++;
		}
	}
	ck_assert_int_gt(checked, (int)(ph->nx * ph->ny / 2));
	free(s);
}
END_TEST

START_TEST(phase_edges_and_closing)
{
	/* given sigma_b^2 0, when Down, then nothing changes and a notice;
	 * given a setting off the diagram, then it says so and Left brings it
	 * back to the right edge; Esc, P and v close the diagram */
	iv_config c;
	config(&c);
	char *s = run(&c, "P Wait Down");
	ck_assert_double_eq(app.model.cfg.bias_std, 0);
	SHOWN(s, "edge of the phase diagram");
	free(s);
	teardown();
	c.gain = 3;
	s = run(&c, "P Wait");
	SHOWN(s, "off the diagram");
	free(s);
	teardown();
	s = run(&c, "P Wait Left");
	ck_assert_double_eq_tol(iv_theory_sigma_w2(&app.model.cfg, 1),
				app.theory.phase.xmax, 1e-12);
	free(s);
	teardown();
	static const char *const close[] = {"P Esc", "P P", "P v"};
	for (size_t i = 0; i < LEN(close); i++) {
		s = run(&c, close[i]);
		ck_assert_int_eq(app.cover, TUI_PANEL_NONE);
		GONE(s, "phase diagram");
		free(s);
		teardown();
	}
	s = run(&c, "P v");
	ck_assert_int_eq(app.model.view, TUI_VIEW_LAYERS); /* v still works */
	free(s);
}
END_TEST

START_TEST(overlay_toggles)
{
	/* given the start view, then the profile has a theory line and the
	 * settings bar the criticality; when e, then no theory in the profile;
	 * with pre-activations, the +-std ticks' legend */
	iv_config c;
	config(&c);
	char *s = run(&c, "");
	ck_assert(app.theory.overlay);
	SHOWN(s, "predicted ─ h  ╌ ∂L/∂h");
	SHOWN(s, "χ1 1 critical");
	SHOWN(s, "q* 0   ξc ∞  ξg ∞");
	free(s);
	teardown();
	s = run(&c, "e");
	ck_assert(!app.theory.overlay);
	GONE(s, "predicted");
	GONE(s, "theory");
	SHOWN(s, "χ1 1 critical"); /* not part of the overlay */
	free(s);
	teardown();
	s = run(&c, "p");
	SHOWN(s, "┃1σ ╏2σ theory");
	free(s);
	teardown();
	c.init = IV_INIT_ONES;
	s = run(&c, "");
	GONE(s, "predicted");
	GONE(s, "theory");
	GONE(s, "χ1");
	free(s);
}
END_TEST

START_TEST(small_batch_norm_says_where_gradient_line_stops)
{
	/* given batch norm over 32 samples and 10 layers, then the gradient
	 * line is predicted from the top down to layer 5 only (below, the
	 * estimate of the gradients' extra growth passes 1.1), and the
	 * legend says so; over 512 samples the line goes all the way down
	 * and the legend says nothing of it */
	iv_config c;
	config(&c);
	c.depth = 10;
	c.batch = 32;
	c.norm = IV_NORM_BATCH;
	char *s = run(&c, "");
	SHOWN(s, "╌ ∂L/∂h   ∂L/∂h: none below layer 5 at batch 32");
	for (size_t l = 1; l <= c.depth; l++)
		ck_assert(isnan(tui_theory_predict_std(&app.theory, l,
		                                       IV_Q_GRAD_ACT)) == (l < 5));
	free(s);
	teardown();
	c.batch = 512;
	s = run(&c, "");
	SHOWN(s, "predicted ─ h  ╌ ∂L/∂h");
	GONE(s, "none below");
	for (size_t l = 1; l <= c.depth; l++)
		ck_assert(!isnan(tui_theory_predict_std(&app.theory, l,
		                                        IV_Q_GRAD_ACT)));
	free(s);
}
END_TEST

/* Screens for the pre-activation ticks' legend. */
static const struct {
	int lines, cols;
	bool ascii;
} tick_sizes[] = {
    {15, 60, false}, {15, 60, true}, {24, 80, false},
    {24, 80, true},  {30, 100, false}, {40, 120, false},
};

START_TEST(ticks_are_named_wherever_they_are_drawn)
{
	/* given pre-activations with the theory's std ticks, at a size down
	 * to the smallest, when drawn, then the layer list's title row names
	 * both tick glyphs and says they are the theory's: at 60 to 90
	 * columns the legend found no room in the histogram's columns and
	 * was left out, the ticks unexplained */
	iv_config c;
	config(&c);
	c.init = IV_INIT_HE_NORMAL;
	c.act = IV_ACT_RELU;
	c.width = 256;
	char script[64];
	snprintf(script, sizeof script, "p Wait Save " SAVED "\n");
	remove(SAVED);
	ck_assert_int_eq(
	    tut_run_keys(&app, &scr, &c,
			 &(tui_options){.keys = KEYS,
					.ascii = tick_sizes[_i].ascii},
			 script, tick_sizes[_i].lines, tick_sizes[_i].cols),
	    0);
	tut_rows_fit();
	char *s = tut_slurp(SAVED), title[512], want[64];
	const tui_glyphs *g = app.gl;
	ck_assert_msg(strstr(s, g->sd2), "no tick drawn:\n%s", s);
	ck_assert_msg(tut_line_from(s, " L ", title, sizeof title), "%s", s);
	snprintf(want, sizeof want, "%s1%s %s2%s theory", g->sd1, g->sigma,
		 g->sd2, g->sigma);
	ck_assert_msg(strstr(title, want), "title row: \"%s\"", title);
	/* and the title's name stays, whole */
	ck_assert_msg(!strncmp(title, " L z ", 5) ||
			  !strncmp(title, " L pre-activations z = W h + b ",
				   31),
		      "title row: \"%s\"", title);
	free(s);
}
END_TEST

/* given predictions that do not exist: zero weights (std 0: no variance,
 * no correlation to follow) and a bias of 1e300 (sigma_b^2 past a
 * double's range), then no screen prints "nan" or "inf" for them: the
 * settings bar and the phase diagram say "undefined", the gain table "-",
 * a variance past the range ">1.8e308"; and the gain table's rows at that
 * bias agree with the configuration's own (tanh saturated: chi1 0, and
 * every input alike from the first layer: xi_c 0) */
START_TEST(absent_predictions_in_words)
{
	iv_config c;
	config(&c);
	c.init = IV_INIT_NORMAL;
	c.std = 0;
	static const char *const keys[] = {"Wait", "P", "G"};
	for (size_t k = 0; k < LEN(keys); k++) {
		char *s = run(&c, keys[k]);
		GONE(s, "nan");
		SHOWN(s, k == 2 ? "yours: normal" : "ξc undefined");
		free(s);
		tut_close(&app, &scr);
	}
	/* a weight std of 1e300 at fan_in 32: sigma_w 5.66e300 is a number,
	 * its square past the range */
	c.std = 1e300;
	char *w = run(&c, "G");
	SHOWN(w, "yours: normal");
	SHOWN(w, "5.66e300 >1.8e308");
	free(w);
	tut_close(&app, &scr);
	c.std = 0;
	/* every singular value 0: their ratio is 0/0, not infinite */
	char *j = run(&c, "J");
	SHOWN(j, "max 0   min 0   max/min undefined");
	free(j);
	tut_close(&app, &scr);
	config(&c);
	c.bias = 1e300;
	for (size_t k = 0; k < LEN(keys); k++) {
		char *s = run(&c, keys[k]);
		GONE(s, "nan");
		GONE(s, " inf ");
		GONE(s, "diverges");
		SHOWN(s, k == 2 ? "σb² >1.8e308" : "q* >1.8e308");
		if (k == 2)
			SHOWN(s, "5/3           1.67     2.78        0 "
				 ">1.8e308        0        0  vanishing");
		free(s);
		tut_close(&app, &scr);
	}
}
END_TEST

/* given a mean bias (--bias 0.5) with sigmoid, which is not even: the
 * gain calculator's rows are computed at the configuration's biases, the
 * report's criticality, not at zero-mean bias noise of the same sigma_b^2
 * (PyTorch's gain 1 and "yours", both sigma_w 1, showed q* 0.526 and
 * 0.644). Then the PyTorch row equals "yours", the q* = 1 row is the
 * report's sigma_w_for_unit_q and lands on q* = 1, and the critical row's
 * chi1 is 1 at those biases. */
START_TEST(gain_rows_use_the_configured_biases)
{
	iv_config c, u;
	iv_criticality k;
	config(&c);
	c.act = IV_ACT_SIGMOID;
	c.bias = 0.5;
	char *s = run(&c, "G");
	free(s);
	const tui_gains *g = &app.theory.gains;
	const iv_criticality *yours = &app.theory.pred.crit;
	ck_assert_double_eq_tol(g->torch.gain, 1.0, 1e-15);
	ck_assert_double_eq_tol(g->torch.c.q_star, yours->q_star, 1e-12);
	ck_assert_double_eq_tol(g->torch.c.chi1, yours->chi1, 1e-12);
	ck_assert_double_eq_tol(g->unit.gain, yours->sigma_w_for_unit_q, 1e-12);
	ck_assert_double_eq_tol(g->unit.c.q_star, 1.0, 1e-6);
	u = c;
	u.init = IV_INIT_LECUN_NORMAL;
	u.gain = g->critb.gain;
	iv_theory_criticality_config(app.theory.th, &u, &k);
	ck_assert_msg(fabs(k.chi1 - 1) < 1e-3, "critical row: chi1 %g", k.chi1);
	ck_assert(!g->critb.jump);
}
END_TEST

START_TEST(gain_row_below_a_double_from_logarithms)
{
	/* given normal weights of std 1e-170 on 32 inputs, sigma_w^2 =
	 * 3.2e-339 rounds to 0: then the gain calculator's row of the
	 * network says sigma_w^2 and chi1 3.2e-339 and the gradients' depth
	 * scale 1/|ln 3.2e-339| = 0.00128, at 100 columns and at 80 (the
	 * numbers to the columns' 7 characters) */
	iv_config c;
	config(&c);
	c.init = IV_INIT_NORMAL;
	c.std = 1e-170;
	char *s = run(&c, "G");
	SHOWN(s, "yours: normal                     5.7e-170 3.2e-339 3.2e-339"
		 "        0  0.00128        -  vanishing");
	free(s);
	teardown();
	s = run_at(&c, "G", 30, 80);
	SHOWN(s, "yours: normal                6e-170  3e-339       0 0.00128 "
		 "      -  vanishing");
	free(s);
}
END_TEST

START_TEST(no_fixed_point_shown_as_such)
{
	/* given softplus with He, whose variance grows without bound but
	 * slowly (the map's large-q slope is 1, so it reads critical), and
	 * relu with He, which keeps every q: the bar and the gain calculator
	 * say so instead of a q*; given tanh with He, both depth scales, the
	 * correlations' 21.7 (tests/test_fixed.c) beside the gradients' 9.97 */
	iv_config c;
	config(&c);
	c.init = IV_INIT_HE_NORMAL;
	c.act = IV_ACT_SOFTPLUS;
	char *s = run(&c, "G");
	SHOWN(s, "q* diverges");
	SHOWN(s, "yours: he-normal                      1.41        2        1 "
		 "diverges        ∞        ∞  critical");
	/* the critical gain is found to 1e-10: its depth scales are infinite,
	 * not 1/ln(1 + 1e-11) */
	SHOWN(s, "critical, χ1 = 1 at σb = 0            1.41        2        1 "
		 "diverges        ∞        ∞  critical");
	free(s);
	teardown();
	c.act = IV_ACT_RELU;
	s = run(&c, "");
	SHOWN(s, "q* neutral");
	free(s);
	teardown();
	c.act = IV_ACT_TANH;
	s = run(&c, "G");
	SHOWN(s, "q* 0.618");
	SHOWN(s, "yours: he-normal                      1.41        2     1.11 "
		 "   0.618     9.97     21.7  exploding");
	free(s);
}
END_TEST

START_TEST(spectrum_view)
{
	/* given a linear orthogonal network, when J, then its spectrum: every
	 * singular value 1 and the isometry sentence; J again closes */
	iv_config c;
	config(&c);
	c.act = IV_ACT_LINEAR;
	c.init = IV_INIT_ORTHOGONAL;
	char *s = run(&c, "J");
	const tui_spectrum *sp = &app.theory.spec;
	ck_assert(sp->have && sp->gen == app.comp.gen && sp->st == IV_OK);
	ck_assert_double_eq_tol(sp->s.max, 1, 1e-12);
	ck_assert_double_eq_tol(sp->s.min, 1, 1e-12);
	SHOWN(s, "Jacobian spectrum");
	SHOWN(s, "32 values   mean square 1   max 1   min 1");
	SHOWN(s, "Dynamical isometry");
	free(s);
	teardown();
	s = run(&c, "J J");
	GONE(s, "Jacobian spectrum");
	free(s);
}
END_TEST

START_TEST(a_critical_draw_is_not_called_exploding)
{
	/* given relu with He's init (critical: the theory's Jacobian mean
	 * square is 1) at width 64, whose one input's Jacobian on this draw
	 * has a mean square more than 10% from 1, when J, then the note calls
	 * it this draw's and quotes the theory's 1: it said "vanishing" or
	 * "exploding" beside a settings bar that says critical (width 256,
	 * seeds 1 to 8: 0.74 to 1.36) */
	iv_config c;
	config(&c);
	c.act = IV_ACT_RELU;
	c.init = IV_INIT_HE_NORMAL;
	c.width = 64;
	c.depth = 10;
	bool strayed = false;
	for (unsigned long seed = 1; seed <= 4; seed++) {
		c.seed = seed;
		char *s = run(&c, "J");
		double ms = app.theory.spec.s.mean_square;
		ck_assert(app.theory.spec.have);
		ck_assert_double_eq_tol(app.theory.pred.jacobian_ms, 1, 1e-9);
		char flat[8192];
		size_t n = 0; /* wrapped text joins up */
		for (const char *p = s; *p && n + 1 < sizeof flat; p++)
			flat[n++] = *p == '\n' ? ' ' : *p;
		flat[n] = '\0';
		ck_assert_msg(!strstr(flat, "vanishing") &&
				  !strstr(flat, "exploding"),
			      "mean square %g\n%s", ms, s);
		if (fabs(ms - 1) > 0.1) {
			strayed = true;
			SHOWN(flat, "in this draw");
			SHOWN(flat, "the theory keeps them on average (mean "
				    "square 1)");
		}
		free(s);
		teardown();
	}
	ck_assert_msg(strayed, "no draw strayed: the test shows nothing");
}
END_TEST

START_TEST(spectrum_asks_and_refuses)
{
	/* given a Jacobian whose SVD is estimated above a second, when J, then
	 * it asks first and Enter computes it; given a layer wider than the
	 * limit, then it refuses politely */
	iv_config c;
	config(&c);
	c.depth = 1;
	c.width = 300;
	c.batch = 2;
	ck_assert_double_gt(tui_spectrum_estimate(&c),
			    TUI_SPECTRUM_AUTO_SECONDS);
	char *s = run(&c, "J Wait");
	ck_assert(!app.theory.spec.have);
	SHOWN(s, "Enter computes it");
	SHOWN(s, "Enter: compute this larger one"); /* and the key line */
	free(s);
	teardown();
	s = run(&c, "J Wait Enter");
	ck_assert(app.theory.spec.have && app.theory.spec.st == IV_OK);
	ck_assert_uint_eq(app.theory.spec.s.count, 300);
	SHOWN(s, "300 values");
	GONE(s, "Enter:"); /* nothing waits any more */
	free(s);
	teardown();
	c.width = IV_JACOBIAN_WIDTH_MAX + 1;
	s = run(&c, "J Wait");
	SHOWN(s, "computed up to width 2048");
	free(s);
}
END_TEST

START_TEST(gain_view)
{
	/* given tanh, when G, then PyTorch's 5/3 on the exploding side, the
	 * critical gain 1 and the setting shown, and the explanation */
	iv_config c;
	config(&c);
	char *s = run(&c, "G");
	ck_assert_int_eq(app.cover, TUI_PANEL_GAINS);
	SHOWN(s, "gain calculator for tanh");
	SHOWN(s, "PyTorch calculate_gain: 5/3");
	SHOWN(s, "critical, χ1 = 1 at σb = 0");
	SHOWN(s, "yours: xavier-normal");
	iv_criticality k;
	char want[96];
	iv_theory_criticality(app.theory.th, IV_ACT_TANH, 0, 25.0 / 9, 0, &k);
	snprintf(want, sizeof want, "PyTorch's gain gives χ1 %.3g (exploding)",
		 k.chi1);
	SHOWN(s, want);
	/* the critical rows' depth scales are infinite, drawn as such */
	const char *crit = strstr(s, "critical, χ1 = 1 at σb = 0");
	ck_assert(crit && isinf(app.theory.gains.crit0.c.depth_scale));
	const char *eol = strchr(crit, '\n');
	ck_assert(eol);
	char line[512];
	snprintf(line, sizeof line, "%.*s", (int)(eol - crit), crit);
	ck_assert_msg(strstr(line, "0        ∞        ∞  critical"), "%s",
		      line);
	free(s);
}
END_TEST

START_TEST(gain_rows_are_named_at_60_columns)
{
	/* given tanh with a bias std on the narrowest screen (60 x 24), when
	 * G, then every row of the table starts with its name: the critical
	 * row's "critical, χ1 = 1 at σb = 0" did not fit and left its numbers
	 * without one (and "PyTorch calculate_gain:" left a bare "5/3") */
	iv_config c;
	config(&c);
	c.bias_std = 0.1;
	char *s = run_at(&c, "G", 24, 60);
	ck_assert_int_eq(app.cover, TUI_PANEL_GAINS);
	const char *h = strstr(s, "phase\n");
	ck_assert_msg(h != NULL, "%s", s);
	int rows = 0;
	for (const char *p = h + 6; *p && *p != '\n'; rows++) {
		const char *eol = strchr(p, '\n');
		ck_assert(eol);
		char line[512];
		snprintf(line, sizeof line, "%.*s", (int)(eol - p), p);
		/* a label: words with a letter before the numbers */
		const char *gap = strstr(line + 1, "  ");
		bool named = line[0] == ' ' && line[1] != ' ' && gap;
		for (const char *q = line + 1; named && q < gap; q++)
			if (isalpha((unsigned char)*q))
				break;
			else if (q + 1 == gap)
				named = false;
		ck_assert_msg(named, "row without a name: \"%s\"\n%s", line,
			      s);
		p = eol + 1;
	}
	ck_assert_int_ge(rows, 5);
	free(s);
}
END_TEST

/* The screen's rows, each a string (free with free_rows). */
static int split_rows(char *s, char **row, int max)
{
	int n = 0;
	for (char *p = s; *p && n < max;) {
		char *eol = strchr(p, '\n');
		row[n++] = p;
		if (!eol)
			break;
		*eol = '\0';
		p = eol + 1;
	}
	return n;
}

static bool blank(const char *r)
{
	return r[strspn(r, " ")] == '\0';
}

static const struct {
	int lines, cols;
	bool residual;
} gain_sizes[] = {{15, 60, false}, {17, 60, false}, {20, 60, false},
		  {24, 80, false}, {30, 100, false}, {15, 60, true},
		  {20, 60, true}};

START_TEST(gain_view_is_whole_on_small_screens)
{
	/* given tanh with a bias std (five rows in the table), when G on
	 * screens from the smallest up, then the keys' row is whole on the
	 * row above the bottom bar, every row of the table is there once,
	 * each call (PyTorch, Keras) is shown to its closing parenthesis or
	 * not at all, and every paragraph below the table ends its sentence:
	 * on 60 x 15 the last row of the table was drawn over the keys' row
	 * ("Gyours: xavier-normalctivation ...") and on 60 x 20 the first
	 * paragraph stopped at "the half that relu cuts" */
	int lines = gain_sizes[_i].lines, cols = gain_sizes[_i].cols;
	iv_config c;
	config(&c);
	c.bias_std = 0.1;
	c.residual = gain_sizes[_i].residual;
	char *s = run_at(&c, "G", lines, cols);
	ck_assert_int_eq(app.cover, TUI_PANEL_GAINS);
	char *copy = strdup(s);
	char *row[128];
	int n = split_rows(copy, row, 128);
	ck_assert_int_ge(n, lines - 1);
	/* the keys: the row above the bottom bar, nothing else on it */
	ck_assert_msg(strncmp(row[lines - 2], "G or Esc: back", 14) == 0,
		      "keys' row \"%s\"\n%s", row[lines - 2], s);
	static const char *const names[] = {
	    "PyTorch", "q* = 1", "critical", "critical at your", "yours"};
	int head = -1;
	for (int i = 0; i < lines - 2 && head < 0; i++)
		if (strstr(row[i], "phase") && strstr(row[i], "σw  "))
			head = i;
	ck_assert_msg(head > 0, "no table in\n%s", s);
	for (size_t k = 0; k < LEN(names); k++)
		ck_assert_msg(strncmp(row[head + 1 + (int)k] + 1, names[k],
				      strlen(names[k])) == 0,
			      "row %zu of the table: \"%s\"\n%s", k,
			      row[head + 1 + (int)k], s);
	/* the calls: each one to its ")" before the next line's start */
	for (int i = 1; i < head; i++) {
		if (strncmp(row[i], " PyTorch ", 9) &&
		    strncmp(row[i], " Keras ", 7))
			continue;
		int j = i;
		while (!strchr(row[j], ')') && j + 1 < head &&
		       !blank(row[j + 1]) && row[j + 1][1] != 'K')
			j++;
		ck_assert_msg(row[j][strlen(row[j]) - 1] == ')',
			      "call cut at \"%s\"\n%s", row[j], s);
	}
	/* the paragraphs under the table: each to the end of a sentence */
	int end = head + 1 + (int)LEN(names);
	if (c.residual)
		end++; /* "yours: ... with residual blocks" wraps to 2 rows */
	for (int i = end; i < lines - 2; i++)
		if (!blank(row[i]) && (i + 1 == lines - 2 || blank(row[i + 1])))
			ck_assert_msg(row[i][strlen(row[i]) - 1] == '.',
				      "paragraph cut at \"%s\"\n%s", row[i],
				      s);
	free(copy);
	free(s);
}
END_TEST

START_TEST(selus_critical_row_has_q_star_0)
{
	/* given selu (q* grows from 0 continuously past its critical sigma_w
	 * 0.69), when G, then the critical row at sigma_b = 0 reads q* 0, as
	 * at the critical point: it read 7.39e-15, the fixed-point solver's
	 * floor there, a number no one could explain */
	iv_config c;
	config(&c);
	c.act = IV_ACT_SELU;
	c.init = IV_INIT_LECUN_NORMAL;
	char *s = run(&c, "G");
	const tui_gain_row *r = &app.theory.gains.crit0;
	ck_assert(!r->jump && r->c.kind == IV_FIXED_STABLE);
	ck_assert_double_eq(r->c.q_star, 0);
	ck_assert_double_eq_tol(r->gain * r->gain, 0.4767, 1e-4);
	const char *row = strstr(s, "critical, χ1 = 1 at σb = 0");
	ck_assert_msg(row, "%s", s);
	const char *eol = strchr(row, '\n');
	ck_assert(eol);
	char line[512];
	snprintf(line, sizeof line, "%.*s", (int)(eol - row), row);
	ck_assert_msg(strstr(line, "1        0        ∞        ∞  critical") &&
			  !strstr(line, "e-"),
		      "%s", line);
	free(s);
}
END_TEST

START_TEST(critical_relu_is_neutral_as_pytorchs)
{
	/* given relu and leaky relu (q' = A q without biases), when G, then
	 * the critical row, at PyTorch's own gain, has PyTorch's q*:
	 * neutral, every length kept; the search stopped a hair above
	 * sigma_w^2 = 2 and the row read "diverges" beside PyTorch's
	 * "neutral" at the same 1.41 */
	static const iv_act_kind acts[] = {IV_ACT_RELU, IV_ACT_LEAKY_RELU};
	for (size_t i = 0; i < 2; i++) {
		iv_config c;
		config(&c);
		c.act = acts[i];
		char *s = run(&c, "G");
		const tui_gains *g = &app.theory.gains;
		ck_assert_int_eq(g->torch.c.kind, IV_FIXED_NEUTRAL);
		ck_assert_msg(g->crit0.c.kind == IV_FIXED_NEUTRAL,
			      "%s: critical sigma_w^2 %.17g is %s",
			      iv_act_name(acts[i]), g->crit0.gain * g->crit0.gain,
			      iv_fixed_kind_name(g->crit0.c.kind));
		const char *crit = strstr(s, "critical, χ1 = 1 at σb = 0");
		ck_assert_msg(crit, "%s", s);
		const char *eol = strchr(crit, '\n');
		ck_assert_ptr_nonnull(eol);
		char line[512];
		snprintf(line, sizeof line, "%.*s", (int)(eol - crit), crit);
		ck_assert_msg(strstr(line, "neutral"), "%s", line);
		free(s);
		tut_close(&app, &scr);
	}
}
END_TEST

START_TEST(gain_view_gives_blocks_no_row)
{
	/* given residual blocks with layer norm (the report's criticality is
	 * null for them), when G, then the plain layers' rows and, for the
	 * setting, no phase: a line that says why */
	iv_config c;
	config(&c);
	c.residual = true;
	c.norm = IV_NORM_LAYER;
	char *s = run(&c, "G");
	SHOWN(s, "critical, χ1 = 1 at σb = 0");
	SHOWN(s, "yours: xavier-normal with residual blocks and layer norm: "
		 "none of these");
	const char *y = strstr(s, "yours: xavier-normal with");
	const char *eol = y ? strchr(y, '\n') : NULL;
	ck_assert(eol);
	char line[512];
	snprintf(line, sizeof line, "%.*s", (int)(eol - y), y);
	ck_assert_msg(!strstr(line, "critical") && !strstr(line, "exploding"),
		      "%s", line);
	free(s);
	teardown();
	/* and plain layers keep their row */
	config(&c);
	s = run(&c, "G");
	SHOWN(s, "yours: xavier-normal  ");
	GONE(s, "none of these");
	free(s);
}
END_TEST

START_TEST(critical_yet_vanishing_says_why)
{
	/* given xavier-normal + tanh 10 layers deep, when J, then the bar's
	 * "critical" and the spectrum's "vanishing" come with the line that
	 * says why, its numbers those of the theory */
	iv_config c;
	char want[128];
	config(&c);
	c.depth = 10;
	char *s = run(&c, "J");
	ck_assert(app.theory.spec.have && app.theory.spec.s.mean_square < 0.9);
	SHOWN(s, "χ1 1 critical");
	SHOWN(s, "Why critical yet vanishing: χ1 = 1 only at the fixed point");
	snprintf(want, sizeof want, "mean square %.3g)",
		 app.theory.pred.jacobian_ms);
	SHOWN(s, want);
	free(s);
}
END_TEST

START_TEST(preact_has_no_zero_column)
{
	/* given relu, then zero and dead columns; when p (z shown), then the
	 * dead units alone: a zero output is not a fact about z */
	iv_config c;
	config(&c);
	c.act = IV_ACT_RELU;
	c.init = IV_INIT_HE_NORMAL;
	char *s = run(&c, "");
	SHOWN(s, " zero  dead ");
	free(s);
	teardown();
	s = run(&c, "p");
	GONE(s, "zero");
	SHOWN(s, " dead ");
	free(s);
}
END_TEST

/* Snapshots: a configuration, a panel, a size. */
static const struct {
	const char *name;
	iv_init_kind init;
	iv_act_kind act;
	tui_panel panel;
	tui_view view;
	bool ascii;
} snaps[] = {
    {"theory_phase", IV_INIT_XAVIER_NORMAL, IV_ACT_TANH, TUI_PANEL_PHASE,
     TUI_VIEW_SPLIT, false},
    {"theory_phase_ascii", IV_INIT_HE_NORMAL, IV_ACT_RELU, TUI_PANEL_PHASE,
     TUI_VIEW_SPLIT, true},
    {"theory_spectrum_orthogonal", IV_INIT_ORTHOGONAL, IV_ACT_LINEAR,
     TUI_PANEL_SPECTRUM, TUI_VIEW_SPLIT, false},
    {"theory_spectrum_gaussian", IV_INIT_XAVIER_NORMAL, IV_ACT_LINEAR,
     TUI_PANEL_SPECTRUM, TUI_VIEW_SPLIT, false},
    {"theory_gains", IV_INIT_XAVIER_NORMAL, IV_ACT_TANH, TUI_PANEL_GAINS,
     TUI_VIEW_SPLIT, false},
    {"theory_profile", IV_INIT_XAVIER_NORMAL, IV_ACT_TANH, TUI_PANEL_NONE,
     TUI_VIEW_PROFILE, false},
};

START_TEST(view_matches_snapshot)
{
	/* given the case's configuration and panel, when everything is
	 * computed and drawn, then the screen reads as the snapshot */
	iv_config c;
	config(&c);
	c.init = snaps[_i].init;
	c.act = snaps[_i].act;
	unsetenv("INITVIZ_SCRIPT");
	scr = tut_open(&app, &c, &(tui_options){.ascii = snaps[_i].ascii}, 30,
		       100);
	app.cover = snaps[_i].panel;
	app.model.view = snaps[_i].view;
	tui_work_settle(&app);
	tut_draw(&app); /* lays the phase grid out */
	tui_work_settle(&app);
	tut_draw(&app);
	tut_compare_screen(snaps[_i].name);
	tut_rows_fit();
}
END_TEST

START_TEST(values_lost_to_the_svd_give_bounds)
{
	/* given lesson 8's network (Xavier, tanh, 10 layers of 256), whose
	 * spectrum has values below 1e-12 of the max, when J, then the min
	 * and max/min are bounds ("min <1.26e-12", "max/min >1e12"), not the
	 * SVD's rounding read as a value ("min 1.62e-17", "max/min
	 * 7.76e+16") */
	iv_config c;
	lesson8_net(&c);
	char *s = run_at(&c, "J", 30, 120);
	const iv_spectrum *sp = &app.theory.spec.s;
	ck_assert_uint_gt(tui_spectrum_tiny(sp), 0);
	char want[64];
	snprintf(want, sizeof want, "min <%.3g   max/min >1e12",
		 sp->max * 1e-12);
	const char *row = strstr(s, "256 values");
	ck_assert(row);
	char line[256];
	snprintf(line, sizeof line, "%.*s", (int)strcspn(row, "\n"), row);
	ck_assert_msg(strstr(line, want) &&
			  strstr(line, "below 1e-12 max: zero to the SVD"),
		      "\"%s\" in \"%s\"", want, line);
	free(s);
}
END_TEST

START_TEST(a_mean_square_below_a_double_is_a_bound)
{
	/* given tanh at 1000 layers of width 1, whose one singular value is
	 * about 6e-303, its square 3e-605 past a double, when J, then the
	 * mean square reads "<1e-300" on the numbers' row, not 0 beside a
	 * max above 0 */
	iv_config c;
	config(&c);
	c.depth = 1000;
	c.width = 1;
	c.batch = 1;
	char *s = run_at(&c, "J", 30, 100);
	const iv_spectrum *sp = &app.theory.spec.s;
	ck_assert(sp->max > 0 && sp->mean_square == 0);
	const char *row = strstr(s, "1 values");
	ck_assert(row);
	char line[256];
	snprintf(line, sizeof line, "%.*s", (int)strcspn(row, "\n"), row);
	ck_assert_msg(strstr(line, "mean square <1e-300   max "), "\"%s\"",
		      line);
	free(s);
}
END_TEST

START_TEST(batch_norm_spectrum_says_why)
{
	/* given batch norm, when J, then why there is no spectrum (one
	 * input's output depends on the whole batch) and the key that gives
	 * one, not "No spectrum: invalid configuration." */
	iv_config c;
	config(&c);
	c.norm = IV_NORM_BATCH;
	char *s = run_at(&c, "J", 30, 100);
	char flat[8192];
	size_t n = 0; /* the screen as one line, blanks collapsed */
	for (const char *p = s; *p && n + 1 < sizeof flat; p++)
		if (!isspace((unsigned char)*p) || (n && flat[n - 1] != ' '))
			flat[n++] = isspace((unsigned char)*p) ? ' ' : *p;
	flat[n] = '\0';
	ck_assert(!strstr(flat, "invalid configuration"));
	ck_assert(strstr(flat, "No spectrum with batch norm"));
	ck_assert(strstr(flat, "no Jacobian of one input alone. z switches "
			       "to layer norm."));
	free(s);
}
END_TEST

Suite *suite(void)
{
	cm_locale();
	if (cm_tmpdir("initviz-theory") != 0)
		return NULL;
	Suite *s = suite_create("tui_theory_view");
	TCase *t = tcase_create("sessions");
	tcase_set_timeout(t, 60);
	tcase_add_checked_fixture(t, NULL, teardown);
	tcase_add_test(t, gain_rows_are_named_at_60_columns);
	tcase_add_test(t, critical_relu_is_neutral_as_pytorchs);
	tcase_add_test(t, selus_critical_row_has_q_star_0);
	tcase_add_loop_test(t, gain_view_is_whole_on_small_screens, 0,
			    LEN(gain_sizes));
	tcase_add_test(t, explanations_are_whole_at_80_columns);
	tcase_add_loop_test(t, spectrum_note_is_whole_on_the_smallest_screen, 0,
			    LEN(spectrum_notes));
	tcase_add_loop_test(t,
			    panel_keys_keep_the_way_back_on_the_smallest_screen,
			    0, LEN(key_rows));
	tcase_add_test(t, phase_view_opens);
	tcase_add_test(t, small_batch_norm_says_where_gradient_line_stops);
	tcase_add_loop_test(t, phase_cursor_changes_the_setting, 0, LEN(moves));
	tcase_add_test(t, phase_edges_and_closing);
	tcase_add_test(t, phase_title_and_progress_do_not_overlap);
	tcase_add_loop_test(t, ticks_are_named_wherever_they_are_drawn, 0,
			    LEN(tick_sizes));
	tcase_add_loop_test(t, phase_legend_says_what_its_shades_grade, 0,
			    LEN(legend_cases));
	tcase_add_test(t, phase_cursor_of_blocks_says_plain_layers);
	tcase_add_test(t, overlay_toggles);
	tcase_add_test(t, no_fixed_point_shown_as_such);
	tcase_add_test(t, gain_row_below_a_double_from_logarithms);
	tcase_add_test(t, absent_predictions_in_words);
	tcase_add_test(t, gain_rows_use_the_configured_biases);
	tcase_add_test(t, spectrum_view);
	tcase_add_test(t, values_lost_to_the_svd_give_bounds);
	tcase_add_test(t, a_mean_square_below_a_double_is_a_bound);
	tcase_add_test(t, batch_norm_spectrum_says_why);
	tcase_add_test(t, spectrum_asks_and_refuses);
	tcase_add_test(t, a_critical_draw_is_not_called_exploding);
	tcase_add_test(t, gain_view);
	tcase_add_test(t, gain_view_gives_blocks_no_row);
	tcase_add_test(t, critical_yet_vanishing_says_why);
	tcase_add_test(t, preact_has_no_zero_column);
	suite_add_tcase(s, t);
	t = tcase_create("snapshots");
	tcase_set_timeout(t, 60);
	tcase_add_checked_fixture(t, NULL, teardown);
	tcase_add_loop_test(t, view_matches_snapshot, 0, LEN(snaps));
	suite_add_tcase(s, t);
	return s;
}
