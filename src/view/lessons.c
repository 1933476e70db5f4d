/* SPDX-License-Identifier: MIT */
/* Lesson navigation and "modified". */
#include <stdio.h>
#include <string.h>
#include "view/lessons.h"

void tui_lessons_init(tui_lessons *l, const iv_lesson_set *set, size_t start)
{
	*l = (tui_lessons){.set = set, .pages = 1};
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
	l->page = 0;
	return true;
}

bool tui_lessons_config_same(const iv_config *a, const iv_config *b)
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
	       a->seed == b->seed && a->norm == b->norm &&
	       a->residual == b->residual &&
	       /* the alpha in use: y back round to 1 is the lesson's 1 */
	       iv_config_res_scale(a) == iv_config_res_scale(b);
}

bool tui_lessons_modified(const tui_lessons *l, const iv_config *cfg)
{
	const iv_lesson *x = tui_lessons_current(l);
	return x && !tui_lessons_config_same(&x->cfg, cfg);
}
