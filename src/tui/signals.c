/* SPDX-License-Identifier: MIT */
/* A flag set by the handler, read by the loop. */
#include <signal.h>
#include <string.h>
#include "tui/signals.h"

static volatile sig_atomic_t pending_signal;

/* Every signal whose default action ends the process (and that a handler
 * can catch), so that none of them leaves the terminal raw and in the
 * alternate screen: the loop quits and the terminal is restored first.
 * CONT repaints. */
static const int caught[] = {SIGINT,  SIGTERM, SIGHUP,  SIGQUIT,   SIGUSR1,
			     SIGUSR2, SIGPIPE, SIGALRM, SIGVTALRM, SIGPROF,
			     SIGXCPU, SIGXFSZ, SIGCONT};
#define NCAUGHT (sizeof caught / sizeof caught[0])
static struct sigaction before[NCAUGHT];

static void on_signal(int sig)
{
	pending_signal = sig;
}

int tui_signals_take(void)
{
	int s = pending_signal;
	pending_signal = 0;
	return s;
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
