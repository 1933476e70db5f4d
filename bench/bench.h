/* SPDX-License-Identifier: MIT */
/* The benchmark's shared types: configurations, results, child processes. */
#ifndef IV_BENCH_H
#define IV_BENCH_H

#include <stddef.h>

/* One network shape: width units in every layer and the input. */
struct bench_cfg {
	const char *name;
	size_t width, depth, batch;
};

/* Seconds of one configuration's phases, each the best of some runs. */
struct bench_phases {
	double init;     /* iv_net_alloc: allocate and draw */
	double fwd, bwd; /* iv_net_step through the forward pass, then the rest */
	double gemm_fwd, gemm_bwd; /* the same products alone, gsl_blas_dgemm */
	double act;      /* iv_act_apply + iv_act_backprop on every layer */
	double stats;    /* iv_stats_compute on six matrices per layer */
	double distinct; /* iv_distinct_columns on every layer's activations */
	double flops;    /* what the engine multiplies: 3L - 1 products */
	double act_std_L, gact_std_1; /* compared with the NumPy reference */
};

/* The machine's floor beside the products (floor.c), seconds, each the
 * best of some runs: the first touch of the arrays held and their
 * release, the weights' draws, and the reads that the report's
 * statistics and histograms cannot do without. */
struct bench_floor {
	double touch, release, draws, reads;
};

/* A child process: wall time, peak RSS, what it wrote on stdout. */
struct bench_proc {
	double wall;   /* seconds, best of the runs */
	double cpu;    /* user + system seconds, best of the runs: what a
	                  run costs, less the waits of a busy machine */
	double rss_mb; /* peak resident set (ru_maxrss), MiB, of that run */
	int status;    /* exit status; -1 not run yet, 127 could not run */
	char out[1024];
};

/* Phase keys a `bench --phases` child prints, in this order. */
#define BENCH_PHASE_LIST(X)                                                    \
	X(PH_INIT, "init") X(PH_FWD, "fwd") X(PH_BWD, "bwd")                   \
	X(PH_GEMM_FWD, "gemm_fwd") X(PH_GEMM_BWD, "gemm_bwd")                 \
	X(PH_ACT, "act") X(PH_STATS, "stats") X(PH_DISTINCT, "distinct")     \
	X(PH_TOUCH, "touch") X(PH_RELEASE, "release") X(PH_DRAWS, "draws")  \
	X(PH_READS, "reads")

enum bench_phase {
#define BENCH_X(e, name) e,
	BENCH_PHASE_LIST(BENCH_X)
#undef BENCH_X
	PH_COUNT
};

/* Everything measured for one configuration, best over the rounds. */
struct bench_result {
	int done, sane;
	double ph[PH_COUNT];     /* engine phases, seconds */
	struct bench_proc phases; /* the last --phases child (kernel=...) */
	struct bench_proc iv, np, nh; /* initviz, NumPy, NumPy hash-distinct */
	struct bench_proc train; /* the last --train child */
	struct bench_proc arch; /* big: initviz --residual --norm=layer */
	double tr[3]; /* training step, its products alone, watched step:
	                 seconds, best of the rounds */
};

/* report.c: the tables and the targets. */
void bench_print_phases(const struct bench_cfg *c,
                        const struct bench_result *r);
void bench_print_summary(const struct bench_cfg *cfgs,
                         const struct bench_result *res, size_t n, int cli,
                         double fixed_mb);
void bench_print_targets(const struct bench_cfg *cfgs,
                         const struct bench_result *res, size_t n,
                         double fixed_mb, double process_s);
/* The floor's parts and the floor against initviz and NumPy; process_s
 * the wall time of a process that only loads the libraries. */
void bench_print_floor(const struct bench_cfg *cfgs,
                       const struct bench_result *res, size_t n,
                       double process_s);
void bench_print_training(const struct bench_cfg *cfgs,
                          const struct bench_result *res, size_t n);

double bench_now(void);
/* Products of a configuration: 2 * batch * fan_in * fan_out each. */
double bench_flops(const struct bench_cfg *c);
/* Bytes that must be held: weights, Z and H of every layer, the input. */
double bench_required(const struct bench_cfg *c);

/* Time the engine's phases of c, best of reps runs. 0 on success. */
int bench_phases_run(const struct bench_cfg *c, int reps,
                     struct bench_phases *p);

/* Time the floor's parts of c, best of reps runs. 0 on success. */
int bench_floor_run(const struct bench_cfg *c, int reps, struct bench_floor *f);

/* Run argv (argv[0] a path) reps times; keep in *r the best wall time
 * over these and earlier calls (start with bench_proc_init), its peak RSS
 * and output. A failed run sets status and stops. */
void bench_proc_init(struct bench_proc *r);
void bench_proc_run(char *const argv[], int reps, struct bench_proc *r);
/* Value of "key=" in a child's key=value line, NAN when absent. */
double bench_proc_value(const struct bench_proc *r, const char *key);

/* Child modes, each a fresh process so that its peak RSS is its own.
 * bench_child: what `initviz --report` computes (width 0: nothing, the
 * fixed memory); prints init= run=. bench_phases_child: the phases, as
 * key=value. bench_dump: an engine run's data for numpy_ref.py --check. */
int bench_child(size_t width, size_t depth, size_t batch);
int bench_phases_child(size_t width, size_t depth, size_t batch, int reps);
int bench_dump(const char *dir);
/* bench_train_child: best of reps training steps (unwatched, then
 * watched: distinct neurons and update ratios) and of the step's 3L - 1
 * products alone, as key=value. */
int bench_train_child(size_t width, size_t depth, size_t batch, int reps);

/* Scaling in depth, batch and width, and peak memory against the arrays. */
void bench_scaling(const char *self, int reps);

/* "Cooperlake/2thr" and the like, or "not OpenBLAS": the kernel, and the
 * threads of each call when BLAS runs alone (the engine runs BLAS on one
 * thread a call and cuts its products over its own threads). */
const char *bench_blas_kernel(void);

/* The products alone are timed as BLAS runs them on its own: between
 * bench_blas_alone() (OpenBLAS's threads as the process started, before
 * the engine set one) and bench_blas_back(what it returned). */
void bench_blas_start(void); /* first thing in main */
int bench_blas_alone(void);
void bench_blas_back(int old);

#endif
