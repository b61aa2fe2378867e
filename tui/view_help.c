/* view_help.c - every key of the view below (view 8), generated from
 * the bindings the key dispatcher uses (built-in and from the config
 * file), plus the commands.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmdline.h"
#include "keys.h"
#include "view.h"

static const char *kind_names[VK_COUNT] = {"namespaces", "classes", "instances", "instance",
	"class definition", "CIM_Error", "operations log", "help"};

struct helpv {
	struct view v;
	int kind;
};

static void build(struct helpv *h)
{
	struct view *v = &h->v;
	struct line *ln = lines_add(&v->L, 1, 0, NULL);
	line_seg(ln, EL_HEADER, 0, "Keys in the %s view", kind_names[h->kind]);
	for (int a = 1; a < ACT_COUNT; a++) {
		char keys[128] = "";
		size_t kl = 0;
		int k[32];
		unsigned nk = keys_for_action((enum action)a, h->kind, k, 32);
		for (unsigned i = 0; i < nk && kl < sizeof keys - 1; i++) {
			char kn[32];
			keys_name(k[i], kn, sizeof kn);
			kl += (size_t)snprintf(keys + kl, sizeof keys - kl, "%s%s", kl ? " " : "", kn);
			if (kl >= sizeof keys)
				kl = sizeof keys - 1;
		}
		if (!kl)
			continue;
		ln = lines_add(&v->L, 2, a, NULL);
		line_seg(ln, EL_HELP_KEY, 32, "%s", keys);
		line_seg(ln, EL_VALUE, 0, "%s", action_help((enum action)a));
	}
	lines_add(&v->L, 0, 0, NULL);
	ln = lines_add(&v->L, 1, 0, NULL);
	line_seg(ln, EL_HEADER, 0, "Commands (after :, Tab completes)");
	for (size_t i = 0; cmd_table[i].name; i++) {
		ln = lines_add(&v->L, 2, 0, NULL);
		line_seg(ln, EL_HELP_KEY, 32, ":%s %s", cmd_table[i].name, cmd_table[i].args);
		line_seg(ln, EL_VALUE, 0, "%s", cmd_table[i].help);
	}
	view_lines_filter(v);
}

static void title(struct view *v, char *buf, size_t n)
{
	snprintf(buf, n, "Help: %s", kind_names[((struct helpv *)v)->kind]);
}

static const struct view_ops ops = {
	.kind = VK_HELP, .name = "help", .title = title,
};

struct view *view_help_new(int for_kind)
{
	struct helpv *h = calloc(1, sizeof *h);
	if (!h)
		return NULL;
	view_init(&h->v, &ops, NULL);
	h->kind = for_kind >= 0 && for_kind < VK_COUNT ? for_kind : 0;
	build(h);
	return &h->v;
}
