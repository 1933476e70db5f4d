/* SPDX-License-Identifier: MIT */
/* The range of every number a user sets in several places: one row each,
 * read by the command line (its options, lesson files and sweeps go
 * through the option table, src/cli/opts_table.c) and by the view's prompt
 * (src/view/prompt.c), so that both check the same bounds with the same
 * rules (util/number.h) and say the same about them.
 *
 * IV_RANGE_LIST(X) expands X(ID, name, kind, lo, hi) per number: the
 * id is IV_R_ID, name the long option's. No engine code is used: the size
 * limits are the engine header's constants. */
#ifndef IV_UTIL_RANGE_H
#define IV_UTIL_RANGE_H

#include <stdbool.h>
#include <stddef.h>
#include <initviz/config.h> /* IV_DEPTH_MAX, IV_WIDTH_MAX, IV_BATCH_MAX */

#define IV_RANGE_REAL_MAX 1e300 /* the engine's bound on every real setting */

typedef enum {
	IV_NUM_REAL,  /* a finite decimal number in [lo, hi] */
	IV_NUM_SIZE,  /* a whole number (digits only) in [lo, hi] */
	IV_NUM_ULONG, /* a whole number (digits only) an unsigned long holds */
} iv_num_kind;

/* clang-format off */
#define IV_RANGE_LIST(X)                                                       \
	X(STD,      "std",      IV_NUM_REAL, 0, IV_RANGE_REAL_MAX)              \
	X(VALUE,    "value",    IV_NUM_REAL, -IV_RANGE_REAL_MAX, IV_RANGE_REAL_MAX) \
	X(GAIN,     "gain",     IV_NUM_REAL, -IV_RANGE_REAL_MAX, IV_RANGE_REAL_MAX) \
	X(BIAS,     "bias",     IV_NUM_REAL, -IV_RANGE_REAL_MAX, IV_RANGE_REAL_MAX) \
	X(BIAS_STD, "bias-std", IV_NUM_REAL, 0, IV_RANGE_REAL_MAX)              \
	X(SLOPE,    "slope",    IV_NUM_REAL, -IV_RANGE_REAL_MAX, IV_RANGE_REAL_MAX) \
	X(DEPTH,    "depth",    IV_NUM_SIZE, 1, IV_DEPTH_MAX)                   \
	X(WIDTH,    "width",    IV_NUM_SIZE, 1, IV_WIDTH_MAX)                   \
	X(BATCH,    "batch",    IV_NUM_SIZE, 1, IV_BATCH_MAX)                   \
	X(SEED,     "seed",     IV_NUM_ULONG, 0, 0 /* the type's */)            \
	X(LR,       "lr",       IV_NUM_REAL, 1e-12, 1e6)
/* clang-format on */

typedef enum {
	IV_R_NONE, /* no row: a range of its own */
#define IV_X(id, name, kind, lo, hi) IV_R_##id,
	IV_RANGE_LIST(IV_X)
#undef IV_X
	IV_R_COUNT
} iv_range_id;

typedef struct iv_range {
	const char *name;
	iv_num_kind kind;
	double lo, hi; /* for IV_NUM_REAL and IV_NUM_SIZE */
} iv_range;

/* The row of id; NULL for IV_R_NONE and out of range. */
const iv_range *iv_range_get(iv_range_id id);
/* The row named name (the long option's name), NULL when none is. */
const iv_range *iv_range_find(const char *name);

/* What a value may be, as messages say it: "a number from 0 to 1e300",
 * "an integer from 1 to 10000", "an integer from 0 to
 * 18446744073709551615". */
void iv_range_allowed(const iv_range *r, char *buf, size_t len);

/* s read strictly as r's kind (util/number.h: the whole text, decimal
 * notation, no blanks) and within r: true with the value in *out. */
bool iv_range_real(const iv_range *r, const char *s, double *out);
bool iv_range_size(const iv_range *r, const char *s, size_t *out);
bool iv_range_ulong(const iv_range *r, const char *s, unsigned long *out);

#endif
