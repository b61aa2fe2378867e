/* test_local.c - the local: provider's instances match the machine: each
 * class compared with /proc, /sys, ps, the mount table, dpkg-query; error
 * paths of the element providers; streaming.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <mntent.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test_local_util.h"

#define CIMV2 "root/cimv2"

static const char *
hostname(void)
{
	static char h[256];

	if (gethostname(h, sizeof h - 1) != 0 || h[0] == '\0')
		strcpy(h, "localhost");
	return h;
}

static unsigned long long
meminfo(const char *tag)
{
	FILE *f = fopen("/proc/meminfo", "r");
	char line[256];
	unsigned long long v = 0;
	size_t n = strlen(tag);

	assert_non_null(f);
	while (fgets(line, sizeof line, f) != NULL)
		if (strncmp(line, tag, n) == 0 && line[n] == ':')
			v = strtoull(line + n + 1, NULL, 10);
	fclose(f);
	return v;
}

static int
elem_flags(const MI_Instance *i, const char *name, MI_Type *type)
{
	MI_Value v;
	MI_Uint32 f = 0;

	if (MI_Instance_GetElement(i, name, &v, type, &f, NULL) != MI_RESULT_OK)
		return -1;
	return (int)f;
}

/* ---- processes ------------------------------------------------------------------------- */
static void
processes_match_ps(void **state)
{
	struct tl_list l = { 0 };
	struct tl_final f;
	FILE *ps;
	char line[512];
	static char snap[4096][3][64]; /* pid, ppid, comm as ps saw them */
	size_t seen = 0, matched = 0, i;
	char me[32], parent[32], exe[4096];
	const MI_Instance *self;
	MI_Value v;
	MI_Type t;
	MI_Uint32 fl;
	ssize_t n;

	/* ps first, then us: whatever ps saw and still lives must be served. */
	ps = popen("ps -e -o pid=,ppid=,comm=", "r");
	assert_non_null(ps);
	while (fgets(line, sizeof line, ps) != NULL && seen < 4096)
		if (sscanf(line, "%63s %63s %63[^\n]", snap[seen][0], snap[seen][1], snap[seen][2]) == 3)
			seen++;
	pclose(ps);
	assert_true(seen > 0);
	f = tl_enum(CIMV2, "CIM_Process", MI_FALSE, &l);
	assert_int_equal(f.r, MI_RESULT_OK);
	assert_true(l.n > 1);
	for (i = 0; i < seen; i++) {
		char path[96];
		const MI_Instance *p = tl_find(&l, "Handle", snap[i][0]);
		snprintf(path, sizeof path, "/proc/%.60s", snap[i][0]);
		if (p == NULL) {
			assert_int_not_equal(access(path, F_OK), 0); /* it has exited since */
			continue;
		}
		snprintf(path, sizeof path, "/proc/%.60s", snap[i][1]);
		if (strcmp(th_string(p, "ParentProcessID"), snap[i][1]) != 0)
			assert_int_not_equal(access(path, F_OK), 0); /* re-parented: its parent exited */
		if (strcmp(th_string(p, "Name"), snap[i][2]) != 0) {
			/* Names change: exec (ps itself was "sh" a moment before), and
			 * kernel workers rename themselves as they change jobs. */
			char comm[96] = "";
			FILE *c;
			snprintf(path, sizeof path, "/proc/%.60s/comm", snap[i][0]);
			c = fopen(path, "r");
			if (c != NULL) {
				if (fgets(comm, sizeof comm, c) != NULL)
					comm[strcspn(comm, "\n")] = '\0';
				fclose(c);
			}
			assert_true(strcmp(snap[i][2], "ps") == 0 || strcmp(snap[i][1], "2") == 0 ||
				strcmp(comm, th_string(p, "Name")) == 0);
		}
		matched++;
	}
	assert_true(matched > 0);

	/* Our own process, in detail. */
	snprintf(me, sizeof me, "%d", (int)getpid());
	snprintf(parent, sizeof parent, "%d", (int)getppid());
	self = tl_find(&l, "Handle", me);
	assert_non_null(self);
	assert_string_equal(tl_class(self), "Linux_UnixProcess");
	assert_string_equal(th_string(self, "ParentProcessID"), parent);
	assert_string_equal(th_string(self, "CSName"), hostname());
	assert_string_equal(th_string(self, "CreationClassName"), "Linux_UnixProcess");
	assert_string_equal(th_string(self, "OSCreationClassName"), "Linux_OperatingSystem");
	assert_int_equal(th_uint(self, "RealUserID"), (long long)getuid());
	assert_int_equal(th_uint(self, "ProcessGroupID"), (long long)getpgrp());
	assert_int_equal(th_uint(self, "ProcessSessionID"), (long long)getsid(0));
	/* running, or blocked waiting for the engine thread */
	assert_true(th_uint(self, "ExecutionState") == 4 || th_uint(self, "ExecutionState") == 6);
	assert_true(th_uint(self, "WorkingSetSize") > 0);
	assert_true(th_uint(self, "UserModeTime") >= 0);
	assert_true(th_uint(self, "KernelModeTime") >= 0);
	{
		/* relative to the /proc/<pid> directory, as the kernel has it:
		 * valgrind answers readlink("/proc/self/exe") with its guest */
		char dir[64];
		int dfd;
		snprintf(dir, sizeof dir, "/proc/%d", (int)getpid());
		dfd = open(dir, O_RDONLY | O_DIRECTORY);
		assert_true(dfd >= 0);
		n = readlinkat(dfd, "exe", exe, sizeof exe - 1);
		close(dfd);
	}
	assert_true(n > 0);
	exe[n] = '\0';
	assert_string_equal(th_string(self, "ModulePath"), exe);
	assert_int_equal(MI_Instance_GetElement(self, "Parameters", &v, &t, &fl, NULL), MI_RESULT_OK);
	assert_int_equal(t, MI_STRINGA);
	assert_true(v.stringa.size >= 1);
	{
		MI_Uint32 k;
		int found = 0;
		for (k = 0; k < v.stringa.size; k++)
			found |= strstr(v.stringa.data[k], "test_local") != NULL;
		assert_true(found); /* our program name is on our command line */
	}
	assert_int_equal(MI_Instance_GetElement(self, "CreationDate", &v, &t, &fl, NULL), MI_RESULT_OK);
	assert_int_equal(t, MI_DATETIME);
	assert_true(v.datetime.isTimestamp);
	assert_true(v.datetime.u.timestamp.year >= 2020);
	/* Keys flagged; namespace set. */
	assert_true(elem_flags(self, "Handle", &t) & MI_FLAG_KEY);
	assert_true(elem_flags(self, "CSName", &t) & MI_FLAG_KEY);
	assert_false(elem_flags(self, "Name", &t) & MI_FLAG_KEY);
	{
		const MI_Char *ns;
		assert_int_equal(MI_Instance_GetNameSpace(self, &ns), MI_RESULT_OK);
		assert_string_equal(ns, CIMV2);
	}
	tl_list_free(&l);
}

static void
child_process_then_gone(void **state)
{
	pid_t child = fork();
	char pid[32], me[32];
	MI_Instance *key;
	struct tl_list l = { 0 };
	struct tl_final f;
	int st;

	assert_true(child >= 0);
	if (child == 0) {
		execlp("sleep", "sleep", "30", (char *)NULL);
		_exit(127);
	}
	snprintf(pid, sizeof pid, "%d", (int)child);
	snprintf(me, sizeof me, "%d", (int)getpid());
	usleep(100000); /* let exec happen */
	key = tl_key("Linux_UnixProcess", NULL, "Handle", pid, NULL);
	f = tl_get(CIMV2, key, &l);
	assert_int_equal(f.r, MI_RESULT_OK);
	assert_int_equal(l.n, 1);
	assert_string_equal(th_string(l.v[0], "Handle"), pid);
	assert_string_equal(th_string(l.v[0], "ParentProcessID"), me);
	assert_string_equal(th_string(l.v[0], "Name"), "sleep");
	tl_list_free(&l);

	kill(child, SIGKILL);
	assert_int_equal(waitpid(child, &st, 0), child);
	f = tl_get(CIMV2, key, &l);
	assert_int_equal(f.r, MI_RESULT_NOT_FOUND);
	assert_int_equal(l.n, 0);
	assert_true(f.has_details);
	assert_string_equal(f.details_class, "CIM_Error");
	assert_int_equal(f.details_code, MI_RESULT_NOT_FOUND);
	assert_non_null(strstr(f.details_msg, pid));
	MI_Instance_Delete(key);

	/* A key of the wrong system is not found either. */
	key = tl_key("Linux_UnixProcess", NULL, "CSName", "no-such-host.invalid", "Handle", me, NULL);
	f = tl_get(CIMV2, key, NULL);
	assert_int_equal(f.r, MI_RESULT_NOT_FOUND);
	MI_Instance_Delete(key);
}

/* ---- system, OS, memory, CPUs ----------------------------------------------------------------- */
static void
system_and_os(void **state)
{
	struct tl_list l = { 0 };
	struct utsname u;
	struct tl_final f = tl_enum(CIMV2, "CIM_ComputerSystem", MI_FALSE, &l);

	assert_int_equal(f.r, MI_RESULT_OK);
	assert_int_equal(l.n, 1);
	assert_string_equal(th_string(l.v[0], "Name"), hostname());
	assert_string_equal(th_string(l.v[0], "CreationClassName"), "Linux_ComputerSystem");
	tl_list_free(&l);

	f = tl_enum(CIMV2, "CIM_OperatingSystem", MI_FALSE, &l);
	assert_int_equal(f.r, MI_RESULT_OK);
	assert_int_equal(l.n, 1);
	assert_int_equal(uname(&u), 0);
	assert_string_equal(th_string(l.v[0], "Version"), u.release);
	assert_string_equal(th_string(l.v[0], "CSName"), hostname());
	assert_int_equal(th_uint(l.v[0], "OSType"), 36);
	assert_int_equal(th_uint(l.v[0], "TotalVisibleMemorySize"), (long long)meminfo("MemTotal"));
	assert_int_equal(th_uint(l.v[0], "TotalSwapSpaceSize"), (long long)meminfo("SwapTotal"));
	assert_true(th_uint(l.v[0], "NumberOfProcesses") > 1);
	tl_list_free(&l);
}

static void
memory_and_cpus(void **state)
{
	struct tl_list l = { 0 };
	struct tl_final f = tl_enum(CIMV2, "CIM_Memory", MI_FALSE, &l);
	FILE *ci;
	char line[1024];
	long ncpu = 0;
	size_t i;

	assert_int_equal(f.r, MI_RESULT_OK);
	assert_int_equal(l.n, 1);
	assert_int_equal(th_uint(l.v[0], "BlockSize") * th_uint(l.v[0], "NumberOfBlocks"),
		(long long)meminfo("MemTotal") * 1024);
	assert_int_equal(th_uint(l.v[0], "MemTotal"), (long long)meminfo("MemTotal"));
	tl_list_free(&l);

	ci = fopen("/proc/cpuinfo", "r");
	assert_non_null(ci);
	while (fgets(line, sizeof line, ci) != NULL)
		if (strncmp(line, "processor", 9) == 0 && (line[9] == '\t' || line[9] == ' ' || line[9] == ':'))
			ncpu++;
	fclose(ci);
	f = tl_enum(CIMV2, "CIM_Processor", MI_FALSE, &l);
	assert_int_equal(f.r, MI_RESULT_OK);
	assert_int_equal((long)l.n, ncpu);
	assert_int_equal((long)l.n, sysconf(_SC_NPROCESSORS_ONLN));
	for (i = 0; i < l.n; i++) {
		char id[32];
		snprintf(id, sizeof id, "CPU%zu", i);
		assert_non_null(tl_find(&l, "DeviceID", id));
		assert_string_equal(th_string(l.v[i], "SystemName"), hostname());
	}
	tl_list_free(&l);
}

/* ---- file systems, block devices, network ports ------------------------------------------------ */
static void
filesystems_match_mount_table(void **state)
{
	struct tl_list l = { 0 };
	struct tl_final f = tl_enum(CIMV2, "CIM_FileSystem", MI_FALSE, &l);
	FILE *m = setmntent("/proc/self/mounts", "r");
	struct mntent *me;
	char *points[512];
	size_t np = 0, i, j;
	const MI_Instance *root;
	struct statvfs sv;

	assert_int_equal(f.r, MI_RESULT_OK);
	assert_non_null(m);
	while ((me = getmntent(m)) != NULL && np < 512) {
		for (j = 0; j < np; j++)
			if (strcmp(points[j], me->mnt_dir) == 0)
				break;
		if (j == np)
			points[np++] = strdup(me->mnt_dir);
	}
	endmntent(m);
	assert_int_equal(l.n, np); /* one instance per visible mount point */
	for (i = 0; i < np; i++) {
		assert_non_null(tl_find(&l, "Name", points[i]));
		free(points[i]);
	}
	root = tl_find(&l, "Name", "/");
	assert_non_null(root);
	assert_int_equal(statvfs("/", &sv), 0);
	assert_int_equal(th_uint(root, "FileSystemSize"), (long long)((unsigned long long)sv.f_blocks * sv.f_frsize));
	assert_int_equal(th_uint(root, "BlockSize"), (long long)sv.f_bsize);
	assert_string_equal(th_string(root, "CSName"), hostname());
	tl_list_free(&l);
}

static size_t
dir_entries(const char *path, char names[][256], size_t max)
{
	DIR *d = opendir(path);
	struct dirent *de;
	size_t n = 0;

	if (d == NULL)
		return 0;
	while ((de = readdir(d)) != NULL && n < max)
		if (de->d_name[0] != '.')
			snprintf(names[n++], 256, "%s", de->d_name);
	closedir(d);
	return n;
}

static void
block_devices_match_sys(void **state)
{
	static char names[256][256];
	size_t n = dir_entries("/sys/block", names, 256), i;
	struct tl_list l = { 0 };
	struct tl_final f = tl_enum(CIMV2, "CIM_StorageExtent", MI_FALSE, &l);

	assert_int_equal(f.r, MI_RESULT_OK);
	assert_int_equal(tl_count_class(&l, "Linux_BlockStorageExtent"), n);
	for (i = 0; i < n; i++) {
		char path[512], buf[64];
		const MI_Instance *b = tl_find(&l, "DeviceID", names[i]);
		FILE *fp;
		unsigned long long sectors = 0;
		assert_non_null(b);
		snprintf(path, sizeof path, "/sys/block/%s/size", names[i]);
		fp = fopen(path, "r");
		assert_non_null(fp);
		assert_non_null(fgets(buf, sizeof buf, fp));
		fclose(fp);
		sectors = strtoull(buf, NULL, 10);
		assert_int_equal(th_uint(b, "BlockSize") * th_uint(b, "NumberOfBlocks"), (long long)(sectors * 512));
	}
	tl_list_free(&l);
}

static long long
sys_number(const char *file, const char *name)
{
	char path[512], buf[64];
	FILE *fp;

	snprintf(path, sizeof path, "/sys/class/net/%s/%s", name, file);
	fp = fopen(path, "r");
	if (fp == NULL)
		return -1;
	if (fgets(buf, sizeof buf, fp) == NULL)
		buf[0] = '\0';
	fclose(fp);
	return strtoll(buf, NULL, 10);
}

static void
network_ports_match_sys(void **state)
{
	static char names[256][256];
	size_t n = dir_entries("/sys/class/net", names, 256), i;
	struct tl_list l = { 0 };
	struct tl_final f = tl_enum(CIMV2, "CIM_NetworkPort", MI_FALSE, &l);

	assert_int_equal(f.r, MI_RESULT_OK);
	assert_int_equal(l.n, n);
	for (i = 0; i < n; i++) {
		const MI_Instance *p = tl_find(&l, "DeviceID", names[i]);
		long long type = sys_number("type", names[i]);
		long long rx = sys_number("statistics/rx_bytes", names[i]);
		assert_non_null(p);
		assert_string_equal(tl_class(p), type == 1 ? "Linux_EthernetPort" : "Linux_NetworkPort");
		assert_int_equal(th_uint(p, "ActiveMaximumTransmissionUnit"), sys_number("mtu", names[i]));
		assert_int_equal(th_uint(p, "InterfaceIndex"), sys_number("ifindex", names[i]));
		/* counters only grow: what we served lies before what we read now */
		assert_true(th_uint(p, "BytesReceived") <= rx);
	}
	/* loopback carries 127.0.0.1 when configured */
	if (tl_find(&l, "DeviceID", "lo") != NULL) {
		MI_Value v;
		MI_Type t;
		MI_Uint32 fl;
		const MI_Instance *lo = tl_find(&l, "DeviceID", "lo");
		if (MI_Instance_GetElement(lo, "NetworkAddresses", &v, &t, &fl, NULL) == MI_RESULT_OK &&
			!(fl & MI_FLAG_NULL)) {
			MI_Uint32 k;
			int found = 0;
			for (k = 0; k < v.stringa.size; k++)
				found |= strcmp(v.stringa.data[k], "127.0.0.1") == 0;
			assert_true(found);
		}
	}
	tl_list_free(&l);
}

/* ---- packages ------------------------------------------------------------------------------------ */
static void
packages_match_dpkg_query(void **state)
{
	struct tl_list l = { 0 };
	struct tl_final f;
	long long expected;
	const MI_Instance *p;

	if (access("/var/lib/dpkg/status", R_OK) != 0 || system("command -v dpkg-query >/dev/null 2>&1") != 0) {
		f = tl_enum(CIMV2, "Linux_SoftwareIdentity", MI_FALSE, &l);
		assert_int_equal(f.r, MI_RESULT_OK);
		assert_int_equal(l.n, 0);
		return;
	}
	expected = tl_sh_number("dpkg-query -W -f '${Package}\\n' | wc -l");
	f = tl_enum(CIMV2, "CIM_SoftwareIdentity", MI_FALSE, &l);
	assert_int_equal(f.r, MI_RESULT_OK);
	assert_int_equal((long long)l.n, expected);
	p = tl_find(&l, "PackageName", "dpkg");
	assert_non_null(p);
	{
		FILE *v = popen("dpkg-query -W -f '${Version}' dpkg", "r");
		char ver[256] = "";
		assert_non_null(v);
		assert_non_null(fgets(ver, sizeof ver, v));
		pclose(v);
		assert_string_equal(th_string(p, "VersionString"), ver);
	}
	assert_non_null(strstr(th_string(p, "InstanceID"), "cimtui:dpkg:dpkg:"));
	tl_list_free(&l);
}

static void
packages_fixture_and_unreadable(void **state)
{
	char dir[] = "/tmp/test_local_XXXXXX", path[256];
	struct tl_list l = { 0 };
	struct tl_final f;
	FILE *fp;

	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/status", dir);
	fp = fopen(path, "w");
	assert_non_null(fp);
	fputs("Package: alpha\nStatus: install ok installed\nArchitecture: amd64\nVersion: 1.0-1\n"
		"Description: first letter\n more text\n .\n\n"
		"Package: gone\nStatus: purge ok not-installed\nArchitecture: amd64\n\n"
		"Package: beta\nStatus: install ok installed\nArchitecture: all\nVersion: 2:3.4\n"
		"Installed-Size: 42", fp); /* no final newline */
	fclose(fp);
	setenv("CIMTUI_LOCAL_DPKG_STATUS", path, 1);
	f = tl_enum(CIMV2, "Linux_SoftwareIdentity", MI_FALSE, &l);
	assert_int_equal(f.r, MI_RESULT_OK);
	assert_int_equal(l.n, 2);
	assert_string_equal(th_string(l.v[0], "InstanceID"), "cimtui:dpkg:alpha:amd64");
	assert_string_equal(th_string(l.v[0], "VersionString"), "1.0-1");
	assert_string_equal(th_string(l.v[0], "Caption"), "first letter");
	assert_string_equal(th_string(l.v[1], "VersionString"), "2:3.4");
	assert_int_equal(th_uint(l.v[1], "InstalledSize"), 42);
	tl_list_free(&l);

	/* GetInstance by key through the same reader */
	{
		MI_Instance *k = tl_key("CIM_SoftwareIdentity", NULL, "InstanceID", "cimtui:dpkg:beta:all", NULL);
		f = tl_get(CIMV2, k, &l);
		assert_int_equal(f.r, MI_RESULT_OK);
		assert_int_equal(l.n, 1);
		assert_string_equal(th_string(l.v[0], "PackageName"), "beta");
		tl_list_free(&l);
		MI_Instance_Delete(k);
	}

	/* A file that is not there: ACCESS_DENIED naming the path. */
	snprintf(path, sizeof path, "%s/missing-status", dir);
	setenv("CIMTUI_LOCAL_DPKG_STATUS", path, 1);
	f = tl_enum(CIMV2, "Linux_SoftwareIdentity", MI_FALSE, NULL);
	assert_int_equal(f.r, MI_RESULT_ACCESS_DENIED);
	assert_non_null(strstr(f.msg, path));
	assert_true(f.has_details);
	assert_string_equal(f.details_class, "CIM_Error");
	assert_int_equal(f.details_code, MI_RESULT_ACCESS_DENIED);
	assert_non_null(strstr(f.details_msg, path));

	/* A directory: open works, read fails (EISDIR). */
	setenv("CIMTUI_LOCAL_DPKG_STATUS", dir, 1);
	f = tl_enum(CIMV2, "Linux_SoftwareIdentity", MI_FALSE, NULL);
	assert_int_equal(f.r, MI_RESULT_ACCESS_DENIED);
	assert_non_null(strstr(f.msg, dir));

	/* Without read permission (only meaningful when not root). */
	snprintf(path, sizeof path, "%s/status", dir);
	if (geteuid() != 0) {
		chmod(path, 0);
		setenv("CIMTUI_LOCAL_DPKG_STATUS", path, 1);
		f = tl_enum(CIMV2, "Linux_SoftwareIdentity", MI_FALSE, NULL);
		assert_int_equal(f.r, MI_RESULT_ACCESS_DENIED);
		assert_non_null(strstr(f.msg, path));
	}
	unsetenv("CIMTUI_LOCAL_DPKG_STATUS");
	unlink(path);
	rmdir(dir);
}

/* While the consumer holds the first package, the reader has not read the
 * whole database: the file offset of its descriptor is short of the size. */
static void
packages_are_streamed(void **state)
{
	const char *db = "/var/lib/dpkg/status";
	struct stat sb;
	MI_Operation op = MI_OPERATION_NULL;
	const MI_Instance *inst;
	MI_Boolean more = MI_TRUE;
	MI_Result r;
	DIR *d;
	struct dirent *de;
	long long pos = -1;
	unsigned long n = 0;

	if (stat(db, &sb) != 0 || sb.st_size < 4 * 65536) {
		skip();
		return;
	}
	MI_Session_EnumerateInstances(&tl_g->s, 0, NULL, CIMV2, "Linux_SoftwareIdentity", MI_FALSE, NULL, &op);
	assert_int_equal(MI_Operation_GetInstance(&op, &inst, &more, &r, NULL, NULL), MI_RESULT_OK);
	assert_non_null(inst);
	usleep(200000); /* room for the producer to run ahead as far as it may */
	d = opendir("/proc/self/fd");
	assert_non_null(d);
	while ((de = readdir(d)) != NULL) {
		char link[600], target[4096], info[600], buf[512];
		ssize_t k;
		FILE *fi;
		snprintf(link, sizeof link, "/proc/self/fd/%s", de->d_name);
		k = readlink(link, target, sizeof target - 1);
		if (k <= 0)
			continue;
		target[k] = '\0';
		if (strcmp(target, db) != 0)
			continue;
		snprintf(info, sizeof info, "/proc/self/fdinfo/%s", de->d_name);
		fi = fopen(info, "r");
		if (fi == NULL)
			continue;
		while (fgets(buf, sizeof buf, fi) != NULL)
			if (strncmp(buf, "pos:", 4) == 0)
				pos = strtoll(buf + 4, NULL, 10);
		fclose(fi);
	}
	closedir(d);
	assert_true(pos > 0);
	assert_true(pos < (long long)sb.st_size);
	n = 1;
	while (more) {
		assert_int_equal(MI_Operation_GetInstance(&op, &inst, &more, &r, NULL, NULL), MI_RESULT_OK);
		if (inst != NULL)
			n++;
	}
	assert_int_equal(r, MI_RESULT_OK);
	assert_true(n > 100);
	MI_Operation_Close(&op);
}

/* ---- services -------------------------------------------------------------------------------------- */
static void
services_match_unit_files(void **state)
{
	static char names[4096][256];
	struct tl_list l = { 0 };
	struct tl_final f = tl_enum(CIMV2, "CIM_Service", MI_FALSE, &l);
	const char *dir = "/usr/lib/systemd/system";
	size_t n, i, checked = 0;

	assert_int_equal(f.r, MI_RESULT_OK);
	for (i = 0; i < l.n; i++) {
		const char *file = th_string(l.v[i], "UnitFile");
		assert_non_null(file);
		assert_int_equal(access(file, F_OK), 0);
		assert_string_equal(th_string(l.v[i], "SystemName"), hostname());
	}
	if (access(dir, F_OK) != 0)
		return; /* init.d machine: checked above that every script exists */
	n = dir_entries(dir, names, 4096);
	for (i = 0; i < n; i++) {
		char path[600];
		struct stat sb;
		size_t k = strlen(names[i]);
		if (k < 9 || strcmp(names[i] + k - 8, ".service") != 0 || strstr(names[i], "@.") != NULL)
			continue;
		snprintf(path, sizeof path, "%s/%s", dir, names[i]);
		if (lstat(path, &sb) != 0 || !S_ISREG(sb.st_mode))
			continue;
		assert_non_null(tl_find(&l, "Name", names[i]));
		checked++;
	}
	assert_true(l.n >= checked);
	tl_list_free(&l);
}

/* ---- generic enumeration behaviour ---------------------------------------------------------------- */
static void
deep_enumeration_of_managed_element(void **state)
{
	static const char *const concrete[] = {
		"Linux_ComputerSystem", "Linux_OperatingSystem", "Linux_UnixProcess", "Linux_Processor",
		"Linux_Memory", "Linux_BlockStorageExtent", "Linux_LocalFileSystem", NULL
	};
	struct tl_list l = { 0 }, k = { 0 };
	struct tl_final f = tl_enum(CIMV2, "CIM_ManagedElement", MI_FALSE, &l);
	size_t i;

	assert_int_equal(f.r, MI_RESULT_OK);
	for (i = 0; concrete[i] != NULL; i++)
		assert_true(tl_count_class(&l, concrete[i]) > 0);
	assert_true(tl_count_class(&l, "Linux_EthernetPort") + tl_count_class(&l, "Linux_NetworkPort") > 0);

	/* keys only: the same instances, only key properties, all flagged */
	f = tl_enum(CIMV2, "CIM_ManagedElement", MI_TRUE, &k);
	assert_int_equal(f.r, MI_RESULT_OK);
	assert_true(k.n + 5 >= l.n && l.n + 5 >= k.n); /* processes come and go */
	for (i = 0; i < k.n; i++) {
		MI_Uint32 c, j;
		assert_int_equal(MI_Instance_GetElementCount(k.v[i], &c), MI_RESULT_OK);
		assert_true(c > 0);
		for (j = 0; j < c; j++) {
			const MI_Char *name;
			MI_Uint32 fl;
			assert_int_equal(MI_Instance_GetElementAt(k.v[i], j, &name, NULL, NULL, &fl), MI_RESULT_OK);
			assert_true(fl & MI_FLAG_KEY);
		}
	}
	tl_list_free(&k);
	tl_list_free(&l);
}

static void
shallow_enumeration_and_property_list(void **state)
{
	struct tl_list l = { 0 };
	MI_OperationOptions o = MI_OPERATIONOPTIONS_NULL;
	MI_Operation op = MI_OPERATION_NULL;
	struct tl_final f;
	MI_Value v;
	MI_Type t;
	MI_Uint32 fl;

	assert_int_equal(MI_Application_NewOperationOptions(&tl_g->app, MI_FALSE, &o), MI_RESULT_OK);
	MI_OperationOptions_SetNumber(&o, "cimtui:DeepInheritance", 0, 0);
	MI_Session_EnumerateInstances(&tl_g->s, 0, &o, CIMV2, "CIM_Process", MI_FALSE, NULL, &op);
	f = tl_drain(&op, &l);
	assert_int_equal(f.r, MI_RESULT_OK);
	assert_true(l.n > 0);
	/* CIM_Process' own properties are there, the subclasses' are not */
	assert_int_equal(MI_Instance_GetElement(l.v[0], "UserModeTime", &v, &t, &fl, NULL), MI_RESULT_OK);
	assert_int_equal(MI_Instance_GetElement(l.v[0], "ParentProcessID", &v, &t, &fl, NULL),
		MI_RESULT_NO_SUCH_PROPERTY);
	tl_list_free(&l);
	MI_OperationOptions_Delete(&o);

	assert_int_equal(MI_Application_NewOperationOptions(&tl_g->app, MI_FALSE, &o), MI_RESULT_OK);
	MI_OperationOptions_SetString(&o, "cimtui:PropertyList", "Name,ParentProcessID", 0);
	op = (MI_Operation)MI_OPERATION_NULL;
	MI_Session_EnumerateInstances(&tl_g->s, 0, &o, CIMV2, "Linux_UnixProcess", MI_FALSE, NULL, &op);
	f = tl_drain(&op, &l);
	assert_int_equal(f.r, MI_RESULT_OK);
	assert_true(l.n > 0);
	assert_int_equal(MI_Instance_GetElement(l.v[0], "ParentProcessID", &v, &t, &fl, NULL), MI_RESULT_OK);
	assert_int_equal(MI_Instance_GetElement(l.v[0], "Handle", &v, &t, &fl, NULL), MI_RESULT_OK);
	assert_int_equal(MI_Instance_GetElement(l.v[0], "ModulePath", &v, &t, &fl, NULL),
		MI_RESULT_NO_SUCH_PROPERTY);
	tl_list_free(&l);
	MI_OperationOptions_Delete(&o);
}

/* Small queue: the producer must stop and resume many times; nothing lost. */
static void
small_queue_streams_everything(void **state)
{
	MI_Application app = MI_APPLICATION_NULL;
	MI_DestinationOptions d = MI_DESTINATIONOPTIONS_NULL;
	MI_Session s = MI_SESSION_NULL;
	MI_Operation op = MI_OPERATION_NULL;
	MI_Session *saved = &tl_g->s;
	struct tl_list l = { 0 }, all = { 0 };
	struct tl_final f;

	assert_int_equal(MI_Application_Initialize(0, "q", NULL, &app), MI_RESULT_OK);
	assert_int_equal(MI_Application_NewDestinationOptions(&app, &d), MI_RESULT_OK);
	MI_DestinationOptions_SetNumber(&d, "cimtui:QueueLength", 4, 0);
	assert_int_equal(MI_Application_NewSession(&app, "LOCAL", "local:", &d, NULL, NULL, &s), MI_RESULT_OK);
	MI_Session_EnumerateInstances(&s, 0, NULL, CIMV2, "CIM_LogicalElement", MI_TRUE, NULL, &op);
	f = tl_drain(&op, &l);
	assert_int_equal(f.r, MI_RESULT_OK);
	(void)saved;
	f = tl_enum(CIMV2, "CIM_LogicalElement", MI_TRUE, &all);
	assert_int_equal(f.r, MI_RESULT_OK);
	assert_true(l.n + 5 >= all.n && all.n + 5 >= l.n);
	tl_list_free(&l);
	tl_list_free(&all);
	MI_Session_Close(&s, NULL, NULL);
	MI_DestinationOptions_Delete(&d);
	MI_Application_Close(&app);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(processes_match_ps),
		cmocka_unit_test(child_process_then_gone),
		cmocka_unit_test(system_and_os),
		cmocka_unit_test(memory_and_cpus),
		cmocka_unit_test(filesystems_match_mount_table),
		cmocka_unit_test(block_devices_match_sys),
		cmocka_unit_test(network_ports_match_sys),
		cmocka_unit_test(packages_match_dpkg_query),
		cmocka_unit_test(packages_fixture_and_unreadable),
		cmocka_unit_test(packages_are_streamed),
		cmocka_unit_test(services_match_unit_files),
		cmocka_unit_test(deep_enumeration_of_managed_element),
		cmocka_unit_test(shallow_enumeration_and_property_list),
		cmocka_unit_test(small_queue_streams_everything),
	};
	return cmocka_run_group_tests_name("local", tests, tl_setup, tl_teardown);
}
