/* SPDX-License-Identifier: MIT */
/* The lesson-file parser: valid files, built-in lessons, and a table of
 * malformed files each with its error (file and line). */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cli/lessons.h"
#include "cli/opts.h"
#include "lesson/lesson.h"

/* A tiny stand-in for the CLI's option parser: depth and init only. */
static int apply(iv_config *cfg, const char *key, const char *value,
                 char *err, size_t errlen)
{
	if (strcmp(key, "depth") == 0) {
		char *end;
		long d = strtol(value, &end, 10);
		if (*end || d < 1 || d > IV_DEPTH_MAX) {
			snprintf(err, errlen, "--depth must be an integer from 1 to %d",
			         IV_DEPTH_MAX);
			return 2;
		}
		cfg->depth = (size_t)d;
		return 0;
	}
	if (strcmp(key, "init") == 0 && iv_init_parse(value, &cfg->init))
		return 0;
	snprintf(err, errlen, "unknown setting \"%s\"", key);
	return 2;
}

static iv_config base;
static void setup(void) { iv_config_defaults(&base); }

START_TEST(parses_a_valid_file)
{
	const char *text = "# comment\n\n[lesson]\ntitle = One\n"
	                   "  depth = 3  \ntext = first\ntext = second\n"
	                   "look = here\nlr = 2.5e-3\nreadout = random\n"
	                   "[lesson]\ntitle = Two\ntext = x\r\n";
	iv_lesson_set set = { 0 };
	char err[256];
	ck_assert_int_eq(iv_lessons_parse(&set, text, strlen(text), "t", &base,
	                                  apply, err, sizeof err), 0);
	ck_assert_uint_eq(set.n, 2);
	ck_assert_str_eq(set.v[0].title, "One");
	ck_assert_uint_eq(set.v[0].cfg.depth, 3);
	ck_assert_uint_eq(set.v[0].ntext, 2);
	ck_assert_str_eq(set.v[0].text[1], "second");
	ck_assert_str_eq(set.v[0].look, "here");
	ck_assert_double_eq(set.v[0].lr, 2.5e-3);
	ck_assert(set.v[0].random_readout);
	ck_assert(!set.v[1].random_readout);
	ck_assert_double_eq(set.v[1].lr, 0); /* unset: the view's rate stays */
	/* each lesson starts from the defaults, not from the one before */
	ck_assert_uint_eq(set.v[1].cfg.depth, base.depth);
	ck_assert_str_eq(set.v[1].text[0], "x");
	iv_lessons_free(&set);
}
END_TEST

static const struct {
	const char *text, *error;
} bad[] = {
	{ "", "t: no lessons" },
	{ "# only a comment\n", "t: no lessons" },
	{ "title = x\n", "t:1: setting before the first [lesson]" },
	{ "[lesson]\ntitle = x\ntext = y\n[other]\n", "t:4: unknown section" },
	{ "[lesson]\ntitle x\n", "t:2: expected \"key = value\"" },
	{ "[lesson]\ntitle =\n", "t:2: empty value for \"title\"" },
	{ "[lesson]\ntitle = a\ntext = b\ndepth = -3\n", "t:4: --depth must be" },
	{ "[lesson]\ntitle = a\ntext = b\ndept = 3\n", "t:4: unknown setting" },
	{ "[lesson]\ntext = b\n[lesson]\n", "t:3: the lesson before this one has no title" },
	{ "[lesson]\ntitle = a\n", "t: lesson 1 has no text" },
	{ "[lesson]\ntitle = a\ntext = b\nlr = fast\n", "t:4: lr must be a number" },
	{ "[lesson]\ntitle = a\ntext = b\nlr = 0\n", "t:4: lr must be a number" },
	{ "[lesson]\ntitle = a\ntext = b\nlr = -0.1\n", "t:4: lr must be a number" },
	{ "[lesson]\ntitle = a\ntext = b\nlr = 0.1x\n", "t:4: lr must be a number" },
	{ "[lesson]\ntitle = a\ntext = b\nlr = nan\n", "t:4: lr must be a number" },
	{ "[lesson]\ntitle = a\ntext = b\nlr = 1e7\n", "t:4: lr must be a number" },
	{ "[lesson]\ntitle = a\ntext = b\nreadout = yes\n", "t:4: readout must be random or same" },
	{ "[lesson]\ntitle = a\ntext=1\ntext=2\ntext=3\ntext=4\ntext=5\ntext=6\n",
	  "t:8: more than 5 text lines" },
	{ "[lesson]\ntitle = aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	  "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n", "t:2: value too long" },
};

START_TEST(malformed_files_name_file_and_line)
{
	iv_lesson_set set = { 0 };
	char err[256] = "";
	int rc = iv_lessons_parse(&set, bad[_i].text, strlen(bad[_i].text), "t",
	                          &base, apply, err, sizeof err);
	ck_assert_int_eq(rc, -1);
	ck_assert_msg(strncmp(err, bad[_i].error, strlen(bad[_i].error)) == 0,
	              "case %d: got \"%s\", want \"%s...\"", _i, err,
	              bad[_i].error);
	ck_assert_uint_eq(set.n, 0); /* nothing half-added */
}
END_TEST

START_TEST(binary_and_huge_input)
{
	iv_lesson_set set = { 0 };
	char err[256];
	const char bin[] = "[lesson]\0title = x\n";
	ck_assert_int_eq(iv_lessons_parse(&set, bin, sizeof bin, "b", &base,
	                                  apply, err, sizeof err), -1);
	ck_assert_ptr_nonnull(strstr(err, "not a text file"));
	size_t n = 5000;
	char *longline = malloc(n + 1);
	memset(longline, 'x', n);
	longline[n] = '\0';
	ck_assert_int_eq(iv_lessons_parse(&set, longline, n, "l", &base, apply,
	                                  err, sizeof err), -1);
	ck_assert_ptr_nonnull(strstr(err, "l:1: line too long"));
	free(longline);
}
END_TEST

START_TEST(load_refuses_directories_and_missing_files)
{
	iv_lesson_set set = { 0 };
	char err[256];
	ck_assert_int_eq(iv_lessons_load(&set, "/", &base, apply, err,
	                                 sizeof err), -1);
	ck_assert_ptr_nonnull(strstr(err, "is a directory"));
	ck_assert_int_eq(iv_lessons_load(&set, "/nonexistent/x", &base, apply,
	                                 err, sizeof err), -1);
	ck_assert_ptr_nonnull(strstr(err, "cannot read"));
	char path[] = "/tmp/iv-lessonXXXXXX";
	int fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	const char *ok = "[lesson]\ntitle = From a file\ntext = hello\n";
	ck_assert_int_eq(write(fd, ok, strlen(ok)), (ssize_t)strlen(ok));
	close(fd);
	ck_assert_int_eq(iv_lessons_load(&set, path, &base, apply, err,
	                                 sizeof err), 0);
	ck_assert_str_eq(set.v[0].title, "From a file");
	unlink(path);
	iv_lessons_free(&set);
}
END_TEST

/* The built-in lessons through the real option parser: all load, each is
 * a valid configuration, and the list is there. */
START_TEST(builtin_lessons_load)
{
	iv_lesson_set set = { 0 };
	setenv("XDG_CONFIG_HOME", "/nonexistent", 1);
	ck_assert_int_eq(iv_cli_lessons(&set, NULL, stderr), 0);
	ck_assert_uint_ge(set.n, 12);
	for (size_t i = 0; i < set.n; i++) {
		ck_assert_int_eq(iv_config_validate(&set.v[i].cfg), IV_OK);
		ck_assert_uint_ge(set.v[i].ntext, 2);
		ck_assert(set.v[i].look[0]);
		/* a class's path through them does not change a rate */
		ck_assert_msg(set.v[i].lr > 0, "lesson %zu names no lr", i + 1);
	}
	ck_assert_int_eq(set.v[0].cfg.init, IV_INIT_ZEROS);
	ck_assert_int_eq(set.v[1].cfg.init, IV_INIT_CONSTANT);
	ck_assert_int_eq(set.v[4].cfg.init, IV_INIT_NORMAL);
	ck_assert_double_eq(set.v[4].cfg.std, 0.01);
	ck_assert_uint_eq(set.v[4].cfg.depth, 10);
	iv_lessons_free(&set);
}
END_TEST

START_TEST(real_settings_errors_name_the_setting)
{
	iv_lesson_set set = { 0 };
	char err[512];
	const char *t = "[lesson]\ntitle = a\ntext = b\nstd = -1\n";
	ck_assert_int_eq(iv_lessons_parse(&set, t, strlen(t), "f.lessons", &base,
	                                  iv_cli_apply_setting, err, sizeof err),
	                 -1);
	ck_assert_msg(strncmp(err, "f.lessons:4: --std must be", 26) == 0, "%s",
	              err);
	t = "[lesson]\ntitle = a\ntext = b\nreport = 1\n";
	ck_assert_int_eq(iv_lessons_parse(&set, t, strlen(t), "f", &base,
	                                  iv_cli_apply_setting, err, sizeof err),
	                 -1);
	ck_assert_ptr_nonnull(strstr(err, "f:4: unknown setting \"report\""));
	t = "[lesson]\ntitle = a\ntext = b\nwidths = 4,3,2\n";
	ck_assert_int_eq(iv_lessons_parse(&set, t, strlen(t), "f", &base,
	                                  iv_cli_apply_setting, err, sizeof err),
	                 0);
	ck_assert_uint_eq(set.v[0].cfg.depth, 2);
	ck_assert_uint_eq(iv_config_units(&set.v[0].cfg, 2), 2);
	iv_lessons_free(&set);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("lesson");
	TCase *tc = tcase_create("parser");
	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, parses_a_valid_file);
	tcase_add_loop_test(tc, malformed_files_name_file_and_line, 0,
	                    sizeof bad / sizeof bad[0]);
	tcase_add_test(tc, binary_and_huge_input);
	tcase_add_test(tc, load_refuses_directories_and_missing_files);
	tcase_add_test(tc, builtin_lessons_load);
	tcase_add_test(tc, real_settings_errors_name_the_setting);
	suite_add_tcase(s, tc);
	SRunner *sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
