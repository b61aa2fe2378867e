/* http.h - HTTP POST transfers for CIM-XML on the application's libcurl
 * multi handle (engine thread only).
 *
 * A transfer streams the response body to its owner as bytes arrive,
 * pauses when the owner's result queue is full (the write callback
 * returns CURL_WRITEFUNC_PAUSE before consuming anything), and collects
 * headers and chunked trailers.  It also enforces what a CIM client needs
 * and curl does not do by itself: an idle deadline instead of a total
 * timeout, a response size cap, and the OpenPegasus "HTTP 400 without
 * Content-Length" trap (an error status that carries CIMError, or has no
 * framing, is final as soon as its headers end).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef CIMTUI_ENGINE_HTTP_H
#define CIMTUI_ENGINE_HTTP_H

#include <stddef.h>
#include <stdint.h>
#include "operation.h"

struct mix_http;

/* Idle easy handles of one session (connection reuse) and its detached
 * clean-up transfers (CloseEnumeration after a cancel). */
#define MIX_HTTP_POOL_MAX 4
struct mix_http_pool {
	void *multi;                        /* CURLM* of the application */
	void *idle[MIX_HTTP_POOL_MAX];      /* CURL* ready for reuse */
	int nidle;
	struct mix_http *detached;          /* running fire-and-forget transfers */
};

void mix_http_pool_init(struct mix_http_pool *p, void *multi);
/* Aborts detached transfers and frees idle handles. */
void mix_http_pool_cleanup(struct mix_http_pool *p);

struct mix_http_callbacks {
	void *ctx;
	/* The final response's headers are complete (status 2xx only).
	 * Return 0 to read the body, -1 to stop the transfer now. */
	int (*headers)(void *ctx, struct mix_http *h);
	/* Body bytes of a 2xx response, as they arrive.  0 = go on, -1 = stop. */
	int (*body)(void *ctx, const char *buf, size_t len);
	/* Whether the consumer has no room: the next body bytes are then not
	 * consumed and the transfer pauses until mix_http_resume(). */
	int (*full)(void *ctx);
	/* The transfer ended (for any reason but mix_http_abort). h stays
	 * valid during the call and is freed right after it. */
	void (*done)(void *ctx, struct mix_http *h);
};

struct mix_http_request {
	const char *url;
	const char *cim_method;     /* CIMMethod header, raw (encoded here) */
	const char *cim_object;     /* CIMObject header, raw (encoded here) */
	char *body;                 /* taken over (freed by the transfer) */
	size_t body_len;
	uint64_t idle_timeout_ms;   /* nothing received for this long: timeout */
	uint64_t total_timeout_ms;  /* 0 = none (clean-up requests use one) */
};

/* Why a transfer ended, beyond curl's code. */
enum mix_http_stop {
	MIX_HTTP_STOP_NONE = 0,
	MIX_HTTP_STOP_ERROR_HEADERS, /* error status final at end of headers (400 trap) */
	MIX_HTTP_STOP_BY_OWNER,      /* headers() or body() said stop */
	MIX_HTTP_STOP_IDLE,          /* idle deadline */
	MIX_HTTP_STOP_TOO_LARGE,     /* max_response_bytes */
};

/* Starts a POST.  Returns NULL with *err set (static text) when curl
 * cannot even be set up. */
struct mix_http *mix_http_start(struct mix_http_pool *pool, const struct mix_dest_options *o,
	const struct mix_http_request *rq, const struct mix_http_callbacks *cb, const char **err);
/* Lets the transfer run on without an owner; it frees itself when done or
 * at pool clean-up.  Callbacks are dropped. */
void mix_http_detach(struct mix_http *h);
/* Detaches it but keeps listening: cb replaces the callbacks (no back-
 * pressure: full is ignored) and the transfer is stopped after limit_ms.
 * done() is called exactly once: when it ends, or at pool clean-up with
 * stop reason MIX_HTTP_STOP_BY_OWNER. */
void mix_http_detach_with(struct mix_http *h, const struct mix_http_callbacks *cb, uint64_t limit_ms);
/* Stops and frees at once; no done callback. */
void mix_http_abort(struct mix_http *h);
/* If paused because the owner was full, continue (may call body() now). */
void mix_http_resume(struct mix_http *h);
int mix_http_paused(const struct mix_http *h);

/* Results, valid in done() (and headers()). */
int mix_http_curl_code(const struct mix_http *h);
const char *mix_http_curl_error(const struct mix_http *h); /* curl's error buffer, may be "" */
long mix_http_status(const struct mix_http *h);
enum mix_http_stop mix_http_stop_reason(const struct mix_http *h);
/* Last value of a response header (case-insensitive name), NULL if absent. */
const char *mix_http_header(const struct mix_http *h, const char *name);
/* Last value of a chunked trailer, NULL if absent. */
const char *mix_http_trailer(const struct mix_http *h, const char *name);
/* Up to 1 KiB of a non-2xx body (NUL-terminated, may be ""). */
const char *mix_http_error_body(const struct mix_http *h);
uint64_t mix_http_body_bytes(const struct mix_http *h);

#endif
