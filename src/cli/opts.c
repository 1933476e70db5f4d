/* SPDX-License-Identifier: MIT */
/* Parse argv with getopt_long against the option table; strict values. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <initviz/tables.h>
#include "cli/fail.h"
#include "cli/opts.h"
#include "cli/opts_table.h"

#define VAL_BASE 256 /* getopt value of a long-only option: base + index */

static int opt_val(size_t i)
{
	return cli_opt_table[i].shortc ? cli_opt_table[i].shortc
				       : VAL_BASE + (int)i;
}

static const struct opt *find(int val)
{
	for (size_t i = 0; i < cli_opt_count; i++)
		if (cli_opt_table[i].kind != K_SECTION && opt_val(i) == val)
			return &cli_opt_table[i];
	return NULL;
}

static void build(struct option *lo, char *shorts)
{
	size_t n = 0;
	*shorts++ = ':'; /* ':' for a missing value, '?' for the rest */
	for (size_t i = 0; i < cli_opt_count; i++) {
		const struct opt *op = &cli_opt_table[i];
		if (op->kind == K_SECTION)
			continue;
		bool arg = op->kind != K_FLAG;
		lo[n++] = (struct option){op->name,
					  arg ? required_argument : no_argument,
					  NULL, opt_val(i)};
		if (op->shortc) {
			*shorts++ = (char)op->shortc;
			if (arg)
				*shorts++ = ':';
		}
	}
	lo[n] = (struct option){0};
	*shorts = '\0';
}

/* A flag: set by the option (no value); as a setting (a lesson file's
 * "residual = 1", a claim's "with residual=0") its value says on or off,
 * and any other word is refused ("residual = no" turned the blocks on). */
static bool flag(const char *arg, bool *p)
{
	static const char *const on[] = {"1", "yes", "true", "on"};
	static const char *const off[] = {"0", "no", "false", "off"};
	if (!arg) {
		*p = true;
		return true;
	}
	for (size_t i = 0; i < sizeof on / sizeof on[0]; i++)
		if (strcmp(arg, on[i]) == 0 || strcmp(arg, off[i]) == 0) {
			*p = strcmp(arg, on[i]) == 0;
			return true;
		}
	return false;
}

static bool apply(const struct opt *op, const char *arg, cli_opts *o)
{
	void *p = (char *)o + op->off;
	iv_range r = cli_opt_range(op);
	switch (op->kind) {
	case K_INIT: return iv_init_parse(arg, p);
	case K_ACT: return iv_act_parse(arg, p);
	case K_MODE: return iv_mode_parse(arg, p);
	case K_INPUT: return iv_input_parse(arg, p);
	case K_NORM: return iv_norm_parse(arg, p);
	case K_FORMAT: return cli_format_parse(arg, p);
	case K_SIZE: return iv_range_size(&r, arg, p);
	case K_SEED: return iv_range_ulong(&r, arg, p);
	case K_REAL: return iv_range_real(&r, arg, p);
	case K_BYTES: return cli_parse_bytes(arg, p);
	case K_WIDTHS:
		if (!cli_parse_widths(arg, o->cfg.widths, &o->cfg.nwidths))
			return false;
		o->cfg.depth = o->cfg.nwidths - 1;
		return true;
	case K_FLAG: return flag(arg, p);
	case K_PATH: *(const char **)p = arg; return *arg != '\0';
	default: return false;
	}
}

/* A getopt error: unknown option, missing value or unwanted value. */
static int getopt_error(int c, char **argv, char *err, size_t len)
{
	const struct opt *op = find(optopt);
	const char *word = argv[optind - 1];
	if (c == ':' && op)
		return cli_fail(err, len, "--%s needs a value", op->name);
	if (op && op->kind == K_FLAG && strncmp(word, "--", 2) == 0)
		return cli_fail(err, len,
				"--%s takes no value (got \"%.*s%s\")",
				op->name, CLI_QUOTE(word, strlen(word)));
	if (optopt && optopt < VAL_BASE)
		return cli_fail(err, len,
				"unknown option \"-%c\" (see initviz --help)",
				optopt);
	/* a prefix of several long options: name them */
	char which[256] = "";
	size_t n = 0, k = 0, used = 0;
	if (strncmp(word, "--", 2) == 0) {
		const char *name = word + 2;
		n = strcspn(name, "=");
		for (size_t i = 0; n && i < cli_opt_count; i++)
			k += cli_opt_table[i].kind != K_SECTION &&
			     strncmp(cli_opt_table[i].name, name, n) == 0;
		for (size_t i = 0, j = 0; k > 1 && i < cli_opt_count; i++) {
			const struct opt *o = &cli_opt_table[i];
			if (o->kind == K_SECTION ||
			    strncmp(o->name, name, n) != 0 ||
			    used >= sizeof which)
				continue;
			const char *sep = j == 0       ? ""
					  : j + 1 == k ? " or "
						       : ", ";
			j++;
			used +=
			    (size_t)snprintf(which + used, sizeof which - used,
					     "%s--%s", sep, o->name);
		}
	}
	if (k > 1)
		return cli_fail(err, len,
				"ambiguous option \"%.*s%s\": %s (see "
				"initviz --help)",
				CLI_QUOTE(word, n + 2), which);
	return cli_fail(err, len,
			"unknown option \"%.*s%s\" (see initviz --help)",
			CLI_QUOTE(word, strlen(word)));
}

static int bad_value(const struct opt *op, const char *arg, char *err,
		     size_t len)
{
	char allowed[512];
	cli_opt_allowed(op, allowed, sizeof allowed);
	if (op->kind == K_PATH)
		return cli_fail(err, len, "--%s needs %s", op->name, allowed);
	return cli_fail(err, len, "--%s must be %s (got \"%.*s%s\")", op->name,
			allowed, CLI_QUOTE(arg, strlen(arg)));
}

/* Checks across options, once all of them are read. */
static int finish(cli_opts *o, int argc, char **argv, char *err, size_t len)
{
	if (optind < argc)
		return cli_fail(err, len,
				"unexpected argument \"%.*s%s\" (options "
				"start with --; see initviz --help)",
				CLI_QUOTE(argv[optind], strlen(argv[optind])));
	if (o->widths_set && (o->depth_set || o->width_set))
		return cli_fail(err, len,
				"--widths conflicts with --%s: give "
				"either --widths or --depth and --width",
				o->depth_set ? "depth" : "width");
	/* the view's files are silently unused by a report: a script that
	 * gives both has a mistake worth hearing about */
	if (o->report && o->tui.keys)
		return cli_fail(err, len,
				"--keys plays keys in the interactive view; "
				"--%s makes a report, which reads none "
				"(drop one of them)",
				o->report_by);
	if (o->report && o->tui.trace)
		return cli_fail(err, len,
				"--trace records the interactive view; "
				"--%s makes a report, which has none to "
				"record (drop one of them)",
				o->report_by);
	if ((o->depth_set || o->width_set) && o->cfg.nwidths) {
		/* over a lesson's --widths: from its depth of layers of its
		 * largest width, as the view's d and w */
		size_t depth = o->cfg.depth, width = o->cfg.width;
		iv_config_uniform(&o->cfg);
		if (o->depth_set)
			o->cfg.depth = depth;
		if (o->width_set)
			o->cfg.width = width;
	}
	return 0;
}

int cli_parse(int argc, char **argv, cli_opts *o, char *err, size_t errlen)
{
	return cli_parse_base(argc, argv, NULL, o, err, errlen);
}

/* Network settings are the rows that write into o->cfg. */
static bool is_setting(const struct opt *op)
{
	/* unsigned: offsets before cfg wrap around to huge values */
	return op->kind != K_SECTION &&
	       op->off - offsetof(cli_opts, cfg) < sizeof(iv_config) &&
	       op->kind != K_BYTES && strcmp(op->name, "bins") != 0;
}

int cli_apply_setting(iv_config *cfg, const char *key, const char *value,
		      char *err, size_t errlen)
{
	cli_opts tmp;
	for (size_t i = 0; i < cli_opt_count; i++) {
		const struct opt *op = &cli_opt_table[i];
		if (!is_setting(op) || strcmp(op->name, key) != 0)
			continue;
		cli_opts_defaults(&tmp);
		tmp.cfg = *cfg;
		if (op->set_off && op->kind != K_WIDTHS) /* depth, width */
			iv_config_uniform(&tmp.cfg);
		if (!apply(op, value, &tmp))
			return bad_value(op, value, err, errlen);
		*cfg = tmp.cfg;
		return 0;
	}
	return cli_fail(err, errlen,
			"unknown setting \"%.*s%s\" (a setting is the "
			"name of a network option, e.g. depth)",
			CLI_QUOTE(key, strlen(key)));
}

int cli_parse_base(int argc, char **argv, const iv_config *base, cli_opts *o,
		   char *err, size_t errlen)
{
	struct option lo[CLI_OPT_MAX + 1];
	char shorts[2 + 2 * CLI_OPT_MAX];
	int c;
	cli_opts_defaults(o);
	if (base)
		o->cfg = *base;
	build(lo, shorts);
	err[0] = '\0';
	optind = 0; /* glibc: a full reset, so tests may parse again */
	opterr = 0;
	while ((c = getopt_long(argc, argv, shorts, lo, NULL)) != -1) {
		const struct opt *op = find(c);
		if (c == '?' || c == ':' || !op)
			return getopt_error(c, argv, err, errlen);
		if (op->kind == K_SWEEP) { /* adds up; its own messages */
			if (cli_sweep_add(&o->sweep, optarg, err, errlen))
				return 2;
			if (!o->report)
				o->report_by = op->name;
			o->report = true;
			continue;
		}
		bool was_report = o->report;
		if (!apply(op, optarg, o))
			return bad_value(op, optarg ? optarg : "", err, errlen);
		if (op->set_off)
			*(bool *)((char *)o + op->set_off) = true;
		o->given |= 1ULL << (op - cli_opt_table);
		o->report |= op->report;
		if (o->report && !was_report) /* --report or one implying it */
			o->report_by = op->name;
	}
	return finish(o, argc, argv, err, errlen);
}
