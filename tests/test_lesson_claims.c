/* SPDX-License-Identifier: MIT */
/* Lesson claims: the syntax, their evaluation against numbers known
 * independently, and every built-in lesson's claims on the numbers its
 * settings produce (what the lesson says of the screen is what the screen
 * shows). */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/lessons.h"
#include "cli/opts.h"
#include "lesson/claim.h"
#include "lesson/lesson.h"
#include "check_main.h"

static const struct {
	const char *text;
	iv_claim_q q;
	size_t from, to, after;
	iv_claim_op op;
	double bound;
	const char *with;
} good[] = {
	{ "h.std all < 1e-7", IV_CLAIM_H_STD, 1, IV_CLAIM_LAST, 0, IV_CLAIM_LT,
	  1e-7, "" },
	{ "dh.std 1-4 == 0", IV_CLAIM_DH_STD, 1, 4, 0, IV_CLAIM_EQ, 0, "" },
	{ "  sat\t3-last >= 0.85 ", IV_CLAIM_SAT, 3, IV_CLAIM_LAST, 0,
	  IV_CLAIM_GE, 0.85, "" },
	{ "h.ratio last <= -2.5", IV_CLAIM_H_RATIO, IV_CLAIM_LAST,
	  IV_CLAIM_LAST, 0, IV_CLAIM_LE, -2.5, "" },
	{ "after 200 distinct 5 > 1", IV_CLAIM_DISTINCT, 5, 5, 200,
	  IV_CLAIM_GT, 1, "" },
	{ "with input=gaussian after 30 loss.ratio < 0.5", IV_CLAIM_LOSS_RATIO,
	  0, 0, 30, IV_CLAIM_LT, 0.5, "input=gaussian" },
	{ "chi1 > 8", IV_CLAIM_CHI1, 0, 0, 0, IV_CLAIM_GT, 8, "" },
};

START_TEST(claims_parse)
{
	iv_claim c;
	char err[200];
	ck_assert_int_eq(iv_claim_parse(good[_i].text, &c, err, sizeof err), 0);
	ck_assert_int_eq(c.q, good[_i].q);
	ck_assert_uint_eq(c.from, good[_i].from);
	ck_assert_uint_eq(c.to, good[_i].to);
	ck_assert_uint_eq(c.after, good[_i].after);
	ck_assert_int_eq(c.op, good[_i].op);
	ck_assert_double_eq(c.bound, good[_i].bound);
	ck_assert_str_eq(c.with, good[_i].with);
	ck_assert_str_eq(c.text, good[_i].text);
}
END_TEST

static const struct {
	const char *text, *error;
} bad[] = {
	{ "", "claim: no quantity" },
	{ "h.var all < 1", "claim: unknown quantity" },
	{ "h.std < 1", "claim: layers must be" },
	{ "h.std 0 < 1", "claim: layers must be" },
	{ "h.std 3-2 < 1", "claim: layers must be" },
	{ "h.std last-3 < 1", "claim: layers must be" },
	{ "h.std 10001 < 1", "claim: layers must be" },
	{ "h.std all ~ 1", "claim: expected < <= > >= or ==" },
	{ "h.std all <", "claim: the bound must be a decimal number" },
	{ "h.std all < nan", "claim: the bound must be a decimal number" },
	{ "h.std all < 1 2", "claim: unexpected words after the bound" },
	{ "h.ratio 1-3 < 1", "claim: a ratio to the layer below starts at "
	                     "layer 2" },
	{ "loss < 1", "claim: loss, loss.ratio and moved need \"after N\"" },
	{ "moved all == 0", "claim: loss, loss.ratio and moved need" },
	{ "after 0 loss < 1", "claim: \"after\" takes a number of steps" },
	{ "after 2.5 loss < 1", "claim: \"after\" takes a number of steps" },
	{ "after 100001 loss < 1", "claim: \"after\" takes a number of steps" },
	{ "with depth after 3 loss < 1", "claim: \"with\" takes one KEY=VALUE" },
	{ "with", "claim: \"with\" takes one KEY=VALUE" },
	{ "a b c d e f g h i", "claim: too many words" },
};

START_TEST(malformed_claims_say_what_is_wrong)
{
	iv_claim c;
	char err[200] = "";
	ck_assert_int_eq(iv_claim_parse(bad[_i].text, &c, err, sizeof err), -1);
	ck_assert_msg(strncmp(err, bad[_i].error, strlen(bad[_i].error)) == 0,
	              "\"%s\": got \"%s\", want \"%s...\"", bad[_i].text, err,
	              bad[_i].error);
}
END_TEST

START_TEST(a_bad_claim_names_the_line)
{
	iv_config base;
	iv_lesson_set set = { 0 };
	char err[400];
	const char *t = "[lesson]\ntitle = a\ntext = b\nclaim = h.std all\n";
	iv_config_defaults(&base);
	ck_assert_int_eq(iv_lessons_parse(&set, t, strlen(t), "f", &base,
	                                  cli_apply_setting, err, sizeof err),
	                 -1);
	ck_assert_str_eq(err, "f:4: claim: expected < <= > >= or ==, got \"\"");
}
END_TEST

static iv_claim claim(const char *text)
{
	iv_claim c;
	char err[200];
	ck_assert_msg(iv_claim_parse(text, &c, err, sizeof err) == 0, "%s: %s",
	              text, err);
	return c;
}

/* Given a network whose numbers are known without the engine: all-zero
 * weights (every h is 0, dL/dh is 0 below the top, the top's is the N(0,1)
 * probe), and a linear identity network (h_l = x, std 1 everywhere). */
START_TEST(evaluation_on_networks_known_in_closed_form)
{
	iv_config z;
	iv_claim_result r;
	iv_claim_ctx *x = iv_claim_ctx_alloc();
	iv_config_defaults(&z);
	z.init = IV_INIT_ZEROS;
	z.depth = 4;
	z.width = 32;
	z.batch = 256;
	iv_claim c = claim("h.std all == 0");
	ck_assert_int_eq(iv_claim_eval(x, &c, &z, 0, false,
	                               cli_apply_setting, &r), 0);
	ck_assert(r.holds);
	c = claim("dh.std 1-3 == 0");
	ck_assert_int_eq(iv_claim_eval(x, &c, &z, 0, false,
	                               cli_apply_setting, &r), 0);
	ck_assert(r.holds);
	/* when a claim fails, then the first layer that breaks it is named */
	c = claim("dh.std all < 0.5");
	ck_assert_int_eq(iv_claim_eval(x, &c, &z, 0, false,
	                               cli_apply_setting, &r), 0);
	ck_assert(!r.holds);
	ck_assert_uint_eq(r.layer, 4);
	ck_assert_double_eq_tol(r.value, 1, 0.1); /* 32 x 256 N(0,1) draws */
	c = claim("distinct all > 1");
	ck_assert_int_eq(iv_claim_eval(x, &c, &z, 0, false,
	                               cli_apply_setting, &r), 0);
	ck_assert(!r.holds);
	ck_assert_uint_eq(r.layer, 1);
	ck_assert_double_eq(r.value, 1);
	/* training: nothing reaches a hidden weight */
	c = claim("after 5 moved all == 0");
	ck_assert_int_eq(iv_claim_eval(x, &c, &z, 0.05, false,
	                               cli_apply_setting, &r), 0);
	ck_assert(r.holds);
	/* the identity network with linear units: every h is the input */
	iv_config id = z;
	id.init = IV_INIT_IDENTITY;
	id.act = IV_ACT_LINEAR;
	c = claim("h.ratio 2-last == 1");
	ck_assert_int_eq(iv_claim_eval(x, &c, &id, 0, false,
	                               cli_apply_setting, &r), 0);
	ck_assert(r.holds);
	c = claim("h.std all > 0.9");
	ck_assert_int_eq(iv_claim_eval(x, &c, &id, 0, false,
	                               cli_apply_setting, &r), 0);
	ck_assert(r.holds);
	ck_assert_double_eq_tol(r.value, 1, 0.05);
	/* with: one setting changed, here to positive inputs, U(0,1) as
	 * lesson 4 says (mean 0.5, std sqrt(1/12) = 0.2887; 32 x 256 draws) */
	static const char *const unit_uniform[] = {
		"with input=positive h.min all >= 0",
		"with input=positive h.max all <= 1",
		"with input=positive h.mean all > 0.485",
		"with input=positive h.mean all < 0.515",
		"with input=positive h.std all > 0.279",
		"with input=positive h.std all < 0.299",
	};
	for (size_t i = 0; i < sizeof unit_uniform / sizeof *unit_uniform;
	     i++) {
		c = claim(unit_uniform[i]);
		ck_assert_int_eq(iv_claim_eval(x, &c, &id, 0, false,
		                               cli_apply_setting, &r), 0);
		ck_assert_msg(r.holds, "%s: layer %zu: %g", unit_uniform[i],
		              r.layer, r.value);
	}
	c = claim("h.max all <= 1");
	ck_assert_int_eq(iv_claim_eval(x, &c, &id, 0, false,
	                               cli_apply_setting, &r), 0);
	ck_assert(!r.holds); /* gaussian inputs exceed 1 */
	iv_claim_ctx_free(x);
}
END_TEST

START_TEST(claims_that_cannot_be_evaluated_say_why)
{
	iv_config z;
	iv_claim_result r;
	iv_claim_ctx *x = iv_claim_ctx_alloc();
	iv_config_defaults(&z);
	z.depth = 3;
	z.width = 16;
	z.batch = 32;
	iv_claim c = claim("h.std 4 < 1");
	ck_assert_int_eq(iv_claim_eval(x, &c, &z, 0, false,
	                               cli_apply_setting, &r), -1);
	ck_assert_str_eq(r.why, "layers 4-4: the network has 3");
	c = claim("with depth=-1 h.std 1 < 1");
	ck_assert_int_eq(iv_claim_eval(x, &c, &z, 0, false,
	                               cli_apply_setting, &r), -1);
	ck_assert_msg(strncmp(r.why, "with --depth must be", 20) == 0, "%s",
	              r.why);
	z.init = IV_INIT_CONSTANT;
	c = claim("chi1 > 1");
	ck_assert_int_eq(iv_claim_eval(x, &c, &z, 0, false,
	                               cli_apply_setting, &r), -1);
	ck_assert_str_eq(r.why, "chi1: no theory for constant");
	iv_claim_ctx_free(NULL);
	iv_claim_ctx_free(x);
}
END_TEST

/* Training stops at a loss that is not finite and counts no more steps
 * (iv_train_stopped): a claim "after N" past that step cannot be
 * evaluated, and says so rather than stepping forever; one before it
 * still is. */
START_TEST(a_claim_past_a_diverged_step_says_why)
{
	iv_config z;
	iv_claim_result r;
	iv_claim_ctx *x = iv_claim_ctx_alloc();
	iv_config_defaults(&z);
	z.init = IV_INIT_NORMAL;
	z.std = 1e200; /* the output overflows at step 0 */
	z.act = IV_ACT_LINEAR;
	z.depth = 3;
	z.width = 8;
	z.batch = 8;
	iv_claim c = claim("after 5 loss > 0");
	ck_assert_int_eq(iv_claim_eval(x, &c, &z, 0.05, false,
	                               cli_apply_setting, &r), -1);
	ck_assert_str_eq(r.why, "training stopped at step 0 of 5: the loss "
	                        "is not finite");
	/* a loss that overflows after a few steps (the report's example:
	 * He, relu, lr 1) */
	z.init = IV_INIT_HE_NORMAL;
	z.act = IV_ACT_RELU;
	z.depth = 8;
	z.width = 64;
	z.batch = 64;
	c = claim("after 1000 loss > 0");
	ck_assert_int_eq(iv_claim_eval(x, &c, &z, 1, false,
	                               cli_apply_setting, &r), -1);
	unsigned k = 0, n = 0;
	ck_assert_msg(sscanf(r.why, "training stopped at step %u of %u", &k,
	                     &n) == 2 && k > 0 && k < 1000 && n == 1000,
	              "%s", r.why);
	ck_assert_uint_ge(k, 2); /* "after 0" is no claim */
	char step[32];
	snprintf(step, sizeof step, "after %u loss > 1", k - 1);
	c = claim(step); /* the last finite loss: the context starts over */
	ck_assert_int_eq(iv_claim_eval(x, &c, &z, 1, false,
	                               cli_apply_setting, &r), 0);
	ck_assert_msg(r.holds && isfinite(r.value), "%g", r.value);
	iv_claim_ctx_free(x);
}
END_TEST

/* The symmetry demo improvised from the defaults (--init=constant, T at
 * the default rate) shows what it should, which a constant of 0.5 would
 * not. */
START_TEST(improvised_symmetry_demo)
{
	static const char *const holds[] = {
		"sat all < 0.01", "h.std all > 0.01", "dh.std all > 0.01",
		"distinct all == 1", "after 100 distinct all == 1",
		"after 100 moved all > 0", "after 100 loss.ratio < 0.9",
		"after 100 sat all < 0.01",
	};
	static const char *const fails[] = {
		"with value=0.5 sat all < 0.5", "with value=0.5 dh.std 1 > 0",
	};
	iv_config c;
	iv_claim_result r;
	iv_claim_ctx *x = iv_claim_ctx_alloc();
	iv_config_defaults(&c);
	c.init = IV_INIT_CONSTANT;
	for (size_t i = 0; i < sizeof holds / sizeof holds[0]; i++) {
		iv_claim cl = claim(holds[i]);
		ck_assert_int_eq(iv_claim_eval(x, &cl, &c, 0, false,
		                               cli_apply_setting, &r), 0);
		ck_assert_msg(r.holds, "%s: layer %zu: %g", holds[i], r.layer,
		              r.value);
	}
	for (size_t i = 0; i < sizeof fails / sizeof fails[0]; i++) {
		iv_claim cl = claim(fails[i]);
		ck_assert_int_eq(iv_claim_eval(x, &cl, &c, 0, false,
		                               cli_apply_setting, &r), 0);
		ck_assert_msg(!r.holds, "%s holds", fails[i]);
	}
	iv_claim_ctx_free(x);
}
END_TEST

static iv_lesson_set builtin;

static void load_builtin(void)
{
	setenv("XDG_CONFIG_HOME", "/nonexistent", 1);
	ck_assert_int_eq(cli_lessons(&builtin, NULL, stderr), 0);
}

static void free_builtin(void) { iv_lessons_free(&builtin); }

/* Every built-in lesson makes claims, and each holds on the numbers of
 * the lesson's own settings (trained, where it says so, at its rate), for
 * the lesson's seed and for CLAIM_SEEDS - 1 others: a class that presses
 * r (another seed) sees what the lesson says, so no claim may rest on one
 * seed's luck. (The bounds were chosen on 16 seeds or more.) */
#define LESSONS 16
#define CLAIM_SEEDS 3
START_TEST(every_builtin_claim_holds)
{
	int k = _i % LESSONS;
	const iv_lesson *l = &builtin.v[k];
	iv_config cfg = l->cfg;
	iv_claim_ctx *x = iv_claim_ctx_alloc();
	int failed = 0;
	cfg.seed = l->cfg.seed + (unsigned long)(_i / LESSONS);
	ck_assert_uint_eq(builtin.n, LESSONS);
	ck_assert_ptr_nonnull(x);
	ck_assert_msg(l->nclaims >= 2, "lesson %d makes %zu claims", k + 1,
	              l->nclaims);
	for (size_t i = 0; i < l->nclaims; i++) {
		iv_claim_result r;
		int rc = iv_claim_eval(x, &l->claims[i], &cfg, l->lr,
		                       l->random_readout, cli_apply_setting,
		                       &r);
		fprintf(stderr,
		        "lesson %d, seed %lu: claim \"%s\": %s (layer %zu: "
		        "%.6g)%s%s\n",
		        k + 1, cfg.seed, l->claims[i].text,
		        rc ? "not evaluated" : r.holds ? "holds" : "FAILS",
		        r.layer, r.value, rc ? ": " : "", r.why);
		failed += rc != 0 || !r.holds;
	}
	iv_claim_ctx_free(x);
	ck_assert_msg(failed == 0, "lesson %d, seed %lu: %d claims fail (see "
	              "the log)", k + 1, cfg.seed, failed);
}
END_TEST

Suite *suite(void)
{
	Suite *s = suite_create("lesson_claims");
	TCase *tc = tcase_create("syntax");
	tcase_add_loop_test(tc, claims_parse, 0, sizeof good / sizeof good[0]);
	tcase_add_loop_test(tc, malformed_claims_say_what_is_wrong, 0,
	                    sizeof bad / sizeof bad[0]);
	tcase_add_test(tc, a_bad_claim_names_the_line);
	suite_add_tcase(s, tc);
	tc = tcase_create("evaluation");
	tcase_add_test(tc, evaluation_on_networks_known_in_closed_form);
	tcase_add_test(tc, claims_that_cannot_be_evaluated_say_why);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, improvised_symmetry_demo);
	suite_add_tcase(s, tc);
	tc = tcase_create("diverged");
	tcase_set_timeout(tc, 30); /* stepping forever: a failure */
	tcase_add_test(tc, a_claim_past_a_diverged_step_says_why);
	suite_add_tcase(s, tc);
	tc = tcase_create("builtin");
	tcase_set_timeout(tc, 300);
	tcase_add_unchecked_fixture(tc, load_builtin, free_builtin);
	tcase_add_loop_test(tc, every_builtin_claim_holds, 0,
	                    LESSONS * CLAIM_SEEDS);
	suite_add_tcase(s, tc);
	return s;
}
