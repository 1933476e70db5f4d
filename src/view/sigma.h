/* SPDX-License-Identifier: MIT */
/* From theory coordinates to settings without curses: sigma_w^2 through
 * the scheme's std or gain, sigma_b^2 through the bias std. */
#ifndef IV_VIEW_SIGMA_H
#define IV_VIEW_SIGMA_H

#include <stdbool.h>
#include <initviz/config.h>
#include "view/model.h"

/* The std or gain (sign kept) that makes the first layer's fan_in Var(W)
 * equal sw2; NAN when the scheme has no such knob or the theory does not
 * apply to it. */
double tui_sigma_knob_for_w2(const iv_config *cfg, double sw2);
/* Set sigma_w^2 through the knob, or sigma_b^2 = bias^2 + bias_std^2
 * through the bias std, as other settings are set (tui_model_commit).
 * True when the configuration changed; a notice in m->msg when refused. */
bool tui_sigma_set_w2(tui_model *m, double sw2);
bool tui_sigma_set_b2(tui_model *m, double sb2);

#endif
