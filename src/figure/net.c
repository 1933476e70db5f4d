/* SPDX-License-Identifier: MIT */
/* The figure of one finished network, for the report and the view alike. */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "figure/figure.h"

void iv_figure_arch(const iv_config *c, bool alpha, char *buf, size_t len)
{
	char res[64] = "", norm[32] = "";
	if (c->residual && alpha)
		snprintf(res, sizeof res, ", residual (alpha %g)",
			 iv_config_res_scale(c));
	else if (c->residual)
		snprintf(res, sizeof res, ", residual");
	if (c->norm != IV_NORM_NONE)
		snprintf(norm, sizeof norm, ", %s norm", iv_norm_name(c->norm));
	snprintf(buf, len, "%s%s", res, norm);
}

#define WIDTHS_TEXT 48

void iv_figure_widths(const iv_config *c, char *buf, size_t len)
{
	char last[16];
	size_t n = c->nwidths, k = 0, total = 0;
	if (len)
		buf[0] = '\0';
	if (!n || !len)
		return;
	snprintf(last, sizeof last, "%u", (unsigned)c->widths[n - 1]);
	for (size_t i = 0; i < n; i++) /* digits and commas */
		total += (size_t)snprintf(NULL, 0, "%u", (unsigned)c->widths[i]) +
			 (i > 0);
	for (size_t i = 0; i < n && k < len; i++) {
		char w[16];
		size_t m = (size_t)snprintf(w, sizeof w, "%s%u", i ? "," : "",
					    (unsigned)c->widths[i]);
		/* room for ",...," and the last after it, unless all fit */
		if (total > WIDTHS_TEXT && (i == n - 1 || k + m + 5 +
						    strlen(last) > WIDTHS_TEXT)) {
			snprintf(buf + k, len - k, ",...,%s", last);
			return;
		}
		k += (size_t)snprintf(buf + k, len - k, "%s", w);
	}
}

void iv_figure_act(const iv_config *c, char *buf, size_t len)
{
	if (iv_act_uses_slope(c->act))
		snprintf(buf, len, "%s (slope %g)", iv_act_name(c->act),
			 c->slope);
	else
		snprintf(buf, len, "%s", iv_act_name(c->act));
}

void iv_figure_describe(const iv_config *c, char *title, char *sub, size_t len)
{
	char arch[96], act[64], units[80], widths[64];
	iv_figure_arch(c, true, arch, sizeof arch);
	iv_figure_act(c, act, sizeof act);
	iv_figure_widths(c, widths, sizeof widths);
	if (!c->nwidths)
		snprintf(units, sizeof units, " of %zu units", c->width);
	else /* the list the network has, as the table's */
		snprintf(units, sizeof units, " of widths %s", widths);
	snprintf(title, len, "initviz: %s, %zu layer%s%s%s", act, c->depth,
		 c->depth == 1 ? "" : "s", units, arch);
	iv_config_init_text(c, sub, len); /* as the report's table */
	size_t n = strlen(sub);
	if (n + 1 < len)
		snprintf(sub + n, len - n, ", batch %zu, input %s, seed %lu",
			 c->batch, iv_input_name(c->input), c->seed);
}

const char *iv_figure_theory_none(const iv_config *c, char *buf, size_t len)
{
	if (iv_theory_applies(c->init))
		return NULL;
	/* the report table's words */
	snprintf(buf, len,
		 "%s weights are not independent zero-mean random numbers",
		 iv_init_name(c->init));
	return buf;
}

int iv_figure_net_svg(FILE *f, const iv_net *net, const iv_theory_layer *theory,
		      const char *command)
{
	return iv_figure_net_trained_svg(f, net, theory, command, 0, 0, false,
					 NULL);
}

void iv_figure_before(size_t steps, double lr, const char *stopped, char *buf,
		      size_t len)
{
	if (steps == 0)
		snprintf(buf, len, "%s", "");
	else
		snprintf(buf, len,
			 ", at initialization, before %zu SGD step%s at lr "
			 "%g%s%s%s",
			 steps, steps == 1 ? "" : "s", lr, stopped ? " (" : "",
			 stopped ? stopped : "", stopped ? ")" : "");
}

int iv_figure_net_trained_svg(FILE *f, const iv_net *net,
			      const iv_theory_layer *theory,
			      const char *command, size_t steps, double lr,
			      bool trained, const char *stopped)
{
	size_t L = iv_net_depth(net),
	       nh = L < IV_FIG_HIST_MAX ? L : IV_FIG_HIST_MAX;
	double *v = malloc(4 * L * sizeof *v);
	char title[384], sub[384], none[128];
	iv_fig_hist hist[IV_FIG_HIST_MAX];
	if (!v)
		return -1;
	if (steps > 0 && trained) /* a prediction of another network */
		theory = NULL;
	for (size_t l = 1; l <= L; l++) {
		const iv_layer_stats *s = iv_net_layer(net, l);
		v[l - 1] = iv_stats_std_all(&s->q[IV_Q_ACT]);
		v[L + l - 1] = theory ? theory[l - 1].activation_std : NAN;
		v[2 * L + l - 1] = iv_stats_std_all(&s->q[IV_Q_GRAD_ACT]);
		v[3 * L + l - 1] =
		    theory ? theory[l - 1].grad_activation_std : NAN;
	}
	for (size_t i = 0; i < nh; i++) { /* evenly spaced, first and last */
		size_t l =
		    nh < 2 ? 1 : 1 + (i * (L - 1) + (nh - 1) / 2) / (nh - 1);
		const iv_layer_stats *s = iv_net_layer(net, l);
		hist[i] =
		    (iv_fig_hist){l, &s->q[IV_Q_ACT], &s->q[IV_Q_GRAD_ACT]};
		if (!hist[i].act->binned || !hist[i].grad->binned) {
			/* left out (iv_net_histograms): no empty bars */
			free(v);
			errno = EINVAL;
			return -1;
		}
	}
	iv_fig_series series = {NULL, L, v, v + L, v + 2 * L, v + 3 * L};
	iv_figure_describe(iv_net_config(net), title, sub, sizeof title);
	const char *why = iv_figure_theory_none(iv_net_config(net), none,
						sizeof none);
	size_t n = strlen(sub);
	if (steps > 0 && !trained) {
		char before[160];
		iv_figure_before(steps, lr, stopped, before, sizeof before);
		n += (size_t)snprintf(sub + n, sizeof sub - n, "%s", before);
	} else if (steps > 0) {
		n += (size_t)snprintf(sub + n, sizeof sub - n,
				      ", after %zu SGD step%s at lr %g", steps,
				      steps == 1 ? "" : "s", lr);
		if (!why) {
			snprintf(none, sizeof none,
				 "it predicts the network at initialization, "
				 "not after training");
			why = none;
		}
	}
	/* what the gradients' stds are relative to: the report's probe */
	if (n < sizeof sub)
		snprintf(sub + n, sizeof sub - n,
			 "; gradients from N(0, 1) at layer %zu", L);
	/* batch norm over a small batch: the gradients' mean field stops */
	char grad[160];
	size_t gone = theory ? iv_theory_grad_floor(theory, L) - 1 : 0;
	if (gone)
		snprintf(grad, sizeof grad,
			 "gradients' mean field: none below layer %zu, batch "
			 "norm over %zu samples (Yang et al. 2019)",
			 gone + 1, iv_net_config(net)->batch);
	iv_figure fig = {.title = title,
			 .subtitle = sub,
			 .command = command,
			 .nseries = 1,
			 .series = &series,
			 .nhist = nh,
			 .hist = hist,
			 .theory_none = why,
			 .theory_grad = gone ? grad : NULL,
			 .theory_grad_absent = gone};
	int rc = iv_figure_svg(f, &fig);
	free(v);
	return rc;
}
