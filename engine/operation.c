/* operation.c - MI_Operation: the bounded result queue, pulling results,
 * cancel and close with the rules of mi-api.md, and the producer side.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "engine_internal.h"
#include "model.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

uint64_t mix_mono_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

int mix_op_kind_is_class(enum mix_op_kind kind)
{
	return kind == MIX_OP_GET_CLASS || kind == MIX_OP_ENUMERATE_CLASSES;
}

int mix_op_kind_is_single(enum mix_op_kind kind)
{
	switch (kind) {
	case MIX_OP_GET_INSTANCE: case MIX_OP_INVOKE: case MIX_OP_CREATE_INSTANCE:
	case MIX_OP_MODIFY_INSTANCE: case MIX_OP_DELETE_INSTANCE: case MIX_OP_GET_CLASS:
		return 1;
	default:
		return 0;
	}
}

/* ---- small helpers ----------------------------------------------------------- */

static void result_free(struct mix_result *r)
{
	if (!r)
		return;
	if (r->inst)
		MI_Instance_Delete(r->inst);
	if (r->cls)
		MI_Class_Delete(r->cls);
	free(r);
}

static struct mix_result *queue_pop(struct mix_op *op)
{
	struct mix_result *r = op->head;
	if (r) {
		op->head = r->next;
		if (!op->head)
			op->tail = NULL;
		op->qlen--;
	}
	return r;
}

/* Called with op->lock held after a result left the queue: restart a
 * producer that stopped on a full queue once half the room is free
 * (hysteresis keeps wake-ups per result low). */
static void maybe_resume_producer(struct mix_op *op)
{
	if (op->producer_blocked && op->qlen <= op->qmax / 2) {
		op->producer_blocked = 0;
		op->need_pump = 1;
		if (op->app)
			mix_app_wake(op->app);
	}
}

static const char *destination_of(const struct mix_op *op)
{
	return op->session ? op->session->destination : NULL;
}

/* Sets the final result; op->lock held. Takes ownership of details. */
static void set_final_locked(struct mix_op *op, MI_Result code, const char *msg, MI_Instance *details)
{
	if (op->final_set) {
		if (details)
			MI_Instance_Delete(details);
		return;
	}
	if (code != MI_RESULT_OK) {
		if (!details)
			details = mix_error_new(code, msg, NULL, destination_of(op));
		else
			mix_error_complete(details, code, msg, destination_of(op));
		if (!msg && details) {
			struct mix_element *m = mix_instance_find(details, "Message");
			if (m && m->type == MI_STRING && !(m->flags & MI_FLAG_NULL))
				msg = m->value.string;
		}
		if (!msg)
			msg = MIX_ResultName(code);
	}
	op->final_code = code;
	op->final_msg = msg ? strdup(msg) : NULL;
	op->final_details = details;
	op->final_set = 1;
	pthread_cond_broadcast(&op->cond);
	if (op->app)
		mix_app_wake(op->app);
}

void mix_op_cancel_locked(struct mix_op *op, MI_CancellationReason reason)
{
	op->cancel_requested = 1;
	if (op->final_set)
		return;
	int timeout = reason == MI_REASON_TIMEOUT;
	const char *msg = timeout ? "operation timed out" : "operation cancelled";
	MI_Instance *d = mix_error_new_ex(MI_RESULT_FAILED, msg, timeout ? "CIMTUI0002" : "CIMTUI0001",
		destination_of(op), MIX_ERRTYPE_OTHER, MIX_CAUSE_OTHER,
		timeout ? "The operation did not finish within its time limit" : "Cancelled by the client");
	set_final_locked(op, MI_RESULT_FAILED, msg, d);
}

/* ---- producer side (engine thread) --------------------------------------------- */

static int post(struct mix_op *op, MI_Instance *inst, MI_Class *cls)
{
	struct mix_result *r = malloc(sizeof(*r));
	pthread_mutex_lock(&op->lock);
	if (op->final_set || !r) {
		pthread_mutex_unlock(&op->lock);
		if (inst)
			MI_Instance_Delete(inst);
		if (cls)
			MI_Class_Delete(cls);
		free(r);
		return MIX_POST_CLOSED;
	}
	r->next = NULL;
	r->inst = inst;
	r->cls = cls;
	if (op->tail)
		op->tail->next = r;
	else
		op->head = r;
	op->tail = r;
	op->qlen++;
	pthread_cond_signal(&op->cond);
	int full = op->qlen >= op->qmax;
	if (full)
		op->producer_blocked = 1;
	pthread_mutex_unlock(&op->lock);
	return full ? MIX_POST_FULL : MIX_POST_OK;
}

int mix_op_post_instance(struct mix_op *op, MI_Instance *inst)
{
	if (!mix_instance_valid(inst))
		return MIX_POST_CLOSED;
	return post(op, inst, NULL);
}

int mix_op_post_class(struct mix_op *op, MI_Class *cls)
{
	if (!mix_class_valid(cls))
		return MIX_POST_CLOSED;
	return post(op, NULL, cls);
}

void mix_op_post_final(struct mix_op *op, MI_Result code, const char *message, MI_Instance *details)
{
	pthread_mutex_lock(&op->lock);
	set_final_locked(op, code, message, details);
	pthread_mutex_unlock(&op->lock);
}

int mix_op_queue_full(struct mix_op *op)
{
	pthread_mutex_lock(&op->lock);
	int full = op->qlen >= op->qmax;
	if (full)
		op->producer_blocked = 1;
	pthread_mutex_unlock(&op->lock);
	return full;
}

int mix_op_cancelled(struct mix_op *op)
{
	pthread_mutex_lock(&op->lock);
	int c = op->cancel_requested;
	pthread_mutex_unlock(&op->lock);
	return c;
}

void mix_op_wake_at(struct mix_op *op, uint64_t mono_ms)
{
	pthread_mutex_lock(&op->lock);
	op->wake_at = mono_ms;
	pthread_mutex_unlock(&op->lock);
}

const struct mix_request *mix_op_request(const struct mix_op *op) { return &op->req; }
struct mix_session *mix_op_session(const struct mix_op *op) { return op->session; }
void *mix_op_proto_state(const struct mix_op *op) { return op->proto_state; }
void mix_op_set_proto_state(struct mix_op *op, void *state) { op->proto_state = state; }

/* ---- creation ------------------------------------------------------------------- */

static void op_destroy(struct mix_obj *o)
{
	struct mix_op *op = (struct mix_op *)o;
	struct mix_result *r;
	while ((r = queue_pop(op)))
		result_free(r);
	if (op->handed_inst)
		MI_Instance_Delete(op->handed_inst);
	if (op->handed_cls)
		MI_Class_Delete(op->handed_cls);
	if (op->final_details)
		MI_Instance_Delete(op->final_details);
	free(op->final_msg);
	mix_request_free(&op->req);
	if (op->session)
		mix_obj_unref(&op->session->obj);
	pthread_mutex_destroy(&op->lock);
	pthread_cond_destroy(&op->cond);
	free(op);
}

struct mix_op *mix_op_create(MI_Session *session, MI_Uint32 flags, MI_OperationOptions *options,
	MI_OperationCallbacks *callbacks, enum mix_op_kind kind, const char *ns, MI_Operation *handle)
{
	struct mix_op *op = calloc(1, sizeof(*op));
	if (!op)
		return NULL;
	pthread_mutex_init(&op->lock, NULL);
	pthread_cond_init(&op->cond, NULL);
	op->req.kind = kind;
	op->req.flags = flags;
	op->req.ns = strdup(ns && *ns ? ns : "root/cimv2");
	mix_request_apply_options(&op->req, options);
	op->qmax = 256;
	if (callbacks) {
		op->cbs = *callbacks;
		op->async = (callbacks->instanceResult || callbacks->classResult) ? 1 : 0;
		op->manual_ack = op->async && (flags & MI_OPERATIONFLAGS_MANUAL_ACK_RESULTS);
	}
	struct mix_session *s = session ? (struct mix_session *)mix_handle_acquire(session->reserved1, MIX_KIND_SESSION) : NULL;
	if (s) {
		op->session = s; /* keeps the acquired reference */
		op->proto = s->proto;
		op->app = s->app;
		if (s->opts.queue_length)
			op->qmax = s->opts.queue_length;
	}
	mix_handle_register(&op->obj, MIX_KIND_OP, op_destroy);
	op->self_handle.reserved1 = op->obj.id;
	op->self_handle.ft = MIX_HANDLE_FT;
	if (handle)
		*handle = op->self_handle;
	if (op->app) {
		pthread_mutex_lock(&op->app->lock);
		if (op->app->stopping || !s || s->closing) {
			pthread_mutex_unlock(&op->app->lock);
			op->app = NULL;
		} else {
			op->next_all = op->app->all_ops;
			op->app->all_ops = op;
			pthread_mutex_unlock(&op->app->lock);
		}
	}
	if (!op->req.ns)
		mix_op_fail_now(op, MI_RESULT_FAILED, "out of memory");
	else if (!s)
		mix_op_fail_now(op, MI_RESULT_INVALID_PARAMETER, "invalid session handle");
	else if (!op->app)
		mix_op_fail_now(op, MI_RESULT_INVALID_PARAMETER, "the session is closed");
	return op;
}

void mix_op_fail_now(struct mix_op *op, MI_Result code, const char *msg)
{
	pthread_mutex_lock(&op->lock);
	set_final_locked(op, code, msg, NULL);
	pthread_mutex_unlock(&op->lock);
}

/* Delivers a final result to an asynchronous caller when there is no
 * engine to do it (the session was invalid). */
static void deliver_orphan_final(struct mix_op *op)
{
	if (op->cbs.instanceResult && !mix_op_kind_is_class(op->req.kind))
		op->cbs.instanceResult(&op->self_handle, op->cbs.callbackContext, NULL, MI_FALSE,
			op->final_code, op->final_msg, op->final_details, NULL);
	else if (op->cbs.classResult)
		op->cbs.classResult(&op->self_handle, op->cbs.callbackContext, NULL, MI_FALSE,
			op->final_code, op->final_msg, op->final_details, NULL);
	op->final_delivered = 1;
}

void mix_op_launch(struct mix_op *op, MI_Operation *handle)
{
	(void)handle;
	if (op->app) {
		mix_obj_ref(&op->obj); /* the engine's reference */
		mix_app_submit(op->app, op);
	} else if (op->async) {
		deliver_orphan_final(op);
	}
}

/* ---- engine side ------------------------------------------------------------------ */

void mix_op_engine_start(struct mix_op *op)
{
	op->started = 1;
	op->session->live_ops++;
	uint64_t t = op->req.timeout_us ? op->req.timeout_us : op->session->opts.timeout_us;
	if (t)
		op->deadline = mix_mono_ms() + t / 1000u + 1;
	pthread_mutex_lock(&op->lock);
	int go = !op->final_set;
	pthread_mutex_unlock(&op->lock);
	if (go) {
		op->proto_started = 1;
		op->proto->start(op);
	}
}

static MI_Result ack_result(MI_Operation *handle);

/* Asynchronous mode: hand queued results to the callbacks (engine thread). */
static void deliver_callbacks(struct mix_op *op)
{
	for (;;) {
		pthread_mutex_lock(&op->lock);
		if (op->waiting_ack || op->final_delivered) {
			pthread_mutex_unlock(&op->lock);
			return;
		}
		if (op->user_closed) {
			struct mix_result *r;
			while ((r = queue_pop(op)))
				result_free(r);
			op->final_delivered = 1;
			pthread_mutex_unlock(&op->lock);
			return;
		}
		int single = mix_op_kind_is_single(op->req.kind);
		struct mix_result *r = NULL;
		int final = 0;
		if (op->head && !single) {
			r = queue_pop(op);
			if (op->producer_blocked && op->qlen <= op->qmax / 2) {
				op->producer_blocked = 0;
				op->need_pump = 1;
			}
		} else if (op->final_set && op->stopped) {
			r = queue_pop(op);
			final = 1;
			op->final_delivered = 1;
		} else {
			pthread_mutex_unlock(&op->lock);
			return;
		}
		if (op->manual_ack)
			op->waiting_ack = 1;
		op->handed_inst = r ? r->inst : NULL; /* kept until ack or next result */
		op->handed_cls = r ? r->cls : NULL;
		free(r);
		MI_Result code = final ? op->final_code : MI_RESULT_OK;
		const char *msg = final ? op->final_msg : NULL;
		const MI_Instance *det = final ? op->final_details : NULL;
		pthread_mutex_unlock(&op->lock);

		MI_ResultAcknowledgement ack = op->manual_ack ? ack_result : NULL;
		if (mix_op_kind_is_class(op->req.kind)) {
			if (op->cbs.classResult)
				op->cbs.classResult(&op->self_handle, op->cbs.callbackContext, op->handed_cls,
					final ? MI_FALSE : MI_TRUE, code, msg, det, ack);
		} else if (op->cbs.instanceResult) {
			op->cbs.instanceResult(&op->self_handle, op->cbs.callbackContext, op->handed_inst,
				final ? MI_FALSE : MI_TRUE, code, msg, det, ack);
		}
		if (!op->manual_ack) {
			pthread_mutex_lock(&op->lock);
			MI_Instance *i = op->handed_inst;
			MI_Class *c = op->handed_cls;
			op->handed_inst = NULL;
			op->handed_cls = NULL;
			pthread_mutex_unlock(&op->lock);
			if (i)
				MI_Instance_Delete(i);
			if (c)
				MI_Class_Delete(c);
		}
	}
}

static MI_Result ack_result(MI_Operation *handle)
{
	struct mix_op *op = handle ? (struct mix_op *)mix_handle_acquire(handle->reserved1, MIX_KIND_OP) : NULL;
	if (!op)
		return MI_RESULT_INVALID_PARAMETER;
	pthread_mutex_lock(&op->lock);
	MI_Instance *i = op->handed_inst;
	MI_Class *c = op->handed_cls;
	op->handed_inst = NULL;
	op->handed_cls = NULL;
	op->waiting_ack = 0;
	if (op->app)
		mix_app_wake(op->app);
	pthread_mutex_unlock(&op->lock);
	if (i)
		MI_Instance_Delete(i);
	if (c)
		MI_Class_Delete(c);
	mix_obj_unref(&op->obj);
	return MI_RESULT_OK;
}

int mix_op_engine_step(struct mix_op *op, uint64_t now)
{
	pthread_mutex_lock(&op->lock);
	if (op->deadline && now >= op->deadline && !op->final_set)
		mix_op_cancel_locked(op, MI_REASON_TIMEOUT);
	int pump = !op->final_set && !op->stopped && op->qlen < op->qmax &&
		   (op->need_pump || (op->wake_at && now >= op->wake_at));
	if (pump) {
		op->need_pump = 0;
		if (op->wake_at && now >= op->wake_at)
			op->wake_at = 0;
	}
	pthread_mutex_unlock(&op->lock);
	if (pump)
		op->proto->pump(op);

	pthread_mutex_lock(&op->lock);
	int stop = op->final_set && !op->stopped;
	pthread_mutex_unlock(&op->lock);
	if (stop) {
		if (op->proto_started) /* an op cancelled before it began has nothing to stop */
			op->proto->stop(op);
		op->proto_state = NULL;
		pthread_mutex_lock(&op->lock);
		op->stopped = 1;
		pthread_mutex_unlock(&op->lock);
		op->session->live_ops--;
	}
	if (op->async)
		deliver_callbacks(op);
	pthread_mutex_lock(&op->lock);
	int done = op->stopped && (!op->async || op->final_delivered);
	pthread_mutex_unlock(&op->lock);
	return done;
}

uint64_t mix_op_next_wake(struct mix_op *op)
{
	pthread_mutex_lock(&op->lock);
	uint64_t w = op->wake_at;
	if (op->deadline && (!w || op->deadline < w))
		w = op->deadline;
	if (op->need_pump || (op->final_set && !op->stopped))
		w = 1; /* now */
	pthread_mutex_unlock(&op->lock);
	return w;
}

/* ---- consumer side ------------------------------------------------------------------ */

static MI_Result get_result(MI_Operation *operation, int want_class, const MI_Instance **instance,
	const MI_Class **classResult, MI_Boolean *moreResults, MI_Result *result,
	const MI_Char **errorMessage, const MI_Instance **completionDetails)
{
	if (instance)
		*instance = NULL;
	if (classResult)
		*classResult = NULL;
	if (moreResults)
		*moreResults = MI_FALSE;
	if (result)
		*result = MI_RESULT_OK;
	if (errorMessage)
		*errorMessage = NULL;
	if (completionDetails)
		*completionDetails = NULL;
	struct mix_op *op = operation ? (struct mix_op *)mix_handle_acquire(operation->reserved1, MIX_KIND_OP) : NULL;
	if (!op || (want_class ? !classResult : !instance)) {
		if (op)
			mix_obj_unref(&op->obj);
		if (result)
			*result = MI_RESULT_INVALID_PARAMETER;
		return MI_RESULT_INVALID_PARAMETER;
	}
	pthread_mutex_lock(&op->lock);
	if (op->async || want_class != mix_op_kind_is_class(op->req.kind)) {
		pthread_mutex_unlock(&op->lock);
		mix_obj_unref(&op->obj);
		if (result)
			*result = MI_RESULT_INVALID_PARAMETER;
		return MI_RESULT_INVALID_PARAMETER;
	}
	/* Rule 3: what we handed out last time is released by this call. */
	MI_Instance *old_inst = op->handed_inst;
	MI_Class *old_cls = op->handed_cls;
	op->handed_inst = NULL;
	op->handed_cls = NULL;
	int single = mix_op_kind_is_single(op->req.kind);
	while (!(op->head && !single) && !op->final_set)
		pthread_cond_wait(&op->cond, &op->lock);
	struct mix_result *r = NULL;
	if (op->head && !single) {
		r = queue_pop(op);
		if (moreResults)
			*moreResults = MI_TRUE;
		maybe_resume_producer(op);
	} else {
		/* Final result.  Rule 4: after the first time, no instance. */
		if (!op->final_delivered)
			r = queue_pop(op);
		while (op->head)
			result_free(queue_pop(op));
		op->final_delivered = 1;
		if (result)
			*result = op->final_code;
		if (errorMessage)
			*errorMessage = op->final_msg;
		if (completionDetails)
			*completionDetails = op->final_details;
	}
	if (r) {
		op->handed_inst = r->inst;
		op->handed_cls = r->cls;
		free(r);
	}
	if (instance)
		*instance = op->handed_inst;
	if (classResult)
		*classResult = op->handed_cls;
	pthread_mutex_unlock(&op->lock);
	if (old_inst)
		MI_Instance_Delete(old_inst);
	if (old_cls)
		MI_Class_Delete(old_cls);
	mix_obj_unref(&op->obj);
	return MI_RESULT_OK;
}

MI_Result MI_Operation_GetInstance(MI_Operation *operation, const MI_Instance **instance,
	MI_Boolean *moreResults, MI_Result *result, const MI_Char **errorMessage,
	const MI_Instance **completionDetails)
{
	return get_result(operation, 0, instance, NULL, moreResults, result, errorMessage, completionDetails);
}

MI_Result MI_Operation_GetClass(MI_Operation *operation, const MI_Class **classResult,
	MI_Boolean *moreResults, MI_Result *result, const MI_Char **errorMessage,
	const MI_Instance **completionDetails)
{
	return get_result(operation, 1, NULL, classResult, moreResults, result, errorMessage, completionDetails);
}

MI_Result MI_Operation_Cancel(MI_Operation *operation, MI_CancellationReason reason)
{
	struct mix_op *op = operation ? (struct mix_op *)mix_handle_acquire(operation->reserved1, MIX_KIND_OP) : NULL;
	if (!op)
		return MI_RESULT_INVALID_PARAMETER;
	if ((unsigned)reason > MI_REASON_SERVICESTOP)
		reason = MI_REASON_NONE;
	pthread_mutex_lock(&op->lock);
	mix_op_cancel_locked(op, reason);
	pthread_mutex_unlock(&op->lock);
	mix_obj_unref(&op->obj);
	return MI_RESULT_OK;
}

MI_Result MI_Operation_Close(MI_Operation *operation)
{
	if (!operation)
		return MI_RESULT_INVALID_PARAMETER;
	struct mix_op *op = (struct mix_op *)mix_handle_unregister(operation->reserved1, MIX_KIND_OP);
	if (!op)
		return MI_RESULT_INVALID_PARAMETER;
	memset(operation, 0, sizeof(*operation));
	/* Rule 7: before the final result, cancel; the engine drains and
	 * frees when it lets go of its reference.  Never wait here. */
	pthread_mutex_lock(&op->lock);
	op->user_closed = 1;
	mix_op_cancel_locked(op, MI_REASON_NONE);
	struct mix_app *app = op->app;
	pthread_mutex_unlock(&op->lock);
	if (app) {
		pthread_mutex_lock(&app->lock);
		for (struct mix_op **p = &app->all_ops; *p; p = &(*p)->next_all)
			if (*p == op) {
				*p = op->next_all;
				break;
			}
		pthread_mutex_unlock(&app->lock);
	}
	mix_obj_unref(&op->obj);
	return MI_RESULT_OK;
}
