/* SPDX-License-Identifier: MIT */
/* The event trace: timestamped lines into a buffered file. */
#include <errno.h>
#include <stdbool.h>
#include <sys/stat.h>
#include <string.h>
#include "view/clock.h"
#include "view/save.h"
#include "view/trace.h"
#include "util/escape.h"

#define TRACE_BUFFER (1 << 20) /* about 20 000 lines between writes */

int tui_trace_open(tui_trace_file *t, const char *path, char *err, size_t size)
{
	struct stat sb;
	/* "x": a new file only; initviz never overwrites one silently */
	*t = (tui_trace_file){.f = fopen(path, "wx"), .path = path};
	if (!t->f) {
		int e = errno;
		bool dir =
		    e == EEXIST && stat(path, &sb) == 0 && S_ISDIR(sb.st_mode);
		char brief[IV_BRIEF_MAX + 1], name[4 * IV_BRIEF_MAX + 1];
		iv_brief(brief, sizeof brief, path, IV_BRIEF_MAX);
		iv_escape_str(name, sizeof name, brief);
		snprintf(err, size, "cannot write trace file %s: %s", name,
			 dir           ? strerror(EISDIR)
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
	if (fprintf(t->f, "%.6f ", tui_clock_now() - t->t0) < 0 ||
	    vfprintf(t->f, fmt, ap) < 0 || putc('\n', t->f) == EOF)
		t->err = t->err ? t->err : errno ? errno : EIO;
}

void tui_trace_line(tui_trace_file *t, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	tui_trace_vline(t, fmt, ap);
	va_end(ap);
}

/* The first error, said in err; the file is closed (nothing more is
 * written to a disk that is full). */
static int failed(tui_trace_file *t, char *err, size_t size)
{
	char brief[IV_BRIEF_MAX + 1], name[4 * IV_BRIEF_MAX + 1];
	iv_brief(brief, sizeof brief, t->path ? t->path : "", IV_BRIEF_MAX);
	iv_escape_str(name, sizeof name, brief);
	snprintf(err, size, "cannot write trace file %s: %s", name,
		 strerror(t->err));
	if (t->f)
		fclose(t->f);
	t->f = NULL;
	return -1;
}

int tui_trace_flush(tui_trace_file *t, char *err, size_t size)
{
	if (!t->f)
		return 0;
	if (fflush(t->f) != 0 && !t->err)
		t->err = errno ? errno : EIO;
	return t->err ? failed(t, err, size) : 0;
}

int tui_trace_close(tui_trace_file *t, char *err, size_t size)
{
	if (!t->f)
		return 0;
	if (tui_trace_flush(t, err, size) != 0)
		return -1;
	if (fclose(t->f) != 0) {
		t->f = NULL;
		t->err = errno ? errno : EIO;
		return failed(t, err, size);
	}
	t->f = NULL;
	return 0;
}
