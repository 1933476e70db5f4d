/* SPDX-License-Identifier: MIT */
/* Options that change nothing (idle.h). */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <initviz/tables.h>
#include "cli/idle.h"
#include "cli/opts_table.h"
#include "cli/sweep.h"

/* The sweep's reason for knob name doing nothing with cfg (sweep.c: std,
 * gain, bias-std, res-scale), or NULL. */
static const char *knob_idle(const char *name, const iv_config *cfg)
{
	for (size_t i = 0; i < cli_knob_count; i++)
		if (!strcmp(cli_knobs[i].name, name) && cli_knobs[i].unused)
			return cli_knobs[i].unused(cfg);
	return NULL;
}

/* Why option name does nothing with o, into why; false when it does
 * something. */
static bool idle(const char *name, const cli_opts *o, char *why, size_t n)
{
	const iv_config *c = &o->cfg;
	const char *init = iv_init_name(c->init), *knob = knob_idle(name, c);
	if (knob && !strcmp(name, "res-scale"))
		snprintf(why, n, "without --residual");
	else if (knob)
		snprintf(why, n, "with --init=%s (%s)", init, knob);
	else if (!strcmp(name, "mode") && !iv_init_uses_mode(c->init))
		snprintf(why, n, "with --init=%s (mode picks he-* and "
			 "lecun-*'s fan)", init);
	else if (!strcmp(name, "value") && c->init != IV_INIT_CONSTANT)
		snprintf(why, n, "with --init=%s (value is constant's)", init);
	else if (!strcmp(name, "bias") && iv_init_is_preset(c->init))
		snprintf(why, n, "with --init=%s (a preset draws its "
			 "framework's biases)", init);
	else if (!strcmp(name, "slope") && !iv_act_uses_slope(c->act))
		snprintf(why, n, "with --activation=%s (slope is "
			 "leaky-relu's)", iv_act_name(c->act));
	else if ((!strcmp(name, "lr") || !strcmp(name, "random-readout")) &&
		 o->report && o->train_steps == 0)
		snprintf(why, n, "without --train-steps (a report trains "
			 "only when asked)");
	else
		return false;
	return true;
}

size_t cli_idle_options(const cli_opts *o, char *buf, size_t len)
{
	size_t count = 0, used = 0;
	if (len)
		buf[0] = '\0';
	for (size_t i = 0; i < cli_opt_count && i < 64; i++) {
		const struct opt *op = &cli_opt_table[i];
		char why[160];
		if (!(o->given >> i & 1) || op->kind == K_SECTION ||
		    !idle(op->name, o, why, sizeof why))
			continue;
		if (used < len)
			used += (size_t)snprintf(buf + used, len - used,
						 "%s--%s does nothing %s",
						 count ? "; " : "", op->name,
						 why);
		count++;
	}
	return count;
}
