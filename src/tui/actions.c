/* SPDX-License-Identifier: MIT */
/* Actions: the view's own, the panels' keys, then each panel in turn; and
 * the keys of the prompt while it is open. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <config.h>
#include "tui/actions.h"
#include "tui/panel.h"
#include "tui/screen.h"
#include "view/save.h"
#include "view/savefig.h"

/* Why the figure cannot be drawn now; NULL: it can (the network's own
 * statistics, both passes done, are those shown). */
static const char *no_figure(const tui_app *app)
{
	const tui_compute *c = &app->comp;
	if (!c->net || tui_app_computing(app) || c->st != IV_OK)
		return "the network is not computed yet";
	if (!tui_compute_readable(c) || !iv_net_done(c->net))
		return "training is under way; pause and save again";
	return NULL;
}

/* The same figure as --format=svg, beside the text saved at txt: the
 * message says where, or why not. */
static void save_figure(tui_app *app, const char *txt, const char *cmd)
{
	char svg[4096];
	const char *why = no_figure(app);
	const tui_predict *p = &app->theory.pred;
	const iv_theory_layer *th =
	    iv_theory_applies(app->model.cfg.init) &&
		    tui_theory_predict_fresh(&app->theory, &app->model.cfg) &&
		    p->st == IV_OK
		? p->layer
		: NULL;
	if (!why &&
	    tui_save_figure(txt, app->comp.net, tui_train_steps(&app->train),
			    app->train.lr, th, cmd, svg, sizeof svg) != 0)
		why = errno == EEXIST ? "its .svg name is taken"
				      : strerror(errno);
	if (why) {
		snprintf(app->model.msg, sizeof app->model.msg,
			 "screen saved to %.80s (no figure: %.48s)", txt, why);
		return;
	}
	snprintf(app->model.msg, sizeof app->model.msg,
		 "screen saved to %.130s and .svg", txt); /* the bar cuts it */
	tui_app_trace(app, "save %s", svg);
}

/* S: a handout to a new file, the command line that reproduces the view
 * first, then the screen without the key bar, and the figure of the
 * network beside it; the bar says where, or why not. */
static void save_screen(tui_app *app)
{
	char path[4096], err[512];
	size_t len;
	time_t now = time(NULL);
	const tui_rect *bar = &app->rect[TUI_PANEL_BAR];
	char *screen = tui_screen_text(&len), *text = NULL;
	char *cmd = tui_app_command(app);
	if (screen && cmd)
		text = tui_save_handout(cmd, PACKAGE_VERSION, now, screen,
					bar->h > 0 ? bar->y : -1, &len);
	free(screen);
	if (!text) {
		free(cmd);
		snprintf(app->model.msg, sizeof app->model.msg,
			 "cannot save the screen: out of memory");
		return;
	}
	if (tui_save_text(tui_save_dir(), now, text, len, path, sizeof path,
			  err, sizeof err) == 0) {
		tui_app_trace(app, "save %s", path);
		save_figure(app, path, cmd);
	} else {
		snprintf(app->model.msg, sizeof app->model.msg, "%.159s", err);
	}
	free(text);
	free(cmd);
}

/* : and /: open the prompt in the bottom row; the notice goes. */
static void open_prompt(tui_app *app, tui_action a)
{
	tui_prompt_open(&app->prompt,
			a == TUI_A_PROMPT_SET ? TUI_PROMPT_SET
					      : TUI_PROMPT_JUMP,
			&app->model);
	app->prompting = true;
	tui_app_trace(app, "prompt %s", tui_prompt_label(&app->prompt));
}

/* A key for the open prompt: edited, refused, cancelled or applied. */
static unsigned prompt_key(tui_app *app, int key)
{
	tui_prompt_result r =
	    tui_prompt_key(&app->prompt, key, &app->model, &app->train);
	if (r == TUI_PROMPT_OPEN)
		return TUI_F_REDRAW;
	app->prompting = false;
	tui_app_trace(app, "prompt closed: %s", app->model.msg);
	switch (r) {
	case TUI_PROMPT_CONFIG:
	case TUI_PROMPT_LR_RESET: /* the initial weights drawn again */
		return TUI_F_RECOMPUTE;
	default: return TUI_F_REDRAW;
	}
}

unsigned tui_actions_key(tui_app *app, int key)
{
	tui_action a = tui_keys_lookup(key);
	if (app->prompting && a != TUI_A_RESIZE && a != TUI_A_REDRAW)
		return prompt_key(app, key);
	return tui_actions_dispatch(app, a);
}

/* The key of a cover or modal panel opens or closes it. */
static bool panel_key(tui_app *app, tui_action a)
{
	for (int p = 0; p < TUI_PANEL_COUNT; p++) {
		const tui_panel_ops *o = tui_panels_ops((tui_panel)p);
		if ((o->slot == TUI_SLOT_COVER || o->slot == TUI_SLOT_MODAL) &&
		    o->key == a && a != TUI_A_NONE) {
			tui_panels_toggle(app, (tui_panel)p);
			return true;
		}
	}
	return false;
}

unsigned tui_actions_dispatch(tui_app *app, tui_action a)
{
	unsigned f = TUI_F_REDRAW;
	switch (a) {
	case TUI_A_RESIZE: return TUI_F_RESIZE;
	case TUI_A_REDRAW: return TUI_F_FULL;
	default: break;
	}
	app->model.msg[0] = '\0';
	if (app->modal != TUI_PANEL_NONE) {
		tui_panels_ops(app->modal)->handle(app, a, &f);
		return f;
	}
	if (a == TUI_A_QUIT)
		return TUI_F_QUIT;
	if (a == TUI_A_PROMPT_SET || a == TUI_A_PROMPT_JUMP) {
		open_prompt(app, a);
		return TUI_F_REDRAW;
	}
	if (a == TUI_A_SAVE_SCREEN) {
		save_screen(app);
		return TUI_F_REDRAW;
	}
	if (panel_key(app, a))
		return TUI_F_REDRAW;
	if (tui_panels_handle(app, a, &f))
		return f;
	return TUI_F_REDRAW; /* unbound or Esc: the notice, if any, goes */
}
