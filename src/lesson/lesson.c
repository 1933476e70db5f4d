/* SPDX-License-Identifier: MIT */
/* The lesson-file parser: line by line, errors with file and line. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "lesson/lesson.h"

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

static int fail(struct parser *p, const char *msg, const char *arg)
{
	snprintf(p->err, p->errlen, "%s:%zu: %s%s%s%s", p->name, p->line, msg,
	         arg ? " \"" : "", arg ? arg : "", arg ? "\"" : "");
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
		return fail(p, "too many lessons (at most " STR(IV_LESSONS_MAX) ")",
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

/* lr = ETA: the range of --lr, refused as --lr would refuse it. */
static int learning_rate(struct parser *p, iv_lesson *l, const char *v)
{
	char *end;
	errno = 0;
	double lr = strtod(v, &end);
	if (errno || end == v || *end || !(lr >= IV_LESSON_LR_MIN) ||
	    !(lr <= IV_LESSON_LR_MAX))
		return fail(p, "lr must be a number from 1e-12 to 1e6, got", v);
	l->lr = lr;
	return 0;
}

static int setting(struct parser *p, const char *key, const char *value)
{
	iv_lesson *l = p->cur;
	char msg[200];
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
	if (p->out.n == 0) {
		snprintf(p->err, p->errlen,
		         "%s: no lessons (a lesson starts with [lesson])", p->name);
		return -1;
	}
	for (size_t i = 0; i < p->out.n; i++)
		if (!p->out.v[i].title[0] || p->out.v[i].ntext == 0) {
			snprintf(p->err, p->errlen, "%s: lesson %zu has no %s",
			         p->name, i + 1,
			         p->out.v[i].title[0] ? "text" : "title");
			return -1;
		}
	return 0;
}

static int append(iv_lesson_set *set, const iv_lesson_set *add)
{
	if (set->n + add->n > IV_LESSONS_MAX)
		return -1;
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
	struct parser p = { .base = base, .apply = apply, .name = name,
	                    .err = err, .errlen = errlen };
	char buf[IV_LESSON_LINE + 64];
	size_t i = 0;
	int rc = 0;
	if (memchr(text, '\0', len)) {
		snprintf(err, errlen, "%s: not a text file (contains NUL bytes)",
		         name);
		return -1;
	}
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
	if (rc == 0 && append(set, &p.out) != 0)
		rc = fail(&p, "too many lessons or out of memory", NULL);
	free(p.out.v);
	return rc;
}

int iv_lessons_load(iv_lesson_set *set, const char *path,
                    const iv_config *base, iv_lesson_apply_fn apply,
                    char *err, size_t errlen)
{
	struct stat st;
	FILE *f = fopen(path, "rb");
	if (!f || fstat(fileno(f), &st) != 0) {
		snprintf(err, errlen, "%s: cannot read: %s", path, strerror(errno));
		if (f)
			fclose(f);
		return -1;
	}
	if (S_ISDIR(st.st_mode) || !S_ISREG(st.st_mode) ||
	    st.st_size > IV_LESSON_FILE_MAX) {
		snprintf(err, errlen, "%s: %s", path,
		         S_ISDIR(st.st_mode) ? "is a directory, not a lesson file"
		         : S_ISREG(st.st_mode) ? "too big for a lesson file (over 1 MiB)"
		                               : "not a regular file");
		fclose(f);
		return -1;
	}
	char *text = malloc((size_t)st.st_size + 1);
	size_t len = text ? fread(text, 1, (size_t)st.st_size, f) : 0;
	int bad = !text || ferror(f);
	fclose(f);
	if (bad) {
		snprintf(err, errlen, "%s: cannot read", path);
		free(text);
		return -1;
	}
	int rc = iv_lessons_parse(set, text, len, path, base, apply, err, errlen);
	free(text);
	return rc;
}

void iv_lessons_free(iv_lesson_set *set)
{
	if (set) {
		free(set->v);
		*set = (iv_lesson_set){ 0 };
	}
}
