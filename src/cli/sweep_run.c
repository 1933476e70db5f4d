/* SPDX-License-Identifier: MIT */
/* A sweep's configurations on a pool of threads, within the memory limit.
 *
 * Workers take configurations largest first (the long ones start early;
 * each later, smaller network fits the block of matrices the worker
 * already holds: iv_net_realloc). A worker may start a configuration when
 * the bytes reserved by all workers, its own included, stay within the
 * limit; one that must wait gives its network back first, so a waiting
 * worker holds nothing and the running ones always finish. */
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <initviz/threads.h>
#include <initviz/train.h>
#include "cli/check.h"
#include "cli/command.h"
#include "cli/progress.h"
#include "cli/room.h"
#include "cli/sweep_run.h"
#include "util/bytes.h"

#define WORKERS_MAX 64

struct pool {
	cli_sweep_run *r;
	cli_sweep_text_fn *text;
	void *ctx;
	size_t *order; /* configurations, largest first */
	size_t next;   /* in order */
	double used, limit;
	int failed; /* 0, or 2 once a configuration failed */
	char *err;
	size_t errlen;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	/* on a terminal, how far the sweep has come (under mu): the work of
	 * the configurations done, of all, and of the ones under way */
	cli_progress pr;
	double work_all, work_done;
	size_t ndone;
};

static double cost(const iv_config *c);
static double work(const struct pool *p, const iv_config *c);

/* A configuration's network, a layer's pass or a training step done: the
 * sweep's line. */
struct tick {
	struct pool *p;
	double base; /* of the configuration's work, done before this part */
	double work; /* the part's: the passes', or all the steps' */
};

static void show(struct pool *p, double work)
{
	char d[64];
	snprintf(d, sizeof d, "%zu of %zu configurations done", p->ndone,
		 p->r->n);
	cli_progress_show(&p->pr, (p->work_done + work) / p->work_all, d);
}

static void tick(void *ctx, double frac)
{
	struct tick *t = ctx;
	pthread_mutex_lock(&t->p->mu);
	show(t->p, t->base + frac * t->work);
	pthread_mutex_unlock(&t->p->mu);
}

/* Steps taken again (for the update before a stop) are not in the
 * estimate: the line stays at the training's end, its clock running. */
static void tick_step(void *ctx, const char *again, size_t k, size_t steps)
{
	tick(ctx, again ? 1.0 : (double)k / (double)steps);
}

size_t cli_idle_processors(void)
{
	long online = sysconf(_SC_NPROCESSORS_ONLN);
	double load = 0;
	if (online < 1)
		online = 1;
	if (getloadavg(&load, 1) != 1)
		load = 0;
	double idle = (double)online - floor(load + 0.5);
	return idle < 1 ? 1 : (size_t)idle;
}

int cli_sweep_run_init(cli_sweep_run *r, const cli_opts *o, char *err,
		       size_t errlen)
{
	*r = (cli_sweep_run){.o = o, .n = cli_sweep_count(&o->sweep)};
	if (cli_sweep_usable(&o->sweep, &o->cfg, err, errlen)) {
		/* the settings it names may be the lesson's, not typed */
		size_t n = strlen(err);
		if (o->lesson && n < errlen)
			snprintf(err + n, errlen - n,
				 " (lesson %zu's settings count as given)",
				 o->lesson);
		return 2;
	}
	r->cfg = malloc(r->n * sizeof *r->cfg);
	r->need = malloc(r->n * sizeof *r->need);
	r->res = calloc(r->n, sizeof *r->res);
	if (!r->cfg || !r->need || !r->res) {
		snprintf(err, errlen, "out of memory");
		return 2;
	}
	for (size_t i = 0; i < r->n; i++) {
		iv_config *c = &r->cfg[i];
		if (cli_sweep_config(&o->sweep, i, &o->cfg, c, NULL, err,
				     errlen))
			return 2;
		r->need[i] = iv_config_memory(c) +
			     cli_analysis_memory(c, o->train_steps);
		if (c->max_memory > 0 && r->need[i] > c->max_memory) {
			char label[256], need[64], limit[64];
			cli_sweep_label(&o->sweep, i, label, sizeof label);
			iv_bytes_pair(r->need[i], c->max_memory, need, limit,
				      sizeof need);
			snprintf(
			    err, errlen,
			    "--sweep: the configuration %s needs "
			    "%s, over the memory limit of %s (raise it with "
			    "--max-memory)",
			    label, need, limit);
			return 2;
		}
	}
	return 0;
}

/* The summary of configuration i from its finished network. */
static iv_status summarize(cli_sweep_result *s, const iv_net *net,
			   const cli_analysis *x)
{
	size_t L = iv_net_depth(net);
	s->depth = L;
	s->distinct_min = (size_t)-1;
	double *block = malloc(6 * L * sizeof *block);
	if (!block)
		return IV_ENOMEM;
	s->act_rms = block;
	s->act_std = block + L;
	s->grad_std = block + 2 * L;
	s->th_act = block + 3 * L;
	s->th_grad = block + 4 * L;
	s->change = x->train_change ? block + 5 * L : NULL;
	s->stopped = x->train_stopped;
	s->steps = x->ntrain ? x->train_step[x->ntrain - 1] : 0;
	s->th_grad_batch = x->theory ? iv_theory_grad_floor(x->theory, L) - 1 : 0;
	for (size_t l = 1; l <= L; l++) {
		const iv_layer_stats *ls = iv_net_layer(net, l);
		s->act_rms[l - 1] = ls->q[IV_Q_ACT].rms;
		s->act_std[l - 1] = iv_stats_std_all(&ls->q[IV_Q_ACT]);
		s->grad_std[l - 1] = iv_stats_std_all(&ls->q[IV_Q_GRAD_ACT]);
		s->th_act[l - 1] =
		    x->theory ? x->theory[l - 1].activation_std : NAN;
		s->th_grad[l - 1] =
		    x->theory ? x->theory[l - 1].grad_activation_std : NAN;
		if (s->change)
			s->change[l - 1] = x->train_change[l - 1];
		if (ls->distinct_neurons < s->distinct_min)
			s->distinct_min = ls->distinct_neurons;
		if (ls->q[IV_Q_ACT].finite < ls->q[IV_Q_ACT].count)
			s->distinct_nonfinite = true;
	}
	return IV_OK;
}

/* Compute configuration i on *net (reused); its text into *text. */
static iv_status compute(struct pool *p, size_t i, iv_net **net, char **text,
			 size_t *len)
{
	const cli_opts *o = p->r->o;
	cli_sweep_result *s = &p->r->res[i];
	cli_analysis x = {0};
	iv_status st;
	*net = iv_net_realloc(*net, &p->r->cfg[i], &st);
	if (!*net)
		return st;
	iv_net_populate(*net); /* the largest first: once (net.h) */
	struct tick t = {p, 0, cost(&p->r->cfg[i])};
	if ((st = iv_net_run_ticking(*net, tick, &t)) != IV_OK)
		return st;
	t.base = t.work; /* then the training steps' */
	t.work = work(p, &p->r->cfg[i]) - t.base;
	FILE *f = open_memstream(text, len);
	if (!f)
		return IV_ENOMEM;
	char *lines = NULL;
	size_t n = 0;
	FILE *c = o->check ? open_memstream(&lines, &n) : NULL;
	if (o->check)
		s->problems = cli_check_net(*net, c);
	st = cli_analysis_compute_ticking(&x, net, o->train_steps, o->lr,
					  o->random_readout, tick_step, &t);
	if (o->check && st == IV_OK)
		s->problems += cli_check_training(&x, c);
	if (c)
		fclose(c);
	s->check = s->problems ? lines : NULL;
	if (!s->problems)
		free(lines);
	/* the command of this configuration alone, as its own report has */
	cli_opts *one = malloc(sizeof *one);
	char *cmd = NULL;
	if (one) {
		*one = *o;
		one->cfg = p->r->cfg[i];
		one->sweep.naxes = 0;
		cmd = cli_command_new(one);
		x.command = cmd;
		free(one);
	}
	if (!cmd && st == IV_OK)
		st = IV_ENOMEM;
	if (st == IV_OK)
		st = summarize(s, *net, &x);
	if (st == IV_OK)
		p->text(f, i, *net, &x, p->ctx);
	free(cmd);
	cli_analysis_done(&x);
	if (fclose(f) != 0 && st == IV_OK)
		st = IV_ENOMEM;
	return st;
}

/* Under the lock: reserve memory for configuration i, waiting when it
 * does not fit beside the others (after giving back our own network). */
static void reserve(struct pool *p, size_t i, iv_net **net, double *held)
{
	double want = p->r->need[i];
	double keep = want <= *held ? *held : want; /* reused, or anew */
	if (p->limit > 0 && p->used - *held + keep > p->limit) {
		pthread_mutex_unlock(&p->mu);
		iv_net_free(*net);
		*net = NULL;
		pthread_mutex_lock(&p->mu);
		p->used -= *held;
		*held = 0;
		keep = want;
		pthread_cond_broadcast(&p->cv);
		while (p->used + want > p->limit && !p->failed)
			pthread_cond_wait(&p->cv, &p->mu);
	}
	p->used += keep - *held;
	*held = keep;
}

static void *worker(void *arg)
{
	struct pool *p = arg;
	iv_net *net = NULL;
	double held = 0;
	pthread_mutex_lock(&p->mu);
	while (!p->failed && p->next < p->r->n) {
		size_t i = p->order[p->next++];
		reserve(p, i, &net, &held);
		if (p->failed)
			break;
		pthread_mutex_unlock(&p->mu);
		char *text = NULL;
		size_t len = 0;
		iv_status st = compute(p, i, &net, &text, &len);
		pthread_mutex_lock(&p->mu);
		p->ndone++;
		p->work_done += work(p, &p->r->cfg[i]);
		show(p, 0);
		if (st == IV_OK) {
			cli_sweep_result *s = &p->r->res[i];
			s->off = ftell(p->r->spool);
			s->len = len;
			if (s->off < 0 ||
			    fwrite(text, 1, len, p->r->spool) != len)
				st = IV_ENOMEM;
		}
		free(text);
		if (st != IV_OK && !p->failed) {
			char label[256];
			cli_sweep_label(&p->r->o->sweep, i, label,
					sizeof label);
			snprintf(p->err, p->errlen,
				 "--sweep: the configuration %s: "
				 "%s",
				 label, iv_status_str(st));
			p->failed = 2;
		}
		pthread_cond_broadcast(&p->cv);
	}
	pthread_mutex_unlock(&p->mu);
	iv_net_free(net);
	pthread_mutex_lock(&p->mu);
	p->used -= held;
	pthread_cond_broadcast(&p->cv);
	pthread_mutex_unlock(&p->mu);
	return NULL;
}

/* Work of a configuration: its products, 6 B n_in n_out flops a layer,
 * and the passes' other work, of the order of 100 flops per activation
 * (drawing, activation functions, statistics, distinct neurons). */
static double cost(const iv_config *c)
{
	double b = (double)c->batch, w = 0;
	for (size_t l = 1; l <= c->depth; l++) {
		double in = (double)iv_config_units(c, l - 1);
		double out = (double)iv_config_units(c, l);
		w += 6 * b * in * out + 100 * b * out;
	}
	return w;
}

/* Work of a configuration with its training: each step a forward and a
 * backward pass and the update, about the passes' own work again (the
 * line's estimate had no training in it and stood still while a
 * configuration trained). */
static double work(const struct pool *p, const iv_config *c)
{
	return cost(c) * (1 + (double)p->r->o->train_steps);
}

/* Each job's BLAS calls get a share of the processors, so that a
 * configuration holding most of the work would run on its share while
 * the other jobs sit idle: k jobs only when the largest configuration is
 * at most 1/k of the total. */
size_t cli_sweep_jobs(const cli_sweep_run *r, size_t idle)
{
	double total = 0, top = 0;
	for (size_t i = 0; i < r->n; i++) {
		double w = cost(&r->cfg[i]);
		total += w;
		top = w > top ? w : top;
	}
	size_t k = idle ? idle : 1;
	double fit = top > 0 ? floor(total / top) : (double)r->n;
	return fit < (double)k ? (fit < 1 ? 1 : (size_t)fit) : k;
}

struct ranked {
	double need;
	size_t i;
};

/* Largest first; equal needs in grid order. */
static int by_need(const void *a, const void *b)
{
	const struct ranked *x = a, *y = b;
	if (x->need != y->need)
		return x->need > y->need ? -1 : 1;
	return x->i < y->i ? -1 : x->i > y->i;
}

/* The configurations, largest first, into order. */
static bool rank(const cli_sweep_run *r, size_t *order)
{
	struct ranked *k = malloc(r->n * sizeof *k);
	if (!k)
		return false;
	for (size_t i = 0; i < r->n; i++)
		k[i] = (struct ranked){r->need[i], i};
	qsort(k, r->n, sizeof *k, by_need);
	for (size_t i = 0; i < r->n; i++)
		order[i] = k[i].i;
	free(k);
	return true;
}

int cli_sweep_run_all(cli_sweep_run *r, cli_sweep_text_fn *text, void *ctx,
		      char *err, size_t errlen)
{
	struct pool p = {.r = r,
			 .text = text,
			 .ctx = ctx,
			 .err = err,
			 .errlen = errlen,
			 .limit = r->o->cfg.max_memory};
	pthread_t tid[WORKERS_MAX];
	if (r->n == 0) { /* the parser never gives one */
		snprintf(err, errlen, "--sweep: no configuration to run");
		return 2;
	}
	size_t jobs =
	    r->o->jobs ? r->o->jobs : cli_sweep_jobs(r, cli_idle_processors());
	size_t k = jobs < r->n ? jobs : r->n, started = 0;
	if (k > WORKERS_MAX)
		k = WORKERS_MAX;
	/* the k largest side by side, beside OpenBLAS's buffers (room.h) */
	double most = 0;
	for (size_t i = 0; i < r->n; i++)
		most = r->need[i] > most ? r->need[i] : most;
	if (cli_room(most * (double)k, err, errlen) != 0)
		return 2;
	if (!(p.order = malloc(r->n * sizeof *p.order)) || !rank(r, p.order)) {
		free(p.order);
		snprintf(err, errlen, "out of memory");
		return 2;
	}
	if (!(r->spool = tmpfile())) {
		free(p.order);
		snprintf(err, errlen,
			 "--sweep: cannot make a temporary file for "
			 "the reports in /tmp");
		return 2;
	}
	pthread_mutex_init(&p.mu, NULL);
	pthread_cond_init(&p.cv, NULL);
	cli_progress_start(&p.pr, stderr);
	cli_progress_phase(&p.pr, "sweep");
	for (size_t i = 0; i < r->n; i++)
		p.work_all += work(&p, &r->cfg[i]);
	unsigned limit = 0;
	if (k > 1) { /* side by side: each network its share */
		long cpus = sysconf(_SC_NPROCESSORS_ONLN);
		unsigned share = cpus > (long)k ? (unsigned)(cpus / (long)k) : 1;
		limit = iv_threads_limit(share);
	}
	for (; started + 1 < k; started++)
		if (pthread_create(&tid[started], NULL, worker, &p) != 0)
			break;
	worker(&p); /* this thread too */
	for (size_t t = 0; t < started; t++)
		pthread_join(tid[t], NULL);
	if (k > 1)
		iv_threads_limit(limit);
	r->workers = started + 1;
	cli_progress_stop(&p.pr);
	pthread_cond_destroy(&p.cv);
	pthread_mutex_destroy(&p.mu);
	free(p.order);
	if (!p.failed && fflush(r->spool) != 0) {
		snprintf(err, errlen,
			 "--sweep: cannot write the temporary file");
		p.failed = 2;
	}
	return p.failed;
}

int cli_sweep_run_copy(const cli_sweep_run *r, size_t i, FILE *f)
{
	char buf[65536];
	size_t left = r->res[i].len;
	if (fseek(r->spool, r->res[i].off, SEEK_SET) != 0)
		return -1;
	while (left > 0) {
		size_t n = fread(buf, 1, left < sizeof buf ? left : sizeof buf,
				 r->spool);
		if (n == 0 || fwrite(buf, 1, n, f) != n)
			return -1;
		left -= n;
	}
	return 0;
}

void cli_sweep_run_done(cli_sweep_run *r)
{
	for (size_t i = 0; r->res && i < r->n; i++) {
		free(r->res[i].act_rms); /* the block of all six */
		free(r->res[i].check);
	}
	free(r->res);
	free(r->cfg);
	free(r->need);
	if (r->spool)
		fclose(r->spool);
	*r = (cli_sweep_run){0};
}
