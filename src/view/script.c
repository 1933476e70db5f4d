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
 * terminal. Keys are fed at once; use Wait before Save to see finished work.
 * A script is UTF-8 text (a leading byte-order mark is skipped) of at most
 * TUI_SCRIPT_MAX bytes without NUL bytes; words quoted in messages are
 * escaped (util/escape.h). */
#include <ctype.h>
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "view/keys.h"
#include "view/script.h"
#include "util/bytes.h"
#include "util/escape.h"
#include "util/textfile.h"

#define QUOTE_MAX 48 /* bytes of a word quoted in a message */

/* w escaped for a message, cut to QUOTE_MAX bytes with "..." */
static const char *quote(const char *w, char *buf, size_t size)
{
	size_t n = strlen(w);
	size_t k = iv_escape(buf, size, w, n < QUOTE_MAX ? n : QUOTE_MAX);
	if (n > QUOTE_MAX && k + 4 <= size)
		memcpy(buf + k, "...", 4);
	return buf;
}

/* Append st (which owns its arg), the array growing by half (linear time
 * for any number of steps). Out of memory: frees the arg, says so, -1. */
static int push(tui_script *s, tui_step st, char *err, size_t errlen)
{
	if (s->n == s->cap) {
		size_t cap = s->cap ? s->cap + s->cap / 2 : 16;
		tui_step *p = cap < SIZE_MAX / sizeof *p
				  ? realloc(s->step, cap * sizeof *p)
				  : NULL;
		if (!p) {
			free(st.arg);
			snprintf(err, errlen, "line %d: out of memory",
				 st.line);
			return -1;
		}
		s->step = p;
		s->cap = cap;
	}
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
	char q[QUOTE_MAX * 4 + 8];
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
			 at, quote(a, q, sizeof q));
		return -1;
	}
	return push(s, st, err, errlen);
}

/* The line of the first NUL byte in text, 0 when there is none. */
static int nul_line(const char *text, size_t len)
{
	const char *z = memchr(text, '\0', len);
	int line = 1;
	if (!z)
		return 0;
	for (const char *c = text; c < z; c++)
		line += *c == '\n';
	return line;
}

int tui_script_parse(tui_script *s, const char *text, size_t len, char *err,
		     size_t errlen)
{
	char q[QUOTE_MAX * 4 + 8], *buf, *p, *w;
	int line = 1, rc = 0;
	*s = (tui_script){0};
	if (len > TUI_SCRIPT_MAX) {
		iv_bytes_str(TUI_SCRIPT_MAX, q, sizeof q);
		snprintf(err, errlen, "is over %s", q);
		return -1;
	}
	if ((line = nul_line(text, len))) {
		snprintf(err, errlen,
			 "line %d: a NUL byte (a key script is text)", line);
		return -1;
	}
	line = 1;
	if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0) {
		text += 3; /* a UTF-8 byte-order mark */
		len -= 3;
	}
	if (!(buf = malloc(len + 1))) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	memcpy(buf, text, len);
	buf[len] = '\0';
	p = buf;
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
				 quote(w, q, sizeof q));
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
	char *text, e[200], brief[IV_BRIEF_MAX + 1], name[4 * IV_BRIEF_MAX + 1];
	size_t len;
	int rc;
	*s = (tui_script){0};
	iv_brief(brief, sizeof brief, path, IV_BRIEF_MAX);
	iv_escape_str(name, sizeof name, brief);
	rc = iv_text_read(path, TUI_SCRIPT_MAX, &text, &len, e, sizeof e);
	if (rc == 0) {
		rc = tui_script_parse(s, text, len, e, sizeof e);
		free(text);
	}
	if (rc) /* "key script F line 3: ...", "key script F: is a FIFO..." */
		snprintf(err, errlen, "key script %s%s %s", name,
			 strncmp(e, "line ", 5) ? ":" : "", e);
	else
		s->path = path;
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
