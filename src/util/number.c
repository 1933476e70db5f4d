/* SPDX-License-Identifier: MIT */
/* Strict decimal numbers; and the text of one known by its logarithm. */
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "util/number.h"

/* Decimal notation only: strtod would also take hex, "nan" and "inf". */
static bool decimal_chars(const char *s, size_t n)
{
	if (n == 0)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!strchr("0123456789+-.eE", s[i]))
			return false;
	return true;
}

/* No copy into a buffer: strtod cannot take what follows the n characters
 * (a unit letter) as part of a decimal number, so it stops within them. */
bool iv_parse_decimal(const char *s, size_t n, double *out)
{
	char *end;
	if (!decimal_chars(s, n))
		return false;
	double v = strtod(s, &end);
	if (end != s + n || !isfinite(v)) /* overflow gives HUGE_VAL */
		return false;
	*out = v;
	return true;
}

bool iv_parse_double(const char *s, double lo, double hi, double *out)
{
	double v;
	if (!s || !iv_parse_decimal(s, strlen(s), &v) || v < lo || v > hi)
		return false;
	*out = v == 0 ? 0.0 : v; /* "-0" is 0 */
	return true;
}

bool iv_parse_digits(const char *s, size_t n, unsigned long *out)
{
	unsigned long v = 0;
	if (n == 0)
		return false;
	for (size_t i = 0; i < n; i++) {
		unsigned d = (unsigned)(s[i] - '0');
		if (s[i] < '0' || s[i] > '9' || v > (ULONG_MAX - d) / 10)
			return false;
		v = v * 10 + d;
	}
	*out = v;
	return true;
}

bool iv_parse_ulong(const char *s, unsigned long *out)
{
	return s && iv_parse_digits(s, strlen(s), out);
}

bool iv_parse_size(const char *s, size_t lo, size_t hi, size_t *out)
{
	unsigned long v;
	if (!iv_parse_ulong(s, &v) || v < lo || v > hi)
		return false;
	*out = (size_t)v;
	return true;
}

const char *iv_pow10_text(char *buf, size_t len, double e, int digits)
{
	if (!isfinite(e)) {
		snprintf(buf, len, "%s", isnan(e) ? "nan" : e > 0 ? "inf" : "0");
		return buf;
	}
	digits = digits < 1 ? 1 : digits > 17 ? 17 : digits;
	double k = floor(e);
	char m[32];
	snprintf(m, sizeof m, "%.*g", digits, pow(10, e - k));
	if (strcmp(m, "10") == 0) { /* the mantissa rounded up to 10 */
		k += 1;
		snprintf(m, sizeof m, "1");
	}
	snprintf(buf, len, "%se%c%02.0f", m, k < 0 ? '-' : '+', fabs(k));
	return buf;
}
