/* view_error.c - every property of a CIM_Error (completionDetails of a
 * failed operation) (view 6).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "actions.h"
#include "draw.h"
#include "view.h"
#include "wbem_path.h"

struct errv {
	struct view v;
	MI_Instance *err;
	char *what, *msg;
	MI_Result res;
};

#define NAMEW 26

static void add_value(struct view *v, int el_name, const char *name, int el, const char *text)
{
	int cols = COLS - NAMEW - 2;
	struct lines tmp = {0};
	lines_wrap(&tmp, 0, el, text, cols);
	for (size_t i = 0; i < tmp.n; i++) {
		struct line *ln = lines_add(&v->L, 1, 0, NULL);
		line_seg(ln, el_name, NAMEW, "%s", i ? "" : name);
		line_seg(ln, el, 0, "%s", tmp.v[i].seg[0]);
	}
	lines_clear(&tmp);
	free(tmp.v);
}

static void build(struct errv *e)
{
	struct view *v = &e->v;
	lines_clear(&v->L);
	char t[256];
	add_value(v, EL_NAME, "Operation", EL_VALUE, e->what ? e->what : "");
	snprintf(t, sizeof t, "%d (%s)", (int)e->res, MIX_ResultName(e->res));
	add_value(v, EL_NAME, "Result", EL_ERROR, t);
	if (e->msg)
		add_value(v, EL_NAME, "Error message", EL_VALUE, e->msg);
	if (e->err) {
		const MI_Char *cn = NULL;
		MI_Instance_GetClassName(e->err, &cn);
		struct line *ln = lines_add(&v->L, 1, 0, NULL);
		line_seg(ln, EL_HEADER, 0, "instance of %s", cn ? cn : "CIM_Error");
		MI_Uint32 n = 0;
		MI_Instance_GetElementCount(e->err, &n);
		for (MI_Uint32 i = 0; i < n; i++) {
			const MI_Char *name = NULL;
			MI_Value val;
			MI_Type ty;
			MI_Uint32 fl = 0;
			if (MI_Instance_GetElementAt(e->err, i, &name, &val, &ty, &fl) != MI_RESULT_OK)
				continue;
			if (fl & MI_FLAG_NULL) {
				add_value(v, EL_NAME, name, EL_NULLVAL, "NULL");
				continue;
			}
			struct sbuf b = SBUF_INIT;
			if (ty & MI_ARRAY) {
				for (MI_Uint32 k = 0; k < val.array.size; k++) {
					if (k)
						sb_puts(&b, "; ");
					wbem_scalar_text(&b, (MI_Type)(ty & ~MI_ARRAY), &val, 1, k);
				}
			} else {
				wbem_scalar_text(&b, ty, &val, 0, 0);
				if (!strcmp(name, "CIMStatusCode")) {
					unsigned long code = strtoul(sb_str(&b), NULL, 10);
					sb_printf(&b, " (%s)", MIX_ResultName((MI_Result)code));
				}
			}
			add_value(v, EL_NAME, name, EL_VALUE, sb_str(&b));
			sb_free(&b);
		}
	} else {
		struct line *ln = lines_add(&v->L, 1, 0, NULL);
		line_seg(ln, EL_NULLVAL, 0, "(no CIM_Error instance)");
	}
	v->built_cols = COLS;
	view_lines_filter(v);
}

static int update(struct view *v)
{
	if (v->built_cols == COLS)
		return 0;
	build((struct errv *)v);
	return 1;
}

static void title(struct view *v, char *buf, size_t n)
{
	struct errv *e = (struct errv *)v;
	snprintf(buf, n, "CIM_Error: %s", e->what ? e->what : "");
}

static void efree(struct view *v)
{
	struct errv *e = (struct errv *)v;
	if (e->err)
		MI_Instance_Delete(e->err);
	free(e->what);
	free(e->msg);
}

static const struct view_ops ops = {
	.kind = VK_ERROR, .name = "error",
	.update = update, .title = title, .free = efree,
};

struct view *view_error_new(const MI_Instance *err, const char *what, MI_Result res, const char *msg)
{
	struct errv *e = calloc(1, sizeof *e);
	if (!e)
		return NULL;
	view_init(&e->v, &ops, NULL);
	if (err)
		MI_Instance_Clone(err, &e->err);
	e->what = what ? strdup(what) : NULL;
	e->msg = msg ? strdup(msg) : NULL;
	e->res = res;
	build(e);
	return &e->v;
}
