/* SPDX-License-Identifier: MIT */
/* The SVG document: title, depth-profile panels, legend, command line. */
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include "figure/svg_impl.h"
#include "util/wrap.h"

/* Okabe-Ito without its yellow, too pale for a line on white */
const char *const iv_svg_palette[] = {"#0072B2", "#D55E00", "#009E73",
				      "#CC79A7", "#E69F00", "#56B4E9",
				      "#000000"};
const size_t iv_svg_ncolours = sizeof iv_svg_palette / sizeof iv_svg_palette[0];

/* Advance widths of DejaVu Sans and DejaVu Sans Bold (SVG_FONT's first),
 * thousandths of an em, for ASCII 32..126, rounded up, from the fonts'
 * hmtx tables. */
static const unsigned short advance[2][95] = {
    {
	318, 401, 460, 838, 637, 951, 780, 275, 391, 391, 500, 838, 318, 361,
	318, 337, 637, 637, 637, 637, 637, 637, 637, 637, 637, 637, 337, 337,
	838, 838, 838, 531, 1000, 685, 687, 699, 771, 632, 576, 775, 752, 295,
	295, 656, 558, 863, 749, 788, 604, 788, 695, 635, 611, 732, 685, 989,
	686, 611, 686, 391, 337, 391, 838, 500, 500, 613, 635, 550, 635, 616,
	353, 635, 634, 278, 278, 580, 278, 975, 634, 612, 635, 635, 412, 521,
	393, 634, 592, 818, 592, 592, 525, 637, 337, 637, 838
    },
    {
	349, 457, 521, 838, 696, 1002, 873, 307, 458, 458, 523, 838, 380, 416,
	380, 366, 696, 696, 696, 696, 696, 696, 696, 696, 696, 696, 400, 400,
	838, 838, 838, 581, 1000, 774, 763, 734, 831, 684, 684, 821, 837, 373,
	373, 775, 638, 996, 837, 851, 733, 851, 771, 721, 683, 813, 774, 1104,
	771, 725, 726, 458, 366, 458, 838, 500, 500, 675, 716, 593, 716, 679,
	436, 716, 712, 343, 343, 666, 343, 1042, 712, 688, 716, 716, 494, 596,
	479, 712, 652, 924, 646, 652, 583, 712, 366, 712, 838
    }};

/* The width of the first n bytes of s. */
static double width_n(const char *s, size_t n, double px, bool bold)
{
	double w = 0;
	for (size_t i = 0; i < n && s[i]; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 32 && c < 127)
			w += advance[bold][c - 32];
		else if ((c & 0xc0) != 0x80) /* a UTF-8 lead byte: 1 em */
			w += 1000;
	}
	return w * px / 1000.0;
}

double svg_text_width(const char *s, double px, bool bold)
{
	return width_n(s, (size_t)-1, px, bold);
}

/* The largest font size from px down to FS_SMALL at which s fits in
 * width w (FS_SMALL when none does). */
static int fit_size(const char *s, int px, double w, bool bold)
{
	while (s && px > FS_SMALL && svg_text_width(s, px, bold) > w)
		px--;
	return px;
}

#define SVG_REST "#aaaaaa" /* the series past the distinct styles */
/* The small print: 16 px monospace (0.602 em a character) within the
 * page's width less its margins, at most COMMAND_LINES lines. */
#define COMMAND_COLS  160
#define COMMAND_LINES 4

/* A sweep's series styles: each colour solid, then each dashed; the
 * series past them are drawn alike in light grey, as "the rest", so that
 * no two series the legend names look alike. */
#define NSTYLES (2 * iv_svg_ncolours)

static const char *series_colour(size_t i, size_t named)
{
	return i < named ? iv_svg_palette[i % iv_svg_ncolours] : SVG_REST;
}

static const char *series_dash(size_t i, size_t named)
{
	return i < named && i >= iv_svg_ncolours ? "12 6" : NULL;
}

/* A sweep's legend: keys at LEGEND_X from LEGEND_TOP, a row each, a label
 * wrapped at spaces to the figure's right edge taking LEGEND_LINE more per
 * further line; no line below LEGEND_BOTTOM (the small print's top). */
#define LEGEND_X      1270.0
#define LEGEND_TOP    170.0
#define LEGEND_ROW    34.0
#define LEGEND_LINE   24.0
#define LEGEND_BOTTOM 880.0
#define LEGEND_TEXT_W (SVG_W - (LEGEND_X + 54) - 8)
#define LEGEND_LINES  8

/* Text s broken at spaces into lines of at most LEGEND_TEXT_W at FS_TICK
 * (a word wider than that alone on its line): up to LEGEND_LINES (start,
 * length) pairs, the rest of s in the last. Returns the number of lines. */
static size_t wrap_label(const char *s, const char **start, size_t *len)
{
	size_t n = 0;
	if (!s)
		return 0;
	while (*s && n < LEGEND_LINES) {
		size_t end = 0, i = 0; /* end: the line so far */
		for (;;) {
			while (s[i] && s[i] != ' ')
				i++;
			if (end && width_n(s, i, FS_TICK, false) > LEGEND_TEXT_W)
				break;
			end = i;
			if (!s[i])
				break;
			i++;
		}
		if (n == LEGEND_LINES - 1)
			end = strlen(s);
		start[n] = s;
		len[n++] = end;
		s += end;
		while (*s == ' ')
			s++;
	}
	return n;
}

/* The quantities of a profile panel. */
enum { Q_ACT, Q_GRAD };

double svg_x(const svg_panel *p, double layer)
{
	if (p->x_hi <= p->x_lo)
		return p->x0 + p->w / 2;
	return p->x0 + (layer - p->x_lo) / (p->x_hi - p->x_lo) * p->w;
}

double svg_y(const svg_panel *p, double v)
{
	double a = log10(p->y_lo), b = log10(p->y_hi);
	return p->y0 + (b - log10(v)) / (b - a) * p->h;
}

/* Whether v lies on the panel's scale, ends included to rounding. */
bool svg_y_inside(const svg_panel *p, double v)
{
	return v >= p->y_lo * (1 - 1e-9) && v <= p->y_hi * (1 + 1e-9);
}

void svg_escape(FILE *f, const char *s)
{
	for (; s && *s; s++)
		switch (*s) {
		case '&': fputs("&amp;", f); break;
		case '<': fputs("&lt;", f); break;
		case '>': fputs("&gt;", f); break;
		case '"': fputs("&quot;", f); break;
		default: fputc(*s, f); break;
		}
}

void svg_num(FILE *f, double v)
{
	if (isnan(v))
		fputs("NaN", f);
	else if (isinf(v))
		fputs(v > 0 ? "inf" : "-inf", f);
	else
		fprintf(f, "%.17g", v);
}

static const double *values(const iv_fig_series *s, int q, bool theory)
{
	if (q == Q_ACT)
		return theory ? s->act_theory : s->act;
	return theory ? s->grad_theory : s->grad;
}

/* The log range of every value the panels of quantities qa..qb show. */
static void y_range(const iv_figure *fig, int qa, int qb, double *lo,
		    double *hi)
{
	size_t total = 0, k = 0;
	for (size_t i = 0; i < fig->nseries; i++)
		total += 4 * fig->series[i].n;
	double *v = malloc((total ? total : 1) * sizeof *v);
	if (!v) {
		iv_figure_log_range(NULL, 0, lo, hi);
		return;
	}
	for (size_t i = 0; i < fig->nseries; i++)
		for (int q = qa; q <= qb; q++)
			for (int t = 0; t < 2; t++) {
				const double *x = values(&fig->series[i], q, t);
				for (size_t l = 0; x && l < fig->series[i].n;
				     l++)
					v[k++] = x[l];
			}
	iv_figure_log_range(v, k, lo, hi);
	free(v);
}

/* "0.01", "1", "1e-05": a tick's label. */
static void tick_label(char *buf, size_t len, double v)
{
	double e = log10(v);
	if (fabs(e) <= 3.5)
		snprintf(buf, len, "%g", v);
	else
		snprintf(buf, len, "1e%.0f", floor(e + 0.5));
}

/* The row of zeros: ZERO_GAP below the scale, ZERO_PAD above and below
 * its sub-rows of ZERO_ROW each, the least that keeps two crosses of a
 * layer apart. The sub-rows are one per named series and one for the rest
 * (zero_rows), so at most NSTYLES + 1 = 15: the row then takes 250 of a panel's
 * 620 units and leaves the scale the rest. */
#define ZERO_GAP 12.0
#define ZERO_PAD 5.0
#define ZERO_ROW 16.0

/* Takes the row of zeros (rows sub-rows) off the bottom of p's plot area;
 * nothing when rows is 0. */
static void zero_row(svg_panel *p, size_t rows)
{
	p->zero_rows = rows;
	p->zero_h = rows ? 2 * ZERO_PAD + ZERO_ROW * (double)rows : 0;
	if (!rows)
		return;
	p->zero_y0 = p->y0 + p->h - p->zero_h;
	p->h -= p->zero_h + ZERO_GAP;
}

/* The middle of sub-row k of p's row of zeros. */
static double zero_y(const svg_panel *p, size_t k)
{
	if (!p->zero_rows) /* no zero to place */
		return p->y0 + p->h;
	double step = (p->zero_h - 2 * ZERO_PAD) / (double)p->zero_rows;
	return p->zero_y0 + ZERO_PAD + step * ((double)k + 0.5);
}

/* The bottom of p's frames: the row of zeros' when there is one. */
static double panel_bottom(const svg_panel *p)
{
	return p->zero_h > 0 ? p->zero_y0 + p->zero_h : p->y0 + p->h;
}

/* p's row of zeros, if it has one: a frame apart, as 0 is not on the log
 * scale, labelled 0 clear of a layer 1's cross. */
static void zero_frame(FILE *f, const svg_panel *p)
{
	if (p->zero_h > 0)
		fprintf(f,
			"<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
			"height=\"%.1f\" fill=\"#f4f4f4\" stroke=\"%s\"/>\n"
			"<text x=\"%.1f\" y=\"%.1f\" font-size=\"%d\" "
			"text-anchor=\"end\">0</text>\n",
			p->x0, p->zero_y0, p->w, p->zero_h, SVG_GREY, p->x0 - 12,
			p->zero_y0 + p->zero_h / 2 + FS_TICK / 3.0, FS_TICK);
}

static void axes(FILE *f, const svg_panel *p, const char *ylabel)
{
	double t[12];
	char buf[32];
	fprintf(f,
		"<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
		"fill=\"none\" stroke=\"%s\"/>\n",
		p->x0, p->y0, p->w, p->h, SVG_GREY);
	zero_frame(f, p);
	/* powers of ten labelled (at most about 8), and 2 and 5 times them in
	 * grey over two decades or less; the ends need not be powers of ten */
	double decades = log10(p->y_hi) - log10(p->y_lo); /* hi/lo may be inf */
	int every = ((int)floor(decades + 0.5) + 7) / 8, first = 1;
	int e0 = (int)floor(log10(p->y_lo)), e1 = (int)ceil(log10(p->y_hi));
	for (int e = e0, d = 0; e <= e1; e++) {
		double v = pow(10, e);
		if (!svg_y_inside(p, v))
			continue;
		if (first || ++d % (every ? every : 1) == 0) {
			double y = svg_y(p, v);
			tick_label(buf, sizeof buf, v);
			fprintf(f,
				"<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
				"y2=\"%.1f\" stroke=\"#dddddd\"/>\n<text "
				"x=\"%.1f\" y=\"%.1f\" font-size=\"%d\" "
				"text-anchor=\"end\">%s</text>\n",
				p->x0, y, p->x0 + p->w, y, p->x0 - 8,
				y + FS_TICK / 3.0, FS_TICK, buf);
		}
		first = 0;
	}
	for (int e = e0; decades <= 2 + 1e-9 && e <= e1; e++) /* 2 and 5 */
		for (int m = 2; m <= 5; m += 3) {
			double v = m * pow(10, e), y = svg_y(p, v);
			if (!svg_y_inside(p, v))
				continue;
			fprintf(
			    f,
			    "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
			    "y2=\"%.1f\" stroke=\"#eeeeee\"/>\n<text "
			    "x=\"%.1f\" "
			    "y=\"%.1f\" font-size=\"%d\" text-anchor=\"end\" "
			    "fill=\"%s\">%g</text>\n",
			    p->x0, y, p->x0 + p->w, y, p->x0 - 8,
			    y + FS_TICK / 3.0, FS_TICK, SVG_GREY, v);
		}
	/* whole layers: never more ticks than layers */
	double span = p->x_hi - p->x_lo + 1;
	size_t n =
	    iv_figure_ticks(p->x_lo, p->x_hi, span < 10 ? (size_t)span : 10, t);
	for (size_t i = 0; i < n; i++)
		fprintf(f,
			"<text x=\"%.1f\" y=\"%.1f\" font-size=\"%d\" "
			"text-anchor=\"middle\">%g</text>\n",
			svg_x(p, t[i]), panel_bottom(p) + FS_TICK + 6, FS_TICK,
			t[i]);
	fprintf(f,
		"<text x=\"%.1f\" y=\"%.1f\" font-size=\"%d\" "
		"text-anchor=\"middle\">layer</text>\n",
		p->x0 + p->w / 2, panel_bottom(p) + FS_TICK + FS_LABEL + 14,
		FS_LABEL);
	fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%d\">%s</text>\n",
		p->x0, p->y0 - 14, FS_LABEL, ylabel);
}

static bool placed(double v) { return isfinite(v) && v > 0; }

/* A path through the values that can be placed, broken where one cannot.
 * tick: a value with no neighbour to join (one layer, or between NaN) is
 * drawn as a short level stroke through it, for lines whose markers do
 * not show (the mean field, deep networks), so that no value is lost. */
static void path(FILE *f, const svg_panel *p, const double *v, size_t n,
		 const char *colour, const char *width, const char *dash,
		 bool tick)
{
	bool pen = false;
	/* within half a layer's step, so that it names no neighbour */
	double half = p->x_hi > p->x_lo ? p->w / (p->x_hi - p->x_lo) * 0.45
					: p->w / 2;
	half = fmin(half, 12);
	fprintf(f,
		"<path fill=\"none\" stroke=\"%s\" stroke-width=\"%s\"%s%s%s "
		"d=\"",
		colour, width, dash ? " stroke-dasharray=\"" : "",
		dash ? dash : "", dash ? "\"" : "");
	for (size_t l = 0; l < n; l++) {
		bool ok = placed(v[l]);
		double x = svg_x(p, (double)l + 1);
		if (ok && tick && !pen && (l + 1 == n || !placed(v[l + 1])))
			/* inside the frame: layer 1's starts at its edge */
			fprintf(f, "M%.2f %.2f L%.2f %.2f ",
				fmax(x - half, p->x0), svg_y(p, v[l]),
				fmin(x + half, p->x0 + p->w), svg_y(p, v[l]));
		else if (ok)
			fprintf(f, "%c%.2f %.2f ", pen ? 'L' : 'M', x,
				svg_y(p, v[l]));
		pen = ok;
	}
	fputs("\"/>\n", f);
}

/* The radius of the measured markers of a profile of n layers: none
 * where they would crowd the line (deep networks). */
static double marker_r(size_t n) { return n > 60 ? 0 : 6; }

/* A marker's fill: hollow (white, ringed in its colour) on a dashed line,
 * whose dashes markers at every layer leave little room, so that it
 * differs from the solid line of the same colour. */
static void marker_fill(FILE *f, const char *colour, bool hollow)
{
	if (hollow)
		fprintf(f,
			"fill=\"#ffffff\" stroke=\"%s\" stroke-width=\"2.5\"",
			colour);
	else
		fprintf(f, "fill=\"%s\"", colour);
}

/* One line of a profile: its path, a marker per layer carrying the value
 * (invisible for predictions and deep networks; hollow on a dashed line),
 * a cross for a zero in sub-row zrow of the row of zeros. A prediction is
 * drawn over the measured line, dashed on a white casing, so that where
 * the two agree both still show. crossed (NULL: none), for the series that
 * share a sub-row and its grey: the layers whose cross is drawn there
 * already, where one more would only cover it. */
static void line(FILE *f, const svg_panel *p, const double *v, size_t n,
		 const char *kind, const char *colour, bool theory,
		 const char *dash, size_t zrow, bool *crossed)
{
	double r = theory ? 0 : marker_r(n);
	if (theory)
		path(f, p, v, n, "#ffffff", "5.5", dash, r == 0);
	path(f, p, v, n, colour, theory ? "2.5" : "3.5", dash, r == 0);
	for (size_t l = 0; l < n; l++) {
		bool ok = isfinite(v[l]) && v[l] > 0;
		double x = svg_x(p, (double)l + 1);
		double y = ok ? svg_y(p, v[l]) : zero_y(p, zrow);
		if (!ok && v[l] != 0)
			continue; /* NaN, Inf: nothing to draw */
		fprintf(f, "<circle cx=\"%.2f\" cy=\"%.2f\" r=\"%.1f\" ", x, y,
			ok ? r : 0);
		marker_fill(f, colour, ok && r > 0 && dash);
		fprintf(f, " data-kind=\"%s%s\" data-layer=\"%zu\" data-value=\"",
			kind, theory ? "_theory" : "", l + 1);
		svg_num(f, v[l]);
		fputs("\"/>\n", f);
		if (ok || theory || (crossed && crossed[l]))
			continue;
		if (crossed)
			crossed[l] = true;
		fprintf(f, /* centred on y: x's middle is 0.36 em up */
				"<text x=\"%.2f\" y=\"%.2f\" font-size=\"%d\" "
				"fill=\"%s\" "
				"text-anchor=\"middle\">&#215;</text>\n",
				x, y + 0.36 * FS_LABEL, FS_LABEL, colour);
	}
}

/* Whether series s has a std of exactly 0 among quantities qa..qb,
 * measured or predicted (the prediction's invisible marker goes to the row
 * of zeros as well). */
static bool has_zero(const iv_fig_series *s, int qa, int qb)
{
	for (int q = qa; q <= qb; q++)
		for (int t = 0; t < 2; t++) {
			const double *v = values(s, q, t);
			for (size_t l = 0; v && l < s->n; l++)
				if (v[l] == 0)
					return true;
		}
	return false;
}

/* The sub-row of the row of zeros of each series of fig into row: each of
 * the first named series with a zero in either quantity a sub-row of its
 * own, in order, the same in both panels; the rest, drawn alike in grey,
 * share the last. Returns how many there are. Without row (out of
 * memory) they all share one. */
static size_t zero_rows(const iv_figure *fig, size_t named, size_t *row)
{
	size_t k = 0;
	bool rest = false;
	for (size_t i = 0; i < fig->nseries; i++) {
		bool z = has_zero(&fig->series[i], Q_ACT, Q_GRAD);
		if (row)
			row[i] = z && i < named ? k : 0;
		if (i >= named)
			rest |= z;
		else if (z)
			k++;
	}
	for (size_t i = named; row && i < fig->nseries; i++)
		row[i] = k;
	if (!row)
		return k || rest;
	return k + rest;
}

/* Every series' profile of quantity q in panel p. single: one series
 * coloured by quantity, else one colour per series. zrow: each series'
 * sub-row of the row of zeros (NULL: the first). The series past the
 * named ones share a sub-row and a grey: a layer's cross there is drawn
 * once (without the memory to note which, each draws its own). */
static void profiles(FILE *f, const iv_figure *fig, const svg_panel *p, int q,
		     bool single, size_t named, const size_t *zrow)
{
	const char *kind = q == Q_ACT ? "activation" : "gradient";
	size_t layers = 0;
	for (size_t i = named; !single && i < fig->nseries; i++)
		if (fig->series[i].n > layers)
			layers = fig->series[i].n;
	bool *crossed = layers ? calloc(layers, sizeof *crossed) : NULL;
	for (size_t i = 0; i < fig->nseries; i++) {
		const iv_fig_series *s = &fig->series[i];
		const char *colour =
		    single ? iv_svg_palette[q] : series_colour(i, named);
		const char *dash = single ? NULL : series_dash(i, named);
		fprintf(
		    f, "<g class=\"profile\" data-series=\"%zu\" data-label=\"",
		    i);
		svg_escape(f, s->label);
		fprintf(f, "\" data-quantity=\"%s\">\n", kind);
		bool *shared = i >= named ? crossed : NULL;
		if (values(s, q, false))
			line(f, p, values(s, q, false), s->n, kind, colour,
			     false, dash, zrow ? zrow[i] : 0, shared);
		if (values(s, q, true)) /* over the measured line */
			line(f, p, values(s, q, true), s->n, kind, colour, true,
			     "4 6", zrow ? zrow[i] : 0, shared);
		fputs("</g>\n", f);
	}
	free(crossed);
}

static void panel_open(FILE *f, const svg_panel *p, const char *quantity)
{
	fprintf(f,
		"<g class=\"panel\" data-quantity=\"%s\" data-x0=\"%g\" "
		"data-y0=\"%g\" data-width=\"%g\" data-height=\"%g\" "
		"data-layer-lo=\"%g\" data-layer-hi=\"%g\" data-lo=\"",
		quantity, p->x0, p->y0, p->w, p->h, p->x_lo, p->x_hi);
	svg_num(f, p->y_lo);
	fputs("\" data-hi=\"", f);
	svg_num(f, p->y_hi);
	if (p->zero_h > 0)
		fprintf(f, "\" data-zero-y0=\"%g\" data-zero-height=\"%g",
			p->zero_y0, p->zero_h);
	fputs("\">\n", f);
}

/* A legend entry: a line sample and its text. */
static void key(FILE *f, double x, double y, const char *colour,
		const char *dash, const char *text)
{
	fprintf(f,
		"<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
		"stroke=\"%s\" stroke-width=\"3.5\"%s%s%s/>\n<text x=\"%.1f\" "
		"y=\"%.1f\" font-size=\"%d\">",
		x, y, x + 44, y, colour, dash ? " stroke-dasharray=\"" : "",
		dash ? dash : "", dash ? "\"" : "", x + 54, y + FS_TICK / 3.0,
		FS_TICK);
	svg_escape(f, text);
	fputs("</text>\n", f);
}

/* A sweep's legend entry at y: a line sample and its label, wrapped. */
static void key_wrapped(FILE *f, double y, const char *colour,
			const char *dash, const char *text)
{
	const char *start[LEGEND_LINES];
	size_t len[LEGEND_LINES], n = wrap_label(text, start, len);
	if (n <= 1) {
		key(f, LEGEND_X, y, colour, dash, text);
		return;
	}
	fprintf(f,
		"<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
		"stroke=\"%s\" stroke-width=\"3.5\"%s%s%s/>\n<text x=\"%.1f\" "
		"y=\"%.1f\" font-size=\"%d\">",
		LEGEND_X, y, LEGEND_X + 44, y, colour,
		dash ? " stroke-dasharray=\"" : "", dash ? dash : "",
		dash ? "\"" : "", LEGEND_X + 54, y + FS_TICK / 3.0, FS_TICK);
	for (size_t i = 0; i < n; i++) {
		char part[256];
		snprintf(part, sizeof part, "%.*s", (int)len[i], start[i]);
		fprintf(f, "<tspan x=\"%.1f\" y=\"%.1f\">", LEGEND_X + 54,
			y + FS_TICK / 3.0 + LEGEND_LINE * (double)i);
		svg_escape(f, part);
		fputs("</tspan>", f);
	}
	fputs("</text>\n", f);
}

/* On a sweep's key at y, the marker of a series of n layers, if it has
 * markers. */
static void key_marker(FILE *f, double y, size_t n, const char *colour,
		       bool hollow)
{
	if (marker_r(n) <= 0)
		return;
	fprintf(f, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" ",
		LEGEND_X + 22, y, marker_r(n));
	marker_fill(f, colour, hollow);
	fputs("/>\n", f);
}

/* How many series the legend names, each in a style of its own: as many
 * as have styles and fit above LEGEND_BOTTOM, with a row left for the
 * rest when some are left. */
static size_t legend_named(const iv_figure *fig)
{
	const char *start[LEGEND_LINES];
	size_t len[LEGEND_LINES], named = 0;
	double y = LEGEND_TOP;
	while (named < fig->nseries && named < NSTYLES) {
		size_t n = wrap_label(fig->series[named].label, start, len);
		double bottom = y + LEGEND_LINE * (double)(n ? n - 1 : 0);
		bool rest = named + 1 < fig->nseries;
		if (bottom > LEGEND_BOTTOM - (rest ? LEGEND_ROW : 0))
			break;
		named++;
		y = bottom + LEGEND_ROW;
	}
	return named;
}

/* The notes beside the keys: what the profiles could not place, and why.
 * They start at NOTES_X, right of the keys' two columns. */
#define NOTES_X 660.0

/* What the profiles of fig leave off their log scale. */
typedef struct unplaced {
	size_t zero;       /* measured stds of exactly 0, marked x */
	size_t bad[2];     /* measured NaN or Inf, by quantity: not drawn */
	size_t th_bad[2];  /* mean field 0, NaN or Inf: not drawn */
	bool theory;       /* some mean field value is drawn */
} unplaced;

static void count_unplaced(const iv_figure *fig, unplaced *u)
{
	memset(u, 0, sizeof *u);
	for (size_t i = 0; i < fig->nseries; i++)
		for (int q = Q_ACT; q <= Q_GRAD; q++) {
			const iv_fig_series *s = &fig->series[i];
			const double *m = values(s, q, false),
				     *t = values(s, q, true);
			for (size_t l = 0; l < s->n; l++) {
				if (m && m[l] == 0)
					u->zero++;
				else if (m && !isfinite(m[l]))
					u->bad[q]++;
				if (t && placed(t[l]))
					u->theory = true;
				else if (t)
					u->th_bad[q]++;
			}
		}
}

/* "5 activation stds and 1 gradient std" for counts n[2]. */
static void act_grad(char *buf, size_t len, const size_t n[2], const char *what)
{
	char a[64] = "", g[64] = "";
	if (n[0])
		snprintf(a, sizeof a, "%zu activation %s%s", n[0], what,
			 n[0] == 1 ? "" : "s");
	if (n[1])
		snprintf(g, sizeof g, "%zu gradient %s%s", n[1], what,
			 n[1] == 1 ? "" : "s");
	snprintf(buf, len, "%s%s%s", a, n[0] && n[1] ? " and " : "", g);
}

/* A note at x, y (the baseline's key row) within width w, in grey. */
static void note(FILE *f, double x, double y, double w, const char *text)
{
	fprintf(f,
		"<text class=\"note\" x=\"%.1f\" y=\"%.1f\" font-size=\"%d\" "
		"fill=\"%s\">",
		x, y + FS_TICK / 3.0, fit_size(text, FS_TICK, w, false),
		SVG_GREY);
	svg_escape(f, text);
	fputs("</text>\n", f);
}

/* The notes of fig in two rows: the first at x1, y within w1, the second
 * a key row lower at x2 within w2. Returns whether a mean field is drawn
 * (its keys are then due). */
static bool notes(FILE *f, const iv_figure *fig, double x1, double y,
		  double w1, double x2, double w2)
{
	unplaced u;
	char line[3][320], part[200];
	size_t n = 0;
	count_unplaced(fig, &u);
	if (!u.theory && fig->theory_none)
		snprintf(line[n++], sizeof line[0], "mean field: none: %s",
			 fig->theory_none);
	else if (!u.theory)
		snprintf(line[n++], sizeof line[0], "mean field: none drawn");
	else {
		size_t gone = fig->theory_grad ? fig->theory_grad_absent : 0,
		       bad[2] = {u.th_bad[0],
				 u.th_bad[1] - (gone < u.th_bad[1] ? gone
								   : u.th_bad[1])};
		int k = 0;
		if (fig->theory_grad)
			k = snprintf(line[n], sizeof line[0], "%s",
				     fig->theory_grad);
		if (bad[0] || bad[1]) {
			act_grad(part, sizeof part, bad, "std");
			snprintf(line[n] + k, sizeof line[0] - (size_t)k,
				 "%smean field 0, NaN or Inf, not drawn: %s",
				 k ? "; " : "", part);
		}
		if (fig->theory_grad || bad[0] || bad[1])
			n++;
	}
	if (u.zero)
		snprintf(line[n++], sizeof line[0],
			 "\xc3\x97: std exactly 0 (no place on a log scale)");
	if (u.bad[0] || u.bad[1]) {
		act_grad(part, sizeof part, u.bad, "std");
		snprintf(line[n++], sizeof line[0],
			 "NaN or Inf, not drawn: %s", part);
	}
	if (n == 3) { /* two rows: the measured notes share the second */
		size_t k = strlen(line[1]);
		snprintf(line[1] + k, sizeof line[1] - k, "; %s", line[2]);
		n = 2;
	}
	if (n > 0)
		note(f, x1, y, w1, line[0]);
	if (n > 1)
		note(f, x2, y + 34, w2, line[1]);
	return u.theory;
}

static size_t max_layers(const iv_figure *fig)
{
	size_t n = 1;
	for (size_t i = 0; i < fig->nseries; i++)
		n = fig->series[i].n > n ? fig->series[i].n : n;
	return n;
}

/* The keys' and notes' first row lies 100 below the panels' frames, or
 * higher, at most KEYS_ABOVE above the small print's first baseline:
 * their second row (34 lower, 20 px) then ends above its first line. */
#define KEYS_ABOVE 62.0

/* One network: one panel with both quantities, histograms on the right;
 * the keys' first row at most at keys. */
static void single(FILE *f, const iv_figure *fig, double keys)
{
	svg_panel p = {.x0 = 120, .y0 = 150, .w = 720, .h = 620, .x_lo = 1,
		       .x_hi = (double)max_layers(fig)};
	double bottom = p.y0 + p.h;
	/* the quantities share the panel: a sub-row each */
	bool za = has_zero(&fig->series[0], Q_ACT, Q_ACT),
	     zg = has_zero(&fig->series[0], Q_GRAD, Q_GRAD);
	size_t ra = 0, rg = za;
	zero_row(&p, (size_t)za + zg);
	y_range(fig, Q_ACT, Q_GRAD, &p.y_lo, &p.y_hi);
	panel_open(f, &p, "activation gradient");
	axes(f, &p, "standard deviation (log scale)");
	profiles(f, fig, &p, Q_ACT, true, 1, &ra);
	profiles(f, fig, &p, Q_GRAD, true, 1, &rg);
	fputs("</g>\n", f);
	double y = fmin(bottom + 100, keys);
	bool theory = notes(f, fig, NOTES_X, y, SVG_W - 24 - NOTES_X, NOTES_X,
			    SVG_W - 24 - NOTES_X);
	key(f, p.x0, y, iv_svg_palette[0], NULL, "activations");
	key(f, p.x0 + 330, y, iv_svg_palette[1], NULL, "gradients");
	if (theory) {
		key(f, p.x0, y + 34, iv_svg_palette[0], "4 6", "mean field");
		key(f, p.x0 + 330, y + 34, iv_svg_palette[1], "4 6",
		    "mean field");
	}
	svg_histograms(f, fig, 930, 170, 630, 660);
}

/* Several networks: activations and gradients side by side, one colour
 * per network, the legend on the right; the keys' first row at most at
 * keys. */
static void sweep(FILE *f, const iv_figure *fig, double keys)
{
	svg_panel a = {.x0 = 100, .y0 = 150, .w = 520, .h = 620, .x_lo = 1,
		       .x_hi = (double)max_layers(fig)};
	double bottom = a.y0 + a.h;
	size_t *zrow = malloc(fig->nseries * sizeof *zrow),
	       named = legend_named(fig);
	zero_row(&a, zero_rows(fig, named, zrow));
	svg_panel g = a;
	g.x0 = 710;
	y_range(fig, Q_ACT, Q_GRAD, &a.y_lo, &a.y_hi); /* shared axes */
	g.y_lo = a.y_lo;
	g.y_hi = a.y_hi;
	panel_open(f, &a, "activation");
	axes(f, &a, "std of activations");
	profiles(f, fig, &a, Q_ACT, false, named, zrow);
	fputs("</g>\n", f);
	panel_open(f, &g, "gradient");
	axes(f, &g, "std of gradients");
	profiles(f, fig, &g, Q_GRAD, false, named, zrow);
	fputs("</g>\n", f);
	free(zrow);
	double y = LEGEND_TOP;
	const char *start[LEGEND_LINES];
	size_t len[LEGEND_LINES];
	for (size_t i = 0; i < named; i++) {
		key_wrapped(f, y, series_colour(i, named),
			    series_dash(i, named), fig->series[i].label);
		key_marker(f, y, fig->series[i].n, series_colour(i, named),
			   series_dash(i, named) != NULL);
		size_t n = wrap_label(fig->series[i].label, start, len);
		y += LEGEND_ROW + LEGEND_LINE * (double)(n ? n - 1 : 0);
	}
	if (named < fig->nseries) {
		char rest[64];
		snprintf(rest, sizeof rest, "%zu more (grey)",
			 fig->nseries - named);
		key(f, LEGEND_X, y, SVG_REST, NULL, rest);
		key_marker(f, y, max_layers(fig), SVG_REST, false);
	}
	/* the notes' second row is free below the keys */
	double y0 = fmin(bottom + 100, keys);
	if (notes(f, fig, NOTES_X, y0, LEGEND_X - 8 - NOTES_X, a.x0,
		  LEGEND_X - 8 - a.x0))
		key(f, a.x0 + 330, y0, SVG_GREY, "4 6", "mean field");
	key(f, a.x0, y0, SVG_GREY, NULL, "measured");
}

/* Columns of the n bytes at s (UTF-8: a character a column). */
static int cols_n(const char *s, size_t n)
{
	int c = 0;
	for (size_t i = 0; i < n; i++)
		c += ((unsigned char)s[i] & 0xc0) != 0x80;
	return c;
}

/* Bytes of the n at s that make up at most k columns (whole characters). */
static size_t bytes_for(const char *s, size_t n, int k)
{
	size_t i = 0;
	for (int c = 0; i < n && c < k; c++)
		for (i++; i < n && ((unsigned char)s[i] & 0xc0) == 0x80; i++)
			;
	return i;
}

/* The small print's lines as they are laid out; a line past
 * COMMAND_LINES only marks that the command was cut. */
typedef struct {
	char line[COMMAND_LINES + 1][4 * COMMAND_COLS + 4];
	size_t len[COMMAND_LINES + 1];
	size_t n; /* lines begun */
	int col;  /* columns of the last */
} small_print;

static void sp_put(small_print *p, const char *s, size_t n)
{
	size_t i = p->n - 1;
	if (p->n > COMMAND_LINES || p->len[i] + n >= sizeof p->line[i])
		return;
	memcpy(p->line[i] + p->len[i], s, n);
	p->line[i][p->len[i] += n] = '\0';
	p->col += cols_n(s, n);
}

/* Ends the line with end (a backslash: the shell joins the next line) and
 * begins the next. */
static void sp_break(small_print *p, const char *end)
{
	if (p->n > COMMAND_LINES)
		return;
	sp_put(p, end, strlen(end));
	p->n++;
	p->col = 0;
}

/* The bytes of the shell word at s, up to a space outside quotes (the
 * command quotes a word in '...', a quote in it as '\''). */
static size_t word_len(const char *s)
{
	bool q = false;
	size_t i = 0;
	for (; s[i] && (q || s[i] != ' '); i++)
		if (s[i] == '\'')
			q = !q;
		else if (!q && s[i] == '\\' && s[i + 1])
			i++;
	return i;
}

/* Whether the first k bytes of a word leave it inside quotes (q: inside
 * at its start); *escape: they end on a backslash outside quotes, whose
 * character they would part from. */
static bool in_quotes(const char *s, size_t k, bool q, bool *escape)
{
	*escape = false;
	for (size_t i = 0; i < k; i++)
		if (s[i] == '\'')
			q = !q;
		else if (!q && s[i] == '\\' && ++i == k)
			*escape = true;
	return q;
}

/* The command line in small print, bottom up, in lines that paste into a
 * shell as they are: broken at a space with " \", inside a word too long
 * for a line (a sweep's values, a lesson file's path) with "\", which the
 * shell removes with the newline; inside quotes, where a backslash is
 * literal, the quote is closed first and opened again on the next line
 * ('a'\ and 'b' read as ab). When it needs more lines than the page has,
 * the last says so. Lays cmd out into *out; returns the lines. */
static size_t command_layout(const char *cmd, small_print *out)
{
	small_print p; /* about 3 KB */
	memset(&p, 0, sizeof p);
	p.n = 1;
	for (const char *s = cmd; *s;) {
		size_t n = word_len(s);
		int w = cols_n(s, n), after = s[n] ? 2 : 0;
		bool q = false; /* inside quotes at s */
		if (p.col > 0 && p.col + 1 + w + after > COMMAND_COLS &&
		    w + after <= COMMAND_COLS)
			sp_break(&p, " \\");
		if (p.col > 0)
			sp_put(&p, " ", 1);
		while (p.col + w + after > COMMAND_COLS &&
		       p.n <= COMMAND_LINES) {
			bool esc, inq;
			/* room for "\", and for "'\" inside quotes */
			size_t k = bytes_for(s, n, COMMAND_COLS - 1 - p.col);
			inq = in_quotes(s, k, q, &esc);
			if (inq || esc) {
				k = bytes_for(s, n, COMMAND_COLS - 2 - p.col);
				(void)in_quotes(s, k, q, &esc);
				if (esc) /* a backslash stays with its character */
					k--;
				inq = in_quotes(s, k, q, &esc);
			}
			sp_put(&p, s, k);
			sp_break(&p, inq ? "'\\" : "\\");
			if (inq)
				sp_put(&p, "'", 1);
			q = inq;
			s += k;
			n -= k;
			w = cols_n(s, n);
		}
		sp_put(&p, s, n);
		for (s += n; *s == ' '; s++)
			;
	}
	size_t n = p.n;
	if (n > COMMAND_LINES) {
		n = COMMAND_LINES;
		snprintf(p.line[n - 1], sizeof p.line[n - 1],
			 "... (cut: the whole command is in this file's "
			 "<desc>)");
	}
	*out = p;
	return n;
}

/* The baseline of the first of n lines of small print. */
static double command_top(size_t n)
{
	return SVG_H - 16 - (double)(n ? n - 1 : 0) * (FS_SMALL + 4);
}

/* The command line, whole in the <desc>, and in small print its n lines
 * laid out in p. */
static void command(FILE *f, const char *cmd, const small_print *p, size_t n)
{
	if (!cmd)
		return;
	fputs("<desc class=\"command\">", f);
	svg_escape(f, cmd);
	fputs("</desc>\n", f);
	for (size_t i = 0; i < n; i++) {
		fprintf(
		    f,
		    "<text class=\"command\" x=\"24\" y=\"%.1f\" "
		    "font-size=\"%d\" fill=\"%s\" font-family=\"monospace\">",
		    command_top(n) + (double)i * (FS_SMALL + 4), FS_SMALL,
		    SVG_GREY);
		svg_escape(f, p->line[i]);
		fputs("</text>\n", f);
	}
}

/* Where a subtitle too long for one line at px within width w breaks:
 * after the last ", " or "; " (else space) whose line fits, the second
 * line starting past it; 0 when no break leaves both lines fitting. */
static size_t sub_break(const char *s, int px, double w)
{
	size_t best = 0, n = strlen(s);
	for (int pass = 0; pass < 2 && !best; pass++)
		for (size_t i = 1; i < n; i++) {
			bool sep = s[i] == ' ' &&
				   (pass || s[i - 1] == ',' || s[i - 1] == ';');
			if (!sep)
				continue;
			if (width_n(s, i, px, false) > w)
				break;
			best = i + 1;
		}
	return best && svg_text_width(s + best, px, false) <= w ? best : 0;
}

/* The subtitle under the title: one line, set smaller down to FS_SMALL
 * while it does not fit; else two lines, at the largest size both fit up
 * to SUB2_PX, so that they keep clear of the title and the panels. */
#define SUB2_PX 20
static void subtitle(FILE *f, const char *s)
{
	int px = fit_size(s, FS_SUB, SVG_W - 48, false);
	size_t at = 0;
	if (s && svg_text_width(s, px, false) > SVG_W - 48)
		for (px = SUB2_PX; px > FS_SMALL; px--)
			if ((at = sub_break(s, px, SVG_W - 48)) > 0)
				break;
	if (s && !at && px == FS_SMALL)
		at = sub_break(s, px, SVG_W - 48);
	fprintf(f, "<text x=\"24\" y=\"90\" font-size=\"%d\" fill=\"%s\">",
		px, SVG_GREY);
	if (at) { /* between the title and the panels' labels */
		char first[512];
		snprintf(first, sizeof first, "%.*s", (int)(at - 1), s);
		fputs("<tspan x=\"24\" y=\"80\">", f);
		svg_escape(f, first);
		fputs("</tspan><tspan x=\"24\" y=\"102\">", f);
		svg_escape(f, s + at);
		fputs("</tspan>", f);
	} else
		svg_escape(f, s);
	fputs("</text>\n", f);
}

int iv_figure_svg(FILE *f, const iv_figure *fig)
{
	fprintf(f,
		"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" "
		"height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"%s\">\n"
		"<title>",
		SVG_W, SVG_H, SVG_W, SVG_H, SVG_FONT);
	svg_escape(f, fig->title);
	fprintf(
	    f,
	    "</title>\n<rect width=\"%d\" height=\"%d\" fill=\"white\"/>"
	    "\n<text x=\"24\" y=\"52\" font-size=\"%d\" font-weight=\"bold\">",
	    SVG_W, SVG_H, fit_size(fig->title, FS_TITLE, SVG_W - 48, true));
	svg_escape(f, fig->title);
	fputs("</text>\n", f);
	subtitle(f, fig->subtitle);
	small_print p; /* laid out first: the keys and notes keep above it */
	size_t lines = fig->command ? command_layout(fig->command, &p) : 0;
	double keys = command_top(lines) - KEYS_ABOVE;
	if (fig->nseries == 1)
		single(f, fig, keys);
	else
		sweep(f, fig, keys);
	command(f, fig->command, &p, lines);
	fputs("</svg>\n", f);
	return ferror(f) ? -1 : 0;
}
