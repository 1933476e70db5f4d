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

static const tui_theory_glyphs utf8 = {
    .line = "─",
    .sd1 = "┃",
    .sd2 = "╏",
    .chi = "χ1",
    .xi = "ξ",
    .xic = "ξc",
    .xig = "ξg",
    .sw = "σw",
    .sw2 = "σw²",
    .sb = "σb",
    .sb2 = "σb²",
    .phi = "φ",
    .sqrt = "√",
    .root2 = "√2",
    .rootq = "√q",
    .sq = "²",
    .infinity = "∞",
    .ordered = {".", ":", "="},
    .chaotic = {"+", "x", "#"},
    .crit = "┃",
    .cursor = "◉",
    .ref = "┊",
};

static const tui_theory_glyphs ascii = {
    .line = "-",
    .sd1 = "|",
    .sd2 = "!",
    .chi = "chi1",
    .xi = "xi",
    .xic = "xi_c",
    .xig = "xi_g",
    .sw = "sw",
    .sw2 = "sw^2",
    .sb = "sb",
    .sb2 = "sb^2",
    .phi = "phi",
    .sqrt = "sqrt",
    .root2 = "sqrt(2)",
    .rootq = "sqrt(q)",
    .sq = "^2",
    .infinity = "inf",
    .ordered = {".", ":", "="},
    .chaotic = {"+", "x", "#"},
    .crit = "|",
    .cursor = "@",
    .ref = ":",
};

const tui_theory_glyphs *tui_theory_gl(const tui_app *app)
{
	return app->gl == &tui_glyphs_ascii ? &ascii : &utf8;
}

char *tui_theory_fmt(const tui_app *app, double v, char *buf, size_t size)
{
	if (isinf(v) && v > 0)
		snprintf(buf, size, "%s", tui_theory_gl(app)->infinity);
	else
		tui_fmt(v, buf, size);
	return buf;
}

char *tui_theory_q_text(const tui_app *app, const iv_criticality *c,
			char *buf, size_t size)
{
	if (c->kind == IV_FIXED_STABLE)
		return tui_theory_fmt(app, c->q_star, buf, size);
	snprintf(buf, size, "%s", iv_fixed_kind_name(c->kind));
	return buf;
}

char *tui_theory_xi_text(const tui_app *app, const iv_criticality *c,
			 char *buf, size_t size)
{
	const tui_theory_glyphs *g = tui_theory_gl(app);
	char a[32], b[32];
	snprintf(buf, size, "%s %s  %s %s", g->xic,
		 tui_theory_fmt(app, c->depth_scale_correlation, a, sizeof a),
		 g->xig, tui_theory_fmt(app, c->depth_scale, b, sizeof b));
	return buf;
}

int tui_wrap(int y, int x, int w, int rows, tui_element e, const char *text)
{
	int used = 0;
	const char *p = text;
	while (*p && used < rows && w > 0) {
		int len = 0, cut = 0, cols = 0;
		while (p[len] &&
		       cols < w) { /* whole characters, blanks noted */
			if (p[len] == ' ')
				cut = len;
			len++;
			while (((unsigned char)p[len] & 0xC0) == 0x80)
				len++;
			cols++;
		}
		if (p[len] && p[len] != ' ' && cut > 0)
			len = cut; /* break at the last blank */
		char line[512];
		snprintf(line, sizeof line, "%.*s", len, p);
		tui_put(y + used++, x, x + w, e, line);
		p += len;
		while (*p == ' ')
			p++;
	}
	return used;
}

bool tui_theory_overlay(const tui_app *app)
{
	const tui_theory *t = &app->theory;
	return t->overlay && tui_predict_fresh(t, &app->model.cfg) &&
	       t->pred.valid && t->pred.st == IV_OK &&
	       tui_theory_applies(app->model.cfg.init);
}

/* The criticality when the theory speaks of the configuration shown. */
static const iv_criticality *crit(const tui_app *app)
{
	const tui_theory *t = &app->theory;
	if (!t->th || !tui_predict_fresh(t, &app->model.cfg) ||
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
	snprintf(label, lsize, "%s", tui_theory_gl(app)->chi);
	snprintf(value, vsize, "%s %s",
		 tui_theory_fmt(app, c->chi1, b, sizeof b),
		 tui_chi_word(tui_chi_classify(c)));
	return true;
}

bool tui_theory_fix_item(const tui_app *app, char *label, size_t lsize,
			 char *value, size_t vsize)
{
	const iv_criticality *c = crit(app);
	if (!c)
		return false;
	snprintf(label, lsize, "q*");
	tui_theory_q_text(app, c, value, vsize);
	return true;
}

bool tui_theory_xi_item(const tui_app *app, char *label, size_t lsize,
			char *value, size_t vsize)
{
	const iv_criticality *c = crit(app);
	const tui_theory_glyphs *g = tui_theory_gl(app);
	char a[32], b[32];
	if (!c)
		return false;
	snprintf(label, lsize, "%s", g->xic);
	snprintf(value, vsize, "%s  %s %s",
		 tui_theory_fmt(app, c->depth_scale_correlation, a, sizeof a),
		 g->xig, tui_theory_fmt(app, c->depth_scale, b, sizeof b));
	return true;
}

void tui_draw_theory_ticks(tui_app *app, int y, size_t layer, int x, int w,
			   double lo, double hi)
{
	const tui_theory_glyphs *g = tui_theory_gl(app);
	double sd = tui_predict_std(&app->theory, layer, IV_Q_PREACT);
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
	const tui_theory_glyphs *g = tui_theory_gl(app);
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
	const tui_theory_glyphs *g = tui_theory_gl(app);
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
