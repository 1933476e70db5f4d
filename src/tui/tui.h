/* SPDX-License-Identifier: MIT */
/* The interactive view: entry point called by main(). */
#ifndef IV_TUI_H
#define IV_TUI_H

#include <stdbool.h>
#include <initviz/config.h>
#include "lesson/lesson.h"

/* What the view shows that a command line can reproduce. */
typedef struct tui_command_state {
	const iv_config *cfg; /* the network shown */
	size_t lesson;        /* the current lesson (1-based), 0 when none */
	double lr;            /* the learning rate */
	bool random_readout;
	size_t train_steps; /* training steps taken */
} tui_command_state;

/* Write the command line that reproduces s into buf (cut to len - 1
 * characters; buf may be NULL when len is 0), starting with "initviz" (the
 * CLI's option table knows the options), and return its whole length, as
 * snprintf does: a command has no length limit (a --widths list of 1001
 * sizes takes about 6000 characters). */
typedef size_t (*tui_command_fn)(void *ctx, const tui_command_state *s,
				 char *buf, size_t len);

/* Options of the view that are not network settings; the CLI fills them. */
typedef struct tui_options {
	bool ascii;       /* --ascii: ASCII glyphs even in a UTF-8 locale */
	const char *keys; /* --keys=FILE (or $INITVIZ_SCRIPT): key script */
	const char
	    *trace;    /* --trace=FILE: frame/key timestamps for benchmarks */
	bool headless; /* draw on a virtual screen even with a terminal
			  (tests; needs keys) */
	const iv_lesson_set *lessons; /* lessons the keys step through (may
					 be NULL or empty); owned by the CLI */
	size_t lesson;                /* 1-based lesson to start in, 0: none */
	double lr;                    /* learning rate of training (> 0) */
	bool random_readout;          /* train with a LeCun-normal readout */
	const char *notice;           /* shown in the status line at start,
					 e.g. a lesson file's error; or NULL */
	size_t train_steps;           /* training steps to take at start */
	tui_command_fn command;       /* the reproducing command (C, S); NULL:
					 "initviz" and the settings unknown */
	void *command_ctx;            /* passed to command */
} tui_options;

/* Run the interactive view starting from cfg. Returns the process exit
 * status: 0 on a normal quit (q, F10, end of a script without a terminal,
 * closed input), 128 + the signal after a signal that would end the process
 * (INT, TERM, HUP, QUIT, USR1, USR2, PIPE, ALRM, VTALRM, PROF, XCPU, XFSZ;
 * the terminal restored first; one ignored at the start stays so), 2 when
 * there is no usable terminal (after printing one line that points at
 * --report), the key script or trace file cannot be used, or the view runs
 * out of memory (the message comes after the terminal is restored).
 *
 * Without a terminal (stdin or stdout not a tty, TERM unset or unknown) and
 * with a key script, the view runs headless: a virtual screen of
 * $INITVIZ_LINES x $INITVIZ_COLS (default 24 x 80) that Save commands read.
 * $INITVIZ_FIXED_TIME replaces timings on screen (for comparisons).
 *
 * The trace file (trace.h) gets one line per event, "SECONDS EVENT ...",
 * seconds since start on the monotonic clock: "start clock=C ...", "key
 * NAME", "poll" (no key, while busy), "wait MS" (idle), "compute gen=N
 * status=K" (a network is allocated), "step PASS layer=L" and "stepped PASS
 * layer=L" around each engine step (PASS forward or backward), "done gen=N
 * seconds=S status=K" (S: computation time), "frame S" (S: time to draw),
 * "train steps=N loss=X" (a burst of training), "save FILE" (a script's Save
 * or S), "signal N", "eof", "quit status=N". */
int tui_run(const iv_config *cfg, const tui_options *opt);

#endif
