/* SPDX-License-Identifier: MIT */
/* Lessons from the built-in text, the user's directory and --lessons FILE. */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include "cli/lessons.h"
#include "cli/opts.h"
#include "util/escape.h"

/* A lesson file's message, "path:line: message": a path as long as add_dir
 * makes one, escaped (\xNN: 4 bytes for 1), and the option's message whole. */
#define ERR_MAX (4 * (4096 + 256) + IV_LESSON_MSG_MAX + 64)

static int add_file(iv_lesson_set *set, const char *path, const iv_config *base,
		    FILE *warn)
{
	char err[ERR_MAX];
	if (iv_lessons_load(set, path, base, cli_apply_setting, err,
			    sizeof err) == 0)
		return 0;
	fprintf(warn, "initviz: %s (skipped; the other lessons are loaded)\n",
		err);
	return 1;
}

static int is_lessons_file(const struct dirent *d)
{
	size_t n = strlen(d->d_name);
	return d->d_name[0] != '.' && n > 8 &&
	       strcmp(d->d_name + n - 8, ".lessons") == 0;
}

static int add_dir(iv_lesson_set *set, const iv_config *base, FILE *warn)
{
	const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
	char dir[4096], path[4096 + 256];
	struct dirent **names;
	int n, bad = 0;
	if (xdg && *xdg)
		snprintf(dir, sizeof dir, "%s/initviz", xdg);
	else if (home && *home)
		snprintf(dir, sizeof dir, "%s/.config/initviz", home);
	else
		return 0;
	if ((n = scandir(dir, &names, is_lessons_file, alphasort)) < 0)
		return 0; /* no directory: nothing to add */
	for (int i = 0; i < n; i++) {
		snprintf(path, sizeof path, "%s/%s", dir, names[i]->d_name);
		bad += add_file(set, path, base, warn);
		free(names[i]);
	}
	free(names);
	return bad;
}

int cli_lessons(iv_lesson_set *set, const char *file, FILE *warn)
{
	iv_config base;
	char err[ERR_MAX];
	int bad = 0;
	iv_config_defaults(&base);
	if (iv_lessons_parse(set, iv_lessons_builtin,
			     strlen(iv_lessons_builtin), "built-in lessons",
			     &base, cli_apply_setting, err, sizeof err) != 0) {
		fprintf(warn, "initviz: %s\n", err); /* a bug: tests catch it */
		bad++;
	}
	bad += add_dir(set, &base, warn);
	if (file)
		bad += add_file(set, file, &base, warn);
	return bad;
}

void cli_list_lessons(const iv_lesson_set *set, FILE *f)
{
	char title[4 * IV_LESSON_TITLE]; /* \xNN: 4 bytes for 1 */
	for (size_t i = 0; i < set->n; i++) {
		iv_escape_str(title, sizeof title, set->v[i].title);
		fprintf(f, "%zu. %s\n", i + 1, title);
	}
}
