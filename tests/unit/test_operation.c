/* test_operation.c - the seven operation rules of mi-api.md, one or more
 * tests each, against the scripted test transport.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "test_helpers.h"
#include "test_transport.h"

#include <pthread.h>
#include <stdlib.h>

struct fx {
	MI_Application app;
	MI_Session session;
};

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	test_transport_register();
	test_transport_reset();
	if (MI_Application_Initialize(0, NULL, NULL, &f->app) != MI_RESULT_OK)
		return -1;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	if (f->session.reserved1)
		MI_Session_Close(&f->session, NULL, NULL);
	assert_int_equal(MI_Application_Close(&f->app), MI_RESULT_OK);
	free(f);
	return 0;
}

static void open_session(struct fx *f, const char *dest)
{
	assert_int_equal(MI_Application_NewSession(&f->app, "TEST", dest, NULL, NULL, NULL, &f->session),
		MI_RESULT_OK);
}

static void enumerate(struct fx *f, MI_Operation *op)
{
	MI_Session_EnumerateInstances(&f->session, 0, NULL, "root/test", "TST_Item", MI_FALSE, NULL, op);
}

/* Pulls to the end; returns the number of instances and the final result. */
static long drain(MI_Operation *op, MI_Result *final)
{
	long n = 0;
	MI_Boolean more = MI_TRUE;
	while (more) {
		const MI_Instance *inst = NULL;
		assert_int_equal(MI_Operation_GetInstance(op, &inst, &more, final, NULL, NULL), MI_RESULT_OK);
		if (inst)
			n++;
	}
	return n;
}

/* Rule 1: GetInstance blocks until a result exists; out parameters zeroed. */
static void rule1_blocks_until_result(void **state)
{
	struct fx *f = *state;
	open_session(f, "test:count=1;delay_ms=300");
	MI_Operation op = MI_OPERATION_NULL;
	enumerate(f, &op);
	const MI_Instance *inst = (const MI_Instance *)0x1;
	MI_Boolean more = 7;
	MI_Result res = 99;
	const MI_Char *msg = "junk";
	const MI_Instance *det = (const MI_Instance *)0x1;
	uint64_t t0 = th_now_ms();
	assert_int_equal(MI_Operation_GetInstance(&op, &inst, &more, &res, &msg, &det), MI_RESULT_OK);
	assert_true(th_now_ms() - t0 >= 250);
	assert_non_null(inst);
	assert_int_equal(more, MI_TRUE);
	assert_int_equal(res, MI_RESULT_OK);
	assert_null(msg);
	assert_null(det);
	assert_int_equal(th_uint(inst, "Index"), 0);
	assert_int_equal(MI_Operation_Close(&op), MI_RESULT_OK);
}

/* Rule 2: one result per call, moreResults TRUE until the final call. */
static void rule2_one_result_per_call(void **state)
{
	struct fx *f = *state;
	open_session(f, "test:count=5");
	MI_Operation op = MI_OPERATION_NULL;
	enumerate(f, &op);
	for (int i = 0; i < 5; i++) {
		const MI_Instance *inst = NULL;
		MI_Boolean more = MI_FALSE;
		MI_Result res = 99;
		assert_int_equal(MI_Operation_GetInstance(&op, &inst, &more, &res, NULL, NULL), MI_RESULT_OK);
		assert_non_null(inst);
		assert_int_equal(more, MI_TRUE);
		assert_int_equal(th_uint(inst, "Index"), i);
	}
	const MI_Instance *inst = (const MI_Instance *)0x1;
	MI_Boolean more = MI_TRUE;
	MI_Result res = 99;
	assert_int_equal(MI_Operation_GetInstance(&op, &inst, &more, &res, NULL, NULL), MI_RESULT_OK);
	assert_null(inst);
	assert_int_equal(more, MI_FALSE);
	assert_int_equal(res, MI_RESULT_OK);
	assert_int_equal(MI_Operation_Close(&op), MI_RESULT_OK);
}

/* Rule 2, single-result operations: the instance comes with the final call. */
static void rule2_single_result_on_final_call(void **state)
{
	struct fx *f = *state;
	open_session(f, "test:count=1");
	MI_Instance *key = NULL;
	assert_int_equal(MI_Application_NewInstance(&f->app, "TST_Item", NULL, &key), MI_RESULT_OK);
	MI_Value v = { .uint32 = 0 };
	assert_int_equal(MI_Instance_AddElement(key, "Index", &v, MI_UINT32, MI_FLAG_KEY), MI_RESULT_OK);
	MI_Operation op = MI_OPERATION_NULL;
	MI_Session_GetInstance(&f->session, 0, NULL, "root/test", key, NULL, &op);
	MI_Instance_Delete(key);
	const MI_Instance *inst = NULL;
	MI_Boolean more = MI_TRUE;
	MI_Result res = 99;
	assert_int_equal(MI_Operation_GetInstance(&op, &inst, &more, &res, NULL, NULL), MI_RESULT_OK);
	assert_non_null(inst);
	assert_int_equal(more, MI_FALSE);
	assert_int_equal(res, MI_RESULT_OK);
	assert_string_equal(th_string(inst, "Name"), "item-0");
	assert_int_equal(MI_Operation_Close(&op), MI_RESULT_OK);
}

/* Rule 3: a clone outlives the next Get and Close; the handed-out instance
 * stays readable until the next Get even while the producer runs on. */
static void rule3_lifetime_and_clone(void **state)
{
	struct fx *f = *state;
	open_session(f, "test:count=1000;props=20");
	MI_Operation op = MI_OPERATION_NULL;
	enumerate(f, &op);
	const MI_Instance *first = NULL;
	MI_Boolean more;
	assert_int_equal(MI_Operation_GetInstance(&op, &first, &more, NULL, NULL, NULL), MI_RESULT_OK);
	th_sleep_ms(50); /* the engine keeps producing meanwhile */
	assert_string_equal(th_string(first, "Prop19"), "value 19 of 0");
	MI_Instance *keep = NULL;
	assert_int_equal(MI_Instance_Clone(first, &keep), MI_RESULT_OK);
	const MI_Instance *second = NULL;
	assert_int_equal(MI_Operation_GetInstance(&op, &second, &more, NULL, NULL, NULL), MI_RESULT_OK);
	assert_int_equal(th_uint(second, "Index"), 1);
	assert_int_equal(MI_Operation_Close(&op), MI_RESULT_OK);
	/* Under ASan any use of freed memory here would abort the test. */
	assert_int_equal(th_uint(keep, "Index"), 0);
	assert_string_equal(th_string(keep, "Prop19"), "value 19 of 0");
	const MI_Char *cn = NULL;
	assert_int_equal(MI_Instance_GetClassName(keep, &cn), MI_RESULT_OK);
	assert_string_equal(cn, "TST_Item");
	assert_int_equal(MI_Instance_Delete(keep), MI_RESULT_OK);
}

/* Rule 3 for failures: message and details live as long as the final result. */
static void rule3_error_lifetime(void **state)
{
	struct fx *f = *state;
	open_session(f, "test:count=2;error=6");
	MI_Operation op = MI_OPERATION_NULL;
	enumerate(f, &op);
	MI_Result res;
	assert_int_equal(drain(&op, &res), 2);
	assert_int_equal(res, MI_RESULT_NOT_FOUND);
	const MI_Instance *inst, *det = NULL;
	const MI_Char *msg = NULL;
	MI_Boolean more;
	assert_int_equal(MI_Operation_GetInstance(&op, &inst, &more, &res, &msg, &det), MI_RESULT_OK);
	assert_non_null(det);
	assert_string_equal(msg, "scripted failure");
	const MI_Char *cn;
	MI_Instance_GetClassName(det, &cn);
	assert_string_equal(cn, "CIM_Error");
	assert_int_equal(th_uint(det, "CIMStatusCode"), 6);
	assert_string_equal(th_string(det, "Message"), "scripted failure");
	assert_non_null(th_string(det, "CIMStatusCodeDescription"));
	assert_non_null(th_string(det, "MessageID"));
	assert_string_equal(th_string(det, "OwningEntity"), "cimtui");
	assert_string_equal(th_string(det, "ErrorSource"), "test:count=2;error=6");
	assert_true(th_uint(det, "PerceivedSeverity") >= 0);
	assert_true(th_uint(det, "ProbableCause") >= 0);
	assert_true(th_uint(det, "ErrorType") >= 0);
	/* still valid on a later call */
	const MI_Instance *det2 = NULL;
	assert_int_equal(MI_Operation_GetInstance(&op, &inst, &more, &res, &msg, &det2), MI_RESULT_OK);
	assert_ptr_equal(det, det2);
	assert_int_equal(th_uint(det2, "CIMStatusCode"), 6);
	assert_int_equal(MI_Operation_Close(&op), MI_RESULT_OK);
}

/* A CIM_Error sent by the producer is passed through, completed not replaced. */
static void server_details_passed_through(void **state)
{
	struct fx *f = *state;
	open_session(f, "test:count=0;error=5;details=1");
	MI_Operation op = MI_OPERATION_NULL;
	enumerate(f, &op);
	const MI_Instance *inst, *det = NULL;
	const MI_Char *msg = NULL;
	MI_Boolean more;
	MI_Result res;
	assert_int_equal(MI_Operation_GetInstance(&op, &inst, &more, &res, &msg, &det), MI_RESULT_OK);
	assert_int_equal(res, MI_RESULT_INVALID_CLASS);
	assert_int_equal(more, MI_FALSE);
	assert_string_equal(th_string(det, "OwningEntity"), "test");
	assert_string_equal(th_string(det, "MessageID"), "TEST0042");
	assert_int_equal(th_uint(det, "PerceivedSeverity"), 6);
	assert_int_equal(th_uint(det, "CIMStatusCode"), 5);
	assert_string_equal(msg, "scripted failure");
	assert_int_equal(MI_Operation_Close(&op), MI_RESULT_OK);
}

/* Rule 4: after the final result, the same result and no instance. */
static void rule4_after_final(void **state)
{
	struct fx *f = *state;
	open_session(f, "test:count=1;error=7");
	MI_Operation op = MI_OPERATION_NULL;
	enumerate(f, &op);
	MI_Result res;
	assert_int_equal(drain(&op, &res), 1);
	assert_int_equal(res, MI_RESULT_NOT_SUPPORTED);
	for (int i = 0; i < 3; i++) {
		const MI_Instance *inst = (const MI_Instance *)0x1;
		MI_Boolean more = MI_TRUE;
		res = 0;
		assert_int_equal(MI_Operation_GetInstance(&op, &inst, &more, &res, NULL, NULL), MI_RESULT_OK);
		assert_null(inst);
		assert_int_equal(more, MI_FALSE);
		assert_int_equal(res, MI_RESULT_NOT_SUPPORTED);
	}
	/* single-result op: the instance is not handed out twice */
	MI_Operation op2 = MI_OPERATION_NULL;
	MI_Session_GetClass(&f->session, 0, NULL, "root/test", "TST_Class0", NULL, &op2);
	const MI_Class *cls = NULL;
	MI_Boolean more;
	assert_int_equal(MI_Operation_GetClass(&op2, &cls, &more, &res, NULL, NULL), MI_RESULT_OK);
	assert_int_equal(res, MI_RESULT_NOT_SUPPORTED); /* the script's error applies */
	assert_non_null(cls);
	assert_int_equal(MI_Operation_GetClass(&op2, &cls, &more, &res, NULL, NULL), MI_RESULT_OK);
	assert_null(cls);
	assert_int_equal(more, MI_FALSE);
	assert_int_equal(MI_Operation_Close(&op), MI_RESULT_OK);
	assert_int_equal(MI_Operation_Close(&op2), MI_RESULT_OK);
}

static void MI_CALL count_cb(MI_Operation *operation, void *ctx, const MI_Instance *instance,
	MI_Boolean moreResults, MI_Result resultCode, const MI_Char *errorString,
	const MI_Instance *errorDetails, MI_ResultAcknowledgement ack)
{
	long *c = ctx;
	(void)operation; (void)errorString; (void)errorDetails;
	if (instance)
		__atomic_add_fetch(&c[0], 1, __ATOMIC_SEQ_CST);
	if (!moreResults) {
		c[2] = resultCode;
		__atomic_store_n(&c[1], 1, __ATOMIC_SEQ_CST);
	}
	if (ack)
		ack(operation);
}

/* Rule 5: GetInstance on an asynchronous operation, or on the wrong kind,
 * fails at once with 4 and never blocks. */
static void rule5_callbacks_and_wrong_kind(void **state)
{
	struct fx *f = *state;
	open_session(f, "test:count=3;delay_ms=5000");
	long counts[3] = { 0, 0, -1 };
	MI_OperationCallbacks cb = MI_OPERATIONCALLBACKS_NULL;
	cb.callbackContext = counts;
	cb.instanceResult = count_cb;
	MI_Operation op = MI_OPERATION_NULL;
	MI_Session_EnumerateInstances(&f->session, 0, NULL, "root/test", "TST_Item", MI_FALSE, &cb, &op);
	const MI_Instance *inst;
	MI_Boolean more;
	MI_Result res = 0;
	uint64_t t0 = th_now_ms();
	assert_int_equal(MI_Operation_GetInstance(&op, &inst, &more, &res, NULL, NULL), MI_RESULT_INVALID_PARAMETER);
	assert_int_equal(res, MI_RESULT_INVALID_PARAMETER);
	/* wrong kind: GetClass on an instance operation */
	MI_Operation op2 = MI_OPERATION_NULL;
	enumerate(f, &op2);
	const MI_Class *cls;
	res = 0;
	assert_int_equal(MI_Operation_GetClass(&op2, &cls, &more, &res, NULL, NULL), MI_RESULT_INVALID_PARAMETER);
	assert_int_equal(res, MI_RESULT_INVALID_PARAMETER);
	/* and GetInstance on a class operation */
	MI_Operation op3 = MI_OPERATION_NULL;
	MI_Session_EnumerateClasses(&f->session, 0, NULL, "root/test", NULL, MI_TRUE, NULL, &op3);
	res = 0;
	assert_int_equal(MI_Operation_GetInstance(&op3, &inst, &more, &res, NULL, NULL), MI_RESULT_INVALID_PARAMETER);
	assert_int_equal(res, MI_RESULT_INVALID_PARAMETER);
	assert_true(th_now_ms() - t0 < 1000);
	assert_int_equal(MI_Operation_Close(&op), MI_RESULT_OK);
	assert_int_equal(MI_Operation_Close(&op2), MI_RESULT_OK);
	assert_int_equal(MI_Operation_Close(&op3), MI_RESULT_OK);
}

/* Asynchronous mode delivers every result and then the final one. */
static void async_mode_delivers(void **state)
{
	struct fx *f = *state;
	open_session(f, "test:count=1000;error=6");
	for (int manual = 0; manual < 2; manual++) {
		long counts[3] = { 0, 0, -1 };
		MI_OperationCallbacks cb = MI_OPERATIONCALLBACKS_NULL;
		cb.callbackContext = counts;
		cb.instanceResult = count_cb;
		MI_Operation op = MI_OPERATION_NULL;
		MI_Session_EnumerateInstances(&f->session, manual ? MI_OPERATIONFLAGS_MANUAL_ACK_RESULTS : 0,
			NULL, "root/test", "TST_Item", MI_FALSE, &cb, &op);
		uint64_t t0 = th_now_ms();
		while (!__atomic_load_n(&counts[1], __ATOMIC_SEQ_CST) && th_now_ms() - t0 < 10000)
			th_sleep_ms(5);
		assert_int_equal(counts[1], 1);
		assert_int_equal(counts[0], 1000);
		assert_int_equal(counts[2], MI_RESULT_NOT_FOUND);
		assert_int_equal(MI_Operation_Close(&op), MI_RESULT_OK);
	}
}

struct canceller {
	MI_Operation *op;
	unsigned delay_ms;
	MI_CancellationReason reason;
};

static void *cancel_later(void *arg)
{
	struct canceller *c = arg;
	th_sleep_ms(c->delay_ms);
	MI_Operation_Cancel(c->op, c->reason);
	MI_Operation_Cancel(c->op, c->reason); /* idempotent */
	return NULL;
}

static void check_cancelled(MI_Operation *op, const char *msg_expected, const char *id)
{
	const MI_Instance *inst, *det = NULL;
	MI_Boolean more;
	MI_Result res;
	const MI_Char *msg = NULL;
	assert_int_equal(MI_Operation_GetInstance(op, &inst, &more, &res, &msg, &det), MI_RESULT_OK);
	assert_null(inst);
	assert_int_equal(more, MI_FALSE);
	assert_int_equal(res, MI_RESULT_FAILED);
	assert_string_equal(msg, msg_expected);
	assert_non_null(det);
	assert_string_equal(th_string(det, "MessageID"), id);
	assert_int_equal(th_uint(det, "CIMStatusCode"), 1);
}

/* Rule 6: Cancel from another thread while GetInstance blocks. */
static void rule6_cancel_unblocks(void **state)
{
	struct fx *f = *state;
	open_session(f, "test:count=10;stall_after=3");
	MI_Operation op = MI_OPERATION_NULL;
	enumerate(f, &op);
	for (int i = 0; i < 3; i++) {
		const MI_Instance *inst;
		MI_Boolean more;
		assert_int_equal(MI_Operation_GetInstance(&op, &inst, &more, NULL, NULL, NULL), MI_RESULT_OK);
		assert_non_null(inst);
	}
	struct canceller c = { &op, 200, MI_REASON_NONE };
	pthread_t t;
	pthread_create(&t, NULL, cancel_later, &c);
	uint64_t t0 = th_now_ms();
	check_cancelled(&op, "operation cancelled", "CIMTUI0001"); /* blocked until the cancel */
	uint64_t waited = th_now_ms() - t0;
	assert_true(waited >= 150 && waited < 1000);
	pthread_join(t, NULL);
	assert_int_equal(MI_Operation_Cancel(&op, MI_REASON_NONE), MI_RESULT_OK);
	check_cancelled(&op, "operation cancelled", "CIMTUI0001"); /* rule 4 after cancel */
	assert_int_equal(MI_Operation_Close(&op), MI_RESULT_OK);
	/* the producer was stopped */
	t0 = th_now_ms();
	while (test_transport_live() && th_now_ms() - t0 < 2000)
		th_sleep_ms(5);
	assert_int_equal(test_transport_live(), 0);
}

/* Rule 6: results already queued come before the cancelled final result. */
static void rule6_queued_results_first(void **state)
{
	struct fx *f = *state;
	open_session(f, "test:count=50;stall_after=10");
	MI_Operation op = MI_OPERATION_NULL;
	enumerate(f, &op);
	uint64_t t0 = th_now_ms();
	while (test_transport_produced() < 10 && th_now_ms() - t0 < 2000)
		th_sleep_ms(2);
	assert_int_equal(MI_Operation_Cancel(&op, MI_REASON_NONE), MI_RESULT_OK);
	MI_Result res;
	assert_int_equal(drain(&op, &res), 10);
	assert_int_equal(res, MI_RESULT_FAILED);
	assert_int_equal(MI_Operation_Close(&op), MI_RESULT_OK);
}

/* Rule 6 with MI_REASON_TIMEOUT, and an operation timeout option. */
static void rule6_timeout(void **state)
{
	struct fx *f = *state;
	open_session(f, "test:count=10;stall_after=0");
	MI_Operation op = MI_OPERATION_NULL;
	enumerate(f, &op);
	struct canceller c = { &op, 50, MI_REASON_TIMEOUT };
	pthread_t t;
	pthread_create(&t, NULL, cancel_later, &c);
	check_cancelled(&op, "operation timed out", "CIMTUI0002");
	pthread_join(t, NULL);
	assert_int_equal(MI_Operation_Close(&op), MI_RESULT_OK);

	MI_OperationOptions oo = MI_OPERATIONOPTIONS_NULL;
	assert_int_equal(MI_Application_NewOperationOptions(&f->app, MI_FALSE, &oo), MI_RESULT_OK);
	MI_Interval iv = { 0 };
	iv.microseconds = 300000;
	assert_int_equal(MI_OperationOptions_SetTimeout(&oo, &iv), MI_RESULT_OK);
	uint64_t t0 = th_now_ms();
	MI_Session_EnumerateInstances(&f->session, 0, &oo, "root/test", "TST_Item", MI_FALSE, NULL, &op);
	check_cancelled(&op, "operation timed out", "CIMTUI0002");
	uint64_t took = th_now_ms() - t0;
	assert_true(took >= 250 && took < 2000);
	assert_int_equal(MI_Operation_Close(&op), MI_RESULT_OK);
	assert_int_equal(MI_OperationOptions_Delete(&oo), MI_RESULT_OK);
}

/* Rule 7: Close before the final result returns at once; twice gives 4. */
static void rule7_close_before_final(void **state)
{
	struct fx *f = *state;
	open_session(f, "test:count=1000000;stall_after=5");
	MI_Operation op = MI_OPERATION_NULL;
	enumerate(f, &op);
	const MI_Instance *inst;
	MI_Boolean more;
	assert_int_equal(MI_Operation_GetInstance(&op, &inst, &more, NULL, NULL, NULL), MI_RESULT_OK);
	MI_Operation copy = op;
	uint64_t t0 = th_now_ms();
	assert_int_equal(MI_Operation_Close(&op), MI_RESULT_OK);
	assert_true(th_now_ms() - t0 < 500);
	assert_int_equal(MI_Operation_Close(&op), MI_RESULT_INVALID_PARAMETER);
	assert_int_equal(MI_Operation_Close(&copy), MI_RESULT_INVALID_PARAMETER);
	MI_Result res = 0;
	assert_int_equal(MI_Operation_GetInstance(&copy, &inst, &more, &res, NULL, NULL), MI_RESULT_INVALID_PARAMETER);
	assert_int_equal(res, MI_RESULT_INVALID_PARAMETER);
	assert_int_equal(MI_Operation_Cancel(&copy, MI_REASON_NONE), MI_RESULT_INVALID_PARAMETER);
	t0 = th_now_ms();
	while (test_transport_live() && th_now_ms() - t0 < 2000)
		th_sleep_ms(5);
	assert_int_equal(test_transport_live(), 0);
	assert_int_equal(test_transport_stops(), 1);
}

/* NULL and wrong handles and arguments: 4, never a crash. */
static void invalid_handles_and_arguments(void **state)
{
	struct fx *f = *state;
	MI_Application zapp = MI_APPLICATION_NULL;
	MI_Session zs = MI_SESSION_NULL;
	MI_Operation zop = MI_OPERATION_NULL;
	const MI_Instance *inst;
	MI_Boolean more;
	MI_Result res;
	assert_int_equal(MI_Application_Close(NULL), MI_RESULT_INVALID_PARAMETER);
	assert_int_equal(MI_Application_Close(&zapp), MI_RESULT_INVALID_PARAMETER);
	assert_int_equal(MI_Application_Initialize(0, NULL, NULL, NULL), MI_RESULT_INVALID_PARAMETER);
	assert_int_equal(MI_Application_NewSession(&zapp, NULL, "local:", NULL, NULL, NULL, &zs), MI_RESULT_INVALID_PARAMETER);
	assert_int_equal(MI_Application_NewSession(&f->app, NULL, "local:", NULL, NULL, NULL, NULL), MI_RESULT_INVALID_PARAMETER);
	assert_int_equal(MI_Session_Close(&zs, NULL, NULL), MI_RESULT_INVALID_PARAMETER);
	assert_int_equal(MI_Session_Close(NULL, NULL, NULL), MI_RESULT_INVALID_PARAMETER);
	assert_int_equal(MI_Operation_GetInstance(NULL, &inst, &more, &res, NULL, NULL), MI_RESULT_INVALID_PARAMETER);
	assert_int_equal(MI_Operation_GetInstance(&zop, &inst, &more, &res, NULL, NULL), MI_RESULT_INVALID_PARAMETER);
	assert_int_equal(res, MI_RESULT_INVALID_PARAMETER);
	assert_int_equal(MI_Operation_Cancel(&zop, MI_REASON_NONE), MI_RESULT_INVALID_PARAMETER);
	assert_int_equal(MI_Operation_Close(&zop), MI_RESULT_INVALID_PARAMETER);
	assert_int_equal(MI_Operation_Close(NULL), MI_RESULT_INVALID_PARAMETER);
	MI_Operation forged = { 0x7fffffff, 0, NULL };
	assert_int_equal(MI_Operation_Close(&forged), MI_RESULT_INVALID_PARAMETER);
	MI_Session_EnumerateInstances(NULL, 0, NULL, "root/test", "X", MI_FALSE, NULL, NULL);

	/* an operation on an invalid session still reports through Get */
	MI_Operation op = MI_OPERATION_NULL;
	MI_Session_EnumerateInstances(&zs, 0, NULL, "root/test", "X", MI_FALSE, NULL, &op);
	const MI_Instance *det = NULL;
	assert_int_equal(MI_Operation_GetInstance(&op, &inst, &more, &res, NULL, &det), MI_RESULT_OK);
	assert_int_equal(res, MI_RESULT_INVALID_PARAMETER);
	assert_int_equal(more, MI_FALSE);
	assert_non_null(det);
	assert_int_equal(MI_Operation_Close(&op), MI_RESULT_OK);

	/* a starter with a missing argument */
	open_session(f, "test:count=1");
	MI_Session_EnumerateInstances(&f->session, 0, NULL, "root/test", NULL, MI_FALSE, NULL, &op);
	assert_int_equal(MI_Operation_GetInstance(&op, &inst, &more, &res, NULL, NULL), MI_RESULT_OK);
	assert_int_equal(res, MI_RESULT_INVALID_PARAMETER);
	assert_int_equal(MI_Operation_GetInstance(&op, NULL, &more, &res, NULL, NULL), MI_RESULT_INVALID_PARAMETER);
	assert_int_equal(MI_Operation_Close(&op), MI_RESULT_OK);
	MI_Session_GetInstance(&f->session, 0, NULL, "root/test", NULL, NULL, &op);
	assert_int_equal(MI_Operation_GetInstance(&op, &inst, &more, &res, NULL, NULL), MI_RESULT_OK);
	assert_int_equal(res, MI_RESULT_INVALID_PARAMETER);
	assert_int_equal(MI_Operation_Close(&op), MI_RESULT_OK);

	/* instance accessors */
	MI_Uint32 n;
	MI_Value v;
	assert_int_equal(MI_Instance_GetElementCount(NULL, &n), MI_RESULT_INVALID_PARAMETER);
	assert_int_equal(MI_Instance_GetElement(NULL, "x", &v, NULL, NULL, NULL), MI_RESULT_INVALID_PARAMETER);
	assert_int_equal(MI_Instance_Delete(NULL), MI_RESULT_INVALID_PARAMETER);
	MI_Instance *i2 = NULL;
	assert_int_equal(MI_Instance_Clone(NULL, &i2), MI_RESULT_INVALID_PARAMETER);
	assert_int_equal(MI_Application_NewInstance(&f->app, "X", NULL, &i2), MI_RESULT_OK);
	assert_int_equal(MI_Instance_GetElement(i2, "Missing", &v, NULL, NULL, NULL), MI_RESULT_NO_SUCH_PROPERTY);
	assert_int_equal(MI_Instance_GetElementAt(i2, 3, NULL, &v, NULL, NULL), MI_RESULT_NOT_FOUND);
	MI_Instance_Delete(i2);
	assert_int_equal(MI_Application_NewInstance(&zapp, "X", NULL, &i2), MI_RESULT_INVALID_PARAMETER);
}

/* Back-pressure: a slow consumer keeps the producer within the queue bound. */
static void backpressure_bounds_producer(void **state)
{
	struct fx *f = *state;
	open_session(f, "test:count=100000");
	MI_Operation op = MI_OPERATION_NULL;
	enumerate(f, &op);
	const MI_Instance *inst;
	MI_Boolean more;
	assert_int_equal(MI_Operation_GetInstance(&op, &inst, &more, NULL, NULL, NULL), MI_RESULT_OK);
	th_sleep_ms(200);
	long p = test_transport_produced();
	assert_true(p >= 200 && p <= 256 + 2);
	MI_Result res;
	assert_int_equal(drain(&op, &res) + 1, 100000);
	assert_int_equal(res, MI_RESULT_OK);
	assert_int_equal(MI_Operation_Close(&op), MI_RESULT_OK);
}

/* Closing the session or the application cancels what still runs. */
static void close_session_and_app_with_running_ops(void **state)
{
	struct fx *f = *state;
	open_session(f, "test:count=100;stall_after=2");
	MI_Operation a = MI_OPERATION_NULL, b = MI_OPERATION_NULL;
	enumerate(f, &a);
	enumerate(f, &b);
	uint64_t t0 = th_now_ms();
	while (test_transport_produced() < 4 && th_now_ms() - t0 < 2000)
		th_sleep_ms(2);
	t0 = th_now_ms();
	assert_int_equal(MI_Session_Close(&f->session, NULL, NULL), MI_RESULT_OK);
	assert_true(th_now_ms() - t0 < 1000);
	MI_Result res;
	assert_int_equal(drain(&a, &res), 2);
	assert_int_equal(res, MI_RESULT_FAILED);
	assert_int_equal(MI_Operation_Close(&a), MI_RESULT_OK);
	/* b is never closed by us: MI_Application_Close (teardown) releases it */
	(void)b;
	/* a new operation on the closed session fails cleanly */
	MI_Operation c = MI_OPERATION_NULL;
	enumerate(f, &c);
	const MI_Instance *inst;
	MI_Boolean more;
	assert_int_equal(MI_Operation_GetInstance(&c, &inst, &more, &res, NULL, NULL), MI_RESULT_OK);
	assert_int_equal(res, MI_RESULT_INVALID_PARAMETER);
	assert_int_equal(MI_Operation_Close(&c), MI_RESULT_OK);
}

static void app_close_with_blocked_reader(void **state)
{
	(void)state;
	MI_Application app = MI_APPLICATION_NULL;
	MI_Session s = MI_SESSION_NULL;
	assert_int_equal(MI_Application_Initialize(0, NULL, NULL, &app), MI_RESULT_OK);
	assert_int_equal(MI_Application_NewSession(&app, "TEST", "test:count=5;stall_after=1", NULL, NULL, NULL, &s), MI_RESULT_OK);
	MI_Operation op = MI_OPERATION_NULL;
	MI_Session_EnumerateInstances(&s, 0, NULL, "root/test", "TST_Item", MI_FALSE, NULL, &op);
	uint64_t t0 = th_now_ms();
	assert_int_equal(MI_Application_Close(&app), MI_RESULT_OK);
	assert_true(th_now_ms() - t0 < 2000);
	/* every handle of the closed application is now invalid */
	const MI_Instance *inst;
	MI_Boolean more;
	MI_Result res;
	assert_int_equal(MI_Operation_GetInstance(&op, &inst, &more, &res, NULL, NULL), MI_RESULT_INVALID_PARAMETER);
	assert_int_equal(MI_Session_Close(&s, NULL, NULL), MI_RESULT_INVALID_PARAMETER);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(rule1_blocks_until_result, setup, teardown),
		cmocka_unit_test_setup_teardown(rule2_one_result_per_call, setup, teardown),
		cmocka_unit_test_setup_teardown(rule2_single_result_on_final_call, setup, teardown),
		cmocka_unit_test_setup_teardown(rule3_lifetime_and_clone, setup, teardown),
		cmocka_unit_test_setup_teardown(rule3_error_lifetime, setup, teardown),
		cmocka_unit_test_setup_teardown(server_details_passed_through, setup, teardown),
		cmocka_unit_test_setup_teardown(rule4_after_final, setup, teardown),
		cmocka_unit_test_setup_teardown(rule5_callbacks_and_wrong_kind, setup, teardown),
		cmocka_unit_test_setup_teardown(async_mode_delivers, setup, teardown),
		cmocka_unit_test_setup_teardown(rule6_cancel_unblocks, setup, teardown),
		cmocka_unit_test_setup_teardown(rule6_queued_results_first, setup, teardown),
		cmocka_unit_test_setup_teardown(rule6_timeout, setup, teardown),
		cmocka_unit_test_setup_teardown(rule7_close_before_final, setup, teardown),
		cmocka_unit_test_setup_teardown(invalid_handles_and_arguments, setup, teardown),
		cmocka_unit_test_setup_teardown(backpressure_bounds_producer, setup, teardown),
		cmocka_unit_test_setup_teardown(close_session_and_app_with_running_ops, setup, teardown),
		cmocka_unit_test(app_close_with_blocked_reader),
	};
	return cmocka_run_group_tests_name("operation", tests, NULL, NULL);
}
