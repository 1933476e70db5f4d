/* SPDX-License-Identifier: MIT */
/* Key scripts: a file of key names and commands fed to the view through the
 * same input function as the keyboard (format: see script.c). */
#ifndef IV_VIEW_SCRIPT_H
#define IV_VIEW_SCRIPT_H

#include <stddef.h>

typedef enum {
	TUI_S_KEY,    /* press key */
	TUI_S_WAIT,   /* let the computation finish */
	TUI_S_SAVE,   /* write the screen's text to arg */
	TUI_S_RESIZE, /* resize the screen to cols x lines */
} tui_step_kind;

typedef struct tui_step {
	tui_step_kind kind;
	int key;
	int lines, cols;
	char *arg;
	int line; /* in the file, for messages */
} tui_step;

typedef struct tui_script {
	tui_step *step;
	size_t n, pos, cap;
	const char *path; /* the file tui_script_load read (not owned) */
} tui_script;

#define TUI_SCRIPT_MAX (1 << 20) /* bytes of a key script */

/* Parse len bytes of text (a whole script, not NUL-terminated) into s.
 * Returns 0, or -1 with a one-line message in err that quotes the script's
 * bytes escaped ("line 3: unknown key \"Foo^[\"", "line 2: a NUL byte (a
 * key script is text)", "is over 1.0 MiB"). */
int tui_script_parse(tui_script *s, const char *text, size_t len, char *err,
		     size_t errlen);
/* Read (a regular file of at most TUI_SCRIPT_MAX bytes, util/textfile.h)
 * and parse a file; messages start "key script FILE". */
int tui_script_load(tui_script *s, const char *path, char *err, size_t errlen);
void tui_script_free(tui_script *s);
/* The next step, NULL at the end. */
const tui_step *tui_script_peek(const tui_script *s);
void tui_script_next(tui_script *s);

#endif
