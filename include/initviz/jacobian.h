/* SPDX-License-Identifier: MIT */
/* Dynamical isometry: singular values of the input-output Jacobian
 * J = D_L W_L ... D_1 W_1 at one input, D_l = diag(phi'(z_l)). */
#ifndef INITVIZ_JACOBIAN_H
#define INITVIZ_JACOBIAN_H

#include <stddef.h>
#include <initviz/net.h>

/* Largest width for which the Jacobian is computed (cost L n^3, SVD n^3). */
#define IV_JACOBIAN_WIDTH_MAX 2048

typedef struct iv_spectrum {
	size_t count;       /* min(n_0, n_L) singular values */
	double *sv;         /* descending; owned, free with iv_spectrum_done */
	double mean_square; /* mean of sv^2 */
	double max, min;
} iv_spectrum;

/* Needs the forward pass of every layer done (iv_net_layer(..)->forward_done).
 * Residual blocks contribute I + alpha W D N, a layer norm its Jacobian N
 * at the sample. IV_EINVAL when a layer is wider than
 * IV_JACOBIAN_WIDTH_MAX, sample is not in the batch, or the network
 * normalizes over the batch (a sample's output then depends on the other
 * samples: there is no one-sample Jacobian); IV_EGSL when the SVD fails (e.g.
 * non-finite entries). */
iv_status iv_jacobian_spectrum(const iv_net *net, size_t sample,
			       iv_spectrum *out);
void iv_spectrum_done(iv_spectrum *s);

#endif
