/* SPDX-License-Identifier: MIT */
/* The message of bad usage or input that the option parsers hand back. */
#ifndef IV_CLI_FAIL_H
#define IV_CLI_FAIL_H

#include <stddef.h>

/* Characters of a bad value or spec quoted in a message at most. */
#define CLI_QUOTE_MAX 64

/* Format the message into err (len bytes), then escape it there
 * (util/escape.h): the values it quotes came from the user and may hold
 * control bytes. Returns 2, the exit code of bad usage. */
int cli_fail(char *err, size_t len, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif
