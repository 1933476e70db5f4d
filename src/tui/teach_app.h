/* SPDX-License-Identifier: MIT */
/* Training, lessons and saving in the running view (teach_app.c): their
 * keys, their share of the loop's work, the rows they take at the bottom of
 * the screen, and their drawing (draw_train.c, draw_lesson.c).
 *
 * Training works on the network the view computed: tui_teach_run takes the
 * steps asked for once its statistics are complete, then recomputes them
 * at once (a new generation for the caches) so every frame shows the
 * trained weights. Every change of the configuration (TUI_F_RECOMPUTE)
 * forgets the training: tui_loop_apply calls tui_teach_reset. */
#ifndef IV_TUI_TEACH_APP_H
#define IV_TUI_TEACH_APP_H

#include "tui/app.h"

/* Lessons, start lesson, learning rate and notice from opt (may be NULL). */
void tui_teach_init(tui_app *app, const tui_options *opt);
void tui_teach_done(tui_app *app);
/* Forget the training (the configuration changes or x). */
void tui_teach_reset(tui_app *app);
/* The teaching keys: true when it handled a, the flags in *flags. */
bool tui_teach_dispatch(tui_app *app, tui_action a, unsigned *flags);
/* Take the steps asked for (a burst while running) when the network is
 * computed and no theory panel covers the view, within about budget
 * seconds. True when it did any work. */
bool tui_teach_run(tui_app *app, double budget);
/* Steps asked for and not taken yet (a script's Wait waits for them). */
bool tui_teach_busy(const tui_app *app);
/* The key wait of the loop when nothing is computing: a frame while
 * running, else idle_ms. */
int tui_teach_wait_ms(const tui_app *app, int idle_ms);

/* Lay the screen out (app->layout) with the training strip and the lesson
 * panel above the bottom bar when they are shown and fit; collapsed: some
 * layer has collapsed units (the distinct column is wanted anyway). */
void tui_teach_layout(tui_app *app, bool collapsed);
/* Whether the distinct-neuron column shows every layer (training or a
 * lesson), not only collapsed ones. */
bool tui_teach_distinct(const tui_app *app);
/* "3/12" ("3/12*" when the settings left it) for the settings bar;
 * false when no lesson is current. */
bool tui_teach_lesson_item(const tui_app *app, char *value, size_t size);
/* The strip and the panel, where tui_teach_layout put them. */
void tui_teach_draw(tui_app *app);
void tui_draw_train(tui_app *app);  /* draw_train.c */
void tui_draw_lesson(tui_app *app); /* draw_lesson.c */

/* Write the screen's text to a new file (save.h); the status line says
 * where, or why not. */
void tui_teach_save(tui_app *app);

#endif
