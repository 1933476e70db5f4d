/* SPDX-License-Identifier: MIT */
/* peak_rss FILE CMD [ARG]...: run CMD, write its peak resident set size in
 * KiB (getrusage's ru_maxrss of the child) to FILE, exit with CMD's status
 * (128 + the signal when a signal ended it). Forked from this small
 * process, the child's peak is its own, not a larger parent's. */
#include <stdio.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	struct rusage ru;
	int st;
	if (argc < 3) {
		fprintf(stderr, "usage: peak_rss FILE CMD [ARG]...\n");
		return 125;
	}
	pid_t pid = fork();
	if (pid < 0) {
		perror("peak_rss: fork");
		return 125;
	}
	if (pid == 0) {
		execvp(argv[2], argv + 2);
		perror("peak_rss: exec");
		_exit(127);
	}
	if (wait4(pid, &st, 0, &ru) != pid) {
		perror("peak_rss: wait4");
		return 125;
	}
	FILE *f = fopen(argv[1], "w");
	if (!f || fprintf(f, "%ld\n", ru.ru_maxrss) < 0 || fclose(f) != 0) {
		perror("peak_rss: writing the result");
		return 125;
	}
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}
