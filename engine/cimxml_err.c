/* cimxml_err.c - the outcome of one CIM-XML request: transport failures,
 * HTTP statuses, chunked trailers, malformed replies and ERROR elements,
 * each turned into an MI result with a CIM_Error.
 *
 * Message IDs of errors the engine builds (OwningEntity "cimtui"; the
 * table is repeated in engine/README.md):
 *   CIMTUI0100  CIM error from a server that sent no CIM_Error (code + DESCRIPTION)
 *   CIMTUI0101  cannot connect (connection refused, unreachable)
 *   CIMTUI0102  host name does not resolve
 *   CIMTUI0103  TLS certificate verification failed
 *   CIMTUI0104  other TLS failure (handshake, client certificate)
 *   CIMTUI0105  timeout (connect, or nothing received for the idle limit)
 *   CIMTUI0106  HTTP 401: authentication failed
 *   CIMTUI0107  HTTP 403: forbidden
 *   CIMTUI0108  HTTP 404: no CIM server at this path
 *   CIMTUI0109  HTTP error carrying CIMError (request refused by the server)
 *   CIMTUI0110  other HTTP status
 *   CIMTUI0111  reply is not XML (wrong Content-Type)
 *   CIMTUI0112  malformed XML in the reply
 *   CIMTUI0113  reply cut short (connection closed, truncated document)
 *   CIMTUI0114  reply over a size limit (cimtui:MaxResponseBytes, value size)
 *   CIMTUI0115  CIMStatusCode in a chunked trailer (late server error)
 *   CIMTUI0116  result too large for the server (SFCB maxMsgLen)
 *   CIMTUI0117  Basic password over plain HTTP refused (packet privacy)
 *   CIMTUI0118  reply is not a valid answer to the request
 *   CIMTUI0119  other transfer failure
 *   CIMTUI0120  empty reply
 *   CIMTUI0121  request cannot be built (bad destination or arguments)
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "cimxml_internal.h"
#include "model.h"

#include <curl/curl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

void cx_fail(struct cx_result *r, struct cx_op *cx, MI_Result code, const char *msgid,
	unsigned errtype, unsigned cause, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	cx_result_clear(r);
	r->ok = 0;
	r->code = code;
	r->msg = strdup(buf);
	r->details = mix_error_new_ex(code, buf, msgid, cx->cs->url, errtype, cause, NULL);
}

/* Without a user name a 401 means the server wants one. */
static void http_error(struct cx_result *r, struct cx_op *cx, struct mix_http *h)
{
	long st = mix_http_status(h);
	const char *cimerr = mix_http_header(h, "CIMError");
	const struct mix_dest_options *o = mix_session_options(cx->cs->s);
	const unsigned C = MIX_ERRTYPE_COMMUNICATIONS, S = MIX_ERRTYPE_SECURITY;
	if (st == 401) {
		cx_fail(r, cx, MI_RESULT_ACCESS_DENIED, "CIMTUI0106", S, MIX_CAUSE_OTHER,
			o->username && *o->username
				? "authentication failed (HTTP 401): the server rejected user \"%s\" or its password"
				: "authentication failed (HTTP 401): the server requires a user name and password%s",
			o->username && *o->username ? o->username : "");
		return;
	}
	if (st == 403) {
		cx_fail(r, cx, MI_RESULT_ACCESS_DENIED, "CIMTUI0107", S, MIX_CAUSE_OTHER,
			"access forbidden (HTTP 403)");
		return;
	}
	if (cimerr) {
		char *detail = mix_http_header(h, "PGErrorDetail") ? strdup(mix_http_header(h, "PGErrorDetail")) : NULL;
		if (detail)
			cx_percent_decode(detail);
		MI_Result code = strcasestr(cimerr, "unsupported-operation") ? MI_RESULT_NOT_SUPPORTED : MI_RESULT_FAILED;
		cx_fail(r, cx, code, "CIMTUI0109", C, MIX_CAUSE_PROTOCOL,
			"the server refused the %s request (HTTP %ld, CIMError: %s)%s%s", cx->method, st, cimerr,
			detail ? ": " : "", detail ? detail : "");
		free(detail);
		return;
	}
	if (st == 404) {
		cx_fail(r, cx, MI_RESULT_FAILED, "CIMTUI0108", C, MIX_CAUSE_OTHER,
			"no CIM server at %s (HTTP 404); CIM-XML servers usually answer on the path /cimom",
			cx->cs->url);
		return;
	}
	const char *body = mix_http_error_body(h);
	char snippet[121];
	size_t k = 0;
	for (const char *p = body; *p && k < sizeof(snippet) - 1; p++)
		snippet[k++] = (*p == '\r' || *p == '\n' || (unsigned char)*p < 0x20) ? ' ' : *p;
	snippet[k] = '\0';
	cx_fail(r, cx, MI_RESULT_FAILED, "CIMTUI0110", C, MIX_CAUSE_PROTOCOL,
		"the server answered HTTP %ld%s%s", st, k ? ": " : "", snippet);
}

static void transport_error(struct cx_result *r, struct cx_op *cx, struct mix_http *h)
{
	int cc = mix_http_curl_code(h);
	const char *eb = mix_http_curl_error(h);
	const char *why = eb && *eb ? eb : curl_easy_strerror((CURLcode)cc);
	const unsigned C = MIX_ERRTYPE_COMMUNICATIONS;
	switch (cc) {
	case CURLE_COULDNT_RESOLVE_HOST: case CURLE_COULDNT_RESOLVE_PROXY:
		cx_fail(r, cx, MI_RESULT_FAILED, "CIMTUI0102", C, MIX_CAUSE_CONNECTION,
			"cannot resolve the host name of %s (%s)", cx->cs->url, why);
		return;
	case CURLE_COULDNT_CONNECT:
		cx_fail(r, cx, MI_RESULT_FAILED, "CIMTUI0101", C, MIX_CAUSE_CONNECTION,
			"cannot connect to %s: connection refused or unreachable (%s)", cx->cs->url, why);
		return;
	case CURLE_OPERATION_TIMEDOUT:
		cx_fail(r, cx, MI_RESULT_FAILED, "CIMTUI0105", C, MIX_CAUSE_CONNECTION,
			"timed out talking to %s (%s)", cx->cs->url, why);
		return;
	case CURLE_PEER_FAILED_VERIFICATION: case CURLE_SSL_CACERT_BADFILE: case CURLE_SSL_ISSUER_ERROR:
	case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
		cx_fail(r, cx, MI_RESULT_FAILED, "CIMTUI0103", MIX_ERRTYPE_SECURITY, MIX_CAUSE_CONNECTION,
			"TLS certificate verify failed: %s; use --cacert FILE (cimtui:CAFile) to trust the "
			"server's CA, or --insecure to skip verification", why);
		return;
	case CURLE_SSL_CONNECT_ERROR: case CURLE_SSL_CERTPROBLEM: case CURLE_SSL_CIPHER:
	case CURLE_SSL_ENGINE_NOTFOUND: case CURLE_USE_SSL_FAILED: case CURLE_SSL_CRL_BADFILE:
		cx_fail(r, cx, MI_RESULT_FAILED, "CIMTUI0104", MIX_ERRTYPE_SECURITY, MIX_CAUSE_CONNECTION,
			"TLS connection to %s failed: %s", cx->cs->url, why);
		return;
	case CURLE_GOT_NOTHING:
		cx_fail(r, cx, MI_RESULT_FAILED, "CIMTUI0113", C, MIX_CAUSE_CONNECTION,
			"the server closed the connection without answering the %s request", cx->method);
		return;
	case CURLE_PARTIAL_FILE: case CURLE_RECV_ERROR:
		cx_fail(r, cx, MI_RESULT_FAILED, "CIMTUI0113", C, MIX_CAUSE_CONNECTION,
			"the %s reply was cut short after %llu bytes (%s)", cx->method,
			(unsigned long long)mix_http_body_bytes(h), why);
		return;
	default:
		cx_fail(r, cx, MI_RESULT_FAILED, "CIMTUI0119", C, MIX_CAUSE_CONNECTION,
			"HTTP transfer for %s failed: %s", cx->method, why);
	}
}

static int is_enumeration(const struct mix_request *rq)
{
	switch (rq->kind) {
	case MIX_OP_ENUMERATE_INSTANCES: case MIX_OP_QUERY_INSTANCES: case MIX_OP_ASSOCIATORS:
	case MIX_OP_REFERENCES: case MIX_OP_ENUMERATE_CLASSES:
		return 1;
	default:
		return 0;
	}
}

/* SFCB builds replies in memory and fails past maxMsgLen (10 MB) with
 * code 1 and its generic text; say what it means. */
static int sfcb_overflow(const struct cx_op *cx, MI_Result code, const char *desc)
{
	return code == MI_RESULT_FAILED && desc && is_enumeration(cx->rq) &&
	       (strcasestr(desc, "general error occur") || strcasestr(desc, "maximum message length"));
}

static void cim_error(struct cx_result *r, struct cx_op *cx, MI_Result code, const char *desc,
	MI_Instance *server_err, const char *msgid)
{
	if (sfcb_overflow(cx, code, desc)) {
		cx_fail(r, cx, MI_RESULT_FAILED, "CIMTUI0116", MIX_ERRTYPE_SOFTWARE, MIX_CAUSE_OTHER,
			"result too large; narrow the request or use paging (server: %s)", desc);
		if (r->details)
			mix_instance_add_string(r->details, "OtherErrorType", desc, 0);
		if (server_err)
			MI_Instance_Delete(server_err);
		r->cim_error = 1;
		return;
	}
	cx_result_clear(r);
	r->code = code;
	r->cim_error = 1;
	r->msg = desc && *desc ? strdup(desc) : NULL;
	if (server_err) {
		r->details = server_err; /* verbatim; the engine fills what it lacks */
		if (!r->msg) {
			struct mix_element *m = mix_instance_find(server_err, "Message");
			if (m && m->type == MI_STRING && !(m->flags & MI_FLAG_NULL) && m->value.string)
				r->msg = strdup(m->value.string);
		}
	} else {
		r->details = mix_error_new(code, r->msg, msgid, cx->cs->url);
	}
}

void cx_classify(struct cx_op *cx, struct mix_http *h, struct cx_result *r)
{
	memset(r, 0, sizeof(*r));
	enum mix_http_stop stop = mix_http_stop_reason(h);
	int cc = mix_http_curl_code(h);
	long st = mix_http_status(h);
	if (stop == MIX_HTTP_STOP_IDLE) {
		cx_fail(r, cx, MI_RESULT_FAILED, "CIMTUI0105", MIX_ERRTYPE_COMMUNICATIONS, MIX_CAUSE_CONNECTION,
			"timed out: nothing received from %s for %llu s while waiting for the %s reply",
			cx->cs->url, (unsigned long long)((cx->idle_ms + 999) / 1000), cx->method);
		return;
	}
	if (stop == MIX_HTTP_STOP_TOO_LARGE) {
		cx_fail(r, cx, MI_RESULT_FAILED, "CIMTUI0114", MIX_ERRTYPE_COMMUNICATIONS, MIX_CAUSE_OTHER,
			"the %s reply is larger than the limit of %llu bytes (cimtui:MaxResponseBytes)",
			cx->method, (unsigned long long)mix_session_options(cx->cs->s)->max_response_bytes);
		return;
	}
	if (stop == MIX_HTTP_STOP_ERROR_HEADERS || (cc == CURLE_OK && (st < 200 || st >= 300))) {
		http_error(r, cx, h);
		return;
	}
	if (cx->bad_ctype) {
		cx_fail(r, cx, MI_RESULT_FAILED, "CIMTUI0111", MIX_ERRTYPE_COMMUNICATIONS, MIX_CAUSE_PROTOCOL,
			"the reply is not CIM-XML (Content-Type: %s); is this a CIM server?",
			cx->ctype ? cx->ctype : "?");
		return;
	}
	if (cc != CURLE_OK && stop != MIX_HTTP_STOP_BY_OWNER) {
		/* A late error in a chunked trailer explains a cut reply best. */
		const char *tc = mix_http_trailer(h, "CIMStatusCode");
		if (!tc || strtol(tc, NULL, 10) == 0) {
			transport_error(r, cx, h);
			return;
		}
	}
	cimxml_parser_finish(cx->parser);
	const struct cimxml_status *ps = cimxml_parser_status(cx->parser);
	const char *tc = mix_http_trailer(h, "CIMStatusCode");
	long tcode = tc ? strtol(tc, NULL, 10) : 0;
	if (tcode > 0) {
		const char *td = mix_http_trailer(h, "CIMStatusCodeDescription");
		char *desc = td ? strdup(td) : NULL;
		if (desc)
			cx_percent_decode(desc);
		MI_Instance *se = ps->has_error ? cimxml_parser_take_error_instance(cx->parser) : NULL;
		cim_error(r, cx, (MI_Result)tcode, desc ? desc : (ps->has_error ? ps->description : NULL), se,
			"CIMTUI0115");
		free(desc);
		return;
	}
	if (ps->has_error) {
		cim_error(r, cx, ps->code, ps->description, cimxml_parser_take_error_instance(cx->parser),
			"CIMTUI0100");
		return;
	}
	if (!ps->well_formed) {
		const char *pe = ps->parse_error ? ps->parse_error : "unknown error";
		if (!strcmp(pe, "stopped") && mix_op_cancelled(cx->op)) {
			cx_fail(r, cx, MI_RESULT_FAILED, "CIMTUI0119", MIX_ERRTYPE_OTHER, MIX_CAUSE_OTHER,
				"operation cancelled");
		} else if (!strcmp(pe, "empty document")) {
			cx_fail(r, cx, MI_RESULT_FAILED, "CIMTUI0120", MIX_ERRTYPE_COMMUNICATIONS,
				MIX_CAUSE_PROTOCOL, "empty reply to %s from the server", cx->method);
		} else if (!strncmp(pe, "truncated", 9)) {
			cx_fail(r, cx, MI_RESULT_FAILED, "CIMTUI0113", MIX_ERRTYPE_COMMUNICATIONS,
				MIX_CAUSE_CORRUPT_DATA, "the %s reply ended early: %s", cx->method, pe);
		} else if (strstr(pe, "larger than") || strstr(pe, "longer than") || strstr(pe, "more than") ||
			   strstr(pe, "deeper than")) {
			cx_fail(r, cx, MI_RESULT_FAILED, "CIMTUI0114", MIX_ERRTYPE_COMMUNICATIONS,
				MIX_CAUSE_CORRUPT_DATA, "the %s reply exceeds a safety limit: %s", cx->method, pe);
		} else {
			cx_fail(r, cx, MI_RESULT_FAILED, "CIMTUI0112", MIX_ERRTYPE_COMMUNICATIONS,
				MIX_CAUSE_CORRUPT_DATA, "malformed XML in the %s reply: %s", cx->method, pe);
		}
		return;
	}
	if (!ps->response_name || strcasecmp(ps->response_name, cx->method)) {
		cx_fail(r, cx, MI_RESULT_FAILED, "CIMTUI0118", MIX_ERRTYPE_COMMUNICATIONS, MIX_CAUSE_PROTOCOL,
			"the reply does not answer %s (got %s)", cx->method,
			ps->response_name ? ps->response_name : "no (I)METHODRESPONSE");
		return;
	}
	r->ok = 1;
}
