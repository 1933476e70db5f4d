/* SPDX-License-Identifier: MIT */
/* A long report's progress on the terminal: one line on stderr, rewritten
 * in place ("\r") and cleared before the report is written, so that a run
 * of minutes or hours does not look hung. Only when stderr is a terminal
 * (a script that reads stderr sees nothing of it), and only once the run
 * has taken CLI_PROGRESS_AFTER seconds (a quick report shows nothing).
 * The environment's INITVIZ_PROGRESS sets those seconds, or "off". */
#ifndef IV_CLI_PROGRESS_H
#define IV_CLI_PROGRESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#define CLI_PROGRESS_AFTER 1.0 /* seconds before the line appears */
#define CLI_PROGRESS_EVERY 0.25 /* seconds between rewrites at most */

typedef struct cli_progress {
	FILE *f;           /* stderr when it is a terminal, else NULL: off */
	double t0, last;   /* start, last rewrite (monotonic seconds) */
	double phase_t0;   /* the phase's start */
	double after;      /* seconds before the line appears */
	size_t shown;      /* columns the line covers now (text, blanks) */
	char what[64];     /* the phase: "computing the network", ... */
} cli_progress;

/* Start timing; on when f is a terminal (f may be NULL: off) and
 * INITVIZ_PROGRESS is not "off". */
void cli_progress_start(cli_progress *p, FILE *f);
/* Name the phase under way (cut to 63 bytes); the fraction given to
 * cli_progress_show is of this phase. */
void cli_progress_phase(cli_progress *p, const char *what);
/* How far the phase has come, 0..1, with detail such as "step 1200 of
 * 1000000" (NULL: none): the line is rewritten when due. */
void cli_progress_show(cli_progress *p, double frac, const char *detail);
/* Clear the line, if one is shown, and stop. */
void cli_progress_stop(cli_progress *p);

/* The line for a phase what at fraction frac, with detail (NULL: none),
 * elapsed seconds since the start and in_phase since the phase's, in at
 * most len - 1 characters of buf: "initviz: training, step 1200 of
 * 1000000, 1 min 05 s, about 16 h left" (what is left: the phase's, at
 * its pace so far). No estimate before 2% of the phase or 3 seconds of
 * it (too early to say). */
void cli_progress_text(char *buf, size_t len, const char *what, double frac,
		       const char *detail, double elapsed, double in_phase);
/* A duration for people: "42 s", "3 min 05 s", "16 h 40 min". */
void cli_progress_duration(char *buf, size_t len, double seconds);

#endif
