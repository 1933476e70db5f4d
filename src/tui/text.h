/* SPDX-License-Identifier: MIT */
/* Text without curses, shared by the view and the report: the locale's
 * codeset, sizes in bytes. */
#ifndef IV_TUI_TEXT_H
#define IV_TUI_TEXT_H

#include <stdbool.h>
#include <stddef.h>

/* Whether the current locale's codeset is UTF-8 (after setlocale). */
bool tui_text_utf8_locale(void);

/* A size in bytes in the largest binary unit that keeps the number at
 * least 1: "512 bytes", "1.0 KiB", "3.2 GiB". Returns buf. */
char *tui_text_bytes(double bytes, char *buf, size_t size);

#endif
