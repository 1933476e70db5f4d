/* SPDX-License-Identifier: MIT */
/* The benchmark's tables: phases, whole processes, training, targets. */
#include <math.h>
#include <stdio.h>
#include "bench.h"

static double gemm(const struct bench_result *r)
{
	return r->ph[PH_GEMM_FWD] + r->ph[PH_GEMM_BWD];
}

void bench_print_phases(const struct bench_cfg *c, const struct bench_result *r)
{
	const double *p = r->ph;
	double eng = p[PH_FWD] + p[PH_BWD];
	double other = eng - gemm(r) - p[PH_ACT] - p[PH_STATS] - p[PH_DISTINCT];
	printf("%-8s %7.3f %7.3f %7.3f  %7.3f %7.3f  %6.3f %6.3f %6.3f %6.3f"
	       "  %6.1f %6.1f  %4.2f\n",
	       c->name, p[PH_INIT], p[PH_FWD], p[PH_BWD], p[PH_GEMM_FWD],
	       p[PH_GEMM_BWD], p[PH_ACT], p[PH_STATS], p[PH_DISTINCT], other,
	       bench_flops(c) / eng / 1e9, bench_flops(c) / gemm(r) / 1e9,
	       gemm(r) / eng);
	if (!r->sane)
		printf("  WARNING: dgemm gave wrong results in this process;"
		       " its figures are not valid\n");
	fflush(stdout);
}

void bench_print_summary(const struct bench_cfg *cfgs,
                         const struct bench_result *res, size_t n, int cli,
                         double fixed)
{
	printf("\nWhole processes (best of the rounds), seconds\n");
	printf("config   initviz   numpy np/iv  np-hash nh/iv  compute"
	       "  products iv/prod  peak RSS must hold ratio fixed+\n");
	for (size_t i = 0; i < n; i++) {
		const struct bench_result *r = &res[i];
		if (!r->done)
			continue;
		double ivc = r->ph[PH_INIT] + r->ph[PH_FWD] + r->ph[PH_BWD];
		double npc = r->np.status == 0
		                     ? bench_proc_value(&r->np, "compute")
		                     : 0.0 / 0.0;
		double req = bench_required(&cfgs[i]) / 1048576.0;
		printf("%-8s %6.3f s %6.3f s %5.2fx %6.3f s %5.2fx %6.2fx"
		       " %7.3f s %6.2fx %5.0f MiB %5.0f MiB %5.2f %5.2f\n",
		       cfgs[i].name, r->iv.wall, r->np.wall,
		       r->np.wall / r->iv.wall, r->nh.wall,
		       r->nh.wall / r->iv.wall, npc / ivc, gemm(r),
		       r->iv.wall / gemm(r), r->iv.rss_mb, req,
		       r->iv.rss_mb / req, (r->iv.rss_mb - fixed) / req);
	}
	printf("  initviz: %s\n", cli ? "the whole `initviz --report"
	                                " --format=json` process"
	                              : "the engine alone in a process (`bench"
	                                " --child`: alloc, run, free; the CLI"
	                                " does not parse options yet)");
	printf("  numpy: bench/numpy_ref.py (distinct neurons by np.unique);"
	       " np-hash: the same with\n  --distinct=hash (the engine's"
	       " method); compute: NumPy's in-process time over\n  the"
	       " engine's (alloc+draw+passes), interpreter start left out;"
	       " iv/prod: initviz over\n  its matrix products alone; ratio:"
	       " peak RSS over the arrays that must be held (weights,\n  Z and"
	       " H of every layer, the input); fixed+: the same less the %.1f"
	       " MiB of a process\n  that only loads the libraries (bench"
	       " --child 0 0 0)\n",
	       fixed);
}

/* The floor of a configuration: its products, the first touch and the
 * release of the arrays held, the weights' draws (floor.c) and a process
 * that only loads the libraries. */
static double floor_of(const struct bench_result *r, double process)
{
	return gemm(r) + r->ph[PH_TOUCH] + r->ph[PH_RELEASE] + r->ph[PH_DRAWS] +
	       process;
}

void bench_print_floor(const struct bench_cfg *cfgs,
                       const struct bench_result *res, size_t n,
                       double process)
{
	printf("\nThe machine's floor beside the products (each part alone,"
	       " best of the rounds), seconds\n");
	printf("config   products   touch release   draws process    floor"
	       "  initviz iv/floor    numpy np/floor\n");
	for (size_t i = 0; i < n; i++) {
		const struct bench_result *r = &res[i];
		if (!r->done)
			continue;
		double f = floor_of(r, process);
		printf("%-8s %7.3f s %7.3f %7.3f %7.3f %7.3f %7.3f s %6.3f s"
		       " %7.2fx %6.3f s %7.2fx\n",
		       cfgs[i].name, gemm(r), r->ph[PH_TOUCH],
		       r->ph[PH_RELEASE], r->ph[PH_DRAWS], process, f,
		       r->iv.wall, r->iv.wall / f, r->np.wall, r->np.wall / f);
	}
	printf("  touch: bringing in every page of the arrays held, as the"
	       " engine does, on two threads;\n  release: giving them back;"
	       " draws: the weights of GSL's ziggurat on the engine's\n"
	       "  generator as the engine draws them, two threads, into"
	       " touched memory; process: one\n  that only loads the"
	       " libraries. A program doing this work with these arrays\n"
	       "  and numbers spends at least the floor;"
	       " np/floor is the most NumPy / initviz\n  could be in this"
	       " run\n");
}

static void target(const char *what, double got, double limit, int at_least)
{
	int ok = at_least ? got >= limit : got <= limit;
	if (!isfinite(got)) { /* NumPy not run, or a child failed */
		printf("----  %-46s not measured\n", what);
		return;
	}
	printf("%s  %-46s %6.2f (target %s %.2f)\n", ok ? "PASS" : "MISS",
	       what, got, at_least ? ">=" : "<=", limit);
}

void bench_print_targets(const struct bench_cfg *cfgs,
                         const struct bench_result *res, size_t n,
                         double fixed, double process)
{
	const struct bench_result *def = &res[0], *big = &res[1];
	printf("\nTargets (the view's latency target is printed by"
	       " bench-latency)\n");
	if (big->done) {
		target("big: NumPy / initviz, whole processes",
		       big->np.wall / big->iv.wall, 2.5, 1);
		double fl = floor_of(big, process), most = big->np.wall / fl;
		if (isfinite(most) && most < 2.5)
			printf("      big: NumPy / the machine's floor %.2f:"
			       " 2.5 is beyond this machine in this run\n",
			       most);
		else if (isfinite(most)) /* what the passes may take */
			printf("      big: NumPy / the machine's floor %.2f:"
			       " 2.5 needs initviz within %.3fx its floor"
			       " (%.3f s beside it); it is at %.3fx"
			       " (%.3f s)\n",
			       most, most / 2.5, big->np.wall / 2.5 - fl,
			       big->iv.wall / fl, big->iv.wall - fl);
		target("big: NumPy (hash distinct) / initviz",
		       big->nh.wall / big->iv.wall, 2.5, 1);
		target("big: initviz / its matrix products alone",
		       big->iv.wall / gemm(big), 1.4, 0);
		if (big->arch.status == 0) { /* O(batch width) a layer more */
			printf("      big: --residual --norm=layer / plain, wall"
			       " %.2f (a shared machine's waits included)\n",
			       big->arch.wall / big->iv.wall);
			target("big: --residual --norm=layer / plain, CPU",
			       big->arch.cpu / big->iv.cpu, 1.15, 0);
		}
	}
	if (def->done)
		target("default: NumPy / initviz, whole processes",
		       def->np.wall / def->iv.wall, 3.0, 1);
	for (size_t i = 0; i < 2 && i < n; i++) {
		char what[80];
		if (!res[i].done || !isfinite(res[i].tr[0]))
			continue;
		snprintf(what, sizeof what, "%s: training step / its products",
		         cfgs[i].name);
		target(what, res[i].tr[0] / res[i].tr[1], 1.3, 0);
	}
	for (size_t i = 0; i < n; i++) {
		char what[80];
		if (!res[i].done)
			continue;
		snprintf(what, sizeof what, "%s: peak RSS less fixed / arrays held",
		         cfgs[i].name);
		target(what, (res[i].iv.rss_mb - fixed) /
		                     (bench_required(&cfgs[i]) / 1048576.0),
		       1.3, 0);
	}
}

void bench_print_training(const struct bench_cfg *cfgs,
                          const struct bench_result *res, size_t n)
{
	printf("\nTraining step (one process a round, steps and products"
	       " alternated in it, up to 10\npairs; best of all; unwatched,"
	       " then watched: distinct neurons and the update's\nratios in"
	       " every layer), seconds\n");
	printf("config      step  products  ratio   watched  ratio\n");
	for (size_t i = 0; i < n; i++) {
		const struct bench_result *r = &res[i];
		if (!r->done || !isfinite(r->tr[0]))
			continue;
		printf("%-8s %7.4f  %7.4f  %5.2f   %7.4f  %5.2f\n", cfgs[i].name,
		       r->tr[0], r->tr[1], r->tr[0] / r->tr[1], r->tr[2],
		       r->tr[2] / r->tr[1]);
	}
}
