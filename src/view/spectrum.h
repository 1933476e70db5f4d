/* SPDX-License-Identifier: MIT */
/* The Jacobian spectrum without curses: one network's singular values,
 * kept until the network changes, a cost estimate for the (blocking) SVD,
 * histogram bins and a sentence comparing the spectrum with isometry.
 *
 * Call order: tui_spectrum_init; tui_spectrum_update(s, net, gen) once every
 * layer's forward pass is done (it computes only for a new gen);
 * tui_spectrum_done at the end. */
#ifndef IV_VIEW_SPECTRUM_H
#define IV_VIEW_SPECTRUM_H

#include <stdbool.h>
#include <stddef.h>
#include <initviz/jacobian.h>
#include <initviz/net.h>

/* Values below max * 10^-TUI_SPECTRUM_DECADES are zero as far as the SVD
 * can tell (its error is about 1e-16 max): the log axis stops there. */
#define TUI_SPECTRUM_DECADES 12
/* Larger estimates wait for the user to ask (Enter). */
#define TUI_SPECTRUM_AUTO_SECONDS 1.0

/* Where the spectrum of the network shown stands, one answer for the work,
 * the waiting and the drawing. */
typedef enum {
	TUI_SPEC_HAVE,      /* computed: draw it */
	TUI_SPEC_TOO_WIDE,  /* a layer is wider than IV_JACOBIAN_WIDTH_MAX */
	TUI_SPEC_BATCH,     /* batch norm: no Jacobian of one input alone */
	TUI_SPEC_NONFINITE, /* the Jacobian has NaN or Inf entries */
	TUI_SPEC_FAILED,    /* another error (st says which) */
	TUI_SPEC_FORWARD,   /* waits for the forward pass */
	TUI_SPEC_ASK,       /* the SVD would block long: waits for Enter */
	TUI_SPEC_DUE,       /* to compute now */
} tui_spec_state;

typedef struct tui_spectrum {
	bool have;      /* a result (or a refusal) for gen */
	unsigned gen;   /* the network it belongs to */
	iv_status st;   /* IV_OK, or why there is no spectrum */
	iv_spectrum s;  /* the singular values when st is IV_OK */
	double seconds; /* the computation took */
	unsigned asked; /* gen + 1 when the user asked despite the cost */
	unsigned shown; /* gen + 1 once a frame said "computing": the SVD
			   blocks the loop, so it starts after that frame */
} tui_spectrum;

void tui_spectrum_init(tui_spectrum *s);
void tui_spectrum_done(tui_spectrum *s);

/* The widest layer (input included) of cfg. */
size_t tui_spectrum_width(const iv_config *cfg);
/* Seconds the Jacobian and its SVD are expected to take for cfg. */
double tui_spectrum_estimate(const iv_config *cfg);
/* Whether every layer's forward pass of net is done. */
bool tui_spectrum_ready(const iv_net *net);

/* The state of the spectrum of net (generation gen, configuration cfg;
 * net may be NULL while nothing is computed). */
tui_spec_state tui_spectrum_state(const tui_spectrum *s, const iv_config *cfg,
				  const iv_net *net, unsigned gen);

/* Compute the spectrum of net (sample 0) for gen unless there is one.
 * Returns true when it computed. */
bool tui_spectrum_update(tui_spectrum *s, const iv_net *net, unsigned gen);

/* The x-axis for a spectrum: log10 when every value is positive and they
 * span more than a factor 20, else linear from 0. The range always holds 1
 * (isometry) and reaches down at most TUI_SPECTRUM_DECADES below the max.
 * Returns whether the axis is logarithmic; *lo and *hi are in log10 units
 * then. */
bool tui_spectrum_axis(const iv_spectrum *s, double *lo, double *hi);
/* How many values are below max * 10^-TUI_SPECTRUM_DECADES. */
size_t tui_spectrum_tiny(const iv_spectrum *s);

/* The mean square as text: "%.3g", or "<1e-300" where it underflowed to
 * 0 while some value is above 0 (a deep narrow network's, 1e-605). */
char *tui_spectrum_ms_text(const iv_spectrum *s, char *buf, size_t size);
/* Counts of the n values in bins equal bins over [lo, hi] (of log10 v when
 * logx); values outside go to the end bins. */
void tui_spectrum_bins(const double *v, size_t n, bool logx, double lo,
		       double hi, size_t bins, double *counts);
/* One or two sentences comparing s with isometry (every value 1).
 * predicted: the mean square the theory gives for this network's
 * Jacobian, NAN when there is none; where the measured one leaves 1 and
 * the theory does not say the same, the note calls it this draw's, with
 * the theory's, not the network's vanishing or exploding. */
void tui_spectrum_note(const iv_spectrum *s, double predicted, char *buf,
		       size_t size);

#endif
