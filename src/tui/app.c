/* SPDX-License-Identifier: MIT */
/* The view's state set up and torn down; the event trace. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include "tui/app.h"

/* Training and lessons from opt (may be NULL); a notice for the bar. */
static void teaching(tui_app *app, const tui_options *opt)
{
	tui_train_init(&app->train, opt ? opt->lr : 0);
	app->train.random_readout = opt && opt->random_readout;
	tui_lessons_init(&app->les, opt ? opt->lessons : NULL,
			 opt ? opt->lesson : 0);
	app->train.queued = opt ? opt->train_steps : 0;
	app->command = opt ? opt->command : NULL;
	app->command_ctx = opt ? opt->command_ctx : NULL;
	if (opt && opt->notice && *opt->notice)
		snprintf(app->model.msg, sizeof app->model.msg, "%s",
			 opt->notice);
}

int tui_app_init(tui_app *app, const iv_config *cfg, const tui_options *opt)
{
	const char *keys =
	    opt && opt->keys ? opt->keys : getenv("INITVIZ_SCRIPT");
	char err[256];
	*app = (tui_app){.dirty = true,
			 .cover = TUI_PANEL_NONE,
			 .modal = TUI_PANEL_NONE,
			 .tty_in = -1};
	tui_model_init(&app->model, cfg);
	tui_compute_init(&app->comp);
	teaching(app, opt);
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
	tui_app_trace(app, "start clock=%.6f depth=%zu width=%zu batch=%zu",
		      app->trace.t0, app->model.cfg.depth, app->model.cfg.width,
		      app->model.cfg.batch);
	return 0;
}

void tui_app_fatal(tui_app *app, const char *msg)
{
	snprintf(app->fatal, sizeof app->fatal, "%s", msg);
	app->status = 2;
	app->quit = true;
	tui_app_trace(app, "fatal %s", msg);
}

bool tui_app_computing(const tui_app *app)
{
	return app->pending || tui_compute_busy(&app->comp);
}

bool tui_app_teaching(const tui_app *app)
{
	return tui_train_active(&app->train) || tui_lessons_current(&app->les);
}

bool tui_app_theory_trained(const tui_app *app)
{
	return tui_theory_shown(&app->theory, &app->model.cfg) &&
	       tui_train_steps(&app->train) > 0;
}

bool tui_app_theory_shown(const tui_app *app)
{
	return tui_theory_shown(&app->theory, &app->model.cfg) &&
	       tui_train_steps(&app->train) == 0;
}

void tui_app_done(tui_app *app)
{
	tui_compute_done(&app->comp);
	tui_hist_cache_done(&app->cache);
	tui_theory_done(&app->theory);
	tui_train_done(&app->train);
	char err[8]; /* a failure after the loop's close: nothing to say */
	tui_script_free(&app->script);
	tui_trace_close(&app->trace, err, sizeof err);
}

void tui_app_trace(tui_app *app, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	tui_trace_vline(&app->trace, fmt, ap);
	va_end(ap);
}

char *tui_app_command(const tui_app *app)
{
	tui_command_state s = {.cfg = &app->model.cfg,
			       .lesson = app->les.cur,
			       .lr = app->train.lr,
			       .random_readout = app->train.random_readout,
			       .train_steps = tui_train_steps(&app->train)};
	if (!app->command) {
		char *buf = malloc(sizeof "initviz");
		if (buf)
			memcpy(buf, "initviz", sizeof "initviz");
		return buf;
	}
	size_t n = app->command(app->command_ctx, &s, NULL, 0);
	char *buf = malloc(n + 1);
	if (buf)
		app->command(app->command_ctx, &s, buf, n + 1);
	return buf;
}
