/* fuzz_values.c - libFuzzer target for the engine's value text parsers:
 * mix_value_parse_scalar (engine/value.c) for every scalar MI type,
 * mix_datetime_parse / mix_datetime_format (engine/datetime.c) and the
 * numeric character reference filter (engine/xml_charref.c).
 *
 * The input, NUL-terminated and cut at the first NUL, is parsed as each
 * scalar type.  Whatever parses must survive a round trip through its
 * canonical text (decimal integers, %.17g / %.9g reals, TRUE/FALSE, UTF-8
 * char16, the 25-character datetime form), and an integer accepted for a
 * type must be accepted with the same value by the wider types of the same
 * signedness.  A parsed datetime must format to exactly 25 characters that
 * parse back to the same value.
 *
 * The raw input bytes are then fed through mix_charref_feed whole, in two
 * chunks split at a point taken from the data, and (for small inputs) one
 * byte at a time; the emitted bytes must be identical every time.  Input
 * without '&' must come out untouched.  mix_charref_restore then runs on
 * the result and must not grow it.
 *
 * fuzz-sources: engine/value.c engine/datetime.c engine/xml_charref.c engine/instance.c engine/class.c engine/error.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif
#include <inttypes.h>
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "xml_charref.h"

/* ---- scalars ------------------------------------------------------------ */

static void
utf8_put(char *b, unsigned cp)
{
	if (cp < 0x80) {
		b[0] = (char)cp, b[1] = 0;
	} else if (cp < 0x800) {
		b[0] = (char)(0xC0 | (cp >> 6)), b[1] = (char)(0x80 | (cp & 0x3F)), b[2] = 0;
	} else {
		b[0] = (char)(0xE0 | (cp >> 12)), b[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		b[2] = (char)(0x80 | (cp & 0x3F)), b[3] = 0;
	}
}

static int
same_datetime(const MI_Datetime *a, const MI_Datetime *b)
{
	if (a->isTimestamp != b->isTimestamp)
		return 0;
	if (a->isTimestamp) {
		const MI_Timestamp *x = &a->u.timestamp, *y = &b->u.timestamp;
		return x->year == y->year && x->month == y->month && x->day == y->day &&
		       x->hour == y->hour && x->minute == y->minute && x->second == y->second &&
		       x->microseconds == y->microseconds && x->utc == y->utc;
	}
	const MI_Interval *x = &a->u.interval, *y = &b->u.interval;
	return x->days == y->days && x->hours == y->hours && x->minutes == y->minutes &&
	       x->seconds == y->seconds && x->microseconds == y->microseconds;
}

static void
check_datetime(const MI_Datetime *dt)
{
	char buf[64];
	MI_Datetime again;
	memset(buf, 'X', sizeof buf);
	mix_datetime_format(dt, buf);
	if (strlen(buf) != 25)
		__builtin_trap();
	if (mix_datetime_parse(buf, &again) != 0 || !same_datetime(dt, &again))
		__builtin_trap();
}

static unsigned long long
as_unsigned(MI_Type t, const MI_Value *v)
{
	switch (t) {
	case MI_UINT8: return v->uint8;
	case MI_UINT16: return v->uint16;
	case MI_UINT32: return v->uint32;
	default: return v->uint64;
	}
}

static long long
as_signed(MI_Type t, const MI_Value *v)
{
	switch (t) {
	case MI_SINT8: return v->sint8;
	case MI_SINT16: return v->sint16;
	case MI_SINT32: return v->sint32;
	default: return v->sint64;
	}
}

static void
check_scalars(const char *text)
{
	static const MI_Type uns[] = { MI_UINT8, MI_UINT16, MI_UINT32, MI_UINT64 };
	static const MI_Type sig[] = { MI_SINT8, MI_SINT16, MI_SINT32, MI_SINT64 };
	char buf[64];
	MI_Value v, w;
	int ok_before = 0;
	unsigned long long u0 = 0;
	long long s0 = 0;

	for (int i = 0; i < 4; i++) {
		int ok = mix_value_parse_scalar(text, uns[i], &v) == 0;
		if (ok_before && !ok)
			__builtin_trap(); /* a narrower type took it */
		if (!ok)
			continue;
		unsigned long long u = as_unsigned(uns[i], &v);
		if (ok_before && u != u0)
			__builtin_trap();
		ok_before = 1, u0 = u;
		snprintf(buf, sizeof buf, "%llu", u);
		if (mix_value_parse_scalar(buf, uns[i], &w) != 0 || as_unsigned(uns[i], &w) != u)
			__builtin_trap();
	}
	ok_before = 0;
	for (int i = 0; i < 4; i++) {
		int ok = mix_value_parse_scalar(text, sig[i], &v) == 0;
		if (ok_before && !ok)
			__builtin_trap();
		if (!ok)
			continue;
		long long s = as_signed(sig[i], &v);
		if (ok_before && s != s0)
			__builtin_trap();
		ok_before = 1, s0 = s;
		snprintf(buf, sizeof buf, "%lld", s);
		if (mix_value_parse_scalar(buf, sig[i], &w) != 0 || as_signed(sig[i], &w) != s)
			__builtin_trap();
	}

	if (mix_value_parse_scalar(text, MI_REAL64, &v) == 0) {
		snprintf(buf, sizeof buf, "%.17g", v.real64);
		if (mix_value_parse_scalar(buf, MI_REAL64, &w) != 0)
			__builtin_trap();
		if (isnan(v.real64) ? !isnan(w.real64) : w.real64 != v.real64)
			__builtin_trap();
	}
	if (mix_value_parse_scalar(text, MI_REAL32, &v) == 0) {
		snprintf(buf, sizeof buf, "%.9g", (double)v.real32);
		if (mix_value_parse_scalar(buf, MI_REAL32, &w) != 0)
			__builtin_trap();
		if (isnan(v.real32) ? !isnan(w.real32) : w.real32 != v.real32)
			__builtin_trap();
	}
	if (mix_value_parse_scalar(text, MI_BOOLEAN, &v) == 0) {
		if (v.boolean != MI_TRUE && v.boolean != MI_FALSE)
			__builtin_trap();
		if (mix_value_parse_scalar(v.boolean ? "TRUE" : "FALSE", MI_BOOLEAN, &w) != 0 ||
		    w.boolean != v.boolean)
			__builtin_trap();
	}
	if (mix_value_parse_scalar(text, MI_CHAR16, &v) == 0) {
		utf8_put(buf, v.char16);
		/* NUL has no text form; everything else reads back */
		if (v.char16 && (mix_value_parse_scalar(buf, MI_CHAR16, &w) != 0 || w.char16 != v.char16))
			__builtin_trap();
	}
	if (mix_value_parse_scalar(text, MI_DATETIME, &v) == 0)
		check_datetime(&v.datetime);
	if (mix_value_parse_scalar(text, MI_STRING, &v) == 0) {
		if (!v.string || strcmp(v.string, text))
			__builtin_trap();
		mix_value_free(&v, MI_STRING);
	}
	/* arrays and instances are not scalars */
	if (mix_value_parse_scalar(text, MI_REFERENCE, &v) == 0 ||
	    mix_value_parse_scalar(text, MI_INSTANCE, &v) == 0 ||
	    mix_value_parse_scalar(text, MI_UINT32A, &v) == 0)
		__builtin_trap();

	MI_Datetime dt;
	if (mix_datetime_parse(text, &dt) == 0)
		check_datetime(&dt);

	MI_Type t;
	if (mix_type_from_name(text, &t) == 0 && (unsigned)t > 31)
		__builtin_trap();
}

/* ---- character references ---------------------------------------------- */

struct out {
	char *p;
	size_t len, cap;
};

static void
collect(void *ctx, const char *bytes, size_t n)
{
	struct out *o = ctx;
	if (n == 0)
		return;
	if (o->len + n > o->cap) {
		size_t cap = o->cap ? o->cap : 256;
		while (cap < o->len + n)
			cap *= 2;
		char *p = realloc(o->p, cap);
		if (!p)
			abort();
		o->p = p, o->cap = cap;
	}
	memcpy(o->p + o->len, bytes, n);
	o->len += n;
}

/* Feeds data in pieces of `step` bytes (0: whole, after a first piece of
 * `first` bytes). */
static void
filter(const uint8_t *data, size_t size, size_t first, size_t step, struct out *o)
{
	struct mix_charref f;
	memset(&f, 0, sizeof f);
	memset(o, 0, sizeof *o);
	size_t at = 0;
	if (first) {
		if (mix_charref_feed(&f, (const char *)data, first, collect, o))
			abort();
		at = first;
	}
	while (at < size) {
		size_t n = step && size - at > step ? step : size - at;
		if (mix_charref_feed(&f, (const char *)data + at, n, collect, o))
			abort();
		at += n;
	}
	mix_charref_flush(&f, collect, o);
	mix_charref_free(&f);
}

static void
check_charref(const uint8_t *data, size_t size)
{
	struct out whole, two;
	size_t split = size >= 2 ? ((size_t)data[0] << 8 | data[size - 1]) % (size + 1) : 0;

	filter(data, size, 0, 0, &whole);
	filter(data, size, split, 0, &two);
	if (whole.len != two.len || (whole.len && memcmp(whole.p, two.p, whole.len)))
		__builtin_trap(); /* output depends on where the chunks end */
	free(two.p);
	if (size <= 512) {
		struct out bytes;
		filter(data, size, 0, 1, &bytes);
		if (whole.len != bytes.len || (whole.len && memcmp(whole.p, bytes.p, whole.len)))
			__builtin_trap();
		free(bytes.p);
	}
	if (!memchr(data, '&', size) && (whole.len != size || (size && memcmp(whole.p, data, size))))
		__builtin_trap(); /* nothing to rewrite, yet it changed */

	/* restore on the filtered text, and on the raw input */
	size_t n = mix_charref_restore(whole.p, whole.len);
	if (n > whole.len)
		__builtin_trap();
	free(whole.p);
	char *raw = malloc(size ? size : 1); /* exact size: ASan sees any overrun */
	if (!raw)
		abort();
	if (size)
		memcpy(raw, data, size);
	n = mix_charref_restore(raw, size);
	if (n > size)
		__builtin_trap();
	free(raw);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size <= 4096) { /* scalar texts are short; keep big captures fast */
		char *text = malloc(size + 1);
		if (!text)
			return 0;
		memcpy(text, data, size);
		text[size] = '\0';
		check_scalars(text);
		free(text);
	}
	check_charref(data, size);
	return 0;
}
