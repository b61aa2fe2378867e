/* fuzz_wbem_path.c - libFuzzer target for the WBEM URI instance path parser
 * (tui/wbem_path.c): "[//host/][/ns:]CLASS[.k=\"v\",k2=3,...]" with quoted
 * and unquoted nested references.
 *
 * The input (NUL-terminated, cut at the first NUL) is parsed with
 * wbem_path_parse.  A failure must come with a message; a success must
 * name a class.  When keys were parsed, the path is written back with
 * wbem_path_format and that text must parse again and write back to the
 * very same text (the written form is a fixed point).  Also checks that
 * wbem_utf8_decode / wbem_put_utf8 round-trip every character they accept.
 *
 * wbem_path_parse only calls MI_Application_NewInstance on the application
 * it is given, so instead of linking (and starting) the whole engine this
 * file defines that one function over the engine's mix_instance_new, the
 * same thing engine/starters.c does after validating the handle.
 *
 * fuzz-sources: tui/wbem_path.c engine/instance.c engine/value.c engine/datetime.c engine/class.c engine/error.c
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
#include "tui/wbem_path.h"

static MI_Application fuzz_app; /* only its address is used */

MI_Result
MI_Application_NewInstance(MI_Application *application, const MI_Char *className,
	const void *classRTTI, MI_Instance **instance)
{
	(void)classRTTI;
	if (!instance)
		return MI_RESULT_INVALID_PARAMETER;
	*instance = NULL;
	if (application != &fuzz_app || !className || !*className)
		return MI_RESULT_INVALID_PARAMETER;
	*instance = mix_instance_new(className, NULL);
	return *instance ? MI_RESULT_OK : MI_RESULT_FAILED;
}

/* Parses text; returns the formatted key path (malloc'd) or NULL when it
 * did not parse or named no keys. */
static char *
parse_and_format(const char *text)
{
	struct wbem_path p;
	char *err = NULL;
	if (wbem_path_parse(&fuzz_app, text, &p, &err) != 0) {
		if (!err || !*err)
			__builtin_trap(); /* every failure explains itself */
		free(err);
		return NULL;
	}
	if (err)
		__builtin_trap(); /* no message on success */
	if (!p.class_name || !*p.class_name)
		__builtin_trap();
	char *out = NULL;
	if (p.keys) {
		const MI_Char *cn = NULL;
		if (MI_Instance_GetClassName(p.keys, &cn) != MI_RESULT_OK || !cn || strcmp(cn, p.class_name))
			__builtin_trap();
		struct sbuf b = SBUF_INIT;
		wbem_path_format(&b, p.keys, 1);
		out = sb_take(&b);
	}
	wbem_path_free(&p);
	return out;
}

static void
check_utf8(const unsigned char *s, size_t n)
{
	struct sbuf b = SBUF_INIT;
	while (n) {
		unsigned long cp = 0;
		size_t len = wbem_utf8_decode(s, n, &cp);
		if (len == 0) {
			s++, n--;
			continue;
		}
		if (len > n || cp > 0x10FFFF)
			__builtin_trap();
		sb_reset(&b);
		wbem_put_utf8(&b, cp);
		if (b.len != len || memcmp(b.p, s, len))
			__builtin_trap(); /* accepted only in its shortest form */
		s += len, n -= len;
	}
	sb_free(&b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);
	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';

	char *once = parse_and_format(text);
	if (once) {
		char *twice = parse_and_format(once);
		if (!twice || strcmp(once, twice))
			__builtin_trap(); /* written path does not read back the same */
		free(twice);
		free(once);
	}
	check_utf8(data, size);
	free(text);
	return 0;
}
