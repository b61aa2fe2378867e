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

static void xml_ref_path(struct sbuf *b, const MI_Instance *r)
{
	const MI_Char *ns = NULL;
	MI_Instance_GetNameSpace(r, &ns);
	if (ns && *ns) {
		sb_puts(b, "<LOCALINSTANCEPATH>");
		xml_local_ns(b, ns);
		xml_instancename(b, r);
		sb_puts(b, "</LOCALINSTANCEPATH>");
	} else {
		xml_instancename(b, r);
	}
}

static void xml_instancename(struct sbuf *b, const MI_Instance *inst)
{
	const MI_Char *cn = NULL;
	MI_Instance_GetClassName(inst, &cn);
	sb_puts(b, "<INSTANCENAME");
	attr(b, "CLASSNAME", cn);
	sb_putc(b, '>');
	MI_Uint32 n = 0;
	MI_Instance_GetElementCount(inst, &n);
	struct sbuf tmp = SBUF_INIT;
	for (MI_Uint32 i = 0; i < n; i++) {
		const MI_Char *name;
		MI_Value v;
		MI_Type t;
		MI_Uint32 fl;
		if (MI_Instance_GetElementAt(inst, i, &name, &v, &t, &fl) != MI_RESULT_OK || !(fl & MI_FLAG_KEY) ||
		    (fl & MI_FLAG_NULL) || (t & MI_ARRAY))
			continue;
		sb_puts(b, "<KEYBINDING");
		attr(b, "NAME", name);
		sb_putc(b, '>');
		if (t == MI_REFERENCE) {
			sb_puts(b, "<VALUE.REFERENCE>");
			if (v.reference)
				xml_ref_path(b, v.reference);
			sb_puts(b, "</VALUE.REFERENCE>");
		} else {
			const char *vt = t == MI_BOOLEAN ? "boolean" :
				(t == MI_STRING || t == MI_CHAR16 || t == MI_DATETIME) ? "string" : "numeric";
			sb_puts(b, "<KEYVALUE");
			attr(b, "VALUETYPE", vt);
			attr(b, "TYPE", MIX_TypeName(t));
			sb_putc(b, '>');
			sb_reset(&tmp);
			wbem_scalar_text(&tmp, t, &v, 0, 0);
			fmt_text_xml(b, sb_str(&tmp));
			sb_puts(b, "</KEYVALUE>");
		}
		sb_puts(b, "</KEYBINDING>");
	}
	sb_free(&tmp);
	sb_puts(b, "</INSTANCENAME>");
}

static void xml_value_scalar(struct sbuf *b, MI_Type t, const MI_Value *v, int is_array, MI_Uint32 i)
{
	struct sbuf tmp = SBUF_INIT;
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
	if (fl & MI_FLAG_NULL)
		return;
	MI_Type s = (MI_Type)(t & ~MI_ARRAY);
	if (s == MI_REFERENCE) {
		if (t & MI_ARRAY) {
			sb_puts(b, "<VALUE.REFARRAY>");
			for (MI_Uint32 i = 0; i < v->referencea.size; i++) {
				if (!v->referencea.data[i]) {
					sb_puts(b, "<VALUE.NULL/>");
					continue;
				}
				sb_puts(b, "<VALUE.REFERENCE>");
				xml_ref_path(b, v->referencea.data[i]);
				sb_puts(b, "</VALUE.REFERENCE>");
			}
			sb_puts(b, "</VALUE.REFARRAY>");
		} else if (v->reference) {
			sb_puts(b, "<VALUE.REFERENCE>");
			xml_ref_path(b, v->reference);
			sb_puts(b, "</VALUE.REFERENCE>");
		}
		return;
	}
	if (t & MI_ARRAY) {
		sb_puts(b, "<VALUE.ARRAY>");
		for (MI_Uint32 i = 0; i < v->array.size; i++)
			xml_value_scalar(b, t, v, 1, i);
		sb_puts(b, "</VALUE.ARRAY>");
	} else {
		xml_value_scalar(b, t, v, 0, 0);
	}
}

/* PROPERTY / PROPERTY.ARRAY / PROPERTY.REFERENCE / PROPERTY.REFARRAY open tag */
static const char *prop_tag(MI_Type t)
{
	if ((t & ~MI_ARRAY) == MI_REFERENCE)
		return (t & MI_ARRAY) ? "PROPERTY.REFARRAY" : "PROPERTY.REFERENCE";
	return (t & MI_ARRAY) ? "PROPERTY.ARRAY" : "PROPERTY";
}

void xml_instance_element(struct sbuf *b, const MI_Instance *inst)
{
	const MI_Char *cn = NULL;
	MI_Instance_GetClassName(inst, &cn);
	sb_puts(b, "<INSTANCE");
	attr(b, "CLASSNAME", cn);
	sb_putc(b, '>');
	MI_Uint32 n = 0;
	MI_Instance_GetElementCount(inst, &n);
	for (MI_Uint32 i = 0; i < n; i++) {
		const MI_Char *name;
		MI_Value v;
		MI_Type t;
		MI_Uint32 fl;
		if (MI_Instance_GetElementAt(inst, i, &name, &v, &t, &fl) != MI_RESULT_OK)
			continue;
		const char *tag = prop_tag(t);
		sb_putc(b, '<');
		sb_puts(b, tag);
		attr(b, "NAME", name);
		if ((t & ~MI_ARRAY) != MI_REFERENCE)
			attr(b, "TYPE", type_attr(t));
		if ((t & ~MI_ARRAY) == MI_INSTANCE)
			attr(b, "EmbeddedObject", "instance");
		sb_putc(b, '>');
		xml_value(b, t, &v, fl);
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
	sb_puts(b, "<VALUE.OBJECTWITHLOCALPATH><LOCALINSTANCEPATH>");
	xml_local_ns(b, fmt_ns_of(f, inst));
	xml_instancename(b, inst);
	sb_puts(b, "</LOCALINSTANCEPATH>");
	xml_instance_element(b, inst);
	sb_puts(b, "</VALUE.OBJECTWITHLOCALPATH>\n");
	fmt_flush_sb(f, b);
}

void xml_instance_name(struct fmt *f, const MI_Instance *inst)
{
	struct sbuf *b = &f->tmp;
	sb_reset(b);
	sb_puts(b, "<LOCALINSTANCEPATH>");
	xml_local_ns(b, fmt_ns_of(f, inst));
	xml_instancename(b, inst);
	sb_puts(b, "</LOCALINSTANCEPATH>\n");
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

static void xml_quals(struct sbuf *b, const MI_QualifierSet *qs)
{
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
		sb_puts(b, "<QUALIFIER");
		attr(b, "NAME", name);
		attr(b, "TYPE", type_attr(t));
		sb_putc(b, '>');
		xml_value(b, t, &v, fl);
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
		const char *tag = prop_tag(t);
		sb_putc(b, '<');
		sb_puts(b, tag);
		attr(b, "NAME", pname);
		if ((t & ~MI_ARRAY) == MI_REFERENCE) {
			if (refclass && *refclass)
				attr(b, "REFERENCECLASS", refclass);
		} else {
			attr(b, "TYPE", type_attr(t));
		}
		if ((t & ~MI_ARRAY) == MI_INSTANCE) {
			if (refclass && *refclass)
				attr(b, "EmbeddedInstance", refclass);
			else
				attr(b, "EmbeddedObject", "instance");
		}
		sb_putc(b, '>');
		xml_quals(b, &qs);
		if (exists)
			xml_value(b, t, &v, fl);
		sb_puts(b, "</");
		sb_puts(b, tag);
		sb_putc(b, '>');
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
		sb_puts(b, "<METHOD");
		attr(b, "NAME", mname);
		attr(b, "TYPE", type_attr(rt));
		sb_putc(b, '>');
		xml_quals(b, &mq);
		MI_Uint32 np = 0;
		MI_ParameterSet_GetParameterCount(&ps, &np);
		for (MI_Uint32 k = 0; k < np; k++) {
			const MI_Char *pn;
			MI_Type pt;
			MI_Char *prc = NULL;
			MI_QualifierSet pq = { 0, 0, NULL };
			if (MI_ParameterSet_GetParameterAt(&ps, k, &pn, &pt, &prc, &pq) != MI_RESULT_OK)
				continue;
			const char *tag = (pt & ~MI_ARRAY) == MI_REFERENCE ?
				((pt & MI_ARRAY) ? "PARAMETER.REFARRAY" : "PARAMETER.REFERENCE") :
				((pt & MI_ARRAY) ? "PARAMETER.ARRAY" : "PARAMETER");
			sb_putc(b, '<');
			sb_puts(b, tag);
			attr(b, "NAME", pn);
			if ((pt & ~MI_ARRAY) == MI_REFERENCE) {
				if (prc && *prc)
					attr(b, "REFERENCECLASS", prc);
			} else {
				attr(b, "TYPE", type_attr(pt));
			}
			sb_putc(b, '>');
			MI_Uint32 pfl = 0;
			MIX_ParameterSet_GetParameterFlags(&ps, k, &pfl);
			int has_in = 0, has_out = 0;
			MI_Uint32 qc = 0;
			if (pq.ft)
				MI_QualifierSet_GetQualifierCount(&pq, &qc);
			for (MI_Uint32 q = 0; q < qc; q++) {
				const MI_Char *qn;
				MI_Type qt;
				MI_Uint32 qf;
				MI_Value qv;
				if (MI_QualifierSet_GetQualifierAt(&pq, q, &qn, &qt, &qf, &qv) == MI_RESULT_OK) {
					has_in |= !strcasecmp(qn, "IN");
					has_out |= !strcasecmp(qn, "OUT");
				}
			}
			if ((pfl & MI_FLAG_IN) && !has_in)
				sb_puts(b, "<QUALIFIER NAME=\"IN\" TYPE=\"boolean\"><VALUE>TRUE</VALUE></QUALIFIER>");
			if ((pfl & MI_FLAG_OUT) && !has_out)
				sb_puts(b, "<QUALIFIER NAME=\"OUT\" TYPE=\"boolean\"><VALUE>TRUE</VALUE></QUALIFIER>");
			xml_quals(b, &pq);
			sb_puts(b, "</");
			sb_puts(b, tag);
			sb_putc(b, '>');
		}
		sb_puts(b, "</METHOD>");
	}
	sb_puts(b, "</CLASS>\n");
	fmt_flush_sb(f, b);
}
