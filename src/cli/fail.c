/* SPDX-License-Identifier: MIT */
/* The parsers' messages, escaped (fail.h). */
#include <stdarg.h>
#include <stdio.h>
#include "cli/fail.h"
#include "util/escape.h"

int cli_fail(char *err, size_t len, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err, len, fmt, ap);
	va_end(ap);
	iv_escape_inplace(err, len);
	return 2;
}
