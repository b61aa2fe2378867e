/* test_local_assoc.c - the local: provider's associations (both ways, with
 * filters and keys only), classes, WQL queries, root/interop and errors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test_local_util.h"

#define CIMV2 "root/cimv2"
#define INTEROP "root/interop"

/* The one instance of cls (first of an enumeration), owned by the caller. */
static MI_Instance *
first_of(const char *ns, const char *cls)
{
	struct tl_list l = { 0 };
	struct tl_final f = tl_enum(ns, cls, MI_FALSE, &l);
	MI_Instance *r;

	assert_int_equal(f.r, MI_RESULT_OK);
	assert_true(l.n > 0);
	r = l.v[0];
	l.v[0] = l.v[--l.n];
	tl_list_free(&l);
	return r;
}

static MI_Instance *
self_process(void)
{
	char me[32];

	snprintf(me, sizeof me, "%d", (int)getpid());
	return tl_key("Linux_UnixProcess", NULL, "Handle", me, NULL);
}

static const MI_Instance *
ref_of(const MI_Instance *assoc, const char *role)
{
	MI_Value v;
	MI_Type t;
	MI_Uint32 f;

	if (MI_Instance_GetElement(assoc, role, &v, &t, &f, NULL) != MI_RESULT_OK || (f & MI_FLAG_NULL) ||
		t != MI_REFERENCE)
		return NULL;
	return v.reference;
}

static void
os_and_processes(void **state)
{
	MI_Instance *os = first_of(CIMV2, "CIM_OperatingSystem"), *me = self_process();
	struct tl_list l = { 0 };
	struct tl_final f;
	char pid[32];

	snprintf(pid, sizeof pid, "%d", (int)getpid());
	f = tl_assoc(CIMV2, os, "CIM_OSProcess", NULL, NULL, NULL, MI_FALSE, &l);
	assert_int_equal(f.r, MI_RESULT_OK);
	assert_true(l.n > 1);
	assert_non_null(tl_find(&l, "Handle", pid));
	tl_list_free(&l);

	f = tl_assoc(CIMV2, me, "CIM_OSProcess", NULL, NULL, NULL, MI_FALSE, &l);
	assert_int_equal(f.r, MI_RESULT_OK);
	assert_int_equal(l.n, 1);
	assert_string_equal(tl_class(l.v[0]), "Linux_OperatingSystem");
	tl_list_free(&l);

	/* References both ways, with role filters */
	f = tl_refs(CIMV2, me, "CIM_OSProcess", "PartComponent", MI_FALSE, &l);
	assert_int_equal(f.r, MI_RESULT_OK);
	assert_int_equal(l.n, 1);
	assert_string_equal(tl_class(l.v[0]), "CIM_OSProcess");
	assert_string_equal(th_string(ref_of(l.v[0], "PartComponent"), "Handle"), pid);
	assert_string_equal(tl_class(ref_of(l.v[0], "GroupComponent")), "Linux_OperatingSystem");
	tl_list_free(&l);
	f = tl_refs(CIMV2, me, "CIM_OSProcess", "GroupComponent", MI_FALSE, &l);
	assert_int_equal(f.r, MI_RESULT_OK);
	assert_int_equal(l.n, 0);
	f = tl_refs(CIMV2, os, NULL, NULL, MI_TRUE, &l);
	assert_int_equal(f.r, MI_RESULT_OK);
	assert_true(tl_count_class(&l, "CIM_OSProcess") > 1);
	assert_int_equal(tl_count_class(&l, "CIM_InstalledOS"), 1);
	tl_list_free(&l);
	MI_Instance_Delete(os);
	MI_Instance_Delete(me);
}

static void
process_parent_and_child(void **state)
{
	MI_Instance *me = self_process(), *child_key;
	struct tl_list l = { 0 };
	struct tl_final f;
	char parent[32], child[32];
	pid_t c = fork();
	int st;

	assert_true(c >= 0);
	if (c == 0) {
		execlp("sleep", "sleep", "30", (char *)NULL);
		_exit(127);
	}
	snprintf(parent, sizeof parent, "%d", (int)getppid());
	snprintf(child, sizeof child, "%d", (int)c);
	/* my parent: I am the Dependent */
	f = tl_assoc(CIMV2, me, "Linux_ProcessParent", NULL, "Dependent", "Antecedent", MI_FALSE, &l);
	assert_int_equal(f.r, MI_RESULT_OK);
	assert_int_equal(l.n, 1);
	assert_string_equal(th_string(l.v[0], "Handle"), parent);
	tl_list_free(&l);
	/* my children: I am the Antecedent */
	f = tl_assoc(CIMV2, me, "Linux_ProcessParent", "CIM_Process", "Antecedent", NULL, MI_FALSE, &l);
	assert_int_equal(f.r, MI_RESULT_OK);
	assert_non_null(tl_find(&l, "Handle", child));
	tl_list_free(&l);
	/* from the child, its parent is me */
	child_key = tl_key("Linux_UnixProcess", CIMV2, "Handle", child, NULL);
	f = tl_assoc(CIMV2, child_key, "CIM_Dependency", NULL, "Dependent", NULL, MI_TRUE, &l);
	assert_int_equal(f.r, MI_RESULT_OK);
	assert_int_equal(l.n, 1);
	{
		char me_s[32];
		snprintf(me_s, sizeof me_s, "%d", (int)getpid());
		assert_string_equal(th_string(l.v[0], "Handle"), me_s);
	}
	tl_list_free(&l);
	kill(c, SIGKILL);
	waitpid(c, &st, 0);
	MI_Instance_Delete(child_key);
	MI_Instance_Delete(me);
}

static void
system_components_both_ways(void **state)
{
	MI_Instance *cs = first_of(CIMV2, "CIM_ComputerSystem");
	struct tl_list devs = { 0 }, l = { 0 }, fs = { 0 }, pk = { 0 }, sv = { 0 };
	struct tl_final f;
	size_t i;
	static const struct {
		const char *assoc, *part_class;
	} parts[] = {
		{ "CIM_SystemDevice", "CIM_LogicalDevice" },
		{ "CIM_HostedFileSystem", "CIM_FileSystem" },
		{ "CIM_InstalledOS", "CIM_OperatingSystem" },
		{ "CIM_InstalledSoftwareIdentity", "CIM_SoftwareIdentity" },
		{ "CIM_HostedService", "CIM_Service" },
	};

	assert_int_equal(tl_enum(CIMV2, "CIM_LogicalDevice", MI_FALSE, &devs).r, MI_RESULT_OK);
	assert_int_equal(tl_enum(CIMV2, "CIM_FileSystem", MI_FALSE, &fs).r, MI_RESULT_OK);
	assert_int_equal(tl_enum(CIMV2, "CIM_SoftwareIdentity", MI_FALSE, &pk).r, MI_RESULT_OK);
	assert_int_equal(tl_enum(CIMV2, "CIM_Service", MI_FALSE, &sv).r, MI_RESULT_OK);

	for (i = 0; i < sizeof parts / sizeof parts[0]; i++) {
		struct tl_list all = { 0 };
		size_t n;
		assert_int_equal(tl_enum(CIMV2, parts[i].part_class, MI_TRUE, &all).r, MI_RESULT_OK);
		/* system -> parts: exactly the instances of the part class */
		f = tl_assoc(CIMV2, cs, parts[i].assoc, NULL, NULL, NULL, MI_TRUE, &l);
		assert_int_equal(f.r, MI_RESULT_OK);
		assert_int_equal(l.n, all.n);
		/* references agree with associators */
		tl_list_free(&l);
		f = tl_refs(CIMV2, cs, parts[i].assoc, NULL, MI_FALSE, &l);
		assert_int_equal(f.r, MI_RESULT_OK);
		assert_int_equal(l.n, all.n);
		tl_list_free(&l);
		/* each part -> the system (checked on the first few) */
		for (n = 0; n < all.n && n < 3; n++) {
			f = tl_assoc(CIMV2, all.v[n], parts[i].assoc, "CIM_System", NULL, NULL, MI_FALSE, &l);
			assert_int_equal(f.r, MI_RESULT_OK);
			assert_int_equal(l.n, 1);
			assert_string_equal(tl_class(l.v[0]), "Linux_ComputerSystem");
			assert_string_equal(th_string(l.v[0], "Name"), th_string(cs, "Name"));
			tl_list_free(&l);
		}
		/* the association enumerated on its own */
		f = tl_enum(CIMV2, parts[i].assoc, MI_FALSE, &l);
		assert_int_equal(f.r, MI_RESULT_OK);
		assert_int_equal(l.n, all.n);
		if (l.n > 0) {
			struct tl_list one = { 0 };
			MI_Value v;
			MI_Type t;
			MI_Uint32 fl;
			assert_int_equal(MI_Instance_GetElement(l.v[0], "GroupComponent", &v, &t, &fl, NULL) == MI_RESULT_OK ||
				MI_Instance_GetElement(l.v[0], "Antecedent", &v, &t, &fl, NULL) == MI_RESULT_OK ||
				MI_Instance_GetElement(l.v[0], "System", &v, &t, &fl, NULL) == MI_RESULT_OK, 1);
			assert_int_equal(t, MI_REFERENCE);
			assert_true(fl & MI_FLAG_KEY);
			/* GetInstance of an association by its references */
			f = tl_get(CIMV2, l.v[0], &one);
			assert_int_equal(f.r, MI_RESULT_OK);
			assert_int_equal(one.n, 1);
			tl_list_free(&one);
		}
		tl_list_free(&l);
		tl_list_free(&all);
	}
	/* ResultClass and Role filters */
	f = tl_assoc(CIMV2, cs, NULL, "CIM_Processor", NULL, NULL, MI_FALSE, &l);
	assert_int_equal(f.r, MI_RESULT_OK);
	assert_int_equal(l.n, (size_t)sysconf(_SC_NPROCESSORS_ONLN));
	for (i = 0; i < l.n; i++)
		assert_string_equal(tl_class(l.v[i]), "Linux_Processor");
	tl_list_free(&l);
	f = tl_assoc(CIMV2, cs, NULL, NULL, "PartComponent", NULL, MI_FALSE, &l);
	assert_int_equal(f.r, MI_RESULT_OK);
	assert_int_equal(l.n, 0); /* the system is never the part */
	f = tl_assoc(CIMV2, cs, NULL, NULL, "GroupComponent", "PartComponent", MI_TRUE, &l);
	assert_int_equal(f.r, MI_RESULT_OK);
	assert_int_equal(l.n, devs.n + fs.n + 1);
	tl_list_free(&l);
	f = tl_assoc(CIMV2, cs, "CIM_NoSuchAssociation", NULL, NULL, NULL, MI_FALSE, &l);
	assert_int_equal(f.r, MI_RESULT_OK);
	assert_int_equal(l.n, 0);
	tl_list_free(&devs);
	tl_list_free(&fs);
	tl_list_free(&pk);
	tl_list_free(&sv);
	MI_Instance_Delete(cs);
}

static void
interop_namespace(void **state)
{
	struct tl_list l = { 0 }, r = { 0 };
	struct tl_final f = tl_enum(INTEROP, "CIM_Namespace", MI_FALSE, &l);
	MI_Operation op = MI_OPERATION_NULL;
	MI_Instance *om, *prof;
	const MI_Char *ns;

	assert_int_equal(f.r, MI_RESULT_OK);
	assert_int_equal(l.n, 2);
	assert_non_null(tl_find(&l, "Name", "root/cimv2"));
	assert_non_null(tl_find(&l, "Name", "root/interop"));
	tl_list_free(&l);

	MIX_Session_EnumerateNamespaces(&tl_g->s, 0, NULL, NULL, &op);
	f = tl_drain(&op, &l);
	assert_int_equal(f.r, MI_RESULT_OK);
	assert_int_equal(l.n, 2);
	assert_string_equal(tl_class(l.v[0]), "CIM_Namespace");
	tl_list_free(&l);

	om = first_of(INTEROP, "CIM_ObjectManager");
	f = tl_assoc(INTEROP, om, "CIM_NamespaceInManager", NULL, NULL, NULL, MI_FALSE, &l);
	assert_int_equal(f.r, MI_RESULT_OK);
	assert_int_equal(l.n, 2);
	tl_list_free(&l);

	/* profiles and what conforms to them (across namespaces) */
	f = tl_enum(INTEROP, "CIM_RegisteredProfile", MI_FALSE, &l);
	assert_int_equal(f.r, MI_RESULT_OK);
	assert_int_equal(l.n, 3);
	assert_non_null(tl_find(&l, "RegisteredName", "Profile Registration"));
	prof = NULL;
	assert_int_equal(MI_Instance_Clone(tl_find(&l, "RegisteredName", "Computer System"), &prof), MI_RESULT_OK);
	tl_list_free(&l);
	f = tl_assoc(INTEROP, prof, "CIM_ElementConformsToProfile", NULL, NULL, NULL, MI_FALSE, &l);
	assert_int_equal(f.r, MI_RESULT_OK);
	assert_int_equal(l.n, 1);
	assert_string_equal(tl_class(l.v[0]), "Linux_ComputerSystem");
	assert_int_equal(MI_Instance_GetNameSpace(l.v[0], &ns), MI_RESULT_OK);
	assert_string_equal(ns, CIMV2);
	/* and back: from the system (in root/cimv2) to its profiles, traversed in interop */
	f = tl_assoc(INTEROP, l.v[0], "CIM_ElementConformsToProfile", NULL, NULL, NULL, MI_FALSE, &r);
	assert_int_equal(f.r, MI_RESULT_OK);
	assert_int_equal(r.n, 2); /* Computer System, Software Inventory */
	tl_list_free(&r);
	tl_list_free(&l);
	f = tl_refs(INTEROP, om, NULL, NULL, MI_FALSE, &l);
	assert_int_equal(f.r, MI_RESULT_OK);
	assert_int_equal(tl_count_class(&l, "CIM_ElementConformsToProfile"), 1);
	assert_int_equal(tl_count_class(&l, "CIM_NamespaceInManager"), 2);
	tl_list_free(&l);
	MI_Instance_Delete(prof);
	MI_Instance_Delete(om);
}

/* ---- classes ---------------------------------------------------------------------------- */
static MI_Result
get_class(const char *ns, const char *name, MI_OperationOptions *o, MI_Class **out, struct tl_final *fin)
{
	MI_Operation op = MI_OPERATION_NULL;
	const MI_Class *c = NULL;
	MI_Boolean more = MI_TRUE;
	MI_Result r = MI_RESULT_OK;
	const MI_Char *msg = NULL;
	const MI_Instance *det = NULL;

	*out = NULL;
	MI_Session_GetClass(&tl_g->s, 0, o, ns, name, NULL, &op);
	while (more) {
		assert_int_equal(MI_Operation_GetClass(&op, &c, &more, &r, &msg, &det), MI_RESULT_OK);
		if (c != NULL && *out == NULL)
			assert_int_equal(MI_Class_Clone(c, out), MI_RESULT_OK);
	}
	tl_note_final(fin, r, msg, det);
	MI_Operation_Close(&op);
	return r;
}

static size_t
enum_classes(const char *ns, const char *name, int deep, MI_Boolean names_only, char names[][64], size_t max,
	MI_Result *res)
{
	MI_Operation op = MI_OPERATION_NULL;
	MI_OperationOptions o = MI_OPERATIONOPTIONS_NULL;
	const MI_Class *c;
	MI_Boolean more = MI_TRUE;
	size_t n = 0;

	assert_int_equal(MI_Application_NewOperationOptions(&tl_g->app, MI_FALSE, &o), MI_RESULT_OK);
	MI_OperationOptions_SetNumber(&o, "cimtui:DeepInheritance", (MI_Uint32)deep, 0);
	MI_Session_EnumerateClasses(&tl_g->s, 0, &o, ns, name, names_only, NULL, &op);
	while (more) {
		assert_int_equal(MI_Operation_GetClass(&op, &c, &more, res, NULL, NULL), MI_RESULT_OK);
		if (c != NULL && n < max) {
			const MI_Char *cn;
			MI_Class_GetClassName(c, &cn);
			snprintf(names[n++], 64, "%s", cn);
		}
	}
	MI_Operation_Close(&op);
	MI_OperationOptions_Delete(&o);
	return n;
}

static int
has_name(char names[][64], size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(names[i], name) == 0)
			return 1;
	return 0;
}

static void
class_operations(void **state)
{
	static char names[256][64];
	MI_Result r;
	size_t n;
	MI_Class *c;
	struct tl_final f;
	MI_Value v;
	MI_Boolean exists;
	MI_Type t;
	MI_Char *refcls;
	MI_QualifierSet qs;
	MI_Uint32 fl, idx, count;
	const MI_Char *s;
	MI_OperationOptions o = MI_OPERATIONOPTIONS_NULL;

	n = enum_classes(CIMV2, NULL, 0, MI_FALSE, names, 256, &r);
	assert_int_equal(r, MI_RESULT_OK);
	assert_true(has_name(names, n, "CIM_ManagedElement"));
	assert_true(has_name(names, n, "CIM_Component"));
	assert_false(has_name(names, n, "CIM_ManagedSystemElement"));
	n = enum_classes(CIMV2, NULL, 1, MI_TRUE, names, 256, &r);
	assert_int_equal(r, MI_RESULT_OK);
	assert_true(has_name(names, n, "Linux_UnixProcess"));
	assert_true(has_name(names, n, "CIM_OSProcess"));
	assert_false(has_name(names, n, "CIM_Namespace"));
	n = enum_classes(CIMV2, "CIM_LogicalDevice", 0, MI_FALSE, names, 256, &r);
	assert_int_equal(r, MI_RESULT_OK);
	assert_int_equal(n, 3);
	assert_true(has_name(names, n, "CIM_Processor"));
	assert_true(has_name(names, n, "CIM_StorageExtent"));
	assert_true(has_name(names, n, "CIM_LogicalPort"));
	n = enum_classes(CIMV2, "CIM_NoSuchClass", 0, MI_FALSE, names, 256, &r);
	assert_int_equal(r, MI_RESULT_INVALID_CLASS);
	n = enum_classes(INTEROP, NULL, 1, MI_TRUE, names, 256, &r);
	assert_true(has_name(names, n, "CIM_Namespace"));
	assert_true(has_name(names, n, "CIM_RegisteredProfile"));

	/* GetClass: inheritance chain, keys, qualifiers, types */
	assert_int_equal(get_class(CIMV2, "Linux_UnixProcess", NULL, &c, &f), MI_RESULT_OK);
	assert_non_null(c);
	assert_int_equal(MI_Class_GetParentClassName(c, &s), MI_RESULT_OK);
	assert_string_equal(s, "CIM_UnixProcess");
	assert_int_equal(MI_Class_GetElement(c, "Handle", &v, &exists, &t, &refcls, &qs, &fl, &idx), MI_RESULT_OK);
	assert_int_equal(t, MI_STRING);
	assert_true(fl & MI_FLAG_KEY);
	assert_int_equal(MI_QualifierSet_GetQualifier(&qs, "Key", &t, &fl, &v, &idx), MI_RESULT_OK);
	assert_int_equal(t, MI_BOOLEAN);
	assert_true(v.boolean);
	assert_int_equal(MI_QualifierSet_GetQualifier(&qs, "Description", &t, &fl, &v, &idx), MI_RESULT_OK);
	assert_int_equal(t, MI_STRING);
	assert_int_equal(MI_Class_GetElement(c, "Parameters", &v, &exists, &t, &refcls, NULL, &fl, &idx), MI_RESULT_OK);
	assert_int_equal(t, MI_STRINGA);
	assert_int_equal(MI_Class_GetElement(c, "CreationDate", &v, &exists, &t, &refcls, NULL, &fl, &idx), MI_RESULT_OK);
	assert_int_equal(t, MI_DATETIME);
	assert_int_equal(MI_Class_GetElement(c, "InstanceID", &v, &exists, &t, &refcls, NULL, &fl, &idx), MI_RESULT_OK);
	assert_int_equal(MI_Class_GetMethod(c, "RequestStateChange", NULL, NULL, &idx), MI_RESULT_OK);
	MI_Class_Delete(c);

	/* walk the superclasses up to the root */
	{
		char name[64] = "Linux_UnixProcess";
		int depth = 0;
		for (;;) {
			assert_int_equal(get_class(CIMV2, name, NULL, &c, &f), MI_RESULT_OK);
			depth++;
			if (MI_Class_GetParentClassName(c, &s) != MI_RESULT_OK) {
				MI_Class_GetClassName(c, &s);
				break;
			}
			snprintf(name, sizeof name, "%s", s);
			MI_Class_Delete(c);
		}
		assert_string_equal(s, "CIM_ManagedElement");
		assert_int_equal(depth, 7);
		MI_Class_Delete(c);
	}

	/* LocalOnly: only what the class itself defines */
	assert_int_equal(MI_Application_NewOperationOptions(&tl_g->app, MI_FALSE, &o), MI_RESULT_OK);
	MI_OperationOptions_SetNumber(&o, "cimtui:LocalOnly", 1, 0);
	assert_int_equal(get_class(CIMV2, "CIM_UnixProcess", &o, &c, &f), MI_RESULT_OK);
	assert_int_equal(MI_Class_GetElement(c, "ParentProcessID", NULL, NULL, NULL, NULL, NULL, NULL, NULL), MI_RESULT_OK);
	assert_int_equal(MI_Class_GetElement(c, "Handle", NULL, NULL, NULL, NULL, NULL, NULL, NULL), MI_RESULT_NO_SUCH_PROPERTY);
	MI_Class_Delete(c);
	MI_OperationOptions_Delete(&o);

	/* an association class */
	assert_int_equal(get_class(CIMV2, "CIM_OSProcess", NULL, &c, &f), MI_RESULT_OK);
	assert_int_equal(MI_Class_GetClassQualifierSet(c, &qs), MI_RESULT_OK);
	assert_int_equal(MI_QualifierSet_GetQualifier(&qs, "Association", &t, &fl, &v, &idx), MI_RESULT_OK);
	assert_int_equal(MI_Class_GetElement(c, "PartComponent", &v, &exists, &t, &refcls, NULL, &fl, &idx), MI_RESULT_OK);
	assert_int_equal(t, MI_REFERENCE);
	assert_string_equal(refcls, "CIM_Process");
	assert_true(fl & MI_FLAG_KEY);
	assert_int_equal(MI_Class_GetElementCount(c, &count), MI_RESULT_OK);
	assert_int_equal(count, 2);
	MI_Class_Delete(c);

	/* unknown class: NOT_FOUND with a CIM_Error */
	assert_int_equal(get_class(CIMV2, "CIM_NoSuchClass", NULL, &c, &f), MI_RESULT_NOT_FOUND);
	assert_null(c);
	assert_true(f.has_details);
	assert_int_equal(f.details_code, MI_RESULT_NOT_FOUND);
	/* a class of the other namespace is not here */
	assert_int_equal(get_class(CIMV2, "CIM_Namespace", NULL, &c, &f), MI_RESULT_NOT_FOUND);
}

/* ---- queries ------------------------------------------------------------------------------- */
static void
wql_queries(void **state)
{
	struct tl_list l = { 0 };
	struct tl_final f;
	char q[256], me[32], parent[32];
	MI_Uint32 count;
	pid_t c = fork();
	int st;

	assert_true(c >= 0);
	if (c == 0) {
		execlp("sleep", "sleep", "30", (char *)NULL);
		_exit(127);
	}
	usleep(100000);
	snprintf(me, sizeof me, "%d", (int)getpid());
	snprintf(parent, sizeof parent, "%d", (int)getppid());

	snprintf(q, sizeof q, "SELECT * FROM CIM_Process WHERE Handle = '%s'", me);
	f = tl_query(CIMV2, "WQL", q, &l);
	assert_int_equal(f.r, MI_RESULT_OK);
	assert_int_equal(l.n, 1);
	assert_string_equal(th_string(l.v[0], "ParentProcessID"), parent);
	tl_list_free(&l);

	snprintf(q, sizeof q, "select Name, ParentProcessID from Linux_UnixProcess where ParentProcessID = \"%s\" and Name like 'sl%%'", me);
	f = tl_query(CIMV2, "wql", q, &l);
	assert_int_equal(f.r, MI_RESULT_OK);
	assert_int_equal(l.n, 1);
	assert_string_equal(th_string(l.v[0], "Name"), "sleep");
	/* projection: the selected properties plus the keys */
	assert_int_equal(MI_Instance_GetElementCount(l.v[0], &count), MI_RESULT_OK);
	assert_int_equal(count, 6 + 2);
	tl_list_free(&l);

	f = tl_query(CIMV2, "WQL", "SELECT * FROM Linux_Processor WHERE CPUStatus = 1 OR CPUStatus <> 1", &l);
	assert_int_equal(f.r, MI_RESULT_OK);
	assert_int_equal(l.n, (size_t)sysconf(_SC_NPROCESSORS_ONLN));
	tl_list_free(&l);
	f = tl_query(CIMV2, "WQL", "SELECT * FROM CIM_FileSystem WHERE Name = '/' AND FileSystemSize > 0 AND ReadOnly = FALSE", &l);
	assert_int_equal(f.r, MI_RESULT_OK);
	assert_int_equal(l.n, 1);
	tl_list_free(&l);
	f = tl_query(CIMV2, "WQL", "SELECT * FROM CIM_ManagedSystemElement WHERE NOT (Name <= 'a') AND Name >= 'a' AND Name < '~'", &l);
	assert_int_equal(f.r, MI_RESULT_OK);
	assert_true(l.n > 0);
	tl_list_free(&l);
	/* Name is not a property of CIM_ManagedElement itself */
	f = tl_query(CIMV2, "WQL", "SELECT * FROM CIM_ManagedElement WHERE Name = 'x'", NULL);
	assert_int_equal(f.r, MI_RESULT_INVALID_QUERY);
	f = tl_query(CIMV2, "WQL", "SELECT * FROM Linux_UnixProcess WHERE KernelModeTime >= 0 AND WorkingSetSize != -1", &l);
	assert_int_equal(f.r, MI_RESULT_OK);
	assert_true(l.n > 1);
	tl_list_free(&l);

	/* errors */
	f = tl_query(CIMV2, "CQL", "SELECT * FROM CIM_Process", NULL);
	assert_int_equal(f.r, MI_RESULT_QUERY_LANGUAGE_NOT_SUPPORTED);
	assert_true(f.has_details);
	f = tl_query(CIMV2, "WQL", "SELECT FROM WHERE", NULL);
	assert_int_equal(f.r, MI_RESULT_INVALID_QUERY);
	assert_true(f.has_details);
	assert_int_equal(f.details_code, MI_RESULT_INVALID_QUERY);
	f = tl_query(CIMV2, "WQL", "SELECT * FROM CIM_Process WHERE Handle = ", NULL);
	assert_int_equal(f.r, MI_RESULT_INVALID_QUERY);
	f = tl_query(CIMV2, "WQL", "SELECT * FROM CIM_Process WHERE NoSuchProperty = 1", NULL);
	assert_int_equal(f.r, MI_RESULT_INVALID_QUERY);
	f = tl_query(CIMV2, "WQL", "SELECT NoSuchProperty FROM CIM_Process", NULL);
	assert_int_equal(f.r, MI_RESULT_INVALID_QUERY);
	f = tl_query(CIMV2, "WQL", "SELECT * FROM CIM_NoSuchClass", NULL);
	assert_int_equal(f.r, MI_RESULT_INVALID_CLASS);

	kill(c, SIGKILL);
	waitpid(c, &st, 0);
}

/* ---- errors --------------------------------------------------------------------------------------- */
static void
error_paths(void **state)
{
	struct tl_final f;
	MI_Operation op = MI_OPERATION_NULL;
	MI_Instance *me = self_process();

	f = tl_enum("root/nosuch", "CIM_Process", MI_FALSE, NULL);
	assert_int_equal(f.r, MI_RESULT_INVALID_NAMESPACE);
	assert_true(f.has_details);
	assert_string_equal(f.details_class, "CIM_Error");
	assert_int_equal(f.details_code, MI_RESULT_INVALID_NAMESPACE);
	f = tl_enum(CIMV2, "CIM_NoSuchClass", MI_FALSE, NULL);
	assert_int_equal(f.r, MI_RESULT_INVALID_CLASS);
	assert_true(f.has_details);
	f = tl_get(CIMV2, me, NULL);
	assert_int_equal(f.r, MI_RESULT_OK);
	f = tl_get("root/nosuch", me, NULL);
	assert_int_equal(f.r, MI_RESULT_INVALID_NAMESPACE);
	/* namespaces are case-insensitive and may use backslashes */
	f = tl_get("ROOT\\CIMV2", me, NULL);
	assert_int_equal(f.r, MI_RESULT_OK);

	MI_Session_Invoke(&tl_g->s, 0, NULL, CIMV2, "Linux_Service", "StartService", NULL, NULL, NULL, &op);
	f = tl_drain(&op, NULL);
	assert_int_equal(f.r, MI_RESULT_NOT_SUPPORTED);
	assert_true(f.has_details);
	op = (MI_Operation)MI_OPERATION_NULL;
	MI_Session_CreateInstance(&tl_g->s, 0, NULL, CIMV2, me, NULL, &op);
	assert_int_equal(tl_drain(&op, NULL).r, MI_RESULT_NOT_SUPPORTED);
	op = (MI_Operation)MI_OPERATION_NULL;
	MI_Session_ModifyInstance(&tl_g->s, 0, NULL, CIMV2, me, NULL, &op);
	assert_int_equal(tl_drain(&op, NULL).r, MI_RESULT_NOT_SUPPORTED);
	op = (MI_Operation)MI_OPERATION_NULL;
	MI_Session_DeleteInstance(&tl_g->s, 0, NULL, CIMV2, me, NULL, &op);
	assert_int_equal(tl_drain(&op, NULL).r, MI_RESULT_NOT_SUPPORTED);
	MI_Instance_Delete(me);
}

/* Cancelling mid-enumeration stops the producer cleanly (no leak, no hang). */
static void
cancel_mid_enumeration(void **state)
{
	MI_Operation op = MI_OPERATION_NULL;
	const MI_Instance *inst;
	MI_Boolean more = MI_TRUE;
	MI_Result r;
	int n = 0;

	MI_Session_EnumerateInstances(&tl_g->s, 0, NULL, CIMV2, "CIM_ManagedElement", MI_FALSE, NULL, &op);
	while (more) {
		assert_int_equal(MI_Operation_GetInstance(&op, &inst, &more, &r, NULL, NULL), MI_RESULT_OK);
		if (++n == 3)
			MI_Operation_Cancel(&op, MI_REASON_NONE);
	}
	assert_int_equal(r, MI_RESULT_FAILED);
	MI_Operation_Close(&op);
	/* and Close without draining */
	op = (MI_Operation)MI_OPERATION_NULL;
	MI_Session_EnumerateInstances(&tl_g->s, 0, NULL, CIMV2, "CIM_ManagedElement", MI_FALSE, NULL, &op);
	assert_int_equal(MI_Operation_GetInstance(&op, &inst, &more, &r, NULL, NULL), MI_RESULT_OK);
	assert_int_equal(MI_Operation_Close(&op), MI_RESULT_OK);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(os_and_processes),
		cmocka_unit_test(process_parent_and_child),
		cmocka_unit_test(system_components_both_ways),
		cmocka_unit_test(interop_namespace),
		cmocka_unit_test(class_operations),
		cmocka_unit_test(wql_queries),
		cmocka_unit_test(error_paths),
		cmocka_unit_test(cancel_mid_enumeration),
	};
	return cmocka_run_group_tests_name("local_assoc", tests, tl_setup, tl_teardown);
}
