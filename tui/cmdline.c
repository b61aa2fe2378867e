/* cmdline.c - readline bridge, completion, history.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cmdline.h"

#include <curses.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include <readline/history.h>
#include <readline/readline.h>

#include "draw.h"
#include "theme.h"
#include "view.h"

const struct cmd cmd_table[] = {
	{"ns", "NAME", "Open the classes of namespace NAME"},
	{"class", "NAME", "Instances of class NAME (paging starts at once)"},
	{"def", "NAME", "Definition of class NAME"},
	{"get", "PATH", "Instance by path: CLASS.key=\"v\",k2=3"},
	{"query", "WQL", "Run a WQL query: SELECT * FROM C WHERE ..."},
	{"columns", "P1,P2,...", "Columns of the instances table (* = default)"},
	{"sort", "PROP [desc]", "Sort the table by PROP (no PROP: arrival order)"},
	{"filter", "TEXT", "Filter the current list (no TEXT: clear)"},
	{"export", "FILE [json|csv|mof|xml]", "Write the table's rows to FILE"},
	{"theme", "[NAME]", "Switch the colour theme (no NAME: show the current one)"},
	{"connect", "URL", "Connect to another target"},
	{"cancel", "", "Cancel the running operations"},
	{"log", "", "Operations log"},
	{"error", "", "CIM_Error of the last failed operation"},
	{"namespaces", "", "Namespaces view"},
	{"help", "", "Keys and commands"},
	{"save-display", "FILE", "Write the screen as text to FILE"},
	{"quit", "", "Quit cimtui"},
	{NULL, NULL, NULL},
};

static int active;
static int pending = -1;
static char *done_line;
static int got_line;
static char *saved_filter;
static FILE *devnull;

static int getc_fn(FILE *f)
{
	(void)f;
	int c = pending;
	pending = -1;
	return c < 0 ? EOF : c;
}

static int avail_fn(void)
{
	return pending >= 0;
}

static void redisplay_fn(void)
{
	/* drawn by the main loop (cmdline_draw) */
}

static void on_line(char *line)
{
	free(done_line);
	done_line = line;
	got_line = 1;
}

static void matches_fn(char **matches, int num, int max)
{
	(void)max;
	char buf[400];
	size_t o = 0;
	for (int i = 1; i <= num && o + 2 < sizeof buf; i++)
		o += (size_t)snprintf(buf + o, sizeof buf - o, "%s ", matches[i]);
	ui_message(EL_MESSAGE, "%s", buf);
}

/* ---- completion ---- */
static char **cands;
static size_t ncands;

static void cands_free(void)
{
	for (size_t i = 0; i < ncands; i++)
		free(cands[i]);
	free(cands);
	cands = NULL;
	ncands = 0;
}

static void cand_add(const char *s, size_t n)
{
	for (size_t i = 0; i < ncands; i++)
		if (strlen(cands[i]) == n && !strncmp(cands[i], s, n))
			return;
	char **q = realloc(cands, (ncands + 1) * sizeof *q);
	if (!q)
		return;
	cands = q;
	cands[ncands++] = strndup(s, n);
}

static void cands_from_rows(struct pager *p, const char *col)
{
	if (!p || !p->rows)
		return;
	struct rows *r = p->rows;
	pthread_mutex_lock(&r->lock);
	int c = rows_find_col(r, col);
	for (size_t i = 0; c >= 0 && i < r->n && ncands < 200000; i++) {
		size_t len;
		const char *s = rows_cell(r, i, (unsigned)c, &len);
		if (s)
			cand_add(s, len);
	}
	pthread_mutex_unlock(&r->lock);
}

static char *gen(const char *text, int state)
{
	static size_t i, tl;
	if (!state) {
		i = 0;
		tl = strlen(text);
	}
	while (i < ncands) {
		const char *c = cands[i++];
		if (!strncasecmp(c, text, tl))
			return strdup(c);
	}
	return NULL;
}

static char **complete(const char *text, int start, int end)
{
	(void)end;
	rl_attempted_completion_over = 1;
	cands_free();
	const char *b = rl_line_buffer;
	while (*b == ' ')
		b++;
	if (active == '/')
		return NULL;
	if (start <= (int)(b - rl_line_buffer)) {
		for (size_t i = 0; cmd_table[i].name; i++)
			cand_add(cmd_table[i].name, strlen(cmd_table[i].name));
	} else {
		size_t wl = strcspn(b, " ");
		char w[32];
		snprintf(w, sizeof w, "%.*s", (int)(wl < 31 ? wl : 31), b);
		if (!strcmp(w, "ns")) {
			if (!U.ns_cache)
				U.ns_cache = pager_start(U.session, PO_NAMESPACES, NULL, NULL, NULL);
			cands_from_rows(U.ns_cache, "Name");
			for (int k = 0; k < U.depth; k++)
				if (U.stack[k]->ops->kind == VK_NAMESPACES)
					cands_from_rows(U.stack[k]->pager, "Name");
			if (U.ns)
				cand_add(U.ns, strlen(U.ns));
		} else if (!strcmp(w, "class") || !strcmp(w, "def") || !strcmp(w, "query") || !strcmp(w, "get")) {
			if (!U.cls_cache || !U.cls_cache->ns || !U.ns || strcmp(U.cls_cache->ns, U.ns)) {
				pager_unref(U.cls_cache);
				U.cls_cache = pager_start(U.session, PO_CLASSNAMES, U.ns, NULL, NULL);
			}
			cands_from_rows(U.cls_cache, "Name");
		} else if (!strcmp(w, "columns") || !strcmp(w, "sort")) {
			struct view *v = ui_top();
			char **cols = v ? view_instances_columns(v) : NULL;
			for (size_t k = 0; cols && cols[k]; k++) {
				cand_add(cols[k], strlen(cols[k]));
				free(cols[k]);
			}
			free(cols);
		} else if (!strcmp(w, "theme")) {
			char **t = theme_list();
			for (size_t k = 0; t && t[k]; k++) {
				cand_add(t[k], strlen(t[k]));
				free(t[k]);
			}
			free(t);
		} else if (!strcmp(w, "export")) {
			if (strchr(b + wl + 1, ' ')) {
				cand_add("json", 4);
				cand_add("csv", 3);
				cand_add("mof", 3);
				cand_add("xml", 3);
			} else {
				rl_attempted_completion_over = 0; /* file names */
				return NULL;
			}
		}
	}
	if (!ncands)
		return NULL;
	return rl_completion_matches(text, gen);
}

char *cmdline_history_path(void)
{
	const char *x = getenv("XDG_STATE_HOME"), *h = getenv("HOME");
	char *p = NULL;
	if (x && *x) {
		if (asprintf(&p, "%s/cimtui/history", x) < 0)
			p = NULL;
	} else if (h && *h) {
		if (asprintf(&p, "%s/.local/state/cimtui/history", h) < 0)
			p = NULL;
	}
	return p;
}

static void mkdirs(const char *path)
{
	char *d = strdup(path);
	if (!d)
		return;
	char *slash = strrchr(d, '/');
	if (slash)
		*slash = 0;
	for (char *p = d + 1; *p; p++)
		if (*p == '/') {
			*p = 0;
			mkdir(d, 0700);
			*p = '/';
		}
	mkdir(d, 0700);
	free(d);
}

void cmdline_init(void)
{
	devnull = fopen("/dev/null", "w");
	rl_readline_name = "cimtui";
	rl_catch_signals = 0;
	rl_catch_sigwinch = 0;
	rl_change_environment = 0;
	rl_prep_term_function = NULL;
	rl_deprep_term_function = NULL;
	rl_getc_function = getc_fn;
	rl_input_available_hook = avail_fn;
	rl_redisplay_function = redisplay_fn;
	rl_completion_display_matches_hook = matches_fn;
	rl_attempted_completion_function = complete;
	rl_variable_bind("completion-ignore-case", "on");
	/* readline's default plus ',' so ":columns Index,La<Tab>" completes */
	rl_completer_word_break_characters = " \t\n\"\\'`@$><=;|&{(,";
	rl_outstream = devnull ? devnull : stderr;
	rl_instream = stdin;
	using_history();
	stifle_history(1000);
	char *p = cmdline_history_path();
	if (p) {
		read_history(p);
		free(p);
	}
}

void cmdline_done(void)
{
	if (active)
		rl_callback_handler_remove();
	active = 0;
	char *p = cmdline_history_path();
	if (p) {
		mkdirs(p);
		write_history(p);
		free(p);
	}
	clear_history();
	cands_free();
	free(done_line);
	done_line = NULL;
	free(saved_filter);
	saved_filter = NULL;
	if (devnull)
		fclose(devnull);
	devnull = NULL;
	rl_outstream = NULL;
}

int cmdline_active(void)
{
	return active;
}

void cmdline_open(int kind)
{
	active = kind;
	got_line = 0;
	free(saved_filter);
	struct view *v = ui_top();
	saved_filter = v && v->filter ? strdup(v->filter) : NULL;
	rl_callback_handler_install(kind == '/' ? "/" : ":", on_line);
	/* load what Tab will want while the user types */
	if (kind == ':') {
		if (!U.cls_cache || !U.cls_cache->ns || !U.ns || strcmp(U.cls_cache->ns, U.ns)) {
			pager_unref(U.cls_cache);
			U.cls_cache = pager_start(U.session, PO_CLASSNAMES, U.ns, NULL, NULL);
		}
		if (!U.ns_cache)
			U.ns_cache = pager_start(U.session, PO_NAMESPACES, NULL, NULL, NULL);
	}
	keypad(stdscr, FALSE);
	curs_set(1);
}

static void close_line(void)
{
	rl_callback_handler_remove();
	active = 0;
	keypad(stdscr, TRUE);
	curs_set(0);
}

static void apply_filter(const char *f)
{
	struct view *v = ui_top();
	if (!v)
		return;
	if ((v->filter ? v->filter : "")[0] == 0 && !*f)
		return;
	if (v->filter && !strcmp(v->filter, f))
		return;
	free(v->filter);
	v->filter = *f ? strdup(f) : NULL;
	if (v->ops->set_filter)
		v->ops->set_filter(v, v->filter);
	else
		view_lines_filter(v);
}

void cmdline_cancel(void)
{
	if (!active)
		return;
	int kind = active;
	rl_callback_sigcleanup();
	rl_replace_line("", 0);
	close_line();
	if (kind == '/')
		apply_filter("");
}

void cmdline_feed(int byte)
{
	if (!active)
		return;
	int kind = active;
	pending = byte;
	rl_callback_read_char();
	pending = -1;
	if (got_line) {
		got_line = 0;
		char *line = done_line;
		done_line = NULL;
		close_line();
		if (!line) /* Ctrl-D on an empty line */
			return;
		if (kind == ':') {
			const char *s = line;
			while (*s == ' ')
				s++;
			if (*s) {
				add_history(s);
				ui_command(s);
			}
		} else {
			apply_filter(line);
			free(U.last_search);
			U.last_search = *line ? strdup(line) : NULL;
		}
		free(line);
		return;
	}
	if (kind == '/')
		apply_filter(rl_line_buffer ? rl_line_buffer : "");
}

int cmdline_draw(int y)
{
	const char *prompt = active == '/' ? "/" : ":";
	const char *buf = rl_line_buffer ? rl_line_buffer : "";
	int a = theme_attr(EL_CMDLINE);
	draw_fill(y, 0, COLS, a);
	draw_text(y, 0, prompt, 1, a, 0);
	/* width up to the cursor, escaped like the drawing */
	size_t point = (size_t)(rl_point >= 0 ? rl_point : 0);
	size_t blen = strlen(buf);
	if (point > blen)
		point = blen;
	char *before = draw_escape(buf, point);
	char *all = draw_escape(buf, blen);
	int cw = draw_width(before);
	int avail = COLS - 2;
	int skip = cw > avail ? cw - avail : 0;
	const char *shown = all + draw_skip(all, skip);
	draw_text(y, 1, shown, COLS - 1, a, 0);
	free(before);
	free(all);
	return 1 + cw - skip;
}
