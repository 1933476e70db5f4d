/* SPDX-License-Identifier: MIT */
/* Shared helpers of the TUI Check suites: headless screens and their text,
 * snapshots under tests/snapshots; files from view_testutil.h. */
#ifndef IV_TUI_TESTUTIL_H
#define IV_TUI_TESTUTIL_H

#include "view_testutil.h"
#include "tui/actions.h"
#include "tui/app.h"
#include "tui/colors.h"
#include "tui/frame.h"
#include "tui/loop.h"
#include "tui/screen.h"
#include "tui/work.h"
#include "view/text.h"

/* --- headless screens ------------------------------------------------------ */

/* Start app from c with options o on a headless lines x cols screen with
 * colours, the computation time shown as a fixed "12 ms". */
static inline SCREEN *tut_open(tui_app *app, const iv_config *c,
			       const tui_options *o, int lines, int cols)
{
	setenv("INITVIZ_FIXED_TIME", "12 ms", 1);
	ck_assert_int_eq(tui_app_init(app, c, o), 0);
	SCREEN *scr = tui_screen_headless(lines, cols);
	ck_assert_ptr_nonnull(scr);
	tui_colors_init();
	return scr;
}

/* Write keys to the file o->keys names and run them as typed, on a screen
 * opened as by tut_open; the app stays open (tut_close). The loop's status.
 */
static inline int tut_run_keys(tui_app *app, SCREEN **scr, const iv_config *c,
			       const tui_options *o, const char *keys,
			       int lines, int cols)
{
	tut_write_file(o->keys, keys);
	*scr = tut_open(app, c, o, lines, cols);
	app->headless = true;
	return tui_loop(app);
}

/* A frame as the loop draws it: prepared, then drawn. */
static inline void tut_draw(tui_app *app)
{
	tui_frame_prepare(app);
	tui_frame_draw(app);
}

/* End the screen and the app, if a screen is open. */
static inline void tut_close(tui_app *app, SCREEN **scr)
{
	if (!*scr)
		return;
	endwin();
	delscreen(*scr);
	tui_app_done(app);
	*scr = NULL;
}

/* The screen's text, a line a row (free it). */
static inline char *tut_screen_text(void)
{
	char row[4096];
	size_t cap = (size_t)LINES * (sizeof row + 1), len = 0;
	char *buf = malloc(cap);
	ck_assert_ptr_nonnull(buf);
	for (int y = 0; y < LINES; y++) {
		tui_screen_row(y, row, sizeof row);
		len += (size_t)snprintf(buf + len, cap - len, "%s\n", row);
	}
	return buf;
}

/* No row of the screen is wider than the screen. */
static inline void tut_rows_fit(void)
{
	char row[4096];
	for (int y = 0; y < LINES; y++) {
		tui_screen_row(y, row, sizeof row);
		ck_assert_int_le(tui_text_width(row), COLS);
	}
}

/* --- snapshots ------------------------------------------------------------- */

/* Compare got with $top_srcdir/tests/snapshots/NAME.txt; when they differ,
 * got goes to tui-snapshot-NAME.actual and `diff -u` shows what changed.
 * INITVIZ_UPDATE_SNAPSHOTS=1 writes got to the snapshot instead. */
static inline void tut_compare_snapshot(const char *name, const char *got)
{
	const char *src = getenv("top_srcdir"),
		   *upd = getenv("INITVIZ_UPDATE_SNAPSHOTS");
	char path[1024], actual[512], cmd[2048], *want;
	snprintf(path, sizeof path, "%s/tests/snapshots/%s.txt",
		 src ? src : ".", name);
	if (upd && strcmp(upd, "1") == 0) {
		tut_write_file(path, got);
		return;
	}
	want = tut_read(path);
	ck_assert_msg(want != NULL,
		      "no snapshot %s (INITVIZ_UPDATE_SNAPSHOTS=1 writes it)",
		      path);
	if (strcmp(want, got) != 0) {
		snprintf(actual, sizeof actual, "tui-snapshot-%s.actual", name);
		tut_write_file(actual, got);
		snprintf(cmd, sizeof cmd, "diff -u '%s' '%s' 1>&2", path,
			 actual);
		if (system(cmd) == -1)
			fprintf(stderr, "--- %s\n%s+++ %s\n%s", path, want,
				actual, got);
	}
	ck_assert_msg(strcmp(want, got) == 0,
		      "screen %s differs from %s (diff above; "
		      "INITVIZ_UPDATE_SNAPSHOTS=1 rewrites it)",
		      name, path);
	free(want);
}

/* The screen compared with the snapshot NAME, as tut_compare_snapshot. */
static inline void tut_compare_screen(const char *name)
{
	char *got = tut_screen_text();
	tut_compare_snapshot(name, got);
	free(got);
}

#endif
