/* SPDX-License-Identifier: MIT */
/* Whole processes: spawn, time, peak memory; child mode; BLAS kernel. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <math.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <initviz/threads.h>
#include <gsl/gsl_blas.h>
#include <initviz/threads.h>
#include <initviz/net.h>
#include "bench.h"

extern char **environ;

double bench_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* One run; stdout into out. Returns the exit status, -1 on failure. */
static int run_once(char *const argv[], double *wall, double *cpu,
                    double *rss_mb, char *out, size_t size)
{
	posix_spawn_file_actions_t fa;
	struct rusage ru;
	int fd[2], status;
	size_t len = 0;
	ssize_t k;
	pid_t pid;
	if (pipe(fd))
		return -1;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, fd[1], STDOUT_FILENO);
	posix_spawn_file_actions_addclose(&fa, fd[0]);
	double t = bench_now();
	int err = posix_spawn(&pid, argv[0], &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(fd[1]);
	if (err) {
		close(fd[0]);
		return -1;
	}
	for (;;) { /* keep the head, drain the rest so the child never blocks */
		char sink[4096];
		if (len + 1 < size)
			k = read(fd[0], out + len, size - 1 - len);
		else
			k = read(fd[0], sink, sizeof sink);
		if (k <= 0)
			break;
		if (len + 1 < size)
			len += (size_t)k;
	}
	out[len] = '\0';
	close(fd[0]);
	if (wait4(pid, &status, 0, &ru) != pid)
		return -1;
	*wall = bench_now() - t;
	*cpu = (double)ru.ru_utime.tv_sec + 1e-6 * (double)ru.ru_utime.tv_usec +
	       (double)ru.ru_stime.tv_sec + 1e-6 * (double)ru.ru_stime.tv_usec;
	*rss_mb = (double)ru.ru_maxrss / 1024.0; /* Linux: kilobytes */
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

void bench_proc_init(struct bench_proc *r)
{
	r->wall = INFINITY;
	r->cpu = INFINITY;
	r->rss_mb = NAN;
	r->status = -1;
	r->out[0] = '\0';
}

void bench_proc_run(char *const argv[], int reps, struct bench_proc *r)
{
	char out[sizeof r->out];
	for (int i = 0; i < reps && r->status <= 0; i++) {
		double wall, cpu, rss;
		int st = run_once(argv, &wall, &cpu, &rss, out, sizeof out);
		r->status = st == -1 ? 127 : st; /* failed once: failed */
		if (st != 0)
			return;
		r->cpu = fmin(r->cpu, cpu);
		if (wall < r->wall) {
			r->wall = wall;
			r->rss_mb = rss;
			memcpy(r->out, out, sizeof out);
		}
	}
}

double bench_proc_value(const struct bench_proc *r, const char *key)
{
	size_t k = strlen(key);
	for (const char *p = r->out; (p = strstr(p, key)); p += k)
		if ((p == r->out || p[-1] == ' ') && p[k] == '=')
			return strtod(p + k + 1, NULL);
	return NAN;
}

/* What `initviz --report` computes, without the printing. width 0 only
 * loads the libraries and multiplies once: the process's fixed memory. */
int bench_child(size_t width, size_t depth, size_t batch)
{
	iv_config cfg;
	iv_status st;
	if (width == 0) {
		gsl_matrix *m = gsl_matrix_calloc(64, 64);
		gsl_matrix *o = gsl_matrix_alloc(64, 64);
		gsl_blas_dgemm(CblasNoTrans, CblasNoTrans, 1.0, m, m, 0.0, o);
		gsl_matrix_free(m);
		gsl_matrix_free(o);
		printf("init=0 run=0\n");
		return 0;
	}
	iv_config_defaults(&cfg);
	cfg.width = width;
	cfg.depth = depth;
	cfg.batch = batch;
	double t = bench_now();
	iv_net *net = iv_net_alloc(&cfg, &st);
	if (!net)
		return 1;
	iv_net_populate(net); /* as the report does */
	double t1 = bench_now();
	st = iv_net_run(net);
	double t2 = bench_now();
	iv_net_free(net);
	printf("init=%.6f run=%.6f\n", t1 - t, t2 - t1);
	return st == IV_OK ? 0 : 1;
}

static int blas_start; /* OpenBLAS's threads when the process started */

void bench_blas_start(void)
{
	blas_start = iv_blas_threads(0);
}

int bench_blas_alone(void)
{
	return blas_start > 0 ? iv_blas_threads(blas_start) : 0;
}

void bench_blas_back(int old)
{
	if (old > 0)
		iv_blas_threads(old);
}

const char *bench_blas_kernel(void)
{
	static char buf[128];
	char *(*core)(void) = (char *(*)(void))dlsym(RTLD_DEFAULT,
	                                             "openblas_get_corename");
	if (!core || blas_start <= 0)
		return "not OpenBLAS";
	snprintf(buf, sizeof buf, "%s/%dthr", core(), blas_start);
	return buf;
}
