/* SPDX-License-Identifier: MIT */
/* The event trace of --trace=FILE, for measuring the view's latency: one
 * line per event, "SECONDS EVENT ...", SECONDS since the trace was opened
 * on the monotonic clock (CLOCK_MONOTONIC), microsecond digits. The first
 * line, "start clock=C ...", gives the clock's reading C at that moment, so
 * other processes can relate their own CLOCK_MONOTONIC times to the trace.
 *
 * Lines go to a large stdio buffer; it is written out when the view is about
 * to wait for keys (tui_trace_flush) and when the trace is closed, so tracing
 * costs the busy loop about a microsecond per line. No curses here. */
#ifndef IV_VIEW_TRACE_H
#define IV_VIEW_TRACE_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

typedef struct tui_trace_file {
	FILE *f;          /* NULL: tracing is off, every call is a no-op */
	double t0;        /* tui_clock_now() when opened */
	const char *path; /* as given to tui_trace_open, for messages */
	int err;          /* errno of the first failed write, 0: none */
} tui_trace_file;

/* Open path, a new file (one that exists is refused). Returns 0, or -1
 * with the reason in err ("cannot write trace file PATH: REASON", PATH
 * escaped). */
int tui_trace_open(tui_trace_file *t, const char *path, char *err, size_t size);
/* Append one event line: the time, a space, the formatted text, '\n'. */
void tui_trace_line(tui_trace_file *t, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void tui_trace_vline(tui_trace_file *t, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));
/* Write out what is buffered (before the view sleeps). 0, or -1 once any
 * write has failed (a full disk): then the message is in err ("cannot
 * write trace file PATH: No space left on device") and tracing is off. */
int tui_trace_flush(tui_trace_file *t, char *err, size_t size);
/* Write out and close; t is off afterwards. NULL or closed: no-op. 0, or
 * -1 with the message in err as for tui_trace_flush. */
int tui_trace_close(tui_trace_file *t, char *err, size_t size);

#endif
