/* fuzz_cimxml_parse.c - libFuzzer target for the streaming CIM-XML reader.
 *
 * The input goes through the push parser in two chunks split at a point
 * taken from the data itself (so chunk boundaries land everywhere), then
 * through cimxml_parse_object as a standalone embedded object.  Small
 * limits keep each run fast and exercise the limit paths.
 *
 * Build and run by hand (from the repository root, after ./configure so
 * that config.h exists; the build system wires this up with clang too):
 *
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -D_GNU_SOURCE -I. -Iengine \
 *     $(pkg-config --cflags libxml-2.0) tests/fuzz/fuzz_cimxml_parse.c \
 *     engine/cimxml_parse.c engine/value.c engine/datetime.c engine/instance.c \
 *     engine/class.c engine/error.c $(pkg-config --libs libxml-2.0) -lm \
 *     -o fuzz_cimxml_parse
 *   mkdir -p corpus && find ../shared/captures/cimxml -name '*.response.xml' \
 *     -exec cp {} corpus/ \;
 *   ./fuzz_cimxml_parse -max_total_time=30 corpus
 *
 * fuzz-sources: engine/cimxml_parse.c engine/xml_charref.c engine/value.c engine/datetime.c engine/instance.c engine/class.c engine/error.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "cimxml_parse.h"
#include "model.h"

static int
take_instance(void *ctx, MI_Instance *inst)
{
	size_t *n = ctx;
	(*n)++;
	MI_Instance_Delete(inst);
	return *n > 100000; /* also covers the "stopped" path on huge inputs */
}

static int
take_class(void *ctx, MI_Class *cls)
{
	size_t *n = ctx;
	(*n)++;
	MI_Class_Delete(cls);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct cimxml_limits lim = { .max_depth = 64, .max_text = 1u << 16,
		.max_elements = 1024, .max_total = 1u << 22 };
	size_t count = 0;
	struct cimxml_sink sink = { &count, take_instance, take_class };

	size_t split = 0;
	if (size >= 2)
		split = ((size_t)data[0] << 8 | data[size - 1]) % (size + 1);
	struct cimxml_parser *p = cimxml_parser_new(&sink, &lim, (size & 1) ? "root/fuzz" : NULL);
	if (p) {
		cimxml_parser_feed(p, (const char *)data, split);
		cimxml_parser_feed(p, (const char *)data + split, size - split);
		cimxml_parser_finish(p);
		const struct cimxml_status *st = cimxml_parser_status(p);
		/* a status that claims success must be consistent */
		if (st->well_formed && st->parse_error)
			__builtin_trap();
		MI_Instance *e = cimxml_parser_take_error_instance(p);
		if (e)
			MI_Instance_Delete(e);
		cimxml_parser_free(p);
	}

	MI_Instance *inst = NULL;
	MI_Class *cls = NULL;
	if (cimxml_parse_object((const char *)data, size, &lim, &inst, &cls) == 0) {
		if ((inst == NULL) == (cls == NULL))
			__builtin_trap(); /* exactly one is set */
	}
	if (inst)
		MI_Instance_Delete(inst);
	if (cls)
		MI_Class_Delete(cls);
	return 0;
}
