/* SPDX-License-Identifier: MIT */
/* Headless screens and reading the screen back as text. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include "tui/screen.h"
#include "view/save.h"

SCREEN *tui_screen_headless(int lines, int cols)
{
	/* newterm keeps the streams: open them once and keep them */
	static FILE *out, *in;
	const char *term = getenv("TERM");
	SCREEN *scr = NULL;
	if (!out)
		out = fopen("/dev/null", "w");
	if (!in)
		in = fopen("/dev/null", "r");
	if (!out || !in)
		return NULL;
	if (term && *term)
		scr = newterm(term, out, in);
	if (!scr)
		scr = newterm("dumb", out, in);
	if (!scr)
		return NULL;
	noecho();
	keypad(stdscr, TRUE);
	resizeterm(lines, cols);
	return scr;
}

void tui_screen_row(int y, char *buf, size_t size)
{
	wchar_t w[1024];
	int n = COLS < 1023 ? COLS : 1023;
	size_t len = 0;
	mbstate_t ps;
	buf[0] = '\0';
	if (y < 0 || y >= LINES || size < 8)
		return;
	if (mvwinnwstr(stdscr, y, 0, w, n) == ERR)
		return;
	w[n] = L'\0';
	memset(&ps, 0, sizeof ps);
	for (int i = 0; w[i] && len + MB_CUR_MAX + 1 < size; i++) {
		size_t k = wcrtomb(buf + len, w[i], &ps);
		if (k == (size_t)-1)
			buf[len++] = '?';
		else
			len += k;
	}
	while (len > 0 && buf[len - 1] == ' ')
		len--;
	buf[len] = '\0';
}

char *tui_screen_text(size_t *len)
{
	char row[4096];
	size_t cap = (size_t)LINES * (sizeof row + 1);
	char *text = malloc(cap);
	*len = 0;
	if (!text)
		return NULL;
	text[0] = '\0';
	for (int y = 0; y < LINES; y++) {
		tui_screen_row(y, row, sizeof row);
		*len += (size_t)snprintf(text + *len, cap - *len, "%s\n", row);
	}
	return text;
}

int tui_screen_save(const char *path)
{
	size_t len;
	char *text = tui_screen_text(&len);
	if (!text) {
		errno = ENOMEM;
		return -1;
	}
	int r = tui_save_file(path, text, len), e = errno;
	free(text);
	errno = e;
	return r;
}
