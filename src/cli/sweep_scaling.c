/* SPDX-License-Identifier: MIT */
/* Width groups of a sweep, their slopes, check lines, JSON and table. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "cli/report.h"
#include "cli/sweep_scaling.h"

#define LABEL_MAX    256
#define TABLE_LAYERS 12 /* layer rows per group in the table */

static double width_of(const cli_sweep_run *r, size_t i)
{
	return (double)r->cfg[i].width;
}

/* Insert configuration i into g's members, by width ascending. */
static void insert(cli_width_group *g, const cli_sweep_run *r, size_t i)
{
	size_t k = g->n++;
	while (k > 0 && width_of(r, g->member[k - 1]) > width_of(r, i)) {
		g->member[k] = g->member[k - 1];
		k--;
	}
	g->member[k] = i;
}

/* Slopes of layer l's values (one per member) against width. */
static void fit(const cli_width_group *g, const cli_sweep_run *r, size_t l,
		bool change, cli_slope *out)
{
	double w[CLI_SWEEP_POINTS], y[CLI_SWEEP_POINTS];
	for (size_t k = 0; k < g->n; k++) {
		const cli_sweep_result *s = &r->res[g->member[k]];
		w[k] = width_of(r, g->member[k]);
		y[k] = change ? s->change[l] : s->act_rms[l];
	}
	cli_slope_fit(w, y, g->n, out);
}

/* Group configurations by their label without width: a configuration
 * joins the group of the first earlier one with the same label. */
static void group(cli_width_scaling *w, const cli_sweep_run *r)
{
	char a[LABEL_MAX], b[LABEL_MAX];
	for (size_t i = 0; i < r->n; i++) {
		w->group_of[i] = w->ngroups;
		cli_sweep_label_except(&r->o->sweep, i, "width", a, sizeof a);
		for (size_t j = 0; j < i; j++) {
			cli_sweep_label_except(&r->o->sweep, j, "width", b,
					       sizeof b);
			if (strcmp(a, b) == 0) {
				w->group_of[i] = w->group_of[j];
				break;
			}
		}
		if (w->group_of[i] == w->ngroups)
			w->ngroups++;
	}
	for (size_t k = 0; k < w->ngroups; k++)
		w->g[k] = (cli_width_group){.member = w->members + k * r->n};
	for (size_t i = 0; i < r->n; i++) {
		cli_width_group *g = &w->g[w->group_of[i]];
		g->depth = r->res[i].depth;
		insert(g, r, i);
	}
}

int cli_width_scaling_compute(cli_width_scaling *w, const cli_sweep_run *r)
{
	*w = (cli_width_scaling){0};
	if (!cli_sweep_find(&r->o->sweep, "width"))
		return 0;
	w->g = calloc(r->n, sizeof *w->g);
	w->group_of = malloc(r->n * sizeof *w->group_of);
	w->members = malloc(r->n * r->n * sizeof *w->members);
	if (!w->g || !w->group_of || !w->members)
		return -1;
	group(w, r);
	for (size_t k = 0; k < w->ngroups; k++) {
		cli_width_group *g = &w->g[k];
		bool trained = r->res[g->member[0]].change != NULL,
		     stopped = false;
		for (size_t m = 0; m < g->n; m++)
			stopped |= r->res[g->member[m]].stopped;
		g->act = malloc(g->depth * sizeof *g->act);
		g->change =
		    trained ? malloc(g->depth * sizeof *g->change) : NULL;
		if (!g->act || (trained && !g->change))
			return -1;
		for (size_t l = 0; l < g->depth; l++) {
			fit(g, r, l, false, &g->act[l]);
			/* a width whose training stopped early changed its
			 * activations over fewer steps than the others: no
			 * slope compares them */
			if (trained && stopped) {
				g->change[l] = (cli_slope){.n = g->n};
				cli_slope_undefined(&g->change[l],
						    "training stopped early at "
						    "some width (loss not "
						    "finite)");
			} else if (trained) {
				fit(g, r, l, true, &g->change[l]);
			}
		}
	}
	return 0;
}

void cli_width_scaling_done(cli_width_scaling *w)
{
	for (size_t k = 0; w->g && k < w->ngroups; k++) {
		free(w->g[k].act);
		free(w->g[k].change);
	}
	free(w->g);
	free(w->group_of);
	free(w->members);
	*w = (cli_width_scaling){0};
}

/* "[std=0.05] " for a group with other knobs, else "". */
static void prefix(const cli_width_scaling *w, const cli_sweep_run *r, size_t k,
		   char *buf, size_t len)
{
	char label[LABEL_MAX];
	cli_sweep_label_except(&r->o->sweep, w->g[k].member[0], "width", label,
			       sizeof label);
	snprintf(buf, len, *label ? "[%s] " : "%s", label);
}

/* The layers whose verdict is v, settled or with no interval to settle it
 * (two widths): one whose 95% interval crosses the limit is a point
 * estimate that the networks' spread may have made (deep narrow He + relu
 * networks' last layers), no evidence that the scale changes with width. */
static size_t check_dir(const cli_width_group *g, const char *pre,
			cli_verdict v, FILE *err)
{
	size_t count = 0, first = 0;
	for (size_t l = g->depth; l-- > 0;)
		if (g->act[l].verdict == v && g->act[l].settled != 0) {
			count++;
			first = l;
		}
	if (!count)
		return 0;
	if (err)
		fprintf(err,
			"initviz: check: %sactivations %s with width in %zu "
			"of %zu layers (first: layer %zu, rms ~ width^%.3g; "
			"limit: |exponent| <= %g)\n",
			pre, v == CLI_VERDICT_GROWING ? "grow" : "shrink",
			count, g->depth, first + 1, g->act[first].slope,
			CLI_SLOPE_LIMIT);
	return 1;
}

size_t cli_width_scaling_check(const cli_width_scaling *w,
			       const cli_sweep_run *r, FILE *err)
{
	size_t problems = 0;
	for (size_t k = 0; k < w->ngroups; k++) {
		char pre[LABEL_MAX + 4];
		prefix(w, r, k, pre, sizeof pre);
		problems += check_dir(&w->g[k], pre, CLI_VERDICT_GROWING, err);
		problems +=
		    check_dir(&w->g[k], pre, CLI_VERDICT_SHRINKING, err);
	}
	return problems;
}

static void num(FILE *f, double v)
{
	char buf[32];
	fputs(cli_report_number(v, buf, sizeof buf) ? buf : "null", f);
}

static void slopes_json(FILE *f, const char *key, const cli_slope *s,
			size_t depth)
{
	fprintf(f, ",\n    \"%s\": [", key);
	for (size_t l = 0; l < depth; l++) {
		fprintf(f,
			"%s\n      {\"layer\": %zu, \"slope\": ", l ? "," : "",
			l + 1);
		num(f, s[l].slope);
		fputs(", \"stderr\": ", f);
		num(f, s[l].se);
		fputs(", \"ci95\": ", f);
		if (isnan(s[l].lo)) {
			fputs("null", f);
		} else {
			fputc('[', f);
			num(f, s[l].lo);
			fputs(", ", f);
			num(f, s[l].hi);
			fputc(']', f);
		}
		fprintf(f, ", \"verdict\": \"%s\", \"settled\": %s",
			cli_verdict_name(s[l].verdict),
			s[l].settled < 0 ? "null"
			: s[l].settled   ? "true"
					 : "false");
		if (s[l].why)
			fprintf(f, ", \"reason\": \"%s\"", s[l].why);
		fputc('}', f);
	}
	fputs("]", f);
}

void cli_width_scaling_json(FILE *f, const cli_width_scaling *w,
			    const cli_sweep_run *r, size_t i)
{
	if (!w->ngroups)
		return;
	const cli_width_group *g = &w->g[w->group_of[i]];
	fputs(",\n  \"width_scaling\": {\"widths\": [", f);
	for (size_t k = 0; k < g->n; k++)
		fprintf(f, "%s%zu", k ? ", " : "", r->cfg[g->member[k]].width);
	fputs("], \"slope_limit\": ", f);
	num(f, CLI_SLOPE_LIMIT);
	slopes_json(f, "activation_rms", g->act, g->depth);
	if (g->change)
		slopes_json(f, "activation_change", g->change, g->depth);
	fputs("}", f);
}

static void slope_row(FILE *f, size_t layer, const cli_slope *s)
{
	fprintf(f, "%7zu", layer);
	if (isnan(s->slope)) {
		fprintf(f, "  %8s  %8s  %-20s  undefined: %s\n", "-", "-", "-",
			s->why);
		return;
	}
	char ci[48] = "-", se[16] = "-";
	if (!isnan(s->lo))
		snprintf(ci, sizeof ci, "[%.3f, %.3f]", s->lo, s->hi);
	if (!isnan(s->se))
		snprintf(se, sizeof se, "%.3f", s->se);
	fprintf(f, "  %8.3f  %8s  %-20s  %s%s\n", s->slope, se, ci,
		cli_verdict_name(s->verdict),
		s->settled == 0 ? " (unsettled)" : "");
}

static void slopes_table(FILE *f, const char *what, const cli_slope *s,
			 size_t depth, const char *pre)
{
	size_t idx[TABLE_LAYERS], n = cli_table_rows(depth, TABLE_LAYERS, idx);
	fprintf(f,
		"\n%s%s ~ width^slope (|slope| <= %g: flat):\n"
		"  layer     slope   std err  95%% interval         verdict\n",
		pre, what, CLI_SLOPE_LIMIT);
	bool unsettled = false;
	for (size_t k = 0; k < n; k++) {
		slope_row(f, idx[k], &s[idx[k] - 1]);
		unsettled |= s[idx[k] - 1].settled == 0;
	}
	if (unsettled)
		fputs("  (unsettled: the 95% interval crosses the limit, the "
		      "slope alone decided)\n",
		      f);
	if (n < depth)
		fprintf(f, "  (%zu of %zu layers; --format=json lists all)\n",
			n, depth);
}

void cli_width_scaling_table(FILE *f, const cli_width_scaling *w,
			     const cli_sweep_run *r)
{
	for (size_t k = 0; k < w->ngroups; k++) {
		const cli_width_group *g = &w->g[k];
		char pre[LABEL_MAX + 4];
		prefix(w, r, k, pre, sizeof pre);
		slopes_table(f, "activation rms", g->act, g->depth, pre);
		if (g->change)
			slopes_table(f, "change of the activations in training",
				     g->change, g->depth, pre);
	}
}
