/* batch.c - batch mode: one command, results on stdout as they arrive.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <langinfo.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "batch.h"
#include "batch_cmd.h"
#include "format.h"
#include "options.h"

/* ---- signals ------------------------------------------------------------------ */
static pthread_t sig_thread;
static int sig_started;
static pthread_mutex_t sig_lock = PTHREAD_MUTEX_INITIALIZER;
static _Atomic int sig_received;
static _Atomic int sig_stop;
static MI_Operation *sig_op; /* the running operation, under sig_lock */
static int flush_stdout;     /* under sig_lock */

static void *sig_main(void *arg)
{
	(void)arg;
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGHUP);
	const struct timespec tick = { 0, 200 * 1000000L };
	while (!sig_stop) {
		siginfo_t info;
		int s = sigtimedwait(&set, &info, &tick);
		if (s < 0) {
			pthread_mutex_lock(&sig_lock);
			int fl = flush_stdout;
			pthread_mutex_unlock(&sig_lock);
			if (fl)
				fflush(stdout);
			continue;
		}
		if (sig_received) {
			/* second signal: leave now */
			static const char m[] = "cimtui: interrupted again, exiting\n";
			(void)!write(2, m, sizeof m - 1);
			_exit(128 + s);
		}
		sig_received = s;
		pthread_mutex_lock(&sig_lock);
		if (sig_op)
			MI_Operation_Cancel(sig_op, MI_REASON_NONE);
		pthread_mutex_unlock(&sig_lock);
	}
	return NULL;
}

void batch_signals_start(void)
{
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGHUP);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);
	sig_stop = 0;
	if (pthread_create(&sig_thread, NULL, sig_main, NULL) == 0)
		sig_started = 1;
}

void batch_signals_stop(void)
{
	if (!sig_started)
		return;
	sig_stop = 1;
	pthread_join(sig_thread, NULL);
	sig_started = 0;
}

int batch_interrupted(void)
{
	return sig_received;
}

static void watch_operation(MI_Operation *op)
{
	pthread_mutex_lock(&sig_lock);
	sig_op = op;
	if (op && sig_received)
		MI_Operation_Cancel(op, MI_REASON_NONE);
	pthread_mutex_unlock(&sig_lock);
}

static void set_periodic_flush(int on)
{
	pthread_mutex_lock(&sig_lock);
	flush_stdout = on;
	pthread_mutex_unlock(&sig_lock);
}

/* ---- running an operation ---------------------------------------------------------- */
int batch_usage(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("cimtui: ", stderr);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs("\nTry 'cimtui --help'.\n", stderr);
	return EXIT_USAGE;
}

MI_OperationOptions *batch_opopts(struct batch *b, int classes)
{
	MI_OperationOptions *oo = &b->opopts;
	if (oo->ft)
		MI_OperationOptions_Delete(oo);
	memset(oo, 0, sizeof(*oo));
	if (MI_Application_NewOperationOptions(b->app, MI_FALSE, oo) != MI_RESULT_OK)
		return NULL;
	if (b->o->timeout_s) {
		MI_Interval iv = { 0 };
		iv.days = b->o->timeout_s / 86400;
		iv.hours = b->o->timeout_s / 3600 % 24;
		iv.minutes = b->o->timeout_s / 60 % 60;
		iv.seconds = b->o->timeout_s % 60;
		MI_OperationOptions_SetTimeout(oo, &iv);
	}
	if (classes)
		MI_OperationOptions_SetNumber(oo, "cimtui:DeepInheritance", 1, 0);
	/* with --max below the page size, ask for just that many */
	unsigned long page = b->o->page_size ? b->o->page_size : 1000;
	if (b->o->max && b->o->max < page)
		MI_OperationOptions_SetNumber(oo, "cimtui:MaxElements", (MI_Uint32)b->o->max, 0);
	return oo;
}

/* Checks stdout after a write.  Returns 0, or the exit status to stop with. */
static int output_ok(struct batch *b)
{
	if (!ferror(b->fmt.out))
		return 0;
	if (errno == EPIPE)
		return EXIT_SIGPIPE;
	fprintf(stderr, "cimtui: cannot write the results: %s\n", strerror(errno));
	return EXIT_IOERR;
}

/* Ends an operation: final status, exit code, error report. */
static int finish(struct batch *b, MI_Result res, const char *msg, const MI_Instance *details, int limited,
	int out_rc)
{
	if (out_rc)
		return out_rc;
	if (sig_received)
		return 128 + sig_received;
	if (res == MI_RESULT_OK || limited)
		return 0;
	(void)b;
	return batch_report_error(res, msg, details);
}

/* After n results were handed on: stop the operation when the output
 * failed (check_output) or --max is reached.  *limited and *out_rc say
 * which; the loop then keeps pulling only to reach the final result. */
static void after_result(struct batch *b, MI_Operation *op, unsigned long n, MI_Boolean more,
	int check_output, int *limited, int *out_rc)
{
	if (check_output && (*out_rc = output_ok(b)) != 0)
		MI_Operation_Cancel(op, MI_REASON_NONE);
	else if (b->o->max && n >= b->o->max && more) {
		*limited = 1;
		MI_Operation_Cancel(op, MI_REASON_NONE);
	}
}

/* The end of every pull loop: the exit status, and the operation closed. */
static int end_pull(struct batch *b, MI_Operation *op, MI_Result res, const char *msg,
	const MI_Instance *details, int limited, int out_rc)
{
	watch_operation(NULL);
	int rc = finish(b, res, msg, details, limited, out_rc);
	MI_Operation_Close(op);
	return rc;
}

int batch_pull_instances(struct batch *b, MI_Operation *op, void (*emit)(struct fmt *, const MI_Instance *))
{
	MI_Boolean more = MI_TRUE;
	MI_Result res = MI_RESULT_OK;
	const MI_Char *msg = NULL;
	const MI_Instance *details = NULL;
	int limited = 0, out_rc = 0;
	watch_operation(op);
	while (more) {
		const MI_Instance *inst = NULL;
		if (MI_Operation_GetInstance(op, &inst, &more, &res, &msg, &details) != MI_RESULT_OK && !inst)
			break;
		if (inst && !limited && !out_rc) {
			emit(&b->fmt, inst);
			after_result(b, op, b->fmt.count, more, 1, &limited, &out_rc);
		}
	}
	return end_pull(b, op, res, msg, details, limited, out_rc);
}

int batch_pull_for_path(struct batch *b, MI_Operation *op, const struct wbem_path *path,
	void (*emit)(struct fmt *, const MI_Instance *))
{
	if (path->ns)
		b->fmt.default_ns = path->ns;
	int rc = batch_pull_instances(b, op, emit);
	b->fmt.default_ns = b->o->ns;
	return rc;
}

int batch_pull_classes(struct batch *b, MI_Operation *op, void (*emit)(struct fmt *, const MI_Class *),
	void (*collect)(struct batch *, const MI_Class *))
{
	MI_Boolean more = MI_TRUE;
	MI_Result res = MI_RESULT_OK;
	const MI_Char *msg = NULL;
	const MI_Instance *details = NULL;
	int limited = 0, out_rc = 0;
	unsigned long n = 0;
	watch_operation(op);
	while (more) {
		const MI_Class *cls = NULL;
		if (MI_Operation_GetClass(op, &cls, &more, &res, &msg, &details) != MI_RESULT_OK && !cls)
			break;
		if (cls && !limited && !out_rc) {
			n++;
			if (collect)
				collect(b, cls);
			else
				emit(&b->fmt, cls);
			after_result(b, op, n, more, !collect, &limited, &out_rc);
		}
	}
	return end_pull(b, op, res, msg, details, limited, out_rc);
}

/* Parses a PATH argument; needs_keys: an instance path is required. */
int batch_path(struct batch *b, const char *text, struct wbem_path *p, int needs_keys)
{
	char *err = NULL;
	if (wbem_path_parse(b->app, text, p, &err) < 0) {
		fprintf(stderr, "cimtui: bad PATH '%s': %s\n", text, err ? err : "syntax error");
		free(err);
		return EXIT_USAGE;
	}
	if (needs_keys && !p->keys) {
		fprintf(stderr, "cimtui: PATH '%s' names a class; an instance path has keys:"
				" CLASS.KEY=\"value\"\n", text);
		wbem_path_free(p);
		return EXIT_USAGE;
	}
	return 0;
}

const char *batch_ns(struct batch *b, const struct wbem_path *p)
{
	return p && p->ns ? p->ns : b->o->ns;
}

/* ---- commands --------------------------------------------------------------------- */
static int cmd_ns(struct batch *b, int argc, char **argv)
{
	(void)argv;
	if (argc != 0)
		return batch_usage("%s takes no arguments", "ns");
	MI_Operation op = MI_OPERATION_NULL;
	MIX_Session_EnumerateNamespaces(b->session, 0, batch_opopts(b, 0), NULL, &op);
	return batch_pull_instances(b, &op, fmt_namespace);
}

static int cmd_ecn(struct batch *b, int argc, char **argv)
{
	if (argc > 1)
		return batch_usage("%s takes at most one CLASS", "ecn");
	MI_Operation op = MI_OPERATION_NULL;
	MI_Session_EnumerateClasses(b->session, 0, batch_opopts(b, 1), b->o->ns, argc ? argv[0] : NULL,
		MI_TRUE, NULL, &op);
	return batch_pull_classes(b, &op, fmt_class_name, NULL);
}

static int cmd_ec(struct batch *b, int argc, char **argv)
{
	if (argc > 1)
		return batch_usage("%s takes at most one CLASS", "ec");
	if (b->o->tree)
		return batch_tree(b, argc ? argv[0] : NULL);
	MI_Operation op = MI_OPERATION_NULL;
	MI_Session_EnumerateClasses(b->session, 0, batch_opopts(b, 1), b->o->ns, argc ? argv[0] : NULL,
		MI_FALSE, NULL, &op);
	return batch_pull_classes(b, &op, fmt_class, NULL);
}

static int cmd_gc(struct batch *b, int argc, char **argv)
{
	if (argc != 1)
		return batch_usage("%s needs one CLASS", "gc");
	MI_Operation op = MI_OPERATION_NULL;
	MI_Session_GetClass(b->session, 0, batch_opopts(b, 0), b->o->ns, argv[0], NULL, &op);
	return batch_pull_classes(b, &op, fmt_class, NULL);
}

static int enum_common(struct batch *b, int argc, char **argv, const char *cmd, MI_Boolean keys_only)
{
	if (argc != 1)
		return batch_usage("%s needs one CLASS", cmd);
	/* accept "/ns:CLASS" too */
	struct wbem_path p;
	int rc = batch_path(b, argv[0], &p, 0);
	if (rc)
		return rc;
	if (p.keys) {
		wbem_path_free(&p);
		return batch_usage("%s needs a CLASS, not an instance path", cmd);
	}
	MI_Operation op = MI_OPERATION_NULL;
	MI_Session_EnumerateInstances(b->session, 0, batch_opopts(b, 0), batch_ns(b, &p), p.class_name,
		keys_only, NULL, &op);
	rc = batch_pull_for_path(b, &op, &p, keys_only ? fmt_instance_name : fmt_instance);
	wbem_path_free(&p);
	return rc;
}

static int cmd_ei(struct batch *b, int argc, char **argv)
{
	return enum_common(b, argc, argv, "ei", MI_FALSE);
}

static int cmd_ein(struct batch *b, int argc, char **argv)
{
	return enum_common(b, argc, argv, "ein", MI_TRUE);
}

/* GetInstance answers carry no path: mark the requested keys as keys. */
static const MI_Instance *gi_keys;
static MI_Application *gi_app;

static void emit_keyed(struct fmt *f, const MI_Instance *inst)
{
	const MI_Char *cn = NULL, *ns = NULL;
	MI_Instance *copy = NULL;
	MI_Instance_GetClassName(inst, &cn);
	if (!gi_keys || !cn || MI_Application_NewInstance(gi_app, cn, NULL, &copy) != MI_RESULT_OK) {
		fmt_instance(f, inst);
		return;
	}
	if (MI_Instance_GetNameSpace(inst, &ns) == MI_RESULT_OK && ns)
		MI_Instance_SetNameSpace(copy, ns);
	struct fmt_elem e;
	for (fmt_elems(&e, inst); fmt_elem_next(&e);) {
		MI_Uint32 fl = e.fl;
		if (MI_Instance_GetElement(gi_keys, e.name, NULL, NULL, NULL, NULL) == MI_RESULT_OK)
			fl |= MI_FLAG_KEY;
		MI_Instance_AddElement(copy, e.name, (fl & MI_FLAG_NULL) ? NULL : &e.v, e.t, fl & ~(MI_Uint32)MI_FLAG_ADOPT);
	}
	fmt_instance(f, copy);
	MI_Instance_Delete(copy);
}

static int cmd_gi(struct batch *b, int argc, char **argv)
{
	if (argc != 1)
		return batch_usage("%s needs one PATH", "gi");
	struct wbem_path p;
	int rc = batch_path(b, argv[0], &p, 1);
	if (rc)
		return rc;
	MI_Operation op = MI_OPERATION_NULL;
	MI_Session_GetInstance(b->session, 0, batch_opopts(b, 0), batch_ns(b, &p), p.keys, NULL, &op);
	gi_keys = p.keys;
	gi_app = b->app;
	rc = batch_pull_for_path(b, &op, &p, emit_keyed);
	gi_keys = NULL;
	wbem_path_free(&p);
	return rc;
}

/* a, ain, r, rin; keys_only: paths only.  The filters come from
 * --assoc-class, --result-class, --role and --result-role (options.c has
 * already refused those that r and rin do not take). */
static int assoc_common(struct batch *b, int argc, char **argv, const char *cmd, int refs, MI_Boolean keys_only)
{
	if (argc != 1)
		return batch_usage("%s needs one PATH", cmd);
	struct wbem_path p;
	int rc = batch_path(b, argv[0], &p, 1);
	if (rc)
		return rc;
	const struct cimtui_options *o = b->o;
	MI_Operation op = MI_OPERATION_NULL;
	if (refs)
		MI_Session_ReferenceInstances(b->session, 0, batch_opopts(b, 0), batch_ns(b, &p), p.keys,
			o->result_class, o->role, keys_only, NULL, &op);
	else
		MI_Session_AssociatorInstances(b->session, 0, batch_opopts(b, 0), batch_ns(b, &p), p.keys,
			o->assoc_class, o->result_class, o->role, o->result_role, keys_only, NULL, &op);
	rc = batch_pull_for_path(b, &op, &p, keys_only ? fmt_instance_name : fmt_instance);
	wbem_path_free(&p);
	return rc;
}

static int cmd_a(struct batch *b, int argc, char **argv)
{
	return assoc_common(b, argc, argv, "a", 0, MI_FALSE);
}

static int cmd_ain(struct batch *b, int argc, char **argv)
{
	return assoc_common(b, argc, argv, "ain", 0, MI_TRUE);
}

static int cmd_r(struct batch *b, int argc, char **argv)
{
	return assoc_common(b, argc, argv, "r", 1, MI_FALSE);
}

static int cmd_rin(struct batch *b, int argc, char **argv)
{
	return assoc_common(b, argc, argv, "rin", 1, MI_TRUE);
}

static int cmd_q(struct batch *b, int argc, char **argv)
{
	if (argc < 1 || argc > 2)
		return batch_usage("%s needs [LANG] QUERY", "q");
	const char *lang = argc == 2 ? argv[0] : "WQL";
	const char *query = argv[argc - 1];
	MI_Operation op = MI_OPERATION_NULL;
	MI_Session_QueryInstances(b->session, 0, batch_opopts(b, 0), b->o->ns, lang, query, NULL, &op);
	return batch_pull_instances(b, &op, fmt_instance);
}

static const struct command {
	const char *name, *alias;
	int (*run)(struct batch *b, int argc, char **argv);
} commands[] = {
	{ "ns", "namespaces", cmd_ns },
	{ "ecn", "classnames", cmd_ecn },
	{ "ec", "classes", cmd_ec },
	{ "gc", "get-class", cmd_gc },
	{ "ei", "enum", cmd_ei },
	{ "ein", "names", cmd_ein },
	{ "gi", "get", cmd_gi },
	{ "a", "associators", cmd_a },
	{ "ain", "associator-names", cmd_ain },
	{ "r", "references", cmd_r },
	{ "rin", "reference-names", cmd_rin },
	{ "q", "query", cmd_q },
	{ "iv", "invoke", batch_invoke },
};

int batch_run(struct cimtui_options *o, MI_Application *app, MI_Session *session)
{
	if (o->argc < 1)
		return batch_usage("%s", "no command given");
	const struct command *cmd = NULL;
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		if (!strcmp(o->argv[0], commands[i].name) || !strcmp(o->argv[0], commands[i].alias))
			cmd = &commands[i];
	if (!cmd)
		return batch_usage("unknown command '%s'", o->argv[0]);
	if (sig_received)
		return 128 + sig_received;

	struct batch b;
	memset(&b, 0, sizeof b);
	b.o = o;
	b.app = app;
	b.session = session;
	static char outbuf[1 << 16];
	setvbuf(stdout, outbuf, _IOFBF, sizeof outbuf);
	int tty = isatty(STDOUT_FILENO);
	fmt_init(&b.fmt, stdout, o->format, tty, o->ns);
	set_periodic_flush(1);
	int rc = cmd->run(&b, o->argc - 1, o->argv + 1);
	if (b.fmt.begun || rc == 0)
		fmt_end(&b.fmt);
	set_periodic_flush(0);
	if (fflush(stdout) != 0 && rc == 0)
		rc = errno == EPIPE ? EXIT_SIGPIPE : EXIT_IOERR;
	fmt_free(&b.fmt);
	if (b.opopts.ft)
		MI_OperationOptions_Delete(&b.opopts);
	if (rc == 0 && sig_received)
		rc = 128 + sig_received;
	return rc;
}
