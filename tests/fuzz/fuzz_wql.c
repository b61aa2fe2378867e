/* fuzz_wql.c - libFuzzer target for the WQL parser and evaluator
 * (engine/wql.c).
 *
 * The input (NUL-terminated, cut at the first NUL) is parsed as a query.
 * A failure must say why; a success must name a class, list its SELECT
 * properties and walk its WHERE properties without surprises, and is then
 * evaluated with wql_match against a fixed instance holding one property
 * of every scalar type, arrays, a NULL property and a key (missing
 * properties are exercised by whatever names the query invents).
 * wql_match must answer 0 or 1, and the same twice.
 *
 * fuzz-sources: engine/wql.c engine/instance.c engine/value.c engine/datetime.c engine/class.c engine/error.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "wql.h"

static MI_Instance *fixed;

static void
add(MI_Instance *inst, const char *name, MI_Type t, MI_Value v, MI_Uint32 flags)
{
	if (MI_Instance_AddElement(inst, name, &v, t, flags) != MI_RESULT_OK)
		__builtin_trap();
}

static MI_Instance *
build_instance(void)
{
	MI_Instance *inst = mix_instance_new("CIM_FuzzThing", "root/cimv2");
	MI_Value v;
	if (!inst)
		__builtin_trap();
	memset(&v, 0, sizeof v);
	v.string = (MI_Char *)"Fuzz-Thing_01";
	add(inst, "Name", MI_STRING, v, MI_FLAG_KEY);
	v.string = (MI_Char *)"a 100% literal_value with 'quotes' and \"more\"";
	add(inst, "Caption", MI_STRING, v, 0);
	v.string = (MI_Char *)"";
	add(inst, "Empty", MI_STRING, v, 0);
	v.string = (MI_Char *)"42";
	add(inst, "NumText", MI_STRING, v, 0);
	v.string = (MI_Char *)"TRUE";
	add(inst, "BoolText", MI_STRING, v, 0);
	v.boolean = MI_TRUE;
	add(inst, "Enabled", MI_BOOLEAN, v, 0);
	v.uint8 = 200;
	add(inst, "U8", MI_UINT8, v, 0);
	v.sint8 = -100;
	add(inst, "S8", MI_SINT8, v, 0);
	v.uint16 = 65535;
	add(inst, "U16", MI_UINT16, v, 0);
	v.sint16 = -32768;
	add(inst, "S16", MI_SINT16, v, 0);
	v.uint32 = 4000000000u;
	add(inst, "U32", MI_UINT32, v, 0);
	v.sint32 = -7;
	add(inst, "S32", MI_SINT32, v, 0);
	v.uint64 = UINT64_MAX;
	add(inst, "U64", MI_UINT64, v, 0);
	v.sint64 = INT64_MIN;
	add(inst, "S64", MI_SINT64, v, 0);
	v.real32 = 1.5f;
	add(inst, "R32", MI_REAL32, v, 0);
	v.real64 = -2.25e-10;
	add(inst, "R64", MI_REAL64, v, 0);
	v.char16 = 'x';
	add(inst, "C16", MI_CHAR16, v, 0);
	v.char16 = 0x20AC;
	add(inst, "Euro", MI_CHAR16, v, 0);
	memset(&v, 0, sizeof v);
	v.datetime.isTimestamp = 1;
	v.datetime.u.timestamp.year = 2024;
	v.datetime.u.timestamp.month = 2;
	v.datetime.u.timestamp.day = 29;
	v.datetime.u.timestamp.hour = 13;
	v.datetime.u.timestamp.utc = -300;
	add(inst, "Installed", MI_DATETIME, v, 0);
	memset(&v, 0, sizeof v);
	v.datetime.u.interval.days = 3;
	v.datetime.u.interval.seconds = 59;
	add(inst, "Uptime", MI_DATETIME, v, 0);

	static MI_Char *tags[] = { (MI_Char *)"alpha", (MI_Char *)"Beta", (MI_Char *)"gamma%_" };
	memset(&v, 0, sizeof v);
	v.stringa.data = tags;
	v.stringa.size = 3;
	add(inst, "Tags", MI_STRINGA, v, 0);
	static MI_Uint16 codes[] = { 0, 2, 32768 };
	v.uint16a.data = codes;
	v.uint16a.size = 3;
	add(inst, "Codes", MI_UINT16A, v, 0);
	static MI_Real64 reals[] = { 0.0, -1.0, 1e300 };
	v.real64a.data = reals;
	v.real64a.size = 3;
	add(inst, "Reals", MI_REAL64A, v, 0);
	static MI_Boolean bools[] = { MI_FALSE, MI_TRUE };
	v.booleana.data = bools;
	v.booleana.size = 2;
	add(inst, "Flags", MI_BOOLEANA, v, 0);
	v.uint32a.data = NULL;
	v.uint32a.size = 0;
	add(inst, "NoItems", MI_UINT32A, v, 0);
	memset(&v, 0, sizeof v);
	add(inst, "Nothing", MI_STRING, v, MI_FLAG_NULL);
	add(inst, "NullCount", MI_UINT32, v, MI_FLAG_NULL);

	MI_Instance *ref = mix_instance_new("CIM_Other", NULL);
	if (!ref || mix_instance_add_string(ref, "ID", "o1", MI_FLAG_KEY) != MI_RESULT_OK)
		__builtin_trap();
	v.reference = ref;
	add(inst, "Link", MI_REFERENCE, v, 0);
	MI_Instance_Delete(ref);
	return inst;
}

static int
where_prop(const char *prop, void *ctx)
{
	size_t *n = ctx;
	if (!prop || !*prop)
		__builtin_trap();
	(*n)++;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!fixed)
		fixed = build_instance();
	char *text = malloc(size + 1);
	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';

	struct wql_query *q = NULL;
	char err[128];
	int rc = wql_parse(text, &q, err, sizeof err);
	if (rc != 0) {
		if (q || (rc != -1 && rc != -2) || !err[0])
			__builtin_trap();
	} else {
		if (!q || !wql_class(q) || !*wql_class(q))
			__builtin_trap();
		size_t n = wql_select_count(q);
		for (size_t i = 0; i < n; i++)
			if (!wql_select_at(q, i) || !*wql_select_at(q, i))
				__builtin_trap();
		if (wql_select_at(q, n))
			__builtin_trap();
		size_t nprops = 0;
		if (wql_where_foreach(q, where_prop, &nprops) != 0)
			__builtin_trap();
		int m = wql_match(q, fixed);
		if ((m != 0 && m != 1) || wql_match(q, fixed) != m)
			__builtin_trap();
		wql_free(q);
	}
	free(text);
	return 0;
}
