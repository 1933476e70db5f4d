/* SPDX-License-Identifier: MIT */
/* OpenBLAS's kernel, and a better one when it guessed wrong (blas_core.h). */
#define _GNU_SOURCE /* RTLD_DEFAULT */
#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/prctl.h>
#include <unistd.h>
#include "util/blas_core.h"

/* Set for the second start: "PID:KERNEL", the kernel OpenBLAS had chosen
 * in the process that starts again (exec keeps its PID). A value set by
 * hand, or inherited by another process, names no kernel. */
#define REPLACED_ENV "INITVIZ_OPENBLAS_REPLACED"
/* Set for the second start: the process's name in the first. Started from
 * /proc/self/exe, the kernel names it "exe" (ps, pgrep -x, killall). */
#define NAME_ENV "INITVIZ_PROCESS_NAME"

iv_cpu_features iv_cpu_features_here(void)
{
	iv_cpu_features f = {false, false};
#if defined(__GNUC__) && (defined(__x86_64__) || defined(__i386__))
	/* libgcc's answers include the operating system's support (XCR0) */
	__builtin_cpu_init();
	f.avx2_fma = __builtin_cpu_supports("avx2") &&
		     __builtin_cpu_supports("fma");
	f.avx512 = f.avx2_fma && __builtin_cpu_supports("avx512f") &&
		   __builtin_cpu_supports("avx512cd") &&
		   __builtin_cpu_supports("avx512bw") &&
		   __builtin_cpu_supports("avx512dq") &&
		   __builtin_cpu_supports("avx512vl");
#endif
	return f;
}

const char *iv_blas_core_better(const char *core, iv_cpu_features f)
{
	/* OpenBLAS's names of the kernels whose dgemm is AVX2 or wider */
	static const char *const wide[] = {"Haswell", "Zen", "SkylakeX",
					   "Cooperlake", "SapphireRapids"};
	if (!core)
		return NULL;
	for (size_t i = 0; i < sizeof wide / sizeof *wide; i++)
		if (strcasecmp(core, wide[i]) == 0)
			return NULL;
	if (f.avx512)
		return "SkylakeX";
	if (f.avx2_fma)
		return "Haswell";
	return NULL;
}

const char *iv_blas_core(void)
{
	/* POSIX allows converting dlsym's result to a function pointer */
	void *sym = dlsym(RTLD_DEFAULT, "openblas_get_corename");
	return sym ? ((const char *(*)(void))sym)() : NULL;
}

const char *iv_blas_core_replaced(void)
{
	const char *was = getenv(REPLACED_ENV);
	char *core;
	if (!was || !getenv("OPENBLAS_CORETYPE"))
		return NULL;
	errno = 0;
	long pid = strtol(was, &core, 10);
	return errno == 0 && core != was && *core == ':' && core[1] &&
		       pid == (long)getpid()
		   ? core + 1
		   : NULL;
}

/* Started by `ld.so ./initviz`, /proc/self/exe is the loader itself. */
static bool started_by_loader(void)
{
	char path[4096];
	ssize_t n = readlink("/proc/self/exe", path, sizeof path - 1);
	if (n <= 0)
		return true; /* no way to start again */
	path[n] = '\0';
	const char *base = strrchr(path, '/');
	return strncmp(base ? base + 1 : path, "ld-", 3) == 0;
}

/* The second start takes the first one's name back. */
static void restore_name(void)
{
	const char *name = getenv(NAME_ENV);
	if (name && *name && iv_blas_core_replaced())
		(void)prctl(PR_SET_NAME, name, 0, 0, 0);
	unsetenv(NAME_ENV);
}

void iv_blas_core_pick(char *const argv[])
{
	restore_name();
	if (getenv("OPENBLAS_CORETYPE"))
		return;
	const char *pre = getenv("LD_PRELOAD");
	if (pre && strstr(pre, "vgpreload"))
		return; /* valgrind */
	const char *core = iv_blas_core();
	const char *to = iv_blas_core_better(core, iv_cpu_features_here());
	if (!to || started_by_loader())
		return;
	char name[16] = ""; /* the kernel's limit, with the '\0' */
	char was[96];
	(void)prctl(PR_GET_NAME, name, 0, 0, 0);
	snprintf(was, sizeof was, "%ld:%s", (long)getpid(), core);
	if (setenv(REPLACED_ENV, was, 1) == 0 &&
	    setenv("OPENBLAS_CORETYPE", to, 1) == 0 &&
	    setenv(NAME_ENV, name, 1) == 0)
		execv("/proc/self/exe", argv);
	/* not started again: go on with OpenBLAS's own kernel */
	unsetenv("OPENBLAS_CORETYPE");
	unsetenv(REPLACED_ENV);
	unsetenv(NAME_ENV);
}
