/* SPDX-License-Identifier: MIT */
/* The gain calculator without curses: PyTorch's calculate_gain, the gain
 * for q* = 1 and the critical gain where chi1 reaches 1, each with the
 * criticality it gives, kept in tui_theory's gains (view/theory.h). */
#ifndef IV_VIEW_GAINS_H
#define IV_VIEW_GAINS_H

#include <stdbool.h>
#include <initviz/config.h>
#include <initviz/theory.h>
#include "view/theory.h"

/* The smallest sigma_w^2 in 1e-3..1e4 where chi1 reaches 1 or the variance
 * diverges, at sigma_b^2 = sb2, to a relative 1e-10, from q = 1 as
 * iv_theory_criticality (the calculator's rows start from the network's
 * q_1); NAN when none. *jump (may be NULL) is set when chi1 leaps over 1
 * there instead of crossing it. */
double tui_gains_critical_sw2(iv_theory *th, iv_act_kind k, double slope,
			      double sb2, bool *jump);
/* The gain calculator's rows for cfg's activation and sigma_b^2; the
 * "0" pair only the critical gain at sigma_b = 0 (what the phase diagram
 * needs). The update functions return true when they computed. */
bool tui_gains_fresh(const tui_theory *t, const iv_config *cfg);
bool tui_gains_update(tui_theory *t, const iv_config *cfg);
bool tui_gains_fresh0(const tui_theory *t, const iv_config *cfg);
bool tui_gains_update0(tui_theory *t, const iv_config *cfg);

#endif
