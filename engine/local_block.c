/* local_block.c - Linux_BlockStorageExtent: one instance per block device
 * in /sys/block (disks, loop, zram...), sized from size and
 * queue/logical_block_size.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "local_impl.h"
#include "model.h"

#define SYS_BLOCK "/sys/block"

struct block_iter {
	DIR *dir;
};

static void *
block_open(const struct local_ctx *ctx, const struct local_class *cls, struct local_err *err)
{
	struct block_iter *it = local_zalloc(sizeof *it, err);

	if (it == NULL)
		return NULL;
	it->dir = opendir(SYS_BLOCK);
	if (it->dir == NULL) {
		local_err_file(err, SYS_BLOCK, errno);
		free(it);
		return NULL;
	}
	return it;
}

static int
read_str_at(int dfd, const char *path, char *buf, size_t size)
{
	return local_read_file_at(dfd, path, buf, size) > 0 && local_chomp(buf)[0] != '\0' ? 0 : -1;
}

static int
block_build(const struct local_ctx *ctx, int dirfd, const char *name, MI_Instance **out, struct local_err *err)
{
	static const MI_Uint16 ok[] = { 2 };
	char buf[256], dev[300];
	uint64_t sectors, bs = 512, v;
	MI_Instance *inst;
	MI_Result r = MI_RESULT_OK;
	int dfd = openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (dfd < 0)
		return 0;
	if (local_read_u64_at(dfd, "size", &sectors) < 0) {
		close(dfd);
		return 0;
	}
	local_read_u64_at(dfd, "queue/logical_block_size", &bs);
	if (bs == 0)
		bs = 512;
	inst = mix_instance_new("Linux_BlockStorageExtent", ctx->ns);
	if (inst == NULL) {
		close(dfd);
		return local_oom(err);
	}
	snprintf(dev, sizeof dev, "/dev/%s", name);
	r |= local_add_str(inst, "SystemCreationClassName", "Linux_ComputerSystem");
	r |= local_add_str(inst, "SystemName", ctx->host);
	r |= local_add_str(inst, "CreationClassName", "Linux_BlockStorageExtent");
	r |= local_add_str(inst, "DeviceID", name);
	r |= local_add_str(inst, "Name", dev);
	r |= local_add_str(inst, "ElementName", name);
	r |= local_add_u(inst, "BlockSize", MI_UINT64, bs);
	r |= local_add_u(inst, "NumberOfBlocks", MI_UINT64, sectors * 512u / bs);
	r |= local_add_u(inst, "ConsumableBlocks", MI_UINT64, sectors * 512u / bs);
	r |= local_add_bool(inst, "Primordial", 1);
	r |= local_add_u16a(inst, "OperationalStatus", ok, 1);
	r |= local_add_u(inst, "EnabledState", MI_UINT16, 2);
	if (local_read_u64_at(dfd, "removable", &v) == 0)
		r |= local_add_bool(inst, "Removable", v != 0);
	if (local_read_u64_at(dfd, "ro", &v) == 0) {
		r |= local_add_bool(inst, "ReadOnly", v != 0);
		r |= local_add_u(inst, "Access", MI_UINT16, v ? 1 : 3);
	}
	if (local_read_u64_at(dfd, "queue/rotational", &v) == 0)
		r |= local_add_bool(inst, "Rotational", v != 0);
	if (read_str_at(dfd, "device/model", buf, sizeof buf) == 0)
		r |= local_add_str(inst, "Model", buf);
	if (read_str_at(dfd, "device/vendor", buf, sizeof buf) == 0)
		r |= local_add_str(inst, "Vendor", buf);
	if (read_str_at(dfd, "serial", buf, sizeof buf) == 0 ||
		read_str_at(dfd, "device/serial", buf, sizeof buf) == 0)
		r |= local_add_str(inst, "SerialNumber", buf);
	if (read_str_at(dfd, "dev", buf, sizeof buf) == 0)
		r |= local_add_str(inst, "DeviceNumber", buf);
	close(dfd);
	return local_emit(inst, r, out, err);
}

static int
block_next(void *state, const struct local_ctx *ctx, MI_Instance **out, struct local_err *err)
{
	struct block_iter *it = state;
	struct dirent *de;

	while ((de = readdir(it->dir)) != NULL) {
		int rc;
		if (de->d_name[0] == '.')
			continue;
		rc = block_build(ctx, dirfd(it->dir), de->d_name, out, err);
		if (rc != 0)
			return rc;
	}
	return 0;
}

static void
block_close(void *state)
{
	struct block_iter *it = state;

	closedir(it->dir);
	free(it);
}

const struct local_provider local_prov_block = { block_open, block_next, block_close, NULL };
