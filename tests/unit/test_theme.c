/* test_theme.c - theme parser: colours, attributes, errors with line
 * numbers, fallback to the default theme, the shipped themes parse.
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
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "theme.h"

static void colours(void **state)
{
	(void)state;
	assert_int_equal(theme_color("default"), -1);
	assert_int_equal(theme_color("red"), 1);
	assert_int_equal(theme_color("bright-blue"), 12);
	assert_int_equal(theme_color("color123"), 123);
	assert_int_equal(theme_color("244"), 244);
	assert_int_equal(theme_color("256"), -2);
	assert_int_equal(theme_color("purpleish"), -2);
	/* 256 -> 8 fallback */
	assert_int_equal(theme_color8(196), 1); /* bright red -> red */
	assert_int_equal(theme_color8(21), 4);  /* blue */
	assert_int_equal(theme_color8(16), 0);  /* black */
	assert_int_equal(theme_color8(231), 7); /* white */
	assert_int_equal(theme_color8(9), 1);
}

static void parse_ok(void **state)
{
	(void)state;
	struct theme t;
	char err[256];
	memset(&t, 0, sizeof t);
	const char *text = "# comment\n\ntheme mine\ncolor title black cyan bold underline # trailing\n"
			   "color cursor 231 24 reverse\n";
	assert_int_equal(theme_parse(&t, text, err, sizeof err), 0);
	assert_string_equal(t.name, "mine");
	assert_int_equal(t.st[EL_TITLE].fg, 0);
	assert_int_equal(t.st[EL_TITLE].bg, 6);
	assert_int_equal(t.st[EL_TITLE].attr, THEME_A_BOLD | THEME_A_UNDERLINE);
	assert_int_equal(t.st[EL_CURSOR].fg, 231);
	assert_true(t.st[EL_CURSOR].set);
}

static void parse_errors(void **state)
{
	(void)state;
	struct theme t;
	char err[256];
	memset(&t, 0, sizeof t);
	assert_int_equal(theme_parse(&t, "color title red blue\ncolor nosuch red blue\n", err, sizeof err), 2);
	assert_non_null(strstr(err, "line 2"));
	assert_non_null(strstr(err, "nosuch"));
	assert_int_equal(theme_parse(&t, "\n\ncolor title mauve blue\n", err, sizeof err), 3);
	assert_non_null(strstr(err, "mauve"));
	assert_int_equal(theme_parse(&t, "colour title red blue\n", err, sizeof err), 1);
	assert_int_equal(theme_parse(&t, "color title red\n", err, sizeof err), 1);
	assert_int_equal(theme_parse(&t, "color title red blue sparkly\n", err, sizeof err), 1);
	assert_non_null(strstr(err, "sparkly"));
}

static char dir[256];

static void write_file(const char *name, const char *text)
{
	char p[512];
	snprintf(p, sizeof p, "%s/%s", dir, name);
	FILE *f = fopen(p, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static void load_and_fallback(void **state)
{
	(void)state;
	snprintf(dir, sizeof dir, "/tmp/cimtui-theme-test-%d", (int)getpid());
	mkdir(dir, 0700);
	setenv("CIMTUI_THEME_DIR", dir, 1);
	write_file("good.theme", "color title red blue\n");
	write_file("bad.theme", "color title red blue\n# two\ncolor title red nocolour\n");
	struct theme t, def;
	char err[512];
	assert_int_equal(theme_load(&def, "default", err, sizeof err), 0);
	assert_string_equal(def.name, "default");
	assert_true(def.st[EL_CURSOR].set); /* compiled-in default */
	assert_int_equal(theme_load(&t, "good", err, sizeof err), 0);
	assert_int_equal(t.st[EL_TITLE].fg, 1);
	assert_int_equal(t.st[EL_CURSOR].fg, def.st[EL_CURSOR].fg); /* unset: default's */
	assert_int_equal(theme_load(&t, "bad", err, sizeof err), -1);
	assert_non_null(strstr(err, "line 3"));
	assert_string_equal(t.name, "default");
	assert_memory_equal(&t.st, &def.st, sizeof t.st);
	assert_int_equal(theme_load(&t, "missing", err, sizeof err), -1);
	assert_non_null(strstr(err, "not found"));
	assert_int_equal(theme_load(&t, "../etc/passwd", err, sizeof err), -1);
	char p[512];
	snprintf(p, sizeof p, "%s/good.theme", dir);
	unlink(p);
	snprintf(p, sizeof p, "%s/bad.theme", dir);
	unlink(p);
	rmdir(dir);
}

static void shipped_themes(void **state)
{
	(void)state;
	const char *src = getenv("abs_top_srcdir");
	char d[1024];
	snprintf(d, sizeof d, "%s/themes", src ? src : ".");
	setenv("CIMTUI_THEME_DIR", d, 1);
	const char *names[] = {"default", "dark", "light", "high-contrast", "mono"};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		struct theme t;
		char err[512];
		int r = theme_load(&t, names[i], err, sizeof err);
		if (r)
			printf("# %s: %s\n", names[i], err);
		assert_int_equal(r, 0);
		assert_string_equal(t.name, names[i]);
	}
	char **l = theme_list();
	int n = 0;
	for (size_t i = 0; l && l[i]; i++, n++)
		free(l[i]);
	free(l);
	assert_true(n >= 5);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(colours),
		cmocka_unit_test(parse_ok),
		cmocka_unit_test(parse_errors),
		cmocka_unit_test(load_and_fallback),
		cmocka_unit_test(shipped_themes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
