/* SPDX-License-Identifier: MIT */
/* The bottom bar, htop's function bar: the main keys from the key table,
 * Help first and Quit last; or a notice when a change was refused; or the
 * open prompt (: or /) with its note. */
#include <stdio.h>
#include <string.h>
#include "tui/panel.h"
#include "tui/put.h"
#include "util/wrap.h"

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

static bool in_bar(tui_action a)
{
	return tui_keys_action(a)->bar && a != TUI_A_HELP && a != TUI_A_QUIT;
}

/* The notice, cut between words when it is too long (an ellipsis says
 * so): a number is never cut. */
static void notice(const tui_app *app, int y, int cols)
{
	const char *msg = app->model.msg, *next;
	char line[sizeof app->model.msg + 8];
	size_t len;
	int room = cols - 1;
	if (tui_text_width(msg) > room) {
		room -= tui_text_width(app->gl->ell);
		const char *s = iv_wrap_line(msg, room, &len, &next);
		snprintf(line, sizeof line, "%.*s%s", (int)len, s,
			 app->gl->ell);
		msg = line;
	}
	tui_put_fmt(y, 0, cols, TUI_E_NOTICE, " %s%*s", msg,
		    cols - 1 - tui_text_width(msg), "");
}

/* The open prompt: its label, the text with the cursor's cell reversed
 * (scrolled to keep the cursor in view), then its note, whole words only,
 * a refusal in the warning colour. */
static void prompt(const tui_app *app, int y, int cols)
{
	const tui_prompt *p = &app->prompt;
	int room = cols - 2; /* the label and a blank at the left */
	int tw = (int)p->len + 1 > room / 2 ? room / 2 : (int)p->len + 1;
	if (tw < 1)
		tw = 1;
	size_t from = tui_prompt_scroll(p, tw);
	char seen[TUI_PROMPT_TEXT];
	tui_put_fmt(y, 0, cols, TUI_E_NORMAL, "%*s", cols, "");
	int x = tui_put(y, 0, cols, TUI_E_VALUE, tui_prompt_label(p));
	snprintf(seen, sizeof seen, "%.*s", tw, p->text + from);
	tui_put(y, x, x + tw, TUI_E_VALUE, seen);
	char under[2] = " ";
	if (p->cursor < p->len)
		under[0] = p->text[p->cursor];
	tui_put(y, x + (int)(p->cursor - from), cols, TUI_E_BAR_LABEL, under);
	x += tw + 2;
	if (x < cols - 1)
		tui_put_words(y, x, cols - 1,
			      p->error ? TUI_E_WARN : TUI_E_LABEL, p->note,
			      app->gl->ell);
}

static void draw(const tui_app *app, tui_rect r)
{
	int y = r.y, cols = r.w, x = 0, pad = 2;
	if (app->prompting) {
		prompt(app, y, cols);
		return;
	}
	if (app->model.msg[0]) {
		notice(app, y, cols);
		return;
	}
	int room = cols - item_width(app, TUI_A_QUIT, pad);
	x = item(app, y, x, TUI_A_HELP, pad);
	for (int a = 0; a < TUI_A_COUNT; a++) {
		if (!in_bar(a) || x + item_width(app, a, pad) > room)
			continue; /* a shorter one further on may still fit */
		x = item(app, y, x, (tui_action)a, pad);
	}
	x = item(app, y, x, TUI_A_QUIT, pad);
	tui_put_fmt(y, x, cols, TUI_E_BAR_LABEL, "%*s", cols - x, "");
}

const tui_panel_ops tui_panel_bar = {
    .name = "bar",
    .slot = TUI_SLOT_BAR,
    .draw = draw,
};
