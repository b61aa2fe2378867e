/* http.c - CIM-XML HTTP transport on the application's libcurl multi
 * handle: request headers, streaming body, back-pressure, headers and
 * trailers, idle deadline, size cap, TLS, authentication and wire trace.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "http.h"
#include "cimxml_write.h"
#include "operation.h"

#include <curl/curl.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#define ERRBODY_MAX 1024

struct hdr {
	char *name, *value;
	int trailer;
};

struct mix_http {
	struct mix_transfer base;    /* first: CURLOPT_PRIVATE */
	struct mix_http_pool *pool;
	struct mix_http *next_detached;
	int detached;
	CURL *easy;
	struct curl_slist *headers_out;
	char *body;
	struct mix_http_callbacks cb;
	uint64_t max_bytes;
	int multi_step_auth;         /* Negotiate/NTLM/Digest: first 401 is not final */
	int auth_rounds;
	FILE *trace;
	/* response */
	long status;
	int in_headers;              /* inside a header block */
	int final_headers;           /* the final response's headers are complete */
	struct hdr *hdrs;
	size_t nhdrs, cap;
	char errbody[ERRBODY_MAX + 1];
	size_t errbody_len;
	uint64_t body_bytes;
	int paused;
	enum mix_http_stop stop;
	int curl_code;
	char errbuf[CURL_ERROR_SIZE];
	/* idle deadline, and an absolute one for detached listeners */
	uint64_t idle_ms, last_activity, deadline;
	curl_off_t last_dl, last_ul;
};

/* ---- headers -------------------------------------------------------------------- */

static void hdrs_clear(struct mix_http *h, int keep_trailers)
{
	size_t k = 0;
	for (size_t i = 0; i < h->nhdrs; i++) {
		if (keep_trailers && h->hdrs[i].trailer) {
			h->hdrs[k++] = h->hdrs[i];
			continue;
		}
		free(h->hdrs[i].name);
		free(h->hdrs[i].value);
	}
	h->nhdrs = k;
}

static void hdr_add(struct mix_http *h, const char *line, size_t n, int trailer)
{
	const char *colon = memchr(line, ':', n);
	if (!colon)
		return;
	const char *v = colon + 1, *end = line + n;
	while (v < end && (*v == ' ' || *v == '\t'))
		v++;
	while (end > v && (end[-1] == '\r' || end[-1] == '\n' || end[-1] == ' ' || end[-1] == '\t'))
		end--;
	if (h->nhdrs == h->cap) {
		size_t cap = h->cap ? h->cap * 2 : 16;
		struct hdr *n2 = realloc(h->hdrs, cap * sizeof(*n2));
		if (!n2)
			return;
		h->hdrs = n2;
		h->cap = cap;
	}
	struct hdr *x = &h->hdrs[h->nhdrs];
	x->name = strndup(line, (size_t)(colon - line));
	x->value = strndup(v, (size_t)(end - v));
	x->trailer = trailer;
	if (!x->name || !x->value) {
		free(x->name);
		free(x->value);
		return;
	}
	h->nhdrs++;
}

static const char *hdr_find(const struct mix_http *h, const char *name, int trailer)
{
	const char *v = NULL;
	for (size_t i = 0; i < h->nhdrs; i++)
		if (h->hdrs[i].trailer == trailer && !strcasecmp(h->hdrs[i].name, name))
			v = h->hdrs[i].value;
	return v;
}

const char *mix_http_header(const struct mix_http *h, const char *name) { return hdr_find(h, name, 0); }
const char *mix_http_trailer(const struct mix_http *h, const char *name) { return hdr_find(h, name, 1); }

/* Whether the response says how long its body is; without either, an
 * HTTP/1.1 body only ends when the server closes (which the 400 trap
 * never does). */
static int has_framing(const struct mix_http *h)
{
	const char *te = mix_http_header(h, "Transfer-Encoding");
	return mix_http_header(h, "Content-Length") || (te && strcasestr(te, "chunked"));
}

/* End of a header block: decide whether this is the final response and
 * whether its body is worth reading.  Returns 0 to go on, -1 to stop. */
static int headers_complete(struct mix_http *h)
{
	if (h->status >= 100 && h->status < 200)
		return 0; /* 100 Continue etc.: the real status follows */
	if (h->status == 401 && h->multi_step_auth && h->auth_rounds++ == 0)
		return 0; /* curl answers the challenge with a second request */
	h->final_headers = 1;
	if (h->status >= 400 && (mix_http_header(h, "CIMError") || !has_framing(h) || h->status == 401)) {
		h->stop = MIX_HTTP_STOP_ERROR_HEADERS;
		return -1;
	}
	if (h->status >= 200 && h->status < 300 && h->cb.headers && h->cb.headers(h->cb.ctx, h) != 0) {
		h->stop = MIX_HTTP_STOP_BY_OWNER;
		return -1;
	}
	return 0;
}

static size_t on_header(char *line, size_t size, size_t n, void *ud)
{
	struct mix_http *h = ud;
	size_t len = size * n;
	if (len >= 5 && !strncmp(line, "HTTP/", 5)) {
		/* A new response (after 100 Continue or an auth round). */
		hdrs_clear(h, 0);
		h->final_headers = 0;
		h->in_headers = 1;
		h->status = 0;
		const char *sp = memchr(line, ' ', len);
		if (sp)
			h->status = strtol(sp + 1, NULL, 10);
		return len;
	}
	if (len <= 2 && (line[0] == '\r' || line[0] == '\n')) {
		if (h->in_headers) {
			h->in_headers = 0;
			if (headers_complete(h) != 0)
				return 0; /* CURLE_WRITE_ERROR: stops the transfer now */
		}
		return len;
	}
	/* Lines after the final header block are chunked trailers. */
	hdr_add(h, line, len, h->final_headers && !h->in_headers);
	return len;
}

/* ---- body ------------------------------------------------------------------------- */

static size_t on_write(char *ptr, size_t size, size_t n, void *ud)
{
	struct mix_http *h = ud;
	size_t len = size * n;
	if (!h->final_headers)
		return len; /* body of an intermediate response (auth challenge) */
	if (h->status < 200 || h->status >= 300) {
		size_t room = ERRBODY_MAX - h->errbody_len;
		size_t k = len < room ? len : room;
		memcpy(h->errbody + h->errbody_len, ptr, k);
		h->errbody_len += k;
		h->errbody[h->errbody_len] = '\0';
		return len;
	}
	/* Back-pressure: stop before consuming; curl keeps these bytes and
	 * stops reading the socket until mix_http_resume(). */
	if (h->cb.full && h->cb.full(h->cb.ctx)) {
		h->paused = 1;
		return CURL_WRITEFUNC_PAUSE;
	}
	h->last_activity = mix_mono_ms();
	if (h->max_bytes && h->body_bytes + len > h->max_bytes) {
		h->stop = MIX_HTTP_STOP_TOO_LARGE;
		return 0;
	}
	h->body_bytes += len;
	if (h->cb.body && h->cb.body(h->cb.ctx, ptr, len) != 0) {
		h->stop = MIX_HTTP_STOP_BY_OWNER;
		return 0;
	}
	return len;
}

/* Idle deadline: curl calls this at least about once a second. */
static int on_progress(void *ud, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ultotal, curl_off_t ulnow)
{
	(void)dltotal;
	(void)ultotal;
	struct mix_http *h = ud;
	uint64_t now = mix_mono_ms();
	if (h->paused || dlnow != h->last_dl || ulnow != h->last_ul) {
		h->last_dl = dlnow;
		h->last_ul = ulnow;
		h->last_activity = now;
		return 0;
	}
	if (h->idle_ms && now - h->last_activity > h->idle_ms) {
		h->stop = MIX_HTTP_STOP_IDLE;
		return 1;
	}
	if (h->deadline && now > h->deadline) {
		h->stop = MIX_HTTP_STOP_IDLE;
		return 1;
	}
	return 0;
}

/* ---- trace ------------------------------------------------------------------------ */

static void trace_block(FILE *f, const char *tag, const char *data, size_t len, int redact)
{
	fprintf(f, "%s", tag);
	while (len) {
		const char *nl = memchr(data, '\n', len);
		size_t n = nl ? (size_t)(nl - data) + 1 : len;
		if (redact && (n >= 14 && !strncasecmp(data, "authorization:", 14)))
			fputs("Authorization: [redacted]\r\n", f);
		else if (redact && n >= 20 && !strncasecmp(data, "proxy-authorization:", 20))
			fputs("Proxy-Authorization: [redacted]\r\n", f);
		else
			fwrite(data, 1, n, f);
		data += n;
		len -= n;
	}
}

static int on_debug(CURL *easy, curl_infotype type, char *data, size_t len, void *ud)
{
	(void)easy;
	struct mix_http *h = ud;
	if (!h->trace)
		return 0;
	switch (type) {
	case CURLINFO_HEADER_OUT: trace_block(h->trace, "> ", data, len, 1); break;
	case CURLINFO_DATA_OUT: trace_block(h->trace, "", data, len, 0); fputc('\n', h->trace); break;
	case CURLINFO_HEADER_IN: trace_block(h->trace, "< ", data, len, 1); break;
	case CURLINFO_DATA_IN: trace_block(h->trace, "", data, len, 0); break;
	default: break;
	}
	fflush(h->trace);
	return 0;
}

/* ---- life cycle --------------------------------------------------------------------- */

static void release(struct mix_http *h)
{
	struct mix_http_pool *p = h->pool;
	if (h->easy) {
		curl_multi_remove_handle(p->multi, h->easy);
		if (p->nidle < MIX_HTTP_POOL_MAX) {
			/* Keep the handle: libcurl keeps the connection in the multi
			 * handle's cache, and a reset handle is cheap to reuse. */
			curl_easy_reset(h->easy);
			p->idle[p->nidle++] = h->easy;
		} else {
			curl_easy_cleanup(h->easy);
		}
	}
	if (h->detached) {
		for (struct mix_http **pp = &p->detached; *pp; pp = &(*pp)->next_detached)
			if (*pp == h) {
				*pp = h->next_detached;
				break;
			}
	}
	if (h->trace) {
		fputs("\n", h->trace);
		fclose(h->trace);
	}
	curl_slist_free_all(h->headers_out);
	free(h->body);
	hdrs_clear(h, 0);
	free(h->hdrs);
	free(h);
}

static void on_done(struct mix_transfer *t, int curl_code)
{
	struct mix_http *h = (struct mix_http *)t;
	h->curl_code = curl_code;
	if (!h->status) {
		long st = 0;
		curl_easy_getinfo(h->easy, CURLINFO_RESPONSE_CODE, &st);
		h->status = st;
	}
	if (h->cb.done)
		h->cb.done(h->cb.ctx, h);
	release(h);
}

void mix_http_pool_init(struct mix_http_pool *p, void *multi)
{
	memset(p, 0, sizeof(*p));
	p->multi = multi;
}

void mix_http_pool_cleanup(struct mix_http_pool *p)
{
	while (p->detached) {
		struct mix_http *h = p->detached;
		if (h->cb.done) { /* a listener: tell it the transfer is gone */
			h->stop = MIX_HTTP_STOP_BY_OWNER;
			struct mix_http_callbacks cb = h->cb;
			memset(&h->cb, 0, sizeof(h->cb));
			cb.done(cb.ctx, h);
		}
		release(h);
	}
	for (int i = 0; i < p->nidle; i++)
		curl_easy_cleanup(p->idle[i]);
	p->nidle = 0;
}

void mix_http_detach(struct mix_http *h)
{
	memset(&h->cb, 0, sizeof(h->cb));
	h->detached = 1;
	h->next_detached = h->pool->detached;
	h->pool->detached = h;
	if (h->paused) {
		h->paused = 0;
		curl_easy_pause(h->easy, CURLPAUSE_CONT);
	}
}

void mix_http_detach_with(struct mix_http *h, const struct mix_http_callbacks *cb, uint64_t limit_ms)
{
	mix_http_detach(h);
	h->cb = *cb;
	h->cb.full = NULL;
	h->deadline = mix_mono_ms() + limit_ms;
}

void mix_http_abort(struct mix_http *h)
{
	if (h)
		release(h);
}

void mix_http_resume(struct mix_http *h)
{
	if (h && h->paused) {
		h->paused = 0;
		h->last_activity = mix_mono_ms();
		curl_easy_pause(h->easy, CURLPAUSE_CONT);
	}
}

int mix_http_paused(const struct mix_http *h) { return h && h->paused; }
int mix_http_curl_code(const struct mix_http *h) { return h->curl_code; }
const char *mix_http_curl_error(const struct mix_http *h) { return h->errbuf; }
long mix_http_status(const struct mix_http *h) { return h->status; }
enum mix_http_stop mix_http_stop_reason(const struct mix_http *h) { return h->stop; }
const char *mix_http_error_body(const struct mix_http *h) { return h->errbody; }
uint64_t mix_http_body_bytes(const struct mix_http *h) { return h->body_bytes; }

/* ---- set-up ------------------------------------------------------------------------- */

static int add_header(struct mix_http *h, const char *name, const char *value)
{
	size_t n = strlen(name) + (value ? strlen(value) : 0) + 4;
	char *line = malloc(n);
	if (!line)
		return -1;
	snprintf(line, n, "%s:%s%s", name, value ? " " : "", value ? value : "");
	struct curl_slist *l = curl_slist_append(h->headers_out, line);
	free(line);
	if (!l)
		return -1;
	h->headers_out = l;
	return 0;
}

static int add_encoded_header(struct mix_http *h, const char *name, const char *raw)
{
	char *enc = cx_header_encode(raw ? raw : "");
	int r = enc ? add_header(h, name, enc) : -1;
	free(enc);
	return r;
}

/* Authentication per options; returns 0 or -1 on a set-up failure. */
static int setup_auth(struct mix_http *h, const struct mix_dest_options *o)
{
	CURL *e = h->easy;
	if (!o->username || !*o->username)
		return 0;
	const char *t = o->auth_type ? o->auth_type : "Default";
	if (!strcasecmp(t, "None"))
		return 0;
	long mask = CURLAUTH_BASIC;
	if (!strcasecmp(t, "Digest")) {
		mask = CURLAUTH_DIGEST;
		h->multi_step_auth = 1;
	} else if (!strcasecmp(t, "NegoWithCreds") || !strcasecmp(t, "NtlmDomain") ||
		   !strcasecmp(t, "Kerberos") || !strcasecmp(t, "NegoNoCreds")) {
		mask = CURLAUTH_NEGOTIATE | CURLAUTH_NTLM;
		h->multi_step_auth = 1;
	}
	/* A Basic-only mask makes libcurl send credentials with the first
	 * request, as pywbem does; SFCB/OMI never challenge otherwise. */
	curl_easy_setopt(e, CURLOPT_HTTPAUTH, mask);
	char *user = NULL;
	if (o->domain && *o->domain && mask != CURLAUTH_BASIC) {
		size_t n = strlen(o->domain) + strlen(o->username) + 2;
		if (!(user = malloc(n)))
			return -1;
		snprintf(user, n, "%s\\%s", o->domain, o->username);
	}
	curl_easy_setopt(e, CURLOPT_USERNAME, user ? user : o->username);
	curl_easy_setopt(e, CURLOPT_PASSWORD, o->password ? o->password : "");
	free(user); /* curl keeps its own copy */
	return 0;
}

static void setup_tls(CURL *e, const struct mix_dest_options *o)
{
	curl_easy_setopt(e, CURLOPT_SSL_VERIFYPEER, o->cert_ca_check ? 1L : 0L);
	curl_easy_setopt(e, CURLOPT_SSL_VERIFYHOST, o->cert_cn_check ? 2L : 0L);
	if (o->ca_file && *o->ca_file)
		curl_easy_setopt(e, CURLOPT_CAINFO, o->ca_file);
	if (o->trusted_certs_dir && *o->trusted_certs_dir)
		curl_easy_setopt(e, CURLOPT_CAPATH, o->trusted_certs_dir);
	if (o->cert_file && *o->cert_file)
		curl_easy_setopt(e, CURLOPT_SSLCERT, o->cert_file);
	if (o->private_key_file && *o->private_key_file)
		curl_easy_setopt(e, CURLOPT_SSLKEY, o->private_key_file);
}

struct mix_http *mix_http_start(struct mix_http_pool *pool, const struct mix_dest_options *o,
	const struct mix_http_request *rq, const struct mix_http_callbacks *cb, const char **err)
{
	*err = NULL;
	struct mix_http *h = calloc(1, sizeof(*h));
	if (!h) {
		free(rq->body);
		*err = "out of memory";
		return NULL;
	}
	h->base.done = on_done;
	h->pool = pool;
	h->body = rq->body;
	if (cb)
		h->cb = *cb;
	h->max_bytes = o->max_response_bytes;
	h->idle_ms = rq->idle_timeout_ms;
	h->last_activity = mix_mono_ms();
	h->easy = pool->nidle ? pool->idle[--pool->nidle] : curl_easy_init();
	if (!h->easy) {
		*err = "cannot create a curl handle";
		goto fail;
	}
	CURL *e = h->easy;
	if (add_header(h, "Content-Type", "application/xml; charset=\"utf-8\"") ||
	    add_header(h, "CIMOperation", "MethodCall") ||
	    add_encoded_header(h, "CIMMethod", rq->cim_method) ||
	    add_encoded_header(h, "CIMObject", rq->cim_object) ||
	    add_header(h, "CIMProtocolVersion", "1.0") ||
	    add_header(h, "TE", "trailers") ||
	    add_header(h, "Expect", NULL) ||
	    add_header(h, "Accept", "application/xml, text/xml")) {
		*err = "out of memory";
		goto fail;
	}
	curl_easy_setopt(e, CURLOPT_URL, rq->url);
	curl_easy_setopt(e, CURLOPT_PRIVATE, (char *)h);
	curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
#if LIBCURL_VERSION_NUM >= 0x075500 /* 7.85 */
	curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
#else
	curl_easy_setopt(e, CURLOPT_PROTOCOLS, (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
#endif
	curl_easy_setopt(e, CURLOPT_HTTP_VERSION, (long)CURL_HTTP_VERSION_1_1);
	curl_easy_setopt(e, CURLOPT_POST, 1L);
	curl_easy_setopt(e, CURLOPT_POSTFIELDS, h->body ? h->body : "");
	curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)(h->body ? rq->body_len : 0));
	curl_easy_setopt(e, CURLOPT_HTTPHEADER, h->headers_out);
	curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "");
	curl_easy_setopt(e, CURLOPT_USERAGENT, "cimtui/" PACKAGE_VERSION);
	curl_easy_setopt(e, CURLOPT_TCP_KEEPALIVE, 1L);
	curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, (long)(o->connect_timeout_ms ? o->connect_timeout_ms : 10000));
	if (rq->total_timeout_ms)
		curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, (long)rq->total_timeout_ms);
	curl_easy_setopt(e, CURLOPT_ERRORBUFFER, h->errbuf);
	curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(e, CURLOPT_HEADERDATA, h);
	curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_write);
	curl_easy_setopt(e, CURLOPT_WRITEDATA, h);
	curl_easy_setopt(e, CURLOPT_NOPROGRESS, 0L);
	curl_easy_setopt(e, CURLOPT_XFERINFOFUNCTION, on_progress);
	curl_easy_setopt(e, CURLOPT_XFERINFODATA, h);
	setup_tls(e, o);
	if (setup_auth(h, o)) {
		*err = "out of memory";
		goto fail;
	}
	if (o->trace_path && *o->trace_path) {
		/* 0600: a trace holds whole replies, which may be private. */
		int fd = open(o->trace_path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
		h->trace = fd >= 0 ? fdopen(fd, "a") : NULL;
		if (fd >= 0 && !h->trace)
			close(fd);
		if (h->trace) {
			time_t now = time(NULL);
			struct tm tm;
			char stamp[32];
			strftime(stamp, sizeof(stamp), "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&now, &tm));
			fprintf(h->trace, "=== %s POST %s (%s)\n", stamp, rq->url,
				rq->cim_method ? rq->cim_method : "");
			curl_easy_setopt(e, CURLOPT_DEBUGFUNCTION, on_debug);
			curl_easy_setopt(e, CURLOPT_DEBUGDATA, h);
			curl_easy_setopt(e, CURLOPT_VERBOSE, 1L);
		}
	}
	if (curl_multi_add_handle(pool->multi, e) != CURLM_OK) {
		*err = "cannot start the transfer";
		goto fail;
	}
	return h;
fail:
	if (h->easy) {
		curl_easy_cleanup(h->easy);
		h->easy = NULL;
	}
	if (h->trace)
		fclose(h->trace);
	curl_slist_free_all(h->headers_out);
	free(h->body);
	free(h);
	return NULL;
}
