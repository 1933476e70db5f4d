/* SPDX-License-Identifier: MIT */
/* Parsing a lesson's claim: "[with K=V] [after N] QUANTITY [LAYERS] OP B". */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "lesson/claim.h"
#include "util/number.h"

static const char *const q_names[] = {
#define IV_X(id, name) name,
    IV_CLAIM_Q_LIST(IV_X)
#undef IV_X
};

static const char *const op_names[] = {"<", "<=", ">", ">=", "=="};

const char *iv_claim_q_name(iv_claim_q q)
{
	return (unsigned)q < IV_CLAIM_Q_COUNT ? q_names[q] : NULL;
}

bool iv_claim_per_layer(iv_claim_q q)
{
	return q != IV_CLAIM_LOSS && q != IV_CLAIM_LOSS_RATIO &&
	       q != IV_CLAIM_CHI1;
}

bool iv_claim_compare(iv_claim_op op, double x, double b)
{
	switch (op) {
	case IV_CLAIM_LT: return x < b;
	case IV_CLAIM_LE: return x <= b;
	case IV_CLAIM_GT: return x > b;
	case IV_CLAIM_GE: return x >= b;
	case IV_CLAIM_EQ: return x == b;
	}
	return false;
}

#define WORDS 8

struct words {
	char buf[IV_CLAIM_TEXT];
	char *w[WORDS];
	size_t n, i; /* words, the next one */
};

static int fail(char *err, size_t errlen, const char *msg, const char *arg)
{
	snprintf(err, errlen, "%s%s%s%s", msg, arg ? " \"" : "", arg ? arg : "",
		 arg ? "\"" : "");
	return -1;
}

/* A layer number: 1 to IV_DEPTH_MAX, or "last". */
static bool layer(const char *s, size_t *out)
{
	char *end;
	if (strcmp(s, "last") == 0) {
		*out = IV_CLAIM_LAST;
		return true;
	}
	if (*s < '1' || *s > '9')
		return false;
	unsigned long v = strtoul(s, &end, 10);
	if (*end || v > IV_DEPTH_MAX)
		return false;
	*out = v;
	return true;
}

/* all, K, K-M, K-last, last */
static bool layers(const char *s, iv_claim *c)
{
	char a[16];
	const char *dash = strchr(s, '-');
	if (strcmp(s, "all") == 0) {
		c->from = 1;
		c->to = IV_CLAIM_LAST;
		return true;
	}
	if (!dash)
		return layer(s, &c->from) && (c->to = c->from, true);
	if ((size_t)(dash - s) >= sizeof a)
		return false;
	memcpy(a, s, (size_t)(dash - s));
	a[dash - s] = '\0';
	return layer(a, &c->from) && c->from != IV_CLAIM_LAST &&
	       layer(dash + 1, &c->to) && c->to >= c->from;
}

static const char *next(struct words *w)
{
	return w->i < w->n ? w->w[w->i++] : NULL;
}

static int prefixes(struct words *w, iv_claim *c, char *err, size_t errlen)
{
	const char *s;
	if (w->i < w->n && strcmp(w->w[w->i], "with") == 0) {
		w->i++;
		if (!(s = next(w)) || !strchr(s, '=') || *s == '=' ||
		    strlen(s) >= sizeof c->with)
			return fail(err, errlen,
				    "claim: \"with\" takes one "
				    "KEY=VALUE, got",
				    s ? s : "");
		memcpy(c->with, s, strlen(s) + 1);
	}
	if (w->i < w->n && strcmp(w->w[w->i], "after") == 0) {
		w->i++;
		double n;
		if (!(s = next(w)) ||
		    !iv_parse_double(s, 1, IV_CLAIM_STEPS_MAX, &n) ||
		    n != (double)(size_t)n)
			return fail(err, errlen,
				    "claim: \"after\" takes a "
				    "number of steps from 1 to 100000, got",
				    s ? s : "");
		c->after = (size_t)n;
	}
	return 0;
}

int iv_claim_parse(const char *text, iv_claim *c, char *err, size_t errlen)
{
	struct words w = {.n = 0};
	const char *s;
	char *save = NULL;
	*c = (iv_claim){.q = IV_CLAIM_Q_COUNT};
	if (strlen(text) >= sizeof c->text)
		return fail(err, errlen, "claim too long", NULL);
	memcpy(c->text, text, strlen(text) + 1);
	memcpy(w.buf, text, strlen(text) + 1);
	for (char *t = strtok_r(w.buf, " \t", &save); t;
	     t = strtok_r(NULL, " \t", &save)) {
		if (w.n == WORDS)
			return fail(err, errlen, "claim: too many words", NULL);
		w.w[w.n++] = t;
	}
	if (prefixes(&w, c, err, errlen) != 0)
		return -1;
	if (!(s = next(&w)))
		return fail(err, errlen, "claim: no quantity", NULL);
	for (size_t k = 0; k < IV_CLAIM_Q_COUNT; k++)
		if (strcmp(s, q_names[k]) == 0)
			c->q = (iv_claim_q)k;
	if (c->q == IV_CLAIM_Q_COUNT)
		return fail(err, errlen,
			    "claim: unknown quantity (h.std, "
			    "dh.std, sat, distinct, loss, ...; see the man "
			    "page), got",
			    s);
	if (iv_claim_per_layer(c->q) && (!(s = next(&w)) || !layers(s, c)))
		return fail(err, errlen,
			    "claim: layers must be all, K, K-M, "
			    "K-last or last, got",
			    s ? s : "");
	if ((c->q == IV_CLAIM_H_RATIO || c->q == IV_CLAIM_DH_RATIO) &&
	    c->from < 2)
		return fail(err, errlen,
			    "claim: a ratio to the layer below "
			    "starts at layer 2, got",
			    c->text);
	if ((c->q == IV_CLAIM_LOSS || c->q == IV_CLAIM_LOSS_RATIO ||
	     c->q == IV_CLAIM_MOVED) &&
	    c->after == 0)
		return fail(err, errlen,
			    "claim: loss, loss.ratio and moved "
			    "need \"after N\", got",
			    c->text);
	s = next(&w);
	size_t op = 0;
	while (s && op < 5 && strcmp(s, op_names[op]) != 0)
		op++;
	if (!s || op == 5)
		return fail(err, errlen, "claim: expected < <= > >= or ==, got",
			    s ? s : "");
	c->op = (iv_claim_op)op;
	if (!(s = next(&w)) || !iv_parse_double(s, -1e300, 1e300, &c->bound))
		return fail(err, errlen,
			    "claim: the bound must be a decimal "
			    "number, got",
			    s ? s : "");
	if ((s = next(&w)))
		return fail(err, errlen,
			    "claim: unexpected words after the "
			    "bound:",
			    s);
	return 0;
}
