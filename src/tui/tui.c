/* SPDX-License-Identifier: MIT */
/* Placeholder until the interactive view lands. */
#include <stdio.h>
#include "tui/tui.h"

int tui_run(const iv_config *cfg, const tui_options *opt)
{
	(void)cfg;
	(void)opt;
	fputs("initviz: the interactive view is not built yet; use --report\n", stderr);
	return 2;
}
