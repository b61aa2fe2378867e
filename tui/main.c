/* main.c - cimtui entry point.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

static void usage(FILE *f)
{
	fprintf(f, "Usage: cimtui [OPTIONS] [TARGET [COMMAND [ARGS...]]]\n"
		   "A terminal browser for CIM management data.\n\n"
		   "  -h, --help      show this help and exit\n"
		   "  -V, --version   show the version and exit\n");
}

int main(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			usage(stdout);
			return 0;
		}
		if (!strcmp(argv[i], "-V") || !strcmp(argv[i], "--version")) {
			printf("cimtui %s\n", PACKAGE_VERSION);
			return 0;
		}
	}
	usage(stderr);
	return 2;
}
