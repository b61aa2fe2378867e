/* wbem_path.c - WBEM URI instance paths, string buffer, value text.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "wbem_path.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- sbuf --------------------------------------------------------------------- */
static void sb_grow(struct sbuf *b, size_t extra)
{
	if (b->len + extra + 1 <= b->cap)
		return;
	size_t cap = b->cap ? b->cap : 64;
	while (cap < b->len + extra + 1)
		cap *= 2;
	char *p = realloc(b->p, cap);
	if (!p) {
		fputs("cimtui: out of memory\n", stderr);
		abort();
	}
	b->p = p;
	b->cap = cap;
}

void sb_putn(struct sbuf *b, const char *s, size_t n)
{
	sb_grow(b, n);
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

void sb_puts(struct sbuf *b, const char *s)
{
	sb_putn(b, s, strlen(s));
}

void sb_putc(struct sbuf *b, char c)
{
	sb_grow(b, 1);
	b->p[b->len++] = c;
	b->p[b->len] = '\0';
}

void sb_printf(struct sbuf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n <= 0)
		return;
	sb_grow(b, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

const char *sb_str(struct sbuf *b)
{
	return b->p ? b->p : "";
}

void sb_reset(struct sbuf *b)
{
	b->len = 0;
	if (b->p)
		b->p[0] = '\0';
}

void sb_free(struct sbuf *b)
{
	free(b->p);
	b->p = NULL;
	b->len = b->cap = 0;
}

char *sb_take(struct sbuf *b)
{
	char *p = b->p;
	if (!p) {
		p = malloc(1);
		if (!p)
			abort();
		p[0] = '\0';
	}
	b->p = NULL;
	b->len = b->cap = 0;
	return p;
}

/* ---- UTF-8 ---------------------------------------------------------------------- */
void wbem_put_utf8(struct sbuf *b, unsigned long cp)
{
	char s[4];
	if (cp < 0x80) {
		s[0] = (char)cp;
		sb_putn(b, s, 1);
	} else if (cp < 0x800) {
		s[0] = (char)(0xC0 | (cp >> 6));
		s[1] = (char)(0x80 | (cp & 0x3F));
		sb_putn(b, s, 2);
	} else if (cp < 0x10000) {
		s[0] = (char)(0xE0 | (cp >> 12));
		s[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		s[2] = (char)(0x80 | (cp & 0x3F));
		sb_putn(b, s, 3);
	} else {
		s[0] = (char)(0xF0 | (cp >> 18));
		s[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		s[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
		s[3] = (char)(0x80 | (cp & 0x3F));
		sb_putn(b, s, 4);
	}
}

size_t wbem_utf8_decode(const unsigned char *s, size_t n, unsigned long *cp)
{
	if (n == 0)
		return 0;
	unsigned c = s[0];
	size_t len;
	unsigned long v, min;
	if (c < 0x80) {
		*cp = c;
		return 1;
	} else if (c >= 0xC2 && c <= 0xDF) {
		len = 2, v = c & 0x1F, min = 0x80;
	} else if (c >= 0xE0 && c <= 0xEF) {
		len = 3, v = c & 0x0F, min = 0x800;
	} else if (c >= 0xF0 && c <= 0xF4) {
		len = 4, v = c & 0x07, min = 0x10000;
	} else {
		return 0;
	}
	if (n < len)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		v = (v << 6) | (s[i] & 0x3F);
	}
	if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
		return 0;
	*cp = v;
	return len;
}

/* ---- value text -------------------------------------------------------------------- */
void wbem_datetime_text(const MI_Datetime *dt, char *buf)
{
	if (dt->isTimestamp) {
		const MI_Timestamp *t = &dt->u.timestamp;
		long utc = t->utc;
		char sign = utc < 0 ? '-' : '+';
		if (utc < 0)
			utc = -utc;
		snprintf(buf, 26, "%04u%02u%02u%02u%02u%02u.%06u%c%03ld", (unsigned)(t->year % 10000),
			(unsigned)(t->month % 100), (unsigned)(t->day % 100), (unsigned)(t->hour % 100),
			(unsigned)(t->minute % 100), (unsigned)(t->second % 100),
			(unsigned)(t->microseconds % 1000000), sign, utc % 1000);
	} else {
		const MI_Interval *i = &dt->u.interval;
		snprintf(buf, 26, "%08u%02u%02u%02u.%06u:000", (unsigned)(i->days % 100000000),
			(unsigned)(i->hours % 100), (unsigned)(i->minutes % 100),
			(unsigned)(i->seconds % 100), (unsigned)(i->microseconds % 1000000));
	}
}

void wbem_real_text(struct sbuf *b, double v, int is_real32)
{
	if (isnan(v)) {
		sb_puts(b, "NaN");
		return;
	}
	if (isinf(v)) {
		sb_puts(b, v < 0 ? "-INF" : "INF");
		return;
	}
	char buf[64];
	int maxp = is_real32 ? 9 : 17;
	for (int p = is_real32 ? 6 : 15; p <= maxp; p++) {
		snprintf(buf, sizeof buf, "%.*g", p, v);
		if (is_real32 ? (strtof(buf, NULL) == (float)v) : (strtod(buf, NULL) == v))
			break;
	}
	/* keep it recognisable as a real */
	if (!strpbrk(buf, ".eEni"))
		strcat(buf, ".0");
	sb_puts(b, buf);
}

void wbem_scalar_text(struct sbuf *b, MI_Type t, const MI_Value *v, int is_array, MI_Uint32 i)
{
	char dbuf[32];
	t = (MI_Type)(t & ~MI_ARRAY);
#define ELEM(field, afield) (is_array ? v->afield.data[i] : v->field)
	switch (t) {
	case MI_BOOLEAN: sb_puts(b, ELEM(boolean, booleana) ? "TRUE" : "FALSE"); break;
	case MI_UINT8: sb_printf(b, "%u", (unsigned)ELEM(uint8, uint8a)); break;
	case MI_SINT8: sb_printf(b, "%d", (int)ELEM(sint8, sint8a)); break;
	case MI_UINT16: sb_printf(b, "%u", (unsigned)ELEM(uint16, uint16a)); break;
	case MI_SINT16: sb_printf(b, "%d", (int)ELEM(sint16, sint16a)); break;
	case MI_UINT32: sb_printf(b, "%lu", (unsigned long)ELEM(uint32, uint32a)); break;
	case MI_SINT32: sb_printf(b, "%ld", (long)ELEM(sint32, sint32a)); break;
	case MI_UINT64: sb_printf(b, "%llu", (unsigned long long)ELEM(uint64, uint64a)); break;
	case MI_SINT64: sb_printf(b, "%lld", (long long)ELEM(sint64, sint64a)); break;
	case MI_REAL32: wbem_real_text(b, ELEM(real32, real32a), 1); break;
	case MI_REAL64: wbem_real_text(b, ELEM(real64, real64a), 0); break;
	case MI_CHAR16: wbem_put_utf8(b, ELEM(char16, char16a)); break;
	case MI_DATETIME: {
		MI_Datetime dt = ELEM(datetime, datetimea);
		wbem_datetime_text(&dt, dbuf);
		sb_puts(b, dbuf);
		break;
	}
	case MI_STRING: {
		const char *s = ELEM(string, stringa);
		sb_puts(b, s ? s : "");
		break;
	}
	case MI_REFERENCE: {
		const MI_Instance *r = ELEM(reference, referencea);
		if (r)
			wbem_path_format(b, r, 1);
		break;
	}
	case MI_INSTANCE: {
		const MI_Instance *r = ELEM(instance, instancea);
		const MI_Char *cn = NULL;
		if (r && MI_Instance_GetClassName(r, &cn) == MI_RESULT_OK && cn)
			sb_printf(b, "instance of %s", cn);
		break;
	}
	default: break;
	}
#undef ELEM
}

/* ---- formatting paths ------------------------------------------------------------- */
static void put_quoted(struct sbuf *b, const char *s)
{
	sb_putc(b, '"');
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			sb_putc(b, '\\');
		sb_putc(b, *s);
	}
	sb_putc(b, '"');
}

void wbem_path_format(struct sbuf *b, const MI_Instance *inst, int with_ns)
{
	const MI_Char *cn = NULL, *ns = NULL;
	MI_Instance_GetClassName(inst, &cn);
	if (with_ns && MI_Instance_GetNameSpace(inst, &ns) == MI_RESULT_OK && ns && *ns) {
		if (*ns != '/')
			sb_putc(b, '/');
		sb_puts(b, ns);
		sb_putc(b, ':');
	}
	sb_puts(b, cn ? cn : "");
	MI_Uint32 count = 0, nkeys = 0;
	MI_Instance_GetElementCount(inst, &count);
	struct sbuf tmp = SBUF_INIT;
	for (MI_Uint32 i = 0; i < count; i++) {
		const MI_Char *name;
		MI_Value v;
		MI_Type t;
		MI_Uint32 f;
		if (MI_Instance_GetElementAt(inst, i, &name, &v, &t, &f) != MI_RESULT_OK || !(f & MI_FLAG_KEY))
			continue;
		sb_putc(b, nkeys++ ? ',' : '.');
		sb_puts(b, name);
		sb_putc(b, '=');
		if (f & MI_FLAG_NULL) {
			sb_puts(b, "NULL");
			continue;
		}
		switch (t) {
		case MI_STRING: case MI_CHAR16: case MI_DATETIME: case MI_REFERENCE:
			sb_reset(&tmp);
			wbem_scalar_text(&tmp, t, &v, 0, 0);
			put_quoted(b, sb_str(&tmp));
			break;
		default:
			if (t & MI_ARRAY) {
				sb_puts(b, "NULL"); /* arrays cannot be keys */
				break;
			}
			wbem_scalar_text(b, t, &v, 0, 0);
			break;
		}
	}
	sb_free(&tmp);
}

/* ---- parsing ------------------------------------------------------------------------ */
struct pstate {
	MI_Application *app;
	const char *s;   /* whole text */
	const char *p;   /* cursor */
	char *err;
	int depth;
};

static int perr(struct pstate *st, const char *what)
{
	if (!st->err) {
		struct sbuf b = SBUF_INIT;
		sb_printf(&b, "%s at position %zu", what, (size_t)(st->p - st->s) + 1);
		st->err = sb_take(&b);
	}
	return -1;
}

static int ident_start(unsigned char c)
{
	return isalpha(c) || c == '_' || c >= 0x80;
}

static int ident_char(unsigned char c)
{
	return isalnum(c) || c == '_' || c >= 0x80;
}

static char *take_ident(struct pstate *st)
{
	const char *start = st->p;
	if (!ident_start((unsigned char)*st->p))
		return NULL;
	while (ident_char((unsigned char)*st->p))
		st->p++;
	return strndup(start, (size_t)(st->p - start));
}

static int parse_path_at(struct pstate *st, struct wbem_path *out, int nested_unquoted);

/* Tries to read a whole string as an instance path with keys (for quoted
 * reference values).  Returns the key instance or NULL. */
static MI_Instance *as_reference(struct pstate *st, const char *text)
{
	if (st->depth > 8)
		return NULL;
	struct pstate sub = { st->app, text, text, NULL, st->depth + 1 };
	struct wbem_path p = { 0 };
	MI_Instance *r = NULL;
	if (parse_path_at(&sub, &p, 0) == 0 && *sub.p == '\0' && p.keys) {
		r = p.keys;
		p.keys = NULL;
		if (p.ns)
			MI_Instance_SetNameSpace(r, p.ns);
	}
	wbem_path_free(&p);
	free(sub.err);
	return r;
}

static int add_key(struct pstate *st, MI_Instance *inst, const char *name, const MI_Value *v, MI_Type t)
{
	MI_Result r = MI_Instance_AddElement(inst, name, v, t, MI_FLAG_KEY);
	if (r == MI_RESULT_ALREADY_EXISTS)
		return perr(st, "duplicate key");
	if (r != MI_RESULT_OK)
		return perr(st, "cannot store key");
	return 0;
}

static int parse_number(struct pstate *st, MI_Instance *inst, const char *name)
{
	const char *start = st->p;
	while (*st->p && *st->p != ',')
		st->p++;
	char *text = strndup(start, (size_t)(st->p - start));
	MI_Value v;
	MI_Type t;
	char *end = NULL;
	int rc = -1;
	errno = 0;
	if (strpbrk(text, ".eE") && strncasecmp(text, "0x", 2) && strncasecmp(text, "-0x", 3) &&
	    strncasecmp(text, "+0x", 3)) {
		v.real64 = strtod(text, &end);
		t = MI_REAL64;
	} else if (text[0] == '-') {
		v.sint64 = strtoll(text, &end, 0);
		t = MI_SINT64;
	} else {
		v.uint64 = strtoull(text[0] == '+' ? text + 1 : text, &end, 0);
		t = MI_UINT64;
	}
	if (!end || *end || end == text || errno == ERANGE) {
		st->p = start;
		perr(st, "bad number");
	} else {
		rc = add_key(st, inst, name, &v, t);
	}
	free(text);
	return rc;
}

static int parse_value(struct pstate *st, MI_Instance *inst, const char *name)
{
	const char *p = st->p;
	if (*p == '"') {
		struct sbuf b = SBUF_INIT;
		st->p++;
		for (;;) {
			char c = *st->p;
			if (!c) {
				sb_free(&b);
				return perr(st, "unterminated quoted value");
			}
			st->p++;
			if (c == '"')
				break;
			if (c == '\\' && *st->p) {
				c = *st->p++;
			}
			sb_putc(&b, c);
		}
		const char *text = sb_str(&b);
		MI_Instance *ref = strchr(text, '=') ? as_reference(st, text) : NULL;
		int rc;
		if (ref) {
			MI_Value v;
			v.reference = ref;
			rc = add_key(st, inst, name, &v, MI_REFERENCE);
			MI_Instance_Delete(ref);
		} else {
			MI_Value v;
			v.string = (MI_Char *)text;
			rc = add_key(st, inst, name, &v, MI_STRING);
		}
		sb_free(&b);
		return rc;
	}
	if (*p == '-' || *p == '+' || isdigit((unsigned char)*p))
		return parse_number(st, inst, name);
	size_t n = strcspn(p, ",");
	if ((n == 4 && !strncasecmp(p, "TRUE", 4)) || (n == 5 && !strncasecmp(p, "FALSE", 5))) {
		MI_Value v;
		v.boolean = n == 4;
		st->p += n;
		return add_key(st, inst, name, &v, MI_BOOLEAN);
	}
	if (ident_start((unsigned char)*p) || *p == '/') {
		/* unquoted reference: [/ns:]CLASS.key=value (one key) */
		if (st->depth > 8)
			return perr(st, "references nested too deeply");
		struct wbem_path sub = { 0 };
		st->depth++;
		int rc = parse_path_at(st, &sub, 1);
		st->depth--;
		if (rc == 0 && !sub.keys) {
			st->p = p;
			rc = perr(st, "value must be quoted, a number, TRUE/FALSE or a reference");
		}
		if (rc == 0) {
			if (sub.ns)
				MI_Instance_SetNameSpace(sub.keys, sub.ns);
			MI_Value v;
			v.reference = sub.keys;
			rc = add_key(st, inst, name, &v, MI_REFERENCE);
		}
		wbem_path_free(&sub);
		return rc;
	}
	return perr(st, "value expected");
}

static int parse_path_at(struct pstate *st, struct wbem_path *out, int nested_unquoted)
{
	memset(out, 0, sizeof(*out));
	const char *p = st->p;
	/* //host/ */
	if (p[0] == '/' && p[1] == '/') {
		const char *h = p + 2;
		const char *e = strchr(h, '/');
		if (!e || e == h)
			return perr(st, "host name expected");
		out->host = strndup(h, (size_t)(e - h));
		p = e;
	}
	/* namespace: everything before a ':' that comes before any '.', '=' or '"' */
	const char *colon = NULL;
	for (const char *q = p; *q && *q != '.' && *q != '=' && *q != '"' && *q != ','; q++) {
		if (*q == ':') {
			colon = q;
			break;
		}
	}
	if (colon) {
		const char *ns = p;
		while (*ns == '/')
			ns++;
		if (ns == colon) {
			st->p = colon;
			return perr(st, "namespace expected");
		}
		out->ns = strndup(ns, (size_t)(colon - ns));
		p = colon + 1;
	} else if (*p == '/') {
		st->p = p;
		return perr(st, "':' expected after the namespace");
	}
	st->p = p;
	out->class_name = take_ident(st);
	if (!out->class_name)
		return perr(st, "class name expected");
	if (*st->p != '.')
		return 0;
	st->p++;
	if (MI_Application_NewInstance(st->app, out->class_name, NULL, &out->keys) != MI_RESULT_OK)
		return perr(st, "cannot create an instance");
	if (out->ns)
		MI_Instance_SetNameSpace(out->keys, out->ns);
	for (;;) {
		char *name = take_ident(st);
		if (!name)
			return perr(st, "key name expected");
		if (*st->p != '=') {
			free(name);
			return perr(st, "'=' expected");
		}
		st->p++;
		int rc = parse_value(st, out->keys, name);
		free(name);
		if (rc)
			return rc;
		if (nested_unquoted || *st->p != ',')
			break;
		st->p++;
	}
	return 0;
}

int wbem_path_parse(MI_Application *app, const char *text, struct wbem_path *out, char **err)
{
	struct pstate st = { app, text, text, NULL, 0 };
	if (err)
		*err = NULL;
	int rc = parse_path_at(&st, out, 0);
	if (rc == 0 && *st.p != '\0')
		rc = perr(&st, "unexpected text");
	if (rc) {
		wbem_path_free(out);
		if (err)
			*err = st.err;
		else
			free(st.err);
		return -1;
	}
	free(st.err);
	return 0;
}

void wbem_path_free(struct wbem_path *p)
{
	free(p->host);
	free(p->ns);
	free(p->class_name);
	if (p->keys)
		MI_Instance_Delete(p->keys);
	memset(p, 0, sizeof(*p));
}
