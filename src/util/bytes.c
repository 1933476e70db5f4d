/* SPDX-License-Identifier: MIT */
/* Binary-unit sizes. */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "util/bytes.h"

static const char *const units[] = {"bytes", "KiB", "MiB", "GiB",
				    "TiB",   "PiB", "EiB"};
#define NUNITS (sizeof units / sizeof units[0])

static void fmt(double bytes, int decimals, char *buf, size_t len)
{
	size_t u = 0;
	double v = bytes;
	if (!isfinite(bytes)) {
		snprintf(buf, len, "%s bytes",
			 bytes > 0 ? "infinitely many"
				   : "an unknown number of");
		return;
	}
	while (fabs(v) >= 1024 && u + 1 < NUNITS) {
		v /= 1024;
		u++;
	}
	if (u == 0)
		snprintf(buf, len, "%.0f %s", v, v == 1 ? "byte" : "bytes");
	else
		snprintf(buf, len, "%.*f %s", decimals, v, units[u]);
}

void iv_bytes_str(double bytes, char *buf, size_t len)
{
	fmt(bytes, 1, buf, len);
}

void iv_bytes_pair(double a, double b, char *abuf, char *bbuf, size_t len)
{
	for (int d = 1; d <= 3; d++) {
		fmt(a, d, abuf, len);
		fmt(b, d, bbuf, len);
		if (strcmp(abuf, bbuf) != 0 || a == b)
			return;
	}
	size_t n = strlen(abuf);
	snprintf(abuf + n, len - n, " (%.0f bytes)", a);
	n = strlen(bbuf);
	snprintf(bbuf + n, len - n, " (%.0f bytes)", b);
}
