/* SPDX-License-Identifier: MIT */
/* Shared by the prompt's files: the list of names Tab completes, and the
 * `:` settings (prompt_set.c) that the editing (prompt.c) calls. */
#ifndef IV_VIEW_PROMPT_IMPL_H
#define IV_VIEW_PROMPT_IMPL_H

#include "view/prompt.h"

/* Room for the schemes, their aliases and the activations. */
#define TUI_PROMPT_NAMES (2 * IV_INIT_COUNT + IV_ACT_COUNT)

typedef struct tui_prompt_names {
	char name[TUI_PROMPT_NAMES][40];
	size_t n;
} tui_prompt_names;

void tui_prompt_names_add(tui_prompt_names *l, const char *name);
/* The names that start with the n bytes at w: how many; *first the exact
 * one (*exact) or else the first; *common the bytes they all share. */
size_t tui_prompt_match(const tui_prompt_names *l, const char *w, size_t n,
			size_t *first, size_t *common, bool *exact);
/* The names that start with the n bytes at w into the note, whole. */
void tui_prompt_list(tui_prompt *p, const tui_prompt_names *l, const char *w,
		     size_t n);
/* Replace the bytes [from, to) of the text with s (nothing when the text
 * would not fit); the cursor after it. */
void tui_prompt_replace(tui_prompt *p, size_t from, size_t to, const char *s);
/* The text without blanks at either end. */
void tui_prompt_trimmed(const tui_prompt *p, char *buf, size_t size);

/* `:`: the opening hint, Tab and Enter. */
void tui_prompt_set_hint(tui_prompt *p, const tui_model *m);
void tui_prompt_set_tab(tui_prompt *p, const tui_model *m, const tui_train *t);
tui_prompt_result tui_prompt_set_enter(tui_prompt *p, tui_model *m,
				       tui_train *t);

#endif
