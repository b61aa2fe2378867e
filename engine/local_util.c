/* local_util.c - small helpers of the embedded provider: cheap file reads,
 * typed element builders, references to the singleton instances.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "local_impl.h"
#include "model.h"

void
local_err_set(struct local_err *err, MI_Result code, const char *fmt, ...)
{
	va_list ap;

	err->code = code;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof err->msg, fmt, ap);
	va_end(ap);
}

void
local_err_file(struct local_err *err, const char *path, int errnum)
{
	local_err_set(err, MI_RESULT_ACCESS_DENIED, "cannot read %s: %s", path, strerror(errnum));
}

ssize_t
local_read_file_at(int dirfd, const char *path, char *buf, size_t size)
{
	int fd = openat(dirfd, path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	ssize_t n;
	int e;

	if (fd < 0)
		return -1;
	do
		n = read(fd, buf, size - 1);
	while (n < 0 && errno == EINTR);
	e = errno;
	close(fd);
	if (n < 0) {
		errno = e;
		return -1;
	}
	buf[n] = '\0';
	return n;
}

ssize_t
local_read_file(const char *path, char *buf, size_t size)
{
	return local_read_file_at(AT_FDCWD, path, buf, size);
}

char *
local_slurp(const char *path, size_t *len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	size_t cap = 16384, n = 0;
	char *buf;

	if (fd < 0)
		return NULL;
	buf = malloc(cap);
	if (buf == NULL) {
		close(fd);
		errno = ENOMEM;
		return NULL;
	}
	for (;;) {
		ssize_t r;
		if (cap - n < 4096) {
			char *nb = realloc(buf, cap * 2);
			if (nb == NULL) {
				free(buf);
				close(fd);
				errno = ENOMEM;
				return NULL;
			}
			buf = nb;
			cap *= 2;
		}
		r = read(fd, buf + n, cap - n - 1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			int e = errno;
			free(buf);
			close(fd);
			errno = e;
			return NULL;
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	close(fd);
	buf[n] = '\0';
	if (len != NULL)
		*len = n;
	return buf;
}

char *
local_chomp(char *s)
{
	size_t n = strlen(s);

	while (n > 0 && (s[n - 1] == '\n' || s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
		s[--n] = '\0';
	return s;
}

int
local_parse_u64(const char *s, uint64_t *out)
{
	char *end;
	unsigned long long v;

	while (*s == ' ' || *s == '\t')
		s++;
	if (*s < '0' || *s > '9')
		return -1;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno != 0 || end == s)
		return -1;
	*out = v;
	return 0;
}

int
local_read_u64_at(int dirfd, const char *path, uint64_t *v)
{
	char buf[64];

	return local_read_file_at(dirfd, path, buf, sizeof buf) > 0 && local_parse_u64(buf, v) == 0 ? 0 : -1;
}

char *
local_copy_span(char *buf, size_t size, const char *s, size_t n)
{
	if (n >= size)
		n = size - 1;
	memcpy(buf, s, n);
	buf[n] = '\0';
	return buf;
}

int
local_oom(struct local_err *err)
{
	local_err_set(err, MI_RESULT_FAILED, "out of memory");
	return -1;
}

void *
local_zalloc(size_t size, struct local_err *err)
{
	void *p = calloc(1, size);

	if (p == NULL)
		local_oom(err);
	return p;
}

int
local_emit(MI_Instance *inst, MI_Result r, MI_Instance **out, struct local_err *err)
{
	if (inst == NULL || r != MI_RESULT_OK) {
		if (inst != NULL)
			MI_Instance_Delete(inst);
		return local_oom(err);
	}
	*out = inst;
	return 1;
}

MI_Result
local_add_str(MI_Instance *inst, const char *name, const char *s)
{
	return mix_instance_add_string(inst, name, s, 0);
}

MI_Result
local_add_u(MI_Instance *inst, const char *name, MI_Type type, uint64_t v)
{
	return mix_instance_add_uint(inst, name, type, v, 0);
}

MI_Result
local_add_s(MI_Instance *inst, const char *name, MI_Type type, int64_t v)
{
	MI_Value val;

	memset(&val, 0, sizeof val);
	switch (type) {
	case MI_SINT8: val.sint8 = (MI_Sint8)v; break;
	case MI_SINT16: val.sint16 = (MI_Sint16)v; break;
	case MI_SINT32: val.sint32 = (MI_Sint32)v; break;
	default: val.sint64 = v; type = MI_SINT64; break;
	}
	return mix_instance_adopt(inst, name, &val, type, 0);
}

MI_Result
local_add_bool(MI_Instance *inst, const char *name, int v)
{
	MI_Value val;

	memset(&val, 0, sizeof val);
	val.boolean = v ? MI_TRUE : MI_FALSE;
	return mix_instance_adopt(inst, name, &val, MI_BOOLEAN, 0);
}

MI_Result
local_add_u16a(MI_Instance *inst, const char *name, const MI_Uint16 *v, MI_Uint32 n)
{
	MI_Value val;
	MI_Result r;

	memset(&val, 0, sizeof val);
	val.uint16a.data = malloc((n ? n : 1) * sizeof *v);
	if (val.uint16a.data == NULL)
		return MI_RESULT_FAILED;
	memcpy(val.uint16a.data, v, n * sizeof *v);
	val.uint16a.size = n;
	r = mix_instance_adopt(inst, name, &val, MI_UINT16A, 0);
	if (r != MI_RESULT_OK)
		free(val.uint16a.data);
	return r;
}

MI_Result
local_add_stra(MI_Instance *inst, const char *name, char **v, MI_Uint32 n)
{
	MI_Value val;
	MI_Result r;
	MI_Uint32 i;

	memset(&val, 0, sizeof val);
	val.stringa.data = v;
	val.stringa.size = n;
	r = mix_instance_adopt(inst, name, &val, MI_STRINGA, 0);
	if (r != MI_RESULT_OK) {
		for (i = 0; i < n; i++)
			free(v[i]);
		free(v);
	}
	return r;
}

void
local_datetime(MI_Datetime *dt, uint64_t sec, uint32_t usec)
{
	time_t t = (time_t)sec;
	struct tm tm;

	memset(dt, 0, sizeof *dt);
	dt->isTimestamp = 1;
	if (localtime_r(&t, &tm) == NULL)
		gmtime_r(&t, &tm);
	dt->u.timestamp.year = (MI_Uint32)tm.tm_year + 1900;
	dt->u.timestamp.month = (MI_Uint32)tm.tm_mon + 1;
	dt->u.timestamp.day = (MI_Uint32)tm.tm_mday;
	dt->u.timestamp.hour = (MI_Uint32)tm.tm_hour;
	dt->u.timestamp.minute = (MI_Uint32)tm.tm_min;
	dt->u.timestamp.second = (MI_Uint32)tm.tm_sec;
	dt->u.timestamp.microseconds = usec;
	dt->u.timestamp.utc = (MI_Sint32)(tm.tm_gmtoff / 60);
}

MI_Result
local_add_time(MI_Instance *inst, const char *name, uint64_t sec, uint32_t usec)
{
	MI_Value val;

	memset(&val, 0, sizeof val);
	local_datetime(&val.datetime, sec, usec);
	return mix_instance_adopt(inst, name, &val, MI_DATETIME, 0);
}

MI_Result
local_add_ref(MI_Instance *inst, const char *name, MI_Instance *ref)
{
	MI_Value val;
	MI_Result r;

	if (ref == NULL)
		return mix_instance_adopt(inst, name, NULL, MI_REFERENCE, MI_FLAG_NULL);
	memset(&val, 0, sizeof val);
	val.reference = ref;
	r = mix_instance_adopt(inst, name, &val, MI_REFERENCE, 0);
	if (r != MI_RESULT_OK)
		MI_Instance_Delete(ref);
	return r;
}

static MI_Instance *
ref_new(const char *cls, const char *ns, const char *const *kv)
{
	MI_Instance *r = mix_instance_new(cls, ns);

	if (r == NULL)
		return NULL;
	for (; *kv != NULL; kv += 2)
		if (mix_instance_add_string(r, kv[0], kv[1], MI_FLAG_KEY) != MI_RESULT_OK) {
			MI_Instance_Delete(r);
			return NULL;
		}
	return r;
}

MI_Instance *
local_ref_system(const struct local_ctx *ctx)
{
	const char *kv[] = { "CreationClassName", "Linux_ComputerSystem", "Name", ctx->host, NULL };
	return ref_new("Linux_ComputerSystem", LOCAL_NS_CIMV2_NAME, kv);
}

MI_Instance *
local_ref_os(const struct local_ctx *ctx)
{
	const char *kv[] = { "CSCreationClassName", "Linux_ComputerSystem", "CSName", ctx->host,
		"CreationClassName", "Linux_OperatingSystem", "Name", ctx->os_name, NULL };
	return ref_new("Linux_OperatingSystem", LOCAL_NS_CIMV2_NAME, kv);
}

MI_Instance *
local_ref_objmgr(const struct local_ctx *ctx)
{
	const char *kv[] = { "SystemCreationClassName", "Linux_ComputerSystem", "SystemName", ctx->host,
		"CreationClassName", "CIM_ObjectManager", "Name", LOCAL_OBJMGR_NAME, NULL };
	return ref_new("CIM_ObjectManager", LOCAL_NS_INTEROP_NAME, kv);
}

MI_Instance *
local_ref_of(const MI_Instance *inst)
{
	const struct local_class *c;
	MI_Instance *r;
	MI_Uint32 i;
	unsigned bit = LOCAL_NS_BOTH;

	if (inst->name_space != NULL)
		bit = mix_name_eq(inst->name_space, LOCAL_NS_INTEROP_NAME) ? LOCAL_NS_INTEROP : LOCAL_NS_CIMV2;
	c = local_class_find(inst->class_name, bit);
	r = mix_instance_new(inst->class_name, inst->name_space);
	if (r == NULL)
		return NULL;
	for (i = 0; i < inst->count; i++) {
		const struct mix_element *e = &inst->elems[i];
		const struct local_flat *f = c != NULL ? local_class_prop(c, e->name) : NULL;
		MI_Value v;
		if (f == NULL || !(f->p->flags & LP_KEY))
			continue;
		if (e->flags & MI_FLAG_NULL) {
			if (mix_instance_adopt(r, e->name, NULL, e->type, MI_FLAG_KEY | MI_FLAG_NULL) != MI_RESULT_OK)
				goto fail;
			continue;
		}
		if (mix_value_copy(&v, &e->value, e->type) != MI_RESULT_OK)
			goto fail;
		if (mix_instance_adopt(r, e->name, &v, e->type, MI_FLAG_KEY) != MI_RESULT_OK) {
			mix_value_free(&v, e->type);
			goto fail;
		}
	}
	return r;
fail:
	MI_Instance_Delete(r);
	return NULL;
}

void
local_os_name(char *buf, size_t size)
{
	char text[4096];
	const char *p;

	snprintf(buf, size, "Linux");
	if (local_read_file("/etc/os-release", text, sizeof text) < 0 &&
		local_read_file("/usr/lib/os-release", text, sizeof text) < 0)
		return;
	for (p = text; p != NULL && *p != '\0'; p = strchr(p, '\n'), p = p ? p + 1 : NULL) {
		if (strncmp(p, "PRETTY_NAME=", 12) == 0) {
			const char *v = p + 12;
			size_t n = strcspn(v, "\n");
			if (n >= 2 && (v[0] == '"' || v[0] == '\'') && v[n - 1] == v[0]) {
				v++;
				n -= 2;
			}
			if (n > 0 && n < size) {
				memcpy(buf, v, n);
				buf[n] = '\0';
			}
			return;
		}
	}
}

int
local_value_text(const struct mix_element *e, char *buf, size_t size)
{
	if (e->flags & MI_FLAG_NULL)
		return -1;
	switch (e->type) {
	case MI_STRING: snprintf(buf, size, "%s", e->value.string ? e->value.string : ""); return 0;
	case MI_BOOLEAN: snprintf(buf, size, "%s", e->value.boolean ? "TRUE" : "FALSE"); return 0;
	case MI_UINT8: snprintf(buf, size, "%u", (unsigned)e->value.uint8); return 0;
	case MI_SINT8: snprintf(buf, size, "%d", (int)e->value.sint8); return 0;
	case MI_UINT16: snprintf(buf, size, "%u", (unsigned)e->value.uint16); return 0;
	case MI_SINT16: snprintf(buf, size, "%d", (int)e->value.sint16); return 0;
	case MI_UINT32: snprintf(buf, size, "%" PRIu32, e->value.uint32); return 0;
	case MI_SINT32: snprintf(buf, size, "%" PRId32, e->value.sint32); return 0;
	case MI_UINT64: snprintf(buf, size, "%" PRIu64, e->value.uint64); return 0;
	case MI_SINT64: snprintf(buf, size, "%" PRId64, e->value.sint64); return 0;
	case MI_CHAR16: snprintf(buf, size, "%u", (unsigned)e->value.char16); return 0;
	default: return -1;
	}
}

const char *
local_key_str(const MI_Instance *inst, const char *name)
{
	const struct mix_element *e = mix_instance_find(inst, name);

	if (e == NULL || (e->flags & MI_FLAG_NULL) || e->type != MI_STRING)
		return NULL;
	return e->value.string;
}

void *
local_single_open(const struct local_ctx *ctx, const struct local_class *cls, struct local_err *err)
{
	return local_zalloc(sizeof(struct local_single), err);
}

void
local_single_close(void *state)
{
	free(state);
}
