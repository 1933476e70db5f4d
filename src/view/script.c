/* SPDX-License-Identifier: MIT */
/* Key script parsing.
 *
 * A script is text: words separated by blanks or newlines; '#' at the start
 * of a word begins a comment to the end of the line. Each word is a key name
 * (tui_keys_parse: "a", "+", "?", "Up", "PgDn", "Esc", "Space", "F1", "C-l")
 * or a command, case-insensitive:
 *   Wait           let the current computation finish before the next step
 *   Save FILE      write the screen's text to FILE (one line per row), a
 *                  new file: one that exists is left alone, with a notice
 *   Resize COLSxLINES   resize the screen, e.g. "Resize 100x30"; each size
 *                  is a whole number from 1 to 1000
 * Example:  a a Wait Save /tmp/relu.txt  ? Save /tmp/help.txt  Esc q
 * Keys run through the key table exactly as typed keys do. When the script
 * ends the view goes on reading the keyboard, or quits when it has no
 * terminal. Keys are fed at once; use Wait before Save to see finished work. */
#include <ctype.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "view/keys.h"
#include "view/script.h"

/* Append st (which owns its arg). Out of memory: frees the arg, says so,
 * -1. */
static int push(tui_script *s, tui_step st, char *err, size_t errlen)
{
	tui_step *p = realloc(s->step, (s->n + 1) * sizeof *p);
	if (!p) {
		free(st.arg);
		snprintf(err, errlen, "line %d: out of memory", st.line);
		return -1;
	}
	s->step = p;
	s->step[s->n++] = st;
	return 0;
}

/* The next word of *p, NUL-terminated in place, its line in *at; NULL at
 * the end. */
static char *word(char **p, int *line, int *at)
{
	char *s = *p, *w;
	for (;;) {
		while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
			*line += *s++ == '\n';
		if (*s != '#')
			break;
		while (*s && *s != '\n')
			s++;
	}
	if (!*s)
		return NULL;
	*at = *line;
	w = s;
	while (*s && *s != ' ' && *s != '\t' && *s != '\r' && *s != '\n')
		s++;
	if (*s) {
		*line += *s == '\n';
		*s++ = '\0';
	}
	*p = s;
	return w;
}

/* One size of Resize at s: digits making 1..1000; *end after them. */
static bool size_part(const char *s, char **end, int *v)
{
	if (!isdigit((unsigned char)*s))
		return false;
	errno = 0;
	long n = strtol(s, end, 10);
	if (errno != 0 || n < 1 || n > 1000)
		return false;
	*v = (int)n;
	return true;
}

/* "COLSxLINES" (or "X"), nothing before or after. */
static bool size_arg(const char *a, int *cols, int *lines)
{
	char *end;
	return size_part(a, &end, cols) && (*end == 'x' || *end == 'X') &&
	       size_part(end + 1, &end, lines) && *end == '\0';
}

static int command(tui_script *s, const char *w, int at, char **p, int *line,
		   char *err, size_t errlen)
{
	tui_step st = {.line = at};
	int aline;
	if (strcasecmp(w, "Wait") == 0) {
		st.kind = TUI_S_WAIT;
		return push(s, st, err, errlen);
	}
	const char *a = word(p, line, &aline);
	if (!a) {
		snprintf(err, errlen, "line %d: %s needs an argument", at, w);
		return -1;
	}
	if (strcasecmp(w, "Save") == 0) {
		st.kind = TUI_S_SAVE;
		if (!(st.arg = strdup(a))) {
			snprintf(err, errlen, "line %d: out of memory", at);
			return -1;
		}
		return push(s, st, err, errlen);
	}
	st.kind = TUI_S_RESIZE;
	if (!size_arg(a, &st.cols, &st.lines)) {
		snprintf(err, errlen,
			 "line %d: Resize wants COLSxLINES, each 1 to 1000, "
			 "e.g. 100x30 (got \"%s\")",
			 at, a);
		return -1;
	}
	return push(s, st, err, errlen);
}

int tui_script_parse(tui_script *s, const char *text, char *err, size_t errlen)
{
	char *buf = strdup(text), *p = buf, *w;
	int line = 1, rc = 0;
	*s = (tui_script){0};
	if (!buf) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	int at, key;
	while (rc == 0 && (w = word(&p, &line, &at))) {
		if (!strcasecmp(w, "Wait") || !strcasecmp(w, "Save") ||
		    !strcasecmp(w, "Resize")) {
			rc = command(s, w, at, &p, &line, err, errlen);
		} else if ((key = tui_keys_parse(w)) >= 0) {
			tui_step st = {
			    .kind = TUI_S_KEY, .key = key, .line = at};
			rc = push(s, st, err, errlen);
		} else {
			snprintf(err, errlen, "line %d: unknown key \"%s\"", at,
				 w);
			rc = -1;
		}
	}
	free(buf);
	if (rc)
		tui_script_free(s);
	return rc;
}

int tui_script_load(tui_script *s, const char *path, char *err, size_t errlen)
{
	FILE *f = fopen(path, "r");
	char *text = NULL, e[200];
	size_t len = 0;
	*s = (tui_script){0};
	if (!f) {
		snprintf(err, errlen, "cannot read key script %s", path);
		return -1;
	}
	FILE *mem = open_memstream(&text, &len);
	int c;
	while (mem && (c = getc(f)) != EOF)
		putc(c, mem);
	fclose(f);
	if (!mem || fclose(mem) != 0) {
		free(text);
		snprintf(err, errlen, "cannot read key script %s", path);
		return -1;
	}
	int rc = tui_script_parse(s, text, e, sizeof e);
	free(text);
	if (rc)
		snprintf(err, errlen, "key script %s %s", path, e);
	return rc;
}

void tui_script_free(tui_script *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->step[i].arg);
	free(s->step);
	*s = (tui_script){0};
}

const tui_step *tui_script_peek(const tui_script *s)
{
	return s->pos < s->n ? &s->step[s->pos] : NULL;
}

void tui_script_next(tui_script *s)
{
	if (s->pos < s->n)
		s->pos++;
}
