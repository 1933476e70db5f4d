/* SPDX-License-Identifier: MIT */
/* The view's clock: monotonic seconds, for budgets, timings and the trace. */
#ifndef IV_VIEW_CLOCK_H
#define IV_VIEW_CLOCK_H

/* Seconds on CLOCK_MONOTONIC. */
double tui_clock_now(void);

#endif
