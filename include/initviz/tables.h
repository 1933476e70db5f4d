/* SPDX-License-Identifier: MIT */
/* Names of init schemes, activations, fan modes and input kinds: one table each. */
#ifndef INITVIZ_TABLES_H
#define INITVIZ_TABLES_H

#include <stdbool.h>

/* Init schemes: enum, canonical name, uses --std, uses --gain, uses --mode.
 * The last four are frameworks' defaults, weights and biases both (they
 * read neither --bias nor --bias-std): torch-linear is PyTorch's
 * nn.Linear (W and b U(+-1/sqrt(fan_in))), keras-dense Keras' Dense
 * (glorot_uniform, zero bias), flax-dense Flax's nn.Dense (lecun_normal:
 * a normal cut at 2 stds and rescaled to std 1/sqrt(fan_in), zero bias),
 * gpt2 GPT-2's (N(0, 0.02^2), zero bias; blocks scaled 1/sqrt(2L)). */
#define IV_INIT_LIST(X)                                                        \
	X(IV_INIT_ZEROS, "zeros", 0, 0, 0)                                     \
	X(IV_INIT_ONES, "ones", 0, 0, 0)                                       \
	X(IV_INIT_CONSTANT, "constant", 0, 0, 0)                               \
	X(IV_INIT_NORMAL, "normal", 1, 0, 0)                                   \
	X(IV_INIT_UNIFORM, "uniform", 1, 0, 0)                                 \
	X(IV_INIT_TRUNC_NORMAL, "trunc-normal", 1, 0, 0)                       \
	X(IV_INIT_XAVIER_UNIFORM, "xavier-uniform", 0, 1, 0)                   \
	X(IV_INIT_XAVIER_NORMAL, "xavier-normal", 0, 1, 0)                     \
	X(IV_INIT_HE_UNIFORM, "he-uniform", 0, 1, 1)                           \
	X(IV_INIT_HE_NORMAL, "he-normal", 0, 1, 1)                             \
	X(IV_INIT_LECUN_UNIFORM, "lecun-uniform", 0, 1, 1)                     \
	X(IV_INIT_LECUN_NORMAL, "lecun-normal", 0, 1, 1)                       \
	X(IV_INIT_ORTHOGONAL, "orthogonal", 0, 1, 0)                           \
	X(IV_INIT_IDENTITY, "identity", 0, 1, 0)                               \
	X(IV_INIT_TORCH_LINEAR, "torch-linear", 0, 0, 0)                       \
	X(IV_INIT_KERAS_DENSE, "keras-dense", 0, 0, 0)                         \
	X(IV_INIT_FLAX_DENSE, "flax-dense", 0, 0, 0)                           \
	X(IV_INIT_GPT2, "gpt2", 0, 0, 0)

typedef enum {
#define IV_X(e, name, s, g, m) e,
	IV_INIT_LIST(IV_X)
#undef IV_X
	IV_INIT_COUNT
} iv_init_kind;

/* Activations, one row each with every fact the program uses about them:
 * enum, canonical name;
 * slope: reads --slope (leaky-relu's negative slope);
 * sat_lo, sat_hi: the saturation band: an output h < sat_lo or h > sat_hi
 *   counts as saturated (-INFINITY, INFINITY: the function never saturates);
 * dies: outputs exactly 0 on a half-line, so units can be dead;
 * torch: PyTorch's torch.nn.init.calculate_gain as an expression in the
 *   slope s (NAN: it has none and raises), and as its documentation writes
 *   it, in UTF-8 and in ASCII ("": none);
 * tour: the place in the order the view's a key steps through (tanh
 *   against relu first, then relu's relatives, then the rest).
 * The function and its derivative are in act.c; the mean-field closed
 * forms, where they exist, in theory.c. The columns sat_lo, sat_hi and
 * torch need <math.h> where the list is expanded. */
#define IV_ACT_LIST(X)                                                         \
	X(IV_ACT_LINEAR, "linear", 0, -INFINITY, INFINITY, 0, 1.0, "1", "1", 9) \
	X(IV_ACT_RELU, "relu", 0, -INFINITY, INFINITY, 1, sqrt(2.0), "√2",    \
	  "sqrt(2)", 1)                                                        \
	X(IV_ACT_LEAKY_RELU, "leaky-relu", 1, -INFINITY, INFINITY, 1,          \
	  sqrt(2.0 / (1.0 + s * s)), "√(2/(1+a²))", "sqrt(2/(1+a^2))", 2)      \
	X(IV_ACT_TANH, "tanh", 0, -0.99, 0.99, 0, 5.0 / 3.0, "5/3", "5/3", 0)  \
	X(IV_ACT_SIGMOID, "sigmoid", 0, 0.01, 0.99, 0, 1.0, "1", "1", 8)       \
	X(IV_ACT_ELU, "elu", 0, -INFINITY, INFINITY, 0, NAN, "", "", 3)        \
	X(IV_ACT_SELU, "selu", 0, -INFINITY, INFINITY, 0, 3.0 / 4.0, "3/4",    \
	  "3/4", 4)                                                            \
	X(IV_ACT_GELU, "gelu", 0, -INFINITY, INFINITY, 0, NAN, "", "", 5)      \
	X(IV_ACT_SILU, "silu", 0, -INFINITY, INFINITY, 0, NAN, "", "", 6)      \
	X(IV_ACT_SOFTPLUS, "softplus", 0, -INFINITY, INFINITY, 0, NAN, "", "", \
	  7)

typedef enum {
#define IV_X(e, name, slope, sat_lo, sat_hi, dies, torch, tu, ta, tour) e,
	IV_ACT_LIST(IV_X)
#undef IV_X
	IV_ACT_COUNT
} iv_act_kind;

#define IV_MODE_LIST(X)                                                        \
	X(IV_MODE_FAN_IN, "fan_in")                                            \
	X(IV_MODE_FAN_OUT, "fan_out")                                          \
	X(IV_MODE_FAN_AVG, "fan_avg")

typedef enum {
#define IV_X(e, name) e,
	IV_MODE_LIST(IV_X)
#undef IV_X
	IV_MODE_COUNT
} iv_fan_mode;

/* Normalization of what enters the activation (no learned scale or
 * shift): none; batch: each unit over the batch; layer: each sample over
 * the units. */
#define IV_NORM_LIST(X)                                                        \
	X(IV_NORM_NONE, "none")                                                \
	X(IV_NORM_BATCH, "batch")                                              \
	X(IV_NORM_LAYER, "layer")

typedef enum {
#define IV_X(e, name) e,
	IV_NORM_LIST(IV_X)
#undef IV_X
	IV_NORM_COUNT
} iv_norm_kind;

#define IV_INPUT_LIST(X)                                                       \
	X(IV_INPUT_GAUSSIAN, "gaussian")                                       \
	X(IV_INPUT_UNIFORM, "uniform")                                         \
	X(IV_INPUT_POSITIVE, "positive")

typedef enum {
#define IV_X(e, name) e,
	IV_INPUT_LIST(IV_X)
#undef IV_X
	IV_INPUT_COUNT
} iv_input_kind;

/* Canonical names; NULL for out-of-range values. */
const char *iv_init_name(iv_init_kind k);
const char *iv_act_name(iv_act_kind k);
const char *iv_mode_name(iv_fan_mode k);
const char *iv_input_name(iv_input_kind k);
const char *iv_norm_name(iv_norm_kind k);

/* Look a name up (aliases glorot-* and kaiming-* included). Return false
 * when the name is unknown; *out is then untouched. */
bool iv_init_parse(const char *s, iv_init_kind *out);
bool iv_act_parse(const char *s, iv_act_kind *out);
bool iv_mode_parse(const char *s, iv_fan_mode *out);
bool iv_input_parse(const char *s, iv_input_kind *out);
bool iv_norm_parse(const char *s, iv_norm_kind *out);

/* Which knobs a scheme reads: --std (raw schemes), --gain (scaled ones),
 * --mode (he-*, lecun-*). */
bool iv_init_uses_std(iv_init_kind k);
bool iv_init_uses_gain(iv_init_kind k);
bool iv_init_uses_mode(iv_init_kind k);
/* The framework presets, which draw their own biases. */
bool iv_init_is_preset(iv_init_kind k);

/* Facts of an activation from its row (false, or NAN, out of range). */
bool iv_act_uses_slope(iv_act_kind k);
/* Whether outputs can saturate, and whether output h is saturated. */
bool iv_act_saturates(iv_act_kind k);
bool iv_act_saturated(iv_act_kind k, double h);
/* The band: h < *lo or h > *hi is saturated (infinite when it never is). */
void iv_act_band(iv_act_kind k, double *lo, double *hi);
/* Whether units can die (the output is 0 on a half-line). */
bool iv_act_dies(iv_act_kind k);
/* PyTorch's calculate_gain at negative slope `slope`; NAN when it has none.
 * Its formula as PyTorch documents it ("" when none), UTF-8 or ASCII. */
double iv_act_torch_gain(iv_act_kind k, double slope);
const char *iv_act_torch_text(iv_act_kind k, bool utf8);
/* The activation after k (dir +1) or before it (-1) in the tour order. */
iv_act_kind iv_act_tour(iv_act_kind k, int dir);

#endif
