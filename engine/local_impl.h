/* local_impl.h - internals of the embedded provider shared by its files:
 * the class table (local_schema.c), the per-class provider interface, the
 * association description, and small helpers (local_util.c).
 *
 * Threads: everything runs on an application's engine thread; several
 * applications may run at once, so nothing here keeps mutable globals
 * except the schema tables built once under pthread_once.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef CIMTUI_ENGINE_LOCAL_IMPL_H
#define CIMTUI_ENGINE_LOCAL_IMPL_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include "mi.h"
#include "model.h"

#define LOCAL_NS_CIMV2 1u
#define LOCAL_NS_INTEROP 2u
#define LOCAL_NS_BOTH 3u
#define LOCAL_NS_CIMV2_NAME "root/cimv2"
#define LOCAL_NS_INTEROP_NAME "root/interop"

#define LOCAL_DPKG_STATUS_DEFAULT "/var/lib/dpkg/status"
#define LOCAL_OBJMGR_NAME "cimtui:local"

/* What every provider call may need; filled once per operation. */
struct local_ctx {
	const char *ns;          /* namespace of the operation, as served */
	unsigned ns_bit;         /* LOCAL_NS_CIMV2 or LOCAL_NS_INTEROP */
	char host[256];          /* host name: CSName, SystemName */
	char os_name[256];       /* Linux_OperatingSystem.Name */
	char dpkg_status[512];   /* package database path */
	int dpkg_explicit;       /* path came from CIMTUI_LOCAL_DPKG_STATUS */
	long clk_tck;
	long page_size;
	uint64_t boot_time;      /* seconds since the epoch, /proc/stat btime */
};

/* An error a provider reports: code plus message (path named when a file
 * could not be read). */
struct local_err {
	MI_Result code;
	char msg[512];
};

void local_err_set(struct local_err *err, MI_Result code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* MI_RESULT_ACCESS_DENIED with "cannot read PATH: reason". */
void local_err_file(struct local_err *err, const char *path, int errnum);

/* ---- class table ------------------------------------------------------------ */
#define LP_KEY 1u        /* Key qualifier */
#define LP_OVERRIDE 2u   /* redefines the superclass' property */

struct local_prop {
	const char *name;
	MI_Type type;
	unsigned flags;
	const char *ref_class; /* for references */
	const char *desc;
};

struct local_param {
	const char *name;
	MI_Type type;
	MI_Uint32 flags;       /* MI_FLAG_IN / MI_FLAG_OUT */
	const char *ref_class;
	const char *desc;
};

struct local_method {
	const char *name;
	MI_Type rtype;
	const char *desc;
	const struct local_param *params; /* terminated by a NULL name; may be NULL */
};

struct local_class;

/* Per concrete class: an iterator producing complete instances one at a
 * time, plus an optional direct lookup by key.  Instances may carry their
 * elements in any order; the dispatcher reshapes them to the class. */
struct local_provider {
	void *(*open)(const struct local_ctx *ctx, const struct local_class *cls, struct local_err *err);
	/* 1: *out set (owned by caller); 0: end; -1: err set */
	int (*next)(void *state, const struct local_ctx *ctx, MI_Instance **out, struct local_err *err);
	void (*close)(void *state);
	/* Optional.  1: found; 0: no such instance; -1: err set. */
	int (*get)(const struct local_ctx *ctx, const struct local_class *cls, const MI_Instance *key,
		MI_Instance **out, struct local_err *err);
};

/* A concrete association: its instances are made by iterating the
 * instances of driver_class (deep) and pointing driver_role at each, and
 * other_role at what other() returns for it (NULL: no association). */
struct local_assoc {
	const char *driver_class;
	const char *driver_role;
	const char *other_role;
	MI_Instance *(*other)(const struct local_ctx *ctx, const MI_Instance *driver);
	/* Optional: adds non-reference properties. */
	void (*extra)(const struct local_ctx *ctx, MI_Instance *assoc, const MI_Instance *driver);
};

#define LC_ABSTRACT 1u
#define LC_ASSOC 2u

struct local_class {
	const char *name;
	const char *super;
	unsigned ns;          /* LOCAL_NS_* bits */
	unsigned flags;       /* LC_* */
	const char *desc;
	const struct local_prop *props;     /* defined here; NULL name ends */
	const struct local_method *methods; /* defined here; may be NULL */
	const struct local_provider *prov;  /* element classes with instances */
	const struct local_assoc *assoc;    /* association classes with instances */
};

/* A property as seen in a class: the definition in force and where it was
 * first defined. */
struct local_flat {
	const struct local_prop *p;
	const struct local_class *origin;  /* class that defined the property first */
	const struct local_class *defined; /* class whose definition is in force */
};

size_t local_class_count(void);
const struct local_class *local_class_at(size_t i);
/* Class by name (case-insensitive) served in a namespace bit; NULL if none. */
const struct local_class *local_class_find(const char *name, unsigned ns_bit);
const struct local_class *local_class_super(const struct local_class *c);
/* Whether c is `ancestor` or derives from it. */
int local_class_isa(const struct local_class *c, const struct local_class *ancestor);
int local_class_isa_name(const struct local_class *c, const char *ancestor);
size_t local_class_props(const struct local_class *c, const struct local_flat **out);
const struct local_flat *local_class_prop(const struct local_class *c, const char *name);
/* Builds the MI_Class (owned by the caller); NULL on allocation failure. */
MI_Class *local_class_build(const struct local_class *c, const char *ns, int names_only,
	int local_only, int qualifiers, int class_origin, char **property_list);

/* Provider tables (one per file). */
extern const struct local_provider local_prov_system, local_prov_os, local_prov_proc,
	local_prov_cpu, local_prov_mem, local_prov_fs, local_prov_block, local_prov_net,
	local_prov_pkg, local_prov_svc, local_prov_namespace, local_prov_objmgr,
	local_prov_profile;
extern const struct local_assoc local_assoc_osprocess, local_assoc_hostedfs,
	local_assoc_systemdevice, local_assoc_processparent, local_assoc_installedos,
	local_assoc_installedsw, local_assoc_hostedservice, local_assoc_conforms,
	local_assoc_nsinmanager;

/* ---- helpers (local_util.c) ------------------------------------------------- */
/* Reads a whole small file with one read() into buf (NUL-terminated).
 * Returns the length, or -1 with errno set. */
ssize_t local_read_file(const char *path, char *buf, size_t size);
/* Same relative to a directory fd. */
ssize_t local_read_file_at(int dirfd, const char *path, char *buf, size_t size);
/* Reads a file of any size into a malloc'd NUL-terminated buffer. */
char *local_slurp(const char *path, size_t *len);
/* Trims trailing white space in place; returns s. */
char *local_chomp(char *s);
int local_parse_u64(const char *s, uint64_t *out);
/* The decimal number a small file relative to dirfd holds (sysfs
 * attributes); 0, or -1 when it cannot be read or is no number. */
int local_read_u64_at(int dirfd, const char *path, uint64_t *v);
/* Copies the n bytes at s into buf as a string, cut to fit size; returns
 * buf.  The field readers of the text formats end with it. */
char *local_copy_span(char *buf, size_t size, const char *s, size_t n);

/* A provider's out-of-memory report: sets err, returns -1 (what next()
 * and get() return on an error). */
int local_oom(struct local_err *err);
/* calloc for a provider's iterator state; NULL with err set. */
void *local_zalloc(size_t size, struct local_err *err);
/* Ends an instance builder: hands inst to the caller (*out, returns 1)
 * when it was made and every element was added (r == MI_RESULT_OK), else
 * deletes it and reports out of memory, the only way the adders fail. */
int local_emit(MI_Instance *inst, MI_Result r, MI_Instance **out, struct local_err *err);

MI_Result local_add_str(MI_Instance *inst, const char *name, const char *s);
MI_Result local_add_u(MI_Instance *inst, const char *name, MI_Type type, uint64_t v);
MI_Result local_add_s(MI_Instance *inst, const char *name, MI_Type type, int64_t v);
MI_Result local_add_bool(MI_Instance *inst, const char *name, int v);
MI_Result local_add_u16a(MI_Instance *inst, const char *name, const MI_Uint16 *v, MI_Uint32 n);
/* Adopts a malloc'd array of malloc'd strings. */
MI_Result local_add_stra(MI_Instance *inst, const char *name, char **v, MI_Uint32 n);
MI_Result local_add_time(MI_Instance *inst, const char *name, uint64_t sec, uint32_t usec);
MI_Result local_add_ref(MI_Instance *inst, const char *name, MI_Instance *ref /* owned */);
void local_datetime(MI_Datetime *dt, uint64_t sec, uint32_t usec);

/* Key-only references to the singletons. */
MI_Instance *local_ref_system(const struct local_ctx *ctx);
MI_Instance *local_ref_os(const struct local_ctx *ctx);
MI_Instance *local_ref_objmgr(const struct local_ctx *ctx);
/* A key-only copy of inst in its namespace, keys found from the schema. */
MI_Instance *local_ref_of(const MI_Instance *inst);
/* The OS Name used as key (PRETTY_NAME of os-release, or "Linux"). */
void local_os_name(char *buf, size_t size);
/* /proc/meminfo figures in KiB (local_mem.c); 0 or -1 with errno. */
struct local_meminfo {
	uint64_t mem_total, mem_free, mem_available, buffers, cached, swap_total, swap_free;
};
int local_meminfo_read(struct local_meminfo *m);
/* A one-instance provider's iterator state (local_util.c). */
struct local_single {
	int done;
};
void *local_single_open(const struct local_ctx *ctx, const struct local_class *cls, struct local_err *err);
void local_single_close(void *state);

/* Element value as text (scalars only); 0 on success. */
int local_value_text(const struct mix_element *e, char *buf, size_t size);
/* Key string of element `name` of inst, or NULL. */
const char *local_key_str(const MI_Instance *inst, const char *name);

#endif
