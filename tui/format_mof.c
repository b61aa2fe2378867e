/* format_mof.c - MOF (DSP0221) text for instances and class definitions.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "format.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

static void indent_to(struct sbuf *b, int indent)
{
	for (int i = 0; i < indent; i++)
		sb_puts(b, "    ");
}

static void mof_props(struct sbuf *b, const MI_Instance *inst, int indent);

static void mof_embedded(struct sbuf *b, const MI_Instance *inst, int indent)
{
	const MI_Char *cn = NULL;
	MI_Instance_GetClassName(inst, &cn);
	sb_puts(b, "instance of ");
	fmt_text_human(b, cn ? cn : "");
	sb_puts(b, " {\n");
	mof_props(b, inst, indent + 1);
	indent_to(b, indent);
	sb_putc(b, '}');
}

static void mof_scalar(struct sbuf *b, MI_Type t, const MI_Value *v, int is_array, MI_Uint32 i, int indent)
{
	struct sbuf tmp = SBUF_INIT;
	switch (t & ~MI_ARRAY) {
	case MI_STRING: case MI_DATETIME: case MI_REFERENCE:
		if ((t & ~MI_ARRAY) == MI_REFERENCE && !(is_array ? v->referencea.data[i] : v->reference)) {
			sb_puts(b, "NULL");
			break;
		}
		if ((t & ~MI_ARRAY) == MI_STRING && !(is_array ? v->stringa.data[i] : v->string)) {
			sb_puts(b, "NULL");
			break;
		}
		wbem_scalar_text(&tmp, t, v, is_array, i);
		sb_putc(b, '"');
		fmt_text_mof(b, sb_str(&tmp));
		sb_putc(b, '"');
		break;
	case MI_CHAR16:
		wbem_scalar_text(&tmp, t, v, is_array, i);
		sb_putc(b, '\'');
		if (!strcmp(sb_str(&tmp), "'"))
			sb_puts(b, "\\'");
		else
			fmt_text_mof(b, sb_str(&tmp));
		sb_putc(b, '\'');
		break;
	case MI_INSTANCE: {
		const MI_Instance *e = is_array ? v->instancea.data[i] : v->instance;
		if (e)
			mof_embedded(b, e, indent);
		else
			sb_puts(b, "NULL");
		break;
	}
	default:
		wbem_scalar_text(b, t, v, is_array, i);
		break;
	}
	sb_free(&tmp);
}

void mof_value(struct sbuf *b, MI_Type t, const MI_Value *v, MI_Uint32 flags, int indent)
{
	if (flags & MI_FLAG_NULL) {
		sb_puts(b, "NULL");
		return;
	}
	if (!(t & MI_ARRAY)) {
		mof_scalar(b, t, v, 0, 0, indent);
		return;
	}
	sb_putc(b, '{');
	for (MI_Uint32 i = 0; i < v->array.size; i++) {
		if (i)
			sb_puts(b, ", ");
		mof_scalar(b, t, v, 1, i, indent);
	}
	sb_putc(b, '}');
}

static void mof_props(struct sbuf *b, const MI_Instance *inst, int indent)
{
	MI_Uint32 n = 0;
	MI_Instance_GetElementCount(inst, &n);
	for (MI_Uint32 i = 0; i < n; i++) {
		const MI_Char *name;
		MI_Value v;
		MI_Type t;
		MI_Uint32 fl;
		if (MI_Instance_GetElementAt(inst, i, &name, &v, &t, &fl) != MI_RESULT_OK)
			continue;
		indent_to(b, indent);
		fmt_text_human(b, name);
		sb_puts(b, " = ");
		mof_value(b, t, &v, fl, indent);
		sb_puts(b, ";\n");
	}
}

void mof_instance(struct fmt *f, const MI_Instance *inst)
{
	struct sbuf *b = &f->tmp;
	struct sbuf path = SBUF_INIT;
	const char *ns = fmt_ns_of(f, inst);
	sb_reset(b);
	if (f->count)
		sb_putc(b, '\n');
	if (ns && *ns) {
		if (*ns != '/')
			sb_putc(&path, '/');
		sb_puts(&path, ns);
		sb_putc(&path, ':');
	}
	wbem_path_format(&path, inst, 0);
	sb_puts(b, "// ");
	fmt_text_human(b, sb_str(&path));
	sb_putc(b, '\n');
	mof_embedded(b, inst, 0);
	sb_puts(b, ";\n");
	fmt_flush_sb(f, b);
	sb_free(&path);
}

/* ---- classes ---------------------------------------------------------------- */
static int has_qualifier(const MI_QualifierSet *qs, const char *name)
{
	MI_Type t;
	MI_Uint32 fl, idx;
	MI_Value v;
	return qs->ft && MI_QualifierSet_GetQualifier(qs, name, &t, &fl, &v, &idx) == MI_RESULT_OK;
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

/* "[A, B("x")]" then sep; nothing when the list is empty.  extra: names
 * written first (flags the engine keeps outside the qualifier set). */
static void mof_quals(struct sbuf *b, const MI_QualifierSet *qs, const char *const *extra, const char *sep,
	int skip_in_out)
{
	int n = 0;
	for (; extra && *extra; extra++) {
		sb_puts(b, n++ ? ", " : "[");
		sb_puts(b, *extra);
	}
	MI_Uint32 count = 0;
	if (qs->ft)
		MI_QualifierSet_GetQualifierCount(qs, &count);
	for (MI_Uint32 i = 0; i < count; i++) {
		const MI_Char *name;
		MI_Type t;
		MI_Uint32 fl;
		MI_Value v;
		if (MI_QualifierSet_GetQualifierAt(qs, i, &name, &t, &fl, &v) != MI_RESULT_OK)
			continue;
		int dup = skip_in_out && (!strcasecmp(name, "IN") || !strcasecmp(name, "OUT"));
		for (const char *const *e = extra; e && *e && !dup; e++)
			dup = !strcasecmp(*e, name);
		if (dup)
			continue;
		sb_puts(b, n++ ? ", " : "[");
		fmt_text_human(b, name);
		if (fl & MI_FLAG_NULL) {
			sb_puts(b, "(NULL)");
		} else if (t == MI_BOOLEAN) {
			if (!v.boolean)
				sb_puts(b, "(false)");
		} else if (t & MI_ARRAY) {
			mof_value(b, t, &v, 0, 0);
		} else {
			sb_putc(b, '(');
			mof_value(b, t, &v, 0, 0);
			sb_putc(b, ')');
		}
	}
	if (n) {
		sb_putc(b, ']');
		sb_puts(b, sep);
	}
}

static const char *scalar_type_name(MI_Type t)
{
	if ((t & ~MI_ARRAY) == MI_INSTANCE)
		return "string";
	return MIX_TypeName((MI_Type)(t & ~MI_ARRAY));
}

/* "type name" or "RefClass REF name", with [] for arrays */
static void mof_typed_name(struct sbuf *b, MI_Type t, const char *refclass, const char *name)
{
	if ((t & ~MI_ARRAY) == MI_REFERENCE) {
		fmt_text_human(b, refclass && *refclass ? refclass : "CIM_ManagedElement");
		sb_puts(b, " REF ");
	} else {
		sb_puts(b, scalar_type_name(t));
		sb_putc(b, ' ');
	}
	fmt_text_human(b, name);
	if (t & MI_ARRAY)
		sb_puts(b, "[]");
}

void mof_class(struct fmt *f, const MI_Class *cls)
{
	struct sbuf *b = &f->tmp;
	sb_reset(b);
	if (f->count)
		sb_putc(b, '\n');
	const MI_Char *name = NULL, *super = NULL;
	MI_Class_GetClassName(cls, &name);
	if (MI_Class_GetParentClassName(cls, &super) != MI_RESULT_OK)
		super = NULL;
	MI_QualifierSet cq = { 0, 0, NULL };
	MI_Class_GetClassQualifierSet(cls, &cq);
	mof_quals(b, &cq, NULL, "\n", 0);
	sb_puts(b, "class ");
	fmt_text_human(b, name ? name : "");
	if (super) {
		sb_puts(b, " : ");
		fmt_text_human(b, super);
	}
	sb_puts(b, " {\n");

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
		const char *extra[3] = { NULL, NULL, NULL };
		int ne = 0;
		if ((fl & MI_FLAG_KEY) && !has_qualifier(&qs, "Key"))
			extra[ne++] = "Key";
		struct sbuf emb = SBUF_INIT;
		if ((t & ~MI_ARRAY) == MI_INSTANCE && !has_qualifier(&qs, "EmbeddedInstance") &&
		    !has_qualifier(&qs, "EmbeddedObject")) {
			if (refclass && *refclass) {
				sb_puts(&emb, "EmbeddedInstance(\"");
				fmt_text_mof(&emb, refclass);
				sb_puts(&emb, "\")");
			} else {
				sb_puts(&emb, "EmbeddedObject");
			}
			extra[ne++] = sb_str(&emb);
		}
		sb_puts(b, "    ");
		mof_quals(b, &qs, extra, "\n    ", 0);
		sb_free(&emb);
		mof_typed_name(b, t, refclass, pname);
		if (exists && !(fl & MI_FLAG_NULL)) {
			sb_puts(b, " = ");
			mof_value(b, t, &v, 0, 1);
		}
		sb_puts(b, ";\n");
	}

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
		sb_puts(b, "    ");
		mof_quals(b, &mq, NULL, "\n    ", 0);
		sb_puts(b, scalar_type_name(rt));
		sb_putc(b, ' ');
		fmt_text_human(b, mname);
		sb_putc(b, '(');
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
			const char *extra[3] = { NULL, NULL, NULL };
			int ne = 0;
			if (qual_bool(&pq, "IN", !!(pfl & MI_FLAG_IN)))
				extra[ne++] = "IN";
			if (qual_bool(&pq, "OUT", !!(pfl & MI_FLAG_OUT)))
				extra[ne++] = "OUT";
			if (k)
				sb_puts(b, ", ");
			mof_quals(b, &pq, extra, " ", 1);
			mof_typed_name(b, pt, prc, pn);
		}
		sb_puts(b, ");\n");
	}
	sb_puts(b, "};\n");
	fmt_flush_sb(f, b);
}
