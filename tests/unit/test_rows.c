/* test_rows.c - the compact row store: memory bound for 1,000,000 rows
 * of a 20-property class, sort, filter, growing columns.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "rows.h"

#define NPROPS 20

static void fill_row(char cells[NPROPS][32], const char *ptrs[NPROPS], size_t lens[NPROPS], size_t i)
{
	for (int c = 0; c < NPROPS; c++) {
		/* like TST_Bulk: ids, numbers, short strings */
		int n = c == 0 ? snprintf(cells[c], 32, "BULK-%08zu", i)
		      : c % 3 == 0 ? snprintf(cells[c], 32, "item-%zu", i * 7 + (size_t)c)
		      : snprintf(cells[c], 32, "%zu", (i * 31 + (size_t)c) % 100000);
		ptrs[c] = cells[c];
		lens[c] = (size_t)n;
	}
}

static void million_rows_memory(void **state)
{
	(void)state;
	struct rows *r = rows_new();
	assert_non_null(r);
	for (int c = 0; c < NPROPS; c++) {
		char nm[16];
		snprintf(nm, sizeof nm, "Prop%02d", c);
		assert_int_equal(rows_col(r, nm, 13, c == 0), c);
	}
	char cells[NPROPS][32];
	const char *ptrs[NPROPS];
	size_t lens[NPROPS];
	const size_t N = 1000000;
	for (size_t i = 0; i < N; i++) {
		fill_row(cells, ptrs, lens, i);
		assert_int_equal(rows_add(r, ptrs, lens, NPROPS), 0);
	}
	rows_view_update(r, 1);
	assert_int_equal(r->n, N);
	assert_int_equal(r->nidx, N);
	size_t mem = rows_memory(r);
	double per_row = (double)mem / (double)N;
	double text_per_row = (double)r->text_bytes / (double)N;
	printf("# rows: %zu rows x %d props: %.1f MiB total, %.1f bytes/row (cell text %.1f bytes/row, overhead %.1f)\n",
		N, NPROPS, (double)mem / (1024.0 * 1024.0), per_row, text_per_row, per_row - text_per_row);
	/* overhead per row (headers, pointer, view index, arena slack) stays
	 * small: 2+2*20 header + 8 pointer + 4 index = 54, plus growth slack */
	assert_true(per_row - text_per_row < 80.0);
	assert_true(mem < (size_t)220 * 1024 * 1024);
	/* spot check */
	size_t len;
	const char *s = rows_cell(r, 765432, 0, &len);
	assert_non_null(s);
	assert_int_equal(len, 13);
	assert_memory_equal(s, "BULK-00765432", 13);
	/* sort 1M rows by a numeric-looking string column, descending */
	rows_set_sort(r, 1, 1);
	size_t l0, l1;
	const char *a = rows_cell(r, rows_at(r, 0), 1, &l0);
	const char *b = rows_cell(r, rows_at(r, N - 1), 1, &l1);
	assert_true(strtol(a, NULL, 10) >= strtol(b, NULL, 10));
	rows_free(r);
}

static void add_simple(struct rows *r, const char *a, const char *b)
{
	const char *p[2] = {a, b};
	size_t l[2] = {a ? strlen(a) : 0, b ? strlen(b) : 0};
	assert_int_equal(rows_add(r, p, l, 2), 0);
}

static void sort_and_filter(void **state)
{
	(void)state;
	struct rows *r = rows_new();
	rows_col(r, "Name", 13, 1);
	rows_col(r, "Size", 5 /* MI_UINT32 */, 0);
	add_simple(r, "delta", "10");
	add_simple(r, "Alpha", "9");
	add_simple(r, "charlie", NULL);
	add_simple(r, "bravo", "100");
	rows_view_update(r, 1);
	assert_int_equal(r->nidx, 4);
	/* case-insensitive text sort */
	rows_set_sort(r, 0, 0);
	size_t len;
	assert_memory_equal(rows_cell(r, rows_at(r, 0), 0, &len), "Alpha", 5);
	assert_memory_equal(rows_cell(r, rows_at(r, 3), 0, &len), "delta", 5);
	/* numeric sort, NULL first */
	rows_set_sort(r, 1, 0);
	assert_null(rows_cell(r, rows_at(r, 0), 1, &len));
	assert_memory_equal(rows_cell(r, rows_at(r, 1), 1, &len), "9", 1);
	assert_memory_equal(rows_cell(r, rows_at(r, 3), 1, &len), "100", 3);
	rows_set_sort(r, 1, 1);
	assert_memory_equal(rows_cell(r, rows_at(r, 0), 1, &len), "100", 3);
	/* filter: substring, case-insensitive, any cell */
	rows_set_sort(r, -1, 0);
	rows_set_filter(r, "AL");
	assert_int_equal(r->nidx, 1);
	assert_memory_equal(rows_cell(r, rows_at(r, 0), 0, &len), "Alpha", 5);
	rows_set_filter(r, "10");
	assert_int_equal(r->nidx, 2);
	/* rows arriving later are filtered incrementally */
	add_simple(r, "echo", "1000");
	rows_view_update(r, 0);
	assert_int_equal(r->nidx, 3);
	rows_set_filter(r, NULL);
	assert_int_equal(r->nidx, 5);
	assert_int_equal(rows_at(r, 0), 0); /* arrival order back */
	rows_free(r);
}

static void growing_columns(void **state)
{
	(void)state;
	struct rows *r = rows_new();
	rows_col(r, "A", 13, 0);
	add_simple(r, "x", NULL);
	int c = rows_col(r, "B", 13, 0);
	int c2 = rows_col(r, "C", 13, 0);
	assert_int_equal(c2, 2);
	assert_int_equal(rows_col(r, "b", 13, 1), c); /* names are case-insensitive */
	assert_true(r->cols[c].key);
	const char *p[3] = {"y", NULL, "z"};
	size_t l[3] = {1, 0, 1};
	rows_add(r, p, l, 3);
	size_t len;
	assert_null(rows_cell(r, 0, 2, &len)); /* older row: NULL */
	assert_memory_equal(rows_cell(r, 1, 2, &len), "z", 1);
	/* an empty string is not NULL */
	const char *e[1] = {""};
	size_t el[1] = {0};
	rows_add(r, e, el, 1);
	assert_non_null(rows_cell(r, 2, 0, &len));
	assert_int_equal(len, 0);
	rows_free(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(sort_and_filter),
		cmocka_unit_test(growing_columns),
		cmocka_unit_test(million_rows_memory),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
