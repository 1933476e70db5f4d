/* SPDX-License-Identifier: MIT */
/* The message of bad usage or input that the option parsers hand back. */
#ifndef IV_CLI_FAIL_H
#define IV_CLI_FAIL_H

#include <stddef.h>

/* Characters of a bad value or spec quoted in a message at most, and the
 * %.*s precision that quotes n of them. */
#define CLI_QUOTE_MAX 64
static inline int cli_quote_len(size_t n)
{
	return (int)(n < CLI_QUOTE_MAX ? n : CLI_QUOTE_MAX);
}
/* "..." after a quote that was cut, else "". */
static inline const char *cli_quote_more(size_t n)
{
	return n > CLI_QUOTE_MAX ? "..." : "";
}
/* The arguments of a "%.*s%s" that quotes the n bytes at s: at most
 * CLI_QUOTE_MAX of them, then "..." when some were left out. */
#define CLI_QUOTE(s, n) cli_quote_len(n), (s), cli_quote_more(n)

/* Format the message into err (len bytes), then escape it there
 * (util/escape.h): the values it quotes came from the user and may hold
 * control bytes. Returns 2, the exit code of bad usage. */
int cli_fail(char *err, size_t len, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif
