/* batch_cmd.h - shared by the batch command files (batch.c, batch_tree.c,
 * batch_invoke.c).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef CIMTUI_TUI_BATCH_CMD_H
#define CIMTUI_TUI_BATCH_CMD_H

#include "format.h"
#include "options.h"
#include "wbem_path.h"

struct batch {
	struct cimtui_options *o;
	MI_Application *app;
	MI_Session *session;
	struct fmt fmt;
	MI_OperationOptions opopts;
	/* ec --tree */
	char **names, **supers;
	size_t n, cap;
};

/* Fresh operation options for the next operation (timeout, --max page,
 * deep inheritance for class enumerations); owned by b. */
MI_OperationOptions *batch_opopts(struct batch *b, int classes);
/* Pulls every result of op through emit, honouring --max, signals and
 * output errors; closes op; returns the exit status. */
int batch_pull_instances(struct batch *b, MI_Operation *op, void (*emit)(struct fmt *, const MI_Instance *));
/* batch_pull_instances with results printed relative to the namespace of
 * path (when it names one) instead of -n. */
int batch_pull_for_path(struct batch *b, MI_Operation *op, const struct wbem_path *path,
	void (*emit)(struct fmt *, const MI_Instance *));
/* Same for classes; with collect, results go there instead of emit. */
int batch_pull_classes(struct batch *b, MI_Operation *op, void (*emit)(struct fmt *, const MI_Class *),
	void (*collect)(struct batch *, const MI_Class *));
/* Parses PATH (usage error printed on failure). */
int batch_path(struct batch *b, const char *text, struct wbem_path *p, int needs_keys);
/* The namespace for p: its own, or -n. */
const char *batch_ns(struct batch *b, const struct wbem_path *p);

int batch_tree(struct batch *b, const char *root);
int batch_invoke(struct batch *b, int argc, char **argv);

#endif
