/* SPDX-License-Identifier: MIT */
/* The theory state of the view and the per-configuration predictions. */
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_errno.h>
#include "view/clock.h"
#include "view/phase.h"
#include "view/text.h"
#include "view/theory.h"
#include "util/number.h"

bool tui_theory_init(tui_theory *t)
{
	memset(t, 0, sizeof *t);
	gsl_set_error_handler_off(); /* GSL's default handler aborts */
	t->overlay = true;
	tui_phase_init(&t->phase);
	tui_spectrum_init(&t->spec);
	t->th = iv_theory_alloc();
	return t->th != NULL;
}

void tui_theory_done(tui_theory *t)
{
	iv_theory_job_free(t->job);
	iv_theory_free(t->th);
	free(t->pred.layer);
	free(t->prev.layer);
	tui_phase_done(&t->phase);
	tui_spectrum_done(&t->spec);
	memset(t, 0, sizeof *t);
}

bool tui_theory_applies(iv_init_kind k)
{
	return iv_theory_applies(k);
}

bool tui_theory_same_config(const iv_config *a, const iv_config *b)
{
	if (a->init != b->init || a->std != b->std || a->value != b->value ||
	    a->gain != b->gain || a->mode != b->mode || a->bias != b->bias ||
	    a->bias_std != b->bias_std || a->act != b->act ||
	    a->slope != b->slope || a->depth != b->depth ||
	    a->width != b->width || a->nwidths != b->nwidths ||
	    a->input != b->input || a->norm != b->norm ||
	    a->residual != b->residual ||
	    !(a->res_scale == b->res_scale ||
	      (isnan(a->res_scale) && isnan(b->res_scale))))
		return false;
	return memcmp(a->widths, b->widths, a->nwidths * sizeof a->widths[0]) ==
	       0;
}

bool tui_theory_predict_fresh(const tui_theory *t, const iv_config *cfg)
{
	return !t->th ||
	       (t->pred.valid && tui_theory_same_config(&t->pred.key, cfg));
}

/* The predicted mean square singular value of dh_L/dx: E||J v||^2 over a
 * unit v gains n_l / n_(l-1) sigma_w^2 E[phi'(z_l)^2] per layer; the mean
 * over min(n_0, n_L) values is n_L / min(n_0, n_L) times the product.
 * E[phi'^2] of zero-mean z only (the engine's dphi2). Whether it applies: */
static bool jacobian_applies(const iv_config *cfg, const tui_predict *p)
{
	return p->st == IV_OK && p->finite >= cfg->depth &&
	       iv_config_bias_mean(cfg, 1) == 0 &&
	       iv_theory_applies(cfg->init);
}

/* Layers at a time between looks at the clock. */
#define PREDICT_CHUNK 8

/* The next piece of pred's computation; true when it is complete. */
static bool predict_piece(tui_theory *t, const iv_config *cfg)
{
	tui_predict *p = &t->pred;
	if (t->job) {
		if ((p->st = iv_theory_job_run(t->job, PREDICT_CHUNK)) ==
		    IV_CONTINUE)
			return false;
		iv_theory_job_free(t->job);
		t->job = NULL;
		for (p->finite = 0;
		     p->st == IV_OK && p->finite < cfg->depth; p->finite++)
			if (!(p->layer[p->finite].q <= 1e300))
				break;
		iv_theory_criticality_config(t->th, cfg, &p->crit);
		t->jl = 0;
		t->jms = 1;
		if (!jacobian_applies(cfg, p))
			t->jl = SIZE_MAX;
		return false;
	}
	for (size_t k = 0; k < PREDICT_CHUNK && t->jl < cfg->depth; k++) {
		size_t l = ++t->jl;
		t->jms *= iv_theory_sigma_w2(cfg, l) *
			  iv_theory_dphi2(t->th, cfg->act, cfg->slope,
					  p->layer[l - 1].q);
	}
	if (t->jl < cfg->depth)
		return false;
	double n0 = (double)iv_config_units(cfg, 0),
	       nl = (double)iv_config_units(cfg, cfg->depth);
	p->jacobian_ms = t->jl == SIZE_MAX ? NAN : t->jms * nl / fmin(n0, nl);
	p->valid = true;
	return true;
}

bool tui_theory_predict_update(tui_theory *t, const iv_config *cfg,
			       double budget)
{
	tui_predict *p = &t->pred;
	if (tui_theory_predict_fresh(t, cfg))
		return false;
	double t0 = tui_clock_now();
	if (!t->job && !(p->key_set && !p->valid &&
			 tui_theory_same_config(&p->key, cfg))) {
		/* the one before becomes the current (its numbers, when it
		 * is cfg's), the current the one before: a key and its
		 * opposite compute once */
		tui_predict was = t->pred;
		t->pred = t->prev;
		t->prev = was;
		if (tui_theory_predict_fresh(t, cfg))
			return true;
		if (cfg->depth > p->cap) {
			iv_theory_layer *l =
			    realloc(p->layer, cfg->depth * sizeof *l);
			if (l) {
				p->layer = l;
				p->cap = cfg->depth;
			}
		}
		p->key = *cfg; /* out of memory too: no layers, no retrying */
		p->key_set = true;
		p->valid = false;
		p->st = IV_ENOMEM;
		if (cfg->depth <= p->cap)
			t->job = iv_theory_job_start(t->th, cfg, p->layer,
						     &p->st);
		if (!t->job) { /* what it could not start is said as such */
			p->finite = 0;
			iv_theory_criticality_config(t->th, cfg, &p->crit);
			p->jacobian_ms = NAN;
			p->valid = true;
			return true;
		}
	} else if (t->job && !tui_theory_same_config(&p->key, cfg)) {
		iv_theory_job_free(t->job); /* a setting changed meanwhile */
		t->job = NULL;
		p->key_set = false;
		return tui_theory_predict_update(t, cfg, budget);
	}
	while (!predict_piece(t, cfg))
		if (tui_clock_now() - t0 >= budget)
			break;
	return true;
}

double tui_theory_predict_std(const tui_theory *t, size_t l, iv_quantity q)
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

bool tui_theory_shown(const tui_theory *t, const iv_config *cfg)
{
	return t->overlay && tui_theory_predict_fresh(t, cfg) &&
	       t->pred.valid && t->pred.st == IV_OK &&
	       tui_theory_applies(cfg->init);
}

/* The criticality when the theory speaks of cfg. */
static const iv_criticality *crit(const tui_theory *t, const iv_config *cfg)
{
	/* the fixed point and chi1 describe plain unnormalized layers only,
	 * as the report's criticality does */
	if (!t->th || !tui_theory_predict_fresh(t, cfg) || !t->pred.valid ||
	    !tui_theory_applies(cfg->init) || cfg->residual ||
	    cfg->norm != IV_NORM_NONE)
		return NULL;
	return &t->pred.crit;
}

bool tui_theory_chi_item(const tui_theory *t, const iv_config *cfg,
			 const tui_glyphs *g, char *label, size_t lsize,
			 char *value, size_t vsize)
{
	const iv_criticality *c = crit(t, cfg);
	char b[32];
	if (!c)
		return false;
	/* the theory follows layer 1's map: say so where the layers' maps
	 * differ (a widths list gives each layer its own sigma_w^2) */
	bool same = true;
	for (size_t l = 2; l <= cfg->depth && same; l++)
		same = iv_theory_sigma_w2(cfg, l) == iv_theory_sigma_w2(cfg, 1);
	snprintf(label, lsize, "%s%s", same ? "" : "layer 1 ", g->chi);
	if (isnan(c->chi1)) /* not computed: the word alone, when known */
		snprintf(value, vsize, "%s",
			 tui_phase_word(tui_phase_classify(c)));
	else
		snprintf(value, vsize, "%s %s",
			 c->chi1 < DBL_MIN && isfinite(c->log10_chi1)
			     ? iv_pow10_text(b, sizeof b, c->log10_chi1, 3)
			     : tui_glyphs_number(g, c->chi1, b, sizeof b),
			 tui_phase_word(tui_phase_classify(c)));
	return true;
}

bool tui_theory_fix_item(const tui_theory *t, const iv_config *cfg,
			 const tui_glyphs *g, char *label, size_t lsize,
			 char *value, size_t vsize)
{
	const iv_criticality *c = crit(t, cfg);
	if (!c)
		return false;
	snprintf(label, lsize, "q*");
	tui_theory_q_text(g, c, value, vsize);
	return true;
}

bool tui_theory_xi_item(const tui_theory *t, const iv_config *cfg,
			const tui_glyphs *g, char *label, size_t lsize,
			char *value, size_t vsize)
{
	const iv_criticality *c = crit(t, cfg);
	char a[32], b[32];
	if (!c)
		return false;
	snprintf(label, lsize, "%s", g->xic);
	snprintf(value, vsize, "%s  %s %s",
		 tui_glyphs_number(g, c->depth_scale_correlation, a, sizeof a),
		 g->xig, tui_glyphs_number(g, c->depth_scale, b, sizeof b));
	return true;
}

char *tui_theory_var_text(double v, char *buf, size_t size)
{
	if (isinf(v) && v > 0) {
		snprintf(buf, size, ">1.8e308");
		return buf;
	}
	return tui_text_number(v, buf, size);
}

char *tui_theory_q_text(const tui_glyphs *g, const iv_criticality *c, char *buf,
			size_t size)
{
	if (c->kind == IV_FIXED_STABLE && isinf(c->q_star)) {
		/* past a double's range (a bias over 1e154), not infinite */
		snprintf(buf, size, ">1.8e308");
		return buf;
	}
	if (c->kind == IV_FIXED_STABLE)
		return tui_glyphs_number(g, c->q_star, buf, size);
	snprintf(buf, size, "%s", iv_fixed_kind_name(c->kind));
	return buf;
}

char *tui_theory_xi_text(const tui_glyphs *g, const iv_criticality *c,
			 char *buf, size_t size)
{
	char a[32], b[32];
	snprintf(buf, size, "%s %s  %s %s", g->xic,
		 tui_glyphs_number(g, c->depth_scale_correlation, a, sizeof a),
		 g->xig, tui_glyphs_number(g, c->depth_scale, b, sizeof b));
	return buf;
}

bool tui_theory_why_text(const tui_theory *t, const iv_config *cfg, double ms,
			 const tui_glyphs *g, char *buf, size_t size)
{
	const iv_criticality *c = crit(t, cfg);
	const tui_predict *p = &t->pred;
	double pm = p->jacobian_ms;
	char q0[32], qs[32], ql[32], b[32];
	if (!c || c->kind != IV_FIXED_STABLE ||
	    tui_phase_classify(c) != TUI_CHI_CRITICAL || !isfinite(pm) ||
	    !(fabs(pm - 1) > 0.1) || !(fabs(ms - 1) > 0.1) ||
	    (ms < 1) != (pm < 1))
		return false;
	snprintf(buf, size,
		 "Why critical yet %s: %s = 1 only at the fixed point q* = %s; "
		 "here q goes from %s to %s over %zu layer%s, where each layer "
		 "%s lengths (theory: mean square %s).",
		 pm < 1 ? "vanishing" : "exploding", g->chi,
		 tui_text_number(c->q_star, qs, sizeof qs),
		 tui_text_number(c->q_start, q0, sizeof q0),
		 tui_text_number(p->layer[cfg->depth - 1].q, ql, sizeof ql),
		 cfg->depth, cfg->depth == 1 ? "" : "s",
		 pm < 1 ? "shrinks" : "stretches",
		 tui_text_number(pm, b, sizeof b));
	return true;
}
