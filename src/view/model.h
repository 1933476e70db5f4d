/* SPDX-License-Identifier: MIT */
/* The view's state without curses: the configuration being shown, the
 * toggles, the scroll position and the layer subset (moved by
 * view/viewport.h).
 *
 * Settings changes (model.c) work on a copy of the configuration and commit
 * it only when it is valid and fits the memory limit; they return true when
 * the configuration changed (the caller then recomputes) and leave a notice in
 * msg when they refuse or clamp. */
#ifndef IV_VIEW_MODEL_H
#define IV_VIEW_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <initviz/config.h>
#include <initviz/net.h>
#include "view/glyphs.h"

/* The keys' range of |std|, |gain|, |value|; a value typed beyond it (the
 * prompt takes the command line's range) stays when a key would move it
 * back inside. */
#define TUI_KNOB_MIN    1e-6
#define TUI_KNOB_MAX    1e6
#define TUI_KNOB_FINE   1.1
#define TUI_KNOB_COARSE 2.0
#define TUI_KNOB_START  0.01 /* raising a knob that is 0 starts here */
#define TUI_BIAS_STEP   0.1
#define TUI_BIAS_MAX    100.0

typedef enum {
	TUI_KNOB_NONE,
	TUI_KNOB_STD,
	TUI_KNOB_GAIN,
	TUI_KNOB_VALUE
} tui_knob;

typedef enum {
	TUI_SUBSET_ALL,   /* every layer, scrolled */
	TUI_SUBSET_ENDS,  /* the first and the last layers, a gap between */
	TUI_SUBSET_EVERY, /* layer 1, 1+k, 1+2k, ... and the last, k to fit */
	TUI_SUBSET_COUNT
} tui_subset;

typedef enum {
	TUI_VIEW_SPLIT,   /* layer histograms above the depth profile */
	TUI_VIEW_LAYERS,  /* layer histograms only */
	TUI_VIEW_PROFILE, /* the depth profile on the whole screen */
	TUI_VIEW_COUNT
} tui_view;

typedef struct tui_model {
	iv_config cfg;     /* what is computed and shown; retain is 1 */
	iv_config start;   /* the starting configuration, for reset */
	double max_memory; /* bytes a configuration may need; 0: no limit */
	bool preact;       /* left column: pre-activations z, not h */
	bool grad_weights; /* right column: dL/dW, not dL/dh */
	bool per_layer;    /* each layer on its own x-range (default shared) */
	bool log_counts;   /* bar heights from log(1 + count) */
	tui_subset subset;
	tui_view view;
	size_t help_top; /* first help line shown while the help is open */
	size_t top;      /* first entry shown */
	size_t rows;     /* entries that fit on screen (the layout sets it) */
	char msg[160];   /* one-line notice; "" when none */
	int unseen; /* 1 + the settings item just changed, whether the bar
		       shows it to be checked once the predictions it shows
		       are in; 0 none */
} tui_model;

/* Start from cfg (copied; retain set). cfg->max_memory is the limit for
 * every change; <= 0 means none, as in the engine (the command line passes
 * half the physical memory unless told otherwise). */
void tui_model_init(tui_model *m, const iv_config *cfg);

/* The variance knob a scheme reads, its name ("std", "gain", "value", NULL)
 * and value. */
tui_knob tui_model_knob_of(iv_init_kind k);
const char *tui_model_knob_name(tui_knob k);
double tui_model_knob_value(const iv_config *cfg);

/* The quantities shown on the left (h or z) and the right (dL/dh or dL/dW). */
iv_quantity tui_model_left_q(const tui_model *m);
iv_quantity tui_model_right_q(const tui_model *m);
/* Their titles in at most width columns: long ("activations h = tanh(z)")
 * when it fits, else short ("h = tanh(z)"). */
void tui_model_left_title(const tui_model *m, const tui_glyphs *g, char *buf,
			  size_t size, int width);
void tui_model_right_title(const tui_model *m, const tui_glyphs *g, char *buf,
			   size_t size, int width);

/* Settings: dir is +1 or -1. Each returns true when cfg changed. */
bool tui_model_scale_knob(tui_model *m, double factor);
bool tui_model_cycle_init(tui_model *m, int dir);
bool tui_model_cycle_act(tui_model *m, int dir);
/* The activation after k (dir +1) or before it (-1) in the view's order:
 * tanh, relu, leaky-relu, elu, selu, gelu, silu, softplus, sigmoid,
 * linear, and round again. */
iv_act_kind tui_model_act_next(iv_act_kind k, int dir);
bool tui_model_cycle_input(tui_model *m, int dir);
/* The notice when a fan mode is set for a scheme that has none (the
 * mode key, and `:mode`). */
#define TUI_MODE_ONLY "fan mode applies to he-* and lecun-* only"
bool tui_model_cycle_mode(tui_model *m);
bool tui_model_depth(tui_model *m, int dir);
bool tui_model_width(tui_model *m, int dir);
bool tui_model_batch(tui_model *m, int dir);
bool tui_model_bias(tui_model *m, int dir);
bool tui_model_seed(tui_model *m, int dir);
bool tui_model_reset(tui_model *m);
/* Take c as the configuration when it is valid and fits the memory limit;
 * else keep the current one and say why in m->msg ("what: ..."). */
bool tui_model_commit(tui_model *m, const iv_config *c, const char *what);

/* The next depth up or down the ladder 1..9, 10 12 15 20 25 30 40 50 60 80,
 * 100 120 ..., clamped to 1..IV_DEPTH_MAX. */
size_t tui_model_ladder(size_t x, int dir);

#endif
