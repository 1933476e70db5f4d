/* SPDX-License-Identifier: MIT */
/* Terminal-safe copies of untrusted text. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "util/escape.h"

/* Bytes of the well-formed UTF-8 character at s (n bytes left) whose code
 * point (*code) is U+00A0 or above; 0 when there is none. */
static size_t utf8_char(const unsigned char *s, size_t n, unsigned long *code)
{
	unsigned c = s[0];
	size_t len;
	unsigned long cp, min;
	if (c >= 0xc2 && c <= 0xdf) {
		len = 2;
		cp = c & 0x1f;
		min = 0xa0;
	} else if (c >= 0xe0 && c <= 0xef) {
		len = 3;
		cp = c & 0x0f;
		min = 0x800;
	} else if (c >= 0xf0 && c <= 0xf4) {
		len = 4;
		cp = c & 0x07;
		min = 0x10000;
	} else {
		return 0;
	}
	if (n < len)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3f);
	}
	if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	*code = cp;
	return len;
}

/* The invisible marks that reorder the text around them on a terminal
 * that applies the bidirectional algorithm: a title could then read as
 * something else. */
static int bidi_control(unsigned long cp)
{
	return cp == 0x061c || cp == 0x200e || cp == 0x200f ||
	       (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
}

size_t iv_escape(char *dst, size_t size, const char *src, size_t n)
{
	const unsigned char *s = (const unsigned char *)src;
	size_t out = 0;
	for (size_t i = 0; i < n;) {
		char tmp[12];
		unsigned long cp = 0;
		size_t k = utf8_char(s + i, n - i, &cp), w;
		if (k && bidi_control(cp)) {
			w = (size_t)snprintf(tmp, sizeof tmp, "\\u%04lx", cp);
		} else if (k) {
			memcpy(tmp, s + i, k);
			w = k;
		} else if (s[i] < 0x20 || s[i] == 0x7f) {
			tmp[0] = '^';
			if (s[i] == 0x7f)
				tmp[1] = '?';
			else
				tmp[1] = (char)(s[i] + 0x40);
			w = 2;
			k = 1;
		} else if (s[i] >= 0x80) {
			w = (size_t)snprintf(tmp, sizeof tmp, "\\x%02x", s[i]);
			k = 1;
		} else {
			tmp[0] = (char)s[i];
			w = k = 1;
		}
		if (out + w >= size)
			break;
		memcpy(dst + out, tmp, w);
		out += w;
		i += k;
	}
	if (size)
		dst[out] = '\0';
	return out;
}

size_t iv_escape_str(char *dst, size_t size, const char *src)
{
	return iv_escape(dst, size, src, strlen(src));
}

void iv_escape_inplace(char *buf, size_t size)
{
	char *copy = strdup(buf);
	if (!copy) { /* no memory: drop what is unsafe instead */
		for (char *p = buf; *p; p++)
			if ((unsigned char)*p < 0x20 || *p == 0x7f ||
			    (unsigned char)*p >= 0x80)
				*p = '?';
		return;
	}
	iv_escape_str(buf, size, copy);
	free(copy);
}

void iv_brief(char *dst, size_t size, const char *src, size_t max)
{
	size_t n = strlen(src);
	if (max > size - 1)
		max = size - 1;
	if (n <= max || max < 8) {
		snprintf(dst, size, "%.*s", (int)max, src);
		return;
	}
	size_t head = (max - 3) / 2, tail = max - 3 - head;
	/* src[head] is the first byte left out: inside a character, leave
	 * out the whole character; the tail starts at a character too */
	while (head > 0 && ((unsigned char)src[head] & 0xc0) == 0x80)
		head--;
	const char *t = src + n - tail;
	while (*t && ((unsigned char)*t & 0xc0) == 0x80)
		t++;
	snprintf(dst, size, "%.*s...%s", (int)head, src, t);
}
