/* local_proc.c - Linux_UnixProcess: one instance per process, read from
 * /proc/<pid>/{stat,status,cmdline,wchan,exe}.  The iterator keeps the
 * /proc DIR* open and builds one instance per call.
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

struct proc_iter {
	DIR *dir;
};

struct stat_fields {
	char comm[64];
	char state;
	long long f[24]; /* fields after the state, 0-based: ppid = f[0] */
	unsigned long long starttime, vsize;
};

static int
parse_stat(const char *buf, struct stat_fields *s)
{
	const char *open = strchr(buf, '('), *close = strrchr(buf, ')');
	const char *p;
	size_t n;
	int i;

	if (open == NULL || close == NULL || close < open)
		return -1;
	n = (size_t)(close - open - 1);
	if (n >= sizeof s->comm)
		n = sizeof s->comm - 1;
	memcpy(s->comm, open + 1, n);
	s->comm[n] = '\0';
	p = close + 1;
	while (*p == ' ')
		p++;
	s->state = *p;
	if (*p != '\0')
		p++;
	for (i = 0; i < 24; i++) {
		char *end;
		while (*p == ' ')
			p++;
		if (i == 18) {
			s->starttime = strtoull(p, &end, 10);
			s->f[i] = 0;
		} else if (i == 19) {
			s->vsize = strtoull(p, &end, 10);
			s->f[i] = 0;
		} else {
			s->f[i] = strtoll(p, &end, 10);
		}
		if (end == p)
			return i > 20 ? 0 : -1;
		p = end;
	}
	return 0;
}

static uint16_t
exec_state(char st, const char **other)
{
	*other = NULL;
	switch (st) {
	case 'R': return 4;           /* Running */
	case 'S': case 'I': return 6; /* Suspended Blocked: waiting for an event */
	case 'D': return 5;           /* Blocked (uninterruptible) */
	case 'T': case 't': return 9; /* Stopped */
	case 'Z': case 'X': case 'x': return 8; /* Terminated */
	case 'W': *other = "Paging"; return 1;
	default: return 2;            /* Unknown */
	}
}

static void
tty_name(long long nr, char *buf, size_t size)
{
	unsigned major = (unsigned)((nr >> 8) & 0xfff);
	unsigned minor = (unsigned)((nr & 0xff) | ((nr >> 12) & 0xfff00));

	if (major >= 136 && major <= 143)
		snprintf(buf, size, "pts/%u", minor + (major - 136) * 256);
	else if (major == 4 && minor < 64)
		snprintf(buf, size, "tty%u", minor);
	else if (major == 4)
		snprintf(buf, size, "ttyS%u", minor - 64);
	else if (major == 5 && minor == 1)
		snprintf(buf, size, "console");
	else
		snprintf(buf, size, "%u:%u", major, minor);
}

static int
status_ids(const char *status, const char *tag, unsigned long long *a, unsigned long long *b)
{
	const char *p = strstr(status, tag);

	if (p == NULL)
		return -1;
	return sscanf(p + strlen(tag), "%llu %llu", a, b) == 2 ? 0 : -1;
}

/* 1: built; 0: the process is gone (or is a thread, not a process); -1: error. */
static int
proc_build(const struct local_ctx *ctx, const char *pidstr, MI_Instance **out, struct local_err *err)
{
	char path[64], buf[4096], status[4096], exe[4096], tty[32];
	struct stat_fields st;
	int dfd;
	ssize_t n;
	MI_Instance *inst;
	unsigned long long ruid, euid, rgid, egid, tgid = 0;
	const char *other, *p;
	MI_Result r = MI_RESULT_OK;
	uint64_t ticks, start_us;

	snprintf(path, sizeof path, "/proc/%s", pidstr);
	dfd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd < 0)
		return 0;
	if (local_read_file_at(dfd, "stat", buf, sizeof buf) < 0 || parse_stat(buf, &st) < 0 ||
		local_read_file_at(dfd, "status", status, sizeof status) < 0) {
		close(dfd);
		return 0;
	}
	p = strstr(status, "\nTgid:");
	if (p == NULL || sscanf(p + 6, "%llu", &tgid) != 1 || tgid != strtoull(pidstr, NULL, 10)) {
		close(dfd);
		return 0; /* a thread id, not a process */
	}
	inst = mix_instance_new("Linux_UnixProcess", ctx->ns);
	if (inst == NULL) {
		close(dfd);
		return local_oom(err);
	}
	r |= local_add_str(inst, "CSCreationClassName", "Linux_ComputerSystem");
	r |= local_add_str(inst, "CSName", ctx->host);
	r |= local_add_str(inst, "OSCreationClassName", "Linux_OperatingSystem");
	r |= local_add_str(inst, "OSName", ctx->os_name);
	r |= local_add_str(inst, "CreationClassName", "Linux_UnixProcess");
	r |= local_add_str(inst, "Handle", pidstr);
	r |= local_add_str(inst, "Name", st.comm);
	r |= local_add_str(inst, "ElementName", st.comm);
	if (st.f[14] >= 0)
		r |= local_add_u(inst, "Priority", MI_UINT32, (uint64_t)st.f[14]);
	r |= local_add_u(inst, "ExecutionState", MI_UINT16, exec_state(st.state, &other));
	if (other != NULL)
		r |= local_add_str(inst, "OtherExecutionDescription", other);
	ticks = st.starttime;
	start_us = ticks * 1000000u / (uint64_t)ctx->clk_tck;
	r |= local_add_time(inst, "CreationDate", ctx->boot_time + start_us / 1000000u,
		(uint32_t)(start_us % 1000000u));
	r |= local_add_u(inst, "UserModeTime", MI_UINT64, (uint64_t)st.f[10] * 1000u / (uint64_t)ctx->clk_tck);
	r |= local_add_u(inst, "KernelModeTime", MI_UINT64, (uint64_t)st.f[11] * 1000u / (uint64_t)ctx->clk_tck);
	r |= local_add_u(inst, "WorkingSetSize", MI_UINT64, (uint64_t)st.f[20] * (uint64_t)ctx->page_size);
	snprintf(buf, sizeof buf, "%lld", st.f[0]);
	r |= local_add_str(inst, "ParentProcessID", buf);
	if (status_ids(status, "\nUid:", &ruid, &euid) == 0) {
		r |= local_add_u(inst, "RealUserID", MI_UINT64, ruid);
		r |= local_add_u(inst, "EffectiveUserID", MI_UINT64, euid);
	}
	if (status_ids(status, "\nGid:", &rgid, &egid) == 0)
		r |= local_add_u(inst, "RealGroupID", MI_UINT64, rgid);
	r |= local_add_u(inst, "ProcessGroupID", MI_UINT64, (uint64_t)st.f[1]);
	r |= local_add_u(inst, "ProcessSessionID", MI_UINT64, (uint64_t)st.f[2]);
	if (st.f[3] != 0) {
		tty_name(st.f[3], tty, sizeof tty);
		r |= local_add_str(inst, "ProcessTTY", tty);
	}
	r |= local_add_u(inst, "ProcessNiceValue", MI_UINT32, (uint64_t)(st.f[15] + 20));
	r |= local_add_u(inst, "NumberOfThreads", MI_UINT32, (uint64_t)st.f[16]);
	r |= local_add_u(inst, "VirtualMemorySize", MI_UINT64, st.vsize);
	n = readlinkat(dfd, "exe", exe, sizeof exe - 1);
	if (n > 0) {
		exe[n] = '\0';
		r |= local_add_str(inst, "ModulePath", exe);
	}
	n = local_read_file_at(dfd, "wchan", buf, sizeof buf);
	if (n > 0 && strcmp(buf, "0") != 0)
		r |= local_add_str(inst, "ProcessWaitingForEvent", buf);
	n = local_read_file_at(dfd, "cmdline", buf, sizeof buf);
	if (n > 0) {
		MI_Uint32 count = 0, i = 0;
		ssize_t k;
		char **argv;
		if (buf[n - 1] != '\0')
			buf[n++] = '\0'; /* truncated: one read of 4 KiB is what we keep */
		for (k = 0; k < n; k++)
			if (buf[k] == '\0')
				count++;
		argv = calloc(count ? count : 1, sizeof *argv);
		if (argv != NULL) {
			for (k = 0; k < n && i < count; k += (ssize_t)strlen(buf + k) + 1) {
				argv[i] = strdup(buf + k);
				if (argv[i] == NULL)
					break;
				i++;
			}
			r |= local_add_stra(inst, "Parameters", argv, i);
		}
	}
	close(dfd);
	return local_emit(inst, r, out, err);
}

static void *
proc_open(const struct local_ctx *ctx, const struct local_class *cls, struct local_err *err)
{
	struct proc_iter *it = local_zalloc(sizeof *it, err);

	if (it == NULL)
		return NULL;
	it->dir = opendir("/proc");
	if (it->dir == NULL) {
		local_err_file(err, "/proc", errno);
		free(it);
		return NULL;
	}
	return it;
}

static int
proc_next(void *state, const struct local_ctx *ctx, MI_Instance **out, struct local_err *err)
{
	struct proc_iter *it = state;
	struct dirent *de;

	while ((de = readdir(it->dir)) != NULL) {
		int rc;
		if (de->d_name[0] < '1' || de->d_name[0] > '9')
			continue;
		rc = proc_build(ctx, de->d_name, out, err);
		if (rc != 0)
			return rc;
	}
	return 0;
}

static void
proc_close(void *state)
{
	struct proc_iter *it = state;

	if (it->dir != NULL)
		closedir(it->dir);
	free(it);
}

static int
proc_get(const struct local_ctx *ctx, const struct local_class *cls, const MI_Instance *key,
	MI_Instance **out, struct local_err *err)
{
	const struct mix_element *e = mix_instance_find(key, "Handle");
	char pid[32];
	const char *p;

	if (e == NULL || local_value_text(e, pid, sizeof pid) != 0)
		return 0;
	if (pid[0] < '1' || pid[0] > '9')
		return 0;
	for (p = pid; *p != '\0'; p++)
		if (*p < '0' || *p > '9')
			return 0;
	return proc_build(ctx, pid, out, err);
}

const struct local_provider local_prov_proc = { proc_open, proc_next, proc_close, proc_get };

/* ---- associations ------------------------------------------------------------------ */
static MI_Instance *
other_os(const struct local_ctx *ctx, const MI_Instance *driver)
{
	return local_ref_os(ctx);
}

const struct local_assoc local_assoc_osprocess = {
	"CIM_Process", "PartComponent", "GroupComponent", other_os, NULL
};

static MI_Instance *
other_parent(const struct local_ctx *ctx, const MI_Instance *driver)
{
	const char *ppid = local_key_str(driver, "ParentProcessID");
	const char *kv[] = { "CSCreationClassName", "CSName", "OSCreationClassName", "OSName",
		"CreationClassName", NULL };
	MI_Instance *r;
	size_t i;

	if (ppid == NULL || strcmp(ppid, "0") == 0)
		return NULL;
	r = mix_instance_new("Linux_UnixProcess", LOCAL_NS_CIMV2_NAME);
	if (r == NULL)
		return NULL;
	for (i = 0; kv[i] != NULL; i++)
		if (mix_instance_add_string(r, kv[i], local_key_str(driver, kv[i]), MI_FLAG_KEY) != MI_RESULT_OK)
			goto fail;
	if (mix_instance_add_string(r, "Handle", ppid, MI_FLAG_KEY) != MI_RESULT_OK)
		goto fail;
	return r;
fail:
	MI_Instance_Delete(r);
	return NULL;
}

const struct local_assoc local_assoc_processparent = {
	"CIM_Process", "Dependent", "Antecedent", other_parent, NULL
};
