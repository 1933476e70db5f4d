/* SPDX-License-Identifier: MIT */
/* Word wrapping of UTF-8 text to a number of columns (a character is one
 * column), for the view, the --help text and the figures' small print. */
#ifndef IV_UTIL_WRAP_H
#define IV_UTIL_WRAP_H

#include <stddef.h>

/* The next line of text in at most width columns: returns where it starts
 * (leading blanks skipped), its bytes in *len (trailing blanks dropped);
 * broken after the last blank that fits, or inside a word longer than
 * width. *next is where the following line starts. */
const char *iv_wrap_line(const char *text, int width, size_t *len,
			 const char **next);
/* Lines text takes when wrapped to width. */
int iv_wrap_count(const char *text, int width);

#endif
