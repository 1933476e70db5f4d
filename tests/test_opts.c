/* SPDX-License-Identifier: MIT */
/* Command-line parsing: bad command lines are refused with a message naming
 * the option; good ones resolve to the documented values (docs/report.md). */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/opts.h"
#include "cli/opts_table.h"
#include "util/range.h"
#include "check_main.h"

#define LEN(a) (sizeof(a) / sizeof((a)[0]))
#define MAXARGS 8

/* Parse "initviz" + args (NULL-terminated); getopt may permute argv, so
 * it is a fresh array each time. */
static int parse(const char *const *args, cli_opts *o, char *err,
                 size_t len)
{
	char *argv[MAXARGS + 2] = { (char *)"initviz" };
	int argc = 1;
	for (; args[argc - 1] && argc <= MAXARGS; argc++)
		argv[argc] = (char *)args[argc - 1];
	argv[argc] = NULL;
	return cli_parse(argc, argv, o, err, len);
}

/* --- bad command lines ----------------------------------------------- */

struct bad {
	const char *args[5];
	const char *names; /* the message must contain this */
};

static const struct bad bad[] = {
	/* integers: non-numeric, empty, negative, zero, too big, nan, inf,
	 * overflow, trailing garbage, fractions, hex, spaces */
	{ { "--depth=abc" }, "--depth" },
	{ { "--depth=" }, "--depth" },
	{ { "--depth=-3" }, "--depth" },
	{ { "--depth=0" }, "--depth" },
	{ { "--depth=10001" }, "--depth" },
	{ { "--depth=nan" }, "--depth" },
	{ { "--depth=inf" }, "--depth" },
	{ { "--depth=1e400" }, "--depth" },
	{ { "--depth=99999999999999999999999" }, "--depth" },
	{ { "--depth=10x" }, "--depth" },
	{ { "--depth=5.0" }, "--depth" },
	{ { "--depth=0x10" }, "--depth" },
	{ { "--depth= 5" }, "--depth" },
	{ { "--depth=+5" }, "--depth" },
	{ { "-d", "-3" }, "--depth" },
	{ { "--width=0" }, "--width" },
	{ { "--width=65537" }, "--width" },
	{ { "-w", "abc" }, "--width" },
	{ { "--width=-1" }, "--width" },
	{ { "--width=1e3" }, "--width" },
	{ { "--width=99999999999999999999999" }, "--width" },
	{ { "--batch=0" }, "--batch" },
	{ { "--batch=1000001" }, "--batch" },
	{ { "-b", "2.5" }, "--batch" },
	{ { "--batch=" }, "--batch" },
	{ { "--batch=inf" }, "--batch" },
	{ { "--bins=0" }, "--bins" },
	{ { "--bins=10001" }, "--bins" },
	{ { "--bins=x" }, "--bins" },
	{ { "--bins=-40" }, "--bins" },
	{ { "--seed=-1" }, "--seed" },
	{ { "--seed=99999999999999999999999" }, "--seed" },
	{ { "--seed=18446744073709551616" }, "--seed" },
	{ { "--seed=1.5" }, "--seed" },
	{ { "--seed=" }, "--seed" },
	{ { "--seed=abc" }, "--seed" },
	{ { "--seed=nan" }, "--seed" },
	/* reals: sign, nan, inf, overflow, garbage, hex, beyond the engine's
	 * bound of 1e300 */
	{ { "--std=-0.1" }, "--std" },
	{ { "--std=nan" }, "--std" },
	{ { "--std=inf" }, "--std" },
	{ { "--std=1e400" }, "--std" },
	{ { "--std=abc" }, "--std" },
	{ { "--std=" }, "--std" },
	{ { "-s", "0.1x" }, "--std" },
	{ { "--std=0x1p3" }, "--std" },
	{ { "--std=1e301" }, "--std" },
	{ { "--std=1..2" }, "--std" },
	{ { "--value=nan" }, "--value" },
	{ { "--value=-inf" }, "--value" },
	{ { "--value=" }, "--value" },
	{ { "--gain=inf" }, "--gain" },
	{ { "-g", "nan" }, "--gain" },
	{ { "--gain=1e400" }, "--gain" },
	{ { "--gain=--1" }, "--gain" },
	{ { "--gain=-1e400" }, "--gain" },
	{ { "--bias=abc" }, "--bias" },
	{ { "--bias=NaN" }, "--bias" },
	{ { "--bias=99999999999999999999999e300" }, "--bias" },
	{ { "--bias-std=-1" }, "--bias-std" },
	{ { "--bias-std=inf" }, "--bias-std" },
	{ { "--slope=" }, "--slope" },
	{ { "--slope=1e999" }, "--slope" },
	{ { "--slope=Infinity" }, "--slope" },
	/* sizes */
	{ { "--max-memory=-1" }, "--max-memory" },
	{ { "--max-memory=abc" }, "--max-memory" },
	{ { "--max-memory=5X" }, "--max-memory" },
	{ { "--max-memory=" }, "--max-memory" },
	{ { "--max-memory=1e400" }, "--max-memory" },
	{ { "--max-memory=M" }, "--max-memory" },
	{ { "--max-memory=nanG" }, "--max-memory" },
	{ { "--max-memory=1GG" }, "--max-memory" },
	{ { "--max-memory=-2G" }, "--max-memory" },
	{ { "--max-memory=0.5" }, "--max-memory must be 0 (no limit) or a size "
	                          "of at least 1 byte" },
	{ { "--max-memory=0.0001K" }, "--max-memory must be 0 (no limit)" },
	/* names */
	{ { "--init=foo" }, "--init" },
	{ { "-i", "he_normal" }, "--init" },
	{ { "--init=" }, "--init" },
	{ { "--init=glorot-foo" }, "--init" },
	{ { "--init=XAVIER-NORMAL" }, "--init" },
	{ { "--activation=foo" }, "--activation" },
	{ { "-a", "ReLU" }, "--activation" },
	{ { "--activation=" }, "--activation" },
	{ { "--mode=fan" }, "--mode" },
	{ { "--mode=" }, "--mode" },
	{ { "--input=normal" }, "--input" },
	{ { "--format=xml" }, "--format" },
	{ { "--format=" }, "--format" },
	/* --widths */
	{ { "--widths=" }, "--widths" },
	{ { "--widths=3,,4" }, "--widths" },
	{ { "--widths=3,4," }, "--widths" },
	{ { "--widths=,3,4" }, "--widths" },
	{ { "--widths=5" }, "--widths" },
	{ { "--widths=a,b" }, "--widths" },
	{ { "--widths=3,0,4" }, "--widths" },
	{ { "--widths=3,-4" }, "--widths" },
	{ { "--widths=3,65537" }, "--widths" },
	{ { "--widths=3;4" }, "--widths" },
	{ { "--widths=3, 4" }, "--widths" },
	{ { "--widths=3.5,4" }, "--widths" },
	{ { "--widths=3,4x" }, "--widths" },
	{ { "--widths=,," }, "--widths" },
	/* conflicts */
	{ { "--widths=3,4", "--depth=2" }, "--depth" },
	{ { "--width=5", "--widths=3,4" }, "--width" },
	{ { "-d", "1", "--widths=3,4" }, "--widths" },
	/* stray arguments */
	{ { "foo" }, "\"foo\"" },
	{ { "--depth=3", "extra" }, "\"extra\"" },
	{ { "--", "x" }, "\"x\"" },
	{ { "-" }, "\"-\"" },
	/* unknown options; lessons and training with bad values */
	{ { "--foo" }, "--foo" },
	{ { "-x" }, "-x" },
	{ { "--lesson=0" }, "--lesson" },
	{ { "--lesson=x" }, "--lesson" },
	{ { "--lesson=1001" }, "--lesson" },
	{ { "--list-lessons=1" }, "--list-lessons" },
	{ { "--lessons=" }, "--lessons" },
	{ { "--train-steps=-3" }, "--train-steps" },
	{ { "--train-steps=1e3" }, "--train-steps" },
	{ { "--lr=0" }, "--lr" },
	{ { "--lr=-0.1" }, "--lr" },
	{ { "--lr=nan" }, "--lr" },
	/* ambiguous: named with its candidates, without the value */
	{ { "--wid=3" }, "ambiguous option \"--wid\": --width or --widths" },
	{ { "--re" }, "\"--re\": --residual, --res-scale or --report (see" },
	{ { "--r=1" }, "\"--r\": --residual, --res-scale, --report or "
	                "--random-readout (see" },
	{ { "--bogus" }, "unknown option \"--bogus\"" },
	/* values where none belongs, none where one is needed */
	{ { "--report=yes" }, "--report" },
	{ { "--check=1" }, "--check" },
	{ { "--ascii=no" }, "--ascii" },
	{ { "--depth" }, "--depth" },
	{ { "--init" }, "--init" },
	{ { "-d" }, "--depth" },
	{ { "--keys=" }, "--keys" },
	{ { "--trace=" }, "--trace" },
};

START_TEST(bad_command_line_is_refused)
{
	/* given a bad command line, when parsed, then 2 and one line that
	 * names the culprit */
	const struct bad *c = &bad[_i];
	cli_opts o;
	char err[1024];
	int rc = parse(c->args, &o, err, sizeof err);
	ck_assert_msg(rc == 2, "case %d (%s %s): rc %d", _i, c->args[0],
	              c->args[1] ? c->args[1] : "", rc);
	ck_assert_msg(strstr(err, c->names), "case %d: \"%s\" lacks \"%s\"",
	              _i, err, c->names);
	ck_assert_msg(!strchr(err, '\n'), "case %d: more than one line", _i);
}
END_TEST

START_TEST(depth_message_is_exact)
{
	/* the wording of STYLE.md, prefix added by main */
	cli_opts o;
	char err[256];
	const char *a[] = { "--depth=-3", NULL };
	ck_assert_int_eq(parse(a, &o, err, sizeof err), 2);
	ck_assert_str_eq(err,
	                 "--depth must be an integer from 1 to 10000 (got \"-3\")");
}
END_TEST

/* Every allowed name appears in the message about a wrong one. */
START_TEST(names_are_listed)
{
	cli_opts o;
	char err[1024];
	const char *a[] = { "--init=x", NULL }, *b[] = { "-a", "x", NULL };
	const char *m[] = { "--mode=x", NULL }, *in[] = { "--input=x", NULL };
	ck_assert_int_eq(parse(a, &o, err, sizeof err), 2);
	for (int k = 0; k < IV_INIT_COUNT; k++)
		ck_assert_ptr_nonnull(strstr(err, iv_init_name((iv_init_kind)k)));
	ck_assert_ptr_nonnull(strstr(err, "glorot-"));
	ck_assert_ptr_nonnull(strstr(err, "kaiming-"));
	ck_assert_int_eq(parse(b, &o, err, sizeof err), 2);
	for (int k = 0; k < IV_ACT_COUNT; k++)
		ck_assert_ptr_nonnull(strstr(err, iv_act_name((iv_act_kind)k)));
	ck_assert_int_eq(parse(m, &o, err, sizeof err), 2);
	for (int k = 0; k < IV_MODE_COUNT; k++)
		ck_assert_ptr_nonnull(strstr(err, iv_mode_name((iv_fan_mode)k)));
	ck_assert_int_eq(parse(in, &o, err, sizeof err), 2);
	for (int k = 0; k < IV_INPUT_COUNT; k++)
		ck_assert_ptr_nonnull(
			strstr(err, iv_input_name((iv_input_kind)k)));
}
END_TEST

START_TEST(long_value_is_cut_in_message)
{
	char big[4000], arg[4100], err[512];
	cli_opts o;
	memset(big, '7', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	snprintf(arg, sizeof arg, "--depth=%s", big);
	const char *a[] = { arg, NULL };
	ck_assert_int_eq(parse(a, &o, err, sizeof err), 2);
	ck_assert(strlen(err) < 200);
	ck_assert_ptr_nonnull(strstr(err, "--depth"));
}
END_TEST

/* 1001 entries are the most --widths takes; 1002 are refused. */
START_TEST(widths_count_limit)
{
	static char list[IV_WIDTHS_MAX * 2 + 8], arg[sizeof list + 16];
	char err[512];
	cli_opts o;
	size_t n = 0;
	for (int i = 0; i < IV_WIDTHS_MAX; i++)
		n += (size_t)snprintf(list + n, sizeof list - n, "%s3", i ? "," : "");
	snprintf(arg, sizeof arg, "--widths=%s", list);
	const char *a[] = { arg, NULL };
	ck_assert_int_eq(parse(a, &o, err, sizeof err), 0);
	ck_assert_uint_eq(o.cfg.nwidths, IV_WIDTHS_MAX);
	ck_assert_uint_eq(o.cfg.depth, IV_WIDTHS_MAX - 1);
	snprintf(arg, sizeof arg, "--widths=%s,3", list);
	ck_assert_int_eq(parse(a, &o, err, sizeof err), 2);
	ck_assert_ptr_nonnull(strstr(err, "--widths"));
}
END_TEST

/* --- good command lines ---------------------------------------------- */

START_TEST(defaults_match_the_docs)
{
	/* given no options, then the defaults of docs/report.md */
	cli_opts o;
	char err[256];
	const char *a[] = { NULL };
	ck_assert_int_eq(parse(a, &o, err, sizeof err), 0);
	ck_assert_int_eq(o.cfg.init, IV_INIT_XAVIER_NORMAL);
	ck_assert(o.cfg.std == 0.01 && o.cfg.value == 0.004 && o.cfg.gain == 1);
	ck_assert_int_eq(o.cfg.mode, IV_MODE_FAN_IN);
	ck_assert(o.cfg.bias == 0 && o.cfg.bias_std == 0);
	ck_assert_int_eq(o.cfg.act, IV_ACT_TANH);
	ck_assert(o.cfg.slope == 0.01);
	ck_assert_uint_eq(o.cfg.depth, 10);
	ck_assert_uint_eq(o.cfg.width, 256);
	ck_assert_uint_eq(o.cfg.nwidths, 0);
	ck_assert_uint_eq(o.cfg.batch, 512);
	ck_assert_int_eq(o.cfg.input, IV_INPUT_GAUSSIAN);
	ck_assert_uint_eq(o.cfg.seed, 1);
	ck_assert_uint_eq(o.cfg.bins, 40);
	ck_assert_int_eq(o.format, CLI_FORMAT_TABLE);
	ck_assert(!o.report && !o.check && !o.help && !o.version);
	ck_assert(!o.max_memory_set && o.cfg.max_memory == 0);
	ck_assert(!o.tui.ascii && !o.tui.keys && !o.tui.trace);
	ck_assert_int_eq(iv_config_validate(&o.cfg), IV_OK);
}
END_TEST

enum field {
	F_INIT, F_STD, F_VALUE, F_GAIN, F_MODE, F_BIAS, F_BIAS_STD, F_ACT,
	F_SLOPE, F_DEPTH, F_WIDTH, F_BATCH, F_INPUT, F_SEED, F_BINS, F_MEM,
	F_FORMAT, F_REPORT, F_CHECK, F_HELP, F_VERSION, F_ASCII, F_LESSON,
	F_LIST, F_STEPS, F_LR,
};

static double field(const cli_opts *o, enum field f)
{
	switch (f) {
	case F_INIT: return o->cfg.init;
	case F_STD: return o->cfg.std;
	case F_VALUE: return o->cfg.value;
	case F_GAIN: return o->cfg.gain;
	case F_MODE: return o->cfg.mode;
	case F_BIAS: return o->cfg.bias;
	case F_BIAS_STD: return o->cfg.bias_std;
	case F_ACT: return o->cfg.act;
	case F_SLOPE: return o->cfg.slope;
	case F_DEPTH: return (double)o->cfg.depth;
	case F_WIDTH: return (double)o->cfg.width;
	case F_BATCH: return (double)o->cfg.batch;
	case F_INPUT: return o->cfg.input;
	case F_SEED: return (double)o->cfg.seed;
	case F_BINS: return (double)o->cfg.bins;
	case F_MEM: return o->max_memory_set ? o->cfg.max_memory : -1;
	case F_FORMAT: return o->format;
	case F_REPORT: return o->report;
	case F_CHECK: return o->check;
	case F_HELP: return o->help;
	case F_VERSION: return o->version;
	case F_ASCII: return o->tui.ascii;
	case F_LESSON: return (double)o->lesson;
	case F_LIST: return o->list_lessons;
	case F_STEPS: return (double)o->train_steps;
	case F_LR: return o->lr;
	}
	return NAN;
}

struct good {
	const char *args[5];
	enum field f;
	double want;
};

static const struct good good[] = {
	{ { "-i", "he-normal" }, F_INIT, IV_INIT_HE_NORMAL },
	{ { "--init=orthogonal" }, F_INIT, IV_INIT_ORTHOGONAL },
	{ { "--init=glorot-uniform" }, F_INIT, IV_INIT_XAVIER_UNIFORM },
	{ { "--init=glorot-normal" }, F_INIT, IV_INIT_XAVIER_NORMAL },
	{ { "--init=kaiming-normal" }, F_INIT, IV_INIT_HE_NORMAL },
	{ { "--init", "kaiming-uniform" }, F_INIT, IV_INIT_HE_UNIFORM },
	{ { "-s", "0.5" }, F_STD, 0.5 },
	{ { "--std=0" }, F_STD, 0 },
	{ { "--std=-0" }, F_STD, 0 },
	{ { "--std", "1e-3" }, F_STD, 1e-3 },
	{ { "--std=1e300" }, F_STD, 1e300 },
	{ { "--value=-2.5" }, F_VALUE, -2.5 },
	{ { "-g", "1.5" }, F_GAIN, 1.5 },
	{ { "--gain=-1" }, F_GAIN, -1 },
	{ { "--mode=fan_avg" }, F_MODE, IV_MODE_FAN_AVG },
	{ { "--mode=fan_out" }, F_MODE, IV_MODE_FAN_OUT },
	{ { "--bias=0.1" }, F_BIAS, 0.1 },
	{ { "--bias-std=0.25" }, F_BIAS_STD, 0.25 },
	{ { "-a", "relu" }, F_ACT, IV_ACT_RELU },
	{ { "--activation=leaky-relu" }, F_ACT, IV_ACT_LEAKY_RELU },
	{ { "--activation=softplus" }, F_ACT, IV_ACT_SOFTPLUS },
	{ { "--slope=0.2" }, F_SLOPE, 0.2 },
	{ { "-d", "20" }, F_DEPTH, 20 },
	{ { "-d20" }, F_DEPTH, 20 },
	{ { "--depth", "20" }, F_DEPTH, 20 },
	{ { "--depth=1" }, F_DEPTH, 1 },
	{ { "--depth=10000" }, F_DEPTH, 10000 },
	{ { "--depth=007" }, F_DEPTH, 7 },
	{ { "--depth=5", "--depth=7" }, F_DEPTH, 7 }, /* last one wins */
	{ { "--dep=3" }, F_DEPTH, 3 },                /* GNU abbreviation */
	{ { "-w", "64" }, F_WIDTH, 64 },
	{ { "--width=65536" }, F_WIDTH, 65536 },
	{ { "-b", "1" }, F_BATCH, 1 },
	{ { "--batch=1000000" }, F_BATCH, 1000000 },
	{ { "--input=positive" }, F_INPUT, IV_INPUT_POSITIVE },
	{ { "--input=uniform" }, F_INPUT, IV_INPUT_UNIFORM },
	{ { "--seed=0" }, F_SEED, 0 },
	{ { "--seed=4294967296" }, F_SEED, 4294967296.0 },
	{ { "--bins=1" }, F_BINS, 1 },
	{ { "--bins=10000" }, F_BINS, 10000 },
	{ { "--max-memory=512M" }, F_MEM, 512.0 * 1024 * 1024 },
	{ { "--max-memory=2G" }, F_MEM, 2.0 * 1024 * 1024 * 1024 },
	{ { "--max-memory=2g" }, F_MEM, 2.0 * 1024 * 1024 * 1024 },
	{ { "--max-memory=1T" }, F_MEM, 1024.0 * 1024 * 1024 * 1024 },
	{ { "--max-memory=1.5K" }, F_MEM, 1536 },
	{ { "--max-memory=3k" }, F_MEM, 3072 },
	{ { "--max-memory=1000000" }, F_MEM, 1e6 },
	{ { "--max-memory=0" }, F_MEM, 0 },
	{ { "--max-memory=0.0" }, F_MEM, 0 },
	{ { "--max-memory=1.5" }, F_MEM, 1 },  /* whole bytes */
	{ { "--max-memory=0.1K" }, F_MEM, 102 },
	{ { "--format=json" }, F_FORMAT, CLI_FORMAT_JSON },
	{ { "--format=json" }, F_REPORT, 1 },
	{ { "--format=csv" }, F_FORMAT, CLI_FORMAT_CSV },
	{ { "--format", "table" }, F_FORMAT, CLI_FORMAT_TABLE },
	{ { "--report" }, F_REPORT, 1 },
	{ { "--check" }, F_CHECK, 1 },
	{ { "--check" }, F_REPORT, 1 },
	{ { "--bins=3" }, F_REPORT, 0 },
	{ { "-h" }, F_HELP, 1 },
	{ { "--help" }, F_HELP, 1 },
	{ { "-V" }, F_VERSION, 1 },
	{ { "--version" }, F_VERSION, 1 },
	{ { "--ascii" }, F_ASCII, 1 },
	{ { "--report", "-d", "3", "-w7" }, F_WIDTH, 7 },
	{ { "--lesson=3" }, F_LESSON, 3 },
	{ { "--list-lessons" }, F_LIST, 1 },
	{ { "--train-steps=200" }, F_STEPS, 200 },
	{ { "--train-steps=0" }, F_STEPS, 0 },
	{ { "--lr=0.1" }, F_LR, 0.1 },
	{ { "--report" }, F_LR, 0.05 }, /* the default learning rate */
};

START_TEST(good_command_line_resolves)
{
	const struct good *c = &good[_i];
	cli_opts o;
	char err[512];
	int rc = parse(c->args, &o, err, sizeof err);
	ck_assert_msg(rc == 0, "case %d (%s): %s", _i, c->args[0], err);
	ck_assert_msg(field(&o, c->f) == c->want, "case %d (%s): %.17g, want "
	              "%.17g", _i, c->args[0], field(&o, c->f), c->want);
	ck_assert_int_eq(iv_config_validate(&o.cfg), IV_OK);
}
END_TEST

START_TEST(widths_set_depth_and_sizes)
{
	cli_opts o;
	char err[256];
	const char *a[] = { "--widths=784,256,10", NULL };
	const char *b[] = { "--widths=1,65536", "--widths=9,8,7,6", NULL };
	ck_assert_int_eq(parse(a, &o, err, sizeof err), 0);
	ck_assert_uint_eq(o.cfg.nwidths, 3);
	ck_assert_uint_eq(o.cfg.depth, 2);
	ck_assert_uint_eq(o.cfg.widths[0], 784);
	ck_assert_uint_eq(o.cfg.widths[1], 256);
	ck_assert_uint_eq(o.cfg.widths[2], 10);
	ck_assert_uint_eq(iv_config_units(&o.cfg, 2), 10);
	ck_assert_int_eq(iv_config_validate(&o.cfg), IV_OK);
	ck_assert_int_eq(parse(b, &o, err, sizeof err), 0); /* last wins */
	ck_assert_uint_eq(o.cfg.nwidths, 4);
	ck_assert_uint_eq(o.cfg.depth, 3);
	ck_assert_uint_eq(o.cfg.widths[3], 6);
}
END_TEST

START_TEST(paths_and_repeated_parses)
{
	/* given a parse with options, a second parse starts from defaults */
	cli_opts o;
	char err[256];
	const char *a[] = { "--keys=k.txt", "--trace", "t.log", "-d", "4", NULL };
	const char *none[] = { NULL };
	ck_assert_int_eq(parse(a, &o, err, sizeof err), 0);
	ck_assert_str_eq(o.tui.keys, "k.txt");
	ck_assert_str_eq(o.tui.trace, "t.log");
	ck_assert(o.depth_set && !o.width_set && !o.widths_set);
	ck_assert_int_eq(parse(none, &o, err, sizeof err), 0);
	ck_assert_uint_eq(o.cfg.depth, 10);
	ck_assert_ptr_null(o.tui.keys);
}
END_TEST

/* --- the number parsers on their own --------------------------------- */

START_TEST(number_parsers)
{
	double d;
	size_t z;
	unsigned long u;
	ck_assert(iv_parse_double("1e-400", -1, 1, &d) && d >= 0 && d < 1e-300);
	ck_assert(iv_parse_double(".5", 0, 1, &d) && d == 0.5);
	ck_assert(!iv_parse_double("0.5", 0.6, 1, &d));
	ck_assert(!iv_parse_double("e", -1, 1, &d));
	ck_assert(!iv_parse_double("-", -1, 1, &d));
	ck_assert(!iv_parse_double(NULL, -1, 1, &d));
	ck_assert(iv_parse_size("3", 3, 3, &z) && z == 3);
	ck_assert(!iv_parse_size("2", 3, 4, &z));
	ck_assert(!iv_parse_size("5", 3, 4, &z));
	ck_assert(iv_parse_ulong("18446744073709551615", &u) &&
	          u == 18446744073709551615UL);
	ck_assert(!iv_parse_ulong("18446744073709551616", &u));
	ck_assert(cli_parse_bytes("0.5M", &d) && d == 524288);
	ck_assert(!cli_parse_bytes("1 M", &d));
	/* below the smallest double, yet not 0 (no limit) */
	ck_assert(!cli_parse_bytes("1e-400", &d));
	ck_assert(!cli_parse_bytes("1e-400T", &d));
	ck_assert(cli_parse_bytes("0e-400", &d) && d == 0);
	ck_assert(!cli_parse_bytes("inf", &d));
	ck_assert(!cli_parse_bytes("1e300T", &d)); /* overflows to Inf */
}
END_TEST

/* --- the shared ranges (util/range.h) -------------------------------- */

/* Every shared range is its option's: the option accepts the range's ends,
 * refuses what lies beyond them and says the range's text. */
START_TEST(shared_ranges_are_the_options)
{
	const iv_range *r = iv_range_get((iv_range_id)(_i + 1));
	char arg[96], want[96], err[256], allowed[96];
	cli_opts o;
	ck_assert_ptr_nonnull(r);
	const struct opt *op = NULL;
	for (size_t i = 0; i < cli_opt_count; i++)
		if (cli_opt_table[i].name &&
		    strcmp(cli_opt_table[i].name, r->name) == 0)
			op = &cli_opt_table[i];
	ck_assert_msg(op != NULL, "no option --%s", r->name);
	ck_assert_int_eq(op->range, _i + 1);
	iv_range_allowed(r, allowed, sizeof allowed);
	cli_opt_allowed(op, want, sizeof want);
	ck_assert_str_eq(want, allowed);
	if (r->kind == IV_NUM_ULONG) {
		snprintf(arg, sizeof arg, "--%s=18446744073709551616", r->name);
	} else if (r->kind == IV_NUM_SIZE) {
		snprintf(arg, sizeof arg, "--%s=%.0f", r->name, r->hi);
		const char *ok[] = { arg, NULL };
		ck_assert_int_eq(parse(ok, &o, err, sizeof err), 0);
		snprintf(arg, sizeof arg, "--%s=%.0f", r->name, r->hi + 1);
	} else {
		snprintf(arg, sizeof arg, "--%s=%.17g", r->name, r->lo);
		const char *ok[] = { arg, NULL };
		ck_assert_int_eq(parse(ok, &o, err, sizeof err), 0);
		snprintf(arg, sizeof arg, "--%s=%.17g", r->name, r->hi * 10);
	}
	const char *bad_arg[] = { arg, NULL };
	ck_assert_int_eq(parse(bad_arg, &o, err, sizeof err), 2);
	ck_assert_msg(strstr(err, allowed) != NULL, "%s: \"%s\" lacks \"%s\"",
	              arg, err, allowed);
	ck_assert_ptr_eq(iv_range_find(r->name), r);
}
END_TEST

Suite *suite(void)
{
	Suite *s = suite_create("opts");
	TCase *tc = tcase_create("parse");
	tcase_add_loop_test(tc, bad_command_line_is_refused, 0, (int)LEN(bad));
	tcase_add_test(tc, depth_message_is_exact);
	tcase_add_test(tc, names_are_listed);
	tcase_add_test(tc, long_value_is_cut_in_message);
	tcase_add_test(tc, widths_count_limit);
	tcase_add_test(tc, defaults_match_the_docs);
	tcase_add_loop_test(tc, good_command_line_resolves, 0, (int)LEN(good));
	tcase_add_test(tc, widths_set_depth_and_sizes);
	tcase_add_test(tc, paths_and_repeated_parses);
	tcase_add_test(tc, number_parsers);
	tcase_add_loop_test(tc, shared_ranges_are_the_options, 0,
	                    (int)IV_R_COUNT - 1);
	suite_add_tcase(s, tc);
	return s;
}
