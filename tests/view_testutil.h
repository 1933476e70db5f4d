/* SPDX-License-Identifier: MIT */
/* Shared helpers of the view's Check suites, without curses: files (the
 * TUI suites add screens and snapshots in tui_testutil.h). */
#ifndef IV_VIEW_TESTUTIL_H
#define IV_VIEW_TESTUTIL_H

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check_main.h"

/* --- files ---------------------------------------------------------------- */

static inline void tut_write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	ck_assert_msg(f != NULL, "cannot write %s", path);
	fputs(text, f);
	fclose(f);
}

/* The whole text of a file (free it), or NULL when it cannot be read. */
static inline char *tut_read(const char *path)
{
	FILE *f = fopen(path, "r");
	size_t cap = 4096, len = 0, n;
	char *buf;
	if (!f)
		return NULL;
	buf = malloc(cap);
	ck_assert_ptr_nonnull(buf);
	while ((n = fread(buf + len, 1, cap - len - 1, f)) > 0) {
		len += n;
		if (cap - len == 1) {
			buf = realloc(buf, cap *= 2);
			ck_assert_ptr_nonnull(buf);
		}
	}
	buf[len] = '\0';
	fclose(f);
	return buf;
}

/* As tut_read, but "" for a file that cannot be read. */
static inline char *tut_slurp(const char *path)
{
	char *s = tut_read(path);
	if (!s) {
		s = calloc(1, 1);
		ck_assert_ptr_nonnull(s);
	}
	return s;
}

/* The text of s from the first needle to the end of its line, in buf; NULL
 * when needle is not in s. */
static inline const char *tut_line_from(const char *s, const char *needle,
					char *buf, size_t size)
{
	const char *h = strstr(s, needle);
	if (!h)
		return NULL;
	const char *e = strchr(h, '\n');
	snprintf(buf, size, "%.*s", e ? (int)(e - h) : (int)strlen(h), h);
	return buf;
}

#endif
