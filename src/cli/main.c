/* SPDX-License-Identifier: MIT */
/* initviz: parse the options, then run the interactive view or the report. */
#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <config.h>
#include <initviz/net.h>
#include "cli/blas.h"
#include "cli/analysis.h"
#include "cli/check.h"
#include "cli/command.h"
#include "cli/idle.h"
#include "cli/lessons.h"
#include "cli/opts.h"
#include "cli/progress.h"
#include "cli/report.h"
#include "cli/room.h"
#include "cli/sweep_report.h"
#include "tui/tui.h"
#include "util/blas_core.h"
#include "util/bytes.h"

static int version(void)
{
	const char *blas = cli_blas_library(), *core = iv_blas_core(),
		   *was = iv_blas_core_replaced();
	printf("initviz %s\nBLAS: cblas_dgemm from %s\n", PACKAGE_VERSION,
	       blas ? blas : "an unknown library");
	if (core && was)
		printf("OpenBLAS kernel: %s (OpenBLAS chose %s, older than this "
		       "processor runs)\n",
		       core, was);
	else if (core)
		printf("OpenBLAS kernel: %s\n", core);
	return 0;
}

/* extra: what the report needs beside the network (training's buffers) */
static int alloc_failed(const iv_config *cfg, iv_status st, double extra)
{
	char need[64], limit[64];
	if (st != IV_ETOOBIG) {
		fprintf(stderr, "initviz: %s\n", iv_status_str(st));
		return 2;
	}
	iv_bytes_pair(iv_config_memory(cfg) + extra, cfg->max_memory, need,
		      limit, sizeof need);
	fprintf(stderr,
		"initviz: this configuration needs %s, over the memory "
		"limit of %s (raise it with --max-memory)\n",
		need, limit);
	return 2;
}

/* Refuses to go on when OpenBLAS would find no room for its buffers
 * (cli/room.h): with _exit, as exit would wait for OpenBLAS's threads,
 * which may spin for ever. */
static void room_or_exit(double more)
{
	char msg[256];
	if (cli_room(more, msg, sizeof msg) == 0)
		return;
	fflush(stdout);
	fprintf(stderr, "initviz: %s\n", msg);
	_exit(2);
}

/* The network's run on the progress line: how much of it is done. */
static void tick(void *ctx, double frac)
{
	char d[16];
	snprintf(d, sizeof d, "%.0f%%", floor(100 * frac)); /* never 100% early */
	cli_progress_show(ctx, frac, d);
}

static int report(const cli_opts *o)
{
	iv_status st;
	int rc = 0;
	/* the limit covers training's buffers too, before any is allocated */
	double extra = cli_analysis_memory(&o->cfg, o->train_steps);
	if (o->cfg.max_memory > 0 &&
	    iv_config_memory(&o->cfg) + extra > o->cfg.max_memory)
		return alloc_failed(&o->cfg, IV_ETOOBIG, extra);
	room_or_exit(iv_config_memory(&o->cfg) + extra);
	iv_net *net = iv_net_alloc(&o->cfg, &st);
	if (!net)
		return alloc_failed(&o->cfg, st, extra);
	/* training changes the weights but not the statistics taken at
	 * initialization, which the report and the check describe */
	cli_analysis x = {0};
	cli_progress pr;
	cli_progress_start(&pr, stderr);
	cli_progress_phase(&pr, "computing the network");
	iv_net_populate(net); /* run whole: no page faults in the passes */
	st = iv_net_run_ticking(net, tick, &pr);
	if (st == IV_OK)
		st = cli_analysis_compute_shown(&x, &net, o->train_steps, o->lr,
						o->random_readout, &pr);
	cli_progress_stop(&pr);
	if (st != IV_OK) {
		fprintf(stderr, "initviz: %s\n", iv_status_str(st));
		cli_analysis_done(&x);
		iv_net_free(net);
		return 2;
	}
	char *cmd = cli_command_new(o);
	if (!cmd) {
		fprintf(stderr, "initviz: %s\n", iv_status_str(IV_ENOMEM));
		cli_analysis_done(&x);
		iv_net_free(net);
		return 2;
	}
	x.command = cmd;
	if ((o->format == CLI_FORMAT_SVG
		 ? cli_report_svg(stdout, net, &x, cmd)
		 : cli_report_write(stdout, net, o->format,
				    cli_report_utf8(o->tui.ascii), &x)) != 0 ||
	    fflush(stdout) != 0)
		rc = -1;
	else if (o->check && cli_check_net(net, stderr) +
				    cli_check_training(&x, stderr) >
				0)
		rc = 1;
	free(cmd);
	cli_analysis_done(&x);
	iv_net_free(net);
	return rc;
}

/* Lesson files' warnings, on stderr and (first line) for the view. */
static char *gather(cli_opts *o, iv_lesson_set *set)
{
	char *warn = NULL;
	size_t wlen = 0;
	FILE *w = open_memstream(&warn, &wlen);
	cli_lessons(set, o->lessons_file, w ? w : stderr);
	if (!w)
		return NULL;
	fclose(w);
	fputs(warn, stderr);
	if (wlen == 0) {
		free(warn);
		return NULL;
	}
	warn[strcspn(warn, "\n")] = '\0';
	return warn;
}

/* Lessons: --list-lessons prints them; --lesson=N parses argv again on top
 * of lesson N's configuration. Returns -1 to go on, else an exit status. */
static int lessons(int argc, char **argv, cli_opts *o, iv_lesson_set *set)
{
	char err[1024];
	if (o->report && !o->list_lessons && !o->lesson && !o->lessons_file)
		return -1; /* a plain report needs no lessons */
	char *notice = gather(o, set);
	if (o->list_lessons) {
		cli_list_lessons(set, stdout);
		free(notice);
		return 0;
	}
	if (o->lesson > set->n) {
		fprintf(stderr,
			"initviz: --lesson must be an integer from 1 to "
			"%zu, the number of lessons (got %zu)\n",
			set->n, o->lesson);
		free(notice);
		return 2;
	}
	if (o->lesson && cli_parse_base(argc, argv, &set->v[o->lesson - 1].cfg,
					o, err, sizeof err) != 0) {
		fprintf(stderr, "initviz: %s\n", err);
		free(notice);
		return 2;
	}
	if (o->lesson)
		o->lesson_ref = &set->v[o->lesson - 1];
	if (o->lesson && !o->lr_set && set->v[o->lesson - 1].lr > 0)
		o->lr =
		    set->v[o->lesson - 1].lr; /* the lesson's, unless --lr */
	if (o->lesson && set->v[o->lesson - 1].random_readout)
		o->random_readout = true;
	o->tui.notice = notice; /* freed by main */
	return -1;
}

struct view_ctx {
	const cli_opts *o; /* as started */
	const iv_lesson_set *set;
};

/* The view's reproducing command: its state as options, then the
 * option table's writer. */
static size_t view_command(void *ctx, const tui_command_state *s, char *buf,
			   size_t len)
{
	const struct view_ctx *v = ctx;
	cli_opts *t = malloc(sizeof *t);
	if (!t)
		return (size_t)snprintf(buf, len, "initviz");
	*t = *v->o;
	t->cfg = *s->cfg;
	t->cfg.bins = v->o->cfg.bins;
	t->lesson = s->lesson <= v->set->n ? s->lesson : 0;
	t->lesson_ref = t->lesson ? &v->set->v[t->lesson - 1] : NULL;
	t->lr = s->lr;
	t->random_readout = s->random_readout;
	t->train_steps = s->train_steps;
	size_t n = cli_command(t, buf, len);
	free(t);
	return n;
}

/* Options that change nothing: a warning on stderr, and in the view's bar
 * when nothing else is there. */
static void warn_idle(cli_opts *o)
{
	char idle[1024];
	if (!cli_idle_options(o, idle, sizeof idle))
		return;
	fprintf(stderr, "initviz: warning: %s\n", idle);
	if (o->report || o->sweep.naxes || o->tui.notice)
		return;
	size_t len = strlen(idle) + sizeof "warning: ";
	char *n = malloc(len);
	if (n) {
		snprintf(n, len, "warning: %s", idle);
		o->tui.notice = n; /* freed by main */
	}
}

/* A closed standard descriptor stays unusable: /dev/null opened the other
 * way holds its number, so that reading (0) or writing (1, 2) still fails
 * with EBADF. Otherwise the first file opened takes the number: a sweep's
 * temporary file became stdout, the report went into it and initviz
 * exited 0 with nothing written. */
static void hold_std_fds(void)
{
	for (int fd = 0; fd <= 2; fd++)
		if (fcntl(fd, F_GETFD) == -1 && errno == EBADF) {
			int got = open("/dev/null", fd ? O_RDONLY : O_WRONLY);
			if (got != fd && got >= 0) /* not the lowest: give up */
				close(got);
		}
}

int main(int argc, char **argv)
{
	cli_opts o;
	iv_lesson_set set = {0};
	char err[1024];
	int rc;
	hold_std_fds(); /* before anything opens a file */
	setlocale(LC_ALL, "");
	setlocale(LC_NUMERIC, "C"); /* "0.5", not "0,5", in and out */
	room_or_exit(0); /* before anything that could end in exit */
	if (cli_parse(argc, argv, &o, err, sizeof err) != 0) {
		fprintf(stderr, "initviz: %s\n", err);
		return 2;
	}
	iv_blas_core_pick(argv); /* may start initviz again, as it is */
	if (o.help) {
		cli_usage(stdout);
		rc = 0;
	} else if (o.version) {
		rc = version();
	} else if ((rc = lessons(argc, argv, &o, &set)) >= 0) {
		/* listed, or a bad --lesson */
	} else {
		warn_idle(&o);
		if (!o.max_memory_set)
			o.cfg.max_memory = iv_physical_memory() / 2;
		o.tui.lessons = &set;
		o.tui.lesson = o.lesson;
		o.tui.lr = o.lr;
		o.tui.random_readout = o.random_readout;
		o.tui.train_steps = o.train_steps;
		struct view_ctx vc = {&o, &set};
		o.tui.command = view_command;
		o.tui.command_ctx = &vc;
		/* a report that prints no histogram keeps none, nor asks
		 * for their memory (depth x bins can be most of it) */
		if (o.sweep.naxes)
			o.cfg.no_histograms = o.format != CLI_FORMAT_JSON;
		else if (o.report)
			o.cfg.no_histograms = !cli_format_histograms(o.format);
		if (!o.sweep.naxes && !o.report)
			room_or_exit(iv_config_memory(&o.cfg));
		rc = o.sweep.naxes ? cli_sweep_report(&o, stdout, stderr)
		     : o.report    ? report(&o)
				   : tui_run(&o.cfg, &o.tui);
	}
	iv_lessons_free(&set);
	free((char *)o.tui.notice);
	if (rc < 0 || fflush(stdout) != 0 || ferror(stdout)) {
		perror("initviz: write error");
		return 2;
	}
	return rc;
}
