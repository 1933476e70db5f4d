/* SPDX-License-Identifier: MIT */
/* The view's work between key reads: start a computation, step it within a
 * budget, the predictions of the configuration shown, and each active
 * panel's own work (panel.h). */
#ifndef IV_TUI_WORK_H
#define IV_TUI_WORK_H

#include <stdbool.h>
#include "tui/app.h"

/* Start the pending computation now (a burst of keys allocates once). */
void tui_work_start(tui_app *app);
/* One turn's work, about budget seconds: the predictions and the panels'
 * work, the computation's steps, and when those did nothing the panels'
 * idle work. True when something changed on screen. */
bool tui_work_step(tui_app *app, double budget);
/* Whether work waits: a computation pending or running, predictions not
 * made, an active panel's. */
bool tui_work_busy(const tui_app *app);
/* Start a pending computation and run every piece of work to the end, the
 * panels' included, idle work excepted (tests). */
void tui_work_settle(tui_app *app);

#endif
