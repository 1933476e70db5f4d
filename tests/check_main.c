/* SPDX-License-Identifier: MIT */
/* main() of every Check program: the suite of the program's file, run as
 * check_main.h describes. */
#include <limits.h>
#include <locale.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include "check_main.h"
#include "util/blas_core.h"

#define AT_END_MAX 4

static char tmpdir[256];
static bool nofork;
static void (*at_end[AT_END_MAX])(void);
static int nat_end;

void cm_locale(void)
{
	setlocale(LC_ALL, "");
	setlocale(LC_NUMERIC, "C");
}

int cm_tmpdir(const char *name)
{
	snprintf(tmpdir, sizeof tmpdir, "/tmp/%s-XXXXXX", name);
	if (!mkdtemp(tmpdir) || chdir(tmpdir) != 0) {
		fprintf(stderr, "%s: temporary directory: ", name);
		perror(NULL);
		tmpdir[0] = '\0';
		return -1;
	}
	return 0;
}

void cm_nofork(void) { nofork = true; }

void cm_at_end(void (*fn)(void))
{
	if (nat_end == AT_END_MAX) {
		fprintf(stderr, "check_main: more than %d cm_at_end calls\n",
		        AT_END_MAX);
		abort();
	}
	at_end[nat_end++] = fn;
}

/* A relative top_srcdir (an in-tree build sets ".") made absolute. */
static void absolute_srcdir(void)
{
	char buf[PATH_MAX];
	const char *src = getenv("top_srcdir");
	if (realpath(src ? src : ".", buf))
		setenv("top_srcdir", buf, 1);
}

void cm_remove_dir(const char *dir)
{
	char cmd[PATH_MAX + 16];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", dir);
}

int main(int argc, char **argv)
{
	(void)argc;
	/* the OpenBLAS kernel initviz runs (src/util/blas_core.h): where
	 * OpenBLAS takes the processor for an older one, its SSE3 kernel
	 * turns an overflow into NaN where the others give Inf first */
	iv_blas_core_pick(argv);
	absolute_srcdir();
	Suite *s = suite();
	int failed = 1;
	if (s) {
		SRunner *sr = srunner_create(s);
		if (nofork)
			srunner_set_fork_status(sr, CK_NOFORK);
		srunner_run_all(sr, CK_ENV);
		failed = srunner_ntests_failed(sr);
		srunner_free(sr);
	}
	while (nat_end > 0)
		at_end[--nat_end]();
	if (tmpdir[0]) {
		if (chdir("/") != 0)
			perror("chdir /");
		cm_remove_dir(tmpdir);
	}
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
