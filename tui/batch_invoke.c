/* batch_invoke.c - "iv PATH METHOD [NAME=VALUE...]".
 *
 * The class is fetched first so that IN parameters get their declared
 * types (numbers, booleans, datetimes, references as PATHs, arrays as
 * comma-separated lists); when the class cannot be read the values go as
 * strings and the server converts them.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "batch.h"
#include "batch_cmd.h"

/* Fetches the class; NULL when it cannot be read (caller deletes). */
static MI_Class *fetch_class(struct batch *b, const char *ns, const char *name)
{
	MI_Operation op = MI_OPERATION_NULL;
	MI_Class *copy = NULL;
	MI_Session_GetClass(b->session, 0, batch_opopts(b, 0), ns, name, NULL, &op);
	MI_Boolean more = MI_TRUE;
	while (more) {
		const MI_Class *cls = NULL;
		MI_Result res;
		if (MI_Operation_GetClass(&op, &cls, &more, &res, NULL, NULL) != MI_RESULT_OK && !cls)
			break;
		if (cls && !copy)
			MI_Class_Clone(cls, &copy);
	}
	MI_Operation_Close(&op);
	return copy;
}

static int parse_datetime(const char *s, MI_Datetime *dt)
{
	memset(dt, 0, sizeof(*dt));
	if (strlen(s) != 25 || s[14] != '.')
		return -1;
	char buf[26];
	strcpy(buf, s);
	for (int i = 0; i < 25; i++)
		if (buf[i] == '*')
			buf[i] = '0';
	unsigned long f[8];
	if (buf[21] == ':') {
		if (sscanf(buf, "%8lu%2lu%2lu%2lu.%6lu", &f[0], &f[1], &f[2], &f[3], &f[4]) != 5)
			return -1;
		dt->isTimestamp = 0;
		dt->u.interval.days = (MI_Uint32)f[0];
		dt->u.interval.hours = (MI_Uint32)f[1];
		dt->u.interval.minutes = (MI_Uint32)f[2];
		dt->u.interval.seconds = (MI_Uint32)f[3];
		dt->u.interval.microseconds = (MI_Uint32)f[4];
		return 0;
	}
	if (buf[21] != '+' && buf[21] != '-')
		return -1;
	if (sscanf(buf, "%4lu%2lu%2lu%2lu%2lu%2lu.%6lu", &f[0], &f[1], &f[2], &f[3], &f[4], &f[5], &f[6]) != 7)
		return -1;
	char *end;
	long utc = strtol(buf + 22, &end, 10);
	if (*end)
		return -1;
	dt->isTimestamp = 1;
	dt->u.timestamp.year = (MI_Uint32)f[0];
	dt->u.timestamp.month = (MI_Uint32)f[1];
	dt->u.timestamp.day = (MI_Uint32)f[2];
	dt->u.timestamp.hour = (MI_Uint32)f[3];
	dt->u.timestamp.minute = (MI_Uint32)f[4];
	dt->u.timestamp.second = (MI_Uint32)f[5];
	dt->u.timestamp.microseconds = (MI_Uint32)f[6];
	dt->u.timestamp.utc = (MI_Sint32)(buf[21] == '-' ? -utc : utc);
	return 0;
}

/* Parses text as scalar type t into v (strings point into text; a
 * reference is a new instance the caller deletes).  Returns 0 or -1. */
static int parse_scalar(struct batch *b, const char *text, MI_Type t, MI_Value *v)
{
	char *end = NULL;
	memset(v, 0, sizeof(*v));
	errno = 0;
	switch (t) {
	case MI_BOOLEAN:
		if (!strcasecmp(text, "true") || !strcmp(text, "1"))
			v->boolean = MI_TRUE;
		else if (!strcasecmp(text, "false") || !strcmp(text, "0"))
			v->boolean = MI_FALSE;
		else
			return -1;
		return 0;
	case MI_UINT8: case MI_UINT16: case MI_UINT32: case MI_UINT64: {
		if (text[0] == '-')
			return -1;
		unsigned long long u = strtoull(text, &end, 0);
		unsigned long long max = t == MI_UINT8 ? 0xFF : t == MI_UINT16 ? 0xFFFF :
			t == MI_UINT32 ? 0xFFFFFFFFull : ~0ull;
		if (!*text || *end || errno || u > max)
			return -1;
		if (t == MI_UINT8) v->uint8 = (MI_Uint8)u;
		else if (t == MI_UINT16) v->uint16 = (MI_Uint16)u;
		else if (t == MI_UINT32) v->uint32 = (MI_Uint32)u;
		else v->uint64 = u;
		return 0;
	}
	case MI_SINT8: case MI_SINT16: case MI_SINT32: case MI_SINT64: {
		long long s = strtoll(text, &end, 0);
		long long lim = t == MI_SINT8 ? 0x7F : t == MI_SINT16 ? 0x7FFF : t == MI_SINT32 ? 0x7FFFFFFFll :
			0x7FFFFFFFFFFFFFFFll;
		if (!*text || *end || errno || s > lim || s < -lim - 1)
			return -1;
		if (t == MI_SINT8) v->sint8 = (MI_Sint8)s;
		else if (t == MI_SINT16) v->sint16 = (MI_Sint16)s;
		else if (t == MI_SINT32) v->sint32 = (MI_Sint32)s;
		else v->sint64 = s;
		return 0;
	}
	case MI_REAL32: case MI_REAL64: {
		double d;
		if (!strcasecmp(text, "INF"))
			d = INFINITY;
		else if (!strcasecmp(text, "-INF"))
			d = -INFINITY;
		else if (!strcasecmp(text, "NaN"))
			d = NAN;
		else {
			d = strtod(text, &end);
			if (!*text || *end)
				return -1;
		}
		if (t == MI_REAL32)
			v->real32 = (MI_Real32)d;
		else
			v->real64 = d;
		return 0;
	}
	case MI_CHAR16: {
		unsigned long cp;
		size_t n = wbem_utf8_decode((const unsigned char *)text, strlen(text), &cp);
		if (!n || text[n] || cp > 0xFFFF)
			return -1;
		v->char16 = (MI_Char16)cp;
		return 0;
	}
	case MI_DATETIME:
		return parse_datetime(text, &v->datetime);
	case MI_STRING:
		v->string = (MI_Char *)text;
		return 0;
	case MI_REFERENCE: {
		struct wbem_path p;
		char *err = NULL;
		if (wbem_path_parse(b->app, text, &p, &err) < 0 || !p.keys) {
			if (!err)
				wbem_path_free(&p);
			free(err);
			return -1;
		}
		v->reference = p.keys;
		if (p.ns)
			MI_Instance_SetNameSpace(p.keys, p.ns);
		p.keys = NULL;
		wbem_path_free(&p);
		return 0;
	}
	default:
		return -1;
	}
}

/* Adds NAME=text as a parameter of type t to params. */
static int add_param(struct batch *b, MI_Instance *params, const char *name, const char *text, MI_Type t)
{
	MI_Type s = (MI_Type)(t & ~MI_ARRAY);
	MI_Value v;
	int rc = 0;
	if (s == MI_INSTANCE) {
		fprintf(stderr, "cimtui: parameter %s takes an embedded instance, which cannot be given on"
				" the command line\n", name);
		return EXIT_USAGE;
	}
	if (!(t & MI_ARRAY)) {
		if (parse_scalar(b, text, s, &v) < 0) {
			fprintf(stderr, "cimtui: parameter %s: '%s' is not a valid %s\n", name, text, MIX_TypeName(t));
			return EXIT_USAGE;
		}
		if (MI_Instance_AddElement(params, name, &v, t, 0) != MI_RESULT_OK) {
			fprintf(stderr, "cimtui: parameter %s given twice\n", name);
			rc = EXIT_USAGE;
		}
		if (s == MI_REFERENCE)
			MI_Instance_Delete(v.reference);
		return rc;
	}
	/* arrays: comma separated; empty text = empty array */
	char *copy = strdup(text);
	size_t cap = 1;
	for (const char *p = text; *p; p++)
		cap += *p == ',';
	size_t esz = MIX_TypeSize(s);
	unsigned char *data = calloc(cap, esz);
	MI_Uint32 n = 0;
	if (!copy || !data)
		abort();
	char *save = NULL;
	for (char *tok = *copy ? strtok_r(copy, ",", &save) : NULL; tok; tok = strtok_r(NULL, ",", &save)) {
		if (parse_scalar(b, tok, s, &v) < 0) {
			fprintf(stderr, "cimtui: parameter %s: '%s' is not a valid %s\n", name, tok,
				MIX_TypeName(s));
			rc = EXIT_USAGE;
			break;
		}
		memcpy(data + esz * n, &v, esz);
		n++;
	}
	if (!rc) {
		MI_Value av;
		av.array.data = data;
		av.array.size = n;
		if (MI_Instance_AddElement(params, name, &av, t, 0) != MI_RESULT_OK) {
			fprintf(stderr, "cimtui: parameter %s given twice\n", name);
			rc = EXIT_USAGE;
		}
	}
	if (s == MI_REFERENCE)
		for (MI_Uint32 i = 0; i < n; i++)
			MI_Instance_Delete(((MI_Instance **)(void *)data)[i]);
	free(data);
	free(copy);
	return rc;
}

int batch_invoke(struct batch *b, int argc, char **argv)
{
	if (argc < 2)
		return batch_usage("%s needs PATH METHOD [NAME=VALUE...]", "iv");
	struct wbem_path p;
	int rc = batch_path(b, argv[0], &p, 0);
	if (rc)
		return rc;
	const char *method = argv[1];
	const char *ns = batch_ns(b, &p);
	MI_Class *cls = fetch_class(b, ns, p.class_name);
	MI_ParameterSet ps = { 0, 0, NULL };
	int have_params = cls && MI_Class_GetMethod(cls, method, NULL, &ps, NULL) == MI_RESULT_OK;
	if (cls && !have_params) {
		fprintf(stderr, "cimtui: class %s has no method %s\n", p.class_name, method);
		MI_Class_Delete(cls);
		wbem_path_free(&p);
		return EXIT_USAGE;
	}
	MI_Instance *params = NULL;
	if (MI_Application_NewInstance(b->app, method, NULL, &params) != MI_RESULT_OK) {
		rc = EXIT_SOFTWARE;
		goto out;
	}
	for (int i = 2; i < argc && !rc; i++) {
		const char *eq = strchr(argv[i], '=');
		if (!eq || eq == argv[i]) {
			rc = batch_usage("method arguments look like NAME=VALUE, not '%s'", argv[i]);
			break;
		}
		char *name = strndup(argv[i], (size_t)(eq - argv[i]));
		MI_Type t = MI_STRING;
		if (have_params) {
			MI_Uint32 np = 0, k;
			MI_ParameterSet_GetParameterCount(&ps, &np);
			for (k = 0; k < np; k++) {
				const MI_Char *pn;
				MI_Type pt;
				MI_Char *rc_ = NULL;
				MI_QualifierSet q = { 0, 0, NULL };
				if (MI_ParameterSet_GetParameterAt(&ps, k, &pn, &pt, &rc_, &q) == MI_RESULT_OK &&
				    !strcasecmp(pn, name)) {
					t = pt;
					free(name);
					name = strdup(pn);
					break;
				}
			}
			if (k == np) {
				fprintf(stderr, "cimtui: method %s has no parameter %s\n", method, name);
				rc = EXIT_USAGE;
			}
		}
		if (!rc)
			rc = add_param(b, params, name, eq + 1, t);
		free(name);
	}
	if (!rc) {
		MI_Operation op = MI_OPERATION_NULL;
		MI_Session_Invoke(b->session, 0, batch_opopts(b, 0), ns, p.class_name, method, p.keys, params, NULL,
			&op);
		rc = batch_pull_for_path(b, &op, &p, fmt_instance);
	}
out:
	if (params)
		MI_Instance_Delete(params);
	if (cls)
		MI_Class_Delete(cls);
	wbem_path_free(&p);
	return rc;
}
