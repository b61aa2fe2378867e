/* cimxml_write.c - CIM-XML request writer: envelopes, IPARAMVALUEs,
 * typed PARAMVALUEs, instance names and the CIMObject header.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "cimxml_write.h"
#include "model.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- buffer ------------------------------------------------------------------ */

void cx_buf_init(struct cx_buf *b)
{
	memset(b, 0, sizeof(*b));
}

void cx_buf_free(struct cx_buf *b)
{
	free(b->data);
	cx_buf_init(b);
}

static void put(struct cx_buf *b, const char *s, size_t n)
{
	if (b->oom)
		return;
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 1024;
		while (cap < b->len + n + 1)
			cap *= 2;
		char *d = realloc(b->data, cap);
		if (!d) {
			b->oom = 1;
			return;
		}
		b->data = d;
		b->cap = cap;
	}
	memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void cx_raw(struct cx_buf *b, const char *s)
{
	put(b, s, strlen(s));
}

/* Escapes the five XML specials and writes C0 controls (other than TAB,
 * LF) as character references, the way servers expect CIM strings. */
void cx_text(struct cx_buf *b, const char *s)
{
	if (!s)
		return;
	const char *run = s;
	for (const char *p = s; *p; p++) {
		const char *rep = NULL;
		char tmp[8];
		unsigned char c = (unsigned char)*p;
		switch (c) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&apos;"; break;
		default:
			if (c < 0x20 && c != '\t' && c != '\n') {
				snprintf(tmp, sizeof(tmp), "&#%u;", c);
				rep = tmp;
			}
		}
		if (rep) {
			put(b, run, (size_t)(p - run));
			cx_raw(b, rep);
			run = p + 1;
		}
	}
	put(b, run, strlen(run));
}

char *cx_take(struct cx_buf *b, size_t *len)
{
	char *d = b->oom ? NULL : b->data;
	if (len)
		*len = d ? b->len : 0;
	if (!d)
		free(b->data);
	if (d && !b->data) /* empty */
		d = NULL;
	cx_buf_init(b);
	return d;
}

/* ---- scalars ------------------------------------------------------------------ */

static void put_utf8(struct cx_buf *b, unsigned cp)
{
	char u[4];
	size_t n;
	if (cp < 0x80) {
		u[0] = (char)cp;
		n = 1;
	} else if (cp < 0x800) {
		u[0] = (char)(0xC0 | (cp >> 6));
		u[1] = (char)(0x80 | (cp & 0x3F));
		n = 2;
	} else {
		u[0] = (char)(0xE0 | (cp >> 12));
		u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		u[2] = (char)(0x80 | (cp & 0x3F));
		n = 3;
	}
	char tmp[5];
	memcpy(tmp, u, n);
	tmp[n] = '\0';
	cx_text(b, tmp);
}

static void put_real(struct cx_buf *b, double v, int digits)
{
	char tmp[40];
	if (isnan(v))
		cx_raw(b, "NaN");
	else if (isinf(v))
		cx_raw(b, v > 0 ? "INF" : "-INF");
	else {
		snprintf(tmp, sizeof(tmp), "%.*g", digits, v);
		cx_raw(b, tmp);
	}
}

static void put_instance_xml(struct cx_buf *b, const MI_Instance *inst);

/* The text of one scalar of type t (t without MI_ARRAY), escaped. */
static void put_scalar(struct cx_buf *b, MI_Type t, const void *p)
{
	char tmp[40];
	switch (t) {
	case MI_BOOLEAN: cx_raw(b, *(const MI_Boolean *)p ? "TRUE" : "FALSE"); return;
	case MI_UINT8: snprintf(tmp, sizeof(tmp), "%u", *(const MI_Uint8 *)p); break;
	case MI_SINT8: snprintf(tmp, sizeof(tmp), "%d", *(const MI_Sint8 *)p); break;
	case MI_UINT16: snprintf(tmp, sizeof(tmp), "%u", *(const MI_Uint16 *)p); break;
	case MI_SINT16: snprintf(tmp, sizeof(tmp), "%d", *(const MI_Sint16 *)p); break;
	case MI_UINT32: snprintf(tmp, sizeof(tmp), "%lu", (unsigned long)*(const MI_Uint32 *)p); break;
	case MI_SINT32: snprintf(tmp, sizeof(tmp), "%ld", (long)*(const MI_Sint32 *)p); break;
	case MI_UINT64: snprintf(tmp, sizeof(tmp), "%llu", (unsigned long long)*(const MI_Uint64 *)p); break;
	case MI_SINT64: snprintf(tmp, sizeof(tmp), "%lld", (long long)*(const MI_Sint64 *)p); break;
	case MI_REAL32: put_real(b, *(const MI_Real32 *)p, 9); return;
	case MI_REAL64: put_real(b, *(const MI_Real64 *)p, 17); return;
	case MI_CHAR16: put_utf8(b, *(const MI_Char16 *)p); return;
	case MI_DATETIME: {
		char dt[32];
		mix_datetime_format((const MI_Datetime *)p, dt);
		cx_text(b, dt);
		return;
	}
	case MI_STRING: cx_text(b, *(char *const *)p); return;
	case MI_INSTANCE: {
		/* Embedded instance: its INSTANCE XML, escaped as text. */
		struct cx_buf inner;
		cx_buf_init(&inner);
		put_instance_xml(&inner, *(MI_Instance *const *)p);
		if (inner.oom)
			b->oom = 1;
		else
			cx_text(b, inner.data ? inner.data : "");
		cx_buf_free(&inner);
		return;
	}
	default: return;
	}
	cx_raw(b, tmp);
}

static size_t elem_size(MI_Type t)
{
	switch (t) {
	case MI_BOOLEAN: case MI_UINT8: case MI_SINT8: return 1;
	case MI_UINT16: case MI_SINT16: case MI_CHAR16: return 2;
	case MI_UINT32: case MI_SINT32: case MI_REAL32: return 4;
	case MI_UINT64: case MI_SINT64: case MI_REAL64: return 8;
	case MI_DATETIME: return sizeof(MI_Datetime);
	default: return sizeof(void *);
	}
}

static const char *type_attr(MI_Type t)
{
	t = (MI_Type)(t & ~MI_ARRAY);
	if (t == MI_INSTANCE)
		return "string"; /* with EmbeddedObject="instance" */
	return MIX_TypeName(t);
}

/* ---- paths ---------------------------------------------------------------------- */

void cx_localnamespacepath(struct cx_buf *b, const char *ns)
{
	cx_raw(b, "<LOCALNAMESPACEPATH>");
	const char *p = ns ? ns : "";
	while (*p) {
		while (*p == '/')
			p++;
		const char *e = strchr(p, '/');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		if (n) {
			char *seg = strndup(p, n);
			if (!seg) {
				b->oom = 1;
				return;
			}
			cx_raw(b, "<NAMESPACE NAME=\"");
			cx_text(b, seg);
			cx_raw(b, "\"/>");
			free(seg);
		}
		p += n;
	}
	cx_raw(b, "</LOCALNAMESPACEPATH>");
}

/* Whether element e is part of the key set of inst: the elements flagged
 * MI_FLAG_KEY, or, when none is flagged (a hand-made key instance), every
 * non-NULL scalar. */
static int is_key(const MI_Instance *inst, const struct mix_element *e)
{
	int any = 0;
	for (MI_Uint32 i = 0; i < inst->count; i++)
		any |= (inst->elems[i].flags & MI_FLAG_KEY) != 0;
	if (any)
		return (e->flags & MI_FLAG_KEY) != 0;
	return !(e->flags & MI_FLAG_NULL) && !(e->type & MI_ARRAY) && e->type != MI_INSTANCE;
}

static void put_reference(struct cx_buf *b, const MI_Instance *ref)
{
	cx_raw(b, "<VALUE.REFERENCE>");
	if (ref && ref->name_space && *ref->name_space) {
		cx_raw(b, "<LOCALINSTANCEPATH>");
		cx_localnamespacepath(b, ref->name_space);
		cx_instancename(b, ref);
		cx_raw(b, "</LOCALINSTANCEPATH>");
	} else {
		cx_instancename(b, ref);
	}
	cx_raw(b, "</VALUE.REFERENCE>");
}

static const char *valuetype(MI_Type t)
{
	if (t == MI_BOOLEAN)
		return "boolean";
	if (t <= MI_REAL64 && t != MI_BOOLEAN)
		return "numeric";
	return "string";
}

void cx_instancename(struct cx_buf *b, const MI_Instance *inst)
{
	if (!mix_instance_valid(inst))
		return; /* nothing to name: the server reports the missing path */
	cx_raw(b, "<INSTANCENAME CLASSNAME=\"");
	cx_text(b, inst->class_name);
	cx_raw(b, "\">");
	for (MI_Uint32 i = 0; i < inst->count; i++) {
		const struct mix_element *e = &inst->elems[i];
		if (!is_key(inst, e) || (e->flags & MI_FLAG_NULL))
			continue;
		cx_raw(b, "<KEYBINDING NAME=\"");
		cx_text(b, e->name);
		cx_raw(b, "\">");
		if (e->type == MI_REFERENCE || e->type == MI_INSTANCE) {
			put_reference(b, e->value.reference);
		} else if (!(e->type & MI_ARRAY)) {
			cx_raw(b, "<KEYVALUE VALUETYPE=\"");
			cx_raw(b, valuetype(e->type));
			cx_raw(b, "\">");
			put_scalar(b, e->type, &e->value);
			cx_raw(b, "</KEYVALUE>");
		}
		cx_raw(b, "</KEYBINDING>");
	}
	cx_raw(b, "</INSTANCENAME>");
}

/* ---- values and instances ----------------------------------------------------------- */

/* VALUE / VALUE.ARRAY / VALUE.REFERENCE / VALUE.REFARRAY for a non-NULL value. */
static void put_value(struct cx_buf *b, MI_Type type, const MI_Value *v)
{
	MI_Type base = (MI_Type)(type & ~MI_ARRAY);
	if (!(type & MI_ARRAY)) {
		if (type == MI_REFERENCE) {
			put_reference(b, v->reference);
			return;
		}
		cx_raw(b, "<VALUE>");
		put_scalar(b, type, v);
		cx_raw(b, "</VALUE>");
		return;
	}
	const char *data = v->array.data;
	size_t es = elem_size(base);
	if (base == MI_REFERENCE) {
		cx_raw(b, "<VALUE.REFARRAY>");
		for (MI_Uint32 i = 0; i < v->array.size; i++) {
			MI_Instance *r = *(MI_Instance *const *)(data + i * es);
			if (r)
				put_reference(b, r);
			else
				cx_raw(b, "<VALUE.NULL/>");
		}
		cx_raw(b, "</VALUE.REFARRAY>");
		return;
	}
	cx_raw(b, "<VALUE.ARRAY>");
	for (MI_Uint32 i = 0; i < v->array.size; i++) {
		const void *p = data + i * es;
		if ((base == MI_STRING || base == MI_INSTANCE) && !*(void *const *)p) {
			cx_raw(b, "<VALUE.NULL/>");
			continue;
		}
		cx_raw(b, "<VALUE>");
		put_scalar(b, base, p);
		cx_raw(b, "</VALUE>");
	}
	cx_raw(b, "</VALUE.ARRAY>");
}

static void put_property(struct cx_buf *b, const struct mix_element *e)
{
	MI_Type base = (MI_Type)(e->type & ~MI_ARRAY);
	int null = (e->flags & MI_FLAG_NULL) != 0;
	const char *tag = base == MI_REFERENCE ? (e->type & MI_ARRAY ? "PROPERTY.ARRAY" : "PROPERTY.REFERENCE")
			: (e->type & MI_ARRAY ? "PROPERTY.ARRAY" : "PROPERTY");
	cx_raw(b, "<");
	cx_raw(b, tag);
	cx_raw(b, " NAME=\"");
	cx_text(b, e->name);
	cx_raw(b, "\"");
	if (strcmp(tag, "PROPERTY.REFERENCE")) {
		cx_raw(b, " TYPE=\"");
		cx_raw(b, type_attr(e->type));
		cx_raw(b, "\"");
		if (base == MI_INSTANCE)
			cx_raw(b, " EmbeddedObject=\"instance\"");
	}
	cx_raw(b, ">");
	if (!null)
		put_value(b, e->type, &e->value);
	cx_raw(b, "</");
	cx_raw(b, tag);
	cx_raw(b, ">");
}

static void put_instance_xml(struct cx_buf *b, const MI_Instance *inst)
{
	if (!mix_instance_valid(inst))
		return;
	cx_raw(b, "<INSTANCE CLASSNAME=\"");
	cx_text(b, inst->class_name);
	cx_raw(b, "\">");
	for (MI_Uint32 i = 0; i < inst->count; i++)
		put_property(b, &inst->elems[i]);
	cx_raw(b, "</INSTANCE>");
}

/* ---- envelopes ---------------------------------------------------------------------- */

static void begin_message(struct cx_buf *b, unsigned long msgid)
{
	char id[32];
	snprintf(id, sizeof(id), "%lu", msgid);
	cx_raw(b, "<?xml version=\"1.0\" encoding=\"utf-8\" ?>\n"
		  "<CIM CIMVERSION=\"2.0\" DTDVERSION=\"2.0\"><MESSAGE ID=\"");
	cx_raw(b, id);
	cx_raw(b, "\" PROTOCOLVERSION=\"1.0\"><SIMPLEREQ>");
}

void cx_begin_imethod(struct cx_buf *b, unsigned long msgid, const char *method, const char *ns)
{
	begin_message(b, msgid);
	cx_raw(b, "<IMETHODCALL NAME=\"");
	cx_text(b, method);
	cx_raw(b, "\">");
	cx_localnamespacepath(b, ns);
}

void cx_end_imethod(struct cx_buf *b)
{
	cx_raw(b, "</IMETHODCALL></SIMPLEREQ></MESSAGE></CIM>\n");
}

void cx_begin_method(struct cx_buf *b, unsigned long msgid, const char *method, const char *ns,
	const char *class_name, const MI_Instance *inst)
{
	begin_message(b, msgid);
	cx_raw(b, "<METHODCALL NAME=\"");
	cx_text(b, method);
	cx_raw(b, "\">");
	if (mix_instance_valid(inst)) {
		cx_raw(b, "<LOCALINSTANCEPATH>");
		cx_localnamespacepath(b, ns);
		cx_instancename(b, inst);
		cx_raw(b, "</LOCALINSTANCEPATH>");
	} else {
		cx_raw(b, "<LOCALCLASSPATH>");
		cx_localnamespacepath(b, ns);
		cx_raw(b, "<CLASSNAME NAME=\"");
		cx_text(b, class_name);
		cx_raw(b, "\"/></LOCALCLASSPATH>");
	}
}

void cx_end_method(struct cx_buf *b)
{
	cx_raw(b, "</METHODCALL></SIMPLEREQ></MESSAGE></CIM>\n");
}

static void iparam_open(struct cx_buf *b, const char *name)
{
	cx_raw(b, "<IPARAMVALUE NAME=\"");
	cx_text(b, name);
	cx_raw(b, "\">");
}

void cx_iparam_classname(struct cx_buf *b, const char *name, const char *class_name)
{
	if (!class_name)
		return;
	iparam_open(b, name);
	cx_raw(b, "<CLASSNAME NAME=\"");
	cx_text(b, class_name);
	cx_raw(b, "\"/></IPARAMVALUE>");
}

void cx_iparam_bool(struct cx_buf *b, const char *name, MI_Boolean v)
{
	iparam_open(b, name);
	cx_raw(b, v ? "<VALUE>TRUE</VALUE>" : "<VALUE>FALSE</VALUE>");
	cx_raw(b, "</IPARAMVALUE>");
}

void cx_iparam_string(struct cx_buf *b, const char *name, const char *v)
{
	if (!v)
		return;
	iparam_open(b, name);
	cx_raw(b, "<VALUE>");
	cx_text(b, v);
	cx_raw(b, "</VALUE></IPARAMVALUE>");
}

void cx_iparam_uint(struct cx_buf *b, const char *name, unsigned long long v)
{
	char tmp[32];
	snprintf(tmp, sizeof(tmp), "%llu", v);
	iparam_open(b, name);
	cx_raw(b, "<VALUE>");
	cx_raw(b, tmp);
	cx_raw(b, "</VALUE></IPARAMVALUE>");
}

void cx_iparam_plist(struct cx_buf *b, const char *name, char *const *list)
{
	if (!list)
		return;
	iparam_open(b, name);
	cx_raw(b, "<VALUE.ARRAY>");
	for (char *const *p = list; *p; p++) {
		cx_raw(b, "<VALUE>");
		cx_text(b, *p);
		cx_raw(b, "</VALUE>");
	}
	cx_raw(b, "</VALUE.ARRAY></IPARAMVALUE>");
}

void cx_iparam_instancename(struct cx_buf *b, const char *name, const MI_Instance *inst)
{
	iparam_open(b, name);
	cx_instancename(b, inst);
	cx_raw(b, "</IPARAMVALUE>");
}

void cx_iparam_instance(struct cx_buf *b, const char *name, const MI_Instance *inst)
{
	iparam_open(b, name);
	put_instance_xml(b, inst);
	cx_raw(b, "</IPARAMVALUE>");
}

void cx_iparam_namedinstance(struct cx_buf *b, const char *name, const MI_Instance *inst)
{
	iparam_open(b, name);
	cx_raw(b, "<VALUE.NAMEDINSTANCE>");
	cx_instancename(b, inst);
	put_instance_xml(b, inst);
	cx_raw(b, "</VALUE.NAMEDINSTANCE></IPARAMVALUE>");
}

void cx_paramvalue(struct cx_buf *b, const char *name, MI_Type type, const MI_Value *v, MI_Uint32 flags)
{
	MI_Type base = (MI_Type)(type & ~MI_ARRAY);
	cx_raw(b, "<PARAMVALUE NAME=\"");
	cx_text(b, name);
	cx_raw(b, "\" PARAMTYPE=\"");
	cx_raw(b, base == MI_REFERENCE ? "reference" : type_attr(type));
	cx_raw(b, "\"");
	if (base == MI_INSTANCE)
		cx_raw(b, " EmbeddedObject=\"instance\"");
	cx_raw(b, ">");
	if (v && !(flags & MI_FLAG_NULL))
		put_value(b, type, v);
	cx_raw(b, "</PARAMVALUE>");
}

/* ---- headers ------------------------------------------------------------------------ */

/* A key value the way WBEM URIs write it: strings quoted with \" and \\. */
static void put_uri_key(struct cx_buf *b, const struct mix_element *e)
{
	char tmp[48];
	const void *p = &e->value;
	switch (e->type) {
	case MI_STRING: {
		const char *s = e->value.string ? e->value.string : "";
		cx_raw(b, "\"");
		for (; *s; s++) {
			if (*s == '"' || *s == '\\')
				put(b, "\\", 1);
			put(b, s, 1);
		}
		cx_raw(b, "\"");
		return;
	}
	case MI_DATETIME:
		mix_datetime_format(&e->value.datetime, tmp);
		cx_raw(b, "\"");
		cx_raw(b, tmp);
		cx_raw(b, "\"");
		return;
	case MI_CHAR16:
		cx_raw(b, "\"");
		put_utf8(b, e->value.char16);
		cx_raw(b, "\"");
		return;
	case MI_REFERENCE: case MI_INSTANCE: {
		const MI_Instance *r = e->value.reference;
		char *inner = mix_instance_valid(r) ? cx_object_path(r->name_space, r->class_name, r) : NULL;
		cx_raw(b, "\"");
		for (const char *s = inner ? inner : ""; *s; s++) {
			if (*s == '"' || *s == '\\')
				put(b, "\\", 1);
			put(b, s, 1);
		}
		cx_raw(b, "\"");
		free(inner);
		return;
	}
	default: {
		/* Numbers and booleans: the writer's own text (no user markup). */
		struct cx_buf t;
		cx_buf_init(&t);
		put_scalar(&t, e->type, p);
		if (t.data)
			cx_raw(b, t.data);
		cx_buf_free(&t);
	}
	}
}

char *cx_object_path(const char *ns, const char *class_name, const MI_Instance *keys)
{
	struct cx_buf b;
	cx_buf_init(&b);
	/* The namespace as LOCALNAMESPACEPATH has it (no empty segments), so
	 * the header always matches the body. */
	int any_ns = 0;
	for (const char *p = ns ? ns : ""; *p;) {
		while (*p == '/')
			p++;
		size_t n = strcspn(p, "/");
		if (n) {
			if (any_ns)
				cx_raw(&b, "/");
			put(&b, p, n);
			any_ns = 1;
		}
		p += n;
	}
	if (class_name) {
		if (any_ns)
			cx_raw(&b, ":");
		cx_raw(&b, class_name);
		if (mix_instance_valid(keys)) {
			int first = 1;
			for (MI_Uint32 i = 0; i < keys->count; i++) {
				const struct mix_element *e = &keys->elems[i];
				if (!is_key(keys, e) || (e->flags & MI_FLAG_NULL) || (e->type & MI_ARRAY))
					continue;
				cx_raw(&b, first ? "." : ",");
				first = 0;
				cx_raw(&b, e->name);
				cx_raw(&b, "=");
				put_uri_key(&b, e);
			}
		}
	}
	if (!b.data && !b.oom)
		cx_raw(&b, "");
	return cx_take(&b, NULL);
}

char *cx_header_encode(const char *raw)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t n = strlen(raw);
	char *out = malloc(n * 3 + 1), *o = out;
	if (!out)
		return NULL;
	for (const unsigned char *p = (const unsigned char *)raw; *p; p++) {
		unsigned char c = *p;
		int keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
			   strchr("-_.~/:=,!*'()$&+;@", c);
		if (c && keep) {
			*o++ = (char)c;
		} else {
			*o++ = '%';
			*o++ = hex[c >> 4];
			*o++ = hex[c & 15];
		}
	}
	*o = '\0';
	return out;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

void cx_percent_decode(char *s)
{
	char *o = s;
	for (char *p = s; *p; p++) {
		int h, l;
		if (*p == '%' && (h = hexval(p[1])) >= 0 && (l = hexval(p[2])) >= 0) {
			*o++ = (char)(h * 16 + l);
			p += 2;
		} else {
			*o++ = *p;
		}
	}
	*o = '\0';
}
