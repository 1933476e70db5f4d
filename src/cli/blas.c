/* SPDX-License-Identifier: MIT */
/* Which library cblas_dgemm resolves to at run time, for --version. */
#define _GNU_SOURCE /* dladdr, RTLD_DEFAULT */
#include <dlfcn.h>
#include <stdio.h>
#include <gsl/gsl_cblas.h>
#include "cli/blas.h"

const char *cli_blas_library(void)
{
	Dl_info info;
	/* The symbol as the dynamic linker resolved it: a non-PIE binary's
	 * &cblas_dgemm may be its own PLT stub rather than the library. */
	void *addr = dlsym(RTLD_DEFAULT, "cblas_dgemm");
	if (!addr)
		addr = (void *)cblas_dgemm;
	if (dladdr(addr, &info) && info.dli_fname && *info.dli_fname)
		return info.dli_fname;
	return NULL;
}
