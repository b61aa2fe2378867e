/* class.c - MI_Class and its qualifier and parameter sets.
 * Qualifier and parameter sets are views into the class: they stay valid
 * as long as the class does.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "model.h"
#include "engine_internal.h"

#include <stdlib.h>
#include <string.h>

#define QSET_MAGIC 0x51534554u /* "QSET" */
#define PSET_MAGIC 0x50534554u /* "PSET" */

int mix_class_valid(const MI_Class *c)
{
	return c && c->magic == MIX_CLASS_MAGIC;
}

/* Grows an array of `size`-byte items to hold one more. */
static void *grow_array(void *items, MI_Uint32 count, MI_Uint32 *cap, size_t size)
{
	if (count < *cap)
		return items;
	MI_Uint32 ncap = *cap ? *cap * 2 : 4;
	void *n = realloc(items, ncap * size);
	if (!n)
		return NULL;
	memset((char *)n + count * size, 0, (ncap - count) * size);
	*cap = ncap;
	return n;
}

MI_Class *mix_class_new(const char *name, const char *super_name, const char *name_space)
{
	MI_Class *c = calloc(1, sizeof(*c));
	if (!c)
		return NULL;
	c->magic = MIX_CLASS_MAGIC;
	c->name = strdup(name ? name : "");
	c->super_name = (super_name && *super_name) ? strdup(super_name) : NULL;
	c->name_space = mix_strdup(name_space);
	if (!c->name || (super_name && *super_name && !c->super_name) || (name_space && !c->name_space)) {
		MI_Class_Delete(c);
		return NULL;
	}
	return c;
}

struct mix_qualifier *mix_qualifiers_adopt(struct mix_qualifiers *q, const char *name, MI_Type type,
	MI_Value *value, MI_Uint32 flags)
{
	struct mix_qualifier *items = grow_array(q->items, q->count, &q->cap, sizeof(*items));
	if (!items)
		return NULL;
	q->items = items;
	struct mix_qualifier *x = &items[q->count];
	memset(x, 0, sizeof(*x));
	if (!(x->name = strdup(name)))
		return NULL;
	x->type = type;
	x->flags = flags;
	if (value && !(flags & MI_FLAG_NULL))
		x->value = *value;
	else
		x->flags |= MI_FLAG_NULL;
	q->count++;
	return x;
}

void mix_qualifiers_free(struct mix_qualifiers *q)
{
	for (MI_Uint32 i = 0; i < q->count; i++) {
		if (!(q->items[i].flags & MI_FLAG_NULL))
			mix_value_free(&q->items[i].value, q->items[i].type);
		free(q->items[i].name);
	}
	free(q->items);
	memset(q, 0, sizeof(*q));
}

struct mix_property *mix_class_add_property(MI_Class *c, const char *name, MI_Type type, MI_Uint32 flags)
{
	struct mix_property *p = grow_array(c->props, c->nprops, &c->props_cap, sizeof(*p));
	if (!p)
		return NULL;
	c->props = p;
	p = &c->props[c->nprops];
	memset(p, 0, sizeof(*p));
	if (!(p->name = strdup(name)))
		return NULL;
	p->type = type;
	p->flags = flags | MI_FLAG_NULL; /* no default value until one is set */
	c->nprops++;
	return p;
}

struct mix_method *mix_class_add_method(MI_Class *c, const char *name, MI_Type return_type)
{
	struct mix_method *m = grow_array(c->methods, c->nmethods, &c->methods_cap, sizeof(*m));
	if (!m)
		return NULL;
	c->methods = m;
	m = &c->methods[c->nmethods];
	memset(m, 0, sizeof(*m));
	if (!(m->name = strdup(name)))
		return NULL;
	m->return_type = return_type;
	c->nmethods++;
	return m;
}

struct mix_parameter *mix_method_add_param(struct mix_method *m, const char *name, MI_Type type, MI_Uint32 flags)
{
	struct mix_parameter *p = grow_array(m->params, m->nparams, &m->cap, sizeof(*p));
	if (!p)
		return NULL;
	m->params = p;
	p = &m->params[m->nparams];
	memset(p, 0, sizeof(*p));
	if (!(p->name = strdup(name)))
		return NULL;
	p->type = type;
	p->flags = flags;
	m->nparams++;
	return p;
}

MI_Result MI_Class_Delete(MI_Class *c)
{
	if (!mix_class_valid(c))
		return MI_RESULT_INVALID_PARAMETER;
	for (MI_Uint32 i = 0; i < c->nprops; i++) {
		struct mix_property *p = &c->props[i];
		free(p->name);
		free(p->ref_class);
		free(p->class_origin);
		if (!(p->flags & MI_FLAG_NULL))
			mix_value_free(&p->value, p->type);
		mix_qualifiers_free(&p->quals);
	}
	for (MI_Uint32 i = 0; i < c->nmethods; i++) {
		struct mix_method *m = &c->methods[i];
		for (MI_Uint32 j = 0; j < m->nparams; j++) {
			free(m->params[j].name);
			free(m->params[j].ref_class);
			mix_qualifiers_free(&m->params[j].quals);
		}
		free(m->params);
		free(m->name);
		free(m->class_origin);
		mix_qualifiers_free(&m->quals);
	}
	free(c->props);
	free(c->methods);
	mix_qualifiers_free(&c->quals);
	free(c->name);
	free(c->super_name);
	free(c->name_space);
	free(c->server_name);
	c->magic = 0;
	free(c);
	return MI_RESULT_OK;
}

static int copy_quals(struct mix_qualifiers *dst, const struct mix_qualifiers *src)
{
	for (MI_Uint32 i = 0; i < src->count; i++) {
		const struct mix_qualifier *s = &src->items[i];
		MI_Value v;
		int null = (s->flags & MI_FLAG_NULL) != 0;
		if (!null && mix_value_copy(&v, &s->value, s->type) != MI_RESULT_OK)
			return -1;
		if (!mix_qualifiers_adopt(dst, s->name, s->type, null ? NULL : &v, s->flags)) {
			if (!null)
				mix_value_free(&v, s->type);
			return -1;
		}
	}
	return 0;
}

static int dup_into(char **dst, const char *src)
{
	if (!src)
		return 0;
	*dst = strdup(src);
	return *dst ? 0 : -1;
}

MI_Result MI_Class_Clone(const MI_Class *self, MI_Class **newClass)
{
	if (!newClass)
		return MI_RESULT_INVALID_PARAMETER;
	*newClass = NULL;
	if (!mix_class_valid(self))
		return MI_RESULT_INVALID_PARAMETER;
	MI_Class *c = mix_class_new(self->name, self->super_name, self->name_space);
	if (!c || dup_into(&c->server_name, self->server_name) || copy_quals(&c->quals, &self->quals))
		goto fail;
	for (MI_Uint32 i = 0; i < self->nprops; i++) {
		const struct mix_property *s = &self->props[i];
		struct mix_property *d = mix_class_add_property(c, s->name, s->type, s->flags);
		if (!d || dup_into(&d->ref_class, s->ref_class) ||
		    dup_into(&d->class_origin, s->class_origin) || copy_quals(&d->quals, &s->quals))
			goto fail;
		d->propagated = s->propagated;
		if (!(s->flags & MI_FLAG_NULL)) {
			if (mix_value_copy(&d->value, &s->value, s->type) != MI_RESULT_OK)
				goto fail;
			d->flags = s->flags;
		}
	}
	for (MI_Uint32 i = 0; i < self->nmethods; i++) {
		const struct mix_method *s = &self->methods[i];
		struct mix_method *d = mix_class_add_method(c, s->name, s->return_type);
		if (!d || dup_into(&d->class_origin, s->class_origin) || copy_quals(&d->quals, &s->quals))
			goto fail;
		d->propagated = s->propagated;
		for (MI_Uint32 j = 0; j < s->nparams; j++) {
			const struct mix_parameter *sp = &s->params[j];
			struct mix_parameter *dp = mix_method_add_param(d, sp->name, sp->type, sp->flags);
			if (!dp || dup_into(&dp->ref_class, sp->ref_class) || copy_quals(&dp->quals, &sp->quals))
				goto fail;
		}
	}
	*newClass = c;
	return MI_RESULT_OK;
fail:
	if (c)
		MI_Class_Delete(c);
	return MI_RESULT_FAILED;
}

MI_Result MI_Class_GetClassName(const MI_Class *self, const MI_Char **className)
{
	if (!mix_class_valid(self) || !className)
		return MI_RESULT_INVALID_PARAMETER;
	*className = self->name;
	return MI_RESULT_OK;
}

MI_Result MI_Class_GetNameSpace(const MI_Class *self, const MI_Char **nameSpace)
{
	if (!mix_class_valid(self) || !nameSpace)
		return MI_RESULT_INVALID_PARAMETER;
	*nameSpace = self->name_space;
	return MI_RESULT_OK;
}

MI_Result MI_Class_GetServerName(const MI_Class *self, const MI_Char **serverName)
{
	if (!mix_class_valid(self) || !serverName)
		return MI_RESULT_INVALID_PARAMETER;
	*serverName = self->server_name;
	return MI_RESULT_OK;
}

MI_Result MI_Class_GetParentClassName(const MI_Class *self, const MI_Char **name)
{
	if (!mix_class_valid(self) || !name)
		return MI_RESULT_INVALID_PARAMETER;
	*name = self->super_name;
	return self->super_name ? MI_RESULT_OK : MI_RESULT_INVALID_SUPERCLASS;
}

MI_Result MI_Class_GetElementCount(const MI_Class *self, MI_Uint32 *count)
{
	if (!mix_class_valid(self) || !count)
		return MI_RESULT_INVALID_PARAMETER;
	*count = self->nprops;
	return MI_RESULT_OK;
}

void mix_qualifier_set_init(MI_QualifierSet *set, const struct mix_qualifiers *q)
{
	set->reserved1 = QSET_MAGIC;
	set->reserved2 = 0;
	set->ft = q;
}

static MI_Result property_out(const struct mix_property *p, const MI_Char **name, MI_Value *value,
	MI_Boolean *valueExists, MI_Type *type, MI_Char **referenceClass,
	MI_QualifierSet *qualifierSet, MI_Uint32 *flags)
{
	int has = !(p->flags & MI_FLAG_NULL);
	if (name)
		*name = p->name;
	if (value) {
		if (has)
			*value = p->value;
		else
			memset(value, 0, sizeof(*value));
	}
	if (valueExists)
		*valueExists = has ? MI_TRUE : MI_FALSE;
	if (type)
		*type = p->type;
	if (referenceClass)
		*referenceClass = p->ref_class;
	if (qualifierSet)
		mix_qualifier_set_init(qualifierSet, &p->quals);
	if (flags)
		*flags = p->flags;
	return MI_RESULT_OK;
}

MI_Result MI_Class_GetElementAt(const MI_Class *self, MI_Uint32 index, const MI_Char **name,
	MI_Value *value, MI_Boolean *valueExists, MI_Type *type, MI_Char **referenceClass,
	MI_QualifierSet *qualifierSet, MI_Uint32 *flags)
{
	if (!mix_class_valid(self))
		return MI_RESULT_INVALID_PARAMETER;
	if (index >= self->nprops)
		return MI_RESULT_NOT_FOUND;
	return property_out(&self->props[index], name, value, valueExists, type, referenceClass,
		qualifierSet, flags);
}

MI_Result MI_Class_GetElement(const MI_Class *self, const MI_Char *name, MI_Value *value,
	MI_Boolean *valueExists, MI_Type *type, MI_Char **referenceClass,
	MI_QualifierSet *qualifierSet, MI_Uint32 *flags, MI_Uint32 *index)
{
	if (!mix_class_valid(self) || !name)
		return MI_RESULT_INVALID_PARAMETER;
	for (MI_Uint32 i = 0; i < self->nprops; i++)
		if (mix_name_eq(self->props[i].name, name)) {
			if (index)
				*index = i;
			return property_out(&self->props[i], NULL, value, valueExists, type,
				referenceClass, qualifierSet, flags);
		}
	return MI_RESULT_NO_SUCH_PROPERTY;
}

MI_Result MIX_Class_GetElementOrigin(const MI_Class *self, MI_Uint32 index, const MI_Char **origin)
{
	if (!mix_class_valid(self) || !origin)
		return MI_RESULT_INVALID_PARAMETER;
	if (index >= self->nprops)
		return MI_RESULT_NOT_FOUND;
	*origin = self->props[index].class_origin;
	return MI_RESULT_OK;
}

MI_Result MI_Class_GetClassQualifierSet(const MI_Class *self, MI_QualifierSet *qualifierSet)
{
	if (!mix_class_valid(self) || !qualifierSet)
		return MI_RESULT_INVALID_PARAMETER;
	mix_qualifier_set_init(qualifierSet, &self->quals);
	return MI_RESULT_OK;
}

MI_Result MI_Class_GetMethodCount(const MI_Class *self, MI_Uint32 *count)
{
	if (!mix_class_valid(self) || !count)
		return MI_RESULT_INVALID_PARAMETER;
	*count = self->nmethods;
	return MI_RESULT_OK;
}

static void method_out(const struct mix_method *m, MI_QualifierSet *qualifierSet,
	MI_ParameterSet *parameterSet)
{
	if (qualifierSet)
		mix_qualifier_set_init(qualifierSet, &m->quals);
	if (parameterSet) {
		parameterSet->reserved1 = PSET_MAGIC;
		parameterSet->reserved2 = 0;
		parameterSet->ft = m;
	}
}

MI_Result MI_Class_GetMethodAt(const MI_Class *self, MI_Uint32 index, const MI_Char **name,
	MI_QualifierSet *qualifierSet, MI_ParameterSet *parameterSet)
{
	if (!mix_class_valid(self))
		return MI_RESULT_INVALID_PARAMETER;
	if (index >= self->nmethods)
		return MI_RESULT_NOT_FOUND;
	if (name)
		*name = self->methods[index].name;
	method_out(&self->methods[index], qualifierSet, parameterSet);
	return MI_RESULT_OK;
}

MI_Result MI_Class_GetMethod(const MI_Class *self, const MI_Char *name,
	MI_QualifierSet *qualifierSet, MI_ParameterSet *parameterSet, MI_Uint32 *index)
{
	if (!mix_class_valid(self) || !name)
		return MI_RESULT_INVALID_PARAMETER;
	for (MI_Uint32 i = 0; i < self->nmethods; i++)
		if (mix_name_eq(self->methods[i].name, name)) {
			if (index)
				*index = i;
			method_out(&self->methods[i], qualifierSet, parameterSet);
			return MI_RESULT_OK;
		}
	return MI_RESULT_METHOD_NOT_FOUND;
}

/* ---- qualifier sets ------------------------------------------------------------ */

static const struct mix_qualifiers *qset(const MI_QualifierSet *s)
{
	return (s && s->reserved1 == QSET_MAGIC && s->ft) ? s->ft : NULL;
}

MI_Result MI_QualifierSet_GetQualifierCount(const MI_QualifierSet *self, MI_Uint32 *count)
{
	const struct mix_qualifiers *q = qset(self);
	if (!q || !count)
		return MI_RESULT_INVALID_PARAMETER;
	*count = q->count;
	return MI_RESULT_OK;
}

static void qualifier_out(const struct mix_qualifier *x, MI_Type *type, MI_Uint32 *flags, MI_Value *value)
{
	if (type)
		*type = x->type;
	if (flags)
		*flags = x->flags;
	if (value) {
		if (x->flags & MI_FLAG_NULL)
			memset(value, 0, sizeof(*value));
		else
			*value = x->value;
	}
}

MI_Result MI_QualifierSet_GetQualifierAt(const MI_QualifierSet *self, MI_Uint32 index,
	const MI_Char **name, MI_Type *qualifierType, MI_Uint32 *qualifierFlags,
	MI_Value *qualifierValue)
{
	const struct mix_qualifiers *q = qset(self);
	if (!q)
		return MI_RESULT_INVALID_PARAMETER;
	if (index >= q->count)
		return MI_RESULT_NOT_FOUND;
	if (name)
		*name = q->items[index].name;
	qualifier_out(&q->items[index], qualifierType, qualifierFlags, qualifierValue);
	return MI_RESULT_OK;
}

MI_Result MI_QualifierSet_GetQualifier(const MI_QualifierSet *self, const MI_Char *name,
	MI_Type *qualifierType, MI_Uint32 *qualifierFlags, MI_Value *qualifierValue,
	MI_Uint32 *index)
{
	const struct mix_qualifiers *q = qset(self);
	if (!q || !name)
		return MI_RESULT_INVALID_PARAMETER;
	for (MI_Uint32 i = 0; i < q->count; i++)
		if (mix_name_eq(q->items[i].name, name)) {
			if (index)
				*index = i;
			qualifier_out(&q->items[i], qualifierType, qualifierFlags, qualifierValue);
			return MI_RESULT_OK;
		}
	return MI_RESULT_NOT_FOUND;
}

/* ---- parameter sets -------------------------------------------------------------- */

static const struct mix_method *pset(const MI_ParameterSet *s)
{
	return (s && s->reserved1 == PSET_MAGIC && s->ft) ? s->ft : NULL;
}

MI_Result MI_ParameterSet_GetMethodReturnType(const MI_ParameterSet *self, MI_Type *returnType,
	MI_QualifierSet *qualifierSet)
{
	const struct mix_method *m = pset(self);
	if (!m)
		return MI_RESULT_INVALID_PARAMETER;
	if (returnType)
		*returnType = m->return_type;
	if (qualifierSet)
		mix_qualifier_set_init(qualifierSet, &m->quals);
	return MI_RESULT_OK;
}

MI_Result MI_ParameterSet_GetParameterCount(const MI_ParameterSet *self, MI_Uint32 *count)
{
	const struct mix_method *m = pset(self);
	if (!m || !count)
		return MI_RESULT_INVALID_PARAMETER;
	*count = m->nparams;
	return MI_RESULT_OK;
}

MI_Result MI_ParameterSet_GetParameterAt(const MI_ParameterSet *self, MI_Uint32 index,
	const MI_Char **name, MI_Type *parameterType, MI_Char **referenceClass,
	MI_QualifierSet *qualifierSet)
{
	const struct mix_method *m = pset(self);
	if (!m)
		return MI_RESULT_INVALID_PARAMETER;
	if (index >= m->nparams)
		return MI_RESULT_NOT_FOUND;
	const struct mix_parameter *p = &m->params[index];
	if (name)
		*name = p->name;
	if (parameterType)
		*parameterType = p->type;
	if (referenceClass)
		*referenceClass = p->ref_class;
	if (qualifierSet)
		mix_qualifier_set_init(qualifierSet, &p->quals);
	return MI_RESULT_OK;
}

MI_Result MIX_ParameterSet_GetParameterFlags(const MI_ParameterSet *self, MI_Uint32 index, MI_Uint32 *flags)
{
	const struct mix_method *m = pset(self);
	if (!m || !flags)
		return MI_RESULT_INVALID_PARAMETER;
	if (index >= m->nparams)
		return MI_RESULT_NOT_FOUND;
	*flags = m->params[index].flags;
	return MI_RESULT_OK;
}
