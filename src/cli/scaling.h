/* SPDX-License-Identifier: MIT */
/* How a quantity scales with width: the least-squares slope of log(y)
 * against log(width), its standard error and 95% interval, and a word. The
 * slope is the exponent a of y ~ width^a: 0 for a quantity that does not
 * depend on width, 1/2 for one that grows like sqrt(width). */
#ifndef IV_CLI_SCALING_H
#define IV_CLI_SCALING_H

#include <stddef.h>

/* |slope| up to this is "flat": halfway between 0 (no dependence) and 1/2
 * (the sqrt(width) of a fixed-std initialization's first layer). */
#define CLI_SLOPE_LIMIT 0.25

#define CLI_VERDICT_LIST(X)                                                    \
	X(CLI_VERDICT_FLAT, "flat")                                            \
	X(CLI_VERDICT_GROWING, "growing")                                      \
	X(CLI_VERDICT_SHRINKING, "shrinking")                                  \
	X(CLI_VERDICT_UNDEFINED, "undefined")

typedef enum {
#define IV_X(e, name) e,
	CLI_VERDICT_LIST(IV_X)
#undef IV_X
	CLI_VERDICT_COUNT
} cli_verdict;

typedef struct cli_slope {
	size_t n;       /* widths in the fit */
	double slope;   /* NaN when undefined */
	double se;      /* standard error; NaN with 2 widths (an exact fit) */
	double lo, hi;  /* 95% interval, slope +- t(0.975, n-2) se; NaN too */
	cli_verdict verdict;
	/* whether the whole 95% interval gives the verdict: 1 it does, 0 it
	 * crosses +-CLI_SLOPE_LIMIT (the point estimate alone decided), -1
	 * no interval (two widths, or undefined) */
	int settled;
	const char *why; /* the reason, when undefined; else NULL */
} cli_slope;

/* Fit log y[i] = c + slope log width[i] over n points with gsl_fit_linear.
 * Undefined (with the reason) when fewer than 2 distinct widths, or some y
 * is 0, negative or not finite. */
void cli_slope_fit(const double *width, const double *y, size_t n,
                  cli_slope *out);

/* Make *out undefined, why the reason (a string that outlives it); its
 * n is left as it is. */
void cli_slope_undefined(cli_slope *out, const char *why);

const char *cli_verdict_name(cli_verdict v); /* NULL when out of range */

#endif
