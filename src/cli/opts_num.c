/* SPDX-License-Identifier: MIT */
/* Strict parsing of numbers in option values: the whole string or nothing. */
#include <ctype.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "cli/opts.h"

/* The n digits at s (n >= 1, digits only: no sign, space or hex) as an
 * unsigned long, however many leading zeros; false on overflow. */
static bool digits_value(const char *s, size_t n, unsigned long *out)
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

bool cli_parse_ulong(const char *s, unsigned long *out)
{
	return s && digits_value(s, strlen(s), out);
}

bool cli_parse_size(const char *s, size_t lo, size_t hi, size_t *out)
{
	unsigned long v;
	if (!cli_parse_ulong(s, &v) || v < lo || v > hi)
		return false;
	*out = (size_t)v;
	return true;
}

bool cli_parse_bytes(const char *s, double *out)
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
	if (!iv_parse_decimal(s, n, &v) || v < 0 || !isfinite(v * mul))
		return false;
	/* whole bytes; a limit that would round to 0 (no limit) is refused */
	if (v > 0 && floor(v * mul) < 1)
		return false;
	*out = floor(v * mul);
	return true;
}

bool cli_parse_widths(const char *s, uint32_t *w, size_t *n)
{
	size_t count = 0;
	if (!s || !*s)
		return false;
	for (const char *p = s;; p++) {
		const char *comma = strchr(p, ',');
		size_t len = comma ? (size_t)(comma - p) : strlen(p);
		unsigned long v;
		if (count == IV_WIDTHS_MAX || !digits_value(p, len, &v) ||
		    v < 1 || v > IV_WIDTH_MAX)
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
