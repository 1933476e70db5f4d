/* SPDX-License-Identifier: MIT */
/* Strict parsing of numbers in option values: the whole string or nothing. */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "cli/opts.h"

static bool all_digits(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return false;
	return true;
}

bool iv_parse_ulong(const char *s, unsigned long *out)
{
	char *end;
	if (!s || !all_digits(s)) /* no sign, space, hex or empty string */
		return false;
	errno = 0;
	unsigned long v = strtoul(s, &end, 10);
	if (errno == ERANGE || *end)
		return false;
	*out = v;
	return true;
}

bool iv_parse_size(const char *s, size_t lo, size_t hi, size_t *out)
{
	unsigned long v;
	if (!iv_parse_ulong(s, &v) || v < lo || v > hi)
		return false;
	*out = (size_t)v;
	return true;
}

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

/* A finite double from the first n characters of s, all of them used. */
static bool parse_prefix(const char *s, size_t n, double *out)
{
	char buf[128], *end;
	if (n >= sizeof buf || !decimal_chars(s, n))
		return false;
	memcpy(buf, s, n);
	buf[n] = '\0';
	double v = strtod(buf, &end);
	if (end != buf + n || !isfinite(v)) /* overflow gives HUGE_VAL */
		return false;
	*out = v; /* underflow to 0 or a subnormal is accepted */
	return true;
}

bool iv_parse_double(const char *s, double lo, double hi, double *out)
{
	double v;
	if (!s || !parse_prefix(s, strlen(s), &v) || v < lo || v > hi)
		return false;
	*out = v == 0 ? 0.0 : v; /* "-0" is 0 */
	return true;
}

bool iv_parse_bytes(const char *s, double *out)
{
	static const char units[] = "KMGT";
	size_t n = s ? strlen(s) : 0;
	double v, mul = 1;
	if (n == 0)
		return false;
	const char *u = strchr(units, toupper((unsigned char)s[n - 1]));
	if (u && *u) {
		mul = pow(1024.0, (double)(u - units + 1));
		n--;
	}
	if (!parse_prefix(s, n, &v) || v < 0 || !isfinite(v * mul))
		return false;
	*out = v * mul;
	return true;
}

bool iv_parse_widths(const char *s, uint32_t *w, size_t *n)
{
	size_t count = 0;
	if (!s || !*s)
		return false;
	for (const char *p = s;; p++) {
		const char *comma = strchr(p, ',');
		size_t len = comma ? (size_t)(comma - p) : strlen(p);
		char buf[16];
		size_t v;
		if (count == IV_WIDTHS_MAX || len == 0 || len >= sizeof buf)
			return false;
		memcpy(buf, p, len);
		buf[len] = '\0';
		if (!iv_parse_size(buf, 1, IV_WIDTH_MAX, &v))
			return false;
		w[count++] = (uint32_t)v;
		if (!comma)
			break;
		p = comma;
	}
	if (count < 2)
		return false;
	*n = count;
	return true;
}
