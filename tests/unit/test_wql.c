/* test_wql.c - the WQL parser and evaluator on their own.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdlib.h>
#include <string.h>

#include "test_helpers.h"
#include "model.h"
#include "wql.h"

static MI_Instance *
sample(void)
{
	MI_Instance *i = mix_instance_new("CIM_Thing", "root/cimv2");
	MI_Value v;

	assert_non_null(i);
	mix_instance_add_string(i, "Name", "Alpha Beta", MI_FLAG_KEY);
	mix_instance_add_uint(i, "Size", MI_UINT64, 1000, 0);
	mix_instance_add_uint(i, "Small", MI_SINT32, (MI_Uint64)(int64_t)-5, 0);
	memset(&v, 0, sizeof v);
	v.boolean = MI_TRUE;
	mix_instance_adopt(i, "On", &v, MI_BOOLEAN, 0);
	mix_instance_add_string(i, "Nothing", NULL, 0);
	memset(&v, 0, sizeof v);
	v.stringa.data = calloc(2, sizeof(char *));
	v.stringa.data[0] = strdup("one");
	v.stringa.data[1] = strdup("two");
	v.stringa.size = 2;
	mix_instance_adopt(i, "List", &v, MI_STRINGA, 0);
	return i;
}

static int
matches(const char *text)
{
	struct wql_query *q;
	char err[256];
	MI_Instance *i = sample();
	int m;

	if (wql_parse(text, &q, err, sizeof err) != 0)
		fail_msg("parse failed: %s: %s", text, err);
	m = wql_match(q, i);
	wql_free(q);
	MI_Instance_Delete(i);
	return m;
}

static void
parse_shapes(void **state)
{
	struct wql_query *q;
	char err[256];

	assert_int_equal(wql_parse("select * from CIM_Thing", &q, err, sizeof err), 0);
	assert_string_equal(wql_class(q), "CIM_Thing");
	assert_int_equal(wql_select_count(q), 0);
	wql_free(q);
	assert_int_equal(wql_parse("SELECT Name, Size FROM X WHERE (Size > 1 OR Name = 'a') AND NOT On = TRUE", &q, err, sizeof err), 0);
	assert_int_equal(wql_select_count(q), 2);
	assert_string_equal(wql_select_at(q, 1), "Size");
	wql_free(q);
	static const char *const bad[] = {
		"", "SELECT", "SELECT *", "SELECT * FROM", "SELECT * FROM X WHERE", "SELECT * FROM X WHERE A",
		"SELECT * FROM X WHERE A = ", "SELECT * FROM X WHERE A = 'open", "SELECT * FROM X WHERE (A = 1",
		"SELECT * FROM X WHERE A = 1 extra", "SELECT a, FROM X", "UPDATE X", "SELECT * FROM X WHERE 1 = 2",
		"SELECT * FROM X WHERE A < NULL", "SELECT * FROM X WHERE A ~ 1", NULL
	};
	for (size_t i = 0; bad[i] != NULL; i++) {
		q = NULL;
		err[0] = '\0';
		if (wql_parse(bad[i], &q, err, sizeof err) != -1)
			fail_msg("accepted: %s", bad[i]);
		assert_null(q);
		assert_true(err[0] != '\0');
	}
}

static void
evaluate(void **state)
{
	assert_true(matches("SELECT * FROM T"));
	assert_true(matches("SELECT * FROM T WHERE Name = 'alpha beta'")); /* case-insensitive */
	assert_true(matches("SELECT * FROM T WHERE Name LIKE 'al%ta'"));
	assert_true(matches("SELECT * FROM T WHERE Name LIKE '_lpha%'"));
	assert_false(matches("SELECT * FROM T WHERE Name LIKE 'beta%'"));
	assert_true(matches("SELECT * FROM T WHERE Size = 1000 AND Size >= 1000 AND Size <= 1000"));
	assert_true(matches("SELECT * FROM T WHERE Size > 999.5 AND Size < 1e4"));
	assert_true(matches("SELECT * FROM T WHERE 2000 > Size"));
	assert_true(matches("SELECT * FROM T WHERE Size <> 1 AND Size != 2"));
	assert_true(matches("SELECT * FROM T WHERE Small < 0 AND Small = -5"));
	assert_true(matches("SELECT * FROM T WHERE On = TRUE AND NOT On = FALSE"));
	assert_true(matches("SELECT * FROM T WHERE Nothing IS NULL AND Name IS NOT NULL"));
	assert_true(matches("SELECT * FROM T WHERE Nothing = NULL"));
	assert_false(matches("SELECT * FROM T WHERE Nothing = 'x' OR Nothing <> 'x'"));
	assert_false(matches("SELECT * FROM T WHERE Missing = 1"));
	assert_true(matches("SELECT * FROM T WHERE List = 'two'"));
	assert_true(matches("SELECT * FROM T WHERE Size = '1000'"));
	assert_true(matches("SELECT * FROM T WHERE Name = \"it\"\"s\" OR Size = 1000"));
	assert_true(matches("SELECT * FROM T WHERE (Size = 1 OR Size = 1000) AND (Name <> 'x')"));
	assert_true(wql_like("abc", "%"));
	assert_true(wql_like("", "%"));
	assert_false(wql_like("", "_"));
	assert_true(wql_like("a%c", "a%%c"));
}

/* Hostile queries: bounded nesting and length, and LIKE in linear time. */
static void
hostile_queries(void **state)
{
	(void)state;
	struct wql_query *q = NULL;
	char err[256];
	size_t n = 100000;
	char *deep = malloc(n * 2 + 64);
	assert_non_null(deep);
	strcpy(deep, "SELECT * FROM T WHERE ");
	size_t len = strlen(deep);
	for (size_t i = 0; i < n; i++)
		deep[len++] = '(';
	strcpy(deep + len, "A = 1");
	assert_int_equal(wql_parse(deep, &q, err, sizeof err), -1);
	assert_non_null(strstr(err, "nested deeper"));
	len = strlen("SELECT * FROM T WHERE ");
	for (size_t i = 0; i < n / 4; i++) {
		memcpy(deep + len, "NOT ", 4);
		len += 4;
	}
	strcpy(deep + len, "A = 1");
	assert_int_equal(wql_parse(deep, &q, err, sizeof err), -1);
	free(deep);

	char *chain = malloc(20 * 5000 + 64);
	assert_non_null(chain);
	strcpy(chain, "SELECT * FROM T WHERE A = 1");
	len = strlen(chain);
	for (int i = 0; i < 5000; i++) {
		memcpy(chain + len, " AND A = 1", 10);
		len += 10;
	}
	chain[len] = '\0';
	assert_int_equal(wql_parse(chain, &q, err, sizeof err), -1);
	assert_non_null(strstr(err, "conditions"));
	free(chain);
	/* within the limits it still works */
	assert_int_equal(wql_parse("SELECT * FROM T WHERE ((((NOT A = 1)))) AND B = 2 OR C = 3", &q, err, sizeof err), 0);
	wql_free(q);

	/* '%_' twenty times against a 46-character string: exponential for a
	 * backtracking matcher, instant here */
	char pat[64] = "";
	for (int i = 0; i < 20; i++)
		strcat(pat, "%_");
	strcat(pat, "%z");
	assert_false(wql_like("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", pat));
	assert_true(wql_like("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaz", pat));
	assert_true(wql_like("kworker/0:1H", "kworker%:%"));
	assert_true(wql_like("abcbcd", "%bcd"));
	assert_false(wql_like("abcbce", "%bcd"));
	assert_true(wql_like("ABC", "a_c"));
	assert_false(wql_like("abcd", "a_c"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parse_shapes),
		cmocka_unit_test(hostile_queries),
		cmocka_unit_test(evaluate),
	};
	return cmocka_run_group_tests_name("wql", tests, NULL, NULL);
}
