/* SPDX-License-Identifier: MIT */
/* The one input function: script steps first, then the keyboard, with a
 * timeout; a stdin that keeps failing at once, or has hung up, is taken as
 * closed. */
#include <curses.h>
#include <errno.h>
#include <poll.h>
#include <string.h>
#include "tui/input.h"
#include "tui/screen.h"
#include "tui/work.h"
#include "view/save.h"
#include "util/escape.h"

/* A script's Save; a failure ends the view with status 2 and a message
 * (a script run without a terminal has no one to read a status line). */
static bool save(tui_app *app, const tui_step *st)
{
	/* long names shortened in the middle (util/escape.h), so that the
	 * message keeps the file's name and the reason (escapes that would
	 * lengthen a name past the buffer are cut: the message must fit) */
	char brief[IV_BRIEF_MAX + 1], name[IV_BRIEF_MAX + 1];
	char script[IV_BRIEF_MAX + 1], msg[sizeof app->fatal];
	iv_brief(brief, sizeof brief, st->arg, IV_BRIEF_MAX);
	iv_escape_str(name, sizeof name, brief);
	tui_app_trace(app, "save %s", name);
	if (tui_screen_save(st->arg) == 0)
		return true;
	int e = errno;
	iv_brief(brief, sizeof brief, app->script.path ? app->script.path : "",
		 IV_BRIEF_MAX);
	iv_escape_str(script, sizeof script, brief);
	snprintf(msg, sizeof msg,
		 "key script %s line %d: cannot save the screen to %s: %s",
		 script, st->line, name,
		 e == EEXIST ? TUI_SAVE_EXISTS : strerror(e));
	tui_app_fatal(app, msg);
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
			tui_app_trace(app, "key %s (script)",
				      tui_keys_name(key, name, sizeof name));
			return key;
		}
		case TUI_S_WAIT:
			if (tui_work_busy(app))
				return ERR;
			break;
		case TUI_S_SAVE:
			if (!save(app, st))
				return ERR;
			break;
		case TUI_S_RESIZE:
			if (!app->headless) {
				/* a terminal keeps its own size: a screen
				 * drawn at another one is scrambled on it,
				 * until the window itself is resized */
				tui_app_trace(app, "resize skipped");
				break;
			}
			resizeterm(st->lines, st->cols);
			tui_script_next(&app->script);
			return TUI_KEY_RESIZE;
		}
		tui_script_next(&app->script);
	}
	return ERR;
}

/* The view's code of a curses key code: characters stay, the named keys
 * become TUI_KEY_*, an unknown curses code stays as it is (it is bound to
 * nothing). */
static int view_key(int key)
{
	static const struct {
		int curses, view;
	} map[] = {
	    {KEY_UP, TUI_KEY_UP},
	    {KEY_DOWN, TUI_KEY_DOWN},
	    {KEY_LEFT, TUI_KEY_LEFT},
	    {KEY_RIGHT, TUI_KEY_RIGHT},
	    {KEY_PPAGE, TUI_KEY_PGUP},
	    {KEY_NPAGE, TUI_KEY_PGDN},
	    {KEY_HOME, TUI_KEY_HOME},
	    {KEY_END, TUI_KEY_END},
	    {KEY_BACKSPACE, TUI_KEY_BACKSPACE},
	    {KEY_RESIZE, TUI_KEY_RESIZE},
	};
	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
		if (map[i].curses == key)
			return map[i].view;
	if (key >= KEY_F(1) && key <= KEY_F(12))
		return TUI_KEY_F(key - KEY_F0);
	return key;
}

/* The rest of a CSI sequence from its first byte after ESC [: parameters
 * and intermediates, then the final byte. */
static void csi_tail(int c)
{
	while (c >= 0x20 && c <= 0x3f)
		c = getch();
	if (c != ERR && !(c >= 0x40 && c <= 0x7e)) /* not its final byte */
		ungetch(c);
}

/* After an ESC: whether a CSI (ESC [ ...) or SS3 (ESC O x) sequence came
 * with it, read to its end. Such a sequence is a key the terminfo entry
 * does not name (Home as ESC [ 1 ~ where TERM=xterm says ESC O H, F13,
 * Ctrl-arrows), which curses hands on as ESC and its bytes: each would be
 * taken for a key ('[' halves the knob, '0' resets every setting, 'D'
 * removes a layer). Bytes that arrive with the ESC came from the terminal,
 * not from a hand (curses waits ESCDELAY for them). */
static bool escape_sequence(void)
{
	timeout(0);
	int c = getch();
	if (c != '[' && c != 'O') {
		if (c != ERR)
			ungetch(c);
		return false;
	}
	int next = getch();
	if (next == ERR) { /* Esc, then [ or O typed: not a sequence */
		ungetch(c);
		return false;
	}
	if (c == 'O') /* SS3: next was its final character */
		return true;
	c = next;
	if (c == 'M') { /* an X10 mouse report: three bytes follow */
		for (int i = 0; i < 3 && getch() != ERR; i++)
			;
		return true;
	}
	csi_tail(c == '[' ? getch() : c); /* the Linux console's ESC [ [ A */
	return true;
}

/* The rest of a mouse report after curses' KEY_MOUSE. initviz never asks
 * for them; they come when a program before left the terminal reporting,
 * and their bytes would be keys ("0;10;10M": '0' resets every setting).
 * SGR reports (ESC [ < 0;10;10M) go on with digits to a final M or m,
 * X10 ones (ESC [ M) with three bytes. */
static void mouse_report(void)
{
	timeout(0);
	int c = getch();
	if (c >= '0' && c <= '9') {
		csi_tail(c);
		return;
	}
	for (int i = 1; i < 3 && c != ERR; i++)
		c = getch();
}

/* Whether the terminal whose input is fd has hung up (its window closed
 * while SIGHUP is ignored): a read then fails at once, which a busy loop's
 * zero timeout cannot tell from no key, so a run or a long computation
 * would go on without anyone to see it. */
static bool hung_up(int fd)
{
	struct pollfd p = {.fd = fd, .events = POLLIN};
	return fd >= 0 && poll(&p, 1, 0) == 1 &&
	       (p.revents & (POLLHUP | POLLERR | POLLNVAL)) != 0;
}

static int keyboard(tui_app *app, int timeout_ms)
{
	char name[16], err[sizeof app->fatal];
	double t = tui_clock_now();
	if (timeout_ms != 0) { /* idle: write the trace while there is time */
		tui_app_trace(app, "wait %d", timeout_ms);
		if (tui_trace_flush(&app->trace, err, sizeof err) != 0) {
			tui_app_fatal(app, err); /* a trace with holes
						     measures nothing */
			return ERR;
		}
	}
	timeout(timeout_ms);
	int key = getch();
	if (key != ERR) {
		if (key == KEY_MOUSE)
			mouse_report();
		key = key == KEY_MOUSE || (key == TUI_ESC && escape_sequence())
			  ? TUI_KEY_UNKNOWN
			  : view_key(key);
		app->fast_errs = 0;
		tui_app_trace(app, "key %s",
			      tui_keys_name(key, name, sizeof name));
		return key;
	}
	if (timeout_ms == 0) { /* busy: the gaps between these are the delay */
		tui_app_trace(app, "poll");
		if (hung_up(app->tty_in)) {
			tui_app_trace(app, "hangup");
			app->quit = true;
			return ERR;
		}
	}
	/* A wait that ends at once without a key, again and again, is a closed
	 * input: stop rather than spin. */
	if (timeout_ms > 0 && tui_clock_now() - t < timeout_ms / 4000.0) {
		if (++app->fast_errs >= TUI_EOF_READS) {
			tui_app_trace(app, "eof");
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
