/* script.c - key scripts and screen dumps for tests (tig's way).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "script.h"

#include <curses.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <wchar.h>

#include "keys.h"

static FILE *sf;

int script_open(void)
{
	const char *p = getenv("CIMTUI_SCRIPT");
	if (!p || !*p)
		return 0;
	sf = fopen(p, "r");
	return sf != NULL;
}

int script_active(void)
{
	return sf != NULL;
}

void script_close(void)
{
	if (sf)
		fclose(sf);
	sf = NULL;
}

int script_next(struct script_step *st)
{
	char line[1100];
	memset(st, 0, sizeof *st);
	while (sf && fgets(line, sizeof line, sf)) {
		size_t l = strlen(line);
		while (l && (line[l - 1] == '\n' || line[l - 1] == '\r'))
			line[--l] = 0;
		if (!l || line[0] == '#')
			continue;
		if (line[0] == ':' && l > 1) {
			st->kind = SS_COMMAND;
			snprintf(st->text, sizeof st->text, "%s", line + 1);
			return 1;
		}
		if (!strncasecmp(line, "<Sleep ", 7)) {
			st->kind = SS_SLEEP;
			st->ms = atoi(line + 7);
			return 1;
		}
		if (!strcasecmp(line, "<WaitIdle>")) {
			st->kind = SS_WAITIDLE;
			return 1;
		}
		int k = keys_parse(line);
		if (k >= 0) {
			st->kind = SS_KEY;
			st->key = k;
			return 1;
		}
		st->kind = SS_TEXT;
		snprintf(st->text, sizeof st->text, "%s", line);
		return 1;
	}
	script_close();
	return 0;
}

int save_display(const char *file)
{
	FILE *f = fopen(file, "w");
	if (!f)
		return -1;
	cchar_t *cells = calloc((size_t)COLS + 1, sizeof *cells);
	char *out = malloc((size_t)COLS * 4 * (CCHARW_MAX + 1) + 8);
	if (!cells || !out) {
		free(cells);
		free(out);
		fclose(f);
		return -1;
	}
	for (int y = 0; y < LINES; y++) {
		int n = mvwin_wchnstr(stdscr, y, 0, cells, COLS);
		(void)n;
		size_t o = 0, keep = 0;
		for (int x = 0; x < COLS; x++) {
			wchar_t wc[CCHARW_MAX + 1];
			attr_t a;
			short pair;
			if (getcchar(&cells[x], wc, &a, &pair, NULL) == ERR || !wc[0])
				wc[0] = L' ', wc[1] = 0;
			int w = wcwidth(wc[0]);
			for (int k = 0; wc[k] && k < CCHARW_MAX; k++) {
				char mb[MB_LEN_MAX];
				mbstate_t st;
				memset(&st, 0, sizeof st);
				size_t m = wcrtomb(mb, wc[k], &st);
				if (m != (size_t)-1) {
					memcpy(out + o, mb, m);
					o += m;
				}
			}
			if (wc[0] != L' ')
				keep = o;
			if (w == 2)
				x++;
		}
		fwrite(out, 1, keep, f);
		fputc('\n', f);
	}
	free(cells);
	free(out);
	return fclose(f);
}
