/* value.c - MI_Value copy/free, text to value conversion, type names.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "model.h"
#include "engine_internal.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

char *mix_strdup(const char *s)
{
	return s ? strdup(s) : NULL;
}

int mix_name_eq(const char *a, const char *b)
{
	if (!a || !b)
		return a == b;
	return strcasecmp(a, b) == 0;
}

size_t MIX_TypeSize(MI_Type t)
{
	switch (t & ~MI_ARRAY) {
	case MI_BOOLEAN: return sizeof(MI_Boolean);
	case MI_UINT8: case MI_SINT8: return 1;
	case MI_UINT16: case MI_SINT16: case MI_CHAR16: return 2;
	case MI_UINT32: case MI_SINT32: return 4;
	case MI_REAL32: return sizeof(MI_Real32);
	case MI_UINT64: case MI_SINT64: return 8;
	case MI_REAL64: return sizeof(MI_Real64);
	case MI_DATETIME: return sizeof(MI_Datetime);
	default: return sizeof(void *);
	}
}

MI_Result mix_value_copy(MI_Value *dst, const MI_Value *src, MI_Type type)
{
	MI_Type base = type & ~MI_ARRAY;
	*dst = *src;
	if (!(type & MI_ARRAY)) {
		if (base == MI_STRING) {
			dst->string = NULL;
			if (src->string && !(dst->string = strdup(src->string)))
				return MI_RESULT_FAILED;
		} else if (base == MI_INSTANCE || base == MI_REFERENCE) {
			dst->instance = NULL;
			if (src->instance && MI_Instance_Clone(src->instance, &dst->instance) != MI_RESULT_OK)
				return MI_RESULT_FAILED;
		}
		return MI_RESULT_OK;
	}
	dst->array.data = NULL;
	dst->array.size = 0;
	if (!src->array.size || !src->array.data)
		return MI_RESULT_OK;
	size_t n = src->array.size, sz = MIX_TypeSize(type);
	void *data = calloc(n, sz);
	if (!data)
		return MI_RESULT_FAILED;
	dst->array.data = data;
	dst->array.size = (MI_Uint32)n;
	if (base == MI_STRING) {
		for (size_t i = 0; i < n; i++) {
			const char *s = src->stringa.data[i];
			if (s && !(dst->stringa.data[i] = strdup(s)))
				goto fail;
		}
	} else if (base == MI_INSTANCE || base == MI_REFERENCE) {
		for (size_t i = 0; i < n; i++) {
			const MI_Instance *s = src->instancea.data[i];
			if (s && MI_Instance_Clone(s, &dst->instancea.data[i]) != MI_RESULT_OK)
				goto fail;
		}
	} else {
		memcpy(data, src->array.data, n * sz);
	}
	return MI_RESULT_OK;
fail:
	mix_value_free(dst, type);
	return MI_RESULT_FAILED;
}

void mix_value_free(MI_Value *v, MI_Type type)
{
	MI_Type base = type & ~MI_ARRAY;
	if (!v)
		return;
	if (!(type & MI_ARRAY)) {
		if (base == MI_STRING) {
			free(v->string);
			v->string = NULL;
		} else if (base == MI_INSTANCE || base == MI_REFERENCE) {
			if (v->instance)
				MI_Instance_Delete(v->instance);
			v->instance = NULL;
		}
		return;
	}
	if (v->array.data) {
		if (base == MI_STRING) {
			for (MI_Uint32 i = 0; i < v->stringa.size; i++)
				free(v->stringa.data[i]);
		} else if (base == MI_INSTANCE || base == MI_REFERENCE) {
			for (MI_Uint32 i = 0; i < v->instancea.size; i++)
				if (v->instancea.data[i])
					MI_Instance_Delete(v->instancea.data[i]);
		}
		free(v->array.data);
	}
	v->array.data = NULL;
	v->array.size = 0;
}

static const char *skip_ws(const char *s)
{
	while (*s && isspace((unsigned char)*s))
		s++;
	return s;
}

static int trailing_ok(const char *end)
{
	return *skip_ws(end) == '\0';
}

static int parse_signed(const char *text, long long lo, long long hi, long long *out)
{
	const char *s = skip_ws(text);
	char *end;
	errno = 0;
	int neg = (*s == '-');
	const char *digits = (*s == '+' || *s == '-') ? s + 1 : s;
	long long v;
	if (digits[0] == '0' && (digits[1] == 'x' || digits[1] == 'X')) {
		unsigned long long u = strtoull(digits + 2, &end, 16);
		if (end == digits + 2 || errno)
			return -1;
		if (neg ? u > (unsigned long long)LLONG_MAX + 1ULL : u > (unsigned long long)LLONG_MAX)
			return -1;
		v = neg ? (long long)(0ULL - u) : (long long)u;
	} else {
		v = strtoll(s, &end, 10);
		if (end == s || errno)
			return -1;
	}
	if (!trailing_ok(end) || v < lo || v > hi)
		return -1;
	*out = v;
	return 0;
}

static int parse_unsigned(const char *text, unsigned long long hi, unsigned long long *out)
{
	const char *s = skip_ws(text);
	char *end;
	errno = 0;
	if (*s == '-')
		return -1;
	if (*s == '+')
		s++;
	unsigned long long v;
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		v = strtoull(s + 2, &end, 16);
		if (end == s + 2)
			return -1;
	} else {
		v = strtoull(s, &end, 10);
		if (end == s)
			return -1;
	}
	if (errno || !trailing_ok(end) || v > hi)
		return -1;
	*out = v;
	return 0;
}

static int parse_real(const char *text, double *out)
{
	const char *s = skip_ws(text);
	char *end;
	if (!strncasecmp(s, "INF", 3) && trailing_ok(s + 3)) {
		*out = INFINITY;
		return 0;
	}
	if (!strncasecmp(s, "-INF", 4) && trailing_ok(s + 4)) {
		*out = -INFINITY;
		return 0;
	}
	if (!strncasecmp(s, "NaN", 3) && trailing_ok(s + 3)) {
		*out = NAN;
		return 0;
	}
	errno = 0;
	double v = strtod(s, &end);
	if (end == s || !trailing_ok(end))
		return -1;
	*out = v;
	return 0;
}

/* Decodes one UTF-8 character; returns its code point or -1. */
static long utf8_one(const unsigned char *s, size_t *len)
{
	if (s[0] < 0x80) {
		*len = 1;
		return s[0];
	}
	int n = (s[0] & 0xE0) == 0xC0 ? 2 : (s[0] & 0xF0) == 0xE0 ? 3 : (s[0] & 0xF8) == 0xF0 ? 4 : 0;
	if (!n)
		return -1;
	long cp = s[0] & (0x7F >> n);
	for (int i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return -1;
		cp = (cp << 6) | (s[i] & 0x3F);
	}
	*len = (size_t)n;
	return cp;
}

int mix_value_parse_scalar(const char *text, MI_Type type, MI_Value *out)
{
	long long sv;
	unsigned long long uv;
	double dv;
	memset(out, 0, sizeof(*out));
	if (!text)
		return -1;
	switch (type) {
	case MI_BOOLEAN: {
		const char *s = skip_ws(text);
		size_t n = strlen(s);
		while (n && isspace((unsigned char)s[n - 1]))
			n--;
		if (n == 4 && !strncasecmp(s, "true", 4))
			out->boolean = MI_TRUE;
		else if (n == 5 && !strncasecmp(s, "false", 5))
			out->boolean = MI_FALSE;
		else
			return -1;
		return 0;
	}
	case MI_UINT8: if (parse_unsigned(text, UINT8_MAX, &uv)) return -1; out->uint8 = (MI_Uint8)uv; return 0;
	case MI_UINT16: if (parse_unsigned(text, UINT16_MAX, &uv)) return -1; out->uint16 = (MI_Uint16)uv; return 0;
	case MI_UINT32: if (parse_unsigned(text, UINT32_MAX, &uv)) return -1; out->uint32 = (MI_Uint32)uv; return 0;
	case MI_UINT64: if (parse_unsigned(text, UINT64_MAX, &uv)) return -1; out->uint64 = uv; return 0;
	case MI_SINT8: if (parse_signed(text, INT8_MIN, INT8_MAX, &sv)) return -1; out->sint8 = (MI_Sint8)sv; return 0;
	case MI_SINT16: if (parse_signed(text, INT16_MIN, INT16_MAX, &sv)) return -1; out->sint16 = (MI_Sint16)sv; return 0;
	case MI_SINT32: if (parse_signed(text, INT32_MIN, INT32_MAX, &sv)) return -1; out->sint32 = (MI_Sint32)sv; return 0;
	case MI_SINT64: if (parse_signed(text, INT64_MIN, INT64_MAX, &sv)) return -1; out->sint64 = sv; return 0;
	case MI_REAL32: if (parse_real(text, &dv)) return -1; out->real32 = (MI_Real32)dv; return 0;
	case MI_REAL64: if (parse_real(text, &dv)) return -1; out->real64 = dv; return 0;
	case MI_CHAR16: {
		size_t len;
		if (!*text)
			return -1; /* no character (and utf8_one would read past the NUL) */
		long cp = utf8_one((const unsigned char *)text, &len);
		if (cp < 0 || cp > 0xFFFF || text[len] != '\0')
			return -1;
		out->char16 = (MI_Char16)cp;
		return 0;
	}
	case MI_DATETIME:
		return mix_datetime_parse(skip_ws(text), &out->datetime);
	case MI_STRING:
		out->string = strdup(text);
		return out->string ? 0 : -1;
	default:
		return -1;
	}
}

static const char *const type_names[16] = {
	"boolean", "uint8", "sint8", "uint16", "sint16", "uint32", "sint32", "uint64",
	"sint64", "real32", "real64", "char16", "datetime", "string", "reference", "instance",
};
static const char *const array_type_names[16] = {
	"boolean[]", "uint8[]", "sint8[]", "uint16[]", "sint16[]", "uint32[]", "sint32[]", "uint64[]",
	"sint64[]", "real32[]", "real64[]", "char16[]", "datetime[]", "string[]", "reference[]", "instance[]",
};

int mix_type_from_name(const char *name, MI_Type *out)
{
	if (!name)
		return -1;
	for (int i = 0; i < 16; i++)
		if (!strcasecmp(name, type_names[i])) {
			*out = (MI_Type)i;
			return 0;
		}
	if (!strcasecmp(name, "ref")) {
		*out = MI_REFERENCE;
		return 0;
	}
	if (!strcasecmp(name, "object")) {
		*out = MI_INSTANCE;
		return 0;
	}
	return -1;
}

const MI_Char *MIX_TypeName(MI_Type type)
{
	unsigned t = (unsigned)type;
	if (t > 31)
		return "unknown";
	return (t & MI_ARRAY) ? array_type_names[t & 15] : type_names[t];
}

static const char *const result_names[] = {
	"CIM_ERR_OK", "CIM_ERR_FAILED", "CIM_ERR_ACCESS_DENIED", "CIM_ERR_INVALID_NAMESPACE",
	"CIM_ERR_INVALID_PARAMETER", "CIM_ERR_INVALID_CLASS", "CIM_ERR_NOT_FOUND",
	"CIM_ERR_NOT_SUPPORTED", "CIM_ERR_CLASS_HAS_CHILDREN", "CIM_ERR_CLASS_HAS_INSTANCES",
	"CIM_ERR_INVALID_SUPERCLASS", "CIM_ERR_ALREADY_EXISTS", "CIM_ERR_NO_SUCH_PROPERTY",
	"CIM_ERR_TYPE_MISMATCH", "CIM_ERR_QUERY_LANGUAGE_NOT_SUPPORTED", "CIM_ERR_INVALID_QUERY",
	"CIM_ERR_METHOD_NOT_AVAILABLE", "CIM_ERR_METHOD_NOT_FOUND", "CIM_ERR_UNEXPECTED_RESPONSE",
	"CIM_ERR_INVALID_RESPONSE_DESTINATION", "CIM_ERR_NAMESPACE_NOT_EMPTY",
	"CIM_ERR_INVALID_ENUMERATION_CONTEXT", "CIM_ERR_INVALID_OPERATION_TIMEOUT",
	"CIM_ERR_PULL_HAS_BEEN_ABANDONED", "CIM_ERR_PULL_CANNOT_BE_ABANDONED",
	"CIM_ERR_FILTERED_ENUMERATION_NOT_SUPPORTED", "CIM_ERR_CONTINUATION_ON_ERROR_NOT_SUPPORTED",
	"CIM_ERR_SERVER_LIMITS_EXCEEDED", "CIM_ERR_SERVER_IS_SHUTTING_DOWN",
	"CIM_ERR_QUERY_FEATURE_NOT_SUPPORTED",
};

const MI_Char *MIX_ResultName(MI_Result r)
{
	if ((unsigned)r < sizeof(result_names) / sizeof(result_names[0]))
		return result_names[r];
	return "CIM_ERR_UNKNOWN";
}
