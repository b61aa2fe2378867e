/* local_fs.c - Linux_LocalFileSystem and Linux_NetworkFileSystem: the
 * visible mounts of /proc/self/mounts (an over-mounted entry is hidden and
 * skipped), sized with statvfs (not for network file systems, which could
 * block on a dead server).  Name is the mount point.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/statvfs.h>

#include "local_impl.h"
#include "model.h"

#define MOUNTS_PATH "/proc/self/mounts"

struct fs_iter {
	char *text;
	char *pos;
	int network; /* which class: 1 network, 0 local */
};

static const char *const network_types[] = {
	"nfs", "nfs4", "cifs", "smb3", "smbfs", "ncpfs", "afs", "ceph", "glusterfs", "9p",
	"fuse.sshfs", "sshfs", "fuse.glusterfs", "lustre", "gfs2", "ocfs2", NULL
};
static const char *const temporary_types[] = {
	"tmpfs", "ramfs", "devtmpfs", "proc", "sysfs", "cgroup", "cgroup2", "devpts", "mqueue",
	"debugfs", "tracefs", "securityfs", "bpf", "hugetlbfs", "configfs", "fusectl", "binfmt_misc",
	"autofs", "pstore", "rpc_pipefs", "nsfs", "efivarfs", NULL
};

static int
in_set(const char *const *set, const char *s)
{
	for (; *set != NULL; set++)
		if (strcmp(*set, s) == 0)
			return 1;
	return 0;
}

static void *
fs_open(const struct local_ctx *ctx, const struct local_class *cls, struct local_err *err)
{
	struct fs_iter *it = local_zalloc(sizeof *it, err);

	if (it == NULL)
		return NULL;
	it->text = local_slurp(MOUNTS_PATH, NULL);
	if (it->text == NULL) {
		local_err_file(err, MOUNTS_PATH, errno);
		free(it);
		return NULL;
	}
	it->pos = it->text;
	it->network = mix_name_eq(cls->name, "Linux_NetworkFileSystem");
	return it;
}

/* Undoes the octal escapes (\040 etc.) of the mount table, in place. */
static void
unescape(char *s)
{
	char *d = s;

	for (; *s != '\0'; s++) {
		if (s[0] == '\\' && s[1] >= '0' && s[1] <= '3' && s[2] >= '0' && s[2] <= '7' &&
			s[3] >= '0' && s[3] <= '7') {
			*d++ = (char)((s[1] - '0') * 64 + (s[2] - '0') * 8 + (s[3] - '0'));
			s += 3;
		} else {
			*d++ = *s;
		}
	}
	*d = '\0';
}

/* Whether a later line of the table mounts on the same (escaped) point. */
static int
overmounted(const char *rest, const char *mnt, size_t len)
{
	const char *line = rest;

	while (line != NULL && *line != '\0') {
		const char *sp = strchr(line, ' ');
		const char *nl = strchr(line, '\n');
		if (sp != NULL && (nl == NULL || sp < nl) && strncmp(sp + 1, mnt, len) == 0 && sp[1 + len] == ' ')
			return 1;
		line = nl != NULL ? nl + 1 : NULL;
	}
	return 0;
}

static int
fs_next(void *state, const struct local_ctx *ctx, MI_Instance **out, struct local_err *err)
{
	struct fs_iter *it = state;

	while (*it->pos != '\0') {
		char *line = it->pos, *nl = strchr(line, '\n'), *f[4], *p;
		const char *cls;
		MI_Instance *inst;
		MI_Result r = MI_RESULT_OK;
		struct statvfs sv;
		int i, network;

		if (nl != NULL)
			*nl = '\0';
		it->pos = nl != NULL ? nl + 1 : line + strlen(line);
		p = line;
		for (i = 0; i < 4 && p != NULL; i++) {
			f[i] = p;
			p = strchr(p, ' ');
			if (p != NULL)
				*p++ = '\0';
		}
		if (i < 4)
			continue; /* malformed line */
		network = in_set(network_types, f[2]);
		if (network != it->network)
			continue;
		if (overmounted(it->pos, f[1], strlen(f[1])))
			continue;
		unescape(f[0]);
		unescape(f[1]);
		cls = network ? "Linux_NetworkFileSystem" : "Linux_LocalFileSystem";
		inst = mix_instance_new(cls, ctx->ns);
		if (inst == NULL)
			return local_oom(err);
		r |= local_add_str(inst, "CSCreationClassName", "Linux_ComputerSystem");
		r |= local_add_str(inst, "CSName", ctx->host);
		r |= local_add_str(inst, "CreationClassName", cls);
		r |= local_add_str(inst, "Name", f[1]);
		r |= local_add_str(inst, "ElementName", f[1]);
		r |= local_add_str(inst, "Root", f[1]);
		r |= local_add_str(inst, "FileSystemType", f[2]);
		r |= local_add_str(inst, "MountSource", f[0]);
		r |= local_add_str(inst, "MountOptions", f[3]);
		r |= local_add_bool(inst, "ReadOnly", strncmp(f[3], "ro", 2) == 0 && (f[3][2] == ',' || f[3][2] == '\0'));
		r |= local_add_u(inst, "PersistenceType", MI_UINT16,
			network ? 4 : in_set(temporary_types, f[2]) ? 3 : 2);
		r |= local_add_u(inst, "EnabledState", MI_UINT16, 2);
		if (!network && statvfs(f[1], &sv) == 0) {
			r |= local_add_u(inst, "BlockSize", MI_UINT64, sv.f_bsize);
			r |= local_add_u(inst, "FileSystemSize", MI_UINT64, (uint64_t)sv.f_blocks * sv.f_frsize);
			r |= local_add_u(inst, "AvailableSpace", MI_UINT64, (uint64_t)sv.f_bavail * sv.f_frsize);
			r |= local_add_u(inst, "MaxFileNameLength", MI_UINT32, sv.f_namemax);
			r |= local_add_u(inst, "TotalInodes", MI_UINT64, sv.f_files);
			r |= local_add_u(inst, "FreeInodes", MI_UINT64, sv.f_ffree);
			if (sv.f_files > 0)
				r |= local_add_u(inst, "NumberOfFiles", MI_UINT64, sv.f_files - sv.f_ffree);
		}
		return local_emit(inst, r, out, err);
	}
	return 0;
}

static void
fs_close(void *state)
{
	struct fs_iter *it = state;

	free(it->text);
	free(it);
}

const struct local_provider local_prov_fs = { fs_open, fs_next, fs_close, NULL };
