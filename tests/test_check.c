/* SPDX-License-Identifier: MIT */
/* --check criteria on made-up layer statistics: each threshold just inside
 * (healthy) and just outside (one problem line), and combinations. */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/check.h"
#include "check_main.h"

#define LEN(a) (sizeof(a) / sizeof((a)[0]))
#define DEPTH 6
#define UNITS 256

enum what { NONE, ACT_STD, GRAD_STD, SAT, DEAD, DISTINCT, NANS, INFS };

struct mod {
	enum what what;
	int layer;    /* 1..DEPTH */
	double value; /* the new value (a count for DEAD, DISTINCT, NANS, INFS) */
	iv_quantity q;
};

struct ccase {
	struct mod mods[4]; /* unused ones are { NONE } */
	size_t problems;
	const char *needle[3]; /* each must be in the output */
};

/* A modification of a layer; Q names the quantity whose counts change. */
#define M(w, l, v) { w, l, v, IV_Q_WEIGHTS }
#define Q(w, l, v, q) { w, l, v, q }

static const struct ccase cases[] = {
	{ { M(NONE, 1, 0) }, 0, { NULL } },
	/* activation std, last vs first layer: 10x is fine, more is not */
	{ { M(ACT_STD, 1, 4), M(ACT_STD, DEPTH, 40) }, 0, { NULL } },
	{ { M(ACT_STD, 1, 4), M(ACT_STD, DEPTH, 40.0001) }, 1,
	  { "activation std grows", "layer 6", "explode" } },
	{ { M(ACT_STD, 1, 4), M(ACT_STD, DEPTH, 0.4) }, 0, { NULL } },
	{ { M(ACT_STD, 1, 4), M(ACT_STD, DEPTH, 0.39999) }, 1,
	  { "activation std shrinks", "vanish" } },
	{ { M(ACT_STD, DEPTH, 0) }, 1, { "activation std falls" } },
	{ { M(ACT_STD, 1, 0) }, 1, { "activation std rises" } },
	{ { M(ACT_STD, 1, 0), M(ACT_STD, DEPTH, 0) }, 0, { NULL } },
	/* only the ends count */
	{ { M(ACT_STD, 3, 1e6), M(GRAD_STD, 4, 1e-6) }, 0, { NULL } },
	/* gradient std, layer 1 vs layer L */
	{ { M(GRAD_STD, 1, 40), M(GRAD_STD, DEPTH, 4) }, 0, { NULL } },
	{ { M(GRAD_STD, 1, 40.001), M(GRAD_STD, DEPTH, 4) }, 1,
	  { "gradient std grows", "explode" } },
	{ { M(GRAD_STD, 1, 0.3999), M(GRAD_STD, DEPTH, 4) }, 1,
	  { "gradient std shrinks", "to 0.4 at layer 1" } },
	{ { M(GRAD_STD, 1, 0) }, 1, { "gradient std falls", "vanish" } },
	/* saturation: more than half */
	{ { M(SAT, 3, 0.5) }, 0, { NULL } },
	{ { M(SAT, 3, 0.5001) }, 1, { "saturated", "layer 3", "1 of 6" } },
	{ { M(SAT, 2, 0.9), M(SAT, 5, 1) }, 1, { "2 of 6", "layer 2" } },
	/* dead units: more than half of fan_out */
	{ { M(DEAD, 4, UNITS / 2) }, 0, { NULL } },
	{ { M(DEAD, 4, UNITS / 2 + 1) }, 1,
	  { "more than 50% of their units dead", "layer 4", "129 of 256" } },
	/* distinct neurons: any shortfall among the live units */
	{ { M(DISTINCT, 2, UNITS - 1) }, 1,
	  { "distinct", "layer 2", "255 distinct of 256 live units" } },
	/* 7 dead units are one distinct (zero) neuron: 249 live, all
	 * distinct, is healthy (He with relu at depth 10 has such layers) */
	{ { M(DISTINCT, 2, UNITS - 6), M(DEAD, 2, 7) }, 0, { NULL } },
	{ { M(DISTINCT, 2, UNITS - 7), M(DEAD, 2, 7) }, 1,
	  { "248 distinct of 249 live units", "7 dead counted apart" } },
	/* every unit dead: no live unit to compare, the dead line only */
	{ { M(DISTINCT, 3, 1), M(DEAD, 3, UNITS) }, 1,
	  { "dead", "256 of 256" } },
	{ { M(DISTINCT, 1, 1), M(DISTINCT, 6, 1) }, 1, { "2 of 6 layers" } },
	/* NaN and Inf anywhere */
	{ { Q(NANS, 4, 3, IV_Q_GRAD_WEIGHTS) }, 1,
	  { "NaN or Inf", "layer 4 grad_weights", "3 NaN" } },
	{ { Q(INFS, 2, 1, IV_Q_WEIGHTS) }, 1, { "layer 2 weights", "1 Inf" } },
	{ { Q(NANS, DEPTH, 512, IV_Q_ACT), M(ACT_STD, DEPTH, NAN) }, 1,
	  { "NaN" } },
	/* a layer whose activations overflowed: its NaN (or Inf) columns
	 * compare alike, so its distinct count says nothing about symmetry;
	 * the NaN line alone, not "units compute the same function" */
	{ { Q(NANS, 3, 1000, IV_Q_ACT), M(DISTINCT, 3, 1) }, 1,
	  { "NaN or Inf", "layer 3 activation" } },
	{ { Q(INFS, 4, 1000, IV_Q_ACT), M(DISTINCT, 4, 2) }, 1,
	  { "NaN or Inf", "0 NaN and 1000 Inf" } },
	{ { Q(NANS, 5, 10, IV_Q_ACT), M(DISTINCT, 5, UNITS - 9) }, 1,
	  { "NaN or Inf", "layer 5" } },
	/* one line per kind of problem */
	{ { M(ACT_STD, DEPTH, 0.01), M(SAT, 2, 0.7), M(DISTINCT, 3, 7),
	    Q(INFS, 5, 2, IV_Q_PREACT) },
	  4, { "activation", "saturated", "distinct" } },
};

static iv_layer_stats layers[DEPTH];

static void healthy(void)
{
	memset(layers, 0, sizeof layers);
	for (int l = 0; l < DEPTH; l++) {
		iv_layer_stats *s = &layers[l];
		s->layer = (size_t)l + 1;
		s->fan_in = s->fan_out = UNITS;
		for (int q = 0; q < IV_Q_COUNT; q++) {
			s->q[q].count = s->q[q].finite = 1000;
			s->q[q].std = s->q[q].rms = 1;
		}
		s->distinct_neurons = UNITS;
	}
}

static void apply(const struct mod *m)
{
	if (m->what == NONE)
		return;
	iv_layer_stats *s = &layers[m->layer - 1];
	switch (m->what) {
	case ACT_STD: s->q[IV_Q_ACT].std = m->value; break;
	case GRAD_STD: s->q[IV_Q_GRAD_ACT].std = m->value; break;
	case SAT: s->saturated = m->value; break;
	case DEAD: s->dead_units = (size_t)m->value; break;
	case DISTINCT: s->distinct_neurons = (size_t)m->value; break;
	case NANS: s->q[m->q].nan = (size_t)m->value; break;
	case INFS: s->q[m->q].inf = (size_t)m->value; break;
	default: break;
	}
}

/* Run the check into a string; return its count. */
static size_t run(size_t n, char **out)
{
	const iv_layer_stats *ls[DEPTH];
	size_t len;
	for (size_t i = 0; i < n; i++)
		ls[i] = &layers[i];
	FILE *f = open_memstream(out, &len);
	ck_assert_ptr_nonnull(f);
	size_t problems = cli_check_layers(ls, n, f);
	fclose(f);
	ck_assert_uint_eq(cli_check_layers(ls, n, NULL), problems);
	return problems;
}

static size_t count_lines(const char *text)
{
	size_t n = 0;
	for (const char *p = text; (p = strchr(p, '\n')); p++)
		n++;
	return n;
}

START_TEST(criteria)
{
	const struct ccase *c = &cases[_i];
	char *text;
	healthy();
	for (size_t m = 0; m < LEN(c->mods); m++)
		apply(&c->mods[m]);
	size_t problems = run(DEPTH, &text);
	ck_assert_msg(problems == c->problems, "case %d: %zu problems, want %zu:"
	              "\n%s", _i, problems, c->problems, text);
	ck_assert_uint_eq(count_lines(text), problems);
	for (const char *line = text; *line; line = strchr(line, '\n') + 1)
		ck_assert_msg(strncmp(line, "initviz: check: ", 16) == 0,
		              "case %d: line without prefix: %s", _i, line);
	for (size_t k = 0; k < LEN(c->needle) && c->needle[k]; k++)
		ck_assert_msg(strstr(text, c->needle[k]), "case %d: no \"%s\" in:"
		              "\n%s", _i, c->needle[k], text);
	free(text);
}
END_TEST

START_TEST(single_layer_and_empty)
{
	/* given one layer, first and last are the same: no ratio problem */
	char *text;
	healthy();
	layers[0].q[IV_Q_ACT].std = 1e-9;
	ck_assert_uint_eq(run(1, &text), 0);
	ck_assert_str_eq(text, "");
	free(text);
	ck_assert_uint_eq(cli_check_layers(NULL, 0, NULL), 0);
}
END_TEST

Suite *suite(void)
{
	Suite *s = suite_create("check");
	TCase *tc = tcase_create("criteria");
	tcase_add_loop_test(tc, criteria, 0, (int)LEN(cases));
	tcase_add_test(tc, single_layer_and_empty);
	suite_add_tcase(s, tc);
	return s;
}
