/* SPDX-License-Identifier: MIT */
/* Theory beside measurement, without curses: the mean-field predictions and
 * criticality of the configuration shown (cached per configuration), and
 * the state of the gain calculator (view/gains.h), the phase diagram and the
 * Jacobian spectrum. Moving (sigma_w^2, sigma_b^2) through the settings is
 * view/sigma.h.
 *
 * Call order: tui_theory_init once (it also turns GSL's aborting error
 * handler off); tui_theory_predict_update(t, cfg, budget) and, while the gain
 * calculator or the phase diagram is shown, tui_gains_update(t, cfg) whenever
 * cfg may have changed: they work only when a setting the theory reads differs
 * from the cached one. tui_theory_done at the end. */
#ifndef IV_VIEW_THEORY_H
#define IV_VIEW_THEORY_H

#include <stdbool.h>
#include <stddef.h>
#include <initviz/net.h>
#include <initviz/theory.h>
#include "view/cobweb.h"
#include "view/glyphs.h"
#include "view/phase.h"
#include "view/spectrum.h"

#define TUI_SIGMA_B2_MAX 1.0 /* top of the phase diagram */

typedef struct tui_predict {
	bool valid;             /* complete */
	bool key_set;           /* key is set (valid or under way) */
	iv_config key;          /* the configuration predicted */
	iv_status st;           /* of iv_theory_layers */
	iv_theory_layer *layer; /* key.depth entries */
	size_t cap;
	size_t finite;       /* leading layers whose q is finite (below 1e300):
				past an overflow the engine's numbers mean nothing */
	iv_criticality crit; /* of the first layer (criticality_config) */
	/* The mean square singular value of the input-output Jacobian the
	 * recursion predicts: n_L / min(n_0, n_L) times the product over
	 * layers of sigma_w^2 E[phi'(z_l)^2] at each layer's q. NAN where
	 * that is not computed: biases with a mean, q past 1e300. */
	double jacobian_ms;
} tui_predict;

/* A gain (sigma_w: the gain of lecun-*, and of xavier-* on a square
 * layer) and the criticality it gives. */
typedef struct tui_gain_row {
	double gain;
	iv_criticality c;
	bool jump; /* critical rows: chi1 leaps over 1 rather than crossing */
} tui_gain_row;

typedef struct tui_gains {
	bool valid0, valid; /* crit0 for act, slope and input0; the rest also
			     * for sb2 */
	iv_act_kind act;
	double slope, sb2;
	double bias;         /* the biases' mean, with sb2 the rows' key */
	iv_input_kind input; /* and the inputs, whose q_1 the rows start at */
	bool torch_defined; /* PyTorch's calculate_gain has a value */
	tui_gain_row torch; /* calculate_gain, or 1 */
	tui_gain_row unit;  /* q* = 1 at the configuration's biases */
	/* chi1 = 1 at sigma_b = 0, from the q_1 of inputs input0: where chi1
	 * jumps (gelu, silu) the edge depends on where q starts */
	tui_gain_row crit0;
	iv_input_kind input0;
	tui_gain_row critb; /* chi1 = 1 at the configuration's biases
			     * (sb2 > 0 only) */
} tui_gains;

typedef struct tui_theory {
	iv_theory *th; /* NULL when out of memory: nothing is predicted */
	bool overlay;  /* e: predictions drawn beside the measurements */
	tui_predict pred;
	tui_predict prev; /* the configuration predicted before: a setting
			     changed back is predicted again at no cost */
	/* pred's computation under way: its layers' job, then the Jacobian's
	 * product up to layer jl (pred.valid once done) */
	iv_theory_job *job;
	size_t jl;
	double jms;
	tui_gains gains;
	tui_phase phase;
	tui_spectrum spec;
	tui_cobweb cobweb; /* M: the length and correlation maps */
} tui_theory;

/* Overlay on. False when out of memory (t->th is NULL). */
bool tui_theory_init(tui_theory *t);
void tui_theory_done(tui_theory *t);

/* Whether the theory describes scheme k: independent zero-mean random
 * weights (not zeros, ones, constant or identity). */
bool tui_theory_applies(iv_init_kind k);

/* Whether a and b agree on every setting the theory reads (not the seed,
 * the batch or the memory limit). */
bool tui_theory_same_config(const iv_config *a, const iv_config *b);
/* Whether the predictions are those of cfg (complete); compute them if
 * not, for about budget seconds at most (they come a few layers at a
 * time: at depth 1000 they take 0.2 s), true when it worked. */
bool tui_theory_predict_fresh(const tui_theory *t, const iv_config *cfg);
bool tui_theory_predict_update(tui_theory *t, const iv_config *cfg,
			       double budget);
/* The predicted std of quantity q of layer l (1..depth); NAN when there is
 * none (weight gradients, not computed, theory not applicable). */
double tui_theory_predict_std(const tui_theory *t, size_t l, iv_quantity q);

/* Whether the overlay is on and has predictions of cfg to draw. */
bool tui_theory_shown(const tui_theory *t, const iv_config *cfg);
/* The criticality of cfg as settings-bar items: label "chi1", value "0.98
 * vanishing"; label "q*", value "0.39" ("diverges" or "neutral" where there
 * is no q*); label "xi_c", value "50  xi_g 50" (the depth scales of
 * correlations and of gradients). False when the theory has nothing to say
 * (not computed, not random weights). */
bool tui_theory_chi_item(const tui_theory *t, const iv_config *cfg,
			 const tui_glyphs *g, char *label, size_t lsize,
			 char *value, size_t vsize);
bool tui_theory_fix_item(const tui_theory *t, const iv_config *cfg,
			 const tui_glyphs *g, char *label, size_t lsize,
			 char *value, size_t vsize);
bool tui_theory_xi_item(const tui_theory *t, const iv_config *cfg,
			const tui_glyphs *g, char *label, size_t lsize,
			char *value, size_t vsize);
/* Why the bar can say "critical" while the Jacobian of this depth shrinks
 * or stretches lengths: chi1 is the slope at the fixed point q*, and these
 * inputs start elsewhere. One sentence into buf when cfg is critical with a
 * stable q*, and both the predicted (jacobian_ms) and the measured mean
 * square ms are more than 10% from 1 on the same side; false otherwise. */
bool tui_theory_why_text(const tui_theory *t, const iv_config *cfg, double ms,
			 const tui_glyphs *g, char *buf, size_t size);
/* q* as text: the number when stable (">1.8e308" when it is past a
 * double's range), else "diverges" or "neutral"; and
 * both depth scales, "xi_c 21.7  xi_g 9.97". Return buf. */
/* A mean-field variance (sigma_w^2, sigma_b^2, q) as tui_text_number
 * writes it, but ">1.8e308" for +Inf: past a double's range (a bias or
 * weight std over about 1e154), not infinite. Returns buf. */
char *tui_theory_var_text(double v, char *buf, size_t size);
char *tui_theory_q_text(const tui_glyphs *g, const iv_criticality *c, char *buf,
			size_t size);
char *tui_theory_xi_text(const tui_glyphs *g, const iv_criticality *c,
			 char *buf, size_t size);

#endif
