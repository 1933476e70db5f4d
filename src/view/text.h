/* SPDX-License-Identifier: MIT */
/* Text without curses, shared by the view and the report: widths of
 * UTF-8 text, numbers, durations, the locale's codeset (sizes in bytes:
 * util/bytes.h; word wrapping: util/wrap.h). */
#ifndef IV_VIEW_TEXT_H
#define IV_VIEW_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include "util/cols.h"

/* Whether the current locale's codeset is UTF-8 (after setlocale). */
bool tui_text_utf8_locale(void);

/* How the view counts columns: in a UTF-8 locale the cells the terminal
 * draws (初 and 🙂 two, a combining mark none: util/cols.h), elsewhere one
 * a character, as the view draws each one outside ASCII as one '?'. */
iv_cols_mode tui_text_mode(void);
/* Columns a UTF-8 string takes on the view's screen (tui_text_mode). */
int tui_text_width(const char *s);
/* iv_wrap_line_in and iv_wrap_count_in (util/wrap.h) in the view's
 * columns: for text a user wrote (lesson titles and texts, file names). */
const char *tui_text_wrap_line(const char *text, int width, size_t *len,
			       const char **next);
int tui_text_wrap_count(const char *text, int width);

/* A number as the view writes it: %.3g ("0.0453", "9.04e+167"), 0 for
 * -0, "nan", "inf", "-inf"; at most 10 columns. Returns buf. */
char *tui_text_number(double v, char *buf, size_t size);
/* The same number in at most width columns, whole or not at all: fewer
 * significant digits (3, 2, then 1) and then the exponent without its "+"
 * and leading zeros ("1e-150", "2.8e4") until it fits. Returns whether it
 * fits; buf is "" when it does not. Every finite number fits in 7 columns
 * ("-1e-300"), "-inf" in 4. tui_text_fit_digits starts from digits
 * significant digits (1..17) instead of 3. */
bool tui_text_fit(double v, int width, char *buf, size_t size);
bool tui_text_fit_digits(double v, int digits, int width, char *buf,
			 size_t size);
/* A duration: "0.41 ms", "12 ms", "1.25 s". Returns buf. */
char *tui_text_seconds(double s, char *buf, size_t size);

#endif
