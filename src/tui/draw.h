/* SPDX-License-Identifier: MIT */
/* Drawing: one function per view, all into stdscr, and the small helpers
 * they share. tui_draw lays the screen out and calls the views; it does
 * wnoutrefresh, the caller does doupdate. */
#ifndef IV_TUI_DRAW_H
#define IV_TUI_DRAW_H

#include <stddef.h>
#include "tui/app.h"
#include "tui/colors.h"
#include "view/text.h"

void tui_draw(tui_app *app);
void tui_draw_settings(tui_app *app); /* draw_settings.c */
void tui_draw_layers(tui_app *app);   /* draw_layers.c */
void tui_draw_profile(tui_app *app);  /* draw_profile.c */
void tui_draw_help(tui_app *app);     /* draw_help.c */
void tui_draw_bar(tui_app *app);      /* draw_bar.c */
void tui_draw_small(tui_app *app);    /* draw.c: "terminal too small" */

/* Write s at (y, x) in element e, cut at column xmax (exclusive). Returns
 * the column after the text. */
int tui_put(int y, int x, int xmax, tui_element e, const char *s);
int tui_putf(int y, int x, int xmax, tui_element e, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
/* Right-align s so it ends just before column xend. */
void tui_put_right(int y, int xend, int xmin, tui_element e, const char *s);

/* The quantities shown on the left and the right, and their titles. */
iv_quantity tui_left_q(const tui_model *m);
iv_quantity tui_right_q(const tui_model *m);
/* Titles in at most width columns: long ("activations h = tanh(z)") when
 * it fits, else short ("h = tanh(z)"). */
void tui_left_title(const tui_app *app, char *buf, size_t size, int width);
void tui_right_title(const tui_app *app, char *buf, size_t size, int width);

#endif
