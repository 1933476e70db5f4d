/* SPDX-License-Identifier: MIT */
/* The CSV report: a header, then one row per layer, no histograms. */
#include <math.h>
#include "cli/report.h"

/* Fields of one quantity, in the order of the JSON object. */
#define CSV_STATS_LIST(X)                                                      \
	X("count") X("mean") X("std") X("rms") X("min") X("max") X("nan")      \
	X("inf")

/* An empty field when not finite. */
static void field(FILE *f, double v)
{
	char buf[32];
	fputc(',', f);
	if (cli_report_number(v, buf, sizeof buf))
		fputs(buf, f);
}

static void header(FILE *f, const cli_analysis *x)
{
	fputs("layer,fan_in,fan_out", f);
	for (int q = 0; q < IV_Q_COUNT; q++) {
#define IV_X(n) fprintf(f, ",%s.%s", iv_quantity_name((iv_quantity)q), n);
		CSV_STATS_LIST(IV_X)
#undef IV_X
	}
	fputs(",distinct_neurons,dead_units,saturated,zero_fraction", f);
	fputs(",kind,stream.channel_variance,stream.channel_mean_sq", f);
#define IV_X(n) fprintf(f, ",branch.%s", n);
	CSV_STATS_LIST(IV_X) /* empty but for residual blocks */
#undef IV_X
	if (x && (x->theory || x->no_theory)) /* empty: no theory */
		fputs(",theory.preactivation_std,theory.activation_std,"
		      "theory.grad_preactivation_std,theory.grad_activation_std,"
		      "theory.channel_variance,theory.channel_mean_sq",
		      f);
	if (x && x->ntrain) /* a summary: the state after the last step */
		fputs(",training.steps,training.final_loss,"
		      "training.distinct_neurons,training.update_ratio,"
		      "training.grad_ratio,training.activation_change", f);
	fputc('\n', f);
}

static void extra(FILE *f, const cli_analysis *x, size_t l, size_t L)
{
	if (x && x->theory) {
		const iv_theory_layer *t = &x->theory[l - 1];
		field(f, t->preactivation_std);
		field(f, t->activation_std);
		field(f, t->grad_preactivation_std);
		field(f, t->grad_activation_std);
		field(f, t->channel_variance);
		field(f, t->channel_mean_sq);
	} else if (x && x->no_theory) {
		fputs(",,,,,,", f);
	}
	if (x && x->ntrain) {
		size_t k = x->ntrain - 1;
		fprintf(f, ",%zu", x->train_step[k]);
		field(f, x->train_loss[k]);
		fprintf(f, ",%zu", x->train_distinct[k * L + l - 1]);
		/* the last update's ratios: the entry before the last */
		size_t u = (k > 0 ? k - 1 : k) * L + l - 1;
		field(f, x->train_update_ratio[u]);
		field(f, x->train_grad_ratio[u]);
		field(f, x->train_change ? x->train_change[l - 1] : NAN);
	}
}

static void stats(FILE *f, const iv_stats *st)
{
	fprintf(f, ",%zu", st->count);
	field(f, st->mean);
	field(f, st->std);
	field(f, st->rms);
	field(f, st->min);
	field(f, st->max);
	fprintf(f, ",%zu,%zu", st->nan, st->inf);
}


static void row(FILE *f, const iv_layer_stats *s)
{
	fprintf(f, "%zu,%zu,%zu", s->layer, s->fan_in, s->fan_out);
	for (int q = 0; q < IV_Q_COUNT; q++)
		stats(f, &s->q[q]);
	fprintf(f, ",%zu,%zu", s->distinct_neurons, s->dead_units);
	field(f, s->saturated);
	field(f, s->zero_fraction);
	fprintf(f, ",%s", iv_layer_kind_name(s->kind));
	field(f, s->channel_variance);
	field(f, s->channel_mean_sq);
	if (s->kind == IV_LAYER_RESIDUAL) /* the branch: its pre-activation */
		stats(f, &s->q[IV_Q_PREACT]);
	else
		fputs(",,,,,,,,", f);
}

int cli_report_csv(FILE *f, const iv_net *net, const cli_analysis *x)
{
	return cli_report_csv_lead(f, net, x, 0, NULL, NULL, true);
}

int cli_report_csv_lead(FILE *f, const iv_net *net, const cli_analysis *x,
                       size_t nlead, const char *const *names,
                       const char *const *values, bool head)
{
	size_t L = iv_net_depth(net);
	if (head) {
		for (size_t i = 0; i < nlead; i++)
			fprintf(f, "%s,", names[i]);
		header(f, x);
	}
	for (size_t l = 1; l <= L; l++) {
		for (size_t i = 0; i < nlead; i++)
			fprintf(f, "%s,", values[i]);
		row(f, iv_net_layer(net, l));
		extra(f, x, l, L);
		fputc('\n', f);
	}
	return ferror(f) ? -1 : 0;
}
