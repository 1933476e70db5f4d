/* SPDX-License-Identifier: MIT */
/* Strict parsing of byte sizes and width lists in option values: the whole
 * string or nothing (plain numbers: util/number.h). */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "cli/opts.h"

/* Whether the n characters of a decimal number have a digit other than 0
 * before the exponent: "1e-400", which strtod reads as 0, is not 0. */
static bool nonzero_digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n && s[i] != 'e' && s[i] != 'E'; i++)
		if (s[i] >= '1' && s[i] <= '9')
			return true;
	return false;
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
	if ((v > 0 || nonzero_digits(s, n)) && floor(v * mul) < 1)
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
		if (count == IV_WIDTHS_MAX || !iv_parse_digits(p, len, &v) ||
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
