/* SPDX-License-Identifier: MIT */
/* Temporary driver: run the default network and print stds. */
#include <stdio.h>
#include <initviz/net.h>

int main(void)
{
	iv_config cfg;
	iv_status st;
	iv_config_defaults(&cfg);
	iv_net *net = iv_net_alloc(&cfg, &st);
	if (!net)
		return 2;
	iv_net_run(net);
	for (size_t l = 1; l <= cfg.depth; l++) {
		const iv_layer_stats *s = iv_net_layer(net, l);
		printf("%zu %g %g %g %zu\n", l, s->q[IV_Q_ACT].std,
		       s->q[IV_Q_GRAD_ACT].std, s->q[IV_Q_PREACT].std,
		       s->distinct_neurons);
	}
	iv_net_free(net);
	return 0;
}
