/* test_transport.c - the scripted protocol behind test_transport.h.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "test_transport.h"
#include "model.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct script {
	long count, delay_ms, stall_after, error, details, props;
};

struct state {
	struct script s;
	long next;
};

static long produced, live, stops;

long test_transport_produced(void) { return __atomic_load_n(&produced, __ATOMIC_SEQ_CST); }
long test_transport_live(void) { return __atomic_load_n(&live, __ATOMIC_SEQ_CST); }
long test_transport_stops(void) { return __atomic_load_n(&stops, __ATOMIC_SEQ_CST); }
void test_transport_reset(void)
{
	__atomic_store_n(&produced, 0, __ATOMIC_SEQ_CST);
	__atomic_store_n(&stops, 0, __ATOMIC_SEQ_CST);
}

static long param(const char *dest, const char *name, long dflt)
{
	size_t n = strlen(name);
	for (const char *p = strchr(dest, ':'); p && *p; p = strchr(p, ';')) {
		p++;
		if (!strncmp(p, name, n) && p[n] == '=')
			return strtol(p + n + 1, NULL, 10);
	}
	return dflt;
}

static MI_Result tt_session_open(struct mix_session *s, MI_Instance **err)
{
	(void)err;
	struct script *sc = calloc(1, sizeof(*sc));
	if (!sc)
		return MI_RESULT_FAILED;
	const char *d = mix_session_destination(s);
	sc->count = param(d, "count", 3);
	sc->delay_ms = param(d, "delay_ms", 0);
	sc->stall_after = param(d, "stall_after", -1);
	sc->error = param(d, "error", 0);
	sc->details = param(d, "details", 0);
	sc->props = param(d, "props", 2);
	mix_session_set_proto_state(s, sc);
	return MI_RESULT_OK;
}

static void tt_session_close(struct mix_session *s)
{
	free(mix_session_proto_state(s));
}

static MI_Instance *make_instance(const struct script *sc, long i, const char *ns)
{
	char buf[64];
	MI_Instance *inst = mix_instance_new("TST_Item", ns);
	mix_instance_add_uint(inst, "Index", MI_UINT32, (MI_Uint64)i, MI_FLAG_KEY);
	snprintf(buf, sizeof(buf), "item-%ld", i);
	mix_instance_add_string(inst, "Name", buf, 0);
	for (long p = 2; p < sc->props; p++) {
		char name[32];
		snprintf(name, sizeof(name), "Prop%02ld", p);
		snprintf(buf, sizeof(buf), "value %ld of %ld", p, i);
		mix_instance_add_string(inst, name, buf, 0);
	}
	return inst;
}

static void finish(struct mix_op *op, const struct script *sc)
{
	if (!sc->error) {
		mix_op_post_final(op, MI_RESULT_OK, NULL, NULL);
		return;
	}
	MI_Instance *det = NULL;
	if (sc->details) {
		det = mix_instance_new("CIM_Error", "root/cimv2");
		mix_instance_add_string(det, "Message", "scripted failure", 0);
		mix_instance_add_string(det, "MessageID", "TEST0042", 0);
		mix_instance_add_string(det, "OwningEntity", "test", 0);
		mix_instance_add_uint(det, "PerceivedSeverity", MI_UINT16, 6, 0);
	}
	mix_op_post_final(op, (MI_Result)sc->error, sc->details ? NULL : "scripted failure", det);
}

/* Posts results until the queue is full, a delay is due, a stall, or the end. */
static void produce(struct mix_op *op)
{
	struct state *st = mix_op_proto_state(op);
	const struct mix_request *rq = mix_op_request(op);
	for (;;) {
		if (st->s.stall_after >= 0 && st->next >= st->s.stall_after)
			return; /* stalled: only a cancel ends this */
		if (st->next >= st->s.count) {
			finish(op, &st->s);
			return;
		}
		if (mix_op_kind_is_class(rq->kind)) {
			char name[32];
			snprintf(name, sizeof(name), "TST_Class%ld", st->next);
			MI_Class *c = mix_class_new(name, st->next ? "TST_Class0" : NULL, rq->ns);
			st->next++;
			__atomic_add_fetch(&produced, 1, __ATOMIC_SEQ_CST);
			if (mix_op_post_class(op, c) != MIX_POST_OK)
				return;
		} else {
			MI_Instance *inst = make_instance(&st->s, st->next, rq->ns);
			st->next++;
			__atomic_add_fetch(&produced, 1, __ATOMIC_SEQ_CST);
			if (mix_op_post_instance(op, inst) != MIX_POST_OK)
				return;
		}
		if (st->s.delay_ms) {
			mix_op_wake_at(op, mix_mono_ms() + (uint64_t)st->s.delay_ms);
			return;
		}
	}
}

static void tt_start(struct mix_op *op)
{
	struct state *st = calloc(1, sizeof(*st));
	st->s = *(struct script *)mix_session_proto_state(mix_op_session(op));
	if (mix_op_kind_is_single(mix_op_request(op)->kind) && st->s.count > 1)
		st->s.count = 1;
	mix_op_set_proto_state(op, st);
	__atomic_add_fetch(&live, 1, __ATOMIC_SEQ_CST);
	if (st->s.delay_ms)
		mix_op_wake_at(op, mix_mono_ms() + (uint64_t)st->s.delay_ms);
	else
		produce(op);
}

static void tt_stop(struct mix_op *op)
{
	free(mix_op_proto_state(op));
	mix_op_set_proto_state(op, NULL);
	__atomic_sub_fetch(&live, 1, __ATOMIC_SEQ_CST);
	__atomic_add_fetch(&stops, 1, __ATOMIC_SEQ_CST);
}

const struct mix_protocol test_transport = {
	.name = "TEST",
	.session_open = tt_session_open,
	.session_close = tt_session_close,
	.start = tt_start,
	.pump = produce,
	.stop = tt_stop,
};

void test_transport_register(void)
{
	mix_protocol_register(&test_transport);
}
