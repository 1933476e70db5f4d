/* SPDX-License-Identifier: MIT */
/* Key script parsing.
 *
 * A script is text: words separated by blanks or newlines; '#' at the start
 * of a word begins a comment to the end of the line. Each word is a key name
 * (tui_key_parse: "a", "+", "?", "Up", "PgDn", "Esc", "Space", "F1", "C-l")
 * or a command, case-insensitive:
 *   Wait           let the current computation finish before the next step
 *   Save FILE      write the screen's text to FILE (one line per row)
 *   Resize COLSxLINES   resize the screen, e.g. "Resize 100x30"
 * Example:  a a Wait Save /tmp/relu.txt  ? Save /tmp/help.txt  Esc q
 * Keys run through the key table exactly as typed keys do. When the script
 * ends the view goes on reading the keyboard, or quits when it has no
 * terminal. Keys are fed at once; use Wait before Save to see finished work. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "tui/keys.h"
#include "tui/script.h"

static int push(tui_script *s, tui_step st)
{
	tui_step *p = realloc(s->step, (s->n + 1) * sizeof *p);
	if (!p) {
		free(st.arg);
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

static int command(tui_script *s, const char *w, int at, char **p, int *line,
		   char *err, size_t errlen)
{
	tui_step st = {.line = at};
	int aline;
	if (strcasecmp(w, "Wait") == 0) {
		st.kind = TUI_S_WAIT;
		return push(s, st);
	}
	const char *a = word(p, line, &aline);
	if (!a) {
		snprintf(err, errlen, "line %d: %s needs an argument", at, w);
		return -1;
	}
	if (strcasecmp(w, "Save") == 0) {
		st.kind = TUI_S_SAVE;
		if (!(st.arg = strdup(a)))
			return -1;
		return push(s, st);
	}
	char x;
	st.kind = TUI_S_RESIZE;
	if (sscanf(a, "%d%c%d", &st.cols, &x, &st.lines) != 3 ||
	    (x != 'x' && x != 'X') || st.cols < 1 || st.lines < 1 ||
	    st.cols > 1000 || st.lines > 1000) {
		snprintf(err, errlen,
			 "line %d: Resize wants COLSxLINES, e.g. 100x30 (got "
			 "\"%s\")",
			 at, a);
		return -1;
	}
	return push(s, st);
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
		} else if ((key = tui_key_parse(w)) >= 0) {
			rc = push(s, (tui_step){.kind = TUI_S_KEY,
						.key = key,
						.line = at});
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
