/* format_value.c - the walks the output formats share: a value's NULL /
 * scalar / array shape, the path line of an instance, and cursors over the
 * elements of instances, classes, methods, parameters and qualifier sets.
 * What each format writes stays in its own file.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "format.h"

#include <string.h>

void fmt_value_walk(struct sbuf *b, MI_Type t, const MI_Value *v, MI_Uint32 flags, const struct fmt_value_style *st,
	fmt_scalar_fn *scalar, void *ctx)
{
	if (flags & MI_FLAG_NULL) {
		sb_puts(b, st->null);
		return;
	}
	if (!(t & MI_ARRAY)) {
		scalar(b, t, v, 0, 0, ctx);
		return;
	}
	sb_puts(b, st->open);
	for (MI_Uint32 i = 0; i < v->array.size; i++) {
		if (i)
			sb_puts(b, st->sep);
		scalar(b, t, v, 1, i, ctx);
	}
	sb_puts(b, st->close);
}

void fmt_ns_path(struct sbuf *b, const char *ns, const MI_Instance *inst)
{
	if (ns && *ns) {
		if (*ns != '/')
			sb_putc(b, '/');
		sb_puts(b, ns);
		sb_putc(b, ':');
	}
	wbem_path_format(b, inst, 0);
}

/* ---- cursors ------------------------------------------------------------------ */
void fmt_elems(struct fmt_elem *e, const MI_Instance *inst)
{
	memset(e, 0, sizeof(*e));
	e->inst = inst;
	MI_Instance_GetElementCount(inst, &e->n);
}

int fmt_elem_next(struct fmt_elem *e)
{
	while (e->pos < e->n) {
		e->i = e->pos++;
		if (MI_Instance_GetElementAt(e->inst, e->i, &e->name, &e->v, &e->t, &e->fl) == MI_RESULT_OK)
			return 1;
	}
	return 0;
}

void fmt_props(struct fmt_prop *p, const MI_Class *cls)
{
	memset(p, 0, sizeof(*p));
	p->cls = cls;
	MI_Class_GetElementCount(cls, &p->n);
}

int fmt_prop_next(struct fmt_prop *p)
{
	while (p->pos < p->n) {
		p->i = p->pos++;
		p->exists = MI_FALSE;
		p->refclass = NULL;
		memset(&p->qs, 0, sizeof(p->qs));
		p->fl = 0;
		if (MI_Class_GetElementAt(p->cls, p->i, &p->name, &p->v, &p->exists, &p->t, &p->refclass, &p->qs,
			    &p->fl) == MI_RESULT_OK)
			return 1;
	}
	return 0;
}

void fmt_methods(struct fmt_method *m, const MI_Class *cls)
{
	memset(m, 0, sizeof(*m));
	m->cls = cls;
	MI_Class_GetMethodCount(cls, &m->n);
}

int fmt_method_next(struct fmt_method *m)
{
	while (m->pos < m->n) {
		m->i = m->pos++;
		memset(&m->qs, 0, sizeof(m->qs));
		memset(&m->ps, 0, sizeof(m->ps));
		if (MI_Class_GetMethodAt(m->cls, m->i, &m->name, &m->qs, &m->ps) != MI_RESULT_OK)
			continue;
		m->rt = MI_UINT32;
		memset(&m->rq, 0, sizeof(m->rq));
		MI_ParameterSet_GetMethodReturnType(&m->ps, &m->rt, &m->rq);
		return 1;
	}
	return 0;
}

void fmt_params(struct fmt_param *p, const MI_ParameterSet *ps)
{
	memset(p, 0, sizeof(*p));
	p->ps = ps;
	MI_ParameterSet_GetParameterCount(ps, &p->n);
}

int fmt_param_next(struct fmt_param *p)
{
	while (p->pos < p->n) {
		p->i = p->pos++;
		p->refclass = NULL;
		memset(&p->qs, 0, sizeof(p->qs));
		p->fl = 0;
		if (MI_ParameterSet_GetParameterAt(p->ps, p->i, &p->name, &p->t, &p->refclass, &p->qs) != MI_RESULT_OK)
			continue;
		MIX_ParameterSet_GetParameterFlags(p->ps, p->i, &p->fl);
		return 1;
	}
	return 0;
}

void fmt_quals(struct fmt_qual *q, const MI_QualifierSet *qs)
{
	memset(q, 0, sizeof(*q));
	q->qs = qs;
	if (qs->ft)
		MI_QualifierSet_GetQualifierCount(qs, &q->n);
}

int fmt_qual_next(struct fmt_qual *q)
{
	while (q->pos < q->n) {
		q->i = q->pos++;
		if (MI_QualifierSet_GetQualifierAt(q->qs, q->i, &q->name, &q->t, &q->fl, &q->v) == MI_RESULT_OK)
			return 1;
	}
	return 0;
}

int fmt_has_qualifier(const MI_QualifierSet *qs, const char *name)
{
	MI_Type t;
	MI_Uint32 fl, idx;
	MI_Value v;
	return qs->ft && MI_QualifierSet_GetQualifier(qs, name, &t, &fl, &v, &idx) == MI_RESULT_OK;
}

int fmt_qual_bool(const MI_QualifierSet *qs, const char *name, int dflt)
{
	MI_Type t;
	MI_Uint32 fl, idx;
	MI_Value v;
	if (!qs->ft || MI_QualifierSet_GetQualifier(qs, name, &t, &fl, &v, &idx) != MI_RESULT_OK ||
	    t != MI_BOOLEAN || (fl & MI_FLAG_NULL))
		return dflt;
	return v.boolean != 0;
}
