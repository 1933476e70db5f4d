/* SPDX-License-Identifier: MIT */
/* Room for OpenBLAS's buffers under the process's memory limits (room.h). */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <initviz/threads.h>
#include "cli/room.h"
#include "util/blas_core.h"
#include "util/bytes.h"

/* OpenBLAS's BUFFER_SIZE on x86-64 (32 << 22) and the page it adds */
#define BLAS_BUFFER ((size_t)128 << 20)

/* The smaller of the limits that count private mappings, in bytes; 0:
 * none. */
static double limit_bytes(void)
{
	static const int which[] = {RLIMIT_AS, RLIMIT_DATA};
	double least = 0;
	for (size_t i = 0; i < sizeof which / sizeof *which; i++) {
		struct rlimit r;
		if (getrlimit(which[i], &r) != 0 || r.rlim_cur == RLIM_INFINITY)
			continue;
		if (least == 0 || (double)r.rlim_cur < least)
			least = (double)r.rlim_cur;
	}
	return least;
}

/* Whether a line of /proc/self/maps ("lo-hi perms offset dev inode
 * [path]") is a private read-write mapping of no file (not [heap] or
 * [stack] either), and its range. */
static bool anonymous_rw(const char *line, unsigned long *lo,
			 unsigned long *hi)
{
	char *e;
	*lo = strtoul(line, &e, 16);
	if (e == line || *e != '-')
		return false;
	line = e + 1;
	*hi = strtoul(line, &e, 16);
	if (e == line || *e != ' ' || *hi < *lo)
		return false;
	line = e + 1;
	if (strncmp(line, "rw-p ", 5) != 0)
		return false;
	line += 5;
	for (int field = 0; field < 3; field++) { /* offset, dev, inode */
		line += strspn(line, " ");
		size_t w = strcspn(line, " \t\n");
		if (w == 0)
			return false;
		line += w;
	}
	return line[strspn(line, " \t\n")] == '\0';
}

/* OpenBLAS's buffers mapped so far: the anonymous read-write mappings,
 * in whole buffers (one may have merged with a neighbour, a stack). */
static int buffers_mapped(void)
{
	FILE *f = fopen("/proc/self/maps", "re");
	char *line = NULL;
	size_t cap = 0;
	int n = 0;
	if (!f)
		return 0;
	while (getline(&line, &cap, f) > 0) {
		unsigned long lo, hi;
		if (!anonymous_rw(line, &lo, &hi))
			continue;
		n += (int)((hi - lo) / BLAS_BUFFER);
	}
	free(line);
	fclose(f);
	return n;
}

/* Whether `bytes` more of private memory can be mapped now. */
static bool fits(double bytes)
{
	if (bytes >= (double)SIZE_MAX / 2)
		return false;
	void *p = mmap(NULL, (size_t)bytes, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return false;
	munmap(p, (size_t)bytes);
	return true;
}

int cli_room(double more, char *msg, size_t len)
{
	double limit = limit_bytes();
	if (limit == 0 || !iv_blas_core())
		return 0;
	int callers = (int)iv_blas_callers();
	/* OpenBLAS's workers map a buffer each as the library loads (one
	 * that found no room retries for ever); the engine's threads take
	 * theirs at the first product, the workers' once these stopped. */
	int workers = iv_blas_threads(0) - 1;
	int total = callers > workers ? callers : workers;
	/* a worker may map its buffer while this counts and tries: counted
	 * again after a failure, tried again when it did */
	double need = 0;
	for (int mapped = buffers_mapped(), again = 1; again;) {
		int buffers = total - mapped;
		need = (buffers > 0 ? buffers : 0) * (double)BLAS_BUFFER +
		       (more > 0 ? more : 0);
		if (need == 0 || fits(need))
			return 0;
		int now = buffers_mapped();
		again = now > mapped;
		mapped = now;
	}
	char lim[64], buf[64];
	iv_bytes_str(limit, lim, sizeof lim);
	iv_bytes_str(need, buf, sizeof buf);
	snprintf(msg, len,
		 "the memory limit of %s (ulimit -v or -d) leaves no room for "
		 "%s more, OpenBLAS's buffers%s (raise or lift the limit)",
		 lim, buf, more > 0 ? " and the network" : "");
	return -1;
}
