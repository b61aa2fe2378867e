/* starters.c - the MI_Session_* functions that start operations.
 * Each one records the request and hands it to the engine thread; a
 * request that cannot even begin becomes an operation whose first Get*
 * returns the error.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "engine_internal.h"
#include "model.h"

#include <string.h>

static int dup_arg(char **slot, const char *v)
{
	if (!v)
		return 0;
	*slot = strdup(v);
	return *slot ? 0 : -1;
}

static int clone_arg(MI_Instance **slot, const MI_Instance *v)
{
	if (!v)
		return 0;
	return MI_Instance_Clone(v, slot) == MI_RESULT_OK ? 0 : -1;
}

/* Ends set-up: reports a bad argument or hands the op to the engine. */
static void finish(struct mix_op *op, MI_Operation *operation, const char *bad_arg, int oom)
{
	if (oom)
		mix_op_fail_now(op, MI_RESULT_FAILED, "out of memory");
	else if (bad_arg)
		mix_op_fail_now(op, MI_RESULT_INVALID_PARAMETER, bad_arg);
	mix_op_launch(op, operation);
}

#define BEGIN(kind)                                                                          \
	if (!operation)                                                                      \
		return;                                                                      \
	struct mix_op *op = mix_op_create(session, flags, options, callbacks, kind, namespaceName, \
		operation);                                                                  \
	if (!op)                                                                             \
		return;                                                                      \
	struct mix_request *rq = &op->req;                                                   \
	const char *bad = NULL;                                                              \
	int oom = 0; (void)rq

void MI_Session_EnumerateInstances(MI_Session *session, MI_Uint32 flags, MI_OperationOptions *options,
	const MI_Char *namespaceName, const MI_Char *className, MI_Boolean keysOnly,
	MI_OperationCallbacks *callbacks, MI_Operation *operation)
{
	BEGIN(MIX_OP_ENUMERATE_INSTANCES);
	if (!className || !*className)
		bad = "className is required";
	oom |= dup_arg(&rq->class_name, className);
	rq->keys_only = keysOnly ? MI_TRUE : MI_FALSE;
	finish(op, operation, bad, oom);
}

void MI_Session_QueryInstances(MI_Session *session, MI_Uint32 flags, MI_OperationOptions *options,
	const MI_Char *namespaceName, const MI_Char *queryDialect, const MI_Char *queryExpression,
	MI_OperationCallbacks *callbacks, MI_Operation *operation)
{
	BEGIN(MIX_OP_QUERY_INSTANCES);
	if (!queryDialect || !*queryDialect || !queryExpression || !*queryExpression)
		bad = "queryDialect and queryExpression are required";
	oom |= dup_arg(&rq->query_dialect, queryDialect) | dup_arg(&rq->query, queryExpression);
	finish(op, operation, bad, oom);
}

void MI_Session_AssociatorInstances(MI_Session *session, MI_Uint32 flags, MI_OperationOptions *options,
	const MI_Char *namespaceName, const MI_Instance *instanceKey, const MI_Char *assocClass,
	const MI_Char *resultClass, const MI_Char *role, const MI_Char *resultRole,
	MI_Boolean keysOnly, MI_OperationCallbacks *callbacks, MI_Operation *operation)
{
	BEGIN(MIX_OP_ASSOCIATORS);
	if (!mix_instance_valid(instanceKey))
		bad = "instanceKey is required";
	oom |= clone_arg(&rq->instance, instanceKey) | dup_arg(&rq->assoc_class, assocClass) |
	       dup_arg(&rq->result_class, resultClass) | dup_arg(&rq->role, role) |
	       dup_arg(&rq->result_role, resultRole);
	rq->keys_only = keysOnly ? MI_TRUE : MI_FALSE;
	finish(op, operation, bad, oom);
}

void MI_Session_ReferenceInstances(MI_Session *session, MI_Uint32 flags, MI_OperationOptions *options,
	const MI_Char *namespaceName, const MI_Instance *instanceKey, const MI_Char *resultClass,
	const MI_Char *role, MI_Boolean keysOnly, MI_OperationCallbacks *callbacks,
	MI_Operation *operation)
{
	BEGIN(MIX_OP_REFERENCES);
	if (!mix_instance_valid(instanceKey))
		bad = "instanceKey is required";
	oom |= clone_arg(&rq->instance, instanceKey) | dup_arg(&rq->result_class, resultClass) |
	       dup_arg(&rq->role, role);
	rq->keys_only = keysOnly ? MI_TRUE : MI_FALSE;
	finish(op, operation, bad, oom);
}

void MI_Session_Invoke(MI_Session *session, MI_Uint32 flags, MI_OperationOptions *options,
	const MI_Char *namespaceName, const MI_Char *className, const MI_Char *methodName,
	const MI_Instance *inboundInstance, const MI_Instance *inboundProperties,
	MI_OperationCallbacks *callbacks, MI_Operation *operation)
{
	BEGIN(MIX_OP_INVOKE);
	if (!methodName || !*methodName)
		bad = "methodName is required";
	else if (!(className && *className) && !mix_instance_valid(inboundInstance))
		bad = "className or inboundInstance is required";
	oom |= dup_arg(&rq->method, methodName) | clone_arg(&rq->instance, inboundInstance) |
	       clone_arg(&rq->params, inboundProperties) |
	       dup_arg(&rq->class_name, className ? className
					: (mix_instance_valid(inboundInstance) ? inboundInstance->class_name : NULL));
	finish(op, operation, bad, oom);
}

/* GetInstance, CreateInstance, ModifyInstance and DeleteInstance: each
 * takes one instance and nothing else. */
static void instance_op(enum mix_op_kind kind, MI_Session *session, MI_Uint32 flags,
	MI_OperationOptions *options, const MI_Char *namespaceName, const MI_Instance *inboundInstance,
	MI_OperationCallbacks *callbacks, MI_Operation *operation)
{
	BEGIN(kind);
	if (!mix_instance_valid(inboundInstance))
		bad = "inboundInstance is required";
	else
		oom |= clone_arg(&rq->instance, inboundInstance) | dup_arg(&rq->class_name, inboundInstance->class_name);
	finish(op, operation, bad, oom);
}

void MI_Session_GetInstance(MI_Session *session, MI_Uint32 flags, MI_OperationOptions *options,
	const MI_Char *namespaceName, const MI_Instance *inboundInstance,
	MI_OperationCallbacks *callbacks, MI_Operation *operation)
{
	instance_op(MIX_OP_GET_INSTANCE, session, flags, options, namespaceName, inboundInstance,
		callbacks, operation);
}

void MI_Session_CreateInstance(MI_Session *session, MI_Uint32 flags, MI_OperationOptions *options,
	const MI_Char *namespaceName, const MI_Instance *inboundInstance,
	MI_OperationCallbacks *callbacks, MI_Operation *operation)
{
	instance_op(MIX_OP_CREATE_INSTANCE, session, flags, options, namespaceName, inboundInstance,
		callbacks, operation);
}

void MI_Session_ModifyInstance(MI_Session *session, MI_Uint32 flags, MI_OperationOptions *options,
	const MI_Char *namespaceName, const MI_Instance *inboundInstance,
	MI_OperationCallbacks *callbacks, MI_Operation *operation)
{
	instance_op(MIX_OP_MODIFY_INSTANCE, session, flags, options, namespaceName, inboundInstance,
		callbacks, operation);
}

void MI_Session_DeleteInstance(MI_Session *session, MI_Uint32 flags, MI_OperationOptions *options,
	const MI_Char *namespaceName, const MI_Instance *inboundInstance,
	MI_OperationCallbacks *callbacks, MI_Operation *operation)
{
	instance_op(MIX_OP_DELETE_INSTANCE, session, flags, options, namespaceName, inboundInstance,
		callbacks, operation);
}

void MI_Session_GetClass(MI_Session *session, MI_Uint32 flags, MI_OperationOptions *options,
	const MI_Char *namespaceName, const MI_Char *className,
	MI_OperationCallbacks *callbacks, MI_Operation *operation)
{
	BEGIN(MIX_OP_GET_CLASS);
	if (!className || !*className)
		bad = "className is required";
	oom |= dup_arg(&rq->class_name, className);
	finish(op, operation, bad, oom);
}

void MI_Session_EnumerateClasses(MI_Session *session, MI_Uint32 flags, MI_OperationOptions *options,
	const MI_Char *namespaceName, const MI_Char *className, MI_Boolean classNamesOnly,
	MI_OperationCallbacks *callbacks, MI_Operation *operation)
{
	BEGIN(MIX_OP_ENUMERATE_CLASSES);
	oom |= dup_arg(&rq->class_name, className && *className ? className : NULL);
	rq->class_names_only = classNamesOnly ? MI_TRUE : MI_FALSE;
	finish(op, operation, bad, oom);
}

void MIX_Session_EnumerateNamespaces(MI_Session *session, MI_Uint32 flags,
	MI_OperationOptions *options, MI_OperationCallbacks *callbacks, MI_Operation *operation)
{
	const MI_Char *namespaceName = NULL;
	BEGIN(MIX_OP_ENUMERATE_NAMESPACES);
	finish(op, operation, bad, oom);
}

MI_Result MI_Application_NewInstance(MI_Application *application, const MI_Char *className,
	const void *classRTTI, MI_Instance **instance)
{
	(void)classRTTI;
	if (!instance)
		return MI_RESULT_INVALID_PARAMETER;
	*instance = NULL;
	if (!application || !className || !*className)
		return MI_RESULT_INVALID_PARAMETER;
	struct mix_obj *app = mix_handle_acquire(application->reserved1, MIX_KIND_APP);
	if (!app)
		return MI_RESULT_INVALID_PARAMETER;
	mix_obj_unref(app);
	*instance = mix_instance_new(className, NULL);
	return *instance ? MI_RESULT_OK : MI_RESULT_FAILED;
}
