/* SPDX-License-Identifier: MIT */
/* Statistics of a matrix with GSL: finite values only, NaN and Inf counted. */
#include <float.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_rstat.h>
#include <gsl/gsl_statistics_double.h>
#include <initviz/stats.h>
#include "par.h"
#include "stats_impl.h"
#include "vec.h"

void iv_stats_init_bare(iv_stats *s)
{
	*s = (iv_stats){.mean = NAN,
			.std = NAN,
			.rms = NAN,
			.min = NAN,
			.max = NAN,
			.absmax = NAN};
}

iv_status iv_stats_init(iv_stats *s, size_t bins)
{
	iv_stats_init_bare(s);
	s->hist = gsl_histogram_alloc(bins ? bins : 1);
	return s->hist ? IV_OK : IV_ENOMEM;
}

void iv_stats_done(iv_stats *s)
{
	if (s && s->hist) {
		gsl_histogram_free(s->hist);
		s->hist = NULL;
	}
}

/* Where a value goes: the arithmetic of iv_bin, set up once. */
struct binner {
	double lo, hi, nb, w, scale;
	size_t bins;
	bool ok, halves, divide;
	bool inside; /* every value known finite and within [lo, hi] */
};

static struct binner binner_make(double lo, double hi, size_t bins)
{
	struct binner b = {lo,    hi,   (double)bins,        hi - lo,
			   0,     bins, hi > lo && bins > 0, false,
			   false, false};
	b.scale = b.nb / b.w;
	b.halves = isinf(b.w); /* wider than DBL_MAX: work with halves */
	if (b.halves)
		b.w = hi / 2 - lo / 2;
	/* a subnormal or infinite scale loses the bins: divide instead */
	b.divide = b.halves || !isnormal(b.scale);
	return b;
}

#define SUB_BINS 256   /* bins that the split counters below take */
#define SUB_RUN  32768 /* entries per round of the split counters */

#define IDX_RUN 256 /* entries whose bins are computed at once */

/* Bins of y[0, m) (m <= IDX_RUN) known inside [lo, hi]: the arithmetic of
 * split_run below, vectorised (vec.h); f < 2^31, so the 32-bit truncation
 * is the 64-bit one. */
IV_VEC_BEGIN
IV_VEC_CLONES static void bins_inside(const struct binner *b, const double *y,
				      size_t m, uint32_t *idx)
{
	double lo = b->lo, nb = b->nb, scale = b->scale;
	uint32_t last = (uint32_t)(b->bins - 1);
	for (size_t i = 0; i < m; i++) {
		double f = (y[i] - lo) * scale;
		uint32_t k = (uint32_t)(int32_t)f;
		idx[i] = f < nb ? k : last;
	}
}

/* The same for values that may lie outside [lo, hi] or be NaN: those get
 * index bins, a counter that is never read. Both sides of the test are
 * computed, so the conversion takes 0 for a value outside. */
IV_VEC_CLONES static void bins_checked(const struct binner *b, const double *y,
				       size_t m, uint32_t *idx)
{
	double lo = b->lo, hi = b->hi, nb = b->nb, scale = b->scale;
	uint32_t last = (uint32_t)(b->bins - 1), drop = (uint32_t)b->bins;
	for (size_t i = 0; i < m; i++) {
		double v = y[i];
		bool in = v >= lo && v <= hi;
		double f = in ? (v - lo) * scale : 0.0;
		uint32_t k = (uint32_t)(int32_t)f;
		idx[i] = in ? (f < nb ? k : last) : drop;
	}
}
IV_VEC_END

/* Entries [0, m) of y into four sets of counters, entry i into set i % 4
 * (set k at k * stride, stride = bins + 1: the last counter of a set takes
 * the values dropped, outside [lo, hi] or NaN). The bins are computed a run
 * at a time; without the test when the caller knows every value is inside. */
static void split_run(const struct binner *b, const double *y, size_t m,
		      uint32_t *sub)
{
	size_t stride = b->bins + 1, i = 0;
	uint32_t idx[IDX_RUN];
	while (i < m) {
		size_t r = m - i < IDX_RUN ? m - i : IDX_RUN, k = 0;
		if (b->inside)
			bins_inside(b, y + i, r, idx);
		else
			bins_checked(b, y + i, r, idx);
		for (; k + 4 <= r; k += 4) {
			sub[idx[k]]++;
			sub[stride + idx[k + 1]]++;
			sub[2 * stride + idx[k + 2]]++;
			sub[3 * stride + idx[k + 3]]++;
		}
		for (; k < r; k++)
			sub[idx[k]]++;
		i += r;
	}
}

/* The common case: multiplying by the scale, at most SUB_BINS bins. Four
 * sets of integer counters, one per entry modulo 4, so that runs of one
 * bin do not wait on each other's increments; exact counts either way. */
static void binner_add_split(const struct binner *b, const double *x, size_t n,
			     double *counts)
{
	uint32_t sub[4 * (SUB_BINS + 1)];
	size_t stride = b->bins + 1;
	for (size_t r = 0; r < n; r += SUB_RUN) {
		size_t m = n - r < SUB_RUN ? n - r : SUB_RUN;
		memset(sub, 0, 4 * stride * sizeof(uint32_t));
		split_run(b, x + r, m, sub);
		for (size_t j = 0; j < b->bins; j++)
			counts[j] += (double)(sub[j] + sub[stride + j] +
					      sub[2 * stride + j] +
					      sub[3 * stride + j]);
	}
}

/* Add the values of x to counts (not zeroed). */
static void binner_add(const struct binner *b, const double *x, size_t n,
		       double *counts)
{
	double lo = b->lo, hi = b->hi, nb = b->nb, scale = b->scale;
	if (!b->ok)
		return;
	if (!b->divide && b->bins <= SUB_BINS && n >= 4 * b->bins) {
		binner_add_split(b, x, n, counts);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		double v = x[i], f;
		if (!(v >= lo && v <= hi)) /* drops NaN and values outside */
			continue;
		if (!b->divide)
			f = (v - lo) * scale;
		else
			f = (b->halves ? v / 2 - lo / 2 : v - lo) / b->w * nb;
		/* 0 <= f < 2^63: the signed conversion is one instruction */
		counts[f < nb ? (size_t)(long long)f : b->bins - 1]++;
	}
}

void iv_bin(const double *x, size_t n, double lo, double hi, size_t bins,
	    double *counts)
{
	struct binner b = binner_make(lo, hi, bins);
	for (size_t k = 0; k < bins; k++)
		counts[k] = 0;
	binner_add(&b, x, n, counts);
}

/* Widen a degenerate range so every value lands inside it (one value v
 * gets width |v|, 1 for 0), and a range too narrow for distinct edges
 * (tanh saturating at 1 - 1e-16 and 1, subnormals) to edges at least 4 ulps
 * and a normal number apart; all within the finite doubles. */
static void hist_range(double min, double max, size_t bins, double *lo,
		       double *hi)
{
	*lo = min;
	*hi = max;
	if (!(max > min)) {
		double half = min != 0 ? 0.5 * fabs(min) : 0.5;
		*lo = min - half;
		*hi = max + half;
	}
	double mag = fmax(fabs(*lo), fabs(*hi));
	double need = (double)bins * fmax(4 * DBL_EPSILON * mag, DBL_MIN);
	if (!(*hi - *lo >= need)) {
		double c = *lo / 2 + *hi / 2;
		*lo = c - need / 2;
		*hi = c + need / 2;
	}
	*lo = fmax(*lo, -DBL_MAX);
	*hi = fmin(*hi, DBL_MAX);
}

void iv_stats_hist_range(const iv_stats *s, double *lo, double *hi)
{
	*lo = 0.0;
	*hi = 1.0;
	if (s->finite > 0)
		hist_range(s->min, s->max, s->hist ? s->hist->n : 1, lo, hi);
}

static void set_histogram(iv_stats *s, const double *x, size_t n)
{
	double lo, hi;
	iv_stats_hist_range(s, &lo, &hi);
	gsl_histogram_set_ranges_uniform(s->hist, lo, hi);
	iv_bin(x, n, lo, hi, s->hist->n, s->hist->bin);
	s->binned = true;
}

/* Data within these magnitudes has squares far from overflow and underflow,
 * so GSL's double variance is safe (it rounds the variance to a double). */
#define SAFE_HI 0x1p+400
#define SAFE_LO 0x1p-400

#define LANES IV_LANES

void iv_lanes_start(iv_lanes *a)
{
	for (int k = 0; k < LANES; k++) {
		a->s[k] = 0;
		a->mn[k] = INFINITY;
		a->mx[k] = -INFINITY;
	}
	a->n = 0;
}

/* Vectorised across the lanes (vec.h): each lane adds in its own order,
 * as in plain C, so the bits are the same. */
IV_VEC_BEGIN
IV_VEC_CLONES void iv_lanes_add(iv_lanes *a, const double *x, size_t n)
{
	double s[LANES], mn[LANES], mx[LANES];
	size_t i = 0;
	for (int k = 0; k < LANES; k++) {
		s[k] = a->s[k];
		mn[k] = a->mn[k];
		mx[k] = a->mx[k];
	}
	for (; i + LANES <= n; i += LANES)
		for (int k = 0; k < LANES; k++) {
			double v = x[i + k];
			s[k] += v;
			mn[k] = v < mn[k] ? v : mn[k];
			mx[k] = v > mx[k] ? v : mx[k];
		}
	for (; i < n; i++) { /* the block's tail */
		s[0] += x[i];
		mn[0] = x[i] < mn[0] ? x[i] : mn[0];
		mx[0] = x[i] > mx[0] ? x[i] : mx[0];
	}
	for (int k = 0; k < LANES; k++) {
		a->s[k] = s[k];
		a->mn[k] = mn[k];
		a->mx[k] = mx[k];
	}
	a->n += n;
}

IV_VEC_END

iv_part1 iv_lanes_end(const iv_lanes *a)
{
	iv_part1 p = {0, INFINITY, -INFINITY};
	for (int k = 0; k < LANES; k++) {
		p.sum += a->s[k];
		p.min = a->mn[k] < p.min ? a->mn[k] : p.min;
		p.max = a->mx[k] > p.max ? a->mx[k] : p.max;
	}
	return p;
}

/* Left fold of block results, in block order. */
static void fold1(iv_part1 *t, const iv_part1 *p)
{
	t->sum += p->sum;
	t->min = p->min < t->min ? p->min : t->min;
	t->max = p->max > t->max ? p->max : t->max;
}

struct pass1 {
	const double *x;
	iv_part1 total, part[IV_ROUND];
};

static void pass1_block(void *ctx, unsigned t, size_t b, size_t begin,
			size_t end)
{
	struct pass1 *c = ctx;
	iv_lanes a;
	(void)t;
	iv_lanes_start(&a);
	iv_lanes_add(&a, c->x + begin, end - begin);
	c->part[b] = iv_lanes_end(&a);
}

static void pass1_fold(void *ctx, size_t blocks)
{
	struct pass1 *c = ctx;
	for (size_t b = 0; b < blocks; b++)
		fold1(&c->total, &c->part[b]);
}

/* Pass 2: centred squares and their sum (the rounding error of the mean),
 * and the histogram; each thread counts into its own bins. */
struct pass2 {
	const double *x;
	double mean;
	struct binner bin;
	double *counts[IV_PAR_MAX];
	double q, c, part[IV_ROUND][2];
};

/* Sum of squared deviations from mean (*ss) and of deviations (*cs) of n
 * entries, in LANES independent accumulators added up in lane order (the
 * same bits wherever it is called). */
IV_VEC_BEGIN
IV_VEC_CLONES static void centred_sums(const double *x, size_t n, double mean,
				       double *ss, double *cs)
{
	double q[LANES] = {0}, c[LANES] = {0};
	size_t i = 0;
	for (; i + LANES <= n; i += LANES)
		for (int k = 0; k < LANES; k++) {
			double d = x[i + k] - mean;
			q[k] += d * d;
			c[k] += d;
		}
	for (; i < n; i++) {
		double d = x[i] - mean;
		q[0] += d * d;
		c[0] += d;
	}
	*ss = *cs = 0;
	for (int k = 0; k < LANES; k++) {
		*ss += q[k];
		*cs += c[k];
	}
}

IV_VEC_END

static void pass2_block(void *ctx, unsigned t, size_t b, size_t begin,
			size_t end)
{
	struct pass2 *p = ctx;
	const double *x = p->x + begin;
	size_t n = end - begin;
	centred_sums(x, n, p->mean, &p->part[b][0], &p->part[b][1]);
	binner_add(&p->bin, x, n, p->counts[t]);
}

static void pass2_fold(void *ctx, size_t blocks)
{
	struct pass2 *p = ctx;
	for (size_t b = 0; b < blocks; b++) {
		p->q += p->part[b][0];
		p->c += p->part[b][1];
	}
}

/* The mean of values in [lo, hi] lies there, but a long sum's rounding can
 * put the computed one just outside (4096 copies of 0.05 gave
 * 0.04999999999999978, below their min): kept within. */
static double within(double mean, double lo, double hi)
{
	return mean < lo ? lo : mean > hi ? hi : mean;
}

/* The common case: every entry finite, magnitudes safe. Pass 1 is done
 * (j->total): set up pass 2, the corrected two-pass variance (Chan, Golub,
 * LeVeque) and the histogram. False for the serial path. */
static bool fast_start(iv_stats_job *j)
{
	iv_stats *s = j->s;
	const iv_part1 *t = &j->total;
	if (j->n == 0 || !isfinite(t->sum) || !isfinite(t->min) ||
	    !isfinite(t->max))
		return false;
	double absmax = fmax(fabs(t->min), fabs(t->max));
	if (!(absmax == 0 || (absmax >= SAFE_LO && absmax <= SAFE_HI)))
		return false;
	s->finite = j->n;
	s->min = t->min;
	s->max = t->max;
	s->absmax = absmax;
	s->mean = within(t->sum / (double)j->n, t->min, t->max);
	j->q = j->c = 0;
	if (!j->bin)
		return true;
	hist_range(s->min, s->max, s->hist->n, &j->lo, &j->hi);
	gsl_histogram_set_ranges_uniform(s->hist, j->lo, j->hi);
	for (size_t k = 0; k < s->hist->n; k++)
		s->hist->bin[k] = 0;
	return true;
}

/* Pass 2 over entries [pos, pos + m), pos a multiple of IV_BLOCK: block
 * sums folded on in order, counts (exact) added to the histogram. */
static void fast_run(iv_stats_job *j, size_t m, unsigned threads)
{
	iv_stats *s = j->s;
	size_t bins = s->hist ? s->hist->n : 1;
	struct pass2 p = {.x = j->x + j->pos,
			  .mean = s->mean,
			  .bin = binner_make(j->lo, j->hi, bins),
			  .q = j->q,
			  .c = j->c};
	/* pass 1 found every entry finite and within [min, max] */
	p.bin.inside = j->lo <= s->min && s->max <= j->hi;
	p.bin.ok &= j->bin; /* else binner_add counts nothing */
	if (threads == 0)
		threads = iv_par_threads(m);
	if (threads > IV_PAR_MAX)
		threads = IV_PAR_MAX;
	double *extra = threads > 1 && j->bin
				? calloc((threads - 1) * bins, sizeof *extra)
				: NULL;
	if (!extra && j->bin)
		threads = 1;
	p.counts[0] = j->bin ? s->hist->bin : NULL;
	for (unsigned k = 1; k < threads; k++)
		p.counts[k] = extra + (k - 1) * bins;
	iv_par_rounds(j->pool, m, threads, pass2_block, pass2_fold, &p);
	for (unsigned k = 1; k < threads && extra; k++) /* exact, any order */
		for (size_t i = 0; i < bins; i++)
			s->hist->bin[i] += p.counts[k][i];
	free(extra);
	j->q = p.q;
	j->c = p.c;
}

static void fast_end(iv_stats_job *j)
{
	iv_stats *s = j->s;
	size_t n = j->n;
	double var =
	    n > 1 ? (j->q - j->c * j->c / (double)n) / (double)(n - 1) : 0.0;
	s->std = sqrt(fmax(var, 0.0));
	/* rms^2 = mean^2 + (n-1)/n sd^2; avoid a third pass */
	s->rms = hypot(s->mean, s->std * sqrt((double)(n - 1) / (double)n));
	s->binned = j->bin;
}

/* Corrected two-pass variance (Chan, Golub, LeVeque): sum of squared
 * deviations less the rounding error of the mean. */
static void finite_stats(iv_stats *s, const double *x, size_t n)
{
	double ss, cs, mean = s->mean;
	centred_sums(x, n, mean, &ss, &cs);
	double var = n > 1 ? (ss - cs * cs / (double)n) / (double)(n - 1) : 0.0;
	s->std = sqrt(fmax(var, 0.0));
	/* rms^2 = mean^2 + (n-1)/n sd^2; avoid a third pass */
	s->rms = hypot(mean, s->std * sqrt((double)(n - 1) / (double)n));
}

int iv_scale_exponent(double a)
{
	if (!(a > 0) || !isfinite(a))
		return 0;
	int e = ilogb(a);
	return e < -1000 ? -1000 : e;
}

/* Finite entries only, scaled by a power of two (exact) so that squares
 * of values near 1e308 or 1e-308 neither overflow nor underflow. */
static iv_status scaled_stats(iv_stats *s, const double *x, size_t n)
{
	double down = ldexp(1.0, -iv_scale_exponent(s->absmax));
	gsl_rstat_workspace *w = gsl_rstat_alloc();
	if (!w)
		return IV_ENOMEM;
	for (size_t i = 0; i < n; i++)
		if (isfinite(x[i]))
			gsl_rstat_add(x[i] * down, w);
	s->mean = within(gsl_rstat_mean(w) / down, s->min, s->max);
	s->std = s->finite > 1 ? gsl_rstat_sd(w) / down : 0.0;
	s->rms = gsl_rstat_rms(w) / down;
	gsl_rstat_free(w);
	return IV_OK;
}

static void finite_minmax(iv_stats *s, const double *x, size_t n)
{
	if (s->finite == n) {
		gsl_stats_minmax(&s->min, &s->max, x, 1, n);
		return;
	}
	s->min = INFINITY;
	s->max = -INFINITY;
	for (size_t i = 0; i < n; i++)
		if (isfinite(x[i])) {
			s->min = fmin(s->min, x[i]);
			s->max = fmax(s->max, x[i]);
		}
}

/* Non-finite entries, or squares that could overflow or underflow:
 * serial, exact; the histogram when bin. */
static iv_status slow_stats(iv_stats *s, const double *x, size_t n, bool bin)
{
	iv_status st = IV_OK;
	for (size_t i = 0; i < n; i++) { /* one cheap pass decides the path */
		s->nan += isnan(x[i]) != 0; /* isinf(-Inf) may be -1 */
		s->inf += isinf(x[i]) != 0;
		s->neg_inf += x[i] == -INFINITY;
	}
	s->finite = n - s->nan - s->inf;
	if (s->finite > 0) {
		finite_minmax(s, x, n);
		s->absmax = fmax(fabs(s->min), fabs(s->max));
		bool safe = s->absmax == 0 ||
			    (s->absmax >= SAFE_LO && s->absmax <= SAFE_HI);
		if (s->finite == n && safe) {
			s->mean =
			    within(gsl_stats_mean(x, 1, n), s->min, s->max);
			finite_stats(s, x, n);
		} else {
			st = scaled_stats(s, x, n);
		}
	}
	if (bin)
		set_histogram(s, x, n);
	return st;
}

static void stats_reset(iv_stats *s, size_t n)
{
	s->count = n;
	s->nan = s->inf = s->neg_inf = 0;
	s->mean = s->std = s->rms = s->min = s->max = s->absmax = NAN;
	s->binned = false;
}

void iv_stats_start(iv_stats_job *j, iv_stats *s, const double *x, size_t n,
		    const iv_part1 *p1)
{
	iv_stats_start_on(j, NULL, s, x, n, p1);
}

void iv_stats_start_on(iv_stats_job *j, iv_pool *pool, iv_stats *s,
		       const double *x, size_t n, const iv_part1 *p1)
{
	*j = (iv_stats_job){.s = s,
			    .pool = pool,
			    .x = x,
			    .n = n,
			    .pass = 1,
			    .total = {0, INFINITY, -INFINITY},
			    .st = IV_OK,
			    .bin = s->hist != NULL};
	stats_reset(s, n);
	if (!p1)
		return;
	size_t nb = iv_par_nblocks(n);
	for (size_t b = 0; b < nb; b++)
		fold1(&j->total, &p1[b]);
	j->pos = n; /* pass 1 given: the next step decides */
}

bool iv_stats_step(iv_stats_job *j, size_t max, unsigned threads, size_t *done)
{
	size_t m = max / IV_BLOCK * IV_BLOCK;
	*done = 0;
	if (j->pass == 3)
		return true;
	if (m == 0)
		m = IV_BLOCK;
	if (j->pos < j->n) {
		m = j->n - j->pos < m ? j->n - j->pos : m;
		if (j->pass == 1) {
			struct pass1 p = {.x = j->x + j->pos,
					  .total = j->total};
			iv_par_rounds(j->pool, m, threads, pass1_block,
				      pass1_fold, &p);
			j->total = p.total;
		} else {
			fast_run(j, m, threads);
		}
		j->pos += m;
		*done = m;
		return false;
	}
	if (j->pass == 2) {
		fast_end(j);
	} else if (fast_start(j)) {
		j->pass = 2;
		j->pos = 0;
		return false;
	} else {
		stats_reset(j->s, j->n);
		j->st = slow_stats(j->s, j->x, j->n, j->bin);
		*done = j->n;
	}
	j->pass = 3;
	return true;
}

/* All at once. */
static iv_status stats_all(iv_stats_job *j, unsigned threads)
{
	size_t done;
	while (!iv_stats_step(j, SIZE_MAX, threads, &done))
		;
	return j->st;
}

iv_status iv_stats_from_parts(iv_stats *s, const double *x, size_t n,
			      const iv_part1 *p1, unsigned threads)
{
	iv_stats_job j;
	iv_stats_start(&j, s, x, n, p1);
	return stats_all(&j, threads);
}

iv_status iv_stats_compute_threads(iv_stats *s, const double *x, size_t n,
				   unsigned threads)
{
	iv_stats_job j;
	iv_stats_start(&j, s, x, n, NULL);
	return stats_all(&j, threads);
}

iv_status iv_stats_compute(iv_stats *s, const double *x, size_t n)
{
	return iv_stats_compute_threads(s, x, n, 0);
}
