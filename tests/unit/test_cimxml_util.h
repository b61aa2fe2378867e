/* test_cimxml_util.h - helpers for the CIM-XML protocol tests: start the
 * test CIM server (tests/server/cimomd.py) as a child process, open
 * sessions against it, run operations through the MI API.
 *
 * CIMTUI_TEST_QUICK=1 shrinks the bulk counts (for valgrind runs).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef CIMTUI_TESTS_TEST_CIMXML_UTIL_H
#define CIMTUI_TESTS_TEST_CIMXML_UTIL_H

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test_helpers.h"
#include "mi.h"

#ifndef SERVER_PY
#define SERVER_PY "tests/server/cimomd.py"
#endif

struct srv {
	pid_t pid;
	char url[128];
	char log[256];
};

static inline int tc_quick(void)
{
	const char *q = getenv("CIMTUI_TEST_QUICK");
	return q && *q && strcmp(q, "0");
}

/* Starts cimomd with NULL-terminated extra args; --log to a temp file. */
static inline int srv_start_v(struct srv *s, const char *const *args)
{
	memset(s, 0, sizeof(*s));
	snprintf(s->log, sizeof(s->log), "/tmp/cimtui-proto-%d-%ld.log", (int)getpid(), (long)random());
	unlink(s->log);
	const char *argv[64];
	int n = 0;
	argv[n++] = "python3";
	argv[n++] = SERVER_PY;
	argv[n++] = "--lifetime";
	argv[n++] = "120";
	argv[n++] = "--log";
	argv[n++] = s->log;
	for (int i = 0; args && args[i] && n < 62; i++)
		argv[n++] = args[i];
	argv[n] = NULL;
	int fd[2];
	if (pipe(fd) != 0)
		return -1;
	pid_t pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		dup2(fd[1], 1);
		close(fd[0]);
		close(fd[1]);
		execvp("python3", (char *const *)argv);
		_exit(127);
	}
	close(fd[1]);
	s->pid = pid;
	char line[256];
	size_t k = 0;
	while (k < sizeof(line) - 1) {
		ssize_t r = read(fd[0], line + k, 1);
		if (r <= 0)
			break;
		if (line[k] == '\n')
			break;
		k++;
	}
	line[k] = '\0';
	close(fd[0]);
	const char *u = strstr(line, "http");
	if (strncmp(line, "listening ", 10) || !u) {
		kill(pid, SIGTERM);
		waitpid(pid, NULL, 0);
		s->pid = 0;
		return -1;
	}
	snprintf(s->url, sizeof(s->url), "%s", u);
	return 0;
}

#define srv_start(s, ...) srv_start_v((s), (const char *const[]){ __VA_ARGS__, NULL })

static inline void srv_stop(struct srv *s)
{
	if (s->pid > 0) {
		kill(s->pid, SIGTERM);
		waitpid(s->pid, NULL, 0);
	}
	s->pid = 0;
	unlink(s->log);
}

/* Lines of the server log that start with op (NULL: all lines). */
static inline int log_count(const struct srv *s, const char *op)
{
	FILE *f = fopen(s->log, "r");
	if (!f)
		return 0;
	char line[512];
	int n = 0;
	size_t len = op ? strlen(op) : 0;
	while (fgets(line, sizeof(line), f))
		if (!op || (!strncmp(line, op, len) && line[len] == ' '))
			n++;
	fclose(f);
	return n;
}

/* An application + session on url with optional options. */
struct tc {
	MI_Application app;
	MI_Session sess;
	MI_DestinationOptions dopt;
	int have_dopt;
};

static inline void tc_dopt(struct tc *t)
{
	if (!t->have_dopt) {
		assert_int_equal(MI_Application_NewDestinationOptions(&t->app, &t->dopt), MI_RESULT_OK);
		t->have_dopt = 1;
	}
}

static inline void tc_app(struct tc *t)
{
	memset(t, 0, sizeof(*t));
	assert_int_equal(MI_Application_Initialize(0, NULL, NULL, &t->app), MI_RESULT_OK);
}

static inline void tc_session(struct tc *t, const char *url)
{
	MI_Instance *err = NULL;
	MI_Result r = MI_Application_NewSession(&t->app, NULL, url, t->have_dopt ? &t->dopt : NULL, NULL,
		&err, &t->sess);
	if (err)
		MI_Instance_Delete(err);
	assert_int_equal(r, MI_RESULT_OK);
}

static inline void tc_open(struct tc *t, const char *url)
{
	tc_app(t);
	tc_session(t, url);
}

static inline void tc_close(struct tc *t)
{
	MI_Session_Close(&t->sess, NULL, NULL);
	if (t->have_dopt)
		MI_DestinationOptions_Delete(&t->dopt);
	MI_Application_Close(&t->app);
}

/* Outcome of draining an instance operation. */
struct drain {
	MI_Result result;
	long count;
	MI_Instance *first, *last;   /* clones */
	MI_Instance *details;        /* clone */
	char msg[512];
	uint64_t t_first, t_end;     /* ms since start */
};

static inline void drain_free(struct drain *d)
{
	if (d->first)
		MI_Instance_Delete(d->first);
	if (d->last)
		MI_Instance_Delete(d->last);
	if (d->details)
		MI_Instance_Delete(d->details);
	memset(d, 0, sizeof(*d));
}

static inline void drain_op(MI_Operation *op, struct drain *d, unsigned delay_each_ms)
{
	memset(d, 0, sizeof(*d));
	uint64_t t0 = th_now_ms();
	for (;;) {
		const MI_Instance *inst = NULL, *det = NULL;
		MI_Boolean more = MI_FALSE;
		MI_Result res = MI_RESULT_OK;
		const MI_Char *msg = NULL;
		assert_int_equal(MI_Operation_GetInstance(op, &inst, &more, &res, &msg, &det), MI_RESULT_OK);
		if (inst) {
			if (!d->count++) {
				d->t_first = th_now_ms() - t0;
				MI_Instance_Clone(inst, &d->first);
			}
			if (d->last)
				MI_Instance_Delete(d->last);
			MI_Instance_Clone(inst, &d->last);
		}
		if (!more) {
			d->result = res;
			if (msg)
				snprintf(d->msg, sizeof(d->msg), "%s", msg);
			if (det)
				MI_Instance_Clone(det, &d->details);
			break;
		}
		if (delay_each_ms)
			th_sleep_ms(delay_each_ms);
	}
	d->t_end = th_now_ms() - t0;
	MI_Operation_Close(op);
}

static inline void enum_inst(struct tc *t, const char *ns, const char *cls, MI_Boolean keys,
	MI_OperationOptions *oo, struct drain *d)
{
	MI_Operation op = MI_OPERATION_NULL;
	MI_Session_EnumerateInstances(&t->sess, 0, oo, ns, cls, keys, NULL, &op);
	drain_op(&op, d, 0);
}

static inline const char *det_string(const MI_Instance *det, const char *name)
{
	return det ? th_string(det, name) : NULL;
}

static inline MI_Instance *key_instance(struct tc *t, const char *cls, const char *key, const char *val)
{
	MI_Instance *i = NULL;
	assert_int_equal(MI_Application_NewInstance(&t->app, cls, NULL, &i), MI_RESULT_OK);
	MI_Value v;
	v.string = (MI_Char *)val;
	assert_int_equal(MI_Instance_AddElement(i, key, &v, MI_STRING, MI_FLAG_KEY), MI_RESULT_OK);
	return i;
}

#endif
