/* SPDX-License-Identifier: MIT */
/* --format=svg: the report as a figure (src/figure) for slides. */
#include "cli/report.h"
#include "figure/figure.h"

int cli_report_svg(FILE *f, const iv_net *net, const cli_analysis *x,
		   const char *command)
{
	/* training comes after the statistics drawn: the figure says so,
	 * with the steps asked for (as the command) and where it stopped */
	size_t steps = x && x->ntrain ? x->train_asked : 0;
	char stopped[64];
	if (steps && x->train_stopped)
		snprintf(stopped, sizeof stopped, "training stopped at step %zu",
			 x->train_step[x->ntrain - 1]);
	return iv_figure_net_trained_svg(
	    f, net, x ? x->theory : NULL, command, steps, x ? x->train_lr : 0,
	    false, steps && x->train_stopped ? stopped : NULL);
}
