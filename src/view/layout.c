/* SPDX-License-Identifier: MIT */
/* Row bands and layer-row columns for a screen size. */
#include "view/layout.h"

int tui_layout_health_columns(iv_act_kind act)
{
	return iv_act_saturates(act) ? 1 : iv_act_dies(act) ? 2 : 0;
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

static void columns(tui_cols *c, int cols, const tui_model *m, bool distinct)
{
	c->label_w = digits(m->cfg.depth) < 2 ? 2 : digits(m->cfg.depth);
	c->health_n = tui_layout_health_columns(m->cfg.act);
	c->uniq_w = distinct ? TUI_UNIQ_W : 0;
	int fixed = c->label_w + 1 + TUI_SD_W + c->health_n * TUI_HEALTH_W + 3 +
		    TUI_SD_W + 1;
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
			bool distinct)
{
	*lo = (tui_layout){.lines = lines, .cols = cols};
	lo->too_small = cols < TUI_MIN_COLS || lines < TUI_MIN_LINES;
	if (lo->too_small)
		return;
	lo->settings_h = 2;
	lo->header_y = 2;
	lo->layers_y = 4;
	lo->bar_y = lines - 1;
	int avail = lines - 3; /* between the settings bar and the bottom bar */
	int want = m->cfg.depth > (size_t)avail ? avail : (int)m->cfg.depth;
	if (m->view == TUI_VIEW_PROFILE) {
		lo->profile_y = 2;
		lo->profile_h = avail;
	} else if (m->view == TUI_VIEW_SPLIT &&
		   avail - 2 - TUI_PROFILE_MIN >= 4) {
		lo->profile_h = avail - 2 - want > TUI_PROFILE_MIN
				    ? avail - 2 - want
				    : TUI_PROFILE_MIN;
		lo->layers_h = avail - 2 - lo->profile_h;
		lo->profile_y =
		    lo->layers_y + (want < lo->layers_h ? want : lo->layers_h);
	} else {
		lo->layers_h = avail - 2;
	}
	columns(&lo->c, cols, m, distinct);
}
