/* connect.c - turns the options into an MI application and session.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "batch.h"
#include "options.h"

static int readable(const char *what, const char *path)
{
	if (access(path, R_OK) == 0)
		return 0;
	fprintf(stderr, "cimtui: cannot read the %s file %s\n", what, path);
	return EXIT_NOINPUT;
}

static int fail(MI_Application *app, MI_DestinationOptions *dopts, int rc)
{
	if (dopts && dopts->ft)
		MI_DestinationOptions_Delete(dopts);
	MI_Application_Close(app);
	memset(app, 0, sizeof(*app));
	return rc;
}

int connect_open(const struct cimtui_options *o, MI_Application *app, MI_Session *session)
{
	MI_Instance *err = NULL;
	memset(session, 0, sizeof(*session));
	int plain_http = !strncasecmp(o->target, "http://", 7);
	if (o->user && plain_http && !o->allow_http_basic) {
		fprintf(stderr, "cimtui: refusing to send the password for %s over plain http (it would"
				" travel unencrypted): use https://, or --allow-http-basic if you accept that\n",
			o->user);
		return EXIT_USAGE;
	}
	if (o->cacert && readable("CA certificate", o->cacert))
		return EXIT_NOINPUT;
	if (o->cert && readable("certificate", o->cert))
		return EXIT_NOINPUT;
	if (o->key && readable("private key", o->key))
		return EXIT_NOINPUT;

	MI_Result r = MI_Application_Initialize(0, "cimtui", &err, app);
	if (r != MI_RESULT_OK) {
		int rc = batch_report_error(r, "cannot initialise the engine", err);
		if (err)
			MI_Instance_Delete(err);
		return rc == 0 ? EXIT_SOFTWARE : rc;
	}
	MI_DestinationOptions dopts = MI_DESTINATIONOPTIONS_NULL;
	if (MI_Application_NewDestinationOptions(app, &dopts) != MI_RESULT_OK)
		return fail(app, NULL, EXIT_SOFTWARE);
	if (o->page_size)
		MI_DestinationOptions_SetMaxElements(&dopts, o->page_size);
	if (o->no_pull)
		MI_DestinationOptions_SetNumber(&dopts, "cimtui:NoPull", 1, 0);
	if (o->timeout_s) {
		MI_Interval iv = { 0 };
		iv.days = o->timeout_s / 86400;
		iv.hours = o->timeout_s / 3600 % 24;
		iv.minutes = o->timeout_s / 60 % 60;
		iv.seconds = o->timeout_s % 60;
		MI_DestinationOptions_SetTimeout(&dopts, &iv);
	}
	if (o->trace)
		MI_DestinationOptions_SetString(&dopts, "cimtui:TracePath", o->trace, 0);
	if (o->insecure) {
		MI_DestinationOptions_SetCertCACheck(&dopts, MI_FALSE);
		MI_DestinationOptions_SetCertCNCheck(&dopts, MI_FALSE);
		if (!strncasecmp(o->target, "https://", 8))
			fputs("cimtui: warning: --insecure: the server's TLS certificate is not verified\n", stderr);
	}
	if (o->cacert)
		MI_DestinationOptions_SetString(&dopts, "cimtui:CAFile", o->cacert, 0);
	if (o->cert)
		MI_DestinationOptions_SetCertFile(&dopts, o->cert);
	if (o->key)
		MI_DestinationOptions_SetPrivateKeyFile(&dopts, o->key);
	if (o->user) {
		MI_UserCredentials cred;
		memset(&cred, 0, sizeof cred);
		cred.authenticationType = MI_AUTH_TYPE_BASIC;
		cred.credentials.usernamePassword.username = o->user;
		cred.credentials.usernamePassword.password = o->password ? o->password : "";
		if (MI_DestinationOptions_AddDestinationCredentials(&dopts, &cred) != MI_RESULT_OK)
			return fail(app, &dopts, EXIT_SOFTWARE);
		if (plain_http)
			MI_DestinationOptions_SetPacketPrivacy(&dopts, MI_FALSE);
	}
	r = MI_Application_NewSession(app, o->protocol, o->target, &dopts, NULL, &err, session);
	MI_DestinationOptions_Delete(&dopts);
	if (r != MI_RESULT_OK) {
		int rc = batch_report_error(r, NULL, err);
		if (err)
			MI_Instance_Delete(err);
		return fail(app, NULL, rc ? rc : EXIT_SOFTWARE);
	}
	if (err)
		MI_Instance_Delete(err);
	return 0;
}
