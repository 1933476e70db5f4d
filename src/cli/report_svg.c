/* SPDX-License-Identifier: MIT */
/* --format=svg: the report as a figure (src/figure) for slides. */
#include "cli/report.h"
#include "figure/figure.h"

int cli_report_svg(FILE *f, const iv_net *net, const cli_analysis *x,
		   const char *command)
{
	return iv_figure_net_svg(f, net, x ? x->theory : NULL, command);
}
