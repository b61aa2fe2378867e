/* draw.h - width-aware text: escaping of control characters, cutting at
 * display columns (wcwidth), and curses output of safe text.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef CIMTUI_TUI_DRAW_H
#define CIMTUI_TUI_DRAW_H

#include <stddef.h>

/* Makes s (len bytes, any content) safe for a terminal: C0 controls become
 * caret notation (^[ for ESC), DEL ^?, C1 controls and invalid bytes \xNN,
 * bidi overrides / zero-width / unprintable code points \u{XXXX}.
 * Returns a malloc'd NUL-terminated string (never NULL). */
char *draw_escape(const char *s, size_t len);
/* 1 when s has nothing draw_escape would change. */
int draw_is_safe(const char *s, size_t len);
/* Display columns of an already safe UTF-8 string. */
int draw_width(const char *s);
/* Bytes of the longest prefix of safe s that fits in cols columns; a wide
 * character is never split, combining marks stay with their base.
 * *width (may be NULL) gets the columns used. */
size_t draw_cut(const char *s, int cols, int *width);
/* Bytes to skip so that the rest starts at column `skip` or later. */
size_t draw_skip(const char *s, int skip);
/* "1,234,567" */
char *draw_count(unsigned long long n, char *buf, size_t size);

/* curses output (UI thread only).  Draws any string escaped, cut to cols,
 * padded with spaces when pad is set.  Returns columns drawn. */
int draw_text(int y, int x, const char *s, int cols, int attr, int pad);
int draw_textn(int y, int x, const char *s, size_t len, int cols, int attr, int pad);
void draw_fill(int y, int x, int cols, int attr);

#endif
