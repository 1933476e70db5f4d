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
	} while (0)

#endif
