/* SPDX-License-Identifier: MIT */
/* The interactive view: entry point. */
#ifndef IV_TUI_H
#define IV_TUI_H

#include <initviz/config.h>

/* Run the interactive view starting from cfg; returns the exit status. */
int tui_run(const iv_config *cfg);

#endif
