/* SPDX-License-Identifier: MIT */
/* The ranges of the numbers users set, their text and their parsing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "util/number.h"
#include "util/range.h"

static const iv_range rows[IV_R_COUNT] = {
#define IV_X(id, name_, kind_, lo_, hi_)                                       \
	[IV_R_##id] = {.name = name_, .kind = kind_, .lo = lo_, .hi = hi_},
    IV_RANGE_LIST(IV_X)
#undef IV_X
};

const iv_range *iv_range_get(iv_range_id id)
{
	return id > IV_R_NONE && id < IV_R_COUNT ? &rows[id] : NULL;
}

const iv_range *iv_range_find(const char *name)
{
	for (int i = IV_R_NONE + 1; name && i < IV_R_COUNT; i++)
		if (strcmp(rows[i].name, name) == 0)
			return &rows[i];
	return NULL;
}

/* v as %g, the exponent without "+" and leading zeros ("1e300", "1e-12"),
 * as the documentation writes bounds. */
static void bound(double v, char *buf, size_t len)
{
	char t[32], *e;
	snprintf(t, sizeof t, "%g", v);
	if ((e = strchr(t, 'e'))) {
		long x = strtol(e + 1, NULL, 10);
		*e = '\0';
		snprintf(buf, len, "%.12se%ld", t, x);
		return;
	}
	snprintf(buf, len, "%s", t);
}

void iv_range_allowed(const iv_range *r, char *buf, size_t len)
{
	char lo[32], hi[32];
	switch (r->kind) {
	case IV_NUM_ULONG:
		snprintf(buf, len, "an integer from 0 to %lu",
			 (unsigned long)-1);
		break;
	case IV_NUM_SIZE:
		snprintf(buf, len, "an integer from %.0f to %.0f", r->lo,
			 r->hi);
		break;
	default:
		bound(r->lo, lo, sizeof lo);
		bound(r->hi, hi, sizeof hi);
		snprintf(buf, len, "a number from %s to %s", lo, hi);
		break;
	}
}

bool iv_range_real(const iv_range *r, const char *s, double *out)
{
	return r->kind == IV_NUM_REAL && iv_parse_double(s, r->lo, r->hi, out);
}

bool iv_range_size(const iv_range *r, const char *s, size_t *out)
{
	return r->kind == IV_NUM_SIZE &&
	       iv_parse_size(s, (size_t)r->lo, (size_t)r->hi, out);
}

bool iv_range_ulong(const iv_range *r, const char *s, unsigned long *out)
{
	return r->kind == IV_NUM_ULONG && iv_parse_ulong(s, out);
}
