/* SPDX-License-Identifier: MIT */
/* The interactive view: entry point called by main(). */
#ifndef IV_TUI_H
#define IV_TUI_H

#include <stdbool.h>
#include <initviz/config.h>

/* Options of the view that are not network settings; the CLI fills them. */
typedef struct tui_options {
	bool ascii;          /* --ascii: ASCII glyphs even in a UTF-8 locale */
	const char *keys;    /* --keys=FILE (or $INITVIZ_SCRIPT): key script */
	const char *trace;   /* --trace=FILE: frame/key timestamps for benchmarks */
} tui_options;

/* Run the interactive view starting from cfg. Returns the process exit
 * status: 0 on a normal quit, 2 when there is no usable terminal (after
 * printing one line that points at --report). */
int tui_run(const iv_config *cfg, const tui_options *opt);

#endif
