/* SPDX-License-Identifier: MIT */
/* Text widths, word wrapping, numbers, durations, the codeset. */
#include <langinfo.h>
#include <math.h>
#include <stdio.h>
#include <strings.h>
#include "view/text.h"

bool tui_text_utf8_locale(void)
{
	const char *cs = nl_langinfo(CODESET);
	return cs &&
	       (strcasecmp(cs, "UTF-8") == 0 || strcasecmp(cs, "utf8") == 0);
}

int tui_text_width(const char *s)
{
	int n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

char *tui_text_number(double v, char *buf, size_t size)
{
	if (isnan(v))
		snprintf(buf, size, "nan");
	else if (isinf(v))
		snprintf(buf, size, v > 0 ? "inf" : "-inf");
	else
		snprintf(buf, size, "%.3g", v);
	return buf;
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

const char *tui_text_wrap_line(const char *text, int width, size_t *len,
			  const char **next)
{
	size_t n = 0, cut = 0;
	int cols = 0;
	while (*text == ' ')
		text++;
	while (text[n] && cols < width) { /* whole characters */
		if (text[n] == ' ')
			cut = n;
		n++;
		while (((unsigned char)text[n] & 0xC0) == 0x80)
			n++;
		cols++;
	}
	if (text[n] && text[n] != ' ' && cut > 0)
		n = cut; /* break at the last blank that fits */
	*next = text + n;
	while (**next == ' ')
		(*next)++;
	while (n > 0 && text[n - 1] == ' ')
		n--;
	*len = n;
	return text;
}

int tui_text_wrap_count(const char *text, int width)
{
	int n = 0;
	while (width > 0 && *text) {
		const char *next;
		size_t len;
		tui_text_wrap_line(text, width, &len, &next);
		n += len > 0;
		text = next;
	}
	return n;
}
