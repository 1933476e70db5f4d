/* SPDX-License-Identifier: MIT */
/* The one input function: script steps first, then the keyboard, with a
 * timeout; a stdin that keeps failing at once is taken as closed. */
#include <errno.h>
#include <string.h>
#include "tui/app.h"
#include "util/escape.h"

/* A script's Save; a failure ends the view with status 2 and a message
 * (a script run without a terminal has no one to read a status line). */
static bool save(tui_app *app, const tui_step *st)
{
	char name[64], script[64], msg[sizeof app->fatal];
	iv_escape_str(name, sizeof name, st->arg);
	tui_trace(app, "save %s", name);
	if (tui_screen_save(st->arg) == 0)
		return true;
	int e = errno;
	iv_escape_str(script, sizeof script,
		      app->script.path ? app->script.path : "");
	snprintf(msg, sizeof msg,
		 "key script %s line %d: cannot save the screen to %s: %s",
		 script, st->line, name,
		 e == EEXIST ? "it exists (initviz does not overwrite files)"
			     : strerror(e));
	tui_fatal(app, msg);
	return false;
}

/* Run script commands up to the next key. Returns the key, ERR to wait
 * (Wait while computing, or the script has ended). */
static int script_key(tui_app *app)
{
	const tui_step *st;
	char name[16];
	while ((st = tui_script_peek(&app->script))) {
		switch (st->kind) {
		case TUI_S_KEY: {
			int key = st->key;
			tui_script_next(&app->script);
			tui_trace(app, "key %s (script)",
				  tui_key_name(key, name, sizeof name));
			return key;
		}
		case TUI_S_WAIT:
			if (tui_app_busy(app))
				return ERR;
			break;
		case TUI_S_SAVE:
			if (!save(app, st))
				return ERR;
			break;
		case TUI_S_RESIZE:
			resizeterm(st->lines, st->cols);
			tui_script_next(&app->script);
			return KEY_RESIZE;
		}
		tui_script_next(&app->script);
	}
	return ERR;
}

static int keyboard(tui_app *app, int timeout_ms)
{
	char name[16], err[sizeof app->fatal];
	double t = tui_now();
	if (timeout_ms != 0) { /* idle: write the trace while there is time */
		tui_trace(app, "wait %d", timeout_ms);
		if (tui_trace_flush(&app->trace, err, sizeof err) != 0) {
			tui_fatal(app, err); /* a trace with holes measures
						 nothing */
			return ERR;
		}
	}
	timeout(timeout_ms);
	int key = getch();
	if (key != ERR) {
		app->fast_errs = 0;
		tui_trace(app, "key %s", tui_key_name(key, name, sizeof name));
		return key;
	}
	if (timeout_ms == 0) /* busy: the gaps between these are the delay */
		tui_trace(app, "poll");
	/* A wait that ends at once without a key, again and again, is a closed
	 * input: stop rather than spin. */
	if (timeout_ms > 0 && tui_now() - t < timeout_ms / 4000.0) {
		if (++app->fast_errs >= TUI_EOF_READS) {
			tui_trace(app, "eof");
			app->quit = true;
		}
	} else {
		app->fast_errs = 0;
	}
	return ERR;
}

int tui_input_read(tui_app *app, int timeout_ms)
{
	if (tui_script_peek(&app->script)) {
		int key = script_key(app);
		if (key != ERR || tui_script_peek(&app->script))
			return key;
	}
	if (app->headless) { /* nothing more will come */
		app->quit = true;
		return ERR;
	}
	return keyboard(app, timeout_ms);
}
