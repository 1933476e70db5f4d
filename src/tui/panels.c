/* SPDX-License-Identifier: MIT */
/* The table of panels (panels.h) and the loop's passes over it. */
#include "tui/panel.h"

static const tui_panel_ops *const table[TUI_PANEL_COUNT] = {
#define TUI_X(id, name) [TUI_PANEL_##id] = &tui_panel_##name,
    TUI_PANEL_LIST(TUI_X)
#undef TUI_X
};

const tui_panel_ops *tui_panels_ops(tui_panel p)
{
	return p >= 0 && p < TUI_PANEL_COUNT ? table[p] : NULL;
}

bool tui_panels_active(const tui_app *app, tui_panel p)
{
	switch (table[p]->slot) {
	case TUI_SLOT_TOP:
	case TUI_SLOT_BAR: return true;
	case TUI_SLOT_COVER: return app->cover == p;
	case TUI_SLOT_MODAL: return app->modal == p;
	default: return app->cover == TUI_PANEL_NONE;
	}
}

void tui_panels_toggle(tui_app *app, tui_panel p)
{
	tui_panel *open =
	    table[p]->slot == TUI_SLOT_MODAL ? &app->modal : &app->cover;
	*open = *open == p ? TUI_PANEL_NONE : p;
}

void tui_panels_prepare(tui_app *app)
{
	for (int p = 0; p < TUI_PANEL_COUNT; p++)
		if (app->rect[p].h > 0 && table[p]->prepare)
			table[p]->prepare(app, app->rect[p]);
}

void tui_panels_draw(const tui_app *app)
{
	for (int p = 0; p < TUI_PANEL_COUNT; p++)
		if (app->rect[p].h > 0 && table[p]->draw)
			table[p]->draw(app, app->rect[p]);
}

bool tui_panels_run(tui_app *app, double budget, bool idle)
{
	bool did = false;
	for (int p = 0; p < TUI_PANEL_COUNT; p++)
		if (table[p]->run && table[p]->idle_only == idle &&
		    tui_panels_active(app, (tui_panel)p))
			did |= table[p]->run(app, budget);
	return did;
}

bool tui_panels_busy(const tui_app *app)
{
	for (int p = 0; p < TUI_PANEL_COUNT; p++)
		if (table[p]->busy && tui_panels_active(app, (tui_panel)p) &&
		    table[p]->busy(app))
			return true;
	return false;
}

/* The open cover panel's keys: its own, then Esc closes it, a view key
 * closes it and goes on to the layers, and scrolling has nothing to move. */
static bool cover_handle(tui_app *app, tui_action a, unsigned *flags)
{
	const tui_panel_ops *o = table[app->cover];
	*flags = TUI_F_REDRAW;
	if (o->handle && o->handle(app, a, flags))
		return true;
	const tui_action_info *ai = tui_keys_action(a);
	if (a == TUI_A_CLOSE || (ai && ai->group == TUI_G_VIEW))
		app->cover = TUI_PANEL_NONE;
	*flags = TUI_F_REDRAW;
	return a == TUI_A_CLOSE || (ai && ai->group == TUI_G_MOVE);
}

bool tui_panels_handle(tui_app *app, tui_action a, unsigned *flags)
{
	if (app->cover != TUI_PANEL_NONE && cover_handle(app, a, flags))
		return true;
	for (int p = 0; p < TUI_PANEL_COUNT; p++) {
		tui_slot s = table[p]->slot;
		*flags = TUI_F_REDRAW;
		if (s != TUI_SLOT_COVER && s != TUI_SLOT_MODAL &&
		    table[p]->handle && table[p]->handle(app, a, flags))
			return true;
	}
	return false;
}
