/* SPDX-License-Identifier: MIT */
/* The view's curses-free parts: settings changes with clamping and cycling,
 * subsets and scrolling, layout arithmetic, histogram ranges and heights,
 * the key table and key scripts. */
#include <check.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <initviz/net.h>
#include "view/arch.h"
#include "view/calls.h"
#include "view/hist.h"
#include "view/keys.h"
#include "view/layout.h"
#include "view/model.h"
#include "view/script.h"
#include "view/viewport.h"
#include "view_testutil.h"

#define LEN(a) (sizeof(a) / sizeof((a)[0]))

static tui_model m;

static void setup(void)
{
	iv_config c;
	iv_config_defaults(&c);
	c.depth = 6;
	c.width = 32;
	c.batch = 64;
	tui_model_init(&m, &c);
}

/* --- settings ------------------------------------------------------------ */

START_TEST(init_forces_retain_and_keeps_the_limit)
{
	/* given defaults with retain 0 and no limit, then retain 1, no limit */
	ck_assert_int_eq(m.cfg.retain, 1);
	ck_assert_int_eq(m.start.retain, 1);
	ck_assert(m.max_memory == 0);
	ck_assert(tui_model_width(&m, +1)); /* nothing refuses */
	/* given a limit, then the model keeps it */
	iv_config c = m.cfg;
	c.max_memory = 1e9;
	tui_model_init(&m, &c);
	ck_assert(m.max_memory == 1e9);
}
END_TEST

START_TEST(knob_follows_the_scheme)
{
	/* given each scheme, then the knob the engine's table says it reads */
	for (int k = 0; k < IV_INIT_COUNT; k++) {
		tui_knob want = iv_init_uses_std(k)     ? TUI_KNOB_STD
				: iv_init_uses_gain(k)  ? TUI_KNOB_GAIN
				: k == IV_INIT_CONSTANT ? TUI_KNOB_VALUE
							: TUI_KNOB_NONE;
		ck_assert_int_eq(tui_model_knob_of(k), want);
	}
	ck_assert_str_eq(tui_model_knob_name(TUI_KNOB_GAIN), "gain");
	ck_assert_ptr_null(tui_model_knob_name(TUI_KNOB_NONE));
}
END_TEST

START_TEST(knob_scales_fine_and_coarse)
{
	/* given xavier (gain 1), when +, ], -, [ then 1.1, 2.2, 2, 1 */
	ck_assert(tui_model_scale_knob(&m, TUI_KNOB_FINE));
	ck_assert(fabs(m.cfg.gain - 1.1) < 1e-12);
	ck_assert(tui_model_scale_knob(&m, TUI_KNOB_COARSE));
	ck_assert(fabs(m.cfg.gain - 2.2) < 1e-12);
	ck_assert(tui_model_scale_knob(&m, 1 / TUI_KNOB_FINE));
	ck_assert(fabs(m.cfg.gain - 2.0) < 1e-12);
	ck_assert(tui_model_scale_knob(&m, 1 / TUI_KNOB_COARSE));
	ck_assert(fabs(m.cfg.gain - 1.0) < 1e-12);
	ck_assert(m.cfg.std == 0.01); /* the other knobs stay */
}
END_TEST

START_TEST(knob_clamps_at_both_ends)
{
	/* given normal, when halved 40 times, then 1e-6 and refused after */
	m.cfg.init = IV_INIT_NORMAL;
	for (int i = 0; i < 40; i++)
		tui_model_scale_knob(&m, 1 / TUI_KNOB_COARSE);
	ck_assert(m.cfg.std == TUI_KNOB_MIN);
	ck_assert(!tui_model_scale_knob(&m, 1 / TUI_KNOB_COARSE));
	ck_assert(strstr(m.msg, "limit"));
	for (int i = 0; i < 80; i++)
		tui_model_scale_knob(&m, TUI_KNOB_COARSE);
	ck_assert(m.cfg.std == TUI_KNOB_MAX);
	ck_assert(!tui_model_scale_knob(&m, TUI_KNOB_FINE));
}
END_TEST

START_TEST(knob_keeps_sign_and_leaves_zero)
{
	/* given a negative gain, then its size changes, not its sign */
	m.cfg.gain = -2;
	ck_assert(tui_model_scale_knob(&m, TUI_KNOB_COARSE));
	ck_assert(m.cfg.gain == -4);
	/* given constant with value 0, when raised, then the starting value */
	m.cfg.init = IV_INIT_CONSTANT;
	m.cfg.value = 0;
	ck_assert(tui_model_scale_knob(&m, TUI_KNOB_FINE));
	ck_assert(fabs(m.cfg.value - TUI_KNOB_START) < 1e-15);
	/* given zeros, then no knob and a notice */
	m.cfg.init = IV_INIT_ZEROS;
	ck_assert(!tui_model_scale_knob(&m, TUI_KNOB_FINE));
	ck_assert(strstr(m.msg, "zeros"));
}
END_TEST

START_TEST(cycles_wrap_both_ways)
{
	/* given any scheme, when cycled COUNT times, then back where it began
	 */
	for (int i = 0; i < IV_INIT_COUNT; i++)
		ck_assert(tui_model_cycle_init(&m, +1));
	ck_assert_int_eq(m.cfg.init, IV_INIT_XAVIER_NORMAL);
	m.cfg.init = IV_INIT_COUNT - 1;
	tui_model_cycle_init(&m, +1);
	ck_assert_int_eq(m.cfg.init, 0);
	tui_model_cycle_init(&m, -1);
	ck_assert_int_eq(m.cfg.init, IV_INIT_COUNT - 1);
	/* activations: tanh then relu (the first comparison), back to linear
	 * and sigmoid; every one is visited once per round, both ways */
	m.cfg.act = IV_ACT_TANH;
	tui_model_cycle_act(&m, +1);
	ck_assert_int_eq(m.cfg.act, IV_ACT_RELU);
	tui_model_cycle_act(&m, -1);
	tui_model_cycle_act(&m, -1);
	ck_assert_int_eq(m.cfg.act, IV_ACT_LINEAR);
	tui_model_cycle_act(&m, -1);
	ck_assert_int_eq(m.cfg.act, IV_ACT_SIGMOID);
	for (int dir = -1; dir <= 1; dir += 2) {
		int seen[IV_ACT_COUNT] = { 0 };
		iv_act_kind k = IV_ACT_GELU;
		for (int i = 0; i < IV_ACT_COUNT; i++) {
			k = tui_model_act_next(k, dir);
			ck_assert_int_lt((int)k, IV_ACT_COUNT);
			seen[k]++;
		}
		ck_assert_int_eq(k, IV_ACT_GELU);
		for (int i = 0; i < IV_ACT_COUNT; i++)
			ck_assert_int_eq(seen[i], 1);
	}
	m.cfg.input = IV_INPUT_COUNT - 1;
	tui_model_cycle_input(&m, +1);
	ck_assert_int_eq(m.cfg.input, 0);
}
END_TEST

START_TEST(mode_only_for_fan_schemes)
{
	/* given xavier, then m is refused; given he-normal, then it cycles */
	ck_assert(!tui_model_cycle_mode(&m));
	ck_assert(m.msg[0]);
	m.cfg.init = IV_INIT_HE_NORMAL;
	for (int i = 1; i <= IV_MODE_COUNT; i++) {
		ck_assert(tui_model_cycle_mode(&m));
		ck_assert_int_eq(m.cfg.mode, i % IV_MODE_COUNT);
	}
}
END_TEST

static const struct {
	size_t x;
	int dir;
	size_t want;
} ladder[] = {
    {1, +1, 2},         {1, -1, 1},        {9, +1, 10},    {10, +1, 12},
    {10, -1, 9},        {11, +1, 12},      {11, -1, 10},   {12, -1, 10},
    {80, +1, 100},      {100, -1, 80},     {250, +1, 300}, {9999, +1, 10000},
    {10000, +1, 10000}, {10000, -1, 8000},
};

START_TEST(depth_ladder)
{
	/* given depth x, when stepped, then the next rung */
	ck_assert_uint_eq(tui_model_ladder(ladder[_i].x, ladder[_i].dir),
			  ladder[_i].want);
}
END_TEST

START_TEST(depth_ladder_is_monotone_and_reversible)
{
	/* given 1, when stepped up to the top, then 40 rungs, each larger,
	 * and stepping down retraces them */
	size_t v[64], n = 1;
	v[0] = 1;
	while (v[n - 1] < IV_DEPTH_MAX && n < 64) {
		v[n] = tui_model_ladder(v[n - 1], +1);
		ck_assert_uint_gt(v[n], v[n - 1]);
		n++;
	}
	ck_assert_uint_eq(n, 40);
	for (size_t i = n - 1; i > 0; i--)
		ck_assert_uint_eq(tui_model_ladder(v[i], -1), v[i - 1]);
}
END_TEST

START_TEST(shape_steps_and_limits)
{
	/* given width 32, batch 64, depth 6 */
	ck_assert(tui_model_width(&m, +1) && m.cfg.width == 64);
	ck_assert(tui_model_width(&m, -1) && m.cfg.width == 32);
	ck_assert(tui_model_batch(&m, +1) && m.cfg.batch == 128);
	ck_assert(tui_model_depth(&m, +1) && m.cfg.depth == 7);
	ck_assert(tui_model_depth(&m, -1) && m.cfg.depth == 6);
	m.cfg.width = 1;
	ck_assert(!tui_model_width(&m, -1) && m.cfg.width == 1);
	ck_assert(strstr(m.msg, "width"));
	m.cfg.batch = 1;
	ck_assert(!tui_model_batch(&m, -1));
	m.cfg.depth = 1;
	ck_assert(!tui_model_depth(&m, -1));
}
END_TEST

START_TEST(memory_limit_refuses)
{
	/* given a limit just above the current need, when wider, then kept */
	m.max_memory = iv_config_memory(&m.cfg) * 1.01;
	ck_assert(!tui_model_width(&m, +1));
	ck_assert_uint_eq(m.cfg.width, 32);
	ck_assert(strstr(m.msg, "memory"));
	/* in binary units, as everywhere: "KiB", never "KB" */
	ck_assert_msg(strstr(m.msg, " KiB of memory (limit ") &&
	                  strstr(m.msg, " KiB); kept") && !strstr(m.msg, "KB"),
	              "%s", m.msg);
	ck_assert(tui_model_width(&m, -1)); /* smaller still fits */
	ck_assert(m.msg[0] == '\0');
}
END_TEST

START_TEST(widths_give_way_to_one_width)
{
	/* given --widths 8,64,16, when width is stepped, then uniform 128 */
	m.cfg.nwidths = 3;
	m.cfg.depth = 2;
	m.cfg.widths[0] = 8;
	m.cfg.widths[1] = 64;
	m.cfg.widths[2] = 16;
	ck_assert(tui_model_width(&m, +1));
	ck_assert_uint_eq(m.cfg.nwidths, 0);
	ck_assert_uint_eq(m.cfg.width, 128);
	ck_assert_uint_eq(m.cfg.depth, 2);
}
END_TEST

START_TEST(bias_seed_reset)
{
	/* given bias 0, when up three times, then exactly 0.3 */
	for (int i = 0; i < 3; i++)
		ck_assert(tui_model_bias(&m, +1));
	ck_assert(m.cfg.bias == 0.3);
	ck_assert(tui_model_bias(&m, -1) && m.cfg.bias == 0.2);
	ck_assert(tui_model_seed(&m, +1) && m.cfg.seed == 2);
	m.cfg.seed = 0;
	ck_assert(!tui_model_seed(&m, -1) && m.cfg.seed == 0);
	ck_assert(tui_model_reset(&m));
	ck_assert(m.cfg.bias == 0 && m.cfg.seed == 1 && m.cfg.depth == 6);
}
END_TEST

/* --- subsets and scrolling --------------------------------------------- */

START_TEST(architecture_keys_cycle_and_alpha_follows_depth)
{
	/* given depth 6, when z is pressed three times, then none, batch,
	 * layer, none */
	ck_assert(tui_model_cycle_norm(&m) && m.cfg.norm == IV_NORM_BATCH);
	/* batch norm in a plain network: its exploding gradient is named */
	ck_assert(strstr(m.msg, "expected, not a bug"));
	ck_assert(tui_model_cycle_norm(&m) && m.cfg.norm == IV_NORM_LAYER);
	ck_assert(!m.msg[0]);
	ck_assert(tui_model_cycle_norm(&m) && m.cfg.norm == IV_NORM_NONE);
	/* alpha on a plain network: set, and the notice says what turns the
	 * blocks on */
	ck_assert(tui_alpha_of(&m.cfg) == TUI_ALPHA_ONE);
	ck_assert(tui_model_cycle_alpha(&m, +1));
	ck_assert(strstr(m.msg, "u turns them on"));
	ck_assert(tui_model_residual(&m) && m.cfg.residual);
	/* then 1/sqrt(6), 1/sqrt(12), 0, 1: the rule and its value */
	ck_assert(fabs(m.cfg.res_scale - 1 / sqrt(6.0)) < 1e-15);
	ck_assert(tui_alpha_of(&m.cfg) == TUI_ALPHA_RSQRT_L);
	ck_assert(tui_model_cycle_alpha(&m, +1));
	ck_assert(fabs(m.cfg.res_scale - 1 / sqrt(12.0)) < 1e-15);
	/* when the depth changes, 1/sqrt(2L) follows it: 7 layers */
	ck_assert(tui_model_depth(&m, +1) && m.cfg.depth == 7);
	ck_assert(fabs(m.cfg.res_scale - 1 / sqrt(14.0)) < 1e-15);
	ck_assert(tui_alpha_of(&m.cfg) == TUI_ALPHA_RSQRT_2L);
	ck_assert(tui_model_cycle_alpha(&m, +1) && m.cfg.res_scale == 0);
	ck_assert(tui_model_cycle_alpha(&m, +1) && m.cfg.res_scale == 1);
	ck_assert(tui_model_cycle_alpha(&m, -1) && m.cfg.res_scale == 0);
	/* a fixed alpha stays when the depth changes */
	ck_assert(tui_model_depth(&m, +1) && m.cfg.res_scale == 0);
	/* a value no rule gives: forward starts at 1, back at 0 */
	m.cfg.res_scale = 0.3;
	ck_assert(tui_alpha_of(&m.cfg) == TUI_ALPHA_OTHER);
	ck_assert(tui_model_depth(&m, +1) && m.cfg.res_scale == 0.3);
	ck_assert(tui_model_cycle_alpha(&m, +1) && m.cfg.res_scale == 1);
	/* gpt2 unset: its own 1/sqrt(2L), which follows the depth itself */
	m.cfg.init = IV_INIT_GPT2;
	m.cfg.res_scale = NAN;
	ck_assert(tui_alpha_of(&m.cfg) == TUI_ALPHA_RSQRT_2L);
	ck_assert(tui_model_cycle_alpha(&m, +1) && m.cfg.res_scale == 0);
	char b[32];
	ck_assert_str_eq(tui_alpha_name(TUI_ALPHA_RSQRT_2L, &tui_glyphs_utf8,
					b, sizeof b), "1/√(2L)");
	ck_assert_str_eq(tui_alpha_name(TUI_ALPHA_RSQRT_L, &tui_glyphs_ascii,
					b, sizeof b), "1/sqrt(L)");
	ck_assert(!tui_alpha_name(TUI_ALPHA_OTHER, &tui_glyphs_ascii, b,
				  sizeof b));
	/* the plain network's reset */
	ck_assert(tui_model_reset(&m) && !m.cfg.residual &&
		  isnan(m.cfg.res_scale));
}
END_TEST

/* The gain calculator's calls, and the std each framework's documentation
 * gives for its call, worked out here from that documentation:
 * kaiming_normal_(relu) gain sqrt 2 over sqrt(fan); xavier_uniform_ bound
 * gain sqrt(6/(fan_in+fan_out)); kaiming_uniform_(a = sqrt 5) gain
 * sqrt(2/(1+5)), bound gain sqrt(3/fan_in); trunc_normal_ cut at 2 stds
 * keeps .87962566 of the std; Keras VarianceScaling scale/fan. */
static const struct calls_case {
	iv_init_kind init;
	unsigned fi, fo;
	double gain, std_knob;
	double want_std; /* from the framework's formula */
	const char *torch, *keras;
} calls_cases[] = {
    {IV_INIT_HE_NORMAL, 256, 256, 1, 0, 1.4142135623730951 / 16,
     "nn.init.kaiming_normal_(w, mode=\"fan_in\", nonlinearity=\"relu\")",
     "VarianceScaling(scale=2, mode=\"fan_in\", "
     "distribution=\"untruncated_normal\")"},
    {IV_INIT_XAVIER_UNIFORM, 400, 250, 1, 0, 0.0960769 / 1.7320508,
     "nn.init.xavier_uniform_(w, gain=1)",
     "VarianceScaling(scale=1, mode=\"fan_avg\", distribution=\"uniform\")"},
    {IV_INIT_HE_UNIFORM, 256, 256, 0.5, 0, 0.0765466 / 1.7320508,
     "nn.init.uniform_(w, -0.0765466, 0.0765466)",
     "VarianceScaling(scale=0.5, mode=\"fan_in\", distribution=\"uniform\")"},
    {IV_INIT_LECUN_NORMAL, 256, 256, 1, 0, 0.0625,
     "nn.init.normal_(w, std=0.0625)",
     "VarianceScaling(scale=1, mode=\"fan_in\", "
     "distribution=\"untruncated_normal\")"},
    {IV_INIT_TORCH_LINEAR, 400, 250, 1, 0, 0.05 / 1.7320508,
     "nn.Linear(400, 250)  (kaiming_uniform_(w, a=math.sqrt(5)), b "
     "U(+-0.05))",
     "Dense(250, kernel_initializer=VarianceScaling(1/3, \"fan_in\", "
     "\"uniform\"), bias_initializer=RandomUniform(-0.05, 0.05))"},
    {IV_INIT_KERAS_DENSE, 400, 250, 1, 0, 0.0960769 / 1.7320508,
     "nn.init.xavier_uniform_(w); nn.init.zeros_(b)",
     "Dense(250)  (GlorotUniform(), zero bias)"},
    {IV_INIT_FLAX_DENSE, 400, 250, 1, 0, 0.0568424 * 0.87962566,
     "nn.init.trunc_normal_(w, std=0.0568424, a=-0.113685, b=0.113685); "
     "nn.init.zeros_(b)",
     "LecunNormal()  (flax.linen.Dense's default)"},
    {IV_INIT_GPT2, 256, 256, 1, 0, 0.02,
     "nn.init.normal_(w, std=0.02); nn.init.zeros_(b)",
     "RandomNormal(stddev=0.02)"},
    {IV_INIT_TRUNC_NORMAL, 256, 256, 1, 0.02, 0.02 * 0.87962566,
     "nn.init.trunc_normal_(w, std=0.02, a=-0.04, b=0.04)",
     "TruncatedNormal(stddev=0.02)"},
    {IV_INIT_UNIFORM, 256, 256, 1, 0.02, 0.02,
     "nn.init.uniform_(w, -0.034641, 0.034641)",
     "RandomUniform(-0.034641, 0.034641)"},
};

START_TEST(gain_calculator_names_the_calls)
{
	const struct calls_case *k = &calls_cases[_i];
	iv_config c;
	tui_calls o;
	iv_config_defaults(&c);
	c.nwidths = 2;
	c.widths[0] = k->fi;
	c.widths[1] = k->fo;
	c.depth = 1;
	c.init = k->init;
	c.gain = k->gain;
	if (k->std_knob > 0)
		c.std = k->std_knob;
	tui_calls_of(&c, 1, &o);
	/* then the std is the framework's (6 digits: the numbers above) and
	 * the bound sqrt(3) of it */
	ck_assert_msg(fabs(o.std / k->want_std - 1) < 2e-6, "%s: std %.9g, "
		      "want %.9g", iv_init_name(k->init), o.std, k->want_std);
	ck_assert(fabs(o.bound - sqrt(3) * o.std) <= 1e-15);
	ck_assert_double_eq(o.fan_in, k->fi);
	ck_assert_str_eq(o.torch, k->torch);
	ck_assert_str_eq(o.keras, k->keras);
}
END_TEST

START_TEST(subset_all_and_ends)
{
	/* given depth 50 on 10 rows: all lists 1..50; ends 1..5, gap, 47..50 */
	ck_assert_uint_eq(tui_viewport_subset_count(TUI_SUBSET_ALL, 50, 10), 50);
	ck_assert_uint_eq(tui_viewport_subset_layer(TUI_SUBSET_ALL, 50, 10, 49), 50);
	ck_assert_uint_eq(tui_viewport_subset_count(TUI_SUBSET_ENDS, 50, 10), 10);
	size_t want[] = {1, 2, 3, 4, 5, 0, 47, 48, 49, 50};
	for (size_t i = 0; i < LEN(want); i++)
		ck_assert_uint_eq(tui_viewport_subset_layer(TUI_SUBSET_ENDS, 50, 10, i),
				  want[i]);
	/* given depth that fits, then ends is all */
	ck_assert_uint_eq(tui_viewport_subset_count(TUI_SUBSET_ENDS, 8, 10), 8);
	ck_assert_uint_eq(tui_viewport_subset_layer(TUI_SUBSET_ENDS, 8, 10, 7), 8);
}
END_TEST

START_TEST(subset_every_fits_and_is_tightest)
{
	/* given many depths and heights, then every k-th starts at 1, ends at
	 * depth, rises by k, fits, and k - 1 would not fit */
	for (size_t depth = 1; depth <= 300; depth += 7)
		for (size_t rows = 2; rows <= 40; rows += 3) {
			size_t n =
			    tui_viewport_subset_count(TUI_SUBSET_EVERY, depth, rows);
			size_t k = tui_viewport_subset_step(depth, rows);
			ck_assert_uint_le(n, depth > rows ? rows : depth);
			ck_assert_uint_eq(
			    tui_viewport_subset_layer(TUI_SUBSET_EVERY, depth, rows, 0),
			    1);
			ck_assert_uint_eq(tui_viewport_subset_layer(TUI_SUBSET_EVERY,
							   depth, rows, n - 1),
					  depth);
			for (size_t i = 1; i < n; i++) {
				size_t a = tui_viewport_subset_layer(TUI_SUBSET_EVERY,
							    depth, rows, i - 1);
				size_t b = tui_viewport_subset_layer(TUI_SUBSET_EVERY,
							    depth, rows, i);
				ck_assert(b > a && b - a <= k);
				if (i < n - 1)
					ck_assert_uint_eq(b - a, k);
			}
			if (k > 1) { /* count with k - 1, by hand */
				size_t c = (depth - 1) / (k - 1) + 1 +
					   ((depth - 1) % (k - 1) != 0);
				ck_assert_uint_gt(c, rows);
			}
		}
}
END_TEST

START_TEST(scrolling_is_clamped)
{
	/* given depth 50 on 10 rows */
	m.cfg.depth = 50;
	tui_viewport_set_rows(&m, 10);
	tui_viewport_end(&m);
	ck_assert_uint_eq(m.top, 40);
	tui_viewport_scroll(&m, 1);
	ck_assert_uint_eq(m.top, 40);
	tui_viewport_home(&m);
	ck_assert_uint_eq(m.top, 0);
	tui_viewport_scroll(&m, -1);
	ck_assert_uint_eq(m.top, 0);
	tui_viewport_page(&m, +1);
	ck_assert_uint_eq(m.top, 9);
	tui_viewport_page(&m, -1);
	ck_assert_uint_eq(m.top, 0);
	tui_viewport_scroll(&m, 1000);
	ck_assert_uint_eq(m.top, 40);
	tui_viewport_set_rows(&m, 45); /* taller screen: fewer rows hidden */
	ck_assert_uint_eq(m.top, 5);
	tui_viewport_cycle_subset(&m);
	ck_assert_int_eq(m.subset, TUI_SUBSET_ENDS);
	ck_assert_uint_eq(m.top, 0);
	m.cfg.depth = 3; /* shallower: top comes back */
	m.top = 7;
	tui_viewport_set_rows(&m, 10);
	ck_assert_uint_eq(m.top, 0);
}
END_TEST

/* --- layout ------------------------------------------------------------ */

START_TEST(layout_minimum_size)
{
	tui_layout lo;
	tui_layout_compute(&lo, TUI_MIN_LINES, TUI_MIN_COLS - 1, &m, true);
	ck_assert(lo.too_small);
	tui_layout_compute(&lo, TUI_MIN_LINES - 1, TUI_MIN_COLS, &m, true);
	ck_assert(lo.too_small);
	tui_layout_compute(&lo, TUI_MIN_LINES, TUI_MIN_COLS, &m, true);
	ck_assert(!lo.too_small);
}
END_TEST

START_TEST(layout_columns_fit)
{
	/* given any width and activation, then the columns are in order and
	 * inside the screen, the two histograms within one column of each other
	 */
	tui_layout lo;
	for (int act = 0; act < IV_ACT_COUNT; act++)
		for (int cols = TUI_MIN_COLS; cols <= 240; cols++) {
			m.cfg.act = act;
			m.cfg.depth = cols % 2 ? 9 : 1234;
			tui_layout_compute(&lo, 30, cols, &m, cols % 3 != 0);
			const tui_cols *c = &lo.c;
			if (cols % 3 == 0)
				ck_assert_int_eq(c->uniq_w, 0);
			ck_assert_int_eq(c->health,
					 tui_layout_health(act, false));
			ck_assert_int_eq(c->health_n,
					 c->health == TUI_HEALTH_ZERO_DEAD ? 2
					 : c->health == TUI_HEALTH_NONE    ? 0
									   : 1);
			ck_assert_int_ge(c->label_w, 2);
			ck_assert_int_ge(c->lhist_x, c->label_w + 1);
			ck_assert_int_ge(c->lhist_w, 6);
			ck_assert_int_le(abs(c->lhist_w - c->rhist_w), 1);
			ck_assert_int_eq(c->lsd_x, c->lhist_x + c->lhist_w);
			ck_assert_int_ge(c->sep_x, c->uniq_x + c->uniq_w);
			ck_assert_int_gt(c->rhist_x, c->sep_x);
			ck_assert_int_le(c->rsd_x + TUI_SD_W, cols);
		}
}
END_TEST

START_TEST(layout_health_follows_the_quantity)
{
	/* given relu showing z: no zero column (a zero output is not a fact
	 * about z), the dead units stay; tanh keeps its saturation */
	tui_layout lo;
	m.cfg.act = IV_ACT_RELU;
	m.preact = true;
	tui_layout_compute(&lo, 30, 100, &m, false);
	ck_assert_int_eq(lo.c.health, TUI_HEALTH_DEAD);
	ck_assert_int_eq(lo.c.health_n, 1);
	m.preact = false;
	tui_layout_compute(&lo, 30, 100, &m, false);
	ck_assert_int_eq(lo.c.health, TUI_HEALTH_ZERO_DEAD);
	ck_assert_int_eq(tui_layout_health(IV_ACT_TANH, true), TUI_HEALTH_SAT);
	ck_assert_int_eq(tui_layout_health(IV_ACT_LINEAR, false),
			 TUI_HEALTH_NONE);
	/* residual blocks: the row is the stream h' + alpha f(h'), which no
	 * relu acts on, so no zero or dead column (the engine counts the
	 * branch's), and the title says it is the stream */
	char t[128];
	m.cfg.residual = true;
	tui_layout_compute(&lo, 30, 100, &m, false);
	ck_assert_int_eq(lo.c.health, TUI_HEALTH_NONE);
	ck_assert_int_eq(lo.c.health_n, 0);
	tui_model_left_title(&m, &tui_glyphs_ascii, t, sizeof t, 60);
	ck_assert_msg(!strncmp(t, "stream h = h' + alpha (W relu(h') + b)",
			       sizeof t),
		      "%s", t);
	/* in UTF-8, alpha is the settings bar's α */
	tui_model_left_title(&m, &tui_glyphs_utf8, t, sizeof t, 60);
	ck_assert_str_eq(t, "stream h = h' + α (W relu(h') + b)");
	tui_model_left_title(&m, &tui_glyphs_utf8, t, sizeof t, 10);
	ck_assert_str_eq(t, "stream h");
	m.cfg.residual = false;
}
END_TEST

START_TEST(layout_a_collapsed_network_keeps_its_count)
{
	/* given the narrowest screen, when the distinct count is merely
	 * wanted, then the health columns stay and the count gives way; when
	 * the network has collapsed (the count is the point), then the count
	 * stays and the health columns give way; with room, both stay; the
	 * histograms keep 24 columns between them every time */
	static const iv_act_kind acts[] = {IV_ACT_TANH, IV_ACT_RELU};
	tui_layout lo;
	m.cfg.depth = 5;
	for (size_t k = 0; k < sizeof acts / sizeof acts[0]; k++) {
		m.cfg.act = acts[k];
		tui_health h = tui_layout_health(acts[k], false);
		tui_layout_compute(&lo, 20, TUI_MIN_COLS, &m, TUI_UNIQ_ON);
		ck_assert_int_eq(lo.c.uniq_w, 0);
		ck_assert_int_eq(lo.c.health, h);
		tui_layout_compute(&lo, 20, TUI_MIN_COLS, &m, TUI_UNIQ_FIRST);
		ck_assert_int_eq(lo.c.uniq_w, TUI_UNIQ_W);
		ck_assert_int_eq(lo.c.health, TUI_HEALTH_NONE);
		ck_assert_int_eq(lo.c.health_n, 0);
		ck_assert_int_ge(lo.c.lhist_w + lo.c.rhist_w, 24);
		ck_assert_int_le(lo.c.rsd_x + TUI_SD_W, TUI_MIN_COLS);
		tui_layout_compute(&lo, 40, 120, &m, TUI_UNIQ_FIRST);
		ck_assert_int_eq(lo.c.uniq_w, TUI_UNIQ_W);
		ck_assert_int_eq(lo.c.health, h);
	}
}
END_TEST

/* Blocks as the view asks: lesson text, layer list, profile, training. */
enum { B_LAYERS, B_PROFILE, B_TRAIN, B_LESSON, NB };
static const char *const bnames[NB] = {"layers", "profile", "training",
				       "lesson"};

static void blocks(tui_block *b, int depth, int lesson)
{
	b[B_LAYERS] = (tui_block){.want = 2 + depth,
				  .min = TUI_LAYERS_MIN,
				  .fair = TUI_LAYERS_FAIR};
	b[B_PROFILE] = (tui_block){
	    .want = TUI_PROFILE_WANT, .min = TUI_PROFILE_MIN, .grows = true};
	b[B_TRAIN] = (tui_block){.want = 2};
	b[B_LESSON] = (tui_block){.want = lesson, .min = 4};
}

static int sum(const tui_block *b, size_t n)
{
	int t = 0;
	for (size_t i = 0; i < n; i++)
		t += b[i].rows;
	return t;
}

START_TEST(layout_order_by_importance)
{
	int o[NB];
	const char *focus[] = {"profile", "nothing", "training"};
	/* given a lesson that shows the profile and training: the lesson,
	 * then those, then the rest in screen order; unknown names skipped */
	tui_layout_order(bnames, NB, "lesson", focus, 3, o);
	ck_assert_int_eq(o[0], B_LESSON);
	ck_assert_int_eq(o[1], B_PROFILE);
	ck_assert_int_eq(o[2], B_TRAIN);
	ck_assert_int_eq(o[3], B_LAYERS);
	/* given no lesson and no focus: screen order */
	tui_layout_order(bnames, NB, NULL, NULL, 0, o);
	for (int i = 0; i < NB; i++)
		ck_assert_int_eq(o[i], i);
}
END_TEST

START_TEST(layout_share_small_screens)
{
	tui_block b[NB];
	int o[NB];
	const char *focus[] = {"layers", "profile"};
	tui_layout_order(bnames, NB, "lesson", focus, 2, o);
	/* given 12 rows (60x15), depth 5, a lesson of 9 rows: the lesson
	 * text, the layer list and the training strip; no profile (it needs
	 * 5) and not a row blank */
	blocks(b, 5, 9);
	ck_assert_int_eq(tui_layout_share(b, NB, o, 12), 0);
	ck_assert_int_eq(b[B_PROFILE].rows, 0);
	ck_assert_int_ge(b[B_LESSON].rows, 4);
	ck_assert_int_ge(b[B_LAYERS].rows, TUI_LAYERS_MIN);
	ck_assert_int_eq(b[B_TRAIN].rows, 2);
	ck_assert_int_eq(sum(b, NB), 12);
	/* given 21 rows (80x24), depth 30, a lesson of 6 that shows the
	 * profile first: the profile before the layers grow */
	const char *prof[] = {"profile"};
	tui_layout_order(bnames, NB, "lesson", prof, 1, o);
	blocks(b, 30, 6);
	ck_assert_int_eq(tui_layout_share(b, NB, o, 21), 0);
	ck_assert_int_eq(b[B_LESSON].rows, 6);
	ck_assert_int_eq(b[B_PROFILE].rows, 8);
	ck_assert_int_eq(b[B_LAYERS].rows, TUI_LAYERS_MIN);
	ck_assert_int_eq(sum(b, NB), 21);
}
END_TEST

START_TEST(layout_share_large_screens)
{
	tui_block b[NB];
	int o[NB];
	tui_layout_order(bnames, NB, NULL, NULL, 0, o);
	/* given 27 rows (100x30) and depth 6, no lesson: every layer, the
	 * training strip, the profile takes the rest */
	blocks(b, 6, 0);
	ck_assert_int_eq(tui_layout_share(b, NB, o, 27), 0);
	ck_assert_int_eq(b[B_LAYERS].rows, 8);
	ck_assert_int_eq(b[B_PROFILE].rows, 27 - 8 - 2);
	ck_assert_int_eq(b[B_LESSON].rows, 0);
	/* given 57 rows (200x60) and depth 100: the layers their fair share
	 * first, the profile its want, then the layers the rest */
	blocks(b, 100, 0);
	ck_assert_int_eq(tui_layout_share(b, NB, o, 57), 0);
	ck_assert_int_eq(b[B_PROFILE].rows, TUI_PROFILE_WANT);
	ck_assert_int_eq(b[B_LAYERS].rows, 57 - TUI_PROFILE_WANT - 2);
}
END_TEST

START_TEST(layout_share_never_blank_while_dropping)
{
	/* given every number of rows from 0 to 80, depths 1 to 40, lessons
	 * of 0 to 12 rows, any part the most important: no row is blank
	 * while a part is dropped when any part could give or take a row,
	 * and the rows given never exceed those there are */
	tui_block b[NB];
	int o[NB];
	for (int first = 0; first < NB; first++)
		for (int avail = 0; avail <= 80; avail += 1)
			for (int depth = 1; depth <= 40; depth += 3)
				for (int les = 0; les <= 12; les += 4) {
					tui_layout_order(bnames, NB,
							 bnames[first], NULL,
							 0, o);
					blocks(b, depth, les);
					int left = tui_layout_share(b, NB, o,
								    avail);
					ck_assert_int_eq(sum(b, NB) + left,
							 avail);
					bool dropped = false;
					for (int i = 0; i < NB; i++) {
						dropped |= b[i].want > 0 &&
							   b[i].rows == 0;
						ck_assert(b[i].rows == 0 ||
							  b[i].rows >= 2);
					}
					/* the profile grows: with it shown
					 * nothing is blank */
					if (b[B_PROFILE].rows > 0)
						ck_assert_int_eq(left, 0);
					if (dropped && left > 0)
						ck_assert_int_eq(
						    b[B_PROFILE].rows, 0);
				}
}
END_TEST

/* --- histograms ---------------------------------------------------------- */

START_TEST(levels_linear_and_log)
{
	double c[] = {0, 1, 2, 4, 8}, big[] = {1, 1000},
	       lg[] = {0, 1, 3, 7, 15};
	unsigned char lv[5];
	tui_hist_levels(c, 5, false, lv);
	ck_assert(lv[0] == 0 && lv[1] == 1 && lv[2] == 2 && lv[3] == 4 &&
		  lv[4] == 8);
	tui_hist_levels(big, 2, false, lv); /* a lone value still shows */
	ck_assert(lv[0] == 1 && lv[1] == 8);
	/* log(1 + c) is 1, 2, 3, 4 times log 2: a quarter each */
	tui_hist_levels(lg, 5, true, lv);
	ck_assert(lv[0] == 0 && lv[1] == 2 && lv[2] == 4 && lv[3] == 6 &&
		  lv[4] == 8);
	double none[] = {0, 0};
	tui_hist_levels(none, 2, true, lv);
	ck_assert(lv[0] == 0 && lv[1] == 0);
}
END_TEST

static const struct {
	double min, max, lo, hi;
} ranges[] = {
    {-1, 3, -3, 3},    {-0.5, 4, -0.5, 4},   {-1, 4, -4, 4},
    {0, 2, 0, 2},      {0.2, 0.7, 0.2, 0.7}, {5, 5, 2.5, 7.5},
    {0, 0, -0.5, 0.5}, {-4, -1, -4, -1},
};

START_TEST(layer_range)
{
	/* given a layer's min and max, then symmetric across 0, widened if flat
	 */
	iv_layer_stats s;
	double lo, hi;
	memset(&s, 0, sizeof s);
	s.forward_done = true;
	s.q[IV_Q_ACT].finite = 10;
	s.q[IV_Q_ACT].min = ranges[_i].min;
	s.q[IV_Q_ACT].max = ranges[_i].max;
	ck_assert(tui_hist_range_layer(&s, IV_Q_ACT, &lo, &hi));
	ck_assert(lo == ranges[_i].lo && hi == ranges[_i].hi);
	ck_assert(!tui_hist_range_layer(&s, IV_Q_GRAD_ACT, &lo, &hi)); /* not done */
	s.q[IV_Q_ACT].finite = 0;
	ck_assert(!tui_hist_range_layer(&s, IV_Q_ACT, &lo, &hi));
}
END_TEST

START_TEST(shared_range_covers_every_layer)
{
	/* given a small network, before the passes no range; after, the range
	 * covers every layer and the re-binned counts hold every entry */
	iv_config c = m.cfg;
	iv_status st;
	double lo, hi;
	iv_net *net = iv_net_alloc(&c, &st);
	tui_compute comp;
	tui_compute_init(&comp);
	comp.net = net; /* no pass kept: the network's own statistics */
	ck_assert_ptr_nonnull(net);
	ck_assert(!tui_hist_range_shared(&comp, IV_Q_ACT, &lo, &hi));
	iv_net_run(net);
	tui_hist_cache cache;
	tui_hist_cache_init(&cache);
	for (int q = IV_Q_PREACT; q <= IV_Q_GRAD_WEIGHTS; q++) {
		ck_assert(tui_hist_range_shared(&comp, q, &lo, &hi));
		for (size_t l = 1; l <= c.depth; l++) {
			const iv_stats *s = &iv_net_layer(net, l)->q[q];
			ck_assert(lo <= s->min && hi >= s->max);
			const double *k = tui_hist_counts(&cache, l, net, 1, l,
							  q, lo, hi, 37);
			ck_assert_ptr_nonnull(k);
			double sum = 0;
			for (int b = 0; b < 37; b++)
				sum += k[b];
			ck_assert_double_eq(sum, (double)s->count);
			/* the same key hands back the cached counts */
			ck_assert_ptr_eq(tui_hist_counts(&cache, l, net, 1, l,
							 q, lo, hi, 37),
					 k);
		}
		if (lo < 0 && hi > 0)
			ck_assert_double_eq(lo, -hi);
	}
	tui_hist_cache_done(&cache);
	iv_net_free(net);
}
END_TEST

/* --- keys and scripts --------------------------------------------------- */

START_TEST(key_table_is_consistent)
{
	/* given the table: every key maps back to its action, no key twice,
	 * names round-trip, shown actions have help, bar items have keys */
	char name[16];
	for (int a = 0; a < TUI_A_COUNT; a++) {
		const tui_action_info *ai = tui_keys_action(a);
		ck_assert_ptr_nonnull(ai);
		ck_assert(ai->keys[0] != 0);
		ck_assert(a == TUI_A_RESIZE || ai->help);
		ck_assert(!ai->bar || ai->bar_keys);
		for (int k = 0; k < TUI_KEYS_MAX && ai->keys[k]; k++) {
			ck_assert_int_eq(tui_keys_lookup(ai->keys[k]), a);
			tui_keys_name(ai->keys[k], name, sizeof name);
			ck_assert_int_eq(tui_keys_parse(name), ai->keys[k]);
		}
	}
	ck_assert_ptr_null(tui_keys_action(TUI_A_COUNT));
	ck_assert_int_eq(tui_keys_lookup('Z'), TUI_A_NONE);
	ck_assert_int_eq(tui_keys_lookup('q'), TUI_A_QUIT);
}
END_TEST

START_TEST(key_names)
{
	ck_assert_int_eq(tui_keys_parse("pgdn"), TUI_KEY_PGDN);
	ck_assert_int_eq(tui_keys_parse("F10"), TUI_KEY_F(10));
	ck_assert_int_eq(tui_keys_parse("C-l"), 12);
	ck_assert_int_eq(tui_keys_parse("Esc"), 27);
	ck_assert_int_eq(tui_keys_parse("+"), '+');
	ck_assert_int_eq(tui_keys_parse("F13"), -1);
	ck_assert_int_eq(tui_keys_parse("Foo"), -1);
	ck_assert_int_eq(tui_keys_parse(""), -1);
}
END_TEST

START_TEST(script_parses)
{
	/* given keys, a comment and every command */
	tui_script s;
	char err[128];
	const char *text =
	    "a  i\n# a comment ? q\n+ Down\tPgDn ?\nEsc Wait Save /tmp/x.txt\n"
	    "Resize 100x30 q";
	ck_assert_int_eq(tui_script_parse(&s, text, strlen(text), err,
					  sizeof err),
			 0);
	int keys[] = {'a', 'i', '+', TUI_KEY_DOWN, TUI_KEY_PGDN, '?', 27};
	ck_assert_uint_eq(s.n, LEN(keys) + 4);
	for (size_t i = 0; i < LEN(keys); i++) {
		ck_assert_int_eq(s.step[i].kind, TUI_S_KEY);
		ck_assert_int_eq(s.step[i].key, keys[i]);
	}
	ck_assert_int_eq(s.step[2].line, 3);
	ck_assert_int_eq(s.step[7].kind, TUI_S_WAIT);
	ck_assert_int_eq(s.step[8].kind, TUI_S_SAVE);
	ck_assert_str_eq(s.step[8].arg, "/tmp/x.txt");
	ck_assert_int_eq(s.step[9].kind, TUI_S_RESIZE);
	ck_assert(s.step[9].cols == 100 && s.step[9].lines == 30);
	ck_assert_int_eq(s.step[10].key, 'q');
	ck_assert_ptr_eq(tui_script_peek(&s), &s.step[0]);
	for (size_t i = 0; i < s.n; i++)
		tui_script_next(&s);
	ck_assert_ptr_null(tui_script_peek(&s));
	tui_script_free(&s);
}
END_TEST

static const struct {
	const char *text, *msg;
} bad_scripts[] = {
    {"a\n\nFoo", "line 3: unknown key \"Foo\""},
    {"a Save", "line 1: Save needs an argument"},
    {"Resize 100", "Resize wants COLSxLINES"},
    {"Resize 0x10", "Resize wants COLSxLINES"},
};

START_TEST(script_errors)
{
	tui_script s;
	char err[128];
	ck_assert_int_eq(tui_script_parse(&s, bad_scripts[_i].text,
					  strlen(bad_scripts[_i].text), err,
					  sizeof err),
			 -1);
	ck_assert_msg(strstr(err, bad_scripts[_i].msg), "got %s", err);
	ck_assert_uint_eq(s.n, 0);
	ck_assert_int_eq(
	    tui_script_load(&s, "/nonexistent/keys", err, sizeof err), -1);
	ck_assert(strstr(err, "/nonexistent/keys"));
}
END_TEST

Suite *suite(void)
{
	Suite *s = suite_create("tui_model");
	TCase *t = tcase_create("settings");
	tcase_add_checked_fixture(t, setup, NULL);
	tcase_add_test(t, init_forces_retain_and_keeps_the_limit);
	tcase_add_test(t, knob_follows_the_scheme);
	tcase_add_test(t, knob_scales_fine_and_coarse);
	tcase_add_test(t, knob_clamps_at_both_ends);
	tcase_add_test(t, knob_keeps_sign_and_leaves_zero);
	tcase_add_test(t, cycles_wrap_both_ways);
	tcase_add_test(t, mode_only_for_fan_schemes);
	tcase_add_test(t, architecture_keys_cycle_and_alpha_follows_depth);
	tcase_add_loop_test(t, gain_calculator_names_the_calls, 0,
			    LEN(calls_cases));
	tcase_add_loop_test(t, depth_ladder, 0, LEN(ladder));
	tcase_add_test(t, depth_ladder_is_monotone_and_reversible);
	tcase_add_test(t, shape_steps_and_limits);
	tcase_add_test(t, memory_limit_refuses);
	tcase_add_test(t, widths_give_way_to_one_width);
	tcase_add_test(t, bias_seed_reset);
	suite_add_tcase(s, t);
	t = tcase_create("viewport");
	tcase_add_checked_fixture(t, setup, NULL);
	tcase_add_test(t, subset_all_and_ends);
	tcase_add_test(t, subset_every_fits_and_is_tightest);
	tcase_add_test(t, scrolling_is_clamped);
	tcase_add_test(t, layout_minimum_size);
	tcase_add_test(t, layout_columns_fit);
	tcase_add_test(t, layout_health_follows_the_quantity);
	tcase_add_test(t, layout_a_collapsed_network_keeps_its_count);
	tcase_add_test(t, layout_order_by_importance);
	tcase_add_test(t, layout_share_small_screens);
	tcase_add_test(t, layout_share_large_screens);
	tcase_add_test(t, layout_share_never_blank_while_dropping);
	suite_add_tcase(s, t);
	t = tcase_create("hist");
	tcase_add_checked_fixture(t, setup, NULL);
	tcase_add_test(t, levels_linear_and_log);
	tcase_add_loop_test(t, layer_range, 0, LEN(ranges));
	tcase_add_test(t, shared_range_covers_every_layer);
	suite_add_tcase(s, t);
	t = tcase_create("keys");
	tcase_add_test(t, key_table_is_consistent);
	tcase_add_test(t, key_names);
	tcase_add_test(t, script_parses);
	tcase_add_loop_test(t, script_errors, 0, LEN(bad_scripts));
	suite_add_tcase(s, t);
	return s;
}
