/* SPDX-License-Identifier: MIT */
/* Internal: which form of the vector tanh and tanh' runs. Where the
 * processor has fused multiply-adds, they are used only where they give
 * the same bits as the separate operations (act.c); tests hold the two
 * forms side by side. */
#ifndef IV_ENGINE_ACT_IMPL_H
#define IV_ENGINE_ACT_IMPL_H

#include <stdbool.h>

typedef enum {
	IV_FUSED_AUTO, /* fused where the processor has them (the default) */
	IV_FUSED_OFF,  /* separate multiplies and adds */
	IV_FUSED_ON    /* fused, by a library call if the processor lacks them */
} iv_fused_mode;

/* Sets the form for the arrays computed from now on, process-wide (not
 * while another thread computes one); returns whether it is the fused
 * one. */
bool iv_act_fused(iv_fused_mode m);

#endif
