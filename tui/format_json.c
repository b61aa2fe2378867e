/* format_json.c - JSON Lines: one object per result.
 *
 * Instance: {"classname":..,"namespace":..,"path":..,"properties":{NAME:
 * {"type":"uint32","value":..[,"key":true]}}}.  Integers (64-bit too) are
 * JSON numbers, reals numbers except "NaN", "INF", "-INF" (strings),
 * datetimes and char16 strings, references path strings, embedded
 * instances objects {"classname":..,"properties":{..}}.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "format.h"

#include <stdlib.h>
#include <string.h>

static void json_scalar(struct sbuf *b, struct fmt *f, MI_Type t, const MI_Value *v, int is_array, MI_Uint32 i)
{
	struct sbuf tmp = SBUF_INIT;
	switch (t & ~MI_ARRAY) {
	case MI_BOOLEAN:
		sb_puts(b, (is_array ? v->booleana.data[i] : v->boolean) ? "true" : "false");
		break;
	case MI_REAL32: case MI_REAL64:
		wbem_scalar_text(&tmp, t, v, is_array, i);
		if (!strcmp(tmp.p, "NaN") || !strcmp(tmp.p, "INF") || !strcmp(tmp.p, "-INF"))
			fmt_text_json(b, tmp.p);
		else
			sb_puts(b, tmp.p);
		break;
	case MI_STRING:
		if (!(is_array ? v->stringa.data[i] : v->string)) {
			sb_puts(b, "null");
			break;
		}
		/* fall through */
	case MI_CHAR16: case MI_DATETIME:
		wbem_scalar_text(&tmp, t, v, is_array, i);
		fmt_text_json(b, sb_str(&tmp));
		break;
	case MI_REFERENCE: {
		const MI_Instance *r = is_array ? v->referencea.data[i] : v->reference;
		if (!r) {
			sb_puts(b, "null");
			break;
		}
		wbem_path_format(&tmp, r, 1);
		fmt_text_json(b, sb_str(&tmp));
		break;
	}
	case MI_INSTANCE: {
		const MI_Instance *e = is_array ? v->instancea.data[i] : v->instance;
		if (e)
			json_instance_body(f, b, e, 0);
		else
			sb_puts(b, "null");
		break;
	}
	default:
		wbem_scalar_text(b, t, v, is_array, i);
		break;
	}
	sb_free(&tmp);
}

void json_value(struct sbuf *b, struct fmt *f, MI_Type t, const MI_Value *v, MI_Uint32 flags)
{
	if (flags & MI_FLAG_NULL) {
		sb_puts(b, "null");
		return;
	}
	if (!(t & MI_ARRAY)) {
		json_scalar(b, f, t, v, 0, 0);
		return;
	}
	sb_putc(b, '[');
	for (MI_Uint32 i = 0; i < v->array.size; i++) {
		if (i)
			sb_putc(b, ',');
		json_scalar(b, f, t, v, 1, i);
	}
	sb_putc(b, ']');
}

void json_instance_body(struct fmt *f, struct sbuf *b, const MI_Instance *inst, int top)
{
	const MI_Char *cn = NULL;
	MI_Instance_GetClassName(inst, &cn);
	sb_puts(b, "{\"classname\":");
	fmt_text_json(b, cn ? cn : "");
	if (top) {
		const char *ns = fmt_ns_of(f, inst);
		struct sbuf path = SBUF_INIT;
		sb_puts(b, ",\"namespace\":");
		if (ns)
			fmt_text_json(b, ns);
		else
			sb_puts(b, "null");
		if (ns && *ns) {
			if (*ns != '/')
				sb_putc(&path, '/');
			sb_puts(&path, ns);
			sb_putc(&path, ':');
		}
		wbem_path_format(&path, inst, 0);
		sb_puts(b, ",\"path\":");
		fmt_text_json(b, sb_str(&path));
		sb_free(&path);
	}
	sb_puts(b, ",\"properties\":{");
	MI_Uint32 n = 0;
	MI_Instance_GetElementCount(inst, &n);
	for (MI_Uint32 i = 0; i < n; i++) {
		const MI_Char *name;
		MI_Value v;
		MI_Type t;
		MI_Uint32 fl;
		if (MI_Instance_GetElementAt(inst, i, &name, &v, &t, &fl) != MI_RESULT_OK)
			continue;
		if (i)
			sb_putc(b, ',');
		fmt_text_json(b, name);
		sb_puts(b, ":{\"type\":");
		fmt_text_json(b, MIX_TypeName(t));
		sb_puts(b, ",\"value\":");
		json_value(b, f, t, &v, fl);
		if (fl & MI_FLAG_KEY)
			sb_puts(b, ",\"key\":true");
		sb_putc(b, '}');
	}
	sb_puts(b, "}}");
}

void json_instance(struct fmt *f, const MI_Instance *inst)
{
	sb_reset(&f->tmp);
	json_instance_body(f, &f->tmp, inst, 1);
	sb_putc(&f->tmp, '\n');
	fmt_flush_sb(f, &f->tmp);
}

/* A boolean qualifier's value, or dflt when the set lacks it. */
static int qual_bool(const MI_QualifierSet *qs, const char *name, int dflt)
{
	MI_Type t;
	MI_Uint32 fl, idx;
	MI_Value v;
	if (!qs->ft || MI_QualifierSet_GetQualifier(qs, name, &t, &fl, &v, &idx) != MI_RESULT_OK ||
	    t != MI_BOOLEAN || (fl & MI_FLAG_NULL))
		return dflt;
	return v.boolean != 0;
}

static void json_quals(struct sbuf *b, struct fmt *f, const MI_QualifierSet *qs)
{
	MI_Uint32 count = 0;
	if (qs->ft)
		MI_QualifierSet_GetQualifierCount(qs, &count);
	sb_putc(b, '{');
	for (MI_Uint32 i = 0, n = 0; i < count; i++) {
		const MI_Char *name;
		MI_Type t;
		MI_Uint32 fl;
		MI_Value v;
		if (MI_QualifierSet_GetQualifierAt(qs, i, &name, &t, &fl, &v) != MI_RESULT_OK)
			continue;
		if (n++)
			sb_putc(b, ',');
		fmt_text_json(b, name);
		sb_putc(b, ':');
		json_value(b, f, t, &v, fl);
	}
	sb_putc(b, '}');
}

static void json_name_fields(struct sbuf *b, const MI_Class *cls, const char *default_ns)
{
	const MI_Char *name = NULL, *super = NULL, *ns = NULL;
	MI_Class_GetClassName(cls, &name);
	if (MI_Class_GetParentClassName(cls, &super) != MI_RESULT_OK)
		super = NULL;
	if (MI_Class_GetNameSpace(cls, &ns) != MI_RESULT_OK || !ns || !*ns)
		ns = default_ns;
	sb_puts(b, "{\"classname\":");
	fmt_text_json(b, name ? name : "");
	sb_puts(b, ",\"superclass\":");
	if (super)
		fmt_text_json(b, super);
	else
		sb_puts(b, "null");
	sb_puts(b, ",\"namespace\":");
	if (ns)
		fmt_text_json(b, ns);
	else
		sb_puts(b, "null");
}

void json_class_name(struct fmt *f, const MI_Class *cls)
{
	struct sbuf *b = &f->tmp;
	sb_reset(b);
	json_name_fields(b, cls, f->default_ns);
	sb_puts(b, "}\n");
	fmt_flush_sb(f, b);
}

void json_class(struct fmt *f, const MI_Class *cls)
{
	struct sbuf *b = &f->tmp;
	sb_reset(b);
	json_name_fields(b, cls, f->default_ns);
	MI_QualifierSet cq = { 0, 0, NULL };
	MI_Class_GetClassQualifierSet(cls, &cq);
	sb_puts(b, ",\"qualifiers\":");
	json_quals(b, f, &cq);
	sb_puts(b, ",\"properties\":{");
	MI_Uint32 n = 0;
	MI_Class_GetElementCount(cls, &n);
	for (MI_Uint32 i = 0; i < n; i++) {
		const MI_Char *pname;
		MI_Value v;
		MI_Boolean exists = MI_FALSE;
		MI_Type t;
		MI_Char *refclass = NULL;
		MI_QualifierSet qs = { 0, 0, NULL };
		MI_Uint32 fl = 0;
		if (MI_Class_GetElementAt(cls, i, &pname, &v, &exists, &t, &refclass, &qs, &fl) != MI_RESULT_OK)
			continue;
		if (i)
			sb_putc(b, ',');
		fmt_text_json(b, pname);
		sb_puts(b, ":{\"type\":");
		fmt_text_json(b, MIX_TypeName(t));
		if (fl & MI_FLAG_KEY)
			sb_puts(b, ",\"key\":true");
		if (refclass && *refclass) {
			sb_puts(b, ",\"refclass\":");
			fmt_text_json(b, refclass);
		}
		if (exists && !(fl & MI_FLAG_NULL)) {
			sb_puts(b, ",\"default\":");
			json_value(b, f, t, &v, 0);
		}
		sb_puts(b, ",\"qualifiers\":");
		json_quals(b, f, &qs);
		sb_putc(b, '}');
	}
	sb_puts(b, "},\"methods\":{");
	MI_Uint32 nm = 0;
	MI_Class_GetMethodCount(cls, &nm);
	for (MI_Uint32 i = 0; i < nm; i++) {
		const MI_Char *mname;
		MI_QualifierSet mq = { 0, 0, NULL };
		MI_ParameterSet ps = { 0, 0, NULL };
		if (MI_Class_GetMethodAt(cls, i, &mname, &mq, &ps) != MI_RESULT_OK)
			continue;
		MI_Type rt = MI_UINT32;
		MI_QualifierSet rq = { 0, 0, NULL };
		MI_ParameterSet_GetMethodReturnType(&ps, &rt, &rq);
		if (i)
			sb_putc(b, ',');
		fmt_text_json(b, mname);
		sb_puts(b, ":{\"type\":");
		fmt_text_json(b, MIX_TypeName(rt));
		sb_puts(b, ",\"qualifiers\":");
		json_quals(b, f, &mq);
		sb_puts(b, ",\"parameters\":{");
		MI_Uint32 np = 0;
		MI_ParameterSet_GetParameterCount(&ps, &np);
		for (MI_Uint32 k = 0; k < np; k++) {
			const MI_Char *pn;
			MI_Type pt;
			MI_Char *prc = NULL;
			MI_QualifierSet pq = { 0, 0, NULL };
			MI_Uint32 pfl = 0;
			if (MI_ParameterSet_GetParameterAt(&ps, k, &pn, &pt, &prc, &pq) != MI_RESULT_OK)
				continue;
			MIX_ParameterSet_GetParameterFlags(&ps, k, &pfl);
			if (k)
				sb_putc(b, ',');
			fmt_text_json(b, pn);
			sb_puts(b, ":{\"type\":");
			fmt_text_json(b, MIX_TypeName(pt));
			sb_printf(b, ",\"in\":%s,\"out\":%s", qual_bool(&pq, "IN", !!(pfl & MI_FLAG_IN)) ? "true" : "false",
				qual_bool(&pq, "OUT", !!(pfl & MI_FLAG_OUT)) ? "true" : "false");
			if (prc && *prc) {
				sb_puts(b, ",\"refclass\":");
				fmt_text_json(b, prc);
			}
			sb_puts(b, ",\"qualifiers\":");
			json_quals(b, f, &pq);
			sb_putc(b, '}');
		}
		sb_puts(b, "}}");
	}
	sb_puts(b, "}}\n");
	fmt_flush_sb(f, b);
}
