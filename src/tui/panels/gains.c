/* SPDX-License-Identifier: MIT */
/* The gain calculator: PyTorch's calculate_gain, the gain for q* = 1, the
 * critical gain and the setting shown, each with q*, chi1 and both depth
 * scales, and what sets them apart in plain words. Its rows are found
 * between key reads. */
#include <float.h>
#include <math.h>
#include <stdio.h>
#include "tui/panel.h"
#include "tui/put.h"
#include "util/number.h"
#include "view/calls.h"
#include "view/gains.h"

#define WORD_W 11 /* "exploding" */

/* Columns of the table: the label, then as many numbers as fit with a
 * label of at least LABEL_MIN (sigma_w, chi1 and q* always; sigma_w^2
 * goes first, then from the right). */
#define LABEL_MIN 28
#define NCOLS     6
enum { C_SW, C_SW2, C_CHI, C_Q, C_XIG, C_XIC };
typedef struct tcols {
	int label_w, num_w, n;
	int col[NCOLS]; /* which quantity each shown column holds */
} tcols;

static tcols columns(const tui_app *app)
{
	tcols c = {.num_w = app->layout.cols >= 100 ? 9 : 8, .n = NCOLS};
	c.label_w = app->layout.cols - 1 - c.n * c.num_w - WORD_W;
	while (c.label_w < LABEL_MIN && c.n > 3) {
		c.n--;
		c.label_w += c.num_w;
	}
	for (int i = 0, k = 0; i < c.n; i++, k++)
		c.col[i] = k == C_SW2 && c.n < NCOLS ? ++k : k;
	if (c.label_w > 44)
		c.label_w = 44;
	return c;
}

static void header(const tui_app *app, int y)
{
	const tui_glyphs *g = app->gl;
	const char *names[NCOLS] = {g->sw, g->sw2, g->chi,
				    "q*",  g->xig, g->xic};
	tcols c = columns(app);
	int x = c.label_w;
	for (int i = 0; i < c.n; i++)
		tui_put_right(y, x + (i + 1) * c.num_w, x, TUI_E_TITLE,
			      names[c.col[i]]);
	tui_put(y, x + c.n * c.num_w + 2, app->layout.cols, TUI_E_TITLE,
		"phase");
}

/* A number below a double's normal range from its base-10 logarithm, in
 * at most w columns as the most digits allow: "7.81e-340", "8e-340". */
static void tiny_fit(double l10, int w, char *b, size_t size)
{
	for (int d = 3; d >= 1; d--)
		if (tui_text_width(iv_pow10_text(b, size, l10, d)) <= w)
			return;
}

/* A row: its label, or brief (when not NULL) where the label and extra do
 * not fit (numbers without a name are left unexplained), extra (when not
 * "") after a blank if it fits whole, the numbers, the phase. */
static void row(const tui_app *app, int y, const char *label,
		const char *brief, const char *extra, double gain,
		const iv_criticality *k)
{
	char b[32];
	tcols c = columns(app);
	int x = c.label_w;
	if (brief && tui_text_width(label) + (extra[0] ? 1 : 0) +
			     tui_text_width(extra) >
			 x - 2)
		label = brief;
	double v[NCOLS] = {gain, gain * gain,    k->chi1,
			   NAN,  k->depth_scale, k->depth_scale_correlation};
	tui_line l;
	tui_line_init(&l);
	tui_line_field(&l, 0, 0);
	tui_line_add(&l, TUI_E_LABEL, label);
	tui_line_field(&l, 1, 1);
	tui_line_add(&l, TUI_E_LABEL, extra);
	tui_put_fit(y, 1, x - 1, &l);
	if (isnan(gain)) {
		tui_put_right(y, x + c.num_w, x, TUI_E_VALUE, "none");
		return;
	}
	for (int i = 0; i < c.n; i++) { /* each number whole, or none */
		const char *s = b;
		tui_glyphs_fit(app->gl, v[c.col[i]], c.num_w - 1, b, sizeof b);
		if (c.col[i] == C_SW2 && isinf(v[C_SW2])) /* not infinite */
			tui_theory_var_text(v[C_SW2], b, sizeof b);
		/* below a double's range: from the logarithm, not 0 */
		if (c.col[i] == C_SW2 && v[C_SW2] < DBL_MIN &&
		    isfinite(k->log10_sigma_w2))
			tiny_fit(k->log10_sigma_w2, c.num_w - 1, b, sizeof b);
		if (c.col[i] == C_CHI && v[C_CHI] < DBL_MIN &&
		    isfinite(k->log10_chi1))
			tiny_fit(k->log10_chi1, c.num_w - 1, b, sizeof b);
		if (c.col[i] == C_Q) { /* the word where there is no q* */
			tui_theory_q_text(app->gl, k, b, sizeof b);
			if (k->kind == IV_FIXED_STABLE && isfinite(k->q_star))
				tui_glyphs_fit(app->gl, k->q_star, c.num_w - 1,
					       b, sizeof b);
			else if (tui_text_width(b) > c.num_w - 1)
				s = k->kind == IV_FIXED_DIVERGES
					? app->gl->infinity
					: "";
		}
		tui_put_right(y, x + (i + 1) * c.num_w, x + i * c.num_w + 1,
			      TUI_E_NORMAL, s);
	}
	tui_chi_class w = tui_phase_classify(k);
	tui_put(y, x + c.n * c.num_w + 2, app->layout.cols,
		w == TUI_CHI_CRITICAL ? TUI_E_VALUE : TUI_E_NORMAL,
		tui_phase_word(w));
}

/* The table from row y, its rows up to end (a row past it is left out);
 * returns the row after it. With draw false nothing is drawn: the rows it
 * would take, for the layout. */
static int table(const tui_app *app, int y, int end, bool draw)
{
	const tui_gains *g = &app->theory.gains;
	const iv_config *c = &app->model.cfg;
	const tui_glyphs *gl = app->gl;
	char l[128], b[32], e[64];
	const char *f = iv_act_torch_text(g->act, app->gl->utf8);
	if (draw && y < end)
		header(app, y);
	y++;
	if (draw && y < end && f[0])
		row(app, y, "PyTorch calculate_gain:", "PyTorch gain:", f,
		    g->torch.gain, &g->torch.c);
	else if (draw && y < end)
		row(app, y, "PyTorch: none, so 1", NULL, "", g->torch.gain,
		    &g->torch.c);
	y++;
	if (draw && y < end)
		row(app, y, "q* = 1, unit variance", "q* = 1", "",
		    g->unit.gain, &g->unit.c);
	y++;
	snprintf(l, sizeof l, "critical, %s = 1 at %s = 0", gl->chi, gl->sb);
	snprintf(e, sizeof e, "critical at %s = 0", gl->sb);
	if (draw && y < end)
		row(app, y, l, e, g->crit0.jump ? "(jumps)" : "",
		    g->crit0.gain, &g->crit0.c);
	y++;
	if (g->sb2 > 0) {
		snprintf(l, sizeof l, "critical at your %s", gl->sb2);
		snprintf(e, sizeof e, "%s%s",
			 tui_theory_var_text(g->sb2, b, sizeof b),
			 g->critb.jump ? " (jumps)" : "");
		if (draw && y < end)
			row(app, y, l, NULL, e, g->critb.gain, &g->critb.c);
		y++;
	}
	if (tui_theory_applies(c->init) && !c->residual &&
	    c->norm == IV_NORM_NONE) {
		snprintf(l, sizeof l, "yours: %s", iv_init_name(c->init));
		/* std sqrt(fan_in), finite where its square is not */
		if (draw && y < end)
			row(app, y, l, NULL, "",
			    iv_config_weight_std(c, 1) *
				sqrt((double)iv_config_units(c, 0)),
			    &app->theory.pred.crit);
		y++;
	} else if (tui_theory_applies(c->init)) {
		/* the rows are plain layers', as the report's criticality is
		 * (null for blocks and norms): yours gets none */
		bool norm = c->norm != IV_NORM_NONE;
		snprintf(e, sizeof e, "%s%s%s%s",
			 c->residual ? "residual blocks" : "",
			 c->residual && norm ? " and " : "",
			 norm ? iv_norm_name(c->norm) : "", norm ? " norm" : "");
		char t[256];
		snprintf(t, sizeof t,
			 "yours: %s with %s: none of these, which are plain "
			 "layers'; the profile draws its stream",
			 iv_init_name(c->init), e);
		/* whole, or in short where the sentence does not fit; the
		 * layout counts the short one */
		int w = app->layout.cols - 2, n = tui_text_wrap_count(t, w);
		if (!draw || n > end - y) {
			snprintf(t, sizeof t, "yours, with %s: no row", e);
			n = tui_text_wrap_count(t, w);
		}
		if (draw && n <= end - y)
			tui_put_wrap(y, 1, w, n, TUI_E_LABEL, t);
		y += n;
	}
	return y;
}

/* The setting itself: its weight std, the uniform bound with that std,
 * and the PyTorch and Keras calls that draw the same, those that fit
 * whole above end; returns the row after them. */
static int reproduce(const tui_app *app, int y, int end)
{
	const tui_glyphs *g = app->gl;
	const iv_config *c = &app->model.cfg;
	int w = app->layout.cols - 2;
	char a[32], b[32], t[TUI_CALL_LEN + 16];
	tui_calls k;
	tui_calls_of(c, 1, &k);
	tui_line l;
	tui_line_init(&l);
	tui_line_field(&l, 0, 0);
	tui_line_add(&l, TUI_E_LABEL, "yours: weight std ");
	tui_line_add(&l, TUI_E_VALUE, tui_text_number(k.std, a, sizeof a));
	tui_line_addf(&l, TUI_E_LABEL, ", uniform bound %s3%sstd ", g->sqrt,
		      g->utf8 ? "·" : "*");
	tui_line_add(&l, TUI_E_VALUE, tui_text_number(k.bound, b, sizeof b));
	tui_line_field(&l, 1, 0);
	tui_line_addf(&l, TUI_E_LABEL, " (layer 1, fan_in %.0f)", k.fan_in);
	tui_put_fit(y++, 1, w + 1, &l);
	/* each call whole or not at all: a call cut short reads as
	 * another call */
	snprintf(t, sizeof t, "PyTorch  %s", k.torch);
	if (tui_text_wrap_count(t, w) <= end - y)
		y += tui_put_wrap(y, 1, w, end - y, TUI_E_NORMAL, t);
	snprintf(t, sizeof t, "Keras    %s", k.keras);
	if (tui_text_wrap_count(t, w) <= end - y)
		y += tui_put_wrap(y, 1, w, end - y, TUI_E_NORMAL, t);
	return y;
}

/* What the numbers mean. */
static int meaning(const tui_app *app, int y, int rows)
{
	const tui_glyphs *g = app->gl;
	int w = app->layout.cols - 2, used = 0;
	char t[3][400];
	snprintf(t[0], sizeof t[0],
		 "PyTorch's gains look at one layer: 1 keeps the variance of a "
		 "linear layer, %s makes up for the half that relu cuts off, "
		 "and 5/3 (tanh) and 3/4 (selu) are chosen by hand. They say "
		 "nothing about depth.",
		 g->root2);
	snprintf(t[1], sizeof t[1],
		 "q* = 1 asks that the variance of the pre-activations settles "
		 "at 1 however deep: it is the fixed point of q %s %s "
		 "E[%s(%s z)%s] + %s.",
		 app->gl->arrow, g->sw2, g->phi, g->rootq, g->sq, g->sb2);
	snprintf(t[2], sizeof t[2],
		 "Criticality, %s = 1, asks that gradients neither shrink nor "
		 "grow from layer to layer: their depth scale %s = 1/|ln %s| "
		 "becomes infinite. Two inputs' correlation settles over %s "
		 "layers, the same as %s where %s < 1.",
		 g->chi, g->xig, g->chi, g->xic, g->xig, g->chi);
	/* each paragraph whole, the first ones first: one cut short
	 * stops mid-sentence */
	for (int i = 0; i < 3; i++) {
		int n = tui_text_wrap_count(t[i], w);
		if (n > rows - used)
			break;
		used += tui_put_wrap(y + used, 1, w, n, TUI_E_NORMAL, t[i]) + 1;
	}
	return used;
}

/* What they say for this activation, and where the gain goes. */
static void verdict(const tui_app *app, int y, int rows)
{
	const tui_gains *g = &app->theory.gains;
	const tui_glyphs *gl = app->gl;
	char t[640], a[32], b[32], c[400] = "";
	if (g->crit0.jump)
		snprintf(c, sizeof c,
			 " At %s = 0 %s does not pass through 1: at %s %s the "
			 "variance starts to diverge and %s jumps over 1.",
			 gl->sb, gl->chi, gl->sw,
			 tui_text_number(g->crit0.gain, a, sizeof a), gl->chi);
	char u[128];
	if (isnan(g->unit.gain)) /* no sigma_w gives q* = 1 */
		snprintf(u, sizeof u, "no gain gives q* = 1");
	else
		snprintf(u, sizeof u, "q* = 1 gives %s %s (%s)", gl->chi,
			 tui_glyphs_number(gl, g->unit.c.chi1, b, sizeof b),
			 tui_phase_word(tui_phase_classify(&g->unit.c)));
	size_t n = (size_t)snprintf(
	    t, sizeof t, "For %s, PyTorch's gain gives %s %s (%s), %s.%s",
	    iv_act_name(g->act), gl->chi,
	    tui_glyphs_number(gl, g->torch.c.chi1, a, sizeof a),
	    tui_phase_word(tui_phase_classify(&g->torch.c)), u, c);
	snprintf(t + n, sizeof t - n,
		 " In initviz the gain is %s for lecun-* and for xavier-* on "
		 "square layers; he-* has %s built in (gain = %s/%s).",
		 gl->sw, gl->root2, gl->sw, gl->root2);
	if (tui_text_wrap_count(t, app->layout.cols - 2) <= rows) /* whole */
		tui_put_wrap(y, 1, app->layout.cols - 2, rows, TUI_E_LABEL, t);
}

static void draw(const tui_app *app, tui_rect r)
{
	int y = r.y, h = r.h;
	const tui_theory *t = &app->theory;
	int cols = r.w;
	char b[32];
	const tui_glyphs *g = app->gl;
	tui_line l;
	tui_line_init(&l);
	tui_line_field(&l, 0, 0);
	tui_line_addf(
	    &l, TUI_E_TITLE, "gain calculator for %s at %s %s",
	    iv_act_name(app->model.cfg.act), g->sb2,
	    tui_theory_var_text(iv_theory_sigma_b2(&app->model.cfg), b,
				sizeof b));
	tui_line_field(&l, 1, 3);
	tui_line_addf(&l, TUI_E_TITLE, "(%s = weight std times %s(fan_in))",
		      g->sw, g->sqrt);
	tui_put_fit(y, 0, cols, &l);
	tui_line k; /* the keys, each whole or left out, the way back first */
	tui_line_init(&k);
	tui_line_field(&k, 0, 0);
	tui_line_add(&k, TUI_E_LABEL, "G or Esc: back");
	tui_line_field(&k, 1, 3);
	tui_line_add(&k, TUI_E_LABEL, "a: activation");
	tui_line_field(&k, 1, 3);
	tui_line_add(&k, TUI_E_LABEL, "P: phase diagram");
	tui_line_field(&k, 2, 1);
	tui_line_add(&k, TUI_E_LABEL, "(sets the gain with the arrows)");
	tui_put_fit(y + h - 1, 0, cols, &k);
	if (!t->th || !tui_gains_fresh(t, &app->model.cfg)) {
		tui_put(y + 2, 1, cols, TUI_E_AXIS,
			t->th ? "finding the critical gain" : "out of memory");
		return;
	}
	int end = y + h - 2;
	/* the table first: the calls above it get the rows it leaves */
	int need = table(app, 0, 0, false) + 1;
	int next = reproduce(app, y + 2, end - need) + 1;
	next = table(app, next, end, true) + 1;
	next += meaning(app, next, end - next);
	if (next < end)
		verdict(app, next, end - next);
}

static bool run(tui_app *app, double budget)
{
	(void)budget; /* a few root searches: short */
	return app->theory.th &&
	       tui_gains_update(&app->theory, &app->model.cfg);
}

static bool busy(const tui_app *app)
{
	return app->theory.th &&
	       !tui_gains_fresh(&app->theory, &app->model.cfg);
}

const tui_panel_ops tui_panel_gains = {
    .name = "gains",
    .slot = TUI_SLOT_COVER,
    .key = TUI_A_GAINS,
    .run = run,
    .busy = busy,
    .draw = draw,
};
