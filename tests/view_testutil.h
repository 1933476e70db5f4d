/* SPDX-License-Identifier: MIT */
/* Shared helpers of the view's Check suites, without curses: files, and
 * main() with a suite's options (the TUI suites add screens and snapshots
 * in tui_testutil.h). */
#ifndef IV_VIEW_TESTUTIL_H
#define IV_VIEW_TESTUTIL_H

#include <check.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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

/* --- main ----------------------------------------------------------------- */

enum {
	TUT_LOCALE = 1, /* the environment's locale, numbers as in C */
	TUT_NOFORK = 2  /* every test in this process (Check forks each) */
};

/* A relative top_srcdir (an in-tree build sets ".") made absolute, so that
 * the snapshots are found after a chdir. */
static inline void tut_absolute_srcdir(void)
{
	char buf[4096];
	const char *src = getenv("top_srcdir");
	if (realpath(src ? src : ".", buf))
		setenv("top_srcdir", buf, 1);
}

/* Remove dir and all in it, from "/". */
static inline void tut_remove_dir(const char *dir)
{
	char cmd[4200];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (chdir("/") != 0 || system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", dir);
}

/* main() of a TUI suite: top_srcdir absolute, flags as above; with tmp,
 * the suite runs in a new directory /tmp/TMP-XXXXXX, removed after. The
 * exit status of a check program. */
static inline int tut_main(Suite *(*make)(void), const char *tmp,
			   unsigned flags)
{
	char dir[256];
	if (flags & TUT_LOCALE) {
		setlocale(LC_ALL, "");
		setlocale(LC_NUMERIC, "C");
	}
	tut_absolute_srcdir();
	if (tmp) {
		snprintf(dir, sizeof dir, "/tmp/%s-XXXXXX", tmp);
		if (!mkdtemp(dir) || chdir(dir) != 0) {
			fprintf(stderr, "%s temporary directory: ", tmp);
			perror(NULL);
			return EXIT_FAILURE;
		}
	}
	SRunner *sr = srunner_create(make());
	if (flags & TUT_NOFORK)
		srunner_set_fork_status(sr, CK_NOFORK);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	if (tmp)
		tut_remove_dir(dir);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

#endif
