/* keys.h - key bindings: key -> action per view kind, key names.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef CIMTUI_TUI_KEYS_H
#define CIMTUI_TUI_KEYS_H

#include "actions.h"

/* bit per view kind (enum view_kind); 0 = every view */
struct keybind {
	int key;
	enum action act;
	unsigned views;
};

extern const struct keybind keys_table[];
extern const unsigned keys_count;

enum action keys_action(int key, int view_kind);
const char *keys_name(int key, char *buf, unsigned size);
/* "<Down>", "<Enter>", "x", "<C-c>", "<Esc>" -> key code, -1 unknown */
int keys_parse(const char *s);
const char *action_name(enum action a);
const char *action_help(enum action a);

#endif
