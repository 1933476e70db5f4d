/* SPDX-License-Identifier: MIT */
/* A lesson's claims about the screen, in a form a program can check: what
 * the text says the numbers do, written next to the text (`claim = ...`),
 * evaluated on the numbers the lesson's settings produce.
 *
 * Syntax (words separated by blanks):
 *   claim = [with KEY=VALUE] [after N] QUANTITY [LAYERS] OP BOUND
 *   with KEY=VALUE  one setting changed from the lesson's (a network option
 *                   without "--", e.g. with input=gaussian)
 *   after N         after N training steps at the lesson's rate and readout
 *                   (1 to IV_CLAIM_STEPS_MAX); without it, at step 0
 *   QUANTITY        per layer: h.std h.mean h.min h.max z.std dh.std dz.std
 *                   w.std dw.std (the std, mean, ... of activations h,
 *                   pre-activations z, gradients dL/dh and dL/dz, weights
 *                   and their gradients), h.ratio dh.ratio (layer l's std
 *                   over layer l-1's, from layer 2), sat zero (fractions
 *                   of activations saturated / exactly 0), dead (units),
 *                   distinct (neurons), moved (largest change of a weight
 *                   since step 0); of the network: loss (training loss),
 *                   loss.ratio (loss over the loss at step 0), chi1 (the
 *                   mean-field chi1 of the settings bar; random schemes)
 *   LAYERS          per-layer quantities only: all, K, K-M, K-last, last
 *   OP              < <= > >= ==
 *   BOUND           a decimal number
 * A claim holds when the quantity compares true with the bound in every
 * layer named (NaN never does). Example: claim = dh.std 1-4 == 0 */
#ifndef IV_LESSON_CLAIM_H
#define IV_LESSON_CLAIM_H

#include <stdbool.h>
#include <stddef.h>
#include <initviz/config.h>

#define IV_CLAIM_TEXT 120      /* bytes of a claim's text, NUL included */
#define IV_CLAIM_WITH 64       /* bytes of "KEY=VALUE", NUL included */
#define IV_CLAIM_STEPS_MAX 100000
#define IV_CLAIM_LAST ((size_t)-1) /* "last" as a layer */
#define IV_CLAIM_TRAIN_OUTPUTS 4   /* the readout's size, as the view's */

/* QUANTITY names, in the order of iv_claim_q */
#define IV_CLAIM_Q_LIST(X)                                                     \
	X(H_STD, "h.std") X(H_MEAN, "h.mean") X(H_MIN, "h.min")               \
	X(H_MAX, "h.max") X(Z_STD, "z.std") X(DH_STD, "dh.std")               \
	X(DZ_STD, "dz.std") X(W_STD, "w.std") X(DW_STD, "dw.std")             \
	X(H_RATIO, "h.ratio") X(DH_RATIO, "dh.ratio") X(SAT, "sat")           \
	X(ZERO, "zero") X(DEAD, "dead") X(DISTINCT, "distinct")               \
	X(MOVED, "moved") X(LOSS, "loss") X(LOSS_RATIO, "loss.ratio")        \
	X(CHI1, "chi1")

typedef enum {
#define IV_X(id, name) IV_CLAIM_##id,
	IV_CLAIM_Q_LIST(IV_X)
#undef IV_X
	IV_CLAIM_Q_COUNT
} iv_claim_q;

typedef enum { IV_CLAIM_LT, IV_CLAIM_LE, IV_CLAIM_GT, IV_CLAIM_GE,
	       IV_CLAIM_EQ } iv_claim_op;

typedef struct iv_claim {
	char text[IV_CLAIM_TEXT]; /* as written, for messages */
	char with[IV_CLAIM_WITH]; /* "KEY=VALUE", "" for none */
	size_t after;             /* training steps, 0 for none */
	iv_claim_q q;
	size_t from, to;          /* layers, to may be IV_CLAIM_LAST; 0 0 for
	                           * a quantity of the network */
	iv_claim_op op;
	double bound;
} iv_claim;

/* Parse a claim's text; 0, or -1 with a message in err. */
int iv_claim_parse(const char *text, iv_claim *c, char *err, size_t errlen);
/* Whether q is a per-layer quantity (needs LAYERS), and its name. */
bool iv_claim_per_layer(iv_claim_q q);
const char *iv_claim_q_name(iv_claim_q q);
/* Whether x op bound. */
bool iv_claim_compare(iv_claim_op op, double x, double bound);

/* Apply one setting to a configuration, as the lesson parser does. */
typedef int (*iv_claim_apply_fn)(iv_config *cfg, const char *key,
                                 const char *value, char *err, size_t errlen);

/* The outcome of evaluating a claim. */
typedef struct iv_claim_result {
	bool holds;
	size_t layer;  /* the layer that decided: the first where it fails,
	                * else the one closest to failing; 0 for the network */
	double value;  /* the quantity there */
	char why[200]; /* "" or why it could not be evaluated */
} iv_claim_result;

/* Evaluating claims: a context keeps the last network and its training,
 * so that claims on the same settings share them, and a claim "after N"
 * continues the training of one "after M", M <= N (write a lesson's
 * claims in that order: those on its own settings, by steps, then those
 * "with" a change).
 *   x = iv_claim_ctx_alloc();   NULL when out of memory
 *   iv_claim_eval(x, &claim, &cfg, lr, readout, apply, &r);  ...
 *   iv_claim_ctx_free(x);       NULL is a no-op */
typedef struct iv_claim_ctx iv_claim_ctx;
iv_claim_ctx *iv_claim_ctx_alloc(void);
void iv_claim_ctx_free(iv_claim_ctx *x);

/* Evaluate c on cfg (the lesson's settings, `with` applied by apply),
 * trained for c->after steps at rate lr (0: IV_TRAIN_LR) with the readout
 * of random_readout (iv_train_opts). Returns 0 with *r filled (r->holds),
 * or -1 with r->why when the claim cannot be evaluated (a setting refused,
 * layers beyond the depth, training that stops before step c->after
 * because the loss is not finite, an engine error). */
int iv_claim_eval(iv_claim_ctx *x, const iv_claim *c, const iv_config *cfg,
                  double lr, bool random_readout, iv_claim_apply_fn apply,
                  iv_claim_result *r);

#endif
