/* batch_error.c - error reports on stderr and the exit status table.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "batch.h"
#include "format.h"

static const char *str_prop(const MI_Instance *inst, const char *name)
{
	MI_Value v;
	MI_Type t;
	MI_Uint32 f;
	if (!inst || MI_Instance_GetElement(inst, name, &v, &t, &f, NULL) != MI_RESULT_OK || t != MI_STRING ||
	    (f & MI_FLAG_NULL))
		return NULL;
	return v.string;
}

static long num_prop(const MI_Instance *inst, const char *name)
{
	MI_Value v;
	MI_Type t;
	MI_Uint32 f;
	if (!inst || MI_Instance_GetElement(inst, name, &v, &t, &f, NULL) != MI_RESULT_OK || (f & MI_FLAG_NULL))
		return -1;
	switch (t) {
	case MI_UINT8: return v.uint8;
	case MI_UINT16: return v.uint16;
	case MI_UINT32: return (long)v.uint32;
	case MI_SINT32: return v.sint32;
	case MI_UINT64: return (long)v.uint64;
	case MI_SINT64: return (long)v.sint64;
	default: return -1;
	}
}

static int contains(const char *hay, const char *needle)
{
	return hay && strcasestr(hay, needle) != NULL;
}

/* Engine-made transport failures (engine/cimxml_err.c), by MessageID. */
static const struct { const char *id; int code; } transport_ids[] = {
	{ "CIMTUI0101", EXIT_UNAVAILABLE }, /* connection refused or unreachable */
	{ "CIMTUI0102", EXIT_UNAVAILABLE }, /* host name not resolved */
	{ "CIMTUI0103", EXIT_NOPERM },      /* TLS certificate verification failed */
	{ "CIMTUI0104", EXIT_UNAVAILABLE }, /* TLS handshake failed */
	{ "CIMTUI0105", EXIT_TEMPFAIL },    /* timed out */
	{ "CIMTUI0106", EXIT_NOPERM },      /* HTTP 401 */
	{ "CIMTUI0107", EXIT_NOPERM },      /* HTTP 403 */
	{ "CIMTUI0108", EXIT_PROTOCOL },    /* HTTP 404: no CIM server there */
	{ "CIMTUI0109", EXIT_PROTOCOL },    /* HTTP error with a CIMError header */
	{ "CIMTUI0110", EXIT_PROTOCOL },    /* other HTTP error status */
	{ "CIMTUI0111", EXIT_PROTOCOL },    /* not CIM-XML */
	{ "CIMTUI0112", EXIT_PROTOCOL },    /* malformed XML */
	{ "CIMTUI0113", EXIT_PROTOCOL },    /* reply cut short / connection closed */
	{ "CIMTUI0114", EXIT_PROTOCOL },    /* reply beyond a safety limit */
	{ "CIMTUI0117", EXIT_NOPERM },      /* credentials refused over plain http */
	{ "CIMTUI0118", EXIT_PROTOCOL },    /* reply does not answer the request */
	{ "CIMTUI0119", EXIT_UNAVAILABLE }, /* other transfer failure */
	{ "CIMTUI0120", EXIT_PROTOCOL },    /* empty reply */
	{ "CIMTUI0121", EXIT_USAGE },       /* invalid destination URL */
};

int batch_exit_code(MI_Result result, const char *message, const MI_Instance *details)
{
	const char *id = str_prop(details, "MessageID");
	const char *owner = str_prop(details, "OwningEntity");
	const char *msg = message ? message : str_prop(details, "Message");
	int engine_made = id && (!owner || !strcasecmp(owner, "cimtui"));
	if (engine_made && !strcmp(id, "CIMTUI0002"))
		return EXIT_TEMPFAIL;
	if (engine_made && !strcmp(id, "CIMTUI0001"))
		return EXIT_INTERRUPTED;
	/* CIMTUI0100, 0115 and 0116 wrap what the server said: CIM errors */
	if (engine_made && !strncmp(id, "CIMTUI01", 8) && strcmp(id, "CIMTUI0100") &&
	    strcmp(id, "CIMTUI0115") && strcmp(id, "CIMTUI0116")) {
		for (size_t i = 0; i < sizeof transport_ids / sizeof transport_ids[0]; i++)
			if (!strcmp(id, transport_ids[i].id))
				return transport_ids[i].code;
		/* an id added later: judge by its CIM_Error fields */
		long type = num_prop(details, "ErrorType");
		long cause = num_prop(details, "ProbableCause");
		if (contains(msg, "timed out"))
			return EXIT_TEMPFAIL;
		if (result == MI_RESULT_ACCESS_DENIED || type == 7 /* security */)
			return EXIT_NOPERM;
		if (cause == 5 /* connection */)
			return EXIT_UNAVAILABLE;
		return EXIT_PROTOCOL;
	}
	if (result >= 1 && result <= 29)
		return (int)result;
	return result == MI_RESULT_OK ? 0 : 1;
}

static void line(const char *label, const char *value)
{
	struct sbuf b = SBUF_INIT;
	sb_puts(&b, "  ");
	sb_puts(&b, label);
	sb_puts(&b, ": ");
	fmt_text_human(&b, value);
	sb_putc(&b, '\n');
	fputs(sb_str(&b), stderr);
	sb_free(&b);
}

int batch_report_error(MI_Result result, const char *message, const MI_Instance *details)
{
	fflush(stdout);
	const char *msg = message && *message ? message : str_prop(details, "Message");
	struct sbuf b = SBUF_INIT;
	sb_printf(&b, "cimtui: %s (%d)", MIX_ResultName(result), (int)result);
	if (msg) {
		sb_puts(&b, ": ");
		fmt_text_human(&b, msg);
	}
	sb_putc(&b, '\n');
	fputs(sb_str(&b), stderr);
	sb_free(&b);
	static const char *const keys[] = { "MessageID", "OwningEntity", "ErrorSource", NULL };
	for (size_t i = 0; keys[i]; i++) {
		const char *v = str_prop(details, keys[i]);
		if (v && *v)
			line(keys[i], v);
	}
	if (details) {
		MI_Value v;
		MI_Type t;
		MI_Uint32 f;
		if (MI_Instance_GetElement(details, "RecommendedActions", &v, &t, &f, NULL) == MI_RESULT_OK &&
		    t == MI_STRINGA && !(f & MI_FLAG_NULL)) {
			for (MI_Uint32 i = 0; i < v.stringa.size; i++)
				if (v.stringa.data[i])
					line("RecommendedAction", v.stringa.data[i]);
		}
	}
	fflush(stderr);
	return batch_exit_code(result, message, details);
}
