/* SPDX-License-Identifier: MIT */
/* Fuzz the key-script parser (src/tui/script.c) and the key names.
 *
 * The input is a script; it ends at the first NUL byte as a C string does.
 * Invariants: 0 or -1; on -1 an empty script and one line of message that
 * names the line; on 0 steps of known kinds with lines in order, Save with
 * a file name, Resize within 1..1000, keys whose name parses back to the
 * same key; peek/next walk exactly n steps. */
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

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1), err[512];
	tui_script s;
	FUZZ_ASSERT(text != NULL);
	memcpy(text, data, size);
	text[size] = '\0';
	int rc = tui_script_parse(&s, text, err, sizeof err);
	if (rc == 0) {
		size_t walked = 0;
		int line = 1;
		const tui_step *st;
		for (size_t i = 0; i < s.n; i++)
			check_step(&s.step[i], &line);
		while ((st = tui_script_peek(&s)) != NULL) {
			FUZZ_ASSERT(st == &s.step[walked]);
			tui_script_next(&s);
			walked++;
		}
		FUZZ_ASSERT(walked == s.n);
	} else {
		FUZZ_ASSERT(rc == -1);
		FUZZ_ASSERT(s.n == 0 && s.step == NULL);
		FUZZ_ASSERT_MESSAGE(err, sizeof err);
		FUZZ_ASSERT(strncmp(err, "line ", 5) == 0 ||
		            strcmp(err, "out of memory") == 0);
	}
	tui_script_free(&s);
	free(text);
	return 0;
}
