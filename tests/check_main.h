/* SPDX-License-Identifier: MIT */
/* The one main() of the Check programs (tests/check_main.c). Each program's
 * file makes its suite:
 *
 *   Suite *suite(void);
 *
 * main calls it once, in its own process before any test runs, so suite()
 * may also prepare what the tests share, with the calls below (NULL: the
 * preparation failed, and so does the program). Then the suite runs as
 * Check's environment variables say (CK_VERBOSITY, CK_FORK, CK_RUN_SUITE,
 * CK_RUN_CASE, CK_DEFAULT_TIMEOUT, CK_TIMEOUT_MULTIPLIER...); the exit
 * status is that of a check program. top_srcdir is absolute by then (the
 * snapshots are found after a chdir). */
#ifndef IV_TESTS_CHECK_MAIN_H
#define IV_TESTS_CHECK_MAIN_H

#include <check.h>

Suite *suite(void);

/* The environment's locale, with numbers written as in C. */
void cm_locale(void);
/* Run the suite in a new directory /tmp/NAME-XXXXXX, removed after the
 * run. Returns 0, or -1 (with a message) when it cannot be made. */
int cm_tmpdir(const char *name);
/* Every test in main's process, one after another (tests that share a
 * state), whatever CK_FORK says. */
void cm_nofork(void);
/* Remove dir and all in it. */
void cm_remove_dir(const char *dir);
/* Call fn after the run, in main's process (not in the tests' forks);
 * the last registered first. */
void cm_at_end(void (*fn)(void));

#endif
