/* fuzz_config.c - libFuzzer target for the config file parser
 * (tui/config.c: "key = value" lines, [connection NAME] sections).
 *
 * config.c offers only config_load(path), which adds fopen and the
 * ownership/permission checks around a static parse(c, FILE *).  To feed
 * the parser straight from memory, this file includes tui/config.c and
 * hands parse() the input through fmemopen (embedded NULs included, as
 * getline would read them from a file).  That is why tui/config.c is not
 * on the fuzz-sources line: it is compiled as part of this file.
 *
 * Checks: parse() returns 0 or EXIT_CONFIG; every connection has a name
 * that config_find finds, without blanks, ':' or '/'; the yes/no fields
 * are -1, 0 or 1.  config_free releases everything (LeakSanitizer).
 * The "unknown key" warnings go to /dev/null instead of the fuzzer's log.
 *
 * fuzz-sources: tui/password.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static FILE *fuzz_quiet;
#undef stderr
#define stderr fuzz_quiet
#include "../../tui/config.c"
#undef stderr

static void
check(const struct cimtui_config *c)
{
	for (size_t i = 0; i < c->nconns; i++) {
		const struct cimtui_connection *k = &c->conns[i];
		if (!k->name || !*k->name || strpbrk(k->name, " \t:/"))
			__builtin_trap();
		const struct cimtui_connection *f = config_find(c, k->name);
		if (!f || strcmp(f->name, k->name))
			__builtin_trap();
		if (k->insecure < -1 || k->insecure > 1 || k->allow_http_basic < -1 ||
		    k->allow_http_basic > 1)
			__builtin_trap();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!fuzz_quiet && !(fuzz_quiet = fopen("/dev/null", "w")))
		abort();
	if (size == 0)
		return 0; /* fmemopen refuses an empty buffer on older C libraries */
	char *buf = malloc(size);
	if (!buf)
		return 0;
	memcpy(buf, data, size);
	FILE *fp = fmemopen(buf, size, "r");
	if (!fp) {
		free(buf);
		return 0;
	}
	struct cimtui_config c;
	memset(&c, 0, sizeof c);
	c.path = strdup("fuzz.conf");
	int rc = parse(&c, fp);
	fclose(fp);
	if (rc != 0 && rc != EXIT_CONFIG)
		__builtin_trap();
	check(&c);
	config_free(&c);
	free(buf);
	return 0;
}
