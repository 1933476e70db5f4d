/* SPDX-License-Identifier: MIT */
/* Normal numbers as GSL's ziggurat draws them (gauss.h).
 *
 * gsl_ran_gaussian_ziggurat reads one 32-bit number k from a generator
 * whose range is 32 bits: its low 7 bits choose one of 128 strips, the
 * eighth the sign, the 24 above a position j in the strip. When j is
 * below the strip's bound, the number is (sign sigma)(j w), w the strip's
 * width; otherwise a further test reads more numbers (about 1 draw in 80).
 * Bounds and widths are GSL's own tables, read from its function once,
 * with a generator that returns the numbers asked of it. The common case
 * then runs here, the generator stepped inline, and the rare one goes to
 * GSL from the state the draw started in. A check compares the numbers of
 * a few thousand draws with GSL's before the fast path is used; any
 * difference, or a generator other than taus2, leaves every draw to GSL.
 *
 * The engine's generator is taus2 (init.h), L'Ecuyer's combined
 * Tausworthe generator: three 32-bit words, each advanced by shifts and
 * exclusive ors (GSL keeps them in unsigned longs). Here it costs no call
 * through a pointer, and the sign is a bit rather than a branch the
 * processor guesses wrong half the time: 4.4 ns a number against 6.5 for
 * GSL's function, in cache (docs/performance.md). */
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_randist.h>
#include "gauss.h"

#define STRIPS 128
#define J_RANGE ((uint32_t)1 << 24)

static uint32_t bound[STRIPS]; /* j below it: taken at once */
static double width[STRIPS];   /* the number is then j width (sign, sigma) */
static bool fast;
static pthread_once_t once = PTHREAD_ONCE_INIT;

/* A generator for reading GSL's tables: its first number is the one set,
 * its later ones splitmix64's (any further test then ends as with any
 * generator), and it counts the numbers read. */
struct probe {
	unsigned long first, calls;
	uint64_t x;
};

static unsigned long probe_get(void *state)
{
	struct probe *p = state;
	if (p->calls++ == 0)
		return p->first;
	uint64_t z = (p->x += 0x9e3779b97f4a7c15u);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
	return (unsigned long)((z ^ (z >> 31)) & 0xffffffffu);
}

static double probe_get_double(void *state)
{
	return (double)probe_get(state) / 4294967296.0;
}

static void probe_set(void *state, unsigned long seed)
{
	*(struct probe *)state = (struct probe){0, 0, seed};
}

static const gsl_rng_type probe_type = {
	"initviz-probe", 0xffffffffUL, 0, sizeof(struct probe),
	probe_set,	 probe_get,    probe_get_double};

/* Whether GSL takes strip i, position j, sign + at once (one number
 * read); *x gets its number for sigma 1. */
static bool taken(gsl_rng *r, unsigned i, uint32_t j, double *x)
{
	struct probe *p = gsl_rng_state(r);
	p->first = (unsigned long)j << 8 | 0x80 | i;
	p->calls = 0;
	*x = gsl_ran_gaussian_ziggurat(r, 1.0);
	return p->calls == 1;
}

static bool read_tables(void)
{
	gsl_rng *r = gsl_rng_alloc(&probe_type);
	if (!r)
		return false;
	gsl_rng_set(r, 1);
	for (unsigned i = 0; i < STRIPS; i++) {
		uint32_t lo = 0, hi = J_RANGE; /* first j not taken: [lo, hi] */
		double x;
		while (lo < hi) {
			uint32_t mid = lo + (hi - lo) / 2;
			if (taken(r, i, mid, &x))
				lo = mid + 1;
			else
				hi = mid;
		}
		bound[i] = lo;
		width[i] = lo > 1 && taken(r, i, 1, &x) ? x : 0.0;
	}
	gsl_rng_free(r);
	return true;
}

static inline uint64_t bits(double v)
{
	uint64_t b;
	memcpy(&b, &v, sizeof b);
	return b;
}

static inline double signed_by(double v, uint32_t k)
{
	uint64_t b;
	memcpy(&b, &v, sizeof b);
	b ^= (uint64_t)(~k & 0x80) << 56; /* sign bit 0: negative */
	memcpy(&v, &b, sizeof v);
	return v;
}

/* The fast path on a taus2 state. (sign sigma)(j w) and the sign flipped
 * on sigma (j w) are the same number: rounding is symmetric. */
static void fill_taus2(gsl_rng *r, double sigma, double *x, size_t n)
{
	unsigned long *st = gsl_rng_state(r);
	uint32_t s1 = (uint32_t)st[0], s2 = (uint32_t)st[1],
		 s3 = (uint32_t)st[2];
	for (size_t m = 0; m < n; m++) {
		uint32_t t1 = s1, t2 = s2, t3 = s3;
		s1 = ((s1 & 0xfffffffeu) << 12) ^ (((s1 << 13) ^ s1) >> 19);
		s2 = ((s2 & 0xfffffff8u) << 4) ^ (((s2 << 2) ^ s2) >> 25);
		s3 = ((s3 & 0xfffffff0u) << 17) ^ (((s3 << 3) ^ s3) >> 11);
		uint32_t k = s1 ^ s2 ^ s3, i = k & 0x7f, j = k >> 8;
		if (j < bound[i]) {
			x[m] = signed_by(sigma * ((double)j * width[i]), k);
			continue;
		}
		st[0] = t1, st[1] = t2, st[2] = t3; /* GSL redoes this one */
		x[m] = gsl_ran_gaussian_ziggurat(r, sigma);
		s1 = (uint32_t)st[0], s2 = (uint32_t)st[1],
		s3 = (uint32_t)st[2];
	}
	st[0] = s1, st[1] = s2, st[2] = s3;
}

static bool taus2(const gsl_rng *r)
{
	return r->type == gsl_rng_taus2 &&
	       r->type->size == 3 * sizeof(unsigned long);
}

/* The fast path's numbers against GSL's, bit for bit, then the states. */
#define CHECK_N 4096
static bool agrees(void)
{
	static const unsigned long seeds[] = {1, 2, 4357, 0x9e3779b9};
	static const double sigmas[] = {1.0, 0.3, -2.5};
	gsl_rng *a = gsl_rng_alloc(gsl_rng_taus2),
		*b = gsl_rng_alloc(gsl_rng_taus2);
	double *x = malloc(CHECK_N * sizeof *x);
	bool ok = a && b && x && taus2(a);
	for (size_t s = 0; ok && s < sizeof seeds / sizeof *seeds; s++) {
		double sigma = sigmas[s % (sizeof sigmas / sizeof *sigmas)];
		gsl_rng_set(a, seeds[s]);
		gsl_rng_set(b, seeds[s]);
		fill_taus2(a, sigma, x, CHECK_N);
		for (size_t m = 0; ok && m < CHECK_N; m++) {
			double y = gsl_ran_gaussian_ziggurat(b, sigma);
			ok = bits(x[m]) == bits(y);
		}
		ok = ok && gsl_rng_get(a) == gsl_rng_get(b);
	}
	free(x);
	gsl_rng_free(a);
	gsl_rng_free(b);
	return ok;
}

static void setup(void)
{
	fast = read_tables() && agrees();
}

bool iv_gauss_fast(void)
{
	pthread_once(&once, setup);
	return fast;
}

void iv_gauss_fill(gsl_rng *r, double sigma, double *x, size_t n)
{
	if (iv_gauss_fast() && taus2(r)) {
		fill_taus2(r, sigma, x, n);
		return;
	}
	for (size_t m = 0; m < n; m++)
		x[m] = gsl_ran_gaussian_ziggurat(r, sigma);
}

double iv_gauss(gsl_rng *r, double sigma)
{
	double x;
	iv_gauss_fill(r, sigma, &x, 1);
	return x;
}
