/* test_cimxml_parse.c - the streaming CIM-XML reader against real server
 * captures (every one, whole and in every chunk size) and against hostile
 * or hand-made input.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif
#include <dirent.h>
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>

#include "cimxml_parse.h"
#include "model.h"

#ifndef CAPTURES_DIR
#define CAPTURES_DIR "../shared/captures"
#endif

/* ---- collecting sink ------------------------------------------------------------- */

struct got {
	MI_Instance **inst;
	size_t ninst, cap_inst;
	MI_Class **cls;
	size_t ncls, cap_cls;
	int stop_after;          /* >0: return non-zero on that object */
	size_t fed;              /* bytes fed so far (set by the feeder) */
	size_t fed_at_first;     /* value of fed when the first object came */
};

static int
got_instance(void *ctx, MI_Instance *inst)
{
	struct got *g = ctx;
	if (g->ninst == g->cap_inst) {
		g->cap_inst = g->cap_inst ? g->cap_inst * 2 : 16;
		g->inst = realloc(g->inst, g->cap_inst * sizeof(*g->inst));
		assert_non_null(g->inst);
	}
	if (g->ninst + g->ncls == 0)
		g->fed_at_first = g->fed;
	g->inst[g->ninst++] = inst;
	return g->stop_after && (int)(g->ninst + g->ncls) >= g->stop_after;
}

static int
got_class(void *ctx, MI_Class *cls)
{
	struct got *g = ctx;
	if (g->ncls == g->cap_cls) {
		g->cap_cls = g->cap_cls ? g->cap_cls * 2 : 16;
		g->cls = realloc(g->cls, g->cap_cls * sizeof(*g->cls));
		assert_non_null(g->cls);
	}
	if (g->ninst + g->ncls == 0)
		g->fed_at_first = g->fed;
	g->cls[g->ncls++] = cls;
	return g->stop_after && (int)(g->ninst + g->ncls) >= g->stop_after;
}

static void
got_free(struct got *g)
{
	for (size_t i = 0; i < g->ninst; i++)
		MI_Instance_Delete(g->inst[i]);
	for (size_t i = 0; i < g->ncls; i++)
		MI_Class_Delete(g->cls[i]);
	free(g->inst);
	free(g->cls);
	memset(g, 0, sizeof(*g));
}

/* ---- canonical dump ---------------------------------------------------------------- */

static void dump_instance(FILE *f, const MI_Instance *i, int ind);

static void
dump_str(FILE *f, const char *s)
{
	if (!s) {
		fputs("(null)", f);
		return;
	}
	fputc('"', f);
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			fprintf(f, "\\%c", *s);
		else if ((unsigned char)*s < 0x20)
			fprintf(f, "\\x%02x", (unsigned char)*s);
		else
			fputc(*s, f);
	}
	fputc('"', f);
}

static void
dump_scalar(FILE *f, const void *p, MI_Type t, int ind)
{
	const MI_Value *v = p;
	char buf[32];
	switch (t) {
	case MI_BOOLEAN: fputs(v->boolean ? "TRUE" : "FALSE", f); break;
	case MI_UINT8: fprintf(f, "%u", v->uint8); break;
	case MI_SINT8: fprintf(f, "%d", v->sint8); break;
	case MI_UINT16: fprintf(f, "%u", v->uint16); break;
	case MI_SINT16: fprintf(f, "%d", v->sint16); break;
	case MI_UINT32: fprintf(f, "%u", v->uint32); break;
	case MI_SINT32: fprintf(f, "%d", v->sint32); break;
	case MI_UINT64: fprintf(f, "%llu", (unsigned long long)v->uint64); break;
	case MI_SINT64: fprintf(f, "%lld", (long long)v->sint64); break;
	case MI_REAL32: fprintf(f, "%.9g", (double)v->real32); break;
	case MI_REAL64: fprintf(f, "%.17g", v->real64); break;
	case MI_CHAR16: fprintf(f, "U+%04X", v->char16); break;
	case MI_DATETIME: mix_datetime_format(&v->datetime, buf); fputs(buf, f); break;
	case MI_STRING: dump_str(f, v->string); break;
	case MI_REFERENCE: case MI_INSTANCE:
		if (!v->instance) {
			fputs("(null)", f);
		} else {
			fputs("{\n", f);
			dump_instance(f, v->instance, ind + 2);
			fprintf(f, "%*s}", ind, "");
		}
		break;
	default: fputs("?", f); break;
	}
}

static size_t
elem_size(MI_Type t)
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

static void
dump_value(FILE *f, const MI_Value *v, MI_Type t, MI_Uint32 flags, int ind)
{
	if (flags & MI_FLAG_NULL) {
		fputs("NULL", f);
		return;
	}
	if (!(t & MI_ARRAY)) {
		dump_scalar(f, v, t, ind);
		return;
	}
	MI_Type et = (MI_Type)(t & ~MI_ARRAY);
	fputc('[', f);
	for (MI_Uint32 i = 0; i < v->array.size; i++) {
		MI_Value tmp;
		memset(&tmp, 0, sizeof(tmp));
		memcpy(&tmp, (const char *)v->array.data + i * elem_size(et), elem_size(et));
		if (i)
			fputs(", ", f);
		dump_scalar(f, &tmp, et, ind);
	}
	fputc(']', f);
}

static void
dump_flags(FILE *f, MI_Uint32 fl)
{
	static const struct { MI_Uint32 bit; const char *name; } names[] = {
		{ MI_FLAG_KEY, "key" }, { MI_FLAG_NULL, "null" }, { MI_FLAG_IN, "in" },
		{ MI_FLAG_OUT, "out" }, { MI_FLAG_TOSUBCLASS, "tosubclass" },
		{ MI_FLAG_DISABLEOVERRIDE, "disableoverride" }, { MI_FLAG_TRANSLATABLE, "translatable" },
		{ MI_FLAG_READONLY, "readonly" },
	};
	fputc('<', f);
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (fl & names[i].bit)
			fprintf(f, " %s", names[i].name);
	fputs(" >", f);
}

static void
dump_instance(FILE *f, const MI_Instance *i, int ind)
{
	fprintf(f, "%*sinstance %s ns=%s host=%s\n", ind, "", i->class_name,
		i->name_space ? i->name_space : "-", i->server_name ? i->server_name : "-");
	for (MI_Uint32 k = 0; k < i->count; k++) {
		const struct mix_element *e = &i->elems[k];
		fprintf(f, "%*s  %s %s ", ind, "", e->name, MIX_TypeName(e->type));
		dump_flags(f, e->flags);
		fputs(" = ", f);
		dump_value(f, &e->value, e->type, e->flags, ind + 2);
		fputc('\n', f);
	}
}

static void
dump_quals(FILE *f, const struct mix_qualifiers *q, int ind)
{
	for (MI_Uint32 k = 0; k < q->count; k++) {
		const struct mix_qualifier *x = &q->items[k];
		fprintf(f, "%*s[%s %s ", ind, "", x->name, MIX_TypeName(x->type));
		dump_flags(f, x->flags);
		fputs(" = ", f);
		dump_value(f, &x->value, x->type, x->flags, ind);
		fputs("]\n", f);
	}
}

static void
dump_class(FILE *f, const MI_Class *c)
{
	fprintf(f, "class %s : %s ns=%s host=%s\n", c->name, c->super_name ? c->super_name : "-",
		c->name_space ? c->name_space : "-", c->server_name ? c->server_name : "-");
	dump_quals(f, &c->quals, 2);
	for (MI_Uint32 k = 0; k < c->nprops; k++) {
		const struct mix_property *p = &c->props[k];
		fprintf(f, "  property %s %s ref=%s origin=%s propagated=%d ", p->name,
			MIX_TypeName(p->type), p->ref_class ? p->ref_class : "-",
			p->class_origin ? p->class_origin : "-", p->propagated);
		dump_flags(f, p->flags);
		fputs(" = ", f);
		dump_value(f, &p->value, p->type, p->flags, 4);
		fputc('\n', f);
		dump_quals(f, &p->quals, 4);
	}
	for (MI_Uint32 k = 0; k < c->nmethods; k++) {
		const struct mix_method *m = &c->methods[k];
		fprintf(f, "  method %s %s origin=%s propagated=%d\n", m->name,
			MIX_TypeName(m->return_type), m->class_origin ? m->class_origin : "-", m->propagated);
		dump_quals(f, &m->quals, 4);
		for (MI_Uint32 j = 0; j < m->nparams; j++) {
			const struct mix_parameter *pa = &m->params[j];
			fprintf(f, "    param %s %s ref=%s ", pa->name, MIX_TypeName(pa->type),
				pa->ref_class ? pa->ref_class : "-");
			dump_flags(f, pa->flags);
			fputc('\n', f);
			dump_quals(f, &pa->quals, 6);
		}
	}
}

static void
dump_status(FILE *f, const struct cimxml_status *s)
{
	fprintf(f, "status well_formed=%d error=%s has_error=%d code=%d desc=", s->well_formed,
		s->parse_error ? s->parse_error : "-", s->has_error, (int)s->code);
	dump_str(f, s->description);
	fprintf(f, " response=%s eos=%d ctx=", s->response_name ? s->response_name : "-",
		s->end_of_sequence);
	dump_str(f, s->enumeration_context);
	fprintf(f, " objects=%zu\n", s->objects);
	if (s->error_instance) {
		fputs("error_instance:\n", f);
		dump_instance(f, s->error_instance, 2);
	}
	if (s->method_output) {
		fputs("method_output:\n", f);
		dump_instance(f, s->method_output, 2);
	}
}

/* ---- running the parser ---------------------------------------------------------------- */

struct run {
	struct got g;
	struct cimxml_parser *p;
	int feed_rc, finish_rc;
	char *dump;
};

/* Feeds xml in chunks of `chunk` bytes (0: all at once). */
static void
run_parse(struct run *r, const char *xml, size_t len, size_t chunk,
	const struct cimxml_limits *lim, const char *ns)
{
	memset(r, 0, sizeof(*r));
	struct cimxml_sink sink = { &r->g, got_instance, got_class };
	r->p = cimxml_parser_new(&sink, lim, ns);
	assert_non_null(r->p);
	if (chunk == 0)
		chunk = len ? len : 1;
	for (size_t off = 0; off < len && r->feed_rc == 0; off += chunk) {
		size_t n = len - off < chunk ? len - off : chunk;
		r->g.fed = off + n;
		r->feed_rc = cimxml_parser_feed(r->p, xml + off, n);
	}
	r->finish_rc = cimxml_parser_finish(r->p);
}

static char *
run_dump(struct run *r)
{
	char *buf = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&buf, &n);
	assert_non_null(f);
	for (size_t i = 0; i < r->g.ninst; i++)
		dump_instance(f, r->g.inst[i], 0);
	for (size_t i = 0; i < r->g.ncls; i++)
		dump_class(f, r->g.cls[i]);
	dump_status(f, cimxml_parser_status(r->p));
	fclose(f);
	return buf;
}

static void
run_free(struct run *r)
{
	got_free(&r->g);
	cimxml_parser_free(r->p);
	free(r->dump);
	r->p = NULL;
}

static void
parse_str(struct run *r, const char *xml)
{
	run_parse(r, xml, strlen(xml), 0, NULL, "root/default");
}

static const struct cimxml_status *
st(struct run *r)
{
	return cimxml_parser_status(r->p);
}

static char *
read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		fail_msg("cannot open %s", path);
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *buf = malloc((size_t)n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	buf[n] = '\0';
	fclose(f);
	*len = (size_t)n;
	return buf;
}

static char *
capture(const char *rel, size_t *len)
{
	char path[1024];
	snprintf(path, sizeof(path), "%s/cimxml/%s", CAPTURES_DIR, rel);
	return read_file(path, len);
}

static void
parse_capture(struct run *r, const char *rel, const char *ns)
{
	size_t len;
	char *xml = capture(rel, &len);
	run_parse(r, xml, len, 0, NULL, ns);
	free(xml);
}

static const struct mix_element *
el(const MI_Instance *i, const char *name)
{
	const struct mix_element *e = mix_instance_find(i, name);
	if (!e)
		fail_msg("no element %s in %s", name, i->class_name);
	return e;
}

static const struct mix_property *
prop(const MI_Class *c, const char *name)
{
	for (MI_Uint32 i = 0; i < c->nprops; i++)
		if (mix_name_eq(c->props[i].name, name))
			return &c->props[i];
	fail_msg("no property %s in %s", name, c->name);
	return NULL;
}

static const struct mix_qualifier *
qual(const struct mix_qualifiers *q, const char *name)
{
	for (MI_Uint32 i = 0; i < q->count; i++)
		if (mix_name_eq(q->items[i].name, name))
			return &q->items[i];
	fail_msg("no qualifier %s", name);
	return NULL;
}

/* ---- every capture: parses, and chunking never changes the result ----------------------------- */

static void
check_capture_file(const char *path, int *nonempty, int *empty)
{
	size_t len;
	char *xml = read_file(path, &len);
	struct run whole;
	run_parse(&whole, xml, len, 0, NULL, "root/test");
	char *ref = run_dump(&whole);
	const struct cimxml_status *s = st(&whole);
	if (len == 0) {
		/* HTTP 400 replies have no body */
		assert_int_equal(s->well_formed, 0);
		assert_int_equal(whole.finish_rc, -1);
		assert_non_null(s->parse_error);
		assert_non_null(strstr(s->parse_error, "empty"));
		(*empty)++;
	} else {
		if (!s->well_formed)
			fail_msg("%s: %s", path, s->parse_error);
		assert_int_equal(whole.finish_rc, 0);
		assert_non_null(s->response_name);
		(*nonempty)++;
	}
	/* every chunk size for small files; for big ones 1..1024 and a spread.
	 * Under valgrind (CIMTUI_TEST_QUICK) a spread is enough: that run looks
	 * for memory errors, the sanitizer run checks every size. */
	int quick = getenv("CIMTUI_TEST_QUICK") != NULL;
	size_t sizes_done = 0;
	for (size_t c = 1; c <= len; c++) {
		if (quick && c > 64 && (c % 251) != 0 && c != len - 1)
			continue;
		if (len > 4096 && c > 1024 && (c % 97) != 0 && c != len - 1)
			continue;
		struct run part;
		run_parse(&part, xml, len, c, NULL, "root/test");
		char *d = run_dump(&part);
		if (strcmp(d, ref) != 0)
			fail_msg("%s: chunk size %zu differs:\n--- whole\n%s\n--- chunked\n%s", path, c, ref, d);
		free(d);
		run_free(&part);
		sizes_done++;
	}
	assert_true(len == 0 || quick || sizes_done >= (len < 1024 ? len : 1024));
	free(ref);
	run_free(&whole);
	free(xml);
}

static void
test_all_captures(void **state)
{
	(void)state;
	static const char *const dirs[] = { "sfcb-1.3", "sfcb-1.4", "openpegasus" };
	int nonempty = 0, empty = 0;
	for (size_t d = 0; d < 3; d++) {
		char dir[1024];
		snprintf(dir, sizeof(dir), "%s/cimxml/%s", CAPTURES_DIR, dirs[d]);
		DIR *dh = opendir(dir);
		if (!dh)
			fail_msg("captures directory %s is missing (expected ../shared/captures "
				"next to the repository)", dir);
		struct dirent *de;
		while ((de = readdir(dh)) != NULL) {
			size_t n = strlen(de->d_name);
			const char *suf = ".response.xml";
			if (n < strlen(suf) || strcmp(de->d_name + n - strlen(suf), suf) != 0)
				continue;
			char path[2048];
			snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
			check_capture_file(path, &nonempty, &empty);
		}
		closedir(dh);
	}
	assert_true(nonempty >= 60);
	assert_true(empty >= 5);
}

/* ---- specific captures -------------------------------------------------------------------- */

static void
check_w00003(const MI_Instance *w, int sfcb)
{
	assert_string_equal(w->class_name, "TEST_Widget");
	const struct mix_element *e = el(w, "InstanceID");
	assert_int_equal(e->type, MI_STRING);
	assert_string_equal(e->value.string, "W00003");
	e = el(w, "Index");
	assert_int_equal(e->type, MI_UINT32);
	assert_int_equal(e->value.uint32, 3);
	e = el(w, "Offset");
	assert_int_equal(e->type, MI_SINT64);
	assert_int_equal(e->value.sint64, -4997000);
	e = el(w, "Label");
	assert_string_equal(e->value.string, "Widget number 3 <&> \"q\"");
	e = el(w, "Enabled");
	assert_int_equal(e->type, MI_BOOLEAN);
	assert_int_equal(e->value.boolean, 1);
	e = el(w, "Weight");
	assert_int_equal(e->type, MI_REAL64);
	assert_true(fabs(e->value.real64 - 58.229) < 1e-9);
	e = el(w, "Created");
	assert_int_equal(e->type, MI_DATETIME);
	assert_int_equal(e->value.datetime.isTimestamp, 1);
	assert_int_equal(e->value.datetime.u.timestamp.year, 2026);
	assert_int_equal(e->value.datetime.u.timestamp.second, 3);
	assert_int_equal(e->value.datetime.u.timestamp.utc, 0);
	e = el(w, "Codes");
	assert_int_equal(e->type, MI_UINT16A);
	assert_int_equal(e->value.uint16a.size, 3);
	assert_int_equal(e->value.uint16a.data[0], 3);
	assert_int_equal(e->value.uint16a.data[2], 3);
	e = el(w, "Tags");
	assert_int_equal(e->type, MI_STRINGA);
	assert_int_equal(e->value.stringa.size, 2);
	assert_string_equal(e->value.stringa.data[0], "alpha");
	assert_string_equal(e->value.stringa.data[1], "t3");
	e = el(w, "Health");
	assert_int_equal(e->type, MI_UINT16);
	assert_int_equal(e->value.uint16, 3);
	if (!sfcb) { /* Pegasus sends the NULL Caption */
		e = el(w, "Caption");
		assert_true(e->flags & MI_FLAG_NULL);
		assert_int_equal(e->type, MI_STRING);
	}
}

static void
test_getinstance_w00003(void **state)
{
	(void)state;
	struct run r;
	parse_capture(&r, "sfcb-1.3/08_GetInstance_TEST_Widget_W00003.response.xml", "root/test");
	assert_int_equal(r.g.ninst, 1);
	check_w00003(r.g.inst[0], 1);
	assert_int_equal(r.g.inst[0]->count, 12);
	assert_string_equal(r.g.inst[0]->name_space, "root/test"); /* default_ns */
	assert_null(r.g.inst[0]->server_name);
	/* bare INSTANCE: no path, so no key flags */
	assert_false(el(r.g.inst[0], "InstanceID")->flags & MI_FLAG_KEY);
	assert_string_equal(st(&r)->response_name, "GetInstance");
	assert_int_equal(st(&r)->has_error, 0);
	assert_int_equal(st(&r)->end_of_sequence, -1);
	assert_null(st(&r)->enumeration_context);
	assert_null(st(&r)->method_output);
	run_free(&r);

	/* OpenPegasus pull page with W00003 in it: keys from the INSTANCEPATH */
	parse_capture(&r, "openpegasus/peg_p01_OpenEnumerateInstances_TEST_Widget_max5.response.xml", NULL);
	assert_int_equal(r.g.ninst, 5);
	const MI_Instance *w = r.g.inst[3];
	check_w00003(w, 0);
	assert_true(el(w, "InstanceID")->flags & MI_FLAG_KEY);
	assert_false(el(w, "Index")->flags & MI_FLAG_KEY);
	assert_string_equal(w->name_space, "root/cimv2");
	assert_string_equal(w->server_name, "vm");
	assert_int_equal(st(&r)->end_of_sequence, 0);
	assert_string_equal(st(&r)->enumeration_context, "500001");
	assert_int_equal(st(&r)->objects, 5);
	run_free(&r);
}

static void
test_pegasus_pull_end(void **state)
{
	(void)state;
	struct run r;
	parse_capture(&r, "openpegasus/peg_p04_PullInstancesWithPath_max5.response.xml", NULL);
	assert_int_equal(st(&r)->end_of_sequence, 1);
	assert_non_null(st(&r)->enumeration_context);
	assert_string_equal(st(&r)->enumeration_context, "");
	assert_string_equal(st(&r)->response_name, "PullInstancesWithPath");
	assert_int_equal(r.g.ninst, 5);
	run_free(&r);

	/* CloseEnumeration: empty IMETHODRESPONSE */
	parse_capture(&r, "openpegasus/peg_p08_CloseEnumeration.response.xml", NULL);
	assert_int_equal(st(&r)->well_formed, 1);
	assert_int_equal(st(&r)->has_error, 0);
	assert_int_equal(r.g.ninst + r.g.ncls, 0);
	assert_int_equal(st(&r)->end_of_sequence, -1);
	run_free(&r);

	/* Pegasus error after close */
	parse_capture(&r, "openpegasus/peg_p09_error_PullInstancesWithPath_after_close.response.xml", NULL);
	assert_int_equal(st(&r)->has_error, 1);
	assert_int_equal(st(&r)->code, MI_RESULT_INVALID_ENUMERATION_CONTEXT);
	assert_string_equal(st(&r)->description, "CIM_ERR_INVALID_ENUMERATION_CONTEXT: Context undefined.");
	run_free(&r);
}

static void
test_sfcb14_open_without_context(void **state)
{
	(void)state;
	struct run r;
	parse_capture(&r, "sfcb-1.4/s14_p01_OpenEnumerateInstances_TEST_Widget_max5.response.xml", "root/test");
	assert_int_equal(st(&r)->well_formed, 1);
	assert_int_equal(st(&r)->end_of_sequence, -1);
	assert_null(st(&r)->enumeration_context);
	assert_int_equal(r.g.ninst, 20); /* MaxObjectCount ignored: everything */
	assert_true(el(r.g.inst[0], "InstanceID")->flags & MI_FLAG_KEY);
	assert_string_equal(r.g.inst[0]->name_space, "root/test");
	run_free(&r);

	/* SFCB 1.4 lower-cases key names in paths: keys-only instances */
	parse_capture(&r, "sfcb-1.4/s14_p07_OpenEnumerateInstancePaths_TEST_Widget_max3.response.xml",
		"root/test");
	assert_int_equal(r.g.ninst, 20);
	const MI_Instance *k = r.g.inst[4];
	assert_string_equal(k->class_name, "TEST_Widget");
	assert_int_equal(k->count, 1);
	assert_string_equal(k->elems[0].name, "instanceid");
	assert_int_equal(k->elems[0].flags, MI_FLAG_KEY);
	assert_int_equal(k->elems[0].type, MI_STRING);
	assert_string_equal(k->elems[0].value.string, "W00004");
	assert_non_null(mix_instance_find(k, "InstanceID"));
	run_free(&r);

	/* and the path of a full instance with a lower-cased key still flags it */
	parse_str(&r, "<CIM><MESSAGE><SIMPLERSP><IMETHODRESPONSE NAME=\"X\"><IRETURNVALUE>"
		"<VALUE.NAMEDINSTANCE><INSTANCENAME CLASSNAME=\"C\"><KEYBINDING NAME=\"instanceid\">"
		"<KEYVALUE VALUETYPE=\"string\">a</KEYVALUE></KEYBINDING></INSTANCENAME>"
		"<INSTANCE CLASSNAME=\"C\"><PROPERTY NAME=\"InstanceID\" TYPE=\"string\"><VALUE>a</VALUE>"
		"</PROPERTY><PROPERTY NAME=\"Other\" TYPE=\"string\"/></INSTANCE></VALUE.NAMEDINSTANCE>"
		"</IRETURNVALUE></IMETHODRESPONSE></SIMPLERSP></MESSAGE></CIM>");
	assert_int_equal(r.g.ninst, 1);
	assert_int_equal(el(r.g.inst[0], "InstanceID")->flags, MI_FLAG_KEY);
	assert_int_equal(el(r.g.inst[0], "Other")->flags, MI_FLAG_NULL);
	run_free(&r);
}

static void
test_enumerate_instance_names(void **state)
{
	(void)state;
	struct run r;
	parse_capture(&r, "sfcb-1.3/06_EnumerateInstanceNames_TEST_WidgetGroup.response.xml", "root/test");
	assert_int_equal(r.g.ninst, 2);
	assert_string_equal(r.g.inst[1]->class_name, "TEST_WidgetGroup");
	assert_string_equal(r.g.inst[1]->name_space, "root/test");
	const struct mix_element *e = el(r.g.inst[1], "InstanceID");
	assert_true(e->flags & MI_FLAG_KEY);
	assert_string_equal(e->value.string, "G01");
	run_free(&r);

	parse_capture(&r, "sfcb-1.3/01_EnumerateClassNames_root-test_deep.response.xml", "root/test");
	assert_int_equal(r.g.ncls, 11);
	assert_string_equal(r.g.cls[0]->name, "TEST_WidgetGroup");
	assert_null(r.g.cls[0]->super_name);
	assert_int_equal(r.g.cls[0]->nprops, 0);
	assert_string_equal(r.g.cls[0]->name_space, "root/test");
	run_free(&r);
}

static void
test_getclass_widget(void **state)
{
	(void)state;
	struct run r;
	parse_capture(&r, "sfcb-1.3/04_GetClass_TEST_Widget.response.xml", "root/test");
	assert_int_equal(r.g.ncls, 1);
	const MI_Class *c = r.g.cls[0];
	assert_string_equal(c->name, "TEST_Widget");
	assert_string_equal(c->super_name, "CIM_ManagedElement");
	assert_int_equal(c->nprops, 13);
	assert_int_equal(c->nmethods, 0);
	const struct mix_qualifier *q = qual(&c->quals, "Description");
	assert_int_equal(q->type, MI_STRING);
	assert_string_equal(q->value.string, "Test widget with a mix of property types");
	assert_int_equal(q->flags, MI_FLAG_TOSUBCLASS);
	const struct mix_property *p = prop(c, "InstanceID");
	assert_true(p->flags & MI_FLAG_KEY);
	assert_true(p->flags & MI_FLAG_NULL); /* no default */
	assert_int_equal(qual(&p->quals, "Key")->value.boolean, 1);
	assert_non_null(strstr(qual(&p->quals, "Description")->value.string, "\"preferred\" algorithm"));
	p = prop(c, "Index");
	assert_int_equal(p->type, MI_UINT32);
	assert_false(p->flags & MI_FLAG_KEY);
	assert_int_equal(prop(c, "Codes")->type, MI_UINT16A);
	assert_int_equal(prop(c, "Tags")->type, MI_STRINGA);
	assert_int_equal(prop(c, "Created")->type, MI_DATETIME);
	p = prop(c, "Health");
	q = qual(&p->quals, "Values");
	assert_int_equal(q->type, MI_STRINGA);
	assert_int_equal(q->value.stringa.size, 4);
	assert_string_equal(q->value.stringa.data[2], "Degraded");
	q = qual(&p->quals, "ValueMap");
	assert_string_equal(q->value.stringa.data[3], "3");
	assert_int_equal(qual(&prop(c, "Caption")->quals, "MaxLen")->value.uint32, 64);
	run_free(&r);

	/* association class: references */
	parse_capture(&r, "sfcb-1.3/05_GetClass_TEST_GroupMember_assoc.response.xml", "root/test");
	assert_int_equal(r.g.ncls, 1);
	c = r.g.cls[0];
	assert_null(c->super_name);
	assert_int_equal(qual(&c->quals, "Association")->value.boolean, 1);
	p = prop(c, "Group");
	assert_int_equal(p->type, MI_REFERENCE);
	assert_string_equal(p->ref_class, "TEST_WidgetGroup");
	assert_true(p->flags & MI_FLAG_KEY);
	assert_int_equal(qual(&p->quals, "Aggregate")->value.boolean, 1);
	p = prop(c, "Member");
	assert_string_equal(p->ref_class, "TEST_Widget");
	run_free(&r);
}

static void
test_references_and_paths(void **state)
{
	(void)state;
	struct run r;
	parse_capture(&r, "sfcb-1.3/11_References_Widget_W00004.response.xml", "root/test");
	assert_int_equal(r.g.ninst, 1);
	const MI_Instance *a = r.g.inst[0];
	assert_string_equal(a->class_name, "TEST_GroupMember");
	assert_string_equal(a->name_space, "root/test");
	assert_string_equal(a->server_name, "vm");
	const struct mix_element *e = el(a, "Group");
	assert_int_equal(e->type, MI_REFERENCE);
	assert_true(e->flags & MI_FLAG_KEY);
	assert_string_equal(e->value.reference->class_name, "TEST_WidgetGroup");
	const struct mix_element *k = el(e->value.reference, "InstanceID");
	assert_int_equal(k->flags, MI_FLAG_KEY);
	assert_string_equal(k->value.string, "G00");
	e = el(a, "Member");
	assert_true(e->flags & MI_FLAG_KEY);
	assert_string_equal(el(e->value.reference, "InstanceID")->value.string, "W00004");
	run_free(&r);

	/* AssociatorNames: OBJECTPATH/INSTANCEPATH */
	parse_capture(&r, "sfcb-1.3/10_AssociatorNames_Widget_W00004.response.xml", "root/other");
	assert_int_equal(r.g.ninst, 1);
	assert_string_equal(r.g.inst[0]->name_space, "root/test");
	assert_string_equal(r.g.inst[0]->server_name, "vm");
	assert_string_equal(el(r.g.inst[0], "InstanceID")->value.string, "G00");
	run_free(&r);

	/* ReferenceNames: keys that are references */
	parse_capture(&r, "sfcb-1.3/12_ReferenceNames_Group_G00.response.xml", "root/test");
	assert_true(r.g.ninst >= 1);
	e = el(r.g.inst[0], "Member");
	assert_int_equal(e->type, MI_REFERENCE);
	assert_int_equal(e->flags, MI_FLAG_KEY);
	assert_string_equal(e->value.reference->class_name, "TEST_Widget");
	run_free(&r);

	/* local paths, class paths, LOCALNAMESPACEPATH joined with '/' */
	parse_str(&r, "<CIM><MESSAGE><SIMPLERSP><IMETHODRESPONSE NAME=\"X\"><IRETURNVALUE>"
		"<VALUE.OBJECTWITHLOCALPATH><LOCALINSTANCEPATH><LOCALNAMESPACEPATH>"
		"<NAMESPACE NAME=\"a\"/><NAMESPACE NAME=\"b\"/><NAMESPACE NAME=\"c\"/></LOCALNAMESPACEPATH>"
		"<INSTANCENAME CLASSNAME=\"K\"/></LOCALINSTANCEPATH><INSTANCE CLASSNAME=\"K\"/>"
		"</VALUE.OBJECTWITHLOCALPATH>"
		"<VALUE.OBJECTWITHPATH><CLASSPATH><NAMESPACEPATH><HOST> h1 </HOST><LOCALNAMESPACEPATH>"
		"<NAMESPACE NAME=\"root\"/><NAMESPACE NAME=\"x\"/></LOCALNAMESPACEPATH></NAMESPACEPATH>"
		"<CLASSNAME NAME=\"K\"/></CLASSPATH><CLASS NAME=\"K\" SUPERCLASS=\"B\"/></VALUE.OBJECTWITHPATH>"
		"<OBJECTPATH><CLASSPATH><NAMESPACEPATH><HOST>h2</HOST><LOCALNAMESPACEPATH>"
		"<NAMESPACE NAME=\"y\"/></LOCALNAMESPACEPATH></NAMESPACEPATH><CLASSNAME NAME=\"L\"/>"
		"</CLASSPATH></OBJECTPATH>"
		"<INSTANCENAME CLASSNAME=\"Single\"><KEYVALUE VALUETYPE=\"numeric\">7</KEYVALUE></INSTANCENAME>"
		"<INSTANCENAME CLASSNAME=\"RefKey\"><VALUE.REFERENCE><INSTANCENAME CLASSNAME=\"T\"/>"
		"</VALUE.REFERENCE></INSTANCENAME>"
		"<VALUE.OBJECT><INSTANCE CLASSNAME=\"O\"><PROPERTY NAME=\"p\" TYPE=\"uint8\"><VALUE>1</VALUE>"
		"</PROPERTY></INSTANCE></VALUE.OBJECT>"
		"</IRETURNVALUE></IMETHODRESPONSE></SIMPLERSP></MESSAGE></CIM>");
	assert_int_equal(st(&r)->well_formed, 1);
	assert_int_equal(r.g.ninst, 4);
	assert_int_equal(r.g.ncls, 2);
	assert_string_equal(r.g.inst[0]->name_space, "a/b/c");
	assert_int_equal(r.g.inst[0]->count, 0); /* keyless path: tolerated */
	assert_string_equal(r.g.cls[0]->name_space, "root/x");
	assert_string_equal(r.g.cls[0]->server_name, "h1");
	assert_string_equal(r.g.cls[0]->super_name, "B");
	assert_string_equal(r.g.cls[1]->name, "L");
	assert_string_equal(r.g.cls[1]->name_space, "y");
	assert_string_equal(r.g.cls[1]->server_name, "h2");
	e = &r.g.inst[1]->elems[0];
	assert_string_equal(e->name, "");
	assert_int_equal(e->type, MI_UINT64);
	assert_int_equal(e->value.uint64, 7);
	e = &r.g.inst[2]->elems[0];
	assert_int_equal(e->type, MI_REFERENCE);
	assert_string_equal(e->value.reference->class_name, "T");
	assert_string_equal(r.g.inst[3]->name_space, "root/default");
	assert_int_equal(el(r.g.inst[3], "p")->value.uint8, 1);
	assert_int_equal(st(&r)->objects, 6);
	run_free(&r);
}

static void
test_keyvalue_types(void **state)
{
	(void)state;
	struct run r;
	parse_str(&r, "<CIM><MESSAGE><SIMPLERSP><IMETHODRESPONSE NAME=\"X\"><IRETURNVALUE>"
		"<INSTANCENAME CLASSNAME=\"K\">"
		"<KEYBINDING NAME=\"s\"><KEYVALUE> spaced </KEYVALUE></KEYBINDING>"
		"<KEYBINDING NAME=\"u\"><KEYVALUE VALUETYPE=\"numeric\"> 42 </KEYVALUE></KEYBINDING>"
		"<KEYBINDING NAME=\"n\"><KEYVALUE VALUETYPE=\"numeric\">-5</KEYVALUE></KEYBINDING>"
		"<KEYBINDING NAME=\"r\"><KEYVALUE VALUETYPE=\"numeric\">1.5e3</KEYVALUE></KEYBINDING>"
		"<KEYBINDING NAME=\"h\"><KEYVALUE VALUETYPE=\"numeric\">0x1E</KEYVALUE></KEYBINDING>"
		"<KEYBINDING NAME=\"b\"><KEYVALUE VALUETYPE=\"boolean\">true</KEYVALUE></KEYBINDING>"
		"<KEYBINDING NAME=\"t\"><KEYVALUE VALUETYPE=\"numeric\" TYPE=\"uint16\">9</KEYVALUE></KEYBINDING>"
		"<KEYBINDING NAME=\"e\"><KEYVALUE VALUETYPE=\"string\" TYPE=\"\">x</KEYVALUE></KEYBINDING>"
		"<KEYBINDING NAME=\"d\"><KEYVALUE TYPE=\"datetime\">20240131235959.123456-300</KEYVALUE></KEYBINDING>"
		"<KEYBINDING NAME=\"bad\"><KEYVALUE VALUETYPE=\"numeric\">12abc</KEYVALUE></KEYBINDING>"
		"</INSTANCENAME></IRETURNVALUE></IMETHODRESPONSE></SIMPLERSP></MESSAGE></CIM>");
	assert_int_equal(st(&r)->well_formed, 1);
	assert_int_equal(r.g.ninst, 1);
	const MI_Instance *k = r.g.inst[0];
	assert_int_equal(k->count, 10);
	assert_string_equal(el(k, "s")->value.string, " spaced ");
	assert_int_equal(el(k, "u")->type, MI_UINT64);
	assert_int_equal(el(k, "u")->value.uint64, 42);
	assert_int_equal(el(k, "n")->type, MI_SINT64);
	assert_int_equal(el(k, "n")->value.sint64, -5);
	assert_int_equal(el(k, "r")->type, MI_REAL64);
	assert_true(el(k, "r")->value.real64 == 1500.0);
	assert_int_equal(el(k, "h")->type, MI_UINT64);
	assert_int_equal(el(k, "h")->value.uint64, 30);
	assert_int_equal(el(k, "b")->type, MI_BOOLEAN);
	assert_int_equal(el(k, "b")->value.boolean, 1);
	assert_int_equal(el(k, "t")->type, MI_UINT16);
	assert_int_equal(el(k, "t")->value.uint16, 9);
	assert_int_equal(el(k, "e")->type, MI_STRING);
	assert_int_equal(el(k, "d")->type, MI_DATETIME);
	assert_int_equal(el(k, "d")->value.datetime.u.timestamp.utc, -300);
	assert_int_equal(el(k, "bad")->type, MI_STRING);
	assert_string_equal(el(k, "bad")->value.string, "12abc");
	for (MI_Uint32 i = 0; i < k->count; i++)
		assert_int_equal(k->elems[i].flags, MI_FLAG_KEY);
	run_free(&r);
}

static const char *const values_doc =
	"<?xml version=\"1.0\" encoding=\"utf-8\" ?>\n"
	"<CIM CIMVERSION=\"2.0\" DTDVERSION=\"2.0\"><MESSAGE ID=\"1\" PROTOCOLVERSION=\"1.0\">"
	"<SIMPLERSP><IMETHODRESPONSE NAME=\"GetInstance\"><IRETURNVALUE>"
	"<INSTANCE CLASSNAME=\"V\">"
	"<QUALIFIER NAME=\"Ignored\" TYPE=\"boolean\"><VALUE>TRUE</VALUE></QUALIFIER>"
	"<PROPERTY NAME=\"hex\" TYPE=\"uint32\"><VALUE> 0x1F \n</VALUE></PROPERTY>"
	"<PROPERTY NAME=\"neg\" TYPE=\"sint8\"><VALUE>-128</VALUE></PROPERTY>"
	"<PROPERTY NAME=\"u64\" TYPE=\"uint64\"><VALUE>18446744073709551615</VALUE></PROPERTY>"
	"<PROPERTY NAME=\"inf\" TYPE=\"real64\"><VALUE>INF</VALUE></PROPERTY>"
	"<PROPERTY NAME=\"ninf\" TYPE=\"real64\"><VALUE>-INF</VALUE></PROPERTY>"
	"<PROPERTY NAME=\"nan\" TYPE=\"real32\"><VALUE>NaN</VALUE></PROPERTY>"
	"<PROPERTY NAME=\"r\" TYPE=\"real64\"><VALUE>5.8228999999999999e+01</VALUE></PROPERTY>"
	"<PROPERTY NAME=\"bt\" TYPE=\"boolean\"><VALUE>tRuE</VALUE></PROPERTY>"
	"<PROPERTY NAME=\"bf\" TYPE=\"boolean\"><VALUE>false</VALUE></PROPERTY>"
	"<PROPERTY NAME=\"bempty\" TYPE=\"boolean\"><VALUE></VALUE></PROPERTY>"
	"<PROPERTY NAME=\"c16\" TYPE=\"char16\"><VALUE>\xc3\xa9</VALUE></PROPERTY>"
	"<PROPERTY NAME=\"ivl\" TYPE=\"datetime\"><VALUE>00000001020304.000005:000</VALUE></PROPERTY>"
	"<PROPERTY NAME=\"wild\" TYPE=\"datetime\"><VALUE>2024013123****.******+000</VALUE></PROPERTY>"
	"<PROPERTY NAME=\"nul\" TYPE=\"uint32\"></PROPERTY>"
	"<PROPERTY NAME=\"bad\" TYPE=\"uint32\"><VALUE>twelve</VALUE></PROPERTY>"
	"<PROPERTY NAME=\"empty\" TYPE=\"string\"><VALUE></VALUE></PROPERTY>"
	"<PROPERTY NAME=\"cdata\" TYPE=\"string\"><VALUE>a<![CDATA[<b>&]]>c&#x41;</VALUE></PROPERTY>"
	"<PROPERTY.ARRAY NAME=\"arr\" TYPE=\"sint32\" ARRAYSIZE=\"4\"><VALUE.ARRAY><VALUE>1</VALUE>"
	"<VALUE.NULL/><VALUE>-3</VALUE><VALUE> 0x10 </VALUE></VALUE.ARRAY></PROPERTY.ARRAY>"
	"<PROPERTY.ARRAY NAME=\"sarr\" TYPE=\"string\"><VALUE.ARRAY><VALUE>x</VALUE><VALUE.NULL/>"
	"</VALUE.ARRAY></PROPERTY.ARRAY>"
	"<PROPERTY.ARRAY NAME=\"earr\" TYPE=\"uint8\"><VALUE.ARRAY></VALUE.ARRAY></PROPERTY.ARRAY>"
	"<PROPERTY.ARRAY NAME=\"narr\" TYPE=\"uint8\"></PROPERTY.ARRAY>"
	"<PROPERTY.ARRAY NAME=\"barr\" TYPE=\"uint8\"><VALUE.ARRAY><VALUE>1</VALUE><VALUE>300</VALUE>"
	"</VALUE.ARRAY></PROPERTY.ARRAY>"
	"<PROPERTY.ARRAY NAME=\"darr\" TYPE=\"datetime\"><VALUE.ARRAY>"
	"<VALUE>20260101000003.000000+000</VALUE></VALUE.ARRAY></PROPERTY.ARRAY>"
	"<PROPERTY NAME=\"amp\" TYPE=\"string\" CLASSORIGIN=\"a&amp;b\"><VALUE>&lt;&amp;&gt;</VALUE></PROPERTY>"
	"<UNKNOWN.ELEMENT><PROPERTY NAME=\"hidden\" TYPE=\"string\"/></UNKNOWN.ELEMENT>"
	"</INSTANCE></IRETURNVALUE></IMETHODRESPONSE></SIMPLERSP></MESSAGE></CIM>";

static void
test_values(void **state)
{
	(void)state;
	struct run r;
	parse_str(&r, values_doc);
	assert_int_equal(st(&r)->well_formed, 1);
	assert_int_equal(r.g.ninst, 1);
	const MI_Instance *v = r.g.inst[0];
	assert_null(mix_instance_find(v, "hidden"));
	assert_null(mix_instance_find(v, "Ignored"));
	assert_int_equal(el(v, "hex")->value.uint32, 31);
	assert_int_equal(el(v, "neg")->value.sint8, -128);
	assert_true(el(v, "u64")->value.uint64 == UINT64_MAX);
	assert_true(isinf(el(v, "inf")->value.real64) && el(v, "inf")->value.real64 > 0);
	assert_true(isinf(el(v, "ninf")->value.real64) && el(v, "ninf")->value.real64 < 0);
	assert_int_equal(el(v, "nan")->type, MI_REAL32);
	assert_true(isnan(el(v, "nan")->value.real32));
	assert_true(el(v, "r")->value.real64 == 58.229);
	assert_int_equal(el(v, "bt")->value.boolean, 1);
	assert_int_equal(el(v, "bf")->value.boolean, 0);
	assert_int_equal(el(v, "bf")->flags, 0);
	assert_int_equal(el(v, "bempty")->flags, MI_FLAG_NULL);
	assert_int_equal(el(v, "bempty")->type, MI_BOOLEAN);
	assert_int_equal(el(v, "c16")->value.char16, 0xe9);
	const MI_Datetime *dt = &el(v, "ivl")->value.datetime;
	assert_int_equal(dt->isTimestamp, 0);
	assert_int_equal(dt->u.interval.days, 1);
	assert_int_equal(dt->u.interval.hours, 2);
	assert_int_equal(dt->u.interval.seconds, 4);
	assert_int_equal(dt->u.interval.microseconds, 5);
	dt = &el(v, "wild")->value.datetime;
	assert_int_equal(el(v, "wild")->type, MI_DATETIME);
	assert_int_equal(dt->u.timestamp.hour, 23);
	assert_int_equal(dt->u.timestamp.minute, 0);
	assert_int_equal(el(v, "nul")->flags, MI_FLAG_NULL);
	assert_int_equal(el(v, "nul")->type, MI_UINT32);
	/* not a uint32: kept as the text rather than lost */
	assert_int_equal(el(v, "bad")->type, MI_STRING);
	assert_string_equal(el(v, "bad")->value.string, "twelve");
	assert_string_equal(el(v, "empty")->value.string, "");
	assert_int_equal(el(v, "empty")->flags, 0);
	assert_string_equal(el(v, "cdata")->value.string, "a<b>&cA");
	const struct mix_element *e = el(v, "arr");
	assert_int_equal(e->type, MI_SINT32A);
	assert_int_equal(e->value.sint32a.size, 4);
	assert_int_equal(e->value.sint32a.data[0], 1);
	assert_int_equal(e->value.sint32a.data[1], 0); /* VALUE.NULL in a number array */
	assert_int_equal(e->value.sint32a.data[2], -3);
	assert_int_equal(e->value.sint32a.data[3], 16);
	e = el(v, "sarr");
	assert_int_equal(e->value.stringa.size, 2);
	assert_null(e->value.stringa.data[1]);
	e = el(v, "earr");
	assert_int_equal(e->type, MI_UINT8A);
	assert_int_equal(e->flags, 0);
	assert_int_equal(e->value.uint8a.size, 0);
	assert_int_equal(el(v, "narr")->flags, MI_FLAG_NULL);
	assert_int_equal(el(v, "narr")->type, MI_UINT8A);
	e = el(v, "barr"); /* 300 is no uint8: the array is kept as strings */
	assert_int_equal(e->type, MI_STRINGA);
	assert_string_equal(e->value.stringa.data[1], "300");
	e = el(v, "darr");
	assert_int_equal(e->type, MI_DATETIMEA);
	assert_int_equal(e->value.datetimea.data[0].u.timestamp.second, 3);
	assert_string_equal(el(v, "amp")->value.string, "<&>");
	run_free(&r);
}

static const char *const class_doc =
	"<CIM><MESSAGE><SIMPLERSP><IMETHODRESPONSE NAME=\"GetClass\"><IRETURNVALUE>"
	"<CLASS NAME=\"ACME_Disk\" SUPERCLASS=\"CIM_LogicalDevice\">"
	"<QUALIFIER NAME=\"Description\" TYPE=\"string\" TRANSLATABLE=\"true\"><VALUE>d&amp;d</VALUE></QUALIFIER>"
	"<QUALIFIER NAME=\"Abstract\" TYPE=\"boolean\" OVERRIDABLE=\"false\" TOSUBCLASS=\"false\"><VALUE>TRUE</VALUE></QUALIFIER>"
	"<QUALIFIER NAME=\"Nullq\" TYPE=\"string\"/>"
	"<PROPERTY NAME=\"Name\" TYPE=\"string\" CLASSORIGIN=\"CIM_LogicalDevice\" PROPAGATED=\"true\">"
	"<QUALIFIER NAME=\"Key\" TYPE=\"boolean\"><VALUE>TRUE</VALUE></QUALIFIER></PROPERTY>"
	"<PROPERTY NAME=\"Size\" TYPE=\"uint64\"><VALUE>1024</VALUE></PROPERTY>"
	"<PROPERTY NAME=\"Detail\" TYPE=\"string\" EmbeddedObject=\"instance\">"
	"<QUALIFIER NAME=\"EmbeddedInstance\" TYPE=\"string\"><VALUE>ACME_Detail</VALUE></QUALIFIER></PROPERTY>"
	"<PROPERTY.ARRAY NAME=\"Objs\" TYPE=\"string\" EMBEDDEDOBJECT=\"object\"></PROPERTY.ARRAY>"
	"<PROPERTY.REFERENCE NAME=\"Owner\" REFERENCECLASS=\"CIM_System\"></PROPERTY.REFERENCE>"
	"<METHOD NAME=\"Format\" TYPE=\"uint32\" CLASSORIGIN=\"ACME_Disk\">"
	"<QUALIFIER NAME=\"ValueMap\" TYPE=\"string\"><VALUE.ARRAY><VALUE>0</VALUE><VALUE>1</VALUE></VALUE.ARRAY></QUALIFIER>"
	"<PARAMETER NAME=\"Quick\" TYPE=\"boolean\"/>"
	"<PARAMETER NAME=\"Label\" TYPE=\"string\"><QUALIFIER NAME=\"In\" TYPE=\"boolean\"><VALUE>true</VALUE></QUALIFIER>"
	"<QUALIFIER NAME=\"Out\" TYPE=\"boolean\"><VALUE>true</VALUE></QUALIFIER></PARAMETER>"
	"<PARAMETER.REFERENCE NAME=\"Job\" REFERENCECLASS=\"CIM_ConcreteJob\"><QUALIFIER NAME=\"In\" TYPE=\"boolean\">"
	"<VALUE>false</VALUE></QUALIFIER><QUALIFIER NAME=\"Out\" TYPE=\"boolean\"><VALUE>TRUE</VALUE></QUALIFIER>"
	"</PARAMETER.REFERENCE>"
	"<PARAMETER.ARRAY NAME=\"Codes\" TYPE=\"uint16\" ARRAYSIZE=\"2\"/>"
	"<PARAMETER.REFARRAY NAME=\"Peers\" REFERENCECLASS=\"ACME_Disk\"/>"
	"</METHOD>"
	"<METHOD NAME=\"Reset\"/>"
	"</CLASS></IRETURNVALUE></IMETHODRESPONSE></SIMPLERSP></MESSAGE></CIM>";

static void
test_class_methods(void **state)
{
	(void)state;
	struct run r;
	parse_str(&r, class_doc);
	assert_int_equal(st(&r)->well_formed, 1);
	assert_int_equal(r.g.ncls, 1);
	const MI_Class *c = r.g.cls[0];
	assert_string_equal(c->name_space, "root/default");
	const struct mix_qualifier *q = qual(&c->quals, "Description");
	assert_string_equal(q->value.string, "d&d");
	assert_int_equal(q->flags, MI_FLAG_TOSUBCLASS | MI_FLAG_TRANSLATABLE);
	q = qual(&c->quals, "Abstract");
	assert_int_equal(q->flags, MI_FLAG_DISABLEOVERRIDE);
	q = qual(&c->quals, "Nullq");
	assert_true(q->flags & MI_FLAG_NULL);
	const struct mix_property *p = prop(c, "Name");
	assert_true(p->flags & MI_FLAG_KEY);
	assert_string_equal(p->class_origin, "CIM_LogicalDevice");
	assert_int_equal(p->propagated, 1);
	p = prop(c, "Size");
	assert_int_equal(p->flags, 0);
	assert_int_equal(p->value.uint64, 1024);
	p = prop(c, "Detail");
	assert_int_equal(p->type, MI_INSTANCE);
	assert_string_equal(p->ref_class, "ACME_Detail");
	p = prop(c, "Objs");
	assert_int_equal(p->type, MI_INSTANCEA);
	p = prop(c, "Owner");
	assert_int_equal(p->type, MI_REFERENCE);
	assert_string_equal(p->ref_class, "CIM_System");
	assert_int_equal(c->nmethods, 2);
	const struct mix_method *m = &c->methods[0];
	assert_string_equal(m->name, "Format");
	assert_int_equal(m->return_type, MI_UINT32);
	assert_string_equal(m->class_origin, "ACME_Disk");
	assert_int_equal(qual(&m->quals, "ValueMap")->value.stringa.size, 2);
	assert_int_equal(m->nparams, 5);
	assert_string_equal(m->params[0].name, "Quick");
	assert_int_equal(m->params[0].type, MI_BOOLEAN);
	assert_int_equal(m->params[0].flags, MI_FLAG_IN);
	assert_int_equal(m->params[1].flags, MI_FLAG_IN | MI_FLAG_OUT);
	assert_int_equal(m->params[2].type, MI_REFERENCE);
	assert_int_equal(m->params[2].flags, MI_FLAG_OUT);
	assert_string_equal(m->params[2].ref_class, "CIM_ConcreteJob");
	assert_int_equal(m->params[3].type, MI_UINT16A);
	assert_int_equal(m->params[4].type, MI_REFERENCEA);
	assert_string_equal(m->params[4].ref_class, "ACME_Disk");
	assert_string_equal(c->methods[1].name, "Reset");
	assert_int_equal(c->methods[1].nparams, 0);
	run_free(&r);
}

static const char *const method_doc =
	"<CIM><MESSAGE><SIMPLERSP><METHODRESPONSE NAME=\"RequestStateChange\">"
	"<RETURNVALUE PARAMTYPE=\"uint32\"><VALUE>4096</VALUE></RETURNVALUE>"
	"<PARAMVALUE NAME=\"Job\" PARAMTYPE=\"reference\"><VALUE.REFERENCE><INSTANCEPATH><NAMESPACEPATH>"
	"<HOST>srv</HOST><LOCALNAMESPACEPATH><NAMESPACE NAME=\"root\"/><NAMESPACE NAME=\"cimv2\"/>"
	"</LOCALNAMESPACEPATH></NAMESPACEPATH><INSTANCENAME CLASSNAME=\"CIM_ConcreteJob\">"
	"<KEYBINDING NAME=\"InstanceID\"><KEYVALUE VALUETYPE=\"string\">J1</KEYVALUE></KEYBINDING>"
	"</INSTANCENAME></INSTANCEPATH></VALUE.REFERENCE></PARAMVALUE>"
	"<PARAMVALUE NAME=\"Codes\" PARAMTYPE=\"uint16\"><VALUE.ARRAY><VALUE>1</VALUE><VALUE>2</VALUE>"
	"</VALUE.ARRAY></PARAMVALUE>"
	"<PARAMVALUE NAME=\"Untyped\"><VALUE>17</VALUE></PARAMVALUE>"
	"<PARAMVALUE NAME=\"Nothing\" PARAMTYPE=\"string\"/>"
	"<PARAMVALUE NAME=\"Err\" PARAMTYPE=\"string\" EmbeddedObject=\"instance\"><VALUE>"
	"&lt;INSTANCE CLASSNAME=&quot;CIM_Error&quot;&gt;&lt;PROPERTY NAME=&quot;Message&quot; TYPE=&quot;string&quot;&gt;"
	"&lt;VALUE&gt;it &amp;amp; broke&lt;/VALUE&gt;&lt;/PROPERTY&gt;&lt;/INSTANCE&gt;</VALUE></PARAMVALUE>"
	"<PARAMVALUE NAME=\"Refs\" PARAMTYPE=\"reference\"><VALUE.REFARRAY><VALUE.REFERENCE>"
	"<INSTANCENAME CLASSNAME=\"A\"/></VALUE.REFERENCE><VALUE.NULL/><VALUE.REFERENCE><CLASSNAME NAME=\"B\"/>"
	"</VALUE.REFERENCE></VALUE.REFARRAY></PARAMVALUE>"
	"<PARAMVALUE NAME=\"Inst\"><INSTANCE CLASSNAME=\"X\"/></PARAMVALUE>"
	"</METHODRESPONSE></SIMPLERSP></MESSAGE></CIM>";

static void
test_method_response(void **state)
{
	(void)state;
	struct run r;
	parse_str(&r, method_doc);
	assert_int_equal(st(&r)->well_formed, 1);
	assert_string_equal(st(&r)->response_name, "RequestStateChange");
	assert_int_equal(r.g.ninst + r.g.ncls, 0);
	const MI_Instance *o = st(&r)->method_output;
	assert_non_null(o);
	assert_string_equal(o->class_name, "__PARAMETERS");
	assert_string_equal(o->elems[0].name, "ReturnValue");
	assert_int_equal(o->elems[0].type, MI_UINT32);
	assert_int_equal(o->elems[0].value.uint32, 4096);
	const struct mix_element *e = el(o, "Job");
	assert_int_equal(e->type, MI_REFERENCE);
	assert_string_equal(e->value.reference->name_space, "root/cimv2");
	assert_string_equal(e->value.reference->server_name, "srv");
	assert_string_equal(el(e->value.reference, "InstanceID")->value.string, "J1");
	e = el(o, "Codes");
	assert_int_equal(e->type, MI_UINT16A);
	assert_int_equal(e->value.uint16a.data[1], 2);
	e = el(o, "Untyped");
	assert_int_equal(e->type, MI_STRING);
	assert_string_equal(e->value.string, "17");
	assert_int_equal(el(o, "Nothing")->flags, MI_FLAG_NULL);
	e = el(o, "Err");
	assert_int_equal(e->type, MI_INSTANCE);
	assert_string_equal(e->value.instance->class_name, "CIM_Error");
	assert_string_equal(el(e->value.instance, "Message")->value.string, "it & broke");
	e = el(o, "Refs");
	assert_int_equal(e->type, MI_REFERENCEA);
	assert_int_equal(e->value.referencea.size, 3);
	assert_string_equal(e->value.referencea.data[0]->class_name, "A");
	assert_null(e->value.referencea.data[1]);
	assert_string_equal(e->value.referencea.data[2]->class_name, "B");
	e = el(o, "Inst");
	assert_int_equal(e->type, MI_INSTANCE);
	assert_string_equal(e->value.instance->class_name, "X");
	MI_Instance *taken = cimxml_parser_take_method_output(r.p);
	assert_ptr_equal(taken, o);
	assert_null(st(&r)->method_output);
	MI_Instance_Delete(taken);
	run_free(&r);

	/* an extrinsic error: no output instance */
	parse_str(&r, "<CIM><MESSAGE><SIMPLERSP><METHODRESPONSE NAME=\"M\"><ERROR CODE=\"17\"/>"
		"</METHODRESPONSE></SIMPLERSP></MESSAGE></CIM>");
	assert_int_equal(st(&r)->code, MI_RESULT_METHOD_NOT_FOUND);
	assert_null(st(&r)->description);
	assert_null(st(&r)->method_output);
	run_free(&r);

	/* a void-ish method: empty output */
	parse_str(&r, "<CIM><MESSAGE><SIMPLERSP><METHODRESPONSE NAME=\"M\"/></SIMPLERSP></MESSAGE></CIM>");
	assert_non_null(st(&r)->method_output);
	assert_int_equal(st(&r)->method_output->count, 0);
	run_free(&r);
}

static void
test_errors(void **state)
{
	(void)state;
	struct run r;
	parse_capture(&r, "openpegasus/peg_e02_error_GetClass_bad_class.response.xml", NULL);
	assert_int_equal(st(&r)->well_formed, 1);
	assert_int_equal(st(&r)->has_error, 1);
	assert_int_equal(st(&r)->code, MI_RESULT_NOT_FOUND);
	assert_string_equal(st(&r)->description, "CIM_ERR_NOT_FOUND: NoSuch_Class");
	assert_null(st(&r)->error_instance);
	run_free(&r);

	parse_capture(&r, "openpegasus/peg_e08_error_GetInstance_not_found.response.xml", NULL);
	assert_string_equal(st(&r)->description, "CIM_ERR_NOT_FOUND: TEST_Widget.InstanceID=\"W99999\"");
	run_free(&r);

	parse_capture(&r, "sfcb-1.3/33_error_EnumerateInstances_bad_class.response.xml", NULL);
	assert_int_equal(st(&r)->code, MI_RESULT_INVALID_CLASS);
	assert_string_equal(st(&r)->description, "Class not found");
	assert_string_equal(st(&r)->response_name, "EnumerateInstances");
	run_free(&r);

	parse_capture(&r, "sfcb-1.4/s14_p03_CloseEnumeration.response.xml", NULL);
	assert_int_equal(st(&r)->code, MI_RESULT_NOT_SUPPORTED);
	run_free(&r);

	/* DSP0200 1.3: CIM_Error instances inside ERROR; the first one wins */
	parse_str(&r, "<CIM><MESSAGE><SIMPLERSP><IMETHODRESPONSE NAME=\"GetInstance\">"
		"<ERROR CODE=\"6\" DESCRIPTION=\"CIM_ERR_NOT_FOUND: no such disk\">"
		"<INSTANCE CLASSNAME=\"CIM_Error\">"
		"<PROPERTY NAME=\"CIMStatusCode\" TYPE=\"uint32\"><VALUE>6</VALUE></PROPERTY>"
		"<PROPERTY NAME=\"Message\" TYPE=\"string\"><VALUE>no such disk</VALUE></PROPERTY>"
		"<PROPERTY NAME=\"MessageID\" TYPE=\"string\"><VALUE>ACME0042</VALUE></PROPERTY>"
		"<PROPERTY NAME=\"PerceivedSeverity\" TYPE=\"uint16\"><VALUE>2</VALUE></PROPERTY>"
		"<PROPERTY.ARRAY NAME=\"MessageArguments\" TYPE=\"string\"><VALUE.ARRAY><VALUE>disk0</VALUE>"
		"</VALUE.ARRAY></PROPERTY.ARRAY>"
		"</INSTANCE><INSTANCE CLASSNAME=\"CIM_Error\"/></ERROR>"
		"</IMETHODRESPONSE></SIMPLERSP></MESSAGE></CIM>");
	assert_int_equal(st(&r)->well_formed, 1);
	assert_int_equal(st(&r)->code, MI_RESULT_NOT_FOUND);
	const MI_Instance *e = st(&r)->error_instance;
	assert_non_null(e);
	assert_string_equal(e->class_name, "CIM_Error");
	assert_string_equal(el(e, "Message")->value.string, "no such disk");
	assert_string_equal(el(e, "MessageID")->value.string, "ACME0042");
	assert_int_equal(el(e, "CIMStatusCode")->value.uint32, 6);
	assert_int_equal(el(e, "PerceivedSeverity")->value.uint16, 2);
	assert_int_equal(r.g.ninst, 0); /* not a result */
	MI_Instance *taken = cimxml_parser_take_error_instance(r.p);
	assert_non_null(taken);
	assert_null(st(&r)->error_instance);
	MI_Instance_Delete(taken);
	run_free(&r);

	/* unknown or garbage codes */
	parse_str(&r, "<CIM><MESSAGE><SIMPLERSP><IMETHODRESPONSE NAME=\"X\"><ERROR CODE=\"42\"/>"
		"</IMETHODRESPONSE></SIMPLERSP></MESSAGE></CIM>");
	assert_int_equal(st(&r)->code, 42);
	run_free(&r);
	parse_str(&r, "<CIM><MESSAGE><SIMPLERSP><IMETHODRESPONSE NAME=\"X\"><ERROR CODE=\"x\"/>"
		"</IMETHODRESPONSE></SIMPLERSP></MESSAGE></CIM>");
	assert_int_equal(st(&r)->code, MI_RESULT_FAILED);
	assert_int_equal(st(&r)->has_error, 1);
	run_free(&r);
}

/* ---- embedded objects ------------------------------------------------------------------- */

static void
test_embedded(void **state)
{
	(void)state;
	struct run r;
	/* escaped, CDATA, double-escaped nested, an embedded CLASS, garbage, arrays */
	parse_str(&r, "<CIM><MESSAGE><SIMPLERSP><IMETHODRESPONSE NAME=\"X\"><IRETURNVALUE>"
		"<INSTANCE CLASSNAME=\"Outer\">"
		"<PROPERTY NAME=\"e1\" TYPE=\"string\" EmbeddedObject=\"object\"><VALUE>"
		"&lt;INSTANCE CLASSNAME=&quot;In1&quot;&gt;&lt;PROPERTY NAME=&quot;n&quot; TYPE=&quot;uint8&quot;&gt;"
		"&lt;VALUE&gt;5&lt;/VALUE&gt;&lt;/PROPERTY&gt;&lt;/INSTANCE&gt;</VALUE></PROPERTY>"
		"<PROPERTY NAME=\"e2\" TYPE=\"string\" EMBEDDEDOBJECT=\"instance\"><VALUE><![CDATA["
		"<INSTANCE CLASSNAME=\"In2\"><PROPERTY NAME=\"s\" TYPE=\"string\"><VALUE>a&amp;b</VALUE>"
		"</PROPERTY></INSTANCE>]]></VALUE></PROPERTY>"
		"<PROPERTY NAME=\"e3\" TYPE=\"string\" EmbeddedObject=\"instance\"><VALUE>"
		"&lt;INSTANCE CLASSNAME=&quot;Mid&quot;&gt;&lt;PROPERTY NAME=&quot;deep&quot; TYPE=&quot;string&quot; "
		"EmbeddedObject=&quot;instance&quot;&gt;&lt;VALUE&gt;&amp;lt;INSTANCE CLASSNAME=&amp;quot;Deep&amp;quot;"
		"&amp;gt;&amp;lt;PROPERTY NAME=&amp;quot;x&amp;quot; TYPE=&amp;quot;string&amp;quot;&amp;gt;"
		"&amp;lt;VALUE&amp;gt;1 &amp;amp;lt; 2&amp;lt;/VALUE&amp;gt;&amp;lt;/PROPERTY&amp;gt;"
		"&amp;lt;/INSTANCE&amp;gt;&lt;/VALUE&gt;&lt;/PROPERTY&gt;&lt;/INSTANCE&gt;</VALUE></PROPERTY>"
		"<PROPERTY NAME=\"e4\" TYPE=\"string\" EmbeddedObject=\"object\"><VALUE>&lt;CLASS NAME=&quot;K&quot;/&gt;"
		"</VALUE></PROPERTY>"
		"<PROPERTY NAME=\"e5\" TYPE=\"string\" EmbeddedObject=\"object\"><VALUE>not xml &lt;</VALUE></PROPERTY>"
		"<PROPERTY NAME=\"e6\" TYPE=\"string\" EmbeddedObject=\"instance\"/>"
		"<PROPERTY.ARRAY NAME=\"ea\" TYPE=\"string\" EmbeddedObject=\"instance\"><VALUE.ARRAY>"
		"<VALUE>&lt;INSTANCE CLASSNAME=&quot;A1&quot;/&gt;</VALUE><VALUE.NULL/>"
		"<VALUE>&lt;INSTANCE CLASSNAME=&quot;A2&quot;/&gt;</VALUE></VALUE.ARRAY></PROPERTY.ARRAY>"
		"<PROPERTY.ARRAY NAME=\"eb\" TYPE=\"string\" EmbeddedObject=\"instance\"><VALUE.ARRAY>"
		"<VALUE>&lt;INSTANCE CLASSNAME=&quot;A1&quot;/&gt;</VALUE><VALUE>broken</VALUE></VALUE.ARRAY>"
		"</PROPERTY.ARRAY>"
		"<PROPERTY NAME=\"plain\" TYPE=\"string\"><VALUE>&lt;INSTANCE CLASSNAME=&quot;No&quot;/&gt;</VALUE></PROPERTY>"
		"</INSTANCE></IRETURNVALUE></IMETHODRESPONSE></SIMPLERSP></MESSAGE></CIM>");
	assert_int_equal(st(&r)->well_formed, 1);
	assert_int_equal(r.g.ninst, 1);
	const MI_Instance *o = r.g.inst[0];
	const struct mix_element *e = el(o, "e1");
	assert_int_equal(e->type, MI_INSTANCE);
	assert_string_equal(e->value.instance->class_name, "In1");
	assert_int_equal(el(e->value.instance, "n")->value.uint8, 5);
	e = el(o, "e2");
	assert_int_equal(e->type, MI_INSTANCE);
	assert_string_equal(el(e->value.instance, "s")->value.string, "a&b");
	e = el(o, "e3");
	assert_int_equal(e->type, MI_INSTANCE);
	e = el(e->value.instance, "deep");
	assert_int_equal(e->type, MI_INSTANCE);
	assert_string_equal(e->value.instance->class_name, "Deep");
	assert_string_equal(el(e->value.instance, "x")->value.string, "1 < 2");
	assert_int_equal(el(o, "e4")->type, MI_STRING); /* a class cannot be an MI value */
	assert_string_equal(el(o, "e4")->value.string, "<CLASS NAME=\"K\"/>");
	assert_int_equal(el(o, "e5")->type, MI_STRING);
	assert_string_equal(el(o, "e5")->value.string, "not xml <");
	assert_int_equal(el(o, "e6")->type, MI_INSTANCE);
	assert_int_equal(el(o, "e6")->flags, MI_FLAG_NULL);
	e = el(o, "ea");
	assert_int_equal(e->type, MI_INSTANCEA);
	assert_int_equal(e->value.instancea.size, 3);
	assert_string_equal(e->value.instancea.data[2]->class_name, "A2");
	assert_null(e->value.instancea.data[1]);
	assert_int_equal(el(o, "eb")->type, MI_STRINGA);
	assert_int_equal(el(o, "plain")->type, MI_STRING);
	run_free(&r);
}

static void
test_parse_object(void **state)
{
	(void)state;
	MI_Instance *inst;
	MI_Class *cls;
	const char *x = "<INSTANCE CLASSNAME=\"A\"><PROPERTY NAME=\"p\" TYPE=\"sint16\"><VALUE>-2</VALUE>"
		"</PROPERTY></INSTANCE>";
	assert_int_equal(cimxml_parse_object(x, strlen(x), NULL, &inst, &cls), 0);
	assert_non_null(inst);
	assert_null(cls);
	assert_int_equal(el(inst, "p")->value.sint16, -2);
	MI_Instance_Delete(inst);
	x = "<?xml version=\"1.0\"?>\n<CLASS NAME=\"C\"><PROPERTY NAME=\"p\" TYPE=\"string\"/></CLASS>";
	assert_int_equal(cimxml_parse_object(x, strlen(x), NULL, &inst, &cls), 0);
	assert_null(inst);
	assert_non_null(cls);
	assert_int_equal(cls->nprops, 1);
	MI_Class_Delete(cls);
	static const char *const bad[] = {
		"", "<INSTANCE CLASSNAME=\"A\">", "<CIM/>", "<INSTANCE/><INSTANCE/>", "garbage",
		"<INSTANCE CLASSNAME=\"A\"/>trailing", "<!DOCTYPE x []><INSTANCE/>",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		inst = (MI_Instance *)1;
		cls = (MI_Class *)1;
		assert_int_equal(cimxml_parse_object(bad[i], strlen(bad[i]), NULL, &inst, &cls), -1);
		assert_null(inst);
		assert_null(cls);
	}
}

/* ---- hostile input ---------------------------------------------------------------------- */

static void
expect_failure(const char *xml, size_t len, const struct cimxml_limits *lim, const char *what)
{
	struct run r;
	run_parse(&r, xml, len, 0, lim, NULL);
	const struct cimxml_status *s = st(&r);
	assert_int_equal(s->well_formed, 0);
	assert_int_equal(r.finish_rc, -1);
	assert_non_null(s->parse_error);
	if (what && !strstr(s->parse_error, what))
		fail_msg("error \"%s\" does not mention \"%s\"", s->parse_error, what);
	run_free(&r);
	/* and byte by byte, for the chunk-boundary paths */
	if (len < 4096) {
		run_parse(&r, xml, len, 1, lim, NULL);
		assert_int_equal(st(&r)->well_formed, 0);
		assert_int_equal(r.finish_rc, -1);
		run_free(&r);
	}
}

static void
test_billion_laughs(void **state)
{
	(void)state;
	const char *x =
		"<?xml version=\"1.0\"?>\n<!DOCTYPE CIM [\n<!ENTITY a \"aaaaaaaaaa\">\n"
		"<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">\n<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">\n"
		"<!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">\n<!ENTITY e \"&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;\">\n"
		"<!ENTITY f \"&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;\">\n<!ENTITY g \"&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;\">\n"
		"<!ENTITY h \"&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;\">\n<!ENTITY i \"&h;&h;&h;&h;&h;&h;&h;&h;&h;&h;\">\n"
		"]>\n<CIM><MESSAGE><SIMPLERSP><IMETHODRESPONSE NAME=\"X\"><IRETURNVALUE><INSTANCE CLASSNAME=\"A\">"
		"<PROPERTY NAME=\"p\" TYPE=\"string\"><VALUE>&i;</VALUE></PROPERTY></INSTANCE>"
		"</IRETURNVALUE></IMETHODRESPONSE></SIMPLERSP></MESSAGE></CIM>";
	clock_t t0 = clock();
	expect_failure(x, strlen(x), NULL, "DOCTYPE");
	assert_true((double)(clock() - t0) / CLOCKS_PER_SEC < 2.0);
	/* an entity reference without any DTD is an error too */
	x = "<CIM><MESSAGE><SIMPLERSP><IMETHODRESPONSE NAME=\"X\"><IRETURNVALUE><INSTANCE CLASSNAME=\"A\">"
		"<PROPERTY NAME=\"p\" TYPE=\"string\"><VALUE>&undefined;</VALUE></PROPERTY></INSTANCE>"
		"</IRETURNVALUE></IMETHODRESPONSE></SIMPLERSP></MESSAGE></CIM>";
	expect_failure(x, strlen(x), NULL, NULL);
}

struct no_secret {
	int leaked;
};

static int
check_no_secret(void *ctx, MI_Instance *inst)
{
	struct no_secret *ns = ctx;
	for (MI_Uint32 i = 0; i < inst->count; i++)
		if (inst->elems[i].type == MI_STRING && inst->elems[i].value.string &&
				strstr(inst->elems[i].value.string, "TOPSECRET"))
			ns->leaked = 1;
	MI_Instance_Delete(inst);
	return 0;
}

static void
test_external_entity(void **state)
{
	(void)state;
	char path[] = "/tmp/cimxml_xxe_XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, "TOPSECRET", 9), 9);
	close(fd);
	char x[1024];
	snprintf(x, sizeof(x), "<?xml version=\"1.0\"?>\n<!DOCTYPE CIM [<!ENTITY xxe SYSTEM \"file://%s\">]>"
		"<CIM><MESSAGE><SIMPLERSP><IMETHODRESPONSE NAME=\"X\"><IRETURNVALUE><INSTANCE CLASSNAME=\"A\">"
		"<PROPERTY NAME=\"p\" TYPE=\"string\"><VALUE>&xxe;</VALUE></PROPERTY></INSTANCE>"
		"</IRETURNVALUE></IMETHODRESPONSE></SIMPLERSP></MESSAGE></CIM>", path);
	struct no_secret ns = { 0 };
	struct cimxml_sink sink = { &ns, check_no_secret, NULL };
	struct cimxml_parser *p = cimxml_parser_new(&sink, NULL, NULL);
	assert_int_equal(cimxml_parser_feed(p, x, strlen(x)), -1);
	assert_int_equal(cimxml_parser_finish(p), -1);
	assert_int_equal(ns.leaked, 0);
	assert_int_equal(cimxml_parser_status(p)->objects, 0);
	assert_non_null(strstr(cimxml_parser_status(p)->parse_error, "DOCTYPE"));
	cimxml_parser_free(p);
	/* external DTD subset (SYSTEM id, no internal subset) */
	snprintf(x, sizeof(x), "<!DOCTYPE CIM SYSTEM \"file://%s\"><CIM/>", path);
	expect_failure(x, strlen(x), NULL, "DOCTYPE");
	unlink(path);
}

static void
test_deep_nesting(void **state)
{
	(void)state;
	size_t depth = 100000;
	size_t len = depth * 8 + 64;
	char *x = malloc(len);
	assert_non_null(x);
	size_t n = 0;
	for (size_t i = 0; i < depth; i++) {
		memcpy(x + n, "<CIM>", 5);
		n += 5;
	}
	for (size_t i = 0; i < depth; i++) {
		memcpy(x + n, "</CIM>", 6);
		n += 6;
		if (n + 6 > len)
			break;
	}
	expect_failure(x, n, NULL, "deeper");
	/* nesting in the allowed elements too, with a small limit */
	struct cimxml_limits lim = { .max_depth = 12 };
	const char *y = "<CIM><MESSAGE><SIMPLERSP><IMETHODRESPONSE NAME=\"X\"><IRETURNVALUE>"
		"<VALUE.NAMEDINSTANCE><INSTANCENAME CLASSNAME=\"A\"><KEYBINDING NAME=\"k\"><VALUE.REFERENCE>"
		"<INSTANCENAME CLASSNAME=\"B\"><KEYBINDING NAME=\"k\"><VALUE.REFERENCE><INSTANCENAME CLASSNAME=\"C\">"
		"<KEYBINDING NAME=\"k\"><KEYVALUE>x</KEYVALUE></KEYBINDING></INSTANCENAME></VALUE.REFERENCE>"
		"</KEYBINDING></INSTANCENAME></VALUE.REFERENCE></KEYBINDING></INSTANCENAME>"
		"</VALUE.NAMEDINSTANCE></IRETURNVALUE></IMETHODRESPONSE></SIMPLERSP></MESSAGE></CIM>";
	expect_failure(y, strlen(y), &lim, "deeper");
	free(x);
}

static void
test_size_limits(void **state)
{
	(void)state;
	/* one text node bigger than max_text */
	size_t big = 3u << 20;
	const char *head = "<CIM><MESSAGE><SIMPLERSP><IMETHODRESPONSE NAME=\"X\"><IRETURNVALUE>"
		"<INSTANCE CLASSNAME=\"A\"><PROPERTY NAME=\"p\" TYPE=\"string\"><VALUE>";
	const char *tail = "</VALUE></PROPERTY></INSTANCE></IRETURNVALUE></IMETHODRESPONSE>"
		"</SIMPLERSP></MESSAGE></CIM>";
	char *x = malloc(strlen(head) + big + strlen(tail) + 1);
	assert_non_null(x);
	strcpy(x, head);
	memset(x + strlen(head), 'a', big);
	strcpy(x + strlen(head) + big, tail);
	struct cimxml_limits lim = { .max_text = 1u << 20 };
	struct run r;
	run_parse(&r, x, strlen(x), 65536, &lim, NULL);
	assert_int_equal(st(&r)->well_formed, 0);
	assert_non_null(strstr(st(&r)->parse_error, "text longer"));
	assert_int_equal(r.g.ninst, 0);
	run_free(&r);
	/* the same within the default limit parses, and in one piece */
	run_parse(&r, x, strlen(x), 4096, NULL, NULL);
	assert_int_equal(st(&r)->well_formed, 1);
	assert_int_equal(r.g.ninst, 1);
	assert_int_equal(strlen(el(r.g.inst[0], "p")->value.string), big);
	run_free(&r);
	/* a huge attribute */
	memcpy(x, "<CIM A=\"", 8);
	memset(x + 8, 'b', big);
	strcpy(x + 8 + big, "\"/>");
	expect_failure(x, strlen(x), &lim, "attribute");
	free(x);

	/* total size */
	struct cimxml_limits tot = { .max_total = 100 };
	const char *doc = method_doc;
	expect_failure(doc, strlen(doc), &tot, "larger");

	/* elements per instance, keys per path, array elements */
	struct cimxml_limits few = { .max_elements = 3 };
	const char *props = "<CIM><MESSAGE><SIMPLERSP><IMETHODRESPONSE NAME=\"X\"><IRETURNVALUE>"
		"<INSTANCE CLASSNAME=\"A\"><PROPERTY NAME=\"a\" TYPE=\"string\"/><PROPERTY NAME=\"b\" TYPE=\"string\"/>"
		"<PROPERTY NAME=\"c\" TYPE=\"string\"/><PROPERTY NAME=\"d\" TYPE=\"string\"/></INSTANCE>"
		"</IRETURNVALUE></IMETHODRESPONSE></SIMPLERSP></MESSAGE></CIM>";
	expect_failure(props, strlen(props), &few, "properties");
	const char *arr = "<CIM><MESSAGE><SIMPLERSP><IMETHODRESPONSE NAME=\"X\"><IRETURNVALUE>"
		"<INSTANCE CLASSNAME=\"A\"><PROPERTY.ARRAY NAME=\"a\" TYPE=\"uint8\"><VALUE.ARRAY><VALUE>1</VALUE>"
		"<VALUE>1</VALUE><VALUE>1</VALUE><VALUE>1</VALUE></VALUE.ARRAY></PROPERTY.ARRAY></INSTANCE>"
		"</IRETURNVALUE></IMETHODRESPONSE></SIMPLERSP></MESSAGE></CIM>";
	expect_failure(arr, strlen(arr), &few, "array");
}

/* Servers send C0 controls as references XML 1.0 forbids (&#27;); the
 * parser keeps them instead of rejecting the reply, at any chunk split. */
static void
test_control_char_references(void **state)
{
	(void)state;
	const char *xml =
		"<?xml version=\"1.0\" encoding=\"utf-8\"?><CIM CIMVERSION=\"2.0\" DTDVERSION=\"2.0\">"
		"<MESSAGE ID=\"1\" PROTOCOLVERSION=\"1.0\"><SIMPLERSP><IMETHODRESPONSE NAME=\"GetInstance\">"
		"<IRETURNVALUE><INSTANCE CLASSNAME=\"TST_Hostile\">"
		"<PROPERTY NAME=\"A\" TYPE=\"string\"><VALUE>x&#27;[2Jy&#x1b;]0;t&#7;&#0;&amp;&#65;&#9;</VALUE></PROPERTY>"
		"<PROPERTY NAME=\"B\" TYPE=\"string\"><VALUE>\xef\x9c\x80</VALUE></PROPERTY>"
		"</INSTANCE></IRETURNVALUE></IMETHODRESPONSE></SIMPLERSP></MESSAGE></CIM>";
	size_t len = strlen(xml);
	for (size_t chunk = 0; chunk <= len; chunk++) {
		struct run r;
		run_parse(&r, xml, len, chunk, NULL, "root/test");
		if (!st(&r)->well_formed)
			fail_msg("chunk %zu: %s", chunk, st(&r)->parse_error);
		assert_int_equal(r.g.ninst, 1);
		assert_string_equal(el(r.g.inst[0], "A")->value.string, "x\x1b[2Jy\x1b]0;t\x07\xef\xbf\xbd&A\t");
		/* a genuine U+F700 stays what it is */
		assert_string_equal(el(r.g.inst[0], "B")->value.string, "\xef\x9c\x80");
		run_free(&r);
	}
}

static void
test_malformed(void **state)
{
	(void)state;
	size_t len;
	char *xml = capture("sfcb-1.3/07_EnumerateInstances_TEST_Widget_root-test.response.xml", &len);
	/* truncated anywhere: detected, and the objects before the cut still came */
	size_t cuts[] = { 10, 100, len / 3, len / 2, len - 7, len - 1 };
	for (size_t i = 0; i < sizeof(cuts) / sizeof(cuts[0]); i++) {
		struct run r;
		run_parse(&r, xml, cuts[i], 0, NULL, NULL);
		assert_int_equal(st(&r)->well_formed, 0);
		assert_int_equal(r.finish_rc, -1);
		assert_non_null(strstr(st(&r)->parse_error, "truncated"));
		if (cuts[i] == len / 2)
			assert_true(r.g.ninst >= 5 && r.g.ninst < 20);
		run_free(&r);
	}
	/* invalid UTF-8 inside a value */
	char *bad = strdup(xml);
	char *v = strstr(bad, "Widget number 3");
	assert_non_null(v);
	v[0] = (char)0xC3;
	v[1] = (char)0x28;
	expect_failure(bad, len, NULL, NULL);
	free(bad);
	free(xml);

	/* garbage of every sort */
	static const char *const junk[] = {
		"garbage", "\x01\x02\x03\xff\xfe", "<", "<CIM", "<CIM></MESSAGE>", "</CIM>",
		"<?xml version=\"1.0\"?>", "<CIM/><CIM/>", "<NOTCIM/>", "<CIM><MESSAGE>&#xD800;</MESSAGE></CIM>",
		"<CIM><![CDATA[", "<CIM a=\"1\" a=\"2\"/>", "\xef\xbb\xbf<CIM",
	};
	for (size_t i = 0; i < sizeof(junk) / sizeof(junk[0]); i++)
		expect_failure(junk[i], strlen(junk[i]), NULL, NULL);
	char zeros[64] = { 0 };
	expect_failure(zeros, sizeof(zeros), NULL, NULL);

	/* feeding after a failure or after finish is refused; NULL is safe */
	struct cimxml_parser *p = cimxml_parser_new(NULL, NULL, NULL);
	assert_int_equal(cimxml_parser_feed(p, "<x", 2), 0);
	assert_int_equal(cimxml_parser_finish(p), -1);
	assert_int_equal(cimxml_parser_feed(p, "/>", 2), -1);
	assert_int_equal(cimxml_parser_finish(p), -1);
	cimxml_parser_free(p);
	cimxml_parser_free(NULL);
	assert_int_equal(cimxml_parser_feed(NULL, "x", 1), -1);
}

static void
test_sink_stop(void **state)
{
	(void)state;
	size_t len;
	char *xml = capture("sfcb-1.3/07_EnumerateInstances_TEST_Widget_root-test.response.xml", &len);
	struct run r;
	memset(&r, 0, sizeof(r));
	r.g.stop_after = 3;
	struct cimxml_sink sink = { &r.g, got_instance, got_class };
	r.p = cimxml_parser_new(&sink, NULL, NULL);
	assert_int_equal(cimxml_parser_feed(r.p, xml, len), -1);
	assert_int_equal(cimxml_parser_finish(r.p), -1);
	assert_int_equal(r.g.ninst, 3);
	assert_int_equal(st(&r)->code, MI_RESULT_FAILED);
	assert_string_equal(st(&r)->parse_error, "stopped");
	assert_int_equal(st(&r)->objects, 3);
	run_free(&r);
	/* no callbacks at all: objects are counted and freed */
	struct cimxml_sink none = { NULL, NULL, NULL };
	struct cimxml_parser *p = cimxml_parser_new(&none, NULL, NULL);
	assert_int_equal(cimxml_parser_feed(p, xml, len), 0);
	assert_int_equal(cimxml_parser_finish(p), 0);
	assert_int_equal(cimxml_parser_status(p)->objects, 20);
	cimxml_parser_free(p);
	free(xml);
}

/* ---- streaming: 100,000 instances, the first one early -------------------------------------- */

static char *
synthetic_reply(size_t n, size_t *len)
{
	char *buf = NULL;
	size_t sz = 0;
	FILE *f = open_memstream(&buf, &sz);
	assert_non_null(f);
	fputs("<?xml version=\"1.0\" encoding=\"utf-8\" ?>\n<CIM CIMVERSION=\"2.0\" DTDVERSION=\"2.0\">"
		"<MESSAGE ID=\"1\" PROTOCOLVERSION=\"1.0\"><SIMPLERSP><IMETHODRESPONSE NAME=\"EnumerateInstances\">"
		"<IRETURNVALUE>\n", f);
	for (size_t i = 0; i < n; i++) {
		fprintf(f, "<VALUE.NAMEDINSTANCE><INSTANCENAME CLASSNAME=\"Bench_Item\"><KEYBINDING NAME=\"Id\">"
			"<KEYVALUE VALUETYPE=\"string\">I%07zu</KEYVALUE></KEYBINDING></INSTANCENAME>\n"
			"<INSTANCE CLASSNAME=\"Bench_Item\">\n"
			"<PROPERTY NAME=\"Id\" TYPE=\"string\"><VALUE>I%07zu</VALUE></PROPERTY>\n", i, i);
		for (int k = 0; k < 19; k++) {
			if (k % 3 == 0)
				fprintf(f, "<PROPERTY NAME=\"Num%02d\" TYPE=\"uint32\"><VALUE>%zu</VALUE></PROPERTY>\n",
					k, i * 7 + (size_t)k);
			else if (k % 3 == 1)
				fprintf(f, "<PROPERTY NAME=\"Flag%02d\" TYPE=\"boolean\"><VALUE>%s</VALUE></PROPERTY>\n",
					k, (i + (size_t)k) % 2 ? "TRUE" : "FALSE");
			else
				fprintf(f, "<PROPERTY NAME=\"Text%02d\" TYPE=\"string\"><VALUE>value %zu of "
					"property %d</VALUE></PROPERTY>\n", k, i, k);
		}
		fputs("</INSTANCE></VALUE.NAMEDINSTANCE>\n", f);
	}
	fputs("</IRETURNVALUE></IMETHODRESPONSE></SIMPLERSP></MESSAGE></CIM>\n", f);
	fclose(f);
	*len = sz;
	return buf;
}

struct counter {
	size_t n, fed, fed_at_first;
	int ok;
};

static int
count_instance(void *ctx, MI_Instance *inst)
{
	struct counter *c = ctx;
	if (c->n == 0) {
		c->fed_at_first = c->fed;
		c->ok = inst->count == 20 && (el(inst, "Id")->flags & MI_FLAG_KEY) &&
			el(inst, "Num00")->type == MI_UINT32;
	}
	c->n++;
	MI_Instance_Delete(inst);
	return 0;
}

static void
test_streaming_100k(void **state)
{
	(void)state;
	size_t len;
	long want = getenv("CIMTUI_TEST_QUICK") ? 5000 : 100000;
	char *xml = synthetic_reply((size_t)want, &len);
	struct counter c = { 0 };
	struct cimxml_sink sink = { &c, count_instance, NULL };
	struct cimxml_parser *p = cimxml_parser_new(&sink, NULL, "root/bench");
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (size_t off = 0; off < len; off += 16384) {
		size_t n = len - off < 16384 ? len - off : 16384;
		c.fed = off + n;
		assert_int_equal(cimxml_parser_feed(p, xml + off, n), 0);
	}
	assert_int_equal(cimxml_parser_finish(p), 0);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	assert_int_equal(c.n, want);
	assert_true(c.ok);
	/* the first instance came out while the first 64 KiB were being fed */
	assert_true(c.fed_at_first <= 65536);
	assert_true(c.fed_at_first < len / (want < 100000 ? 50 : 1000));
	printf("# %ld instances x 20 properties, %zu bytes: %.0f ms (this build)\n", want, len,
		((double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6));
	cimxml_parser_free(p);
	free(xml);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_all_captures),
		cmocka_unit_test(test_getinstance_w00003),
		cmocka_unit_test(test_pegasus_pull_end),
		cmocka_unit_test(test_sfcb14_open_without_context),
		cmocka_unit_test(test_enumerate_instance_names),
		cmocka_unit_test(test_getclass_widget),
		cmocka_unit_test(test_references_and_paths),
		cmocka_unit_test(test_keyvalue_types),
		cmocka_unit_test(test_values),
		cmocka_unit_test(test_class_methods),
		cmocka_unit_test(test_method_response),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_embedded),
		cmocka_unit_test(test_parse_object),
		cmocka_unit_test(test_billion_laughs),
		cmocka_unit_test(test_external_entity),
		cmocka_unit_test(test_deep_nesting),
		cmocka_unit_test(test_size_limits),
		cmocka_unit_test(test_control_char_references),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_sink_stop),
		cmocka_unit_test(test_streaming_100k),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
