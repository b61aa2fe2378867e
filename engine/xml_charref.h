/* xml_charref.h - lets CIM-XML replies carry control characters.
 *
 * CIM strings may hold characters XML 1.0 cannot carry (C0 controls);
 * real servers send them anyway as numeric references (&#27;), and
 * libxml2 rightly rejects such a document.  This streaming filter rewrites
 * each such reference into a private-use character U+F700+N before the
 * parser sees it; mix_charref_restore turns those back into the control
 * character in parsed text.  Everything else passes through untouched and
 * without a copy.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef CIMTUI_ENGINE_XML_CHARREF_H
#define CIMTUI_ENGINE_XML_CHARREF_H

#include <stddef.h>

struct mix_charref {
	char held[16];   /* an unfinished "&#..." at the end of the last chunk */
	size_t nheld;
	char *scratch;   /* rewritten chunk, when a rewrite was needed */
	size_t scap;
	int rewrote;     /* at least one reference was rewritten so far */
};

/* Passes the filtered bytes of buf to emit(ctx, bytes, n) in order (one or
 * two calls).  Returns 0, or -1 when out of memory. */
int mix_charref_feed(struct mix_charref *f, const char *buf, size_t len,
	void (*emit)(void *ctx, const char *bytes, size_t n), void *ctx);
/* End of input: emits what is held back. */
void mix_charref_flush(struct mix_charref *f, void (*emit)(void *ctx, const char *bytes, size_t n), void *ctx);
/* Rewrites placeholders in s[0..len) back to control characters in place;
 * returns the new length. */
size_t mix_charref_restore(char *s, size_t len);
void mix_charref_free(struct mix_charref *f);

#endif
