/* SPDX-License-Identifier: MIT */
/* The lesson-file parser: line by line, errors with file and line. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "lesson/lesson.h"
#include "util/escape.h"
#include "util/number.h"
#include "util/range.h"
#include "util/textfile.h"

#define STR_(x) #x
#define STR(x)  STR_(x) /* a number's macro as text, for messages */

struct parser {
	iv_lesson_set out; /* lessons parsed so far from this text */
	iv_lesson *cur;
	const iv_config *base;
	iv_lesson_apply_fn apply;
	const char *name;
	size_t line;
	char *err;
	size_t errlen;
};

/* "name:line: msg "arg"", every byte that came from the file (or the
 * file's name) escaped: messages go to terminals. */
static int fail(struct parser *p, const char *msg, const char *arg)
{
	snprintf(p->err, p->errlen, "%s:%zu: %s%s%s%s", p->name, p->line, msg,
		 arg ? " \"" : "", arg ? arg : "", arg ? "\"" : "");
	iv_escape_inplace(p->err, p->errlen);
	return -1;
}

/* The same without a line. */
static int fail_file(char *err, size_t errlen, const char *name,
		     const char *msg)
{
	snprintf(err, errlen, "%s: %s", name, msg);
	iv_escape_inplace(err, errlen);
	return -1;
}

static char *trim(char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	char *e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
		*--e = '\0';
	return s;
}

static int start_lesson(struct parser *p)
{
	if (p->cur && !p->cur->title[0])
		return fail(p, "the lesson before this one has no title", NULL);
	if (p->out.n >= IV_LESSONS_MAX)
		return fail(p,
			    "too many lessons in one file (at most " STR(
				IV_LESSONS_MAX) ")",
			    NULL);
	if (p->out.n == p->out.cap) {
		size_t cap = p->out.cap ? 2 * p->out.cap : 8;
		iv_lesson *v = realloc(p->out.v, cap * sizeof *v);
		if (!v)
			return fail(p, "out of memory", NULL);
		p->out.v = v;
		p->out.cap = cap;
	}
	p->cur = &p->out.v[p->out.n++];
	memset(p->cur, 0, sizeof *p->cur);
	p->cur->cfg = *p->base;
	return 0;
}

static int copy(struct parser *p, char *dst, size_t size, const char *v)
{
	size_t n = strlen(v);
	if (n >= size)
		return fail(p, "value too long", NULL);
	memcpy(dst, v, n + 1);
	return 0;
}

/* lr = ETA: parsed and bounded exactly as --lr is (util/range.h). */
static int learning_rate(struct parser *p, iv_lesson *l, const char *v)
{
	const iv_range *r = iv_range_get(IV_R_LR);
	char allowed[64], msg[96];
	double lr;
	if (!iv_range_real(r, v, &lr)) {
		iv_range_allowed(r, allowed, sizeof allowed);
		snprintf(msg, sizeof msg, "lr must be %s, got", allowed);
		return fail(p, msg, v);
	}
	l->lr = lr;
	return 0;
}

/* shows = NAME, NAME...: parts of the view from IV_LESSON_PARTS, each once,
 * at most IV_LESSON_SHOWS. */
static int shows(struct parser *p, iv_lesson *l, const char *value)
{
	static const char *const parts[] = {
#define IV_X(name, what) name,
	    IV_LESSON_PARTS(IV_X)
#undef IV_X
	};
	char buf[IV_LESSON_LINE], *t = buf, *comma;
	snprintf(buf, sizeof buf, "%s", value);
	l->nshows = 0;
	for (bool more = true; more;) {
		comma = strchr(t, ',');
		more = comma != NULL;
		if (more)
			*comma = '\0';
		const char *name = trim(t);
		if (more)
			t = comma + 1;
		size_t k = 0;
		while (k < sizeof parts / sizeof parts[0] &&
		       strcmp(parts[k], name) != 0)
			k++;
		if (k == sizeof parts / sizeof parts[0]) {
			char msg[160] = "shows names parts of the view (";
			for (size_t j = 0; j < sizeof parts / sizeof parts[0];
			     j++)
				snprintf(msg + strlen(msg),
					 sizeof msg - strlen(msg), "%s%s",
					 j ? ", " : "", parts[j]);
			snprintf(msg + strlen(msg), sizeof msg - strlen(msg),
				 "), got");
			return fail(p, msg, name);
		}
		for (size_t i = 0; i < l->nshows; i++)
			if (strcmp(l->shows[i], name) == 0)
				return fail(p,
					    "shows names a part twice:", name);
		if (l->nshows == IV_LESSON_SHOWS)
			return fail(p,
				    "shows names more than " STR(
					IV_LESSON_SHOWS) " parts",
				    NULL);
		snprintf(l->shows[l->nshows++], sizeof l->shows[0], "%s", name);
	}
	return 0;
}

static int setting(struct parser *p, const char *key, const char *value)
{
	iv_lesson *l = p->cur;
	char msg[IV_LESSON_MSG_MAX];
	if (!l)
		return fail(p, "setting before the first [lesson]:", key);
	if (!*value)
		return fail(p, "empty value for", key);
	if (strcmp(key, "title") == 0)
		return copy(p, l->title, sizeof l->title, value);
	if (strcmp(key, "look") == 0)
		return copy(p, l->look, sizeof l->look, value);
	if (strcmp(key, "lr") == 0)
		return learning_rate(p, l, value);
	if (strcmp(key, "claim") == 0) {
		if (l->nclaims == IV_LESSON_CLAIMS)
			return fail(p, "more than 24 claims", NULL);
		if (iv_claim_parse(value, &l->claims[l->nclaims], msg,
				   sizeof msg) != 0)
			return fail(p, msg, NULL);
		l->nclaims++;
		return 0;
	}
	if (strcmp(key, "shows") == 0)
		return shows(p, l, value);
	if (strcmp(key, "readout") == 0) {
		if (strcmp(value, "random") != 0 && strcmp(value, "same") != 0)
			return fail(p, "readout must be random or same, got",
				    value);
		l->random_readout = strcmp(value, "random") == 0;
		return 0;
	}
	if (strcmp(key, "text") == 0) {
		if (l->ntext == IV_LESSON_LINES)
			return fail(p, "more than 5 text lines", NULL);
		return copy(p, l->text[l->ntext++], IV_LESSON_LINE, value);
	}
	if (p->apply(&l->cfg, key, value, msg, sizeof msg) != 0)
		return fail(p, msg, NULL);
	return 0;
}

static int parse_line(struct parser *p, char *s)
{
	s = trim(s);
	if (!*s || *s == '#')
		return 0;
	if (strcmp(s, "[lesson]") == 0)
		return start_lesson(p);
	if (*s == '[')
		return fail(p, "unknown section (only [lesson]):", s);
	char *eq = strchr(s, '=');
	if (!eq)
		return fail(p, "expected \"key = value\", got", s);
	*eq = '\0';
	return setting(p, trim(s), trim(eq + 1));
}

static int finish(struct parser *p)
{
	char msg[64];
	if (p->out.n == 0)
		return fail_file(p->err, p->errlen, p->name,
				 "no lessons (a lesson starts with [lesson])");
	for (size_t i = 0; i < p->out.n; i++)
		if (!p->out.v[i].title[0] || p->out.v[i].ntext == 0) {
			snprintf(msg, sizeof msg, "lesson %zu has no %s", i + 1,
				 p->out.v[i].title[0] ? "text" : "title");
			return fail_file(p->err, p->errlen, p->name, msg);
		}
	return 0;
}

static int append(iv_lesson_set *set, const iv_lesson_set *add)
{
	iv_lesson *v = realloc(set->v, (set->n + add->n) * sizeof *v);
	if (!v)
		return -1;
	memcpy(v + set->n, add->v, add->n * sizeof *v);
	set->v = v;
	set->n += add->n;
	set->cap = set->n;
	return 0;
}

int iv_lessons_parse(iv_lesson_set *set, const char *text, size_t len,
		     const char *name, const iv_config *base,
		     iv_lesson_apply_fn apply, char *err, size_t errlen)
{
	struct parser p = {.base = base,
			   .apply = apply,
			   .name = name,
			   .err = err,
			   .errlen = errlen};
	char buf[IV_LESSON_LINE + 64];
	size_t i = 0;
	int rc = 0;
	if (memchr(text, '\0', len))
		return fail_file(err, errlen, name,
				 "not a text file (contains NUL bytes)");
	if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0)
		i = 3; /* a UTF-8 byte-order mark */
	while (i < len && rc == 0) {
		const char *nl = memchr(text + i, '\n', len - i);
		size_t n = nl ? (size_t)(nl - (text + i)) : len - i;
		p.line++;
		if (n >= sizeof buf)
			rc = fail(&p, "line too long", NULL);
		else {
			memcpy(buf, text + i, n);
			buf[n] = '\0';
			rc = parse_line(&p, buf);
		}
		i += n + 1;
	}
	if (rc == 0)
		rc = finish(&p);
	if (rc == 0 && set->n + p.out.n > IV_LESSONS_TOTAL_MAX)
		rc = fail_file(
		    err, errlen, name,
		    "too many lessons in all (at "
		    "most " STR(IV_LESSONS_TOTAL_MAX) ", the built-in "
						      "ones included)");
	if (rc == 0 && append(set, &p.out) != 0)
		rc = fail_file(err, errlen, name, "out of memory");
	free(p.out.v);
	return rc;
}

int iv_lessons_load(iv_lesson_set *set, const char *path, const iv_config *base,
		    iv_lesson_apply_fn apply, char *err, size_t errlen)
{
	char *text, why[200], name[IV_BRIEF_MAX + 1];
	size_t len;
	iv_brief(name, sizeof name, path, IV_BRIEF_MAX);
	if (iv_text_read(path, IV_LESSON_FILE_MAX, &text, &len, why,
			 sizeof why) != 0)
		return fail_file(err, errlen, name, why);
	int rc =
	    iv_lessons_parse(set, text, len, name, base, apply, err, errlen);
	free(text);
	return rc;
}

void iv_lessons_free(iv_lesson_set *set)
{
	if (set) {
		free(set->v);
		*set = (iv_lesson_set){0};
	}
}
