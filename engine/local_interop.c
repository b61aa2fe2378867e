/* local_interop.c - root/interop: CIM_Namespace (the namespaces served),
 * CIM_ObjectManager (the embedded provider itself), CIM_RegisteredProfile
 * (the DMTF profiles whose classes are served, in part), with
 * CIM_ElementConformsToProfile and CIM_NamespaceInManager.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdlib.h>
#include <string.h>

#include "local_impl.h"
#include "model.h"

struct list_iter {
	size_t i;
};

static void *
list_open(const struct local_ctx *ctx, const struct local_class *cls, struct local_err *err)
{
	return local_zalloc(sizeof(struct list_iter), err);
}

static void
list_close(void *state)
{
	free(state);
}

static const char *const namespaces[] = { LOCAL_NS_CIMV2_NAME, LOCAL_NS_INTEROP_NAME };

static int
ns_next(void *state, const struct local_ctx *ctx, MI_Instance **out, struct local_err *err)
{
	struct list_iter *it = state;
	MI_Instance *inst;
	MI_Result r = MI_RESULT_OK;

	if (it->i >= sizeof namespaces / sizeof namespaces[0])
		return 0;
	inst = mix_instance_new("CIM_Namespace", LOCAL_NS_INTEROP_NAME);
	if (inst != NULL) {
		r |= local_add_str(inst, "SystemCreationClassName", "Linux_ComputerSystem");
		r |= local_add_str(inst, "SystemName", ctx->host);
		r |= local_add_str(inst, "ObjectManagerCreationClassName", "CIM_ObjectManager");
		r |= local_add_str(inst, "ObjectManagerName", LOCAL_OBJMGR_NAME);
		r |= local_add_str(inst, "CreationClassName", "CIM_Namespace");
		r |= local_add_str(inst, "Name", namespaces[it->i]);
		r |= local_add_str(inst, "ElementName", namespaces[it->i]);
		r |= local_add_u(inst, "ClassType", MI_UINT16, 2);
	}
	it->i++;
	return local_emit(inst, r, out, err);
}

const struct local_provider local_prov_namespace = { list_open, ns_next, list_close, NULL };

static int
objmgr_next(void *state, const struct local_ctx *ctx, MI_Instance **out, struct local_err *err)
{
	static const MI_Uint16 ok[] = { 2 };
	struct list_iter *it = state;
	MI_Instance *inst;
	MI_Result r = MI_RESULT_OK;

	if (it->i++ > 0)
		return 0;
	inst = mix_instance_new("CIM_ObjectManager", LOCAL_NS_INTEROP_NAME);
	if (inst != NULL) {
		r |= local_add_str(inst, "SystemCreationClassName", "Linux_ComputerSystem");
		r |= local_add_str(inst, "SystemName", ctx->host);
		r |= local_add_str(inst, "CreationClassName", "CIM_ObjectManager");
		r |= local_add_str(inst, "Name", LOCAL_OBJMGR_NAME);
		r |= local_add_str(inst, "ElementName", "cimtui embedded provider");
		r |= local_add_str(inst, "Description",
			"In-process provider of cimtui serving this machine from /proc, /sys and system files.");
		r |= local_add_bool(inst, "Started", 1);
		r |= local_add_u(inst, "EnabledState", MI_UINT16, 2);
		r |= local_add_u16a(inst, "OperationalStatus", ok, 1);
		r |= local_add_bool(inst, "GatherStatisticalData", 0);
	}
	return local_emit(inst, r, out, err);
}

const struct local_provider local_prov_objmgr = { list_open, objmgr_next, list_close, NULL };

static const struct {
	const char *id, *name, *version, *central;
} profiles[] = {
	{ "cimtui:DSP1033", "Profile Registration", "1.0.0", "CIM_ObjectManager" },
	{ "cimtui:DSP1052", "Computer System", "1.0.0", "Linux_ComputerSystem" },
	{ "cimtui:DSP1023", "Software Inventory", "1.0.0", "Linux_ComputerSystem" },
};
#define NPROFILES (sizeof profiles / sizeof profiles[0])

static int
profile_next(void *state, const struct local_ctx *ctx, MI_Instance **out, struct local_err *err)
{
	static const MI_Uint16 not_advertised[] = { 2 };
	struct list_iter *it = state;
	MI_Instance *inst;
	MI_Result r = MI_RESULT_OK;

	if (it->i >= NPROFILES)
		return 0;
	inst = mix_instance_new("CIM_RegisteredProfile", LOCAL_NS_INTEROP_NAME);
	if (inst != NULL) {
		r |= local_add_str(inst, "InstanceID", profiles[it->i].id);
		r |= local_add_u(inst, "RegisteredOrganization", MI_UINT16, 2);
		r |= local_add_str(inst, "RegisteredName", profiles[it->i].name);
		r |= local_add_str(inst, "RegisteredVersion", profiles[it->i].version);
		r |= local_add_str(inst, "ElementName", profiles[it->i].name);
		r |= local_add_u16a(inst, "AdvertiseTypes", not_advertised, 1);
	}
	it->i++;
	return local_emit(inst, r, out, err);
}

const struct local_provider local_prov_profile = { list_open, profile_next, list_close, NULL };

static MI_Instance *
other_central(const struct local_ctx *ctx, const MI_Instance *driver)
{
	const char *id = local_key_str(driver, "InstanceID");
	size_t i;

	for (i = 0; id != NULL && i < NPROFILES; i++)
		if (strcmp(profiles[i].id, id) == 0)
			return strcmp(profiles[i].central, "CIM_ObjectManager") == 0 ? local_ref_objmgr(ctx)
				: local_ref_system(ctx);
	return NULL;
}

const struct local_assoc local_assoc_conforms = {
	"CIM_RegisteredProfile", "ConformantStandard", "ManagedElement", other_central, NULL
};

static MI_Instance *
other_objmgr(const struct local_ctx *ctx, const MI_Instance *driver)
{
	return local_ref_objmgr(ctx);
}

const struct local_assoc local_assoc_nsinmanager = {
	"CIM_Namespace", "Dependent", "Antecedent", other_objmgr, NULL
};
