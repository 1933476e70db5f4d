/* SPDX-License-Identifier: MIT */
/* Shared by the fuzz harnesses: the libFuzzer entry point and a check that
 * stops the run on a broken invariant (libFuzzer saves the input). */
#ifndef IV_FUZZ_H
#define IV_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

/* Called once per input: by libFuzzer (make fuzz), or by replay.c for each
 * file of the corpus and the regression inputs (make check). Returns 0. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_ASSERT(c)                                                        \
	do {                                                                  \
		if (!(c)) {                                                   \
			fprintf(stderr, "%s:%d: invariant broken: %s\n",      \
			        __FILE__, __LINE__, #c);                      \
			abort();                                              \
		}                                                             \
	} while (0)

/* err is one non-empty line that fits its buffer. */
#define FUZZ_ASSERT_MESSAGE(err, len)                                         \
	do {                                                                  \
		FUZZ_ASSERT(memchr((err), '\0', (len)) != NULL);              \
		FUZZ_ASSERT((err)[0] != '\0');                                \
		FUZZ_ASSERT(strchr((err), '\n') == NULL);                     \
		FUZZ_ASSERT(fuzz_terminal_safe(err));                         \
	} while (0)

/* Whether s is safe to print on a terminal: no C0 control byte nor DEL,
 * and bytes from 0x80 up only in well-formed UTF-8 of U+00A0 and above
 * (no C1 controls): the escaping of util/escape.h. */
static inline int fuzz_terminal_safe(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		unsigned long cp;
		int k;
		if (*p < 0x20 || *p == 0x7f)
			return 0;
		if (*p < 0x80) {
			p++;
			continue;
		}
		if (*p >= 0xc2 && *p <= 0xdf)
			k = 1, cp = *p & 0x1f;
		else if (*p >= 0xe0 && *p <= 0xef)
			k = 2, cp = *p & 0x0f;
		else if (*p >= 0xf0 && *p <= 0xf4)
			k = 3, cp = *p & 0x07;
		else
			return 0;
		for (p++; k > 0; k--, p++) {
			if ((*p & 0xc0) != 0x80)
				return 0;
			cp = cp << 6 | (*p & 0x3f);
		}
		if (cp < 0xa0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			return 0;
	}
	return 1;
}

#endif
