/* SPDX-License-Identifier: MIT */
/* Writing text into stdscr in a UI element's colours, cut to a column:
 * what every panel draws with. */
#ifndef IV_TUI_PUT_H
#define IV_TUI_PUT_H

#include "tui/colors.h"
#include "view/line.h"
#include "view/text.h"

/* Write s at (y, x) in element e, cut at column xmax (exclusive). Returns
 * the column after the text. */
int tui_put(int y, int x, int xmax, tui_element e, const char *s);
/* As tui_put, for the glyphs of a bar or a histogram's cells: what a box
 * over them may cut without blanking the rest (tui_put_is_bar). Text
 * written over a cell later makes it text again. */
int tui_put_bar(int y, int x, int xmax, tui_element e, const char *s);
/* Whether cell (y, x) of this frame holds a bar's glyph. */
bool tui_put_is_bar(int y, int x);
/* Forget the bars: at the start of each frame. */
void tui_put_bars_clear(void);
int tui_put_fmt(int y, int x, int xmax, tui_element e, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
/* Right-align s so it ends just before column xend (not left of xmin). */
void tui_put_right(int y, int xend, int xmin, tui_element e, const char *s);
/* A paragraph wrapped into w columns from (y, x), at most rows rows.
 * Returns the rows used. */
int tui_put_wrap(int y, int x, int w, int rows, tui_element e,
		 const char *text);

/* s at (y, x) up to column xmax, whole words only: when it does not fit,
 * the words that do and an ellipsis (ell), so a number is never cut.
 * Returns the column after the text. */
int tui_put_words(int y, int x, int xmax, tui_element e, const char *s,
		  const char *ell);
/* The shown fields of a fitted line, row r of it at row y + r, its
 * columns from x. */
void tui_put_line(int y, int x, const tui_line *l);
/* Fit l into columns x..xend-1 of row y and write it; returns whether every
 * field is shown. */
bool tui_put_fit(int y, int x, int xend, tui_line *l);

#endif
