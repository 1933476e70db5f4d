/* SPDX-License-Identifier: MIT */
/* A line of fields, without curses: pieces of text in UI elements, grouped
 * into fields that are shown whole or not at all. Fitting a line into a
 * width, or flowing it over rows, drops whole fields, the least important
 * first, so that no number or word is ever cut in half.
 *
 * Build: tui_line_init; for each field tui_line_field(l, prio, gap), then
 * its pieces with tui_line_add, tui_line_addf or tui_line_num. Then
 * tui_line_fit(l, width) (one row) or tui_line_flow(l, widths, rows);
 * the drawing layer writes the pieces of each shown field from its row and
 * column (tui_put_line). Elements are the drawing layer's (tui_element),
 * kept as ints here. */
#ifndef IV_VIEW_LINE_H
#define IV_VIEW_LINE_H

#include <stdbool.h>
#include <stddef.h>

#define TUI_LINE_PIECES 48
#define TUI_LINE_FIELDS 32
#define TUI_LINE_TEXT   128 /* bytes of a piece; longer ones are refused */
#define TUI_LINE_ROWS   4

typedef struct tui_line_piece {
	int field; /* the field it belongs to */
	int elem;
	char text[TUI_LINE_TEXT];
} tui_line_piece;

typedef struct tui_field {
	int prio;   /* 0 stays longest; higher numbers are dropped first */
	int gap;    /* blanks before it, unless it starts its row */
	int width;  /* columns of its pieces */
	bool shown; /* after fitting */
	int row, x; /* where it starts, after fitting */
} tui_field;

typedef struct tui_line {
	tui_line_piece piece[TUI_LINE_PIECES];
	size_t npieces;
	tui_field field[TUI_LINE_FIELDS];
	size_t nfields;
	int used[TUI_LINE_ROWS]; /* columns taken on each row, after fitting */
	bool overflow; /* a field or piece found no room in the struct: it and
			  its field are left out */
} tui_line;

void tui_line_init(tui_line *l);
/* Start a field; the pieces added next belong to it. Returns its index, or
 * -1 when there is no room (its pieces are then dropped). */
int tui_line_field(tui_line *l, int prio, int gap);
/* Append a piece to the current field. */
void tui_line_add(tui_line *l, int elem, const char *text);
void tui_line_addf(tui_line *l, int elem, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* A number as tui_text_number writes it. */
void tui_line_num(tui_line *l, int elem, double v);

/* Fit into one row of width columns: drop fields, highest prio first (the
 * later of equals first), until the rest fit. Returns whether every field
 * is shown. */
bool tui_line_fit(tui_line *l, int width);
/* Flow the fields in order over rows rows (at most TUI_LINE_ROWS) of
 * widths[r] columns each, a field on the next row when it does not fit on
 * the current one; drop fields as tui_line_fit does until they all find a
 * place. Returns whether every field is shown. */
bool tui_line_flow(tui_line *l, const int *widths, int rows);
/* Whether field f is shown (false for -1 or out of range). */
bool tui_line_shown(const tui_line *l, int f);
/* Whether fitting l into width (on a copy: l stays as built) keeps every
 * one of the n fields in keep: for trying shorter forms of a line until
 * the fields that must stay do. */
bool tui_line_keeps(const tui_line *l, int width, const int *keep, size_t n);

#endif
