/* SPDX-License-Identifier: MIT */
/* The layout of a frame, the panels prepared and drawn in list order. */
#include <stdio.h>
#include <curses.h>
#include "tui/frame.h"
#include "tui/panel.h"
#include "tui/put.h"

/* Whether some computed layer has fewer distinct neurons than units. */
static bool collapsed(const tui_app *app)
{
	for (size_t l = 1; app->comp.net && l <= app->model.cfg.depth; l++) {
		const iv_layer_stats *s = iv_net_layer(app->comp.net, l);
		if (s->forward_done && s->distinct_neurons < s->fan_out)
			return true;
	}
	return false;
}

/* The rows each band gets, top to bottom; their sum. */
static int band_rows(const tui_app *app, int *h)
{
	int spare = LINES - TUI_MIN_LINES, total = 0;
	bool room = app->cover == TUI_PANEL_NONE && COLS >= TUI_MIN_COLS;
	spare = spare < 0 ? 0 : spare;
	for (int p = 0; p < TUI_PANEL_COUNT; p++) {
		const tui_panel_ops *o = tui_panels_ops((tui_panel)p);
		int want = room && o->slot == TUI_SLOT_BAND && o->rows
			       ? o->rows(app, COLS)
			       : 0;
		if (o->shrinks)
			want = want > spare - total ? spare - total : want;
		else if (want > spare - total)
			want = 0;
		h[p] = want;
		total += want;
	}
	return total;
}

static tui_rect rect(int y, int h, int w)
{
	return (tui_rect){.y = y, .x = 0, .h = h, .w = w};
}

/* Where each panel goes; h 0 for those not shown. */
static void place(tui_app *app, const int *band_h)
{
	const tui_layout *lo = &app->layout;
	int cols = lo->cols, top = lo->settings_y + lo->settings_h;
	int y = lo->bar_y;
	for (int p = TUI_PANEL_COUNT - 1; p >= 0; p--) /* bands bottom up */
		if (band_h[p]) {
			y -= band_h[p];
			app->rect[p] = rect(y, band_h[p], cols);
		}
	for (int p = 0; p < TUI_PANEL_COUNT; p++) {
		tui_rect *r = &app->rect[p];
		bool active = tui_panels_active(app, (tui_panel)p);
		switch (tui_panels_ops((tui_panel)p)->slot) {
		case TUI_SLOT_TOP: *r = rect(lo->settings_y, lo->settings_h, cols); break;
		case TUI_SLOT_LAYERS:
			*r = rect(lo->header_y, active && lo->layers_h > 0
						    ? 2 + lo->layers_h
						    : 0,
				  cols);
			break;
		case TUI_SLOT_PROFILE:
			*r = rect(lo->profile_y, active ? lo->profile_h : 0,
				  cols);
			break;
		case TUI_SLOT_COVER:
			*r = rect(top, active ? lo->bar_y - top : 0, cols);
			break;
		case TUI_SLOT_BAR: *r = rect(lo->bar_y, 1, cols); break;
		case TUI_SLOT_MODAL: *r = rect(0, active ? lo->lines : 0, cols); break;
		default: break; /* bands: placed above */
		}
	}
}

void tui_frame_prepare(tui_app *app)
{
	tui_layout *lo = &app->layout;
	int band_h[TUI_PANEL_COUNT];
	bool gone = collapsed(app);
	tui_train_sync(&app->train, app->comp.gen); /* its network is gone */
	int total = band_rows(app, band_h);
	tui_layout_compute(lo, LINES - total, COLS, &app->model,
			   gone || tui_app_teaching(app));
	if (total == 0 || lo->too_small) {
		for (int p = 0; p < TUI_PANEL_COUNT; p++)
			band_h[p] = 0;
		if (total)
			tui_layout_compute(lo, LINES, COLS, &app->model, gone);
	} else {
		lo->lines = LINES;
		lo->bar_y = LINES - 1;
	}
	for (int p = 0; p < TUI_PANEL_COUNT; p++)
		app->rect[p] = (tui_rect){0, 0, 0, 0};
	if (lo->too_small)
		return;
	place(app, band_h);
	tui_viewport_set_rows(&app->model,
			      lo->layers_h > 0 ? (size_t)lo->layers_h : 1);
	tui_panels_prepare(app);
}

static void center(int y, int cols, tui_element e, const char *s)
{
	int x = (cols - tui_text_width(s)) / 2;
	tui_put(y, x < 0 ? 0 : x, cols, e, s);
}

/* "terminal too small" in the middle of the screen. */
static void too_small(const tui_layout *lo)
{
	char a[64], b[64];
	int y = lo->lines / 2 - 1;
	snprintf(a, sizeof a, "terminal too small: %dx%d", lo->cols, lo->lines);
	snprintf(b, sizeof b, "initviz needs %dx%d", TUI_MIN_COLS,
		 TUI_MIN_LINES);
	if (lo->lines < 2) { /* one line: what it needs, nothing over it */
		center(0, lo->cols, TUI_E_WARN, b);
		return;
	}
	center(y, lo->cols, TUI_E_WARN, a);
	center(y + 1, lo->cols, TUI_E_NORMAL, b);
	center(y + 2, lo->cols, TUI_E_LABEL, "q quits");
}

void tui_frame_draw(const tui_app *app)
{
	werase(stdscr);
	if (app->layout.too_small)
		too_small(&app->layout);
	else
		tui_panels_draw(app);
	wnoutrefresh(stdscr);
}
