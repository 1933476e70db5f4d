/* SPDX-License-Identifier: MIT */
/* Lesson navigation, "modified", and word wrapping for the lesson panel. */
#include <stdio.h>
#include <string.h>
#include "tui/lesson_view.h"

void tui_lessons_init(tui_lessons *l, const iv_lesson_set *set, size_t start)
{
	*l = (tui_lessons){.set = set};
	if (start >= 1 && start <= tui_lessons_count(l)) {
		l->cur = start;
		l->shown = true;
	}
}

size_t tui_lessons_count(const tui_lessons *l)
{
	return l->set ? l->set->n : 0;
}

const iv_lesson *tui_lessons_current(const tui_lessons *l)
{
	return l->cur >= 1 && l->cur <= tui_lessons_count(l)
		   ? &l->set->v[l->cur - 1]
		   : NULL;
}

bool tui_lessons_go(tui_lessons *l, tui_model *m, int dir)
{
	size_t n = tui_lessons_count(l), to;
	if (n == 0) {
		snprintf(m->msg, sizeof m->msg,
			 "no lessons (initviz --list-lessons, --lessons FILE)");
		return false;
	}
	if (l->cur == 0)
		to = dir > 0 ? 1 : n;
	else if ((dir > 0 && l->cur == n) || (dir < 0 && l->cur == 1)) {
		snprintf(m->msg, sizeof m->msg,
			 dir > 0 ? "lesson %zu is the last one; , goes back"
				 : "lesson %zu is the first one; . goes on",
			 l->cur);
		return false;
	} else {
		to = dir > 0 ? l->cur + 1 : l->cur - 1;
	}
	iv_config c = l->set->v[to - 1].cfg;
	c.retain = m->cfg.retain;
	c.max_memory = m->cfg.max_memory;
	if (!tui_model_commit(m, &c, "lesson"))
		return false;
	m->start = m->cfg;
	l->cur = to;
	l->shown = true;
	return true;
}

bool tui_config_same(const iv_config *a, const iv_config *b)
{
	if (a->nwidths != b->nwidths ||
	    (a->nwidths && memcmp(a->widths, b->widths,
				  a->nwidths * sizeof a->widths[0]) != 0))
		return false;
	if (!a->nwidths && a->width != b->width)
		return false;
	return a->init == b->init && a->std == b->std && a->value == b->value &&
	       a->gain == b->gain && a->mode == b->mode && a->bias == b->bias &&
	       a->bias_std == b->bias_std && a->act == b->act &&
	       a->slope == b->slope && a->depth == b->depth &&
	       a->batch == b->batch && a->input == b->input &&
	       a->seed == b->seed;
}

bool tui_lessons_modified(const tui_lessons *l, const iv_config *cfg)
{
	const iv_lesson *x = tui_lessons_current(l);
	return x && !tui_config_same(&x->cfg, cfg);
}

const char *tui_wrap_line(const char *text, int width, size_t *len,
			  const char **next)
{
	size_t n = 0, cut = 0;
	int cols = 0;
	while (*text == ' ')
		text++;
	while (text[n] && cols < width) { /* whole characters */
		if (text[n] == ' ')
			cut = n;
		n++;
		while (((unsigned char)text[n] & 0xC0) == 0x80)
			n++;
		cols++;
	}
	if (text[n] && text[n] != ' ' && cut > 0)
		n = cut; /* break at the last blank that fits */
	*next = text + n;
	while (**next == ' ')
		(*next)++;
	while (n > 0 && text[n - 1] == ' ')
		n--;
	*len = n;
	return text;
}

int tui_wrap_count(const char *text, int width)
{
	int n = 0;
	while (width > 0 && *text) {
		const char *next;
		size_t len;
		tui_wrap_line(text, width, &len, &next);
		n += len > 0;
		text = next;
	}
	return n;
}
