/* SPDX-License-Identifier: MIT */
/* The main loop: draw when something changed, read a key with a timeout,
 * dispatch it and act on the flags (then draw again at once), otherwise
 * step the engine within a budget. */
#include <signal.h>
#include "tui/app.h"
#include "tui/draw.h"
#include "tui/teach_app.h"
#include "tui/theory_app.h"

void tui_apply(tui_app *app, unsigned f)
{
	if (f & TUI_F_RECOMPUTE) { /* cancel now, start when keys stop */
		tui_teach_reset(app); /* training ends with its network */
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
	int sig = tui_signal_take();
	if (!sig)
		return;
	tui_trace(app, "signal %d", sig);
	if (sig == SIGCONT) {
		tui_apply(app, TUI_F_FULL);
		return;
	}
	app->status = 128 + sig;
	app->quit = true;
}

static void step(tui_app *app)
{
	bool was_busy = tui_compute_busy(&app->comp);
	if (tui_theory_run(app, TUI_BUDGET))
		app->dirty = true;
	if (!tui_compute_run(&app->comp, TUI_BUDGET)) {
		if (tui_teach_run(app, TUI_BUDGET)) /* the network is done */
			app->dirty = true;
		return;
	}
	app->dirty = true;
	if (was_busy && !tui_compute_busy(&app->comp))
		tui_trace(app, "done gen=%u seconds=%.6f status=%d",
			  app->comp.gen, app->comp.seconds, (int)app->comp.st);
}

static void draw(tui_app *app)
{
	double t = tui_now();
	tui_draw(app);
	doupdate();
	app->dirty = false;
	tui_trace(app, "frame %.6f", tui_now() - t);
}

int tui_loop(tui_app *app)
{
	while (!app->quit) {
		take_signal(app);
		if (app->quit)
			break;
		if (app->dirty)
			draw(app);
		int key = tui_input_read(
		    app, tui_app_busy(app) ? 0
					   : tui_teach_wait_ms(app, TUI_IDLE_MS));
		if (key != ERR) { /* answer it (draw) before more work */
			tui_apply(app, tui_dispatch(app, tui_keys_lookup(key)));
			continue;
		}
		if (app->quit) /* end of input */
			break;
		if (app->pending)
			tui_app_start(app); /* a burst of keys allocates once */
		step(app);
	}
	char err[sizeof app->fatal];
	tui_trace(app, "quit status=%d", app->status);
	if (tui_trace_close(&app->trace, err, sizeof err) != 0)
		tui_fatal(app, err);
	return app->status;
}
