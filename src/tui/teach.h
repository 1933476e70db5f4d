/* SPDX-License-Identifier: MIT */
/* The teaching parts of the view's state, without curses: training, the
 * lessons, and where their panels go on the screen (teach_app.h has the
 * functions that work on the running view). */
#ifndef IV_TUI_TEACH_H
#define IV_TUI_TEACH_H

#include "view/lessons.h"
#include "view/train.h"

#define TUI_STRIP_H        2  /* rows of the training strip */
#define TUI_TRAIN_FRAME_MS 40 /* key wait between frames of a run */

typedef struct tui_teach {
	tui_train train;
	tui_lessons les;
	unsigned gen;           /* the computation the trainer belongs to */
	int strip_y, strip_h;   /* the training strip; strip_h 0: hidden */
	int lesson_y, lesson_h; /* the lesson panel; lesson_h 0: hidden */
} tui_teach;

#endif
