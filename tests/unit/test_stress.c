/* test_stress.c - many operations opened, partly consumed, cancelled or
 * closed at random from two threads; and a million results pulled slowly
 * with flat memory.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "test_helpers.h"
#include "test_transport.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>

#if defined(__SANITIZE_ADDRESS__)
/* Keep ASan's quarantine of freed blocks small so that RSS measures us. */
const char *__asan_default_options(void);
const char *__asan_default_options(void) { return "quarantine_size_mb=4:detect_leaks=1"; }
#endif

static long env_long(const char *name, long dflt)
{
	const char *v = getenv(name);
	return v && *v ? strtol(v, NULL, 10) : dflt;
}

struct worker {
	MI_Session *session;
	unsigned seed;
	int ops;
	MI_Operation *shared; /* ops the other thread may cancel */
	int nshared;
};

static void *stress_worker(void *arg)
{
	struct worker *w = arg;
	for (int i = 0; i < w->ops; i++) {
		MI_Operation op = MI_OPERATION_NULL;
		MI_Session_EnumerateInstances(w->session, 0, NULL, "root/test", "TST_Item", MI_FALSE, NULL, &op);
		int action = rand_r(&w->seed) % 4;
		int pulls = rand_r(&w->seed) % 40;
		/* publish it so the other thread can cancel it at any moment */
		w->shared[i % w->nshared] = op;
		for (int k = 0; k < pulls; k++) {
			const MI_Instance *inst;
			MI_Boolean more = MI_FALSE;
			MI_Result res;
			if (MI_Operation_GetInstance(&op, &inst, &more, &res, NULL, NULL) != MI_RESULT_OK || !more)
				break;
		}
		if (action == 0)
			MI_Operation_Cancel(&op, MI_REASON_NONE);
		if (action <= 1) { /* drain to the end */
			MI_Boolean more = MI_TRUE;
			while (more) {
				const MI_Instance *inst;
				MI_Result res;
				if (MI_Operation_GetInstance(&op, &inst, &more, &res, NULL, NULL) != MI_RESULT_OK)
					break;
			}
		}
		MI_Operation_Close(&op); /* 2, 3: close in the middle */
	}
	return NULL;
}

struct chaos {
	struct worker *victim;
	volatile int stop;
	unsigned seed;
};

/* Cancels (or tries to, with possibly stale handles) the other thread's ops. */
static void *chaos_thread(void *arg)
{
	struct chaos *c = arg;
	while (!c->stop) {
		MI_Operation op = c->victim->shared[rand_r(&c->seed) % c->victim->nshared];
		MI_Operation_Cancel(&op, MI_REASON_NONE); /* 0 or 4, never a crash */
		th_sleep_ms(1);
	}
	return NULL;
}

static void thousand_operations_two_threads(void **state)
{
	(void)state;
	MI_Application app = MI_APPLICATION_NULL;
	MI_Session s1 = MI_SESSION_NULL, s2 = MI_SESSION_NULL;
	test_transport_register();
	assert_int_equal(MI_Application_Initialize(0, NULL, NULL, &app), MI_RESULT_OK);
	assert_int_equal(MI_Application_NewSession(&app, "TEST", "test:count=60;props=5", NULL, NULL, NULL, &s1), MI_RESULT_OK);
	assert_int_equal(MI_Application_NewSession(&app, "TEST", "test:count=500;stall_after=30", NULL, NULL, NULL, &s2), MI_RESULT_OK);
	int per = (int)env_long("CIMTUI_STRESS_OPS", 1000) / 2;
	MI_Operation sh1[16], sh2[16];
	memset(sh1, 0, sizeof(sh1));
	memset(sh2, 0, sizeof(sh2));
	struct worker w1 = { &s1, 1, per, sh1, 16 }, w2 = { &s2, 2, per, sh2, 16 };
	struct chaos c1 = { &w2, 0, 3 }, c2 = { &w1, 0, 4 };
	pthread_t t1, t2, x1, x2;
	pthread_create(&t1, NULL, stress_worker, &w1);
	pthread_create(&t2, NULL, stress_worker, &w2);
	pthread_create(&x1, NULL, chaos_thread, &c1);
	pthread_create(&x2, NULL, chaos_thread, &c2);
	pthread_join(t1, NULL);
	pthread_join(t2, NULL);
	c1.stop = c2.stop = 1;
	pthread_join(x1, NULL);
	pthread_join(x2, NULL);
	uint64_t t0 = th_now_ms();
	while (test_transport_live() && th_now_ms() - t0 < 5000)
		th_sleep_ms(5);
	assert_int_equal(test_transport_live(), 0);
	assert_int_equal(MI_Session_Close(&s1, NULL, NULL), MI_RESULT_OK);
	assert_int_equal(MI_Session_Close(&s2, NULL, NULL), MI_RESULT_OK);
	assert_int_equal(MI_Application_Close(&app), MI_RESULT_OK);
}

static long peak_rss_kb(void)
{
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_maxrss;
}

static void million_results_flat_memory(void **state)
{
	(void)state;
	long n = env_long("CIMTUI_BIG_COUNT", 1000000);
	char dest[96];
	snprintf(dest, sizeof(dest), "test:count=%ld;props=20", n);
	MI_Application app = MI_APPLICATION_NULL;
	MI_Session s = MI_SESSION_NULL;
	test_transport_register();
	assert_int_equal(MI_Application_Initialize(0, NULL, NULL, &app), MI_RESULT_OK);
	assert_int_equal(MI_Application_NewSession(&app, "TEST", dest, NULL, NULL, NULL, &s), MI_RESULT_OK);
	long before = peak_rss_kb();
	MI_Operation op = MI_OPERATION_NULL;
	MI_Session_EnumerateInstances(&s, 0, NULL, "root/test", "TST_Item", MI_FALSE, NULL, &op);
	long count = 0;
	MI_Boolean more = MI_TRUE;
	MI_Result res = 99;
	while (more) {
		const MI_Instance *inst;
		assert_int_equal(MI_Operation_GetInstance(&op, &inst, &more, &res, NULL, NULL), MI_RESULT_OK);
		if (inst) {
			count++;
			if (count % 50000 == 0)
				th_sleep_ms(20); /* a slow consumer: the producer must wait, not pile up */
		}
	}
	assert_int_equal(res, MI_RESULT_OK);
	assert_int_equal(count, n);
	long after = peak_rss_kb();
	print_message("# %ld results of 20 properties: peak RSS %ld KiB (was %ld KiB before)\n", n, after, before);
	if (getenv("CIMTUI_TEST_QUICK"))
		assert_true(after - before < 64 * 1024); /* under valgrind: its own memory is the baseline */
	else
		assert_true(after < 64 * 1024);
	assert_int_equal(MI_Operation_Close(&op), MI_RESULT_OK);
	assert_int_equal(MI_Session_Close(&s, NULL, NULL), MI_RESULT_OK);
	assert_int_equal(MI_Application_Close(&app), MI_RESULT_OK);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(thousand_operations_two_threads),
		cmocka_unit_test(million_results_flat_memory),
	};
	return cmocka_run_group_tests_name("stress", tests, NULL, NULL);
}
