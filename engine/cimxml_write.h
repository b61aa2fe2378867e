/* cimxml_write.h - CIM-XML request writer (DSP0200/DSP0201).
 *
 * Builds request bodies into a growing buffer.  Every piece of text that
 * comes from a caller (names, values, queries) goes through the XML
 * escaper; nothing user-supplied is ever formatted raw.  An allocation
 * failure sets buf->oom and turns later writes into no-ops, so callers
 * check once at the end.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef CIMTUI_ENGINE_CIMXML_WRITE_H
#define CIMTUI_ENGINE_CIMXML_WRITE_H

#include <stddef.h>
#include "mi.h"

struct cx_buf {
	char *data;
	size_t len, cap;
	int oom;
};

void cx_buf_init(struct cx_buf *b);
void cx_buf_free(struct cx_buf *b);
/* Appends literal markup (trusted, never user data). */
void cx_raw(struct cx_buf *b, const char *s);
/* Appends text escaped for element content and attribute values. */
void cx_text(struct cx_buf *b, const char *s);
/* Steals the NUL-terminated contents (NULL after oom); b is reset. */
char *cx_take(struct cx_buf *b, size_t *len);

/* <?xml ...?><CIM><MESSAGE><SIMPLEREQ><IMETHODCALL NAME=method>
 * <LOCALNAMESPACEPATH/> ... up to the first IPARAMVALUE. */
void cx_begin_imethod(struct cx_buf *b, unsigned long msgid, const char *method, const char *ns);
void cx_end_imethod(struct cx_buf *b);
/* METHODCALL on an instance (keys from inst) or on a class (inst NULL). */
void cx_begin_method(struct cx_buf *b, unsigned long msgid, const char *method, const char *ns,
	const char *class_name, const MI_Instance *inst);
void cx_end_method(struct cx_buf *b);

/* IPARAMVALUEs.  NULL string / class name: nothing is written (server default). */
void cx_iparam_classname(struct cx_buf *b, const char *name, const char *class_name);
void cx_iparam_bool(struct cx_buf *b, const char *name, MI_Boolean v);
void cx_iparam_string(struct cx_buf *b, const char *name, const char *v);
void cx_iparam_uint(struct cx_buf *b, const char *name, unsigned long long v);
/* list NULL: nothing written (= all properties); list {NULL}: empty array. */
void cx_iparam_plist(struct cx_buf *b, const char *name, char *const *list);
/* INSTANCENAME of inst's class with its keys. */
void cx_iparam_instancename(struct cx_buf *b, const char *name, const MI_Instance *inst);
/* An INSTANCE element with every non-key-less property (CreateInstance). */
void cx_iparam_instance(struct cx_buf *b, const char *name, const MI_Instance *inst);
/* VALUE.NAMEDINSTANCE (ModifyInstance). */
void cx_iparam_namedinstance(struct cx_buf *b, const char *name, const MI_Instance *inst);

/* A PARAMVALUE with PARAMTYPE (METHODCALL input); NULL flag: no value. */
void cx_paramvalue(struct cx_buf *b, const char *name, MI_Type type, const MI_Value *v, MI_Uint32 flags);

/* Pieces used by the above, exported for the header writer and tests. */
void cx_instancename(struct cx_buf *b, const MI_Instance *inst);
void cx_localnamespacepath(struct cx_buf *b, const char *ns);

/* CIMObject header value before percent-encoding: "root/cimv2" for
 * intrinsic calls (class_name NULL), "ns:Class" or "ns:Class.k=\"v\",n=3"
 * for extrinsic ones.  malloc'd; NULL on oom. */
char *cx_object_path(const char *ns, const char *class_name, const MI_Instance *keys);
/* Percent-encodes a header value per protocols.md A.2 (UTF-8 bytes that
 * are not allowed unescaped in a URI become %XX; / : . = , stay). */
char *cx_header_encode(const char *raw);
/* Decodes %XX in place (PGErrorDetail, CIMStatusCodeDescription). */
void cx_percent_decode(char *s);

#endif
