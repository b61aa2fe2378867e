/* batch_format.c - what every output format shares: dispatch, escaping,
 * records for the table and CSV formats.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "format.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

void fmt_init(struct fmt *f, FILE *out, enum cimtui_format format, int tty, const char *default_ns)
{
	memset(f, 0, sizeof(*f));
	f->out = out;
	f->format = format;
	f->tty = tty;
	f->default_ns = default_ns;
}

void fmt_flush_sb(struct fmt *f, struct sbuf *b)
{
	if (b->len)
		fwrite(b->p, 1, b->len, f->out);
	sb_reset(b);
}

void fmt_begin(struct fmt *f)
{
	if (f->begun)
		return;
	f->begun = 1;
	if (f->format == FORMAT_XML)
		xml_begin(f);
}

static void rec_clear(struct fmt_record *r)
{
	for (size_t i = 0; i < r->n; i++) {
		free(r->names[i]);
		free(r->values[i]);
	}
	r->n = 0;
}

static void rec_free(struct fmt_record *r)
{
	rec_clear(r);
	free(r->names);
	free(r->values);
	free(r->keys);
	memset(r, 0, sizeof(*r));
}

static void record_done(struct fmt *f)
{
	if (f->format == FORMAT_TABLE)
		table_record(f);
	else
		csv_record(f);
}

void fmt_record(struct fmt *f)
{
	fmt_begin(f);
	record_done(f);
	f->count++;
}

void fmt_instance(struct fmt *f, const MI_Instance *inst)
{
	fmt_begin(f);
	switch (f->format) {
	case FORMAT_MOF: mof_instance(f, inst); break;
	case FORMAT_JSON: json_instance(f, inst); break;
	case FORMAT_XML: xml_instance(f, inst); break;
	case FORMAT_TABLE:
	case FORMAT_CSV:
		fmt_rec_from_instance(f, inst);
		record_done(f);
		break;
	}
	f->count++;
}

void fmt_instance_name(struct fmt *f, const MI_Instance *inst)
{
	fmt_begin(f);
	if (f->format == FORMAT_MOF) {
		struct sbuf b = SBUF_INIT;
		struct sbuf p = SBUF_INIT;
		const MI_Char *ns = NULL;
		MI_Instance_GetNameSpace(inst, &ns);
		if (!ns || !*ns) {
			sb_putc(&p, '/');
			sb_puts(&p, f->default_ns ? f->default_ns : "");
			sb_putc(&p, ':');
		}
		wbem_path_format(&p, inst, 1);
		fmt_text_human(&b, sb_str(&p));
		sb_putc(&b, '\n');
		fmt_flush_sb(f, &b);
		sb_free(&b);
		sb_free(&p);
		f->count++;
	} else if (f->format == FORMAT_XML) {
		xml_instance_name(f, inst);
		f->count++;
	} else {
		fmt_instance(f, inst);
	}
}

void fmt_namespace(struct fmt *f, const MI_Instance *inst)
{
	fmt_begin(f);
	if (f->format != FORMAT_MOF) {
		fmt_instance(f, inst);
		return;
	}
	MI_Value v;
	MI_Type t;
	MI_Uint32 fl;
	struct sbuf b = SBUF_INIT;
	if (MI_Instance_GetElement(inst, "Name", &v, &t, &fl, NULL) == MI_RESULT_OK && t == MI_STRING &&
	    !(fl & MI_FLAG_NULL) && v.string) {
		fmt_text_human(&b, v.string);
		sb_putc(&b, '\n');
	}
	fmt_flush_sb(f, &b);
	sb_free(&b);
	f->count++;
}

void fmt_class(struct fmt *f, const MI_Class *cls)
{
	fmt_begin(f);
	switch (f->format) {
	case FORMAT_MOF: mof_class(f, cls); break;
	case FORMAT_JSON: json_class(f, cls); break;
	case FORMAT_XML: xml_class(f, cls); break;
	case FORMAT_TABLE:
	case FORMAT_CSV: {
		const MI_Char *name = NULL, *super = NULL;
		MI_Uint32 np = 0, nm = 0;
		MI_Class_GetClassName(cls, &name);
		if (MI_Class_GetParentClassName(cls, &super) != MI_RESULT_OK)
			super = NULL;
		MI_Class_GetElementCount(cls, &np);
		MI_Class_GetMethodCount(cls, &nm);
		char a[16], b[16];
		snprintf(a, sizeof a, "%u", (unsigned)np);
		snprintf(b, sizeof b, "%u", (unsigned)nm);
		fmt_rec_add(f, "classname", name);
		fmt_rec_add(f, "superclass", super);
		fmt_rec_add(f, "properties", a);
		fmt_rec_add(f, "methods", b);
		record_done(f);
		break;
	}
	}
	f->count++;
}

void fmt_class_name(struct fmt *f, const MI_Class *cls)
{
	fmt_begin(f);
	const MI_Char *name = NULL, *super = NULL;
	MI_Class_GetClassName(cls, &name);
	if (MI_Class_GetParentClassName(cls, &super) != MI_RESULT_OK)
		super = NULL;
	switch (f->format) {
	case FORMAT_MOF: {
		struct sbuf b = SBUF_INIT;
		fmt_text_human(&b, name ? name : "");
		sb_putc(&b, '\n');
		fmt_flush_sb(f, &b);
		sb_free(&b);
		break;
	}
	case FORMAT_JSON: json_class_name(f, cls); break;
	case FORMAT_XML: xml_class_name(f, cls); break;
	case FORMAT_TABLE:
	case FORMAT_CSV:
		fmt_rec_add(f, "classname", name);
		fmt_rec_add(f, "superclass", super);
		record_done(f);
		break;
	}
	f->count++;
}

void fmt_end(struct fmt *f)
{
	if (!f->begun)
		fmt_begin(f);
	switch (f->format) {
	case FORMAT_XML: xml_end(f); break;
	case FORMAT_TABLE: table_end(f); break;
	case FORMAT_CSV: csv_end(f); break;
	default: break;
	}
	fflush(f->out);
}

void fmt_free(struct fmt *f)
{
	for (size_t i = 0; i < f->ncols; i++)
		free(f->cols[i]);
	free(f->cols);
	free(f->widths);
	for (size_t i = 0; i < f->nrows; i++)
		rec_free(&f->rows[i]);
	free(f->rows);
	rec_free(&f->rec);
	sb_free(&f->tmp);
	memset(f, 0, sizeof(*f));
}

/* ---- escaping ------------------------------------------------------------------ */
int fmt_unsafe_cp(unsigned long cp)
{
	return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F) || cp == 0x200E || cp == 0x200F ||
	       (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x061C;
}

/* Walks s in UTF-8 characters; calls put for each (cp, bytes, len);
 * invalid bytes come as U+FFFD with their own byte. */
#define UTF8_WALK(s, CP, BYTES, LEN, BODY)                                            \
	do {                                                                         \
		const unsigned char *p_ = (const unsigned char *)(s);                \
		size_t n_ = strlen((const char *)p_);                                \
		while (n_) {                                                         \
			unsigned long CP;                                            \
			size_t LEN = wbem_utf8_decode(p_, n_, &CP);                  \
			const char *BYTES = (const char *)p_;                        \
			int bad_ = LEN == 0;                                         \
			if (bad_) {                                                  \
				CP = 0xFFFD;                                         \
				LEN = 1;                                             \
				BYTES = "\xEF\xBF\xBD";                              \
			}                                                            \
			size_t adv_ = LEN;                                           \
			if (bad_)                                                    \
				LEN = 3;                                             \
			BODY;                                                        \
			p_ += adv_;                                                  \
			n_ -= adv_;                                                  \
		}                                                                    \
	} while (0)

void fmt_text_human(struct sbuf *b, const char *s)
{
	UTF8_WALK(s, cp, bytes, len, {
		if (!fmt_unsafe_cp(cp)) {
			sb_putn(b, bytes, len);
		} else if (cp == '\n') {
			sb_puts(b, "\\n");
		} else if (cp == '\t') {
			sb_puts(b, "\\t");
		} else if (cp == '\r') {
			sb_puts(b, "\\r");
		} else if (cp < 0x80) {
			sb_printf(b, "\\x%02lx", cp);
		} else {
			sb_printf(b, "\\u%04lx", cp);
		}
	});
}

/* MOF and JSON string bodies share the backslash escapes \" \\ \n \t \r
 * \b \f; other unsafe characters become \xHHHH (MOF) or \uhhhh (JSON,
 * also U+2028/U+2029, which JavaScript reads as line ends). */
static void c_string(struct sbuf *b, const char *s, int json)
{
	static const char from[] = "\"\\\n\t\r\b\f", to[] = "\"\\ntrbf";
	UTF8_WALK(s, cp, bytes, len, {
		const char *e = cp && cp < 0x80 ? strchr(from, (int)cp) : NULL;
		if (e) {
			sb_putc(b, '\\');
			sb_putc(b, to[e - from]);
		} else if (json && (fmt_unsafe_cp(cp) || cp == 0x2028 || cp == 0x2029)) {
			sb_printf(b, "\\u%04lx", cp);
		} else if (!json && fmt_unsafe_cp(cp)) {
			sb_printf(b, "\\x%04lX", cp);
		} else {
			sb_putn(b, bytes, len);
		}
	});
}

void fmt_text_mof(struct sbuf *b, const char *s)
{
	c_string(b, s, 0);
}

void fmt_text_json(struct sbuf *b, const char *s)
{
	sb_putc(b, '"');
	c_string(b, s, 1);
	sb_putc(b, '"');
}

void fmt_text_xml(struct sbuf *b, const char *s)
{
	UTF8_WALK(s, cp, bytes, len, {
		switch (cp) {
		case '&': sb_puts(b, "&amp;"); break;
		case '<': sb_puts(b, "&lt;"); break;
		case '>': sb_puts(b, "&gt;"); break;
		case '"': sb_puts(b, "&quot;"); break;
		case '\'': sb_puts(b, "&apos;"); break;
		case '\n': case '\t': case '\r':
			sb_printf(b, "&#%lu;", cp);
			break;
		default:
			if (cp < 0x20 || cp == 0xFFFE || cp == 0xFFFF)
				sb_puts(b, "\xEF\xBF\xBD"); /* not representable in XML 1.0 */
			else if (fmt_unsafe_cp(cp))
				sb_printf(b, "&#x%lX;", cp);
			else
				sb_putn(b, bytes, len);
		}
	});
}

const char *fmt_ns_of(const struct fmt *f, const MI_Instance *inst)
{
	const MI_Char *ns = NULL;
	if (MI_Instance_GetNameSpace(inst, &ns) == MI_RESULT_OK && ns && *ns)
		return ns;
	return f->default_ns;
}

MI_Uint32 *fmt_key_order(const MI_Instance *inst, MI_Uint32 *count)
{
	MI_Uint32 n = 0;
	MI_Instance_GetElementCount(inst, &n);
	MI_Uint32 *idx = malloc((n ? n : 1) * sizeof(*idx));
	if (!idx)
		abort();
	MI_Uint32 k = 0;
	for (int pass = 0; pass < 2; pass++) {
		for (MI_Uint32 i = 0; i < n; i++) {
			const MI_Char *name;
			MI_Uint32 fl = 0;
			MI_Instance_GetElementAt(inst, i, &name, NULL, NULL, &fl);
			if (!!(fl & MI_FLAG_KEY) == (pass == 0))
				idx[k++] = i;
		}
	}
	*count = k;
	return idx;
}

/* ---- records ---------------------------------------------------------------------- */
void fmt_rec_add_key(struct fmt *f, const char *name, const char *value, int key)
{
	struct fmt_record *r = &f->rec;
	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 16;
		r->names = realloc(r->names, r->cap * sizeof(char *));
		r->values = realloc(r->values, r->cap * sizeof(char *));
		r->keys = realloc(r->keys, r->cap);
		if (!r->names || !r->values || !r->keys)
			abort();
	}
	r->names[r->n] = strdup(name ? name : "");
	r->values[r->n] = value ? strdup(value) : NULL;
	r->keys[r->n] = !!key;
	r->n++;
}

void fmt_rec_add(struct fmt *f, const char *name, const char *value)
{
	fmt_rec_add_key(f, name, value, 0);
}

static void cell_scalar(struct sbuf *b, MI_Type t, const MI_Value *v, int is_array, MI_Uint32 i, void *ctx)
{
	(void)ctx;
	wbem_scalar_text(b, t, v, is_array, i);
}

/* Cell text of a property: scalars as wbem_scalar_text, arrays "{a, b}",
 * embedded instances as "instance of X". */
static void cell_text(struct sbuf *b, MI_Type t, const MI_Value *v)
{
	static const struct fmt_value_style style = { "", "{", ", ", "}" };
	fmt_value_walk(b, t, v, 0, &style, cell_scalar, NULL);
}

void fmt_rec_from_instance(struct fmt *f, const MI_Instance *inst)
{
	MI_Uint32 n;
	MI_Uint32 *order = fmt_key_order(inst, &n);
	for (MI_Uint32 k = 0; k < n; k++) {
		const MI_Char *name;
		MI_Value v;
		MI_Type t;
		MI_Uint32 fl;
		if (MI_Instance_GetElementAt(inst, order[k], &name, &v, &t, &fl) != MI_RESULT_OK)
			continue;
		if (fl & MI_FLAG_NULL) {
			fmt_rec_add_key(f, name, NULL, fl & MI_FLAG_KEY);
			continue;
		}
		sb_reset(&f->tmp);
		cell_text(&f->tmp, t, &v);
		fmt_rec_add_key(f, name, sb_str(&f->tmp), fl & MI_FLAG_KEY);
	}
	free(order);
}

/* Moves the record being built into a new row and returns it (table). */
struct fmt_record *fmt_rec_take(struct fmt *f)
{
	if (f->nrows == f->caprows) {
		f->caprows = f->caprows ? f->caprows * 2 : 64;
		f->rows = realloc(f->rows, f->caprows * sizeof(*f->rows));
		if (!f->rows)
			abort();
	}
	f->rows[f->nrows] = f->rec;
	memset(&f->rec, 0, sizeof(f->rec));
	return &f->rows[f->nrows++];
}

void fmt_rec_reset(struct fmt *f)
{
	rec_clear(&f->rec);
}

/* Column index of name, adding it when add is set; -1 when absent. */
long fmt_col(struct fmt *f, const char *name, int add)
{
	for (size_t i = 0; i < f->ncols; i++)
		if (!strcasecmp(f->cols[i], name))
			return (long)i;
	if (!add)
		return -1;
	if (f->ncols == f->capcols) {
		f->capcols = f->capcols ? f->capcols * 2 : 16;
		f->cols = realloc(f->cols, f->capcols * sizeof(char *));
		if (!f->cols)
			abort();
	}
	f->cols[f->ncols] = strdup(name);
	return (long)f->ncols++;
}
