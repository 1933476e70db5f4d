/* SPDX-License-Identifier: MIT */
/* Command-line options: one table of every option, a strict parser, --help.
 *
 * cli_parse() fills *o with the defaults of docs/report.md, then applies
 * argv in order (a repeated option: the last one wins). It may be called
 * any number of times (it resets getopt). On bad usage it returns 2 and
 * writes one line naming the option and what is allowed into err (without
 * the "initviz: " prefix, without a newline); it never prints. */
#ifndef IV_CLI_OPTS_H
#define IV_CLI_OPTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <initviz/config.h>
#include "cli/report.h"
#include "cli/sweep.h"
#include "tui/tui.h"
#include "util/number.h" /* iv_parse_double, iv_parse_size, ... */

typedef struct cli_opts {
	iv_config cfg;
	bool report; /* --report (also implied by --check, --format, --sweep) */
	const char *report_by; /* the option that first asked for the report,
				  for messages ("report", "format", ...) */
	bool check;          /* --check */
	bool help, version;  /* --help, --version */
	cli_format format;   /* --format */
	bool max_memory_set; /* --max-memory given (else main picks RAM/2) */
	bool depth_set, width_set, widths_set; /* to refuse conflicts */
	tui_options tui;                       /* --ascii, --keys, --trace */
	size_t lesson; /* --lesson=N (1-based), 0 when not given */
	const struct iv_lesson *lesson_ref; /* lesson N once applied (main),
					       for the reproducing command */
	bool list_lessons;                  /* --list-lessons */
	const char *lessons_file;           /* --lessons=FILE */
	size_t train_steps;                 /* --train-steps=N */
	double lr;                          /* --lr */
	bool lr_set;         /* --lr given (else a lesson's lr, or 0.05) */
	bool random_readout; /* --random-readout (or the lesson's) */
	cli_sweep sweep;     /* every --sweep, in order */
	size_t jobs;         /* --jobs: configurations at once, 0 automatic */
	unsigned long long given; /* bit i: cli_opt_table[i] on the command
				     line (cli/idle.h) */
} cli_opts;

/* 0 when argv is good, 2 on bad usage (message in err). */
int cli_parse(int argc, char **argv, cli_opts *o, char *err, size_t errlen);
/* The same, starting from *base instead of the default network (a lesson's
 * configuration that the command line then overrides). */
int cli_parse_base(int argc, char **argv, const iv_config *base, cli_opts *o,
		   char *err, size_t errlen);

/* Apply one network setting given by its long name ("depth", "3") to cfg,
 * as the option --depth=3 would: for lesson files. 0, or 2 with a message
 * naming the setting. Options that are not network settings are refused. */
int cli_apply_setting(iv_config *cfg, const char *key, const char *value,
		      char *err, size_t errlen);

/* The --help text: every option with its default. */
void cli_usage(FILE *f);

/* Strict parsers of the options' own formats (opts_num.c; plain numbers
 * in util/number.h, which lesson files and the view share). Each returns
 * false for empty strings, signs, trailing characters, hex, NaN, Inf,
 * overflow and values outside the range. */
/* Bytes with an optional K, M, G or T suffix (powers of 1024). */
bool cli_parse_bytes(const char *s, double *out);
/* "N0,N1,...": 2..IV_WIDTHS_MAX integers in 1..IV_WIDTH_MAX. */
bool cli_parse_widths(const char *s, uint32_t *w, size_t *n);

#endif
