/* SPDX-License-Identifier: MIT */
/* --check: the health criteria of the man page, one line per problem. */
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include "cli/analysis.h"
#include "cli/check.h"

static size_t say(FILE *err, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static size_t say(FILE *err, const char *fmt, ...)
{
	va_list ap;
	if (!err)
		return 1;
	va_start(ap, fmt);
	fputs("initviz: check: ", err);
	vfprintf(err, fmt, ap);
	fputc('\n', err);
	va_end(ap);
	return 1;
}

/* std goes from a at layer la to b at layer lb: more than 10x apart? */
static size_t ratio(FILE *err, const char *what, size_t la, double a, size_t lb,
		    double b, const char *why)
{
	if (iv_health_ratio_ok(a, b))
		return 0; /* NaN: reported below; both 0: distinct neurons */
	bool grows = b > a;
	double factor = grows ? b / a : a / b;
	if (!isfinite(factor)) /* one end is 0 */
		return say(err,
			   "%s std %s from %.3g at layer %zu to %.3g at "
			   "layer %zu: %s %s",
			   what, grows ? "rises" : "falls", a, la, b, lb, why,
			   grows ? "explode" : "vanish");
	return say(err,
		   "%s std %s %.3gx from %.3g at layer %zu to %.3g at "
		   "layer %zu (limit %gx): %s %s",
		   what, grows ? "grows" : "shrinks", factor, a, la, b, lb,
		   IV_HEALTH_RATIO, why, grows ? "explode" : "vanish");
}

struct tally {
	size_t count, first; /* layers with the problem, the first one */
};

static void mark(struct tally *t, bool bad, size_t layer)
{
	if (bad && t->count++ == 0)
		t->first = layer;
}

static size_t nonfinite_line(FILE *err, const iv_layer_stats *s, size_t layer,
			     size_t nbad, size_t n)
{
	int q = 0;
	while (q < IV_Q_COUNT - 1 && !s->q[q].nan && !s->q[q].inf)
		q++;
	return say(err,
		   "NaN or Inf values in %zu of %zu layers (first: "
		   "layer %zu %s, %zu NaN and %zu Inf): numbers overflowed",
		   nbad, n, layer, iv_quantity_name((iv_quantity)q),
		   s->q[q].nan, s->q[q].inf);
}

static size_t same_line(FILE *err, const iv_layer_stats *s, size_t layer,
			size_t nbad, size_t n)
{
	char dead[64] = "";
	if (s->dead_units)
		snprintf(dead, sizeof dead, ", %zu dead counted apart",
			 s->dead_units);
	return say(err,
		   "%zu of %zu layers have fewer distinct neurons than "
		   "live units (first: layer %zu, %zu distinct of %zu live "
		   "units%s): units compute the same function",
		   nbad, n, layer, iv_health_live_distinct(s),
		   iv_health_live_units(s), dead);
}

size_t cli_check_layers(const iv_layer_stats *const *ls, size_t n, FILE *err)
{
	struct tally sat = {0}, dead = {0}, same = {0}, bad = {0};
	size_t problems = 0;
	if (n == 0)
		return 0;
	const iv_layer_stats *a = ls[0], *b = ls[n - 1];
	problems += ratio(err, "activation", 1, a->q[IV_Q_ACT].std, n,
			  b->q[IV_Q_ACT].std, "signals");
	problems += ratio(err, "gradient", n, b->q[IV_Q_GRAD_ACT].std, 1,
			  a->q[IV_Q_GRAD_ACT].std, "gradients");
	for (size_t i = 0; i < n; i++) {
		const iv_layer_stats *s = ls[i];
		mark(&sat, iv_health_saturated(s), i);
		mark(&dead, iv_health_dead(s), i);
		mark(&same, iv_health_symmetric(s), i);
		mark(&bad, iv_health_nonfinite(s), i);
	}
	double growth;
	size_t blocks;
	if (iv_health_stream_explodes(ls, n, &growth, &blocks))
		problems +=
		    say(err,
			"the residual stream's mean square grows "
			"%.3gx a block over %zu blocks (limit %gx): the "
			"blocks' variances add up exponentially; scale the "
			"branch (--res-scale) or normalize it (--norm)",
			growth, blocks, IV_HEALTH_STREAM);
	if (sat.count)
		problems +=
		    say(err,
			"%zu of %zu layers have more than half their "
			"activations saturated (first: layer %zu, %.1f%%)",
			sat.count, n, sat.first + 1,
			100 * ls[sat.first]->saturated);
	if (dead.count)
		problems +=
		    say(err,
			"%zu of %zu layers have more than %g%% of "
			"their units dead, zero on every sample (first: "
			"layer %zu, %zu of %zu)",
			dead.count, n, 100 * IV_HEALTH_DEAD, dead.first + 1,
			ls[dead.first]->dead_units, ls[dead.first]->fan_out);
	if (same.count)
		problems += same_line(err, ls[same.first], same.first + 1,
				      same.count, n);
	if (bad.count)
		problems += nonfinite_line(err, ls[bad.first], bad.first + 1,
					   bad.count, n);
	return problems;
}

size_t cli_check_net(const iv_net *net, FILE *err)
{
	size_t n = iv_net_depth(net);
	/* an array of pointers: sizeof a pointer is meant */
	const iv_layer_stats **ls =
	    malloc(n * sizeof *ls); /* NOLINT(bugprone-sizeof-expression) */
	if (!ls)
		return say(err, "out of memory");
	for (size_t l = 1; l <= n; l++)
		ls[l - 1] = iv_net_layer(net, l);
	size_t problems = cli_check_layers(ls, n, err);
	free(ls);
	return problems;
}

size_t cli_check_training(const struct cli_analysis *x, FILE *err)
{
	if (!x->ntrain || isfinite(x->train_loss[x->ntrain - 1]))
		return 0;
	size_t k = x->train_step[x->ntrain - 1];
	return say(err,
		   "training diverged: the loss is not finite at step %zu%s", k,
		   x->train_stopped ? ", where training stopped" : "");
}
