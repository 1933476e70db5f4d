/* SPDX-License-Identifier: MIT */
/* The health thresholds applied to a layer's statistics. */
#include <math.h>
#include <initviz/health.h>

bool iv_health_saturated(const iv_layer_stats *s)
{
	return s->saturated > IV_HEALTH_SATURATED;
}

bool iv_health_dead(const iv_layer_stats *s)
{
	return (double)s->dead_units > IV_HEALTH_DEAD * (double)s->fan_out;
}

bool iv_health_zero(const iv_layer_stats *s)
{
	return s->zero_fraction > IV_HEALTH_ZERO;
}

bool iv_health_collapsed(const iv_layer_stats *s)
{
	return s->distinct_neurons < s->fan_out;
}

size_t iv_health_live_units(const iv_layer_stats *s)
{
	return s->fan_out -
	       (s->dead_units < s->fan_out ? s->dead_units : s->fan_out);
}

size_t iv_health_live_distinct(const iv_layer_stats *s)
{
	return s->distinct_neurons - (s->dead_units > 0 && s->distinct_neurons);
}

bool iv_health_symmetric(const iv_layer_stats *s)
{
	/* NaN columns compare alike, and so do Inf columns of one sign:
	 * overflowed activations give a count that says nothing about the
	 * units' functions (the NaN or Inf criterion reports that layer) */
	if (s->q[IV_Q_ACT].nan || s->q[IV_Q_ACT].inf)
		return false;
	return iv_health_live_distinct(s) < iv_health_live_units(s);
}

bool iv_health_nonfinite(const iv_layer_stats *s)
{
	for (int q = 0; q < IV_Q_COUNT; q++)
		if (s->q[q].nan || s->q[q].inf)
			return true;
	return false;
}

bool iv_health_ratio_ok(double a, double b)
{
	if (!isfinite(a) || !isfinite(b) || (a == 0 && b == 0))
		return true;
	return a > 0 && b > 0 && b / a <= IV_HEALTH_RATIO &&
	       a / b <= IV_HEALTH_RATIO;
}

static double mean_square(const iv_layer_stats *s)
{
	return s->channel_variance + s->channel_mean_sq;
}

bool iv_health_stream_explodes(const iv_layer_stats *const *ls, size_t n,
			       double *growth, size_t *blocks)
{
	size_t first = 0, last = 0, k = 0;
	for (size_t i = 1; i < n; i++)
		if (ls[i]->kind == IV_LAYER_RESIDUAL) {
			if (k++ == 0)
				first = i;
			last = i;
		}
	*blocks = k;
	*growth = NAN;
	if (k < IV_HEALTH_BLOCKS)
		return false;
	double a = mean_square(ls[first - 1]), b = mean_square(ls[last]);
	*growth = pow(b / a, 1.0 / (double)k);
	return *growth > IV_HEALTH_STREAM; /* NaN: judged elsewhere */
}
