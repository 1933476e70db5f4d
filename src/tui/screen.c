/* SPDX-License-Identifier: MIT */
/* Headless screens and reading the screen back as text. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>
#include "tui/app.h"

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

int tui_screen_save(const char *path)
{
	/* a new file only, never through a symbolic link: a script never
	 * overwrites anything, as S and --trace do not */
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
		      0666);
	FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
	char row[4096];
	int e;
	if (!f) {
		e = errno;
		if (fd >= 0) {
			close(fd);
			unlink(path);
		}
		errno = e;
		return -1;
	}
	for (int y = 0; y < LINES; y++) {
		tui_screen_row(y, row, sizeof row);
		fprintf(f, "%s\n", row);
	}
	e = ferror(f) ? (errno ? errno : EIO) : 0;
	if (fclose(f) != 0 && !e)
		e = errno ? errno : EIO;
	if (e) { /* written whole or not at all */
		unlink(path);
		errno = e;
		return -1;
	}
	return 0;
}
