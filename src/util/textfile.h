/* SPDX-License-Identifier: MIT */
/* Reading a whole text file that a user names (lesson files, key scripts)
 * without ever blocking or reading without end: only a regular file, at
 * most a given size, every error reported. No curses, no printing. */
#ifndef IV_UTIL_TEXTFILE_H
#define IV_UTIL_TEXTFILE_H

#include <stddef.h>

/* Read the file at path into a new NUL-terminated buffer (*text, freed by
 * the caller; *len bytes before the NUL, which the file itself may also
 * contain). The type is checked before the file is opened, and again on
 * the open file (opened non-blocking, so a FIFO or a device that appears
 * meanwhile cannot hang the open): a directory, FIFO, socket or device is
 * refused unread, so is a file over max bytes. Returns 0, or -1 with *text
 * NULL and the reason in err, without the path ("is a directory", "is a
 * FIFO, not a regular file", "is over 1 MiB", "cannot read: Permission
 * denied"). */
int iv_text_read(const char *path, size_t max, char **text, size_t *len,
		 char *err, size_t errlen);

#endif
