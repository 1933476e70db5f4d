/* SPDX-License-Identifier: MIT */
/* Internal: drawing one layer's weights by the configured scheme. */
#ifndef IV_ENGINE_INIT_H
#define IV_ENGINE_INIT_H

#include <gsl/gsl_matrix.h>
#include <gsl/gsl_rng.h>
#include <initviz/config.h>

/* The generator of every stream the engine draws (the input, each layer's
 * weights and biases, g_L, training's targets): GSL's taus2, L'Ecuyer's
 * maximally equidistributed combined Tausworthe generator (period 2^88),
 * integer arithmetic only, so a seed gives the same numbers on every
 * machine. Normal numbers come from GSL's ziggurat on it, drawn by
 * gauss.h bit for bit as GSL draws them. It draws a normal number in half
 * mt19937's time (docs/performance.md). */
#define IV_RNG gsl_rng_taus2

/* Fill W (fan_out x fan_in) for layer l with cfg's scheme, drawing from r. */
iv_status iv_init_draw(const iv_config *cfg, size_t l, gsl_matrix *W,
		       gsl_rng *r);

/* Rows [i0, i1) of W, drawing from r: rows drawn in order in runs get the
 * numbers of one iv_init_draw. Every scheme but orthogonal (IV_EINVAL). */
iv_status iv_init_draw_rows(const iv_config *cfg, size_t l, gsl_matrix *W,
			    gsl_rng *r, size_t i0, size_t i1);

/* How a scheme draws: the family of its random numbers, and the scale its
 * unit draws are taken to (the std of a normal or truncated normal, the
 * bound of a uniform, the gain of an orthogonal matrix). IV_DRAW_NONE: no
 * random numbers (constants, identity). */
typedef enum {
	IV_DRAW_NONE,
	IV_DRAW_NORMAL,
	IV_DRAW_UNIFORM,
	IV_DRAW_TRUNC,
	IV_DRAW_ORTHO
} iv_draw_family;
iv_draw_family iv_init_family(const iv_config *cfg, size_t fan_out,
			      size_t fan_in, double *scale);

/* Rows [i0, i1) of unit draws U from r: N(0, 1), u in [0, 1), or accepted
 * N(0, 1) within +-2, reading r as iv_init_draw_rows does (rows in order in
 * runs: the numbers of one call); orthogonal: the whole of an orthogonal U
 * (gain 1). Then iv_init_scale_units gives W's rows from them, bit for bit
 * the numbers iv_init_draw_rows (or iv_init_draw) gives: so a change of
 * scale alone needs no new draws (tests/test_init.c). */
iv_status iv_init_units(iv_draw_family f, gsl_matrix *U, gsl_rng *r,
			size_t i0, size_t i1);
void iv_init_scale_units(iv_draw_family f, double scale, const gsl_matrix *U,
			 gsl_matrix *W, size_t i0, size_t i1);

/* Doubles of scratch that drawing a fan_out x fan_in layer allocates for a
 * while (orthogonal's QR workspace; 0 for the other schemes). */
double iv_init_workspace(const iv_config *cfg, size_t fan_out, size_t fan_in);

/* A seed for stream `stream` of a run seeded with `seed` (splitmix64), so
 * each layer's weights and the inputs come from independent streams. */
unsigned long iv_seed_mix(unsigned long seed, unsigned long stream);

#endif
