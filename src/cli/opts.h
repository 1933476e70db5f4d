/* SPDX-License-Identifier: MIT */
/* Command-line options. */
#ifndef IV_CLI_OPTS_H
#define IV_CLI_OPTS_H
#include <initviz/config.h>
#endif
