/* conffile.h - the config file (not "config.h": that name is autoconf's,
 * and a tui/config.h would shadow it for every file in tui/): $XDG_CONFIG_HOME/cimtui/config (or
 * ~/.config/cimtui/config, or --config FILE).
 *
 *   # comment
 *   namespace = root/cimv2        top-level defaults: target, namespace,
 *   format = json                 format, theme, user, page_size, timeout
 *
 *   [connection prod]             a named connection; use "prod" as TARGET
 *   url = https://cim.example.com:5989
 *   user = admin
 *   password = secret
 *   namespace = root/interop
 *   insecure = no                 yes/no, true/false, 1/0, on/off
 *   cacert = /etc/ssl/prod-ca.pem
 *   cert = ...   key = ...   protocol = cimxml   allow_http_basic = no
 *
 * Values run to the end of the line (no inline comments); surrounding
 * double quotes are removed.  '-' and '_' are the same in key names.
 * Lines the batch mode does not know outside connection sections are left
 * to the terminal UI; unknown keys inside a connection section are warned
 * about.  Key bindings, "bind KEYMAP KEY ACTION" and "unbind KEYMAP KEY"
 * (keys.h), may stand anywhere and go to config_bind_line.  The file is
 * refused when group or others may read or write it, or when it belongs
 * to another user.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef CIMTUI_TUI_CONFFILE_H
#define CIMTUI_TUI_CONFFILE_H

#include <stddef.h>

struct cimtui_connection {
	char *name, *url, *user, *password, *ns, *cacert, *cert, *key, *protocol;
	int insecure;         /* -1 unset */
	int allow_http_basic; /* -1 unset */
};

struct cimtui_config {
	char *path;           /* the file read, or NULL */
	char *target, *ns, *format, *theme, *user, *page_size, *timeout;
	struct cimtui_connection *conns;
	size_t nconns;
};

/* Gets every "bind ..." and "unbind ..." line (trimmed) with its line
 * number; it warns about bad ones itself.  NULL (the default): they are
 * skipped.  The program sets it to keys_config_line; config.c does not
 * depend on the terminal UI's code (batch-only users, the fuzzer). */
extern void (*config_bind_line)(const char *path, unsigned lineno, const char *line);

/* The default path (malloc'd), or NULL without XDG_CONFIG_HOME and HOME. */
char *config_default_path(void);
/* Loads path (NULL: the default; a missing default file is no error).
 * Returns 0, or an exit status (78) after printing why. */
int config_load(struct cimtui_config *c, const char *path);
const struct cimtui_connection *config_find(const struct cimtui_config *c, const char *name);
void config_free(struct cimtui_config *c);
/* Parses yes/no words; -1 when it is none of them. */
int config_bool(const char *s);

/* password.c: reads a line from /dev/tty with echo off.  Returns a
 * malloc'd string, or NULL (no terminal, EOF).  Echo is restored even when
 * SIGINT or SIGTERM arrives meanwhile. */
char *password_prompt(const char *prompt);
/* Overwrites and frees. */
void password_free(char *p);

#endif
