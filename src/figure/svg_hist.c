/* SPDX-License-Identifier: MIT */
/* The figure's histograms: one row per layer, activations beside gradients. */
#include <math.h>
#include <stdlib.h>
#include "figure/svg_impl.h"

#define HIST_GAP 24 /* between the two columns */

/* An end of a histogram's range as its label: three significant digits,
 * rounded inward where the nearest would lie past the data, so that the
 * label never names a value the data does not reach (a tanh layer's
 * -0.99985 reads -0.999, not -1). outward is the side the label must not
 * cross: -1 for the low end, +1 for the high one. */
static void edge_label(char *b, size_t n, double v, int outward)
{
	snprintf(b, n, "%.3g", v);
	double r = strtod(b, NULL);
	if (!isfinite(v) || v == 0 || (outward < 0 ? r >= v : r <= v))
		return;
	double unit = pow(10, floor(log10(fabs(v))) - 2);
	snprintf(b, n, "%.3g",
		 (outward < 0 ? ceil(v / unit) : floor(v / unit)) * unit);
}

/* One histogram: a bar per bin, heights relative to the fullest bin. */
static void histogram(FILE *f, const iv_stats *s, const char *kind,
		      size_t layer, const char *colour, double x, double y,
		      double w, double h)
{
	const gsl_histogram *hist = s->hist;
	double top = 0, bw = w / (double)hist->n;
	for (size_t i = 0; i < hist->n; i++)
		top = fmax(top, hist->bin[i]);
	fprintf(f,
		"<g class=\"histogram\" data-layer=\"%zu\" data-kind=\"%s\" "
		"data-lo=\"",
		layer, kind);
	svg_num(f, hist->range[0]);
	fputs("\" data-hi=\"", f);
	svg_num(f, hist->range[hist->n]);
	fprintf(f, "\" fill=\"%s\">\n", colour);
	for (size_t i = 0; i < hist->n; i++) {
		double bh = top > 0 ? h * hist->bin[i] / top : 0;
		fprintf(f,
			"<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" "
			"height=\"%.2f\" data-count=\"%.0f\"/>\n",
			x + bw * (double)i, y + h - bh, bw * 0.92, bh,
			hist->bin[i]);
	}
	fprintf(f,
		"<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
		"stroke=\"%s\" stroke-width=\"1\"/>\n",
		x, y + h, x + w, y + h, SVG_GREY);
	char lo[32], hi[32];
	edge_label(lo, sizeof lo, hist->range[0], -1);
	edge_label(hi, sizeof hi, hist->range[hist->n], 1);
	fprintf(f,
		"<text x=\"%.1f\" y=\"%.1f\" font-size=\"%d\" fill=\"%s\">"
		"%s</text>\n",
		x, y + h + FS_SMALL + 2, FS_SMALL, SVG_GREY, lo);
	fprintf(f,
		"<text x=\"%.1f\" y=\"%.1f\" font-size=\"%d\" fill=\"%s\" "
		"text-anchor=\"end\">%s</text>\n</g>\n",
		x + w, y + h + FS_SMALL + 2, FS_SMALL, SVG_GREY, hi);
}

void svg_histograms(FILE *f, const iv_figure *fig, double x, double y, double w,
		    double h)
{
	size_t rows =
	    fig->nhist < IV_FIG_HIST_MAX ? fig->nhist : IV_FIG_HIST_MAX;
	double cw = (w - HIST_GAP) / 2, rh = rows ? h / (double)rows : h;
	if (!rows)
		return;
	fprintf(f,
		"<text x=\"%.1f\" y=\"%.1f\" font-size=\"%d\" "
		"fill=\"%s\">activations</text>\n",
		x, y - 12, FS_LABEL, iv_svg_palette[0]);
	fprintf(f,
		"<text x=\"%.1f\" y=\"%.1f\" font-size=\"%d\" "
		"fill=\"%s\">gradients</text>\n",
		x + cw + HIST_GAP, y - 12, FS_LABEL, iv_svg_palette[1]);
	for (size_t r = 0; r < rows; r++) {
		const iv_fig_hist *hh = &fig->hist[r];
		double top = y + rh * (double)r + FS_TICK + 4;
		double bar = rh - FS_TICK - FS_SMALL - 16;
		fprintf(f,
			"<text x=\"%.1f\" y=\"%.1f\" font-size=\"%d\">layer "
			"%zu</text>\n",
			x, top - 6, FS_TICK, hh->layer);
		if (hh->act)
			histogram(f, hh->act, "activation", hh->layer,
				  iv_svg_palette[0], x, top, cw, bar);
		if (hh->grad)
			histogram(f, hh->grad, "gradient", hh->layer,
				  iv_svg_palette[1], x + cw + HIST_GAP, top, cw,
				  bar);
	}
}
