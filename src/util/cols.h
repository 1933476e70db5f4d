/* SPDX-License-Identifier: MIT */
/* Columns of UTF-8 text on a terminal: a character is one column, two
 * (East Asian Wide and Fullwidth: 初, Ｆ, 🙂) or none (combining marks such
 * as U+0301, format characters), from a table that is the same in every
 * locale and on every system. */
#ifndef IV_UTIL_COLS_H
#define IV_UTIL_COLS_H

#include <stddef.h>
#include <stdint.h>

/* How text is counted: IV_COLS_CHARS one column a character (text that
 * must not change with the terminal: --help, reports; and a view that
 * draws each character outside ASCII as one '?'), IV_COLS_CELLS the cells
 * a UTF-8 terminal draws. In both a control character (C0, DEL) takes
 * two, as it is shown "^X". */
typedef enum { IV_COLS_CHARS, IV_COLS_CELLS } iv_cols_mode;

/* The character at s (not at its end): its bytes, and its code point in
 * *cp (U+FFFD for a malformed sequence, which takes its first byte and the
 * continuation bytes after it, as a terminal shows one replacement). */
size_t iv_cols_char(const char *s, uint32_t *cp);
/* Cells code point cp takes: 0, 1 or 2 (2 for a control, "^X"). */
int iv_cols_of(uint32_t cp);
/* The glyph at s (not at its end): a character with the zero-width ones
 * after it under IV_COLS_CELLS, one character under IV_COLS_CHARS. Its
 * bytes; its columns in *cols (0 for a zero-width character with nothing
 * before it). */
size_t iv_cols_glyph(const char *s, iv_cols_mode m, int *cols);
/* Columns of the first n bytes of s (up to its end): SIZE_MAX for all. */
int iv_cols_n(const char *s, size_t n, iv_cols_mode m);
/* Columns of s. */
int iv_cols(const char *s, iv_cols_mode m);

#endif
