/* SPDX-License-Identifier: MIT */
/* The --help text, generated from the option table with the real defaults. */
#include <stdio.h>
#include "cli/opts.h"
#include "cli/opts_table.h"
#include "util/wrap.h"

#define HELP_COL   24 /* where the descriptions start */
#define HELP_WIDTH 79

/* Print text wrapped at word boundaries from HELP_COL, where the caller has
 * put the cursor; the lines after the first indented to it. */
static void wrapped(FILE *f, const char *text)
{
	size_t len;
	for (bool first = true; *text; first = false) {
		const char *line =
		    iv_wrap_line(text, HELP_WIDTH - HELP_COL, &len, &text);
		if (len == 0)
			break;
		fprintf(f, "%*s%.*s\n", first ? 0 : HELP_COL, "", (int)len,
			line);
	}
}

static void option_line(FILE *f, const struct opt *op, const cli_opts *d)
{
	char head[64], value[64], text[768], allowed[512];
	int col;
	if (op->shortc)
		col = snprintf(head, sizeof head, "  -%c, --%s", op->shortc,
			       op->name);
	else
		col = snprintf(head, sizeof head, "      --%s", op->name);
	if (op->arg)
		col += snprintf(head + col, sizeof head - (size_t)col, "=%s",
				op->arg);
	fputs(head, f);
	if (col >= HELP_COL - 1) {
		fputc('\n', f);
		col = 0;
	}
	fprintf(f, "%*s", HELP_COL - col, "");
	cli_opt_value(op, d, value, sizeof value);
	cli_opt_allowed(op, allowed, sizeof allowed);
	bool names =
	    op->kind >= K_INIT && op->kind <= K_FORMAT && !op->own_names;
	snprintf(text, sizeof text, "%s%s%s%s%s%s", op->help, names ? ": " : "",
		 names ? allowed + 7 : "", /* "one of " */
		 *value ? " (default: " : "", value, *value ? ")" : "");
	wrapped(f, text);
}

void cli_usage(FILE *f)
{
	cli_opts d;
	cli_opts_defaults(&d);
	fputs("Usage: initviz [OPTION]...            interactive view "
	      "(needs a terminal)\n"
	      "  or:  initviz --report [OPTION]...   print the per-layer "
	      "report and exit\n"
	      "Show what weight initialization does to a deep network: "
	      "per-layer statistics\nof activations and backpropagated "
	      "gradients.\n",
	      f);
	for (size_t i = 0; i < cli_opt_count; i++) {
		const struct opt *op = &cli_opt_table[i];
		if (op->kind == K_SECTION)
			fprintf(f, "\n%s:\n", op->name);
		else
			option_line(f, op, &d);
	}
	fputs("\nValues: --depth=20 or --depth 20; a repeated option: the last "
	      "one wins.\n"
	      "Exit status: 0 success, 1 --check found a problem, 2 bad usage "
	      "or input.\n"
	      "Environment: NO_COLOR (no colours), INITVIZ_SCRIPT (like "
	      "--keys), LC_ALL.\n"
	      "Full documentation: man initviz\n",
	      f);
}
