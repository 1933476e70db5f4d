/* SPDX-License-Identifier: MIT */
/* A long report's progress line on a terminal (progress.h). */
#include <math.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>
#include "cli/progress.h"

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

/* INITVIZ_PROGRESS: seconds before the line appears, "off" for never
 * (NAN); unset or not a number of seconds, the default. */
static double delay(void)
{
	const char *e = getenv("INITVIZ_PROGRESS");
	char *end;
	if (!e || !*e)
		return CLI_PROGRESS_AFTER;
	if (strcmp(e, "off") == 0)
		return NAN;
	double s = strtod(e, &end);
	return *end == '\0' && s >= 0 && s <= 1e6 ? s : CLI_PROGRESS_AFTER;
}

/* Whether this process owns the terminal fd is: in the background (Ctrl-Z
 * then bg, or started with &) the line was written over the shell's prompt
 * and what was typed after it, four times a second. A terminal that is
 * not the controlling one (-1) is written to as before. Only calls that a
 * signal handler may make. */
static bool foreground(int fd)
{
	pid_t fg = tcgetpgrp(fd);
	return fg == -1 || fg == getpgrp();
}

/* Ctrl-C or a kill while the line is shown: clear it (as stop does; only
 * write(), which a signal handler may call), then die of the signal as
 * before, so that the shell's prompt starts on a clean row and the status
 * stays 130 or 143. */
static volatile sig_atomic_t line_fd = -1, line_len;

static void clear_and_die(int sig)
{
	if (line_fd >= 0 && foreground(line_fd)) {
		char sp[256];
		int n = line_len < (sig_atomic_t)sizeof sp - 2
			    ? (int)line_len
			    : (int)sizeof sp - 2;
		sp[0] = '\r';
		memset(sp + 1, ' ', (size_t)n);
		sp[n + 1] = '\r';
		ssize_t w = write(line_fd, sp, (size_t)n + 2);
		(void)w;
	}
	signal(sig, SIG_DFL);
	raise(sig);
}

static void catch_signals(void)
{
	static const int sigs[] = {SIGINT, SIGTERM, SIGHUP};
	for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
		struct sigaction old, sa = {.sa_handler = clear_and_die};
		sigemptyset(&sa.sa_mask);
		/* only where nothing else has taken the signal */
		if (sigaction(sigs[i], NULL, &old) == 0 &&
		    old.sa_handler == SIG_DFL)
			sigaction(sigs[i], &sa, NULL);
	}
}

void cli_progress_start(cli_progress *p, FILE *f)
{
	double after = delay();
	double t = now();
	*p = (cli_progress){
	    .f = f && isatty(fileno(f)) && !isnan(after) ? f : NULL,
	    .t0 = t,
	    .phase_t0 = t,
	    .after = after};
}

void cli_progress_phase(cli_progress *p, const char *what)
{
	snprintf(p->what, sizeof p->what, "%s", what);
	p->phase_t0 = now();
}

void cli_progress_duration(char *buf, size_t len, double seconds)
{
	double s = seconds > 0 && isfinite(seconds) ? floor(seconds + 0.5) : 0;
	if (s > 99 * 3600.0)
		snprintf(buf, len, "over 99 h");
	else if (s < 60)
		snprintf(buf, len, "%.0f s", s);
	else if (s < 3600)
		snprintf(buf, len, "%.0f min %02.0f s", floor(s / 60),
			 fmod(s, 60));
	else
		snprintf(buf, len, "%.0f h %02.0f min", floor(s / 3600),
			 floor(fmod(s, 3600) / 60));
}

void cli_progress_text(char *buf, size_t len, const char *what, double frac,
		       const char *detail, double elapsed, double in_phase)
{
	char took[32], left[64] = "";
	cli_progress_duration(took, sizeof took, elapsed);
	if (frac >= 0.02 && frac < 1 && in_phase >= 3) {
		char d[32];
		cli_progress_duration(d, sizeof d, in_phase * (1 - frac) / frac);
		snprintf(left, sizeof left, ", about %s left", d);
	}
	snprintf(buf, len, "initviz: %s%s%s, %s%s", what, detail ? ", " : "",
		 detail ? detail : "", took, left);
}

/* Columns of the terminal f writes to (80 when it does not say: 0). One
 * column is one: taken for 80, every rewrite wrapped into rows of single
 * characters. */
static size_t columns(FILE *f)
{
	struct winsize w;
	if (ioctl(fileno(f), TIOCGWINSZ, &w) == 0 && w.ws_col > 0)
		return w.ws_col;
	return 80;
}

void cli_progress_show(cli_progress *p, double frac, const char *detail)
{
	if (!p->f)
		return;
	double t = now();
	if (t - p->t0 < p->after || t - p->last < CLI_PROGRESS_EVERY)
		return;
	p->last = t;
	if (!foreground(fileno(p->f)))
		return;
	char line[256];
	cli_progress_text(line, sizeof line, p->what, frac, detail, t - p->t0,
			  t - p->phase_t0);
	/* one row: a line that wraps could not be taken back with \r */
	size_t n = strlen(line), room = columns(p->f) - 1;
	if (n > room)
		line[n = room] = '\0';
	if (line_fd < 0) {
		line_fd = fileno(p->f);
		catch_signals();
	}
	/* blanks to the row's last column but one, whatever was there: a
	 * longer line before, or what a terminal made narrower and then
	 * wider joined back to the row. (Blanks up to the longest line shown
	 * wrapped once the terminal was narrower, and each update left a row
	 * behind.) */
	fprintf(p->f, "\r%s", line);
	for (size_t i = n; i < room; i++)
		fputc(' ', p->f);
	/* the cursor back after the text, not at the row's end, where what
	 * the terminal echoes (^C) would wrap to the next row */
	fprintf(p->f, "\r%s", line);
	fflush(p->f);
	p->shown = room;
	line_len = (sig_atomic_t)p->shown;
}

void cli_progress_stop(cli_progress *p)
{
	if (p->f && p->shown && foreground(fileno(p->f))) {
		size_t room = columns(p->f) - 1; /* narrower now: no wrap */
		if (p->shown > room)
			p->shown = room;
		fputc('\r', p->f);
		for (size_t i = 0; i < p->shown; i++)
			fputc(' ', p->f);
		fputc('\r', p->f);
		fflush(p->f);
	}
	p->f = NULL;
	p->shown = 0;
	line_len = 0;
}
