/* model.h - internal layout of instances, classes and values, and the
 * helpers that protocol modules use to build them.  Not part of the public
 * API: only engine/ and the engine's unit tests include it.
 *
 * Ownership: an instance owns every element name and value (strings,
 * arrays, embedded and reference instances).  Class likewise.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef CIMTUI_ENGINE_MODEL_H
#define CIMTUI_ENGINE_MODEL_H

#include "mi.h"

#define MIX_INSTANCE_MAGIC 0x43494d49u /* "CIMI" */
#define MIX_CLASS_MAGIC 0x43494d43u    /* "CIMC" */

struct mix_element {
	char *name;
	MI_Type type;
	MI_Uint32 flags; /* MI_FLAG_KEY, MI_FLAG_NULL, MI_FLAG_READONLY */
	MI_Value value;  /* meaningless when flags has MI_FLAG_NULL */
};

struct _MI_Instance {
	MI_Uint32 magic;
	char *class_name;
	char *name_space;  /* may be NULL */
	char *server_name; /* may be NULL */
	struct mix_element *elems;
	MI_Uint32 count, cap;
};

struct mix_qualifier {
	char *name;
	MI_Type type;
	MI_Uint32 flags; /* MI_FLAG_TOSUBCLASS, MI_FLAG_DISABLEOVERRIDE, MI_FLAG_TRANSLATABLE, MI_FLAG_NULL */
	MI_Value value;
};

struct mix_qualifiers {
	struct mix_qualifier *items;
	MI_Uint32 count, cap;
};

struct mix_property {
	char *name;
	MI_Type type;
	MI_Uint32 flags;      /* MI_FLAG_KEY, MI_FLAG_READONLY, MI_FLAG_NULL (no default) */
	char *ref_class;      /* REFERENCECLASS, or EmbeddedInstance class; may be NULL */
	char *class_origin;   /* may be NULL */
	MI_Boolean propagated;
	MI_Value value;       /* default value unless MI_FLAG_NULL */
	struct mix_qualifiers quals;
};

struct mix_parameter {
	char *name;
	MI_Type type;
	MI_Uint32 flags; /* MI_FLAG_IN, MI_FLAG_OUT */
	char *ref_class;
	struct mix_qualifiers quals;
};

struct mix_method {
	char *name;
	MI_Type return_type;
	char *class_origin;
	MI_Boolean propagated;
	struct mix_qualifiers quals;
	struct mix_parameter *params;
	MI_Uint32 nparams, cap;
};

struct _MI_Class {
	MI_Uint32 magic;
	char *name;
	char *super_name;  /* NULL: a root class */
	char *name_space;
	char *server_name;
	struct mix_qualifiers quals;
	struct mix_property *props;
	MI_Uint32 nprops, props_cap;
	struct mix_method *methods;
	MI_Uint32 nmethods, methods_cap;
};

/* ---- values ---------------------------------------------------------------- */
/* Deep copy of the heap parts of `src` of type `type` into `dst`. */
MI_Result mix_value_copy(MI_Value *dst, const MI_Value *src, MI_Type type);
/* Frees the heap parts; the MI_Value itself is not freed. */
void mix_value_free(MI_Value *v, MI_Type type);
/* Parses DSP0004 datetime text (25 chars; '*' wildcards read as 0).
 * Returns 0 on success, -1 when malformed. */
int mix_datetime_parse(const char *text, MI_Datetime *out);
/* Writes the 25-char DSP0004 form plus NUL into buf (>= 26 bytes). */
void mix_datetime_format(const MI_Datetime *dt, char *buf);
/* Parses `text` as a scalar of `type` (not STRING/REFERENCE/INSTANCE arrays);
 * integers decimal or 0x hex, reals incl. INF/NaN, booleans TRUE/FALSE any
 * case, char16 one UTF-8 character.  For MI_STRING duplicates.  Returns 0 or -1. */
int mix_value_parse_scalar(const char *text, MI_Type type, MI_Value *out);
/* Type from its CIM-XML TYPE attribute ("uint32", "string", "reference",
 * "datetime"...).  Returns 0 and sets *out, or -1 for an unknown name. */
int mix_type_from_name(const char *name, MI_Type *out);
/* ASCII case-insensitive compare for CIM names. */
int mix_name_eq(const char *a, const char *b);

/* ---- instances --------------------------------------------------------------- */
MI_Instance *mix_instance_new(const char *class_name, const char *name_space);
/* Appends an element taking ownership of `value`'s heap parts (no copy, no
 * duplicate-name check: parsers use it for speed).  flags as for elements. */
MI_Result mix_instance_adopt(MI_Instance *inst, const char *name, MI_Value *value,
	MI_Type type, MI_Uint32 flags);
/* Element lookup, case-insensitive; NULL when absent. */
struct mix_element *mix_instance_find(const MI_Instance *inst, const char *name);
/* Convenience for builders: adds a string element (copied); s NULL -> NULL. */
MI_Result mix_instance_add_string(MI_Instance *inst, const char *name, const char *s, MI_Uint32 flags);
MI_Result mix_instance_add_uint(MI_Instance *inst, const char *name, MI_Type type, MI_Uint64 v, MI_Uint32 flags);
int mix_instance_valid(const MI_Instance *inst);

/* ---- classes ------------------------------------------------------------------ */
MI_Class *mix_class_new(const char *name, const char *super_name, const char *name_space);
struct mix_property *mix_class_add_property(MI_Class *c, const char *name, MI_Type type, MI_Uint32 flags);
struct mix_method *mix_class_add_method(MI_Class *c, const char *name, MI_Type return_type);
struct mix_parameter *mix_method_add_param(struct mix_method *m, const char *name, MI_Type type, MI_Uint32 flags);
/* Adds a qualifier taking ownership of value's heap parts (value NULL = NULL). */
struct mix_qualifier *mix_qualifiers_adopt(struct mix_qualifiers *q, const char *name, MI_Type type,
	MI_Value *value, MI_Uint32 flags);
void mix_qualifiers_free(struct mix_qualifiers *q);
int mix_class_valid(const MI_Class *c);
void mix_qualifier_set_init(MI_QualifierSet *set, const struct mix_qualifiers *q);

/* ---- CIM_Error ------------------------------------------------------------------ */
/* Builds a CIM_Error instance made by this engine (OwningEntity "cimtui"):
 * CIMStatusCode, CIMStatusCodeDescription, Message, MessageID (e.g.
 * "CIMTUI0001"; NULL -> "CIMTUI<code>"), PerceivedSeverity, ProbableCause,
 * ProbableCauseDescription, ErrorType, ErrorSource (target URL; may be
 * NULL), ErrorSourceFormat. */
MI_Instance *mix_error_new(MI_Result code, const char *message, const char *message_id,
	const char *error_source);
/* CIM_Error ErrorType and ProbableCause values used by the engine. */
enum { MIX_ERRTYPE_UNKNOWN = 0, MIX_ERRTYPE_OTHER = 1, MIX_ERRTYPE_COMMUNICATIONS = 2,
	MIX_ERRTYPE_SOFTWARE = 4, MIX_ERRTYPE_SECURITY = 7, MIX_ERRTYPE_UNSUPPORTED = 10 };
enum { MIX_CAUSE_UNKNOWN = 0, MIX_CAUSE_OTHER = 1, MIX_CAUSE_CONNECTION = 5,
	MIX_CAUSE_PROTOCOL = 6, MIX_CAUSE_CORRUPT_DATA = 10 };
/* As mix_error_new with ErrorType, ProbableCause and its description set
 * explicitly (cause_text may be NULL). */
MI_Instance *mix_error_new_ex(MI_Result code, const char *message, const char *message_id,
	const char *error_source, unsigned error_type, unsigned probable_cause, const char *cause_text);
/* Fills in what a server-sent CIM_Error lacks (CIMStatusCode etc.) without
 * touching what it has. */
void mix_error_complete(MI_Instance *err, MI_Result code, const char *message,
	const char *error_source);

#endif
