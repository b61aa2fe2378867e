/* draw.c - width-aware text and control-character escaping.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "draw.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

struct sbuf {
	char *p;
	size_t n, cap;
};

static void sb_add(struct sbuf *b, const char *s, size_t n)
{
	if (b->n + n + 1 > b->cap) {
		size_t c = b->cap ? b->cap * 2 : 64;
		while (c < b->n + n + 1)
			c *= 2;
		char *q = realloc(b->p, c);
		if (!q)
			abort();
		b->p = q;
		b->cap = c;
	}
	memcpy(b->p + b->n, s, n);
	b->n += n;
	b->p[b->n] = 0;
}

/* 1 when the code point must not reach the terminal as is. */
static int unsafe_wc(wchar_t wc)
{
	if (wc < 0x20 || wc == 0x7f || (wc >= 0x80 && wc < 0xa0))
		return 1;
	if (wc == 0x200b || wc == 0x200c || wc == 0x200d || wc == 0x200e || wc == 0x200f ||
	    (wc >= 0x202a && wc <= 0x202e) || (wc >= 0x2066 && wc <= 0x2069) ||
	    wc == 0xfeff || wc == 0x2028 || wc == 0x2029 || wc == 0x061c)
		return 1;
	if (wcwidth(wc) < 0)
		return 1;
	return 0;
}

static void esc_wc(struct sbuf *b, wchar_t wc)
{
	char t[16];
	if (wc < 0x20)
		snprintf(t, sizeof t, "^%c", (char)(wc + 0x40));
	else if (wc == 0x7f)
		snprintf(t, sizeof t, "^?");
	else if (wc < 0xa0)
		snprintf(t, sizeof t, "\\x%02x", (unsigned)wc);
	else
		snprintf(t, sizeof t, "\\u{%04X}", (unsigned)wc);
	sb_add(b, t, strlen(t));
}

static int scan(const char *s, size_t len, struct sbuf *b)
{
	mbstate_t st;
	memset(&st, 0, sizeof st);
	size_t i = 0;
	while (i < len) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x20 && c < 0x7f) {
			if (!b)
				{ i++; continue; }
			size_t j = i;
			while (j < len && (unsigned char)s[j] >= 0x20 && (unsigned char)s[j] < 0x7f)
				j++;
			sb_add(b, s + i, j - i);
			i = j;
			continue;
		}
		wchar_t wc;
		size_t k = mbrtowc(&wc, s + i, len - i, &st);
		if (k == (size_t)-1 || k == (size_t)-2 || k == 0) {
			if (k == 0) { /* embedded NUL */
				if (!b)
					return 0;
				sb_add(b, "^@", 2);
				i++;
				memset(&st, 0, sizeof st);
				continue;
			}
			if (!b)
				return 0;
			char t[8];
			snprintf(t, sizeof t, "\\x%02x", c);
			sb_add(b, t, 4);
			memset(&st, 0, sizeof st);
			i++;
			continue;
		}
		if (unsafe_wc(wc)) {
			if (!b)
				return 0;
			esc_wc(b, wc);
		} else if (b) {
			sb_add(b, s + i, k);
		}
		i += k;
	}
	return 1;
}

int draw_is_safe(const char *s, size_t len)
{
	return scan(s, len, NULL);
}

char *draw_escape(const char *s, size_t len)
{
	struct sbuf b = {0};
	sb_add(&b, "", 0);
	if (s)
		scan(s, len, &b);
	return b.p;
}

/* width of one character at s (safe text); *n gets its byte length */
static int glyph(const char *s, size_t *n)
{
	unsigned char c = (unsigned char)*s;
	if (c < 0x80) {
		*n = 1;
		return 1;
	}
	mbstate_t st;
	memset(&st, 0, sizeof st);
	wchar_t wc;
	size_t k = mbrtowc(&wc, s, MB_CUR_MAX, &st);
	if (k == (size_t)-1 || k == (size_t)-2 || k == 0) {
		*n = 1;
		return 1;
	}
	*n = k;
	int w = wcwidth(wc);
	return w < 0 ? 1 : w;
}

int draw_width(const char *s)
{
	int w = 0;
	while (*s) {
		size_t n;
		w += glyph(s, &n);
		s += n;
	}
	return w;
}

size_t draw_cut(const char *s, int cols, int *width)
{
	int w = 0;
	size_t i = 0;
	while (s[i]) {
		size_t n;
		int g = glyph(s + i, &n);
		if (w + g > cols)
			break;
		w += g;
		i += n;
	}
	if (width)
		*width = w;
	return i;
}

size_t draw_skip(const char *s, int skip)
{
	int w = 0;
	size_t i = 0;
	while (s[i] && w < skip) {
		size_t n;
		w += glyph(s + i, &n);
		i += n;
	}
	/* combining marks belong to the skipped base */
	while (s[i]) {
		size_t n;
		if (glyph(s + i, &n) != 0)
			break;
		i += n;
	}
	return i;
}

char *draw_count(unsigned long long n, char *buf, size_t size)
{
	char t[32];
	int len = snprintf(t, sizeof t, "%llu", n);
	size_t o = 0;
	for (int i = 0; i < len && o + 1 < size; i++) {
		if (i && (len - i) % 3 == 0 && o + 2 < size)
			buf[o++] = ',';
		buf[o++] = t[i];
	}
	buf[o] = 0;
	return buf;
}

int draw_textn(int y, int x, const char *s, size_t len, int cols, int attr, int pad)
{
	if (cols <= 0)
		return 0;
	char *e = NULL;
	const char *t = s ? s : "";
	if (s && !draw_is_safe(s, len))
		t = e = draw_escape(s, len);
	else if (s && strlen(s) != len) {
		e = malloc(len + 1);
		if (!e)
			abort();
		memcpy(e, s, len);
		e[len] = 0;
		t = e;
	}
	int w;
	size_t n = draw_cut(t, cols, &w);
	attrset(attr);
	mvaddnstr(y, x, t, (int)n);
	if (pad)
		for (int i = w; i < cols; i++)
			addch(' ');
	attrset(A_NORMAL);
	free(e);
	return pad ? cols : w;
}

int draw_text(int y, int x, const char *s, int cols, int attr, int pad)
{
	return draw_textn(y, x, s, s ? strlen(s) : 0, cols, attr, pad);
}

void draw_fill(int y, int x, int cols, int attr)
{
	attrset(attr);
	move(y, x);
	for (int i = 0; i < cols; i++)
		addch(' ');
	attrset(A_NORMAL);
}
