/* SPDX-License-Identifier: MIT */
/* Scaling: time against depth, batch, width; peak memory against arrays. */
#include <math.h>
#include <stdio.h>
#include "bench.h"

#define NPOINTS 5

struct series {
	const char *name;
	double expect; /* exponent the products predict */
	size_t pts[NPOINTS][3]; /* width, depth, batch; width 0 ends */
};

static const struct series series[] = {
	{ "depth", 1, { { 256, 5, 512 }, { 256, 10, 512 }, { 256, 20, 512 },
	                { 256, 40, 512 }, { 256, 80, 512 } } },
	{ "batch", 1, { { 256, 10, 128 }, { 256, 10, 256 }, { 256, 10, 512 },
	                { 256, 10, 1024 }, { 256, 10, 2048 } } },
	{ "width", 2, { { 128, 10, 512 }, { 256, 10, 512 }, { 512, 10, 512 },
	                { 1024, 10, 512 }, { 2048, 10, 512 } } },
};

/* Least-squares slope of log t against log x over points [from, to). */
static double fit(const double *x, const double *t, size_t from, size_t to)
{
	double sx = 0, sy = 0, sxx = 0, sxy = 0, n = (double)(to - from);
	for (size_t i = from; i < to; i++) {
		double lx = log(x[i]), ly = log(t[i]);
		sx += lx;
		sy += ly;
		sxx += lx * lx;
		sxy += lx * ly;
	}
	return (n * sxy - sx * sy) / (n * sxx - sx * sx);
}

static void child_argv(const size_t p[3], char buf[3][24], char *argv[],
                       const char *self)
{
	for (int k = 0; k < 3; k++)
		snprintf(buf[k], 24, "%zu", p[k]);
	argv[0] = (char *)self;
	argv[1] = "--child";
	argv[2] = buf[0];
	argv[3] = buf[1];
	argv[4] = buf[2];
	argv[5] = NULL;
}

static void print_series(const struct series *s, struct bench_proc *r,
                         double base_mb)
{
	double x[NPOINTS], t[NPOINTS];
	size_t n = 0;
	int axis = s->name[0] == 'w' ? 0 : s->name[0] == 'd' ? 1 : 2;
	for (; n < NPOINTS && s->pts[n][0]; n++) {
		const size_t *p = s->pts[n];
		struct bench_cfg c = { "", p[0], p[1], p[2] };
		double rss = r[n].rss_mb, req = bench_required(&c) / 1048576.0;
		t[n] = r[n].status == 0 ? bench_proc_value(&r[n], "run") : NAN;
		x[n] = (double)p[axis];
		printf("  %-6s %5zu %5zu %5zu  %8.4f s %7.1f GFLOP/s  %8.1f MiB"
		       "  %8.1f MiB  %5.2f  %5.2f\n",
		       s->name, p[0], p[1], p[2], t[n],
		       bench_flops(&c) / t[n] / 1e9, rss, req, rss / req,
		       (rss - base_mb) / req);
	}
	printf("  %s exponent (log-log fit): %.2f over all points, %.2f over"
	       " the largest three (products alone: %.0f)\n\n",
	       s->name, fit(x, t, 0, n), fit(x, t, n - 3, n), s->expect);
}

#define NSERIES (sizeof series / sizeof *series)

void bench_scaling(const char *self, int reps)
{
	static struct bench_proc r[NSERIES][NPOINTS];
	static const size_t none[3] = { 0, 0, 0 };
	char buf[3][24], *argv[6];
	struct bench_proc fixed;
	bench_proc_init(&fixed);
	child_argv(none, buf, argv, self);
	bench_proc_run(argv, 1, &fixed);
	for (size_t i = 0; i < NSERIES; i++)
		for (size_t j = 0; j < NPOINTS; j++)
			bench_proc_init(&r[i][j]);
	for (int k = 0; k < reps; k++) /* rounds: a burst of load hits one */
		for (size_t i = 0; i < NSERIES; i++)
			for (size_t j = 0; j < NPOINTS; j++) {
				if (!series[i].pts[j][0])
					break;
				child_argv(series[i].pts[j], buf, argv, self);
				bench_proc_run(argv, 1, &r[i][j]);
			}
	printf("Scaling (each point a fresh process, best of %d rounds; time"
	       " is iv_net_run, without the draw)\n", reps);
	printf("  fixed process memory (libraries, BLAS buffers): %.1f MiB\n",
	       fixed.rss_mb);
	printf("  series width depth batch      time       rate"
	       "     peak RSS   must hold  ratio  above fixed\n");
	for (size_t i = 0; i < NSERIES; i++)
		print_series(&series[i], r[i], fixed.rss_mb);
}
