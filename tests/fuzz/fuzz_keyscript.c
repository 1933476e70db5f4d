/* SPDX-License-Identifier: MIT */
/* Fuzz the key-script parser (src/view/script.c) and the key names.
 *
 * The input is a script, bytes as read from disk (NUL bytes included).
 * Invariants: 0 or -1; on -1 an empty script and one line of message, safe
 * for a terminal (every byte of the script escaped), that names the line;
 * on 0 steps of known kinds with lines in order, Save with a file name,
 * Resize within 1..1000, keys whose name parses back to the same key;
 * peek/next walk exactly n steps. A script with a NUL byte is refused with
 * the NUL's line; a byte-order mark in front changes nothing. The size cap:
 * TUI_SCRIPT_MAX + 1 bytes are refused unread, and an input starting with
 * "#cap" is padded with blanks to exactly TUI_SCRIPT_MAX bytes, which
 * parse as the input alone does. */
#include <stdbool.h>
#include <string.h>
#include "view/keys.h"
#include "view/script.h"
#include "fuzz.h"

static void check_step(const tui_step *st, int *line)
{
	char name[32];
	FUZZ_ASSERT(st->line >= *line);
	*line = st->line;
	switch (st->kind) {
	case TUI_S_KEY:
		FUZZ_ASSERT(st->key > 0 && st->arg == NULL);
		tui_keys_name(st->key, name, sizeof name);
		FUZZ_ASSERT(tui_keys_parse(name) == st->key);
		break;
	case TUI_S_WAIT: FUZZ_ASSERT(st->arg == NULL); break;
	case TUI_S_SAVE: FUZZ_ASSERT(st->arg && st->arg[0]); break;
	case TUI_S_RESIZE:
		FUZZ_ASSERT(st->cols >= 1 && st->cols <= 1000);
		FUZZ_ASSERT(st->lines >= 1 && st->lines <= 1000);
		break;
	default: FUZZ_ASSERT(!"unknown step kind");
	}
}

/* Parse and check the invariants; the result (and its message) stays in
 * *s and err for comparisons; tui_script_free(s) afterwards. */
static int parse(tui_script *s, const char *text, size_t len, char *err,
                 size_t errlen)
{
	int rc = tui_script_parse(s, text, len, err, errlen);
	if (rc == 0) {
		size_t walked = 0;
		int line = 1;
		const tui_step *st;
		for (size_t i = 0; i < s->n; i++)
			check_step(&s->step[i], &line);
		while ((st = tui_script_peek(s)) != NULL) {
			FUZZ_ASSERT(st == &s->step[walked]);
			tui_script_next(s);
			walked++;
		}
		FUZZ_ASSERT(walked == s->n);
		s->pos = 0;
	} else {
		FUZZ_ASSERT(rc == -1);
		FUZZ_ASSERT(s->n == 0 && s->step == NULL);
		FUZZ_ASSERT_MESSAGE(err, errlen);
		FUZZ_ASSERT(strncmp(err, "line ", 5) == 0 ||
		            strcmp(err, "out of memory") == 0 ||
		            strncmp(err, "is over ", 8) == 0);
	}
	return rc;
}

static void same(int rc, const tui_script *a, const char *ea, int rc2,
                 const tui_script *b, const char *eb)
{
	FUZZ_ASSERT(rc == rc2 && a->n == b->n);
	if (rc != 0)
		FUZZ_ASSERT(strcmp(ea, eb) == 0);
	for (size_t i = 0; i < a->n; i++)
		FUZZ_ASSERT(a->step[i].kind == b->step[i].kind &&
		            a->step[i].key == b->step[i].key &&
		            a->step[i].line == b->step[i].line);
}

/* TUI_SCRIPT_MAX + 1 blanks, kept between inputs (filled again after a
 * "#cap" input wrote into it) */
static char *big;
static bool big_blank;

static void size_cap(const uint8_t *data, size_t size, int rc,
                     const tui_script *s, const char *err)
{
	tui_script t;
	char e[512];
	if (!big && !(big = malloc(TUI_SCRIPT_MAX + 1)))
		FUZZ_ASSERT(!"out of memory");
	if (!big_blank)
		memset(big, ' ', TUI_SCRIPT_MAX + 1);
	big_blank = true;
	/* one byte over: refused before anything is parsed */
	FUZZ_ASSERT(parse(&t, big, TUI_SCRIPT_MAX + 1, e, sizeof e) == -1);
	FUZZ_ASSERT(strcmp(e, "is over 1.0 MiB") == 0);
	if (size < 4 || memcmp(data, "#cap", 4) != 0 || size > TUI_SCRIPT_MAX)
		return;
	/* exactly at the cap: the input, then blanks that change nothing */
	memcpy(big, data, size);
	big_blank = false;
	int rc2 = parse(&t, big, TUI_SCRIPT_MAX, e, sizeof e);
	same(rc, s, err, rc2, &t, e);
	tui_script_free(&t);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char err[512], e2[512];
	const char *text = size ? (const char *)data : "";
	tui_script s, t;
	int rc = parse(&s, text, size, err, sizeof err);
	const char *nul = memchr(text, '\0', size);
	if (nul) { /* refused, with the NUL's line */
		int line = 1;
		for (const char *c = text; c < nul; c++)
			line += *c == '\n';
		snprintf(e2, sizeof e2, "line %d: a NUL byte", line);
		FUZZ_ASSERT(rc == -1 && strncmp(err, e2, strlen(e2)) == 0);
	}
	if (size < TUI_SCRIPT_MAX - 3 &&
	    (size < 3 || memcmp(text, "\xef\xbb\xbf", 3) != 0)) {
		/* a byte-order mark in front changes nothing */
		char *bom = malloc(size + 3);
		FUZZ_ASSERT(bom != NULL);
		memcpy(bom, "\xef\xbb\xbf", 3);
		memcpy(bom + 3, text, size);
		int rc2 = parse(&t, bom, size + 3, e2, sizeof e2);
		same(rc, &s, err, rc2, &t, e2);
		tui_script_free(&t);
		free(bom);
	}
	size_cap(data, size, rc, &s, err);
	tui_script_free(&s);
	return 0;
}
