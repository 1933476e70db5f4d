/* SPDX-License-Identifier: MIT */
/* The figure drawn into memory, then written as a new file. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "figure/figure.h"
#include "view/save.h"
#include "view/savefig.h"

int tui_save_figure(const char *txt, iv_net *net, size_t steps, double lr,
		    const iv_theory_layer *theory, const char *command,
		    char *path, size_t psize)
{
	size_t n = strlen(txt), len = 0;
	char *buf = NULL;
	if (n < 4 || strcmp(txt + n - 4, ".txt") != 0 || psize < n + 1) {
		errno = EINVAL;
		return -1;
	}
	if (iv_net_fill_histograms(net, IV_FIG_QUANTITIES) != IV_OK) {
		errno = EINVAL;
		return -1;
	}
	memcpy(path, txt, n - 4);
	memcpy(path + n - 4, ".svg", 5);
	FILE *f = open_memstream(&buf, &len);
	if (!f)
		return -1;
	int rc = iv_figure_net_trained_svg(f, net, theory, command, steps, lr,
					   true, NULL);
	if (fclose(f) != 0 || rc != 0) {
		free(buf);
		errno = ENOMEM;
		return -1;
	}
	rc = tui_save_file(path, buf, len);
	int e = errno;
	free(buf);
	errno = e;
	return rc;
}
