/* SPDX-License-Identifier: MIT */
/* Which layers are listed (all, first+last, every k-th) and the scroll
 * position over that list, without curses. Scrolling and subsets index
 * "entries": the rows of the layer list, each a layer (1..depth) or a gap.
 * The subset, the first entry shown and the rows that fit are the model's
 * (view/model.h). */
#ifndef IV_VIEW_VIEWPORT_H
#define IV_VIEW_VIEWPORT_H

#include <stddef.h>
#include "view/model.h"

/* Entries of a subset of depth layers shown on rows rows. */
size_t tui_viewport_subset_count(tui_subset s, size_t depth, size_t rows);
/* Layer of entry i, 0 for the gap of TUI_SUBSET_ENDS. */
size_t tui_viewport_subset_layer(tui_subset s, size_t depth, size_t rows,
				 size_t i);
/* k of TUI_SUBSET_EVERY (1 when every layer fits). */
size_t tui_viewport_subset_step(size_t depth, size_t rows);
const char *tui_viewport_subset_name(tui_subset s);

/* The same for the model's configuration, subset and rows. */
size_t tui_viewport_count(const tui_model *m);
size_t tui_viewport_layer(const tui_model *m, size_t i);
/* Set the rows that fit; keeps top in range. */
void tui_viewport_set_rows(tui_model *m, size_t rows);
/* Scroll by delta entries, or by a page (rows - 1 entries); clamped. */
void tui_viewport_scroll(tui_model *m, long delta);
void tui_viewport_page(tui_model *m, int dir);
void tui_viewport_home(tui_model *m);
void tui_viewport_end(tui_model *m);
void tui_viewport_cycle_subset(tui_model *m);

#endif
