/* format_csv.c - RFC 4180 CSV with a header row.
 *
 * The columns are those of the first result (keys first); later results
 * fill the same columns (a missing property is an empty field, a property
 * the first result lacked is left out).  Fields holding a comma, a quote,
 * CR or LF are quoted, quotes doubled.  NULL is an empty field.  Written to
 * a terminal, control characters are escaped as in the table format.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "format.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

static void csv_field(struct fmt *f, struct sbuf *b, const char *v)
{
	struct sbuf esc = SBUF_INIT;
	if (f->tty) {
		fmt_text_human(&esc, v);
		v = sb_str(&esc);
	}
	if (strpbrk(v, ",\"\r\n")) {
		sb_putc(b, '"');
		for (; *v; v++) {
			if (*v == '"')
				sb_putc(b, '"');
			sb_putc(b, *v);
		}
		sb_putc(b, '"');
	} else {
		sb_puts(b, v);
	}
	sb_free(&esc);
}

void csv_record(struct fmt *f)
{
	struct sbuf *b = &f->tmp;
	sb_reset(b);
	if (!f->header_done) {
		for (size_t i = 0; i < f->rec.n; i++)
			fmt_col(f, f->rec.names[i], 1);
		for (size_t c = 0; c < f->ncols; c++) {
			if (c)
				sb_putc(b, ',');
			csv_field(f, b, f->cols[c]);
		}
		sb_putc(b, '\n');
		f->header_done = 1;
	}
	for (size_t c = 0; c < f->ncols; c++) {
		if (c)
			sb_putc(b, ',');
		for (size_t i = 0; i < f->rec.n; i++) {
			if (!strcasecmp(f->rec.names[i], f->cols[c])) {
				if (f->rec.values[i])
					csv_field(f, b, f->rec.values[i]);
				break;
			}
		}
	}
	sb_putc(b, '\n');
	fmt_flush_sb(f, b);
	fmt_rec_reset(f);
}

void csv_end(struct fmt *f)
{
	(void)f;
}
