/* SPDX-License-Identifier: MIT */
/* The monotonic clock. */
#include <time.h>
#include "view/clock.h"

double tui_clock_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}
