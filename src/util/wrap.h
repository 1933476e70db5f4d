/* SPDX-License-Identifier: MIT */
/* Word wrapping of UTF-8 text to a number of columns, for the view, the
 * --help text and the figures' small print: counted a column a character
 * (iv_wrap_line: the same on every terminal) or in the cells a terminal
 * draws (iv_wrap_line_in with IV_COLS_CELLS: two for 初 or 🙂, none for a
 * combining mark; util/cols.h). */
#ifndef IV_UTIL_WRAP_H
#define IV_UTIL_WRAP_H

#include <stddef.h>
#include "util/cols.h"

/* The next line of text in at most width columns: returns where it starts
 * (leading blanks skipped), its bytes in *len (trailing blanks dropped);
 * broken after the last blank that fits, or beside a wide character (a
 * line of Chinese breaks between any two characters, never before "，。"
 * or after "（"), or inside a word longer than width. Never inside a
 * character, nor between a letter and its combining marks; *len is 0
 * when not even the first glyph fits. *next is where the following line
 * starts. */
const char *iv_wrap_line_in(const char *text, int width, iv_cols_mode m,
			    size_t *len, const char **next);
/* iv_wrap_line_in a column a character. */
const char *iv_wrap_line(const char *text, int width, size_t *len,
			 const char **next);
/* Lines text takes when wrapped to width (up to a glyph that does not
 * fit at all). */
int iv_wrap_count_in(const char *text, int width, iv_cols_mode m);
int iv_wrap_count(const char *text, int width);

#endif
