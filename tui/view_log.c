/* view_log.c - the operations log (view 7): what, namespace, result,
 * count, duration; Enter on a failed one opens its CIM_Error.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "actions.h"
#include "draw.h"
#include "oplog.h"
#include "view.h"

struct logv {
	struct view v;
	size_t seen;
};

static int update(struct view *v)
{
	struct logv *l = (struct logv *)v;
	size_t n = oplog_count();
	if (n == l->seen)
		return 0;
	int at_end = v->cur + 1 >= v->nvis;
	l->seen = n;
	lines_clear(&v->L);
	for (size_t i = 0; i < n; i++) {
		struct oplog_entry e;
		if (oplog_get(i, &e))
			continue;
		struct line *ln = lines_add(&v->L, 1, (long)i, NULL);
		char c[32], res[64];
		draw_count(e.count, c, sizeof c);
		if (e.cancelled)
			snprintf(res, sizeof res, "cancelled");
		else if (e.result == MI_RESULT_OK)
			snprintf(res, sizeof res, "OK");
		else
			snprintf(res, sizeof res, "%s", MIX_ResultName(e.result));
		line_seg(ln, EL_TYPE, 4, "%zu", i + 1);
		line_seg(ln, e.result == MI_RESULT_OK || e.cancelled ? EL_VALUE : EL_ERROR, 22, "%s", res);
		line_seg(ln, EL_VALUE, 18, "%9s %7.2fs", c, e.seconds);
		line_seg(ln, EL_NAME, 0, "%s  [%s]", e.what ? e.what : "", e.ns ? e.ns : "");
	}
	view_lines_filter(v);
	if (at_end && v->nvis)
		v->cur = v->nvis - 1;
	return 1;
}

static int action(struct view *v, int act)
{
	if (act != ACT_ENTER)
		return 0;
	if (v->cur < v->nvis)
		ui_open_error(v->L.v[v->vis[v->cur]].tag);
	return 1;
}

static void title(struct view *v, char *buf, size_t n)
{
	snprintf(buf, n, "Operations log");
}

static const struct view_ops ops = {
	.kind = VK_LOG, .name = "log",
	.action = action, .update = update, .title = title,
};

struct view *view_log_new(void)
{
	struct logv *l = calloc(1, sizeof *l);
	if (!l)
		return NULL;
	view_init(&l->v, &ops, NULL);
	l->seen = (size_t)-1;
	update(&l->v);
	if (l->v.nvis)
		l->v.cur = l->v.nvis - 1;
	return &l->v;
}
