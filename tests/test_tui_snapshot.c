/* SPDX-License-Identifier: MIT */
/* Screen snapshots: each view drawn from a fixed configuration on a headless
 * screen, read back row by row and compared with tests/snapshots/NAME.txt.
 * On a mismatch the screen is written to tui-snapshot-NAME.actual and
 * `diff -u` shows what changed; INITVIZ_UPDATE_SNAPSHOTS=1 rewrites the
 * snapshot files. */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tui_testutil.h"

#define LEN(a) (sizeof(a) / sizeof((a)[0]))

typedef struct view_case {
	const char *name;
	int lines, cols;
	bool ascii, preact, grad_weights, per_layer, log_counts, help;
	tui_view view;
	tui_subset subset;
	iv_init_kind init;
	iv_act_kind act;
	size_t depth;
	bool residual;
	iv_norm_kind norm;
} view_case;

/* Width 32, batch 64, seed 1, xavier-normal, tanh, depth 6 unless set. */
static const view_case cases[] = {
    {.name = "main"},
    {.name = "preact", .preact = true},
    {.name = "grad_weights", .grad_weights = true},
    {.name = "per_layer", .per_layer = true},
    {.name = "log_counts", .log_counts = true},
    {.name = "help", .help = true},
    {.name = "profile", .view = TUI_VIEW_PROFILE},
    {.name = "too_small", .lines = 12, .cols = 50},
    {.name = "ascii", .ascii = true},
    {.name = "relu_he",
     .init = IV_INIT_HE_NORMAL,
     .act = IV_ACT_RELU,
     .log_counts = true},
    {.name = "first_last", .depth = 40, .subset = TUI_SUBSET_ENDS},
    {.name = "narrow", .lines = 20, .cols = 70},
    /* the stream doubling a block, each block's branch beneath it */
    {.name = "profile_residual",
     .view = TUI_VIEW_PROFILE,
     .init = IV_INIT_HE_NORMAL,
     .act = IV_ACT_RELU,
     .residual = true},
    {.name = "profile_residual_ascii",
     .view = TUI_VIEW_PROFILE,
     .init = IV_INIT_HE_NORMAL,
     .act = IV_ACT_RELU,
     .residual = true,
     .norm = IV_NORM_LAYER,
     .ascii = true},
};

static tui_app app;
static SCREEN *scr;

static void open_view(const view_case *v)
{
	iv_config c;
	tui_options o = {.ascii = v->ascii};
	iv_config_defaults(&c);
	c.depth = v->depth ? v->depth : 6;
	c.width = 32;
	c.batch = 64;
	c.seed = 1;
	if (v->init)
		c.init = v->init;
	if (v->act)
		c.act = v->act;
	c.residual = v->residual;
	c.norm = v->norm;
	unsetenv("INITVIZ_SCRIPT");
	scr = tut_open(&app, &c, &o, v->lines ? v->lines : 30,
		       v->cols ? v->cols : 100);
	tui_work_settle(&app);
	app.model.preact = v->preact;
	app.model.grad_weights = v->grad_weights;
	app.model.per_layer = v->per_layer;
	app.model.log_counts = v->log_counts;
	app.modal = v->help ? TUI_PANEL_HELP : TUI_PANEL_NONE;
	app.model.view = v->view;
	app.model.subset = v->subset;
}

static void close_view(void)
{
	tut_close(&app, &scr);
}

START_TEST(view_matches_snapshot)
{
	/* given the case's configuration and toggles, when drawn, then the
	 * screen reads as the snapshot */
	open_view(&cases[_i]);
	tut_draw(&app);
	tut_compare_screen(cases[_i].name);
	close_view();
}
END_TEST

START_TEST(drawing_is_deterministic)
{
	/* given the main view, when drawn twice with a redraw between, then
	 * the same text (the cache and the layout keep nothing stale) */
	open_view(&cases[0]);
	tut_draw(&app);
	char *a = tut_screen_text();
	app.model.per_layer = true;
	tut_draw(&app);
	app.model.per_layer = false;
	tut_draw(&app);
	char *b = tut_screen_text();
	ck_assert_str_eq(a, b);
	free(a);
	free(b);
	close_view();
}
END_TEST

START_TEST(every_row_fits_the_screen)
{
	/* given each case at its size, then no row is wider than the screen
	 * and the bottom row is the key bar (or the too-small notice) */
	open_view(&cases[_i]);
	tut_draw(&app);
	tut_rows_fit();
	char row[4096];
	tui_screen_row(LINES - 1, row, sizeof row);
	if (!app.layout.too_small)
		ck_assert_msg(strstr(row, "Help") && strstr(row, "Quit"),
			      "bar: %s", row);
	close_view();
}
END_TEST

START_TEST(long_widths_list_is_not_cut)
{
	/* given 21 widths on a wide screen, when drawn, then the settings
	 * either show the list whole or mark what they leave out and still
	 * end with the output width: a list cut after some width reads as
	 * a smaller network */
	iv_config c;
	tui_options o = {0};
	iv_config_defaults(&c);
	c.depth = 20;
	c.batch = 64;
	c.seed = 1;
	c.nwidths = 21;
	for (size_t i = 0; i < c.nwidths; i++)
		c.widths[i] = (uint32_t)(100 + i);
	unsetenv("INITVIZ_SCRIPT");
	scr = tut_open(&app, &c, &o, 30, 200);
	tui_work_settle(&app);
	tut_draw(&app);
	char *t = tut_screen_text();
	const char *w = strstr(t, "widths ");
	ck_assert_msg(w != NULL, "no widths in the settings:\n%s", t);
	const char *end = strpbrk(w + 7, " \n");
	ck_assert_ptr_nonnull(end);
	char list[256];
	snprintf(list, sizeof list, "%.*s", (int)(end - w - 7), w + 7);
	bool whole = strstr(list, "100,101,102") == list &&
		     strstr(list, "119,120") != NULL;
	bool marked = strstr(list, "100,") == list &&
		      strstr(list, "\xe2\x80\xa6") != NULL &&
		      strlen(list) > 4 &&
		      strcmp(list + strlen(list) - 4, ",120") == 0;
	ck_assert_msg(whole || marked, "widths shown as \"%s\"", list);
	free(t);
	close_view();
}
END_TEST

START_TEST(weight_std_of_a_widths_list_is_a_range)
{
	/* given a widths list, whose layers have different fans and so
	 * different xavier stds, when drawn, then the settings show the
	 * range of the layers' stds, not layer 1's alone */
	iv_config c;
	tui_options o = {0};
	iv_config_defaults(&c);
	c.depth = 3;
	c.batch = 64;
	c.nwidths = 4;
	c.widths[0] = 784;
	c.widths[1] = 512;
	c.widths[2] = 256;
	c.widths[3] = 10;
	double lo = INFINITY, hi = 0;
	for (size_t l = 1; l <= c.depth; l++) {
		lo = fmin(lo, iv_config_weight_std(&c, l));
		hi = fmax(hi, iv_config_weight_std(&c, l));
	}
	char want[96], a[32], z[32];
	snprintf(want, sizeof want, "weight \xcf\x83 %s to %s",
		 tui_text_number(lo, a, sizeof a), tui_text_number(hi, z, sizeof z));
	unsetenv("INITVIZ_SCRIPT");
	scr = tut_open(&app, &c, &o, 30, 160);
	tui_work_settle(&app);
	tut_draw(&app);
	char *t = tut_screen_text();
	ck_assert_msg(lo < hi, "the layers' stds are all %g", lo);
	const char *nl = strchr(t, '\n');
	nl = nl ? strchr(nl + 1, '\n') : NULL; /* the settings: 2 lines */
	ck_assert_msg(strstr(t, want) != NULL, "no \"%s\" in:\n%.*s", want,
		      nl ? (int)(nl - t) : 200, t);
	/* and chi1, q* and the depth scales, which follow layer 1's map, say
	 * whose they are */
	ck_assert_msg(strstr(t, "layer 1 \xcf\x87" "1 ") != NULL,
		      "chi1 not marked as layer 1's:\n%.*s",
		      nl ? (int)(nl - t) : 200, t);
	free(t);
	close_view();
}
END_TEST

START_TEST(nearly_all_saturated_is_not_100_percent)
{
	/* given tanh under N(0, 200^2) weights, where most but not all
	 * entries saturate, when drawn, then a layer short of 100% does
	 * not read "100%" (as one above 0% does not read "0%"): every unit
	 * saturated would mean no gradient at all */
	iv_config c;
	tui_options o = {0};
	iv_config_defaults(&c);
	c.init = IV_INIT_NORMAL;
	c.std = 200;
	c.depth = 4;
	c.width = 32;
	c.batch = 64;
	c.seed = 1;
	unsetenv("INITVIZ_SCRIPT");
	scr = tut_open(&app, &c, &o, 30, 100);
	tui_work_settle(&app);
	tut_draw(&app);
	int checked = 0;
	for (int y = 0; y < LINES; y++) {
		char row[4096];
		int layer;
		tui_screen_row(y, row, sizeof row);
		if (sscanf(row, "%d", &layer) != 1 || layer < 1 ||
		    layer > (int)c.depth || !strstr(row, "\xe2\x94\x82"))
			continue;
		const iv_layer_stats *ls = tui_compute_layer(&app.comp,
							     (size_t)layer);
		ck_assert_ptr_nonnull(ls);
		if (ls->saturated >= 1 || ls->saturated < 0.995)
			continue;
		checked++;
		ck_assert_msg(!strstr(row, "100%"),
			      "layer %d saturated %.17g reads: %s", layer,
			      ls->saturated, row);
	}
	ck_assert_msg(checked > 0, "no layer between 99.5%% and 100%%");
	close_view();
}
END_TEST

START_TEST(one_in_200_saturated_is_not_0_percent)
{
	/* given one unit, batch 200 and N(0, 1.55^2) weights, where 1 entry
	 * of 200 saturates (0.5%, which "%.0f" prints as "0"), when drawn,
	 * then the column does not read "0%" */
	iv_config c;
	tui_options o = {0};
	iv_config_defaults(&c);
	c.init = IV_INIT_NORMAL;
	c.std = 1.55;
	c.depth = 1;
	c.width = 1;
	c.batch = 200;
	c.seed = 1;
	unsetenv("INITVIZ_SCRIPT");
	scr = tut_open(&app, &c, &o, 30, 100);
	tui_work_settle(&app);
	tut_draw(&app);
	const iv_layer_stats *ls = tui_compute_layer(&app.comp, 1);
	ck_assert_ptr_nonnull(ls);
	ck_assert_double_eq(ls->saturated, 0.005);
	char *t = tut_screen_text();
	const char *row = strstr(t, "\n 1 ");
	ck_assert_msg(row != NULL, "no layer 1:\n%s", t);
	const char *bar = strstr(row, "\xe2\x94\x82");
	ck_assert_ptr_nonnull(bar);
	char left[512];
	snprintf(left, sizeof left, "%.*s", (int)(bar - row), row);
	ck_assert_msg(!strstr(left, " 0%") && strstr(left, "<1%"),
		      "layer 1 reads: %s", left);
	free(t);
	close_view();
}
END_TEST

Suite *suite(void)
{
	cm_locale();
	Suite *s = suite_create("tui_snapshot");
	TCase *t = tcase_create("views");
	tcase_set_timeout(t, 30);
	tcase_add_loop_test(t, view_matches_snapshot, 0, LEN(cases));
	tcase_add_loop_test(t, every_row_fits_the_screen, 0, LEN(cases));
	tcase_add_test(t, drawing_is_deterministic);
	tcase_add_test(t, long_widths_list_is_not_cut);
	tcase_add_test(t, weight_std_of_a_widths_list_is_a_range);
	tcase_add_test(t, nearly_all_saturated_is_not_100_percent);
	tcase_add_test(t, one_in_200_saturated_is_not_0_percent);
	suite_add_tcase(s, t);
	return s;
}
