/* SPDX-License-Identifier: MIT */
/* PyTorch and Keras calls that draw what a scheme draws. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include "view/calls.h"

/* A number in a call: short, but exact to 6 digits. */
#define N "%.6g"

static void call(char *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void call(char *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(b, TUI_CALL_LEN, fmt, ap);
	va_end(ap);
}

/* Keras' VarianceScaling: variance scale / fan, fan by mode. */
static void keras_vs(char *b, double scale, const char *mode, const char *dist)
{
	call(b,
	     "VarianceScaling(scale=" N ", mode=\"%s\", distribution=\"%s\")",
	     scale, mode, dist);
}

/* The fan-scaled schemes: xavier-*, he-*, lecun-*. */
static void scaled(const iv_config *c, tui_calls *o)
{
	bool uni = c->init == IV_INIT_XAVIER_UNIFORM ||
		   c->init == IV_INIT_HE_UNIFORM ||
		   c->init == IV_INIT_LECUN_UNIFORM;
	bool xavier = c->init == IV_INIT_XAVIER_UNIFORM ||
		      c->init == IV_INIT_XAVIER_NORMAL;
	bool he = c->init == IV_INIT_HE_UNIFORM || c->init == IV_INIT_HE_NORMAL;
	const char *mode = xavier ? "fan_avg" : iv_mode_name(c->mode);
	const char *u = uni ? "uniform" : "normal";
	double g = c->gain;
	keras_vs(o->keras, (he ? 2 : 1) * g * g, mode,
		 uni ? "uniform" : "untruncated_normal");
	if (xavier)
		call(o->torch, "nn.init.xavier_%s_(w, gain=" N ")", u, g);
	else if (he && g == 1 && c->mode != IV_MODE_FAN_AVG)
		call(o->torch,
		     "nn.init.kaiming_%s_(w, mode=\"%s\", "
		     "nonlinearity=\"relu\")",
		     u, mode);
	else if (uni)
		call(o->torch, "nn.init.uniform_(w, -" N ", " N ")", o->bound,
		     o->bound);
	else
		call(o->torch, "nn.init.normal_(w, std=" N ")", o->std);
}

/* The framework presets: each framework's layer default, or its
 * equivalent in the other. */
static void preset(const iv_config *c, tui_calls *o)
{
	double b = 1 / sqrt(o->fan_in);
	switch (c->init) {
	case IV_INIT_TORCH_LINEAR:
		call(o->torch,
		     "nn.Linear(%.0f, %.0f)  (kaiming_uniform_(w, "
		     "a=math.sqrt(5)), b U(+-" N "))",
		     o->fan_in, o->fan_out, b);
		call(o->keras,
		     "Dense(%.0f, kernel_initializer=VarianceScaling("
		     "1/3, \"fan_in\", \"uniform\"), bias_initializer="
		     "RandomUniform(-" N ", " N "))",
		     o->fan_out, b, b);
		break;
	case IV_INIT_KERAS_DENSE:
		call(o->torch, "nn.init.xavier_uniform_(w); nn.init.zeros_(b)");
		call(o->keras, "Dense(%.0f)  (GlorotUniform(), zero bias)",
		     o->fan_out);
		break;
	case IV_INIT_FLAX_DENSE: {
		double s = o->std / IV_TRUNC2_STD;
		call(o->torch,
		     "nn.init.trunc_normal_(w, std=" N ", a=-" N ", b=" N
		     "); nn.init.zeros_(b)",
		     s, 2 * s, 2 * s);
		call(o->keras, "LecunNormal()  (flax.linen.Dense's default)");
		break;
	}
	default: /* gpt2 */
		call(o->torch,
		     "nn.init.normal_(w, std=0.02); nn.init.zeros_(b)");
		call(o->keras, "RandomNormal(stddev=0.02)");
		break;
	}
}

void tui_calls_of(const iv_config *c, size_t l, tui_calls *o)
{
	o->layer = l;
	o->fan_in = (double)iv_config_units(c, l - 1);
	o->fan_out = (double)iv_config_units(c, l);
	o->std = iv_config_weight_std(c, l);
	o->bound = sqrt(3.0) * o->std;
	switch (c->init) {
	case IV_INIT_ZEROS:
		call(o->torch, "nn.init.zeros_(w)");
		call(o->keras, "Zeros()");
		break;
	case IV_INIT_ONES:
		call(o->torch, "nn.init.ones_(w)");
		call(o->keras, "Ones()");
		break;
	case IV_INIT_CONSTANT:
		call(o->torch, "nn.init.constant_(w, " N ")", c->value);
		call(o->keras, "Constant(" N ")", c->value);
		break;
	case IV_INIT_NORMAL:
		call(o->torch, "nn.init.normal_(w, std=" N ")", c->std);
		call(o->keras, "RandomNormal(stddev=" N ")", c->std);
		break;
	case IV_INIT_UNIFORM:
		call(o->torch, "nn.init.uniform_(w, -" N ", " N ")", o->bound,
		     o->bound);
		call(o->keras, "RandomUniform(-" N ", " N ")", o->bound,
		     o->bound);
		break;
	case IV_INIT_TRUNC_NORMAL:
		call(o->torch,
		     "nn.init.trunc_normal_(w, std=" N ", a=-" N ", b=" N ")",
		     c->std, 2 * c->std, 2 * c->std);
		call(o->keras, "TruncatedNormal(stddev=" N ")", c->std);
		break;
	case IV_INIT_ORTHOGONAL:
		call(o->torch, "nn.init.orthogonal_(w, gain=" N ")", c->gain);
		call(o->keras, "Orthogonal(gain=" N ")", c->gain);
		break;
	case IV_INIT_IDENTITY:
		call(o->torch, "nn.init.eye_(w).mul_(" N ")  (under no_grad)",
		     c->gain);
		call(o->keras, "Identity(gain=" N ")", c->gain);
		break;
	default:
		if (iv_init_is_preset(c->init))
			preset(c, o);
		else
			scaled(c, o);
		break;
	}
}
