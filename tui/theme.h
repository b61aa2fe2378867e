/* theme.h - colour themes: `color ELEMENT FG BG [ATTR...]` files.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef CIMTUI_TUI_THEME_H
#define CIMTUI_TUI_THEME_H

#include <stddef.h>

/* Every screen element: enum name, name in theme files. */
#define THEME_ELEMENTS(_) \
	_(DEFAULT, "default") \
	_(TITLE, "title") \
	_(STATUS, "status") \
	_(STATUS_BUSY, "status-busy") \
	_(INSECURE, "insecure") \
	_(MESSAGE, "message") \
	_(ERROR, "error") \
	_(CURSOR, "cursor") \
	_(HEADER, "header") \
	_(KEY, "key") \
	_(NAME, "name") \
	_(TYPE, "type") \
	_(VALUE, "value") \
	_(NULLVAL, "null") \
	_(REFERENCE, "reference") \
	_(QUALIFIER, "qualifier") \
	_(TREE, "tree") \
	_(MATCH, "match") \
	_(CMDLINE, "cmdline") \
	_(HELP_KEY, "help-key")

enum theme_element {
#define THEME_ENUM(e, n) EL_##e,
	THEME_ELEMENTS(THEME_ENUM)
#undef THEME_ENUM
	EL_COUNT
};

/* colour: -1 = terminal default, 0..255 */
struct theme_style {
	short fg, bg;
	unsigned attr; /* THEME_A_* bits */
	unsigned char set;
};

#define THEME_A_BOLD 1u
#define THEME_A_DIM 2u
#define THEME_A_UNDERLINE 4u
#define THEME_A_REVERSE 8u
#define THEME_A_STANDOUT 16u
#define THEME_A_BLINK 32u
#define THEME_A_ITALIC 64u

struct theme {
	char name[64];
	struct theme_style st[EL_COUNT];
};

extern const char theme_default_text[];

/* Parses theme text on top of *t.  Returns 0, or the line number of the
 * first bad line, with a message in err. */
int theme_parse(struct theme *t, const char *text, char *err, size_t errlen);
/* Colour names: "default", "red", "bright-red", "color123", "123". -2 bad. */
int theme_color(const char *name);
/* Nearest of the 8 basic colours for 0..255. */
int theme_color8(int c);
const char *theme_element_name(int el);

/* Finds NAME.theme (CIMTUI_THEME_DIR, $XDG_CONFIG_HOME/cimtui/themes,
 * CIMTUI_DATADIR/themes) and parses it; "default" without a file uses the
 * compiled-in text.  On any error t is the default theme, err says why,
 * and -1 is returned. */
int theme_load(struct theme *t, const char *name, char *err, size_t errlen);
/* Theme names found in the search path (malloc'd, NULL-terminated). */
char **theme_list(void);

/* curses (UI thread): allocate pairs for t; colour off under NO_COLOR or a
 * mono terminal, attributes kept. */
void theme_apply(const struct theme *t);
/* curses attribute for an element (after theme_apply). */
int theme_attr(int el);

#endif
