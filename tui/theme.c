/* theme.c - theme parser, search path, colour-pair allocation.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "theme.h"

#include <ctype.h>
#include <curses.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#ifndef CIMTUI_DATADIR
#define CIMTUI_DATADIR "/usr/local/share/cimtui"
#endif

const char theme_default_text[] =
#include "tui/theme_default.inc"
	;

static const char *el_names[EL_COUNT] = {
#define THEME_NAME(e, n) n,
	THEME_ELEMENTS(THEME_NAME)
#undef THEME_NAME
};

const char *theme_element_name(int el)
{
	return el >= 0 && el < EL_COUNT ? el_names[el] : "?";
}

static const char *basic[8] = {"black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"};

int theme_color(const char *s)
{
	if (!strcasecmp(s, "default") || !strcmp(s, "-1"))
		return -1;
	for (int i = 0; i < 8; i++) {
		if (!strcasecmp(s, basic[i]))
			return i;
		if (!strncasecmp(s, "bright-", 7) && !strcasecmp(s + 7, basic[i]))
			return i + 8;
	}
	if (!strcasecmp(s, "gray") || !strcasecmp(s, "grey"))
		return 8;
	const char *d = s;
	if (!strncasecmp(s, "color", 5))
		d = s + 5;
	if (!*d)
		return -2;
	for (const char *p = d; *p; p++)
		if (!isdigit((unsigned char)*p))
			return -2;
	long v = strtol(d, NULL, 10);
	return v >= 0 && v <= 255 ? (int)v : -2;
}

int theme_color8(int c)
{
	if (c < 0)
		return c;
	if (c < 8)
		return c;
	if (c < 16)
		return c - 8;
	int r, g, b;
	if (c >= 232) {
		int l = (c - 232) * 10 + 8;
		r = g = b = l;
	} else {
		int i = c - 16;
		static const int lv[6] = {0, 95, 135, 175, 215, 255};
		r = lv[i / 36];
		g = lv[(i / 6) % 6];
		b = lv[i % 6];
	}
	int max = r > g ? (r > b ? r : b) : (g > b ? g : b);
	if (max < 64)
		return 0; /* black */
	int t = max / 2;
	int idx = (r > t ? 1 : 0) | (g > t ? 2 : 0) | (b > t ? 4 : 0);
	return idx;
}

static int parse_attr(const char *s, unsigned *a)
{
	static const struct { const char *n; unsigned v; } tab[] = {
		{"bold", THEME_A_BOLD}, {"dim", THEME_A_DIM}, {"underline", THEME_A_UNDERLINE},
		{"reverse", THEME_A_REVERSE}, {"standout", THEME_A_STANDOUT},
		{"blink", THEME_A_BLINK}, {"italic", THEME_A_ITALIC}, {"normal", 0}, {"none", 0},
	};
	for (size_t i = 0; i < sizeof tab / sizeof tab[0]; i++)
		if (!strcasecmp(s, tab[i].n)) {
			*a |= tab[i].v;
			return 0;
		}
	return -1;
}

int theme_parse(struct theme *t, const char *text, char *err, size_t errlen)
{
	int line = 0;
	const char *p = text;
	while (*p) {
		line++;
		const char *e = strchr(p, '\n');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		char buf[512];
		if (n >= sizeof buf) {
			snprintf(err, errlen, "line %d: line too long", line);
			return line;
		}
		memcpy(buf, p, n);
		buf[n] = 0;
		p += n + (e ? 1 : 0);
		char *hash = strchr(buf, '#');
		if (hash)
			*hash = 0;
		char *w[16];
		int nw = 0;
		for (char *tok = strtok(buf, " \t\r"); tok && nw < 16; tok = strtok(NULL, " \t\r"))
			w[nw++] = tok;
		if (!nw)
			continue;
		if (!strcmp(w[0], "theme") && nw == 2) {
			snprintf(t->name, sizeof t->name, "%s", w[1]);
			continue;
		}
		if (strcmp(w[0], "color")) {
			snprintf(err, errlen, "line %d: unknown keyword '%s' (expected: color ELEMENT FG BG [ATTR...])", line, w[0]);
			return line;
		}
		if (nw < 4) {
			snprintf(err, errlen, "line %d: expected: color ELEMENT FG BG [ATTR...]", line);
			return line;
		}
		int el = -1;
		for (int i = 0; i < EL_COUNT; i++)
			if (!strcmp(w[1], el_names[i]))
				el = i;
		if (el < 0) {
			snprintf(err, errlen, "line %d: unknown element '%s'", line, w[1]);
			return line;
		}
		int fg = theme_color(w[2]), bg = theme_color(w[3]);
		if (fg == -2 || bg == -2) {
			snprintf(err, errlen, "line %d: unknown colour '%s'", line, fg == -2 ? w[2] : w[3]);
			return line;
		}
		unsigned a = 0;
		for (int i = 4; i < nw; i++)
			if (parse_attr(w[i], &a)) {
				snprintf(err, errlen, "line %d: unknown attribute '%s'", line, w[i]);
				return line;
			}
		t->st[el].fg = (short)fg;
		t->st[el].bg = (short)bg;
		t->st[el].attr = a;
		t->st[el].set = 1;
	}
	return 0;
}

static void theme_init(struct theme *t)
{
	memset(t, 0, sizeof *t);
	for (int i = 0; i < EL_COUNT; i++)
		t->st[i].fg = t->st[i].bg = -1;
}

static void set_default(struct theme *t)
{
	char e[256];
	theme_init(t);
	theme_parse(t, theme_default_text, e, sizeof e);
	snprintf(t->name, sizeof t->name, "default");
}

static char *read_file(const char *path)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return NULL;
	size_t cap = 4096, n = 0;
	char *b = malloc(cap);
	while (b) {
		size_t k = fread(b + n, 1, cap - n - 1, f);
		n += k;
		if (k == 0)
			break;
		if (n + 1 >= cap) {
			if (cap > (1u << 20))
				break;
			char *q = realloc(b, cap *= 2);
			if (!q) {
				free(b);
				b = NULL;
				break;
			}
			b = q;
		}
	}
	fclose(f);
	if (b)
		b[n] = 0;
	return b;
}

static int theme_dirs(char dirs[3][1024])
{
	int n = 0;
	const char *env = getenv("CIMTUI_THEME_DIR");
	if (env && *env)
		snprintf(dirs[n++], 1024, "%s", env);
	const char *x = getenv("XDG_CONFIG_HOME"), *h = getenv("HOME");
	if (x && *x)
		snprintf(dirs[n++], 1024, "%s/cimtui/themes", x);
	else if (h && *h)
		snprintf(dirs[n++], 1024, "%s/.config/cimtui/themes", h);
	snprintf(dirs[n++], 1024, "%s/themes", CIMTUI_DATADIR);
	return n;
}

int theme_load(struct theme *t, const char *name, char *err, size_t errlen)
{
	set_default(t);
	if (err && errlen)
		err[0] = 0;
	if (!name || !*name)
		return 0;
	if (strchr(name, '/') || name[0] == '.') {
		snprintf(err, errlen, "theme '%s': bad name", name);
		return -1;
	}
	char dirs[3][1024];
	int nd = theme_dirs(dirs);
	for (int i = 0; i < nd; i++) {
		char *path = NULL;
		if (asprintf(&path, "%s/%s.theme", dirs[i], name) < 0)
			continue;
		char *text = read_file(path);
		free(path);
		if (!text)
			continue;
		struct theme nt;
		theme_init(&nt);
		snprintf(nt.name, sizeof nt.name, "%s", name);
		char e[300];
		int bad = theme_parse(&nt, text, e, sizeof e);
		free(text);
		if (bad) {
			snprintf(err, errlen, "%s.theme: %s; using default theme", name, e);
			return -1;
		}
		/* elements the file does not set keep the default style */
		for (int k = 0; k < EL_COUNT; k++)
			if (nt.st[k].set)
				t->st[k] = nt.st[k];
		snprintf(t->name, sizeof t->name, "%s", name);
		return 0;
	}
	if (!strcmp(name, "default"))
		return 0;
	snprintf(err, errlen, "theme '%s' not found; using default", name);
	return -1;
}

static int cmpstr(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

char **theme_list(void)
{
	char dirs[3][1024];
	int nd = theme_dirs(dirs);
	size_t n = 0, cap = 16;
	char **v = calloc(cap, sizeof *v);
	if (!v)
		return NULL;
	v[n++] = strdup("default");
	for (int i = 0; i < nd; i++) {
		DIR *d = opendir(dirs[i]);
		if (!d)
			continue;
		struct dirent *de;
		while ((de = readdir(d))) {
			size_t l = strlen(de->d_name);
			if (l <= 6 || strcmp(de->d_name + l - 6, ".theme"))
				continue;
			char nm[256];
			snprintf(nm, sizeof nm, "%.*s", (int)(l - 6), de->d_name);
			int dup = 0;
			for (size_t k = 0; k < n; k++)
				if (!strcmp(v[k], nm))
					dup = 1;
			if (dup)
				continue;
			if (n + 2 > cap) {
				char **q = realloc(v, (cap *= 2) * sizeof *v);
				if (!q)
					break;
				v = q;
			}
			v[n++] = strdup(nm);
		}
		closedir(d);
	}
	v[n] = NULL;
	qsort(v, n, sizeof *v, cmpstr);
	return v;
}

/* ---- curses side ---- */
static int el_attr[EL_COUNT];

static int curses_attr(unsigned a)
{
	int r = 0;
	if (a & THEME_A_BOLD) r |= A_BOLD;
	if (a & THEME_A_DIM) r |= A_DIM;
	if (a & THEME_A_UNDERLINE) r |= A_UNDERLINE;
	if (a & THEME_A_REVERSE) r |= A_REVERSE;
	if (a & THEME_A_STANDOUT) r |= A_STANDOUT;
	if (a & THEME_A_BLINK) r |= A_BLINK;
#ifdef A_ITALIC
	if (a & THEME_A_ITALIC) r |= A_ITALIC;
#endif
	return r;
}

void theme_apply(const struct theme *t)
{
	const char *nc = getenv("NO_COLOR");
	int color = has_colors() && !(nc && *nc);
	if (color) {
		start_color();
		use_default_colors();
	}
	int npairs = 1;
	for (int i = 0; i < EL_COUNT; i++) {
		const struct theme_style *s = &t->st[i];
		int a = curses_attr(s->attr);
		if (color && (s->fg >= 0 || s->bg >= 0) && npairs < COLOR_PAIRS) {
			int fg = s->fg, bg = s->bg;
			if (fg >= COLORS)
				fg = theme_color8(fg) ;
			if (bg >= COLORS)
				bg = theme_color8(bg);
			if (COLORS < 16) {
				if (fg >= 8) { fg -= 8; a |= A_BOLD; }
				if (bg >= 8) bg -= 8;
			}
			/* de-duplicate */
			int pair = 0;
			for (int k = 1; k < npairs; k++) {
				short f2, b2;
				pair_content((short)k, &f2, &b2);
				if (f2 == fg && b2 == bg) { pair = k; break; }
			}
			if (!pair) {
				pair = npairs++;
				init_pair((short)pair, (short)fg, (short)bg);
			}
			a |= COLOR_PAIR(pair);
		} else if (!color) {
			/* mono: keep the UI readable with attributes alone */
			if (i == EL_CURSOR || i == EL_STATUS || i == EL_TITLE || i == EL_CMDLINE)
				a |= A_REVERSE;
			if (i == EL_ERROR || i == EL_KEY || i == EL_HEADER || i == EL_INSECURE)
				a |= A_BOLD;
		}
		el_attr[i] = a;
	}
}

int theme_attr(int el)
{
	return el >= 0 && el < EL_COUNT ? el_attr[el] : 0;
}
