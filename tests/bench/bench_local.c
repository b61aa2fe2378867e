/* bench_local.c - enumerates every instance of every class in root/cimv2
 * of the embedded provider (each root class with deep inheritance, so each
 * instance once) and prints wall time, CPU time and the instance count.
 * With --each, enumerates every class separately (instances of a subclass
 * counted again under each ancestor).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "mi.h"
#include "local.h"

static double
now(clockid_t id)
{
	struct timespec ts;

	clock_gettime(id, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static unsigned long
enumerate(MI_Session *s, const char *cls, int *failed)
{
	MI_Operation op = MI_OPERATION_NULL;
	const MI_Instance *inst;
	MI_Boolean more = MI_TRUE;
	MI_Result r = MI_RESULT_OK;
	const MI_Char *msg = NULL;
	unsigned long n = 0;

	MI_Session_EnumerateInstances(s, 0, NULL, "root/cimv2", cls, MI_FALSE, NULL, &op);
	while (more) {
		MI_Operation_GetInstance(&op, &inst, &more, &r, &msg, NULL);
		if (inst != NULL)
			n++;
	}
	if (r != MI_RESULT_OK) {
		fprintf(stderr, "%s: error %d: %s\n", cls, (int)r, msg ? msg : "");
		*failed = 1;
	}
	MI_Operation_Close(&op);
	return n;
}

int
main(int argc, char **argv)
{
	MI_Application app = MI_APPLICATION_NULL;
	MI_Session s = MI_SESSION_NULL;
	MI_Operation op = MI_OPERATION_NULL;
	MI_OperationOptions opts = MI_OPERATIONOPTIONS_NULL;
	const MI_Class *cls;
	MI_Boolean more = MI_TRUE;
	MI_Result r;
	char *names[256];
	size_t nnames = 0, i;
	int each = argc > 1 && strcmp(argv[1], "--each") == 0, failed = 0;
	unsigned long total = 0;
	double w0, c0, w1, c1;

	mix_protocol_register(&mix_protocol_local);
	if (MI_Application_Initialize(0, "bench_local", NULL, &app) != MI_RESULT_OK ||
		MI_Application_NewSession(&app, "LOCAL", "local:", NULL, NULL, NULL, &s) != MI_RESULT_OK) {
		fprintf(stderr, "cannot open local: session\n");
		return 1;
	}
	w0 = now(CLOCK_MONOTONIC);
	c0 = now(CLOCK_PROCESS_CPUTIME_ID);
	MI_Application_NewOperationOptions(&app, MI_FALSE, &opts);
	MI_OperationOptions_SetNumber(&opts, "cimtui:DeepInheritance", 1, 0);
	MI_Session_EnumerateClasses(&s, 0, &opts, "root/cimv2", NULL, MI_TRUE, NULL, &op);
	while (more) {
		const MI_Char *name, *super;
		MI_Operation_GetClass(&op, &cls, &more, &r, NULL, NULL);
		if (cls == NULL || MI_Class_GetClassName(cls, &name) != MI_RESULT_OK)
			continue;
		if (!each && MI_Class_GetParentClassName(cls, &super) == MI_RESULT_OK)
			continue; /* only root classes: deep inheritance covers the rest */
		if (nnames < sizeof names / sizeof names[0])
			names[nnames++] = strdup(name);
	}
	MI_Operation_Close(&op);
	MI_OperationOptions_Delete(&opts);
	for (i = 0; i < nnames; i++) {
		total += enumerate(&s, names[i], &failed);
		free(names[i]);
	}
	w1 = now(CLOCK_MONOTONIC);
	c1 = now(CLOCK_PROCESS_CPUTIME_ID);
	printf("classes enumerated: %zu%s\ninstances: %lu\nwall: %.3f s\ncpu: %.3f s\n", nnames,
		each ? " (every class)" : " (root classes, deep)", total, w1 - w0, c1 - c0);
	MI_Session_Close(&s, NULL, NULL);
	MI_Application_Close(&app);
	return failed;
}
