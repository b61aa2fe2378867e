/* engine_internal.h - objects behind the MI handles, shared by
 * application.c, session.c, operation.c and starters.c.
 *
 * Handles carry an id (reserved1) that is looked up in a registry; a
 * lookup takes a reference, so an object freed by another thread (for
 * instance by MI_Application_Close) is never touched through a stale
 * handle: the lookup simply fails with MI_RESULT_INVALID_PARAMETER.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef CIMTUI_ENGINE_INTERNAL_H
#define CIMTUI_ENGINE_INTERNAL_H

#include <pthread.h>
#include <stdint.h>
#include "mi.h"
#include "operation.h"

enum mix_obj_kind { MIX_KIND_APP = 1, MIX_KIND_SESSION, MIX_KIND_OP, MIX_KIND_DESTOPT, MIX_KIND_OPOPT };

struct mix_obj {
	enum mix_obj_kind kind;
	int refs; /* atomic */
	uint64_t id;
	void (*destroy)(struct mix_obj *o);
};

/* ---- handle registry (handles.c) ---------------------------------------- */
uint64_t mix_handle_register(struct mix_obj *o, enum mix_obj_kind kind, void (*destroy)(struct mix_obj *));
/* Takes a reference; NULL when the id is unknown or of another kind. */
struct mix_obj *mix_handle_acquire(uint64_t id, enum mix_obj_kind kind);
/* Removes the id; returns the object with the registry's reference, which
 * the caller must drop.  NULL when already gone. */
struct mix_obj *mix_handle_unregister(uint64_t id, enum mix_obj_kind kind);
void mix_obj_ref(struct mix_obj *o);
void mix_obj_unref(struct mix_obj *o);

/* ---- options ------------------------------------------------------------- */
struct mix_opt_entry { char *name; char *str; MI_Uint32 num; int is_num; };
struct mix_opopt {
	struct mix_obj obj;
	pthread_mutex_t lock;
	struct mix_opt_entry *items;
	MI_Uint32 count;
	uint64_t timeout_us;
	char *resource_uri, *resource_uri_prefix;
};
struct mix_destopt {
	struct mix_obj obj;
	pthread_mutex_t lock;
	struct mix_dest_options o;
};
void mix_dest_options_defaults(struct mix_dest_options *o);
void mix_dest_options_copy(struct mix_dest_options *dst, const struct mix_dest_options *src);
void mix_dest_options_free(struct mix_dest_options *o);
MI_Result mix_dest_options_snapshot(MI_DestinationOptions *options, struct mix_dest_options *out);
/* Fills the option-derived fields of req from opts (may be NULL). */
void mix_request_apply_options(struct mix_request *req, MI_OperationOptions *opts);
void mix_request_free(struct mix_request *req);

/* ---- application --------------------------------------------------------- */
struct mix_app {
	struct mix_obj obj;
	pthread_mutex_t lock;
	pthread_cond_t idle_cond;
	pthread_t thread;
	int thread_started;
	int stopping;
	void *multi;                /* CURLM* */
	struct mix_op *pending;     /* ops waiting to start (engine takes them) */
	struct mix_op *active;      /* ops the engine drives (engine thread only) */
	struct mix_session *sessions; /* every open session of this app */
	struct mix_op *all_ops;     /* every op not yet closed by the user */
};
void mix_app_wake(struct mix_app *app);
void mix_app_submit(struct mix_app *app, struct mix_op *op);
void *mix_engine_main(void *arg);

/* ---- session ------------------------------------------------------------- */
struct mix_session {
	struct mix_obj obj;
	struct mix_app *app;
	struct mix_session *next;       /* app->sessions, under app->lock */
	char *destination;
	const struct mix_protocol *proto;
	struct mix_dest_options opts;
	void *proto_state;
	int closing;                    /* user closed it; engine closes the protocol */
	int proto_closed;               /* session_close ran */
	int live_ops;                   /* started, not yet stopped (engine thread) */
	uint64_t cleanup_deadline;      /* engine thread: when to stop waiting for session_busy */
};
const struct mix_protocol *mix_protocol_find(const char *protocol, const char *destination);
/* NULL-terminated list of the protocols built into the library (protocols.c). */
extern const struct mix_protocol *const mix_builtin_protocols[];

/* ---- operation ----------------------------------------------------------- */
struct mix_result {
	struct mix_result *next;
	MI_Instance *inst;
	MI_Class *cls;
};

struct mix_op {
	struct mix_obj obj;
	pthread_mutex_t lock;
	pthread_cond_t cond;
	struct mix_app *app;            /* NULL once the app is gone */
	struct mix_session *session;    /* holds a reference */
	const struct mix_protocol *proto;
	struct mix_request req;
	void *proto_state;
	/* result queue */
	struct mix_result *head, *tail;
	MI_Uint32 qlen, qmax;
	int producer_blocked;
	/* what the caller holds now */
	MI_Instance *handed_inst;
	MI_Class *handed_cls;
	/* final result */
	int final_set, final_delivered;
	MI_Result final_code;
	char *final_msg;
	MI_Instance *final_details;
	/* control */
	int cancel_requested;
	int user_closed;
	/* engine bookkeeping (engine thread) */
	struct mix_op *next_pending, *next_active, *next_all;
	int started, stopped;
	int proto_started;              /* proto->start ran, so proto->stop must */
	int need_pump;
	uint64_t wake_at, deadline;
	/* asynchronous mode */
	MI_OperationCallbacks cbs;
	int async, manual_ack, waiting_ack;
	MI_Operation self_handle;       /* what callbacks receive */
};

struct mix_op *mix_op_create(MI_Session *session, MI_Uint32 flags, MI_OperationOptions *options,
	MI_OperationCallbacks *callbacks, enum mix_op_kind kind, const char *ns, MI_Operation *handle);
void mix_op_launch(struct mix_op *op, MI_Operation *handle);
void mix_op_fail_now(struct mix_op *op, MI_Result code, const char *msg);
void mix_op_cancel_locked(struct mix_op *op, MI_CancellationReason reason);
/* Engine thread: one scheduling step for an active op.  Returns 1 when the
 * op is finished and may leave the active list. */
int mix_op_engine_step(struct mix_op *op, uint64_t now);
void mix_op_engine_start(struct mix_op *op);
uint64_t mix_op_next_wake(struct mix_op *op);

#define MIX_HANDLE_FT ((const void *)&mix_handle_ft_marker)
extern const int mix_handle_ft_marker;

char *mix_strdup(const char *s);

#endif
