/* SPDX-License-Identifier: MIT */
/* The figure of one finished network, for the report and the view alike. */
#include <math.h>
#include <stdlib.h>
#include "figure/figure.h"

void iv_figure_describe(const iv_config *c, char *title, char *sub, size_t len)
{
	int n = snprintf(title, len, "initviz: %s, %zu layers",
			 iv_act_name(c->act), c->depth);
	if (!c->nwidths && n > 0 && (size_t)n < len)
		snprintf(title + n, len - (size_t)n, " of %zu units", c->width);
	n = snprintf(sub, len, "init %s", iv_init_name(c->init));
	if (iv_init_uses_std(c->init) && n > 0 && (size_t)n < len)
		n += snprintf(sub + n, len - (size_t)n, " (std %g)", c->std);
	if (iv_init_uses_gain(c->init) && n > 0 && (size_t)n < len)
		n += snprintf(sub + n, len - (size_t)n, " (gain %g)", c->gain);
	if (n > 0 && (size_t)n < len)
		snprintf(sub + n, len - (size_t)n,
			 ", bias %g%s, batch %zu, input "
			 "%s, seed %lu",
			 c->bias, c->bias_std > 0 ? " + noise" : "", c->batch,
			 iv_input_name(c->input), c->seed);
}

int iv_figure_net_svg(FILE *f, const iv_net *net, const iv_theory_layer *theory,
		      const char *command)
{
	size_t L = iv_net_depth(net),
	       nh = L < IV_FIG_HIST_MAX ? L : IV_FIG_HIST_MAX;
	double *v = malloc(4 * L * sizeof *v);
	char title[256], sub[256];
	iv_fig_hist hist[IV_FIG_HIST_MAX];
	if (!v)
		return -1;
	for (size_t l = 1; l <= L; l++) {
		const iv_layer_stats *s = iv_net_layer(net, l);
		v[l - 1] = s->q[IV_Q_ACT].std;
		v[L + l - 1] = theory ? theory[l - 1].activation_std : NAN;
		v[2 * L + l - 1] = s->q[IV_Q_GRAD_ACT].std;
		v[3 * L + l - 1] =
		    theory ? theory[l - 1].grad_activation_std : NAN;
	}
	for (size_t i = 0; i < nh; i++) { /* evenly spaced, first and last */
		size_t l =
		    nh < 2 ? 1 : 1 + (i * (L - 1) + (nh - 1) / 2) / (nh - 1);
		const iv_layer_stats *s = iv_net_layer(net, l);
		hist[i] =
		    (iv_fig_hist){l, &s->q[IV_Q_ACT], &s->q[IV_Q_GRAD_ACT]};
	}
	iv_fig_series series = {NULL, L, v, v + L, v + 2 * L, v + 3 * L};
	iv_figure_describe(iv_net_config(net), title, sub, sizeof title);
	iv_figure fig = {title, sub, command, 1, &series, nh, hist};
	int rc = iv_figure_svg(f, &fig);
	free(v);
	return rc;
}
