/* SPDX-License-Identifier: MIT */
/* A flag set by the handler, read by the loop. */
#include <signal.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include "tui/signals.h"

/* A request to quit and a repaint are kept apart: HUP or TERM while
 * suspended comes in with the CONT that resumes, in either order (and on
 * any thread), and the quit must not be lost to the repaint. The first
 * quit is kept. */
static volatile sig_atomic_t pending_quit;
static volatile sig_atomic_t pending_cont;

/* Every signal whose default action ends the process (and that a handler
 * can catch), so that none of them leaves the terminal raw and in the
 * alternate screen: the loop quits and the terminal is restored first.
 * CONT repaints. */
static const int caught[] = {SIGINT,  SIGTERM, SIGHUP,  SIGQUIT,   SIGUSR1,
			     SIGUSR2, SIGPIPE, SIGALRM, SIGVTALRM, SIGPROF,
			     SIGXCPU, SIGXFSZ, SIGCONT};
#define NCAUGHT (sizeof caught / sizeof caught[0])
static struct sigaction before[NCAUGHT];

static void on_signal(int sig);

int tui_signals_take(void)
{
	int s = pending_quit;
	if (s) {
		pending_quit = 0;
		return s;
	}
	if (pending_cont) {
		pending_cont = 0;
		return SIGCONT;
	}
	return 0;
}

void tui_signals_catch(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < NCAUGHT; i++) {
		sigaction(caught[i], NULL, &before[i]);
		if (before[i].sa_handler != SIG_IGN)
			sigaction(caught[i], &sa, NULL);
	}
}

void tui_signals_default(void)
{
	for (size_t i = 0; i < NCAUGHT; i++)
		sigaction(caught[i], &before[i], NULL);
}

/* The crash signals: a bug, not a request to quit. Their handler cannot
 * go back to the loop; it restores the terminal itself with what is safe
 * in a handler (write, tcsetattr) and lets the signal take its default
 * action (status, core) again. */
static const int fatal[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT};
#define NFATAL (sizeof fatal / sizeof fatal[0])
static struct sigaction fatal_before[NFATAL];
static int fatal_fd = -1;
static struct termios fatal_tio;
static char fatal_seq[256];
static size_t fatal_len;
static bool fatal_armed;

/* Restore the terminal and die of sig, from a handler. */
static void die_of(int sig)
{
	if (fatal_fd >= 0) {
		ssize_t w = write(fatal_fd, fatal_seq, fatal_len);
		(void)w;
		tcsetattr(fatal_fd, TCSANOW, &fatal_tio);
	}
	signal(sig, SIG_DFL);
	raise(sig); /* blocked until the handler returns (no SA_NODEFER) */
}

static void on_fatal(int sig)
{
	die_of(sig);
}

static void on_signal(int sig)
{
	if (sig == SIGCONT) {
		pending_cont = 1;
	} else if (!pending_quit) {
		pending_quit = sig;
	} else if (fatal_fd >= 0) {
		/* a second request while the first still waits: the loop is
		 * held up (an SVD asked for with Enter takes minutes and
		 * cannot be cut), so quit from here, the terminal restored
		 * as for a crash */
		die_of(sig);
	}
}

void tui_signals_fatal_arm(int fd, const struct termios *tio,
			   const char *seq)
{
	struct sigaction sa;
	size_t n = strlen(seq);
	fatal_len = n < sizeof fatal_seq ? n : 0;
	memcpy(fatal_seq, seq, fatal_len);
	fatal_tio = *tio;
	fatal_fd = fd;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_fatal;
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < NFATAL; i++) {
		sigaction(fatal[i], NULL, &fatal_before[i]);
		if (fatal_before[i].sa_handler == SIG_DFL)
			sigaction(fatal[i], &sa, NULL);
	}
	fatal_armed = true;
}

void tui_signals_fatal_disarm(void)
{
	if (!fatal_armed)
		return;
	for (size_t i = 0; i < NFATAL; i++)
		sigaction(fatal[i], &fatal_before[i], NULL);
	fatal_fd = -1;
	fatal_armed = false;
}
