/* SPDX-License-Identifier: MIT */
/* The command line that reproduces a run: "initviz" and every option whose
 * value differs from its default, from the option table. */
#ifndef IV_CLI_COMMAND_H
#define IV_CLI_COMMAND_H

#include <stddef.h>
#include "cli/opts.h"

/* Write the command for o into buf (cut to len - 1 characters). With a
 * lesson applied (o->lesson and o->lesson_ref), "--lesson=N" (and the
 * --lessons file it came from) and the settings that differ from the
 * lesson's (its lr and readout included); else the network settings that
 * differ from the defaults. Then the report
 * options (--format, --bins, --check, training, --sweep); options that do
 * not change the output (--jobs, --max-memory, --trace, --keys) are left
 * out. Real numbers read back exactly. */
void cli_command(const cli_opts *o, char *buf, size_t len);

#endif
