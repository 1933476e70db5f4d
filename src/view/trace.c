/* SPDX-License-Identifier: MIT */
/* The event trace: timestamped lines into a buffered file. */
#include <errno.h>
#include <stdbool.h>
#include <sys/stat.h>
#include <string.h>
#include "view/clock.h"
#include "view/save.h"
#include "view/trace.h"

#define TRACE_BUFFER (1 << 20) /* about 20 000 lines between writes */

int tui_trace_open(tui_trace_file *t, const char *path, char *err,
		   size_t size)
{
	struct stat sb;
	/* "x": a new file only; initviz never overwrites one silently */
	*t = (tui_trace_file){.f = fopen(path, "wx")};
	if (!t->f) {
		int e = errno;
		bool dir = e == EEXIST && stat(path, &sb) == 0 &&
			   S_ISDIR(sb.st_mode);
		snprintf(err, size, "cannot write trace file %s: %s", path,
			 dir ? strerror(EISDIR)
			 : e == EEXIST ? TUI_SAVE_EXISTS
				       : strerror(e));
		return -1;
	}
	setvbuf(t->f, NULL, _IOFBF, TRACE_BUFFER); /* falls back if no memory */
	t->t0 = tui_clock_now();
	return 0;
}

void tui_trace_vline(tui_trace_file *t, const char *fmt, va_list ap)
{
	if (!t->f)
		return;
	fprintf(t->f, "%.6f ", tui_clock_now() - t->t0);
	vfprintf(t->f, fmt, ap);
	putc('\n', t->f);
}

void tui_trace_line(tui_trace_file *t, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	tui_trace_vline(t, fmt, ap);
	va_end(ap);
}

void tui_trace_flush(tui_trace_file *t)
{
	if (t->f)
		fflush(t->f);
}

void tui_trace_close(tui_trace_file *t)
{
	if (t->f)
		fclose(t->f);
	t->f = NULL;
}
