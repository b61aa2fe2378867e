/* instance.c - MI_Instance: elements, clone, delete.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "model.h"
#include "engine_internal.h"

#include <stdlib.h>
#include <string.h>

int mix_instance_valid(const MI_Instance *inst)
{
	return inst && inst->magic == MIX_INSTANCE_MAGIC;
}

MI_Instance *mix_instance_new(const char *class_name, const char *name_space)
{
	MI_Instance *inst = calloc(1, sizeof(*inst));
	if (!inst)
		return NULL;
	inst->magic = MIX_INSTANCE_MAGIC;
	inst->class_name = strdup(class_name ? class_name : "");
	inst->name_space = mix_strdup(name_space);
	if (!inst->class_name || (name_space && !inst->name_space)) {
		free(inst->class_name);
		free(inst->name_space);
		free(inst);
		return NULL;
	}
	return inst;
}

static int grow(MI_Instance *inst)
{
	if (inst->count < inst->cap)
		return 0;
	MI_Uint32 cap = inst->cap ? inst->cap * 2 : 8;
	struct mix_element *e = realloc(inst->elems, cap * sizeof(*e));
	if (!e)
		return -1;
	inst->elems = e;
	inst->cap = cap;
	return 0;
}

MI_Result mix_instance_adopt(MI_Instance *inst, const char *name, MI_Value *value,
	MI_Type type, MI_Uint32 flags)
{
	if (!mix_instance_valid(inst) || !name || (unsigned)type > 31)
		return MI_RESULT_INVALID_PARAMETER;
	if (grow(inst))
		return MI_RESULT_FAILED;
	struct mix_element *e = &inst->elems[inst->count];
	if (!(e->name = strdup(name)))
		return MI_RESULT_FAILED;
	e->type = type;
	e->flags = flags & (MI_FLAG_KEY | MI_FLAG_NULL | MI_FLAG_READONLY);
	if (!value)
		e->flags |= MI_FLAG_NULL;
	if (e->flags & MI_FLAG_NULL) {
		memset(&e->value, 0, sizeof(e->value));
		if (value)
			mix_value_free(value, type);
	} else {
		e->value = *value;
	}
	inst->count++;
	return MI_RESULT_OK;
}

struct mix_element *mix_instance_find(const MI_Instance *inst, const char *name)
{
	if (!mix_instance_valid(inst) || !name)
		return NULL;
	for (MI_Uint32 i = 0; i < inst->count; i++)
		if (mix_name_eq(inst->elems[i].name, name))
			return &inst->elems[i];
	return NULL;
}

MI_Result mix_instance_add_string(MI_Instance *inst, const char *name, const char *s, MI_Uint32 flags)
{
	MI_Value v;
	if (!s)
		return mix_instance_adopt(inst, name, NULL, MI_STRING, flags | MI_FLAG_NULL);
	if (!(v.string = strdup(s)))
		return MI_RESULT_FAILED;
	MI_Result r = mix_instance_adopt(inst, name, &v, MI_STRING, flags);
	if (r != MI_RESULT_OK)
		free(v.string);
	return r;
}

MI_Result mix_instance_add_uint(MI_Instance *inst, const char *name, MI_Type type, MI_Uint64 u, MI_Uint32 flags)
{
	MI_Value v;
	memset(&v, 0, sizeof(v));
	switch (type) {
	case MI_BOOLEAN: v.boolean = u ? MI_TRUE : MI_FALSE; break;
	case MI_UINT8: v.uint8 = (MI_Uint8)u; break;
	case MI_SINT8: v.sint8 = (MI_Sint8)u; break;
	case MI_UINT16: v.uint16 = (MI_Uint16)u; break;
	case MI_SINT16: v.sint16 = (MI_Sint16)u; break;
	case MI_UINT32: v.uint32 = (MI_Uint32)u; break;
	case MI_SINT32: v.sint32 = (MI_Sint32)u; break;
	case MI_UINT64: v.uint64 = u; break;
	case MI_SINT64: v.sint64 = (MI_Sint64)u; break;
	case MI_CHAR16: v.char16 = (MI_Char16)u; break;
	default: return MI_RESULT_INVALID_PARAMETER;
	}
	return mix_instance_adopt(inst, name, &v, type, flags);
}

/* ---- public API ------------------------------------------------------------ */

MI_Result MI_Instance_GetElementCount(const MI_Instance *self, MI_Uint32 *count)
{
	if (!mix_instance_valid(self) || !count)
		return MI_RESULT_INVALID_PARAMETER;
	*count = self->count;
	return MI_RESULT_OK;
}

static void fill_out(const struct mix_element *e, MI_Value *value, MI_Type *type, MI_Uint32 *flags)
{
	if (value) {
		if (e->flags & MI_FLAG_NULL)
			memset(value, 0, sizeof(*value));
		else
			*value = e->value;
	}
	if (type)
		*type = e->type;
	if (flags)
		*flags = e->flags;
}

MI_Result MI_Instance_GetElement(const MI_Instance *self, const MI_Char *name, MI_Value *value,
	MI_Type *type, MI_Uint32 *flags, MI_Uint32 *index)
{
	if (!mix_instance_valid(self) || !name)
		return MI_RESULT_INVALID_PARAMETER;
	struct mix_element *e = mix_instance_find(self, name);
	if (!e)
		return MI_RESULT_NO_SUCH_PROPERTY;
	fill_out(e, value, type, flags);
	if (index)
		*index = (MI_Uint32)(e - self->elems);
	return MI_RESULT_OK;
}

MI_Result MI_Instance_GetElementAt(const MI_Instance *self, MI_Uint32 index, const MI_Char **name,
	MI_Value *value, MI_Type *type, MI_Uint32 *flags)
{
	if (!mix_instance_valid(self))
		return MI_RESULT_INVALID_PARAMETER;
	if (index >= self->count)
		return MI_RESULT_NOT_FOUND;
	const struct mix_element *e = &self->elems[index];
	if (name)
		*name = e->name;
	fill_out(e, value, type, flags);
	return MI_RESULT_OK;
}

MI_Result MI_Instance_GetClassName(const MI_Instance *self, const MI_Char **className)
{
	if (!mix_instance_valid(self) || !className)
		return MI_RESULT_INVALID_PARAMETER;
	*className = self->class_name;
	return MI_RESULT_OK;
}

MI_Result MI_Instance_GetNameSpace(const MI_Instance *self, const MI_Char **nameSpace)
{
	if (!mix_instance_valid(self) || !nameSpace)
		return MI_RESULT_INVALID_PARAMETER;
	*nameSpace = self->name_space;
	return MI_RESULT_OK;
}

MI_Result MI_Instance_GetServerName(const MI_Instance *self, const MI_Char **serverName)
{
	if (!mix_instance_valid(self) || !serverName)
		return MI_RESULT_INVALID_PARAMETER;
	*serverName = self->server_name;
	return MI_RESULT_OK;
}

static MI_Result replace_string(char **slot, const char *s)
{
	char *copy = NULL;
	if (s && !(copy = strdup(s)))
		return MI_RESULT_FAILED;
	free(*slot);
	*slot = copy;
	return MI_RESULT_OK;
}

MI_Result MI_Instance_SetNameSpace(MI_Instance *self, const MI_Char *nameSpace)
{
	if (!mix_instance_valid(self))
		return MI_RESULT_INVALID_PARAMETER;
	return replace_string(&self->name_space, nameSpace);
}

MI_Result MI_Instance_SetServerName(MI_Instance *self, const MI_Char *serverName)
{
	if (!mix_instance_valid(self))
		return MI_RESULT_INVALID_PARAMETER;
	return replace_string(&self->server_name, serverName);
}

MI_Result MI_Instance_Clone(const MI_Instance *self, MI_Instance **newInstance)
{
	if (!newInstance)
		return MI_RESULT_INVALID_PARAMETER;
	*newInstance = NULL;
	if (!mix_instance_valid(self))
		return MI_RESULT_INVALID_PARAMETER;
	MI_Instance *c = mix_instance_new(self->class_name, self->name_space);
	if (!c)
		return MI_RESULT_FAILED;
	if ((self->server_name && !(c->server_name = strdup(self->server_name))) ||
	    (self->count && !(c->elems = calloc(self->count, sizeof(*c->elems)))))
		goto fail;
	c->cap = self->count;
	for (MI_Uint32 i = 0; i < self->count; i++) {
		const struct mix_element *s = &self->elems[i];
		struct mix_element *d = &c->elems[i];
		if (!(d->name = strdup(s->name)))
			goto fail;
		c->count++;
		d->type = s->type;
		d->flags = s->flags;
		if (!(s->flags & MI_FLAG_NULL) && mix_value_copy(&d->value, &s->value, s->type) != MI_RESULT_OK) {
			d->flags |= MI_FLAG_NULL;
			goto fail;
		}
	}
	*newInstance = c;
	return MI_RESULT_OK;
fail:
	MI_Instance_Delete(c);
	return MI_RESULT_FAILED;
}

MI_Result MI_Instance_Delete(MI_Instance *self)
{
	if (!mix_instance_valid(self))
		return MI_RESULT_INVALID_PARAMETER;
	for (MI_Uint32 i = 0; i < self->count; i++) {
		struct mix_element *e = &self->elems[i];
		if (!(e->flags & MI_FLAG_NULL))
			mix_value_free(&e->value, e->type);
		free(e->name);
	}
	free(self->elems);
	free(self->class_name);
	free(self->name_space);
	free(self->server_name);
	self->magic = 0;
	free(self);
	return MI_RESULT_OK;
}

/* Stores value into e (copied, or adopted with MI_FLAG_ADOPT). */
static MI_Result store(struct mix_element *e, const MI_Value *value, MI_Type type, MI_Uint32 flags)
{
	MI_Value v;
	if (!value || (flags & MI_FLAG_NULL)) {
		e->flags |= MI_FLAG_NULL;
		memset(&e->value, 0, sizeof(e->value));
		e->type = type;
		return MI_RESULT_OK;
	}
	if (flags & MI_FLAG_ADOPT)
		v = *value;
	else if (mix_value_copy(&v, value, type) != MI_RESULT_OK)
		return MI_RESULT_FAILED;
	e->value = v;
	e->type = type;
	e->flags &= ~(MI_Uint32)MI_FLAG_NULL;
	return MI_RESULT_OK;
}

MI_Result MI_Instance_AddElement(MI_Instance *self, const MI_Char *name, const MI_Value *value,
	MI_Type type, MI_Uint32 flags)
{
	if (!mix_instance_valid(self) || !name || !*name || (unsigned)type > 31)
		return MI_RESULT_INVALID_PARAMETER;
	if (mix_instance_find(self, name))
		return MI_RESULT_ALREADY_EXISTS;
	if (grow(self))
		return MI_RESULT_FAILED;
	struct mix_element *e = &self->elems[self->count];
	memset(e, 0, sizeof(*e));
	if (!(e->name = strdup(name)))
		return MI_RESULT_FAILED;
	e->flags = flags & (MI_FLAG_KEY | MI_FLAG_READONLY);
	MI_Result r = store(e, value, type, flags);
	if (r != MI_RESULT_OK) {
		free(e->name);
		return r;
	}
	self->count++;
	return MI_RESULT_OK;
}

static MI_Result set_at(struct mix_element *e, const MI_Value *value, MI_Type type, MI_Uint32 flags)
{
	struct mix_element old = *e;
	MI_Result r = store(e, value, type, flags);
	if (r != MI_RESULT_OK) {
		*e = old;
		return r;
	}
	if (!(old.flags & MI_FLAG_NULL))
		mix_value_free(&old.value, old.type);
	e->flags = (e->flags & MI_FLAG_NULL) | (flags & (MI_FLAG_KEY | MI_FLAG_READONLY)) |
		   (old.flags & MI_FLAG_KEY);
	return MI_RESULT_OK;
}

MI_Result MI_Instance_SetElement(MI_Instance *self, const MI_Char *name, const MI_Value *value,
	MI_Type type, MI_Uint32 flags)
{
	if (!mix_instance_valid(self) || !name || (unsigned)type > 31)
		return MI_RESULT_INVALID_PARAMETER;
	struct mix_element *e = mix_instance_find(self, name);
	if (!e)
		return MI_RESULT_NO_SUCH_PROPERTY;
	return set_at(e, value, type, flags);
}

MI_Result MI_Instance_SetElementAt(MI_Instance *self, MI_Uint32 index, const MI_Value *value,
	MI_Type type, MI_Uint32 flags)
{
	if (!mix_instance_valid(self) || (unsigned)type > 31)
		return MI_RESULT_INVALID_PARAMETER;
	if (index >= self->count)
		return MI_RESULT_NOT_FOUND;
	return set_at(&self->elems[index], value, type, flags);
}

MI_Result MI_Instance_ClearElement(MI_Instance *self, const MI_Char *name)
{
	if (!mix_instance_valid(self) || !name)
		return MI_RESULT_INVALID_PARAMETER;
	struct mix_element *e = mix_instance_find(self, name);
	if (!e)
		return MI_RESULT_NO_SUCH_PROPERTY;
	if (!(e->flags & MI_FLAG_NULL))
		mix_value_free(&e->value, e->type);
	memset(&e->value, 0, sizeof(e->value));
	e->flags |= MI_FLAG_NULL;
	return MI_RESULT_OK;
}
