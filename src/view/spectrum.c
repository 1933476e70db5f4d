/* SPDX-License-Identifier: MIT */
/* The Jacobian spectrum of the network shown: computed once per network,
 * binned for the histogram, and put in words against isometry. */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "view/clock.h"
#include "view/spectrum.h"

/* Measured on 2 cores with OpenBLAS: GSL's SVD of an n x n matrix takes
 * about 4e-8 n^3 s; the products about 2 L n^3 flops at 1e10 flop/s. */
#define SVD_SECONDS_PER_N3 4e-8
#define FLOPS              1e10

void tui_spectrum_init(tui_spectrum *s)
{
	memset(s, 0, sizeof *s);
}

void tui_spectrum_done(tui_spectrum *s)
{
	iv_spectrum_done(&s->s);
	tui_spectrum_init(s);
}

size_t tui_spectrum_width(const iv_config *cfg)
{
	size_t w = 0;
	for (size_t l = 0; l <= cfg->depth; l++)
		if (iv_config_units(cfg, l) > w)
			w = iv_config_units(cfg, l);
	return w;
}

double tui_spectrum_estimate(const iv_config *cfg)
{
	double n0 = (double)iv_config_units(cfg, 0), flops = 0;
	double nl = (double)iv_config_units(cfg, cfg->depth);
	for (size_t l = 2; l <= cfg->depth; l++) /* J_l = W_l J_(l-1) */
		flops += 2.0 * (double)iv_config_units(cfg, l) *
			 (double)iv_config_units(cfg, l - 1) * n0;
	double k = fmin(n0, nl), m = fmax(n0, nl); /* the SVD is m x k */
	return SVD_SECONDS_PER_N3 * k * k * m + flops / FLOPS;
}

bool tui_spectrum_ready(const iv_net *net)
{
	if (!net)
		return false;
	for (size_t l = 1; l <= iv_net_depth(net); l++)
		if (!iv_net_layer(net, l)->forward_done)
			return false;
	return true;
}

tui_spec_state tui_spectrum_state(const tui_spectrum *s, const iv_config *cfg,
				  const iv_net *net, unsigned gen)
{
	bool mine = s->have && s->gen == gen;
	if (mine && s->st == IV_OK && net)
		return TUI_SPEC_HAVE;
	if (cfg->norm == IV_NORM_BATCH)
		return TUI_SPEC_BATCH;
	if (tui_spectrum_width(cfg) > IV_JACOBIAN_WIDTH_MAX)
		return TUI_SPEC_TOO_WIDE;
	if (mine)
		return s->st == IV_EGSL ? TUI_SPEC_NONFINITE : TUI_SPEC_FAILED;
	if (!tui_spectrum_ready(net))
		return TUI_SPEC_FORWARD;
	if (tui_spectrum_estimate(cfg) > TUI_SPECTRUM_AUTO_SECONDS &&
	    s->asked != gen + 1)
		return TUI_SPEC_ASK;
	return TUI_SPEC_DUE;
}

bool tui_spectrum_update(tui_spectrum *s, const iv_net *net, unsigned gen)
{
	if ((s->have && s->gen == gen) || !tui_spectrum_ready(net))
		return false;
	iv_spectrum_done(&s->s);
	s->gen = gen;
	s->have = true;
	if (tui_spectrum_width(iv_net_config(net)) > IV_JACOBIAN_WIDTH_MAX) {
		s->st = IV_EINVAL;
		return true;
	}
	double t0 = tui_clock_now();
	s->st = iv_jacobian_spectrum(net, 0, &s->s);
	s->seconds = tui_clock_now() - t0;
	return true;
}

bool tui_spectrum_axis(const iv_spectrum *s, double *lo, double *hi)
{
	double mn = fmin(s->min, 1.0), mx = fmax(s->max, 1.0);
	if (s->min > 0 && s->max / s->min > 20) {
		double floor_ = log10(s->max) - TUI_SPECTRUM_DECADES;
		double a = fmax(log10(mn), fmin(floor_, 0.0)), b = log10(mx);
		double pad = 0.03 * (b - a);
		*lo = a - pad;
		*hi = b + pad;
		return true;
	}
	*lo = 0;
	*hi = mx < 2 ? 2 : 1.05 * mx;
	return false;
}

size_t tui_spectrum_tiny(const iv_spectrum *s)
{
	size_t n = 0;
	for (size_t i = 0; i < s->count; i++)
		n += s->sv[i] < s->max * pow(10.0, -TUI_SPECTRUM_DECADES);
	return n;
}

void tui_spectrum_bins(const double *v, size_t n, bool logx, double lo,
		       double hi, size_t bins, double *counts)
{
	memset(counts, 0, bins * sizeof *counts);
	for (size_t i = 0; i < n; i++) {
		double x = logx ? log10(v[i]) : v[i];
		double f = (x - lo) / (hi - lo) * (double)bins;
		if (isnan(f))
			continue;
		long b = f < 0               ? 0
			 : f >= (double)bins ? (long)bins - 1
					     : (long)f;
		counts[b]++;
	}
}

char *tui_spectrum_ms_text(const iv_spectrum *s, char *buf, size_t size)
{
	if (s->mean_square == 0 && s->max > 0)
		snprintf(buf, size, "<1e-300");
	else
		snprintf(buf, size, "%.3g", s->mean_square);
	return buf;
}

/* How far the values spread around 1, in words. */
static const char *spread(const iv_spectrum *s)
{
	double r = s->min > 0 ? s->max / s->min : INFINITY;
	return r < 1.5   ? "nearly equal"
	       : r < 10  ? "spread over a factor below 10"
	       : r < 1e3 ? "spread over orders of magnitude"
			 : "spread over many orders of magnitude";
}

void tui_spectrum_note(const iv_spectrum *s, double predicted, char *buf,
		       size_t size)
{
	double ms = s->mean_square;
	char mst[16];
	tui_spectrum_ms_text(s, mst, sizeof mst);
	size_t tiny = tui_spectrum_tiny(s);
	if (tiny && tiny < s->count && size > 1) { /* say it first */
		int n = snprintf(buf, size,
				 "%zu of the %zu singular values are zero to "
				 "the precision of the SVD: those input "
				 "directions are lost. ",
				 tiny, s->count);
		if (n > 0 && (size_t)n < size)
			buf += n, size -= (size_t)n;
	}
	if (s->count == 0) {
		snprintf(buf, size, "No singular values.");
	} else if (s->max - s->min <= 1e-6 * s->max && fabs(ms - 1) <= 1e-6) {
		snprintf(buf, size,
			 "Dynamical isometry: every singular value is 1, so "
			 "the network keeps the length of every input "
			 "direction, forward and backward.");
	} else if (s->max - s->min <= 1e-6 * s->max) {
		snprintf(buf, size,
			 "Every singular value is %.3g: a uniform %s by %.3g. "
			 "Isometry would have them all at 1.",
			 s->max, s->max < 1 ? "shrink" : "stretch", s->max);
	} else if (fabs(ms - 1) <= 0.1) {
		snprintf(buf, size,
			 "Lengths are kept on average (mean square %s) but the "
			 "values are %s: some directions are stretched up to "
			 "%.3g, others squashed down to %.3g. Isometry would "
			 "have them all at 1.",
			 mst, spread(s), s->max, s->min);
	} else if (isfinite(predicted) &&
		   !(fabs(predicted - 1) > 0.1 && (predicted < 1) == (ms < 1))) {
		/* one draw of weights (and one input) at a finite width:
		 * the draw strays, the network does not vanish or explode */
		snprintf(buf, size,
			 "Lengths %s on average in this draw (mean square "
			 "%s), while the theory %s (mean square %.3g): one "
			 "draw at a finite width strays from it. The values "
			 "are %s. Isometry would have them all at 1.",
			 ms < 1 ? "shrink" : "grow", mst,
			 fabs(predicted - 1) <= 0.1 ? "keeps them on average"
			 : predicted < 1            ? "shrinks them"
						    : "stretches them",
			 predicted, spread(s));
	} else {
		snprintf(
		    buf, size,
		    "Lengths %s on average (mean square %s %s 1: %s) and "
		    "the values are %s. Isometry would have them all at 1.",
		    ms < 1 ? "shrink" : "grow", mst, ms < 1 ? "<" : ">",
		    ms < 1 ? "vanishing" : "exploding", spread(s));
	}
}
