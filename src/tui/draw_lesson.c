/* SPDX-License-Identifier: MIT */
/* The lesson panel above the bottom bar (a rule with the title, the text,
 * what to look at), and the rows the teaching panels take from the views. */
#include <stdio.h>
#include <string.h>
#include "tui/draw.h"
#include "tui/teach_app.h"

#define LOOK "look: "

/* Rows the panel wants at width cols: the rule, the text, the look line. */
static int lesson_rows(const tui_app *app, int cols)
{
	const iv_lesson *x = tui_lessons_current(&app->teach.les);
	char look[IV_LESSON_LINE + sizeof LOOK];
	int n = 1;
	if (!x || !app->teach.les.shown)
		return 0;
	for (size_t i = 0; i < x->ntext; i++)
		n += tui_text_wrap_count(x->text[i], cols - 2);
	snprintf(look, sizeof look, LOOK "%s", x->look);
	return n + (x->look[0] ? tui_text_wrap_count(look, cols - 2) : 0);
}

void tui_teach_layout(tui_app *app, bool collapsed)
{
	tui_teach *t = &app->teach;
	tui_layout *lo = &app->layout;
	int strip = 0, lesson = 0, spare = LINES - TUI_MIN_LINES;
	if (app->teach.train.tr && t->gen != app->comp.gen)
		tui_teach_reset(app); /* its network is gone */
	if (app->theory.panel == TUI_PANEL_NONE && COLS >= TUI_MIN_COLS) {
		strip =
		    tui_train_active(&t->train) || tui_lessons_current(&t->les)
			? TUI_STRIP_H
			: 0;
		lesson = lesson_rows(app, COLS);
	}
	spare = spare < 0 ? 0 : spare;
	strip = strip > spare ? 0 : strip;
	lesson = lesson > spare - strip ? spare - strip : lesson;
	tui_layout_compute(lo, LINES - strip - lesson, COLS, &app->model,
			   collapsed || tui_teach_distinct(app));
	t->strip_h = strip;
	t->lesson_h = lesson;
	if (strip + lesson == 0 || lo->too_small) {
		t->strip_h = t->lesson_h = 0;
		if (strip + lesson)
			tui_layout_compute(lo, LINES, COLS, &app->model,
					   collapsed);
		return;
	}
	lo->lines = LINES;
	lo->bar_y = LINES - 1;
	t->strip_y = lo->bar_y - strip - lesson;
	t->lesson_y = t->strip_y + strip;
}

/* The rule: "── lesson 2/12: Title ─── modified (0: back ...) ── , . L ──";
 * the notes on the right give way to the title, longest first. */
static void rule(const tui_app *app, int y, const iv_lesson *x)
{
	static const char *const notes[2][4] = {
	    {" , . lessons   L hides ", "", NULL},
	    {" modified (0: back to the lesson)   , . lessons   L hides ",
	     " modified   , . lessons   L hides ", " modified ", ""},
	};
	const tui_lessons *l = &app->teach.les;
	int cols = app->layout.cols;
	const char *const *n = notes[tui_lessons_modified(l, &app->model.cfg)];
	char head[48];
	snprintf(head, sizeof head, " lesson %zu/%zu: ", l->cur,
		 tui_lessons_count(l));
	int need = 2 + tui_text_width(head) + tui_text_width(x->title) + 3;
	while (n[1] && need + tui_text_width(*n) > cols)
		n++;
	int r = cols - 2 - tui_text_width(*n);
	for (int c = 0; c < cols; c++)
		tui_put(y, c, c + 1, TUI_E_AXIS, app->gl->hline);
	int p = tui_put(y, 2, r, TUI_E_LABEL, head);
	p = tui_put(y, p, r - 1, TUI_E_TITLE, x->title);
	tui_put(y, p, r, TUI_E_LABEL, " ");
	tui_put(y, r, cols - 2, TUI_E_LABEL, *n);
}

/* Wrapped lines of text from row *y, while rows remain before end. False
 * when it ran out of rows. */
static bool para(const tui_app *app, int *y, int end, const char *text,
		 tui_element e)
{
	int cols = app->layout.cols;
	const char *p = text, *next;
	size_t len;
	char line[IV_LESSON_LINE + 16];
	while (*p) {
		const char *s = tui_text_wrap_line(p, cols - 2, &len, &next);
		if (len == 0)
			break;
		if (*y >= end)
			return false;
		snprintf(line, sizeof line, "%.*s", (int)len, s);
		tui_put((*y)++, 1, cols - 1, e, line);
		p = next;
	}
	return true;
}

void tui_draw_lesson(tui_app *app)
{
	const tui_teach *t = &app->teach;
	const iv_lesson *x = tui_lessons_current(&t->les);
	int y = t->lesson_y, end = t->lesson_y + t->lesson_h;
	char look[IV_LESSON_LINE + sizeof LOOK];
	bool all = true;
	if (!x || t->lesson_h < 1)
		return;
	rule(app, y++, x);
	for (size_t i = 0; i < x->ntext && all; i++)
		all = para(app, &y, end, x->text[i], TUI_E_NORMAL);
	if (all && x->look[0]) {
		int y0 = y;
		snprintf(look, sizeof look, LOOK "%s", x->look);
		all = para(app, &y, end, look, TUI_E_NORMAL);
		if (y > y0)
			tui_put(y0, 1, app->layout.cols, TUI_E_TITLE, "look:");
	}
	if (!all) /* cut short: say so at the end of the last row */
		tui_put_right(end - 1, app->layout.cols - 1, 0, TUI_E_WARN,
			      app->gl->ell);
}

void tui_teach_draw(tui_app *app)
{
	if (app->layout.too_small)
		return;
	tui_draw_train(app);
	tui_draw_lesson(app);
}
