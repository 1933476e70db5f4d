/* SPDX-License-Identifier: MIT */
/* Word wrapping (wrap.h). */
#include <stdbool.h>
#include "util/wrap.h"

/* Whether cp ends a phrase and may not start a line: the ideographic and
 * fullwidth comma, full stop, colon, semicolon, marks and closing
 * brackets ("，。、；：！？）」』】"). */
static bool closing(uint32_t cp)
{
	switch (cp) {
	case 0x3001: case 0x3002: case 0x3009: case 0x300B: case 0x300D:
	case 0x300F: case 0x3011: case 0x3015: case 0x3017: case 0xFF01:
	case 0xFF09: case 0xFF0C: case 0xFF0E: case 0xFF1A: case 0xFF1B:
	case 0xFF1F: case 0xFF3D: case 0xFF5D:
		return true;
	default:
		return false;
	}
}

/* Whether cp opens a phrase and may not end a line ("（「『【"). */
static bool opening(uint32_t cp)
{
	switch (cp) {
	case 0x3008: case 0x300A: case 0x300C: case 0x300E: case 0x3010:
	case 0x3014: case 0x3016: case 0xFF08: case 0xFF3B: case 0xFF5B:
		return true;
	default:
		return false;
	}
}

/* Whether a line may break between the characters a and b with no blank:
 * beside a wide character (Chinese and Japanese are written without
 * blanks between words, and break between any two characters), except
 * before closing punctuation and after opening. */
static bool break_between(uint32_t a, uint32_t b)
{
	if (a == ' ' || b == ' ' || closing(b) || opening(a))
		return false;
	return iv_cols_of(a) == 2 || iv_cols_of(b) == 2;
}

const char *iv_wrap_line_in(const char *text, int width, iv_cols_mode m,
			    size_t *len, const char **next)
{
	size_t n = 0, cut = 0;
	int cols = 0;
	uint32_t prev = ' ';
	while (*text == ' ')
		text++;
	/* whole glyphs: a wide one whole or not at all, marks with their
	 * letter */
	while (text[n] && width > 0) {
		uint32_t cp;
		int c;
		iv_cols_char(text + n, &cp);
		size_t k = iv_cols_glyph(text + n, m, &c);
		if (n > 0 && (cp == ' ' || break_between(prev, cp)))
			cut = n;
		if (cols + c > width)
			break;
		cols += c;
		n += k;
		prev = cp;
	}
	if (text[n] && text[n] != ' ' && cut > 0)
		n = cut; /* at the last blank or wide character that fits */
	*next = text + n;
	while (**next == ' ')
		(*next)++;
	while (n > 0 && text[n - 1] == ' ')
		n--;
	*len = n;
	return text;
}

const char *iv_wrap_line(const char *text, int width, size_t *len,
			 const char **next)
{
	return iv_wrap_line_in(text, width, IV_COLS_CHARS, len, next);
}

int iv_wrap_count_in(const char *text, int width, iv_cols_mode m)
{
	int n = 0;
	while (width > 0 && *text) {
		const char *next;
		size_t len;
		iv_wrap_line_in(text, width, m, &len, &next);
		n += len > 0;
		if (next == text)
			break;
		text = next;
	}
	return n;
}

int iv_wrap_count(const char *text, int width)
{
	return iv_wrap_count_in(text, width, IV_COLS_CHARS);
}
