/* SPDX-License-Identifier: MIT */
/* --sweep specs: the knob table, value lists and ranges, the grid. */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <initviz/tables.h>
#include "cli/fail.h"
#include "cli/opts.h"
#include "cli/report.h"
#include "cli/sweep.h"

static const char *no_std(const iv_config *c)
{
	return iv_init_uses_std(c->init)
		   ? NULL
		   : "std is used by normal, uniform and trunc-normal";
}

static const char *no_gain(const iv_config *c)
{
	return iv_init_uses_gain(c->init)
		   ? NULL
		   : "gain scales xavier-*, he-*, lecun-*, orthogonal and "
		     "identity";
}

static const char *no_bias(const iv_config *c)
{
	return iv_init_is_preset(c->init)
		   ? "a preset draws its framework's biases, not --bias-std's"
		   : NULL;
}

static const char *no_blocks(const iv_config *c)
{
	return c->residual ? NULL : "res-scale scales residual blocks";
}

const cli_knob cli_knobs[] = {
    {"width", "width", true, true, NULL},
    {"depth", "depth", true, true, NULL},
    {"batch", "batch", true, true, NULL},
    {"std", "std", false, false, no_std},
    {"gain", "gain", false, false, no_gain},
    {"bias-std", "bias_std", false, false, no_bias},
    {"res-scale", "res_scale", false, false, no_blocks},
};
const size_t cli_knob_count = sizeof cli_knobs / sizeof cli_knobs[0];
_Static_assert(sizeof cli_knobs / sizeof cli_knobs[0] <= CLI_SWEEP_AXES,
	       "raise CLI_SWEEP_AXES");

static const cli_knob *knob_named(const char *name, size_t n)
{
	for (size_t i = 0; i < cli_knob_count; i++)
		if (strlen(cli_knobs[i].name) == n &&
		    strncmp(cli_knobs[i].name, name, n) == 0)
			return &cli_knobs[i];
	return NULL;
}

static void knob_names(char *buf, size_t len)
{
	size_t used = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < cli_knob_count && used < len; i++)
		used += (size_t)snprintf(buf + used, len - used, "%s%s",
					 i ? ", " : "", cli_knobs[i].name);
}

/* Append value v (text t) to the axis, checked by the knob's option. */
static int push(cli_sweep_axis *a, const char *t, char *err, size_t len)
{
	iv_config scratch;
	char msg[512];
	double v;
	iv_config_defaults(&scratch);
	if (cli_apply_setting(&scratch, a->knob->name, t, msg, sizeof msg))
		return cli_fail(err, len, "--sweep=%s: %s", a->knob->name, msg);
	if (a->n == CLI_SWEEP_POINTS)
		return cli_fail(err, len,
				"--sweep=%s: more than %d values; at most "
				"%d per knob",
				a->knob->name, CLI_SWEEP_POINTS,
				CLI_SWEEP_POINTS);
	iv_parse_double(t, -HUGE_VAL, HUGE_VAL, &v); /* the option took it */
	char canon[32]; /* "064" is 64, "0.050" is 0.05 */
	if (a->knob->integer)
		snprintf(canon, sizeof canon, "%.0f", v);
	else
		cli_report_number(v, canon, sizeof canon);
	for (size_t i = 0; i < a->n; i++)
		if (a->v[i] == v)
			return cli_fail(err, len,
					"--sweep=%s: the value %s is given "
					"twice",
					a->knob->name, canon);
	a->v[a->n] = v;
	snprintf(a->text[a->n++], CLI_SWEEP_TEXT, "%s", canon);
	return 0;
}

/* V1,V2,...: each value as the option reads it. */
static int list(cli_sweep_axis *a, const char *s, char *err, size_t len)
{
	for (const char *p = s;;) {
		size_t n = strcspn(p, ",");
		char t[CLI_SWEEP_TEXT];
		if (n == 0)
			return cli_fail(err, len,
					"--sweep=%s: an empty value in the "
					"list \"%.*s%s\"",
					a->knob->name, CLI_QUOTE(s, strlen(s)));
		if (n >= sizeof t)
			return cli_fail(err, len,
					"--sweep=%s: the value \"%.*s%s\" "
					"is too long",
					a->knob->name, CLI_QUOTE(p, n));
		memcpy(t, p, n);
		t[n] = '\0';
		if (push(a, t, err, len))
			return 2;
		if (!p[n])
			return 0;
		p += n + 1;
	}
}

/* A number of a range spec: the n characters at s. */
static bool number(const char *s, size_t n, double *v)
{
	char t[64];
	if (n == 0 || n >= sizeof t)
		return false;
	memcpy(t, s, n);
	t[n] = '\0';
	return iv_parse_double(t, -1e300, 1e300, v);
}

/* The step sign of FROM..TO*F or FROM..TO+S: the last '*', else the last
 * '+' that is not an exponent's sign. */
static const char *step_sign(const char *s)
{
	const char *star = strrchr(s, '*');
	if (star)
		return star;
	for (const char *p = s + strlen(s); p-- > s;)
		if (*p == '+' && p > s && p[-1] != 'e' && p[-1] != 'E')
			return p;
	return NULL;
}

/* Value k of the range as the option would take it: integers rounded,
 * reals to 12 significant digits (0.1*3 is "0.3"). */
static void range_text(const cli_sweep_axis *a, double v, char *t)
{
	if (a->knob->integer)
		snprintf(t, CLI_SWEEP_TEXT, "%.0f", round(v));
	else
		snprintf(t, CLI_SWEEP_TEXT, "%.12g", v);
}

static int range(cli_sweep_axis *a, const char *s, const char *dots, char *err,
		 size_t len)
{
	const char *name = a->knob->name, *op = step_sign(dots + 2);
	double from, to, step;
	/* "4...8": TO would read ".8" and be refused as below FROM */
	if (!op || dots[2] == '.' || !number(s, (size_t)(dots - s), &from) ||
	    !number(dots + 2, (size_t)(op - dots - 2), &to) ||
	    !number(op + 1, strlen(op + 1), &step))
		return cli_fail(err, len,
				"--sweep=%s: a range is FROM..TO*FACTOR or "
				"FROM..TO+STEP with numbers (got \"%.*s%s\")",
				name, CLI_QUOTE(s, strlen(s)));
	bool times = *op == '*';
	if (from > to)
		return cli_fail(err, len,
				"--sweep=%s: FROM must not be above TO (got "
				"\"%.*s%s\")",
				name, CLI_QUOTE(s, strlen(s)));
	if (times && !(step > 1))
		return cli_fail(err, len,
				"--sweep=%s: FACTOR must be above 1 (got "
				"\"%.*s%s\")",
				name, CLI_QUOTE(op + 1, strlen(op + 1)));
	if (!times && !(step > 0))
		return cli_fail(err, len,
				"--sweep=%s: STEP must be above 0 (got "
				"\"%.*s%s\")",
				name, CLI_QUOTE(op + 1, strlen(op + 1)));
	if (times && !(from > 0))
		return cli_fail(err, len,
				"--sweep=%s: FROM of FROM..TO*FACTOR must be "
				"above 0 (got \"%.*s%s\")",
				name, CLI_QUOTE(s, strlen(s)));
	/* 1e-9: a TO that FROM*FACTOR^k reaches up to rounding counts; the
	 * logs apart, as TO/FROM may pass a double's range (1e-300..1e300) */
	double count =
	    times ? floor((log(to) - log(from)) / log(step) + 1e-9) + 1
		  : floor((to - from) / step + 1e-9) + 1;
	if (!(count <= CLI_SWEEP_POINTS)) {
		/* a tiny STEP or a range past a double's (count inf) would
		 * print hundreds of digits or "inf" */
		char many[32] = "over a billion";
		if (count < 1e9)
			snprintf(many, sizeof many, "%.0f", count);
		return cli_fail(err, len,
				"--sweep=%s: \"%.*s%s\" gives %s values; "
				"at most %d per knob",
				name, CLI_QUOTE(s, strlen(s)), many,
				CLI_SWEEP_POINTS);
	}
	char prev[CLI_SWEEP_TEXT] = "";
	for (size_t k = 0; k < (size_t)count; k++) {
		char t[CLI_SWEEP_TEXT];
		double kk = (double)k, f = pow(step, kk);
		/* FACTOR^k past a double's range where FROM*FACTOR^k is not:
		 * by logs, exact to the 12 digits the text keeps */
		double v = !times     ? from + kk * step
			   : isinf(f) ? exp(log(from) + kk * log(step))
				      : from * f;
		range_text(a, v, t);
		if (strcmp(t, prev) == 0) /* integers: 1..3*1.2 rounds to 1 1 */
			continue;
		snprintf(prev, sizeof prev, "%s", t);
		if (push(a, t, err, len))
			return 2;
	}
	return 0;
}

int cli_sweep_add(cli_sweep *s, const char *spec, char *err, size_t errlen)
{
	char names[256];
	const char *colon = strchr(spec, ':');
	knob_names(names, sizeof names);
	if (!colon)
		return cli_fail(
		    err, errlen,
		    "--sweep must be KNOB:V1,V2,..., KNOB:FROM..TO*FACTOR "
		    "or KNOB:FROM..TO+STEP, KNOB one of %s (got \"%.*s%s\")",
		    names, CLI_QUOTE(spec, strlen(spec)));
	const cli_knob *k = knob_named(spec, (size_t)(colon - spec));
	if (!k)
		return cli_fail(
		    err, errlen,
		    "--sweep: unknown knob \"%.*s%s\" (knobs: "
		    "%s)",
		    CLI_QUOTE(spec, (size_t)(colon - spec)), names);
	for (size_t i = 0; i < s->naxes; i++)
		if (s->axis[i].knob == k)
			return cli_fail(err, errlen,
					"--sweep=%s is given twice: give "
					"each knob once, with all its values",
					k->name);
	const char *v = colon + 1;
	if (!*v)
		return cli_fail(err, errlen,
				"--sweep=%s: no values after the colon "
				"(e.g. %s:1,2,4 or %s:1..16*2)",
				k->name, k->name, k->name);
	cli_sweep_axis *a = &s->axis[s->naxes];
	a->knob = k;
	a->n = 0;
	const char *dots = strstr(v, "..");
	if (dots ? range(a, v, dots, err, errlen) : list(a, v, err, errlen))
		return 2;
	size_t total = cli_sweep_count(s) * a->n;
	if (total > CLI_SWEEP_MAX)
		return cli_fail(err, errlen,
				"--sweep: the grid has %zu "
				"configurations; at most %d",
				total, CLI_SWEEP_MAX);
	s->naxes++;
	return 0;
}

size_t cli_sweep_count(const cli_sweep *s)
{
	size_t n = 1;
	for (size_t i = 0; i < s->naxes; i++)
		n *= s->axis[i].n;
	return n;
}

int cli_sweep_usable(const cli_sweep *s, const iv_config *base, char *err,
		     size_t errlen)
{
	for (size_t i = 0; i < s->naxes; i++) {
		const cli_knob *k = s->axis[i].knob;
		const char *why = k->unused ? k->unused(base) : NULL;
		if (k->shape && base->nwidths &&
		    (strcmp(k->name, "width") == 0 ||
		     strcmp(k->name, "depth") == 0))
			return cli_fail(
			    err, errlen,
			    "--sweep=%s conflicts with "
			    "--widths: sweep %s with --depth and --width",
			    k->name, k->name);
		if (why && !base->residual && strcmp(k->name, "res-scale") == 0)
			return cli_fail(err, errlen,
					"--sweep=%s does nothing "
					"without --residual: %s",
					k->name, why);
		if (why)
			return cli_fail(err, errlen,
					"--sweep=%s does nothing with "
					"--init=%s: %s",
					k->name, iv_init_name(base->init), why);
	}
	return 0;
}

/* Index of configuration i along each axis, the last varying fastest. */
static void indices(const cli_sweep *s, size_t i, size_t *idx)
{
	for (size_t a = s->naxes; a-- > 0;) {
		idx[a] = i % s->axis[a].n;
		i /= s->axis[a].n;
	}
}

int cli_sweep_config(const cli_sweep *s, size_t i, const iv_config *base,
		     iv_config *out, size_t *idx, char *err, size_t errlen)
{
	size_t own[CLI_SWEEP_AXES];
	if (!idx)
		idx = own;
	indices(s, i, idx);
	*out = *base;
	for (size_t a = 0; a < s->naxes; a++) {
		const cli_sweep_axis *x = &s->axis[a];
		if (cli_apply_setting(out, x->knob->name, x->text[idx[a]], err,
				      errlen))
			return 2;
	}
	return 0;
}

void cli_sweep_label(const cli_sweep *s, size_t i, char *buf, size_t len)
{
	cli_sweep_label_except(s, i, NULL, buf, len);
}

void cli_sweep_label_except(const cli_sweep *s, size_t i, const char *skip,
			    char *buf, size_t len)
{
	size_t idx[CLI_SWEEP_AXES], used = 0;
	indices(s, i, idx);
	buf[0] = '\0';
	for (size_t a = 0; a < s->naxes && used < len; a++) {
		const char *name = s->axis[a].knob->name;
		if (skip && strcmp(name, skip) == 0)
			continue;
		used += (size_t)snprintf(buf + used, len - used, "%s%s=%s",
					 used ? " " : "", name,
					 s->axis[a].text[idx[a]]);
	}
}

size_t cli_sweep_index(const cli_sweep *s, size_t i, const char *name)
{
	size_t idx[CLI_SWEEP_AXES];
	indices(s, i, idx);
	for (size_t a = 0; a < s->naxes; a++)
		if (strcmp(s->axis[a].knob->name, name) == 0)
			return idx[a];
	return 0;
}

const cli_sweep_axis *cli_sweep_find(const cli_sweep *s, const char *name)
{
	for (size_t a = 0; a < s->naxes; a++)
		if (strcmp(s->axis[a].knob->name, name) == 0)
			return &s->axis[a];
	return NULL;
}
