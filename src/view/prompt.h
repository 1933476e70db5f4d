/* SPDX-License-Identifier: MIT */
/* The view's one-line prompt, without curses: `:` sets a number by typing
 * it ("depth 30", "lr 0.01", or a number alone for the scheme's knob: std,
 * gain or value), `/` jumps to an init scheme or activation by name.
 *
 * Keys: printable characters insert at the cursor; Backspace, Ctrl-W and
 * Ctrl-U delete the character, the word or everything before the cursor;
 * Left, Right, Home, End, Ctrl-A and Ctrl-E move; Tab completes a name
 * (the common part of several, which the note then lists); Enter applies;
 * Esc cancels. Enter checks a value with the command line's rules and
 * ranges (util/range.h, util/number.h) and applies it through the model
 * (tui_model_commit: the memory limit) or the trainer (the learning rate);
 * a value that is refused leaves the prompt open, the text as typed and
 * the reason, with what is allowed, in the note.
 *
 * Call order: tui_prompt_open(p, kind, m) when the key is pressed, then
 * tui_prompt_key(p, key, m, t) for every key until it returns something
 * other than TUI_PROMPT_OPEN. Drawing reads p: tui_prompt_label, text,
 * cursor (tui_prompt_window keeps it in view and says what is hidden),
 * note and error. */
#ifndef IV_VIEW_PROMPT_H
#define IV_VIEW_PROMPT_H

#include <stdbool.h>
#include <stddef.h>
#include "view/model.h"
#include "view/train.h"

#define TUI_PROMPT_TEXT 96  /* bytes typed, the NUL included */
#define TUI_PROMPT_NOTE 480 /* room for every name that Tab can list */

typedef enum {
	TUI_PROMPT_SET,  /* ':' a setting and its value */
	TUI_PROMPT_JUMP, /* '/' an init scheme or activation by name */
} tui_prompt_kind;

typedef enum {
	TUI_PROMPT_OPEN,     /* still open: edited, completed or refused */
	TUI_PROMPT_CANCEL,   /* closed, nothing changed (Esc, an empty line,
				the value it has already) */
	TUI_PROMPT_CONFIG,   /* closed, the configuration changed: recompute */
	TUI_PROMPT_LR,       /* closed, the learning rate changed */
	TUI_PROMPT_LR_RESET, /* closed, the rate changed and the training of
				the old one was forgotten: draw the initial
				weights again */
} tui_prompt_result;

typedef struct tui_prompt {
	tui_prompt_kind kind;
	char text[TUI_PROMPT_TEXT]; /* printable ASCII */
	size_t len, cursor;         /* bytes of text; the cursor's byte */
	char note[TUI_PROMPT_NOTE]; /* a hint, the range, the candidates, or
				       why Enter was refused */
	bool error;                 /* the note says what was wrong */
} tui_prompt;

/* Open an empty prompt of kind, its note the hint for m's configuration. */
void tui_prompt_open(tui_prompt *p, tui_prompt_kind kind, const tui_model *m);
/* One key (view/keys.h codes). A change that is applied leaves a notice
 * in m->msg ("depth 30 (was 10)"). */
tui_prompt_result tui_prompt_key(tui_prompt *p, int key, tui_model *m,
				 tui_train *t);

/* What stands before the text: ":" or "/". */
const char *tui_prompt_label(const tui_prompt *p);
/* The typed text as shown in width columns: bytes from..from+n of it, and
 * whether text is hidden before them (left: a mark in the first column,
 * the text from the second) or after them (right: a mark in the last
 * column). The cursor, one column after the last character at most,
 * stays in view and off the marks; a cursor further right than the room
 * stands in the last column the text has. */
typedef struct tui_prompt_window {
	size_t from, n;
	bool left, right;
} tui_prompt_window;
tui_prompt_window tui_prompt_shown(const tui_prompt *p, int width);

/* The settings `:` knows, in the order Tab lists them (the command line's
 * names): i from 0; NULL past the last. */
const char *tui_prompt_setting(size_t i);

#endif
