/* cimxml_internal.h - state shared by the CIM-XML protocol driver files:
 * cimxml.c (session, transfers, paging), cimxml_ops.c (which request each
 * operation sends), cimxml_err.c (turning failures into CIM_Error) and
 * cimxml_ns.c (namespace discovery).  Engine thread only.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef CIMTUI_ENGINE_CIMXML_INTERNAL_H
#define CIMTUI_ENGINE_CIMXML_INTERNAL_H

#include "cimxml_parse.h"
#include "cimxml_write.h"
#include "http.h"
#include "operation.h"

/* Pull-operation support of a session, learned once (protocols.md A.7). */
enum cx_pull { CX_PULL_UNKNOWN = 0, CX_PULL_YES, CX_PULL_NO };

struct cx_session {
	struct mix_session *s;
	struct mix_http_pool pool;
	char *url;             /* full request URL, also ErrorSource */
	unsigned long msgid;
	enum cx_pull pull;
	unsigned no_open;      /* cx_open_bit()s of Open* answered NOT_SUPPORTED */
	/* Set when the session must not send anything (Basic over plain
	 * HTTP with packet privacy): every operation fails with this. */
	MI_Result refuse_code;
	char *refuse_msg;
};

/* What the request in flight is. */
enum cx_mode {
	CX_CLASSIC,  /* one request, whole result */
	CX_OPEN,     /* Open*: first page */
	CX_PULL,     /* Pull*: next page */
};

struct cx_ns;

struct cx_op {
	struct mix_op *op;
	struct cx_session *cs;
	const struct mix_request *rq;
	struct mix_http *http;
	struct cimxml_parser *parser;
	enum cx_mode mode;
	char method[48];        /* CIMMethod of the request in flight */
	int pulling;            /* this op pages with pull operations */
	char *context;          /* open server-side enumeration context */
	int next_page_due;      /* a Pull waits for room in the queue */
	int full;               /* a post said MIX_POST_FULL since the last pump */
	int bad_ctype;          /* the reply was not XML */
	char *ctype;            /* its Content-Type, for the message */
	uint64_t idle_ms;
	MI_Uint32 page;
	size_t posted;          /* results posted by the request in flight */
	struct cx_ns *ns;       /* namespace discovery, or NULL */
};

/* The outcome of one request. */
struct cx_result {
	int ok;
	MI_Result code;
	char *msg;               /* malloc'd */
	MI_Instance *details;    /* owned; NULL = let the engine build one */
	int cim_error;           /* the server answered with ERROR (not transport) */
};

void cx_result_clear(struct cx_result *r);

/* cimxml.c */
/* Sends a prepared body (taken over).  cim_object: raw header value. */
int cx_send(struct cx_op *cx, enum cx_mode mode, const char *method, struct cx_buf *body,
	const char *cim_object, const char *ns);
void cx_finish(struct cx_op *cx, struct cx_result *r);   /* posts final; takes r's contents */
int cx_post_instance(struct cx_op *cx, MI_Instance *inst);

static inline unsigned cx_open_bit(const struct mix_request *rq)
{
	return 1u << ((unsigned)rq->kind * 2u + (rq->keys_only ? 1u : 0u));
}

/* cimxml_ops.c: builds and sends the request of the op (mode per pulling). */
int cx_ops_send_first(struct cx_op *cx);
int cx_ops_send_pull(struct cx_op *cx);
/* Whether kind has a pull variant. */
int cx_ops_pullable(const struct mix_request *rq);
/* The CloseEnumeration body for ctx (detached clean-up). */
int cx_ops_close_body(struct cx_session *cs, const char *ns, const char *ctx, struct cx_buf *b);

/* cimxml_err.c */
void cx_classify(struct cx_op *cx, struct mix_http *h, struct cx_result *r);
void cx_fail(struct cx_result *r, struct cx_op *cx, MI_Result code, const char *msgid,
	unsigned errtype, unsigned cause, const char *fmt, ...) __attribute__((format(printf, 7, 8)));

/* cimxml_ns.c */
int cx_ns_start(struct cx_op *cx);
/* Instances of a namespace-discovery reply; takes inst. Returns 0. */
int cx_ns_instance(struct cx_op *cx, MI_Instance *inst);
/* A discovery request ended; decides what comes next (may finish). */
void cx_ns_step(struct cx_op *cx, struct cx_result *r);
void cx_ns_free(struct cx_ns *ns);

#endif
