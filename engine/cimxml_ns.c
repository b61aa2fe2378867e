/* cimxml_ns.c - namespace discovery over CIM-XML (protocols.md A.11):
 *  1. find the Interop namespace: EnumerateInstanceNames(CIM_Namespace) in
 *     interop, root/interop, root/PG_InterOp, root/PG_Interop; 3 = try the
 *     next one, success / 5 / 6 = it exists;
 *  2. list it: EnumerateInstances of PG_Namespace (OpenPegasus, whose
 *     CIM_Namespace is buggy), CIM_Namespace, CIM_WBEMServerNamespace,
 *     __Namespace; the first class with instances wins;
 *  3. otherwise walk __Namespace from root (names are relative).
 * Results are the server's namespace instances (at least Name), without
 * duplicates, plus the interop namespace itself if the list lacked it;
 * the walk makes CIM_Namespace instances.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "cimxml_internal.h"
#include "model.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define WALK_MAX 256 /* namespaces visited by the __Namespace walk */

static const char *const interop_candidates[] = { "interop", "root/interop", "root/PG_InterOp",
	"root/PG_Interop", NULL };
static const char *const ns_classes[] = { "PG_Namespace", "CIM_Namespace", "CIM_WBEMServerNamespace",
	"__Namespace", NULL };

enum { NS_PROBE, NS_LIST, NS_WALK };

struct cx_ns {
	int phase, cand, cls;
	const char *interop;
	char **seen;
	size_t nseen, cap;
	char **queue;            /* walk: namespaces still to visit */
	size_t qhead, qlen, qcap;
	char *walk_ns;
	size_t got;
};

void cx_ns_free(struct cx_ns *ns)
{
	if (!ns)
		return;
	for (size_t i = 0; i < ns->nseen; i++)
		free(ns->seen[i]);
	for (size_t i = ns->qhead; i < ns->qlen; i++)
		free(ns->queue[i]);
	free(ns->seen);
	free(ns->queue);
	free(ns->walk_ns);
	free(ns);
}

static int push(char ***arr, size_t *n, size_t *cap, char *s)
{
	if (!s)
		return -1;
	if (*n == *cap) {
		size_t c = *cap ? *cap * 2 : 16;
		char **a = realloc(*arr, c * sizeof(*a));
		if (!a) {
			free(s);
			return -1;
		}
		*arr = a;
		*cap = c;
	}
	(*arr)[(*n)++] = s;
	return 0;
}

/* Records name; 1 if it is new. */
static int remember(struct cx_ns *ns, const char *name)
{
	for (size_t i = 0; i < ns->nseen; i++)
		if (!strcasecmp(ns->seen[i], name))
			return 0;
	return push(&ns->seen, &ns->nseen, &ns->cap, strdup(name)) == 0;
}

static int send_enum(struct cx_op *cx, const char *method, const char *ns, const char *cls)
{
	struct cx_buf b;
	cx_buf_init(&b);
	cx_begin_imethod(&b, ++cx->cs->msgid, method, ns);
	cx_iparam_classname(&b, "ClassName", cls);
	if (!strcmp(method, "EnumerateInstances")) {
		cx_iparam_bool(&b, "DeepInheritance", MI_TRUE);
		cx_iparam_bool(&b, "LocalOnly", MI_FALSE);
	}
	cx_end_imethod(&b);
	char *obj = cx_object_path(ns, NULL, NULL);
	int r = obj ? cx_send(cx, CX_CLASSIC, method, &b, obj, ns) : -1;
	free(obj);
	cx_buf_free(&b);
	return r;
}

static int send_step(struct cx_op *cx)
{
	struct cx_ns *ns = cx->ns;
	ns->got = 0;
	switch (ns->phase) {
	case NS_PROBE:
		return send_enum(cx, "EnumerateInstanceNames", interop_candidates[ns->cand], "CIM_Namespace");
	case NS_LIST:
		return send_enum(cx, "EnumerateInstances", ns->interop, ns_classes[ns->cls]);
	default:
		return send_enum(cx, "EnumerateInstanceNames", ns->walk_ns, "__Namespace");
	}
}

int cx_ns_start(struct cx_op *cx)
{
	cx->ns = calloc(1, sizeof(*cx->ns));
	if (!cx->ns)
		return -1;
	return send_step(cx);
}

static MI_Instance *namespace_instance(const char *name)
{
	MI_Instance *i = mix_instance_new("CIM_Namespace", NULL);
	if (i)
		mix_instance_add_string(i, "Name", name, MI_FLAG_KEY);
	return i;
}

int cx_ns_instance(struct cx_op *cx, MI_Instance *inst)
{
	struct cx_ns *ns = cx->ns;
	struct mix_element *n = mix_instance_find(inst, "Name");
	const char *name = n && n->type == MI_STRING && !(n->flags & MI_FLAG_NULL) ? n->value.string : NULL;
	if (ns->phase == NS_PROBE || !name || !*name) {
		MI_Instance_Delete(inst);
		return 0;
	}
	ns->got++;
	if (ns->phase == NS_LIST) {
		if (remember(ns, name))
			return cx_post_instance(cx, inst);
		MI_Instance_Delete(inst);
		return 0;
	}
	/* Walk: names are relative to the namespace they were found in. */
	size_t len = strlen(ns->walk_ns) + strlen(name) + 2;
	char *full = malloc(len);
	if (full)
		snprintf(full, len, "%s/%s", ns->walk_ns, name);
	MI_Instance_Delete(inst); /* name points into it: only now */
	if (!full)
		return 1;
	if (!remember(ns, full) || ns->nseen > WALK_MAX) {
		free(full);
		return 0;
	}
	MI_Instance *out = namespace_instance(full);
	if (push(&ns->queue, &ns->qlen, &ns->qcap, full) != 0 || !out) {
		if (out)
			MI_Instance_Delete(out);
		return 1;
	}
	return cx_post_instance(cx, out);
}

static void finish_ok(struct cx_op *cx)
{
	struct cx_ns *ns = cx->ns;
	if (ns->interop && remember(ns, ns->interop)) {
		MI_Instance *i = namespace_instance(ns->interop);
		if (i)
			cx_post_instance(cx, i);
	}
	struct cx_result r = { .ok = 1 };
	cx_finish(cx, &r);
}

static void start_walk(struct cx_op *cx)
{
	struct cx_ns *ns = cx->ns;
	ns->phase = NS_WALK;
	free(ns->walk_ns);
	ns->walk_ns = strdup("root");
	if (ns->walk_ns)
		remember(ns, "root");
}

void cx_ns_step(struct cx_op *cx, struct cx_result *r)
{
	struct cx_ns *ns = cx->ns;
	/* Transport and authentication failures end discovery at once. */
	if (!r->ok && (!r->cim_error || r->code == MI_RESULT_ACCESS_DENIED)) {
		cx_finish(cx, r);
		return;
	}
	switch (ns->phase) {
	case NS_PROBE:
		if (!r->ok && r->code == MI_RESULT_INVALID_NAMESPACE) {
			if (!interop_candidates[++ns->cand])
				start_walk(cx);
		} else {
			ns->interop = interop_candidates[ns->cand];
			ns->phase = NS_LIST;
			ns->cls = 0;
		}
		break;
	case NS_LIST:
		if (r->ok && ns->got) {
			cx_result_clear(r);
			finish_ok(cx);
			return;
		}
		if (!ns_classes[++ns->cls])
			start_walk(cx);
		break;
	case NS_WALK:
		if (!r->ok && !strcmp(ns->walk_ns, "root") && ns->nseen <= 1 && !ns->interop) {
			cx_finish(cx, r); /* nothing worked: report the last answer */
			return;
		}
		free(ns->walk_ns);
		ns->walk_ns = NULL;
		if (ns->qhead < ns->qlen) {
			ns->walk_ns = ns->queue[ns->qhead++];
		} else {
			cx_result_clear(r);
			finish_ok(cx);
			return;
		}
		break;
	}
	cx_result_clear(r);
	if (send_step(cx) != 0) {
		cx_fail(r, cx, MI_RESULT_FAILED, "CIMTUI0121", MIX_ERRTYPE_OTHER, MIX_CAUSE_OTHER,
			"cannot send the namespace discovery request");
		cx_finish(cx, r);
	}
}
