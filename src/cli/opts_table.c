/* SPDX-License-Identifier: MIT */
/* Every command-line option once: name, letter, type, range, help, default. */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <initviz/tables.h>
#include <initviz/train.h>
#include "cli/opts_table.h"

#define OFF(f)  offsetof(cli_opts, f)
#define STR_(x) #x
#define STR(x)  STR_(x) /* a number's macro as text, for help */

/* Shorthands for the rows: a real or a size_t in the range of util/range.h
 * that the view's prompt shares, or in [lo, hi] for an option's own. */
#define REAL(f, r)           .kind = K_REAL, .off = OFF(f), .range = IV_R_##r
#define SIZE(f, r)           .kind = K_SIZE, .off = OFF(f), .range = IV_R_##r
#define REAL_IN(f, lo_, hi_) .kind = K_REAL, .off = OFF(f), .lo = lo_, .hi = hi_
#define SIZE_IN(f, lo_, hi_) .kind = K_SIZE, .off = OFF(f), .lo = lo_, .hi = hi_
#define FLAG(f)              .kind = K_FLAG, .off = OFF(f)

const struct opt cli_opt_table[] = {
    {"Network and initialization", .kind = K_SECTION},
    {"init", 'i', K_INIT, OFF(cfg.init), .arg = "SCHEME",
     .help = "weight initialization scheme"},
    {"std", 's', REAL(cfg.std, STD), .arg = "S",
     .help = "std of normal, uniform (on +-sqrt(3) S), trunc-normal"},
    {"value", 0, REAL(cfg.value, VALUE), .arg = "C",
     .help = "the constant of --init=constant (about 1/width)"},
    {"gain", 'g', REAL(cfg.gain, GAIN), .arg = "G",
     .help = "scale of xavier-*, he-*, lecun-*, orthogonal, identity"},
    {"mode", 0, K_MODE, OFF(cfg.mode), .arg = "MODE",
     .help = "the fan of he-* and lecun-*"},
    {"bias", 0, REAL(cfg.bias, BIAS), .arg = "B",
     .help = "every bias starts at B, not in presets"},
    {"bias-std", 0, REAL(cfg.bias_std, BIAS_STD), .arg = "S",
     .help = "add N(0, S^2) noise to every bias, not in presets"},
    {"activation", 'a', K_ACT, OFF(cfg.act), .arg = "NAME",
     .help = "activation function"},
    {"slope", 0, REAL(cfg.slope, SLOPE), .arg = "A",
     .help = "negative slope of leaky-relu"},
    {"norm", 0, K_NORM, OFF(cfg.norm), .arg = "KIND",
     .help = "normalize what enters the activation: none, batch (each "
	     "unit over the batch), layer (each sample over the units)",
     .own_names = true},
    {"residual", 0, FLAG(cfg.residual),
     .help = "layers 2..L of equal widths become pre-norm residual "
	     "blocks h + A (W phi(N(h)) + b); layer 1 a linear projection"},
    {"res-scale", 0, REAL_IN(cfg.res_scale, 0, 1e6), .arg = "A",
     .dflt = "1 (gpt2: 1/sqrt(2L))",
     .help = "the scale A of the residual branch"},
    {"depth", 'd', SIZE(cfg.depth, DEPTH), .arg = "L",
     .set_off = OFF(depth_set), .help = "number of layers (weight matrices)"},
    {"width", 'w', SIZE(cfg.width, WIDTH), .arg = "N",
     .set_off = OFF(width_set),
     .help = "units in every layer and in the input"},
    {"widths", 0, K_WIDTHS, OFF(cfg.widths), OFF(widths_set),
     .arg = "N0,N1,...,NL", .dflt = "none",
     .help = "input size, then each layer's size (instead of -d, -w)"},
    {"batch", 'b', SIZE(cfg.batch, BATCH), .arg = "B",
     .help = "samples pushed through together"},
    {"input", 0, K_INPUT, OFF(cfg.input), .arg = "KIND", .own_names = true,
     .help = "inputs: gaussian N(0,1), uniform on +-sqrt(3) (zero mean, "
	     "unit variance), positive U(0,1)"},
    {"seed", 0, K_SEED, OFF(cfg.seed), .range = IV_R_SEED, .arg = "S",
     .help = "random seed; the same seed gives the same numbers"},

    {"Report", .kind = K_SECTION},
    {"report", 0, FLAG(report),
     .help = "compute once, print the per-layer report, exit"},
    {"format", 0, K_FORMAT, OFF(format), .arg = "FMT", .report = true,
     .help = "report format (implies --report)"},
    {"bins", 0, SIZE_IN(cfg.bins, 1, IV_BINS_MAX), .arg = "K",
     .help = "histogram bins"},
    {"check", 0, FLAG(check), .report = true,
     .help = "exit 1 when the network is unhealthy or its training "
	     "diverges (implies --report)"},
    {"max-memory", 0, K_BYTES, OFF(cfg.max_memory), OFF(max_memory_set),
     .arg = "SIZE", .dflt = "half the RAM",
     .help = "refuse bigger configurations; K, M, G, T suffixes; 0: none"},
    {"sweep", 0, K_SWEEP, OFF(sweep), .arg = "KNOB:VALUES", .report = true,
     .dflt = "none",
     .help = "report each configuration of a grid: VALUES is V1,V2,... "
	     "or FROM..TO*FACTOR or FROM..TO+STEP; repeat for a grid; "
	     "KNOB is width, depth, batch, std, gain, bias-std or "
	     "res-scale "
	     "(implies --report)"},
    {"jobs", 0, SIZE_IN(jobs, 0, 256), .arg = "N",
     .dflt = "0: the idle processors, as the work allows",
     .help = "configurations of a sweep computed at once, within "
	     "--max-memory together"},

    {"Lessons and training", .kind = K_SECTION},
    {"lesson", 0, SIZE_IN(lesson, 1, IV_LESSONS_TOTAL_MAX), .arg = "N",
     .dflt = "none",
     .help = "start from lesson N's configuration; options given "
	     "with it override the lesson's"},
    {"list-lessons", 0, FLAG(list_lessons),
     .help = "print the lessons, one per line, numbered, and exit"},
    {"lessons", 0, K_PATH, OFF(lessons_file), .arg = "FILE", .dflt = "none",
     .help = "add the lessons of FILE after the built-in "
	     "ones (also read: $XDG_CONFIG_HOME/initviz/"
	     "*.lessons)"},
    {"train-steps", 0, SIZE_IN(train_steps, 0, 1000000), .arg = "N",
     .help = "train N SGD steps on the toy task: the report adds the "
	     "loss, distinct neurons and update ratios per step; the "
	     "view starts trained"},
    {"lr", 0, REAL(lr, LR), .set_off = OFF(lr_set), .arg = "ETA",
     .dflt = "a lesson's lr with --lesson, else " STR(IV_TRAIN_LR),
     .help = "learning rate of training"},
    {"random-readout", 0, FLAG(random_readout),
     .help = "train with a random (LeCun normal) readout whatever "
	     "--init is: only the top layer is random"},

    {"Interactive view", .kind = K_SECTION},
    {"ascii", 0, FLAG(tui.ascii),
     .help = "ASCII glyphs only (also in the report table)"},
    {"keys", 0, K_PATH, OFF(tui.keys), .arg = "FILE", .dflt = "$INITVIZ_SCRIPT",
     .help = "play the key script in FILE (not with the report)"},
    {"trace", 0, K_PATH, OFF(tui.trace), .arg = "FILE",
     .help = "write a timestamped line per key, engine step and frame "
	     "to FILE (latency measurements; not with the report)"},

    {"Other", .kind = K_SECTION},
    {"help", 'h', FLAG(help), .help = "print this help and exit"},
    {"version", 'V', FLAG(version),
     .help = "print the version and the BLAS library, exit"},
};

const size_t cli_opt_count = sizeof cli_opt_table / sizeof cli_opt_table[0];
_Static_assert(sizeof cli_opt_table / sizeof cli_opt_table[0] <= CLI_OPT_MAX,
	       "raise CLI_OPT_MAX");

void cli_opts_defaults(cli_opts *o)
{
	*o = (cli_opts){.format = CLI_FORMAT_TABLE, .lr = IV_TRAIN_LR};
	iv_config_defaults(&o->cfg);
}

/* "a, b, c" from a name function that returns NULL past the end. */
static void join(const char *(*name)(int), char *buf, size_t len)
{
	size_t used = 0;
	buf[0] = '\0';
	for (int i = 0; name(i) && used < len; i++)
		used += (size_t)snprintf(buf + used, len - used, "%s%s",
					 i ? ", " : "", name(i));
}

static const char *init_n(int i)
{
	return iv_init_name((iv_init_kind)i);
}
static const char *act_n(int i)
{
	return iv_act_name((iv_act_kind)i);
}
static const char *mode_n(int i)
{
	return iv_mode_name((iv_fan_mode)i);
}
static const char *input_n(int i)
{
	return iv_input_name((iv_input_kind)i);
}
static const char *format_n(int i)
{
	return cli_format_name((cli_format)i);
}
static const char *norm_n(int i)
{
	return iv_norm_name((iv_norm_kind)i);
}

static const char *(*const namer[])(int) = {
    [K_INIT] = init_n,   [K_ACT] = act_n,       [K_MODE] = mode_n,
    [K_INPUT] = input_n, [K_FORMAT] = format_n, [K_NORM] = norm_n,
};

iv_range cli_opt_range(const struct opt *op)
{
	const iv_range *r = iv_range_get(op->range);
	if (r)
		return *r;
	return (iv_range){.name = op->name,
			  .lo = op->lo,
			  .hi = op->hi,
			  .kind = op->kind == K_REAL   ? IV_NUM_REAL
				  : op->kind == K_SEED ? IV_NUM_ULONG
						       : IV_NUM_SIZE};
}

void cli_opt_allowed(const struct opt *op, char *buf, size_t len)
{
	char names[512];
	iv_range r;
	switch (op->kind) {
	case K_INIT:
	case K_ACT:
	case K_MODE:
	case K_INPUT:
	case K_FORMAT:
	case K_NORM:
		join(namer[op->kind], names, sizeof names);
		snprintf(buf, len, "one of %s%s", names,
			 op->kind == K_INIT
			     ? " (aliases glorot-* for xavier-*, "
			       "kaiming-* for he-*)"
			     : "");
		break;
	case K_SIZE:
	case K_SEED:
	case K_REAL:
		r = cli_opt_range(op);
		iv_range_allowed(&r, buf, len);
		break;
	case K_BYTES:
		snprintf(buf, len,
			 "0 (no limit) or a size of at least 1 byte, "
			 "with an optional suffix K, M, G or T (e.g. "
			 "512M)");
		break;
	case K_WIDTHS:
		snprintf(buf, len,
			 "2 to %d comma-separated integers from 1 to %d",
			 IV_WIDTHS_MAX, IV_WIDTH_MAX);
		break;
	case K_PATH: snprintf(buf, len, "a file name"); break;
	case K_FLAG: /* as a setting: the option itself takes no value */
		snprintf(buf, len, "1 or 0 (yes or no, true or false, on or off)");
		break;
	case K_SWEEP:
		snprintf(buf, len,
			 "KNOB:V1,V2,..., KNOB:FROM..TO*FACTOR or "
			 "KNOB:FROM..TO+STEP");
		break;
	default: snprintf(buf, len, "no value"); break;
	}
}

void cli_opt_value(const struct opt *op, const cli_opts *o, char *buf,
		   size_t len)
{
	const void *p = (const char *)o + op->off;
	buf[0] = '\0';
	if (op->dflt) {
		snprintf(buf, len, "%s", op->dflt);
		return;
	}
	switch (op->kind) {
	case K_INIT:
	case K_ACT:
	case K_MODE:
	case K_INPUT:
	case K_FORMAT:
	case K_NORM:
		snprintf(buf, len, "%s", namer[op->kind](*(const int *)p));
		break;
	case K_SIZE: snprintf(buf, len, "%zu", *(const size_t *)p); break;
	case K_SEED:
		snprintf(buf, len, "%lu", *(const unsigned long *)p);
		break;
	case K_REAL: snprintf(buf, len, "%g", *(const double *)p); break;
	default: break;
	}
}
