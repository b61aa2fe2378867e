/* cimxml_parse.c - streaming reader for CIM-XML responses (DSP0201).
 *
 * libxml2's push parser calls our SAX2 handlers; an explicit stack of
 * frames (one per open element) holds whatever the element is building.
 * When an element ends it hands its result to the frame below it
 * (hand_value, hand_path, hand_object), and the frames that stand for a
 * whole result object (IRETURNVALUE's children) pass it to the sink at
 * once.  Nothing here keeps more than one result object in memory.
 *
 * Hardening: no DTD is ever accepted (a DOCTYPE stops the parse before its
 * internal subset is read), entities are never declared so never expanded,
 * no network, and every size the peer controls is capped by
 * struct cimxml_limits.  libxml2's own 10 MB text cap is lifted
 * (XML_PARSE_HUGE) only because ours replaces it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif
#include "cimxml_parse.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>

#include "model.h"
#include "xml_charref.h"

/* ---- element names ---------------------------------------------------------- */

enum el {
	EL_SKIP = 0, /* unknown, ignored, or inside something ignored */
	EL_CIM, EL_MESSAGE, EL_SIMPLERSP, EL_MULTIRSP,
	EL_IMETHODRESPONSE, EL_METHODRESPONSE, EL_ERROR, EL_IRETURNVALUE,
	EL_RETURNVALUE, EL_PARAMVALUE,
	EL_INSTANCE, EL_CLASS, EL_QUALIFIER, EL_QUALIFIER_DECLARATION, EL_SCOPE,
	EL_PROPERTY, EL_PROPERTY_ARRAY, EL_PROPERTY_REFERENCE,
	EL_METHOD, EL_PARAMETER, EL_PARAMETER_REFERENCE, EL_PARAMETER_ARRAY,
	EL_PARAMETER_REFARRAY,
	EL_VALUE, EL_VALUE_ARRAY, EL_VALUE_NULL, EL_VALUE_REFERENCE, EL_VALUE_REFARRAY,
	EL_INSTANCENAME, EL_KEYBINDING, EL_KEYVALUE,
	EL_LOCALINSTANCEPATH, EL_INSTANCEPATH, EL_NAMESPACEPATH, EL_HOST,
	EL_LOCALNAMESPACEPATH, EL_NAMESPACE, EL_CLASSPATH, EL_LOCALCLASSPATH,
	EL_CLASSNAME, EL_OBJECTPATH,
	EL_VALUE_NAMEDINSTANCE, EL_VALUE_INSTANCEWITHPATH, EL_VALUE_OBJECTWITHPATH,
	EL_VALUE_OBJECTWITHLOCALPATH, EL_VALUE_OBJECT, EL_VALUE_NAMEDOBJECT
};

/* n == length checks keep a name filed under the wrong length harmless. */
#define IS(lit) (n == sizeof(lit) - 1 && memcmp(s, lit, sizeof(lit) - 1) == 0)

/* Switch on the length first: at most five candidates share one, so an
 * element name costs one strlen and one or two memcmp. */
static enum el
el_lookup(const char *s)
{
	size_t n = strlen(s);
	switch (n) {
	case sizeof("CIM") - 1:
		return IS("CIM") ? EL_CIM : EL_SKIP;
	case sizeof("HOST") - 1:
		return IS("HOST") ? EL_HOST : EL_SKIP;
	case sizeof("VALUE") - 1:
		if (IS("VALUE")) return EL_VALUE;
		if (IS("CLASS")) return EL_CLASS;
		if (IS("ERROR")) return EL_ERROR;
		if (IS("SCOPE")) return EL_SCOPE;
		return EL_SKIP;
	case sizeof("METHOD") - 1:
		return IS("METHOD") ? EL_METHOD : EL_SKIP;
	case sizeof("MESSAGE") - 1:
		return IS("MESSAGE") ? EL_MESSAGE : EL_SKIP;
	case sizeof("PROPERTY") - 1:
		if (IS("PROPERTY")) return EL_PROPERTY;
		if (IS("INSTANCE")) return EL_INSTANCE;
		if (IS("KEYVALUE")) return EL_KEYVALUE;
		if (IS("MULTIRSP")) return EL_MULTIRSP;
		return EL_SKIP;
	case sizeof("SIMPLERSP") - 1:
		if (IS("CLASSNAME")) return EL_CLASSNAME;
		if (IS("QUALIFIER")) return EL_QUALIFIER;
		if (IS("NAMESPACE")) return EL_NAMESPACE;
		if (IS("SIMPLERSP")) return EL_SIMPLERSP;
		if (IS("CLASSPATH")) return EL_CLASSPATH;
		if (IS("PARAMETER")) return EL_PARAMETER;
		return EL_SKIP;
	case sizeof("OBJECTPATH") - 1:
		if (IS("KEYBINDING")) return EL_KEYBINDING;
		if (IS("PARAMVALUE")) return EL_PARAMVALUE;
		if (IS("VALUE.NULL")) return EL_VALUE_NULL;
		if (IS("OBJECTPATH")) return EL_OBJECTPATH;
		return EL_SKIP;
	case sizeof("VALUE.ARRAY") - 1:
		if (IS("VALUE.ARRAY")) return EL_VALUE_ARRAY;
		if (IS("RETURNVALUE")) return EL_RETURNVALUE;
		return EL_SKIP;
	case sizeof("INSTANCENAME") - 1:
		if (IS("INSTANCENAME")) return EL_INSTANCENAME;
		if (IS("INSTANCEPATH")) return EL_INSTANCEPATH;
		if (IS("IRETURNVALUE")) return EL_IRETURNVALUE;
		if (IS("VALUE.OBJECT")) return EL_VALUE_OBJECT;
		return EL_SKIP;
	case sizeof("NAMESPACEPATH") - 1:
		return IS("NAMESPACEPATH") ? EL_NAMESPACEPATH : EL_SKIP;
	case sizeof("PROPERTY.ARRAY") - 1:
		if (IS("VALUE.REFARRAY")) return EL_VALUE_REFARRAY;
		if (IS("PROPERTY.ARRAY")) return EL_PROPERTY_ARRAY;
		if (IS("METHODRESPONSE")) return EL_METHODRESPONSE;
		if (IS("LOCALCLASSPATH")) return EL_LOCALCLASSPATH;
		return EL_SKIP;
	case sizeof("VALUE.REFERENCE") - 1:
		if (IS("VALUE.REFERENCE")) return EL_VALUE_REFERENCE;
		if (IS("IMETHODRESPONSE")) return EL_IMETHODRESPONSE;
		if (IS("PARAMETER.ARRAY")) return EL_PARAMETER_ARRAY;
		return EL_SKIP;
	case sizeof("LOCALINSTANCEPATH") - 1:
		if (IS("LOCALINSTANCEPATH")) return EL_LOCALINSTANCEPATH;
		if (IS("VALUE.NAMEDOBJECT")) return EL_VALUE_NAMEDOBJECT;
		return EL_SKIP;
	case sizeof("PROPERTY.REFERENCE") - 1:
		if (IS("PROPERTY.REFERENCE")) return EL_PROPERTY_REFERENCE;
		if (IS("LOCALNAMESPACEPATH")) return EL_LOCALNAMESPACEPATH;
		if (IS("PARAMETER.REFARRAY")) return EL_PARAMETER_REFARRAY;
		return EL_SKIP;
	case sizeof("VALUE.NAMEDINSTANCE") - 1:
		if (IS("VALUE.NAMEDINSTANCE")) return EL_VALUE_NAMEDINSTANCE;
		if (IS("PARAMETER.REFERENCE")) return EL_PARAMETER_REFERENCE;
		return EL_SKIP;
	case sizeof("VALUE.OBJECTWITHPATH") - 1:
		return IS("VALUE.OBJECTWITHPATH") ? EL_VALUE_OBJECTWITHPATH : EL_SKIP;
	case sizeof("QUALIFIER.DECLARATION") - 1:
		return IS("QUALIFIER.DECLARATION") ? EL_QUALIFIER_DECLARATION : EL_SKIP;
	case sizeof("VALUE.INSTANCEWITHPATH") - 1:
		return IS("VALUE.INSTANCEWITHPATH") ? EL_VALUE_INSTANCEWITHPATH : EL_SKIP;
	case sizeof("VALUE.OBJECTWITHLOCALPATH") - 1:
		return IS("VALUE.OBJECTWITHLOCALPATH") ? EL_VALUE_OBJECTWITHLOCALPATH : EL_SKIP;
	default:
		return EL_SKIP;
	}
}

/* ---- attribute names -------------------------------------------------------- */

enum at {
	AT_NAME, AT_TYPE, AT_CODE, AT_CLASSNAME, AT_PARAMTYPE, AT_VALUETYPE,
	AT_SUPERCLASS, AT_PROPAGATED, AT_TOSUBCLASS, AT_CLASSORIGIN, AT_DESCRIPTION,
	AT_OVERRIDABLE, AT_TRANSLATABLE, AT_REFERENCECLASS, AT_EMBEDDEDOBJECT,
	AT__COUNT
};

static int
at_lookup(const char *s)
{
	size_t n = strlen(s);
	switch (n) {
	case sizeof("NAME") - 1:
		if (IS("NAME")) return AT_NAME;
		if (IS("TYPE")) return AT_TYPE;
		if (IS("CODE")) return AT_CODE;
		return -1;
	case sizeof("CLASSNAME") - 1:
		if (IS("CLASSNAME")) return AT_CLASSNAME;
		if (IS("PARAMTYPE")) return AT_PARAMTYPE;
		if (IS("VALUETYPE")) return AT_VALUETYPE;
		return -1;
	case sizeof("SUPERCLASS") - 1:
		if (IS("SUPERCLASS")) return AT_SUPERCLASS;
		if (IS("PROPAGATED")) return AT_PROPAGATED;
		if (IS("TOSUBCLASS")) return AT_TOSUBCLASS;
		return -1;
	case sizeof("CLASSORIGIN") - 1:
		if (IS("CLASSORIGIN")) return AT_CLASSORIGIN;
		if (IS("DESCRIPTION")) return AT_DESCRIPTION;
		if (IS("OVERRIDABLE")) return AT_OVERRIDABLE;
		return -1;
	case sizeof("TRANSLATABLE") - 1:
		return IS("TRANSLATABLE") ? AT_TRANSLATABLE : -1;
	case sizeof("REFERENCECLASS") - 1:
		if (IS("REFERENCECLASS")) return AT_REFERENCECLASS;
		/* OpenPegasus spells it in upper case; pywbem accepts both. */
		if (IS("EmbeddedObject") || IS("EMBEDDEDOBJECT")) return AT_EMBEDDEDOBJECT;
		return -1;
	default:
		return -1;
	}
}

#undef IS

/* Attribute values as libxml2 hands them: not NUL-terminated. */
struct attrs {
	const char *v[AT__COUNT];
	size_t n[AT__COUNT];
};

/* ---- parser state ------------------------------------------------------------- */

#define NOSTR ((size_t)-1)

enum {
	FL_VALUE = 1,      /* value holds a result (owned) */
	FL_EMBED = 2,      /* EmbeddedObject="object|instance" */
	FL_INCLASS = 4,    /* property/qualifier belongs to a CLASS */
	FL_CLASSPATH = 8,  /* inst is a class path (class name only) */
	FL_TYPED = 16      /* TYPE/PARAMTYPE was given */
};

/* One open element.  Only the fields its element uses are meaningful;
 * everything owned is released by frame_clear. */
struct frame {
	unsigned char id;
	unsigned char fl;
	MI_Type type;          /* declared scalar type, without MI_ARRAY */
	MI_Type vtype;         /* type of value when FL_VALUE */
	MI_Uint32 flags;       /* MI_FLAG_* for the element being built */
	MI_Uint32 cap;         /* capacity of value.referencea (VALUE.REFARRAY) */
	size_t mark;           /* arena length before this frame's strings */
	size_t name, s1, s2;   /* arena offsets or NOSTR */
	MI_Value value;
	MI_Instance *inst;     /* INSTANCE, INSTANCENAME, a path, a wrapper's instance */
	MI_Instance *path;     /* a wrapper's path */
	MI_Class *cls;         /* CLASS, a wrapper's class */
	struct mix_method *meth;
	struct mix_qualifiers quals;
	char *ns, *host;       /* path parts */
};

/* Texts of the one VALUE.ARRAY being read, NUL-separated in one buffer so
 * that an array costs no allocation per element until it is converted. */
struct textlist {
	char *buf;
	size_t len, cap;
	size_t *off;           /* NOSTR marks VALUE.NULL */
	size_t n, ncap;
};

struct cimxml_parser {
	xmlParserCtxtPtr ctxt;
	struct cimxml_sink sink;
	struct cimxml_limits lim;
	char *default_ns;
	struct cimxml_status st;
	int failed, finished, object_mode, seen_root;
	int xml_code;          /* libxml2's code of the first error it reported */
	size_t total;
	struct frame *fr;
	size_t depth, fcap;
	char *arena;           /* attribute strings kept by open frames, LIFO */
	size_t alen, acap;
	char *text;            /* text of the open VALUE / KEYVALUE / HOST */
	size_t tlen, tcap;
	int collect;
	struct mix_charref cref; /* control-character references, see xml_charref.h */
	struct textlist list;
	MI_Instance *res_inst; /* object mode: the parsed INSTANCE or CLASS */
	MI_Class *res_cls;
};

typedef struct cimxml_parser parser;

/* ---- failure ---------------------------------------------------------------------- */

/* The first failure wins; it stops libxml2 so no further callback comes. */
static void fail(parser *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void
fail(parser *p, const char *fmt, ...)
{
	if (p->failed)
		return;
	p->failed = 1;
	p->st.well_formed = 0;
	char buf[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	free(p->st.parse_error);
	p->st.parse_error = strdup(buf);
	if (p->ctxt)
		xmlStopParser(p->ctxt);
}

static void
oom(parser *p)
{
	fail(p, "out of memory");
}

#if LIBXML_VERSION >= 21200
static void
on_xml_error(void *ctx, const xmlError *err)
#else
static void
on_xml_error(void *ctx, xmlErrorPtr err)
#endif
{
	parser *p = ctx;
	if (err == NULL || err->level < XML_ERR_ERROR)
		return;
	if (!p->failed)
		p->xml_code = err->code;
	const char *msg = err->message ? err->message : "XML error";
	size_t n = strlen(msg);
	while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
		n--;
	fail(p, "line %d: %.*s", err->line, (int)n, msg);
}

static void
on_xml_warning(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg; /* warnings are not failures, and the engine never prints */
}

/* Old-style error callbacks, which a few libxml2 paths still call directly
 * instead of the structured one. */
static void on_xml_error_fmt(void *ctx, const char *msg, ...) __attribute__((format(printf, 2, 3)));

static void
on_xml_error_fmt(void *ctx, const char *msg, ...)
{
	char buf[256];
	va_list ap;
	va_start(ap, msg);
	vsnprintf(buf, sizeof(buf), msg, ap);
	va_end(ap);
	size_t n = strlen(buf);
	while (n > 0 && buf[n - 1] == '\n')
		buf[--n] = '\0';
	fail(ctx, "%s", buf);
}

/* ---- small string helpers ------------------------------------------------------------ */

static char *
memdup0(const char *s, size_t n)
{
	char *d = malloc(n + 1);
	if (d) {
		memcpy(d, s, n);
		d[n] = '\0';
	}
	return d;
}

static int
set_str(char **dst, const char *s)
{
	char *d = NULL;
	if (s && !(d = strdup(s)))
		return -1;
	free(*dst);
	*dst = d;
	return 0;
}

static int
ascii_ieq(const char *a, size_t n, const char *lit)
{
	size_t m = strlen(lit);
	if (n != m)
		return 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)a[i];
		if (c >= 'a' && c <= 'z')
			c = (unsigned char)(c - 'a' + 'A');
		if (c != (unsigned char)lit[i])
			return 0;
	}
	return 1;
}

/* Attribute text "true"/"false" (any case, DSP0201 booleans); dflt when absent. */
static int
attr_bool(const struct attrs *a, int at, int dflt)
{
	if (!a->v[at])
		return dflt;
	if (ascii_ieq(a->v[at], a->n[at], "TRUE"))
		return 1;
	if (ascii_ieq(a->v[at], a->n[at], "FALSE"))
		return 0;
	return dflt;
}

/* ---- arena: strings that live as long as their frame ------------------------------------ */

/* Copies an attribute value.  Without entity substitution libxml2 hands an
 * escaped '&' in an attribute over as "&#38;" (for a tree builder to
 * decode later); any '&' it gives us is that, so undo it here. */
static size_t
arena_put(parser *p, const char *s, size_t n)
{
	if (!s)
		return NOSTR;
	if (p->alen + n + 1 > p->acap) {
		size_t cap = p->acap ? p->acap : 1024;
		while (cap < p->alen + n + 1)
			cap *= 2;
		char *a = realloc(p->arena, cap);
		if (!a) {
			oom(p);
			return NOSTR;
		}
		p->arena = a;
		p->acap = cap;
	}
	size_t off = p->alen;
	char *d = p->arena + off;
	if (memchr(s, '&', n) == NULL) {
		memcpy(d, s, n);
		d += n;
	} else {
		for (size_t i = 0; i < n; i++) {
			if (s[i] == '&' && i + 5 <= n && memcmp(s + i, "&#38;", 5) == 0)
				i += 4;
			*d++ = s[i];
		}
	}
	*d++ = '\0';
	p->alen = (size_t)(d - p->arena);
	return off;
}

static const char *
astr(const parser *p, size_t off)
{
	return off == NOSTR ? NULL : p->arena + off;
}

/* Heap copy of an attribute value (same '&' rule as arena_put). */
static char *
attr_dup(parser *p, const struct attrs *a, int at)
{
	if (!a->v[at])
		return NULL;
	size_t mark = p->alen;
	size_t off = arena_put(p, a->v[at], a->n[at]);
	if (off == NOSTR)
		return NULL;
	char *d = strdup(p->arena + off);
	p->alen = mark;
	if (!d)
		oom(p);
	return d;
}

/* ---- types and values ------------------------------------------------------------------ */

static int
type_from_attr(const struct attrs *a, int at, MI_Type *t)
{
	char buf[32];
	size_t n = a->n[at];
	if (!a->v[at] || n == 0 || n >= sizeof(buf))
		return -1;
	memcpy(buf, a->v[at], n);
	buf[n] = '\0';
	return mix_type_from_name(buf, t);
}

static int
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Text to a scalar of type t.  Returns 0 with *out set, 1 when the text is
 * empty (a NULL: empty booleans and numbers occur on the wire), -1 when it
 * is not a valid t.  text[len] is NUL; the text is left as it was. */
static int
scalar_from_text(parser *p, char *text, size_t len, MI_Type t, MI_Value *out)
{
	memset(out, 0, sizeof(*out));
	if (t == MI_STRING) {
		if (!(out->string = memdup0(text, len))) {
			oom(p);
			return -1;
		}
		return 0;
	}
	size_t b = 0, e = len;
	while (e > b && is_space(text[e - 1]))
		e--;
	while (b < e && is_space(text[b]))
		b++;
	if (b == e)
		return 1;
	if (t == MI_REFERENCE || t == MI_INSTANCE || (t & MI_ARRAY))
		return -1;
	char saved = text[e];
	text[e] = '\0'; /* integers may carry surrounding whitespace */
	int rc = t == MI_DATETIME ? mix_datetime_parse(text + b, &out->datetime)
		: mix_value_parse_scalar(text + b, t, out);
	text[e] = saved;
	return rc == 0 ? 0 : -1;
}

/* ---- frames ---------------------------------------------------------------------------- */

static struct frame *
top(parser *p)
{
	return p->depth ? &p->fr[p->depth - 1] : NULL;
}

static struct frame *
below(parser *p)
{
	return p->depth > 1 ? &p->fr[p->depth - 2] : NULL;
}

static void
frame_clear(struct frame *f)
{
	if (f->fl & FL_VALUE)
		mix_value_free(&f->value, f->vtype);
	else if (f->id == EL_VALUE_REFARRAY && f->value.referencea.data) {
		/* an open VALUE.REFARRAY owns what it has gathered so far */
		mix_value_free(&f->value, MI_REFERENCEA);
	}
	f->fl &= (unsigned char)~FL_VALUE;
	if (f->inst)
		MI_Instance_Delete(f->inst);
	if (f->path)
		MI_Instance_Delete(f->path);
	if (f->cls)
		MI_Class_Delete(f->cls);
	mix_qualifiers_free(&f->quals);
	free(f->ns);
	free(f->host);
	f->inst = f->path = NULL;
	f->cls = NULL;
	f->ns = f->host = NULL;
}

static struct frame *
push(parser *p, enum el id)
{
	if (p->depth >= p->lim.max_depth) {
		fail(p, "elements nested deeper than %zu", p->lim.max_depth);
		return NULL;
	}
	if (p->depth == p->fcap) {
		size_t cap = p->fcap ? p->fcap * 2 : 32;
		struct frame *fr = realloc(p->fr, cap * sizeof(*fr));
		if (!fr) {
			oom(p);
			return NULL;
		}
		p->fr = fr;
		p->fcap = cap;
	}
	struct frame *f = &p->fr[p->depth++];
	*f = (struct frame){ .id = (unsigned char)id, .type = MI_STRING, .mark = p->alen,
		.name = NOSTR, .s1 = NOSTR, .s2 = NOSTR };
	return f;
}

static void
pop(parser *p)
{
	struct frame *f = top(p);
	frame_clear(f);
	p->alen = f->mark;
	p->depth--;
}

/* ---- delivering results -------------------------------------------------------------- */

static void
deliver_instance(parser *p, MI_Instance *inst)
{
	if (!inst->name_space && p->default_ns && set_str(&inst->name_space, p->default_ns)) {
		MI_Instance_Delete(inst);
		oom(p);
		return;
	}
	p->st.objects++;
	if (!p->sink.instance) {
		MI_Instance_Delete(inst);
		return;
	}
	if (p->sink.instance(p->sink.ctx, inst) != 0) {
		fail(p, "stopped");
		p->st.code = MI_RESULT_FAILED;
	}
}

static void
deliver_class(parser *p, MI_Class *cls)
{
	if (!cls->name_space && p->default_ns && set_str(&cls->name_space, p->default_ns)) {
		MI_Class_Delete(cls);
		oom(p);
		return;
	}
	p->st.objects++;
	if (!p->sink.klass) {
		MI_Class_Delete(cls);
		return;
	}
	if (p->sink.klass(p->sink.ctx, cls) != 0) {
		fail(p, "stopped");
		p->st.code = MI_RESULT_FAILED;
	}
}

/* A class path as a class: name, namespace and host, nothing else. */
static MI_Class *
class_from_path(parser *p, MI_Instance *path)
{
	MI_Class *c = mix_class_new(path->class_name, NULL, path->name_space);
	if (!c || set_str(&c->server_name, path->server_name)) {
		if (c)
			MI_Class_Delete(c);
		oom(p);
	}
	MI_Instance_Delete(path);
	return c;
}

static MI_Instance *method_output(parser *p);

static void
set_value(struct frame *f, MI_Value *v, MI_Type t)
{
	if (f->fl & FL_VALUE)
		mix_value_free(&f->value, f->vtype); /* a second VALUE: the last wins */
	f->value = *v;
	f->vtype = t;
	f->fl |= FL_VALUE;
}

/* A finished INSTANCE or CLASS (or a wrapper's merged object) goes to
 * whatever contains it. */
static void
hand_object(parser *p, struct frame *to, MI_Instance *inst, MI_Class *cls)
{
	if (!to) { /* object mode: the root element */
		if (inst)
			p->res_inst = inst;
		if (cls)
			p->res_cls = cls;
		return;
	}
	switch (to->id) {
	case EL_IRETURNVALUE:
		if (inst)
			deliver_instance(p, inst);
		if (cls)
			deliver_class(p, cls);
		return;
	case EL_VALUE_NAMEDINSTANCE: case EL_VALUE_INSTANCEWITHPATH:
	case EL_VALUE_OBJECTWITHPATH: case EL_VALUE_OBJECTWITHLOCALPATH:
	case EL_VALUE_OBJECT: case EL_VALUE_NAMEDOBJECT:
		if (inst) {
			if (to->inst)
				MI_Instance_Delete(to->inst);
			to->inst = inst;
		}
		if (cls) {
			if (to->cls)
				MI_Class_Delete(to->cls);
			to->cls = cls;
		}
		return;
	case EL_ERROR:
		if (inst && !p->st.error_instance)
			p->st.error_instance = inst;
		else if (inst)
			MI_Instance_Delete(inst);
		break;
	case EL_PARAMVALUE: case EL_RETURNVALUE:
		if (inst) {
			MI_Value v = { .instance = inst };
			set_value(to, &v, MI_INSTANCE);
		}
		break;
	default:
		if (inst)
			MI_Instance_Delete(inst);
		break;
	}
	if (cls)
		MI_Class_Delete(cls);
}

/* A finished path (keys-only instance, or class path when is_class). */
static void
hand_path(parser *p, struct frame *to, MI_Instance *path, int is_class)
{
	if (!to) {
		MI_Instance_Delete(path);
		return;
	}
	switch (to->id) {
	case EL_INSTANCEPATH: case EL_LOCALINSTANCEPATH: case EL_CLASSPATH:
	case EL_LOCALCLASSPATH: case EL_OBJECTPATH: case EL_VALUE_REFERENCE:
		if (to->inst)
			MI_Instance_Delete(to->inst);
		to->inst = path;
		to->fl = (unsigned char)(is_class ? (to->fl | FL_CLASSPATH) : (to->fl & ~FL_CLASSPATH));
		return;
	case EL_VALUE_NAMEDINSTANCE: case EL_VALUE_INSTANCEWITHPATH:
	case EL_VALUE_OBJECTWITHPATH: case EL_VALUE_OBJECTWITHLOCALPATH:
	case EL_VALUE_NAMEDOBJECT:
		if (to->path)
			MI_Instance_Delete(to->path);
		to->path = path;
		to->fl = (unsigned char)(is_class ? (to->fl | FL_CLASSPATH) : (to->fl & ~FL_CLASSPATH));
		return;
	case EL_IRETURNVALUE:
		if (is_class) {
			MI_Class *c = class_from_path(p, path);
			if (c)
				deliver_class(p, c);
		} else {
			deliver_instance(p, path);
		}
		return;
	case EL_PARAMVALUE: case EL_RETURNVALUE: {
		/* INSTANCENAME / CLASSNAME as an output parameter: a reference */
		MI_Value v = { .reference = path };
		set_value(to, &v, MI_REFERENCE);
		return;
	}
	default:
		MI_Instance_Delete(path);
		return;
	}
}

static void
add_key(parser *p, MI_Instance *inst, const char *name, struct frame *src)
{
	if (inst->count >= p->lim.max_elements) {
		fail(p, "more than %zu keys in a path", p->lim.max_elements);
		return;
	}
	MI_Uint32 fl = MI_FLAG_KEY;
	MI_Value v;
	MI_Type t = src->vtype;
	if (src->fl & FL_VALUE) {
		v = src->value;
		src->fl &= (unsigned char)~FL_VALUE;
	} else {
		memset(&v, 0, sizeof(v));
		t = MI_STRING;
		fl |= MI_FLAG_NULL;
	}
	if (mix_instance_adopt(inst, name ? name : "", &v, t, fl) != MI_RESULT_OK) {
		mix_value_free(&v, t);
		oom(p);
	}
}

/* ---- text ------------------------------------------------------------------------------ */

static void
text_begin(parser *p)
{
	p->tlen = 0;
	p->collect = 1;
	if (!p->text) {
		if (!(p->text = malloc(256))) {
			oom(p);
			return;
		}
		p->tcap = 256;
	}
	p->text[0] = '\0';
}

static void
on_characters(void *ctx, const xmlChar *ch, int len)
{
	parser *p = ctx;
	if (!p->collect || p->failed || len <= 0)
		return;
	size_t n = (size_t)len;
	if (n > p->lim.max_text || p->tlen > p->lim.max_text - n) {
		fail(p, "text longer than %zu bytes", p->lim.max_text);
		return;
	}
	if (p->tlen + n + 1 > p->tcap) {
		/* doubling keeps a long text node linear however libxml2 splits it */
		size_t cap = p->tcap ? p->tcap : 256;
		while (cap < p->tlen + n + 1)
			cap *= 2;
		char *t = realloc(p->text, cap);
		if (!t) {
			oom(p);
			return;
		}
		p->text = t;
		p->tcap = cap;
	}
	memcpy(p->text + p->tlen, ch, n);
	if (p->cref.rewrote)
		n = mix_charref_restore(p->text + p->tlen, n);
	p->tlen += n;
	p->text[p->tlen] = '\0';
}

/* The collected text, NUL-terminated (text_begin made the buffer). */
static char *
text_get(parser *p, size_t *len)
{
	p->collect = 0;
	*len = p->tlen;
	return p->text;
}

static int
list_add(parser *p, const char *s, size_t n)
{
	struct textlist *l = &p->list;
	if (l->n >= p->lim.max_elements) {
		fail(p, "more than %zu array elements", p->lim.max_elements);
		return -1;
	}
	if (l->n == l->ncap) {
		size_t cap = l->ncap ? l->ncap * 2 : 16;
		size_t *o = realloc(l->off, cap * sizeof(*o));
		if (!o) {
			oom(p);
			return -1;
		}
		l->off = o;
		l->ncap = cap;
	}
	if (!s) {
		l->off[l->n++] = NOSTR;
		return 0;
	}
	if (l->len + n + 1 > l->cap) {
		size_t cap = l->cap ? l->cap : 256;
		while (cap < l->len + n + 1)
			cap *= 2;
		char *b = realloc(l->buf, cap);
		if (!b) {
			oom(p);
			return -1;
		}
		l->buf = b;
		l->cap = cap;
	}
	memcpy(l->buf + l->len, s, n);
	l->buf[l->len + n] = '\0';
	l->off[l->n++] = l->len;
	l->len += n + 1;
	return 0;
}

static size_t
list_len(const struct textlist *l, size_t i)
{
	return strlen(l->buf + l->off[i]);
}

/* The gathered VALUE.ARRAY as an array of elem; when an element is not a
 * valid elem the array is kept as strings so nothing the server said is
 * lost.  Returns the array type, or 0 after an allocation failure. */
static MI_Type
list_to_array(parser *p, MI_Type elem, MI_Value *out)
{
	struct textlist *l = &p->list;
	memset(out, 0, sizeof(*out));
	if (elem == MI_REFERENCE || elem == MI_INSTANCE)
		elem = MI_STRING;
	for (int pass = 0; pass < 2; pass++) {
		size_t sz = MIX_TypeSize(elem);
		char *data = l->n ? calloc(l->n, sz) : NULL;
		if (l->n && !data) {
			oom(p);
			return 0;
		}
		size_t i;
		for (i = 0; i < l->n; i++) {
			if (l->off[i] == NOSTR)
				continue; /* VALUE.NULL: NULL pointer or zero */
			MI_Value v;
			int rc = scalar_from_text(p, l->buf + l->off[i], list_len(l, i), elem, &v);
			if (rc < 0)
				break;
			if (rc == 0)
				memcpy(data + i * sz, &v, sz); /* every union member sits at offset 0 */
		}
		out->array.data = data;
		out->array.size = (MI_Uint32)l->n;
		if (i == l->n)
			return (MI_Type)(elem | MI_ARRAY);
		mix_value_free(out, (MI_Type)(elem | MI_ARRAY));
		memset(out, 0, sizeof(*out));
		if (p->failed)
			return 0;
		elem = MI_STRING;
	}
	return 0;
}

/* Appends to an open VALUE.REFARRAY; takes ref in every case. */
static void
refarray_add(parser *p, struct frame *ra, MI_Instance *ref)
{
	MI_ReferenceA *a = &ra->value.referencea;
	if (a->size >= p->lim.max_elements) {
		fail(p, "more than %zu array elements", p->lim.max_elements);
	} else if (a->size == ra->cap) {
		MI_Uint32 cap = ra->cap ? ra->cap * 2 : 8;
		MI_Instance **d = realloc(a->data, cap * sizeof(*d));
		if (!d) {
			oom(p);
		} else {
			a->data = d;
			ra->cap = cap;
		}
	}
	if (p->failed) {
		if (ref)
			MI_Instance_Delete(ref);
		return;
	}
	a->data[a->size++] = ref;
}

/* ---- embedded objects ------------------------------------------------------------------- */

/* EmbeddedObject string(s) to MI_INSTANCE(A).  A value that does not parse
 * as an INSTANCE (a CLASS included: MI_Value cannot hold one) stays a
 * string; *t is updated when converted. */
static void
embed_convert(parser *p, MI_Value *v, MI_Type *t)
{
	if (*t == MI_STRING) {
		MI_Instance *inst = NULL;
		MI_Class *cls = NULL;
		if (!v->string || cimxml_parse_object(v->string, strlen(v->string), &p->lim,
				&inst, &cls) != 0 || !inst) {
			if (cls)
				MI_Class_Delete(cls);
			return;
		}
		free(v->string);
		v->instance = inst;
		*t = MI_INSTANCE;
	} else if (*t == MI_STRINGA) {
		MI_Uint32 n = v->stringa.size;
		MI_Instance **a = n ? calloc(n, sizeof(*a)) : NULL;
		if (n && !a)
			return;
		for (MI_Uint32 i = 0; i < n; i++) {
			const char *s = v->stringa.data[i];
			MI_Class *cls = NULL;
			if (!s)
				continue;
			if (cimxml_parse_object(s, strlen(s), &p->lim, &a[i], &cls) != 0 || !a[i]) {
				if (cls)
					MI_Class_Delete(cls);
				MI_Value undo = { .instancea = { a, n } };
				mix_value_free(&undo, MI_INSTANCEA);
				return;
			}
		}
		mix_value_free(v, MI_STRINGA);
		v->instancea.data = a;
		v->instancea.size = n;
		*t = MI_INSTANCEA;
	}
}

/* ---- element starts --------------------------------------------------------------------- */

static MI_Uint32
qualifier_flags(const struct attrs *a)
{
	MI_Uint32 fl = 0;
	if (attr_bool(a, AT_TOSUBCLASS, 1))
		fl |= MI_FLAG_TOSUBCLASS;
	if (!attr_bool(a, AT_OVERRIDABLE, 1))
		fl |= MI_FLAG_DISABLEOVERRIDE;
	if (attr_bool(a, AT_TRANSLATABLE, 0))
		fl |= MI_FLAG_TRANSLATABLE;
	return fl;
}

static int
embedded_attr(const struct attrs *a)
{
	return a->v[AT_EMBEDDEDOBJECT] &&
		(ascii_ieq(a->v[AT_EMBEDDEDOBJECT], a->n[AT_EMBEDDEDOBJECT], "OBJECT") ||
		 ascii_ieq(a->v[AT_EMBEDDEDOBJECT], a->n[AT_EMBEDDEDOBJECT], "INSTANCE"));
}

/* Where may element `id` appear?  Anything else is skipped with its subtree:
 * tolerant of extensions, and it keeps every builder's invariants simple
 * (e.g. only one VALUE.ARRAY or text element can be open at a time). */
static int
allowed(enum el id, const struct frame *up, int object_mode)
{
	enum el u = up ? (enum el)up->id : EL_SKIP;
	if (!up)
		return object_mode ? (id == EL_INSTANCE || id == EL_CLASS) : id == EL_CIM;
	switch (id) {
	case EL_MESSAGE: return u == EL_CIM;
	case EL_SIMPLERSP: case EL_MULTIRSP: return u == EL_MESSAGE;
	case EL_IMETHODRESPONSE: case EL_METHODRESPONSE:
		return u == EL_SIMPLERSP || u == EL_MULTIRSP;
	case EL_ERROR: return u == EL_IMETHODRESPONSE || u == EL_METHODRESPONSE;
	case EL_IRETURNVALUE: return u == EL_IMETHODRESPONSE;
	case EL_RETURNVALUE: return u == EL_METHODRESPONSE;
	case EL_PARAMVALUE: return u == EL_IMETHODRESPONSE || u == EL_METHODRESPONSE;
	case EL_INSTANCE:
		return u == EL_IRETURNVALUE || u == EL_ERROR || u == EL_PARAMVALUE ||
			u == EL_RETURNVALUE || u == EL_VALUE_NAMEDINSTANCE ||
			u == EL_VALUE_INSTANCEWITHPATH || u == EL_VALUE_OBJECTWITHPATH ||
			u == EL_VALUE_OBJECTWITHLOCALPATH || u == EL_VALUE_OBJECT ||
			u == EL_VALUE_NAMEDOBJECT;
	case EL_CLASS:
		return u == EL_IRETURNVALUE || u == EL_PARAMVALUE ||
			u == EL_VALUE_OBJECTWITHPATH || u == EL_VALUE_OBJECTWITHLOCALPATH ||
			u == EL_VALUE_OBJECT || u == EL_VALUE_NAMEDOBJECT;
	case EL_QUALIFIER:
		/* instance qualifiers are dropped: MI instances have none */
		return u == EL_CLASS || u == EL_METHOD || u == EL_PARAMETER ||
			u == EL_PARAMETER_REFERENCE || u == EL_PARAMETER_ARRAY ||
			u == EL_PARAMETER_REFARRAY ||
			((u == EL_PROPERTY || u == EL_PROPERTY_ARRAY || u == EL_PROPERTY_REFERENCE) &&
			 (up->fl & FL_INCLASS));
	case EL_PROPERTY: case EL_PROPERTY_ARRAY: case EL_PROPERTY_REFERENCE:
		return u == EL_INSTANCE || u == EL_CLASS;
	case EL_METHOD: return u == EL_CLASS;
	case EL_PARAMETER: case EL_PARAMETER_REFERENCE: case EL_PARAMETER_ARRAY:
	case EL_PARAMETER_REFARRAY:
		return u == EL_METHOD;
	case EL_VALUE:
		return u == EL_PROPERTY || u == EL_QUALIFIER || u == EL_PARAMVALUE ||
			u == EL_RETURNVALUE || u == EL_VALUE_ARRAY;
	case EL_VALUE_ARRAY:
		return u == EL_PROPERTY_ARRAY || u == EL_PROPERTY || u == EL_QUALIFIER ||
			u == EL_PARAMVALUE || u == EL_RETURNVALUE;
	case EL_VALUE_NULL: return u == EL_VALUE_ARRAY || u == EL_VALUE_REFARRAY;
	case EL_VALUE_REFERENCE:
		return u == EL_PROPERTY_REFERENCE || u == EL_VALUE_REFARRAY ||
			u == EL_KEYBINDING || u == EL_INSTANCENAME || u == EL_PARAMVALUE ||
			u == EL_RETURNVALUE || u == EL_IRETURNVALUE;
	case EL_VALUE_REFARRAY: return u == EL_PARAMVALUE || u == EL_RETURNVALUE;
	case EL_INSTANCENAME:
		return u == EL_IRETURNVALUE || u == EL_INSTANCEPATH ||
			u == EL_LOCALINSTANCEPATH || u == EL_VALUE_REFERENCE ||
			u == EL_VALUE_NAMEDINSTANCE || u == EL_VALUE_NAMEDOBJECT ||
			u == EL_PARAMVALUE || u == EL_RETURNVALUE;
	case EL_KEYBINDING: return u == EL_INSTANCENAME;
	case EL_KEYVALUE: return u == EL_KEYBINDING || u == EL_INSTANCENAME;
	case EL_INSTANCEPATH:
		return u == EL_OBJECTPATH || u == EL_VALUE_REFERENCE || u == EL_IRETURNVALUE ||
			u == EL_VALUE_INSTANCEWITHPATH || u == EL_VALUE_OBJECTWITHPATH;
	case EL_LOCALINSTANCEPATH:
		return u == EL_VALUE_REFERENCE || u == EL_VALUE_OBJECTWITHLOCALPATH;
	case EL_CLASSPATH:
		return u == EL_OBJECTPATH || u == EL_VALUE_REFERENCE || u == EL_IRETURNVALUE ||
			u == EL_VALUE_OBJECTWITHPATH;
	case EL_LOCALCLASSPATH:
		return u == EL_VALUE_REFERENCE || u == EL_VALUE_OBJECTWITHLOCALPATH;
	case EL_NAMESPACEPATH: return u == EL_INSTANCEPATH || u == EL_CLASSPATH;
	case EL_HOST: return u == EL_NAMESPACEPATH;
	case EL_LOCALNAMESPACEPATH:
		return u == EL_NAMESPACEPATH || u == EL_LOCALINSTANCEPATH || u == EL_LOCALCLASSPATH;
	case EL_NAMESPACE: return u == EL_LOCALNAMESPACEPATH;
	case EL_CLASSNAME:
		return u == EL_IRETURNVALUE || u == EL_CLASSPATH || u == EL_LOCALCLASSPATH ||
			u == EL_VALUE_REFERENCE || u == EL_PARAMVALUE || u == EL_RETURNVALUE;
	case EL_OBJECTPATH: return u == EL_IRETURNVALUE;
	case EL_VALUE_NAMEDINSTANCE:
		return u == EL_IRETURNVALUE || u == EL_PARAMVALUE || u == EL_RETURNVALUE;
	case EL_VALUE_INSTANCEWITHPATH: case EL_VALUE_OBJECTWITHPATH:
	case EL_VALUE_OBJECTWITHLOCALPATH: case EL_VALUE_OBJECT: case EL_VALUE_NAMEDOBJECT:
		return u == EL_IRETURNVALUE;
	default:
		return 0; /* EL_SKIP, QUALIFIER.DECLARATION, SCOPE, CIM below the root */
	}
}

static void
scan_attrs(parser *p, int nb, const xmlChar **at, struct attrs *a)
{
	memset(a->v, 0, sizeof(a->v));
	for (int i = 0; i < nb; i++, at += 5) {
		size_t n = (size_t)(at[4] - at[3]);
		if (n > p->lim.max_text) {
			fail(p, "attribute %s longer than %zu bytes", (const char *)at[0], p->lim.max_text);
			return;
		}
		int k = at_lookup((const char *)at[0]);
		if (k >= 0) {
			a->v[k] = (const char *)at[3];
			a->n[k] = n;
		}
	}
}

static void
start_instance(parser *p, struct frame *f, const struct attrs *a)
{
	char *cn = attr_dup(p, a, AT_CLASSNAME);
	if (p->failed)
		return;
	f->inst = mix_instance_new(cn ? cn : "", NULL);
	free(cn);
	if (!f->inst)
		oom(p);
}

static void
start_class(parser *p, struct frame *f, const struct attrs *a)
{
	char *name = attr_dup(p, a, AT_NAME);
	char *super = attr_dup(p, a, AT_SUPERCLASS);
	if (!p->failed && !(f->cls = mix_class_new(name ? name : "", super, NULL)))
		oom(p);
	free(name);
	free(super);
}

static void
start_property(parser *p, struct frame *f, const struct frame *up, const struct attrs *a)
{
	f->name = arena_put(p, a->v[AT_NAME], a->n[AT_NAME]);
	if (up->id == EL_CLASS) {
		f->fl |= FL_INCLASS;
		f->s1 = arena_put(p, a->v[AT_CLASSORIGIN], a->n[AT_CLASSORIGIN]);
		f->s2 = arena_put(p, a->v[AT_REFERENCECLASS], a->n[AT_REFERENCECLASS]);
		if (attr_bool(a, AT_PROPAGATED, 0))
			f->flags |= 1; /* propagated; not an MI flag, moved to the property */
	}
	if (f->id == EL_PROPERTY_REFERENCE) {
		f->type = MI_REFERENCE;
		return;
	}
	if (type_from_attr(a, AT_TYPE, &f->type) == 0)
		f->fl |= FL_TYPED;
	else
		f->type = MI_STRING;
	f->type = (MI_Type)(f->type & ~MI_ARRAY);
	if (embedded_attr(a) && f->type == MI_STRING)
		f->fl |= FL_EMBED;
}

static void
start_param_decl(parser *p, struct frame *f, const struct attrs *a)
{
	f->name = arena_put(p, a->v[AT_NAME], a->n[AT_NAME]);
	f->s2 = arena_put(p, a->v[AT_REFERENCECLASS], a->n[AT_REFERENCECLASS]);
	switch (f->id) {
	case EL_PARAMETER_REFERENCE: f->type = MI_REFERENCE; break;
	case EL_PARAMETER_REFARRAY: f->type = MI_REFERENCEA; break;
	default:
		if (type_from_attr(a, AT_TYPE, &f->type) != 0)
			f->type = MI_STRING;
		f->type = (MI_Type)(f->type & ~MI_ARRAY);
		if (f->id == EL_PARAMETER_ARRAY)
			f->type = (MI_Type)(f->type | MI_ARRAY);
		break;
	}
}

static void
start_method(parser *p, struct frame *f, struct frame *up, const struct attrs *a)
{
	MI_Type rt;
	if (type_from_attr(a, AT_TYPE, &rt) != 0)
		rt = MI_UINT32; /* a void method: DSP0201 lets TYPE be absent */
	if (up->cls->nmethods >= p->lim.max_elements) {
		fail(p, "more than %zu methods in a class", p->lim.max_elements);
		return;
	}
	size_t mark = p->alen;
	const char *name = astr(p, arena_put(p, a->v[AT_NAME], a->n[AT_NAME]));
	if (p->failed)
		return;
	f->meth = mix_class_add_method(up->cls, name ? name : "", rt);
	p->alen = mark;
	if (!f->meth) {
		oom(p);
		return;
	}
	f->meth->propagated = (MI_Boolean)attr_bool(a, AT_PROPAGATED, 0);
	f->meth->class_origin = attr_dup(p, a, AT_CLASSORIGIN);
}

static void
start_paramvalue(parser *p, struct frame *f, const struct attrs *a)
{
	f->name = arena_put(p, a->v[AT_NAME], a->n[AT_NAME]);
	if (type_from_attr(a, AT_PARAMTYPE, &f->type) == 0)
		f->fl |= FL_TYPED;
	else
		f->type = MI_STRING; /* untyped output: the text as the server sent it */
	f->type = (MI_Type)(f->type & ~MI_ARRAY);
	if (embedded_attr(a) && f->type == MI_STRING)
		f->fl |= FL_EMBED;
}

static void
start_error(parser *p, const struct attrs *a)
{
	p->st.has_error = 1;
	p->st.code = MI_RESULT_FAILED;
	if (a->v[AT_CODE]) {
		char buf[24];
		size_t n = a->n[AT_CODE] < sizeof(buf) - 1 ? a->n[AT_CODE] : sizeof(buf) - 1;
		memcpy(buf, a->v[AT_CODE], n);
		buf[n] = '\0';
		char *end;
		long c = strtol(buf, &end, 10);
		while (is_space(*end))
			end++;
		if (end != buf && *end == '\0' && c >= 0 && c <= INT32_MAX)
			p->st.code = (MI_Result)c; /* unknown codes keep their number */
	}
	free(p->st.description);
	p->st.description = attr_dup(p, a, AT_DESCRIPTION);
}

static void
start_namespace(parser *p, struct frame *up, const struct attrs *a)
{
	if (!a->v[AT_NAME])
		return;
	size_t old = up->ns ? strlen(up->ns) : 0;
	size_t mark = p->alen;
	const char *seg = astr(p, arena_put(p, a->v[AT_NAME], a->n[AT_NAME]));
	if (!seg)
		return;
	size_t n = strlen(seg);
	if (old + n + 2 > p->lim.max_text) {
		p->alen = mark;
		fail(p, "namespace longer than %zu bytes", p->lim.max_text);
		return;
	}
	char *ns = realloc(up->ns, old + n + 2);
	if (!ns) {
		p->alen = mark;
		oom(p);
		return;
	}
	if (old)
		ns[old++] = '/';
	memcpy(ns + old, seg, n + 1);
	up->ns = ns;
	p->alen = mark;
}

static void
on_start(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *URI,
	int nb_namespaces, const xmlChar **namespaces, int nb_attributes, int nb_defaulted,
	const xmlChar **attributes)
{
	parser *p = ctx;
	(void)prefix; (void)URI; (void)nb_namespaces; (void)namespaces; (void)nb_defaulted;
	if (p->failed)
		return;
	struct frame *up = top(p);
	enum el id;
	if (up && (up->id == EL_SKIP || up->id == EL_VALUE || up->id == EL_KEYVALUE ||
			up->id == EL_HOST))
		id = EL_SKIP; /* inside an ignored subtree, or markup inside text */
	else
		id = el_lookup((const char *)localname);
	if (!up && !p->seen_root) {
		p->seen_root = 1;
		if (!allowed(id, NULL, p->object_mode)) {
			fail(p, "unexpected root element %s", (const char *)localname);
			return;
		}
	} else if (id != EL_SKIP && !allowed(id, up, p->object_mode)) {
		id = EL_SKIP;
	}
	struct frame *f = push(p, id);
	if (!f)
		return;
	up = below(p);
	if (id == EL_SKIP)
		return;

	struct attrs a;
	if (nb_attributes > 0) {
		scan_attrs(p, nb_attributes, attributes, &a);
		if (p->failed)
			return;
	} else {
		memset(a.v, 0, sizeof(a.v));
	}

	switch (id) {
	case EL_IMETHODRESPONSE: case EL_METHODRESPONSE:
		free(p->st.response_name);
		p->st.response_name = attr_dup(p, &a, AT_NAME);
		break;
	case EL_ERROR:
		start_error(p, &a);
		break;
	case EL_RETURNVALUE: case EL_PARAMVALUE:
		start_paramvalue(p, f, &a);
		break;
	case EL_INSTANCE:
		start_instance(p, f, &a);
		break;
	case EL_CLASS:
		start_class(p, f, &a);
		break;
	case EL_QUALIFIER:
		f->name = arena_put(p, a.v[AT_NAME], a.n[AT_NAME]);
		if (type_from_attr(&a, AT_TYPE, &f->type) != 0)
			f->type = MI_STRING;
		f->type = (MI_Type)(f->type & ~MI_ARRAY);
		f->flags = qualifier_flags(&a);
		break;
	case EL_PROPERTY: case EL_PROPERTY_ARRAY: case EL_PROPERTY_REFERENCE:
		start_property(p, f, up, &a);
		break;
	case EL_METHOD:
		start_method(p, f, up, &a);
		break;
	case EL_PARAMETER: case EL_PARAMETER_REFERENCE: case EL_PARAMETER_ARRAY:
	case EL_PARAMETER_REFARRAY:
		start_param_decl(p, f, &a);
		break;
	case EL_VALUE: case EL_HOST:
		text_begin(p);
		break;
	case EL_KEYVALUE:
		text_begin(p);
		f->s1 = arena_put(p, a.v[AT_VALUETYPE], a.n[AT_VALUETYPE]);
		/* TYPE="" occurs and means "not given" */
		if (type_from_attr(&a, AT_TYPE, &f->type) == 0 && !(f->type & MI_ARRAY) &&
				f->type != MI_REFERENCE && f->type != MI_INSTANCE)
			f->fl |= FL_TYPED;
		break;
	case EL_VALUE_ARRAY:
		p->list.len = 0;
		p->list.n = 0;
		break;
	case EL_VALUE_NULL:
		if (up->id == EL_VALUE_ARRAY)
			list_add(p, NULL, 0);
		else
			refarray_add(p, up, NULL);
		break;
	case EL_INSTANCENAME: {
		char *cn = attr_dup(p, &a, AT_CLASSNAME);
		if (!p->failed && !(f->inst = mix_instance_new(cn ? cn : "", NULL)))
			oom(p);
		free(cn);
		break;
	}
	case EL_CLASSNAME: {
		char *cn = attr_dup(p, &a, AT_NAME);
		if (!p->failed && !(f->inst = mix_instance_new(cn ? cn : "", NULL)))
			oom(p);
		free(cn);
		break;
	}
	case EL_KEYBINDING:
		f->name = arena_put(p, a.v[AT_NAME], a.n[AT_NAME]);
		break;
	case EL_NAMESPACE:
		start_namespace(p, up, &a);
		break;
	default:
		break;
	}
}

/* ---- element ends ----------------------------------------------------------------------- */

static void
end_value(parser *p, struct frame *up)
{
	size_t len;
	char *text = text_get(p, &len);
	if (up->id == EL_VALUE_ARRAY) {
		list_add(p, text, len);
		return;
	}
	MI_Value v;
	MI_Type t = up->type;
	if (t == MI_REFERENCE || t == MI_INSTANCE)
		t = MI_STRING; /* a VALUE where a reference belongs: keep the text */
	int rc = scalar_from_text(p, text, len, t, &v);
	if (rc < 0 && !p->failed) {
		/* not a valid value of its declared type: keep the text */
		t = MI_STRING;
		rc = scalar_from_text(p, text, len, t, &v);
	}
	if (rc == 0)
		set_value(up, &v, t);
}

/* VALUETYPE without TYPE: numeric text containing '.', 'e' or INF/NaN is a
 * real64; otherwise a signed or unsigned 64-bit integer. */
static MI_Type
guess_numeric(const char *s)
{
	while (is_space(*s))
		s++;
	const char *d = s[0] == '-' || s[0] == '+' ? s + 1 : s;
	if (d[0] == '0' && (d[1] == 'x' || d[1] == 'X'))
		return s[0] == '-' ? MI_SINT64 : MI_UINT64;
	if (strpbrk(s, ".eEiInN"))
		return MI_REAL64;
	return s[0] == '-' ? MI_SINT64 : MI_UINT64;
}

static void
end_keyvalue(parser *p, struct frame *f, struct frame *up)
{
	size_t len;
	char *text = text_get(p, &len);
	MI_Type t = MI_STRING;
	const char *vt = astr(p, f->s1);
	if (f->fl & FL_TYPED)
		t = f->type;
	else if (vt && ascii_ieq(vt, strlen(vt), "BOOLEAN"))
		t = MI_BOOLEAN;
	else if (vt && ascii_ieq(vt, strlen(vt), "NUMERIC"))
		t = guess_numeric(text);
	MI_Value v;
	int rc = scalar_from_text(p, text, len, t, &v);
	if (rc != 0 && !p->failed) {
		/* an empty or malformed typed key: keep the text */
		t = MI_STRING;
		rc = scalar_from_text(p, text, len, t, &v);
	}
	if (rc != 0)
		return;
	if (up->id == EL_KEYBINDING) {
		set_value(up, &v, t);
	} else { /* INSTANCENAME with one unnamed KEYVALUE */
		set_value(f, &v, t);
		add_key(p, up->inst, "", f);
	}
}

static struct mix_qualifiers *
quals_of(struct frame *f)
{
	switch (f->id) {
	case EL_CLASS: return &f->cls->quals;
	case EL_METHOD: return f->meth ? &f->meth->quals : NULL;
	default: return &f->quals;
	}
}

static void
end_qualifier(parser *p, struct frame *f, struct frame *up)
{
	struct mix_qualifiers *q = quals_of(up);
	if (!q)
		return;
	if (q->count >= p->lim.max_elements) {
		fail(p, "more than %zu qualifiers", p->lim.max_elements);
		return;
	}
	const char *name = astr(p, f->name);
	MI_Type t = (f->fl & FL_VALUE) ? f->vtype : f->type;
	MI_Uint32 fl = f->flags | ((f->fl & FL_VALUE) ? 0 : MI_FLAG_NULL);
	if (!mix_qualifiers_adopt(q, name ? name : "", t, (f->fl & FL_VALUE) ? &f->value : NULL, fl)) {
		oom(p);
		return;
	}
	f->fl &= (unsigned char)~FL_VALUE;
}

static const struct mix_qualifier *
find_qual(const struct mix_qualifiers *q, const char *name)
{
	for (MI_Uint32 i = 0; i < q->count; i++)
		if (mix_name_eq(q->items[i].name, name))
			return &q->items[i];
	return NULL;
}

static int
qual_true(const struct mix_qualifiers *q, const char *name, int dflt)
{
	const struct mix_qualifier *x = find_qual(q, name);
	if (!x)
		return dflt;
	if (x->flags & MI_FLAG_NULL)
		return dflt;
	return x->type == MI_BOOLEAN ? x->value.boolean != 0 : dflt;
}

/* In a class, EmbeddedObject / EmbeddedInstance("C") make a string an
 * instance; returns the embedded class name (owned) or NULL. */
static int
class_embedded(const struct frame *f, char **cname)
{
	*cname = NULL;
	const struct mix_qualifier *ei = find_qual(&f->quals, "EmbeddedInstance");
	if (ei && ei->type == MI_STRING && !(ei->flags & MI_FLAG_NULL) && ei->value.string) {
		*cname = strdup(ei->value.string);
		return 1;
	}
	return (f->fl & FL_EMBED) || qual_true(&f->quals, "EmbeddedObject", 0);
}

static void
end_class_property(parser *p, struct frame *f, struct frame *up)
{
	MI_Class *c = up->cls;
	if (c->nprops >= p->lim.max_elements) {
		fail(p, "more than %zu properties in a class", p->lim.max_elements);
		return;
	}
	MI_Type t = f->type;
	if (f->id == EL_PROPERTY_ARRAY)
		t = (MI_Type)(t | MI_ARRAY);
	char *emb_class = NULL;
	if ((t & ~MI_ARRAY) == MI_STRING && class_embedded(f, &emb_class)) {
		t = (t & MI_ARRAY) ? MI_INSTANCEA : MI_INSTANCE;
		if (f->fl & FL_VALUE) {
			MI_Type vt = f->vtype;
			embed_convert(p, &f->value, &vt);
			f->vtype = vt;
		}
	}
	int has = (f->fl & FL_VALUE) && f->vtype == t;
	MI_Uint32 fl = (qual_true(&f->quals, "Key", 0) ? MI_FLAG_KEY : 0) | (has ? 0 : MI_FLAG_NULL);
	const char *name = astr(p, f->name);
	struct mix_property *prop = mix_class_add_property(c, name ? name : "", t, fl);
	if (!prop) {
		free(emb_class);
		oom(p);
		return;
	}
	if (has) {
		prop->value = f->value;
		prop->flags &= ~(MI_Uint32)MI_FLAG_NULL;
		f->fl &= (unsigned char)~FL_VALUE;
	}
	prop->propagated = (MI_Boolean)(f->flags & 1);
	prop->quals = f->quals;
	memset(&f->quals, 0, sizeof(f->quals));
	if (set_str(&prop->class_origin, astr(p, f->s1)))
		oom(p);
	if (emb_class) {
		free(prop->ref_class);
		prop->ref_class = emb_class;
	} else if (set_str(&prop->ref_class, astr(p, f->s2))) {
		oom(p);
	}
}

static void
end_instance_property(parser *p, struct frame *f, struct frame *up)
{
	MI_Instance *inst = up->inst;
	if (inst->count >= p->lim.max_elements) {
		fail(p, "more than %zu properties in an instance", p->lim.max_elements);
		return;
	}
	MI_Type t = f->type;
	if (f->id == EL_PROPERTY_ARRAY)
		t = (MI_Type)(t | MI_ARRAY);
	MI_Uint32 fl = 0;
	MI_Value v;
	if (f->fl & FL_VALUE) {
		t = f->vtype;
		if (f->fl & FL_EMBED)
			embed_convert(p, &f->value, &t);
		v = f->value;
		f->fl &= (unsigned char)~FL_VALUE;
	} else {
		memset(&v, 0, sizeof(v));
		fl = MI_FLAG_NULL;
		if (f->fl & FL_EMBED)
			t = (t & MI_ARRAY) ? MI_INSTANCEA : MI_INSTANCE;
	}
	const char *name = astr(p, f->name);
	if (mix_instance_adopt(inst, name ? name : "", &v, t, fl) != MI_RESULT_OK) {
		mix_value_free(&v, t);
		oom(p);
	}
}

static void
end_param_decl(parser *p, struct frame *f, struct frame *up)
{
	struct mix_method *m = up->meth;
	if (!m)
		return;
	if (m->nparams >= p->lim.max_elements) {
		fail(p, "more than %zu parameters in a method", p->lim.max_elements);
		return;
	}
	MI_Uint32 fl = 0;
	if (qual_true(&f->quals, "In", 1))
		fl |= MI_FLAG_IN;
	if (qual_true(&f->quals, "Out", 0))
		fl |= MI_FLAG_OUT;
	MI_Type t = f->type;
	char *emb_class = NULL;
	if ((t & ~MI_ARRAY) == MI_STRING && class_embedded(f, &emb_class))
		t = (t & MI_ARRAY) ? MI_INSTANCEA : MI_INSTANCE;
	const char *name = astr(p, f->name);
	struct mix_parameter *par = mix_method_add_param(m, name ? name : "", t, fl);
	if (!par) {
		free(emb_class);
		oom(p);
		return;
	}
	par->quals = f->quals;
	memset(&f->quals, 0, sizeof(f->quals));
	if (emb_class) {
		free(par->ref_class);
		par->ref_class = emb_class;
	} else if (set_str(&par->ref_class, astr(p, f->s2))) {
		oom(p);
	}
}

static MI_Instance *
method_output(parser *p)
{
	if (!p->st.method_output && !(p->st.method_output = mix_instance_new("__PARAMETERS", NULL)))
		oom(p);
	return p->st.method_output;
}

static void
end_paramvalue(parser *p, struct frame *f, struct frame *up)
{
	const char *name = astr(p, f->name);
	if (up->id == EL_IMETHODRESPONSE) {
		/* pull operations' output; anything else there is ignored */
		if (!name)
			return;
		if (mix_name_eq(name, "EndOfSequence")) {
			if (!(f->fl & FL_VALUE))
				return;
			if (f->vtype == MI_BOOLEAN)
				p->st.end_of_sequence = f->value.boolean ? 1 : 0;
			else if (f->vtype == MI_STRING && f->value.string) {
				MI_Value b;
				char *s = f->value.string;
				if (scalar_from_text(p, s, strlen(s), MI_BOOLEAN, &b) == 0)
					p->st.end_of_sequence = b.boolean ? 1 : 0;
			}
		} else if (mix_name_eq(name, "EnumerationContext")) {
			const char *s = (f->fl & FL_VALUE) && f->vtype == MI_STRING && f->value.string ?
				f->value.string : "";
			if (set_str(&p->st.enumeration_context, s))
				oom(p);
		}
		return;
	}
	/* METHODRESPONSE */
	MI_Instance *out = method_output(p);
	if (!out)
		return;
	if (out->count >= p->lim.max_elements) {
		fail(p, "more than %zu output parameters", p->lim.max_elements);
		return;
	}
	MI_Type t = f->type;
	MI_Uint32 fl = 0;
	MI_Value v;
	if (f->fl & FL_VALUE) {
		t = f->vtype;
		if (f->fl & FL_EMBED)
			embed_convert(p, &f->value, &t);
		v = f->value;
		f->fl &= (unsigned char)~FL_VALUE;
	} else {
		memset(&v, 0, sizeof(v));
		fl = MI_FLAG_NULL;
		if (f->fl & FL_EMBED)
			t = MI_INSTANCE;
	}
	if (f->id == EL_RETURNVALUE)
		name = "ReturnValue";
	if (mix_instance_adopt(out, name ? name : "", &v, t, fl) != MI_RESULT_OK) {
		mix_value_free(&v, t);
		oom(p);
	}
}

/* Merges a wrapper's path into its object: namespace and host from the
 * path, MI_FLAG_KEY on the properties the path names (case-insensitively:
 * SFCB 1.4 lower-cases key names in paths). */
static void
end_wrapper(parser *p, struct frame *f, struct frame *up)
{
	MI_Instance *path = f->path;
	if (f->inst) {
		MI_Instance *inst = f->inst;
		if (path) {
			for (MI_Uint32 i = 0; i < path->count; i++) {
				struct mix_element *e = mix_instance_find(inst, path->elems[i].name);
				if (e)
					e->flags |= MI_FLAG_KEY;
			}
			if ((path->name_space && set_str(&inst->name_space, path->name_space)) ||
					(path->server_name && set_str(&inst->server_name, path->server_name)))
				oom(p);
		}
		f->inst = NULL;
		hand_object(p, up, inst, NULL);
	} else if (f->cls) {
		MI_Class *cls = f->cls;
		if (path && ((path->name_space && set_str(&cls->name_space, path->name_space)) ||
				(path->server_name && set_str(&cls->server_name, path->server_name))))
			oom(p);
		f->cls = NULL;
		hand_object(p, up, NULL, cls);
	} else if (path) {
		/* a path without its object: deliver what there is */
		f->path = NULL;
		hand_path(p, up, path, (f->fl & FL_CLASSPATH) != 0);
	}
}

static void
end_path(parser *p, struct frame *f, struct frame *up)
{
	MI_Instance *path = f->inst;
	if (!path)
		return;
	if ((f->ns && set_str(&path->name_space, f->ns)) ||
			(f->host && set_str(&path->server_name, f->host))) {
		oom(p);
		return;
	}
	f->inst = NULL;
	hand_path(p, up, path, (f->fl & FL_CLASSPATH) != 0);
}

static void
end_value_reference(parser *p, struct frame *f, struct frame *up)
{
	MI_Instance *ref = f->inst;
	f->inst = NULL;
	switch (up->id) {
	case EL_VALUE_REFARRAY:
		refarray_add(p, up, ref);
		return;
	case EL_IRETURNVALUE:
		if (ref)
			hand_path(p, up, ref, (f->fl & FL_CLASSPATH) != 0);
		return;
	case EL_INSTANCENAME: /* a single unnamed reference key */
		if (ref) {
			MI_Value v = { .reference = ref };
			set_value(f, &v, MI_REFERENCE);
			add_key(p, up->inst, "", f);
		}
		return;
	default: /* PROPERTY.REFERENCE, KEYBINDING, PARAMVALUE, RETURNVALUE */
		if (ref) {
			MI_Value v = { .reference = ref };
			set_value(up, &v, MI_REFERENCE);
		}
		return;
	}
	if (ref)
		MI_Instance_Delete(ref);
}

static void
on_end(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *URI)
{
	parser *p = ctx;
	(void)localname; (void)prefix; (void)URI;
	if (p->failed || p->depth == 0)
		return;
	struct frame *f = top(p);
	struct frame *up = below(p);

	switch ((enum el)f->id) {
	case EL_METHODRESPONSE:
		if (!p->st.has_error)
			method_output(p);
		break;
	case EL_PARAMVALUE: case EL_RETURNVALUE:
		end_paramvalue(p, f, up);
		break;
	case EL_INSTANCE: {
		MI_Instance *inst = f->inst;
		f->inst = NULL;
		if (inst)
			hand_object(p, up, inst, NULL);
		break;
	}
	case EL_CLASS: {
		MI_Class *cls = f->cls;
		f->cls = NULL;
		if (cls)
			hand_object(p, up, NULL, cls);
		break;
	}
	case EL_QUALIFIER:
		end_qualifier(p, f, up);
		break;
	case EL_PROPERTY: case EL_PROPERTY_ARRAY: case EL_PROPERTY_REFERENCE:
		if (f->fl & FL_INCLASS)
			end_class_property(p, f, up);
		else
			end_instance_property(p, f, up);
		break;
	case EL_PARAMETER: case EL_PARAMETER_REFERENCE: case EL_PARAMETER_ARRAY:
	case EL_PARAMETER_REFARRAY:
		end_param_decl(p, f, up);
		break;
	case EL_VALUE:
		end_value(p, up);
		break;
	case EL_VALUE_ARRAY: {
		MI_Value v;
		MI_Type t = list_to_array(p, up->type, &v);
		if (t)
			set_value(up, &v, t);
		break;
	}
	case EL_VALUE_REFARRAY: {
		MI_Value v = f->value;
		memset(&f->value, 0, sizeof(f->value));
		set_value(up, &v, MI_REFERENCEA);
		break;
	}
	case EL_VALUE_REFERENCE:
		end_value_reference(p, f, up);
		break;
	case EL_KEYVALUE:
		end_keyvalue(p, f, up);
		break;
	case EL_KEYBINDING:
		add_key(p, up->inst, astr(p, f->name), f);
		break;
	case EL_INSTANCENAME: {
		MI_Instance *path = f->inst;
		f->inst = NULL;
		if (path)
			hand_path(p, up, path, 0);
		break;
	}
	case EL_CLASSNAME: {
		MI_Instance *path = f->inst;
		f->inst = NULL;
		if (path)
			hand_path(p, up, path, 1);
		break;
	}
	case EL_INSTANCEPATH: case EL_LOCALINSTANCEPATH: case EL_CLASSPATH:
	case EL_LOCALCLASSPATH: case EL_OBJECTPATH:
		end_path(p, f, up);
		break;
	case EL_HOST: {
		size_t len;
		char *t = text_get(p, &len);
		while (len > 0 && is_space(t[len - 1]))
			len--;
		while (len > 0 && is_space(*t)) {
			t++;
			len--;
		}
		free(up->host);
		if (!(up->host = memdup0(t, len)))
			oom(p);
		break;
	}
	case EL_LOCALNAMESPACEPATH:
		free(up->ns);
		up->ns = f->ns;
		f->ns = NULL;
		break;
	case EL_NAMESPACEPATH:
		free(up->ns);
		free(up->host);
		up->ns = f->ns;
		up->host = f->host;
		f->ns = f->host = NULL;
		break;
	case EL_VALUE_NAMEDINSTANCE: case EL_VALUE_INSTANCEWITHPATH:
	case EL_VALUE_OBJECTWITHPATH: case EL_VALUE_OBJECTWITHLOCALPATH:
	case EL_VALUE_OBJECT: case EL_VALUE_NAMEDOBJECT:
		end_wrapper(p, f, up);
		break;
	default:
		break;
	}
	if (p->depth) /* a failure above leaves the stack to cimxml_parser_free */
		pop(p);
}

/* ---- hardening handlers --------------------------------------------------------------- */

static void
on_internal_subset(void *ctx, const xmlChar *name, const xmlChar *ExternalID,
	const xmlChar *SystemID)
{
	(void)name; (void)ExternalID; (void)SystemID;
	fail(ctx, "DOCTYPE not allowed");
}

static void
on_entity_decl(void *ctx, const xmlChar *name, int type, const xmlChar *publicId,
	const xmlChar *systemId, xmlChar *content)
{
	(void)name; (void)type; (void)publicId; (void)systemId; (void)content;
	fail(ctx, "entity declarations not allowed");
}

static xmlEntityPtr
on_get_entity(void *ctx, const xmlChar *name)
{
	(void)ctx; (void)name;
	return NULL; /* only the five predefined entities exist */
}

static void
on_reference(void *ctx, const xmlChar *name)
{
	fail(ctx, "entity reference &%s; not allowed", (const char *)name);
}

/* ---- public API ------------------------------------------------------------------------ */

static void
sax_init(xmlSAXHandler *sax)
{
	memset(sax, 0, sizeof(*sax));
	sax->initialized = XML_SAX2_MAGIC;
	sax->startElementNs = on_start;
	sax->endElementNs = on_end;
	sax->characters = on_characters;
	sax->cdataBlock = on_characters;
	sax->ignorableWhitespace = on_characters;
	sax->internalSubset = on_internal_subset;
	sax->externalSubset = on_internal_subset;
	sax->entityDecl = on_entity_decl;
	sax->getEntity = on_get_entity;
	sax->getParameterEntity = on_get_entity;
	sax->reference = on_reference;
	sax->serror = on_xml_error;
	sax->warning = on_xml_warning;
	sax->error = on_xml_error_fmt;
	sax->fatalError = on_xml_error_fmt;
}

static parser *
parser_new(const struct cimxml_sink *sink, const struct cimxml_limits *limits,
	const char *default_ns, int object_mode)
{
	parser *p = calloc(1, sizeof(*p));
	if (!p)
		return NULL;
	if (sink)
		p->sink = *sink;
	p->lim = (struct cimxml_limits){ 256, 16u << 20, 65536, (size_t)1 << 30 };
	if (limits) {
		if (limits->max_depth) p->lim.max_depth = limits->max_depth;
		if (limits->max_text) p->lim.max_text = limits->max_text;
		if (limits->max_elements) p->lim.max_elements = limits->max_elements;
		if (limits->max_total) p->lim.max_total = limits->max_total;
	}
	p->object_mode = object_mode;
	p->st.well_formed = 1;
	p->st.end_of_sequence = -1;
	if (default_ns && !(p->default_ns = strdup(default_ns))) {
		free(p);
		return NULL;
	}
	xmlInitParser(); /* idempotent; the application should also call it first */
	xmlSAXHandler sax;
	sax_init(&sax);
	p->ctxt = xmlCreatePushParserCtxt(&sax, p, NULL, 0, NULL);
	if (!p->ctxt) {
		free(p->default_ns);
		free(p);
		return NULL;
	}
	/* HUGE lifts libxml2's fixed caps; ours (max_text, max_depth) apply first. */
	xmlCtxtUseOptions(p->ctxt, XML_PARSE_NONET | XML_PARSE_HUGE);
	p->ctxt->replaceEntities = 0;
	p->ctxt->loadsubset = 0;
	p->ctxt->validate = 0;
	return p;
}

struct cimxml_parser *
cimxml_parser_new(const struct cimxml_sink *sink, const struct cimxml_limits *limits,
	const char *default_ns)
{
	return parser_new(sink, limits, default_ns, 0);
}

void
cimxml_parser_set_sink(struct cimxml_parser *p, const struct cimxml_sink *sink)
{
	p->sink = *sink;
}

/* Hands filtered bytes to libxml2 (xml_charref's emit callback). */
static void
parse_bytes(void *ctx, const char *buf, size_t len)
{
	parser *p = ctx;
	while (len > 0 && !p->failed) {
		int n = len > (1u << 26) ? (1 << 26) : (int)len;
		xmlParseChunk(p->ctxt, buf, n, 0);
		buf += n;
		len -= (size_t)n;
	}
}

int
cimxml_parser_feed(struct cimxml_parser *p, const char *buf, size_t len)
{
	if (!p || p->failed || p->finished)
		return -1;
	if (len > p->lim.max_total || p->total > p->lim.max_total - len) {
		fail(p, "response larger than %zu bytes", p->lim.max_total);
		return -1;
	}
	p->total += len;
	if (mix_charref_feed(&p->cref, buf, len, parse_bytes, p))
		oom(p);
	if (!p->failed && !p->ctxt->wellFormed)
		fail(p, "not well-formed");
	return p->failed ? -1 : 0;
}

int
cimxml_parser_finish(struct cimxml_parser *p)
{
	if (!p)
		return -1;
	if (p->finished)
		return p->failed ? -1 : 0;
	p->finished = 1;
	if (p->failed)
		return -1;
	if (p->total == 0) {
		fail(p, "empty document");
		return -1;
	}
	mix_charref_flush(&p->cref, parse_bytes, p);
	xmlParseChunk(p->ctxt, NULL, 0, 1);
	if (p->failed) {
		/* An error that only the end of input reveals ("premature end of
		 * data", "couldn't find end of start tag"...) means the document
		 * was cut short; say so.  Bytes that never began one are not. */
		if (p->xml_code != XML_ERR_DOCUMENT_EMPTY) {
			char *old = p->st.parse_error;
			size_t n = (old ? strlen(old) : 0) + 32;
			char *msg = malloc(n);
			if (msg) {
				snprintf(msg, n, "truncated document: %s", old ? old : "");
				free(old);
				p->st.parse_error = msg;
			}
		}
		return -1;
	}
	if (!p->ctxt->wellFormed || p->depth > 0 || !p->seen_root) {
		fail(p, "truncated document");
		return -1;
	}
	return 0;
}

const struct cimxml_status *
cimxml_parser_status(const struct cimxml_parser *p)
{
	return p ? &p->st : NULL;
}

MI_Instance *
cimxml_parser_take_error_instance(struct cimxml_parser *p)
{
	MI_Instance *i = p ? p->st.error_instance : NULL;
	if (p)
		p->st.error_instance = NULL;
	return i;
}

MI_Instance *
cimxml_parser_take_method_output(struct cimxml_parser *p)
{
	MI_Instance *i = p ? p->st.method_output : NULL;
	if (p)
		p->st.method_output = NULL;
	return i;
}

void
cimxml_parser_free(struct cimxml_parser *p)
{
	if (!p)
		return;
	while (p->depth)
		pop(p);
	free(p->fr);
	free(p->arena);
	free(p->text);
	free(p->list.buf);
	free(p->list.off);
	mix_charref_free(&p->cref);
	if (p->ctxt) {
		if (p->ctxt->myDoc) /* never built by our handlers; belt and braces */
			xmlFreeDoc(p->ctxt->myDoc);
		xmlFreeParserCtxt(p->ctxt);
	}
	if (p->res_inst)
		MI_Instance_Delete(p->res_inst);
	if (p->res_cls)
		MI_Class_Delete(p->res_cls);
	free(p->default_ns);
	free(p->st.parse_error);
	free(p->st.description);
	free(p->st.response_name);
	free(p->st.enumeration_context);
	if (p->st.error_instance)
		MI_Instance_Delete(p->st.error_instance);
	if (p->st.method_output)
		MI_Instance_Delete(p->st.method_output);
	free(p);
}

int
cimxml_parse_object(const char *xml, size_t len, const struct cimxml_limits *limits,
	MI_Instance **inst, MI_Class **cls)
{
	if (inst)
		*inst = NULL;
	if (cls)
		*cls = NULL;
	if (!xml || !inst || !cls)
		return -1;
	parser *p = parser_new(NULL, limits, NULL, 1);
	if (!p)
		return -1;
	int rc = -1;
	if (cimxml_parser_feed(p, xml, len) == 0 && cimxml_parser_finish(p) == 0 &&
			(p->res_inst || p->res_cls)) {
		*inst = p->res_inst;
		*cls = p->res_cls;
		p->res_inst = NULL;
		p->res_cls = NULL;
		rc = 0;
	}
	cimxml_parser_free(p);
	return rc;
}
