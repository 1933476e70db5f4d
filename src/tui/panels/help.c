/* SPDX-License-Identifier: MIT */
/* The help overlay: every action of the key table with its keys, grouped,
 * in a box over the view; scrolls when the screen is short, and any other
 * key closes it. */
#include <curses.h>
#include <stdio.h>
#include <string.h>
#include "tui/panel.h"
#include "tui/put.h"

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
		tui_put_fmt(r, x, x + w, TUI_E_HELP, "%*s", w, "");
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

/* The box for the lines h[0..n-1] on the screen: where it goes, the
 * columns, and how far the lines can scroll. */
typedef struct help_box {
	size_t split, rows, maxtop;
	int kw, colw, two, w, bh, y, x, vis;
} help_box;

static help_box place(const tui_layout *lo, const help_line *h, size_t n)
{
	help_box b = {.kw = 0};
	int tw = 0;
	for (size_t i = 0; i < n; i++) {
		if (h[i].title || !h[i].keys[0])
			continue;
		b.kw = tui_text_width(h[i].keys) + 2 > b.kw
			   ? tui_text_width(h[i].keys) + 2
			   : b.kw;
		tw = tui_text_width(h[i].text) > tw ? tui_text_width(h[i].text)
						    : tw;
	}
	b.colw = b.kw + tw;
	b.two = 2 * b.colw + 7 <= lo->cols;
	b.split = b.two ? split_at(h, n) : n;
	b.rows = b.split < n
		     ? (b.split > n - b.split - 1 ? b.split : n - b.split - 1)
		     : n;
	b.w = b.two ? 2 * b.colw + 7
		    : (lo->cols - 4 < b.colw + 4 ? lo->cols - 4 : b.colw + 4);
	b.bh =
	    lo->lines - 2 < (int)b.rows + 2 ? lo->lines - 2 : (int)b.rows + 2;
	b.y = (lo->lines - b.bh) / 2;
	b.x = (lo->cols - b.w) / 2;
	b.vis = b.bh - 2;
	b.maxtop = b.rows > (size_t)b.vis ? b.rows - (size_t)b.vis : 0;
	return b;
}

/* Whether the screen's cell (y, x) holds a blank (or nothing). */
static bool blank_at(int y, int x)
{
	cchar_t c;
	wchar_t wc[CCHARW_MAX + 1];
	attr_t a;
	short pair;
	if (mvin_wch(y, x, &c) == ERR ||
	    getcchar(&c, wc, &a, &pair, NULL) == ERR)
		return true;
	return wc[0] == L' ' || wc[0] == L'\0';
}

/* Blank the cells from column x in direction dir (-1, 1) up to the first
 * blank one, a bar's glyph or the screen's edge: a cut word or number is
 * blanked, a histogram's cells beside the box stay (each is whole). */
static void blank_run(int y, int x, int dir, int cols)
{
	for (; x >= 0 && x < cols && !blank_at(y, x) && !tui_put_is_bar(y, x);
	     x += dir)
		tui_put(y, x, x + 1, TUI_E_NORMAL, " ");
}

/* Keep the first line shown in range for the box that fits. */
static void prepare(tui_app *app, tui_rect r)
{
	help_line h[LINES_MAX];
	size_t n = collect(app->gl, h);
	help_box b = place(&app->layout, h, n);
	(void)r;
	if (app->model.help_top > b.maxtop)
		app->model.help_top = b.maxtop;
}

static void draw(const tui_app *app, tui_rect r)
{
	help_line h[LINES_MAX];
	size_t n = collect(app->gl, h);
	help_box b = place(&app->layout, h, n);
	(void)r;
	/* beside the box, the pieces of the view it cuts are blanked: the
	 * text touching either edge ("se" of "seed", the "3" of 0.393);
	 * what stands clear of it, and bars, stay */
	for (int y = b.y; y < b.y + b.bh; y++) {
		blank_run(y, b.x - 1, -1, app->layout.cols);
		blank_run(y, b.x + b.w, 1, app->layout.cols);
	}
	frame(app->gl, b.y, b.x, b.bh, b.w);
	tui_put(b.y, b.x + 2, b.x + b.w - 2, TUI_E_TITLE, " initviz keys ");
	tui_put(b.y + b.bh - 1, b.x + 2, b.x + b.w - 2, TUI_E_LABEL,
		b.maxtop ? " j/k PgUp/PgDn scroll, other keys close "
			 : " any key closes ");
	column(app, h, 0, b.split, b.y + 1, b.x + 2, b.kw,
	       b.two ? b.colw : b.w - 4, b.vis);
	if (b.split < n)
		column(app, h, b.split + 1, n, b.y + 1, b.x + 5 + b.colw, b.kw,
		       b.colw, b.vis);
}

/* Moves scroll, any other key closes. */
static bool handle(tui_app *app, tui_action a, unsigned *flags)
{
	tui_model *m = &app->model;
	switch (a) {
	case TUI_A_DOWN: m->help_top++; break;
	case TUI_A_UP: m->help_top -= m->help_top > 0; break;
	case TUI_A_PAGE_DOWN: m->help_top += 10; break;
	case TUI_A_PAGE_UP:
		m->help_top = m->help_top > 10 ? m->help_top - 10 : 0;
		break;
	case TUI_A_HOME: m->help_top = 0; break;
	case TUI_A_END:
		m->help_top = (size_t)-1 / 2;
		break; /* prepare clamps */
	default:
		app->modal = TUI_PANEL_NONE;
		m->help_top = 0; /* it opens at the top */
		break;
	}
	*flags = TUI_F_REDRAW;
	return true;
}

const tui_panel_ops tui_panel_help = {
    .name = "help",
    .slot = TUI_SLOT_MODAL,
    .key = TUI_A_HELP,
    .prepare = prepare,
    .handle = handle,
    .draw = draw,
};
