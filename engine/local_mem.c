/* local_mem.c - Linux_Memory: the physical memory of the system as one
 * storage extent, sized from /proc/meminfo.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "local_impl.h"
#include "model.h"

int
local_meminfo_read(struct local_meminfo *m)
{
	static const struct {
		const char *tag;
		size_t off;
	} map[] = {
		{ "MemTotal:", offsetof(struct local_meminfo, mem_total) },
		{ "MemFree:", offsetof(struct local_meminfo, mem_free) },
		{ "MemAvailable:", offsetof(struct local_meminfo, mem_available) },
		{ "Buffers:", offsetof(struct local_meminfo, buffers) },
		{ "Cached:", offsetof(struct local_meminfo, cached) },
		{ "SwapTotal:", offsetof(struct local_meminfo, swap_total) },
		{ "SwapFree:", offsetof(struct local_meminfo, swap_free) },
	};
	char buf[8192];
	const char *line;
	size_t i;

	memset(m, 0, sizeof *m);
	if (local_read_file("/proc/meminfo", buf, sizeof buf) < 0)
		return -1;
	for (line = buf; line != NULL && *line != '\0';) {
		for (i = 0; i < sizeof map / sizeof map[0]; i++) {
			size_t n = strlen(map[i].tag);
			if (strncmp(line, map[i].tag, n) == 0) {
				uint64_t v;
				if (local_parse_u64(line + n, &v) == 0)
					*(uint64_t *)((char *)m + map[i].off) = v;
				break;
			}
		}
		line = strchr(line, '\n');
		if (line != NULL)
			line++;
	}
	if (m->mem_total == 0) {
		errno = EINVAL;
		return -1;
	}
	return 0;
}

static int
mem_next(void *state, const struct local_ctx *ctx, MI_Instance **out, struct local_err *err)
{
	static const MI_Uint16 ok[] = { 2 };
	struct local_single *s = state;
	struct local_meminfo mi;
	MI_Instance *inst;
	MI_Result r = MI_RESULT_OK;
	uint64_t blocks;

	if (s->done++)
		return 0;
	if (local_meminfo_read(&mi) < 0) {
		local_err_file(err, "/proc/meminfo", errno);
		return -1;
	}
	inst = mix_instance_new("Linux_Memory", ctx->ns);
	if (inst == NULL)
		return local_oom(err);
	blocks = mi.mem_total * 1024u / (uint64_t)ctx->page_size;
	r |= local_add_str(inst, "SystemCreationClassName", "Linux_ComputerSystem");
	r |= local_add_str(inst, "SystemName", ctx->host);
	r |= local_add_str(inst, "CreationClassName", "Linux_Memory");
	r |= local_add_str(inst, "DeviceID", "memory");
	r |= local_add_str(inst, "Name", "System Memory");
	r |= local_add_str(inst, "ElementName", "System Memory");
	r |= local_add_u(inst, "BlockSize", MI_UINT64, (uint64_t)ctx->page_size);
	r |= local_add_u(inst, "NumberOfBlocks", MI_UINT64, blocks);
	r |= local_add_u(inst, "ConsumableBlocks", MI_UINT64, blocks);
	r |= local_add_u(inst, "Access", MI_UINT16, 3);
	r |= local_add_bool(inst, "Volatile", 1);
	r |= local_add_bool(inst, "Primordial", 1);
	r |= local_add_u16a(inst, "OperationalStatus", ok, 1);
	r |= local_add_u(inst, "EnabledState", MI_UINT16, 2);
	r |= local_add_u(inst, "MemTotal", MI_UINT64, mi.mem_total);
	r |= local_add_u(inst, "MemFree", MI_UINT64, mi.mem_free);
	r |= local_add_u(inst, "MemAvailable", MI_UINT64, mi.mem_available);
	r |= local_add_u(inst, "Buffers", MI_UINT64, mi.buffers);
	r |= local_add_u(inst, "Cached", MI_UINT64, mi.cached);
	r |= local_add_u(inst, "SwapTotal", MI_UINT64, mi.swap_total);
	r |= local_add_u(inst, "SwapFree", MI_UINT64, mi.swap_free);
	return local_emit(inst, r, out, err);
}

const struct local_provider local_prov_mem = { local_single_open, mem_next, local_single_close, NULL };
