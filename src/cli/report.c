/* SPDX-License-Identifier: MIT */
/* Report formats and the JSON writer of docs/report.md. */
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <config.h>
#include "cli/report.h"
#include "view/text.h"

static const char *const format_names[] = {
#define IV_X(e, n) [e] = n,
    CLI_FORMAT_LIST(IV_X)
#undef IV_X
};

const char *cli_format_name(cli_format f)
{
	return (unsigned)f < CLI_FORMAT_COUNT ? format_names[f] : NULL;
}

bool cli_format_histograms(cli_format f)
{
	return f == CLI_FORMAT_JSON || f == CLI_FORMAT_SVG;
}

bool cli_format_parse(const char *s, cli_format *out)
{
	for (int i = 0; s && i < CLI_FORMAT_COUNT; i++)
		if (strcmp(s, format_names[i]) == 0) {
			*out = (cli_format)i;
			return true;
		}
	return false;
}

bool cli_report_utf8(bool ascii)
{
	return !ascii && tui_text_utf8_locale();
}

int cli_report_write(FILE *f, const iv_net *net, cli_format fmt, bool utf8,
		     const cli_analysis *x)
{
	switch (fmt) {
	case CLI_FORMAT_CSV: return cli_report_csv(f, net, x);
	case CLI_FORMAT_JSON: return cli_report_json(f, net, x);
	case CLI_FORMAT_SVG: return cli_report_svg(f, net, x, NULL);
	default: return cli_report_table(f, net, utf8, x);
	}
}

bool cli_report_number(double v, char *buf, size_t len)
{
	buf[0] = '\0';
	if (!isfinite(v))
		return false;
	/* 15 digits read back whenever fewer do, but for subnormals (below
	 * DBL_MIN, fewer significant bits): 1e-320, not 9.99988867182683e-321
	 */
	int from = v != 0 && fabs(v) < DBL_MIN ? 1 : 15;
	for (int prec = from; prec <= 17; prec++) {
		snprintf(buf, len, "%.*g", prec, v);
		if (strtod(buf, NULL) == v)
			break;
	}
	return true;
}

/* JSON has no NaN or Inf: null. */
static void num(FILE *f, double v)
{
	char buf[32];
	fputs(cli_report_number(v, buf, sizeof buf) ? buf : "null", f);
}

static void key_num(FILE *f, const char *sep, const char *key, double v)
{
	fprintf(f, "%s\"%s\": ", sep, key);
	num(f, v);
}

/* A JSON string: quotes, backslashes and control characters escaped. */
static void json_string(FILE *f, const char *s)
{
	fputc('"', f);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '"' || *p == '\\')
			fprintf(f, "\\%c", *p);
		else if (*p < 0x20)
			fprintf(f, "\\u%04x", *p);
		else
			fputc(*p, f);
	}
	fputc('"', f);
}

static void config(FILE *f, const iv_config *c)
{
	size_t L = c->depth, w0 = iv_config_units(c, 0);
	bool uniform = true;
	for (size_t l = 1; l <= L; l++)
		uniform &= iv_config_units(c, l) == w0;
	fprintf(f, "  \"config\": {\"init\": \"%s\"", iv_init_name(c->init));
	key_num(f, ", ", "std", c->std);
	key_num(f, ", ", "value", c->value);
	key_num(f, ", ", "gain", c->gain);
	fprintf(f, ", \"mode\": \"%s\"", iv_mode_name(c->mode));
	key_num(f, ",\n    ", "bias", c->bias);
	key_num(f, ", ", "bias_std", c->bias_std);
	fprintf(f, ", \"activation\": \"%s\"", iv_act_name(c->act));
	key_num(f, ", ", "slope", c->slope);
	fprintf(f, ",\n    \"depth\": %zu, \"width\": ", L);
	if (uniform) /* null when --widths gives layers different sizes */
		fprintf(f, "%zu", w0);
	else
		fputs("null", f);
	fputs(", \"widths\": [", f);
	for (size_t l = 0; l <= L; l++)
		fprintf(f, "%s%zu", l ? ", " : "", iv_config_units(c, l));
	fprintf(f,
		"],\n    \"batch\": %zu, \"input\": \"%s\", \"seed\": %lu, "
		"\"bins\": %zu,\n    \"norm\": \"%s\", \"residual\": %s",
		c->batch, iv_input_name(c->input), c->seed, c->bins,
		iv_norm_name(c->norm), c->residual ? "true" : "false");
	key_num(f, ", ", "res_scale", iv_config_res_scale(c));
	fputs("},\n", f);
}

static void architecture(FILE *f, const iv_config *c)
{
	fprintf(f, "  \"architecture\": {\"norm\": \"%s\", \"residual\": %s",
		iv_norm_name(c->norm), c->residual ? "true" : "false");
	key_num(f, ", ", "res_scale", iv_config_res_scale(c));
	fputs("},\n", f);
}

static void stats(FILE *f, const char *name, const iv_stats *s)
{
	const gsl_histogram *h = s->hist;
	fprintf(f, ",\n     \"%s\": {\"count\": %zu", name, s->count);
	key_num(f, ", ", "mean", s->mean);
	key_num(f, ", ", "std", s->std);
	key_num(f, ", ", "rms", s->rms);
	key_num(f, ", ", "min", s->min);
	key_num(f, ", ", "max", s->max);
	fprintf(f,
		", \"nan\": %zu, \"inf\": %zu,\n       \"histogram\": "
		"{\"edges\": [",
		s->nan, s->inf);
	for (size_t i = 0; h && i <= h->n; i++) {
		fputs(i ? ", " : "", f);
		num(f, h->range[i]);
	}
	fputs("],\n         \"counts\": [", f);
	for (size_t i = 0; h && i < h->n; i++)
		fprintf(f, "%s%.0f", i ? ", " : "", h->bin[i]);
	fputs("]}}", f);
}

static void theory(FILE *f, const iv_theory_layer *t, bool batch_norm)
{
	key_num(f, ",\n     \"theory\": {", "preactivation_std",
		t->preactivation_std);
	key_num(f, ", ", "activation_std", t->activation_std);
	key_num(f, ", ", "grad_preactivation_std", t->grad_preactivation_std);
	key_num(f, ", ", "grad_activation_std", t->grad_activation_std);
	key_num(f, ",\n       ", "channel_variance", t->channel_variance);
	key_num(f, ", ", "channel_mean_sq", t->channel_mean_sq);
	if (batch_norm) /* Inf (a batch of 3 or fewer) as null */
		key_num(f, ", ", "batch_growth", t->batch_growth);
	fputc('}', f);
}

/* Numbers as in docs/report.md: q_star only when stable; Inf (a depth
 * scale at chi = 1) and NaN are null like every number that is not finite */
static void criticality(FILE *f, const iv_criticality *c)
{
	fprintf(f, "  \"criticality\": {\"q_star_kind\": \"%s\"",
		iv_fixed_kind_name(c->kind));
	key_num(f, ", ", "q_star",
		c->kind == IV_FIXED_STABLE ? c->q_star : NAN);
	key_num(f, ", ", "chi1", c->chi1);
	key_num(f, ",\n    ", "depth_scale", c->depth_scale);
	key_num(f, ", ", "depth_scale_correlation", c->depth_scale_correlation);
	key_num(f, ", ", "depth_scale_gradient", c->depth_scale);
	key_num(f, ",\n    ", "gain_for_unit_q", c->gain_for_unit_q);
	key_num(f, ", ", "sigma_w_for_unit_q", c->sigma_w_for_unit_q);
	key_num(f, ", ", "sigma_w2", c->sigma_w2);
	key_num(f, ", ", "sigma_b2", c->sigma_b2);
	fputs("},\n", f);
}

/* sep "key": [n numbers] */
static void key_nums(FILE *f, const char *sep, const char *key, const double *v,
		     size_t n)
{
	fprintf(f, "%s\"%s\": [", sep, key);
	for (size_t i = 0; i < n; i++) {
		fputs(i ? ", " : "", f);
		num(f, v[i]);
	}
	fputc(']', f);
}

static void training(FILE *f, const cli_analysis *x, size_t L)
{
	key_num(f, ",\n  ", "training_lr", x->train_lr);
	fprintf(f, ",\n  \"training_readout\": \"%s\"",
		x->random_readout ? "random" : "same");
	fprintf(f, ",\n  \"training_stopped\": %s",
		x->train_stopped ? "true" : "false");
	fputs(",\n  \"training\": [\n", f);
	for (size_t k = 0; k < x->ntrain; k++) {
		fprintf(f, "    {\"step\": %zu", x->train_step[k]);
		key_num(f, ", ", "loss", x->train_loss[k]);
		fputs(", \"distinct_neurons\": [", f);
		for (size_t l = 0; l < L; l++)
			fprintf(f, "%s%zu", l ? ", " : "",
				x->train_distinct[k * L + l]);
		fputc(']', f);
		key_nums(f, ", ", "update_ratio", x->train_update_ratio + k * L,
			 L);
		key_nums(f, ", ", "grad_ratio", x->train_grad_ratio + k * L, L);
		fputs(k + 1 < x->ntrain ? "},\n" : "}\n", f);
	}
	fputs("  ]", f);
	if (x->train_change)
		key_nums(f, ",\n  ", "training_activation_change",
			 x->train_change, L);
}

static void layer(FILE *f, const iv_layer_stats *s, const iv_theory_layer *t,
		  bool no_theory, bool batch_norm)
{
	fprintf(f,
		"    {\"layer\": %zu, \"kind\": \"%s\", \"fan_in\": %zu, "
		"\"fan_out\": %zu",
		s->layer, iv_layer_kind_name(s->kind), s->fan_in, s->fan_out);
	for (int q = 0; q < IV_Q_COUNT; q++)
		stats(f, iv_quantity_name((iv_quantity)q), &s->q[q]);
	if (s->kind == IV_LAYER_RESIDUAL) /* the branch is its pre-activation */
		stats(f, "branch", &s->q[IV_Q_PREACT]);
	key_num(f, ",\n     \"stream\": {", "channel_variance",
		s->channel_variance);
	key_num(f, ", ", "channel_mean_sq", s->channel_mean_sq);
	fputc('}', f);
	fprintf(f, ",\n     \"distinct_neurons\": %zu, \"dead_units\": %zu",
		s->distinct_neurons, s->dead_units);
	key_num(f, ", ", "saturated", s->saturated);
	key_num(f, ", ", "zero_fraction", s->zero_fraction);
	if (t)
		theory(f, t, batch_norm);
	else if (no_theory)
		fputs(",\n     \"theory\": null", f);
	fputc('}', f);
}

int cli_report_json(FILE *f, const iv_net *net, const cli_analysis *x)
{
	cli_report_json_open(f, net, x);
	fputs("\n}\n", f);
	return ferror(f) ? -1 : 0;
}

void cli_report_json_open(FILE *f, const iv_net *net, const cli_analysis *x)
{
	size_t L = iv_net_depth(net);
	bool th = x && x->theory;
	fprintf(f, "{\n  \"initviz\": \"%s\",\n", PACKAGE_VERSION);
	if (x && x->command) {
		fputs("  \"command\": ", f);
		json_string(f, x->command);
		fputs(",\n", f);
	}
	config(f, iv_net_config(net));
	architecture(f, iv_net_config(net));
	bool none = x && x->no_theory;
	if (th && !x->no_criticality)
		criticality(f, &x->crit);
	else if (none || (th && x->no_criticality))
		fputs("  \"criticality\": null,\n", f);
	fputs("  \"layers\": [\n", f);
	for (size_t l = 1; l <= L; l++) {
		layer(f, iv_net_layer(net, l), th ? &x->theory[l - 1] : NULL,
		      none, iv_net_config(net)->norm == IV_NORM_BATCH);
		fputs(l < L ? ",\n" : "\n", f);
	}
	fputs("  ]", f);
	if (x && x->ntrain)
		training(f, x, L);
}
