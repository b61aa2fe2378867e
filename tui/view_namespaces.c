/* view_namespaces.c - the namespaces of the server (view 1).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "actions.h"
#include "view.h"

struct nsview {
	struct view v;
	size_t seen;
	int placed;
};

static int cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int update(struct view *v)
{
	struct nsview *n = (struct nsview *)v;
	struct rows *r = v->pager ? v->pager->rows : NULL;
	if (!r)
		return 0;
	pthread_mutex_lock(&r->lock);
	size_t cnt = r->n;
	if (cnt == n->seen) {
		pthread_mutex_unlock(&r->lock);
		return 0;
	}
	int c = rows_find_col(r, "Name");
	char **names = calloc(cnt + 1, sizeof *names);
	size_t k = 0;
	for (size_t i = 0; names && c >= 0 && i < cnt; i++) {
		size_t len;
		const char *s = rows_cell(r, i, (unsigned)c, &len);
		if (s)
			names[k++] = strndup(s, len);
	}
	pthread_mutex_unlock(&r->lock);
	n->seen = cnt;
	if (!names)
		return 0;
	qsort(names, k, sizeof *names, cmp);
	lines_clear(&v->L);
	for (size_t i = 0; i < k; i++) {
		if (i && !strcmp(names[i], names[i - 1]))
			continue;
		struct line *ln = lines_add(&v->L, 1, (long)i, NULL);
		line_seg(ln, EL_NAME, 0, "%s", names[i]);
	}
	for (size_t i = 0; i < k; i++)
		free(names[i]);
	free(names);
	view_lines_filter(v);
	if (!n->placed && U.ns) {
		for (size_t i = 0; i < v->nvis; i++)
			if (!strcmp(v->L.v[v->vis[i]].seg[0], U.ns)) {
				v->cur = i;
				n->placed = 1;
			}
	}
	return 1;
}

static int action(struct view *v, int act)
{
	if (act == ACT_ENTER) {
		if (v->cur >= v->nvis)
			return 1;
		const char *ns = v->L.v[v->vis[v->cur]].seg[0];
		free(U.ns);
		U.ns = strdup(ns);
		ui_push(view_classes_new(ns));
		return 1;
	}
	if (act == ACT_RELOAD) {
		pager_release(v->pager);
		v->pager = pager_start(U.session, PO_NAMESPACES, NULL, NULL, NULL);
		((struct nsview *)v)->seen = (size_t)-1;
		return 1;
	}
	return 0;
}

static void title(struct view *v, char *buf, size_t n)
{
	snprintf(buf, n, "Namespaces");
}

static const struct view_ops ops = {
	.kind = VK_NAMESPACES, .name = "namespaces",
	.action = action, .update = update, .title = title,
};

struct view *view_namespaces_new(void)
{
	struct nsview *n = calloc(1, sizeof *n);
	if (!n)
		return NULL;
	view_init(&n->v, &ops, NULL);
	n->v.pager = pager_start(U.session, PO_NAMESPACES, NULL, NULL, NULL);
	n->seen = (size_t)-1;
	return &n->v;
}
