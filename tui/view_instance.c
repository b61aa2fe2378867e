/* view_instance.c - one instance (view 4): every property with type and
 * value, keys marked, references followed with Enter, embedded instances
 * expandable, associators/references as views of their own.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "actions.h"
#include "view.h"
#include "wbem_path.h"

enum { LT_PLAIN, LT_REF, LT_EMB };

struct instv {
	struct view v;
	MI_Instance *key;
	const MI_Instance **open;
	size_t nopen;
	int built;
};

void value_readable(char *buf, size_t n, const MI_Datetime *dt)
{
	if (dt->isTimestamp) {
		const MI_Timestamp *t = &dt->u.timestamp;
		int off = t->utc < 0 ? -t->utc : t->utc;
		snprintf(buf, n, "%04u-%02u-%02u %02u:%02u:%02u.%06u %c%02d:%02d", t->year, t->month,
			t->day, t->hour, t->minute, t->second, t->microseconds, t->utc < 0 ? '-' : '+',
			off / 60, off % 60);
	} else {
		const MI_Interval *i = &dt->u.interval;
		snprintf(buf, n, "%u days %02u:%02u:%02u.%06u", i->days, i->hours, i->minutes,
			i->seconds, i->microseconds);
	}
}

static int is_open(struct instv *iv, const MI_Instance *p)
{
	for (size_t i = 0; i < iv->nopen; i++)
		if (iv->open[i] == p)
			return 1;
	return 0;
}

/* a NULL element of a string, reference or embedded-instance array */
static int null_element(MI_Type st, const MI_Value *v, int arr, MI_Uint32 idx)
{
	switch (st) {
	case MI_STRING: return !(arr ? v->stringa.data[idx] : v->string);
	case MI_REFERENCE: return !(arr ? v->referencea.data[idx] : v->reference);
	case MI_INSTANCE: return !(arr ? v->instancea.data[idx] : v->instance);
	default: return 0;
	}
}

static void scalar(struct instv *iv, struct line *ln, MI_Type st, const MI_Value *v, int arr, MI_Uint32 idx)
{
	struct sbuf b = SBUF_INIT;
	if (null_element(st, v, arr, idx)) {
		line_seg(ln, EL_NULLVAL, 0, "NULL");
	} else if (st == MI_DATETIME) {
		const MI_Datetime *dt = arr ? &v->datetimea.data[idx] : &v->datetime;
		char r[80], raw[32];
		value_readable(r, sizeof r, dt);
		wbem_datetime_text(dt, raw);
		line_seg(ln, EL_VALUE, 0, "%s  (%s)", r, raw);
	} else if (st == MI_REFERENCE) {
		const MI_Instance *ref = arr ? v->referencea.data[idx] : v->reference;
		if (ref)
			wbem_path_format(&b, ref, 1);
		line_seg(ln, EL_REFERENCE, 0, "%s", sb_str(&b));
		ln->tag = LT_REF;
		ln->ptr = ref;
	} else if (st == MI_INSTANCE) {
		const MI_Instance *emb = arr ? v->instancea.data[idx] : v->instance;
		const MI_Char *cn = NULL;
		if (emb)
			MI_Instance_GetClassName(emb, &cn);
		line_seg(ln, EL_REFERENCE, 0, "%s instance of %s",
			is_open(iv, emb) ? (U.utf8 ? "\xe2\x96\xbe" : "-") : (U.utf8 ? "\xe2\x96\xb8" : "+"),
			cn ? cn : "?");
		ln->tag = LT_EMB;
		ln->ptr = emb;
	} else {
		wbem_scalar_text(&b, st, v, arr, idx);
		line_seg(ln, EL_VALUE, 0, "%s", sb_str(&b));
	}
	sb_free(&b);
}

static void build(struct instv *iv, const MI_Instance *inst, int indent, int depth)
{
	MI_Uint32 n = 0;
	MI_Instance_GetElementCount(inst, &n);
	int namew = 26 - indent > 12 ? 26 - indent : 12;
	for (MI_Uint32 i = 0; i < n; i++) {
		const MI_Char *name = NULL;
		MI_Value v;
		MI_Type t;
		MI_Uint32 fl = 0;
		if (MI_Instance_GetElementAt(inst, i, &name, &v, &t, &fl) != MI_RESULT_OK)
			continue;
		int key = (fl & MI_FLAG_KEY) != 0;
		/* GetInstance answers carry no key flags: the path we asked with does */
		if (!key && depth == 0 && iv->key && name &&
		    MI_Instance_GetElement(iv->key, name, NULL, NULL, NULL, NULL) == MI_RESULT_OK)
			key = 1;
		struct line *ln = lines_add(&iv->v.L, indent, LT_PLAIN, NULL);
		line_seg(ln, key ? EL_KEY : EL_NAME, namew, "%s%s", key ? "*" : " ", name ? name : "");
		line_seg(ln, EL_TYPE, 10, "%s", MIX_TypeName(t));
		if (fl & MI_FLAG_NULL) {
			line_seg(ln, EL_NULLVAL, 0, "NULL");
			continue;
		}
		if (t & MI_ARRAY) {
			MI_Type st = (MI_Type)(t & ~MI_ARRAY);
			MI_Uint32 cnt = v.array.size;
			line_seg(ln, EL_VALUE, 0, "%u item%s", cnt, cnt == 1 ? "" : "s");
			for (MI_Uint32 k = 0; k < cnt; k++) {
				struct line *il = lines_add(&iv->v.L, indent + 2, LT_PLAIN, NULL);
				line_seg(il, EL_TYPE, namew + 9, "[%u]", k);
				scalar(iv, il, st, &v, 1, k);
				if (il->tag == LT_EMB && is_open(iv, il->ptr) && depth < 8)
					build(iv, il->ptr, indent + 4, depth + 1);
			}
			continue;
		}
		scalar(iv, ln, t, &v, 0, 0);
		if (ln->tag == LT_EMB && ln->ptr && is_open(iv, ln->ptr) && depth < 8)
			build(iv, ln->ptr, indent + 4, depth + 1);
	}
}

static void rebuild(struct instv *iv)
{
	struct view *v = &iv->v;
	lines_clear(&v->L);
	if (v->pager->inst) {
		const MI_Char *cn = NULL;
		MI_Instance_GetClassName(v->pager->inst, &cn);
		build(iv, v->pager->inst, 1, 0);
	}
	view_lines_filter(v);
	iv->built = 1;
}

static int update(struct view *v)
{
	struct instv *iv = (struct instv *)v;
	if (iv->built || pager_running(v->pager))
		return 0;
	rebuild(iv);
	return 1;
}

static int action(struct view *v, int act)
{
	struct instv *iv = (struct instv *)v;
	const MI_Instance *inst = v->pager && !pager_running(v->pager) ? v->pager->inst : NULL;
	const struct line *ln = v->cur < v->nvis ? &v->L.v[v->vis[v->cur]] : NULL;
	switch (act) {
	case ACT_ENTER:
		if (!ln)
			return 1;
		if (ln->tag == LT_REF && ln->ptr) {
			const MI_Char *ns = NULL;
			MI_Instance_GetNameSpace(ln->ptr, &ns);
			ui_push(view_instance_new(ns && *ns ? ns : v->ns, ln->ptr));
		} else if (ln->tag == LT_EMB && ln->ptr) {
			if (is_open(iv, ln->ptr)) {
				for (size_t i = 0; i < iv->nopen; i++)
					if (iv->open[i] == ln->ptr)
						iv->open[i] = iv->open[--iv->nopen];
			} else {
				const MI_Instance **q = realloc(iv->open, (iv->nopen + 1) * sizeof *q);
				if (q) {
					iv->open = q;
					iv->open[iv->nopen++] = ln->ptr;
				}
			}
			rebuild(iv);
		}
		return 1;
	case ACT_ASSOC:
	case ACT_REFS: {
		/* The path we fetched by, not the GetInstance answer: CIM-XML
		 * answers carry no key flags, and without them every non-NULL
		 * property would end up in the INSTANCENAME (CIM_ERR_NOT_FOUND). */
		const MI_Instance *path = iv->key ? iv->key : inst;
		if (!path) {
			ui_message(EL_ERROR, "the instance is not loaded");
			return 1;
		}
		ui_push(view_instances_new(act == ACT_ASSOC ? PO_ASSOC : PO_REFS, v->ns, NULL, path));
		return 1;
	}
	case ACT_CLASSDEF: {
		const MI_Char *cn = NULL;
		MI_Instance_GetClassName(inst ? inst : iv->key, &cn);
		if (cn)
			ui_push(view_classdef_new(v->ns, cn));
		return 1;
	}
	case ACT_RELOAD:
		pager_release(v->pager);
		v->pager = pager_start(U.session, PO_GETINSTANCE, v->ns, NULL, iv->key);
		iv->built = 0;
		return 1;
	}
	return 0;
}

static void title(struct view *v, char *buf, size_t n)
{
	struct instv *iv = (struct instv *)v;
	struct sbuf b = SBUF_INIT;
	if (iv->key)
		wbem_path_format(&b, iv->key, 0);
	snprintf(buf, n, "Instance %s", sb_str(&b));
	sb_free(&b);
}

static void ifree(struct view *v)
{
	struct instv *iv = (struct instv *)v;
	if (iv->key)
		MI_Instance_Delete(iv->key);
	free(iv->open);
}

static const struct view_ops ops = {
	.kind = VK_INSTANCE, .name = "instance",
	.action = action, .update = update, .title = title, .free = ifree,
};

struct view *view_instance_new(const char *ns, const MI_Instance *key)
{
	struct instv *iv = calloc(1, sizeof *iv);
	if (!iv)
		return NULL;
	view_init(&iv->v, &ops, ns);
	if (key)
		MI_Instance_Clone(key, &iv->key);
	iv->v.pager = pager_start(U.session, PO_GETINSTANCE, ns, NULL, key);
	return &iv->v;
}
