/* SPDX-License-Identifier: MIT */
#include "cli/opts.h"
