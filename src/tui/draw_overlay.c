/* SPDX-License-Identifier: MIT */
/* Theory pieces drawn into the shared views: the criticality in the
 * settings bar, predicted +-std ticks over pre-activation histograms; the
 * theory glyphs, the panel switch and two text helpers. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tui/draw.h"
#include "tui/theory_app.h"

int tui_wrap(int y, int x, int w, int rows, tui_element e, const char *text)
{
	int used = 0;
	const char *p = text, *next;
	size_t len;
	char line[512];
	while (*p && used < rows && w > 0) {
		const char *s = tui_text_wrap_line(p, w, &len, &next);
		if (len == 0)
			break;
		snprintf(line, sizeof line, "%.*s", (int)len, s);
		tui_put(y + used++, x, x + w, e, line);
		p = next;
	}
	return used;
}

bool tui_theory_overlay(const tui_app *app)
{
	const tui_theory *t = &app->theory;
	return t->overlay && tui_theory_predict_fresh(t, &app->model.cfg) &&
	       t->pred.valid && t->pred.st == IV_OK &&
	       tui_theory_applies(app->model.cfg.init);
}

/* The criticality when the theory speaks of the configuration shown. */
static const iv_criticality *crit(const tui_app *app)
{
	const tui_theory *t = &app->theory;
	if (!t->th || !tui_theory_predict_fresh(t, &app->model.cfg) ||
	    !t->pred.valid || !tui_theory_applies(app->model.cfg.init))
		return NULL;
	return &t->pred.crit;
}

bool tui_theory_chi_item(const tui_app *app, char *label, size_t lsize,
			 char *value, size_t vsize)
{
	const iv_criticality *c = crit(app);
	char b[32];
	if (!c)
		return false;
	snprintf(label, lsize, "%s", app->gl->chi);
	snprintf(value, vsize, "%s %s",
		 tui_glyphs_number(app->gl, c->chi1, b, sizeof b),
		 tui_phase_word(tui_phase_classify(c)));
	return true;
}

bool tui_theory_fix_item(const tui_app *app, char *label, size_t lsize,
			 char *value, size_t vsize)
{
	const iv_criticality *c = crit(app);
	char q[32], x[32];
	if (!c)
		return false;
	snprintf(label, lsize, "q*");
	snprintf(value, vsize, "%s   %s %s",
		 tui_glyphs_number(app->gl, c->q_star, q, sizeof q),
		 app->gl->xi,
		 tui_glyphs_number(app->gl, fabs(c->depth_scale), x, sizeof x));
	return true;
}

void tui_draw_theory_ticks(tui_app *app, int y, size_t layer, int x, int w,
			   double lo, double hi)
{
	const tui_glyphs *g = app->gl;
	double sd = tui_theory_predict_std(&app->theory, layer, IV_Q_PREACT);
	double mean = app->model.cfg.bias;
	double px = sd * w / (hi - lo); /* columns per std */
	if (!tui_theory_overlay(app) || !(sd > 0) || !(hi > lo) || px < 1)
		return;
	for (int k = -2; k <= 2; k++) {
		double f = (mean + k * sd - lo) / (hi - lo);
		if (k == 0 || (abs(k) == 1 && px < 3) || !(f >= 0 && f < 1))
			continue; /* +-1 std only where it stands apart */
		int c = x + (int)(f * w);
		tui_put(y, c, c + 1, TUI_E_VALUE,
			abs(k) == 1 ? g->sd1 : g->sd2);
	}
}

static void legend_text(const tui_app *app, char *b, size_t size)
{
	const tui_glyphs *g = app->gl;
	const char *s = app->gl->sigma;
	snprintf(b, size, "%s1%s %s2%s theory", g->sd1, s, g->sd2, s);
}

int tui_theory_legend_width(const tui_app *app, iv_quantity q)
{
	char b[64];
	legend_text(app, b, sizeof b);
	return q == IV_Q_PREACT && tui_theory_overlay(app)
		   ? tui_text_width(b) + 2
		   : 0;
}

void tui_draw_theory_legend(tui_app *app, int y, int x, int xend)
{
	const tui_glyphs *g = app->gl;
	const char *s = app->gl->sigma;
	char b[64];
	legend_text(app, b, sizeof b);
	if (!tui_theory_overlay(app) || xend - x < tui_text_width(b))
		return;
	x = tui_put(y, xend - tui_text_width(b), xend, TUI_E_VALUE, g->sd1);
	x = tui_putf(y, x, xend, TUI_E_LABEL, "1%s ", s);
	x = tui_put(y, x, xend, TUI_E_VALUE, g->sd2);
	tui_putf(y, x, xend, TUI_E_LABEL, "2%s theory", s);
}

void tui_draw_panel(tui_app *app)
{
	const tui_layout *lo = &app->layout;
	int y = lo->settings_y + lo->settings_h, h = lo->bar_y - y;
	switch (app->theory.panel) {
	case TUI_PANEL_PHASE: tui_draw_phase(app, y, h); break;
	case TUI_PANEL_SPECTRUM: tui_draw_spectrum(app, y, h); break;
	case TUI_PANEL_GAIN: tui_draw_gain(app, y, h); break;
	default: break;
	}
}
