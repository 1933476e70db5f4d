/* SPDX-License-Identifier: MIT */
/* The layout of a frame, the panels prepared and drawn in list order. */
#include <stdio.h>
#include <curses.h>
#include "tui/frame.h"
#include "tui/panel.h"
#include "tui/put.h"
#include "view/viewport.h"

/* Whether some computed layer has fewer distinct neurons than units. */
static bool collapsed(const tui_app *app)
{
	for (size_t l = 1; app->comp.net && l <= app->model.cfg.depth; l++) {
		const iv_layer_stats *s = tui_compute_layer(&app->comp, l);
		if (s->forward_done && s->distinct_neurons < s->fan_out)
			return true;
	}
	return false;
}

/* The panels that share rows (layer list, profile, bands), their names in
 * screen order, and what the current lesson points at. */
typedef struct sharing {
	size_t n;
	int panel[TUI_PANEL_COUNT];
	const char *name[TUI_PANEL_COUNT];
	tui_block b[TUI_PANEL_COUNT];
} sharing;

static bool shares(tui_slot s)
{
	return s == TUI_SLOT_LAYERS || s == TUI_SLOT_PROFILE ||
	       s == TUI_SLOT_BAND;
}

static void ask(const tui_app *app, sharing *sh)
{
	sh->n = 0;
	for (int p = 0; p < TUI_PANEL_COUNT; p++) {
		const tui_panel_ops *o = tui_panels_ops((tui_panel)p);
		if (!shares(o->slot))
			continue;
		tui_block *b = &sh->b[sh->n];
		*b = (tui_block){.min = o->min_rows,
				 .fair = o->fair_rows,
				 .grows = o->grows};
		if (tui_panels_active(app, (tui_panel)p) && o->rows)
			b->want = o->rows(app, COLS);
		sh->panel[sh->n] = p;
		sh->name[sh->n++] = o->name;
	}
}

/* Share avail rows: the lesson's text first, then what it shows (by
 * default the layers and the profile), then the rest. A layer list that
 * shows fewer entries than it got rows (a subset) gives the rest back. */
static void share(const tui_app *app, sharing *sh, int avail)
{
	static const char *const dflt[] = {"layers", "profile"};
	const iv_lesson *les = tui_lessons_current(&app->les);
	const char *focus[IV_LESSON_SHOWS];
	size_t nf = 0;
	int order[TUI_PANEL_COUNT];
	for (size_t i = 0; les && i < les->nshows; i++)
		focus[nf++] = les->shows[i];
	if (nf == 0)
		for (size_t i = 0; i < 2; i++)
			focus[nf++] = dflt[i];
	tui_layout_order(sh->name, sh->n,
			 les && app->les.shown ? "lesson" : NULL, focus, nf,
			 order);
	tui_layout_share(sh->b, sh->n, order, avail);
	for (size_t i = 0; i < sh->n; i++) {
		tui_block *b = &sh->b[i];
		if (tui_panels_ops((tui_panel)sh->panel[i])->slot !=
			TUI_SLOT_LAYERS ||
		    b->rows <= 2)
			continue;
		const tui_model *m = &app->model;
		size_t got = (size_t)b->rows - 2,
		       shown = tui_viewport_subset_count(m->subset,
							 m->cfg.depth, got);
		if (shown < got) {
			b->want = (int)shown + 2;
			tui_layout_share(sh->b, sh->n, order, avail);
		}
		break;
	}
}

static tui_rect rect(int y, int h, int w)
{
	return (tui_rect){.y = y, .x = 0, .h = h, .w = w};
}

/* Where each panel goes; h 0 for those not shown. The sharing panels are
 * stacked in screen order from below the top rows. */
static void place(tui_app *app, const sharing *sh)
{
	tui_layout *lo = &app->layout;
	int cols = lo->cols, top = lo->settings_y + lo->settings_h, y = top;
	for (size_t i = 0; i < sh->n; i++) {
		int p = sh->panel[i], h = sh->b[i].rows;
		app->rect[p] = rect(y, h, cols);
		y += h;
		if (tui_panels_ops((tui_panel)p)->slot == TUI_SLOT_LAYERS &&
		    h > 2) {
			lo->header_y = app->rect[p].y;
			lo->layers_y = lo->header_y + 2;
			lo->layers_h = h - 2;
		} else if (h > 0 && tui_panels_ops((tui_panel)p)->slot ==
					TUI_SLOT_PROFILE) {
			lo->profile_y = app->rect[p].y;
			lo->profile_h = h;
		}
	}
	for (int p = 0; p < TUI_PANEL_COUNT; p++) {
		tui_rect *r = &app->rect[p];
		bool active = tui_panels_active(app, (tui_panel)p);
		switch (tui_panels_ops((tui_panel)p)->slot) {
		case TUI_SLOT_TOP:
			*r = rect(lo->settings_y, lo->settings_h, cols);
			break;
		case TUI_SLOT_COVER:
			*r = rect(top, active ? lo->bar_y - top : 0, cols);
			break;
		case TUI_SLOT_BAR: *r = rect(lo->bar_y, lo->bar_h, cols); break;
		case TUI_SLOT_MODAL:
			*r = rect(0, active ? lo->lines : 0, cols);
			break;
		default: break; /* shared: placed above */
		}
	}
	if (lo->layers_h == 0)
		app->rect[TUI_PANEL_LAYERS].h = 0; /* no room for a layer */
}

void tui_frame_prepare(tui_app *app)
{
	tui_layout *lo = &app->layout;
	sharing sh;
	tui_train_sync(&app->train, app->comp.gen); /* its network is gone */
	tui_layout_compute(lo, LINES, COLS, &app->model,
			   collapsed(app)          ? TUI_UNIQ_FIRST
			   : tui_app_teaching(app) ? TUI_UNIQ_ON
						   : TUI_UNIQ_OFF);
	for (int p = 0; p < TUI_PANEL_COUNT; p++)
		app->rect[p] = (tui_rect){0, 0, 0, 0};
	if (lo->too_small)
		return;
	for (int p = 0; p < TUI_PANEL_COUNT; p++) {
		const tui_panel_ops *ops = tui_panels_ops((tui_panel)p);
		int h = ops->slot == TUI_SLOT_BAR && ops->rows
			    ? ops->rows(app, lo->cols)
			    : 1;
		if (h > 1) {
			lo->bar_h = h > TUI_BAR_ROWS ? TUI_BAR_ROWS : h;
			lo->bar_y = lo->lines - lo->bar_h;
		}
	}
	ask(app, &sh);
	share(app, &sh, lo->bar_y - (lo->settings_y + lo->settings_h));
	place(app, &sh);
	tui_viewport_set_rows(&app->model,
			      lo->layers_h > 0 ? (size_t)lo->layers_h : 1);
	tui_panels_prepare(app);
}

static void center(int y, int cols, tui_element e, const char *s)
{
	int x = (cols - tui_text_width(s)) / 2;
	tui_put(y, x < 0 ? 0 : x, cols, e, s);
}

/* The first of n texts that fits in cols, centred on row y; none when
 * none does (a line cut short would drop the size or cut a word). */
static void center_fit(int y, int cols, tui_element e, char (*t)[64], int n)
{
	for (int i = 0; i < n; i++)
		if (tui_text_width(t[i]) <= cols) {
			center(y, cols, e, t[i]);
			return;
		}
}

/* "terminal too small" in the middle of the screen, in shorter words
 * where the screen is narrower than the long ones. */
static void too_small(const tui_layout *lo)
{
	char a[3][64], b[3][64];
	int y = lo->lines / 2 - 1;
	snprintf(a[0], sizeof a[0], "terminal too small: %dx%d", lo->cols,
		 lo->lines);
	snprintf(a[1], sizeof a[1], "too small: %dx%d", lo->cols, lo->lines);
	snprintf(a[2], sizeof a[2], "too small");
	snprintf(b[0], sizeof b[0], "initviz needs %dx%d", TUI_MIN_COLS,
		 TUI_MIN_LINES);
	snprintf(b[1], sizeof b[1], "needs %dx%d", TUI_MIN_COLS,
		 TUI_MIN_LINES);
	snprintf(b[2], sizeof b[2], "%dx%d", TUI_MIN_COLS, TUI_MIN_LINES);
	if (lo->lines < 2) { /* one line: what it needs, nothing over it */
		center_fit(0, lo->cols, TUI_E_WARN, b, 3);
		return;
	}
	if (y < 0)
		y = 0;
	center_fit(y, lo->cols, TUI_E_WARN, a, 3);
	center_fit(y + 1, lo->cols, TUI_E_NORMAL, b, 3);
	center(y + 2, lo->cols, TUI_E_LABEL, "q quits");
}

void tui_frame_draw(const tui_app *app)
{
	werase(stdscr);
	tui_put_bars_clear();
	if (app->layout.too_small)
		too_small(&app->layout);
	else
		tui_panels_draw(app);
	wnoutrefresh(stdscr);
}
