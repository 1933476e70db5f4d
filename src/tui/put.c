/* SPDX-License-Identifier: MIT */
/* Text into stdscr: whole UTF-8 characters, cut at a column. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <curses.h>
#include "tui/put.h"

/* Which cells of the frame hold a bar (tui_put_bar), not text: a row of
 * LINES x COLS flags, cleared at each frame. Without it (no memory) no
 * cell is a bar. */
static unsigned char *bars;
static size_t bars_size;
static int bars_cols;

void tui_put_bars_clear(void)
{
	size_t n = (size_t)(LINES > 0 ? LINES : 0) * (size_t)(COLS > 0 ? COLS : 0);
	if (n > bars_size) {
		unsigned char *p = realloc(bars, n);
		if (!p) {
			free(bars);
			bars = NULL;
			bars_size = 0;
			return;
		}
		bars = p;
		bars_size = n;
	}
	if (bars)
		memset(bars, 0, bars_size);
	bars_cols = COLS;
}

static void mark(int y, int x, int xend, unsigned char v)
{
	for (; bars && y >= 0 && x < xend && x < bars_cols; x++)
		if (x >= 0 && (size_t)y * (size_t)bars_cols + (size_t)x < bars_size)
			bars[(size_t)y * (size_t)bars_cols + (size_t)x] = v;
}

bool tui_put_is_bar(int y, int x)
{
	return bars && y >= 0 && x >= 0 && x < bars_cols &&
	       (size_t)y * (size_t)bars_cols + (size_t)x < bars_size &&
	       bars[(size_t)y * (size_t)bars_cols + (size_t)x];
}

int tui_put_bar(int y, int x, int xmax, tui_element e, const char *s)
{
	int end = tui_put(y, x, xmax, e, s);
	mark(y, x, end, 1);
	return end;
}

/* Whether the first n bytes of s hold a byte that curses may not show
 * as it is in one cell: outside ASCII, or a control character. */
static bool has_special(const char *s, int n)
{
	for (int i = 0; i < n; i++)
		if ((unsigned char)s[i] >= 0x7F || (unsigned char)s[i] < 0x20)
			return true;
	return false;
}

/* n bytes of s at (y, x), a character at a time, each in the cells the
 * layout counted for it (util/cols.h). curses shows a malformed sequence
 * as "M-C" or "~C", spreads a tab to the next tab stop, and in a locale
 * that is not UTF-8 shows each byte of "é" or "σ" as M-C or ~C: more
 * cells than counted, the rest of the row shifted and cut. Here a control
 * character (a lesson file's escape or tab) is "^[", "^I" as the messages
 * write it, and a C1 control, a malformed sequence and, outside UTF-8,
 * any character outside ASCII one '?'. */
static void add_plain(int y, int x, const char *s, int n, iv_cols_mode m)
{
	move(y, x);
	for (int i = 0; i < n;) {
		uint32_t cp;
		size_t k = iv_cols_char(s + i, &cp);
		bool bad = cp == 0xFFFD &&
			   (k != 3 || memcmp(s + i, "\xEF\xBF\xBD", 3) != 0);
		if (cp < 0x20 || cp == 0x7F) {
			addch('^');
			addch((chtype)(cp ^ 0x40));
		} else if ((cp >= 0x80 && cp < 0xA0) || bad ||
			   (cp >= 0x80 && m == IV_COLS_CHARS))
			addch('?');
		else
			addnstr(s + i, (int)k);
		i += (int)k;
	}
}

int tui_put(int y, int x, int xmax, tui_element e, const char *s)
{
	int bytes = 0, cols = 0, c;
	iv_cols_mode m = tui_text_mode();
	if (xmax > COLS)
		xmax = COLS;
	if (x >= xmax || y < 0 || y >= LINES)
		return x;
	/* a combining mark with no letter before it in s would go on the
	 * cell left of x, another text's: not drawn */
	while (*s && iv_cols_glyph(s, m, &c) > 0 && c == 0)
		s += iv_cols_glyph(s, m, &c);
	/* whole glyphs only: a wide character that would stand half past
	 * xmax is not drawn (curses would wrap it to the next row) */
	while (s[bytes]) {
		size_t k = iv_cols_glyph(s + bytes, m, &c);
		if (x + cols + c > xmax)
			break;
		bytes += (int)k;
		cols += c;
	}
	if (bytes == 0)
		return x;
	attrset(tui_colors_attr(e));
	if (has_special(s, bytes))
		add_plain(y, x, s, bytes, m);
	else
		mvaddnstr(y, x, s, bytes);
	attrset(A_NORMAL);
	mark(y, x, x + cols, 0); /* text now, even over a bar */
	return x + cols;
}

int tui_put_fmt(int y, int x, int xmax, tui_element e, const char *fmt, ...)
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

int tui_put_wrap(int y, int x, int w, int rows, tui_element e, const char *text)
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

void tui_put_line(int y, int x, const tui_line *l)
{
	int at = -1, col = 0;
	for (size_t i = 0; i < l->npieces; i++) {
		const tui_line_piece *p = &l->piece[i];
		const tui_field *f = &l->field[p->field];
		if (!f->shown)
			continue;
		if (p->field != at) {
			at = p->field;
			col = x + f->x;
		}
		col = tui_put(y + f->row, col, COLS, (tui_element)p->elem,
			      p->text);
	}
}

bool tui_put_fit(int y, int x, int xend, tui_line *l)
{
	bool all = tui_line_fit(l, xend - x);
	tui_put_line(y, x, l);
	return all;
}

int tui_put_words(int y, int x, int xmax, tui_element e, const char *s,
		  const char *ell)
{
	char line[512];
	const char *next;
	size_t len;
	if (xmax > COLS)
		xmax = COLS;
	if (tui_text_width(s) <= xmax - x)
		return tui_put(y, x, xmax, e, s);
	const char *t = tui_text_wrap_line(s, xmax - x - 1 - tui_text_width(ell),
					   &len, &next);
	snprintf(line, sizeof line, "%.*s", (int)len, t);
	x = tui_put(y, x, xmax, e, line);
	x = tui_put(y, x, xmax, e, " "); /* a blank, over a rule's line too */
	return tui_put(y, x, xmax, TUI_E_WARN, ell);
}
