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

/* "3 NaN, 87 Inf left out": the entries a histogram of finite values
 * cannot bin, within width room at FS_SMALL (without the counts when they
 * do not fit); 0 when there are none. */
static int left_out(const iv_stats *s, double room, char *b, size_t n)
{
	char nan[32] = "", inf[32] = "";
	if (s->nan == 0 && s->inf == 0)
		return 0;
	if (s->nan)
		snprintf(nan, sizeof nan, "%zu NaN", s->nan);
	if (s->inf)
		snprintf(inf, sizeof inf, "%zu Inf", s->inf);
	snprintf(b, n, "%s%s%s left out", nan, s->nan && s->inf ? ", " : "",
		 inf);
	if (svg_text_width(b, FS_SMALL, false) > room)
		snprintf(b, n, "%s%s%s left out", s->nan ? "NaN" : "",
			 s->nan && s->inf ? ", " : "", s->inf ? "Inf" : "");
	return 1;
}

/* One histogram: a bar per bin, heights relative to the fullest bin; a
 * constant's one bar is labelled with its value, not with the ends the
 * bins were widened to. */
static void histogram(FILE *f, const iv_stats *s, const char *kind,
		      size_t layer, const char *colour, double x, double y,
		      double w, double h, double room)
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
	char lo[32], hi[32], left[96];
	if (left_out(s, room, left, sizeof left)) /* above the bars, right */
		fprintf(f,
			"<text class=\"left-out\" x=\"%.1f\" y=\"%.1f\" "
			"font-size=\"%d\" fill=\"%s\" text-anchor=\"end\">%s"
			"</text>\n",
			x + w, y - 6, FS_SMALL, SVG_GREY, left);
	if (s->finite == 0 || s->min == s->max) {
		/* no range to label: the bins' ends were made up around the
		 * value (or there is none), so name what there is */
		if (s->finite == 0)
			snprintf(lo, sizeof lo, "no finite value");
		else
			snprintf(lo, sizeof lo, "all %.3g", s->min);
		fprintf(f,
			"<text x=\"%.1f\" y=\"%.1f\" font-size=\"%d\" "
			"fill=\"%s\" text-anchor=\"middle\">%s</text>\n</g>\n",
			x + w / 2, y + h + FS_SMALL + 2, FS_SMALL, SVG_GREY, lo);
		return;
	}
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
		char name[32];
		snprintf(name, sizeof name, "layer %zu", hh->layer);
		fprintf(f,
			"<text x=\"%.1f\" y=\"%.1f\" font-size=\"%d\">%s"
			"</text>\n",
			x, top - 6, FS_TICK, name);
		/* the activations' note shares its line with the name */
		double room = cw - svg_text_width(name, FS_TICK, false) - 12;
		if (hh->act)
			histogram(f, hh->act, "activation", hh->layer,
				  iv_svg_palette[0], x, top, cw, bar, room);
		if (hh->grad)
			histogram(f, hh->grad, "gradient", hh->layer,
				  iv_svg_palette[1], x + cw + HIST_GAP, top, cw,
				  bar, cw);
	}
}
