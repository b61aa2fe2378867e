/* options.c - destination and operation options.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "engine_internal.h"
#include "model.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

void mix_dest_options_defaults(struct mix_dest_options *o)
{
	memset(o, 0, sizeof(*o));
	o->timeout_us = 0;
	o->connect_timeout_ms = 10000;
	o->max_elements = 1000;
	o->max_envelope_kb = 512;
	o->queue_length = 256;
	o->max_response_bytes = (uint64_t)1 << 30;
	o->max_xml_depth = 256;
	o->cert_ca_check = MI_TRUE;
	o->cert_cn_check = MI_TRUE;
	o->packet_privacy = MI_TRUE;
}

/* The heap-owned string members of struct mix_dest_options. */
static const size_t dest_string_offsets[] = {
	offsetof(struct mix_dest_options, transport), offsetof(struct mix_dest_options, url_prefix),
	offsetof(struct mix_dest_options, ca_file), offsetof(struct mix_dest_options, trusted_certs_dir),
	offsetof(struct mix_dest_options, cert_file), offsetof(struct mix_dest_options, private_key_file),
	offsetof(struct mix_dest_options, trace_path), offsetof(struct mix_dest_options, auth_type),
	offsetof(struct mix_dest_options, domain), offsetof(struct mix_dest_options, username),
	offsetof(struct mix_dest_options, password),
};
#define N_DEST_STRINGS (sizeof(dest_string_offsets) / sizeof(dest_string_offsets[0]))

static char **dest_string(struct mix_dest_options *o, size_t i)
{
	return (char **)((char *)o + dest_string_offsets[i]);
}

void mix_dest_options_copy(struct mix_dest_options *dst, const struct mix_dest_options *src)
{
	*dst = *src;
	for (size_t i = 0; i < N_DEST_STRINGS; i++)
		*dest_string(dst, i) = mix_strdup(*dest_string(dst, i));
}

void mix_dest_options_free(struct mix_dest_options *o)
{
	if (o->password)
		explicit_bzero(o->password, strlen(o->password));
	for (size_t i = 0; i < N_DEST_STRINGS; i++) {
		free(*dest_string(o, i));
		*dest_string(o, i) = NULL;
	}
}

/* ---- both kinds of options ----------------------------------------------------- */

/* Whether application is a live application handle: New*Options accept
 * nothing else, though the options do not belong to it. */
static int application_live(MI_Application *application)
{
	struct mix_obj *app = application ? mix_handle_acquire(application->reserved1, MIX_KIND_APP) : NULL;
	if (!app)
		return 0;
	mix_obj_unref(app);
	return 1;
}

/* The body of both *Options_Delete: unregisters the handle id of `kind`,
 * clears the caller's struct and drops the registry's reference. */
static MI_Result delete_options(MI_Uint64 id, enum mix_obj_kind kind, void *options, size_t size)
{
	struct mix_obj *o = mix_handle_unregister(id, kind);
	if (!o)
		return MI_RESULT_INVALID_PARAMETER;
	memset(options, 0, size);
	mix_obj_unref(o);
	return MI_RESULT_OK;
}

/* ---- destination options --------------------------------------------------- */

static void destopt_destroy(struct mix_obj *o)
{
	struct mix_destopt *d = (struct mix_destopt *)o;
	mix_dest_options_free(&d->o);
	pthread_mutex_destroy(&d->lock);
	free(d);
}

MI_Result MI_Application_NewDestinationOptions(MI_Application *application, MI_DestinationOptions *options)
{
	if (!options)
		return MI_RESULT_INVALID_PARAMETER;
	memset(options, 0, sizeof(*options));
	if (!application_live(application))
		return MI_RESULT_INVALID_PARAMETER;
	struct mix_destopt *d = calloc(1, sizeof(*d));
	if (!d)
		return MI_RESULT_FAILED;
	pthread_mutex_init(&d->lock, NULL);
	mix_dest_options_defaults(&d->o);
	options->reserved1 = mix_handle_register(&d->obj, MIX_KIND_DESTOPT, destopt_destroy);
	options->ft = MIX_HANDLE_FT;
	return MI_RESULT_OK;
}

static struct mix_destopt *destopt(MI_DestinationOptions *options)
{
	if (!options)
		return NULL;
	return (struct mix_destopt *)mix_handle_acquire(options->reserved1, MIX_KIND_DESTOPT);
}

MI_Result MI_DestinationOptions_Delete(MI_DestinationOptions *options)
{
	if (!options)
		return MI_RESULT_INVALID_PARAMETER;
	return delete_options(options->reserved1, MIX_KIND_DESTOPT, options, sizeof(*options));
}

/* Copies the options a session should use; defaults when options is NULL. */
MI_Result mix_dest_options_snapshot(MI_DestinationOptions *options, struct mix_dest_options *out)
{
	if (!options || !options->reserved1) {
		mix_dest_options_defaults(out);
		return MI_RESULT_OK;
	}
	struct mix_destopt *d = destopt(options);
	if (!d)
		return MI_RESULT_INVALID_PARAMETER;
	pthread_mutex_lock(&d->lock);
	mix_dest_options_copy(out, &d->o);
	pthread_mutex_unlock(&d->lock);
	mix_obj_unref(&d->obj);
	return MI_RESULT_OK;
}

#define WITH_DEST(options, body)                                   \
	do {                                                       \
		struct mix_destopt *d_ = destopt(options);         \
		if (!d_)                                           \
			return MI_RESULT_INVALID_PARAMETER;        \
		struct mix_dest_options *o = &d_->o;               \
		pthread_mutex_lock(&d_->lock);                     \
		body;                                              \
		pthread_mutex_unlock(&d_->lock);                   \
		mix_obj_unref(&d_->obj);                           \
	} while (0)

static uint64_t interval_us(const MI_Interval *t)
{
	return ((((uint64_t)t->days * 24 + t->hours) * 60 + t->minutes) * 60 + t->seconds) * 1000000ull +
	       t->microseconds;
}

static int set_str(char **slot, const char *v)
{
	char *c = mix_strdup(v);
	if (v && !c)
		return -1;
	free(*slot);
	*slot = c;
	return 0;
}

MI_Result MI_DestinationOptions_SetTimeout(MI_DestinationOptions *options, const MI_Interval *timeout)
{
	if (!timeout)
		return MI_RESULT_INVALID_PARAMETER;
	WITH_DEST(options, o->timeout_us = interval_us(timeout));
	return MI_RESULT_OK;
}

MI_Result MI_DestinationOptions_SetMaxElements(MI_DestinationOptions *options, MI_Uint32 maxElements)
{
	if (!maxElements)
		return MI_RESULT_INVALID_PARAMETER;
	WITH_DEST(options, o->max_elements = maxElements);
	return MI_RESULT_OK;
}

MI_Result MI_DestinationOptions_SetMaxEnvelopeSize(MI_DestinationOptions *options, MI_Uint32 sizeInKB)
{
	WITH_DEST(options, o->max_envelope_kb = sizeInKB);
	return MI_RESULT_OK;
}

MI_Result MI_DestinationOptions_SetTransport(MI_DestinationOptions *options, const MI_Char *transport)
{
	if (!transport || (strcasecmp(transport, "HTTP") && strcasecmp(transport, "HTTPS")))
		return MI_RESULT_INVALID_PARAMETER;
	MI_Result r = MI_RESULT_OK;
	WITH_DEST(options, if (set_str(&o->transport, transport)) r = MI_RESULT_FAILED);
	return r;
}

MI_Result MI_DestinationOptions_SetDestinationPort(MI_DestinationOptions *options, MI_Uint32 port)
{
	if (!port || port > 65535)
		return MI_RESULT_INVALID_PARAMETER;
	WITH_DEST(options, o->port = port);
	return MI_RESULT_OK;
}

#define STRING_SETTER(fn, field)                                                      \
	MI_Result fn(MI_DestinationOptions *options, const MI_Char *value)            \
	{                                                                             \
		MI_Result r = MI_RESULT_OK;                                           \
		WITH_DEST(options, if (set_str(&o->field, value)) r = MI_RESULT_FAILED); \
		return r;                                                             \
	}
STRING_SETTER(MI_DestinationOptions_SetHttpUrlPrefix, url_prefix)
STRING_SETTER(MI_DestinationOptions_SetTrustedCertsDir, trusted_certs_dir)
STRING_SETTER(MI_DestinationOptions_SetCertFile, cert_file)
STRING_SETTER(MI_DestinationOptions_SetPrivateKeyFile, private_key_file)

MI_Result MI_DestinationOptions_SetCertCACheck(MI_DestinationOptions *options, MI_Boolean check)
{
	WITH_DEST(options, o->cert_ca_check = check ? MI_TRUE : MI_FALSE);
	return MI_RESULT_OK;
}

MI_Result MI_DestinationOptions_SetCertCNCheck(MI_DestinationOptions *options, MI_Boolean check)
{
	WITH_DEST(options, o->cert_cn_check = check ? MI_TRUE : MI_FALSE);
	return MI_RESULT_OK;
}

MI_Result MI_DestinationOptions_SetPacketPrivacy(MI_DestinationOptions *options, MI_Boolean privacy)
{
	WITH_DEST(options, o->packet_privacy = privacy ? MI_TRUE : MI_FALSE);
	return MI_RESULT_OK;
}

MI_Result MI_DestinationOptions_AddDestinationCredentials(MI_DestinationOptions *options,
	const MI_UserCredentials *c)
{
	if (!c || !c->authenticationType)
		return MI_RESULT_INVALID_PARAMETER;
	const MI_UsernamePasswordCreds *up = &c->credentials.usernamePassword;
	MI_Result r = MI_RESULT_OK;
	WITH_DEST(options, {
		if (o->password)
			explicit_bzero(o->password, strlen(o->password));
		if (set_str(&o->auth_type, c->authenticationType) || set_str(&o->domain, up->domain) ||
		    set_str(&o->username, up->username) || set_str(&o->password, up->password))
			r = MI_RESULT_FAILED;
	});
	return r;
}

MI_Result MI_DestinationOptions_SetString(MI_DestinationOptions *options, const MI_Char *name,
	const MI_Char *value, MI_Uint32 flags)
{
	(void)flags;
	if (!name)
		return MI_RESULT_INVALID_PARAMETER;
	char **slot = NULL;
	MI_Result r = MI_RESULT_OK;
	WITH_DEST(options, {
		if (!strcmp(name, "cimtui:CAFile"))
			slot = &o->ca_file;
		else if (!strcmp(name, "cimtui:TracePath"))
			slot = &o->trace_path;
		if (!slot)
			r = MI_RESULT_NOT_SUPPORTED;
		else if (set_str(slot, value))
			r = MI_RESULT_FAILED;
	});
	return r;
}

MI_Result MI_DestinationOptions_SetNumber(MI_DestinationOptions *options, const MI_Char *name,
	MI_Uint32 value, MI_Uint32 flags)
{
	(void)flags;
	if (!name)
		return MI_RESULT_INVALID_PARAMETER;
	MI_Result r = MI_RESULT_OK;
	WITH_DEST(options, {
		if (!strcmp(name, "cimtui:NoPull"))
			o->no_pull = value ? MI_TRUE : MI_FALSE;
		else if (!strcmp(name, "cimtui:MaxResponseBytes"))
			o->max_response_bytes = value;
		else if (!strcmp(name, "cimtui:MaxXmlDepth"))
			o->max_xml_depth = value;
		else if (!strcmp(name, "cimtui:QueueLength") && value)
			o->queue_length = value;
		else if (!strcmp(name, "cimtui:ConnectTimeoutMs"))
			o->connect_timeout_ms = value;
		else
			r = MI_RESULT_NOT_SUPPORTED;
	});
	return r;
}

/* ---- operation options -------------------------------------------------------- */

static void opopt_destroy(struct mix_obj *o)
{
	struct mix_opopt *p = (struct mix_opopt *)o;
	for (MI_Uint32 i = 0; i < p->count; i++) {
		free(p->items[i].name);
		free(p->items[i].str);
	}
	free(p->items);
	free(p->resource_uri);
	free(p->resource_uri_prefix);
	pthread_mutex_destroy(&p->lock);
	free(p);
}

MI_Result MI_Application_NewOperationOptions(MI_Application *application, MI_Boolean mustUnderstand,
	MI_OperationOptions *options)
{
	(void)mustUnderstand;
	if (!options)
		return MI_RESULT_INVALID_PARAMETER;
	memset(options, 0, sizeof(*options));
	if (!application_live(application))
		return MI_RESULT_INVALID_PARAMETER;
	struct mix_opopt *p = calloc(1, sizeof(*p));
	if (!p)
		return MI_RESULT_FAILED;
	pthread_mutex_init(&p->lock, NULL);
	options->reserved1 = mix_handle_register(&p->obj, MIX_KIND_OPOPT, opopt_destroy);
	options->ft = MIX_HANDLE_FT;
	return MI_RESULT_OK;
}

static struct mix_opopt *opopt(const MI_OperationOptions *options)
{
	if (!options)
		return NULL;
	return (struct mix_opopt *)mix_handle_acquire(options->reserved1, MIX_KIND_OPOPT);
}

MI_Result MI_OperationOptions_Delete(MI_OperationOptions *options)
{
	if (!options)
		return MI_RESULT_INVALID_PARAMETER;
	return delete_options(options->reserved1, MIX_KIND_OPOPT, options, sizeof(*options));
}

static struct mix_opt_entry *find_entry(struct mix_opopt *p, const char *name, MI_Uint32 *index)
{
	for (MI_Uint32 i = 0; i < p->count; i++)
		if (!strcasecmp(p->items[i].name, name)) {
			if (index)
				*index = i;
			return &p->items[i];
		}
	return NULL;
}

static MI_Result set_entry(const MI_OperationOptions *options, const char *name, const char *str,
	MI_Uint32 num, int is_num)
{
	if (!name)
		return MI_RESULT_INVALID_PARAMETER;
	struct mix_opopt *p = opopt(options);
	if (!p)
		return MI_RESULT_INVALID_PARAMETER;
	MI_Result r = MI_RESULT_OK;
	pthread_mutex_lock(&p->lock);
	struct mix_opt_entry *e = find_entry(p, name, NULL);
	if (!e) {
		struct mix_opt_entry *items = realloc(p->items, (p->count + 1) * sizeof(*items));
		if (!items) {
			r = MI_RESULT_FAILED;
			goto out;
		}
		p->items = items;
		e = &items[p->count];
		memset(e, 0, sizeof(*e));
		if (!(e->name = strdup(name))) {
			r = MI_RESULT_FAILED;
			goto out;
		}
		p->count++;
	}
	if (set_str(&e->str, is_num ? NULL : str)) {
		r = MI_RESULT_FAILED;
		goto out;
	}
	e->num = num;
	e->is_num = is_num;
out:
	pthread_mutex_unlock(&p->lock);
	mix_obj_unref(&p->obj);
	return r;
}

MI_Result MI_OperationOptions_SetString(MI_OperationOptions *options, const MI_Char *name,
	const MI_Char *value, MI_Uint32 flags)
{
	(void)flags;
	if (!value)
		return MI_RESULT_INVALID_PARAMETER;
	return set_entry(options, name, value, 0, 0);
}

MI_Result MI_OperationOptions_SetNumber(MI_OperationOptions *options, const MI_Char *name,
	MI_Uint32 value, MI_Uint32 flags)
{
	(void)flags;
	return set_entry(options, name, NULL, value, 1);
}

/* The returned string lives as long as the option is not set again. */
MI_Result MI_OperationOptions_GetString(const MI_OperationOptions *options, const MI_Char *name,
	const MI_Char **value, MI_Uint32 *index, MI_Uint32 *flags)
{
	if (!name || !value)
		return MI_RESULT_INVALID_PARAMETER;
	struct mix_opopt *p = opopt(options);
	if (!p)
		return MI_RESULT_INVALID_PARAMETER;
	pthread_mutex_lock(&p->lock);
	struct mix_opt_entry *e = find_entry(p, name, index);
	MI_Result r = (e && !e->is_num) ? MI_RESULT_OK : MI_RESULT_NO_SUCH_PROPERTY;
	*value = r == MI_RESULT_OK ? e->str : NULL;
	if (flags)
		*flags = 0;
	pthread_mutex_unlock(&p->lock);
	mix_obj_unref(&p->obj);
	return r;
}

MI_Result MI_OperationOptions_GetNumber(const MI_OperationOptions *options, const MI_Char *name,
	MI_Uint32 *value, MI_Uint32 *index, MI_Uint32 *flags)
{
	if (!name || !value)
		return MI_RESULT_INVALID_PARAMETER;
	struct mix_opopt *p = opopt(options);
	if (!p)
		return MI_RESULT_INVALID_PARAMETER;
	pthread_mutex_lock(&p->lock);
	struct mix_opt_entry *e = find_entry(p, name, index);
	MI_Result r = (e && e->is_num) ? MI_RESULT_OK : MI_RESULT_NO_SUCH_PROPERTY;
	*value = r == MI_RESULT_OK ? e->num : 0;
	if (flags)
		*flags = 0;
	pthread_mutex_unlock(&p->lock);
	mix_obj_unref(&p->obj);
	return r;
}

MI_Result MI_OperationOptions_SetTimeout(MI_OperationOptions *options, const MI_Interval *timeout)
{
	if (!timeout)
		return MI_RESULT_INVALID_PARAMETER;
	struct mix_opopt *p = opopt(options);
	if (!p)
		return MI_RESULT_INVALID_PARAMETER;
	pthread_mutex_lock(&p->lock);
	p->timeout_us = interval_us(timeout);
	pthread_mutex_unlock(&p->lock);
	mix_obj_unref(&p->obj);
	return MI_RESULT_OK;
}

static MI_Result set_uri(MI_OperationOptions *options, const char *uri, int prefix)
{
	struct mix_opopt *p = opopt(options);
	if (!p || !uri) {
		if (p)
			mix_obj_unref(&p->obj);
		return MI_RESULT_INVALID_PARAMETER;
	}
	pthread_mutex_lock(&p->lock);
	int bad = set_str(prefix ? &p->resource_uri_prefix : &p->resource_uri, uri);
	pthread_mutex_unlock(&p->lock);
	mix_obj_unref(&p->obj);
	return bad ? MI_RESULT_FAILED : MI_RESULT_OK;
}

MI_Result MI_OperationOptions_SetResourceUri(MI_OperationOptions *options, const MI_Char *uri)
{
	return set_uri(options, uri, 0);
}

MI_Result MI_OperationOptions_SetResourceUriPrefix(MI_OperationOptions *options, const MI_Char *prefix)
{
	return set_uri(options, prefix, 1);
}

/* ---- applying options to a request ------------------------------------------------ */

static char **split_list(const char *s)
{
	size_t n = 1;
	for (const char *c = s; *c; c++)
		n += *c == ',';
	char **list = calloc(n + 1, sizeof(*list));
	if (!list)
		return NULL;
	size_t k = 0;
	const char *start = s;
	for (const char *c = s;; c++) {
		if (*c == ',' || !*c) {
			while (start < c && (*start == ' ' || *start == '\t'))
				start++;
			const char *end = c;
			while (end > start && (end[-1] == ' ' || end[-1] == '\t'))
				end--;
			if (end > start)
				list[k++] = strndup(start, (size_t)(end - start));
			if (!*c)
				break;
			start = c + 1;
		}
	}
	return list;
}

void mix_request_apply_options(struct mix_request *req, MI_OperationOptions *options)
{
	int cls = mix_op_kind_is_class(req->kind);
	req->deep_inheritance = cls ? MI_FALSE : MI_TRUE;
	req->local_only = MI_FALSE;
	req->include_qualifiers = cls ? MI_TRUE : MI_FALSE;
	req->include_class_origin = MI_FALSE;
	struct mix_opopt *p = options ? opopt(options) : NULL;
	if (!p)
		return;
	pthread_mutex_lock(&p->lock);
	for (MI_Uint32 i = 0; i < p->count; i++) {
		struct mix_opt_entry *e = &p->items[i];
		if (!strcasecmp(e->name, "cimtui:DeepInheritance") && e->is_num)
			req->deep_inheritance = e->num != 0;
		else if (!strcasecmp(e->name, "cimtui:LocalOnly") && e->is_num)
			req->local_only = e->num != 0;
		else if (!strcasecmp(e->name, "cimtui:IncludeQualifiers") && e->is_num)
			req->include_qualifiers = e->num != 0;
		else if (!strcasecmp(e->name, "cimtui:IncludeClassOrigin") && e->is_num)
			req->include_class_origin = e->num != 0;
		else if (!strcasecmp(e->name, "cimtui:MaxElements") && e->is_num)
			req->max_elements = e->num;
		else if (!strcasecmp(e->name, "cimtui:PropertyList") && !e->is_num && e->str)
			req->property_list = split_list(e->str);
	}
	req->timeout_us = p->timeout_us;
	req->resource_uri = mix_strdup(p->resource_uri);
	pthread_mutex_unlock(&p->lock);
	mix_obj_unref(&p->obj);
}

void mix_request_free(struct mix_request *req)
{
	free(req->ns);
	free(req->class_name);
	free(req->assoc_class);
	free(req->result_class);
	free(req->role);
	free(req->result_role);
	free(req->method);
	free(req->query_dialect);
	free(req->query);
	free(req->resource_uri);
	if (req->instance)
		MI_Instance_Delete(req->instance);
	if (req->params)
		MI_Instance_Delete(req->params);
	if (req->property_list) {
		for (char **p = req->property_list; *p; p++)
			free(*p);
		free(req->property_list);
	}
	memset(req, 0, sizeof(*req));
}
