/* SPDX-License-Identifier: MIT */
/* The main loop: draw when something changed, read a key with a timeout,
 * dispatch it and act on the flags (then draw again at once), otherwise
 * work within a budget. */
#include <signal.h>
#include <curses.h>
#include "tui/actions.h"
#include "tui/frame.h"
#include "tui/input.h"
#include "tui/loop.h"
#include "tui/panel.h"
#include "tui/signals.h"
#include "tui/work.h"

void tui_loop_apply(tui_app *app, unsigned f)
{
	if (f & TUI_F_RECOMPUTE) { /* cancel now, start when keys stop */
		tui_train_reset(
		    &app->train); /* training ends with its network */
		tui_compute_cancel(&app->comp);
		app->pending = true;
	}
	if (f & TUI_F_FULL)
		clearok(curscr, TRUE);
	if (f & (TUI_F_REDRAW | TUI_F_RECOMPUTE | TUI_F_RESIZE | TUI_F_FULL))
		app->dirty = true;
	if (f & TUI_F_QUIT)
		app->quit = true;
}

/* Quit on a terminating signal (status 128 + signal); repaint after CONT. */
static void take_signal(tui_app *app)
{
	int sig = tui_signals_take();
	if (!sig)
		return;
	tui_app_trace(app, "signal %d", sig);
	if (sig == SIGCONT) {
		tui_loop_apply(app, TUI_F_FULL);
		return;
	}
	app->status = 128 + sig;
	app->quit = true;
}

static void draw(tui_app *app)
{
	double t = tui_clock_now();
	tui_frame_prepare(app);
	tui_frame_draw(app);
	doupdate();
	app->dirty = false;
	tui_app_trace(app, "frame %.6f", tui_clock_now() - t);
}

int tui_loop(tui_app *app)
{
	while (!app->quit) {
		take_signal(app);
		if (app->quit)
			break;
		if (app->dirty)
			draw(app);
		/* a run works turn after turn, while its strip is shown */
		bool run = app->train.running &&
			   tui_panels_active(app, TUI_PANEL_TRAINING);
		int wait = tui_work_busy(app) || run ? 0 : TUI_IDLE_MS;
		int key = tui_input_read(app, wait);
		if (key != ERR) { /* answer it (draw) before more work */
			tui_loop_apply(app, tui_actions_key(app, key));
			continue;
		}
		if (app->quit) /* end of input */
			break;
		if (app->pending)
			tui_work_start(
			    app); /* a burst of keys allocates once */
		if (tui_work_step(app, TUI_BUDGET))
			app->dirty = true;
	}
	char err[sizeof app->fatal];
	tui_app_trace(app, "quit status=%d", app->status);
	if (tui_trace_close(&app->trace, err, sizeof err) != 0)
		tui_app_fatal(app, err);
	return app->status;
}
