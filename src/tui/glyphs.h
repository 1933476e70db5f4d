/* SPDX-License-Identifier: MIT */
/* The two glyph tables, Unicode and ASCII, with the same fields. */
#ifndef IV_TUI_GLYPHS_H
#define IV_TUI_GLYPHS_H

#include <stdbool.h>

typedef struct tui_glyphs {
	const char *level[9];                  /* bar heights 0 (empty) .. 8 */
	const char *vline, *hline, *corner[4]; /* corners: tl tr bl br */
	const char *tick;                      /* y-axis tick of the profile */
	const char *gap;   /* the elided layers of first+last */
	const char *arrow; /* "gives" in the settings bar */
	const char *sigma; /* standard deviation */
	const char *d;     /* partial derivative */
	const char *mark_a, *mark_g, *mark_both; /* profile markers */
	const char *pending;      /* a histogram cell not computed yet */
	const char *full, *empty; /* progress bar */
	const char *ell;          /* ellipsis */
	const char *keys[4];      /* Up Down Left Right in the help */
} tui_glyphs;

extern const tui_glyphs tui_glyphs_utf8, tui_glyphs_ascii;

/* ASCII when asked or when the locale is not UTF-8. */
const tui_glyphs *tui_glyphs_pick(bool ascii);

#endif
