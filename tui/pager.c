/* pager.c - background result pulling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pager.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "oplog.h"
#include "wbem_path.h"

void (*pager_wake_fn)(void);
MI_Application *pager_app;

static pthread_mutex_t live_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t live_cv = PTHREAD_COND_INITIALIZER;
static int live;

double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void wake(void)
{
	if (pager_wake_fn)
		pager_wake_fn();
}

void pager_ref(struct pager *p)
{
	pthread_mutex_lock(&p->mu);
	p->refs++;
	pthread_mutex_unlock(&p->mu);
}

void pager_unref(struct pager *p)
{
	if (!p)
		return;
	pthread_mutex_lock(&p->mu);
	int r = --p->refs;
	pthread_mutex_unlock(&p->mu);
	if (r)
		return;
	rows_free(p->rows);
	if (p->inst)
		MI_Instance_Delete(p->inst);
	if (p->cls)
		MI_Class_Delete(p->cls);
	if (p->key)
		MI_Instance_Delete(p->key);
	if (p->err)
		MI_Instance_Delete(p->err);
	for (size_t i = 0; i < p->nchain; i++)
		free(p->chain[i]);
	free(p->chain);
	free(p->ns);
	free(p->arg);
	free(p->errmsg);
	pthread_mutex_destroy(&p->mu);
	free(p);
}

/* ---- instance -> row ---- */
static void value_text(struct sbuf *b, MI_Type t, const MI_Value *v)
{
	if (t & MI_ARRAY) {
		MI_Type st = (MI_Type)(t & ~MI_ARRAY);
		MI_Uint32 n = v->array.size;
		sb_putc(b, '{');
		for (MI_Uint32 i = 0; i < n; i++) {
			if (i)
				sb_puts(b, ", ");
			if (b->len > 2000) {
				sb_puts(b, "...");
				break;
			}
			wbem_scalar_text(b, st, v, 1, i);
		}
		sb_putc(b, '}');
	} else {
		wbem_scalar_text(b, t, v, 0, 0);
	}
}

struct rowbuild {
	struct sbuf text;
	size_t *off, *len;
	int *isnull;
	const char **names;
	MI_Type *types;
	int *keys;
	unsigned cap;
	int *map;       /* element i -> column (cache) */
	const char **cells;
	size_t *clens;
	unsigned ccap;
};

static int grow_rb(struct rowbuild *rb, unsigned n)
{
	if (n <= rb->cap)
		return 0;
	unsigned c = n + 16;
	rb->off = realloc(rb->off, c * sizeof *rb->off);
	rb->len = realloc(rb->len, c * sizeof *rb->len);
	rb->isnull = realloc(rb->isnull, c * sizeof *rb->isnull);
	rb->names = realloc(rb->names, c * sizeof *rb->names);
	rb->types = realloc(rb->types, c * sizeof *rb->types);
	rb->keys = realloc(rb->keys, c * sizeof *rb->keys);
	int *m = realloc(rb->map, c * sizeof *rb->map);
	if (!rb->off || !rb->len || !rb->isnull || !rb->names || !rb->types || !rb->keys || !m)
		return -1;
	for (unsigned i = rb->cap; i < c; i++)
		m[i] = -1;
	rb->map = m;
	rb->cap = c;
	return 0;
}

static void free_rb(struct rowbuild *rb)
{
	sb_free(&rb->text);
	free(rb->off); free(rb->len); free(rb->isnull); free(rb->names);
	free(rb->types); free(rb->keys); free(rb->map);
	free(rb->cells); free(rb->clens);
}

static int add_instance_row(struct rows *r, struct rowbuild *rb, const MI_Instance *inst)
{
	MI_Uint32 n = 0;
	MI_Instance_GetElementCount(inst, &n);
	if (grow_rb(rb, n))
		return -1;
	sb_reset(&rb->text);
	const MI_Char *cn = NULL;
	MI_Instance_GetClassName(inst, &cn);
	sb_puts(&rb->text, cn ? cn : "");
	size_t cnlen = rb->text.len;
	for (MI_Uint32 i = 0; i < n; i++) {
		const MI_Char *name = NULL;
		MI_Value v;
		MI_Type t = MI_STRING;
		MI_Uint32 fl = 0;
		rb->names[i] = "";
		rb->isnull[i] = 1;
		rb->off[i] = rb->len[i] = 0;
		if (MI_Instance_GetElementAt(inst, i, &name, &v, &t, &fl) != MI_RESULT_OK)
			continue;
		rb->names[i] = name ? name : "";
		rb->types[i] = t;
		rb->keys[i] = (fl & MI_FLAG_KEY) != 0;
		if (fl & MI_FLAG_NULL)
			continue;
		rb->isnull[i] = 0;
		rb->off[i] = rb->text.len;
		value_text(&rb->text, t, &v);
		rb->len[i] = rb->text.len - rb->off[i];
	}
	const char *base = sb_str(&rb->text);
	pthread_mutex_lock(&r->lock);
	unsigned maxc = 1;
	if (r->ncols == 0)
		rows_col(r, "__CLASS", MI_STRING, 0);
	for (MI_Uint32 i = 0; i < n; i++) {
		int c = rb->map[i];
		if (c < 0 || (unsigned)c >= r->ncols || strcmp(r->cols[c].name, rb->names[i]))
			c = rows_col(r, rb->names[i], (int)rb->types[i], rb->keys[i]);
		else if (rb->keys[i] && !r->cols[c].key)
			r->cols[c].key = 1;
		rb->map[i] = c;
		if (c >= 0 && (unsigned)c + 1 > maxc)
			maxc = (unsigned)c + 1;
	}
	if (maxc > rb->ccap) {
		rb->ccap = maxc + 16;
		rb->cells = realloc(rb->cells, rb->ccap * sizeof *rb->cells);
		rb->clens = realloc(rb->clens, rb->ccap * sizeof *rb->clens);
		if (!rb->cells || !rb->clens) {
			pthread_mutex_unlock(&r->lock);
			return -1;
		}
	}
	for (unsigned c = 0; c < maxc; c++) {
		rb->cells[c] = NULL;
		rb->clens[c] = 0;
	}
	rb->cells[0] = base;
	rb->clens[0] = cnlen;
	for (MI_Uint32 i = 0; i < n; i++) {
		int c = rb->map[i];
		if (c < 0 || rb->isnull[i])
			continue;
		rb->cells[c] = base + rb->off[i];
		rb->clens[c] = rb->len[i];
	}
	int rc = rows_add(r, rb->cells, rb->clens, maxc);
	pthread_mutex_unlock(&r->lock);
	return rc;
}

static void describe(struct pager *p)
{
	static const char *names[] = {"EnumerateInstances", "QueryInstances", "Associators",
		"References", "EnumerateNamespaces", "EnumerateClassNames", "GetInstance", "GetClass"};
	char k[160] = "";
	if (p->key) {
		struct sbuf b = SBUF_INIT;
		wbem_path_format(&b, p->key, 0);
		snprintf(k, sizeof k, "%s", sb_str(&b));
		sb_free(&b);
	}
	const char *a = p->arg ? p->arg : k;
	snprintf(p->what, sizeof p->what, "%s%s%s", names[p->op], *a ? " " : "", a);
}

static void finish(struct pager *p, MI_Result res, const MI_Char *msg, const MI_Instance *det)
{
	pthread_mutex_lock(&p->mu);
	p->result = res;
	p->errmsg = msg ? strdup(msg) : NULL;
	if (det && res != MI_RESULT_OK)
		MI_Instance_Clone(det, &p->err);
	p->t1 = now_s();
	int cancelled = res != MI_RESULT_OK && atomic_load(&p->cancel_req);
	pthread_mutex_unlock(&p->mu);
	oplog_add(p->what, p->ns, res, cancelled, msg, atomic_load(&p->count), p->t1 - p->t0, det);
	atomic_store(&p->state, res == MI_RESULT_OK ? PS_DONE : cancelled ? PS_CANCELLED : PS_FAILED);
}

static void run_instances(struct pager *p)
{
	struct rowbuild rb;
	memset(&rb, 0, sizeof rb);
	MI_Boolean more = MI_TRUE;
	MI_Result res = MI_RESULT_OK;
	const MI_Char *msg = NULL;
	const MI_Instance *det = NULL;
	double last = 0;
	while (more) {
		const MI_Instance *inst = NULL;
		more = MI_FALSE;
		MI_Operation_GetInstance(&p->mop, &inst, &more, &res, &msg, &det);
		if (inst && atomic_load(&p->cancel_req))
			continue; /* cancelled: keep what we had, drain the rest */
		if (inst) {
			if (p->op == PO_GETINSTANCE) {
				if (!p->inst)
					MI_Instance_Clone(inst, &p->inst);
			} else if (add_instance_row(p->rows, &rb, inst) == 0) {
				atomic_fetch_add(&p->count, 1);
			}
			double t = now_s();
			if (t - last > 0.02) {
				last = t;
				wake();
			}
		}
	}
	if (p->op == PO_GETINSTANCE && p->inst)
		atomic_store(&p->count, 1);
	finish(p, res, msg, det);
	free_rb(&rb);
}

/* Class names with their superclasses.  CIM-XML's EnumerateClassNames
 * carries no superclass; when a names-only pass gave none, a second pass
 * asks for the (local-only, qualifier-free) classes to learn the tree. */
static void run_classnames(struct pager *p)
{
	MI_Result res = MI_RESULT_OK;
	const MI_Char *msg = NULL;
	const MI_Instance *det = NULL;
	double last = 0;
	int have_super = 0;
	pthread_mutex_lock(&p->rows->lock);
	rows_col(p->rows, "Name", MI_STRING, 1);
	rows_col(p->rows, "Superclass", MI_STRING, 0);
	pthread_mutex_unlock(&p->rows->lock);
	for (int pass = 0; pass < 2; pass++) {
		MI_Boolean more = MI_TRUE;
		while (more) {
			const MI_Class *c = NULL;
			more = MI_FALSE;
			MI_Operation_GetClass(&p->mop, &c, &more, &res, &msg, &det);
			if (!c)
				continue;
			const MI_Char *nm = NULL, *sup = NULL;
			MI_Class_GetClassName(c, &nm);
			if (MI_Class_GetParentClassName(c, &sup) != MI_RESULT_OK)
				sup = NULL;
			if (sup)
				have_super = 1;
			if (pass == 1 && !sup)
				continue;
			const char *cells[2] = {nm ? nm : "", sup};
			size_t lens[2] = {strlen(cells[0]), sup ? strlen(sup) : 0};
			pthread_mutex_lock(&p->rows->lock);
			rows_add(p->rows, cells, lens, 2);
			pthread_mutex_unlock(&p->rows->lock);
			if (pass == 0)
				atomic_fetch_add(&p->count, 1);
			double t = now_s();
			if (t - last > 0.02) {
				last = t;
				wake();
			}
		}
		if (pass == 1 || res != MI_RESULT_OK || have_super || atomic_load(&p->count) < 2)
			break;
		/* second pass: full classes, as light as the protocol allows */
		if (msg || det) {
			/* nothing: details belong to the first, successful pass */
		}
		MI_OperationOptions oo = MI_OPERATIONOPTIONS_NULL, *op = NULL;
		if (pager_app && MI_Application_NewOperationOptions(pager_app, MI_FALSE, &oo) == MI_RESULT_OK) {
			op = &oo;
			MI_OperationOptions_SetNumber(op, "cimtui:DeepInheritance", 1, 0);
			MI_OperationOptions_SetNumber(op, "cimtui:LocalOnly", 1, 0);
			MI_OperationOptions_SetNumber(op, "cimtui:IncludeQualifiers", 0, 0);
			MI_OperationOptions_SetNumber(op, "cimtui:IncludeClassOrigin", 0, 0);
		}
		pthread_mutex_lock(&p->mu);
		MI_Operation_Close(&p->mop);
		p->started = 0;
		if (!atomic_load(&p->cancel_req)) {
			MI_Session_EnumerateClasses(p->session, 0, op, p->ns, NULL, MI_FALSE, NULL, &p->mop);
			p->started = 1;
		}
		pthread_mutex_unlock(&p->mu);
		if (op)
			MI_OperationOptions_Delete(op);
		if (!p->started) {
			res = MI_RESULT_FAILED;
			msg = "operation cancelled";
			break;
		}
	}
	finish(p, res, msg, det);
}

int pager_start_stream(MI_Session *s, enum pager_op op, MI_OperationOptions *oo, const char *ns,
	const char *arg, MI_Instance *key, MI_Operation *out)
{
	switch (op) {
	case PO_ENUM:
		MI_Session_EnumerateInstances(s, 0, oo, ns, arg, MI_FALSE, NULL, out);
		return 0;
	case PO_QUERY:
		MI_Session_QueryInstances(s, 0, oo, ns, "WQL", arg, NULL, out);
		return 0;
	case PO_ASSOC:
		MI_Session_AssociatorInstances(s, 0, oo, ns, key, NULL, NULL, NULL, NULL, MI_FALSE, NULL, out);
		return 0;
	case PO_REFS:
		MI_Session_ReferenceInstances(s, 0, oo, ns, key, NULL, NULL, MI_FALSE, NULL, out);
		return 0;
	default:
		return -1;
	}
}

static int get_class(struct pager *p, const char *name, MI_OperationOptions *oo, MI_Class **out,
	MI_Result *res, char **msg, MI_Instance **det)
{
	MI_Operation op = MI_OPERATION_NULL;
	pthread_mutex_lock(&p->mu);
	if (atomic_load(&p->cancel_req)) {
		pthread_mutex_unlock(&p->mu);
		*res = MI_RESULT_FAILED;
		*msg = strdup("operation cancelled");
		return -1;
	}
	MI_Session_GetClass(p->session, 0, oo, p->ns, name, NULL, &p->mop);
	p->started = 1;
	pthread_mutex_unlock(&p->mu);
	MI_Boolean more = MI_TRUE;
	const MI_Char *m = NULL;
	const MI_Instance *d = NULL;
	*out = NULL;
	while (more) {
		const MI_Class *c = NULL;
		more = MI_FALSE;
		MI_Operation_GetClass(&p->mop, &c, &more, res, &m, &d);
		if (c && !*out)
			MI_Class_Clone(c, out);
	}
	if (*res != MI_RESULT_OK) {
		*msg = m ? strdup(m) : NULL;
		if (d)
			MI_Instance_Clone(d, det);
	}
	pthread_mutex_lock(&p->mu);
	p->started = 0;
	MI_Operation_Close(&p->mop);
	p->mop = op;
	pthread_mutex_unlock(&p->mu);
	return *res == MI_RESULT_OK && *out ? 0 : -1;
}

static void run_getclass(struct pager *p, MI_OperationOptions *oo)
{
	MI_Result res = MI_RESULT_OK;
	char *msg = NULL;
	MI_Instance *det = NULL;
	MI_Class *c = NULL;
	if (get_class(p, p->arg, oo, &c, &res, &msg, &det) == 0) {
		pthread_mutex_lock(&p->mu);
		p->cls = c;
		pthread_mutex_unlock(&p->mu);
		atomic_store(&p->count, 1);
		wake();
		const MI_Char *sup = NULL;
		char *cur = NULL;
		if (MI_Class_GetParentClassName(c, &sup) == MI_RESULT_OK && sup)
			cur = strdup(sup);
		while (cur && p->nchain < 32 && !atomic_load(&p->cancel_req)) {
			char **q = realloc(p->chain, (p->nchain + 1) * sizeof *q);
			if (!q)
				break;
			pthread_mutex_lock(&p->mu);
			p->chain = q;
			p->chain[p->nchain++] = cur;
			pthread_mutex_unlock(&p->mu);
			MI_Class *pc = NULL;
			MI_Result r2;
			char *m2 = NULL;
			MI_Instance *d2 = NULL;
			cur = NULL;
			if (get_class(p, p->chain[p->nchain - 1], NULL, &pc, &r2, &m2, &d2) == 0) {
				if (MI_Class_GetParentClassName(pc, &sup) == MI_RESULT_OK && sup)
					cur = strdup(sup);
				MI_Class_Delete(pc);
			}
			free(m2);
			if (d2)
				MI_Instance_Delete(d2);
		}
		free(cur);
	}
	finish(p, res, msg, det);
	free(msg);
	if (det)
		MI_Instance_Delete(det);
}

static void *thread_main(void *arg)
{
	struct pager *p = arg;
	MI_OperationOptions oo = MI_OPERATIONOPTIONS_NULL;
	MI_OperationOptions *oop = NULL, *copt = NULL;
	if ((p->op == PO_GETCLASS || p->op == PO_CLASSNAMES) && pager_app &&
	    MI_Application_NewOperationOptions(pager_app, MI_FALSE, &oo) == MI_RESULT_OK) {
		copt = &oo;
		if (p->op == PO_CLASSNAMES) {
			MI_OperationOptions_SetNumber(copt, "cimtui:DeepInheritance", 1, 0);
		} else {
			MI_OperationOptions_SetNumber(copt, "cimtui:IncludeQualifiers", 1, 0);
			MI_OperationOptions_SetNumber(copt, "cimtui:IncludeClassOrigin", 1, 0);
			MI_OperationOptions_SetNumber(copt, "cimtui:LocalOnly", 0, 0);
		}
	}
	if (p->op != PO_GETCLASS) {
		pthread_mutex_lock(&p->mu);
		if (!atomic_load(&p->cancel_req)) {
			/* lists of instances; the other kinds below */
			if (pager_start_stream(p->session, p->op, oop, p->ns, p->arg, p->key, &p->mop) != 0) {
				switch (p->op) {
				case PO_NAMESPACES:
					MIX_Session_EnumerateNamespaces(p->session, 0, oop, NULL, &p->mop);
					break;
				case PO_CLASSNAMES:
					MI_Session_EnumerateClasses(p->session, 0, copt, p->ns, NULL, MI_TRUE, NULL, &p->mop);
					break;
				case PO_GETINSTANCE:
					MI_Session_GetInstance(p->session, 0, oop, p->ns, p->key, NULL, &p->mop);
					break;
				default:
					break;
				}
			}
			p->started = 1;
		}
		pthread_mutex_unlock(&p->mu);
		if (!p->started) {
			finish(p, MI_RESULT_FAILED, "operation cancelled", NULL);
		} else if (p->op == PO_CLASSNAMES) {
			run_classnames(p);
		} else {
			run_instances(p);
		}
		pthread_mutex_lock(&p->mu);
		if (p->started)
			MI_Operation_Close(&p->mop);
		p->started = 0;
		pthread_mutex_unlock(&p->mu);
	} else {
		run_getclass(p, copt);
	}
	if (copt)
		MI_OperationOptions_Delete(copt);
	wake();
	pager_unref(p);
	pthread_mutex_lock(&live_mu);
	live--;
	pthread_cond_broadcast(&live_cv);
	pthread_mutex_unlock(&live_mu);
	return NULL;
}

struct pager *pager_start(MI_Session *s, enum pager_op op, const char *ns, const char *arg,
	const MI_Instance *key)
{
	struct pager *p = calloc(1, sizeof *p);
	if (!p)
		return NULL;
	pthread_mutex_init(&p->mu, NULL);
	p->refs = 2;
	p->session = s;
	p->op = op;
	p->ns = ns ? strdup(ns) : NULL;
	p->arg = arg ? strdup(arg) : NULL;
	if (key)
		MI_Instance_Clone(key, &p->key);
	p->rows = rows_new();
	p->t0 = now_s();
	atomic_init(&p->state, PS_RUNNING);
	atomic_init(&p->count, 0);
	atomic_init(&p->cancel_req, 0);
	describe(p);
	sigset_t all, old;
	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, &old);
	pthread_attr_t at;
	pthread_attr_init(&at);
	pthread_attr_setdetachstate(&at, PTHREAD_CREATE_DETACHED);
	pthread_mutex_lock(&live_mu);
	live++;
	pthread_mutex_unlock(&live_mu);
	pthread_t th;
	int rc = pthread_create(&th, &at, thread_main, p);
	pthread_attr_destroy(&at);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (rc) {
		pthread_mutex_lock(&live_mu);
		live--;
		pthread_mutex_unlock(&live_mu);
		p->refs = 1;
		finish(p, MI_RESULT_FAILED, "cannot start a thread", NULL);
	}
	return p;
}

void pager_cancel(struct pager *p)
{
	if (!p)
		return;
	pthread_mutex_lock(&p->mu);
	atomic_store(&p->cancel_req, 1);
	if (p->started)
		MI_Operation_Cancel(&p->mop, MI_REASON_NONE);
	pthread_mutex_unlock(&p->mu);
}

void pager_release(struct pager *p)
{
	if (!p)
		return;
	if (pager_running(p))
		pager_cancel(p);
	pager_unref(p);
}

int pager_running(const struct pager *p)
{
	return p && atomic_load(&p->state) == PS_RUNNING;
}

int pager_cancelling(const struct pager *p)
{
	return pager_running(p) && atomic_load(&((struct pager *)p)->cancel_req);
}

double pager_elapsed(const struct pager *p)
{
	if (!p)
		return 0;
	return (pager_running(p) ? now_s() : p->t1) - p->t0;
}

int pager_live(void)
{
	pthread_mutex_lock(&live_mu);
	int k = live;
	pthread_mutex_unlock(&live_mu);
	return k;
}

int pager_wait_all(int ms)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_sec += ms / 1000;
	ts.tv_nsec += (long)(ms % 1000) * 1000000L;
	if (ts.tv_nsec >= 1000000000L) {
		ts.tv_sec++;
		ts.tv_nsec -= 1000000000L;
	}
	pthread_mutex_lock(&live_mu);
	while (live > 0)
		if (pthread_cond_timedwait(&live_cv, &live_mu, &ts))
			break;
	int k = live;
	pthread_mutex_unlock(&live_mu);
	return k;
}
