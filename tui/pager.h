/* pager.h - one background thread per operation: it starts the operation,
 * loops MI_Operation_GetInstance/GetClass, stores results (rows, or one
 * cloned instance/class) and wakes the UI.  Cancel from the UI at any time;
 * the UI never waits for a pager (reference counted, detached thread).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef CIMTUI_TUI_PAGER_H
#define CIMTUI_TUI_PAGER_H

#include <pthread.h>
#include <stdatomic.h>
#include "mi.h"
#include "rows.h"

enum pager_op {
	PO_ENUM,        /* arg = class */
	PO_QUERY,       /* arg = WQL */
	PO_ASSOC,       /* key = source instance */
	PO_REFS,        /* key = source instance */
	PO_NAMESPACES,
	PO_CLASSNAMES,  /* rows Name, Superclass */
	PO_GETINSTANCE, /* key -> inst */
	PO_GETCLASS,    /* arg = class -> cls + chain */
};

enum pager_state { PS_RUNNING, PS_DONE, PS_FAILED, PS_CANCELLED };

struct pager {
	pthread_mutex_t mu;
	int refs;
	MI_Session *session;
	enum pager_op op;
	char *ns, *arg;
	MI_Instance *key;
	char what[256];
	MI_Operation mop;
	int started;
	atomic_int cancel_req;
	struct rows *rows;          /* list kinds; column 0 is "__CLASS" */
	MI_Instance *inst;          /* PO_GETINSTANCE result (owned) */
	MI_Class *cls;              /* PO_GETCLASS result (owned) */
	char **chain;               /* PO_GETCLASS ancestors, nearest first */
	size_t nchain;
	atomic_int state;
	atomic_ulong count;
	double t0, t1;
	MI_Result result;
	char *errmsg;
	MI_Instance *err;           /* clone of completionDetails */
};

/* Set once by the UI: called (from any thread) when a pager has news. */
extern void (*pager_wake_fn)(void);
/* Set once by the UI: the application, for operation options. */
extern MI_Application *pager_app;

/* Starts the instance stream of a list kind (PO_ENUM, PO_QUERY, PO_ASSOC,
 * PO_REFS) into *out; -1 (nothing started) for the other kinds.  The
 * pager and :export both use it, so a table and its export agree. */
int pager_start_stream(MI_Session *s, enum pager_op op, MI_OperationOptions *oo, const char *ns,
	const char *arg, MI_Instance *key, MI_Operation *out);

/* Starts an operation; returns a pager holding one reference for the
 * caller (NULL on out of memory).  ns/arg copied; key cloned. */
struct pager *pager_start(MI_Session *s, enum pager_op op, const char *ns, const char *arg,
	const MI_Instance *key);
void pager_cancel(struct pager *p);
void pager_ref(struct pager *p);
/* Drops a reference without cancelling. */
void pager_unref(struct pager *p);
/* Cancels (when still running) and drops the caller's reference. */
void pager_release(struct pager *p);
int pager_running(const struct pager *p);
/* Cancel asked, engine not finished yet: the UI treats it as cancelled. */
int pager_cancelling(const struct pager *p);
double pager_elapsed(const struct pager *p);
/* Pagers still alive. */
int pager_live(void);
/* Waits up to ms for all pagers to finish; returns the number left. */
int pager_wait_all(int ms);
double now_s(void);

#endif
