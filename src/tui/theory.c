/* SPDX-License-Identifier: MIT */
/* The theory state of the view and the per-configuration predictions. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_errno.h>
#include "tui/theory.h"

bool tui_theory_init(tui_theory *t)
{
	memset(t, 0, sizeof *t);
	gsl_set_error_handler_off(); /* GSL's default handler aborts */
	t->overlay = true;
	t->panel = TUI_PANEL_NONE;
	tui_phase_init(&t->phase);
	tui_spectrum_init(&t->spec);
	t->th = iv_theory_alloc();
	return t->th != NULL;
}

void tui_theory_done(tui_theory *t)
{
	iv_theory_free(t->th);
	free(t->pred.layer);
	tui_phase_done(&t->phase);
	tui_spectrum_done(&t->spec);
	memset(t, 0, sizeof *t);
}

bool tui_theory_applies(iv_init_kind k)
{
	return iv_theory_applies(k);
}

/* Whether a and b agree on every setting the theory reads (not the seed,
 * the batch or the memory limit). */
static bool same_theory(const iv_config *a, const iv_config *b)
{
	if (a->init != b->init || a->std != b->std || a->value != b->value ||
	    a->gain != b->gain || a->mode != b->mode || a->bias != b->bias ||
	    a->bias_std != b->bias_std || a->act != b->act ||
	    a->slope != b->slope || a->depth != b->depth ||
	    a->width != b->width || a->nwidths != b->nwidths ||
	    a->input != b->input)
		return false;
	return memcmp(a->widths, b->widths, a->nwidths * sizeof a->widths[0]) ==
	       0;
}

bool tui_predict_fresh(const tui_theory *t, const iv_config *cfg)
{
	return !t->th || (t->pred.valid && same_theory(&t->pred.key, cfg));
}

bool tui_predict_update(tui_theory *t, const iv_config *cfg)
{
	tui_predict *p = &t->pred;
	if (tui_predict_fresh(t, cfg))
		return false;
	if (cfg->depth > p->cap) {
		iv_theory_layer *l = realloc(p->layer, cfg->depth * sizeof *l);
		if (l) {
			p->layer = l;
			p->cap = cfg->depth;
		}
	}
	p->key = *cfg; /* out of memory too: no layers, and no retrying */
	p->st = cfg->depth > p->cap ? IV_ENOMEM
				    : iv_theory_layers(t->th, cfg, p->layer);
	for (p->finite = 0; p->st == IV_OK && p->finite < cfg->depth;
	     p->finite++)
		if (!(p->layer[p->finite].q <= 1e300))
			break;
	iv_theory_criticality_config(t->th, cfg, &p->crit);
	p->valid = true;
	return true;
}

double tui_predict_std(const tui_theory *t, size_t l, iv_quantity q)
{
	const tui_predict *p = &t->pred;
	double v;
	bool grad = q == IV_Q_GRAD_ACT || q == IV_Q_GRAD_PREACT;
	if (!t->th || !p->valid || p->st != IV_OK || l < 1 || l > p->finite ||
	    !tui_theory_applies(p->key.init))
		return NAN;
	if (grad && p->finite < p->key.depth)
		return NAN; /* the backward recursion starts past the overflow
			     */
	switch (q) {
	case IV_Q_PREACT: v = p->layer[l - 1].preactivation_std; break;
	case IV_Q_ACT: v = p->layer[l - 1].activation_std; break;
	case IV_Q_GRAD_ACT: v = p->layer[l - 1].grad_activation_std; break;
	case IV_Q_GRAD_PREACT:
		v = p->layer[l - 1].grad_preactivation_std;
		break;
	default: return NAN;
	}
	return isfinite(v) ? v : NAN;
}
