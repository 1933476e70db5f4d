/* SPDX-License-Identifier: MIT */
/* What each action does to the model, and the flags it returns. */
#include "tui/teach_app.h"
#include "tui/theory_app.h"

/* Settings actions: true when the configuration changed. */
static bool settings(tui_model *m, tui_action a)
{
	switch (a) {
	case TUI_A_INIT_NEXT: return tui_model_cycle_init(m, +1);
	case TUI_A_INIT_PREV: return tui_model_cycle_init(m, -1);
	case TUI_A_KNOB_UP: return tui_model_scale_knob(m, TUI_KNOB_FINE);
	case TUI_A_KNOB_DOWN: return tui_model_scale_knob(m, 1 / TUI_KNOB_FINE);
	case TUI_A_KNOB_UP2: return tui_model_scale_knob(m, TUI_KNOB_COARSE);
	case TUI_A_KNOB_DOWN2:
		return tui_model_scale_knob(m, 1 / TUI_KNOB_COARSE);
	case TUI_A_MODE_NEXT: return tui_model_cycle_mode(m);
	case TUI_A_ACT_NEXT: return tui_model_cycle_act(m, +1);
	case TUI_A_ACT_PREV: return tui_model_cycle_act(m, -1);
	case TUI_A_DEPTH_UP: return tui_model_depth(m, +1);
	case TUI_A_DEPTH_DOWN: return tui_model_depth(m, -1);
	case TUI_A_WIDTH_UP: return tui_model_width(m, +1);
	case TUI_A_WIDTH_DOWN: return tui_model_width(m, -1);
	case TUI_A_BATCH_UP: return tui_model_batch(m, +1);
	case TUI_A_BATCH_DOWN: return tui_model_batch(m, -1);
	case TUI_A_INPUT_NEXT: return tui_model_cycle_input(m, +1);
	case TUI_A_INPUT_PREV: return tui_model_cycle_input(m, -1);
	case TUI_A_BIAS_UP: return tui_model_bias(m, +1);
	case TUI_A_BIAS_DOWN: return tui_model_bias(m, -1);
	case TUI_A_SEED_NEXT: return tui_model_seed(m, +1);
	case TUI_A_SEED_PREV: return tui_model_seed(m, -1);
	case TUI_A_RESET: return tui_model_reset(m);
	default: return false;
	}
}

/* View and scrolling actions: true when handled. */
static bool view(tui_model *m, tui_action a)
{
	switch (a) {
	case TUI_A_PREACT: m->preact = !m->preact; break;
	case TUI_A_GRADW: m->grad_weights = !m->grad_weights; break;
	case TUI_A_RANGE: m->per_layer = !m->per_layer; break;
	case TUI_A_LOGCOUNT: m->log_counts = !m->log_counts; break;
	case TUI_A_SUBSET: tui_viewport_cycle_subset(m); break;
	case TUI_A_LAYOUT:
		m->view = (tui_view)((m->view + 1) % TUI_VIEW_COUNT);
		break;
	case TUI_A_DOWN: tui_viewport_scroll(m, 1); break;
	case TUI_A_UP: tui_viewport_scroll(m, -1); break;
	case TUI_A_PAGE_DOWN: tui_viewport_page(m, 1); break;
	case TUI_A_PAGE_UP: tui_viewport_page(m, -1); break;
	case TUI_A_HOME: tui_viewport_home(m); break;
	case TUI_A_END: tui_viewport_end(m); break;
	case TUI_A_HELP:
		m->help = true;
		m->help_top = 0;
		break;
	default: return false;
	}
	return true;
}

/* With the help shown, moves scroll it and any other key closes it. */
static unsigned help(tui_model *m, tui_action a)
{
	switch (a) {
	case TUI_A_DOWN: m->help_top++; break;
	case TUI_A_UP: m->help_top -= m->help_top > 0; break;
	case TUI_A_PAGE_DOWN: m->help_top += 10; break;
	case TUI_A_PAGE_UP:
		m->help_top = m->help_top > 10 ? m->help_top - 10 : 0;
		break;
	case TUI_A_HOME: m->help_top = 0; break;
	case TUI_A_END: m->help_top = (size_t)-1 / 2; break; /* draw clamps */
	default: m->help = false; break;
	}
	return TUI_F_REDRAW;
}

unsigned tui_actions_dispatch(tui_app *app, tui_action a)
{
	tui_model *m = &app->model;
	switch (a) {
	case TUI_A_RESIZE: return TUI_F_RESIZE;
	case TUI_A_REDRAW: return TUI_F_FULL;
	default: break;
	}
	m->msg[0] = '\0';
	if (m->help)
		return help(m, a);
	if (a == TUI_A_QUIT)
		return TUI_F_QUIT;
	unsigned f;
	if (tui_theory_dispatch(app, a, &f))
		return f;
	if (tui_teach_dispatch(app, a, &f))
		return f;
	if (a == TUI_A_NONE || a == TUI_A_CLOSE)
		return TUI_F_REDRAW; /* the notice, if any, goes */
	if (view(m, a))
		return TUI_F_REDRAW;
	return settings(m, a) ? TUI_F_RECOMPUTE : TUI_F_REDRAW;
}
