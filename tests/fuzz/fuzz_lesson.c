/* SPDX-License-Identifier: MIT */
/* Fuzz the lesson-file parser with the CLI's settings (cli_apply_setting).
 *
 * The input is a lesson file, bytes as read from disk (not NUL-terminated).
 * Invariants: on success at least one lesson was appended, each with a
 * title, 1 to 5 text lines, strings that fit their arrays and a
 * configuration the engine accepts, which the command line then parses on
 * top of unchanged (as --lesson=N does); on error one line of message
 * naming the file, and the set left as it was. */
#include <string.h>
#include <initviz/config.h>
#include "cli/opts.h"
#include "lesson/lesson.h"
#include "fuzz.h"

#define NAME "fuzz.lessons"

static void check_lesson(const iv_lesson *l)
{
	char *argv[] = { (char *)"initviz", NULL }, err[1024];
	cli_opts o;
	FUZZ_ASSERT(memchr(l->title, '\0', sizeof l->title) != NULL);
	FUZZ_ASSERT(l->title[0] != '\0');
	FUZZ_ASSERT(l->ntext >= 1 && l->ntext <= IV_LESSON_LINES);
	for (size_t i = 0; i < l->ntext; i++)
		FUZZ_ASSERT(memchr(l->text[i], '\0', IV_LESSON_LINE) != NULL &&
		            l->text[i][0] != '\0');
	FUZZ_ASSERT(memchr(l->look, '\0', sizeof l->look) != NULL);
	FUZZ_ASSERT(iv_config_validate(&l->cfg) == IV_OK);
	FUZZ_ASSERT(cli_parse_base(1, argv, &l->cfg, &o, err, sizeof err) == 0);
	FUZZ_ASSERT(iv_config_validate(&o.cfg) == IV_OK);
	FUZZ_ASSERT(o.cfg.depth == l->cfg.depth && o.cfg.init == l->cfg.init &&
	            o.cfg.nwidths == l->cfg.nwidths);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	iv_lesson_set set = { 0 };
	iv_config base;
	char err[512];
	/* data may be empty: give the parser a pointer it may not read */
	const char *text = size ? (const char *)data : "";
	iv_config_defaults(&base);
	/* one lesson already in the set: an error must leave it alone */
	set.v = calloc(1, sizeof *set.v);
	FUZZ_ASSERT(set.v != NULL);
	set.n = set.cap = 1;
	strcpy(set.v[0].title, "kept");
	int rc = iv_lessons_parse(&set, text, size, NAME, &base,
	                          cli_apply_setting, err, sizeof err);
	if (rc == 0) {
		FUZZ_ASSERT(set.n >= 2 && set.n - 1 <= IV_LESSONS_MAX);
		for (size_t i = 1; i < set.n; i++)
			check_lesson(&set.v[i]);
	} else {
		FUZZ_ASSERT(rc == -1);
		FUZZ_ASSERT(set.n == 1);
		FUZZ_ASSERT_MESSAGE(err, sizeof err);
		FUZZ_ASSERT(strncmp(err, NAME ":", strlen(NAME ":")) == 0);
	}
	FUZZ_ASSERT(strcmp(set.v[0].title, "kept") == 0);
	iv_lessons_free(&set);
	return 0;
}
