/* SPDX-License-Identifier: MIT */
/* --format=svg: the report as a figure (src/figure) for slides. */
#include "cli/report.h"
#include "figure/figure.h"

int cli_report_svg(FILE *f, const iv_net *net, const cli_analysis *x,
		   const char *command)
{
	/* training comes after the statistics drawn: the figure says so */
	size_t steps = x && x->ntrain ? x->train_step[x->ntrain - 1] : 0;
	return iv_figure_net_trained_svg(f, net, x ? x->theory : NULL, command,
					 steps, x ? x->train_lr : 0, false);
}
