/* datetime.c - the DSP0004 datetime text form <-> MI_Datetime.
 *   timestamp  yyyymmddhhmmss.mmmmmmsutc   (s is + or -, utc in minutes)
 *   interval   ddddddddhhmmss.mmmmmm:000
 * '*' may stand for digits that are not significant; we read them as 0.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "model.h"

#include <stdio.h>
#include <string.h>

/* Reads n digit-or-'*' characters; -1 when another character shows up. */
static int field(const char *s, int n, MI_Uint32 *out)
{
	MI_Uint32 v = 0;
	for (int i = 0; i < n; i++) {
		char c = s[i];
		if (c >= '0' && c <= '9')
			v = v * 10 + (MI_Uint32)(c - '0');
		else if (c == '*')
			v = v * 10;
		else
			return -1;
	}
	*out = v;
	return 0;
}

int mix_datetime_parse(const char *t, MI_Datetime *out)
{
	memset(out, 0, sizeof(*out));
	if (!t || strlen(t) < 25 || t[14] != '.')
		return -1;
	for (size_t i = 25; t[i]; i++)
		if (t[i] != ' ' && t[i] != '\t' && t[i] != '\n' && t[i] != '\r')
			return -1;
	if (t[21] == ':') {
		MI_Interval *iv = &out->u.interval;
		MI_Uint32 zero;
		if (field(t, 8, &iv->days) || field(t + 8, 2, &iv->hours) ||
		    field(t + 10, 2, &iv->minutes) || field(t + 12, 2, &iv->seconds) ||
		    field(t + 15, 6, &iv->microseconds) || field(t + 22, 3, &zero))
			return -1;
		if (iv->hours > 23 || iv->minutes > 59 || iv->seconds > 59)
			return -1;
		out->isTimestamp = 0;
		return 0;
	}
	if (t[21] != '+' && t[21] != '-')
		return -1;
	MI_Timestamp *ts = &out->u.timestamp;
	MI_Uint32 utc;
	if (field(t, 4, &ts->year) || field(t + 4, 2, &ts->month) || field(t + 6, 2, &ts->day) ||
	    field(t + 8, 2, &ts->hour) || field(t + 10, 2, &ts->minute) ||
	    field(t + 12, 2, &ts->second) || field(t + 15, 6, &ts->microseconds) ||
	    field(t + 22, 3, &utc))
		return -1;
	if (ts->month > 12 || ts->day > 31 || ts->hour > 23 || ts->minute > 59 || ts->second > 60)
		return -1;
	ts->utc = t[21] == '-' ? -(MI_Sint32)utc : (MI_Sint32)utc;
	out->isTimestamp = 1;
	return 0;
}

void mix_datetime_format(const MI_Datetime *dt, char *buf)
{
	if (dt->isTimestamp) {
		const MI_Timestamp *ts = &dt->u.timestamp;
		int utc = ts->utc < 0 ? -ts->utc : ts->utc;
		snprintf(buf, 26, "%04u%02u%02u%02u%02u%02u.%06u%c%03d", ts->year % 10000,
			ts->month % 100, ts->day % 100, ts->hour % 100, ts->minute % 100,
			ts->second % 100, ts->microseconds % 1000000, ts->utc < 0 ? '-' : '+',
			utc % 1000);
	} else {
		const MI_Interval *iv = &dt->u.interval;
		snprintf(buf, 26, "%08u%02u%02u%02u.%06u:000", iv->days % 100000000, iv->hours % 100,
			iv->minutes % 100, iv->seconds % 100, iv->microseconds % 1000000);
	}
}
