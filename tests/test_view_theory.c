/* SPDX-License-Identifier: MIT */
/* The view's theory without curses: PyTorch's gains, the critical-gain
 * solver against known critical points and the engine's chi1, sigma_w^2 and
 * sigma_b^2 mapped to each scheme's knob (closed forms from docs/report.md),
 * the cached predictions, the phase grid and the spectrum helpers. */
#include <check.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_errno.h>
#include <initviz/act.h>
#include "view/gains.h"
#include "view/sigma.h"
#include "view/theory.h"
#include "view_testutil.h"

#define LEN(a) (sizeof(a) / sizeof((a)[0]))

static iv_theory *th;

static void setup(void)
{
	gsl_set_error_handler_off();
	th = iv_theory_alloc();
	ck_assert_ptr_nonnull(th);
}

static void teardown(void)
{
	iv_theory_free(th);
}

START_TEST(pytorch_gains)
{
	/* given each activation, then PyTorch's calculate_gain values, NAN
	 * where PyTorch raises */
	ck_assert_double_eq(iv_act_torch_gain(IV_ACT_LINEAR, 0), 1);
	ck_assert_double_eq(iv_act_torch_gain(IV_ACT_SIGMOID, 0), 1);
	ck_assert_double_eq_tol(iv_act_torch_gain(IV_ACT_TANH, 0), 5.0 / 3,
				1e-15);
	ck_assert_double_eq_tol(iv_act_torch_gain(IV_ACT_RELU, 0), M_SQRT2,
				1e-15);
	ck_assert_double_eq_tol(iv_act_torch_gain(IV_ACT_LEAKY_RELU, 0.2),
				sqrt(2 / 1.04), 1e-15);
	ck_assert_double_eq(iv_act_torch_gain(IV_ACT_SELU, 0), 0.75);
	iv_act_kind none[] = {IV_ACT_ELU, IV_ACT_GELU, IV_ACT_SILU,
			      IV_ACT_SOFTPLUS};
	for (size_t i = 0; i < LEN(none); i++)
		ck_assert(isnan(iv_act_torch_gain(none[i], 0)));
}
END_TEST

/* Critical sigma_w^2 at sigma_b = 0 known in closed form: phi'(0)^2
 * sigma_w^2 = 1 for tanh (q* = 0 below), sigma_w^2 (1 + a^2)/2 = 1 for the
 * relu family, sigma_w^2 = 1 for linear. */
static const struct {
	iv_act_kind k;
	double slope, sw2;
} critical[] = {
    {IV_ACT_TANH, 0, 1.0},
    {IV_ACT_RELU, 0, 2.0},
    {IV_ACT_LINEAR, 0, 1.0},
    {IV_ACT_LEAKY_RELU, 0.01, 2 / 1.0001},
    {IV_ACT_LEAKY_RELU, 0.2, 2 / 1.04},
    {IV_ACT_LEAKY_RELU, 0.5, 2 / 1.25},
    /* q grows without bound from sigma_w^2 = 2 on (2 E[softplus^2] > q
     * at every q), where chi1 -> 1; a fixed number of iterations put the
     * edge at 2.0068 */
    {IV_ACT_SOFTPLUS, 0, 2.0},
};

START_TEST(critical_gain_closed_forms)
{
	/* given an activation with a known critical point, then the solver
	 * finds it, chi1 crosses 1 there (no jump), and the engine agrees:
	 * chi1 = 1 there, below 1 a little to the left */
	bool jump = true;
	double sw2 = tui_gains_critical_sw2(th, critical[_i].k, critical[_i].slope,
				      0.0, &jump);
	ck_assert_double_eq_tol(sw2, critical[_i].sw2, 1e-6);
	ck_assert(!jump);
	iv_criticality c;
	iv_theory_criticality(th, critical[_i].k, critical[_i].slope, sw2, 0,
			      &c);
	ck_assert_double_eq_tol(tui_phase_chi(&c), 1.0, 1e-6);
	iv_theory_criticality(th, critical[_i].k, critical[_i].slope,
			      sw2 * 0.999, 0, &c);
	ck_assert_double_lt(c.chi1, 1.0);
	ck_assert_double_eq_tol(sqrt(sw2), sqrt(critical[_i].sw2), 1e-6);
}
END_TEST

START_TEST(critical_gain_with_bias)
{
	/* given tanh with sigma_b^2 = 0.1 and 0.5, then the solver's point has
	 * chi1 = 1 by the engine's criticality, more than 1 to the right and
	 * less to the left, and it moves right as sigma_b^2 grows */
	double prev = 1.0;
	for (double sb2 = 0.1; sb2 < 0.6; sb2 += 0.4) {
		bool jump = true;
		double sw2 = tui_gains_critical_sw2(th, IV_ACT_TANH, 0, sb2, &jump);
		iv_criticality c;
		ck_assert(!jump);
		iv_theory_criticality(th, IV_ACT_TANH, 0, sw2, sb2, &c);
		ck_assert_double_eq_tol(c.chi1, 1.0, 1e-6);
		iv_theory_criticality(th, IV_ACT_TANH, 0, sw2 * 1.01, sb2, &c);
		ck_assert_double_gt(c.chi1, 1.0);
		iv_theory_criticality(th, IV_ACT_TANH, 0, sw2 * 0.99, sb2, &c);
		ck_assert_double_lt(c.chi1, 1.0);
		ck_assert_double_gt(sw2, prev);
		prev = sw2;
	}
}
END_TEST

START_TEST(critical_gain_jump)
{
	/* given gelu at sigma_b = 0 (phi'(0) = 1/2: q* = 0 and chi1 = sw2/4
	 * until the variance diverges), then the solver reports a jump: chi1
	 * well below 1 just left of the point, exploding at it */
	bool jump = false;
	double sw2 = tui_gains_critical_sw2(th, IV_ACT_GELU, 0, 0, &jump);
	iv_criticality c;
	ck_assert(jump);
	ck_assert(isfinite(sw2) && sw2 < 4);
	iv_theory_criticality(th, IV_ACT_GELU, 0, sw2 * 0.999, 0, &c);
	ck_assert_double_eq_tol(c.chi1, sw2 * 0.999 / 4, 1e-6);
	iv_theory_criticality(th, IV_ACT_GELU, 0, sw2, 0, &c);
	ck_assert_int_eq(tui_phase_classify(&c), TUI_CHI_EXPLODING);
}
END_TEST

START_TEST(softplus_he_word_is_width_independent)
{
	/* given softplus with He, whose sigma_w^2 is 2 or 1 ulp either side
	 * as (std)^2 * fan_in rounds at different widths, then chi1 is 1 and
	 * the word is the same: critical; and q diverges at each (the slope
	 * at large q is 1 to rounding: no fixed point out where the ulp
	 * below 2 would put one) */
	static const double sw2[] = {2.0, 2.0000000000000004, 1.9999999999999998};
	for (size_t i = 0; i < LEN(sw2); i++) {
		iv_criticality c;
		iv_theory_criticality(th, IV_ACT_SOFTPLUS, 0, sw2[i], 0, &c);
		ck_assert_int_eq(c.kind, IV_FIXED_DIVERGES);
		ck_assert_double_eq_tol(c.chi1, 1.0, 1e-3);
		ck_assert_str_eq(tui_phase_word(tui_phase_classify(&c)),
				 "critical");
	}
}
END_TEST

START_TEST(chi_words)
{
	/* given criticalities on each side of the band, then the words */
	iv_criticality c = {.q_star = 0.5, .chi1 = 0.98};
	ck_assert_str_eq(tui_phase_word(tui_phase_classify(&c)), "vanishing");
	c.chi1 = 0.995;
	ck_assert_str_eq(tui_phase_word(tui_phase_classify(&c)), "critical");
	c.chi1 = 1.01;
	ck_assert_str_eq(tui_phase_word(tui_phase_classify(&c)), "critical");
	c.chi1 = 1.02;
	ck_assert_str_eq(tui_phase_word(tui_phase_classify(&c)), "exploding");
	c = (iv_criticality){.q_star = INFINITY, .chi1 = NAN};
	ck_assert_str_eq(tui_phase_word(tui_phase_classify(&c)), "exploding");
	/* q diverges but its large-q slope is 1 (softplus with He): the
	 * word follows the slope, whichever side of 1 the last bit falls */
	c = (iv_criticality){.q_star = INFINITY, .chi1 = 1.0};
	ck_assert_str_eq(tui_phase_word(tui_phase_classify(&c)), "critical");
	c.chi1 = 1.0000000000000002;
	ck_assert_str_eq(tui_phase_word(tui_phase_classify(&c)), "critical");
	c.chi1 = 0.9999999999999998;
	ck_assert_str_eq(tui_phase_word(tui_phase_classify(&c)), "critical");
	c.chi1 = 1.5;
	ck_assert_str_eq(tui_phase_word(tui_phase_classify(&c)), "exploding");
	c = (iv_criticality){.q_star = 1, .chi1 = NAN};
	ck_assert_str_eq(tui_phase_word(tui_phase_classify(&c)), "unknown");
}
END_TEST

/* sigma_w^2 -> the knob, by the formulas of docs/report.md, on a layer with
 * fan_in 48 and fan_out 32 so the fan modes differ. */
static const struct {
	iv_init_kind init;
	iv_fan_mode mode;
} schemes[] = {
    {IV_INIT_NORMAL, IV_MODE_FAN_IN},
    {IV_INIT_UNIFORM, IV_MODE_FAN_IN},
    {IV_INIT_TRUNC_NORMAL, IV_MODE_FAN_IN},
    {IV_INIT_XAVIER_UNIFORM, IV_MODE_FAN_IN},
    {IV_INIT_XAVIER_NORMAL, IV_MODE_FAN_IN},
    {IV_INIT_HE_UNIFORM, IV_MODE_FAN_IN},
    {IV_INIT_HE_NORMAL, IV_MODE_FAN_OUT},
    {IV_INIT_HE_NORMAL, IV_MODE_FAN_AVG},
    {IV_INIT_LECUN_UNIFORM, IV_MODE_FAN_OUT},
    {IV_INIT_LECUN_NORMAL, IV_MODE_FAN_IN},
    {IV_INIT_ORTHOGONAL, IV_MODE_FAN_IN},
};

static double expected_knob(iv_init_kind k, iv_fan_mode mode, double sw2)
{
	const double fi = 48, fo = 32;
	double fan = mode == IV_MODE_FAN_IN    ? fi
		     : mode == IV_MODE_FAN_OUT ? fo
					       : (fi + fo) / 2;
	double pdf2 = exp(-2.0) / sqrt(2 * M_PI), mass = erf(M_SQRT2);
	switch (k) {
	case IV_INIT_NORMAL:
	case IV_INIT_UNIFORM: return sqrt(sw2 / fi);
	case IV_INIT_TRUNC_NORMAL:
		return sqrt(sw2 / fi) / sqrt(1 - 4 * pdf2 / mass);
	case IV_INIT_XAVIER_UNIFORM:
	case IV_INIT_XAVIER_NORMAL: return sqrt(sw2 * (fi + fo) / (2 * fi));
	case IV_INIT_HE_UNIFORM:
	case IV_INIT_HE_NORMAL: return sqrt(sw2 * fan / (2 * fi));
	case IV_INIT_LECUN_UNIFORM:
	case IV_INIT_LECUN_NORMAL: return sqrt(sw2 * fan / fi);
	case IV_INIT_ORTHOGONAL: return sqrt(sw2 * fmax(fi, fo) / fi);
	default: return NAN;
	}
}

static void model_for(tui_model *m, iv_init_kind init, iv_fan_mode mode)
{
	iv_config c;
	iv_config_defaults(&c);
	c.init = init;
	c.mode = mode;
	c.depth = 2;
	c.nwidths = 3;
	c.widths[0] = 48;
	c.widths[1] = 32;
	c.widths[2] = 16;
	c.gain = 0.7; /* neither is what the targets give */
	c.std = 0.03;
	tui_model_init(m, &c);
}

START_TEST(sigma_w2_sets_the_knob)
{
	/* given a scheme on a 48 -> 32 layer, when sigma_w^2 is set, then the
	 * knob has the closed-form value and the engine's sigma_w^2 is it */
	static const double targets[] = {0.5, 1.0, 2.5};
	for (size_t t = 0; t < LEN(targets); t++) {
		tui_model m;
		model_for(&m, schemes[_i].init, schemes[_i].mode);
		ck_assert(tui_sigma_set_w2(&m, targets[t]));
		double want = expected_knob(schemes[_i].init, schemes[_i].mode,
					    targets[t]);
		ck_assert_double_eq_tol(tui_model_knob_value(&m.cfg), want,
					1e-12 * want);
		ck_assert_double_eq_tol(iv_theory_sigma_w2(&m.cfg, 1),
					targets[t], 1e-12);
		ck_assert_str_eq(m.msg, "");
	}
}
END_TEST

START_TEST(sigma_w2_keeps_the_sign_and_refuses)
{
	/* given a negative gain, then the sign stays; given weights that are
	 * not random, then nothing changes and a notice says why */
	tui_model m;
	model_for(&m, IV_INIT_LECUN_NORMAL, IV_MODE_FAN_IN);
	m.cfg.gain = -1;
	ck_assert(tui_sigma_set_w2(&m, 4));
	ck_assert_double_eq_tol(m.cfg.gain, -2, 1e-12);
	ck_assert(!tui_sigma_set_w2(&m, 4)); /* no change */
	iv_init_kind fixed[] = {IV_INIT_ZEROS, IV_INIT_ONES, IV_INIT_CONSTANT,
				IV_INIT_IDENTITY};
	for (size_t i = 0; i < LEN(fixed); i++) {
		model_for(&m, fixed[i], IV_MODE_FAN_IN);
		iv_config before = m.cfg;
		ck_assert(!tui_sigma_set_w2(&m, 2));
		ck_assert(memcmp(&before, &m.cfg, sizeof before) == 0);
		ck_assert_msg(strstr(m.msg, "not random"), "%s", m.msg);
		ck_assert(isnan(tui_sigma_knob_for_w2(&m.cfg, 2)));
	}
}
END_TEST

START_TEST(sigma_b2_sets_the_bias_std)
{
	/* given bias 0, then sigma_b^2 = bias_std^2; given bias 0.3, then
	 * bias_std^2 = sigma_b^2 - 0.09, and below 0.09 it is refused */
	tui_model m;
	model_for(&m, IV_INIT_XAVIER_NORMAL, IV_MODE_FAN_IN);
	ck_assert(tui_sigma_set_b2(&m, 0.25));
	ck_assert_double_eq_tol(m.cfg.bias_std, 0.5, 1e-15);
	ck_assert(tui_sigma_set_b2(&m, 0));
	ck_assert_double_eq(m.cfg.bias_std, 0);
	m.cfg.bias = 0.3;
	ck_assert(tui_sigma_set_b2(&m, 0.25));
	ck_assert_double_eq_tol(m.cfg.bias_std, 0.4, 1e-12);
	ck_assert_double_eq_tol(iv_theory_sigma_b2(&m.cfg), 0.25, 1e-12);
	ck_assert(!tui_sigma_set_b2(&m, 0.04));
	ck_assert_double_eq_tol(m.cfg.bias_std, 0.4, 1e-12);
	ck_assert_msg(strstr(m.msg, "constant bias"), "%s", m.msg);
}
END_TEST

START_TEST(predictions_are_cached_per_configuration)
{
	/* given a configuration, then predictions are computed once, kept
	 * when only the seed or batch changes, redone for a new gain, and
	 * equal the engine's; none for constant weights or weight gradients */
	tui_theory t;
	iv_config c;
	iv_theory_layer want[4];
	ck_assert(tui_theory_init(&t));
	iv_config_defaults(&c);
	c.depth = 4;
	c.width = 64;
	ck_assert(!tui_theory_predict_fresh(&t, &c));
	ck_assert(tui_theory_predict_update(&t, &c, 1e9));
	ck_assert(!tui_theory_predict_update(&t, &c, 1e9));
	c.seed = 7;
	c.batch = 16;
	ck_assert(tui_theory_predict_fresh(&t, &c));
	c.gain = 1.3;
	ck_assert(!tui_theory_predict_fresh(&t, &c));
	ck_assert(tui_theory_predict_update(&t, &c, 1e9));
	ck_assert_int_eq(iv_theory_layers(th, &c, want), IV_OK);
	for (size_t l = 1; l <= 4; l++) {
		ck_assert_double_eq_tol(tui_theory_predict_std(&t, l, IV_Q_ACT),
					want[l - 1].activation_std, 1e-14);
		ck_assert_double_eq_tol(tui_theory_predict_std(&t, l, IV_Q_PREACT),
					want[l - 1].preactivation_std, 1e-14);
		ck_assert_double_eq_tol(tui_theory_predict_std(&t, l, IV_Q_GRAD_ACT),
					want[l - 1].grad_activation_std, 1e-14);
		ck_assert(isnan(tui_theory_predict_std(&t, l, IV_Q_GRAD_WEIGHTS)));
	}
	ck_assert(isnan(tui_theory_predict_std(&t, 5, IV_Q_ACT)));
	iv_criticality k;
	iv_theory_criticality(th, c.act, c.slope, 1.69, 0, &k);
	ck_assert_double_eq_tol(t.pred.crit.chi1, k.chi1, 1e-12);
	c.init = IV_INIT_ZEROS;
	tui_theory_predict_update(&t, &c, 1e9);
	ck_assert(isnan(tui_theory_predict_std(&t, 1, IV_Q_ACT)));
	/* an exploding gelu overflows (q grows 8 times a layer from 16):
	 * predictions stop before the overflow, gradients are not shown */
	c.init = IV_INIT_XAVIER_NORMAL;
	c.act = IV_ACT_GELU;
	c.gain = 4;
	c.depth = 400;
	tui_theory_predict_update(&t, &c, 1e9);
	ck_assert_uint_lt(t.pred.finite, 400);
	ck_assert_uint_gt(t.pred.finite, 300);
	ck_assert(tui_theory_predict_std(&t, t.pred.finite, IV_Q_PREACT) > 1e140);
	ck_assert(isnan(tui_theory_predict_std(&t, t.pred.finite + 1, IV_Q_PREACT)));
	ck_assert(isnan(tui_theory_predict_std(&t, 400, IV_Q_ACT)));
	ck_assert(isnan(tui_theory_predict_std(&t, 1, IV_Q_GRAD_ACT)));
	tui_theory_done(&t);
}
END_TEST

/* The settings bar's chi1, q* and depth scales are there exactly where the
 * report's criticality is (man KEYS, e): not for the schemes the theory
 * does not describe, nor with normalization or residual blocks; a chi1
 * below a double's range as the report writes it. */
START_TEST(chi1_shown_where_the_theory_describes_the_network)
{
	tui_theory t;
	iv_config c;
	char label[64], value[64];
	const tui_glyphs *g = tui_glyphs_pick(false);
	ck_assert(tui_theory_init(&t));
	iv_config_defaults(&c);
	c.depth = 3;
	c.width = 16;
	struct {
		iv_init_kind init;
		iv_norm_kind norm;
		bool residual;
		bool shown;
	} cases[] = {
	    {IV_INIT_XAVIER_NORMAL, IV_NORM_NONE, false, true},
	    {IV_INIT_HE_NORMAL, IV_NORM_NONE, false, true},
	    {IV_INIT_ZEROS, IV_NORM_NONE, false, false},
	    {IV_INIT_CONSTANT, IV_NORM_NONE, false, false},
	    {IV_INIT_IDENTITY, IV_NORM_NONE, false, false},
	    {IV_INIT_XAVIER_NORMAL, IV_NORM_BATCH, false, false},
	    {IV_INIT_XAVIER_NORMAL, IV_NORM_LAYER, false, false},
	    {IV_INIT_HE_NORMAL, IV_NORM_NONE, true, false},
	};
	for (size_t i = 0; i < LEN(cases); i++) {
		c.init = cases[i].init;
		c.norm = cases[i].norm;
		c.residual = cases[i].residual;
		while (!tui_theory_predict_fresh(&t, &c))
			tui_theory_predict_update(&t, &c, 1e9);
		bool chi = tui_theory_chi_item(&t, &c, g, label, sizeof label,
					       value, sizeof value);
		bool fix = tui_theory_fix_item(&t, &c, g, label, sizeof label,
					       value, sizeof value);
		bool xi = tui_theory_xi_item(&t, &c, g, label, sizeof label,
					     value, sizeof value);
		ck_assert_msg(chi == cases[i].shown && fix == chi && xi == chi,
			      "case %zu", i);
	}
	/* given normal weights of std 1e-170 on 16 inputs, sigma_w^2 =
	 * 1.6e-339 rounds to 0: then chi1 is 1.6e-339, as the report says
	 * it, not 0 */
	c.init = IV_INIT_NORMAL;
	c.std = 1e-170;
	c.norm = IV_NORM_NONE;
	c.residual = false;
	while (!tui_theory_predict_fresh(&t, &c))
		tui_theory_predict_update(&t, &c, 1e9);
	ck_assert(tui_theory_chi_item(&t, &c, g, label, sizeof label, value,
				      sizeof value));
	ck_assert_str_eq(value, "1.6e-339 vanishing");
	tui_theory_done(&t);
}
END_TEST

/* Two predictions of the same configuration, bit for bit. */
static void same_prediction(const tui_predict *a, const tui_predict *b)
{
	ck_assert(a->valid && b->valid);
	ck_assert_int_eq(a->st, b->st);
	ck_assert_uint_eq(a->finite, b->finite);
	ck_assert_uint_eq(a->key.depth, b->key.depth);
	ck_assert(!memcmp(a->layer, b->layer, a->key.depth * sizeof *a->layer));
	ck_assert(!memcmp(&a->crit, &b->crit, sizeof a->crit));
	ck_assert(!memcmp(&a->jacobian_ms, &b->jacobian_ms, sizeof(double)));
}

START_TEST(a_deep_prediction_comes_in_pieces)
{
	/* given a deep chaotic tanh (0.2 s of prediction at depth 1000;
	 * here 300 layers) and a view that gives it no time at all */
	tui_theory t, f;
	iv_config a, b;
	ck_assert(tui_theory_init(&t) && tui_theory_init(&f));
	iv_config_defaults(&a);
	a.depth = 300;
	a.width = 64;
	a.gain = 2;
	b = a;
	b.gain = 1.5;
	/* when updated with a zero budget, then each call does a piece and
	 * the prediction is fresh only at the end, after several calls */
	size_t calls = 0;
	while (!tui_theory_predict_fresh(&t, &a)) {
		ck_assert(tui_theory_predict_update(&t, &a, 0));
		ck_assert(!t.pred.valid || tui_theory_predict_fresh(&t, &a));
		ck_assert(isnan(tui_theory_predict_std(&t, 1, IV_Q_ACT)) ||
			  t.pred.valid);
		calls++;
	}
	ck_assert_uint_gt(calls, 2 * 300 / 8);
	/* and its numbers are those of one call */
	ck_assert(tui_theory_predict_update(&f, &a, 1e9));
	same_prediction(&t.pred, &f.pred);
	/* when the setting changes part way, then the new one is computed,
	 * not a mixture */
	ck_assert(tui_theory_predict_update(&t, &b, 0));
	ck_assert(!tui_theory_predict_fresh(&t, &b));
	ck_assert(tui_theory_predict_update(&t, &a, 0)); /* back: kept */
	ck_assert(tui_theory_predict_fresh(&t, &a));
	while (!tui_theory_predict_fresh(&t, &b))
		tui_theory_predict_update(&t, &b, 0);
	ck_assert(tui_theory_predict_update(&f, &b, 1e9));
	same_prediction(&t.pred, &f.pred);
	tui_theory_done(&t);
	tui_theory_done(&f);
}
END_TEST

START_TEST(a_setting_changed_back_keeps_its_prediction)
{
	/* given predictions of a chaotic tanh (gain 2), then of another gain,
	 * and of the first again */
	tui_theory t, f;
	iv_config a, b, c;
	ck_assert(tui_theory_init(&t) && tui_theory_init(&f));
	iv_config_defaults(&a);
	a.depth = 6;
	a.width = 64;
	a.gain = 2;
	b = a;
	b.gain = 1;
	c = a;
	c.act = IV_ACT_RELU;
	ck_assert(tui_theory_predict_update(&t, &a, 1e9));
	const iv_theory_layer *first = t.pred.layer;
	ck_assert(tui_theory_predict_update(&t, &b, 1e9));
	ck_assert(tui_theory_predict_update(&t, &a, 1e9));
	/* then the first's numbers are taken back (its own memory), the
	 * other's kept as the one before, and each is what a fresh view
	 * predicts */
	ck_assert_ptr_eq(t.pred.layer, first);
	ck_assert(tui_theory_predict_fresh(&t, &a));
	ck_assert(tui_theory_predict_update(&f, &a, 1e9));
	same_prediction(&t.pred, &f.pred);
	ck_assert(tui_theory_same_config(&t.prev.key, &b));
	/* and a third configuration is computed, not taken from either */
	ck_assert(tui_theory_predict_update(&t, &c, 1e9));
	ck_assert(tui_theory_predict_update(&f, &c, 1e9));
	same_prediction(&t.pred, &f.pred);
	ck_assert(tui_theory_predict_update(&t, &b, 1e9));
	ck_assert(tui_theory_predict_update(&f, &b, 1e9));
	same_prediction(&t.pred, &f.pred);
	tui_theory_done(&t);
	tui_theory_done(&f);
}
END_TEST

START_TEST(gains_panel_numbers)
{
	/* given tanh at sigma_b^2 0, then the rows: PyTorch 5/3 (chaotic), the
	 * gain whose q* is 1, the critical gain 1; given gelu, no PyTorch
	 * gain (1 is used) */
	tui_theory t;
	iv_config c;
	ck_assert(tui_theory_init(&t));
	iv_config_defaults(&c);
	ck_assert(tui_gains_update(&t, &c));
	ck_assert(tui_gains_fresh(&t, &c));
	ck_assert(t.gains.torch_defined);
	ck_assert_double_eq_tol(t.gains.torch.gain, 5.0 / 3, 1e-15);
	ck_assert_int_eq(tui_phase_classify(&t.gains.torch.c), TUI_CHI_EXPLODING);
	ck_assert_double_eq_tol(t.gains.unit.c.q_star, 1.0, 1e-9);
	ck_assert_double_eq_tol(t.gains.crit0.gain, 1.0, 1e-6);
	c.bias_std = 0.5;
	ck_assert(!tui_gains_fresh(&t, &c));
	ck_assert(tui_gains_fresh0(&t, &c)); /* sigma_b = 0 row: no work */
	ck_assert(!tui_gains_update0(&t, &c));
	ck_assert(tui_gains_update(&t, &c));
	ck_assert_double_gt(t.gains.critb.gain, 1.2);
	ck_assert_double_eq_tol(t.gains.crit0.gain, 1.0, 1e-6);
	c.act = IV_ACT_GELU;
	c.bias_std = 0;
	ck_assert(!tui_gains_fresh0(&t, &c));
	ck_assert(tui_gains_update0(&t, &c));
	ck_assert(!tui_gains_fresh(&t, &c)); /* the other rows are tanh's */
	ck_assert(tui_gains_update(&t, &c));
	ck_assert(!t.gains.torch_defined);
	ck_assert_double_eq(t.gains.torch.gain, 1.0);
	ck_assert(t.gains.crit0.jump);
	tui_theory_done(&t);
}
END_TEST

START_TEST(gains_critical_row_from_the_networks_q1)
{
	/* given gelu at sigma_b = 0, whose chi1 jumps over 1 where q_1 meets
	 * the map's unstable fixed point, then the calculator's critical row
	 * is the edge of this network, which starts at q_1 = sigma_w^2 E[x^2]
	 * (sigma_w 1.468 for gaussian inputs, not 1.534 as from q = 1): the
	 * report's criticality at 0.999 of its gain is ordered, at its gain
	 * diverges; and it moves with the inputs (E[x^2] 1/3: further out) */
	static const iv_input_kind inputs[] = {IV_INPUT_GAUSSIAN,
					       IV_INPUT_POSITIVE};
	tui_theory t;
	iv_config c;
	double prev = 0;
	ck_assert(tui_theory_init(&t));
	iv_config_defaults(&c);
	c.act = IV_ACT_GELU;
	c.init = IV_INIT_LECUN_NORMAL;
	for (size_t i = 0; i < LEN(inputs); i++) {
		iv_criticality r;
		c.input = inputs[i];
		ck_assert(!tui_gains_fresh0(&t, &c));
		ck_assert(tui_gains_update(&t, &c));
		ck_assert(t.gains.crit0.jump);
		double g = t.gains.crit0.gain;
		ck_assert_double_gt(g, prev);
		prev = g;
		c.gain = 0.999 * g;
		iv_theory_criticality_config(th, &c, &r);
		ck_assert_int_eq(r.kind, IV_FIXED_STABLE);
		ck_assert_double_lt(r.chi1, 1.0);
		c.gain = g;
		iv_theory_criticality_config(th, &c, &r);
		ck_assert_int_eq(r.kind, IV_FIXED_DIVERGES);
		ck_assert_int_eq(tui_phase_classify(&t.gains.crit0.c),
				 TUI_CHI_EXPLODING);
		ck_assert_double_eq_tol(t.gains.crit0.c.sigma_w2, g * g, 1e-12);
	}
	/* the gaussian edge: E[gelu(z)^2] = 1 at z ~ N(0, sigma_w^2) */
	c.input = IV_INPUT_GAUSSIAN;
	ck_assert(tui_gains_update(&t, &c));
	ck_assert_double_eq_tol(t.gains.crit0.gain, 1.4680112605, 1e-7);
	tui_theory_done(&t);
}
END_TEST

START_TEST(nice_steps_and_grid_moves)
{
	/* given spans and counts, then steps from 1 2 2.5 4 5 x 10^k that
	 * fit; labels on grid points; moves to the next grid point */
	ck_assert_double_eq_tol(tui_phase_nice_step(4, 112), 0.04, 1e-12);
	ck_assert_double_eq_tol(tui_phase_nice_step(4, 92), 0.05, 1e-12);
	ck_assert_double_eq_tol(tui_phase_nice_step(1, 22), 0.05, 1e-12);
	ck_assert_double_eq_tol(tui_phase_nice_step(1, 11), 0.1, 1e-12);
	ck_assert_double_eq_tol(tui_phase_nice_ceil(128.75), 150, 1e-9);
	ck_assert_double_eq_tol(tui_phase_nice_ceil(4), 4, 1e-12);
	ck_assert_double_eq_tol(tui_phase_label_step(0.04, 0.24), 0.4, 1e-12);
	ck_assert_double_eq_tol(tui_phase_label_step(0.05, 0.3), 0.4, 1e-12);
	ck_assert_double_eq_tol(tui_phase_label_step(0.04, 0.08), 0.2, 1e-12);
	ck_assert_double_eq_tol(tui_phase_next(1.0, 0.05, 81, 1), 1.05, 1e-12);
	ck_assert_double_eq_tol(tui_phase_next(1.0, 0.05, 81, -1), 0.95, 1e-12);
	ck_assert_double_eq_tol(tui_phase_next(1.02, 0.05, 81, 1), 1.05, 1e-12);
	ck_assert_double_eq_tol(tui_phase_next(1.02, 0.05, 81, -1), 1.0, 1e-12);
	ck_assert_double_eq(tui_phase_next(4.0, 0.05, 81, 1), 4.0);
	ck_assert_double_eq(tui_phase_next(0.0, 0.05, 81, -1), 0.0);
	ck_assert_double_eq_tol(tui_phase_next(9.0, 0.05, 81, -1), 4.0, 1e-12);
	ck_assert_double_eq(tui_phase_next(9.0, 0.05, 81, 1), 9.0);
	ck_assert_uint_eq(tui_phase_index(1.0, 0.05, 81), 20);
	ck_assert_uint_eq(tui_phase_index(9.0, 0.05, 81), 80);
	ck_assert_uint_eq(tui_phase_index(-1, 0.05, 81), 0);
}
END_TEST

START_TEST(phase_grid_matches_the_engine)
{
	/* given a tanh grid of 0..4 by 0..1, when stepped with no budget,
	 * then one point at a time; after the coarse pass every point has a
	 * value; when done, every point is the engine's chi1 there, ordered
	 * left of sigma_w^2 = 1 and chaotic right of 1.25 at sigma_b = 0 */
	tui_phase p;
	tui_phase_init(&p);
	ck_assert(tui_phase_setup(&p, IV_ACT_TANH, 0, 1, 4, 1, 41, 11));
	ck_assert_uint_eq(p.nx, 41);
	ck_assert_uint_eq(p.ny, 11);
	ck_assert(tui_phase_busy(&p));
	ck_assert(tui_phase_step(&p, th, 0));
	ck_assert_uint_eq(p.done, 1);
	double chi;
	ck_assert(tui_phase_point(&p, 3, 3, &chi)); /* (0, 0) stands in */
	ck_assert(!tui_phase_point(&p, 8, 8, &chi));
	while (p.stride == TUI_PHASE_COARSE && tui_phase_busy(&p))
		tui_phase_step(&p, th, 0);
	for (size_t j = 0; j < p.ny; j++)
		for (size_t i = 0; i < p.nx; i++)
			ck_assert(tui_phase_point(&p, i, j, &chi));
	while (tui_phase_step(&p, th, 1.0))
		;
	ck_assert(!tui_phase_busy(&p));
	ck_assert_double_eq(tui_phase_progress(&p), 1.0);
	for (size_t j = 0; j < p.ny; j += 3)
		for (size_t i = 0; i < p.nx; i += 5) {
			iv_criticality c;
			iv_theory_criticality(th, IV_ACT_TANH, 0,
					      0.1 * (double)i, 0.1 * (double)j,
					      &c);
			ck_assert(tui_phase_point(&p, i, j, &chi));
			ck_assert_double_eq_tol(chi, tui_phase_chi(&c), 1e-12);
		}
	ck_assert(tui_phase_point(&p, 9, 0, &chi) && chi < 1);
	ck_assert(tui_phase_point(&p, 13, 0, &chi) && chi > 1);
	/* the same layout keeps the points; another activation starts over */
	ck_assert(tui_phase_setup(&p, IV_ACT_TANH, 0, 1, 4, 1, 41, 11));
	ck_assert(!tui_phase_busy(&p));
	ck_assert(tui_phase_setup(&p, IV_ACT_RELU, 0, 1, 4, 1, 41, 11));
	ck_assert(!tui_phase_matches(&p, IV_ACT_TANH, 0, 1));
	ck_assert_uint_eq(p.done, 0);
	tui_phase_done(&p);
}
END_TEST

START_TEST(phase_points_start_from_the_networks_q1)
{
	/* given gelu, whose chi1 jumps over 1 at sigma_b = 0 where q_1 meets
	 * the map's unstable fixed point, then each point is the network's
	 * (the report's criticality of lecun-normal at that sigma_w, from q_1
	 * = sigma_w^2 E[x^2]): at sigma_w^2 2.2 gaussian inputs diverge
	 * (exploding) and positive ones, E[x^2] = 1/3, settle at q* = 0
	 * (vanishing, chi1 = 2.2/4); from q = 1 both would settle */
	static const iv_input_kind inputs[] = {IV_INPUT_GAUSSIAN,
					       IV_INPUT_POSITIVE};
	for (size_t n = 0; n < LEN(inputs); n++) {
		tui_phase p;
		iv_config c;
		iv_criticality r;
		double chi, e2 = n ? 1.0 / 3.0 : 1.0;
		tui_phase_init(&p);
		ck_assert(tui_phase_setup(&p, IV_ACT_GELU, 0, e2, 4, 1, 41, 11));
		ck_assert(!tui_phase_matches(&p, IV_ACT_GELU, 0,
					     n ? 1.0 : 1.0 / 3.0));
		while (tui_phase_step(&p, th, 1.0))
			;
		iv_config_defaults(&c);
		c.act = IV_ACT_GELU;
		c.init = IV_INIT_LECUN_NORMAL;
		c.input = inputs[n];
		c.gain = sqrt(2.2);
		iv_theory_criticality_config(th, &c, &r);
		ck_assert(tui_phase_point(&p, 22, 0, &chi));
		ck_assert_int_eq(tui_phase_classify(&r),
				 n ? TUI_CHI_VANISHING : TUI_CHI_EXPLODING);
		ck_assert_double_eq_tol(chi, tui_phase_chi(&r), 1e-9);
		tui_phase_done(&p);
	}
}
END_TEST

static iv_spectrum flat(double *v, size_t n, double x)
{
	for (size_t i = 0; i < n; i++)
		v[i] = x;
	return (iv_spectrum){
	    .count = n, .sv = v, .mean_square = x * x, .max = x, .min = x};
}

START_TEST(spectrum_words_and_bins)
{
	/* given flat spectra at 1 and 0.5, a spread one with mean square 1
	 * and a shrinking one, then the sentences; bins count every value;
	 * the axis is linear 0..2 for a spike, log for a wide spread */
	double v[8], lo, hi, counts[5];
	char note[512];
	iv_spectrum s = flat(v, 8, 1.0);
	tui_spectrum_note(&s, NAN, note, sizeof note);
	ck_assert_msg(strstr(note, "Dynamical isometry"), "%s", note);
	ck_assert(!tui_spectrum_axis(&s, &lo, &hi));
	ck_assert_double_eq(lo, 0);
	ck_assert_double_eq(hi, 2);
	tui_spectrum_bins(v, 8, false, lo, hi, 5, counts);
	ck_assert_double_eq(counts[2], 8); /* 1 sits in the middle bin */
	s = flat(v, 8, 0.5);
	tui_spectrum_note(&s, NAN, note, sizeof note);
	ck_assert_msg(strstr(note, "every singular value is 0.5") ||
			  strstr(note, "Every singular value is 0.5"),
		      "%s", note);
	static const double spread[] = {1.8, 1.3, 1.2, 0.9, 0.6, 0.3, 0.2, 0.1};
	memcpy(v, spread, sizeof v);
	s = (iv_spectrum){.count = 8, .sv = v, .max = 1.8, .min = 0.1};
	for (size_t i = 0; i < 8; i++)
		s.mean_square += v[i] * v[i] / 8;
	tui_spectrum_note(&s, NAN, note, sizeof note);
	ck_assert_msg(strstr(note, "kept on average"), "%s", note);
	ck_assert(!tui_spectrum_axis(&s, &lo, &hi)); /* a factor 18 */
	v[7] = 0.01;
	s.min = 0.01;
	ck_assert(tui_spectrum_axis(&s, &lo, &hi));
	ck_assert(lo < -2 && hi > log10(1.8) && hi < 1);
	tui_spectrum_bins(v, 8, true, lo, hi, 5, counts);
	double total = 0;
	for (int i = 0; i < 5; i++)
		total += counts[i];
	ck_assert_double_eq(total, 8);
	s = flat(v, 8, 0.1);
	s.mean_square = 0.02; /* pretend a spread below 1 */
	s.min = 0.05;
	tui_spectrum_note(&s, NAN, note, sizeof note);
	ck_assert_msg(strstr(note, "shrink") && strstr(note, "vanishing"), "%s",
		      note);
	v[0] = 1e-20;
	s = (iv_spectrum){
	    .count = 8, .sv = v, .max = 0.1, .min = 1e-20, .mean_square = 0.01};
	ck_assert_uint_eq(tui_spectrum_tiny(&s), 1);
	tui_spectrum_note(&s, NAN, note, sizeof note);
	ck_assert_msg(strstr(note, "1 of the 8"), "%s", note);
}
END_TEST

static void net_spectrum(iv_init_kind init, tui_spectrum *sp)
{
	iv_config c;
	iv_status st;
	iv_config_defaults(&c);
	c.init = init;
	c.act = IV_ACT_LINEAR;
	c.depth = 5;
	c.width = 64;
	c.batch = 4;
	iv_net *net = iv_net_alloc(&c, &st);
	ck_assert_ptr_nonnull(net);
	ck_assert(!tui_spectrum_update(sp, net, 1)); /* forward not done */
	ck_assert_int_eq(iv_net_run(net), IV_OK);
	ck_assert(tui_spectrum_update(sp, net, 1));
	ck_assert(!tui_spectrum_update(sp, net, 1)); /* kept */
	iv_net_free(net);
}

START_TEST(spectrum_of_networks)
{
	/* given a linear orthogonal network, then every singular value is 1;
	 * given a Gaussian one, then they spread; the estimate grows like
	 * the width cubed and refuses nothing itself */
	tui_spectrum sp;
	tui_spectrum_init(&sp);
	net_spectrum(IV_INIT_ORTHOGONAL, &sp);
	ck_assert_int_eq(sp.st, IV_OK);
	ck_assert_uint_eq(sp.s.count, 64);
	for (size_t i = 0; i < sp.s.count; i++)
		ck_assert_double_eq_tol(sp.s.sv[i], 1.0, 1e-12);
	tui_spectrum_done(&sp);
	net_spectrum(IV_INIT_XAVIER_NORMAL, &sp);
	ck_assert_double_gt(sp.s.max / sp.s.min, 10);
	tui_spectrum_done(&sp);
	iv_config c;
	iv_config_defaults(&c);
	c.width = 256;
	double t256 = tui_spectrum_estimate(&c);
	c.width = 512;
	ck_assert_double_gt(tui_spectrum_estimate(&c), 7 * t256);
	ck_assert_double_lt(t256, TUI_SPECTRUM_AUTO_SECONDS);
	ck_assert_uint_eq(tui_spectrum_width(&c), 512);
}
END_TEST

/* The mean square singular value of dh_L/dx of cfg's network at sample 0. */
static double measured_ms(const iv_config *c)
{
	iv_status st;
	iv_spectrum sp;
	iv_net *net = iv_net_alloc(c, &st);
	ck_assert_ptr_nonnull(net);
	ck_assert_int_eq(iv_net_run(net), IV_OK);
	ck_assert_int_eq(iv_jacobian_spectrum(net, 0, &sp), IV_OK);
	double ms = sp.mean_square;
	iv_spectrum_done(&sp);
	iv_net_free(net);
	return ms;
}

START_TEST(critical_yet_vanishing_is_explained)
{
	/* given xavier-normal + tanh, 10 layers of 256: the bar says chi1 1
	 * critical (q* = 0), yet the Jacobian shrinks lengths; then the
	 * predicted mean square (the product of each layer's sigma_w^2
	 * E[phi'^2] at its q) agrees with the measured one over three seeds
	 * to 25%, lies well below 1, and the sentence says why with those
	 * numbers */
	tui_theory t;
	iv_config c;
	char why[512], want[64];
	ck_assert(tui_theory_init(&t));
	iv_config_defaults(&c);
	c.depth = 10;
	c.width = 256;
	c.batch = 4;
	tui_theory_predict_update(&t, &c, 1e9);
	double pm = t.pred.jacobian_ms, ms = 0;
	ck_assert_int_eq(tui_phase_classify(&t.pred.crit), TUI_CHI_CRITICAL);
	for (unsigned long seed = 1; seed <= 3; seed++) {
		c.seed = seed;
		ms += measured_ms(&c) / 3;
	}
	ck_assert_double_lt(pm, 0.1);
	ck_assert_msg(fabs(ms - pm) < 0.25 * pm, "measured %g, predicted %g",
		      ms, pm);
	ck_assert(tui_theory_why_text(&t, &c, ms, &tui_glyphs_ascii, why,
				      sizeof why));
	ck_assert(strstr(why, "Why critical yet vanishing: chi1 = 1 only at "
			      "the fixed point q* = 0;"));
	snprintf(want, sizeof want, "q goes from 1 to %.3g over 10 layers",
		 t.pred.layer[9].q);
	ck_assert_msg(strstr(why, want), "%s", why);
	ck_assert(strstr(why, "shrinks lengths"));
	snprintf(want, sizeof want, "(theory: mean square %.3g)", pm);
	ck_assert_msg(strstr(why, want), "%s", why);
	/* given a measured mean square near 1 (an isometry), then no
	 * sentence: there is nothing to explain */
	ck_assert(!tui_theory_why_text(&t, &c, 1.02, &tui_glyphs_ascii, why,
				       sizeof why));
	/* given one layer, then the sentence counts it as one: "over 1
	 * layer," (the mean square is one layer's sigma_w^2 E[phi'^2], well
	 * below 1 at q = 1) */
	c.depth = 1;
	tui_theory_predict_update(&t, &c, 1e9);
	pm = t.pred.jacobian_ms;
	ck_assert_double_lt(pm, 0.9);
	ck_assert(tui_theory_why_text(&t, &c, pm, &tui_glyphs_ascii, why,
				      sizeof why));
	snprintf(want, sizeof want, "q goes from 1 to %.3g over 1 layer,",
		 t.pred.layer[0].q);
	ck_assert_msg(strstr(why, want), "%s", why);
	c.depth = 10;
	/* given linear (every q a fixed point) or a chaotic tanh, then none */
	c.act = IV_ACT_LINEAR;
	tui_theory_predict_update(&t, &c, 1e9);
	ck_assert_double_eq_tol(t.pred.jacobian_ms, 1.0, 1e-12);
	ck_assert(!tui_theory_why_text(&t, &c, 1.4, &tui_glyphs_ascii, why,
				       sizeof why));
	c.act = IV_ACT_TANH;
	c.gain = 3;
	tui_theory_predict_update(&t, &c, 1e9);
	ck_assert(!tui_theory_why_text(&t, &c, 50, &tui_glyphs_ascii, why,
				       sizeof why));
	/* given a bias with a mean, then no prediction (E[phi'^2] is of
	 * zero-mean z here) and no sentence */
	c.gain = 1;
	c.bias = 0.1;
	tui_theory_predict_update(&t, &c, 1e9);
	ck_assert(isnan(t.pred.jacobian_ms));
	tui_theory_done(&t);
}
END_TEST

START_TEST(q_past_a_double_is_not_infinite)
{
	/* given linear with sigma_w^2 0.25 and a bias of 1e300: q* = b^2 /
	 * 0.75, finite but past a double, is shown as such, not as infinity;
	 * with sigma_w^2 1 q diverges */
	iv_config c;
	iv_criticality k;
	char buf[32];
	iv_config_defaults(&c);
	c.act = IV_ACT_LINEAR;
	c.bias = 1e300;
	c.gain = 0.5;
	iv_theory_criticality_config(th, &c, &k);
	ck_assert_str_eq(tui_theory_q_text(&tui_glyphs_utf8, &k, buf,
	                                   sizeof buf),
	                 ">1.8e308");
	c.gain = 1;
	iv_theory_criticality_config(th, &c, &k);
	ck_assert_str_eq(tui_theory_q_text(&tui_glyphs_utf8, &k, buf,
	                                   sizeof buf),
	                 "diverges");
}
END_TEST

Suite *suite(void)
{
	Suite *s = suite_create("tui_theory");
	TCase *t = tcase_create("gains");
	tcase_set_timeout(t, 30);
	tcase_add_checked_fixture(t, setup, teardown);
	tcase_add_test(t, pytorch_gains);
	tcase_add_test(t, gains_critical_row_from_the_networks_q1);
	tcase_add_loop_test(t, critical_gain_closed_forms, 0, LEN(critical));
	tcase_add_test(t, critical_gain_with_bias);
	tcase_add_test(t, critical_gain_jump);
	tcase_add_test(t, chi_words);
	tcase_add_test(t, q_past_a_double_is_not_infinite);
	tcase_add_test(t, softplus_he_word_is_width_independent);
	tcase_add_test(t, gains_panel_numbers);
	suite_add_tcase(s, t);
	t = tcase_create("settings");
	tcase_add_loop_test(t, sigma_w2_sets_the_knob, 0, LEN(schemes));
	tcase_add_test(t, sigma_w2_keeps_the_sign_and_refuses);
	tcase_add_test(t, sigma_b2_sets_the_bias_std);
	suite_add_tcase(s, t);
	t = tcase_create("views");
	tcase_set_timeout(t, 30);
	tcase_add_checked_fixture(t, setup, teardown);
	tcase_add_test(t, predictions_are_cached_per_configuration);
	tcase_add_test(t, chi1_shown_where_the_theory_describes_the_network);
	tcase_add_test(t, a_setting_changed_back_keeps_its_prediction);
	tcase_add_test(t, a_deep_prediction_comes_in_pieces);
	tcase_add_test(t, nice_steps_and_grid_moves);
	tcase_add_test(t, phase_grid_matches_the_engine);
	tcase_add_test(t, phase_points_start_from_the_networks_q1);
	tcase_add_test(t, spectrum_words_and_bins);
	tcase_add_test(t, spectrum_of_networks);
	tcase_add_test(t, critical_yet_vanishing_is_explained);
	suite_add_tcase(s, t);
	return s;
}
