/* SPDX-License-Identifier: MIT */
/* The network: gradients against finite differences, the forward pass
 * against plain loops, symmetry, determinism and retained gradients. */
#include <float.h>
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>
#include "plainnet.h"
#include "testutil.h"

#define EPS_FD 1e-6 /* central differences: error ~1e-10 of the derivative */

static iv_net *make(const iv_config *c)
{
	iv_status st;
	iv_net *net = iv_net_alloc(c, &st);
	ck_assert_msg(net != NULL, "alloc: %s", iv_status_str(st));
	ck_assert_int_eq(iv_net_run(net), IV_OK);
	return net;
}

/* Engine statistics equal a finite-difference matrix's, to 1e-6 of its rms. */
static void same_summary(const iv_stats *eng, const double *fd, size_t n,
                         const char *what, size_t l)
{
	iv_stats s;
	iv_stats_init(&s, 4);
	iv_stats_compute(&s, fd, n);
	double tol = 1e-6 * s.rms;
	ck_assert_msg(fabs(eng->mean - s.mean) <= tol &&
	              fabs(eng->std - s.std) <= tol &&
	              fabs(eng->rms - s.rms) <= tol &&
	              fabs(eng->min - s.min) <= tol && fabs(eng->max - s.max) <= tol,
	              "%s layer %zu: engine mean %.10g std %.10g min %.10g max "
	              "%.10g; differences %.10g %.10g %.10g %.10g", what, l,
	              eng->mean, eng->std, eng->min, eng->max, s.mean, s.std,
	              s.min, s.max);
	iv_stats_done(&s);
}

/* Every layer's every statistic of a and b, bit for bit. */
static void same_nets(const iv_net *a, const iv_net *b, const char *what)
{
	for (size_t l = 1; l <= iv_net_depth(a); l++)
		for (int q = 0; q < IV_Q_COUNT; q++)
			tu_same_stats(&iv_net_layer(a, l)->q[q],
				      &iv_net_layer(b, l)->q[q], what);
}

START_TEST(gradients_match_finite_differences)
{
	/* given a small net with every quantity retained */
	static const unsigned w[] = { 5, 4, 3, 3 };
	iv_config c;
	tu_config_widths(&c, w, TU_LEN(w));
	c.act = (iv_act_kind)_i;
	c.gain = 1.3;
	c.bias = 0.1;
	c.batch = 3;
	c.seed = 5;
	c.retain = 1;
	iv_net *net = make(&c);
	plain p;
	pn_init(&p, net);
	double buf[64];
	/* the plain copy sees the same input: layer 1 agrees */
	const double *z1 = iv_net_data(net, 1, IV_Q_PREACT, NULL, NULL);
	for (size_t i = 0; i < p.B * p.n[1]; i++)
		ck_assert_msg(fabs(z1[i] - p.z[1][i]) <= 1e-12 * (1 + fabs(z1[i])),
		              "input stream differs from net.c's stream 0");
	for (size_t l = 1; l <= p.L; l++) {
		const iv_layer_stats *s = iv_net_layer(net, l);
		size_t nw = p.n[l] * p.n[l - 1], na = p.B * p.n[l];
		/* then dW = d loss / dW / batch */
		for (size_t i = 0; i < nw; i++)
			buf[i] = pn_fd(&p, 'W', l, i, EPS_FD) / (double)p.B;
		same_summary(&s->q[IV_Q_GRAD_WEIGHTS], buf, nw, "dW", l);
		/* dz = d loss / dz */
		for (size_t i = 0; i < na; i++)
			buf[i] = pn_fd(&p, 'z', l, i, EPS_FD);
		same_summary(&s->q[IV_Q_GRAD_PREACT], buf, na, "dz", l);
		/* g_l = d loss / dh_l, entry by entry */
		const double *g = iv_net_data(net, l, IV_Q_GRAD_ACT, NULL, NULL);
		ck_assert_ptr_nonnull(g);
		double err = 0, gmax = 0;
		for (size_t i = 0; i < na; i++) {
			err = fmax(err, fabs(g[i] - pn_fd(&p, 'h', l, i, EPS_FD)));
			gmax = fmax(gmax, fabs(g[i]));
		}
		ck_assert_msg(err <= 1e-6 * gmax, "%s g layer %zu: error %g of %g",
		              iv_act_name(c.act), l, err, gmax);
		same_summary(&s->q[IV_Q_GRAD_ACT], g, na, "g", l);
	}
	pn_done(&p);
	iv_net_free(net);
}
END_TEST


static void same_stats(const iv_layer_stats *a, const iv_layer_stats *b)
{
	for (int q = 0; q < IV_Q_COUNT; q++) {
		const iv_stats *x = &a->q[q], *y = &b->q[q];
		ck_assert_msg(tu_bits_eq(x->mean, y->mean) && tu_bits_eq(x->std, y->std) &&
		              tu_bits_eq(x->rms, y->rms) && tu_bits_eq(x->min, y->min) &&
		              tu_bits_eq(x->max, y->max) && x->nan == y->nan &&
		              x->inf == y->inf && x->count == y->count,
		              "layer %zu %s: %.17g vs %.17g", a->layer,
		              iv_quantity_name(q), x->mean, y->mean);
		size_t k = x->hist->n;
		ck_assert(k == y->hist->n &&
		          !memcmp(x->hist->bin, y->hist->bin, k * sizeof(double)) &&
		          !memcmp(x->hist->range, y->hist->range,
		                  (k + 1) * sizeof(double)));
	}
	ck_assert_uint_eq(a->distinct_neurons, b->distinct_neurons);
	ck_assert_uint_eq(a->dead_units, b->dead_units);
	ck_assert(tu_bits_eq(a->saturated, b->saturated) &&
	          tu_bits_eq(a->zero_fraction, b->zero_fraction));
}

START_TEST(retaining_gradients_changes_nothing)
{
	/* given a 4-layer net with and without retained gradients */
	static const unsigned w[] = { 6, 5, 4, 5, 3 };
	iv_config c;
	tu_config_widths(&c, w, TU_LEN(w));
	c.act = (iv_act_kind)_i;
	c.batch = 4;
	iv_net *a = make(&c);
	c.retain = 1;
	iv_net *b = make(&c);
	/* then every statistic is bit-identical (the ping-pong buffers work) */
	for (size_t l = 1; l <= c.depth; l++)
		same_stats(iv_net_layer(a, l), iv_net_layer(b, l));
	iv_net_free(a);
	iv_net_free(b);
}
END_TEST

/* Layer l from the engine's own h_{l-1}: |z - plain| within the rounding
 * bound of a dot product, 2 m eps sum |W h| (both sides round), and h equal
 * to phi(z) bit for bit. */
static void check_layer(const iv_net *net, const plain *p, size_t l,
                        const double *hprev)
{
	size_t n = p->n[l], m = p->n[l - 1];
	const double *z = iv_net_data(net, l, IV_Q_PREACT, NULL, NULL);
	const double *h = iv_net_data(net, l, IV_Q_ACT, NULL, NULL);
	size_t bad = 0, hbad = 0;
	for (size_t b = 0; b < p->B; b++)
		for (size_t j = 0; j < n; j++) {
			double s = 0, abs = fabs(p->bias);
			for (size_t k = 0; k < m; k++) {
				double t = p->W[l][j * m + k] * hprev[b * m + k];
				s += t;
				abs += fabs(t);
			}
			double v = z[b * n + j], hv = iv_act(p->act, p->slope, v);
			bad += fabs(v - (s + p->bias)) > 2 * (m + 1) * DBL_EPSILON * abs;
			hbad += !tu_bits_eq(h[b * n + j], hv);
		}
	ck_assert_msg(bad == 0 && hbad == 0, "layer %zu: %zu z and %zu h entries "
	              "differ", l, bad, hbad);
}

START_TEST(forward_is_the_plain_product)
{
	/* given odd sizes (BLAS edge kernels), a bias, each input kind */
	static const unsigned w[] = { 37, 50, 29, 64, 100 };
	iv_config c;
	tu_config_widths(&c, w, TU_LEN(w));
	c.act = (iv_act_kind)_i;
	c.batch = 17;
	c.bias = 0.3;
	c.input = (iv_input_kind)(_i % IV_INPUT_COUNT);
	iv_net *net = make(&c);
	plain p;
	pn_init(&p, net);
	/* then each layer is W h + b of the layer below, h = phi(z) */
	for (size_t l = 1; l <= p.L; l++)
		check_layer(net, &p, l,
		            l == 1 ? p.h[0]
		                   : iv_net_data(net, l - 1, IV_Q_ACT, NULL, NULL));
	pn_done(&p);
	iv_net_free(net);
}
END_TEST

/* Equal weights: every unit of a layer computes the same function. */
static const struct {
	iv_init_kind init;
	iv_act_kind act;
} symmetric[] = {
	{ IV_INIT_ZEROS, IV_ACT_TANH },     { IV_INIT_ZEROS, IV_ACT_RELU },
	{ IV_INIT_ONES, IV_ACT_TANH },      { IV_INIT_ONES, IV_ACT_LINEAR },
	{ IV_INIT_ONES, IV_ACT_RELU },      { IV_INIT_CONSTANT, IV_ACT_SIGMOID },
	{ IV_INIT_CONSTANT, IV_ACT_GELU },  { IV_INIT_CONSTANT, IV_ACT_TANH },
};

/* Shapes: width 64 depth 5; width 100; odd mixed widths. Batch 32. */
static void shape(iv_config *c, int k)
{
	static const unsigned odd[] = { 37, 100, 63, 100, 17 };
	if (k == 2) {
		tu_config_widths(c, odd, TU_LEN(odd));
	} else {
		iv_config_defaults(c);
		c->width = k == 0 ? 64 : 100;
		c->depth = 5;
	}
	c->batch = 32;
}

START_TEST(equal_weights_give_one_distinct_neuron)
{
	/* given a symmetric init, an activation and a shape */
	iv_config c;
	shape(&c, _i % 3);
	c.init = symmetric[_i / 3].init;
	c.act = symmetric[_i / 3].act;
	c.bias = 0.2;
	/* when run */
	iv_net *net = make(&c);
	/* then every layer has exactly one distinct neuron */
	for (size_t l = 1; l <= c.depth; l++)
		ck_assert_msg(iv_net_layer(net, l)->distinct_neurons == 1,
		              "%s %s shape %d layer %zu: %zu distinct",
		              iv_init_name(c.init), iv_act_name(c.act), _i % 3, l,
		              iv_net_layer(net, l)->distinct_neurons);
	iv_net_free(net);
}
END_TEST

static const struct {
	iv_init_kind init;
	iv_act_kind act;
	double bias_std;
} asymmetric[] = {
	{ IV_INIT_XAVIER_NORMAL, IV_ACT_TANH, 0 },
	{ IV_INIT_HE_NORMAL, IV_ACT_RELU, 0 },
	{ IV_INIT_ORTHOGONAL, IV_ACT_TANH, 0 },
	{ IV_INIT_LECUN_UNIFORM, IV_ACT_SELU, 0 },
	/* random biases break symmetry (a small constant: tanh must not
	 * saturate to exactly +-1, which would make units equal again) */
	{ IV_INIT_CONSTANT, IV_ACT_TANH, 0.5 },
};

START_TEST(random_weights_give_all_neurons)
{
	iv_config c;
	shape(&c, _i % 3);
	c.init = asymmetric[_i / 3].init;
	c.act = asymmetric[_i / 3].act;
	c.bias_std = asymmetric[_i / 3].bias_std;
	c.value = 0.02;
	iv_net *net = make(&c);
	/* then all units differ, except dead ReLUs (all zero) count once */
	for (size_t l = 1; l <= c.depth; l++) {
		const iv_layer_stats *s = iv_net_layer(net, l);
		size_t dead = s->dead_units;
		ck_assert_msg(s->distinct_neurons ==
		              iv_config_units(&c, l) - dead + (dead > 0),
		              "%s layer %zu: %zu distinct, %zu dead",
		              iv_init_name(c.init), l, s->distinct_neurons, dead);
		ck_assert(c.act == IV_ACT_RELU || dead == 0);
	}
	iv_net_free(net);
}
END_TEST

static void base_config(iv_config *c)
{
	iv_config_defaults(c);
	c->width = 48;
	c->depth = 4;
	c->batch = 16;
}

START_TEST(same_config_same_numbers)
{
	/* given two nets from one config, then bit-identical statistics */
	iv_config c;
	base_config(&c);
	iv_net *a = make(&c), *b = make(&c);
	for (size_t l = 1; l <= c.depth; l++)
		same_stats(iv_net_layer(a, l), iv_net_layer(b, l));
	/* given another seed, then other weights */
	c.seed = 2;
	iv_net *d = make(&c);
	ck_assert(iv_net_layer(a, 1)->q[IV_Q_WEIGHTS].mean !=
	          iv_net_layer(d, 1)->q[IV_Q_WEIGHTS].mean);
	ck_assert(iv_net_layer(a, 1)->q[IV_Q_PREACT].std !=
	          iv_net_layer(d, 1)->q[IV_Q_PREACT].std);
	iv_net_free(a);
	iv_net_free(b);
	iv_net_free(d);
}
END_TEST

static int same_weights(const iv_net *a, const iv_net *b, size_t l)
{
	size_t r, k, r2, k2;
	const double *x = iv_net_data(a, l, IV_Q_WEIGHTS, &r, &k);
	const double *y = iv_net_data(b, l, IV_Q_WEIGHTS, &r2, &k2);
	return r == r2 && k == k2 && !memcmp(x, y, r * k * sizeof *x);
}

START_TEST(weights_come_from_per_layer_streams)
{
	/* given a change of activation, input kind, batch or depth */
	iv_config c;
	base_config(&c);
	iv_net *a = make(&c);
	for (int change = 0; change < 4; change++) {
		iv_config d = c;
		if (change == 0)
			d.act = IV_ACT_RELU;
		else if (change == 1)
			d.input = IV_INPUT_POSITIVE;
		else if (change == 2)
			d.batch = 3;
		else
			d.depth = 7;
		iv_net *b = make(&d);
		/* then layers 1..4 keep their weights */
		for (size_t l = 1; l <= c.depth; l++)
			ck_assert_msg(same_weights(a, b, l), "change %d layer %zu",
			              change, l);
		iv_net_free(b);
	}
	iv_net_free(a);
}
END_TEST

#ifdef __linux__
/* Resident bytes of this process (/proc/self/statm). */
static double resident(void)
{
	FILE *f = fopen("/proc/self/statm", "r");
	unsigned long size = 0, pages = 0;
	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(fscanf(f, "%lu %lu", &size, &pages), 2);
	fclose(f);
	return (double)pages * (double)sysconf(_SC_PAGESIZE);
}

START_TEST(arrays_are_brought_in_when_asked)
{
	/* given a kernel that fills pages on request (Linux 5.14 on) and a
	 * network of about 48 MiB of arrays */
	void *probe = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
			   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ck_assert(probe != MAP_FAILED);
	int can = madvise(probe, 4096, 23 /* MADV_POPULATE_WRITE */) == 0;
	munmap(probe, 4096);
	if (!can)
		return;
	iv_config c;
	iv_config_defaults(&c);
	c.width = 512;
	c.depth = 8;
	c.batch = 512;
	double arrays = 8.0 * 8 * (512.0 * 512 * 3);
	/* when it is allocated, then asked to bring its pages in */
	double before = resident();
	iv_status st;
	iv_net *net = iv_net_alloc(&c, &st);
	ck_assert_ptr_nonnull(net);
	double allocated = resident() - before;
	iv_net_populate(net);
	double grown = resident() - before;
	/* then allocating alone left them out (the view's steps write them
	 * a few at a time), and asking brought them in: the passes of a
	 * run take no page faults (docs/performance.md) */
	ck_assert_msg(allocated < 0.5 * arrays, "%.1f MiB in at allocation",
		      allocated / 1048576);
	ck_assert_msg(grown >= 0.95 * arrays, "%.1f MiB of %.1f MiB in",
		      grown / 1048576, arrays / 1048576);
	/* and the numbers are those of a network that was not asked */
	ck_assert_int_eq(iv_net_run(net), IV_OK);
	iv_net *other = iv_net_alloc(&c, &st);
	ck_assert_ptr_nonnull(other);
	ck_assert_int_eq(iv_net_run(other), IV_OK);
	same_nets(net, other, "populate");
	iv_net_free(other);
	iv_net_free(net);
}
END_TEST
#endif

struct ticks {
	size_t n;
	double last;
	bool rising;
};

static void count_tick(void *ctx, double frac)
{
	struct ticks *t = ctx;
	t->rising = t->rising && frac > t->last && frac <= 1;
	t->last = frac;
	t->n++;
}

START_TEST(a_ticking_run_reports_each_layer_pass)
{
	/* given a network of 5 layers, when run with a tick, then it ticks
	 * after each layer's forward and backward pass but the last (which
	 * ends the run), at rising fractions from 1/10 to 9/10, and gives
	 * the numbers of a plain run */
	iv_config c;
	iv_config_defaults(&c);
	c.depth = 5;
	c.width = 48;
	c.batch = 32;
	iv_status st;
	iv_net *a = iv_net_alloc(&c, &st), *b = iv_net_alloc(&c, &st);
	ck_assert(a && b);
	struct ticks t = {0, 0, true};
	ck_assert_int_eq(iv_net_run_ticking(a, count_tick, &t), IV_OK);
	ck_assert_int_eq(iv_net_run(b), IV_OK);
	ck_assert_uint_eq(t.n, 2 * c.depth - 1);
	ck_assert(t.rising);
	ck_assert_double_eq_tol(t.last, 0.9, 1e-12);
	same_nets(a, b, "ticking");
	iv_net_free(a);
	iv_net_free(b);
}
END_TEST

Suite *suite(void)
{
	Suite *s = tu_suite("net");
	TCase *tc = tcase_create("net");
	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, gradients_match_finite_differences, 0,
	                    IV_ACT_COUNT);
	tcase_add_loop_test(tc, retaining_gradients_changes_nothing, 0,
	                    IV_ACT_COUNT);
	tcase_add_loop_test(tc, forward_is_the_plain_product, 0, IV_ACT_COUNT);
	tcase_add_loop_test(tc, equal_weights_give_one_distinct_neuron, 0,
	                    3 * TU_LEN(symmetric));
	tcase_add_loop_test(tc, random_weights_give_all_neurons, 0,
	                    3 * TU_LEN(asymmetric));
	tcase_add_test(tc, same_config_same_numbers);
	tcase_add_test(tc, weights_come_from_per_layer_streams);
	tcase_add_test(tc, a_ticking_run_reports_each_layer_pass);
#ifdef __linux__
	tcase_add_test(tc, arrays_are_brought_in_when_asked);
#endif
	suite_add_tcase(s, tc);
	suite_add_tcase(s, net_limits_tcase());
	suite_add_tcase(s, net_steps_tcase());
	return s;
}
