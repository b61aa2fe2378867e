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

static void mof_scalar(struct sbuf *b, MI_Type t, const MI_Value *v, int is_array, MI_Uint32 i, void *ctx)
{
	int indent = *(const int *)ctx;
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
	static const struct fmt_value_style style = { "NULL", "{", ", ", "}" };
	fmt_value_walk(b, t, v, flags, &style, mof_scalar, &indent);
}

static void mof_props(struct sbuf *b, const MI_Instance *inst, int indent)
{
	struct fmt_elem e;
	for (fmt_elems(&e, inst); fmt_elem_next(&e);) {
		indent_to(b, indent);
		fmt_text_human(b, e.name);
		sb_puts(b, " = ");
		mof_value(b, e.t, &e.v, e.fl, indent);
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
	fmt_ns_path(&path, ns, inst);
	sb_puts(b, "// ");
	fmt_text_human(b, sb_str(&path));
	sb_putc(b, '\n');
	mof_embedded(b, inst, 0);
	sb_puts(b, ";\n");
	fmt_flush_sb(f, b);
	sb_free(&path);
}

/* ---- classes ---------------------------------------------------------------- */
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
	struct fmt_qual q;
	for (fmt_quals(&q, qs); fmt_qual_next(&q);) {
		int dup = skip_in_out && (!strcasecmp(q.name, "IN") || !strcasecmp(q.name, "OUT"));
		for (const char *const *e = extra; e && *e && !dup; e++)
			dup = !strcasecmp(*e, q.name);
		if (dup)
			continue;
		sb_puts(b, n++ ? ", " : "[");
		fmt_text_human(b, q.name);
		if (q.fl & MI_FLAG_NULL) {
			sb_puts(b, "(NULL)");
		} else if (q.t == MI_BOOLEAN) {
			if (!q.v.boolean)
				sb_puts(b, "(false)");
		} else if (q.t & MI_ARRAY) {
			mof_value(b, q.t, &q.v, 0, 0);
		} else {
			sb_putc(b, '(');
			mof_value(b, q.t, &q.v, 0, 0);
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

	struct fmt_prop p;
	for (fmt_props(&p, cls); fmt_prop_next(&p);) {
		const char *extra[3] = { NULL, NULL, NULL };
		int ne = 0;
		if ((p.fl & MI_FLAG_KEY) && !fmt_has_qualifier(&p.qs, "Key"))
			extra[ne++] = "Key";
		struct sbuf emb = SBUF_INIT;
		if ((p.t & ~MI_ARRAY) == MI_INSTANCE && !fmt_has_qualifier(&p.qs, "EmbeddedInstance") &&
		    !fmt_has_qualifier(&p.qs, "EmbeddedObject")) {
			if (p.refclass && *p.refclass) {
				sb_puts(&emb, "EmbeddedInstance(\"");
				fmt_text_mof(&emb, p.refclass);
				sb_puts(&emb, "\")");
			} else {
				sb_puts(&emb, "EmbeddedObject");
			}
			extra[ne++] = sb_str(&emb);
		}
		sb_puts(b, "    ");
		mof_quals(b, &p.qs, extra, "\n    ", 0);
		sb_free(&emb);
		mof_typed_name(b, p.t, p.refclass, p.name);
		if (p.exists && !(p.fl & MI_FLAG_NULL)) {
			sb_puts(b, " = ");
			mof_value(b, p.t, &p.v, 0, 1);
		}
		sb_puts(b, ";\n");
	}

	struct fmt_method m;
	for (fmt_methods(&m, cls); fmt_method_next(&m);) {
		sb_puts(b, "    ");
		mof_quals(b, &m.qs, NULL, "\n    ", 0);
		sb_puts(b, scalar_type_name(m.rt));
		sb_putc(b, ' ');
		fmt_text_human(b, m.name);
		sb_putc(b, '(');
		struct fmt_param a;
		for (fmt_params(&a, &m.ps); fmt_param_next(&a);) {
			const char *extra[3] = { NULL, NULL, NULL };
			int ne = 0;
			if (fmt_qual_bool(&a.qs, "IN", !!(a.fl & MI_FLAG_IN)))
				extra[ne++] = "IN";
			if (fmt_qual_bool(&a.qs, "OUT", !!(a.fl & MI_FLAG_OUT)))
				extra[ne++] = "OUT";
			if (a.i)
				sb_puts(b, ", ");
			mof_quals(b, &a.qs, extra, " ", 1);
			mof_typed_name(b, a.t, a.refclass, a.name);
		}
		sb_puts(b, ");\n");
	}
	sb_puts(b, "};\n");
	fmt_flush_sb(f, b);
}
