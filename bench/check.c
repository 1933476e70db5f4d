/* SPDX-License-Identifier: MIT */
/* Same-work check: engine runs dumped for the NumPy reference to redo. */
#include <stdio.h>
#include <sys/stat.h>
#include <initviz/net.h>
#include "engine/net_impl.h" /* the input and g_L are not public */
#include "bench.h"

/* Widths differ per layer so that a transposed product cannot pass. */
static const uint32_t widths[] = { 80, 96, 64, 112, 48 };

static int write_raw(const char *dir, const char *name, size_t l,
                     const double *x, size_t n)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/%s%zu.bin", dir, name, l);
	FILE *f = fopen(path, "wb");
	if (!f)
		return -1;
	size_t k = fwrite(x, sizeof *x, n, f);
	return fclose(f) == 0 && k == n ? 0 : -1;
}

static void write_stats(FILE *f, size_t l, iv_quantity q, const iv_stats *s)
{
	fprintf(f, "%zu %s %zu %.17g %.17g %.17g %.17g %.17g %zu %zu", l,
	        iv_quantity_name(q), s->count, s->mean, s->std, s->rms, s->min,
	        s->max, s->nan, s->inf);
	for (size_t b = 0; b < s->hist->n; b++)
		fprintf(f, " %.0f", s->hist->bin[b]);
	fprintf(f, "\n");
}

static int dump(const char *dir, const iv_net *net, FILE *f)
{
	size_t L = net->L, B = net->B;
	int rc = write_raw(dir, "x", 0, net->H[0]->data, B * net->n[0]) |
	         write_raw(dir, "g", L, net->G[L]->data, B * net->n[L]);
	fprintf(f, "batch %zu\nwidths", B);
	for (size_t l = 0; l <= L; l++)
		fprintf(f, " %zu", net->n[l]);
	fprintf(f, "\n");
	for (size_t l = 1; l <= L; l++) {
		const iv_layer_stats *s = iv_net_layer(net, l);
		rc |= write_raw(dir, "W", l, net->W[l]->data,
		                net->n[l] * net->n[l - 1]);
		rc |= write_raw(dir, "b", l, net->b[l]->data, net->n[l]);
		for (int q = 0; q < IV_Q_COUNT; q++)
			write_stats(f, l, (iv_quantity)q, &s->q[q]);
		fprintf(f, "%zu distinct %zu\n", l, s->distinct_neurons);
	}
	return rc;
}

/* Run 1: xavier-normal with random biases; run 2: a rectangular identity,
 * whose zero rows make units that compute the same function (fewer
 * distinct neurons than units). */
static int dump_run(const char *dir, int run)
{
	char sub[4000], path[4096];
	iv_config cfg;
	iv_status st;
	iv_config_defaults(&cfg);
	cfg.nwidths = sizeof widths / sizeof *widths;
	cfg.depth = cfg.nwidths - 1;
	for (size_t l = 0; l < cfg.nwidths; l++)
		cfg.widths[l] = widths[l];
	cfg.batch = 200;
	cfg.retain = 1; /* g_L kept (without, dz overwrites it) */
	if (run == 1)
		cfg.bias_std = 0.1; /* a broadcast the wrong way round shows */
	else
		cfg.init = IV_INIT_IDENTITY;
	snprintf(sub, sizeof sub, "%s/%d", dir, run);
	snprintf(path, sizeof path, "%s/engine.txt", sub);
	if (mkdir(sub, 0700))
		return 1;
	iv_net *net = iv_net_alloc(&cfg, &st);
	if (!net || iv_net_run(net) != IV_OK)
		return 1;
	FILE *f = fopen(path, "w");
	int rc = !f || dump(sub, net, f);
	if (f && fclose(f))
		rc = 1;
	iv_net_free(net);
	return rc;
}

int bench_dump(const char *dir)
{
	return dump_run(dir, 1) || dump_run(dir, 2);
}
