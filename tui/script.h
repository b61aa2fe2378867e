/* script.h - test support: CIMTUI_SCRIPT feeds keys and commands from a
 * file (one step per line), :save-display writes the screen as text.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef CIMTUI_TUI_SCRIPT_H
#define CIMTUI_TUI_SCRIPT_H

enum script_kind { SS_NONE, SS_KEY, SS_TEXT, SS_COMMAND, SS_SLEEP, SS_WAITIDLE };

struct script_step {
	enum script_kind kind;
	int key;          /* SS_KEY */
	int ms;           /* SS_SLEEP */
	char text[1200]; /* SS_TEXT, SS_COMMAND */
};

/* Opens $CIMTUI_SCRIPT; returns 1 when a script runs. */
int script_open(void);
int script_active(void);
/* Next step; SS_NONE at the end (the script is then closed). */
int script_next(struct script_step *st);
void script_close(void);
/* Writes stdscr as UTF-8 text, one line per row, trailing blanks cut. */
int save_display(const char *file);

#endif
