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

/* A JSON string, or null for NULL. */
static void json_str_or_null(struct sbuf *b, const char *s)
{
	if (s)
		fmt_text_json(b, s);
	else
		sb_puts(b, "null");
}

static void json_scalar(struct sbuf *b, MI_Type t, const MI_Value *v, int is_array, MI_Uint32 i, void *ctx)
{
	struct fmt *f = ctx;
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
	static const struct fmt_value_style style = { "null", "[", ",", "]" };
	fmt_value_walk(b, t, v, flags, &style, json_scalar, f);
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
		json_str_or_null(b, ns);
		fmt_ns_path(&path, ns, inst);
		sb_puts(b, ",\"path\":");
		fmt_text_json(b, sb_str(&path));
		sb_free(&path);
	}
	sb_puts(b, ",\"properties\":{");
	struct fmt_elem e;
	for (fmt_elems(&e, inst); fmt_elem_next(&e);) {
		if (e.i)
			sb_putc(b, ',');
		fmt_text_json(b, e.name);
		sb_puts(b, ":{\"type\":");
		fmt_text_json(b, MIX_TypeName(e.t));
		sb_puts(b, ",\"value\":");
		json_value(b, f, e.t, &e.v, e.fl);
		if (e.fl & MI_FLAG_KEY)
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

static void json_quals(struct sbuf *b, struct fmt *f, const MI_QualifierSet *qs)
{
	struct fmt_qual q;
	sb_putc(b, '{');
	MI_Uint32 n = 0;
	for (fmt_quals(&q, qs); fmt_qual_next(&q);) {
		if (n++)
			sb_putc(b, ',');
		fmt_text_json(b, q.name);
		sb_putc(b, ':');
		json_value(b, f, q.t, &q.v, q.fl);
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
	json_str_or_null(b, super);
	sb_puts(b, ",\"namespace\":");
	json_str_or_null(b, ns);
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
	struct fmt_prop p;
	for (fmt_props(&p, cls); fmt_prop_next(&p);) {
		if (p.i)
			sb_putc(b, ',');
		fmt_text_json(b, p.name);
		sb_puts(b, ":{\"type\":");
		fmt_text_json(b, MIX_TypeName(p.t));
		if (p.fl & MI_FLAG_KEY)
			sb_puts(b, ",\"key\":true");
		if (p.refclass && *p.refclass) {
			sb_puts(b, ",\"refclass\":");
			fmt_text_json(b, p.refclass);
		}
		if (p.exists && !(p.fl & MI_FLAG_NULL)) {
			sb_puts(b, ",\"default\":");
			json_value(b, f, p.t, &p.v, 0);
		}
		sb_puts(b, ",\"qualifiers\":");
		json_quals(b, f, &p.qs);
		sb_putc(b, '}');
	}
	sb_puts(b, "},\"methods\":{");
	struct fmt_method m;
	for (fmt_methods(&m, cls); fmt_method_next(&m);) {
		if (m.i)
			sb_putc(b, ',');
		fmt_text_json(b, m.name);
		sb_puts(b, ":{\"type\":");
		fmt_text_json(b, MIX_TypeName(m.rt));
		sb_puts(b, ",\"qualifiers\":");
		json_quals(b, f, &m.qs);
		sb_puts(b, ",\"parameters\":{");
		struct fmt_param a;
		for (fmt_params(&a, &m.ps); fmt_param_next(&a);) {
			if (a.i)
				sb_putc(b, ',');
			fmt_text_json(b, a.name);
			sb_puts(b, ":{\"type\":");
			fmt_text_json(b, MIX_TypeName(a.t));
			sb_printf(b, ",\"in\":%s,\"out\":%s", fmt_qual_bool(&a.qs, "IN", !!(a.fl & MI_FLAG_IN)) ? "true" : "false",
				fmt_qual_bool(&a.qs, "OUT", !!(a.fl & MI_FLAG_OUT)) ? "true" : "false");
			if (a.refclass && *a.refclass) {
				sb_puts(b, ",\"refclass\":");
				fmt_text_json(b, a.refclass);
			}
			sb_puts(b, ",\"qualifiers\":");
			json_quals(b, f, &a.qs);
			sb_putc(b, '}');
		}
		sb_puts(b, "}}");
	}
	sb_puts(b, "}}\n");
	fmt_flush_sb(f, b);
}
