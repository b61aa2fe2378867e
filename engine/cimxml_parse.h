/* cimxml_parse.h - streaming reader for CIM-XML responses (DSP0201).
 *
 * Bytes go in as they arrive (libxml2 push parser, SAX2); every complete
 * result object is handed to the sink at once, so the first instance of a
 * huge reply is available after its first kilobytes.  Hardened: no DTD, no
 * entities, no network, depth and size limits.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef CIMTUI_ENGINE_CIMXML_PARSE_H
#define CIMTUI_ENGINE_CIMXML_PARSE_H

#include <stddef.h>
#include "mi.h"

struct cimxml_parser;

/* Result objects, in document order.  Ownership passes to the callee.
 * A non-zero return stops the parse (cimxml_parser_feed then returns -1 and
 * the status says MI_RESULT_FAILED "stopped").
 *
 * instance: VALUE.NAMEDINSTANCE, VALUE.INSTANCEWITHPATH, VALUE.OBJECTWITHPATH,
 *   VALUE.OBJECTWITHLOCALPATH, VALUE.OBJECT, INSTANCE (bare, as OpenQuery and
 *   GetInstance return): the instance with every property, namespace and
 *   host taken from the path when there is one, and MI_FLAG_KEY set on the
 *   key properties named by the path.
 *   INSTANCENAME, INSTANCEPATH, OBJECTPATH (EnumerateInstanceNames, *Names,
 *   Open*Paths): a keys-only instance of the path's class.
 * klass: CLASS (full) or CLASSNAME (a class with only its name).
 */
struct cimxml_sink {
	void *ctx;
	int (*instance)(void *ctx, MI_Instance *inst);
	int (*klass)(void *ctx, MI_Class *cls);
};

struct cimxml_limits {
	size_t max_depth;        /* element nesting; default 256 */
	size_t max_text;         /* one text node / attribute; default 16 MiB */
	size_t max_elements;     /* properties per instance; default 65536 */
	size_t max_total;        /* whole body; default 1 GiB */
};

/* What the response said besides the objects.  Valid after finish. */
struct cimxml_status {
	int well_formed;            /* 0: malformed, truncated or over a limit */
	char *parse_error;          /* libxml2's or our message when !well_formed */
	int has_error;              /* an ERROR element was present */
	MI_Result code;             /* its CODE */
	char *description;          /* its DESCRIPTION, may be NULL */
	MI_Instance *error_instance;/* first INSTANCE inside ERROR (owned here), may be NULL */
	char *response_name;        /* IMETHODRESPONSE/METHODRESPONSE NAME */
	int end_of_sequence;        /* -1 absent, 0 FALSE, 1 TRUE */
	char *enumeration_context;  /* NULL when absent; "" when empty */
	/* METHODRESPONSE: class "__PARAMETERS" holding ReturnValue (typed by
	 * PARAMTYPE) and every output PARAMVALUE; NULL otherwise. */
	MI_Instance *method_output;
	size_t objects;             /* objects delivered to the sink */
};

/* default_ns: namespace given to objects whose path has none (may be NULL). */
struct cimxml_parser *cimxml_parser_new(const struct cimxml_sink *sink,
	const struct cimxml_limits *limits /* NULL: defaults */, const char *default_ns);
/* Replaces the sink for the objects still to come (e.g. to discard them). */
void cimxml_parser_set_sink(struct cimxml_parser *p, const struct cimxml_sink *sink);
/* 0 while the document is fine so far, -1 once it is not (see status). */
int cimxml_parser_feed(struct cimxml_parser *p, const char *buf, size_t len);
/* End of input: a document that did not end is "truncated". 0 or -1. */
int cimxml_parser_finish(struct cimxml_parser *p);
const struct cimxml_status *cimxml_parser_status(const struct cimxml_parser *p);
/* Moves ownership of status.error_instance / method_output to the caller. */
MI_Instance *cimxml_parser_take_error_instance(struct cimxml_parser *p);
MI_Instance *cimxml_parser_take_method_output(struct cimxml_parser *p);
void cimxml_parser_free(struct cimxml_parser *p);

/* Details the declarations above leave open (engine/cimxml_parse.c):
 * - Limits of 0 in *limits mean the default.  max_elements also caps keys
 *   per path, array elements, qualifiers, class properties and methods.
 * - A value that is not valid for its declared TYPE is kept as MI_STRING
 *   with the server's text (an array: MI_STRINGA); an empty non-string
 *   VALUE is NULL.  VALUE.NULL in a numeric array reads as 0.
 * - A path's key without a name (single KEYVALUE or VALUE.REFERENCE in
 *   INSTANCENAME) is an element named "".  A reference whose path has no
 *   namespace keeps name_space NULL (= the containing object's).
 * - EmbeddedObject that holds a CLASS, or does not parse, stays a string.
 *   In a CLASS, EmbeddedObject / EmbeddedInstance("C") make the property
 *   (or parameter) MI_INSTANCE(A) with ref_class C.
 * - Instance qualifiers are dropped; QUALIFIER.DECLARATION, a VALUE
 *   directly in IRETURNVALUE and unknown elements are skipped.
 * - METHOD without TYPE returns MI_UINT32; PARAMVALUE without PARAMTYPE
 *   is a string (or string array); EnumerationContext present without a
 *   VALUE is "".
 * - Qualifier flavors: MI_FLAG_TOSUBCLASS (default), MI_FLAG_DISABLEOVERRIDE
 *   for OVERRIDABLE="false", MI_FLAG_TRANSLATABLE.
 * - A failure stops the parse; parse_error is "stopped" (sink), "empty
 *   document", "truncated document: ...", a limit, or libxml2's message
 *   with its line.  Any DOCTYPE is refused. */

/* Parses one standalone INSTANCE or CLASS element (embedded objects).
 * Returns the object or NULL; exactly one of *inst / *cls is set. */
int cimxml_parse_object(const char *xml, size_t len, const struct cimxml_limits *limits,
	MI_Instance **inst, MI_Class **cls);

#endif
