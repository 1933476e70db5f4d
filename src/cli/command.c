/* SPDX-License-Identifier: MIT */
/* The reproducing command line, one option-table row at a time. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/command.h"
#include "cli/opts_table.h"
#include "cli/report.h"
#include "lesson/lesson.h"

/* Rows that never appear: they do not change what is computed or shown,
 * or they are written another way (--report, --widths, --sweep). */
static bool skipped(const struct opt *op)
{
	static const char *const names[] = {
	    "report",       "max-memory", "jobs",  "lesson", "lessons",
	    "list-lessons", "keys",       "trace", "help",   "version"};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcmp(op->name, names[i]) == 0)
			return true;
	return op->kind == K_SECTION || op->kind == K_PATH;
}

/* The row's value in o as the option takes it. */
static void value(const struct opt *op, const cli_opts *o, char *buf,
		  size_t len)
{
	const void *p = (const char *)o + op->off;
	switch (op->kind) {
	case K_REAL: cli_report_number(*(const double *)p, buf, len); break;
	case K_SIZE: snprintf(buf, len, "%zu", *(const size_t *)p); break;
	case K_SEED:
		snprintf(buf, len, "%lu", *(const unsigned long *)p);
		break;
	case K_FLAG: snprintf(buf, len, "%d", *(const bool *)p); break;
	default: cli_opt_value(op, o, buf, len); break;
	}
}

/* s after the *used characters written so far; *used counts on past len,
 * so that it ends as the length the whole command needs. */
static void add(char *buf, size_t len, size_t *used, const char *s)
{
	if (*used < len)
		snprintf(buf + *used, len - *used, "%s", s);
	*used += strlen(s);
}

/* s for a POSIX shell: as it is when every byte is safe, else in single
 * quotes ('\'' for a quote). */
static void quoted(char *buf, size_t len, size_t *used, const char *s)
{
	static const char safe[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMN"
				   "OPQRSTUVWXYZ0123456789_./,:=+-@%";
	if (*s && strspn(s, safe) == strlen(s)) {
		add(buf, len, used, s);
		return;
	}
	add(buf, len, used, "'");
	for (const char *q; (q = strchr(s, '\'')); s = q + 1) {
		char part[256];
		size_t n = (size_t)(q - s);
		while (n) {
			size_t k = n < sizeof part - 1 ? n : sizeof part - 1;
			memcpy(part, s, k);
			part[k] = '\0';
			add(buf, len, used, part);
			s += k;
			n -= k;
		}
		add(buf, len, used, "'\\''");
	}
	add(buf, len, used, s);
	add(buf, len, used, "'");
}

static void widths(const iv_config *c, char *buf, size_t len, size_t *used)
{
	char n[16];
	add(buf, len, used, " --widths=");
	for (size_t l = 0; l < c->nwidths; l++) {
		snprintf(n, sizeof n, "%s%u", l ? "," : "",
			 (unsigned)c->widths[l]);
		add(buf, len, used, n);
	}
}

static void sweeps(const cli_sweep *s, char *buf, size_t len, size_t *used)
{
	for (size_t a = 0; a < s->naxes; a++) {
		add(buf, len, used, " --sweep=");
		add(buf, len, used, s->axis[a].knob->name);
		for (size_t k = 0; k < s->axis[a].n; k++) {
			add(buf, len, used, k ? "," : ":");
			add(buf, len, used, s->axis[a].text[k]);
		}
	}
}

size_t cli_command(const cli_opts *o, char *buf, size_t len)
{
	cli_opts d;
	size_t used = 0;
	cli_opts_defaults(&d);
	if (len)
		buf[0] = '\0';
	add(buf, len, &used, "initviz");
	if (o->lesson && o->lesson_ref) {
		char n[32];
		if (o->lessons_file) {
			add(buf, len, &used, " --lessons=");
			quoted(buf, len, &used, o->lessons_file);
		}
		snprintf(n, sizeof n, " --lesson=%zu", o->lesson);
		add(buf, len, &used, n);
		d.cfg = o->lesson_ref->cfg;
		if (o->lesson_ref->lr > 0)
			d.lr = o->lesson_ref->lr;
		d.random_readout = o->lesson_ref->random_readout;
	}

	if (o->report && o->format == CLI_FORMAT_TABLE && !o->check &&
	    !o->sweep.naxes)
		add(buf, len, &used, " --report");
	for (size_t i = 0; i < cli_opt_count; i++) {
		const struct opt *op = &cli_opt_table[i];
		char mine[64], dflt[64];
		if (skipped(op))
			continue;
		if (op->kind == K_WIDTHS || op->kind == K_SWEEP) {
			if (op->kind == K_WIDTHS && o->cfg.nwidths)
				widths(&o->cfg, buf, len, &used);
			if (op->kind == K_SWEEP)
				sweeps(&o->sweep, buf, len, &used);
			continue;
		}
		if (o->cfg.nwidths && (strcmp(op->name, "depth") == 0 ||
				       strcmp(op->name, "width") == 0))
			continue;
		value(op, o, mine, sizeof mine);
		value(op, &d, dflt, sizeof dflt);
		if (strcmp(mine, dflt) == 0)
			continue;
		add(buf, len, &used, " --");
		add(buf, len, &used, op->name);
		if (op->kind != K_FLAG) {
			add(buf, len, &used, "=");
			add(buf, len, &used, mine);
		}
	}
	return used;
}

char *cli_command_new(const cli_opts *o)
{
	size_t n = cli_command(o, NULL, 0);
	char *buf = malloc(n + 1);
	if (buf)
		cli_command(o, buf, n + 1);
	return buf;
}
