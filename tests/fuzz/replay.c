/* SPDX-License-Identifier: MIT */
/* A main() for a fuzz harness without libFuzzer: run LLVMFuzzerTestOneInput
 * on every file named, or on every file of every directory named (seed
 * corpora and saved crash inputs), in name order. A broken invariant or a
 * sanitizer error aborts; exit 0 when every input ran, 99 when an input
 * could not be read. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "fuzz.h"

static int run_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *data = NULL;
	size_t len = 0, cap = 0, n;
	if (!f) {
		fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
		return -1;
	}
	do {
		if (len == cap) {
			char *p = realloc(data, cap = cap ? 2 * cap : 4096);
			if (!p) {
				free(data);
				fclose(f);
				return -1;
			}
			data = p;
		}
		n = fread(data + len, 1, cap - len, f);
		len += n;
	} while (n > 0);
	int bad = ferror(f);
	fclose(f);
	if (!bad) {
		/* an exact-size copy, so that a read past the input is caught */
		uint8_t *exact = malloc(len ? len : 1);
		if (exact) {
			/* named first: an abort below leaves the name in the log */
			printf("replay: %s (%zu bytes)\n", path, len);
			fflush(stdout);
			memcpy(exact, data, len);
			LLVMFuzzerTestOneInput(exact, len);
			free(exact);
		}
		bad = !exact;
	}
	free(data);
	return bad ? -1 : 0;
}

static int cmp(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

static int not_hidden(const struct dirent *d)
{
	return d->d_name[0] != '.';
}

/* Inputs run, or -1 on an unreadable path. */
static long run_path(const char *path)
{
	struct stat st;
	struct dirent **names;
	long count = 0;
	if (stat(path, &st) != 0) {
		fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
		return -1;
	}
	if (!S_ISDIR(st.st_mode))
		return run_file(path) == 0 ? 1 : -1;
	int n = scandir(path, &names, not_hidden, cmp);
	if (n < 0)
		return -1;
	for (int i = 0; i < n; i++) {
		size_t len = strlen(path) + strlen(names[i]->d_name) + 2;
		char *file = malloc(len);
		if (file && count >= 0) {
			snprintf(file, len, "%s/%s", path, names[i]->d_name);
			count = run_file(file) == 0 ? count + 1 : -1;
		}
		free(file);
		free(names[i]);
	}
	free(names);
	return count;
}

int main(int argc, char **argv)
{
	long total = 0;
	for (int i = 1; i < argc; i++) {
		long n = run_path(argv[i]);
		if (n < 0)
			return 99;
		printf("replay: %s: %ld inputs\n", argv[i], n);
		total += n;
	}
	printf("replay: %ld inputs, no invariant broken\n", total);
	return 0;
}
