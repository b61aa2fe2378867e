/* local_cpu.c - Linux_Processor: one instance per logical processor listed
 * in /proc/cpuinfo, with speeds and state from /sys/devices/system/cpu.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>

#include "local_impl.h"
#include "model.h"

struct cpu_iter {
	char *text;  /* /proc/cpuinfo, read once (it is generated, a few KiB per CPU) */
	char *pos;
};

static void *
cpu_open(const struct local_ctx *ctx, const struct local_class *cls, struct local_err *err)
{
	struct cpu_iter *it = local_zalloc(sizeof *it, err);

	if (it == NULL)
		return NULL;
	it->text = local_slurp("/proc/cpuinfo", NULL);
	if (it->text == NULL) {
		local_err_file(err, "/proc/cpuinfo", errno);
		free(it);
		return NULL;
	}
	it->pos = it->text;
	return it;
}

/* Value of `key` in the stanza [s, e), copied to buf; NULL if absent. */
static const char *
field(const char *s, const char *e, const char *key, char *buf, size_t size)
{
	size_t klen = strlen(key);
	const char *line = s;

	while (line < e) {
		const char *nl = memchr(line, '\n', (size_t)(e - line));
		const char *end = nl != NULL ? nl : e;
		if ((size_t)(end - line) > klen && strncmp(line, key, klen) == 0 &&
			(line[klen] == ' ' || line[klen] == '\t' || line[klen] == ':')) {
			const char *v = memchr(line, ':', (size_t)(end - line));
			if (v == NULL)
				return NULL;
			v++;
			while (v < end && (*v == ' ' || *v == '\t'))
				v++;
			return local_copy_span(buf, size, v, (size_t)(end - v));
		}
		line = end + 1;
	}
	return NULL;
}

static int
cpu_next(void *state, const struct local_ctx *ctx, MI_Instance **out, struct local_err *err)
{
	struct cpu_iter *it = state;
	char *s, *e, v[4096], path[128], id[32], name[256], vendor[128] = "";
	MI_Instance *inst;
	MI_Result r = MI_RESULT_OK;
	uint64_t n;
	int online = 1;
	struct utsname u;

	for (;;) {
		s = it->pos;
		while (*s == '\n')
			s++;
		if (*s == '\0')
			return 0;
		e = strstr(s, "\n\n");
		if (e == NULL)
			e = s + strlen(s);
		it->pos = e;
		if (field(s, e, "processor", id, sizeof id) != NULL && id[0] >= '0' && id[0] <= '9')
			break; /* other stanzas (ARM's trailing "Hardware") are not CPUs */
	}
	inst = mix_instance_new("Linux_Processor", ctx->ns);
	if (inst == NULL)
		return local_oom(err);
	if (field(s, e, "model name", name, sizeof name) == NULL &&
		field(s, e, "cpu model", name, sizeof name) == NULL)
		snprintf(name, sizeof name, "CPU %s", id);
	snprintf(v, sizeof v, "CPU%s", id);
	r |= local_add_str(inst, "SystemCreationClassName", "Linux_ComputerSystem");
	r |= local_add_str(inst, "SystemName", ctx->host);
	r |= local_add_str(inst, "CreationClassName", "Linux_Processor");
	r |= local_add_str(inst, "DeviceID", v);
	r |= local_add_str(inst, "Name", name);
	r |= local_add_str(inst, "ElementName", name);
	r |= local_add_str(inst, "Role", "Central Processor");
	if (field(s, e, "vendor_id", vendor, sizeof vendor) != NULL)
		r |= local_add_str(inst, "VendorID", vendor);
	if (field(s, e, "cpu family", v, sizeof v) != NULL && local_parse_u64(v, &n) == 0) {
		char d[256];
		snprintf(d, sizeof d, "%.64s family %.32s", vendor[0] ? vendor : "CPU", v);
		r |= local_add_u(inst, "Family", MI_UINT16, 1);
		r |= local_add_str(inst, "OtherFamilyDescription", d);
		r |= local_add_u(inst, "CPUFamily", MI_UINT32, n);
	}
	if (field(s, e, "model", v, sizeof v) != NULL && local_parse_u64(v, &n) == 0)
		r |= local_add_u(inst, "ModelNumber", MI_UINT32, n);
	if (field(s, e, "stepping", v, sizeof v) != NULL)
		r |= local_add_str(inst, "Stepping", v);
	if (field(s, e, "cpu MHz", v, sizeof v) != NULL)
		r |= local_add_u(inst, "CurrentClockSpeed", MI_UINT32, (uint64_t)(strtod(v, NULL) + 0.5));
	if (field(s, e, "cache size", v, sizeof v) != NULL && local_parse_u64(v, &n) == 0)
		r |= local_add_u(inst, "CacheSizeKB", MI_UINT32, n);
	if (field(s, e, "physical id", v, sizeof v) != NULL && local_parse_u64(v, &n) == 0)
		r |= local_add_u(inst, "PhysicalID", MI_UINT32, n);
	if (field(s, e, "core id", v, sizeof v) != NULL && local_parse_u64(v, &n) == 0)
		r |= local_add_u(inst, "CoreID", MI_UINT32, n);
	if (field(s, e, "flags", v, sizeof v) != NULL) {
		/* x86: the lm (long mode) flag means a 64-bit processor */
		char *f = strstr(v, " lm ");
		r |= local_add_u(inst, "DataWidth", MI_UINT16, f != NULL ? 64 : 32);
	} else if (uname(&u) == 0) {
		r |= local_add_u(inst, "DataWidth", MI_UINT16, strstr(u.machine, "64") != NULL ? 64 : 32);
	}
	if (field(s, e, "address sizes", v, sizeof v) != NULL) {
		char *virt = strstr(v, ", ");
		if (virt != NULL && local_parse_u64(virt + 2, &n) == 0)
			r |= local_add_u(inst, "AddressWidth", MI_UINT16, n);
	}
	snprintf(path, sizeof path, "/sys/devices/system/cpu/cpu%s/cpufreq/cpuinfo_max_freq", id);
	if (local_read_file(path, v, sizeof v) > 0 && local_parse_u64(v, &n) == 0)
		r |= local_add_u(inst, "MaxClockSpeed", MI_UINT32, n / 1000u);
	snprintf(path, sizeof path, "/sys/devices/system/cpu/cpu%s/online", id);
	if (local_read_file(path, v, sizeof v) > 0 && v[0] == '0')
		online = 0;
	r |= local_add_u(inst, "CPUStatus", MI_UINT16, online ? 1 : 2);
	r |= local_add_u(inst, "EnabledState", MI_UINT16, online ? 2 : 3);
	return local_emit(inst, r, out, err);
}

static void
cpu_close(void *state)
{
	struct cpu_iter *it = state;

	free(it->text);
	free(it);
}

const struct local_provider local_prov_cpu = { cpu_open, cpu_next, cpu_close, NULL };
