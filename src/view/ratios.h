/* SPDX-License-Identifier: MIT */
/* The ratio strip's arithmetic, without curses: a layer x step strip of
 * log10 std(dW)/std(W) (the update-to-data ratio, healthy near -3) and of
 * the gradient-to-data ratio, for the layers training keeps (train.h),
 * the steps squeezed into the columns there are. */
#ifndef IV_VIEW_RATIOS_H
#define IV_VIEW_RATIOS_H

#include <stdbool.h>
#include "view/train.h"

#define TUI_RATIO_HEALTHY (-3.0) /* log10 of a healthy update ratio */
#define TUI_RATIO_BAND    1.0    /* decades either side still healthy */

/* Column col (0..w-1) of kept layer i's row: the mean log10 ratio over the
 * steps the column covers (step col + 1 while the steps fit in w columns;
 * else steps col*n/w + 1 .. (col+1)*n/w of n), over those watched; NaN
 * when none was, or the column has no step (yet). */
double tui_ratio_column(const tui_train *t, size_t i, int col, int w,
			bool grad);
/* Whether column col of w covers steps and none of them was watched (the
 * strip was not shown while they ran: their ratios were not measured). */
bool tui_ratio_column_unwatched(const tui_train *t, int col, int w);
/* Whether any step so far was not watched. */
bool tui_ratio_any_unwatched(const tui_train *t);
/* log10 of the ratio of the last watched step; NaN when none. */
double tui_ratio_last(const tui_train *t, size_t i, bool grad);
/* Whether layer rl[i]'s weights were all equal at step 0 (a constant
 * scheme, zeros): why its steps have no ratio. Otherwise a NaN ratio
 * comes from numbers that are not finite. */
bool tui_ratio_weights_equal(const tui_train *t, size_t i);
/* The glyph level of a log10 ratio: the nearest whole decade's, so that
 * the level the legend calls healthy (-3, level 5) is [-3.5, -2.5); below
 * -6.5 level 1, -0.5 and over level 8; 0 for NaN (nothing drawn). */
int tui_ratio_level(double v);
/* A log10 ratio as the strip writes it, whole in TUI_RATIO_TEXT_W
 * columns: "-2.9", "-164" (no decimal from 100 on), "inf", "zero" for a
 * ratio of 0 (log10 -inf: the weights did not move), or "-" for NaN.
 * Returns buf. */
#define TUI_RATIO_TEXT_W 5
char *tui_ratio_text(double v, char *buf, size_t size);
/* Within TUI_RATIO_BAND decades of TUI_RATIO_HEALTHY. */
bool tui_ratio_healthy(double v);

#endif
