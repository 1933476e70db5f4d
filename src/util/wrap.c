/* SPDX-License-Identifier: MIT */
/* Word wrapping (wrap.h). */
#include "util/wrap.h"

const char *iv_wrap_line(const char *text, int width, size_t *len,
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

int iv_wrap_count(const char *text, int width)
{
	int n = 0;
	while (width > 0 && *text) {
		const char *next;
		size_t len;
		iv_wrap_line(text, width, &len, &next);
		n += len > 0;
		text = next;
	}
	return n;
}
