/* fuzz_theme.c - libFuzzer target for the colour theme parser
 * (tui/theme.c: "theme NAME" and "color ELEMENT FG BG [ATTR...]" lines).
 *
 * The input, NUL-terminated and cut at the first NUL, goes through
 * theme_parse on a fresh theme.  A failure must report the line number
 * (>= 1) and a message.  On success every element's colours must be -1
 * (default) or 0..255 and its attributes known bits; the theme is then
 * written back as theme text, which must parse into an identical theme.
 * theme_color/theme_color8 are checked on the input's first word too.
 * Only the parser is called: nothing here touches the terminal, though
 * theme.c is linked with ncursesw for its colour-pair code.
 *
 * fuzz-sources: tui/theme.c
 * fuzz-pkgs: ncursesw
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/theme.h"

#define ALL_ATTRS (THEME_A_BOLD | THEME_A_DIM | THEME_A_UNDERLINE | THEME_A_REVERSE | \
	THEME_A_STANDOUT | THEME_A_BLINK | THEME_A_ITALIC)

static void
fresh(struct theme *t)
{
	memset(t, 0, sizeof *t);
	for (int i = 0; i < EL_COUNT; i++)
		t->st[i].fg = t->st[i].bg = -1;
}

static void
put(char **p, size_t *left, const char *fmt, int a)
{
	int n = snprintf(*p, *left, fmt, a);
	if (n < 0 || (size_t)n >= *left)
		__builtin_trap();
	*p += n, *left -= (size_t)n;
}

/* Writes t as theme text. */
static void
unparse(const struct theme *t, char *out, size_t cap)
{
	static const char *const attr_names[] = { "bold", "dim", "underline", "reverse",
		"standout", "blink", "italic" };
	char *p = out;
	size_t left = cap;
	*p = '\0';
	if (t->name[0]) {
		int n = snprintf(p, left, "theme %s\n", t->name);
		if (n < 0 || (size_t)n >= left)
			__builtin_trap();
		p += n, left -= (size_t)n;
	}
	for (int i = 0; i < EL_COUNT; i++) {
		const struct theme_style *s = &t->st[i];
		if (!s->set)
			continue;
		int n = snprintf(p, left, "color %s", theme_element_name(i));
		if (n < 0 || (size_t)n >= left)
			__builtin_trap();
		p += n, left -= (size_t)n;
		put(&p, &left, s->fg < 0 ? " default" : " color%d", s->fg);
		put(&p, &left, s->bg < 0 ? " default" : " %d", s->bg);
		for (int b = 0; b < 7; b++)
			if (s->attr & (1u << b)) {
				int m = snprintf(p, left, " %s", attr_names[b]);
				if (m < 0 || (size_t)m >= left)
					__builtin_trap();
				p += m, left -= (size_t)m;
			}
		put(&p, &left, "%c", '\n');
	}
}

static void
check_color(const char *word)
{
	int c = theme_color(word);
	if (c == -2)
		return;
	if (c < -1 || c > 255)
		__builtin_trap();
	int c8 = theme_color8(c);
	if (c < 0 ? c8 != c : (c8 < 0 || c8 > 7))
		__builtin_trap();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);
	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';

	char word[64];
	size_t wl = strcspn(text, " \t\r\n");
	if (wl < sizeof word) {
		memcpy(word, text, wl);
		word[wl] = '\0';
		check_color(word);
	}

	static struct theme t, again;
	char err[256];
	fresh(&t);
	err[0] = '\0';
	int bad = theme_parse(&t, text, err, sizeof err);
	if (bad < 0 || (bad > 0 && !err[0]))
		__builtin_trap();
	for (int i = 0; i < EL_COUNT; i++) {
		const struct theme_style *s = &t.st[i];
		if (s->fg < -1 || s->fg > 255 || s->bg < -1 || s->bg > 255 || (s->attr & ~ALL_ATTRS) ||
		    s->set > 1)
			__builtin_trap();
	}
	if (memchr(t.name, '\0', sizeof t.name) == NULL)
		__builtin_trap();
	if (bad == 0) {
		static char out[8192];
		unparse(&t, out, sizeof out);
		fresh(&again);
		if (theme_parse(&again, out, err, sizeof err) != 0)
			__builtin_trap(); /* written theme does not read back */
		if (strcmp(t.name, again.name))
			__builtin_trap();
		for (int i = 0; i < EL_COUNT; i++) {
			const struct theme_style *a = &t.st[i], *b = &again.st[i];
			if (a->set != b->set || (a->set && (a->fg != b->fg || a->bg != b->bg ||
			    a->attr != b->attr)))
				__builtin_trap();
		}
	}
	free(text);
	return 0;
}
