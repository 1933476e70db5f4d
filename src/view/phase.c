/* SPDX-License-Identifier: MIT */
/* The phase diagram's grid: laid out with nice steps, filled coarse to fine
 * within a time budget so the picture appears at once and sharpens. */
#include <math.h>
#include <stdlib.h>
#include "view/clock.h"
#include "view/phase.h"

tui_chi_class tui_phase_classify(const iv_criticality *c)
{
	double v = tui_phase_chi(c);
	if (isnan(v))
		return TUI_CHI_UNKNOWN;
	if (v < 1 - TUI_CRIT_TOL)
		return TUI_CHI_VANISHING;
	return v > 1 + TUI_CRIT_TOL ? TUI_CHI_EXPLODING : TUI_CHI_CRITICAL;
}

const char *tui_phase_word(tui_chi_class k)
{
	static const char *const words[] = {
	    [TUI_CHI_VANISHING] = "vanishing",
	    [TUI_CHI_CRITICAL] = "critical",
	    [TUI_CHI_EXPLODING] = "exploding",
	    [TUI_CHI_UNKNOWN] = "unknown",
	};
	return (unsigned)k <= TUI_CHI_UNKNOWN ? words[k]
					      : words[TUI_CHI_UNKNOWN];
}

double tui_phase_chi(const iv_criticality *c)
{
	/* When q diverges chi1 is the map's large-q slope: 1 (softplus with
	 * He, sigma_w^2 = 2) means q grows slowly, not exponentially, and the
	 * word must not flip on the last bit of sigma_w^2. Only a diverging q
	 * with no slope at all is read as exploding. */
	if (isinf(c->q_star) && c->q_star > 0 && isnan(c->chi1))
		return INFINITY;
	return c->chi1;
}

void tui_phase_init(tui_phase *p)
{
	*p = (tui_phase){.valid = false};
}

void tui_phase_done(tui_phase *p)
{
	free(p->chi);
	free(p->have);
	tui_phase_init(p);
}

static double pick(double x, const double *m, size_t n)
{
	double p = pow(10.0, floor(log10(x)));
	for (int k = 0; k < 3; k++) {
		for (size_t i = 0; i < n; i++)
			if (m[i] * p >= x * (1 - 1e-12))
				return m[i] * p;
		p *= 10;
	}
	return x;
}

double tui_phase_nice_step(double span, size_t n)
{
	static const double m[] = {1, 2, 2.5, 4, 5};
	return pick(span / (double)(n > 1 ? n - 1 : 1), m, 5);
}

double tui_phase_nice_ceil(double x)
{
	static const double m[] = {1, 1.5, 2, 2.5, 3, 4, 5, 6, 8};
	return pick(x, m, 9);
}

double tui_phase_label_step(double grid, double min)
{
	static const double m[] = {1, 2, 4, 5};
	double p = pow(10.0, floor(log10(fmax(min, grid))));
	for (int k = 0; k < 12; k++) {
		for (size_t i = 0; i < 4; i++) {
			double s = m[i] * p, r = s / grid;
			if (s >= min * (1 - 1e-12) && fabs(r - round(r)) < 1e-6)
				return s;
		}
		p *= 10;
	}
	return grid * ceil(min / grid);
}

bool tui_phase_matches(const tui_phase *p, iv_act_kind k, double slope,
		       double e2)
{
	return p->valid && p->act == k && p->e2 == e2 &&
	       (!iv_act_uses_slope(k) || p->slope == slope);
}

/* The grid's steps and points for cols x rows (capped). */
static void grid(double xmax, double ymax, size_t cols, size_t rows, double *dx,
		 double *dy, size_t *nx, size_t *ny)
{
	cols = cols < TUI_PHASE_COLS_MAX ? cols : TUI_PHASE_COLS_MAX;
	rows = rows < TUI_PHASE_ROWS_MAX ? rows : TUI_PHASE_ROWS_MAX;
	*dx = tui_phase_nice_step(xmax, cols);
	*dy = tui_phase_nice_step(ymax, rows);
	*nx = (size_t)lround(xmax / *dx) + 1;
	*ny = (size_t)lround(ymax / *dy) + 1;
}

bool tui_phase_fits(const tui_phase *p, iv_act_kind k, double slope,
		    double e2, double xmax, double ymax, size_t cols,
		    size_t rows)
{
	double dx, dy;
	size_t nx, ny;
	if (cols < 2 || rows < 2)
		return false;
	grid(xmax, ymax, cols, rows, &dx, &dy, &nx, &ny);
	return tui_phase_matches(p, k, slope, e2) && p->xmax == xmax &&
	       p->ymax == ymax && p->nx == nx && p->ny == ny;
}

bool tui_phase_setup(tui_phase *p, iv_act_kind k, double slope, double e2,
		     double xmax, double ymax, size_t cols, size_t rows)
{
	double dx, dy;
	size_t nx, ny;
	if (cols < 2 || rows < 2)
		return false;
	if (tui_phase_fits(p, k, slope, e2, xmax, ymax, cols, rows))
		return true;
	grid(xmax, ymax, cols, rows, &dx, &dy, &nx, &ny);
	tui_phase_done(p);
	p->chi = malloc(nx * ny * sizeof *p->chi);
	p->have = calloc(nx * ny, 1);
	if (!p->chi || !p->have) {
		tui_phase_done(p);
		return false;
	}
	*p = (tui_phase){.valid = true,
			 .act = k,
			 .slope = slope,
			 .e2 = e2,
			 .xmax = xmax,
			 .ymax = ymax,
			 .nx = nx,
			 .ny = ny,
			 .dx = dx,
			 .dy = dy,
			 .chi = p->chi,
			 .have = p->have,
			 .stride = TUI_PHASE_COARSE,
			 .total = nx * ny};
	return true;
}

/* Advance (i, j) to the next point of the pass that is not computed;
 * false when every pass is over. */
static bool next_point(tui_phase *p)
{
	while (p->stride >= 1) {
		for (; p->j < p->ny; p->j += p->stride, p->i = 0)
			for (; p->i < p->nx; p->i += p->stride)
				if (!p->have[p->j * p->nx + p->i])
					return true;
		p->stride /= 2;
		p->i = p->j = 0;
	}
	return false;
}

bool tui_phase_step(tui_phase *p, iv_theory *th, double budget)
{
	double t0 = tui_clock_now();
	bool any = false;
	if (!p->valid)
		return false;
	while (next_point(p)) {
		iv_criticality c;
		size_t at = p->j * p->nx + p->i;
		double sw2 = (double)p->i * p->dx, sb2 = (double)p->j * p->dy;
		iv_theory_map m = {.act = p->act,
				   .slope = p->slope,
				   .sigma_w2 = sw2,
				   .bias_var = sb2};
		iv_theory_fixed_point(th, &m, sw2 * p->e2 + sb2, &c);
		p->chi[at] = tui_phase_chi(&c);
		p->have[at] = 1;
		p->done++;
		any = true;
		if (tui_clock_now() - t0 >= budget)
			break;
	}
	return any;
}

bool tui_phase_busy(const tui_phase *p)
{
	return p->valid && p->done < p->total;
}

double tui_phase_progress(const tui_phase *p)
{
	return p->total ? (double)p->done / (double)p->total : 0.0;
}

bool tui_phase_point(const tui_phase *p, size_t i, size_t j, double *chi)
{
	if (!p->valid || i >= p->nx || j >= p->ny)
		return false;
	for (size_t s = 1; s <= TUI_PHASE_COARSE; s *= 2) {
		size_t at = (j - j % s) * p->nx + (i - i % s);
		if (p->have[at]) {
			*chi = p->chi[at];
			return true;
		}
	}
	return false;
}

size_t tui_phase_index(double v, double step, size_t n)
{
	double k = v / step;
	if (!(k > 0))
		return 0;
	return k >= (double)(n - 1) ? n - 1 : (size_t)lround(k);
}

double tui_phase_next(double v, double step, size_t n, int dir)
{
	double k = v / step, top = (double)(n - 1);
	double to = dir > 0 ? floor(k + 1e-9) + 1 : ceil(k - 1e-9) - 1;
	if (to > top)
		to = top;
	if (to < 0)
		to = 0;
	if ((dir > 0 && to * step <= v) || (dir < 0 && to * step >= v))
		return v; /* at the edge already */
	return to * step;
}
