/* test_wbem_path.c - the WBEM URI instance path parser and writer.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "mi.h"
#include "wbem_path.h"

static MI_Application app = MI_APPLICATION_NULL;

static int setup(void **state)
{
	(void)state;
	return MI_Application_Initialize(0, NULL, NULL, &app) == MI_RESULT_OK ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	MI_Application_Close(&app);
	return 0;
}

/* Parses text, writes it back and compares with expected (NULL: text). */
static void roundtrip(const char *text, const char *expected)
{
	struct wbem_path p;
	char *err = NULL;
	int rc = wbem_path_parse(&app, text, &p, &err);
	if (rc)
		fail_msg("%s: %s", text, err);
	assert_non_null(p.keys);
	struct sbuf b = SBUF_INIT;
	wbem_path_format(&b, p.keys, 1);
	assert_string_equal(sb_str(&b), expected ? expected : text);
	sb_free(&b);
	wbem_path_free(&p);
}

static MI_Type key_type(const struct wbem_path *p, const char *name, MI_Value *v)
{
	MI_Type t = (MI_Type)-1;
	MI_Uint32 f = 0;
	assert_int_equal(MI_Instance_GetElement(p->keys, name, v, &t, &f, NULL), MI_RESULT_OK);
	assert_true(f & MI_FLAG_KEY);
	return t;
}

static void test_simple(void **state)
{
	(void)state;
	struct wbem_path p;
	assert_int_equal(wbem_path_parse(&app, "TEST_Widget.InstanceID=\"W1\"", &p, NULL), 0);
	assert_null(p.ns);
	assert_string_equal(p.class_name, "TEST_Widget");
	MI_Value v;
	assert_int_equal(key_type(&p, "InstanceID", &v), MI_STRING);
	assert_string_equal(v.string, "W1");
	wbem_path_free(&p);
	roundtrip("TEST_Widget.InstanceID=\"W1\"", NULL);
}

static void test_namespace(void **state)
{
	(void)state;
	struct wbem_path p;
	assert_int_equal(wbem_path_parse(&app, "/root/test:TEST_Widget.InstanceID=\"W1\"", &p, NULL), 0);
	assert_string_equal(p.ns, "root/test");
	wbem_path_free(&p);
	assert_int_equal(wbem_path_parse(&app, "root/cimv2:CIM_X", &p, NULL), 0);
	assert_string_equal(p.ns, "root/cimv2");
	assert_string_equal(p.class_name, "CIM_X");
	assert_null(p.keys);
	wbem_path_free(&p);
	assert_int_equal(wbem_path_parse(&app, "//host/root/test:A.k=1", &p, NULL), 0);
	assert_string_equal(p.host, "host");
	assert_string_equal(p.ns, "root/test");
	wbem_path_free(&p);
	roundtrip("/root/test:TEST_Widget.InstanceID=\"W1\"", NULL);
}

static void test_types(void **state)
{
	(void)state;
	struct wbem_path p;
	const char *text = "TST_MultiKey.S=\"a\\\"b\\\\c\",U=42,N=-7,B=TRUE,F=false,R=1.5,H=0x10";
	char *err = NULL;
	assert_int_equal(wbem_path_parse(&app, text, &p, &err), 0);
	MI_Value v;
	assert_int_equal(key_type(&p, "S", &v), MI_STRING);
	assert_string_equal(v.string, "a\"b\\c");
	assert_int_equal(key_type(&p, "U", &v), MI_UINT64);
	assert_int_equal(v.uint64, 42);
	assert_int_equal(key_type(&p, "N", &v), MI_SINT64);
	assert_int_equal(v.sint64, -7);
	assert_int_equal(key_type(&p, "B", &v), MI_BOOLEAN);
	assert_true(v.boolean);
	assert_int_equal(key_type(&p, "F", &v), MI_BOOLEAN);
	assert_false(v.boolean);
	assert_int_equal(key_type(&p, "R", &v), MI_REAL64);
	assert_true(v.real64 == 1.5);
	assert_int_equal(key_type(&p, "H", &v), MI_UINT64);
	assert_int_equal(v.uint64, 16);
	wbem_path_free(&p);
	roundtrip(text, "TST_MultiKey.S=\"a\\\"b\\\\c\",U=42,N=-7,B=TRUE,F=FALSE,R=1.5,H=16");
}

static void test_references(void **state)
{
	(void)state;
	struct wbem_path p;
	/* quoted reference with a namespace, escaped inner quotes */
	const char *text = "TEST_GroupMember.Group=\"/root/test:TEST_WidgetGroup.InstanceID=\\\"G00\\\"\","
			   "Member=\"TEST_Widget.InstanceID=\\\"W2\\\"\"";
	assert_int_equal(wbem_path_parse(&app, text, &p, NULL), 0);
	MI_Value v;
	assert_int_equal(key_type(&p, "Group", &v), MI_REFERENCE);
	const MI_Char *cn = NULL, *ns = NULL;
	MI_Instance_GetClassName(v.reference, &cn);
	MI_Instance_GetNameSpace(v.reference, &ns);
	assert_string_equal(cn, "TEST_WidgetGroup");
	assert_string_equal(ns, "root/test");
	MI_Value inner;
	MI_Type t;
	MI_Uint32 f;
	assert_int_equal(MI_Instance_GetElement(v.reference, "InstanceID", &inner, &t, &f, NULL), MI_RESULT_OK);
	assert_string_equal(inner.string, "G00");
	assert_int_equal(key_type(&p, "Member", &v), MI_REFERENCE);
	wbem_path_free(&p);
	roundtrip(text, NULL);

	/* unquoted references, wbemcli style (one key each) */
	assert_int_equal(wbem_path_parse(&app,
		"TEST_GroupMember.Group=TEST_WidgetGroup.InstanceID=\"G00\",Member=TEST_Widget.InstanceID=\"W2\"",
		&p, NULL), 0);
	assert_int_equal(key_type(&p, "Group", &v), MI_REFERENCE);
	assert_int_equal(key_type(&p, "Member", &v), MI_REFERENCE);
	wbem_path_free(&p);

	/* a quoted value that is no path stays a string */
	assert_int_equal(wbem_path_parse(&app, "A.k=\"x=1, y\"", &p, NULL), 0);
	assert_int_equal(key_type(&p, "k", &v), MI_STRING);
	assert_string_equal(v.string, "x=1, y");
	wbem_path_free(&p);
}

static void expect_error(const char *text, const char *what)
{
	struct wbem_path p;
	char *err = NULL;
	assert_int_equal(wbem_path_parse(&app, text, &p, &err), -1);
	assert_non_null(err);
	if (!strstr(err, what))
		fail_msg("%s: error '%s' lacks '%s'", text, err, what);
	free(err);
	assert_null(p.keys);
	assert_null(p.class_name);
}

static void test_invalid(void **state)
{
	(void)state;
	expect_error("", "class name expected");
	expect_error("A.", "key name expected");
	expect_error("A.k", "'=' expected");
	expect_error("A.k=", "value expected");
	expect_error("A.k=\"open", "unterminated");
	expect_error("A.k=12x", "bad number");
	expect_error("A.k=1,k=2", "duplicate key");
	expect_error("A.k=1 junk", "bad number");
	expect_error("A.k=\"v\"junk", "unexpected text");
	expect_error("/:A", "namespace expected");
	expect_error("/root/test", "':' expected");
	expect_error("9A.k=1", "class name expected");
	expect_error("A.k=99999999999999999999999", "bad number");
}

static void test_datetime_text(void **state)
{
	(void)state;
	char buf[26];
	MI_Datetime dt = { 0 };
	dt.isTimestamp = 1;
	dt.u.timestamp.year = 2024;
	dt.u.timestamp.month = 1;
	dt.u.timestamp.day = 31;
	dt.u.timestamp.hour = 23;
	dt.u.timestamp.minute = 59;
	dt.u.timestamp.second = 59;
	dt.u.timestamp.microseconds = 123456;
	dt.u.timestamp.utc = -300;
	wbem_datetime_text(&dt, buf);
	assert_string_equal(buf, "20240131235959.123456-300");
	memset(&dt, 0, sizeof dt);
	dt.u.interval.days = 1;
	dt.u.interval.hours = 2;
	dt.u.interval.minutes = 3;
	dt.u.interval.seconds = 4;
	dt.u.interval.microseconds = 5;
	wbem_datetime_text(&dt, buf);
	assert_string_equal(buf, "00000001020304.000005:000");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_simple),
		cmocka_unit_test(test_namespace),
		cmocka_unit_test(test_types),
		cmocka_unit_test(test_references),
		cmocka_unit_test(test_invalid),
		cmocka_unit_test(test_datetime_text),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
