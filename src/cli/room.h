/* SPDX-License-Identifier: MIT */
/* Room for OpenBLAS's buffers under the process's memory limits.
 *
 * OpenBLAS maps a buffer of 128 MiB (x86-64) for each thread that calls it,
 * the first time, and retries that mmap forever when it fails: under a
 * small `ulimit -v` (RLIMIT_AS) or `ulimit -d` (RLIMIT_DATA) its worker
 * threads spin from the moment the library loads, and the first product,
 * or exit (which joins them), never returns. */
#ifndef IV_CLI_ROOM_H
#define IV_CLI_ROOM_H

#include <stddef.h>

/* 0 when the BLAS is not OpenBLAS, the process has no such limit, or there
 * is room to map the buffers the engine's threads may still need (those
 * OpenBLAS's own workers hold are reused) plus `more` bytes; else -1 with
 * a one-line message in msg. Maps nothing that stays. */
int cli_room(double more, char *msg, size_t len);

#endif
