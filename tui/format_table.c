/* format_table.c - aligned columns for humans.
 *
 * Column widths come from the first FMT_TABLE_SAMPLE rows (and the
 * headers); those rows are held back until the sample is complete or the
 * results end, later rows stream straight out.  Columns are the union of
 * the sample's properties, keys first; a property first seen after the
 * sample is not shown.  Cells are escaped (control characters visible),
 * NULL is an empty cell, arrays read {a, b}.  A column is at most
 * TABLE_MAX_WIDTH wide (or as wide as its header); a cell wider than its
 * column - a long value in the sample, or a later row - is cut to the
 * column's width and ends in an ellipsis, so the columns stay aligned.
 * Key values and the last column are never cut: a key names the row, and
 * nothing follows the last column.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "format.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <wchar.h>

#define TABLE_MAX_WIDTH 60

/* Length in bytes of the UTF-8 character at p (n bytes left) and its
 * terminal columns in *cw (an invalid byte: one byte, one column). */
static size_t char_at(const char *p, size_t n, size_t *cw)
{
	unsigned long cp;
	size_t len = wbem_utf8_decode((const unsigned char *)p, n, &cp);
	if (!len) {
		len = 1;
		cp = 0xFFFD;
	}
	int w = wcwidth((wchar_t)cp);
	*cw = w < 0 ? 1 : (size_t)w;
	return len;
}

/* Terminal columns taken by UTF-8 text s. */
static size_t text_width(const char *s)
{
	size_t w = 0, cw;
	for (size_t n = strlen(s), len; n; s += len, n -= len) {
		len = char_at(s, n, &cw);
		w += cw;
	}
	return w;
}

/* Appends the whole characters of s that fit in width columns less the
 * ellipsis, then the ellipsis ("..." outside UTF-8 locales).  Returns the
 * columns written. */
static size_t put_cut(struct sbuf *b, const char *s, size_t width)
{
	int utf8 = wcwidth(0x2026) == 1;
	const char *mark = utf8 ? "\xe2\x80\xa6" : "...";
	size_t mark_w = utf8 ? 1 : 3;
	size_t room = width > mark_w ? width - mark_w : 0, w = 0, cw;
	for (size_t n = strlen(s), len; n; s += len, n -= len) {
		len = char_at(s, n, &cw);
		if (w + cw > room)
			break;
		sb_putn(b, s, len);
		w += cw;
	}
	sb_puts(b, mark);
	return w + mark_w;
}

static void put_cell(struct sbuf *b, const char *text, size_t width, int last, int cut)
{
	size_t w = text_width(text);
	if (last) { /* nothing follows to misalign */
		sb_puts(b, text);
		return;
	}
	if (w > width && cut)
		w = put_cut(b, text, width);
	else
		sb_puts(b, text);
	for (; w < width + 2; w++)
		sb_putc(b, ' ');
}

static void emit_row(struct fmt *f, struct sbuf *b, const struct fmt_record *r)
{
	struct sbuf cell = SBUF_INIT;
	/* last non-empty column, so that lines carry no trailing blanks */
	for (size_t c = 0; c < f->ncols; c++) {
		const char *v = NULL;
		int key = 0;
		for (size_t i = 0; i < r->n; i++)
			if (!strcasecmp(r->names[i], f->cols[c])) {
				v = r->values[i];
				key = r->keys[i];
				break;
			}
		sb_reset(&cell);
		if (v)
			fmt_text_human(&cell, v);
		put_cell(b, sb_str(&cell), f->widths[c], c + 1 == f->ncols, !key);
	}
	while (b->len && b->p[b->len - 1] == ' ')
		b->p[--b->len] = '\0';
	sb_putc(b, '\n');
	sb_free(&cell);
}

static void flush_sample(struct fmt *f)
{
	struct sbuf b = SBUF_INIT, cell = SBUF_INIT;
	f->widths = calloc(f->ncols ? f->ncols : 1, sizeof(size_t));
	if (!f->widths)
		abort();
	for (size_t c = 0; c < f->ncols; c++) {
		sb_reset(&cell);
		fmt_text_human(&cell, f->cols[c]);
		f->widths[c] = text_width(sb_str(&cell));
	}
	for (size_t r = 0; r < f->nrows; r++) {
		const struct fmt_record *rec = &f->rows[r];
		for (size_t i = 0; i < rec->n; i++) {
			long c = fmt_col(f, rec->names[i], 0);
			if (c < 0 || !rec->values[i])
				continue;
			sb_reset(&cell);
			fmt_text_human(&cell, rec->values[i]);
			size_t w = text_width(sb_str(&cell));
			if (w > TABLE_MAX_WIDTH)
				w = TABLE_MAX_WIDTH;
			if (w > f->widths[c])
				f->widths[c] = w;
		}
	}
	if (f->ncols) {
		for (size_t c = 0; c < f->ncols; c++) {
			sb_reset(&cell);
			fmt_text_human(&cell, f->cols[c]);
			put_cell(&b, sb_str(&cell), f->widths[c], c + 1 == f->ncols, 1);
		}
		sb_putc(&b, '\n');
		for (size_t c = 0; c < f->ncols; c++) {
			for (size_t k = 0; k < f->widths[c]; k++)
				sb_putc(&b, '-');
			if (c + 1 < f->ncols)
				sb_puts(&b, "  ");
		}
		sb_putc(&b, '\n');
	}
	for (size_t r = 0; r < f->nrows; r++) {
		emit_row(f, &b, &f->rows[r]);
		if (b.len > 65536)
			fmt_flush_sb(f, &b);
	}
	fmt_flush_sb(f, &b);
	sb_free(&b);
	sb_free(&cell);
	f->header_done = 1;
}

void table_record(struct fmt *f)
{
	if (f->header_done) {
		struct sbuf b = SBUF_INIT;
		emit_row(f, &b, &f->rec);
		fmt_flush_sb(f, &b);
		sb_free(&b);
		fmt_rec_reset(f);
		return;
	}
	struct fmt_record *r = fmt_rec_take(f);
	for (size_t i = 0; i < r->n; i++)
		fmt_col(f, r->names[i], 1);
	if (f->nrows >= FMT_TABLE_SAMPLE)
		flush_sample(f);
}

void table_end(struct fmt *f)
{
	if (!f->header_done && f->nrows)
		flush_sample(f);
}
