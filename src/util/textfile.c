/* SPDX-License-Identifier: MIT */
/* A whole regular file of bounded size, or a reason why not. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "util/bytes.h"
#include "util/textfile.h"

/* Why a file of mode m is not read; NULL for a regular file. */
static const char *not_regular(mode_t m)
{
	if (S_ISREG(m))
		return NULL;
	if (S_ISDIR(m))
		return "is a directory";
	if (S_ISFIFO(m))
		return "is a FIFO, not a regular file";
	if (S_ISSOCK(m))
		return "is a socket, not a regular file";
	if (S_ISCHR(m) || S_ISBLK(m))
		return "is a device, not a regular file";
	return "is not a regular file";
}

static int refuse(char *err, size_t errlen, const char *why, int e)
{
	if (e)
		snprintf(err, errlen, "%s: %s", why, strerror(e));
	else
		snprintf(err, errlen, "%s", why);
	return -1;
}

static int check(const struct stat *st, size_t max, char *err, size_t errlen)
{
	const char *why = not_regular(st->st_mode);
	char size[32];
	if (why)
		return refuse(err, errlen, why, 0);
	if ((unsigned long long)st->st_size > max) {
		iv_bytes_str((double)max, size, sizeof size);
		snprintf(err, errlen, "is over %s", size);
		return -1;
	}
	return 0;
}

/* Up to max + 1 bytes of fd (one more shows a file that grew too big). */
static int slurp(int fd, size_t max, char **text, size_t *len, char *err,
		 size_t errlen)
{
	size_t cap = 4096, n = 0;
	char *buf = malloc(cap + 1);
	while (buf) {
		if (n == cap) {
			cap = cap > max / 2 ? max + 1 : 2 * cap;
			char *p = realloc(buf, cap + 1);
			if (!p)
				break;
			buf = p;
		}
		ssize_t r = read(fd, buf + n, cap - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			free(buf);
			return refuse(err, errlen, "cannot read", errno);
		}
		if (r == 0) {
			buf[n] = '\0';
			*text = buf;
			*len = n;
			return 0;
		}
		n += (size_t)r;
		if (n > max) {
			free(buf);
			char size[32];
			iv_bytes_str((double)max, size, sizeof size);
			snprintf(err, errlen, "is over %s", size);
			return -1;
		}
	}
	free(buf);
	return refuse(err, errlen, "cannot read", ENOMEM);
}

int iv_text_read(const char *path, size_t max, char **text, size_t *len,
		 char *err, size_t errlen)
{
	struct stat st;
	*text = NULL;
	*len = 0;
	if (stat(path, &st) != 0)
		return refuse(err, errlen, "cannot read", errno);
	if (check(&st, max, err, errlen) != 0)
		return -1;
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	if (fd < 0)
		return refuse(err, errlen, "cannot read", errno);
	int rc = fstat(fd, &st) != 0 ? refuse(err, errlen, "cannot read", errno)
		 : check(&st, max, err, errlen) != 0
		     ? -1
		     : slurp(fd, max, text, len, err, errlen);
	close(fd);
	return rc;
}
