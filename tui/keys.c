/* keys.c - default key bindings, key names, and the user's bindings from
 * the config file (parse_bind_line, keys_config_line).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "keys.h"

#include <ctype.h>
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
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

/* action names compare case-insensitively, '_' the same as '-' */
int action_parse(const char *name)
{
	for (int a = 0; a < ACT_COUNT; a++) {
		const char *p = act_names[a], *q = name;
		while (*p && *q && (*p == *q || (*p == '-' && *q == '_') ||
			tolower((unsigned char)*p) == tolower((unsigned char)*q))) {
			p++;
			q++;
		}
		if (!*p && !*q)
			return a;
	}
	return -1;
}

/* ---- keymaps and the user's bindings ---- */
static const char *const keymap_names[] = {"namespaces", "classes", "instances", "instance",
	"classdef", "error", "log", "help"};
_Static_assert(sizeof keymap_names / sizeof keymap_names[0] == VK_COUNT, "a keymap name per view kind");

int keys_keymap(const char *name)
{
	if (!strcasecmp(name, "generic"))
		return KEYMAP_GENERIC;
	for (int i = 0; i < VK_COUNT; i++)
		if (!strcasecmp(name, keymap_names[i]))
			return i;
	return KEYMAP_UNKNOWN;
}

const char *keys_keymap_name(int keymap)
{
	if (keymap == KEYMAP_GENERIC)
		return "generic";
	return keymap >= 0 && keymap < VK_COUNT ? keymap_names[keymap] : "?";
}

static struct keys_bind *user;
static size_t nuser;
static char first_warning[512];
static unsigned nwarnings;

/* Keys a terminal sends two ways: a binding of one is a binding of both. */
static int canon_key(int key)
{
	if (key == KEY_ENTER)
		return '\r';
	if (key == 127)
		return KEY_BACKSPACE;
	return key;
}

void keys_bind(const struct keys_bind *b)
{
	struct keys_bind nb = *b;
	nb.key = canon_key(nb.key);
	for (size_t i = 0; i < nuser; i++)
		if (user[i].keymap == nb.keymap && user[i].key == nb.key) {
			user[i] = nb;
			return;
		}
	struct keys_bind *n = realloc(user, (nuser + 1) * sizeof *n);
	if (!n)
		return;
	user = n;
	user[nuser++] = nb;
}

void keys_reset(void)
{
	free(user);
	user = NULL;
	nuser = 0;
	first_warning[0] = '\0';
	nwarnings = 0;
}

enum action keys_action(int key, int view_kind)
{
	/* the user's: this view's keymap, then generic */
	const struct keys_bind *generic = NULL;
	int ck = canon_key(key);
	for (size_t i = 0; i < nuser; i++) {
		if (user[i].key != ck)
			continue;
		if (user[i].keymap == view_kind)
			return user[i].act;
		if (user[i].keymap == KEYMAP_GENERIC)
			generic = &user[i];
	}
	if (generic)
		return generic->act;
	/* built-in: view-specific bindings first, then generic */
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

static int add_key(int *keys, unsigned *n, unsigned max, int key)
{
	for (unsigned i = 0; i < *n; i++)
		if (keys[i] == key)
			return 0;
	if (*n < max)
		keys[(*n)++] = key;
	return 1;
}

unsigned keys_for_action(enum action a, int view_kind, int *keys, unsigned max)
{
	unsigned n = 0;
	for (unsigned i = 0; i < keys_count; i++)
		if (keys_action(keys_table[i].key, view_kind) == a)
			add_key(keys, &n, max, keys_table[i].key);
	for (size_t i = 0; i < nuser; i++)
		if (keys_action(user[i].key, view_kind) == a)
			add_key(keys, &n, max, user[i].key);
	return n;
}

/* ---- key names ---- */
static const struct { int key; const char *name; } names[] = {
	{KEY_UP, "Up"}, {KEY_DOWN, "Down"}, {KEY_LEFT, "Left"}, {KEY_RIGHT, "Right"},
	{KEY_PPAGE, "PgUp"}, {KEY_NPAGE, "PgDn"}, {KEY_HOME, "Home"}, {KEY_END, "End"},
	{'\r', "Enter"}, {'\n', "C-j"}, {KEY_ENTER, "KpEnter"}, {KEY_BACKSPACE, "Backspace"},
	{127, "Del"}, {27, "Esc"}, {' ', "Space"}, {'\t', "Tab"}, {KEY_SLEFT, "S-Left"},
	{KEY_SRIGHT, "S-Right"}, {KEY_RESIZE, "Resize"},
};

const char *keys_name(int key, char *buf, unsigned size)
{
	for (unsigned i = 0; i < sizeof names / sizeof names[0]; i++)
		if (names[i].key == key) {
			snprintf(buf, size, "<%s>", names[i].name);
			return buf;
		}
	if (key >= KEY_F(1) && key <= KEY_F(12))
		snprintf(buf, size, "<F%d>", key - KEY_F0);
	else if (key >= 0 && key < 32) /* <C-a>..<C-z>, <C-@>, <C-\>, <C-]>, <C-^>, <C-_> */
		snprintf(buf, size, "<C-%c>", key == 0 || key > 26 ? key + 64 : key + 96);
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
	if ((n[0] == 'F' || n[0] == 'f') && n[1] >= '1' && n[1] <= '9' &&
	    (!n[2] || (n[1] == '1' && n[2] >= '0' && n[2] <= '2' && !n[3])))
		return KEY_F(atoi(n + 1));
	const char *dash = strchr(n, '-');
	if (dash && (!strncasecmp(n, "C-", 2) || !strncasecmp(n, "Ctrl-", 5)) && dash[1] && !dash[2]) {
		int c = toupper((unsigned char)dash[1]);
		if (c >= '@' && c <= '_')
			return CTRL(c);
		return -1;
	}
	if (!strcasecmp(n, "BS"))
		return KEY_BACKSPACE;
	return -1;
}

/* ---- the config file's lines ---- */
enum bind_bad { BAD_KEYMAP, BAD_KEY, BAD_ACTION };

static int bind_error(char *err, size_t errlen, enum bind_bad what, const char *word, size_t wl)
{
	char w[40];
	snprintf(w, sizeof w, "%.*s%s", (int)(wl < 32 ? wl : 32), word, wl > 32 ? "..." : "");
	if (what == BAD_KEYMAP) {
		size_t o = (size_t)snprintf(err, errlen, "unknown keymap '%s' (generic", w);
		for (int i = 0; i < VK_COUNT && o < errlen; i++)
			o += (size_t)snprintf(err + o, errlen - o, ", %s", keymap_names[i]);
		if (o < errlen)
			snprintf(err + o, errlen - o, ")");
	} else {
		snprintf(err, errlen, "unknown %s '%s'", what == BAD_KEY ? "key" : "action", w);
	}
	return -1;
}

int parse_bind_line(const char *line, struct keys_bind *out, char *err, size_t errlen)
{
	const char *w[5];
	size_t wl[5];
	int n = 0;
	const char *p = line;
	if (errlen)
		err[0] = '\0';
	while (n < 5) {
		while (*p && isspace((unsigned char)*p))
			p++;
		if (!*p)
			break;
		w[n] = p;
		while (*p && !isspace((unsigned char)*p))
			p++;
		wl[n] = (size_t)(p - w[n]);
		n++;
	}
	int unbind;
	if (n && wl[0] == 4 && !strncmp(w[0], "bind", 4))
		unbind = 0;
	else if (n && wl[0] == 6 && !strncmp(w[0], "unbind", 6))
		unbind = 1;
	else
		return 0;
	if (n != (unbind ? 3 : 4)) {
		snprintf(err, errlen, "%s", unbind ? "'unbind KEYMAP KEY' expected" :
			"'bind KEYMAP KEY ACTION' expected");
		return -1;
	}
	char tok[32];
	struct keys_bind b;
	/* KEYMAP */
	if (wl[1] >= sizeof tok)
		return bind_error(err, errlen, BAD_KEYMAP, w[1], wl[1]);
	snprintf(tok, sizeof tok, "%.*s", (int)wl[1], w[1]);
	if ((b.keymap = keys_keymap(tok)) == KEYMAP_UNKNOWN)
		return bind_error(err, errlen, BAD_KEYMAP, w[1], wl[1]);
	/* KEY: one ASCII character or a <name> */
	if (wl[2] >= sizeof tok)
		return bind_error(err, errlen, BAD_KEY, w[2], wl[2]);
	snprintf(tok, sizeof tok, "%.*s", (int)wl[2], w[2]);
	b.key = keys_parse(tok);
	if (b.key < 0 || (wl[2] == 1 && (unsigned char)tok[0] >= 128))
		return bind_error(err, errlen, BAD_KEY, w[2], wl[2]);
	/* ACTION */
	if (unbind) {
		b.act = ACT_NONE;
	} else {
		int a = -1;
		if (wl[3] < sizeof tok) {
			snprintf(tok, sizeof tok, "%.*s", (int)wl[3], w[3]);
			a = action_parse(tok);
		}
		if (a < 0)
			return bind_error(err, errlen, BAD_ACTION, w[3], wl[3]);
		b.act = (enum action)a;
	}
	*out = b;
	return 1;
}

void keys_config_line(const char *path, unsigned lineno, const char *line)
{
	struct keys_bind b;
	char err[300], msg[sizeof first_warning];
	int r = parse_bind_line(line, &b, err, sizeof err);
	if (r > 0) {
		keys_bind(&b);
		return;
	}
	if (r == 0)
		snprintf(err, sizeof err, "not a bind or unbind line");
	snprintf(msg, sizeof msg, "%s:%u: %s; line ignored", path ? path : "config", lineno, err);
	fprintf(stderr, "cimtui: %s\n", msg);
	if (!nwarnings++)
		memcpy(first_warning, msg, sizeof first_warning);
}

unsigned keys_config_warnings(const char **first)
{
	if (first)
		*first = first_warning;
	return nwarnings;
}
