/* options.c - the command line: options anywhere (GNU style), then
 * [TARGET] [COMMAND [ARGS...]].
 *
 * Target detection: the first word is a target when it starts with
 * "local:", contains "://", or names a [connection NAME] of the config
 * file and is not a command name; otherwise, when it is a command name,
 * the target is the config file's "target" or local:.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "batch.h"
#include "conffile.h"
#include "options.h"


static struct cimtui_config config;

/* Command names, short and long (batch.c has the same table with runners). */
static const char *const command_names[] = {
	"ns", "namespaces", "ecn", "classnames", "ec", "classes", "gc", "get-class",
	"ei", "enum", "ein", "names", "gi", "get", "a", "associators", "ain", "associator-names",
	"r", "references", "rin", "reference-names", "q", "query", "iv", "invoke", NULL
};

static int is_command(const char *w)
{
	for (size_t i = 0; command_names[i]; i++)
		if (!strcmp(w, command_names[i]))
			return 1;
	return 0;
}

static void usage(FILE *f)
{
	fputs(
"Usage: cimtui [OPTIONS] [TARGET] [COMMAND [ARGS...]]\n"
"A terminal browser for CIM management data.  Without a COMMAND it opens the\n"
"terminal UI on TARGET; with one it runs it and prints the results (batch mode).\n"
"\n"
"TARGET:\n"
"  local:                        this machine, through the embedded provider (default)\n"
"  http://HOST[:5988]            CIM-XML; https://HOST[:5989] with TLS\n"
"  http(s)://HOST:PORT/wsman     WS-Management (not supported in this version)\n"
"  NAME                          a [connection NAME] from the config file\n"
"\n"
"Commands (short and long names):\n"
"  ns,  namespaces               list the namespaces\n"
"  ecn, classnames [CLASS]       class names (all below CLASS, or all)\n"
"  ec,  classes [CLASS]          class definitions; with --tree an inheritance tree\n"
"  gc,  get-class CLASS          one class definition with qualifiers and methods\n"
"  ei,  enum CLASS               the instances of CLASS and its subclasses\n"
"  ein, names CLASS              instance paths only\n"
"  gi,  get PATH                 one instance\n"
"  a,   associators PATH         instances associated with PATH\n"
"  ain, associator-names PATH    their instance paths only\n"
"  r,   references PATH          association instances that refer to PATH\n"
"  rin, reference-names PATH     their instance paths only\n"
"  q,   query [LANG] QUERY       a query, e.g. q WQL \"SELECT * FROM CIM_Process\"\n"
"                                (LANG defaults to WQL)\n"
"  iv,  invoke PATH METHOD [NAME=VALUE...]\n"
"                                call a method; PATH without keys for static methods;\n"
"                                arrays as NAME=a,b,c\n"
"PATH: [/NAMESPACE:]CLASS.KEY=\"value\",KEY2=3,KEY3=TRUE  (references as quoted paths\n"
"      with inner quotes escaped, or unquoted CLASS.KEY=\"v\" for one key)\n"
"\n"
"Options (anywhere on the line):\n"
"  -n, --namespace NS            namespace (default root/cimv2)\n"
"  -u, --user USER               user name; the password comes from CIMTUI_PASSWORD,\n"
"                                the config file, or a prompt on the terminal\n"
"  -f, --format FMT              mof (default), json (JSON Lines), xml, table, csv\n"
"      --max N                   stop after N results (closes the enumeration)\n"
"      --page-size N             results per pull request\n"
"      --no-pull                 do not use pull operations\n"
"      --timeout S               give up after S seconds\n"
"      --tree                    ec: draw the inheritance tree\n"
"      --assoc-class CLASS       a, ain: only through associations of CLASS\n"
"      --result-class CLASS      a, ain: only associated instances of CLASS;\n"
"                                r, rin: only associations of CLASS\n"
"      --role NAME               a, ain, r, rin: only where PATH is referred to by\n"
"                                the reference property NAME\n"
"      --result-role NAME        a, ain: only instances referred to by the\n"
"                                reference property NAME\n"
"      --trace FILE              write the wire traffic to FILE (credentials redacted)\n"
"      --protocol P              force cimxml or local\n"
"      --cacert FILE             trust the CA certificates in FILE\n"
"      --cert FILE --key FILE    client certificate and its private key\n"
"      --insecure                do not verify the server's TLS certificate\n"
"      --allow-http-basic        allow sending a password over plain http://\n"
"      --config FILE             config file (default $XDG_CONFIG_HOME/cimtui/config)\n"
"      --theme NAME              colour theme of the terminal UI\n"
"  -h, --help                    show this help\n"
"  -V, --version                 show the version\n"
"\n"
"Exit status:\n"
"  0        success\n"
"  1-29     the CIM status code of a CIM error (e.g. 6 CIM_ERR_NOT_FOUND)\n"
"  64       usage error: bad option, unknown command, bad PATH,\n"
"           or a password over plain http without --allow-http-basic\n"
"  66       a file named on the command line cannot be read\n"
"  69       server unreachable: connection refused, unknown host, TLS handshake\n"
"  70       internal error\n"
"  74       the results cannot be written\n"
"  75       timed out\n"
"  76       protocol error: malformed or unexpected reply, HTTP error status\n"
"  77       authentication failed or TLS certificate rejected\n"
"  78       config file unusable (syntax, permissions)\n"
"  130      interrupted (Ctrl-C), after printing what had arrived; 143 on SIGTERM\n"
"\n"
"See cimtui(1) for the config file and more.\n", f);
}

enum {
	OPT_PAGE_SIZE = 256, OPT_NO_PULL, OPT_TIMEOUT, OPT_MAX, OPT_TRACE, OPT_TREE, OPT_INSECURE,
	OPT_CACERT, OPT_CERT, OPT_KEY, OPT_THEME, OPT_PROTOCOL, OPT_ALLOW_HTTP_BASIC, OPT_CONFIG,
	OPT_ASSOC_CLASS, OPT_RESULT_CLASS, OPT_ROLE, OPT_RESULT_ROLE
};

static const struct option long_opts[] = {
	{ "namespace", required_argument, NULL, 'n' },
	{ "user", required_argument, NULL, 'u' },
	{ "format", required_argument, NULL, 'f' },
	{ "page-size", required_argument, NULL, OPT_PAGE_SIZE },
	{ "no-pull", no_argument, NULL, OPT_NO_PULL },
	{ "timeout", required_argument, NULL, OPT_TIMEOUT },
	{ "max", required_argument, NULL, OPT_MAX },
	{ "trace", required_argument, NULL, OPT_TRACE },
	{ "tree", no_argument, NULL, OPT_TREE },
	{ "insecure", no_argument, NULL, OPT_INSECURE },
	{ "cacert", required_argument, NULL, OPT_CACERT },
	{ "cert", required_argument, NULL, OPT_CERT },
	{ "key", required_argument, NULL, OPT_KEY },
	{ "theme", required_argument, NULL, OPT_THEME },
	{ "protocol", required_argument, NULL, OPT_PROTOCOL },
	{ "allow-http-basic", no_argument, NULL, OPT_ALLOW_HTTP_BASIC },
	{ "config", required_argument, NULL, OPT_CONFIG },
	{ "assoc-class", required_argument, NULL, OPT_ASSOC_CLASS },
	{ "result-class", required_argument, NULL, OPT_RESULT_CLASS },
	{ "role", required_argument, NULL, OPT_ROLE },
	{ "result-role", required_argument, NULL, OPT_RESULT_ROLE },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 }
};

static int parse_format(const char *s, enum cimtui_format *out)
{
	static const struct { const char *name; enum cimtui_format f; } fmts[] = {
		{ "mof", FORMAT_MOF }, { "json", FORMAT_JSON }, { "jsonl", FORMAT_JSON },
		{ "xml", FORMAT_XML }, { "table", FORMAT_TABLE }, { "csv", FORMAT_CSV },
	};
	for (size_t i = 0; i < sizeof fmts / sizeof fmts[0]; i++)
		if (!strcasecmp(s, fmts[i].name)) {
			*out = fmts[i].f;
			return 0;
		}
	return -1;
}

static int parse_ulong(const char *s, unsigned long max, unsigned long *out)
{
	char *end;
	if (!s || !*s || *s == '-')
		return -1;
	errno = 0;
	unsigned long v = strtoul(s, &end, 10);
	if (*end || errno || v > max)
		return -1;
	*out = v;
	return 0;
}

static const char *parse_protocol(const char *s)
{
	if (!strcasecmp(s, "cimxml"))
		return "CIMXML";
	if (!strcasecmp(s, "wsman") || !strcasecmp(s, "winrm"))
		return "WSMAN";
	if (!strcasecmp(s, "local"))
		return "LOCAL";
	return NULL;
}

static void add_word(struct cimtui_options *o, char *w)
{
	char **n = realloc(o->argv, (size_t)(o->argc + 2) * sizeof(char *));
	if (!n)
		abort();
	o->argv = n;
	o->argv[o->argc++] = w;
	o->argv[o->argc] = NULL;
}

/* --assoc-class, --result-class, --role, --result-role: non-empty, and only
 * with the commands that take them (before connecting or asking for a
 * password).  Returns 0 or EXIT_USAGE. */
static int check_assoc_filters(const struct cimtui_options *o)
{
	const struct { const char *opt, *val; int refs; } filters[] = {
		{ "--assoc-class", o->assoc_class, 0 },
		{ "--result-class", o->result_class, 1 },
		{ "--role", o->role, 1 },
		{ "--result-role", o->result_role, 0 },
	};
	const char *cmd = o->argc > 0 ? o->argv[0] : NULL;
	int assoc = cmd && (!strcmp(cmd, "a") || !strcmp(cmd, "associators") || !strcmp(cmd, "ain") ||
			    !strcmp(cmd, "associator-names"));
	int refs = cmd && (!strcmp(cmd, "r") || !strcmp(cmd, "references") || !strcmp(cmd, "rin") ||
			   !strcmp(cmd, "reference-names"));
	for (size_t i = 0; i < sizeof filters / sizeof filters[0]; i++) {
		if (!filters[i].val)
			continue;
		if (!*filters[i].val)
			return batch_usage("%s needs a non-empty value", filters[i].opt);
		if (!assoc && !refs)
			return batch_usage("%s applies only to the commands a, ain, r and rin", filters[i].opt);
		if (refs && !filters[i].refs)
			return batch_usage("%s does not apply to %s (references take --result-class and --role)",
				filters[i].opt, cmd);
	}
	return 0;
}

static int looks_like_target(const char *w)
{
	return !strncmp(w, "local:", 6) || strstr(w, "://") != NULL;
}

int options_parse(struct cimtui_options *o, int argc, char **argv)
{
	memset(o, 0, sizeof(*o));
	memset(&config, 0, sizeof config);
	/* command-line values; NULL/-1 = not given */
	const char *ns = NULL, *user = NULL, *format = NULL, *page = NULL, *timeout = NULL, *max = NULL;
	const char *config_path = NULL, *protocol = NULL;
	int insecure = 0, allow_basic = 0;

	opterr = 0;
	optind = 1;
	int c;
	/* "-" first: words come back in order as option 1, wherever they are
	 * (GNU style even under POSIXLY_CORRECT); "--" ends the options. */
	while ((c = getopt_long(argc, argv, "-:n:u:f:hV", long_opts, NULL)) != -1) {
		switch (c) {
		case 1: add_word(o, optarg); break;
		case 'n': ns = optarg; break;
		case 'u': user = optarg; break;
		case 'f': format = optarg; break;
		case OPT_PAGE_SIZE: page = optarg; break;
		case OPT_NO_PULL: o->no_pull = 1; break;
		case OPT_TIMEOUT: timeout = optarg; break;
		case OPT_MAX: max = optarg; break;
		case OPT_TRACE: o->trace = optarg; break;
		case OPT_TREE: o->tree = 1; break;
		case OPT_INSECURE: insecure = 1; break;
		case OPT_CACERT: o->cacert = optarg; break;
		case OPT_CERT: o->cert = optarg; break;
		case OPT_KEY: o->key = optarg; break;
		case OPT_THEME: o->theme = optarg; break;
		case OPT_PROTOCOL: protocol = optarg; break;
		case OPT_ALLOW_HTTP_BASIC: allow_basic = 1; break;
		case OPT_CONFIG: config_path = optarg; break;
		case OPT_ASSOC_CLASS: o->assoc_class = optarg; break;
		case OPT_RESULT_CLASS: o->result_class = optarg; break;
		case OPT_ROLE: o->role = optarg; break;
		case OPT_RESULT_ROLE: o->result_role = optarg; break;
		case 'h':
			usage(stdout);
			options_free(o);
			return OPTIONS_EXIT_OK;
		case 'V':
			printf("cimtui %s\n", PACKAGE_VERSION);
			options_free(o);
			return OPTIONS_EXIT_OK;
		case ':':
			options_free(o);
			return batch_usage("option '%s' needs a value", argv[optind - 1]);
		default:
			options_free(o);
			return batch_usage("unknown option '%s'", argv[optind - 1]);
		}
	}
	/* words after "--" */
	while (optind < argc)
		add_word(o, argv[optind++]);

	int rc = config_load(&config, config_path);
	if (rc)
		goto fail;

	/* TARGET */
	const struct cimtui_connection *conn = NULL;
	if (o->argc > 0) {
		const char *w = o->argv[0];
		if (looks_like_target(w)) {
			o->target = w;
		} else if (!is_command(w) && (conn = config_find(&config, w)) != NULL) {
			o->connection = conn->name;
		} else if (!is_command(w)) {
			rc = batch_usage(config.nconns ?
				"'%s' is neither a command nor a target (local:, http://..., https://..., or a connection of the config file)" :
				"'%s' is neither a command nor a target (local:, http://..., https://...)", w);
			goto fail;
		}
		if (o->target || conn) {
			o->argc--;
			memmove(o->argv, o->argv + 1, (size_t)o->argc * sizeof(char *));
			o->argv[o->argc] = NULL;
		}
	}
	if (!o->target && !conn && config.target) {
		if (looks_like_target(config.target))
			o->target = config.target;
		else if ((conn = config_find(&config, config.target)) != NULL)
			o->connection = conn->name;
	}
	if (conn) {
		if (!conn->url) {
			fprintf(stderr, "cimtui: %s: connection '%s' has no url\n", config.path, conn->name);
			rc = EXIT_CONFIG;
			goto fail;
		}
		o->target = conn->url;
	}
	if (!o->target)
		o->target = "local:";
	if ((rc = check_assoc_filters(o)) != 0)
		goto fail;

	/* the rest: command line, then connection, then top-level defaults */
	o->ns = ns ? ns : conn && conn->ns ? conn->ns : config.ns ? config.ns : "root/cimv2";
	o->user = user ? user : conn && conn->user ? conn->user : config.user;
	if (o->user && !*o->user)
		o->user = NULL;
	if (!format)
		format = config.format;
	if (format && parse_format(format, &o->format) < 0) {
		rc = batch_usage("unknown format '%s' (mof, json, xml, table or csv)", format);
		goto fail;
	}
	unsigned long v;
	if (!page)
		page = config.page_size;
	if (page) {
		if (parse_ulong(page, 0xFFFFFFFFul, &v) < 0 || v == 0) {
			rc = batch_usage("--page-size wants a positive number, not '%s'", page);
			goto fail;
		}
		o->page_size = (unsigned)v;
	}
	if (!timeout)
		timeout = config.timeout;
	if (timeout) {
		if (parse_ulong(timeout, 86400ul * 365, &v) < 0) {
			rc = batch_usage("--timeout wants a number of seconds, not '%s'", timeout);
			goto fail;
		}
		o->timeout_s = (unsigned)v;
	}
	if (max) {
		if (parse_ulong(max, (unsigned long)-1, &v) < 0 || v == 0) {
			rc = batch_usage("--max wants a positive number, not '%s'", max);
			goto fail;
		}
		o->max = v;
	}
	if (!protocol && conn)
		protocol = conn->protocol;
	if (protocol && !(o->protocol = parse_protocol(protocol))) {
		rc = batch_usage("unknown protocol '%s' (cimxml, wsman or local)", protocol);
		goto fail;
	}
	o->insecure = insecure || (conn && conn->insecure == 1);
	if (!o->cacert && conn)
		o->cacert = conn->cacert;
	if (!o->cert && conn)
		o->cert = conn->cert;
	if (!o->key && conn)
		o->key = conn->key;
	if ((o->cert != NULL) != (o->key != NULL)) {
		rc = batch_usage("%s", "--cert and --key go together");
		goto fail;
	}
	/* --theme, then CIMTUI_THEME, then the config file: the nearer wins */
	if (!o->theme)
		o->theme = getenv("CIMTUI_THEME");
	if (!o->theme)
		o->theme = config.theme;
	o->allow_http_basic = allow_basic || (conn && conn->allow_http_basic == 1);

	/* password: never from argv */
	if (o->user && strncmp(o->target, "local:", 6)) {
		const char *env = getenv("CIMTUI_PASSWORD");
		if (env)
			o->password = strdup(env);
		else if (conn && conn->password && (!user || !strcmp(user, conn->user ? conn->user : "")))
			o->password = strdup(conn->password);
		else if (isatty(STDIN_FILENO)) {
			char *prompt = NULL;
			if (asprintf(&prompt, "Password for %s at %s: ", o->user, o->target) < 0)
				abort();
			o->password = password_prompt(prompt);
			free(prompt);
			if (!o->password) {
				fputs("cimtui: no password read\n", stderr);
				rc = EXIT_USAGE;
				goto fail;
			}
		} else {
			fprintf(stderr, "cimtui: -u %s needs a password: set CIMTUI_PASSWORD, put it in the"
					" config file, or run from a terminal to be asked\n", o->user);
			rc = EXIT_USAGE;
			goto fail;
		}
	}
	return 0;
fail:
	options_free(o);
	return rc;
}

void options_free(struct cimtui_options *o)
{
	password_free(o->password);
	o->password = NULL;
	free(o->argv);
	o->argv = NULL;
	o->argc = 0;
	config_free(&config);
}
