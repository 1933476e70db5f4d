/* SPDX-License-Identifier: MIT */
/* The bottom bar, htop's function bar: the main keys from the key table,
 * Help first and Quit last; or a notice when a change was refused. */
#include <stdio.h>
#include <string.h>
#include "tui/panel.h"
#include "tui/put.h"
#include "util/wrap.h"

static const char *label_of(const tui_app *app, tui_action a)
{
	const char *k = tui_model_knob_name(tui_model_knob_of(app->model.cfg.init));
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
	return tui_put_fmt(y, x, cols, TUI_E_BAR_LABEL, " %s%*s", label_of(app, a),
			pad, "");
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
		snprintf(line, sizeof line, "%.*s%s", (int)len, s, app->gl->ell);
		msg = line;
	}
	tui_put_fmt(y, 0, cols, TUI_E_NOTICE, " %s%*s", msg,
		    cols - 1 - tui_text_width(msg), "");
}

static void draw(const tui_app *app, tui_rect r)
{
	int y = r.y, cols = r.w, x = 0, pad = 2;
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
