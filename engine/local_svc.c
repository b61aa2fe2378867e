/* local_svc.c - Linux_Service: the services of the init system.
 *
 * systemd (when any unit directory exists): one instance per *.service unit
 * file in /etc/systemd/system, /run/systemd/system and /usr/lib/systemd/system
 * (earlier directories shadow later ones; templates and alias symlinks are
 * skipped).  UnitFileState: masked (symlink to /dev/null), enabled (linked
 * from an /etc/systemd/system/ *.wants or *.requires directory), static (no
 * [Install] section) or disabled.  Started is known only when systemd runs
 * (/run/systemd/system exists): then a unit is started when its cgroup
 * exists; otherwise Started is NULL and EnabledState 0 (Unknown).
 *
 * Without systemd: one instance per executable script in /etc/init.d,
 * StartMode Automatic when an /etc/rc[2-5].d/S* link names it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "local_impl.h"
#include "model.h"

#define ETC_UNITS "/etc/systemd/system"
#define NDIRS 4
#define MAXWANTS 64

static const char *const unit_dirs[NDIRS] = {
	ETC_UNITS, "/run/systemd/system", "/usr/lib/systemd/system", "/lib/systemd/system"
};

struct svc_iter {
	int systemd;           /* 1 systemd units, 0 init.d scripts */
	int running;           /* systemd is the running init */
	int dirfd[NDIRS];      /* -1 when absent or a duplicate of an earlier one */
	int cur;               /* directory being listed */
	DIR *dir;
	int wants[MAXWANTS];   /* fds of /etc/systemd/system/ *.wants, *.requires */
	int nwants;
	int cgroupfd;          /* system.slice of the systemd cgroup tree, or -1 */
};

static int
ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);

	return n >= k && strcmp(s + n - k, suffix) == 0;
}

static void *
svc_open(const struct local_ctx *ctx, const struct local_class *cls, struct local_err *err)
{
	struct svc_iter *it = local_zalloc(sizeof *it, err);
	struct stat seen[NDIRS];
	int i, j, any = 0;

	if (it == NULL)
		return NULL;
	it->cgroupfd = -1;
	memset(seen, 0, sizeof seen);
	for (i = 0; i < NDIRS; i++) {
		it->dirfd[i] = open(unit_dirs[i], O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (it->dirfd[i] < 0)
			continue;
		if (fstat(it->dirfd[i], &seen[i]) == 0) {
			for (j = 0; j < i; j++)
				if (it->dirfd[j] >= 0 && seen[j].st_dev == seen[i].st_dev && seen[j].st_ino == seen[i].st_ino)
					break;
			if (j < i) {
				close(it->dirfd[i]);
				it->dirfd[i] = -1;
				continue;
			}
		}
		any = 1;
	}
	it->systemd = any;
	if (any) {
		it->running = access("/run/systemd/system", F_OK) == 0;
		if (it->running) {
			it->cgroupfd = open("/sys/fs/cgroup/system.slice", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
			if (it->cgroupfd < 0)
				it->cgroupfd = open("/sys/fs/cgroup/systemd/system.slice", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		}
		if (it->dirfd[0] >= 0) {
			DIR *d = opendir(ETC_UNITS);
			struct dirent *de;
			while (d != NULL && (de = readdir(d)) != NULL && it->nwants < MAXWANTS)
				if (ends_with(de->d_name, ".wants") || ends_with(de->d_name, ".requires")) {
					int fd = openat(it->dirfd[0], de->d_name, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
					if (fd >= 0)
						it->wants[it->nwants++] = fd;
				}
			if (d != NULL)
				closedir(d);
		}
		it->cur = -1;
	} else {
		it->dir = opendir("/etc/init.d");
		if (it->dir == NULL && errno != ENOENT) {
			local_err_file(err, "/etc/init.d", errno);
			free(it);
			return NULL;
		}
	}
	return it;
}

/* The value of "Key=" in a unit file, or of "# Key:" in an LSB header. */
static int
text_value(const char *text, const char *key, char *buf, size_t size)
{
	const char *p = text;
	size_t k = strlen(key);

	while (p != NULL && *p != '\0') {
		if (strncmp(p, key, k) == 0) {
			const char *v = p + k;
			while (*v == ' ' || *v == '\t')
				v++;
			return local_copy_span(buf, size, v, strcspn(v, "\r\n"))[0] != '\0' ? 0 : -1;
		}
		p = strchr(p, '\n');
		if (p != NULL)
			p++;
	}
	return -1;
}

static MI_Instance *
svc_new(const struct local_ctx *ctx, const char *name, MI_Result *r)
{
	MI_Instance *inst = mix_instance_new("Linux_Service", ctx->ns);

	if (inst == NULL)
		return NULL;
	*r |= local_add_str(inst, "SystemCreationClassName", "Linux_ComputerSystem");
	*r |= local_add_str(inst, "SystemName", ctx->host);
	*r |= local_add_str(inst, "CreationClassName", "Linux_Service");
	*r |= local_add_str(inst, "Name", name);
	return inst;
}

static int
unit_build(struct svc_iter *it, const struct local_ctx *ctx, const char *name, MI_Instance **out,
	struct local_err *err)
{
	char path[600], link[256], text[16384], desc[512];
	const char *state;
	struct stat sb;
	MI_Instance *inst;
	MI_Result r = MI_RESULT_OK;
	int i, dfd = it->dirfd[it->cur];
	ssize_t n;

	if (!ends_with(name, ".service") || strstr(name, "@.") != NULL)
		return 0;
	for (i = 0; i < it->cur; i++)
		if (it->dirfd[i] >= 0 && fstatat(it->dirfd[i], name, &sb, AT_SYMLINK_NOFOLLOW) == 0)
			return 0; /* shadowed by an earlier directory */
	if (fstatat(dfd, name, &sb, AT_SYMLINK_NOFOLLOW) != 0)
		return 0;
	text[0] = '\0';
	if (S_ISLNK(sb.st_mode)) {
		n = readlinkat(dfd, name, link, sizeof link - 1);
		if (n < 0)
			return 0;
		link[n] = '\0';
		if (strcmp(link, "/dev/null") != 0)
			return 0; /* an alias of another unit */
		state = "masked";
	} else if (S_ISREG(sb.st_mode)) {
		state = NULL;
		n = local_read_file_at(dfd, name, text, sizeof text);
		if (n < 0)
			text[0] = '\0'; /* unreadable: still a unit; state from the links only */
	} else {
		return 0;
	}
	if (state == NULL) {
		for (i = 0; i < it->nwants; i++)
			if (fstatat(it->wants[i], name, &sb, AT_SYMLINK_NOFOLLOW) == 0)
				break;
		if (i < it->nwants)
			state = "enabled";
		else if (text[0] != '\0' && strstr(text, "[Install]") == NULL)
			state = "static";
		else
			state = "disabled";
	}
	inst = svc_new(ctx, name, &r);
	if (inst == NULL)
		return local_oom(err);
	snprintf(path, sizeof path, "%s/%s", unit_dirs[it->cur], name);
	r |= local_add_str(inst, "ServiceManager", "systemd");
	r |= local_add_str(inst, "UnitFile", path);
	r |= local_add_str(inst, "UnitFileState", state);
	if (strcmp(state, "enabled") == 0 || strcmp(state, "disabled") == 0)
		r |= local_add_str(inst, "StartMode", state[0] == 'e' ? "Automatic" : "Manual");
	if (text_value(text, "Description=", desc, sizeof desc) == 0) {
		r |= local_add_str(inst, "ElementName", desc);
		r |= local_add_str(inst, "Caption", desc);
	} else {
		r |= local_add_str(inst, "ElementName", name);
	}
	if (it->running && it->cgroupfd >= 0) {
		int started = fstatat(it->cgroupfd, name, &sb, 0) == 0;
		r |= local_add_bool(inst, "Started", started);
		r |= local_add_u(inst, "EnabledState", MI_UINT16, started ? 2 : 3);
	} else {
		r |= local_add_u(inst, "EnabledState", MI_UINT16, 0);
	}
	return local_emit(inst, r, out, err);
}

static int
initd_build(const struct local_ctx *ctx, const char *name, MI_Instance **out, struct local_err *err)
{
	char path[600], text[8192], desc[512];
	struct stat sb;
	MI_Instance *inst;
	MI_Result r = MI_RESULT_OK;
	int rl, automatic = 0;

	snprintf(path, sizeof path, "/etc/init.d/%s", name);
	if (stat(path, &sb) != 0 || !S_ISREG(sb.st_mode) || !(sb.st_mode & 0111))
		return 0;
	for (rl = 2; rl <= 5 && !automatic; rl++) {
		char rc[64];
		DIR *d;
		struct dirent *de;
		snprintf(rc, sizeof rc, "/etc/rc%d.d", rl);
		d = opendir(rc);
		while (d != NULL && (de = readdir(d)) != NULL)
			if (de->d_name[0] == 'S' && strlen(de->d_name) > 3 && strcmp(de->d_name + 3, name) == 0)
				automatic = 1;
		if (d != NULL)
			closedir(d);
	}
	inst = svc_new(ctx, name, &r);
	if (inst == NULL)
		return local_oom(err);
	r |= local_add_str(inst, "ServiceManager", "sysvinit");
	r |= local_add_str(inst, "UnitFile", path);
	r |= local_add_str(inst, "StartMode", automatic ? "Automatic" : "Manual");
	r |= local_add_u(inst, "EnabledState", MI_UINT16, 0);
	if (local_read_file(path, text, sizeof text) > 0 &&
		text_value(text, "# Short-Description:", desc, sizeof desc) == 0) {
		r |= local_add_str(inst, "ElementName", desc);
		r |= local_add_str(inst, "Caption", desc);
	} else {
		r |= local_add_str(inst, "ElementName", name);
	}
	return local_emit(inst, r, out, err);
}

static int
svc_next(void *state, const struct local_ctx *ctx, MI_Instance **out, struct local_err *err)
{
	struct svc_iter *it = state;
	struct dirent *de;
	int rc;

	if (!it->systemd) {
		while (it->dir != NULL && (de = readdir(it->dir)) != NULL) {
			if (de->d_name[0] == '.' || strcmp(de->d_name, "README") == 0 ||
				strcmp(de->d_name, "skeleton") == 0)
				continue;
			if ((rc = initd_build(ctx, de->d_name, out, err)) != 0)
				return rc;
		}
		return 0;
	}
	for (;;) {
		if (it->dir == NULL) {
			int fd;
			do
				it->cur++;
			while (it->cur < NDIRS && it->dirfd[it->cur] < 0);
			if (it->cur >= NDIRS)
				return 0;
			fd = dup(it->dirfd[it->cur]);
			if (fd < 0 || (it->dir = fdopendir(fd)) == NULL) {
				local_err_file(err, unit_dirs[it->cur], errno);
				if (fd >= 0)
					close(fd);
				return -1;
			}
		}
		while ((de = readdir(it->dir)) != NULL)
			if ((rc = unit_build(it, ctx, de->d_name, out, err)) != 0)
				return rc;
		closedir(it->dir);
		it->dir = NULL;
	}
}

static void
svc_close(void *state)
{
	struct svc_iter *it = state;
	int i;

	if (it->dir != NULL)
		closedir(it->dir);
	for (i = 0; i < NDIRS; i++)
		if (it->systemd && it->dirfd[i] >= 0)
			close(it->dirfd[i]);
	for (i = 0; i < it->nwants; i++)
		close(it->wants[i]);
	if (it->cgroupfd >= 0)
		close(it->cgroupfd);
	free(it);
}

const struct local_provider local_prov_svc = { svc_open, svc_next, svc_close, NULL };
