/* SPDX-License-Identifier: MIT */
/* The one action table: every action with its keys, bar label and help text;
 * and the view's key codes, which do not depend on curses.
 *
 * TUI_ACTION_LIST(X) expands X(id, group, keys, bar_keys, bar, help) per
 * action. keys is KEYS(k1, ...) with up to TUI_KEYS_MAX key codes (a
 * character, or TUI_KEY_*); bar_keys and bar are the bottom bar's key text
 * and label (NULL: not in the bar); help is the help overlay's line (NULL:
 * hidden; "": the second of a pair, its keys join the line above, "i / I").
 * Only keys.c expands the keys argument. The help overlay, the bottom bar,
 * the key lookup and the script key names all read this table. The screen
 * layer turns curses' key codes into these (tui/input.c). */
#ifndef IV_VIEW_KEYS_H
#define IV_VIEW_KEYS_H

#include <stdbool.h>
#include <stddef.h>

#define TUI_KEYS_MAX 4
#define TUI_CTRL(c)  ((c)&0x1f)
#define TUI_ESC      27

/* Keys that are not characters. Above every character and every curses key
 * code, so that a code the screen layer does not know stays apart. */
enum {
	TUI_KEY_UP = 0x10000,
	TUI_KEY_DOWN,
	TUI_KEY_LEFT,
	TUI_KEY_RIGHT,
	TUI_KEY_PGUP,
	TUI_KEY_PGDN,
	TUI_KEY_HOME,
	TUI_KEY_END,
	TUI_KEY_BACKSPACE,
	TUI_KEY_RESIZE,
	TUI_KEY_UNKNOWN, /* a sequence curses does not know: no action */
	TUI_KEY_F0 = 0x10100 /* TUI_KEY_F(1) .. TUI_KEY_F(12) */
};
#define TUI_KEY_F(n) (TUI_KEY_F0 + (n))

typedef enum {
	TUI_G_SETTINGS, /* change the network: recompute */
	TUI_G_TEACH,    /* training and lessons */
	TUI_G_VIEW,     /* change what is drawn */
	TUI_G_THEORY,   /* theory beside measurement */
	TUI_G_MOVE,     /* scroll */
	TUI_G_GENERAL,
	TUI_G_COUNT
} tui_group;

/* clang-format off */
#define TUI_ACTION_LIST(X)                                                     \
	X(INIT_NEXT,  TUI_G_SETTINGS, KEYS('i'), "i", "Init", "next / previous init scheme") \
	X(INIT_PREV,  TUI_G_SETTINGS, KEYS('I'), NULL, NULL, "")               \
	X(KNOB_UP,    TUI_G_SETTINGS, KEYS('+', '=', 'l', TUI_KEY_RIGHT), "+-", "Knob", \
	  "knob (std, gain, value) x1.1")                                        \
	X(KNOB_DOWN,  TUI_G_SETTINGS, KEYS('-', 'h', TUI_KEY_LEFT), NULL, NULL, "") \
	X(KNOB_UP2,   TUI_G_SETTINGS, KEYS(']'), "[]", "x2", "knob (std, gain, value) x2") \
	X(KNOB_DOWN2, TUI_G_SETTINGS, KEYS('['), NULL, NULL, "")               \
	X(MODE_NEXT,  TUI_G_SETTINGS, KEYS('m'), NULL, NULL, "fan mode (he-*, lecun-*)") \
	X(ACT_NEXT,   TUI_G_SETTINGS, KEYS('a'), "a", "Act", "next / previous activation") \
	X(ACT_PREV,   TUI_G_SETTINGS, KEYS('A'), NULL, NULL, "")               \
	X(DEPTH_UP,   TUI_G_SETTINGS, KEYS('d'), "dD", "Depth", "deeper / shallower") \
	X(DEPTH_DOWN, TUI_G_SETTINGS, KEYS('D'), NULL, NULL, "")               \
	X(WIDTH_UP,   TUI_G_SETTINGS, KEYS('w'), "wW", "Width", "wider / narrower (x2)") \
	X(WIDTH_DOWN, TUI_G_SETTINGS, KEYS('W'), NULL, NULL, "")               \
	X(BATCH_UP,   TUI_G_SETTINGS, KEYS('b'), NULL, NULL, "bigger / smaller batch (x2)")  \
	X(BATCH_DOWN, TUI_G_SETTINGS, KEYS('B'), NULL, NULL, "")               \
	X(INPUT_NEXT, TUI_G_SETTINGS, KEYS('n'), NULL, NULL, "next / previous input kind") \
	X(INPUT_PREV, TUI_G_SETTINGS, KEYS('N'), NULL, NULL, "")               \
	X(BIAS_UP,    TUI_G_SETTINGS, KEYS('o'), NULL, NULL, "bias +0.1 / -0.1") \
	X(BIAS_DOWN,  TUI_G_SETTINGS, KEYS('O'), NULL, NULL, "")               \
	X(SEED_NEXT,  TUI_G_SETTINGS, KEYS('r'), NULL, NULL, "seed +1 / -1 (new draw)") \
	X(SEED_PREV,  TUI_G_SETTINGS, KEYS('R'), NULL, NULL, "")               \
	X(NORM_NEXT,  TUI_G_SETTINGS, KEYS('z'), NULL, NULL, "normalization: none, batch, layer") \
	X(RESIDUAL,   TUI_G_SETTINGS, KEYS('u'), NULL, NULL, "residual blocks on / off") \
	X(ALPHA_NEXT, TUI_G_SETTINGS, KEYS('y'), NULL, NULL, "residual scale: 1, 1/sqrt L, 1/sqrt 2L, 0") \
	X(ALPHA_PREV, TUI_G_SETTINGS, KEYS('Y'), NULL, NULL, "")               \
	X(RESET,      TUI_G_SETTINGS, KEYS('0'), NULL, NULL, "back to the start settings") \
	X(PROMPT_SET, TUI_G_SETTINGS, KEYS(':'), NULL, NULL, "type a setting: depth 30, lr 0.01") \
	X(PROMPT_JUMP, TUI_G_SETTINGS, KEYS('/'), NULL, NULL, "init scheme or activation by name") \
	X(TRAIN_STEP, TUI_G_TEACH, KEYS('t'), NULL, NULL, "train: one SGD step") \
	X(TRAIN_RUN,  TUI_G_TEACH, KEYS('T'), NULL, NULL, "train: run / pause") \
	X(TRAIN_RESET, TUI_G_TEACH, KEYS('x'), NULL, NULL, "train: back to the initial weights") \
	X(LR_DOWN,    TUI_G_TEACH, KEYS('<'), NULL, NULL, "learning rate lower / higher (x2)") \
	X(LR_UP,      TUI_G_TEACH, KEYS('>'), NULL, NULL, "")                  \
	X(LESSON_PREV, TUI_G_TEACH, KEYS(','), ", .", "lessons", "previous / next lesson") \
	X(LESSON_NEXT, TUI_G_TEACH, KEYS('.'), NULL, NULL, "")                 \
	X(LESSON_TEXT, TUI_G_TEACH, KEYS('L'), NULL, NULL, "lesson text: show / hide") \
	X(LESSON_MORE, TUI_G_TEACH, KEYS('}'), NULL, NULL, "lesson text: next / previous page") \
	X(LESSON_BACK, TUI_G_TEACH, KEYS('{'), NULL, NULL, "")                 \
	X(SAVE_SCREEN, TUI_G_TEACH, KEYS('S'), NULL, NULL, "save the screen and figure") \
	X(COMMAND,    TUI_G_TEACH, KEYS('C'), NULL, NULL, "the command line of this view") \
	X(PREACT,     TUI_G_VIEW, KEYS('p'), "p", "Pre-act", "left: h / pre-activations z") \
	X(GRADW,      TUI_G_VIEW, KEYS('g'), "g", "dL/dW", "right: dL/dh / dL/dW") \
	X(RANGE,      TUI_G_VIEW, KEYS('s'), "s", "Range", "x-range: shared / per layer") \
	X(LOGCOUNT,   TUI_G_VIEW, KEYS('c'), NULL, NULL, "bar heights: counts / log") \
	X(SUBSET,     TUI_G_VIEW, KEYS('f'), NULL, NULL, "layers: all, ends, every k-th") \
	X(LAYOUT,     TUI_G_VIEW, KEYS('v'), "v", "View", "view: both, layers, profile") \
	X(THEORY,     TUI_G_THEORY, KEYS('e'), NULL, NULL, "theory overlay on / off") \
	X(PHASE,      TUI_G_THEORY, KEYS('P'), "P", "Phase", "phase diagram (arrows move)") \
	X(SPECTRUM,   TUI_G_THEORY, KEYS('J'), "J", "Jacobian", "Jacobian spectrum") \
	X(GAINS,      TUI_G_THEORY, KEYS('G'), "G", "Gains", "gain calculator") \
	X(MAP,        TUI_G_THEORY, KEYS('M'), NULL, NULL, "length / correlation map (cobweb)") \
	X(MAP_SWITCH, TUI_G_THEORY, KEYS('\t'), NULL, NULL, "switch map (in the M view)") \
	X(CONFIRM,    TUI_G_THEORY, KEYS('\n'), NULL, NULL, "compute a large spectrum") \
	X(DOWN,       TUI_G_MOVE, KEYS('j', TUI_KEY_DOWN), "jk", "Scroll", "down / up a layer") \
	X(UP,         TUI_G_MOVE, KEYS('k', TUI_KEY_UP), NULL, NULL, "")           \
	X(PAGE_DOWN,  TUI_G_MOVE, KEYS(TUI_KEY_PGDN), NULL, NULL, "down / up a page") \
	X(PAGE_UP,    TUI_G_MOVE, KEYS(TUI_KEY_PGUP), NULL, NULL, "")             \
	X(HOME,       TUI_G_MOVE, KEYS(TUI_KEY_HOME), NULL, NULL, "first / last layer") \
	X(END,        TUI_G_MOVE, KEYS(TUI_KEY_END), NULL, NULL, "")               \
	X(HELP,       TUI_G_GENERAL, KEYS('?', TUI_KEY_F(1)), "?", "Help", "this help") \
	X(CLOSE,      TUI_G_GENERAL, KEYS(TUI_ESC), NULL, NULL, "close the help") \
	X(REDRAW,     TUI_G_GENERAL, KEYS(TUI_CTRL('l')), NULL, NULL, "redraw the screen") \
	X(QUIT,       TUI_G_GENERAL, KEYS('q', TUI_KEY_F(10)), "q", "Quit", "quit (Ctrl-C too)") \
	X(RESIZE,     TUI_G_GENERAL, KEYS(TUI_KEY_RESIZE), NULL, NULL, NULL)
/* clang-format on */

typedef enum {
	TUI_A_NONE = -1,
#define TUI_X(id, group, keys, bk, bar, help) TUI_A_##id,
	TUI_ACTION_LIST(TUI_X)
#undef TUI_X
	TUI_A_COUNT
} tui_action;

typedef struct tui_action_info {
	const char *id; /* e.g. "INIT_NEXT" */
	tui_group group;
	int keys[TUI_KEYS_MAX]; /* 0 ends the list */
	const char *bar_keys, *bar, *help;
} tui_action_info;

/* The table row of a, NULL when out of range. */
const tui_action_info *tui_keys_action(tui_action a);
/* The action bound to a key code, TUI_A_NONE when unbound. */
tui_action tui_keys_lookup(int key);

/* Key names as scripts and the help overlay write them: printable ASCII
 * stands for itself; Up Down Left Right PgUp PgDn Home End Esc Enter Tab
 * Space Backspace F1..F12 C-a..C-z name the others (case-insensitive). */
/* Name of key into buf (size >= 16); returns buf. */
char *tui_keys_name(int key, char *buf, size_t size);
/* Key code of name, -1 when unknown. */
int tui_keys_parse(const char *name);

#endif
