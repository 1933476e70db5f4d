/* SPDX-License-Identifier: MIT */
/* The bottom bar, htop's function bar: the main keys from the key table,
 * Help first and Quit last; or a notice when a change was refused; or the
 * open prompt (: or /) with its note. A notice too long for the row gets
 * rows above too (up to TUI_BAR_ROWS), so that it is read whole; a note too
 * long to go beside the typed text takes the rows above the prompt's. */
#include <stdio.h>
#include <string.h>
#include "tui/panel.h"
#include "tui/put.h"
#include "view/viewport.h"

static const char *label_of(const tui_app *app, tui_action a)
{
	const char *k =
	    tui_model_knob_name(tui_model_knob_of(app->model.cfg.init));
	if (a == TUI_A_KNOB_UP && k)
		return k; /* "std", "gain" or "value" for the scheme shown */
	return tui_keys_action(a)->bar;
}

/* Columns of an item: keys, a blank, the label, pad blanks. */
static int item_width(const tui_app *app, tui_action a, int pad)
{
	return tui_text_width(tui_keys_action(a)->bar_keys) + 1 +
	       tui_text_width(label_of(app, a)) + pad;
}

static int item(const tui_app *app, int y, int x, tui_action a, int pad)
{
	int cols = app->layout.cols;
	x = tui_put(y, x, cols, TUI_E_BAR_KEY, tui_keys_action(a)->bar_keys);
	return tui_put_fmt(y, x, cols, TUI_E_BAR_LABEL, " %s%*s",
			   label_of(app, a), pad, "");
}

/* The items of the loop below: Help, Quit, the lessons' keys and the
 * scrolling keys have their own places; the knob's keys are left out for
 * a scheme without one (zeros, torch-linear: they would only say so). */
static bool in_bar(const tui_app *app, tui_action a)
{
	bool knob = a == TUI_A_KNOB_UP || a == TUI_A_KNOB_UP2;
	if (knob && tui_model_knob_of(app->model.cfg.init) == TUI_KNOB_NONE)
		return false;
	return tui_keys_action(a)->bar && a != TUI_A_HELP && a != TUI_A_QUIT &&
	       a != TUI_A_LESSON_PREV && a != TUI_A_DOWN;
}

/* The layer list holds fewer rows than there are layers: the bar names
 * the keys that reach the others (the settings bar says which rows). */
static bool scrolls(const tui_app *app)
{
	return app->layout.layers_h > 0 &&
	       tui_viewport_count(&app->model) > app->model.rows;
}

/* Text on row y from column x to cols - 1: whole when it fits, else cut
 * between words, an ellipsis saying so; where the rest starts. */
static const char *words(const tui_app *app, int y, int x, int cols,
			 tui_element e, const char *s, bool last)
{
	char line[512];
	const char *next = s + strlen(s);
	size_t len = strlen(s);
	int room = cols - 1 - x;
	if (tui_text_width(s) > room) {
		const char *ell = last ? app->gl->ell : "";
		if (room - tui_text_width(ell) < 1)
			return next; /* no room for a word */
		s = tui_text_wrap_line(s, room - tui_text_width(ell), &len,
				       &next);
		snprintf(line, sizeof line, "%.*s%s", (int)len, s, ell);
		s = line;
	}
	tui_put(y, x, cols, e, s);
	return next;
}

/* The notice, over the bar's rows: a number is never cut. */
static void notice(const tui_app *app, tui_rect r)
{
	const char *msg = app->model.msg;
	for (int y = r.y; y < r.y + r.h; y++) {
		tui_put_fmt(y, 0, r.w, TUI_E_NOTICE, "%*s", r.w, "");
		msg = words(app, y, 1, r.w, TUI_E_NOTICE, msg,
			    y == r.y + r.h - 1);
	}
}

/* The most columns the typed text is shown in: half of the row beside the
 * label; beside a note, no more than a setting and its value need, so
 * that the note has room (longer text scrolls to keep the cursor in
 * view). */
#define TEXT_MOST 24
static int text_most(int cols, bool noted)
{
	int half = (cols - 2) / 2; /* the label and a blank at the left */
	int most = noted && half > TEXT_MOST ? TEXT_MOST : half;
	return most < 1 ? 1 : most;
}

/* Whether the prompt has a note and it goes beside the typed text: it fits
 * there whole however much is typed. Else it takes the rows above, from
 * their first column, and the prompt's row keeps the typed text alone.
 * Neither depends on what is typed: the note does not change rows as one
 * types. */
static bool note_beside(const tui_app *app, int cols)
{
	const tui_prompt *p = &app->prompt;
	return p->note[0] && tui_text_width(tui_prompt_label(p)) +
				     text_most(cols, true) + 2 +
				     tui_text_width(p->note) <=
				 cols - 1;
}

/* Columns of the typed text shown: what is typed and the cursor. */
static int text_cols(const tui_app *app, int cols)
{
	const tui_prompt *p = &app->prompt;
	int most = text_most(cols, note_beside(app, cols));
	return (int)p->len + 1 > most ? most : (int)p->len + 1;
}

/* Where the prompt's note starts beside the typed text. */
static int note_x(const tui_app *app, int cols)
{
	const tui_prompt *p = &app->prompt;
	return tui_text_width(tui_prompt_label(p)) + text_cols(app, cols) + 2;
}

/* Rows the text needs: whole rows from column 1 (words() on each) until
 * the rest fits from column x of the last row. At most TUI_BAR_ROWS; the
 * last then ends in an ellipsis. */
static int text_rows(const char *s, int x, int cols)
{
	int n = 1;
	while (s[0] && x + tui_text_width(s) > cols - 1 && n < TUI_BAR_ROWS) {
		size_t len;
		const char *next;
		(void)tui_text_wrap_line(s, cols - 2, &len, &next);
		if (next == s)
			break; /* nothing taken: no progress to make */
		s = next;
		n++;
	}
	return n;
}

/* The rows the notice, or the prompt's note and the prompt, need to be
 * read whole. */
static int rows(const tui_app *app, int cols)
{
	if (app->prompting)
		return note_beside(app, cols) || !app->prompt.note[0]
			   ? 1
			   : 1 + text_rows(app->prompt.note, 1, cols);
	return text_rows(app->model.msg, 1, cols);
}

/* The open prompt in the bottom row: its label, the text with the
 * cursor's cell reversed (scrolled to keep the cursor in view, a mark at
 * an end where text is hidden), then its
 * note, a refusal in the warning colour: beside the text when it fits
 * there, else in the bar's rows above (the last of them ends in an
 * ellipsis when they are too few). */
static void prompt(const tui_app *app, tui_rect r)
{
	const tui_prompt *p = &app->prompt;
	int cols = r.w, y = r.y + r.h - 1, tw = text_cols(app, cols);
	tui_prompt_window v = tui_prompt_shown(p, tw);
	char seen[TUI_PROMPT_TEXT];
	tui_element e = p->error ? TUI_E_WARN : TUI_E_LABEL;
	for (int row = r.y; row < r.y + r.h; row++)
		tui_put_fmt(row, 0, cols, TUI_E_NORMAL, "%*s", cols, "");
	int x = tui_put(y, 0, cols, TUI_E_VALUE, tui_prompt_label(p));
	/* text hidden at either end is marked, in the label's colour */
	if (v.left)
		tui_put(y, x, cols, TUI_E_LABEL, app->gl->hidden[0]);
	if (v.right)
		tui_put(y, x + tw - 1, cols, TUI_E_LABEL, app->gl->hidden[1]);
	x += v.left;
	snprintf(seen, sizeof seen, "%.*s", (int)v.n, p->text + v.from);
	tui_put(y, x, x + (int)v.n, TUI_E_VALUE, seen);
	char under[2] = " ";
	if (p->cursor < p->len)
		under[0] = p->text[p->cursor];
	tui_put(y, x + (int)(p->cursor - v.from), cols, TUI_E_BAR_LABEL, under);
	const char *rest = p->note;
	bool beside = note_beside(app, cols) || r.h < 2;
	for (int row = r.y; row < y && !beside; row++)
		rest = words(app, row, 1, cols, e, rest, row == y - 1);
	if (beside && rest[0] && note_x(app, cols) < cols - 1)
		(void)words(app, y, note_x(app, cols), cols, e, rest, true);
}

static void draw(const tui_app *app, tui_rect r)
{
	int y = r.y, cols = r.w, x = 0, pad = 2;
	if (app->prompting) {
		prompt(app, r);
		return;
	}
	if (app->model.msg[0]) {
		notice(app, r);
		return;
	}
	int room = cols - item_width(app, TUI_A_QUIT, pad);
	x = item(app, y, x, TUI_A_HELP, pad);
	/* in a lesson, how to go on comes next: the lesson's rule gives its
	 * note up to a long title, and hides with the text */
	if (tui_lessons_current(&app->les) &&
	    x + item_width(app, TUI_A_LESSON_PREV, pad) <= room)
		x = item(app, y, x, TUI_A_LESSON_PREV, pad);
	if (scrolls(app) && x + item_width(app, TUI_A_DOWN, pad) <= room)
		x = item(app, y, x, TUI_A_DOWN, pad);
	for (int a = 0; a < TUI_A_COUNT; a++) {
		if (!in_bar(app, a) || x + item_width(app, a, pad) > room)
			continue; /* a shorter one further on may still fit */
		x = item(app, y, x, (tui_action)a, pad);
	}
	x = item(app, y, x, TUI_A_QUIT, pad);
	tui_put_fmt(y, x, cols, TUI_E_BAR_LABEL, "%*s", cols - x, "");
}

const tui_panel_ops tui_panel_bar = {
    .name = "bar",
    .slot = TUI_SLOT_BAR,
    .rows = rows,
    .draw = draw,
};
