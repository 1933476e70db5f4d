/* SPDX-License-Identifier: MIT */
/* The --report writers: table for people, CSV and JSON for programs.
 *
 * Each writer reads a finished network (iv_net_run() returned IV_OK) and
 * writes to f; it returns 0, or -1 when f reports a write error. JSON and
 * CSV list every layer; the table shows at most CLI_TABLE_ROWS of them. */
#ifndef IV_CLI_REPORT_H
#define IV_CLI_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <initviz/net.h>
#include "cli/analysis.h"

#define CLI_FORMAT_LIST(X)                                                     \
	X(CLI_FORMAT_TABLE, "table")                                           \
	X(CLI_FORMAT_CSV, "csv")                                               \
	X(CLI_FORMAT_JSON, "json")                                             \
	X(CLI_FORMAT_SVG, "svg")

typedef enum {
#define IV_X(e, name) e,
	CLI_FORMAT_LIST(IV_X)
#undef IV_X
	CLI_FORMAT_COUNT
} cli_format;

#define CLI_TABLE_ROWS 40 /* layer rows of the table before it samples */
#define CLI_SPARK_MAX 32  /* columns of a sparkline before it samples */

const char *cli_format_name(cli_format f); /* NULL when out of range */
/* Whether a report in format f prints the network's histograms (JSON's
 * counts, SVG's bars); the others leave them out of the passes
 * (iv_net_histograms). */
bool cli_format_histograms(cli_format f);
bool cli_format_parse(const char *s, cli_format *out);

/* True when the table may use Unicode glyphs: not ascii and the locale's
 * codeset (after setlocale) is UTF-8. */
bool cli_report_utf8(bool ascii);

/* x: theory and training to add (NULL: only the measured layers). */
int cli_report_write(FILE *f, const iv_net *net, cli_format fmt, bool utf8,
                    const cli_analysis *x);
int cli_report_json(FILE *f, const iv_net *net, const cli_analysis *x);
/* The JSON object without its closing "\n}\n", for more fields after the
 * last one (each written as ",\n  \"key\": value"). */
void cli_report_json_open(FILE *f, const iv_net *net, const cli_analysis *x);
int cli_report_csv(FILE *f, const iv_net *net, const cli_analysis *x);
/* CSV with nlead columns first: names in the header (written when header
 * is true), the same values (text) on every row. */
int cli_report_csv_lead(FILE *f, const iv_net *net, const cli_analysis *x,
                       size_t nlead, const char *const *names,
                       const char *const *values, bool header);
int cli_report_table(FILE *f, const iv_net *net, bool utf8,
                    const cli_analysis *x);

/* One standalone SVG figure (src/figure): the depth profile of the std of
 * activations and gradients, measured and mean-field, and histograms of
 * up to 5 layers; command (NULL: none) in small print. */
int cli_report_svg(FILE *f, const iv_net *net, const cli_analysis *x,
                  const char *command);

/* v as the shortest of %.15g, %.16g, %.17g that reads back exactly into
 * buf (32 bytes suffice); false, and "", when v is not finite. */
bool cli_report_number(double v, char *buf, size_t len);

/* Helpers of the table, exposed for tests. */

/* Which layers (1..depth) the table shows: all when depth <= max, else
 * max of them evenly spaced, first and last included. Writes the layer
 * numbers into rows (room for max) and returns how many. */
size_t cli_table_rows(size_t depth, size_t max, size_t *rows);

/* Sparkline levels of n positive values on a log scale spanning their
 * range, widened to at least one decade around its middle: level 0..7,
 * CLI_SPARK_ZERO for 0, CLI_SPARK_BAD for NaN, Inf or negative. *lo and *hi
 * get the scale's ends (NaN when no value is positive and finite). */
#define CLI_SPARK_ZERO (-1)
#define CLI_SPARK_BAD (-2)
void cli_spark_levels(const double *v, size_t n, int *level, double *lo,
                     double *hi);

#endif
