/* local.c - the "LOCAL" protocol: dispatches MI operations to the class
 * table (local_schema.c) and the per-class providers, producing results one
 * at a time as the consumer pulls (pump posts until the queue is full).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "local.h"
#include "local_impl.h"
#include "model.h"
#include "wql.h"

/* ---- walking the instances of a class and its subclasses ------------------------- */
struct walk {
	const struct local_ctx *ctx;
	const struct local_class *root;
	size_t ci;                    /* next class table index to consider */
	const struct local_class *cur;
	void *st;                     /* provider state, or ... */
	struct walk *sub;             /* ... the driver walk of an association */
};

static void
walk_init(struct walk *w, const struct local_ctx *ctx, const struct local_class *root)
{
	memset(w, 0, sizeof *w);
	w->ctx = ctx;
	w->root = root;
}

static void
walk_close_cur(struct walk *w)
{
	if (w->sub != NULL) {
		struct walk *s = w->sub;
		w->sub = NULL;
		walk_close_cur(s);
		free(s);
	}
	if (w->st != NULL)
		w->cur->prov->close(w->st);
	w->st = NULL;
	w->cur = NULL;
}

static void
walk_close(struct walk *w)
{
	walk_close_cur(w);
}

static int walk_next(struct walk *w, MI_Instance **out, MI_Instance **driver, struct local_err *err);

/* Builds the association instance of class a for driver instance d. */
static int
assoc_build(const struct local_ctx *ctx, const struct local_class *a, const MI_Instance *d,
	MI_Instance **out, struct local_err *err)
{
	MI_Instance *other = a->assoc->other(ctx, d), *inst, *dref;

	if (other == NULL)
		return 0;
	inst = mix_instance_new(a->name, ctx->ns);
	dref = local_ref_of(d);
	if (inst == NULL || dref == NULL || local_add_ref(inst, a->assoc->driver_role, dref) != MI_RESULT_OK ||
		local_add_ref(inst, a->assoc->other_role, other) != MI_RESULT_OK) {
		if (inst == NULL || dref == NULL) {
			if (dref != NULL)
				MI_Instance_Delete(dref);
			MI_Instance_Delete(other);
		}
		if (inst != NULL)
			MI_Instance_Delete(inst);
		local_err_set(err, MI_RESULT_FAILED, "out of memory");
		return -1;
	}
	if (a->assoc->extra != NULL)
		a->assoc->extra(ctx, inst, d);
	*out = inst;
	return 1;
}

/* 1: *out (and *driver for associations, when driver is not NULL); 0: end; -1: err. */
static int
walk_next(struct walk *w, MI_Instance **out, MI_Instance **driver, struct local_err *err)
{
	for (;;) {
		int rc;
		if (w->cur == NULL) {
			const struct local_class *c = NULL;
			while ((c = local_class_at(w->ci)) != NULL) {
				w->ci++;
				if ((c->ns & w->ctx->ns_bit) && (c->prov != NULL || c->assoc != NULL) &&
					local_class_isa(c, w->root))
					break;
			}
			if (c == NULL)
				return 0;
			w->cur = c;
			if (c->prov != NULL) {
				w->st = c->prov->open(w->ctx, c, err);
				if (w->st == NULL) {
					w->cur = NULL;
					return -1;
				}
			} else {
				const struct local_class *dc = local_class_find(c->assoc->driver_class, w->ctx->ns_bit);
				w->sub = calloc(1, sizeof *w->sub);
				if (w->sub == NULL || dc == NULL) {
					free(w->sub);
					w->sub = NULL;
					w->cur = NULL;
					if (dc == NULL)
						continue;
					local_err_set(err, MI_RESULT_FAILED, "out of memory");
					return -1;
				}
				walk_init(w->sub, w->ctx, dc);
			}
		}
		if (w->cur->prov != NULL) {
			rc = w->cur->prov->next(w->st, w->ctx, out, err);
			if (rc == 1) {
				if (driver != NULL)
					*driver = NULL;
				return 1;
			}
		} else {
			MI_Instance *d;
			rc = walk_next(w->sub, &d, NULL, err);
			if (rc == 1) {
				rc = assoc_build(w->ctx, w->cur, d, out, err);
				if (rc == 1 && driver != NULL)
					*driver = d;
				else
					MI_Instance_Delete(d);
				if (rc == 0)
					continue;
				return rc;
			}
		}
		walk_close_cur(w);
		if (rc < 0)
			return -1;
	}
}

/* ---- comparing keys ------------------------------------------------------------------- */
static int refs_equal(const MI_Instance *a, const MI_Instance *b);

static int
class_compatible(const char *want, const char *have)
{
	const struct local_class *h;

	if (want == NULL || have == NULL || mix_name_eq(want, have))
		return 1;
	h = local_class_find(have, LOCAL_NS_BOTH);
	return h != NULL && local_class_isa_name(h, want);
}

static int
elems_equal(const char *name, const struct mix_element *a, const struct mix_element *b)
{
	char ta[512], tb[512];
	size_t n = strlen(name);

	if ((a->flags & MI_FLAG_NULL) || (b->flags & MI_FLAG_NULL))
		return (a->flags & MI_FLAG_NULL) && (b->flags & MI_FLAG_NULL);
	if (a->type == MI_REFERENCE || b->type == MI_REFERENCE || a->type == MI_INSTANCE || b->type == MI_INSTANCE) {
		if (a->type != b->type && !((a->type == MI_REFERENCE || a->type == MI_INSTANCE) &&
			(b->type == MI_REFERENCE || b->type == MI_INSTANCE)))
			return 0;
		return refs_equal(a->value.reference, b->value.reference);
	}
	if (local_value_text(a, ta, sizeof ta) != 0 || local_value_text(b, tb, sizeof tb) != 0)
		return 0;
	if (n >= 17 && mix_name_eq(name + n - 17, "CreationClassName"))
		return mix_name_eq(ta, tb);
	return strcmp(ta, tb) == 0;
}

/* Whether every key of `have`'s class present in `want` has the same value,
 * and at least one key was compared.  want's class may be an ancestor. */
static int
keys_match(const MI_Instance *want, const MI_Instance *have)
{
	const struct local_class *c = local_class_find(have->class_name, LOCAL_NS_BOTH);
	const struct local_flat *f;
	size_t n, i, compared = 0;

	if (c == NULL || !class_compatible(want->class_name, have->class_name))
		return 0;
	n = local_class_props(c, &f);
	for (i = 0; i < n; i++) {
		const struct mix_element *a, *b;
		if (!(f[i].p->flags & LP_KEY))
			continue;
		a = mix_instance_find(want, f[i].p->name);
		if (a == NULL)
			continue;
		b = mix_instance_find(have, f[i].p->name);
		if (b == NULL || !elems_equal(f[i].p->name, a, b))
			return 0;
		compared++;
	}
	return compared > 0;
}

static int
refs_equal(const MI_Instance *a, const MI_Instance *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	if (!class_compatible(a->class_name, b->class_name) && !class_compatible(b->class_name, a->class_name))
		return 0;
	return keys_match(a, b) || keys_match(b, a);
}

/* ---- shaping results ------------------------------------------------------------------ */
struct shape {
	const struct local_class *view;  /* only properties of this class (DeepInheritance FALSE) */
	char **plist;                    /* PropertyList, NULL = all */
	const struct wql_query *q;       /* SELECT list */
	int keys_only;
};

static int
name_in(char **list, const char *name)
{
	for (; *list != NULL; list++)
		if (mix_name_eq(*list, name))
			return 1;
	return 0;
}

/* Returns inst rebuilt in the class' property order, with NULL for the
 * properties the provider did not know, keys flagged, filtered; consumes
 * src.  NULL when out of memory. */
static MI_Instance *
shape(MI_Instance *src, const struct shape *sh)
{
	const struct local_class *c = local_class_find(src->class_name, LOCAL_NS_BOTH);
	const struct local_flat *f;
	MI_Instance *dst;
	size_t n, i;

	if (c == NULL)
		return src;
	dst = mix_instance_new(src->class_name, src->name_space);
	if (dst == NULL)
		goto fail;
	n = local_class_props(c, &f);
	for (i = 0; i < n; i++) {
		const struct local_prop *p = f[i].p;
		struct mix_element *e;
		MI_Uint32 flags = (p->flags & LP_KEY) ? MI_FLAG_KEY : 0;
		MI_Result r;

		if (!(p->flags & LP_KEY)) {
			if (sh->keys_only)
				continue;
			if (sh->view != NULL && local_class_prop(sh->view, p->name) == NULL)
				continue;
			if (sh->plist != NULL && !name_in(sh->plist, p->name))
				continue;
			if (sh->q != NULL && wql_select_count(sh->q) > 0) {
				size_t k, m = wql_select_count(sh->q);
				for (k = 0; k < m; k++)
					if (mix_name_eq(wql_select_at(sh->q, k), p->name))
						break;
				if (k == m)
					continue;
			}
		}
		e = mix_instance_find(src, p->name);
		if (e != NULL && !(e->flags & MI_FLAG_NULL)) {
			r = mix_instance_adopt(dst, p->name, &e->value, e->type, flags);
			if (r == MI_RESULT_OK)
				e->flags |= MI_FLAG_NULL; /* moved */
		} else {
			r = mix_instance_adopt(dst, p->name, NULL, p->type, flags | MI_FLAG_NULL);
		}
		if (r != MI_RESULT_OK)
			goto fail;
	}
	MI_Instance_Delete(src);
	return dst;
fail:
	if (dst != NULL)
		MI_Instance_Delete(dst);
	MI_Instance_Delete(src);
	return NULL;
}

/* ---- finding one instance by its keys ---------------------------------------------------- */
/* 1 found, 0 not found, -1 err.  Searches `cls` and its subclasses. */
static int
find_instance(const struct local_ctx *ctx, const struct local_class *cls, const MI_Instance *key,
	MI_Instance **out, struct local_err *err)
{
	size_t i;
	const struct local_class *c;

	for (i = 0; (c = local_class_at(i)) != NULL; i++) {
		struct walk w;
		MI_Instance *inst;
		int rc;

		if (!(c->ns & ctx->ns_bit) || !local_class_isa(c, cls))
			continue;
		if (c->prov != NULL && c->prov->get != NULL) {
			rc = c->prov->get(ctx, c, key, &inst, err);
			if (rc < 0)
				return -1;
			if (rc == 1) {
				if (keys_match(key, inst)) {
					*out = inst;
					return 1;
				}
				MI_Instance_Delete(inst);
			}
			continue;
		}
		if (c->prov == NULL && c->assoc == NULL)
			continue;
		/* No direct lookup: walk this one class. */
		walk_init(&w, ctx, c);
		w.ci = i;
		for (;;) {
			rc = walk_next(&w, &inst, NULL, err);
			if (rc <= 0 || w.cur != c)
				break;
			if (keys_match(key, inst)) {
				walk_close(&w);
				*out = inst;
				return 1;
			}
			MI_Instance_Delete(inst);
		}
		if (rc == 1)
			MI_Instance_Delete(inst);
		walk_close(&w);
		if (rc < 0)
			return -1;
	}
	return 0;
}

/* ---- the operation state ------------------------------------------------------------------ */
enum { POS_DRIVER, POS_OTHER };

struct assoc_task {
	const struct local_class *a;
	int pos;
};

struct lop {
	struct local_ctx ctx;
	const struct mix_request *req;
	struct shape sh;
	struct wql_query *q;
	struct walk w;
	int walking;
	size_t ci;                 /* class enumeration position */
	const struct local_class *cls;
	/* associators / references */
	struct assoc_task tasks[64];
	size_t ntasks, ti;
	const MI_Instance *source;
	const struct local_class *result_class;
};

static int
ns_bit_of(const char *ns, const char **canon)
{
	char buf[64];
	size_t i;

	if (ns == NULL)
		ns = LOCAL_NS_CIMV2_NAME;
	while (*ns == '/' || *ns == '\\')
		ns++;
	for (i = 0; ns[i] != '\0' && i + 1 < sizeof buf; i++)
		buf[i] = ns[i] == '\\' ? '/' : ns[i];
	buf[i] = '\0';
	if (mix_name_eq(buf, LOCAL_NS_CIMV2_NAME)) {
		*canon = LOCAL_NS_CIMV2_NAME;
		return LOCAL_NS_CIMV2;
	}
	if (mix_name_eq(buf, LOCAL_NS_INTEROP_NAME)) {
		*canon = LOCAL_NS_INTEROP_NAME;
		return LOCAL_NS_INTEROP;
	}
	return 0;
}

static void
ctx_init(struct local_ctx *ctx)
{
	char buf[8192], *p;
	const char *env = getenv("CIMTUI_LOCAL_DPKG_STATUS");

	memset(ctx, 0, sizeof *ctx);
	if (gethostname(ctx->host, sizeof ctx->host - 1) != 0 || ctx->host[0] == '\0')
		snprintf(ctx->host, sizeof ctx->host, "localhost");
	local_os_name(ctx->os_name, sizeof ctx->os_name);
	if (env != NULL && env[0] != '\0') {
		snprintf(ctx->dpkg_status, sizeof ctx->dpkg_status, "%s", env);
		ctx->dpkg_explicit = 1;
	} else {
		snprintf(ctx->dpkg_status, sizeof ctx->dpkg_status, "%s", LOCAL_DPKG_STATUS_DEFAULT);
	}
	ctx->clk_tck = sysconf(_SC_CLK_TCK);
	if (ctx->clk_tck <= 0)
		ctx->clk_tck = 100;
	ctx->page_size = sysconf(_SC_PAGESIZE);
	if (ctx->page_size <= 0)
		ctx->page_size = 4096;
	if (local_read_file("/proc/stat", buf, sizeof buf) > 0 && (p = strstr(buf, "\nbtime ")) != NULL)
		local_parse_u64(p + 7, &ctx->boot_time);
}

static void
lop_free(struct lop *l)
{
	if (l == NULL)
		return;
	if (l->walking)
		walk_close(&l->w);
	wql_free(l->q);
	free(l);
}

static void
finish(struct mix_op *op, MI_Result code, const char *msg)
{
	mix_op_post_final(op, code, msg, NULL);
}

static void
finish_err(struct mix_op *op, const struct local_err *err)
{
	finish(op, err->code, err->msg);
}

/* Posts inst (consumed) after shaping.  Returns MIX_POST_*; -2 out of memory. */
static int
post(struct mix_op *op, struct lop *l, MI_Instance *inst, const struct shape *sh)
{
	inst = shape(inst, sh);
	if (inst == NULL)
		return -2;
	return mix_op_post_instance(op, inst);
}

/* ---- enumerate and query --------------------------------------------------------------------- */
static void
pump_walk(struct mix_op *op, struct lop *l)
{
	struct local_err err;

	for (;;) {
		MI_Instance *inst;
		int rc = walk_next(&l->w, &inst, NULL, &err), prc;

		if (rc < 0) {
			finish_err(op, &err);
			return;
		}
		if (rc == 0) {
			finish(op, MI_RESULT_OK, NULL);
			return;
		}
		if (l->q != NULL && !wql_match(l->q, inst)) {
			MI_Instance_Delete(inst);
			continue;
		}
		prc = post(op, l, inst, &l->sh);
		if (prc == -2) {
			finish(op, MI_RESULT_FAILED, "out of memory");
			return;
		}
		if (prc != MIX_POST_OK)
			return; /* FULL: pumped again later; CLOSED: stop follows */
	}
}

static int
check_prop(const char *prop, void *ctx)
{
	return local_class_prop(ctx, prop) == NULL;
}

static void
start_query(struct mix_op *op, struct lop *l)
{
	const struct mix_request *req = l->req;
	char msg[512];
	size_t i;
	int rc;

	if (req->query_dialect == NULL || !mix_name_eq(req->query_dialect, "WQL")) {
		snprintf(msg, sizeof msg, "query language '%s' is not supported (use WQL)",
			req->query_dialect ? req->query_dialect : "");
		finish(op, MI_RESULT_QUERY_LANGUAGE_NOT_SUPPORTED, msg);
		return;
	}
	rc = wql_parse(req->query, &l->q, msg, sizeof msg);
	if (rc == -2) {
		finish(op, MI_RESULT_FAILED, "out of memory");
		return;
	}
	if (rc != 0) {
		char full[700];
		snprintf(full, sizeof full, "invalid WQL query: %s", msg);
		finish(op, MI_RESULT_INVALID_QUERY, full);
		return;
	}
	l->cls = local_class_find(wql_class(l->q), l->ctx.ns_bit);
	if (l->cls == NULL) {
		snprintf(msg, sizeof msg, "class %s does not exist in namespace %s", wql_class(l->q), l->ctx.ns);
		finish(op, MI_RESULT_INVALID_CLASS, msg);
		return;
	}
	for (i = 0; i < wql_select_count(l->q); i++)
		if (local_class_prop(l->cls, wql_select_at(l->q, i)) == NULL) {
			snprintf(msg, sizeof msg, "invalid WQL query: class %s has no property %s", l->cls->name,
				wql_select_at(l->q, i));
			finish(op, MI_RESULT_INVALID_QUERY, msg);
			return;
		}
	if (wql_where_foreach(l->q, check_prop, (void *)l->cls) != 0) {
		snprintf(msg, sizeof msg, "invalid WQL query: the WHERE clause names a property class %s does not have",
			l->cls->name);
		finish(op, MI_RESULT_INVALID_QUERY, msg);
		return;
	}
	l->sh.q = l->q;
	walk_init(&l->w, &l->ctx, l->cls);
	l->walking = 1;
	pump_walk(op, l);
}

/* ---- classes ------------------------------------------------------------------------------------ */
static void
pump_classes(struct mix_op *op, struct lop *l)
{
	const struct mix_request *req = l->req;
	const struct local_class *c;

	while ((c = local_class_at(l->ci)) != NULL) {
		int want;
		l->ci++;
		if (!(c->ns & l->ctx.ns_bit) || c == l->cls)
			continue;
		if (l->cls == NULL)
			want = req->deep_inheritance || c->super == NULL;
		else if (req->deep_inheritance)
			want = local_class_isa(c, l->cls);
		else
			want = local_class_super(c) == l->cls;
		if (want) {
			MI_Class *k = local_class_build(c, l->ctx.ns, req->class_names_only, req->local_only,
				req->include_qualifiers, req->include_class_origin, NULL);
			if (k == NULL) {
				finish(op, MI_RESULT_FAILED, "out of memory");
				return;
			}
			if (mix_op_post_class(op, k) != MIX_POST_OK)
				return;
		}
	}
	finish(op, MI_RESULT_OK, NULL);
}

/* ---- associations -------------------------------------------------------------------------------- */
static const struct local_prop *
ref_prop(const struct local_class *a, const char *role)
{
	const struct local_flat *f = local_class_prop(a, role);

	return f != NULL ? f->p : NULL;
}

static void
plan_assoc(struct lop *l, const struct local_class *src_cls, const struct local_class *filter)
{
	const struct mix_request *req = l->req;
	int refs = req->kind == MIX_OP_REFERENCES;
	const char *result_role = refs ? NULL : req->result_role;
	size_t i;
	const struct local_class *a;

	for (i = 0; (a = local_class_at(i)) != NULL; i++) {
		const struct local_assoc *as = a->assoc;
		int pos;
		if (as == NULL || !(a->ns & l->ctx.ns_bit))
			continue;
		if (filter != NULL && !local_class_isa(a, filter))
			continue;
		for (pos = POS_DRIVER; pos <= POS_OTHER; pos++) {
			const char *mine = pos == POS_DRIVER ? as->driver_role : as->other_role;
			const char *theirs = pos == POS_DRIVER ? as->other_role : as->driver_role;
			const struct local_prop *mp = ref_prop(a, mine), *tp = ref_prop(a, theirs);
			const struct local_class *rc;
			if (req->role != NULL && !mix_name_eq(req->role, mine))
				continue;
			if (result_role != NULL && !mix_name_eq(result_role, theirs))
				continue;
			if (mp == NULL || !local_class_isa_name(src_cls, mp->ref_class))
				continue;
			if (pos == POS_DRIVER && !local_class_isa_name(src_cls, as->driver_class))
				continue;
			/* Could the other end be of the result class at all? */
			if (!refs && l->result_class != NULL && tp != NULL) {
				rc = local_class_find(tp->ref_class, LOCAL_NS_BOTH);
				if (rc != NULL && !local_class_isa(rc, l->result_class) &&
					!local_class_isa(l->result_class, rc))
					continue;
			}
			if (l->ntasks < sizeof l->tasks / sizeof l->tasks[0]) {
				l->tasks[l->ntasks].a = a;
				l->tasks[l->ntasks].pos = pos;
				l->ntasks++;
			}
		}
	}
}

/* Posts the result for one association instance: the association itself
 * (References) or the far end `far` (Associators; consumed). */
static int
post_assoc_result(struct mix_op *op, struct lop *l, MI_Instance *assoc, MI_Instance *far)
{
	if (l->req->kind == MIX_OP_REFERENCES) {
		if (far != NULL)
			MI_Instance_Delete(far);
		return post(op, l, assoc, &l->sh);
	}
	MI_Instance_Delete(assoc);
	if (far == NULL)
		return MIX_POST_OK;
	if (l->result_class != NULL) {
		const struct local_class *fc = local_class_find(far->class_name, LOCAL_NS_BOTH);
		if (fc == NULL || !local_class_isa(fc, l->result_class)) {
			MI_Instance_Delete(far);
			return MIX_POST_OK;
		}
	}
	return post(op, l, far, &l->sh);
}

/* Source at the driver end: look the driver up, then the far end. */
static int
run_driver_task(struct mix_op *op, struct lop *l, const struct local_class *a, struct local_err *err)
{
	const struct local_class *dc = local_class_find(a->assoc->driver_class, l->ctx.ns_bit);
	MI_Instance *d = NULL, *assoc = NULL, *far = NULL;
	int rc;

	if (dc == NULL)
		return MIX_POST_OK;
	rc = find_instance(&l->ctx, dc, l->source, &d, err);
	if (rc <= 0)
		return rc < 0 ? -1 : MIX_POST_OK;
	rc = assoc_build(&l->ctx, a, d, &assoc, err);
	if (rc <= 0) {
		MI_Instance_Delete(d);
		return rc < 0 ? -1 : MIX_POST_OK;
	}
	if (l->req->kind == MIX_OP_ASSOCIATORS) {
		const struct mix_element *e = mix_instance_find(assoc, a->assoc->other_role);
		const MI_Instance *ref = e != NULL && !(e->flags & MI_FLAG_NULL) ? e->value.reference : NULL;
		if (ref != NULL) {
			struct local_ctx c2 = l->ctx;
			const char *canon;
			const struct local_class *fc;
			c2.ns_bit = (unsigned)ns_bit_of(ref->name_space != NULL ? ref->name_space : l->ctx.ns, &canon);
			c2.ns = canon;
			fc = c2.ns_bit ? local_class_find(ref->class_name, c2.ns_bit) : NULL;
			if (fc != NULL && find_instance(&c2, fc, ref, &far, err) < 0) {
				MI_Instance_Delete(d);
				MI_Instance_Delete(assoc);
				return -1;
			}
		}
	}
	MI_Instance_Delete(d);
	return post_assoc_result(op, l, assoc, far);
}

static void
pump_assoc(struct mix_op *op, struct lop *l)
{
	struct local_err err;
	int prc;

	while (l->ti < l->ntasks) {
		const struct assoc_task *t = &l->tasks[l->ti];
		if (t->pos == POS_DRIVER) {
			l->ti++;
			prc = run_driver_task(op, l, t->a, &err);
			if (prc == -1) {
				finish_err(op, &err);
				return;
			}
			if (prc == -2) {
				finish(op, MI_RESULT_FAILED, "out of memory");
				return;
			}
			if (prc != MIX_POST_OK)
				return;
			continue;
		}
		/* Source at the other end: walk the association's instances. */
		if (!l->walking) {
			walk_init(&l->w, &l->ctx, t->a);
			l->w.ci = (size_t)0;
			l->walking = 1;
		}
		for (;;) {
			MI_Instance *assoc, *d;
			const struct mix_element *e;
			int rc = walk_next(&l->w, &assoc, &d, &err);
			if (rc < 0) {
				finish_err(op, &err);
				return;
			}
			if (rc == 0 || l->w.cur != t->a) {
				if (rc == 1) {
					MI_Instance_Delete(assoc);
					if (d != NULL)
						MI_Instance_Delete(d);
				}
				walk_close(&l->w);
				l->walking = 0;
				l->ti++;
				break;
			}
			e = mix_instance_find(assoc, t->a->assoc->other_role);
			if (e == NULL || (e->flags & MI_FLAG_NULL) || !refs_equal(l->source, e->value.reference)) {
				MI_Instance_Delete(assoc);
				if (d != NULL)
					MI_Instance_Delete(d);
				continue;
			}
			prc = post_assoc_result(op, l, assoc, d);
			if (prc == -2) {
				finish(op, MI_RESULT_FAILED, "out of memory");
				return;
			}
			if (prc != MIX_POST_OK)
				return;
		}
	}
	finish(op, MI_RESULT_OK, NULL);
}

static void
start_assoc(struct mix_op *op, struct lop *l)
{
	const struct mix_request *req = l->req;
	const struct local_class *src, *filter = NULL;
	const char *fname = req->kind == MIX_OP_REFERENCES ? req->result_class : req->assoc_class;
	char msg[400];

	l->source = req->instance;
	if (l->source == NULL || l->source->class_name == NULL) {
		finish(op, MI_RESULT_INVALID_PARAMETER, "no source instance");
		return;
	}
	src = local_class_find(l->source->class_name, LOCAL_NS_BOTH);
	if (src == NULL) {
		snprintf(msg, sizeof msg, "class %s does not exist", l->source->class_name);
		finish(op, MI_RESULT_INVALID_CLASS, msg);
		return;
	}
	if (fname != NULL && (filter = local_class_find(fname, l->ctx.ns_bit)) == NULL) {
		finish(op, MI_RESULT_OK, NULL); /* no such association class: nothing associated */
		return;
	}
	if (req->kind == MIX_OP_ASSOCIATORS && req->result_class != NULL &&
		(l->result_class = local_class_find(req->result_class, LOCAL_NS_BOTH)) == NULL) {
		finish(op, MI_RESULT_OK, NULL);
		return;
	}
	if (req->kind == MIX_OP_REFERENCES && !req->keys_only)
		l->sh.keys_only = 0;
	plan_assoc(l, src, filter);
	l->walking = 0;
	pump_assoc(op, l);
}

/* ---- the protocol ----------------------------------------------------------------------------- */
static MI_Result
local_session_open(struct mix_session *s, MI_Instance **err)
{
	return MI_RESULT_OK;
}

static void
local_session_close(struct mix_session *s)
{
}

static void
start_get(struct mix_op *op, struct lop *l)
{
	const MI_Instance *key = l->req->instance;
	const struct local_class *c;
	struct local_err err;
	MI_Instance *inst;
	char msg[600];
	int rc;

	if (key == NULL || key->class_name == NULL) {
		finish(op, MI_RESULT_INVALID_PARAMETER, "no instance name");
		return;
	}
	c = local_class_find(key->class_name, l->ctx.ns_bit);
	if (c == NULL) {
		snprintf(msg, sizeof msg, "class %s does not exist in namespace %s", key->class_name, l->ctx.ns);
		finish(op, MI_RESULT_INVALID_CLASS, msg);
		return;
	}
	rc = find_instance(&l->ctx, c, key, &inst, &err);
	if (rc < 0) {
		finish_err(op, &err);
		return;
	}
	if (rc == 0) {
		const struct mix_element *h = mix_instance_find(key, "Handle");
		char t[64];
		if (h != NULL && local_value_text(h, t, sizeof t) == 0)
			snprintf(msg, sizeof msg, "no instance of %s with Handle %s (the process may have exited)",
				key->class_name, t);
		else
			snprintf(msg, sizeof msg, "no instance of %s with the given keys", key->class_name);
		finish(op, MI_RESULT_NOT_FOUND, msg);
		return;
	}
	rc = post(op, l, inst, &l->sh);
	if (rc == -2)
		finish(op, MI_RESULT_FAILED, "out of memory");
	else
		finish(op, MI_RESULT_OK, NULL);
}

static void
local_start(struct mix_op *op)
{
	const struct mix_request *req = mix_op_request(op);
	struct lop *l;
	const char *canon = NULL;
	char msg[300];
	unsigned bit;

	switch (req->kind) {
	case MIX_OP_INVOKE:
	case MIX_OP_CREATE_INSTANCE:
	case MIX_OP_MODIFY_INSTANCE:
	case MIX_OP_DELETE_INSTANCE:
		finish(op, MI_RESULT_NOT_SUPPORTED, "the local provider is read-only: this operation is not supported");
		return;
	default:
		break;
	}
	bit = (unsigned)ns_bit_of(req->kind == MIX_OP_ENUMERATE_NAMESPACES ? LOCAL_NS_INTEROP_NAME : req->ns, &canon);
	if (bit == 0) {
		snprintf(msg, sizeof msg, "namespace %s does not exist (local: serves %s and %s)", req->ns,
			LOCAL_NS_CIMV2_NAME, LOCAL_NS_INTEROP_NAME);
		finish(op, MI_RESULT_INVALID_NAMESPACE, msg);
		return;
	}
	l = calloc(1, sizeof *l);
	if (l == NULL) {
		finish(op, MI_RESULT_FAILED, "out of memory");
		return;
	}
	ctx_init(&l->ctx);
	l->ctx.ns = canon;
	l->ctx.ns_bit = bit;
	l->req = req;
	l->sh.plist = req->property_list;
	l->sh.keys_only = req->keys_only;
	mix_op_set_proto_state(op, l);

	switch (req->kind) {
	case MIX_OP_ENUMERATE_INSTANCES:
		l->cls = req->class_name ? local_class_find(req->class_name, bit) : NULL;
		if (l->cls == NULL) {
			snprintf(msg, sizeof msg, "class %s does not exist in namespace %s",
				req->class_name ? req->class_name : "(none)", canon);
			finish(op, MI_RESULT_INVALID_CLASS, msg);
			return;
		}
		if (!req->deep_inheritance)
			l->sh.view = l->cls;
		walk_init(&l->w, &l->ctx, l->cls);
		l->walking = 1;
		pump_walk(op, l);
		return;
	case MIX_OP_ENUMERATE_NAMESPACES:
		l->cls = local_class_find("CIM_Namespace", LOCAL_NS_INTEROP);
		walk_init(&l->w, &l->ctx, l->cls);
		l->walking = 1;
		pump_walk(op, l);
		return;
	case MIX_OP_QUERY_INSTANCES:
		start_query(op, l);
		return;
	case MIX_OP_GET_INSTANCE:
		start_get(op, l);
		return;
	case MIX_OP_ASSOCIATORS:
	case MIX_OP_REFERENCES:
		start_assoc(op, l);
		return;
	case MIX_OP_GET_CLASS: {
		const struct local_class *c = req->class_name ? local_class_find(req->class_name, bit) : NULL;
		MI_Class *k;
		if (c == NULL) {
			snprintf(msg, sizeof msg, "class %s does not exist in namespace %s",
				req->class_name ? req->class_name : "(none)", canon);
			finish(op, MI_RESULT_NOT_FOUND, msg);
			return;
		}
		k = local_class_build(c, canon, 0, req->local_only, req->include_qualifiers,
			req->include_class_origin, req->property_list);
		if (k == NULL) {
			finish(op, MI_RESULT_FAILED, "out of memory");
			return;
		}
		mix_op_post_class(op, k);
		finish(op, MI_RESULT_OK, NULL);
		return;
	}
	case MIX_OP_ENUMERATE_CLASSES:
		if (req->class_name != NULL && (l->cls = local_class_find(req->class_name, bit)) == NULL) {
			snprintf(msg, sizeof msg, "class %s does not exist in namespace %s", req->class_name, canon);
			finish(op, MI_RESULT_INVALID_CLASS, msg);
			return;
		}
		pump_classes(op, l);
		return;
	default:
		finish(op, MI_RESULT_NOT_SUPPORTED, "operation not supported by the local provider");
		return;
	}
}

static void
local_pump(struct mix_op *op)
{
	struct lop *l = mix_op_proto_state(op);

	if (l == NULL)
		return;
	switch (l->req->kind) {
	case MIX_OP_ENUMERATE_INSTANCES:
	case MIX_OP_ENUMERATE_NAMESPACES:
	case MIX_OP_QUERY_INSTANCES:
		pump_walk(op, l);
		break;
	case MIX_OP_ASSOCIATORS:
	case MIX_OP_REFERENCES:
		pump_assoc(op, l);
		break;
	case MIX_OP_ENUMERATE_CLASSES:
		pump_classes(op, l);
		break;
	default:
		break;
	}
}

static void
local_stop(struct mix_op *op)
{
	lop_free(mix_op_proto_state(op));
	mix_op_set_proto_state(op, NULL);
}

const struct mix_protocol mix_protocol_local = {
	"LOCAL", local_session_open, local_session_close, local_start, local_pump, local_stop
};
