/* SPDX-License-Identifier: MIT */
/* Fields shown whole or not at all: building, fitting, flowing. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "view/line.h"
#include "view/text.h"

void tui_line_init(tui_line *l)
{
	l->npieces = 0;
	l->nfields = 0;
	l->overflow = false;
	memset(l->used, 0, sizeof l->used);
}

int tui_line_field(tui_line *l, int prio, int gap)
{
	if (l->nfields >= TUI_LINE_FIELDS) {
		l->overflow = true;
		return -1;
	}
	l->field[l->nfields] = (tui_field){.prio = prio, .gap = gap};
	return (int)l->nfields++;
}

/* A field whose piece was refused is left out whole. */
static void refuse(tui_line *l)
{
	l->overflow = true;
	if (l->nfields)
		l->field[l->nfields - 1].width = -1;
}

void tui_line_add(tui_line *l, int elem, const char *text)
{
	if (!l->nfields || l->field[l->nfields - 1].width < 0)
		return; /* no field, or one already refused */
	if (l->npieces >= TUI_LINE_PIECES || strlen(text) >= TUI_LINE_TEXT) {
		refuse(l);
		return;
	}
	tui_line_piece *p = &l->piece[l->npieces++];
	p->field = (int)l->nfields - 1;
	p->elem = elem;
	snprintf(p->text, sizeof p->text, "%s", text);
	l->field[p->field].width += tui_text_width(text);
}

void tui_line_addf(tui_line *l, int elem, const char *fmt, ...)
{
	char buf[TUI_LINE_TEXT + 1];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	if (n < 0 || n >= TUI_LINE_TEXT) {
		refuse(l);
		return;
	}
	tui_line_add(l, elem, buf);
}

void tui_line_num(tui_line *l, int elem, double v)
{
	char b[32];
	tui_line_add(l, elem, tui_text_number(v, b, sizeof b));
}

/* Place the shown fields in order; false when one finds no row. */
static bool place(tui_line *l, const int *widths, int rows)
{
	int row = 0, x = 0;
	memset(l->used, 0, sizeof l->used);
	for (size_t i = 0; i < l->nfields; i++) {
		tui_field *f = &l->field[i];
		if (!f->shown)
			continue;
		int need = (x > 0 ? f->gap : 0) + f->width;
		while (x > 0 && x + need > widths[row]) {
			if (++row >= rows)
				return false;
			x = 0;
			need = f->width;
		}
		if (f->width > widths[row])
			return false;
		f->row = row;
		f->x = x + (x > 0 ? f->gap : 0);
		x = f->x + f->width;
		l->used[row] = x;
	}
	return true;
}

/* Drop the shown field of highest prio, the last of equals; false when
 * none is left. */
static bool drop_one(tui_line *l)
{
	int worst = -1;
	for (size_t i = 0; i < l->nfields; i++)
		if (l->field[i].shown &&
		    (worst < 0 || l->field[i].prio >= l->field[worst].prio))
			worst = (int)i;
	if (worst < 0)
		return false;
	l->field[worst].shown = false;
	return true;
}

bool tui_line_flow(tui_line *l, const int *widths, int rows)
{
	bool all = true;
	int widest = 0;
	rows = rows < 1 ? 1 : rows > TUI_LINE_ROWS ? TUI_LINE_ROWS : rows;
	for (int r = 0; r < rows; r++)
		widest = widths[r] > widest ? widths[r] : widest;
	for (size_t i = 0; i < l->nfields; i++) {
		tui_field *f = &l->field[i];
		f->shown = f->width > 0 && f->width <= widest;
		all &= f->shown || f->width == 0;
	}
	while (!place(l, widths, rows)) {
		if (!drop_one(l)) {
			memset(l->used, 0, sizeof l->used);
			return false;
		}
		all = false;
	}
	return all && !l->overflow;
}

bool tui_line_fit(tui_line *l, int width)
{
	return tui_line_flow(l, &width, 1);
}

bool tui_line_shown(const tui_line *l, int f)
{
	return f >= 0 && (size_t)f < l->nfields && l->field[f].shown;
}

bool tui_line_keeps(const tui_line *l, int width, const int *keep, size_t n)
{
	tui_line t = *l;
	(void)tui_line_fit(&t, width);
	for (size_t i = 0; i < n; i++)
		if (!tui_line_shown(&t, keep[i]))
			return false;
	return true;
}
