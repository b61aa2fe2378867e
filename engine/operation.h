/* operation.h - the contract between the MI operation machinery and the
 * modules that produce results (protocols, the local provider, the test
 * transport).
 *
 * A producer runs on the application's engine thread.  It receives a
 * struct mix_op with the request filled in and posts results with
 * mix_op_post_*; the caller pulls them with MI_Operation_Get*.
 *
 * Flow control: mix_op_post_* returns MIX_POST_FULL once the result queue
 * has reached its bound.  The producer should then stop (return from
 * pump, pause its transfer) until the engine calls pump again, which it
 * does when the consumer has taken results off the queue.  Posting past
 * the bound is allowed (a parser cannot stop mid-chunk) but must stay
 * small.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef CIMTUI_ENGINE_OPERATION_H
#define CIMTUI_ENGINE_OPERATION_H

#include <stdint.h>
#include "mi.h"

struct mix_op;
struct mix_session;
struct mix_app;

enum mix_op_kind {
	MIX_OP_ENUMERATE_INSTANCES, /* keys_only: instance names */
	MIX_OP_GET_INSTANCE,
	MIX_OP_QUERY_INSTANCES,
	MIX_OP_ASSOCIATORS,         /* keys_only: associator names */
	MIX_OP_REFERENCES,          /* keys_only: reference names */
	MIX_OP_INVOKE,
	MIX_OP_CREATE_INSTANCE,
	MIX_OP_MODIFY_INSTANCE,
	MIX_OP_DELETE_INSTANCE,
	MIX_OP_GET_CLASS,
	MIX_OP_ENUMERATE_CLASSES,   /* class_names_only: names */
	MIX_OP_ENUMERATE_NAMESPACES,
	MIX_OP__COUNT
};

/* What the caller asked for.  Everything is owned by the operation. */
struct mix_request {
	enum mix_op_kind kind;
	MI_Uint32 flags;
	char *ns;            /* namespace; never NULL (defaulted to root/cimv2) */
	char *class_name;    /* may be NULL (EnumerateClasses from the top) */
	char *assoc_class, *result_class, *role, *result_role;
	char *method;
	char *query_dialect, *query;
	MI_Boolean keys_only;
	MI_Boolean class_names_only;
	MI_Instance *instance;   /* key / inbound instance (a clone) */
	MI_Instance *params;     /* Invoke inbound parameters (a clone) */
	/* From operation options, with the defaults of DSP0200 for a browser. */
	MI_Boolean deep_inheritance;    /* default TRUE for instances, FALSE for classes */
	MI_Boolean local_only;          /* default FALSE */
	MI_Boolean include_qualifiers;  /* default TRUE for classes */
	MI_Boolean include_class_origin;/* default FALSE */
	char **property_list;           /* NULL = all; NULL-terminated */
	MI_Uint32 max_elements;         /* page size; 0 = session default */
	uint64_t timeout_us;            /* 0 = session default */
	char *resource_uri;             /* WS-Man override, may be NULL */
};

/* Whether an operation kind yields instances or classes, and how many. */
int mix_op_kind_is_class(enum mix_op_kind kind);
int mix_op_kind_is_single(enum mix_op_kind kind);

/* Protocol / provider table.  All functions run on the engine thread. */
struct mix_protocol {
	const char *name; /* "CIMXML", "WINRM", "LOCAL", "TEST" */
	/* Session set-up; may keep state in session->proto_state.  Returns
	 * MI_RESULT_OK or an error with *err (owned by the caller) set. */
	MI_Result (*session_open)(struct mix_session *s, MI_Instance **err);
	void (*session_close)(struct mix_session *s);
	/* Begin the operation.  Post results now or later; finish with
	 * mix_op_post_final exactly once (unless stopped first). */
	void (*start)(struct mix_op *op);
	/* The queue has room again, or op's wake-up time has come. */
	void (*pump)(struct mix_op *op);
	/* Called exactly once for every started operation when it leaves the
	 * engine: after its final result was posted (by the producer, or by a
	 * cancel, close or timeout).  Stop transfers, release op->proto_state.
	 * Must not post.  May leave session-owned clean-up work
	 * (CloseEnumeration, Release) running after it returns. */
	void (*stop)(struct mix_op *op);
	/* Optional: whether session-owned clean-up (CloseEnumeration, Release)
	 * is still running.  Before session_close the engine waits for it,
	 * at most MIX_CLEANUP_WAIT_MS, so that a closing program does not leave
	 * server-side enumerations open. */
	int (*session_busy)(struct mix_session *s);
};

#define MIX_CLEANUP_WAIT_MS 1000u /* a quit or an SSH drop must stay quick */

enum { MIX_POST_OK = 0, MIX_POST_FULL = 1, MIX_POST_CLOSED = -1 };

/* Producer side (engine thread). */
int mix_op_post_instance(struct mix_op *op, MI_Instance *inst /* owned */);
int mix_op_post_class(struct mix_op *op, MI_Class *cls /* owned */);
/* The final result.  details (owned) may be NULL: for a failure the engine
 * then builds a CIM_Error from code and message.  Later posts are dropped. */
void mix_op_post_final(struct mix_op *op, MI_Result code, const char *message, MI_Instance *details);
int mix_op_queue_full(struct mix_op *op);
/* Whether the caller cancelled or closed the operation (the final result
 * is then already posted; producers may stop early). */
int mix_op_cancelled(struct mix_op *op);
/* Ask to be pumped again at the given monotonic time (ms), even when the
 * queue is not drained; 0 cancels the request. */
void mix_op_wake_at(struct mix_op *op, uint64_t mono_ms);
const struct mix_request *mix_op_request(const struct mix_op *op);
struct mix_session *mix_op_session(const struct mix_op *op);
void *mix_op_proto_state(const struct mix_op *op);
void mix_op_set_proto_state(struct mix_op *op, void *state);
uint64_t mix_mono_ms(void);

/* Session accessors for protocol modules. */
const char *mix_session_destination(const struct mix_session *s);
void *mix_session_proto_state(const struct mix_session *s);
void mix_session_set_proto_state(struct mix_session *s, void *state);
/* The application's curl multi handle (void * to keep curl out of this header). */
void *mix_session_curl_multi(const struct mix_session *s);
const struct mix_dest_options *mix_session_options(const struct mix_session *s);

/* Destination options as protocols see them. */
struct mix_dest_options {
	uint64_t timeout_us;        /* per operation; default 120 s */
	uint64_t connect_timeout_ms;/* default 10 s */
	MI_Uint32 max_elements;     /* page size; default 1000 */
	MI_Uint32 max_envelope_kb;
	MI_Uint32 queue_length;     /* result queue bound; default 256 */
	uint64_t max_response_bytes;/* default 1 GiB */
	MI_Uint32 max_xml_depth;    /* default 256 */
	MI_Uint32 port;             /* 0 = from URL */
	char *transport;            /* "HTTP"/"HTTPS" or NULL */
	char *url_prefix;
	MI_Boolean cert_ca_check, cert_cn_check, packet_privacy, no_pull;
	char *ca_file, *trusted_certs_dir, *cert_file, *private_key_file;
	char *trace_path;
	char *auth_type, *domain, *username, *password;
};

/* libcurl transfers of protocol modules: put this first in the struct
 * given as CURLOPT_PRIVATE; the engine calls done() when the multi handle
 * reports the transfer finished (curl_code is a CURLcode).  done() must
 * remove the easy handle from the multi handle. */
struct mix_transfer {
	void (*done)(struct mix_transfer *t, int curl_code);
};

/* Register an extra protocol by name (tests use it for the test transport);
 * NULL ops removes it.  Not thread-safe against running sessions. */
void mix_protocol_register(const struct mix_protocol *ops);

#endif
