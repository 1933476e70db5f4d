/* SPDX-License-Identifier: MIT */
/* Names of schemes, activations, modes and inputs, read from the X-macro lists.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <initviz/tables.h>

struct init_row {
	const char *name;
	bool std, gain, mode;
};

static const struct init_row init_rows[] = {
#define IV_X(e, n, s, g, m) [e] = {n, s, g, m},
    IV_INIT_LIST(IV_X)
#undef IV_X
};

struct act_row {
	const char *name;
	double sat_lo, sat_hi;
	const char *torch_utf8, *torch_ascii;
	int tour;
	bool slope, dies;
};

static const struct act_row act_rows[] = {
#define IV_X(e, n, sl, lo, hi, d, g, tu, ta, t)                                \
	[e] = {.name = n,                                                      \
	       .slope = sl,                                                    \
	       .dies = d,                                                      \
	       .sat_lo = lo,                                                   \
	       .sat_hi = hi,                                                   \
	       .torch_utf8 = tu,                                               \
	       .torch_ascii = ta,                                              \
	       .tour = t},
    IV_ACT_LIST(IV_X)
#undef IV_X
};

/* The names alone, for the parser. */
static const char *const act_names[] = {
#define IV_X(e, n, sl, lo, hi, d, g, tu, ta, t) [e] = n,
    IV_ACT_LIST(IV_X)
#undef IV_X
};

static const char *const mode_names[] = {
#define IV_X(e, n) [e] = n,
    IV_MODE_LIST(IV_X)
#undef IV_X
};

static const char *const input_names[] = {
#define IV_X(e, n) [e] = n,
    IV_INPUT_LIST(IV_X)
#undef IV_X
};

static const char *const norm_names[] = {
#define IV_X(e, n) [e] = n,
    IV_NORM_LIST(IV_X)
#undef IV_X
};

static int find(const char *const *names, size_t stride, size_t count,
		const char *s)
{
	for (size_t i = 0; i < count; i++) {
		const char *n =
		    *(const char *const *)((const char *)names + i * stride);
		if (strcmp(n, s) == 0)
			return (int)i;
	}
	return -1;
}

const char *iv_init_name(iv_init_kind k)
{
	return (unsigned)k < IV_INIT_COUNT ? init_rows[k].name : NULL;
}

const char *iv_act_name(iv_act_kind k)
{
	return (unsigned)k < IV_ACT_COUNT ? act_names[k] : NULL;
}

const char *iv_mode_name(iv_fan_mode k)
{
	return (unsigned)k < IV_MODE_COUNT ? mode_names[k] : NULL;
}

const char *iv_input_name(iv_input_kind k)
{
	return (unsigned)k < IV_INPUT_COUNT ? input_names[k] : NULL;
}

const char *iv_norm_name(iv_norm_kind k)
{
	return (unsigned)k < IV_NORM_COUNT ? norm_names[k] : NULL;
}

bool iv_init_parse(const char *s, iv_init_kind *out)
{
	char buf[32];
	if (!s)
		return false;
	/* glorot-* is xavier-*, kaiming-* is he-* */
	if (strncmp(s, "glorot-", 7) == 0 && strlen(s) < 20) {
		snprintf(buf, sizeof buf, "xavier-%s", s + 7);
		s = buf;
	} else if (strncmp(s, "kaiming-", 8) == 0 && strlen(s) < 20) {
		snprintf(buf, sizeof buf, "he-%s", s + 8);
		s = buf;
	}
	int i = find(&init_rows[0].name, sizeof init_rows[0], IV_INIT_COUNT, s);
	if (i < 0)
		return false;
	*out = (iv_init_kind)i;
	return true;
}

#define PARSER(fn, type, names, count)                                         \
	bool fn(const char *s, type *out)                                      \
	{                                                                      \
		int i = s ? find(names, sizeof names[0], count, s) : -1;       \
		if (i < 0)                                                     \
			return false;                                          \
		*out = (type)i;                                                \
		return true;                                                   \
	}

PARSER(iv_act_parse, iv_act_kind, act_names, IV_ACT_COUNT)
PARSER(iv_mode_parse, iv_fan_mode, mode_names, IV_MODE_COUNT)
PARSER(iv_input_parse, iv_input_kind, input_names, IV_INPUT_COUNT)
PARSER(iv_norm_parse, iv_norm_kind, norm_names, IV_NORM_COUNT)

bool iv_init_uses_std(iv_init_kind k)
{
	return (unsigned)k < IV_INIT_COUNT && init_rows[k].std;
}

bool iv_init_uses_gain(iv_init_kind k)
{
	return (unsigned)k < IV_INIT_COUNT && init_rows[k].gain;
}

bool iv_init_uses_mode(iv_init_kind k)
{
	return (unsigned)k < IV_INIT_COUNT && init_rows[k].mode;
}

bool iv_init_is_preset(iv_init_kind k)
{
	return k >= IV_INIT_TORCH_LINEAR && k < IV_INIT_COUNT;
}

bool iv_act_uses_slope(iv_act_kind k)
{
	return (unsigned)k < IV_ACT_COUNT && act_rows[k].slope;
}

bool iv_act_saturates(iv_act_kind k)
{
	return (unsigned)k < IV_ACT_COUNT && isfinite(act_rows[k].sat_hi);
}

void iv_act_band(iv_act_kind k, double *lo, double *hi)
{
	bool ok = (unsigned)k < IV_ACT_COUNT;
	*lo = ok ? act_rows[k].sat_lo : -INFINITY;
	*hi = ok ? act_rows[k].sat_hi : INFINITY;
}

bool iv_act_saturated(iv_act_kind k, double h)
{
	double lo, hi;
	iv_act_band(k, &lo, &hi);
	return h < lo || h > hi;
}

bool iv_act_dies(iv_act_kind k)
{
	return (unsigned)k < IV_ACT_COUNT && act_rows[k].dies;
}

double iv_act_torch_gain(iv_act_kind k, double s)
{
	/* rows may share a gain: the same branch twice is meant */
	/* NOLINTBEGIN(bugprone-branch-clone) */
	switch (k) {
#define IV_X(e, n, sl, lo, hi, d, g, tu, ta, t)                                \
	case e: return g;
		IV_ACT_LIST(IV_X)
#undef IV_X
	default: return NAN;
	}
	/* NOLINTEND(bugprone-branch-clone) */
}

const char *iv_act_torch_text(iv_act_kind k, bool utf8)
{
	if ((unsigned)k >= IV_ACT_COUNT)
		return "";
	return utf8 ? act_rows[k].torch_utf8 : act_rows[k].torch_ascii;
}

iv_act_kind iv_act_tour(iv_act_kind k, int dir)
{
	int at = (unsigned)k < IV_ACT_COUNT ? act_rows[k].tour : 0;
	int to = ((at + dir) % IV_ACT_COUNT + IV_ACT_COUNT) % IV_ACT_COUNT;
	for (int i = 0; i < IV_ACT_COUNT; i++)
		if (act_rows[i].tour == to)
			return (iv_act_kind)i;
	return k;
}
