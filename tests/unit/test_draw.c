/* test_draw.c - width-aware cutting (CJK, emoji, combining marks) and
 * escaping of control characters.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "draw.h"

static void esc(const char *in, size_t n, const char *want)
{
	char *e = draw_escape(in, n);
	assert_string_equal(e, want);
	assert_true(draw_is_safe(e, strlen(e)));
	free(e);
}

static void escaping(void **state)
{
	(void)state;
	esc("plain", 5, "plain");
	esc("\x1b[2Jboom", 8, "^[[2Jboom");
	esc("a\rb\bc\td\x7f", 8, "a^Mb^Hc^Id^?");
	esc("\x1b]0;title\x07", 10, "^[]0;title^G");
	esc("nul\0x", 5, "nul^@x");
	esc("\xc2\x9b" "31m", 5, "\\x9b31m");                 /* C1 CSI */
	esc("\xc2\x85", 2, "\\x85");                            /* NEL */
	esc("x\xe2\x80\xaey", 5, "x\\u{202E}y");                /* bidi override */
	esc("zero\xe2\x80\x8bwidth", 12, "zero\\u{200B}width"); /* ZWSP */
	esc("bad\xff\xfe", 5, "bad\\xff\\xfe");                 /* invalid UTF-8 */
	esc("Gr\xc3\xbc\xc3\x9f" "e \xe6\x97\xa5", 11, "Gr\xc3\xbc\xc3\x9f" "e \xe6\x97\xa5");
	assert_false(draw_is_safe("\x1b", 1));
	assert_true(draw_is_safe("\xe6\x97\xa5\xe6\x9c\xac", 6));
}

static void widths(void **state)
{
	(void)state;
	assert_int_equal(draw_width("abc"), 3);
	assert_int_equal(draw_width("\xe6\x97\xa5\xe6\x9c\xac"), 4);            /* 日本 */
	assert_int_equal(draw_width("e\xcc\x81"), 1);                           /* e + combining acute */
	assert_int_equal(draw_width("\xf0\x9f\x98\x80"), 2);                    /* emoji */
	assert_int_equal(draw_width("\xe2\x9c\x93"), 1);                        /* check mark */
}

static void cutting(void **state)
{
	(void)state;
	int w;
	const char *cjk = "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e"; /* 日本語, 6 columns */
	assert_int_equal(draw_cut(cjk, 6, &w), 9);
	assert_int_equal(w, 6);
	assert_int_equal(draw_cut(cjk, 5, &w), 6); /* never split a wide char */
	assert_int_equal(w, 4);
	assert_int_equal(draw_cut(cjk, 1, &w), 0);
	assert_int_equal(w, 0);
	/* combining marks stay with their base */
	const char *comb = "ae\xcc\x81z"; /* a é z */
	assert_int_equal(draw_cut(comb, 2, &w), 4);
	assert_int_equal(w, 2);
	/* emoji */
	const char *emo = "x\xf0\x9f\x98\x80y";
	assert_int_equal(draw_cut(emo, 2, &w), 1);
	assert_int_equal(draw_cut(emo, 3, &w), 5);
	assert_int_equal(w, 3);
	/* skip columns: horizontal windows */
	assert_int_equal(draw_skip(cjk, 2), 3);
	assert_int_equal(draw_skip(comb, 2), 4);
	char b[32];
	assert_string_equal(draw_count(1234567, b, sizeof b), "1,234,567");
	assert_string_equal(draw_count(999, b, sizeof b), "999");
	assert_string_equal(draw_count(0, b, sizeof b), "0");
}

int main(void)
{
	if (!setlocale(LC_ALL, "C.UTF-8"))
		setlocale(LC_ALL, "en_US.UTF-8");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(escaping),
		cmocka_unit_test(widths),
		cmocka_unit_test(cutting),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
