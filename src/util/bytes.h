/* SPDX-License-Identifier: MIT */
/* Sizes in bytes for people, in binary units (KiB, MiB, ...) everywhere. */
#ifndef IV_UTIL_BYTES_H
#define IV_UTIL_BYTES_H

#include <stddef.h>

/* "1 byte", "512 bytes", "3.2 GiB": the largest unit of 1024 that keeps
 * the number at least 1, one decimal in units above bytes. */
void iv_bytes_str(double bytes, char *buf, size_t len);

/* Two sizes that differ written so that they read differently ("1.40 GiB"
 * and "1.41 GiB", not both "1.4 GiB"): up to three decimals, then with the
 * exact count of bytes after each, "1.406 GiB (1509949440 bytes)". */
void iv_bytes_pair(double a, double b, char *abuf, char *bbuf, size_t len);

#endif
