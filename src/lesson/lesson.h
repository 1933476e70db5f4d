/* SPDX-License-Identifier: MIT */
/* Lessons: a configuration, a few lines of explanation, and what to look at.
 *
 * File format (UTF-8 text, one setting per line; a leading byte-order mark
 * is skipped):
 *   # a comment
 *   [lesson]                  starts a lesson
 *   title = All zeros         required, at most 79 bytes
 *   text = one line           1 to 5 lines of explanation, in order
 *   look = what to watch      optional pointer to the screen
 *   lr = 0.01                 optional learning rate for training (t, T)
 *   readout = random          optional: train with a random readout on top
 *                             of any scheme (default: same as the layers)
 *   shows = profile, layers   optional: the parts of the screen the lesson
 *                             points at, most important first; a small
 *                             screen gives them room before the others
 *                             (default: layers, profile). Names: those of
 *                             IV_LESSON_PARTS.
 *   claim = h.std 10 < 1e-7   optional, up to IV_LESSON_CLAIMS: what the
 *                             text says of the numbers, checkable
 *                             (lesson/claim.h has the syntax)
 *   init = zeros              any long option of initviz without "--"
 *   depth = 10                (each lesson starts from the defaults)
 * Blank lines are ignored; spaces around "=" are trimmed. Errors name the
 * file and line: "lessons.txt:7: unknown setting "dept"". */
#ifndef IV_LESSON_H
#define IV_LESSON_H

#include <stddef.h>
#include <initviz/config.h>
#include "lesson/claim.h"

#define IV_LESSON_TITLE 80
#define IV_LESSON_LINES 5
#define IV_LESSON_LINE 240
#define IV_LESSON_FILE_MAX (1 << 20) /* bytes */
#define IV_LESSONS_MAX 200        /* in one file */
#define IV_LESSONS_TOTAL_MAX 1000 /* in a set, the built-in ones included */
#define IV_LESSON_SHOWS 4 /* parts named in `shows` */
#define IV_LESSON_CLAIMS 24 /* claims of one lesson at most */

/* The parts of the view a lesson can point at (`shows`), by the name of
 * the view's panel: X(name, what it is). */
#define IV_LESSON_PARTS(X)                                                     \
	X("layers", "the layer list: histograms and statistics per layer")    \
	X("profile", "the depth profile: std against layer")                  \
	X("training", "the training strip: loss and distinct neurons")

typedef struct iv_lesson {
	char title[IV_LESSON_TITLE];
	char text[IV_LESSON_LINES][IV_LESSON_LINE];
	size_t ntext;
	char look[IV_LESSON_LINE];
	double lr; /* learning rate for training in this lesson, 0: unset */
	bool random_readout; /* readout = random: only the top is random */
	char shows[IV_LESSON_SHOWS][16]; /* parts pointed at, in order */
	size_t nshows;
	iv_claim claims[IV_LESSON_CLAIMS]; /* in the file's order */
	size_t nclaims;
	iv_config cfg;
} iv_lesson;

typedef struct iv_lesson_set {
	iv_lesson *v;
	size_t n, cap;
} iv_lesson_set;

/* Apply `key = value` to cfg; return 0, or non-zero with a message in err
 * (the CLI's option parser provides it). err holds IV_LESSON_MSG_MAX bytes:
 * room for the longest option message, --init's list of every scheme. */
#define IV_LESSON_MSG_MAX 1024
typedef int (*iv_lesson_apply_fn)(iv_config *cfg, const char *key,
                                  const char *value, char *err, size_t errlen);

/* Parse len bytes of text named `name` (for messages) and append its lessons
 * to set. Each lesson starts from *base. On error returns -1 with
 * "name:line: message" in err and leaves set as it was. */
int iv_lessons_parse(iv_lesson_set *set, const char *text, size_t len,
                     const char *name, const iv_config *base,
                     iv_lesson_apply_fn apply, char *err, size_t errlen);

/* Read a lesson file (a regular file of at most IV_LESSON_FILE_MAX bytes,
 * util/textfile.h: a FIFO or device is refused unread) and parse it.
 * Errors: unreadable, a directory, not a regular file, too big, binary,
 * malformed. Messages quote the file's bytes and name escaped. */
int iv_lessons_load(iv_lesson_set *set, const char *path,
                    const iv_config *base, iv_lesson_apply_fn apply,
                    char *err, size_t errlen);

/* The built-in lessons' text, in the file format above. */
extern const char iv_lessons_builtin[];

void iv_lessons_free(iv_lesson_set *set);

#endif
