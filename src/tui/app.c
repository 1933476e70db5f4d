/* SPDX-License-Identifier: MIT */
/* The view's state set up and torn down; the event trace. */
#include <stdarg.h>
#include <stdlib.h>
#include "tui/teach_app.h"
#include "tui/theory_app.h"

int tui_app_init(tui_app *app, const iv_config *cfg, const tui_options *opt)
{
	const char *keys =
	    opt && opt->keys ? opt->keys : getenv("INITVIZ_SCRIPT");
	char err[256];
	*app = (tui_app){.dirty = true};
	tui_model_init(&app->model, cfg);
	tui_compute_init(&app->comp);
	tui_teach_init(app, opt);
	tui_hist_cache_init(&app->cache);
	app->gl = tui_glyphs_pick(opt && opt->ascii);
	app->fixed_time = getenv("INITVIZ_FIXED_TIME");
	if (app->fixed_time && !*app->fixed_time)
		app->fixed_time = NULL;
	if (keys && *keys &&
	    tui_script_load(&app->script, keys, err, sizeof err)) {
		fprintf(stderr, "initviz: %s\n", err);
		return 2;
	}
	if (opt && opt->trace &&
	    tui_trace_open(&app->trace, opt->trace, err, sizeof err)) {
		fprintf(stderr, "initviz: %s\n", err);
		tui_script_free(&app->script);
		return 2;
	}
	app->comp.trace = &app->trace; /* steps, with their layers */
	tui_theory_init(&app->theory); /* without memory: no theory shown */
	app->pending = true; /* the loop starts it after the first frame */
	tui_trace(app, "start clock=%.6f depth=%zu width=%zu batch=%zu",
		  app->trace.t0, app->model.cfg.depth, app->model.cfg.width,
		  app->model.cfg.batch);
	return 0;
}

void tui_fatal(tui_app *app, const char *msg)
{
	snprintf(app->fatal, sizeof app->fatal, "%s", msg);
	app->status = 2;
	app->quit = true;
	tui_trace(app, "fatal %s", msg);
}

bool tui_app_busy(const tui_app *app)
{
	return app->pending || tui_compute_busy(&app->comp) ||
	       tui_theory_busy(app) || tui_teach_busy(app);
}

void tui_app_start(tui_app *app)
{
	app->pending = false;
	app->dirty = true;
	tui_compute_start(&app->comp, &app->model.cfg);
	tui_trace(app, "compute gen=%u status=%d", app->comp.gen,
		  (int)app->comp.st);
}

void tui_app_settle(tui_app *app)
{
	if (app->pending)
		tui_app_start(app);
	while (tui_compute_run(&app->comp, 1.0))
		;
	tui_theory_settle(app);
}

void tui_app_done(tui_app *app)
{
	tui_compute_done(&app->comp);
	tui_hist_cache_done(&app->cache);
	tui_theory_done(&app->theory);
	tui_teach_done(app);
	char err[8]; /* a failure after the loop's close: nothing to say */
	tui_script_free(&app->script);
	tui_trace_close(&app->trace, err, sizeof err);
}

void tui_trace(tui_app *app, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	tui_trace_vline(&app->trace, fmt, ap);
	va_end(ap);
}
