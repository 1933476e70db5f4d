/* SPDX-License-Identifier: MIT */
/* The whole screen: layout, the views in order, the too-small notice, and
 * the text helpers every view uses. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "tui/draw.h"
#include "tui/teach_app.h"
#include "tui/theory_app.h"

int tui_text_width(const char *s)
{
	int n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

int tui_put(int y, int x, int xmax, tui_element e, const char *s)
{
	int bytes = 0, cols = 0;
	if (xmax > COLS)
		xmax = COLS;
	if (x >= xmax || y < 0 || y >= LINES)
		return x;
	while (s[bytes] && x + cols < xmax) { /* whole characters only */
		bytes++;
		while (((unsigned char)s[bytes] & 0xC0) == 0x80)
			bytes++;
		cols++;
	}
	attrset(tui_attr(e));
	mvaddnstr(y, x, s, bytes);
	attrset(A_NORMAL);
	return x + cols;
}

int tui_putf(int y, int x, int xmax, tui_element e, const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	return tui_put(y, x, xmax, e, buf);
}

void tui_put_right(int y, int xend, int xmin, tui_element e, const char *s)
{
	int x = xend - tui_text_width(s);
	tui_put(y, x < xmin ? xmin : x, xend, e, s);
}

char *tui_fmt(double v, char *buf, size_t size)
{
	if (isnan(v))
		snprintf(buf, size, "nan");
	else if (isinf(v))
		snprintf(buf, size, v > 0 ? "inf" : "-inf");
	else
		snprintf(buf, size, "%.3g", v);
	return buf;
}

char *tui_fmt_seconds(double s, char *buf, size_t size)
{
	if (s < 0.01)
		snprintf(buf, size, "%.2f ms", s * 1e3);
	else if (s < 1)
		snprintf(buf, size, "%.0f ms", s * 1e3);
	else
		snprintf(buf, size, "%.2f s", s);
	return buf;
}

iv_quantity tui_left_q(const tui_model *m)
{
	return m->preact ? IV_Q_PREACT : IV_Q_ACT;
}

iv_quantity tui_right_q(const tui_model *m)
{
	return m->grad_weights ? IV_Q_GRAD_WEIGHTS : IV_Q_GRAD_ACT;
}

void tui_left_title(const tui_app *app, char *buf, size_t size, int width)
{
	const char *a = iv_act_name(app->model.cfg.act);
	if (app->model.preact)
		snprintf(buf, size, "pre-activations z = W h + b");
	else
		snprintf(buf, size, "activations h = %s(z)", a);
	if (tui_text_width(buf) > width)
		snprintf(buf, size,
			 app->model.preact ? "z = W h + b" : "h = %s(z)", a);
}

void tui_right_title(const tui_app *app, char *buf, size_t size, int width)
{
	const char *d = app->gl->d, *v = app->model.grad_weights ? "W" : "h";
	snprintf(buf, size, "%sgradients %sL/%s%s",
		 app->model.grad_weights ? "weight " : "", d, d, v);
	if (tui_text_width(buf) > width)
		snprintf(buf, size, "%sL/%s%s", d, d, v);
}

static void center(int y, int cols, tui_element e, const char *s)
{
	int x = (cols - tui_text_width(s)) / 2;
	tui_put(y, x < 0 ? 0 : x, cols, e, s);
}

void tui_draw_small(tui_app *app)
{
	const tui_layout *lo = &app->layout;
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

void tui_draw(tui_app *app)
{
	tui_layout *lo = &app->layout;
	werase(stdscr);
	tui_teach_layout(app, collapsed(app)); /* with the bottom panels */
	if (lo->too_small) {
		tui_draw_small(app);
	} else {
		tui_model_set_rows(&app->model,
				   lo->layers_h > 0 ? (size_t)lo->layers_h : 1);
		tui_draw_settings(app);
		if (app->theory.panel != TUI_PANEL_NONE)
			tui_draw_panel(app);
		else if (lo->layers_h > 0)
			tui_draw_layers(app);
		if (app->theory.panel == TUI_PANEL_NONE && lo->profile_h > 0)
			tui_draw_profile(app);
		tui_teach_draw(app);
		tui_draw_bar(app);
		if (app->model.help)
			tui_draw_help(app);
	}
	wnoutrefresh(stdscr);
}
