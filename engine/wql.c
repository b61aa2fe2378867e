/* wql.c - WQL parser (recursive descent) and evaluator; see wql.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "wql.h"
#include "model.h"

enum tok {
	T_END, T_IDENT, T_STRING, T_NUMBER, T_STAR, T_COMMA, T_LPAREN, T_RPAREN,
	T_EQ, T_LT, T_LE, T_GT, T_GE, T_NE
};

enum op { OP_EQ, OP_LT, OP_LE, OP_GT, OP_GE, OP_NE, OP_LIKE };

enum lit_kind { L_STRING, L_INT, L_REAL, L_BOOL, L_NULL };

struct literal {
	enum lit_kind kind;
	char *s;      /* L_STRING; also the text of numbers */
	int64_t i;
	double d;
	int b;
};

enum node_kind { N_AND, N_OR, N_NOT, N_CMP, N_ISNULL, N_NOTNULL };

struct node {
	enum node_kind kind;
	struct node *l, *r;
	char *prop;
	enum op op;
	struct literal lit;
};

struct wql_query {
	char *cls;
	char **select;
	size_t nselect;
	struct node *where;
};

/* Limits that keep a hostile query from exhausting the stack: the parser,
 * evaluator and free all recurse over the tree. */
#define WQL_MAX_DEPTH 64    /* nested parentheses and NOTs */
#define WQL_MAX_NODES 1024  /* conditions and operators in WHERE */

struct parser {
	const char *p;
	enum tok tok;
	int depth;
	size_t nodes;
	char *text;       /* token text (identifier, string, number) */
	char *err;
	size_t errlen;
	int failed;       /* -1 syntax, -2 memory */
};

static void
fail(struct parser *ps, const char *fmt, ...)
{
	va_list ap;

	if (ps->failed)
		return;
	ps->failed = -1;
	va_start(ap, fmt);
	vsnprintf(ps->err, ps->errlen, fmt, ap);
	va_end(ap);
}

static void
nomem(struct parser *ps)
{
	if (!ps->failed) {
		ps->failed = -2;
		snprintf(ps->err, ps->errlen, "out of memory");
	}
}

static void
next(struct parser *ps)
{
	const char *p = ps->p;

	free(ps->text);
	ps->text = NULL;
	while (isspace((unsigned char)*p))
		p++;
	if (*p == '\0') {
		ps->tok = T_END;
	} else if (isalpha((unsigned char)*p) || *p == '_') {
		const char *s = p;
		while (isalnum((unsigned char)*p) || *p == '_')
			p++;
		ps->text = strndup(s, (size_t)(p - s));
		if (ps->text == NULL)
			nomem(ps);
		ps->tok = T_IDENT;
	} else if (*p == '\'' || *p == '"') {
		char q = *p++, *d;
		ps->text = malloc(strlen(p) + 1);
		if (ps->text == NULL) {
			nomem(ps);
			ps->tok = T_END;
			return;
		}
		d = ps->text;
		for (;;) {
			if (*p == '\0') {
				fail(ps, "unterminated string literal");
				ps->tok = T_END;
				ps->p = p;
				return;
			}
			if (*p == '\\' && p[1] != '\0') {
				*d++ = p[1];
				p += 2;
			} else if (*p == q && p[1] == q) {
				*d++ = q;
				p += 2;
			} else if (*p == q) {
				p++;
				break;
			} else {
				*d++ = *p++;
			}
		}
		*d = '\0';
		ps->tok = T_STRING;
	} else if (isdigit((unsigned char)*p) || ((*p == '-' || *p == '+' || *p == '.') &&
		(isdigit((unsigned char)p[1]) || (p[1] == '.' && isdigit((unsigned char)p[2]))))) {
		const char *s = p;
		p++;
		while (isalnum((unsigned char)*p) || *p == '.' ||
			((*p == '-' || *p == '+') && (p[-1] == 'e' || p[-1] == 'E')))
			p++;
		ps->text = strndup(s, (size_t)(p - s));
		if (ps->text == NULL)
			nomem(ps);
		ps->tok = T_NUMBER;
	} else {
		switch (*p) {
		case '*': ps->tok = T_STAR; p++; break;
		case ',': ps->tok = T_COMMA; p++; break;
		case '(': ps->tok = T_LPAREN; p++; break;
		case ')': ps->tok = T_RPAREN; p++; break;
		case '=': ps->tok = T_EQ; p++; break;
		case '<':
			p++;
			if (*p == '=') { ps->tok = T_LE; p++; }
			else if (*p == '>') { ps->tok = T_NE; p++; }
			else ps->tok = T_LT;
			break;
		case '>':
			p++;
			if (*p == '=') { ps->tok = T_GE; p++; }
			else ps->tok = T_GT;
			break;
		case '!':
			if (p[1] == '=') {
				ps->tok = T_NE;
				p += 2;
				break;
			}
			/* fall through */
		default:
			fail(ps, "unexpected character '%c' at offset %d", *p, (int)(p - ps->p));
			ps->tok = T_END;
			return;
		}
	}
	ps->p = p;
}

static int
is_kw(const struct parser *ps, const char *kw)
{
	return ps->tok == T_IDENT && strcasecmp(ps->text, kw) == 0;
}

static int
is_reserved(const char *s)
{
	static const char *const kw[] = { "SELECT", "FROM", "WHERE", "AND", "OR", "NOT", "LIKE", "IS",
		"NULL", "TRUE", "FALSE", NULL };
	size_t i;

	for (i = 0; kw[i] != NULL; i++)
		if (strcasecmp(s, kw[i]) == 0)
			return 1;
	return 0;
}

static void
node_free(struct node *n)
{
	if (n == NULL)
		return;
	node_free(n->l);
	node_free(n->r);
	free(n->prop);
	free(n->lit.s);
	free(n);
}

static struct node *parse_expr(struct parser *ps);

static struct node *
node_new(struct parser *ps, enum node_kind kind)
{
	if (++ps->nodes > WQL_MAX_NODES) {
		fail(ps, "WHERE clause longer than %d conditions", WQL_MAX_NODES);
		return NULL;
	}
	struct node *n = calloc(1, sizeof *n);

	if (n == NULL)
		nomem(ps);
	else
		n->kind = kind;
	return n;
}

/* Reads a literal at the current token into *lit; 0 or -1. */
static int
parse_literal(struct parser *ps, struct literal *lit)
{
	memset(lit, 0, sizeof *lit);
	if (ps->tok == T_STRING) {
		lit->kind = L_STRING;
		lit->s = ps->text;
		ps->text = NULL;
	} else if (ps->tok == T_NUMBER) {
		char *end;
		errno = 0;
		lit->i = strtoll(ps->text, &end, 0);
		if (*end == '\0' && errno == 0) {
			lit->kind = L_INT;
			lit->d = (double)lit->i;
		} else {
			lit->d = strtod(ps->text, &end);
			if (*end != '\0') {
				fail(ps, "malformed number '%s'", ps->text);
				return -1;
			}
			lit->kind = L_REAL;
		}
		lit->s = ps->text;
		ps->text = NULL;
	} else if (is_kw(ps, "TRUE") || is_kw(ps, "FALSE")) {
		lit->kind = L_BOOL;
		lit->b = is_kw(ps, "TRUE");
	} else if (is_kw(ps, "NULL")) {
		lit->kind = L_NULL;
	} else {
		return -1;
	}
	next(ps);
	return 0;
}

static int
parse_op(struct parser *ps, enum op *op)
{
	switch (ps->tok) {
	case T_EQ: *op = OP_EQ; break;
	case T_LT: *op = OP_LT; break;
	case T_LE: *op = OP_LE; break;
	case T_GT: *op = OP_GT; break;
	case T_GE: *op = OP_GE; break;
	case T_NE: *op = OP_NE; break;
	default:
		if (is_kw(ps, "LIKE")) {
			*op = OP_LIKE;
			break;
		}
		return -1;
	}
	next(ps);
	return 0;
}

static enum op
mirror(enum op op)
{
	switch (op) {
	case OP_LT: return OP_GT;
	case OP_LE: return OP_GE;
	case OP_GT: return OP_LT;
	case OP_GE: return OP_LE;
	default: return op;
	}
}

static struct node *parse_factor_nested(struct parser *ps);

/* parse_factor recurses through NOT and parentheses: count the depth. */
static struct node *
parse_factor(struct parser *ps)
{
	if (ps->depth >= WQL_MAX_DEPTH) {
		fail(ps, "WHERE clause nested deeper than %d levels", WQL_MAX_DEPTH);
		return NULL;
	}
	ps->depth++;
	struct node *n = parse_factor_nested(ps);
	ps->depth--;
	return n;
}

static struct node *
parse_factor_nested(struct parser *ps)
{
	struct node *n;

	if (ps->failed)
		return NULL;
	if (is_kw(ps, "NOT")) {
		next(ps);
		n = node_new(ps, N_NOT);
		if (n != NULL && (n->l = parse_factor(ps)) == NULL) {
			node_free(n);
			return NULL;
		}
		return n;
	}
	if (ps->tok == T_LPAREN) {
		next(ps);
		n = parse_expr(ps);
		if (n == NULL)
			return NULL;
		if (ps->tok != T_RPAREN) {
			fail(ps, "')' expected");
			node_free(n);
			return NULL;
		}
		next(ps);
		return n;
	}
	n = node_new(ps, N_CMP);
	if (n == NULL)
		return NULL;
	if (ps->tok == T_IDENT && !is_reserved(ps->text)) {
		n->prop = ps->text;
		ps->text = NULL;
		next(ps);
		if (is_kw(ps, "IS")) {
			next(ps);
			n->kind = N_ISNULL;
			if (is_kw(ps, "NOT")) {
				n->kind = N_NOTNULL;
				next(ps);
			}
			if (!is_kw(ps, "NULL")) {
				fail(ps, "NULL expected after IS");
				node_free(n);
				return NULL;
			}
			next(ps);
			return n;
		}
		if (parse_op(ps, &n->op) < 0) {
			fail(ps, "comparison operator expected after '%s'", n->prop);
			node_free(n);
			return NULL;
		}
		if (parse_literal(ps, &n->lit) < 0) {
			fail(ps, "literal expected after operator");
			node_free(n);
			return NULL;
		}
	} else {
		if (parse_literal(ps, &n->lit) < 0) {
			fail(ps, "property or literal expected");
			node_free(n);
			return NULL;
		}
		if (parse_op(ps, &n->op) < 0 || n->op == OP_LIKE) {
			fail(ps, "comparison operator expected");
			node_free(n);
			return NULL;
		}
		if (ps->tok != T_IDENT || is_reserved(ps->text)) {
			fail(ps, "property expected: one side of a comparison must be a property");
			node_free(n);
			return NULL;
		}
		n->prop = ps->text;
		ps->text = NULL;
		n->op = mirror(n->op);
		next(ps);
	}
	if (n->lit.kind == L_NULL) {
		if (n->op != OP_EQ && n->op != OP_NE) {
			fail(ps, "NULL can only be compared with = or <>");
			node_free(n);
			return NULL;
		}
		n->kind = n->op == OP_EQ ? N_ISNULL : N_NOTNULL;
	}
	return n;
}

/* One level of the left-associative binary operators: operands parsed by
 * `operand`, joined by keyword `kw` into nodes of `kind` (AND binds
 * tighter than OR because parse_expr's operands are parse_term's). */
static struct node *
parse_chain(struct parser *ps, const char *kw, enum node_kind kind,
	struct node *(*operand)(struct parser *))
{
	struct node *l = operand(ps);

	while (l != NULL && is_kw(ps, kw)) {
		struct node *n = node_new(ps, kind);
		next(ps);
		if (n == NULL) {
			node_free(l);
			return NULL;
		}
		n->l = l;
		n->r = operand(ps);
		if (n->r == NULL) {
			node_free(n);
			return NULL;
		}
		l = n;
	}
	return l;
}

static struct node *
parse_term(struct parser *ps)
{
	return parse_chain(ps, "AND", N_AND, parse_factor);
}

static struct node *
parse_expr(struct parser *ps)
{
	return parse_chain(ps, "OR", N_OR, parse_term);
}

void
wql_free(struct wql_query *q)
{
	size_t i;

	if (q == NULL)
		return;
	free(q->cls);
	for (i = 0; i < q->nselect; i++)
		free(q->select[i]);
	free(q->select);
	node_free(q->where);
	free(q);
}

int
wql_parse(const char *text, struct wql_query **out, char *err, size_t errlen)
{
	struct parser ps;
	struct wql_query *q;

	*out = NULL;
	memset(&ps, 0, sizeof ps);
	ps.p = text != NULL ? text : "";
	ps.err = err;
	ps.errlen = errlen;
	if (errlen > 0)
		err[0] = '\0';
	q = calloc(1, sizeof *q);
	if (q == NULL) {
		snprintf(err, errlen, "out of memory");
		return -2;
	}
	next(&ps);
	if (!is_kw(&ps, "SELECT")) {
		fail(&ps, "SELECT expected");
		goto out;
	}
	next(&ps);
	if (ps.tok == T_STAR) {
		next(&ps);
	} else {
		for (;;) {
			char **ns;
			if (ps.tok != T_IDENT || is_reserved(ps.text)) {
				fail(&ps, "property name or '*' expected after SELECT");
				goto out;
			}
			ns = realloc(q->select, (q->nselect + 1) * sizeof *ns);
			if (ns == NULL) {
				nomem(&ps);
				goto out;
			}
			q->select = ns;
			q->select[q->nselect++] = ps.text;
			ps.text = NULL;
			next(&ps);
			if (ps.tok != T_COMMA)
				break;
			next(&ps);
		}
	}
	if (!is_kw(&ps, "FROM")) {
		fail(&ps, "FROM expected");
		goto out;
	}
	next(&ps);
	if (ps.tok != T_IDENT || is_reserved(ps.text)) {
		fail(&ps, "class name expected after FROM");
		goto out;
	}
	q->cls = ps.text;
	ps.text = NULL;
	next(&ps);
	if (is_kw(&ps, "WHERE")) {
		next(&ps);
		q->where = parse_expr(&ps);
		if (q->where == NULL) {
			if (!ps.failed)
				fail(&ps, "condition expected after WHERE");
			goto out;
		}
	}
	if (ps.tok != T_END && !ps.failed)
		fail(&ps, "unexpected text at the end of the query");
out:
	free(ps.text);
	if (ps.failed) {
		wql_free(q);
		return ps.failed;
	}
	*out = q;
	return 0;
}

const char *
wql_class(const struct wql_query *q)
{
	return q->cls;
}

size_t
wql_select_count(const struct wql_query *q)
{
	return q->nselect;
}

const char *
wql_select_at(const struct wql_query *q, size_t i)
{
	return i < q->nselect ? q->select[i] : NULL;
}

static int
foreach_node(const struct node *n, int (*fn)(const char *, void *), void *ctx)
{
	int rc;

	if (n == NULL)
		return 0;
	if (n->prop != NULL && (rc = fn(n->prop, ctx)) != 0)
		return rc;
	if ((rc = foreach_node(n->l, fn, ctx)) != 0)
		return rc;
	return foreach_node(n->r, fn, ctx);
}

int
wql_where_foreach(const struct wql_query *q, int (*fn)(const char *prop, void *ctx), void *ctx)
{
	return foreach_node(q->where, fn, ctx);
}

/* ---- evaluation ------------------------------------------------------------------ */
int
wql_like(const char *t, const char *p)
{
	/* Iterative with one backtrack point (the last '%'): linear-ish time
	 * however many '%' the pattern has, where plain recursion is
	 * exponential on patterns like '%_%_%_...z'. */
	const char *star_p = NULL, *star_t = NULL;

	while (*t != '\0') {
		if (*p == '%') {
			while (*p == '%')
				p++;
			if (*p == '\0')
				return 1;
			star_p = p;
			star_t = t;
		} else if (*p != '\0' && (*p == '_' || tolower((unsigned char)*p) == tolower((unsigned char)*t))) {
			p++;
			t++;
		} else if (star_p != NULL) {
			p = star_p;
			t = ++star_t;
		} else {
			return 0;
		}
	}
	while (*p == '%')
		p++;
	return *p == '\0';
}

static int
op_holds(enum op op, int cmp)
{
	switch (op) {
	case OP_EQ: return cmp == 0;
	case OP_NE: return cmp != 0;
	case OP_LT: return cmp < 0;
	case OP_LE: return cmp <= 0;
	case OP_GT: return cmp > 0;
	case OP_GE: return cmp >= 0;
	default: return 0;
	}
}

static int
sign_d(double a, double b)
{
	return a < b ? -1 : a > b ? 1 : 0;
}

/* Compares a string value with the literal. */
static int
cmp_text(const char *s, enum op op, const struct literal *lit)
{
	char *end;
	double d;

	switch (lit->kind) {
	case L_STRING:
		if (op == OP_LIKE)
			return wql_like(s, lit->s);
		return op_holds(op, strcasecmp(s, lit->s));
	case L_INT:
	case L_REAL:
		if (op == OP_LIKE)
			return wql_like(s, lit->s);
		errno = 0;
		d = strtod(s, &end);
		if (end == s || *end != '\0' || errno != 0)
			return 0;
		return op_holds(op, sign_d(d, lit->d));
	case L_BOOL:
		if (strcasecmp(s, "true") != 0 && strcasecmp(s, "false") != 0)
			return 0;
		return op_holds(op, (strcasecmp(s, "true") == 0) - lit->b);
	default:
		return 0;
	}
}

static int
cmp_signed(int64_t v, enum op op, const struct literal *lit)
{
	char buf[32];

	if (op == OP_LIKE || lit->kind == L_STRING) {
		snprintf(buf, sizeof buf, "%" PRId64, v);
		return cmp_text(buf, op, lit);
	}
	if (lit->kind == L_INT)
		return op_holds(op, v < lit->i ? -1 : v > lit->i);
	if (lit->kind == L_REAL)
		return op_holds(op, sign_d((double)v, lit->d));
	if (lit->kind == L_BOOL)
		return op_holds(op, (v != 0) - lit->b);
	return 0;
}

static int
cmp_unsigned(uint64_t v, enum op op, const struct literal *lit)
{
	char buf[32];

	if (op == OP_LIKE || lit->kind == L_STRING) {
		snprintf(buf, sizeof buf, "%" PRIu64, v);
		return cmp_text(buf, op, lit);
	}
	if (lit->kind == L_INT) {
		if (lit->i < 0)
			return op_holds(op, 1);
		return op_holds(op, v < (uint64_t)lit->i ? -1 : v > (uint64_t)lit->i);
	}
	if (lit->kind == L_REAL)
		return op_holds(op, sign_d((double)v, lit->d));
	if (lit->kind == L_BOOL)
		return op_holds(op, (v != 0) - lit->b);
	return 0;
}

static int
cmp_real(double v, enum op op, const struct literal *lit)
{
	char buf[64];

	if (op == OP_LIKE || lit->kind == L_STRING) {
		snprintf(buf, sizeof buf, "%.17g", v);
		return cmp_text(buf, op, lit);
	}
	if (lit->kind == L_INT || lit->kind == L_REAL)
		return op_holds(op, sign_d(v, lit->d));
	return 0;
}

/* Compares element i of the (possibly array) value; scalar when !array. */
static int
cmp_at(const MI_Value *v, MI_Type type, MI_Uint32 i, enum op op, const struct literal *lit)
{
	char buf[32];

	switch (type & ~MI_ARRAY) {
	case MI_BOOLEAN: {
		int b = type & MI_ARRAY ? v->booleana.data[i] : v->boolean;
		if (lit->kind == L_STRING)
			return cmp_text(b ? "TRUE" : "FALSE", op, lit);
		return cmp_signed(b != 0, op, lit);
	}
	case MI_UINT8: return cmp_unsigned(type & MI_ARRAY ? v->uint8a.data[i] : v->uint8, op, lit);
	case MI_SINT8: return cmp_signed(type & MI_ARRAY ? v->sint8a.data[i] : v->sint8, op, lit);
	case MI_UINT16: return cmp_unsigned(type & MI_ARRAY ? v->uint16a.data[i] : v->uint16, op, lit);
	case MI_SINT16: return cmp_signed(type & MI_ARRAY ? v->sint16a.data[i] : v->sint16, op, lit);
	case MI_UINT32: return cmp_unsigned(type & MI_ARRAY ? v->uint32a.data[i] : v->uint32, op, lit);
	case MI_SINT32: return cmp_signed(type & MI_ARRAY ? v->sint32a.data[i] : v->sint32, op, lit);
	case MI_UINT64: return cmp_unsigned(type & MI_ARRAY ? v->uint64a.data[i] : v->uint64, op, lit);
	case MI_SINT64: return cmp_signed(type & MI_ARRAY ? v->sint64a.data[i] : v->sint64, op, lit);
	case MI_REAL32: return cmp_real(type & MI_ARRAY ? v->real32a.data[i] : v->real32, op, lit);
	case MI_REAL64: return cmp_real(type & MI_ARRAY ? v->real64a.data[i] : v->real64, op, lit);
	case MI_CHAR16: {
		MI_Char16 c = type & MI_ARRAY ? v->char16a.data[i] : v->char16;
		if (lit->kind == L_STRING) {
			buf[0] = c < 128 ? (char)c : '?';
			buf[1] = '\0';
			return cmp_text(buf, op, lit);
		}
		return cmp_unsigned(c, op, lit);
	}
	case MI_STRING: {
		const char *s = type & MI_ARRAY ? v->stringa.data[i] : v->string;
		return s != NULL && cmp_text(s, op, lit);
	}
	case MI_DATETIME: {
		char dt[32];
		mix_datetime_format(type & MI_ARRAY ? &v->datetimea.data[i] : &v->datetime, dt);
		return cmp_text(dt, op, lit);
	}
	default:
		return 0;
	}
}

static int
eval(const struct node *n, const MI_Instance *inst)
{
	MI_Value v;
	MI_Type type;
	MI_Uint32 flags, i;
	int null;

	switch (n->kind) {
	case N_AND: return eval(n->l, inst) && eval(n->r, inst);
	case N_OR: return eval(n->l, inst) || eval(n->r, inst);
	case N_NOT: return !eval(n->l, inst);
	default: break;
	}
	null = MI_Instance_GetElement(inst, n->prop, &v, &type, &flags, NULL) != MI_RESULT_OK ||
		(flags & MI_FLAG_NULL);
	if (n->kind == N_ISNULL)
		return null;
	if (n->kind == N_NOTNULL)
		return !null;
	if (null)
		return 0;
	if (!(type & MI_ARRAY))
		return cmp_at(&v, type, 0, n->op, &n->lit);
	for (i = 0; i < v.array.size; i++)
		if (cmp_at(&v, type, i, n->op, &n->lit))
			return 1;
	return 0;
}

int
wql_match(const struct wql_query *q, const MI_Instance *inst)
{
	return q->where == NULL || eval(q->where, inst);
}
