/* view_instances.c - the instances table (view 3): key properties first,
 * columns chosen with :columns, sortable, horizontally scrollable; rows
 * appear while the pager pulls them.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <curses.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "actions.h"
#include "draw.h"
#include "view.h"
#include "wbem_path.h"

#define WIDTH_SAMPLE 2000
#define COL_MAX 40

struct instview {
	struct view v;
	enum pager_op op;
	char *arg;
	MI_Instance *key;
	int *vcols;
	int nv;
	int user_cols;
	unsigned ncols_seen;
	size_t width_scanned;
	size_t shown;
	double sorted_at;
};

static struct rows *R(struct view *v)
{
	return v->pager ? v->pager->rows : NULL;
}

static int hidden(const struct rows_col *c)
{
	return !strncmp(c->name, "__", 2);
}

/* default column order: keys first (rows lock held) */
static void default_cols(struct instview *iv, struct rows *r)
{
	free(iv->vcols);
	iv->vcols = malloc((r->ncols + 1) * sizeof *iv->vcols);
	iv->nv = 0;
	if (!iv->vcols)
		return;
	for (int pass = 0; pass < 2; pass++)
		for (unsigned c = 0; c < r->ncols; c++)
			if (!hidden(&r->cols[c]) && (r->cols[c].key ? pass == 0 : pass == 1))
				iv->vcols[iv->nv++] = (int)c;
	iv->ncols_seen = r->ncols;
}

static void scan_widths(struct instview *iv, struct rows *r)
{
	if (iv->ncols_seen != r->ncols && !iv->user_cols)
		default_cols(iv, r);
	for (unsigned c = 0; c < r->ncols; c++) {
		int hw = draw_width(r->cols[c].name) + (r->cols[c].key ? 1 : 0);
		if (r->cols[c].width < hw)
			r->cols[c].width = hw;
	}
	size_t end = r->n < WIDTH_SAMPLE ? r->n : WIDTH_SAMPLE;
	for (size_t i = iv->width_scanned; i < end; i++)
		for (unsigned c = 0; c < r->ncols; c++) {
			size_t len;
			const char *s = rows_cell(r, i, c, &len);
			int w = 4; /* NULL */
			if (s) {
				char *e = draw_escape(s, len);
				w = draw_width(e);
				free(e);
			}
			if (w > COL_MAX)
				w = COL_MAX;
			if (w > r->cols[c].width)
				r->cols[c].width = w;
		}
	if (end > iv->width_scanned)
		iv->width_scanned = end;
}

static int update(struct view *v)
{
	struct instview *iv = (struct instview *)v;
	struct rows *r = R(v);
	if (!r)
		return 0;
	pthread_mutex_lock(&r->lock);
	int running = pager_running(v->pager);
	double t = now_s();
	int resort = !running || t - iv->sorted_at > 1.0;
	if (r->sortcol >= 0 && resort && r->sort_dirty)
		iv->sorted_at = t;
	rows_view_update(r, resort);
	scan_widths(iv, r);
	size_t n = r->nidx;
	pthread_mutex_unlock(&r->lock);
	int changed = n != iv->shown;
	iv->shown = n;
	return changed;
}

static size_t count(struct view *v)
{
	struct rows *r = R(v);
	if (!r)
		return 0;
	pthread_mutex_lock(&r->lock);
	size_t n = r->nidx;
	pthread_mutex_unlock(&r->lock);
	return n;
}

static void draw(struct view *v, int y0, int h)
{
	struct instview *iv = (struct instview *)v;
	struct rows *r = R(v);
	if (!r || h < 2)
		return;
	pthread_mutex_lock(&r->lock);
	if (v->hscroll >= iv->nv)
		v->hscroll = iv->nv ? iv->nv - 1 : 0;
	if (v->hscroll < 0)
		v->hscroll = 0;
	/* header */
	int x = 0;
	int hattr = theme_attr(EL_HEADER);
	for (int k = v->hscroll; k < iv->nv && x < COLS; k++) {
		struct rows_col *c = &r->cols[iv->vcols[k]];
		int w = c->width;
		if (w > COLS - x)
			w = COLS - x;
		char nm[300];
		snprintf(nm, sizeof nm, "%s%s%s", c->key ? "*" : "", c->name,
			r->sortcol == iv->vcols[k] ? (r->sortdesc ? "v" : "^") : "");
		x += draw_text(y0, x, nm, w, c->key ? (hattr | theme_attr(EL_KEY)) : hattr, 1);
		if (x < COLS)
			x += draw_text(y0, x, " ", 1, theme_attr(EL_DEFAULT), 1);
	}
	if (x < COLS)
		draw_fill(y0, x, COLS - x, theme_attr(EL_DEFAULT));
	int rows_h = h - 1;
	view_clamp(v, r->nidx, rows_h);
	for (int k = 0; k < rows_h; k++) {
		size_t p = v->top + (size_t)k;
		int y = y0 + 1 + k;
		if (p >= r->nidx) {
			draw_fill(y, 0, COLS, theme_attr(EL_DEFAULT));
			continue;
		}
		size_t i = rows_at(r, p);
		int cur = p == v->cur;
		int base = theme_attr(cur ? EL_CURSOR : EL_DEFAULT);
		x = 0;
		for (int j = v->hscroll; j < iv->nv && x < COLS; j++) {
			int c = iv->vcols[j];
			int w = r->cols[c].width;
			if (w > COLS - x)
				w = COLS - x;
			size_t len;
			const char *s = rows_cell(r, i, (unsigned)c, &len);
			if (!s)
				x += draw_text(y, x, "NULL", w, cur ? base : theme_attr(EL_NULLVAL), 1);
			else
				x += draw_textn(y, x, s, len, w, cur ? base : theme_attr(r->cols[c].key ? EL_KEY : EL_VALUE), 1);
			if (x < COLS)
				x += draw_text(y, x, " ", 1, base, 1);
		}
		if (x < COLS)
			draw_fill(y, x, COLS - x, base);
	}
	pthread_mutex_unlock(&r->lock);
}

static void quote(struct sbuf *b, const char *s, size_t n)
{
	sb_putc(b, '"');
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '"' || s[i] == '\\')
			sb_putc(b, '\\');
		sb_putc(b, s[i]);
	}
	sb_putc(b, '"');
}

/* The key path of the row under the cursor: "CLASS.k=v,..." (malloc'd) */
static char *row_path(struct view *v)
{
	struct rows *r = R(v);
	char *res = NULL;
	if (!r)
		return NULL;
	pthread_mutex_lock(&r->lock);
	if (v->cur < r->nidx) {
		size_t i = rows_at(r, v->cur), len;
		struct sbuf b = SBUF_INIT;
		const char *cls = rows_cell(r, i, 0, &len);
		sb_putn(&b, cls ? cls : "", cls ? len : 0);
		int nk = 0;
		for (unsigned c = 1; c < r->ncols; c++) {
			if (!r->cols[c].key)
				continue;
			const char *s = rows_cell(r, i, c, &len);
			if (!s)
				continue;
			sb_putc(&b, nk++ ? ',' : '.');
			sb_puts(&b, r->cols[c].name);
			sb_putc(&b, '=');
			int t = r->cols[c].type;
			if ((t >= MI_UINT8 && t <= MI_REAL64) || t == MI_BOOLEAN)
				sb_putn(&b, s, len);
			else
				quote(&b, s, len);
		}
		if (nk)
			res = sb_take(&b);
		sb_free(&b);
	}
	pthread_mutex_unlock(&r->lock);
	return res;
}

static void restart(struct instview *iv)
{
	struct view *v = &iv->v;
	pager_release(v->pager);
	v->pager = pager_start(U.session, iv->op, v->ns, iv->arg, iv->key);
	v->cur = v->top = 0;
	iv->width_scanned = 0;
	iv->shown = (size_t)-1;
	iv->ncols_seen = 0;
	if (v->pager && v->filter) {
		pthread_mutex_lock(&v->pager->rows->lock);
		rows_set_filter(v->pager->rows, v->filter);
		pthread_mutex_unlock(&v->pager->rows->lock);
	}
}

static int action(struct view *v, int act)
{
	struct instview *iv = (struct instview *)v;
	switch (act) {
	case ACT_ENTER: {
		char *path = row_path(v);
		if (!path) {
			ui_message(EL_ERROR, "this row has no key properties to fetch it by");
			return 1;
		}
		struct wbem_path wp;
		char *err = NULL;
		if (wbem_path_parse(U.app, path, &wp, &err) == 0) {
			ui_push(view_instance_new(wp.ns ? wp.ns : v->ns, wp.keys));
			wbem_path_free(&wp);
		} else {
			ui_message(EL_ERROR, "%s: %s", path, err ? err : "bad path");
			free(err);
		}
		free(path);
		return 1;
	}
	case ACT_SCROLL_LEFT:
		if (v->hscroll > 0)
			v->hscroll--;
		return 1;
	case ACT_SCROLL_RIGHT:
		if (v->hscroll + 1 < iv->nv)
			v->hscroll++;
		return 1;
	case ACT_SORT: {
		struct rows *r = R(v);
		if (!r || !iv->nv)
			return 1;
		pthread_mutex_lock(&r->lock);
		int c = iv->vcols[v->hscroll < iv->nv ? v->hscroll : 0];
		rows_set_sort(r, c, r->sortcol == c ? !r->sortdesc : 0);
		ui_message(EL_MESSAGE, "sorted by %s%s", r->cols[c].name, r->sortdesc ? " (descending)" : "");
		pthread_mutex_unlock(&r->lock);
		return 1;
	}
	case ACT_CLASSDEF:
		if (iv->op == PO_ENUM)
			ui_push(view_classdef_new(v->ns, iv->arg));
		else {
			char *p = row_path(v);
			if (p) {
				char *dot = strchr(p, '.');
				if (dot)
					*dot = 0;
				ui_push(view_classdef_new(v->ns, p));
				free(p);
			}
		}
		return 1;
	case ACT_RELOAD:
		restart(iv);
		return 1;
	}
	return 0;
}

static void set_filter(struct view *v, const char *f)
{
	struct rows *r = R(v);
	if (!r)
		return;
	pthread_mutex_lock(&r->lock);
	rows_set_filter(r, f);
	pthread_mutex_unlock(&r->lock);
	v->cur = v->top = 0;
}

static void title(struct view *v, char *buf, size_t n)
{
	struct instview *iv = (struct instview *)v;
	char k[200] = "";
	if (iv->key) {
		struct sbuf b = SBUF_INIT;
		wbem_path_format(&b, iv->key, 0);
		snprintf(k, sizeof k, "%s", sb_str(&b));
		sb_free(&b);
	}
	switch (iv->op) {
	case PO_QUERY: snprintf(buf, n, "Query in %s: %s", v->ns, iv->arg); break;
	case PO_ASSOC: snprintf(buf, n, "Associators of %s", k); break;
	case PO_REFS: snprintf(buf, n, "References of %s", k); break;
	default: snprintf(buf, n, "Instances of %s in %s", iv->arg, v->ns); break;
	}
}

static void ifree(struct view *v)
{
	struct instview *iv = (struct instview *)v;
	free(iv->vcols);
	free(iv->arg);
	if (iv->key)
		MI_Instance_Delete(iv->key);
}

static const struct view_ops ops = {
	.kind = VK_INSTANCES, .name = "instances",
	.draw = draw, .action = action, .update = update, .free = ifree, .title = title,
	.set_filter = set_filter, .count = count,
};

struct view *view_instances_new(enum pager_op op, const char *ns, const char *arg, const MI_Instance *key)
{
	struct instview *iv = calloc(1, sizeof *iv);
	if (!iv)
		return NULL;
	view_init(&iv->v, &ops, ns);
	iv->op = op;
	iv->arg = arg ? strdup(arg) : NULL;
	if (key)
		MI_Instance_Clone(key, &iv->key);
	iv->shown = (size_t)-1;
	iv->v.pager = pager_start(U.session, op, ns, arg, key);
	return &iv->v;
}

char **view_instances_columns(struct view *v)
{
	struct rows *r = v->ops->kind == VK_INSTANCES ? R(v) : NULL;
	if (!r)
		return NULL;
	pthread_mutex_lock(&r->lock);
	char **l = calloc(r->ncols + 1, sizeof *l);
	size_t k = 0;
	for (unsigned c = 0; l && c < r->ncols; c++)
		if (!hidden(&r->cols[c]))
			l[k++] = strdup(r->cols[c].name);
	pthread_mutex_unlock(&r->lock);
	return l;
}

int view_instances_set_columns(struct view *v, const char *spec)
{
	struct instview *iv = (struct instview *)v;
	struct rows *r = R(v);
	if (v->ops->kind != VK_INSTANCES || !r)
		return -1;
	pthread_mutex_lock(&r->lock);
	if (!spec || !*spec || !strcmp(spec, "*") || !strcasecmp(spec, "default")) {
		iv->user_cols = 0;
		default_cols(iv, r);
		pthread_mutex_unlock(&r->lock);
		return 0;
	}
	char *s = strdup(spec);
	int *cols = malloc((r->ncols + 1) * sizeof *cols);
	int n = 0, bad = 0;
	for (char *tok = strtok(s, ", "); tok && cols; tok = strtok(NULL, ", ")) {
		int c = rows_find_col(r, tok);
		if (c < 0) {
			ui_message(EL_ERROR, "no property '%s' in these rows", tok);
			bad = 1;
			continue;
		}
		if (n < (int)r->ncols)
			cols[n++] = c;
	}
	free(s);
	if (n) {
		free(iv->vcols);
		iv->vcols = cols;
		iv->nv = n;
		iv->user_cols = 1;
		v->hscroll = 0;
	} else {
		free(cols);
	}
	pthread_mutex_unlock(&r->lock);
	return n && !bad ? 0 : -1;
}

int view_instances_sort(struct view *v, const char *prop, int desc)
{
	struct rows *r = R(v);
	if (v->ops->kind != VK_INSTANCES || !r)
		return -1;
	pthread_mutex_lock(&r->lock);
	int c = prop && *prop ? rows_find_col(r, prop) : -1;
	if (prop && *prop && c < 0) {
		pthread_mutex_unlock(&r->lock);
		return -1;
	}
	rows_set_sort(r, c, desc);
	pthread_mutex_unlock(&r->lock);
	return 0;
}

static void json_str(FILE *f, const char *s, size_t n)
{
	fputc('"', f);
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '"' || c == '\\')
			fprintf(f, "\\%c", c);
		else if (c < 0x20)
			fprintf(f, "\\u%04x", c);
		else
			fputc(c, f);
	}
	fputc('"', f);
}

static void csv_str(FILE *f, const char *s, size_t n)
{
	int q = 0;
	for (size_t i = 0; i < n; i++)
		if (s[i] == ',' || s[i] == '"' || s[i] == '\n' || s[i] == '\r')
			q = 1;
	if (!q) {
		fwrite(s, 1, n, f);
		return;
	}
	fputc('"', f);
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '"')
			fputc('"', f);
		fputc(s[i], f);
	}
	fputc('"', f);
}

int view_instances_export(struct view *v, const char *file, const char *fmt, char *err, size_t errlen)
{
	struct instview *iv = (struct instview *)v;
	struct rows *r = R(v);
	if (v->ops->kind != VK_INSTANCES || !r) {
		snprintf(err, errlen, "export works in an instances view");
		return -1;
	}
	int json = !fmt || !strcasecmp(fmt, "json");
	if (!json && strcasecmp(fmt, "csv")) {
		snprintf(err, errlen, "format '%s' not supported here (json, csv)", fmt);
		return -1;
	}
	FILE *f = fopen(file, "w");
	if (!f) {
		snprintf(err, errlen, "%s: %s", file, strerror(errno));
		return -1;
	}
	pthread_mutex_lock(&r->lock);
	size_t n = r->nidx;
	if (json)
		fputs("[\n", f);
	else {
		for (int k = 0; k < iv->nv; k++) {
			if (k)
				fputc(',', f);
			const char *nm = r->cols[iv->vcols[k]].name;
			csv_str(f, nm, strlen(nm));
		}
		fputc('\n', f);
	}
	for (size_t p = 0; p < n; p++) {
		size_t i = rows_at(r, p);
		if (json)
			fputs(p ? ",\n  {" : "  {", f);
		for (int k = 0; k < iv->nv; k++) {
			int c = iv->vcols[k];
			size_t len;
			const char *s = rows_cell(r, i, (unsigned)c, &len);
			if (json) {
				if (k)
					fputs(", ", f);
				json_str(f, r->cols[c].name, strlen(r->cols[c].name));
				fputs(": ", f);
				if (!s)
					fputs("null", f);
				else
					json_str(f, s, len);
			} else {
				if (k)
					fputc(',', f);
				if (s)
					csv_str(f, s, len);
			}
		}
		fputs(json ? "}" : "\n", f);
	}
	if (json)
		fputs("\n]\n", f);
	pthread_mutex_unlock(&r->lock);
	if (fclose(f)) {
		snprintf(err, errlen, "%s: %s", file, strerror(errno));
		return -1;
	}
	snprintf(err, errlen, "%zu rows written to %s", n, file);
	return 0;
}
