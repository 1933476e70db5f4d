/* SPDX-License-Identifier: MIT */
/* The two glyph tables, Unicode and ASCII, with the same fields. */
#ifndef IV_VIEW_GLYPHS_H
#define IV_VIEW_GLYPHS_H

#include <stdbool.h>
#include <stddef.h>

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
	const char *hidden[2];    /* one column: a one-row field's text goes
				     on to the left, to the right */
	const char *keys[4];      /* Up Down Left Right in the help */
	/* the theory's */
	const char *line;      /* predicted left quantity (activations) in
				  the depth profile */
	const char *line_g;    /* predicted right quantity (gradients) */
	const char *sd1, *sd2; /* predicted +-1 and +-2 std ticks */
	const char *chi, *xi;  /* "chi1", "xi" */
	const char *xic, *xig; /* depth scales of correlations, gradients */
	const char *sw, *sw2, *sb, *sb2; /* "sigma_w", "sigma_w^2", ... */
	const char *phi, *sqrt, *sq;     /* "phi", "sqrt", "^2" */
	const char *alpha, *pm;          /* "alpha", "+-" */
	const char *mark_b;              /* profile marker of a branch */
	const char *line_b;              /* the branch predicted */
	const char *root2, *rootq;       /* "sqrt(2)", "sqrt(q)" */
	const char *infinity;
	const char *ordered[3]; /* chi1 < 1: near 1, further, far */
	const char *chaotic[3]; /* chi1 > 1: likewise */
	const char *crit;       /* the chi1 = 1 line */
	const char *cursor;     /* the setting shown */
	const char *ref;        /* the isometry reference (value 1) */
	bool utf8;              /* the Unicode table */
} tui_glyphs;

extern const tui_glyphs tui_glyphs_utf8, tui_glyphs_ascii;

/* ASCII when asked or when the locale is not UTF-8. */
const tui_glyphs *tui_glyphs_pick(bool ascii);
/* A number as tui_text_number writes it, +Inf as the infinity glyph, NaN
 * (a prediction that does not exist) as "undefined". */
char *tui_glyphs_number(const tui_glyphs *g, double v, char *buf, size_t size);
/* As tui_text_fit (whole in at most width columns, or "" and false), +Inf
 * as the infinity glyph, NaN as "-" (a table's empty cell). */
bool tui_glyphs_fit(const tui_glyphs *g, double v, int width, char *buf,
		    size_t size);

#endif
