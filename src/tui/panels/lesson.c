/* SPDX-License-Identifier: MIT */
/* The lesson panel above the bottom bar: a rule with the title, the text,
 * what to look at; the keys that go through the lessons. */
#include <stdio.h>
#include <string.h>
#include "tui/panel.h"
#include "tui/put.h"

#define LOOK     "look: "
#define TEXT_MAX (IV_LESSON_LINES * (IV_LESSON_LINE + 1))

/* The lesson's text lines as one paragraph (they continue each other). */
static void paragraph(const iv_lesson *x, char *buf, size_t size)
{
	size_t len = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < x->ntext && len < size; i++)
		len += (size_t)snprintf(buf + len, size - len, "%s%s",
					i ? " " : "", x->text[i]);
}

/* Rows the panel wants at width cols: the rule, the text, the look line. */
static int rows(const tui_app *app, int cols)
{
	const iv_lesson *x = tui_lessons_current(&app->les);
	char look[IV_LESSON_LINE + sizeof LOOK], text[TEXT_MAX];
	if (!x || !app->les.shown)
		return 0;
	paragraph(x, text, sizeof text);
	snprintf(look, sizeof look, LOOK "%s", x->look);
	return 1 + tui_text_wrap_count(text, cols - 2) +
	       (x->look[0] ? tui_text_wrap_count(look, cols - 2) : 0);
}

/* The rule: "── lesson 2/12: Title ─── modified (0: back ...) ── , . L ──";
 * the notes on the right give way to the title, longest first. */
static void rule(const tui_app *app, int y, const iv_lesson *x)
{
	/* each list ends in "" (no note) and NULL: the walk below stops at
	 * "" however narrow the screen */
	static const char *const notes[2][5] = {
	    {" , . lessons   L hides ", "", NULL},
	    {" modified (0: back to the lesson)   , . lessons   L hides ",
	     " modified   , . lessons   L hides ", " modified ", "", NULL},
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
	/* whole words, an ellipsis when the title is cut */
	p = tui_put_words(y, p, r - 1, TUI_E_TITLE, x->title, app->gl->ell);
	tui_put(y, p, r, TUI_E_LABEL, " ");
	tui_put(y, r, cols - 2, TUI_E_LABEL, *n);
}

/* Wrapped lines of text from row *y, while rows remain before end; when
 * they run out, the last ends in an ellipsis after whole words and the
 * result is false. */
static bool para(const tui_app *app, int *y, int end, const char *text,
		 tui_element e)
{
	int cols = app->layout.cols;
	const char *p = text, *next;
	size_t len;
	char line[TEXT_MAX];
	while (*p) {
		const char *s = tui_text_wrap_line(p, cols - 2, &len, &next);
		if (len == 0 || *y >= end)
			break;
		bool cut = *y == end - 1 && *next; /* the last row, more text */
		if (cut) /* room for the ellipsis after whole words */
			s = tui_text_wrap_line(p, cols - 4, &len, &next);
		snprintf(line, sizeof line, "%.*s", (int)len, s);
		int x = tui_put((*y)++, 1, cols - 1, e, line);
		if (cut) {
			tui_put(*y - 1, x + 1, cols, TUI_E_WARN, app->gl->ell);
			return false;
		}
		p = next;
	}
	return true;
}

/* The note that ends a page's last row when the text takes more than one
 * page: "more: }" while pages follow, "back: {" on the last; the keys are
 * the table's. */
static void page_note(char *buf, size_t size, bool more)
{
	char k[16];
	const tui_action_info *a =
	    tui_keys_action(more ? TUI_A_LESSON_MORE : TUI_A_LESSON_BACK);
	snprintf(buf, size, "%s: %s", more ? "more" : "back",
		 tui_keys_name(a->keys[0], k, sizeof k));
}

/* Columns the page notes take, with the blank before them. */
static int note_cols(void)
{
	char more[32], back[32];
	page_note(more, sizeof more, true);
	page_note(back, sizeof back, false);
	int m = tui_text_width(more), b = tui_text_width(back);
	return 1 + (m > b ? m : b);
}

/* The next wrapped line of the text on row r of a page of n rows, w
 * columns wide; paged, the page's last row leaves room for its note. */
static const char *page_line(const char *p, int w, int r, int n, bool paged,
			     size_t *len, const char **next)
{
	return tui_text_wrap_line(p, paged && r == n - 1 ? w - note_cols() : w,
				  len, next);
}

/* The text in pages of n rows of w columns: how many, and where page want
 * starts in *at (the last page's start when want is past it). */
static int paginate(const char *text, int w, int n, int want, const char **at)
{
	const char *p = text, *next;
	size_t len;
	bool paged = tui_text_wrap_count(text, w) > n;
	int k = 0;
	*at = text;
	if (!paged || n < 1)
		return 1;
	for (;;) {
		const char *start = p;
		if (k <= want)
			*at = p;
		for (int r = 0; r < n; r++) {
			page_line(p, w, r, n, true, &len, &next);
			if (len == 0)
				break;
			p = next;
		}
		k++;
		while (*p == ' ')
			p++;
		if (!*p || p == start) /* the end, or rows too narrow for any */
			return k;
	}
}

/* Rows of the panel's text and of its look line in r at cols columns. */
static void text_rows(const iv_lesson *x, tui_rect r, int cols, int *text_n,
		      int *look_n)
{
	char look[IV_LESSON_LINE + sizeof LOOK];
	snprintf(look, sizeof look, LOOK "%s", x->look);
	int lr = x->look[0] ? tui_text_wrap_count(look, cols - 2) : 0;
	if (lr > r.h - 2)
		lr = 0; /* no room for both: the text alone */
	*look_n = lr;
	*text_n = r.h - 1 - lr;
}

/* The text's pages at this size; the page shown kept among them. */
static void prepare(tui_app *app, tui_rect r)
{
	const iv_lesson *x = tui_lessons_current(&app->les);
	tui_lessons *l = &app->les;
	char text[TEXT_MAX];
	const char *at;
	int tn, ln;
	if (!x || r.h < 2)
		return;
	paragraph(x, text, sizeof text);
	text_rows(x, r, app->layout.cols, &tn, &ln);
	l->pages = paginate(text, app->layout.cols - 2, tn, 0, &at);
	if (l->page >= l->pages)
		l->page = l->pages - 1;
	if (l->page < 0)
		l->page = 0;
}

/* The rule, the text and the look line. Short of rows, the look line (what
 * to watch on screen) keeps its rows and the text goes in pages that } and
 * { turn, the last row of each saying which. */
static void draw(const tui_app *app, tui_rect r)
{
	const iv_lesson *x = tui_lessons_current(&app->les);
	int y = r.y, cols = app->layout.cols, tn, lr;
	char look[IV_LESSON_LINE + sizeof LOOK], text[TEXT_MAX];
	char line[TEXT_MAX], note[32];
	const char *p, *next;
	size_t len;
	if (!x)
		return;
	paragraph(x, text, sizeof text);
	snprintf(look, sizeof look, LOOK "%s", x->look);
	text_rows(x, r, cols, &tn, &lr);
	rule(app, y++, x);
	int pages = paginate(text, cols - 2, tn, app->les.page, &p);
	for (int row = 0; row < tn && *p; row++) {
		const char *s =
		    page_line(p, cols - 2, row, tn, pages > 1, &len, &next);
		if (len == 0)
			break;
		snprintf(line, sizeof line, "%.*s", (int)len, s);
		tui_put(y + row, 1, cols - 1, TUI_E_NORMAL, line);
		p = next;
	}
	if (pages > 1) {
		page_note(note, sizeof note, app->les.page < pages - 1);
		int nx = cols - 1 - tui_text_width(note);
		tui_put(y + tn - 1, nx, cols - 1, TUI_E_TITLE, note);
	}
	if (lr) {
		int end = r.y + r.h - lr;
		y = end;
		para(app, &y, r.y + r.h, look, TUI_E_NORMAL);
		tui_put(end, 1, cols, TUI_E_TITLE, "look:");
	}
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
	case TUI_A_LESSON_MORE:
	case TUI_A_LESSON_BACK:
		if (!tui_lessons_current(l) || !l->shown) {
			snprintf(
			    app->model.msg, sizeof app->model.msg,
			    tui_lessons_current(l)
				? "the lesson text is hidden: L shows it"
				: "no lesson is shown: . starts the first");
			return true;
		}
		l->page += a == TUI_A_LESSON_MORE ? 1 : -1;
		if (l->page >= l->pages)
			l->page = l->pages - 1;
		if (l->page < 0)
			l->page = 0;
		return true;
	default: return false;
	}
}

const tui_panel_ops tui_panel_lesson = {
    .name = "lesson",
    .slot = TUI_SLOT_BAND,
    .rows = rows,
    .min_rows = 4, /* the rule and three lines: fewer say too little */
    .prepare = prepare,
    .handle = handle,
    .draw = draw,
};
