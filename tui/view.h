/* view.h - the view stack, the shared UI state, and the line-list helper
 * most views draw with.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef CIMTUI_TUI_VIEW_H
#define CIMTUI_TUI_VIEW_H

#include <stddef.h>
#include "mi.h"
#include "options.h"
#include "pager.h"
#include "theme.h"

enum view_kind {
	VK_NAMESPACES, VK_CLASSES, VK_INSTANCES, VK_INSTANCE, VK_CLASSDEF,
	VK_ERROR, VK_LOG, VK_HELP, VK_COUNT
};

#define LINE_SEGS 4
struct line {
	char *seg[LINE_SEGS];
	short el[LINE_SEGS];
	short w[LINE_SEGS];   /* columns; 0 = the rest */
	int nseg;
	int indent;
	long tag;
	const void *ptr;
};

struct lines {
	struct line *v;
	size_t n, cap;
};

struct view;
struct view_ops {
	enum view_kind kind;
	const char *name;
	/* content rows y0..y0+h-1; NULL = draw v->L */
	void (*draw)(struct view *v, int y0, int h);
	/* returns 1 when handled */
	int (*action)(struct view *v, int act);
	/* pull news from the pager; returns 1 when the view changed */
	int (*update)(struct view *v);
	void (*free)(struct view *v);
	void (*title)(struct view *v, char *buf, size_t n);
	/* filter changed (NULL: line views rebuild vis) */
	void (*set_filter)(struct view *v, const char *f);
	size_t (*count)(struct view *v);
};

struct view {
	const struct view_ops *ops;
	struct pager *pager;
	char *ns;
	size_t cur, top;
	int hscroll;
	char *filter;
	struct lines L;
	size_t *vis, nvis;
	int built_cols;
};

struct ui {
	struct cimtui_options *o;
	MI_Application *app;
	MI_Session *session;
	MI_Session own;
	int own_session;
	const char *target;
	char *ns;
	struct view *stack[64];
	int depth;
	char msg[512];
	int msg_el;
	int quit;
	struct theme theme;
	int body_y, body_h;
	struct pager *ns_cache, *cls_cache;
	char *last_search;
	int utf8;
};
extern struct ui U;

void ui_push(struct view *v);
void ui_pop(void);
struct view *ui_top(void);
void ui_message(int el, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void ui_cancel_all(void);
/* Runs a `:` command line (without the colon). */
void ui_command(const char *line);
void ui_open_error(long log_index);

/* generic view helpers */
void view_init(struct view *v, const struct view_ops *ops, const char *ns);
void view_free(struct view *v);
/* cursor movement for n items in h rows */
int view_nav(struct view *v, int act, size_t n, int h);
void view_clamp(struct view *v, size_t n, int h);
size_t view_count(struct view *v);

void lines_clear(struct lines *L);
struct line *lines_add(struct lines *L, int indent, long tag, const void *ptr);
void line_seg(struct line *ln, int el, int w, const char *fmt, ...) __attribute__((format(printf, 4, 5)));
void line_segn(struct line *ln, int el, int w, const char *s, size_t n);
/* wrap text into lines at width cols (display columns), each with indent */
void lines_wrap(struct lines *L, int indent, int el, const char *text, int cols);
/* rebuild v->vis from v->L and v->filter */
void view_lines_filter(struct view *v);
void view_lines_draw(struct view *v, int y0, int h);
int line_matches(const struct line *ln, const char *f);

/* constructors */
struct view *view_namespaces_new(void);
struct view *view_classes_new(const char *ns);
struct view *view_instances_new(enum pager_op op, const char *ns, const char *arg, const MI_Instance *key);
struct view *view_instance_new(const char *ns, const MI_Instance *key);
struct view *view_classdef_new(const char *ns, const char *cls);
struct view *view_error_new(const MI_Instance *err, const char *what, MI_Result res, const char *msg);
struct view *view_log_new(void);
struct view *view_help_new(int for_kind);

/* table views: property names for completion (malloc'd list, NULL-ended) */
char **view_instances_columns(struct view *v);
int view_instances_set_columns(struct view *v, const char *spec);
int view_instances_sort(struct view *v, const char *prop, int desc);
int view_instances_export(struct view *v, const char *file, const char *fmt, char *err, size_t errlen);

/* value text helpers (view_instance.c) */
void value_readable(char *buf, size_t n, const MI_Datetime *dt);

#endif
