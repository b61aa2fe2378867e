#!/bin/sh
# tests/batch/errors.sh - exit statuses and error reports: CIM errors,
# transport failures, authentication, trace redaction, hostile strings,
# Ctrl-C.
# SPDX-License-Identifier: GPL-3.0-or-later
. "$(dirname "$0")/lib.sh"
plan 22

start_server main
MAIN=$URL
expect_rc "gi of a missing instance exits 6" 6 "$MAIN" -n root/test gi 'TEST_Widget.InstanceID="W99999"'
check "  ... and says CIM_ERR_NOT_FOUND (6)" grep -q '^cimtui: CIM_ERR_NOT_FOUND (6): ' "$T/err"
expect_rc "a bad namespace exits 3" 3 "$MAIN" -n root/nosuch ecn
expect_rc "an unknown class exits 5" 5 "$MAIN" -n root/test ei NoSuch_Class

start_server err --error GetInstance:6
expect_rc "server error with CIM_Error exits 6" 6 "$URL" -n root/test gi 'TEST_Widget.InstanceID="W00001"'
check "  ... and shows MessageID, OwningEntity, RecommendedActions" sh -c \
	"grep -q 'MessageID: TST0006' '$T/err' && grep -q 'OwningEntity: cimomd' '$T/err' && grep -q 'RecommendedAction: ' '$T/err'"

start_server slow --delay-ms 4000
expect_rc "--timeout exits 75" 75 "$URL" -n root/test --timeout 1 ein TEST_Widget
start_server bad --hostile malformed
expect_rc "malformed XML exits 76" 76 "$URL" -n root/test ei TEST_Widget
start_server hostile --hostile escape-sequences
run "$URL" -n root/test ei TST_Hostile
check "hostile strings: MOF carries no raw control characters" no_raw_controls "$T/out"
check "  ... shows them escaped" grep -q 'x001B' "$T/out"
run "$URL" -n root/test ei TST_Hostile -f table
check "hostile strings: table carries no raw control characters" no_raw_controls "$T/out"
run "$URL" -n root/test ei TST_Hostile -f json
check "hostile strings: JSON stays valid" json_ok "$T/out" 1

# authentication, password sources, trace redaction
start_server auth --auth cimuser:s3cr3t-pw
CIMTUI_PASSWORD=s3cr3t-pw expect_rc "CIMTUI_PASSWORD is used" 0 --allow-http-basic -u cimuser "$URL" ns --trace "$T/trace"
check "the trace has the traffic" grep -q 'EnumerateInstances\|OpenEnumerateInstances' "$T/trace"
b64=$(printf 'cimuser:s3cr3t-pw' | base64)
check "the trace holds neither the password nor its Base64" sh -c \
	"! grep -q -e 's3cr3t-pw' -e '$b64' '$T/trace'"
CIMTUI_PASSWORD=wrong expect_rc "a wrong password exits 77" 77 --allow-http-basic -u cimuser "$URL" ns
mkdir -p "$XDG_CONFIG_HOME/cimtui"
printf '[connection testsrv]\nurl = %s\nuser = cimuser\npassword = s3cr3t-pw\nallow_http_basic = yes\n' "$URL" \
	>"$XDG_CONFIG_HOME/cimtui/config"
chmod 600 "$XDG_CONFIG_HOME/cimtui/config"
expect_rc "password from a named connection of the config file" 0 testsrv ns
rm -f "$XDG_CONFIG_HOME/cimtui/config"

# Ctrl-C: cancels, prints what arrived, exits 130
start_server stall --stall-after-bytes 30000 --bulk 100000
"$CIMTUI" "$URL" -n root/test ein TST_Bulk --no-pull >"$T/out" 2>"$T/err" &
pid=$!
wait_for "$T/out" 'TST_Bulk' 50
kill -INT "$pid"
i=0
while kill -0 "$pid" 2>/dev/null && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
if kill -0 "$pid" 2>/dev/null; then
	kill -KILL "$pid"
	not_ok "Ctrl-C ends a stalled operation within 5 s"
else
	ok "Ctrl-C ends a stalled operation within 5 s"
fi
wait "$pid"
rc=$?
check "  ... with exit status 130 (got $rc)" test "$rc" = 130
check "  ... after printing what had arrived" grep -q '^/root/test:TST_Bulk' "$T/out"

# WS-Management is not built in: a clear CIM_ERR_NOT_SUPPORTED, not a hang or a guess
expect_rc "a /wsman target is refused with CIM_ERR_NOT_SUPPORTED" 7 http://127.0.0.1:9/wsman ns
check "  ... saying WS-Management is not supported" grep -q 'WS-Management is not supported' "$T/err"
finish
