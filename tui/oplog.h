/* oplog.h - every operation of the session: what, target, result, count,
 * duration, and the CIM_Error of failures.  Thread safe.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef CIMTUI_TUI_OPLOG_H
#define CIMTUI_TUI_OPLOG_H

#include <stddef.h>
#include "mi.h"

struct oplog_entry {
	char *what;        /* "EnumerateInstances TST_Bulk" */
	char *ns;
	MI_Result result;
	int cancelled;
	char *message;     /* errorMessage, may be NULL */
	unsigned long count;
	double seconds;
	MI_Instance *error; /* clone of completionDetails, owned, may be NULL */
};

/* Records one finished operation; error is cloned.  Returns its index. */
size_t oplog_add(const char *what, const char *ns, MI_Result result, int cancelled,
	const char *message, unsigned long count, double seconds, const MI_Instance *error);
size_t oplog_count(void);
/* Copy of the scalar fields of entry i (strings borrowed until oplog_free);
 * returns 0 or -1. */
int oplog_get(size_t i, struct oplog_entry *out);
/* Index of the last failed (not cancelled) operation, or -1. */
long oplog_last_error(void);
void oplog_free(void);

#endif
