/* SPDX-License-Identifier: MIT */
/* Strict numbers from text that users wrote (option values, lesson files,
 * the view's prompt): the whole text or nothing. */
#ifndef IV_UTIL_NUMBER_H
#define IV_UTIL_NUMBER_H

#include <stdbool.h>
#include <stddef.h>

/* A finite double from exactly the first n characters of s, in decimal
 * notation only (no hex, "nan" or "inf", no blanks), of any length. What
 * follows them must not be part of a decimal number (a unit letter, the
 * end). false for n == 0, trailing characters and overflow; underflow to
 * 0 or a subnormal is accepted. */
bool iv_parse_decimal(const char *s, size_t n, double *out);

/* A whole string as iv_parse_decimal, within [lo, hi]; "-0" gives 0. false
 * for NULL. */
bool iv_parse_double(const char *s, double lo, double hi, double *out);

/* The n characters at s (n >= 1) as an unsigned long: digits only (no
 * sign, blank or hex), however many leading zeros; false on overflow. */
bool iv_parse_digits(const char *s, size_t n, unsigned long *out);
/* A whole string of digits as iv_parse_digits; false for NULL. */
bool iv_parse_ulong(const char *s, unsigned long *out);
/* The same within [lo, hi]. */
bool iv_parse_size(const char *s, size_t lo, size_t hi, size_t *out);

/* 10^e as "%.*g" would write it if a double held it: "8e-340", "1.25e+400"
 * (digits significant digits, 1..17), for a number known by its base-10
 * logarithm e. "nan", "inf" or "0" where e is not finite. Returns buf. */
const char *iv_pow10_text(char *buf, size_t len, double e, int digits);

#endif
