/* test_format.c - every output format on a hand-built instance holding
 * every CIM type, a class definition, and the escaping rules.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "format.h"
#include "model.h" /* to build an MI_Class (tests only) */

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

#define ADD(inst, name, field, val, type, flags)                                       \
	do {                                                                           \
		MI_Value v_;                                                           \
		memset(&v_, 0, sizeof v_);                                             \
		v_.field = val;                                                        \
		assert_int_equal(MI_Instance_AddElement(inst, name, &v_, type, flags), 0); \
	} while (0)

static MI_Instance *new_inst(const char *cls)
{
	MI_Instance *i = NULL;
	assert_int_equal(MI_Application_NewInstance(&app, cls, NULL, &i), MI_RESULT_OK);
	return i;
}

/* An instance with every type. */
static MI_Instance *all_types(void)
{
	MI_Instance *i = new_inst("TST_All");
	MI_Instance_SetNameSpace(i, "root/test");
	ADD(i, "Id", string, "k\"1", MI_STRING, MI_FLAG_KEY);
	ADD(i, "N", uint32, 7, MI_UINT32, MI_FLAG_KEY);
	ADD(i, "B", boolean, 1, MI_BOOLEAN, 0);
	ADD(i, "U8", uint8, 255, MI_UINT8, 0);
	ADD(i, "S8", sint8, -128, MI_SINT8, 0);
	ADD(i, "U16", uint16, 65535, MI_UINT16, 0);
	ADD(i, "S16", sint16, -32768, MI_SINT16, 0);
	ADD(i, "S32", sint32, -5, MI_SINT32, 0);
	ADD(i, "U64", uint64, 18446744073709551615ull, MI_UINT64, 0);
	ADD(i, "S64", sint64, INT64_MIN, MI_SINT64, 0);
	ADD(i, "R32", real32, 0.15625f, MI_REAL32, 0);
	ADD(i, "R64", real64, 0.1, MI_REAL64, 0);
	ADD(i, "Nan", real64, NAN, MI_REAL64, 0);
	ADD(i, "Inf", real64, -INFINITY, MI_REAL64, 0);
	ADD(i, "C16", char16, 0x3A9, MI_CHAR16, 0);
	MI_Datetime dt;
	memset(&dt, 0, sizeof dt);
	dt.isTimestamp = 1;
	dt.u.timestamp.year = 2026;
	dt.u.timestamp.month = 1;
	dt.u.timestamp.day = 2;
	dt.u.timestamp.utc = 60;
	ADD(i, "When", datetime, dt, MI_DATETIME, 0);
	ADD(i, "Text", string, "a\tb\nc\x1b[2J\xe2\x80\xae\xff", MI_STRING, 0);
	assert_int_equal(MI_Instance_AddElement(i, "Null", NULL, MI_UINT32, MI_FLAG_NULL), 0);
	MI_Char *strs[] = { "x", "y,z" };
	MI_Value v;
	v.stringa.data = strs;
	v.stringa.size = 2;
	assert_int_equal(MI_Instance_AddElement(i, "Tags", &v, MI_STRINGA, 0), 0);
	MI_Uint16 nums[] = { 1, 2 };
	v.uint16a.data = nums;
	v.uint16a.size = 2;
	assert_int_equal(MI_Instance_AddElement(i, "Codes", &v, MI_UINT16A, 0), 0);
	MI_Instance *ref = new_inst("TST_Other");
	MI_Instance_SetNameSpace(ref, "root/test");
	ADD(ref, "Name", string, "o\"1", MI_STRING, MI_FLAG_KEY);
	ADD(i, "Ref", reference, ref, MI_REFERENCE, 0);
	MI_Instance_Delete(ref);
	MI_Instance *emb = new_inst("TST_Emb");
	ADD(emb, "V", sint32, -1, MI_SINT32, 0);
	ADD(i, "Emb", instance, emb, MI_INSTANCE, 0);
	MI_Instance_Delete(emb);
	return i;
}

/* Runs a format over the instances and returns what it wrote. */
static char *render(enum cimtui_format format, int tty, MI_Instance **insts, size_t n)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	assert_non_null(f);
	struct fmt fm;
	fmt_init(&fm, f, format, tty, "root/default");
	fmt_begin(&fm);
	for (size_t k = 0; k < n; k++)
		fmt_instance(&fm, insts[k]);
	fmt_end(&fm);
	fmt_free(&fm);
	fclose(f);
	return buf;
}

static void check(enum cimtui_format format, const char *expected)
{
	MI_Instance *i = all_types();
	char *out = render(format, 0, &i, 1);
	if (strcmp(out, expected)) {
		print_message("---- got:\n%s---- expected:\n%s----\n", out, expected);
		fail();
	}
	free(out);
	MI_Instance_Delete(i);
}

static void test_mof(void **state)
{
	(void)state;
	check(FORMAT_MOF,
		"// /root/test:TST_All.Id=\"k\\\"1\",N=7\n"
		"instance of TST_All {\n"
		"    Id = \"k\\\"1\";\n"
		"    N = 7;\n"
		"    B = TRUE;\n"
		"    U8 = 255;\n"
		"    S8 = -128;\n"
		"    U16 = 65535;\n"
		"    S16 = -32768;\n"
		"    S32 = -5;\n"
		"    U64 = 18446744073709551615;\n"
		"    S64 = -9223372036854775808;\n"
		"    R32 = 0.15625;\n"
		"    R64 = 0.1;\n"
		"    Nan = NaN;\n"
		"    Inf = -INF;\n"
		"    C16 = '\xce\xa9';\n"
		"    When = \"20260102000000.000000+060\";\n"
		"    Text = \"a\\tb\\nc\\x001B[2J\\x202E\xef\xbf\xbd\";\n"
		"    Null = NULL;\n"
		"    Tags = {\"x\", \"y,z\"};\n"
		"    Codes = {1, 2};\n"
		"    Ref = \"/root/test:TST_Other.Name=\\\"o\\\\\\\"1\\\"\";\n"
		"    Emb = instance of TST_Emb {\n"
		"        V = -1;\n"
		"    };\n"
		"};\n");
}

static void test_json(void **state)
{
	(void)state;
	check(FORMAT_JSON,
		"{\"classname\":\"TST_All\",\"namespace\":\"root/test\",\"path\":\"/root/test:TST_All.Id=\\\"k\\\\\\\"1\\\",N=7\","
		"\"properties\":{"
		"\"Id\":{\"type\":\"string\",\"value\":\"k\\\"1\",\"key\":true},"
		"\"N\":{\"type\":\"uint32\",\"value\":7,\"key\":true},"
		"\"B\":{\"type\":\"boolean\",\"value\":true},"
		"\"U8\":{\"type\":\"uint8\",\"value\":255},"
		"\"S8\":{\"type\":\"sint8\",\"value\":-128},"
		"\"U16\":{\"type\":\"uint16\",\"value\":65535},"
		"\"S16\":{\"type\":\"sint16\",\"value\":-32768},"
		"\"S32\":{\"type\":\"sint32\",\"value\":-5},"
		"\"U64\":{\"type\":\"uint64\",\"value\":18446744073709551615},"
		"\"S64\":{\"type\":\"sint64\",\"value\":-9223372036854775808},"
		"\"R32\":{\"type\":\"real32\",\"value\":0.15625},"
		"\"R64\":{\"type\":\"real64\",\"value\":0.1},"
		"\"Nan\":{\"type\":\"real64\",\"value\":\"NaN\"},"
		"\"Inf\":{\"type\":\"real64\",\"value\":\"-INF\"},"
		"\"C16\":{\"type\":\"char16\",\"value\":\"\xce\xa9\"},"
		"\"When\":{\"type\":\"datetime\",\"value\":\"20260102000000.000000+060\"},"
		"\"Text\":{\"type\":\"string\",\"value\":\"a\\tb\\nc\\u001b[2J\\u202e\xef\xbf\xbd\"},"
		"\"Null\":{\"type\":\"uint32\",\"value\":null},"
		"\"Tags\":{\"type\":\"string[]\",\"value\":[\"x\",\"y,z\"]},"
		"\"Codes\":{\"type\":\"uint16[]\",\"value\":[1,2]},"
		"\"Ref\":{\"type\":\"reference\",\"value\":\"/root/test:TST_Other.Name=\\\"o\\\\\\\"1\\\"\"},"
		"\"Emb\":{\"type\":\"instance\",\"value\":{\"classname\":\"TST_Emb\",\"properties\":{\"V\":{\"type\":\"sint32\",\"value\":-1}}}}"
		"}}\n");
}

static void test_xml(void **state)
{
	(void)state;
	check(FORMAT_XML,
		"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<RESULTS>\n"
		"<VALUE.OBJECTWITHLOCALPATH><LOCALINSTANCEPATH><LOCALNAMESPACEPATH><NAMESPACE NAME=\"root\"/>"
		"<NAMESPACE NAME=\"test\"/></LOCALNAMESPACEPATH><INSTANCENAME CLASSNAME=\"TST_All\">"
		"<KEYBINDING NAME=\"Id\"><KEYVALUE VALUETYPE=\"string\" TYPE=\"string\">k&quot;1</KEYVALUE></KEYBINDING>"
		"<KEYBINDING NAME=\"N\"><KEYVALUE VALUETYPE=\"numeric\" TYPE=\"uint32\">7</KEYVALUE></KEYBINDING>"
		"</INSTANCENAME></LOCALINSTANCEPATH><INSTANCE CLASSNAME=\"TST_All\">"
		"<PROPERTY NAME=\"Id\" TYPE=\"string\"><VALUE>k&quot;1</VALUE></PROPERTY>"
		"<PROPERTY NAME=\"N\" TYPE=\"uint32\"><VALUE>7</VALUE></PROPERTY>"
		"<PROPERTY NAME=\"B\" TYPE=\"boolean\"><VALUE>TRUE</VALUE></PROPERTY>"
		"<PROPERTY NAME=\"U8\" TYPE=\"uint8\"><VALUE>255</VALUE></PROPERTY>"
		"<PROPERTY NAME=\"S8\" TYPE=\"sint8\"><VALUE>-128</VALUE></PROPERTY>"
		"<PROPERTY NAME=\"U16\" TYPE=\"uint16\"><VALUE>65535</VALUE></PROPERTY>"
		"<PROPERTY NAME=\"S16\" TYPE=\"sint16\"><VALUE>-32768</VALUE></PROPERTY>"
		"<PROPERTY NAME=\"S32\" TYPE=\"sint32\"><VALUE>-5</VALUE></PROPERTY>"
		"<PROPERTY NAME=\"U64\" TYPE=\"uint64\"><VALUE>18446744073709551615</VALUE></PROPERTY>"
		"<PROPERTY NAME=\"S64\" TYPE=\"sint64\"><VALUE>-9223372036854775808</VALUE></PROPERTY>"
		"<PROPERTY NAME=\"R32\" TYPE=\"real32\"><VALUE>0.15625</VALUE></PROPERTY>"
		"<PROPERTY NAME=\"R64\" TYPE=\"real64\"><VALUE>0.1</VALUE></PROPERTY>"
		"<PROPERTY NAME=\"Nan\" TYPE=\"real64\"><VALUE>NaN</VALUE></PROPERTY>"
		"<PROPERTY NAME=\"Inf\" TYPE=\"real64\"><VALUE>-INF</VALUE></PROPERTY>"
		"<PROPERTY NAME=\"C16\" TYPE=\"char16\"><VALUE>\xce\xa9</VALUE></PROPERTY>"
		"<PROPERTY NAME=\"When\" TYPE=\"datetime\"><VALUE>20260102000000.000000+060</VALUE></PROPERTY>"
		"<PROPERTY NAME=\"Text\" TYPE=\"string\"><VALUE>a&#9;b&#10;c\xef\xbf\xbd[2J&#x202E;\xef\xbf\xbd</VALUE></PROPERTY>"
		"<PROPERTY NAME=\"Null\" TYPE=\"uint32\"></PROPERTY>"
		"<PROPERTY.ARRAY NAME=\"Tags\" TYPE=\"string\"><VALUE.ARRAY><VALUE>x</VALUE><VALUE>y,z</VALUE></VALUE.ARRAY></PROPERTY.ARRAY>"
		"<PROPERTY.ARRAY NAME=\"Codes\" TYPE=\"uint16\"><VALUE.ARRAY><VALUE>1</VALUE><VALUE>2</VALUE></VALUE.ARRAY></PROPERTY.ARRAY>"
		"<PROPERTY.REFERENCE NAME=\"Ref\"><VALUE.REFERENCE><LOCALINSTANCEPATH><LOCALNAMESPACEPATH>"
		"<NAMESPACE NAME=\"root\"/><NAMESPACE NAME=\"test\"/></LOCALNAMESPACEPATH><INSTANCENAME CLASSNAME=\"TST_Other\">"
		"<KEYBINDING NAME=\"Name\"><KEYVALUE VALUETYPE=\"string\" TYPE=\"string\">o&quot;1</KEYVALUE></KEYBINDING>"
		"</INSTANCENAME></LOCALINSTANCEPATH></VALUE.REFERENCE></PROPERTY.REFERENCE>"
		"<PROPERTY NAME=\"Emb\" TYPE=\"string\" EmbeddedObject=\"instance\"><VALUE>&lt;INSTANCE CLASSNAME=&quot;TST_Emb&quot;&gt;"
		"&lt;PROPERTY NAME=&quot;V&quot; TYPE=&quot;sint32&quot;&gt;&lt;VALUE&gt;-1&lt;/VALUE&gt;&lt;/PROPERTY&gt;&lt;/INSTANCE&gt;</VALUE></PROPERTY>"
		"</INSTANCE></VALUE.OBJECTWITHLOCALPATH>\n"
		"</RESULTS>\n");
}

static void test_csv(void **state)
{
	(void)state;
	check(FORMAT_CSV,
		"Id,N,B,U8,S8,U16,S16,S32,U64,S64,R32,R64,Nan,Inf,C16,When,Text,Null,Tags,Codes,Ref,Emb\n"
		"\"k\"\"1\",7,TRUE,255,-128,65535,-32768,-5,18446744073709551615,-9223372036854775808,0.15625,0.1,"
		"NaN,-INF,\xce\xa9,20260102000000.000000+060,\"a\tb\nc\x1b[2J\xe2\x80\xae\xff\",,\"{x, y,z}\",\"{1, 2}\","
		"\"/root/test:TST_Other.Name=\"\"o\\\"\"1\"\"\",instance of TST_Emb\n");
}

static void test_table(void **state)
{
	(void)state;
	MI_Instance *a = new_inst("T");
	ADD(a, "Name", string, "alpha", MI_STRING, 0);
	ADD(a, "Id", uint32, 1, MI_UINT32, MI_FLAG_KEY); /* keys come first */
	MI_Instance *b = new_inst("T");
	ADD(b, "Id", uint32, 22, MI_UINT32, MI_FLAG_KEY);
	ADD(b, "Name", string, "b\x1b[31m\xe6\x97\xa5", MI_STRING, 0);
	assert_int_equal(MI_Instance_AddElement(b, "Extra", NULL, MI_STRING, MI_FLAG_NULL), 0);
	MI_Instance *v[] = { a, b };
	char *out = render(FORMAT_TABLE, 0, v, 2);
	const char *expected =
		"Id  Name         Extra\n"
		"--  -----------  -----\n"
		"1   alpha\n"
		"22  b\\x1b[31m\xe6\x97\xa5\n";
	if (strcmp(out, expected)) {
		print_message("---- got:\n%s---- expected:\n%s----\n", out, expected);
		fail();
	}
	free(out);
	/* CSV to a terminal escapes control characters too */
	out = render(FORMAT_CSV, 1, v, 2);
	assert_string_equal(out, "Id,Name\n1,alpha\n22,b\\x1b[31m\xe6\x97\xa5\n");
	free(out);
	MI_Instance_Delete(a);
	MI_Instance_Delete(b);
}

static void test_table_streams_after_sample(void **state)
{
	(void)state;
	MI_Instance *v[FMT_TABLE_SAMPLE + 5];
	for (size_t k = 0; k < FMT_TABLE_SAMPLE + 5; k++) {
		v[k] = new_inst("T");
		ADD(v[k], "K", uint32, (MI_Uint32)k, MI_UINT32, MI_FLAG_KEY);
		if (k >= FMT_TABLE_SAMPLE)
			ADD(v[k], "Late", string, "dropped", MI_STRING, 0);
	}
	char *out = render(FORMAT_TABLE, 0, v, FMT_TABLE_SAMPLE + 5);
	assert_null(strstr(out, "dropped"));
	assert_non_null(strstr(out, "\n104\n"));
	assert_int_equal(strncmp(out, "K\n--\n0\n", 7), 0); /* widths from the sample */
	free(out);
	for (size_t k = 0; k < FMT_TABLE_SAMPLE + 5; k++)
		MI_Instance_Delete(v[k]);
}

/* Cells wider than their column are cut with an ellipsis, by display
 * width (a CJK character takes two columns and is never split), so the
 * columns after them stay aligned; keys and the last column are never cut. */
static void test_table_cuts_wide_cells(void **state)
{
	(void)state;
	char args[20][6];
	MI_Char *argv[20];
	for (int k = 0; k < 20; k++) {
		snprintf(args[k], sizeof args[k], "arg%02d", k + 1);
		argv[k] = args[k];
	}
	MI_Value v;
	MI_Instance *a = new_inst("T");
	ADD(a, "Id", uint32, 1, MI_UINT32, MI_FLAG_KEY);
	ADD(a, "Name", string, "x", MI_STRING, 0);
	v.stringa.data = argv;
	v.stringa.size = 20; /* "{arg01, ..., arg20}": 140 columns */
	assert_int_equal(MI_Instance_AddElement(a, "Params", &v, MI_STRINGA, 0), 0);
	ADD(a, "Tail", string, "t", MI_STRING, 0);
	MI_Instance *b = new_inst("T");
	ADD(b, "Id", uint32, 2, MI_UINT32, MI_FLAG_KEY);
	char wide[31 * 3 + 1] = ""; /* 31 x U+65E5: 62 columns */
	for (int k = 0; k < 31; k++)
		strcat(wide, "\xe6\x97\xa5");
	ADD(b, "Name", string, wide, MI_STRING, 0);
	v.stringa.data = argv;
	v.stringa.size = 1;
	assert_int_equal(MI_Instance_AddElement(b, "Params", &v, MI_STRINGA, 0), 0);
	ADD(b, "Tail", string, wide, MI_STRING, 0);
	MI_Instance *v2[] = { a, b };
	char *out = render(FORMAT_TABLE, 0, v2, 2);
#define D10 "----------"
#define S10 "          "
#define W3 "\xe6\x97\xa5\xe6\x97\xa5\xe6\x97\xa5"
	const char *expected =
		"Id  Name" S10 S10 S10 S10 S10 "        Params" S10 S10 S10 S10 S10 "      Tail\n"
		"--  " D10 D10 D10 D10 D10 D10 "  " D10 D10 D10 D10 D10 D10 "  " D10 D10 D10 D10 D10 D10 "\n"
		"1   x" S10 S10 S10 S10 S10 S10 " "
		"{arg01, arg02, arg03, arg04, arg05, arg06, arg07, arg08, ar\xe2\x80\xa6  t\n"
		"2   " W3 W3 W3 W3 W3 W3 W3 W3 W3 "\xe6\x97\xa5\xe6\x97\xa5\xe2\x80\xa6   {arg01}" S10 S10 S10 S10 S10 "     "
		W3 W3 W3 W3 W3 W3 W3 W3 W3 W3 "\xe6\x97\xa5\n";
#undef D10
#undef S10
#undef W3
	if (strcmp(out, expected)) {
		print_message("---- got:\n%s---- expected:\n%s----\n", out, expected);
		fail();
	}
	free(out);
	MI_Instance_Delete(a);
	MI_Instance_Delete(b);

	/* a row after the sample wider than the sample's widths */
	MI_Instance *r[FMT_TABLE_SAMPLE + 1];
	for (size_t k = 0; k <= FMT_TABLE_SAMPLE; k++) {
		r[k] = new_inst("T");
		ADD(r[k], "K", uint32, (MI_Uint32)k, MI_UINT32, MI_FLAG_KEY);
		ADD(r[k], "Name", string, k < FMT_TABLE_SAMPLE ? "n" : "long-long", MI_STRING, 0);
		ADD(r[k], "Z", string, "z", MI_STRING, 0);
	}
	out = render(FORMAT_TABLE, 0, r, FMT_TABLE_SAMPLE + 1);
	assert_non_null(strstr(out, "\n100 lon\xe2\x80\xa6  z\n")); /* the key K is not cut */
	assert_non_null(strstr(out, "\n99  n     z\n"));
	free(out);
	for (size_t k = 0; k <= FMT_TABLE_SAMPLE; k++)
		MI_Instance_Delete(r[k]);
}

static void test_escapes(void **state)
{
	(void)state;
	struct sbuf b = SBUF_INIT;
	/* every C0 control, DEL, a C1 control, invalid UTF-8 */
	char in[64];
	size_t n = 0;
	for (int c = 1; c < 0x20; c++)
		in[n++] = (char)c;
	in[n++] = 0x7f;
	in[n++] = (char)0xc2;
	in[n++] = (char)0x9b; /* U+009B CSI */
	in[n++] = (char)0xc3; /* truncated sequence */
	in[n] = '\0';
	fmt_text_human(&b, in);
	for (size_t k = 0; k < b.len; k++)
		assert_true((unsigned char)b.p[k] >= 0x20 && b.p[k] != 0x7f);
	assert_non_null(strstr(b.p, "\\x1b"));
	assert_non_null(strstr(b.p, "\\u009b"));
	assert_non_null(strstr(b.p, "\xef\xbf\xbd"));
	sb_reset(&b);
	fmt_text_json(&b, in);
	assert_string_equal(b.p,
		"\"\\u0001\\u0002\\u0003\\u0004\\u0005\\u0006\\u0007\\b\\t\\n\\u000b\\f\\r\\u000e\\u000f"
		"\\u0010\\u0011\\u0012\\u0013\\u0014\\u0015\\u0016\\u0017\\u0018\\u0019\\u001a\\u001b"
		"\\u001c\\u001d\\u001e\\u001f\\u007f\\u009b\xef\xbf\xbd\"");
	sb_reset(&b);
	fmt_text_mof(&b, "q\"\\\x01");
	assert_string_equal(b.p, "q\\\"\\\\\\x0001");
	sb_reset(&b);
	fmt_text_xml(&b, "<&>\"'\x01\xc2\x85");
	assert_string_equal(b.p, "&lt;&amp;&gt;&quot;&apos;\xef\xbf\xbd&#x85;");
	sb_free(&b);
}

static MI_Class *build_class(void)
{
	MI_Class *c = mix_class_new("TST_Thing", "CIM_ManagedElement", "root/test");
	MI_Value v;
	v.string = strdup("A \"thing\"");
	mix_qualifiers_adopt(&c->quals, "Description", MI_STRING, &v, 0);
	struct mix_property *p = mix_class_add_property(c, "Name", MI_STRING, MI_FLAG_KEY | MI_FLAG_NULL);
	v.boolean = 1;
	mix_qualifiers_adopt(&p->quals, "Key", MI_BOOLEAN, &v, 0);
	p = mix_class_add_property(c, "Count", MI_UINT32, 0);
	p->value.uint32 = 5;
	p->flags &= ~(MI_Uint32)MI_FLAG_NULL;
	p = mix_class_add_property(c, "Tags", MI_STRINGA, MI_FLAG_NULL);
	p = mix_class_add_property(c, "Owner", MI_REFERENCE, MI_FLAG_NULL);
	p->ref_class = strdup("CIM_System");
	struct mix_method *m = mix_class_add_method(c, "Go", MI_UINT32);
	mix_method_add_param(m, "A", MI_UINT32, MI_FLAG_IN);
	mix_method_add_param(m, "B", MI_STRINGA, MI_FLAG_OUT);
	return c;
}

static void test_class(void **state)
{
	(void)state;
	MI_Class *c = build_class();
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	struct fmt fm;
	fmt_init(&fm, f, FORMAT_MOF, 0, "root/test");
	fmt_class(&fm, c);
	fmt_end(&fm);
	fmt_free(&fm);
	fclose(f);
	assert_string_equal(buf,
		"[Description(\"A \\\"thing\\\"\")]\n"
		"class TST_Thing : CIM_ManagedElement {\n"
		"    [Key]\n"
		"    string Name;\n"
		"    uint32 Count = 5;\n"
		"    string Tags[];\n"
		"    CIM_System REF Owner;\n"
		"    uint32 Go([IN] uint32 A, [OUT] string B[]);\n"
		"};\n");
	free(buf);
	buf = NULL;
	f = open_memstream(&buf, &len);
	fmt_init(&fm, f, FORMAT_JSON, 0, "root/test");
	fmt_class(&fm, c);
	fmt_end(&fm);
	fmt_free(&fm);
	fclose(f);
	assert_string_equal(buf,
		"{\"classname\":\"TST_Thing\",\"superclass\":\"CIM_ManagedElement\",\"namespace\":\"root/test\","
		"\"qualifiers\":{\"Description\":\"A \\\"thing\\\"\"},\"properties\":{"
		"\"Name\":{\"type\":\"string\",\"key\":true,\"qualifiers\":{\"Key\":true}},"
		"\"Count\":{\"type\":\"uint32\",\"default\":5,\"qualifiers\":{}},"
		"\"Tags\":{\"type\":\"string[]\",\"qualifiers\":{}},"
		"\"Owner\":{\"type\":\"reference\",\"refclass\":\"CIM_System\",\"qualifiers\":{}}},"
		"\"methods\":{\"Go\":{\"type\":\"uint32\",\"qualifiers\":{},\"parameters\":{"
		"\"A\":{\"type\":\"uint32\",\"in\":true,\"out\":false,\"qualifiers\":{}},"
		"\"B\":{\"type\":\"string[]\",\"in\":false,\"out\":true,\"qualifiers\":{}}}}}}\n");
	free(buf);
	MI_Class_Delete(c);
}

int main(void)
{
	/* table widths: CJK characters take two columns */
	if (!setlocale(LC_ALL, "C.UTF-8"))
		setlocale(LC_ALL, "en_US.UTF-8");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_mof),
		cmocka_unit_test(test_json),
		cmocka_unit_test(test_xml),
		cmocka_unit_test(test_csv),
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_table_streams_after_sample),
		cmocka_unit_test(test_table_cuts_wide_cells),
		cmocka_unit_test(test_escapes),
		cmocka_unit_test(test_class),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
