/* SPDX-License-Identifier: MIT */
/* Lessons in the view, without curses: which lesson is current, moving to
 * the previous or next one (its configuration becomes the view's), and
 * whether the settings have left it since.
 *
 * A lesson stays current when a setting changes: the student explores from
 * its settings, the panel says "modified", and 0 (reset) returns to them. */
#ifndef IV_VIEW_LESSONS_H
#define IV_VIEW_LESSONS_H

#include <stdbool.h>
#include <stddef.h>
#include "lesson/lesson.h"
#include "view/model.h"

typedef struct tui_lessons {
	const iv_lesson_set *set; /* borrowed; NULL or empty: no lessons */
	size_t cur;               /* 1-based current lesson, 0 when none */
	bool shown;               /* the lesson panel is shown */
	/* The text in pages when it does not fit the panel: the page shown
	 * (0-based; a new lesson starts at 0) and how many the panel's last
	 * frame had (1 when the text fits; the panel sets it). */
	int page, pages;
} tui_lessons;

/* Lessons of set (may be NULL); start is the 1-based lesson the view's
 * configuration came from (the CLI applied it), 0 or out of range: none. */
void tui_lessons_init(tui_lessons *l, const iv_lesson_set *set, size_t start);
size_t tui_lessons_count(const tui_lessons *l);
/* The current lesson, NULL when none. */
const iv_lesson *tui_lessons_current(const tui_lessons *l);

/* Go to the previous (dir -1) or next (+1) lesson: from none, . starts at
 * the first and , at the last. Its configuration replaces the model's
 * (checked like every change; the memory limit and retain stay) and becomes
 * the start that 0 returns to; the panel is shown at the text's first
 * page. Returns true when the
 * configuration was taken (the caller recomputes); false with a notice in
 * m->msg at either end, without lessons, or when the model refused it. */
bool tui_lessons_go(tui_lessons *l, tui_model *m, int dir);

/* Whether two configurations describe the same network (every setting of
 * the command line; not the memory limit, retain or bins). */
bool tui_lessons_config_same(const iv_config *a, const iv_config *b);
/* Whether cfg differs from the current lesson's configuration. */
bool tui_lessons_modified(const tui_lessons *l, const iv_config *cfg);

#endif
