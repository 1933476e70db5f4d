/* SPDX-License-Identifier: MIT */
/* Text widths, numbers, durations, the codeset. */
#include <langinfo.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include "view/text.h"
#include "util/wrap.h"

bool tui_text_utf8_locale(void)
{
	const char *cs = nl_langinfo(CODESET);
	return cs &&
	       (strcasecmp(cs, "UTF-8") == 0 || strcasecmp(cs, "utf8") == 0);
}

iv_cols_mode tui_text_mode(void)
{
	return tui_text_utf8_locale() ? IV_COLS_CELLS : IV_COLS_CHARS;
}

int tui_text_width(const char *s)
{
	return iv_cols(s, tui_text_mode());
}

const char *tui_text_wrap_line(const char *text, int width, size_t *len,
			       const char **next)
{
	return iv_wrap_line_in(text, width, tui_text_mode(), len, next);
}

int tui_text_wrap_count(const char *text, int width)
{
	return iv_wrap_count_in(text, width, tui_text_mode());
}

char *tui_text_number(double v, char *buf, size_t size)
{
	tui_text_fit(v, 64, buf, size);
	return buf;
}

/* "1.5e+07" as "1.5e7", "1e-05" as "1e-5": the exponent without its plus
 * sign and leading zeros, in place. */
static void short_exponent(char *s)
{
	char *e = strchr(s, 'e');
	if (!e)
		return;
	char *out = e + 1, *in = e + 1;
	if (*in == '-')
		in++, out++;
	else if (*in == '+')
		in++;
	while (in[0] == '0' && in[1])
		in++;
	memmove(out, in, strlen(in) + 1);
}

bool tui_text_fit_digits(double v, int digits, int width, char *buf,
			 size_t size)
{
	char s[48];
	if (size == 0)
		return false;
	buf[0] = '\0';
	if (isnan(v) || isinf(v)) {
		const char *t = isnan(v) ? "nan" : v > 0 ? "inf" : "-inf";
		if ((int)strlen(t) > width || strlen(t) >= size)
			return false;
		snprintf(buf, size, "%s", t);
		return true;
	}
	if (v == 0)
		v = 0; /* -0 reads as 0 */
	digits = digits < 1 ? 1 : digits > 17 ? 17 : digits;
	for (int p = digits; p >= 1; p--)
		for (int shortened = 0; shortened < 2; shortened++) {
			snprintf(s, sizeof s, "%.*g", p, v);
			if (shortened)
				short_exponent(s);
			if ((int)strlen(s) <= width && strlen(s) < size) {
				snprintf(buf, size, "%s", s);
				return true;
			}
		}
	return false;
}

bool tui_text_fit(double v, int width, char *buf, size_t size)
{
	return tui_text_fit_digits(v, 3, width, buf, size);
}

char *tui_text_seconds(double s, char *buf, size_t size)
{
	if (s < 0.01)
		snprintf(buf, size, "%.2f ms", s * 1e3);
	else if (s < 1)
		snprintf(buf, size, "%.0f ms", s * 1e3);
	else
		snprintf(buf, size, "%.2f s", s);
	return buf;
}
