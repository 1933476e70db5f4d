/* SPDX-License-Identifier: MIT */
/* The engine's threads. A network does all its parallel work (elementwise
 * passes, statistics, draws and the matrix products) on one pool of
 * threads of its own: each product's rows are cut in parts, one BLAS call
 * on one thread per part. So the first network made sets OpenBLAS, when
 * that is the BLAS, to one thread per call for the rest of the process:
 * its own workers would otherwise spin between products while the
 * engine's passes need the cores (docs/performance.md). Results never
 * depend on the number of threads. */
#ifndef INITVIZ_THREADS_H
#define INITVIZ_THREADS_H

/* At most n threads for each network's work from now on; 0 (the default):
 * every processor this process may run on. A sweep running k networks side
 * by side gives each its share. Returns the previous limit. */
unsigned iv_threads_limit(unsigned n);

/* OpenBLAS's own thread count: set it to n when n > 0 and return what it
 * was; 0 when the BLAS is not OpenBLAS. n = 1 also stops OpenBLAS's worker
 * threads (they would spin for 0.1 s after each call on several threads);
 * a later call on more threads starts them again. For measuring BLAS
 * alone (the benchmark's products); the engine needs 1 and sets it
 * itself. */
int iv_blas_threads(int n);

/* How many of the engine's threads may call BLAS at once: a product's
 * parts run on at most 4 threads, and on no more than the processors this
 * process may run on within iv_threads_limit. Each such thread has a BLAS
 * buffer of its own (the CLI checks a memory limit leaves room for them). */
unsigned iv_blas_callers(void);

#endif
