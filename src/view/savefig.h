/* SPDX-License-Identifier: MIT */
/* The figure beside a saved screen, without curses: the SVG that
 * --format=svg draws of the same network (src/figure), written next to the
 * screen's text file under the same name, never over a file that exists. */
#ifndef IV_VIEW_SAVEFIG_H
#define IV_VIEW_SAVEFIG_H

#include <stddef.h>
#include <initviz/net.h>
#include <initviz/theory.h>

/* Write the figure of net (both passes done, its statistics those shown)
 * after steps training steps at rate lr (iv_figure_net_trained_svg)
 * with theory's predictions (depth entries; NULL: none) and command in
 * small print, to txt (the saved text's path, ending ".txt") with ".svg"
 * in place of ".txt"; that path goes in path. The network's histograms,
 * which the view's computations leave out, are binned first
 * (iv_net_fill_histograms). Returns 0, or -1 with errno set (EEXIST when
 * that file exists; EINVAL when txt does not end in ".txt", path is too
 * small or the histograms cannot be binned) and no file left behind. */
int tui_save_figure(const char *txt, iv_net *net, size_t steps, double lr,
		    const iv_theory_layer *theory, const char *command,
		    char *path, size_t psize);

#endif
