/* SPDX-License-Identifier: MIT */
/* Names of init schemes, activations, fan modes and input kinds: one table each. */
#ifndef INITVIZ_TABLES_H
#define INITVIZ_TABLES_H

#include <stdbool.h>

/* Init schemes: enum, canonical name, uses --std, uses --gain, uses --mode. */
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
	X(IV_INIT_IDENTITY, "identity", 0, 1, 0)

typedef enum {
#define IV_X(e, name, s, g, m) e,
	IV_INIT_LIST(IV_X)
#undef IV_X
	IV_INIT_COUNT
} iv_init_kind;

#define IV_ACT_LIST(X)                                                         \
	X(IV_ACT_LINEAR, "linear")                                             \
	X(IV_ACT_RELU, "relu")                                                 \
	X(IV_ACT_LEAKY_RELU, "leaky-relu")                                     \
	X(IV_ACT_TANH, "tanh")                                                 \
	X(IV_ACT_SIGMOID, "sigmoid")                                           \
	X(IV_ACT_ELU, "elu")                                                   \
	X(IV_ACT_SELU, "selu")                                                 \
	X(IV_ACT_GELU, "gelu")                                                 \
	X(IV_ACT_SILU, "silu")                                                 \
	X(IV_ACT_SOFTPLUS, "softplus")

typedef enum {
#define IV_X(e, name) e,
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

/* Look a name up (aliases glorot-* and kaiming-* included). Return false
 * when the name is unknown; *out is then untouched. */
bool iv_init_parse(const char *s, iv_init_kind *out);
bool iv_act_parse(const char *s, iv_act_kind *out);
bool iv_mode_parse(const char *s, iv_fan_mode *out);
bool iv_input_parse(const char *s, iv_input_kind *out);

/* Which knobs a scheme reads: --std (raw schemes), --gain (scaled ones),
 * --mode (he-*, lecun-*). */
bool iv_init_uses_std(iv_init_kind k);
bool iv_init_uses_gain(iv_init_kind k);
bool iv_init_uses_mode(iv_init_kind k);

#endif
