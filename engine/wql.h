/* wql.h - a small WQL parser and evaluator, usable by any producer that
 * filters instances itself (the embedded provider, test servers).
 *
 * Grammar (keywords case-insensitive):
 *   query   := SELECT ( '*' | prop { ',' prop } ) FROM class [ WHERE expr ]
 *   expr    := term { OR term }
 *   term    := factor { AND factor }
 *   factor  := NOT factor | '(' expr ')' | operand op operand
 *            | prop IS [NOT] NULL
 *   operand := prop | literal       (one side must be a property)
 *   op      := = | < | <= | > | >= | <> | != | LIKE
 *   literal := 'text' | "text" | number | TRUE | FALSE | NULL
 * LIKE patterns use % (any run) and _ (one character).  String comparisons
 * are case-insensitive, as in WMI.  A NULL or missing property satisfies
 * no comparison; for an array property a comparison holds when it holds
 * for any element.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef CIMTUI_ENGINE_WQL_H
#define CIMTUI_ENGINE_WQL_H

#include <stddef.h>
#include "mi.h"

struct wql_query;

/* Parses text.  Returns 0 and *out (owned), or -1 with a message in err
 * (syntax error) or -2 when out of memory. */
int wql_parse(const char *text, struct wql_query **out, char *err, size_t errlen);
void wql_free(struct wql_query *q);

const char *wql_class(const struct wql_query *q);
/* 0 for SELECT *. */
size_t wql_select_count(const struct wql_query *q);
const char *wql_select_at(const struct wql_query *q, size_t i);
/* Calls fn for every property the WHERE clause names; stops and returns
 * fn's value when it is non-zero. */
int wql_where_foreach(const struct wql_query *q, int (*fn)(const char *prop, void *ctx), void *ctx);
/* 1 when inst satisfies the WHERE clause (or there is none), else 0. */
int wql_match(const struct wql_query *q, const MI_Instance *inst);
/* Case-insensitive LIKE with % and _; exposed for tests. */
int wql_like(const char *text, const char *pattern);

#endif
