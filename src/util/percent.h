/* SPDX-License-Identifier: MIT */
/* A fraction as a percentage that never claims all or none of something
 * when rounding alone would: every unit saturated means no gradient
 * passes, none dead means every unit learns, so "100%" of 99.97% and "0%"
 * of 0.3% would tell a class the wrong thing. */
#ifndef IV_UTIL_PERCENT_H
#define IV_UTIL_PERCENT_H

#include <stddef.h>

/* f (0..1) as a percentage with decimals (0..3) digits after the point,
 * "12%", "0.4%"; where those digits would read 100 for f < 1 or 0 for
 * f > 0, ">99%" / ">99.9%" and "<1%" / "<0.1%" instead. "?" for a
 * fraction that is not finite. Returns buf. */
const char *iv_percent(char *buf, size_t len, double f, int decimals);

#endif
