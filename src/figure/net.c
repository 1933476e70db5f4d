/* SPDX-License-Identifier: MIT */
/* The figure of one finished network, for the report and the view alike. */
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include "figure/figure.h"

/* snprintf at buf + *n, *n moved on; nothing once buf is full. */
static void add(char *buf, size_t len, size_t *n, const char *fmt, ...)
{
	va_list ap;
	if (*n >= len)
		return;
	va_start(ap, fmt);
	int k = vsnprintf(buf + *n, len - *n, fmt, ap);
	va_end(ap);
	if (k > 0)
		*n += (size_t)k;
}

void iv_figure_arch(const iv_config *c, bool alpha, char *buf, size_t len)
{
	size_t n = 0;
	buf[0] = '\0';
	if (c->residual && alpha)
		add(buf, len, &n, ", residual (alpha %g)", iv_config_res_scale(c));
	else if (c->residual)
		add(buf, len, &n, ", residual");
	if (c->norm != IV_NORM_NONE)
		add(buf, len, &n, ", %s norm", iv_norm_name(c->norm));
}

void iv_figure_describe(const iv_config *c, char *title, char *sub, size_t len)
{
	char arch[96];
	size_t n = 0;
	iv_figure_arch(c, true, arch, sizeof arch);
	title[0] = sub[0] = '\0';
	add(title, len, &n, "initviz: %s", iv_act_name(c->act));
	if (iv_act_uses_slope(c->act))
		add(title, len, &n, " (slope %g)", c->slope);
	add(title, len, &n, ", %zu layers", c->depth);
	if (!c->nwidths)
		add(title, len, &n, " of %zu units", c->width);
	add(title, len, &n, "%s", arch);
	iv_config_init_text(c, sub, len); /* as the report's table */
	n = strlen(sub);
	add(sub, len, &n, ", batch %zu, input %s, seed %lu", c->batch,
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
