/* SPDX-License-Identifier: MIT */
/* A flag set by the handler, read by the loop. */
#include <signal.h>
#include <string.h>
#include "tui/signals.h"

static volatile sig_atomic_t pending_signal;
static const int sigs[] = {SIGINT, SIGTERM, SIGHUP, SIGCONT};

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
	for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
		sigaction(sigs[i], &sa, NULL);
}

void tui_signals_default(void)
{
	for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
		signal(sigs[i], SIG_DFL);
}
