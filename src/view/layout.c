/* SPDX-License-Identifier: MIT */
/* Fixed rows, rows shared by importance, and layer-row columns. */
#include <string.h>
#include "view/layout.h"

tui_health tui_layout_health(iv_act_kind act, bool preact)
{
	if (iv_act_saturates(act))
		return TUI_HEALTH_SAT;
	if (iv_act_dies(act))
		return preact ? TUI_HEALTH_DEAD : TUI_HEALTH_ZERO_DEAD;
	return TUI_HEALTH_NONE;
}

static int digits(size_t n)
{
	int d = 1;
	while (n >= 10) {
		n /= 10;
		d++;
	}
	return d;
}

static void columns(tui_cols *c, int cols, const tui_model *m,
		    tui_uniq distinct)
{
	static const int ncols[] = {[TUI_HEALTH_NONE] = 0,
				    [TUI_HEALTH_SAT] = 1,
				    [TUI_HEALTH_ZERO_DEAD] = 2,
				    [TUI_HEALTH_DEAD] = 1};
	c->label_w = digits(m->cfg.depth) < 2 ? 2 : digits(m->cfg.depth);
	/* a residual row shows the stream, which no activation acts on: the
	 * engine's counts are of the branch's activation, another matrix */
	c->health = m->cfg.residual ? TUI_HEALTH_NONE
				    : tui_layout_health(m->cfg.act, m->preact);
	c->health_n = ncols[c->health];
	c->uniq_w = distinct != TUI_UNIQ_OFF ? TUI_UNIQ_W : 0;
	int fixed = c->label_w + 1 + TUI_SD_W + c->health_n * TUI_HEALTH_W + 3 +
		    TUI_SD_W + 1;
	if (cols - fixed - c->uniq_w < 24 && distinct == TUI_UNIQ_FIRST) {
		/* the count first: the health columns give way */
		fixed -= c->health_n * TUI_HEALTH_W;
		c->health = TUI_HEALTH_NONE;
		c->health_n = 0;
	}
	if (cols - fixed - c->uniq_w < 24) /* keep the histograms readable */
		c->uniq_w = 0;
	int hist = cols - fixed - c->uniq_w;
	c->lhist_x = c->label_w + 1;
	c->lhist_w = hist / 2;
	c->lsd_x = c->lhist_x + c->lhist_w;
	c->health_x = c->lsd_x + TUI_SD_W;
	c->uniq_x = c->health_x + c->health_n * TUI_HEALTH_W;
	c->sep_x = c->uniq_x + c->uniq_w + 1;
	c->rhist_x = c->sep_x + 2;
	c->rhist_w = hist - c->lhist_w;
	c->rsd_x = c->rhist_x + c->rhist_w;
}

void tui_layout_compute(tui_layout *lo, int lines, int cols, const tui_model *m,
			tui_uniq distinct)
{
	*lo = (tui_layout){.lines = lines, .cols = cols};
	lo->too_small = cols < TUI_MIN_COLS || lines < TUI_MIN_LINES;
	if (lo->too_small)
		return;
	lo->settings_h = 2;
	lo->bar_y = lines - 1;
	lo->bar_h = 1;
	columns(&lo->c, cols, m, distinct);
}

static int fewest(const tui_block *b)
{
	return b->min > 0 && b->min < b->want ? b->min : b->want;
}

/* Take need rows from the blocks shown above their fewest, least
 * important first, for dropped block d; false (nothing taken) when they
 * cannot give that many. */
static bool make_room(tui_block *b, size_t n, const int *order, int d, int need)
{
	int spare = 0;
	for (size_t k = 0; k < n; k++)
		if (order[k] != d && b[order[k]].rows > 0)
			spare += b[order[k]].rows - fewest(&b[order[k]]);
	if (spare < need)
		return false;
	for (size_t k = n; k-- > 0 && need > 0;) {
		tui_block *x = &b[order[k]];
		if (order[k] == d || x->rows == 0)
			continue;
		int give = x->rows - fewest(x);
		give = give < need ? give : need;
		x->rows -= give;
		need -= give;
	}
	return true;
}

int tui_layout_share(tui_block *b, size_t n, const int *order, int avail)
{
	int left = avail < 0 ? 0 : avail;
	for (size_t i = 0; i < n; i++)
		b[i].rows = 0;
	for (size_t k = 0; k < n; k++) { /* the fewest rows, in order */
		tui_block *x = &b[order[k]];
		if (x->want > 0 && fewest(x) <= left) {
			x->rows = fewest(x);
			left -= x->rows;
		}
	}
	for (int pass = 0; pass < 2; pass++) /* fair shares, then wants */
		for (size_t k = 0; k < n; k++) {
			tui_block *x = &b[order[k]];
			int to = pass == 0 && x->fair > 0 && x->fair < x->want
				     ? x->fair
				     : x->want;
			int more =
			    x->rows > 0 && to > x->rows ? to - x->rows : 0;
			more = more < left ? more : left;
			x->rows += more;
			left -= more;
		}
	for (size_t k = 0; k < n && left > 0; k++) /* the rest to a grower */
		if (b[order[k]].rows > 0 && b[order[k]].grows) {
			b[order[k]].rows += left;
			left = 0;
		}
	for (size_t k = 0; k < n && left > 0; k++) { /* no blank rows while
							 a part is dropped */
		tui_block *x = &b[order[k]];
		if (x->want == 0 || x->rows > 0 || fewest(x) <= left)
			continue;
		if (make_room(b, n, order, order[k], fewest(x) - left)) {
			x->rows = fewest(x);
			left = 0;
		}
	}
	return left;
}

void tui_layout_order(const char *const *names, size_t n, const char *first,
		      const char *const *focus, size_t nfocus, int *order)
{
	size_t k = 0;
	bool taken[TUI_BLOCKS_MAX] = {false};
	for (size_t f = 0; f <= nfocus; f++) {
		const char *want = f == 0 ? first : focus[f - 1];
		for (size_t i = 0; want && i < n && i < TUI_BLOCKS_MAX; i++)
			if (!taken[i] && strcmp(names[i], want) == 0) {
				taken[i] = true;
				order[k++] = (int)i;
			}
	}
	for (size_t i = 0; i < n; i++)
		if (i >= TUI_BLOCKS_MAX || !taken[i])
			order[k++] = (int)i;
}
