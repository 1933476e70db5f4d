/* SPDX-License-Identifier: MIT */
/* The `:` prompt's settings: "NAME VALUE" (or "NAME=VALUE", or a number
 * alone for the scheme's knob), the name by an unambiguous prefix, the
 * value read and bounded by the command line's rules (util/range.h) and
 * applied through the model or the trainer. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "view/prompt.h"
#include "view/prompt_impl.h"
#include <initviz/tables.h>
#include "util/range.h"

/* The settings `:` knows, in Tab's order; each is the long option's name
 * and so the name of its row in util/range.h. */
static const char *const settings[] = {
    "std",  "gain", "value",    "depth", "width", "batch", "seed",
    "bias", "bias-std", "slope", "lr",    "mode",  "input",
};
#define NSETTINGS (sizeof settings / sizeof settings[0])

const char *tui_prompt_setting(size_t i)
{
	return i < NSETTINGS ? settings[i] : NULL;
}

static void setting_names(tui_prompt_names *l)
{
	l->n = 0;
	for (size_t i = 0; i < NSETTINGS; i++)
		tui_prompt_names_add(l, settings[i]);
}

/* v in the fewest significant digits that read back as v: the number is
 * said whole ("0.1", not "0.100000000000000006"). */
static const char *whole(double v, char *buf, size_t size)
{
	for (int d = 1; d <= 17; d++) {
		snprintf(buf, size, "%.*g", d, v);
		if (strtod(buf, NULL) == v)
			break;
	}
	return buf;
}

/* The configuration's field of a real-valued network setting; NULL for
 * the whole-number ones and lr. */
static double *real_field(iv_config *c, const char *name)
{
	static const char *const names[] = {"std",  "gain",     "value",
					    "bias", "bias-std", "slope"};
	double *const fields[] = {&c->std,  &c->gain,     &c->value,
				  &c->bias, &c->bias_std, &c->slope};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcmp(name, names[i]) == 0)
			return fields[i];
	return NULL;
}

/* The settings that take a name, not a number (the command line's
 * --mode and --input): their names, "" past the last. */
static const char *word_name(const char *setting, int k)
{
	if (strcmp(setting, "mode") == 0)
		return k < IV_MODE_COUNT ? iv_mode_name((iv_fan_mode)k) : "";
	if (strcmp(setting, "input") == 0)
		return k < IV_INPUT_COUNT ? iv_input_name((iv_input_kind)k)
					  : "";
	return NULL;
}

static void word_allowed(const char *setting, char *buf, size_t size)
{
	size_t used = (size_t)snprintf(buf, size, "one of");
	for (int k = 0; *word_name(setting, k) && used < size; k++)
		used += (size_t)snprintf(buf + used, size - used, " %s",
					 word_name(setting, k));
}

/* The setting's value now, as text. */
static void current(const char *name, const tui_model *m, double lr, char *buf,
		    size_t size)
{
	iv_config c = m->cfg;
	const double *f = real_field(&c, name);
	if (strcmp(name, "mode") == 0)
		snprintf(buf, size, "%s", iv_mode_name(c.mode));
	else if (strcmp(name, "input") == 0)
		snprintf(buf, size, "%s", iv_input_name(c.input));
	else if (f)
		whole(*f, buf, size);
	else if (strcmp(name, "lr") == 0)
		whole(lr, buf, size);
	else if (strcmp(name, "depth") == 0)
		snprintf(buf, size, "%zu", c.depth);
	else if (strcmp(name, "width") == 0 && c.nwidths)
		snprintf(buf, size, "a --widths list");
	else if (strcmp(name, "width") == 0)
		snprintf(buf, size, "%zu", c.width);
	else if (strcmp(name, "batch") == 0)
		snprintf(buf, size, "%zu", c.batch);
	else
		snprintf(buf, size, "%lu", c.seed);
}

void tui_prompt_set_hint(tui_prompt *p, const tui_model *m)
{
	const char *k = tui_model_knob_name(tui_model_knob_of(m->cfg.init));
	p->error = false;
	if (k)
		snprintf(p->note, sizeof p->note,
			 "a setting and its value (depth 30), or a number for "
			 "the %s; Tab lists the settings",
			 k);
	else
		snprintf(p->note, sizeof p->note,
			 "a setting and its value (depth 30); Tab lists the "
			 "settings");
}

/* The text split at its first blank or '=': name and value, both without
 * blanks at either end (value "" when there is none). */
static void split(const tui_prompt *p, char *name, char *value, size_t size)
{
	char t[TUI_PROMPT_TEXT];
	tui_prompt_trimmed(p, t, sizeof t);
	size_t n = strcspn(t, " =");
	snprintf(name, size, "%.*s", (int)n, t);
	const char *v = t + n;
	while (*v == ' ' || *v == '=')
		v++;
	snprintf(value, size, "%s", v);
}

static bool is_number_start(char c)
{
	return (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+';
}

static tui_prompt_result refuse(tui_prompt *p, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static tui_prompt_result refuse(tui_prompt *p, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(p->note, sizeof p->note, fmt, ap);
	va_end(ap);
	p->error = true;
	return TUI_PROMPT_OPEN;
}

/* The model refused the change (the memory limit): its reason goes to the
 * note, the prompt stays open. */
static tui_prompt_result refuse_commit(tui_prompt *p, tui_model *m)
{
	refuse(p, "%s", m->msg);
	m->msg[0] = '\0';
	return TUI_PROMPT_OPEN;
}

/* The setting the word names (an unambiguous prefix, or the whole name);
 * NULL with the reason in the note. */
static const char *which(tui_prompt *p, const char *word)
{
	tui_prompt_names l;
	size_t first = 0, common, n;
	bool exact;
	setting_names(&l);
	n = tui_prompt_match(&l, word, strlen(word), &first, &common, &exact);
	if (n == 1 || exact)
		return settings[first];
	if (n == 0) {
		refuse(p, "no setting \"%.40s\"; the settings: ", word);
		size_t used = strlen(p->note);
		for (size_t i = 0; i < NSETTINGS; i++)
			used += (size_t)snprintf(p->note + used,
						 sizeof p->note - used, "%s%s",
						 i ? " " : "", settings[i]);
		return NULL;
	}
	char list[TUI_PROMPT_NOTE];
	tui_prompt_list(p, &l, word, strlen(word));
	snprintf(list, sizeof list, "%s", p->note);
	refuse(p, "\"%.40s\" could be %s", word, list);
	return NULL;
}

/* The knob the scheme reads, for a number typed alone or a knob named. */
static bool knob_check(tui_prompt *p, const tui_model *m, const char *name)
{
	const char *k = tui_model_knob_name(tui_model_knob_of(m->cfg.init));
	if (k && strcmp(k, name) == 0)
		return true;
	if (k)
		refuse(p, "%s reads no %s: its knob is %s",
		       iv_init_name(m->cfg.init), name, k);
	else
		refuse(p, "%s has no variance knob", iv_init_name(m->cfg.init));
	return false;
}

/* Apply a real-valued network setting already read. */
static tui_prompt_result set_real(tui_prompt *p, tui_model *m, const char *name,
				  double v)
{
	iv_config c = m->cfg;
	double *f = real_field(&c, name);
	char was[32], now[32];
	whole(*f, was, sizeof was);
	whole(v, now, sizeof now);
	if (*f == v) {
		snprintf(m->msg, sizeof m->msg, "%s %s already", name, now);
		return TUI_PROMPT_CANCEL;
	}
	*f = v;
	if (!tui_model_commit(m, &c, name))
		return refuse_commit(p, m);
	snprintf(m->msg, sizeof m->msg, "%s %s (was %s)", name, now, was);
	return TUI_PROMPT_CONFIG;
}

/* Apply a whole-number network setting already read. */
static tui_prompt_result set_whole(tui_prompt *p, tui_model *m,
				   const char *name, unsigned long v)
{
	iv_config c = m->cfg;
	char was[48];
	bool same;
	size_t before = m->cfg.nwidths;
	current(name, m, 0, was, sizeof was);
	if (strcmp(name, "depth") == 0 || strcmp(name, "width") == 0) {
		iv_config_uniform(&c); /* --widths gives way, as with d and w */
		size_t *f = name[0] == 'd' ? &c.depth : &c.width;
		same = *f == v && !m->cfg.nwidths;
		*f = (size_t)v;
	} else if (strcmp(name, "batch") == 0) {
		same = c.batch == v;
		c.batch = (size_t)v;
	} else {
		same = c.seed == v;
		c.seed = v;
	}
	if (same) {
		snprintf(m->msg, sizeof m->msg, "%s %lu already", name, v);
		return TUI_PROMPT_CANCEL;
	}
	if (!tui_model_commit(m, &c, name))
		return refuse_commit(p, m);
	if (name[0] == 'd' && c.nwidths != before)
		snprintf(m->msg, sizeof m->msg,
			 "depth %lu, width %zu in every layer (was a --widths "
			 "list)",
			 v, c.width);
	else
		snprintf(m->msg, sizeof m->msg, "%s %lu (was %s)", name, v,
			 was);
	return TUI_PROMPT_CONFIG;
}

static tui_prompt_result set_lr(tui_model *m, tui_train *t, double v)
{
	char was[32], now[32];
	whole(t->lr, was, sizeof was);
	whole(v, now, sizeof now);
	switch (tui_train_set_lr(t, v)) {
	case TUI_LR_LIMIT:
		snprintf(m->msg, sizeof m->msg, "learning rate %s already",
			 now);
		return TUI_PROMPT_CANCEL;
	case TUI_LR_SET:
		snprintf(m->msg, sizeof m->msg, "learning rate %s (was %s)",
			 now, was);
		return TUI_PROMPT_LR;
	default:
		snprintf(m->msg, sizeof m->msg,
			 "learning rate %s (was %s): training starts again "
			 "from the initial weights",
			 now, was);
		return TUI_PROMPT_LR_RESET;
	}
}

/* Apply mode or input, the name typed in value. */
static tui_prompt_result set_word(tui_prompt *p, tui_model *m, const char *s,
				  const char *value)
{
	char allowed[96], was[32], now[32];
	iv_config c = m->cfg;
	bool ok, same;
	word_allowed(s, allowed, sizeof allowed);
	if (!value[0])
		return refuse(p, "%s needs a value: %s", s, allowed);
	current(s, m, 0, was, sizeof was);
	if (strcmp(s, "mode") == 0) {
		iv_fan_mode k;
		if ((ok = iv_mode_parse(value, &k)) &&
		    !iv_init_uses_mode(c.init))
			return refuse(p, "%s", TUI_MODE_ONLY);
		same = ok && c.mode == k;
		c.mode = ok ? k : c.mode;
	} else {
		iv_input_kind k;
		ok = iv_input_parse(value, &k);
		same = ok && c.input == k;
		c.input = ok ? k : c.input;
	}
	if (!ok)
		return refuse(p, "%s must be %s (got \"%.40s\")", s, allowed,
			      value);
	if (same) {
		snprintf(m->msg, sizeof m->msg, "%s %s already", s, was);
		return TUI_PROMPT_CANCEL;
	}
	if (!tui_model_commit(m, &c, s))
		return refuse_commit(p, m);
	current(s, m, 0, now, sizeof now); /* the canonical name */
	snprintf(m->msg, sizeof m->msg, "%s %s (was %s)", s, now, was);
	return TUI_PROMPT_CONFIG;
}

tui_prompt_result tui_prompt_set_enter(tui_prompt *p, tui_model *m,
				       tui_train *t)
{
	char name[TUI_PROMPT_TEXT], value[TUI_PROMPT_TEXT], allowed[96];
	const char *s;
	split(p, name, value, sizeof name);
	if (!name[0])
		return TUI_PROMPT_CANCEL; /* Enter on an empty line */
	if (!value[0] && is_number_start(name[0])) { /* "0.5": the knob */
		s = tui_model_knob_name(tui_model_knob_of(m->cfg.init));
		if (!s)
			return refuse(p,
				      "%s has no variance knob: name the "
				      "setting (depth 30)",
				      iv_init_name(m->cfg.init));
		snprintf(value, sizeof value, "%s", name);
	} else if (!(s = which(p, name))) {
		return TUI_PROMPT_OPEN;
	}
	if (word_name(s, 0))
		return set_word(p, m, s, value);
	const iv_range *r = iv_range_find(s);
	iv_range_allowed(r, allowed, sizeof allowed);
	if (!value[0])
		return refuse(p, "%s needs a value: %s", s, allowed);
	double d = 0;
	size_t z = 0;
	unsigned long u = 0;
	bool ok = r->kind == IV_NUM_REAL   ? iv_range_real(r, value, &d)
		  : r->kind == IV_NUM_SIZE ? iv_range_size(r, value, &z)
					   : iv_range_ulong(r, value, &u);
	if (!ok)
		return refuse(p, "%s must be %s (got \"%.40s\")", s, allowed,
			      value);
	if (strcmp(s, "lr") == 0)
		return set_lr(m, t, d);
	/* std, gain and value are the scheme's knob; the bias settings and
	 * the slope are not */
	bool knob =
	    !strcmp(s, "std") || !strcmp(s, "gain") || !strcmp(s, "value");
	if (knob && !knob_check(p, m, s))
		return TUI_PROMPT_OPEN;
	if (r->kind == IV_NUM_REAL)
		return set_real(p, m, s, d);
	return set_whole(p, m, s, r->kind == IV_NUM_SIZE ? z : u);
}

/* Tab on a name-valued setting s with value typed: the value completed as
 * far as the names that start so agree; true when several do (listed in
 * the note). */
static bool complete_word(tui_prompt *p, const char *s, const char *value)
{
	tui_prompt_names v;
	size_t first = 0, common;
	bool exact;
	v.n = 0;
	for (int k = 0; *word_name(s, k); k++)
		tui_prompt_names_add(&v, word_name(s, k));
	size_t n = tui_prompt_match(&v, value, strlen(value), &first, &common,
				    &exact);
	if (n >= 1) {
		char done[TUI_PROMPT_TEXT];
		snprintf(done, sizeof done, "%s %.*s", s, (int)common,
			 v.name[first]);
		tui_prompt_replace(p, 0, p->len, done);
	}
	if (n > 1 && !exact) {
		tui_prompt_list(p, &v, value, strlen(value));
		return true;
	}
	return false;
}

void tui_prompt_set_tab(tui_prompt *p, const tui_model *m, const tui_train *t)
{
	tui_prompt_names l;
	char name[TUI_PROMPT_TEXT], value[TUI_PROMPT_TEXT], allowed[96],
	    now[48];
	size_t first = 0, common, n;
	bool exact;
	split(p, name, value, sizeof name);
	bool named = strchr(p->text, ' ') || strchr(p->text, '=');
	setting_names(&l);
	n = tui_prompt_match(&l, name, strlen(name), &first, &common, &exact);
	p->error = false;
	if (n == 0) {
		(void)which(p, name);
		return;
	}
	if (!named || (n > 1 && !exact)) { /* complete the name */
		char done[TUI_PROMPT_TEXT];
		snprintf(done, sizeof done, "%.*s%s", (int)common,
			 l.name[first], n == 1 || exact ? " " : "");
		if (!named)
			tui_prompt_replace(p, 0, p->len, done);
		if (n > 1 && !exact) {
			tui_prompt_list(p, &l, name, strlen(name));
			return;
		}
	}
	const char *s = settings[first];
	if (word_name(s, 0) && named && value[0] && complete_word(p, s, value))
		return;
	if (word_name(s, 0))
		word_allowed(s, allowed, sizeof allowed);
	else
		iv_range_allowed(iv_range_find(s), allowed, sizeof allowed);
	current(s, m, t->lr, now, sizeof now);
	snprintf(p->note, sizeof p->note, "%s: %s; now %s", s, allowed, now);
}
