/* SPDX-License-Identifier: MIT */
/* Activation functions and exact derivatives; NaN in gives NaN out. */
#include <math.h>
#include <initviz/act.h>

static inline double sigmoid(double x)
{
	/* exp of a non-positive number only: no overflow */
	if (x >= 0)
		return 1.0 / (1.0 + exp(-x));
	double e = exp(x);
	return e / (1.0 + e);
}

/* log(1 + e^x) without overflow for large x or cancellation for small. */
static inline double softplus(double x)
{
	return x > 0 ? x + log1p(exp(-x)) : log1p(exp(x));
}

/* sigmoid'(x) = s (1 - s) without the cancellation of 1 - s for x >> 0. */
static inline double dsigmoid(double x)
{
	double e = exp(-fabs(x));
	return e / ((1.0 + e) * (1.0 + e));
}

/* Standard normal cdf and density. */
static inline double ncdf(double x) { return 0.5 * erfc(-x * M_SQRT1_2); }
static inline double npdf(double x)
{
	return exp(-0.5 * x * x) * (M_2_SQRTPI * M_SQRT1_2 * 0.5);
}

static inline double act(iv_act_kind k, double a, double x)
{
	switch (k) {
	case IV_ACT_LINEAR: return x;
	case IV_ACT_RELU: return x > 0 ? x : (x <= 0 ? 0.0 : x);
	case IV_ACT_LEAKY_RELU: return x > 0 ? x : a * x;
	case IV_ACT_TANH: return tanh(x);
	case IV_ACT_SIGMOID: return sigmoid(x);
	case IV_ACT_ELU: return x > 0 ? x : expm1(x);
	case IV_ACT_SELU:
		return IV_SELU_LAMBDA * (x > 0 ? x : IV_SELU_ALPHA * expm1(x));
	case IV_ACT_GELU: return isinf(x) ? (x > 0 ? x : 0.0) : x * ncdf(x);
	case IV_ACT_SILU: return isinf(x) ? (x > 0 ? x : 0.0) : x * sigmoid(x);
	case IV_ACT_SOFTPLUS: return softplus(x);
	default: return NAN;
	}
}

static inline double deriv(iv_act_kind k, double a, double x)
{
	if (isnan(x))
		return x;
	switch (k) {
	case IV_ACT_LINEAR: return 1.0;
	case IV_ACT_RELU: return x > 0 ? 1.0 : 0.0;
	case IV_ACT_LEAKY_RELU: return x > 0 ? 1.0 : a;
	case IV_ACT_TANH: {
		double c = 1.0 / cosh(x); /* 1 - tanh^2 cancels for |x| >> 0 */
		return c * c;
	}
	case IV_ACT_SIGMOID: return dsigmoid(x);
	case IV_ACT_ELU: return x > 0 ? 1.0 : exp(x);
	case IV_ACT_SELU:
		return IV_SELU_LAMBDA * (x > 0 ? 1.0 : IV_SELU_ALPHA * exp(x));
	case IV_ACT_GELU:
		if (isinf(x))
			return x > 0 ? 1.0 : 0.0;
		return ncdf(x) + x * npdf(x);
	case IV_ACT_SILU: {
		if (isinf(x))
			return x > 0 ? 1.0 : 0.0;
		return sigmoid(x) + x * dsigmoid(x);
	}
	case IV_ACT_SOFTPLUS: return sigmoid(x);
	default: return NAN;
	}
}

double iv_act(iv_act_kind k, double slope, double x)
{
	return act(k, slope, x);
}

double iv_act_deriv(iv_act_kind k, double slope, double x)
{
	return deriv(k, slope, x);
}

void iv_act_apply(iv_act_kind k, double slope, const double *x, double *y,
                  size_t n)
{
	switch (k) { /* one loop per kind so the compiler can vectorise */
	case IV_ACT_LINEAR:
		for (size_t i = 0; i < n; i++)
			y[i] = x[i];
		break;
	case IV_ACT_RELU:
		for (size_t i = 0; i < n; i++)
			y[i] = act(IV_ACT_RELU, slope, x[i]);
		break;
	case IV_ACT_TANH:
		for (size_t i = 0; i < n; i++)
			y[i] = tanh(x[i]);
		break;
	default:
		for (size_t i = 0; i < n; i++)
			y[i] = act(k, slope, x[i]);
		break;
	}
}

void iv_act_backprop(iv_act_kind k, double slope, const double *z,
                     const double *g, double *y, size_t n)
{
	switch (k) {
	case IV_ACT_RELU:
		for (size_t i = 0; i < n; i++)
			y[i] = isnan(z[i]) ? z[i] : (z[i] > 0 ? g[i] : 0.0 * g[i]);
		break;
	default:
		for (size_t i = 0; i < n; i++)
			y[i] = g[i] * deriv(k, slope, z[i]);
		break;
	}
}
