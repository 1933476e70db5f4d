/* SPDX-License-Identifier: MIT */
/* Training, lessons and saving wired into the running view: keys, the
 * loop's work, the bottom panels' rows, saving the screen. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "tui/draw.h"
#include "view/save.h"
#include "tui/teach_app.h"

void tui_teach_init(tui_app *app, const tui_options *opt)
{
	tui_teach *t = &app->teach;
	*t = (tui_teach){0};
	tui_train_init(&t->train, opt ? opt->lr : 0);
	t->train.random_readout = opt && opt->random_readout;
	tui_lessons_init(&t->les, opt ? opt->lessons : NULL,
			 opt ? opt->lesson : 0);
	if (opt && opt->notice && *opt->notice)
		snprintf(app->model.msg, sizeof app->model.msg, "%s",
			 opt->notice);
}

void tui_teach_done(tui_app *app)
{
	tui_train_done(&app->teach.train);
}

void tui_teach_reset(tui_app *app)
{
	tui_train_reset(&app->teach.train);
}

/* A trainer whose network is gone (a new computation) is forgotten. */
static void sync(tui_app *app)
{
	if (app->teach.train.tr && app->teach.gen != app->comp.gen)
		tui_teach_reset(app);
}

/* Why no step can be taken now that the computation ended; NULL: it can. */
static const char *cannot(const tui_app *app)
{
	if (app->pending || tui_compute_busy(&app->comp))
		return NULL; /* steps wait for it */
	if (!app->comp.net || app->comp.st != IV_OK)
		return iv_status_str(app->comp.st == IV_OK ? IV_ENOMEM
							   : app->comp.st);
	return NULL;
}

static unsigned lr_key(tui_app *app, double f)
{
	tui_model *m = &app->model;
	tui_train *t = &app->teach.train;
	switch (tui_train_scale_lr(t, f)) {
	case TUI_LR_LIMIT:
		snprintf(m->msg, sizeof m->msg,
			 "learning rate stays %g (limit)", t->lr);
		return TUI_F_REDRAW;
	case TUI_LR_SET:
		snprintf(m->msg, sizeof m->msg, "learning rate %g", t->lr);
		return TUI_F_REDRAW;
	default:
		snprintf(m->msg, sizeof m->msg,
			 "learning rate %g: training starts again from the "
			 "initial weights",
			 t->lr);
		return TUI_F_RECOMPUTE; /* the initial weights drawn again */
	}
}

static unsigned train_key(tui_app *app, tui_action a)
{
	tui_train *t = &app->teach.train;
	const char *why = cannot(app);
	if (why && a != TUI_A_TRAIN_RESET) {
		snprintf(app->model.msg, sizeof app->model.msg,
			 "cannot train: %s", why);
		return TUI_F_REDRAW;
	}
	switch (a) {
	case TUI_A_TRAIN_STEP: tui_train_ask(t); return TUI_F_REDRAW;
	case TUI_A_TRAIN_RUN: tui_train_toggle(t); return TUI_F_REDRAW;
	default: break;
	}
	if (tui_train_steps(t) == 0) { /* the weights are the initial ones */
		tui_train_reset(t);
		return TUI_F_REDRAW;
	}
	snprintf(app->model.msg, sizeof app->model.msg,
		 "training reset: back to the initial weights");
	return TUI_F_RECOMPUTE;
}

/* Training as the lesson sets it: its readout, and its learning rate when
 * it names one (clamped as < and > clamp; else the current rate stays). */
static void lesson_training(tui_train *t, const iv_lesson *les)
{
	if (!les)
		return;
	t->random_readout = les->random_readout;
	if (!(les->lr > 0))
		return;
	t->lr = les->lr < TUI_LR_MIN   ? TUI_LR_MIN
		: les->lr > TUI_LR_MAX ? TUI_LR_MAX
				       : les->lr;
}

bool tui_teach_dispatch(tui_app *app, tui_action a, unsigned *flags)
{
	tui_lessons *l = &app->teach.les;
	sync(app);
	switch (a) {
	case TUI_A_TRAIN_STEP:
	case TUI_A_TRAIN_RUN:
	case TUI_A_TRAIN_RESET: *flags = train_key(app, a); return true;
	case TUI_A_LR_DOWN: *flags = lr_key(app, 0.5); return true;
	case TUI_A_LR_UP: *flags = lr_key(app, 2.0); return true;
	case TUI_A_LESSON_PREV:
	case TUI_A_LESSON_NEXT:
		if (!tui_lessons_go(l, &app->model,
				    a == TUI_A_LESSON_NEXT ? 1 : -1)) {
			*flags = TUI_F_REDRAW;
			return true;
		}
		lesson_training(&app->teach.train, tui_lessons_current(l));
		*flags = TUI_F_RECOMPUTE;
		return true;
	case TUI_A_LESSON_TEXT:
		if (!tui_lessons_current(l))
			snprintf(app->model.msg, sizeof app->model.msg,
				 "no lesson is shown: . starts the first");
		l->shown = !l->shown && tui_lessons_current(l);
		*flags = TUI_F_REDRAW;
		return true;
	case TUI_A_SAVE_SCREEN:
		tui_teach_save(app);
		*flags = TUI_F_REDRAW;
		return true;
	default: return false;
	}
}

bool tui_teach_run(tui_app *app, double budget)
{
	tui_train *t = &app->teach.train;
	const char *why;
	sync(app);
	if (!tui_train_burst(t) || app->pending ||
	    tui_compute_busy(&app->comp) || app->theory.panel != TUI_PANEL_NONE)
		return false; /* not while a theory panel hides the strip */
	if ((why = cannot(app))) {
		t->queued = 0;
		t->running = false;
		snprintf(app->model.msg, sizeof app->model.msg,
			 "cannot train: %s", why);
		return true;
	}
	iv_status st = tui_train_run(t, app->comp.net, budget);
	tui_compute_refresh(&app->comp);
	app->teach.gen = app->comp.gen;
	tui_train_note(t, app->comp.net);
	if (st != IV_OK)
		snprintf(app->model.msg, sizeof app->model.msg,
			 "training stopped: %s", iv_status_str(st));
	tui_app_trace(app, "train steps=%zu loss=%g", tui_train_steps(t),
		  tui_train_loss(t));
	return true;
}

bool tui_teach_busy(const tui_app *app)
{
	return app->teach.train.queued > 0 &&
	       app->theory.panel == TUI_PANEL_NONE;
}

int tui_teach_wait_ms(const tui_app *app, int idle_ms)
{
	return app->teach.train.running ? TUI_TRAIN_FRAME_MS : idle_ms;
}

bool tui_teach_distinct(const tui_app *app)
{
	return tui_train_active(&app->teach.train) ||
	       tui_lessons_current(&app->teach.les);
}

bool tui_teach_lesson_item(const tui_app *app, char *value, size_t size)
{
	const tui_lessons *l = &app->teach.les;
	if (!tui_lessons_current(l))
		return false;
	snprintf(value, size, "%zu/%zu%s", l->cur, tui_lessons_count(l),
		 tui_lessons_modified(l, &app->model.cfg) ? "*" : "");
	return true;
}

void tui_teach_save(tui_app *app)
{
	char path[4096], err[512];
	size_t len;
	char *text = tui_screen_text(&len);
	if (!text) {
		snprintf(app->model.msg, sizeof app->model.msg,
			 "cannot save the screen: out of memory");
		return;
	}
	if (tui_save_text(tui_save_dir(), time(NULL), text, len, path,
			  sizeof path, err, sizeof err) == 0) {
		snprintf(app->model.msg, sizeof app->model.msg,
			 "screen saved to %.140s", path); /* the bar cuts it */
		tui_app_trace(app, "save %s", path);
	} else {
		snprintf(app->model.msg, sizeof app->model.msg, "%.159s", err);
	}
	free(text);
}
