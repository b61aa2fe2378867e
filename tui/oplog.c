/* oplog.c - the session's operations log.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "oplog.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static struct oplog_entry *ents;
static size_t n, cap;
static long last_err = -1;

static char *dup0(const char *s)
{
	return s ? strdup(s) : NULL;
}

size_t oplog_add(const char *what, const char *ns, MI_Result result, int cancelled,
	const char *message, unsigned long count, double seconds, const MI_Instance *error)
{
	struct oplog_entry e = {0};
	e.what = dup0(what);
	e.ns = dup0(ns);
	e.result = result;
	e.cancelled = cancelled;
	e.message = dup0(message);
	e.count = count;
	e.seconds = seconds;
	if (error && result != MI_RESULT_OK)
		MI_Instance_Clone(error, &e.error);
	pthread_mutex_lock(&mu);
	if (n == cap) {
		size_t nc = cap ? cap * 2 : 64;
		struct oplog_entry *q = realloc(ents, nc * sizeof *q);
		if (!q) {
			pthread_mutex_unlock(&mu);
			free(e.what); free(e.ns); free(e.message);
			if (e.error)
				MI_Instance_Delete(e.error);
			return (size_t)-1;
		}
		ents = q;
		cap = nc;
	}
	size_t i = n++;
	ents[i] = e;
	if (result != MI_RESULT_OK && !cancelled)
		last_err = (long)i;
	pthread_mutex_unlock(&mu);
	return i;
}

size_t oplog_count(void)
{
	pthread_mutex_lock(&mu);
	size_t k = n;
	pthread_mutex_unlock(&mu);
	return k;
}

int oplog_get(size_t i, struct oplog_entry *out)
{
	pthread_mutex_lock(&mu);
	int r = -1;
	if (i < n) {
		*out = ents[i];
		r = 0;
	}
	pthread_mutex_unlock(&mu);
	return r;
}

long oplog_last_error(void)
{
	pthread_mutex_lock(&mu);
	long r = last_err;
	pthread_mutex_unlock(&mu);
	return r;
}

void oplog_free(void)
{
	pthread_mutex_lock(&mu);
	for (size_t i = 0; i < n; i++) {
		free(ents[i].what);
		free(ents[i].ns);
		free(ents[i].message);
		if (ents[i].error)
			MI_Instance_Delete(ents[i].error);
	}
	free(ents);
	ents = NULL;
	n = cap = 0;
	last_err = -1;
	pthread_mutex_unlock(&mu);
}
