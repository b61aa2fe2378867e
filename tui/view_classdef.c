/* view_classdef.c - a class definition (view 5): inheritance chain,
 * qualifiers (Description in full, wrapped), properties, methods with
 * parameters.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "actions.h"
#include "view.h"
#include "wbem_path.h"

struct defv {
	struct view v;
	char *cls;
	size_t chain_seen;
};

static void qual_text(struct sbuf *b, MI_Type t, const MI_Value *v)
{
	if (t & MI_ARRAY) {
		sb_putc(b, '{');
		for (MI_Uint32 k = 0; k < v->array.size; k++) {
			if (k)
				sb_puts(b, ", ");
			wbem_scalar_text(b, (MI_Type)(t & ~MI_ARRAY), v, 1, k);
		}
		sb_putc(b, '}');
	} else {
		wbem_scalar_text(b, t, v, 0, 0);
	}
}

/* qualifiers: Description wrapped on its own lines, the others on one */
static void quals(struct view *v, const MI_QualifierSet *qs, int indent)
{
	MI_Uint32 n = 0;
	if (!qs || !qs->ft || MI_QualifierSet_GetQualifierCount(qs, &n) != MI_RESULT_OK)
		return;
	struct sbuf other = SBUF_INIT;
	const char *desc = NULL;
	struct sbuf db = SBUF_INIT;
	for (MI_Uint32 i = 0; i < n; i++) {
		const MI_Char *name = NULL;
		MI_Type t;
		MI_Uint32 fl;
		MI_Value val;
		if (MI_QualifierSet_GetQualifierAt(qs, i, &name, &t, &fl, &val) != MI_RESULT_OK || !name)
			continue;
		if (!strcasecmp(name, "Description") && t == MI_STRING) {
			qual_text(&db, t, &val);
			desc = sb_str(&db);
			continue;
		}
		if (other.len)
			sb_puts(&other, ", ");
		sb_puts(&other, name);
		if (t == MI_BOOLEAN && val.boolean)
			continue;
		sb_putc(&other, '(');
		qual_text(&other, t, &val);
		sb_putc(&other, ')');
	}
	if (other.len) {
		struct lines tmp = {0};
		char *q = NULL;
		if (asprintf(&q, "[%s]", sb_str(&other)) > 0) {
			lines_wrap(&tmp, indent, EL_QUALIFIER, q, COLS - indent - 2);
			for (size_t i = 0; i < tmp.n; i++)
				line_seg(lines_add(&v->L, indent, 0, NULL), EL_QUALIFIER, 0, "%s", tmp.v[i].seg[0]);
			free(q);
		}
		lines_clear(&tmp);
		free(tmp.v);
	}
	if (desc)
		lines_wrap(&v->L, indent, EL_VALUE, desc, COLS - indent - 2);
	sb_free(&other);
	sb_free(&db);
}

static void build(struct defv *d)
{
	struct view *v = &d->v;
	struct pager *p = v->pager;
	lines_clear(&v->L);
	MI_Class *c = p->cls;
	if (!c) {
		view_lines_filter(v);
		return;
	}
	const MI_Char *name = NULL, *sup = NULL;
	MI_Class_GetClassName(c, &name);
	if (MI_Class_GetParentClassName(c, &sup) != MI_RESULT_OK)
		sup = NULL;
	struct line *ln = lines_add(&v->L, 1, 0, NULL);
	line_seg(ln, EL_HEADER, 0, "class %s%s%s", name ? name : "?", sup ? " : " : "", sup ? sup : "");
	struct sbuf ch = SBUF_INIT;
	sb_puts(&ch, name ? name : "?");
	pthread_mutex_lock(&p->mu);
	for (size_t i = 0; i < p->nchain; i++) {
		sb_puts(&ch, U.utf8 ? " \xe2\x86\x92 " : " -> ");
		sb_puts(&ch, p->chain[i]);
	}
	d->chain_seen = p->nchain;
	pthread_mutex_unlock(&p->mu);
	ln = lines_add(&v->L, 1, 0, NULL);
	line_seg(ln, EL_NAME, 13, "inheritance:");
	line_seg(ln, EL_VALUE, 0, "%s", sb_str(&ch));
	sb_free(&ch);
	MI_QualifierSet cq;
	memset(&cq, 0, sizeof cq);
	if (MI_Class_GetClassQualifierSet(c, &cq) == MI_RESULT_OK)
		quals(v, &cq, 1);

	MI_Uint32 n = 0;
	MI_Class_GetElementCount(c, &n);
	lines_add(&v->L, 0, 0, NULL);
	ln = lines_add(&v->L, 1, 0, NULL);
	line_seg(ln, EL_HEADER, 0, "Properties (%u)", n);
	for (MI_Uint32 i = 0; i < n; i++) {
		const MI_Char *pn = NULL;
		MI_Value val;
		MI_Boolean exists = MI_FALSE;
		MI_Type t = MI_STRING;
		MI_Char *refc = NULL;
		MI_QualifierSet qs;
		MI_Uint32 fl = 0;
		memset(&qs, 0, sizeof qs);
		if (MI_Class_GetElementAt(c, i, &pn, &val, &exists, &t, &refc, &qs, &fl) != MI_RESULT_OK)
			continue;
		const MI_Char *origin = NULL;
		MIX_Class_GetElementOrigin(c, i, &origin);
		int key = (fl & MI_FLAG_KEY) != 0;
		ln = lines_add(&v->L, 2, 0, NULL);
		line_seg(ln, key ? EL_KEY : EL_NAME, 28, "%s%s", key ? "*" : " ", pn ? pn : "");
		if (refc && *refc)
			line_seg(ln, EL_TYPE, 0, "%s REF%s", refc, (t & MI_ARRAY) ? "[]" : "");
		else
			line_seg(ln, EL_TYPE, 12, "%s", MIX_TypeName(t));
		if (origin && name && strcmp(origin, name))
			line_seg(ln, EL_TREE, 0, "from %s", origin);
		if (exists && !(fl & MI_FLAG_NULL)) {
			struct sbuf b = SBUF_INIT;
			qual_text(&b, t, &val);
			ln = lines_add(&v->L, 6, 0, NULL);
			line_seg(ln, EL_VALUE, 0, "default = %s", sb_str(&b));
			sb_free(&b);
		}
		quals(v, &qs, 6);
	}
	MI_Uint32 nm = 0;
	MI_Class_GetMethodCount(c, &nm);
	lines_add(&v->L, 0, 0, NULL);
	ln = lines_add(&v->L, 1, 0, NULL);
	line_seg(ln, EL_HEADER, 0, "Methods (%u)", nm);
	for (MI_Uint32 i = 0; i < nm; i++) {
		const MI_Char *mn = NULL;
		MI_QualifierSet qs;
		MI_ParameterSet ps;
		memset(&qs, 0, sizeof qs);
		memset(&ps, 0, sizeof ps);
		if (MI_Class_GetMethodAt(c, i, &mn, &qs, &ps) != MI_RESULT_OK)
			continue;
		MI_Type rt = MI_UINT32;
		MI_QualifierSet rq;
		memset(&rq, 0, sizeof rq);
		MI_ParameterSet_GetMethodReturnType(&ps, &rt, &rq);
		ln = lines_add(&v->L, 2, 0, NULL);
		line_seg(ln, EL_TYPE, 10, "%s", MIX_TypeName(rt));
		line_seg(ln, EL_NAME, 0, "%s()", mn ? mn : "");
		quals(v, &qs, 6);
		MI_Uint32 np = 0;
		MI_ParameterSet_GetParameterCount(&ps, &np);
		for (MI_Uint32 k = 0; k < np; k++) {
			const MI_Char *an = NULL;
			MI_Type at = MI_STRING;
			MI_Char *arc = NULL;
			MI_QualifierSet aq;
			memset(&aq, 0, sizeof aq);
			if (MI_ParameterSet_GetParameterAt(&ps, k, &an, &at, &arc, &aq) != MI_RESULT_OK)
				continue;
			MI_Uint32 pf = 0;
			MIX_ParameterSet_GetParameterFlags(&ps, k, &pf);
			ln = lines_add(&v->L, 6, 0, NULL);
			line_seg(ln, EL_QUALIFIER, 9, "%s%s", (pf & MI_FLAG_IN) ? "IN" : "",
				(pf & MI_FLAG_OUT) ? ((pf & MI_FLAG_IN) ? ",OUT" : "OUT") : "");
			if (arc && *arc)
				line_seg(ln, EL_TYPE, 0, "%s REF%s", arc, (at & MI_ARRAY) ? "[]" : "");
			else
				line_seg(ln, EL_TYPE, 12, "%s", MIX_TypeName(at));
			line_seg(ln, EL_NAME, 0, "%s", an ? an : "");
		}
	}
	v->built_cols = COLS;
	view_lines_filter(v);
}

static int update(struct view *v)
{
	struct defv *d = (struct defv *)v;
	if (!v->pager || !v->pager->cls)
		return 0;
	pthread_mutex_lock(&v->pager->mu);
	size_t nc = v->pager->nchain;
	pthread_mutex_unlock(&v->pager->mu);
	if (v->built_cols == COLS && nc == d->chain_seen && v->L.n)
		return 0;
	build(d);
	return 1;
}

static int action(struct view *v, int act)
{
	struct defv *d = (struct defv *)v;
	if (act == ACT_ENTER) {
		ui_push(view_instances_new(PO_ENUM, v->ns, d->cls, NULL));
		return 1;
	}
	if (act == ACT_RELOAD) {
		pager_release(v->pager);
		v->pager = pager_start(U.session, PO_GETCLASS, v->ns, d->cls, NULL);
		v->built_cols = 0;
		return 1;
	}
	return 0;
}

static void title(struct view *v, char *buf, size_t n)
{
	snprintf(buf, n, "Class %s in %s", ((struct defv *)v)->cls, v->ns);
}

static void dfree(struct view *v)
{
	free(((struct defv *)v)->cls);
}

static const struct view_ops ops = {
	.kind = VK_CLASSDEF, .name = "classdef",
	.action = action, .update = update, .title = title, .free = dfree,
};

struct view *view_classdef_new(const char *ns, const char *cls)
{
	struct defv *d = calloc(1, sizeof *d);
	if (!d)
		return NULL;
	view_init(&d->v, &ops, ns);
	d->cls = strdup(cls);
	d->v.pager = pager_start(U.session, PO_GETCLASS, ns, cls, NULL);
	return &d->v;
}
