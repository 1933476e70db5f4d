/* SPDX-License-Identifier: MIT */
/* Fuzz the option parser: the input is argv, one word per line.
 *
 * Every word of the form [--]key=value is also applied as a lesson-file
 * setting (cli_apply_setting), and argv is parsed again on top of the
 * configuration those settings built (as --lesson=N does). Invariants: a
 * result of 0 or 2; on 2 one line of message; on 0 a configuration the
 * engine accepts (iv_config_validate) whose memory estimate is a number. */
#include <math.h>
#include <string.h>
#include <initviz/config.h>
#include "cli/opts.h"
#include "fuzz.h"

#define MAX_WORDS 64

static bool same_config(const iv_config *a, const iv_config *b)
{
	return a->init == b->init && a->std == b->std &&
	       a->value == b->value && a->gain == b->gain &&
	       a->mode == b->mode && a->bias == b->bias &&
	       a->bias_std == b->bias_std && a->act == b->act &&
	       a->slope == b->slope && a->depth == b->depth &&
	       a->width == b->width && a->nwidths == b->nwidths &&
	       memcmp(a->widths, b->widths, a->nwidths * sizeof a->widths[0]) == 0 &&
	       a->batch == b->batch && a->input == b->input &&
	       a->seed == b->seed && a->bins == b->bins;
}

static void check_config(const iv_config *cfg)
{
	FUZZ_ASSERT(iv_config_validate(cfg) == IV_OK);
	double bytes = iv_config_memory(cfg);
	FUZZ_ASSERT(isfinite(bytes) && bytes > 0);
}

static void check_parse(int rc, const cli_opts *o, const char *err,
                        size_t errlen)
{
	FUZZ_ASSERT(rc == 0 || rc == 2);
	if (rc) {
		FUZZ_ASSERT_MESSAGE(err, errlen);
		return;
	}
	check_config(&o->cfg);
	if (o->widths_set)
		FUZZ_ASSERT(o->cfg.nwidths >= 2 &&
		            o->cfg.depth == o->cfg.nwidths - 1);
	if (o->depth_set || o->width_set)
		FUZZ_ASSERT(o->cfg.nwidths == 0);
}

/* Apply "key=value" (with or without a leading "--") to cfg. */
static void apply_word(iv_config *cfg, const char *word)
{
	char *kv = strdup(word), err[512];
	FUZZ_ASSERT(kv != NULL);
	char *key = kv + (strncmp(kv, "--", 2) == 0 ? 2 : 0);
	char *eq = strchr(key, '=');
	if (eq) {
		*eq = '\0';
		int rc = cli_apply_setting(cfg, key, eq + 1, err, sizeof err);
		FUZZ_ASSERT(rc == 0 || rc == 2);
		if (rc)
			FUZZ_ASSERT_MESSAGE(err, sizeof err);
		else
			check_config(cfg);
	}
	free(kv);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *buf = malloc(size + 1), *argv[MAX_WORDS + 2], err[1024];
	int argc = 0;
	cli_opts o;
	iv_config cfg;
	FUZZ_ASSERT(buf != NULL);
	memcpy(buf, data, size);
	buf[size] = '\0';
	argv[argc++] = (char *)"initviz";
	for (char *w = buf; argc <= MAX_WORDS;) {
		char *nl = memchr(w, '\n', (size_t)(buf + size - w));
		if (!nl && w == buf + size)
			break; /* no empty word after a final newline */
		argv[argc++] = w;
		if (!nl)
			break;
		*nl = '\0';
		w = nl + 1;
	}
	argv[argc] = NULL;

	iv_config_defaults(&cfg);
	for (int i = 1; i < argc; i++)
		apply_word(&cfg, argv[i]);

	int rc = cli_parse(argc, argv, &o, err, sizeof err);
	check_parse(rc, &o, err, sizeof err);
	rc = cli_parse_base(argc, argv, &cfg, &o, err, sizeof err);
	check_parse(rc, &o, err, sizeof err);
	if (argc == 1) /* no options: the base comes back unchanged */
		FUZZ_ASSERT(rc == 0 && same_config(&o.cfg, &cfg));
	free(buf);
	return 0;
}
