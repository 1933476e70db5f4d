/* SPDX-License-Identifier: MIT */
/* C: the command line that reproduces the view, to copy or hand out. */
#include <stdio.h>
#include <stdlib.h>
#include "tui/panel.h"
#include "tui/put.h"

static void draw(const tui_app *app, tui_rect r)
{
	int w = r.w - 4, y = r.y;
	char *cmd;
	if (r.h < 1 || w < 10 || !(cmd = tui_app_command(app)))
		return;
	tui_put(y++, 2, r.x + r.w, TUI_E_TITLE,
		"The command line that reproduces this view:");
	y++;
	int need = tui_text_wrap_count(cmd, w);
	if (y + need <= r.y + r.h) {
		y += tui_put_wrap(y, 2, w, need, TUI_E_VALUE, cmd);
	} else if (y < r.y + r.h) {
		tui_put(y++, 2, r.x + r.w, TUI_E_WARN,
			"(too long for this terminal: S saves it whole)");
	}
	free(cmd);
	if (++y < r.y + r.h)
		tui_put_wrap(y, 2, w, r.y + r.h - y, TUI_E_LABEL,
			     "S saves it as the first line of a text file with "
			     "the screen. C or Esc closes.");
}

const tui_panel_ops tui_panel_command = {
    .name = "command",
    .slot = TUI_SLOT_COVER,
    .key = TUI_A_COMMAND,
    .draw = draw,
};
