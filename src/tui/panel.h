/* SPDX-License-Identifier: MIT */
/* The panel interface: what every panel of the view provides, and how the
 * loop drives the panels of panels.h.
 *
 * A panel is one file exporting one const ops table. Each turn of the loop
 * (loop.c): work (run) between key reads within a time budget; before a
 * frame, lay the screen out and let each shown panel prepare; then draw,
 * which only reads: draw(app, r) twice gives the same screen. A key goes
 * to the open modal panel alone, else to the open cover panel first, then
 * to every other panel in list order until one handles it.
 *
 * Where a panel goes (slot):
 *   TOP       the settings rows at the top
 *   LAYERS    the layer list (layout.h: header and rows)
 *   PROFILE   the depth profile
 *   COVER     between the top rows and the bottom bar, over the layers,
 *             the profile and the bands, while open; one at a time, opened
 *             and closed by its key (Esc closes too)
 *   BAND      rows above the bottom bar, stacked in list order; none
 *             while a cover panel is open
 * The layer list, the profile and the bands share the rows between the
 * top rows and the bottom bar by importance (view/layout.h): each asks for
 * rows() and names the fewest worth showing (min_rows) and its fair share
 * (fair_rows); one that grows takes what is left.
 *   BAR       the bottom row, or more (up to TUI_BAR_ROWS) while its
 *             text (a notice, or the prompt's note beside what is typed)
 *             does not fit one: rows() says how many, and the rows above
 *             give them up
 *   MODAL     the whole screen, over everything, while open; opened by its
 *             key, it takes every key until it closes itself
 *
 * Which panels are active: TOP, BAR and the bottom slots always; COVER
 * and MODAL while open; LAYERS, PROFILE and BAND while no cover is open.
 * run and busy are asked of active panels only; handle of every panel
 * but closed covers and modals. */
#ifndef IV_TUI_PANEL_H
#define IV_TUI_PANEL_H

#include <stdbool.h>
#include "tui/app.h"

typedef enum {
	TUI_SLOT_TOP,
	TUI_SLOT_LAYERS,
	TUI_SLOT_PROFILE,
	TUI_SLOT_COVER,
	TUI_SLOT_BAND,
	TUI_SLOT_BAR,
	TUI_SLOT_MODAL,
} tui_slot;

/* Every member but name and slot may be left out (NULL, 0, false). */
typedef struct tui_panel_ops {
	const char *name; /* as in panels.h */
	tui_slot slot;
	tui_action key; /* opens and closes a COVER or MODAL panel; for
			   others 0 (a key of their own goes through handle) */
	/* LAYERS, PROFILE, BAND: the rows wanted at cols columns, 0 when
	 * hidden (BAR: 1 or 2); the fewest worth showing (0: all it wants or none); its
	 * fair share (0: all it wants); whether it takes rows left over. */
	int (*rows)(const tui_app *app, int cols);
	int min_rows, fair_rows;
	bool grows;
	/* Before a frame, after the layout, for a panel that is shown in r:
	 * every state change drawing needs (caches, grids, clamping). */
	void (*prepare)(tui_app *app, tui_rect r);
	/* Work between key reads, about budget seconds at most; true when it
	 * did any. idle_only: only on turns the computation did none. */
	bool (*run)(tui_app *app, double budget);
	bool idle_only;
	/* Work waiting (a script's Wait waits for it). */
	bool (*busy)(const tui_app *app);
	/* Act on a: true when handled, the TUI_F_* flags in *flags. */
	bool (*handle)(tui_app *app, tui_action a, unsigned *flags);
	/* Draw into r; reads only. */
	void (*draw)(const tui_app *app, tui_rect r);
} tui_panel_ops;

#define TUI_X(id, name) extern const tui_panel_ops tui_panel_##name;
TUI_PANEL_LIST(TUI_X)
#undef TUI_X

/* The ops of panel p; NULL out of range. */
const tui_panel_ops *tui_panels_ops(tui_panel p);
/* Whether p is active (see above). */
bool tui_panels_active(const tui_app *app, tui_panel p);
/* Open or close a cover or modal panel (opening one cover closes another). */
void tui_panels_toggle(tui_app *app, tui_panel p);

/* The loop's calls: prepare the panels shown, draw them, run the active
 * ones (idle: the idle_only ones, else the others), ask whether they are
 * busy, offer them a key. */
void tui_panels_prepare(tui_app *app);
void tui_panels_draw(const tui_app *app);
bool tui_panels_run(tui_app *app, double budget, bool idle);
bool tui_panels_busy(const tui_app *app);
bool tui_panels_handle(tui_app *app, tui_action a, unsigned *flags);

#endif
