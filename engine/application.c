/* application.c - MI_Application and its engine thread.
 * One thread per application runs a libcurl multi handle for every
 * session; other threads reach it by queueing work and calling
 * curl_multi_wakeup().
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "engine_internal.h"
#include "model.h"

#include <curl/curl.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* How long Close waits for the engine thread before giving up on it. */
#define CLOSE_WAIT_MS 5000

static pthread_once_t curl_once = PTHREAD_ONCE_INIT;
static void curl_init_once(void)
{
	curl_global_init(CURL_GLOBAL_ALL);
}

void mix_app_wake(struct mix_app *app)
{
	curl_multi_wakeup(app->multi);
}

void mix_app_submit(struct mix_app *app, struct mix_op *op)
{
	pthread_mutex_lock(&app->lock);
	op->next_pending = app->pending;
	app->pending = op;
	pthread_mutex_unlock(&app->lock);
	mix_app_wake(app);
}

static void app_destroy(struct mix_obj *o)
{
	struct mix_app *app = (struct mix_app *)o;
	pthread_mutex_destroy(&app->lock);
	pthread_cond_destroy(&app->idle_cond);
	free(app);
}

MI_Result MI_Application_Initialize(MI_Uint32 flags, const MI_Char *applicationID,
	MI_Instance **extendedError, MI_Application *application)
{
	(void)applicationID;
	if (extendedError)
		*extendedError = NULL;
	if (!application)
		return MI_RESULT_INVALID_PARAMETER;
	memset(application, 0, sizeof(*application));
	if (flags)
		return MI_RESULT_INVALID_PARAMETER;
	pthread_once(&curl_once, curl_init_once);
	struct mix_app *app = calloc(1, sizeof(*app));
	if (!app)
		return MI_RESULT_FAILED;
	pthread_mutex_init(&app->lock, NULL);
	pthread_cond_init(&app->idle_cond, NULL);
	if (!(app->multi = curl_multi_init()))
		goto fail;
	if (pthread_create(&app->thread, NULL, mix_engine_main, app) != 0)
		goto fail;
	app->thread_started = 1;
	application->reserved1 = mix_handle_register(&app->obj, MIX_KIND_APP, app_destroy);
	application->ft = MIX_HANDLE_FT;
	return MI_RESULT_OK;
fail:
	if (extendedError)
		*extendedError = mix_error_new(MI_RESULT_FAILED, "cannot start the engine thread", NULL, NULL);
	if (app->multi)
		curl_multi_cleanup(app->multi);
	pthread_mutex_destroy(&app->lock);
	pthread_cond_destroy(&app->idle_cond);
	free(app);
	return MI_RESULT_FAILED;
}

static int join_bounded(pthread_t t, unsigned ms)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_sec += ms / 1000;
	ts.tv_nsec += (long)(ms % 1000) * 1000000L;
	if (ts.tv_nsec >= 1000000000L) {
		ts.tv_sec++;
		ts.tv_nsec -= 1000000000L;
	}
	return pthread_timedjoin_np(t, NULL, &ts);
}

MI_Result MI_Application_Close(MI_Application *application)
{
	if (!application)
		return MI_RESULT_INVALID_PARAMETER;
	struct mix_app *app = (struct mix_app *)mix_handle_unregister(application->reserved1, MIX_KIND_APP);
	if (!app)
		return MI_RESULT_INVALID_PARAMETER;
	memset(application, 0, sizeof(*application));

	pthread_mutex_lock(&app->lock);
	app->stopping = 1;
	for (struct mix_op *op = app->all_ops; op; op = op->next_all) {
		pthread_mutex_lock(&op->lock);
		mix_op_cancel_locked(op, MI_REASON_SHUTDOWN);
		pthread_mutex_unlock(&op->lock);
	}
	pthread_mutex_unlock(&app->lock);
	mix_app_wake(app);
	int joined = join_bounded(app->thread, CLOSE_WAIT_MS) == 0;
	if (!joined)
		pthread_detach(app->thread); /* a stuck producer: leave it, never hang the caller */

	/* Release what the caller never closed. */
	pthread_mutex_lock(&app->lock);
	struct mix_op *ops = app->all_ops;
	app->all_ops = NULL;
	struct mix_session *sessions = app->sessions;
	app->sessions = NULL;
	pthread_mutex_unlock(&app->lock);
	while (ops) {
		struct mix_op *next = ops->next_all;
		pthread_mutex_lock(&ops->lock);
		ops->app = NULL;
		pthread_mutex_unlock(&ops->lock);
		struct mix_obj *o = mix_handle_unregister(ops->obj.id, MIX_KIND_OP);
		if (o)
			mix_obj_unref(o);
		ops = next;
	}
	while (sessions) {
		struct mix_session *next = sessions->next;
		struct mix_obj *o = mix_handle_unregister(sessions->obj.id, MIX_KIND_SESSION);
		if (o)
			mix_obj_unref(o);
		mix_obj_unref(&sessions->obj); /* the app list's reference */
		sessions = next;
	}
	if (joined) {
		curl_multi_cleanup(app->multi);
		app->multi = NULL;
		mix_obj_unref(&app->obj);
	}
	return MI_RESULT_OK;
}

/* ---- the engine thread ----------------------------------------------------------- */

static void dispatch_transfers(struct mix_app *app)
{
	int running, left;
	CURLMsg *msg;
	curl_multi_perform(app->multi, &running);
	while ((msg = curl_multi_info_read(app->multi, &left))) {
		if (msg->msg != CURLMSG_DONE)
			continue;
		struct mix_transfer *t = NULL;
		curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, (char **)&t);
		CURLcode code = msg->data.result;
		if (t && t->done)
			t->done(t, (int)code);
		else
			curl_multi_remove_handle(app->multi, msg->easy_handle);
	}
}

/* Whether s may be closed now: its clean-up is done or has had its time.
 * Engine thread. */
static int cleanup_done(struct mix_session *s, uint64_t now)
{
	if (!s->proto->session_busy || !s->proto->session_busy(s))
		return 1;
	if (!s->cleanup_deadline)
		s->cleanup_deadline = now + MIX_CLEANUP_WAIT_MS;
	return now >= s->cleanup_deadline;
}

/* Runs protocol session_close for closing sessions with no live op (all:
 * every session, as the application stops). */
static void close_sessions(struct mix_app *app, int all)
{
	uint64_t now = mix_mono_ms();
	for (;;) {
		struct mix_session *victim = NULL;
		pthread_mutex_lock(&app->lock);
		for (struct mix_session *s = app->sessions; s; s = s->next)
			if ((s->closing || all) && !s->proto_closed && s->live_ops == 0 &&
			    cleanup_done(s, now)) {
				victim = s;
				break;
			}
		pthread_mutex_unlock(&app->lock);
		if (!victim)
			return;
		if (victim->proto->session_close)
			victim->proto->session_close(victim);
		victim->proto_state = NULL;
		pthread_mutex_lock(&app->lock);
		victim->proto_closed = 1;
		if (victim->closing) {
			for (struct mix_session **p = &app->sessions; *p; p = &(*p)->next)
				if (*p == victim) {
					*p = victim->next;
					break;
				}
		} else {
			victim = NULL; /* stays listed: MI_Application_Close releases it */
		}
		pthread_cond_broadcast(&app->idle_cond);
		pthread_mutex_unlock(&app->lock);
		if (victim)
			mix_obj_unref(&victim->obj); /* the list's reference */
	}
}

void *mix_engine_main(void *arg)
{
	struct mix_app *app = arg;
	for (;;) {
		pthread_mutex_lock(&app->lock);
		struct mix_op *pending = app->pending;
		app->pending = NULL;
		int stopping = app->stopping;
		pthread_mutex_unlock(&app->lock);

		/* Start new operations in the order they were submitted. */
		struct mix_op *fifo = NULL;
		while (pending) {
			struct mix_op *next = pending->next_pending;
			pending->next_pending = fifo;
			fifo = pending;
			pending = next;
		}
		while (fifo) {
			struct mix_op *next = fifo->next_pending;
			fifo->next_active = app->active;
			app->active = fifo;
			mix_op_engine_start(fifo);
			fifo = next;
		}

		uint64_t now = mix_mono_ms();
		for (struct mix_op **p = &app->active; *p;) {
			struct mix_op *op = *p;
			if (mix_op_engine_step(op, now)) {
				*p = op->next_active;
				mix_obj_unref(&op->obj); /* the engine's reference */
			} else {
				p = &op->next_active;
			}
		}
		dispatch_transfers(app);
		close_sessions(app, 0);

		if (stopping && !app->active) {
			close_sessions(app, 1); /* each once its clean-up is done */
			pthread_mutex_lock(&app->lock);
			int idle = app->pending == NULL;
			for (struct mix_session *s = app->sessions; s; s = s->next)
				idle &= s->proto_closed;
			pthread_mutex_unlock(&app->lock);
			if (idle)
				break;
		}

		/* Sleep until a transfer, a wake-up or the next timer. */
		long timeout = 1000;
		now = mix_mono_ms();
		for (struct mix_op *op = app->active; op; op = op->next_active) {
			uint64_t w = mix_op_next_wake(op);
			if (w) {
				long d = w <= now ? 0 : (long)(w - now);
				if (d < timeout)
					timeout = d;
			}
		}
		if (stopping)
			timeout = timeout > 10 ? 10 : timeout;
		if (timeout > 0)
			curl_multi_poll(app->multi, NULL, 0, (int)timeout, NULL);
	}
	return NULL;
}
