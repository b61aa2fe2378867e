/* error.c - CIM_Error instances built by the engine.
 * Every failed operation carries one (mi-api.md): when the server sent
 * only a code, or the failure was local, we build it here and say so in
 * OwningEntity ("cimtui").
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "model.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *cim_status_text(MI_Result code)
{
	switch (code) {
	case MI_RESULT_OK: return "Success";
	case MI_RESULT_FAILED: return "A general error occurred";
	case MI_RESULT_ACCESS_DENIED: return "Access to a CIM resource is not available to the client";
	case MI_RESULT_INVALID_NAMESPACE: return "The target namespace does not exist";
	case MI_RESULT_INVALID_PARAMETER: return "One or more parameter values passed to the method are not valid";
	case MI_RESULT_INVALID_CLASS: return "The specified class does not exist";
	case MI_RESULT_NOT_FOUND: return "The requested object cannot be found";
	case MI_RESULT_NOT_SUPPORTED: return "The requested operation is not supported";
	case MI_RESULT_CLASS_HAS_CHILDREN: return "The operation cannot be invoked on this class because it has subclasses";
	case MI_RESULT_CLASS_HAS_INSTANCES: return "The operation cannot be invoked on this class because one or more instances of this class exist";
	case MI_RESULT_INVALID_SUPERCLASS: return "The operation cannot be invoked because the specified superclass does not exist";
	case MI_RESULT_ALREADY_EXISTS: return "The operation cannot be invoked because an object already exists";
	case MI_RESULT_NO_SUCH_PROPERTY: return "The specified property does not exist";
	case MI_RESULT_TYPE_MISMATCH: return "The value supplied is not compatible with the type";
	case MI_RESULT_QUERY_LANGUAGE_NOT_SUPPORTED: return "The query language is not recognized or supported";
	case MI_RESULT_INVALID_QUERY: return "The query is not valid for the specified query language";
	case MI_RESULT_METHOD_NOT_AVAILABLE: return "The extrinsic method cannot be invoked";
	case MI_RESULT_METHOD_NOT_FOUND: return "The specified extrinsic method does not exist";
	case MI_RESULT_NAMESPACE_NOT_EMPTY: return "The specified namespace is not empty";
	case MI_RESULT_INVALID_ENUMERATION_CONTEXT: return "The enumeration identified by the specified context cannot be found, is in a closed state, does not exist, or is otherwise invalid";
	case MI_RESULT_INVALID_OPERATION_TIMEOUT: return "The specified operation timeout is not supported by the WBEM server";
	case MI_RESULT_PULL_HAS_BEEN_ABANDONED: return "The pull operation has been abandoned";
	case MI_RESULT_PULL_CANNOT_BE_ABANDONED: return "The attempt to abandon a concurrent pull request failed";
	case MI_RESULT_FILTERED_ENUMERATION_NOT_SUPPORTED: return "Using a filter in the enumeration is not supported by the WBEM server";
	case MI_RESULT_CONTINUATION_ON_ERROR_NOT_SUPPORTED: return "The WBEM server does not support continuation on error";
	case MI_RESULT_SERVER_LIMITS_EXCEEDED: return "The WBEM server has failed the operation based upon exceeding server limits";
	case MI_RESULT_SERVER_IS_SHUTTING_DOWN: return "The WBEM server is shutting down and cannot process the operation";
	case MI_RESULT_QUERY_FEATURE_NOT_SUPPORTED: return "A feature of the query is not supported";
	default: return "Unknown CIM status code";
	}
}

static unsigned default_error_type(MI_Result code)
{
	switch (code) {
	case MI_RESULT_ACCESS_DENIED: return MIX_ERRTYPE_SECURITY;
	case MI_RESULT_NOT_SUPPORTED:
	case MI_RESULT_QUERY_LANGUAGE_NOT_SUPPORTED:
	case MI_RESULT_FILTERED_ENUMERATION_NOT_SUPPORTED:
	case MI_RESULT_QUERY_FEATURE_NOT_SUPPORTED: return MIX_ERRTYPE_UNSUPPORTED;
	default: return MIX_ERRTYPE_SOFTWARE;
	}
}

static void add_u(MI_Instance *e, const char *name, MI_Type t, MI_Uint64 v)
{
	mix_instance_add_uint(e, name, t, v, 0);
}

MI_Instance *mix_error_new_ex(MI_Result code, const char *message, const char *message_id,
	const char *error_source, unsigned error_type, unsigned probable_cause, const char *cause_text)
{
	char idbuf[32];
	MI_Instance *e = mix_instance_new("CIM_Error", "root/cimv2");
	if (!e)
		return NULL;
	if (!message_id) {
		snprintf(idbuf, sizeof(idbuf), "CIMTUI%04u", (unsigned)code);
		message_id = idbuf;
	}
	add_u(e, "ErrorType", MI_UINT16, error_type);
	mix_instance_add_string(e, "OwningEntity", "cimtui", 0);
	mix_instance_add_string(e, "MessageID", message_id, 0);
	mix_instance_add_string(e, "Message", message ? message : cim_status_text(code), 0);
	add_u(e, "PerceivedSeverity", MI_UINT16, code == MI_RESULT_OK ? 2 : 5); /* Information / Major */
	add_u(e, "ProbableCause", MI_UINT16, probable_cause);
	mix_instance_add_string(e, "ProbableCauseDescription", cause_text, 0);
	mix_instance_add_string(e, "ErrorSource", error_source, 0);
	add_u(e, "ErrorSourceFormat", MI_UINT16, error_source ? 1 : 0); /* Other (a URL) / Unknown */
	mix_instance_add_string(e, "OtherErrorSourceFormat", error_source ? "URL" : NULL, 0);
	add_u(e, "CIMStatusCode", MI_UINT32, (MI_Uint32)code);
	mix_instance_add_string(e, "CIMStatusCodeDescription", cim_status_text(code), 0);
	return e;
}

MI_Instance *mix_error_new(MI_Result code, const char *message, const char *message_id,
	const char *error_source)
{
	return mix_error_new_ex(code, message, message_id, error_source, default_error_type(code),
		MIX_CAUSE_UNKNOWN, NULL);
}

/* True when the element is missing or NULL. */
static int missing(MI_Instance *e, const char *name)
{
	struct mix_element *el = mix_instance_find(e, name);
	if (el && (el->flags & MI_FLAG_NULL)) {
		/* Remove the NULL placeholder so that we can add a typed value. */
		MI_Uint32 i = (MI_Uint32)(el - e->elems);
		free(el->name);
		memmove(&e->elems[i], &e->elems[i + 1], (e->count - i - 1) * sizeof(*el));
		e->count--;
		return 1;
	}
	return el == NULL;
}

void mix_error_complete(MI_Instance *err, MI_Result code, const char *message, const char *error_source)
{
	if (!mix_instance_valid(err))
		return;
	if (missing(err, "CIMStatusCode"))
		add_u(err, "CIMStatusCode", MI_UINT32, (MI_Uint32)code);
	if (missing(err, "CIMStatusCodeDescription"))
		mix_instance_add_string(err, "CIMStatusCodeDescription", cim_status_text(code), 0);
	if (missing(err, "Message"))
		mix_instance_add_string(err, "Message", message ? message : cim_status_text(code), 0);
	if (missing(err, "ErrorSource") && error_source) {
		mix_instance_add_string(err, "ErrorSource", error_source, 0);
		if (missing(err, "ErrorSourceFormat"))
			add_u(err, "ErrorSourceFormat", MI_UINT16, 1);
	}
}
