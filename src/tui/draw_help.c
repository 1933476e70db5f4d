/* SPDX-License-Identifier: MIT */
/* The help overlay: every action of the key table with its keys, grouped,
 * in a box over the view; scrolls when the screen is short. */
#include <stdio.h>
#include <string.h>
#include "tui/draw.h"

#define LINES_MAX (TUI_A_COUNT + TUI_G_COUNT + 8)
#define KEYS_W    16

typedef struct help_line {
	bool title;
	char keys[48];
	const char *text;
} help_line;

static const char *const group_names[TUI_G_COUNT] = {
    [TUI_G_SETTINGS] = "Settings (recompute at once)",
    [TUI_G_TEACH] = "Training and lessons",
    [TUI_G_VIEW] = "View",
    [TUI_G_THEORY] = "Theory beside measurement",
    [TUI_G_MOVE] = "Scroll the layers",
    [TUI_G_GENERAL] = "General",
};

/* The keys of a, arrows as glyphs. */
static void keys_text(const tui_glyphs *g, const tui_action_info *a, char *buf,
		      size_t size)
{
	static const int arrows[4] = {TUI_KEY_UP, TUI_KEY_DOWN, TUI_KEY_LEFT,
				      TUI_KEY_RIGHT};
	char name[16];
	size_t len = 0;
	buf[0] = '\0';
	for (int k = 0; k < TUI_KEYS_MAX && a->keys[k] && len < size; k++) {
		const char *s = tui_keys_name(a->keys[k], name, sizeof name);
		for (int i = 0; i < 4; i++)
			if (a->keys[k] == arrows[i])
				s = g->keys[i];
		len += (size_t)snprintf(buf + len, size - len, "%s%s",
					k ? " " : "", s);
	}
}

static size_t collect(const tui_glyphs *gl, help_line *h)
{
	size_t n = 0, len;
	for (int g = 0; g < TUI_G_COUNT; g++) {
		if (n)
			h[n++] = (help_line){.text = ""};
		h[n++] = (help_line){.title = true, .text = group_names[g]};
		for (int a = 0; a < TUI_A_COUNT; a++) {
			const tui_action_info *ai =
			    tui_keys_action((tui_action)a);
			if (ai->group != (tui_group)g || !ai->help)
				continue;
			if (!ai->help[0] && n) { /* second of a pair: "i / I" */
				len = strlen(h[n - 1].keys);
				snprintf(h[n - 1].keys + len,
					 sizeof h[n - 1].keys - len, " / ");
				len += 3;
				keys_text(gl, ai, h[n - 1].keys + len,
					  sizeof h[n - 1].keys - len);
				continue;
			}
			h[n] = (help_line){.text = ai->help};
			keys_text(gl, ai, h[n].keys, sizeof h[n].keys);
			n++;
		}
	}
	h[n++] = (help_line){.text = "key scripts: --keys=FILE (man initviz)"};
	return n;
}

static void frame(const tui_glyphs *g, int y, int x, int h, int w)
{
	for (int r = y; r < y + h; r++) {
		tui_putf(r, x, x + w, TUI_E_HELP, "%*s", w, "");
		bool edge = r == y || r == y + h - 1;
		for (int c = x + 1; edge && c < x + w - 1; c++)
			tui_put(r, c, c + 1, TUI_E_HELP, g->hline);
		tui_put(r, x, x + 1, TUI_E_HELP,
			edge ? g->corner[r == y ? 0 : 2] : g->vline);
		tui_put(r, x + w - 1, x + w, TUI_E_HELP,
			edge ? g->corner[r == y ? 1 : 3] : g->vline);
	}
}

/* Where a second column starts: the blank line that best halves the list;
 * n when one column is better. */
static size_t split_at(const help_line *h, size_t n)
{
	size_t best = n, cost = n;
	for (size_t i = 1; i < n; i++) {
		size_t c = i > n - i - 1 ? i : n - i - 1;
		if (!h[i].title && !h[i].text[0] && !h[i].keys[0] && c < cost)
			best = i, cost = c;
	}
	return best;
}

static void column(const tui_app *app, const help_line *h, size_t from,
		   size_t to, int y, int x, int kw, int w, int vis)
{
	for (int r = 0; r < vis; r++) {
		size_t i = from + app->model.help_top + (size_t)r;
		if (i >= to)
			break;
		if (h[i].title || !h[i].keys[0]) {
			tui_put(y + r, x, x + w,
				h[i].title ? TUI_E_TITLE : TUI_E_LABEL,
				h[i].text);
			continue;
		}
		tui_put(y + r, x, x + kw, TUI_E_HELP_KEY, h[i].keys);
		tui_put(y + r, x + kw, x + w, TUI_E_HELP, h[i].text);
	}
}

void tui_draw_help(tui_app *app)
{
	const tui_layout *lo = &app->layout;
	help_line h[LINES_MAX];
	size_t n = collect(app->gl, h), split;
	int kw = 0, tw = 0;
	for (size_t i = 0; i < n; i++) {
		if (h[i].title || !h[i].keys[0])
			continue;
		kw = tui_text_width(h[i].keys) + 2 > kw
			 ? tui_text_width(h[i].keys) + 2
			 : kw;
		tw = tui_text_width(h[i].text) > tw ? tui_text_width(h[i].text)
						    : tw;
	}
	int colw = kw + tw, two = 2 * colw + 7 <= lo->cols;
	split = two ? split_at(h, n) : n;
	size_t rows =
	    split < n ? (split > n - split - 1 ? split : n - split - 1) : n;
	int w = two ? 2 * colw + 7
		    : (lo->cols - 4 < colw + 4 ? lo->cols - 4 : colw + 4);
	int bh = lo->lines - 2 < (int)rows + 2 ? lo->lines - 2 : (int)rows + 2;
	int y = (lo->lines - bh) / 2, x = (lo->cols - w) / 2, vis = bh - 2;
	size_t maxtop = rows > (size_t)vis ? rows - (size_t)vis : 0;
	if (app->model.help_top > maxtop)
		app->model.help_top = maxtop;
	frame(app->gl, y, x, bh, w);
	tui_put(y, x + 2, x + w - 2, TUI_E_TITLE, " initviz keys ");
	tui_put(y + bh - 1, x + 2, x + w - 2, TUI_E_LABEL,
		maxtop ? " j/k PgUp/PgDn scroll, other keys close "
		       : " any key closes ");
	column(app, h, 0, split, y + 1, x + 2, kw, two ? colw : w - 4, vis);
	if (split < n)
		column(app, h, split + 1, n, y + 1, x + 5 + colw, kw, colw,
		       vis);
}
