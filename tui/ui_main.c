/* ui_main.c - ui_run: set up, the event loop (poll on the tty, the wake
 * pipe and a timer), drawing of the frame, commands, tear down.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <ctype.h>
#include <curses.h>
#include <errno.h>
#include <langinfo.h>
#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "actions.h"
#include "cmdline.h"
#include "draw.h"
#include "keys.h"
#include "oplog.h"
#include "options.h"
#include "pager.h"
#include "script.h"
#include "term.h"
#include "theme.h"
#include "view.h"
#include "wbem_path.h"

#define MIN_COLS 40
#define MIN_LINES 10

static int dirty = 1;
static double last_draw;
static MI_Session *sessions[16];
static int nsessions;
static char *target_owned;

static int too_small(void)
{
	return COLS < MIN_COLS || LINES < MIN_LINES;
}

/* ---- status line ---- */
static struct pager *running_pager(void)
{
	for (int i = U.depth - 1; i >= 0; i--)
		if (pager_running(U.stack[i]->pager) && !pager_cancelling(U.stack[i]->pager))
			return U.stack[i]->pager;
	return NULL;
}

static void op_status(char *buf, size_t n, int *el)
{
	struct view *v = ui_top();
	struct pager *p = running_pager();
	char c[32];
	*el = EL_STATUS;
	buf[0] = 0;
	if (p) {
		static const char spin[] = "|/-\\";
		double t = pager_elapsed(p);
		unsigned long cnt = atomic_load(&p->count);
		draw_count(cnt, c, sizeof c);
		char rate[32] = "";
		if (t > 0.3) {
			char r[32];
			snprintf(rate, sizeof rate, ", %s/s", draw_count((unsigned long long)((double)cnt / t), r, sizeof r));
		}
		snprintf(buf, n, "%c %s so far%s  %s", spin[(int)(now_s() * 8) & 3], c, rate, p->what);
		*el = EL_STATUS_BUSY;
		return;
	}
	p = v ? v->pager : NULL;
	if (!p)
		return;
	unsigned long cnt = atomic_load(&p->count);
	draw_count(cnt, c, sizeof c);
	int st = atomic_load(&p->state);
	if (pager_cancelling(p))
		st = PS_CANCELLED;
	switch (st) {
	case PS_DONE:
		snprintf(buf, n, "%s in %.2f s  %s", c, pager_elapsed(p), p->what);
		break;
	case PS_CANCELLED:
		snprintf(buf, n, "cancelled after %s  %s", c, p->what);
		*el = EL_ERROR;
		break;
	case PS_FAILED:
		snprintf(buf, n, "%s (e: details): %s  %s", MIX_ResultName(p->result),
			p->errmsg ? p->errmsg : "failed", p->what);
		*el = EL_ERROR;
		break;
	default:
		break;
	}
}

/* "?: help  :: command  ...": the first key of each, as bound in this view */
static const char *key_hints(char *buf, size_t n, int kind)
{
	static const struct { enum action act; const char *what; } hints[] = {
		{ACT_HELP, "help"}, {ACT_PROMPT, "command"}, {ACT_FILTER, "filter"},
		{ACT_CANCEL, "cancel"}, {ACT_CLOSE, "back"}, {ACT_QUIT, "quit"},
	};
	size_t o = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < sizeof hints / sizeof hints[0] && o < n; i++) {
		int k;
		char kn[32];
		if (!keys_for_action(hints[i].act, kind, &k, 1))
			continue;
		keys_name(k, kn, sizeof kn);
		size_t l = strlen(kn);
		if (l > 2 && kn[0] == '<') { /* "Esc", not "<Esc>" */
			kn[l - 1] = '\0';
			memmove(kn, kn + 1, l - 1);
		}
		o += (size_t)snprintf(buf + o, n - o, "%s%s: %s", o ? "  " : "", kn, hints[i].what);
	}
	return buf;
}

static void draw_frame(void)
{
	erase();
	if (too_small()) {
		char m[80];
		snprintf(m, sizeof m, "terminal too small (%dx%d, need %dx%d)", COLS, LINES, MIN_COLS, MIN_LINES);
		draw_text(LINES / 2, 0, m, COLS, A_BOLD, 0);
		return;
	}
	struct view *v = ui_top();
	U.body_y = 1;
	U.body_h = LINES - 3;
	/* title */
	char t[512] = "", pos[64] = "";
	if (v) {
		v->ops->title(v, t, sizeof t);
		size_t n = view_count(v);
		char a[32], b[32];
		if (n)
			snprintf(pos, sizeof pos, " %s/%s ", draw_count(v->cur + 1, a, sizeof a), draw_count(n, b, sizeof b));
		else
			snprintf(pos, sizeof pos, " 0 ");
	}
	if (v && v->filter) {
		size_t l = strlen(t);
		snprintf(t + l, sizeof t - l, "  [filter: %s]", v->filter);
	}
	int pw = draw_width(pos);
	draw_fill(0, 0, COLS, theme_attr(EL_TITLE));
	draw_text(0, 0, " ", 1, theme_attr(EL_TITLE), 0);
	draw_text(0, 1, t, COLS - pw - 1, theme_attr(EL_TITLE), 1);
	draw_text(0, COLS - pw, pos, pw, theme_attr(EL_TITLE), 0);
	/* body */
	if (v) {
		if (v->ops->draw)
			v->ops->draw(v, U.body_y, U.body_h);
		else
			view_lines_draw(v, U.body_y, U.body_h);
	}
	/* status line: target, namespace, TLS, operation */
	int y = LINES - 2, x = 0;
	int sa = theme_attr(EL_STATUS);
	draw_fill(y, 0, COLS, sa);
	char s[512];
	const char *ns = v && v->ns ? v->ns : U.ns;
	snprintf(s, sizeof s, " %s [%s] ", U.target, ns ? ns : "");
	x += draw_text(y, x, s, COLS - x, sa, 0);
	if (!strncasecmp(U.target, "https:", 6)) {
		if (U.o && U.o->insecure)
			x += draw_text(y, x, " TLS NOT VERIFIED ", COLS - x, theme_attr(EL_INSECURE), 0);
		else
			x += draw_text(y, x, "TLS", COLS - x, sa, 0);
	} else if (!strncasecmp(U.target, "http:", 5)) {
		x += draw_text(y, x, "no TLS", COLS - x, sa, 0);
	}
	int el;
	op_status(s, sizeof s, &el);
	if (s[0] && x + 2 < COLS) {
		x += draw_text(y, x, " ", 1, sa, 0);
		draw_text(y, x, s, COLS - x, theme_attr(el), 1);
	}
	/* message / command line */
	y = LINES - 1;
	if (cmdline_active()) {
		int cx = cmdline_draw(y);
		move(y, cx < COLS ? cx : COLS - 1);
	} else {
		char hint[256];
		const char *m = U.msg[0] ? U.msg : key_hints(hint, sizeof hint, v ? (int)v->ops->kind : VK_NAMESPACES);
		draw_text(y, 0, m, COLS, theme_attr(U.msg[0] ? U.msg_el : EL_TREE), 1);
	}
}

static void redraw_now(void)
{
	draw_frame();
	wnoutrefresh(stdscr);
	doupdate();
	last_draw = now_s();
	dirty = 0;
}

/* ---- errors, search ---- */
void ui_open_error(long idx)
{
	struct oplog_entry e;
	if (idx < 0 || oplog_get((size_t)idx, &e)) {
		ui_message(EL_MESSAGE, "no operation has failed");
		return;
	}
	if (e.result == MI_RESULT_OK) {
		ui_message(EL_MESSAGE, "that operation succeeded");
		return;
	}
	ui_push(view_error_new(e.error, e.what, e.result, e.message));
}

static void search(struct view *v, int dir)
{
	const char *f = U.last_search ? U.last_search : v->filter;
	if (!f) {
		ui_message(EL_MESSAGE, "no search text: press / first");
		return;
	}
	size_t n = view_count(v);
	if (!n)
		return;
	if (v->ops->kind == VK_INSTANCES) {
		struct rows *r = v->pager->rows;
		char *lf = strdup(f);
		for (char *p = lf; p && *p; p++)
			*p = (char)tolower((unsigned char)*p);
		pthread_mutex_lock(&r->lock);
		for (size_t k = 1; k < n && lf; k++) {
			size_t p = (v->cur + (dir > 0 ? k : n - k)) % n;
			if (rows_match(r, rows_at(r, p), lf)) {
				v->cur = p;
				break;
			}
		}
		pthread_mutex_unlock(&r->lock);
		free(lf);
	} else {
		for (size_t k = 1; k < n; k++) {
			size_t p = (v->cur + (dir > 0 ? k : n - k)) % n;
			if (line_matches(&v->L.v[v->vis[p]], f)) {
				v->cur = p;
				break;
			}
		}
	}
	view_clamp(v, n, U.body_h - (v->ops->kind == VK_INSTANCES));
}

static void generic_action(struct view *v, int act)
{
	int h = U.body_h - (v->ops->kind == VK_INSTANCES ? 1 : 0);
	if (view_nav(v, act, view_count(v), h))
		return;
	switch (act) {
	case ACT_BACK:
		if (U.depth > 1)
			ui_pop();
		break;
	case ACT_CLOSE:
		if (U.depth > 1)
			ui_pop();
		else
			U.quit = 1;
		break;
	case ACT_QUIT:
		U.quit = 1;
		break;
	case ACT_CANCEL: {
		struct pager *p = running_pager();
		if (p) {
			pager_cancel(p);
			ui_message(EL_MESSAGE, "cancelling %s", p->what);
		} else if (v->filter) {
			free(v->filter);
			v->filter = NULL;
			if (v->ops->set_filter)
				v->ops->set_filter(v, NULL);
			else
				view_lines_filter(v);
			ui_message(EL_MESSAGE, "filter cleared");
		}
		break;
	}
	case ACT_PROMPT:
		cmdline_open(':');
		break;
	case ACT_FILTER:
		cmdline_open('/');
		break;
	case ACT_NEXT:
		search(v, 1);
		break;
	case ACT_PREV:
		search(v, -1);
		break;
	case ACT_ERROR:
		ui_open_error(oplog_last_error());
		break;
	case ACT_LOG:
		ui_push(view_log_new());
		break;
	case ACT_HELP:
		ui_push(view_help_new(v->ops->kind));
		break;
	case ACT_REDRAW:
		clearok(curscr, TRUE);
		break;
	default:
		break;
	}
}

static void mouse_event(void)
{
	MEVENT ev;
	struct view *v = ui_top();
	if (getmouse(&ev) != OK || !v)
		return;
	int h = U.body_h - (v->ops->kind == VK_INSTANCES ? 1 : 0);
	if (ev.bstate & BUTTON4_PRESSED) {
		for (int i = 0; i < 3; i++)
			view_nav(v, ACT_UP, view_count(v), h);
		return;
	}
#ifdef BUTTON5_PRESSED
	if (ev.bstate & BUTTON5_PRESSED) {
		for (int i = 0; i < 3; i++)
			view_nav(v, ACT_DOWN, view_count(v), h);
		return;
	}
#endif
	/* releases (delivered although not in the mask) and other buttons
	 * do not select */
	if (!(ev.bstate & (BUTTON1_PRESSED | BUTTON1_CLICKED | BUTTON1_DOUBLE_CLICKED)))
		return;
	int y0 = U.body_y + (v->ops->kind == VK_INSTANCES ? 1 : 0);
	if (ev.y >= y0 && ev.y < U.body_y + U.body_h) {
		size_t p = v->top + (size_t)(ev.y - y0);
		if (p < view_count(v)) {
			/* mouseinterval(0) keeps clicks instant, so ncurses only
			 * reports a double click when both arrive in one read: a
			 * second click on the same row within 0.4 s counts too */
			static struct view *last_v;
			static size_t last_p;
			static double last_t;
			double t = now_s();
			int dbl = (ev.bstate & BUTTON1_DOUBLE_CLICKED) ||
				  (last_v == v && last_p == p && t - last_t < 0.4);
			v->cur = p;
			last_v = dbl ? NULL : v;
			last_p = p;
			last_t = t;
			if (dbl && v->ops->action)
				v->ops->action(v, ACT_ENTER);
		}
	}
}

static int input_pending(int ms)
{
	struct pollfd pf = {STDIN_FILENO, POLLIN, 0};
	return poll(&pf, 1, ms) > 0;
}

static void handle_key(int c, int from_script)
{
	dirty = 1;
	if (c == KEY_RESIZE) {
		clearok(curscr, TRUE);
		return;
	}
	if (cmdline_active()) {
		if (c == 27 && (from_script || !input_pending(30))) {
			cmdline_cancel();
			return;
		}
		if (c == 3) {
			cmdline_cancel();
			return;
		}
		if (c >= 256) {
			const char *seq = NULL;
			switch (c) {
			case KEY_UP: seq = "\033[A"; break;
			case KEY_DOWN: seq = "\033[B"; break;
			case KEY_RIGHT: seq = "\033[C"; break;
			case KEY_LEFT: seq = "\033[D"; break;
			case KEY_BACKSPACE: seq = "\177"; break;
			case KEY_ENTER: seq = "\r"; break;
			default: break;
			}
			for (; seq && *seq && cmdline_active(); seq++)
				cmdline_feed((unsigned char)*seq);
			return;
		}
		cmdline_feed(c);
		return;
	}
	if (c == KEY_MOUSE) {
		mouse_event();
		return;
	}
	struct view *v = ui_top();
	if (!v)
		return;
	int act = keys_action(c, v->ops->kind);
	if (too_small() && act != ACT_QUIT && act != ACT_CLOSE && act != ACT_CANCEL)
		return;
	if (act == ACT_NONE)
		return;
	if (act != ACT_CANCEL)
		U.msg[0] = 0;
	if (!v->ops->action || !v->ops->action(v, act))
		generic_action(v, act);
}

/* ---- commands ---- */
static int do_connect(const char *url)
{
	MI_Session *s = calloc(1, sizeof *s);
	if (!s || nsessions == (int)(sizeof sessions / sizeof sessions[0])) {
		free(s);
		ui_message(EL_ERROR, "too many sessions");
		return -1;
	}
	MI_DestinationOptions dopt = MI_DESTINATIONOPTIONS_NULL;
	MI_DestinationOptions *dp = NULL;
	if (MI_Application_NewDestinationOptions(U.app, &dopt) == MI_RESULT_OK) {
		dp = &dopt;
		if (U.o && U.o->insecure) {
			MI_DestinationOptions_SetCertCACheck(dp, MI_FALSE);
			MI_DestinationOptions_SetCertCNCheck(dp, MI_FALSE);
		}
		if (U.o && U.o->user) {
			MI_UserCredentials cr;
			memset(&cr, 0, sizeof cr);
			cr.authenticationType = MI_AUTH_TYPE_BASIC;
			cr.credentials.usernamePassword.username = U.o->user;
			cr.credentials.usernamePassword.password = U.o->password ? U.o->password : "";
			MI_DestinationOptions_AddDestinationCredentials(dp, &cr);
		}
	}
	MI_Instance *ext = NULL;
	MI_Result r = MI_Application_NewSession(U.app, NULL, url, dp, NULL, &ext, s);
	if (dp)
		MI_DestinationOptions_Delete(dp);
	if (r != MI_RESULT_OK) {
		char what[300];
		snprintf(what, sizeof what, "Connect %s", url);
		oplog_add(what, NULL, r, 0, MIX_ResultName(r), 0, 0, ext);
		if (ext)
			MI_Instance_Delete(ext);
		free(s);
		ui_message(EL_ERROR, "cannot connect to %s: %s (e: details)", url, MIX_ResultName(r));
		return -1;
	}
	if (ext)
		MI_Instance_Delete(ext);
	while (U.depth)
		ui_pop();
	pager_release(U.ns_cache);
	pager_release(U.cls_cache);
	U.ns_cache = U.cls_cache = NULL;
	sessions[nsessions++] = s;
	U.session = s;
	free(target_owned);
	U.target = target_owned = strdup(url);
	ui_push(view_namespaces_new());
	ui_message(EL_MESSAGE, "connected to %s", url);
	return 0;
}

static void set_filter_cmd(struct view *v, const char *f)
{
	free(v->filter);
	v->filter = f && *f ? strdup(f) : NULL;
	if (v->ops->set_filter)
		v->ops->set_filter(v, v->filter);
	else
		view_lines_filter(v);
	free(U.last_search);
	U.last_search = v->filter ? strdup(v->filter) : NULL;
}

void ui_command(const char *line)
{
	char cmd[64];
	while (*line == ' ')
		line++;
	size_t wl = strcspn(line, " ");
	snprintf(cmd, sizeof cmd, "%.*s", (int)(wl < 63 ? wl : 63), line);
	const char *arg = line + wl;
	while (*arg == ' ')
		arg++;
	char *a = strdup(arg);
	if (!a)
		return;
	for (size_t l = strlen(a); l && a[l - 1] == ' ';)
		a[--l] = 0;
	struct view *v = ui_top();
	dirty = 1;
	U.msg[0] = 0;
	if (!strcmp(cmd, "q") || !strcmp(cmd, "quit") || !strcmp(cmd, "qa")) {
		U.quit = 1;
	} else if (!strcmp(cmd, "ns")) {
		if (!*a) {
			ui_message(EL_ERROR, "usage: ns NAME");
		} else {
			free(U.ns);
			U.ns = strdup(a);
			ui_push(view_classes_new(a));
		}
	} else if (!strcmp(cmd, "class")) {
		if (*a)
			ui_push(view_instances_new(PO_ENUM, U.ns, a, NULL));
		else
			ui_message(EL_ERROR, "usage: class NAME");
	} else if (!strcmp(cmd, "def")) {
		if (*a)
			ui_push(view_classdef_new(U.ns, a));
		else
			ui_message(EL_ERROR, "usage: def NAME");
	} else if (!strcmp(cmd, "get")) {
		struct wbem_path wp;
		char *err = NULL;
		if (!*a) {
			ui_message(EL_ERROR, "usage: get CLASS.key=\"value\",...");
		} else if (wbem_path_parse(U.app, a, &wp, &err) == 0) {
			if (wp.keys)
				ui_push(view_instance_new(wp.ns ? wp.ns : U.ns, wp.keys));
			else
				ui_message(EL_ERROR, "%s: a path with keys is needed", a);
			wbem_path_free(&wp);
		} else {
			ui_message(EL_ERROR, "bad path: %s", err ? err : a);
			free(err);
		}
	} else if (!strcmp(cmd, "query")) {
		if (*a)
			ui_push(view_instances_new(PO_QUERY, U.ns, a, NULL));
		else
			ui_message(EL_ERROR, "usage: query SELECT ...");
	} else if (!strcmp(cmd, "columns")) {
		if (!v || v->ops->kind != VK_INSTANCES)
			ui_message(EL_ERROR, "columns: not an instances view");
		else if (view_instances_set_columns(v, a) == 0)
			ui_message(EL_MESSAGE, "columns: %s", *a ? a : "default");
	} else if (!strcmp(cmd, "sort")) {
		char *sp = strchr(a, ' ');
		int desc = 0;
		if (sp) {
			*sp = 0;
			desc = !strncasecmp(sp + 1, "desc", 4);
		}
		if (!v || view_instances_sort(v, a, desc))
			ui_message(EL_ERROR, "sort: no property '%s' in this table", a);
		else
			ui_message(EL_MESSAGE, *a ? "sorted by %s" : "arrival order%s", a);
	} else if (!strcmp(cmd, "filter")) {
		if (v)
			set_filter_cmd(v, a);
	} else if (!strcmp(cmd, "export")) {
		char *sp = strchr(a, ' ');
		const char *fmt = NULL;
		if (sp) { /* else the file's extension decides */
			*sp = 0;
			fmt = sp + 1;
		}
		char err[512];
		if (!*a)
			ui_message(EL_ERROR, "usage: export FILE [json|csv|mof|xml]");
		else if (!v || view_instances_export(v, a, fmt, err, sizeof err))
			ui_message(EL_ERROR, "%s", v ? err : "nothing to export");
		else
			ui_message(EL_MESSAGE, "%s", err);
	} else if (!strcmp(cmd, "theme") && !*a) {
		ui_message(EL_MESSAGE, "theme %s", U.theme.name);
	} else if (!strcmp(cmd, "theme")) {
		char err[512];
		int bad = theme_load(&U.theme, a, err, sizeof err);
		theme_apply(&U.theme);
		clearok(curscr, TRUE);
		if (bad)
			ui_message(EL_ERROR, "%s", err);
		else
			ui_message(EL_MESSAGE, "theme %s", U.theme.name);
	} else if (!strcmp(cmd, "connect")) {
		if (*a)
			do_connect(a);
		else
			ui_message(EL_ERROR, "usage: connect URL");
	} else if (!strcmp(cmd, "cancel")) {
		ui_cancel_all();
		ui_message(EL_MESSAGE, "cancelling");
	} else if (!strcmp(cmd, "log")) {
		ui_push(view_log_new());
	} else if (!strcmp(cmd, "error")) {
		ui_open_error(oplog_last_error());
	} else if (!strcmp(cmd, "namespaces")) {
		ui_push(view_namespaces_new());
	} else if (!strcmp(cmd, "help") || !strcmp(cmd, "h")) {
		ui_push(view_help_new(v ? v->ops->kind : 0));
	} else if (!strcmp(cmd, "save-display")) {
		redraw_now();
		if (!*a || save_display(a))
			ui_message(EL_ERROR, "save-display: cannot write '%s'", a);
	} else {
		ui_message(EL_ERROR, "unknown command '%s' (:help lists them)", cmd);
	}
	free(a);
}

/* ---- script steps ---- */
static double script_wait_until;
static int script_wait_idle;

static int all_idle(void)
{
	for (int i = 0; i < U.depth; i++)
		if (pager_running(U.stack[i]->pager))
			return 0;
	return 1;
}

static void script_step(void)
{
	double t = now_s();
	if (t < script_wait_until)
		return;
	if (script_wait_idle) {
		if (!all_idle() && t - script_wait_until < 60)
			return;
		script_wait_idle = 0;
		for (int i = 0; i < U.depth; i++)
			if (U.stack[i]->ops->update)
				U.stack[i]->ops->update(U.stack[i]);
	}
	struct script_step st;
	if (!script_next(&st))
		return;
	switch (st.kind) {
	case SS_KEY:
		handle_key(st.key, 1);
		break;
	case SS_TEXT:
		for (const char *p = st.text; *p; p++)
			handle_key((unsigned char)*p, 1);
		break;
	case SS_COMMAND:
		if (ui_top() && ui_top()->ops->update)
			ui_top()->ops->update(ui_top());
		ui_command(st.text);
		break;
	case SS_SLEEP:
		script_wait_until = t + st.ms / 1000.0;
		break;
	case SS_WAITIDLE:
		script_wait_until = t;
		script_wait_idle = 1;
		break;
	default:
		break;
	}
	dirty = 1;
}

/* ---- the loop ---- */
static int loop(void)
{
	int errs = 0;
	while (!U.quit) {
		if (term_exit_signal())
			return term_exit_signal();
		if (term_resize_pending()) {
			term_resize();
			dirty = 1;
		}
		struct view *v = ui_top();
		if (!v)
			break;
		if (v->ops->update && v->ops->update(v))
			dirty = 1;
		int busy = running_pager() != NULL;
		double t = now_s();
		int timeout = -1;
		if (dirty || busy) {
			double due = last_draw + 1.0 / 30;
			if (t >= due && (dirty || t - last_draw >= 0.1)) {
				redraw_now();
				t = now_s();
			}
			timeout = dirty ? (int)((last_draw + 1.0 / 30 - t) * 1000) + 1 : 100;
			if (timeout < 0)
				timeout = 0;
		}
		if (script_active()) {
			if (dirty) {
				redraw_now();
				timeout = 0;
			}
			script_step();
			if (script_active())
				timeout = 5;
		}
		struct pollfd pf[2] = {{STDIN_FILENO, POLLIN, 0}, {term_wake_fd(), POLLIN, 0}};
		int r = poll(pf, 2, timeout);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (pf[1].revents & POLLIN) {
			term_wake_drain();
			dirty = 1;
		}
		if (pf[0].revents & (POLLHUP | POLLERR | POLLNVAL))
			return SIGHUP;
		if (pf[0].revents & POLLIN) {
			int c, got = 0;
			errno = 0;
			while (!U.quit && (c = getch()) != ERR) {
				got = 1;
				handle_key(c, 0);
			}
			if (!got) {
				if (errno == EIO || errno == EBADF || errno == EPIPE || ++errs > 3)
					return SIGHUP; /* the terminal is gone */
			} else {
				errs = 0;
			}
		}
	}
	return 0;
}

int ui_run(struct cimtui_options *o, MI_Application *app, MI_Session *session)
{
	setlocale(LC_ALL, "");
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fprintf(stderr, "cimtui: the terminal UI needs a terminal; give a COMMAND for batch mode\n");
		return 2;
	}
	memset(&U, 0, sizeof U);
	U.o = o;
	U.app = app;
	U.session = session;
	U.target = o && o->target ? o->target : "local:";
	U.ns = strdup(o && o->ns ? o->ns : "root/cimv2");
	U.utf8 = !strcasecmp(nl_langinfo(CODESET), "UTF-8");
	pager_app = app;
	pager_wake_fn = term_wake;
	if (term_setup()) {
		perror("cimtui: pipe");
		return 1;
	}
	char err[512] = "";
	const char *tn = o ? o->theme : NULL; /* --theme, CIMTUI_THEME or the config file */
	theme_load(&U.theme, tn, err, sizeof err);
	if (term_init()) {
		fprintf(stderr, "cimtui: cannot initialise the terminal (TERM=%s)\n", getenv("TERM") ? getenv("TERM") : "");
		return 1;
	}
	theme_apply(&U.theme);
	cmdline_init();
	script_open();
	const char *kw;
	unsigned nkw = keys_config_warnings(&kw);
	if (err[0])
		ui_message(EL_ERROR, "%s", err);
	else if (nkw == 1)
		ui_message(EL_ERROR, "%s", kw);
	else if (nkw > 1)
		ui_message(EL_ERROR, "%s (and %u more bad lines)", kw, nkw - 1);
	ui_push(view_namespaces_new());
	int sig = loop();
	script_close();
	if (sig == SIGHUP || sig == SIGTERM) {
		/* terminal may be gone: restore without drawing */
		cmdline_done();
		term_done();
	} else {
		cmdline_done();
		term_done();
	}
	ui_cancel_all();
	while (U.depth)
		ui_pop();
	/* the completion caches too: a load still running (a stalled server)
	 * would otherwise keep pager_wait_all waiting its full 3 s */
	pager_release(U.ns_cache);
	pager_release(U.cls_cache);
	U.ns_cache = U.cls_cache = NULL;
	int left = pager_wait_all(3000);
	for (int i = 0; i < nsessions; i++) {
		MI_Session_Close(sessions[i], NULL, NULL);
		free(sessions[i]);
	}
	nsessions = 0;
	if (!left)
		oplog_free();
	free(U.ns);
	free(U.last_search);
	free(target_owned);
	target_owned = NULL;
	if (sig > 0)
		return 128 + sig;
	return sig < 0 ? 1 : 0;
}
