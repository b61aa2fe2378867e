/* xml_charref.c - see xml_charref.h.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "xml_charref.h"

#include <stdlib.h>
#include <string.h>

#define PLACEHOLDER_BASE 0xF700u

/* Code points XML 1.0 forbids even as references (except NUL, which no C
 * string can hold: it becomes U+FFFD). */
static int forbidden(unsigned long cp)
{
	return cp < 0x20 && cp != 0x9 && cp != 0xA && cp != 0xD;
}

/* Parses "&#NN;" or "&#xHH;" at s (n bytes available).  Returns its length
 * and sets *cp; 0 when it is not such a reference; -1 when it may be one
 * but the bytes end first. */
static int parse_ref(const char *s, size_t n, unsigned long *cp)
{
	size_t i = 2;
	int hex = 0;
	unsigned long v = 0;
	if (n < 2)
		return -1;
	if (s[1] != '#')
		return 0;
	if (i < n && (s[i] == 'x' || s[i] == 'X')) {
		hex = 1;
		i++;
	}
	size_t start = i;
	for (; i < n && i < 12; i++) {
		char c = s[i];
		if (c >= '0' && c <= '9')
			v = v * (hex ? 16 : 10) + (unsigned long)(c - '0');
		else if (hex && ((c | 0x20) >= 'a' && (c | 0x20) <= 'f'))
			v = v * 16 + (unsigned long)((c | 0x20) - 'a' + 10);
		else if (c == ';' && i > start) {
			*cp = v;
			return (int)i + 1;
		} else
			return 0;
	}
	return i >= 12 ? 0 : -1;
}

static int reserve(struct mix_charref *f, size_t need)
{
	if (need <= f->scap)
		return 0;
	size_t cap = f->scap ? f->scap : 4096;
	while (cap < need)
		cap *= 2;
	char *s = realloc(f->scratch, cap);
	if (!s)
		return -1;
	f->scratch = s;
	f->scap = cap;
	return 0;
}

/* Filters data[0..len); keeps an unfinished reference at the end in held. */
static int filter(struct mix_charref *f, const char *data, size_t len,
	void (*emit)(void *, const char *, size_t), void *ctx)
{
	size_t out = 0, copied_to = 0, i = 0;
	int rewriting = 0;
	while (i < len) {
		const char *amp = memchr(data + i, '&', len - i);
		if (!amp)
			break;
		i = (size_t)(amp - data);
		unsigned long cp;
		int r = parse_ref(data + i, len - i, &cp);
		if (r < 0) { /* unfinished: hold it back */
			size_t tail = len - i;
			memcpy(f->held, data + i, tail);
			f->nheld = tail;
			len = i;
			break;
		}
		if (r == 0 || !forbidden(cp)) {
			i += r > 0 ? (size_t)r : 1;
			continue;
		}
		if (!rewriting) {
			if (reserve(f, len + 16))
				return -1;
			rewriting = 1;
		}
		memcpy(f->scratch + out, data + copied_to, i - copied_to);
		out += i - copied_to;
		unsigned u = cp ? PLACEHOLDER_BASE + (unsigned)cp : 0xFFFDu;
		f->scratch[out++] = (char)(0xE0 | (u >> 12));
		f->scratch[out++] = (char)(0x80 | ((u >> 6) & 0x3F));
		f->scratch[out++] = (char)(0x80 | (u & 0x3F));
		f->rewrote = 1;
		i += (size_t)r;
		copied_to = i;
	}
	if (!rewriting) {
		if (len)
			emit(ctx, data, len);
		return 0;
	}
	memcpy(f->scratch + out, data + copied_to, len - copied_to);
	out += len - copied_to;
	emit(ctx, f->scratch, out);
	return 0;
}

int mix_charref_feed(struct mix_charref *f, const char *buf, size_t len,
	void (*emit)(void *ctx, const char *bytes, size_t n), void *ctx)
{
	while (f->nheld) {
		/* Extend the held-back "&#..." until it is decided either way. */
		unsigned long cp;
		int r = parse_ref(f->held, f->nheld, &cp);
		while (r < 0 && len > 0 && f->nheld < sizeof(f->held)) {
			f->held[f->nheld++] = *buf++;
			len--;
			r = parse_ref(f->held, f->nheld, &cp);
		}
		if (r < 0 && len == 0)
			return 0; /* still unfinished: wait for more bytes */
		char piece[sizeof(f->held)];
		size_t n = f->nheld;
		memcpy(piece, f->held, n);
		f->nheld = 0;
		/* The piece may end in a new unfinished '&': filter holds it again. */
		if (filter(f, piece, n, emit, ctx))
			return -1;
	}
	return filter(f, buf, len, emit, ctx);
}

void mix_charref_flush(struct mix_charref *f, void (*emit)(void *ctx, const char *bytes, size_t n), void *ctx)
{
	if (f->nheld)
		emit(ctx, f->held, f->nheld);
	f->nheld = 0;
}

size_t mix_charref_restore(char *s, size_t len)
{
	size_t w = 0;
	for (size_t r = 0; r < len;) {
		unsigned char a = (unsigned char)s[r];
		if (a == 0xEF && r + 2 < len && (unsigned char)s[r + 1] == 0x9C &&
		    ((unsigned char)s[r + 2] & 0xE0) == 0x80 && ((unsigned char)s[r + 2] & 0x1F) != 0) {
			s[w++] = (char)((unsigned char)s[r + 2] & 0x1F);
			r += 3;
		} else {
			s[w++] = s[r++];
		}
	}
	if (w < len)
		s[w] = '\0';
	return w;
}

void mix_charref_free(struct mix_charref *f)
{
	free(f->scratch);
	memset(f, 0, sizeof(*f));
}
