/* SPDX-License-Identifier: MIT */
/* The --report writers: table for people, CSV and JSON for programs.
 *
 * Each writer reads a finished network (iv_net_run() returned IV_OK) and
 * writes to f; it returns 0, or -1 when f reports a write error. JSON and
 * CSV list every layer; the table shows at most IV_TABLE_ROWS of them. */
#ifndef IV_CLI_REPORT_H
#define IV_CLI_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <initviz/net.h>
#include "cli/analysis.h"

#define IV_FORMAT_LIST(X)                                                      \
	X(IV_FORMAT_TABLE, "table")                                            \
	X(IV_FORMAT_CSV, "csv")                                                \
	X(IV_FORMAT_JSON, "json")                                              \
	X(IV_FORMAT_SVG, "svg")

typedef enum {
#define IV_X(e, name) e,
	IV_FORMAT_LIST(IV_X)
#undef IV_X
	IV_FORMAT_COUNT
} iv_format;

#define IV_TABLE_ROWS 40 /* layer rows of the table before it samples */
#define IV_SPARK_MAX 32  /* columns of a sparkline before it samples */

const char *iv_format_name(iv_format f); /* NULL when out of range */
bool iv_format_parse(const char *s, iv_format *out);

/* True when the table may use Unicode glyphs: not ascii and the locale's
 * codeset (after setlocale) is UTF-8. */
bool iv_report_utf8(bool ascii);

/* x: theory and training to add (NULL: only the measured layers). */
int iv_report_write(FILE *f, const iv_net *net, iv_format fmt, bool utf8,
                    const iv_analysis *x);
int iv_report_json(FILE *f, const iv_net *net, const iv_analysis *x);
/* The JSON object without its closing "\n}\n", for more fields after the
 * last one (each written as ",\n  \"key\": value"). */
void iv_report_json_open(FILE *f, const iv_net *net, const iv_analysis *x);
int iv_report_csv(FILE *f, const iv_net *net, const iv_analysis *x);
/* CSV with nlead columns first: names in the header (written when header
 * is true), the same values (text) on every row. */
int iv_report_csv_lead(FILE *f, const iv_net *net, const iv_analysis *x,
                       size_t nlead, const char *const *names,
                       const char *const *values, bool header);
int iv_report_table(FILE *f, const iv_net *net, bool utf8,
                    const iv_analysis *x);

/* One standalone SVG figure (src/figure): the depth profile of the std of
 * activations and gradients, measured and mean-field, and histograms of
 * up to 5 layers; command (NULL: none) in small print. */
int iv_report_svg(FILE *f, const iv_net *net, const iv_analysis *x,
                  const char *command);

/* v as the shortest of %.15g, %.16g, %.17g that reads back exactly into
 * buf (32 bytes suffice); false, and "", when v is not finite. */
bool iv_report_number(double v, char *buf, size_t len);

/* Helpers of the table, exposed for tests. */

/* Which layers (1..depth) the table shows: all when depth <= max, else
 * max of them evenly spaced, first and last included. Writes the layer
 * numbers into rows (room for max) and returns how many. */
size_t iv_table_rows(size_t depth, size_t max, size_t *rows);

/* Sparkline levels of n positive values on a log scale spanning their
 * range, widened to at least one decade around its middle: level 0..7,
 * IV_SPARK_ZERO for 0, IV_SPARK_BAD for NaN, Inf or negative. *lo and *hi
 * get the scale's ends (NaN when no value is positive and finite). */
#define IV_SPARK_ZERO (-1)
#define IV_SPARK_BAD (-2)
void iv_spark_levels(const double *v, size_t n, int *level, double *lo,
                     double *hi);

#endif
