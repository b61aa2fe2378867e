/* format.h - batch mode output formats (MOF, JSON Lines, XML, table, CSV).
 *
 * Results are written as they arrive, through a fully buffered stdio
 * stream.  A struct fmt carries the state a format needs between results
 * (the XML root element, the CSV header, the table's first rows).
 * Call fmt_begin before the first result and fmt_end after the last one
 * (also after an error or an interruption: it closes the XML root and
 * prints the rows the table still holds).
 *
 * Strings that came from a server are never written raw where they could
 * reach a terminal: MOF and table escape control characters (C0, DEL, C1,
 * bidirectional overrides), JSON escapes them as \uXXXX, XML writes
 * character references (XML 1.0 cannot carry C0 controls at all: they are
 * replaced by U+FFFD there), CSV escapes them only when writing to a
 * terminal.  Invalid UTF-8 becomes U+FFFD, except in CSV to a file.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef CIMTUI_TUI_FORMAT_H
#define CIMTUI_TUI_FORMAT_H

#include <stdio.h>
#include "mi.h"
#include "options.h"
#include "wbem_path.h"

/* How many rows the table format reads before it fixes the column widths. */
#define FMT_TABLE_SAMPLE 100

struct fmt_record {
	char **names, **values;  /* values[i] NULL = NULL */
	unsigned char *keys;     /* key property (the table never cuts those) */
	size_t n, cap;
};

struct fmt {
	FILE *out;
	enum cimtui_format format;
	int tty;                 /* out is a terminal */
	const char *default_ns;  /* namespace for results that carry none */
	unsigned long count;     /* results written */
	int begun;
	/* table and CSV: columns fixed by the first row (CSV) or sample (table) */
	char **cols;
	size_t ncols, capcols;
	size_t *widths;
	int header_done;
	struct fmt_record *rows; /* table: buffered sample */
	size_t nrows, caprows;
	struct fmt_record rec;   /* record being built */
	struct sbuf tmp;
};

void fmt_init(struct fmt *f, FILE *out, enum cimtui_format format, int tty, const char *default_ns);
void fmt_begin(struct fmt *f);
/* A full instance (ei, gi, a, r, q, iv, ns in the machine formats). */
void fmt_instance(struct fmt *f, const MI_Instance *inst);
/* An instance name: keys only (ein).  MOF writes one path per line. */
void fmt_instance_name(struct fmt *f, const MI_Instance *inst);
/* A namespace (ns): MOF writes the name only; the others the instance. */
void fmt_namespace(struct fmt *f, const MI_Instance *inst);
/* A class definition (gc, ec). */
void fmt_class(struct fmt *f, const MI_Class *cls);
/* A class name with its superclass (ecn). */
void fmt_class_name(struct fmt *f, const MI_Class *cls);
void fmt_end(struct fmt *f);
void fmt_free(struct fmt *f);

/* ---- shared by the format_*.c files (batch_format.c) ------------------------ */
/* Escapes for humans (table): C0 as \n \t \r or \xHH, DEL \x7f, C1 and
 * bidi controls \uHHHH; invalid UTF-8 becomes U+FFFD. */
void fmt_text_human(struct sbuf *b, const char *s);
/* MOF string body (without the quotes): \" \\ \n \t \r \b \f, other controls
 * \xHHHH; invalid UTF-8 becomes U+FFFD. */
void fmt_text_mof(struct sbuf *b, const char *s);
/* JSON string including the quotes. */
void fmt_text_json(struct sbuf *b, const char *s);
/* XML text or attribute value (escapes & < > " '). */
void fmt_text_xml(struct sbuf *b, const char *s);
/* Whether code point cp must never reach a terminal raw. */
int fmt_unsafe_cp(unsigned long cp);
/* Namespace of inst, or the default one. */
const char *fmt_ns_of(const struct fmt *f, const MI_Instance *inst);
/* Element indices of inst with the keys first. Caller frees. */
MI_Uint32 *fmt_key_order(const MI_Instance *inst, MI_Uint32 *count);
/* Writes the buffer to f->out and resets it. */
void fmt_flush_sb(struct fmt *f, struct sbuf *b);

/* ---- value and element walks (format_value.c) ---------------------------------- */
/* What a value walk writes around the scalars. */
struct fmt_value_style {
	const char *null;               /* for a NULL value */
	const char *open, *sep, *close; /* around and between array elements */
};
/* Writes element i of v (is_array) or v itself; ctx is the walk's. */
typedef void fmt_scalar_fn(struct sbuf *b, MI_Type t, const MI_Value *v, int is_array, MI_Uint32 i, void *ctx);
/* NULL (flags), one scalar, or open scalar sep scalar ... close. */
void fmt_value_walk(struct sbuf *b, MI_Type t, const MI_Value *v, MI_Uint32 flags, const struct fmt_value_style *st,
	fmt_scalar_fn *scalar, void *ctx);
/* "/ns:CLASS.k=v" (namespace part only when ns is set). */
void fmt_ns_path(struct sbuf *b, const char *ns, const MI_Instance *inst);

/* Cursors: for (fmt_elems(&e, inst); fmt_elem_next(&e);) use e.name ...
 * Elements the API fails to read are skipped; i is the element's index. */
struct fmt_elem {
	const MI_Instance *inst;
	MI_Uint32 i, pos, n;
	const MI_Char *name;
	MI_Value v;
	MI_Type t;
	MI_Uint32 fl;
};
void fmt_elems(struct fmt_elem *e, const MI_Instance *inst);
int fmt_elem_next(struct fmt_elem *e);
/* class properties */
struct fmt_prop {
	const MI_Class *cls;
	MI_Uint32 i, pos, n;
	const MI_Char *name;
	MI_Value v;
	MI_Boolean exists;
	MI_Type t;
	MI_Char *refclass;
	MI_QualifierSet qs;
	MI_Uint32 fl;
};
void fmt_props(struct fmt_prop *p, const MI_Class *cls);
int fmt_prop_next(struct fmt_prop *p);
/* class methods, with their return type */
struct fmt_method {
	const MI_Class *cls;
	MI_Uint32 i, pos, n;
	const MI_Char *name;
	MI_QualifierSet qs;
	MI_ParameterSet ps;
	MI_Type rt;
	MI_QualifierSet rq;
};
void fmt_methods(struct fmt_method *m, const MI_Class *cls);
int fmt_method_next(struct fmt_method *m);
/* method parameters; fl: the engine's MI_FLAG_IN / MI_FLAG_OUT */
struct fmt_param {
	const MI_ParameterSet *ps;
	MI_Uint32 i, pos, n;
	const MI_Char *name;
	MI_Type t;
	MI_Char *refclass;
	MI_QualifierSet qs;
	MI_Uint32 fl;
};
void fmt_params(struct fmt_param *p, const MI_ParameterSet *ps);
int fmt_param_next(struct fmt_param *p);
/* qualifiers (an empty set when qs->ft is NULL) */
struct fmt_qual {
	const MI_QualifierSet *qs;
	MI_Uint32 i, pos, n;
	const MI_Char *name;
	MI_Type t;
	MI_Uint32 fl;
	MI_Value v;
};
void fmt_quals(struct fmt_qual *q, const MI_QualifierSet *qs);
int fmt_qual_next(struct fmt_qual *q);
int fmt_has_qualifier(const MI_QualifierSet *qs, const char *name);
/* A boolean qualifier's value, or dflt when the set lacks it. */
int fmt_qual_bool(const MI_QualifierSet *qs, const char *name, int dflt);

/* record (table / CSV) */
void fmt_rec_add(struct fmt *f, const char *name, const char *value /* NULL = NULL */);
void fmt_rec_add_key(struct fmt *f, const char *name, const char *value, int key);
void fmt_rec_from_instance(struct fmt *f, const MI_Instance *inst);
/* Writes the record built with fmt_rec_add as one result (table, CSV). */
void fmt_record(struct fmt *f);
/* Moves the record being built into a new buffered row (table). */
struct fmt_record *fmt_rec_take(struct fmt *f);
/* Empties the record being built. */
void fmt_rec_reset(struct fmt *f);
/* Column index of name (case-insensitive), adding it when add; -1 if absent. */
long fmt_col(struct fmt *f, const char *name, int add);

/* per-format entry points */
void mof_instance(struct fmt *f, const MI_Instance *inst);
void mof_class(struct fmt *f, const MI_Class *cls);
void mof_value(struct sbuf *b, MI_Type t, const MI_Value *v, MI_Uint32 flags, int indent);
void json_instance(struct fmt *f, const MI_Instance *inst);
void json_instance_body(struct fmt *f, struct sbuf *b, const MI_Instance *inst, int top);
void json_class(struct fmt *f, const MI_Class *cls);
void json_class_name(struct fmt *f, const MI_Class *cls);
void json_value(struct sbuf *b, struct fmt *f, MI_Type t, const MI_Value *v, MI_Uint32 flags);
void xml_begin(struct fmt *f);
void xml_instance(struct fmt *f, const MI_Instance *inst);
void xml_instance_name(struct fmt *f, const MI_Instance *inst);
void xml_class(struct fmt *f, const MI_Class *cls);
void xml_class_name(struct fmt *f, const MI_Class *cls);
void xml_end(struct fmt *f);
void xml_instance_element(struct sbuf *b, const MI_Instance *inst);
void table_record(struct fmt *f);
void table_end(struct fmt *f);
void csv_record(struct fmt *f);
void csv_end(struct fmt *f);

#endif
