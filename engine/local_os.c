/* local_os.c - Linux_ComputerSystem (host name, /etc/machine-id) and
 * Linux_OperatingSystem (/etc/os-release, uname, /proc/stat, /proc/meminfo),
 * plus the CIM_InstalledOS association between them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <sys/utsname.h>
#include <time.h>

#include "local_impl.h"
#include "model.h"

static const MI_Uint16 status_ok[] = { 2 };

static int
system_next(void *state, const struct local_ctx *ctx, MI_Instance **out, struct local_err *err)
{
	struct local_single *s = state;
	MI_Instance *inst;
	MI_Result r = MI_RESULT_OK;
	char id[128];

	if (s->done++)
		return 0;
	inst = mix_instance_new("Linux_ComputerSystem", LOCAL_NS_CIMV2_NAME);
	if (inst == NULL)
		return local_oom(err);
	r |= local_add_str(inst, "CreationClassName", "Linux_ComputerSystem");
	r |= local_add_str(inst, "Name", ctx->host);
	r |= local_add_str(inst, "NameFormat", "IP");
	r |= local_add_str(inst, "ElementName", ctx->host);
	r |= local_add_u16a(inst, "OperationalStatus", status_ok, 1);
	r |= local_add_u(inst, "EnabledState", MI_UINT16, 2);
	r |= local_add_u(inst, "RequestedState", MI_UINT16, 12);
	if (local_read_file("/etc/machine-id", id, sizeof id) > 0 && local_chomp(id)[0] != '\0') {
		char **a = calloc(1, sizeof *a), **d = calloc(1, sizeof *d);
		if (a != NULL && d != NULL && (a[0] = strdup(id)) != NULL &&
			(d[0] = strdup("machine-id (/etc/machine-id)")) != NULL) {
			r |= local_add_stra(inst, "OtherIdentifyingInfo", a, 1);
			r |= local_add_stra(inst, "IdentifyingDescriptions", d, 1);
		} else {
			if (a != NULL)
				free(a[0]);
			free(a);
			free(d);
			r = MI_RESULT_FAILED;
		}
	}
	return local_emit(inst, r, out, err);
}

const struct local_provider local_prov_system = { local_single_open, system_next, local_single_close, NULL };

static uint32_t
count_processes(void)
{
	DIR *d = opendir("/proc");
	struct dirent *de;
	uint32_t n = 0;

	if (d == NULL)
		return 0;
	while ((de = readdir(d)) != NULL)
		if (de->d_name[0] >= '1' && de->d_name[0] <= '9')
			n++;
	closedir(d);
	return n;
}

static int
os_next(void *state, const struct local_ctx *ctx, MI_Instance **out, struct local_err *err)
{
	struct local_single *s = state;
	MI_Instance *inst;
	MI_Result r = MI_RESULT_OK;
	struct utsname u;
	struct local_meminfo mi;
	struct timeval tv;
	struct tm tm;
	time_t now;
	char buf[64];
	uint64_t v;

	if (s->done++)
		return 0;
	if (local_meminfo_read(&mi) < 0) {
		local_err_file(err, "/proc/meminfo", errno);
		return -1;
	}
	inst = mix_instance_new("Linux_OperatingSystem", LOCAL_NS_CIMV2_NAME);
	if (inst == NULL)
		return local_oom(err);
	r |= local_add_str(inst, "CSCreationClassName", "Linux_ComputerSystem");
	r |= local_add_str(inst, "CSName", ctx->host);
	r |= local_add_str(inst, "CreationClassName", "Linux_OperatingSystem");
	r |= local_add_str(inst, "Name", ctx->os_name);
	r |= local_add_str(inst, "ElementName", ctx->os_name);
	r |= local_add_u(inst, "OSType", MI_UINT16, 36);
	if (uname(&u) == 0) {
		r |= local_add_str(inst, "Version", u.release);
		r |= local_add_str(inst, "KernelVersion", u.version);
		r |= local_add_str(inst, "Machine", u.machine);
	}
	r |= local_add_time(inst, "LastBootUpTime", ctx->boot_time, 0);
	gettimeofday(&tv, NULL);
	r |= local_add_time(inst, "LocalDateTime", (uint64_t)tv.tv_sec, (uint32_t)tv.tv_usec);
	now = tv.tv_sec;
	if (localtime_r(&now, &tm) != NULL)
		r |= local_add_s(inst, "CurrentTimeZone", MI_SINT16, tm.tm_gmtoff / 60);
	r |= local_add_u(inst, "NumberOfProcesses", MI_UINT32, count_processes());
	if (local_read_file("/proc/sys/kernel/pid_max", buf, sizeof buf) > 0 && local_parse_u64(buf, &v) == 0)
		r |= local_add_u(inst, "MaxNumberOfProcesses", MI_UINT32, v);
	r |= local_add_u(inst, "TotalVisibleMemorySize", MI_UINT64, mi.mem_total);
	r |= local_add_u(inst, "FreePhysicalMemory", MI_UINT64, mi.mem_free);
	r |= local_add_u(inst, "TotalSwapSpaceSize", MI_UINT64, mi.swap_total);
	r |= local_add_u(inst, "SizeStoredInPagingFiles", MI_UINT64, mi.swap_total);
	r |= local_add_u(inst, "FreeSpaceInPagingFiles", MI_UINT64, mi.swap_free);
	r |= local_add_u(inst, "TotalVirtualMemorySize", MI_UINT64, mi.mem_total + mi.swap_total);
	r |= local_add_u(inst, "FreeVirtualMemory", MI_UINT64, mi.mem_free + mi.swap_free);
	r |= local_add_bool(inst, "Distributed", 0);
	r |= local_add_u16a(inst, "OperationalStatus", status_ok, 1);
	r |= local_add_u(inst, "EnabledState", MI_UINT16, 2);
	r |= local_add_u(inst, "RequestedState", MI_UINT16, 12);
	return local_emit(inst, r, out, err);
}

const struct local_provider local_prov_os = { local_single_open, os_next, local_single_close, NULL };

static MI_Instance *
other_system(const struct local_ctx *ctx, const MI_Instance *driver)
{
	return local_ref_system(ctx);
}

static void
installed_os_extra(const struct local_ctx *ctx, MI_Instance *assoc, const MI_Instance *driver)
{
	local_add_bool(assoc, "PrimaryOS", 1);
}

const struct local_assoc local_assoc_installedos = {
	"CIM_OperatingSystem", "PartComponent", "GroupComponent", other_system, installed_os_extra
};
const struct local_assoc local_assoc_systemdevice = {
	"CIM_LogicalDevice", "PartComponent", "GroupComponent", other_system, NULL
};
const struct local_assoc local_assoc_hostedfs = {
	"CIM_FileSystem", "PartComponent", "GroupComponent", other_system, NULL
};
const struct local_assoc local_assoc_installedsw = {
	"CIM_SoftwareIdentity", "InstalledSoftware", "System", other_system, NULL
};
const struct local_assoc local_assoc_hostedservice = {
	"CIM_Service", "Dependent", "Antecedent", other_system, NULL
};
