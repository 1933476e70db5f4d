/* SPDX-License-Identifier: MIT */
/* The list of the view's panels, in drawing order: one row per panel.
 *
 * TUI_PANEL_LIST(X) expands X(ID, name) per panel; the panel's file
 * (src/tui/panels/NAME.c) defines `const tui_panel_ops tui_panel_NAME`
 * (panel.h says what goes in it). The order is the drawing order and, for
 * panels of the same slot, the order on screen (bands from the top) and the
 * order keys are offered in.
 *
 * Adding a panel: write src/tui/panels/NAME.c with its ops table, add its
 * row here, the action that opens it (if any) to the key table
 * (view/keys.h), and the file to Makefile.am. */
#ifndef IV_TUI_PANELS_H
#define IV_TUI_PANELS_H

#define TUI_PANEL_LIST(X)                                                      \
	X(SETTINGS, settings) /* the settings bar at the top */               \
	X(LAYERS, layers)     /* per-layer histograms and statistics */       \
	X(PROFILE, profile)   /* std against depth, log scale */              \
	X(PHASE, phase)       /* P: chi1 over (sigma_w^2, sigma_b^2) */       \
	X(SPECTRUM, spectrum) /* J: singular values of the Jacobian */        \
	X(GAINS, gains)       /* G: gains compared */                         \
	X(COBWEB, cobweb)     /* M: length and correlation maps */            \
	X(COMMAND, command)   /* C: the command that reproduces the view */   \
	X(TRAINING, training) /* the training strip */                        \
	X(RATIOS, ratios)     /* update ratios per layer and step */          \
	X(LESSON, lesson)     /* the lesson text */                           \
	X(BAR, bar)           /* the bottom bar */                            \
	X(HELP, help)         /* ?: the keys, over everything */

typedef enum {
	TUI_PANEL_NONE = -1,
#define TUI_X(id, name) TUI_PANEL_##id,
	TUI_PANEL_LIST(TUI_X)
#undef TUI_X
	TUI_PANEL_COUNT
} tui_panel;

/* A rectangle of the screen: top row, left column, rows, columns. */
typedef struct tui_rect {
	int y, x, h, w;
} tui_rect;

#endif
