/* options.h - what the command line and the config file say, shared by
 * batch mode and the terminal UI.  options.c fills it; connect.c turns it
 * into an MI session.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef CIMTUI_TUI_OPTIONS_H
#define CIMTUI_TUI_OPTIONS_H

#include "mi.h"

enum cimtui_format { FORMAT_MOF, FORMAT_JSON, FORMAT_XML, FORMAT_TABLE, FORMAT_CSV };

struct cimtui_options {
	const char *target;      /* URL or "local:"; default "local:" */
	const char *protocol;    /* NULL, "CIMXML", "WSMAN", "LOCAL" */
	const char *ns;          /* -n; default "root/cimv2" */
	const char *user;        /* -u */
	char *password;          /* from CIMTUI_PASSWORD, the config file or a prompt; never argv */
	enum cimtui_format format;
	unsigned page_size;      /* --page-size; 0 = engine default */
	int no_pull;
	unsigned timeout_s;      /* --timeout; 0 = none */
	unsigned long max;       /* --max; 0 = unlimited */
	const char *trace;       /* --trace FILE */
	int tree;                /* --tree */
	int insecure;            /* --insecure */
	int allow_http_basic;    /* --allow-http-basic: Basic auth over plain http is allowed */
	const char *cacert, *cert, *key;
	const char *theme;       /* --theme */
	const char *connection;  /* a named connection from the config file */
	/* a, ain, r, rin filters (NULL = none); r and rin take only the
	 * result class and the role */
	const char *assoc_class; /* --assoc-class */
	const char *result_class; /* --result-class */
	const char *role;        /* --role */
	const char *result_role; /* --result-role */
	/* what is left after the options: COMMAND [ARGS...] */
	int argc;
	char **argv;
};

/* Parses argv (GNU style: options anywhere).  Returns 0, or an exit status
 * to leave with (after printing --help, --version or an error). */
int options_parse(struct cimtui_options *o, int argc, char **argv);
void options_free(struct cimtui_options *o);

/* Opens application + session for o; on failure prints a message and
 * returns the exit status (non-zero). */
int connect_open(const struct cimtui_options *o, MI_Application *app, MI_Session *session);

/* Batch mode: runs o->argv[0] (the command).  Returns the exit status. */
int batch_run(struct cimtui_options *o, MI_Application *app, MI_Session *session);

/* The terminal UI on the session.  Returns the exit status. */
int ui_run(struct cimtui_options *o, MI_Application *app, MI_Session *session);

#endif
