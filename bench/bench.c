/* SPDX-License-Identifier: MIT */
/* The benchmark driver: phases, processes against NumPy, scaling, targets. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "bench.h"
#include "util/blas_core.h"

/* The driver computes nothing itself: every figure comes from a child, so
 * the driver's own memory never shows in a child's peak RSS (a spawned
 * child starts from its parent's high-water mark). */
static const struct bench_cfg configs[] = {
	{ "default", 256, 10, 512 },
	{ "big", 1024, 20, 1024 },
	{ "deep", 128, 1000, 256 },
	{ "wide", 4096, 4, 256 },
};
#define NCONFIGS (sizeof configs / sizeof *configs)

struct opts {
	const char *self, *initviz, *python, *numpy_ref, *only;
	int reps, scaling;
};

double bench_flops(const struct bench_cfg *c)
{
	double n = (double)c->width, L = (double)c->depth;
	return 2.0 * (double)c->batch * n * n * (3.0 * L - 1.0);
}

double bench_required(const struct bench_cfg *c)
{
	double n = (double)c->width, B = (double)c->batch, L = (double)c->depth;
	return 8.0 * (L * n * n + 2.0 * L * B * n + B * n);
}

/* `initviz --report` once the CLI parses options (its JSON starts with
 * a brace), else this program's child mode: the engine without printing. */
static int cli_ready(const char *initviz)
{
	char *argv[] = { (char *)initviz, "--report", "--format=json",
	                 "--depth=1", "--width=2", "--batch=2", NULL };
	struct bench_proc r;
	if (!initviz)
		return 0;
	bench_proc_init(&r);
	bench_proc_run(argv, 1, &r);
	return r.status == 0 && r.out[0] == '{';
}

static const char *const phase_keys[] = {
#define BENCH_X(e, name) [e] = name,
	BENCH_PHASE_LIST(BENCH_X)
#undef BENCH_X
};

/* One round: the phases child, initviz, both NumPy variants, one after
 * the other, so that every best-of compares like with like on a machine
 * whose load comes and goes. */
static void round_once(const struct opts *o, int cli, const struct bench_cfg *c,
                       struct bench_result *r)
{
	char w[32], d[32], b[32], wo[48], dO[48], bo[48];
	snprintf(w, sizeof w, "%zu", c->width);
	snprintf(d, sizeof d, "%zu", c->depth);
	snprintf(b, sizeof b, "%zu", c->batch);
	snprintf(wo, sizeof wo, "--width=%zu", c->width);
	snprintf(dO, sizeof dO, "--depth=%zu", c->depth);
	snprintf(bo, sizeof bo, "--batch=%zu", c->batch);
	char *ph[] = { (char *)o->self, "--phases", w, d, b, "1", NULL };
	char *iv_cli[] = { (char *)o->initviz, "--report", "--format=json",
	                   wo, dO, bo, NULL };
	char *iv_eng[] = { (char *)o->self, "--child", w, d, b, NULL };
	char *np[] = { (char *)o->python, (char *)o->numpy_ref, w, d, b, NULL };
	char *nh[] = { (char *)o->python, (char *)o->numpy_ref,
	               "--distinct=hash", w, d, b, NULL };
	bench_proc_init(&r->phases);
	bench_proc_run(ph, 1, &r->phases);
	for (int k = 0; k < PH_COUNT; k++)
		r->ph[k] = fmin(r->ph[k], r->phases.status == 0
		                ? bench_proc_value(&r->phases, phase_keys[k])
		                : NAN);
	r->sane &= bench_proc_value(&r->phases, "sane") == 1;
	bench_proc_run(cli ? iv_cli : iv_eng, 1, &r->iv);
	if (cli && !strcmp(c->name, "big")) { /* the same, as blocks */
		char *iv_arch[] = { (char *)o->initviz, "--report",
		                    "--format=json", wo, dO, bo, "--residual",
		                    "--norm=layer", NULL };
		bench_proc_run(iv_arch, 1, &r->arch);
	}
	if (!strcmp(c->name, "default") || !strcmp(c->name, "big")) {
		/* steps and products alternated in the process, up to 10
		 * pairs and 2e10 flops of products (default: 10 pairs of 20
		 * ms; big: 1 of 0.9 s), so that a 20 ms figure is the best of
		 * more than one moment of a noisy machine */
		char reps[16];
		double pairs = 2e10 / bench_flops(c);
		snprintf(reps, sizeof reps, "%d",
		         pairs < 1 ? 1 : pairs > 10 ? 10 : (int)pairs);
		char *tr[] = { (char *)o->self, "--train", w, d, b, reps, NULL };
		bench_proc_init(&r->train);
		bench_proc_run(tr, 1, &r->train);
		for (int k = 0; k < 3; k++) {
			static const char *const key[] = { "step", "products",
			                                   "watched" };
			double v = r->train.status == 0
			                   ? bench_proc_value(&r->train, key[k])
			                   : NAN;
			r->tr[k] = fmin(r->tr[k], v);
		}
	}
	if (o->python && o->numpy_ref) {
		bench_proc_run(np, 1, &r->np);
		bench_proc_run(nh, 1, &r->nh);
	}
}

static void run_config(const struct opts *o, int cli,
                       const struct bench_cfg *c, struct bench_result *r)
{
	r->sane = 1;
	for (int k = 0; k < PH_COUNT; k++)
		r->ph[k] = INFINITY;
	for (int k = 0; k < 3; k++)
		r->tr[k] = INFINITY;
	bench_proc_init(&r->iv);
	bench_proc_init(&r->np);
	bench_proc_init(&r->nh);
	bench_proc_init(&r->arch);
	for (int i = 0; i < o->reps; i++)
		round_once(o, cli, c, r);
	r->done = 1;
}

/* The reference must compute what the engine computes: it redoes a dumped
 * engine run from the same inputs and weights and compares every figure. */
static void same_work(const struct opts *o)
{
	char dir[] = "/tmp/ivbench.XXXXXX", d1[40], d2[40], cmd[256];
	struct bench_proc r;
	if (!o->python || !o->numpy_ref || !mkdtemp(dir))
		return;
	bench_proc_init(&r);
	snprintf(d1, sizeof d1, "%s/1", dir);
	snprintf(d2, sizeof d2, "%s/2", dir);
	char *dump[] = { (char *)o->self, "--dump", dir, NULL };
	char *chk[] = { (char *)o->python, (char *)o->numpy_ref, "--check",
	                d1, d2, NULL };
	bench_proc_run(dump, 1, &r);
	if (r.status == 0) {
		bench_proc_init(&r);
		bench_proc_run(chk, 1, &r);
	}
	printf("Same work: NumPy redoes two engine runs from the same inputs"
	       " and weights\n(4 layers of widths 80,96,64,112,48; xavier with"
	       " random biases, then identity):\n%s",
	       r.status >= 0 ? r.out : "could not run\n");
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd))
		fprintf(stderr, "bench: could not remove %s\n", dir);
}

static int parse(int argc, char **argv, struct opts *o)
{
	*o = (struct opts){ .self = argv[0], .reps = 3, .scaling = 1 };
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (!strcmp(a, "--no-scaling"))
			o->scaling = 0;
		else if (!v)
			return -1;
		else if (!strcmp(a, "--initviz"))
			o->initviz = v, i++;
		else if (!strcmp(a, "--python"))
			o->python = v, i++;
		else if (!strcmp(a, "--numpy-ref"))
			o->numpy_ref = v, i++;
		else if (!strcmp(a, "--only"))
			o->only = v, i++;
		else if (!strcmp(a, "--reps") && (o->reps = atoi(v)) > 0)
			i++;
		else
			return -1;
	}
	return 0;
}

static int child_mode(int argc, char **argv)
{
	size_t a[4] = { 0 };
	for (int i = 2; i < argc && i < 6; i++)
		a[i - 2] = strtoul(argv[i], NULL, 10);
	if (argc == 5 && !strcmp(argv[1], "--child"))
		return bench_child(a[0], a[1], a[2]);
	if (argc == 6 && !strcmp(argv[1], "--phases"))
		return bench_phases_child(a[0], a[1], a[2], (int)a[3]);
	if (argc == 3 && !strcmp(argv[1], "--dump"))
		return bench_dump(argv[2]);
	if (argc == 6 && !strcmp(argv[1], "--train"))
		return bench_train_child(a[0], a[1], a[2], (int)a[3]);
	return -1;
}

/* The word after "kernel=" in a child's line. */
static const char *kernel(const struct bench_proc *r, char *buf, size_t n)
{
	const char *p = r->status == 0 ? strstr(r->out, "kernel=") : NULL;
	snprintf(buf, n, "%s", p ? p + 7 : "?");
	buf[strcspn(buf, " \n")] = '\0';
	return buf;
}

static void print_kernels(const struct bench_result *r)
{
	char a[64], b[64];
	printf("  OpenBLAS kernel/threads: initviz engine %s, NumPy %s\n",
	       kernel(&r->phases, a, sizeof a), kernel(&r->np, b, sizeof b));
	if (r->np.status == 0)
		printf("  NumPy phases (default): %s", r->np.out);
}

int main(int argc, char **argv)
{
	static struct bench_result res[NCONFIGS];
	struct bench_proc fixed;
	struct opts o;
	/* the kernel initviz runs, for the products timed here and for the
	 * children (initviz, NumPy), which inherit OPENBLAS_CORETYPE */
	iv_blas_core_pick(argv);
	bench_blas_start();
	int rc = argc > 1 ? child_mode(argc, argv) : -1;
	if (rc >= 0)
		return rc;
	if (parse(argc, argv, &o)) {
		fprintf(stderr, "usage: bench [--initviz PATH] [--python PATH"
		                " --numpy-ref PATH] [--reps N] [--only NAME]"
		                " [--no-scaling]\n");
		return 2;
	}
	int cli = cli_ready(o.initviz);
	printf("initviz benchmark: %ld cores online\n",
	       sysconf(_SC_NPROCESSORS_ONLN));
	same_work(&o);
	printf("\nEngine phases, in process, seconds (best of %d rounds)\n",
	       o.reps);
	printf("config      init forward backward  gemm-fw gemm-bw     act"
	       "  stats distnct  other  GFLOP/s dgemm  ratio\n");
	for (size_t i = 0; i < NCONFIGS; i++) {
		if (o.only && strcmp(o.only, configs[i].name))
			continue;
		run_config(&o, cli, &configs[i], &res[i]);
		bench_print_phases(&configs[i], &res[i]);
	}
	for (size_t i = 0; i < NCONFIGS; i++)
		if (res[i].done) {
			print_kernels(&res[i]);
			break;
		}
	char *none[] = { (char *)o.self, "--child", "0", "0", "0", NULL };
	bench_proc_init(&fixed);
	bench_proc_run(none, 1, &fixed);
	bench_print_summary(configs, res, NCONFIGS, cli, fixed.rss_mb);
	bench_print_floor(configs, res, NCONFIGS, fixed.wall);
	bench_print_training(configs, res, NCONFIGS);
	bench_print_targets(configs, res, NCONFIGS, fixed.rss_mb, fixed.wall);
	if (o.scaling) {
		printf("\n");
		bench_scaling(o.self, o.reps);
	}
	return 0;
}
