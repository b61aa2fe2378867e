/* batch.h - what main.c and connect.c share with batch mode beyond the
 * options.h contract: exit codes, error reports, signal handling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef CIMTUI_TUI_BATCH_H
#define CIMTUI_TUI_BATCH_H

#include "mi.h"
#include "options.h"

/* Exit statuses besides 0 and the CIM status codes 1..29 (sysexits.h). */
enum {
	EXIT_USAGE = 64,       /* bad command line, unknown command, bad PATH */
	EXIT_NOINPUT = 66,     /* a file named on the command line cannot be read */
	EXIT_UNAVAILABLE = 69, /* server unreachable: refused, DNS, network, TLS handshake */
	EXIT_SOFTWARE = 70,    /* internal error */
	EXIT_IOERR = 74,       /* cannot write the results */
	EXIT_TEMPFAIL = 75,    /* timed out */
	EXIT_PROTOCOL = 76,    /* malformed or unexpected reply, HTTP error status */
	EXIT_NOPERM = 77,      /* authentication failed, TLS certificate rejected */
	EXIT_CONFIG = 78,      /* config file unusable (syntax, permissions) */
	EXIT_SIGPIPE = 141,    /* the reader of stdout went away */
	EXIT_INTERRUPTED = 130 /* Ctrl-C (128 + SIGINT); SIGTERM gives 143 */
};

/* options_parse returns this after printing --help or --version. */
#define OPTIONS_EXIT_OK (-1)

/* Prints "cimtui: MESSAGE" and the --help hint; returns EXIT_USAGE. */
int batch_usage(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Prints "cimtui: CIM_ERR_X (n): message" and the CIM_Error's key
 * properties to stderr; returns the exit status for the failure. */
int batch_report_error(MI_Result result, const char *message, const MI_Instance *details);
/* The exit status for a failure (see the table in --help). */
int batch_exit_code(MI_Result result, const char *message, const MI_Instance *details);

/* Batch mode signals: blocks SIGINT, SIGTERM and SIGHUP in every thread
 * created afterwards (call it before connect_open, so that the engine's
 * threads inherit the mask) and starts a thread that receives them:
 * the first cancels the running operation (batch_run then exits 128+sig),
 * a second one exits at once.  The same thread flushes stdout every
 * 200 ms so that slow results show up while fast ones stay buffered. */
void batch_signals_start(void);
void batch_signals_stop(void);
/* The signal received, or 0. */
int batch_interrupted(void);

#endif
