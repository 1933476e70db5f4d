/* SPDX-License-Identifier: MIT */
/* A figure for slides: depth profiles of the standard deviation of the
 * activations and gradients (measured and mean-field) on a log scale, and
 * per-layer histograms, written as one standalone SVG.
 *
 * No curses and no engine state: the caller (the report, or the view's
 * save key) fills an iv_figure with pointers to its own numbers, which
 * must stay valid during iv_figure_svg(). Every number drawn is also
 * written into the element that draws it (data-value, data-count), so
 * that tests and scripts can read the figure back. */
#ifndef IV_FIGURE_H
#define IV_FIGURE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <initviz/net.h>
#include <initviz/stats.h>
#include <initviz/theory.h>

/* One network's depth profile: n layers, values per layer (NaN where
 * there is none, e.g. no mean-field prediction; zeros are marked in a
 * row below the scale). Any pointer may be NULL. */
typedef struct iv_fig_series {
	const char *label; /* the legend's text; NULL for a single profile */
	size_t n;
	const double *act, *act_theory;   /* std of h_l */
	const double *grad, *grad_theory; /* std of g_l = dloss/dh_l */
} iv_fig_series;

/* Histograms of one layer (NULL: not drawn). */
typedef struct iv_fig_hist {
	size_t layer;
	const iv_stats *act, *grad;
} iv_fig_hist;

typedef struct iv_figure {
	const char *title;    /* large, first line */
	const char *subtitle; /* the settings, second line; may be NULL */
	const char *command;  /* small print at the bottom; may be NULL */
	size_t nseries;       /* 1: one profile with its histograms; more:
				 profiles on shared axes, one colour each */
	const iv_fig_series *series;
	size_t nhist; /* drawn with a single series only */
	const iv_fig_hist *hist;
	/* why no series has a mean field ("zeros weights are not ..."),
	 * written after "mean field: none: "; NULL: none given */
	const char *theory_none;
	/* why the gradients' mean field stops short (batch norm over a small
	 * batch: iv_theory_layers), and the values it accounts for; NULL: no
	 * such note */
	const char *theory_grad;
	size_t theory_grad_absent;
} iv_figure;

#define IV_FIG_HIST_MAX 5 /* histogram rows shown; callers sample layers */

/* Write fig as one SVG document to f. 0, or -1 on a write error. What
 * the profiles cannot place is said in notes beside the legend: a std of
 * 0 (marked x in a row labelled 0 below the log scale, a sub-row for
 * each series with one), the values left out as NaN or Inf,
 * and a mean field that is absent (with theory_none's reason). */
int iv_figure_svg(FILE *f, const iv_figure *fig);

/* The figure of a finished network (both passes done): its profile with
 * theory's predictions (depth entries, iv_theory_layers; NULL: none, with
 * iv_figure_theory_none's reason when the init has no theory), the
 * histograms of IV_FIG_HIST_MAX layers evenly spaced (first and last
 * included), the title and subtitle of its configuration, command in
 * small print (NULL: none). 0, or -1 on a write error or out of memory. */
/* The quantities whose histograms it draws: a network that leaves its
 * histograms out (iv_net_histograms) bins these first
 * (iv_net_fill_histograms); else the figure is refused (EINVAL). */
#define IV_FIG_QUANTITIES (IV_Q_BIT(IV_Q_ACT) | IV_Q_BIT(IV_Q_GRAD_ACT))
int iv_figure_net_svg(FILE *f, const iv_net *net, const iv_theory_layer *theory,
		      const char *command);
/* The same of net after steps training steps at rate lr (0 steps: at
 * initialization, as iv_figure_net_svg): the subtitle says so, and the
 * mean field, which predicts the network at initialization, is left out
 * with that reason. Not trained: net is at initialization and the steps
 * (those asked for) come after what is drawn (a report that trains), as
 * the subtitle says, with stopped in parentheses after them when training
 * stopped early (NULL: it did not). */
int iv_figure_net_trained_svg(FILE *f, const iv_net *net,
			      const iv_theory_layer *theory,
			      const char *command, size_t steps, double lr,
			      bool trained, const char *stopped);

/* ", at initialization, before 5 SGD steps at lr 0.02" into buf (len)
 * when steps > 0, else "": the figure of a report that trains; stopped
 * (NULL: none) follows in parentheses, "training stopped at step 3". */
void iv_figure_before(size_t steps, double lr, const char *stopped, char *buf,
		      size_t len);

/* "leaky-relu (slope 0.2)", or the activation's name alone when it has
 * no slope: c's activation as titles and tables name it, into buf (len). */
void iv_figure_act(const iv_config *c, char *buf, size_t len);

/* A figure's title ("initviz: relu, 20 layers of 256 units, residual
 * (alpha 1), layer norm") and subtitle (init with its std, value, gain and
 * mode, bias, batch, input, seed) for c, each up to len. */
void iv_figure_describe(const iv_config *c, char *title, char *sub, size_t len);

/* "8,32,4": c's --widths list, or when it is longer than about 48
 * characters its first widths, ",...," and the last; "" without one. */
void iv_figure_widths(const iv_config *c, char *buf, size_t len);

/* Why c's init has no mean field, for iv_figure.theory_none: NULL when
 * it has one (iv_theory_applies). buf holds len. */
const char *iv_figure_theory_none(const iv_config *c, char *buf, size_t len);

/* ", residual (alpha 1), batch norm" for c's architecture, "" for a plain
 * network; the alpha only when alpha is true. */
void iv_figure_arch(const iv_config *c, bool alpha, char *buf, size_t len);

/* A log scale's ends for the positive finite values of v[0..n-1]: the
 * decade that holds them all, else 1, 2 or 5 times a power of ten at each
 * end, at least a decade apart: *lo, *hi, always positive and finite
 * (a double's least or greatest where a power of ten is not). 0.1 and 10
 * when there is no such value. */
void iv_figure_log_range(const double *v, size_t n, double *lo, double *hi);

/* Up to max "nice" tick values (1, 2 or 5 times a power of 10) covering
 * [lo, hi]; returns how many were written into ticks. */
size_t iv_figure_ticks(double lo, double hi, size_t max, double *ticks);

#endif
