/* local_net.c - Linux_EthernetPort (ARPHRD_ETHER interfaces) and
 * Linux_NetworkPort (the others, e.g. loopback): one instance per entry of
 * /sys/class/net, addresses from getifaddrs, counters from statistics/.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "local_impl.h"
#include "model.h"

#define SYS_NET "/sys/class/net"
#define ARPHRD_ETHER_TYPE 1
#define ARPHRD_LOOPBACK_TYPE 772

struct net_iter {
	DIR *dir;
	struct ifaddrs *ifa;
	int ethernet; /* which class */
};

static void *
net_open(const struct local_ctx *ctx, const struct local_class *cls, struct local_err *err)
{
	struct net_iter *it = local_zalloc(sizeof *it, err);

	if (it == NULL)
		return NULL;
	it->dir = opendir(SYS_NET);
	if (it->dir == NULL) {
		local_err_file(err, SYS_NET, errno);
		free(it);
		return NULL;
	}
	if (getifaddrs(&it->ifa) != 0)
		it->ifa = NULL; /* no addresses then; the ports are still there */
	it->ethernet = mix_name_eq(cls->name, "Linux_EthernetPort");
	return it;
}

static MI_Result
add_addresses(MI_Instance *inst, const struct ifaddrs *ifa, const char *name)
{
	const struct ifaddrs *a;
	char **v = NULL;
	MI_Uint32 n = 0, cap = 0;

	for (a = ifa; a != NULL; a = a->ifa_next) {
		char host[NI_MAXHOST];
		socklen_t len;
		if (a->ifa_addr == NULL || strcmp(a->ifa_name, name) != 0)
			continue;
		if (a->ifa_addr->sa_family == AF_INET)
			len = sizeof(struct sockaddr_in);
		else if (a->ifa_addr->sa_family == AF_INET6)
			len = sizeof(struct sockaddr_in6);
		else
			continue;
		if (getnameinfo(a->ifa_addr, len, host, sizeof host, NULL, 0, NI_NUMERICHOST) != 0)
			continue;
		if (n == cap) {
			char **nv = realloc(v, (cap = cap ? cap * 2 : 4) * sizeof *v);
			if (nv == NULL)
				goto oom;
			v = nv;
		}
		if ((v[n] = strdup(host)) == NULL)
			goto oom;
		n++;
	}
	if (n == 0)
		return MI_RESULT_OK;
	return local_add_stra(inst, "NetworkAddresses", v, n);
oom:
	while (n > 0)
		free(v[--n]);
	free(v);
	return MI_RESULT_FAILED;
}

static int
net_build(const struct net_iter *it, const struct local_ctx *ctx, const char *name, MI_Instance **out,
	struct local_err *err)
{
	static const struct {
		const char *file, *prop;
	} stats[] = {
		{ "statistics/rx_bytes", "BytesReceived" }, { "statistics/tx_bytes", "BytesTransmitted" },
		{ "statistics/rx_packets", "PacketsReceived" }, { "statistics/tx_packets", "PacketsTransmitted" },
		{ "statistics/rx_errors", "ReceiveErrors" }, { "statistics/tx_errors", "TransmitErrors" },
		{ "statistics/rx_dropped", "ReceiveDropped" }, { "statistics/tx_dropped", "TransmitDropped" },
	};
	char buf[256], mac[64];
	uint64_t type = 0, v;
	MI_Instance *inst;
	MI_Result r = MI_RESULT_OK;
	const char *cls;
	size_t i, k;
	int dfd = openat(dirfd(it->dir), name, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (dfd < 0)
		return 0;
	if (local_read_u64_at(dfd, "type", &type) < 0 || (type == ARPHRD_ETHER_TYPE) != it->ethernet) {
		close(dfd);
		return 0;
	}
	cls = it->ethernet ? "Linux_EthernetPort" : "Linux_NetworkPort";
	inst = mix_instance_new(cls, ctx->ns);
	if (inst == NULL) {
		close(dfd);
		return local_oom(err);
	}
	r |= local_add_str(inst, "SystemCreationClassName", "Linux_ComputerSystem");
	r |= local_add_str(inst, "SystemName", ctx->host);
	r |= local_add_str(inst, "CreationClassName", cls);
	r |= local_add_str(inst, "DeviceID", name);
	r |= local_add_str(inst, "Name", name);
	r |= local_add_str(inst, "ElementName", name);
	if (type == ARPHRD_ETHER_TYPE) {
		r |= local_add_u(inst, "LinkTechnology", MI_UINT16, 2);
	} else {
		r |= local_add_u(inst, "LinkTechnology", MI_UINT16, 1);
		if (type == ARPHRD_LOOPBACK_TYPE)
			snprintf(buf, sizeof buf, "Loopback");
		else
			snprintf(buf, sizeof buf, "ARPHRD %llu", (unsigned long long)type);
		r |= local_add_str(inst, "OtherLinkTechnology", buf);
	}
	if (local_read_file_at(dfd, "address", buf, sizeof buf) > 0) {
		local_chomp(buf);
		for (i = 0, k = 0; buf[i] != '\0' && k + 1 < sizeof mac; i++)
			if (buf[i] != ':')
				mac[k++] = (char)(buf[i] >= 'a' && buf[i] <= 'f' ? buf[i] - 32 : buf[i]);
		mac[k] = '\0';
		if (k > 0)
			r |= local_add_str(inst, "PermanentAddress", mac);
	}
	r |= add_addresses(inst, it->ifa, name);
	if (local_read_u64_at(dfd, "speed", &v) == 0)
		r |= local_add_u(inst, "Speed", MI_UINT64, v * 1000000u);
	if (local_read_file_at(dfd, "duplex", buf, sizeof buf) > 0) {
		local_chomp(buf);
		if (strcmp(buf, "full") == 0 || strcmp(buf, "half") == 0)
			r |= local_add_bool(inst, "FullDuplex", buf[0] == 'f');
	}
	if (local_read_u64_at(dfd, "mtu", &v) == 0)
		r |= local_add_u(inst, "ActiveMaximumTransmissionUnit", MI_UINT64, v);
	if (local_read_u64_at(dfd, "ifindex", &v) == 0)
		r |= local_add_u(inst, "InterfaceIndex", MI_UINT32, v);
	if (local_read_file_at(dfd, "operstate", buf, sizeof buf) > 0) {
		MI_Uint16 st;
		local_chomp(buf);
		r |= local_add_str(inst, "OperState", buf);
		if (strcmp(buf, "up") == 0 || strcmp(buf, "unknown") == 0)
			st = 2;  /* OK */
		else if (strcmp(buf, "dormant") == 0)
			st = 15; /* Dormant */
		else
			st = 10; /* Stopped */
		r |= local_add_u16a(inst, "OperationalStatus", &st, 1);
	}
	if (local_read_file_at(dfd, "flags", buf, sizeof buf) > 0)
		r |= local_add_u(inst, "EnabledState", MI_UINT16, (strtoul(buf, NULL, 16) & IFF_UP) ? 2 : 3);
	for (i = 0; i < sizeof stats / sizeof stats[0]; i++)
		if (local_read_u64_at(dfd, stats[i].file, &v) == 0)
			r |= local_add_u(inst, stats[i].prop, MI_UINT64, v);
	close(dfd);
	return local_emit(inst, r, out, err);
}

static int
net_next(void *state, const struct local_ctx *ctx, MI_Instance **out, struct local_err *err)
{
	struct net_iter *it = state;
	struct dirent *de;

	while ((de = readdir(it->dir)) != NULL) {
		int rc;
		if (de->d_name[0] == '.')
			continue;
		rc = net_build(it, ctx, de->d_name, out, err);
		if (rc != 0)
			return rc;
	}
	return 0;
}

static void
net_close(void *state)
{
	struct net_iter *it = state;

	if (it->ifa != NULL)
		freeifaddrs(it->ifa);
	closedir(it->dir);
	free(it);
}

const struct local_provider local_prov_net = { net_open, net_next, net_close, NULL };
