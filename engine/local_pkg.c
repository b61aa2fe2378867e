/* local_pkg.c - Linux_SoftwareIdentity: the packages of the dpkg database
 * (/var/lib/dpkg/status, or CIMTUI_LOCAL_DPKG_STATUS), parsed as a stream:
 * one stanza at a time out of a read buffer, never the whole file.
 * Purged (not-installed) entries are skipped, as dpkg-query -W does.
 * InstallDate is the modification time of info/<package>.list.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "local_impl.h"
#include "model.h"

#define PKG_CHUNK 65536

struct pkg_iter {
	int fd;          /* -1: no database (no dpkg on this machine) */
	int eof;
	char *buf;
	size_t cap, len, pos;
	char path[512];
	int infofd;      /* <dir of status>/info, or -1 */
};

static void *
pkg_open(const struct local_ctx *ctx, const struct local_class *cls, struct local_err *err)
{
	struct pkg_iter *it = local_zalloc(sizeof *it, err);
	char dir[512], *slash;

	if (it == NULL)
		return NULL;
	snprintf(it->path, sizeof it->path, "%s", ctx->dpkg_status);
	it->infofd = -1;
	it->fd = open(it->path, O_RDONLY | O_CLOEXEC);
	if (it->fd < 0) {
		if (errno == ENOENT && !ctx->dpkg_explicit)
			return it; /* no dpkg: zero packages, honestly */
		local_err_file(err, it->path, errno);
		free(it);
		return NULL;
	}
	it->cap = PKG_CHUNK;
	it->buf = malloc(it->cap + 1);
	if (it->buf == NULL) {
		close(it->fd);
		free(it);
		local_oom(err);
		return NULL;
	}
	snprintf(dir, sizeof dir, "%s", it->path);
	slash = strrchr(dir, '/');
	if (slash != NULL) {
		snprintf(slash, sizeof dir - (size_t)(slash - dir), "/info");
		it->infofd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	}
	return it;
}

/* Makes [pos, len) hold a whole stanza or the rest of the file.  Returns
 * the stanza length (0 at the end) or -1 on a read error. */
static ssize_t
next_stanza(struct pkg_iter *it)
{
	for (;;) {
		char *s = it->buf + it->pos, *e;
		ssize_t r;

		while (it->pos < it->len && *s == '\n') {
			s++;
			it->pos++;
		}
		it->buf[it->len] = '\0';
		e = strstr(s, "\n\n");
		if (e != NULL)
			return e + 1 - s;
		if (it->eof)
			return (ssize_t)(it->len - it->pos);
		if (it->pos > 0) {
			memmove(it->buf, it->buf + it->pos, it->len - it->pos);
			it->len -= it->pos;
			it->pos = 0;
		}
		if (it->cap - it->len < PKG_CHUNK / 2) {
			char *nb = realloc(it->buf, it->cap * 2 + 1);
			if (nb == NULL) {
				errno = ENOMEM;
				return -1;
			}
			it->buf = nb;
			it->cap *= 2;
		}
		do
			r = read(it->fd, it->buf + it->len, it->cap - it->len);
		while (r < 0 && errno == EINTR);
		if (r < 0)
			return -1;
		if (r == 0)
			it->eof = 1;
		it->len += (size_t)r;
	}
}

/* The single-line value of field `key` in stanza s (NUL-terminated). */
static char *
pkg_field(char *s, const char *key, char *buf, size_t size)
{
	size_t klen = strlen(key);
	char *line = s;

	while (line != NULL && *line != '\0') {
		if (strncmp(line, key, klen) == 0 && line[klen] == ':') {
			char *v = line + klen + 1;
			while (*v == ' ')
				v++;
			return local_copy_span(buf, size, v, strcspn(v, "\n"));
		}
		line = strchr(line, '\n');
		if (line != NULL)
			line++;
	}
	return NULL;
}

static int
pkg_next(void *state, const struct local_ctx *ctx, MI_Instance **out, struct local_err *err)
{
	struct pkg_iter *it = state;

	if (it->fd < 0)
		return 0;
	for (;;) {
		char pkg[256], arch[64], st[128], v[1024], id[400], *s;
		ssize_t n = next_stanza(it);
		MI_Instance *inst;
		MI_Result r = MI_RESULT_OK;
		uint64_t size;
		struct stat sb;

		if (n < 0) {
			local_err_file(err, it->path, errno);
			return -1;
		}
		if (n == 0)
			return 0;
		s = it->buf + it->pos;
		if (s[n - 1] == '\n')
			s[n - 1] = '\0'; /* the stanza's last newline; the next one starts after it */
		else
			s[n] = '\0'; /* end of a file without a final newline: buf[len] */
		it->pos += (size_t)n;
		if (pkg_field(s, "Package", pkg, sizeof pkg) == NULL)
			continue;
		if (pkg_field(s, "Status", st, sizeof st) != NULL && strstr(st, "not-installed") != NULL)
			continue;
		if (pkg_field(s, "Architecture", arch, sizeof arch) == NULL)
			arch[0] = '\0';
		inst = mix_instance_new("Linux_SoftwareIdentity", ctx->ns);
		if (inst == NULL)
			return local_oom(err);
		snprintf(id, sizeof id, "cimtui:dpkg:%s:%s", pkg, arch);
		r |= local_add_str(inst, "InstanceID", id);
		r |= local_add_str(inst, "Name", pkg);
		r |= local_add_str(inst, "ElementName", pkg);
		r |= local_add_str(inst, "PackageName", pkg);
		if (arch[0] != '\0')
			r |= local_add_str(inst, "Architecture", arch);
		r |= local_add_bool(inst, "IsEntity", 1);
		if (pkg_field(s, "Status", v, sizeof v) != NULL)
			r |= local_add_str(inst, "PackageStatus", v);
		if (pkg_field(s, "Version", v, sizeof v) != NULL)
			r |= local_add_str(inst, "VersionString", v);
		if (pkg_field(s, "Section", v, sizeof v) != NULL)
			r |= local_add_str(inst, "Section", v);
		if (pkg_field(s, "Maintainer", v, sizeof v) != NULL)
			r |= local_add_str(inst, "Maintainer", v);
		if (pkg_field(s, "Source", v, sizeof v) != NULL)
			r |= local_add_str(inst, "SourcePackage", v);
		if (pkg_field(s, "Installed-Size", v, sizeof v) != NULL && local_parse_u64(v, &size) == 0)
			r |= local_add_u(inst, "InstalledSize", MI_UINT64, size);
		if (pkg_field(s, "Description", v, sizeof v) != NULL) {
			r |= local_add_str(inst, "Caption", v);
			r |= local_add_str(inst, "Description", v);
		}
		if (it->infofd >= 0) {
			char list[400];
			snprintf(list, sizeof list, "%s:%s.list", pkg, arch);
			if (fstatat(it->infofd, list, &sb, 0) == 0 ||
				(snprintf(list, sizeof list, "%s.list", pkg), fstatat(it->infofd, list, &sb, 0) == 0))
				r |= local_add_time(inst, "InstallDate", (uint64_t)sb.st_mtim.tv_sec,
					(uint32_t)(sb.st_mtim.tv_nsec / 1000));
		}
		return local_emit(inst, r, out, err);
	}
}

static void
pkg_close(void *state)
{
	struct pkg_iter *it = state;

	if (it->fd >= 0)
		close(it->fd);
	if (it->infofd >= 0)
		close(it->infofd);
	free(it->buf);
	free(it);
}

const struct local_provider local_prov_pkg = { pkg_open, pkg_next, pkg_close, NULL };
