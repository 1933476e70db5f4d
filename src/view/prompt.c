/* SPDX-License-Identifier: MIT */
/* The prompt's line editing, name completion and the `/` jump; the `:`
 * settings are applied in prompt_set.c. */
#include <stdio.h>
#include <string.h>
#include "view/keys.h"
#include "view/prompt.h"
#include "view/prompt_impl.h"

void tui_prompt_open(tui_prompt *p, tui_prompt_kind kind, const tui_model *m)
{
	*p = (tui_prompt){.kind = kind};
	if (kind == TUI_PROMPT_SET)
		tui_prompt_set_hint(p, m);
	else
		snprintf(p->note, sizeof p->note,
			 "an init scheme or activation by name; Tab completes");
}

const char *tui_prompt_label(const tui_prompt *p)
{
	return p->kind == TUI_PROMPT_SET ? ":" : "/";
}

tui_prompt_window tui_prompt_shown(const tui_prompt *p, int width)
{
	size_t w = width > 1 ? (size_t)width : 1;
	tui_prompt_window v = {0};
	if (p->len + 1 <= w || w < 3) { /* all of it, or no room for marks */
		v.from = p->cursor >= w ? p->cursor - w + 1 : 0;
		v.n = p->len - v.from < w ? p->len - v.from : w;
		return v;
	}
	if (p->cursor + 2 <= w) { /* the start: the end hidden */
		v.n = w - 1;
		v.right = true;
	} else if (p->cursor + w >= p->len + 2) { /* the end: the start hidden */
		v.from = p->len + 2 - w;
		v.n = w - 2;
		v.left = true;
	} else { /* between: both hidden, the cursor in the last text column */
		v.from = p->cursor + 3 - w;
		v.n = w - 2;
		v.left = v.right = true;
	}
	return v;
}

/* --- names -----------------------------------------------------------------
 */

void tui_prompt_names_add(tui_prompt_names *l, const char *name)
{
	if (l->n < TUI_PROMPT_NAMES)
		snprintf(l->name[l->n++], sizeof l->name[0], "%s", name);
}

/* The schemes, their aliases (glorot-* and kaiming-*, those the engine
 * reads as the same scheme), then the activations. */
static void jump_names(tui_prompt_names *l)
{
	static const char *const alias[][2] = {{"xavier-", "glorot-"},
					       {"he-", "kaiming-"}};
	char a[40];
	l->n = 0;
	for (int k = 0; k < IV_INIT_COUNT; k++)
		tui_prompt_names_add(l, iv_init_name((iv_init_kind)k));
	for (int k = 0; k < IV_INIT_COUNT; k++)
		for (size_t i = 0; i < 2; i++) {
			const char *n = iv_init_name((iv_init_kind)k);
			size_t len = strlen(alias[i][0]);
			iv_init_kind got;
			if (strncmp(n, alias[i][0], len) != 0)
				continue;
			snprintf(a, sizeof a, "%s%s", alias[i][1], n + len);
			if (iv_init_parse(a, &got) && got == (iv_init_kind)k)
				tui_prompt_names_add(l, a);
		}
	for (int k = 0; k < IV_ACT_COUNT; k++)
		tui_prompt_names_add(l, iv_act_name((iv_act_kind)k));
}

/* The names that start with the n bytes at w: how many, the index of the
 * first (or the exact one: *exact), and in *common the bytes all of them
 * share. */
static size_t matches(const tui_prompt_names *l, const char *w, size_t n,
		      size_t *first, size_t *common, bool *exact)
{
	size_t count = 0;
	*exact = false;
	*common = 0;
	for (size_t i = 0; i < l->n; i++) {
		const char *s = l->name[i];
		if (strncmp(s, w, n) != 0)
			continue;
		if (strlen(s) == n && !*exact) {
			*exact = true;
			*first = i;
		}
		if (count++ == 0) {
			*common = strlen(s);
			if (!*exact)
				*first = i;
			continue;
		}
		size_t c = 0;
		while (c < *common && s[c] == l->name[*first][c])
			c++;
		*common = c;
	}
	return count;
}

size_t tui_prompt_match(const tui_prompt_names *l, const char *w, size_t n,
			size_t *first, size_t *common, bool *exact)
{
	return matches(l, w, n, first, common, exact);
}

void tui_prompt_list(tui_prompt *p, const tui_prompt_names *l, const char *w,
		     size_t n)
{
	size_t used = 0;
	p->note[0] = '\0';
	for (size_t i = 0; i < l->n; i++) {
		if (strncmp(l->name[i], w, n) != 0)
			continue;
		size_t len = strlen(l->name[i]);
		if (used + len + 6 >= sizeof p->note) { /* whole names only */
			snprintf(p->note + used, sizeof p->note - used, " ...");
			return;
		}
		used += (size_t)snprintf(p->note + used, sizeof p->note - used,
					 "%s%s", used ? "  " : "", l->name[i]);
	}
}

/* Replace the bytes [from, to) of the text with s; the cursor after it. */
void tui_prompt_replace(tui_prompt *p, size_t from, size_t to, const char *s)
{
	size_t n = strlen(s);
	if (p->len - (to - from) + n >= sizeof p->text)
		return;
	memmove(p->text + from + n, p->text + to, p->len - to + 1);
	memcpy(p->text + from, s, n);
	p->len = p->len - (to - from) + n;
	p->cursor = from + n;
}

/* --- the jump ----------------------------------------------------------------
 */

/* The text without blanks at either end, into buf. */
void tui_prompt_trimmed(const tui_prompt *p, char *buf, size_t size)
{
	const char *s = p->text, *e = p->text + p->len;
	while (*s == ' ')
		s++;
	while (e > s && e[-1] == ' ')
		e--;
	snprintf(buf, size, "%.*s", (int)(e - s), s);
}

static void jump_tab(tui_prompt *p)
{
	tui_prompt_names l;
	char w[TUI_PROMPT_TEXT];
	size_t first = 0, common, n;
	bool exact;
	jump_names(&l);
	tui_prompt_trimmed(p, w, sizeof w);
	n = matches(&l, w, strlen(w), &first, &common, &exact);
	p->error = n == 0;
	if (n == 0) {
		snprintf(p->note, sizeof p->note,
			 "no init scheme or activation starts with \"%.40s\"",
			 w);
		return;
	}
	char done[TUI_PROMPT_TEXT];
	snprintf(done, sizeof done, "%.*s", (int)common, l.name[first]);
	tui_prompt_replace(p, 0, p->len, done);
	if (n == 1)
		snprintf(p->note, sizeof p->note, "Enter takes %s", done);
	else
		tui_prompt_list(p, &l, w, strlen(w));
}

/* Take init scheme or activation name: the configuration changes. */
static tui_prompt_result jump_to(tui_prompt *p, const char *name, tui_model *m)
{
	iv_config c = m->cfg;
	iv_init_kind ik;
	iv_act_kind ak;
	const char *what, *was;
	if (iv_init_parse(name, &ik)) {
		what = "init";
		was = iv_init_name(c.init);
		c.init = ik;
	} else if (iv_act_parse(name, &ak)) {
		what = "act";
		was = iv_act_name(c.act);
		c.act = ak;
	} else {
		return TUI_PROMPT_CANCEL; /* only names from the list come */
	}
	const char *now =
	    c.init != m->cfg.init ? iv_init_name(c.init) : iv_act_name(c.act);
	if (c.init == m->cfg.init && c.act == m->cfg.act) {
		snprintf(m->msg, sizeof m->msg, "%s %s already", what, was);
		return TUI_PROMPT_CANCEL;
	}
	if (!tui_model_commit(m, &c, what)) {
		snprintf(p->note, sizeof p->note, "%s", m->msg);
		m->msg[0] = '\0';
		p->error = true;
		return TUI_PROMPT_OPEN;
	}
	snprintf(m->msg, sizeof m->msg, "%s %s (was %s)", what, now, was);
	return TUI_PROMPT_CONFIG;
}

static tui_prompt_result jump_enter(tui_prompt *p, tui_model *m)
{
	tui_prompt_names l;
	char w[TUI_PROMPT_TEXT];
	size_t first = 0, common, n;
	bool exact;
	tui_prompt_trimmed(p, w, sizeof w);
	if (!w[0])
		return TUI_PROMPT_CANCEL;
	jump_names(&l);
	n = matches(&l, w, strlen(w), &first, &common, &exact);
	if (n == 1 || exact)
		return jump_to(p, l.name[first], m);
	p->error = true;
	if (n == 0) {
		snprintf(p->note, sizeof p->note,
			 "no init scheme or activation starts with \"%.40s\"",
			 w);
		return TUI_PROMPT_OPEN;
	}
	char list[TUI_PROMPT_NOTE];
	tui_prompt_list(p, &l, w, strlen(w));
	snprintf(list, sizeof list, "%s", p->note);
	snprintf(p->note, sizeof p->note, "\"%.40s\" could be %.400s", w, list);
	return TUI_PROMPT_OPEN;
}

/* --- editing -----------------------------------------------------------------
 */

static bool is_backspace(int key)
{
	return key == TUI_KEY_BACKSPACE || key == 127 || key == TUI_CTRL('h');
}

/* The start of the word before the cursor (blanks, then the word). */
static size_t word_start(const tui_prompt *p)
{
	size_t i = p->cursor;
	while (i > 0 && p->text[i - 1] == ' ')
		i--;
	while (i > 0 && p->text[i - 1] != ' ')
		i--;
	return i;
}

/* An editing key: true when key was one. */
static bool edit(tui_prompt *p, int key)
{
	char c[2] = {(char)key, '\0'};
	if (key >= ' ' && key < 127)
		tui_prompt_replace(p, p->cursor, p->cursor, c);
	else if (is_backspace(key) && p->cursor > 0)
		tui_prompt_replace(p, p->cursor - 1, p->cursor, "");
	else if (key == TUI_CTRL('u'))
		tui_prompt_replace(p, 0, p->cursor, "");
	else if (key == TUI_CTRL('w'))
		tui_prompt_replace(p, word_start(p), p->cursor, "");
	else if (key == TUI_KEY_LEFT && p->cursor > 0)
		p->cursor--;
	else if (key == TUI_KEY_RIGHT && p->cursor < p->len)
		p->cursor++;
	else if (key == TUI_KEY_HOME || key == TUI_CTRL('a'))
		p->cursor = 0;
	else if (key == TUI_KEY_END || key == TUI_CTRL('e'))
		p->cursor = p->len;
	else
		return is_backspace(key) || key == TUI_KEY_LEFT ||
		       key == TUI_KEY_RIGHT;
	return true;
}

tui_prompt_result tui_prompt_key(tui_prompt *p, int key, tui_model *m,
				 tui_train *t)
{
	switch (key) {
	case TUI_ESC: return TUI_PROMPT_CANCEL;
	case '\n':
	case '\r':
		return p->kind == TUI_PROMPT_SET ? tui_prompt_set_enter(p, m, t)
						 : jump_enter(p, m);
	case '\t':
		if (p->kind == TUI_PROMPT_SET)
			tui_prompt_set_tab(p, m, t);
		else
			jump_tab(p);
		return TUI_PROMPT_OPEN;
	default: edit(p, key); return TUI_PROMPT_OPEN;
	}
}
