/* SPDX-License-Identifier: MIT */
/* Entry of the interactive view: find a terminal (or a headless screen for
 * scripts), catch signals, run the loop, and restore the terminal on every
 * way out. */
#include <errno.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <curses.h>
#include "tui/app.h"
#include "tui/colors.h"
#include "tui/loop.h"
#include "tui/screen.h"
#include "tui/signals.h"
#include "util/escape.h"
#include <term.h> /* last: it defines macros such as "lines" */

/* Why the terminal cannot be used, NULL when it can. TERM is quoted cut
 * and escaped: it may hold anything, a terminal's own escape sequences
 * (a window title's) or thousands of bytes. */
static const char *no_terminal(char *buf, size_t size)
{
	const char *term = getenv("TERM");
	char brief[IV_BRIEF_MAX + 1], name[IV_BRIEF_MAX + 1];
	int err = 0;
	if (!isatty(STDIN_FILENO))
		return "stdin is not a terminal";
	if (!isatty(STDOUT_FILENO))
		return "stdout is not a terminal";
	if (!term || !*term)
		return "TERM is not set";
	iv_brief(brief, sizeof brief, term, IV_BRIEF_MAX);
	iv_escape_str(name, sizeof name, brief);
	if (setupterm(term, STDOUT_FILENO, &err) != OK) {
		snprintf(buf, size, "unknown terminal type \"%s\"", name);
		return buf;
	}
	bool addressable = cursor_address != NULL;
	del_curterm(cur_term);
	if (!addressable) {
		snprintf(buf, size, "terminal \"%s\" cannot move the cursor",
			 name);
		return buf;
	}
	return NULL;
}

/* A screen size from the environment: a whole number in 1..1000, else def. */
static int env_int(const char *name, int def)
{
	const char *s = getenv(name);
	char *end;
	if (!s || !*s)
		return def;
	errno = 0;
	long v = strtol(s, &end, 10);
	return errno == 0 && *end == '\0' && v > 0 && v <= 1000 ? (int)v : def;
}

/* Append terminfo capability cap (when the terminal has it) to buf. */
static void add_cap(char *buf, size_t size, const char *cap)
{
	char *s = tigetstr(cap);
	size_t n = strlen(buf);
	if (s && s != (char *)-1 && n + strlen(s) < size)
		snprintf(buf + n, size - n, "%s", s);
}

/* Ctrl-S is a key, not XOFF: with flow control on, it stopped the
 * terminal's output, so the view froze in the middle of a frame, its keys
 * unanswered and SIGTERM not taken (the loop stays in the blocked write)
 * until Ctrl-Q. curses' program mode keeps the change (a resume after
 * Ctrl-Z restores it); endwin restores the shell's. */
static void no_flow_control(int fd)
{
	struct termios t;
	if (tcgetattr(fd, &t) != 0 || !(t.c_iflag & IXON))
		return;
	t.c_iflag &= ~(tcflag_t)IXON;
	if (tcsetattr(fd, TCSANOW, &t) == 0)
		def_prog_mode();
}

static SCREEN *open_tty(void)
{
	struct termios tio;
	bool have_tio = tcgetattr(fileno(stdout), &tio) == 0;
	/* the terminal's own size, not LINES and COLUMNS from the environment:
	 * left exported by a shell or a script (stale after a resize), they
	 * drew a screen of another size on it, scrambled, and a huge one kept
	 * the screen from opening. They are for a terminal that does not know
	 * its size (a serial line), and count there. */
	struct winsize ws;
	use_tioctl(ioctl(fileno(stdout), TIOCGWINSZ, &ws) == 0 &&
		   ws.ws_row > 0 && ws.ws_col > 0);
	SCREEN *scr = newterm(NULL, stdout, stdin);
	if (!scr)
		return NULL;
	if (have_tio) { /* a crash restores the terminal as endwin would */
		char seq[256] = "";
		add_cap(seq, sizeof seq, "sgr0");
		add_cap(seq, sizeof seq, "cnorm");
		add_cap(seq, sizeof seq, "rmcup");
		tui_signals_fatal_arm(fileno(stdout), &tio, seq);
	}
	cbreak();
	noecho();
	no_flow_control(fileno(stdout));
	keypad(stdscr, TRUE);
	curs_set(0);
	set_escdelay(25);
	typeahead(-1); /* finish each frame: the loop polls keys itself */
	return scr;
}

int tui_run(const iv_config *cfg, const tui_options *opt)
{
	char why[160];
	const char *keys =
	    opt && opt->keys ? opt->keys : getenv("INITVIZ_SCRIPT");
	bool script = keys && *keys;
	const char *bad =
	    opt && opt->headless ? "headless" : no_terminal(why, sizeof why);
	tui_app app;
	SCREEN *scr;
	int status;

	setlocale(LC_ALL, "");
	setlocale(LC_NUMERIC, "C"); /* numbers look the same in every locale */
	if (bad && !script) {
		fprintf(stderr,
			"initviz: no terminal (%s); use --report for a text "
			"report\n",
			bad);
		return 2;
	}
	if ((status = tui_app_init(&app, cfg, opt)) != 0)
		return status;
	app.headless = bad != NULL;
	/* caught before the screen opens (raw, alternate screen): a signal
	 * from then on ends the loop, which restores the terminal */
	tui_signals_catch();
	scr = app.headless ? tui_screen_headless(env_int("INITVIZ_LINES", 24),
						 env_int("INITVIZ_COLS", 80))
			   : open_tty();
	if (!scr) {
		tui_signals_default();
		tui_app_done(&app);
		fprintf(stderr, "initviz: no terminal (cannot open the "
				"screen); use --report for a text report\n");
		return 2;
	}
	if (!app.headless)
		app.tty_in = fileno(stdin); /* newterm reads it */
	tui_colors_init();
	status = tui_loop(&app);
	/* a terminal without an alternate screen (vt100, the Linux console)
	 * keeps the last picture, and the shell's prompt comes on its last
	 * row, where endwin leaves the cursor: blank that row first */
	move(LINES - 1, 0);
	clrtoeol();
	refresh();
	endwin();
	tui_signals_fatal_disarm();
	tui_signals_default();
	delscreen(scr);
	if (app.fatal[0])
		fprintf(stderr, "initviz: %s\n", app.fatal);
	tui_app_done(&app);
	return status;
}
