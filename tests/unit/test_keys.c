/* test_keys.c - key names, "bind"/"unbind" config lines, and the lookup
 * order of the user's bindings (view keymap, generic, built-in).
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
#include <fcntl.h>
#include <unistd.h>
#include <curses.h>
#include <cmocka.h>

#include "keys.h"
#include "view.h"

static void key_names(void **state)
{
	(void)state;
	assert_int_equal(keys_parse("j"), 'j');
	assert_int_equal(keys_parse("J"), 'J');
	assert_int_equal(keys_parse("<"), '<');
	assert_int_equal(keys_parse("#"), '#');
	assert_int_equal(keys_parse("<C-x>"), 0x18);
	assert_int_equal(keys_parse("<C-X>"), 0x18);
	assert_int_equal(keys_parse("<Ctrl-a>"), 1);
	assert_int_equal(keys_parse("<C-@>"), 0);
	assert_int_equal(keys_parse("<C-]>"), 0x1d);
	assert_int_equal(keys_parse("<C-1>"), -1);
	assert_int_equal(keys_parse("<C-xy>"), -1);
	assert_int_equal(keys_parse("<Enter>"), '\r');
	assert_int_equal(keys_parse("<enter>"), '\r');
	assert_int_equal(keys_parse("<Esc>"), 27);
	assert_int_equal(keys_parse("<Tab>"), '\t');
	assert_int_equal(keys_parse("<Space>"), ' ');
	assert_int_equal(keys_parse("<Up>"), KEY_UP);
	assert_int_equal(keys_parse("<Down>"), KEY_DOWN);
	assert_int_equal(keys_parse("<Left>"), KEY_LEFT);
	assert_int_equal(keys_parse("<Right>"), KEY_RIGHT);
	assert_int_equal(keys_parse("<PgUp>"), KEY_PPAGE);
	assert_int_equal(keys_parse("<PgDn>"), KEY_NPAGE);
	assert_int_equal(keys_parse("<Home>"), KEY_HOME);
	assert_int_equal(keys_parse("<End>"), KEY_END);
	assert_int_equal(keys_parse("<Backspace>"), KEY_BACKSPACE);
	assert_int_equal(keys_parse("<F1>"), KEY_F(1));
	assert_int_equal(keys_parse("<F5>"), KEY_F(5));
	assert_int_equal(keys_parse("<F10>"), KEY_F(10));
	assert_int_equal(keys_parse("<f12>"), KEY_F(12));
	assert_int_equal(keys_parse("<F0>"), -1);
	assert_int_equal(keys_parse("<F13>"), -1);
	assert_int_equal(keys_parse("<F1x>"), -1);
	assert_int_equal(keys_parse("<Nope>"), -1);
	assert_int_equal(keys_parse("ab"), -1);
	assert_int_equal(keys_parse(""), -1);
	assert_int_equal(keys_parse("<>"), -1);

	/* names round-trip */
	static const char *const rt[] = {"j", "<C-x>", "<C-@>", "<C-]>", "<Enter>", "<Esc>", "<Tab>",
		"<Space>", "<Up>", "<Down>", "<Left>", "<Right>", "<PgUp>", "<PgDn>", "<Home>", "<End>",
		"<F1>", "<F7>", "<F12>", "<Backspace>"};
	for (size_t i = 0; i < sizeof rt / sizeof rt[0]; i++) {
		char buf[32];
		assert_string_equal(keys_name(keys_parse(rt[i]), buf, sizeof buf), rt[i]);
	}
}

static void names_of_actions_and_keymaps(void **state)
{
	(void)state;
	assert_int_equal(action_parse("move-down"), ACT_DOWN);
	assert_int_equal(action_parse("class-def"), ACT_CLASSDEF);
	assert_int_equal(action_parse("quit"), ACT_QUIT);
	assert_int_equal(action_parse("none"), ACT_NONE);
	assert_int_equal(action_parse("Move_Down"), ACT_DOWN);
	assert_int_equal(action_parse("move"), -1);
	assert_int_equal(action_parse("move-down-"), -1);
	assert_int_equal(action_parse(""), -1);
	for (int a = 0; a < ACT_COUNT; a++)
		assert_int_equal(action_parse(action_name((enum action)a)), a);

	assert_int_equal(keys_keymap("generic"), KEYMAP_GENERIC);
	assert_int_equal(keys_keymap("namespaces"), VK_NAMESPACES);
	assert_int_equal(keys_keymap("classes"), VK_CLASSES);
	assert_int_equal(keys_keymap("instances"), VK_INSTANCES);
	assert_int_equal(keys_keymap("instance"), VK_INSTANCE);
	assert_int_equal(keys_keymap("classdef"), VK_CLASSDEF);
	assert_int_equal(keys_keymap("error"), VK_ERROR);
	assert_int_equal(keys_keymap("log"), VK_LOG);
	assert_int_equal(keys_keymap("help"), VK_HELP);
	assert_int_equal(keys_keymap("main"), KEYMAP_UNKNOWN);
	for (int k = KEYMAP_GENERIC; k < VK_COUNT; k++)
		assert_int_equal(keys_keymap(keys_keymap_name(k)), k);
}

static void bind_lines(void **state)
{
	(void)state;
	struct keys_bind b;
	char err[256];

	assert_int_equal(parse_bind_line("bind generic J move-down", &b, err, sizeof err), 1);
	assert_int_equal(b.keymap, KEYMAP_GENERIC);
	assert_int_equal(b.key, 'J');
	assert_int_equal(b.act, ACT_DOWN);

	assert_int_equal(parse_bind_line("  bind\tinstances  x   class-def  ", &b, err, sizeof err), 1);
	assert_int_equal(b.keymap, VK_INSTANCES);
	assert_int_equal(b.key, 'x');
	assert_int_equal(b.act, ACT_CLASSDEF);

	assert_int_equal(parse_bind_line("bind classes <C-t> tree-flat", &b, err, sizeof err), 1);
	assert_int_equal(b.keymap, VK_CLASSES);
	assert_int_equal(b.key, 0x14);
	assert_int_equal(b.act, ACT_TREE_FLAT);

	assert_int_equal(parse_bind_line("bind generic = quit", &b, err, sizeof err), 1);
	assert_int_equal(b.key, '=');
	assert_int_equal(parse_bind_line("bind generic # quit", &b, err, sizeof err), 1);
	assert_int_equal(b.key, '#');
	assert_int_equal(parse_bind_line("bind help <F12> none", &b, err, sizeof err), 1);
	assert_int_equal(b.keymap, VK_HELP);
	assert_int_equal(b.key, KEY_F(12));
	assert_int_equal(b.act, ACT_NONE);

	assert_int_equal(parse_bind_line("unbind generic j", &b, err, sizeof err), 1);
	assert_int_equal(b.keymap, KEYMAP_GENERIC);
	assert_int_equal(b.key, 'j');
	assert_int_equal(b.act, ACT_NONE);

	/* not bind lines at all */
	assert_int_equal(parse_bind_line("theme = dark", &b, err, sizeof err), 0);
	assert_int_equal(parse_bind_line("binding generic j quit", &b, err, sizeof err), 0);
	assert_int_equal(parse_bind_line("", &b, err, sizeof err), 0);

	/* bad lines: -1 and a message naming the culprit */
	assert_int_equal(parse_bind_line("bind generic J", &b, err, sizeof err), -1);
	assert_string_equal(err, "'bind KEYMAP KEY ACTION' expected");
	assert_int_equal(parse_bind_line("bind generic J move-down extra", &b, err, sizeof err), -1);
	assert_string_equal(err, "'bind KEYMAP KEY ACTION' expected");
	assert_int_equal(parse_bind_line("bind", &b, err, sizeof err), -1);
	assert_int_equal(parse_bind_line("unbind generic", &b, err, sizeof err), -1);
	assert_string_equal(err, "'unbind KEYMAP KEY' expected");
	assert_int_equal(parse_bind_line("unbind generic j quit", &b, err, sizeof err), -1);
	assert_int_equal(parse_bind_line("bind main j quit", &b, err, sizeof err), -1);
	assert_non_null(strstr(err, "unknown keymap 'main'"));
	assert_non_null(strstr(err, "generic, namespaces, classes, instances, instance, classdef, error, log, help"));
	assert_int_equal(parse_bind_line("bind generic <Nope> quit", &b, err, sizeof err), -1);
	assert_string_equal(err, "unknown key '<Nope>'");
	assert_int_equal(parse_bind_line("bind generic jk quit", &b, err, sizeof err), -1);
	assert_string_equal(err, "unknown key 'jk'");
	assert_int_equal(parse_bind_line("bind generic \xc3\xa9 quit", &b, err, sizeof err), -1);
	assert_int_equal(parse_bind_line("bind generic \xe9 quit", &b, err, sizeof err), -1);
	assert_int_equal(parse_bind_line("bind generic j jump", &b, err, sizeof err), -1);
	assert_string_equal(err, "unknown action 'jump'");
	char longw[200];
	memset(longw, 'a', sizeof longw);
	memcpy(longw, "bind generic j ", 15);
	longw[sizeof longw - 1] = '\0';
	assert_int_equal(parse_bind_line(longw, &b, err, sizeof err), -1);
	assert_true(strlen(err) < 60);
	/* a short error buffer is no problem */
	char tiny[8];
	assert_int_equal(parse_bind_line("bind main j quit", &b, tiny, sizeof tiny), -1);
	assert_int_equal(strlen(tiny), 7);
}

static void lookup_order(void **state)
{
	(void)state;
	keys_reset();
	/* built-in defaults */
	assert_int_equal(keys_action('j', VK_INSTANCES), ACT_DOWN);
	assert_int_equal(keys_action('d', VK_INSTANCES), ACT_CLASSDEF);
	assert_int_equal(keys_action('x', VK_INSTANCES), ACT_NONE);
	assert_int_equal(keys_action(' ', VK_CLASSES), ACT_TOGGLE);
	assert_int_equal(keys_action(' ', VK_NAMESPACES), ACT_PAGE_DOWN);

	static const char *const conf[] = {
		"bind generic J move-down", "bind instances x class-def", "unbind generic j",
		"bind classes j quit", "bind generic <Enter> help", "bind generic <Backspace> quit",
	};
	struct keys_bind b;
	char err[256];
	for (size_t i = 0; i < sizeof conf / sizeof conf[0]; i++) {
		assert_int_equal(parse_bind_line(conf[i], &b, err, sizeof err), 1);
		keys_bind(&b);
	}
	assert_int_equal(keys_action('J', VK_NAMESPACES), ACT_DOWN);
	assert_int_equal(keys_action('J', VK_INSTANCES), ACT_DOWN);
	assert_int_equal(keys_action('x', VK_INSTANCES), ACT_CLASSDEF);
	assert_int_equal(keys_action('x', VK_CLASSES), ACT_NONE);
	assert_int_equal(keys_action('j', VK_INSTANCES), ACT_NONE);  /* generic unbind */
	assert_int_equal(keys_action('j', VK_CLASSES), ACT_QUIT);    /* view keymap first */
	assert_int_equal(keys_action('k', VK_INSTANCES), ACT_UP);    /* untouched default */
	assert_int_equal(keys_action('d', VK_INSTANCES), ACT_CLASSDEF);
	/* both codes of Enter and of Backspace */
	assert_int_equal(keys_action('\r', VK_INSTANCE), ACT_HELP);
	assert_int_equal(keys_action(KEY_ENTER, VK_INSTANCE), ACT_HELP);
	assert_int_equal(keys_action('\n', VK_INSTANCE), ACT_ENTER);
	assert_int_equal(keys_action(KEY_BACKSPACE, VK_LOG), ACT_QUIT);
	assert_int_equal(keys_action(127, VK_LOG), ACT_QUIT);

	/* a later line for the same keymap and key wins */
	assert_int_equal(parse_bind_line("bind instances x move-up", &b, err, sizeof err), 1);
	keys_bind(&b);
	assert_int_equal(keys_action('x', VK_INSTANCES), ACT_UP);

	/* the effective keys of an action, as the help view lists them */
	int k[32];
	unsigned n = keys_for_action(ACT_DOWN, VK_INSTANCES, k, 32);
	assert_int_equal(n, 2);
	assert_int_equal(k[0], KEY_DOWN);
	assert_int_equal(k[1], 'J');
	n = keys_for_action(ACT_CLASSDEF, VK_INSTANCES, k, 32);
	assert_int_equal(n, 1);
	assert_int_equal(k[0], 'd');
	n = keys_for_action(ACT_UP, VK_INSTANCES, k, 32);
	assert_int_equal(n, 3);
	assert_int_equal(k[2], 'x');
	n = keys_for_action(ACT_QUIT, VK_CLASSES, k, 32);
	assert_int_equal(n, 4); /* in the built-in table's order */
	assert_int_equal(k[0], 'j');
	assert_int_equal(k[1], KEY_BACKSPACE);
	assert_int_equal(k[2], 127); /* <Del>: the other code of Backspace */
	assert_int_equal(k[3], 'Q');
	n = keys_for_action(ACT_DOWN, VK_INSTANCES, k, 1);
	assert_int_equal(n, 1);

	keys_reset();
	assert_int_equal(keys_action('j', VK_INSTANCES), ACT_DOWN);
	assert_int_equal(keys_action('x', VK_INSTANCES), ACT_NONE);
}

static void config_lines(void **state)
{
	(void)state;
	keys_reset();
	const char *first = NULL;
	assert_int_equal(keys_config_warnings(&first), 0);
	assert_string_equal(first, "");
	/* the warnings go to stderr: to /dev/null meanwhile */
	fflush(stderr);
	int saved = dup(2), null = open("/dev/null", O_WRONLY);
	assert_true(saved >= 0 && null >= 0);
	dup2(null, 2);
	close(null);
	keys_config_line("/x/config", 3, "bind generic J move-down");
	keys_config_line("/x/config", 4, "bind generic J jump");
	keys_config_line("/x/config", 9, "unbind nowhere j");
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	assert_int_equal(keys_action('J', VK_LOG), ACT_DOWN);
	assert_int_equal(keys_config_warnings(&first), 2);
	assert_string_equal(first, "/x/config:4: unknown action 'jump'; line ignored");
	keys_reset();
	assert_int_equal(keys_config_warnings(NULL), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(key_names),
		cmocka_unit_test(names_of_actions_and_keymaps),
		cmocka_unit_test(bind_lines),
		cmocka_unit_test(lookup_order),
		cmocka_unit_test(config_lines),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
