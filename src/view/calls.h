/* SPDX-License-Identifier: MIT */
/* The gain calculator's reproduction: for a configuration's layer, the
 * weights' std, the bound of a uniform with that std (sqrt(3) std), and
 * the PyTorch and Keras calls that draw the same distribution, without
 * curses. A scheme a framework names is written with its own initializer
 * (kaiming_normal_, GlorotUniform, ...); one it does not is written as the
 * plain normal or uniform draw with the numbers filled in. Keras' named
 * normal initializers (GlorotNormal, HeNormal, LecunNormal) truncate, so
 * an untruncated normal is written as VarianceScaling with
 * distribution="untruncated_normal". */
#ifndef IV_VIEW_CALLS_H
#define IV_VIEW_CALLS_H

#include <stddef.h>
#include <initviz/config.h>

#define TUI_CALL_LEN 192

typedef struct tui_calls {
	size_t layer;
	double fan_in, fan_out;
	double std;   /* iv_config_weight_std */
	double bound; /* sqrt(3) std */
	char torch[TUI_CALL_LEN], keras[TUI_CALL_LEN];
} tui_calls;

/* The calls for layer l (1..depth) of cfg. */
void tui_calls_of(const iv_config *cfg, size_t l, tui_calls *out);

#endif
