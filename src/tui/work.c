/* SPDX-License-Identifier: MIT */
/* The computation, the predictions and the panels' work, turn by turn. */
#include "tui/panel.h"
#include "tui/work.h"

void tui_work_start(tui_app *app)
{
	app->pending = false;
	app->dirty = true;
	tui_compute_start(&app->comp, &app->model.cfg);
	tui_app_trace(app, "compute gen=%u status=%d", app->comp.gen,
		      (int)app->comp.st);
}

/* The predictions of the configuration shown, then the panels' work. */
static bool theory_and_panels(tui_app *app, double budget)
{
	double t0 = tui_clock_now();
	bool did = false;
	if (app->theory.th)
		did |= tui_theory_predict_update(&app->theory, &app->model.cfg,
						 budget);
	double left = budget - (tui_clock_now() - t0);
	return tui_panels_run(app, left > 0 ? left : 0, false) || did;
}

bool tui_work_step(tui_app *app, double budget)
{
	bool was_busy = tui_compute_busy(&app->comp), did;
	did = theory_and_panels(app, budget);
	if (!tui_compute_run(&app->comp, budget))
		return tui_panels_run(app, budget, true) || did;
	if (was_busy && !tui_compute_busy(&app->comp))
		tui_app_trace(app, "done gen=%u seconds=%.6f status=%d",
			      app->comp.gen, app->comp.seconds,
			      (int)app->comp.st);
	return true;
}

bool tui_work_busy(const tui_app *app)
{
	return tui_app_computing(app) ||
	       (app->theory.th &&
		!tui_theory_predict_fresh(&app->theory, &app->model.cfg)) ||
	       tui_panels_busy(app);
}

void tui_work_settle(tui_app *app)
{
	if (app->pending)
		tui_work_start(app);
	while (tui_compute_run(&app->comp, 1.0))
		;
	app->settling = true;
	while (theory_and_panels(app, 1.0))
		;
	app->settling = false;
}
