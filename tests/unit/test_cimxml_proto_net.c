/* test_cimxml_proto_net.c - the CIM-XML transport through the MI API:
 * authentication and packet privacy, TLS verification, connection and
 * DNS failures, every hostile reply of the test server, streaming,
 * back-pressure, cancel (with CloseEnumeration) and the wire trace.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "test_cimxml_util.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#define USER "cimuser"
#define PASS "s3cr3t-Pa55"

static void creds(struct tc *t, const char *user, const char *pass)
{
	tc_dopt(t);
	MI_UserCredentials c;
	memset(&c, 0, sizeof(c));
	c.authenticationType = MI_AUTH_TYPE_BASIC;
	c.credentials.usernamePassword.username = user;
	c.credentials.usernamePassword.password = pass;
	assert_int_equal(MI_DestinationOptions_AddDestinationCredentials(&t->dopt, &c), MI_RESULT_OK);
}

static void expect_error(struct drain *d, MI_Result code, const char *msgid)
{
	if (d->result != code || !d->details || strcmp(det_string(d->details, "MessageID"), msgid))
		print_message("got result %d msg '%s' id %s\n", d->result, d->msg,
			d->details ? det_string(d->details, "MessageID") : "(none)");
	assert_int_equal(d->result, code);
	assert_non_null(d->details);
	assert_string_equal(det_string(d->details, "MessageID"), msgid);
	assert_non_null(det_string(d->details, "Message"));
	assert_int_equal(th_uint(d->details, "CIMStatusCode"), code);
}

/* ---- authentication ------------------------------------------------------------------------ */

static void test_auth(void **state)
{
	(void)state;
	struct srv s;
	assert_int_equal(srv_start(&s, "--auth", USER ":" PASS), 0);
	struct tc t;
	struct drain d;

	/* Packet privacy (default): Basic over http is refused, nothing sent. */
	tc_app(&t);
	creds(&t, USER, PASS);
	tc_session(&t, s.url);
	enum_inst(&t, "root/test", "TEST_Widget", MI_FALSE, NULL, &d);
	expect_error(&d, MI_RESULT_ACCESS_DENIED, "CIMTUI0117");
	assert_non_null(strstr(d.msg, "SetPacketPrivacy"));
	drain_free(&d);
	tc_close(&t);
	assert_int_equal(log_count(&s, NULL), 0);

	/* Allowed explicitly: works. */
	tc_app(&t);
	creds(&t, USER, PASS);
	MI_DestinationOptions_SetPacketPrivacy(&t.dopt, MI_FALSE);
	tc_session(&t, s.url);
	enum_inst(&t, "root/test", "TEST_Widget", MI_FALSE, NULL, &d);
	assert_int_equal(d.result, MI_RESULT_OK);
	assert_int_equal(d.count, 20);
	drain_free(&d);
	tc_close(&t);

	/* Wrong password. */
	tc_app(&t);
	creds(&t, USER, "wrong");
	MI_DestinationOptions_SetPacketPrivacy(&t.dopt, MI_FALSE);
	tc_session(&t, s.url);
	enum_inst(&t, "root/test", "TEST_Widget", MI_FALSE, NULL, &d);
	expect_error(&d, MI_RESULT_ACCESS_DENIED, "CIMTUI0106");
	assert_non_null(strstr(d.msg, "HTTP 401"));
	assert_string_equal(det_string(d.details, "OwningEntity"), "cimtui");
	drain_free(&d);
	tc_close(&t);

	/* No credentials at all. */
	tc_open(&t, s.url);
	MI_Instance *k = key_instance(&t, "TEST_Widget", "InstanceID", "W00001");
	MI_Operation op = MI_OPERATION_NULL;
	MI_Session_GetInstance(&t.sess, 0, NULL, "root/test", k, NULL, &op);
	drain_op(&op, &d, 0);
	expect_error(&d, MI_RESULT_ACCESS_DENIED, "CIMTUI0106");
	drain_free(&d);
	MI_Instance_Delete(k);
	tc_close(&t);
	srv_stop(&s);
}

static long file_contains(const char *path, const char *needle)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return -1;
	static char buf[1 << 20];
	size_t n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = '\0';
	long c = 0;
	for (char *p = buf; (p = memmem(p, n - (size_t)(p - buf), needle, strlen(needle))); p++)
		c++;
	return c;
}

static void test_trace(void **state)
{
	(void)state;
	struct srv s;
	assert_int_equal(srv_start(&s, "--auth", USER ":" PASS), 0);
	char path[128];
	snprintf(path, sizeof(path), "/tmp/cimtui-trace-%d.txt", (int)getpid());
	unlink(path);
	struct tc t;
	tc_app(&t);
	creds(&t, USER, PASS);
	MI_DestinationOptions_SetPacketPrivacy(&t.dopt, MI_FALSE);
	MI_DestinationOptions_SetString(&t.dopt, "cimtui:TracePath", path, 0);
	tc_session(&t, s.url);
	struct drain d;
	enum_inst(&t, "root/test", "TEST_WidgetGroup", MI_FALSE, NULL, &d);
	assert_int_equal(d.result, MI_RESULT_OK);
	drain_free(&d);
	tc_close(&t);
	assert_true(file_contains(path, "CIMMethod: OpenEnumerateInstances") >= 1);
	assert_true(file_contains(path, "<IMETHODCALL NAME=\"OpenEnumerateInstances\">") >= 1);
	assert_true(file_contains(path, "IMETHODRESPONSE") >= 1);
	assert_true(file_contains(path, "Authorization: [redacted]") >= 1);
	assert_int_equal(file_contains(path, PASS), 0);
	/* base64("cimuser:s3cr3t-Pa55") */
	assert_int_equal(file_contains(path, "Y2ltdXNlcjpzM2NyM3QtUGE1NQ"), 0);
	assert_int_equal(file_contains(path, "Basic Y2lt"), 0);
	unlink(path);
	srv_stop(&s);
}

/* ---- TLS --------------------------------------------------------------------------------------- */

static void test_tls(void **state)
{
	(void)state;
	char dir[64], cert[128], key[128], cmd[512];
	snprintf(dir, sizeof(dir), "/tmp/cimtui-tls-%d", (int)getpid());
	snprintf(cert, sizeof(cert), "%s/cert.pem", dir);
	snprintf(key, sizeof(key), "%s/key.pem", dir);
	snprintf(cmd, sizeof(cmd), "mkdir -p %s && openssl req -x509 -newkey rsa:2048 -nodes -keyout %s -out %s "
		"-days 2 -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 >/dev/null 2>&1", dir, key, cert);
	if (system(cmd) != 0) {
		print_message("openssl CLI missing or failed: install the Debian package openssl\n");
		skip();
	}
	struct srv s;
	assert_int_equal(srv_start(&s, "--tls", cert, key), 0);
	assert_int_equal(strncmp(s.url, "https://", 8), 0);
	struct tc t;
	struct drain d;

	tc_open(&t, s.url);
	enum_inst(&t, "root/test", "TEST_WidgetGroup", MI_FALSE, NULL, &d);
	expect_error(&d, MI_RESULT_FAILED, "CIMTUI0103");
	assert_non_null(strstr(d.msg, "certificate"));
	assert_non_null(strstr(d.msg, "--cacert"));
	drain_free(&d);
	tc_close(&t);

	tc_app(&t);
	tc_dopt(&t);
	MI_DestinationOptions_SetString(&t.dopt, "cimtui:CAFile", cert, 0);
	tc_session(&t, s.url);
	enum_inst(&t, "root/test", "TEST_WidgetGroup", MI_FALSE, NULL, &d);
	assert_int_equal(d.result, MI_RESULT_OK);
	assert_int_equal(d.count, 2);
	drain_free(&d);
	tc_close(&t);

	tc_app(&t);
	tc_dopt(&t);
	MI_DestinationOptions_SetCertCACheck(&t.dopt, MI_FALSE);
	MI_DestinationOptions_SetCertCNCheck(&t.dopt, MI_FALSE);
	tc_session(&t, s.url);
	enum_inst(&t, "root/test", "TEST_WidgetGroup", MI_FALSE, NULL, &d);
	assert_int_equal(d.result, MI_RESULT_OK);
	drain_free(&d);
	tc_close(&t);

	/* Basic over https is fine with packet privacy on. */
	tc_app(&t);
	creds(&t, USER, PASS);
	MI_DestinationOptions_SetString(&t.dopt, "cimtui:CAFile", cert, 0);
	tc_session(&t, s.url);
	enum_inst(&t, "root/test", "TEST_WidgetGroup", MI_FALSE, NULL, &d);
	assert_int_equal(d.result, MI_RESULT_OK);
	drain_free(&d);
	tc_close(&t);
	srv_stop(&s);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	assert_int_equal(system(cmd), 0);
}

/* ---- connection failures ----------------------------------------------------------------------- */

static void test_connection_refused(void **state)
{
	(void)state;
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in a;
	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	assert_int_equal(bind(fd, (struct sockaddr *)&a, sizeof(a)), 0);
	socklen_t len = sizeof(a);
	getsockname(fd, (struct sockaddr *)&a, &len);
	close(fd);
	char url[64];
	snprintf(url, sizeof(url), "http://127.0.0.1:%u", ntohs(a.sin_port));
	struct tc t;
	tc_open(&t, url);
	struct drain d;
	enum_inst(&t, "root/test", "TEST_Widget", MI_FALSE, NULL, &d);
	expect_error(&d, MI_RESULT_FAILED, "CIMTUI0101");
	assert_int_equal(th_uint(d.details, "ErrorType"), 2); /* communications */
	assert_non_null(strstr(det_string(d.details, "ErrorSource"), url));
	assert_string_equal(det_string(d.details, "OwningEntity"), "cimtui");
	drain_free(&d);
	tc_close(&t);
}

static void test_dns_failure(void **state)
{
	(void)state;
	struct tc t;
	tc_open(&t, "http://nonexistent.invalid:5988");
	struct drain d;
	enum_inst(&t, "root/test", "TEST_Widget", MI_FALSE, NULL, &d);
	expect_error(&d, MI_RESULT_FAILED, "CIMTUI0102");
	assert_non_null(strstr(d.msg, "nonexistent.invalid"));
	drain_free(&d);
	tc_close(&t);
}

static void test_wrong_path(void **state)
{
	(void)state;
	struct srv s;
	assert_int_equal(srv_start(&s, "--bulk", "10"), 0);
	char url[160];
	snprintf(url, sizeof(url), "%s/wrong", s.url);
	struct tc t;
	tc_open(&t, url);
	struct drain d;
	enum_inst(&t, "root/test", "TEST_Widget", MI_FALSE, NULL, &d);
	expect_error(&d, MI_RESULT_FAILED, "CIMTUI0108");
	assert_non_null(strstr(d.msg, "404"));
	drain_free(&d);
	tc_close(&t);
	srv_stop(&s);
}

/* ---- hostile replies ---------------------------------------------------------------------------- */

static void hostile(const char *kind, MI_Result code, const char *msgid, unsigned timeout_ms)
{
	struct srv s;
	assert_int_equal(srv_start(&s, "--hostile", kind), 0);
	struct tc t;
	tc_open(&t, s.url);
	MI_OperationOptions oo = MI_OPERATIONOPTIONS_NULL;
	if (timeout_ms) {
		MI_Application_NewOperationOptions(&t.app, MI_FALSE, &oo);
		MI_Interval iv;
		memset(&iv, 0, sizeof(iv));
		iv.seconds = timeout_ms / 1000;
		iv.microseconds = (timeout_ms % 1000) * 1000;
		MI_OperationOptions_SetTimeout(&oo, &iv);
	}
	struct drain d;
	uint64_t t0 = th_now_ms();
	enum_inst(&t, "root/test", "TEST_Widget", MI_FALSE, timeout_ms ? &oo : NULL, &d);
	uint64_t took = th_now_ms() - t0;
	print_message("# hostile %s: result %d in %llu ms: %s\n", kind, d.result, (unsigned long long)took, d.msg);
	if (msgid) {
		expect_error(&d, code, msgid);
	} else {
		assert_int_equal(d.result, code);
	}
	if (timeout_ms)
		assert_true(took < timeout_ms + 2500);
	drain_free(&d);
	if (timeout_ms)
		MI_OperationOptions_Delete(&oo);
	tc_close(&t);
	srv_stop(&s);
}

static void test_hostile_malformed(void **state) { (void)state; hostile("malformed", MI_RESULT_FAILED, "CIMTUI0112", 0); }
static void test_hostile_truncated(void **state) { (void)state; hostile("truncated", MI_RESULT_FAILED, "CIMTUI0113", 0); }
static void test_hostile_entity_bomb(void **state) { (void)state; hostile("entity-bomb", MI_RESULT_FAILED, "CIMTUI0112", 0); }
static void test_hostile_xxe(void **state) { (void)state; hostile("external-entity", MI_RESULT_FAILED, "CIMTUI0112", 0); }
static void test_hostile_huge(void **state) { (void)state; hostile("huge-value", MI_RESULT_FAILED, "CIMTUI0114", 0); }
static void test_hostile_deep(void **state) { (void)state; hostile("deep-nesting", MI_RESULT_FAILED, "CIMTUI0114", 0); }
static void test_hostile_ctype(void **state) { (void)state; hostile("wrong-content-type", MI_RESULT_FAILED, "CIMTUI0111", 0); }
static void test_hostile_500(void **state) { (void)state; hostile("http-500", MI_RESULT_FAILED, "CIMTUI0109", 0); }
static void test_hostile_garbage(void **state) { (void)state; hostile("garbage", MI_RESULT_FAILED, "CIMTUI0112", 0); }
static void test_hostile_empty(void **state) { (void)state; hostile("empty", MI_RESULT_FAILED, "CIMTUI0120", 0); }
static void test_hostile_slow_headers(void **state) { (void)state; hostile("slow-headers", MI_RESULT_FAILED, NULL, 1500); }

static void test_hostile_escapes(void **state)
{
	(void)state;
	struct srv s;
	assert_int_equal(srv_start(&s, "--hostile", "escape-sequences"), 0);
	struct tc t;
	tc_open(&t, s.url);
	MI_Operation op = MI_OPERATION_NULL;
	MI_Session_EnumerateInstances(&t.sess, 0, NULL, "root/test", "TST_Hostile", MI_FALSE, NULL, &op);
	int n = 0, seen_clear = 0, seen_bidi = 0;
	MI_Boolean more = MI_TRUE;
	MI_Result res = MI_RESULT_FAILED;
	while (more) {
		const MI_Instance *i = NULL;
		assert_int_equal(MI_Operation_GetInstance(&op, &i, &more, &res, NULL, NULL), MI_RESULT_OK);
		if (!i)
			continue;
		n++;
		const char *name = th_string(i, "Name"), *text = th_string(i, "Text");
		assert_non_null(text);
		/* Kept verbatim: making them harmless is the UI's job. */
		if (!strcmp(name, "clear")) {
			seen_clear = 1;
			assert_string_equal(text, "before\x1b[2Jafter (ESC [ 2 J clears the screen)");
		}
		if (!strcmp(name, "bidi")) {
			seen_bidi = 1;
			assert_non_null(strstr(text, "\xe2\x80\xae"));
		}
	}
	MI_Operation_Close(&op);
	assert_int_equal(res, MI_RESULT_OK);
	assert_int_equal(n, 7);
	assert_true(seen_clear && seen_bidi);
	tc_close(&t);
	srv_stop(&s);
}

static void test_max_response_bytes(void **state)
{
	(void)state;
	struct srv s;
	assert_int_equal(srv_start(&s, "--bulk", "3000"), 0);
	struct tc t;
	tc_app(&t);
	tc_dopt(&t);
	MI_DestinationOptions_SetNumber(&t.dopt, "cimtui:MaxResponseBytes", 200000, 0);
	MI_DestinationOptions_SetNumber(&t.dopt, "cimtui:NoPull", 1, 0);
	tc_session(&t, s.url);
	struct drain d;
	enum_inst(&t, "root/test", "TST_Bulk", MI_FALSE, NULL, &d);
	expect_error(&d, MI_RESULT_FAILED, "CIMTUI0114");
	assert_true(d.count > 0);
	drain_free(&d);
	tc_close(&t);
	srv_stop(&s);
}

/* ---- streaming, back-pressure, cancel ------------------------------------------------------------ */

static void test_streaming(void **state)
{
	(void)state;
	const char *bulk = tc_quick() ? "8000" : "60000";
	struct srv s;
	assert_int_equal(srv_start(&s, "--bulk", bulk), 0);
	struct tc t;
	tc_app(&t);
	tc_dopt(&t);
	MI_DestinationOptions_SetNumber(&t.dopt, "cimtui:NoPull", 1, 0);
	tc_session(&t, s.url);
	struct drain d;
	enum_inst(&t, "root/test", "TST_Bulk", MI_FALSE, NULL, &d);
	assert_int_equal(d.result, MI_RESULT_OK);
	assert_int_equal(d.count, atol(bulk));
	print_message("# streaming %s: first after %llu ms, all after %llu ms\n", bulk,
		(unsigned long long)d.t_first, (unsigned long long)d.t_end);
	assert_true(d.t_first * 10 < d.t_end);
	drain_free(&d);
	tc_close(&t);
	srv_stop(&s);

	/* --delay-ms: the reply trickles in 64 KiB blocks; results flow as it does. */
	assert_int_equal(srv_start(&s, "--bulk", "700", "--delay-ms", "100"), 0);
	tc_app(&t);
	tc_dopt(&t);
	MI_DestinationOptions_SetNumber(&t.dopt, "cimtui:NoPull", 1, 0);
	tc_session(&t, s.url);
	enum_inst(&t, "root/test", "TST_Bulk", MI_FALSE, NULL, &d);
	assert_int_equal(d.result, MI_RESULT_OK);
	assert_int_equal(d.count, 700);
	print_message("# trickle: first after %llu ms, all after %llu ms\n", (unsigned long long)d.t_first,
		(unsigned long long)d.t_end);
	assert_true(d.t_end >= 400);
	assert_true(d.t_first * 2 < d.t_end);
	drain_free(&d);
	tc_close(&t);
	srv_stop(&s);
}

static long rss_kb(void)
{
	FILE *f = fopen("/proc/self/status", "r");
	char line[256];
	long kb = -1;
	while (f && fgets(line, sizeof(line), f))
		if (!strncmp(line, "VmRSS:", 6))
			kb = atol(line + 6);
	if (f)
		fclose(f);
	return kb;
}

static void test_back_pressure(void **state)
{
	(void)state;
	const long bulk = tc_quick() ? 10000 : 40000;
	char nb[16];
	snprintf(nb, sizeof(nb), "%ld", bulk);
	struct srv s;
	assert_int_equal(srv_start(&s, "--bulk", nb), 0);
	struct tc t;
	tc_app(&t);
	tc_dopt(&t);
	MI_DestinationOptions_SetNumber(&t.dopt, "cimtui:NoPull", 1, 0);
	MI_DestinationOptions_SetNumber(&t.dopt, "cimtui:QueueLength", 16, 0);
	tc_session(&t, s.url);
	MI_Operation op = MI_OPERATION_NULL;
	MI_Session_EnumerateInstances(&t.sess, 0, NULL, "root/test", "TST_Bulk", MI_FALSE, NULL, &op);
	const MI_Instance *i = NULL;
	MI_Boolean more;
	MI_Result res;
	assert_int_equal(MI_Operation_GetInstance(&op, &i, &more, &res, NULL, NULL), MI_RESULT_OK);
	assert_true(more);
	long before = rss_kb();
	th_sleep_ms(1500); /* a slow consumer: the reply (tens of MB) waits */
	long after = rss_kb();
	print_message("# back-pressure: RSS %ld -> %ld kB while the consumer sleeps\n", before, after);
	assert_true(after - before < 12 * 1024);
	long n = 1;
	while (more) {
		assert_int_equal(MI_Operation_GetInstance(&op, &i, &more, &res, NULL, NULL), MI_RESULT_OK);
		n += i != NULL;
	}
	assert_int_equal(res, MI_RESULT_OK);
	assert_int_equal(n, bulk);
	MI_Operation_Close(&op);
	tc_close(&t);
	srv_stop(&s);
}

static void test_cancel_stalled(void **state)
{
	(void)state;
	struct srv s;
	assert_int_equal(srv_start(&s, "--stall-after-bytes", "5000"), 0);
	struct tc t;
	tc_open(&t, s.url);
	MI_Operation op = MI_OPERATION_NULL;
	MI_Session_EnumerateInstances(&t.sess, 0, NULL, "root/test", "TST_Bulk", MI_FALSE, NULL, &op);
	const MI_Instance *i = NULL;
	MI_Boolean more = MI_TRUE;
	MI_Result res;
	assert_int_equal(MI_Operation_GetInstance(&op, &i, &more, &res, NULL, NULL), MI_RESULT_OK);
	assert_true(more); /* some results came before the stall */
	th_sleep_ms(300);
	uint64_t t0 = th_now_ms();
	MI_Operation_Cancel(&op, MI_REASON_NONE);
	const MI_Char *msg = NULL;
	const MI_Instance *det = NULL;
	while (more)
		assert_int_equal(MI_Operation_GetInstance(&op, &i, &more, &res, &msg, &det), MI_RESULT_OK);
	uint64_t took = th_now_ms() - t0;
	assert_true(took < 1000);
	assert_int_equal(res, MI_RESULT_FAILED);
	assert_string_equal(msg, "operation cancelled");
	assert_string_equal(th_string(det, "MessageID"), "CIMTUI0001");
	MI_Operation_Close(&op);
	tc_close(&t);
	srv_stop(&s);
}

/* A server that answers each request after 400 ms, and an enumeration of
 * TEST_Widget paged two at a time on it: pull requests are in flight long
 * enough to cancel them. */
static void start_slow_paged_widgets(struct srv *s, struct tc *t, MI_OperationOptions *oo, MI_Operation *op)
{
	assert_int_equal(srv_start(s, "--delay-ms", "400"), 0);
	tc_open(t, s->url);
	MI_Application_NewOperationOptions(&t->app, MI_FALSE, oo);
	MI_OperationOptions_SetNumber(oo, "cimtui:MaxElements", 2, 0);
	MI_Session_EnumerateInstances(&t->sess, 0, oo, "root/test", "TEST_Widget", MI_FALSE, NULL, op);
}

/* After a cancel: the server must see exactly one Open and one Close. */
static void expect_open_then_close(struct srv *s)
{
	for (int k = 0; k < 30 && log_count(s, "CloseEnumeration") == 0; k++)
		th_sleep_ms(100);
	assert_int_equal(log_count(s, "OpenEnumerateInstances"), 1);
	assert_int_equal(log_count(s, "CloseEnumeration"), 1);
}

static void test_cancel_closes_context(void **state)
{
	(void)state;
	struct srv s;
	struct tc t;
	MI_OperationOptions oo = MI_OPERATIONOPTIONS_NULL;
	MI_Operation op = MI_OPERATION_NULL;
	start_slow_paged_widgets(&s, &t, &oo, &op);
	const MI_Instance *i = NULL;
	MI_Boolean more = MI_TRUE;
	MI_Result res;
	assert_int_equal(MI_Operation_GetInstance(&op, &i, &more, &res, NULL, NULL), MI_RESULT_OK);
	assert_true(more);
	th_sleep_ms(100); /* the Pull for page 2 is now in flight (server delays it) */
	uint64_t t0 = th_now_ms();
	MI_Operation_Cancel(&op, MI_REASON_NONE);
	while (more)
		assert_int_equal(MI_Operation_GetInstance(&op, &i, &more, &res, NULL, NULL), MI_RESULT_OK);
	assert_true(th_now_ms() - t0 < 1000);
	assert_int_equal(res, MI_RESULT_FAILED);
	MI_Operation_Close(&op);
	expect_open_then_close(&s); /* CloseEnumeration goes out on its own */
	MI_OperationOptions_Delete(&oo);
	tc_close(&t);
	srv_stop(&s);
}

/* Cancelled before the Open reply arrived: the reply is drained in the
 * background and the context it names is closed, so nothing is left
 * open on the server. */
static void test_cancel_during_open_closes_context(void **state)
{
	(void)state;
	struct srv s;
	struct tc t;
	MI_OperationOptions oo = MI_OPERATIONOPTIONS_NULL;
	MI_Operation op = MI_OPERATION_NULL;
	start_slow_paged_widgets(&s, &t, &oo, &op);
	th_sleep_ms(100); /* the Open request is out; its reply comes after 400 ms */
	uint64_t t0 = th_now_ms();
	MI_Operation_Cancel(&op, MI_REASON_NONE);
	const MI_Instance *i = NULL;
	MI_Boolean more = MI_TRUE;
	MI_Result res;
	while (more)
		assert_int_equal(MI_Operation_GetInstance(&op, &i, &more, &res, NULL, NULL), MI_RESULT_OK);
	assert_true(th_now_ms() - t0 < 200); /* the caller does not wait for the drain */
	assert_int_equal(res, MI_RESULT_FAILED);
	MI_Operation_Close(&op);
	expect_open_then_close(&s);
	MI_OperationOptions_Delete(&oo);
	tc_close(&t);
	srv_stop(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cancel_during_open_closes_context),
		cmocka_unit_test(test_auth),
		cmocka_unit_test(test_trace),
		cmocka_unit_test(test_tls),
		cmocka_unit_test(test_connection_refused),
		cmocka_unit_test(test_dns_failure),
		cmocka_unit_test(test_wrong_path),
		cmocka_unit_test(test_hostile_malformed),
		cmocka_unit_test(test_hostile_truncated),
		cmocka_unit_test(test_hostile_entity_bomb),
		cmocka_unit_test(test_hostile_xxe),
		cmocka_unit_test(test_hostile_escapes),
		cmocka_unit_test(test_hostile_huge),
		cmocka_unit_test(test_hostile_deep),
		cmocka_unit_test(test_hostile_ctype),
		cmocka_unit_test(test_hostile_500),
		cmocka_unit_test(test_hostile_garbage),
		cmocka_unit_test(test_hostile_empty),
		cmocka_unit_test(test_hostile_slow_headers),
		cmocka_unit_test(test_max_response_bytes),
		cmocka_unit_test(test_streaming),
		cmocka_unit_test(test_back_pressure),
		cmocka_unit_test(test_cancel_stalled),
		cmocka_unit_test(test_cancel_closes_context),
	};
	return cmocka_run_group_tests_name("cimxml_proto_net", tests, NULL, NULL);
}
