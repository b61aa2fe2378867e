/* cmdline.h - GNU readline (callback interface) inside curses: the `:`
 * command line and the `/` filter, history, Tab completion.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef CIMTUI_TUI_CMDLINE_H
#define CIMTUI_TUI_CMDLINE_H

struct cmd {
	const char *name, *args, *help;
};
/* every command, NULL-terminated (also used for :help and completion) */
extern const struct cmd cmd_table[];

void cmdline_init(void);
void cmdline_done(void);
/* 0 closed, ':' command line, '/' filter */
int cmdline_active(void);
void cmdline_open(int kind);
/* feed one input byte; may run the command or close the line */
void cmdline_feed(int byte);
/* Esc / Ctrl-C: leave without running (the filter is cleared) */
void cmdline_cancel(void);
/* draws on row y; returns the cursor column */
int cmdline_draw(int y);
/* history file path (malloc'd) */
char *cmdline_history_path(void);

#endif
