/* SPDX-License-Identifier: MIT */
/* Screen snapshots: each view drawn from a fixed configuration on a headless
 * screen, read back row by row and compared with tests/snapshots/NAME.txt.
 * On a mismatch the screen is written to NAME.actual and `diff -u` shows
 * what changed; INITVIZ_UPDATE_SNAPSHOTS=1 rewrites the snapshot files. */
#include <check.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tui/app.h"
#include "tui/colors.h"
#include "tui/draw.h"

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
	setenv("INITVIZ_FIXED_TIME", "12 ms", 1);
	unsetenv("INITVIZ_SCRIPT");
	ck_assert_int_eq(tui_app_init(&app, &c, &o), 0);
	scr = tui_screen_headless(v->lines ? v->lines : 30,
				  v->cols ? v->cols : 100);
	ck_assert_ptr_nonnull(scr);
	tui_colors_init();
	tui_app_settle(&app);
	app.model.preact = v->preact;
	app.model.grad_weights = v->grad_weights;
	app.model.per_layer = v->per_layer;
	app.model.log_counts = v->log_counts;
	app.model.help = v->help;
	app.model.view = v->view;
	app.model.subset = v->subset;
}

static void close_view(void)
{
	endwin();
	delscreen(scr);
	tui_app_done(&app);
}

static char *screen_text(void)
{
	size_t cap = 1 << 16, len = 0;
	char *buf = malloc(cap), row[4096];
	for (int y = 0; y < LINES; y++) {
		tui_screen_row(y, row, sizeof row);
		len += (size_t)snprintf(buf + len, cap - len, "%s\n", row);
	}
	return buf;
}

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "r");
	char *buf;
	long n;
	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	buf = calloc(1, (size_t)n + 1);
	if (fread(buf, 1, (size_t)n, f) != (size_t)n)
		buf[0] = '\0';
	fclose(f);
	return buf;
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	ck_assert_msg(f != NULL, "cannot write %s", path);
	fputs(text, f);
	fclose(f);
}

/* Compare the screen with the snapshot; show a unified diff when they differ.
 */
static void compare(const char *name)
{
	const char *src = getenv("top_srcdir");
	char path[1024], actual[512], cmd[2048];
	char *got = screen_text(), *want;
	snprintf(path, sizeof path, "%s/tests/snapshots/%s.txt",
		 src ? src : ".", name);
	if (getenv("INITVIZ_UPDATE_SNAPSHOTS") &&
	    strcmp(getenv("INITVIZ_UPDATE_SNAPSHOTS"), "1") == 0) {
		write_file(path, got);
		free(got);
		return;
	}
	want = slurp(path);
	ck_assert_msg(want != NULL,
		      "no snapshot %s (INITVIZ_UPDATE_SNAPSHOTS=1 writes it)",
		      path);
	if (strcmp(want, got) != 0) {
		snprintf(actual, sizeof actual, "tui-snapshot-%s.actual", name);
		write_file(actual, got);
		snprintf(cmd, sizeof cmd, "diff -u '%s' '%s' 1>&2", path,
			 actual);
		if (system(cmd) == -1)
			fprintf(stderr, "--- %s\n%s+++ %s\n%s", path, want,
				actual, got);
	}
	ck_assert_msg(strcmp(want, got) == 0,
		      "screen %s differs from %s (diff above)", name, path);
	free(want);
	free(got);
}

START_TEST(view_matches_snapshot)
{
	/* given the case's configuration and toggles, when drawn, then the
	 * screen reads as the snapshot */
	open_view(&cases[_i]);
	tui_draw(&app);
	compare(cases[_i].name);
	close_view();
}
END_TEST

START_TEST(drawing_is_deterministic)
{
	/* given the main view, when drawn twice with a redraw between, then
	 * the same text (the cache and the layout keep nothing stale) */
	open_view(&cases[0]);
	tui_draw(&app);
	char *a = screen_text();
	app.model.per_layer = true;
	tui_draw(&app);
	app.model.per_layer = false;
	tui_draw(&app);
	char *b = screen_text();
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
	tui_draw(&app);
	char row[4096];
	for (int y = 0; y < LINES; y++) {
		tui_screen_row(y, row, sizeof row);
		ck_assert_int_le(tui_text_width(row), COLS);
	}
	tui_screen_row(LINES - 1, row, sizeof row);
	if (!app.layout.too_small)
		ck_assert_msg(strstr(row, "Help") && strstr(row, "Quit"),
			      "bar: %s", row);
	close_view();
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("tui_snapshot");
	TCase *t = tcase_create("views");
	tcase_set_timeout(t, 30);
	tcase_add_loop_test(t, view_matches_snapshot, 0, LEN(cases));
	tcase_add_loop_test(t, every_row_fits_the_screen, 0, LEN(cases));
	tcase_add_test(t, drawing_is_deterministic);
	suite_add_tcase(s, t);
	return s;
}

int main(void)
{
	setlocale(LC_ALL, "");
	setlocale(LC_NUMERIC, "C");
	SRunner *sr = srunner_create(suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
