/* mi.h - libcimengine public API: a subset of Microsoft's MI client API.
 *
 * Names, signatures and numbers follow Windows/OMI mi.h so that code
 * written against MI reads the same here.  MI_Char is char holding UTF-8.
 * Where MI's documented behaviour is a trap we keep the signature and fix
 * the behaviour; each such place says so in one line.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef CIMTUI_ENGINE_MI_H
#define CIMTUI_ENGINE_MI_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define MI_CALL
#define MI_MAIN_CALL

typedef unsigned char MI_Boolean;
typedef uint8_t MI_Uint8;
typedef int8_t MI_Sint8;
typedef uint16_t MI_Uint16;
typedef int16_t MI_Sint16;
typedef uint32_t MI_Uint32;
typedef int32_t MI_Sint32;
typedef uint64_t MI_Uint64;
typedef int64_t MI_Sint64;
typedef float MI_Real32;
typedef double MI_Real64;
typedef MI_Uint16 MI_Char16;
typedef char MI_Char;

#define MI_TRUE ((MI_Boolean)1)
#define MI_FALSE ((MI_Boolean)0)
#define MI_T(s) s

/* ---- Results: the CIM status codes (DSP0200), MI numbering ---------------- */
typedef enum _MI_Result {
	MI_RESULT_OK = 0,
	MI_RESULT_FAILED = 1,
	MI_RESULT_ACCESS_DENIED = 2,
	MI_RESULT_INVALID_NAMESPACE = 3,
	MI_RESULT_INVALID_PARAMETER = 4,
	MI_RESULT_INVALID_CLASS = 5,
	MI_RESULT_NOT_FOUND = 6,
	MI_RESULT_NOT_SUPPORTED = 7,
	MI_RESULT_CLASS_HAS_CHILDREN = 8,
	MI_RESULT_CLASS_HAS_INSTANCES = 9,
	MI_RESULT_INVALID_SUPERCLASS = 10,
	MI_RESULT_ALREADY_EXISTS = 11,
	MI_RESULT_NO_SUCH_PROPERTY = 12,
	MI_RESULT_TYPE_MISMATCH = 13,
	MI_RESULT_QUERY_LANGUAGE_NOT_SUPPORTED = 14,
	MI_RESULT_INVALID_QUERY = 15,
	MI_RESULT_METHOD_NOT_AVAILABLE = 16,
	MI_RESULT_METHOD_NOT_FOUND = 17,
	MI_RESULT_NAMESPACE_NOT_EMPTY = 20,
	MI_RESULT_INVALID_ENUMERATION_CONTEXT = 21,
	MI_RESULT_INVALID_OPERATION_TIMEOUT = 22,
	MI_RESULT_PULL_HAS_BEEN_ABANDONED = 23,
	MI_RESULT_PULL_CANNOT_BE_ABANDONED = 24,
	MI_RESULT_FILTERED_ENUMERATION_NOT_SUPPORTED = 25,
	MI_RESULT_CONTINUATION_ON_ERROR_NOT_SUPPORTED = 26,
	MI_RESULT_SERVER_LIMITS_EXCEEDED = 27,
	MI_RESULT_SERVER_IS_SHUTTING_DOWN = 28,
	/* DSP0200 1.4 addition; MI stops at 28.  Accepted from servers. */
	MI_RESULT_QUERY_FEATURE_NOT_SUPPORTED = 29
} MI_Result;

/* ---- Types ----------------------------------------------------------------- */
typedef enum _MI_Type {
	MI_BOOLEAN = 0, MI_UINT8 = 1, MI_SINT8 = 2, MI_UINT16 = 3, MI_SINT16 = 4,
	MI_UINT32 = 5, MI_SINT32 = 6, MI_UINT64 = 7, MI_SINT64 = 8, MI_REAL32 = 9,
	MI_REAL64 = 10, MI_CHAR16 = 11, MI_DATETIME = 12, MI_STRING = 13,
	MI_REFERENCE = 14, MI_INSTANCE = 15,
	MI_BOOLEANA = 16, MI_UINT8A = 17, MI_SINT8A = 18, MI_UINT16A = 19,
	MI_SINT16A = 20, MI_UINT32A = 21, MI_SINT32A = 22, MI_UINT64A = 23,
	MI_SINT64A = 24, MI_REAL32A = 25, MI_REAL64A = 26, MI_CHAR16A = 27,
	MI_DATETIMEA = 28, MI_STRINGA = 29, MI_REFERENCEA = 30, MI_INSTANCEA = 31,
	MI_ARRAY = 16
} MI_Type;

/* ---- Flags (element, qualifier, parameter) -------------------------------- */
#define MI_FLAG_CLASS (1 << 0)
#define MI_FLAG_METHOD (1 << 1)
#define MI_FLAG_PROPERTY (1 << 2)
#define MI_FLAG_PARAMETER (1 << 3)
#define MI_FLAG_ASSOCIATION (1 << 4)
#define MI_FLAG_INDICATION (1 << 5)
#define MI_FLAG_REFERENCE (1 << 6)
#define MI_FLAG_ANY (1 | 2 | 4 | 8 | 16 | 32 | 64)
#define MI_FLAG_ENABLEOVERRIDE (1 << 7)
#define MI_FLAG_DISABLEOVERRIDE (1 << 8)
#define MI_FLAG_RESTRICTED (1 << 9)
#define MI_FLAG_TOSUBCLASS (1 << 10)
#define MI_FLAG_TRANSLATABLE (1 << 11)
#define MI_FLAG_KEY (1 << 12)
#define MI_FLAG_IN (1 << 13)
#define MI_FLAG_OUT (1 << 14)
#define MI_FLAG_REQUIRED (1 << 15)
#define MI_FLAG_STATIC (1 << 16)
#define MI_FLAG_ABSTRACT (1 << 17)
#define MI_FLAG_TERMINAL (1 << 18)
#define MI_FLAG_EXPENSIVE (1 << 19)
#define MI_FLAG_STREAM (1 << 20)
#define MI_FLAG_READONLY (1 << 21)
#define MI_FLAG_NOT_MODIFIED (1 << 25)
#define MI_FLAG_NULL (1 << 29)
#define MI_FLAG_BORROW (1 << 30)
#define MI_FLAG_ADOPT (1u << 31)

/* ---- Datetime -------------------------------------------------------------- */
typedef struct _MI_Timestamp {
	MI_Uint32 year, month, day, hour, minute, second, microseconds;
	MI_Sint32 utc; /* offset from UTC in minutes */
} MI_Timestamp;

typedef struct _MI_Interval {
	MI_Uint32 days, hours, minutes, seconds, microseconds;
	MI_Uint32 __padding1, __padding2, __padding3;
} MI_Interval;

typedef struct _MI_Datetime {
	MI_Uint32 isTimestamp;
	union {
		MI_Timestamp timestamp;
		MI_Interval interval;
	} u;
} MI_Datetime;

/* ---- Opaque objects -------------------------------------------------------- */
typedef struct _MI_Instance MI_Instance;
typedef struct _MI_Class MI_Class;

/* ---- Values ---------------------------------------------------------------- */
#define MI_DECLARE_ARRAY(NAME, T) \
	typedef struct _##NAME { T *data; MI_Uint32 size; } NAME
MI_DECLARE_ARRAY(MI_BooleanA, MI_Boolean);
MI_DECLARE_ARRAY(MI_Uint8A, MI_Uint8);
MI_DECLARE_ARRAY(MI_Sint8A, MI_Sint8);
MI_DECLARE_ARRAY(MI_Uint16A, MI_Uint16);
MI_DECLARE_ARRAY(MI_Sint16A, MI_Sint16);
MI_DECLARE_ARRAY(MI_Uint32A, MI_Uint32);
MI_DECLARE_ARRAY(MI_Sint32A, MI_Sint32);
MI_DECLARE_ARRAY(MI_Uint64A, MI_Uint64);
MI_DECLARE_ARRAY(MI_Sint64A, MI_Sint64);
MI_DECLARE_ARRAY(MI_Real32A, MI_Real32);
MI_DECLARE_ARRAY(MI_Real64A, MI_Real64);
MI_DECLARE_ARRAY(MI_Char16A, MI_Char16);
MI_DECLARE_ARRAY(MI_DatetimeA, MI_Datetime);
MI_DECLARE_ARRAY(MI_StringA, MI_Char *);
MI_DECLARE_ARRAY(MI_ReferenceA, MI_Instance *);
MI_DECLARE_ARRAY(MI_InstanceA, MI_Instance *);
MI_DECLARE_ARRAY(MI_Array, void);

typedef union _MI_Value {
	MI_Boolean boolean;
	MI_Uint8 uint8;
	MI_Sint8 sint8;
	MI_Uint16 uint16;
	MI_Sint16 sint16;
	MI_Uint32 uint32;
	MI_Sint32 sint32;
	MI_Uint64 uint64;
	MI_Sint64 sint64;
	MI_Real32 real32;
	MI_Real64 real64;
	MI_Char16 char16;
	MI_Datetime datetime;
	MI_Char *string;
	MI_Instance *instance;
	MI_Instance *reference;
	MI_BooleanA booleana;
	MI_Uint8A uint8a;
	MI_Sint8A sint8a;
	MI_Uint16A uint16a;
	MI_Sint16A sint16a;
	MI_Uint32A uint32a;
	MI_Sint32A sint32a;
	MI_Uint64A uint64a;
	MI_Sint64A sint64a;
	MI_Real32A real32a;
	MI_Real64A real64a;
	MI_Char16A char16a;
	MI_DatetimeA datetimea;
	MI_StringA stringa;
	MI_ReferenceA referencea;
	MI_InstanceA instancea;
	MI_Array array;
} MI_Value;

/* ---- Handles (caller-owned structs; zeroed = invalid) ---------------------- */
typedef struct _MI_Application { MI_Uint64 reserved1; ptrdiff_t reserved2; const void *ft; } MI_Application;
typedef struct _MI_Session { MI_Uint64 reserved1; ptrdiff_t reserved2; const void *ft; } MI_Session;
typedef struct _MI_Operation { MI_Uint64 reserved1; ptrdiff_t reserved2; const void *ft; } MI_Operation;
typedef struct _MI_DestinationOptions { MI_Uint64 reserved1; ptrdiff_t reserved2; const void *ft; } MI_DestinationOptions;
typedef struct _MI_OperationOptions { MI_Uint64 reserved1; ptrdiff_t reserved2; const void *ft; } MI_OperationOptions;
typedef struct _MI_QualifierSet { MI_Uint64 reserved1; ptrdiff_t reserved2; const void *ft; } MI_QualifierSet;
typedef struct _MI_ParameterSet { MI_Uint64 reserved1; ptrdiff_t reserved2; const void *ft; } MI_ParameterSet;

#define MI_APPLICATION_NULL { 0, 0, NULL }
#define MI_SESSION_NULL { 0, 0, NULL }
#define MI_OPERATION_NULL { 0, 0, NULL }
#define MI_DESTINATIONOPTIONS_NULL { 0, 0, NULL }
#define MI_OPERATIONOPTIONS_NULL { 0, 0, NULL }

/* ---- Callbacks --------------------------------------------------------------- */
typedef enum _MI_CancellationReason {
	MI_REASON_NONE = 0,
	MI_REASON_TIMEOUT = 1,
	MI_REASON_SHUTDOWN = 2,
	MI_REASON_SERVICESTOP = 3
} MI_CancellationReason;

/* With this flag the result data stays valid until resultAcknowledgement is
 * called, and the next result is delivered only after it. */
#define MI_OPERATIONFLAGS_MANUAL_ACK_RESULTS 0x1
#define MI_OPERATIONFLAGS_NO_RTTI 0x400
#define MI_OPERATIONFLAGS_BASIC_RTTI 0x2
#define MI_OPERATIONFLAGS_STANDARD_RTTI 0x800
#define MI_OPERATIONFLAGS_FULL_RTTI 0x4
#define MI_OPERATIONFLAGS_DEFAULT_RTTI 0


typedef MI_Result (MI_CALL *MI_ResultAcknowledgement)(MI_Operation *operation);

typedef void (MI_CALL *MI_OperationCallback_Instance)(MI_Operation *operation,
	void *callbackContext, const MI_Instance *instance, MI_Boolean moreResults,
	MI_Result resultCode, const MI_Char *errorString, const MI_Instance *errorDetails,
	MI_ResultAcknowledgement resultAcknowledgement);

typedef void (MI_CALL *MI_OperationCallback_Class)(MI_Operation *operation,
	void *callbackContext, const MI_Class *classResult, MI_Boolean moreResults,
	MI_Result resultCode, const MI_Char *errorString, const MI_Instance *errorDetails,
	MI_ResultAcknowledgement resultAcknowledgement);

/* The callbacks below are accepted for MI source compatibility; the engine
 * never calls them (no prompts, streamed parameters or indications). */
typedef void (MI_CALL *MI_OperationCallback_PromptUser)(MI_Operation *operation,
	void *callbackContext, const MI_Char *message, int promptType,
	MI_Result (MI_CALL *promptUserResult)(MI_Operation *operation, int response));
typedef void (MI_CALL *MI_OperationCallback_WriteError)(MI_Operation *operation,
	void *callbackContext, MI_Instance *instance,
	MI_Result (MI_CALL *writeErrorResult)(MI_Operation *operation, int response));
typedef void (MI_CALL *MI_OperationCallback_WriteMessage)(MI_Operation *operation,
	void *callbackContext, MI_Uint32 channel, const MI_Char *message);
typedef void (MI_CALL *MI_OperationCallback_WriteProgress)(MI_Operation *operation,
	void *callbackContext, const MI_Char *activity, const MI_Char *currentOperation,
	const MI_Char *statusDescription, MI_Uint32 percentageComplete,
	MI_Uint32 secondsRemaining);
typedef void (MI_CALL *MI_OperationCallback_Indication)(MI_Operation *operation,
	void *callbackContext, const MI_Instance *instance, const MI_Char *bookmark,
	const MI_Char *machineID, MI_Boolean moreResults, MI_Result resultCode,
	const MI_Char *errorString, const MI_Instance *errorDetails,
	MI_ResultAcknowledgement resultAcknowledgement);
typedef void (MI_CALL *MI_OperationCallback_StreamedParameter)(MI_Operation *operation,
	void *callbackContext, const MI_Char *parameterName, MI_Type resultType,
	const MI_Value *result, MI_ResultAcknowledgement resultAcknowledgement);

typedef struct _MI_OperationCallbacks {
	void *callbackContext;
	MI_OperationCallback_PromptUser promptUser;
	MI_OperationCallback_WriteError writeError;
	MI_OperationCallback_WriteMessage writeMessage;
	MI_OperationCallback_WriteProgress writeProgress;
	MI_OperationCallback_Instance instanceResult;
	MI_OperationCallback_Indication indicationResult;
	MI_OperationCallback_Class classResult;
	MI_OperationCallback_StreamedParameter streamedParameterResult;
} MI_OperationCallbacks;

#define MI_OPERATIONCALLBACKS_NULL { NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL }

typedef struct _MI_SessionCallbacks {
	void *callbackContext;
	void (MI_CALL *writeMessage)(MI_Application *application, void *callbackContext,
		MI_Uint32 channel, const MI_Char *message);
	void (MI_CALL *writeError)(MI_Application *application, void *callbackContext,
		MI_Instance *instance);
} MI_SessionCallbacks;

#define MI_SESSIONCALLBACKS_NULL { NULL, NULL, NULL }

/* ---- Credentials ------------------------------------------------------------ */
#define MI_AUTH_TYPE_DEFAULT "Default"
#define MI_AUTH_TYPE_NONE "None"
#define MI_AUTH_TYPE_DIGEST "Digest"
#define MI_AUTH_TYPE_NEGO_WITH_CREDS "NegoWithCreds"
#define MI_AUTH_TYPE_NEGO_NO_CREDS "NegoNoCreds"
#define MI_AUTH_TYPE_BASIC "Basic"
#define MI_AUTH_TYPE_KERBEROS "Kerberos"
#define MI_AUTH_TYPE_CLIENT_CERTS "ClientCerts"
#define MI_AUTH_TYPE_NTLM "NtlmDomain"

typedef struct _MI_UsernamePasswordCreds {
	const MI_Char *domain;
	const MI_Char *username;
	const MI_Char *password;
} MI_UsernamePasswordCreds;

typedef struct _MI_UserCredentials {
	const MI_Char *authenticationType;
	union {
		MI_UsernamePasswordCreds usernamePassword;
		const MI_Char *certificateThumbprint;
	} credentials;
} MI_UserCredentials;

/* ---- Application and session ------------------------------------------------ */
MI_Result MI_Application_Initialize(MI_Uint32 flags, const MI_Char *applicationID,
	MI_Instance **extendedError, MI_Application *application);
/* Cancels what still runs, waits a bounded time for the engine, releases all. */
MI_Result MI_Application_Close(MI_Application *application);
/* destination: "local:", "http(s)://host[:port]" (CIM-XML) or ".../wsman".
 * protocol NULL picks from the URL; "CIMXML", "WINRM"/"WSMAN", "LOCAL" force. */
MI_Result MI_Application_NewSession(MI_Application *application, const MI_Char *protocol,
	const MI_Char *destination, MI_DestinationOptions *options,
	MI_SessionCallbacks *callbacks, MI_Instance **extendedError, MI_Session *session);
/* Cancels the session's operations and returns; never waits for the caller. */
MI_Result MI_Session_Close(MI_Session *session, void *completionContext,
	void (MI_CALL *completionCallback)(void *completionContext));
MI_Result MI_Application_NewInstance(MI_Application *application, const MI_Char *className,
	const void *classRTTI /* unused, may be NULL */, MI_Instance **instance);
MI_Result MI_Application_NewDestinationOptions(MI_Application *application,
	MI_DestinationOptions *options);
MI_Result MI_Application_NewOperationOptions(MI_Application *application,
	MI_Boolean mustUnderstand, MI_OperationOptions *options);

/* ---- Destination options ------------------------------------------------------ */
MI_Result MI_DestinationOptions_Delete(MI_DestinationOptions *options);
MI_Result MI_DestinationOptions_SetTimeout(MI_DestinationOptions *options, const MI_Interval *timeout);
MI_Result MI_DestinationOptions_SetMaxElements(MI_DestinationOptions *options, MI_Uint32 maxElements);
MI_Result MI_DestinationOptions_SetMaxEnvelopeSize(MI_DestinationOptions *options, MI_Uint32 sizeInKB);
MI_Result MI_DestinationOptions_SetTransport(MI_DestinationOptions *options, const MI_Char *transport);
MI_Result MI_DestinationOptions_SetDestinationPort(MI_DestinationOptions *options, MI_Uint32 port);
MI_Result MI_DestinationOptions_SetHttpUrlPrefix(MI_DestinationOptions *options, const MI_Char *prefix);
MI_Result MI_DestinationOptions_SetCertCACheck(MI_DestinationOptions *options, MI_Boolean check);
MI_Result MI_DestinationOptions_SetCertCNCheck(MI_DestinationOptions *options, MI_Boolean check);
MI_Result MI_DestinationOptions_SetTrustedCertsDir(MI_DestinationOptions *options, const MI_Char *path);
MI_Result MI_DestinationOptions_SetCertFile(MI_DestinationOptions *options, const MI_Char *path);
MI_Result MI_DestinationOptions_SetPrivateKeyFile(MI_DestinationOptions *options, const MI_Char *path);
MI_Result MI_DestinationOptions_SetPacketPrivacy(MI_DestinationOptions *options, MI_Boolean privacy);
MI_Result MI_DestinationOptions_AddDestinationCredentials(MI_DestinationOptions *options,
	const MI_UserCredentials *credentials);
/* Generic string/number options, MI style.  Names the engine knows:
 * "cimtui:CAFile" (string), "cimtui:TracePath" (string: wire trace file),
 * "cimtui:NoPull" (number 0/1), "cimtui:MaxResponseBytes" (number),
 * "cimtui:MaxXmlDepth" (number), "cimtui:QueueLength" (number),
 * "cimtui:ConnectTimeoutMs" (number). */
MI_Result MI_DestinationOptions_SetString(MI_DestinationOptions *options, const MI_Char *optionName,
	const MI_Char *value, MI_Uint32 flags);
MI_Result MI_DestinationOptions_SetNumber(MI_DestinationOptions *options, const MI_Char *optionName,
	MI_Uint32 value, MI_Uint32 flags);

/* ---- Operation options ---------------------------------------------------------- */
MI_Result MI_OperationOptions_Delete(MI_OperationOptions *options);
MI_Result MI_OperationOptions_SetTimeout(MI_OperationOptions *options, const MI_Interval *timeout);
MI_Result MI_OperationOptions_SetResourceUri(MI_OperationOptions *options, const MI_Char *uri);
MI_Result MI_OperationOptions_SetResourceUriPrefix(MI_OperationOptions *options, const MI_Char *prefix);
/* Names the engine knows: "cimtui:DeepInheritance", "cimtui:LocalOnly",
 * "cimtui:IncludeQualifiers", "cimtui:IncludeClassOrigin" (numbers 0/1),
 * "cimtui:PropertyList" (string, comma separated), "cimtui:MaxElements"
 * (number: page size for this operation). */
MI_Result MI_OperationOptions_SetString(MI_OperationOptions *options, const MI_Char *optionName,
	const MI_Char *value, MI_Uint32 flags);
MI_Result MI_OperationOptions_SetNumber(MI_OperationOptions *options, const MI_Char *optionName,
	MI_Uint32 value, MI_Uint32 flags);
MI_Result MI_OperationOptions_GetString(const MI_OperationOptions *options, const MI_Char *optionName,
	const MI_Char **value, MI_Uint32 *index, MI_Uint32 *flags);
MI_Result MI_OperationOptions_GetNumber(const MI_OperationOptions *options, const MI_Char *optionName,
	MI_Uint32 *value, MI_Uint32 *index, MI_Uint32 *flags);

/* ---- Operations ------------------------------------------------------------------ *
 * Every starter returns void; the outcome is pulled from *operation.  A
 * starter that cannot begin still yields an operation whose first Get*
 * returns the final result with the error. */
void MI_Session_EnumerateInstances(MI_Session *session, MI_Uint32 flags, MI_OperationOptions *options,
	const MI_Char *namespaceName, const MI_Char *className, MI_Boolean keysOnly,
	MI_OperationCallbacks *callbacks, MI_Operation *operation);
void MI_Session_GetInstance(MI_Session *session, MI_Uint32 flags, MI_OperationOptions *options,
	const MI_Char *namespaceName, const MI_Instance *inboundInstance,
	MI_OperationCallbacks *callbacks, MI_Operation *operation);
void MI_Session_QueryInstances(MI_Session *session, MI_Uint32 flags, MI_OperationOptions *options,
	const MI_Char *namespaceName, const MI_Char *queryDialect, const MI_Char *queryExpression,
	MI_OperationCallbacks *callbacks, MI_Operation *operation);
void MI_Session_AssociatorInstances(MI_Session *session, MI_Uint32 flags, MI_OperationOptions *options,
	const MI_Char *namespaceName, const MI_Instance *instanceKey, const MI_Char *assocClass,
	const MI_Char *resultClass, const MI_Char *role, const MI_Char *resultRole,
	MI_Boolean keysOnly, MI_OperationCallbacks *callbacks, MI_Operation *operation);
void MI_Session_ReferenceInstances(MI_Session *session, MI_Uint32 flags, MI_OperationOptions *options,
	const MI_Char *namespaceName, const MI_Instance *instanceKey, const MI_Char *resultClass,
	const MI_Char *role, MI_Boolean keysOnly, MI_OperationCallbacks *callbacks,
	MI_Operation *operation);
void MI_Session_Invoke(MI_Session *session, MI_Uint32 flags, MI_OperationOptions *options,
	const MI_Char *namespaceName, const MI_Char *className, const MI_Char *methodName,
	const MI_Instance *inboundInstance, const MI_Instance *inboundProperties,
	MI_OperationCallbacks *callbacks, MI_Operation *operation);
void MI_Session_CreateInstance(MI_Session *session, MI_Uint32 flags, MI_OperationOptions *options,
	const MI_Char *namespaceName, const MI_Instance *inboundInstance,
	MI_OperationCallbacks *callbacks, MI_Operation *operation);
void MI_Session_ModifyInstance(MI_Session *session, MI_Uint32 flags, MI_OperationOptions *options,
	const MI_Char *namespaceName, const MI_Instance *inboundInstance,
	MI_OperationCallbacks *callbacks, MI_Operation *operation);
void MI_Session_DeleteInstance(MI_Session *session, MI_Uint32 flags, MI_OperationOptions *options,
	const MI_Char *namespaceName, const MI_Instance *inboundInstance,
	MI_OperationCallbacks *callbacks, MI_Operation *operation);
void MI_Session_GetClass(MI_Session *session, MI_Uint32 flags, MI_OperationOptions *options,
	const MI_Char *namespaceName, const MI_Char *className,
	MI_OperationCallbacks *callbacks, MI_Operation *operation);
/* className NULL: from the top.  classNamesOnly: MI_Class results carry
 * only name and superclass name. */
void MI_Session_EnumerateClasses(MI_Session *session, MI_Uint32 flags, MI_OperationOptions *options,
	const MI_Char *namespaceName, const MI_Char *className, MI_Boolean classNamesOnly,
	MI_OperationCallbacks *callbacks, MI_Operation *operation);

/* Extension: namespaces the server has.  Each result is an instance of
 * class "CIM_Namespace" (or the server's class) with at least "Name". */
void MIX_Session_EnumerateNamespaces(MI_Session *session, MI_Uint32 flags,
	MI_OperationOptions *options, MI_OperationCallbacks *callbacks, MI_Operation *operation);

/* ---- Pulling results ------------------------------------------------------------- *
 * Blocks until the next result or the final status exists; one result per
 * call; what is handed out stays valid until the next Get* or Close. */
MI_Result MI_Operation_GetInstance(MI_Operation *operation, const MI_Instance **instance,
	MI_Boolean *moreResults, MI_Result *result, const MI_Char **errorMessage,
	const MI_Instance **completionDetails);
MI_Result MI_Operation_GetClass(MI_Operation *operation, const MI_Class **classResult,
	MI_Boolean *moreResults, MI_Result *result, const MI_Char **errorMessage,
	const MI_Instance **completionDetails);
/* Idempotent, from any thread, at any time. */
MI_Result MI_Operation_Cancel(MI_Operation *operation, MI_CancellationReason reason);
/* Before the final result this cancels and returns (MI documents a hang
 * here; we don't hang).  A second Close returns MI_RESULT_INVALID_PARAMETER. */
MI_Result MI_Operation_Close(MI_Operation *operation);

/* ---- Instances ------------------------------------------------------------------- */
MI_Result MI_Instance_GetElementCount(const MI_Instance *self, MI_Uint32 *count);
MI_Result MI_Instance_GetElement(const MI_Instance *self, const MI_Char *name, MI_Value *value,
	MI_Type *type, MI_Uint32 *flags, MI_Uint32 *index);
MI_Result MI_Instance_GetElementAt(const MI_Instance *self, MI_Uint32 index, const MI_Char **name,
	MI_Value *value, MI_Type *type, MI_Uint32 *flags);
MI_Result MI_Instance_GetClassName(const MI_Instance *self, const MI_Char **className);
MI_Result MI_Instance_GetNameSpace(const MI_Instance *self, const MI_Char **nameSpace);
MI_Result MI_Instance_GetServerName(const MI_Instance *self, const MI_Char **serverName);
MI_Result MI_Instance_SetNameSpace(MI_Instance *self, const MI_Char *nameSpace);
MI_Result MI_Instance_SetServerName(MI_Instance *self, const MI_Char *serverName);
MI_Result MI_Instance_Clone(const MI_Instance *self, MI_Instance **newInstance);
MI_Result MI_Instance_Delete(MI_Instance *self);
/* value NULL or flags containing MI_FLAG_NULL adds a NULL element.  The value
 * is copied deeply, unless MI_FLAG_ADOPT: then the instance takes ownership of
 * the heap parts (strings, arrays, embedded instances). */
MI_Result MI_Instance_AddElement(MI_Instance *self, const MI_Char *name, const MI_Value *value,
	MI_Type type, MI_Uint32 flags);
MI_Result MI_Instance_SetElement(MI_Instance *self, const MI_Char *name, const MI_Value *value,
	MI_Type type, MI_Uint32 flags);
MI_Result MI_Instance_SetElementAt(MI_Instance *self, MI_Uint32 index, const MI_Value *value,
	MI_Type type, MI_Uint32 flags);
MI_Result MI_Instance_ClearElement(MI_Instance *self, const MI_Char *name);

/* ---- Classes --------------------------------------------------------------------- */
MI_Result MI_Class_GetClassName(const MI_Class *self, const MI_Char **className);
MI_Result MI_Class_GetNameSpace(const MI_Class *self, const MI_Char **nameSpace);
MI_Result MI_Class_GetServerName(const MI_Class *self, const MI_Char **serverName);
/* MI_RESULT_INVALID_SUPERCLASS when the class has no superclass. */
MI_Result MI_Class_GetParentClassName(const MI_Class *self, const MI_Char **name);
MI_Result MI_Class_GetElementCount(const MI_Class *self, MI_Uint32 *count);
MI_Result MI_Class_GetElement(const MI_Class *self, const MI_Char *name, MI_Value *value,
	MI_Boolean *valueExists, MI_Type *type, MI_Char **referenceClass,
	MI_QualifierSet *qualifierSet, MI_Uint32 *flags, MI_Uint32 *index);
MI_Result MI_Class_GetElementAt(const MI_Class *self, MI_Uint32 index, const MI_Char **name,
	MI_Value *value, MI_Boolean *valueExists, MI_Type *type, MI_Char **referenceClass,
	MI_QualifierSet *qualifierSet, MI_Uint32 *flags);
MI_Result MI_Class_GetClassQualifierSet(const MI_Class *self, MI_QualifierSet *qualifierSet);
MI_Result MI_Class_GetMethodCount(const MI_Class *self, MI_Uint32 *count);
MI_Result MI_Class_GetMethodAt(const MI_Class *self, MI_Uint32 index, const MI_Char **name,
	MI_QualifierSet *qualifierSet, MI_ParameterSet *parameterSet);
MI_Result MI_Class_GetMethod(const MI_Class *self, const MI_Char *name,
	MI_QualifierSet *qualifierSet, MI_ParameterSet *parameterSet, MI_Uint32 *index);
MI_Result MI_Class_Clone(const MI_Class *self, MI_Class **newClass);
MI_Result MI_Class_Delete(MI_Class *self);
/* Extension: the CLASSORIGIN of property `index`, NULL when not known. */
MI_Result MIX_Class_GetElementOrigin(const MI_Class *self, MI_Uint32 index, const MI_Char **origin);

MI_Result MI_QualifierSet_GetQualifierCount(const MI_QualifierSet *self, MI_Uint32 *count);
MI_Result MI_QualifierSet_GetQualifierAt(const MI_QualifierSet *self, MI_Uint32 index,
	const MI_Char **name, MI_Type *qualifierType, MI_Uint32 *qualifierFlags,
	MI_Value *qualifierValue);
MI_Result MI_QualifierSet_GetQualifier(const MI_QualifierSet *self, const MI_Char *name,
	MI_Type *qualifierType, MI_Uint32 *qualifierFlags, MI_Value *qualifierValue,
	MI_Uint32 *index);

MI_Result MI_ParameterSet_GetMethodReturnType(const MI_ParameterSet *self, MI_Type *returnType,
	MI_QualifierSet *qualifierSet);
MI_Result MI_ParameterSet_GetParameterCount(const MI_ParameterSet *self, MI_Uint32 *count);
/* flags (extension out-parameter, may be NULL): MI_FLAG_IN / MI_FLAG_OUT. */
MI_Result MI_ParameterSet_GetParameterAt(const MI_ParameterSet *self, MI_Uint32 index,
	const MI_Char **name, MI_Type *parameterType, MI_Char **referenceClass,
	MI_QualifierSet *qualifierSet);
MI_Result MIX_ParameterSet_GetParameterFlags(const MI_ParameterSet *self, MI_Uint32 index,
	MI_Uint32 *flags);

/* ---- Small helpers (extensions) -------------------------------------------------- */
/* "CIM_ERR_NOT_FOUND" etc.; "CIM_ERR_<n>" style text for unknown codes. */
const MI_Char *MIX_ResultName(MI_Result result);
/* The MI type name in CIM spelling: "uint32", "string[]", "datetime". */
const MI_Char *MIX_TypeName(MI_Type type);
/* Bytes of one element of type (or of its array's elements) in MI_Value. */
size_t MIX_TypeSize(MI_Type type);

#ifdef __cplusplus
}
#endif
#endif
