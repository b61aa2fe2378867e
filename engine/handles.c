/* handles.c - the registry behind MI handles.
 * A handle holds an id, never a bare pointer that could dangle: looking
 * the id up under one lock and taking a reference makes every call on a
 * stale, zeroed or forged handle a clean MI_RESULT_INVALID_PARAMETER.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "engine_internal.h"

#include <pthread.h>
#include <stdlib.h>

const int mix_handle_ft_marker = 0x4d49;

#define BUCKETS 1024u

struct entry {
	struct entry *next;
	struct mix_obj *obj;
};

static pthread_mutex_t reg_lock = PTHREAD_MUTEX_INITIALIZER;
static struct entry *buckets[BUCKETS];
static uint64_t next_id = 1;

uint64_t mix_handle_register(struct mix_obj *o, enum mix_obj_kind kind, void (*destroy)(struct mix_obj *))
{
	struct entry *e = malloc(sizeof(*e));
	if (!e)
		return 0;
	o->kind = kind;
	o->destroy = destroy;
	__atomic_store_n(&o->refs, 1, __ATOMIC_SEQ_CST); /* the registry's reference */
	pthread_mutex_lock(&reg_lock);
	o->id = next_id++;
	e->obj = o;
	e->next = buckets[o->id % BUCKETS];
	buckets[o->id % BUCKETS] = e;
	pthread_mutex_unlock(&reg_lock);
	return o->id;
}

struct mix_obj *mix_handle_acquire(uint64_t id, enum mix_obj_kind kind)
{
	struct mix_obj *found = NULL;
	if (!id)
		return NULL;
	pthread_mutex_lock(&reg_lock);
	for (struct entry *e = buckets[id % BUCKETS]; e; e = e->next)
		if (e->obj->id == id) {
			if (e->obj->kind == kind) {
				found = e->obj;
				mix_obj_ref(found);
			}
			break;
		}
	pthread_mutex_unlock(&reg_lock);
	return found;
}

struct mix_obj *mix_handle_unregister(uint64_t id, enum mix_obj_kind kind)
{
	struct mix_obj *found = NULL;
	if (!id)
		return NULL;
	pthread_mutex_lock(&reg_lock);
	for (struct entry **pe = &buckets[id % BUCKETS]; *pe; pe = &(*pe)->next)
		if ((*pe)->obj->id == id && (*pe)->obj->kind == kind) {
			struct entry *e = *pe;
			found = e->obj;
			*pe = e->next;
			free(e);
			break;
		}
	pthread_mutex_unlock(&reg_lock);
	return found;
}

void mix_obj_ref(struct mix_obj *o)
{
	__atomic_add_fetch(&o->refs, 1, __ATOMIC_SEQ_CST);
}

void mix_obj_unref(struct mix_obj *o)
{
	if (o && __atomic_sub_fetch(&o->refs, 1, __ATOMIC_SEQ_CST) == 0)
		o->destroy(o);
}
