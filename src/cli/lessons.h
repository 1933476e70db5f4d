/* SPDX-License-Identifier: MIT */
/* Gathering lessons: built-in, the user's config directory, --lessons FILE. */
#ifndef IV_CLI_LESSONS_H
#define IV_CLI_LESSONS_H

#include <stdio.h>
#include "lesson/lesson.h"

/* Fill set with the built-in lessons, then those of every *.lessons file
 * in $XDG_CONFIG_HOME/initviz/ (~/.config/initviz/) in name order, then
 * those of file (may be NULL). A file that cannot be read or parsed is
 * skipped with one line on warn ("initviz: FILE:LINE: ..."); returns the
 * number of such files. */
int cli_lessons(iv_lesson_set *set, const char *file, FILE *warn);

/* "1. All zeros: nothing moves" per lesson. */
void cli_list_lessons(const iv_lesson_set *set, FILE *f);

#endif
