/* config.c - reads the config file (format in conffile.h and cimtui.1).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "conffile.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "batch.h"

void (*config_bind_line)(const char *path, unsigned lineno, const char *line);

char *config_default_path(void)
{
	const char *x = getenv("XDG_CONFIG_HOME");
	const char *home = getenv("HOME");
	char *p = NULL;
	if (x && *x == '/') {
		if (asprintf(&p, "%s/cimtui/config", x) < 0)
			p = NULL;
	} else if (home && *home) {
		if (asprintf(&p, "%s/.config/cimtui/config", home) < 0)
			p = NULL;
	}
	return p;
}

int config_bool(const char *s)
{
	static const char *const yes[] = { "yes", "true", "1", "on" };
	static const char *const no[] = { "no", "false", "0", "off" };
	for (size_t i = 0; i < 4; i++) {
		if (!strcasecmp(s, yes[i]))
			return 1;
		if (!strcasecmp(s, no[i]))
			return 0;
	}
	return -1;
}

static char *trim(char *s)
{
	while (isspace((unsigned char)*s))
		s++;
	size_t n = strlen(s);
	while (n && isspace((unsigned char)s[n - 1]))
		s[--n] = '\0';
	return s;
}

static void set(char **field, const char *v)
{
	free(*field);
	*field = strdup(v);
}

static int cerr(const struct cimtui_config *c, unsigned line, const char *what)
{
	fprintf(stderr, "cimtui: %s:%u: %s\n", c->path, line, what);
	return EXIT_CONFIG;
}

static int conn_key(struct cimtui_config *c, struct cimtui_connection *k, unsigned line, const char *key,
	const char *v)
{
	int b;
	if (!strcmp(key, "url"))
		set(&k->url, v);
	else if (!strcmp(key, "user"))
		set(&k->user, v);
	else if (!strcmp(key, "password"))
		set(&k->password, v);
	else if (!strcmp(key, "namespace"))
		set(&k->ns, v);
	else if (!strcmp(key, "cacert"))
		set(&k->cacert, v);
	else if (!strcmp(key, "cert"))
		set(&k->cert, v);
	else if (!strcmp(key, "key"))
		set(&k->key, v);
	else if (!strcmp(key, "protocol"))
		set(&k->protocol, v);
	else if (!strcmp(key, "insecure") || !strcmp(key, "allow_http_basic")) {
		if ((b = config_bool(v)) < 0)
			return cerr(c, line, "yes or no expected");
		if (key[0] == 'i')
			k->insecure = b;
		else
			k->allow_http_basic = b;
	} else
		fprintf(stderr, "cimtui: %s:%u: unknown key '%s' ignored\n", c->path, line, key);
	return 0;
}

static void top_key(struct cimtui_config *c, const char *key, const char *v)
{
	if (!strcmp(key, "target"))
		set(&c->target, v);
	else if (!strcmp(key, "namespace"))
		set(&c->ns, v);
	else if (!strcmp(key, "format"))
		set(&c->format, v);
	else if (!strcmp(key, "theme"))
		set(&c->theme, v);
	else if (!strcmp(key, "user"))
		set(&c->user, v);
	else if (!strcmp(key, "page_size"))
		set(&c->page_size, v);
	else if (!strcmp(key, "timeout"))
		set(&c->timeout, v);
	/* anything else belongs to the terminal UI */
}

/* "bind ..." or "unbind ...": the terminal UI's key bindings */
static int is_bind_line(const char *s)
{
	if (!strncmp(s, "un", 2))
		s += 2;
	return !strncmp(s, "bind", 4) && (!s[4] || isspace((unsigned char)s[4]));
}

static int parse(struct cimtui_config *c, FILE *fp)
{
	char *line = NULL;
	size_t cap = 0;
	unsigned lineno = 0;
	int rc = 0;
	enum { TOP, CONN, OTHER } where = TOP;
	struct cimtui_connection *cur = NULL;
	while (!rc && getline(&line, &cap, fp) >= 0) {
		lineno++;
		char *s = trim(line);
		if (!*s || *s == '#' || *s == ';')
			continue;
		if (is_bind_line(s)) {
			if (config_bind_line)
				config_bind_line(c->path, lineno, s);
			continue;
		}
		if (*s == '[') {
			char *end = strchr(s, ']');
			if (!end || end[1])
				rc = cerr(c, lineno, "section header must look like [connection NAME]");
			else {
				*end = '\0';
				char *body = trim(s + 1);
				if (!strncmp(body, "connection", 10) && isspace((unsigned char)body[10])) {
					char *name = trim(body + 10);
					if (!*name || strpbrk(name, " \t:/")) {
						rc = cerr(c, lineno, "bad connection name");
						continue;
					}
					struct cimtui_connection *n = realloc(c->conns, (c->nconns + 1) * sizeof(*n));
					if (!n)
						abort();
					c->conns = n;
					cur = &c->conns[c->nconns++];
					memset(cur, 0, sizeof(*cur));
					cur->name = strdup(name);
					cur->insecure = cur->allow_http_basic = -1;
					where = CONN;
				} else {
					where = OTHER;
				}
			}
			continue;
		}
		char *eq = strchr(s, '=');
		if (!eq) {
			if (where == CONN)
				rc = cerr(c, lineno, "'key = value' expected");
			continue;
		}
		*eq = '\0';
		char *key = trim(s), *v = trim(eq + 1);
		for (char *p = key; *p; p++)
			*p = *p == '-' ? '_' : (char)tolower((unsigned char)*p);
		size_t vn = strlen(v);
		if (vn >= 2 && v[0] == '"' && v[vn - 1] == '"') {
			v[vn - 1] = '\0';
			v++;
		}
		if (where == CONN)
			rc = conn_key(c, cur, lineno, key, v);
		else if (where == TOP)
			top_key(c, key, v);
	}
	if (line) {
		memset(line, 0, cap);
		free(line);
	}
	return rc;
}

int config_load(struct cimtui_config *c, const char *path)
{
	memset(c, 0, sizeof(*c));
	int explicit_path = path != NULL;
	c->path = explicit_path ? strdup(path) : config_default_path();
	if (!c->path)
		return 0;
	FILE *fp = fopen(c->path, "r");
	if (!fp) {
		if (errno == ENOENT && !explicit_path)
			return 0;
		fprintf(stderr, "cimtui: cannot read %s: %s\n", c->path, strerror(errno));
		return EXIT_CONFIG;
	}
	struct stat st;
	if (fstat(fileno(fp), &st) != 0 || !S_ISREG(st.st_mode)) {
		fprintf(stderr, "cimtui: %s is not a regular file\n", c->path);
		fclose(fp);
		return EXIT_CONFIG;
	}
	if (st.st_mode & (S_IRGRP | S_IWGRP | S_IROTH | S_IWOTH)) {
		fprintf(stderr, "cimtui: refusing %s: it may hold passwords and is accessible by others"
				" (mode %04o); run: chmod 600 '%s'\n", c->path, (unsigned)(st.st_mode & 07777), c->path);
		fclose(fp);
		return EXIT_CONFIG;
	}
	if (st.st_uid != getuid()) {
		fprintf(stderr, "cimtui: refusing %s: it belongs to another user\n", c->path);
		fclose(fp);
		return EXIT_CONFIG;
	}
	int rc = parse(c, fp);
	fclose(fp);
	return rc;
}

const struct cimtui_connection *config_find(const struct cimtui_config *c, const char *name)
{
	for (size_t i = 0; i < c->nconns; i++)
		if (!strcmp(c->conns[i].name, name))
			return &c->conns[i];
	return NULL;
}

void config_free(struct cimtui_config *c)
{
	for (size_t i = 0; i < c->nconns; i++) {
		struct cimtui_connection *k = &c->conns[i];
		free(k->name);
		free(k->url);
		free(k->user);
		password_free(k->password);
		free(k->ns);
		free(k->cacert);
		free(k->cert);
		free(k->key);
		free(k->protocol);
	}
	free(c->conns);
	free(c->path);
	free(c->target);
	free(c->ns);
	free(c->format);
	free(c->theme);
	free(c->user);
	free(c->page_size);
	free(c->timeout);
	memset(c, 0, sizeof(*c));
}
