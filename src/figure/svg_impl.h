/* SPDX-License-Identifier: MIT */
/* Internal: the SVG writer's page geometry, palette and shared helpers. */
#ifndef IV_FIGURE_SVG_IMPL_H
#define IV_FIGURE_SVG_IMPL_H

#include <stdbool.h>
#include <stdio.h>
#include "figure/figure.h"

#define SVG_W    1600
#define SVG_H    1000
#define SVG_FONT "DejaVu Sans, Verdana, Arial, Helvetica, sans-serif"
/* font sizes in px: large enough for the back row of a lecture hall */
#define FS_TITLE 34
#define FS_SUB   22
#define FS_LABEL 24
#define FS_TICK  20
#define FS_SMALL 16
#define SVG_GREY "#555555"

/* Okabe and Ito's colour-blind-safe palette. */
extern const char *const iv_svg_palette[];
extern const size_t iv_svg_ncolours;

/* A plot area and its scales: x linear over [x_lo, x_hi] (layers), y
 * logarithmic over [y_lo, y_hi] from y0 down to y0 + h. A std of exactly
 * 0 has no place on that scale: when some series has one, a row of its
 * own, labelled 0, lies below it from zero_y0 down zero_h (0: none), with
 * zero_rows sub-rows, one for each series that has a zero. */
typedef struct svg_panel {
	double x0, y0, w, h;
	double x_lo, x_hi, y_lo, y_hi;
	double zero_y0, zero_h;
	size_t zero_rows;
} svg_panel;

double svg_x(const svg_panel *p, double layer);
double svg_y(const svg_panel *p, double v); /* v > 0 */
bool svg_y_inside(const svg_panel *p, double v);

/* The width in px of text s at font size px (bold or not), by DejaVu
 * Sans' advance widths: characters outside ASCII count as 1 em. */
double svg_text_width(const char *s, double px, bool bold);

/* Text content with &, <, >, " escaped. */
void svg_escape(FILE *f, const char *s);
/* A number for data- attributes: 17 significant digits (reads back
 * exactly); "NaN" for NaN, "inf"/"-inf". */
void svg_num(FILE *f, double v);

/* The histograms of fig (one series) in the box x, y, w, h. */
void svg_histograms(FILE *f, const iv_figure *fig, double x, double y, double w,
		    double h);

#endif
