/* SPDX-License-Identifier: MIT */
/* The action table expanded, key lookup, and key names for scripts and help. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "view/keys.h"

#define KEYS(...)                                                              \
	{                                                                      \
		__VA_ARGS__                                                    \
	}

static const tui_action_info actions[TUI_A_COUNT] = {
#define TUI_X(id_, group_, keys_, bk, bar_, help_)                             \
	[TUI_A_##id_] = {.id = #id_,                                           \
			 .group = group_,                                      \
			 .keys = keys_,                                        \
			 .bar_keys = bk,                                       \
			 .bar = bar_,                                          \
			 .help = help_},
    TUI_ACTION_LIST(TUI_X)
#undef TUI_X
};

const tui_action_info *tui_keys_action(tui_action a)
{
	return a >= 0 && a < TUI_A_COUNT ? &actions[a] : NULL;
}

tui_action tui_keys_lookup(int key)
{
	if (key == 0)
		return TUI_A_NONE;
	for (int a = 0; a < TUI_A_COUNT; a++)
		for (int k = 0; k < TUI_KEYS_MAX && actions[a].keys[k]; k++)
			if (actions[a].keys[k] == key)
				return (tui_action)a;
	return TUI_A_NONE;
}

static const struct {
	const char *name;
	int key;
} named[] = {
    {"Up", TUI_KEY_UP},
    {"Down", TUI_KEY_DOWN},
    {"Left", TUI_KEY_LEFT},
    {"Right", TUI_KEY_RIGHT},
    {"PgUp", TUI_KEY_PGUP},
    {"PgDn", TUI_KEY_PGDN},
    {"Home", TUI_KEY_HOME},
    {"End", TUI_KEY_END},
    {"Esc", TUI_ESC},
    {"Enter", '\n'},
    {"Tab", '\t'},
    {"Space", ' '},
    {"Backspace", TUI_KEY_BACKSPACE},
    {"Resize", TUI_KEY_RESIZE},
};

char *tui_keys_name(int key, char *buf, size_t size)
{
	for (size_t i = 0; i < sizeof named / sizeof named[0]; i++)
		if (named[i].key == key) {
			snprintf(buf, size, "%s", named[i].name);
			return buf;
		}
	if (key >= TUI_KEY_F(1) && key <= TUI_KEY_F(12))
		snprintf(buf, size, "F%d", key - TUI_KEY_F0);
	else if (key >= 1 && key <= 26)
		snprintf(buf, size, "C-%c", 'a' + key - 1);
	else if (key > ' ' && key < 127)
		snprintf(buf, size, "%c", key);
	else
		snprintf(buf, size, "#%d", key);
	return buf;
}

int tui_keys_parse(const char *name)
{
	size_t len = strlen(name);
	if (len == 1 && name[0] > ' ' && name[0] < 127)
		return (unsigned char)name[0];
	for (size_t i = 0; i < sizeof named / sizeof named[0]; i++)
		if (strcasecmp(named[i].name, name) == 0)
			return named[i].key;
	if ((name[0] == 'F' || name[0] == 'f') && len >= 2 && len <= 3 &&
	    isdigit((unsigned char)name[1]) &&
	    (len == 2 || isdigit((unsigned char)name[2]))) {
		int n = name[1] - '0'; /* one or two digits, checked above */
		if (len == 3)
			n = 10 * n + (name[2] - '0');
		return n >= 1 && n <= 12 ? TUI_KEY_F(n) : -1;
	}
	if (len == 3 && (name[0] == 'C' || name[0] == 'c') && name[1] == '-' &&
	    isalpha((unsigned char)name[2]))
		return tolower((unsigned char)name[2]) - 'a' + 1;
	return -1;
}
