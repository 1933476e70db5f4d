/* SPDX-License-Identifier: MIT */
/* Configuration defaults, validation, the weight-std formulas and the memory
 * estimate. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <unistd.h>
#include <initviz/config.h>
#include "init.h"

void iv_config_defaults(iv_config *cfg)
{
	*cfg = (iv_config){
	    .init = IV_INIT_XAVIER_NORMAL,
	    .std = 0.01,
	    .value = 0.004, /* about 1/width: neither saturates nor vanishes */
	    .gain = 1.0,
	    .mode = IV_MODE_FAN_IN,
	    .bias = 0.0,
	    .bias_std = 0.0,
	    .act = IV_ACT_TANH,
	    .slope = 0.01,
	    .depth = 10,
	    .width = 256,
	    .nwidths = 0,
	    .batch = 512,
	    .input = IV_INPUT_GAUSSIAN,
	    .seed = 1,
	    .max_memory = 0,
	    .retain = 0,
	    .bins = 40,
	    .norm = IV_NORM_NONE,
	    .residual = false,
	    .res_scale = NAN,
	};
}

size_t iv_config_units(const iv_config *cfg, size_t l)
{
	if (cfg->nwidths)
		return l < cfg->nwidths ? cfg->widths[l] : 0;
	return l <= cfg->depth ? cfg->width : 0;
}

void iv_config_uniform(iv_config *cfg)
{
	if (!cfg->nwidths)
		return;
	size_t w = 1;
	for (size_t i = 0; i < cfg->nwidths; i++)
		if (cfg->widths[i] > w)
			w = cfg->widths[i];
	cfg->depth = cfg->nwidths - 1;
	cfg->width = w;
	cfg->nwidths = 0;
}

double iv_config_fan(const iv_config *cfg, double fan_in, double fan_out)
{
	switch (cfg->mode) {
	case IV_MODE_FAN_OUT: return fan_out;
	case IV_MODE_FAN_AVG: return 0.5 * (fan_in + fan_out);
	default: return fan_in;
	}
}

double iv_config_scheme_fan(const iv_config *cfg, double fi, double fo)
{
	switch (cfg->init) {
	case IV_INIT_XAVIER_UNIFORM:
	case IV_INIT_XAVIER_NORMAL: return 0.5 * (fi + fo);
	case IV_INIT_HE_UNIFORM:
	case IV_INIT_HE_NORMAL: return 0.5 * iv_config_fan(cfg, fi, fo);
	case IV_INIT_LECUN_UNIFORM:
	case IV_INIT_LECUN_NORMAL: return iv_config_fan(cfg, fi, fo);
	default: return NAN;
	}
}

/* From the scale the draw itself uses (init.c's iv_init_family), so the
 * std shown and the std drawn cannot part: a normal's std, a uniform's
 * bound over sqrt 3, a normal cut at +-2 shrinks by IV_TRUNC2_STD, an
 * orthogonal matrix's entries have mean square 1/max(fan_in, fan_out). */
double iv_config_weight_std(const iv_config *cfg, size_t l)
{
	size_t fi = iv_config_units(cfg, l - 1), fo = iv_config_units(cfg, l);
	double a;
	switch (iv_init_family(cfg, fo, fi, &a)) {
	case IV_DRAW_NORMAL: return a;
	case IV_DRAW_UNIFORM: return a / sqrt(3.0);
	case IV_DRAW_TRUNC: return a * IV_TRUNC2_STD;
	case IV_DRAW_ORTHO: return a / sqrt((double)(fi > fo ? fi : fo));
	case IV_DRAW_NONE: break;
	}
	switch (cfg->init) {
	case IV_INIT_ZEROS:
	case IV_INIT_ONES:
	case IV_INIT_CONSTANT: return 0.0;
	case IV_INIT_IDENTITY: {
		/* min(fi,fo) entries equal g, the rest 0: population std */
		double p = (double)(fi < fo ? fi : fo) / ((double)fi * fo);
		return fabs(cfg->gain) * sqrt(p * (1.0 - p));
	}
	default: return NAN;
	}
}

const char *iv_layer_kind_name(iv_layer_kind k)
{
	static const char *const names[] = {
	    [IV_LAYER_PLAIN] = "plain",
	    [IV_LAYER_PROJECTION] = "projection",
	    [IV_LAYER_RESIDUAL] = "residual",
	};
	return (unsigned)k <= IV_LAYER_RESIDUAL ? names[k] : NULL;
}

iv_layer_kind iv_config_layer_kind(const iv_config *cfg, size_t l)
{
	if (!cfg->residual)
		return IV_LAYER_PLAIN;
	if (l == 1)
		return IV_LAYER_PROJECTION;
	return iv_config_units(cfg, l) == iv_config_units(cfg, l - 1)
		   ? IV_LAYER_RESIDUAL
		   : IV_LAYER_PLAIN;
}

bool iv_config_layer_norm(const iv_config *cfg, size_t l)
{
	return cfg->norm != IV_NORM_NONE &&
	       iv_config_layer_kind(cfg, l) != IV_LAYER_PROJECTION;
}

iv_act_kind iv_config_layer_act(const iv_config *cfg, size_t l)
{
	return iv_config_layer_kind(cfg, l) == IV_LAYER_PROJECTION
		   ? IV_ACT_LINEAR
		   : cfg->act;
}

double iv_config_res_scale(const iv_config *cfg)
{
	if (!isnan(cfg->res_scale))
		return cfg->res_scale;
	if (cfg->init == IV_INIT_GPT2) /* GPT-2's residual projections */
		return 1.0 / sqrt(2.0 * (double)cfg->depth);
	return 1.0;
}

double iv_config_bias_mean(const iv_config *cfg, size_t l)
{
	(void)l;
	return iv_init_is_preset(cfg->init) ? 0.0 : cfg->bias;
}

double iv_config_bias_var(const iv_config *cfg, size_t l)
{
	if (cfg->init == IV_INIT_TORCH_LINEAR) /* U(+-a): a^2 / 3 */
		return 1.0 / (3.0 * (double)iv_config_units(cfg, l - 1));
	if (iv_init_is_preset(cfg->init))
		return 0.0;
	return cfg->bias_std * cfg->bias_std;
}

static bool in(double x, double lo, double hi)
{
	return isfinite(x) && x >= lo && x <= hi;
}

iv_status iv_config_validate(const iv_config *cfg)
{
	if ((unsigned)cfg->init >= IV_INIT_COUNT ||
	    (unsigned)cfg->act >= IV_ACT_COUNT ||
	    (unsigned)cfg->mode >= IV_MODE_COUNT ||
	    (unsigned)cfg->input >= IV_INPUT_COUNT)
		return IV_EINVAL;
	if (!in(cfg->std, 0, 1e300) || !in(cfg->value, -1e300, 1e300) ||
	    !in(cfg->gain, -1e300, 1e300) || !in(cfg->bias, -1e300, 1e300) ||
	    !in(cfg->bias_std, 0, 1e300) || !in(cfg->slope, -1e300, 1e300))
		return IV_EINVAL;
	if ((unsigned)cfg->norm >= IV_NORM_COUNT ||
	    (!isnan(cfg->res_scale) && !in(cfg->res_scale, 0, 1e300)))
		return IV_EINVAL;
	if (cfg->batch < 1 || cfg->batch > IV_BATCH_MAX)
		return IV_EINVAL;
	if (cfg->bins < 1 || cfg->bins > IV_BINS_MAX)
		return IV_EINVAL;
	if (cfg->nwidths) {
		if (cfg->nwidths < 2 || cfg->nwidths > IV_WIDTHS_MAX)
			return IV_EINVAL;
		for (size_t i = 0; i < cfg->nwidths; i++)
			if (cfg->widths[i] < 1 || cfg->widths[i] > IV_WIDTH_MAX)
				return IV_EINVAL;
		if (cfg->depth != cfg->nwidths - 1)
			return IV_EINVAL;
	} else if (cfg->depth < 1 || cfg->depth > IV_DEPTH_MAX ||
		   cfg->width < 1 || cfg->width > IV_WIDTH_MAX) {
		return IV_EINVAL;
	}
	return IV_OK;
}

double iv_config_memory(const iv_config *cfg)
{
	double b = (double)cfg->batch, bytes = 0, maxw = 0, maxn = 0, ws = 0,
	       wprev = 0;
	double n0 = (double)iv_config_units(cfg, 0);
	maxn = n0;
	for (size_t l = 1; l <= cfg->depth; l++) {
		double fi = (double)iv_config_units(cfg, l - 1);
		double fo = (double)iv_config_units(cfg, l);
		bytes += fo * fi + fo; /* weights and biases */
		bytes += 2 * b * fo;   /* pre-activations and activations */
		if (iv_config_layer_kind(cfg, l) == IV_LAYER_RESIDUAL)
			bytes += b * fi; /* the branch's input phi(N(h)) */
		if (iv_config_layer_norm(cfg, l)) /* means, inverse stds */
			bytes += 2 * (cfg->norm == IV_NORM_BATCH ? fo : b);
		if (cfg->retain)
			bytes += b * fo; /* every layer's gradient */
		maxw = fmax(maxw, fo * fi);
		maxn = fmax(maxn, fo);
		/* orthogonal layers are drawn two at a time */
		double w = iv_init_workspace(cfg, (size_t)fo, (size_t)fi);
		ws = fmax(ws, w + wprev);
		wprev = w;
	}
	bytes += b * n0; /* inputs */
	/* gradient ping-pong (dz overwrites g), or dz when retained (an
	 * estimate: the retained gradients come first); dW */
	bytes += 2 * b * maxn + maxw;
	if (cfg->residual && !cfg->retain)
		bytes += b * maxn;    /* dz beside g: blocks need g_l after */
	bytes += 2 * maxn;            /* per-unit sums: streams, norms */
	bytes += 10 * maxn + 4 * maxn; /* distinct neurons: keys, parts */
	bytes += maxn;                /* units seen alive, per thread */
	bytes += ws;                  /* drawing two layers (orthogonal) */
	bytes *= sizeof(double);
	size_t hist = cfg->no_histograms ? 0 : 2 * (cfg->bins + 1) * 6;
	bytes += (double)cfg->depth *
		 (sizeof(double) * hist + 512); /* per-layer stats */
	return bytes;
}

double iv_physical_memory(void)
{
	long pages = sysconf(_SC_PHYS_PAGES), size = sysconf(_SC_PAGESIZE);
	if (pages <= 0 || size <= 0)
		return 0;
	return (double)pages * (double)size;
}

/* snprintf at buf + *n, *n moved on; nothing once buf is full. */
static void add(char *buf, size_t len, size_t *n, const char *fmt, ...)
{
	va_list ap;
	if (*n >= len)
		return;
	va_start(ap, fmt);
	int k = vsnprintf(buf + *n, len - *n, fmt, ap);
	va_end(ap);
	if (k > 0)
		*n += (size_t)k;
}

void iv_config_init_text(const iv_config *c, char *buf, size_t len)
{
	size_t n = 0;
	if (len == 0)
		return;
	buf[0] = '\0';
	add(buf, len, &n, "init %s", iv_init_name(c->init));
	if (iv_init_uses_std(c->init))
		add(buf, len, &n, " (std %g)", c->std);
	if (c->init == IV_INIT_CONSTANT)
		add(buf, len, &n, " (value %g)", c->value);
	if (iv_init_uses_gain(c->init))
		add(buf, len, &n, " (gain %g%s%s)", c->gain,
		    iv_init_uses_mode(c->init) ? ", " : "",
		    iv_init_uses_mode(c->init) ? iv_mode_name(c->mode) : "");
	if (c->init == IV_INIT_TORCH_LINEAR)
		add(buf, len, &n, ", bias U(+-1/sqrt(fan_in))");
	else if (iv_init_is_preset(c->init))
		add(buf, len, &n, ", bias 0");
	else
		add(buf, len, &n, ", bias %g", c->bias);
	if (c->bias_std > 0 && !iv_init_is_preset(c->init))
		add(buf, len, &n, " + N(0, %g^2)", c->bias_std);
}
