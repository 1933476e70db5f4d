/* SPDX-License-Identifier: MIT */
/* Screen text to a new file: temporary file, then a link that cannot
 * replace anything. */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include "view/save.h"
#include "util/escape.h"

const char *tui_save_dir(void)
{
	const char *d = getenv("INITVIZ_SAVE_DIR");
	return d && *d ? d : ".";
}

#define DIR_SHOWN 60 /* bytes of a directory's name in a message */

static int fail(char *err, size_t esize, const char *what, const char *dir,
		int e)
{
	char name[4 * 4096 + 1];
	const char *shown = name;
	size_t n = iv_escape_str(name, sizeof name, dir);
	if (n > DIR_SHOWN) { /* its end, from a character's first byte */
		shown = name + n - DIR_SHOWN;
		while (((unsigned char)*shown & 0xC0) == 0x80)
			shown++;
	}
	snprintf(err, esize, "cannot save the screen: %s %s%s: %s", what,
		 shown == name ? "" : "...", shown, strerror(e));
	errno = e;
	return -1;
}

/* snprintf into buf, or false when the whole text does not fit (a name
 * cut short would be another file's name). */
static bool fits(char *buf, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static bool fits(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n >= 0 && (size_t)n < size;
}

/* Write the text to a new temporary file in dir; its name goes in tmp. */
static int write_tmp(const char *dir, const char *text, size_t len, char *tmp,
		     size_t tsize, char *err, size_t esize)
{
	int fd = -1;
	for (unsigned k = 0; fd < 0 && k < 100; k++) {
		if (!fits(tmp, tsize, "%s/.%s%ld-%u.tmp", dir, TUI_SAVE_PREFIX,
			  (long)getpid(), k))
			return fail(err, esize, "writing in", dir,
				    ENAMETOOLONG);
		fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
		if (fd < 0 && errno != EEXIST)
			return fail(err, esize, "writing in", dir, errno);
	}
	if (fd < 0)
		return fail(err, esize, "writing in", dir, EEXIST);
	size_t done = 0;
	while (done < len) {
		ssize_t n = write(fd, text + done, len - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		done += (size_t)n;
	}
	int e = done < len ? (errno ? errno : EIO) : 0;
	if (!e && fsync(fd) != 0 && errno != EINVAL && errno != EROFS)
		e = errno;
	if (close(fd) != 0 && !e)
		e = errno;
	if (e) {
		unlink(tmp);
		return fail(err, esize, "writing in", dir, e);
	}
	return 0;
}

/* Give tmp the name; 1 when the name is taken, 0 done, -1 error (errno). */
static int claim(const char *tmp, const char *name)
{
	if (link(tmp, name) == 0) {
		unlink(tmp);
		return 0;
	}
	if (errno == EEXIST)
		return 1;
	if (errno != EPERM && errno != EOPNOTSUPP && errno != ENOSYS &&
	    errno != EMLINK)
		return -1;
	/* no hard links here (FAT, some network file systems); a symbolic
	 * link, even a dangling one, is taken too */
	struct stat sb;
	if (lstat(name, &sb) == 0)
		return 1;
	return rename(tmp, name) == 0 ? 0 : -1;
}

int tui_save_text(const char *dir, time_t when, const char *text, size_t len,
		  char *path, size_t psize, char *err, size_t esize)
{
	char tmp[4096], name[4096], stamp[32];
	struct tm tm;
	if (!localtime_r(&when, &tm) ||
	    !strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm))
		snprintf(stamp, sizeof stamp, "%ld", (long)when);
	if (write_tmp(dir, text, len, tmp, sizeof tmp, err, esize) != 0)
		return -1;
	for (int k = 0; k < TUI_SAVE_TRIES; k++) {
		char sfx[16] = "";
		if (k)
			snprintf(sfx, sizeof sfx, "-%d", k);
		int r = fits(name, sizeof name, "%s/%s%s%s.txt", dir,
			     TUI_SAVE_PREFIX, stamp, sfx)
			    ? claim(tmp, name)
			    : (errno = ENAMETOOLONG, -1);
		if (r < 0) {
			int e = errno;
			unlink(tmp);
			return fail(err, esize, "naming a file in", dir, e);
		}
		if (r == 0) {
			snprintf(path, psize, "%s",
				 strcmp(dir, ".") ? name : name + 2);
			return 0;
		}
	}
	unlink(tmp);
	return fail(err, esize, "every name is taken in", dir, EEXIST);
}

int tui_save_file(const char *path, const char *text, size_t len)
{
	char dir[4096], tmp[4096], err[8];
	struct stat sb;
	const char *slash = strrchr(path, '/');
	/* no temporary file beside a name that is taken (/dev/full); link(2)
	 * refuses one made meanwhile */
	if (lstat(path, &sb) == 0) {
		errno = EEXIST;
		return -1;
	}
	/* the directory: ".", "/", or what comes before the last slash */
	int dlen = slash && slash > path ? (int)(slash - path) : 1;
	if (!fits(dir, sizeof dir, "%.*s", dlen, slash ? path : ".")) {
		errno = ENAMETOOLONG;
		return -1;
	}
	if (write_tmp(dir, text, len, tmp, sizeof tmp, err, sizeof err) != 0)
		return -1; /* errno from write_tmp */
	int r = claim(tmp, path), e = errno;
	if (r == 0)
		return 0;
	unlink(tmp);
	errno = r > 0 ? EEXIST : e;
	return -1;
}

char *tui_save_handout(const char *command, const char *version, time_t when,
		       const char *screen, int skip, size_t *len)
{
	char date[64] = "";
	struct tm tm;
	if (localtime_r(&when, &tm))
		strftime(date, sizeof date, "%Y-%m-%d %H:%M:%S", &tm);
	size_t cap = strlen(command) + strlen(version) + strlen(date) +
		     strlen(screen) + 32;
	char *out = malloc(cap);
	if (!out)
		return NULL;
	size_t n = (size_t)snprintf(out, cap, "%s\ninitviz %s, %s\n\n", command,
				    version, date);
	int row = 0;
	for (const char *p = screen; *p; row++) {
		const char *nl = strchr(p, '\n');
		size_t k = nl ? (size_t)(nl - p) + 1 : strlen(p);
		if (row != skip) {
			memcpy(out + n, p, k);
			n += k;
		}
		p += k;
	}
	out[n] = '\0';
	*len = n;
	return out;
}
