/* test_cimxml_proto.c - the CIM-XML protocol through the MI API against
 * the test CIM server: every operation kind with real fixture values,
 * pull paging, the remembered fallback, server quirks and server errors.
 * (Transport, security, hostile replies, streaming and cancel are in
 * test_cimxml_proto_net.c.)
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "test_cimxml_util.h"

#include <math.h>

static struct srv plain; /* default server shared by the read-only tests */

static int setup_plain(void **state)
{
	(void)state;
	return srv_start(&plain, "--bulk", "2500");
}

static int teardown_plain(void **state)
{
	(void)state;
	srv_stop(&plain);
	return 0;
}

static MI_Value elem(const MI_Instance *i, const char *name, MI_Type want)
{
	MI_Value v;
	MI_Type t;
	MI_Uint32 f;
	memset(&v, 0, sizeof(v));
	assert_int_equal(MI_Instance_GetElement(i, name, &v, &t, &f, NULL), MI_RESULT_OK);
	assert_int_equal(t, want);
	assert_false(f & MI_FLAG_NULL);
	return v;
}

/* ---- instances ------------------------------------------------------------------------ */

static void test_enumerate_widgets(void **state)
{
	(void)state;
	struct tc t;
	tc_open(&t, plain.url);
	struct drain d;
	enum_inst(&t, "root/test", "TEST_Widget", MI_FALSE, NULL, &d);
	assert_int_equal(d.result, MI_RESULT_OK);
	assert_int_equal(d.count, 20);
	const MI_Instance *w = d.first;
	assert_string_equal(th_string(w, "InstanceID"), "W00000");
	assert_int_equal(elem(w, "Index", MI_UINT32).uint32, 0);
	assert_true(elem(w, "Offset", MI_SINT64).sint64 == -5000000);
	assert_string_equal(th_string(w, "Label"), "Widget number 0 <&> \"q\"");
	assert_false(elem(w, "Enabled", MI_BOOLEAN).boolean);
	assert_true(fabs(elem(w, "Weight", MI_REAL64).real64 - 95.978) < 1e-9);
	MI_Value c = elem(w, "Created", MI_DATETIME);
	assert_true(c.datetime.isTimestamp);
	assert_int_equal(c.datetime.u.timestamp.year, 2026);
	MI_Value codes = elem(w, "Codes", MI_UINT16A);
	assert_int_equal(codes.uint16a.size, 3);
	MI_Value tags = elem(w, "Tags", MI_STRINGA);
	assert_string_equal(tags.stringa.data[0], "alpha");
	const MI_Char *ns = NULL;
	MI_Instance_GetNameSpace(w, &ns);
	assert_non_null(ns);
	assert_string_equal(ns, "root/test");
	/* The key is flagged so the instance can be used as a path. */
	MI_Uint32 f = 0;
	MI_Instance_GetElement(w, "InstanceID", NULL, NULL, &f, NULL);
	assert_true(f & MI_FLAG_KEY);
	drain_free(&d);

	enum_inst(&t, "root/test", "TEST_Widget", MI_TRUE, NULL, &d);
	assert_int_equal(d.result, MI_RESULT_OK);
	assert_int_equal(d.count, 20);
	MI_Uint32 n = 0;
	MI_Instance_GetElementCount(d.last, &n);
	assert_int_equal(n, 1);
	drain_free(&d);
	tc_close(&t);
}

static void test_get_instance_and_keys(void **state)
{
	(void)state;
	struct tc t;
	tc_open(&t, plain.url);
	MI_Instance *k = key_instance(&t, "TEST_Widget", "InstanceID", "W00003");
	MI_Operation op = MI_OPERATION_NULL;
	MI_Session_GetInstance(&t.sess, 0, NULL, "root/test", k, NULL, &op);
	struct drain d;
	drain_op(&op, &d, 0);
	assert_int_equal(d.result, MI_RESULT_OK);
	assert_int_equal(d.count, 1);
	assert_string_equal(th_string(d.first, "Label"), "Widget number 3 <&> \"q\"");
	assert_true(elem(d.first, "Enabled", MI_BOOLEAN).boolean);
	assert_int_equal(th_uint(d.first, "Health"), 3);
	drain_free(&d);
	MI_Instance_Delete(k);

	/* Typed keys: string with quotes/backslash/umlaut, uint32, uint16,
	 * boolean, datetime -- round-tripped from EnumerateInstanceNames. */
	enum_inst(&t, "root/test", "TST_MultiKey", MI_TRUE, NULL, &d);
	assert_int_equal(d.result, MI_RESULT_OK);
	assert_int_equal(d.count, 3);
	MI_Session_GetInstance(&t.sess, 0, NULL, "root/test", d.last, NULL, &op);
	struct drain g;
	drain_op(&op, &g, 0);
	assert_int_equal(g.result, MI_RESULT_OK);
	assert_int_equal(g.count, 1);
	assert_string_equal(th_string(g.first, "Note"), "multi-key 2");
	assert_string_equal(th_string(g.first, "Name"), "mk \"2\" \\ \xc3\xbc");
	drain_free(&g);
	drain_free(&d);

	/* Not found: the server's code, an engine-built CIM_Error. */
	k = key_instance(&t, "TEST_Widget", "InstanceID", "nope");
	MI_Session_GetInstance(&t.sess, 0, NULL, "root/test", k, NULL, &op);
	drain_op(&op, &d, 0);
	assert_int_equal(d.result, MI_RESULT_NOT_FOUND);
	assert_non_null(d.details);
	assert_int_equal(th_uint(d.details, "CIMStatusCode"), 6);
	drain_free(&d);
	MI_Instance_Delete(k);
	tc_close(&t);
}

static void test_associators_references(void **state)
{
	(void)state;
	struct tc t;
	tc_open(&t, plain.url);
	MI_Instance *w = key_instance(&t, "TEST_Widget", "InstanceID", "W00004");
	MI_Operation op = MI_OPERATION_NULL;
	struct drain d;
	MI_Session_AssociatorInstances(&t.sess, 0, NULL, "root/test", w, NULL, NULL, NULL, NULL, MI_FALSE, NULL, &op);
	drain_op(&op, &d, 0);
	assert_int_equal(d.result, MI_RESULT_OK);
	assert_int_equal(d.count, 1);
	const MI_Char *cn = NULL;
	MI_Instance_GetClassName(d.first, &cn);
	assert_string_equal(cn, "TEST_WidgetGroup");
	assert_string_equal(th_string(d.first, "InstanceID"), "G00");
	drain_free(&d);

	MI_Session_ReferenceInstances(&t.sess, 0, NULL, "root/test", w, NULL, NULL, MI_FALSE, NULL, &op);
	drain_op(&op, &d, 0);
	assert_int_equal(d.result, MI_RESULT_OK);
	assert_int_equal(d.count, 1);
	MI_Value v;
	MI_Type ty;
	assert_int_equal(MI_Instance_GetElement(d.first, "Member", &v, &ty, NULL, NULL), MI_RESULT_OK);
	assert_int_equal(ty, MI_REFERENCE);
	assert_string_equal(th_string(v.reference, "InstanceID"), "W00004");
	drain_free(&d);
	MI_Session_ReferenceInstances(&t.sess, 0, NULL, "root/test", w, NULL, NULL, MI_TRUE, NULL, &op);
	drain_op(&op, &d, 0);
	assert_int_equal(d.result, MI_RESULT_OK);
	assert_int_equal(d.count, 1);
	drain_free(&d);
	MI_Instance_Delete(w);

	/* Filters: disks backed up (AssocClass, Role, ResultRole, ResultClass). */
	MI_Instance *sda = key_instance(&t, "TST_Disk", "CreationClassName", "TST_Disk");
	MI_Value dev = { .string = (MI_Char *)"sda" };
	MI_Instance_AddElement(sda, "DeviceID", &dev, MI_STRING, MI_FLAG_KEY);
	MI_Session_AssociatorInstances(&t.sess, 0, NULL, "root/test", sda, "TST_DiskBackup", NULL, "Antecedent",
		"Dependent", MI_FALSE, NULL, &op);
	drain_op(&op, &d, 0);
	assert_int_equal(d.result, MI_RESULT_OK);
	assert_int_equal(d.count, 1);
	assert_string_equal(th_string(d.first, "DeviceID"), "sdb");
	drain_free(&d);
	MI_Session_AssociatorInstances(&t.sess, 0, NULL, "root/test", sda, "TST_DiskBackup", NULL, "Dependent",
		NULL, MI_TRUE, NULL, &op);
	drain_op(&op, &d, 0);
	assert_int_equal(d.result, MI_RESULT_OK);
	assert_int_equal(d.count, 0);
	drain_free(&d);
	MI_Session_AssociatorInstances(&t.sess, 0, NULL, "root/test", sda, NULL, "TST_ComputerSystem", NULL, NULL,
		MI_TRUE, NULL, &op);
	drain_op(&op, &d, 0);
	assert_int_equal(d.result, MI_RESULT_OK);
	assert_int_equal(d.count, 1);
	assert_string_equal(th_string(d.first, "Name"), "host1");
	drain_free(&d);
	MI_Instance_Delete(sda);
	tc_close(&t);
}

static void test_query(void **state)
{
	(void)state;
	struct tc t;
	tc_open(&t, plain.url);
	MI_Operation op = MI_OPERATION_NULL;
	struct drain d;
	MI_Session_QueryInstances(&t.sess, 0, NULL, "root/test", "WQL",
		"SELECT InstanceID, Index FROM TEST_Widget WHERE Index < 5 AND Label IS NOT NULL", NULL, &op);
	drain_op(&op, &d, 0);
	assert_int_equal(d.result, MI_RESULT_OK);
	assert_int_equal(d.count, 5);
	assert_true(th_uint(d.last, "Index") < 5);
	drain_free(&d);
	MI_Session_QueryInstances(&t.sess, 0, NULL, "root/test", "XQL", "SELECT * FROM TEST_Widget", NULL, &op);
	drain_op(&op, &d, 0);
	assert_int_equal(d.result, MI_RESULT_QUERY_LANGUAGE_NOT_SUPPORTED);
	drain_free(&d);
	tc_close(&t);
}

static void test_invoke(void **state)
{
	(void)state;
	struct tc t;
	tc_open(&t, plain.url);
	MI_Instance *in = NULL;
	MI_Application_NewInstance(&t.app, "__parameters", NULL, &in);
	MI_Value a = { .sint32 = -7 }, b = { .sint32 = 12 };
	MI_Instance_AddElement(in, "A", &a, MI_SINT32, 0);
	MI_Instance_AddElement(in, "B", &b, MI_SINT32, 0);
	MI_Operation op = MI_OPERATION_NULL;
	struct drain d;
	MI_Session_Invoke(&t.sess, 0, NULL, "root/test", "TST_Calculator", "Add", NULL, in, NULL, &op);
	drain_op(&op, &d, 0);
	assert_int_equal(d.result, MI_RESULT_OK);
	assert_int_equal(d.count, 1);
	assert_int_equal(th_uint(d.first, "ReturnValue"), 0);
	assert_true(elem(d.first, "Sum", MI_SINT64).sint64 == 5);
	drain_free(&d);
	MI_Instance_Delete(in);

	MI_Application_NewInstance(&t.app, "__parameters", NULL, &in);
	MI_Value txt = { .string = (MI_Char *)"h\xc3\xa9llo <&>" };
	MI_Instance_AddElement(in, "Text", &txt, MI_STRING, 0);
	MI_Session_Invoke(&t.sess, 0, NULL, "root/test", "TST_Calculator", "Echo", NULL, in, NULL, &op);
	drain_op(&op, &d, 0);
	assert_int_equal(d.result, MI_RESULT_OK);
	assert_string_equal(th_string(d.first, "ReturnValue"), "h\xc3\xa9llo <&>");
	assert_string_equal(th_string(d.first, "Reversed"), ">&< oll\xc3\xa9h");
	assert_int_equal(th_uint(d.first, "Length"), 9);
	drain_free(&d);
	MI_Instance_Delete(in);

	/* On an instance: embedded instance and array OUT parameters. */
	MI_Instance *calc = key_instance(&t, "TST_Calculator", "Name", "calc");
	MI_Session_Invoke(&t.sess, 0, NULL, "root/test", NULL, "Describe", calc, NULL, NULL, &op);
	drain_op(&op, &d, 0);
	assert_int_equal(d.result, MI_RESULT_OK);
	MI_Value info = elem(d.first, "Info", MI_INSTANCE);
	assert_int_equal(th_uint(info.instance, "Value"), 42);
	MI_Value modes = elem(d.first, "Modes", MI_STRINGA);
	assert_int_equal(modes.stringa.size, 3);
	drain_free(&d);

	/* RequestStateChange with a uint16 and a NULL datetime parameter. */
	MI_Application_NewInstance(&t.app, "__parameters", NULL, &in);
	MI_Value st = { .uint16 = 7 };
	MI_Instance_AddElement(in, "RequestedState", &st, MI_UINT16, 0);
	MI_Instance_AddElement(in, "TimeoutPeriod", NULL, MI_DATETIME, MI_FLAG_NULL);
	MI_Instance *host = key_instance(&t, "TST_ComputerSystem", "CreationClassName", "TST_ComputerSystem");
	MI_Value hn = { .string = (MI_Char *)"host1" };
	MI_Instance_AddElement(host, "Name", &hn, MI_STRING, MI_FLAG_KEY);
	MI_Session_Invoke(&t.sess, 0, NULL, "root/test", NULL, "RequestStateChange", host, in, NULL, &op);
	drain_op(&op, &d, 0);
	assert_int_equal(d.result, MI_RESULT_OK);
	assert_int_equal(th_uint(d.first, "ReturnValue"), 5);
	drain_free(&d);
	MI_Instance_Delete(in);
	MI_Instance_Delete(host);

	MI_Session_Invoke(&t.sess, 0, NULL, "root/test", NULL, "NoSuchMethod", calc, NULL, NULL, &op);
	drain_op(&op, &d, 0);
	assert_int_equal(d.result, MI_RESULT_METHOD_NOT_FOUND);
	drain_free(&d);
	MI_Instance_Delete(calc);
	tc_close(&t);
}

static void test_modify_ops_not_supported(void **state)
{
	(void)state;
	struct tc t;
	tc_open(&t, plain.url);
	MI_Instance *w = key_instance(&t, "TEST_Widget", "InstanceID", "W00001");
	MI_Value lbl = { .string = (MI_Char *)"new" };
	MI_Instance_AddElement(w, "Label", &lbl, MI_STRING, 0);
	void (*fns[3])(MI_Session *, MI_Uint32, MI_OperationOptions *, const MI_Char *, const MI_Instance *,
		MI_OperationCallbacks *, MI_Operation *) = {
		MI_Session_CreateInstance, MI_Session_ModifyInstance, MI_Session_DeleteInstance };
	for (int i = 0; i < 3; i++) {
		MI_Operation op = MI_OPERATION_NULL;
		struct drain d;
		fns[i](&t.sess, 0, NULL, "root/test", w, NULL, &op);
		drain_op(&op, &d, 0);
		/* The test server implements none of them: its answer comes back. */
		assert_int_equal(d.result, MI_RESULT_NOT_SUPPORTED);
		assert_non_null(d.details);
		drain_free(&d);
	}
	MI_Instance_Delete(w);
	assert_int_equal(log_count(&plain, "CreateInstance"), 1);
	assert_int_equal(log_count(&plain, "ModifyInstance"), 1);
	assert_int_equal(log_count(&plain, "DeleteInstance"), 1);
	tc_close(&t);
}

/* ---- classes ------------------------------------------------------------------------------ */

static void get_class(struct tc *t, const char *ns, const char *name, MI_Class **out, MI_Result *res)
{
	MI_Operation op = MI_OPERATION_NULL;
	MI_Session_GetClass(&t->sess, 0, NULL, ns, name, NULL, &op);
	const MI_Class *c = NULL;
	MI_Boolean more = MI_TRUE;
	*out = NULL;
	while (more) {
		assert_int_equal(MI_Operation_GetClass(&op, &c, &more, res, NULL, NULL), MI_RESULT_OK);
		if (c && !*out)
			MI_Class_Clone(c, out);
	}
	MI_Operation_Close(&op);
}

static void test_get_class(void **state)
{
	(void)state;
	struct tc t;
	tc_open(&t, plain.url);
	MI_Class *c = NULL;
	MI_Result res;
	get_class(&t, "root/test", "TEST_Widget", &c, &res);
	assert_int_equal(res, MI_RESULT_OK);
	assert_non_null(c);
	const MI_Char *parent = NULL;
	assert_int_equal(MI_Class_GetParentClassName(c, &parent), MI_RESULT_OK);
	assert_string_equal(parent, "CIM_ManagedElement");
	MI_QualifierSet qs;
	MI_Class_GetClassQualifierSet(c, &qs);
	MI_Value qv;
	MI_Type qt;
	assert_int_equal(MI_QualifierSet_GetQualifier(&qs, "Description", &qt, NULL, &qv, NULL), MI_RESULT_OK);
	assert_string_equal(qv.string, "Test widget with a mix of property types");
	MI_Type pt;
	MI_Uint32 pf = 0;
	assert_int_equal(MI_Class_GetElement(c, "InstanceID", NULL, NULL, &pt, NULL, NULL, &pf, NULL), MI_RESULT_OK);
	assert_int_equal(pt, MI_STRING);
	assert_true(pf & MI_FLAG_KEY);
	assert_int_equal(MI_Class_GetElement(c, "Codes", NULL, NULL, &pt, NULL, NULL, NULL, NULL), MI_RESULT_OK);
	assert_int_equal(pt, MI_UINT16A);
	MI_QualifierSet hq;
	assert_int_equal(MI_Class_GetElement(c, "Health", NULL, NULL, NULL, NULL, &hq, NULL, NULL), MI_RESULT_OK);
	assert_int_equal(MI_QualifierSet_GetQualifier(&hq, "ValueMap", &qt, NULL, &qv, NULL), MI_RESULT_OK);
	assert_int_equal(qt, MI_STRINGA);
	assert_int_equal(qv.stringa.size, 4);
	/* LocalOnly FALSE by default: inherited properties are there. */
	assert_int_equal(MI_Class_GetElement(c, "ElementName", NULL, NULL, &pt, NULL, NULL, NULL, NULL), MI_RESULT_OK);
	MI_Class_Delete(c);

	get_class(&t, "root/test", "TST_Calculator", &c, &res);
	assert_int_equal(res, MI_RESULT_OK);
	MI_Uint32 nm = 0;
	MI_Class_GetMethodCount(c, &nm);
	assert_int_equal(nm, 3);
	MI_ParameterSet ps;
	MI_Uint32 idx;
	assert_int_equal(MI_Class_GetMethod(c, "Add", NULL, &ps, &idx), MI_RESULT_OK);
	MI_Uint32 np = 0;
	MI_ParameterSet_GetParameterCount(&ps, &np);
	assert_int_equal(np, 3);
	MI_Type rt;
	MI_ParameterSet_GetMethodReturnType(&ps, &rt, NULL);
	assert_int_equal(rt, MI_UINT32);
	MI_Class_Delete(c);

	get_class(&t, "root/test", "NoSuch_Class", &c, &res);
	assert_int_equal(res, MI_RESULT_NOT_FOUND);
	assert_null(c);
	tc_close(&t);
}

static long enum_classes(struct tc *t, const char *ns, const char *cls, MI_Boolean names, MI_Boolean deep,
	const char *want, const char *want_parent, MI_Result *res)
{
	MI_OperationOptions oo = MI_OPERATIONOPTIONS_NULL;
	MI_Application_NewOperationOptions(&t->app, MI_FALSE, &oo);
	MI_OperationOptions_SetNumber(&oo, "cimtui:DeepInheritance", deep, 0);
	MI_Operation op = MI_OPERATION_NULL;
	MI_Session_EnumerateClasses(&t->sess, 0, &oo, ns, cls, names, NULL, &op);
	long n = 0, found = 0;
	MI_Boolean more = MI_TRUE;
	while (more) {
		const MI_Class *c = NULL;
		assert_int_equal(MI_Operation_GetClass(&op, &c, &more, res, NULL, NULL), MI_RESULT_OK);
		if (!c)
			continue;
		n++;
		const MI_Char *name = NULL, *parent = NULL;
		MI_Class_GetClassName(c, &name);
		if (want && !strcmp(name, want)) {
			found = 1;
			if (want_parent) {
				assert_int_equal(MI_Class_GetParentClassName(c, &parent), MI_RESULT_OK);
				assert_string_equal(parent, want_parent);
			}
		}
	}
	MI_Operation_Close(&op);
	MI_OperationOptions_Delete(&oo);
	if (want && !found)
		return -1;
	return n;
}

static void test_enumerate_classes(void **state)
{
	(void)state;
	struct tc t;
	tc_open(&t, plain.url);
	MI_Result res;
	/* Direct children of CIM_LogicalElement: only CIM_EnabledLogicalElement. */
	assert_int_equal(enum_classes(&t, "root/test", "CIM_LogicalElement", MI_TRUE, MI_FALSE,
		"CIM_EnabledLogicalElement", "CIM_LogicalElement", &res), 1);
	assert_int_equal(res, MI_RESULT_OK);
	/* Deep: the whole subtree down to TST_Disk. */
	long deep = enum_classes(&t, "root/test", "CIM_LogicalElement", MI_TRUE, MI_TRUE, "TST_Disk", NULL, &res);
	assert_int_equal(res, MI_RESULT_OK);
	assert_true(deep >= 4);
	/* Full classes with superclass names. */
	assert_true(enum_classes(&t, "root/test", "CIM_EnabledLogicalElement", MI_FALSE, MI_TRUE, "TST_Disk",
		"TST_Device", &res) >= 3);
	assert_int_equal(res, MI_RESULT_OK);
	/* From the top, shallow vs deep. */
	long top = enum_classes(&t, "root/test", NULL, MI_TRUE, MI_FALSE, "CIM_ManagedElement", NULL, &res);
	long all = enum_classes(&t, "root/test", NULL, MI_TRUE, MI_TRUE, "TST_Disk", NULL, &res);
	assert_true(top > 0 && all > top);
	assert_int_equal(enum_classes(&t, "root/test", NULL, MI_TRUE, MI_FALSE, "TST_Disk", NULL, &res), -1);
	enum_classes(&t, "root/nosuchns", NULL, MI_TRUE, MI_FALSE, NULL, NULL, &res);
	assert_int_equal(res, MI_RESULT_INVALID_NAMESPACE);
	tc_close(&t);
}

/* ---- namespaces ------------------------------------------------------------------------------ */

static int ns_list(struct tc *t, char names[][64], int max, MI_Result *res)
{
	MI_Operation op = MI_OPERATION_NULL;
	MIX_Session_EnumerateNamespaces(&t->sess, 0, NULL, NULL, &op);
	struct drain d;
	int n = 0;
	memset(&d, 0, sizeof(d));
	MI_Boolean more = MI_TRUE;
	while (more) {
		const MI_Instance *i = NULL;
		assert_int_equal(MI_Operation_GetInstance(&op, &i, &more, res, NULL, NULL), MI_RESULT_OK);
		if (i && n < max) {
			const char *nm = th_string(i, "Name");
			assert_non_null(nm);
			snprintf(names[n++], 64, "%s", nm);
		}
	}
	MI_Operation_Close(&op);
	return n;
}

static int has_name(char names[][64], int n, const char *want)
{
	for (int i = 0; i < n; i++)
		if (!strcasecmp(names[i], want))
			return 1;
	return 0;
}

static void test_namespaces(void **state)
{
	(void)state;
	const char *quirks[] = { NULL, "pegasus", "sfcb-1.3" };
	const char *interop[] = { "root/interop", "root/PG_InterOp", "root/interop" };
	for (int q = 0; q < 3; q++) {
		struct srv s;
		if (quirks[q])
			assert_int_equal(srv_start(&s, "--quirks", quirks[q]), 0);
		else
			assert_int_equal(srv_start(&s, "--bulk", "10"), 0);
		struct tc t;
		tc_open(&t, s.url);
		char names[32][64];
		MI_Result res;
		int n = ns_list(&t, names, 32, &res);
		assert_int_equal(res, MI_RESULT_OK);
		assert_true(has_name(names, n, "root/cimv2"));
		assert_true(has_name(names, n, "root/test"));
		assert_true(has_name(names, n, interop[q]));
		for (int i = 0; i < n; i++) /* no duplicates */
			for (int j = i + 1; j < n; j++)
				assert_true(strcasecmp(names[i], names[j]));
		tc_close(&t);
		srv_stop(&s);
	}
}

/* When listing the interop namespace fails, discovery walks __Namespace
 * from root (names there are relative and must be joined). */
static void test_namespaces_walk(void **state)
{
	(void)state;
	struct srv s;
	assert_int_equal(srv_start(&s, "--error", "EnumerateInstances:6"), 0);
	struct tc t;
	tc_open(&t, s.url);
	char names[32][64];
	MI_Result res;
	int n = ns_list(&t, names, 32, &res);
	assert_int_equal(res, MI_RESULT_OK);
	assert_true(has_name(names, n, "root/cimv2"));
	assert_true(has_name(names, n, "root/test"));
	assert_true(has_name(names, n, "root/interop"));
	tc_close(&t);
	srv_stop(&s);
}

/* ---- paging and fallback -------------------------------------------------------------------- */

static void test_pull_paging(void **state)
{
	(void)state;
	struct tc t;
	tc_open(&t, plain.url);
	int open0 = log_count(&plain, "OpenEnumerateInstances"), pull0 = log_count(&plain, "PullInstancesWithPath");
	struct drain d;
	enum_inst(&t, "root/test", "TST_Bulk", MI_FALSE, NULL, &d); /* 2500, page 1000 */
	assert_int_equal(d.result, MI_RESULT_OK);
	assert_int_equal(d.count, 2500);
	drain_free(&d);
	assert_int_equal(log_count(&plain, "OpenEnumerateInstances") - open0, 1);
	assert_int_equal(log_count(&plain, "PullInstancesWithPath") - pull0, 2);
	assert_int_equal(log_count(&plain, "EnumerateInstances"), 0); /* every enumeration so far paged */

	/* Page size per operation; paths; associators and queries page too. */
	MI_OperationOptions oo = MI_OPERATIONOPTIONS_NULL;
	MI_Application_NewOperationOptions(&t.app, MI_FALSE, &oo);
	MI_OperationOptions_SetNumber(&oo, "cimtui:MaxElements", 7, 0);
	int paths0 = log_count(&plain, "PullInstancePaths"), open_paths0 = log_count(&plain, "OpenEnumerateInstancePaths");
	int q0 = log_count(&plain, "OpenQueryInstances"), pq0 = log_count(&plain, "PullInstances");
	int classic0 = log_count(&plain, "EnumerateInstances");
	enum_inst(&t, "root/test", "TEST_Widget", MI_TRUE, &oo, &d);
	assert_int_equal(d.result, MI_RESULT_OK);
	assert_int_equal(d.count, 20);
	drain_free(&d);
	assert_int_equal(log_count(&plain, "OpenEnumerateInstancePaths") - open_paths0, 1);
	assert_int_equal(log_count(&plain, "PullInstancePaths") - paths0, 2);
	MI_Operation op = MI_OPERATION_NULL;
	MI_Session_QueryInstances(&t.sess, 0, &oo, "root/test", "DMTF:FQL", "SELECT * FROM TEST_Widget", NULL, &op);
	drain_op(&op, &d, 0);
	assert_int_equal(d.result, MI_RESULT_OK);
	assert_int_equal(d.count, 20);
	drain_free(&d);
	assert_int_equal(log_count(&plain, "OpenQueryInstances") - q0, 1);
	assert_int_equal(log_count(&plain, "PullInstances") - pq0, 2);
	MI_OperationOptions_Delete(&oo);

	/* cimtui:NoPull forces classic operations. */
	struct tc t2;
	tc_app(&t2);
	tc_dopt(&t2);
	MI_DestinationOptions_SetNumber(&t2.dopt, "cimtui:NoPull", 1, 0);
	tc_session(&t2, plain.url);
	enum_inst(&t2, "root/test", "TEST_Widget", MI_FALSE, NULL, &d);
	assert_int_equal(d.count, 20);
	drain_free(&d);
	assert_int_equal(log_count(&plain, "EnumerateInstances") - classic0, 1);
	tc_close(&t2);
	tc_close(&t);
}

static void fallback_case(const char *const *args, const char *open_op)
{
	struct srv s;
	assert_int_equal(srv_start_v(&s, args), 0);
	struct tc t;
	tc_open(&t, s.url);
	struct drain d;
	for (int i = 0; i < 2; i++) {
		enum_inst(&t, "root/test", "TEST_Widget", MI_FALSE, NULL, &d);
		assert_int_equal(d.result, MI_RESULT_OK);
		assert_int_equal(d.count, 20);
		drain_free(&d);
	}
	MI_Instance *w = key_instance(&t, "TEST_Widget", "InstanceID", "W00004");
	MI_Operation op = MI_OPERATION_NULL;
	MI_Session_AssociatorInstances(&t.sess, 0, NULL, "root/test", w, NULL, NULL, NULL, NULL, MI_FALSE, NULL, &op);
	drain_op(&op, &d, 0);
	assert_int_equal(d.result, MI_RESULT_OK);
	assert_int_equal(d.count, 1);
	drain_free(&d);
	MI_Instance_Delete(w);
	/* One failed Open* for the whole session, then classic only. */
	assert_int_equal(log_count(&s, open_op), 1);
	assert_int_equal(log_count(&s, "OpenAssociatorInstances"), 0);
	assert_int_equal(log_count(&s, "EnumerateInstances"), 2);
	assert_int_equal(log_count(&s, "Associators"), 1);
	tc_close(&t);
	/* A new session learns again. */
	tc_open(&t, s.url);
	enum_inst(&t, "root/test", "TEST_Widget", MI_FALSE, NULL, &d);
	assert_int_equal(d.count, 20);
	drain_free(&d);
	assert_int_equal(log_count(&s, open_op), 2);
	tc_close(&t);
	srv_stop(&s);
}

static void test_fallback_no_pull(void **state)
{
	(void)state;
	fallback_case((const char *const[]){ "--no-pull", NULL }, "OpenEnumerateInstances");
}

static void test_fallback_sfcb13(void **state)
{
	(void)state;
	fallback_case((const char *const[]){ "--quirks", "sfcb-1.3", NULL }, "OpenEnumerateInstances");
}

/* A server with pull operations that lacks one of them (7): that Open*
 * goes classic from then on, the others keep paging. */
static void test_fallback_one_open(void **state)
{
	(void)state;
	struct srv s;
	assert_int_equal(srv_start(&s, "--error", "OpenQueryInstances:7"), 0);
	struct tc t;
	tc_open(&t, s.url);
	struct drain d;
	enum_inst(&t, "root/test", "TEST_Widget", MI_FALSE, NULL, &d);
	assert_int_equal(d.count, 20);
	drain_free(&d);
	for (int i = 0; i < 2; i++) {
		MI_Operation op = MI_OPERATION_NULL;
		MI_Session_QueryInstances(&t.sess, 0, NULL, "root/test", "WQL", "SELECT * FROM TEST_Widget WHERE Index >= 10",
			NULL, &op);
		drain_op(&op, &d, 0);
		assert_int_equal(d.result, MI_RESULT_OK);
		assert_int_equal(d.count, 10);
		drain_free(&d);
	}
	enum_inst(&t, "root/test", "TEST_Widget", MI_FALSE, NULL, &d);
	assert_int_equal(d.count, 20);
	drain_free(&d);
	assert_int_equal(log_count(&s, "OpenQueryInstances"), 1);
	assert_int_equal(log_count(&s, "ExecQuery"), 2);
	assert_int_equal(log_count(&s, "OpenEnumerateInstances"), 2);
	assert_int_equal(log_count(&s, "EnumerateInstances"), 0);
	tc_close(&t);
	srv_stop(&s);
}

static void test_sfcb14(void **state)
{
	(void)state;
	struct srv s;
	assert_int_equal(srv_start(&s, "--quirks", "sfcb-1.4", "--bulk", "50"), 0);
	struct tc t;
	tc_open(&t, s.url);
	MI_OperationOptions oo = MI_OPERATIONOPTIONS_NULL;
	MI_Application_NewOperationOptions(&t.app, MI_FALSE, &oo);
	MI_OperationOptions_SetNumber(&oo, "cimtui:MaxElements", 5, 0);
	struct drain d;
	/* Open* answered classic-style, no context: complete, no Pull. */
	enum_inst(&t, "root/test", "TST_Bulk", MI_FALSE, &oo, &d);
	assert_int_equal(d.result, MI_RESULT_OK);
	assert_int_equal(d.count, 50);
	drain_free(&d);
	assert_int_equal(log_count(&s, "PullInstancesWithPath"), 0);
	/* Lower-cased key names still work as keys. */
	enum_inst(&t, "root/test", "TEST_Widget", MI_TRUE, &oo, &d);
	assert_int_equal(d.result, MI_RESULT_OK);
	assert_int_equal(d.count, 20);
	assert_string_equal(th_string(d.first, "InstanceID"), "W00000");
	MI_Operation op = MI_OPERATION_NULL;
	MI_Session_GetInstance(&t.sess, 0, NULL, "root/test", d.first, NULL, &op);
	struct drain g;
	drain_op(&op, &g, 0);
	assert_int_equal(g.result, MI_RESULT_OK);
	assert_int_equal(th_uint(g.first, "Index"), 0);
	drain_free(&g);
	drain_free(&d);
	MI_OperationOptions_Delete(&oo);
	tc_close(&t);
	srv_stop(&s);
}

/* ---- server errors ----------------------------------------------------------------------------- */

static void test_embedded_cim_error(void **state)
{
	(void)state;
	struct srv s;
	assert_int_equal(srv_start(&s, "--error", "GetInstance:6", "--error", "OpenEnumerateInstances:27"), 0);
	struct tc t;
	tc_open(&t, s.url);
	MI_Instance *k = key_instance(&t, "TEST_Widget", "InstanceID", "W00001");
	MI_Operation op = MI_OPERATION_NULL;
	struct drain d;
	MI_Session_GetInstance(&t.sess, 0, NULL, "root/test", k, NULL, &op);
	drain_op(&op, &d, 0);
	assert_int_equal(d.result, MI_RESULT_NOT_FOUND);
	assert_non_null(d.details);
	assert_string_equal(det_string(d.details, "OwningEntity"), "cimomd");
	assert_string_equal(det_string(d.details, "MessageID"), "TST0006");
	assert_non_null(strstr(det_string(d.details, "Message"), "Injected error for GetInstance"));
	assert_int_equal(th_uint(d.details, "CIMStatusCode"), 6);
	MI_Value ra;
	MI_Type rt;
	assert_int_equal(MI_Instance_GetElement(d.details, "RecommendedActions", &ra, &rt, NULL, NULL), MI_RESULT_OK);
	assert_int_equal(rt, MI_STRINGA);
	assert_int_equal(ra.stringa.size, 2);
	drain_free(&d);
	/* An Open* failing with something else than 1/7 is a real error. */
	enum_inst(&t, "root/test", "TEST_Widget", MI_FALSE, NULL, &d);
	assert_int_equal(d.result, MI_RESULT_SERVER_LIMITS_EXCEEDED);
	assert_string_equal(det_string(d.details, "MessageID"), "TST0027");
	drain_free(&d);
	assert_int_equal(log_count(&s, "EnumerateInstances"), 0);
	MI_Instance_Delete(k);
	tc_close(&t);
	srv_stop(&s);

	/* SFCB style: bare ERROR, engine-built CIM_Error keeps the text. */
	assert_int_equal(srv_start(&s, "--quirks", "sfcb-1.3"), 0);
	tc_open(&t, s.url);
	k = key_instance(&t, "TEST_Widget", "InstanceID", "missing");
	MI_Session_GetInstance(&t.sess, 0, NULL, "root/test", k, NULL, &op);
	drain_op(&op, &d, 0);
	assert_int_equal(d.result, MI_RESULT_NOT_FOUND);
	assert_string_equal(d.msg, "The requested object could not be found");
	assert_string_equal(det_string(d.details, "OwningEntity"), "cimtui");
	assert_string_equal(det_string(d.details, "MessageID"), "CIMTUI0100");
	assert_string_equal(det_string(d.details, "Message"), "The requested object could not be found");
	assert_non_null(strstr(det_string(d.details, "ErrorSource"), s.url));
	assert_int_equal(th_uint(d.details, "CIMStatusCode"), 6);
	drain_free(&d);
	MI_Instance_Delete(k);
	tc_close(&t);
	srv_stop(&s);
}

static void test_chunked_trailers(void **state)
{
	(void)state;
	struct srv s;
	assert_int_equal(srv_start(&s, "--chunked", "--error", "EnumerateInstances:5"), 0);
	struct tc t;
	tc_open(&t, s.url);
	struct drain d;
	/* Success: chunked body, CIMStatusCode: 0 trailer. */
	MI_Instance *k = key_instance(&t, "TEST_Widget", "InstanceID", "W00002");
	MI_Operation op = MI_OPERATION_NULL;
	MI_Session_GetInstance(&t.sess, 0, NULL, "root/test", k, NULL, &op);
	drain_op(&op, &d, 0);
	assert_int_equal(d.result, MI_RESULT_OK);
	assert_int_equal(th_uint(d.first, "Index"), 2);
	drain_free(&d);
	MI_Instance_Delete(k);
	/* Error in body and trailer. */
	tc_close(&t);
	tc_app(&t);
	tc_dopt(&t);
	MI_DestinationOptions_SetNumber(&t.dopt, "cimtui:NoPull", 1, 0);
	tc_session(&t, s.url);
	enum_inst(&t, "root/test", "TEST_Widget", MI_FALSE, NULL, &d);
	assert_int_equal(d.result, MI_RESULT_INVALID_CLASS);
	assert_string_equal(det_string(d.details, "OwningEntity"), "cimomd");
	drain_free(&d);
	tc_close(&t);
	srv_stop(&s);

	/* A late error: body cut, the trailer's CIMStatusCode decides (SFCB
	 * style maxMsgLen overflow on a streamed enumeration). */
	assert_int_equal(srv_start(&s, "--quirks", "sfcb-1.3", "--max-msg-len", "300000", "--bulk", "2000"), 0);
	tc_open(&t, s.url);
	enum_inst(&t, "root/test", "TST_Bulk", MI_FALSE, NULL, &d);
	assert_int_equal(d.result, MI_RESULT_FAILED);
	assert_true(d.count > 0 && d.count < 2000);
	assert_non_null(strstr(d.msg, "result too large; narrow the request or use paging"));
	assert_non_null(strstr(d.msg, "maximum message length"));
	assert_string_equal(det_string(d.details, "MessageID"), "CIMTUI0116");
	drain_free(&d);
	tc_close(&t);
	srv_stop(&s);
}

static void test_pegasus_400_trap(void **state)
{
	(void)state;
	struct srv s;
	assert_int_equal(srv_start(&s, "--quirks", "pegasus"), 0);
	struct tc t;
	tc_open(&t, s.url);
	struct drain d;
	enum_inst(&t, "root/test", "TEST_Widget", MI_FALSE, NULL, &d);
	assert_int_equal(d.result, MI_RESULT_OK);
	assert_int_equal(d.count, 20);
	drain_free(&d);
	/* A control character the server's XML parser refuses: HTTP 400 +
	 * CIMError with no Content-Length on a connection left open. */
	uint64_t t0 = th_now_ms();
	enum_inst(&t, "root/te\x01st", "TEST_Widget", MI_FALSE, NULL, &d);
	uint64_t took = th_now_ms() - t0;
	assert_int_equal(d.result, MI_RESULT_FAILED);
	assert_true(took < 2000);
	assert_non_null(strstr(d.msg, "request-not-well-formed"));
	assert_string_equal(det_string(d.details, "MessageID"), "CIMTUI0109");
	assert_string_equal(det_string(d.details, "OwningEntity"), "cimtui");
	drain_free(&d);
	/* The session still works afterwards. */
	enum_inst(&t, "root/cimv2", "TEST_WidgetGroup", MI_FALSE, NULL, &d);
	assert_int_equal(d.result, MI_RESULT_OK);
	assert_int_equal(d.count, 2);
	drain_free(&d);
	tc_close(&t);
	srv_stop(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_enumerate_widgets),
		cmocka_unit_test(test_get_instance_and_keys),
		cmocka_unit_test(test_associators_references),
		cmocka_unit_test(test_query),
		cmocka_unit_test(test_invoke),
		cmocka_unit_test(test_modify_ops_not_supported),
		cmocka_unit_test(test_get_class),
		cmocka_unit_test(test_enumerate_classes),
		cmocka_unit_test(test_pull_paging),
		/* These start servers of their own. */
		cmocka_unit_test(test_namespaces),
		cmocka_unit_test(test_namespaces_walk),
		cmocka_unit_test(test_fallback_no_pull),
		cmocka_unit_test(test_fallback_sfcb13),
		cmocka_unit_test(test_fallback_one_open),
		cmocka_unit_test(test_sfcb14),
		cmocka_unit_test(test_embedded_cim_error),
		cmocka_unit_test(test_chunked_trailers),
		cmocka_unit_test(test_pegasus_400_trap),
	};
	return cmocka_run_group_tests_name("cimxml_proto", tests, setup_plain, teardown_plain);
}
