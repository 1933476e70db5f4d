/* SPDX-License-Identifier: MIT */
/* The codeset test and the byte sizes. */
#include <langinfo.h>
#include <stdio.h>
#include <strings.h>
#include "tui/text.h"

bool tui_text_utf8_locale(void)
{
	const char *cs = nl_langinfo(CODESET);
	return cs &&
	       (strcasecmp(cs, "UTF-8") == 0 || strcasecmp(cs, "utf8") == 0);
}

char *tui_text_bytes(double bytes, char *buf, size_t size)
{
	static const char *const units[] = {"bytes", "KiB", "MiB", "GiB",
					    "TiB",   "PiB", "EiB"};
	size_t u = 0;
	while (bytes >= 1024 && u + 1 < sizeof units / sizeof units[0]) {
		bytes /= 1024;
		u++;
	}
	snprintf(buf, size, u ? "%.1f %s" : "%.0f %s", bytes, units[u]);
	return buf;
}
