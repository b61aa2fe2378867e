/* test_model.c - values, datetimes, instances and classes.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "test_helpers.h"
#include "model.h"

#include <math.h>
#include <stdlib.h>

static void datetime_round_trip(void **state)
{
	(void)state;
	MI_Datetime dt;
	char buf[32];
	assert_int_equal(mix_datetime_parse("20240131235959.123456-300", &dt), 0);
	assert_true(dt.isTimestamp);
	assert_int_equal(dt.u.timestamp.year, 2024);
	assert_int_equal(dt.u.timestamp.month, 1);
	assert_int_equal(dt.u.timestamp.day, 31);
	assert_int_equal(dt.u.timestamp.hour, 23);
	assert_int_equal(dt.u.timestamp.second, 59);
	assert_int_equal(dt.u.timestamp.microseconds, 123456);
	assert_int_equal(dt.u.timestamp.utc, -300);
	mix_datetime_format(&dt, buf);
	assert_string_equal(buf, "20240131235959.123456-300");

	assert_int_equal(mix_datetime_parse("00000001020304.000005:000", &dt), 0);
	assert_false(dt.isTimestamp);
	assert_int_equal(dt.u.interval.days, 1);
	assert_int_equal(dt.u.interval.hours, 2);
	assert_int_equal(dt.u.interval.minutes, 3);
	assert_int_equal(dt.u.interval.seconds, 4);
	assert_int_equal(dt.u.interval.microseconds, 5);
	mix_datetime_format(&dt, buf);
	assert_string_equal(buf, "00000001020304.000005:000");

	assert_int_equal(mix_datetime_parse("2024013123****.******+000", &dt), 0);
	assert_int_equal(dt.u.timestamp.hour, 23);
	assert_int_equal(dt.u.timestamp.minute, 0);
	/* malformed */
	assert_int_equal(mix_datetime_parse("2024", &dt), -1);
	assert_int_equal(mix_datetime_parse("20241331235959.123456+000", &dt), -1);
	assert_int_equal(mix_datetime_parse("2024013123595x.123456+000", &dt), -1);
	assert_int_equal(mix_datetime_parse("20240131235959.123456#000", &dt), -1);
	assert_int_equal(mix_datetime_parse(NULL, &dt), -1);
}

static void scalar_parsing(void **state)
{
	(void)state;
	MI_Value v;
	assert_int_equal(mix_value_parse_scalar(" TRUE ", MI_BOOLEAN, &v), 0);
	assert_true(v.boolean);
	assert_int_equal(mix_value_parse_scalar("false", MI_BOOLEAN, &v), 0);
	assert_false(v.boolean);
	assert_int_equal(mix_value_parse_scalar("yes", MI_BOOLEAN, &v), -1);
	assert_int_equal(mix_value_parse_scalar("255", MI_UINT8, &v), 0);
	assert_int_equal(v.uint8, 255);
	assert_int_equal(mix_value_parse_scalar("256", MI_UINT8, &v), -1);
	assert_int_equal(mix_value_parse_scalar("-1", MI_UINT32, &v), -1);
	assert_int_equal(mix_value_parse_scalar("0x1F", MI_UINT16, &v), 0);
	assert_int_equal(v.uint16, 31);
	assert_int_equal(mix_value_parse_scalar("-128", MI_SINT8, &v), 0);
	assert_int_equal(v.sint8, -128);
	assert_int_equal(mix_value_parse_scalar("18446744073709551615", MI_UINT64, &v), 0);
	assert_true(v.uint64 == UINT64_MAX);
	assert_int_equal(mix_value_parse_scalar("-9223372036854775808", MI_SINT64, &v), 0);
	assert_true(v.sint64 == INT64_MIN);
	assert_int_equal(mix_value_parse_scalar("9223372036854775808", MI_SINT64, &v), -1);
	assert_int_equal(mix_value_parse_scalar("5.8228999999999999e+01", MI_REAL64, &v), 0);
	assert_true(fabs(v.real64 - 58.229) < 1e-9);
	assert_int_equal(mix_value_parse_scalar("-INF", MI_REAL64, &v), 0);
	assert_true(isinf(v.real64) && v.real64 < 0);
	assert_int_equal(mix_value_parse_scalar("NaN", MI_REAL32, &v), 0);
	assert_true(isnan(v.real32));
	assert_int_equal(mix_value_parse_scalar("12abc", MI_SINT32, &v), -1);
	assert_int_equal(mix_value_parse_scalar("", MI_SINT32, &v), -1);
	assert_int_equal(mix_value_parse_scalar("\xc3\xa9", MI_CHAR16, &v), 0);
	assert_int_equal(v.char16, 0xe9);
	assert_int_equal(mix_value_parse_scalar("ab", MI_CHAR16, &v), -1);
	assert_int_equal(mix_value_parse_scalar("20240131235959.000000+000", MI_DATETIME, &v), 0);
	assert_int_equal(v.datetime.u.timestamp.year, 2024);
	assert_int_equal(mix_value_parse_scalar("Grüße", MI_STRING, &v), 0);
	assert_string_equal(v.string, "Grüße");
	free(v.string);
}

static void type_and_result_names(void **state)
{
	(void)state;
	MI_Type t;
	assert_int_equal(mix_type_from_name("uint32", &t), 0);
	assert_int_equal(t, MI_UINT32);
	assert_int_equal(mix_type_from_name("REFERENCE", &t), 0);
	assert_int_equal(t, MI_REFERENCE);
	assert_int_equal(mix_type_from_name("float", &t), -1);
	assert_string_equal(MIX_TypeName(MI_STRINGA), "string[]");
	assert_string_equal(MIX_TypeName(MI_DATETIME), "datetime");
	assert_string_equal(MIX_TypeName((MI_Type)99), "unknown");
	assert_string_equal(MIX_ResultName(MI_RESULT_NOT_FOUND), "CIM_ERR_NOT_FOUND");
	assert_string_equal(MIX_ResultName(MI_RESULT_QUERY_FEATURE_NOT_SUPPORTED), "CIM_ERR_QUERY_FEATURE_NOT_SUPPORTED");
	assert_string_equal(MIX_ResultName((MI_Result)77), "CIM_ERR_UNKNOWN");
}

static void instance_elements_and_clone(void **state)
{
	(void)state;
	MI_Instance *inst = mix_instance_new("CIM_Thing", "root/cimv2");
	MI_Value v;
	v.string = "alpha";
	assert_int_equal(MI_Instance_AddElement(inst, "Name", &v, MI_STRING, MI_FLAG_KEY), MI_RESULT_OK);
	assert_int_equal(MI_Instance_AddElement(inst, "name", &v, MI_STRING, 0), MI_RESULT_ALREADY_EXISTS);
	MI_Char *arr[] = { "a", NULL, "c" };
	v.stringa.data = arr;
	v.stringa.size = 3;
	assert_int_equal(MI_Instance_AddElement(inst, "Tags", &v, MI_STRINGA, 0), MI_RESULT_OK);
	assert_int_equal(MI_Instance_AddElement(inst, "Nothing", NULL, MI_UINT32, 0), MI_RESULT_OK);
	MI_Instance *emb = mix_instance_new("CIM_Inner", NULL);
	mix_instance_add_uint(emb, "Count", MI_UINT64, 42, 0);
	v.instance = emb;
	assert_int_equal(MI_Instance_AddElement(inst, "Inner", &v, MI_INSTANCE, MI_FLAG_ADOPT), MI_RESULT_OK);
	MI_Datetime dts[2];
	mix_datetime_parse("20240101000000.000000+000", &dts[0]);
	mix_datetime_parse("00000000000001.000000:000", &dts[1]);
	v.datetimea.data = dts;
	v.datetimea.size = 2;
	assert_int_equal(MI_Instance_AddElement(inst, "When", &v, MI_DATETIMEA, 0), MI_RESULT_OK);

	MI_Uint32 n;
	assert_int_equal(MI_Instance_GetElementCount(inst, &n), MI_RESULT_OK);
	assert_int_equal(n, 5);
	MI_Type t;
	MI_Uint32 flags, idx;
	assert_int_equal(MI_Instance_GetElement(inst, "NAME", &v, &t, &flags, &idx), MI_RESULT_OK);
	assert_string_equal(v.string, "alpha");
	assert_true(flags & MI_FLAG_KEY);
	assert_int_equal(idx, 0);
	assert_int_equal(MI_Instance_GetElement(inst, "Nothing", &v, &t, &flags, NULL), MI_RESULT_OK);
	assert_true(flags & MI_FLAG_NULL);
	assert_int_equal(t, MI_UINT32);

	MI_Instance *c = NULL;
	assert_int_equal(MI_Instance_Clone(inst, &c), MI_RESULT_OK);
	MI_Instance_Delete(inst);
	assert_int_equal(MI_Instance_GetElement(c, "Tags", &v, &t, &flags, NULL), MI_RESULT_OK);
	assert_int_equal(t, MI_STRINGA);
	assert_int_equal(v.stringa.size, 3);
	assert_string_equal(v.stringa.data[2], "c");
	assert_null(v.stringa.data[1]);
	assert_int_equal(MI_Instance_GetElement(c, "Inner", &v, &t, &flags, NULL), MI_RESULT_OK);
	assert_int_equal(th_uint(v.instance, "Count"), 42);
	assert_int_equal(MI_Instance_GetElement(c, "When", &v, &t, &flags, NULL), MI_RESULT_OK);
	assert_int_equal(v.datetimea.data[1].u.interval.seconds, 1);
	const MI_Char *ns;
	assert_int_equal(MI_Instance_GetNameSpace(c, &ns), MI_RESULT_OK);
	assert_string_equal(ns, "root/cimv2");

	/* set, clear */
	v.string = "beta";
	assert_int_equal(MI_Instance_SetElement(c, "Name", &v, MI_STRING, 0), MI_RESULT_OK);
	assert_string_equal(th_string(c, "Name"), "beta");
	assert_int_equal(MI_Instance_GetElement(c, "Name", NULL, NULL, &flags, NULL), MI_RESULT_OK);
	assert_true(flags & MI_FLAG_KEY); /* set keeps the key flag */
	v.uint32 = 7;
	assert_int_equal(MI_Instance_SetElement(c, "Nothing", &v, MI_UINT32, 0), MI_RESULT_OK);
	assert_int_equal(th_uint(c, "Nothing"), 7);
	assert_int_equal(MI_Instance_ClearElement(c, "Nothing"), MI_RESULT_OK);
	assert_int_equal(th_uint(c, "Nothing"), -1);
	assert_int_equal(MI_Instance_SetElement(c, "Missing", &v, MI_UINT32, 0), MI_RESULT_NO_SUCH_PROPERTY);
	assert_int_equal(MI_Instance_SetElementAt(c, 99, &v, MI_UINT32, 0), MI_RESULT_NOT_FOUND);
	assert_int_equal(MI_Instance_SetServerName(c, "host1"), MI_RESULT_OK);
	const MI_Char *srv;
	MI_Instance_GetServerName(c, &srv);
	assert_string_equal(srv, "host1");
	MI_Instance_Delete(c);
}

static void class_accessors(void **state)
{
	(void)state;
	MI_Class *c = mix_class_new("TST_Widget", "TST_Base", "root/test");
	MI_Value qv;
	qv.string = strdup("A widget");
	mix_qualifiers_adopt(&c->quals, "Description", MI_STRING, &qv, MI_FLAG_TRANSLATABLE);
	struct mix_property *p = mix_class_add_property(c, "Id", MI_STRING, MI_FLAG_KEY);
	qv.boolean = MI_TRUE;
	mix_qualifiers_adopt(&p->quals, "Key", MI_BOOLEAN, &qv, 0);
	p->class_origin = strdup("TST_Base");
	p = mix_class_add_property(c, "Size", MI_UINT32, 0);
	p->value.uint32 = 10;
	p->flags &= ~(MI_Uint32)MI_FLAG_NULL;
	struct mix_method *m = mix_class_add_method(c, "Resize", MI_UINT32);
	mix_method_add_param(m, "NewSize", MI_UINT32, MI_FLAG_IN);
	struct mix_parameter *op = mix_method_add_param(m, "Job", MI_REFERENCE, MI_FLAG_OUT);
	op->ref_class = strdup("CIM_Job");

	MI_Class *k = NULL;
	assert_int_equal(MI_Class_Clone(c, &k), MI_RESULT_OK);
	MI_Class_Delete(c);

	const MI_Char *s;
	assert_int_equal(MI_Class_GetClassName(k, &s), MI_RESULT_OK);
	assert_string_equal(s, "TST_Widget");
	assert_int_equal(MI_Class_GetParentClassName(k, &s), MI_RESULT_OK);
	assert_string_equal(s, "TST_Base");
	MI_Uint32 n, flags;
	assert_int_equal(MI_Class_GetElementCount(k, &n), MI_RESULT_OK);
	assert_int_equal(n, 2);
	MI_Value v;
	MI_Boolean exists;
	MI_Type t;
	MI_QualifierSet qs;
	MI_Char *refc;
	assert_int_equal(MI_Class_GetElementAt(k, 0, &s, &v, &exists, &t, &refc, &qs, &flags), MI_RESULT_OK);
	assert_string_equal(s, "Id");
	assert_false(exists);
	assert_true(flags & MI_FLAG_KEY);
	assert_int_equal(MI_QualifierSet_GetQualifierCount(&qs, &n), MI_RESULT_OK);
	assert_int_equal(n, 1);
	assert_int_equal(MI_QualifierSet_GetQualifier(&qs, "key", &t, &flags, &v, NULL), MI_RESULT_OK);
	assert_true(v.boolean);
	assert_int_equal(MIX_Class_GetElementOrigin(k, 0, &s), MI_RESULT_OK);
	assert_string_equal(s, "TST_Base");
	MI_Uint32 idx;
	assert_int_equal(MI_Class_GetElement(k, "size", &v, &exists, &t, NULL, NULL, NULL, &idx), MI_RESULT_OK);
	assert_true(exists);
	assert_int_equal(v.uint32, 10);
	assert_int_equal(idx, 1);
	assert_int_equal(MI_Class_GetElement(k, "nope", &v, &exists, &t, NULL, NULL, NULL, NULL), MI_RESULT_NO_SUCH_PROPERTY);
	assert_int_equal(MI_Class_GetClassQualifierSet(k, &qs), MI_RESULT_OK);
	assert_int_equal(MI_QualifierSet_GetQualifierAt(&qs, 0, &s, &t, &flags, &v), MI_RESULT_OK);
	assert_string_equal(s, "Description");
	assert_string_equal(v.string, "A widget");
	assert_int_equal(MI_QualifierSet_GetQualifierAt(&qs, 1, &s, &t, &flags, &v), MI_RESULT_NOT_FOUND);
	MI_ParameterSet ps;
	assert_int_equal(MI_Class_GetMethodCount(k, &n), MI_RESULT_OK);
	assert_int_equal(n, 1);
	assert_int_equal(MI_Class_GetMethod(k, "resize", &qs, &ps, &idx), MI_RESULT_OK);
	assert_int_equal(MI_ParameterSet_GetMethodReturnType(&ps, &t, NULL), MI_RESULT_OK);
	assert_int_equal(t, MI_UINT32);
	assert_int_equal(MI_ParameterSet_GetParameterCount(&ps, &n), MI_RESULT_OK);
	assert_int_equal(n, 2);
	assert_int_equal(MI_ParameterSet_GetParameterAt(&ps, 1, &s, &t, &refc, NULL), MI_RESULT_OK);
	assert_string_equal(s, "Job");
	assert_int_equal(t, MI_REFERENCE);
	assert_string_equal(refc, "CIM_Job");
	assert_int_equal(MIX_ParameterSet_GetParameterFlags(&ps, 1, &flags), MI_RESULT_OK);
	assert_true(flags & MI_FLAG_OUT);
	assert_int_equal(MI_Class_GetMethod(k, "nope", &qs, &ps, NULL), MI_RESULT_METHOD_NOT_FOUND);
	MI_Class *root = mix_class_new("TST_Root", NULL, NULL);
	assert_int_equal(MI_Class_GetParentClassName(root, &s), MI_RESULT_INVALID_SUPERCLASS);
	MI_Class_Delete(root);
	MI_QualifierSet bogus = { 0, 0, NULL };
	assert_int_equal(MI_QualifierSet_GetQualifierCount(&bogus, &n), MI_RESULT_INVALID_PARAMETER);
	MI_Class_Delete(k);
	assert_int_equal(MI_Class_Delete(NULL), MI_RESULT_INVALID_PARAMETER);
}

static void engine_built_errors(void **state)
{
	(void)state;
	MI_Instance *e = mix_error_new(MI_RESULT_ACCESS_DENIED, "no entry", "CIMTUI0401", "http://h:5988");
	assert_string_equal(th_string(e, "Message"), "no entry");
	assert_string_equal(th_string(e, "MessageID"), "CIMTUI0401");
	assert_string_equal(th_string(e, "OwningEntity"), "cimtui");
	assert_string_equal(th_string(e, "ErrorSource"), "http://h:5988");
	assert_int_equal(th_uint(e, "CIMStatusCode"), 2);
	assert_int_equal(th_uint(e, "ErrorType"), MIX_ERRTYPE_SECURITY);
	assert_non_null(th_string(e, "CIMStatusCodeDescription"));
	MI_Instance_Delete(e);
	/* completing a server's sparse error keeps what it had */
	e = mix_instance_new("OMI_Error", NULL);
	mix_instance_add_string(e, "Message", "server says", 0);
	mix_instance_add_string(e, "ErrorSource", NULL, 0);
	mix_error_complete(e, MI_RESULT_NOT_FOUND, "ignored", "src");
	assert_string_equal(th_string(e, "Message"), "server says");
	assert_int_equal(th_uint(e, "CIMStatusCode"), 6);
	assert_string_equal(th_string(e, "ErrorSource"), "src");
	MI_Instance_Delete(e);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(datetime_round_trip),
		cmocka_unit_test(scalar_parsing),
		cmocka_unit_test(type_and_result_names),
		cmocka_unit_test(instance_elements_and_clone),
		cmocka_unit_test(class_accessors),
		cmocka_unit_test(engine_built_errors),
	};
	return cmocka_run_group_tests_name("model", tests, NULL, NULL);
}
