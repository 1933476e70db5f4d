/* SPDX-License-Identifier: MIT */
/* The option table that the parser, the error messages and --help all read. */
#ifndef IV_CLI_OPTS_TABLE_H
#define IV_CLI_OPTS_TABLE_H

#include <stddef.h>
#include "cli/opts.h"
#include "util/range.h"

enum opt_kind {
	K_SECTION, /* not an option: a heading of --help */
	K_INIT,
	K_ACT,
	K_MODE,
	K_INPUT,
	K_FORMAT,
	K_NORM,   /* names from a table */
	K_SIZE,   /* size_t in its range */
	K_SEED,   /* unsigned long */
	K_REAL,   /* finite double in its range */
	K_BYTES,  /* double, bytes with K/M/G/T suffix */
	K_WIDTHS, /* the --widths list */
	K_FLAG,   /* bool set to true; as a setting 1/0, yes/no, ... */
	K_PATH,   /* non-empty string */
	K_SWEEP,  /* a --sweep spec, added to the sweep (sweep.h) */
};

struct opt {
	const char *name; /* long name; the heading of a K_SECTION */
	int shortc;       /* short letter or 0 */
	enum opt_kind kind;
	size_t off;      /* the field of cli_opts it sets */
	size_t set_off;  /* a bool of cli_opts set when given, or 0 */
	double lo, hi;   /* K_SIZE, K_REAL: the option's own range, unless */
	const char *arg; /* value's name in --help */
	const char *help;
	const char *dflt;  /* default shown by --help when not read from cfg */
	bool report;       /* implies --report */
	bool own_names;    /* help names the values itself: do not list them */
	iv_range_id range; /* ... K_SIZE, K_REAL, K_SEED: a shared row of
			      util/range.h (IV_R_NONE: lo, hi above) */
};

#define CLI_OPT_MAX 48 /* room for the table's rows in the parser, and
			* bits of cli_opts.given */
_Static_assert(CLI_OPT_MAX <= 64, "cli_opts.given has 64 bits");

extern const struct opt cli_opt_table[];
extern const size_t cli_opt_count;

/* The range of a K_SIZE, K_REAL or K_SEED option. */
iv_range cli_opt_range(const struct opt *op);
/* What the option's value may be, e.g. "an integer from 1 to 10000". */
void cli_opt_allowed(const struct opt *op, char *buf, size_t len);
/* The option's value in *o as --help shows it ("" when it has none). */
void cli_opt_value(const struct opt *op, const cli_opts *o, char *buf,
		   size_t len);
/* Fill *o with every default. */
void cli_opts_defaults(cli_opts *o);

#endif
