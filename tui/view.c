/* view.c - view stack and the line-list helper.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "view.h"

#include <ctype.h>
#include <curses.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "actions.h"
#include "draw.h"

struct ui U;

void ui_message(int el, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(U.msg, sizeof U.msg, fmt, ap);
	va_end(ap);
	U.msg_el = el;
}

void ui_push(struct view *v)
{
	if (!v)
		return;
	if (U.depth == (int)(sizeof U.stack / sizeof U.stack[0])) {
		/* drop the oldest */
		view_free(U.stack[0]);
		memmove(U.stack, U.stack + 1, sizeof U.stack[0] * (size_t)(U.depth - 1));
		U.depth--;
	}
	U.stack[U.depth++] = v;
}

void ui_pop(void)
{
	if (!U.depth)
		return;
	view_free(U.stack[--U.depth]);
}

struct view *ui_top(void)
{
	return U.depth ? U.stack[U.depth - 1] : NULL;
}

void ui_cancel_all(void)
{
	for (int i = 0; i < U.depth; i++)
		if (pager_running(U.stack[i]->pager))
			pager_cancel(U.stack[i]->pager);
}

void view_init(struct view *v, const struct view_ops *ops, const char *ns)
{
	v->ops = ops;
	v->ns = ns ? strdup(ns) : NULL;
}

void view_free(struct view *v)
{
	if (!v)
		return;
	if (v->ops->free)
		v->ops->free(v);
	pager_release(v->pager);
	lines_clear(&v->L);
	free(v->L.v);
	free(v->vis);
	free(v->ns);
	free(v->filter);
	free(v);
}

size_t view_count(struct view *v)
{
	return v->ops->count ? v->ops->count(v) : v->nvis;
}

void view_clamp(struct view *v, size_t n, int h)
{
	if (h < 1)
		h = 1;
	if (n == 0) {
		v->cur = v->top = 0;
		return;
	}
	if (v->cur >= n)
		v->cur = n - 1;
	if (v->cur < v->top)
		v->top = v->cur;
	if (v->cur >= v->top + (size_t)h)
		v->top = v->cur - (size_t)h + 1;
	if (v->top + (size_t)h > n)
		v->top = n > (size_t)h ? n - (size_t)h : 0;
}

int view_nav(struct view *v, int act, size_t n, int h)
{
	size_t page = h > 1 ? (size_t)h - 1 : 1;
	switch (act) {
	case ACT_UP:
		if (v->cur)
			v->cur--;
		break;
	case ACT_DOWN:
		if (v->cur + 1 < n)
			v->cur++;
		break;
	case ACT_PAGE_UP:
		v->cur = v->cur > page ? v->cur - page : 0;
		v->top = v->top > page ? v->top - page : 0;
		break;
	case ACT_PAGE_DOWN:
		v->cur = n ? (v->cur + page < n ? v->cur + page : n - 1) : 0;
		v->top += page;
		break;
	case ACT_HOME:
		v->cur = 0;
		break;
	case ACT_END:
		v->cur = n ? n - 1 : 0;
		break;
	default:
		return 0;
	}
	view_clamp(v, n, h);
	return 1;
}

void lines_clear(struct lines *L)
{
	for (size_t i = 0; i < L->n; i++)
		for (int k = 0; k < L->v[i].nseg; k++)
			free(L->v[i].seg[k]);
	L->n = 0;
}

struct line *lines_add(struct lines *L, int indent, long tag, const void *ptr)
{
	if (L->n == L->cap) {
		size_t nc = L->cap ? L->cap * 2 : 64;
		struct line *q = realloc(L->v, nc * sizeof *q);
		if (!q)
			abort();
		L->v = q;
		L->cap = nc;
	}
	struct line *ln = &L->v[L->n++];
	memset(ln, 0, sizeof *ln);
	ln->indent = indent;
	ln->tag = tag;
	ln->ptr = ptr;
	return ln;
}

void line_segn(struct line *ln, int el, int w, const char *s, size_t n)
{
	if (ln->nseg == LINE_SEGS)
		return;
	char *t = malloc(n + 1);
	if (!t)
		abort();
	memcpy(t, s, n);
	t[n] = 0;
	ln->seg[ln->nseg] = t;
	ln->el[ln->nseg] = (short)el;
	ln->w[ln->nseg] = (short)w;
	ln->nseg++;
}

void line_seg(struct line *ln, int el, int w, const char *fmt, ...)
{
	char *s = NULL;
	va_list ap;
	va_start(ap, fmt);
	int r = vasprintf(&s, fmt, ap);
	va_end(ap);
	if (r < 0)
		abort();
	line_segn(ln, el, w, s, (size_t)r);
	free(s);
}

void lines_wrap(struct lines *L, int indent, int el, const char *text, int cols)
{
	if (cols < 10)
		cols = 10;
	char *safe = draw_escape(text, strlen(text));
	const char *p = safe;
	if (!*p)
		line_seg(lines_add(L, indent, -1, NULL), el, 0, "%s", "");
	while (*p) {
		const char *nl = strchr(p, '\n');
		int w;
		size_t n = draw_cut(p, cols, &w);
		if (nl && (size_t)(nl - p) <= n) {
			n = (size_t)(nl - p);
		} else if (p[n]) {
			/* break at the last space */
			size_t b = n;
			while (b > 0 && p[b] != ' ')
				b--;
			if (b > 0)
				n = b;
		}
		line_segn(lines_add(L, indent, -1, NULL), el, 0, p, n);
		p += n;
		if (*p == '\n' || *p == ' ')
			p++;
	}
	free(safe);
}

static int ci_contains(const char *s, const char *f)
{
	size_t fl = strlen(f);
	for (; *s; s++) {
		size_t k = 0;
		while (k < fl && s[k] && tolower((unsigned char)s[k]) == tolower((unsigned char)f[k]))
			k++;
		if (k == fl)
			return 1;
	}
	return fl == 0;
}

int line_matches(const struct line *ln, const char *f)
{
	if (!f || !*f)
		return 1;
	for (int k = 0; k < ln->nseg; k++)
		if (ci_contains(ln->seg[k], f))
			return 1;
	return 0;
}

void view_lines_filter(struct view *v)
{
	free(v->vis);
	v->vis = malloc((v->L.n + 1) * sizeof *v->vis);
	if (!v->vis)
		abort();
	v->nvis = 0;
	for (size_t i = 0; i < v->L.n; i++)
		if (line_matches(&v->L.v[i], v->filter))
			v->vis[v->nvis++] = i;
	view_clamp(v, v->nvis, U.body_h);
}

void view_lines_draw(struct view *v, int y0, int h)
{
	view_clamp(v, v->nvis, h);
	for (int r = 0; r < h; r++) {
		size_t i = v->top + (size_t)r;
		int y = y0 + r;
		if (i >= v->nvis) {
			draw_fill(y, 0, COLS, theme_attr(EL_DEFAULT));
			continue;
		}
		const struct line *ln = &v->L.v[v->vis[i]];
		int cur = i == v->cur;
		int base = theme_attr(cur ? EL_CURSOR : EL_DEFAULT);
		int x = 0;
		draw_fill(y, 0, ln->indent < COLS ? ln->indent : COLS, base);
		x = ln->indent;
		for (int k = 0; k < ln->nseg && x < COLS; k++) {
			int w = ln->w[k] > 0 ? ln->w[k] : COLS - x;
			if (w > COLS - x)
				w = COLS - x;
			int a = cur ? base : theme_attr(ln->el[k]);
			x += draw_text(y, x, ln->seg[k], w, a, ln->w[k] > 0);
			if (ln->w[k] > 0 && x < COLS) {
				draw_text(y, x, " ", 1, cur ? base : theme_attr(EL_DEFAULT), 1);
				x++;
			}
		}
		if (x < COLS)
			draw_fill(y, x, COLS - x, base);
	}
}
