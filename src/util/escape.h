/* SPDX-License-Identifier: MIT */
/* Text from a file made safe to print on a terminal: control bytes in
 * caret notation (ESC as ^[, as the view draws them), bytes that are not
 * UTF-8 and the C1 controls as \xNN, the marks that reorder text as \uNNNN.
 * No curses, no printing. */
#ifndef IV_UTIL_ESCAPE_H
#define IV_UTIL_ESCAPE_H

#include <stddef.h>

/* Write n bytes of src to dst (size bytes, size >= 1) escaped: bytes 0x00
 * to 0x1f as ^@ to ^_, 0x7f as ^?, well-formed UTF-8 of U+00A0 and up as
 * it is but for the bidirectional controls (U+061C, U+200E, U+200F,
 * U+202A..U+202E, U+2066..U+2069), which reorder what is around them, as
 * \uNNNN; every other byte (C1 controls U+0080..U+009F, stray or overlong
 * sequences, surrogates) as \xNN. Printable ASCII stays. The output is
 * cut, never inside an escape or a character, to fit; always terminated.
 * Returns the bytes written, without the NUL. */
size_t iv_escape(char *dst, size_t size, const char *src, size_t n);

/* iv_escape of a NUL-terminated string. */
size_t iv_escape_str(char *dst, size_t size, const char *src);

/* The length a message quotes a file name at most (the value of an option
 * is cut after as many characters). */
#define IV_BRIEF_MAX 64

/* src for a message: as it is when it has at most max bytes, else its
 * first and last bytes around "..." (max bytes in all, whole UTF-8
 * characters), so that a long path keeps the end that names its file and
 * a message's reason after it stays readable. Not escaped. dst holds size
 * bytes (size >= 1). */
void iv_brief(char *dst, size_t size, const char *src, size_t max);

/* Escape a NUL-terminated string in place (buf holds size bytes): what
 * does not fit is cut. */
void iv_escape_inplace(char *buf, size_t size);

#endif
