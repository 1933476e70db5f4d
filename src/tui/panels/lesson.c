/* SPDX-License-Identifier: MIT */
/* The lesson panel above the bottom bar: a rule with the title, the text,
 * what to look at; the keys that go through the lessons. */
#include <stdio.h>
#include <string.h>
#include "tui/panel.h"
#include "tui/put.h"

#define LOOK "look: "

/* Rows the panel wants at width cols: the rule, the text, the look line. */
static int rows(const tui_app *app, int cols)
{
	const iv_lesson *x = tui_lessons_current(&app->les);
	char look[IV_LESSON_LINE + sizeof LOOK];
	int n = 1;
	if (!x || !app->les.shown)
		return 0;
	for (size_t i = 0; i < x->ntext; i++)
		n += tui_text_wrap_count(x->text[i], cols - 2);
	snprintf(look, sizeof look, LOOK "%s", x->look);
	return n + (x->look[0] ? tui_text_wrap_count(look, cols - 2) : 0);
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
	const tui_lessons *l = &app->les;
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

static void draw(const tui_app *app, tui_rect r)
{
	const iv_lesson *x = tui_lessons_current(&app->les);
	int y = r.y, end = r.y + r.h;
	char look[IV_LESSON_LINE + sizeof LOOK];
	bool all = true;
	if (!x)
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

/* Training as the lesson sets it: its readout, and its learning rate when
 * it names one (clamped as < and > clamp; else the current rate stays). */
static void lesson_training(tui_train *t, const iv_lesson *les)
{
	if (!les)
		return;
	t->random_readout = les->random_readout;
	if (!(les->lr > 0))
		return;
	t->lr = les->lr < TUI_LR_MIN   ? TUI_LR_MIN
		: les->lr > TUI_LR_MAX ? TUI_LR_MAX
				       : les->lr;
}

static bool handle(tui_app *app, tui_action a, unsigned *flags)
{
	tui_lessons *l = &app->les;
	*flags = TUI_F_REDRAW;
	switch (a) {
	case TUI_A_LESSON_PREV:
	case TUI_A_LESSON_NEXT:
		tui_train_sync(&app->train, app->comp.gen);
		if (!tui_lessons_go(l, &app->model,
				    a == TUI_A_LESSON_NEXT ? 1 : -1))
			return true;
		lesson_training(&app->train, tui_lessons_current(l));
		*flags = TUI_F_RECOMPUTE;
		return true;
	case TUI_A_LESSON_TEXT:
		if (!tui_lessons_current(l))
			snprintf(app->model.msg, sizeof app->model.msg,
				 "no lesson is shown: . starts the first");
		l->shown = !l->shown && tui_lessons_current(l);
		return true;
	default: return false;
	}
}

const tui_panel_ops tui_panel_lesson = {
    .name = "lesson",
    .slot = TUI_SLOT_BAND,
    .rows = rows,
    .shrinks = true,
    .handle = handle,
    .draw = draw,
};
