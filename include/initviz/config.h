/* SPDX-License-Identifier: MIT */
/* A network configuration: every option of the command-line contract. */
#ifndef INITVIZ_CONFIG_H
#define INITVIZ_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <initviz/status.h>
#include <initviz/tables.h>

#define IV_DEPTH_MAX 10000
#define IV_WIDTH_MAX 65536
#define IV_BATCH_MAX 1000000
/* entries of --widths: the input and up to 1000 layers */
#define IV_WIDTHS_MAX 1001
#define IV_BINS_MAX   10000

/* Plain value type: copy it freely. */
typedef struct iv_config {
	iv_init_kind init;
	double std;       /* normal, uniform, trunc-normal */
	double value;     /* constant */
	double gain;      /* scaled schemes */
	iv_fan_mode mode; /* he-*, lecun-* */
	double bias;      /* every bias starts here ... */
	double bias_std;  /* ... plus N(0, bias_std^2) when > 0 */
	iv_act_kind act;
	double slope; /* leaky-relu */
	size_t depth;
	size_t width;
	size_t nwidths;                 /* 0: depth x width; else depth+1 */
	uint32_t widths[IV_WIDTHS_MAX]; /* input size, then each layer */
	size_t batch;
	iv_input_kind input;
	unsigned long seed;
	double max_memory; /* bytes; <= 0 means no limit */
	int retain;  /* keep every layer's gradient for later re-binning */
	size_t bins; /* histogram bins of the statistics */
	iv_norm_kind norm; /* what enters the activation is normalized */
	bool residual;     /* layers 2..L of equal widths: residual blocks */
	bool no_histograms; /* none kept: not allocated nor counted in
			     * iv_config_memory, never binned (a report that
			     * prints none: table, CSV) */
	double res_scale;  /* alpha of the blocks; NAN: the scheme's own */
} iv_config;

/* What layer l computes (docs/report.md, "The network"):
 * plain       z = W h + b, h = phi(N(z))
 * projection  h = W h + b (the first layer of a residual network)
 * residual    h = h' + alpha (W phi(N(h')) + b), h' the layer's input
 * with N the configured normalization (the identity for none). */
typedef enum {
	IV_LAYER_PLAIN,
	IV_LAYER_PROJECTION,
	IV_LAYER_RESIDUAL
} iv_layer_kind;

#define IV_NORM_EPS                                                            \
	1e-5 /* added to the variance a normalization divides by               \
	      */

/* Fill *cfg with the documented defaults (docs/report.md). max_memory is 0. */
void iv_config_defaults(iv_config *cfg);

/* Units of layer l: l = 0 is the input, 1..depth the layers. */
size_t iv_config_units(const iv_config *cfg, size_t l);

/* A widths list gives way to its depth of layers of its largest width:
 * what depth or width set on such a configuration start from (the view's
 * keys and prompt, the options after a lesson's list, a lesson's own
 * settings). Nothing without a list. */
void iv_config_uniform(iv_config *cfg);

/* The std of the weights the scheme draws for layer l (1..depth), the
 * closed form of docs/report.md; 0 for constants; gain / sqrt(max(fan_in,
 * fan_out)) for orthogonal; the population std of identity's entries. */
double iv_config_weight_std(const iv_config *cfg, size_t l);

/* The biases of layer l: their mean and variance (--bias and --bias-std,
 * or a preset's own). */
double iv_config_bias_mean(const iv_config *cfg, size_t l);
double iv_config_bias_var(const iv_config *cfg, size_t l);

/* Flax's lecun_normal: the std of N(0, 1) cut at +-2 (its correction). */
#define IV_TRUNC2_STD 0.87962566103423978

/* The fan that --mode picks from a layer's fan_in and fan_out. */
double iv_config_fan(const iv_config *cfg, double fan_in, double fan_out);

/* The fan of a fan-scaled scheme: the weights' variance is gain^2 over it
 * (a normal's std gain sqrt(1/fan), a uniform's bound gain sqrt(3/fan)):
 * (fan_in + fan_out) / 2 for xavier-*, the --mode fan over 2 for he-*, the
 * --mode fan for lecun-*; NAN for the other schemes. */
double iv_config_scheme_fan(const iv_config *cfg, double fan_in,
			    double fan_out);

/* "plain", "projection", "residual"; NULL out of range. */
const char *iv_layer_kind_name(iv_layer_kind k);

/* The kind of layer l (1..depth). */
iv_layer_kind iv_config_layer_kind(const iv_config *cfg, size_t l);
/* Whether layer l normalizes (a norm is set and l is no projection). */
bool iv_config_layer_norm(const iv_config *cfg, size_t l);
/* The activation layer l applies (linear for a projection). */
iv_act_kind iv_config_layer_act(const iv_config *cfg, size_t l);
/* alpha: res_scale, or when that is NAN the scheme's own: 1/sqrt(2 L)
 * for gpt2, else 1. */
double iv_config_res_scale(const iv_config *cfg);

/* Check ranges; IV_EINVAL when something is out of range. */
iv_status iv_config_validate(const iv_config *cfg);

/* "init he-normal (gain 1, fan_in), bias 0.1 + N(0, 0.05^2)": the weights'
 * scheme with the settings it reads, and the biases, as the report, the
 * sweep and the figure give them; into buf, cut to len. */
void iv_config_init_text(const iv_config *cfg, char *buf, size_t len);

/* Bytes the engine will allocate for cfg (estimate made before allocating). */
double iv_config_memory(const iv_config *cfg);

/* Physical memory of this machine in bytes, 0 when unknown. */
double iv_physical_memory(void);

#endif
