/* SPDX-License-Identifier: MIT */
/* Screens without a terminal, and the screen read back as text. */
#ifndef IV_TUI_SCREEN_H
#define IV_TUI_SCREEN_H

#include <stddef.h>
#include <curses.h>

/* A headless screen: writes to /dev/null at a fixed size; tests and
 * scripts without a terminal use it. */
SCREEN *tui_screen_headless(int lines, int cols);
/* Row y of the screen as UTF-8 into buf, trailing blanks cut. */
void tui_screen_row(int y, char *buf, size_t size);
/* The screen's text, one line per row (free it); its length in *len. NULL
 * when out of memory. */
char *tui_screen_text(size_t *len);
/* Write it to path, a new file (save.h: never over one that exists, never
 * through a symbolic link, whole or not at all). Returns 0, or -1 with
 * errno set (EEXIST: path exists; ENOMEM) and no file left behind. */
int tui_screen_save(const char *path);

#endif
