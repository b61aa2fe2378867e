/* rows.c - compact row store, filter and sort.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "rows.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define CHUNK_SIZE (1u << 20)

struct rows_chunk {
	struct rows_chunk *next;
	size_t used, size;
	unsigned char data[];
};

struct rows *rows_new(void)
{
	struct rows *r = calloc(1, sizeof *r);
	if (!r)
		return NULL;
	pthread_mutex_init(&r->lock, NULL);
	r->sortcol = -1;
	return r;
}

void rows_free(struct rows *r)
{
	if (!r)
		return;
	for (unsigned i = 0; i < r->ncols; i++)
		free(r->cols[i].name);
	free(r->cols);
	while (r->chunks) {
		struct rows_chunk *c = r->chunks;
		r->chunks = c->next;
		free(c);
	}
	free(r->v);
	free(r->idx);
	free(r->filter);
	pthread_mutex_destroy(&r->lock);
	free(r);
}

int rows_find_col(const struct rows *r, const char *name)
{
	for (unsigned i = 0; i < r->ncols; i++)
		if (!strcasecmp(r->cols[i].name, name))
			return (int)i;
	return -1;
}

int rows_col(struct rows *r, const char *name, int type, int key)
{
	int c = rows_find_col(r, name);
	if (c >= 0) {
		if (key)
			r->cols[c].key = 1;
		return c;
	}
	if (r->ncols == r->capcols) {
		unsigned nc = r->capcols ? r->capcols * 2 : 16;
		struct rows_col *q = realloc(r->cols, nc * sizeof *q);
		if (!q)
			return -1;
		r->cols = q;
		r->capcols = nc;
	}
	struct rows_col *col = &r->cols[r->ncols];
	col->name = strdup(name);
	if (!col->name)
		return -1;
	col->type = type;
	col->key = key;
	col->width = 0;
	return (int)r->ncols++;
}

static unsigned char *arena_alloc(struct rows *r, size_t n)
{
	struct rows_chunk *c = r->chunks;
	if (!c || c->size - c->used < n) {
		size_t sz = n > CHUNK_SIZE ? n : CHUNK_SIZE;
		c = malloc(sizeof *c + sz);
		if (!c)
			return NULL;
		c->size = sz;
		c->used = 0;
		c->next = r->chunks;
		r->chunks = c;
		r->arena_bytes += sizeof *c + sz;
	}
	unsigned char *p = c->data + c->used;
	c->used += n;
	return p;
}

int rows_add(struct rows *r, const char *const *cells, const size_t *lens, unsigned n)
{
	if (n > 0xFFFF)
		n = 0xFFFF;
	size_t bytes = 2 + 2 * (size_t)n;
	for (unsigned i = 0; i < n; i++)
		if (cells[i])
			bytes += lens[i] > ROWS_CELL_MAX ? ROWS_CELL_MAX : lens[i];
	if (r->n == r->cap) {
		size_t nc = r->cap ? r->cap * 2 : 1024;
		unsigned char **q = realloc(r->v, nc * sizeof *q);
		if (!q)
			return -1;
		r->v = q;
		r->cap = nc;
	}
	unsigned char *p = arena_alloc(r, bytes);
	if (!p)
		return -1;
	p[0] = (unsigned char)(n & 0xFF);
	p[1] = (unsigned char)(n >> 8);
	unsigned char *d = p + 2 + 2 * (size_t)n;
	for (unsigned i = 0; i < n; i++) {
		size_t l = ROWS_NULL;
		if (cells[i]) {
			l = lens[i] > ROWS_CELL_MAX ? ROWS_CELL_MAX : lens[i];
			memcpy(d, cells[i], l);
			d += l;
			r->text_bytes += l;
		}
		p[2 + 2 * i] = (unsigned char)(l & 0xFF);
		p[3 + 2 * i] = (unsigned char)(l >> 8);
	}
	r->v[r->n++] = p;
	return 0;
}

const char *rows_cell(const struct rows *r, size_t i, unsigned c, size_t *len)
{
	const unsigned char *p = r->v[i];
	unsigned n = p[0] | (unsigned)p[1] << 8;
	*len = 0;
	if (c >= n)
		return NULL;
	size_t off = 2 + 2 * (size_t)n;
	for (unsigned k = 0; k < c; k++) {
		unsigned l = p[2 + 2 * k] | (unsigned)p[3 + 2 * k] << 8;
		if (l != ROWS_NULL)
			off += l;
	}
	unsigned l = p[2 + 2 * c] | (unsigned)p[3 + 2 * c] << 8;
	if (l == ROWS_NULL)
		return NULL;
	*len = l;
	return (const char *)p + off;
}

size_t rows_memory(const struct rows *r)
{
	return sizeof *r + r->arena_bytes + r->cap * sizeof *r->v + r->capidx * sizeof *r->idx +
	       r->capcols * sizeof *r->cols;
}

static int has_substr_ci(const char *s, size_t n, const char *f, size_t fl)
{
	if (fl > n)
		return 0;
	for (size_t i = 0; i + fl <= n; i++) {
		size_t k = 0;
		while (k < fl && tolower((unsigned char)s[i + k]) == (unsigned char)f[k])
			k++;
		if (k == fl)
			return 1;
	}
	return 0;
}

int rows_match(const struct rows *r, size_t i, const char *f)
{
	if (!f || !*f)
		return 1;
	size_t fl = strlen(f);
	const unsigned char *p = r->v[i];
	unsigned n = p[0] | (unsigned)p[1] << 8;
	const char *d = (const char *)p + 2 + 2 * (size_t)n;
	for (unsigned k = 0; k < n; k++) {
		unsigned l = p[2 + 2 * k] | (unsigned)p[3 + 2 * k] << 8;
		if (l == ROWS_NULL)
			continue;
		if (has_substr_ci(d, l, f, fl))
			return 1;
		d += l;
	}
	return 0;
}

static int view_push(struct rows *r, uint32_t i)
{
	if (r->nidx == r->capidx) {
		size_t nc = r->capidx ? r->capidx * 2 : 1024;
		uint32_t *q = realloc(r->idx, nc * sizeof *q);
		if (!q)
			return -1;
		r->idx = q;
		r->capidx = nc;
	}
	r->idx[r->nidx++] = i;
	return 0;
}

/* sort context: qsort_r (glibc) */
static int num_type(int t)
{
	return t >= 1 && t <= 10; /* MI_UINT8 .. MI_REAL64 */
}

static int cmp_cells(const struct rows *r, uint32_t a, uint32_t b)
{
	size_t la, lb;
	unsigned c = (unsigned)r->sortcol;
	const char *x = rows_cell(r, a, c, &la), *y = rows_cell(r, b, c, &lb);
	int res;
	if (!x || !y) {
		res = (x ? 1 : 0) - (y ? 1 : 0); /* NULL first */
	} else if (num_type(r->cols[c].type)) {
		char bx[64], by[64];
		size_t nx = la < 63 ? la : 63, ny = lb < 63 ? lb : 63;
		memcpy(bx, x, nx); bx[nx] = 0;
		memcpy(by, y, ny); by[ny] = 0;
		double dx = strtod(bx, NULL), dy = strtod(by, NULL);
		res = dx < dy ? -1 : dx > dy ? 1 : 0;
	} else {
		size_t m = la < lb ? la : lb;
		res = 0;
		for (size_t k = 0; k < m && !res; k++)
			res = tolower((unsigned char)x[k]) - tolower((unsigned char)y[k]);
		if (!res)
			res = la < lb ? -1 : la > lb ? 1 : 0;
	}
	if (!res)
		res = a < b ? -1 : a > b ? 1 : 0; /* stable */
	else if (r->sortdesc)
		res = -res;
	return res;
}

static int qcmp(const void *pa, const void *pb, void *ctx)
{
	return cmp_cells(ctx, *(const uint32_t *)pa, *(const uint32_t *)pb);
}

static void do_sort(struct rows *r)
{
	if (r->sortcol >= 0 && (unsigned)r->sortcol < r->ncols)
		qsort_r(r->idx, r->nidx, sizeof *r->idx, qcmp, r);
	else if (r->sortcol < 0) {
		/* arrival order: the view is a filtered ascending list already
		 * unless it was sorted before */
		for (size_t i = 1; i < r->nidx; i++)
			if (r->idx[i - 1] > r->idx[i]) {
				r->scanned = 0;
				r->nidx = 0;
				break;
			}
	}
	r->sort_dirty = 0;
}

void rows_view_update(struct rows *r, int resort)
{
	for (size_t i = r->scanned; i < r->n; i++)
		if (rows_match(r, i, r->filter))
			if (view_push(r, (uint32_t)i) == 0)
				r->sort_dirty = 1;
	r->scanned = r->n;
	if (r->sort_dirty && resort && r->sortcol >= 0)
		do_sort(r);
}

void rows_set_filter(struct rows *r, const char *filter)
{
	free(r->filter);
	r->filter = NULL;
	if (filter && *filter) {
		r->filter = strdup(filter);
		if (r->filter)
			for (char *p = r->filter; *p; p++)
				*p = (char)tolower((unsigned char)*p);
	}
	r->nidx = 0;
	r->scanned = 0;
	rows_view_update(r, 0);
	if (r->sortcol >= 0)
		do_sort(r);
}

void rows_set_sort(struct rows *r, int col, int desc)
{
	r->sortcol = col;
	r->sortdesc = desc;
	if (col < 0) {
		r->nidx = 0;
		r->scanned = 0;
		rows_view_update(r, 0);
	} else {
		rows_view_update(r, 0);
		do_sort(r);
	}
}
