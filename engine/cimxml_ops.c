/* cimxml_ops.c - which CIM-XML request each MI operation sends
 * (protocols.md A.6-A.8), classic and pull variants.
 *
 * Only parameters each operation defines are sent: SFCB answers any other
 * one with CIM_ERR_FAILED, and a default is sent only where the server's
 * default is wrong for a browser (LocalOnly=FALSE for instances).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "cimxml_internal.h"
#include "model.h"

#include <stdlib.h>
#include <string.h>

int cx_ops_pullable(const struct mix_request *rq)
{
	switch (rq->kind) {
	case MIX_OP_ENUMERATE_INSTANCES: case MIX_OP_QUERY_INSTANCES:
	case MIX_OP_ASSOCIATORS: case MIX_OP_REFERENCES:
		return 1;
	default:
		return 0;
	}
}

static const char *method_for(const struct mix_request *rq, int pull)
{
	int k = rq->keys_only;
	switch (rq->kind) {
	case MIX_OP_ENUMERATE_INSTANCES:
		return pull ? (k ? "OpenEnumerateInstancePaths" : "OpenEnumerateInstances")
			    : (k ? "EnumerateInstanceNames" : "EnumerateInstances");
	case MIX_OP_QUERY_INSTANCES: return pull ? "OpenQueryInstances" : "ExecQuery";
	case MIX_OP_ASSOCIATORS:
		return pull ? (k ? "OpenAssociatorInstancePaths" : "OpenAssociatorInstances")
			    : (k ? "AssociatorNames" : "Associators");
	case MIX_OP_REFERENCES:
		return pull ? (k ? "OpenReferenceInstancePaths" : "OpenReferenceInstances")
			    : (k ? "ReferenceNames" : "References");
	case MIX_OP_GET_INSTANCE: return "GetInstance";
	case MIX_OP_CREATE_INSTANCE: return "CreateInstance";
	case MIX_OP_MODIFY_INSTANCE: return "ModifyInstance";
	case MIX_OP_DELETE_INSTANCE: return "DeleteInstance";
	case MIX_OP_GET_CLASS: return "GetClass";
	case MIX_OP_ENUMERATE_CLASSES: return rq->class_names_only ? "EnumerateClassNames" : "EnumerateClasses";
	default: return NULL;
	}
}

/* IncludeQualifiers on instances is deprecated: send it only when asked. */
static void instance_flags(struct cx_buf *b, const struct mix_request *rq, int qualifiers)
{
	if (qualifiers && rq->include_qualifiers)
		cx_iparam_bool(b, "IncludeQualifiers", MI_TRUE);
	if (rq->include_class_origin)
		cx_iparam_bool(b, "IncludeClassOrigin", MI_TRUE);
	cx_iparam_plist(b, "PropertyList", rq->property_list);
}

/* Associators and References: the same parameters classic and Open* but
 * for the name of the source object's (ObjectName / InstanceName) and
 * IncludeQualifiers, which Open* does not define. */
static void assoc_params(struct cx_buf *b, const struct mix_request *rq, const char *object_param,
	int qualifiers)
{
	cx_iparam_instancename(b, object_param, rq->instance);
	if (rq->kind == MIX_OP_ASSOCIATORS)
		cx_iparam_classname(b, "AssocClass", rq->assoc_class);
	cx_iparam_classname(b, "ResultClass", rq->result_class);
	cx_iparam_string(b, "Role", rq->role);
	if (rq->kind == MIX_OP_ASSOCIATORS)
		cx_iparam_string(b, "ResultRole", rq->result_role);
	if (!rq->keys_only)
		instance_flags(b, rq, qualifiers);
}

static void classic_params(struct cx_buf *b, const struct mix_request *rq)
{
	switch (rq->kind) {
	case MIX_OP_ENUMERATE_INSTANCES:
		cx_iparam_classname(b, "ClassName", rq->class_name);
		if (rq->keys_only)
			break;
		cx_iparam_bool(b, "DeepInheritance", rq->deep_inheritance);
		cx_iparam_bool(b, "LocalOnly", MI_FALSE);
		instance_flags(b, rq, 1);
		break;
	case MIX_OP_QUERY_INSTANCES:
		cx_iparam_string(b, "QueryLanguage", rq->query_dialect);
		cx_iparam_string(b, "Query", rq->query);
		break;
	case MIX_OP_ASSOCIATORS: case MIX_OP_REFERENCES:
		assoc_params(b, rq, "ObjectName", 1);
		break;
	case MIX_OP_GET_INSTANCE:
		cx_iparam_instancename(b, "InstanceName", rq->instance);
		cx_iparam_bool(b, "LocalOnly", MI_FALSE);
		instance_flags(b, rq, 1);
		break;
	case MIX_OP_CREATE_INSTANCE:
		cx_iparam_instance(b, "NewInstance", rq->instance);
		break;
	case MIX_OP_MODIFY_INSTANCE:
		cx_iparam_namedinstance(b, "ModifiedInstance", rq->instance);
		cx_iparam_plist(b, "PropertyList", rq->property_list);
		break;
	case MIX_OP_DELETE_INSTANCE:
		cx_iparam_instancename(b, "InstanceName", rq->instance);
		break;
	case MIX_OP_GET_CLASS:
		cx_iparam_classname(b, "ClassName", rq->class_name);
		cx_iparam_bool(b, "LocalOnly", rq->local_only);
		cx_iparam_bool(b, "IncludeQualifiers", rq->include_qualifiers);
		cx_iparam_bool(b, "IncludeClassOrigin", rq->include_class_origin);
		cx_iparam_plist(b, "PropertyList", rq->property_list);
		break;
	case MIX_OP_ENUMERATE_CLASSES:
		cx_iparam_classname(b, "ClassName", rq->class_name);
		cx_iparam_bool(b, "DeepInheritance", rq->deep_inheritance);
		if (rq->class_names_only)
			break;
		cx_iparam_bool(b, "LocalOnly", rq->local_only);
		cx_iparam_bool(b, "IncludeQualifiers", rq->include_qualifiers);
		cx_iparam_bool(b, "IncludeClassOrigin", rq->include_class_origin);
		break;
	default:
		break;
	}
}

static void open_params(struct cx_buf *b, const struct mix_request *rq, MI_Uint32 page)
{
	switch (rq->kind) {
	case MIX_OP_ENUMERATE_INSTANCES:
		cx_iparam_classname(b, "ClassName", rq->class_name);
		if (!rq->keys_only) {
			cx_iparam_bool(b, "DeepInheritance", rq->deep_inheritance);
			instance_flags(b, rq, 0);
		}
		break;
	case MIX_OP_QUERY_INSTANCES:
		cx_iparam_string(b, "FilterQueryLanguage", rq->query_dialect);
		cx_iparam_string(b, "FilterQuery", rq->query);
		break;
	case MIX_OP_ASSOCIATORS: case MIX_OP_REFERENCES:
		assoc_params(b, rq, "InstanceName", 0);
		break;
	default:
		break;
	}
	cx_iparam_uint(b, "MaxObjectCount", page);
}

/* Sends body b (and frees it) with the CIMObject header naming the
 * namespace, or for an extrinsic method the class or instance invoked. */
static int send_body(struct cx_op *cx, enum cx_mode mode, const char *method, struct cx_buf *b,
	const char *cls, const MI_Instance *target)
{
	const struct mix_request *rq = cx->rq;
	char *obj = cx_object_path(rq->ns, cls, target);
	int r = obj ? cx_send(cx, mode, method, b, obj, rq->ns) : -1;
	free(obj);
	cx_buf_free(b);
	return r;
}

/* INVOKE: METHODCALL with typed PARAMVALUEs from the params instance. */
static int send_invoke(struct cx_op *cx)
{
	const struct mix_request *rq = cx->rq;
	struct cx_buf b;
	cx_buf_init(&b);
	const MI_Instance *target = mix_instance_valid(rq->instance) ? rq->instance : NULL;
	const char *cls = target ? target->class_name : rq->class_name;
	cx_begin_method(&b, ++cx->cs->msgid, rq->method, rq->ns, cls, target);
	const MI_Instance *p = rq->params;
	for (MI_Uint32 i = 0; p && i < p->count; i++) {
		const struct mix_element *e = &p->elems[i];
		cx_paramvalue(&b, e->name, e->type, &e->value, e->flags);
	}
	cx_end_method(&b);
	return send_body(cx, CX_CLASSIC, rq->method, &b, cls, target);
}

int cx_ops_send_first(struct cx_op *cx)
{
	const struct mix_request *rq = cx->rq;
	if (rq->kind == MIX_OP_INVOKE)
		return send_invoke(cx);
	const char *m = method_for(rq, cx->pulling);
	if (!m)
		return -1;
	struct cx_buf b;
	cx_buf_init(&b);
	cx_begin_imethod(&b, ++cx->cs->msgid, m, rq->ns);
	if (cx->pulling)
		open_params(&b, rq, cx->page);
	else
		classic_params(&b, rq);
	cx_end_imethod(&b);
	return send_body(cx, cx->pulling ? CX_OPEN : CX_CLASSIC, m, &b, NULL, NULL);
}

int cx_ops_send_pull(struct cx_op *cx)
{
	const struct mix_request *rq = cx->rq;
	const char *m = rq->kind == MIX_OP_QUERY_INSTANCES ? "PullInstances"
			: rq->keys_only ? "PullInstancePaths" : "PullInstancesWithPath";
	struct cx_buf b;
	cx_buf_init(&b);
	cx_begin_imethod(&b, ++cx->cs->msgid, m, rq->ns);
	cx_iparam_string(&b, "EnumerationContext", cx->context);
	cx_iparam_uint(&b, "MaxObjectCount", cx->page);
	cx_end_imethod(&b);
	return send_body(cx, CX_PULL, m, &b, NULL, NULL);
}

int cx_ops_close_body(struct cx_session *cs, const char *ns, const char *ctx, struct cx_buf *b)
{
	cx_begin_imethod(b, ++cs->msgid, "CloseEnumeration", ns);
	cx_iparam_string(b, "EnumerationContext", ctx);
	cx_end_imethod(b);
	return b->oom ? -1 : 0;
}
