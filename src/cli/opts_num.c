/* SPDX-License-Identifier: MIT */
/* Strict parsing of byte sizes and width lists in option values: the whole
 * string or nothing (plain numbers: util/number.h). */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "cli/opts.h"

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
