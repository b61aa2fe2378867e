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
#include "format.h"
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
		if (v->cur >= view_count(v)) {
			ui_message(EL_MESSAGE, pager_running(v->pager) ? "nothing to open yet: no rows so far" :
				"nothing to open: no rows");
			return 1;
		}
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

/* ---- :export ------------------------------------------------------------------
 * All four formats go through the batch mode writers (format.h), so a file
 * reads the same as `cimtui ei CLASS -f FORMAT` would write it.
 *
 * The rows keep only each cell's text (rows.h: arrays already flattened to
 * "{a, b}" and cut at 2000 bytes, no types), which is all CSV holds anyway
 * but not enough for JSON, MOF or XML.  So:
 * - csv writes the rows the view holds: the columns shown, in their order,
 *   the filtered rows in the shown order;
 * - json, mof and xml run the view's operation again (same class or query,
 *   namespace and source instance) and write the full typed instances, all
 *   properties, in the order the server sends them; the filter applies (the
 *   same case-insensitive substring test over the same cell texts), the
 *   sort and the column choice do not.  The UI waits for that operation.
 */

/* Format from the name (json, csv, mof, xml), or from the file's extension
 * when name is NULL (json when it says nothing). */
static int export_format(const char *file, const char *name, enum cimtui_format *out)
{
	static const struct {
		const char *name;
		enum cimtui_format f;
	} fmts[] = { { "json", FORMAT_JSON }, { "jsonl", FORMAT_JSON }, { "csv", FORMAT_CSV },
		{ "mof", FORMAT_MOF }, { "xml", FORMAT_XML } };
	if (!name) {
		const char *dot = strrchr(file, '.');
		*out = FORMAT_JSON;
		if (!dot || strchr(dot, '/'))
			return 0;
		name = dot + 1;
		for (size_t k = 0; k < sizeof fmts / sizeof fmts[0]; k++)
			if (!strcasecmp(name, fmts[k].name))
				*out = fmts[k].f;
		return 0;
	}
	for (size_t k = 0; k < sizeof fmts / sizeof fmts[0]; k++)
		if (!strcasecmp(name, fmts[k].name)) {
			*out = fmts[k].f;
			return 0;
		}
	return -1;
}

/* CSV from the rows (rows lock held). */
static size_t export_rows(struct instview *iv, struct rows *r, struct fmt *f)
{
	size_t n = r->nidx;
	for (size_t p = 0; p < n; p++) {
		size_t i = rows_at(r, p);
		for (int k = 0; k < iv->nv; k++) {
			unsigned c = (unsigned)iv->vcols[k];
			size_t len;
			const char *s = rows_cell(r, i, c, &len);
			char *cell = s ? strndup(s, len) : NULL;
			fmt_rec_add_key(f, r->cols[c].name, cell, r->cols[c].key);
			free(cell);
		}
		fmt_record(f);
	}
	return n;
}

static int has_substr_ci(const char *s, const char *lower)
{
	size_t n = strlen(lower);
	for (; *s; s++)
		if (!strncasecmp(s, lower, n))
			return 1;
	return !n;
}

/* Whether inst passes the view's filter, tested as rows_match tests a row:
 * over the class name and the property texts of the table. */
static int export_match(struct fmt *scratch, const MI_Instance *inst, const char *filter)
{
	if (!filter || !*filter)
		return 1;
	const MI_Char *cn = NULL;
	MI_Instance_GetClassName(inst, &cn);
	int hit = cn && has_substr_ci(cn, filter);
	fmt_rec_from_instance(scratch, inst);
	for (size_t i = 0; !hit && i < scratch->rec.n; i++)
		hit = scratch->rec.values[i] && has_substr_ci(scratch->rec.values[i], filter);
	fmt_rec_reset(scratch);
	return hit;
}

/* JSON, MOF or XML: the view's operation again.  Returns the instances
 * written, or -1 with err set. */
static long export_refetch(struct instview *iv, struct fmt *f, const char *filter, char *err, size_t errlen)
{
	struct view *v = &iv->v;
	MI_Operation op = MI_OPERATION_NULL;
	if (pager_start_stream(U.session, iv->op, NULL, v->ns, iv->arg, iv->key, &op) != 0) {
		snprintf(err, errlen, "this table cannot be exported as %s (csv can)",
			f->format == FORMAT_MOF ? "mof" : f->format == FORMAT_XML ? "xml" : "json");
		return -1;
	}
	struct fmt scratch;
	fmt_init(&scratch, NULL, FORMAT_CSV, 0, NULL);
	MI_Boolean more = MI_TRUE;
	MI_Result res = MI_RESULT_OK;
	const MI_Char *msg = NULL;
	const MI_Instance *det = NULL;
	while (more) {
		const MI_Instance *inst = NULL;
		more = MI_FALSE;
		MI_Operation_GetInstance(&op, &inst, &more, &res, &msg, &det);
		if (inst && export_match(&scratch, inst, filter))
			fmt_instance(f, inst);
	}
	long n = (long)f->count;
	if (res != MI_RESULT_OK) {
		snprintf(err, errlen, "export stopped after %ld instances: %s", n,
			msg && *msg ? msg : MIX_ResultName(res));
		n = -1;
	}
	MI_Operation_Close(&op);
	fmt_free(&scratch);
	return n;
}

int view_instances_export(struct view *v, const char *file, const char *fmt, char *err, size_t errlen)
{
	struct instview *iv = (struct instview *)v;
	struct rows *r = R(v);
	enum cimtui_format format;
	if (v->ops->kind != VK_INSTANCES || !r) {
		snprintf(err, errlen, "export works in an instances view");
		return -1;
	}
	if (export_format(file, fmt, &format)) {
		snprintf(err, errlen, "format '%s' not supported here (json, csv, mof, xml)", fmt);
		return -1;
	}
	FILE *out = fopen(file, "w");
	if (!out) {
		snprintf(err, errlen, "%s: %s", file, strerror(errno));
		return -1;
	}
	struct fmt f;
	fmt_init(&f, out, format, 0, v->ns);
	fmt_begin(&f);
	long n;
	if (format == FORMAT_CSV) {
		pthread_mutex_lock(&r->lock);
		n = (long)export_rows(iv, r, &f);
		pthread_mutex_unlock(&r->lock);
	} else {
		pthread_mutex_lock(&r->lock);
		char *filter = r->filter ? strdup(r->filter) : NULL; /* lower-cased */
		pthread_mutex_unlock(&r->lock);
		n = export_refetch(iv, &f, filter, err, errlen);
		free(filter);
	}
	fmt_end(&f);
	fmt_free(&f);
	if (fclose(out) && n >= 0) {
		snprintf(err, errlen, "%s: %s", file, strerror(errno));
		return -1;
	}
	if (n < 0)
		return -1;
	snprintf(err, errlen, "%ld %s written to %s", n, format == FORMAT_CSV ? "rows" : "instances", file);
	return 0;
}
