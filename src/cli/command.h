/* SPDX-License-Identifier: MIT */
/* The command line that reproduces a run: "initviz" and every option whose
 * value differs from its default, from the option table. */
#ifndef IV_CLI_COMMAND_H
#define IV_CLI_COMMAND_H

#include <stddef.h>
#include "cli/opts.h"

/* Write the command for o into buf (cut to len - 1 characters; buf may be
 * NULL when len is 0) and return its whole length, as snprintf does. With a
 * lesson applied (o->lesson and o->lesson_ref), "--lesson=N" (and the
 * --lessons file it came from) and the settings that differ from the
 * lesson's (its lr and readout included); else the network settings that
 * differ from the defaults. Then the report
 * options (--format, --bins, --check, training, --sweep); options that do
 * not change the output (--jobs, --max-memory, --trace, --keys) are left
 * out. Real numbers read back exactly. */
size_t cli_command(const cli_opts *o, char *buf, size_t len);

/* The whole command for o in a new string (free it), NULL when out of
 * memory. A command has no length limit of its own: a --widths list of
 * 1001 layers alone takes about 6000 characters. */
char *cli_command_new(const cli_opts *o);

#endif
