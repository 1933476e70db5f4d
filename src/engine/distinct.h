/* SPDX-License-Identifier: MIT */
/* Internal: distinct neurons on a pool's threads. */
#ifndef IV_ENGINE_DISTINCT_H
#define IV_ENGINE_DISTINCT_H

#include <stdbool.h>
#include <stddef.h>
#include "par.h"

/* iv_distinct_columns with what the statistics already know: amax the
 * largest |x| of the finite entries, finite whether every entry is. The
 * keys' sums over rows are cut in iv_distinct_parts parts (a function of
 * the shape), run on pool's threads (NULL: threads for the call), added in
 * order. work: IV_DISTINCT_WORK(cols) bytes. */
size_t iv_distinct_columns_on(iv_pool *pool, const double *a, size_t rows,
			      size_t cols, double amax, bool finite,
			      void *work);
size_t iv_distinct_parts(size_t rows, size_t cols);

#endif
