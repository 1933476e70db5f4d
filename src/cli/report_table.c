/* SPDX-License-Identifier: MIT */
/* The table report for people: config, layer rows, sparklines of std. */
#include <float.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <config.h>
#include <initviz/health.h>
#include <initviz/tables.h>
#include "cli/report.h"
#include "util/number.h"
#include "util/percent.h"

#define LINE_MAX_COLS 80

static const char *const spark_utf8[] = {"▁", "▂", "▃", "▄",
					 "▅", "▆", "▇", "█"};
static const char spark_ascii[] = "_.:-=+*#";

size_t cli_table_rows(size_t depth, size_t max, size_t *rows)
{
	size_t n = depth < max ? depth : max;
	for (size_t i = 0; i < n; i++)
		rows[i] =
		    depth <= max || max < 2
			? i + 1
			: 1 + (i * (depth - 1) + (max - 1) / 2) / (max - 1);
	return n;
}

void cli_spark_levels(const double *v, size_t n, int *level, double *lo,
		      double *hi)
{
	double a = INFINITY, b = -INFINITY;
	for (size_t i = 0; i < n; i++)
		if (isfinite(v[i]) && v[i] > 0) {
			a = fmin(a, log10(v[i]));
			b = fmax(b, log10(v[i]));
		}
	double span = fmax(b - a, 1.0), base = 0.5 * (a + b) - 0.5 * span;
	*lo = a <= b ? pow(10, base) : NAN;
	*hi = a <= b ? pow(10, base + span) : NAN;
	for (size_t i = 0; i < n; i++) {
		if (v[i] == 0)
			level[i] = CLI_SPARK_ZERO;
		else if (!(isfinite(v[i]) && v[i] > 0))
			level[i] = CLI_SPARK_BAD;
		else {
			int k = (int)floor((log10(v[i]) - base) / span * 8);
			level[i] = k < 0 ? 0 : k > 7 ? 7 : k;
		}
	}
}

/* Print s cut to the line width. */
static void line(FILE *f, const char *s)
{
	if (strlen(s) < LINE_MAX_COLS)
		fprintf(f, "%s\n", s);
	else
		fprintf(f, "%.*s...\n", LINE_MAX_COLS - 4, s);
}

/* Append to buf at *n, never past len. */
static void add(char *buf, size_t len, int *n, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void add(char *buf, size_t len, int *n, const char *fmt, ...)
{
	va_list ap;
	if ((size_t)*n >= len)
		return;
	va_start(ap, fmt);
	*n += vsnprintf(buf + *n, len - (size_t)*n, fmt, ap);
	va_end(ap);
}

static const char *plural(size_t n)
{
	return n == 1 ? "" : "s";
}

/* x with %.*g, but "nan" for every NaN (never "-nan"), "inf" or "-inf",
 * and 0 for -0: the table shows values, not their sign bits. */
static const char *num(double x, int digits, char *buf, size_t len)
{
	if (isnan(x))
		snprintf(buf, len, "nan");
	else
		snprintf(buf, len, "%.*g", digits, x == 0 ? 0.0 : x);
	return buf;
}

static void header(FILE *f, const iv_config *c)
{
	char buf[256];
	int n = 0;
	add(buf, sizeof buf, &n, "initviz %s: %s", PACKAGE_VERSION,
	    iv_act_name(c->act));
	if (iv_act_uses_slope(c->act))
		add(buf, sizeof buf, &n, " (slope %g)", c->slope);
	if (c->nwidths) {
		add(buf, sizeof buf, &n, ", %zu layer%s, widths", c->depth,
		    plural(c->depth));
		for (size_t l = 0; l < c->nwidths; l++)
			add(buf, sizeof buf, &n, "%c%u", l ? ',' : ' ',
			    (unsigned)c->widths[l]);
	} else {
		add(buf, sizeof buf, &n, ", %zu layer%s of %zu unit%s",
		    c->depth, plural(c->depth), c->width, plural(c->width));
	}
	line(f, buf);
	iv_config_init_text(c, buf, sizeof buf);
	line(f, buf);
	fprintf(f, "input %s, batch %zu, seed %lu\n", iv_input_name(c->input),
		c->batch, c->seed);
	if (c->residual)
		fprintf(f,
			"residual blocks, alpha %g, layer 1 a projection; "
			"norm %s\n",
			iv_config_res_scale(c), iv_norm_name(c->norm));
	else if (c->norm != IV_NORM_NONE)
		fprintf(f, "norm %s before each activation\n",
			iv_norm_name(c->norm));
}

/* Whether the layer's distinct neurons say nothing: its activations hold
 * NaN or Inf, whose columns compare alike (as the view's "not counted"
 * and the sweep's "-"). */
static bool uncounted(const iv_layer_stats *s)
{
	return s->q[IV_Q_ACT].finite < s->q[IV_Q_ACT].count;
}

static void row(FILE *f, const iv_layer_stats *s, bool sat)
{
	char a[32], b[32], c[32], d[32];
	fprintf(f, "%5zu %6zu %10s %10s %10s %10s", s->layer, s->fan_out,
		num(iv_stats_std_all(&s->q[IV_Q_WEIGHTS]), 3, a, sizeof a),
		num(iv_stats_mean_all(&s->q[IV_Q_ACT]), 3, b, sizeof b),
		num(iv_stats_std_all(&s->q[IV_Q_ACT]), 3, c, sizeof c),
		num(iv_stats_std_all(&s->q[IV_Q_GRAD_ACT]), 3, d, sizeof d));
	if (sat)
		fprintf(f, " %10s", iv_percent(a, sizeof a, s->saturated, 1));
	else
		fprintf(f, " %10zu", s->dead_units);
	if (uncounted(s)) /* NaN columns compare alike: no count */
		fprintf(f, " %9s !\n", "-");
	else
		fprintf(f, " %9zu%s\n", s->distinct_neurons,
			iv_health_nonfinite(s) ? " !" : "");
}

/* One sparkline of quantity q's std over the sampled layers. */
static void spark(FILE *f, const iv_net *net, const size_t *idx, size_t n,
		  iv_quantity q, const char *label, bool utf8)
{
	double v[CLI_SPARK_MAX], lo, hi;
	int lv[CLI_SPARK_MAX];
	if (n == 0 || n > CLI_SPARK_MAX)
		return;
	for (size_t i = 0; i < n; i++)
		v[i] = iv_stats_std_all(&iv_net_layer(net, idx[i])->q[q]);
	cli_spark_levels(v, n, lv, &lo, &hi);
	fprintf(f, "  %-11s", label);
	for (size_t i = 0; i < n; i++) {
		if (lv[i] == CLI_SPARK_ZERO || lv[i] == CLI_SPARK_BAD)
			fputc(lv[i] == CLI_SPARK_ZERO ? '0' : '!', f);
		else if (utf8)
			fputs(spark_utf8[lv[i]], f);
		else
			fputc(spark_ascii[lv[i]], f);
	}
	char a[32], b[32];
	fprintf(f, "  %s -> %s", num(v[0], 3, a, sizeof a),
		num(v[n - 1], 3, b, sizeof b));
	if (v[0] > 0 && isfinite(v[0]) && isfinite(v[n - 1]))
		fprintf(f, " (x%.2g)", v[n - 1] / v[0]);
	fputc('\n', f);
}

static void sparklines(FILE *f, const iv_net *net, bool utf8)
{
	size_t L = iv_net_depth(net), idx[CLI_SPARK_MAX];
	size_t n = cli_table_rows(L, CLI_SPARK_MAX, idx);
	fprintf(f,
		"\nstd over layers 1..%zu, log scale (%s0: zero, !: "
		"NaN/Inf):\n",
		L, n < L ? "sampled; " : "");
	spark(f, net, idx, n, IV_Q_ACT, "activation", utf8);
	spark(f, net, idx, n, IV_Q_GRAD_ACT, "gradient", utf8);
}

#define RATIO_ROWS 12 /* layer rows of the update-ratio summary */

/* log10 of a ratio, "-" when it has none. */
static void log_cell(FILE *f, double v)
{
	if (isfinite(v) && v > 0)
		fprintf(f, " %11.2f", log10(v));
	else
		fprintf(f, " %11s", v == 0 ? "zero" : "-");
}

/* Update and gradient ratios of the first and the last logged update, per
 * layer; one of each when they are the same update (one step, or a run that
 * logged only its first before it stopped). */
static void ratios(FILE *f, const cli_analysis *x, size_t L)
{
	size_t idx[RATIO_ROWS], n = cli_table_rows(L, RATIO_ROWS, idx);
	size_t k = x->ntrain >= 2 ? x->ntrain - 2 : 0, last = k * L;
	char a[16], b[16], c[32];
	snprintf(a, sizeof a, "@%zu", x->train_step[0]);
	snprintf(b, sizeof b, "@%zu", x->train_step[k]);
	fputs("log10 std(update)/std(W) (about -3 is a usual rate), log10 "
	      "std(grad)/std(W),\nrms change of the activations:\n",
	      f);
	if (k > 0)
		fprintf(f, "layer %6s%-6s %6s%-6s %6s%-6s %6s%-6s  change\n",
			"update", a, "update", b, "grad", a, "grad", b);
	else
		fprintf(f, "layer %6s%-6s %6s%-6s  change\n", "update", a,
			"grad", a);
	for (size_t i = 0; i < n; i++) {
		size_t l = idx[i] - 1;
		fprintf(f, "%5zu", idx[i]);
		log_cell(f, x->train_update_ratio[l]);
		if (k > 0)
			log_cell(f, x->train_update_ratio[last + l]);
		log_cell(f, x->train_grad_ratio[l]);
		if (k > 0)
			log_cell(f, x->train_grad_ratio[last + l]);
		fprintf(f, "  %s\n",
			num(x->train_change ? x->train_change[l] : NAN, 3, c,
			    sizeof c));
	}
}

static const char *chi_word(double chi1)
{
	return isnan(chi1)             ? "undefined"
	       : fabs(chi1 - 1) < 0.01 ? "critical"
	       : chi1 < 1              ? "vanishing"
				       : "exploding";
}

/* chi1 and its word, "0.5 (vanishing)"; NaN: "not computed" (tanh or
 * sigmoid with sigma_w^2 past a double's range); below a double's normal
 * range, from its logarithm where c has it, "8e-340 (vanishing)". */
static const char *chi_text(const iv_criticality *c, char *buf, size_t len)
{
	double chi1 = c->chi1;
	if (chi1 < DBL_MIN && isfinite(c->log10_chi1)) {
		char t[32];
		snprintf(buf, len, "%s (%s)",
			 iv_pow10_text(t, sizeof t, c->log10_chi1, 6),
			 chi_word(chi1));
		return buf;
	}
	if (isnan(chi1))
		return "not computed";
	snprintf(buf, len, "%.6g (%s)", chi1, chi_word(chi1));
	return buf;
}

/* A depth scale: a number of layers, "inf" or "undefined". */
static const char *scale(double xi, char *buf, size_t len)
{
	if (isnan(xi))
		return "undefined";
	if (isinf(xi))
		return "inf";
	snprintf(buf, len, "%.3g", xi);
	return buf;
}

/* A mean-field variance as %.4g, or "over 1.8e308" past a double's range
 * (|bias| over 1e154, or a weight std over about 1e154 / sqrt(fan_in)),
 * where the number is not known. */
static const char *variance(double v, char *buf, size_t len)
{
	if (isinf(v))
		return "over 1.8e308";
	snprintf(buf, len, "%.4g", v);
	return buf;
}

/* The mean-field criticality of layer 1 in a few lines: the fixed point
 * or why there is none, chi1, both depth scales, the gain for q* = 1. */
static void mean_field(FILE *f, const iv_config *cfg, const iv_criticality *c)
{
	char a[32], b[32], x[48];
	fprintf(f, "\nmean field (sigma_w^2 %s, sigma_b^2 %s",
		c->sigma_w2 < DBL_MIN && isfinite(c->log10_sigma_w2)
		    ? iv_pow10_text(b, sizeof b, c->log10_sigma_w2, 4)
		    : variance(c->sigma_w2, b, sizeof b),
		variance(c->sigma_b2, a, sizeof a));
	if (c->bias != 0)
		fprintf(f, " with mean bias %g", c->bias);
	fputs("):\n", f);
	if (c->kind == IV_FIXED_STABLE)
		fprintf(f, "  q* %s (stable), chi1 %s\n",
			variance(c->q_star, a, sizeof a),
			chi_text(c, x, sizeof x));
	else if (c->kind == IV_FIXED_DIVERGES)
		fprintf(f,
			"  no q*: q grows without bound (diverges); chi1 at "
			"large q %s\n",
			chi_text(c, x, sizeof x));
	else
		fprintf(f,
			"  no single q*: every q is fixed (neutral), q stays "
			"%.4g; chi1 %s\n",
			c->q_start, chi_text(c, x, sizeof x));
	if (isinf(c->sigma_w2) && isnan(c->chi1))
		fputs("  depth scales: not computed (sigma_w^2 past a double's "
		      "range)\n",
		      f);
	else
		fprintf(f, "  depth scales: correlations %s, gradients %s\n",
			scale(c->depth_scale_correlation, a, sizeof a),
			scale(c->depth_scale, b, sizeof b));
	if (isnan(c->sigma_w_for_unit_q))
		fputs("  q* = 1: no weight scale gives it\n", f);
	else if (isnan(c->gain_for_unit_q))
		fprintf(f, "  q* = 1 at sigma_w %.4g (%s has no --gain)\n",
			c->sigma_w_for_unit_q, iv_init_name(cfg->init));
	else
		fprintf(f, "  q* = 1 at --gain=%.4g (sigma_w %.4g)\n",
			c->gain_for_unit_q, c->sigma_w_for_unit_q);
}

/* The mean field of blocks and norms: the stream's growth, measured and
 * predicted, and batch norm's gradients. */
static void arch_field(FILE *f, const iv_net *net, const cli_analysis *x)
{
	const iv_config *cfg = iv_net_config(net);
	size_t L = iv_net_depth(net);
	const iv_layer_stats *a = iv_net_layer(net, 1),
			     *b = iv_net_layer(net, L);
	const iv_theory_layer *ta = &x->theory[0], *tb = &x->theory[L - 1];
	fputs("\nmean field of this architecture (q*, chi1 and the depth "
	      "scales: plain layers'):\n",
	      f);
	fprintf(f,
		"  stream E[h^2]: layer 1 %.4g -> layer %zu %.4g "
		"(predicted %.4g -> %.4g)\n",
		a->channel_variance + a->channel_mean_sq, L,
		b->channel_variance + b->channel_mean_sq,
		ta->channel_variance + ta->channel_mean_sq,
		tb->channel_variance + tb->channel_mean_sq);
	fprintf(f, "  rms gradient: layer %zu %.4g -> layer 1 %.4g ", L,
		b->q[IV_Q_GRAD_ACT].rms, a->q[IV_Q_GRAD_ACT].rms);
	if (isnan(ta->grad_activation_std) &&
	    !(ta->batch_growth <= IV_THEORY_BATCH_GROWTH_MAX))
		fprintf(f, "(predicted %.4g -> none, see below)\n",
			tb->grad_activation_std);
	else
		fprintf(f, "(predicted %.4g -> %.4g)\n", tb->grad_activation_std,
			ta->grad_activation_std);
	if (cfg->norm == IV_NORM_BATCH && !cfg->residual && L > 2)
		fputs("  batch norm: the forward pass forgets the weights' "
		      "scale, the gradients\n  still grow going down (each "
		      "layer divides by the batch variance): expected,\n  "
		      "not a bug (Yang et al. 2019)\n",
		      f);
	if (ta->batch_growth >= IV_THEORY_BATCH_GROWTH_SAY &&
	    ta->batch_growth <= IV_THEORY_BATCH_GROWTH_MAX)
		fprintf(f,
			"  batch norm over a batch of %zu: the mean field is an "
			"infinite batch's; to\n  layer 1 the gradients grow "
			"about x%.3g more than it says (Yang et al. 2019)\n",
			cfg->batch, ta->batch_growth);
	if (!(ta->batch_growth <= IV_THEORY_BATCH_GROWTH_MAX)) {
		size_t k = iv_theory_grad_floor(x->theory, L);
		fprintf(f,
			"  batch norm over a batch of %zu: the mean field of an "
			"infinite batch\n",
			cfg->batch);
		if (isinf(ta->batch_growth))
			fprintf(f,
				"  predicts the gradients %s layer %zu only; "
				"below, they grow %s\n  beyond what it says "
				"(Yang et al. 2019)\n",
				k == L ? "at" : "down to", k,
				cfg->batch <= 3 ? "without bound"
						: "over 1e308 times");
		else
			fprintf(f,
				"  predicts the gradients down to layer %zu "
				"only; to layer 1 they grow about\n  x%.3g "
				"more than it says (Yang et al. 2019)\n",
				k, ta->batch_growth);
	}
}

/* Criticality, and the training summary. */
static void analysis(FILE *f, const iv_net *net, const cli_analysis *x)
{
	const iv_config *cfg = iv_net_config(net);
	size_t L = iv_net_depth(net);
	if (x->theory && x->no_criticality)
		arch_field(f, net, x);
	else if (x->theory)
		mean_field(f, cfg, &x->crit);
	else if (x->no_theory)
		fprintf(f,
			"\nmean field: none: %s weights are not independent "
			"zero-mean random\nnumbers, which the theory assumes\n",
			iv_init_name(cfg->init));
	if (x->ntrain) {
		size_t k = x->ntrain - 1, lo = SIZE_MAX, hi = 0;
		bool all = true; /* every neuron of every layer distinct */
		for (size_t l = 0; l < L; l++) {
			size_t d = x->train_distinct[k * L + l];
			lo = d < lo ? d : lo;
			hi = d > hi ? d : hi;
			all = all && d == (size_t)cfg->widths[l + 1];
		}
		char a[32], b[32];
		fprintf(f,
			/* two lines: one passed 80 columns with 3-digit
			 * counts (lesson 9: 84) */
			"training: %zu step%s at lr %g, loss %s -> %s\n"
			"distinct neurons after training: ",
			x->train_step[k], plural(x->train_step[k]), x->train_lr,
			num(x->train_loss[0], 4, a, sizeof a),
			num(x->train_loss[k], 4, b, sizeof b));
		if (x->train_nonfinite) /* NaN columns all compare alike: a
					 * count says nothing, as in the view */
			fprintf(f, "not counted (NaN or Inf in %zu layer%s)\n",
				x->train_nonfinite, plural(x->train_nonfinite));
		else if (lo == hi)
			fprintf(f, "%zu in every layer\n", lo);
		else if (all) /* layers of several widths */
			fprintf(f, "all, in every layer (%zu to %zu)\n", lo,
				hi);
		else
			fprintf(f, "%zu to %zu, by layer\n", lo, hi);
		if (x->train_stopped)
			fprintf(f,
				"training stopped at step %zu: the loss is not "
				"finite, so it has no update to take\n",
				x->train_step[k]);
		if (x->train_step[k] > 0) /* else no update to show */
			ratios(f, x, L);
	}
}

#define COMMAND_COLS 80

/* A word of n bytes from column col, followed by room for `after`
 * columns (the " \\" of a break after it; 0 for the last word); a word
 * too long for a line (an unquoted --widths list) goes on in the next
 * line's first column after a backslash, which the shell removes with the
 * newline. */
static int command_word(FILE *f, int col, const char *w, int n, int after)
{
	bool quoted = memchr(w, '\'', (size_t)n) != NULL;
	while (!quoted && col + n + after > COMMAND_COLS) {
		int k = COMMAND_COLS - 2 - col;
		fprintf(f, "%.*s\\\n", k, w);
		w += k;
		n -= k;
		col = 0;
	}
	return col + fprintf(f, "%.*s", n, w);
}

/* "command: initviz ..." in lines of at most 80 columns, broken at spaces
 * with a backslash, so that it still pastes into a shell. */
static void command(FILE *f, const char *cmd)
{
	const char *p = cmd;
	int col = fprintf(f, "command:");
	while (*p) {
		const char *sp = strchr(p, ' ');
		int n = sp ? (int)(sp - p) : (int)strlen(p);
		if (col > 2 && col + 1 + n + (sp ? 2 : 0) > COMMAND_COLS &&
		    n + 4 <= COMMAND_COLS)
			col = fprintf(f, " \\\n ");
		fputc(' ', f);
		col = command_word(f, col + 1, p, n, sp ? 2 : 0);
		p += n;
		while (*p == ' ')
			p++;
	}
	fputc('\n', f);
}

int cli_report_table(FILE *f, const iv_net *net, bool utf8,
		     const cli_analysis *x)
{
	const iv_config *c = iv_net_config(net);
	size_t L = iv_net_depth(net), idx[CLI_TABLE_ROWS];
	size_t n = cli_table_rows(L, CLI_TABLE_ROWS, idx);
	bool sat = iv_act_saturates(c->act);
	size_t bad = 0;
	header(f, c);
	if (x && x->command)
		command(f, x->command);
	fprintf(f,
		"\nlayer  units weight std   act mean    act std   grad std"
		" %10s  distinct\n",
		sat ? "saturated" : "dead units");
	size_t dashes = 0;
	for (size_t i = 0; i < n; i++) {
		row(f, iv_net_layer(net, idx[i]), sat);
		dashes += uncounted(iv_net_layer(net, idx[i]));
	}
	for (size_t l = 1; l <= L; l++)
		bad += iv_health_nonfinite(iv_net_layer(net, l));
	if (n < L)
		fprintf(f,
			"(showing %zu of %zu layers, evenly spaced; "
			"--format=csv or json lists all)\n",
			n, L);
	if (bad)
		fprintf(f,
			"(!: NaN or Inf values; %zu of %zu layer%s %s "
			"them)\n",
			bad, L, plural(L), bad == 1 ? "has" : "have");
	if (dashes)
		fprintf(f, "(distinct -: not counted where a layer's activations "
			   "hold NaN or Inf)\n");
	sparklines(f, net, utf8);
	if (x)
		analysis(f, net, x);
	return ferror(f) ? -1 : 0;
}
