/* SPDX-License-Identifier: MIT */
/* Internal: drawing one layer's weights by the configured scheme. */
#ifndef IV_ENGINE_INIT_H
#define IV_ENGINE_INIT_H

#include <gsl/gsl_matrix.h>
#include <gsl/gsl_rng.h>
#include <initviz/config.h>

/* Fill W (fan_out x fan_in) for layer l with cfg's scheme, drawing from r. */
iv_status iv_init_draw(const iv_config *cfg, size_t l, gsl_matrix *W,
		       gsl_rng *r);

/* Rows [i0, i1) of W, drawing from r: rows drawn in order in runs get the
 * numbers of one iv_init_draw. Every scheme but orthogonal (IV_EINVAL). */
iv_status iv_init_draw_rows(const iv_config *cfg, size_t l, gsl_matrix *W,
			    gsl_rng *r, size_t i0, size_t i1);

/* Doubles of scratch that drawing a fan_out x fan_in layer allocates for a
 * while (orthogonal's QR workspace; 0 for the other schemes). */
double iv_init_workspace(const iv_config *cfg, size_t fan_out, size_t fan_in);

/* A seed for stream `stream` of a run seeded with `seed` (splitmix64), so
 * each layer's weights and the inputs come from independent streams. */
unsigned long iv_seed_mix(unsigned long seed, unsigned long stream);

#endif
