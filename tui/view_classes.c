/* view_classes.c - the class tree of a namespace, or a flat sorted list
 * (view 2).  Names load in the background (EnumerateClasses, names only,
 * deep inheritance).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "actions.h"
#include "view.h"

struct node {
	char *name, *super;
	long parent, first, next;
	int depth;
	char open;
};

struct clview {
	struct view v;
	struct node *nodes;
	size_t nn;
	size_t seen;
	double built_at;
	int flat;
	char **open_names; /* kept across rebuilds */
	size_t nopen;
};

static int cmpnode(const void *a, const void *b)
{
	return strcasecmp(((const struct node *)a)->name, ((const struct node *)b)->name);
}

static long find(struct clview *c, const char *name)
{
	size_t lo = 0, hi = c->nn;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int r = strcasecmp(c->nodes[mid].name, name);
		if (!r)
			return (long)mid;
		if (r < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

static void free_nodes(struct clview *c)
{
	for (size_t i = 0; i < c->nn; i++) {
		free(c->nodes[i].name);
		free(c->nodes[i].super);
	}
	free(c->nodes);
	c->nodes = NULL;
	c->nn = 0;
}

static int is_open(struct clview *c, const char *name)
{
	for (size_t i = 0; i < c->nopen; i++)
		if (!strcmp(c->open_names[i], name))
			return 1;
	return 0;
}

static void set_open(struct clview *c, const char *name, int open)
{
	for (size_t i = 0; i < c->nopen; i++)
		if (!strcmp(c->open_names[i], name)) {
			if (!open) {
				free(c->open_names[i]);
				c->open_names[i] = c->open_names[--c->nopen];
			}
			return;
		}
	if (!open)
		return;
	char **q = realloc(c->open_names, (c->nopen + 1) * sizeof *q);
	if (!q)
		return;
	c->open_names = q;
	c->open_names[c->nopen++] = strdup(name);
}

static void emit(struct clview *c, long i, int depth)
{
	struct node *nd = &c->nodes[i];
	const char *mark = nd->first < 0 ? "  " : nd->open ? (U.utf8 ? "\xe2\x96\xbe " : "- ") : (U.utf8 ? "\xe2\x96\xb8 " : "+ ");
	struct line *ln = lines_add(&c->v.L, 1 + 2 * depth, i, NULL);
	line_seg(ln, EL_TREE, 2, "%s", mark);
	line_seg(ln, EL_NAME, 0, "%s", nd->name);
	if (nd->open)
		for (long k = nd->first; k >= 0; k = c->nodes[k].next)
			emit(c, k, depth + 1);
}

static void relines(struct clview *c)
{
	struct view *v = &c->v;
	long keep = v->cur < v->nvis ? v->L.v[v->vis[v->cur]].tag : -1;
	char *keepname = keep >= 0 && (size_t)keep < c->nn ? strdup(c->nodes[keep].name) : NULL;
	lines_clear(&v->L);
	if (c->flat || (v->filter && *v->filter)) {
		for (size_t i = 0; i < c->nn; i++) {
			struct line *ln = lines_add(&v->L, 1, (long)i, NULL);
			line_seg(ln, EL_NAME, 0, "%s", c->nodes[i].name);
		}
	} else {
		for (size_t i = 0; i < c->nn; i++)
			if (c->nodes[i].parent < 0)
				emit(c, (long)i, 0);
	}
	view_lines_filter(v);
	if (keepname) {
		for (size_t i = 0; i < v->nvis; i++) {
			long t = v->L.v[v->vis[i]].tag;
			if (t >= 0 && !strcmp(c->nodes[t].name, keepname)) {
				v->cur = i;
				break;
			}
		}
		free(keepname);
	}
	view_clamp(v, v->nvis, U.body_h);
}

static void rebuild(struct clview *c)
{
	struct rows *r = c->v.pager->rows;
	pthread_mutex_lock(&r->lock);
	size_t n = r->n;
	struct node *nodes = calloc(n + 1, sizeof *nodes);
	size_t k = 0;
	for (size_t i = 0; nodes && i < n; i++) {
		size_t l1, l2;
		const char *a = rows_cell(r, i, 0, &l1), *b = rows_cell(r, i, 1, &l2);
		if (!a)
			continue;
		nodes[k].name = strndup(a, l1);
		nodes[k].super = b && l2 ? strndup(b, l2) : NULL;
		k++;
	}
	pthread_mutex_unlock(&r->lock);
	if (!nodes)
		return;
	free_nodes(c);
	qsort(nodes, k, sizeof *nodes, cmpnode);
	/* a name may come twice (names pass, then the tree pass): keep the
	 * entry that knows its superclass */
	size_t w = 0;
	for (size_t i = 0; i < k; i++) {
		if (w && !strcasecmp(nodes[w - 1].name, nodes[i].name)) {
			if (!nodes[w - 1].super && nodes[i].super) {
				nodes[w - 1].super = nodes[i].super;
				nodes[i].super = NULL;
			}
			free(nodes[i].name);
			free(nodes[i].super);
			continue;
		}
		nodes[w++] = nodes[i];
	}
	k = w;
	c->nodes = nodes;
	c->nn = k;
	for (size_t i = 0; i < k; i++) {
		nodes[i].first = nodes[i].next = -1;
		nodes[i].parent = nodes[i].super ? find(c, nodes[i].super) : -1;
		if ((size_t)nodes[i].parent == i)
			nodes[i].parent = -1;
		nodes[i].open = (char)is_open(c, nodes[i].name);
	}
	/* children in name order: walk backwards and prepend */
	for (size_t i = k; i-- > 0;) {
		long p = nodes[i].parent;
		if (p >= 0) {
			nodes[i].next = nodes[p].first;
			nodes[p].first = (long)i;
		}
	}
	c->seen = n;
	c->built_at = now_s();
	relines(c);
}

static int update(struct view *v)
{
	struct clview *c = (struct clview *)v;
	if (!v->pager)
		return 0;
	struct rows *r = v->pager->rows;
	pthread_mutex_lock(&r->lock);
	size_t n = r->n;
	pthread_mutex_unlock(&r->lock);
	if (n == c->seen)
		return 0;
	if (pager_running(v->pager) && now_s() - c->built_at < 0.5 && c->seen)
		return 0;
	rebuild(c);
	return 1;
}

static void set_filter(struct view *v, const char *f)
{
	(void)f;
	relines((struct clview *)v);
}

static const char *cur_name(struct view *v)
{
	struct clview *c = (struct clview *)v;
	if (v->cur >= v->nvis)
		return NULL;
	long t = v->L.v[v->vis[v->cur]].tag;
	return t >= 0 && (size_t)t < c->nn ? c->nodes[t].name : NULL;
}

static int action(struct view *v, int act)
{
	struct clview *c = (struct clview *)v;
	const char *name = cur_name(v);
	switch (act) {
	case ACT_ENTER:
		if (name)
			ui_push(view_instances_new(PO_ENUM, v->ns, name, NULL));
		return 1;
	case ACT_CLASSDEF:
		if (name)
			ui_push(view_classdef_new(v->ns, name));
		return 1;
	case ACT_TOGGLE:
		if (name) {
			long t = v->L.v[v->vis[v->cur]].tag;
			c->nodes[t].open = !c->nodes[t].open;
			set_open(c, name, c->nodes[t].open);
			relines(c);
		}
		return 1;
	case ACT_EXPAND_ALL:
	case ACT_COLLAPSE_ALL:
		for (size_t i = 0; i < c->nn; i++) {
			c->nodes[i].open = act == ACT_EXPAND_ALL;
			if (c->nodes[i].first >= 0)
				set_open(c, c->nodes[i].name, act == ACT_EXPAND_ALL);
		}
		relines(c);
		return 1;
	case ACT_TREE_FLAT:
		c->flat = !c->flat;
		relines(c);
		ui_message(EL_MESSAGE, "%s", c->flat ? "flat sorted list" : "class tree");
		return 1;
	case ACT_RELOAD:
		pager_release(v->pager);
		v->pager = pager_start(U.session, PO_CLASSNAMES, v->ns, NULL, NULL);
		c->seen = (size_t)-1;
		return 1;
	}
	return 0;
}

static void title(struct view *v, char *buf, size_t n)
{
	struct clview *c = (struct clview *)v;
	snprintf(buf, n, "Classes in %s%s", v->ns, c->flat ? " (flat)" : "");
}

static void cfree(struct view *v)
{
	struct clview *c = (struct clview *)v;
	free_nodes(c);
	for (size_t i = 0; i < c->nopen; i++)
		free(c->open_names[i]);
	free(c->open_names);
}

static const struct view_ops ops = {
	.kind = VK_CLASSES, .name = "classes",
	.action = action, .update = update, .title = title, .free = cfree, .set_filter = set_filter,
};

struct view *view_classes_new(const char *ns)
{
	struct clview *c = calloc(1, sizeof *c);
	if (!c)
		return NULL;
	view_init(&c->v, &ops, ns);
	c->v.pager = pager_start(U.session, PO_CLASSNAMES, ns, NULL, NULL);
	c->seen = (size_t)-1;
	/* the completion cache follows the latest class list */
	if (c->v.pager) {
		pager_unref(U.cls_cache);
		U.cls_cache = c->v.pager;
		pager_ref(c->v.pager);
	}
	return &c->v;
}
