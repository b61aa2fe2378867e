/* wbem_path.h - WBEM URI style instance paths (DSP0207, untyped form as
 * wbemcli users type it): parse "[/namespace:]CLASS[.key=value,...]" into
 * an MI_Instance holding the keys, and write an instance's path back.
 * Also a small growable string buffer and the plain text of scalar values,
 * shared with the output formats.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef CIMTUI_TUI_WBEM_PATH_H
#define CIMTUI_TUI_WBEM_PATH_H

#include <stddef.h>
#include "mi.h"

/* ---- growable string (aborts on out-of-memory) ---------------------------- */
struct sbuf {
	char *p;      /* NUL-terminated once anything was added; may be NULL */
	size_t len, cap;
};
#define SBUF_INIT { NULL, 0, 0 }
void sb_putn(struct sbuf *b, const char *s, size_t n);
void sb_puts(struct sbuf *b, const char *s);
void sb_putc(struct sbuf *b, char c);
void sb_printf(struct sbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
const char *sb_str(struct sbuf *b); /* "" when empty */
void sb_reset(struct sbuf *b);     /* keeps the memory */
void sb_free(struct sbuf *b);
char *sb_take(struct sbuf *b);     /* caller frees; the buffer is reset */

/* ---- parsed paths ------------------------------------------------------------ */
struct wbem_path {
	char *host;       /* "//host/..." prefix, or NULL */
	char *ns;         /* namespace, or NULL when the path names none */
	char *class_name;
	MI_Instance *keys; /* the key properties (MI_FLAG_KEY); NULL for a class path */
};

/* Parses text.  Key values: "quoted" strings (\" and \\ escapes) - a quoted
 * value that is itself an instance path with keys becomes a reference -,
 * integers (decimal, 0x hex, signed), reals, TRUE/FALSE, and unquoted
 * references CLASS.key=value (one key; quote references with several).
 * Returns 0, or -1 with *err (malloc'd message) set. */
int wbem_path_parse(MI_Application *app, const char *text, struct wbem_path *out, char **err);
void wbem_path_free(struct wbem_path *p);

/* Appends the path of inst: "/ns:CLASS.k1=\"v\",k2=3" (namespace part only
 * when with_ns and the instance has one; keys are the MI_FLAG_KEY elements,
 * in instance order). */
void wbem_path_format(struct sbuf *b, const MI_Instance *inst, int with_ns);

/* ---- value text ---------------------------------------------------------------- */
/* DSP0004 datetime text (25 characters) into buf (>= 26 bytes). */
void wbem_datetime_text(const MI_Datetime *dt, char *buf);
/* Plain text of a real: shortest round-trip form; "NaN", "INF", "-INF". */
void wbem_real_text(struct sbuf *b, double v, int is_real32);
/* Plain text of element `index` of a value of scalar type t (index ignored
 * for scalars when is_array is 0).  Strings raw, booleans TRUE/FALSE,
 * datetimes DSP0004, char16 as UTF-8, references as paths, embedded
 * instances as "instance of CLASS".  */
void wbem_scalar_text(struct sbuf *b, MI_Type t, const MI_Value *v, int is_array, MI_Uint32 index);
/* Appends the UTF-8 encoding of code point cp. */
void wbem_put_utf8(struct sbuf *b, unsigned long cp);
/* Decodes one UTF-8 character at s (n bytes available).  Returns its length
 * and sets *cp, or returns 0 for an invalid/truncated sequence. */
size_t wbem_utf8_decode(const unsigned char *s, size_t n, unsigned long *cp);

#endif
