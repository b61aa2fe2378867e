/* test_local_util.h - helpers for the local: provider tests: a session per
 * test group, draining operations, collecting results.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef CIMTUI_TESTS_TEST_LOCAL_UTIL_H
#define CIMTUI_TESTS_TEST_LOCAL_UTIL_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_helpers.h"
#include "mi.h"
#include "local.h"

struct tl {
	MI_Application app;
	MI_Session s;
};

/* What an operation ended with. */
struct tl_final {
	MI_Result r;
	char msg[1024];
	int has_details;
	char details_class[64];
	long long details_code;
	char details_msg[1024];
};

/* Collected results (clones). */
struct tl_list {
	MI_Instance **v;
	size_t n, cap;
};

static struct tl *tl_g;

static inline int
tl_setup(void **state)
{
	struct tl *t = calloc(1, sizeof *t);

	mix_protocol_register(&mix_protocol_local);
	if (t == NULL || MI_Application_Initialize(0, "test_local", NULL, &t->app) != MI_RESULT_OK ||
		MI_Application_NewSession(&t->app, "LOCAL", "local:", NULL, NULL, NULL, &t->s) != MI_RESULT_OK)
		return -1;
	*state = t;
	tl_g = t;
	return 0;
}

static inline int
tl_teardown(void **state)
{
	struct tl *t = *state;

	MI_Session_Close(&t->s, NULL, NULL);
	MI_Application_Close(&t->app);
	free(t);
	return 0;
}

static inline void
tl_list_free(struct tl_list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		MI_Instance_Delete(l->v[i]);
	free(l->v);
	memset(l, 0, sizeof *l);
}

static inline void
tl_note_final(struct tl_final *f, MI_Result r, const MI_Char *msg, const MI_Instance *det)
{
	const MI_Char *cn;

	memset(f, 0, sizeof *f);
	f->r = r;
	snprintf(f->msg, sizeof f->msg, "%s", msg ? msg : "");
	if (det != NULL) {
		f->has_details = 1;
		if (MI_Instance_GetClassName(det, &cn) == MI_RESULT_OK)
			snprintf(f->details_class, sizeof f->details_class, "%s", cn);
		f->details_code = th_uint(det, "CIMStatusCode");
		snprintf(f->details_msg, sizeof f->details_msg, "%s",
			th_string(det, "Message") ? th_string(det, "Message") : "");
	}
}

/* Pulls every result of an instance operation into l (may be NULL), closes op. */
static inline struct tl_final
tl_drain(MI_Operation *op, struct tl_list *l)
{
	struct tl_final f;
	const MI_Instance *inst, *det;
	MI_Boolean more = MI_TRUE;
	MI_Result r = MI_RESULT_OK;
	const MI_Char *msg;

	while (more) {
		assert_int_equal(MI_Operation_GetInstance(op, &inst, &more, &r, &msg, &det), MI_RESULT_OK);
		if (inst != NULL && l != NULL) {
			MI_Instance *c;
			assert_int_equal(MI_Instance_Clone(inst, &c), MI_RESULT_OK);
			if (l->n == l->cap) {
				l->cap = l->cap ? l->cap * 2 : 64;
				l->v = realloc(l->v, l->cap * sizeof *l->v);
				assert_non_null(l->v);
			}
			l->v[l->n++] = c;
		}
	}
	tl_note_final(&f, r, msg, det);
	MI_Operation_Close(op);
	return f;
}

static inline struct tl_final
tl_enum(const char *ns, const char *cls, MI_Boolean keys_only, struct tl_list *l)
{
	MI_Operation op = MI_OPERATION_NULL;

	MI_Session_EnumerateInstances(&tl_g->s, 0, NULL, ns, cls, keys_only, NULL, &op);
	return tl_drain(&op, l);
}

static inline struct tl_final
tl_get(const char *ns, const MI_Instance *key, struct tl_list *l)
{
	MI_Operation op = MI_OPERATION_NULL;

	MI_Session_GetInstance(&tl_g->s, 0, NULL, ns, key, NULL, &op);
	return tl_drain(&op, l);
}

static inline struct tl_final
tl_query(const char *ns, const char *dialect, const char *q, struct tl_list *l)
{
	MI_Operation op = MI_OPERATION_NULL;

	MI_Session_QueryInstances(&tl_g->s, 0, NULL, ns, dialect, q, NULL, &op);
	return tl_drain(&op, l);
}

static inline struct tl_final
tl_assoc(const char *ns, const MI_Instance *src, const char *assoc, const char *result_class,
	const char *role, const char *result_role, MI_Boolean keys_only, struct tl_list *l)
{
	MI_Operation op = MI_OPERATION_NULL;

	MI_Session_AssociatorInstances(&tl_g->s, 0, NULL, ns, src, assoc, result_class, role, result_role,
		keys_only, NULL, &op);
	return tl_drain(&op, l);
}

static inline struct tl_final
tl_refs(const char *ns, const MI_Instance *src, const char *result_class, const char *role,
	MI_Boolean keys_only, struct tl_list *l)
{
	MI_Operation op = MI_OPERATION_NULL;

	MI_Session_ReferenceInstances(&tl_g->s, 0, NULL, ns, src, result_class, role, keys_only, NULL, &op);
	return tl_drain(&op, l);
}

static inline const char *
tl_class(const MI_Instance *i)
{
	const MI_Char *cn = NULL;

	MI_Instance_GetClassName(i, &cn);
	return cn;
}

/* Number of instances in l of class cls (exact name). */
static inline size_t
tl_count_class(const struct tl_list *l, const char *cls)
{
	size_t i, n = 0;

	for (i = 0; i < l->n; i++)
		if (strcmp(tl_class(l->v[i]), cls) == 0)
			n++;
	return n;
}

/* First instance of l whose string property prop equals val, or NULL. */
static inline const MI_Instance *
tl_find(const struct tl_list *l, const char *prop, const char *val)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		const char *s = th_string(l->v[i], prop);
		if (s != NULL && strcmp(s, val) == 0)
			return l->v[i];
	}
	return NULL;
}

/* A key instance of class cls with string keys given as name, value pairs. */
static inline MI_Instance *
tl_key(const char *cls, const char *ns, ...)
{
	MI_Instance *k = NULL;
	va_list ap;
	const char *name;

	assert_int_equal(MI_Application_NewInstance(&tl_g->app, cls, NULL, &k), MI_RESULT_OK);
	if (ns != NULL)
		MI_Instance_SetNameSpace(k, ns);
	va_start(ap, ns);
	while ((name = va_arg(ap, const char *)) != NULL) {
		MI_Value v;
		v.string = (MI_Char *)va_arg(ap, const char *);
		assert_int_equal(MI_Instance_AddElement(k, name, &v, MI_STRING, MI_FLAG_KEY), MI_RESULT_OK);
	}
	va_end(ap);
	return k;
}

/* Runs a shell command and returns its first line as a number, or -1. */
static inline long long
tl_sh_number(const char *cmd)
{
	FILE *p = popen(cmd, "r");
	long long v = -1;

	if (p == NULL)
		return -1;
	if (fscanf(p, "%lld", &v) != 1)
		v = -1;
	pclose(p);
	return v;
}

#endif
