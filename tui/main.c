/* main.c - cimtui entry point: options, then batch mode (a COMMAND was
 * given) or the terminal UI (none).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <stdio.h>

#include "batch.h"
#include "conffile.h"
#include "keys.h"
#include "options.h"

int main(int argc, char **argv)
{
	setlocale(LC_ALL, "");
	struct cimtui_options o;
	config_bind_line = keys_config_line; /* the config file's key bindings */
	int rc = options_parse(&o, argc, argv);
	if (rc)
		return rc == OPTIONS_EXIT_OK ? 0 : rc;

	MI_Application app = MI_APPLICATION_NULL;
	MI_Session session = MI_SESSION_NULL;
	if (o.argc > 0) {
		batch_signals_start(); /* before the engine starts its threads */
		rc = connect_open(&o, &app, &session);
		if (rc == 0) {
			rc = batch_run(&o, &app, &session);
			MI_Session_Close(&session, NULL, NULL);
			MI_Application_Close(&app);
		} else if (batch_interrupted()) {
			rc = 128 + batch_interrupted();
		}
		batch_signals_stop();
	} else {
		rc = connect_open(&o, &app, &session);
		if (rc == 0) {
			rc = ui_run(&o, &app, &session);
			MI_Session_Close(&session, NULL, NULL);
			MI_Application_Close(&app);
		}
	}
	options_free(&o);
	return rc;
}
