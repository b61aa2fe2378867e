/* rows.h - compact row store for big result tables.
 *
 * One arena allocation per row: [u16 ncells][u16 len x ncells][bytes...],
 * cell texts raw UTF-8 (escaped only when drawn), length 0xFFFF = NULL.
 * Columns grow as new property names show up; old rows read them as NULL.
 * A view (index array) gives the filtered and sorted order.  Not thread
 * safe by itself: the pager and the UI hold rows->lock around calls.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef CIMTUI_TUI_ROWS_H
#define CIMTUI_TUI_ROWS_H

#include <pthread.h>
#include <stddef.h>
#include <stdint.h>

#define ROWS_NULL 0xFFFFu
#define ROWS_CELL_MAX 0xFFFEu

struct rows_col {
	char *name;
	int type;      /* MI_Type of the values, -1 unknown */
	int key;       /* key property */
	int width;     /* widest cell seen in the first rows (display columns) */
};

struct rows_chunk;

struct rows {
	pthread_mutex_t lock;
	struct rows_col *cols;
	unsigned ncols, capcols;
	unsigned char **v; /* row blobs */
	size_t n, cap;
	struct rows_chunk *chunks;
	size_t arena_bytes; /* bytes allocated for chunks */
	size_t text_bytes;  /* cell bytes stored */
	/* view */
	uint32_t *idx;
	size_t nidx, capidx, scanned;
	char *filter;      /* lower-cased, NULL none */
	int sortcol;       /* -1 none */
	int sortdesc;
	int sort_dirty;    /* rows appended since the last sort */
};

struct rows *rows_new(void);
void rows_free(struct rows *r);
/* Column index for name, added when missing (type/key recorded then). */
int rows_col(struct rows *r, const char *name, int type, int key);
int rows_find_col(const struct rows *r, const char *name);
/* Appends a row: cells[i]/lens[i] for column i (NULL = NULL value),
 * n cells.  Returns 0 or -1 (out of memory). */
int rows_add(struct rows *r, const char *const *cells, const size_t *lens, unsigned n);
/* Cell c of row i: pointer (not NUL-terminated) and length; NULL for NULL. */
const char *rows_cell(const struct rows *r, size_t i, unsigned c, size_t *len);
/* Bytes held (arena + row pointers + view), for the memory bound. */
size_t rows_memory(const struct rows *r);

/* View: filter (substring, case-insensitive over all cells; NULL or "" =
 * all) and sort (-1 = arrival order). */
void rows_set_filter(struct rows *r, const char *filter);
void rows_set_sort(struct rows *r, int col, int desc);
/* Brings the view up to date with appended rows; resort when sorting and
 * `resort` (the UI limits how often). */
void rows_view_update(struct rows *r, int resort);
/* row number of view position p */
static inline size_t rows_at(const struct rows *r, size_t p) { return r->idx[p]; }
/* 1 when row i matches the filter f (lower-cased) */
int rows_match(const struct rows *r, size_t i, const char *f);

#endif
