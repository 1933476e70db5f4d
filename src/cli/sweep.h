/* SPDX-License-Identifier: MIT */
/* --sweep: which settings (knobs) a sweep varies, over which values, and
 * the grid of configurations they form.
 *
 * Call order: cli_sweep_add() once per --sweep option (while parsing), then,
 * once the base configuration is final (after a lesson), cli_sweep_usable()
 * and cli_sweep_config() for each of cli_sweep_count() configurations. An
 * cli_sweep is a plain value (fixed arrays): copy it, nothing to free. */
#ifndef IV_CLI_SWEEP_H
#define IV_CLI_SWEEP_H

#include <stdbool.h>
#include <stddef.h>
#include <initviz/config.h>

#define CLI_SWEEP_POINTS 64  /* values of one knob at most */
#define CLI_SWEEP_MAX    256 /* configurations of a sweep at most */
#define CLI_SWEEP_TEXT   32  /* characters of a value's text, with the NUL */
#define CLI_SWEEP_AXES   8   /* knobs of one sweep at most (each once) */

/* Why a knob does nothing for cfg, or NULL when it matters. */
typedef const char *cli_knob_unused_fn(const iv_config *cfg);

/* One row per knob: the option it sets, its JSON name (the config's key),
 * whether its values are integers, when it does nothing. A new knob is a
 * new row (its option must be a network setting, cli_apply_setting). */
typedef struct cli_knob {
	const char *name; /* the option's long name, e.g. "bias-std" */
	const char *key;  /* the JSON and CSV name, e.g. "bias_std" */
	bool integer;     /* whole numbers (ranges round to them) */
	bool shape;       /* changes the matrices' sizes */
	cli_knob_unused_fn *unused;
} cli_knob;

extern const cli_knob cli_knobs[];
extern const size_t cli_knob_count;

typedef struct cli_sweep_axis {
	const cli_knob *knob;
	size_t n;                   /* values, 1..POINTS */
	double v[CLI_SWEEP_POINTS]; /* the values */
	/* the values as the option takes them */
	char text[CLI_SWEEP_POINTS][CLI_SWEEP_TEXT];
} cli_sweep_axis;

typedef struct cli_sweep {
	size_t naxes; /* 0: no sweep */
	cli_sweep_axis axis[CLI_SWEEP_AXES];
} cli_sweep;

/* Add the axis of one --sweep=SPEC value: KNOB:V1,V2,... or
 * KNOB:FROM..TO*FACTOR (FROM, FROM*FACTOR, ... up to TO) or
 * KNOB:FROM..TO+STEP. Every value is checked against the knob's option.
 * 0, or 2 with a one-line message in err (without "initviz: "). */
int cli_sweep_add(cli_sweep *s, const char *spec, char *err, size_t errlen);

/* Configurations of the grid: the product of the axes' sizes (1 for no
 * sweep). */
size_t cli_sweep_count(const cli_sweep *s);

/* Can the sweep run on base? 0, or 2 with a message: a width or depth
 * knob with --widths, a knob that does nothing for base's scheme. */
int cli_sweep_usable(const cli_sweep *s, const iv_config *base, char *err,
		     size_t errlen);

/* Configuration i (0..count-1) of the grid, the first axis varying
 * slowest: base with each axis's value applied; idx (naxes entries, may be
 * NULL) gets each axis's value index. 0, or 2 with a message. */
int cli_sweep_config(const cli_sweep *s, size_t i, const iv_config *base,
		     iv_config *out, size_t *idx, char *err, size_t errlen);

/* "width=64 std=0.05": configuration i's knob values. */
void cli_sweep_label(const cli_sweep *s, size_t i, char *buf, size_t len);
/* The same without knob skip's value ("" when it is the only knob). */
void cli_sweep_label_except(const cli_sweep *s, size_t i, const char *skip,
			    char *buf, size_t len);
/* Configuration i's value index along knob name's axis (0 without). */
size_t cli_sweep_index(const cli_sweep *s, size_t i, const char *name);

/* The axis of knob name, or NULL. */
const cli_sweep_axis *cli_sweep_find(const cli_sweep *s, const char *name);

#endif
