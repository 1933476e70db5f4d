/* SPDX-License-Identifier: MIT */
/* The view's architecture settings without curses: normalization, residual
 * blocks on and off, and the residual scale alpha cycled through the rules
 * a practitioner meets: 1 (an unnormalized ResNet), 1/sqrt(L), 1/sqrt(2L)
 * (GPT-2) and 0 (SkipInit, ReZero). L is the depth; a rule that depends on
 * it follows the depth when the depth changes. */
#ifndef IV_VIEW_ARCH_H
#define IV_VIEW_ARCH_H

#include <stdbool.h>
#include <stddef.h>
#include <initviz/config.h>
#include "view/glyphs.h"
#include "view/model.h"

typedef enum {
	TUI_ALPHA_ONE,
	TUI_ALPHA_RSQRT_L,
	TUI_ALPHA_RSQRT_2L,
	TUI_ALPHA_ZERO,
	TUI_ALPHA_COUNT,
	TUI_ALPHA_OTHER = TUI_ALPHA_COUNT /* a value no rule gives */
} tui_alpha;

/* The alpha of a rule at depth L; NAN for TUI_ALPHA_OTHER. */
double tui_alpha_value(tui_alpha a, size_t depth);
/* The rule the configuration's alpha (iv_config_res_scale) follows. */
tui_alpha tui_alpha_of(const iv_config *c);
/* "1", "1/√L", "1/√(2L)", "0" (ASCII: "1/sqrt(L)", ...); NULL for
 * TUI_ALPHA_OTHER. Returns buf. */
const char *tui_alpha_name(tui_alpha a, const tui_glyphs *g, char *buf,
			   size_t size);

/* Keys: true when the configuration changed (a notice in m->msg when
 * not). */
bool tui_model_cycle_norm(tui_model *m);
bool tui_model_residual(tui_model *m);
bool tui_model_cycle_alpha(tui_model *m, int dir);

/* When c changes old's depth and keeps old's explicit alpha, and that
 * alpha was 1/sqrt(L) or 1/sqrt(2L) of old's depth, c's alpha becomes the
 * same rule at c's depth. */
void tui_alpha_follow_depth(const iv_config *old, iv_config *c);

#endif
