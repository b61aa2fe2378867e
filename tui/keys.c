/* keys.c - default key bindings and key names.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "keys.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "view.h"

#define CTRL(c) ((c) & 0x1f)
#define V(k) (1u << (k))

const struct keybind keys_table[] = {
	{KEY_UP, ACT_UP, 0}, {'k', ACT_UP, 0},
	{KEY_DOWN, ACT_DOWN, 0}, {'j', ACT_DOWN, 0},
	{KEY_PPAGE, ACT_PAGE_UP, 0}, {'b', ACT_PAGE_UP, 0}, {CTRL('b'), ACT_PAGE_UP, 0},
	{KEY_NPAGE, ACT_PAGE_DOWN, 0}, {' ', ACT_PAGE_DOWN, ~(V(VK_CLASSES))}, {CTRL('f'), ACT_PAGE_DOWN, 0},
	{KEY_HOME, ACT_HOME, 0}, {'g', ACT_HOME, 0},
	{KEY_END, ACT_END, 0}, {'G', ACT_END, 0},
	{'\r', ACT_ENTER, 0}, {'\n', ACT_ENTER, 0}, {KEY_ENTER, ACT_ENTER, 0},
	{KEY_RIGHT, ACT_ENTER, ~(V(VK_INSTANCES))}, {'l', ACT_ENTER, ~(V(VK_INSTANCES))},
	{KEY_BACKSPACE, ACT_BACK, 0}, {127, ACT_BACK, 0}, {CTRL('h'), ACT_BACK, 0},
	{'h', ACT_BACK, 0}, {KEY_LEFT, ACT_BACK, 0},
	{'q', ACT_CLOSE, 0}, {'Q', ACT_QUIT, 0},
	{27, ACT_CANCEL, 0}, {CTRL('c'), ACT_CANCEL, 0},
	{':', ACT_PROMPT, 0}, {'/', ACT_FILTER, 0},
	{'n', ACT_NEXT, 0}, {'N', ACT_PREV, 0},
	{'e', ACT_ERROR, 0}, {'!', ACT_ERROR, 0},
	{'L', ACT_LOG, 0},
	{'?', ACT_HELP, 0}, {KEY_F(1), ACT_HELP, 0},
	{CTRL('l'), ACT_REDRAW, 0},
	{'R', ACT_RELOAD, 0}, {KEY_F(5), ACT_RELOAD, 0},
	{' ', ACT_TOGGLE, V(VK_CLASSES)}, {'+', ACT_TOGGLE, V(VK_CLASSES)},
	{'*', ACT_EXPAND_ALL, V(VK_CLASSES)}, {'-', ACT_COLLAPSE_ALL, V(VK_CLASSES)},
	{'t', ACT_TREE_FLAT, V(VK_CLASSES)},
	{'d', ACT_CLASSDEF, V(VK_CLASSES) | V(VK_INSTANCES) | V(VK_INSTANCE)},
	{'a', ACT_ASSOC, V(VK_INSTANCE)},
	{'r', ACT_REFS, V(VK_INSTANCE)},
	{'s', ACT_SORT, V(VK_INSTANCES)},
	{'<', ACT_SCROLL_LEFT, V(VK_INSTANCES)}, {KEY_SLEFT, ACT_SCROLL_LEFT, V(VK_INSTANCES)},
	{'[', ACT_SCROLL_LEFT, V(VK_INSTANCES)}, {'H', ACT_SCROLL_LEFT, V(VK_INSTANCES)},
	{'>', ACT_SCROLL_RIGHT, V(VK_INSTANCES)}, {KEY_SRIGHT, ACT_SCROLL_RIGHT, V(VK_INSTANCES)},
	{']', ACT_SCROLL_RIGHT, V(VK_INSTANCES)}, {KEY_RIGHT, ACT_SCROLL_RIGHT, V(VK_INSTANCES)},
};
const unsigned keys_count = sizeof keys_table / sizeof keys_table[0];

static const char *act_names[ACT_COUNT] = {
#define ACTION_NAME(e, n, h) n,
	ACTIONS(ACTION_NAME)
#undef ACTION_NAME
};
static const char *act_help[ACT_COUNT] = {
#define ACTION_HELP(e, n, h) h,
	ACTIONS(ACTION_HELP)
#undef ACTION_HELP
};

const char *action_name(enum action a)
{
	return a < ACT_COUNT ? act_names[a] : "?";
}

const char *action_help(enum action a)
{
	return a < ACT_COUNT ? act_help[a] : "?";
}

enum action keys_action(int key, int view_kind)
{
	/* view-specific bindings first, then generic */
	for (int pass = 0; pass < 2; pass++)
		for (unsigned i = 0; i < keys_count; i++) {
			const struct keybind *b = &keys_table[i];
			if (b->key != key)
				continue;
			if (pass == 0 && b->views && (b->views & V(view_kind)))
				return b->act;
			if (pass == 1 && !b->views)
				return b->act;
		}
	return ACT_NONE;
}

static const struct { int key; const char *name; } names[] = {
	{KEY_UP, "Up"}, {KEY_DOWN, "Down"}, {KEY_LEFT, "Left"}, {KEY_RIGHT, "Right"},
	{KEY_PPAGE, "PgUp"}, {KEY_NPAGE, "PgDn"}, {KEY_HOME, "Home"}, {KEY_END, "End"},
	{'\r', "Enter"}, {'\n', "C-j"}, {KEY_ENTER, "KpEnter"}, {KEY_BACKSPACE, "Backspace"},
	{127, "Del"}, {27, "Esc"}, {' ', "Space"}, {'\t', "Tab"}, {KEY_SLEFT, "S-Left"},
	{KEY_SRIGHT, "S-Right"}, {KEY_F(1), "F1"}, {KEY_F(5), "F5"}, {KEY_RESIZE, "Resize"},
};

const char *keys_name(int key, char *buf, unsigned size)
{
	for (unsigned i = 0; i < sizeof names / sizeof names[0]; i++)
		if (names[i].key == key) {
			snprintf(buf, size, "<%s>", names[i].name);
			return buf;
		}
	if (key > 0 && key < 32)
		snprintf(buf, size, "<C-%c>", key + 96);
	else if (key > 32 && key < 127)
		snprintf(buf, size, "%c", key);
	else
		snprintf(buf, size, "<%d>", key);
	return buf;
}

int keys_parse(const char *s)
{
	size_t l = strlen(s);
	if (l == 1)
		return (unsigned char)s[0];
	if (l < 3 || s[0] != '<' || s[l - 1] != '>')
		return -1;
	char n[32];
	snprintf(n, sizeof n, "%.*s", (int)(l - 2), s + 1);
	for (unsigned i = 0; i < sizeof names / sizeof names[0]; i++)
		if (!strcasecmp(n, names[i].name))
			return names[i].key;
	if ((!strncasecmp(n, "C-", 2) || !strncasecmp(n, "Ctrl-", 5)) && strlen(strchr(n, '-') + 1) == 1)
		return CTRL(strchr(n, '-')[1]);
	if (!strcasecmp(n, "Backspace") || !strcasecmp(n, "BS"))
		return KEY_BACKSPACE;
	return -1;
}
