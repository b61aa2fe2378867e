/* session.c - MI_Session: a destination, its options and its protocol.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "engine_internal.h"
#include "model.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#define SESSION_CLOSE_WAIT_MS 5000
#define MAX_PROTOCOLS 8

static pthread_mutex_t proto_lock = PTHREAD_MUTEX_INITIALIZER;
static const struct mix_protocol *protocols[MAX_PROTOCOLS];

void mix_protocol_register(const struct mix_protocol *ops)
{
	if (!ops)
		return;
	pthread_mutex_lock(&proto_lock);
	int slot = -1;
	for (int i = 0; i < MAX_PROTOCOLS; i++) {
		if (protocols[i] && !strcasecmp(protocols[i]->name, ops->name)) {
			slot = i;
			break;
		}
		if (!protocols[i] && slot < 0)
			slot = i;
	}
	if (slot >= 0)
		protocols[slot] = ops;
	pthread_mutex_unlock(&proto_lock);
}

static const struct mix_protocol *by_name(const char *name)
{
	const struct mix_protocol *p = NULL;
	pthread_mutex_lock(&proto_lock);
	for (int i = 0; i < MAX_PROTOCOLS; i++)
		if (protocols[i] && !strcasecmp(protocols[i]->name, name))
			p = protocols[i];
	pthread_mutex_unlock(&proto_lock);
	return p;
}

/* The built-in protocols, registered once. */
static pthread_once_t builtin_once = PTHREAD_ONCE_INIT;
static void register_builtins(void)
{
	for (const struct mix_protocol *const *p = mix_builtin_protocols; *p; p++)
		mix_protocol_register(*p);
}

/* "/wsman" in the path selects WS-Management; local: the embedded provider. */
const struct mix_protocol *mix_protocol_find(const char *protocol, const char *destination)
{
	pthread_once(&builtin_once, register_builtins);
	if (protocol && *protocol) {
		if (!strcasecmp(protocol, "WSMAN"))
			protocol = "WINRM";
		return by_name(protocol);
	}
	if (!destination)
		return NULL;
	if (!strncasecmp(destination, "local:", 6))
		return by_name("LOCAL");
	if (!strncasecmp(destination, "http://", 7) || !strncasecmp(destination, "https://", 8)) {
		const char *path = strchr(destination + (destination[4] == ':' ? 7 : 8), '/');
		if (path && !strncasecmp(path, "/wsman", 6))
			return by_name("WINRM");
		return by_name("CIMXML");
	}
	return NULL;
}

const char *mix_session_destination(const struct mix_session *s) { return s->destination; }
void *mix_session_proto_state(const struct mix_session *s) { return s->proto_state; }
void mix_session_set_proto_state(struct mix_session *s, void *state) { s->proto_state = state; }
void *mix_session_curl_multi(const struct mix_session *s) { return s->app->multi; }
const struct mix_dest_options *mix_session_options(const struct mix_session *s) { return &s->opts; }

static void session_destroy(struct mix_obj *o)
{
	struct mix_session *s = (struct mix_session *)o;
	free(s->destination);
	mix_dest_options_free(&s->opts);
	mix_obj_unref(&s->app->obj);
	free(s);
}

MI_Result MI_Application_NewSession(MI_Application *application, const MI_Char *protocol,
	const MI_Char *destination, MI_DestinationOptions *options,
	MI_SessionCallbacks *callbacks, MI_Instance **extendedError, MI_Session *session)
{
	(void)callbacks;
	if (extendedError)
		*extendedError = NULL;
	if (!session)
		return MI_RESULT_INVALID_PARAMETER;
	memset(session, 0, sizeof(*session));
	if (!application)
		return MI_RESULT_INVALID_PARAMETER;
	struct mix_app *app = (struct mix_app *)mix_handle_acquire(application->reserved1, MIX_KIND_APP);
	if (!app)
		return MI_RESULT_INVALID_PARAMETER;
	if (!destination || !*destination)
		destination = "local:";
	const struct mix_protocol *proto = mix_protocol_find(protocol, destination);
	if (!proto) {
		/* WS-Management is selected by /wsman but not built in yet: say so. */
		int wsman = protocol ? (!strcasecmp(protocol, "WSMAN") || !strcasecmp(protocol, "WINRM"))
				     : strstr(destination, "/wsman") != NULL;
		const char *msg = wsman
			? "WS-Management is not supported in this version of cimtui; use a CIM-XML URL (http(s)://host[:port])"
			: "no protocol for this destination (use local: or http(s)://host[:port] for CIM-XML)";
		if (extendedError)
			*extendedError = mix_error_new(MI_RESULT_NOT_SUPPORTED, msg, NULL, destination);
		mix_obj_unref(&app->obj);
		return MI_RESULT_NOT_SUPPORTED;
	}
	struct mix_session *s = calloc(1, sizeof(*s));
	if (!s || !(s->destination = strdup(destination))) {
		free(s);
		mix_obj_unref(&app->obj);
		return MI_RESULT_FAILED;
	}
	s->app = app; /* keeps the acquired reference */
	s->proto = proto;
	MI_Result r = mix_dest_options_snapshot(options, &s->opts);
	if (r == MI_RESULT_OK && proto->session_open)
		r = proto->session_open(s, extendedError);
	if (r != MI_RESULT_OK) {
		s->obj.destroy = session_destroy;
		session_destroy(&s->obj);
		return r;
	}
	session->reserved1 = mix_handle_register(&s->obj, MIX_KIND_SESSION, session_destroy);
	session->ft = MIX_HANDLE_FT;
	pthread_mutex_lock(&app->lock);
	if (app->stopping) {
		pthread_mutex_unlock(&app->lock);
		MI_Session_Close(session, NULL, NULL);
		return MI_RESULT_INVALID_PARAMETER;
	}
	mix_obj_ref(&s->obj); /* the app list's reference */
	s->next = app->sessions;
	app->sessions = s;
	pthread_mutex_unlock(&app->lock);
	return MI_RESULT_OK;
}

MI_Result MI_Session_Close(MI_Session *session, void *completionContext,
	void (MI_CALL *completionCallback)(void *completionContext))
{
	if (!session)
		return MI_RESULT_INVALID_PARAMETER;
	struct mix_session *s = (struct mix_session *)mix_handle_unregister(session->reserved1, MIX_KIND_SESSION);
	if (!s)
		return MI_RESULT_INVALID_PARAMETER;
	memset(session, 0, sizeof(*session));
	struct mix_app *app = s->app;
	pthread_mutex_lock(&app->lock);
	s->closing = 1;
	for (struct mix_op *op = app->all_ops; op; op = op->next_all)
		if (op->session == s) {
			pthread_mutex_lock(&op->lock);
			mix_op_cancel_locked(op, MI_REASON_NONE);
			pthread_mutex_unlock(&op->lock);
		}
	int listed = 0;
	for (struct mix_session *x = app->sessions; x; x = x->next)
		listed |= x == s;
	pthread_mutex_unlock(&app->lock);
	if (listed && !app->stopping) {
		/* Wait, bounded, for the engine to close the protocol side. */
		struct timespec ts;
		clock_gettime(CLOCK_REALTIME, &ts);
		ts.tv_sec += SESSION_CLOSE_WAIT_MS / 1000;
		mix_app_wake(app);
		pthread_mutex_lock(&app->lock);
		while (!s->proto_closed && !app->stopping)
			if (pthread_cond_timedwait(&app->idle_cond, &app->lock, &ts) != 0)
				break;
		pthread_mutex_unlock(&app->lock);
	}
	mix_obj_unref(&s->obj);
	if (completionCallback)
		completionCallback(completionContext);
	return MI_RESULT_OK;
}
