/* SPDX-License-Identifier: MIT */
/* The report of a sweep: a JSON array of report objects, CSV rows with the
 * knob values first, or a table of configurations; then the checks. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <config.h>
#include "cli/command.h"
#include "cli/report.h"
#include "figure/figure.h"
#include "cli/sweep_report.h"
#include "cli/sweep_scaling.h"

#define LABEL_MAX  256
#define AXIS_SHOWN 6 /* values of a knob listed in the table's first line */

/* The knob columns of the CSV: "sweep.width", ... */
struct csv_names {
	char name[CLI_SWEEP_AXES][48];
	const char *ptr[CLI_SWEEP_AXES];
};

static void text_json(FILE *f, size_t i, const iv_net *net,
		      const cli_analysis *x, const cli_sweep *s)
{
	size_t idx[CLI_SWEEP_AXES];
	iv_config c;
	char err[8];
	cli_sweep_config(s, i, iv_net_config(net), &c, idx, err, sizeof err);
	cli_report_json_open(f, net, x);
	fputs(",\n  \"sweep\": {", f);
	for (size_t a = 0; a < s->naxes; a++)
		fprintf(f, "%s\"%s\": %s", a ? ", " : "", s->axis[a].knob->key,
			s->axis[a].text[idx[a]]);
	fputc('}', f);
}

static void text_csv(FILE *f, size_t i, const iv_net *net,
		     const cli_analysis *x, const cli_sweep *s)
{
	struct csv_names names;
	const char *values[CLI_SWEEP_AXES];
	size_t idx[CLI_SWEEP_AXES];
	iv_config c;
	char err[8];
	cli_sweep_config(s, i, iv_net_config(net), &c, idx, err, sizeof err);
	for (size_t a = 0; a < s->naxes; a++) {
		snprintf(names.name[a], sizeof names.name[a], "sweep.%s",
			 s->axis[a].knob->key);
		names.ptr[a] = names.name[a];
		values[a] = s->axis[a].text[idx[a]];
	}
	cli_report_csv_lead(f, net, x, s->naxes, names.ptr, values, i == 0);
}

static void text(FILE *f, size_t i, const iv_net *net, const cli_analysis *x,
		 void *ctx)
{
	const cli_opts *o = ctx;
	if (o->format == CLI_FORMAT_JSON)
		text_json(f, i, net, x, &o->sweep);
	else if (o->format == CLI_FORMAT_CSV)
		text_csv(f, i, net, x, &o->sweep);
}

static int out_json(FILE *f, const cli_sweep_run *r, const cli_width_scaling *w)
{
	fputs("[\n", f);
	for (size_t i = 0; i < r->n; i++) {
		if (cli_sweep_run_copy(r, i, f))
			return -1;
		cli_width_scaling_json(f, w, r, i);
		fputs(i + 1 < r->n ? "\n},\n" : "\n}\n", f);
	}
	fputs("]\n", f);
	return 0;
}

static void axes_line(FILE *f, const cli_sweep *s, size_t n)
{
	fprintf(f,
		"initviz %s: a sweep of %zu configurations:", PACKAGE_VERSION,
		n);
	for (size_t a = 0; a < s->naxes; a++) {
		const cli_sweep_axis *x = &s->axis[a];
		fprintf(f, "%s %s", a ? ";" : "", x->knob->name);
		if (x->n > AXIS_SHOWN) { /* the line stays short */
			fprintf(f, " %s,%s,...,%s (%zu values)", x->text[0],
				x->text[1], x->text[x->n - 1], x->n);
			continue;
		}
		for (size_t k = 0; k < x->n; k++)
			fprintf(f, "%c%s", k ? ',' : ' ', x->text[k]);
	}
	fputc('\n', f);
}

/* ", residual (alpha 0.5), layer norm" of a sweep's shared configuration
 * (iv_figure_arch): alpha when res-scale is not swept, and when it is the
 * scheme's own and follows a swept depth (gpt2's), its rule. */
static void sweep_arch(const cli_sweep *s, const iv_config *c, char *buf,
		       size_t len)
{
	iv_config deeper = *c;
	deeper.depth++;
	bool follows = cli_sweep_find(s, "depth") &&
		       iv_config_res_scale(&deeper) != iv_config_res_scale(c);
	if (c->residual && follows && !cli_sweep_find(s, "res-scale")) {
		iv_config plain = *c; /* for the norm's words alone */
		char norm[48];
		plain.residual = false;
		iv_figure_arch(&plain, false, norm, sizeof norm);
		snprintf(buf, len, ", residual (alpha 1/sqrt(2L))%s", norm);
	} else
		iv_figure_arch(c, !cli_sweep_find(s, "res-scale"), buf, len);
}

static void base_line(FILE *f, const cli_sweep *s, const iv_config *c)
{
	char init[256], arch[96], act[64];
	iv_config_init_text(c, init, sizeof init);
	sweep_arch(s, c, arch, sizeof arch);
	iv_figure_act(c, act, sizeof act); /* as one network's table */
	fprintf(f, "%s, %s\ndepth %zu, ", act, init, c->depth);
	if (c->nwidths) /* c->width is not the network's then */
		for (size_t l = 0; l < c->nwidths; l++)
			fprintf(f, "%s%u", l ? "," : "widths ",
				(unsigned)c->widths[l]);
	else
		fprintf(f, "width %zu", c->width);
	fprintf(f,
		", batch %zu, input %s, seed %lu%s\n(the swept knobs override "
		"these)\n",
		c->batch, iv_input_name(c->input), c->seed, arch);
}

/* A number of a table row: "nan", never "-nan" (the sign of a NaN says
 * nothing), then a space. */
static void cell(FILE *f, int width, double v)
{
	if (isnan(v))
		fprintf(f, "%*s ", width, "nan");
	else
		fprintf(f, "%*.3g ", width, v);
}

static int imax(int a, int b)
{
	return a > b ? a : b;
}

static void out_rows(FILE *f, const cli_sweep_run *r)
{
	const cli_sweep *s = &r->o->sweep;
	int kw[CLI_SWEEP_AXES] = {0}; /* a knob's column: its widest text, or 9 */
	fputc('\n', f);
	for (size_t a = 0; a < s->naxes; a++) {
		kw[a] = 9;
		for (size_t v = 0; v < s->axis[a].n; v++)
			kw[a] = imax(kw[a], (int)strlen(s->axis[a].text[v]));
		kw[a] = imax(kw[a], (int)strlen(s->axis[a].knob->name));
		fprintf(f, "%*s ", kw[a], s->axis[a].knob->name);
	}
	bool trained = r->o->train_steps > 0, stopped = false;
	/* the training column padded only when the check column follows */
	fprintf(f, "act std 1 act std L grad std 1 grad std L distinct%s%s\n",
		!trained ? "" : r->o->check ? "  training     " : "  training",
		r->o->check ? "  check" : "");
	bool uncounted = false;
	for (size_t i = 0; i < r->n; i++) {
		const cli_sweep_result *x = &r->res[i];
		size_t idx[CLI_SWEEP_AXES], L = x->depth;
		iv_config c;
		char err[8];
		cli_sweep_config(s, i, &r->o->cfg, &c, idx, err, sizeof err);
		for (size_t a = 0; a < s->naxes; a++)
			fprintf(f, "%*s ", kw[a], s->axis[a].text[idx[a]]);
		cell(f, 9, x->act_std[0]);
		cell(f, 9, x->act_std[L - 1]);
		cell(f, 10, x->grad_std[0]);
		cell(f, 10, x->grad_std[L - 1]);
		if (x->distinct_nonfinite) /* NaN columns compare alike */
			fprintf(f, "%8s", "-");
		else
			fprintf(f, "%8zu", x->distinct_min);
		uncounted |= x->distinct_nonfinite;
		if (trained) { /* "stopped at 12345678", 19 columns at most */
			char t[32];
			if (x->stopped)
				snprintf(t, sizeof t, "stopped at %zu",
					 x->steps);
			else
				snprintf(t, sizeof t, "%zu step%s", x->steps,
					 x->steps == 1 ? "" : "s");
			fprintf(f, "  %-*s", r->o->check ? 13 : 0, t);
			stopped |= x->stopped;
		}
		if (r->o->check)
			fprintf(f, "  %s", x->problems ? "PROBLEM" : "ok");
		fputc('\n', f);
	}
	fputs("(L: each one's last layer; distinct: the fewest distinct "
	      "neurons in a layer)\n",
	      f);
	if (uncounted)
		fputs("(distinct -: not counted, some layer's activations hold "
		      "NaN or Inf)\n",
		      f);
	if (stopped)
		fputs("(stopped at k: the loss of step k is not finite, so "
		      "training took no update from it)\n",
		      f);
}

/* ", at initialization, before 5 SGD steps at lr 0.02" of a sweep that
 * trains (iv_figure_before), with in how many configurations training
 * stopped early when it did in some; "" without training. */
static void sweep_before(const cli_sweep_run *r, char *buf, size_t len)
{
	char stopped[96];
	size_t nstopped = 0;
	for (size_t i = 0; i < r->n; i++)
		nstopped += r->res[i].stopped;
	snprintf(stopped, sizeof stopped,
		 "training stopped early in %zu of %zu configurations", nstopped,
		 r->n);
	iv_figure_before(r->o->train_steps, r->o->lr, nstopped ? stopped : NULL,
			 buf, len);
}

/* "initviz: relu, 6 configurations of width" and the settings the knobs
 * leave alone. */
static void sweep_title(const cli_sweep_run *r, char *title, size_t len,
			char *sub)
{
	const cli_sweep *s = &r->o->sweep;
	const iv_config *c = &r->o->cfg;
	char act[64]; /* as one network's figure */
	iv_figure_act(c, act, sizeof act);
	size_t n = (size_t)snprintf(title, len,
				    "initviz: %s, %zu configurations of", act,
				    r->n);
	for (size_t a = 0; a < s->naxes && n < len; a++)
		n += (size_t)snprintf(title + n, len - n, "%s %s",
				      a ? " x" : "", s->axis[a].knob->name);
	if (n < len) { /* alpha in the labels when swept */
		char arch[96];
		sweep_arch(s, c, arch, sizeof arch);
		snprintf(title + n, len - n, "%s", arch);
	}
	n = (size_t)snprintf(sub, len, "init %s", iv_init_name(c->init));
#define KEEP(knob, cond, ...)                                                  \
	if ((cond) && !cli_sweep_find(s, knob) && n < len)                     \
	n += (size_t)snprintf(sub + n, len - n, __VA_ARGS__)
	KEEP("std", iv_init_uses_std(c->init), ", std %g", c->std);
	KEEP("gain", iv_init_uses_gain(c->init), ", gain %g", c->gain);
	if (iv_init_uses_mode(c->init) && n < len)
		n += (size_t)snprintf(sub + n, len - n, ", %s",
				      iv_mode_name(c->mode));
	KEEP("value", c->init == IV_INIT_CONSTANT, ", value %g", c->value);
	KEEP("depth", true, ", %zu layer%s", c->depth,
	     c->depth == 1 ? "" : "s");
	KEEP("width", !c->nwidths, ", width %zu", c->width);
	if (c->nwidths && n < len) {
		char widths[64];
		iv_figure_widths(c, widths, sizeof widths);
		n += (size_t)snprintf(sub + n, len - n, ", widths %s", widths);
	}
	KEEP("batch", true, ", batch %zu", c->batch);
	KEEP("bias-std", c->bias_std > 0, ", bias noise %g", c->bias_std);
#undef KEEP
	if (n < len && c->init == IV_INIT_TORCH_LINEAR)
		n += (size_t)snprintf(sub + n, len - n,
				      ", bias U(+-1/sqrt(fan_in))");
	else if (n < len)
		n += (size_t)snprintf(sub + n, len - n, ", bias %g",
				      iv_init_is_preset(c->init) ? 0.0 : c->bias);
	char before[160]; /* training comes after the statistics drawn */
	sweep_before(r, before, sizeof before);
	if (n < len)
		snprintf(sub + n, len - n,
			 ", input %s, seed %lu%s; gradients from N(0, 1) at the "
			 "top layer",
			 iv_input_name(c->input), c->seed, before);
}

/* Every configuration's profile on shared axes. */
static int out_svg(FILE *f, const cli_sweep_run *r)
{
	iv_fig_series *series = calloc(r->n, sizeof *series);
	char(*labels)[LABEL_MAX] = malloc(r->n * sizeof *labels);
	char title[384], sub[384], none[128], *cmd = cli_command_new(r->o);
	int rc = -1;
	if (series && labels && cmd) {
		for (size_t i = 0; i < r->n; i++) {
			const cli_sweep_result *x = &r->res[i];
			cli_sweep_label(&r->o->sweep, i, labels[i], LABEL_MAX);
			series[i] =
			    (iv_fig_series){labels[i], x->depth,    x->act_std,
					    x->th_act, x->grad_std, x->th_grad};
		}
		sweep_title(r, title, sizeof title, sub);
		const char *why =
		    iv_figure_theory_none(&r->o->cfg, none, sizeof none);
		/* batch norm over small batches: the gradients' mean field
		 * stops short, in how many configurations */
		size_t gone = 0, configs = 0;
		char grad[160];
		for (size_t i = 0; i < r->n; i++) {
			gone += r->res[i].th_grad_batch;
			configs += r->res[i].th_grad_batch > 0;
		}
		snprintf(grad, sizeof grad,
			 "gradients' mean field: %zu layer%s left out in %zu "
			 "configuration%s, batch norm's batch too small (Yang "
			 "et al. 2019)",
			 gone, gone == 1 ? "" : "s", configs,
			 configs == 1 ? "" : "s");
		iv_figure fig = {.title = title,
				 .subtitle = sub,
				 .command = cmd,
				 .nseries = r->n,
				 .series = series,
				 .theory_none = why,
				 .theory_grad = gone ? grad : NULL,
				 .theory_grad_absent = gone};
		rc = iv_figure_svg(f, &fig);
	}
	free(cmd);
	free(series);
	free(labels);
	return rc;
}

static int out_table(FILE *f, const cli_sweep_run *r,
		     const cli_width_scaling *w)
{
	axes_line(f, &r->o->sweep, r->n);
	base_line(f, &r->o->sweep, &r->o->cfg);
	out_rows(f, r);
	cli_width_scaling_table(f, w, r);
	return 0;
}

/* Each configuration's check lines, "[label] " after "initviz: check: ". */
static size_t checks(const cli_sweep_run *r, const cli_width_scaling *w,
		     FILE *err)
{
	static const char head[] = "initviz: check: ";
	size_t problems = 0;
	for (size_t i = 0; i < r->n; i++) {
		char label[LABEL_MAX];
		const char *p = r->res[i].check;
		problems += r->res[i].problems;
		cli_sweep_label(&r->o->sweep, i, label, sizeof label);
		while (p && *p) {
			size_t n = strcspn(p, "\n");
			if (strncmp(p, head, sizeof head - 1) == 0)
				fprintf(err, "%s[%s] %.*s\n", head, label,
					(int)(n - (sizeof head - 1)),
					p + sizeof head - 1);
			p += n + (p[n] == '\n');
		}
	}
	return problems + cli_width_scaling_check(w, r, err);
}

int cli_sweep_report(const cli_opts *o, FILE *out, FILE *err)
{
	char msg[1024];
	cli_sweep_run r;
	cli_width_scaling w = {0};
	int rc = cli_sweep_run_init(&r, o, msg, sizeof msg);
	if (rc == 0)
		rc = cli_sweep_run_all(&r, text, (void *)o, msg, sizeof msg);
	if (rc == 0 && cli_width_scaling_compute(&w, &r)) {
		snprintf(msg, sizeof msg, "out of memory");
		rc = 2;
	}
	if (rc) {
		fprintf(err, "initviz: %s\n", msg);
	} else {
		int wr = 0;
		switch (o->format) {
		case CLI_FORMAT_JSON: wr = out_json(out, &r, &w); break;
		case CLI_FORMAT_SVG: wr = out_svg(out, &r); break;
		case CLI_FORMAT_CSV:
			for (size_t i = 0; i < r.n && !wr; i++)
				wr = cli_sweep_run_copy(&r, i, out);
			break;
		default: wr = out_table(out, &r, &w); break;
		}
		if (wr || fflush(out) != 0 || ferror(out))
			rc = -1;
		else if (o->check && checks(&r, &w, err) > 0)
			rc = 1;
	}
	cli_width_scaling_done(&w);
	cli_sweep_run_done(&r);
	return rc;
}
