/* batch_tree.c - "ec --tree": the class inheritance tree, indented.
 * In the machine formats (json, xml, csv) it prints the class names with
 * their superclasses instead, which carry the same information.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <langinfo.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "batch.h"
#include "batch_cmd.h"

static void collect(struct batch *b, const MI_Class *cls)
{
	const MI_Char *name = NULL, *super = NULL;
	MI_Class_GetClassName(cls, &name);
	if (MI_Class_GetParentClassName(cls, &super) != MI_RESULT_OK)
		super = NULL;
	if (!name)
		return;
	if (b->n == b->cap) {
		b->cap = b->cap ? b->cap * 2 : 256;
		b->names = realloc(b->names, b->cap * sizeof(char *));
		b->supers = realloc(b->supers, b->cap * sizeof(char *));
		if (!b->names || !b->supers)
			abort();
	}
	b->names[b->n] = strdup(name);
	b->supers[b->n] = super ? strdup(super) : NULL;
	b->n++;
}

struct tree {
	struct batch *b;
	size_t *order;       /* indices sorted by name */
	unsigned char *done;
	struct sbuf out, prefix;
	const char *mid, *last, *bar, *blank;
};

static int has_class(struct batch *b, const char *name)
{
	for (size_t i = 0; i < b->n; i++)
		if (!strcasecmp(b->names[i], name))
			return 1;
	return 0;
}

static struct batch *sort_ctx;
static int by_name(const void *x, const void *y)
{
	size_t a = *(const size_t *)x, c = *(const size_t *)y;
	return strcasecmp(sort_ctx->names[a], sort_ctx->names[c]);
}

/* Children of parent (NULL: the roots, i.e. classes whose superclass is
 * absent or not in the result) in name order, written below prefix. */
static void children(struct tree *t, const char *parent, int depth)
{
	struct batch *b = t->b;
	size_t *kids = malloc((b->n ? b->n : 1) * sizeof(size_t));
	size_t nk = 0;
	if (!kids)
		abort();
	for (size_t k = 0; k < b->n; k++) {
		size_t i = t->order[k];
		if (t->done[i])
			continue;
		const char *s = b->supers[i];
		int mine = parent ? (s && !strcasecmp(s, parent)) : (!s || !has_class(b, s));
		if (mine)
			kids[nk++] = i;
	}
	for (size_t k = 0; k < nk; k++)
		t->done[kids[k]] = 1;
	for (size_t k = 0; k < nk; k++) {
		size_t i = kids[k];
		int last = k + 1 == nk;
		sb_puts(&t->out, sb_str(&t->prefix));
		if (depth > 0)
			sb_puts(&t->out, last ? t->last : t->mid);
		fmt_text_human(&t->out, b->names[i]);
		sb_putc(&t->out, '\n');
		if (t->out.len > 65536)
			fmt_flush_sb(&b->fmt, &t->out);
		size_t keep = t->prefix.len;
		if (depth > 0)
			sb_puts(&t->prefix, last ? t->blank : t->bar);
		children(t, b->names[i], depth + 1);
		t->prefix.len = keep;
		if (t->prefix.p)
			t->prefix.p[keep] = '\0';
	}
	free(kids);
}

int batch_tree(struct batch *b, const char *root)
{
	MI_Operation op = MI_OPERATION_NULL;
	/* Class names alone carry no superclass over CIM-XML (EnumerateClassNames
	 * answers CLASSNAME only): ask for slim classes instead. */
	MI_OperationOptions *oo = batch_opopts(b, 1);
	if (oo) {
		MI_OperationOptions_SetNumber(oo, "cimtui:LocalOnly", 1, 0);
		MI_OperationOptions_SetNumber(oo, "cimtui:IncludeQualifiers", 0, 0);
		MI_OperationOptions_SetString(oo, "cimtui:PropertyList", "", 0);
	}
	MI_Session_EnumerateClasses(b->session, 0, oo, b->o->ns, root, MI_FALSE, NULL, &op);
	int machine = b->o->format == FORMAT_JSON || b->o->format == FORMAT_XML || b->o->format == FORMAT_CSV;
	if (machine)
		return batch_pull_classes(b, &op, fmt_class_name, NULL);
	int rc = batch_pull_classes(b, &op, NULL, collect);
	if (b->n) {
		struct tree t;
		memset(&t, 0, sizeof t);
		t.b = b;
		int utf8 = !strcasecmp(nl_langinfo(CODESET), "UTF-8");
		t.mid = utf8 ? "\xe2\x94\x9c\xe2\x94\x80\xe2\x94\x80 " : "|-- ";
		t.last = utf8 ? "\xe2\x94\x94\xe2\x94\x80\xe2\x94\x80 " : "`-- ";
		t.bar = utf8 ? "\xe2\x94\x82   " : "|   ";
		t.blank = "    ";
		t.order = malloc(b->n * sizeof(size_t));
		t.done = calloc(b->n, 1);
		if (!t.order || !t.done)
			abort();
		for (size_t i = 0; i < b->n; i++)
			t.order[i] = i;
		sort_ctx = b;
		qsort(t.order, b->n, sizeof(size_t), by_name);
		b->fmt.begun = 1;
		if (root) {
			fmt_text_human(&t.out, root);
			sb_putc(&t.out, '\n');
			/* everything returned lies below root */
			children(&t, NULL, 1);
		} else {
			children(&t, NULL, 0);
		}
		fmt_flush_sb(&b->fmt, &t.out);
		sb_free(&t.out);
		sb_free(&t.prefix);
		free(t.order);
		free(t.done);
	}
	for (size_t i = 0; i < b->n; i++) {
		free(b->names[i]);
		free(b->supers[i]);
	}
	free(b->names);
	free(b->supers);
	b->names = b->supers = NULL;
	b->n = b->cap = 0;
	return rc;
}
