/* SPDX-License-Identifier: MIT */
/* Which layers are listed (all, first+last, every k-th) and the scroll
 * position over that list: arithmetic only, no curses. */
#include "view/model.h"
#include "view/viewport.h"

size_t tui_viewport_subset_step(size_t depth, size_t rows)
{
	if (depth <= rows || rows < 2)
		return 1;
	size_t k = (depth - 1 + rows - 2) / (rows - 1); /* ceil */
	for (;; k++) {
		size_t n = (depth - 1) / k + 1 + ((depth - 1) % k != 0);
		if (n <= rows)
			return k;
	}
}

/* first+last needs a head, a gap row and a tail. */
static bool ends_apply(size_t depth, size_t rows)
{
	return depth > rows && rows >= 3;
}

size_t tui_viewport_subset_count(tui_subset s, size_t depth, size_t rows)
{
	switch (s) {
	case TUI_SUBSET_ENDS: return ends_apply(depth, rows) ? rows : depth;
	case TUI_SUBSET_EVERY: {
		size_t k = tui_viewport_subset_step(depth, rows);
		if (k == 1)
			return depth;
		return (depth - 1) / k + 1 + ((depth - 1) % k != 0);
	}
	default: return depth;
	}
}

size_t tui_viewport_subset_layer(tui_subset s, size_t depth, size_t rows,
				 size_t i)
{
	size_t n = tui_viewport_subset_count(s, depth, rows);
	if (i >= n)
		return 0;
	if (s == TUI_SUBSET_ENDS && ends_apply(depth, rows)) {
		size_t head = rows / 2, tail = rows - 1 - head;
		if (i < head)
			return i + 1;
		return i == head ? 0 : depth - tail + (i - head);
	}
	if (s == TUI_SUBSET_EVERY) {
		size_t l = 1 + i * tui_viewport_subset_step(depth, rows);
		return l < depth ? l : depth;
	}
	return i + 1;
}

const char *tui_viewport_subset_name(tui_subset s)
{
	static const char *const names[TUI_SUBSET_COUNT] = {
	    [TUI_SUBSET_ALL] = "all layers",
	    [TUI_SUBSET_ENDS] = "first+last layers",
	    [TUI_SUBSET_EVERY] = "every k-th layer",
	};
	return (unsigned)s < TUI_SUBSET_COUNT ? names[s] : "";
}

size_t tui_viewport_count(const tui_model *m)
{
	return tui_viewport_subset_count(m->subset, m->cfg.depth, m->rows);
}

size_t tui_viewport_layer(const tui_model *m, size_t i)
{
	return tui_viewport_subset_layer(m->subset, m->cfg.depth, m->rows, i);
}

static size_t max_top(const tui_model *m)
{
	size_t n = tui_viewport_count(m);
	return n > m->rows ? n - m->rows : 0;
}

void tui_viewport_set_rows(tui_model *m, size_t rows)
{
	m->rows = rows ? rows : 1;
	if (m->top > max_top(m))
		m->top = max_top(m);
}

void tui_viewport_scroll(tui_model *m, long delta)
{
	size_t mt = max_top(m);
	if (delta < 0)
		m->top = (size_t)-delta >= m->top ? 0 : m->top - (size_t)-delta;
	else
		m->top =
		    m->top + (size_t)delta >= mt ? mt : m->top + (size_t)delta;
	if (m->top > mt)
		m->top = mt;
}

void tui_viewport_page(tui_model *m, int dir)
{
	long page = m->rows > 1 ? (long)m->rows - 1 : 1;
	tui_viewport_scroll(m, dir * page);
}

void tui_viewport_home(tui_model *m)
{
	m->top = 0;
}

void tui_viewport_end(tui_model *m)
{
	m->top = max_top(m);
}

void tui_viewport_cycle_subset(tui_model *m)
{
	m->subset = (tui_subset)((m->subset + 1) % TUI_SUBSET_COUNT);
	m->top = 0;
}
