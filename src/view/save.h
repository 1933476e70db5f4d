/* SPDX-License-Identifier: MIT */
/* Saving the screen's text, without curses: to a new file named by the time
 * (S) or by a key script (Save FILE); never over a file that exists, and
 * written whole or not at all. */
#ifndef IV_VIEW_SAVE_H
#define IV_VIEW_SAVE_H

#include <stddef.h>
#include <time.h>

#define TUI_SAVE_PREFIX "initviz-screen-"
#define TUI_SAVE_TRIES  1000 /* -1 .. -999 after the plain name */
/* Why a file that exists is not written (saves and --trace). */
#define TUI_SAVE_EXISTS                                                        \
	"it exists (initviz does not overwrite files: remove it or name "      \
	"another)"

/* The directory saves go to: $INITVIZ_SAVE_DIR when set and not empty,
 * else the current directory ("."). */
const char *tui_save_dir(void);

/* Write len bytes of text to DIR/initviz-screen-YYYYMMDD-HHMMSS.txt (local
 * time of when), or to ...-1.txt, -2.txt, ... when that name is taken.
 * The text goes to a temporary file in dir first (flushed to disk), which
 * then gets the name with link(2), so an existing file is never replaced,
 * even one made meanwhile; where links are not supported, a rename to a
 * name that does not exist. Returns 0 with the file's path in path ("NAME"
 * for ".", else "DIR/NAME"), or -1 with a message in err; no temporary
 * file is left either way. */
int tui_save_text(const char *dir, time_t when, const char *text, size_t len,
		  char *path, size_t psize, char *err, size_t esize);

/* A handout: the command line that reproduces the screen, "initviz
 * VERSION, DATE" (local time of when), a blank line, then the screen's
 * text (rows ending in newlines) without row skip (the key bar; -1: none).
 * Returns a new string (free it) of *len bytes, NULL when out of memory. */
char *tui_save_handout(const char *command, const char *version, time_t when,
		       const char *screen, int skip, size_t *len);

/* Write len bytes of text to path, a file that must not exist yet (nor a
 * symbolic link there, even a dangling one), the same way (a temporary
 * file in path's directory, then link(2)). Returns 0, or -1 with errno set
 * (EEXIST when path exists) and no file left behind; the caller words the
 * message, quoting path escaped (util/escape.h). */
int tui_save_file(const char *path, const char *text, size_t len);

#endif
