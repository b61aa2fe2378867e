/* test_helpers.h - shared set-up for engine unit tests.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef CIMTUI_TESTS_TEST_HELPERS_H
#define CIMTUI_TESTS_TEST_HELPERS_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>

#include "mi.h"

static inline uint64_t th_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

static inline void th_sleep_ms(unsigned ms)
{
	struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000L };
	nanosleep(&ts, NULL);
}

/* The string value of a property, or NULL. */
static inline const char *th_string(const MI_Instance *inst, const char *name)
{
	MI_Value v;
	MI_Type t;
	MI_Uint32 f;
	if (MI_Instance_GetElement(inst, name, &v, &t, &f, NULL) != MI_RESULT_OK || t != MI_STRING ||
	    (f & MI_FLAG_NULL))
		return NULL;
	return v.string;
}

static inline long long th_uint(const MI_Instance *inst, const char *name)
{
	MI_Value v;
	MI_Type t;
	MI_Uint32 f;
	if (MI_Instance_GetElement(inst, name, &v, &t, &f, NULL) != MI_RESULT_OK || (f & MI_FLAG_NULL))
		return -1;
	switch (t) {
	case MI_UINT8: return v.uint8;
	case MI_UINT16: return v.uint16;
	case MI_UINT32: return v.uint32;
	case MI_UINT64: return (long long)v.uint64;
	case MI_SINT32: return v.sint32;
	case MI_SINT64: return v.sint64;
	default: return -1;
	}
}

#endif
