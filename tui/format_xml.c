/* format_xml.c - CIM-XML (DSP0201) style elements under one <RESULTS> root:
 * VALUE.OBJECTWITHLOCALPATH for instances, LOCALINSTANCEPATH for instance
 * names, CLASS for classes, CLASSNAME for class names.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "format.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

static void attr(struct sbuf *b, const char *name, const char *value)
{
	sb_putc(b, ' ');
	sb_puts(b, name);
	sb_puts(b, "=\"");
	fmt_text_xml(b, value ? value : "");
	sb_putc(b, '"');
}

static const char *type_attr(MI_Type t)
{
	MI_Type s = (MI_Type)(t & ~MI_ARRAY);
	if (s == MI_INSTANCE)
		return "string";
	return MIX_TypeName(s);
}

static void xml_local_ns(struct sbuf *b, const char *ns)
{
	sb_puts(b, "<LOCALNAMESPACEPATH>");
	while (ns && *ns) {
		while (*ns == '/')
			ns++;
		size_t n = strcspn(ns, "/");
		if (!n)
			break;
		char *part = strndup(ns, n);
		sb_puts(b, "<NAMESPACE");
		attr(b, "NAME", part);
		sb_puts(b, "/>");
		free(part);
		ns += n;
	}
	sb_puts(b, "</LOCALNAMESPACEPATH>");
}

static void xml_instancename(struct sbuf *b, const MI_Instance *inst);

static void xml_local_path(struct sbuf *b, const char *ns, const MI_Instance *inst)
{
	sb_puts(b, "<LOCALINSTANCEPATH>");
	xml_local_ns(b, ns);
	xml_instancename(b, inst);
	sb_puts(b, "</LOCALINSTANCEPATH>");
}

static void xml_ref_path(struct sbuf *b, const MI_Instance *r)
{
	const MI_Char *ns = NULL;
	MI_Instance_GetNameSpace(r, &ns);
	if (ns && *ns)
		xml_local_path(b, ns, r);
	else
		xml_instancename(b, r);
}

static void xml_instancename(struct sbuf *b, const MI_Instance *inst)
{
	const MI_Char *cn = NULL;
	MI_Instance_GetClassName(inst, &cn);
	sb_puts(b, "<INSTANCENAME");
	attr(b, "CLASSNAME", cn);
	sb_putc(b, '>');
	struct sbuf tmp = SBUF_INIT;
	struct fmt_elem e;
	for (fmt_elems(&e, inst); fmt_elem_next(&e);) {
		MI_Type t = e.t;
		if (!(e.fl & MI_FLAG_KEY) || (e.fl & MI_FLAG_NULL) || (t & MI_ARRAY))
			continue;
		sb_puts(b, "<KEYBINDING");
		attr(b, "NAME", e.name);
		sb_putc(b, '>');
		if (t == MI_REFERENCE) {
			sb_puts(b, "<VALUE.REFERENCE>");
			if (e.v.reference)
				xml_ref_path(b, e.v.reference);
			sb_puts(b, "</VALUE.REFERENCE>");
		} else {
			const char *vt = t == MI_BOOLEAN ? "boolean" :
				(t == MI_STRING || t == MI_CHAR16 || t == MI_DATETIME) ? "string" : "numeric";
			sb_puts(b, "<KEYVALUE");
			attr(b, "VALUETYPE", vt);
			attr(b, "TYPE", MIX_TypeName(t));
			sb_putc(b, '>');
			sb_reset(&tmp);
			wbem_scalar_text(&tmp, t, &e.v, 0, 0);
			fmt_text_xml(b, sb_str(&tmp));
			sb_puts(b, "</KEYVALUE>");
		}
		sb_puts(b, "</KEYBINDING>");
	}
	sb_free(&tmp);
	sb_puts(b, "</INSTANCENAME>");
}

/* One value: VALUE, VALUE.REFERENCE, or VALUE.NULL for a NULL array
 * element (a NULL scalar reference writes nothing). */
static void xml_value_scalar(struct sbuf *b, MI_Type t, const MI_Value *v, int is_array, MI_Uint32 i, void *ctx)
{
	(void)ctx;
	struct sbuf tmp = SBUF_INIT;
	if ((t & ~MI_ARRAY) == MI_REFERENCE) {
		const MI_Instance *r = is_array ? v->referencea.data[i] : v->reference;
		if (r) {
			sb_puts(b, "<VALUE.REFERENCE>");
			xml_ref_path(b, r);
			sb_puts(b, "</VALUE.REFERENCE>");
		} else if (is_array) {
			sb_puts(b, "<VALUE.NULL/>");
		}
		return;
	}
	if ((t & ~MI_ARRAY) == MI_INSTANCE) {
		const MI_Instance *e = is_array ? v->instancea.data[i] : v->instance;
		if (!e) {
			sb_puts(b, "<VALUE.NULL/>");
			return;
		}
		xml_instance_element(&tmp, e);
	} else if ((t & ~MI_ARRAY) == MI_STRING && !(is_array ? v->stringa.data[i] : v->string)) {
		sb_puts(b, "<VALUE.NULL/>");
		return;
	} else {
		wbem_scalar_text(&tmp, t, v, is_array, i);
	}
	sb_puts(b, "<VALUE>");
	fmt_text_xml(b, sb_str(&tmp));
	sb_puts(b, "</VALUE>");
	sb_free(&tmp);
}

static void xml_value(struct sbuf *b, MI_Type t, const MI_Value *v, MI_Uint32 fl)
{
	static const struct fmt_value_style values = { "", "<VALUE.ARRAY>", "", "</VALUE.ARRAY>" };
	static const struct fmt_value_style refs = { "", "<VALUE.REFARRAY>", "", "</VALUE.REFARRAY>" };
	fmt_value_walk(b, t, v, fl, (t & ~MI_ARRAY) == MI_REFERENCE ? &refs : &values, xml_value_scalar, NULL);
}

/* PROPERTY / PROPERTY.ARRAY / PROPERTY.REFERENCE / PROPERTY.REFARRAY tag,
 * PARAMETER... for a method parameter */
static const char *prop_tag(MI_Type t, int param)
{
	static const char *const tags[2][4] = {
		{ "PROPERTY", "PROPERTY.ARRAY", "PROPERTY.REFERENCE", "PROPERTY.REFARRAY" },
		{ "PARAMETER", "PARAMETER.ARRAY", "PARAMETER.REFERENCE", "PARAMETER.REFARRAY" },
	};
	return tags[!!param][((t & ~MI_ARRAY) == MI_REFERENCE ? 2 : 0) + ((t & MI_ARRAY) ? 1 : 0)];
}

void xml_instance_element(struct sbuf *b, const MI_Instance *inst)
{
	const MI_Char *cn = NULL;
	MI_Instance_GetClassName(inst, &cn);
	sb_puts(b, "<INSTANCE");
	attr(b, "CLASSNAME", cn);
	sb_putc(b, '>');
	struct fmt_elem e;
	for (fmt_elems(&e, inst); fmt_elem_next(&e);) {
		const char *tag = prop_tag(e.t, 0);
		sb_putc(b, '<');
		sb_puts(b, tag);
		attr(b, "NAME", e.name);
		if ((e.t & ~MI_ARRAY) != MI_REFERENCE)
			attr(b, "TYPE", type_attr(e.t));
		if ((e.t & ~MI_ARRAY) == MI_INSTANCE)
			attr(b, "EmbeddedObject", "instance");
		sb_putc(b, '>');
		xml_value(b, e.t, &e.v, e.fl);
		sb_puts(b, "</");
		sb_puts(b, tag);
		sb_putc(b, '>');
	}
	sb_puts(b, "</INSTANCE>");
}

void xml_begin(struct fmt *f)
{
	fputs("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<RESULTS>\n", f->out);
}

void xml_end(struct fmt *f)
{
	fputs("</RESULTS>\n", f->out);
}

void xml_instance(struct fmt *f, const MI_Instance *inst)
{
	struct sbuf *b = &f->tmp;
	sb_reset(b);
	sb_puts(b, "<VALUE.OBJECTWITHLOCALPATH>");
	xml_local_path(b, fmt_ns_of(f, inst), inst);
	xml_instance_element(b, inst);
	sb_puts(b, "</VALUE.OBJECTWITHLOCALPATH>\n");
	fmt_flush_sb(f, b);
}

void xml_instance_name(struct fmt *f, const MI_Instance *inst)
{
	struct sbuf *b = &f->tmp;
	sb_reset(b);
	xml_local_path(b, fmt_ns_of(f, inst), inst);
	sb_putc(b, '\n');
	fmt_flush_sb(f, b);
}

void xml_class_name(struct fmt *f, const MI_Class *cls)
{
	const MI_Char *name = NULL;
	MI_Class_GetClassName(cls, &name);
	struct sbuf *b = &f->tmp;
	sb_reset(b);
	sb_puts(b, "<CLASSNAME");
	attr(b, "NAME", name);
	sb_puts(b, "/>\n");
	fmt_flush_sb(f, b);
}

/* REFERENCECLASS for references (when known), TYPE for the others */
static void xml_type_attrs(struct sbuf *b, MI_Type t, const char *refclass)
{
	if ((t & ~MI_ARRAY) == MI_REFERENCE) {
		if (refclass && *refclass)
			attr(b, "REFERENCECLASS", refclass);
	} else {
		attr(b, "TYPE", type_attr(t));
	}
}

static void xml_quals(struct sbuf *b, const MI_QualifierSet *qs)
{
	struct fmt_qual q;
	for (fmt_quals(&q, qs); fmt_qual_next(&q);) {
		sb_puts(b, "<QUALIFIER");
		attr(b, "NAME", q.name);
		attr(b, "TYPE", type_attr(q.t));
		sb_putc(b, '>');
		xml_value(b, q.t, &q.v, q.fl);
		sb_puts(b, "</QUALIFIER>");
	}
}

void xml_class(struct fmt *f, const MI_Class *cls)
{
	struct sbuf *b = &f->tmp;
	sb_reset(b);
	const MI_Char *name = NULL, *super = NULL;
	MI_Class_GetClassName(cls, &name);
	if (MI_Class_GetParentClassName(cls, &super) != MI_RESULT_OK)
		super = NULL;
	sb_puts(b, "<CLASS");
	attr(b, "NAME", name);
	if (super)
		attr(b, "SUPERCLASS", super);
	sb_putc(b, '>');
	MI_QualifierSet cq = { 0, 0, NULL };
	MI_Class_GetClassQualifierSet(cls, &cq);
	xml_quals(b, &cq);
	struct fmt_prop p;
	for (fmt_props(&p, cls); fmt_prop_next(&p);) {
		const char *tag = prop_tag(p.t, 0);
		sb_putc(b, '<');
		sb_puts(b, tag);
		attr(b, "NAME", p.name);
		xml_type_attrs(b, p.t, p.refclass);
		if ((p.t & ~MI_ARRAY) == MI_INSTANCE) {
			if (p.refclass && *p.refclass)
				attr(b, "EmbeddedInstance", p.refclass);
			else
				attr(b, "EmbeddedObject", "instance");
		}
		sb_putc(b, '>');
		xml_quals(b, &p.qs);
		if (p.exists)
			xml_value(b, p.t, &p.v, p.fl);
		sb_puts(b, "</");
		sb_puts(b, tag);
		sb_putc(b, '>');
	}
	struct fmt_method m;
	for (fmt_methods(&m, cls); fmt_method_next(&m);) {
		sb_puts(b, "<METHOD");
		attr(b, "NAME", m.name);
		attr(b, "TYPE", type_attr(m.rt));
		sb_putc(b, '>');
		xml_quals(b, &m.qs);
		struct fmt_param a;
		for (fmt_params(&a, &m.ps); fmt_param_next(&a);) {
			const char *tag = prop_tag(a.t, 1);
			sb_putc(b, '<');
			sb_puts(b, tag);
			attr(b, "NAME", a.name);
			xml_type_attrs(b, a.t, a.refclass);
			sb_putc(b, '>');
			int has_in = 0, has_out = 0;
			struct fmt_qual q;
			for (fmt_quals(&q, &a.qs); fmt_qual_next(&q);) {
				has_in |= !strcasecmp(q.name, "IN");
				has_out |= !strcasecmp(q.name, "OUT");
			}
			if ((a.fl & MI_FLAG_IN) && !has_in)
				sb_puts(b, "<QUALIFIER NAME=\"IN\" TYPE=\"boolean\"><VALUE>TRUE</VALUE></QUALIFIER>");
			if ((a.fl & MI_FLAG_OUT) && !has_out)
				sb_puts(b, "<QUALIFIER NAME=\"OUT\" TYPE=\"boolean\"><VALUE>TRUE</VALUE></QUALIFIER>");
			xml_quals(b, &a.qs);
			sb_puts(b, "</");
			sb_puts(b, tag);
			sb_putc(b, '>');
		}
		sb_puts(b, "</METHOD>");
	}
	sb_puts(b, "</CLASS>\n");
	fmt_flush_sb(f, b);
}
