/* keys.h - key bindings: key -> action per view kind, key names, and the
 * user's bindings from the config file ("bind KEYMAP KEY ACTION",
 * "unbind KEYMAP KEY").
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef CIMTUI_TUI_KEYS_H
#define CIMTUI_TUI_KEYS_H

#include <stddef.h>

#include "actions.h"

/* bit per view kind (enum view_kind); 0 = every view */
struct keybind {
	int key;
	enum action act;
	unsigned views;
};

/* the built-in defaults */
extern const struct keybind keys_table[];
extern const unsigned keys_count;

/* The action of key in a view of view_kind: the user's binding for that
 * view's keymap, else the user's generic one, else the built-in default.
 * ACT_NONE: nothing. */
enum action keys_action(int key, int view_kind);
const char *keys_name(int key, char *buf, unsigned size);
/* "<Down>", "<Enter>", "x", "<C-c>", "<Esc>", "<F7>" -> key code, -1 unknown */
int keys_parse(const char *s);
const char *action_name(enum action a);
const char *action_help(enum action a);
/* "move-down" -> ACT_DOWN; -1 unknown */
int action_parse(const char *name);

/* Keymaps: "generic", or a view's name (enum view_kind order):
 * namespaces classes instances instance classdef error log help */
#define KEYMAP_GENERIC (-1)
#define KEYMAP_UNKNOWN (-2)
int keys_keymap(const char *name);
const char *keys_keymap_name(int keymap);

/* One user binding; act ACT_NONE = the key does nothing (unbind). */
struct keys_bind {
	int keymap;
	int key;
	enum action act;
};

/* Parses "bind KEYMAP KEY ACTION" or "unbind KEYMAP KEY" (words separated
 * by blanks; ACTION may be "none").  Pure.  Returns 1 and fills *out; 0
 * when the line starts with neither word; -1 with a message in err. */
int parse_bind_line(const char *line, struct keys_bind *out, char *err, size_t errlen);
/* Adds a user binding; a later one for the same keymap and key replaces it. */
void keys_bind(const struct keys_bind *b);
/* Forgets every user binding and config warning. */
void keys_reset(void);
/* The config file's bind/unbind lines (conffile.h config_bind_line): parses
 * and applies line; a bad one is ignored after a warning on stderr
 * "cimtui: PATH:LINENO: ...", which keys_config_warnings also keeps. */
void keys_config_line(const char *path, unsigned lineno, const char *line);
/* How many config lines were ignored; *first (may be NULL) gets the first
 * warning's text ("PATH:LINENO: ..."), or "" */
unsigned keys_config_warnings(const char **first);
/* The keys that do action a in a view of view_kind (built-in order, then
 * the user's), at most max into keys.  Returns how many were stored. */
unsigned keys_for_action(enum action a, int view_kind, int *keys, unsigned max);

#endif
