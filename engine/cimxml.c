/* cimxml.c - the CIM-XML protocol driver: sessions, one transfer per
 * request, streaming results into the operation's queue, paging with pull
 * operations (and the remembered fallback to classic ones), cancel with
 * CloseEnumeration.
 *
 * Paging rules (protocols.md A.7, servers.md):
 * - Enumerations, associators, references and queries use Open* + Pull*
 *   unless the session learned the server lacks them, or cimtui:NoPull.
 * - An Open* answered with CIM_ERR_NOT_SUPPORTED (7), CIM_ERR_FAILED (1)
 *   (SFCB 1.3: "invalid imethodcall XML") or an HTTP "unsupported"
 *   refusal, before the session ever saw a pull work, marks the session
 *   "no pull" and the same operation is re-sent classic; later operations
 *   go classic directly.  Once pulls have worked, only 7 falls back, and
 *   only that Open* (kind + paths) is remembered as unsupported; a 1 is
 *   then a real error.
 * - An Open* reply with neither EnumerationContext nor EndOfSequence
 *   (SFCB 1.4 runs Open* as the classic operation) is complete.
 * - The next Pull is sent only when the result queue has room.
 * - stop() with a context still open sends CloseEnumeration as a detached
 *   transfer bounded to 2 s; so does every failure that leaves one open.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "cimxml.h"
#include "cimxml_internal.h"
#include "model.h"

#include <libxml/parser.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define IDLE_TIMEOUT_MS 30000u   /* nothing received for this long: timeout */
#define CLOSE_TIMEOUT_MS 2000u   /* CloseEnumeration after a cancel */

static pthread_once_t xml_once = PTHREAD_ONCE_INIT;
static void xml_init_once(void)
{
	xmlInitParser();
}

void cx_result_clear(struct cx_result *r)
{
	free(r->msg);
	if (r->details)
		MI_Instance_Delete(r->details);
	memset(r, 0, sizeof(*r));
}

/* ---- destination URL ---------------------------------------------------------------- */

/* http(s)://[user@]host[:port][/path] -> scheme://host:port/path with
 * the defaults of DSP0200 (5988/5989, /cimom) and the options applied. */
static char *build_url(const char *dest, const struct mix_dest_options *o)
{
	const char *scheme = "http";
	const char *p = dest;
	const char *sep = strstr(dest, "://");
	if (sep) {
		if (!strncasecmp(dest, "https", 5) && sep - dest == 5)
			scheme = "https";
		p = sep + 3;
	}
	if (o->transport && !strcasecmp(o->transport, "HTTPS"))
		scheme = "https";
	else if (o->transport && !strcasecmp(o->transport, "HTTP"))
		scheme = "http";
	const char *at = strchr(p, '@'), *slash = strchr(p, '/');
	if (at && (!slash || at < slash))
		p = at + 1; /* credentials never go into the URL we show */
	slash = strchr(p, '/');
	size_t hostlen = slash ? (size_t)(slash - p) : strlen(p);
	char *hostport = strndup(p, hostlen);
	if (!hostport || !*hostport) {
		free(hostport);
		return NULL;
	}
	/* Split off a port; an IPv6 literal keeps its brackets. */
	char *colon = strrchr(hostport, ':');
	if (colon && strchr(hostport, ']') && colon < strchr(hostport, ']'))
		colon = NULL;
	unsigned port = 0;
	if (colon) {
		port = (unsigned)strtoul(colon + 1, NULL, 10);
		*colon = '\0';
	}
	if (o->port)
		port = o->port;
	if (!port)
		port = strcmp(scheme, "https") ? 5988 : 5989;
	const char *path = slash && slash[1] ? slash : NULL;
	if (!path)
		path = o->url_prefix && *o->url_prefix ? o->url_prefix : "/cimom";
	size_t n = strlen(scheme) + strlen(hostport) + strlen(path) + 32;
	char *url = malloc(n);
	if (url)
		snprintf(url, n, "%s://%s:%u%s%s", scheme, hostport, port, path[0] == '/' ? "" : "/", path);
	free(hostport);
	return url;
}

/* ---- session ------------------------------------------------------------------------- */

static MI_Result cx_session_open(struct mix_session *s, MI_Instance **err)
{
	pthread_once(&xml_once, xml_init_once);
	const struct mix_dest_options *o = mix_session_options(s);
	struct cx_session *cs = calloc(1, sizeof(*cs));
	if (!cs)
		return MI_RESULT_FAILED;
	cs->s = s;
	cs->url = build_url(mix_session_destination(s), o);
	if (!cs->url) {
		if (err)
			*err = mix_error_new_ex(MI_RESULT_INVALID_PARAMETER,
				"invalid CIM-XML destination; use http(s)://host[:port][/path]", "CIMTUI0121",
				mix_session_destination(s), MIX_ERRTYPE_COMMUNICATIONS, MIX_CAUSE_OTHER, NULL);
		free(cs);
		return MI_RESULT_INVALID_PARAMETER;
	}
	if (o->no_pull)
		cs->pull = CX_PULL_NO;
	int basic = o->username && *o->username &&
		    (!o->auth_type || !strcasecmp(o->auth_type, "Basic") || !strcasecmp(o->auth_type, "Default"));
	if (basic && o->packet_privacy && !strncmp(cs->url, "http://", 7)) {
		cs->refuse_code = MI_RESULT_ACCESS_DENIED;
		cs->refuse_msg = strdup("refusing to send a Basic password over plain HTTP "
			"(packet privacy is on); use https://, or allow it with "
			"MI_DestinationOptions_SetPacketPrivacy(FALSE)");
	}
	mix_http_pool_init(&cs->pool, mix_session_curl_multi(s));
	mix_session_set_proto_state(s, cs);
	return MI_RESULT_OK;
}

static void cx_session_close(struct mix_session *s)
{
	struct cx_session *cs = mix_session_proto_state(s);
	if (!cs)
		return;
	mix_http_pool_cleanup(&cs->pool);
	free(cs->url);
	free(cs->refuse_msg);
	free(cs);
	mix_session_set_proto_state(s, NULL);
}

/* CloseEnumeration requests sent on cancel are still on the wire. */
static int cx_session_busy(struct mix_session *s)
{
	struct cx_session *cs = mix_session_proto_state(s);
	return cs && cs->pool.detached != NULL;
}

/* ---- results ---------------------------------------------------------------------------- */

int cx_post_instance(struct cx_op *cx, MI_Instance *inst)
{
	cx->posted++;
	int r = mix_op_post_instance(cx->op, inst);
	if (r == MIX_POST_FULL)
		cx->full = 1;
	return r == MIX_POST_CLOSED ? 1 : 0;
}

static int sink_instance(void *ctx, MI_Instance *inst)
{
	struct cx_op *cx = ctx;
	if (cx->ns)
		return cx_ns_instance(cx, inst);
	if (cx->rq->kind == MIX_OP_INVOKE) { /* the result is the method output */
		MI_Instance_Delete(inst);
		return 0;
	}
	return cx_post_instance(cx, inst);
}

static int sink_class(void *ctx, MI_Class *cls)
{
	struct cx_op *cx = ctx;
	const struct mix_request *rq = cx->rq;
	cx->posted++;
	/* EnumerateClassNames gives bare names; for direct children the
	 * parent is the class asked about (MI: names and superclass names). */
	if (rq->kind == MIX_OP_ENUMERATE_CLASSES && rq->class_names_only && !rq->deep_inheritance &&
	    rq->class_name && !cls->super_name)
		cls->super_name = strdup(rq->class_name);
	int r = mix_op_post_class(cx->op, cls);
	if (r == MIX_POST_FULL)
		cx->full = 1;
	return r == MIX_POST_CLOSED ? 1 : 0;
}

/* ---- transfer callbacks ------------------------------------------------------------------ */

static int ctype_is_xml(const char *ct)
{
	if (!ct)
		return 1; /* tolerate a missing Content-Type; the parser judges */
	while (*ct == ' ')
		ct++;
	return !strncasecmp(ct, "application/xml", 15) || !strncasecmp(ct, "text/xml", 8);
}

static int on_headers(void *ctx, struct mix_http *h)
{
	struct cx_op *cx = ctx;
	const char *ct = mix_http_header(h, "Content-Type");
	if (!ctype_is_xml(ct)) {
		cx->bad_ctype = 1;
		free(cx->ctype);
		cx->ctype = strdup(ct);
		return -1;
	}
	return 0;
}

static int on_body(void *ctx, const char *buf, size_t len)
{
	struct cx_op *cx = ctx;
	return cimxml_parser_feed(cx->parser, buf, len);
}

static int on_full(void *ctx)
{
	return ((struct cx_op *)ctx)->full;
}

static void on_done(void *ctx, struct mix_http *h);

static const struct mix_http_callbacks transfer_cbs = {
	.headers = on_headers, .body = on_body, .full = on_full, .done = on_done,
};

int cx_send(struct cx_op *cx, enum cx_mode mode, const char *method, struct cx_buf *body,
	const char *cim_object, const char *ns)
{
	size_t len;
	char *data = cx_take(body, &len);
	if (!data)
		return -1;
	if (cx->parser)
		cimxml_parser_free(cx->parser);
	const struct mix_dest_options *o = mix_session_options(cx->cs->s);
	struct cimxml_limits lim = { .max_depth = o->max_xml_depth, .max_total = (size_t)o->max_response_bytes };
	struct cimxml_sink sink = { cx, sink_instance, sink_class };
	cx->parser = cimxml_parser_new(&sink, &lim, ns);
	if (!cx->parser) {
		free(data);
		return -1;
	}
	cx->mode = mode;
	snprintf(cx->method, sizeof(cx->method), "%s", method);
	cx->posted = 0;
	cx->bad_ctype = 0;
	struct mix_http_request hr = {
		.url = cx->cs->url, .cim_method = method, .cim_object = cim_object,
		.body = data, .body_len = len, .idle_timeout_ms = cx->idle_ms,
	};
	struct mix_http_callbacks cb = transfer_cbs;
	cb.ctx = cx;
	const char *err = NULL;
	cx->http = mix_http_start(&cx->cs->pool, o, &hr, &cb, &err);
	return cx->http ? 0 : -1;
}

/* Sends CloseEnumeration for context without waiting for it (a detached,
 * session-owned transfer with a time limit). */
static void close_enumeration(struct cx_session *cs, const char *ns, const char *context)
{
	struct cx_buf b;
	cx_buf_init(&b);
	if (cx_ops_close_body(cs, ns, context, &b) == 0) {
		size_t len;
		char *data = cx_take(&b, &len);
		char *obj = cx_object_path(ns, NULL, NULL);
		if (data && obj) {
			struct mix_http_request hr = {
				.url = cs->url, .cim_method = "CloseEnumeration", .cim_object = obj,
				.body = data, .body_len = len, .idle_timeout_ms = CLOSE_TIMEOUT_MS,
				.total_timeout_ms = CLOSE_TIMEOUT_MS,
			};
			const char *err = NULL;
			struct mix_http *h = mix_http_start(&cs->pool, mix_session_options(cs->s), &hr, NULL, &err);
			if (h)
				mix_http_detach(h);
		} else {
			free(data);
		}
		free(obj);
	}
	cx_buf_free(&b);
}

static void close_context(struct cx_op *cx)
{
	if (cx->context && *cx->context)
		close_enumeration(cx->cs, cx->rq->ns, cx->context);
	free(cx->context);
	cx->context = NULL;
}

/* ---- draining a cancelled Open or Pull reply -------------------------------------------------
 * A cancel while such a reply is still arriving would leave the server
 * with an enumeration context we never learned (OMI-style servers then
 * block the user until it is released).  So the reply runs on, detached
 * and bounded, through the same parser with its objects discarded, and
 * the context it names is closed. */

struct cx_drain {
	struct cx_session *cs;
	char *ns;
	struct cimxml_parser *parser;
	char *old_context; /* a Pull's context, used if the reply never completes */
};

static int drain_discard(void *ctx, MI_Instance *inst)
{
	(void)ctx;
	MI_Instance_Delete(inst);
	return 0;
}

static int drain_discard_class(void *ctx, MI_Class *cls)
{
	(void)ctx;
	MI_Class_Delete(cls);
	return 0;
}

static int drain_body(void *ctx, const char *buf, size_t len)
{
	struct cx_drain *d = ctx;
	return cimxml_parser_feed(d->parser, buf, len) == 0 ? 0 : -1;
}

static void drain_done(void *ctx, struct mix_http *h)
{
	struct cx_drain *d = ctx;
	const char *context = d->old_context;
	if (mix_http_stop_reason(h) == MIX_HTTP_STOP_BY_OWNER) {
		context = NULL; /* the session is closing: nothing more may be sent */
	} else if (mix_http_curl_code(h) == 0 && mix_http_status(h) / 100 == 2 &&
		   cimxml_parser_finish(d->parser) == 0) {
		const struct cimxml_status *st = cimxml_parser_status(d->parser);
		context = st->end_of_sequence == 1 ? NULL : st->enumeration_context;
	}
	if (context && *context)
		close_enumeration(d->cs, d->ns, context);
	cimxml_parser_free(d->parser);
	free(d->old_context);
	free(d->ns);
	free(d);
}

/* Whether the request in flight opens or continues a server-side enumeration. */
static int in_flight_enumeration(const struct cx_op *cx)
{
	return cx->http && cx->parser && cx->pulling &&
	       (!strncmp(cx->method, "Open", 4) || !strncmp(cx->method, "Pull", 4));
}

/* Hands the in-flight reply to a drain; 0 when done, -1 when not possible. */
static int drain_reply(struct cx_op *cx)
{
	struct cx_drain *d = calloc(1, sizeof(*d));
	if (!d || !(d->ns = strdup(cx->rq->ns))) {
		free(d);
		return -1;
	}
	d->cs = cx->cs;
	d->parser = cx->parser;
	d->old_context = cx->context;
	cx->parser = NULL;
	cx->context = NULL;
	struct cimxml_sink discard = { d, drain_discard, drain_discard_class };
	cimxml_parser_set_sink(d->parser, &discard);
	struct mix_http_callbacks cb = { .ctx = d, .body = drain_body, .done = drain_done };
	mix_http_detach_with(cx->http, &cb, CLOSE_TIMEOUT_MS);
	cx->http = NULL;
	return 0;
}

void cx_finish(struct cx_op *cx, struct cx_result *r)
{
	if (r->ok) {
		mix_op_post_final(cx->op, MI_RESULT_OK, NULL, NULL);
	} else {
		MI_Instance *d = r->details;
		r->details = NULL;
		mix_op_post_final(cx->op, r->code, r->msg, d);
	}
	cx_result_clear(r);
}

/* Sends the next Pull now, or when the queue has room (pump). */
static void next_page(struct cx_op *cx)
{
	if (mix_op_queue_full(cx->op)) {
		cx->next_page_due = 1;
		return;
	}
	cx->next_page_due = 0;
	if (cx_ops_send_pull(cx) != 0) {
		struct cx_result r = { 0 };
		cx_fail(&r, cx, MI_RESULT_FAILED, "CIMTUI0119", MIX_ERRTYPE_OTHER, MIX_CAUSE_OTHER,
			"cannot send the next %s request", "Pull");
		cx_finish(cx, &r);
	}
}

/* Whether a failed Open* should be retried classic: NOT_SUPPORTED (or an
 * HTTP "unsupported" refusal) always; FAILED only while the session has
 * never seen a pull work (SFCB 1.3), since afterwards it is a real error. */
static int pull_unsupported(struct cx_op *cx, struct mix_http *h, const struct cx_result *r)
{
	if (cx->mode != CX_OPEN || cx->posted)
		return 0;
	if (r->cim_error)
		return r->code == MI_RESULT_NOT_SUPPORTED ||
		       (r->code == MI_RESULT_FAILED && cx->cs->pull != CX_PULL_YES);
	long st = mix_http_status(h);
	const char *ce = mix_http_header(h, "CIMError");
	return st == 501 || (ce && strstr(ce, "unsupported"));
}

/* A page of a pull enumeration arrived in good order. */
static void page_done(struct cx_op *cx, const struct cimxml_status *st)
{
	struct cx_result r = { 0 };
	int eos = st->end_of_sequence;
	const char *ctx = st->enumeration_context;
	free(cx->context);
	cx->context = NULL;
	if (eos == 1 || (eos == -1 && !ctx && cx->mode == CX_OPEN)) {
		/* Done; an Open* without both is SFCB 1.4's classic answer. */
		cx->cs->pull = CX_PULL_YES;
		r.ok = 1;
		cx_finish(cx, &r);
		return;
	}
	if (!ctx || !*ctx) {
		cx_fail(&r, cx, MI_RESULT_FAILED, "CIMTUI0118", MIX_ERRTYPE_COMMUNICATIONS, MIX_CAUSE_PROTOCOL,
			"invalid %s response: EndOfSequence is not TRUE but there is no EnumerationContext",
			cx->method);
		cx_finish(cx, &r);
		return;
	}
	cx->cs->pull = CX_PULL_YES;
	cx->context = strdup(ctx);
	next_page(cx);
}

static void on_done(void *ctx, struct mix_http *h)
{
	struct cx_op *cx = ctx;
	cx->http = NULL;
	struct cx_result r = { 0 };
	cx_classify(cx, h, &r);
	if (cx->ns) {
		cx_ns_step(cx, &r);
		return;
	}
	if (!r.ok) {
		if (pull_unsupported(cx, h, &r)) {
			/* Remember for the session (all pulls when none ever
			 * worked, else just this Open*); this op goes on classic. */
			if (cx->cs->pull == CX_PULL_YES)
				cx->cs->no_open |= cx_open_bit(cx->rq);
			else
				cx->cs->pull = CX_PULL_NO;
			cx->pulling = 0;
			cx_result_clear(&r);
			if (cx_ops_send_first(cx) == 0)
				return;
			cx_fail(&r, cx, MI_RESULT_FAILED, "CIMTUI0119", MIX_ERRTYPE_OTHER, MIX_CAUSE_OTHER,
				"cannot send the %s request", "classic");
		}
		/* A Pull that failed with ERROR closed the context server-side. */
		if (r.cim_error && cx->mode == CX_PULL) {
			free(cx->context);
			cx->context = NULL;
		}
		cx_finish(cx, &r);
		return;
	}
	const struct cimxml_status *st = cimxml_parser_status(cx->parser);
	if (cx->mode != CX_CLASSIC) {
		page_done(cx, st);
		return;
	}
	if (cx->rq->kind == MIX_OP_INVOKE) {
		MI_Instance *out = cimxml_parser_take_method_output(cx->parser);
		if (!out) {
			cx_fail(&r, cx, MI_RESULT_FAILED, "CIMTUI0118", MIX_ERRTYPE_COMMUNICATIONS,
				MIX_CAUSE_PROTOCOL, "invalid %s response: no RETURNVALUE", cx->method);
			cx_finish(cx, &r);
			return;
		}
		cx_post_instance(cx, out);
	}
	r.ok = 1;
	cx_finish(cx, &r);
}

/* ---- protocol entry points --------------------------------------------------------------- */

static void cx_start(struct mix_op *op)
{
	struct mix_session *s = mix_op_session(op);
	struct cx_session *cs = mix_session_proto_state(s);
	const struct mix_request *rq = mix_op_request(op);
	const struct mix_dest_options *o = mix_session_options(s);
	struct cx_op *cx = calloc(1, sizeof(*cx));
	if (!cx) {
		mix_op_post_final(op, MI_RESULT_FAILED, "out of memory", NULL);
		return;
	}
	cx->op = op;
	cx->cs = cs;
	cx->rq = rq;
	mix_op_set_proto_state(op, cx);
	struct cx_result r = { 0 };
	if (cs->refuse_code) {
		cx_fail(&r, cx, cs->refuse_code, "CIMTUI0117", MIX_ERRTYPE_SECURITY, MIX_CAUSE_OTHER, "%s",
			cs->refuse_msg ? cs->refuse_msg : "refused");
		cx_finish(cx, &r);
		return;
	}
	uint64_t t = rq->timeout_us ? rq->timeout_us : o->timeout_us;
	cx->idle_ms = IDLE_TIMEOUT_MS;
	if (t && t / 1000 < cx->idle_ms)
		cx->idle_ms = t / 1000 ? t / 1000 : 1;
	cx->page = rq->max_elements ? rq->max_elements : (o->max_elements ? o->max_elements : 1000);
	cx->pulling = cs->pull != CX_PULL_NO && !(cs->no_open & cx_open_bit(rq)) && cx_ops_pullable(rq);
	int rc = rq->kind == MIX_OP_ENUMERATE_NAMESPACES ? cx_ns_start(cx) : cx_ops_send_first(cx);
	if (rc != 0 && !cx->http) {
		cx_fail(&r, cx, MI_RESULT_FAILED, "CIMTUI0121", MIX_ERRTYPE_OTHER, MIX_CAUSE_OTHER,
			"cannot build or send the request for this operation");
		cx_finish(cx, &r);
	}
}

static void cx_pump(struct mix_op *op)
{
	struct cx_op *cx = mix_op_proto_state(op);
	if (!cx)
		return;
	cx->full = 0;
	if (cx->http && mix_http_paused(cx->http))
		mix_http_resume(cx->http);
	else if (cx->next_page_due && !cx->http)
		next_page(cx);
}

static void cx_stop(struct mix_op *op)
{
	struct cx_op *cx = mix_op_proto_state(op);
	if (!cx)
		return;
	if (in_flight_enumeration(cx) && drain_reply(cx) == 0) {
		/* the drain closes the enumeration once the reply names it */
	} else if (cx->http) {
		mix_http_abort(cx->http);
		cx->http = NULL;
	}
	close_context(cx); /* session-owned: runs on after we return */
	if (cx->parser)
		cimxml_parser_free(cx->parser);
	cx_ns_free(cx->ns);
	free(cx->ctype);
	free(cx);
	mix_op_set_proto_state(op, NULL);
}

const struct mix_protocol mix_protocol_cimxml = {
	.name = "CIMXML",
	.session_open = cx_session_open,
	.session_close = cx_session_close,
	.start = cx_start,
	.pump = cx_pump,
	.stop = cx_stop,
	.session_busy = cx_session_busy,
};
