/* SPDX-License-Identifier: MIT */
/* Log-log slopes against width with GSL's least squares. */
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_fit.h>
#include "cli/scaling.h"

static const char *const verdict_names[] = {
#define IV_X(e, n) [e] = n,
    CLI_VERDICT_LIST(IV_X)
#undef IV_X
};

const char *cli_verdict_name(cli_verdict v)
{
	return (unsigned)v < CLI_VERDICT_COUNT ? verdict_names[v] : NULL;
}

void cli_slope_undefined(cli_slope *out, const char *why)
{
	out->slope = out->se = out->lo = out->hi = NAN;
	out->verdict = CLI_VERDICT_UNDEFINED;
	out->settled = -1;
	out->why = why;
}

void cli_slope_fit(const double *width, const double *y, size_t n,
		   cli_slope *out)
{
	double *lx = malloc((n ? n : 1) * 2 * sizeof *lx);
	double c0, c1, cov00, cov01, cov11, sumsq;
	*out = (cli_slope){.n = n};
	if (!lx) {
		cli_slope_undefined(out, "out of memory");
		return;
	}
	double *ly = lx + n;
	bool distinct = false;
	for (size_t i = 0; i < n; i++) {
		if (!(isfinite(y[i]) && y[i] > 0)) {
			cli_slope_undefined(out,
					    "zero or not finite at some width");
			free(lx);
			return;
		}
		lx[i] = log(width[i]);
		ly[i] = log(y[i]);
		distinct |= width[i] != width[0];
	}
	gsl_set_error_handler_off();
	if (!distinct || gsl_fit_linear(lx, 1, ly, 1, n, &c0, &c1, &cov00,
					&cov01, &cov11, &sumsq)) {
		cli_slope_undefined(out, "fewer than 2 widths");
		free(lx);
		return;
	}
	free(lx);
	out->slope = c1;
	out->se = out->lo = out->hi = NAN;
	if (n > 2) { /* cov11 is from the residuals: n - 2 degrees of freedom */
		double t = gsl_cdf_tdist_Pinv(0.975, (double)(n - 2));
		out->se = sqrt(cov11);
		out->lo = c1 - t * out->se;
		out->hi = c1 + t * out->se;
	}
	out->verdict = c1 > CLI_SLOPE_LIMIT    ? CLI_VERDICT_GROWING
		       : c1 < -CLI_SLOPE_LIMIT ? CLI_VERDICT_SHRINKING
					       : CLI_VERDICT_FLAT;
	double lim = CLI_SLOPE_LIMIT;
	if (isnan(out->lo))
		out->settled = -1;
	else if (out->verdict == CLI_VERDICT_GROWING)
		out->settled = out->lo > lim;
	else if (out->verdict == CLI_VERDICT_SHRINKING)
		out->settled = out->hi < -lim;
	else
		out->settled = out->lo >= -lim && out->hi <= lim;
}
