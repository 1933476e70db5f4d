/* SPDX-License-Identifier: MIT */
/* Percentages that never round to all or none (percent.h). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include "util/percent.h"

const char *iv_percent(char *buf, size_t len, double f, int decimals)
{
	int d = decimals < 0 ? 0 : decimals > 3 ? 3 : decimals;
	if (!isfinite(f)) {
		snprintf(buf, len, "?");
		return buf;
	}
	snprintf(buf, len, "%.*f%%", d, 100 * f);
	double shown = strtod(buf, NULL), unit = pow(10, -d);
	if (f > 0 && shown == 0)
		snprintf(buf, len, "<%.*f%%", d, unit);
	else if (f < 1 && shown == 100)
		snprintf(buf, len, ">%.*f%%", d, 100 - unit);
	return buf;
}
