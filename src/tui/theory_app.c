/* SPDX-License-Identifier: MIT */
/* The theory in the running view: the keys e, P, J, G and Enter, the
 * arrows inside the phase diagram, and the work done between key reads. */
#include <math.h>
#include "tui/theory_app.h"

/* Whether the panel shown still waits for gains: the critical gain at
 * sigma_b = 0 for the phase diagram, every row for the calculator. */
static bool gains_due(const tui_theory *t, const iv_config *cfg)
{
	return (t->panel == TUI_PANEL_PHASE && !tui_gains_fresh0(t, cfg)) ||
	       (t->panel == TUI_PANEL_GAIN && !tui_gains_fresh(t, cfg));
}

/* Whether the spectrum of the network shown should be computed now;
 * shown: only once a frame has said so (the SVD blocks the loop). */
static bool spectrum_due(const tui_app *app, bool shown)
{
	const tui_theory *t = &app->theory;
	const tui_spectrum *s = &t->spec;
	unsigned gen = app->comp.gen;
	if (t->panel != TUI_PANEL_SPECTRUM || !app->comp.net ||
	    (s->have && s->gen == gen) || !tui_spectrum_ready(app->comp.net))
		return false;
	if (tui_spectrum_estimate(&app->model.cfg) >
		TUI_SPECTRUM_AUTO_SECONDS &&
	    s->asked != gen + 1 &&
	    tui_spectrum_width(&app->model.cfg) <= IV_JACOBIAN_WIDTH_MAX)
		return false; /* waits for Enter */
	return !shown || s->shown == gen + 1;
}

static bool phase_due(const tui_app *app)
{
	const tui_theory *t = &app->theory;
	return t->panel == TUI_PANEL_PHASE &&
	       tui_phase_matches(&t->phase, app->model.cfg.act,
				 app->model.cfg.slope) &&
	       tui_phase_busy(&t->phase);
}

bool tui_theory_run(tui_app *app, double budget)
{
	tui_theory *t = &app->theory;
	const iv_config *cfg = &app->model.cfg;
	double t0 = tui_clock_now();
	bool did = false;
	if (!t->th)
		return false;
	did |= tui_theory_predict_update(t, cfg);
	if (gains_due(t, cfg))
		did |= t->panel == TUI_PANEL_GAIN ? tui_gains_update(t, cfg)
						  : tui_gains_update0(t, cfg);
	if (phase_due(app))
		did |= tui_phase_step(&t->phase, t->th,
				      fmax(budget - (tui_clock_now() - t0), 0));
	if (spectrum_due(app, true)) {
		did |=
		    tui_spectrum_update(&t->spec, app->comp.net, app->comp.gen);
		tui_app_trace(app, "spectrum gen=%u seconds=%.6f status=%d",
			  t->spec.gen, t->spec.seconds, (int)t->spec.st);
	}
	return did;
}

bool tui_theory_busy(const tui_app *app)
{
	const tui_theory *t = &app->theory;
	const iv_config *cfg = &app->model.cfg;
	if (!t->th)
		return false;
	return !tui_theory_predict_fresh(t, cfg) || gains_due(t, cfg) ||
	       phase_due(app) || spectrum_due(app, true);
}

void tui_theory_settle(tui_app *app)
{
	tui_theory *t = &app->theory;
	while (tui_theory_run(app, 1.0))
		;
	if (t->th && spectrum_due(app, false))
		tui_spectrum_update(&t->spec, app->comp.net, app->comp.gen);
}

static void toggle(tui_theory *t, tui_panel p)
{
	t->panel = t->panel == p ? TUI_PANEL_NONE : p;
}

/* The arrows and hjkl in the phase diagram: the next grid point. */
static bool phase_move(tui_app *app, tui_action a, unsigned *flags)
{
	const tui_phase *p = &app->theory.phase;
	tui_model *m = &app->model;
	int dx = 0, dy = 0;
	switch (a) {
	case TUI_A_KNOB_UP: dx = 1; break;
	case TUI_A_KNOB_DOWN: dx = -1; break;
	case TUI_A_UP: dy = 1; break;
	case TUI_A_DOWN: dy = -1; break;
	default: return false;
	}
	if (!tui_phase_matches(p, m->cfg.act, m->cfg.slope))
		return true; /* not laid out yet: the key is dropped */
	double sw2 = iv_theory_sigma_w2(&m->cfg, 1),
	       sb2 = iv_theory_sigma_b2(&m->cfg), to;
	bool changed;
	if (dx) {
		to = tui_phase_next(sw2, p->dx, p->nx, dx);
		changed = to != sw2 && tui_sigma_set_w2(m, to);
	} else {
		to = tui_phase_next(sb2, p->dy, p->ny, dy);
		changed = to != sb2 && tui_sigma_set_b2(m, to);
	}
	if ((dx ? to == sw2 : to == sb2) && !m->msg[0])
		snprintf(m->msg, sizeof m->msg, "edge of the phase diagram");
	*flags = changed ? TUI_F_RECOMPUTE : TUI_F_REDRAW;
	return true;
}

bool tui_theory_dispatch(tui_app *app, tui_action a, unsigned *flags)
{
	tui_theory *t = &app->theory;
	*flags = TUI_F_REDRAW;
	switch (a) {
	case TUI_A_THEORY: t->overlay = !t->overlay; return true;
	case TUI_A_PHASE: toggle(t, TUI_PANEL_PHASE); return true;
	case TUI_A_SPECTRUM: toggle(t, TUI_PANEL_SPECTRUM); return true;
	case TUI_A_GAINS: toggle(t, TUI_PANEL_GAIN); return true;
	case TUI_A_CONFIRM:
		if (t->panel == TUI_PANEL_SPECTRUM)
			t->spec.asked = app->comp.gen + 1;
		return true;
	default: break;
	}
	if (t->panel == TUI_PANEL_NONE)
		return false;
	if (a == TUI_A_CLOSE) {
		t->panel = TUI_PANEL_NONE;
		return true;
	}
	if (t->panel == TUI_PANEL_PHASE && phase_move(app, a, flags))
		return true;
	const tui_action_info *ai = tui_keys_action(a);
	if (ai && ai->group == TUI_G_VIEW)
		t->panel = TUI_PANEL_NONE; /* back to the layers, then do it */
	return ai && ai->group == TUI_G_MOVE; /* nothing to scroll here */
}
