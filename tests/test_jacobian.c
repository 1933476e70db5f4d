/* SPDX-License-Identifier: MIT */
/* Jacobian spectrum: flat for orthogonal linear nets, spread for Gaussian
 * ones, and its Frobenius norm equal to an independently built Jacobian. */
#include <check.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <initviz/act.h>
#include <initviz/jacobian.h>
#include "check_main.h"

static iv_net *run_net(iv_init_kind init, iv_act_kind act, double gain,
                       size_t width, size_t depth)
{
	iv_config cfg;
	iv_status st;
	iv_config_defaults(&cfg);
	cfg.init = init;
	cfg.act = act;
	cfg.gain = gain;
	cfg.width = width;
	cfg.depth = depth;
	cfg.batch = 8;
	iv_net *net = iv_net_alloc(&cfg, &st);
	ck_assert_ptr_nonnull(net);
	ck_assert_int_eq(iv_net_run(net), IV_OK);
	return net;
}

START_TEST(orthogonal_linear_is_exactly_flat)
{
	double gain = 0.9 + 0.1 * _i;
	iv_net *net = run_net(IV_INIT_ORTHOGONAL, IV_ACT_LINEAR, gain, 64, 5);
	iv_spectrum s;
	ck_assert_int_eq(iv_jacobian_spectrum(net, 0, &s), IV_OK);
	ck_assert_uint_eq(s.count, 64);
	for (size_t i = 0; i < s.count; i++)
		ck_assert_double_eq_tol(s.sv[i], pow(gain, 5), 1e-10);
	iv_spectrum_done(&s);
	iv_net_free(net);
}
END_TEST

START_TEST(gaussian_linear_spreads)
{
	/* E[mean sv^2] = 1 for LeCun; the product of 10 Gaussian matrices has
	 * a wide spectrum (max/min far apart), unlike the orthogonal one */
	iv_net *net = run_net(IV_INIT_LECUN_NORMAL, IV_ACT_LINEAR, 1, 128, 10);
	iv_spectrum s;
	ck_assert_int_eq(iv_jacobian_spectrum(net, 0, &s), IV_OK);
	ck_assert_double_eq_tol(s.mean_square, 1.0, 0.35);
	ck_assert(s.max > 3.0);
	ck_assert(s.min < 0.05);
	for (size_t i = 1; i < s.count; i++)
		ck_assert(s.sv[i] <= s.sv[i - 1]);
	iv_spectrum_done(&s);
	iv_net_free(net);
}
END_TEST

/* J built entry by entry from W and z, its squared Frobenius norm against
 * the sum of squared singular values. */
START_TEST(frobenius_matches_explicit_jacobian)
{
	const size_t n = 7, L = 3, sample = 2;
	iv_net *net = run_net(IV_INIT_XAVIER_NORMAL, IV_ACT_TANH, 1.5, n, L);
	double J[7][7], T[7][7];
	memset(J, 0, sizeof J);
	for (size_t i = 0; i < n; i++)
		J[i][i] = 1;
	for (size_t l = 1; l <= L; l++) {
		const double *W = iv_net_data(net, l, IV_Q_WEIGHTS, NULL, NULL);
		const double *Z = iv_net_data(net, l, IV_Q_PREACT, NULL, NULL);
		for (size_t i = 0; i < n; i++)
			for (size_t j = 0; j < n; j++) {
				double s = 0;
				for (size_t k = 0; k < n; k++)
					s += W[i * n + k] * J[k][j];
				double d = 1 - pow(tanh(Z[sample * n + i]), 2);
				T[i][j] = d * s;
			}
		memcpy(J, T, sizeof J);
	}
	double fro = 0;
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < n; j++)
			fro += J[i][j] * J[i][j];
	iv_spectrum s;
	ck_assert_int_eq(iv_jacobian_spectrum(net, sample, &s), IV_OK);
	ck_assert_double_eq_tol(s.mean_square * (double)s.count, fro,
	                        1e-12 * fro);
	iv_spectrum_done(&s);
	iv_net_free(net);
}
END_TEST

START_TEST(refuses_what_it_cannot_do)
{
	iv_net *net = run_net(IV_INIT_NORMAL, IV_ACT_LINEAR, 1, 16, 2);
	iv_spectrum s;
	ck_assert_int_eq(iv_jacobian_spectrum(net, 8, &s), IV_EINVAL);
	iv_net_free(net);
	net = run_net(IV_INIT_NORMAL, IV_ACT_LINEAR, 1, 16, 2);
	iv_net_restart(net); /* forward not done */
	ck_assert_int_eq(iv_jacobian_spectrum(net, 0, &s), IV_EINVAL);
	iv_net_free(net);
}
END_TEST

Suite *suite(void)
{
	Suite *s = suite_create("jacobian");
	TCase *tc = tcase_create("spectrum");
	tcase_add_loop_test(tc, orthogonal_linear_is_exactly_flat, 0, 3);
	tcase_add_test(tc, gaussian_linear_spreads);
	tcase_add_test(tc, frobenius_matches_explicit_jacobian);
	tcase_add_test(tc, refuses_what_it_cannot_do);
	suite_add_tcase(s, tc);
	return s;
}
